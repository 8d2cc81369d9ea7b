//! Rendering: plain data in, text out.
//!
//! Renderers format what the library computed and decide nothing: the
//! table writer does not judge a contradiction, the JSON writer does not
//! sort. Every string that comes from the store is passed through
//! [`escape`] before it reaches a terminal; a JSON
//! document is written by [`json::write`], which escapes what `serde_json`
//! leaves as it is.

pub mod check;
pub mod claimreview;
pub mod csv;
pub mod dot;
pub mod html;
pub mod json;
pub(crate) mod layout;
pub mod markdown;
pub mod proposals;
pub mod snippet;
pub mod sources;
pub mod summary;
pub mod table;

use crate::diff::{Marked, Segment, WordDiff};
use crate::escape::cell;
use crate::graph::Status;
use anstyle::{AnsiColor, Effects, Style};

/// Whether to colour, and how wide the terminal is.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    /// Whether to write ANSI colours.
    pub color: bool,
    /// The width of the terminal, in columns.
    pub width: u16,
}

impl Look {
    pub(crate) fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub(crate) fn bold(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    pub(crate) fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }

    /// A status word, coloured by severity.
    pub fn status(&self, status: Status) -> String {
        let style = match status {
            Status::Contradiction => AnsiColor::Red.on_default().bold(),
            Status::Consistent => AnsiColor::Green.on_default(),
            Status::Single => Style::new().dimmed(),
        };
        self.paint(style, status.name())
    }

    /// A word diff: removed words red and struck, added words green; without
    /// colour, `[-removed-]{+added+}` as `git diff --word-diff=plain`.
    pub(crate) fn word_diff(&self, diff: &WordDiff) -> String {
        let removed = AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH);
        let added = AnsiColor::Green.on_default();
        let mut out = String::new();
        let mut last_removed = false;
        for segment in &diff.segments {
            if self.color && last_removed && matches!(segment, Segment::Added(_)) {
                // Coloured runs never touch: without their brackets, a
                // struck run and the green one after it would read as one.
                out.push(' ');
            }
            last_removed = matches!(segment, Segment::Removed(_));
            match segment {
                Segment::Same(t) => out.push_str(&cell(t)),
                Segment::Removed(t) if self.color => out.push_str(&self.paint(removed, &cell(t))),
                Segment::Added(t) if self.color => out.push_str(&self.paint(added, &cell(t))),
                Segment::Removed(t) => {
                    out.push_str("[-");
                    out.push_str(&cell(t));
                    out.push_str("-]");
                }
                Segment::Added(t) => {
                    out.push_str("{+");
                    out.push_str(&cell(t));
                    out.push_str("+}");
                }
            }
        }
        out
    }

    /// Two wordings shown whole, one after the other, each after its
    /// label ("ocha (about 11,300): …", then "— minister (3,252): …"),
    /// with the figures marked as the word diff marks what each side has
    /// of its own: the first's red, the second's green, bold and never
    /// struck (a figure must stay legible); without colour `[-11 300-]`
    /// and `{+3 252+}`. Labels come escaped; the texts are escaped here.
    pub(crate) fn side_by_side(&self, labels: [&str; 2], sides: &[Marked; 2]) -> String {
        let mut out = String::new();
        for (k, (label, side)) in labels.iter().zip(sides).enumerate() {
            if k > 0 {
                out.push_str("\n— ");
            }
            out.push_str(label);
            out.push_str(": ");
            let mut at = 0;
            for figure in &side.figures {
                let (Some(before), Some(text)) = (
                    side.text.get(at..figure.start),
                    side.text.get(figure.clone()),
                ) else {
                    continue;
                };
                out.push_str(&cell(before));
                // A figure is one word: its group spaces ("11 300") do not break.
                let text = cell(text).replace(' ', "\u{a0}");
                match (self.color, k) {
                    (true, 0) => {
                        out.push_str(&self.paint(AnsiColor::Red.on_default().bold(), &text))
                    }
                    (true, _) => {
                        out.push_str(&self.paint(AnsiColor::Green.on_default().bold(), &text))
                    }
                    (false, 0) => out.push_str(&format!("[-{text}-]")),
                    (false, _) => out.push_str(&format!("{{+{text}+}}")),
                }
                at = figure.end;
            }
            out.push_str(&cell(side.text.get(at..).unwrap_or("")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::word_diff;

    #[test]
    fn coloured_runs_never_touch_and_plain_runs_are_git_s() {
        let d = word_diff("Au moins 62 combattants", "Au moins 36 combattants");
        let plain = Look {
            color: false,
            width: 80,
        }
        .word_diff(&d);
        assert_eq!(plain, "Au moins [-62-]{+36+} combattants");
        let coloured = Look {
            color: true,
            width: 80,
        }
        .word_diff(&d);
        let mut visible = String::new();
        let mut in_escape = false;
        for c in coloured.chars() {
            match (in_escape, c) {
                (false, '\x1b') => in_escape = true,
                (false, c) => visible.push(c),
                (true, 'm') => in_escape = false,
                (true, _) => {}
            }
        }
        assert_eq!(visible, "Au moins 62 36 combattants");
    }

    #[test]
    fn side_by_side_marks_each_figure_with_colour_or_with_git_s_marks() {
        use crate::diff::marked;
        use crate::value::Value;
        let sides = [
            marked("environ 11 300 morts", &Value::Exact(11300.0)),
            marked("un bilan de 3 252 morts", &Value::Exact(3252.0)),
        ];
        let plain = Look {
            color: false,
            width: 80,
        }
        .side_by_side(["ocha (11,300)", "minister (3,252)"], &sides);
        assert_eq!(
            plain,
            "ocha (11,300): environ [-11\u{a0}300-] morts\n— minister (3,252): un bilan de {+3\u{a0}252+} morts"
        );
        let coloured = Look {
            color: true,
            width: 80,
        }
        .side_by_side(["a", "b"], &sides);
        assert!(coloured.contains("\x1b["), "{coloured:?}");
        assert!(!coloured.contains("[-") && !coloured.contains("{+"));
        assert!(!coloured.contains("\x1b[9m"), "figures are never struck");
    }
}
