//! The store's evidence as a truth-discovery instance, and the answers mapped back to
//! sources and claims.
//!
//! What counts, and why (DESIGN §2, §4):
//!
//! - Only **current** claims: a superseded figure is its source's earlier
//!   word, not a second vote.
//! - A relayed claim (`via`) is its **original source's**: the relay is
//!   not a source of it, gains no credit or blame, and two outlets
//!   relaying one claim add nothing. A source that only relays has no
//!   claims to score and is listed as unscored.
//! - Two claims that **share an origin** are one claim: where a source is
//!   a relay in another claim's chain and its own current claim gives the
//!   same figure, that claim is the figure passed on (the graph's
//!   `shares_origin_with`) and is not asserted; the origin's claim is.
//! - Each question is an object; its **facts** are the distinct values of
//!   its current claims (same value and unit, same fact). Two facts
//!   relate as their claims do in the graph: a contradiction between any
//!   of their claims makes them conflict, otherwise corroboration or
//!   compatibility makes them support each other.
//! - **Text-only claims** have no value to compare: each is a fact of its
//!   own, related to others only by the analyst's `agrees_with` and
//!   `contradicts` links; unlinked, it stands alone and moves trust only
//!   towards the prior.
//!
//! A question whose facts all conflict pairwise (exact figures,
//! categories) becomes an exclusive object and stores no links, so memory
//! stays linear in claims there; only questions with loose values store
//! their related pairs of distinct values.

use super::explain::{self, Standing, WEAK_BELOW};
use super::{
    Algorithm, Alternatives, FactId, Instance, InstanceBuilder, Iterations, Link, ObjectId, Scores,
    SourceId,
};
use crate::graph::ClaimGraph;
use crate::relate::RelationKind;
use crate::store::{ClaimIx, QuestionIx, SourceIx, Store};
use crate::value::Value;
use std::collections::HashMap;

/// The instance made from a claim graph, with the way back to the store.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Sources, objects, facts and assertions, as the algorithms see them.
    pub instance: Instance,
    /// Instance source → store source.
    pub sources: Vec<SourceIx>,
    /// Store source → instance source, for sources with current claims.
    pub source_ids: Vec<Option<SourceId>>,
    /// Store question → instance object, for questions with current claims.
    pub objects: Vec<Option<ObjectId>>,
    /// Fact → the current claims asserting it, in store order.
    pub fact_claims: Vec<Vec<ClaimIx>>,
}

impl Evidence {
    /// The claim of store source `s` that asserts `fact`, if any.
    fn claim_of(&self, store: &Store, fact: FactId, s: SourceId) -> Option<ClaimIx> {
        self.fact_claims[fact]
            .iter()
            .copied()
            .find(|&c| store.claim(c).source == self.sources[s])
    }

    /// Builds the instance from the graph's current claims, less those
    /// that pass on another's figure.
    pub(crate) fn from_graph(graph: &ClaimGraph) -> Evidence {
        let store = graph.store();
        // What each question gives is computed apart from the others, on
        // every core (its value groups and how they relate: at 1M claims,
        // seconds on one core), then added to the instance in question
        // order, so that the instance is the one a single pass makes.
        let questions: Vec<QuestionIx> = store.question_ixs().collect();
        let facts_of = crate::cores::every(&questions, |&q| QuestionFacts::of(graph, q));
        let mut builder = InstanceBuilder::new();
        let mut speaks = vec![false; store.sources().len()];
        let (mut facts, mut assertions, mut links) = (0, 0, 0);
        for question in &facts_of {
            facts += question.groups.len();
            links += question.links.as_ref().map_or(0, Vec::len);
            for &c in question.groups.iter().flatten() {
                speaks[graph.source_of(c).index()] = true;
                assertions += 1;
            }
        }
        builder.reserve(facts, assertions, links);
        let mut sources = Vec::new();
        let mut source_ids = vec![None; store.sources().len()];
        for (i, source) in store.sources().iter().enumerate() {
            if speaks[i] {
                source_ids[i] = Some(builder.add_source(source.prior));
                sources.push(SourceIx(i as u32));
            }
        }
        let mut objects = vec![None; store.questions().len()];
        let mut fact_claims = Vec::new();
        for (q, question) in questions.iter().zip(facts_of) {
            let QuestionFacts { groups, links } = question;
            if groups.is_empty() {
                continue;
            }
            let object = builder.add_object(match links {
                None => Alternatives::Exclusive,
                Some(_) => Alternatives::Linked,
            });
            objects[q.index()] = Some(object);
            let facts: Vec<FactId> = groups.iter().map(|_| builder.add_fact(object)).collect();
            for (group, &fact) in groups.iter().zip(&facts) {
                for &c in group {
                    let s = source_ids[graph.source_of(c).index()].expect("a speaking source");
                    builder.assert(s, fact);
                }
            }
            for (i, j, link) in links.into_iter().flatten() {
                builder.link(facts[i], facts[j], link);
            }
            fact_claims.extend(groups);
        }
        Evidence {
            instance: builder.build(),
            sources,
            source_ids,
            objects,
            fact_claims,
        }
    }
}

/// What one question gives the instance: its facts (the groups of its
/// counted claims by value) and, unless every two of them conflict (an
/// exclusive object), how its facts relate, by their positions.
struct QuestionFacts {
    groups: Vec<Vec<ClaimIx>>,
    links: Option<Vec<(usize, usize, Link)>>,
}

impl QuestionFacts {
    fn of(graph: &ClaimGraph, q: QuestionIx) -> QuestionFacts {
        // The claims that count: current, and not a relay's copy of another.
        let counted: Vec<ClaimIx> = graph
            .question(q)
            .current
            .iter()
            .copied()
            .filter(|&c| graph.shares_origin_with(c).is_none())
            .collect();
        let groups = fact_groups(graph.store(), &counted);
        let relation = |i: usize, j: usize| fact_relation(graph, &groups[i], &groups[j]);
        let pairs = || (0..groups.len()).flat_map(|i| (i + 1..groups.len()).map(move |j| (i, j)));
        let exclusive = pairs().all(|(i, j)| relation(i, j) == Some(Link::Conflict));
        let links = (!exclusive).then(|| {
            pairs()
                .filter_map(|(i, j)| Some((i, j, relation(i, j)?)))
                .collect()
        });
        QuestionFacts { groups, links }
    }
}

/// Groups current claims by value: one group per distinct value and unit,
/// one per text-only claim; groups in the store order of their first claim.
fn fact_groups(store: &Store, current: &[ClaimIx]) -> Vec<Vec<ClaimIx>> {
    let mut groups: Vec<Vec<ClaimIx>> = Vec::new();
    let mut by_value: HashMap<(Option<String>, String), usize> = HashMap::new();
    for &c in current {
        let claim = store.claim(c);
        if claim.value == Value::Unstated {
            groups.push(vec![c]);
            continue;
        }
        let key = (
            store.unit_of(c).map(str::to_lowercase),
            claim.value.to_yaml(),
        );
        match by_value.get(&key) {
            Some(&g) => groups[g].push(c),
            None => {
                by_value.insert(key, groups.len());
                groups.push(vec![c]);
            }
        }
    }
    groups
}

/// How two groups of claims relate: conflict if any two of their claims
/// contradict, else support if any two agree, else nothing.
fn fact_relation(graph: &ClaimGraph, a: &[ClaimIx], b: &[ClaimIx]) -> Option<Link> {
    let mut found = None;
    for &x in a {
        for &y in b {
            match graph.relation(x, y).map(|r| r.kind) {
                Some(RelationKind::Contradicts) => return Some(Link::Conflict),
                Some(RelationKind::Corroborates | RelationKind::Compatible) => {
                    found = Some(Link::Support);
                }
                _ => {}
            }
        }
    }
    found
}

/// Trust closer than this is a tie for rank.
const SAME_TRUST: f64 = 1e-9;

/// Numbers the ranking, most trusted first: equal trust, equal rank
/// ("1, 1, 3"); the order within a tie is the ranking's own (by
/// cross-checked claims, then store order).
fn rank_ties(sources: &mut [SourceLine]) {
    let mut rank = 0;
    let mut previous: Option<f64> = None;
    for (place, line) in sources.iter_mut().enumerate() {
        if previous.is_none_or(|p| (p - line.trust).abs() > SAME_TRUST) {
            rank = place + 1;
        }
        line.rank = rank;
        previous = Some(line.trust);
    }
}

/// A scored store: the instance and what an algorithm made of it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The store's evidence, as the algorithm saw it.
    pub evidence: Evidence,
    /// What the algorithm made of it.
    pub scores: Scores,
}

/// One contradiction of a source's claim, in store terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightyContradiction {
    /// The source's claim.
    pub claim: ClaimIx,
    /// The claim of another source that contradicts it.
    pub against: ClaimIx,
    /// The gap of DESIGN §2, where the graph gives one.
    pub gap: Option<f64>,
    /// The contradicting source's trust.
    pub weight: f64,
}

/// A current claim with the confidence the algorithm gives its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClaimConfidence {
    /// The claim.
    pub claim: ClaimIx,
    /// The confidence in its value, in [0, 1].
    pub confidence: f64,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    /// The source.
    pub source: SourceIx,
    /// Its place in the ranking, from 1; sources of equal trust share it
    /// ("1, 1, 3").
    pub rank: usize,
    /// Its trust, in [0, 1].
    pub trust: f64,
    /// Its prior from `sources.yaml`, if it has one.
    pub prior: Option<f64>,
    /// How its current claims fare against the other sources.
    pub standing: Standing,
    /// Fewer than three cross-checked claims: weak evidence.
    pub weak: bool,
    /// The heaviest contradictions first.
    pub contradictions: Vec<WeightyContradiction>,
    /// Each current claim of the source, in store order.
    pub claims: Vec<ClaimConfidence>,
}

/// `recoupe sources`, computed.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The algorithm that scored it.
    pub algorithm: Algorithm,
    /// The rounds it ran.
    pub iterations: usize,
    /// Most trusted first.
    pub sources: Vec<SourceLine>,
    /// Sources with no current claim of their own (relays only, or
    /// nothing on file), in store order.
    pub unscored: Vec<SourceIx>,
}

impl Ranking {
    /// How many ranked sources have weak evidence (fewer than
    /// [`Ranking::WEAK_BELOW`] cross-checked claims).
    pub fn weak_sources(&self) -> usize {
        self.sources.iter().filter(|l| l.weak).count()
    }

    /// Whether so few sources are ranked (fewer than
    /// [`Ranking::WEAK_BELOW`]) that their agreement says little.
    pub fn too_few_sources(&self) -> bool {
        self.sources.len() < WEAK_BELOW
    }

    /// Fewer cross-checked claims than this is weak evidence; fewer ranked
    /// sources than this, too few to say much.
    pub const WEAK_BELOW: usize = WEAK_BELOW;
}

impl Analysis {
    /// Scores the store's current claims with `algorithm`.
    pub fn run(graph: &ClaimGraph, algorithm: Algorithm, iterations: Iterations) -> Analysis {
        let evidence = Evidence::from_graph(graph);
        let scores = algorithm.run(&evidence.instance, iterations);
        Analysis { evidence, scores }
    }

    /// Sources ranked and explained, with up to `keep` contradictions each.
    pub fn ranking(&self, graph: &ClaimGraph, keep: usize) -> Ranking {
        let store = graph.store();
        let evidence = &self.evidence;
        // The order and the counts first; then each source's contradictions,
        // one source at a time, so that a question with thousands of
        // sources never holds every contradiction of every source at once.
        let mut sources: Vec<SourceLine> = explain::ranking(&evidence.instance, &self.scores, 0)
            .into_iter()
            .map(|e| {
                let heaviest =
                    explain::explain_source(&evidence.instance, &self.scores, e.source, keep);
                let mut contradictions: Vec<WeightyContradiction> = heaviest
                    .contradictions
                    .iter()
                    .filter_map(|c| {
                        let claim = evidence.claim_of(store, c.fact, e.source)?;
                        let against = evidence.claim_of(store, c.against, c.against_source)?;
                        Some(WeightyContradiction {
                            claim,
                            against,
                            gap: graph.relation(claim, against).and_then(|r| r.gap),
                            weight: c.weight,
                        })
                    })
                    .collect();
                contradictions.sort_by(|a, b| {
                    b.weight
                        .total_cmp(&a.weight)
                        .then(b.gap.unwrap_or(1.0).total_cmp(&a.gap.unwrap_or(1.0)))
                        .then((a.claim, a.against).cmp(&(b.claim, b.against)))
                });
                contradictions.truncate(keep);
                let mut claims: Vec<ClaimConfidence> = evidence
                    .instance
                    .facts_of(e.source)
                    .iter()
                    .filter_map(|&f| {
                        Some(ClaimConfidence {
                            claim: evidence.claim_of(store, f, e.source)?,
                            confidence: self.scores.confidence[f],
                        })
                    })
                    .collect();
                claims.sort_by_key(|c| c.claim);
                SourceLine {
                    source: evidence.sources[e.source],
                    rank: 0,
                    trust: e.trust,
                    prior: evidence.instance.prior(e.source),
                    standing: e.standing,
                    weak: e.standing.is_weak(),
                    contradictions,
                    claims,
                }
            })
            .collect();
        rank_ties(&mut sources);
        let unscored = (0..store.sources().len())
            .filter(|&i| evidence.source_ids[i].is_none())
            .map(|i| SourceIx(i as u32))
            .collect();
        Ranking {
            algorithm: self.scores.algorithm,
            iterations: self.scores.iterations,
            sources,
            unscored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(trust: f64) -> SourceLine {
        SourceLine {
            source: SourceIx(0),
            rank: 0,
            trust,
            prior: None,
            standing: Standing::default(),
            weak: false,
            contradictions: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn store_of(claims: &str) -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("sources.yaml"),
            "sources:\n  - id: crescent\n  - id: bureau\n  - id: daily\n",
        )
        .unwrap();
        let y = format!(
            "event: e\nquestions:\n  - {{id: q, ask: a, kind: count, cumulative: false}}\nclaims:\n{claims}"
        );
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(dir.path().join("claims/e.yaml"), y).unwrap();
        let store = Store::load(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn a_relays_copy_of_a_figure_is_not_a_second_assertion() {
        // The crescent's 500, cited by the bureau; the bureau's own 500.
        let (_dir, store) = store_of(concat!(
            "  - {id: c1, source: crescent, via: [bureau], about: q, value: 500, text: t}\n",
            "  - {id: b1, source: bureau, about: q, value: 500, text: t}\n",
            "  - {id: d1, source: daily, about: q, value: 300, text: t}\n",
        ));
        let graph = ClaimGraph::build(&store);
        let analysis = Analysis::run(&graph, Algorithm::Recoupe, Iterations::Default);
        assert_eq!(analysis.evidence.instance.assertions(), 2);
        let ranking = analysis.ranking(&graph, 3);
        let id = |s: SourceIx| store.source(s).id.as_str();
        let ranked: Vec<&str> = ranking.sources.iter().map(|l| id(l.source)).collect();
        assert_eq!(ranked.len(), 2, "{ranked:?}");
        assert!(!ranked.contains(&"bureau"), "a relay gains no credit");
        let unscored: Vec<&str> = ranking.unscored.iter().map(|&s| id(s)).collect();
        assert_eq!(unscored, ["bureau"]);
        for line in &ranking.sources {
            assert_eq!(line.standing.corroborated, 0, "{}", id(line.source));
            assert_eq!(line.standing.contradicted, 1, "{}", id(line.source));
        }
    }

    #[test]
    fn equal_trust_shares_a_rank_and_the_next_skips() {
        let mut lines: Vec<SourceLine> = [0.9, 0.7, 0.7, 0.7 + 1e-12, 0.5].map(line).into();
        rank_ties(&mut lines);
        let ranks: Vec<usize> = lines.iter().map(|l| l.rank).collect();
        assert_eq!(ranks, [1, 2, 2, 2, 5]);
    }
}
