//! The claim graph, built once per run and used by everything downstream.
//!
//! Claims are the nodes of a petgraph `Graph` (node *i* is claim *i*). Its
//! stored edges are the sparse ones: revisions (`supersedes`, newest to
//! oldest along each source's chain) and the analyst's explicit links.
//! Agreement between values is *not* stored edge by edge: a question with
//! thousands of claims would need millions of edges (DESIGN §3). It is kept
//! in compact form instead (each question's current claims, and per claim
//! the count of claims that corroborate, accept or contradict it), and the
//! pairs are enumerated from the relation rules only when something
//! displays them. Memory stays linear in claims plus explicit links.

use crate::relate::{self, Basis, Relation, RelationKind};
use crate::store::revisions::{Revisable, revision_order};
use crate::store::{ClaimIx, QuestionIx, SourceIx, Store};
use petgraph::graph::{Graph, NodeIndex};
use std::collections::HashMap;

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// At least two current claims contradict each other.
    Contradiction,
    /// Two or more sources answer, and none contradicts another.
    Consistent,
    /// One source (or none) answers.
    Single,
}

impl Status {
    /// Its name in reports and JSON (`contradiction`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Contradiction => "contradiction",
            Status::Consistent => "consistent",
            Status::Single => "single",
        }
    }
}

/// How one current claim fares against the other current claims of its
/// question (each of which is another source's latest word).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    /// How many corroborate it.
    pub corroborated: u32,
    /// How many are compatible with it.
    pub compatible: u32,
    /// How many contradict it.
    pub contradicted: u32,
}

impl Agreement {
    /// No other source's claim relates to it at all.
    pub fn alone(&self) -> bool {
        self.corroborated == 0 && self.compatible == 0 && self.contradicted == 0
    }
}

/// One source's successive claims on one question, oldest first.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The question.
    pub question: QuestionIx,
    /// The original source whose claims these are.
    pub source: SourceIx,
    /// Its claims, oldest first: the last is current.
    pub claims: Vec<ClaimIx>,
}

/// What the graph knows of one question.
#[derive(Debug, Clone)]
pub struct QuestionState {
    /// The claims that count: each source's latest, in store order.
    pub current: Vec<ClaimIx>,
    /// Where the question stands.
    pub status: Status,
    /// The widest contradiction, if any.
    pub max_gap: Option<f64>,
    /// How many pairs of current claims contradict.
    pub contradictions: usize,
    /// Revision chains (sources with more than one claim), in store order.
    pub chains: Vec<Chain>,
}

/// An edge as downstream code sees it. For `supersedes`, `from` is the
/// newer claim and `to` the older.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// One end (the newer claim of a revision).
    pub from: ClaimIx,
    /// The other end (the older claim of a revision).
    pub to: ClaimIx,
    /// How they relate, and on what basis.
    pub relation: Relation,
}

/// Claims, their revisions and their agreement structure.
pub struct ClaimGraph<'s> {
    store: &'s Store,
    graph: Graph<ClaimIx, Relation>,
    superseded_by: Vec<Option<ClaimIx>>,
    agreement: Vec<Agreement>,
    questions: Vec<QuestionState>,
}

fn node(c: ClaimIx) -> NodeIndex {
    NodeIndex::new(c.index())
}

impl<'s> ClaimGraph<'s> {
    /// Builds the graph of a store: revision chains, explicit links, and
    /// each question's agreement structure.
    pub fn build(store: &'s Store) -> ClaimGraph<'s> {
        let mut graph = Graph::with_capacity(store.claims().len(), store.claims().len() / 2);
        for c in store.claim_ixs() {
            graph.add_node(c);
        }
        // The analyst's links, stored once per pair whatever side wrote them.
        for a in store.claim_ixs() {
            let claim = store.claim(a);
            for &b in claim.agrees_with.iter().chain(&claim.contradicts) {
                if graph.find_edge_undirected(node(a), node(b)).is_none()
                    && let Some(r) = relate::analyst_relation(store, a, b)
                {
                    graph.add_edge(node(a), node(b), r);
                }
            }
        }
        let mut superseded_by = vec![None; store.claims().len()];
        let mut agreement = vec![Agreement::default(); store.claims().len()];
        let mut questions = Vec::with_capacity(store.questions().len());
        for q in store.question_ixs() {
            let chains = revision_chains(store, q);
            let mut current = Vec::with_capacity(chains.len());
            let mut kept_chains = Vec::new();
            for chain in chains {
                for pair in chain.claims.windows(2) {
                    let (older, newer) = (pair[0], pair[1]);
                    superseded_by[older.index()] = Some(newer);
                    graph.add_edge(
                        node(newer),
                        node(older),
                        Relation {
                            kind: RelationKind::Supersedes,
                            gap: None,
                            basis: Basis::Revision,
                        },
                    );
                }
                current.extend(chain.claims.last().copied());
                if chain.claims.len() > 1 {
                    kept_chains.push(chain);
                }
            }
            current.sort();
            let mut max_gap: Option<f64> = None;
            let mut contradictions = 0;
            for (i, &a) in current.iter().enumerate() {
                for &b in &current[i + 1..] {
                    let Some(r) = relation_in(&graph, store, a, b) else {
                        continue;
                    };
                    let (x, y) = (a.index(), b.index());
                    match r.kind {
                        RelationKind::Corroborates => {
                            agreement[x].corroborated += 1;
                            agreement[y].corroborated += 1;
                        }
                        RelationKind::Compatible => {
                            agreement[x].compatible += 1;
                            agreement[y].compatible += 1;
                        }
                        RelationKind::Contradicts => {
                            agreement[x].contradicted += 1;
                            agreement[y].contradicted += 1;
                            contradictions += 1;
                            let gap = r.gap.unwrap_or(1.0);
                            max_gap = Some(max_gap.map_or(gap, |m| m.max(gap)));
                        }
                        RelationKind::Supersedes => {}
                    }
                }
            }
            let status = if contradictions > 0 {
                Status::Contradiction
            } else if current.len() > 1 {
                Status::Consistent
            } else {
                Status::Single
            };
            questions.push(QuestionState {
                current,
                status,
                max_gap,
                contradictions,
                chains: kept_chains,
            });
        }
        ClaimGraph {
            store,
            graph,
            superseded_by,
            agreement,
            questions,
        }
    }

    /// The store the graph was built from.
    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// What the graph knows of question `q`.
    pub fn question(&self, q: QuestionIx) -> &QuestionState {
        &self.questions[q.index()]
    }

    /// Whether claim `c` is its source's latest on its question.
    pub fn is_current(&self, c: ClaimIx) -> bool {
        self.superseded_by[c.index()].is_none()
    }

    /// The claim that revised this one, if any.
    pub fn superseded_by(&self, c: ClaimIx) -> Option<ClaimIx> {
        self.superseded_by[c.index()]
    }

    /// How a current claim fares against the others of its question.
    pub fn agreement(&self, c: ClaimIx) -> Agreement {
        self.agreement[c.index()]
    }

    /// How two claims of different sources relate: the analyst's word if
    /// there is one, else their values.
    pub fn relation(&self, a: ClaimIx, b: ClaimIx) -> Option<Relation> {
        relation_in(&self.graph, self.store, a, b)
    }

    /// How many explicit edges (revisions and analyst links) are stored.
    pub fn stored_edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every edge of a question: its revisions (from the stored graph),
    /// then every related pair of current claims, computed as they are
    /// read (a question with thousands of sources has millions of pairs:
    /// nothing holds them all at once), in a stable order.
    pub fn edges(&self, q: QuestionIx) -> impl Iterator<Item = Edge> + '_ {
        let state = self.question(q);
        let revisions = state
            .chains
            .iter()
            .flat_map(|chain| chain.claims.iter().copied())
            .flat_map(move |older| {
                self.graph
                    .edges_directed(node(older), petgraph::Direction::Incoming)
                    .filter(|e| e.weight().kind == RelationKind::Supersedes)
                    .map(move |e| Edge {
                        from: self.graph[petgraph::visit::EdgeRef::source(&e)],
                        to: older,
                        relation: *e.weight(),
                    })
            });
        let pairs = state.current.iter().enumerate().flat_map(move |(i, &a)| {
            state.current[i + 1..].iter().filter_map(move |&b| {
                self.relation(a, b).map(|relation| Edge {
                    from: a,
                    to: b,
                    relation,
                })
            })
        });
        revisions.chain(pairs)
    }
}

fn relation_in(
    graph: &Graph<ClaimIx, Relation>,
    store: &Store,
    a: ClaimIx,
    b: ClaimIx,
) -> Option<Relation> {
    let analyst = graph
        .edges_connecting(node(a), node(b))
        .chain(graph.edges_connecting(node(b), node(a)))
        .map(|e| *e.weight())
        .find(|r| r.basis == Basis::Analyst);
    analyst.or_else(|| relate::relate_stored(store, a, b))
}

/// The current claims of one question (each source's latest, in store
/// order), without building the whole graph: what `check` needs.
pub fn current_claims(store: &Store, q: QuestionIx) -> Vec<ClaimIx> {
    let mut current: Vec<ClaimIx> = revision_chains(store, q)
        .into_iter()
        .filter_map(|chain| chain.claims.last().copied())
        .collect();
    current.sort();
    current
}

/// Groups a question's claims by original source and orders each group
/// into a revision chain; chains come in the store order of their first
/// claim.
fn revision_chains(store: &Store, q: QuestionIx) -> Vec<Chain> {
    let mut groups: Vec<(SourceIx, Vec<Revisable>)> = Vec::new();
    let mut by_source: HashMap<SourceIx, usize> = HashMap::new();
    for &c in &store.question(q).claims {
        let claim = store.claim(c);
        let slot = *by_source.entry(claim.source).or_insert_with(|| {
            groups.push((claim.source, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(Revisable::of(store, c));
    }
    groups
        .into_iter()
        .map(|(source, claims)| Chain {
            question: q,
            source,
            claims: revision_order(&claims),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One generated claim: source, question, value form, date.
    #[derive(Debug, Clone)]
    struct Gen {
        source: usize,
        question: usize,
        value: String,
        date: Option<String>,
    }

    fn arb_claim() -> impl Strategy<Value = Gen> {
        let value = prop_oneof![
            (0u32..100).prop_map(|v| v.to_string()),
            (0u32..100).prop_map(|v| format!("{{at_least: {v}}}")),
            (0u32..100).prop_map(|v| format!("{{less_than: {v}}}")),
            (0u32..100).prop_map(|v| format!("{{about: {v}}}")),
            (0u32..50, 0u32..50).prop_map(|(a, b)| format!("{{between: [{a}, {}]}}", a + b)),
        ];
        let date = prop_oneof![
            Just(None),
            (1u8..13).prop_map(|m| Some(format!("2018-{m:02}"))),
            (1u8..13, 1u8..29).prop_map(|(m, d)| Some(format!("2018-{m:02}-{d:02}"))),
        ];
        (0usize..4, 0usize..2, value, date).prop_map(|(source, question, value, date)| Gen {
            source,
            question,
            value,
            date,
        })
    }

    fn store_of(claims: &[Gen]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        let sources: String = (0..4).map(|s| format!("  - id: s{s}\n")).collect();
        std::fs::write(
            dir.path().join("sources.yaml"),
            format!("sources:\n{sources}"),
        )
        .unwrap();
        let mut y = String::from(
            "event: e\nquestions:\n  - {id: q0, ask: a, kind: count}\n  - {id: q1, ask: b, kind: count, cumulative: false}\nclaims:\n",
        );
        for (i, c) in claims.iter().enumerate() {
            let date = c
                .date
                .as_ref()
                .map_or(String::new(), |d| format!(", date: {d}"));
            y.push_str(&format!(
                "  - {{id: c{i}, source: s{}, about: q{}, value: {}{date}, text: t}}\n",
                c.source, c.question, c.value
            ));
        }
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(dir.path().join("claims/e.yaml"), y).unwrap();
        let store = Store::load(dir.path()).unwrap();
        (dir, store)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn graph_invariants(claims in proptest::collection::vec(arb_claim(), 0..24)) {
            let (_dir, store) = store_of(&claims);
            let graph = ClaimGraph::build(&store);
            for q in store.question_ixs() {
                let state = graph.question(q);
                // One current claim per source that answered.
                let mut sources: Vec<_> = store.question(q).claims.iter().map(|&c| store.claim(c).source).collect();
                sources.sort();
                sources.dedup();
                prop_assert_eq!(state.current.len(), sources.len());
                for e in graph.edges(q) {
                    let (a, b) = (store.claim(e.from), store.claim(e.to));
                    prop_assert!(e.from != e.to, "a claim never relates to itself");
                    prop_assert_eq!(a.question, b.question);
                    if e.relation.kind == RelationKind::Supersedes {
                        prop_assert_eq!(a.source, b.source, "supersedes stays within one source");
                        prop_assert!(!graph.is_current(e.to));
                    } else {
                        prop_assert!(a.source != b.source);
                        prop_assert!(graph.is_current(e.from) && graph.is_current(e.to));
                        prop_assert_eq!(graph.relation(e.to, e.from), Some(e.relation), "symmetric");
                    }
                    if let Some(g) = e.relation.gap {
                        prop_assert!((0.0..=1.0).contains(&g));
                    }
                }
                let contradictions = graph.edges(q).filter(|e| e.relation.kind == RelationKind::Contradicts).count();
                prop_assert_eq!(contradictions, state.contradictions);
                prop_assert_eq!(state.status == Status::Contradiction, contradictions > 0);
            }
        }
    }

    #[test]
    fn a_large_question_stores_no_value_edges() {
        // 300 sources answering one question: 44,850 related pairs, none stored.
        let claims: Vec<Gen> = (0..300)
            .map(|i| Gen {
                source: i,
                question: 0,
                value: (i % 7).to_string(),
                date: None,
            })
            .collect();
        let dir = tempfile::TempDir::new().unwrap();
        let sources: String = (0..300).map(|s| format!("  - id: s{s}\n")).collect();
        std::fs::write(
            dir.path().join("sources.yaml"),
            format!("sources:\n{sources}"),
        )
        .unwrap();
        let mut y =
            String::from("event: e\nquestions:\n  - {id: q0, ask: a, kind: count}\nclaims:\n");
        for (i, c) in claims.iter().enumerate() {
            y.push_str(&format!(
                "  - {{id: c{i}, source: s{}, about: q0, value: {}, text: t}}\n",
                c.source, c.value
            ));
        }
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(dir.path().join("claims/e.yaml"), y).unwrap();
        let store = Store::load(dir.path()).unwrap();
        let graph = ClaimGraph::build(&store);
        assert_eq!(graph.stored_edge_count(), 0);
        assert_eq!(graph.edges(QuestionIx(0)).count(), 300 * 299 / 2);
        let state = graph.question(QuestionIx(0));
        assert_eq!(state.status, Status::Contradiction);
    }
}
