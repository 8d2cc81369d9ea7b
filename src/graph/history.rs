//! Historic pairs (DESIGN §10) by a sweep over currency intervals.
//!
//! Two claims of a question relate historically when their currency
//! intervals meet and one of them is no longer current. Sources that revise
//! often with coarse dates (a figure dated to the year only is current, as
//! far as anyone can tell, all year) make those pairs quadratic in the
//! claims of a question: 14,703 claims on one synthetic question give 40
//! million. So nothing here relates every pair unless asked to list them
//! all:
//!
//! - the sweep walks the claims by the day they became current and keeps
//!   the *active set* (earlier claims still current that day), so a claim
//!   is only ever compared with claims it overlaps in time;
//! - the number of related pairs is *counted*, not enumerated: a pair of
//!   numeric (or of categorical) claims of different sources always
//!   relates, so the count at each step is the size of the active set less
//!   the claim's own source and, for a current claim, the other current
//!   ones, plus the analyst's links that the values alone would not relate;
//! - contradictions by values need disjoint intervals, so the active set is
//!   kept sorted by both ends of the intervals and only the claims entirely
//!   below or entirely above are related (each by the real rule of
//!   `relate`, so what is found is exact, not a bound). On a cumulative
//!   question a later, higher toll is an update: the figures said entirely
//!   before the day a claim becomes current are set apart, and those below
//!   it are not even looked at.
//!
//! Where a shortcut would rest on an assumption that does not hold (claims
//! of one question in different units), the count falls back to relating
//! every overlapping pair: slower, never wrong.

use super::widest::Widest;
use super::{ClaimGraph, Edge, QuestionState, node};
use crate::relate::{Basis, RelationKind};
use crate::store::{ClaimIx, SourceIx};
use crate::value::{Bound, Interval, Value};
use petgraph::Direction::{Incoming, Outgoing};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// Which historic pairs a sweep yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Yield {
    /// Every related pair.
    All,
    /// Only contradictions (by values or by the analyst).
    Contradictions,
    /// Contradictions and every pair the analyst linked.
    ContradictionsAndLinks,
}

/// One end of an interval as a key of an ordered set: the figure, then
/// the closedness, arranged so that "entirely below" and "entirely above"
/// are ranges (see [`below`] and [`above`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct End(f64, u8);

impl Eq for End {}

impl PartialOrd for End {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for End {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

/// `-0.0` and `0.0` are one figure; `total_cmp` would part them.
fn figure(x: f64) -> f64 {
    x + 0.0
}

/// An upper end as a key: open before closed at the same figure.
fn high_key(b: Bound) -> End {
    End(figure(b.value), u8::from(b.closed))
}

/// A lower end as a key: closed before open at the same figure.
fn low_key(b: Bound) -> End {
    End(figure(b.value), u8::from(!b.closed))
}

/// Upper-end keys strictly under this one belong to intervals entirely
/// below an interval whose lower end is `low` ([`Interval::is_below`]: a
/// shared figure parts them unless both ends are closed).
fn below(low: Bound) -> End {
    End(figure(low.value), if low.closed { 1 } else { 2 })
}

/// Lower-end keys from this one on belong to intervals entirely above an
/// interval whose upper end is `high`.
fn above(high: Bound) -> End {
    End(figure(high.value), if high.closed { 1 } else { 0 })
}

/// What a claim states, for the sweep.
#[derive(Debug, Clone, Copy)]
enum Stated {
    /// A figure: its interval.
    Figure(Interval),
    /// A category.
    Category,
    /// Nothing the values could relate (text only).
    Nothing,
}

/// The claims of a question current at the sweep's day, earlier ones in
/// the timeline, in the orders the questions asked of them need.
#[derive(Default)]
struct Active {
    /// Every active claim.
    all: BTreeSet<ClaimIx>,
    /// Active claims by when they stop being current.
    expiry: BTreeSet<(i64, ClaimIx)>,
    /// Active claims with a figure, by upper end.
    by_high: BTreeSet<(End, ClaimIx)>,
    /// On a cumulative question, active claims with a figure said entirely
    /// before the sweep's day, by upper end: a later, higher figure is an
    /// update of theirs, never a contradiction, so no claim that becomes
    /// current now is related to those below it.
    said_before: BTreeSet<(End, ClaimIx)>,
    /// Active claims of `by_high` by the last day of their date.
    closing: BTreeSet<(i64, ClaimIx)>,
    /// Active claims with a figure, by lower end.
    by_low: BTreeSet<(End, ClaimIx)>,
    /// Active claims with a category.
    categories: BTreeSet<ClaimIx>,
    /// What counting contradictions without relating them needs, when
    /// asked for ([`ClaimGraph::widest_historic`]).
    tallies: Option<Tallies>,
}

/// How many active figures have an end under a given one, in logarithmic
/// time: a Fenwick tree over the ends the question's figures can have
/// (its twenty lines are less than a dependency), counting every member
/// and the current ones apart.
struct EndCounts {
    ends: Vec<End>,
    all: Vec<i64>,
    current: Vec<i64>,
    total: (i64, i64),
}

impl EndCounts {
    fn new(mut ends: Vec<End>) -> Self {
        ends.sort();
        ends.dedup();
        let n = ends.len();
        EndCounts {
            ends,
            all: vec![0; n + 1],
            current: vec![0; n + 1],
            total: (0, 0),
        }
    }

    fn add(&mut self, end: End, current: bool, delta: i64) {
        let rank = self.ends.partition_point(|&e| e < end);
        debug_assert!(self.ends.get(rank) == Some(&end), "every end is known");
        let mut i = rank + 1;
        while i < self.all.len() {
            self.all[i] += delta;
            if current {
                self.current[i] += delta;
            }
            i += i & i.wrapping_neg();
        }
        self.total.0 += delta;
        if current {
            self.total.1 += delta;
        }
    }

    /// Members (all, current) with an end strictly under `end`.
    fn under(&self, end: End) -> (usize, usize) {
        let mut i = self.ends.partition_point(|&e| e < end);
        let (mut all, mut current) = (0, 0);
        while i > 0 {
            all += self.all[i];
            current += self.current[i];
            i &= i - 1;
        }
        (to_count(all), to_count(current))
    }

    /// Members (all, current) with an end at or over `end`.
    fn from(&self, end: End) -> (usize, usize) {
        let (all, current) = self.under(end);
        (
            to_count(self.total.0) - all,
            to_count(self.total.1) - current,
        )
    }
}

fn to_count(n: i64) -> usize {
    debug_assert!(n >= 0, "a count is never negative");
    usize::try_from(n).unwrap_or(0)
}

/// The active set's tallies for counting contradictions.
struct Tallies {
    /// Members of `by_high`, by upper end.
    highs: EndCounts,
    /// Members of `by_low`, by lower end.
    lows: EndCounts,
    /// Active claims by source (a source's own claims never pair).
    by_source: HashMap<SourceIx, Vec<ClaimIx>>,
    /// Active categories by value, with how many of them are current.
    by_category: HashMap<String, (BTreeSet<ClaimIx>, usize)>,
    /// How many active categories are current.
    current_categories: usize,
}

impl ClaimGraph<'_> {
    fn stated(&self, c: ClaimIx) -> Stated {
        let claim = self.store.claim(c);
        let question = self.store.question(claim.question);
        if question.kind == crate::store::QuestionKind::Text {
            // Text questions relate only by the analyst's links.
            return Stated::Nothing;
        }
        match &claim.value {
            Value::Is(_) => Stated::Category,
            v => v
                .interval(question.tolerance)
                .map_or(Stated::Nothing, Stated::Figure),
        }
    }

    /// A claim's source, from the graph's own array (see `source`).
    pub(crate) fn source_of(&self, c: ClaimIx) -> SourceIx {
        self.source[c.index()]
    }

    /// The claims the analyst linked to `c`, either way round.
    fn linked(&self, c: ClaimIx) -> impl Iterator<Item = ClaimIx> + '_ {
        let g = &self.graph;
        let out = g
            .edges_directed(node(c), Outgoing)
            .filter(|e| e.weight().basis == Basis::Analyst)
            .map(|e| g[petgraph::visit::EdgeRef::target(&e)]);
        let inc = g
            .edges_directed(node(c), Incoming)
            .filter(|e| e.weight().basis == Basis::Analyst)
            .map(|e| g[petgraph::visit::EdgeRef::source(&e)]);
        out.chain(inc)
    }

    /// The active claims the analyst linked to `x`, each once, in order.
    fn active_links(&self, x: ClaimIx, active: &Active) -> Vec<ClaimIx> {
        let mut links: Vec<ClaimIx> = self.linked(x).filter(|y| active.all.contains(y)).collect();
        links.sort();
        links.dedup();
        links
    }

    /// Whether `x` and `y` may form a historic pair at all: different
    /// sources, not both current.
    fn may_pair(&self, x: ClaimIx, y: ClaimIx) -> bool {
        self.source_of(x) != self.source_of(y) && !(self.is_current(x) && self.is_current(y))
    }

    fn historic_edge(&self, x: ClaimIx, y: ClaimIx, r: crate::relate::Relation) -> Edge {
        let (a, b) = (x.min(y), x.max(y));
        Edge {
            from: a,
            to: b,
            relation: r,
            historic: Some(self.until(a, b)),
            direction: None,
        }
    }

    /// The historic pairs that `x` forms with the claims active when it
    /// becomes current, as `what` asks.
    fn pairs_with_active(&self, x: ClaimIx, active: &Active, what: Yield, out: &mut Vec<Edge>) {
        let mut push = |y: ClaimIx, keep: &dyn Fn(crate::relate::Relation) -> bool| {
            if self.may_pair(x, y)
                && let Some(r) = self.relation(x.min(y), x.max(y))
                && keep(r)
            {
                out.push(self.historic_edge(x, y, r));
            }
        };
        if what == Yield::All {
            if matches!(self.stated(x), Stated::Nothing) {
                // No value to compare (a text question, a claim without
                // one): only the analyst's links relate it, and a busy
                // text question's history would otherwise relate every
                // pair of its timeline to find none (docs/performance.md).
                for y in self.active_links(x, active) {
                    push(y, &|_| true);
                }
            } else {
                for &y in &active.all {
                    push(y, &|_| true);
                }
            }
            return;
        }
        // Contradictions by values, from the candidates that can be one;
        // the analyst's links are taken below, each once.
        let by_values = |r: crate::relate::Relation| {
            r.kind == RelationKind::Contradicts && r.basis != Basis::Analyst
        };
        match self.stated(x) {
            Stated::Figure(iv) => {
                let lows = active
                    .by_high
                    .range(..(below(iv.low), ClaimIx::from_index(0)))
                    .map(|&(_, y)| y);
                let highs = active
                    .by_low
                    .range((above(iv.high), ClaimIx::from_index(0))..)
                    .map(|&(_, y)| y);
                // `said_before` is left out: below `x` there, an update.
                for y in lows.chain(highs) {
                    push(y, &by_values);
                }
            }
            Stated::Category => {
                for &y in &active.categories {
                    push(y, &by_values);
                }
            }
            Stated::Nothing => {}
        }
        for y in self.active_links(x, active) {
            push(y, &|r| {
                r.basis == Basis::Analyst
                    && (what == Yield::ContradictionsAndLinks
                        || r.kind == RelationKind::Contradicts)
            });
        }
    }

    /// Drops from the active set the claims that stopped being current
    /// before `day`.
    fn expire(&self, active: &mut Active, day: i64) {
        while let Some(&(to, y)) = active.expiry.first() {
            if to >= day {
                break;
            }
            active.expiry.pop_first();
            active.all.remove(&y);
            let current = self.is_current(y);
            match self.stated(y) {
                Stated::Figure(iv) => {
                    let key = (high_key(iv.high), y);
                    let was_high = active.by_high.remove(&key);
                    if !was_high {
                        active.said_before.remove(&key);
                    }
                    active.by_low.remove(&(low_key(iv.low), y));
                    if let Some(end) = self.said_until(y) {
                        active.closing.remove(&(end, y));
                    }
                    if let Some(t) = &mut active.tallies {
                        if was_high {
                            t.highs.add(key.0, current, -1);
                        }
                        t.lows.add(low_key(iv.low), current, -1);
                    }
                }
                Stated::Category => {
                    active.categories.remove(&y);
                    if let Some(t) = &mut active.tallies
                        && let Some(value) = self.category_of(y)
                        && let Some((set, currents)) = t.by_category.get_mut(value)
                    {
                        set.remove(&y);
                        *currents = currents.saturating_sub(usize::from(current));
                        t.current_categories =
                            t.current_categories.saturating_sub(usize::from(current));
                    }
                }
                Stated::Nothing => {}
            }
            if let Some(t) = &mut active.tallies
                && let Some(own) = t.by_source.get_mut(&self.source_of(y))
                && let Some(at) = own.iter().position(|&z| z == y)
            {
                own.swap_remove(at);
            }
        }
        // Figures said entirely before `day`, on a cumulative question.
        while let Some(&(end, y)) = active.closing.first() {
            if end >= day {
                break;
            }
            active.closing.pop_first();
            if let Stated::Figure(iv) = self.stated(y) {
                let key = (high_key(iv.high), y);
                active.by_high.remove(&key);
                active.said_before.insert(key);
                if let Some(t) = &mut active.tallies {
                    t.highs.add(key.0, self.is_current(y), -1);
                }
            }
        }
    }

    /// On a cumulative question, the last day of a dated claim's date:
    /// from the next day on, a claim that becomes current was said after it.
    fn said_until(&self, c: ClaimIx) -> Option<i64> {
        let claim = self.store.claim(c);
        if !self.store.question(claim.question).cumulative {
            return None;
        }
        claim.date.map(|d| d.span().1)
    }

    fn activate(&self, active: &mut Active, x: ClaimIx) {
        active.all.insert(x);
        active.expiry.insert((self.currency[x.index()].1, x));
        let current = self.is_current(x);
        match self.stated(x) {
            Stated::Figure(iv) => {
                active.by_high.insert((high_key(iv.high), x));
                active.by_low.insert((low_key(iv.low), x));
                if let Some(end) = self.said_until(x) {
                    active.closing.insert((end, x));
                }
                if let Some(t) = &mut active.tallies {
                    t.highs.add(high_key(iv.high), current, 1);
                    t.lows.add(low_key(iv.low), current, 1);
                }
            }
            Stated::Category => {
                active.categories.insert(x);
                if let Some(t) = &mut active.tallies
                    && let Some(value) = self.category_of(x)
                {
                    let (set, currents) = t.by_category.entry(value.to_owned()).or_default();
                    set.insert(x);
                    *currents += usize::from(current);
                    t.current_categories += usize::from(current);
                }
            }
            Stated::Nothing => {}
        }
        if let Some(t) = &mut active.tallies {
            t.by_source.entry(self.source_of(x)).or_default().push(x);
        }
    }

    /// The category a claim states, if it states one.
    fn category_of(&self, c: ClaimIx) -> Option<&str> {
        match &self.store.claim(c).value {
            Value::Is(category) => Some(category),
            _ => None,
        }
    }

    /// The historic pairs of a question as `what` asks, computed as they
    /// are read: the swept pairs in timeline order, then the analyst's
    /// links between claims never current together.
    pub(super) fn sweep<'a>(
        &'a self,
        state: &'a QuestionState,
        what: Yield,
    ) -> impl Iterator<Item = Edge> + 'a {
        let mut active = Active::default();
        let mut pending: Vec<Edge> = Vec::new();
        let mut next = 0;
        let swept = std::iter::from_fn(move || {
            loop {
                if let Some(e) = pending.pop() {
                    return Some(e);
                }
                let &x = state.timeline.get(next)?;
                next += 1;
                self.expire(&mut active, self.currency[x.index()].0);
                self.pairs_with_active(x, &active, what, &mut pending);
                // Popped from the end: reverse to keep the active set's order.
                pending.reverse();
                self.activate(&mut active, x);
            }
        });
        let links = state.stray_links.iter().filter_map(move |&(a, b)| {
            self.relation(a, b)
                .filter(|r| what != Yield::Contradictions || r.kind == RelationKind::Contradicts)
                .map(|r| self.historic_edge(a, b, r))
        });
        swept.chain(links)
    }

    /// The `keep` widest historic contradictions of a question (widest
    /// first, as [`widest`](super::widest) orders them) and how many there
    /// are in all, the same as [`sweep`](Self::sweep) with
    /// [`Yield::Contradictions`] would give, without relating every
    /// candidate pair:
    ///
    /// - the count at each claim is read from the tallies: the active
    ///   figures entirely below or above it (a rank in a Fenwick tree), or
    ///   the active categories of another value, less the claim's own
    ///   source's and, for a current claim, the current ones; the
    ///   analyst's links are then set right one by one;
    /// - the widest are searched where they can be: along the active
    ///   figures by upper end from the lowest (entirely below) and by lower
    ///   end from the highest (entirely above), where the gap only
    ///   narrows, one group of equal ends at a time, taking at most `keep`
    ///   of a group (its lowest claims: ties go to the claims' order) and
    ///   stopping where the gap falls under what is already kept.
    pub(super) fn widest_historic(&self, state: &QuestionState, keep: usize) -> (Vec<Edge>, usize) {
        if keep == 0 {
            return (Vec::new(), 0);
        }
        if !self.one_unit(state) {
            return super::widest(self.sweep(state, Yield::Contradictions), keep);
        }
        let (mut highs, mut lows) = (Vec::new(), Vec::new());
        for &c in &state.timeline {
            if let Stated::Figure(iv) = self.stated(c) {
                highs.push(high_key(iv.high));
                lows.push(low_key(iv.low));
            }
        }
        let mut active = Active {
            tallies: Some(Tallies {
                highs: EndCounts::new(highs),
                lows: EndCounts::new(lows),
                by_source: HashMap::new(),
                by_category: HashMap::new(),
                current_categories: 0,
            }),
            ..Active::default()
        };
        let mut kept = Widest::new(keep);
        let mut total = 0;
        for &x in &state.timeline {
            self.expire(&mut active, self.currency[x.index()].0);
            total += self.contradictions_with_active(x, &active, &mut kept);
            self.activate(&mut active, x);
        }
        for &(a, b) in &state.stray_links {
            if let Some(r) = self
                .relation(a, b)
                .filter(|r| r.kind == RelationKind::Contradicts)
            {
                total += 1;
                kept.push(self.historic_edge(a, b, r));
            }
        }
        (kept.into_widest(), total)
    }

    /// The historic pair of `x` and an active `y` when their values
    /// contradict (not the analyst's word: that is taken apart).
    fn contradiction_by_values(&self, x: ClaimIx, y: ClaimIx) -> Option<Edge> {
        if !self.may_pair(x, y) {
            return None;
        }
        self.relation(x.min(y), x.max(y))
            .filter(|r| r.kind == RelationKind::Contradicts && r.basis != Basis::Analyst)
            .map(|r| self.historic_edge(x, y, r))
    }

    /// How many historic contradictions `x` forms with the claims active
    /// when it becomes current; the widest of them go to `kept`.
    fn contradictions_with_active(&self, x: ClaimIx, active: &Active, kept: &mut Widest) -> usize {
        let t = active
            .tallies
            .as_ref()
            .expect("tallies are kept for counting");
        let stated = self.stated(x);
        // Whether an active claim is a candidate by values: entirely below
        // `x` (and not an earlier figure of a cumulative question) or
        // entirely above it, or a category of another value.
        let candidate = |y: ClaimIx| match (stated, self.stated(y)) {
            (Stated::Figure(ix), Stated::Figure(iy)) => {
                let high = high_key(iy.high);
                (high < below(ix.low) && active.by_high.contains(&(high, y)))
                    || low_key(iy.low) >= above(ix.high)
            }
            (Stated::Category, Stated::Category) => self.category_of(x) != self.category_of(y),
            _ => false,
        };
        let (all, current) = match stated {
            Stated::Figure(ix) => {
                let (under, under_current) = t.highs.under(below(ix.low));
                let (over, over_current) = t.lows.from(above(ix.high));
                (under + over, under_current + over_current)
            }
            Stated::Category => {
                let (same, same_current) = self
                    .category_of(x)
                    .and_then(|v| t.by_category.get(v))
                    .map_or((0, 0), |(set, currents)| (set.len(), *currents));
                (
                    active.categories.len().saturating_sub(same),
                    t.current_categories.saturating_sub(same_current),
                )
            }
            Stated::Nothing => (0, 0),
        };
        // A source's own claims never pair, nor two current claims.
        let (mut own, mut own_current) = (0, 0);
        for &y in t.by_source.get(&self.source_of(x)).into_iter().flatten() {
            if candidate(y) {
                own += 1;
                own_current += usize::from(self.is_current(y));
            }
        }
        // (Each of those is among what the tallies counted: checked in debug
        // builds, and never a wrap-around in a release one.)
        debug_assert!(own <= all && own_current <= current);
        let mut count = all.saturating_sub(own);
        if self.is_current(x) {
            count = count.saturating_sub(current.saturating_sub(own_current));
        }
        // The analyst's word rules where it is given.
        for y in self.active_links(x, active) {
            if !self.may_pair(x, y) {
                continue;
            }
            let relation = self.relation(x.min(y), x.max(y));
            let by_values = relation
                .is_some_and(|r| r.kind == RelationKind::Contradicts && r.basis != Basis::Analyst);
            if candidate(y) && !by_values {
                count = count.saturating_sub(1);
            }
            if let Some(r) = relation
                && r.basis == Basis::Analyst
                && r.kind == RelationKind::Contradicts
            {
                count += 1;
                kept.push(self.historic_edge(x, y, r));
            }
        }
        self.widest_by_values(x, stated, active, kept);
        count
    }

    /// Pushes to `kept` the widest contradictions by values of `x` with
    /// the active claims, looking only where they can be.
    fn widest_by_values(&self, x: ClaimIx, stated: Stated, active: &Active, kept: &mut Widest) {
        use std::ops::Bound::{Excluded, Included, Unbounded};
        let keep = kept.keep();
        let (first, last) = (
            ClaimIx::from_index(0),
            ClaimIx::from_index(u32::MAX as usize),
        );
        // At most `keep` contradictions from a group of claims with one
        // gap, its lowest claims first.
        let take = |group: &mut dyn Iterator<Item = ClaimIx>, kept: &mut Widest| {
            let mut taken = 0;
            for y in group {
                if taken == keep {
                    break;
                }
                if let Some(e) = self.contradiction_by_values(x, y) {
                    kept.push(e);
                    taken += 1;
                }
            }
            taken
        };
        let gap_to = |y: ClaimIx, ix: &Interval| match self.stated(y) {
            Stated::Figure(iy) => iy.gap(ix),
            _ => 0.0,
        };
        match stated {
            Stated::Figure(ix) => {
                // Along `set`, group after group of equal ends as `next`
                // gives them (the one after a given end), the gap only
                // narrowing.
                let mut walk =
                    |set: &BTreeSet<(End, ClaimIx)>,
                     next: &dyn Fn(Option<End>) -> Option<(End, ClaimIx)>| {
                        let (mut after, mut found, mut narrowest) = (None, 0, f64::INFINITY);
                        while let Some((end, y)) = next(after) {
                            let gap = gap_to(y, &ix);
                            if gap < kept.floor() || (found >= keep && gap < narrowest) {
                                break;
                            }
                            let mut group = set.range((end, first)..=(end, last)).map(|&(_, y)| y);
                            found += take(&mut group, kept);
                            narrowest = gap;
                            after = Some(end);
                        }
                    };
                // Entirely below: the lower the upper end, the wider.
                let limit = Excluded((below(ix.low), first));
                walk(&active.by_high, &|after| {
                    let from = after.map_or(Unbounded, |end| Excluded((end, last)));
                    active.by_high.range((from, limit)).next().copied()
                });
                // Entirely above: the higher the lower end, the wider.
                let start = Included((above(ix.high), first));
                walk(&active.by_low, &|after| {
                    let to = after.map_or(Unbounded, |end| Excluded((end, first)));
                    active.by_low.range((start, to)).next_back().copied()
                });
            }
            Stated::Category => {
                let t = active
                    .tallies
                    .as_ref()
                    .expect("tallies are kept for counting");
                let value = self.category_of(x);
                let question = self.store.question(self.store.claim(x).question);
                for (other, (set, _)) in &t.by_category {
                    let Some(value) = value.filter(|&v| v != other.as_str()) else {
                        continue;
                    };
                    if crate::relate::category_gap(question, value, other) >= kept.floor() {
                        take(&mut set.iter().copied(), kept);
                    }
                }
            }
            Stated::Nothing => {}
        }
    }

    /// How many historic pairs of the question relate, counted without
    /// relating them: at each claim, the active claims of its kind less
    /// those of its source and, for a current claim, the current ones;
    /// plus the analyst's links the values leave unrelated, and the links
    /// between claims never current together.
    pub(super) fn count_historic(&self, state: &QuestionState) -> usize {
        if !self.one_unit(state) {
            return self.sweep(state, Yield::All).count();
        }
        #[derive(Default, Clone, Copy)]
        struct Tally {
            active: usize,
            current: usize,
        }
        let mut figures = Tally::default();
        let mut categories = Tally::default();
        let mut by_source: HashMap<(SourceIx, bool), usize> = HashMap::new();
        let mut active = Active::default();
        let mut total = 0;
        for &x in &state.timeline {
            let day = self.currency[x.index()].0;
            // Take the expired claims out of the tallies, then the set.
            for &(to, y) in &active.expiry {
                if to >= day {
                    break;
                }
                let kind = match self.stated(y) {
                    Stated::Figure(_) => Some((&mut figures, true)),
                    Stated::Category => Some((&mut categories, false)),
                    Stated::Nothing => None,
                };
                if let Some((tally, is_figure)) = kind {
                    tally.active -= 1;
                    tally.current -= usize::from(self.is_current(y));
                    *by_source
                        .get_mut(&(self.source_of(y), is_figure))
                        .expect("an active claim is tallied") -= 1;
                }
            }
            self.expire(&mut active, day);
            let kind = match self.stated(x) {
                Stated::Figure(_) => Some((&mut figures, true)),
                Stated::Category => Some((&mut categories, false)),
                Stated::Nothing => None,
            };
            let current = self.is_current(x);
            if let Some((tally, is_figure)) = kind {
                let own = by_source
                    .get(&(self.source_of(x), is_figure))
                    .copied()
                    .unwrap_or(0);
                total += tally.active - own - if current { tally.current } else { 0 };
                tally.active += 1;
                tally.current += usize::from(current);
                *by_source.entry((self.source_of(x), is_figure)).or_default() += 1;
            }
            // The analyst's links relate what the values alone may not.
            total += self
                .active_links(x, &active)
                .into_iter()
                .filter(|&y| {
                    self.may_pair(x, y)
                        && crate::relate::relate_stored(self.store, x.min(y), x.max(y)).is_none()
                })
                .count();
            self.activate(&mut active, x);
        }
        total + state.stray_links.len()
    }

    /// Whether every claim of the timeline that states a value is in one
    /// unit (as `relate` compares them), so that any two figures relate.
    fn one_unit(&self, state: &QuestionState) -> bool {
        let mut unit: Option<&str> = None;
        state.timeline.iter().all(|&c| {
            if matches!(self.stated(c), Stated::Nothing) {
                return true;
            }
            match (unit, self.store.unit_of(c)) {
                (_, None) => true,
                (None, Some(u)) => {
                    unit = Some(u);
                    true
                }
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            }
        })
    }
}
