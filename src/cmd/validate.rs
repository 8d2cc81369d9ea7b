//! `recoupe validate`: every problem in the store, not only the first.
//!
//! The list is this command's output, so it goes to stdout (one
//! `file:line:column: message` per line, or JSON); the verdict goes to
//! stderr; the exit status is 2 when there is any problem.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::{Error, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(cx: &Context, _args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(&[Format::Table, Format::Json], Format::Table)?;
    let root = cx.store_root()?;
    let problems = match cx.open(&root) {
        Ok(store) => {
            if format == Format::Table {
                for repeat in recoupe::graph::repeats(&store) {
                    note!("{}", render::summary::repeat_warning(&store, &repeat));
                }
                note!("{}", render::summary::valid_store(&root, &store));
            }
            Vec::new()
        }
        Err(Error::InvalidStore(problems)) => problems,
        Err(other) => return Err(other.into()),
    };
    let written = match format {
        Format::Json => cx.json(out, &render::json::problems(&problems)),
        _ => problems
            .iter()
            .try_for_each(|p| writeln!(out, "{p}"))
            .and_then(|()| out.flush())
            .map_err(Into::into),
    };
    // A reader that hung up (`validate | head -1`) must not turn a broken
    // store into a valid one: the exit status still says 2.
    if let Err(err) = written
        && !super::is_broken_pipe(&err)
    {
        return Err(err);
    }
    if problems.is_empty() {
        Ok(Outcome::Done)
    } else {
        note!("{}", render::summary::problems_found(problems.len()));
        Ok(Outcome::Problems)
    }
}
