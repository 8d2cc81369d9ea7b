//! The historic sweep (DESIGN §10) on one dense question: 300 invented
//! outlets, each revising five times within a year its claims name only,
//! so that every claim was current all year with nearly every other
//! (about 1.1 million historic pairs). Counting them, finding their
//! contradictions, and what `sources` pays (the graph alone).

use criterion::{Criterion, criterion_group, criterion_main};
use recoupe::{ClaimGraph, Store};
use std::hint::black_box;

fn dense_question() -> (tempfile::TempDir, Store) {
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    let sources: String = (0..300).map(|s| format!("  - id: outlet-{s}\n")).collect();
    std::fs::write(
        dir.path().join("sources.yaml"),
        format!("sources:\n{sources}"),
    )
    .expect("written");
    let mut y = String::from(
        "event: e\nquestions:\n  - {id: toll, ask: How many?, kind: count}\nclaims:\n",
    );
    let mut state = 42u64;
    for s in 0..300 {
        for r in 0..5 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let v = 100 + (state >> 33) % 900;
            let value = match r % 3 {
                0 => v.to_string(),
                1 => format!("{{at_least: {v}}}"),
                _ => format!("{{about: {v}}}"),
            };
            y.push_str(&format!(
                "  - {{id: c{s}-{r}, source: outlet-{s}, about: toll, value: {value}, date: 2018, text: t}}\n"
            ));
        }
    }
    std::fs::create_dir(dir.path().join("claims")).expect("created");
    std::fs::write(dir.path().join("claims/e.yaml"), y).expect("written");
    let store = Store::load(dir.path()).expect("valid");
    (dir, store)
}

fn history(c: &mut Criterion) {
    let (_dir, store) = dense_question();
    let q = store.question_ixs().next().expect("one question");
    let mut group = c.benchmark_group("dense question, 1,500 claims");
    group.sample_size(10);
    group.bench_function("graph (what sources pays)", |b| {
        b.iter(|| ClaimGraph::build(black_box(&store)))
    });
    let graph = ClaimGraph::build(&store);
    group.bench_function("count historic pairs", |b| {
        b.iter(|| graph.historic_count(q))
    });
    group.bench_function("historic contradictions", |b| {
        b.iter(|| graph.historic_contradictions(q).count())
    });
    group.bench_function(
        "count historic contradictions, keep the widest 10 (the table)",
        |b| b.iter(|| graph.widest_historic_contradictions(q, 10)),
    );
    group.bench_function("every historic pair", |b| {
        b.iter(|| graph.historic(q).count())
    });
    group.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
