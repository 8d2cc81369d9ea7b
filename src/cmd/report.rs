//! `recoupe report [EVENT[/QUESTION]]`: where accounts diverge.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::date::ClaimDate;
use recoupe::report::{self, ReportOptions, Selection};
use recoupe::{ClaimGraph, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this event, or this question (EVENT/QUESTION).
    selection: Option<String>,

    /// The store as it stood on DATE: claims dated later left out, each
    /// source's latest claim by then current.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    as_of: Option<ClaimDate>,

    /// Show where each claim was published (url, published, archive, note).
    #[arg(short, long)]
    verbose: bool,
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
    let graph = ClaimGraph::build_as_of(&store, args.as_of);
    let options = ReportOptions {
        divergences: if format != Format::Json {
            render::table::DIVERGENCES_SHOWN
        } else {
            0
        },
    };
    let report = report::build(&graph, selection, options);
    let shown = match format {
        Format::Json => render::json::write_report(out, &graph, &report, cx.json_layout),
        Format::Markdown => render::markdown::report(out, &store, &report),
        Format::Html => render::html::report(out, &store, &report),
        _ => render::table::report_with(
            out,
            &store,
            &report,
            cx.look(),
            if args.verbose {
                render::table::Provenance::Shown
            } else {
                render::table::Provenance::Hidden
            },
        ),
    };
    // As in `check`: the process ends here, and freeing the decoded store,
    // its graph and the report took over a second at 1M
    // (docs/performance.md).
    std::mem::forget(report);
    std::mem::forget(graph);
    std::mem::forget(store);
    shown?;
    Ok(Outcome::Done)
}
