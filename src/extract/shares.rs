//! Shares and counts that news writes in words: "more than half", "la
//! moitié", "two thirds", "les trois quarts", "one in five", "un sur
//! dix" are shares (DESIGN §10: `unit: percent`); "only one", "un seul",
//! "a single" are 1.
//!
//! They are read here, before the number finder, rather than by rules
//! spread over it, because each needs a guard against the same words used
//! otherwise. Denominators are [`FRACTIONS`] (half, third, quarter, tiers,
//! quart, demi) or any ordinal of three or more in either language
//! ("fifths", "eighth", "cinquième", "huitièmes", "hundredth"), read by
//! `text2num` so that no list of ordinals is kept here; numerators are an
//! article, "one"/"un", digits or a number word. A fraction counts only
//! before "of"/"de" ("half of the homes", "la moitié des maisons"; not
//! "half-time", "à moitié détruit", "the French Quarter"), said alone, or
//! after a qualifier ("more than half people"); never after "and"/"et"
//! ("one and a half", "deux heures et demie" are mixed numbers, read by
//! the number finder), never before a time ("over a quarter century").
//! Before a scale word it is a count ("a quarter million", "deux tiers de
//! million"). A ratio ("one in five", "one out of three", "un sur cent
//! vingt et un") stands between two numbers, the first not larger ("2 in
//! 3 days" is a time, "10 in 2020" a year), its terms read whole by
//! `text2num`. The qualifier before them is read as for any figure ("more
//! than half" is `{more_than: 50}`). A share is kept to two decimals (two
//! thirds = 66.67), or three significant digits below 1% ("one in 5
//! million" = 0.00002): the value form holds figures, not fractions.

use super::numbers::{interpreter, scale_word};
use super::qualifiers;
use super::tokens::{Kind, Token};
use crate::words::Lang;

/// A share or a lone count found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Share {
    pub first: usize,
    pub last: usize,
    /// The share in percent, or the count.
    pub value: f64,
    /// Whether it is a share (in percent) rather than a count.
    pub percent: bool,
}

/// Fraction words that are not ordinals, folded, with their denominator:
/// every other denominator is an ordinal ("fifth", "eighths",
/// "cinquième", "huitièmes", "hundredth"), read by `text2num`.
const FRACTIONS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("moitie", 2.0),
    ("demi", 2.0),
    ("demie", 2.0),
    ("third", 3.0),
    ("tiers", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("quart", 4.0),
    ("quarts", 4.0),
];

/// The half words, which need no numerator ("half of them", "la moitié").
const HALVES: &[&str] = &["half", "moitie", "demi"];

/// Numerators that are articles: one.
const ARTICLE_ONE: &[&str] = &["a", "an", "one", "un", "une"];

/// Unicode vulgar fractions, as (character, numerator, denominator).
const VULGAR: &[(char, f64, f64)] = &[
    ('½', 1.0, 2.0),
    ('⅓', 1.0, 3.0),
    ('⅔', 2.0, 3.0),
    ('¼', 1.0, 4.0),
    ('¾', 3.0, 4.0),
    ('⅕', 1.0, 5.0),
    ('⅖', 2.0, 5.0),
    ('⅗', 3.0, 5.0),
    ('⅘', 4.0, 5.0),
    ('⅙', 1.0, 6.0),
    ('⅚', 5.0, 6.0),
    ('⅐', 1.0, 7.0),
    ('⅛', 1.0, 8.0),
    ('⅜', 3.0, 8.0),
    ('⅝', 5.0, 8.0),
    ('⅞', 7.0, 8.0),
    ('⅑', 1.0, 9.0),
    ('⅒', 1.0, 10.0),
];

/// What follows a fraction that counts: "of", "de", "des", "du", "d'".
const OF: &[&str] = &["of", "de", "des", "du", "d'"];

/// Articles that may open a French fraction ("la moitié", "les trois
/// quarts"); English "the" too ("the two thirds of").
const ARTICLES: &[&str] = &["la", "les", "le", "l'", "the"];

/// Words after the terms of a ratio, or after a fraction, that make it a
/// time, not a share ("2 in 3 days", "over a quarter century").
const TIME_WORDS: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "century",
    "centuries",
    "heure",
    "heures",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    "siecle",
    "siecles",
];

/// "Only one", "un seul": a count of one, as (words, value).
const SINGLE: &[&[&str]] = &[
    &["only", "one"],
    &["a", "single"],
    &["one", "single"],
    &["un", "seul"],
    &["une", "seule"],
];

fn word<'t>(tokens: &'t [Token], i: usize) -> Option<&'t str> {
    tokens
        .get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.folded.as_str())
}

fn lookup(table: &[(&str, f64)], w: &str) -> Option<f64> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// `text2num`'s reading of `text` in either language, most likely first.
fn digits_of(text: &str, lang: Lang) -> Option<String> {
    let lower = text.to_lowercase();
    [lang, lang.other()]
        .into_iter()
        .find_map(|l| text2num::text2digits(&lower, interpreter(l)).ok())
}

/// A whole number written in words ("five", "vingt et un", "five
/// hundred"), as `text2num` reads it: nothing but digits.
fn cardinal(text: &str, lang: Lang) -> Option<f64> {
    let digits = digits_of(text, lang)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The denominator a fraction word names: "half", "tiers", "quarter",
/// or an ordinal of at least three in either language ("fifths",
/// "huitième", "huitieme", "hundredth"); "first" and "second" are not
/// fractions ("one second").
fn denominator(token: &Token, lang: Lang) -> Option<f64> {
    if token.kind != Kind::Word {
        return None;
    }
    let w = token.folded.as_str();
    if let Some(d) = lookup(FRACTIONS, w).or_else(|| lookup(FRACTIONS, w.trim_end_matches('s'))) {
        return Some(d);
    }
    // Only ordinal endings go to text2num ("cinquiemes" is written
    // without its accent in some texts: text2num wants it).
    // ("with", "both" are too short to be ordinals: "sixth" is five.)
    let ordinal = ["ieme", "iemes"].iter().any(|end| w.ends_with(end))
        || (w.len() >= 5 && (w.ends_with("th") || w.ends_with("ths")));
    if !ordinal {
        return None;
    }
    let text = if token.text.contains("ieme") {
        token.text.replace("ieme", "ième")
    } else {
        token.text.to_string()
    };
    let digits = digits_of(&text, lang)?;
    let end = digits.find(|c: char| !c.is_ascii_digit())?;
    let d: f64 = digits[..end].parse().ok()?;
    (end > 0 && d >= 3.0).then_some(d)
}

/// A numerator at token `i`: an article or "one" (1), digits, or a
/// number word.
fn numerator(tokens: &[Token], i: usize, lang: Lang) -> Option<f64> {
    let t = tokens.get(i)?;
    match t.kind {
        Kind::Digits if !t.folded.contains(['.', ',']) => t.folded.parse().ok(),
        Kind::Word if ARTICLE_ONE.contains(&t.folded.as_str()) => Some(1.0),
        Kind::Word => cardinal(t.text, lang),
        _ => None,
    }
}

/// A ratio's term starting at token `i` ("dix", "1", "twenty-one",
/// "cent vingt et un", "five hundred", "5 million"): its value and last
/// token. The longest run of words that `text2num` reads whole wins.
fn term(tokens: &[Token], i: usize, lang: Lang) -> Option<(f64, usize)> {
    let t = tokens.get(i)?;
    let (value, last) = match t.kind {
        Kind::Digits if !t.folded.contains(['.', ',']) => (t.folded.parse().ok()?, i),
        Kind::Word if matches!(t.folded.as_str(), "a" | "an") => return None,
        Kind::Word => {
            let words = tokens[i..]
                .iter()
                .take(6)
                .take_while(|t| t.kind == Kind::Word)
                .count();
            (1..=words).rev().find_map(|n| {
                let text: Vec<&str> = tokens[i..i + n].iter().map(|t| t.text).collect();
                cardinal(&text.join(" "), lang).map(|v| (v, i + n - 1))
            })?
        }
        _ => return None,
    };
    // "one in 5 million"
    match tokens.get(last + 1) {
        Some(s) if s.kind == Kind::Word => match scale_word(s.text, lang) {
            Some(m) if value < m => Some((value * m, last + 1)),
            _ => Some((value, last)),
        },
        _ => Some((value, last)),
    }
}

/// The share of `n` out of `d`, in percent, to two decimals; below 1%,
/// to three significant digits, so that "one in 5 million" is not 0%.
fn percent(n: f64, d: f64) -> f64 {
    let p = 100.0 * n / d;
    if p >= 1.0 || p <= 0.0 {
        return (100.0 * p).round() / 100.0;
    }
    let digits = 2 - p.log10().floor() as i32;
    let factor = 10f64.powi(digits);
    (p * factor).round() / factor
}

/// Shares and lone counts in `tokens`, left to right, none overlapping.
pub(crate) fn find(tokens: &[Token], lang: Lang) -> Vec<Share> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(share) = fraction_at(tokens, i, lang)
            .or_else(|| vulgar_at(tokens, i))
            .or_else(|| ratio_at(tokens, i, lang))
            .or_else(|| single_at(tokens, i))
        {
            i = share.last + 1;
            out.push(share);
        } else {
            i += 1;
        }
    }
    out
}

/// "half of", "la moitié des", "two thirds of", "les trois quarts de",
/// "two-thirds of", "one eighth", "cinq huitièmes de", "a quarter
/// million", starting at token `i`.
fn fraction_at(tokens: &[Token], i: usize, lang: Lang) -> Option<Share> {
    let article = word(tokens, i).is_some_and(|w| ARTICLES.contains(&w));
    let at = if article { i + 1 } else { i };
    let w = word(tokens, at)?;
    // "one and a half", "deux et demi": a mixed number, read with the
    // number before it ("3 million and a half"), not a share.
    if word(tokens, i.wrapping_sub(1)).is_some_and(|p| matches!(p, "and" | "et")) {
        return None;
    }
    // Two tokens ("two thirds", "un huitième"), three ("one - fourth"),
    // one ("two-thirds", "cinq-huitièmes"), or a half alone ("half of").
    let dash = tokens
        .get(at + 1)
        .is_some_and(|t| t.kind == Kind::Punct && t.text == "-");
    let d_at = if dash { at + 2 } else { at + 1 };
    // The denominator first: it is cheap to rule out, a numerator in
    // words is not.
    let two_words = tokens
        .get(d_at)
        .and_then(|t| denominator(t, lang))
        .and_then(|d| numerator(tokens, at, lang).map(|n| (n, d, d_at)));
    let (numerator, denominator, last) = match two_words {
        Some(found) => found,
        None => match w.split_once('-') {
            Some((n, d)) if !n.is_empty() && !d.is_empty() => {
                let text = &tokens[at].text[tokens[at].text.find('-')? + 1..];
                let d = denominator(
                    &Token {
                        text,
                        folded: d.to_string(),
                        ..tokens[at].clone()
                    },
                    lang,
                )?;
                let n = if ARTICLE_ONE.contains(&n) {
                    1.0
                } else {
                    cardinal(n, lang)?
                };
                (n, d, at)
            }
            // "half", "la moitié": the half needs no numerator; "quarter
            // million", "quart de million" neither.
            // "le tiers des", "le quart du": a French article opens them.
            _ => {
                // "a half" was read from its article: "half" alone here
                // follows "and a" ("one and a half").
                if word(tokens, at.wrapping_sub(1)).is_some_and(|p| ARTICLE_ONE.contains(&p)) {
                    return None;
                }
                let d = denominator(&tokens[at], lang)?;
                // "quarter million"; not an ordinal ("centième mille").
                let scaled =
                    lookup(FRACTIONS, w).is_some() && scale_after(tokens, at, lang).is_some();
                let french = article
                    && matches!(w, "tiers" | "quart")
                    && word(tokens, at + 1).is_some_and(|n| OF.contains(&n))
                    // "le quart de finale" is a round of a cup.
                    && !word(tokens, at + 2).is_some_and(|n| n.starts_with("finale"));
                if !HALVES.contains(&w) && !scaled && !french {
                    return None;
                }
                (1.0, d, at)
            }
        },
    };
    if numerator >= denominator {
        return None;
    }
    // "a quarter million", "two thirds of a million", "un quart de
    // million": a count.
    if let Some((scale, end)) = scale_after(tokens, last, lang) {
        return Some(Share {
            first: i,
            last: end,
            value: (numerator / denominator * scale).round(),
            percent: false,
        });
    }
    // "à moitié détruit", "half-time", "the French Quarter": not a share.
    // Said alone ("--value 'more than half'", "Les votants ? La moitié."),
    // or after a qualifier ("more than half people"), it is a share too.
    let next = word(tokens, last + 1);
    let alone = tokens
        .get(last + 1)
        .is_none_or(|t| t.kind == Kind::Punct && matches!(t.text, "." | "!" | "?" | ";"));
    let timed = next.is_some_and(|w| TIME_WORDS.contains(&w) || matches!(w, "a" | "an"));
    let qualified = qualifiers::before(tokens, i).is_some() && !timed;
    let of = alone
        || qualified
        || next.is_some_and(|w| OF.contains(&w))
        || (w == "half" && next.is_some_and(|w| ARTICLES.contains(&w)));
    // "la moitié" wants its article; "half" and "two thirds" do not.
    let french_half = w == "moitie" && !article && word(tokens, i.wrapping_sub(1)) != Some("une");
    if !of || french_half {
        return None;
    }
    Some(Share {
        first: i,
        last,
        value: percent(numerator, denominator),
        percent: true,
    })
}

/// A scale word after a fraction's last token, past "of (a)", "de",
/// "d'un": its value and last token ("a quarter million", "two thirds of
/// a million", "un quart de million").
fn scale_after(tokens: &[Token], last: usize, lang: Lang) -> Option<(f64, usize)> {
    let mut j = last + 1;
    if word(tokens, j).is_some_and(|w| matches!(w, "of" | "de" | "d'")) {
        j += 1;
        if word(tokens, j).is_some_and(|w| matches!(w, "a" | "un")) {
            j += 1;
        }
    }
    let t = tokens.get(j).filter(|t| t.kind == Kind::Word)?;
    // "des millions" is vague; a scale word counts in the singular.
    if t.folded.ends_with('s') {
        return None;
    }
    scale_word(t.text, lang)
        .filter(|&m| m >= 1e3)
        .map(|m| (m, j))
}

/// "⅔", "½": a share, unless glued to digits ("2½", a mixed number).
fn vulgar_at(tokens: &[Token], i: usize) -> Option<Share> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Punct)?;
    let c = t.text.chars().next()?;
    let &(_, n, d) = VULGAR.iter().find(|(v, _, _)| *v == c)?;
    let glued = i > 0 && !t.space_before && tokens[i - 1].kind == Kind::Digits;
    (!glued).then(|| Share {
        first: i,
        last: i,
        value: percent(n, d),
        percent: true,
    })
}

/// "one in five", "un sur dix", "1 in 3", "un enfant sur dix", "one
/// child in five", "one out of three", "un sur cent vingt et un",
/// starting at token `i`.
fn ratio_at(tokens: &[Token], i: usize, lang: Lang) -> Option<Share> {
    // The link first, which is cheap: "in", "sur", "out of".
    let link_at = |j: usize| -> Option<usize> {
        match word(tokens, j)? {
            "in" | "sur" => Some(j),
            "out" if word(tokens, j + 1) == Some("of") => Some(j + 1),
            _ => None,
        }
    };
    // A word between the terms only after "one"/"un": "un enfant sur dix".
    let one_word = word(tokens, i).is_some_and(|w| matches!(w, "one" | "un" | "une"));
    let (gap, link_end) = link_at(i + 1).map(|e| (false, e)).or_else(|| {
        one_word
            .then(|| link_at(i + 2))
            .flatten()
            .map(|e| (true, e))
    })?;
    // "a" and "an" open no ratio ("il a sur lui…").
    if matches!(word(tokens, i), Some("a" | "an")) {
        return None;
    }
    let n = numerator(tokens, i, lang)?;
    if gap && term(tokens, i + 1, lang).is_some() {
        return None;
    }
    // A numerator read whole: "five hundred in…" is not "hundred in".
    if i > 0 && tokens[i - 1].kind == Kind::Word && cardinal(tokens[i - 1].text, lang).is_some() {
        return None;
    }
    let (d, last) = term(tokens, link_end + 1, lang)?;
    // "2 in 3 days" is a time; "10 in 2020" a year.
    let time = word(tokens, last + 1).is_some_and(|w| TIME_WORDS.contains(&w));
    let year = last == link_end + 1
        && tokens[last].kind == Kind::Digits
        && tokens[last].folded.len() == 4
        && (1900.0..=2100.0).contains(&d);
    let time = time || year;
    if n > d || d < 2.0 || time {
        return None;
    }
    Some(Share {
        first: i,
        last,
        value: percent(n, d),
        percent: true,
    })
}

/// "only one", "un seul", "a single", starting at token `i`.
fn single_at(tokens: &[Token], i: usize) -> Option<Share> {
    SINGLE.iter().find_map(|words| {
        let matches = words
            .iter()
            .enumerate()
            .all(|(k, w)| word(tokens, i + k) == Some(*w));
        matches.then(|| Share {
            first: i,
            last: i + words.len() - 1,
            value: 1.0,
            percent: false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn shares(text: &str) -> Vec<(f64, bool)> {
        find(&tokenize(text), Lang::En)
            .into_iter()
            .map(|s| (s.value, s.percent))
            .collect()
    }

    #[test]
    fn fractions_in_english_and_french() {
        assert_eq!(shares("half of the homes"), [(50.0, true)]);
        assert_eq!(shares("more than half the homes"), [(50.0, true)]);
        assert_eq!(shares("la moitié des maisons"), [(50.0, true)]);
        assert_eq!(shares("two thirds of the voters"), [(66.67, true)]);
        assert_eq!(shares("two-thirds of the voters"), [(66.67, true)]);
        assert_eq!(shares("les deux tiers des électeurs"), [(66.67, true)]);
        assert_eq!(shares("les trois quarts des habitants"), [(75.0, true)]);
        assert_eq!(shares("a quarter of the town"), [(25.0, true)]);
        assert_eq!(shares("un tiers d'entre eux"), [(33.33, true)]);
    }

    #[test]
    fn fraction_words_used_otherwise_are_not_shares() {
        assert!(shares("at half-time").is_empty());
        assert!(shares("the French Quarter burned").is_empty());
        assert!(shares("une maison à moitié détruite").is_empty());
        assert!(shares("half an hour later").is_empty());
        assert!(shares("le tiers monde").is_empty());
    }

    #[test]
    fn ratios_in_english_and_french() {
        assert_eq!(shares("one in five children"), [(20.0, true)]);
        assert_eq!(shares("one child in five"), [(20.0, true)]);
        assert_eq!(shares("un sur dix"), [(10.0, true)]);
        assert_eq!(shares("un enfant sur dix"), [(10.0, true)]);
        assert_eq!(shares("1 in 3 homes"), [(33.33, true)]);
        assert_eq!(shares("une personne sur mille"), [(0.1, true)]);
    }

    #[test]
    fn numbers_around_in_or_sur_that_are_not_ratios() {
        assert!(shares("2 in 3 days").is_empty());
        assert!(shares("deux sur trois jours").is_empty());
        assert!(shares("5 in 3 villages").is_empty());
        assert!(shares("tirs sur 3 villages").is_empty());
    }

    #[test]
    fn a_single_one_is_one() {
        assert_eq!(shares("only one hospital works"), [(1.0, false)]);
        assert_eq!(shares("a single clinic"), [(1.0, false)]);
        assert_eq!(shares("un seul hôpital fonctionne"), [(1.0, false)]);
        assert_eq!(shares("une seule clinique"), [(1.0, false)]);
    }

    #[test]
    fn every_denominator_in_english() {
        assert_eq!(shares("one eighth"), [(12.5, true)]);
        assert_eq!(shares("five eighths of the vote"), [(62.5, true)]);
        assert_eq!(shares("one-eighth of them"), [(12.5, true)]);
        assert_eq!(shares("one - fourth of them"), [(25.0, true)]);
        assert_eq!(shares("a fifth of the homes"), [(20.0, true)]);
        assert_eq!(shares("three tenths of the land"), [(30.0, true)]);
        assert_eq!(shares("seven twelfths of the budget"), [(58.33, true)]);
        assert_eq!(shares("a hundredth of the total"), [(1.0, true)]);
    }

    #[test]
    fn every_denominator_in_french() {
        let fr = |text: &str| -> Vec<(f64, bool)> {
            find(&tokenize(text), Lang::Fr)
                .into_iter()
                .map(|s| (s.value, s.percent))
                .collect()
        };
        assert_eq!(fr("un huitième des votants"), [(12.5, true)]);
        assert_eq!(fr("cinq huitièmes de la surface"), [(62.5, true)]);
        assert_eq!(fr("cinq-huitièmes"), [(62.5, true)]);
        assert_eq!(fr("un huitieme"), [(12.5, true)]);
        assert_eq!(fr("un demi"), [(50.0, true)]);
        assert_eq!(fr("un cinquième des électeurs"), [(20.0, true)]);
        assert_eq!(fr("trois dixièmes du territoire"), [(30.0, true)]);
        assert_eq!(fr("le tiers des habitants"), [(33.33, true)]);
        assert_eq!(fr("un centième de la population"), [(1.0, true)]);
    }

    #[test]
    fn a_fraction_of_a_scale_word_is_a_count() {
        assert_eq!(shares("a quarter million people"), [(250_000.0, false)]);
        assert_eq!(shares("quarter million"), [(250_000.0, false)]);
        assert_eq!(shares("two thirds of a million"), [(666_667.0, false)]);
        let fr = find(&tokenize("un quart de million"), Lang::Fr);
        assert_eq!((fr[0].value, fr[0].percent), (250_000.0, false));
        let fr = find(&tokenize("deux tiers de million"), Lang::Fr);
        assert_eq!((fr[0].value, fr[0].percent), (666_667.0, false));
    }

    #[test]
    fn a_qualified_fraction_is_a_share_whatever_follows() {
        assert_eq!(shares("more than half people came"), [(50.0, true)]);
        assert_eq!(
            shares("above one quarter and below a half."),
            [(25.0, true), (50.0, true)]
        );
        let fr = find(
            &tokenize("supérieur à un quart et inférieur à la moitié."),
            Lang::Fr,
        );
        assert_eq!(fr.iter().map(|s| s.value).collect::<Vec<_>>(), [25.0, 50.0]);
        // A time is not a share, qualified or not.
        assert!(shares("over a quarter century").is_empty());
        assert!(shares("more than half an hour").is_empty());
    }

    #[test]
    fn vulgar_fractions() {
        assert_eq!(shares("the result is ⅔"), [(66.67, true)]);
        assert_eq!(shares("¾ of the voters"), [(75.0, true)]);
        assert!(shares("2½ miles").is_empty());
    }

    #[test]
    fn ratios_with_long_terms_and_out_of() {
        assert_eq!(shares("one out of three"), [(33.33, true)]);
        assert_eq!(shares("two out of five hundred tvs"), [(0.4, true)]);
        assert_eq!(shares("une personne sur mille"), [(0.1, true)]);
        assert_eq!(shares("1 in twenty-one"), [(4.76, true)]);
        assert_eq!(shares("one in 5 million"), [(0.00002, true)]);
        let fr = |text: &str| -> Vec<f64> {
            find(&tokenize(text), Lang::Fr)
                .into_iter()
                .map(|s| s.value)
                .collect()
        };
        assert_eq!(fr("un sur vingt et un"), [4.76]);
        assert_eq!(fr("un sur cent vingt-cinq"), [0.8]);
        assert!(fr("centième mille").is_empty());
        assert_eq!(fr("1 sur cent vingt et un"), [0.826]);
        assert!(shares("scored 10 in 2020").is_empty());
    }

    #[test]
    fn mixed_numbers_ranks_and_times_are_not_shares() {
        assert!(shares("one and a half").is_empty());
        assert!(shares("3 million and a half").is_empty());
        assert!(find(&tokenize("deux heures et demie."), Lang::Fr).is_empty());
        assert!(shares("the fifth floor").is_empty());
        assert!(shares("one second later").is_empty());
        assert!(shares("a third time").is_empty());
        assert!(shares("twenty fifths").is_empty());
    }
}
