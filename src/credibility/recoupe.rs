//! The default algorithm, `recoupe`: TruthFinder's reinforcement, adapted
//! to news claims.
//!
//! News differs from the web tables TruthFinder was made for, and each
//! difference gets an answer:
//!
//! - **Figures agree by interval, not equality.** "At least 62" and "70"
//!   support each other; "36" conflicts with both. The instance carries
//!   these relations as links (DESIGN §2: corroborates and compatible are
//!   support, contradicts is conflict), and a fact's evidence is its own
//!   sources' plus ρ · imp times that of each related fact, with
//!   TruthFinder's implication imp = similarity − 0.5: +0.5 for support,
//!   −0.5 for conflict.
//! - **Only cross-checked claims say anything about a source.** A claim
//!   no other source addresses cannot be found right or wrong; counting
//!   it would reward volume (a wire that files a hundred unchecked
//!   figures would rank above a monitor with three corroborated ones).
//!   Such claims leave trust where the prior puts it.
//! - **The long tail.** Most sources say one or two things. Averaging the
//!   confidence of one claim would damn or saint a source on a single
//!   data point; so trust is a smoothed average, in which the prior
//!   counts as α = 2 claims (CATD, Li et al. VLDB 2015, makes the same
//!   point with confidence intervals).
//! - **Priors** come from `sources.yaml` (0.5 when absent): where trust
//!   starts and what it shrinks to.
//!
//! Relays are handled before the instance is built: a relayed claim is its
//! original source's, so a relay never adds a vote. With σ(f) the sum of
//! τ(s) = −ln(1 − t(s)) over f's sources and C(s) the cross-checked facts
//! of s:
//!
//! ```text
//! σ*(f) = σ(f) + ρ · Σ_{f' related to f} imp(f', f) · σ(f')
//! c(f)  = 1 / (1 + e^{−γ σ*(f)})
//! t(s)  = (α · prior(s) + Σ_{f ∈ C(s)} c(f)) / (α + |C(s)|)
//! ```
//!
//! with TruthFinder's ρ = 0.5 and γ = 0.3, t⁰ = prior. It runs until no
//! trust moves by more than 10⁻⁹, at most 200 rounds. A fact's confidence
//! reads as a probability (uncalibrated): one source of prior 0.5 gives
//! 0.55, five that agree and nobody contradicts about 0.8, a contradicted
//! claim less.

use super::{IMPLICATION, Instance, Iterations, Scores};

/// ρ: how much related facts count (TruthFinder's).
pub(crate) const INFLUENCE: f64 = 0.5;
/// γ: TruthFinder's dampening factor.
pub(crate) const DAMPENING: f64 = 0.3;
/// α: how many claims' worth the prior weighs.
pub(crate) const PRIOR_WEIGHT: f64 = 2.0;
/// The prior of a source that `sources.yaml` gives none.
pub(crate) const DEFAULT_PRIOR: f64 = 0.5;

const SETTLED: f64 = 1e-9;
const MAX_ROUNDS: usize = 200;

pub(crate) fn run(instance: &Instance, iterations: Iterations) -> Scores {
    let (rounds, settle) = match iterations {
        Iterations::Default => (MAX_ROUNDS, true),
        Iterations::Fixed(n) => (n, false),
    };
    let prior: Vec<f64> = (0..instance.sources())
        .map(|s| instance.prior(s).unwrap_or(DEFAULT_PRIOR))
        .collect();
    let counted: Vec<f64> = instance
        .cross_checked()
        .into_iter()
        .map(|c| if c { 1.0 } else { 0.0 })
        .collect();
    let mut checked = vec![0.0; instance.sources()];
    instance.scatter(&counted, &mut checked);
    let mut trust = prior.clone();
    let mut tau = vec![0.0; instance.sources()];
    let mut sigma = vec![0.0; instance.facts()];
    let mut implied = vec![0.0; instance.facts()];
    let mut confidence = vec![0.0; instance.facts()];
    let mut counted_confidence = vec![0.0; instance.facts()];
    let mut backing = vec![0.0; instance.sources()];
    let mut update_confidence = |trust: &[f64], confidence: &mut [f64]| {
        for (t, x) in tau.iter_mut().zip(trust) {
            *t = -(1.0 - x).ln();
        }
        instance.gather(&tau, &mut sigma);
        instance.implied(&sigma, &mut implied);
        for f in 0..instance.facts() {
            let evidence = sigma[f] + INFLUENCE * IMPLICATION * implied[f];
            confidence[f] = 1.0 / (1.0 + (-DAMPENING * evidence).exp());
        }
    };
    // The confidences of the priors, so that zero rounds still says something.
    update_confidence(&trust, &mut confidence);
    let mut done = 0;
    while done < rounds {
        for f in 0..instance.facts() {
            counted_confidence[f] = confidence[f] * counted[f];
        }
        instance.scatter(&counted_confidence, &mut backing);
        let mut moved: f64 = 0.0;
        for s in 0..instance.sources() {
            let next = (PRIOR_WEIGHT * prior[s] + backing[s]) / (PRIOR_WEIGHT + checked[s]);
            moved = moved.max((next - trust[s]).abs());
            trust[s] = next;
        }
        update_confidence(&trust, &mut confidence);
        done += 1;
        if settle && moved < SETTLED {
            break;
        }
    }
    Scores::new(trust, confidence, done)
}
