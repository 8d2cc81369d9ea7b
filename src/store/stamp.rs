//! What keys a cache in `.recoupe/`: a stamp of the store files, and a
//! fingerprint of the code that wrote the cache.
//!
//! The stamp is apart from the cache itself because the model carries the
//! stamp it was read under (so that caches derived from a store, the
//! retrieval index, are keyed by the files that store came from): keeping
//! it here lets the model and the cache both use it without depending on
//! each other.
//!
//! Both hashes must mean the same thing on every build and every machine,
//! or a cache would be rebuilt for nothing (at best) or trusted wrongly:
//! `std`'s `DefaultHasher` promises neither across Rust releases, so they
//! are XXH3 (64 bits, `xxhash-rust`), whose output is specified.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// What the store's files looked like when a cache was written, and the
/// format the cache was written in.
///
/// Two stamps are equal when their formats are and their files have the
/// same paths, sizes and contents: what the files' metadata says only
/// decides whether a file's content must be hashed again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Stamp {
    format: String,
    files: Vec<FileStamp>,
    /// When the stamp was taken, in nanoseconds since the epoch.
    taken: i128,
}

/// One file of a stamp.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileStamp {
    /// Relative to the store root.
    path: PathBuf,
    size: u64,
    /// XXH3 of the contents.
    hash: u64,
    /// Modification time in nanoseconds since the epoch, and inode (0
    /// where the system has none): as git's index, what says that a file
    /// was not touched since it was hashed.
    mtime: i128,
    inode: u64,
}

impl Stamp {
    /// A hash of what makes two stamps equal (the format, and every
    /// file's path, size and content hash; not the metadata that only says
    /// whether to hash a file again): a cache keyed by it need not hold a
    /// second copy of the stamp.
    pub(crate) fn digest(&self) -> u64 {
        let mut hasher = Xxh3::new();
        hasher.update(self.format.as_bytes());
        hasher.update(&(self.files.len() as u64).to_le_bytes());
        for file in &self.files {
            let path = file.path.as_os_str().as_encoded_bytes();
            hasher.update(&(path.len() as u64).to_le_bytes());
            hasher.update(path);
            hasher.update(&file.size.to_le_bytes());
            hasher.update(&file.hash.to_le_bytes());
        }
        hasher.digest()
    }
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Stamp) -> bool {
        self.format == other.format
            && self.files.len() == other.files.len()
            && self.files.iter().zip(&other.files).all(|(a, b)| {
                a.path.as_os_str() == b.path.as_os_str() && a.size == b.size && a.hash == b.hash
            })
    }
}

impl Stamp {
    /// Whether some file was modified too close to the moment the stamp was
    /// taken to be trusted (see [`RACY_NS`]): it is hashed again by every
    /// stamp made from this one, so a later stamp is worth keeping.
    pub(crate) fn has_racy_files(&self) -> bool {
        self.files.iter().any(|f| f.mtime >= self.taken - RACY_NS)
    }

    /// Whether every file has the size, modification time and inode it has
    /// in `other`: when two equal stamps differ there (a checkout, a copy,
    /// a `touch`), the older one makes every later command hash those
    /// files again, so the newer one is worth keeping.
    pub(crate) fn same_metadata(&self, other: &Stamp) -> bool {
        self.files.len() == other.files.len()
            && self
                .files
                .iter()
                .zip(&other.files)
                .all(|(a, b)| (a.size, a.mtime, a.inode) == (b.size, b.mtime, b.inode))
    }
}

/// How close to the moment a stamp was taken a file's modification time
/// may be and still be trusted: a file written in the same tick of a
/// coarse clock (some file systems keep seconds) as the stamp could change
/// again without its time changing, so it is hashed again (git's "racily
/// clean" entries).
const RACY_NS: i128 = 2_000_000_000;

/// Nanoseconds since the epoch (negative before it).
fn nanos(time: std::time::SystemTime) -> i128 {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// A file's modification time and inode.
fn metadata_of(meta: &std::fs::Metadata) -> (i128, u64) {
    let mtime = meta.modified().map_or(0, nanos);
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    (mtime, inode)
}

impl Stamp {
    /// Stamps `files` (relative to `root`, each with its metadata if the
    /// caller has it) as they are now, for a cache in `format`. A file
    /// whose size, modification time and inode are those `previous`
    /// recorded, with a time old enough to trust, keeps the hash recorded
    /// there; any other file is read and hashed.
    pub(super) fn of(
        root: &Path,
        format: String,
        files: Vec<(PathBuf, Option<std::fs::Metadata>)>,
        previous: Option<&Stamp>,
    ) -> Stamp {
        let taken = nanos(std::time::SystemTime::now());
        let previous = previous.filter(|p| p.format == format);
        let trusted = |f: &&FileStamp| previous.is_some_and(|p| f.mtime < p.taken - RACY_NS);
        // Usually the same files in the same order: each is found at its
        // own position, and the map is only built when one is not.
        let mut by_path: Option<std::collections::HashMap<&Path, &FileStamp>> = None;
        let files = files
            .into_iter()
            .enumerate()
            .map(|(i, (path, listed))| {
                let meta = listed.or_else(|| std::fs::metadata(root.join(&path)).ok());
                let (mtime, inode) = meta.as_ref().map_or((0, 0), metadata_of);
                let size = meta.as_ref().map_or(0, std::fs::Metadata::len);
                // Paths compared as bytes: every stamp writes them the
                // same way, and comparing them component by component was
                // a fifth of a warm stamp at 47,687 files.
                let known = previous.and_then(|p| match p.files.get(i) {
                    Some(f) if f.path.as_os_str() == path.as_os_str() => Some(f),
                    _ => by_path
                        .get_or_insert_with(|| {
                            p.files.iter().map(|f| (f.path.as_path(), f)).collect()
                        })
                        .get(path.as_path())
                        .copied(),
                });
                if let Some(old) = known.filter(trusted)
                    && meta.is_some()
                    && (old.size, old.mtime, old.inode) == (size, mtime, inode)
                {
                    return FileStamp {
                        path,
                        size,
                        hash: old.hash,
                        mtime,
                        inode,
                    };
                }
                // An unreadable file stamps as empty; loading will report it.
                let bytes = super::read::read_regular(&root.join(&path)).unwrap_or_default();
                FileStamp {
                    path,
                    size: bytes.len() as u64,
                    hash: xxh3_64(&bytes),
                    mtime,
                    inode,
                }
            })
            .collect();
        Stamp {
            format,
            files,
            taken,
        }
    }
}

impl Stamp {
    /// This stamp with the files `changed` (paths relative to `root`)
    /// stamped again as they are now and every other file as it was: what
    /// a write that changed only those files, under the write lock, knows
    /// of the store without statting the others. `None` if this stamp does
    /// not list one of them.
    ///
    /// A file someone edited meanwhile by hand keeps the entry it had when
    /// this stamp was taken, which describes the content the model holds;
    /// the next command's stamp sees its new time or size and reads it
    /// again. The moment of the stamp stays this one's, so that what was
    /// too recent to trust then is still not trusted, and the files just
    /// written are hashed once more by the next stamp.
    pub(super) fn with_changed(&self, root: &Path, changed: &[PathBuf]) -> Option<Stamp> {
        let mut stamp = self.clone();
        for path in changed {
            let file = stamp.files.iter_mut().find(|f| &f.path == path)?;
            let full = root.join(path);
            let meta = std::fs::metadata(&full).ok()?;
            let bytes = super::read::read_regular(&full).ok()?;
            let (mtime, inode) = metadata_of(&meta);
            *file = FileStamp {
                path: path.clone(),
                size: bytes.len() as u64,
                hash: xxh3_64(&bytes),
                mtime,
                inode,
            };
        }
        Some(stamp)
    }
}

/// Source files of the crate, each as (its path under `src/`, its text),
/// read at compile time: what a cache's fingerprint is made of. A cache
/// lists every file that shapes what it holds; a test checks the list
/// against what those files use.
macro_rules! sources {
    ($($path:literal),* $(,)?) => {
        [$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/", $path)))),*]
    };
}
pub(crate) use sources;

/// A cache format: `label`, the crate's version, and a hash of the source
/// files that shape the cache (each path and its length go in too, so
/// that moving text from one file to another still changes it). Any edit
/// to any of them gives another format, and the cache is rebuilt.
pub(crate) fn fingerprint(label: &str, sources: &[(&str, &str)]) -> String {
    let mut hasher = Xxh3::new();
    for (path, text) in sources {
        for part in [path.as_bytes(), text.as_bytes()] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    format!(
        "{label} {} {:016x}",
        env!("CARGO_PKG_VERSION"),
        hasher.digest()
    )
}

/// The crate's source files that the `listed` ones use and that are in
/// none of the `covered` lists: what a fingerprint made of `listed` would
/// miss. Reads the sources from disk; for tests.
#[cfg(test)]
pub(crate) fn uncovered(listed: &[(&str, &str)], covered: &[&[(&str, &str)]]) -> Vec<String> {
    use std::collections::BTreeSet;
    let known: BTreeSet<&str> = listed
        .iter()
        .chain(covered.iter().flat_map(|c| c.iter()))
        .map(|(path, _)| *path)
        .collect();
    let mut seen: BTreeSet<String> = listed
        .iter()
        .map(|(path, _)| path.to_string())
        .filter(|path| path.ends_with(".rs"))
        .collect();
    let mut todo: Vec<String> = seen.iter().cloned().collect();
    while let Some(file) = todo.pop() {
        for used in uses::files_used_by(&file) {
            if seen.insert(used.clone()) {
                todo.push(used);
            }
        }
    }
    seen.into_iter()
        .filter(|f| !known.contains(f.as_str()))
        .collect()
}

/// Which source files a source file uses, read from the paths in its code
/// (`crate::a::b`, `super::c`, a child module's `d::e`), outside its tests
/// and comments: good enough for this crate, which names every other
/// module by such a path.
#[cfg(test)]
mod uses {
    use std::path::{Path, PathBuf};

    fn src() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    /// The module path of a file: `store/read.rs` is `store::read`,
    /// `store/write/mod.rs` is `store::write`.
    fn module_of(file: &str) -> Vec<String> {
        let trimmed = file.trim_end_matches(".rs");
        let trimmed = trimmed.strip_suffix("/mod").unwrap_or(trimmed);
        trimmed.split('/').map(str::to_string).collect()
    }

    /// The file of a module, if there is one.
    fn file_of(module: &[String]) -> Option<String> {
        if module.is_empty() {
            return None;
        }
        let base = module.join("/");
        [format!("{base}.rs"), format!("{base}/mod.rs")]
            .into_iter()
            .find(|f| src().join(f).is_file())
    }

    /// The text without its test module and comment lines.
    fn code_of(file: &str) -> String {
        let text = std::fs::read_to_string(src().join(file)).unwrap_or_default();
        let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or_default();
        text.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The file that defines what a path names: the longest prefix of it
    /// that is a module, or the child module that module re-exports the
    /// next name from (`pub use model::{…, Store, …}`).
    fn resolve(path: &[String]) -> Option<String> {
        let n = (1..=path.len())
            .rev()
            .find(|&n| file_of(&path[..n]).is_some())?;
        let file = file_of(&path[..n])?;
        let child = path.get(n).and_then(|item| reexported_from(&file, item));
        let child_file = child.and_then(|c| file_of(&[&path[..n], &[c]].concat()));
        Some(child_file.unwrap_or(file))
    }

    /// The child module `file` re-exports `item` from, if it does.
    fn reexported_from(file: &str, item: &str) -> Option<String> {
        code_of(file).split(';').find_map(|statement| {
            let statement = statement.trim();
            let used = statement
                .strip_prefix("pub use ")
                .or_else(|| statement.strip_prefix("pub(crate) use "))?;
            let (child, names) = used.split_once("::")?;
            let named = names
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == item);
            (named && !matches!(child, "crate" | "super" | "self")).then(|| child.to_string())
        })
    }

    /// Every path in `file`'s code that starts with `crate::`, `super::` or
    /// one of its child modules, as module path segments from the crate
    /// root (one level of braces expanded).
    fn paths_in(file: &str) -> Vec<Vec<String>> {
        let module = module_of(file);
        let parent = module[..module.len() - 1].to_vec();
        let code: Vec<char> = code_of(file).chars().collect();
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let mut paths = Vec::new();
        let mut i = 0;
        while i < code.len() {
            if !is_word(code[i]) || (i > 0 && (is_word(code[i - 1]) || code[i - 1] == ':')) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < code.len() && (is_word(code[j]) || code[j] == ':') {
                j += 1;
            }
            let text: String = code[i..j].iter().collect();
            i = j;
            let mut segments: Vec<String> = text.split("::").map(str::to_string).collect();
            if segments.len() < 2 {
                continue;
            }
            let first = segments.remove(0);
            let base = match first.as_str() {
                "crate" => Vec::new(),
                "super" => parent.clone(),
                child if file_of(&[module.clone(), vec![child.to_string()]].concat()).is_some() => {
                    segments.insert(0, child.to_string());
                    module.clone()
                }
                _ => continue,
            };
            segments.retain(|s| !s.is_empty());
            let path = [base, segments].concat();
            if text.ends_with("::") && code.get(j) == Some(&'{') {
                let close = code[j..]
                    .iter()
                    .position(|&c| c == '}')
                    .map_or(code.len(), |p| j + p);
                let inner: String = code[j + 1..close].iter().collect();
                for item in inner.split(',') {
                    let name = item.split_whitespace().next().unwrap_or("self");
                    let mut p = path.clone();
                    p.extend(
                        name.split("::")
                            .filter(|s| !s.is_empty() && *s != "self")
                            .map(str::to_string),
                    );
                    paths.push(p);
                }
                i = close;
            } else {
                paths.push(path);
            }
        }
        paths
    }

    /// The source files that `file` uses.
    pub(super) fn files_used_by(file: &str) -> Vec<String> {
        paths_in(file)
            .iter()
            .filter_map(|p| resolve(p))
            .filter(|f| f != file && f != "lib.rs")
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// A folder with one file, its modification time set `age` ago.
    fn folder_with(text: &str, age: Duration) -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("f.yaml");
        std::fs::write(&path, text).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
        dir
    }

    fn stamp(dir: &Path, previous: Option<&Stamp>) -> Stamp {
        Stamp::of(
            dir,
            "f".into(),
            vec![(PathBuf::from("f.yaml"), None)],
            previous,
        )
    }

    /// `stamp` with the hash of its file replaced: a hash nobody computed,
    /// so that a stamp keeping it was not read again.
    fn with_planted_hash(mut stamp: Stamp) -> Stamp {
        stamp.files[0].hash ^= 1;
        stamp
    }

    #[test]
    fn an_untouched_file_is_not_hashed_again() {
        let dir = folder_with("a: 1\n", Duration::from_secs(60));
        let planted = with_planted_hash(stamp(dir.path(), None));
        let again = stamp(dir.path(), Some(&planted));
        assert_eq!(again, planted, "the recorded hash was trusted");
        assert_ne!(again, stamp(dir.path(), None));
    }

    #[test]
    fn a_file_touched_since_is_hashed_again() {
        let dir = folder_with("a: 1\n", Duration::from_secs(60));
        let planted = with_planted_hash(stamp(dir.path(), None));
        // Same size, another content and time.
        std::fs::write(dir.path().join("f.yaml"), "a: 2\n").unwrap();
        let again = stamp(dir.path(), Some(&planted));
        assert_ne!(again, planted);
        assert_eq!(again, stamp(dir.path(), None));
    }

    #[test]
    fn a_time_too_recent_to_trust_is_hashed_again() {
        // Modified within the last two seconds of the stamp: it could
        // change again within the same tick of a coarse clock.
        let dir = folder_with("a: 1\n", Duration::from_millis(100));
        let planted = with_planted_hash(stamp(dir.path(), None));
        let again = stamp(dir.path(), Some(&planted));
        assert_ne!(again, planted, "a racy file was trusted");
    }

    #[test]
    fn a_stamp_with_the_changed_files_is_the_stamp_of_the_store_as_it_is() {
        let dir = folder_with("a: 1\n", Duration::from_secs(60));
        let two = |dir: &Path, previous: Option<&Stamp>| {
            let files = ["f.yaml", "g.yaml"].map(|f| (PathBuf::from(f), None));
            Stamp::of(dir, "f".into(), files.into(), previous)
        };
        std::fs::write(dir.path().join("g.yaml"), "b: 1\n").unwrap();
        let before = two(dir.path(), None);
        std::fs::write(dir.path().join("g.yaml"), "b: 22\n").unwrap();
        let after = before
            .with_changed(dir.path(), &[PathBuf::from("g.yaml")])
            .unwrap();
        assert_ne!(after, before);
        assert_eq!(after, two(dir.path(), None));
        // The file just written is too recent to trust: hashed again.
        let mut planted = after.clone();
        planted.files[1].hash ^= 1;
        assert_eq!(two(dir.path(), Some(&planted)), after);
        // A file edited by hand meanwhile is read by the next stamp.
        std::fs::write(dir.path().join("f.yaml"), "a: 333\n").unwrap();
        let written = before
            .with_changed(dir.path(), &[PathBuf::from("g.yaml")])
            .unwrap();
        assert_eq!(two(dir.path(), Some(&written)), two(dir.path(), None));
        assert_ne!(two(dir.path(), Some(&written)), written);
        assert!(
            before
                .with_changed(dir.path(), &[PathBuf::from("h.yaml")])
                .is_none()
        );
    }

    #[test]
    fn stamps_compare_contents_not_times() {
        let dir = folder_with("a: 1\n", Duration::from_secs(60));
        let first = stamp(dir.path(), None);
        let file = std::fs::File::options()
            .write(true)
            .open(dir.path().join("f.yaml"))
            .unwrap();
        file.set_modified(SystemTime::now()).unwrap();
        assert_eq!(stamp(dir.path(), None), first);
    }
}
