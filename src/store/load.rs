//! Reading a store folder into the model, collecting every problem.
//!
//! Four passes: parse each file into a located YAML tree and read the
//! fields it holds (unknown keys, wrong types, malformed values and dates);
//! register every id (duplicates); resolve references (unknown source,
//! `about` naming no question, dangling links) and check that each value
//! fits its question; check revisions and analyst links across claims
//! (one source, one question, no cycles). The model is built only when no
//! pass found anything, so downstream code never sees a half-valid store.

use super::{
    Categories, Claim, ClaimIx, Draft, Event, EventIx, Question, QuestionIx, QuestionKind, Source,
    SourceIx, SourceKind, Store,
};
use crate::date::{self, ClaimDate};
use crate::error::{Error, Location, Problem};
use crate::escape::escape;
use crate::suggest::nearest;
use crate::value::Value;
use crate::yaml::{self, Node, NodeKind};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const SOURCE_KEYS: &[&str] = &["id", "name", "aliases", "kind", "alignment", "prior"];
const EVENT_KEYS: &[&str] = &["event", "title", "questions", "claims"];
const QUESTION_KEYS: &[&str] = &[
    "id",
    "ask",
    "kind",
    "unit",
    "cumulative",
    "tolerance",
    "scale",
    "values",
];
/// The keys of a claim (also the columns of an import, with a few more).
pub(crate) const CLAIM_KEYS: &[&str] = &[
    "id",
    "source",
    "via",
    "said_by",
    "date",
    "about",
    "value",
    "unit",
    "text",
    "lang",
    "translation",
    "supersedes",
    "agrees_with",
    "contradicts",
];
const VALUE_KEYS: &[&str] = &[
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "about",
    "low",
    "high",
    "between",
    "is",
];

pub(super) fn load(root: &Path) -> Result<Store, Error> {
    load_replacing(root, &HashMap::new())
}

/// Loads the store as it would be if the files in `replaced` (paths
/// relative to the root) held the given texts: how a write is validated
/// before it touches the disk.
pub(super) fn load_replacing(
    root: &Path,
    replaced: &HashMap<PathBuf, String>,
) -> Result<Store, Error> {
    let contents = Contents { root, replaced };
    let mut files = claim_files(root)?;
    for file in replaced.keys() {
        if file.starts_with("claims") && !files.contains(file) {
            files.push(file.clone());
        }
    }
    files.sort();
    // Positions cost about half the parsing time and only matter in
    // messages: read without them, and read again with them only when
    // there is something to report.
    load_pass(contents, &files, false).or_else(|_| load_pass(contents, &files, true))
}

/// Where file contents come from: the disk, except for files replaced in
/// memory.
#[derive(Clone, Copy)]
struct Contents<'a> {
    root: &'a Path,
    replaced: &'a HashMap<PathBuf, String>,
}

impl Contents<'_> {
    fn read(&self, file: &Path) -> std::io::Result<Vec<u8>> {
        match self.replaced.get(file) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => std::fs::read(self.root.join(file)),
        }
    }
}

fn load_pass(contents: Contents, files: &[PathBuf], located: bool) -> Result<Store, Error> {
    let mut loader = Loader {
        problems: Vec::new(),
        located,
    };
    let sources = loader.read_sources(contents);
    let events = read_events(contents, files, located, &mut loader.problems);
    let store = loader.resolve(contents.root, sources, events);
    let mut problems = loader.problems;
    if problems.is_empty() {
        Ok(store)
    } else {
        problems.sort();
        problems.dedup();
        Err(Error::InvalidStore(problems))
    }
}

/// Reads the claims files on every core: each file is parsed on its own,
/// and references between files are resolved afterwards.
fn read_events(
    contents: Contents,
    files: &[PathBuf],
    located: bool,
    problems: &mut Vec<Problem>,
) -> Vec<RawEvent> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, files.len().max(1));
    let mut results: Vec<(usize, Option<RawEvent>)> = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut loader = Loader {
                        problems: Vec::new(),
                        located,
                    };
                    let events: Vec<(usize, Option<RawEvent>)> = files
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, file)| (i, loader.read_event(contents, file)))
                        .collect();
                    (events, loader.problems)
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok((events, found)) => {
                    results.extend(events);
                    problems.extend(found);
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().filter_map(|(_, event)| event).collect()
}

/// A claim read from a standalone YAML file (`check --file`, `add
/// --file`): a mapping with the keys of a stored claim, where `id` may be
/// left out and `about` names `EVENT/QUESTION` (or a bare `QUESTION` when
/// only one event has it). Every problem is reported, located in that file.
pub(super) fn read_draft(store: &Store, path: &Path) -> Result<Draft, Error> {
    let mut loader = Loader {
        problems: Vec::new(),
        located: true,
    };
    let nothing_replaced = HashMap::new();
    let contents = Contents {
        root: Path::new(""),
        replaced: &nothing_replaced,
    };
    let draft = loader
        .parse_file(contents, path)
        .and_then(|node| loader.read_claim(path, &node, false))
        .and_then(|raw| loader.resolve_draft(store, raw));
    match draft {
        Some(draft) if loader.problems.is_empty() => Ok(draft),
        _ => {
            let mut problems = loader.problems;
            problems.sort();
            Err(Error::InvalidClaim(problems))
        }
    }
}

/// Why a value does not fit its question, if it does not: a category on a
/// count, a figure on a category or text question, a category off the
/// scale, a negative count, a share outside 0–100%. Shared by the loader
/// and by claims given on the command line.
pub(crate) fn misfit(question: &Question, value: &Value, unit: Option<&str>) -> Option<String> {
    let id = &question.id;
    match (question.kind, value) {
        (_, Value::Unstated) => None,
        (QuestionKind::Text, _) => Some(format!(
            "`{id}` is a text question: its claims have no value (remove `value`)"
        )),
        (QuestionKind::Category, Value::Is(category)) => {
            let allowed = match &question.categories {
                Categories::Scale(s) | Categories::Values(s) => s,
                Categories::Open => return None,
            };
            if allowed.contains(category) {
                return None;
            }
            let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let hint = match nearest(category, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("one of: {}", names.join(", ")),
            };
            Some(format!(
                "`{}` is not a value of question `{id}` ({hint})",
                escape(category)
            ))
        }
        (QuestionKind::Category, _) => Some(format!(
            "`{id}` is a category question: write the value as {{is: CATEGORY}}"
        )),
        (kind, Value::Is(_)) => Some(format!(
            "`{id}` is a {} question: its value is a figure, not a category",
            kind.name()
        )),
        (QuestionKind::Count, v) if v.numbers().iter().any(|n| *n < 0.0) => {
            Some(format!("`{id}` is a count: figures are never negative"))
        }
        (QuestionKind::Share, v) => {
            let percent = unit
                .or(question.unit.as_deref())
                .is_none_or(is_percent_unit);
            (percent && v.numbers().iter().any(|n| !(0.0..=100.0).contains(n)))
                .then(|| format!("`{id}` is a share in percent: figures go from 0 to 100"))
        }
        _ => None,
    }
}

/// A unit as the store keeps it: trimmed, and `percent` for `%` or
/// `Percent`, so that two ways of writing one unit compare equal.
pub(crate) fn canonical_unit(unit: &str) -> String {
    if is_percent_unit(unit) {
        "percent".to_string()
    } else {
        unit.trim().to_string()
    }
}

/// `percent` or `%`, in any case and spacing.
pub(crate) fn is_percent_unit(unit: &str) -> bool {
    let unit = unit.trim();
    unit.eq_ignore_ascii_case("percent") || unit == "%"
}

/// `claims/*.yaml` (and `.yml`), sorted by name so that store order is
/// the same on every machine.
pub(super) fn claim_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join("claims");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if is_yaml && !name.starts_with('.') && path.is_file() {
            files.push(PathBuf::from("claims").join(entry.file_name()));
        }
    }
    files.sort();
    Ok(files)
}

/// A value read from the YAML, with its place.
#[derive(Debug, Clone)]
struct Spot<T> {
    value: T,
    at: Location,
}

struct RawSource {
    id: Spot<String>,
    name: Option<String>,
    aliases: Vec<String>,
    kind: SourceKind,
    alignment: Option<String>,
    prior: Option<f64>,
}

struct RawQuestion {
    id: Spot<String>,
    ask: String,
    kind: QuestionKind,
    unit: Option<String>,
    cumulative: Option<Spot<bool>>,
    tolerance: f64,
    categories: Categories,
}

struct RawClaim {
    id: Spot<String>,
    source: Spot<String>,
    via: Option<Spot<String>>,
    said_by: Option<String>,
    date: Option<Spot<ClaimDate>>,
    about: Spot<String>,
    value: Spot<Value>,
    unit: Option<String>,
    text: String,
    lang: Option<String>,
    translation: Option<String>,
    supersedes: Option<Spot<String>>,
    agrees_with: Vec<Spot<String>>,
    contradicts: Vec<Spot<String>>,
}

/// A claim's references to other claims, resolved once every id is known.
struct Links {
    claim: ClaimIx,
    supersedes: Option<Spot<String>>,
    agrees_with: Vec<Spot<String>>,
    contradicts: Vec<Spot<String>>,
}

struct RawEvent {
    id: Spot<String>,
    title: Option<String>,
    file: PathBuf,
    questions: Vec<RawQuestion>,
    claims: Vec<RawClaim>,
}

/// The entries of a YAML mapping, after unknown keys were reported.
struct Fields<'n> {
    node: &'n Node,
    entries: Vec<(&'n str, &'n Node)>,
    /// Valid keys that an unknown key was taken for (already reported).
    misspelt: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| v.kind != NodeKind::Null)
    }
}

struct Loader {
    problems: Vec<Problem>,
    /// Whether nodes carry their positions (see [`load`]).
    located: bool,
}

impl Loader {
    fn problem(&mut self, at: Location, message: impl Into<String>) {
        self.problems.push(Problem {
            at,
            message: message.into(),
        });
    }

    fn at(file: &Path, node: &Node) -> Location {
        Location::new(file, node.line, node.column)
    }

    /// Reads a file as a YAML tree; reports unreadable files, invalid
    /// UTF-8 and syntax errors.
    fn parse_file(&mut self, contents: Contents, file: &Path) -> Option<Node> {
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
    fn fields<'n>(
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
    fn text(&mut self, file: &Path, node: &Node, what: &str) -> Option<String> {
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

    fn optional_text(
        &mut self,
        file: &Path,
        fields: &Fields,
        key: &str,
        what: &str,
    ) -> Option<String> {
        let node = fields.get(key)?;
        self.text(file, node, what)
    }

    fn required_text(
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

    fn id(
        &mut self,
        file: &Path,
        fields: &Fields,
        what: &str,
        strict: bool,
    ) -> Option<Spot<String>> {
        let id = self.required_text(
            file,
            fields,
            "id",
            &format!("the id of {what}"),
            "every item needs one",
        )?;
        let ok = if strict {
            !id.value.is_empty()
                && id
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        } else {
            is_reference_id(&id.value)
        };
        if !ok {
            let rule = if strict {
                "lowercase letters, digits and `-`"
            } else {
                "letters, digits, `-`, `_` and `.`, starting with a letter or digit"
            };
            self.problem(
                id.at.clone(),
                format!(
                    "`{}` is not a valid id for {what}: use {rule}",
                    escape(&id.value)
                ),
            );
            return None;
        }
        Some(id)
    }

    fn list_of_text(&mut self, file: &Path, node: &Node, what: &str) -> Vec<Spot<String>> {
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

    fn list_top<'n>(&mut self, file: &Path, fields: &Fields<'n>, key: &str) -> &'n [Node] {
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

    fn read_sources(&mut self, contents: Contents) -> Option<Vec<RawSource>> {
        let file = Path::new("sources.yaml");
        let doc = self.parse_file(contents, file)?;
        let top = self.fields(file, &doc, "sources.yaml", &["sources"])?;
        let mut sources = Vec::new();
        for node in self.list_top(file, &top, "sources") {
            let Some(f) = self.fields(file, node, "a source", SOURCE_KEYS) else {
                continue;
            };
            let id = self.id(file, &f, "a source", true);
            let name = self.optional_text(file, &f, "name", "a source's name");
            let aliases = match f.get("aliases") {
                Some(n) => self
                    .list_of_text(file, n, "an alias")
                    .into_iter()
                    .map(|s| s.value)
                    .collect(),
                None => Vec::new(),
            };
            let kind = match f.get("kind") {
                None => Some(SourceKind::Other),
                Some(n) => self.choice(file, n, "a source's kind", &SourceKind::ALL),
            };
            let alignment = self.optional_text(file, &f, "alignment", "a source's alignment");
            let prior = f.get("prior").and_then(|n| {
                let p = self.number(file, n, "a prior")?;
                if p > 0.0 && p < 1.0 {
                    Some(p)
                } else {
                    self.problem(
                        Self::at(file, n),
                        format!("a prior is a credibility strictly between 0 and 1, not {p}"),
                    );
                    None
                }
            });
            if let (Some(id), Some(kind)) = (id, kind) {
                sources.push(RawSource {
                    id,
                    name,
                    aliases,
                    kind,
                    alignment,
                    prior,
                });
            }
        }
        Some(sources)
    }

    fn choice<T: Copy>(
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

    fn number(&mut self, file: &Path, node: &Node, what: &str) -> Option<f64> {
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

    fn read_event(&mut self, contents: Contents, file: &Path) -> Option<RawEvent> {
        let doc = self.parse_file(contents, file)?;
        if doc.kind == NodeKind::Null {
            self.problem(
                Location::new(file, 1, 1),
                "the file holds no YAML (nothing, or only comments): a claims file starts with `event: ID`",
            );
            return None;
        }
        let top = self.fields(file, &doc, "a claims file", EVENT_KEYS)?;
        let id = match top.get("event") {
            Some(n) => self.text(file, n, "the event id").and_then(|value| {
                if is_reference_id(&value) {
                    Some(Spot {
                        value,
                        at: Self::at(file, n),
                    })
                } else {
                    self.problem(
                        Self::at(file, n),
                        format!(
                            "`{}` is not a valid event id: use letters, digits, `-`, `_` and `.`",
                            escape(&value)
                        ),
                    );
                    None
                }
            }),
            None => {
                self.problem(
                    Location::new(file, doc.line.max(1), doc.column.max(1)),
                    "a claims file needs `event: ID` (the event or story it is about)",
                );
                None
            }
        };
        let title = self.optional_text(file, &top, "title", "the event title");
        let mut questions = Vec::new();
        for node in self.list_top(file, &top, "questions") {
            if let Some(q) = self.read_question(file, node) {
                questions.push(q);
            }
        }
        let mut claims = Vec::new();
        for node in self.list_top(file, &top, "claims") {
            if let Some(c) = self.read_claim(file, node, true) {
                claims.push(c);
            }
        }
        Some(RawEvent {
            id: id?,
            title,
            file: file.to_path_buf(),
            questions,
            claims,
        })
    }

    fn read_question(&mut self, file: &Path, node: &Node) -> Option<RawQuestion> {
        let f = self.fields(file, node, "a question", QUESTION_KEYS)?;
        let id = self.id(file, &f, "a question", false);
        let ask = self.required_text(
            file,
            &f,
            "ask",
            "the question's wording",
            "what does it ask?",
        );
        let kind = match f.get("kind") {
            Some(n) => self.choice(file, n, "a question kind", &QuestionKind::ALL),
            None => {
                self.problem(
                    Self::at(file, node),
                    "a question needs `kind`: count, share, category or text",
                );
                None
            }
        };
        let unit = self
            .optional_text(file, &f, "unit", "a unit")
            .map(|u| canonical_unit(&u));
        let cumulative = f.get("cumulative").and_then(|n| match n.kind {
            NodeKind::Bool(b) => Some(Spot {
                value: b,
                at: Self::at(file, n),
            }),
            _ => {
                self.problem(
                    Self::at(file, n),
                    format!("`cumulative` is true or false, not {}", n.describe()),
                );
                None
            }
        });
        let tolerance = match f.get("tolerance") {
            None => Some(0.0),
            Some(n) => self.number(file, n, "a tolerance").and_then(|t| {
                if (0.0..1.0).contains(&t) {
                    Some(t)
                } else {
                    self.problem(
                        Self::at(file, n),
                        format!(
                            "a tolerance is relative, at least 0 and below 1 (0.05 for 5%), not {t}"
                        ),
                    );
                    None
                }
            }),
        };
        let scale = f
            .get("scale")
            .map(|n| (n, self.list_of_text(file, n, "a scale value")));
        let values = f
            .get("values")
            .map(|n| (n, self.list_of_text(file, n, "a category value")));
        let kind = kind?;
        let categories = match (scale, values) {
            (Some((n, _)), Some(_)) => {
                self.problem(
                    Self::at(file, n),
                    "a category question has either an ordered `scale` or unordered `values`, not both",
                );
                return None;
            }
            (Some((n, s)), None) => self
                .category_list(file, n, s, kind)
                .map(Categories::Scale)?,
            (None, Some((n, v))) => self
                .category_list(file, n, v, kind)
                .map(Categories::Values)?,
            (None, None) => Categories::Open,
        };
        if let Some(c) = &cumulative
            && c.value
            && kind != QuestionKind::Count
        {
            self.problem(c.at.clone(), "only count questions can be cumulative");
        }
        if f.get("tolerance").is_some() && !kind.is_numeric() {
            self.problem(
                Self::at(file, f.get("tolerance")?),
                format!(
                    "a tolerance applies to figures; this is a {} question",
                    kind.name()
                ),
            );
        }
        Some(RawQuestion {
            id: id?,
            ask: ask?.value,
            kind,
            unit,
            cumulative,
            tolerance: tolerance?,
            categories,
        })
    }

    fn category_list(
        &mut self,
        file: &Path,
        node: &Node,
        items: Vec<Spot<String>>,
        kind: QuestionKind,
    ) -> Option<Vec<String>> {
        if kind != QuestionKind::Category {
            self.problem(
                Self::at(file, node),
                format!(
                    "`scale` and `values` belong to category questions; this is a {} question",
                    kind.name()
                ),
            );
            return None;
        }
        let mut seen: Vec<String> = Vec::new();
        for item in items {
            if seen.contains(&item.value) {
                self.problem(
                    item.at,
                    format!("`{}` is listed twice", escape(&item.value)),
                );
            } else {
                seen.push(item.value);
            }
        }
        if seen.is_empty() {
            self.problem(Self::at(file, node), "the list of categories is empty");
            return None;
        }
        Some(seen)
    }

    /// A claim's fields. In a standalone claim file (`id_required` false)
    /// the id may be left out: it is then empty.
    fn read_claim(&mut self, file: &Path, node: &Node, id_required: bool) -> Option<RawClaim> {
        let f = self.fields(file, node, "a claim", CLAIM_KEYS)?;
        let id = if !id_required && f.get("id").is_none() {
            Some(Spot {
                value: String::new(),
                at: Self::at(file, node),
            })
        } else {
            self.id(file, &f, "a claim", false)
        };
        let source = self.required_text(file, &f, "source", "the claim's source", "who said it?");
        let via = f.get("via").and_then(|n| {
            self.text(file, n, "`via`").map(|value| Spot {
                value,
                at: Self::at(file, n),
            })
        });
        let said_by = self.optional_text(file, &f, "said_by", "`said_by`");
        let date = f.get("date").and_then(|n| {
            let text = self.text(file, n, "a date")?;
            match ClaimDate::parse(&text) {
                Ok(d) => Some(Spot {
                    value: d,
                    at: Self::at(file, n),
                }),
                Err(e) => {
                    self.problem(Self::at(file, n), escape(&e).into_owned());
                    None
                }
            }
        });
        let date_ok = f.get("date").is_none() || date.is_some();
        let about = self.required_text(
            file,
            &f,
            "about",
            "the question the claim answers",
            "`about: QUESTION`",
        );
        let value = match f.get("value") {
            None => Some(Spot {
                value: Value::Unstated,
                at: Self::at(file, node),
            }),
            Some(n) => self.value(file, n).map(|value| Spot {
                value,
                at: Self::at(file, n),
            }),
        };
        let unit = self
            .optional_text(file, &f, "unit", "a unit")
            .map(|u| canonical_unit(&u));
        let text = self.required_text(
            file,
            &f,
            "text",
            "the claim's wording",
            "the words as published",
        );
        let lang = f.get("lang").and_then(|n| {
            let l = self.text(file, n, "`lang`")?;
            if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()) {
                Some(l)
            } else {
                self.problem(
                    Self::at(file, n),
                    format!(
                        "`lang` is a two- or three-letter language code (fr, en), not `{}`",
                        escape(&l)
                    ),
                );
                None
            }
        });
        let translation = self.optional_text(file, &f, "translation", "a translation");
        let supersedes = f.get("supersedes").and_then(|n| {
            self.text(file, n, "`supersedes`").map(|value| Spot {
                value,
                at: Self::at(file, n),
            })
        });
        let agrees_with = match f.get("agrees_with") {
            Some(n) => self.list_of_text(file, n, "a claim id"),
            None => Vec::new(),
        };
        let contradicts = match f.get("contradicts") {
            Some(n) => self.list_of_text(file, n, "a claim id"),
            None => Vec::new(),
        };
        if !date_ok {
            return None;
        }
        Some(RawClaim {
            id: id?,
            source: source?,
            via,
            said_by,
            date,
            about: about?,
            value: value?,
            unit,
            text: text?.value,
            lang,
            translation,
            supersedes,
            agrees_with,
            contradicts,
        })
    }

    /// A value in one of the forms of DESIGN §1.
    fn value(&mut self, file: &Path, node: &Node) -> Option<Value> {
        match &node.kind {
            NodeKind::Int(_) | NodeKind::Float(_) => {
                self.number(file, node, "a value").map(Value::Exact)
            }
            NodeKind::Map(_) => self.value_form(file, node),
            NodeKind::Str(s) => {
                self.problem(
                    Self::at(file, node),
                    format!(
                        "a value is a number (62) or a form such as {{at_least: 62}}; for a category write {{is: {}}}",
                        escape(s)
                    ),
                );
                None
            }
            _ => {
                self.problem(
                    Self::at(file, node),
                    format!(
                        "a value is a number (62) or a form such as {{at_least: 62}}, not {}",
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    fn value_form(&mut self, file: &Path, node: &Node) -> Option<Value> {
        let f = self.fields(file, node, "a value", VALUE_KEYS)?;
        let forms: Vec<&str> = f
            .entries
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !matches!(*k, "low" | "high"))
            .collect();
        let at = Self::at(file, node);
        if forms.is_empty() && !f.misspelt.is_empty() {
            // The misspelt form was reported as an unknown key.
            return None;
        }
        if forms.len() != 1 {
            self.problem(
                at,
                if forms.is_empty() {
                    "a value needs one form: at_least, more_than, at_most, less_than, about, between or is".to_string()
                } else {
                    format!("a value has one form, not {} ({})", forms.len(), forms.join(", "))
                },
            );
            return None;
        }
        let form = forms[0];
        if form != "about" && (f.get("low").is_some() || f.get("high").is_some()) {
            self.problem(
                at,
                "`low` and `high` go with `about` ({about: 300, low: 250, high: 400})",
            );
            return None;
        }
        let arg = f.get(form);
        let Some(arg) = arg else {
            self.problem(at, format!("`{form}` needs a figure"));
            return None;
        };
        let figure = |me: &mut Self, n: &Node| me.number(file, n, &format!("`{form}`"));
        Some(match form {
            "at_least" => Value::AtLeast(figure(self, arg)?),
            "more_than" => Value::MoreThan(figure(self, arg)?),
            "at_most" => Value::AtMost(figure(self, arg)?),
            "less_than" => Value::LessThan(figure(self, arg)?),
            "about" => {
                let about = figure(self, arg)?;
                let low = match f.get("low") {
                    Some(n) => Some(self.number(file, n, "`low`")?),
                    None => None,
                };
                let high = match f.get("high") {
                    Some(n) => Some(self.number(file, n, "`high`")?),
                    None => None,
                };
                if low.is_some_and(|l| l > about) || high.is_some_and(|h| h < about) {
                    self.problem(at, "`low` must not be above `about`, nor `high` below it");
                    return None;
                }
                Value::About { about, low, high }
            }
            "between" => {
                let NodeKind::Seq(items) = &arg.kind else {
                    self.problem(
                        Self::at(file, arg),
                        "`between` takes two figures: {between: [50, 70]}",
                    );
                    return None;
                };
                if items.len() != 2 {
                    self.problem(
                        Self::at(file, arg),
                        format!(
                            "`between` takes two figures, not {}: {{between: [50, 70]}}",
                            items.len()
                        ),
                    );
                    return None;
                }
                let (a, b) = (figure(self, &items[0])?, figure(self, &items[1])?);
                if a > b {
                    self.problem(
                        Self::at(file, arg),
                        format!("`between` goes from low to high: [{b}, {a}], not [{a}, {b}]"),
                    );
                    return None;
                }
                Value::Between(a, b)
            }
            _ => Value::Is(self.text(file, arg, "a category")?),
        })
    }

    /// Registers ids, resolves references and checks values against
    /// questions; returns the model (meaningful only without problems).
    fn resolve(
        &mut self,
        root: &Path,
        sources: Option<Vec<RawSource>>,
        events: Vec<RawEvent>,
    ) -> Store {
        let sources_known = sources.is_some();
        let mut store = Store {
            root: root.to_path_buf(),
            sources: Vec::new(),
            events: Vec::new(),
            questions: Vec::new(),
            claims: Vec::new(),
            source_by_id: HashMap::new(),
            event_by_id: HashMap::new(),
            claim_by_id: HashMap::new(),
            stamp: None,
        };
        let mut source_at: HashMap<String, Location> = HashMap::new();
        for s in sources.unwrap_or_default() {
            if let Some(first) = source_at.get(&s.id.value) {
                self.problem(
                    s.id.at.clone(),
                    format!(
                        "duplicate source id `{}` (first at {first})",
                        escape(&s.id.value)
                    ),
                );
                continue;
            }
            source_at.insert(s.id.value.clone(), s.id.at.clone());
            let ix = SourceIx::from_index(store.sources.len());
            store.source_by_id.insert(s.id.value.clone(), ix);
            store.sources.push(Source {
                name: s.name.unwrap_or_else(|| s.id.value.clone()),
                id: s.id.value,
                aliases: s.aliases,
                kind: s.kind,
                alignment: s.alignment,
                prior: s.prior,
                at: s.id.at,
            });
        }

        // Events and their questions.
        let mut event_at: HashMap<String, Location> = HashMap::new();
        let mut claim_at: HashMap<String, Location> = HashMap::new();
        let mut kept_events = Vec::new();
        for raw in events {
            if let Some(first) = event_at.get(&raw.id.value) {
                self.problem(
                    raw.id.at.clone(),
                    format!(
                        "event `{}` is already defined at {first} (one file per event)",
                        escape(&raw.id.value)
                    ),
                );
                continue;
            }
            event_at.insert(raw.id.value.clone(), raw.id.at.clone());
            let event_ix = EventIx::from_index(store.events.len());
            store.event_by_id.insert(raw.id.value.clone(), event_ix);
            let mut question_ixs = Vec::new();
            let mut question_at: HashMap<&str, &Location> = HashMap::new();
            for q in &raw.questions {
                if let Some(first) = question_at.get(q.id.value.as_str()) {
                    self.problem(
                        q.id.at.clone(),
                        format!(
                            "duplicate question id `{}` (first at {first})",
                            escape(&q.id.value)
                        ),
                    );
                    continue;
                }
                question_at.insert(&q.id.value, &q.id.at);
                let ix = QuestionIx::from_index(store.questions.len());
                question_ixs.push(ix);
                store.questions.push(Question {
                    id: q.id.value.clone(),
                    event: event_ix,
                    ask: q.ask.clone(),
                    kind: q.kind,
                    unit: q
                        .unit
                        .clone()
                        .or_else(|| (q.kind == QuestionKind::Share).then(|| "percent".to_string())),
                    cumulative: q
                        .cumulative
                        .as_ref()
                        .map_or(q.kind == QuestionKind::Count, |c| c.value),
                    tolerance: q.tolerance,
                    categories: q.categories.clone(),
                    claims: Vec::new(),
                    at: q.id.at.clone(),
                });
            }
            store.events.push(Event {
                id: raw.id.value.clone(),
                title: raw.title.clone(),
                file: raw.file.clone(),
                questions: question_ixs,
                claims: Vec::new(),
            });
            // Claim ids are unique across the whole store.
            let mut kept_claims = Vec::new();
            for c in raw.claims {
                if let Some(first) = claim_at.get(&c.id.value) {
                    self.problem(
                        c.id.at.clone(),
                        format!(
                            "duplicate claim id `{}` (first at {first})",
                            escape(&c.id.value)
                        ),
                    );
                    continue;
                }
                claim_at.insert(c.id.value.clone(), c.id.at.clone());
                kept_claims.push(c);
            }
            kept_events.push((event_ix, kept_claims));
        }
        let claim_count: usize = kept_events.iter().map(|(_, c)| c.len()).sum();
        // Claim indices are known before any claim is built, so that links
        // may point forward.
        let mut next = 0;
        for (_, claims) in &kept_events {
            for c in claims {
                store
                    .claim_by_id
                    .insert(c.id.value.clone(), ClaimIx::from_index(next));
                next += 1;
            }
        }
        store.claims.reserve(claim_count);
        let mut links: Vec<Links> = Vec::new();
        let mut dates: Vec<Option<Location>> = Vec::new();
        // Claims whose source or question did not resolve: their problem is
        // already reported, and cross-claim checks on them would only echo it.
        let mut broken: Vec<bool> = Vec::new();
        for (event_ix, claims) in kept_events {
            for raw in claims {
                let ix = ClaimIx::from_index(store.claims.len());
                let source = self.source_ref(&store, &raw.source, sources_known);
                let via = raw
                    .via
                    .as_ref()
                    .and_then(|v| self.source_ref(&store, v, sources_known));
                if let (Some(s), Some(v)) = (source, via)
                    && s == v
                {
                    self.problem(
                        raw.via
                            .as_ref()
                            .map(|v| v.at.clone())
                            .unwrap_or(raw.source.at.clone()),
                        "`via` names the claim's own source: a source does not relay itself",
                    );
                }
                let question = self.question_ref(&store, event_ix, &raw.about);
                if let Some(q) = question {
                    self.check_value_fits(&store, q, &raw);
                }
                broken.push(source.is_none() || question.is_none());
                // Placeholders keep indices aligned while problems remain;
                // the model is only handed out when there are none.
                let (source, question) = (
                    source.unwrap_or(SourceIx(0)),
                    question.unwrap_or(QuestionIx(0)),
                );
                dates.push(raw.date.as_ref().map(|d| d.at.clone()));
                links.push(Links {
                    claim: ix,
                    supersedes: raw.supersedes,
                    agrees_with: raw.agrees_with,
                    contradicts: raw.contradicts,
                });
                store.events[event_ix.index()].claims.push(ix);
                if let Some(q) = store.questions.get_mut(question.index()) {
                    q.claims.push(ix);
                }
                store.claims.push(Claim {
                    id: raw.id.value,
                    event: event_ix,
                    question,
                    source,
                    via,
                    said_by: raw.said_by,
                    date: raw.date.map(|d| d.value),
                    value: raw.value.value,
                    unit: raw.unit,
                    text: raw.text,
                    lang: raw.lang,
                    translation: raw.translation,
                    supersedes: None,
                    agrees_with: Vec::new(),
                    contradicts: Vec::new(),
                    at: raw.id.at,
                });
            }
        }
        for link in links {
            let ix = link.claim;
            let sup = link.supersedes.and_then(|s| {
                self.revision_ref(&store, &broken, ix, &s, dates[ix.index()].as_ref())
            });
            let agrees = link
                .agrees_with
                .iter()
                .filter_map(|l| self.link_ref(&store, &broken, ix, l, "agrees_with"))
                .collect();
            let contra = link
                .contradicts
                .iter()
                .filter_map(|l| self.link_ref(&store, &broken, ix, l, "contradicts"))
                .collect();
            let claim = &mut store.claims[ix.index()];
            claim.supersedes = sup;
            claim.agrees_with = agrees;
            claim.contradicts = contra;
        }
        self.problems
            .extend(super::revisions::loop_problems(&store));
        if self.problems.is_empty() {
            self.problems
                .extend(super::revisions::date_problems(&store));
        }
        store
    }

    /// Resolves a standalone claim against a loaded store.
    fn resolve_draft(&mut self, store: &Store, raw: RawClaim) -> Option<Draft> {
        let source = self.source_ref(store, &raw.source, true);
        let via = raw.via.as_ref().map(|v| self.source_ref(store, v, true));
        let question = match raw.about.value.split_once('/') {
            Some((event_id, _)) => match store.find_event(event_id) {
                Some(event) => self.question_ref(store, event, &raw.about),
                None => {
                    let events: Vec<&str> = store.events.iter().map(|e| e.id.as_str()).collect();
                    let hint = match nearest(event_id, &events) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("events: {}", events.join(", ")),
                    };
                    self.problem(
                        raw.about.at.clone(),
                        format!("`about` names no event: `{}` ({hint})", escape(event_id)),
                    );
                    None
                }
            },
            None => {
                let named: Vec<QuestionIx> = store
                    .question_ixs()
                    .filter(|&q| store.question(q).id == raw.about.value)
                    .collect();
                match named.as_slice() {
                    [only] => Some(*only),
                    none_or_several => {
                        let id = escape(&raw.about.value);
                        let message = if none_or_several.is_empty() {
                            format!("`about` names no question: `{id}` (write EVENT/QUESTION)")
                        } else {
                            format!("several events have a question `{id}`: write EVENT/QUESTION")
                        };
                        self.problem(raw.about.at.clone(), message);
                        None
                    }
                }
            }
        };
        if let Some(q) = question {
            self.check_value_fits(store, q, &raw);
        }
        let supersedes = raw
            .supersedes
            .as_ref()
            .map(|s| self.claim_ref(store, s, "supersedes"));
        let agrees_with: Vec<Option<ClaimIx>> = raw
            .agrees_with
            .iter()
            .map(|l| self.claim_ref(store, l, "agrees_with"))
            .collect();
        let contradicts: Vec<Option<ClaimIx>> = raw
            .contradicts
            .iter()
            .map(|l| self.claim_ref(store, l, "contradicts"))
            .collect();
        Some(Draft {
            id: (!raw.id.value.is_empty()).then_some(raw.id.value),
            question: Some(question?),
            source: Some(source?),
            via: via.map(|v| v.ok_or(())).transpose().ok()?,
            said_by: raw.said_by,
            date: raw.date.map(|d| d.value),
            value: raw.value.value,
            unit: raw.unit,
            text: raw.text,
            lang: raw.lang,
            translation: raw.translation,
            supersedes: supersedes.map(|s| s.ok_or(())).transpose().ok()?,
            agrees_with: agrees_with.into_iter().collect::<Option<Vec<_>>>()?,
            contradicts: contradicts.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn source_ref(
        &mut self,
        store: &Store,
        name: &Spot<String>,
        sources_known: bool,
    ) -> Option<SourceIx> {
        let found = store.find_source(&name.value);
        if found.is_none() && sources_known {
            let ids: Vec<&str> = store.sources.iter().map(|s| s.id.as_str()).collect();
            let hint = match nearest(&name.value, &ids) {
                Some(near) => format!(" (did you mean `{near}`?)"),
                None => " (sources are declared in sources.yaml)".to_string(),
            };
            self.problem(
                name.at.clone(),
                format!("unknown source \"{}\"{hint}", escape(&name.value)),
            );
        }
        found
    }

    fn question_ref(
        &mut self,
        store: &Store,
        event: EventIx,
        about: &Spot<String>,
    ) -> Option<QuestionIx> {
        let event_id = &store.event(event).id;
        let local = match about.value.split_once('/') {
            Some((e, q)) if e == event_id => q,
            Some((e, _)) => {
                self.problem(
                    about.at.clone(),
                    format!(
                        "`about` names a question of event `{}`; a claim answers a question of its own file's event (`{}`)",
                        escape(e),
                        escape(event_id)
                    ),
                );
                return None;
            }
            None => about.value.as_str(),
        };
        let questions = &store.event(event).questions;
        let found = questions
            .iter()
            .copied()
            .find(|&q| store.question(q).id == local);
        if found.is_none() {
            let ids: Vec<&str> = questions
                .iter()
                .map(|&q| store.question(q).id.as_str())
                .collect();
            let hint = match nearest(local, &ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None if ids.is_empty() => "the file declares no questions".to_string(),
                None => format!("questions here: {}", ids.join(", ")),
            };
            self.problem(
                about.at.clone(),
                format!("`about` names no question: `{}` ({hint})", escape(local)),
            );
        }
        found
    }

    fn check_value_fits(&mut self, store: &Store, q: QuestionIx, raw: &RawClaim) {
        let question = store.question(q);
        if let Some(message) = misfit(question, &raw.value.value, raw.unit.as_deref()) {
            self.problem(raw.value.at.clone(), message);
        }
    }

    fn claim_ref(&mut self, store: &Store, reference: &Spot<String>, key: &str) -> Option<ClaimIx> {
        let found = store.find_claim(&reference.value);
        if found.is_none() {
            self.problem(
                reference.at.clone(),
                format!(
                    "`{key}` names a missing claim: `{}`",
                    escape(&reference.value)
                ),
            );
        }
        found
    }

    fn revision_ref(
        &mut self,
        store: &Store,
        broken: &[bool],
        ix: ClaimIx,
        reference: &Spot<String>,
        date_at: Option<&Location>,
    ) -> Option<ClaimIx> {
        let target = self.claim_ref(store, reference, "supersedes")?;
        let (me, old) = (store.claim(ix), store.claim(target));
        let at = reference.at.clone();
        if broken[ix.index()] || broken[target.index()] {
            return None;
        }
        if target == ix {
            self.problem(at, "a claim cannot supersede itself");
            return None;
        }
        if me.source != old.source {
            self.problem(
                at,
                format!(
                    "`supersedes` works within one source: `{}` is {}'s claim, `{}` is {}'s",
                    escape(&me.id),
                    store.source(me.source).id,
                    escape(&old.id),
                    store.source(old.source).id
                ),
            );
            return None;
        }
        if me.question != old.question {
            self.problem(
                at,
                format!(
                    "`{}` answers another question; a revision answers the same one",
                    escape(&old.id)
                ),
            );
            return None;
        }
        if date::order(me.date.as_ref(), old.date.as_ref()) == Some(Ordering::Less) {
            let (a, b) = (
                me.date.map(|d| d.to_string()),
                old.date.map(|d| d.to_string()),
            );
            self.problem(
                date_at.cloned().unwrap_or(at),
                format!(
                    "`{}` ({}) supersedes `{}`, which is dated later ({}): a revision comes after what it revises",
                    escape(&me.id),
                    a.unwrap_or_default(),
                    escape(&old.id),
                    b.unwrap_or_default()
                ),
            );
            return None;
        }
        Some(target)
    }

    fn link_ref(
        &mut self,
        store: &Store,
        broken: &[bool],
        ix: ClaimIx,
        reference: &Spot<String>,
        key: &str,
    ) -> Option<ClaimIx> {
        let target = self.claim_ref(store, reference, key)?;
        let (me, other) = (store.claim(ix), store.claim(target));
        let at = reference.at.clone();
        if broken[ix.index()] || broken[target.index()] {
            None
        } else if target == ix {
            self.problem(at, format!("`{key}` links a claim to itself"));
            None
        } else if me.question != other.question {
            self.problem(
                at,
                format!(
                    "`{key}` links claims that answer different questions (`{}` and `{}`); claims relate only on the same question",
                    store.question(me.question).id,
                    store.question(other.question).id
                ),
            );
            None
        } else if me.source == other.source {
            self.problem(
                at,
                format!("`{key}` links two claims of the same source ({}); use `supersedes` for a revision", store.source(me.source).id),
            );
            None
        } else {
            Some(target)
        }
    }
}

/// Ids that can be referred to as `EVENT/ID`: no slash, no spaces.
pub(crate) fn is_reference_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
