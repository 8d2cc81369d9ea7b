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

use crate::date::ClaimDate;
use crate::diff::{self, Wording, WordingDiff};
use crate::error::Error;
use crate::graph;
use crate::input::{self, ClaimInput};
use crate::relate::{self, AnalystLink, Relation, RelationKind, Stated};
use crate::retrieve::{self, Hit};
use crate::store::{ClaimIx, Draft, QuestionIx, QuestionKind, Store};
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
    if draft.question.is_none() {
        // Found from the wording: the claim must fit it as if named.
        draft.question = best_question(&hits, retrieve::NEW_BELOW);
        input::fit(store, &mut draft, input.value_origin())?;
    }
    let checked = check_as_of(store, &draft, &hits, retrieve::NEW_BELOW, top, as_of);
    Ok(Assessed { draft, checked })
}

/// The most words of a wording that retrieval is asked about: a claim is a
/// sentence or a paragraph, and a whole book pasted as one "claim" must
/// cost bounded memory (the index query holds every term).
pub const QUERY_WORDS: usize = 1_000;

/// The first [`QUERY_WORDS`] words of `text`: what retrieval searches for.
pub fn query(text: &str) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > QUERY_WORDS {
                return &text[..i];
            }
        }
    }
    text
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
    let question = draft.question.or(best_question(hits, new_below));
    let history = question.map(|q| OwnHistory::of(store, draft, q, as_of));
    let mut matches = match question {
        Some(q) => on_question(store, draft, hits, q, as_of, history.as_ref()),
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
    let verdict = if contradictions > 0 {
        Verdict::Contradicts
    } else if question.is_some() {
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

/// The draft against every current claim of its question `q`.
fn on_question(
    store: &Store,
    draft: &Draft,
    hits: &[Hit],
    q: QuestionIx,
    as_of: Option<ClaimDate>,
    history: Option<&OwnHistory>,
) -> Vec<Match> {
    let score_of = |claim: ClaimIx| {
        hits.iter()
            .filter(|h| h.claim == Some(claim))
            .map(|h| h.score)
            .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))))
    };
    let stale_against = history.and_then(|h| h.stale_against);
    graph::current_claims_as_of(store, q, as_of)
        .into_iter()
        .map(|c| {
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
}
