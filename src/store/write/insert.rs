//! Where new items go in a claims file's text, and the proof that nothing
//! else moved.
//!
//! A claims file is reviewed by people: new items are inserted as text
//! after the last item of a top-level list, with the list's own
//! indentation and line endings, and the result is parsed again to check
//! that every entry that was there is still there, unchanged. This text
//! surgery is apart from the write itself (locking, validating, replacing
//! files) because it is pure: text in, text out, testable line by line.

use crate::yaml::{self, Node, NodeKind};

/// A file's text with items inserted, and the (1-based) line where the
/// first inserted item starts.
pub(super) struct Inserted {
    pub(super) text: String,
    pub(super) first_line: usize,
}

/// Inserts list items after the last item of the top-level `key:` list,
/// touching nothing else; adds the key at the end if the file has none.
/// Items are indented like the list's existing ones.
pub(super) fn insert_items(text: &str, key: &str, items: &[&str]) -> Result<Inserted, String> {
    if items.is_empty() {
        return Ok(Inserted {
            text: text.to_string(),
            first_line: 0,
        });
    }
    let inserted = insert_text(text, key, items)?;
    keeps_everything(text, &inserted.text, key, items.len())?;
    Ok(inserted)
}

/// Checks that `after` holds exactly what `before` held, plus `added` new
/// items at the end of the `key:` list: the guard against an insertion
/// that would change an existing entry (a block scalar keeping its final
/// blank lines, say) however the text is laid out.
fn keeps_everything(before: &str, after: &str, key: &str, added: usize) -> Result<(), String> {
    let refuse = || {
        format!(
            "adding to this file would change what it already holds (near the end of its `{key}:` list); add the entry by hand"
        )
    };
    let (Ok(old), Ok(new)) = (yaml::parse_unlocated(before), yaml::parse_unlocated(after)) else {
        return Err(refuse());
    };
    let (NodeKind::Map(old), NodeKind::Map(mut new)) = (old.kind, new.kind) else {
        return Err(refuse());
    };
    let Some(slot) = new.iter().position(|(k, _)| k.as_str() == Some(key)) else {
        return Err(refuse());
    };
    let NodeKind::Seq(list) = &mut new[slot].1.kind else {
        return Err(refuse());
    };
    if list.len() < added {
        return Err(refuse());
    }
    list.truncate(list.len() - added);
    let was_empty = list.is_empty();
    // A file without the list, or with an empty `key:`, had no items.
    let old_without_key: Vec<_> = old
        .iter()
        .filter(|(k, _)| k.as_str() != Some(key))
        .cloned()
        .collect();
    let new_without_key: Vec<_> = new
        .iter()
        .filter(|(k, _)| k.as_str() != Some(key))
        .cloned()
        .collect();
    let old_list = old
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| &v.kind);
    let lists_match = match old_list {
        None | Some(NodeKind::Null) => was_empty,
        Some(kind) => *kind == new[slot].1.kind,
    };
    if lists_match && old_without_key == new_without_key {
        Ok(())
    } else {
        Err(refuse())
    }
}

/// The text with the items inserted (see [`insert_items`]).
fn insert_text(text: &str, key: &str, items: &[&str]) -> Result<Inserted, String> {
    if text.replace("\r\n", "\n").contains('\r') {
        return Err(
            "the file ends lines with a lone carriage return (old Mac style); save it with ordinary line endings so that entries can be added".to_string(),
        );
    }
    let doc = yaml::parse(text)
        .map_err(|e| format!("{}:{}: YAML syntax error: {}", e.line, e.column, e.message))?;
    let NodeKind::Map(entries) = &doc.kind else {
        return Err("a claims file is a mapping (event:, questions:, claims:)".to_string());
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let position = entries.iter().position(|(k, _)| k.as_str() == Some(key));
    let (insert_at, indent) = match position {
        None => {
            // No such list: add it at the end of the file.
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(key);
            out.push(':');
            out.push_str(newline);
            let first_line = out.lines().count() + 1;
            for item in items {
                out.push_str(&indented(item, 2, newline));
            }
            return Ok(Inserted {
                text: out,
                first_line,
            });
        }
        Some(i) => list_end(entries, i, &lines, key)?,
    };
    let added: usize = items.iter().map(|i| i.len()).sum();
    let mut out = String::with_capacity(text.len() + added + 64);
    for line in &lines[..insert_at] {
        out.push_str(line);
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    for item in items {
        out.push_str(&indented(item, indent, newline));
    }
    for line in &lines[insert_at..] {
        out.push_str(line);
    }
    Ok(Inserted {
        text: out,
        first_line: insert_at + 1,
    })
}

/// Where the `key:` list (entry `i` of the top-level mapping) ends, as a
/// line index, and how its items are indented.
fn list_end(
    entries: &[(Node, Node)],
    i: usize,
    lines: &[&str],
    key: &str,
) -> Result<(usize, usize), String> {
    let (k, value) = &entries[i];
    let indent = match &value.kind {
        NodeKind::Seq(items) if !items.is_empty() => {
            let first = &items[0];
            let line = lines
                .get((first.line as usize).saturating_sub(1))
                .copied()
                .unwrap_or_default();
            if line.trim_start().starts_with('-') {
                line.len() - line.trim_start().len()
            } else {
                return Err(format!(
                    "`{key}` is written as a flow list ([…]); write it as a block list (one `- ` item per line) so that items can be added"
                ));
            }
        }
        NodeKind::Seq(_) => {
            return Err(format!(
                "`{key}: []` is a flow list; write `{key}:` alone on its line so that items can be added"
            ));
        }
        NodeKind::Null => 2,
        _ => return Err(format!("`{key}` must be a list")),
    };
    // The list ends where the next top-level key starts (or at the
    // end of the file); blank lines and comments at the margin just
    // before that belong to what follows, not to the last item.
    let mut end = entries
        .get(i + 1)
        .map_or(lines.len(), |(next, _)| {
            (next.line as usize).saturating_sub(1)
        })
        .min(lines.len());
    let start = k.line as usize;
    while end > start {
        let line = lines[end - 1].trim_end();
        if line.is_empty() || line.starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    Ok((end, indent))
}

/// Indents every line of a list item by `by` spaces, ending lines as the
/// file does (`\n`, or `\r\n` for a file written on Windows).
fn indented(item: &str, by: usize, newline: &str) -> String {
    let pad = " ".repeat(by);
    let mut out = String::with_capacity(item.len() + 8 * by);
    for line in item.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# A story.
event: raid
questions:
  - id: toll   # the toll
    ask: How many?
    kind: count

# The claims, oldest first.
claims:
  - id: a
    source: s
    about: toll
    text: \"x\"   # quoted on purpose

# trailing comment
";

    #[test]
    fn items_go_after_the_last_claim_and_nothing_else_moves() {
        let out = insert_items(
            FILE,
            "claims",
            &["- id: b\n  source: s\n  about: toll\n  text: y"],
        )
        .unwrap();
        assert_eq!(out.first_line, 14);
        let out = out.text;
        let expected = FILE.replace(
            "    text: \"x\"   # quoted on purpose\n",
            "    text: \"x\"   # quoted on purpose\n  - id: b\n    source: s\n    about: toll\n    text: y\n",
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn questions_go_before_the_comments_of_the_next_key() {
        let out = insert_items(FILE, "questions", &["- id: q2\n  ask: Who?\n  kind: text"])
            .unwrap()
            .text;
        assert!(
            out.contains(
                "    kind: count\n  - id: q2\n    ask: Who?\n    kind: text\n\n# The claims"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_missing_list_is_added_at_the_end() {
        let out = insert_items("event: e\n", "claims", &["- id: a"]).unwrap();
        assert_eq!(
            (out.text.as_str(), out.first_line),
            ("event: e\nclaims:\n  - id: a\n", 3)
        );
        let out = insert_items("event: e\nclaims:\n", "claims", &["- id: a"]).unwrap();
        assert_eq!(
            (out.text.as_str(), out.first_line),
            ("event: e\nclaims:\n  - id: a\n", 3)
        );
    }

    #[test]
    fn the_existing_indentation_is_kept() {
        let out = insert_items("event: e\nclaims:\n- id: a\n", "claims", &["- id: b"]).unwrap();
        assert_eq!(out.text, "event: e\nclaims:\n- id: a\n- id: b\n");
    }

    #[test]
    fn a_block_scalar_keeping_its_blank_lines_is_not_changed() {
        let file = "event: e\nclaims:\n  - id: a\n    text: |+\n      five\n\n\n";
        let err = insert_items(file, "claims", &["- id: b\n  text: x"])
            .map(|_| ())
            .unwrap_err();
        assert!(err.contains("would change what it already holds"), "{err}");
    }

    #[test]
    fn lone_carriage_returns_are_refused_not_a_panic() {
        let file = "event: e\nclaims:\n  - id: c1\r    source: a\r";
        let err = insert_items(file, "claims", &["- id: b"])
            .map(|_| ())
            .unwrap_err();
        assert!(err.contains("lone carriage return"), "{err}");
    }

    #[test]
    fn windows_line_endings_are_kept() {
        let out = insert_items(
            "event: e\r\nclaims:\r\n  - id: a\r\n",
            "claims",
            &["- id: b\n  source: s"],
        )
        .unwrap();
        assert_eq!(
            out.text,
            "event: e\r\nclaims:\r\n  - id: a\r\n  - id: b\r\n    source: s\r\n"
        );
    }

    #[test]
    fn flow_lists_are_refused_with_a_reason() {
        let err = insert_items("event: e\nclaims: [{id: a}]\n", "claims", &["- id: b"])
            .map(|_| ())
            .unwrap_err();
        assert!(err.contains("flow list"), "{err}");
    }
}
