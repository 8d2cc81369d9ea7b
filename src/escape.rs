//! Neutralising text from the store before it reaches a terminal.
//!
//! Claims are scraped from the web and pasted by hand; a wording can carry an
//! ANSI escape sequence that clears the screen, rewrites the previous line or
//! retitles the window, or a bidirectional override that makes a figure read
//! backwards. Every string that comes from the store goes through [`escape`]
//! before a table, a DOT file or a message prints it. JSON needs no help:
//! `serde_json` already escapes control characters inside strings.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that must not reach a terminal as themselves: C0 and C1
/// controls (tab and newline included: a cell or a message is one line),
/// DEL, and the Unicode bidirectional formatting characters.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Returns `text` with every dangerous character written as a visible
/// escape (`\n`, `\t`, `\u{1b}`…); borrows when there is nothing to do.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_dangerous) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            escape("Au moins 62 combattants"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_terminal_sequences_and_bidi() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("x\ny\tz"), "x\\ny\\tz");
        assert_eq!(escape("62\u{202E}26"), "62\\u{202e}26");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
    }

    proptest! {
        #[test]
        fn output_never_holds_a_control_character(s in any::<String>()) {
            let escaped = escape(&s);
            prop_assert!(!escaped.chars().any(is_dangerous));
        }
    }
}
