//! Subcommands, one file each (as xsv does), thin over the library.
//!
//! This module holds what they share: the global options of DESIGN §7
//! (`--store`, `--format`, `--color`, `--width`), store discovery, the
//! choice of colour and width, and the buffered stdout they write to.

mod add;
mod check;
mod claim;
mod completions;
mod export;
mod extract;
mod graph;
mod import;
mod init;
mod man;
mod progress;
mod report;
mod sources;
mod validate;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use recoupe::render::Look;
use recoupe::render::json::Layout;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Cross-check what different outlets say about the same event.
#[derive(Debug, Parser)]
#[command(name = "recoupe", version, about, max_term_width = 100)]
pub struct Cli {
    /// The store folder (holding sources.yaml and claims/); default: the
    /// nearest folder at or above the current one that holds sources.yaml.
    #[arg(long, global = true, env = "RECOUPE_STORE", value_name = "DIR")]
    store: Option<PathBuf>,

    /// Output format (each command says which it takes).
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,

    /// When to colour: auto colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Read the store from its files, ignoring (and not refreshing) the
    /// cache in .recoupe/.
    #[arg(long, global = true)]
    no_cache: bool,

    /// Table width in columns; default: the terminal's, or 100 when piped.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,

    /// No progress bars and no notices (such as a cache rebuilt) on
    /// stderr; errors are still written.
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Where accounts diverge: claims, revisions, contradictions, word diffs.
    Report(report::Args),
    /// The claim graph as DOT (default) or JSON.
    Graph(graph::Args),
    /// Every problem in the store, with file:line:column.
    Validate(validate::Args),
    /// Does a new claim contradict what we hold? (exit 1 if it does)
    Check(check::Args),
    /// Check a new claim, then append it to its event's claims file.
    Add(add::Args),
    /// Many claims at once, from a CSV file or JSON Lines.
    Import(import::Args),
    /// A new store with a commented example.
    Init(init::Args),
    /// Claim proposals (YAML, or JSON) from a French or English article.
    Extract(extract::Args),
    /// Sources ranked by credibility, with the counts behind each score.
    Sources(sources::Args),
    /// The store for other tools: ClaimReview JSON-LD or spreadsheets (CSV).
    Export(export::Args),
    /// A completion script for a shell, on stdout.
    Completions(completions::Args),
    /// The manual page (roff), on stdout.
    Man(man::Args),
}

impl Command {
    /// Its name on the command line, the key of [`FORMATS`].
    fn name(&self) -> &'static str {
        match self {
            Command::Report(_) => "report",
            Command::Graph(_) => "graph",
            Command::Validate(_) => "validate",
            Command::Check(_) => "check",
            Command::Add(_) => "add",
            Command::Import(_) => "import",
            Command::Init(_) => "init",
            Command::Extract(_) => "extract",
            Command::Sources(_) => "sources",
            Command::Export(_) => "export",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }
}

/// The formats each command writes, its default first: what
/// [`Context::format`] accepts for it and what its `--help` lists. A
/// command missing here takes no `--format`.
const FORMATS: &[(&str, &[Format])] = &[
    (
        "report",
        &[Format::Table, Format::Json, Format::Markdown, Format::Html],
    ),
    ("graph", &[Format::Dot, Format::Json]),
    (
        "validate",
        &[Format::Table, Format::Short, Format::Snippet, Format::Json],
    ),
    ("check", &[Format::Table, Format::Json]),
    ("add", &[Format::Table, Format::Json]),
    ("extract", &[Format::Yaml, Format::Json]),
    ("sources", &[Format::Table, Format::Json]),
];

fn format_name(format: Format) -> String {
    format
        .to_possible_value()
        .map_or(String::new(), |v| v.get_name().to_string())
}

/// "Formats (--format): table (the default), json." for a command's help.
fn formats_help(command: &str) -> Option<String> {
    let (_, formats) = FORMATS.iter().find(|(name, _)| *name == command)?;
    let mut names: Vec<String> = formats.iter().map(|&f| format_name(f)).collect();
    if let Some(first) = names.first_mut() {
        first.push_str(if command == "validate" {
            " (the default: snippet on a terminal, short when piped)"
        } else {
            " (the default)"
        });
    }
    Some(format!("Formats (--format): {}.", names.join(", ")))
}

/// The command line as clap sees it, each command's help listing the
/// formats it writes: what is parsed, completed and documented in `man`.
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    for (name, _) in FORMATS {
        if let Some(help) = formats_help(name) {
            command = command.mut_subcommand(*name, |sub| sub.after_help(help));
        }
    }
    command
}

/// Parses the process's arguments with [`command`].
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    Table,
    /// One JSON document.
    Json,
    /// Graphviz.
    Dot,
    /// YAML, as a claims file holds it.
    Yaml,
    /// Markdown, for a pull request or a chat.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// `validate`: one `file:line:column: message` per problem.
    Short,
    /// `validate`: each problem under its line, with a caret (as rustc).
    Snippet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How a successful run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: a contradiction was found (`check`, `add`).
    Contradiction,
    /// Exit 2 after printing data: `validate` found problems.
    Problems,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::Contradiction => ExitCode::from(1),
            Outcome::Problems => ExitCode::from(2),
        }
    }
}

/// What every subcommand gets: options resolved, stdout ready.
pub struct Context {
    /// The running command's name (a key of [`FORMATS`]).
    command: &'static str,
    store: Option<PathBuf>,
    no_cache: bool,
    format: Option<Format>,
    look: Look,
    /// JSON indented for a person at a terminal, compact when piped.
    json_layout: Layout,
    is_tty: bool,
}

impl Context {
    /// The store root, found as DESIGN §1 says.
    pub fn store_root(&self) -> Result<PathBuf> {
        let cwd = std::env::current_dir()?;
        Ok(recoupe::store::locate(self.store.as_deref(), &cwd)?)
    }

    /// Loads the store, refusing a broken one with every problem listed.
    pub fn load_store(&self) -> Result<recoupe::Store> {
        Ok(self.open(&self.store_root()?)?)
    }

    /// Loads the store at `root`, through the cache unless `--no-cache`.
    pub fn open(&self, root: &std::path::Path) -> Result<recoupe::Store, recoupe::Error> {
        if self.no_cache {
            recoupe::Store::load(root)
        } else {
            recoupe::Store::open(root)
        }
    }

    /// As [`Context::open`], then `work` on the store: through
    /// [`recoupe::Store::open_then`], so a warm command starts its work
    /// while the files are stamped (see there for what `work` must be).
    pub fn open_then<T>(
        &self,
        root: &std::path::Path,
        ready: impl FnOnce(&recoupe::Store) -> bool,
        work: impl Fn(&recoupe::Store) -> T,
    ) -> Result<(recoupe::Store, T), recoupe::Error> {
        if self.no_cache {
            let store = recoupe::Store::load(root)?;
            let answer = work(&store);
            Ok((store, answer))
        } else {
            recoupe::Store::open_then(root, ready, work)
        }
    }

    /// After `add` or `import` wrote `after` (which was `before`) under
    /// the write lock: keeps it and its retrieval index as the caches of the files as they now
    /// are, so that the next command is warm (nothing with `--no-cache`).
    pub fn keep(&self, root: &std::path::Path, before: &recoupe::Store, mut after: recoupe::Store) {
        if !self.no_cache {
            after.keep(root);
            recoupe::retrieve::keep(before, &after, root);
        }
        // The process ends after the write: the pages of a million decoded
        // claims are returned with it, and freeing them one by one first
        // cost a tenth of an `add` at 1M (docs/performance.md).
        std::mem::forget(after);
    }

    /// The format asked for, checked against what the command can write.
    pub fn format(&self, allowed: &[Format], default: Format) -> Result<Format> {
        debug_assert!(
            FORMATS.iter().any(|(name, formats)| *name == self.command
                && formats.first() == Some(&default)
                && formats.len() == allowed.len()
                && allowed.iter().all(|f| formats.contains(f))),
            "FORMATS lists other formats for `{}` than the command takes",
            self.command
        );
        let format = self.format.unwrap_or(default);
        if allowed.contains(&format) {
            Ok(format)
        } else {
            let mut names: Vec<String> = allowed.iter().map(|&f| format_name(f)).collect();
            let last = names.pop().unwrap_or_default();
            let list = if names.is_empty() {
                last
            } else {
                format!("{} or {last}", names.join(", "))
            };
            anyhow::bail!("this command writes {list}, not {}", format_name(format))
        }
    }

    /// Whether stdout is a terminal.
    pub fn is_tty(&self) -> bool {
        self.is_tty
    }

    pub fn look(&self) -> Look {
        self.look
    }

    /// Writes a JSON document ([`recoupe::render::json::write`]), indented
    /// on a terminal.
    pub fn json(&self, out: &mut dyn Write, doc: &impl serde::Serialize) -> Result<()> {
        Ok(recoupe::render::json::write(out, doc, self.json_layout)?)
    }
}

/// Reads a `--as-of` date (YYYY, YYYY-MM or YYYY-MM-DD).
pub fn parse_date(text: &str) -> Result<recoupe::date::ClaimDate, String> {
    recoupe::date::ClaimDate::parse(text)
}

/// Whether an error is a closed pipe (the reader went away).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn run(cli: Cli) -> Result<Outcome> {
    recoupe::progress::install(Box::new(progress::Stderr::new(cli.quiet)));
    let stdout = std::io::stdout();
    let is_tty = stdout.is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_tty && !no_color,
    };
    let width = cli.width.unwrap_or_else(|| {
        terminal_size::terminal_size_of(&stdout)
            .map(|(w, _)| w.0)
            .filter(|_| is_tty)
            .unwrap_or(100)
    });
    let cx = Context {
        command: cli.command.name(),
        is_tty,
        store: cli.store,
        no_cache: cli.no_cache,
        format: cli.format,
        look: Look { color, width },
        json_layout: if is_tty {
            Layout::Indented
        } else {
            Layout::Compact
        },
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = match cli.command {
        Command::Report(args) => report::run(&cx, args, &mut out)?,
        Command::Graph(args) => graph::run(&cx, args, &mut out)?,
        Command::Validate(args) => validate::run(&cx, args, &mut out)?,
        Command::Import(args) => import::run(&cx, args, &mut out)?,
        Command::Init(args) => init::run(&cx, args, &mut out)?,
        Command::Check(args) => check::run(&cx, args, &mut out)?,
        Command::Add(args) => add::run(&cx, args, &mut out)?,
        Command::Extract(args) => extract::run(&cx, args, &mut out)?,
        Command::Sources(args) => sources::run(&cx, args, &mut out)?,
        Command::Export(args) => export::run(&cx, args, &mut out)?,
        Command::Completions(args) => completions::run(args, &mut out)?,
        Command::Man(args) => man::run(args, &mut out)?,
    };
    match out.flush() {
        // The reader has all it wanted: the command's outcome stands.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(outcome),
        other => other.map(|()| outcome).map_err(Into::into),
    }
}
