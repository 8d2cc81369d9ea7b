//! `recoupe import FILE.csv|FILE.jsonl`: many claims at once.
//!
//! Every row is read and checked, the store is judged as it would be with
//! all of them, and only then are the claims files written (each one
//! atomically, under the store's write lock). One bad row: nothing is
//! written.

use super::{Context, Outcome};
use anyhow::Result;
use recoupe::store::write::{self, WriteLock};
use recoupe::{import, render};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CSV file with a header row, or JSON Lines (one claim per line).
    file: PathBuf,
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let (rows, shape) = import::read_rows_and_problems(&args.file)?;
    let root = cx.store_root()?;
    let lock = WriteLock::acquire(&root)?;
    let store = cx.open(&root)?;
    let (plan, mut problems) = import::plan(&store, &args.file, &rows);
    problems.extend(shape);
    if !problems.is_empty() {
        // Judge the readable rows too, so that every problem is listed now.
        problems.extend(write::problems(&lock, &plan.additions)?);
        problems.sort();
        return Err(recoupe::Error::Rejected(problems).into());
    }
    let written = write::apply_to(&lock, &store, &plan.additions)?;
    cx.keep(&root, &store, written);
    render::summary::imported_files(out, &plan.additions, &plan.ids)?;
    note!("{}", render::summary::imported(plan.claims, &args.file));
    Ok(Outcome::Done)
}
