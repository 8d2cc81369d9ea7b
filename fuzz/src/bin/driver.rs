//! A stable stand-in for `cargo fuzz run`: no nightly, no libFuzzer.
//!
//! It feeds each target its seeds, then random mutations of them (bit
//! flips, bytes and YAML or text tokens inserted, ranges deleted or
//! repeated, splices of two inputs) for a given time, catching panics.
//! Without coverage feedback it explores less than libFuzzer does; it is
//! what runs where only a stable toolchain exists.
//!
//! ```text
//! driver seeds [DIR]                  write the seed corpora (default: corpus)
//! driver run TARGET SECONDS [DIR]     fuzz TARGET, seeds from DIR/TARGET
//! driver repro TARGET FILE            run TARGET once on FILE
//! ```
//!
//! Crashes go to `artifacts/TARGET/crash-HASH`, inputs slower than a
//! second to `artifacts/TARGET/slow-HASH`.

use std::hash::{Hash, Hasher};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["seeds", rest @ ..] => seeds(Path::new(rest.first().copied().unwrap_or("corpus"))),
        ["run", target, seconds, rest @ ..] => run(
            target,
            Duration::from_secs(seconds.parse().expect("SECONDS")),
            Path::new(rest.first().copied().unwrap_or("corpus")),
        ),
        ["repro", target, file] => {
            let data = std::fs::read(file).expect("read FILE");
            target_fn(target)(&data);
            println!("no crash");
        }
        _ => {
            eprintln!("usage: driver seeds [DIR] | run TARGET SECONDS [DIR] | repro TARGET FILE");
            std::process::exit(2);
        }
    }
}

fn target_fn(name: &str) -> fn(&[u8]) {
    recoupe_fuzz::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| {
            let names: Vec<_> = recoupe_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
            eprintln!("unknown target {name}; targets: {}", names.join(", "));
            std::process::exit(2);
        })
}

fn hash(data: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn seeds(dir: &Path) {
    for (name, _) in recoupe_fuzz::TARGETS {
        let folder = dir.join(name);
        std::fs::create_dir_all(&folder).expect("corpus folder");
        let seeds = recoupe_fuzz::seeds(name);
        for seed in &seeds {
            std::fs::write(folder.join(format!("seed-{}", hash(seed))), seed).expect("write seed");
        }
        println!("{}: {} seeds", folder.display(), seeds.len());
    }
}

/// xorshift64*: enough randomness for mutations, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that matter to the store's YAML, the value forms and the text
/// readers: inserted whole, they reach deeper than random bytes.
const TOKENS: &[&str] = &[
    ": ",
    "\n- ",
    "\n  ",
    "- id: ",
    "&a ",
    "*a",
    "<<: *a",
    "{",
    "}",
    "[",
    "]",
    ",",
    "'",
    "\"",
    "#",
    "\t",
    "\r\n",
    "\r",
    "\0",
    "---\n",
    "...\n",
    "!!str ",
    "!tag ",
    "? ",
    "|\n  ",
    ">-\n  ",
    "~",
    "null",
    "true",
    "-1",
    "0",
    "1e308",
    "-1e308",
    ".nan",
    ".inf",
    "0x1F",
    "9999999999999999999",
    "0.000001",
    "1,5",
    "1 000",
    "%",
    " percent",
    "at_least: ",
    "more_than: ",
    "about: ",
    "low: ",
    "high: ",
    "between: [",
    "is: ",
    "supersedes: ",
    "agrees_with: [",
    "contradicts: [",
    "via: [",
    "date: ",
    "2023-02-30",
    "2023-13",
    "0000",
    "published: ",
    "url: ",
    "https://",
    "about: x/",
    "questions:\n",
    "claims:\n",
    "kind: ",
    "tolerance: ",
    "scale: [",
    "cumulative: ",
    "unit: ",
    "sources:\n",
    "words: {en: [",
    "selon ",
    "according to ",
    "au moins ",
    "at least ",
    "près de ",
    "plus de ",
    "moins de ",
    "entre ",
    " et ",
    " and ",
    "millions",
    "milliers",
    "trois quarts",
    "half",
    "one in five",
    ". ",
    "\n\n",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "\u{1b}[31m",
    "\u{85}",
    "\u{0301}",
    "é",
    "ß",
    "İ",
    "𝟙",
    "٣",
    "١٢",
    "…",
    "«",
    "»",
    "’",
];

fn mutate(rng: &mut Rng, pool: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let len = input.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 | 3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                input.splice(at..at, token.iter().copied());
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                input.drain(a..b);
            }
            5 if len > 0 => {
                // A range repeated: long words, long lists, deep nesting.
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                let chunk = input[a..b].to_vec();
                let most = if rng.below(8) == 0 { 4096 } else { 16 };
                let times = 1 + rng.below(most);
                let at = rng.below(input.len() + 1);
                let repeated: Vec<u8> = chunk
                    .iter()
                    .copied()
                    .cycle()
                    .take(chunk.len() * times)
                    .collect();
                input.splice(at..at, repeated);
            }
            6 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(256)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            7 if len > 1 => {
                let at = rng.below(len);
                input.truncate(at.max(1));
            }
            _ => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                input.splice(at..at, bytes);
            }
        }
    }
    // Inputs stay small enough to run many (libFuzzer's default is 4 KB;
    // the seeds are up to 9 KB, long-input cases up to 1 MB).
    input.truncate(1 << 20);
}

fn run(name: &str, budget: Duration, corpus: &Path) {
    let target = target_fn(name);
    let mut pool: Vec<Vec<u8>> = match std::fs::read_dir(corpus.join(name)) {
        Ok(entries) => entries
            .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
            .collect(),
        Err(_) => recoupe_fuzz::seeds(name),
    };
    if pool.is_empty() {
        pool.push(Vec::new());
    }
    let seeds = pool.len();
    let artifacts = PathBuf::from("artifacts").join(name);
    std::fs::create_dir_all(&artifacts).expect("artifacts folder");
    panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15
        ^ std::process::id() as u64
        ^ Instant::now().elapsed().as_nanos() as u64
        | 1);
    let start = Instant::now();
    let (mut execs, mut crashes) = (0u64, 0u64);
    let mut distinct: std::collections::BTreeMap<String, u64> = Default::default();
    let mut slowest = (Duration::ZERO, 0usize);
    let mut report_at = Duration::from_secs(30);
    while start.elapsed() < budget {
        let mut input = if (execs as usize) < seeds {
            pool[execs as usize].clone()
        } else {
            let mut input = pool[rng.below(pool.len())].clone();
            mutate(&mut rng, &pool, &mut input);
            input
        };
        input.shrink_to_fit();
        let t = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| target(&input)));
        let took = t.elapsed();
        execs += 1;
        if took > slowest.0 {
            slowest = (took, input.len());
        }
        if took > Duration::from_secs(1) {
            let _ = std::fs::write(artifacts.join(format!("slow-{}", hash(&input))), &input);
        }
        match outcome {
            Err(payload) => {
                crashes += 1;
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let key: String = message.chars().take(120).collect();
                let first = !distinct.contains_key(&key);
                *distinct.entry(key).or_default() += 1;
                if first {
                    let file = artifacts.join(format!("crash-{}", hash(&input)));
                    let _ = std::fs::write(&file, &input);
                    eprintln!(
                        "CRASH {}: {}",
                        file.display(),
                        message.chars().take(500).collect::<String>()
                    );
                }
            }
            Ok(()) => {
                // Keep a few mutants, so that mutations stack up.
                if pool.len() < 2000 && rng.below(32) == 0 {
                    pool.push(input);
                }
            }
        }
        if start.elapsed() >= report_at {
            eprintln!(
                "#{execs} {:.0}s crashes {crashes}",
                start.elapsed().as_secs_f64()
            );
            report_at += Duration::from_secs(30);
        }
    }
    println!(
        "{name}: {execs} executions in {:.0} s, {crashes} crashes ({} distinct), slowest {:.3} s on {} bytes",
        start.elapsed().as_secs_f64(),
        distinct.len(),
        slowest.0.as_secs_f64(),
        slowest.1
    );
    for (message, n) in &distinct {
        println!("  {n} × {message}");
    }
}
