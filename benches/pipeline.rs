use criterion::{Criterion, criterion_group, criterion_main};
fn shipped(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    c.bench_function("shipped store: load", |b| {
        b.iter(|| recoupe::Store::load(root).unwrap())
    });
}
criterion_group!(benches, shipped);
criterion_main!(benches);
