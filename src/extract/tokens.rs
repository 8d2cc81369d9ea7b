//! Cutting a sentence into the tokens the number finder reads.
//!
//! Figures hide in typography: "350 000" is one number across a no-break
//! space, "10k" is a number with a suffix, "G7" and "Covid-19" are names,
//! "l'OSDH" is an article and a name. The tokenizer keeps what the later
//! stages need to tell these apart: every token has its byte span in the
//! sentence (for quotes) and whether a space came before it (a glued
//! suffix is not a spaced word).
//!
//! - A word starts with a letter and runs over letters, digits, and
//!   hyphens or apostrophes between them ("quatre-vingt-dix", "G7",
//!   "Covid-19", "don't"); a French elision is cut after its apostrophe
//!   ("l'", "jusqu'", "d'") so that the word after it stands alone.
//! - A number starts with a digit (or a `.`/`,` right before digits) and
//!   runs over digits and the `.`/`,` between them; a space (plain,
//!   no-break, narrow no-break or thin) between digit groups joins them when
//!   the group after it has exactly three digits ("1 234 567").
//! - Everything else is one punctuation character. A chunk that looks like
//!   a web address or an e-mail address is one opaque token: the digits in
//!   it are not figures.

use crate::words::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Digits,
    Punct,
    /// A web or e-mail address.
    Opaque,
}

#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    pub text: &'a str,
    /// Lowercase, accents dropped.
    pub folded: String,
    /// Byte span in the sentence.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
}

impl Token<'_> {
    pub(crate) fn is_punct(&self, chars: &[char]) -> bool {
        self.kind == Kind::Punct && self.text.chars().next().is_some_and(|c| chars.contains(&c))
    }

    /// Whether it starts with a capital letter.
    pub(crate) fn is_capitalized(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Spaces that may sit inside a French or English number ("350 000").
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// French words that elide before a vowel; the apostrophe ends them.
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Whether a whitespace-delimited chunk is a web or e-mail address.
fn is_address(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || (chunk.contains('@') && chunk.contains('.') && !chunk.starts_with('@'))
}

/// The tokens of a sentence, in order: web addresses whole, words with
/// their inner hyphens and apostrophes (an elision keeps its apostrophe
/// and ends there), digit groups with their separators, punctuation one
/// character at a time.
pub(crate) fn tokenize(sentence: &str) -> Vec<Token<'_>> {
    let text = Chars {
        sentence,
        chars: sentence.char_indices().collect(),
    };
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut space_before = false;
    while let Some(c) = text.at(i) {
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        // Only a chunk's first token looks for the chunk's end, so that a
        // long run without spaces is read once, not once per token.
        let address_end = (start == 0 || space_before)
            .then(|| text.chunk_end(i))
            .filter(|&end| is_address(text.slice(start, end)));
        let kind;
        if let Some(end) = address_end {
            i = end;
            kind = Kind::Opaque;
        } else if c.is_alphabetic() {
            // A suffix glued to digits ("5k-20k", "10h-12h") ends at a hyphen.
            let suffix = !space_before
                && tokens
                    .last()
                    .is_some_and(|t: &Token| t.kind == Kind::Digits);
            i = text.word_end(start, suffix);
            kind = Kind::Word;
        } else if c.is_ascii_digit()
            || (matches!(c, '.' | ',')
                && text.at(i + 1).is_some_and(|d| d.is_ascii_digit())
                && (start == 0 || space_before))
        {
            i = text.digits_end(start);
            kind = Kind::Digits;
        } else {
            i += 1;
            kind = Kind::Punct;
        }
        let token_text = text.slice(start, i);
        tokens.push(Token {
            text: token_text,
            folded: fold(token_text),
            start: text.offset(start),
            end: text.offset(i),
            kind,
            space_before,
        });
        space_before = false;
    }
    tokens
}

/// A sentence's characters with their byte offsets.
struct Chars<'s> {
    sentence: &'s str,
    chars: Vec<(usize, char)>,
}

impl<'s> Chars<'s> {
    /// The character at `i`.
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// The byte offset of character `i` (the end, past the last).
    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.sentence.len(), |&(b, _)| b)
    }

    /// Characters `start` to `end`, exclusive.
    fn slice(&self, start: usize, end: usize) -> &'s str {
        &self.sentence[self.offset(start)..self.offset(end)]
    }

    /// Where the whitespace-delimited chunk at `i` ends.
    fn chunk_end(&self, i: usize) -> usize {
        (i..=self.chars.len())
            .find(|&j| self.at(j).is_none_or(char::is_whitespace))
            .unwrap_or(self.chars.len())
    }

    /// Where the word at `start` ends: letters and digits, joined by inner
    /// hyphens and apostrophes (not for a `suffix` glued to digits); an
    /// elision ("l'", "qu'") ends at its apostrophe.
    fn word_end(&self, start: usize, suffix: bool) -> usize {
        let mut i = start + 1;
        while let Some(c) = self.at(i) {
            if c.is_alphanumeric() {
                i += 1;
            } else if (c == '-' || is_apostrophe(c))
                && !suffix
                && self.at(i + 1).is_some_and(char::is_alphanumeric)
            {
                if is_apostrophe(c) && ELIDED.contains(&fold(self.slice(start, i)).as_str()) {
                    return i + 1; // the elision keeps its apostrophe
                }
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    /// Where the digits at `start` end: digits, `.` and `,` between
    /// digits, and spaces that group thousands ("350 000").
    fn digits_end(&self, start: usize) -> usize {
        let at = |i: usize| self.at(i);
        let mut i = start + 1;
        let mut group = usize::from(at(start).is_some_and(|c| c.is_ascii_digit()));
        loop {
            match at(i) {
                Some(d) if d.is_ascii_digit() => {
                    group += 1;
                    i += 1;
                }
                Some('.' | ',') if at(i + 1).is_some_and(|d| d.is_ascii_digit()) => {
                    group = 0;
                    i += 1;
                }
                Some(s)
                    if is_group_space(s)
                        && (1..=3).contains(&group)
                        && (1..=3).all(|k| at(i + k).is_some_and(|d| d.is_ascii_digit()))
                        && !at(i + 4).is_some_and(|d| d.is_ascii_digit()) =>
                {
                    group = 0;
                    i += 1;
                }
                _ => break,
            }
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            texts("Au moins 62 combattants, selon l'OSDH."),
            [
                "Au",
                "moins",
                "62",
                "combattants",
                ",",
                "selon",
                "l'",
                "OSDH",
                "."
            ]
        );
        assert_eq!(texts("jusqu'à 700"), ["jusqu'", "à", "700"]);
        assert_eq!(texts("don't stop"), ["don't", "stop"]);
    }

    #[test]
    fn locale_groups_stay_whole() {
        assert_eq!(texts("350.000 morts"), ["350.000", "morts"]);
        assert_eq!(texts("350 000 morts"), ["350 000", "morts"]);
        assert_eq!(texts("350\u{a0}000 morts"), ["350\u{a0}000", "morts"]);
        assert_eq!(
            texts("1\u{202f}234\u{202f}567,89"),
            ["1\u{202f}234\u{202f}567,89"]
        );
        assert_eq!(texts("350,000 people"), ["350,000", "people"]);
        assert_eq!(texts("423 0000"), ["423", "0000"]);
        assert_eq!(texts("en 2014 100 morts"), ["en", "2014", "100", "morts"]);
        assert_eq!(texts("1, 234"), ["1", ",", "234"]);
    }

    #[test]
    fn names_with_digits_are_words() {
        assert_eq!(
            texts("le G7 et le Covid-19"),
            ["le", "G7", "et", "le", "Covid-19"]
        );
        assert_eq!(texts("10k"), ["10", "k"]);
        assert!(!tokenize("10k")[1].space_before);
    }

    #[test]
    fn addresses_are_opaque() {
        let tokens = tokenize("voir https://x.org/a?q=30%25 ou a@b.fr");
        assert_eq!(tokens[1].kind, Kind::Opaque);
        assert_eq!(tokens[3].kind, Kind::Opaque);
    }
}
