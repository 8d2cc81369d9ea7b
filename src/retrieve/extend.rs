//! How the index follows a write (`add`, `import`): the index of the
//! store before, cached in `.recoupe/index.pages`, becomes the index of
//! the store after without analysing again what did not change and
//! without decoding either index whole.
//!
//! A write adds a few claims to a store of a million; building the index
//! again costs what the first build did (half a minute at 1M), and even
//! decoding the cached one, renumbering it in memory and writing it back
//! was most of an `add` (docs/performance.md, "the index follows the
//! splice"). So [`Extension::of`] works out where every old document goes
//! and analyses only the new ones, and [`Extension::write`] streams
//! each term's postings from the old file to the new, renumbered on the
//! way. The result ranks as a build would, to the last bit; whatever the
//! extension cannot vouch for (a source or a question changed, the
//! store's majority language turned, a part of the old file failed its
//! check) is built anew instead.
//!
//! When the write spliced its claims into the store cache, the store it
//! returns says what changed ([`SplicedChange`]): then only the changed
//! events' questions and claims are read, not every question of both
//! stores.

use super::{
    Built, Doc, FIELD_COUNT, Posting, Postings, analyse_all, counted, docs_of, is_french, key,
    majority_lang, mapped, mean_lengths,
};
use crate::store::cache::folder;
use crate::store::{ClaimIx, QuestionIx, Spliced, Store};
use crate::words::Lang;
use std::collections::HashMap;
use std::path::Path;

/// A question as `EVENT/QUESTION`, the same in two states of a store.
fn question_reference(store: &Store, q: QuestionIx) -> String {
    let question = store.question(q);
    format!("{}/{}", store.event(question.event).id, question.id)
}

/// Whether question `a` of `sa` and `b` of `sb` give the same terms.
fn same_question(sa: &Store, a: QuestionIx, sb: &Store, b: QuestionIx) -> bool {
    let (qa, qb) = (sa.question(a), sb.question(b));
    (&qa.ask, &qa.unit, &sa.event(qa.event).title) == (&qb.ask, &qb.unit, &sb.event(qb.event).title)
}

/// Whether document `old` of `before` and `new` of `after` are one claim
/// record, byte for byte (their cache records have the same hash), under
/// the same question: the same claim with the same terms, known without
/// decoding it. `same_place(q)`: question `q` is known to be the same
/// question in both stores.
fn unchanged(
    before: &Store,
    old: &Doc,
    after: &Store,
    new: &Doc,
    same_place: impl Fn(QuestionIx) -> bool,
) -> bool {
    let (Some(o), Some(c)) = (old.claim, new.claim) else {
        return false;
    };
    let (Some(a), Some(b)) = (before.claim_digest(o), after.claim_digest(c)) else {
        return false;
    };
    // The record names its question by index: the index must name the
    // same question in both (its terms are checked below, for all).
    let q = new.question;
    a == b
        && old.question == q
        && q.index() < before.question_count()
        && (same_place(q) || {
            let (qa, qb) = (before.question(q), after.question(q));
            qa.id == qb.id && before.event(qa.event).id == after.event(qb.event).id
        })
}

/// The index in `before` of claim `c` of `after`, if `before` holds it
/// with everything its terms are made of (`same_place` as for
/// [`unchanged`]).
fn same_claim(
    before: &Store,
    after: &Store,
    c: ClaimIx,
    same_place: impl Fn(QuestionIx) -> bool,
) -> Option<usize> {
    let new = after.claim(c);
    let o = before.find_claim(&new.id)?;
    let old = before.claim(o);
    let same = (&old.text, &old.translation, &old.lang, &old.unit)
        == (&new.text, &new.translation, &new.lang, &new.unit)
        && old.value == new.value
        && ((old.question == new.question && same_place(new.question))
            || question_reference(before, old.question) == question_reference(after, new.question))
        && before.is_percent(o) == after.is_percent(c);
    same.then(|| o.index())
}

/// What a store that a write spliced from `before` says of its change
/// (`store::Spliced`), as the index extension asks it: the questions and
/// claims of the events it changed. Every other question is the same
/// question at the same index, and every other claim the old one at its
/// shifted place, with the same words.
pub(super) struct SplicedChange<'s> {
    spliced: &'s Spliced,
    /// The changed events' questions and claims, in index order.
    questions: Vec<QuestionIx>,
    claims: Vec<ClaimIx>,
}

impl<'s> SplicedChange<'s> {
    /// The change `after` records, if it was spliced from `before`.
    pub(super) fn of(before: &Store, after: &'s Store) -> Option<SplicedChange<'s>> {
        let spliced = after.spliced().filter(|s| {
            before.stamp().map(|stamp| stamp.digest()) == Some(s.from)
                && before.question_count() == after.question_count()
                && before.event_count() == after.event_count()
        })?;
        let mut questions: Vec<QuestionIx> = spliced
            .events
            .iter()
            .flat_map(|&e| after.event(e).questions.iter().copied())
            .collect();
        questions.sort_unstable();
        let mut claims: Vec<ClaimIx> = questions
            .iter()
            .flat_map(|&q| after.question(q).claims.iter().copied())
            .collect();
        claims.sort_unstable();
        Some(SplicedChange {
            spliced,
            questions,
            claims,
        })
    }

    /// Whether question `q` is one the write left as it was.
    fn kept(&self, q: QuestionIx) -> bool {
        self.questions.binary_search(&q).is_err()
    }

    /// Whether document `new` is document `old` moved by the splice: a
    /// claim the write left as it was, at its shifted place.
    fn moved(&self, old: &Doc, new: &Doc) -> bool {
        old.claim.zip(new.claim).is_some_and(|(o, c)| {
            self.spliced.moved(o) == c
                && old.question == new.question
                && self.claims.binary_search(&c).is_err()
        })
    }
}

/// The documents of `after`, which a write spliced from the store the
/// documents `old_docs` are of: each claim kept is where the splice moved
/// it, under the question it had; the claims of the changed questions
/// are read from their lists; the questions without
/// claims are the old ones but for the changed questions, read again. The
/// same as [`docs_of`] gives, without reading every question. `None` if a
/// claim is left without a question (the splice is not what it says).
pub(super) fn spliced_docs(
    old_docs: &[Doc],
    after: &Store,
    change: &SplicedChange,
) -> Option<Vec<Doc>> {
    let mut question_of = vec![None; after.claim_count()];
    for doc in old_docs {
        if let Some(c) = doc.claim {
            *question_of.get_mut(change.spliced.moved(c).index())? = Some(doc.question);
        }
    }
    for &q in &change.questions {
        for &c in &after.question(q).claims {
            *question_of.get_mut(c.index())? = Some(q);
        }
    }
    let mut docs: Vec<Doc> = question_of
        .into_iter()
        .enumerate()
        .map(|(c, q)| {
            Some(Doc {
                claim: Some(ClaimIx::from_index(c)),
                question: q?,
            })
        })
        .collect::<Option<_>>()?;
    let mut claimless: Vec<QuestionIx> = old_docs
        .iter()
        .filter(|d| d.claim.is_none() && change.kept(d.question))
        .map(|d| d.question)
        .chain(
            change
                .questions
                .iter()
                .copied()
                .filter(|&q| after.question(q).claims.is_empty()),
        )
        .collect();
    claimless.sort_unstable();
    docs.extend(claimless.into_iter().map(|question| Doc {
        claim: None,
        question,
    }));
    Some(docs)
}

/// How the index of `before` becomes the index of `after` (what `add` and
/// `import` need): only the claims that are new or changed, and the new
/// questions without claims, are analysed; every other document keeps its
/// postings, renumbered ([`Extension::postings`]). The result ranks
/// exactly as [`Index::build`] of `after` would, to the last bit.
struct Extension {
    /// The documents of `after`, and their field lengths.
    docs: Vec<Doc>,
    lengths: Vec<[u16; FIELD_COUNT]>,
    mean_lengths: [f64; FIELD_COUNT],
    fallback: Lang,
    french: usize,
    /// Where each document of the old index goes (`None`: dropped); the
    /// documents kept keep their order, so every list stays sorted.
    moved: Vec<Option<u32>>,
    /// The terms of the new documents, in byte order, each with its
    /// postings by document.
    added: std::collections::BTreeMap<String, Vec<Posting>>,
}

impl Extension {
    /// The extension of `old`, an index of `before` holding `french`
    /// French claims, to `after`. `None` when the change reaches documents
    /// that were not touched (a source or a question changed, the store's
    /// majority language turned): build it then.
    pub(super) fn of(
        old: &impl Postings,
        french: usize,
        before: &Store,
        after: &Store,
    ) -> Option<Extension> {
        let same_sources = before.sources().len() == after.sources().len()
            && before
                .sources()
                .iter()
                .zip(after.sources())
                .all(|(a, b)| (&a.id, &a.name, &a.aliases) == (&b.id, &b.name, &b.aliases));
        let old_docs: Vec<Doc> = (0..old.doc_count()).map(|d| old.doc(d as u32)).collect();
        if !same_sources
            || old_docs.iter().filter(|d| d.claim.is_some()).count() != before.claim_count()
        {
            return None;
        }
        // A store a write spliced from `before` says what it changed: only
        // the questions of those events need reading.
        let change = SplicedChange::of(before, after);
        let same_place = |q: QuestionIx| change.as_ref().is_some_and(|c| c.kept(q));
        let docs = change
            .as_ref()
            .and_then(|change| spliced_docs(&old_docs, after, change))
            .unwrap_or_else(|| docs_of(after));
        // The old documents of questions without claims: by index when the
        // store was spliced (every question is where it was), else by
        // reference.
        let mut claimless_at: HashMap<QuestionIx, usize> = HashMap::new();
        let mut claimless_named: HashMap<String, usize> = HashMap::new();
        for (d, doc) in old_docs.iter().enumerate() {
            match (doc.claim, &change) {
                (Some(_), _) => {}
                (None, Some(_)) => _ = claimless_at.insert(doc.question, d),
                (None, None) => {
                    _ = claimless_named.insert(question_reference(before, doc.question), d);
                }
            }
        }
        // Where each old document goes, and which new ones are new. The
        // claims are walked in step: a claim the splice moved from the next
        // old one's place, or whose record is the next old one's, byte for
        // byte, under the same question, is that claim (no decoding); any
        // other is looked up by its id.
        let mut moved: Vec<Option<u32>> = vec![None; old_docs.len()];
        let mut added: Vec<usize> = Vec::new();
        let mut next_old = 0;
        for (d, doc) in docs.iter().enumerate() {
            let old = match doc.claim {
                Some(c) => match old_docs.get(next_old) {
                    Some(o) if change.as_ref().is_some_and(|c| c.moved(o, doc)) => Some(next_old),
                    Some(o) if unchanged(before, o, after, doc, same_place) => Some(next_old),
                    _ => same_claim(before, after, c, same_place),
                },
                None if change.is_some() => claimless_at.get(&doc.question).copied(),
                None => claimless_named
                    .get(&question_reference(after, doc.question))
                    .copied(),
            };
            match old.filter(|&o| o < old_docs.len()) {
                Some(o) if moved[o].is_none() => {
                    moved[o] = Some(u32::try_from(d).ok()?);
                    if doc.claim.is_some() {
                        next_old = o + 1;
                    }
                }
                Some(_) => return None,
                None => added.push(d),
            }
        }
        // The store's language, from the claims dropped and added.
        let dropped_french = moved
            .iter()
            .zip(&old_docs)
            .filter(|(to, _)| to.is_none())
            .filter_map(|(_, doc)| doc.claim)
            .filter(|&c| is_french(before, c))
            .count();
        let added_french = added
            .iter()
            .filter_map(|&d| docs[d].claim)
            .filter(|&c| is_french(after, c))
            .count();
        let french = (french + added_french).checked_sub(dropped_french)?;
        let fallback = old.fallback();
        if majority_lang(french, after.claim_count()) != fallback {
            return None;
        }
        // Questions' terms are shared by their claims: a question that
        // changed would change documents that were kept.
        let question_changed = |q: QuestionIx| {
            let reference = question_reference(before, q);
            after
                .find_question(&reference)
                .is_none_or(|n| !same_question(before, q, after, n))
        };
        let questions_changed = match &change {
            Some(change) => change.questions.iter().any(|&q| {
                question_reference(before, q) != question_reference(after, q)
                    || !same_question(before, q, after, q)
            }),
            None => before.question_ixs().any(question_changed),
        };
        if questions_changed {
            return None;
        }
        let mut lengths = vec![[0u16; FIELD_COUNT]; docs.len()];
        for (o, to) in moved.iter().enumerate() {
            if let Some(to) = to {
                lengths[*to as usize] = old.length(o as u32);
            }
        }
        let new_docs: Vec<Doc> = added.iter().map(|&d| docs[d]).collect();
        let analysed = analyse_all(after, &new_docs, fallback);
        let mut postings = std::collections::BTreeMap::<String, Vec<_>>::new();
        for (&d, fields) in added.iter().zip(analysed) {
            let (length, counts) = counted(fields);
            lengths[d] = length;
            for (term, tf) in counts {
                // Documents come in order: each list is sorted as built.
                postings.entry(term).or_default().push((d as u32, tf));
            }
        }
        Some(Extension {
            mean_lengths: mean_lengths(&lengths),
            docs,
            lengths,
            fallback,
            french,
            moved,
            added: postings,
        })
    }

    /// Writes the index this makes of `old` as `.recoupe/index.pages` of
    /// the store at `root`, keyed `key`, as `mapped::write` does: every
    /// term's postings read from `old` (and checked), renumbered and merged
    /// with the new documents' on the way, so that neither index is ever
    /// decoded whole. The inner error says which part of `old` failed its
    /// check: nothing is written then.
    fn write(
        &self,
        root: &Path,
        key: mapped::Key,
        old: &mapped::Mapped,
    ) -> std::io::Result<Result<(), mapped::Corrupt>> {
        let dir = folder(root)?;
        // The old terms, and the new ones they lack.
        let (fresh_terms, fresh_bytes) = self
            .added
            .keys()
            .filter(|term| !old.holds(term))
            .fold((0, 0), |(n, bytes), term| (n + 1, bytes + term.len()));
        let (old_terms, old_bytes) = old.dictionary_size();
        let terms = old_terms + fresh_terms;
        let mut writer =
            mapped::Writer::new(&dir, terms, old_bytes + fresh_bytes, self.docs.len())?;
        let mut added = self.added.iter().peekable();
        let mut list = Vec::new();
        for i in 0..old_terms {
            let (term, old_postings) = match old.term_at(i) {
                Ok(found) => found,
                Err(why) => return Ok(Err(why)),
            };
            while let Some((new_term, new)) = added.next_if(|(t, _)| t.as_bytes() < term) {
                writer.term(new_term.as_bytes(), new)?;
            }
            let new = added
                .next_if(|(t, _)| t.as_bytes() == term)
                .map_or(&[][..], |(_, new)| new.as_slice());
            if self.postings(old_postings, new, &mut list).is_none() {
                return Ok(Err("a posting names no document"));
            }
            writer.term(term, &list)?;
        }
        for (new_term, new) in added {
            writer.term(new_term.as_bytes(), new)?;
        }
        writer.finish(
            &dir,
            key,
            &mapped::Summary {
                docs: &self.docs,
                lengths: &self.lengths,
                mean_lengths: self.mean_lengths,
                fallback: self.fallback,
                french: self.french,
            },
        )?;
        Ok(Ok(()))
    }

    /// The postings of a term after the extension, into `out`: `old` (the
    /// term's list in the old index) renumbered, without the documents
    /// dropped, merged by document with `new` (its list among the new
    /// documents). `None` if an old posting names no old document.
    fn postings(
        &self,
        old: impl Iterator<Item = Posting>,
        new: &[Posting],
        out: &mut Vec<Posting>,
    ) -> Option<()> {
        out.clear();
        let mut new = new.iter().copied().peekable();
        for (doc, tf) in old {
            let Some(to) = *self.moved.get(doc as usize)? else {
                continue;
            };
            while let Some(n) = new.next_if(|&(d, _)| d < to) {
                out.push(n);
            }
            out.push((to, tf));
        }
        out.extend(new);
        Some(())
    }
}

/// After `add` or `import` wrote `after` (which was `before`) under the
/// write lock, and `after` was kept as the store cache
/// ([`Store::keep`]): caches its index too, so that the next `check` is
/// warm. Best effort, as every cache write.
pub fn keep(before: &Store, after: &Store, root: &Path) {
    let _ = kept(before, after, root);
}

/// How [`keep`] cached the index of `after`.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Kept {
    /// Written from the cached index of `before` and the documents that
    /// changed ([`Extension`]), its postings streamed from the old file to
    /// the new one: nothing of the old index is decoded whole.
    Extended,
    /// Built from `after`: there was no cached index of `before`, it
    /// failed a check, or the change reaches documents it kept.
    Built,
    /// Not cached: a store without a stamp was read without the cache.
    Not,
}

pub(super) fn kept(before: &Store, after: &Store, root: &Path) -> std::io::Result<Kept> {
    let (Some(old), Some(new)) = (before.stamp(), after.stamp()) else {
        return Ok(Kept::Not);
    };
    if let Some(index) = mapped::open(root, key(old))
        && let Some(extension) = Extension::of(&index, index.french(), before, after)
    {
        match extension.write(root, key(new), &index)? {
            Ok(()) => return Ok(Kept::Extended),
            Err(why) => {
                let _: Option<()> = crate::store::cache::rebuilt(mapped::FILE, why);
            }
        }
    }
    mapped::write(root, key(new), &Built::build(after))?;
    Ok(Kept::Built)
}
