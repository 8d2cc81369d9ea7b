//! Shares and counts that news writes in words: "more than half", "la
//! moitié", "two thirds", "les trois quarts", "one in five", "un sur
//! dix" are shares (DESIGN §10: `unit: percent`); "only one", "un seul",
//! "a single" are 1.
//!
//! They are one table ([`FRACTIONS`], [`NUMERATORS`], [`RATIO_WORDS`],
//! [`SINGLE`]) rather than rules spread over the number finder, because
//! each needs a guard against the same words used otherwise: a fraction
//! counts only before "of"/"de" ("half of the homes", "la moitié des
//! maisons"; not "half-time", "à moitié détruit", "the French Quarter");
//! a ratio only between two numbers, the first not larger ("2 in 3 days"
//! is a time, not a share). The qualifier before them is read as for any
//! figure ("more than half" is `{more_than: 50}`). A fraction's share is
//! kept to two decimals (two thirds = 66.67): the value form holds
//! figures, not fractions.

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

/// Fraction words, folded, singular and plural, with their denominator.
const FRACTIONS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("moitie", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("tiers", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("quart", 4.0),
    ("quarts", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("cinquieme", 5.0),
    ("cinquiemes", 5.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
    ("dixieme", 10.0),
    ("dixiemes", 10.0),
];

/// Numerators and ratio terms in words, folded: an article counts one.
const NUMERATORS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("one", 1.0),
    ("un", 1.0),
    ("une", 1.0),
    ("two", 2.0),
    ("deux", 2.0),
    ("three", 3.0),
    ("trois", 3.0),
    ("four", 4.0),
    ("quatre", 4.0),
    ("five", 5.0),
    ("cinq", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("sept", 7.0),
    ("eight", 8.0),
    ("huit", 8.0),
    ("nine", 9.0),
    ("neuf", 9.0),
];

/// The denominators of a ratio in words ("one in ten", "un sur mille"),
/// beyond the numerators.
const RATIO_WORDS: &[(&str, f64)] = &[
    ("ten", 10.0),
    ("dix", 10.0),
    ("twenty", 20.0),
    ("vingt", 20.0),
    ("hundred", 100.0),
    ("cent", 100.0),
    ("thousand", 1000.0),
    ("mille", 1000.0),
];

/// The word between the terms of a ratio.
const RATIO_LINKS: &[&str] = &["in", "sur"];

/// What follows a fraction that counts: "of", "de", "des", "du", "d'".
const OF: &[&str] = &["of", "de", "des", "du", "d'"];

/// Articles that may open a French fraction ("la moitié", "les trois
/// quarts"); English "the" too ("the two thirds of").
const ARTICLES: &[&str] = &["la", "les", "le", "l'", "the"];

/// Words after the terms of a ratio that make it a time, not a share
/// ("2 in 3 days").
const TIME_WORDS: &[&str] = &[
    "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "heure", "heures", "jour", "jours", "semaine", "semaines", "mois", "an",
    "ans", "annee", "annees",
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

/// A ratio's term at token `i`: digits or a number word.
fn term(tokens: &[Token], i: usize) -> Option<f64> {
    let t = tokens.get(i)?;
    match t.kind {
        Kind::Digits if !t.folded.contains(['.', ',']) => t.folded.parse().ok(),
        // "a" opens no ratio ("il a sur lui…").
        Kind::Word if t.folded == "a" => None,
        Kind::Word => lookup(NUMERATORS, &t.folded).or_else(|| lookup(RATIO_WORDS, &t.folded)),
        _ => None,
    }
}

/// The share of `n` out of `d`, in percent, to two decimals.
fn percent(n: f64, d: f64) -> f64 {
    (10_000.0 * n / d).round() / 100.0
}

/// Shares and lone counts in `tokens`, left to right, none overlapping.
pub(crate) fn find(tokens: &[Token], _lang: Lang) -> Vec<Share> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(share) = fraction_at(tokens, i)
            .or_else(|| ratio_at(tokens, i))
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
/// "two-thirds of", starting at token `i`.
fn fraction_at(tokens: &[Token], i: usize) -> Option<Share> {
    let article = word(tokens, i).is_some_and(|w| ARTICLES.contains(&w));
    let at = if article { i + 1 } else { i };
    let w = word(tokens, at)?;
    // One token ("two-thirds", "trois-quarts") or two ("two thirds").
    let (numerator, denominator, last) = match w.split_once('-') {
        Some((n, d)) => (lookup(NUMERATORS, n)?, lookup(FRACTIONS, d)?, at),
        None => match (lookup(NUMERATORS, w), word(tokens, at + 1)) {
            (Some(n), Some(d)) if lookup(FRACTIONS, d).is_some() => {
                (n, lookup(FRACTIONS, d)?, at + 1)
            }
            // "half", "la moitié": the half needs no numerator.
            _ if lookup(FRACTIONS, w) == Some(2.0) => (1.0, 2.0, at),
            _ => return None,
        },
    };
    // "à moitié détruit", "half-time", "the French Quarter": not a share.
    // Said alone ("--value 'more than half'", "Les votants ? La moitié."),
    // it is a share too.
    let alone = tokens
        .get(last + 1)
        .is_none_or(|t| t.kind == Kind::Punct && matches!(t.text, "." | "!" | "?" | ";"));
    let of = alone
        || word(tokens, last + 1).is_some_and(|w| OF.contains(&w))
        || (w == "half" && word(tokens, last + 1).is_some_and(|w| ARTICLES.contains(&w)));
    // "la moitié" wants its article; "half" and "two thirds" do not.
    let french_half = w == "moitie" && !article && word(tokens, i.wrapping_sub(1)) != Some("une");
    if !of || french_half || numerator >= denominator {
        return None;
    }
    Some(Share {
        first: i,
        last,
        value: percent(numerator, denominator),
        percent: true,
    })
}

/// "one in five", "un sur dix", "1 in 3", "un enfant sur dix", "one
/// child in five", starting at token `i`.
fn ratio_at(tokens: &[Token], i: usize) -> Option<Share> {
    let n = term(tokens, i)?;
    // A word between the terms only after "one"/"un": "un enfant sur dix".
    let one_word = word(tokens, i).is_some_and(|w| matches!(w, "one" | "un" | "une"));
    let link = [i + 1, i + 2]
        .into_iter()
        .take(if one_word { 2 } else { 1 })
        .find(|&j| word(tokens, j).is_some_and(|w| RATIO_LINKS.contains(&w)))?;
    if link == i + 2 && term(tokens, i + 1).is_some() {
        return None;
    }
    let d = term(tokens, link + 1)?;
    // "2 in 3 days" is a time.
    let time = word(tokens, link + 2).is_some_and(|w| TIME_WORDS.contains(&w));
    if n > d || d < 2.0 || time {
        return None;
    }
    Some(Share {
        first: i,
        last: link + 1,
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
}
