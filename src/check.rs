//! Checking a new claim against the store (DESIGN §5), computed.
//!
//! A new report comes in: does it contradict what we hold? [`assess`] is
//! the whole of `check` and the first half of `add`: the claim as given
//! becomes a [`Draft`] ([`input`]), retrieval finds the stored claims its
//! wording is about ([`retrieve`]), the best of them names its question
//! when `--about` did not, the value is fitted to that question, and
//! [`check`] relates it.
//!
//! [`check`] itself is a pure function of the draft and the retrieved
//! [`Hit`]s: the claim is related to every current claim of the question
//! it answers with the same rules as `report` ([`relate::relate_values`]);
//! a claim from a source that already answered is that source's revision,
//! not a contradiction. Any contradiction decides the verdict, and the
//! contradictions come first in the list of matches, then the rest by
//! relevance; every count the output shows is taken before `--top` bounds
//! the list.

use crate::concepts;
use crate::date::ClaimDate;
use crate::diff::{self, Wording, WordingDiff};
use crate::error::Error;
use crate::graph;
use crate::input::{self, ClaimInput};
use crate::relate::{self, AnalystLink, Relation, RelationKind, Stated};
use crate::retrieve::{self, Hit};
use crate::store::{ClaimIx, Draft, Question, QuestionIx, QuestionKind, Store};
use crate::value::Value;
use crate::words::{Lang, guess_language};
use std::collections::HashMap;
use std::path::Path;

/// What the new claim means for the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It contradicts at least one current claim of its question.
    Contradicts,
    /// It answers a question on file and contradicts nothing there.
    Consistent,
    /// Nothing on file is about it.
    New,
}

impl Verdict {
    /// The verdict as DESIGN §7 writes it: `contradicts`, `consistent`,
    /// `new`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Contradicts => "contradicts",
            Verdict::Consistent => "consistent",
            Verdict::New => "new",
        }
    }
}

/// A stored claim next to the new one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The question of the stored claim.
    pub question: QuestionIx,
    /// The stored claim.
    pub claim: ClaimIx,
    /// How the new claim relates to it: `Supersedes` when both come from
    /// one source (the new claim is its revision); `None` when it answers
    /// another question or has no comparable value ("related").
    pub kind: Option<RelationKind>,
    /// The gap of DESIGN §2, for a contradiction.
    pub gap: Option<f64>,
    /// Retrieval relevance in [0, 1]; 1 for a question named with
    /// `--about` and nothing to rank it by.
    pub score: f64,
}

impl Match {
    /// Whether the new claim contradicts this stored claim.
    pub fn contradicts(&self) -> bool {
        self.kind == Some(RelationKind::Contradicts)
    }
}

/// What kind of remark a check makes beside its verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// The claim would revise its source's toll downwards.
    WalkBack,
    /// The claim repeats a figure its source has since revised.
    Repeats,
}

impl NoteKind {
    /// Its name in JSON (`walk_back`, `repeats`).
    pub fn name(self) -> &'static str {
        match self {
            NoteKind::WalkBack => "walk_back",
            NoteKind::Repeats => "repeats",
        }
    }
}

/// A remark on the new claim against its own source's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// What kind.
    pub kind: NoteKind,
    /// The stored claim it is about (the one repeated, or the one revised).
    pub claim: ClaimIx,
    /// The remark in words.
    pub text: String,
}

/// The outcome of a check.
#[derive(Debug, Clone)]
pub struct Checked {
    /// What the claim means for the store; `Contradicts` ends with exit
    /// status 1.
    pub verdict: Verdict,
    /// The question the claim answers, given or found.
    pub question: Option<QuestionIx>,
    /// The contradictions first, then by score; at most the number asked
    /// for.
    pub matches: Vec<Match>,
    /// How many matches there were before `top` bounded the list.
    pub total_matches: usize,
    /// How many stored claims the new one contradicts, listed or not.
    pub contradictions: usize,
    /// The most relevant match, listed or not: for a new claim, the near
    /// miss to name with `--about`.
    pub nearest: Option<Match>,
    /// The closest stored wording on the question, and the diff to it.
    pub closest: Option<(ClaimIx, WordingDiff)>,
    /// The retrieval score under which nothing was taken to be about the
    /// claim.
    pub new_below: f64,
    /// Remarks against the source's own history (walk-backs, repeats).
    pub notes: Vec<Note>,
    /// What the verdict rests on.
    pub grounds: Grounds,
    /// A figure read from the claim's wording that its question cannot
    /// hold (a figure on a category or text question), set aside rather
    /// than compared.
    pub dropped: Option<Value>,
}

/// What a verdict rests on: a claim is `consistent` only when its value
/// was compared with a stored claim and contradicted none; otherwise it is
/// `new`, and the grounds say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grounds {
    /// The claim was compared with the current claims of its question (by
    /// value, by the analyst's links, or as its source's revision).
    Compared,
    /// Its question has no claims yet: the claim is its first answer.
    NoClaimsYet,
    /// Its question has claims, but the new claim states nothing they can
    /// be compared with: no value ("l'EI n'a pas pris Qadam", no category
    /// named), or a statement on a text question with no analyst link.
    NoComparableValue,
    /// Nothing on file is about it.
    NothingOnFile,
}

impl Grounds {
    /// The grounds as JSON writes them: `compared`, `no claims yet`,
    /// `no comparable value`, `nothing on file`.
    pub fn name(self) -> &'static str {
        match self {
            Grounds::Compared => "compared",
            Grounds::NoClaimsYet => "no claims yet",
            Grounds::NoComparableValue => "no comparable value",
            Grounds::NothingOnFile => "nothing on file",
        }
    }
}

impl Checked {
    /// How many matches `top` left out of the list.
    pub(crate) fn unlisted(&self) -> usize {
        self.total_matches.saturating_sub(self.matches.len())
    }
}

/// A new claim as understood and as checked: what `check` shows and
/// `add` writes.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// The claim, every reference resolved, its question given or found.
    pub draft: Draft,
    /// How it relates to the store.
    pub checked: Checked,
}

/// How many stored claims retrieval ranks for a wording, at the least:
/// enough for the question to be found even when `--top` is small.
const RETRIEVED: usize = 20;

/// The whole check flow: understands the claim as given (undated, it is
/// dated `today`), retrieves what its wording is about from the index of
/// the store at `root`, takes the best question when none was named, fits
/// the value to it and relates the claim to the store, listing at most
/// `top` matches.
pub fn assess(
    store: &Store,
    root: &Path,
    input: &ClaimInput,
    today: ClaimDate,
    top: usize,
) -> Result<Assessed, Error> {
    assess_as_of(store, root, input, today, top, None)
}

/// [`assess`] against the store as it stood on `as_of` (claims dated
/// later left out, each source's latest by then current).
pub fn assess_as_of(
    store: &Store,
    root: &Path,
    input: &ClaimInput,
    today: ClaimDate,
    top: usize,
    as_of: Option<ClaimDate>,
) -> Result<Assessed, Error> {
    let mut draft = input::draft(store, input, today)?;
    let hits = if draft.text.trim().is_empty() {
        Vec::new()
    } else {
        retrieve::open(store, root).search(store, query(&draft.text), top.max(RETRIEVED))
    };
    let stated = draft.value.clone();
    let mut currents = Currents::new(store, as_of);
    if draft.question.is_none() {
        // Found from the wording: the claim must fit it as if named.
        draft.question = choose_question(&mut currents, &draft, &hits, retrieve::NEW_BELOW);
        input::fit(store, &mut draft, input.value_origin())?;
    }
    let mut checked = check_with(&mut currents, &draft, &hits, retrieve::NEW_BELOW, top);
    if stated.is_numeric() && !draft.value.is_numeric() {
        // Never silently: the wording's figure had no place on the question.
        checked.dropped = Some(stated);
    }
    Ok(Assessed { draft, checked })
}

pub use crate::input::{QUERY_WORDS, query};

/// The current claims of the questions one check looks at, each found
/// once: choosing a question and checking against it both need them, and
/// on a question of tens of thousands of claims finding them is most of a
/// `check` (docs/performance.md).
struct Currents<'s> {
    store: &'s Store,
    as_of: Option<ClaimDate>,
    found: HashMap<QuestionIx, Vec<ClaimIx>>,
}

impl<'s> Currents<'s> {
    fn new(store: &'s Store, as_of: Option<ClaimDate>) -> Currents<'s> {
        Currents {
            store,
            as_of,
            found: HashMap::new(),
        }
    }

    /// The current claims of `q` as the check's date has them.
    fn of(&mut self, q: QuestionIx) -> &[ClaimIx] {
        let (store, as_of) = (self.store, self.as_of);
        self.found
            .entry(q)
            .or_insert_with(|| graph::current_claims_as_of(store, q, as_of))
    }
}

/// The question a claim given as free text answers: the best hit that
/// reaches `new_below`, where a claim with a figure goes first to the
/// questions that can hold it (a number question, a share for a share) and
/// among those to the ones whose question states what its figure counts
/// (the concepts of [`crate::concepts`]: "11 300 personnes ont péri" goes
/// to "How many people died", not to the missing). A claim whose figure
/// no question can hold still gets the best question by wording; the
/// figure is dropped and the check says so.
fn choose_question(
    currents: &mut Currents,
    draft: &Draft,
    hits: &[Hit],
    new_below: f64,
) -> Option<QuestionIx> {
    let store = currents.store;
    if !draft.value.is_numeric() {
        // A category question whose value words the claim uses is taken
        // from the same share of the threshold as a figure's question
        // that states what it counts: the store's own words for a value
        // are evidence the wording score does not weigh.
        let text = input::query(&draft.text);
        return hits
            .iter()
            .map(|h| {
                let states = store.question(h.question).category_stated(text).is_some();
                (states, h)
            })
            .filter(|(states, h)| {
                h.score >= new_below || *states && h.score >= new_below * STATED_COUNT
            })
            .max_by(|(a, x), (b, y)| a.cmp(b).then(x.score.total_cmp(&y.score)))
            .map(|(_, h)| h.question);
    }
    let lang = draft.lang.as_deref().and_then(Lang::from_code);
    let counted = retrieve::figure_concepts(&draft.text, lang);
    // Called before the draft has a question: its own unit says.
    let percent = store.is_percent_draft(draft);
    let judged: Vec<((bool, usize), &Hit)> = hits
        .iter()
        .map(|h| {
            let q = store.question(h.question);
            let holds = q.kind.is_numeric() && q.in_percent(None) == percent;
            let shared = question_concepts(q)
                .iter()
                .filter(|c| counted.contains(c))
                .count();
            ((holds, shared), h)
        })
        .filter(|((holds, shared), h)| {
            h.score >= new_below || *holds && *shared > 0 && h.score >= new_below * STATED_COUNT
        })
        .collect();
    // The best by (holds, shared, known figure, score), the last of equals
    // winning: only the hits of the best (holds, shared) can win, and among
    // them the best-scored that gives a known figure, else the best-scored.
    // Whether a question gives a known figure needs its current claims (a
    // question of 61,553 claims decodes them all), so it is asked best
    // score first and no further than the first yes.
    let (holds, shared) = judged.iter().map(|(level, _)| *level).max()?;
    let mut contenders: Vec<(usize, &Hit)> = judged
        .into_iter()
        .filter(|(level, _)| *level == (holds, shared))
        .map(|(_, h)| h)
        .enumerate()
        .collect();
    contenders.sort_by(|(i, x), (j, y)| y.score.total_cmp(&x.score).then(j.cmp(i)));
    let known = holds
        .then(|| {
            contenders
                .iter()
                .find(|(_, h)| gives_a_known_figure(currents, draft, h.question))
        })
        .flatten();
    known.or(contenders.first()).map(|(_, h)| h.question)
}

/// The share of the retrieval threshold a question needs when it can hold
/// the claim's figure and its `ask` states what that figure counts: that
/// agreement is evidence the wording score does not weigh ("1.09 million
/// demonstrators across France" for "How many people marched in France",
/// where the stored wording is French and its figure 1.089 million).
const STATED_COUNT: f64 = 0.4;

/// Whether the draft's figure is, within rounding (1%), one that a
/// current claim of question `q` gives: a relayed or repeated figure
/// ("1.09 million" for the ministry's 1,089,000) says which question it
/// answers better than the words around it. Figures under 1,000 say too
/// little (many questions hold a 20).
fn gives_a_known_figure(currents: &mut Currents, draft: &Draft, q: QuestionIx) -> bool {
    let mine = draft.value.numbers();
    if mine.iter().any(|x| x.abs() < 1000.0) {
        return false;
    }
    let store = currents.store;
    currents.of(q).iter().any(|&c| {
        store.claim(c).value.numbers().into_iter().any(|theirs| {
            mine.iter()
                .any(|&x| (x - theirs).abs() <= 0.01 * x.abs().max(theirs.abs()))
        })
    })
}

/// What a question asks about, as concepts: those of its `ask` and unit.
fn question_concepts(q: &Question) -> Vec<&'static str> {
    let mut found = concepts::concepts_in(&q.ask, guess_language(&q.ask));
    if let Some(unit) = &q.unit {
        for c in concepts::concepts_in(unit, None) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

/// The question of the best hit, if it reaches `new_below`: what a claim
/// given without `--about` is taken to answer.
pub(crate) fn best_question(hits: &[Hit], new_below: f64) -> Option<QuestionIx> {
    hits.iter()
        .filter(|h| h.score >= new_below)
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .map(|h| h.question)
}

/// Relates `draft` to the store. `hits` come from retrieval (may be
/// empty); those under `new_below` are not about the claim. At most `top`
/// matches are listed; the counts are of them all.
pub fn check(store: &Store, draft: &Draft, hits: &[Hit], new_below: f64, top: usize) -> Checked {
    check_as_of(store, draft, hits, new_below, top, None)
}

/// [`check`] against the store as it stood on `as_of`.
pub fn check_as_of(
    store: &Store,
    draft: &Draft,
    hits: &[Hit],
    new_below: f64,
    top: usize,
    as_of: Option<ClaimDate>,
) -> Checked {
    check_with(
        &mut Currents::new(store, as_of),
        draft,
        hits,
        new_below,
        top,
    )
}

fn check_with(
    currents: &mut Currents,
    draft: &Draft,
    hits: &[Hit],
    new_below: f64,
    top: usize,
) -> Checked {
    let (store, as_of) = (currents.store, currents.as_of);
    let question = draft.question.or(best_question(hits, new_below));
    let history = question.map(|q| OwnHistory::of(store, draft, q, as_of));
    let mut matches = match question {
        Some(q) => on_question(store, draft, hits, currents.of(q), q, history.as_ref()),
        None => Vec::new(),
    };
    // Everything else retrieval found, above the threshold or not, is
    // listed as related: a near miss tells the user which question to name
    // with `--about` when the wording alone was not enough.
    for hit in hits {
        if let Some(c) = hit.claim
            && Some(hit.question) != question
            && !matches.iter().any(|m| m.claim == c)
        {
            matches.push(Match {
                question: hit.question,
                claim: c,
                kind: None,
                gap: None,
                score: hit.score,
            });
        }
    }
    let contradictions = matches.iter().filter(|m| m.contradicts()).count();
    let grounds = match question {
        None => Grounds::NothingOnFile,
        Some(q) if store.question(q).claims.is_empty() => Grounds::NoClaimsYet,
        Some(q) if matches.iter().any(|m| m.question == q && m.kind.is_some()) => Grounds::Compared,
        Some(_) => Grounds::NoComparableValue,
    };
    let verdict = if contradictions > 0 {
        Verdict::Contradicts
    } else if grounds == Grounds::Compared {
        Verdict::Consistent
    } else {
        Verdict::New
    };
    matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.claim.cmp(&b.claim)));
    let nearest = matches.first().copied();
    let closest = question.and_then(|q| closest_wording(store, draft, &matches, q));
    // What decided the exit status comes first; the order is stable, so
    // each group stays ranked by score.
    matches.sort_by_key(|m| !m.contradicts());
    let total_matches = matches.len();
    matches.truncate(top);
    Checked {
        verdict,
        question,
        matches,
        total_matches,
        contradictions,
        nearest,
        closest,
        new_below,
        notes: history.map(|h| h.notes).unwrap_or_default(),
        grounds,
        dropped: None,
    }
}

/// The new claim against its own source's chain on the question: a stale
/// repeat (a figure the source gave, then revised, given again after the
/// revision) or a walk-back (a lower toll than the source's current one).
struct OwnHistory {
    /// The source's current claim, if the claim is a stale repeat: it
    /// contradicts it (the source's own latest word says otherwise).
    stale_against: Option<ClaimIx>,
    notes: Vec<Note>,
}

impl OwnHistory {
    fn of(store: &Store, draft: &Draft, q: QuestionIx, as_of: Option<ClaimDate>) -> OwnHistory {
        let mut own = OwnHistory {
            stale_against: None,
            notes: Vec::new(),
        };
        let Some(source) = draft.source else {
            return own;
        };
        let chain = graph::source_chain(store, q, source, as_of);
        let Some(&current) = chain.last() else {
            return own;
        };
        let question = store.question(q);
        let now = store.claim(current);
        let percent = store.is_percent_draft(draft);
        let name = &store.source(source).id;
        if relate::same_figure(&now.value, &draft.value) {
            return own;
        }
        // The latest earlier claim with the figure, revised before the
        // new claim was said.
        let stale = chain.windows(2).rev().find(|w| {
            relate::same_figure(&store.claim(w[0]).value, &draft.value)
                && crate::date::order(draft.date.as_ref(), store.claim(w[1]).date.as_ref())
                    != Some(std::cmp::Ordering::Less)
        });
        if let Some(w) = stale {
            let repeated = store.claim(w[0]);
            let since = if now.value.is_numeric() || matches!(now.value, crate::value::Value::Is(_))
            {
                format!("since revised to {}", now.value.words(percent))
            } else {
                format!("since superseded by {}", now.id)
            };
            own.stale_against = Some(current);
            own.notes.push(Note {
                kind: NoteKind::Repeats,
                claim: w[0],
                text: format!(
                    "repeats {name}'s figure of {}, {since}",
                    repeated
                        .date
                        .map_or("an undated claim".to_string(), |d| d.to_string()),
                ),
            });
            return own;
        }
        if question.cumulative
            && relate::revision_direction(question, &now.value, &draft.value)
                == Some(relate::Direction::Down)
        {
            let change = match (relate::figure(&now.value), relate::figure(&draft.value)) {
                (Some(o), Some(n)) if o != 0.0 => {
                    format!(", {}", crate::round::signed_percent((n - o) / o.abs()))
                }
                _ => String::new(),
            };
            own.notes.push(Note {
                kind: NoteKind::WalkBack,
                claim: current,
                text: format!(
                    "would walk back {name}'s toll: {} → {}{change}",
                    now.value.words(percent),
                    draft.value.words(percent),
                ),
            });
        }
        own
    }
}

/// The draft against every current claim of its question `q` (`current`).
fn on_question(
    store: &Store,
    draft: &Draft,
    hits: &[Hit],
    current: &[ClaimIx],
    q: QuestionIx,
    history: Option<&OwnHistory>,
) -> Vec<Match> {
    let score_of = |claim: ClaimIx| {
        hits.iter()
            .filter(|h| h.claim == Some(claim))
            .map(|h| h.score)
            .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))))
    };
    let stale_against = history.and_then(|h| h.stale_against);
    current
        .iter()
        .map(|&c| {
            let relation = if stale_against == Some(c) {
                Some(stale_repeat(store, draft, q, c))
            } else {
                relation_to(store, draft, q, c)
            };
            let score = score_of(c).unwrap_or(if draft.question.is_some() { 1.0 } else { 0.0 });
            Match {
                question: q,
                claim: c,
                kind: relation.map(|r| r.kind),
                gap: relation.and_then(|r| r.gap),
                score,
            }
        })
        .collect()
}

/// How the draft relates to the stored claim `c` of its question `q`: a
/// revision when one source said both, else what the draft's analyst links
/// state, else what the values say (nothing, on a text question).
fn relation_to(store: &Store, draft: &Draft, q: QuestionIx, c: ClaimIx) -> Option<Relation> {
    let linked = draft.contradicts.contains(&c) || draft.agrees_with.contains(&c);
    if draft.value == Value::Unstated && store.question(q).kind != QuestionKind::Text && !linked {
        // No value on a question of values: nothing to compare, nor to
        // revise ("l'EI n'a pas pris Qadam" states no extent).
        return None;
    }
    if draft.source == Some(store.claim(c).source) {
        return Some(Relation {
            kind: RelationKind::Supersedes,
            gap: None,
            basis: relate::Basis::Revision,
        });
    }
    let link = if draft.contradicts.contains(&c) {
        Some(AnalystLink::Contradicts)
    } else if draft.agrees_with.contains(&c) {
        Some(AnalystLink::AgreesWith)
    } else {
        None
    };
    if let Some(linked) = relate::stated_by_analyst(link, || relate_draft(store, draft, q, c)) {
        return Some(linked);
    }
    if store.question(q).kind == QuestionKind::Text {
        return None;
    }
    relate_draft(store, draft, q, c)
}

/// A stale repeat against its own source's current claim: a
/// contradiction (the source has since said otherwise), with the values'
/// gap when they are disjoint, else 1 (as an analyst's stated one).
fn stale_repeat(store: &Store, draft: &Draft, q: QuestionIx, c: ClaimIx) -> Relation {
    let gap = relate_draft(store, draft, q, c)
        .filter(|r| r.kind == RelationKind::Contradicts)
        .and_then(|r| r.gap)
        .or_else(|| {
            let question = store.question(q);
            let (a, b) = (
                draft.value.interval(question.tolerance)?,
                store.claim(c).value.interval(question.tolerance)?,
            );
            (!a.overlaps(&b)).then(|| a.gap(&b))
        })
        .unwrap_or(1.0);
    Relation {
        kind: RelationKind::Contradicts,
        gap: Some(gap),
        basis: relate::Basis::Revision,
    }
}

/// The first match on question `q`, most relevant first, whose wording can
/// be diffed with the draft's, and the diff.
fn closest_wording(
    store: &Store,
    draft: &Draft,
    matches: &[Match],
    q: QuestionIx,
) -> Option<(ClaimIx, WordingDiff)> {
    matches.iter().filter(|m| m.question == q).find_map(|m| {
        diff::wording_diff(
            Wording::of_draft(draft),
            Wording::of_claim(store.claim(m.claim)),
        )
        .map(|d| (m.claim, d))
    })
}

/// The relation of the draft's value to a stored claim's, and its gap.
fn relate_draft(store: &Store, draft: &Draft, q: QuestionIx, c: ClaimIx) -> Option<Relation> {
    let question = store.question(q);
    let mine = Stated {
        value: &draft.value,
        date: draft.date.as_ref(),
        unit: draft.unit.as_deref().or(question.unit.as_deref()),
    };
    let claim = store.claim(c);
    let theirs = Stated {
        value: &claim.value,
        date: claim.date.as_ref(),
        unit: store.unit_of(c),
    };
    relate::relate_values(question, mine, theirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_the_first_thousand_words() {
        assert_eq!(query("Au moins 62 morts"), "Au moins 62 morts");
        let long = "mot ".repeat(5_000);
        assert_eq!(query(&long).split_whitespace().count(), QUERY_WORDS);
        assert_eq!(query(&"x".repeat(10)), "xxxxxxxxxx");
    }
    use crate::date::ClaimDate;
    use crate::value::Value;

    fn shipped() -> Store {
        Store::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn draft(store: &Store, question: &str, source: &str, value: Value) -> Draft {
        Draft {
            question: store.find_question(question),
            source: store.find_source(source),
            date: ClaimDate::parse("2018-03").ok(),
            value,
            text: "Au moins 70 combattants prorégime ont été tués".into(),
            lang: Some("fr".into()),
            ..Draft::empty()
        }
    }

    #[test]
    fn a_revision_by_the_same_source_is_not_a_contradiction() {
        let store = shipped();
        let d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "osdh",
            Value::Exact(40.0),
        );
        let checked = check(&store, &d, &[], 0.3, 10);
        assert_eq!(checked.verdict, Verdict::Consistent);
        assert_eq!(checked.matches[0].kind, Some(RelationKind::Supersedes));
    }

    #[test]
    fn another_source_with_a_lower_toll_at_the_same_time_contradicts() {
        let store = shipped();
        let d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(40.0),
        );
        let checked = check(&store, &d, &[], 0.3, 10);
        assert_eq!(checked.verdict, Verdict::Contradicts);
        let m = checked.matches[0];
        assert_eq!(m.kind, Some(RelationKind::Contradicts));
        assert!((m.gap.unwrap() - 0.355).abs() < 1e-3);
        assert!(checked.closest.is_some());
    }

    #[test]
    fn a_compatible_figure_is_consistent() {
        let store = shipped();
        let d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(70.0),
        );
        let checked = check(&store, &d, &[], 0.3, 10);
        assert_eq!(checked.verdict, Verdict::Consistent);
        assert_eq!(checked.matches[0].kind, Some(RelationKind::Compatible));
    }

    #[test]
    fn without_a_question_or_a_relevant_candidate_the_claim_is_new() {
        let store = shipped();
        let mut d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(70.0),
        );
        d.question = None;
        let weak = Hit {
            question: QuestionIx(0),
            claim: Some(ClaimIx(0)),
            score: 0.1,
        };
        let checked = check(&store, &d, &[weak], 0.3, 10);
        assert_eq!(checked.verdict, Verdict::New);
        assert_eq!(checked.question, None);
        assert_eq!(checked.matches.len(), 1, "the near miss is listed");
        assert_eq!(checked.matches[0].kind, None);
        let strong = Hit { score: 0.9, ..weak };
        let checked = check(&store, &d, &[strong], 0.3, 10);
        assert_eq!(checked.question, Some(QuestionIx(0)));
    }

    #[test]
    fn top_bounds_the_list_not_the_verdict() {
        let store = shipped();
        let d = draft(
            &store,
            "qadam-2018-03/control-extent",
            "afp",
            Value::Is("none".into()),
        );
        let checked = check(&store, &d, &[], 0.3, 1);
        assert_eq!(checked.verdict, Verdict::Contradicts);
        assert_eq!(checked.matches.len(), 1);
        assert_eq!(checked.total_matches, 2);
        assert_eq!(checked.contradictions, 2, "counted before the list is cut");
        let none = check(&store, &d, &[], 0.3, 0);
        assert_eq!(none.verdict, Verdict::Contradicts);
        assert!(none.matches.is_empty());
        assert_eq!(none.contradictions, 2);
    }

    #[test]
    fn contradictions_are_listed_before_better_scored_matches() {
        let store = shipped();
        let d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(40.0),
        );
        let question = d.question.unwrap();
        let toll = graph::current_claims(&store, question)[0];
        // Retrieval ranks a claim of another question far above the toll.
        let other = store
            .claim_ixs()
            .find(|&c| store.claim(c).question != question)
            .unwrap();
        let hits = [
            Hit {
                question: store.claim(other).question,
                claim: Some(other),
                score: 0.9,
            },
            Hit {
                question,
                claim: Some(toll),
                score: 0.4,
            },
        ];
        let checked = check(&store, &d, &hits, 0.3, 1);
        assert_eq!(checked.verdict, Verdict::Contradicts);
        assert_eq!(
            checked.matches[0].claim, toll,
            "what decided the exit status"
        );
        assert!(checked.matches[0].contradicts());
        assert_eq!(checked.nearest.map(|m| m.claim), Some(other));
        assert_eq!(checked.total_matches, 2);
    }

    fn hit(store: &Store, question: &str, score: f64) -> Hit {
        let q = store.find_question(question).unwrap();
        Hit {
            question: q,
            claim: store.question(q).claims.first().copied(),
            score,
        }
    }

    #[test]
    fn a_figure_goes_to_a_question_that_can_hold_it() {
        let store = shipped();
        let mut d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(40.0),
        );
        d.question = None;
        d.text = "Selon al-Watan, 40 morts dans la prise des immeubles de Qadam".into();
        // The category question ranks first by wording; a figure does not
        // answer it.
        let hits = [
            hit(&store, "qadam-2018-03/control-extent", 0.9),
            hit(&store, "qadam-2018-03/pro-regime-killed", 0.5),
        ];
        assert_eq!(
            choose_question(&mut Currents::new(&store, None), &d, &hits, 0.35),
            store.find_question("qadam-2018-03/pro-regime-killed")
        );
        // Nothing that holds it: the best by wording, and the figure goes.
        assert_eq!(
            choose_question(&mut Currents::new(&store, None), &d, &hits[..1], 0.35),
            store.find_question("qadam-2018-03/control-extent")
        );
    }

    #[test]
    fn what_the_figure_counts_chooses_between_questions_in_both_languages() {
        let store = shipped();
        let mut d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(40.0),
        );
        d.question = None;
        let hits = [
            hit(&store, "qadam-2018-03/evacuated-before", 0.8),
            hit(&store, "qadam-2018-03/pro-regime-killed", 0.6),
        ];
        for (text, lang) in [
            ("40 soldats ont péri à Qadam", "fr"),
            ("40 soldiers perished in Qadam", "en"),
        ] {
            d.text = text.into();
            d.lang = Some(lang.into());
            assert_eq!(
                choose_question(&mut Currents::new(&store, None), &d, &hits, 0.35),
                store.find_question("qadam-2018-03/pro-regime-killed"),
                "{text}"
            );
        }
        // A share is not a count.
        d.text = "40 % du territoire".into();
        d.unit = Some("percent".into());
        let hits = [
            hit(&store, "qadam-2018-03/pro-regime-killed", 0.8),
            hit(&store, "qadam-2018-03/is-territory-share", 0.5),
        ];
        assert_eq!(
            choose_question(&mut Currents::new(&store, None), &d, &hits, 0.35),
            store.find_question("qadam-2018-03/is-territory-share")
        );
    }

    #[test]
    fn consistent_needs_a_comparison() {
        let store = shipped();
        let d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Unstated,
        );
        let checked = check(&store, &d, &[], 0.3, 10);
        assert_eq!(checked.verdict, Verdict::New);
        assert_eq!(checked.grounds, Grounds::NoComparableValue);
        assert!(checked.matches.iter().all(|m| m.kind.is_none()));
        let d = draft(
            &store,
            "qadam-2018-03/pro-regime-killed",
            "al-watan",
            Value::Exact(70.0),
        );
        assert_eq!(check(&store, &d, &[], 0.3, 10).grounds, Grounds::Compared);
        let d = Draft {
            question: None,
            ..d
        };
        assert_eq!(
            check(&store, &d, &[], 0.3, 10).grounds,
            Grounds::NothingOnFile
        );
    }
}
