//! The pipeline of DESIGN §9, stage by stage, on a synthetic store of
//! 10,000 claims (the same generator and seed as `examples/synth`), and
//! end to end on the shipped store. `scripts/bench.sh` measures the whole
//! process (time and peak memory) at 10k and 100k claims.

#[path = "../examples/synth/generate.rs"]
mod generate;

use criterion::{Criterion, criterion_group, criterion_main};
use recoupe::report::{self, ReportOptions, Selection};
use recoupe::{ClaimGraph, Store, render};
use std::hint::black_box;
use std::path::Path;

fn synthetic(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    generate::generate(
        &generate::Plan {
            claims: 10_000,
            seed: 42,
        },
        dir.path(),
    )
    .expect("the store is written");
    let root = dir.path();
    let mut group = c.benchmark_group("10k claims");
    group.sample_size(20);
    group.bench_function("load", |b| b.iter(|| Store::load(root).expect("valid")));
    let store = Store::load(root).expect("valid");
    group.bench_function("relate + graph", |b| {
        b.iter(|| ClaimGraph::build(black_box(&store)))
    });
    let graph = ClaimGraph::build(&store);
    let options = ReportOptions { divergences: 0 };
    group.bench_function("report", |b| {
        b.iter(|| report::build(&graph, Selection::All, options))
    });
    let built = report::build(&graph, Selection::All, options);
    group.bench_function("render json", |b| {
        b.iter(|| {
            serde_json::to_writer(std::io::sink(), &render::json::report(&graph, &built))
                .expect("written")
        })
    });
    group.bench_function("render json, escaped, one document on one core", |b| {
        b.iter(|| {
            render::json::write(
                &mut std::io::sink(),
                &render::json::report(&graph, &built),
                render::json::Layout::Compact,
            )
            .expect("written")
        })
    });
    group.bench_function("render json, by question on every core", |b| {
        b.iter(|| {
            render::json::write_report(
                &mut std::io::sink(),
                &graph,
                &built,
                render::json::Layout::Compact,
            )
            .expect("written")
        })
    });
    group.bench_function("end to end (json)", |b| {
        b.iter(|| {
            let store = Store::load(root).expect("valid");
            let graph = ClaimGraph::build(&store);
            let report = report::build(&graph, Selection::All, options);
            serde_json::to_writer(std::io::sink(), &render::json::report(&graph, &report))
                .expect("written");
        })
    });
    group.finish();
}

fn shipped(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let look = render::Look {
        color: false,
        width: 100,
    };
    c.bench_function("shipped store: report table end to end", |b| {
        b.iter(|| {
            let store = Store::load(root).expect("valid");
            let graph = ClaimGraph::build(&store);
            let options = ReportOptions {
                divergences: render::table::DIVERGENCES_SHOWN,
            };
            let report = report::build(&graph, Selection::All, options);
            render::table::report(&mut std::io::sink(), &store, &report, look).expect("written");
        })
    });
}

criterion_group!(benches, synthetic, shipped);
criterion_main!(benches);
