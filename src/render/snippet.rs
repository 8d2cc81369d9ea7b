//! `validate` on a terminal: each problem as rustc shows an error, the
//! offending line under its `file:line:column` with a caret under the
//! column (`annotate-snippets`). Piped, or with `--format short`, the
//! one-line `file:line:column: message` form is written instead, byte for
//! byte as before, for editors and scripts that read it.

use crate::error::Problem;
use crate::escape::escape;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// A problem with the text of the line it points at, if that line could
/// be read (a problem about a whole file has none).
#[derive(Debug, Clone)]
pub struct Sourced<'p> {
    /// The problem.
    pub problem: &'p Problem,
    /// The text of its line, without the line break.
    pub line: Option<String>,
}

/// The byte range of the escaped `line` to underline for a 1-based
/// character `column`: the word that starts there (at least one
/// character), the whole line for column 0, the end of the line past it.
fn span(line: &str, column: u32) -> std::ops::Range<usize> {
    let chars: Vec<char> = line.chars().collect();
    if column == 0 {
        return 0..escape(line).len().max(1);
    }
    let start = (column as usize - 1).min(chars.len());
    let before: String = chars[..start].iter().collect();
    let from = escape(&before).len();
    let word: String = chars[start..]
        .iter()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
        .collect();
    let word = if word.is_empty() {
        chars.get(start).map(|c| c.to_string()).unwrap_or_default()
    } else {
        word
    };
    from..from + escape(&word).len()
}

/// Every problem, one block each, separated by blank lines; `color` for
/// a terminal that shows colours.
pub fn problems(problems: &[Sourced], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for sourced in problems {
        let p = sourced.problem;
        let path = escape(&p.at.file.to_string_lossy().replace('\\', "/")).into_owned();
        let text = match (&sourced.line, p.at.line) {
            (Some(line), n) if n > 0 => {
                let line = escape(line).into_owned();
                let span = span(sourced.line.as_deref().unwrap_or(""), p.at.column);
                let report = &[Level::ERROR.primary_title(&p.message).element(
                    Snippet::source(&line)
                        .line_start(n as usize)
                        .path(&path)
                        .annotation(AnnotationKind::Primary.span(span)),
                )];
                renderer.render(report)
            }
            _ => renderer.render(&[Level::ERROR
                .primary_title(&p.message)
                .element(annotate_snippets::Origin::path(&path))]),
        };
        out.push_str(&text);
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use std::path::Path;

    #[test]
    fn the_caret_sits_under_the_word_at_the_column() {
        let problem = Problem {
            at: Location::new(Path::new("claims/x.yaml"), 14, 13),
            message: "unknown source `sana`".to_string(),
        };
        let shown = problems(
            &[Sourced {
                problem: &problem,
                line: Some("    source: sana".to_string()),
            }],
            false,
        );
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "error: unknown source `sana`");
        assert!(lines[1].ends_with("--> claims/x.yaml:14:13"), "{shown}");
        let code = lines
            .iter()
            .position(|l| l.ends_with("    source: sana"))
            .unwrap();
        assert!(lines[code].starts_with("14 |"), "{shown}");
        let caret = lines[code + 1];
        let at = caret.find('^').unwrap();
        assert_eq!(at, lines[code].find("sana").unwrap(), "{shown}");
        assert_eq!(
            caret.trim_end().len() - at,
            4,
            "under all of `sana`: {shown}"
        );
    }

    #[test]
    fn columns_count_characters_and_escapes_keep_the_caret_in_place() {
        assert_eq!(span("  é: x", 6), "  é: ".len().."  é: x".len());
        assert_eq!(span("a\u{1b}b c", 3), "a\\u{1b}".len().."a\\u{1b}b".len());
        assert_eq!(span("abc", 9), 3..3);
        assert_eq!(span("abc", 0), 0..3);
    }
}
