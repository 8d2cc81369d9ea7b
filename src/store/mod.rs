//! The claim store: plain YAML under version control (DESIGN §1).
//!
//! A store is a folder with `sources.yaml` and `claims/*.yaml`, one file per
//! event. Fact-checkers review changes to it in pull requests, so the files
//! are the source of truth and this model is rebuilt from them on every run:
//! [`Store::load`] reads and validates everything, then hands out a model in
//! which every reference (source, question, revision, analyst link) is
//! already resolved to an index, so nothing downstream can meet a dangling id.
//!
//! A claim has a name at each stage. Read from a claims file, it is an
//! unresolved claim (fields checked and located, references still names);
//! resolved, it is a [`Claim`] of the [`Store`]. A claim from outside
//! (`check`, `add`) is a [`Draft`] once understood: references resolved,
//! not stored. What `add` and `import` write is a [`write::ClaimItem`]
//! (every field as text, references by id), rendered as the YAML text of
//! a [`write::Item`] that the loader then reads back like any other.
//!
//! The parts, from the bottom up (each uses only those above it in this
//! list, and none uses this file): `stamp` (what keys a cache), `model`
//! (the types), `read` (files to located trees, one field at a time),
//! `schema` (what each item may hold), `revisions` (the order of one
//! source's claims), `resolve` (references to indices), `load` (the passes
//! in order), `paged` (the model's cache file, read record by record),
//! `cache` (the caches kept in `.recoupe/`) and [`write`](mod@write)
//! (adding to the files without losing a byte). This file only names them
//! and says what the crate may use.

pub(crate) mod cache;
mod load;
mod model;
mod paged;
mod read;
mod resolve;
pub(crate) mod revisions;
mod schema;
mod stamp;
pub mod write;

pub(crate) use model::Spliced;
pub use model::{
    Categories, CategoryWords, Claim, ClaimIx, Draft, Event, EventIx, Provenance, Question,
    QuestionIx, QuestionKind, Source, SourceIx, SourceKind, Store,
};
pub use read::problem_lines;
pub(crate) use resolve::misfit;
pub(crate) use schema::CLAIM_KEYS;
pub(crate) use schema::web_address as check_web_address;

use crate::error::Error;
use std::path::{Path, PathBuf};

impl Store {
    /// Reads and validates the store at `root` from its files. Every
    /// problem found is returned at once, as [`Error::InvalidStore`].
    pub fn load(root: &Path) -> Result<Store, Error> {
        load::load(root)
    }

    /// Reads a claim that is not in the store from a standalone YAML file
    /// (`check --file`, `add --file`), resolved against this store.
    pub fn read_draft(&self, path: &Path) -> Result<Draft, Error> {
        load::read_draft(self, path)
    }

    /// As [`Store::load`], through the on-disk cache in `.recoupe/`
    /// (the `cache` module): what the commands use.
    pub fn open(root: &Path) -> Result<Store, Error> {
        cache::load(root)
    }

    /// As [`Store::open`], then `work` on the store: started on the
    /// cached model while the files are stamped, when `ready` says it can
    /// start from it (the `cache` module's `load_then`). `work` must only
    /// compute: it may run twice, the first time on a model the stamp
    /// then finds stale, whose answer is thrown away.
    pub fn open_then<T>(
        root: &Path,
        ready: impl FnOnce(&Store) -> bool,
        work: impl Fn(&Store) -> T,
    ) -> Result<(Store, T), Error> {
        cache::load_then(root, ready, work)
    }

    /// Keeps this store, just written by [`write::apply`] (under the write
    /// lock), as the cache of the files as they now are: the next
    /// [`Store::open`] reads it instead of the YAML.
    pub fn keep(&mut self, root: &Path) {
        cache::keep(root, self)
    }
}

/// Whether `id` can name an event, a question or a claim: letters, digits,
/// `-`, `_` and `.`, starting with a letter or digit (no `/`, which
/// separates `EVENT/ID`).
pub fn is_valid_id(id: &str) -> bool {
    schema::is_reference_id(id)
}

/// Finds the store to use: the folder given (`--store` or `RECOUPE_STORE`),
/// which must hold `sources.yaml`, else the nearest folder at or above
/// `start` that holds one (as git finds `.git`).
pub fn locate(given: Option<&Path>, start: &Path) -> Result<PathBuf, Error> {
    if let Some(dir) = given {
        return if dir.join("sources.yaml").is_file() {
            Ok(dir.to_path_buf())
        } else {
            Err(Error::NotAStore(dir.to_path_buf()))
        };
    }
    start
        .ancestors()
        .find(|dir| dir.join("sources.yaml").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NoStore {
            start: start.to_path_buf(),
        })
}
