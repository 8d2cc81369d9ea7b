//! Opening the caches and searching, as a warm `check` does, on a
//! synthetic store of 10,000 claims (the generator and seed of
//! `examples/synth`): the store opened from `.recoupe/`, the index opened
//! (mapped) from `.recoupe/`, one search on the mapped index and on the
//! same index built in memory (they rank alike to the bit), the cold
//! index build for comparison, and what `add` does to the index once its
//! claim is written: the cached index of the store before, extended to
//! the store after (read from the old file, written to the new one).
//! `scripts/bench.sh` measures the whole process up to a million claims.

#[path = "../examples/synth/generate.rs"]
mod generate;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use recoupe::retrieve::{self, Index};
use recoupe::store::write::{Addition, Item, WriteLock, apply_to};
use recoupe::{Location, Store};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Wordings of the kind a desk checks, in both languages.
const QUERIES: [&str; 4] = [
    "At least 120 people were killed in Northtown, synthetic-wire-003 said.",
    "Selon synthetic-wire-032, 2679 personnes tuées à Eastgate.",
    "How much of Rivermouth is under control?",
    "About 40 percent of Valmont was destroyed",
];

/// The synthetic store of 10,000 claims, in a temporary folder.
fn synthetic_store() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    let plan = generate::Plan {
        claims: 10_000,
        seed: 42,
    };
    generate::generate(&plan, dir.path()).expect("the store is written");
    dir
}

fn open_and_search(c: &mut Criterion) {
    let dir = synthetic_store();
    let root = dir.path();
    // Warm both caches.
    let store = Store::open(root).expect("valid");
    drop(retrieve::open(&store, root));
    let mut group = c.benchmark_group("10k claims, warm");
    group.sample_size(20);
    group.bench_function("open the store", |b| {
        b.iter(|| Store::open(root).expect("valid"))
    });
    group.bench_function("open the index", |b| {
        b.iter(|| retrieve::open(black_box(&store), root))
    });
    let index = retrieve::open(&store, root);
    group.bench_function("search", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            index.search(&store, QUERIES[i % QUERIES.len()], 5)
        })
    });
    let built = Index::build(&store);
    group.bench_function("search, index built in memory", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            built.search(&store, QUERIES[i % QUERIES.len()], 5)
        })
    });
    group.bench_function("open both and search (a warm check)", |b| {
        b.iter(|| {
            let store = Store::open(root).expect("valid");
            let index = retrieve::open(&store, root);
            index.search(&store, QUERIES[0], 5)
        })
    });
    group.bench_function("build the index (cold)", |b| {
        b.iter(|| Index::build(black_box(&store)))
    });
    group.finish();
}

/// `add` of one claim to the first claims file (every later claim moves),
/// then the index kept for the store it wrote, as `recoupe add` does.
fn keep_after_add(c: &mut Criterion) {
    let dir = synthetic_store();
    let root = dir.path();
    let _ = Store::open(root).expect("valid");
    let before = Store::open(root).expect("valid, from its cache");
    drop(retrieve::open(&before, root));
    let index = root.join(".recoupe/index.pages");
    let index_before = std::fs::read(&index).expect("the index is cached");
    let item = Item {
        text: "- id: bench-added\n  source: synthetic-wire-000\n  about: q0\n  text: \"A claim added by the bench\"\n".to_string(),
        origin: Location::new(Path::new("the bench"), 0, 0),
    };
    let additions = BTreeMap::from([(
        PathBuf::from("claims/ev-000000.yaml"),
        Addition {
            event: "ev-000000".to_string(),
            questions: Vec::new(),
            claims: vec![item],
        },
    )]);
    let lock = WriteLock::acquire(root).expect("the store is ours");
    let after = apply_to(&lock, &before, &additions).expect("the claim is valid");
    let mut group = c.benchmark_group("10k claims, one claim added");
    group.sample_size(20);
    group.bench_function("keep the index (extended from the cached one)", |b| {
        b.iter_batched(
            || std::fs::write(&index, &index_before).expect("the old index restored"),
            |()| retrieve::keep(&before, &after, root),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, open_and_search, keep_after_add);
criterion_main!(benches);
