//! `recoupe graph`: the claim graph as DOT (default) or JSON.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::{ClaimGraph, render};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(cx: &Context, _args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(&[Format::Dot, Format::Json], Format::Dot)?;
    let store = cx.load_store()?;
    let graph = ClaimGraph::build(&store);
    match format {
        Format::Json => cx.json(out, &render::json::graph(&graph))?,
        _ => render::dot::write(out, &graph)?,
    }
    Ok(Outcome::Done)
}
