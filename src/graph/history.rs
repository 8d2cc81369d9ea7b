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

    fn source_of(&self, c: ClaimIx) -> SourceIx {
        self.store.claim(c).source
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
            for &y in &active.all {
                push(y, &|_| true);
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
        let mut links: Vec<ClaimIx> = self.linked(x).filter(|y| active.all.contains(y)).collect();
        links.sort();
        links.dedup();
        for y in links {
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
            match self.stated(y) {
                Stated::Figure(iv) => {
                    let key = (high_key(iv.high), y);
                    if !active.by_high.remove(&key) {
                        active.said_before.remove(&key);
                    }
                    active.by_low.remove(&(low_key(iv.low), y));
                    if let Some(end) = self.said_until(y) {
                        active.closing.remove(&(end, y));
                    }
                }
                Stated::Category => {
                    active.categories.remove(&y);
                }
                Stated::Nothing => {}
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
        match self.stated(x) {
            Stated::Figure(iv) => {
                active.by_high.insert((high_key(iv.high), x));
                active.by_low.insert((low_key(iv.low), x));
                if let Some(end) = self.said_until(x) {
                    active.closing.insert((end, x));
                }
            }
            Stated::Category => {
                active.categories.insert(x);
            }
            Stated::Nothing => {}
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
            let mut links: Vec<ClaimIx> =
                self.linked(x).filter(|y| active.all.contains(y)).collect();
            links.sort();
            links.dedup();
            total += links
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
