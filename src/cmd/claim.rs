//! The new claim of `check` and `add`: its flags, and the check itself
//! ([`recoupe::check::assess`]).

use anyhow::Result;
use recoupe::check::{self, Assessed};
use recoupe::date::ClaimDate;
use recoupe::input::ClaimInput;
use recoupe::store::Store;
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

    /// Who relayed it (a source id of the store); repeat it for a chain,
    /// from the first relay to the outlet that published it.
    #[arg(long, value_name = "SOURCE")]
    via: Vec<String>,

    /// The person quoted.
    #[arg(long, value_name = "NAME")]
    said_by: Option<String>,

    /// YYYY, YYYY-MM or YYYY-MM-DD; default: today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,

    /// The report's address (http or https).
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// When the outlet published it (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    published: Option<String>,

    /// An archived copy's address (http or https).
    #[arg(long, value_name = "URL")]
    archive: Option<String>,

    /// A free-text note kept with the claim.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,

    /// How many matches to list.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
}

impl ClaimArgs {
    /// The claim checked against the store at `root` ([`check::assess`]).
    pub fn assess(&self, store: &Store, root: &Path) -> Result<Assessed> {
        self.assess_as_of(store, root, None)
    }

    /// The claim checked against the store as it stood on `as_of`.
    pub fn assess_as_of(
        &self,
        store: &Store,
        root: &Path,
        as_of: Option<ClaimDate>,
    ) -> Result<Assessed> {
        Ok(check::assess_as_of(
            store,
            root,
            &self.input(),
            ClaimDate::today(),
            self.top,
            as_of,
        )?)
    }

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
            url: self.url.clone(),
            published: self.published.clone(),
            archive: self.archive.clone(),
            note: self.note.clone(),
        }
    }
}
