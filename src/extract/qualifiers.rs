//! The words that qualify a figure: bounds, approximations, ranges.
//!
//! "Au moins 62", "plus de 350.000", "moins de 5%", "près de 300",
//! "jusqu'à 700", "entre 50 et 70"; "at least", "more than", "over",
//! "fewer than", "nearly", "some", "up to", "between … and …". Each phrase
//! maps to one form of DESIGN §1. Phrases are matched on folded tokens,
//! longest first, so that "pas plus de" (at most) wins over "plus de"
//! (more than) and "no more than" over "more than". French elisions match
//! their full word ("d'un" as "de un", "jusqu'à" as "jusqu a").

use super::tokens::{Kind, Token};

/// How a qualifier bounds the figure it stands by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    About,
    /// "nearly", "almost", "près de", "presque", "quasiment": just under
    /// the figure (DESIGN §10).
    JustUnder,
    /// "equal to", "exactement": the figure is exact, and says so.
    Exactly,
    /// "or equal (to)" after a strict bound: "less than 5000 or equal".
    OrEqual,
}

impl Bound {
    pub(crate) fn is_lower(self) -> bool {
        matches!(self, Bound::AtLeast | Bound::MoreThan)
    }
    pub(crate) fn is_upper(self) -> bool {
        matches!(self, Bound::AtMost | Bound::LessThan)
    }
}

/// Phrases written before the figure.
const BEFORE: &[(&str, Bound)] = &[
    // French
    ("au moins", Bound::AtLeast),
    ("pas moins de", Bound::AtLeast),
    ("au minimum", Bound::AtLeast),
    ("au moins de", Bound::AtLeast),
    ("superieur ou egal a", Bound::AtLeast),
    ("superieure ou egale a", Bound::AtLeast),
    ("superieurs ou egaux a", Bound::AtLeast),
    ("superieures ou egales a", Bound::AtLeast),
    ("egal ou superieur a", Bound::AtLeast),
    ("au moins ou egal a", Bound::AtLeast),
    ("plus de ou egal a", Bound::AtLeast),
    ("plus de", Bound::MoreThan),
    ("un peu plus de", Bound::MoreThan),
    ("plus que", Bound::MoreThan),
    ("superieur a", Bound::MoreThan),
    ("superieure a", Bound::MoreThan),
    ("superieurs a", Bound::MoreThan),
    ("superieures a", Bound::MoreThan),
    ("au-dela de", Bound::MoreThan),
    ("au dela de", Bound::MoreThan),
    ("plus grand que", Bound::MoreThan),
    ("jusqu a", Bound::AtMost),
    ("au plus", Bound::AtMost),
    ("au maximum", Bound::AtMost),
    ("pas plus de", Bound::AtMost),
    ("inferieur ou egal a", Bound::AtMost),
    ("inferieure ou egale a", Bound::AtMost),
    ("inferieurs ou egaux a", Bound::AtMost),
    ("inferieures ou egales a", Bound::AtMost),
    ("egal ou inferieur a", Bound::AtMost),
    ("plus petits ou egaux a", Bound::AtMost),
    ("moins de", Bound::LessThan),
    ("un peu moins de", Bound::JustUnder),
    ("inferieur a", Bound::LessThan),
    ("inferieure a", Bound::LessThan),
    ("inferieurs a", Bound::LessThan),
    ("inferieures a", Bound::LessThan),
    ("en dessous de", Bound::LessThan),
    ("en deca de", Bound::LessThan),
    ("plus petit que", Bound::LessThan),
    ("pres de", Bound::JustUnder),
    ("environ", Bound::About),
    ("quelque", Bound::About),
    ("a peu pres", Bound::About),
    ("approximativement", Bound::About),
    ("autour de", Bound::About),
    ("aux alentours de", Bound::About),
    ("presque", Bound::JustUnder),
    ("quasiment", Bound::JustUnder),
    ("egal a", Bound::Exactly),
    ("au nombre de", Bound::Exactly),
    ("exactement", Bound::Exactly),
    // English
    ("at least", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("not less than", Bound::AtLeast),
    ("no fewer than", Bound::AtLeast),
    ("not fewer than", Bound::AtLeast),
    ("a minimum of", Bound::AtLeast),
    ("at least or equal to", Bound::AtLeast),
    ("greater than or equal to", Bound::AtLeast),
    ("more than or equal to", Bound::AtLeast),
    ("equal to or more than", Bound::AtLeast),
    ("equal to or greater than", Bound::AtLeast),
    ("bigger or equal than", Bound::AtLeast),
    ("higher or equal than", Bound::AtLeast),
    ("greater or equal than", Bound::AtLeast),
    ("more than", Bound::MoreThan),
    ("over", Bound::MoreThan),
    ("just over", Bound::MoreThan),
    ("slightly over", Bound::MoreThan),
    ("slightly more than", Bound::MoreThan),
    ("above", Bound::MoreThan),
    ("exceeding", Bound::MoreThan),
    ("exceeds", Bound::MoreThan),
    ("exceed", Bound::MoreThan),
    ("exceeded", Bound::MoreThan),
    ("in excess of", Bound::MoreThan),
    ("upwards of", Bound::MoreThan),
    ("greater than", Bound::MoreThan),
    ("larger than", Bound::MoreThan),
    ("bigger than", Bound::MoreThan),
    ("higher than", Bound::MoreThan),
    ("surpass", Bound::MoreThan),
    ("surpassed", Bound::MoreThan),
    ("up to", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("no more than", Bound::AtMost),
    ("not more than", Bound::AtMost),
    ("a maximum of", Bound::AtMost),
    ("as many as", Bound::AtMost),
    ("less than or equal to", Bound::AtMost),
    ("equal to or less than", Bound::AtMost),
    ("smaller or equal than", Bound::AtMost),
    ("lower or equal than", Bound::AtMost),
    ("less or equal than", Bound::AtMost),
    ("more or equal than", Bound::AtLeast),
    ("less than", Bound::LessThan),
    ("fewer than", Bound::LessThan),
    ("under", Bound::LessThan),
    ("just under", Bound::JustUnder),
    ("slightly under", Bound::JustUnder),
    ("slightly less than", Bound::JustUnder),
    ("below", Bound::LessThan),
    ("lower than", Bound::LessThan),
    ("smaller than", Bound::LessThan),
    ("nearly", Bound::JustUnder),
    ("almost", Bound::JustUnder),
    ("about", Bound::About),
    ("around", Bound::About),
    ("some", Bound::About),
    ("approximately", Bound::About),
    ("roughly", Bound::About),
    ("close to", Bound::About),
    ("circa", Bound::About),
    ("an estimated", Bound::About),
    ("equal to", Bound::Exactly),
    ("equals", Bound::Exactly),
    ("equals to", Bound::Exactly),
    ("equaling to", Bound::Exactly),
    ("exactly", Bound::Exactly),
    // Symbols
    ("> =", Bound::AtLeast),
    ("≥", Bound::AtLeast),
    (">", Bound::MoreThan),
    ("< =", Bound::AtMost),
    ("≤", Bound::AtMost),
    ("<", Bound::LessThan),
    ("~", Bound::About),
    ("≈", Bound::About),
];

/// Phrases written after the figure, or after its noun ("62 morts au moins").
const AFTER: &[(&str, Bound)] = &[
    ("ou plus", Bound::AtLeast),
    ("et plus", Bound::AtLeast),
    ("au moins", Bound::AtLeast),
    ("ou davantage", Bound::AtLeast),
    ("or more", Bound::AtLeast),
    ("and more", Bound::AtLeast),
    ("or greater", Bound::AtLeast),
    ("or above", Bound::AtLeast),
    ("and above", Bound::AtLeast),
    ("and over", Bound::AtLeast),
    ("or over", Bound::AtLeast),
    ("ou moins", Bound::AtMost),
    ("au plus", Bound::AtMost),
    ("or less", Bound::AtMost),
    ("or fewer", Bound::AtMost),
    ("or below", Bound::AtMost),
    ("and under", Bound::AtMost),
    ("environ", Bound::About),
    ("or equal", Bound::OrEqual),
    ("or equal to", Bound::OrEqual),
    ("ou egal", Bound::OrEqual),
    ("ou egal a", Bound::OrEqual),
];

/// A token's text for phrase matching: folded, elision restored
/// ("d'" → "de", "jusqu'" → "jusqu", "l'" → "le").
fn key<'a>(token: &'a Token) -> &'a str {
    match token.folded.trim_end_matches(['\'', '\u{2019}']) {
        "d" => "de",
        "l" => "le",
        "qu" => "que",
        other => other,
    }
}

// Both are asked of every phrase at every figure: the phrase is read in
// place, not split into a vector each time.
fn phrase_ends_at(tokens: &[Token], end: usize, phrase: &str) -> Option<usize> {
    let start = (end + 1).checked_sub(phrase.split(' ').count())?;
    let matches = tokens[start..=end]
        .iter()
        .zip(phrase.split(' '))
        .all(|(t, w)| t.kind != Kind::Digits && key(t) == w);
    matches.then_some(start)
}

fn phrase_starts_at(tokens: &[Token], start: usize, phrase: &str) -> Option<usize> {
    let end = start + phrase.split(' ').count() - 1;
    let matches = tokens.get(start..=end).is_some_and(|span| {
        span.iter()
            .zip(phrase.split(' '))
            .all(|(t, w)| t.kind != Kind::Digits && key(t) == w)
    });
    matches.then_some(end)
}

/// The qualifier written right before token `first`: its bound and the
/// index of its first token.
pub(crate) fn before(tokens: &[Token], first: usize) -> Option<(Bound, usize)> {
    let end = first.checked_sub(1)?;
    // Only a phrase that ends with the word before the figure can match.
    let last_word = key(tokens.get(end)?);
    BEFORE
        .iter()
        .filter(|(phrase, _)| phrase.rsplit(' ').next() == Some(last_word))
        .filter_map(|&(phrase, bound)| {
            phrase_ends_at(tokens, end, phrase).map(|start| (bound, start))
        })
        .min_by_key(|&(_, start)| start)
        // "<>30", "=>30" are not comparisons a news text makes.
        .filter(|&(_, start)| {
            !(start > 0
                && !tokens[start].space_before
                && tokens[start - 1].is_punct(&['<', '>', '='])
                && tokens[start].kind == Kind::Punct)
        })
}

/// The qualifier written right after token `last`: its bound and the index
/// of its last token.
///
/// A phrase that goes on to another figure is not about this one: in "equal
/// to 5000 or less than 6000", "or less" belongs to 6000.
pub(crate) fn after(tokens: &[Token], last: usize) -> Option<(Bound, usize)> {
    AFTER
        .iter()
        .filter_map(|&(phrase, bound)| {
            phrase_starts_at(tokens, last + 1, phrase).map(|end| (bound, end))
        })
        .max_by_key(|&(_, end)| end)
        .filter(|&(_, end)| {
            let next = tokens.get(end + 1);
            let linking =
                next.is_some_and(|t| matches!(key(t), "than" | "que" | "de" | "to" | "a"));
            let figure_at = |k: usize| {
                tokens
                    .get(k)
                    .is_some_and(|t| matches!(t.kind, Kind::Digits | Kind::Word))
            };
            !(next.is_some_and(|t| t.kind == Kind::Digits) || (linking && figure_at(end + 2)))
        })
}

/// Whether the tokens strictly between two figures join them into a range
/// ("entre 50 et 70", "between 50 and 70", "de 20 à 100", "from 20 to
/// 100", "20 à 100", "20-100", "20 through 100"); if so, the index where
/// the range starts (its opening word, or the first figure).
pub(crate) fn range_start(
    tokens: &[Token],
    first_a: usize,
    last_a: usize,
    first_b: usize,
) -> Option<usize> {
    let between: Vec<&str> = tokens.get(last_a + 1..first_b)?.iter().map(key).collect();
    let opener = |words: &[&str]| {
        words
            .iter()
            .find_map(|w| phrase_ends_at(tokens, first_a.checked_sub(1)?, w))
    };
    match between.as_slice() {
        ["et"] => opener(&["entre"]),
        ["and"] => opener(&["between"]),
        ["a"] => opener(&["de"]).or(Some(first_a)),
        ["to"] | ["through"] => opener(&["from"]).or(Some(first_a)),
        ["-" | "–" | "—" | "~"] => Some(first_a),
        _ => None,
    }
}

/// Whether two bounds written one after the other close a range together
/// ("more than 10 and less than 40", "au plus 100 et au moins 20").
pub(crate) fn joins_bounds(tokens: &[Token], last_a: usize, first_b: usize) -> bool {
    tokens.get(last_a + 1..first_b).is_some_and(|between| {
        matches!(
            between.iter().map(key).collect::<Vec<_>>().as_slice(),
            ["et" | "and" | "but" | "mais" | ","] | [",", "et" | "and" | "but" | "mais"]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn bound_before(text: &str) -> Option<Bound> {
        let tokens = tokenize(text);
        let number = tokens.iter().position(|t| t.kind == Kind::Digits)?;
        before(&tokens, number).map(|(b, _)| b)
    }

    #[test]
    fn french_qualifiers() {
        assert_eq!(bound_before("au moins 62"), Some(Bound::AtLeast));
        assert_eq!(bound_before("plus de 350"), Some(Bound::MoreThan));
        assert_eq!(bound_before("moins de 5"), Some(Bound::LessThan));
        assert_eq!(bound_before("près de 300"), Some(Bound::JustUnder));
        assert_eq!(bound_before("environ 300"), Some(Bound::About));
        assert_eq!(bound_before("quelque 300"), Some(Bound::About));
        assert_eq!(bound_before("jusqu'à 700"), Some(Bound::AtMost));
        assert_eq!(bound_before("jusqu’à 700"), Some(Bound::AtMost));
        assert_eq!(bound_before("pas plus de 50"), Some(Bound::AtMost));
        assert_eq!(bound_before("pas moins de 30"), Some(Bound::AtLeast));
    }

    #[test]
    fn english_qualifiers() {
        assert_eq!(bound_before("at least 62"), Some(Bound::AtLeast));
        assert_eq!(bound_before("more than 350"), Some(Bound::MoreThan));
        assert_eq!(bound_before("over 30"), Some(Bound::MoreThan));
        assert_eq!(bound_before("fewer than 10"), Some(Bound::LessThan));
        assert_eq!(bound_before("less than 5"), Some(Bound::LessThan));
        assert_eq!(bound_before("nearly 300"), Some(Bound::JustUnder));
        assert_eq!(bound_before("almost 300"), Some(Bound::JustUnder));
        assert_eq!(bound_before("about 300"), Some(Bound::About));
        assert_eq!(bound_before("around 300"), Some(Bound::About));
        assert_eq!(bound_before("some 300"), Some(Bound::About));
        assert_eq!(bound_before("up to 700"), Some(Bound::AtMost));
        assert_eq!(bound_before("no more than 50"), Some(Bound::AtMost));
        assert_eq!(bound_before("> 30"), Some(Bound::MoreThan));
    }

    #[test]
    fn qualifiers_after() {
        let tokens = tokenize("500 ou plus");
        assert_eq!(after(&tokens, 0).map(|(b, _)| b), Some(Bound::AtLeast));
        let tokens = tokenize("500 or less");
        assert_eq!(after(&tokens, 0).map(|(b, _)| b), Some(Bound::AtMost));
    }

    #[test]
    fn ranges() {
        let tokens = tokenize("entre 50 et 70");
        assert_eq!(range_start(&tokens, 1, 1, 3), Some(0));
        let tokens = tokenize("between 50 and 70");
        assert_eq!(range_start(&tokens, 1, 1, 3), Some(0));
        let tokens = tokenize("50 et 70");
        assert_eq!(range_start(&tokens, 0, 0, 2), None);
        let tokens = tokenize("de 20 à 100");
        assert_eq!(range_start(&tokens, 1, 1, 3), Some(0));
    }
}
