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

use crate::date::{self, ClaimDate};
use crate::relate::{self, Basis, Direction, Relation, RelationKind};
use crate::store::revisions::{Revisable, revision_order};
use crate::store::{ClaimIx, QuestionIx, SourceIx, Store};
use crate::value::Value;
use petgraph::graph::{Graph, NodeIndex};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

mod history;
mod widest;

pub use widest::widest;

/// Historic pairs a question lists in full (JSON, DOT): beyond this many,
/// only the historic contradictions and the analyst's links are listed,
/// with a count of the rest (docs/decisions.md). Real stories hold tens.
pub const HISTORIC_LISTED: usize = 10_000;

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

/// How a question stands over its whole history (DESIGN §10), from the
/// graph: what an editor grades by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Two current claims of different sources contradict.
    Contested,
    /// No current contradiction, but two claims contradicted while both
    /// were current.
    DisputedEarlier,
    /// Two or more independent sources corroborate each other, and nothing
    /// ever contradicted.
    Corroborated,
    /// Two or more sources, none contradicting, none confirming another's
    /// figure (bounds that allow each other, text nobody linked).
    Compatible,
    /// One source (or none) answers.
    SingleSource,
}

impl Standing {
    /// Its words in reports and JSON (`disputed earlier`).
    pub fn name(self) -> &'static str {
        match self {
            Standing::Contested => "contested",
            Standing::DisputedEarlier => "disputed earlier",
            Standing::Corroborated => "corroborated",
            Standing::Compatible => "compatible",
            Standing::SingleSource => "single source",
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

/// A claim that repeats an earlier statement of its own source rather
/// than revising it (DESIGN §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    /// The claim written later.
    pub claim: ClaimIx,
    /// The statement it repeats.
    pub repeats: ClaimIx,
    /// The claim that had revised the repeated one when the repeat was
    /// relayed, if any (the repeat is then a stale figure).
    pub since_revised_to: Option<ClaimIx>,
}

/// A current claim that shares its origin with another current claim
/// (DESIGN §10): its source is a relay in the other claim's chain and
/// gives the same figure, so it is that claim passed on, not a second
/// voice. The two are one claim for corroboration and credibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedOrigin {
    /// The claim of the relaying source.
    pub claim: ClaimIx,
    /// The claim it passes on (the origin's, itself never a relay).
    pub origin: ClaimIx,
}

/// A revision of a cumulative toll downwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkBack {
    /// The newer, lower claim.
    pub newer: ClaimIx,
    /// The older, higher one.
    pub older: ClaimIx,
}

/// What the graph knows of one question.
#[derive(Debug, Clone)]
pub struct QuestionState {
    /// The claims that count: each source's latest, in store order.
    pub current: Vec<ClaimIx>,
    /// Where the question stands now.
    pub status: Status,
    /// Where it stands over its history.
    pub standing: Standing,
    /// The widest contradiction, if any.
    pub max_gap: Option<f64>,
    /// How many pairs of current claims contradict.
    pub contradictions: usize,
    /// Revision chains (sources with more than one claim), in store order.
    pub chains: Vec<Chain>,
    /// Claims that repeat an earlier statement of their source.
    pub repeats: Vec<Repeat>,
    /// Downward revisions of a cumulative toll, in chain order.
    pub walk_backs: Vec<WalkBack>,
    /// Current claims that pass on another current claim's figure, in
    /// store order.
    pub shared_origins: Vec<SharedOrigin>,
    /// Independent current claims: the current ones less those that share
    /// an origin with another.
    pub independent: usize,
    /// The claims of the chains, by the day they became current: what the
    /// sweep over currency intervals walks.
    timeline: Vec<ClaimIx>,
    /// Analyst links between two claims that were never both current.
    stray_links: Vec<(ClaimIx, ClaimIx)>,
}

impl QuestionState {
    /// Whether a downward revision of the toll happened.
    pub fn walked_back(&self) -> bool {
        !self.walk_backs.is_empty()
    }
}

/// When a relation held, for pairs of which one claim was later
/// superseded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Historic {
    /// The date the pair stopped being current (the earlier of the dates
    /// of the claims that superseded them); `None` when that claim is
    /// undated.
    pub until: Option<ClaimDate>,
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
    /// Set when the pair is no longer current (one claim was revised).
    pub historic: Option<Historic>,
    /// Which way a revision moved the figure (`supersedes` on numbers).
    pub direction: Option<Direction>,
}

/// Claims, their revisions and their agreement structure.
pub struct ClaimGraph<'s> {
    store: &'s Store,
    graph: Graph<ClaimIx, Relation>,
    as_of: Option<ClaimDate>,
    included: Vec<bool>,
    /// Per claim, its source: read for every candidate pair of a busy
    /// question's history, where going through the claim itself (a large
    /// record, met in no order) was a fifth of a 1M report
    /// (docs/performance.md).
    source: Vec<SourceIx>,
    superseded_by: Vec<Option<ClaimIx>>,
    repeat_of: Vec<Option<ClaimIx>>,
    /// Per current claim that shares an origin: the claim it passes on.
    origin_of: Vec<Option<ClaimIx>>,
    /// Per claim in a chain: the first and last day it was current
    /// (days since 1970; unbounded ends for undated claims and current ones).
    currency: Vec<(i64, i64)>,
    /// Per superseded claim: the date of the claim that superseded it.
    ended: Vec<Option<ClaimDate>>,
    agreement: Vec<Agreement>,
    questions: Vec<QuestionState>,
}

fn node(c: ClaimIx) -> NodeIndex {
    NodeIndex::new(c.index())
}

fn revision() -> Relation {
    Relation {
        kind: RelationKind::Supersedes,
        gap: None,
        basis: Basis::Revision,
    }
}

/// Whether a claim dated `date` had been said by `as_of`: claims dated
/// entirely after it are left out; dates that overlap it count as said
/// (DESIGN §2's rule for dates of different precision), undated claims too.
pub fn said_by_then(date: Option<&ClaimDate>, as_of: Option<&ClaimDate>) -> bool {
    date::order(date, as_of) != Some(Ordering::Greater)
}

impl<'s> ClaimGraph<'s> {
    /// Builds the graph of a store: revision chains, explicit links, and
    /// each question's agreement structure.
    pub fn build(store: &'s Store) -> ClaimGraph<'s> {
        ClaimGraph::build_as_of(store, None)
    }

    /// Builds the graph of the store as it stood on `as_of`: claims dated
    /// later are left out, and each source's latest claim by then is
    /// current. `None` is the whole store.
    pub fn build_as_of(store: &'s Store, as_of: Option<ClaimDate>) -> ClaimGraph<'s> {
        let n = store.claims().len();
        let included: Vec<bool> = store
            .claims()
            .iter()
            .map(|c| said_by_then(c.date.as_ref(), as_of.as_ref()))
            .collect();
        let source: Vec<SourceIx> = store.claims().iter().map(|c| c.source).collect();
        let mut graph = Graph::with_capacity(n, n / 2);
        for c in store.claim_ixs() {
            graph.add_node(c);
        }
        // The analyst's links, stored once per pair whatever side wrote them.
        for a in store.claim_ixs().filter(|a| included[a.index()]) {
            let claim = store.claim(a);
            for &b in claim.agrees_with.iter().chain(&claim.contradicts) {
                if included[b.index()]
                    && graph.find_edge_undirected(node(a), node(b)).is_none()
                    && let Some(r) = relate::analyst_relation(store, a, b)
                {
                    graph.add_edge(node(a), node(b), r);
                }
            }
        }
        let mut g = ClaimGraph {
            store,
            graph,
            as_of,
            included,
            source,
            superseded_by: vec![None; n],
            repeat_of: vec![None; n],
            origin_of: vec![None; n],
            currency: vec![(i64::MIN, i64::MAX); n],
            ended: vec![None; n],
            agreement: vec![Agreement::default(); n],
            questions: Vec::with_capacity(store.questions().len()),
        };
        // Each question's claims are its own, so each question is worked
        // out apart from the others, on every core (at 1M claims, seconds
        // on one), in three steps, each written into the graph in
        // question order before the next reads it: so the graph is the
        // one a single pass makes, edge for edge.
        let questions: Vec<QuestionIx> = store.question_ixs().collect();
        let revised = crate::cores::every(&questions, |&q| Revised::of(store, q, &g.included));
        g.questions = revised.into_iter().map(|r| g.apply_revisions(r)).collect();
        let judged = crate::cores::every(&questions, |&q| g.judge(q));
        let corroborated: Vec<bool> = questions
            .iter()
            .zip(judged)
            .map(|(&q, judged)| g.apply_judged(q, judged))
            .collect();
        let standing = crate::cores::every(&questions, |&q| {
            g.standing(g.question(q), corroborated[q.index()])
        });
        for (state, standing) in g.questions.iter_mut().zip(standing) {
            state.standing = standing;
        }
        g
    }

    /// Writes a question's revisions into the graph (who superseded whom
    /// and when, the revision edges, each claim's time as current, the
    /// repeats), and returns its state as far as they make it.
    fn apply_revisions(&mut self, revised: Revised) -> QuestionState {
        let Revised {
            chains,
            repeats,
            walk_backs,
            timeline,
        } = revised;
        for r in &repeats {
            self.repeat_of[r.claim.index()] = Some(r.repeats);
        }
        let mut current = Vec::with_capacity(chains.len());
        let mut kept_chains = Vec::new();
        for chain in chains {
            for pair in chain.claims.windows(2) {
                let (c, next) = (pair[0], pair[1]);
                self.superseded_by[c.index()] = Some(next);
                self.ended[c.index()] = self.store.claim(next).date;
                self.graph.add_edge(node(next), node(c), revision());
            }
            current.extend(chain.claims.last().copied());
            if chain.claims.len() > 1 {
                kept_chains.push(chain);
            }
        }
        current.sort();
        for &(c, currency) in &timeline {
            self.currency[c.index()] = currency;
        }
        QuestionState {
            current,
            status: Status::Single,
            standing: Standing::SingleSource,
            max_gap: None,
            contradictions: 0,
            chains: kept_chains,
            repeats,
            walk_backs,
            shared_origins: Vec::new(),
            independent: 0,
            timeline: timeline.into_iter().map(|(c, _)| c).collect(),
            stray_links: Vec::new(),
        }
    }

    /// How a question's current claims stand against one another (once
    /// its revisions are in the graph): which pass on another's figure,
    /// each claim's agreement, the contradictions, and the analyst's
    /// links outside the current claims.
    fn judge(&self, q: QuestionIx) -> Judged {
        let state = self.question(q);
        let current = &state.current;
        let shared_origins = self.shared_origins(current);
        let origin_of: HashMap<ClaimIx, ClaimIx> =
            shared_origins.iter().map(|s| (s.claim, s.origin)).collect();
        let origin = |c: ClaimIx| origin_of.get(&c).copied().unwrap_or(c);
        let relayed = |c: ClaimIx| origin_of.contains_key(&c);
        let mut agreement = vec![Agreement::default(); current.len()];
        let mut max_gap: Option<f64> = None;
        let mut contradictions = 0;
        let mut corroborated = false;
        for (i, &a) in current.iter().enumerate() {
            for (j, &b) in current.iter().enumerate().skip(i + 1) {
                // Two claims of one origin are one claim: nothing between
                // them is agreement.
                if origin(a) == origin(b) {
                    continue;
                }
                let Some(r) = self.relation(a, b) else {
                    continue;
                };
                // A claim passed on by a relay is no second voice: it
                // counts for nobody else's agreement (its own line still
                // says how it fares).
                let (by_b, by_a) = (u32::from(!relayed(b)), u32::from(!relayed(a)));
                match r.kind {
                    RelationKind::Corroborates => {
                        agreement[i].corroborated += by_b;
                        agreement[j].corroborated += by_a;
                        corroborated |= by_a == 1 && by_b == 1;
                    }
                    RelationKind::Compatible => {
                        agreement[i].compatible += by_b;
                        agreement[j].compatible += by_a;
                    }
                    RelationKind::Contradicts => {
                        agreement[i].contradicted += by_b;
                        agreement[j].contradicted += by_a;
                        contradictions += 1;
                        let gap = r.gap.unwrap_or(1.0);
                        max_gap = Some(max_gap.map_or(gap, |m| m.max(gap)));
                    }
                    RelationKind::Supersedes => {}
                }
            }
        }
        Judged {
            stray_links: self.stray_links(q),
            shared_origins,
            agreement,
            max_gap,
            contradictions,
            corroborated,
        }
    }

    /// Writes what [`judge`](Self::judge) found of question `q` into the
    /// graph; says whether two independent current claims corroborate.
    fn apply_judged(&mut self, q: QuestionIx, judged: Judged) -> bool {
        let state = &mut self.questions[q.index()];
        for (&c, agreement) in state.current.iter().zip(judged.agreement) {
            self.agreement[c.index()] = agreement;
        }
        for s in &judged.shared_origins {
            self.origin_of[s.claim.index()] = Some(s.origin);
        }
        state.status = if judged.contradictions > 0 {
            Status::Contradiction
        } else if state.current.len() > 1 {
            Status::Consistent
        } else {
            Status::Single
        };
        state.max_gap = judged.max_gap;
        state.contradictions = judged.contradictions;
        state.independent = state.current.len() - judged.shared_origins.len();
        state.shared_origins = judged.shared_origins;
        state.stray_links = judged.stray_links;
        judged.corroborated
    }

    /// Where a question stands, once judged (its history swept for an
    /// earlier contradiction only when no current one decides it).
    fn standing(&self, state: &QuestionState, corroborated: bool) -> Standing {
        if state.contradictions > 0 {
            Standing::Contested
        } else if self
            .sweep(state, history::Yield::Contradictions)
            .next()
            .is_some()
        {
            // Only whether one exists: counting them is the report's
            // business, and only the table's.
            Standing::DisputedEarlier
        } else if state.independent <= 1 {
            Standing::SingleSource
        } else if corroborated {
            Standing::Corroborated
        } else {
            Standing::Compatible
        }
    }

    /// The current claims of a question that pass on another's figure
    /// (DESIGN §10, docs/decisions.md): claim `y` shares the origin of
    /// claim `x` when `y`'s source is a relay in `x`'s chain (`x`'s `via`)
    /// and the two agree on the figure (the same figure, or corroborating
    /// values). A relay in a chain had the origin's figure in hand, so its
    /// own claim of that figure is the figure passed on. Each source has
    /// one current claim, so this is linear in claims times relays.
    fn shared_origins(&self, current: &[ClaimIx]) -> Vec<SharedOrigin> {
        let store = self.store;
        let by_source: HashMap<SourceIx, ClaimIx> = current
            .iter()
            .map(|&c| (store.claim(c).source, c))
            .collect();
        let mut passes_on: HashMap<ClaimIx, ClaimIx> = HashMap::new();
        for &x in current {
            for relay in &store.claim(x).via {
                let Some(&y) = by_source.get(relay) else {
                    continue;
                };
                if y != x && !passes_on.contains_key(&y) && self.same_statement(x, y) {
                    passes_on.insert(y, x);
                }
            }
        }
        // Each relaying source relayed the other (a loop): the claim first
        // in store order is the origin, so a loop never leaves no origin.
        let mut claims: Vec<ClaimIx> = passes_on.keys().copied().collect();
        claims.sort();
        for &start in &claims {
            let mut path = vec![start];
            let mut at = start;
            while let Some(&next) = passes_on.get(&at) {
                if let Some(pos) = path.iter().position(|&p| p == next) {
                    let root = path[pos..].iter().copied().min().expect("a loop");
                    passes_on.remove(&root);
                    break;
                }
                path.push(next);
                at = next;
            }
        }
        let root = |mut c: ClaimIx| {
            while let Some(&next) = passes_on.get(&c) {
                c = next;
            }
            c
        };
        let mut shared: Vec<SharedOrigin> = passes_on
            .keys()
            .map(|&claim| SharedOrigin {
                claim,
                origin: root(claim),
            })
            .collect();
        shared.sort_by_key(|s| s.claim);
        shared
    }

    /// Whether two claims state the same thing: the same figure whatever
    /// its qualifier, or values (or the analyst) that corroborate.
    fn same_statement(&self, a: ClaimIx, b: ClaimIx) -> bool {
        match self.relation(a, b).map(|r| r.kind) {
            Some(RelationKind::Corroborates) => true,
            Some(RelationKind::Compatible) => {
                relate::same_figure(&self.store.claim(a).value, &self.store.claim(b).value)
            }
            _ => false,
        }
    }

    /// Analyst links of question `q` whose two claims were never current
    /// together (both included): shown as historic, never dropped.
    fn stray_links(&self, q: QuestionIx) -> Vec<(ClaimIx, ClaimIx)> {
        let mut links = Vec::new();
        for &a in &self.store.question(q).claims {
            for e in self.graph.edges(node(a)) {
                if e.weight().basis != Basis::Analyst {
                    continue;
                }
                let b = self.graph[petgraph::visit::EdgeRef::target(&e)];
                let (x, y) = (a.min(b), a.max(b));
                let both_current = self.is_current(x) && self.is_current(y);
                let in_timeline = |c: ClaimIx| self.repeat_of[c.index()].is_none();
                let swept = in_timeline(x) && in_timeline(y) && self.overlap(x, y);
                if !(both_current || swept) {
                    links.push((x, y));
                }
            }
        }
        links.sort();
        links.dedup();
        links
    }

    fn overlap(&self, a: ClaimIx, b: ClaimIx) -> bool {
        let (x, y) = (self.currency[a.index()], self.currency[b.index()]);
        x.0 <= y.1 && y.0 <= x.1
    }

    /// The pair's end: the earlier of the dates that ended either claim.
    fn until(&self, a: ClaimIx, b: ClaimIx) -> Historic {
        let end = |c: ClaimIx| {
            self.superseded_by[c.index()]
                .or(self.repeat_of[c.index()].and_then(|r| self.superseded_by[r.index()]))
                .map(|_| {
                    let origin = self.repeat_of[c.index()].unwrap_or(c);
                    self.ended[origin.index()]
                })
        };
        let until = match (end(a), end(b)) {
            (Some(x), Some(y)) => match (x, y) {
                (Some(dx), Some(dy)) => Some(if dx.span().1 <= dy.span().1 { dx } else { dy }),
                (d, None) | (None, d) => d,
            },
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => None,
        };
        Historic { until }
    }

    /// The store the graph was built from.
    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// The date the graph judges the store at, if not today.
    pub fn as_of(&self) -> Option<ClaimDate> {
        self.as_of
    }

    /// Whether claim `c` had been said by the graph's date (always, for
    /// the whole store).
    pub fn includes(&self, c: ClaimIx) -> bool {
        self.included[c.index()]
    }

    /// What the graph knows of question `q`.
    pub fn question(&self, q: QuestionIx) -> &QuestionState {
        &self.questions[q.index()]
    }

    /// Whether claim `c` is its source's latest on its question (a repeat
    /// of an earlier statement never is).
    pub fn is_current(&self, c: ClaimIx) -> bool {
        self.included[c.index()]
            && self.superseded_by[c.index()].is_none()
            && self.repeat_of[c.index()].is_none()
    }

    /// The claim that revised this one, if any.
    pub fn superseded_by(&self, c: ClaimIx) -> Option<ClaimIx> {
        self.superseded_by[c.index()]
    }

    /// The earlier statement of its source that claim `c` repeats, if it
    /// is a repeat.
    pub fn repeats(&self, c: ClaimIx) -> Option<ClaimIx> {
        self.repeat_of[c.index()]
    }

    /// The current claim whose figure claim `c` passes on, when `c`'s
    /// source is a relay of it (the two share an origin and are one
    /// claim for corroboration and credibility).
    pub fn shares_origin_with(&self, c: ClaimIx) -> Option<ClaimIx> {
        self.origin_of[c.index()]
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

    /// The revisions of a question, newer to older, each with its
    /// direction.
    pub fn revisions(&self, q: QuestionIx) -> impl Iterator<Item = Edge> + '_ {
        let question = self.store.question(q);
        self.question(q).chains.iter().flat_map(move |chain| {
            chain.claims.windows(2).map(move |pair| {
                let (older, newer) = (pair[0], pair[1]);
                Edge {
                    from: newer,
                    to: older,
                    relation: revision(),
                    historic: None,
                    direction: relate::revision_direction(
                        question,
                        &self.store.claim(older).value,
                        &self.store.claim(newer).value,
                    ),
                }
            })
        })
    }

    /// The related pairs of current claims of a question, computed as they
    /// are read, in a stable order.
    pub fn current_pairs(&self, q: QuestionIx) -> impl Iterator<Item = Edge> + '_ {
        let state = self.question(q);
        state.current.iter().enumerate().flat_map(move |(i, &a)| {
            state.current[i + 1..].iter().filter_map(move |&b| {
                self.relation(a, b).map(|relation| Edge {
                    from: a,
                    to: b,
                    relation,
                    historic: None,
                    direction: None,
                })
            })
        })
    }

    /// The related pairs of a question that held while both claims were
    /// current, one of them since superseded (each with `historic` set),
    /// computed as they are read by a sweep over the days the claims were
    /// current: every one of them, however many.
    pub fn historic(&self, q: QuestionIx) -> impl Iterator<Item = Edge> + '_ {
        self.sweep(self.question(q), history::Yield::All)
    }

    /// The historic pairs of a question that contradict (by values or by
    /// the analyst's word), each found by relating only the claims whose
    /// values can contradict, every one of them (the table counts and
    /// shows them through
    /// [`widest_historic_contradictions`](Self::widest_historic_contradictions)).
    pub fn historic_contradictions(&self, q: QuestionIx) -> impl Iterator<Item = Edge> + '_ {
        self.sweep(self.question(q), history::Yield::Contradictions)
    }

    /// The `keep` widest historic contradictions of a question, widest
    /// first, and how many there are in all: what
    /// [`historic_contradictions`](Self::historic_contradictions) would
    /// give to [`widest`], found without relating every pair that can
    /// contradict (a question revised thousands of times with coarse dates
    /// has millions).
    pub fn widest_historic_contradictions(&self, q: QuestionIx, keep: usize) -> (Vec<Edge>, usize) {
        self.widest_historic(self.question(q), keep)
    }

    /// How many related historic pairs a question has, counted without
    /// relating them.
    pub fn historic_count(&self, q: QuestionIx) -> usize {
        self.count_historic(self.question(q))
    }

    /// The historic pairs a question lists: all of them, ordered by their
    /// claims, when there are at most [`HISTORIC_LISTED`]; beyond, only the
    /// contradictions and the analyst's links, as the sweep finds them (in
    /// the order claims became current), and of the contradictions by
    /// values only the first [`HISTORIC_LISTED`]: the sweep stops there, so
    /// that a question revised thousands of times costs what a listing of
    /// that size costs, not what its millions of pairs would. The number
    /// left out is [`historic_count`](Self::historic_count) less what this
    /// yields.
    pub fn historic_listed(&self, q: QuestionIx) -> Box<dyn Iterator<Item = Edge> + '_> {
        let state = self.question(q);
        if self.count_historic(state) <= HISTORIC_LISTED {
            let mut all: Vec<Edge> = self.sweep(state, history::Yield::All).collect();
            all.sort_by_key(|e| (e.from, e.to));
            Box::new(all.into_iter())
        } else {
            let mut by_values = 0;
            Box::new(
                self.sweep(state, history::Yield::ContradictionsAndLinks)
                    .take_while(move |edge| {
                        by_values += usize::from(edge.relation.basis != Basis::Analyst);
                        by_values <= HISTORIC_LISTED
                    }),
            )
        }
    }

    /// Every edge a question lists: its revisions, then every related pair
    /// of current claims, then the historic pairs
    /// ([`historic_listed`](Self::historic_listed)), computed as they are
    /// read (a question with thousands of sources has millions of pairs:
    /// nothing holds them all at once), in a stable order.
    pub fn edges(&self, q: QuestionIx) -> impl Iterator<Item = Edge> + '_ {
        self.revisions(q)
            .chain(self.current_pairs(q))
            .chain(self.historic_listed(q))
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
    current_claims_as_of(store, q, None)
}

/// The current claims of one question as the store stood on `as_of`.
pub fn current_claims_as_of(
    store: &Store,
    q: QuestionIx,
    as_of: Option<ClaimDate>,
) -> Vec<ClaimIx> {
    // Only the question's claims are read (a store opened from its cache
    // decodes what is read).
    let mut included = vec![false; store.claim_count()];
    for &c in &store.question(q).claims {
        included[c.index()] = said_by_then(store.claim(c).date.as_ref(), as_of.as_ref());
    }
    let mut current: Vec<ClaimIx> = revision_chains_as_of(store, q, &included)
        .0
        .into_iter()
        .filter_map(|chain| chain.claims.last().copied())
        .collect();
    current.sort();
    current
}

/// The revision chain of one source on one question as the store stood on
/// `as_of` (oldest first, repeats left out): what `check` needs to see a
/// new claim against its own source's history.
pub fn source_chain(
    store: &Store,
    q: QuestionIx,
    source: SourceIx,
    as_of: Option<ClaimDate>,
) -> Vec<ClaimIx> {
    let mut included = vec![false; store.claim_count()];
    for &c in &store.question(q).claims {
        let claim = store.claim(c);
        included[c.index()] =
            claim.source == source && said_by_then(claim.date.as_ref(), as_of.as_ref());
    }
    revision_chains_as_of(store, q, &included)
        .0
        .into_iter()
        .find(|chain| chain.source == source)
        .map(|chain| chain.claims)
        .unwrap_or_default()
}

/// Every repeat in the store, in store order: what `validate` notes.
pub fn repeats(store: &Store) -> Vec<Repeat> {
    let included = vec![true; store.claims().len()];
    let mut all: Vec<Repeat> = store
        .question_ixs()
        .flat_map(|q| revision_chains_as_of(store, q, &included).1)
        .collect();
    all.sort_by_key(|r| r.claim);
    all
}

/// A question's revisions, found apart from the other questions: its
/// chains (every source's, oldest claim first), repeats, walk-backs, and
/// its timeline (the claims of its chains, each with its time as current,
/// in the order they became current).
struct Revised {
    chains: Vec<Chain>,
    repeats: Vec<Repeat>,
    walk_backs: Vec<WalkBack>,
    timeline: Vec<(ClaimIx, (i64, i64))>,
}

impl Revised {
    fn of(store: &Store, q: QuestionIx, included: &[bool]) -> Revised {
        let question = store.question(q);
        let (chains, repeats) = revision_chains_as_of(store, q, included);
        let mut timeline = Vec::new();
        let mut walk_backs = Vec::new();
        for chain in &chains {
            for (i, &c) in chain.claims.iter().enumerate() {
                let claim = store.claim(c);
                let from = claim.date.map_or(i64::MIN, |d| d.span().0);
                let to = match chain.claims.get(i + 1) {
                    Some(&next) => {
                        let newer = store.claim(next);
                        if question.cumulative
                            && relate::revision_direction(question, &claim.value, &newer.value)
                                == Some(Direction::Down)
                        {
                            walk_backs.push(WalkBack {
                                newer: next,
                                older: c,
                            });
                        }
                        newer.date.map_or(i64::MAX, |d| d.span().1)
                    }
                    None => i64::MAX,
                };
                timeline.push((c, (from, to)));
            }
        }
        timeline.sort_by_key(|&(c, (from, _))| (from, c));
        Revised {
            chains,
            repeats,
            walk_backs,
            timeline,
        }
    }
}

/// What judging a question's current claims found (see
/// `ClaimGraph::judge`): `agreement` is per current claim, in order.
struct Judged {
    shared_origins: Vec<SharedOrigin>,
    agreement: Vec<Agreement>,
    max_gap: Option<f64>,
    contradictions: usize,
    corroborated: bool,
    stray_links: Vec<(ClaimIx, ClaimIx)>,
}

/// Groups a question's included claims by original source and orders
/// each group into a revision chain (chains come in the store order of
/// their first claim), setting repeats aside.
fn revision_chains_as_of(
    store: &Store,
    q: QuestionIx,
    included: &[bool],
) -> (Vec<Chain>, Vec<Repeat>) {
    let mut groups: Vec<(SourceIx, Vec<Revisable>)> = Vec::new();
    let mut by_source: HashMap<SourceIx, usize> = HashMap::new();
    for &c in store
        .question(q)
        .claims
        .iter()
        .filter(|c| included[c.index()])
    {
        let claim = store.claim(c);
        let slot = *by_source.entry(claim.source).or_insert_with(|| {
            groups.push((claim.source, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(Revisable::of(store, c));
    }
    let mut repeats = Vec::new();
    let chains = groups
        .into_iter()
        .map(|(source, claims)| {
            let order = revision_order(&claims);
            Chain {
                question: q,
                source,
                claims: set_repeats_aside(store, &claims, order, &mut repeats),
            }
        })
        .collect();
    (chains, repeats)
}

/// Takes the repeats out of one source's revision order (DESIGN §10): a
/// claim giving the figure of an earlier claim of the chain, where the
/// dates cannot order the two, or where it was relayed after that claim
/// had been revised, repeats it. Claims named by an explicit `supersedes`
/// (on either side) are the analyst's revisions and stay.
fn set_repeats_aside(
    store: &Store,
    claims: &[Revisable],
    order: Vec<ClaimIx>,
    repeats: &mut Vec<Repeat>,
) -> Vec<ClaimIx> {
    // Claims named by an explicit `supersedes` on either side, found once:
    // a source with thousands of claims on one question made a scan per
    // claim quadratic (seconds for one `check` on a large archive).
    let mut explicit: HashSet<ClaimIx> = claims.iter().filter_map(|r| r.supersedes).collect();
    explicit.extend(
        order
            .iter()
            .copied()
            .filter(|&c| store.claim(c).supersedes.is_some()),
    );
    let mut kept: Vec<ClaimIx> = Vec::with_capacity(order.len());
    // Where each figure stands in `kept`, in order: only claims in the
    // same bucket can state the same figure (`relate::same_figure`).
    let mut buckets: HashMap<FigureBucket, Vec<usize>> = HashMap::new();
    for c in order {
        let claim = store.claim(c);
        let bucket = FigureBucket::of(&claim.value);
        let repeated = match (&bucket, explicit.contains(&c)) {
            (Some(b), false) => buckets.get(b).and_then(|positions| {
                positions
                    .iter()
                    .find_map(|&i| repeat_of(store, &kept, i, c))
            }),
            _ => None,
        };
        match repeated {
            Some(r) => repeats.push(r),
            None => {
                if let Some(b) = bucket {
                    buckets.entry(b).or_default().push(kept.len());
                }
                kept.push(c);
            }
        }
    }
    kept
}

/// `c` as a repeat of the kept claim at `kept[i]`: the same figure, and
/// dates that cannot order the two, or a relay after that claim had been
/// revised (to `kept[i + 1]`).
fn repeat_of(store: &Store, kept: &[ClaimIx], i: usize, c: ClaimIx) -> Option<Repeat> {
    let (e, claim) = (kept[i], store.claim(c));
    let earlier = store.claim(e);
    if !relate::same_figure(&earlier.value, &claim.value) {
        return None;
    }
    let unordered = date::order(earlier.date.as_ref(), claim.date.as_ref()) != Some(Ordering::Less);
    let revised = kept.get(i + 1).copied();
    let relayed_after = !claim.via.is_empty()
        && revised.is_some_and(|f| {
            date::order(claim.date.as_ref(), store.claim(f).date.as_ref()) != Some(Ordering::Less)
        });
    (unordered || relayed_after).then_some(Repeat {
        claim: c,
        repeats: e,
        since_revised_to: revised,
    })
}

/// What two values must share to state the same figure
/// (`relate::same_figure`): the figure itself, whatever its qualifier;
/// else the category; else the form (ranges and bounded estimates, which
/// are then compared whole). A value with no figure or text gets none: it
/// repeats nothing.
#[derive(Debug, PartialEq, Eq, Hash)]
enum FigureBucket {
    Figure(u64),
    Category(String),
    Form(std::mem::Discriminant<Value>),
}

impl FigureBucket {
    fn of(value: &Value) -> Option<FigureBucket> {
        match value {
            Value::Unstated => None,
            Value::Is(category) => Some(FigureBucket::Category(category.clone())),
            v => Some(match relate::figure(v) {
                // 0.0 and -0.0 are the same figure.
                Some(x) => FigureBucket::Figure(if x == 0.0 { 0 } else { x.to_bits() }),
                None => FigureBucket::Form(std::mem::discriminant(v)),
            }),
        }
    }
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

    /// A store of the sources `s0`–`s3` and one claims file, `claims/e.yaml`.
    fn four_source_store(claims_file: &str) -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        let sources: String = (0..4).map(|s| format!("  - id: s{s}\n")).collect();
        std::fs::write(
            dir.path().join("sources.yaml"),
            format!("sources:\n{sources}"),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(dir.path().join("claims/e.yaml"), claims_file).unwrap();
        let store = Store::load(dir.path()).unwrap();
        (dir, store)
    }

    fn store_of(claims: &[Gen]) -> (tempfile::TempDir, Store) {
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
        four_source_store(&y)
    }

    /// Repeats set aside as first written: every earlier kept claim
    /// scanned for each claim (the bucket lookup must find the same).
    fn set_repeats_aside_by_scan(
        store: &Store,
        claims: &[Revisable],
        order: Vec<ClaimIx>,
        repeats: &mut Vec<Repeat>,
    ) -> Vec<ClaimIx> {
        let explicit = |c: ClaimIx| {
            store.claim(c).supersedes.is_some() || claims.iter().any(|r| r.supersedes == Some(c))
        };
        let mut kept: Vec<ClaimIx> = Vec::new();
        for c in order {
            let repeated = (!explicit(c))
                .then(|| (0..kept.len()).find_map(|i| repeat_of(store, &kept, i, c)))
                .flatten();
            match repeated {
                Some(r) => repeats.push(r),
                None => kept.push(c),
            }
        }
        kept
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn repeats_found_by_bucket_as_by_scan(
            claims in proptest::collection::vec((arb_claim(), 0usize..5), 0..32)
        ) {
            // Few figures, so that sources repeat themselves often.
            const FIGURES: [&str; 5] = ["5", "{at_least: 5}", "7", "{about: 7}", "{between: [5, 7]}"];
            let claims: Vec<Gen> = claims
                .into_iter()
                .map(|(g, f)| Gen { value: FIGURES[f].to_string(), ..g })
                .collect();
            let (_dir, store) = store_of(&claims);
            for q in store.question_ixs() {
                let mut by_source: HashMap<SourceIx, Vec<Revisable>> = HashMap::new();
                for &c in &store.question(q).claims {
                    by_source.entry(store.claim(c).source).or_default().push(Revisable::of(&store, c));
                }
                for group in by_source.values() {
                    let (mut fast, mut slow) = (Vec::new(), Vec::new());
                    let kept = set_repeats_aside(&store, group, revision_order(group), &mut fast);
                    let scanned = set_repeats_aside_by_scan(&store, group, revision_order(group), &mut slow);
                    prop_assert_eq!(kept, scanned);
                    prop_assert_eq!(
                        fast.iter().map(|r| (r.claim, r.repeats, r.since_revised_to)).collect::<Vec<_>>(),
                        slow.iter().map(|r| (r.claim, r.repeats, r.since_revised_to)).collect::<Vec<_>>()
                    );
                }
            }
        }

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
                        let both = graph.is_current(e.from) && graph.is_current(e.to);
                        prop_assert_eq!(e.historic.is_none(), both, "historic iff one is no longer current");
                        prop_assert_eq!(graph.relation(e.to, e.from), Some(e.relation), "symmetric");
                    }
                    if let Some(g) = e.relation.gap {
                        prop_assert!((0.0..=1.0).contains(&g));
                    }
                }
                // Each pair appears once: a historic pair is never also current.
                let mut pairs: Vec<_> = graph.edges(q).map(|e| (e.from.min(e.to), e.from.max(e.to))).collect();
                let all = pairs.len();
                pairs.sort();
                pairs.dedup();
                prop_assert_eq!(pairs.len(), all, "no pair listed twice");
                // The sweep finds exactly the pairs whose currency intervals meet.
                let brute = historic_by_every_pair(&graph, q);
                let mut swept: Vec<_> = graph.historic(q).map(|e| (e.from, e.to)).collect();
                swept.sort();
                prop_assert_eq!(&swept, &brute);
                // Counted without relating: the same number.
                prop_assert_eq!(graph.historic_count(q), brute.len());
                // The contradictions, found among the candidates only: the
                // same as those of every pair.
                let mut every: Vec<Edge> = graph
                    .historic(q)
                    .filter(|e| e.relation.kind == RelationKind::Contradicts)
                    .collect();
                let mut found: Vec<Edge> = graph.historic_contradictions(q).collect();
                every.sort_by_key(|e| (e.from, e.to));
                found.sort_by_key(|e| (e.from, e.to));
                prop_assert_eq!(&found, &every);
                // Counted and searched without relating every pair: the
                // same count, and the same widest as a sort of them all.
                for keep in [1, 2, 5] {
                    let (widest, count) = graph.widest_historic_contradictions(q, keep);
                    prop_assert_eq!(count, every.len());
                    prop_assert_eq!(widest, super::widest(every.iter().copied(), keep).0);
                }
                // Under the bound, every historic pair is listed.
                let listed = graph.historic_listed(q).count();
                prop_assert_eq!(listed, brute.len());
                let contradictions = graph.current_pairs(q).filter(|e| e.relation.kind == RelationKind::Contradicts).count();
                prop_assert_eq!(contradictions, state.contradictions);
                prop_assert_eq!(state.status == Status::Contradiction, contradictions > 0);
            }
        }
    }

    /// A claim on a scale or a count, maybe linked by the analyst to an
    /// earlier claim of its question: (source, on the scale, value, month,
    /// link as (contradicts, which earlier claim)).
    type Linked = (usize, bool, usize, Option<u8>, Option<(bool, usize)>);

    /// The historic pairs of `q` found by relating every pair of its
    /// timeline whose currency intervals meet (different sources, not both
    /// current), with the links between claims never current together:
    /// what the sweep must find, sorted.
    fn historic_by_every_pair(graph: &ClaimGraph, q: QuestionIx) -> Vec<(ClaimIx, ClaimIx)> {
        let (store, state) = (graph.store(), graph.question(q));
        let timeline = &state.timeline;
        let mut brute = Vec::new();
        for (i, &x) in timeline.iter().enumerate() {
            for &y in &timeline[i + 1..] {
                if store.claim(x).source != store.claim(y).source
                    && !(graph.is_current(x) && graph.is_current(y))
                    && graph.overlap(x, y)
                    && graph.relation(x, y).is_some()
                {
                    brute.push((x.min(y), x.max(y)));
                }
            }
        }
        brute.extend(state.stray_links.iter().copied());
        brute.sort();
        brute
    }

    /// A store of such claims: `q0` a category on a four-step scale, `q1`
    /// a count; links to a claim of the same source are left out.
    fn linked_store(claims: &[Linked]) -> (tempfile::TempDir, Store) {
        let questions = "  - {id: q0, ask: a, kind: category, scale: [v0, v1, v2, v3]}\n  - {id: q1, ask: b, kind: count, cumulative: false}\n";
        store_of_linked(questions, claims, |on_scale, value| {
            if on_scale {
                format!(", value: {{is: v{}}}", value % 4)
            } else {
                format!(", value: {}", value * 7)
            }
        })
    }

    /// A store where many claims state no value: `q0` a text question
    /// (the claims "on the scale"), `q1` a count a third of whose claims
    /// give none.
    fn unvalued_store(claims: &[Linked]) -> (tempfile::TempDir, Store) {
        let questions = "  - {id: q0, ask: a, kind: text}\n  - {id: q1, ask: b, kind: count, cumulative: false}\n";
        store_of_linked(questions, claims, |text, value| match (text, value % 3) {
            (true, _) | (false, 0) => String::new(),
            (false, _) => format!(", value: {}", value * 7),
        })
    }

    /// One claims file of the `questions` given, each claim about `q0`
    /// when its flag is set, else `q1`, its value field written by
    /// `value_of` (flag, value), each link to an earlier claim of the same
    /// question from another source.
    fn store_of_linked(
        questions: &str,
        claims: &[Linked],
        value_of: impl Fn(bool, usize) -> String,
    ) -> (tempfile::TempDir, Store) {
        let mut y = format!("event: e\nquestions:\n{questions}claims:\n");
        let mut seen: Vec<(usize, bool)> = Vec::new();
        for (i, &(source, first, value, month, link)) in claims.iter().enumerate() {
            let value = value_of(first, value);
            let date = month.map_or(String::new(), |m| format!(", date: 2018-{m:02}"));
            let earlier: Vec<usize> = (0..i)
                .filter(|&j| seen[j].1 == first && seen[j].0 != source)
                .collect();
            let link = match link {
                Some((contradicts, which)) if !earlier.is_empty() => format!(
                    ", {}: [c{}]",
                    if contradicts {
                        "contradicts"
                    } else {
                        "agrees_with"
                    },
                    earlier[which % earlier.len()]
                ),
                _ => String::new(),
            };
            let about = if first { "q0" } else { "q1" };
            y.push_str(&format!(
                "  - {{id: c{i}, source: s{source}, about: {about}{value}{date}{link}, text: t}}\n"
            ));
            seen.push((source, first));
        }
        four_source_store(&y)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn the_widest_historic_contradictions_are_those_of_every_pair(
            claims in proptest::collection::vec(
                (0usize..4, any::<bool>(), 0usize..6, proptest::option::of(1u8..7),
                 proptest::option::of((any::<bool>(), 0usize..8))),
                0..28,
            )
        ) {
            let (_dir, store) = linked_store(&claims);
            let graph = ClaimGraph::build(&store);
            for q in store.question_ixs() {
                let every: Vec<Edge> = graph
                    .historic(q)
                    .filter(|e| e.relation.kind == RelationKind::Contradicts)
                    .collect();
                for keep in [1, 3] {
                    let (widest, count) = graph.widest_historic_contradictions(q, keep);
                    prop_assert_eq!(count, every.len());
                    prop_assert_eq!(widest, super::widest(every.iter().copied(), keep).0);
                }
            }
        }

        #[test]
        fn claims_without_values_pair_only_through_their_links(
            claims in proptest::collection::vec(
                (0usize..4, any::<bool>(), 0usize..6, proptest::option::of(1u8..7),
                 proptest::option::of((any::<bool>(), 0usize..8))),
                0..28,
            )
        ) {
            let (_dir, store) = unvalued_store(&claims);
            let graph = ClaimGraph::build(&store);
            for q in store.question_ixs() {
                let brute = historic_by_every_pair(&graph, q);
                let mut swept: Vec<_> = graph.historic(q).map(|e| (e.from, e.to)).collect();
                swept.sort();
                prop_assert_eq!(&swept, &brute);
                prop_assert_eq!(graph.historic_count(q), brute.len());
            }
        }

        #[test]
        fn as_of_the_latest_date_is_the_whole_store(claims in proptest::collection::vec(arb_claim(), 0..16)) {
            let (_dir, store) = store_of(&claims);
            let whole = ClaimGraph::build(&store);
            let latest = ClaimGraph::build_as_of(&store, ClaimDate::from_ymd(2018, 12, 31));
            for q in store.question_ixs() {
                prop_assert_eq!(&whole.question(q).current, &latest.question(q).current);
                prop_assert_eq!(whole.question(q).standing, latest.question(q).standing);
                let a: Vec<Edge> = whole.edges(q).collect();
                let b: Vec<Edge> = latest.edges(q).collect();
                prop_assert_eq!(a, b);
            }
        }

        #[test]
        fn as_of_leaves_out_later_claims(claims in proptest::collection::vec(arb_claim(), 0..16), month in 1u8..13) {
            let (_dir, store) = store_of(&claims);
            let day = ClaimDate::parse(&format!("2018-{month:02}-01")).unwrap();
            let graph = ClaimGraph::build_as_of(&store, Some(day));
            for q in store.question_ixs() {
                for e in graph.edges(q) {
                    for c in [e.from, e.to] {
                        let date = store.claim(c).date;
                        prop_assert!(date.is_none_or(|d| d.order(&day) != Some(Ordering::Greater)));
                    }
                }
            }
        }
    }

    /// A store of invented outlets from one claims file's `claims:` list.
    fn relay_store(claims: &str) -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        let sources: String = ["crescent", "bureau", "wire", "daily"]
            .iter()
            .map(|s| format!("  - id: {s}\n"))
            .collect();
        std::fs::write(
            dir.path().join("sources.yaml"),
            format!("sources:\n{sources}"),
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

    fn ix(store: &Store, id: &str) -> ClaimIx {
        store
            .claim_ixs()
            .find(|&c| store.claim(c).id == id)
            .unwrap()
    }

    /// The crescent's figure, cited by the bureau and carried by the wire,
    /// and the bureau's own claim of that figure.
    const RELAYED: &str = concat!(
        "  - {id: c1, source: crescent, via: [bureau, wire], about: q, value: 500, text: t}\n",
        "  - {id: b1, source: bureau, via: wire, about: q, value: {about: 500}, text: t}\n",
    );

    #[test]
    fn a_relay_that_gives_the_origins_figure_shares_its_origin() {
        let (_dir, store) = relay_store(RELAYED);
        let graph = ClaimGraph::build(&store);
        let (c1, b1) = (ix(&store, "c1"), ix(&store, "b1"));
        assert_eq!(graph.shares_origin_with(b1), Some(c1));
        assert_eq!(graph.shares_origin_with(c1), None);
        let state = graph.question(QuestionIx(0));
        assert_eq!(state.independent, 1);
        assert_eq!(
            state.standing,
            Standing::SingleSource,
            "one claim passed on is not corroboration"
        );
        assert_eq!(graph.agreement(c1), Agreement::default());
        assert_eq!(graph.agreement(b1), Agreement::default());
    }

    #[test]
    fn a_copy_counts_for_nobody_elses_agreement() {
        let claims = format!(
            "{RELAYED}  - {{id: d1, source: daily, about: q, value: 500, text: t}}\n  - {{id: w1, source: wire, about: q, value: 200, text: t}}\n"
        );
        let (_dir, store) = relay_store(&claims);
        let graph = ClaimGraph::build(&store);
        let [c1, b1, d1, w1] = ["c1", "b1", "d1", "w1"].map(|id| ix(&store, id));
        // The daily's 500 is corroborated by the crescent's claim only: the
        // bureau's is the crescent's, passed on.
        assert_eq!(graph.agreement(d1).corroborated, 1);
        assert_eq!(graph.agreement(c1).corroborated, 1);
        assert_eq!(graph.agreement(w1).contradicted, 2, "by c1 and d1, not b1");
        // The copy's own line still says how it fares.
        assert_eq!(graph.agreement(b1).corroborated, 1);
        assert_eq!(graph.agreement(b1).contradicted, 1);
        let state = graph.question(QuestionIx(0));
        assert_eq!(state.independent, 3);
        assert_eq!(state.standing, Standing::Contested);
    }

    #[test]
    fn what_is_not_a_shared_origin() {
        // The relay's own, different figure is its own word.
        let (_dir, store) = relay_store(
            "  - {id: c1, source: crescent, via: [bureau], about: q, value: 500, text: t}\n  - {id: b1, source: bureau, about: q, value: 800, text: t}\n",
        );
        let graph = ClaimGraph::build(&store);
        assert!(graph.question(QuestionIx(0)).shared_origins.is_empty());
        assert_eq!(graph.question(QuestionIx(0)).contradictions, 1);
        // Two sources carried by one relay keep two origins.
        let (_dir, store) = relay_store(
            "  - {id: c1, source: crescent, via: wire, about: q, value: 500, text: t}\n  - {id: b1, source: bureau, via: wire, about: q, value: 500, text: t}\n",
        );
        let graph = ClaimGraph::build(&store);
        let state = graph.question(QuestionIx(0));
        assert!(state.shared_origins.is_empty());
        assert_eq!(state.standing, Standing::Corroborated);
    }

    #[test]
    fn two_sources_relaying_each_other_keep_one_origin() {
        let (_dir, store) = relay_store(
            "  - {id: c1, source: crescent, via: bureau, about: q, value: 500, text: t}\n  - {id: b1, source: bureau, via: crescent, about: q, value: 500, text: t}\n",
        );
        let graph = ClaimGraph::build(&store);
        let state = graph.question(QuestionIx(0));
        assert_eq!(
            state.shared_origins,
            [SharedOrigin {
                claim: ix(&store, "b1"),
                origin: ix(&store, "c1"),
            }]
        );
        assert_eq!(state.independent, 1);
    }

    #[test]
    fn a_chain_of_relays_leads_back_to_one_origin() {
        // The wire's own 500 passes on the bureau's, itself the crescent's.
        let (_dir, store) = relay_store(
            "  - {id: c1, source: crescent, via: [bureau], about: q, value: 500, text: t}\n  - {id: b1, source: bureau, via: [wire], about: q, value: 500, text: t}\n  - {id: w1, source: wire, about: q, value: 500, text: t}\n",
        );
        let graph = ClaimGraph::build(&store);
        let c1 = ix(&store, "c1");
        assert_eq!(graph.shares_origin_with(ix(&store, "b1")), Some(c1));
        assert_eq!(graph.shares_origin_with(ix(&store, "w1")), Some(c1));
        assert_eq!(graph.question(QuestionIx(0)).independent, 1);
    }

    /// A store of `n` sources `s0`… and one event whose one question `q0`
    /// (a count, not cumulative) holds `claims` (YAML list items).
    fn one_count_question(n: usize, claims: &str) -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        let sources: String = (0..n).map(|s| format!("  - id: s{s}\n")).collect();
        std::fs::write(
            dir.path().join("sources.yaml"),
            format!("sources:\n{sources}"),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(
            dir.path().join("claims/e.yaml"),
            format!("event: e\nquestions:\n  - {{id: q0, ask: a, kind: count, cumulative: false}}\nclaims:\n{claims}"),
        )
        .unwrap();
        let store = Store::load(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn beyond_the_bound_only_contradictions_and_links_are_listed() {
        // 150 sources, each revising once within a year it names only: every
        // first claim was current all year with everybody else's.
        let n = 150;
        let mut y = String::new();
        for s in 0..n {
            // Bounds that often allow each other, figures that often do not.
            let first = if s % 2 == 0 {
                format!("{{at_least: {}}}", 10 * s)
            } else {
                (10 * s).to_string()
            };
            y.push_str(&format!(
                "  - {{id: a{s}, source: s{s}, about: q0, value: {first}, date: 2018, text: t}}\n  - {{id: b{s}, source: s{s}, about: q0, value: {{at_most: {}}}, date: 2018, text: t}}\n",
                5 * s
            ));
        }
        // The analyst says two overlapping bounds agree: a link, kept.
        y = y.replace(
            "id: a2, source: s2,",
            "id: a2, source: s2, agrees_with: [a4],",
        );
        let (_dir, store) = one_count_question(n, &y);
        let graph = ClaimGraph::build(&store);
        let q = QuestionIx(0);
        let total = graph.historic_count(q);
        assert_eq!(total, graph.historic(q).count());
        assert!(total > HISTORIC_LISTED, "{total}");
        let listed: Vec<Edge> = graph.historic_listed(q).collect();
        let contradictions = graph.historic_contradictions(q).count();
        assert!(contradictions > 0 && contradictions < total);
        assert!(
            listed
                .iter()
                .all(|e| e.relation.kind == RelationKind::Contradicts
                    || e.relation.basis == Basis::Analyst)
        );
        let links = listed
            .iter()
            .filter(|e| e.relation.basis == Basis::Analyst)
            .count();
        assert_eq!(links, 1);
        // The link (a2, a4) comes early in the sweep, before it stops at
        // the bound of contradictions by values.
        assert_eq!(listed.len(), contradictions.min(HISTORIC_LISTED) + 1);
    }

    #[test]
    fn a_listing_of_historic_contradictions_stops_at_the_bound() {
        // 100 sources, each revising once within 2018, every figure
        // different: about 20,000 historic contradictions, more than the
        // listing holds.
        let n = 100;
        let mut y = String::new();
        for s in 0..n {
            y.push_str(&format!(
                "  - {{id: a{s}, source: s{s}, about: q0, value: {}, date: 2018, text: t}}\n  - {{id: b{s}, source: s{s}, about: q0, value: {}, date: 2018, text: t}}\n",
                2 * s + 1,
                2 * s + 1000
            ));
        }
        let (_dir, store) = one_count_question(n, &y);
        let graph = ClaimGraph::build(&store);
        let q = QuestionIx(0);
        let contradictions = graph.historic_contradictions(q).count();
        assert!(contradictions > HISTORIC_LISTED, "{contradictions}");
        let listed: Vec<Edge> = graph.historic_listed(q).collect();
        assert_eq!(listed.len(), HISTORIC_LISTED);
        let first: Vec<Edge> = graph
            .historic_contradictions(q)
            .take(HISTORIC_LISTED)
            .collect();
        assert_eq!(
            listed.iter().map(|e| (e.from, e.to)).collect::<Vec<_>>(),
            first.iter().map(|e| (e.from, e.to)).collect::<Vec<_>>(),
            "the first ones the sweep finds"
        );
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
