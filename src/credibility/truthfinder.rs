//! TruthFinder (Yin, Han & Yu, KDD 2007 / TKDE 2008): a source's
//! trustworthiness t(s) is the average confidence of its facts; a fact's
//! confidence comes from the trust of its sources, in log space so that
//! many sources do not underflow, adjusted by the facts that imply it.
//!
//! ```text
//! τ(s)  = −ln(1 − t(s))
//! σ(f)  = Σ_{s ∈ S(f)} τ(s)
//! σ*(f) = σ(f) + ρ · Σ_{f'} imp(f' → f) · σ(f')
//! s(f)  = 1 / (1 + e^{−γ σ*(f)})
//! t(s)  = Σ_{f ∈ F(s)} s(f) / |F(s)|
//! ```
//!
//! with the paper's ρ = 0.5, γ = 0.3 (the dampening factor for sources
//! that copy one another) and t⁰ = 0.9. The paper's implication is
//! similarity minus a base similarity of 0.5: imp(f' → f) is +0.5 where
//! the instance links f' and f as support, −0.5 where it links them as
//! conflict and between two facts of an exclusive object. It stops, as the paper and the
//! peer library do, when the cosine distance between successive trust
//! vectors falls below 0.001, or when a trust reaches 1 (τ would be
//! infinite).

use super::{IMPLICATION, Instance, Iterations, Scores};

/// The paper's parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    /// ρ: how much related facts count.
    pub influence: f64,
    /// γ: damping for sources that are not independent.
    pub dampening: f64,
    /// t⁰: every source's trust before the first round.
    pub initial_trust: f64,
}

impl Params {
    pub(crate) const PAPER: Params = Params {
        influence: 0.5,
        dampening: 0.3,
        initial_trust: 0.9,
    };
}

/// Convergence: cosine distance between successive trust vectors.
const CONVERGED: f64 = 0.001;
/// A bound on rounds when converging, far above what any data set needs.
const MAX_ROUNDS: usize = 1000;

pub(crate) fn run(instance: &Instance, params: Params, iterations: Iterations) -> Scores {
    let (rounds, converge) = match iterations {
        Iterations::Default => (MAX_ROUNDS, true),
        Iterations::Fixed(n) => (n, false),
    };
    let claims = instance.claim_counts();
    let mut trust = vec![params.initial_trust; instance.sources()];
    let mut tau = vec![0.0; instance.sources()];
    let mut sigma = vec![0.0; instance.facts()];
    let mut implied = vec![0.0; instance.facts()];
    let mut confidence = vec![0.0; instance.facts()];
    let mut next = vec![0.0; instance.sources()];
    let mut done = 0;
    while done < rounds {
        if trust.contains(&1.0) {
            break;
        }
        for (t, x) in tau.iter_mut().zip(&trust) {
            *t = -(1.0 - x).ln();
        }
        instance.gather(&tau, &mut sigma);
        instance.implied(&sigma, &mut implied);
        for f in 0..instance.facts() {
            let adjusted = sigma[f] + params.influence * IMPLICATION * implied[f];
            confidence[f] = 1.0 / (1.0 + (-params.dampening * adjusted).exp());
        }
        instance.scatter(&confidence, &mut next);
        for (n, c) in next.iter_mut().zip(&claims) {
            *n /= c;
        }
        let distance = cosine_distance(&next, &trust);
        std::mem::swap(&mut trust, &mut next);
        done += 1;
        if converge && distance < CONVERGED {
            break;
        }
    }
    Scores::new(trust, confidence, done)
}

/// 1 − cos(a, b), clipped to [0, 1]; 1 when either vector is zero.
fn cosine_distance(a: &[f64], b: &[f64]) -> f64 {
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 1.0;
    }
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    (1.0 - dot / (na * nb)).clamp(0.0, 1.0)
}
