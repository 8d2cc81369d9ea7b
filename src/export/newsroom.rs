//! The newsroom's settings: who publishes the reviews, and where. They
//! live in `recoupe.yaml` beside `sources.yaml`, apart from the sources
//! (which say who the outlets are, not who we are), and only `export
//! --claimreview` needs them:
//!
//! ```yaml
//! newsroom:
//!   name: The Example Desk            # the reviews' author (an Organization)
//!   url: https://desk.example/checks  # the page that publishes the reviews
//! ```
//!
//! Problems are located (`recoupe.yaml:3:8: …`) like any store problem.

use crate::error::{Error, Location, Problem};
use crate::escape::escape;
use crate::yaml::{self, Node, NodeKind};
use std::path::Path;

/// The settings file's name, beside `sources.yaml`.
pub const FILE: &str = "recoupe.yaml";

/// Who publishes the reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newsroom {
    /// Its name (the review's `author`).
    pub name: String,
    /// The page where it publishes the reviews (each review's `url`).
    pub url: String,
}

const TOP_KEYS: &[&str] = &["newsroom"];
const NEWSROOM_KEYS: &[&str] = &["name", "url"];

/// Reads `recoupe.yaml` in the store at `root`: `Ok(None)` when there is
/// none, every problem at once otherwise.
pub fn read(root: &Path) -> Result<Option<Newsroom>, Error> {
    let path = root.join(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let at = |line: u32, column: u32| Location::new(Path::new(FILE), line, column);
    let problem = |line, column, message: String| {
        Error::InvalidStore(vec![Problem {
            at: at(line, column),
            message,
        }])
    };
    let text = yaml::decode_utf8(&bytes).map_err(|(line, column)| {
        problem(
            line,
            column,
            "the file is not UTF-8 text (save it as UTF-8)".into(),
        )
    })?;
    let root_node = yaml::parse(text).map_err(|e| problem(e.line, e.column, e.message))?;
    let mut problems = Vec::new();
    let newsroom = read_tree(&root_node, &mut |node: &Node, message: String| {
        problems.push(Problem {
            at: at(node.line, node.column),
            message,
        });
    });
    if problems.is_empty() {
        Ok(newsroom)
    } else {
        problems.sort();
        Err(Error::InvalidStore(problems))
    }
}

fn entries<'n>(
    node: &'n Node,
    what: &str,
    keys: &[&str],
    report: &mut dyn FnMut(&Node, String),
) -> Vec<(&'n str, &'n Node)> {
    let NodeKind::Map(map) = &node.kind else {
        report(
            node,
            format!("{what} is a mapping of keys, not {}", node.describe()),
        );
        return Vec::new();
    };
    let mut found = Vec::new();
    for (key, value) in map {
        let Some(name) = key.as_str() else {
            report(key, format!("a key of {what} must be text"));
            continue;
        };
        if keys.contains(&name) {
            found.push((name, value));
        } else {
            let hint = match crate::suggest::nearest(name, keys) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("keys: {}", keys.join(", ")),
            };
            report(
                key,
                format!("unknown key `{}` in {what} ({hint})", escape(name)),
            );
        }
    }
    found
}

fn read_tree(root: &Node, report: &mut dyn FnMut(&Node, String)) -> Option<Newsroom> {
    if root.kind == NodeKind::Null {
        return None;
    }
    let top = entries(root, FILE, TOP_KEYS, report);
    let (_, node) = top.into_iter().find(|(k, _)| *k == "newsroom")?;
    let fields = entries(node, "`newsroom`", NEWSROOM_KEYS, report);
    let mut text = |key: &str| -> Option<String> {
        let Some((_, value)) = fields.iter().find(|(k, _)| *k == key) else {
            report(
                node,
                format!(
                    "`newsroom` needs `{key}` (the newsroom's {})",
                    match key {
                        "name" => "name, the reviews' author",
                        _ => "page that publishes the reviews",
                    }
                ),
            );
            return None;
        };
        match value.as_str().map(str::trim) {
            Some(t) if !t.is_empty() => Some(t.to_string()),
            _ => {
                report(value, format!("`{key}` is text, not {}", value.describe()));
                None
            }
        }
    };
    let name = text("name");
    let url = text("url");
    if let (Some(url), Some((_, node))) = (&url, fields.iter().find(|(k, _)| *k == "url"))
        && let Err(why) = crate::store::check_web_address(url)
    {
        report(node, format!("`url` {why}"));
        return None;
    }
    Some(Newsroom {
        name: name?,
        url: url?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Option<Newsroom>, Error> {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join(FILE), text).unwrap();
        read(dir.path())
    }

    #[test]
    fn a_newsroom_has_a_name_and_a_page() {
        let n = read_text("newsroom:\n  name: The Desk\n  url: https://desk.example/checks\n")
            .unwrap()
            .unwrap();
        assert_eq!(n.name, "The Desk");
        assert_eq!(n.url, "https://desk.example/checks");
        let dir = tempfile::TempDir::new().unwrap();
        assert_eq!(read(dir.path()).unwrap(), None, "no file, no newsroom");
    }

    #[test]
    fn problems_are_located_all_at_once() {
        let err = read_text("newsroom:\n  nmae: The Desk\n  url: ftp://desk.example\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "recoupe.yaml:2:3: unknown key `nmae` in `newsroom` (did you mean `name`?)"
            ),
            "{err}"
        );
        assert!(
            err.contains("recoupe.yaml:1:1: `newsroom` needs `name`")
                || err.contains("needs `name`"),
            "{err}"
        );
        assert!(
            err.contains("recoupe.yaml:3:8: `url` is not a web address"),
            "{err}"
        );
    }
}
