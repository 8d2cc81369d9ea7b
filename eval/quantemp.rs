//! Extraction over real fact-check claims: robustness and speed.
//!
//! `cargo run --release --example eval-quantemp -- [TSV] [--misses N]`
//!
//! Runs [`recoupe::extract::extract`] over every claim of QuanTemp's test
//! split (`../shared/corpus/numbers/quantemp/test_claims_text.tsv` by
//! default; 2,495 numeric claims written by fact-checkers). It checks that
//! nothing panics and prints the time taken, per claim and in total, and
//! how many claims yield at least one figure; `--misses N` prints the first
//! N claims where none was found, for reading. The corpus is never copied
//! into the repository; when it is absent this says so and exits 0.

use recoupe::extract::{SourceMatcher, extract};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses_wanted: usize = args
        .iter()
        .position(|a| a == "--misses")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let path = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpus/numbers/quantemp/test_claims_text.tsv")
        });
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "No QuanTemp claims at {}: nothing to run (see ../shared/corpus/README.md).",
            path.display()
        );
        return;
    };
    let claims: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').nth(1))
        .collect();
    let sources = SourceMatcher::empty();
    let started = Instant::now();
    let mut with_figure = 0usize;
    let mut figures = 0usize;
    let mut qualified = 0usize;
    let mut misses = Vec::new();
    for claim in &claims {
        let found: Vec<_> = extract(claim, &sources)
            .into_iter()
            .filter(|f| f.value.is_numeric())
            .collect();
        if found.is_empty() {
            if misses.len() < misses_wanted {
                misses.push(*claim);
            }
        } else {
            with_figure += 1;
        }
        qualified += found
            .iter()
            .filter(|f| !matches!(f.value, recoupe::value::Value::Exact(_)))
            .count();
        figures += found.len();
    }
    let elapsed = started.elapsed();
    let n = claims.len().max(1) as f64;
    println!("QuanTemp test claims: {}", path.display());
    println!("claims:                 {}", claims.len());
    println!(
        "claims with a figure:   {with_figure} ({:.1}%)",
        100.0 * with_figure as f64 / n
    );
    println!("figures found:          {figures} ({qualified} qualified or vague)");
    println!("total time:             {:.3} s", elapsed.as_secs_f64());
    println!(
        "time per claim:         {:.1} µs",
        elapsed.as_secs_f64() * 1e6 / n
    );
    println!(
        "claims per second:      {:.0}",
        n / elapsed.as_secs_f64().max(1e-9)
    );
    for claim in misses {
        println!("no figure: {claim}");
    }
}
