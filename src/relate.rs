//! How two claims relate (DESIGN §2): the rules, and nothing else.
//!
//! Everything here is a pure function of two claims and their question, so
//! the rules can be tested one by one and checked for invariants (symmetry,
//! `gap` in [0, 1], never a relation of a claim to itself), and so that
//! `check` can relate a claim that is not in the store yet with the very
//! same code as `report`.

use crate::date::{self, ClaimDate};
use crate::store::{Categories, ClaimIx, Question, QuestionKind, Store};
use crate::value::{Interval, Value};
use std::cmp::Ordering;

/// The kinds of edges between claims of one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// Same source: the newer claim revises the older one.
    Supersedes,
    /// Both precise and they agree (overlap, or the same category).
    Corroborates,
    /// They overlap but one is only a bound or a range; or, on a
    /// cumulative question, a later and higher toll.
    Compatible,
    /// They cannot both be true.
    Contradicts,
}

impl RelationKind {
    /// Its name in reports and JSON (`supersedes`, `contradicts`).
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Supersedes => "supersedes",
            RelationKind::Corroborates => "corroborates",
            RelationKind::Compatible => "compatible",
            RelationKind::Contradicts => "contradicts",
        }
    }
}

/// What a relation rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Inferred from the two values (and dates).
    Values,
    /// Stated by the analyst (`agrees_with`, `contradicts`).
    Analyst,
    /// The order of one source's claims (`supersedes`).
    Revision,
}

/// An edge between two claims.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relation {
    /// What kind of edge it is.
    pub kind: RelationKind,
    /// How far apart, in [0, 1]; only for contradictions.
    pub gap: Option<f64>,
    /// What it rests on.
    pub basis: Basis,
}

impl Relation {
    fn values(kind: RelationKind, gap: Option<f64>) -> Relation {
        Relation {
            kind,
            gap,
            basis: Basis::Values,
        }
    }
}

/// What relating needs to know of a claim: its value, date and unit.
#[derive(Debug, Clone, Copy)]
pub struct Stated<'a> {
    /// What the claim says.
    pub value: &'a Value,
    /// When it was said, if known.
    pub date: Option<&'a ClaimDate>,
    /// The unit of the figure, when it differs from the question's.
    pub unit: Option<&'a str>,
}

/// How two claims of *different* sources on `question` relate by their
/// values; `None` when there is nothing to compare (text only, or figures
/// in different units).
pub fn relate_values(question: &Question, a: Stated, b: Stated) -> Option<Relation> {
    if let (Some(x), Some(y)) = (a.unit, b.unit)
        && !x.eq_ignore_ascii_case(y)
    {
        return None;
    }
    match (a.value, b.value) {
        (Value::Is(x), Value::Is(y)) => Some(if x == y {
            Relation::values(RelationKind::Corroborates, None)
        } else {
            Relation::values(
                RelationKind::Contradicts,
                Some(category_gap(question, x, y)),
            )
        }),
        (x, y) => {
            let tolerance = question.tolerance;
            let (ix, iy) = (x.interval(tolerance)?, y.interval(tolerance)?);
            if ix.overlaps(&iy) {
                let kind = if x.is_precise() && y.is_precise() {
                    RelationKind::Corroborates
                } else {
                    RelationKind::Compatible
                };
                return Some(Relation::values(kind, None));
            }
            if question.cumulative {
                // A toll only grows: a later, higher figure is an update.
                let later_is_higher = match date::order(a.date, b.date) {
                    Some(Ordering::Less) => ix.is_below(&iy),
                    Some(Ordering::Greater) => iy.is_below(&ix),
                    _ => false,
                };
                if later_is_higher {
                    return Some(Relation::values(RelationKind::Compatible, None));
                }
            }
            Some(Relation::values(
                RelationKind::Contradicts,
                Some(ix.gap(&iy)),
            ))
        }
    }
}

/// Steps apart on an ordered scale over (scale length − 1); 1 when the
/// categories are unordered.
pub fn category_gap(question: &Question, x: &str, y: &str) -> f64 {
    match &question.categories {
        Categories::Scale(scale) if scale.len() > 1 => {
            let pos = |v: &str| scale.iter().position(|s| s == v);
            match (pos(x), pos(y)) {
                (Some(i), Some(j)) => i.abs_diff(j) as f64 / (scale.len() - 1) as f64,
                _ => 1.0,
            }
        }
        _ => 1.0,
    }
}

/// How two stored claims relate by their values; `None` for a claim and
/// itself, claims of one source (that is a revision, ordered in the store
/// layer's `store::revisions`), claims of different questions, text questions, and
/// claims with nothing to compare. The analyst's links are the graph's
/// business: see [`analyst_relation`].
pub fn relate_stored(store: &Store, a: ClaimIx, b: ClaimIx) -> Option<Relation> {
    let (ca, cb) = (store.claim(a), store.claim(b));
    if a == b || ca.question != cb.question || ca.source == cb.source {
        return None;
    }
    let question = store.question(ca.question);
    if question.kind == QuestionKind::Text {
        return None;
    }
    let stated = |c: ClaimIx| {
        let claim = store.claim(c);
        Stated {
            value: &claim.value,
            date: claim.date.as_ref(),
            unit: store.unit_of(c),
        }
    };
    relate_values(question, stated(a), stated(b))
}

/// The relation the analyst stated between two claims (`contradicts`
/// wins over `agrees_with` if both were written). A stated contradiction
/// carries the values' gap when the values are disjoint, else 1.
pub fn analyst_relation(store: &Store, a: ClaimIx, b: ClaimIx) -> Option<Relation> {
    let (ca, cb) = (store.claim(a), store.claim(b));
    let link = if ca.contradicts.contains(&b) || cb.contradicts.contains(&a) {
        Some(AnalystLink::Contradicts)
    } else if ca.agrees_with.contains(&b) || cb.agrees_with.contains(&a) {
        Some(AnalystLink::AgreesWith)
    } else {
        None
    };
    stated_by_analyst(link, || relate_stored(store, a, b))
}

/// A link an analyst wrote between two claims; where both were written,
/// `contradicts` is the one that counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalystLink {
    /// `contradicts:`
    Contradicts,
    /// `agrees_with:`
    AgreesWith,
}

/// The relation an analyst's link states, if there is one; a stated
/// contradiction carries the values' gap when the values are disjoint
/// (`by_values`, asked only then), else 1.
pub(crate) fn stated_by_analyst(
    link: Option<AnalystLink>,
    by_values: impl FnOnce() -> Option<Relation>,
) -> Option<Relation> {
    match link? {
        AnalystLink::Contradicts => {
            let gap = by_values()
                .filter(|r| r.kind == RelationKind::Contradicts)
                .and_then(|r| r.gap)
                .unwrap_or(1.0);
            Some(Relation {
                kind: RelationKind::Contradicts,
                gap: Some(gap),
                basis: Basis::Analyst,
            })
        }
        AnalystLink::AgreesWith => Some(Relation {
            kind: RelationKind::Corroborates,
            gap: None,
            basis: Basis::Analyst,
        }),
    }
}

/// Which way a revision moved a figure (DESIGN §10): from the intervals
/// of the older and the newer value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The figure went up.
    Up,
    /// The figure went down (on a cumulative toll, a walk-back).
    Down,
    /// The same interval.
    Same,
    /// Both ends moved inwards, or an open end was closed.
    Narrower,
    /// Both ends moved outwards, or an end was opened.
    Wider,
}

impl Direction {
    /// Its name in reports and JSON (`up`, `down`).
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Same => "same",
            Direction::Narrower => "narrower",
            Direction::Wider => "wider",
        }
    }

    /// The direction of the same revision read backwards.
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Up => Direction::Down,
            Direction::Down => Direction::Up,
            Direction::Same => Direction::Same,
            Direction::Narrower => Direction::Wider,
            Direction::Wider => Direction::Narrower,
        }
    }
}

/// The direction of a revision from `older` to `newer` on `question`;
/// `None` unless both are figures (text, categories).
///
/// Only ends that are finite on both sides are compared: "about 11,300"
/// revised to "at least 3,958" moved its lower end down and has no upper
/// end to compare, so it went down. If every compared end moved one way
/// (or stayed), that is the direction; ends moving apart make it wider,
/// together narrower; with no finite end moving, the intervals decide by
/// containment (exactly 100 → at least 100 is wider).
pub fn revision_direction(question: &Question, older: &Value, newer: &Value) -> Option<Direction> {
    let (a, b) = (
        older.interval(question.tolerance)?,
        newer.interval(question.tolerance)?,
    );
    let step = |x: f64, y: f64| -> Ordering {
        if x.is_finite() && y.is_finite() {
            y.total_cmp(&x)
        } else {
            Ordering::Equal
        }
    };
    let (low, high) = (
        step(a.low.value, b.low.value),
        step(a.high.value, b.high.value),
    );
    use Ordering::{Equal, Greater, Less};
    Some(match (low, high) {
        (Greater, Greater) | (Greater, Equal) | (Equal, Greater) => Direction::Up,
        (Less, Less) | (Less, Equal) | (Equal, Less) => Direction::Down,
        (Greater, Less) => Direction::Narrower,
        (Less, Greater) => Direction::Wider,
        (Equal, Equal) => {
            if a == b {
                Direction::Same
            } else if contains(&b, &a) {
                Direction::Wider
            } else if contains(&a, &b) {
                Direction::Narrower
            } else {
                Direction::Same
            }
        }
    })
}

/// Whether `outer` holds every number of `inner`.
fn contains(outer: &Interval, inner: &Interval) -> bool {
    let low_ok = outer.low.value < inner.low.value
        || (outer.low.value == inner.low.value && (outer.low.closed || !inner.low.closed));
    let high_ok = outer.high.value > inner.high.value
        || (outer.high.value == inner.high.value && (outer.high.closed || !inner.high.closed));
    low_ok && high_ok
}

/// Whether two values give the same figure, whatever the words around it
/// ("environ 11 300" relayed as "au moins 11 300"): the same value, or
/// single figures that are equal. Text-only claims give no figure.
pub fn same_figure(a: &Value, b: &Value) -> bool {
    if a == b {
        return !matches!(a, Value::Unstated);
    }
    matches!((figure(a), figure(b)), (Some(x), Some(y)) if x == y)
}

/// The one figure a value states, whatever its qualifier: 62 for "62",
/// "at least 62" and "about 62"; `None` for ranges, estimates with
/// bounds, categories and text.
pub fn figure(v: &Value) -> Option<f64> {
    match *v {
        Value::Exact(x)
        | Value::AtLeast(x)
        | Value::MoreThan(x)
        | Value::AtMost(x)
        | Value::LessThan(x) => Some(x),
        Value::About {
            about,
            low: None,
            high: None,
        } => Some(about),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::store::EventIx;
    use proptest::prelude::*;

    fn question(kind: QuestionKind, cumulative: bool, categories: Categories) -> Question {
        Question {
            id: "q".into(),
            event: EventIx(0),
            ask: "?".into(),
            kind,
            unit: None,
            cumulative,
            tolerance: 0.0,
            categories,
            category_words: Vec::new(),
            claims: vec![],
            at: Location::new(std::path::Path::new("x"), 1, 1),
        }
    }

    fn count(cumulative: bool) -> Question {
        question(QuestionKind::Count, cumulative, Categories::Open)
    }

    fn d(s: &str) -> ClaimDate {
        ClaimDate::parse(s).unwrap()
    }

    fn rel(
        q: &Question,
        a: (&Value, Option<&ClaimDate>),
        b: (&Value, Option<&ClaimDate>),
    ) -> Option<Relation> {
        relate_values(
            q,
            Stated {
                value: a.0,
                date: a.1,
                unit: None,
            },
            Stated {
                value: b.0,
                date: b.1,
                unit: None,
            },
        )
    }

    fn kind(q: &Question, a: Value, b: Value) -> RelationKind {
        rel(q, (&a, None), (&b, None)).unwrap().kind
    }

    #[test]
    fn precise_overlapping_values_corroborate() {
        let q = count(false);
        assert_eq!(
            kind(&q, Value::Exact(62.0), Value::Exact(62.0)),
            RelationKind::Corroborates
        );
        let about = Value::About {
            about: 60.0,
            low: None,
            high: None,
        };
        assert_eq!(
            kind(&q, about, Value::Exact(62.0)),
            RelationKind::Corroborates
        );
    }

    #[test]
    fn a_bound_and_a_figure_inside_it_are_compatible() {
        let q = count(false);
        assert_eq!(
            kind(&q, Value::AtLeast(62.0), Value::Exact(70.0)),
            RelationKind::Compatible
        );
        assert_eq!(
            kind(&q, Value::Between(200.0, 999.0), Value::Exact(300.0)),
            RelationKind::Compatible
        );
        let bounded = Value::About {
            about: 300.0,
            low: Some(250.0),
            high: Some(400.0),
        };
        assert_eq!(
            kind(&q, bounded, Value::Exact(300.0)),
            RelationKind::Compatible
        );
    }

    #[test]
    fn disjoint_values_contradict_with_their_gap() {
        let q = count(false);
        let r = rel(&q, (&Value::Exact(40.0), None), (&Value::Exact(62.0), None)).unwrap();
        assert_eq!(r.kind, RelationKind::Contradicts);
        assert!((r.gap.unwrap() - 0.3548).abs() < 1e-3);
        assert_eq!(
            kind(&q, Value::MoreThan(350_000.0), Value::Exact(350_000.0)),
            RelationKind::Contradicts
        );
        assert_eq!(
            kind(&q, Value::LessThan(5.0), Value::Exact(5.0)),
            RelationKind::Contradicts
        );
    }

    #[test]
    fn tolerance_lets_close_figures_agree() {
        let mut q = count(false);
        assert_eq!(
            kind(&q, Value::Exact(100.0), Value::Exact(104.0)),
            RelationKind::Contradicts
        );
        q.tolerance = 0.05;
        assert_eq!(
            kind(&q, Value::Exact(100.0), Value::Exact(104.0)),
            RelationKind::Corroborates
        );
    }

    #[test]
    fn cumulative_tolls_may_grow_but_not_shrink() {
        let q = count(true);
        let (mon, wed) = (d("2018-03-19"), d("2018-03-21"));
        let (low, high) = (Value::Exact(36.0), Value::AtLeast(62.0));
        // Later and higher: an update.
        let r = rel(&q, (&low, Some(&mon)), (&high, Some(&wed))).unwrap();
        assert_eq!(r.kind, RelationKind::Compatible);
        // Later and lower: a contradiction.
        let r = rel(&q, (&high, Some(&mon)), (&low, Some(&wed))).unwrap();
        assert_eq!(r.kind, RelationKind::Contradicts);
        // Same time (different precision): a contradiction.
        let r = rel(&q, (&low, Some(&d("2018-03"))), (&high, Some(&wed))).unwrap();
        assert_eq!(r.kind, RelationKind::Contradicts);
        // Not cumulative: a contradiction whatever the dates.
        let r = rel(&count(false), (&low, Some(&mon)), (&high, Some(&wed))).unwrap();
        assert_eq!(r.kind, RelationKind::Contradicts);
    }

    #[test]
    fn categories_on_a_scale_are_steps_apart() {
        let scale = Categories::Scale(vec![
            "none".into(),
            "some".into(),
            "part".into(),
            "whole".into(),
        ]);
        let q = question(QuestionKind::Category, false, scale);
        let r = rel(
            &q,
            (&Value::Is("whole".into()), None),
            (&Value::Is("some".into()), None),
        )
        .unwrap();
        assert_eq!(r.kind, RelationKind::Contradicts);
        assert!((r.gap.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            kind(&q, Value::Is("some".into()), Value::Is("some".into())),
            RelationKind::Corroborates
        );
        let unordered = question(
            QuestionKind::Category,
            false,
            Categories::Values(vec!["a".into(), "b".into()]),
        );
        let r = rel(
            &unordered,
            (&Value::Is("a".into()), None),
            (&Value::Is("b".into()), None),
        )
        .unwrap();
        assert_eq!(r.gap, Some(1.0));
    }

    #[test]
    fn nothing_to_compare_gives_no_relation() {
        let q = count(false);
        assert!(rel(&q, (&Value::Unstated, None), (&Value::Exact(1.0), None)).is_none());
        let a = Stated {
            value: &Value::Exact(5.0),
            date: None,
            unit: Some("percent"),
        };
        let b = Stated {
            value: &Value::Exact(50.0),
            date: None,
            unit: Some("km2"),
        };
        assert!(relate_values(&q, a, b).is_none());
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        let n = 0.0f64..1000.0;
        prop_oneof![
            n.clone().prop_map(Value::Exact),
            n.clone().prop_map(Value::AtLeast),
            n.clone().prop_map(Value::MoreThan),
            n.clone().prop_map(Value::AtMost),
            n.clone().prop_map(Value::LessThan),
            n.clone().prop_map(|v| Value::About {
                about: v,
                low: None,
                high: None
            }),
            (n.clone(), n.clone()).prop_map(|(a, b)| Value::Between(a.min(b), a.max(b))),
            Just(Value::Unstated),
        ]
    }

    fn arb_date() -> impl Strategy<Value = Option<ClaimDate>> {
        prop_oneof![
            Just(None),
            (1u8..13).prop_map(|m| Some(d(&format!("2018-{m:02}")))),
            (1u8..13, 1u8..29).prop_map(|(m, day)| Some(d(&format!("2018-{m:02}-{day:02}")))),
        ]
    }

    proptest! {
        #[test]
        fn relations_are_symmetric_and_gaps_bounded(
            a in arb_value(), b in arb_value(), da in arb_date(), db in arb_date(),
            cumulative in any::<bool>(), tolerance in 0.0f64..0.3,
        ) {
            let mut q = count(cumulative);
            q.tolerance = tolerance;
            let ab = rel(&q, (&a, da.as_ref()), (&b, db.as_ref()));
            let ba = rel(&q, (&b, db.as_ref()), (&a, da.as_ref()));
            prop_assert_eq!(ab.map(|r| r.kind), ba.map(|r| r.kind));
            prop_assert_eq!(ab.and_then(|r| r.gap), ba.and_then(|r| r.gap));
            if let Some(r) = ab {
                prop_assert!(r.kind != RelationKind::Supersedes);
                prop_assert_eq!(r.gap.is_some(), r.kind == RelationKind::Contradicts);
                if let Some(g) = r.gap { prop_assert!((0.0..=1.0).contains(&g)); }
            }
        }

        #[test]
        fn a_value_never_contradicts_itself(a in arb_value(), tolerance in 0.0f64..0.3) {
            let mut q = count(false);
            q.tolerance = tolerance;
            if let Some(r) = rel(&q, (&a, None), (&a, None)) {
                prop_assert!(r.kind != RelationKind::Contradicts);
            }
        }

        #[test]
        fn direction_is_antisymmetric(a in arb_value(), b in arb_value(), tolerance in 0.0f64..0.3) {
            let mut q = count(true);
            q.tolerance = tolerance;
            let forth = revision_direction(&q, &a, &b);
            let back = revision_direction(&q, &b, &a);
            prop_assert_eq!(forth.map(Direction::reversed), back);
            if a == b && a.is_numeric() {
                prop_assert_eq!(forth, Some(Direction::Same));
            }
        }
    }

    #[test]
    fn revisions_have_a_direction() {
        let q = count(true);
        let about = |v| Value::About {
            about: v,
            low: None,
            high: None,
        };
        let dir = |a: Value, b: Value| revision_direction(&q, &a, &b);
        // OCHA: about 11,300 walked back to at least 3,958.
        assert_eq!(
            dir(about(11300.0), Value::AtLeast(3958.0)),
            Some(Direction::Down)
        );
        assert_eq!(
            dir(Value::Exact(36.0), Value::AtLeast(62.0)),
            Some(Direction::Up)
        );
        assert_eq!(
            dir(Value::Exact(100.0), Value::AtLeast(100.0)),
            Some(Direction::Wider)
        );
        assert_eq!(
            dir(Value::Between(10.0, 50.0), Value::Between(20.0, 30.0)),
            Some(Direction::Narrower)
        );
        assert_eq!(
            dir(Value::Exact(5.0), Value::Exact(5.0)),
            Some(Direction::Same)
        );
        assert_eq!(dir(Value::Unstated, Value::Exact(5.0)), None);
    }

    #[test]
    fn a_figure_is_the_same_whatever_its_qualifier() {
        let about = Value::About {
            about: 11300.0,
            low: None,
            high: None,
        };
        assert!(same_figure(&about, &Value::AtLeast(11300.0)));
        assert!(same_figure(&Value::Exact(123.0), &Value::Exact(123.0)));
        assert!(!same_figure(&Value::Exact(123.0), &Value::Exact(441.0)));
        assert!(!same_figure(&Value::Unstated, &Value::Unstated));
    }
}
