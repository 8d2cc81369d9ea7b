//! Hand-computed cases for each algorithm, and the invariants every
//! algorithm must keep.

use super::explain::{self, Standing};
use super::*;
use proptest::prelude::*;

const EPS: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

fn assert_all_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} against {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!(close(*g, *w), "{got:?} against {want:?}");
    }
}

/// One object; sources 0 and 1 assert fact A, source 2 asserts fact B.
fn two_against_one(alternatives: Alternatives) -> Instance {
    let mut b = InstanceBuilder::new();
    let s: Vec<SourceId> = (0..3).map(|_| b.add_source(None)).collect();
    let o = b.add_object(alternatives);
    let (fa, fb) = (b.add_fact(o), b.add_fact(o));
    b.assert(s[0], fa);
    b.assert(s[1], fa);
    b.assert(s[2], fb);
    b.build()
}

fn run(instance: &Instance, algorithm: Algorithm, rounds: usize) -> Scores {
    algorithm.run(instance, Iterations::Fixed(rounds))
}

#[test]
fn voting_counts_sources_and_trusts_everyone() {
    let scores = Algorithm::Voting.run(
        &two_against_one(Alternatives::Exclusive),
        Iterations::Default,
    );
    assert_all_close(&scores.trust, &[1.0, 1.0, 1.0]);
    assert_all_close(&scores.confidence, &[1.0, 0.5]);
}

#[test]
fn sums_adds_beliefs_and_trusts() {
    let p = two_against_one(Alternatives::Exclusive);
    // Round 1: T = 0.5 each; B(A) = 1, B(B) = 0.5; scaled: T = 1, B = [1, 0.5].
    let one = run(&p, Algorithm::Sums, 1);
    assert_all_close(&one.trust, &[1.0, 1.0, 1.0]);
    assert_all_close(&one.confidence, &[1.0, 0.5]);
    // Round 2: T = [1, 1, 0.5]; B = [2, 0.5] / 2.
    let two = run(&p, Algorithm::Sums, 2);
    assert_all_close(&two.trust, &[1.0, 1.0, 0.5]);
    assert_all_close(&two.confidence, &[1.0, 0.25]);
}

#[test]
fn average_log_gives_a_single_claim_no_trust() {
    let mut b = InstanceBuilder::new();
    let s: Vec<SourceId> = (0..3).map(|_| b.add_source(None)).collect();
    let o1 = b.add_object(Alternatives::Exclusive);
    let o2 = b.add_object(Alternatives::Exclusive);
    let (fa, fb, fc) = (b.add_fact(o1), b.add_fact(o1), b.add_fact(o2));
    b.assert(s[0], fa);
    b.assert(s[0], fc);
    b.assert(s[1], fa);
    b.assert(s[2], fb);
    let scores = run(&b.build(), Algorithm::AverageLog, 1);
    // T(s0) = ln 2 / 2 · (0.5 + 0.5); the others ln 1 = 0. Scaled: [1, 0, 0].
    assert_all_close(&scores.trust, &[1.0, 0.0, 0.0]);
    assert_all_close(&scores.confidence, &[1.0, 0.0, 1.0]);
}

#[test]
fn investment_pays_back_in_proportion() {
    let p = two_against_one(Alternatives::Exclusive);
    // Priors by vote share: B⁰ = [2/3, 1/3]; investments [2, 1];
    // T = [1/3, 1/3, 1/3]; H = [2/3, 1/3]; B = H^1.2, scaled.
    let scores = run(&p, Algorithm::Investment, 1);
    assert_all_close(&scores.trust, &[1.0, 1.0, 1.0]);
    assert_all_close(&scores.confidence, &[1.0, 0.5f64.powf(1.2)]);
}

#[test]
fn pooled_investment_shares_the_pool_between_rivals() {
    let p = two_against_one(Alternatives::Exclusive);
    // B⁰ = 1/2 each; T = [0.25, 0.25, 0.5]; H = [0.5, 0.5]: equal pools.
    let scores = run(&p, Algorithm::PooledInvestment, 1);
    assert_all_close(&scores.trust, &[0.5, 0.5, 1.0]);
    assert_all_close(&scores.confidence, &[1.0, 1.0]);
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[test]
fn truthfinder_follows_the_paper() {
    let tau = -(0.1f64).ln();
    // No relation between the facts: σ(A) = 2τ, σ(B) = τ.
    let linked = run(
        &two_against_one(Alternatives::Linked),
        Algorithm::TruthFinder,
        1,
    );
    let (ca, cb) = (logistic(0.3 * 2.0 * tau), logistic(0.3 * tau));
    assert_all_close(&linked.confidence, &[ca, cb]);
    assert_all_close(&linked.trust, &[ca, ca, cb]);
    // Exclusive facts imply each other at −0.5, weighed by ρ = 0.5.
    let exclusive = run(
        &two_against_one(Alternatives::Exclusive),
        Algorithm::TruthFinder,
        1,
    );
    let (ca, cb) = (
        logistic(0.3 * (2.0 * tau - 0.25 * tau)),
        logistic(0.3 * (tau - 0.25 * 2.0 * tau)),
    );
    assert_all_close(&exclusive.confidence, &[ca, cb]);
}

#[test]
fn truthfinder_stops_when_trust_settles() {
    let scores = Algorithm::TruthFinder.run(
        &two_against_one(Alternatives::Exclusive),
        Iterations::Default,
    );
    assert!(scores.iterations >= 1 && scores.iterations < 50);
}

#[test]
fn recoupe_leaves_an_unchecked_source_at_its_prior() {
    let mut b = InstanceBuilder::new();
    let s = b.add_source(Some(0.7));
    let o = b.add_object(Alternatives::Exclusive);
    let f = b.add_fact(o);
    b.assert(s, f);
    let scores = Algorithm::Recoupe.run(&b.build(), Iterations::Default);
    assert!(close(scores.trust[0], 0.7));
    let tau = -(0.3f64).ln();
    assert!(close(scores.confidence[0], logistic(0.3 * tau)));
}

#[test]
fn recoupe_one_round_by_hand() {
    // Two against one on an exclusive object, priors 0.5: τ = ln 2.
    // σ(A) = 2τ − 0.25·τ, σ(B) = τ − 0.25·2τ; then
    // t = (2 · 0.5 + c) / (2 + 1) for each source (one checked claim each).
    let scores = run(
        &two_against_one(Alternatives::Exclusive),
        Algorithm::Recoupe,
        1,
    );
    let tau = 2f64.ln();
    let (ca, cb) = (
        logistic(0.3 * (2.0 * tau - 0.25 * tau)),
        logistic(0.3 * (tau - 0.5 * tau)),
    );
    let (ta, tb) = ((1.0 + ca) / 3.0, (1.0 + cb) / 3.0);
    assert_all_close(&scores.trust, &[ta, ta, tb]);
}

#[test]
fn recoupe_sides_with_the_corroborated_and_the_trusted() {
    let scores = Algorithm::Recoupe.run(
        &two_against_one(Alternatives::Exclusive),
        Iterations::Default,
    );
    assert!(scores.trust[0] > 0.5 && scores.trust[2] < scores.trust[0]);
    assert!(scores.confidence[0] > scores.confidence[1]);
    // One against one: the prior decides.
    let mut b = InstanceBuilder::new();
    let sure = b.add_source(Some(0.9));
    let unsure = b.add_source(Some(0.4));
    let o = b.add_object(Alternatives::Linked);
    let (x, y) = (b.add_fact(o), b.add_fact(o));
    b.link(x, y, Link::Conflict);
    b.assert(sure, x);
    b.assert(unsure, y);
    let p = b.build();
    let scores = Algorithm::Recoupe.run(&p, Iterations::Default);
    assert_eq!(scores.best_fact(&p, o), Some(x));
    assert!(scores.trust[sure] > scores.trust[unsure]);
}

#[test]
fn support_links_raise_confidence_and_conflicts_lower_it() {
    let build = |link: Option<Link>| {
        let mut b = InstanceBuilder::new();
        let (s1, s2) = (b.add_source(None), b.add_source(None));
        let o = b.add_object(Alternatives::Linked);
        let (x, y) = (b.add_fact(o), b.add_fact(o));
        if let Some(l) = link {
            b.link(x, y, l);
        }
        b.assert(s1, x);
        b.assert(s2, y);
        Algorithm::Recoupe
            .run(&b.build(), Iterations::Default)
            .confidence[0]
    };
    let (alone, supported, conflicted) = (
        build(None),
        build(Some(Link::Support)),
        build(Some(Link::Conflict)),
    );
    assert!(supported > alone && alone > conflicted);
}

#[test]
fn ties_go_to_the_fact_asserted_first() {
    let mut b = InstanceBuilder::new();
    let (s1, s2) = (b.add_source(None), b.add_source(None));
    let o = b.add_object(Alternatives::Exclusive);
    let (x, y) = (b.add_fact(o), b.add_fact(o));
    b.assert(s1, x);
    b.assert(s2, y);
    let p = b.build();
    for algorithm in Algorithm::ALL {
        assert_eq!(
            algorithm.run(&p, Iterations::Default).best_fact(&p, o),
            Some(x)
        );
    }
}

#[test]
fn relations_come_from_links_then_alternatives() {
    let mut b = InstanceBuilder::new();
    let s = b.add_source(None);
    let exclusive = b.add_object(Alternatives::Exclusive);
    let linked = b.add_object(Alternatives::Linked);
    let (e1, e2, e3) = (
        b.add_fact(exclusive),
        b.add_fact(exclusive),
        b.add_fact(exclusive),
    );
    let (l1, l2, l3) = (b.add_fact(linked), b.add_fact(linked), b.add_fact(linked));
    b.link(e1, e3, Link::Support);
    b.link(l1, l2, Link::Conflict);
    assert!(b.assert(s, e1));
    assert!(!b.assert(s, e2), "a source speaks once per object");
    let p = b.build();
    assert_eq!(p.relation(e1, e2), Some(Link::Conflict));
    assert_eq!(p.relation(e1, e3), Some(Link::Support));
    assert_eq!(p.relation(l2, l1), Some(Link::Conflict));
    assert_eq!(p.relation(l1, l3), None);
    assert_eq!(p.relation(l1, l1), None);
    assert_eq!(p.relation(e1, l1), None);
}

#[test]
fn standing_counts_corroborated_contradicted_and_alone() {
    let mut b = InstanceBuilder::new();
    let (s0, s1, s2) = (b.add_source(None), b.add_source(None), b.add_source(None));
    let shared = b.add_object(Alternatives::Exclusive);
    let lonely = b.add_object(Alternatives::Linked);
    let (a, other, solo) = (b.add_fact(shared), b.add_fact(shared), b.add_fact(lonely));
    b.assert(s0, a);
    b.assert(s1, a);
    b.assert(s2, other);
    b.assert(s0, solo);
    let p = b.build();
    let scores = Algorithm::Recoupe.run(&p, Iterations::Default);
    let e = explain::explain_source(&p, &scores, s0, 5);
    assert_eq!(
        e.standing,
        Standing {
            claims: 2,
            corroborated: 1,
            contradicted: 1,
            alone: 1,
        }
    );
    assert!(e.standing.is_weak());
    assert_eq!(e.contradictions.len(), 1);
    assert_eq!(e.contradictions[0].against_source, s2);
    let ranking = explain::ranking(&p, &scores, 5);
    assert_eq!(ranking.len(), 3);
    assert!(ranking.windows(2).all(|w| w[0].trust >= w[1].trust));
}

#[test]
fn names_round_trip() {
    for algorithm in Algorithm::ALL {
        assert_eq!(Algorithm::parse(algorithm.name()), Some(algorithm));
    }
    assert_eq!(Algorithm::parse("oracle"), None);
}

/// Objects of a random instance: exclusive or not, `(source, value)`
/// assertions, `(value, value, support)` links.
type Objects = Vec<(bool, Vec<(usize, usize)>, Vec<(usize, usize, bool)>)>;
type Spec = (usize, Objects);

/// A random instance: a few sources answer objects, each object exclusive
/// or linked with random links, each source once per object.
fn arb_problem() -> impl Strategy<Value = Spec> {
    (2usize..7).prop_flat_map(|sources| {
        let object = (
            any::<bool>(),
            proptest::collection::vec((0..sources, 0usize..3), 1..6),
            proptest::collection::vec((0usize..3, 0usize..3, any::<bool>()), 0..3),
        );
        (Just(sources), proptest::collection::vec(object, 1..8))
    })
}

/// Builds the instance with sources relabelled by `order` (source i of the
/// spec becomes instance source order[i]); facts are the values asserted.
fn build_spec(spec: &Spec, order: &[usize], priors: &[Option<f64>]) -> Instance {
    let (sources, objects) = spec;
    let mut b = InstanceBuilder::new();
    for &i in &invert(order) {
        b.add_source(priors[i]);
    }
    debug_assert_eq!(order.len(), *sources);
    for (exclusive, assertions, links) in objects {
        let o = b.add_object(if *exclusive {
            Alternatives::Exclusive
        } else {
            Alternatives::Linked
        });
        let mut facts: Vec<Option<FactId>> = vec![None; 3];
        let mut seen = std::collections::HashSet::new();
        for &(s, v) in assertions {
            if !seen.insert(s) {
                continue;
            }
            let f = *facts[v].get_or_insert_with(|| b.add_fact(o));
            b.assert(order[s], f);
        }
        for &(x, y, support) in links {
            if let (Some(fx), Some(fy)) = (facts[x], facts[y])
                && fx != fy
            {
                b.link(
                    fx,
                    fy,
                    if support {
                        Link::Support
                    } else {
                        Link::Conflict
                    },
                );
            }
        }
    }
    b.build()
}

fn invert(order: &[usize]) -> Vec<usize> {
    let mut inverse = vec![0; order.len()];
    for (i, &o) in order.iter().enumerate() {
        inverse[o] = i;
    }
    inverse
}

/// `implied` as one core computes it, object by object: the reference
/// for the version on every core.
fn implied_on_one_core(instance: &Instance, evidence: &[f64]) -> Vec<f64> {
    let mut out = vec![f64::NAN; instance.facts()];
    for o in 0..instance.objects() {
        let facts = instance.facts_about(o);
        let (implicit, total) = match instance.alternatives(o) {
            Alternatives::Exclusive => (-1.0, facts.iter().map(|&f| evidence[f]).sum()),
            Alternatives::Linked => (0.0, 0.0),
        };
        for &f in facts {
            let mut sum: f64 = implicit * (total - evidence[f]);
            for &(g, link) in instance.links_of(f) {
                let sign = if link == Link::Support { 1.0 } else { -1.0 };
                sum += (sign - implicit) * evidence[g];
            }
            out[f] = sum;
        }
    }
    out
}

#[test]
fn implied_on_every_core_is_one_cores_to_the_bit() {
    // Large enough to be cut into runs; objects of every size, facts of
    // an object spread over the fact ids, linked and exclusive objects.
    let mut b = InstanceBuilder::new();
    let sources: Vec<SourceId> = (0..50).map(|_| b.add_source(None)).collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |below: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % below
    };
    let objects: Vec<(ObjectId, Alternatives)> = (0..3_000)
        .map(|i| {
            let alternatives = if i % 3 == 0 {
                Alternatives::Linked
            } else {
                Alternatives::Exclusive
            };
            (b.add_object(alternatives), alternatives)
        })
        .collect();
    let mut facts_of: Vec<Vec<FactId>> = vec![Vec::new(); objects.len()];
    for _ in 0..60_000 {
        // Skewed towards the first objects.
        let bound = next(objects.len()) + 1;
        let o = next(bound);
        let f = b.add_fact(objects[o].0);
        b.assert(sources[next(sources.len())], f);
        facts_of[o].push(f);
    }
    for (o, facts) in facts_of.iter().enumerate() {
        if objects[o].1 == Alternatives::Linked && facts.len() > 1 {
            for _ in 0..facts.len() * 2 {
                let a = facts[next(facts.len())];
                let c = facts[next(facts.len())];
                let link = if next(2) == 0 {
                    Link::Support
                } else {
                    Link::Conflict
                };
                b.link(a, c, link);
            }
        }
    }
    let instance = b.build();
    let evidence: Vec<f64> = (0..instance.facts())
        .map(|f| (f as f64 * 0.37).sin())
        .collect();
    let mut got = vec![f64::NAN; instance.facts()];
    instance.implied(&evidence, &mut got);
    let want = implied_on_one_core(&instance, &evidence);
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&got), bits(&want));
}

proptest! {
    #[test]
    fn rows_are_the_pairs_grouped_by_row_in_their_order(
        rows in 1usize..6,
        pairs in proptest::collection::vec((0usize..6, any::<u8>()), 0..40),
    ) {
        let pairs: Vec<(usize, u8)> = pairs.into_iter().map(|(r, x)| (r % rows, x)).collect();
        let grouped = Rows::from_pairs(rows, pairs.iter().copied());
        for r in 0..rows {
            let want: Vec<u8> = pairs.iter().filter(|p| p.0 == r).map(|p| p.1).collect();
            prop_assert_eq!(grouped.row(r), &want[..], "row {}", r);
        }
    }

    #[test]
    fn trust_and_confidence_stay_in_the_unit_interval(
        spec in arb_problem(), rounds in 0usize..30,
    ) {
        let instance = build_spec(&spec, &(0..spec.0).collect::<Vec<_>>(), &vec![None; spec.0]);
        for algorithm in Algorithm::ALL {
            for iterations in [Iterations::Default, Iterations::Fixed(rounds)] {
                let scores = algorithm.run(&instance, iterations);
                for &x in scores.trust.iter().chain(&scores.confidence) {
                    prop_assert!((0.0..=1.0).contains(&x), "{algorithm}: {x}");
                }
            }
        }
    }

    #[test]
    fn relabelling_sources_relabels_trust(
        spec in arb_problem(), seed in any::<u64>(),
        priors in proptest::collection::vec(proptest::option::of(0.05f64..0.95), 7),
    ) {
        let n = spec.0;
        let identity: Vec<usize> = (0..n).collect();
        let mut order = identity.clone();
        // A permutation from the seed (Fisher–Yates with a small LCG).
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let priors = &priors[..n];
        let plain = build_spec(&spec, &identity, priors);
        let shuffled = build_spec(&spec, &order, priors);
        for algorithm in Algorithm::ALL {
            let a = algorithm.run(&plain, Iterations::Fixed(10));
            let b = algorithm.run(&shuffled, Iterations::Fixed(10));
            for (s, &relabelled) in order.iter().enumerate() {
                prop_assert!((a.trust[s] - b.trust[relabelled]).abs() < 1e-9,
                    "{algorithm}: source {s}");
            }
            prop_assert_eq!(a.confidence.len(), b.confidence.len());
        }
    }

    #[test]
    fn recoupe_never_moves_a_source_nobody_checks(
        spec in arb_problem(),
        priors in proptest::collection::vec(proptest::option::of(0.05f64..0.95), 7),
    ) {
        let priors = &priors[..spec.0];
        let instance = build_spec(&spec, &(0..spec.0).collect::<Vec<_>>(), priors);
        let checked = instance.cross_checked();
        let scores = Algorithm::Recoupe.run(&instance, Iterations::Default);
        for (s, prior) in priors.iter().enumerate() {
            if instance.facts_of(s).iter().all(|&f| !checked[f]) {
                prop_assert!((scores.trust[s] - prior.unwrap_or(0.5)).abs() < 1e-12);
            }
        }
    }
}
