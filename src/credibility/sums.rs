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

use super::{Iterations, Problem, Scores, scale_to_max};

/// Rounds when not told: the peer library's default.
const DEFAULT_ROUNDS: usize = 20;

pub fn sums(problem: &Problem, iterations: Iterations) -> Scores {
    hubs(problem, iterations, |_| 1.0)
}

pub fn average_log(problem: &Problem, iterations: Iterations) -> Scores {
    hubs(problem, iterations, |claims| claims.ln() / claims)
}

fn hubs(problem: &Problem, iterations: Iterations, weight: impl Fn(f64) -> f64) -> Scores {
    let weights: Vec<f64> = problem.claim_counts().into_iter().map(weight).collect();
    let mut trust = vec![0.0; problem.sources()];
    let mut belief = vec![0.5; problem.facts()];
    let rounds = iterations.limit(DEFAULT_ROUNDS);
    for _ in 0..rounds {
        problem.scatter(&belief, &mut trust);
        for (t, w) in trust.iter_mut().zip(&weights) {
            *t *= w;
        }
        problem.gather(&trust, &mut belief);
        scale_to_max(&mut trust);
        scale_to_max(&mut belief);
    }
    Scores::new(trust, belief, rounds)
}
