//! Typed errors of the library.
//!
//! A store problem is always *located*: the file (relative to the store
//! root, so that messages read the same on every machine), the line and the
//! column, then one plain sentence. `validate` prints every problem; the
//! other commands refuse a broken store with the same list. Anything that
//! comes from the store is escaped before it lands in a message, so a hostile
//! claim cannot drive the terminal through an error either.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file: for store files the path is relative to the store
/// root; line and column are 1-based. Line 0 means the whole file (one that
/// cannot be read), column 0 the whole line (a row of an imported CSV).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Location {
    /// The file; relative to the store root for store files.
    pub file: PathBuf,
    /// 1-based; 0 for the whole file.
    pub line: u32,
    /// 1-based, in characters; 0 for the whole line.
    pub column: u32,
}

impl Location {
    /// The place at `line` and `column` of `file`.
    pub fn new(file: &Path, line: u32, column: u32) -> Self {
        Location {
            file: file.to_path_buf(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Forward slashes everywhere, so messages and snapshots are stable;
        // a file name is text from outside like any other.
        let file = self.file.to_string_lossy().replace('\\', "/");
        let file = crate::escape::escape(&file);
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}"),
            (line, 0) => write!(f, "{file}:{line}"),
            (line, column) => write!(f, "{file}:{line}:{column}"),
        }
    }
}

/// One thing wrong with the store, at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[error("{at}: {}", crate::escape::escape_message(.message))]
pub struct Problem {
    /// Where it is.
    pub at: Location,
    /// What is wrong, in one plain sentence, store text escaped.
    pub message: String,
}

/// Everything the library can fail with.
///
/// New kinds of failure may be added: match with a catch-all arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store was read but is not valid; every problem found, in file order.
    #[error("{}", Listed(self))]
    InvalidStore(Vec<Problem>),

    /// A write (`add`, `import`) was refused: every problem, at its origin
    /// (a row of the imported file, the new claim); nothing was written.
    #[error("{}", Listed(self))]
    Rejected(Vec<Problem>),

    /// A claim file given to `check` or `add` (`--file`) has problems; the
    /// store itself is fine.
    #[error("{}", Listed(self))]
    InvalidClaim(Vec<Problem>),

    /// No `sources.yaml` was found where a store was expected.
    #[error(
        "no store found: {} holds no sources.yaml, nor does any folder above it \
         (give one with --store DIR or RECOUPE_STORE, or create one here with `recoupe init`)",
        shown(.start)
    )]
    NoStore {
        /// The folder the search started from.
        start: PathBuf,
    },

    /// The folder given with `--store` or `RECOUPE_STORE` has no `sources.yaml`.
    #[error("{}: not a store (it holds no sources.yaml)", shown(.0))]
    NotAStore(PathBuf),

    /// A file or folder could not be read or written.
    #[error("{}: {source}", shown(.path))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },

    /// A store file could not be written (a full disk, a read-only
    /// store); nothing was changed.
    #[error("cannot write {} ({reason}); nothing was changed", shown(.path))]
    Unwritten {
        /// The file, as the store names it.
        path: PathBuf,
        /// What the system said, in words.
        reason: String,
    },

    /// A store file changed while a write was about to replace it (an
    /// editor saved it); nothing was changed.
    #[error(
        "{} changed while recoupe was writing to it (another program saved it); nothing was changed: run the command again",
        shown(.0)
    )]
    Changed(PathBuf),

    /// A selection on the command line names nothing in the store.
    #[error("{0}")]
    NotFound(String),

    /// A new claim given on the command line cannot be understood.
    #[error("{0}")]
    Input(String),
}

impl Error {
    /// An [`Error::Io`] on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The problems listed by [`Error::InvalidStore`], [`Error::Rejected`]
    /// and [`Error::InvalidClaim`]; none for the other kinds.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::InvalidStore(p) | Error::Rejected(p) | Error::InvalidClaim(p) => p,
            _ => &[],
        }
    }

    /// The sentence that closes a list of problems ("the store has 2
    /// problems (listed above); fix them and run again", "3 problems:
    /// nothing was written"), for the kinds that list them. The error's
    /// text is the problems, one per line, then this.
    pub fn summary(&self) -> Option<String> {
        let n = self.problems().len();
        let s = if n == 1 { "" } else { "s" };
        match self {
            Error::InvalidStore(_) => Some(format!(
                "the store has {n} problem{s} (listed above); fix {} and run again",
                if n == 1 { "it" } else { "them" },
            )),
            Error::Rejected(_) => Some(format!("{n} problem{s}: nothing was written")),
            Error::InvalidClaim(_) => Some(format!("{n} problem{s} in the claim")),
            _ => None,
        }
    }
}

/// A path in a message, escaped like any text from outside.
fn shown(path: &Path) -> String {
    crate::escape::escape(&path.display().to_string()).into_owned()
}

/// The text of an error that lists problems: one per line, then its
/// summary.
struct Listed<'a>(&'a Error);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in self.0.problems() {
            writeln!(f, "{problem}")?;
        }
        write!(f, "{}", self.0.summary().unwrap_or_default())
    }
}
