//! What the table renderers share: the table itself and how its columns
//! are fitted to the width, and the words a table shows for plurals,
//! values and a question's consensus.
//!
//! Ids, dates and figures are read and copied, so a table never breaks a
//! word: each column is at least as wide as its longest word. When the
//! width cannot hold that, or is under [`STACK_BELOW`] columns, the table
//! becomes a stack of records, one block each, a `label: value` line per
//! column, which reads at any width.

use super::Look;
use crate::credibility::consensus::{Consensus, finite};
use crate::escape::cell;
use crate::store::{ClaimIx, Store};
use crate::value::{Interval, group_thousands};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::fmt;
use textwrap::core::display_width;

/// Below this width tables are stacked: under 70 columns a table of four
/// or five columns leaves each a dozen characters, too few for ids.
pub(crate) const STACK_BELOW: u16 = 70;

/// Rows of cells under a header, written as a table when the width allows
/// every column its longest word, else stacked (see the module's doc).
pub(crate) struct Grid {
    look: Look,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    floors: Vec<(usize, u16)>,
}

impl Grid {
    /// An empty grid with these column names.
    pub(crate) fn new(look: Look, header: &[&str]) -> Grid {
        Grid {
            look,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            floors: Vec::new(),
        }
    }

    /// Adds a row of cells, one per column, already escaped.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The columns to keep on one line (up to a cap), most important
    /// first; when the width is short, the least important give way first.
    pub(crate) fn keep(&mut self, floors: &[(usize, u16)]) {
        self.floors = floors.to_vec();
    }

    /// The content width of each column, or `None` when the grid is to be
    /// stacked.
    fn widths(&self) -> Option<Vec<usize>> {
        if self.look.width < STACK_BELOW {
            return None;
        }
        let n = self.header.len();
        let mut full = vec![0; n];
        let mut word = vec![1; n];
        for cells in std::iter::once(&self.header).chain(&self.rows) {
            for (i, text) in cells.iter().enumerate().take(n) {
                for line in text.lines() {
                    full[i] = full[i].max(display_width(line));
                    // comfy-table wraps at spaces only.
                    for w in line.split(' ') {
                        word[i] = word[i].max(display_width(w));
                    }
                }
            }
        }
        // Borders and padding: "│ " before each column, " │" at the end.
        let room = usize::from(self.look.width).checked_sub(3 * n + 1)?;
        let floors: Vec<(usize, usize)> = self
            .floors
            .iter()
            .filter(|(i, _)| *i < n)
            .map(|&(i, cap)| (i, usize::from(cap)))
            .collect();
        column_widths(&full, &word, &floors, room)
    }
}

/// Content widths for columns whose longest line is `full` and longest
/// word `word`, in `room` characters: every column its longest word (else
/// `None`); then the `floors` (column, cap) in order, whole up to their
/// cap, leaving the other columns up to 16 characters; then the narrowest
/// other column that wants more, one character at a time, and last the
/// floors beyond their caps.
pub(crate) fn column_widths(
    full: &[usize],
    word: &[usize],
    floors: &[(usize, usize)],
    room: usize,
) -> Option<Vec<usize>> {
    let mut w: Vec<usize> = word
        .iter()
        .zip(full)
        .map(|(&a, &b)| a.min(b).max(1))
        .collect();
    let used: usize = w.iter().sum();
    let mut spare = room.checked_sub(used)?;
    let wraps = |i: &usize| !floors.iter().any(|(f, _)| f == i);
    let reserve: usize = (0..w.len())
        .filter(wraps)
        .map(|i| full[i].min(16).saturating_sub(w[i]))
        .sum();
    let mut for_floors = spare.saturating_sub(reserve);
    for &(i, cap) in floors {
        let give = full[i].min(cap).saturating_sub(w[i]).min(for_floors);
        w[i] += give;
        for_floors -= give;
        spare -= give;
    }
    // What is left goes to the wrapping columns, narrowest first, then to
    // the floors beyond their caps.
    for pass_wraps in [true, false] {
        while spare > 0 {
            let Some(i) = (0..w.len())
                .filter(|&i| w[i] < full[i] && wraps(&i) == pass_wraps)
                .min_by_key(|&i| (w[i], i))
            else {
                break;
            };
            w[i] += 1;
            spare -= 1;
        }
    }
    Some(w)
}

impl fmt::Display for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(widths) = self.widths() else {
            return f.write_str(&self.stacked());
        };
        let mut table = new_table(self.look);
        table.set_header(self.header.clone());
        for cells in &self.rows {
            table.add_row(cells.clone());
        }
        for (i, w) in widths.into_iter().enumerate() {
            if let Some(c) = table.column_mut(i) {
                // comfy-table counts the padding (one space each side) in the width.
                let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
                c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
            }
        }
        write!(f, "{table}")
    }
}

impl Grid {
    /// One block per row: "• label: value" for its first column, then
    /// "  label: value" for each other column that has a value; a value's
    /// further lines and wrapped lines are indented under it.
    fn stacked(&self) -> String {
        let width = usize::from(self.look.width);
        let mut out = Vec::new();
        for cells in &self.rows {
            let mut first = true;
            for (label, value) in self.header.iter().zip(cells) {
                if value.trim().is_empty() {
                    continue;
                }
                let lead = if first { "• " } else { "  " };
                first = false;
                for (k, line) in value.lines().enumerate() {
                    let mut head = if k == 0 {
                        format!("{lead}{}: ", self.look.dim(label))
                    } else {
                        "    ".to_string()
                    };
                    // A first word too long to follow the label starts
                    // the next line.
                    let first = line.split(' ').next().unwrap_or("");
                    if k == 0 && display_width(&head) + display_width(first) > width {
                        out.push(head.trim_end().to_string());
                        head = "    ".to_string();
                    }
                    let options = textwrap::Options::new(width)
                        .initial_indent(&head)
                        .subsequent_indent("    ")
                        .break_words(false)
                        .word_splitter(textwrap::WordSplitter::NoHyphenation);
                    for wrapped in textwrap::wrap(line, options) {
                        // A word wider than the indented line goes unindented.
                        let fits = display_width(&wrapped) <= width;
                        out.push(
                            if fits {
                                wrapped
                            } else {
                                wrapped.trim_start().into()
                            }
                            .into_owned(),
                        );
                    }
                }
            }
        }
        out.join("\n")
    }
}

/// `text` wrapped to `width` for a line of prose: words are never broken,
/// not even at their hyphens (an id longer than the line runs past it
/// whole).
pub(crate) fn fill(text: &str, width: u16) -> String {
    textwrap::fill(
        text,
        textwrap::Options::new(usize::from(width))
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation),
    )
}

/// An empty table in the house style, laid out to the width of `look`.
pub(crate) fn new_table(look: Look) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(look.width);
    table
}

/// `n` and the word for it: "1 source", "2 sources".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A stored claim's value in words, escaped for the terminal.
pub(crate) fn value_words(store: &Store, c: ClaimIx) -> String {
    cell(&store.claim(c).value.words(store.is_percent(c))).into_owned()
}

/// The interval in words: "62 or more", "between 60 and 70", "exactly 62".
fn interval_words(interval: &Interval, percent: bool) -> String {
    let n = |v: f64| {
        let mut s = group_thousands(v);
        if percent {
            s.push('%');
        }
        s
    };
    match (finite(interval.low), finite(interval.high)) {
        (Some(a), Some(b)) if a == b => format!("exactly {}", n(a)),
        (Some(a), Some(b)) => format!("between {} and {}", n(a), n(b)),
        (Some(a), None) => format!("{} or more", n(a)),
        (None, Some(b)) => format!("{} or less", n(b)),
        (None, None) => "any figure".to_string(),
    }
}

/// One line under a question's table in the report: the value, what it
/// rests on, what contradicts it.
pub(crate) fn consensus_line(store: &Store, c: &Consensus) -> String {
    let percent = store.is_percent(c.claim);
    let mut line = if c.tied {
        format!(
            "consensus: none, the conflicting values are equally supported (confidence {:.2} each)",
            c.confidence
        )
    } else {
        let mut head = format!(
            "consensus: {} (confidence {:.2}",
            cell(&c.value.words(percent)),
            c.confidence
        );
        if let Some(interval) = c.interval.as_ref().filter(|_| c.narrowed) {
            head.push_str(&format!(
                "; the evidence allows {}",
                interval_words(interval, percent)
            ));
        }
        head.push(')');
        head.push_str(&format!(
            " · rests on {}: {}",
            plural(
                c.rests_on.len(),
                "independent source",
                "independent sources"
            ),
            c.rests_on
                .iter()
                .map(|&s| cell(&store.source(s).id).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !c.contradicted_by.is_empty() {
            line_of_claims(&mut head, store, "contradicted by", &c.contradicted_by);
        }
        if !c.set_aside.is_empty() {
            line_of_claims(
                &mut head,
                store,
                "set aside, each contradicted by another claim:",
                &c.set_aside,
            );
        }
        head
    };
    if c.weak {
        line.push_str(&format!(
            " · weak evidence: {}",
            plural(c.sources, "independent source", "independent sources")
        ));
    }
    line
}

/// " · WHAT ocha (about 11,300), who (3,958)", three at most, then how
/// many more.
fn line_of_claims(line: &mut String, store: &Store, what: &str, claims: &[ClaimIx]) {
    const SHOWN: usize = 3;
    let named: Vec<String> = claims
        .iter()
        .take(SHOWN)
        .map(|&c| {
            format!(
                "{} ({})",
                cell(&store.source(store.claim(c).source).id),
                value_words(store, c)
            )
        })
        .collect();
    line.push_str(&format!(" · {what} {}", named.join(", ")));
    if claims.len() > SHOWN {
        line.push_str(&format!(" and {} more", claims.len() - SHOWN));
    }
}

/// A relay chain in words, escaped: "ocha, then afp".
pub(crate) fn relay_words(store: &crate::store::Store, via: &[crate::store::SourceIx]) -> String {
    via.iter()
        .map(|&v| crate::escape::escape(&store.source(v).id).into_owned())
        .collect::<Vec<_>>()
        .join(", then ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_gets_its_longest_word_or_the_table_is_stacked() {
        // Three columns: an id of 31, a value of 14 (longest word 5), prose.
        let full = [31, 14, 40];
        let word = [31, 5, 12];
        let w = column_widths(&full, &word, &[(0, 28), (1, 24)], 60).unwrap();
        assert!(w[0] >= 31, "the id is whole past its cap: {w:?}");
        assert!(w.iter().zip(word).all(|(&w, word)| w >= word), "{w:?}");
        assert_eq!(w.iter().sum::<usize>(), 60);
        assert_eq!(column_widths(&full, &word, &[], 47), None);
        assert!(column_widths(&full, &word, &[], 48).is_some());
    }

    #[test]
    fn floors_fill_first_and_wrapping_columns_take_the_rest() {
        let w = column_widths(&[20, 14, 100], &[20, 5, 9], &[(0, 40), (1, 24)], 70).unwrap();
        assert_eq!(w, vec![20, 14, 36]);
        // Short of room, the wrapping column keeps up to 16 first.
        let w = column_widths(&[20, 14, 100], &[20, 5, 9], &[(0, 40), (1, 24)], 36).unwrap();
        assert_eq!(w, vec![20, 5, 11]);
        let w = column_widths(&[20, 14, 100], &[20, 5, 9], &[(0, 40), (1, 24)], 44).unwrap();
        assert_eq!(w, vec![20, 8, 16]);
    }

    #[test]
    fn a_stacked_record_is_label_value_lines() {
        let look = Look {
            color: false,
            width: 40,
        };
        let mut grid = Grid::new(look, &["claim", "source", "gap"]);
        grid.row(vec![
            "east-health-ministry-derna-dead".into(),
            "east-health-ministry via alraed\nsaid by Othman Abdeljalil".into(),
            String::new(),
        ]);
        assert_eq!(
            grid.to_string(),
            "• claim: east-health-ministry-derna-dead\n  source: east-health-ministry via\n    alraed\n    said by Othman Abdeljalil"
        );
    }

    #[test]
    fn prose_lines_never_break_a_word_at_its_hyphens() {
        assert_eq!(
            fill("revised by east-health-ministry: 3,252", 20),
            "revised by\neast-health-ministry:\n3,252"
        );
    }
}
