//! `recoupe check`: does a new claim contradict what we hold?
//!
//! Exit status like `diff`: 0 consistent or new, 1 contradicts, 2 trouble.

use super::claim::ClaimArgs;
use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::check::{Assessed, Verdict};
use recoupe::date::ClaimDate;
use recoupe::render;
use recoupe::store::Store;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    claim: ClaimArgs,

    /// Check against the store as it stood on DATE (claims dated later
    /// left out).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    as_of: Option<ClaimDate>,
}

/// Writes the outcome and says how the process ends.
pub fn show(
    cx: &Context,
    store: &Store,
    assessed: &Assessed,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome> {
    match format {
        Format::Json => cx.json(
            out,
            &render::check::json(store, &assessed.draft, &assessed.checked),
        )?,
        _ => render::check::table(out, store, &assessed.draft, &assessed.checked, cx.look())?,
    }
    Ok(if assessed.checked.verdict == Verdict::Contradicts {
        Outcome::Contradiction
    } else {
        Outcome::Done
    })
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(&[Format::Table, Format::Json], Format::Table)?;
    let root = cx.store_root()?;
    // The check starts on the cached model while the files are stamped,
    // once the index is known to be kept (else it would be built for a
    // model the stamp may find stale).
    let (store, assessed) = cx.open_then(
        &root,
        |store| recoupe::retrieve::is_kept(store, &root),
        |store| args.claim.assess_as_of(store, &root, args.as_of),
    )?;
    let outcome = show(cx, &store, &assessed?, format, out);
    // As in `Context::keep`: the process ends here, and freeing the
    // claims a check on a big question decoded, one by one, was a tenth
    // of its time at 1M (docs/performance.md).
    std::mem::forget(store);
    outcome
}
