//! `recoupe report [EVENT[/QUESTION]]`: where accounts diverge.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::report::{self, ReportOptions, Selection};
use recoupe::{ClaimGraph, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this event, or this question (EVENT/QUESTION).
    selection: Option<String>,
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(
        &[Format::Table, Format::Json, Format::Markdown, Format::Html],
        Format::Table,
    )?;
    let store = cx.load_store()?;
    let selection = match &args.selection {
        Some(spec) => Selection::parse(&store, spec)?,
        None => Selection::All,
    };
    let graph = ClaimGraph::build(&store);
    let options = ReportOptions {
        divergences: if format != Format::Json {
            render::table::DIVERGENCES_SHOWN
        } else {
            0
        },
    };
    let report = report::build(&graph, selection, options);
    match format {
        Format::Json => cx.json(out, &render::json::report(&graph, &report))?,
        Format::Markdown => render::markdown::report(out, &store, &report)?,
        Format::Html => render::html::report(out, &store, &report)?,
        _ => render::table::report(out, &store, &report, cx.look())?,
    }
    Ok(Outcome::Done)
}
