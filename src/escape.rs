//! Neutralising text from the store before it reaches a terminal.
//!
//! Claims are scraped from the web and pasted by hand; a wording can carry an
//! ANSI escape sequence that clears the screen, rewrites the previous line or
//! retitles the window, or a bidirectional override that makes a figure read
//! backwards. Every string that comes from the store goes through [`escape`]
//! before a table, a DOT file or a message prints it. JSON goes through
//! [`JsonEscaper`]: `serde_json` escapes C0 controls itself, but writes DEL,
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

/// A writer for JSON documents that writes every dangerous character as a
/// `\uXXXX` escape. Such characters only occur inside JSON strings, where
/// the escape means the same character, so the document decodes to exactly
/// the same data.
pub struct JsonEscaper<W: std::io::Write> {
    inner: W,
    /// The first bytes of a character split across two writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write> JsonEscaper<W> {
    /// Escapes what is written to `inner`.
    pub fn new(inner: W) -> JsonEscaper<W> {
        JsonEscaper {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> std::io::Result<()> {
        // ASCII is safe here but DEL (serde_json escapes C0 itself): the
        // text is scanned byte by byte to the next DEL or non-ASCII
        // character, and only that character is decoded. A JSON report is
        // mostly ASCII (ids, keys, figures) and hundreds of MB at 1M.
        let bytes = text.as_bytes();
        let (mut start, mut at) = (0, 0);
        while let Some(skip) = bytes[at..].iter().position(|&b| b >= 0x7F) {
            at += skip;
            // After whole ASCII characters, `at` starts a character.
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            if is_dangerous(c) || is_invisible(c) {
                self.inner.write_all(&bytes[start..at])?;
                write!(self.inner, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
        self.inner.write_all(&bytes[start..])
    }
}

impl<W: std::io::Write> std::io::Write for JsonEscaper<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // A character cut in two by the previous write is completed first.
        let joined;
        let bytes = if self.pending.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.pending).as_slice(), buf].concat();
            &joined
        };
        match std::str::from_utf8(bytes) {
            Ok(text) => self.emit(text)?,
            Err(e) if e.error_len().is_none() => {
                let (done, rest) = bytes.split_at(e.valid_up_to());
                self.emit(std::str::from_utf8(done).unwrap_or_default())?;
                self.pending = rest.to_vec();
            }
            // serde_json writes UTF-8 only; pass anything else through.
            Err(_) => self.inner.write_all(bytes)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)?;
        self.inner.flush()
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

    #[test]
    fn json_keeps_its_meaning_without_raw_bidi() {
        let doc = serde_json::json!({"t": "62\u{202E}26 \u{7f} \u{9b} ok"});
        let mut out = JsonEscaper::new(Vec::new());
        serde_json::to_writer(&mut out, &doc).unwrap();
        std::io::Write::flush(&mut out).unwrap();
        let text = String::from_utf8(out.inner).unwrap();
        assert!(!text.chars().any(is_dangerous), "{text}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            doc
        );
    }

    #[test]
    fn json_escaping_survives_characters_split_across_writes() {
        let mut out = JsonEscaper::new(Vec::new());
        let bytes = "\"a\u{202E}b\"".as_bytes();
        for b in bytes {
            std::io::Write::write_all(&mut out, std::slice::from_ref(b)).unwrap();
        }
        std::io::Write::flush(&mut out).unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), "\"a\\u202eb\"");
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
            let mut out = JsonEscaper::new(Vec::new());
            serde_json::to_writer(&mut out, &doc).unwrap();
            std::io::Write::flush(&mut out).unwrap();
            let text = String::from_utf8(out.inner).unwrap();
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
