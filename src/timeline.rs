//! A number question over time, as plain data for a chart: each source's
//! figures as steps (a claim holds from its date until its source's next
//! word), the interval each stands for, the revisions that join them and
//! the contradictions between them (current ones and those of claims
//! current together only earlier), and the walk-backs. The HTML report draws it
//! (`render::html`); nothing here knows about pixels.

use crate::report::QuestionReport;
use crate::store::{ClaimIx, SourceIx, Store};

/// One claim on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The claim.
    pub claim: ClaimIx,
    /// The first day of its date, in days since 1970-01-01.
    pub from: i64,
    /// The first day of the date of its source's next claim on the
    /// question, if one revised it; `None` while it is current.
    pub until: Option<i64>,
    /// The figure it states, if any ([`crate::value::Value::stated_figure`]).
    pub figure: Option<f64>,
    /// The lower end of its interval, if finite.
    pub low: Option<f64>,
    /// The upper end of its interval, if finite.
    pub high: Option<f64>,
    /// Whether its interval is wider than a point: drawn as a band.
    pub band: bool,
    /// Whether it is its source's latest word.
    pub current: bool,
}

/// One source's steps, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The original source.
    pub source: SourceIx,
    /// Its dated claims, in revision order.
    pub steps: Vec<Step>,
}

/// Two claims that contradict (or did, while both were current).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contradiction {
    /// One claim.
    pub a: ClaimIx,
    /// The other.
    pub b: ClaimIx,
    /// Whether they were current together only earlier.
    pub earlier: bool,
}

/// A question's claims over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// One series per source, in the order of their first claim.
    pub series: Vec<Series>,
    /// The first day of any claim.
    pub start: i64,
    /// The last day any claim's date covers.
    pub end: i64,
    /// The lowest finite figure of any step (interval ends included).
    pub min: f64,
    /// The highest finite figure of any step.
    pub max: f64,
    /// Contradicting pairs the report lists, both dated: current ones,
    /// then earlier ones.
    pub contradictions: Vec<Contradiction>,
    /// Downward revisions of a cumulative toll (older, newer), both dated.
    pub walk_backs: Vec<(ClaimIx, ClaimIx)>,
    /// Claims without a date, which a timeline cannot place.
    pub undated: Vec<ClaimIx>,
}

/// The timeline of a number question, if it has a dated claim.
pub fn of_question(store: &Store, qr: &QuestionReport) -> Option<Timeline> {
    let question = store.question(qr.question);
    if !question.kind.is_numeric() {
        return None;
    }
    // Each source's claims in revision order: its chain, else its claim.
    let mut orders: Vec<(SourceIx, Vec<ClaimIx>)> = Vec::new();
    for line in &qr.claims {
        let claim = store.claim(line.claim);
        if orders.iter().any(|(s, _)| *s == claim.source) {
            continue;
        }
        let order = qr
            .revisions
            .iter()
            .find(|c| c.source == claim.source)
            .map_or_else(|| vec![line.claim], |c| c.claims.clone());
        orders.push((claim.source, order));
    }
    let current = |c: ClaimIx| qr.claims.iter().any(|l| l.claim == c && l.current);
    let mut undated = Vec::new();
    let mut series = Vec::new();
    let (mut start, mut end) = (i64::MAX, i64::MIN);
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (source, order) in orders {
        let dated: Vec<(ClaimIx, (i64, i64))> = order
            .iter()
            .filter_map(|&c| match store.claim(c).date {
                Some(d) => Some((c, d.span())),
                None => {
                    undated.push(c);
                    None
                }
            })
            .collect();
        let mut steps = Vec::new();
        for (i, &(c, (first, last))) in dated.iter().enumerate() {
            start = start.min(first);
            end = end.max(last);
            let value = &store.claim(c).value;
            let interval = value.interval(question.tolerance);
            let finite = |x: f64| x.is_finite().then_some(x);
            let low = interval.and_then(|i| finite(i.low.value));
            let high = interval.and_then(|i| finite(i.high.value));
            let figure = value.stated_figure();
            for x in [low, high, figure].into_iter().flatten() {
                min = min.min(x);
                max = max.max(x);
            }
            steps.push(Step {
                claim: c,
                from: first,
                until: dated.get(i + 1).map(|(_, (next, _))| *next),
                figure,
                low,
                high,
                band: interval.is_some_and(|i| i.low.value < i.high.value),
                current: current(c),
            });
        }
        if !steps.is_empty() {
            series.push(Series { source, steps });
        }
    }
    if series.is_empty() {
        return None;
    }
    if !min.is_finite() {
        (min, max) = (0.0, 1.0);
    }
    let dated = |c: ClaimIx| store.claim(c).date.is_some();
    let contradictions = qr
        .divergences
        .iter()
        .chain(&qr.earlier)
        .filter(|d| dated(d.a) && dated(d.b))
        .map(|d| Contradiction {
            a: d.a,
            b: d.b,
            earlier: d.historic.is_some(),
        })
        .collect();
    let walk_backs = qr
        .walk_backs
        .iter()
        .filter(|w| dated(w.older) && dated(w.newer))
        .map(|w| (w.older, w.newer))
        .collect();
    Some(Timeline {
        series,
        start,
        end,
        min,
        max,
        contradictions,
        walk_backs,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaimGraph;
    use crate::report::{ReportOptions, Selection};
    use std::path::Path;

    fn report_of(store: &Store, key: &str) -> QuestionReport {
        let graph = ClaimGraph::build(store);
        let q = store.find_question(key).unwrap();
        let options = ReportOptions { divergences: 10 };
        crate::report::build(&graph, Selection::Question(q), options)
            .questions
            .remove(0)
    }

    #[test]
    fn a_revision_is_two_steps_the_first_ending_where_the_second_starts() {
        let store = Store::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let qr = report_of(&store, "qadam-2018-03/pro-regime-killed");
        let t = of_question(&store, &qr).unwrap();
        let osdh = store.find_source("osdh").unwrap();
        let series = t.series.iter().find(|s| s.source == osdh).unwrap();
        let ids: Vec<&str> = series
            .steps
            .iter()
            .map(|s| store.claim(s.claim).id.as_str())
            .collect();
        assert_eq!(ids, ["osdh-toll-36", "osdh-toll-62"]);
        let (old, new) = (&series.steps[0], &series.steps[1]);
        assert_eq!(old.until, Some(new.from));
        assert!(!old.current && new.current);
        assert_eq!(new.until, None);
        // "at least 62": a band open upwards, its figure the bound.
        assert_eq!(
            (new.figure, new.low, new.high),
            (Some(62.0), Some(62.0), None)
        );
        assert!(new.band && !old.band);
        assert_eq!((t.min, t.max), (36.0, 62.0));
    }

    #[test]
    fn a_category_question_has_no_timeline() {
        let store = Store::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let qr = report_of(&store, "qadam-2018-03/control-extent");
        assert_eq!(of_question(&store, &qr), None);
    }
}
