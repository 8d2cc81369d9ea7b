//! Finding the numbers of a sentence and telling figures from other numbers.
//!
//! A news sentence holds many numbers that are not claims: "depuis 2011",
//! "lundi 19 mars", "à 10h30", "le 2e jour", "le G7", "Covid-19". This
//! module finds every number — in digits with French or English separators,
//! with suffixes ("10k", "3 millions", "1,5 milliard"), or in words through
//! the `text2num` crate — then drops those that are years, dates, times,
//! ordinals, names or identifiers. What remains are figures; qualifiers and
//! vague words are read around them by [`super::qualifiers`] and
//! [`super::vague`].
//!
//! `text2num` reads number words well ("trente-six", "quatre-vingt-dix",
//! "three hundred and fifty thousand") but not digits followed by a scale
//! word: it reads "3 millions" as "3" and "1000000". So digits come first
//! here, with their scale word attached (the scale's value still comes from
//! `text2num`, not from a table), and only the words left over are given to
//! `text2num`.
//!
//! The parts: [`digits`] (digit groups with French or English separators,
//! signs, currencies, suffixes and scale words), [`written`] (numbers in
//! words) and [`non_figures`] (years, dates, times, identifiers, names).

mod digits;
mod non_figures;
mod written;

use super::tokens::{Kind, Token};
use crate::words::Lang;
use digits::digits_at;
use non_figures::is_not_a_figure;
use std::sync::LazyLock;
use written::written;

static FRENCH: LazyLock<text2num::Language> = LazyLock::new(text2num::Language::french);

static ENGLISH: LazyLock<text2num::Language> = LazyLock::new(text2num::Language::english);

pub(super) fn interpreter(lang: Lang) -> &'static text2num::Language {
    match lang {
        Lang::Fr => &FRENCH,
        Lang::En => &ENGLISH,
    }
}

/// A number found in a sentence, before qualifiers are read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number {
    /// Token span, inclusive, from a sign or currency symbol to a scale word,
    /// suffix or percent sign.
    pub first: usize,
    pub last: usize,
    pub value: f64,
    /// The multiplier a scale word or suffix applied ("3 millions": 1e6).
    pub scale: f64,
    pub percent: bool,
    /// A unit written with the number: a currency, a glued unit ("29km"),
    /// "percentage points".
    pub unit: Option<String>,
    /// A bare integer in digits, without separator, sign, suffix or unit:
    /// the only kind of number that can be a year.
    pub bare: bool,
}

/// The value of a word that multiplies a number ("million", "milliards",
/// "thousand", "cent"), asked of `text2num` so that no table of number
/// words is kept here: a word that parses alone to a power of ten of at
/// least 100.
pub(crate) fn scale_word(word: &str, lang: Lang) -> Option<f64> {
    let lower = word.to_lowercase();
    if !lower.chars().all(char::is_alphabetic) {
        return None;
    }
    // text2num 2.8 has no English "trillion": one of the two scale words
    // added here.
    // Nor French "billion", which is 10^12 (a thousand milliards).
    match (lang, lower.as_str()) {
        (Lang::En, "trillion" | "trillions") | (Lang::Fr, "billion" | "billions") => {
            return Some(1e12);
        }
        _ => {}
    }
    let digits = text2num::text2digits(&lower, interpreter(lang)).ok()?;
    let value: f64 = digits.parse().ok()?;
    let exponent = value.log10();
    (value >= 100.0 && (exponent - exponent.round()).abs() < 1e-9).then_some(value)
}

/// Every number in the sentence that could be a figure, in order.
/// `langs` lists the languages to read number words in, most likely first.
pub(crate) fn find(tokens: &[Token], langs: &[Lang]) -> Vec<Number> {
    let Some(&lang) = langs.first() else {
        return Vec::new();
    };
    let mut used = vec![false; tokens.len()];
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind == Kind::Digits {
            let (number, end) = digits_at(tokens, i, lang, langs);
            for u in used.iter_mut().take(end + 1).skip(i) {
                *u = true;
            }
            if let Some(number) = number {
                for u in used.iter_mut().take(number.last + 1).skip(number.first) {
                    *u = true;
                }
                numbers.push(number);
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    numbers.extend(written(tokens, lang, &mut used));
    numbers.sort_by_key(|n| n.first);
    let numbers = join_compounds(tokens, numbers);
    numbers
        .into_iter()
        .filter(|n| !is_not_a_figure(tokens, n, lang))
        .collect()
}

/// "4 thousand 3 hundred and 21", "twenty-one trillion three hundred":
/// a number ending with a scale word, followed (after nothing or "and")
/// by a smaller one, is one number. `text2num` does this for words alone;
/// here it is done across digits and the scale words text2num lacks.
fn join_compounds(tokens: &[Token], numbers: Vec<Number>) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::with_capacity(numbers.len());
    for n in numbers {
        if let Some(prev) = out.last_mut() {
            // Spans may touch or overlap (a written number right after a
            // digit one): then there is nothing between them to read.
            let joined = tokens.get(prev.last + 1..n.first).is_some_and(|between| {
                let words: Vec<&str> = between.iter().map(|t| t.folded.as_str()).collect();
                matches!(words.as_slice(), [] | ["and"] | ["et"])
            });
            if joined
                && prev.scale >= 100.0
                && !prev.percent
                && prev.unit.is_none()
                && n.value > 0.0
                && n.value < prev.scale
                && n.scale < prev.scale
            {
                prev.value += n.value;
                prev.last = n.last;
                prev.scale = n.scale;
                prev.percent = n.percent;
                prev.unit = n.unit;
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// "minus", "negative", "négatif": a sign written as a word.
pub(super) fn is_minus_word(token: &Token) -> bool {
    matches!(token.folded.as_str(), "minus" | "negative" | "negatif")
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn values(sentence: &str, lang: Lang) -> Vec<f64> {
        let tokens = tokenize(sentence);
        find(&tokens, &[lang])
            .into_iter()
            .map(|n| n.value)
            .collect()
    }

    fn percents(sentence: &str, lang: Lang) -> Vec<f64> {
        let tokens = tokenize(sentence);
        find(&tokens, &[lang])
            .into_iter()
            .filter(|n| n.percent)
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn locale_separators() {
        assert_eq!(values("350.000 personnes", Lang::Fr), [350_000.0]);
        assert_eq!(values("350 000 personnes", Lang::Fr), [350_000.0]);
        assert_eq!(values("350\u{a0}000 personnes", Lang::Fr), [350_000.0]);
        assert_eq!(values("350\u{202f}000 personnes", Lang::Fr), [350_000.0]);
        assert_eq!(values("350,000 people", Lang::En), [350_000.0]);
        assert_eq!(values("1,5 million de personnes", Lang::Fr), [1_500_000.0]);
        assert_eq!(values("3.5 million people", Lang::En), [3_500_000.0]);
        assert_eq!(values("2 millions de réfugiés", Lang::Fr), [2_000_000.0]);
        assert_eq!(values("1,674,200.5", Lang::En), [1_674_200.5]);
        assert_eq!(values("6.700,54", Lang::Fr), [6700.54]);
        assert_eq!(values("4.800", Lang::En), [4.8]);
        assert_eq!(values("4,8", Lang::Fr), [4.8]);
        assert_eq!(values("1 234 567,89", Lang::Fr), [1_234_567.89]);
        assert_eq!(values("10k", Lang::En), [10_000.0]);
        assert_eq!(values("1.2bn dollars", Lang::En), [1_200_000_000.0]);
        assert_eq!(values("3 milliards d'euros", Lang::Fr), [3e9]);
        assert_eq!(values("3 millions et demi", Lang::Fr), [3_500_000.0]);
    }

    #[test]
    fn written_numbers_in_both_languages() {
        assert_eq!(values("trente-six morts", Lang::Fr), [36.0]);
        assert_eq!(values("vingt et un blessés", Lang::Fr), [21.0]);
        assert_eq!(values("quatre-vingt-dix-neuf", Lang::Fr), [99.0]);
        assert_eq!(
            values("three hundred and fifty thousand people", Lang::En),
            [350_000.0]
        );
        assert_eq!(values("twenty-six people", Lang::En), [26.0]);
        assert_eq!(values("a hundred people", Lang::En), [100.0]);
        assert_eq!(
            values("un million deux cent mille", Lang::Fr),
            [1_200_000.0]
        );
    }

    #[test]
    fn percentages() {
        assert_eq!(percents("5% du territoire", Lang::Fr), [5.0]);
        assert_eq!(percents("5 % du territoire", Lang::Fr), [5.0]);
        assert_eq!(percents("5\u{a0}% du territoire", Lang::Fr), [5.0]);
        assert_eq!(percents("cinq pour cent des voix", Lang::Fr), [5.0]);
        assert_eq!(percents("60 percent of voters", Lang::En), [60.0]);
        assert_eq!(percents("sixty per cent", Lang::En), [60.0]);
        assert_eq!(percents("12,5 % des votants", Lang::Fr), [12.5]);
    }

    #[test]
    fn years_dates_times_ordinals_and_names_are_not_figures() {
        assert!(values("depuis 2011 dans le conflit", Lang::Fr).is_empty());
        assert!(values("en 2014 et la conquête", Lang::Fr).is_empty());
        assert!(values("lundi 19 mars", Lang::Fr).is_empty());
        assert!(values("le 19 mars 2018", Lang::Fr).is_empty());
        assert!(values("on March 19, 2018,", Lang::En).is_empty());
        assert!(values("à 10h30", Lang::Fr).is_empty());
        assert!(values("à 10 h 30", Lang::Fr).is_empty());
        assert!(values("at 10:30", Lang::En).is_empty());
        assert!(values("at 3 p.m.", Lang::En).is_empty());
        assert!(values("le 2e jour, le 1er mars", Lang::Fr).is_empty());
        assert!(values("the 21st century", Lang::En).is_empty());
        assert!(values("the twenty-first century", Lang::En).is_empty());
        assert!(values("le premier ministre", Lang::Fr).is_empty());
        assert!(values("le Covid-19 et le G7", Lang::Fr).is_empty());
        assert!(values("a Boeing 737 crashed", Lang::En).is_empty());
        assert!(values("le 17/05/2018", Lang::Fr).is_empty());
        assert!(values("le 2018-03-21", Lang::Fr).is_empty());
        assert!(values("call +1-222-2222", Lang::En).is_empty());
        assert!(values("article 5 du traité", Lang::Fr).is_empty());
        assert!(values("the 5G masts", Lang::En).is_empty());
        assert!(values("dans un quartier", Lang::Fr).is_empty());
        assert!(values("one of them", Lang::En).is_empty());
        assert!(values("see https://example.org/2018/30%", Lang::En).is_empty());
    }

    #[test]
    fn counts_that_look_like_years_stay() {
        assert_eq!(values("2000 personnes ont fui", Lang::Fr), [2000.0]);
        assert_eq!(values("plus de 1500 morts", Lang::Fr), [1500.0]);
        assert_eq!(values("2,000 people", Lang::En), [2000.0]);
    }

    #[test]
    fn signs_and_currencies() {
        let tokens = tokenize("Labour took £1.5 million");
        let found = find(&tokens, &[Lang::En]);
        assert_eq!(found[0].value, 1_500_000.0);
        assert_eq!(found[0].unit.as_deref(), Some("pounds"));
        assert_eq!(values("it fell to -5", Lang::En), [-5.0]);
    }

    #[test]
    fn one_counts_when_a_noun_follows_it() {
        assert_eq!(values("one person was killed", Lang::En), [1.0]);
        assert_eq!(values("Let's try one last time", Lang::En), [1.0]);
        assert!(values("one of them", Lang::En).is_empty());
        assert!(values("the one who spoke", Lang::En).is_empty());
        assert!(values("no one died", Lang::En).is_empty());
        assert!(values("one day later", Lang::En).is_empty());
        assert_eq!(values("one twenty two", Lang::En), [22.0]);
        assert!(values("they helped one another", Lang::En).is_empty());
        assert!(values("he can't buy one himself", Lang::En).is_empty());
        assert!(values("an outfit like one worn by her", Lang::En).is_empty());
        // French "un" is an article: "un seul" says the count.
        assert!(values("un communiqué de presse", Lang::Fr).is_empty());
        assert!(values("un mort", Lang::Fr).is_empty());
    }

    #[test]
    fn a_half_before_or_after_the_scale_word() {
        assert_eq!(
            values("five and a half million fish", Lang::En),
            [5_500_000.0]
        );
        assert_eq!(
            values("2 and a half million people", Lang::En),
            [2_500_000.0]
        );
        assert_eq!(values("2 million and one half", Lang::En), [2_500_000.0]);
        assert_eq!(values("3 million and a half", Lang::En), [3_500_000.0]);
        assert_eq!(values("deux millions et demi", Lang::Fr), [2_500_000.0]);
    }
}
