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
//! The lock only keeps recoupe's own writers apart: an editor that saves
//! the file in place does not take it. So just before the renames, each
//! file is read again and compared with what the write started from; if
//! one changed, the write starts over from the new text (a few times),
//! then gives up with a plain message; a stale copy is never renamed over
//! a newer file. A claims file that is a symbolic link stays one: the
//! temporary file is made beside the link's target and renamed over it,
//! with the target's owner and mode.
//!
//! What is written is rendered by `items` (a claim or a question as a YAML
//! list item); where it goes in the text, and the check that nothing else
//! moved, is `insert`. This file is the transaction around them.

mod incremental;
mod insert;
mod items;

pub use items::{ClaimItem, claim_item, fresh_id, question_item};

use super::stamp::Stamp;
use super::{Store, cache, load, paged};
use crate::error::{Error, Location, Problem};
use insert::insert_items;
use std::collections::{BTreeMap, HashMap};
use std::io::{ErrorKind, Write};
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
    apply_with(lock, None, additions)
}

/// As [`apply`], for additions planned against `before`, the store as the
/// command opened it under `lock`: when it came from a cache that matches
/// the files, the write is judged by the changed files alone against that
/// cache, and the cache of the new store is made from the old one in the
/// same locked step (the returned store is opened from it); else, or if
/// anything does not fit that shape, the whole store is read, as
/// [`apply`] does. Either way the judgment and the store returned are
/// those of a fresh load of the files as written.
pub fn apply_to(
    lock: &WriteLock,
    before: &Store,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<Store, Error> {
    apply_with(lock, Some(before), additions)
}

fn apply_with(
    lock: &WriteLock,
    before: Option<&Store>,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<Store, Error> {
    // Every new text is written and flushed to disk first; only then are
    // the files replaced, one rename each, so that a full disk or a failed
    // write leaves every file as it was.
    let mut attempt = 1;
    loop {
        match commit(prepare_with(lock, before, additions)?) {
            Err(Error::Changed(_)) if attempt < ATTEMPTS => attempt += 1,
            done => return done,
        }
    }
}

/// How many times a write starts over when a file changes under it.
const ATTEMPTS: usize = 3;

/// A write ready to be committed: every new text staged in a temporary
/// file beside its target, with what the target held when it was read.
pub struct Prepared {
    staged: Vec<Staged>,
    /// The store the files will make, as judged.
    judged: Judged,
    root: PathBuf,
}

/// What a write was judged with.
enum Judged {
    /// The whole store as the files will make it.
    Loaded(Box<Store>),
    /// The changed files alone, against the cache of this stamp: what to
    /// splice into it.
    Spliced(Stamp, paged::Splice),
}

/// One file of a [`Prepared`] write.
struct Staged {
    /// The file as the store names it (relative to the root), for messages.
    file: PathBuf,
    /// The file written to: the store's file, or its target if it is a link.
    target: PathBuf,
    /// What the target held when the write read it (`None`: no file).
    read: Option<Vec<u8>>,
    tmp: tempfile::NamedTempFile,
}

/// The first half of [`apply`]: reads the files, judges the store as it
/// would be, and stages every new text; nothing is replaced yet.
pub fn prepare(
    lock: &WriteLock,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<Prepared, Error> {
    prepare_with(lock, None, additions)
}

fn prepare_with(
    lock: &WriteLock,
    before: Option<&Store>,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<Prepared, Error> {
    let (texts, read, judged) = judge_read(lock, before, additions)?;
    let mut staged = Vec::with_capacity(texts.len());
    for (file, text) in texts {
        let target = target_of(&lock.root.join(&file));
        let tmp = stage(&file, &target, &text)?;
        let read = read.get(&file).cloned().flatten();
        staged.push(Staged {
            file,
            target,
            read,
            tmp,
        });
    }
    staged.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Prepared {
        staged,
        judged,
        root: lock.root.clone(),
    })
}

/// The second half of [`apply`]: if no file changed since it was read,
/// renames every staged text over its file; if one did, nothing is
/// replaced and the error is [`Error::Changed`].
pub fn commit(prepared: Prepared) -> Result<Store, Error> {
    let Prepared {
        staged,
        judged,
        root,
    } = prepared;
    let changed: Vec<PathBuf> = staged.iter().map(|s| s.file.clone()).collect();
    for s in &staged {
        let now = match std::fs::read(&s.target) {
            Ok(bytes) => Some(bytes),
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => None,
            Err(e) => return Err(unwritten(&s.file, &e)),
        };
        if now != s.read {
            return Err(Error::Changed(s.file.clone()));
        }
    }
    for s in staged {
        s.tmp
            .persist(&s.target)
            .map_err(|e| unwritten(&s.file, &e.error))?;
        if let Some(dir) = s.target.parent() {
            // The rename itself, made durable.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
    }
    match judged {
        Judged::Loaded(store) => Ok(*store),
        // The files are written; if the cache cannot follow them, they
        // are read as they now are.
        Judged::Spliced(stamp, splice) => match cache::spliced(&root, &stamp, &changed, &splice) {
            Some(store) => Ok(store),
            None => load::load(&root),
        },
    }
}

/// The file a write replaces: the target of a symbolic link (followed to
/// the end), else the path itself.
fn target_of(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// A file that could not be written: its store name and the system's
/// reason, once, in words.
fn unwritten(file: &Path, e: &std::io::Error) -> Error {
    Error::Unwritten {
        path: file.to_path_buf(),
        reason: plain_io(e),
    }
}

/// What the system said, without its error number: "No space left on
/// device", "Read-only file system".
pub(crate) fn plain_io(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The problems the additions would cause, without writing anything.
pub fn problems(
    lock: &WriteLock,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<Vec<Problem>, Error> {
    match judge_read(lock, None, additions) {
        Ok(_) => Ok(Vec::new()),
        Err(Error::Rejected(problems)) => Ok(problems),
        Err(other) => Err(other),
    }
}

/// What each file held when read (`None`: no file yet).
type Read = HashMap<PathBuf, Option<Vec<u8>>>;

/// The new texts of the files, if the store stays valid with them, what
/// each file held when it was read, and what the write was judged with.
fn judge_read(
    lock: &WriteLock,
    before: Option<&Store>,
    additions: &BTreeMap<PathBuf, Addition>,
) -> Result<(HashMap<PathBuf, String>, Read, Judged), Error> {
    let root = &lock.root;
    let mut replaced: HashMap<PathBuf, String> = HashMap::new();
    let mut read: Read = HashMap::new();
    // Where each added item landed: (file, first line, last line, origin).
    let mut placed: Vec<(PathBuf, usize, usize, Location)> = Vec::new();
    for (file, addition) in additions {
        let path = root.join(file);
        let current = match std::fs::read(&path) {
            Ok(bytes) => {
                read.insert(file.clone(), Some(bytes.clone()));
                String::from_utf8(bytes).map_err(|_| {
                    Error::Rejected(vec![Problem {
                        at: Location::new(file, 0, 0),
                        message: "the file is not UTF-8 text (save it as UTF-8)".to_string(),
                    }])
                })?
            }
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                // No file yet (staging it will say if it cannot be made).
                read.insert(file.clone(), None);
                format!("event: {}\nquestions:\nclaims:\n", addition.event)
            }
            Err(e) => return Err(unwritten(file, &e)),
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
    let existing = read.values().all(Option::is_some);
    let additions_fit = additions
        .values()
        .all(|a| a.questions.is_empty() && !a.claims.is_empty());
    if existing
        && additions_fit
        && let Some(before) = before
        && let Some(stamp) = before.stamp()
        && let Some(splice) = incremental::judge(root, before, &replaced)
    {
        let stamp = stamp.clone();
        return Ok((replaced, read, Judged::Spliced(stamp, splice)));
    }
    match load::load_replacing(root, &replaced) {
        Ok(store) => Ok((replaced, read, Judged::Loaded(Box::new(store)))),
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

/// The new text of `file` (as the store names it) in a temporary file
/// beside `target`, flushed to disk, with the old file's owner and mode;
/// [`commit`] renames it over the target. Any failure names `file`.
fn stage(file: &Path, target: &Path, text: &str) -> Result<tempfile::NamedTempFile, Error> {
    let fail = |e: std::io::Error| unwritten(file, &e);
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".recoupe-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(target) {
        keep_owner_and_mode(tmp.as_file(), &meta);
    }
    Ok(tmp)
}

/// Gives the new file the old one's owner and mode. Best effort: a user
/// may not be allowed to give a file away, and then it is theirs.
#[cfg(unix)]
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    let _ = file.set_permissions(old.permissions());
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) {
    let _ = file.set_permissions(old.permissions());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    const SOURCES: &str = "sources:\n  - {id: monitor-a, kind: monitor}\n";
    const RAID: &str = "event: raid\nquestions:\n  - {id: toll, ask: How many?, kind: count}\nclaims:\n  - {id: a, source: monitor-a, about: toll, value: 3, text: t}\n";

    fn store() -> tempfile::TempDir {
        crate::testing::store_folder(SOURCES, &[("raid.yaml", RAID)])
    }

    fn one_claim(file: &str, id: &str) -> BTreeMap<PathBuf, Addition> {
        let item = Item {
            text: format!(
                "- id: {id}\n  source: monitor-a\n  about: toll\n  value: 4\n  text: u\n"
            ),
            origin: Location::new(Path::new("the new claim"), 0, 0),
        };
        BTreeMap::from([(
            PathBuf::from(file),
            Addition {
                event: "raid".to_string(),
                questions: Vec::new(),
                claims: vec![item],
            },
        )])
    }

    /// Four events: the first and third hold analyst links (links join
    /// claims of one question, so of one file; those of the third name
    /// claims whose indices move), the second a revision and its claims
    /// before its questions, and the last a question and no claim yet.
    fn linked_store() -> tempfile::TempDir {
        let files = [
            (
                "a-first.yaml",
                "event: a-first\nquestions:\n  - {id: toll, ask: How many?, kind: count}\nclaims:\n  - {id: a1, source: monitor-a, about: toll, value: 3, text: t, agrees_with: [a2]}\n  - {id: a2, source: wire-b, about: toll, value: 4, text: t}\n",
            ),
            (
                "b-middle.yaml",
                "event: b-middle\nclaims:\n  - {id: b1, source: monitor-a, about: toll, value: 5, date: 2020-01-01, text: t}\n  - {id: b2, source: monitor-a, about: toll, value: 6, date: 2020-01-02, supersedes: b1, text: t}\nquestions:\n  - {id: toll, ask: How many?, kind: count}\n  - {id: hurt, ask: How many hurt?, kind: count}\n",
            ),
            (
                "c-last.yaml",
                "event: c-last\nquestions:\n  - {id: toll, ask: How many?, kind: count}\nclaims:\n  - {id: c1, source: wire-b, about: toll, value: 70, text: t, contradicts: [c2]}\n  - {id: c2, source: monitor-a, about: toll, value: 8, text: t, agrees_with: [c1]}\n",
            ),
            (
                "d-empty.yaml",
                "event: d-empty\nquestions:\n  - {id: toll, ask: How many?, kind: count}\nclaims:\n",
            ),
        ];
        crate::testing::store_folder(
            "sources:\n  - {id: monitor-a, kind: monitor}\n  - {id: wire-b, kind: wire}\n",
            &files,
        )
    }

    fn claim_in(event: &str, id: &str, extra: &str) -> (PathBuf, Addition) {
        let item = Item {
            text: format!(
                "- id: {id}\n  source: monitor-a\n  about: toll\n  value: 9\n  date: 2020-02-01\n  text: u\n{extra}"
            ),
            origin: Location::new(Path::new("the new claim"), 0, 0),
        };
        (
            PathBuf::from(format!("claims/{event}.yaml")),
            Addition {
                event: event.to_string(),
                questions: Vec::new(),
                claims: vec![item],
            },
        )
    }

    /// Everything a store holds, as text, to compare two of them.
    fn whole(store: &Store) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}",
            store.sources(),
            store.events(),
            store.questions(),
            store.claims()
        )
    }

    #[test]
    fn a_write_judged_against_the_cache_makes_the_store_a_fresh_load_makes() {
        for additions in [
            vec![claim_in("b-middle", "b3", "  supersedes: b2\n")],
            vec![claim_in("a-first", "a3", "")],
            vec![claim_in("d-empty", "d1", "")],
            vec![
                claim_in("a-first", "a4", ""),
                claim_in("c-last", "c3", "  agrees_with: [c1]\n"),
            ],
        ] {
            let dir = linked_store();
            Store::open(dir.path()).unwrap();
            let before = Store::open(dir.path()).unwrap();
            assert!(before.paged.is_some(), "opened from the cache");
            let lock = WriteLock::acquire(dir.path()).unwrap();
            let additions: BTreeMap<_, _> = additions.into_iter().collect();
            let written = apply_to(&lock, &before, &additions).unwrap();
            assert!(
                written.paged.is_some(),
                "{additions:?}: spliced, not loaded"
            );
            let fresh = Store::load(dir.path()).unwrap();
            assert_eq!(whole(&written), whole(&fresh), "{additions:?}");
            // The next open reads that cache, and it is the fresh store.
            let next = Store::open(dir.path()).unwrap();
            assert!(next.paged.is_some());
            assert_eq!(whole(&next), whole(&fresh));
            for c in fresh.claim_ixs() {
                assert_eq!(next.find_claim(&fresh.claim(c).id), Some(c));
            }
            for e in fresh.event_ixs() {
                assert_eq!(next.find_event(&fresh.event(e).id), Some(e));
            }
        }
    }

    /// A store of `shape[e]` claims per event (two questions each), the
    /// claims spread over two sources, every third one revising the
    /// claim before it when that one has the same source and question.
    fn store_of(shape: &[usize]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("sources.yaml"),
            "sources:\n  - {id: monitor-a, kind: monitor}\n  - {id: wire-b, kind: wire}\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        for (e, &n) in shape.iter().enumerate() {
            let mut text = format!(
                "event: e{e}\nquestions:\n  - {{id: q0, ask: How many?, kind: count}}\n  - {{id: q1, ask: How many hurt?, kind: count}}\nclaims:\n"
            );
            for c in 0..n {
                let source = ["monitor-a", "wire-b"][c % 2];
                let revision = if c >= 2 && c % 3 == 2 {
                    format!(", supersedes: e{e}c{}", c - 2)
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "  - {{id: e{e}c{c}, source: {source}, about: q{}, value: {}, date: 2020-01-{:02}, text: t{revision}}}\n",
                    (c / 2) % 2 * usize::from(revision.is_empty()),
                    c + 1,
                    c + 1
                ));
            }
            std::fs::write(dir.path().join(format!("claims/e{e}.yaml")), text).unwrap();
        }
        dir
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn whatever_is_appended_the_cache_is_a_fresh_load(
            shape in proptest::collection::vec(0usize..6, 1..5),
            targets in proptest::collection::vec((0usize..5, 0usize..2, proptest::bool::ANY), 1..4),
        ) {
            let dir = store_of(&shape);
            proptest::prop_assume!(Store::open(dir.path()).is_ok());
            let before = Store::open(dir.path()).unwrap();
            let mut additions: BTreeMap<PathBuf, Addition> = BTreeMap::new();
            for (n, &(e, q, revise)) in targets.iter().enumerate() {
                let e = e % shape.len();
                let last = shape[e].checked_sub(1).filter(|_| revise);
                let extra = match last {
                    Some(c) => format!("  supersedes: e{e}c{c}\n"),
                    None => String::new(),
                };
                let (file, mut addition) = claim_in(&format!("e{e}"), &format!("new{n}"), &extra);
                addition.claims[0].text = addition.claims[0].text.replace(
                    "about: toll",
                    &format!("about: q{q}"),
                ).replace("monitor-a", ["monitor-a", "wire-b"][last.map_or(n % 2, |c| c % 2)]);
                additions.entry(file).or_insert_with(|| Addition { claims: Vec::new(), ..addition.clone() })
                    .claims.push(addition.claims.remove(0));
            }
            let lock = WriteLock::acquire(dir.path()).unwrap();
            let files = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
                let mut all: Vec<_> = std::fs::read_dir(dir.join("claims")).unwrap()
                    .map(|f| f.unwrap().path())
                    .chain([dir.join(".recoupe/store.pages")])
                    .map(|p| { let bytes = std::fs::read(&p).unwrap(); (p, bytes) })
                    .collect();
                all.sort();
                all
            };
            let was = files(dir.path());
            let done = apply_to(&lock, &before, &additions);
            if done.is_err() {
                // Refused: every file and the cache as they were.
                proptest::prop_assert!(files(dir.path()) == was);
            }
            if let Ok(written) = done {
                let fresh = Store::load(dir.path()).unwrap();
                proptest::prop_assert_eq!(whole(&written), whole(&fresh));
                let next = Store::open(dir.path()).unwrap();
                proptest::prop_assert_eq!(whole(&next), whole(&fresh));
                for c in fresh.claim_ixs() {
                    proptest::prop_assert_eq!(next.find_claim(&fresh.claim(c).id), Some(c));
                }
            }
        }
    }

    #[test]
    fn a_write_that_reaches_outside_its_file_is_judged_whole() {
        let dir = linked_store();
        let _ = Store::open(dir.path()).unwrap();
        let before = Store::open(dir.path()).unwrap();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        // A new question: read whole, and still right.
        let (file, mut addition) = claim_in("b-middle", "b3", "");
        addition.questions.push(Item {
            text: "- {id: missing, ask: How many missing?, kind: count}\n".into(),
            origin: Location::new(Path::new("the new claim"), 0, 0),
        });
        let additions = BTreeMap::from([(file, addition)]);
        let written = apply_to(&lock, &before, &additions).unwrap();
        assert!(written.paged.is_none(), "loaded whole");
        assert_eq!(whole(&written), whole(&Store::load(dir.path()).unwrap()));
        // A link to another file's claim: refused by the whole store's rules.
        let before = Store::open(dir.path()).unwrap();
        let additions =
            BTreeMap::from([claim_in("b-middle", "b4", "  agrees_with: [c-last/c1]\n")]);
        assert!(matches!(
            apply_to(&lock, &before, &additions),
            Err(Error::Rejected(_))
        ));
        // An id another file holds: refused, located, nothing written.
        let before = Store::open(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("claims/a-first.yaml")).unwrap();
        let additions = BTreeMap::from([claim_in("a-first", "c2", "")]);
        let err = apply_to(&lock, &before, &additions).unwrap_err();
        assert!(matches!(err, Error::Rejected(_)), "{err}");
        assert!(err.to_string().contains("c2"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("claims/a-first.yaml")).unwrap(),
            text
        );
    }

    #[test]
    fn a_file_saved_after_it_was_read_is_never_replaced_by_a_stale_copy() {
        let dir = store();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        let file = dir.path().join("claims/raid.yaml");
        let prepared = prepare(&lock, &one_claim("claims/raid.yaml", "b")).unwrap();
        // An editor saves the file in place between the read and the rename.
        let edited =
            format!("{RAID}  - {{id: z, source: monitor-a, about: toll, value: 5, text: v}}\n");
        std::fs::write(&file, &edited).unwrap();
        let err = commit(prepared).unwrap_err();
        assert!(matches!(err, Error::Changed(_)), "{err}");
        assert!(err.to_string().contains("nothing was changed"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
        // Starting over works from the new text: the editor's claim stays.
        apply(&lock, &one_claim("claims/raid.yaml", "b")).unwrap();
        let now = std::fs::read_to_string(&file).unwrap();
        assert!(now.contains("id: z") && now.contains("id: b"), "{now}");
    }

    #[test]
    fn a_linked_claims_file_stays_a_link_and_its_target_gets_the_claim() {
        let dir = store();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = elsewhere.path().join("raid.yaml");
        let link = dir.path().join("claims/raid.yaml");
        std::fs::rename(&link, &target).unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        apply(&lock, &one_claim("claims/raid.yaml", "b")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(std::fs::read_to_string(&target).unwrap().contains("id: b"));
        // No temporary file left in either folder.
        for d in [dir.path().join("claims"), elsewhere.path().to_path_buf()] {
            let names: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names.len(), 1, "{names:?}");
        }
    }

    #[test]
    fn the_mode_and_owner_of_a_claims_file_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = store();
        let file = dir.path().join("claims/raid.yaml");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let before = std::fs::metadata(&file).unwrap();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        apply(&lock, &one_claim("claims/raid.yaml", "b")).unwrap();
        let after = std::fs::metadata(&file).unwrap();
        assert_eq!(after.permissions().mode() & 0o7777, 0o640);
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_ne!(
            after.ino(),
            before.ino(),
            "replaced atomically, not in place"
        );
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named_once_and_nothing_changes() {
        let dir = store();
        // `claims/sub` is a file: `claims/sub/new.yaml` cannot be created.
        std::fs::write(dir.path().join("claims/sub"), "").unwrap();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        let mut additions = one_claim("claims/sub/new.yaml", "b");
        additions
            .get_mut(Path::new("claims/sub/new.yaml"))
            .unwrap()
            .event = "other".into();
        let item = &mut additions
            .get_mut(Path::new("claims/sub/new.yaml"))
            .unwrap()
            .questions;
        item.push(Item {
            text: "- {id: toll, ask: How many?, kind: count}\n".into(),
            origin: Location::new(Path::new("the new claim"), 0, 0),
        });
        let err = apply(&lock, &additions).unwrap_err().to_string();
        assert!(
            err.starts_with("cannot write claims/sub/new.yaml (")
                && err.ends_with("); nothing was changed"),
            "{err}"
        );
        assert!(!err.contains(".tmp") && !err.contains("os error"), "{err}");
        let full = unwritten(
            Path::new("claims/raid.yaml"),
            &std::io::Error::from_raw_os_error(28),
        );
        assert_eq!(
            full.to_string(),
            "cannot write claims/raid.yaml (No space left on device); nothing was changed"
        );
    }
}
