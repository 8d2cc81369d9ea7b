//! Vague quantities: "plusieurs centaines", "des dizaines", "une vingtaine",
//! "un millier"; "several hundred", "dozens", "hundreds of thousands".
//!
//! DESIGN §1 stores them as the ranges they mean, and the original words
//! stay in the claim's text. Two kinds:
//!
//! - An approximate numeral ("une vingtaine", "une centaine", "un millier",
//!   "a dozen") is about that number: `{about: 20}`.
//! - A plural of a counting word ("des centaines", "plusieurs dizaines",
//!   "quelques milliers", "several hundred", "dozens", "thousands") is at
//!   least two of it and less than the next order of magnitude, where one
//!   would use the next word: several hundred = [200, 999], des dizaines =
//!   [20, 99], dozens = [24, 99], thousands = [2,000, 9,999]. A following
//!   "de milliers", "of thousands", "thousand" multiplies both ends ("des
//!   dizaines de milliers" = [20,000, 99,999]).
//!
//! The value of a counting word comes from `text2num`: a French "-aine"
//! word is its numeral with the suffix taken off ("vingtaine" → "vingt",
//! "trentaine" → "trente", "dizaine" → "dix"), "millier" is "mille", and
//! plural scale words ("hundreds", "milliers") are read as their singular.
//! Only "dozen" and "tens", which `text2num` does not read, are written
//! here.

use super::numbers::{interpreter, scale_word};
use super::tokens::{Kind, Token};
use crate::value::Value;
use crate::words::Lang;

/// A vague quantity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Vague {
    pub first: usize,
    pub last: usize,
    pub value: Value,
}

/// Words that make the counting word after them a plural range.
const PLURAL_DETERMINERS: &[&str] = &[
    "plusieurs",
    "quelques",
    "des",
    "de",
    "several",
    "few",
    "many",
    "some",
    "numerous",
    "nombreuses",
];

/// The value of a counting word, and whether it is written as an
/// approximate numeral ("vingtaine", "millier", "dozen") rather than a
/// scale word ("hundred", "millions").
fn counting_word(token: &Token, lang: Lang) -> Option<(f64, bool)> {
    if token.kind != Kind::Word {
        return None;
    }
    KNOWN.with_borrow_mut(|known| {
        if known.len() > KNOWN_WORDS {
            known.clear();
        }
        let slot = usize::from(lang == Lang::En);
        if let Some(&Some(value)) = known.get(token.text).map(|k| &k[slot]) {
            return value;
        }
        let value = read_counting_word(token.text, lang);
        known.entry(token.text.to_string()).or_default()[slot] = Some(value);
        value
    })
}

/// How many words `KNOWN` holds before it starts again, so that a text of
/// distinct words cannot grow it without bound.
const KNOWN_WORDS: usize = 50_000;

/// Type of `KNOWN`: per word, what `read_counting_word` gave in French
/// and in English, once asked.
type Known = std::collections::HashMap<String, [Option<Option<(f64, bool)>>; 2]>;

thread_local! {
    /// Counting words already read: every word of an article is asked
    /// about, and reading one asks `text2num` up to three times, while an
    /// article's words repeat.
    static KNOWN: std::cell::RefCell<Known> = std::cell::RefCell::default();
}

/// `counting_word` of a word as written, in `lang`.
fn read_counting_word(text: &str, lang: Lang) -> Option<(f64, bool)> {
    let lower = text.to_lowercase();
    // "demi-million", "demi-douzaine": the half is read by the caller.
    let word = lower.strip_prefix("demi-").unwrap_or(&lower).to_string();
    let singular = word.strip_suffix('s').unwrap_or(&word);
    match singular {
        "dozen" | "douzaine" => return Some((12.0, true)),
        "ten" if word == "tens" => return Some((10.0, false)),
        "millier" => return Some((1000.0, true)),
        _ => {}
    }
    if let Some(stem) = singular.strip_suffix("aine") {
        // "vingtaine" → "vingt", "trentaine" → "trente", "dizaine" → "dix"
        let candidates = [stem.to_string(), format!("{stem}e"), stem.replace('z', "x")];
        return candidates.iter().find_map(|c| {
            let digits = text2num::text2digits(c, interpreter(Lang::Fr)).ok()?;
            let value: f64 = digits.parse().ok()?;
            (value >= 8.0).then_some((value, true))
        });
    }
    [lang, Lang::En, Lang::Fr]
        .iter()
        .find_map(|&l| scale_word(singular, l))
        .map(|v| (v, false))
}

/// The order of magnitude above a counting word: 100 for dizaine and
/// dozen, 1,000 for hundred.
fn next_order(unit: f64) -> f64 {
    10f64.powi(unit.log10().floor() as i32 + 1)
}

/// Vague quantities among the tokens not `used` by figures in digits or words.
pub(crate) fn find(tokens: &[Token], lang: Lang, used: &[bool]) -> Vec<Vague> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if used.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        let Some((unit, approximate)) = counting_word(&tokens[i], lang) else {
            i += 1;
            continue;
        };
        let plural_word = tokens[i].folded.ends_with('s');
        let previous = i
            .checked_sub(1)
            .map(|k| tokens[k].folded.trim_end_matches('\''));
        let before_previous = i.checked_sub(2).map(|k| tokens[k].folded.as_str());
        let singular_article = matches!(previous, Some("un" | "une" | "a" | "an"));
        let plural_determiner = previous.is_some_and(|p| PLURAL_DETERMINERS.contains(&p))
            || (previous == Some("few") && before_previous == Some("a"));
        let half = previous == Some("a") && before_previous == Some("half")
            || matches!(previous, Some("half" | "demi"))
            || tokens[i].folded.starts_with("demi-");
        let mut first = if singular_article || plural_determiner {
            i - 1
        } else {
            i
        };
        if previous == Some("few") && before_previous == Some("a") {
            first = i - 2;
        }
        if half && previous == Some("a") && before_previous == Some("half") {
            first = i - 2;
        }
        if half && matches!(previous, Some("half" | "demi")) {
            first = i - 1;
        }
        // "une demi-douzaine", "un demi-million"
        if half && first > 0 && matches!(tokens[first - 1].folded.as_str(), "un" | "une" | "a") {
            first -= 1;
        }
        // Multiplier: "de milliers", "of thousands", "hundred thousand".
        let mut last = i;
        let mut multiplier = 1.0;
        let next = |k: usize| {
            tokens
                .get(k)
                .filter(|_| !used.get(k).copied().unwrap_or(true))
        };
        let of = next(i + 1)
            .is_some_and(|t| matches!(t.folded.trim_end_matches('\''), "de" | "d" | "of"));
        let scale_at = if of { i + 2 } else { i + 1 };
        if let Some(t) = next(scale_at)
            && let Some((m, _)) = counting_word(t, lang)
            && m >= 1000.0
            && (t.folded.ends_with('s') || !of)
        {
            multiplier = m;
            last = scale_at;
        }
        let value = if half && !approximate {
            // "half a million", "un demi-million": an exact figure.
            Some(Value::Exact(unit / 2.0 * multiplier))
        } else if half {
            Some(Value::About {
                about: unit / 2.0 * multiplier,
                low: None,
                high: None,
            })
        } else if approximate && singular_article && !plural_word {
            Some(Value::About {
                about: unit * multiplier,
                low: None,
                high: None,
            })
        } else if (plural_word
            && (plural_determiner || previous.is_none() || !approximate || unit == 12.0))
            || (plural_determiner && !singular_article && !approximate)
        {
            Some(Value::Between(
                2.0 * unit * multiplier,
                next_order(unit) * multiplier - 1.0,
            ))
        } else {
            None
        };
        match value {
            Some(value) => {
                found.push(Vague { first, last, value });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn vague(text: &str, lang: Lang) -> Vec<Value> {
        let tokens = tokenize(text);
        let used = vec![false; tokens.len()];
        find(&tokens, lang, &used)
            .into_iter()
            .map(|v| v.value)
            .collect()
    }

    fn about(v: f64) -> Value {
        Value::About {
            about: v,
            low: None,
            high: None,
        }
    }

    #[test]
    fn french_vague_words() {
        assert_eq!(
            vague("plusieurs centaines de combattants", Lang::Fr),
            [Value::Between(200.0, 999.0)]
        );
        assert_eq!(
            vague("des dizaines de morts", Lang::Fr),
            [Value::Between(20.0, 99.0)]
        );
        assert_eq!(
            vague("plusieurs dizaines de blessés", Lang::Fr),
            [Value::Between(20.0, 99.0)]
        );
        assert_eq!(
            vague("plusieurs milliers de personnes", Lang::Fr),
            [Value::Between(2000.0, 9999.0)]
        );
        assert_eq!(
            vague("des milliers de personnes", Lang::Fr),
            [Value::Between(2000.0, 9999.0)]
        );
        assert_eq!(vague("une vingtaine de morts", Lang::Fr), [about(20.0)]);
        assert_eq!(vague("une centaine de blessés", Lang::Fr), [about(100.0)]);
        assert_eq!(vague("un millier de réfugiés", Lang::Fr), [about(1000.0)]);
        assert_eq!(vague("une dizaine de villages", Lang::Fr), [about(10.0)]);
        assert_eq!(vague("une trentaine de soldats", Lang::Fr), [about(30.0)]);
        assert_eq!(
            vague("des dizaines de milliers de manifestants", Lang::Fr),
            [Value::Between(20_000.0, 99_999.0)]
        );
        assert_eq!(
            vague("des centaines de milliers de réfugiés", Lang::Fr),
            [Value::Between(200_000.0, 999_999.0)]
        );
        assert_eq!(
            vague("des millions de personnes", Lang::Fr),
            [Value::Between(2e6, 9_999_999.0)]
        );
        assert_eq!(
            vague("une centaine de milliers", Lang::Fr),
            [about(100_000.0)]
        );
        assert_eq!(vague("une quinzaine de jours", Lang::Fr), [about(15.0)]);
        assert_eq!(vague("une demi-douzaine de morts", Lang::Fr), [about(6.0)]);
        assert_eq!(
            vague("un demi-million de personnes", Lang::Fr),
            [Value::Exact(500_000.0)]
        );
        assert!(vague("en quarantaine", Lang::Fr).is_empty());
        assert!(vague("la semaine dernière", Lang::Fr).is_empty());
    }

    #[test]
    fn english_vague_words() {
        assert_eq!(
            vague("several hundred fighters", Lang::En),
            [Value::Between(200.0, 999.0)]
        );
        assert_eq!(
            vague("a few hundred fighters", Lang::En),
            [Value::Between(200.0, 999.0)]
        );
        assert_eq!(
            vague("hundreds of people", Lang::En),
            [Value::Between(200.0, 999.0)]
        );
        assert_eq!(
            vague("dozens of people", Lang::En),
            [Value::Between(24.0, 99.0)]
        );
        assert_eq!(
            vague("thousands of people", Lang::En),
            [Value::Between(2000.0, 9999.0)]
        );
        assert_eq!(
            vague("tens of thousands of people", Lang::En),
            [Value::Between(20_000.0, 99_999.0)]
        );
        assert_eq!(
            vague("several hundred thousand people", Lang::En),
            [Value::Between(200_000.0, 999_999.0)]
        );
        assert_eq!(vague("a dozen people", Lang::En), [about(12.0)]);
        assert_eq!(vague("half a dozen people", Lang::En), [about(6.0)]);
        assert_eq!(
            vague("half a million people", Lang::En),
            [Value::Exact(500_000.0)]
        );
        assert_eq!(
            vague("several thousand people", Lang::En),
            [Value::Between(2000.0, 9999.0)]
        );
        assert_eq!(
            vague("millions of people", Lang::En),
            [Value::Between(2e6, 9_999_999.0)]
        );
    }
}
