//! Writing to the store without losing anything.
//!
//! A claims file is a document people review in pull requests: `add` and
//! `import` append claims *as text*, after the last claim of the file's
//! `claims:` list, and leave every other byte (comments, order, quoting)
//! as it was. A write goes through four steps, under an exclusive lock on
//! `.recoupe/write.lock` so that concurrent writers take turns: read the
//! files as they are now, insert the new text, load the whole store as it
//! would be (every problem reported, nothing written if there is one), then
//! replace each file atomically (a temporary file in the same folder,
//! flushed, renamed over the old one). A reader never sees half a file, and
//! no writer works from a stale copy.

use super::cache;
use super::load;
use crate::error::{Error, Location, Problem};
use crate::yaml::{self, NodeKind};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// An exclusive hold on the store for writing; released when dropped.
pub struct WriteLock {
    file: std::fs::File,
    root: PathBuf,
}

impl WriteLock {
    /// Waits until no other process writes to the store at `root`.
    pub fn acquire(root: &Path) -> Result<WriteLock, Error> {
        let dir = cache::folder(root).map_err(|e| Error::io(&root.join(cache::DIR), e))?;
        let path = dir.join("write.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        file.lock().map_err(|e| Error::io(&path, e))?;
        Ok(WriteLock {
            file,
            root: root.to_path_buf(),
        })
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// A claim as it will be written: every field as text, references by id.
/// `import` builds it from a row and lets the loader judge the references;
/// `add` builds it from a resolved [`Draft`](super::Draft).
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimEntry {
    pub id: String,
    pub source: String,
    pub via: Option<String>,
    pub said_by: Option<String>,
    pub date: Option<String>,
    /// The question's id within its event's file.
    pub about: String,
    pub value: crate::value::Value,
    pub unit: Option<String>,
    pub text: String,
    pub lang: Option<String>,
    pub translation: Option<String>,
    pub supersedes: Option<String>,
    pub agrees_with: Vec<String>,
    pub contradicts: Vec<String>,
}

impl ClaimEntry {
    /// The entry of a resolved draft, or `None` if it lacks a source or a
    /// question.
    pub fn from_draft(store: &super::Store, draft: &super::Draft, id: &str) -> Option<ClaimEntry> {
        let name = |c: &super::ClaimIx| store.claim(*c).id.clone();
        Some(ClaimEntry {
            id: id.to_string(),
            source: store.source(draft.source?).id.clone(),
            via: draft.via.map(|v| store.source(v).id.clone()),
            said_by: draft.said_by.clone(),
            date: draft.date.map(|d| d.to_string()),
            about: store.question(draft.question?).id.clone(),
            value: draft.value.clone(),
            unit: draft.unit.clone(),
            text: draft.text.clone(),
            lang: draft.lang.clone(),
            translation: draft.translation.clone(),
            supersedes: draft.supersedes.as_ref().map(name),
            agrees_with: draft.agrees_with.iter().map(name).collect(),
            contradicts: draft.contradicts.iter().map(name).collect(),
        })
    }
}

/// An id for a new claim, `BASE` or `BASE-2`, `BASE-3`…: unused in the
/// store and in `taken` (ids already given out in the same write). The
/// base is reduced to valid id characters.
pub fn fresh_id(
    store: &super::Store,
    taken: &std::collections::HashSet<String>,
    base: &str,
) -> String {
    let mut clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    clean = clean
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string();
    if clean.is_empty() {
        clean = "claim".to_string();
    }
    let free = |id: &str| store.find_claim(id).is_none() && !taken.contains(id);
    if free(&clean) {
        return clean;
    }
    (2..)
        .map(|n| format!("{clean}-{n}"))
        .find(|id| free(id))
        .unwrap_or(clean)
}

/// A YAML list item to add, rendered at column 0 (`- id: …`, continuation
/// lines indented by two spaces), and where it came from (a row of an
/// imported file, the claim given to `add`), so that a problem found in it
/// can be reported against its origin.
#[derive(Debug, Clone)]
pub struct Item {
    pub text: String,
    pub origin: Location,
}

/// New text for one claims file.
#[derive(Debug, Clone, Default)]
pub struct Addition {
    /// The event id, for a file that does not exist yet.
    pub event: String,
    pub questions: Vec<Item>,
    pub claims: Vec<Item>,
}

/// Applies additions to claims files (paths relative to the root): checks
/// that the store stays valid, then replaces each file atomically. With a
/// problem, nothing is written and every problem is returned
/// ([`Error::Rejected`]); a problem inside an added item is reported at
/// the item's origin.
pub fn apply(lock: &WriteLock, additions: &BTreeMap<PathBuf, Addition>) -> Result<(), Error> {
    // Every new text is written and flushed to disk first; only then are
    // the files replaced, one rename each, so that a full disk or a failed
    // write leaves every file as it was.
    let staged = judge(lock, additions)?
        .into_iter()
        .map(|(file, text)| stage(&lock.root.join(&file), &text))
        .collect::<Result<Vec<_>, Error>>()?;
    for (path, tmp) in staged {
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        if let Some(dir) = path.parent() {
            // The rename itself, made durable.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
    }
    Ok(())
}

/// The problems the additions would cause, without writing anything.
pub fn problems(
    lock: &WriteLock,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<Vec<Problem>, Error> {
    match judge(lock, additions) {
        Ok(_) => Ok(Vec::new()),
        Err(Error::Rejected(problems)) => Ok(problems),
        Err(other) => Err(other),
    }
}

/// The new texts of the files, if the store stays valid with them.
fn judge(
    lock: &WriteLock,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<HashMap<PathBuf, String>, Error> {
    let root = &lock.root;
    let mut replaced: HashMap<PathBuf, String> = HashMap::new();
    // Where each added item landed: (file, first line, last line, origin).
    let mut placed: Vec<(PathBuf, usize, usize, Location)> = Vec::new();
    for (file, addition) in additions {
        let path = root.join(file);
        let current = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                Error::Rejected(vec![Problem {
                    at: Location::new(file, 0, 0),
                    message: "the file is not UTF-8 text (save it as UTF-8)".to_string(),
                }])
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                format!("event: {}\nquestions:\nclaims:\n", addition.event)
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let with_questions = insert_items(&current, "questions", &addition.questions)
            .map_err(|message| located(file, message))?;
        let questions_at = with_questions.first_line;
        let text = insert_items(&with_questions.text, "claims", &addition.claims)
            .map_err(|message| located(file, message))?;
        let claims_at = text.first_line;
        // Inserting the claims moved the questions down if the claims list
        // comes first in the file.
        let claim_lines: usize = addition.claims.iter().map(|i| i.text.lines().count()).sum();
        let mut line = if claims_at != 0 && claims_at <= questions_at {
            questions_at + claim_lines
        } else {
            questions_at
        };
        for item in &addition.questions {
            let n = item.text.lines().count().max(1);
            placed.push((file.clone(), line, line + n - 1, item.origin.clone()));
            line += n;
        }
        let mut line = claims_at;
        for item in &addition.claims {
            let n = item.text.lines().count().max(1);
            placed.push((file.clone(), line, line + n - 1, item.origin.clone()));
            line += n;
        }
        replaced.insert(file.clone(), text.text);
    }
    match load::load_replacing(root, &replaced) {
        Ok(_) => Ok(replaced),
        Err(Error::InvalidStore(problems)) => Err(Error::Rejected(relocate(problems, &placed))),
        Err(other) => Err(other),
    }
}

/// Reports a problem found inside an added item at the item's origin.
fn relocate(problems: Vec<Problem>, placed: &[(PathBuf, usize, usize, Location)]) -> Vec<Problem> {
    let mut out: Vec<Problem> = problems
        .into_iter()
        .map(|p| {
            let line = p.at.line as usize;
            match placed.iter().find(|(file, first, last, _)| {
                *file == p.at.file && (*first..=*last).contains(&line)
            }) {
                Some((_, _, _, origin)) => Problem {
                    at: origin.clone(),
                    message: p.message,
                },
                None => p,
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn located(file: &Path, message: String) -> Error {
    Error::Rejected(vec![Problem {
        at: Location::new(file, 0, 0),
        message,
    }])
}

/// The new text of a file in a temporary file beside it, flushed to disk,
/// with the old file's permissions; [`apply`] renames it over the file.
fn stage(path: &Path, text: &str) -> Result<(PathBuf, tempfile::NamedTempFile), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".recoupe-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    Ok((path.to_path_buf(), tmp))
}

/// A file's text with items inserted, and the (1-based) line where the
/// first inserted item starts.
struct Inserted {
    text: String,
    first_line: usize,
}

/// Inserts list items after the last item of the top-level `key:` list,
/// touching nothing else; adds the key at the end if the file has none.
/// Items are indented like the list's existing ones.
fn insert_items(text: &str, key: &str, items: &[Item]) -> Result<Inserted, String> {
    if items.is_empty() {
        return Ok(Inserted {
            text: text.to_string(),
            first_line: 0,
        });
    }
    let inserted = insert_text(text, key, items)?;
    keeps_everything(text, &inserted.text, key, items.len())?;
    Ok(inserted)
}

/// Checks that `after` holds exactly what `before` held, plus `added` new
/// items at the end of the `key:` list: the guard against an insertion
/// that would change an existing entry (a block scalar keeping its final
/// blank lines, say) however the text is laid out.
fn keeps_everything(before: &str, after: &str, key: &str, added: usize) -> Result<(), String> {
    let refuse = || {
        format!(
            "adding to this file would change what it already holds (near the end of its `{key}:` list); add the entry by hand"
        )
    };
    let (Ok(old), Ok(new)) = (yaml::parse_unlocated(before), yaml::parse_unlocated(after)) else {
        return Err(refuse());
    };
    let (NodeKind::Map(old), NodeKind::Map(mut new)) = (old.kind, new.kind) else {
        return Err(refuse());
    };
    let Some(slot) = new.iter().position(|(k, _)| k.as_str() == Some(key)) else {
        return Err(refuse());
    };
    let NodeKind::Seq(list) = &mut new[slot].1.kind else {
        return Err(refuse());
    };
    if list.len() < added {
        return Err(refuse());
    }
    list.truncate(list.len() - added);
    let was_empty = list.is_empty();
    // A file without the list, or with an empty `key:`, had no items.
    let old_without_key: Vec<_> = old
        .iter()
        .filter(|(k, _)| k.as_str() != Some(key))
        .cloned()
        .collect();
    let new_without_key: Vec<_> = new
        .iter()
        .filter(|(k, _)| k.as_str() != Some(key))
        .cloned()
        .collect();
    let old_list = old
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| &v.kind);
    let lists_match = match old_list {
        None | Some(NodeKind::Null) => was_empty,
        Some(kind) => *kind == new[slot].1.kind,
    };
    if lists_match && old_without_key == new_without_key {
        Ok(())
    } else {
        Err(refuse())
    }
}

/// The text with the items inserted (see [`insert_items`]).
fn insert_text(text: &str, key: &str, items: &[Item]) -> Result<Inserted, String> {
    if text.replace("\r\n", "\n").contains('\r') {
        return Err(
            "the file ends lines with a lone carriage return (old Mac style); save it with ordinary line endings so that entries can be added".to_string(),
        );
    }
    let doc = yaml::parse(text)
        .map_err(|e| format!("{}:{}: YAML syntax error: {}", e.line, e.column, e.message))?;
    let NodeKind::Map(entries) = &doc.kind else {
        return Err("a claims file is a mapping (event:, questions:, claims:)".to_string());
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let position = entries.iter().position(|(k, _)| k.as_str() == Some(key));
    let (insert_at, indent) = match position {
        None => {
            // No such list: add it at the end of the file.
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(key);
            out.push(':');
            out.push_str(newline);
            let first_line = out.lines().count() + 1;
            for item in items {
                out.push_str(&indented(&item.text, 2, newline));
            }
            return Ok(Inserted {
                text: out,
                first_line,
            });
        }
        Some(i) => {
            let (k, value) = &entries[i];
            let indent = match &value.kind {
                NodeKind::Seq(items) if !items.is_empty() => {
                    let first = &items[0];
                    let line = lines
                        .get((first.line as usize).saturating_sub(1))
                        .copied()
                        .unwrap_or_default();
                    if line.trim_start().starts_with('-') {
                        line.len() - line.trim_start().len()
                    } else {
                        return Err(format!(
                            "`{key}` is written as a flow list ([…]); write it as a block list (one `- ` item per line) so that items can be added"
                        ));
                    }
                }
                NodeKind::Seq(_) => {
                    return Err(format!(
                        "`{key}: []` is a flow list; write `{key}:` alone on its line so that items can be added"
                    ));
                }
                NodeKind::Null => 2,
                _ => return Err(format!("`{key}` must be a list")),
            };
            // The list ends where the next top-level key starts (or at the
            // end of the file); blank lines and comments at the margin just
            // before that belong to what follows, not to the last item.
            let mut end = entries
                .get(i + 1)
                .map_or(lines.len(), |(next, _)| {
                    (next.line as usize).saturating_sub(1)
                })
                .min(lines.len());
            let start = k.line as usize;
            while end > start {
                let line = lines[end - 1].trim_end();
                if line.is_empty() || line.starts_with('#') {
                    end -= 1;
                } else {
                    break;
                }
            }
            (end, indent)
        }
    };
    let added: usize = items.iter().map(|i| i.text.len()).sum();
    let mut out = String::with_capacity(text.len() + added + 64);
    for line in &lines[..insert_at] {
        out.push_str(line);
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    for item in items {
        out.push_str(&indented(&item.text, indent, newline));
    }
    for line in &lines[insert_at..] {
        out.push_str(line);
    }
    Ok(Inserted {
        text: out,
        first_line: insert_at + 1,
    })
}

/// Indents every line of a list item by `by` spaces, ending lines as the
/// file does (`\n`, or `\r\n` for a file written on Windows).
fn indented(item: &str, by: usize, newline: &str) -> String {
    let pad = " ".repeat(by);
    let mut out = String::with_capacity(item.len() + 8 * by);
    for line in item.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<Item> {
        texts
            .iter()
            .map(|t| Item {
                text: t.to_string(),
                origin: Location::new(Path::new("test"), 1, 0),
            })
            .collect()
    }

    const FILE: &str = "\
# A story.
event: raid
questions:
  - id: toll   # the toll
    ask: How many?
    kind: count

# The claims, oldest first.
claims:
  - id: a
    source: s
    about: toll
    text: \"x\"   # quoted on purpose

# trailing comment
";

    #[test]
    fn items_go_after_the_last_claim_and_nothing_else_moves() {
        let out = insert_items(
            FILE,
            "claims",
            &items(&["- id: b\n  source: s\n  about: toll\n  text: y"]),
        )
        .unwrap();
        assert_eq!(out.first_line, 14);
        let out = out.text;
        let expected = FILE.replace(
            "    text: \"x\"   # quoted on purpose\n",
            "    text: \"x\"   # quoted on purpose\n  - id: b\n    source: s\n    about: toll\n    text: y\n",
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn questions_go_before_the_comments_of_the_next_key() {
        let out = insert_items(
            FILE,
            "questions",
            &items(&["- id: q2\n  ask: Who?\n  kind: text"]),
        )
        .unwrap()
        .text;
        assert!(
            out.contains(
                "    kind: count\n  - id: q2\n    ask: Who?\n    kind: text\n\n# The claims"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_missing_list_is_added_at_the_end() {
        let out = insert_items("event: e\n", "claims", &items(&["- id: a"])).unwrap();
        assert_eq!(
            (out.text.as_str(), out.first_line),
            ("event: e\nclaims:\n  - id: a\n", 3)
        );
        let out = insert_items("event: e\nclaims:\n", "claims", &items(&["- id: a"])).unwrap();
        assert_eq!(
            (out.text.as_str(), out.first_line),
            ("event: e\nclaims:\n  - id: a\n", 3)
        );
    }

    #[test]
    fn the_existing_indentation_is_kept() {
        let out = insert_items(
            "event: e\nclaims:\n- id: a\n",
            "claims",
            &items(&["- id: b"]),
        )
        .unwrap();
        assert_eq!(out.text, "event: e\nclaims:\n- id: a\n- id: b\n");
    }

    #[test]
    fn a_block_scalar_keeping_its_blank_lines_is_not_changed() {
        let file = "event: e\nclaims:\n  - id: a\n    text: |+\n      five\n\n\n";
        let err = insert_items(file, "claims", &items(&["- id: b\n  text: x"]))
            .map(|_| ())
            .unwrap_err();
        assert!(err.contains("would change what it already holds"), "{err}");
    }

    #[test]
    fn lone_carriage_returns_are_refused_not_a_panic() {
        let file = "event: e\nclaims:\n  - id: c1\r    source: a\r";
        let err = insert_items(file, "claims", &items(&["- id: b"]))
            .map(|_| ())
            .unwrap_err();
        assert!(err.contains("lone carriage return"), "{err}");
    }

    #[test]
    fn windows_line_endings_are_kept() {
        let out = insert_items(
            "event: e\r\nclaims:\r\n  - id: a\r\n",
            "claims",
            &items(&["- id: b\n  source: s"]),
        )
        .unwrap();
        assert_eq!(
            out.text,
            "event: e\r\nclaims:\r\n  - id: a\r\n  - id: b\r\n    source: s\r\n"
        );
    }

    #[test]
    fn flow_lists_are_refused_with_a_reason() {
        let err = insert_items(
            "event: e\nclaims: [{id: a}]\n",
            "claims",
            &items(&["- id: b"]),
        )
        .map(|_| ())
        .unwrap_err();
        assert!(err.contains("flow list"), "{err}");
    }
}
