//! The widest contradictions of a question, kept in bounded memory.
//!
//! The table shows a question's ten widest contradictions, and a busy
//! question has millions: they are never all held. Candidates are pushed
//! one by one; every so often the list is cut back to the widest, and the
//! gap of the last one kept becomes a floor under which nothing is even
//! stored, so that a search can stop looking where nothing wider is left.

use super::Edge;
use crate::relate::RelationKind;
use std::cmp::Ordering;

/// The gap a contradiction is ranked by: the analyst's carry none and
/// rank as the widest.
fn gap(e: &Edge) -> f64 {
    e.relation.gap.unwrap_or(1.0)
}

/// Widest first, then by the claims (a total order: no tie is left to the
/// order pairs were found in).
fn widest_first(x: &Edge, y: &Edge) -> Ordering {
    gap(y)
        .total_cmp(&gap(x))
        .then((x.from, x.to).cmp(&(y.from, y.to)))
}

/// The `keep` widest of the contradictions pushed to it.
pub(crate) struct Widest {
    keep: usize,
    kept: Vec<Edge>,
    floor: f64,
}

impl Widest {
    pub(crate) fn new(keep: usize) -> Self {
        Widest {
            keep,
            kept: Vec::new(),
            floor: f64::NEG_INFINITY,
        }
    }

    pub(crate) fn push(&mut self, e: Edge) {
        if self.keep == 0 || gap(&e) < self.floor {
            return;
        }
        self.kept.push(e);
        if self.kept.len() >= 4 * self.keep {
            self.cut();
        }
    }

    /// How many it keeps.
    pub(crate) fn keep(&self) -> usize {
        self.keep
    }

    /// No contradiction with a smaller gap can be among the widest any
    /// more (one with the same gap still can, by its claims).
    pub(crate) fn floor(&self) -> f64 {
        self.floor
    }

    fn cut(&mut self) {
        self.kept.sort_by(widest_first);
        self.kept.truncate(self.keep);
        if self.keep > 0 && self.kept.len() == self.keep {
            self.floor = gap(&self.kept[self.keep - 1]);
        }
    }

    /// The widest, widest first.
    pub(crate) fn into_widest(mut self) -> Vec<Edge> {
        self.cut();
        self.kept
    }
}

/// The `keep` widest contradictions among `edges`, widest first, and how
/// many contradictions there are in all (0 when `keep` is 0: nothing is
/// looked at).
pub fn widest(edges: impl Iterator<Item = Edge>, keep: usize) -> (Vec<Edge>, usize) {
    if keep == 0 {
        return (Vec::new(), 0);
    }
    let mut kept = Widest::new(keep);
    let mut count = 0;
    for e in edges.filter(|e| e.relation.kind == RelationKind::Contradicts) {
        count += 1;
        kept.push(e);
    }
    (kept.into_widest(), count)
}
