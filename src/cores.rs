//! Work spread over the machine's cores, its results taken in order.
//!
//! A report of a large store is one piece of work per question, and the
//! pieces differ by orders of magnitude (a question revised thousands of
//! times against one answered twice): cutting the list into one slice per
//! core leaves one core on the busy slice while the others wait. Here each
//! core takes the next item no core has taken, and the results are handed
//! on in the items' order as soon as each is ready, so that a writer can
//! stream them (nothing holds every result at once) and the output is the
//! same as one core's.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};

/// The cores this process may use, asked of the system once: the standard
/// library reads the control group's quota files at every ask, and truth
/// discovery asks twice an iteration.
pub(crate) fn count() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Items made ahead of the one taken last, at most, per core: enough that
/// the other cores keep working while one makes a long item (the busiest
/// questions come first in a report), few enough that memory stays that
/// of a few items.
const MADE_AHEAD: usize = 16;

/// `make` of every item, on every core, handed to `take` in the items'
/// order. Each core makes the next item not yet taken by another, at most
/// [`MADE_AHEAD`] per core beyond the last item `take` had (it waits
/// otherwise). The first error of `take` (a closed pipe) stops every core
/// and is returned. On one core, or for one item, everything runs on the
/// calling thread.
pub(crate) fn in_order<T: Sync, R: Send, E>(
    items: &[T],
    make: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let cores = count().min(items.len());
    if cores <= 1 {
        return items.iter().try_for_each(|item| take(make(item)));
    }
    let ahead = MADE_AHEAD * cores;
    let next = AtomicUsize::new(0);
    // How many items were taken (`usize::MAX` once taking stopped), and
    // the signal that it changed.
    let taken = (Mutex::new(0usize), Condvar::new());
    let (made, ready) = std::sync::mpsc::channel::<(usize, R)>();
    let (make, next, taken) = (&make, &next, &taken);
    std::thread::scope(|scope| {
        for _ in 0..cores {
            let made = made.clone();
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let (count, changed) = taken;
                    let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= count.saturating_add(ahead) {
                        count = changed.wait(count).unwrap_or_else(|e| e.into_inner());
                    }
                    let stopped = *count == usize::MAX;
                    drop(count);
                    // Taking gone (it stopped on an error): stop.
                    if stopped || made.send((i, make(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(made);
        let mut waiting = std::collections::BTreeMap::new();
        let mut result = Ok(());
        'items: for i in 0..items.len() {
            let item = loop {
                if let Some(item) = waiting.remove(&i) {
                    break item;
                }
                // Every core gone without this item: one panicked, and
                // the scope raises its panic on the way out.
                let Ok((j, item)) = ready.recv() else {
                    break 'items;
                };
                waiting.insert(j, item);
            };
            result = take(item);
            if result.is_err() {
                break;
            }
            *taken.0.lock().unwrap_or_else(|e| e.into_inner()) = i + 1;
            taken.1.notify_all();
        }
        // Done, stopped or a core gone: no core waits for room any more.
        *taken.0.lock().unwrap_or_else(|e| e.into_inner()) = usize::MAX;
        taken.1.notify_all();
        drop(ready);
        result
    })
}

/// `make` of every item, on every core, each core taking the next item
/// not yet taken; the results in the items' order. Unlike [`in_order`]
/// nothing bounds how far a core runs ahead, so one long item (the
/// Zipf-large question of a store in store order) leaves the other cores
/// on the rest, and every result is held at once: for work whose results
/// are all kept anyway.
pub(crate) fn every<T: Sync, R: Send>(items: &[T], make: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = count().min(items.len());
    if cores <= 1 {
        return items.iter().map(make).collect();
    }
    let next = AtomicUsize::new(0);
    let (make, next) = (&make, &next);
    let mut made: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                scope.spawn(move || {
                    let mut made = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break made;
                        };
                        made.push((i, make(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    made.sort_unstable_by_key(|&(i, _)| i);
    made.into_iter().map(|(_, r)| r).collect()
}

/// Work below which one more thread costs more than it saves: starting a
/// thread is tens of microseconds, a unit of work (a fact and its links)
/// a few nanoseconds.
const WORTH_A_THREAD: usize = 1 << 15;

/// `fill(first, run)` of `out` cut into one contiguous run per core, where
/// `first` is the index of the run's first element. The cuts even out the
/// cost `cost_before(i)` says the elements before `i` have (non-decreasing,
/// `cost_before(0) == 0`), so that a run of heavy elements is not one
/// core's alone. For work repeated many times over the same elements, each
/// element computed alone (an iteration of truth discovery): the result is
/// that of one core, bit for bit. Small work stays on the calling thread.
pub(crate) fn fill_runs<T: Send>(
    out: &mut [T],
    cost_before: impl Fn(usize) -> usize,
    fill: impl Fn(usize, &mut [T]) + Sync,
) {
    let total = cost_before(out.len());
    let cores = count().min(total / WORTH_A_THREAD).min(out.len());
    if cores <= 1 {
        fill(0, out);
        return;
    }
    // The first element of each run after the first.
    let cuts: Vec<usize> = (1..cores)
        .map(|k| {
            let share = total / cores * k;
            // The first element whose cost begins at or past the share.
            let (mut low, mut high) = (0, out.len());
            while low < high {
                let mid = low + (high - low) / 2;
                if cost_before(mid) < share {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            low
        })
        .collect();
    let fill = &fill;
    std::thread::scope(|scope| {
        let mut rest = out;
        let mut first = 0;
        let mut runs = Vec::with_capacity(cores);
        for &cut in &cuts {
            let (run, after) = rest.split_at_mut(cut - first);
            runs.push((first, run));
            (rest, first) = (after, cut);
        }
        for (start, run) in runs {
            scope.spawn(move || fill(start, run));
        }
        fill(first, rest);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_the_items_order_however_long_each_takes() {
        let items: Vec<u64> = (0..200).collect();
        let mut taken = Vec::new();
        let done: Result<(), ()> = in_order(
            &items,
            |&i| {
                // Early items slow, so that later ones are ready first.
                if i % 50 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                i * 2
            },
            |x| {
                taken.push(x);
                Ok(())
            },
        );
        assert!(done.is_ok());
        assert_eq!(taken, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_take_stops_every_core() {
        let items: Vec<usize> = (0..1000).collect();
        let made = AtomicUsize::new(0);
        let mut taken = 0;
        let result = in_order(
            &items,
            |&i| {
                made.fetch_add(1, Ordering::Relaxed);
                i
            },
            |i| {
                assert_eq!(i, taken, "in order");
                taken += 1;
                if taken == 10 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(result, Err("closed"));
        assert_eq!(taken, 10);
        // Each core stops within its allowance of the last item taken.
        let cores = count();
        assert!(made.into_inner() <= 10 + cores * (MADE_AHEAD + 1));
    }

    #[test]
    fn every_result_comes_in_the_items_order_past_a_long_item() {
        let items: Vec<u64> = (0..300).collect();
        let made = every(&items, |&i| {
            // One long item early: the other cores go on past it.
            if i == 3 {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            i * 2
        });
        assert_eq!(made, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(every(&[] as &[u8], |_| unreachable!()).is_empty());
    }

    #[test]
    fn nothing_to_make_is_nothing_taken() {
        let done: Result<(), ()> = in_order(&[] as &[u8], |_| unreachable!(), |_: ()| Err(()));
        assert_eq!(done, Ok(()));
    }

    #[test]
    fn runs_filled_on_every_core_are_what_one_core_fills() {
        // The costly elements bunched at the start: the cuts follow the
        // cost, not the count.
        let n = 200_000;
        let cost_before = |i: usize| i.min(1_000) * 100 + i;
        let mut out = vec![0u64; n];
        let runs = Mutex::new(Vec::new());
        fill_runs(&mut out, cost_before, |first, run| {
            runs.lock().unwrap().push((first, run.len()));
            for (i, x) in (first..).zip(run) {
                *x = (i as u64).wrapping_mul(2_654_435_761);
            }
        });
        let want: Vec<u64> = (0..n as u64)
            .map(|i| i.wrapping_mul(2_654_435_761))
            .collect();
        assert_eq!(out, want);
        let mut runs = runs.into_inner().unwrap();
        runs.sort();
        // One after the other, covering the slice once.
        let mut next = 0;
        for &(first, len) in &runs {
            assert_eq!(first, next);
            next += len;
        }
        assert_eq!(next, n);
        if count() > 1 {
            assert_eq!(runs.len(), count().min(cost_before(n) / WORTH_A_THREAD));
            // The first run holds the costly elements: it is the shortest.
            assert!(runs[0].1 < n / runs.len(), "{runs:?}");
        }
    }

    #[test]
    fn small_work_is_filled_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let mut out = vec![0; 100];
        fill_runs(
            &mut out,
            |i| i,
            |first, run| {
                assert_eq!(std::thread::current().id(), caller);
                assert_eq!((first, run.len()), (0, 100));
                run.fill(1);
            },
        );
        assert_eq!(out, vec![1; 100]);
    }
}
