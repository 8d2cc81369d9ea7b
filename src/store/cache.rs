//! The on-disk cache of a validated store, in `.recoupe/` beside it.
//!
//! Parsing YAML is the slowest step of every run (a 100,000-claim store is
//! about 40 MB of YAML), and a store changes far less often than it is
//! read. After a successful load, the model is written to
//! `.recoupe/store.pages` (a file of records read on demand: `paged`)
//! together with a stamp of every store file (path,
//! size, hash of the contents, modification time and inode) and the format
//! version; the next run that finds the same files reads the model back
//! instead of the YAML. Any change to any file (an edit, `add`, a `git
//! checkout`) changes the stamp, and the store is read and validated again.
//!
//! Freshness is decided as git's index does: a file whose size,
//! modification time (to the nanosecond) and inode are those recorded keeps
//! its recorded hash; any other file is read and hashed, and the stamps
//! compare contents. A file modified within two seconds of the moment the
//! stamp was taken is always hashed again, since a coarse clock could hide
//! a second change in the same tick.
//!
//! The YAML is the truth; a cache is only ever a faster way to read it.
//! Every cache file (this one and the retrieval index, `retrieve::mapped`)
//! starts with a header (what it is, the layout's version, lengths and
//! XXH3 hashes of its parts), and every part is checked against its hash
//! before it is believed: a cache cut short, changed by one byte or edited
//! by hand fails its check, is said so in one line on stderr ([`rebuilt`]),
//! and is rebuilt from the files, never believed. Only valid
//! stores are cached, so a broken store is always reported from its files.
//! The cache is a convenience: if it cannot be read or written (read-only
//! checkout, full disk) the store is simply loaded from its files. `add`
//! and `import` keep the store they wrote as the cache ([`keep`]), so the
//! next command stays warm.

use super::model::Store;
pub(crate) use super::stamp::Stamp;
#[cfg(test)]
pub(crate) use super::stamp::uncovered;
pub(crate) use super::stamp::{fingerprint, sources};
use super::{load, paged, read};
use crate::error::Error;
use crate::progress;
use std::path::{Path, PathBuf};

/// The folder, relative to the store root.
pub(crate) const DIR: &str = ".recoupe";
/// The model's cache (see `store::paged`).
#[cfg(test)]
const FILE: &str = super::paged::FILE;
/// Where the model was cached before it was paged: removed when the paged
/// cache is written.
const OLD_FILE: &str = "store.msgpack";
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
    "store/paged.rs",
    "store/load.rs",
    "store/read.rs",
    "store/schema.rs",
    "store/resolve.rs",
    "store/revisions.rs",
    "value.rs",
    "words.rs",
    "date.rs",
    "error.rs",
    "yaml.rs",
    "escape.rs",
    "suggest.rs",
    "progress.rs",
    "cores.rs",
    "../Cargo.lock",
];

/// The cache format: the version, and a fingerprint of [`MODEL`].
fn format() -> String {
    fingerprint("recoupe-store-cache", MODEL)
}

/// Stamps `sources.yaml` and the claims files as they are now, trusting
/// the hashes of `previous` for the files its metadata says are unchanged.
pub(super) fn stamp(root: &Path, previous: Option<&Stamp>) -> Result<Stamp, Error> {
    Ok(Stamp::of(root, format(), list(root)?, previous))
}

/// The store files with their metadata, as listed now (the listing needs
/// no cache, so it starts before the cache is opened: [`load_then`]).
fn list(root: &Path) -> Result<Vec<(PathBuf, Option<std::fs::Metadata>)>, Error> {
    let mut files = vec![(PathBuf::from("sources.yaml"), None)];
    files.extend(
        read::listed_claim_files(root)?
            .into_iter()
            .map(|file| (file.path(), file.metadata)),
    );
    Ok(files)
}

/// Loads the store at `root`, from the cache when its stamp matches the
/// files, else from the files (and then refreshes the cache).
pub(crate) fn load(root: &Path) -> Result<Store, Error> {
    Ok(load_then(root, |_| false, |_| ())?.0)
}

/// As [`load`], then `work` on the store. The files are listed and
/// statted on another thread from the start, while this one opens the
/// cache (the stamp needs the cache's key only once the files are
/// statted, to know whose hashes it may keep). When the cache is there
/// and `ready` says the work can start from it, the work starts on the
/// cached model at once, before the stamp is done (at 47,687 files, most
/// of what a warm command costs: docs/performance.md).
/// Its answer is returned only once the stamp says the cache is the files
/// as they are; otherwise it is thrown away and the work done again on
/// the store read from its files. So `work` must only compute: it may run
/// twice, and the first time on a store that is no longer there.
pub(crate) fn load_then<T>(
    root: &Path,
    ready: impl FnOnce(&Store) -> bool,
    work: impl Fn(&Store) -> T,
) -> Result<(Store, T), Error> {
    let (key, cached, now, early) = std::thread::scope(|scope| {
        let (send_key, key_sent) = std::sync::mpsc::channel::<Option<Stamp>>();
        let stamping = scope.spawn(move || {
            let listed = list(root);
            // No key if this thread's caller stopped before sending it.
            let key = key_sent.recv().unwrap_or(None);
            let now = listed.map(|listed| Stamp::of(root, format(), listed, key.as_ref()));
            (key, now)
        });
        let (key, cached) = cached(root);
        let _ = send_key.send(key);
        let early = cached.as_ref().filter(|store| ready(store)).map(&work);
        // Stamping does not panic; if it did, this thread stamps again,
        // without the key (so the store is read from its files).
        let (key, now) = stamping
            .join()
            .unwrap_or_else(|_| (None, stamp(root, None)));
        (key, cached, now, early)
    });
    let (store, cache_kept) = settle(root, key.as_ref(), now?, cached)?;
    let answer = match early {
        Some(answer) if cache_kept => answer,
        _ => work(&store),
    };
    Ok((store, answer))
}

/// The key of the cache in `.recoupe/` and the model it holds, stamped
/// with that key (not yet known to be the files as they are): neither
/// when there is no cache, no model when it fails its check.
fn cached(root: &Path) -> (Option<Stamp>, Option<Store>) {
    let dir = root.join(DIR);
    let Some(opened) = paged::open(&dir) else {
        return (None, None);
    };
    let key = fresher_key(&dir, opened.key()).unwrap_or_else(|| opened.key().clone());
    let store = opened.store(root, key.clone()).map(|mut store| {
        store.set_stamp(key.clone());
        store
    });
    (Some(key), store)
}

/// `cached` if `now`, the stamp of the files, is `key`; else the store
/// read from its files (and cached). Says whether it is `cached`.
fn settle(
    root: &Path,
    key: Option<&Stamp>,
    now: Stamp,
    cached: Option<Store>,
) -> Result<(Store, bool), Error> {
    match cached {
        Some(mut store) if key == Some(&now) => {
            // Kept when it saves later commands some hashing: the files'
            // metadata moved, or files too recent to trust then are old
            // enough now (while they are still too recent, as right after
            // a write, keeping it would only be written again).
            let fresher = |key: &Stamp| {
                !key.same_metadata(&now) || (key.has_racy_files() && !now.has_racy_files())
            };
            if key.is_some_and(fresher) {
                keep_fresher_key(root, &now);
            }
            store.set_stamp(now);
            Ok((store, true))
        }
        _ => Ok((read_and_keep(root, now)?, false)),
    }
}

/// The file beside the cache that holds a fresher stamp of the same
/// files: the same contents as the cache's key, with the sizes, times and
/// inodes the files have since a checkout, a copy or a `touch` changed
/// them without changing what they say. Without it, every read-only
/// command would hash those files again (git's index is refreshed the
/// same way by `git status`); with it, rewriting the whole cache for new
/// metadata is never needed.
const FRESHER_FILE: &str = "stamp.fresh";
const FRESHER_MAGIC: &[u8; 8] = b"rcpstamp";
const FRESHER_VERSION: u32 = 1;

/// The fresher stamp beside the cache keyed `key`, if there is one and it
/// passes its checks: its layout, version and checksum, and the same
/// format and contents as `key` (one left by an older cache is ignored).
/// One that fails a check is said so on stderr and not used: the files
/// are then hashed again, and the stamp rewritten.
fn fresher_key(dir: &Path, key: &Stamp) -> Option<Stamp> {
    let bytes = std::fs::read(dir.join(FRESHER_FILE)).ok()?;
    let failed = |why: &str| rebuilt(FRESHER_FILE, why);
    let Some(body) = bytes.strip_prefix(FRESHER_MAGIC.as_slice()) else {
        return failed("not a recoupe stamp");
    };
    let (Some(version), Some(checksum), Some(body)) =
        (body.get(..4), body.get(4..12), body.get(12..))
    else {
        return failed("it is shorter than its header");
    };
    if version != FRESHER_VERSION.to_le_bytes() {
        return None;
    }
    if checksum != xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() {
        return failed("it does not match its checksum");
    }
    let Ok(fresher) = rmp_serde::from_slice::<Stamp>(body) else {
        return failed("it cannot be read");
    };
    (fresher == *key).then_some(fresher)
}

/// Keeps `now` as the fresher stamp of the cache (see [`FRESHER_FILE`]):
/// written whole to a temporary file and renamed into place, so a reader
/// sees the old file or the new one. Best effort, and without the write
/// lock: two readers write stamps of the same contents, and a write that
/// changes the store leaves a cache whose key this stamp no longer
/// matches, so it is ignored.
fn keep_fresher_key(root: &Path, now: &Stamp) {
    let Ok(body) = rmp_serde::to_vec(now) else {
        return;
    };
    let mut bytes = Vec::with_capacity(FRESHER_MAGIC.len() + 12 + body.len());
    bytes.extend_from_slice(FRESHER_MAGIC);
    bytes.extend_from_slice(&FRESHER_VERSION.to_le_bytes());
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    let dir = root.join(DIR);
    let _ = (|| -> std::io::Result<()> {
        let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(dir.join(FRESHER_FILE)).map_err(|e| e.error)?;
        Ok(())
    })();
}

/// Reads the store from its files, stamped `stamp`, and caches it.
fn read_and_keep(root: &Path, stamp: Stamp) -> Result<Store, Error> {
    let reading = progress::start("reading and checking the store files", None);
    let mut store = load::load(root)?;
    drop(reading);
    // Best effort: a cache that cannot be written costs speed, nothing
    // else.
    let writing = progress::start("writing the store cache", None);
    let _ = write_cache(root, &stamp, &store);
    drop(writing);
    store.set_stamp(stamp);
    Ok(store)
}

/// Keeps `store`, just written by `add` or `import` under the write lock,
/// as the cache of the files as they now are, so that the next command
/// does not read the YAML again. The files were written from this very
/// model, so stamping them now (after the write, before the lock is
/// released) describes it exactly. Best effort, as every cache write.
pub(crate) fn keep(root: &Path, store: &mut Store) {
    if store.paged.is_some() && store.stamp().is_some() {
        // Opened from the cache the write made ([`spliced`], which stamped
        // the files once written): kept already.
        return;
    }
    let previous = paged::open(&root.join(DIR)).map(|opened| opened.key().clone());
    if let Ok(stamp) = stamp(root, previous.as_ref()) {
        let _ = write_cache(root, &stamp, store);
        store.set_stamp(stamp);
    }
}

/// After a write that appended claims to the files `changed` of the
/// store cached under `before` (judged by `write::incremental`, and now
/// renamed into place under the write lock): writes the cache of the
/// store as it now is from the old cache and `splice`, without reading
/// the other files, and opens it. Only the changed files are stamped
/// again ([`Stamp::with_changed`]): every other file keeps the entry it
/// had when the write opened the store, which describes what the model
/// holds of it. `None` when that cannot be trusted (the cache is not the
/// one the write judged against): the caller reads the store from its
/// files, as a write always did.
pub(super) fn spliced(
    root: &Path,
    before: &Stamp,
    changed: &[PathBuf],
    splice: &paged::Splice,
) -> Option<Store> {
    let dir = root.join(DIR);
    let now = before.with_changed(root, changed)?;
    let old = paged::open(&dir).filter(|old| old.key() == before)?;
    if !paged::splice(&dir, &old, &now, splice).ok()? {
        return None;
    }
    drop(old);
    let _ = std::fs::remove_file(dir.join(OLD_FILE));
    let _ = std::fs::remove_file(dir.join(FRESHER_FILE));
    let mut store = paged::open(&dir)?.store(root, now.clone())?;
    store.set_stamp(now);
    store.spliced = Some(splice.spliced(before));
    Some(store)
}

#[cfg(test)]
fn read_cache(root: &Path, stamp: &Stamp) -> Option<Store> {
    let opened = paged::open(&root.join(DIR))?;
    (opened.key() == stamp)
        .then(|| opened.store(root, stamp.clone()))
        .flatten()
}

fn write_cache(root: &Path, stamp: &Stamp, store: &Store) -> std::io::Result<()> {
    paged::write(&folder(root)?, stamp, store)?;
    let _ = std::fs::remove_file(root.join(DIR).join(OLD_FILE));
    // The new key has the files' metadata as they are.
    let _ = std::fs::remove_file(root.join(DIR).join(FRESHER_FILE));
    Ok(())
}

/// Says on stderr that a cache failed its checks (and so is rebuilt).
pub(crate) fn rebuilt<T>(file: &str, why: &str) -> Option<T> {
    progress::notice(&format!(
        "{DIR}/{file} failed its check ({why}): rebuilt from the store files"
    ));
    None
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ClaimIx;

    /// The sources of these tests.
    const SOURCES: &str = "sources:\n  - id: a\n  - id: b\n";

    fn store_dir() -> tempfile::TempDir {
        crate::testing::store_folder(
            SOURCES,
            &[(
                "e.yaml",
                "event: e\nquestions:\n  - {id: q, ask: Q?, kind: count}\nclaims:\n  - {id: x, source: a, about: q, value: {at_least: 3}, date: 2018-03, text: t}\n",
            )],
        )
    }

    /// Every store file's modification time set an hour back, its content
    /// untouched (what a checkout or a copy can do).
    fn touch_an_hour_back(root: &Path) {
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for file in ["sources.yaml", "claims/e.yaml"] {
            let file = std::fs::File::options().write(true).open(root.join(file));
            file.unwrap().set_modified(then).unwrap();
        }
    }

    #[test]
    fn files_touched_but_not_changed_get_a_fresher_stamp_beside_the_cache() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        let cache = std::fs::read(dir.path().join(DIR).join(FILE)).unwrap();
        touch_an_hour_back(dir.path());
        let files_now = stamp(dir.path(), None).unwrap();
        let (key, _) = cached(dir.path());
        assert!(!key.unwrap().same_metadata(&files_now), "the key is older");
        let served = load(dir.path()).unwrap();
        assert!(served.paged.is_some(), "still served from the cache");
        // The cache is not rewritten: the stamp beside it is the files'
        // metadata as they are, and what the next command starts from.
        assert_eq!(
            std::fs::read(dir.path().join(DIR).join(FILE)).unwrap(),
            cache
        );
        let (key, store) = cached(dir.path());
        assert!(key.unwrap().same_metadata(&files_now));
        assert!(store.is_some());
    }

    #[test]
    fn a_file_changed_after_its_stamp_was_refreshed_is_seen() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        touch_an_hour_back(dir.path());
        load(dir.path()).unwrap();
        assert!(dir.path().join(DIR).join(FRESHER_FILE).is_file());
        // The same size, other words.
        let file = dir.path().join("claims/e.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("text: t}", "text: u}")).unwrap();
        assert_eq!(load(dir.path()).unwrap().claims()[0].text, "u");
    }

    #[test]
    fn a_damaged_or_foreign_fresher_stamp_is_never_used() {
        let dir = store_dir();
        let cache_dir = dir.path().join(DIR);
        load(dir.path()).unwrap();
        touch_an_hour_back(dir.path());
        load(dir.path()).unwrap();
        let fresher = cache_dir.join(FRESHER_FILE);
        let good = std::fs::read(&fresher).unwrap();
        let key = paged::open(&cache_dir).unwrap().key().clone();
        assert!(fresher_key(&cache_dir, &key).is_some());
        // A byte of its layout, version, checksum or body changed, or the
        // file cut short: not used.
        for at in [0, 9, 14, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            std::fs::write(&fresher, &bad).unwrap();
            assert!(fresher_key(&cache_dir, &key).is_none(), "byte {at}");
        }
        std::fs::write(&fresher, &good[..good.len() / 2]).unwrap();
        assert!(fresher_key(&cache_dir, &key).is_none());
        // The store changed since: the cache is rewritten, the stamp beside
        // it removed, and put back it names other contents.
        let file = dir.path().join("claims/e.yaml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("  - {id: y, source: b, about: q, value: 1, text: u}\n");
        std::fs::write(&file, text).unwrap();
        assert_eq!(load(dir.path()).unwrap().claims.len(), 2);
        assert!(!fresher.exists());
        std::fs::write(&fresher, &good).unwrap();
        let key = paged::open(&cache_dir).unwrap().key().clone();
        assert!(fresher_key(&cache_dir, &key).is_none());
        assert_eq!(load(dir.path()).unwrap().claims().len(), 2);
    }

    #[test]
    fn a_cached_store_reads_back_the_same() {
        let dir = store_dir();
        let fresh = load(dir.path()).unwrap();
        assert!(dir.path().join(DIR).join(FILE).is_file());
        let stamp = stamp(dir.path(), None).unwrap();
        let cached = read_cache(dir.path(), &stamp).expect("the cache matches");
        assert_eq!(
            format!("{:?}", cached.claims()),
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
        let stamp = stamp(dir.path(), None).unwrap();
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
        let stamp = stamp(dir.path(), None).unwrap();
        write_cache(dir.path(), &stamp, &store).unwrap();
        let served = load(dir.path()).unwrap();
        assert_eq!(served.claims()[0].text, "planted in the cache");
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
    fn a_flipped_byte_in_one_record_is_never_served() {
        let dir = store_dir();
        let file = dir.path().join("claims/e.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("text: t}", "text: the wording}")
                + "  - {id: y, source: b, about: q, value: 4, text: another wording}\n",
        )
        .unwrap();
        load(dir.path()).unwrap();
        let path = dir.path().join(DIR).join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes
            .windows(15)
            .position(|w| w == b"another wording")
            .unwrap();
        bytes[at] = b'A';
        std::fs::write(&path, &bytes).unwrap();
        let store = load(dir.path()).unwrap();
        // The record that was not changed is read from the cache; the one
        // that was is read from the files, never from the cache.
        assert_eq!(store.claim(ClaimIx::from_index(0)).text, "the wording");
        let y = store.find_claim("y").unwrap();
        assert_eq!(store.claim(y).text, "another wording");
        // And the cache was written anew.
        let fresh = std::fs::read(&path).unwrap();
        assert!(fresh.windows(15).any(|w| w == b"another wording"));
        let stamp = stamp(dir.path(), None).unwrap();
        let again = read_cache(dir.path(), &stamp).unwrap();
        assert_eq!(again.claim(y).text, "another wording");
    }

    #[test]
    fn an_opened_store_reads_as_the_loaded_one() {
        let dir = store_dir();
        let loaded = load(dir.path()).unwrap();
        let opened = load(dir.path()).unwrap();
        assert!(opened.paged.is_some(), "the second load opens the cache");
        assert_eq!(opened.claim_count(), loaded.claim_count());
        assert_eq!(opened.find_question("e/q"), loaded.find_question("e/q"));
        assert_eq!(opened.find_claim("e/x"), loaded.find_claim("e/x"));
        assert_eq!(opened.find_claim("other/x"), None);
        assert_eq!(opened.find_claim("nothing"), None);
        // The whole model, decoded, is the loaded one.
        assert_eq!(
            format!("{:?}", opened.claims()),
            format!("{:?}", loaded.claims())
        );
        assert_eq!(
            format!("{:?}", opened.questions()),
            format!("{:?}", loaded.questions())
        );
    }

    #[test]
    fn the_whole_model_decoded_on_every_core_is_the_loaded_one() {
        // Enough claims for several runs of decoding, the last one short.
        let claims = super::paged::DECODED_TOGETHER * 2 + 77;
        let files: Vec<(String, String)> = (0..3)
            .map(|file| {
                let mut text = format!(
                    "event: e{file}\nquestions:\n  - {{id: q, ask: Q?, kind: count}}\nclaims:\n"
                );
                for c in (file..claims).step_by(3) {
                    let source = ["a", "b"][c % 2];
                    text.push_str(&format!(
                        "  - {{id: c{c}, source: {source}, about: q, value: {c}, text: wording {c}}}\n"
                    ));
                }
                (format!("e{file}.yaml"), text)
            })
            .collect();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let dir = crate::testing::store_folder(SOURCES, &files);
        let loaded = load(dir.path()).unwrap();
        let opened = load(dir.path()).unwrap();
        assert!(opened.paged.is_some(), "the second load opens the cache");
        assert_eq!(
            format!("{:?}", opened.claims()),
            format!("{:?}", loaded.claims())
        );
        for id in ["c0", "c4096", &format!("c{}", claims - 1)] {
            assert_eq!(opened.find_claim(id), loaded.find_claim(id), "{id}");
        }
        // A damaged claim in the last run: the whole model is the one read
        // from the files, never the cache's.
        let path = dir.path().join(DIR).join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = format!("wording {}", claims - 1);
        let at = bytes
            .windows(last.len())
            .position(|w| w == last.as_bytes())
            .unwrap();
        bytes[at] = b'W';
        std::fs::write(&path, &bytes).unwrap();
        let reopened = load(dir.path()).unwrap();
        let ix = loaded.find_claim(&format!("c{}", claims - 1)).unwrap();
        assert_eq!(reopened.claims()[ix.index()].text, last);
        assert_eq!(reopened.claims().len(), claims);
    }

    /// The text of the first claim, counting the calls in `texts`.
    fn first_text(texts: &std::cell::RefCell<Vec<String>>, store: &Store) -> String {
        let text = store.claim(ClaimIx::from_index(0)).text.clone();
        texts.borrow_mut().push(text.clone());
        text
    }

    /// Changes the first claim's wording, keeping the file's size.
    fn edit_first_text(dir: &Path) {
        let file = dir.join("claims/e.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("text: t}", "text: u}")).unwrap();
    }

    #[test]
    fn work_started_on_a_fresh_cache_is_done_once_and_kept() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        let texts = std::cell::RefCell::new(Vec::new());
        let (store, text) =
            load_then(dir.path(), |_| true, |store| first_text(&texts, store)).unwrap();
        assert_eq!((text.as_str(), texts.borrow().len()), ("t", 1));
        assert!(store.paged.is_some(), "answered from the cache");
        assert_eq!(store.stamp(), Some(&stamp(dir.path(), None).unwrap()));
    }

    #[test]
    fn work_started_on_a_stale_cache_is_done_again_on_the_files() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        edit_first_text(dir.path());
        let texts = std::cell::RefCell::new(Vec::new());
        let (store, text) =
            load_then(dir.path(), |_| true, |store| first_text(&texts, store)).unwrap();
        // First on the cached model, whose answer is thrown away, then on
        // the files as they are.
        assert_eq!(*texts.borrow(), ["t", "u"]);
        assert_eq!(text, "u");
        let now = stamp(dir.path(), None).unwrap();
        assert_eq!(store.stamp(), Some(&now));
        let cached = read_cache(dir.path(), &now).expect("cached anew");
        assert_eq!(cached.claim(ClaimIx::from_index(0)).text, "u");
    }

    #[test]
    fn work_that_cannot_start_from_the_cache_waits_for_the_stamp() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        edit_first_text(dir.path());
        let texts = std::cell::RefCell::new(Vec::new());
        let (_, text) =
            load_then(dir.path(), |_| false, |store| first_text(&texts, store)).unwrap();
        assert_eq!(*texts.borrow(), ["u"]);
        assert_eq!(text, "u");
        // Without a cache there is nothing to start from.
        let bare = store_dir();
        let (_, text) =
            load_then(bare.path(), |_| true, |store| first_text(&texts, store)).unwrap();
        assert_eq!((text.as_str(), texts.borrow().len()), ("t", 2));
        assert!(
            bare.path().join(DIR).join(FILE).is_file(),
            "and it is cached"
        );
    }

    #[test]
    fn work_started_on_the_cache_of_a_store_broken_since_is_an_error() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        std::fs::write(dir.path().join("claims/e.yaml"), "event: [").unwrap();
        let answer = load_then(dir.path(), |_| true, |store| store.claim_count());
        assert!(matches!(answer, Err(Error::InvalidStore(_))), "{answer:?}");
    }

    #[test]
    fn a_corrupt_cache_is_ignored() {
        let dir = store_dir();
        load(dir.path()).unwrap();
        std::fs::write(dir.path().join(DIR).join(FILE), b"\x93garbage").unwrap();
        assert_eq!(load(dir.path()).unwrap().claims.len(), 1);
    }
}
