//! The store for the newsroom's other tools, computed: one row per
//! question for a spreadsheet ([`questions`], the shape conflict
//! researchers know from UCDP: best, low and high estimates) and the
//! reviews of a ClaimReview feed ([`claimreview`]). Renderers write them
//! (`render::csv`) without deciding anything.

use crate::credibility::consensus::finite;
use crate::graph::Status;
use crate::report::{QuestionReport, Report};
use crate::round;
use crate::store::QuestionIx;
use crate::value::Value;

pub mod claimreview;
pub mod newsroom;

/// One question as a spreadsheet row.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRow {
    /// The question.
    pub question: QuestionIx,
    /// Whether its current claims contradict, agree or have one source.
    pub status: Status,
    /// The figure the consensus claim states (its exact figure, its
    /// `about`, or its bound), brought within `low` and `high` when the
    /// claims that support it narrow it ("at least 62" backed by "70" is
    /// 70); none for a range, a category or no consensus: a range's
    /// midpoint is a figure nobody gave.
    pub best: Option<f64>,
    /// The lowest figure the consensus allows, if bounded below.
    pub low: Option<f64>,
    /// The highest figure the consensus allows, if bounded above.
    pub high: Option<f64>,
    /// The consensus value, in its YAML form (figures and categories).
    pub consensus: Option<Value>,
    /// The scoring's confidence in the consensus, in [0, 1], 4 decimals.
    pub confidence: Option<f64>,
    /// Independent sources among the current claims.
    pub sources: usize,
    /// Every claim of the question, revised ones included.
    pub claims: usize,
    /// How many pairs of current claims contradict.
    pub contradictions: usize,
}

/// One row per question of the report, in the report's order (most
/// severe first).
pub fn questions(report: &Report) -> Vec<QuestionRow> {
    report.questions.iter().map(question_row).collect()
}

fn question_row(qr: &QuestionReport) -> QuestionRow {
    let consensus = qr.consensus.as_ref().filter(|c| !c.tied);
    let interval = consensus.and_then(|c| c.interval.as_ref());
    let low = interval.and_then(|i| finite(i.low));
    let high = interval.and_then(|i| finite(i.high));
    let best = consensus
        .and_then(|c| c.value.stated_figure())
        .map(|b| low.map_or(b, |l| b.max(l)))
        .map(|b| high.map_or(b, |h| b.min(h)));
    QuestionRow {
        question: qr.question,
        status: qr.status,
        best,
        low,
        high,
        consensus: consensus.map(|c| c.value.clone()),
        confidence: consensus.map(|c| round::to_places(c.confidence, 4)),
        sources: qr.sources,
        claims: qr.claims.len(),
        contradictions: qr.contradictions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaimGraph;
    use crate::report::{ReportOptions, Selection};
    use crate::store::Store;
    use std::path::Path;

    #[test]
    fn the_shipped_toll_has_its_consensus_in_its_row() {
        let store = Store::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let graph = ClaimGraph::build(&store);
        let q = store
            .find_question("qadam-2018-03/pro-regime-killed")
            .unwrap();
        let report = crate::report::build(
            &graph,
            Selection::Question(q),
            ReportOptions { divergences: 0 },
        );
        let rows = questions(&report);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.question, q);
        assert_eq!(row.claims, store.question(q).claims.len());
        let consensus = report.questions[0].consensus.as_ref().unwrap();
        assert_eq!(row.consensus.as_ref(), Some(&consensus.value));
        let best = row.best.expect("a toll's consensus states a figure");
        assert!(row.low.is_none_or(|l| l <= best), "{row:?}");
        assert!(row.high.is_none_or(|h| best <= h), "{row:?}");
    }
}
