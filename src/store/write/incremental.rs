//! Judging a write by the files it changes, against the cached model.
//!
//! Loading the whole store to judge one new claim costs seconds at 100,000
//! claims and more than a minute at a million, although only one file
//! changed. When the store the write started from was opened from a cache
//! that matches its files, this reads the changed files alone (with
//! `sources.yaml`, a few hundred lines), and checks what reaches outside
//! them against the cached model: each file is an event the cache holds,
//! with the same questions and the same claims first; each new claim's id
//! is free in the whole store (the cache's id table). What lies inside a
//! file (sources known, `about` naming a question, values that fit, a
//! source's revisions in order, links) is what the file's own load judges,
//! by the loader's own rules. The result is the model of the changed
//! events in the indices of the whole new store, which the cache splices
//! in (`paged::splice`).
//!
//! Whenever anything does not fit this shape (a new file, a new question,
//! a link to a claim of another file, any problem at all), it answers
//! `None` and the write judges the whole store from its files, as it
//! always did: that is where problems are reported, located at the claim
//! that caused them, so this path never has messages of its own.

use super::super::load;
use super::super::model::{Claim, ClaimIx, Event, EventIx, Question, QuestionIx, Store};
use super::super::paged::{Splice, SplicedEvent};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The splice that writing `replaced` (claims files relative to `root`,
/// with their new texts) makes of `before`, if the write can be judged by
/// those files alone; `None`: judge the whole store.
pub(super) fn judge(
    root: &Path,
    before: &Store,
    replaced: &HashMap<PathBuf, String>,
) -> Option<Splice> {
    before.stamp()?;
    if before.paged.is_none() || replaced.is_empty() {
        return None;
    }
    // The cache stands for the files not read here. It matched them when
    // the store was opened under the lock; that none changed since is
    // checked once the write is done (`cache::spliced`), against the
    // stamp the splice then writes.
    let mut files: Vec<PathBuf> = replaced.keys().cloned().collect();
    files.sort();
    let part = load::load_only(root, replaced, &files).ok()?;
    let same_sources = part.sources.len() == before.sources().len()
        && part
            .sources
            .iter()
            .zip(before.sources())
            .all(|(a, b)| a.id == b.id);
    if !same_sources || part.events.len() != files.len() {
        return None;
    }
    // Each changed file's event in the whole store, by index.
    let mut changed: Vec<(EventIx, usize)> = Vec::with_capacity(part.events.len());
    for (local, event) in part.events.iter().enumerate() {
        let whole = before.find_event(&event.id)?;
        if before.event(whole).file != event.file {
            return None;
        }
        changed.push((whole, local));
    }
    changed.sort();
    let mut events = Vec::with_capacity(changed.len());
    let mut added = 0;
    for &(whole, local) in &changed {
        let spliced = splice_event(before, &part, whole, local, added)?;
        added += spliced.claims.len() - spliced.old_claims.1;
        events.push(spliced);
    }
    // Two changed files may not add the same id (each file's load sees
    // only its own).
    let mut ids: Vec<&str> = events
        .iter()
        .flat_map(|e| e.claims[e.old_claims.1..].iter().map(|c| c.id.as_str()))
        .collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    Some(Splice { events })
}

/// The records of one changed event (`local` in `part`, `whole` in
/// `before`), in the indices of the new store, where `added` claims were
/// inserted before it; `None` if it is not the old event with claims
/// appended.
fn splice_event(
    before: &Store,
    part: &Store,
    whole: EventIx,
    local: usize,
    added: usize,
) -> Option<SplicedEvent> {
    let old = before.event(whole);
    let new = &part.events[local];
    let n = old.claims.len();
    let same_questions = old.questions.len() == new.questions.len()
        && old
            .questions
            .iter()
            .zip(&new.questions)
            .all(|(&a, &b)| before.question(a).id == part.questions[b.index()].id);
    let same_claims = new.claims.len() > n
        && old
            .claims
            .iter()
            .zip(&new.claims)
            .all(|(&a, &b)| before.claim(a).id == part.claims[b.index()].id);
    if !same_questions || !same_claims {
        return None;
    }
    // Every new claim's id is free in the whole store.
    if new.claims[n..]
        .iter()
        .any(|&c| before.find_claim(&part.claims[c.index()].id).is_some())
    {
        return None;
    }
    let old_first = match old.claims.first() {
        Some(first) => first.index(),
        None => claims_before(before, whole),
    };
    let first = old_first + added;
    // The part's indices to the whole new store's.
    let local_first = new.claims.first()?.index();
    let claim = |c: ClaimIx| -> Option<ClaimIx> {
        let p = c.index().checked_sub(local_first)?;
        (p < new.claims.len()).then(|| ClaimIx::from_index(first + p))
    };
    let claims_of =
        |list: &[ClaimIx]| -> Option<Vec<ClaimIx>> { list.iter().map(|&c| claim(c)).collect() };
    let question = |q: QuestionIx| -> Option<QuestionIx> {
        let p = new.questions.iter().position(|&x| x == q)?;
        Some(old.questions[p])
    };
    let event = Event {
        id: new.id.clone(),
        title: new.title.clone(),
        file: new.file.clone(),
        questions: old.questions.clone(),
        claims: claims_of(&new.claims)?,
    };
    let questions = new
        .questions
        .iter()
        .map(|&q| {
            let q = &part.questions[q.index()];
            Some(Question {
                event: whole,
                claims: claims_of(&q.claims)?,
                ..q.clone()
            })
        })
        .collect::<Option<Vec<Question>>>()?;
    // Every index a claim holds is set here; a new index field in `Claim`
    // or `Question` must be mapped here too (the tests compare with a
    // fresh load field by field).
    let claims = new
        .claims
        .iter()
        .map(|&c| {
            let c = &part.claims[c.index()];
            Some(Claim {
                event: whole,
                question: question(c.question)?,
                supersedes: match c.supersedes {
                    Some(s) => Some(claim(s)?),
                    None => None,
                },
                agrees_with: claims_of(&c.agrees_with)?,
                contradicts: claims_of(&c.contradicts)?,
                ..c.clone()
            })
        })
        .collect::<Option<Vec<Claim>>>()?;
    Some(SplicedEvent {
        ix: whole,
        old_claims: (old_first, n),
        event,
        questions,
        claims,
    })
}

/// How many claims the events before `event` hold: where the claims of an
/// event without any would start.
fn claims_before(store: &Store, event: EventIx) -> usize {
    (0..event.index())
        .rev()
        .find_map(|e| store.event(EventIx::from_index(e)).claims.last())
        .map_or(0, |last| last.index() + 1)
}
