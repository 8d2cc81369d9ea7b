//! Numbers in words, read by `text2num` ("trente-six", "three hundred
//! and fifty thousand") from the tokens the digits left over; lone
//! articles, letters and vague scale words ("des centaines") are not
//! figures.

use super::super::tokens::{Kind, Token};
use super::digits::{Suffix, half_after, suffix_rest};
use super::non_figures::is_plural_noun;
use super::{Number, interpreter, is_minus_word, scale_word};
use crate::words::Lang;
use crate::words::is_stop_word;
use std::borrow::Cow;

/// A token `text2num` may read: words not yet used by a digit figure.
struct Word<'t, 'a> {
    token: &'t Token<'a>,
    blocked: bool,
}

impl text2num::Token for &Word<'_, '_> {
    fn text(&self) -> Cow<'_, str> {
        self.token.text.into()
    }
    fn text_lowercase(&self) -> Cow<'_, str> {
        self.token.text.to_lowercase().into()
    }
    fn nt_separated(&self, previous: &Self) -> bool {
        // A digit figure or a blocked word between two number words cuts them.
        previous.blocked
    }
    fn not_a_number_part(&self) -> bool {
        self.blocked
    }
}

/// Numbers written in words, read by `text2num` from the tokens left over.
pub(super) fn written(tokens: &[Token], lang: Lang, used: &mut [bool]) -> Vec<Number> {
    let words = readable(tokens, used);
    let mut numbers = Vec::new();
    for found in text2num::find_numbers(words.iter(), interpreter(lang), 0.0) {
        let (first, last) = (found.start, found.end.saturating_sub(1));
        if found.is_ordinal || last < first || last >= tokens.len() {
            continue;
        }
        // text2num reads on past a scale word taken by the number before
        // ("one point two hundred thirty-six"): such a number is not new.
        if used[first..=last].iter().any(|&u| u) {
            continue;
        }
        let words = Words {
            first,
            last,
            value: found.value,
            // "minus five", "négatif un": a sign in words.
            negative: first > 0 && is_minus_word(&tokens[first - 1]),
        };
        if !is_figure(tokens, &words, lang) {
            continue;
        }
        if let Some(number) = number_of(tokens, &words, lang) {
            for u in used.iter_mut().take(number.last + 1).skip(number.first) {
                *u = true;
            }
            numbers.push(number);
        }
    }
    numbers
}

/// The tokens as `text2num` reads them: those the digits took, and opaque
/// ones, are blocked.
fn readable<'t, 'a>(tokens: &'t [Token<'a>], used: &[bool]) -> Vec<Word<'t, 'a>> {
    tokens
        .iter()
        .enumerate()
        .map(|(k, token)| Word {
            token,
            // "pour cent" is a percent sign, not a hundred.
            blocked: used[k]
                || token.kind == Kind::Opaque
                || (token.folded == "cent"
                    && k > 0
                    && matches!(tokens[k - 1].folded.as_str(), "pour" | "per")),
        })
        .collect()
}

/// A number `text2num` read: its tokens, inclusive, and its value.
struct Words {
    first: usize,
    last: usize,
    value: f64,
    /// A sign in words before it.
    negative: bool,
}

/// Whether number words are a figure, not an article, a letter, an
/// adjective, a vague quantity or part of a name.
fn is_figure(tokens: &[Token], words: &Words, lang: Lang) -> bool {
    let (first, last) = (words.first, words.last);
    let span = &tokens[first..=last];
    // A lone "un", "une", "one" is an article or a pronoun ("one
    // trillion" is not lone).
    let scaled_after = tokens
        .get(last + 1)
        .is_some_and(|t| t.kind == Kind::Word && scale_word(t.text, lang).is_some());
    if words.value == 1.0
        && span.len() == 1
        && !words.negative
        && !scaled_after
        && !counts_one(tokens, first, lang)
    {
        return false;
    }
    // A lone "o" is a letter, not a spoken zero.
    if span.len() == 1 && span[0].folded == "o" {
        return false;
    }
    // "un logement neuf": the adjective (new), unless a count follows.
    if span.len() == 1 && span[0].folded == "neuf" && !is_plural_noun(tokens, last + 1, lang) {
        return false;
    }
    if is_vague_scale(tokens, words, lang) {
        return false;
    }
    // text2num turns "dix" in "dix-sept" into 17 but reads a word that
    // merely contains a number word part only when it is one; guard
    // against spans that start inside a name ("Hajar al-…").
    span.iter()
        .all(|t| t.kind == Kind::Word || t.kind == Kind::Punct)
}

/// Whether an English "one" at `i` counts what follows ("one person was
/// killed", "one last time"): a content word comes after it and no
/// determiner before it. "One of them", "one another", "the one who",
/// "this one", "no one", "one day", "at one point" are pronouns or
/// idioms, not figures. French "un"/"une" is an article first ("un
/// communiqué") and stays one: "un seul" says the count.
fn counts_one(tokens: &[Token], i: usize, lang: Lang) -> bool {
    if tokens[i].folded != "one" || lang != Lang::En {
        return false;
    }
    let before = i
        .checked_sub(1)
        .map(|k| tokens[k].folded.as_str())
        .unwrap_or("");
    if matches!(
        before,
        "the"
            | "this"
            | "that"
            | "each"
            | "every"
            | "no"
            | "any"
            | "which"
            | "a"
            | "another"
            | "some"
            | "such"
            | "only"
    ) {
        return false;
    }
    // "one worn by Diana": the pronoun, with a participle after it.
    if tokens.get(i + 2).is_some_and(|t| t.folded == "by") {
        return false;
    }
    tokens.get(i + 1).is_some_and(|t| {
        t.kind == Kind::Word
            && !is_stop_word(&t.folded, lang)
            && !ONE_IDIOMS.contains(&t.folded.as_str())
            // "one twenty two" is a number said in parts.
            && text2num::text2digits(&t.text.to_lowercase(), interpreter(lang)).is_err()
    })
}

/// Words after "one" that make an idiom, not a count ("one day", "at one
/// point", "one way or another", "on one hand").
const ONE_IDIOMS: &[&str] = &[
    "another",
    "day",
    "point",
    "way",
    "hand",
    "side",
    "thing",
    "time",
    "ever",
    "must",
    "himself",
    "herself",
    "itself",
    "themselves",
    "oneself",
    "yourself",
    "myself",
    "might",
    "cannot",
    "can't",
    "won't",
    "isn't",
    "wasn't",
    "hundred",
    "thousand",
    "million",
    "billion",
];

/// A scale word without a number before it is a vague quantity ("hundreds
/// of people", "des millions", "several hundred thousand"), read by
/// `vague`; but "cent morts", "mille personnes", "a hundred", "a
/// million" and "more than million" are numbers.
fn is_vague_scale(tokens: &[Token], words: &Words, lang: Lang) -> bool {
    let span = &tokens[words.first..=words.last];
    if scale_word(span[0].text, lang).is_none() {
        return false;
    }
    let previous = words
        .first
        .checked_sub(1)
        .map(|k| tokens[k].folded.as_str());
    let lone = span.len() == 1;
    let plural = span[0].folded.ends_with('s');
    let after_article = matches!(previous, Some("a" | "an"));
    let after_vague = matches!(
        previous,
        Some("several" | "few" | "many" | "some" | "plusieurs" | "quelques" | "des" | "numerous")
    );
    // "a million", "more than million" (a dropped article), "around
    // million": one of the scale, said as a count.
    let as_count = after_article || previous.is_some_and(|p| COUNT_BEFORE_SCALE.contains(&p));
    after_vague || (lone && (plural || (!as_count && (words.value >= 1e6 || lang == Lang::En))))
}

/// Words after which a lone singular scale word is one of it, not a vague
/// quantity: the end of a qualifier ("more than million", "over million",
/// "just over million" with the article dropped, as wires write it).
const COUNT_BEFORE_SCALE: &[&str] = &[
    "than",
    "over",
    "under",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
];

/// The number the words make, with its article or sign, and what follows
/// it (a scale word `text2num` lacks, "et demi", a percent, a unit).
fn number_of(tokens: &[Token], words: &Words, lang: Lang) -> Option<Number> {
    let (mut first, last) = (words.first, words.last);
    // "a hundred", "a thousand": the article belongs to the number.
    if first > 0 && matches!(tokens[first - 1].folded.as_str(), "a" | "an") && lang == Lang::En {
        first -= 1;
    }
    let suffix = suffix_rest_after_words(tokens, last, lang, words.value)?;
    if words.negative {
        first -= 1;
    }
    let sign = if words.negative { -1.0 } else { 1.0 };
    let scale = if suffix.multiplier > 1.0 {
        suffix.multiplier
    } else {
        scale_word(tokens[last].text, lang).unwrap_or(1.0)
    };
    let half = if suffix.half { 0.5 * scale } else { 0.0 };
    Some(Number {
        first,
        last: suffix.last,
        value: sign * (words.value * suffix.multiplier + half),
        scale: suffix.multiplier,
        percent: suffix.percent,
        unit: suffix.unit,
        bare: false,
    })
}

/// What follows number words: a scale word `text2num` does not join,
/// "et demi", then the suffix of digits (percent, unit).
fn suffix_rest_after_words(
    tokens: &[Token],
    last: usize,
    lang: Lang,
    value: f64,
) -> Option<Suffix> {
    // "five and a half million": the half before the scale word.
    let half = half_after(tokens, last + 1);
    if half > 0
        && let Some(m) = tokens
            .get(last + 1 + half)
            .filter(|t| t.kind == Kind::Word)
            .and_then(|t| scale_word(t.text, lang))
            .filter(|&m| m >= 1e3 && value < m)
    {
        let last = last + 1 + half;
        return Some(suffix_rest(
            tokens,
            last + 1,
            Suffix {
                last,
                multiplier: m,
                half: true,
                percent: false,
                unit: None,
            },
        ));
    }
    // A scale word text2num does not know ("twenty-one trillion") or does
    // not join to a decimal ("two point two million").
    let (mut last, multiplier) = match tokens.get(last + 1) {
        Some(t)
            if t.kind == Kind::Word
                && (value.fract() != 0.0
                    || text2num::text2digits(&t.text.to_lowercase(), interpreter(lang))
                        .is_err()) =>
        {
            scale_word(t.text, lang).map_or((last, 1.0), |m| (last + 1, m))
        }
        _ => (last, 1.0),
    };
    // "un million et demi", "one million and a half"
    let scale = if multiplier > 1.0 {
        Some(multiplier)
    } else {
        tokens.get(last).and_then(|t| scale_word(t.text, lang))
    };
    let mut half = false;
    if scale.is_some_and(|s| s >= 1e3) {
        let words = half_after(tokens, last + 1);
        if words > 0 {
            half = true;
            last += words;
        }
    }
    Some(suffix_rest(
        tokens,
        last + 1,
        Suffix {
            last,
            multiplier,
            half,
            percent: false,
            unit: None,
        },
    ))
}
