//! What a question's weighted evidence supports: a value, how confident
//! the scoring is in it, and for figures the interval the agreeing claims
//! share.
//!
//! The value is always one that a source claimed (the best-supported
//! fact; on a tie, the one asserted first), never an average: an average
//! of 36 and 62 is a figure nobody gave. Its interval narrows the value's
//! own by every supporting claim that overlaps it, since all of them can
//! be true at once: "at least 62" backed by "70" gives [70, 70], alone it
//! gives [62, ∞). The confidence is the algorithm's for that fact; with fewer than
//! three independent sources it is weak evidence, and says so.

use super::evidence::{Analysis, Evidence};
use super::explain::WEAK_BELOW;
use super::{Link, Scores};
use crate::graph::ClaimGraph;
use crate::round;
use crate::store::{ClaimIx, QuestionIx};
use crate::value::{ABOUT_TOLERANCE, Bound, Interval, Value};

/// The consensus on one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Consensus {
    /// The first current claim that states the value.
    pub claim: ClaimIx,
    /// The value, in its YAML form.
    pub value: Value,
    /// In [0, 1].
    pub confidence: f64,
    /// For figures: what the value and the claims supporting it allow.
    pub interval: Option<Interval>,
    /// Independent sources among the question's current claims.
    pub sources: usize,
    /// A conflicting value is exactly as well supported: the evidence does
    /// not decide, and the value given is only the one asserted first.
    pub tied: bool,
    /// Fewer than three independent sources.
    pub weak: bool,
}

impl Analysis {
    /// What the weighted evidence on a question supports, if it has any
    /// current claim.
    pub fn consensus(&self, graph: &ClaimGraph, q: QuestionIx) -> Option<Consensus> {
        of_question(graph, &self.evidence, &self.scores, q)
    }
}

/// Confidences closer than this are a tie.
const TIE: f64 = 1e-9;

fn of_question(
    graph: &ClaimGraph,
    evidence: &Evidence,
    scores: &Scores,
    q: QuestionIx,
) -> Option<Consensus> {
    let store = graph.store();
    let object = evidence.objects[q.index()]?;
    let instance = &evidence.instance;
    let valued = |f: usize| store.claim(evidence.fact_claims[f][0]).value != Value::Unstated;
    let mut best: Option<usize> = None;
    for &f in instance.facts_about(object).iter().filter(|&&f| valued(f)) {
        if best.is_none_or(|b| scores.confidence[f] > scores.confidence[b]) {
            best = Some(f);
        }
    }
    let best = best?;
    let claim = evidence.fact_claims[best][0];
    let question = store.question(store.claim(claim).question);
    let value = store.claim(claim).value.clone();
    let mut interval = value.interval(question.tolerance);
    let mut figures = value.numbers();
    if let Some(mut narrowed) = interval {
        for &g in instance.facts_about(object) {
            if instance.relation(best, g) != Some(Link::Support) {
                continue;
            }
            let other = &store.claim(evidence.fact_claims[g][0]).value;
            if let Some(both) = other
                .interval(question.tolerance)
                .and_then(|i| intersect(&narrowed, &i))
            {
                narrowed = both;
                figures.extend(other.numbers());
            }
        }
        interval = Some(at_precision(narrowed, &figures, question.tolerance));
    }
    let sources = instance
        .facts_about(object)
        .iter()
        .map(|&f| instance.sources_of(f).len())
        .sum();
    let tied = instance.facts_about(object).iter().any(|&g| {
        instance.relation(best, g) == Some(Link::Conflict)
            && (scores.confidence[g] - scores.confidence[best]).abs() < TIE
    });
    Some(Consensus {
        claim,
        value,
        confidence: scores.confidence[best],
        interval,
        sources,
        tied,
        weak: sources < WEAK_BELOW,
    })
}

/// An interval at the precision of the claims it comes from: the
/// decimals of their figures plus those of the widening that made the
/// interval (the question's tolerance, or the ±10% of "about"), so that
/// "about 170" allows 153 to 187, not to 187.00000000000003.
fn at_precision(interval: Interval, figures: &[f64], tolerance: f64) -> Interval {
    let widening = round::places_in(tolerance).max(round::places_in(ABOUT_TOLERANCE));
    let places = figures
        .iter()
        .map(|&x| round::places_in(x))
        .max()
        .unwrap_or(0)
        + widening;
    let end = |b: Bound| Bound {
        value: round::to_places(b.value, places),
        ..b
    };
    Interval {
        low: end(interval.low),
        high: end(interval.high),
    }
}

/// The numbers in both intervals, if any.
fn intersect(a: &Interval, b: &Interval) -> Option<Interval> {
    let low = if a.low.value > b.low.value || (a.low.value == b.low.value && !a.low.closed) {
        a.low
    } else {
        b.low
    };
    let high = if a.high.value < b.high.value || (a.high.value == b.high.value && !a.high.closed) {
        a.high
    } else {
        b.high
    };
    let both = Interval { low, high };
    let empty = low.value > high.value || (low.value == high.value && !(low.closed && high.closed));
    (!empty).then_some(both)
}

/// An end for JSON and tables: `None` when unbounded.
pub fn finite(bound: Bound) -> Option<f64> {
    bound.value.is_finite().then_some(bound.value)
}
