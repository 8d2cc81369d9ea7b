//! Store files to located YAML trees, and the primitives that read one
//! field of a tree.
//!
//! This is the mechanical half of reading: which files make a store, where
//! their bytes come from (the disk, or a text a write is about to put
//! there), and how a field is read as text, a number, a list or a choice
//! with every problem collected and located, never thrown. What the fields
//! *are* (the keys of a claim, the forms of a value) is
//! [`schema`](super::schema); keeping the two apart keeps each readable.

use crate::error::{Error, Location, Problem};
use crate::escape::escape;
use crate::suggest::nearest;
use crate::yaml::{self, Node, NodeKind};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The text of the line each problem points at (what `validate` shows
/// under a caret), `None` where it cannot be read; each file is read once.
pub fn problem_lines(root: &Path, problems: &[Problem]) -> Vec<Option<String>> {
    let mut files: HashMap<PathBuf, Option<String>> = HashMap::new();
    problems
        .iter()
        .map(|p| {
            let line = usize::try_from(p.at.line).ok()?.checked_sub(1)?;
            let text = files.entry(p.at.file.clone()).or_insert_with(|| {
                let bytes = read_regular(&root.join(&p.at.file)).ok()?;
                Some(String::from_utf8_lossy(&bytes).into_owned())
            });
            text.as_deref()?
                .lines()
                .nth(line)
                .map(|l| l.trim_end_matches('\r').to_string())
        })
        .collect()
}

/// Where file contents come from: the disk, except for files replaced in
/// memory.
#[derive(Clone, Copy)]
pub(super) struct Contents<'a> {
    pub(super) root: &'a Path,
    pub(super) replaced: &'a HashMap<PathBuf, String>,
}

impl Contents<'_> {
    pub(super) fn read(&self, file: &Path) -> std::io::Result<Vec<u8>> {
        match self.replaced.get(file) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => read_regular(&self.root.join(file)),
        }
    }
}

/// The bytes of a regular file (or of the file a link leads to). Anything
/// else is refused with a reason, before it is opened: opening a named
/// pipe would wait for a writer forever, and a folder or a link to nothing
/// must be reported, not skipped.
pub(crate) fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Error;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            return Err(if linked {
                Error::other(
                    "it is a symbolic link that leads nowhere (its target is missing, or the links loop)",
                )
            } else {
                e
            });
        }
    };
    if meta.is_dir() {
        return Err(Error::other("it is a folder, not a file"));
    }
    if !meta.is_file() {
        return Err(Error::other(
            "it is not a regular file (a named pipe, a socket or a device), so it is not read",
        ));
    }
    std::fs::read(path)
}

/// `claims/*.yaml` (and `.yml`), sorted by name so that store order is
/// the same on every machine. Every entry so named is listed, whatever it
/// is (a folder, a pipe, a link to nothing): reading it reports it, so
/// nothing is skipped in silence. A `claims` that is not a folder is a
/// problem of its own.
pub(super) fn listed_claim_files(root: &Path) -> Result<Vec<ClaimFile>, Error> {
    let dir = root.join("claims");
    match std::fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        _ if dir.is_dir() => {}
        _ => {
            return Err(Error::InvalidStore(vec![Problem {
                at: Location::new(Path::new("claims"), 0, 0),
                message: "`claims` is not a folder: the claims files go in a folder `claims/` (claims/EVENT.yaml)".to_string(),
            }]));
        }
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut listed = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if (text.ends_with(".yaml") || text.ends_with(".yml")) && !text.starts_with('.') {
            listed.push(entry);
        }
    }
    let mut files = stat_all(listed);
    // All in one folder: by name is by path, without comparing the paths
    // component by component.
    files.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Folders with more claims files than this are statted on two cores.
const STATTED_APART: usize = 4096;

/// Each listed entry with its metadata, statted through the folder's open
/// handle (no path lookup from the root): at 47,687 files this is most of
/// what a warm command costs, so a big folder is statted on two cores
/// (docs/performance.md). A link is statted later through its path, to
/// its target.
fn stat_all(listed: Vec<std::fs::DirEntry>) -> Vec<ClaimFile> {
    let stat = |entries: &[std::fs::DirEntry]| -> Vec<ClaimFile> {
        entries
            .iter()
            .map(|entry| ClaimFile {
                name: entry.file_name(),
                metadata: match entry.file_type() {
                    Ok(kind) if !kind.is_symlink() => entry.metadata().ok(),
                    _ => None,
                },
            })
            .collect()
    };
    let two_cores = crate::cores::count() > 1;
    if listed.len() <= STATTED_APART || !two_cores {
        return stat(&listed);
    }
    let (first, second) = listed.split_at(listed.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| stat(second));
        let mut files = stat(first);
        // Statting does not panic; if it did, this core stats the rest.
        files.extend(other.join().unwrap_or_else(|_| stat(second)));
        files
    })
}

/// A claims file as listed: its name in `claims/`, and its metadata when
/// the listing gave it (not for a link).
pub(super) struct ClaimFile {
    pub(super) name: std::ffi::OsString,
    pub(super) metadata: Option<std::fs::Metadata>,
}

impl ClaimFile {
    /// Its path relative to the store root.
    pub(super) fn path(&self) -> PathBuf {
        Path::new("claims").join(&self.name)
    }
}

/// The claims files of the store at `root` (relative to it), by name.
pub(super) fn claim_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    Ok(listed_claim_files(root)?
        .iter()
        .map(ClaimFile::path)
        .collect())
}

/// A value read from the YAML, with its place.
#[derive(Debug, Clone)]
pub(super) struct Spot<T> {
    pub(super) value: T,
    pub(super) at: Location,
}

/// The entries of a YAML mapping, after unknown keys were reported.
pub(super) struct Fields<'n> {
    pub(super) node: &'n Node,
    pub(super) entries: Vec<(&'n str, &'n Node)>,
    /// Valid keys that an unknown key was taken for (already reported).
    pub(super) misspelt: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    pub(super) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| v.kind != NodeKind::Null)
    }
}

/// Reads store files, collecting every problem it meets.
pub(super) struct Reader {
    pub(super) problems: Vec<Problem>,
    /// Whether nodes carry their positions (see [`yaml::parse_unlocated`]).
    located: bool,
}

impl Reader {
    pub(super) fn new(located: bool) -> Reader {
        Reader {
            problems: Vec::new(),
            located,
        }
    }

    pub(super) fn problem(&mut self, at: Location, message: impl Into<String>) {
        self.problems.push(Problem {
            at,
            message: message.into(),
        });
    }

    pub(super) fn at(file: &Path, node: &Node) -> Location {
        Location::new(file, node.line, node.column)
    }

    /// Reads a file as a YAML tree; reports unreadable files, invalid
    /// UTF-8 and syntax errors.
    pub(super) fn parse_file(&mut self, contents: Contents, file: &Path) -> Option<Node> {
        let bytes = match contents.read(file) {
            Ok(b) => b,
            Err(e) => {
                self.problem(
                    Location::new(file, 0, 0),
                    format!("cannot read the file: {e}"),
                );
                return None;
            }
        };
        let text = match yaml::decode_utf8(&bytes) {
            Ok(t) => t,
            Err((line, column)) => {
                self.problem(
                    Location::new(file, line, column),
                    "the file is not UTF-8 text (save it as UTF-8)",
                );
                return None;
            }
        };
        let parsed = if self.located {
            yaml::parse(text)
        } else {
            yaml::parse_unlocated(text)
        };
        match parsed {
            Ok(node) => Some(node),
            Err(e) => {
                self.problem(
                    Location::new(file, e.line, e.column),
                    format!("YAML syntax error: {}", e.message),
                );
                None
            }
        }
    }

    /// The entries of a mapping; reports a node that is not a mapping and
    /// every key that is not in `allowed`, with the nearest valid key.
    pub(super) fn fields<'n>(
        &mut self,
        file: &Path,
        node: &'n Node,
        what: &str,
        allowed: &[&'static str],
    ) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.problem(
                Self::at(file, node),
                format!(
                    "{what} must be a mapping of `key: value` lines, not {}",
                    node.describe()
                ),
            );
            return None;
        };
        let mut kept = Vec::with_capacity(entries.len());
        let mut misspelt = Vec::new();
        for (key, value) in entries {
            let Some(name) = key.as_str() else {
                self.problem(
                    Self::at(file, key),
                    format!("keys in {what} are words, not {}", key.describe()),
                );
                continue;
            };
            if allowed.contains(&name) {
                kept.push((name, value));
            } else {
                let hint = match nearest(name, allowed) {
                    Some(near) => {
                        misspelt.push(near);
                        format!("did you mean `{near}`?")
                    }
                    None => format!("valid keys: {}", allowed.join(", ")),
                };
                self.problem(
                    Self::at(file, key),
                    format!("unknown key `{}` in {what} ({hint})", escape(name)),
                );
            }
        }
        Some(Fields {
            node,
            entries: kept,
            misspelt,
        })
    }

    /// A scalar read as text (whole numbers are accepted as text too:
    /// `id: 2018`).
    pub(super) fn text(&mut self, file: &Path, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(i) => Some(i.to_string()),
            _ => {
                self.problem(
                    Self::at(file, node),
                    format!("{what} must be text, not {}", node.describe()),
                );
                None
            }
        }
    }

    pub(super) fn optional_text(
        &mut self,
        file: &Path,
        fields: &Fields,
        key: &str,
        what: &str,
    ) -> Option<String> {
        let node = fields.get(key)?;
        self.text(file, node, what)
    }

    pub(super) fn required_text(
        &mut self,
        file: &Path,
        fields: &Fields,
        key: &str,
        what: &str,
        why: &str,
    ) -> Option<Spot<String>> {
        match fields.get(key) {
            Some(node) => self.text(file, node, what).map(|value| Spot {
                value,
                at: Self::at(file, node),
            }),
            None => {
                // A misspelt key was reported as such; "missing" would echo it.
                if !fields.misspelt.contains(&key) {
                    self.problem(
                        Self::at(file, fields.node),
                        format!("{what} is missing: `{key}` ({why})"),
                    );
                }
                None
            }
        }
    }

    pub(super) fn list_of_text(
        &mut self,
        file: &Path,
        node: &Node,
        what: &str,
    ) -> Vec<Spot<String>> {
        let items: Vec<&Node> = match &node.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        items
            .into_iter()
            .filter_map(|item| {
                self.text(file, item, what).map(|value| Spot {
                    value,
                    at: Self::at(file, item),
                })
            })
            .collect()
    }

    pub(super) fn list_top<'n>(
        &mut self,
        file: &Path,
        fields: &Fields<'n>,
        key: &str,
    ) -> &'n [Node] {
        match fields.get(key) {
            None => &[],
            Some(Node {
                kind: NodeKind::Seq(items),
                ..
            }) => items,
            Some(other) => {
                self.problem(
                    Self::at(file, other),
                    format!(
                        "`{key}` must be a list (items starting with `- `), not {}",
                        other.describe()
                    ),
                );
                &[]
            }
        }
    }

    pub(super) fn choice<T: Copy>(
        &mut self,
        file: &Path,
        node: &Node,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let word = self.text(file, node, what)?;
        if let Some((_, v)) = options.iter().find(|(n, _)| *n == word) {
            return Some(*v);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let hint = match nearest(&word, &names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("one of: {}", names.join(", ")),
        };
        self.problem(
            Self::at(file, node),
            format!("`{}` is not {what} ({hint})", escape(&word)),
        );
        None
    }

    pub(super) fn number(&mut self, file: &Path, node: &Node, what: &str) -> Option<f64> {
        match node.kind {
            NodeKind::Int(i) => Some(i as f64),
            NodeKind::Float(f) if f.is_finite() => Some(f),
            NodeKind::Str(ref s) => {
                let hint = if s.chars().any(|c| c.is_ascii_digit()) {
                    " (write figures without separators or words: 350000, not 350.000 or \"350 000\")"
                } else {
                    ""
                };
                self.problem(
                    Self::at(file, node),
                    format!("{what} must be a number, not text `{}`{hint}", escape(s)),
                );
                None
            }
            _ => {
                self.problem(
                    Self::at(file, node),
                    format!("{what} must be a number, not {}", node.describe()),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_statted_on_two_cores_lists_every_file_once_in_order() {
        let dir = tempfile::TempDir::new().unwrap();
        let claims = dir.path().join("claims");
        std::fs::create_dir(&claims).unwrap();
        let n = STATTED_APART + 3;
        for i in (0..n).rev() {
            std::fs::write(claims.join(format!("e{i:05}.yaml")), vec![b'#'; i % 7]).unwrap();
        }
        std::fs::write(claims.join("notes.txt"), "not a claims file").unwrap();
        let files = listed_claim_files(dir.path()).unwrap();
        assert_eq!(files.len(), n);
        for (i, file) in files.iter().enumerate() {
            assert_eq!(file.name, std::ffi::OsString::from(format!("e{i:05}.yaml")));
            let metadata = file.metadata.as_ref().expect("statted");
            assert_eq!(metadata.len(), (i % 7) as u64);
        }
    }
}
