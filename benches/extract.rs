//! `recoupe extract` on a long article (issue 12: a 10 MB article in
//! under 5 s and 200 MB; `scripts/bench-extract.sh` measures the whole
//! process at 10 MB). Here, about 1 MB of real news text: the seed dispatch
//! and the wordings of the fixture stores' claims (quotes of published
//! articles), repeated with varied separators, read without a store, with
//! the shipped store's sources, and proposed against the shipped store and
//! the Derna floods store (the `about` guess).

use criterion::{Criterion, criterion_group, criterion_main};
use recoupe::Store;
use recoupe::extract::proposal::{self, Setting};
use recoupe::extract::{self, SourceMatcher};
use std::hint::black_box;
use std::path::Path;

/// About `size` bytes of news text, deterministic.
fn article(size: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("tests/fixtures/seed-qadam-afp-2018-03.txt"))
        .expect("the seed article");
    let mut pieces: Vec<String> = vec![seed.lines().skip(1).collect::<Vec<_>>().join("\n")];
    for story in ["derna-2023-09", "retraites-2023-03-23"] {
        let store = Store::load(&root.join("tests/fixtures").join(story)).expect("valid");
        pieces.extend(store.claims().iter().map(|c| c.text.clone()));
    }
    let separators = ["\n\n", "\n", " ", "\n\n---\n\n", " ; ", ", et "];
    let mut text = String::from("date 2023-09-17\n");
    let mut i = 0;
    while text.len() < size {
        text.push_str(&pieces[i % pieces.len()]);
        text.push_str(separators[i % separators.len()]);
        i += 1;
    }
    text
}

fn long_article(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = article(1_000_000);
    let shipped = Store::load(root).expect("the shipped store");
    let derna = Store::load(&root.join("tests/fixtures/derna-2023-09")).expect("valid");
    let mut group = c.benchmark_group("extract 1 MB");
    group.sample_size(10);
    group.bench_function("figures, no store", |b| {
        b.iter(|| extract::extract(black_box(&text), &SourceMatcher::empty()))
    });
    let matcher = SourceMatcher::new(shipped.sources());
    group.bench_function("figures, shipped sources", |b| {
        b.iter(|| extract::extract(black_box(&text), &matcher))
    });
    let figures = extract::extract(&text, &matcher);
    group.bench_function("proposals, shipped store", |b| {
        b.iter(|| {
            let setting = Setting::new(Some(&shipped), None, extract::header_date(&text));
            proposal::propose(figures.clone(), setting.expect("valid setting"))
        })
    });
    group.bench_function("end to end, Derna store", |b| {
        b.iter(|| {
            let matcher = SourceMatcher::new(derna.sources());
            let figures = extract::extract(black_box(&text), &matcher);
            let setting = Setting::new(Some(&derna), None, extract::header_date(&text));
            proposal::propose(figures, setting.expect("valid setting"))
        })
    });
    group.finish();
}

criterion_group!(benches, long_article);
criterion_main!(benches);
