//! `recoupe init [DIR]`: a new store with a commented example, so that a
//! newcomer has the format in front of them (and `recoupe report` shows
//! its contradiction straight away). Never overwrites a store.

use super::{Context, Outcome};
use anyhow::{Result, bail};
use std::io::Write;
use std::path::PathBuf;

const SOURCES: &str = include_str!("sources.yaml");
const EXAMPLE: &str = include_str!("example.yaml");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the store (default: the current folder).
    dir: Option<PathBuf>,
}

pub fn run(_cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    if dir.join("sources.yaml").exists() {
        bail!(
            "{} already holds a store (sources.yaml); nothing was written",
            dir.display()
        );
    }
    let claims = dir.join("claims");
    std::fs::create_dir_all(&claims).map_err(|e| recoupe::Error::io(&claims, e))?;
    let example = claims.join("example-event.yaml");
    if !example.exists() {
        std::fs::write(&example, EXAMPLE).map_err(|e| recoupe::Error::io(&example, e))?;
    }
    let sources = dir.join("sources.yaml");
    std::fs::write(&sources, SOURCES).map_err(|e| recoupe::Error::io(&sources, e))?;
    writeln!(
        out,
        "created {} and {}",
        sources.display(),
        example.display()
    )?;
    writeln!(out, "next: `recoupe report` in {}", dir.display())?;
    Ok(Outcome::Done)
}
