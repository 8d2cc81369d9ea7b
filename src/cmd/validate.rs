//! `recoupe validate`: every problem in the store, not only the first.
//!
//! The list is this command's output, so it goes to stdout: on a terminal
//! each problem under its line with a caret, as rustc shows errors
//! (`--format snippet`); piped, one `file:line:column: message` per line
//! (`--format short`); or JSON. The verdict goes to stderr; the exit status
//! is 2 when there is any problem.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::render::snippet::Sourced;
use recoupe::{Error, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(cx: &Context, _args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = match cx.format(
        &[Format::Table, Format::Short, Format::Snippet, Format::Json],
        Format::Table,
    )? {
        Format::Table if cx.is_tty() => Format::Snippet,
        Format::Table => Format::Short,
        other => other,
    };
    let root = cx.store_root()?;
    // The newsroom's settings (recoupe.yaml) are part of the store.
    let settings = match recoupe::export::newsroom::read(&root) {
        Err(Error::InvalidStore(problems)) => problems,
        Err(other) => return Err(other.into()),
        Ok(_) => Vec::new(),
    };
    let mut problems = match cx.open(&root) {
        Ok(store) => {
            if format != Format::Json && settings.is_empty() {
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
    problems.extend(settings);
    problems.sort();
    let written = match format {
        Format::Json => cx.json(out, &render::json::problems(&problems)),
        Format::Snippet => {
            let lines = recoupe::store::problem_lines(&root, &problems);
            let sourced: Vec<Sourced> = problems
                .iter()
                .zip(lines)
                .map(|(problem, line)| Sourced { problem, line })
                .collect();
            write!(
                out,
                "{}",
                render::snippet::problems(&sourced, cx.look().color)
            )
            .and_then(|()| out.flush())
            .map_err(Into::into)
        }
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
