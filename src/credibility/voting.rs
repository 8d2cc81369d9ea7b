//! Majority voting, the baseline every other algorithm is measured
//! against: a fact's belief is the number of sources asserting it, scaled
//! so that the most asserted fact has 1. Sources are not weighed at all,
//! so every trust is 1, as in the peer library: voting has no notion of
//! credibility, which is exactly what it is there to show.

use super::{Instance, Scores, scale_to_max};

pub(crate) fn run(instance: &Instance) -> Scores {
    let mut confidence: Vec<f64> = (0..instance.facts())
        .map(|f| instance.sources_of(f).len() as f64)
        .collect();
    scale_to_max(&mut confidence);
    Scores::new(vec![1.0; instance.sources()], confidence, 0)
}
