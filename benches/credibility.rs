//! Credibility algorithms on a synthetic instance of Population's size
//! (Pasternack & Roth's Wikipedia data: 4,264 sources, 42,832 items,
//! 49,955 claims, a long tail of one-claim sources and a few very busy
//! ones, about 1,150 items in conflict). Synthetic, so that the benchmark
//! runs without the corpus.

use criterion::{Criterion, criterion_group, criterion_main};
use recoupe::credibility::{Algorithm, Alternatives, Instance, InstanceBuilder, Iterations};

/// A small linear congruential generator: reproducible, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn population_sized() -> Instance {
    const SOURCES: usize = 4_264;
    const ITEMS: usize = 42_832;
    const CLAIMS: usize = 49_955;
    let mut rng = Lcg(2013);
    let mut b = InstanceBuilder::new();
    for _ in 0..SOURCES {
        b.add_source(None);
    }
    // Source s is drawn with weight ~ 1/(s+1) (a long tail).
    let harmonic: Vec<f64> = (0..SOURCES)
        .scan(0.0, |acc, s| {
            *acc += 1.0 / (s as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = harmonic[SOURCES - 1];
    let pick_source = |rng: &mut Lcg| {
        let x = rng.below(1 << 30) as f64 / (1u64 << 30) as f64 * total;
        harmonic.partition_point(|&h| h < x).min(SOURCES - 1)
    };
    let mut claims = 0;
    for item in 0..ITEMS {
        let o = b.add_object(Alternatives::Exclusive);
        let truth = b.add_fact(o);
        let first = pick_source(&mut rng);
        b.assert(first, truth);
        claims += 1;
        // The remaining claims go to the first items, one to three more
        // each, a third of them with a rival value.
        let extra = if claims < CLAIMS && item < (CLAIMS - ITEMS) / 2 {
            1 + rng.below(3) as usize
        } else {
            0
        };
        let mut rival = None;
        for _ in 0..extra {
            let s = pick_source(&mut rng);
            let fact = if rng.below(3) == 0 {
                *rival.get_or_insert_with(|| b.add_fact(o))
            } else {
                truth
            };
            claims += usize::from(b.assert(s, fact));
        }
    }
    b.build()
}

fn algorithms(c: &mut Criterion) {
    let instance = population_sized();
    let mut group = c.benchmark_group(format!(
        "population-sized ({} sources, {} claims)",
        instance.sources(),
        instance.assertions()
    ));
    for algorithm in Algorithm::ALL {
        group.bench_function(algorithm.name(), |b| {
            b.iter(|| algorithm.run(&instance, Iterations::Default))
        });
    }
    group.bench_function("truthfinder, 20 rounds", |b| {
        b.iter(|| Algorithm::TruthFinder.run(&instance, Iterations::Fixed(20)))
    });
    group.finish();
}

criterion_group!(benches, algorithms);
criterion_main!(benches);
