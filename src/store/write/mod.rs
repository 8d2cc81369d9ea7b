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
//!
//! What is written is rendered by `items` (a claim or a question as a YAML
//! list item); where it goes in the text, and the check that nothing else
//! moved, is `insert`. This file is the transaction around them.

mod insert;
mod items;

pub use items::{ClaimItem, claim_item, fresh_id, question_item};

use super::{Store, cache, load};
use crate::error::{Error, Location, Problem};
use insert::insert_items;
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

/// A YAML list item to add, rendered at column 0 (`- id: …`, continuation
/// lines indented by two spaces), and where it came from (a row of an
/// imported file, the claim given to `add`), so that a problem found in it
/// can be reported against its origin.
#[derive(Debug, Clone)]
pub struct Item {
    /// The item's YAML text (from [`claim_item`] or [`question_item`]).
    pub text: String,
    /// Where it came from, for its problems.
    pub origin: Location,
}

/// New text for one claims file.
#[derive(Debug, Clone, Default)]
pub struct Addition {
    /// The event id, for a file that does not exist yet.
    pub event: String,
    /// Questions to add to its `questions:` list.
    pub questions: Vec<Item>,
    /// Claims to add to its `claims:` list.
    pub claims: Vec<Item>,
}

/// Applies additions to claims files (paths relative to the root): checks
/// that the store stays valid, then replaces each file atomically. With a
/// problem, nothing is written and every problem is returned
/// ([`Error::Rejected`]); a problem inside an added item is reported at
/// the item's origin. Returns the store as written (see [`Store::keep`]).
pub fn apply(lock: &WriteLock, additions: &BTreeMap<PathBuf, Addition>) -> Result<Store, Error> {
    // Every new text is written and flushed to disk first; only then are
    // the files replaced, one rename each, so that a full disk or a failed
    // write leaves every file as it was.
    let (texts, store) = judge(lock, additions)?;
    let staged = texts
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
    Ok(store)
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

/// The new texts of the files, if the store stays valid with them, and
/// the store they make.
fn judge(
    lock: &WriteLock,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<(HashMap<PathBuf, String>, Store), Error> {
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
        let with_questions = insert_items(&current, "questions", &texts(&addition.questions))
            .map_err(|message| located(file, message))?;
        let questions_at = with_questions.first_line;
        let text = insert_items(&with_questions.text, "claims", &texts(&addition.claims))
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
        Ok(store) => Ok((replaced, store)),
        Err(Error::InvalidStore(problems)) => Err(Error::Rejected(relocate(problems, &placed))),
        Err(other) => Err(other),
    }
}

/// The texts of the items.
fn texts(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.text.as_str()).collect()
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
