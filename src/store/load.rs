//! Reading a store folder into the model, collecting every problem.
//!
//! Four passes: parse each file into a located YAML tree and read the
//! fields it holds (unknown keys, wrong types, malformed values and dates:
//! [`read`](super::read), [`schema`](super::schema)); register every id
//! (duplicates); resolve references (unknown source, `about` naming no
//! question, dangling links) and check that each value fits its question
//! ([`resolve`](super::resolve)); check revisions and analyst links across
//! claims (one source, one question, no cycles:
//! [`revisions`](super::revisions)). The model is built only when no pass
//! found anything, so downstream code never sees a half-valid store. This
//! file only puts the passes in order.

use super::model::{Draft, Store};
use super::read::{Contents, Reader, claim_files};
use super::resolve::Resolver;
use super::schema::UnresolvedEvent;
use crate::cores;
use crate::error::{Error, Problem};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads and validates the store at `root`.
pub(super) fn load(root: &Path) -> Result<Store, Error> {
    load_replacing(root, &HashMap::new())
}

/// Loads the store as it would be if the files in `replaced` (paths
/// relative to the root) held the given texts: how a write is validated
/// before it touches the disk.
pub(super) fn load_replacing(
    root: &Path,
    replaced: &HashMap<PathBuf, String>,
) -> Result<Store, Error> {
    let contents = Contents { root, replaced };
    let mut files = claim_files(root)?;
    for file in replaced.keys() {
        if file.starts_with("claims") && !files.contains(file) {
            files.push(file.clone());
        }
    }
    files.sort();
    // Positions cost about half the parsing time and only matter in
    // messages: read without them, and read again with them only when
    // there is something to report.
    load_pass(contents, &files, false).or_else(|_| load_pass(contents, &files, true))
}

/// The model of `files` alone (claims files, relative to the root, as
/// `replaced` would make them) and `sources.yaml`: how a write judges the
/// files it changes without reading the others, which the cache stands
/// for (see `write::incremental`). Positions are read as a load of the
/// whole store reads them when it finds nothing wrong; any problem is
/// for the whole store's load to report.
pub(super) fn load_only(
    root: &Path,
    replaced: &HashMap<PathBuf, String>,
    files: &[PathBuf],
) -> Result<Store, Error> {
    load_pass(Contents { root, replaced }, files, false)
}

/// One reading of the store, with positions or without.
fn load_pass(contents: Contents, files: &[PathBuf], located: bool) -> Result<Store, Error> {
    let mut reader = Reader::new(located);
    let sources = reader.read_sources(contents);
    let events = read_events(contents, files, located, &mut reader.problems);
    let mut resolver = Resolver::new(reader.problems);
    let store = resolver.resolve(contents.root, sources, events);
    let mut problems = resolver.problems;
    if problems.is_empty() {
        Ok(store)
    } else {
        problems.sort();
        problems.dedup();
        Err(Error::InvalidStore(problems))
    }
}

/// Reads the claims files on every core: each file is parsed on its own,
/// and references between files are resolved afterwards. Each core takes
/// the next file no core has taken: files differ by orders of magnitude
/// (one event of a newsroom's archive can hold a tenth of its claims), and
/// cutting the list in advance left one core parsing while the other
/// waited.
fn read_events(
    contents: Contents,
    files: &[PathBuf],
    located: bool,
    problems: &mut Vec<Problem>,
) -> Vec<UnresolvedEvent> {
    let read = cores::every(files, |file| {
        let mut reader = Reader::new(located);
        let event = reader.read_event(contents, file);
        (event, reader.problems)
    });
    let mut events = Vec::with_capacity(read.len());
    for (event, found) in read {
        events.extend(event);
        problems.extend(found);
    }
    events
}

/// A claim read from a standalone YAML file (`check --file`, `add
/// --file`): a mapping with the keys of a stored claim, where `id` may be
/// left out and `about` names `EVENT/QUESTION` (or a bare `QUESTION` when
/// only one event has it). Every problem is reported, located in that file.
pub(super) fn read_draft(store: &Store, path: &Path) -> Result<Draft, Error> {
    let mut reader = Reader::new(true);
    let nothing_replaced = HashMap::new();
    let contents = Contents {
        root: Path::new(""),
        replaced: &nothing_replaced,
    };
    let read = reader
        .parse_file(contents, path)
        .and_then(|node| reader.read_claim(path, &node, false));
    let mut resolver = Resolver::new(reader.problems);
    let draft = read.and_then(|raw| resolver.resolve_draft(store, raw));
    match draft {
        Some(draft) if resolver.problems.is_empty() => Ok(draft),
        _ => {
            let mut problems = resolver.problems;
            problems.sort();
            Err(Error::InvalidClaim(problems))
        }
    }
}
