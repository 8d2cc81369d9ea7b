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
        let dir = root.join(cache::DIR);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
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

/// New text for one claims file: question and claim entries, each already
/// rendered as YAML list items at column 0 (`- id: …`, continuation lines
/// indented by two spaces).
#[derive(Debug, Clone, Default)]
pub struct Addition {
    /// The event id, for a file that does not exist yet.
    pub event: String,
    pub questions: Vec<String>,
    pub claims: Vec<String>,
}

/// Applies additions to claims files (paths relative to the root): checks
/// that the store stays valid, then replaces each file atomically. With a
/// problem, nothing is written and every problem is returned.
pub fn apply(lock: &WriteLock, additions: &BTreeMap<PathBuf, Addition>) -> Result<(), Error> {
    let root = &lock.root;
    let mut replaced: HashMap<PathBuf, String> = HashMap::new();
    for (file, addition) in additions {
        let path = root.join(file);
        let current = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                Error::InvalidStore(vec![Problem {
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
        let text = insert_items(&with_questions, "claims", &addition.claims)
            .map_err(|message| located(file, message))?;
        replaced.insert(file.clone(), text);
    }
    load::load_replacing(root, &replaced)?;
    for (file, text) in replaced {
        replace_file(&root.join(&file), &text)?;
    }
    Ok(())
}

fn located(file: &Path, message: String) -> Error {
    Error::InvalidStore(vec![Problem {
        at: Location::new(file, 0, 0),
        message,
    }])
}

/// Replaces a file atomically: a temporary file beside it, flushed to disk,
/// then renamed over it.
fn replace_file(path: &Path, text: &str) -> Result<(), Error> {
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
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Inserts list items after the last item of the top-level `key:` list,
/// touching nothing else; adds the key at the end if the file has none.
/// Items are indented like the list's existing ones.
fn insert_items(text: &str, key: &str, items: &[String]) -> Result<String, String> {
    if items.is_empty() {
        return Ok(text.to_string());
    }
    let doc = yaml::parse(text)
        .map_err(|e| format!("{}:{}: YAML syntax error: {}", e.line, e.column, e.message))?;
    let NodeKind::Map(entries) = &doc.kind else {
        return Err("a claims file is a mapping (event:, questions:, claims:)".to_string());
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let position = entries.iter().position(|(k, _)| k.as_str() == Some(key));
    let (insert_at, indent) = match position {
        None => {
            // No such list: add it at the end of the file.
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(key);
            out.push_str(":\n");
            for item in items {
                out.push_str(&indented(item, 2));
            }
            return Ok(out);
        }
        Some(i) => {
            let (k, value) = &entries[i];
            let indent = match &value.kind {
                NodeKind::Seq(items) if !items.is_empty() => {
                    let first = &items[0];
                    let line = lines
                        .get(first.line as usize - 1)
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
                .map_or(lines.len(), |(next, _)| next.line as usize - 1);
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
    let mut out =
        String::with_capacity(text.len() + items.iter().map(String::len).sum::<usize>() + 64);
    for line in &lines[..insert_at] {
        out.push_str(line);
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for item in items {
        out.push_str(&indented(item, indent));
    }
    for line in &lines[insert_at..] {
        out.push_str(line);
    }
    Ok(out)
}

/// Indents every line of a list item by `by` spaces.
fn indented(item: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    let mut out = String::with_capacity(item.len() + 8 * by);
    for line in item.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
            &["- id: b\n  source: s\n  about: toll\n  text: y".to_string()],
        )
        .unwrap();
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
            &["- id: q2\n  ask: Who?\n  kind: text".to_string()],
        )
        .unwrap();
        assert!(
            out.contains(
                "    kind: count\n  - id: q2\n    ask: Who?\n    kind: text\n\n# The claims"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_missing_list_is_added_at_the_end() {
        let out = insert_items("event: e\n", "claims", &["- id: a".to_string()]).unwrap();
        assert_eq!(out, "event: e\nclaims:\n  - id: a\n");
        let out = insert_items("event: e\nclaims:\n", "claims", &["- id: a".to_string()]).unwrap();
        assert_eq!(out, "event: e\nclaims:\n  - id: a\n");
    }

    #[test]
    fn the_existing_indentation_is_kept() {
        let out = insert_items(
            "event: e\nclaims:\n- id: a\n",
            "claims",
            &["- id: b".to_string()],
        )
        .unwrap();
        assert_eq!(out, "event: e\nclaims:\n- id: a\n- id: b\n");
    }

    #[test]
    fn flow_lists_are_refused_with_a_reason() {
        let err = insert_items(
            "event: e\nclaims: [{id: a}]\n",
            "claims",
            &["- id: b".to_string()],
        )
        .unwrap_err();
        assert!(err.contains("flow list"), "{err}");
    }
}
