//! What a store file may hold: the keys of each item, the rules for ids
//! and units, the forms of a value; and the items read from a file,
//! field by field, before any reference between them is resolved.
//!
//! It exists apart from the mechanics of reading ([`read`](super::read))
//! and from resolution ([`resolve`](super::resolve)) because this is the
//! part that changes with the format (a new key, a new value form): one
//! file holds the whole schema of DESIGN §1.

use super::model::{
    Categories, CategoryWords, Provenance, QuestionKind, SourceKind, is_percent_unit,
};
use super::read::{Contents, Fields, Reader, Spot};
use crate::date::ClaimDate;
use crate::error::Location;
use crate::escape::escape;
use crate::value::Value;
use crate::yaml::{Node, NodeKind};
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
    "url",
    "published",
    "archive",
    "note",
];
/// The keys of a category value given with its words.
const CATEGORY_KEYS: &[&str] = &["id", "words"];
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

/// A unit as the store keeps it: trimmed, and `percent` for `%` or
/// `Percent`, so that two ways of writing one unit compare equal.
pub(crate) fn canonical_unit(unit: &str) -> String {
    if is_percent_unit(unit) {
        "percent".to_string()
    } else {
        unit.trim().to_string()
    }
}

/// Ids that can be referred to as `EVENT/ID`: no slash, no spaces.
pub(crate) fn is_reference_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A source as read from `sources.yaml`: checked field by field, its id
/// not yet known to be unique.
pub(super) struct UnresolvedSource {
    pub(super) id: Spot<String>,
    pub(super) name: Option<String>,
    pub(super) aliases: Vec<String>,
    pub(super) kind: SourceKind,
    pub(super) alignment: Option<String>,
    pub(super) prior: Option<f64>,
}

/// A question as read from its claims file, before the defaults that
/// depend on its kind are applied.
pub(super) struct UnresolvedQuestion {
    pub(super) id: Spot<String>,
    pub(super) ask: String,
    pub(super) kind: QuestionKind,
    pub(super) unit: Option<String>,
    pub(super) cumulative: Option<Spot<bool>>,
    pub(super) tolerance: f64,
    pub(super) categories: Categories,
    /// The words that state its values, per value that lists some.
    pub(super) category_words: Vec<CategoryWords>,
    /// A field could not be read (already reported): the question is
    /// declared, so that its claims are checked, but values are not
    /// judged against it.
    pub(super) damaged: bool,
}

/// A claim as read from a claims file (or a `--file` claim), the first
/// of its stages: every field checked and located, every reference still
/// a name (`source: osdh`, `about: pro-regime-killed`). Resolution turns
/// it into a [`Claim`](super::model::Claim) of the store, or a
/// [`Draft`](super::model::Draft) for a claim from outside.
pub(super) struct UnresolvedClaim {
    pub(super) id: Spot<String>,
    pub(super) source: Spot<String>,
    pub(super) via: Vec<Spot<String>>,
    pub(super) said_by: Option<String>,
    pub(super) date: Option<Spot<ClaimDate>>,
    pub(super) about: Spot<String>,
    pub(super) value: Spot<Value>,
    pub(super) unit: Option<String>,
    pub(super) text: String,
    pub(super) lang: Option<String>,
    pub(super) translation: Option<String>,
    pub(super) supersedes: Option<Spot<String>>,
    pub(super) agrees_with: Vec<Spot<String>>,
    pub(super) contradicts: Vec<Spot<String>>,
    pub(super) provenance: Provenance,
    /// The keys whose values could not be read (already reported): the
    /// claim holds placeholders there, is checked for everything else, and
    /// never becomes part of a model.
    pub(super) unread: Vec<&'static str>,
}

/// A claims file as read: its event, questions and claims, unresolved.
pub(super) struct UnresolvedEvent {
    pub(super) id: Spot<String>,
    pub(super) title: Option<String>,
    pub(super) file: PathBuf,
    pub(super) questions: Vec<UnresolvedQuestion>,
    pub(super) claims: Vec<UnresolvedClaim>,
}

impl Reader {
    /// An id as written, and whether it is valid (an invalid one is
    /// reported, and kept so that what names it is not reported again).
    pub(super) fn id_read(
        &mut self,
        file: &Path,
        fields: &Fields,
        what: &str,
        strict: bool,
    ) -> Option<(Spot<String>, bool)> {
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
            return Some((id, false));
        }
        Some((id, true))
    }

    pub(super) fn read_sources(&mut self, contents: Contents) -> Option<Vec<UnresolvedSource>> {
        let file = Path::new("sources.yaml");
        let doc = self.parse_file(contents, file)?;
        let top = self.fields(file, &doc, "sources.yaml", &["sources"])?;
        let mut sources = Vec::new();
        for node in self.list_top(file, &top, "sources") {
            let Some(f) = self.fields(file, node, "a source", SOURCE_KEYS) else {
                continue;
            };
            // A source with a bad field is still declared (its problem is
            // reported): its claims must not read "unknown source".
            let id = self.id_read(file, &f, "a source", true).map(|(id, _)| id);
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
            }
            .or(Some(SourceKind::Other));
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
                sources.push(UnresolvedSource {
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

    pub(super) fn read_event(
        &mut self,
        contents: Contents,
        file: &Path,
    ) -> Option<UnresolvedEvent> {
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
            Some(n) => self.text(file, n, "the event id").map(|value| {
                if !is_reference_id(&value) {
                    self.problem(
                        Self::at(file, n),
                        format!(
                            "`{}` is not a valid event id: use letters, digits, `-`, `_` and `.`",
                            escape(&value)
                        ),
                    );
                }
                // An invalid id is kept as written, so that the file's
                // claims are still checked.
                Spot {
                    value,
                    at: Self::at(file, n),
                }
            }),
            None => {
                self.problem(
                    Location::new(file, doc.line.max(1), doc.column.max(1)),
                    "a claims file needs `event: ID` (the event or story it is about)",
                );
                // An empty id: the file's questions and claims are still checked.
                Some(Spot {
                    value: String::new(),
                    at: Location::new(file, doc.line.max(1), doc.column.max(1)),
                })
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
        Some(UnresolvedEvent {
            id: id?,
            title,
            file: file.to_path_buf(),
            questions,
            claims,
        })
    }

    fn read_question(&mut self, file: &Path, node: &Node) -> Option<UnresolvedQuestion> {
        let f = self.fields(file, node, "a question", QUESTION_KEYS)?;
        let id = self.id_read(file, &f, "a question", false);
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
        let cumulative = self.cumulative(file, &f);
        let tolerance = self.tolerance(file, &f);
        let mut category_words = Vec::new();
        let scale = f.get("scale").map(|n| {
            let (items, words) = self.category_items(file, n, "a scale value");
            category_words.extend(words);
            (n, items)
        });
        let values = f.get("values").map(|n| {
            let (items, words) = self.category_items(file, n, "a category value");
            category_words.extend(words);
            (n, items)
        });
        // A question with a bad field is still declared: its claims must
        // not read "`about` names no question".
        let (id, id_ok) = id?;
        let categories = kind.and_then(|kind| self.categories(file, kind, scale, values));
        if let Some(kind) = kind {
            self.check_figure_keys(file, &f, kind, cumulative.as_ref());
        }
        let damaged = !id_ok
            || ask.is_none()
            || kind.is_none()
            || tolerance.is_none()
            || categories.is_none();
        Some(UnresolvedQuestion {
            id,
            ask: ask.map(|a| a.value).unwrap_or_default(),
            kind: kind.unwrap_or(QuestionKind::Text),
            unit,
            cumulative,
            tolerance: tolerance.unwrap_or(0.0),
            categories: categories.unwrap_or(Categories::Open),
            category_words,
            damaged,
        })
    }

    /// A question's `cumulative`, with its place.
    fn cumulative(&mut self, file: &Path, f: &Fields) -> Option<Spot<bool>> {
        let n = f.get("cumulative")?;
        match n.kind {
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
        }
    }

    /// A question's `tolerance`: 0 when not given; `None` when invalid.
    fn tolerance(&mut self, file: &Path, f: &Fields) -> Option<f64> {
        let Some(n) = f.get("tolerance") else {
            return Some(0.0);
        };
        let t = self.number(file, n, "a tolerance")?;
        if (0.0..1.0).contains(&t) {
            Some(t)
        } else {
            self.problem(
                Self::at(file, n),
                format!("a tolerance is relative, at least 0 and below 1 (0.05 for 5%), not {t}"),
            );
            None
        }
    }

    /// The values a question of `kind` allows, from its `scale` or its
    /// `values` (each list with its node), if either was given.
    fn categories(
        &mut self,
        file: &Path,
        kind: QuestionKind,
        scale: Option<(&Node, Vec<Spot<String>>)>,
        values: Option<(&Node, Vec<Spot<String>>)>,
    ) -> Option<Categories> {
        match (scale, values) {
            (Some((n, _)), Some(_)) => {
                self.problem(
                    Self::at(file, n),
                    "a category question has either an ordered `scale` or unordered `values`, not both",
                );
                None
            }
            (Some((n, s)), None) => self.category_list(file, n, s, kind).map(Categories::Scale),
            (None, Some((n, v))) => self.category_list(file, n, v, kind).map(Categories::Values),
            (None, None) => Some(Categories::Open),
        }
    }

    /// The items of a `scale` or `values` list: each a plain id
    /// (`israeli-strike`) or an id with the words that state it
    /// (`{id: israeli-strike, words: {en: [Israeli strike], fr: [frappe
    /// israélienne]}}`, DESIGN §10); the words of those that give some.
    fn category_items(
        &mut self,
        file: &Path,
        node: &Node,
        what: &str,
    ) -> (Vec<Spot<String>>, Vec<CategoryWords>) {
        let items: Vec<&Node> = match &node.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut ids = Vec::new();
        let mut all_words = Vec::new();
        for item in items {
            if !matches!(item.kind, NodeKind::Map(_)) {
                ids.extend(self.text(file, item, what).map(|value| Spot {
                    value,
                    at: Self::at(file, item),
                }));
                continue;
            }
            let Some(f) = self.fields(file, item, what, CATEGORY_KEYS) else {
                continue;
            };
            let Some(id) = self.required_text(file, &f, "id", what, "the value's id") else {
                continue;
            };
            if let Some(words) = f.get("words").and_then(|n| self.value_words(file, n))
                && !words.is_empty()
            {
                all_words.push(CategoryWords {
                    value: id.value.clone(),
                    words,
                });
            }
            ids.push(id);
        }
        (ids, all_words)
    }

    /// A category value's `words`: a mapping from a language code (`en`,
    /// `fr`) to a list of wordings. `None` when it is malformed (reported).
    fn value_words(&mut self, file: &Path, node: &Node) -> Option<Vec<(String, Vec<String>)>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.problem(
                Self::at(file, node),
                format!(
                    "`words` maps a language to its wordings ({{en: [Israeli strike], fr: [frappe israélienne]}}), not {}",
                    node.describe()
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (key, list) in entries {
            let lang = match &key.kind {
                NodeKind::Str(s) => s.as_str(),
                _ => "",
            };
            if !((2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase())) {
                self.problem(
                    Self::at(file, key),
                    format!(
                        "a key of `words` is a two- or three-letter language code (fr, en), not `{}`",
                        escape(lang)
                    ),
                );
                ok = false;
                continue;
            }
            let NodeKind::Seq(items) = &list.kind else {
                self.problem(
                    Self::at(file, list),
                    format!(
                        "the words in `{lang}` are a list ([Israeli strike, air strike]), not {}",
                        list.describe()
                    ),
                );
                ok = false;
                continue;
            };
            let mut phrases = Vec::new();
            for item in items {
                match self.text(file, item, "a wording") {
                    Some(t) if !crate::words::words(&t).is_empty() => phrases.push(t),
                    Some(_) => {
                        self.problem(Self::at(file, item), "a wording needs at least one word");
                        ok = false;
                    }
                    None => ok = false,
                }
            }
            out.push((lang.to_string(), phrases));
        }
        ok.then_some(out)
    }

    /// `cumulative` and `tolerance` only make sense on figures.
    fn check_figure_keys(
        &mut self,
        file: &Path,
        f: &Fields,
        kind: QuestionKind,
        cumulative: Option<&Spot<bool>>,
    ) {
        if let Some(c) = cumulative
            && c.value
            && kind != QuestionKind::Count
        {
            self.problem(c.at.clone(), "only count questions can be cumulative");
        }
        if let Some(n) = f.get("tolerance")
            && !kind.is_numeric()
        {
            self.problem(
                Self::at(file, n),
                format!(
                    "a tolerance applies to figures; this is a {} question",
                    kind.name()
                ),
            );
        }
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
    pub(super) fn read_claim(
        &mut self,
        file: &Path,
        node: &Node,
        id_required: bool,
    ) -> Option<UnresolvedClaim> {
        let f = self.fields(file, node, "a claim", CLAIM_KEYS)?;
        let id = if !id_required && f.get("id").is_none() {
            Some((
                Spot {
                    value: String::new(),
                    at: Self::at(file, node),
                },
                true,
            ))
        } else {
            self.id_read(file, &f, "a claim", false)
        };
        let source = self.required_text(file, &f, "source", "the claim's source", "who said it?");
        let via = match f.get("via") {
            Some(n) => self.list_of_text(file, n, "a source id"),
            None => Vec::new(),
        };
        let said_by = self.optional_text(file, &f, "said_by", "`said_by`");
        let date = self.date(file, &f);
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
        let lang = self.lang(file, &f);
        let translation = self.optional_text(file, &f, "translation", "a translation");
        let supersedes = self.located_text(file, &f, "supersedes", "`supersedes`");
        let agrees_with = match f.get("agrees_with") {
            Some(n) => self.list_of_text(file, n, "a claim id"),
            None => Vec::new(),
        };
        let contradicts = match f.get("contradicts") {
            Some(n) => self.list_of_text(file, n, "a claim id"),
            None => Vec::new(),
        };
        let provenance = Provenance {
            url: self.address(file, &f, "url"),
            published: self.published(file, &f, date.as_ref()),
            archive: self.address(file, &f, "archive"),
            note: self.optional_text(file, &f, "note", "a note"),
        };
        // A claim with a field that could not be read is kept with a
        // placeholder there, so that the rest of it is still checked.
        let mut unread = Vec::new();
        let here = || Spot {
            value: String::new(),
            at: Self::at(file, node),
        };
        let mut placeholder = |key: &'static str, read: bool| {
            if !read {
                unread.push(key);
            }
        };
        placeholder("id", matches!(id, Some((_, true))));
        placeholder("source", source.is_some());
        placeholder("date", date_ok);
        placeholder("about", about.is_some());
        placeholder("value", value.is_some());
        placeholder("text", text.is_some());
        Some(UnresolvedClaim {
            id: id.map_or_else(here, |(id, _)| id),
            source: source.unwrap_or_else(here),
            via,
            said_by,
            date,
            about: about.unwrap_or_else(here),
            value: value.unwrap_or(Spot {
                value: Value::Unstated,
                at: Self::at(file, node),
            }),
            unit,
            text: text.map(|t| t.value).unwrap_or_default(),
            lang,
            translation,
            supersedes,
            agrees_with,
            contradicts,
            provenance,
            unread,
        })
    }

    /// A claim's `url` or `archive`: an http or https address.
    fn address(&mut self, file: &Path, f: &Fields, key: &str) -> Option<String> {
        let n = f.get(key)?;
        let text = self.text(file, n, "an address")?;
        match web_address(&text) {
            Ok(()) => Some(text),
            Err(why) => {
                self.problem(
                    Self::at(file, n),
                    format!("`{key}`: `{}` {why}", escape(&text)),
                );
                None
            }
        }
    }

    /// A claim's `published`: a date, not before the claim was said.
    fn published(
        &mut self,
        file: &Path,
        f: &Fields,
        said: Option<&Spot<ClaimDate>>,
    ) -> Option<ClaimDate> {
        let n = f.get("published")?;
        let text = self.text(file, n, "a date")?;
        match ClaimDate::parse(&text) {
            Ok(d) if said.is_some_and(|s| d.order(&s.value) == Some(std::cmp::Ordering::Less)) => {
                self.problem(
                    Self::at(file, n),
                    format!(
                        "`published: {d}` is before the claim was said (`date: {}`): an outlet cannot publish what was not said yet",
                        said.map(|s| s.value.to_string()).unwrap_or_default()
                    ),
                );
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(Self::at(file, n), escape(&e).into_owned());
                None
            }
        }
    }

    /// An optional text field, with its place (a reference, resolved later).
    fn located_text(
        &mut self,
        file: &Path,
        f: &Fields,
        key: &str,
        what: &str,
    ) -> Option<Spot<String>> {
        let n = f.get(key)?;
        self.text(file, n, what).map(|value| Spot {
            value,
            at: Self::at(file, n),
        })
    }

    /// A claim's `date`, at its precision.
    fn date(&mut self, file: &Path, f: &Fields) -> Option<Spot<ClaimDate>> {
        let n = f.get("date")?;
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
    }

    /// A claim's `lang`: a two- or three-letter code.
    fn lang(&mut self, file: &Path, f: &Fields) -> Option<String> {
        let n = f.get("lang")?;
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
                self.about_form(file, &f, about, at)?
            }
            "between" => self.between_form(file, arg)?,
            _ => Value::Is(self.text(file, arg, "a category")?),
        })
    }

    /// `{about: X}`, with its optional `low` and `high`.
    fn about_form(&mut self, file: &Path, f: &Fields, about: f64, at: Location) -> Option<Value> {
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
        Some(Value::About { about, low, high })
    }

    /// `{between: [A, B]}`: two figures, low to high.
    fn between_form(&mut self, file: &Path, arg: &Node) -> Option<Value> {
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
        let figure = |me: &mut Self, n: &Node| me.number(file, n, "`between`");
        let (a, b) = (figure(self, &items[0])?, figure(self, &items[1])?);
        if a > b {
            self.problem(
                Self::at(file, arg),
                format!("`between` goes from low to high: [{b}, {a}], not [{a}, {b}]"),
            );
            return None;
        }
        Some(Value::Between(a, b))
    }
}

/// Whether `text` is an http or https address with a host: the check
/// behind `url` and `archive`, also used for `add --url`.
pub(crate) fn web_address(text: &str) -> Result<(), &'static str> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("is not a web address (write http:// or https://)")?;
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("holds a space or a control character");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let name = host.split(':').next().unwrap_or("");
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '[' | ']'))
    {
        return Err("has no host name");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{Categories, Store};

    const SOURCES: &str = "sources:\n  - id: wire-z\n    kind: wire\n";

    /// Loads a store of one claims file `e.yaml` holding `questions`.
    fn load(questions: &str) -> Result<Store, String> {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("sources.yaml"), SOURCES).unwrap();
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        let file = format!("event: blast\nquestions:\n{questions}");
        std::fs::write(dir.path().join("claims/e.yaml"), file).unwrap();
        Store::load(dir.path()).map_err(|e| e.to_string())
    }

    #[test]
    fn category_values_carry_their_words_in_each_language() {
        let store = load(
            "  - id: cause\n    ask: What hit the hospital?\n    kind: category\n    values:\n      - {id: israeli-strike, words: {en: [Israeli strike, Israeli air strike], fr: [frappe israélienne]}}\n      - {id: misfired-rocket, words: {en: [misfired rocket], fr: [roquette perdue]}}\n      - other\n",
        )
        .unwrap();
        let q = store.question(store.find_question("blast/cause").unwrap());
        // Plain ids and ids with words are one list of values.
        let Categories::Values(values) = &q.categories else {
            panic!("{:?}", q.categories)
        };
        assert_eq!(values, &["israeli-strike", "misfired-rocket", "other"]);
        assert_eq!(q.category_words.len(), 2);
        assert_eq!(q.category_words[0].value, "israeli-strike");
        assert_eq!(
            q.category_words[0].words,
            vec![
                (
                    "en".to_string(),
                    vec![
                        "Israeli strike".to_string(),
                        "Israeli air strike".to_string()
                    ]
                ),
                ("fr".to_string(), vec!["frappe israélienne".to_string()])
            ]
        );
        assert_eq!(
            q.category_stated("It was a misfired rocket, officials say"),
            Some("misfired-rocket")
        );
        assert_eq!(
            q.category_stated("Selon l'armée, une ROQUETTE perdue est en cause"),
            Some("misfired-rocket")
        );
        assert_eq!(
            q.category_stated("Une frappe israélienne a touché l'hôpital"),
            Some("israeli-strike")
        );
        // Whole words only; nothing said, nothing read.
        assert_eq!(q.category_stated("the misfired rockets"), None);
        assert_eq!(q.category_stated("un incendie"), None);
    }

    #[test]
    fn the_longest_wording_wins_and_a_tie_states_nothing() {
        let store = load(
            "  - id: cause\n    ask: What hit it?\n    kind: category\n    scale:\n      - {id: strike, words: {en: [strike], fr: [frappe]}}\n      - {id: air-strike, words: {en: [air strike], fr: [frappe aérienne]}}\n      - {id: rocket, words: {en: [rocket], fr: [roquette]}}\n",
        )
        .unwrap();
        let q = store.question(store.find_question("blast/cause").unwrap());
        assert_eq!(q.category_stated("an air strike hit"), Some("air-strike"));
        assert_eq!(q.category_stated("a strike hit"), Some("strike"));
        assert_eq!(
            q.category_stated("une frappe aérienne, pas une roquette"),
            Some("air-strike")
        );
        // A denied wording is not stated: the other one is.
        assert_eq!(
            q.category_stated("not a strike but a rocket"),
            Some("rocket")
        );
        assert_eq!(
            q.category_stated("pas une frappe mais une roquette"),
            Some("rocket")
        );
        // Equally long and both stated: neither.
        assert_eq!(q.category_stated("a strike or a rocket"), None);
    }

    #[test]
    fn a_category_wording_under_a_negation_is_not_stated() {
        let store = load(
            "  - id: cause\n    ask: What hit it?\n    kind: category\n    scale:\n      - {id: strike, words: {en: [strike], fr: [frappe]}}\n      - {id: air-strike, words: {en: [air strike], fr: [frappe aérienne]}}\n      - {id: rocket, words: {en: [rocket], fr: [roquette]}}\n",
        )
        .unwrap();
        let q = store.question(store.find_question("blast/cause").unwrap());
        for denied in [
            "It was not an air strike, the army says.",
            "It wasn't an air strike.",
            "The blast was not caused by an air strike.",
            "No air strike hit the hospital.",
            "Ce n'était pas une frappe aérienne.",
            "L'explosion n'est pas due à une frappe aérienne.",
            "Aucune frappe aérienne n'a touché l'hôpital.",
        ] {
            assert_eq!(q.category_stated(denied), None, "{denied}");
        }
        assert_eq!(
            q.category_stated("A rocket rather than an air strike hit it."),
            Some("rocket")
        );
        assert_eq!(
            q.category_stated("Une roquette plutôt qu'une frappe aérienne."),
            Some("rocket")
        );
        assert_eq!(
            q.category_stated("Ce n'était pas une roquette, mais une frappe aérienne."),
            Some("air-strike")
        );
        // Stated once plainly: stated, whatever else is denied.
        assert_eq!(
            q.category_stated("Not a rocket: an air strike. An air strike, not a rocket."),
            Some("air-strike")
        );
        // A negation farther off does not deny it.
        assert_eq!(
            q.category_stated("Officials did not say much, but an air strike hit it."),
            Some("air-strike")
        );
    }

    #[test]
    fn a_bad_form_of_category_words_is_located() {
        let head = "  - id: cause\n    ask: What hit it?\n    kind: category\n    values:\n";
        let err = |items: &str| load(&format!("{head}{items}")).unwrap_err();
        let unknown = err("      - {id: strike, wrods: {en: [strike]}}\n");
        assert!(
            unknown.contains("claims/e.yaml:7:22: unknown key `wrods`")
                && unknown.contains("did you mean `words`?"),
            "{unknown}"
        );
        let not_a_list = err("      - {id: strike, words: {en: strike}}\n");
        assert!(
            not_a_list.contains("claims/e.yaml:7:34: the words in `en` are a list"),
            "{not_a_list}"
        );
        let not_a_map = err("      - {id: strike, words: [strike]}\n");
        assert!(
            not_a_map.contains("claims/e.yaml:7:29: `words` maps a language to its wordings"),
            "{not_a_map}"
        );
        let lang = err("      - {id: strike, words: {English: [strike]}}\n");
        assert!(
            lang.contains("claims/e.yaml:7:30: a key of `words` is a two- or three-letter language code (fr, en), not `English`"),
            "{lang}"
        );
        let no_id = err("      - {words: {fr: [frappe]}}\n");
        assert!(no_id.contains("claims/e.yaml:7:9:"), "{no_id}");
        assert!(no_id.contains("missing: `id`"), "{no_id}");
        let twice = err("      - strike\n      - {id: strike, words: {en: [strike]}}\n");
        assert!(twice.contains("`strike` is listed twice"), "{twice}");
    }
}
