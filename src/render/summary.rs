//! The one-line summaries commands print around their data: what a valid
//! store holds, how many problems a broken one has, what an import wrote.

use super::layout::plural;
use crate::escape::escape;
use crate::store::Store;
use crate::store::write::Addition;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `validate` on a valid store: "ROOT: valid (3 sources, 1 event, …)".
pub fn valid_store(root: &Path, store: &Store) -> String {
    format!(
        "{}: valid ({}, {}, {}, {})",
        escape(&root.display().to_string()),
        plural(store.sources().len(), "source", "sources"),
        plural(store.event_count(), "event", "events"),
        plural(store.question_count(), "question", "questions"),
        plural(store.claim_count(), "claim", "claims"),
    )
}

/// `validate`'s warning for a claim that repeats an earlier statement of
/// its source (DESIGN §10): "claims/x.yaml:12:7: warning: f24 repeats
/// ocha-11300 (ocha's figure of 2023-09-16, revised by ocha-3958): not a
/// revision, never the source's current claim".
pub fn repeat_warning(store: &Store, repeat: &crate::graph::Repeat) -> String {
    let claim = store.claim(repeat.claim);
    let repeated = store.claim(repeat.repeats);
    let when = repeated
        .date
        .map_or("undated".to_string(), |d| d.to_string());
    let revised = repeat.since_revised_to.map_or(String::new(), |r| {
        format!(", revised by {}", escape(&store.claim(r).id))
    });
    format!(
        "{}: warning: {} repeats {} ({}'s figure of {when}{revised}): not a revision, never the source's current claim",
        claim.at,
        escape(&claim.id),
        escape(&repeated.id),
        escape(&store.source(claim.source).id),
    )
}

/// `validate` on a broken store: "recoupe: 2 problems in the store".
pub fn problems_found(count: usize) -> String {
    format!(
        "recoupe: {} in the store",
        plural(count, "problem", "problems")
    )
}

/// What `import` wrote, one line per claims file
/// ("claims/raid.yaml: 2 claims, 1 new question"), each followed by the
/// ids of the claims it created, one per line, indented.
pub fn imported_files(
    out: &mut dyn Write,
    additions: &BTreeMap<PathBuf, Addition>,
    ids: &BTreeMap<PathBuf, Vec<String>>,
) -> io::Result<()> {
    for (file, addition) in additions {
        let questions = match addition.questions.len() {
            0 => String::new(),
            n => format!(", {}", plural(n, "new question", "new questions")),
        };
        writeln!(
            out,
            "{}: {}{questions}",
            escape(&file.display().to_string()),
            plural(addition.claims.len(), "claim", "claims"),
        )?;
        for id in ids.get(file).into_iter().flatten() {
            writeln!(out, "  {}", escape(id))?;
        }
    }
    Ok(())
}

/// The import's last word: "recoupe: imported 3 claims from feed.csv".
pub fn imported(claims: usize, file: &Path) -> String {
    format!(
        "recoupe: imported {} from {}",
        plural(claims, "claim", "claims"),
        escape(&file.display().to_string())
    )
}

/// `add`'s last word: "recoupe: added `ID` to claims/FILE.yaml".
pub fn added(id: &str, file: &Path) -> String {
    format!(
        "recoupe: added `{id}` to {}",
        escape(&file.display().to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        let store = Store::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert_eq!(
            valid_store(Path::new("s"), &store),
            "s: valid (3 sources, 1 event, 10 questions, 13 claims)"
        );
        assert_eq!(problems_found(1), "recoupe: 1 problem in the store");
        assert_eq!(problems_found(2), "recoupe: 2 problems in the store");
    }
}
