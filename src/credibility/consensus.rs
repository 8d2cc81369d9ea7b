//! What a question's weighted evidence supports: a value, how confident
//! the scoring is in it, what it rests on and what contradicts it, and for
//! figures the interval the agreeing claims share.
//!
//! The rule (docs/decisions.md, "An honest consensus"):
//!
//! - Only **current** claims count, each its source's latest word, and a
//!   relay's copy of another claim's figure is that claim (the evidence
//!   leaves it out).
//! - The **value** is the best-supported fact (on a tie, the one asserted
//!   first), never an average: an average of 36 and 62 is a figure nobody
//!   gave.
//! - It **rests on** its own claims and the agreeing claims that nothing
//!   else undermines. An agreeing claim is **set aside** when a current
//!   claim contradicts it without contradicting the value (the value's
//!   support disagrees within itself: 5,500 and 3,958 both allow "at least
//!   3,958", but not each other), so that neither pins the interval. One
//!   contradicted only by what contradicts the value too stays with it.
//! - The **interval** is what the claims it rests on allow together: the
//!   value's own narrowed by each of them that overlaps. On a cumulative
//!   question the toll can only have grown since an earlier claim, so a
//!   claim dated before the latest of them bounds it from below only.
//!   Where all of them are loose (bounds, ranges), the consensus value
//!   *is* the interval they share ("at least 3,958").
//! - The words say what contradicts the value: the current claims
//!   against it, and the agreeing ones set aside.
//!
//! The confidence is the algorithm's for that fact; with fewer than three
//! independent sources it is weak evidence, and says so.

use super::evidence::{Analysis, Evidence};
use super::explain::WEAK_BELOW;
use super::{Link, Scores};
use crate::graph::ClaimGraph;
use crate::round;
use crate::store::{ClaimIx, QuestionIx, SourceIx};
use crate::value::{ABOUT_TOLERANCE, Bound, Interval, Value};
use std::collections::HashSet;

/// The consensus on one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Consensus {
    /// The first current claim that states the best-supported value.
    pub claim: ClaimIx,
    /// The value, in its YAML form: the claimed value, or the interval
    /// the loose claims it rests on share.
    pub value: Value,
    /// In [0, 1].
    pub confidence: f64,
    /// For figures: what the claims it rests on allow together.
    pub interval: Option<Interval>,
    /// Whether the interval differs from the claimed value's own (the
    /// other claims narrowed it, or, on a toll, opened it upwards).
    pub narrowed: bool,
    /// Independent sources among the question's current claims.
    pub sources: usize,
    /// The independent sources whose current claims state the value or
    /// agree with it, undermined by nothing else, in store order.
    pub rests_on: Vec<SourceIx>,
    /// The current claims that contradict the value, in store order.
    pub contradicted_by: Vec<ClaimIx>,
    /// Current claims that agree with the value but were set aside, a
    /// current claim that leaves the value be contradicting them.
    pub set_aside: Vec<ClaimIx>,
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
    let stating = &evidence.fact_claims[best];
    let claim = stating[0];
    let question = store.question(q);
    let claimed = store.claim(claim).value.clone();
    // Facts relate as their claims do (a contradiction between any two
    // makes them conflict), so the work is per distinct value, never per
    // pair of claims: a question with thousands of sources stays linear.
    let facts = instance.facts_about(object);
    let conflicts = |f: usize, g: usize| instance.relation(f, g) == Some(Link::Conflict);
    let against: Vec<usize> = facts
        .iter()
        .copied()
        .filter(|&g| conflicts(best, g))
        .collect();
    let mut contradicted_by: Vec<ClaimIx> = against
        .iter()
        .flat_map(|&g| evidence.fact_claims[g].iter().copied())
        .collect();
    contradicted_by.sort();
    let against_value: HashSet<usize> = against.iter().copied().collect();
    // The agreeing claims, each kept or set aside.
    let mut resting: Vec<ClaimIx> = stating.clone();
    let mut set_aside = Vec::new();
    for &g in facts {
        if instance.relation(best, g) != Some(Link::Support) {
            continue;
        }
        // Undermined: contradicted by a claim that leaves the value be.
        let undermined = facts
            .iter()
            .any(|&h| conflicts(g, h) && !against_value.contains(&h));
        let claims = evidence.fact_claims[g].iter().copied();
        if undermined {
            set_aside.extend(claims);
        } else {
            resting.extend(claims);
        }
    }
    resting.sort();
    set_aside.sort();
    let mut rests_on: Vec<SourceIx> = Vec::new();
    let mut seen = HashSet::new();
    for &c in &resting {
        let source = store.claim(c).source;
        if seen.insert(source) {
            rests_on.push(source);
        }
    }
    let stated: HashSet<ClaimIx> = stating.iter().copied().collect();
    // What they allow together.
    let own = claimed
        .interval(question.tolerance)
        .map(|i| at_precision(i, &claimed.numbers(), question.tolerance));
    let latest_start = resting
        .iter()
        .filter_map(|&c| store.claim(c).date.map(|d| d.span().0))
        .max();
    let allowed = |c: ClaimIx| {
        let interval = store.claim(c).value.interval(question.tolerance)?;
        let earlier = store
            .claim(c)
            .date
            .zip(latest_start)
            .is_some_and(|(d, latest)| d.span().1 < latest);
        Some(if question.cumulative && earlier {
            Interval {
                high: Bound {
                    value: f64::INFINITY,
                    closed: true,
                },
                ..interval
            }
        } else {
            interval
        })
    };
    let mut value = claimed.clone();
    let mut interval = None;
    if own.is_some() {
        let mut narrowed = allowed(claim).expect("a figure");
        let mut figures = claimed.numbers();
        let mut loose = !claimed.is_precise();
        for &c in resting.iter().filter(|&c| !stated.contains(c)) {
            if let Some(both) = allowed(c).and_then(|i| intersect(&narrowed, &i)) {
                narrowed = both;
                let other = &store.claim(c).value;
                figures.extend(other.numbers());
                loose &= !other.is_precise();
            }
        }
        let narrowed = at_precision(narrowed, &figures, question.tolerance);
        if loose && Some(narrowed) != own {
            value = shared_value(&narrowed, &resting, graph, question.tolerance);
        }
        interval = Some(narrowed);
    }
    let tied = instance.facts_about(object).iter().any(|&g| {
        instance.relation(best, g) == Some(Link::Conflict)
            && (scores.confidence[g] - scores.confidence[best]).abs() < TIE
    });
    let sources = instance
        .facts_about(object)
        .iter()
        .map(|&f| instance.sources_of(f).len())
        .sum();
    Some(Consensus {
        claim,
        value,
        confidence: scores.confidence[best],
        narrowed: interval.is_some() && interval != own,
        interval,
        sources,
        rests_on,
        contradicted_by,
        set_aside,
        tied,
        weak: sources < WEAK_BELOW,
    })
}

/// The value form of the interval loose claims share: the value of one
/// of them when it is exactly that interval (the form as written), else
/// the bound or range it is.
fn shared_value(
    interval: &Interval,
    claims: &[ClaimIx],
    graph: &ClaimGraph,
    tolerance: f64,
) -> Value {
    let store = graph.store();
    if let Some(&c) = claims
        .iter()
        .find(|&&c| store.claim(c).value.interval(tolerance).as_ref() == Some(interval))
    {
        return store.claim(c).value.clone();
    }
    interval_value(interval)
}

/// An interval as a value form: `at_least`, `more_than`, `at_most`,
/// `less_than`, a single figure, or `between` (whose ends are closed).
pub(crate) fn interval_value(interval: &Interval) -> Value {
    let (low, high) = (interval.low, interval.high);
    match (low.value.is_finite(), high.value.is_finite()) {
        (true, false) if low.closed => Value::AtLeast(low.value),
        (true, false) => Value::MoreThan(low.value),
        (false, true) if high.closed => Value::AtMost(high.value),
        (false, true) => Value::LessThan(high.value),
        (true, true) if low.value == high.value => Value::Exact(low.value),
        (true, true) => Value::Between(low.value, high.value),
        (false, false) => Value::Between(low.value, high.value),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credibility::{Algorithm, Iterations};
    use crate::store::Store;

    /// A one-question store of invented sources s0..s5: `claims` are
    /// `(source, value, date)`.
    fn consensus_of(cumulative: bool, claims: &[(usize, &str, &str)]) -> (Consensus, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        let sources: String = (0..6).map(|s| format!("  - id: s{s}\n")).collect();
        std::fs::write(
            dir.path().join("sources.yaml"),
            format!("sources:\n{sources}"),
        )
        .unwrap();
        let mut y = format!(
            "event: e\nquestions:\n  - {{id: q, ask: a, kind: count, cumulative: {cumulative}}}\nclaims:\n"
        );
        for (i, (s, value, date)) in claims.iter().enumerate() {
            y.push_str(&format!(
                "  - {{id: c{i}, source: s{s}, about: q, value: {value}, date: {date}, text: t}}\n"
            ));
        }
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(dir.path().join("claims/e.yaml"), y).unwrap();
        let store = Store::load(dir.path()).unwrap();
        let consensus = {
            let graph = ClaimGraph::build(&store);
            let analysis = Analysis::run(&graph, Algorithm::Recoupe, Iterations::Default);
            analysis.consensus(&graph, QuestionIx(0)).unwrap()
        };
        (consensus, store)
    }

    fn ids(store: &Store, claims: &[ClaimIx]) -> Vec<String> {
        claims.iter().map(|&c| store.claim(c).id.clone()).collect()
    }

    fn sources(store: &Store, sources: &[SourceIx]) -> Vec<String> {
        sources
            .iter()
            .map(|&s| store.source(s).id.clone())
            .collect()
    }

    fn at_least(x: f64) -> Interval {
        Interval {
            low: Bound {
                value: x,
                closed: true,
            },
            high: Bound {
                value: f64::INFINITY,
                closed: true,
            },
        }
    }

    #[test]
    fn agreeing_claims_that_contradict_each_other_do_not_pin_the_interval() {
        // The oldest figure (5,500) and 3,958 both allow "at least 3,958"
        // but not each other; the latest count, 3,338, contradicts it.
        let (c, store) = consensus_of(
            true,
            &[
                (0, "5500", "2023-09-13"),
                (1, "3958", "2023-09-16"),
                (2, "{at_least: 3958}", "2023-09-17"),
                (3, "3338", "2023-09-18"),
            ],
        );
        assert_eq!(c.value, Value::AtLeast(3958.0));
        assert_eq!(c.interval, Some(at_least(3958.0)), "never exactly 5,500");
        assert!(!c.narrowed);
        assert_eq!(sources(&store, &c.rests_on), ["s2"]);
        assert_eq!(ids(&store, &c.contradicted_by), ["c3"]);
        assert_eq!(ids(&store, &c.set_aside), ["c0", "c1"]);
    }

    #[test]
    fn on_a_toll_the_oldest_figure_never_pins_the_consensus_exactly() {
        // 5,500 agrees with the later "at least 3,958"; the latest count,
        // 3,338, contradicts both. Whichever leads, the earlier 5,500 only
        // bounds the toll from below.
        let (c, store) = consensus_of(
            true,
            &[
                (0, "5500", "2023-09-13"),
                (2, "{at_least: 3958}", "2023-09-17"),
                (3, "3338", "2023-09-18"),
            ],
        );
        assert_eq!(ids(&store, &c.contradicted_by), ["c2"]);
        assert_eq!(sources(&store, &c.rests_on), ["s0", "s2"]);
        assert!(c.set_aside.is_empty());
        assert_eq!(c.interval, Some(at_least(5500.0)), "{c:?}");
        assert!(c.narrowed);
    }

    #[test]
    fn a_supporter_contradicted_only_by_what_contradicts_the_value_stays() {
        let (c, store) = consensus_of(
            false,
            &[
                (0, "62", "2018-03-20"),
                (1, "{at_least: 60}", "2018-03-20"),
                (2, "40", "2018-03-20"),
            ],
        );
        assert_eq!(c.value, Value::Exact(62.0));
        assert_eq!(sources(&store, &c.rests_on), ["s0", "s1"]);
        assert_eq!(ids(&store, &c.contradicted_by), ["c2"]);
        assert!(c.set_aside.is_empty());
        assert_eq!(c.interval, Some(Interval::closed(62.0, 62.0)));
        assert!(!c.narrowed, "the value's own interval");
    }

    #[test]
    fn loose_bounds_give_the_interval_they_share() {
        let (c, store) = consensus_of(
            false,
            &[
                (0, "{at_least: 3000}", "2023-09-17"),
                (1, "{at_least: 3958}", "2023-09-17"),
                (2, "{more_than: 2000}", "2023-09-17"),
            ],
        );
        assert_eq!(c.value, Value::AtLeast(3958.0));
        assert_eq!(c.interval, Some(at_least(3958.0)));
        assert_eq!(sources(&store, &c.rests_on), ["s0", "s1", "s2"]);
        assert!(c.contradicted_by.is_empty() && c.set_aside.is_empty());
        // Bounds on both sides share a range.
        let (c, _) = consensus_of(
            false,
            &[
                (0, "{at_most: 100}", "2023-09-17"),
                (1, "{at_least: 50}", "2023-09-17"),
            ],
        );
        assert_eq!(c.value, Value::Between(50.0, 100.0));
        assert_eq!(c.interval, Some(Interval::closed(50.0, 100.0)));
    }

    #[test]
    fn an_exact_figure_keeps_the_value_it_narrows_to() {
        // "At least 60" backed by 70 allows exactly 70, but the value is
        // still one a source gave.
        let (c, _) = consensus_of(
            false,
            &[
                (0, "{at_least: 60}", "2018-03-20"),
                (1, "{at_least: 55}", "2018-03-20"),
                (2, "70", "2018-03-20"),
            ],
        );
        assert!(
            [
                Value::AtLeast(60.0),
                Value::AtLeast(55.0),
                Value::Exact(70.0)
            ]
            .contains(&c.value),
            "{c:?}"
        );
        assert_eq!(c.interval, Some(Interval::closed(70.0, 70.0)));
    }

    #[test]
    fn on_a_toll_an_earlier_figure_bounds_the_later_from_below() {
        // 100 on the 1st, "at least 90" on the 3rd: by the 3rd the toll
        // may have grown past 100, never fallen below it.
        let (c, _) = consensus_of(
            true,
            &[
                (0, "100", "2023-09-01"),
                (1, "{at_least: 90}", "2023-09-03"),
            ],
        );
        let interval = c.interval.unwrap();
        assert_eq!(interval.high.value, f64::INFINITY, "{c:?}");
        assert!(interval.low.value >= 90.0);
        if c.value == Value::AtLeast(90.0) {
            assert_eq!(interval, at_least(100.0));
            assert!(c.narrowed);
        }
    }

    #[test]
    fn intervals_read_back_as_value_forms() {
        assert_eq!(interval_value(&at_least(5.0)), Value::AtLeast(5.0));
        let open = Interval {
            low: Bound {
                value: 5.0,
                closed: false,
            },
            ..at_least(5.0)
        };
        assert_eq!(interval_value(&open), Value::MoreThan(5.0));
        assert_eq!(
            interval_value(&Interval::closed(5.0, 5.0)),
            Value::Exact(5.0)
        );
        assert_eq!(
            interval_value(&Interval::closed(5.0, 9.0)),
            Value::Between(5.0, 9.0)
        );
        let below = Interval {
            low: Bound {
                value: f64::NEG_INFINITY,
                closed: true,
            },
            high: Bound {
                value: 9.0,
                closed: false,
            },
        };
        assert_eq!(interval_value(&below), Value::LessThan(9.0));
    }
}
