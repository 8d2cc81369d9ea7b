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
//! The postings are written first, term by term, at the place the counts
//! give them, and the header, dictionary and document table last
//! ([`Writer`]): so `add` writes the new file straight from the old one,
//! each list renumbered on the way (`super::extend`), without holding
//! either index whole.
//!
//! The key is a hash of the store's stamp (`Stamp::digest`), not a copy
//! of it: at 1M claims the stamp has 47,687 entries, already decoded once
//! for the store cache.

use super::{Built, Doc, FIELD_COUNT, Posting, Postings};
use crate::store::cache::{DIR, folder, rebuilt};
use crate::store::{ClaimIx, QuestionIx};
use crate::words::Lang;
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

/// Whether `.recoupe/index.pages` of the store at `root` says it was
/// written under `key`: its header alone read and checked, so that a
/// command can tell whether the index is there before it opens it.
pub(super) fn holds_key(root: &Path, key: Key) -> bool {
    use std::io::Read;
    let mut header = [0u8; HEADER];
    let read = std::fs::File::open(root.join(DIR).join(FILE))
        .and_then(|mut file| file.read_exact(&mut header));
    read.is_ok()
        && &header[..8] == MAGIC
        && half(&header, 8) == VERSION
        && xxh3_64(&header[..HEADER - 8]) == word(&header, HEADER - 8)
        && (word(&header, 16), word(&header, 24)) == key
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
                std::cmp::Ordering::Equal => return Some(self.entry_at(mid)),
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

    /// How many claims of the store are in French (see `Built::french`).
    pub(super) fn french(&self) -> usize {
        self.french
    }

    /// How many terms the dictionary holds, and how many bytes they make.
    pub(super) fn dictionary_size(&self) -> (usize, usize) {
        (self.terms, self.doc_table - self.pool)
    }

    /// The bytes of term `i` of the dictionary (in byte order) and its
    /// postings, checked against their hash (not against the documents:
    /// the caller does).
    pub(super) fn term_at(
        &self,
        i: usize,
    ) -> Result<(&[u8], impl Iterator<Item = Posting> + '_), Corrupt> {
        let block = self.block(self.entry_at(i))?;
        Ok((self.term(i), block.chunks_exact(POSTING).map(posting)))
    }

    /// Whether the dictionary holds `term`.
    pub(super) fn holds(&self, term: &str) -> bool {
        self.entry(term).is_some()
    }

    /// The dictionary entry at `i`: postings offset, count and hash.
    fn entry_at(&self, i: usize) -> (u64, u64, u64) {
        let at = HEADER + i * ENTRY;
        (
            word(&self.map, at + 8),
            word(&self.map, at + 16),
            word(&self.map, at + 24),
        )
    }

    /// Every term with its postings, in byte order of the terms (what a
    /// test compares with an index built in memory); `None` if a block
    /// fails its check.
    #[cfg(test)]
    pub(super) fn decoded(&self) -> Option<Vec<(String, Vec<Posting>)>> {
        (0..self.terms)
            .map(|i| {
                let term = String::from_utf8(self.term(i).to_vec()).ok()?;
                let block = self.block(self.entry_at(i)).ok()?;
                Some((term, block.chunks_exact(POSTING).map(posting).collect()))
            })
            .collect()
    }
}

/// A posting as it lies in a block: document, then the field counts.
fn posting(p: &[u8]) -> Posting {
    (half(p, 0), [p[4], p[5], p[6], p[7]])
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
        for (doc, tf) in block.chunks_exact(POSTING).map(posting) {
            f(doc, tf);
        }
        Ok(())
    }
}

/// What an index file says besides its terms: its documents, and what its
/// header records of them.
pub(super) struct Summary<'a> {
    pub(super) docs: &'a [Doc],
    pub(super) lengths: &'a [[u16; FIELD_COUNT]],
    pub(super) mean_lengths: [f64; FIELD_COUNT],
    pub(super) fallback: Lang,
    pub(super) french: usize,
}

/// An index file being written, in a temporary file of `.recoupe/`: the
/// postings are streamed to where they lie, term by term in byte order,
/// while the dictionary is gathered; the header, the dictionary and the
/// document table are written last, in front of them. So a file can be
/// written from another one without holding every list at once.
pub(super) struct Writer {
    tmp: tempfile::NamedTempFile,
    postings: std::io::BufWriter<std::fs::File>,
    /// The dictionary so far, and the number of terms and pool bytes the
    /// place of the postings was computed for.
    entries: Vec<u8>,
    pool: Vec<u8>,
    terms: usize,
    pool_len: usize,
    /// How many postings are written.
    written: u64,
    /// One term's block, hashed whole before it is written.
    block: Vec<u8>,
}

fn too_big() -> std::io::Error {
    std::io::Error::other("the index is too large for its layout")
}

impl Writer {
    /// A writer for a file of `terms` terms whose bytes add up to
    /// `pool_len`, and `docs` documents.
    pub(super) fn new(
        dir: &Path,
        terms: usize,
        pool_len: usize,
        docs: usize,
    ) -> std::io::Result<Writer> {
        let tmp = tempfile::NamedTempFile::new_in(dir)?;
        let mut file = tmp.as_file().try_clone()?;
        let start = terms
            .checked_mul(ENTRY)
            .and_then(|e| e.checked_add(HEADER + pool_len))
            .and_then(|at| at.checked_add(docs.checked_mul(DOC)?))
            .ok_or_else(too_big)?;
        file.seek(SeekFrom::Start(start as u64))?;
        Ok(Writer {
            tmp,
            postings: std::io::BufWriter::with_capacity(1 << 20, file),
            entries: Vec::with_capacity(terms * ENTRY),
            pool: Vec::with_capacity(pool_len),
            terms,
            pool_len,
            written: 0,
            block: Vec::new(),
        })
    }

    /// Writes the next term (after every term before it in byte order)
    /// and its postings, by document.
    pub(super) fn term(&mut self, term: &[u8], postings: &[Posting]) -> std::io::Result<()> {
        let start = u32::try_from(self.pool.len()).map_err(|_| too_big())?;
        let len = u32::try_from(term.len()).map_err(|_| too_big())?;
        self.pool.extend_from_slice(term);
        self.block.clear();
        for (doc, tf) in postings {
            self.block.extend_from_slice(&doc.to_le_bytes());
            self.block.extend_from_slice(tf);
        }
        self.postings.write_all(&self.block)?;
        let count = postings.len() as u64;
        for w in [
            u64::from(start) | (u64::from(len) << 32),
            self.written,
            count,
            xxh3_64(&self.block),
        ] {
            self.entries.extend_from_slice(&w.to_le_bytes());
        }
        self.written += count;
        Ok(())
    }

    /// Writes the header, the dictionary and the document table, and
    /// renames the file over `.recoupe/index.pages` of `dir`, keyed `key`.
    pub(super) fn finish(self, dir: &Path, key: Key, summary: &Summary) -> std::io::Result<()> {
        let Writer {
            mut tmp,
            postings,
            entries,
            pool,
            terms,
            pool_len,
            written,
            block: _,
        } = self;
        if entries.len() != terms * ENTRY || pool.len() != pool_len {
            return Err(std::io::Error::other(
                "the index was not written as it was laid out",
            ));
        }
        postings.into_inner().map_err(|e| e.into_error())?;
        let mut docs = Vec::with_capacity(summary.docs.len() * DOC);
        for (doc, length) in summary.docs.iter().zip(summary.lengths) {
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
            + written * POSTING as u64;
        let mut words = [0u64; WORDS];
        words[0] = key.0;
        words[1] = key.1;
        words[2] = total;
        words[3] = summary.docs.len() as u64;
        words[4] = terms as u64;
        words[5] = pool.len() as u64;
        for f in 0..FIELD_COUNT {
            words[6 + f] = summary.mean_lengths[f].to_bits();
        }
        words[10] = u64::from(summary.fallback == Lang::Fr);
        words[11] = dictionary.digest();
        words[12] = xxh3_64(&docs);
        words[13] = summary.french as u64;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&VERSION.to_le_bytes());
        header.extend_from_slice(&[0u8; 4]);
        for w in &words[..WORDS - 1] {
            header.extend_from_slice(&w.to_le_bytes());
        }
        let hash = xxh3_64(&header);
        header.extend_from_slice(&hash.to_le_bytes());
        let file = tmp.as_file_mut();
        file.seek(SeekFrom::Start(0))?;
        let mut front = std::io::BufWriter::new(file);
        for part in [&header, &entries, &pool, &docs] {
            front.write_all(part)?;
        }
        front.flush()?;
        drop(front);
        tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
        let _ = std::fs::remove_file(dir.join(OLD_FILE));
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
    let pool_len = order.iter().map(|(term, _)| term.len()).sum();
    let mut writer = Writer::new(&dir, order.len(), pool_len, built.docs.len())?;
    for &(term, t) in &order {
        writer.term(term.as_bytes(), &built.postings[t])?;
    }
    writer.finish(
        &dir,
        key,
        &Summary {
            docs: &built.docs,
            lengths: &built.lengths,
            mean_lengths: built.mean_lengths,
            fallback: built.fallback,
            french: built.french,
        },
    )
}
