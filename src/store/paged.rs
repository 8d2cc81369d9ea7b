//! The store cache as a paged record file, opened rather than loaded.
//!
//! A warm `check` needs a handful of claims (the ones retrieval ranks and
//! the current claims of the question it matched) out of a store that may
//! hold a million: decoding the whole model to read them costs seconds and
//! gigabytes (docs/performance.md). So the cache is a file of records,
//! memory-mapped: every event, question and claim is one MessagePack
//! record at an offset given by a table, with its own length and XXH3
//! hash, decoded (and checked) the first time it is asked for. Opening the
//! file checks its header, its key (the stamp of the store files) and its
//! head (the sources and where every part lies); a record's hash is checked
//! when that record is read, so that opening checks only what is used.
//!
//! The layout (all integers little-endian; offsets after the head are
//! relative to the end of the head):
//!
//! ```text
//! header   magic "recoupe\0", layout version (u32), reserved (u32),
//!          key length and hash, head length and hash, file length (u64 each)
//! key      the stamp of the store files (MessagePack)
//! head     the sources and the counts (MessagePack)
//! tables   per event, question, claim: offset, length, XXH3 (u64 each)
//! ids      per event, claim: XXH3 of the id, index (u64 each), sorted;
//!          each table hashed whole, checked when first searched
//! records  events, questions, claims, in index order (MessagePack)
//! ```
//!
//! A record or a table that fails its check means the file is not what was
//! written: it is said in one line on stderr, the store is read from its
//! files for the rest of the run, and the cache is written anew; nothing in
//! it is believed. Whatever reads every claim (`report`, `sources`) asks
//! for the whole model ([`Pages::whole`]), decoded once.
//!
//! The file is mapped read-only. It is only ever replaced by a rename (see
//! [`write`]), never written in place, so a mapping stays the
//! file that was opened; a program truncating it while it is mapped would
//! make reads fault, which is the one risk of mapping it at all.

use super::load;
use super::model::{
    Claim, ClaimIx, Event, EventIx, Pages, Question, QuestionIx, Source, SourceIx, Spliced, Store,
    moved,
};
use super::stamp::Stamp;
use crate::error::Error;
use crate::progress;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// The cache file, in `.recoupe/`.
pub(super) const FILE: &str = "store.pages";
/// What the file starts with.
const MAGIC: &[u8; 8] = b"recoupe\0";
/// The layout of this file (the container of the other caches is 1).
const VERSION: u32 = 2;
/// Magic, version, reserved, then five words.
const HEADER: usize = 8 + 4 + 4 + 5 * 8;
/// A table entry: offset, length, hash.
const ENTRY: usize = 24;
/// An id entry: hash of the id, index.
const ID_ENTRY: usize = 16;
/// Claims decoded as one piece of work when the whole model is read.
pub(super) const DECODED_TOGETHER: usize = 4096;

/// What the head holds: the sources (few, and every check needs them),
/// how many of each record there are, and the hashes of the id tables.
#[derive(Serialize, Deserialize)]
struct Head {
    sources: Vec<Source>,
    events: u64,
    questions: u64,
    claims: u64,
    event_ids_hash: u64,
    claim_ids_hash: u64,
    /// The claims that name other claims (a revision, analyst links), with
    /// the highest index they name: the only records a write that moves
    /// claims has to decode and encode again (see [`splice`]).
    linked: Vec<(u64, u64)>,
}

/// Where each part of the body lies, from the counts.
#[derive(Debug, Clone, Copy)]
struct Parts {
    events: (usize, usize),
    questions: (usize, usize),
    claims: (usize, usize),
    event_ids: (usize, usize),
    claim_ids: (usize, usize),
    records: usize,
}

impl Parts {
    /// The parts for these counts, or `None` if they overflow.
    fn of(events: u64, questions: u64, claims: u64) -> Option<Parts> {
        let n = |x: u64| usize::try_from(x).ok();
        let (e, q, c) = (n(events)?, n(questions)?, n(claims)?);
        let mut at = 0usize;
        let mut part = |count: usize, size: usize| -> Option<(usize, usize)> {
            let start = at;
            at = at.checked_add(count.checked_mul(size)?)?;
            Some((start, count))
        };
        let events = part(e, ENTRY)?;
        let questions = part(q, ENTRY)?;
        let claims = part(c, ENTRY)?;
        let event_ids = part(e, ID_ENTRY)?;
        let claim_ids = part(c, ID_ENTRY)?;
        Some(Parts {
            events,
            questions,
            claims,
            event_ids,
            claim_ids,
            records: at,
        })
    }
}

/// A little-endian word at `at` of `bytes`.
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

/// An id table's bytes: (hash of the id, index), sorted.
fn id_table<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut pairs: Vec<(u64, u64)> = ids
        .enumerate()
        .map(|(i, id)| (xxh3_64(id.as_bytes()), i as u64))
        .collect();
    pairs.sort_unstable();
    pairs
        .into_iter()
        .flat_map(|(h, i)| h.to_le_bytes().into_iter().chain(i.to_le_bytes()))
        .collect()
}

/// Writes `store` (stamped `stamp`) as the paged cache in the folder
/// `dir`, atomically: a temporary file in the same folder, renamed over
/// the old one.
pub(super) fn write(dir: &Path, stamp: &Stamp, store: &Store) -> std::io::Result<()> {
    let event_ids = id_table(store.event_ixs().map(|e| store.event(e).id.as_str()));
    let claim_ids = id_table(store.claim_ixs().map(|c| store.claim(c).id.as_str()));
    let linked = store
        .claim_ixs()
        .filter_map(|c| highest_link(store.claim(c)).map(|r| (c.index() as u64, r as u64)))
        .collect();
    let head = Head {
        sources: store.sources().to_vec(),
        events: store.event_count() as u64,
        questions: store.question_count() as u64,
        claims: store.claim_count() as u64,
        event_ids_hash: xxh3_64(&event_ids),
        claim_ids_hash: xxh3_64(&claim_ids),
        linked,
    };
    write_file(dir, stamp, &head, &event_ids, &claim_ids, |out| {
        for e in store.event_ixs() {
            out.encode(store.event(e))?;
        }
        for q in store.question_ixs() {
            out.encode(store.question(q))?;
        }
        for c in store.claim_ixs() {
            out.encode(store.claim(c))?;
        }
        Ok(true)
    })
    .map(|_| ())
}

/// The records of a cache being written, and the table entry of each.
struct Records<W: Write> {
    out: W,
    /// Where the next record goes, relative to the body.
    at: u64,
    entries: Vec<[u64; 3]>,
    buffer: Vec<u8>,
}

impl<W: Write> Records<W> {
    /// Writes `value` as the next record.
    fn encode<T: Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        rmp_serde::encode::write(&mut buffer, value).map_err(std::io::Error::other)?;
        self.raw(&buffer, xxh3_64(&buffer))?;
        self.buffer = buffer;
        Ok(())
    }

    /// Writes a record already encoded, of hash `hash`.
    fn raw(&mut self, bytes: &[u8], hash: u64) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.entries.push([self.at, bytes.len() as u64, hash]);
        self.at += bytes.len() as u64;
        Ok(())
    }
}

/// Writes a cache file with this head and these id tables, its records
/// written by `fill` in index order (events, questions, claims); renamed
/// into place only if `fill` returns `true`.
fn write_file(
    dir: &Path,
    stamp: &Stamp,
    head: &Head,
    event_ids: &[u8],
    claim_ids: &[u8],
    fill: impl FnOnce(
        &mut Records<&mut std::io::BufWriter<&mut std::fs::File>>,
    ) -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    let key = rmp_serde::to_vec(stamp).map_err(std::io::Error::other)?;
    let head_bytes = rmp_serde::to_vec(head).map_err(std::io::Error::other)?;
    let parts = Parts::of(head.events, head.questions, head.claims)
        .ok_or_else(|| std::io::Error::other("too many records"))?;
    let body_start = (HEADER + key.len() + head_bytes.len()) as u64;
    let count = parts.events.1 + parts.questions.1 + parts.claims.1;
    let entries = {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        out.write_all(&[0u8; HEADER])?;
        out.write_all(&key)?;
        out.write_all(&head_bytes)?;
        out.write_all(&vec![0u8; parts.event_ids.0])?;
        out.write_all(event_ids)?;
        out.write_all(claim_ids)?;
        let mut records = Records {
            out: &mut out,
            at: parts.records as u64,
            entries: Vec::with_capacity(count),
            buffer: Vec::new(),
        };
        if !fill(&mut records)? || records.entries.len() != count {
            return Ok(false);
        }
        let entries = records.entries;
        out.flush()?;
        entries
    };
    let total = tmp.as_file().metadata()?.len();
    let file = tmp.as_file_mut();
    file.seek(SeekFrom::Start(body_start))?;
    let mut tables: Vec<u8> = Vec::with_capacity(entries.len() * ENTRY);
    for entry in &entries {
        for w in entry {
            tables.extend_from_slice(&w.to_le_bytes());
        }
    }
    file.write_all(&tables)?;
    let mut header = [0u8; HEADER];
    header[..8].copy_from_slice(MAGIC);
    header[8..12].copy_from_slice(&VERSION.to_le_bytes());
    let words = [
        key.len() as u64,
        xxh3_64(&key),
        head_bytes.len() as u64,
        xxh3_64(&head_bytes),
        total,
    ];
    for (i, w) in words.iter().enumerate() {
        header[16 + 8 * i..24 + 8 * i].copy_from_slice(&w.to_le_bytes());
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&header)?;
    tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
    Ok(true)
}

/// The highest claim index a claim names (its revision, its analyst
/// links), if it names any.
fn highest_link(claim: &Claim) -> Option<usize> {
    claim
        .supersedes
        .iter()
        .chain(&claim.agrees_with)
        .chain(&claim.contradicts)
        .map(|c| c.index())
        .max()
}

/// What a write that appended claims to some claims files changed in the
/// model, as [`splice`] takes it: no event and no question is new, so
/// only claim indices move.
pub(super) struct Splice {
    /// The changed events, in index order.
    pub(super) events: Vec<SplicedEvent>,
}

/// One changed event of a [`Splice`]: its records as the new store holds
/// them (every index already the new store's).
pub(super) struct SplicedEvent {
    /// The event.
    pub(super) ix: EventIx,
    /// Its claims in the old store: the first index and how many.
    pub(super) old_claims: (usize, usize),
    /// Its record.
    pub(super) event: Event,
    /// Its questions, at the indices `event.questions` gives.
    pub(super) questions: Vec<Question>,
    /// Its claims, the old ones first, at the indices `event.claims` gives.
    pub(super) claims: Vec<Claim>,
}

impl Splice {
    /// What it changed, as the store it makes keeps it.
    pub(super) fn spliced(&self, from: &Stamp) -> Spliced {
        Spliced {
            from: from.digest(),
            events: self.events.iter().map(|e| e.ix).collect(),
            shifts: self.shifts(),
        }
    }

    /// For each point of the old store where claims were inserted, in
    /// order, how many were inserted there or before.
    fn shifts(&self) -> Vec<(usize, usize)> {
        let mut added = 0;
        self.events
            .iter()
            .map(|e| {
                added += e.claims.len().saturating_sub(e.old_claims.1);
                (e.old_claims.0 + e.old_claims.1, added)
            })
            .collect()
    }
}

/// Writes, under `stamp`, the cache of the store that `splice` makes of
/// the one the opened file `old` holds, without decoding it: every record
/// the splice leaves as it was is copied as its bytes, in runs, with its
/// recorded hash (checked when it is read), the few that name a claim whose index moved (an event's
/// or a question's list of claims after the first insertion, a claim's
/// links) are decoded and encoded again, and the changed events' records
/// are encoded from `splice`. `Ok(false)`: the old file failed a check or
/// does not fit the splice, and nothing was written.
pub(super) fn splice(
    dir: &Path,
    old: &Opened,
    stamp: &Stamp,
    splice: &Splice,
) -> std::io::Result<bool> {
    let Some((head, body, parts)) = old.checked_head() else {
        return Ok(false);
    };
    let map = &old.map[..];
    let get = |at: usize, len: usize| {
        map.get(body.checked_add(at)?..body.checked_add(at)?.checked_add(len)?)
    };
    // The table entry of a record of the old file: offset, length, hash.
    let entry = |table: (usize, usize), i: usize| -> Option<(usize, usize, u64)> {
        let entry = get(table.0 + i * ENTRY, ENTRY)?;
        let (at, len, hash) = (word(entry, 0), word(entry, 8), word(entry, 16));
        let (at, len) = (usize::try_from(at).ok()?, usize::try_from(len).ok()?);
        (at >= parts.records).then_some((at, len, hash))
    };
    // A record of the old file, checked; `None` if it fails.
    let raw = |table: (usize, usize), i: usize| -> Option<(&[u8], u64)> {
        let (at, len, hash) = entry(table, i)?;
        let bytes = get(at, len)?;
        (xxh3_64(bytes) == hash).then_some((bytes, hash))
    };
    // Records `from..to` of a table, copied as they lie, one contiguous
    // run of bytes at a time, each with its recorded hash (a record
    // damaged in the old file stays damaged, and is caught when read).
    let copy_run = |out: &mut Records<&mut std::io::BufWriter<&mut std::fs::File>>,
                    table: (usize, usize),
                    from: usize,
                    to: usize|
     -> std::io::Result<bool> {
        let mut i = from;
        while i < to {
            let Some((start, len, hash)) = entry(table, i) else {
                return Ok(false);
            };
            let base = out.at;
            out.entries.push([base, len as u64, hash]);
            let mut end = start + len;
            i += 1;
            while i < to {
                let Some((at, len, hash)) = entry(table, i) else {
                    return Ok(false);
                };
                if at != end {
                    break;
                }
                out.entries
                    .push([base + (at - start) as u64, len as u64, hash]);
                end += len;
                i += 1;
            }
            let Some(bytes) = get(start, end - start) else {
                return Ok(false);
            };
            out.out.write_all(bytes)?;
            out.at += bytes.len() as u64;
        }
        Ok(true)
    };
    let fits = splice.events.windows(2).all(|w| w[0].ix < w[1].ix)
        && splice.events.iter().all(|e| {
            e.ix.index() < parts.events.1
                && e.old_claims.0 + e.old_claims.1 <= parts.claims.1
                && e.claims.len() >= e.old_claims.1
                && e.questions.len() == e.event.questions.len()
        });
    let (Some(event_ids), Some(old_claim_ids)) = (
        get(parts.event_ids.0, parts.event_ids.1 * ID_ENTRY),
        get(parts.claim_ids.0, parts.claim_ids.1 * ID_ENTRY),
    ) else {
        return Ok(false);
    };
    if !fits
        || xxh3_64(event_ids) != head.event_ids_hash
        || xxh3_64(old_claim_ids) != head.claim_ids_hash
    {
        return Ok(false);
    }
    let shifts = splice.shifts();
    let added = shifts.last().map_or(0, |s| s.1);
    let moved = |c: usize| moved(&shifts, c);
    // The claim id table: the old entries, moved (their order stays), and
    // the new claims' entries merged in.
    let mut fresh: Vec<(u64, u64)> = Vec::with_capacity(added);
    for e in &splice.events {
        let first = moved(e.old_claims.0);
        for (p, claim) in e.claims.iter().enumerate().skip(e.old_claims.1) {
            fresh.push((xxh3_64(claim.id.as_bytes()), (first + p) as u64));
        }
    }
    fresh.sort_unstable();
    let mut claim_ids = Vec::with_capacity(old_claim_ids.len() + added * ID_ENTRY);
    let mut fresh = fresh.into_iter().peekable();
    for entry in old_claim_ids.chunks_exact(ID_ENTRY) {
        let (hash, ix) = (word(entry, 0), word(entry, 8));
        let ix = moved(usize::try_from(ix).unwrap_or(usize::MAX)) as u64;
        while let Some(&(h, i)) = fresh.peek().filter(|&&(h, i)| (h, i) < (hash, ix)) {
            claim_ids.extend(h.to_le_bytes().into_iter().chain(i.to_le_bytes()));
            fresh.next();
        }
        claim_ids.extend(hash.to_le_bytes().into_iter().chain(ix.to_le_bytes()));
    }
    for (h, i) in fresh {
        claim_ids.extend(h.to_le_bytes().into_iter().chain(i.to_le_bytes()));
    }
    // The claims that name others: the old ones outside the changed
    // events, moved, and those of the changed events.
    let in_changed = |c: usize| {
        splice
            .events
            .iter()
            .any(|e| (e.old_claims.0..e.old_claims.0 + e.old_claims.1).contains(&c))
    };
    let old_linked: HashMap<usize, usize> = head
        .linked
        .iter()
        .map(|&(c, r)| (c as usize, r as usize))
        .filter(|&(c, _)| !in_changed(c))
        .collect();
    let mut linked: Vec<(u64, u64)> = old_linked
        .iter()
        .map(|(&c, &r)| (moved(c) as u64, moved(r) as u64))
        .collect();
    for e in &splice.events {
        let first = moved(e.old_claims.0);
        for (p, claim) in e.claims.iter().enumerate() {
            if let Some(r) = highest_link(claim) {
                linked.push(((first + p) as u64, r as u64));
            }
        }
    }
    linked.sort_unstable();
    let new_head = Head {
        sources: head.sources,
        events: head.events,
        questions: head.questions,
        claims: head.claims + added as u64,
        event_ids_hash: head.event_ids_hash,
        claim_ids_hash: xxh3_64(&claim_ids),
        linked,
    };
    // The old claims outside the changed events that name a moved claim.
    let mut remapped: Vec<usize> = old_linked
        .iter()
        .filter(|&(_, &r)| moved(r) != r)
        .map(|(&c, _)| c)
        .collect();
    remapped.sort_unstable();
    let changed_events: HashMap<usize, &SplicedEvent> =
        splice.events.iter().map(|e| (e.ix.index(), e)).collect();
    let changed_questions: HashMap<usize, &Question> = splice
        .events
        .iter()
        .flat_map(|e| {
            e.event
                .questions
                .iter()
                .map(|q| q.index())
                .zip(&e.questions)
        })
        .collect();
    let first_event = splice.events.first().map_or(usize::MAX, |e| e.ix.index());
    let first_question = splice
        .events
        .iter()
        .filter_map(|e| e.event.questions.first())
        .map(|q| q.index())
        .min()
        .unwrap_or(usize::MAX);
    let remap = |list: &mut Vec<ClaimIx>| {
        for c in list.iter_mut() {
            *c = ClaimIx::from_index(moved(c.index()));
        }
    };
    write_file(dir, stamp, &new_head, event_ids, &claim_ids, |out| {
        let copied = if added == 0 {
            parts.events.1
        } else {
            first_event.min(parts.events.1)
        };
        if !copy_run(out, parts.events, 0, copied)? {
            return Ok(false);
        }
        for e in copied..parts.events.1 {
            if let Some(changed) = changed_events.get(&e) {
                out.encode(&changed.event)?;
                continue;
            }
            let Some((bytes, hash)) = raw(parts.events, e) else {
                return Ok(false);
            };
            if e < first_event || added == 0 {
                out.raw(bytes, hash)?;
            } else {
                let Ok(mut event) = rmp_serde::from_slice::<Event>(bytes) else {
                    return Ok(false);
                };
                remap(&mut event.claims);
                out.encode(&event)?;
            }
        }
        let copied = if added == 0 {
            parts.questions.1
        } else {
            first_question.min(parts.questions.1)
        };
        if !copy_run(out, parts.questions, 0, copied)? {
            return Ok(false);
        }
        for q in copied..parts.questions.1 {
            if let Some(changed) = changed_questions.get(&q) {
                out.encode(*changed)?;
                continue;
            }
            let Some((bytes, hash)) = raw(parts.questions, q) else {
                return Ok(false);
            };
            if q < first_question || added == 0 {
                out.raw(bytes, hash)?;
            } else {
                let Ok(mut question) = rmp_serde::from_slice::<Question>(bytes) else {
                    return Ok(false);
                };
                remap(&mut question.claims);
                out.encode(&question)?;
            }
        }
        // Claims `from..to` of the old file: copied, but for those whose
        // links name a moved claim.
        let copy = |out: &mut Records<_>, from: usize, to: usize| -> std::io::Result<bool> {
            let mut at = from;
            let lo = remapped.partition_point(|&c| c < from);
            let hi = remapped.partition_point(|&c| c < to);
            for &c in &remapped[lo..hi] {
                if !copy_run(out, parts.claims, at, c)? {
                    return Ok(false);
                }
                let Some((bytes, _)) = raw(parts.claims, c) else {
                    return Ok(false);
                };
                let Ok(mut claim) = rmp_serde::from_slice::<Claim>(bytes) else {
                    return Ok(false);
                };
                claim.supersedes = claim
                    .supersedes
                    .map(|s| ClaimIx::from_index(moved(s.index())));
                remap(&mut claim.agrees_with);
                remap(&mut claim.contradicts);
                out.encode(&claim)?;
                at = c + 1;
            }
            copy_run(out, parts.claims, at, to)
        };
        let mut next = 0;
        for e in &splice.events {
            if !copy(out, next, e.old_claims.0)? {
                return Ok(false);
            }
            for claim in &e.claims {
                out.encode(claim)?;
            }
            next = e.old_claims.0 + e.old_claims.1;
        }
        copy(out, next, parts.claims.1)
    })
}

/// Says on stderr that the cache failed a check.
fn failed(why: &str) {
    progress::notice(&format!(
        ".recoupe/{FILE} failed its check ({why}): rebuilt from the store files"
    ));
}

/// A mapped cache file whose header and key passed their checks.
pub(super) struct Opened {
    map: memmap2::Mmap,
    key: Stamp,
    head: (usize, usize, u64),
}

impl Opened {
    /// The stamp the file was written under.
    pub(super) fn key(&self) -> &Stamp {
        &self.key
    }
}

/// Opens the cache in the folder `dir` (`.recoupe/`): its header and key
/// checked. A file that is missing or of another layout is simply not
/// there; one that fails a check is said so on stderr.
pub(super) fn open(dir: &Path) -> Option<Opened> {
    let file = std::fs::File::open(dir.join(FILE)).ok()?;
    // SAFETY: the file is only replaced by renames, never written in
    // place (module documentation); the map is read-only.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    let bad = |why: &str| {
        failed(why);
        None
    };
    if map.len() < HEADER || &map[..8] != MAGIC {
        return bad("not a recoupe cache");
    }
    let version = u32::from_le_bytes([map[8], map[9], map[10], map[11]]);
    if version != VERSION {
        return None;
    }
    let words: Vec<u64> = (0..5).map(|i| word(&map, 16 + 8 * i)).collect();
    if words[4] != map.len() as u64 {
        return bad("its length is not the one recorded");
    }
    let key_len = usize::try_from(words[0]).ok()?;
    let head_len = usize::try_from(words[2]).ok()?;
    let Some(end) = HEADER
        .checked_add(key_len)
        .and_then(|n| n.checked_add(head_len))
        .filter(|&end| end <= map.len())
    else {
        return bad("its length is not the one recorded");
    };
    let key_bytes = &map[HEADER..HEADER + key_len];
    if xxh3_64(key_bytes) != words[1] {
        return bad("its key does not match its checksum");
    }
    let Ok(key) = rmp_serde::from_slice(key_bytes) else {
        return bad("its key cannot be read");
    };
    Some(Opened {
        head: (end - head_len, head_len, words[3]),
        map,
        key,
    })
}

impl Opened {
    /// The head, checked and read, where the body starts, and where each
    /// part of it lies; `None` (said on stderr) if the head fails a check.
    fn checked_head(&self) -> Option<(Head, usize, Parts)> {
        let (at, len, hash) = self.head;
        let bytes = &self.map[at..at + len];
        if xxh3_64(bytes) != hash {
            failed("its head does not match its checksum");
            return None;
        }
        let Ok(head) = rmp_serde::from_slice::<Head>(bytes) else {
            failed("its head cannot be read");
            return None;
        };
        let parts = Parts::of(head.events, head.questions, head.claims);
        let Some(parts) = parts.filter(|p| p.records <= self.map.len() - (at + len)) else {
            failed("its length is not the one recorded");
            return None;
        };
        Some((head, at + len, parts))
    }

    /// The store the file holds, read lazily, if its head passes its
    /// checks; `root` is the store's folder, `stamp` the files' stamp now
    /// (equal to the key).
    pub(super) fn store(self, root: &Path, stamp: Stamp) -> Option<Store> {
        let dir = root.join(".recoupe");
        let (head, body, parts) = self.checked_head()?;
        let mut store = Store::empty(root);
        for (i, source) in head.sources.iter().enumerate() {
            store
                .source_by_id
                .insert(source.id.clone(), SourceIx::from_index(i));
        }
        store.sources = head.sources.clone();
        store.paged = Some(Box::new(Paged {
            sources: head.sources,
            events: Cells::new(parts.events.1),
            questions: Cells::new(parts.questions.1),
            claims: Cells::new(parts.claims.1),
            body,
            parts,
            hashes: (head.event_ids_hash, head.claim_ids_hash),
            ids_checked: (OnceLock::new(), OnceLock::new()),
            map: self.map,
            root: root.to_path_buf(),
            dir,
            stamp,
            whole: OnceLock::new(),
        }));
        Some(store)
    }
}

/// Items decoded on first use, each in its own box so that a chunk of
/// cells stays small; chunks are made on first use too.
struct Cells<T> {
    chunks: Box<[OnceLock<Chunk<T>>]>,
    len: usize,
}

/// A chunk of cells, each boxed once decoded.
type Chunk<T> = Box<[OnceLock<Box<T>>]>;

/// Cells per chunk.
const CHUNK: usize = 1024;

impl<T> Cells<T> {
    fn new(len: usize) -> Cells<T> {
        Cells {
            chunks: (0..len.div_ceil(CHUNK)).map(|_| OnceLock::new()).collect(),
            len,
        }
    }

    fn get(&self, i: usize) -> Option<&T> {
        self.chunks[i / CHUNK].get()?[i % CHUNK].get().map(|b| &**b)
    }

    fn set(&self, i: usize, value: T) -> &T {
        let first = i / CHUNK * CHUNK;
        let chunk = self.chunks[i / CHUNK].get_or_init(|| {
            (0..CHUNK.min(self.len - first))
                .map(|_| OnceLock::new())
                .collect()
        });
        chunk[i % CHUNK].get_or_init(|| Box::new(value))
    }
}

/// The model of a mapped cache file, decoded as it is read.
struct Paged {
    map: memmap2::Mmap,
    /// Where the body starts in the file.
    body: usize,
    parts: Parts,
    /// The recorded hashes of the event and claim id tables, and whether
    /// each was checked (and passed).
    hashes: (u64, u64),
    ids_checked: (OnceLock<bool>, OnceLock<bool>),
    events: Cells<Event>,
    questions: Cells<Question>,
    claims: Cells<Claim>,
    /// The sources, as the store holds them too (for the whole model).
    sources: Vec<Source>,
    root: PathBuf,
    /// The folder of the cache file.
    dir: PathBuf,
    stamp: Stamp,
    /// The whole model, once something asked for all of it, or once the
    /// file failed a check (then read from the store files).
    whole: OnceLock<Box<Store>>,
}

impl std::fmt::Debug for Paged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paged")
            .field("parts", &self.parts)
            .finish_non_exhaustive()
    }
}

impl Paged {
    /// The body's bytes from `at` (relative to the body), `len` of them.
    fn bytes(&self, at: usize, len: usize) -> Option<&[u8]> {
        let start = self.body.checked_add(at)?;
        self.map.get(start..start.checked_add(len)?)
    }

    /// Record `i` of the table `(start, count)`, checked and decoded.
    fn record<T: for<'de> Deserialize<'de>>(
        &self,
        table: (usize, usize),
        i: usize,
    ) -> Result<T, &'static str> {
        assert!(i < table.1, "index {i} out of {} records", table.1);
        let entry = self
            .bytes(table.0 + i * ENTRY, ENTRY)
            .ok_or("it is shorter than recorded")?;
        let (at, len, hash) = (word(entry, 0), word(entry, 8), word(entry, 16));
        let at = usize::try_from(at).map_err(|_| "a record is out of place")?;
        let len = usize::try_from(len).map_err(|_| "a record is out of place")?;
        if at < self.parts.records {
            return Err("a record is out of place");
        }
        let bytes = self.bytes(at, len).ok_or("a record is out of place")?;
        if xxh3_64(bytes) != hash {
            return Err("a record does not match its checksum");
        }
        rmp_serde::from_slice(bytes).map_err(|_| "a record cannot be read")
    }

    /// The store read from its files, after the cache failed a check for
    /// `why`; the cache is written anew from it. A store that no longer
    /// loads (its stamp said the files were those of a valid store, so
    /// only a change made since can do that) ends the run with its
    /// problems, exit status 2, as any broken store does.
    fn rebuilt(&self, why: &str) -> &Store {
        self.whole.get_or_init(|| {
            failed(why);
            match load::load(&self.root) {
                Ok(mut store) => {
                    let _ = write(&self.dir, &self.stamp, &store);
                    store.set_stamp(self.stamp.clone());
                    Box::new(store)
                }
                Err(e) => fail_run(&e),
            }
        })
    }

    /// Every record decoded, or the store from its files if one fails.
    fn decode_all(&self) -> Result<Store, &'static str> {
        let mut store = Store::empty(&self.root);
        store.sources = self.sources.clone();
        for (i, source) in store.sources.iter().enumerate() {
            store
                .source_by_id
                .insert(source.id.clone(), SourceIx::from_index(i));
        }
        store.events.reserve(self.parts.events.1);
        for i in 0..self.parts.events.1 {
            let event: Event = self.record(self.parts.events, i)?;
            store
                .event_by_id
                .insert(event.id.clone(), EventIx::from_index(i));
            store.events.push(event);
        }
        store.questions.reserve(self.parts.questions.1);
        for i in 0..self.parts.questions.1 {
            store.questions.push(self.record(self.parts.questions, i)?);
        }
        store.claims.reserve(self.parts.claims.1);
        store.claim_by_id.reserve(self.parts.claims.1);
        // The claims are most of the file (a million at 1M): decoded in
        // runs on every core, taken in order on this thread, which files
        // them by id meanwhile.
        let runs: Vec<std::ops::Range<usize>> = (0..self.parts.claims.1)
            .step_by(DECODED_TOGETHER)
            .map(|start| start..(start + DECODED_TOGETHER).min(self.parts.claims.1))
            .collect();
        crate::cores::in_order(
            &runs,
            |run| {
                run.clone()
                    .map(|i| self.record::<Claim>(self.parts.claims, i))
                    .collect::<Result<Vec<Claim>, _>>()
            },
            |claims| {
                for claim in claims? {
                    let ix = ClaimIx::from_index(store.claims.len());
                    store.claim_by_id.insert(claim.id.clone(), ix);
                    store.claims.push(claim);
                }
                Ok::<(), &'static str>(())
            },
        )?;
        Ok(store)
    }

    /// The indices whose id hashes as `id` does, from the id table
    /// `(start, count)` of hash `hash` (checked on first use, `checked`).
    fn candidates(
        &self,
        table: (usize, usize),
        hash: u64,
        checked: &OnceLock<bool>,
        id: &str,
    ) -> Result<Vec<usize>, &'static str> {
        let bytes = self
            .bytes(table.0, table.1 * ID_ENTRY)
            .ok_or("it is shorter than recorded")?;
        if !*checked.get_or_init(|| xxh3_64(bytes) == hash) {
            return Err("an id table does not match its checksum");
        }
        let wanted = xxh3_64(id.as_bytes());
        let at = |i: usize| word(bytes, i * ID_ENTRY);
        let (mut lo, mut hi) = (0, table.1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if at(mid) < wanted {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut found = Vec::new();
        while lo < table.1 && at(lo) == wanted {
            let ix = usize::try_from(word(bytes, lo * ID_ENTRY + 8)).unwrap_or(usize::MAX);
            found.push(ix);
            lo += 1;
        }
        Ok(found)
    }
}

/// Ends the run on a store that no longer loads (see [`Paged::rebuilt`]).
fn fail_run(e: &Error) -> ! {
    eprintln!("recoupe: {e}");
    std::process::exit(2)
}

impl Pages for Paged {
    fn counts(&self) -> [usize; 3] {
        [
            self.parts.events.1,
            self.parts.questions.1,
            self.parts.claims.1,
        ]
    }

    fn event(&self, ix: EventIx) -> &Event {
        if let Some(whole) = self.whole.get() {
            return whole.event(ix);
        }
        let i = ix.index();
        if let Some(event) = self.events.get(i) {
            return event;
        }
        match self.record(self.parts.events, i) {
            Ok(event) => self.events.set(i, event),
            Err(why) => self.rebuilt(why).event(ix),
        }
    }

    fn question(&self, ix: QuestionIx) -> &Question {
        if let Some(whole) = self.whole.get() {
            return whole.question(ix);
        }
        let i = ix.index();
        if let Some(question) = self.questions.get(i) {
            return question;
        }
        match self.record(self.parts.questions, i) {
            Ok(question) => self.questions.set(i, question),
            Err(why) => self.rebuilt(why).question(ix),
        }
    }

    fn claim(&self, ix: ClaimIx) -> &Claim {
        if let Some(whole) = self.whole.get() {
            return whole.claim(ix);
        }
        let i = ix.index();
        if let Some(claim) = self.claims.get(i) {
            return claim;
        }
        match self.record(self.parts.claims, i) {
            Ok(claim) => self.claims.set(i, claim),
            Err(why) => self.rebuilt(why).claim(ix),
        }
    }

    fn event_by_id(&self, id: &str) -> Option<EventIx> {
        if let Some(whole) = self.whole.get() {
            return whole.find_event(id);
        }
        let table = self.parts.event_ids;
        match self.candidates(table, self.hashes.0, &self.ids_checked.0, id) {
            Ok(found) => found
                .into_iter()
                .filter(|&i| i < self.parts.events.1)
                .map(EventIx::from_index)
                .find(|&e| self.event(e).id == id),
            Err(why) => self.rebuilt(why).find_event(id),
        }
    }

    fn claim_by_id(&self, id: &str) -> Option<ClaimIx> {
        if let Some(whole) = self.whole.get() {
            return whole.find_claim(id);
        }
        let table = self.parts.claim_ids;
        match self.candidates(table, self.hashes.1, &self.ids_checked.1, id) {
            Ok(found) => found
                .into_iter()
                .filter(|&i| i < self.parts.claims.1)
                .map(ClaimIx::from_index)
                .find(|&c| self.claim(c).id == id),
            Err(why) => self.rebuilt(why).find_claim(id),
        }
    }

    fn claim_digest(&self, ix: ClaimIx) -> Option<u64> {
        let (start, count) = self.parts.claims;
        if self.whole.get().is_some() || ix.index() >= count {
            return None;
        }
        let entry = self.bytes(start + ix.index() * ENTRY, ENTRY)?;
        Some(word(entry, 16))
    }

    fn whole(&self) -> &Store {
        if let Some(whole) = self.whole.get() {
            return whole;
        }
        match self.decode_all() {
            Ok(mut store) => {
                store.set_stamp(self.stamp.clone());
                self.whole.get_or_init(|| Box::new(store))
            }
            Err(why) => self.rebuilt(why),
        }
    }
}
