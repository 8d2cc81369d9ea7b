//! Every YAML call of the project lives here.
//!
//! The store is read in two steps: this module turns a file into a tree of
//! [`Node`]s, each with its line and column, and the store's reader walks
//! the tree to build the model, collecting *every* problem instead of
//! stopping at the first. Typed `serde` deserialisation would stop at the first unknown key
//! or wrong type; a located tree lets `validate` list them all.
//!
//! The parser is `serde-saphyr` (not `serde_yaml`, archived in 2024): no
//! unsafe code, duplicate keys rejected, budgets against hostile input, and
//! `Spanned<T>` for locations. Its default budget refuses documents over
//! 250,000 nodes or 1,000,000 events; a newsroom claims file can be larger,
//! so the budget here grows with the file (see [`budget_for`]) while keeping
//! the default caps on anchors and aliases, which are what an alias bomb
//! needs. Keeping every call in this file makes the parser a one-file choice.

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::fmt::Write as _;

/// A YAML node with the place where it starts (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) kind: NodeKind,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

/// The shape of a node. Mapping entries keep their order and their keys'
/// positions, so that a problem with a key points at the key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A short name of the node's type, for messages ("a list", "a number").
    pub(crate) fn describe(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "nothing (null)",
            NodeKind::Bool(_) => "true/false",
            NodeKind::Int(_) | NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A YAML syntax error, with the place the parser gave up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) message: String,
}

/// Parses one YAML document into a located tree.
pub(crate) fn parse(text: &str) -> Result<Node, SyntaxError> {
    parse_with(text, true)
}

/// Parses one YAML document without recording positions (every node at
/// line 0): about twice as fast, for stores that turn out to be valid. A
/// caller that finds a problem parses again with [`parse`] to locate it.
pub(crate) fn parse_unlocated(text: &str) -> Result<Node, SyntaxError> {
    parse_with(text, false)
}

fn parse_with(text: &str, located: bool) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: Some(budget_for(text.len())),
        // YAML 1.2 booleans only: `no`, `y` or `off` stay words (a
        // category `no`, a claim id `y`), as do ids such as `007`.
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    };
    let parsed = if located {
        serde_saphyr::from_str_with_options::<Node>(text, options)
    } else {
        serde_saphyr::from_str_with_options::<Unlocated>(text, options).map(|u| u.0)
    };
    parsed.map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (to_u32(l.line()), to_u32(l.column())))
            .unwrap_or((1, 1));
        let rendered = e.to_string();
        // The message ends with "at line L, column C"; the location goes
        // in front of ours instead.
        let message = match rendered.find(" at line ") {
            Some(i) => plain_message(&rendered[..i]),
            None => plain_message(&rendered),
        };
        SyntaxError {
            line: line.max(1),
            column: column.max(1),
            message,
        }
    })
}

/// A YAML double-quoted scalar. Backslash and quote are escaped, and so is
/// every character [`escape`](crate::escape::escape) would neutralise, as
/// `\n`, `\t` or `\uXXXX`.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if crate::escape::is_dangerous(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A word written plain when it is an id (as a person would write it),
/// quoted otherwise, so that nothing can change the file's structure; the
/// loader then judges whether it is a valid id.
pub(crate) fn word(text: &str) -> String {
    // Plain only when YAML reads it back as this very string: it starts
    // with a letter (`0x10`, `1_000`, `007` would come back as numbers or
    // change), holds only id characters, and is not a YAML keyword.
    let plain = text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null"
        );
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Reads a small YAML text into any type that `serde` can build (how the
/// value layer reads a value's form, `{at_least: 70}`); the parser's
/// message when it cannot.
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: Some(budget_for(text.len())),
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| e.to_string())
}

/// The parser's messages in the words of a store's user, where they name
/// the library's own API ("use from_str_multiple", "set
/// DuplicateKeyPolicy") or its internals ("budget breached: Nodes …").
fn plain_message(message: &str) -> String {
    if message.starts_with("multiple YAML documents") {
        "the file holds more than one YAML document: remove the `---` or `...` line".to_string()
    } else if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        format!("the key `{}` is given twice", crate::escape::escape(key))
    } else if message.starts_with("budget breached") {
        "the document is larger than it looks: too many aliases (`*name`) or too deeply nested"
            .to_string()
    } else {
        message.to_string()
    }
}

/// The parser budget for a document of `len` bytes: the crate's defaults,
/// raised in proportion to the size for events and nodes (a plain scalar
/// takes at least two bytes with its separator), so that size alone never
/// refuses an honest file; anchors and aliases keep their default caps,
/// without the ratio of aliases to anchors.
pub(crate) fn budget_for(len: usize) -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = budget.max_events.max(len);
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    // The ratio of aliases to anchors says nothing about a bomb (2,000
    // honest `*afp` of one `&afp` are not one) and refuses honest files;
    // what makes a bomb is expansion, which the caps on events, nodes and
    // expansion depth bound whatever the ratio.
    budget.enforce_alias_anchor_ratio = false;
    budget
}

/// Checks that `bytes` are UTF-8; otherwise returns the 1-based line and
/// column (in characters) of the first invalid byte.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<&str, (u32, u32)> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (to_u32(line as u64), to_u32(column as u64))
    })
}

fn to_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<NodeKind>::deserialize(deserializer)?;
        Ok(Node {
            kind: spanned.value,
            line: to_u32(spanned.referenced.line()),
            column: to_u32(spanned.referenced.column()),
        })
    }
}

/// A located tree: every child is itself located.
impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor { located: true })
    }
}

/// A tree read without positions.
struct Unlocated(Node);

impl<'de> Deserialize<'de> for Unlocated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NodeSeed { located: false }
            .deserialize(deserializer)
            .map(Unlocated)
    }
}

/// Reads one node, located or not, and its children the same way.
#[derive(Clone, Copy)]
struct NodeSeed {
    located: bool,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        if self.located {
            Node::deserialize(deserializer)
        } else {
            let kind = deserializer.deserialize_any(NodeVisitor { located: false })?;
            Ok(Node {
                kind,
                line: 0,
                column: 0,
            })
        }
    }
}

struct NodeVisitor {
    located: bool,
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_none<E>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeKind, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<NodeKind, E> {
        Ok(NodeKind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<NodeKind, E> {
        Ok(NodeKind::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map_or(NodeKind::Float(v as f64), NodeKind::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map_or(NodeKind::Float(v as f64), NodeKind::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map_or(NodeKind::Float(v as f64), NodeKind::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<NodeKind, E> {
        Ok(NodeKind::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<NodeKind, A::Error> {
        let seed = NodeSeed {
            located: self.located,
        };
        let mut items = Vec::with_capacity(access.size_hint().unwrap_or(0));
        while let Some(item) = access.next_element_seed(seed)? {
            items.push(item);
        }
        Ok(NodeKind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<NodeKind, A::Error> {
        let seed = NodeSeed {
            located: self.located,
        };
        let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0));
        while let Some(key) = access.next_key_seed(seed)? {
            let value = access.next_value_seed(seed)?;
            entries.push((key, value));
        }
        Ok(NodeKind::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_honest_aliases_of_one_anchor_are_not_a_bomb() {
        let mut text = String::from("a: &wire {source: wire-c}\nb:\n");
        for _ in 0..2000 {
            text.push_str("  - *wire\n");
        }
        let node = parse(&text).expect("2,000 aliases of one anchor parse");
        let NodeKind::Map(entries) = node.kind else {
            panic!("a mapping")
        };
        assert!(matches!(&entries[1].1.kind, NodeKind::Seq(items) if items.len() == 2000));
    }

    #[test]
    fn a_nested_alias_bomb_is_still_refused() {
        let mut text = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            let row = vec![format!("*l{prev}"); 10].join(", ");
            text.push_str(&format!("l{level}: &l{level} [{row}]\n"));
        }
        let err = parse(&text).expect_err("10^12 nodes are refused");
        assert!(err.message.contains("larger than it looks"), "{err:?}");
        assert!(parse_unlocated(&text).is_err());
    }

    fn at(n: &Node) -> (u32, u32) {
        (n.line, n.column)
    }

    #[test]
    fn nodes_carry_their_position() {
        let doc = parse("event: qadam\nclaims:\n  - id: a\n    value: {at_least: 62}\n").unwrap();
        let NodeKind::Map(top) = &doc.kind else {
            panic!("not a map")
        };
        assert_eq!(at(&top[1].0), (2, 1));
        let NodeKind::Seq(claims) = &top[1].1.kind else {
            panic!("not a seq")
        };
        let NodeKind::Map(claim) = &claims[0].kind else {
            panic!("not a map")
        };
        assert_eq!(at(&claim[1].0), (4, 5));
        assert_eq!(at(&claim[1].1), (4, 12));
    }

    #[test]
    fn month_dates_stay_text_and_years_are_numbers() {
        let doc = parse("a: 2018-03\nb: 2018\nc: 2018-03-21\n").unwrap();
        let NodeKind::Map(top) = doc.kind else {
            panic!()
        };
        assert_eq!(top[0].1.kind, NodeKind::Str("2018-03".into()));
        assert_eq!(top[1].1.kind, NodeKind::Int(2018));
        assert_eq!(top[2].1.kind, NodeKind::Str("2018-03-21".into()));
    }

    #[test]
    fn yaml_1_1_booleans_and_leading_zeros_stay_words() {
        let doc = parse("a: no\nb: y\nc: true\nd: 007\n").unwrap();
        let NodeKind::Map(top) = doc.kind else {
            panic!()
        };
        assert_eq!(top[0].1.kind, NodeKind::Str("no".into()));
        assert_eq!(top[1].1.kind, NodeKind::Str("y".into()));
        assert_eq!(top[2].1.kind, NodeKind::Bool(true));
        assert_eq!(top[3].1.kind, NodeKind::Str("007".into()));
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 2));
        assert!(!e.message.contains("at line"), "{}", e.message);
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(e.message, "the key `a` is given twice");
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(
            e.message
                .starts_with("the file holds more than one YAML document"),
            "{}",
            e.message
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        assert_eq!(decode_utf8(b"ab\ncd\xffe"), Err((2, 3)));
        assert_eq!(decode_utf8("é".as_bytes()), Ok("é"));
    }

    #[test]
    fn the_unlocated_tree_has_the_same_shape() {
        fn strip(n: &Node) -> Node {
            let kind = match &n.kind {
                NodeKind::Seq(items) => NodeKind::Seq(items.iter().map(strip).collect()),
                NodeKind::Map(entries) => {
                    NodeKind::Map(entries.iter().map(|(k, v)| (strip(k), strip(v))).collect())
                }
                other => other.clone(),
            };
            Node {
                kind,
                line: 0,
                column: 0,
            }
        }
        let text = "a: [1, 2.5, x, ~, true]\nb: {c: d}\n";
        assert_eq!(strip(&parse(text).unwrap()), parse_unlocated(text).unwrap());
        assert_eq!(
            parse_unlocated("a: [1\n").unwrap_err().line,
            parse("a: [1\n").unwrap_err().line
        );
    }

    #[test]
    fn an_empty_document_is_null() {
        assert_eq!(parse("").unwrap().kind, NodeKind::Null);
    }

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
            let doc = parse(&format!("k: {}\n", quoted(text))).unwrap();
            let NodeKind::Map(entries) = doc.kind else {
                panic!()
            };
            assert_eq!(entries[0].1.as_str(), Some(text));
        }
    }
}
