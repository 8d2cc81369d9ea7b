//! `recoupe add`: check a new claim, then append it to its event's file.
//!
//! The claim is appended as text after the last claim of the file: every
//! other byte stays as it was. The whole write happens under the store's
//! write lock (so concurrent `add`s take turns and none is lost, and the
//! generated id is unique at the moment of writing), and the file is
//! replaced atomically only once the store it would make is valid.

use super::check::show;
use super::claim::ClaimArgs;
use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::store::write::{self, WriteLock};
use recoupe::{import, render};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    claim: ClaimArgs,

    /// The new claim's id; default: SOURCE-QUESTION, numbered if taken.
    #[arg(long)]
    id: Option<String>,

    /// The claims file to add to; it must be the file of the question's
    /// event (the default).
    #[arg(long, value_name = "claims/FILE.yaml")]
    to: Option<PathBuf>,
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(&[Format::Table, Format::Json], Format::Table)?;
    let root = cx.store_root()?;
    let lock = WriteLock::acquire(&root)?;
    let store = cx.open(&root)?;
    let assessed = args.claim.assess(&store, &root)?;
    let planned = import::plan_claim(
        &store,
        &root,
        &assessed.draft,
        args.id.as_deref(),
        args.to.as_deref(),
    )?;
    let written = write::apply_to(&lock, &store, &planned.plan.additions)?;
    cx.keep(&root, &store, written);
    let outcome = show(cx, &store, &assessed, format, out)?;
    note!("{}", render::summary::added(&planned.id, &planned.file));
    // As in `Context::keep`: the process ends here.
    std::mem::forget(store);
    Ok(outcome)
}
