//! `cargo run --release --example synth -- --claims N --out DIR [--seed S]`
//!
//! Writes a deterministic synthetic store for measurements (see
//! `generate.rs` for its shape). The same arguments give the same files.

mod generate;

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let mut claims = 10_000;
    let mut out: Option<PathBuf> = None;
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--claims", Some(v)) => v.parse().map(|n| claims = n).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|n| seed = n).is_ok(),
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            _ => false,
        };
        if !parsed {
            eprintln!("usage: synth --claims N --out DIR [--seed S]");
            return std::process::ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("usage: synth --claims N --out DIR [--seed S]");
        return std::process::ExitCode::from(2);
    };
    if out.join("sources.yaml").exists() || out.join("claims").exists() {
        eprintln!(
            "synth: {} already holds a store; give an empty folder",
            out.display()
        );
        return std::process::ExitCode::from(2);
    }
    match generate::generate(&generate::Plan { claims, seed }, &out) {
        Ok(()) => {
            eprintln!("synth: {claims} claims written to {}", out.display());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {}: {e}", out.display());
            std::process::ExitCode::from(2)
        }
    }
}
