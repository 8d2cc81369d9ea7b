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
use anyhow::{Result, bail};
use recoupe::Location;
use recoupe::escape::escape;
use recoupe::render::yaml::claim_item;
use recoupe::store::write::{self, Addition, ClaimEntry, Item, WriteLock, fresh_id};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let draft = &assessed.draft;
    let Some(question) = draft.question else {
        bail!("cannot tell which question this claim answers: give --about EVENT/QUESTION");
    };
    if draft.source.is_none() {
        bail!("no source named in the claim: give --source SOURCE");
    }
    if draft.text.trim().is_empty() {
        bail!(
            "add needs the claim's wording as published: give it as text (recoupe add \"…\" --about …)"
        );
    }
    let event = store.event(store.question(question).event);
    if let Some(to) = &args.to {
        // The same file however it is named (relative to here, `./`, a link).
        let same = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let given = same(&std::env::current_dir()?.join(to));
        if given != same(&root.join(&event.file)) {
            bail!(
                "{} is not the file of event `{}` ({}), which the question {} belongs to",
                escape(&to.display().to_string()),
                event.id,
                escape(&event.file.display().to_string()),
                store.question_key(question)
            );
        }
    }
    let id = match &args.id {
        Some(id) => id.clone(),
        None => fresh_id(
            &store,
            &HashSet::new(),
            &format!(
                "{}-{}",
                draft
                    .source
                    .map_or("claim", |s| store.source(s).id.as_str()),
                store.question(question).id
            ),
        ),
    };
    let Some(entry) = ClaimEntry::from_draft(&store, draft, &id) else {
        bail!("the claim needs a source and a question");
    };
    let mut additions = BTreeMap::new();
    additions.insert(
        event.file.clone(),
        Addition {
            event: event.id.clone(),
            questions: Vec::new(),
            claims: vec![Item {
                text: claim_item(&entry),
                origin: Location::new(Path::new("the new claim"), 0, 0),
            }],
        },
    );
    write::apply(&lock, &additions)?;
    let outcome = show(cx, &store, &assessed, format, out)?;
    note!(
        "recoupe: added `{id}` to {}",
        escape(&event.file.display().to_string())
    );
    Ok(outcome)
}
