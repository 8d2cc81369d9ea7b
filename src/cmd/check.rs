//! `recoupe check`: does a new claim contradict what we hold?
//!
//! Exit status like `diff`: 0 consistent or new, 1 contradicts, 2 trouble.

use super::{Context, Format, Outcome};
use anyhow::Result;
use recoupe::check::{self, Candidate, Checked, Verdict};
use recoupe::date::ClaimDate;
use recoupe::input::{self, ClaimInput};
use recoupe::store::{Draft, Store};
use recoupe::{render, retrieve};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The new claim, as text, a file, or flags (shared with `add`).
#[derive(Debug, clap::Args)]
pub struct ClaimArgs {
    /// The claim as free text, French or English
    /// ("Selon l'OSDH, 70 combattants ont été tués à Qadam").
    text: Option<String>,

    /// A YAML file holding one claim (the keys of a stored claim; `about`
    /// as EVENT/QUESTION; `id` optional).
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,

    /// The question it answers, as EVENT/QUESTION.
    #[arg(long, value_name = "EVENT/QUESTION")]
    about: Option<String>,

    /// Its value: 70, '{at_least: 70}', whole-district, or words such as
    /// "at least 70".
    #[arg(long, value_name = "V")]
    value: Option<String>,

    /// Who said it (a source id of the store).
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,

    /// Who relayed it (a source id of the store).
    #[arg(long, value_name = "SOURCE")]
    via: Option<String>,

    /// The person quoted.
    #[arg(long, value_name = "NAME")]
    said_by: Option<String>,

    /// YYYY, YYYY-MM or YYYY-MM-DD; default: today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,

    /// How many matches to list.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
}

impl ClaimArgs {
    fn input(&self) -> ClaimInput {
        ClaimInput {
            text: self.text.clone(),
            file: self.file.clone(),
            about: self.about.clone(),
            value: self.value.clone(),
            source: self.source.clone(),
            via: self.via.clone(),
            said_by: self.said_by.clone(),
            date: self.date.clone(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    claim: ClaimArgs,
}

/// What `check` and `add` both do: understand the claim, find what it is
/// about, relate it.
pub struct Assessed {
    pub draft: Draft,
    pub checked: Checked,
}

pub fn assess(store: &Store, root: &Path, args: &ClaimArgs) -> Result<Assessed> {
    let input = args.input();
    let mut draft = input::draft(store, &input, ClaimDate::today())?;
    let candidates = if draft.text.trim().is_empty() {
        Vec::new()
    } else {
        let index = retrieve::open(store, root);
        index
            .search(store, &draft.text, args.top.max(20))
            .into_iter()
            .map(|hit| Candidate {
                question: hit.question,
                claim: hit.claim,
                score: hit.score,
            })
            .collect()
    };
    if draft.question.is_none() {
        // Found from the wording: the claim must fit it as if named.
        draft.question = check::best_question(&candidates, retrieve::NEW_BELOW);
        input::fit(
            store,
            &mut draft,
            input.value.is_some() || input.file.is_some(),
        )?;
    }
    let checked = check::check(store, &draft, &candidates, retrieve::NEW_BELOW, args.top);
    Ok(Assessed { draft, checked })
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
    let store = cx.open(&root)?;
    let assessed = assess(&store, &root, &args.claim)?;
    show(cx, &store, &assessed, format, out)
}
