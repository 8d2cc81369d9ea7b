//! The order of one source's claims on one question, and the checks that
//! keep it possible.
//!
//! A source revises itself (OSDH's toll of 36, then of 62): its claims on a
//! question form a chain from oldest to newest, ordered by explicit
//! `supersedes`, then by dates where they can be ordered, then by store
//! order. The loader needs this order to refuse links that no order can
//! satisfy (a loop, a revision dated before what it revises along a
//! chain); the graph needs it to know each source's current claim. It
//! lives here, in the store layer, so that both use one definition and the
//! loader never reaches up to the relation rules for it.

use super::model::{ClaimIx, QuestionIx, SourceIx, Store};
use crate::date::ClaimDate;
use crate::error::Problem;
use crate::escape::escape;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// One claim of a source's revision history on a question.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Revisable {
    pub(crate) claim: ClaimIx,
    pub(crate) date: Option<ClaimDate>,
    /// The claim this one explicitly supersedes, if any.
    pub(crate) supersedes: Option<ClaimIx>,
}

impl Revisable {
    /// What ordering needs to know of a stored claim.
    pub(crate) fn of(store: &Store, c: ClaimIx) -> Revisable {
        let claim = store.claim(c);
        Revisable {
            claim: c,
            date: claim.date,
            supersedes: claim.supersedes,
        }
    }
}

/// Orders one source's claims on one question from oldest to newest: an
/// explicit `supersedes` first, then dates where they can be ordered, then
/// store order (the claim written later is the newer). Dates that overlap
/// (2018-03 and 2018-03-21, or an undated claim) cannot be ordered, so the
/// order is a topological sort of an interval order with store order
/// breaking ties, in O(n log n).
pub(crate) fn revision_order(claims: &[Revisable]) -> Vec<ClaimIx> {
    let (mut order, stuck) = order_or_stuck(claims);
    // Only reachable with explicit revisions that contradict the dates,
    // which validation refuses (see [`revision_conflict`]); keep the rest in
    // store order.
    order.extend(stuck);
    order
}

/// The claims that explicit `supersedes` links and dates together cannot
/// put in order (one would have to come both before and after another),
/// if any: a store problem.
pub(crate) fn revision_conflict(claims: &[Revisable]) -> Option<Vec<ClaimIx>> {
    let (_, stuck) = order_or_stuck(claims);
    (!stuck.is_empty()).then_some(stuck)
}

/// The revision order as far as it goes, and the claims left over when
/// explicit links and dates conflict (in store order).
fn order_or_stuck(claims: &[Revisable]) -> (Vec<ClaimIx>, Vec<ClaimIx>) {
    let n = claims.len();
    if n <= 1 {
        return (claims.iter().map(|c| c.claim).collect(), Vec::new());
    }
    let span = |c: &Revisable| c.date.map_or((i64::MIN, i64::MAX), |d| d.span());
    let position = |claim: ClaimIx| claims.iter().position(|c| c.claim == claim);
    let mut waiting_for = vec![0usize; n];
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, c) in claims.iter().enumerate() {
        if let Some(j) = c.supersedes.and_then(position) {
            waiting_for[i] += 1;
            unlocks[j].push(i);
        }
    }
    let mut by_start: Vec<usize> = (0..n).collect();
    by_start.sort_by_key(|&i| (span(&claims[i]).0, claims[i].claim));
    // The earliest end among claims not yet placed.
    let mut ends: BinaryHeap<Reverse<(i64, usize)>> =
        (0..n).map(|i| Reverse((span(&claims[i]).1, i))).collect();
    let mut placed = vec![false; n];
    let mut dated_ready = vec![false; n];
    let mut ready: BinaryHeap<Reverse<(ClaimIx, usize)>> = BinaryHeap::new();
    let mut next_start = 0;
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        while let Some(Reverse((_, i))) = ends.peek()
            && placed[*i]
        {
            ends.pop();
        }
        let earliest_end = ends.peek().map_or(i64::MAX, |Reverse((e, _))| *e);
        // A claim can come next once nothing left ends before it starts.
        while next_start < n && span(&claims[by_start[next_start]]).0 <= earliest_end {
            let i = by_start[next_start];
            dated_ready[i] = true;
            if waiting_for[i] == 0 {
                ready.push(Reverse((claims[i].claim, i)));
            }
            next_start += 1;
        }
        let Some(Reverse((_, i))) = ready.pop() else {
            let mut rest: Vec<ClaimIx> = (0..n)
                .filter(|&i| !placed[i])
                .map(|i| claims[i].claim)
                .collect();
            rest.sort();
            return (order, rest);
        };
        placed[i] = true;
        order.push(claims[i].claim);
        for &j in &unlocks[i] {
            waiting_for[j] -= 1;
            if waiting_for[j] == 0 && dated_ready[j] {
                ready.push(Reverse((claims[j].claim, j)));
            }
        }
    }
    (order, Vec::new())
}

/// Explicit `supersedes` links form chains; a loop would make every claim
/// in it both newer and older than the others. One problem per loop.
pub(super) fn loop_problems(store: &Store) -> Vec<Problem> {
    let claims = store.claims();
    let n = claims.len();
    let mut problems = Vec::new();
    // 0 unvisited, 1 on the current walk, 2 done.
    let mut state = vec![0u8; n];
    for start in 0..n {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                0 => {
                    state[i] = 1;
                    walk.push(i);
                    at = claims[i].supersedes.map(ClaimIx::index);
                }
                1 => {
                    let cycle: Vec<&str> = walk[walk.iter().position(|&w| w == i).unwrap_or(0)..]
                        .iter()
                        .map(|&w| claims[w].id.as_str())
                        .collect();
                    problems.push(Problem {
                        at: claims[i].at.clone(),
                        message: format!(
                            "`supersedes` goes round in a loop: {} → {}",
                            escape(&cycle.join(" → ")),
                            escape(&claims[i].id)
                        ),
                    });
                    break;
                }
                _ => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
    problems
}

/// Explicit `supersedes` links checked pair by pair may still, along a
/// chain, put a claim after one dated later (z supersedes x, x supersedes
/// y, y is dated after z): no revision order can then hold. One problem
/// per source and question where that happens.
pub(super) fn date_problems(store: &Store) -> Vec<Problem> {
    let mut groups: HashMap<(QuestionIx, SourceIx), Vec<Revisable>> = HashMap::new();
    let mut explicit: Vec<(QuestionIx, SourceIx)> = Vec::new();
    for c in store.claim_ixs() {
        let claim = store.claim(c);
        let key = (claim.question, claim.source);
        groups.entry(key).or_default().push(Revisable::of(store, c));
        if claim.supersedes.is_some() {
            explicit.push(key);
        }
    }
    explicit.sort();
    explicit.dedup();
    explicit
        .into_iter()
        .filter_map(|key| revision_conflict(&groups[&key]))
        .map(|stuck| {
            let ids: Vec<String> = stuck
                .iter()
                .map(|&c| escape(&store.claim(c).id).into_owned())
                .collect();
            Problem {
                at: store.claim(stuck[0]).at.clone(),
                message: format!(
                    "the `supersedes` links among {} put a claim after one dated later: check their dates and links",
                    ids.join(", ")
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    fn d(s: &str) -> ClaimDate {
        ClaimDate::parse(s).unwrap()
    }

    fn rev(claim: u32, date: Option<&str>, supersedes: Option<u32>) -> Revisable {
        Revisable {
            claim: ClaimIx(claim),
            date: date.map(d),
            supersedes: supersedes.map(ClaimIx),
        }
    }

    fn ids(order: Vec<ClaimIx>) -> Vec<u32> {
        order.into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn revisions_follow_dates_then_store_order() {
        // Dated days in the wrong store order: dates win.
        let o = revision_order(&[
            rev(0, Some("2018-03-21"), None),
            rev(1, Some("2018-03-19"), None),
        ]);
        assert_eq!(ids(o), [1, 0]);
        // Month against day cannot be ordered: the one written later is newer.
        let o = revision_order(&[
            rev(0, Some("2018-03-21"), None),
            rev(1, Some("2018-03"), None),
        ]);
        assert_eq!(ids(o), [0, 1]);
        // Undated claims follow store order.
        let o = revision_order(&[rev(0, None, None), rev(1, Some("2018-03-19"), None)]);
        assert_eq!(ids(o), [0, 1]);
    }

    #[test]
    fn explicit_links_that_contradict_dates_through_a_chain_are_found() {
        // z (03-01) supersedes x (undated), which supersedes y (03-25): z
        // would have to come after y, dated later.
        let claims = [
            rev(0, Some("2018-03-01"), Some(1)),
            rev(1, None, Some(2)),
            rev(2, Some("2018-03-25"), None),
        ];
        assert!(revision_conflict(&claims).is_some());
        assert_eq!(ids(revision_order(&claims)).len(), 3);
        let fine = [
            rev(0, Some("2018-03-30"), Some(1)),
            rev(1, None, Some(2)),
            rev(2, Some("2018-03-25"), None),
        ];
        assert_eq!(revision_conflict(&fine), None);
        assert_eq!(ids(revision_order(&fine)), [2, 1, 0]);
    }

    #[test]
    fn explicit_supersedes_beats_store_order() {
        let o = revision_order(&[
            rev(0, Some("2018-03"), Some(1)),
            rev(1, Some("2018-03"), None),
        ]);
        assert_eq!(ids(o), [1, 0]);
    }

    #[test]
    fn the_order_is_linear_even_when_pairwise_comparison_is_not_transitive() {
        // 03-21 < 03-25 by date; 2018-03 overlaps both and sits between them
        // in store order: a comparator sort could loop, this cannot.
        let o = revision_order(&[
            rev(0, Some("2018-03-25"), None),
            rev(1, Some("2018-03"), None),
            rev(2, Some("2018-03-21"), None),
        ]);
        let o = ids(o);
        let pos = |x: u32| o.iter().position(|&y| y == x).unwrap();
        assert!(pos(2) < pos(0), "{o:?}");
        assert_eq!(o.len(), 3);
    }

    fn arb_date() -> impl Strategy<Value = Option<ClaimDate>> {
        prop_oneof![
            Just(None),
            (1u8..13).prop_map(|m| Some(d(&format!("2018-{m:02}")))),
            (1u8..13, 1u8..29).prop_map(|(m, day)| Some(d(&format!("2018-{m:02}-{day:02}")))),
        ]
    }

    proptest! {
        #[test]
        fn revision_order_is_a_permutation_that_respects_dates(
            dates in proptest::collection::vec(arb_date(), 0..12),
        ) {
            let claims: Vec<Revisable> = dates.iter().enumerate()
                .map(|(i, dt)| Revisable { claim: ClaimIx(i as u32), date: *dt, supersedes: None })
                .collect();
            let order = revision_order(&claims);
            let mut sorted: Vec<u32> = order.iter().map(|c| c.0).collect();
            sorted.sort();
            prop_assert_eq!(sorted, (0..claims.len() as u32).collect::<Vec<_>>());
            for (i, x) in order.iter().enumerate() {
                for y in &order[i + 1..] {
                    let (dx, dy) = (dates[x.index()], dates[y.index()]);
                    prop_assert!(date::order(dx.as_ref(), dy.as_ref()) != Some(Ordering::Greater));
                }
            }
        }
    }
}
