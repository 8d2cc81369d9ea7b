//! Source credibility: truth discovery on an instance made of sources,
//! objects, facts and assertions (DESIGN §4).
//!
//! Why a representation of its own, independent of YAML: the same scoring
//! must run on the store (through the [claim graph](crate::graph)) and on
//! the research corpora it is measured against (Population, Books), and
//! its classic algorithms must be checked number for number against a peer
//! library. So the algorithms see only this:
//!
//! - **sources**, each with an optional prior credibility;
//! - **objects** (a question, a data item), each holding its distinct
//!   claimed values, the **facts**;
//! - **assertions**: which source asserts which fact (at most one fact per
//!   source and object: a source's latest word);
//! - how facts of one object relate. Either the object is
//!   [`Alternatives::Exclusive`] (exact figures, categories: at most one of
//!   its facts is true, so any two conflict, and nothing is stored), or it
//!   is [`Alternatives::Linked`] and only explicit [`Link`]s relate its
//!   facts (news figures compared as intervals: "at least 62" supports
//!   "70", "36" conflicts with it; text-only claims related by the
//!   analyst).
//!
//! `evidence::Evidence::from_graph` builds the instance from the claim graph: only current
//! claims count, a relayed claim is its original source's, so relays gain
//! no credit or blame and never count as independent agreement. The
//! algorithms ([`Algorithm`]) return plain [`Scores`]; [`explain`] says why
//! each source ranks where it does and [`consensus`] what each question's
//! weighted evidence supports. Nothing here prints.

pub mod consensus;
pub mod evidence;
pub mod explain;
mod investment;
mod recoupe;
mod sums;
mod truthfinder;
mod voting;

use crate::cores;
use std::fmt;

/// A source's place in the instance.
pub(crate) type SourceId = usize;
/// An object's (question's, data item's) place in the instance.
pub(crate) type ObjectId = usize;
/// A fact's (distinct claimed value's) place in the instance.
pub(crate) type FactId = usize;

/// How the facts of one object relate when nothing is said explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alternatives {
    /// At most one fact is true: any two distinct facts conflict.
    Exclusive,
    /// Facts relate only through explicit links.
    Linked,
}

/// How two facts of one object relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// They agree (DESIGN §2: corroborates or compatible).
    Support,
    /// They cannot both be true (DESIGN §2: contradicts).
    Conflict,
}

/// Adjacency lists in one flat array (compressed sparse rows).
#[derive(Debug, Clone, Default)]
struct Rows<T> {
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> Rows<T> {
    /// Groups `(row, item)` pairs by row, keeping their order within a row:
    /// a counting sort, one pass to count each row and one to place its
    /// items, the pairs made twice rather than held (at 1M claims,
    /// sorting the collected pairs was a third of the credibility
    /// analysis, and holding them its peak memory).
    fn from_pairs(rows: usize, pairs: impl Iterator<Item = (usize, T)> + Clone) -> Rows<T> {
        let mut starts = vec![0usize; rows + 1];
        for (r, _) in pairs.clone() {
            starts[r + 1] += 1;
        }
        for r in 0..rows {
            starts[r + 1] += starts[r];
        }
        let mut placed = pairs.clone();
        let Some((_, filler)) = placed.next() else {
            return Rows {
                starts,
                items: Vec::new(),
            };
        };
        let mut items = vec![filler; starts[rows]];
        let mut next = starts.clone();
        for (r, item) in pairs {
            items[next[r]] = item;
            next[r] += 1;
        }
        Rows { starts, items }
    }

    fn row(&self, r: usize) -> &[T] {
        &self.items[self.starts[r]..self.starts[r + 1]]
    }
}

/// Builds a [`Instance`] one source, object, fact and assertion at a time.
#[derive(Debug, Default)]
pub struct InstanceBuilder {
    priors: Vec<Option<f64>>,
    alternatives: Vec<Alternatives>,
    fact_object: Vec<ObjectId>,
    assertions: Vec<(SourceId, FactId)>,
    asserted: std::collections::HashSet<(SourceId, ObjectId)>,
    links: Vec<(FactId, FactId, Link)>,
}

impl InstanceBuilder {
    /// An empty instance.
    pub fn new() -> InstanceBuilder {
        InstanceBuilder::default()
    }

    /// Room for this many more facts, assertions and links: the links of
    /// a large store are millions, and growing their list as they come
    /// copied it again and again.
    pub fn reserve(&mut self, facts: usize, assertions: usize, links: usize) {
        self.fact_object.reserve(facts);
        self.assertions.reserve(assertions);
        self.asserted.reserve(assertions);
        self.links.reserve(links);
    }

    /// A source with its prior credibility in (0, 1), if any.
    pub fn add_source(&mut self, prior: Option<f64>) -> SourceId {
        self.priors.push(prior.filter(|p| *p > 0.0 && *p < 1.0));
        self.priors.len() - 1
    }

    /// A new object whose facts relate as `alternatives` says.
    pub fn add_object(&mut self, alternatives: Alternatives) -> ObjectId {
        self.alternatives.push(alternatives);
        self.alternatives.len() - 1
    }

    /// A new distinct value of `object`.
    pub fn add_fact(&mut self, object: ObjectId) -> FactId {
        self.fact_object.push(object);
        self.fact_object.len() - 1
    }

    /// `source` asserts `fact`. A source speaks once per object: a second
    /// assertion on the same object is ignored and `false` returned (as the
    /// peer library keeps the first value).
    pub fn assert(&mut self, source: SourceId, fact: FactId) -> bool {
        if !self.asserted.insert((source, self.fact_object[fact])) {
            return false;
        }
        self.assertions.push((source, fact));
        true
    }

    /// Relates two distinct facts of one [`Alternatives::Linked`] object.
    pub fn link(&mut self, a: FactId, b: FactId, link: Link) {
        debug_assert_eq!(self.fact_object[a], self.fact_object[b]);
        if a != b {
            self.links.push((a, b, link));
        }
    }

    /// The instance, its adjacency laid out for the algorithms.
    pub fn build(self) -> Instance {
        let sources = self.priors.len();
        let facts = self.fact_object.len();
        let source_facts = Rows::from_pairs(sources, self.assertions.iter().map(|&(s, f)| (s, f)));
        let fact_sources = Rows::from_pairs(facts, self.assertions.iter().map(|&(s, f)| (f, s)));
        let object_facts = Rows::from_pairs(
            self.alternatives.len(),
            self.fact_object.iter().enumerate().map(|(f, &o)| (o, f)),
        );
        let links = Rows::from_pairs(
            facts,
            self.links
                .iter()
                .flat_map(|&(a, b, l)| [(a, (b, l)), (b, (a, l))]),
        );
        Instance {
            priors: self.priors,
            alternatives: self.alternatives,
            fact_object: self.fact_object,
            source_facts,
            fact_sources,
            object_facts,
            links,
        }
    }
}

/// Sources, objects, facts, assertions and links: everything the
/// algorithms see.
#[derive(Debug, Clone)]
pub struct Instance {
    priors: Vec<Option<f64>>,
    alternatives: Vec<Alternatives>,
    fact_object: Vec<ObjectId>,
    source_facts: Rows<FactId>,
    fact_sources: Rows<SourceId>,
    object_facts: Rows<FactId>,
    links: Rows<(FactId, Link)>,
}

impl Instance {
    /// How many sources it has.
    pub fn sources(&self) -> usize {
        self.priors.len()
    }
    /// How many objects it has.
    pub fn objects(&self) -> usize {
        self.alternatives.len()
    }
    /// How many facts it has.
    pub fn facts(&self) -> usize {
        self.fact_object.len()
    }
    /// How many assertions it has.
    pub fn assertions(&self) -> usize {
        self.source_facts.items.len()
    }
    /// The prior credibility of source `s`, if it has one.
    pub fn prior(&self, s: SourceId) -> Option<f64> {
        self.priors[s]
    }
    pub(crate) fn alternatives(&self, o: ObjectId) -> Alternatives {
        self.alternatives[o]
    }
    pub(crate) fn object_of(&self, f: FactId) -> ObjectId {
        self.fact_object[f]
    }
    /// The facts a source asserts.
    pub(crate) fn facts_of(&self, s: SourceId) -> &[FactId] {
        self.source_facts.row(s)
    }
    /// The sources that assert a fact.
    pub(crate) fn sources_of(&self, f: FactId) -> &[SourceId] {
        self.fact_sources.row(f)
    }
    /// The facts of an object, in the order they were added.
    pub(crate) fn facts_about(&self, o: ObjectId) -> &[FactId] {
        self.object_facts.row(o)
    }
    /// The explicit links of a fact.
    pub(crate) fn links_of(&self, f: FactId) -> &[(FactId, Link)] {
        self.links.row(f)
    }

    /// How two distinct facts of one object relate, explicit links first,
    /// then the object's [`Alternatives`].
    pub(crate) fn relation(&self, a: FactId, b: FactId) -> Option<Link> {
        if a == b || self.object_of(a) != self.object_of(b) {
            return None;
        }
        if let Some(&(_, l)) = self.links_of(a).iter().find(|(g, _)| *g == b) {
            return Some(l);
        }
        match self.alternatives(self.object_of(a)) {
            Alternatives::Exclusive => Some(Link::Conflict),
            Alternatives::Linked => None,
        }
    }

    /// How many facts each source asserts, as a float for the formulas; a
    /// source with none counts as one, so that nothing divides by zero.
    fn claim_counts(&self) -> Vec<f64> {
        (0..self.sources())
            .map(|s| self.facts_of(s).len().max(1) as f64)
            .collect()
    }

    /// For each fact, Σ over its sources of `weight[s]`.
    fn gather(&self, weight: &[f64], out: &mut [f64]) {
        for (f, o) in out.iter_mut().enumerate() {
            *o = self.sources_of(f).iter().map(|&s| weight[s]).sum();
        }
    }

    /// For each source, Σ over its facts of `value[f]`.
    fn scatter(&self, value: &[f64], out: &mut [f64]) {
        for (s, o) in out.iter_mut().enumerate() {
            *o = self.facts_of(s).iter().map(|&f| value[f]).sum();
        }
    }

    /// For each fact, the evidence of the facts that support it minus that
    /// of the facts that conflict with it: Σ over related facts g of
    /// ±`evidence[g]`. Exclusive objects count every other fact as a
    /// conflict, in time linear in the object's facts. Each object's total
    /// first, then each fact alone, both on every core (the links of a
    /// large store make this most of an iteration); the sums are added in
    /// the same order as on one core, so the result is the same to the bit.
    fn implied(&self, evidence: &[f64], out: &mut [f64]) {
        // On an exclusive object every other fact conflicts, unless an
        // explicit link says otherwise.
        let mut totals = vec![0.0; self.objects()];
        let object_starts = &self.object_facts.starts;
        cores::fill_runs(
            &mut totals,
            |o| o + object_starts[o],
            |first, run| {
                for (o, total) in (first..).zip(run) {
                    if self.alternatives(o) == Alternatives::Exclusive {
                        *total = self.facts_about(o).iter().map(|&f| evidence[f]).sum();
                    }
                }
            },
        );
        let link_starts = &self.links.starts;
        cores::fill_runs(
            out,
            |f| f + link_starts[f],
            |first, run| {
                for (f, out) in (first..).zip(run) {
                    let o = self.object_of(f);
                    let (implicit, total) = match self.alternatives(o) {
                        Alternatives::Exclusive => (-1.0, totals[o]),
                        Alternatives::Linked => (0.0, 0.0),
                    };
                    let mut sum = implicit * (total - evidence[f]);
                    for &(g, link) in self.links_of(f) {
                        let sign = match link {
                            Link::Support => 1.0,
                            Link::Conflict => -1.0,
                        };
                        sum += (sign - implicit) * evidence[g];
                    }
                    *out = sum;
                }
            },
        );
    }

    /// Whether another source bears on each fact: a second source asserts
    /// it, or some source asserts a fact related to it. A fact nobody else
    /// addresses says nothing about its source's reliability.
    pub(crate) fn cross_checked(&self) -> Vec<bool> {
        (0..self.facts())
            .map(|f| {
                self.sources_of(f).len() > 1
                    || self
                        .facts_about(self.object_of(f))
                        .iter()
                        .any(|&g| !self.sources_of(g).is_empty() && self.relation(f, g).is_some())
            })
            .collect()
    }
}

/// TruthFinder's implication between related facts: similarity minus the
/// base similarity of 0.5 (Yin, Han & Yu), so +0.5 for facts that support
/// each other (similarity 1) and −0.5 for facts that conflict (0).
pub(crate) const IMPLICATION: f64 = 0.5;

/// The algorithms `recoupe sources --algorithm` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// The default, for news claims: smoothed TruthFinder with priors,
    /// support and conflict (see `docs/credibility.md`).
    Recoupe,
    /// Majority voting: every source equally trusted.
    Voting,
    /// Sums (Hubs and Authorities), Pasternack & Roth 2010.
    Sums,
    /// Average·Log, Pasternack & Roth 2010.
    AverageLog,
    /// Investment, Pasternack & Roth 2010.
    Investment,
    /// PooledInvestment, Pasternack & Roth 2010.
    PooledInvestment,
    /// TruthFinder, Yin, Han & Yu 2008.
    TruthFinder,
}

impl Algorithm {
    /// Every algorithm, the default first.
    pub const ALL: [Algorithm; 7] = [
        Algorithm::Recoupe,
        Algorithm::Voting,
        Algorithm::Sums,
        Algorithm::AverageLog,
        Algorithm::Investment,
        Algorithm::PooledInvestment,
        Algorithm::TruthFinder,
    ];

    /// Its name on the command line and in JSON (`truthfinder`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Recoupe => "recoupe",
            Algorithm::Voting => "voting",
            Algorithm::Sums => "sums",
            Algorithm::AverageLog => "average-log",
            Algorithm::Investment => "investment",
            Algorithm::PooledInvestment => "pooled-investment",
            Algorithm::TruthFinder => "truthfinder",
        }
    }

    /// The algorithm of a name, if there is one.
    pub fn parse(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether it weighs the priors of `sources.yaml` and compares figures
    /// as intervals (only the default, recoupe, does; the classic ones
    /// compare values for equality).
    pub fn uses_priors_and_intervals(self) -> bool {
        self == Algorithm::Recoupe
    }

    /// One line on what the algorithm does, for the table's heading.
    pub fn summary(self) -> &'static str {
        match self {
            Algorithm::Recoupe => {
                "TruthFinder smoothed towards priors, on cross-checked claims, figures compared as intervals"
            }
            Algorithm::Voting => "majority voting: every source trusted alike",
            Algorithm::Sums => "Sums (hubs and authorities), Pasternack & Roth 2010",
            Algorithm::AverageLog => "Average·Log, Pasternack & Roth 2010",
            Algorithm::Investment => "Investment, Pasternack & Roth 2010",
            Algorithm::PooledInvestment => "PooledInvestment, Pasternack & Roth 2010",
            Algorithm::TruthFinder => "TruthFinder, Yin, Han & Yu 2008 (ρ 0.5, γ 0.3, trust₀ 0.9)",
        }
    }

    /// Scores the instance.
    pub fn run(self, instance: &Instance, iterations: Iterations) -> Scores {
        let mut scores = match self {
            Algorithm::Recoupe => recoupe::run(instance, iterations),
            Algorithm::Voting => voting::run(instance),
            Algorithm::Sums => sums::sums(instance, iterations),
            Algorithm::AverageLog => sums::average_log(instance, iterations),
            Algorithm::Investment => investment::investment(instance, iterations),
            Algorithm::PooledInvestment => investment::pooled(instance, iterations),
            Algorithm::TruthFinder => {
                truthfinder::run(instance, truthfinder::Params::PAPER, iterations)
            }
        };
        scores.algorithm = self;
        scores
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// When to stop iterating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Iterations {
    /// The algorithm's published stopping rule.
    #[default]
    Default,
    /// Exactly this many rounds (fewer only where the published formula
    /// cannot go on: a trust of 1 in TruthFinder, an investment of 0).
    Fixed(usize),
}

impl Iterations {
    fn limit(self, default: usize) -> usize {
        match self {
            Iterations::Default => default,
            Iterations::Fixed(n) => n,
        }
    }
}

/// What an algorithm computed.
#[derive(Debug, Clone)]
pub struct Scores {
    /// The algorithm that produced them.
    pub algorithm: Algorithm,
    /// Per source, in [0, 1]: how far its claims are supported.
    pub trust: Vec<f64>,
    /// Per fact, in [0, 1]: how far the evidence supports it (for the
    /// classic algorithms, their belief scaled by its maximum).
    pub confidence: Vec<f64>,
    /// Rounds run.
    pub iterations: usize,
}

impl Scores {
    fn new(trust: Vec<f64>, confidence: Vec<f64>, iterations: usize) -> Scores {
        Scores {
            algorithm: Algorithm::Recoupe,
            trust,
            confidence,
            iterations,
        }
    }

    /// The best-supported fact of an object: the highest confidence; on a
    /// tie, the fact added first (the value asserted first).
    pub fn best_fact(&self, instance: &Instance, o: ObjectId) -> Option<FactId> {
        let mut best: Option<FactId> = None;
        for &f in instance.facts_about(o) {
            if best.is_none_or(|b| self.confidence[f] > self.confidence[b]) {
                best = Some(f);
            }
        }
        best
    }
}

/// Divides every entry by the largest, as the peer library normalises
/// Sums, Average·Log and the Investments; leaves an all-zero vector alone.
fn scale_to_max(v: &mut [f64]) {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max > 0.0 && max.is_finite() {
        for x in v.iter_mut() {
            *x /= max;
        }
    }
}

#[cfg(test)]
mod tests;
