//! Checking a new claim against the store (DESIGN §5), computed.
//!
//! A new report comes in: does it contradict what we hold? The claim (a
//! [`Draft`]) is related to every current claim of the question it answers
//! with the same rules as `report` ([`relate::relate_values`]); a claim
//! from a source that already answered is that source's revision, not a
//! contradiction. The most severe relation decides the verdict. Which
//! question it answers is given (`--about`) or retrieved from its wording:
//! retrieval is the caller's business and arrives here as scored
//! [`Candidate`]s, so this module stays a pure function of its inputs.

use crate::diff::{self, Wording, WordingDiff};
use crate::graph;
use crate::relate::{self, Relation, RelationKind, Stated};
use crate::store::{ClaimIx, Draft, QuestionIx, QuestionKind, Store};

/// A stored claim or question that retrieval found for the new claim's
/// wording, with its relevance in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub question: QuestionIx,
    pub claim: Option<ClaimIx>,
    pub score: f64,
}

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
    pub question: QuestionIx,
    pub claim: ClaimIx,
    /// How the new claim relates to it: `Supersedes` when both come from
    /// one source (the new claim is its revision); `None` when it answers
    /// another question or has no comparable value ("related").
    pub kind: Option<RelationKind>,
    pub gap: Option<f64>,
    /// Retrieval relevance in [0, 1]; 1 for a question named with
    /// `--about` and nothing to rank it by.
    pub score: f64,
}

/// The outcome of a check.
#[derive(Debug, Clone)]
pub struct Checked {
    pub verdict: Verdict,
    /// The question the claim answers, given or found.
    pub question: Option<QuestionIx>,
    /// Ranked by score, at most the number asked for.
    pub matches: Vec<Match>,
    /// How many matches there were before `top` bounded the list.
    pub total_matches: usize,
    /// The closest stored wording on the question, and the diff to it.
    pub closest: Option<(ClaimIx, WordingDiff)>,
    /// The retrieval score under which nothing was taken to be about the
    /// claim.
    pub new_below: f64,
}

/// The question of the best candidate, if it reaches `new_below`: what a
/// claim given without `--about` is taken to answer.
pub fn best_question(candidates: &[Candidate], new_below: f64) -> Option<QuestionIx> {
    candidates
        .iter()
        .filter(|c| c.score >= new_below)
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .map(|c| c.question)
}

/// Relates `draft` to the store. `candidates` come from retrieval (may be
/// empty); those under `new_below` are not about the claim.
pub fn check(
    store: &Store,
    draft: &Draft,
    candidates: &[Candidate],
    new_below: f64,
    top: usize,
) -> Checked {
    let question = draft.question.or(best_question(candidates, new_below));
    let score_of = |claim: ClaimIx| {
        candidates
            .iter()
            .filter(|c| c.claim == Some(claim))
            .map(|c| c.score)
            .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))))
    };
    let mut matches = Vec::new();
    if let Some(q) = question {
        let question_kind = store.question(q).kind;
        for c in graph::current_claims(store, q) {
            let claim = store.claim(c);
            let linked = relate::stated_by_analyst(
                draft.contradicts.contains(&c),
                draft.agrees_with.contains(&c),
                || relate_draft(store, draft, q, c),
            );
            let relation = if draft.source == Some(claim.source) {
                Some(Relation {
                    kind: RelationKind::Supersedes,
                    gap: None,
                    basis: relate::Basis::Revision,
                })
            } else if linked.is_some() {
                linked
            } else if question_kind == QuestionKind::Text {
                None
            } else {
                relate_draft(store, draft, q, c)
            };
            let (kind, gap) = (relation.map(|r| r.kind), relation.and_then(|r| r.gap));
            let score = score_of(c).unwrap_or(if draft.question.is_some() { 1.0 } else { 0.0 });
            matches.push(Match {
                question: q,
                claim: c,
                kind,
                gap,
                score,
            });
        }
    }
    // Everything else retrieval found, above the threshold or not, is
    // listed as related: a near miss tells the user which question to name
    // with `--about` when the wording alone was not enough.
    for candidate in candidates {
        if let Some(c) = candidate.claim
            && Some(candidate.question) != question
            && !matches.iter().any(|m| m.claim == c)
        {
            matches.push(Match {
                question: candidate.question,
                claim: c,
                kind: None,
                gap: None,
                score: candidate.score,
            });
        }
    }
    let verdict = if matches
        .iter()
        .any(|m| m.kind == Some(RelationKind::Contradicts))
    {
        Verdict::Contradicts
    } else if question.is_some() {
        Verdict::Consistent
    } else {
        Verdict::New
    };
    matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.claim.cmp(&b.claim)));
    let closest = question.and_then(|q| {
        matches.iter().filter(|m| m.question == q).find_map(|m| {
            diff::wording_diff(
                Wording::of_draft(draft),
                Wording::of_claim(store.claim(m.claim)),
            )
            .map(|d| (m.claim, d))
        })
    });
    let total_matches = matches.len();
    matches.truncate(top);
    Checked {
        verdict,
        question,
        matches,
        total_matches,
        closest,
        new_below,
    }
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
        let weak = Candidate {
            question: QuestionIx(0),
            claim: Some(ClaimIx(0)),
            score: 0.1,
        };
        let checked = check(&store, &d, &[weak], 0.3, 10);
        assert_eq!(checked.verdict, Verdict::New);
        assert_eq!(checked.question, None);
        assert_eq!(checked.matches.len(), 1, "the near miss is listed");
        assert_eq!(checked.matches[0].kind, None);
        let strong = Candidate { score: 0.9, ..weak };
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
    }
}
