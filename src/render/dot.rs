//! Graphviz DOT, written by hand (petgraph's `Dot` is a debug format and
//! would not escape store text).
//!
//! One cluster per question; revisions are arrows from the newer claim to
//! the older, agreements and contradictions are undirected edges.

use crate::escape::escape;
use crate::graph::ClaimGraph;
use crate::relate::{Basis, RelationKind};
use std::io::{self, Write};

/// A DOT string literal of one or more lines: quotes and backslashes
/// escaped, control characters made visible first, lines joined by DOT's
/// own `\n`.
fn quoted_lines(lines: &[&str]) -> String {
    let mut out = String::from('"');
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in escape(line).chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

fn quoted(text: &str) -> String {
    quoted_lines(&[text])
}

/// `graph` as DOT: one cluster per question, the claims and their relations.
pub fn write(out: &mut dyn Write, graph: &ClaimGraph) -> io::Result<()> {
    let store = graph.store();
    writeln!(out, "digraph recoupe {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [shape=box, fontname=\"Helvetica\"];")?;
    for (i, q) in store.question_ixs().enumerate() {
        let question = store.question(q);
        writeln!(out, "  subgraph cluster_{i} {{")?;
        writeln!(out, "    label={};", quoted(&store.question_key(q)))?;
        for &c in &question.claims {
            let claim = store.claim(c);
            let said = format!(
                "{}: {}",
                store.source(claim.source).id,
                claim.value.words(store.is_percent(c))
            );
            let label = quoted_lines(&[&claim.id, &said]);
            let style = if graph.is_current(c) {
                ""
            } else {
                ", style=dashed"
            };
            writeln!(out, "    {} [label={label}{style}];", quoted(&claim.id))?;
        }
        writeln!(out, "  }}")?;
    }
    for q in store.question_ixs() {
        let mut historic = 0;
        for e in graph.edges(q) {
            historic += usize::from(e.historic.is_some());
            let (from, to) = (&store.claim(e.from).id, &store.claim(e.to).id);
            let r = e.relation;
            let mut attrs = match r.kind {
                RelationKind::Supersedes => "label=\"supersedes\", style=dashed".to_string(),
                RelationKind::Corroborates => {
                    "label=\"corroborates\", color=darkgreen, dir=none".to_string()
                }
                RelationKind::Compatible => {
                    "label=\"compatible\", color=gray40, dir=none".to_string()
                }
                RelationKind::Contradicts => format!(
                    "label=\"contradicts {:.2}\", color=red, penwidth=2, dir=none",
                    r.gap.unwrap_or(1.0)
                ),
            };
            if r.basis == Basis::Analyst {
                attrs.push_str(", fontcolor=blue");
            }
            writeln!(out, "  {} -> {} [{attrs}];", quoted(from), quoted(to))?;
        }
        let omitted = graph.historic_count(q).saturating_sub(historic);
        if omitted > 0 {
            // Beyond the bound, only contradictions and links are drawn.
            writeln!(
                out,
                "  // {}: {omitted} historic pairs not drawn (neither contradictions nor analyst links)",
                store.question_key(q)
            )?;
        }
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::{quoted, quoted_lines};

    #[test]
    fn labels_cannot_break_out_of_their_string() {
        assert_eq!(quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quoted("x\ny\u{1b}"), r#""x\\ny\\u{1b}""#);
        assert_eq!(quoted_lines(&["id", "osdh: 62"]), r#""id\nosdh: 62""#);
    }
}
