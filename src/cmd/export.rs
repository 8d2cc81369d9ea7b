//! `recoupe export --csv [--questions] | --claimreview [EVENT[/QUESTION]]`:
//! the store for the newsroom's other tools.
//!
//! CSV is data for a file or a pipe and is written as it is held (a round
//! trip through `import` gives the same bytes); on a terminal, store text
//! is escaped like everywhere else.

use super::{Context, Outcome};
use anyhow::Result;
use recoupe::report::{self, ReportOptions, Selection};
use recoupe::{ClaimGraph, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["csv", "claimreview"])))]
pub struct Args {
    /// Only this event, or this question (EVENT/QUESTION).
    selection: Option<String>,
    /// CSV, one row per claim, in the columns `import` reads.
    #[arg(long)]
    csv: bool,
    /// With --csv: one row per question instead (consensus as best, low
    /// and high; independent sources; status).
    #[arg(long, requires = "csv")]
    questions: bool,
    /// schema.org ClaimReview JSON-LD, one review per claim under review.
    #[arg(long)]
    claimreview: bool,
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let store = cx.load_store()?;
    let selection = match &args.selection {
        Some(spec) => Selection::parse(&store, spec)?,
        None => Selection::All,
    };
    let mut data = Vec::new();
    if args.claimreview {
        let Some(newsroom) = recoupe::export::newsroom::read(&cx.store_root()?)? else {
            anyhow::bail!(
                "export --claimreview needs to know who publishes the reviews: write {} beside \
                 sources.yaml with `newsroom:` and its `name` and `url` (see the README)",
                recoupe::export::newsroom::FILE
            );
        };
        let graph = ClaimGraph::build(&store);
        let report = report::build(&graph, selection, ReportOptions { divergences: 0 });
        let reviews = recoupe::export::claimreview::reviews(&graph, &report);
        recoupe::export::claimreview::check_urls(&store, &reviews)?;
        let today = recoupe::date::ClaimDate::today();
        let doc = render::claimreview::document(&store, &newsroom, &reviews, today);
        cx.json(out, &doc)?;
        return Ok(Outcome::Done);
    } else if args.questions {
        let graph = ClaimGraph::build(&store);
        let report = report::build(&graph, selection, ReportOptions { divergences: 0 });
        let rows = recoupe::export::questions(&report);
        render::csv::questions(&mut data, &store, &rows)?;
    } else {
        render::csv::claims(&mut data, &store, selection)?;
    }
    if cx.is_tty() {
        let text = String::from_utf8_lossy(&data);
        for line in text.lines() {
            writeln!(out, "{}", recoupe::escape::escape(line))?;
        }
    } else {
        out.write_all(&data)?;
    }
    Ok(Outcome::Done)
}
