//! `recoupe extract FILE|-`: claim proposals from an article.

use super::{Context, Format, Outcome};
use anyhow::{Context as _, Result};
use recoupe::escape::escape;
use recoupe::extract::proposal::{self, Setting};
use recoupe::extract::{self, SourceMatcher};
use recoupe::render;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: a text file in French or English, or `-` for stdin.
    file: PathBuf,

    /// The store id of the outlet that published the article: figures no
    /// one is credited with become its claims, and what it reports of
    /// others is `via` it.
    #[arg(long, value_name = "SOURCE")]
    outlet: Option<String>,
}

pub fn run(cx: &Context, args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let format = cx.format(&[Format::Yaml, Format::Json], Format::Yaml)?;
    let text = read(&args.file)?;
    // The store is optional: without one, figures are still found, only
    // not matched to sources and questions.
    let store = match cx.store_root() {
        Ok(root) => Some(cx.open(&root)?),
        Err(err) => {
            note!("recoupe: {err:#}; extracting without one (no source ids, no `about` guess)");
            None
        }
    };
    let matcher = store
        .as_ref()
        .map_or_else(SourceMatcher::empty, |s| SourceMatcher::new(s.sources()));
    let figures = extract::extract(&text, &matcher);
    let setting = Setting::new(
        store.as_ref(),
        args.outlet.as_deref(),
        extract::header_date(&text),
    )?;
    let proposals = proposal::propose(figures, setting);
    match format {
        Format::Json => cx.json(out, &render::proposals::json(&proposals, store.as_ref()))?,
        _ => {
            let origin = if args.file.as_os_str() == "-" {
                "standard input".to_string()
            } else {
                escape(&args.file.display().to_string()).to_string()
            };
            render::proposals::yaml(out, &proposals, store.as_ref(), &origin)?;
        }
    }
    Ok(Outcome::Done)
}

/// The article's text; invalid UTF-8 is replaced rather than refused, as
/// text pasted from the web often has a stray byte.
fn read(file: &PathBuf) -> Result<String> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(file)
            .with_context(|| format!("cannot read {}", escape(&file.display().to_string())))?;
    }
    // Valid text is taken as it is, not copied: an article may be large.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned()))
}
