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
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
}

impl Location {
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
#[error("{at}: {message}")]
pub struct Problem {
    pub at: Location,
    pub message: String,
}

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store was read but is not valid; every problem found, in file order.
    #[error("{}", ProblemList(.0))]
    InvalidStore(Vec<Problem>),

    /// A write (`add`, `import`) was refused: every problem, at its origin
    /// (a row of the imported file, the new claim); nothing was written.
    #[error("{}", RejectedList(.0))]
    Rejected(Vec<Problem>),

    /// A claim file given to `check` or `add` (`--file`) has problems; the
    /// store itself is fine.
    #[error("{}", ClaimProblems(.0))]
    InvalidClaim(Vec<Problem>),

    /// No `sources.yaml` was found where a store was expected.
    #[error(
        "no store found: {} holds no sources.yaml, nor does any folder above it \
         (give one with --store DIR or RECOUPE_STORE, or create one with a sources.yaml and claims/)",
        shown(.start)
    )]
    NoStore { start: PathBuf },

    /// The folder given with `--store` or `RECOUPE_STORE` has no `sources.yaml`.
    #[error("{}: not a store (it holds no sources.yaml)", shown(.0))]
    NotAStore(PathBuf),

    /// A file or folder could not be read or written.
    #[error("{}: {source}", shown(.path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A selection on the command line names nothing in the store.
    #[error("{0}")]
    NotFound(String),

    /// A new claim given on the command line cannot be understood.
    #[error("{0}")]
    Input(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A path in a message, escaped like any text from outside.
fn shown(path: &Path) -> String {
    crate::escape::escape(&path.display().to_string()).into_owned()
}

struct RejectedList<'a>(&'a [Problem]);

impl fmt::Display for RejectedList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in self.0 {
            writeln!(f, "{problem}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "recoupe: {n} problem{}: nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

struct ClaimProblems<'a>(&'a [Problem]);

impl fmt::Display for ClaimProblems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in self.0 {
            writeln!(f, "{problem}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "recoupe: {n} problem{} in the claim",
            if n == 1 { "" } else { "s" }
        )
    }
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in self.0 {
            writeln!(f, "{problem}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "the store has {n} problem{} (listed above); fix {} and run again, or see them all with `recoupe validate`",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
        )
    }
}
