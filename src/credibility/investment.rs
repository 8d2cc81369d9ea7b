//! Investment and PooledInvestment (Pasternack & Roth, COLING 2010):
//! each source invests its trust in its claims, in equal shares, and is
//! paid back from each claim in proportion to what it put in; a claim's
//! belief grows faster than linearly with what was invested in it (the
//! exponent g), so that the strongly backed claims pull ahead.
//! PooledInvestment then shares each object's pool among its rival facts,
//! so that believing one value means believing its rivals less.
//!
//! Formulas, with T⁰ = 1 and, for each round (n(s) = |F(s)|):
//!
//! ```text
//! T(s) = Σ_{f ∈ F(s)} B(f) · (T⁻(s)/n(s)) / Σ_{r ∈ S(f)} T⁻(r)/n(r)
//! H(f) = Σ_{s ∈ S(f)} T(s)/n(s)
//! Investment:        B(f) = H(f)^g                          (g = 1.2)
//! PooledInvestment:  B(f) = H(f) · H(f)^g / Σ_{f' ∈ M(f)} H(f')^g   (g = 1.4)
//! ```
//!
//! where M(f) is the set of facts of f's object; then T and B are divided
//! by their largest entry. The priors B⁰ follow the peer library:
//! Investment starts from each fact's share of its object's votes,
//! PooledInvestment from 1 / |M(f)|. It runs 20 rounds by default,
//! PooledInvestment 10, and both stop early if a claim's investment falls
//! to 0 (the formula would divide by it).

use super::{Instance, Iterations, Scores, scale_to_max};

const INVESTMENT_G: f64 = 1.2;
const POOLED_G: f64 = 1.4;
const INVESTMENT_ROUNDS: usize = 20;
const POOLED_ROUNDS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pooling {
    None,
    ByObject,
}

pub(crate) fn investment(instance: &Instance, iterations: Iterations) -> Scores {
    let votes: Vec<f64> = (0..instance.facts())
        .map(|f| instance.sources_of(f).len() as f64)
        .collect();
    let prior = per_object_share(instance, &votes);
    invest(
        instance,
        prior,
        INVESTMENT_G,
        Pooling::None,
        iterations.limit(INVESTMENT_ROUNDS),
    )
}

pub(crate) fn pooled(instance: &Instance, iterations: Iterations) -> Scores {
    let prior = per_object_share(instance, &vec![1.0; instance.facts()]);
    invest(
        instance,
        prior,
        POOLED_G,
        Pooling::ByObject,
        iterations.limit(POOLED_ROUNDS),
    )
}

/// Each fact's value over the sum of its object's values.
fn per_object_share(instance: &Instance, value: &[f64]) -> Vec<f64> {
    let mut share = vec![0.0; instance.facts()];
    for o in 0..instance.objects() {
        let facts = instance.facts_about(o);
        let total: f64 = facts.iter().map(|&f| value[f]).sum();
        for &f in facts {
            share[f] = value[f] / total;
        }
    }
    share
}

fn invest(
    instance: &Instance,
    mut belief: Vec<f64>,
    g: f64,
    pooling: Pooling,
    rounds: usize,
) -> Scores {
    let claims = instance.claim_counts();
    let mut trust = vec![1.0; instance.sources()];
    let mut share = vec![0.0; instance.sources()];
    let mut invested = vec![0.0; instance.facts()];
    let mut returns = vec![0.0; instance.facts()];
    let mut done = 0;
    while done < rounds {
        for s in 0..instance.sources() {
            share[s] = trust[s] / claims[s];
        }
        instance.gather(&share, &mut invested);
        if invested.contains(&0.0) {
            break;
        }
        for f in 0..instance.facts() {
            returns[f] = belief[f] / invested[f];
        }
        instance.scatter(&returns, &mut trust);
        for s in 0..instance.sources() {
            trust[s] *= share[s];
            share[s] = trust[s] / claims[s];
        }
        instance.gather(&share, &mut invested);
        match pooling {
            Pooling::None => {
                for f in 0..instance.facts() {
                    belief[f] = invested[f].powf(g);
                }
            }
            Pooling::ByObject => {
                for f in 0..instance.facts() {
                    returns[f] = invested[f].powf(g);
                }
                for o in 0..instance.objects() {
                    let facts = instance.facts_about(o);
                    let pool: f64 = facts.iter().map(|&f| returns[f]).sum();
                    for &f in facts {
                        belief[f] = invested[f] * returns[f] / pool;
                    }
                }
            }
        }
        scale_to_max(&mut trust);
        scale_to_max(&mut belief);
        done += 1;
    }
    Scores::new(trust, belief, done)
}
