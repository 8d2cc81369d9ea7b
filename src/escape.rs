//! Neutralising text from the store before it reaches a terminal.
//!
//! Claims are scraped from the web and pasted by hand; a wording can carry an
//! ANSI escape sequence that clears the screen, rewrites the previous line or
//! retitles the window, or a bidirectional override that makes a figure read
//! backwards. Every string that comes from the store goes through [`escape`]
//! before a table, a DOT file or a message prints it. JSON is written with
//! [`SafeStrings`]: `serde_json` escapes C0 controls itself, but writes DEL,
//! C1 controls and bidirectional overrides as they are, which a terminal
//! showing the document would obey.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that must not reach a terminal as themselves: C0 and C1
/// controls (tab and newline included: a cell or a message is one line),
/// DEL, and the Unicode bidirectional formatting characters.
pub(crate) fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' // Arabic letter mark
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}' // line separator
                | '\u{2029}' // paragraph separator
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}' // zero-width no-break space
        )
}

/// Characters that show as nothing: zero-width space, non-joiner and
/// joiner, word joiner and the invisible operators, the zero-width
/// no-break space. They are honest inside a wording (Persian writes the
/// non-joiner, emoji sequences the joiner), so tables show them as they
/// are; in a message they would make an id that looks valid not be, so
/// messages show them escaped ([`escape_message`]).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}' | '\u{00AD}'
    )
}

/// A message (a problem, an error) for the terminal: what [`escape`]
/// escapes, and the invisible characters too, so that `osdh\u{200b}` does
/// not read as `osdh`.
pub fn escape_message(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_dangerous(c) || is_invisible(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    Cow::Owned(out)
}

/// A `serde_json` formatter that writes every dangerous or invisible
/// character of a string as a `\uXXXX` escape, laid out as `F` lays it
/// out. Such characters only occur inside JSON strings, where the escape
/// means the same character, so the document decodes to exactly the same
/// data. Only the strings' own text is scanned (it is UTF-8 already), not
/// the whole document: at 1M claims a report is 2.3 GB, most of it keys,
/// ids and figures.
pub struct SafeStrings<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeStrings<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // ASCII is safe here but DEL (serde_json escapes C0 itself): the
        // text is scanned byte by byte to the next DEL or non-ASCII
        // character, and only that character is decoded.
        let bytes = fragment.as_bytes();
        let (mut start, mut at) = (0, 0);
        while let Some(skip) = bytes[at..].iter().position(|&b| b >= 0x7F) {
            at += skip;
            // After whole ASCII characters, `at` starts a character.
            let Some(c) = fragment[at..].chars().next() else {
                break;
            };
            if is_dangerous(c) || is_invisible(c) {
                self.0.write_string_fragment(writer, &fragment[start..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
        self.0.write_string_fragment(writer, &fragment[start..])
    }

    // The layout is `F`'s: every call that places a value is passed on
    // (the rest, scalars and escapes, are the same for every layout).
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
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

/// The longest word a cell shows whole, in characters: wider than any
/// column, so only a word that could never fit is cut.
pub const CELL_WORD: usize = 60;
/// The most characters of one text a cell shows.
pub const CELL_TEXT: usize = 2_000;

/// A text as a table cell shows it: every word longer than [`CELL_WORD`]
/// and the text beyond [`CELL_TEXT`] cut with an ellipsis, then escaped.
/// Laying out one unbroken 100 KB word took the table seconds; JSON and the
/// store keep the text whole, so this is display only.
pub fn cell(text: &str) -> Cow<'_, str> {
    match cut(text) {
        Cow::Borrowed(t) => escape(t),
        Cow::Owned(t) => Cow::Owned(escape(&t).into_owned()),
    }
}

/// The most characters of a user's input that a message quotes.
pub const QUOTED: usize = 80;

/// `text` as an error message quotes it: escaped, and cut after
/// [`QUOTED`] characters (see [`shorten`]), so that a refused 30 KB
/// `--value` is named, not echoed.
pub fn quoted(text: &str) -> Cow<'_, str> {
    match shorten(text) {
        Cow::Borrowed(t) => escape(t),
        Cow::Owned(t) => Cow::Owned(escape(&t).into_owned()),
    }
}

/// `text` cut after [`QUOTED`] characters with an ellipsis and its whole
/// length, not escaped: for messages that are escaped when shown.
pub fn shorten(text: &str) -> Cow<'_, str> {
    let total = text.chars().count();
    if total <= QUOTED {
        return Cow::Borrowed(text);
    }
    let head: String = text.chars().take(QUOTED).collect();
    Cow::Owned(format!("{head}… ({total} characters)"))
}

/// `text` with long words and a long tail cut (see [`cell`]); borrowed
/// when nothing is cut. Linear in the length of the text.
pub fn cut(text: &str) -> Cow<'_, str> {
    let mut word = 0usize;
    let mut needs_cut = false;
    for (n, c) in text.chars().enumerate() {
        word = if c.is_whitespace() { 0 } else { word + 1 };
        if word > CELL_WORD || n >= CELL_TEXT {
            needs_cut = true;
            break;
        }
    }
    if !needs_cut {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(CELL_TEXT + 8);
    let (mut word, mut shown) = (0usize, 0usize);
    for c in text.chars() {
        if shown >= CELL_TEXT {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            word = 0;
        } else {
            word += 1;
            if word == CELL_WORD {
                out.push('…');
                shown += 1;
                continue;
            }
            if word > CELL_WORD {
                continue;
            }
        }
        out.push(c);
        shown += 1;
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

    /// `doc` as JSON, strings made safe, laid out compact or indented.
    fn safe_json(doc: &serde_json::Value, indented: bool) -> String {
        use serde::Serialize;
        use serde_json::ser::{CompactFormatter, PrettyFormatter, Serializer};
        let mut out = Vec::new();
        if indented {
            let safe = SafeStrings(PrettyFormatter::new());
            doc.serialize(&mut Serializer::with_formatter(&mut out, safe))
        } else {
            doc.serialize(&mut Serializer::with_formatter(
                &mut out,
                SafeStrings(CompactFormatter),
            ))
        }
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_bidi() {
        let doc = serde_json::json!({"t\u{202E}": "62\u{202E}26 \u{7f} \u{9b} ok", "n": [1, {"a": null}]});
        for indented in [false, true] {
            let text = safe_json(&doc, indented);
            // The indented layout's own line breaks are its only controls.
            assert!(
                !text.chars().any(|c| c != '\n' && is_dangerous(c)),
                "{text}"
            );
            assert!(text.contains("62\\u202e26 \\u007f \\u009b ok"), "{text}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap(),
                doc
            );
        }
        // The layout is the inner formatter's, unchanged.
        assert_eq!(
            safe_json(&serde_json::json!({"a": [1, 2]}), true),
            serde_json::to_string_pretty(&serde_json::json!({"a": [1, 2]})).unwrap()
        );
    }

    #[test]
    fn messages_show_invisible_characters() {
        assert_eq!(escape_message("osdh\u{200B}"), "osdh\\u{200b}");
        for c in ['\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            let shown = escape_message(&format!("a{c}b")).into_owned();
            assert!(shown.is_ascii() && shown.len() > 3, "{shown}");
        }
        assert_eq!(escape_message("a\u{1b}[2J"), "a\\u{1b}[2J");
        // A wording in a table keeps its joiners.
        assert_eq!(escape("\u{645}\u{200C}\u{6cc}"), "\u{645}\u{200C}\u{6cc}");
    }

    #[test]
    fn quoted_input_is_cut_and_escaped() {
        assert_eq!(quoted("70 morts"), "70 morts");
        assert_eq!(quoted("a\u{1b}b"), "a\\u{1b}b");
        let long = "9".repeat(30_000);
        let shown = quoted(&long);
        assert!(shown.starts_with(&"9".repeat(QUOTED)), "{shown}");
        assert!(shown.ends_with("… (30000 characters)"), "{shown}");
        assert!(shown.chars().count() < QUOTED + 30);
    }

    #[test]
    fn cells_cut_long_words_and_long_texts_only() {
        assert!(matches!(cell("Au moins 62 combattants"), Cow::Borrowed(_)));
        let word = "x".repeat(100_000);
        let shown = cell(&format!("avant {word} après")).into_owned();
        assert_eq!(shown, format!("avant {}… après", "x".repeat(CELL_WORD - 1)));
        let long = "mot ".repeat(10_000);
        let shown = cell(&long).into_owned();
        assert_eq!(shown.chars().count(), CELL_TEXT + 1);
        assert!(shown.ends_with('…'));
    }

    proptest! {
        #[test]
        fn a_cell_is_bounded_and_safe(s in any::<String>()) {
            let shown = cell(&s);
            prop_assert!(!shown.chars().any(is_dangerous));
            prop_assert!(cut(&s).chars().count() <= CELL_TEXT + 1);
        }

        #[test]
        fn messages_never_hold_an_invisible_character(s in any::<String>()) {
            let escaped = escape_message(&s);
            prop_assert!(!escaped.chars().any(|c| is_dangerous(c) || is_invisible(c)));
        }

        #[test]
        fn json_through_the_escaper_is_the_same_data_and_safe(s in any::<String>()) {
            let doc = serde_json::json!({"t": s});
            let text = safe_json(&doc, false);
            prop_assert!(!text.chars().any(|c| is_dangerous(c) || is_invisible(c)), "{}", text);
            prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), doc);
        }

        #[test]
        fn output_never_holds_a_control_character(s in any::<String>()) {
            let escaped = escape(&s);
            prop_assert!(!escaped.chars().any(is_dangerous));
        }
    }
}
