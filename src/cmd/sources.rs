//! `recoupe sources`: sources ranked by credibility, explained.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::credibility::evidence::Analysis;
use recoupe::credibility::{Algorithm, Iterations};
use recoupe::date::ClaimDate;
use recoupe::render::sources::Detail;
use recoupe::{ClaimGraph, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scoring algorithm (recoupe: for news claims, see docs/credibility.md).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "recoupe",
        value_parser = clap::builder::PossibleValuesParser::new(Algorithm::ALL.map(Algorithm::name)),
    )]
    algorithm: String,

    /// Run exactly N rounds instead of the algorithm's own stopping rule.
    #[arg(long, value_name = "N")]
    iterations: Option<usize>,

    /// Add each claim's confidence.
    #[arg(short, long)]
    verbose: bool,

    /// Rank the sources as the store stood on DATE.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    as_of: Option<ClaimDate>,
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(&[Format::Table, Format::Json], Format::Table)?;
    let algorithm = Algorithm::parse(&args.algorithm).expect("clap checked the name");
    let iterations = args
        .iterations
        .map_or(Iterations::Default, Iterations::Fixed);
    let detail = if args.verbose {
        Detail::EachClaim
    } else {
        Detail::Ranking
    };
    let store = cx.load_store()?;
    let graph = ClaimGraph::build_as_of(&store, args.as_of);
    let ranking = Analysis::run(&graph, algorithm, iterations)
        .ranking(&graph, render::sources::CONTRADICTIONS_SHOWN);
    match format {
        Format::Json => cx.json(out, &render::sources::json(&store, &ranking, detail))?,
        _ => render::sources::table(out, &store, &ranking, cx.look(), detail)?,
    }
    Ok(Outcome::Done)
}
