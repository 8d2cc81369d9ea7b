//! `report --format markdown`: the report for a pull request or a chat.
//!
//! The same blocks as the terminal tables (claims, consensus, revisions,
//! contradictions with their word diffs), as pipe tables and lists that
//! GitHub, GitLab and most chat tools render. Removed words are
//! ~~struck~~ and added words **bold** (Markdown has no colour). Store
//! text is escaped twice: for the terminal, then for Markdown, so a
//! wording can neither drive a terminal nor turn into a link or a table
//! cell of its own.

use super::Look;
use super::layout::{consensus_line, plural, relay_words, value_words};
use super::table::{ask_line, heading, repeat_line, revision_line, standing, walk_back_line};
use crate::diff::{Segment, WordDiff};
use crate::escape::escape;
use crate::graph::Status;
use crate::report::{Divergence, QuestionReport, Report};
use crate::store::{ClaimIx, Store};
use std::io::{self, Write};

/// Text made inert for Markdown: every character that could start markup
/// is backslash-escaped; line breaks become spaces (a cell is one line).
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A word diff: `~~removed~~ **added**`, spaces kept outside the marks
/// (CommonMark ignores a mark that touches a space on its inner side).
pub(crate) fn md_diff(diff: &WordDiff) -> String {
    let mut out = String::new();
    let mark = |out: &mut String, text: &str, delim: &str| {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            out.push_str(&md(&escape(text)));
            return;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let tail = &text[text.trim_end().len()..];
        out.push_str(lead);
        out.push_str(delim);
        out.push_str(&md(&escape(trimmed)));
        out.push_str(delim);
        out.push_str(tail);
    };
    let mut after_removed = false;
    for segment in &diff.segments {
        match segment {
            Segment::Same(t) => out.push_str(&md(&escape(t))),
            Segment::Removed(t) => mark(&mut out, t, "~~"),
            Segment::Added(t) => {
                // "~~old~~ **new**": a replacement reads as two words.
                if after_removed && !out.ends_with(' ') && !t.starts_with(' ') {
                    out.push(' ');
                }
                mark(&mut out, t, "**");
            }
        }
        after_removed = matches!(segment, Segment::Removed(_));
    }
    out
}

const PLAIN: Look = Look {
    color: false,
    width: u16::MAX,
};

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

fn header(out: &mut dyn Write, names: &[&str]) -> io::Result<()> {
    writeln!(out, "| {} |", names.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(names.len()))
}

fn who(store: &Store, c: ClaimIx) -> String {
    let claim = store.claim(c);
    let source = store.source(claim.source);
    let mut who = md(&escape(&source.id));
    if !claim.via.is_empty() {
        who.push_str(&format!(" via {}", md(&relay_words(store, &claim.via))));
    }
    if let Some(alignment) = &source.alignment {
        who.push_str(&format!(" ({})", md(&escape(alignment))));
    }
    who
}

fn date(store: &Store, c: ClaimIx) -> String {
    store
        .claim(c)
        .date
        .map_or("undated".to_string(), |d| d.to_string())
}

/// The whole report.
pub fn report(out: &mut dyn Write, store: &Store, report: &Report) -> io::Result<()> {
    let n = report.questions.len();
    writeln!(out, "# recoupe report")?;
    writeln!(out)?;
    if n == 0 {
        return writeln!(out, "No questions to report.");
    }
    writeln!(
        out,
        "{}: {} with contradictions, {} consistent, {} answered by one source.",
        plural(n, "question", "questions"),
        report.count(Status::Contradiction),
        report.count(Status::Consistent),
        report.count(Status::Single),
    )?;
    let (single, crossed): (Vec<&QuestionReport>, Vec<&QuestionReport>) = report
        .questions
        .iter()
        .partition(|q| q.status == Status::Single);
    for qr in crossed {
        writeln!(out)?;
        question(out, store, qr)?;
    }
    if !single.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Answered by one source")?;
        writeln!(out)?;
        header(out, &["question", "claim", "source", "value", "date"])?;
        for qr in single {
            for line in qr.claims.iter().filter(|l| l.current) {
                let mut value = md(&value_words(store, line.claim));
                for chain in qr
                    .revisions
                    .iter()
                    .filter(|c| c.claims.last() == Some(&line.claim))
                {
                    let earlier: Vec<String> = chain.claims[..chain.claims.len() - 1]
                        .iter()
                        .map(|&c| md(&value_words(store, c)))
                        .collect();
                    value.push_str(&format!(", revised from {}", earlier.join(" → ")));
                }
                row(
                    out,
                    &[
                        format!("`{}`", escape(&store.question_key(qr.question))),
                        format!("`{}`", escape(&store.claim(line.claim).id)),
                        who(store, line.claim),
                        value,
                        date(store, line.claim),
                    ],
                )?;
            }
        }
    }
    Ok(())
}

fn question(out: &mut dyn Write, store: &Store, qr: &QuestionReport) -> io::Result<()> {
    writeln!(out, "## {}", md(&heading(store, qr, PLAIN)))?;
    writeln!(out)?;
    writeln!(out, "{}", md(&ask_line(store, qr)))?;
    writeln!(out)?;
    let mut standing_line = format!("Standing: **{}**", qr.standing.name());
    if qr.walked_back() {
        standing_line.push_str(", **walked back**");
    }
    writeln!(out, "{standing_line}")?;
    writeln!(out)?;
    header(out, &["claim", "source", "value", "date", "standing"])?;
    for line in qr.claims.iter().filter(|l| l.current) {
        let claim = store.claim(line.claim);
        let mut source = who(store, line.claim);
        if let Some(person) = &claim.said_by {
            source.push_str(&format!(", said by {}", md(&escape(person))));
        }
        row(
            out,
            &[
                match &claim.provenance.url {
                    // A link only to http(s) addresses, which the loader checked.
                    Some(url) => format!("[`{}`](<{}>)", escape(&claim.id), link(url)),
                    None => format!("`{}`", escape(&claim.id)),
                },
                source,
                md(&value_words(store, line.claim)),
                date(store, line.claim),
                md(&standing(store, line).replace('\n', "; ")),
            ],
        )?;
    }
    writeln!(out)?;
    if let Some(consensus) = &qr.consensus {
        writeln!(out, "{}", md(&consensus_line(store, consensus)))?;
        writeln!(out)?;
    }
    for chain in &qr.revisions {
        writeln!(out, "- {}", md(&revision_line(store, chain)))?;
    }
    for w in &qr.walk_backs {
        writeln!(out, "- **{}**", md(&walk_back_line(store, w)))?;
    }
    for line in qr.claims.iter().filter(|l| l.repeats.is_some()) {
        writeln!(out, "- {}", md(&repeat_line(store, line)))?;
    }
    if !qr.revisions.is_empty() || !qr.walk_backs.is_empty() {
        writeln!(out)?;
    }
    if !qr.divergences.is_empty() {
        divergences(out, store, &qr.divergences, "contradiction")?;
        let more = qr.unlisted_contradictions();
        if more > 0 {
            writeln!(
                out,
                "… and {} (`--format json` lists them all)",
                plural(more, "more contradiction", "more contradictions")
            )?;
            writeln!(out)?;
        }
    }
    if !qr.earlier.is_empty() {
        divergences(out, store, &qr.earlier, "disputed earlier")?;
        let more = qr.unlisted_earlier();
        if more > 0 {
            writeln!(
                out,
                "… and {} disputed earlier (`--format json` lists them all)",
                plural(more, "more contradiction", "more contradictions")
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// An address inside `<…>` of a Markdown link: no space, no angle bracket.
fn link(url: &str) -> String {
    escape(url)
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// Contradictions, current or earlier, with their word diffs.
fn divergences(
    out: &mut dyn Write,
    store: &Store,
    list: &[Divergence],
    title: &str,
) -> io::Result<()> {
    header(out, &[title, "gap", "wording"])?;
    for d in list {
        let pair = |c: ClaimIx| {
            let claim = store.claim(c);
            format!(
                "`{}` ({})",
                escape(&claim.id),
                md(&escape(&store.source(claim.source).id))
            )
        };
        let mut gap = format!("{:.2}", d.gap);
        if d.basis == crate::relate::Basis::Analyst {
            gap.push_str(" (analyst)");
        }
        let wording = match &d.wording {
            Some(w) => {
                let mut note = w
                    .lang
                    .as_deref()
                    .map_or(String::new(), |l| format!("{} ", md(&escape(l))));
                if w.translated {
                    note.push_str("(translations) ");
                }
                format!("{note}{}", md_diff(&w.diff))
            }
            None => "(no wording in a common language)".to_string(),
        };
        let mut pair = format!("{} × {}", pair(d.a), pair(d.b));
        if let Some(h) = d.historic {
            match h.until {
                Some(day) => pair.push_str(&format!(", until {day}")),
                None => pair.push_str(", earlier"),
            }
        }
        row(out, &[pair, gap, wording])?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::word_diff;

    #[test]
    fn markup_in_store_text_stays_text() {
        assert_eq!(md("a|b *c* [x](y) <b>"), r"a\|b \*c\* \[x\](y) \<b\>");
        assert_eq!(md("two\nlines"), "two lines");
    }

    #[test]
    fn a_diff_marks_words_without_touching_spaces() {
        let diff = word_diff("at least 62 fighters", "only 40 fighters");
        assert_eq!(md_diff(&diff), "~~at least 62~~ **only 40** fighters");
    }
}
