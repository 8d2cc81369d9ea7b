//! The items that `add` and `import` write: a claim or a question as the
//! text of a YAML list item, and a fresh id for a new claim.
//!
//! This is the store's own writer (the loader's counterpart), so it lives
//! with the rest of the writing rather than among the renderers of
//! reports. Everything that comes from outside (a wording, a speaker's
//! name) is written as a YAML double-quoted string with every control and
//! bidirectional character escaped ([`quoted`]), so a claim cannot
//! break out of its field, change the structure of the file, or drive a
//! terminal that later shows the file. Ids are written plain, as a person
//! would, when YAML reads them back unchanged ([`word`]); the loader
//! then judges them like any other.

use crate::date::ClaimDate;
use crate::store::model::{ClaimIx, Draft, QuestionKind, Store};
use crate::value::Value;
use crate::yaml::{quoted, word};
use std::collections::HashSet;
use std::fmt::Write as _;

/// A claim about to be written: every field as text, references by id.
/// `import` builds it from a row and lets the loader judge the references;
/// `add` builds it from a resolved [`Draft`].
///
/// The last structured stage of a new claim: [`claim_item`] renders it as
/// the YAML text of a list item (a write's [`Item`](super::Item)), which
/// the loader reads back as any other claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimItem {
    /// Its id (see [`fresh_id`]).
    pub id: String,
    /// Its original source's id.
    pub source: String,
    /// The relays' ids, from the first relay to the outlet that
    /// published it.
    pub via: Vec<String>,
    /// The person who said it, if named.
    pub said_by: Option<String>,
    /// Its date as written (`2018-03`); quoted if it is not a date.
    pub date: Option<String>,
    /// The question's id within its event's file.
    pub about: String,
    /// What it says, written in its YAML form.
    pub value: Value,
    /// Its unit, when it differs from the question's.
    pub unit: Option<String>,
    /// The words as published.
    pub text: String,
    /// The language of `text`, if known.
    pub lang: Option<String>,
    /// An English translation, if given.
    pub translation: Option<String>,
    /// The id of the claim it revises, if any.
    pub supersedes: Option<String>,
    /// Ids of claims it agrees with.
    pub agrees_with: Vec<String>,
    /// Ids of claims it contradicts.
    pub contradicts: Vec<String>,
    /// The report's address, if known.
    pub url: Option<String>,
    /// When the outlet published it, as written.
    pub published: Option<String>,
    /// An archived copy's address.
    pub archive: Option<String>,
    /// A free-text note.
    pub note: Option<String>,
}

impl ClaimItem {
    /// The entry of a resolved draft, or `None` if it lacks a source or a
    /// question.
    pub fn from_draft(store: &Store, draft: &Draft, id: &str) -> Option<ClaimItem> {
        let name = |c: &ClaimIx| store.claim(*c).id.clone();
        Some(ClaimItem {
            id: id.to_string(),
            source: store.source(draft.source?).id.clone(),
            via: draft
                .via
                .iter()
                .map(|&v| store.source(v).id.clone())
                .collect(),
            said_by: draft.said_by.clone(),
            date: draft.date.map(|d| d.to_string()),
            about: store.question(draft.question?).id.clone(),
            value: draft.value.clone(),
            unit: draft.unit.clone(),
            text: draft.text.clone(),
            lang: draft.lang.clone(),
            translation: draft.translation.clone(),
            supersedes: draft.supersedes.as_ref().map(name),
            agrees_with: draft.agrees_with.iter().map(name).collect(),
            contradicts: draft.contradicts.iter().map(name).collect(),
            url: draft.provenance.url.clone(),
            published: draft.provenance.published.map(|d| d.to_string()),
            archive: draft.provenance.archive.clone(),
            note: draft.provenance.note.clone(),
        })
    }
}

/// An id for a new claim, `BASE` or `BASE-2`, `BASE-3`…: unused in the
/// store and in `taken` (ids already given out in the same write). The
/// base is reduced to valid id characters.
pub fn fresh_id(store: &Store, taken: &HashSet<String>, base: &str) -> String {
    let mut clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    clean = clean
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string();
    if clean.is_empty() {
        clean = "claim".to_string();
    }
    let free = |id: &str| store.find_claim(id).is_none() && !taken.contains(id);
    if free(&clean) {
        return clean;
    }
    (2..)
        .map(|n| format!("{clean}-{n}"))
        .find(|id| free(id))
        .unwrap_or(clean)
}

/// A claim as a list item (`- id: …`, fields indented by two spaces), in
/// the key order of the shipped store.
pub fn claim_item(e: &ClaimItem) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "- id: {}", word(&e.id));
    let _ = writeln!(y, "  source: {}", word(&e.source));
    match e.via.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(y, "  via: {}", word(one));
        }
        many => {
            let ids: Vec<String> = many.iter().map(|v| word(v)).collect();
            let _ = writeln!(y, "  via: [{}]", ids.join(", "));
        }
    }
    if let Some(person) = &e.said_by {
        let _ = writeln!(y, "  said_by: {}", quoted(person));
    }
    if let Some(date) = &e.date {
        let plain = ClaimDate::parse(date).is_ok();
        let _ = writeln!(
            y,
            "  date: {}",
            if plain { date.clone() } else { quoted(date) }
        );
    }
    let _ = writeln!(y, "  about: {}", word(&e.about));
    if e.value != Value::Unstated {
        let _ = writeln!(y, "  value: {}", e.value.to_yaml());
    }
    if let Some(unit) = &e.unit {
        let _ = writeln!(y, "  unit: {}", quoted(unit));
    }
    if let Some(c) = &e.supersedes {
        let _ = writeln!(y, "  supersedes: {}", word(c));
    }
    for (key, links) in [
        ("agrees_with", &e.agrees_with),
        ("contradicts", &e.contradicts),
    ] {
        if !links.is_empty() {
            let ids: Vec<String> = links.iter().map(|l| word(l)).collect();
            let _ = writeln!(y, "  {key}: [{}]", ids.join(", "));
        }
    }
    let _ = writeln!(y, "  text: {}", quoted(&e.text));
    if let Some(lang) = &e.lang {
        let _ = writeln!(y, "  lang: {}", word(lang));
    }
    if let Some(t) = &e.translation {
        let _ = writeln!(y, "  translation: {}", quoted(t));
    }
    for (key, field) in [
        ("url", &e.url),
        ("published", &e.published),
        ("archive", &e.archive),
        ("note", &e.note),
    ] {
        if let Some(v) = field {
            let _ = writeln!(y, "  {key}: {}", quoted(v));
        }
    }
    y
}

/// A question as a list item.
pub fn question_item(id: &str, ask: &str, kind: QuestionKind, unit: Option<&str>) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "- id: {}", word(id));
    let _ = writeln!(y, "  ask: {}", quoted(ask));
    let _ = writeln!(y, "  kind: {}", kind.name());
    if let Some(unit) = unit {
        let _ = writeln!(y, "  unit: {}", quoted(unit));
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, NodeKind};

    #[test]
    fn a_claim_item_reads_back_as_written() {
        let entry = ClaimItem {
            id: "osdh-toll-62".into(),
            source: "osdh".into(),
            via: vec!["afp".into()],
            said_by: None,
            date: Some("2018-03".into()),
            about: "pro-regime-killed".into(),
            value: Value::AtLeast(62.0),
            unit: None,
            text: "l'OSDH: \"62\"\u{1b}[2J".into(),
            lang: Some("fr".into()),
            translation: None,
            supersedes: None,
            agrees_with: vec![],
            contradicts: vec!["true".into()],
            url: Some("https://example.org/a?b=1#c".into()),
            published: Some("2018-03-22".into()),
            archive: None,
            note: Some("read: \"62\"".into()),
        };
        let item = claim_item(&entry);
        assert!(item.starts_with("- id: osdh-toll-62\n  source: osdh\n  via: afp\n"));
        let doc = yaml::parse(&item).unwrap();
        let NodeKind::Seq(items) = doc.kind else {
            panic!("not a list: {item}")
        };
        let NodeKind::Map(fields) = &items[0].kind else {
            panic!("not a mapping: {item}")
        };
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v.clone())
        };
        assert_eq!(field("text").unwrap().as_str(), Some(entry.text.as_str()));
        assert_eq!(field("date").unwrap().as_str(), Some("2018-03"));
        let NodeKind::Seq(contradicts) = field("contradicts").unwrap().kind else {
            panic!("not a list: {item}")
        };
        assert_eq!(contradicts[0].as_str(), Some("true"));
    }
}
