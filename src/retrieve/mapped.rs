//! The retrieval index as a memory-mapped file, opened rather than decoded.
//!
//! A warm `check` reads the postings of perhaps ten query terms, the
//! lengths of the documents that hold them and the fifty it ranks; decoding
//! the whole index to do so cost 50 ms at 100k claims and 0.8 s at 1M
//! (docs/performance.md). So `.recoupe/index.pages` is laid out to be read
//! in place: a sorted term dictionary searched by bisection, each term's
//! postings a flat array, and the documents (what each stands for, its
//! field lengths) a flat table, all little-endian.
//!
//! ```text
//! header   magic "recoupe\0", layout version (u32), reserved (u32), then
//!          words (u64): key (hash of the store stamp, hash of the index
//!          format), file length, documents, terms, pool length, mean
//!          field lengths (4, as f64 bits), fallback language, dictionary
//!          hash, document table hash, French claims, header hash (of
//!          everything before it)
//! entries  per term, in byte order of the terms: term offset (u32) and
//!          length (u32) in the pool, postings offset, postings count,
//!          postings hash (u64 each)
//! pool     the terms' UTF-8 bytes
//! docs     per document: claim (u32, u32::MAX for none), question (u32),
//!          the four field lengths (u16 each)
//! postings per term: (document u32, the four field counts u8), by document
//! ```
//!
//! Opening checks the header, the key, the dictionary (entries and pool)
//! and the document table against their XXH3 hashes; a term's postings are
//! checked when that term is searched. Whatever fails a check is said in
//! one line on stderr and never believed: the index is built from the
//! store for the run and the file written anew (`super::Index`). The file
//! is only ever replaced by a rename, never written in place (as
//! `store::paged`), so a mapping stays the file that was opened.
//!
//! The key is a hash of the store's stamp (`Stamp::digest`), not a copy
//! of it: at 1M claims the stamp has 47,687 entries, already decoded once
//! for the store cache.

use super::{Built, Doc, FIELD_COUNT, Postings};
use crate::store::cache::{DIR, folder, rebuilt};
use crate::store::{ClaimIx, QuestionIx};
use crate::words::Lang;
use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The cache file, in `.recoupe/`.
pub(super) const FILE: &str = "index.pages";
/// Where the index was cached before it was mapped: removed when the
/// mapped file is written.
pub(super) const OLD_FILE: &str = "index.msgpack";
/// What the file starts with.
const MAGIC: &[u8; 8] = b"recoupe\0";
/// The layout of this file (1 is the MessagePack container, 2 the paged
/// store).
const VERSION: u32 = 4;
/// How many words follow magic, version and reserved.
const WORDS: usize = 15;
/// The header's size.
const HEADER: usize = 16 + 8 * WORDS;
/// A dictionary entry's size.
const ENTRY: usize = 32;
/// A document's size in the document table.
const DOC: usize = 4 + 4 + 2 * FIELD_COUNT;
/// A posting's size.
const POSTING: usize = 4 + FIELD_COUNT;
/// A document that stands for a question without claims.
const NO_CLAIM: u32 = u32::MAX;

/// What an index file is keyed by: the hash of the store's stamp, and the
/// hash of the index format.
pub(super) type Key = (u64, u64);

/// A little-endian word at `at` of `bytes` (in bounds).
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

/// A little-endian half-word at `at` of `bytes` (in bounds).
fn half(bytes: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(w)
}

/// An index file whose header, key, dictionary and document table passed
/// their checks.
pub(super) struct Mapped {
    map: memmap2::Mmap,
    docs: usize,
    terms: usize,
    mean_lengths: [f64; FIELD_COUNT],
    fallback: Lang,
    /// How many claims are in French (see `Built::french`).
    french: usize,
    /// Where the pool, the document table and the postings start.
    pool: usize,
    doc_table: usize,
    postings: usize,
    /// The store folder and the key, to write the file anew when a part
    /// fails its check.
    root: PathBuf,
    key: Key,
    /// The index built from the store after a part failed its check.
    replacement: OnceLock<Built>,
}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapped")
            .field("docs", &self.docs)
            .field("terms", &self.terms)
            .field("bytes", &self.map.len())
            .finish_non_exhaustive()
    }
}

/// Opens `.recoupe/index.pages` of the store at `root` if it was written
/// under `key` and passes its checks. A file that is missing, of another
/// layout or of another key is simply not there; one that fails a check
/// is said so on stderr.
pub(super) fn open(root: &Path, key: Key) -> Option<Mapped> {
    let file = std::fs::File::open(root.join(DIR).join(FILE)).ok()?;
    // SAFETY: the file is only replaced by renames, never written in
    // place (module documentation); the map is read-only.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    if map.len() < HEADER || &map[..8] != MAGIC {
        return rebuilt(FILE, "not a recoupe cache");
    }
    if half(&map, 8) != VERSION {
        return None;
    }
    let w: Vec<u64> = (0..WORDS).map(|i| word(&map, 16 + 8 * i)).collect();
    if xxh3_64(&map[..HEADER - 8]) != w[WORDS - 1] {
        return rebuilt(FILE, "its header does not match its checksum");
    }
    if w[2] != map.len() as u64 {
        return rebuilt(FILE, "its length is not the one recorded");
    }
    if (w[0], w[1]) != key {
        return None;
    }
    let n = |x: u64| usize::try_from(x).ok();
    let parts = (|| {
        let (docs, terms, pool_len) = (n(w[3])?, n(w[4])?, n(w[5])?);
        let pool = HEADER.checked_add(terms.checked_mul(ENTRY)?)?;
        let doc_table = pool.checked_add(pool_len)?;
        let postings = doc_table.checked_add(docs.checked_mul(DOC)?)?;
        (postings <= map.len()).then_some((docs, terms, pool, doc_table, postings))
    })();
    let Some((docs, terms, pool, doc_table, postings)) = parts else {
        return rebuilt(FILE, "its length is not the one recorded");
    };
    if xxh3_64(&map[HEADER..doc_table]) != w[11] {
        return rebuilt(FILE, "its term dictionary does not match its checksum");
    }
    if xxh3_64(&map[doc_table..postings]) != w[12] {
        return rebuilt(FILE, "its document table does not match its checksum");
    }
    let fallback = match w[10] {
        0 => Lang::En,
        1 => Lang::Fr,
        _ => return rebuilt(FILE, "its language cannot be read"),
    };
    let Some(french) = n(w[13]) else {
        return rebuilt(FILE, "its language cannot be read");
    };
    Some(Mapped {
        docs,
        terms,
        french,
        mean_lengths: std::array::from_fn(|f| f64::from_bits(w[6 + f])),
        fallback,
        pool,
        doc_table,
        postings,
        root: root.to_path_buf(),
        key,
        replacement: OnceLock::new(),
        map,
    })
}

/// Why a part of the file is not what was written.
pub(super) type Corrupt = &'static str;

impl Mapped {
    /// The bytes of term `i` (checked with the dictionary on open; a term
    /// out of bounds reads as empty).
    fn term(&self, i: usize) -> &[u8] {
        let at = HEADER + i * ENTRY;
        let packed = word(&self.map, at);
        let (start, len) = ((packed & 0xffff_ffff) as usize, (packed >> 32) as usize);
        self.map[self.pool..self.doc_table]
            .get(start..start.saturating_add(len))
            .unwrap_or_default()
    }

    /// The dictionary entry of `term`: postings offset, count and hash.
    fn entry(&self, term: &str) -> Option<(u64, u64, u64)> {
        let (mut low, mut high) = (0, self.terms);
        let wanted = term.as_bytes();
        while low < high {
            let mid = low + (high - low) / 2;
            match self.term(mid).cmp(wanted) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => {
                    let at = HEADER + mid * ENTRY;
                    return Some((
                        word(&self.map, at + 8),
                        word(&self.map, at + 16),
                        word(&self.map, at + 24),
                    ));
                }
            }
        }
        None
    }

    /// Where in the file the postings of `term` start.
    #[cfg(test)]
    pub(super) fn block_at(&self, term: &str) -> Option<usize> {
        let (offset, _, _) = self.entry(term)?;
        Some(self.postings + offset as usize * POSTING)
    }

    /// The postings block of an entry, checked against its hash.
    fn block(&self, (offset, count, hash): (u64, u64, u64)) -> Result<&[u8], Corrupt> {
        let bytes = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(count).ok())
            .and_then(|(o, c)| {
                let start = self.postings.checked_add(o.checked_mul(POSTING)?)?;
                self.map
                    .get(start..start.checked_add(c.checked_mul(POSTING)?)?)
            })
            .ok_or("a term's postings lie outside the file")?;
        if xxh3_64(bytes) != hash {
            return Err("a term's postings do not match their checksum");
        }
        Ok(bytes)
    }

    /// The index built from the store instead of this file, which failed a
    /// check (`why`, said once on stderr): from `store` when given, else
    /// the store at the file's root opened again; the file is written anew
    /// when the store is the one it was keyed by.
    pub(super) fn replacement(&self, store: Option<&crate::store::Store>, why: Corrupt) -> &Built {
        self.replacement.get_or_init(|| {
            let _: Option<()> = rebuilt(FILE, why);
            let opened;
            let store = match store {
                Some(store) => Some(store),
                None => {
                    opened = crate::store::Store::open(&self.root).ok();
                    opened.as_ref()
                }
            };
            let Some(store) = store else {
                return Built::empty(self.fallback);
            };
            let built = Built::build(store);
            if store.stamp().map(|s| s.digest()) == Some(self.key.0) {
                // Best effort, as every cache write.
                let _ = write(&self.root, self.key, &built);
            }
            built
        })
    }

    /// What replaced this file after a part failed its check, if one did.
    pub(super) fn replaced(&self) -> Option<&Built> {
        self.replacement.get()
    }

    /// The whole index decoded, every block checked (what `add` extends);
    /// `None` if any part fails its check.
    pub(super) fn to_built(&self) -> Option<Built> {
        let mut vocabulary = HashMap::with_capacity(self.terms);
        let mut postings = Vec::with_capacity(self.terms);
        for i in 0..self.terms {
            let term = std::str::from_utf8(self.term(i)).ok()?.to_string();
            let at = HEADER + i * ENTRY;
            let entry = (
                word(&self.map, at + 8),
                word(&self.map, at + 16),
                word(&self.map, at + 24),
            );
            let Ok(block) = self.block(entry) else {
                return rebuilt(FILE, "a term's postings do not match their checksum");
            };
            let list: Vec<(u32, [u8; FIELD_COUNT])> = block
                .chunks_exact(POSTING)
                .map(|p| (half(p, 0), [p[4], p[5], p[6], p[7]]))
                .collect();
            if list.iter().any(|&(d, _)| d as usize >= self.docs) {
                return rebuilt(FILE, "a posting names no document");
            }
            vocabulary.insert(term, i as u32);
            postings.push(list);
        }
        let docs = (0..self.docs as u32).map(|d| self.doc(d)).collect();
        let lengths = (0..self.docs as u32).map(|d| self.length(d)).collect();
        Some(Built {
            docs,
            vocabulary,
            postings,
            lengths,
            mean_lengths: self.mean_lengths,
            fallback: self.fallback,
            french: self.french,
        })
    }
}

impl Postings for Mapped {
    fn doc_count(&self) -> usize {
        self.docs
    }

    fn mean_lengths(&self) -> [f64; FIELD_COUNT] {
        self.mean_lengths
    }

    fn fallback(&self) -> Lang {
        self.fallback
    }

    fn doc(&self, d: u32) -> Doc {
        let at = self.doc_table + d as usize * DOC;
        let claim = half(&self.map, at);
        Doc {
            claim: (claim != NO_CLAIM).then(|| ClaimIx::from_index(claim as usize)),
            question: QuestionIx::from_index(half(&self.map, at + 4) as usize),
        }
    }

    fn length(&self, d: u32) -> [u16; FIELD_COUNT] {
        let at = self.doc_table + d as usize * DOC + 8;
        std::array::from_fn(|f| {
            u16::from_le_bytes([self.map[at + 2 * f], self.map[at + 2 * f + 1]])
        })
    }

    fn df(&self, term: &str) -> usize {
        self.entry(term).map_or(0, |(_, count, _)| count as usize)
    }

    fn postings<F: FnMut(u32, [u8; FIELD_COUNT])>(
        &self,
        term: &str,
        mut f: F,
    ) -> Result<(), Corrupt> {
        let Some(entry) = self.entry(term) else {
            return Ok(());
        };
        let block = self.block(entry)?;
        // Every document is checked before any is scored, so that a
        // failed check leaves nothing half counted.
        if block
            .chunks_exact(POSTING)
            .any(|p| half(p, 0) as usize >= self.docs)
        {
            return Err("a posting names no document");
        }
        for p in block.chunks_exact(POSTING) {
            f(half(p, 0), [p[4], p[5], p[6], p[7]]);
        }
        Ok(())
    }
}

/// Writes `built` as `.recoupe/index.pages` of the store at `root`, keyed
/// `key`, atomically (a temporary file in the same folder, renamed over
/// the old one), and removes the MessagePack index of earlier versions.
pub(super) fn write(root: &Path, key: Key, built: &Built) -> std::io::Result<()> {
    let dir = folder(root)?;
    let mut order: Vec<(&str, usize)> = built
        .vocabulary
        .iter()
        .map(|(term, &t)| (term.as_str(), t as usize))
        .collect();
    order.sort_unstable();
    let too_big = || std::io::Error::other("the index is too large for its layout");
    let mut entries = Vec::with_capacity(order.len() * ENTRY);
    let mut pool = Vec::new();
    let mut offset = 0u64;
    for &(term, t) in &order {
        let start = u32::try_from(pool.len()).map_err(|_| too_big())?;
        let len = u32::try_from(term.len()).map_err(|_| too_big())?;
        pool.extend_from_slice(term.as_bytes());
        let list = &built.postings[t];
        let count = list.len() as u64;
        let mut hasher = Xxh3::new();
        for (doc, tf) in list {
            hasher.update(&doc.to_le_bytes());
            hasher.update(tf);
        }
        for w in [
            u64::from(start) | (u64::from(len) << 32),
            offset,
            count,
            hasher.digest(),
        ] {
            entries.extend_from_slice(&w.to_le_bytes());
        }
        offset += count;
    }
    let mut docs = Vec::with_capacity(built.docs.len() * DOC);
    for (doc, length) in built.docs.iter().zip(&built.lengths) {
        let claim = doc.claim.map_or(NO_CLAIM, |c| c.index() as u32);
        docs.extend_from_slice(&claim.to_le_bytes());
        docs.extend_from_slice(&(doc.question.index() as u32).to_le_bytes());
        for l in length {
            docs.extend_from_slice(&l.to_le_bytes());
        }
    }
    let mut dictionary = Xxh3::new();
    dictionary.update(&entries);
    dictionary.update(&pool);
    let total = HEADER as u64
        + entries.len() as u64
        + pool.len() as u64
        + docs.len() as u64
        + offset * POSTING as u64;
    let mut words = [0u64; WORDS];
    words[0] = key.0;
    words[1] = key.1;
    words[2] = total;
    words[3] = built.docs.len() as u64;
    words[4] = order.len() as u64;
    words[5] = pool.len() as u64;
    for f in 0..FIELD_COUNT {
        words[6 + f] = built.mean_lengths[f].to_bits();
    }
    words[10] = u64::from(built.fallback == Lang::Fr);
    words[11] = dictionary.digest();
    words[12] = xxh3_64(&docs);
    words[13] = built.french as u64;
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&[0u8; 4]);
    for w in &words[..WORDS - 1] {
        header.extend_from_slice(&w.to_le_bytes());
    }
    let hash = xxh3_64(&header);
    header.extend_from_slice(&hash.to_le_bytes());

    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        out.write_all(&[0u8; HEADER])?;
        out.write_all(&entries)?;
        out.write_all(&pool)?;
        out.write_all(&docs)?;
        for &(_, t) in &order {
            for (doc, tf) in &built.postings[t] {
                out.write_all(&doc.to_le_bytes())?;
                out.write_all(tf)?;
            }
        }
        out.flush()?;
    }
    let file = tmp.as_file_mut();
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&header)?;
    tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
    let _ = std::fs::remove_file(dir.join(OLD_FILE));
    Ok(())
}
