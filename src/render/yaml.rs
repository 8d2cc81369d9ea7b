//! Store YAML written by the tool: claim and question items for `add` and
//! `import` (quoting is [`crate::yaml::quoted`] and [`crate::yaml::word`]).
//!
//! Everything that comes from outside (a wording, a speaker's name) is
//! written as a YAML double-quoted string with every control and
//! bidirectional character escaped, so a claim cannot break out of its
//! field, change the structure of the file, or drive a terminal that later
//! shows the file. Ids are validated before they get here and are written
//! plain, as a person would.

use crate::store::QuestionKind;
use crate::store::write::ClaimEntry;
use crate::value::Value;
use crate::yaml::{quoted, word};
use std::fmt::Write as _;

/// A claim as a list item (`- id: …`, fields indented by two spaces), in
/// the key order of the shipped store.
pub fn claim_item(e: &ClaimEntry) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "- id: {}", word(&e.id));
    let _ = writeln!(y, "  source: {}", word(&e.source));
    if let Some(v) = &e.via {
        let _ = writeln!(y, "  via: {}", word(v));
    }
    if let Some(person) = &e.said_by {
        let _ = writeln!(y, "  said_by: {}", quoted(person));
    }
    if let Some(date) = &e.date {
        let plain = crate::date::ClaimDate::parse(date).is_ok();
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

    #[test]
    fn yaml_strings_escape_quotes_and_controls() {
        assert_eq!(quoted("a \"b\" c"), "\"a \\\"b\\\" c\"");
        assert_eq!(quoted("x\u{1b}[2Jy\n"), "\"x\\u001b[2Jy\\n\"");
        assert_eq!(quoted("62\u{202E}26"), "\"62\\u202e26\"");
    }

    #[test]
    fn ids_are_plain_and_anything_else_is_quoted() {
        assert_eq!(word("osdh-toll-62"), "osdh-toll-62");
        assert_eq!(word("no"), "no");
        assert_eq!(word("true"), "\"true\"");
        assert_eq!(word("62"), "\"62\"");
        for tricky in ["0x10", "0o17", "1_000", "007", "2018-qadam", "NULL", ".inf"] {
            assert_eq!(word(tricky), format!("\"{tricky}\""), "{tricky}");
        }
        assert_eq!(word("a: b"), "\"a: b\"");
        assert_eq!(word("x\ny: z"), "\"x\\ny: z\"");
    }

    #[test]
    fn quoted_strings_read_back_as_written() {
        for text in [
            "l'OSDH a dit \"62\"",
            "a\\b",
            "tab\there",
            "ctl\u{7}",
            "#not a comment: x",
        ] {
            let doc = crate::yaml::parse(&format!("k: {}\n", quoted(text))).unwrap();
            let crate::yaml::NodeKind::Map(entries) = doc.kind else {
                panic!()
            };
            assert_eq!(entries[0].1.as_str(), Some(text));
        }
    }
}
