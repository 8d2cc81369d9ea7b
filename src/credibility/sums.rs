//! Sums and Average·Log (Pasternack & Roth, COLING 2010), the hubs and
//! authorities family: a source is as trustworthy as the beliefs of its
//! claims add up, a claim as believable as the trust of its sources adds
//! up. Sums rewards volume; Average·Log averages instead and weighs the
//! average by the logarithm of the number of claims, so a source with a
//! single claim gets no trust at all (log 1 = 0).
//!
//! Formulas, with B⁰ = 0.5 for every fact, for each round:
//!
//! ```text
//! Sums:        T(s) = Σ_{f ∈ F(s)} B(f)
//! Average·Log: T(s) = log|F(s)| / |F(s)| · Σ_{f ∈ F(s)} B(f)
//! both:        B(f) = Σ_{s ∈ S(f)} T(s)
//! ```
//!
//! then T and B are each divided by their largest entry, as the peer
//! library (`truthdiscovery`) does, so that they stay in [0, 1].

use super::{Instance, Iterations, Scores, scale_to_max};

/// Rounds when not told: the peer library's default.
const DEFAULT_ROUNDS: usize = 20;

pub(crate) fn sums(instance: &Instance, iterations: Iterations) -> Scores {
    hubs(instance, iterations, |_| 1.0)
}

pub(crate) fn average_log(instance: &Instance, iterations: Iterations) -> Scores {
    hubs(instance, iterations, |claims| claims.ln() / claims)
}

fn hubs(instance: &Instance, iterations: Iterations, weight: impl Fn(f64) -> f64) -> Scores {
    let weights: Vec<f64> = instance.claim_counts().into_iter().map(weight).collect();
    let mut trust = vec![0.0; instance.sources()];
    let mut belief = vec![0.5; instance.facts()];
    let rounds = iterations.limit(DEFAULT_ROUNDS);
    for _ in 0..rounds {
        instance.scatter(&belief, &mut trust);
        for (t, w) in trust.iter_mut().zip(&weights) {
            *t *= w;
        }
        instance.gather(&trust, &mut belief);
        scale_to_max(&mut trust);
        scale_to_max(&mut belief);
    }
    Scores::new(trust, belief, rounds)
}
