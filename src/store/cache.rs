//! The on-disk cache of a validated store, in `.recoupe/` beside it.
//!
//! Parsing YAML is the slowest step of every run (a 100,000-claim store is
//! about 40 MB of YAML), and a store changes far less often than it is
//! read. After a successful load, the model is written to
//! `.recoupe/store.msgpack` together with a stamp of every store file (path,
//! size, hash of the contents) and the format version; the next run that
//! finds the same stamp reads the model back instead of the YAML. Any change
//! to any file (an edit, `add`, a `git checkout`) changes the stamp, and the
//! store is read and validated again. The stamp hashes contents rather than
//! trusting modification times, which some file systems keep to the second:
//! hashing 40 MB costs a few tens of milliseconds, parsing it seconds. Only valid stores are cached, so a
//! broken store is always reported from its files. The cache is a
//! convenience: if it cannot be read or written (read-only checkout, full
//! disk) the store is simply loaded from its files.

use super::model::Store;
use super::stamp::Stamp;
#[cfg(test)]
pub(crate) use super::stamp::uncovered;
pub(crate) use super::stamp::{fingerprint, sources};
use super::{load, read};
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder, relative to the store root.
pub(crate) const DIR: &str = ".recoupe";
const FILE: &str = "store.msgpack";
/// The source files that shape the cached model: the model itself, every
/// file the loader reads it with (a change to how a unit or a default is
/// read changes what a fresh load gives), and `Cargo.lock` (the parser and
/// the encoder are dependencies). MessagePack stores a struct's fields by
/// position, so a build whose model differs in any way (even a reordered
/// field) must not read another build's cache. A test checks that every
/// file these use is listed.
pub(crate) const MODEL: &[(&str, &str)] = &sources![
    "store/mod.rs",
    "store/model.rs",
    "store/stamp.rs",
    "store/cache.rs",
    "store/load.rs",
    "store/read.rs",
    "store/schema.rs",
    "store/resolve.rs",
    "store/revisions.rs",
    "value.rs",
    "date.rs",
    "error.rs",
    "yaml.rs",
    "escape.rs",
    "suggest.rs",
    "../Cargo.lock",
];

/// The cache format: the version, and a fingerprint of [`MODEL`].
fn format() -> String {
    fingerprint("recoupe-store-cache", MODEL)
}

/// Stamps `sources.yaml` and the claims files as they are now.
fn stamp(root: &Path) -> Result<Stamp, Error> {
    let mut files = vec![PathBuf::from("sources.yaml")];
    files.extend(read::claim_files(root)?);
    Ok(Stamp::of(root, format(), files))
}

/// Loads the store at `root`, from the cache when its stamp matches the
/// files, else from the files (and then refreshes the cache).
pub(crate) fn load(root: &Path) -> Result<Store, Error> {
    let stamp = stamp(root)?;
    let mut store = match read_cache(root, &stamp) {
        Some(mut store) => {
            store.root = root.to_path_buf();
            store
        }
        None => {
            let store = load::load(root)?;
            // Best effort: a cache that cannot be written costs speed,
            // nothing else.
            let _ = write_cache(root, &stamp, &store);
            store
        }
    };
    store.set_stamp(stamp);
    Ok(store)
}

fn read_cache(root: &Path, stamp: &Stamp) -> Option<Store> {
    read_stamped(root, FILE, stamp)
}

fn write_cache(root: &Path, stamp: &Stamp, store: &Store) -> std::io::Result<()> {
    write_stamped(root, FILE, stamp, store)
}

/// What `file` in `.recoupe/` holds, if it was written with a key equal to
/// `key` (a [`Stamp`], or a stamp with a format of its own) and reads back.
pub(crate) fn read_stamped<K, T>(root: &Path, file: &str, key: &K) -> Option<T>
where
    K: PartialEq + for<'de> Deserialize<'de>,
    T: for<'de> Deserialize<'de>,
{
    let bytes = std::fs::read(root.join(DIR).join(file)).ok()?;
    let mut decoder = rmp_serde::Deserializer::new(bytes.as_slice());
    let cached = K::deserialize(&mut decoder).ok()?;
    if &cached != key {
        return None;
    }
    T::deserialize(&mut decoder).ok()
}

/// `.recoupe/` beside the store, created with its own `.gitignore` so that
/// nothing in it is ever committed.
pub(crate) fn folder(root: &Path) -> std::io::Result<PathBuf> {
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(
            &ignore,
            "# recoupe's cache and write lock: rebuilt from the store files, never commit them.\n*\n",
        )?;
    }
    Ok(dir)
}

/// Writes `key` then `value` to `file` in `.recoupe/` atomically: a
/// temporary file in the same folder, renamed over the old one, so a
/// reader never sees half a cache.
pub(crate) fn write_stamped<K: Serialize, T: Serialize>(
    root: &Path,
    file: &str,
    key: &K,
    value: &T,
) -> std::io::Result<()> {
    let dir = folder(root)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        let mut encoder = rmp_serde::Serializer::new(&mut out);
        key.serialize(&mut encoder).map_err(std::io::Error::other)?;
        value
            .serialize(&mut encoder)
            .map_err(std::io::Error::other)?;
        out.flush()?;
    }
    tmp.persist(dir.join(file)).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_dir() -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("sources.yaml"),
            "sources:\n  - id: a\n  - id: b\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(
            dir.path().join("claims/e.yaml"),
            "event: e\nquestions:\n  - {id: q, ask: Q?, kind: count}\nclaims:\n  - {id: x, source: a, about: q, value: {at_least: 3}, date: 2018-03, text: t}\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_cached_store_reads_back_the_same() {
        let dir = store_dir();
        let fresh = load(dir.path()).unwrap();
        assert!(dir.path().join(DIR).join(FILE).is_file());
        let stamp = stamp(dir.path()).unwrap();
        let cached = read_cache(dir.path(), &stamp).expect("the cache matches");
        assert_eq!(
            format!("{:?}", cached.claims),
            format!("{:?}", fresh.claims)
        );
        assert_eq!(cached.find_claim("x"), fresh.find_claim("x"));
    }

    #[test]
    fn any_change_to_a_file_invalidates_the_cache() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        let file = dir.path().join("claims/e.yaml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("  - {id: y, source: b, about: q, value: 1, text: u}\n");
        std::fs::write(&file, text).unwrap();
        let stamp = stamp(dir.path()).unwrap();
        assert!(read_cache(dir.path(), &stamp).is_none());
        assert_eq!(load(dir.path()).unwrap().claims.len(), 2);
    }

    #[test]
    fn the_cache_is_what_is_served() {
        // A model planted in the cache under the files' stamp is what the
        // next load gives: it was read, not rebuilt.
        let dir = store_dir();
        let mut store = load(dir.path()).unwrap();
        store.claims[0].text = "planted in the cache".to_string();
        let stamp = stamp(dir.path()).unwrap();
        write_cache(dir.path(), &stamp, &store).unwrap();
        let served = load(dir.path()).unwrap();
        assert_eq!(served.claims[0].text, "planted in the cache");
        // Without the cache, the files say otherwise.
        assert_eq!(super::load::load(dir.path()).unwrap().claims[0].text, "t");
    }

    #[test]
    fn the_fingerprint_covers_every_file_the_loader_uses() {
        assert_eq!(uncovered(MODEL, &[]), Vec::<String>::new());
    }

    #[test]
    fn a_broken_store_is_never_cached() {
        let dir = store_dir();
        std::fs::write(dir.path().join("claims/bad.yaml"), "event: [").unwrap();
        assert!(load(dir.path()).is_err());
        assert!(!dir.path().join(DIR).join(FILE).exists());
    }

    #[test]
    fn a_corrupt_cache_is_ignored() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        std::fs::write(dir.path().join(DIR).join(FILE), b"\x93garbage").unwrap();
        assert_eq!(load(dir.path()).unwrap().claims.len(), 1);
    }
}
