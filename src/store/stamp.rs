//! What keys a cache in `.recoupe/`: a stamp of the store files, and a
//! fingerprint of the code that wrote the cache.
//!
//! The stamp is apart from the cache itself because the model carries the
//! stamp it was read under (so that caches derived from a store, the
//! retrieval index, are keyed by the files that store came from): keeping
//! it here lets the model and the cache both use it without depending on
//! each other.

use serde::{Deserialize, Serialize};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// What the store's files looked like when a cache was written, and the
/// format the cache was written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    format: String,
    /// (path relative to the root, size, hash of the contents).
    files: Vec<(PathBuf, u64, u64)>,
}

impl Stamp {
    /// Stamps `files` (relative to `root`) as they are now, for a cache in
    /// `format`.
    pub(super) fn of(root: &Path, format: String, files: Vec<PathBuf>) -> Stamp {
        let files = files
            .into_iter()
            .map(|relative| {
                // An unreadable file stamps as empty; loading will report it.
                let bytes = std::fs::read(root.join(&relative)).unwrap_or_default();
                let mut hasher = std::hash::DefaultHasher::new();
                hasher.write(&bytes);
                (relative, bytes.len() as u64, hasher.finish())
            })
            .collect();
        Stamp { format, files }
    }
}
