//! Numbers in digits: French and English separators ("350.000",
//! "350 000", "350,000"), a sign, a currency, and what follows the digits
//! (a suffix such as "10k", a scale word such as "3 millions", "et demi",
//! a percent sign, a glued unit). Dates, times and phone numbers glued
//! with `/ : - .` are not figures and are skipped whole.

use super::super::tokens::{Kind, Token};
use super::{Number, is_minus_word, scale_word};
use crate::words::Lang;

/// Multipliers written as abbreviations right after digits ("10k", "2.5bn",
/// "10M"). Lowercase "m" is a metre, not a million; "G" glued to a digit is
/// a name in the news (5G, 4G), not giga.
fn suffix_multiplier(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "k" | "K" => 1e3,
        "M" | "MM" | "mn" | "mln" | "mil" | "Mn" => 1e6,
        "bn" | "b" | "B" | "bln" | "Bn" => 1e9,
        "tn" | "tln" | "T" => 1e12,
        _ => return None,
    })
}

/// Ordinal endings glued to digits: 1st, 2nd, 3rd, 4th; 1er, 1re, 2e, 2ème.
fn is_ordinal_suffix(folded: &str) -> bool {
    matches!(
        folded,
        "st" | "nd"
            | "rd"
            | "th"
            | "e"
            | "er"
            | "re"
            | "ere"
            | "eme"
            | "emes"
            | "es"
            | "d"
            | "de"
            | "nde"
            | "ers"
    )
}

/// The value of digits written with French or English separators.
///
/// With both `.` and `,`, the last one is the decimal mark. With one kind
/// repeated, it groups thousands ("1,234,567", "3.000.000"). One separator
/// followed by exactly three digits is the ambiguous case: in English a
/// comma groups ("350,000") and a dot is decimal ("4.800" = 4.8); in French
/// a dot groups ("350.000", AFP style) and a comma is decimal ("4,800" =
/// 4.8). Any other single separator is decimal ("1,5", "3.5"). Spaces are
/// group separators (the tokenizer only joins groups of three).
fn parse_digits(text: &str, lang: Lang) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !super::super::tokens::is_group_space(*c))
        .collect();
    let separators: Vec<(usize, char)> = compact
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let groups: Vec<&str> = compact.split(['.', ',']).collect();
    let plain = |s: &str| s.parse::<f64>().ok();
    let Some(&(_, last_sep)) = separators.last() else {
        return plain(&compact);
    };
    let kinds_used = (
        separators.iter().any(|s| s.1 == '.'),
        separators.iter().any(|s| s.1 == ','),
    );
    let thousands = |gs: &[&str]| {
        gs.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && gs.iter().skip(1).all(|g| g.len() == 3)
    };
    if kinds_used.0 && kinds_used.1 {
        // "1.111,11", "1,111.11": the last mark is decimal, the others group.
        let (int, frac) = compact.rsplit_once(last_sep)?;
        let int_groups: Vec<&str> = int.split(['.', ',']).collect();
        if int.contains(last_sep) || !thousands(&int_groups) {
            return None;
        }
        return plain(&format!("{}.{frac}", int_groups.concat()));
    }
    if separators.len() > 1 {
        return thousands(&groups)
            .then(|| plain(&groups.concat()))
            .flatten();
    }
    let (int, frac) = (groups[0], groups.get(1).copied().unwrap_or(""));
    let groups_thousands = frac.len() == 3
        && !int.is_empty()
        && int != "0"
        && match (lang, last_sep) {
            (Lang::En, ',') | (Lang::Fr, '.') => true,
            (Lang::En, _) | (Lang::Fr, _) => false,
        };
    if groups_thousands {
        plain(&format!("{int}{frac}"))
    } else {
        plain(&format!(
            "{}.{frac}",
            if int.is_empty() { "0" } else { int }
        ))
    }
}

/// What the tokens after a number say about it.
pub(super) struct Suffix {
    pub(super) last: usize,
    pub(super) multiplier: f64,
    /// "et demi", "and a half" after the scale word.
    pub(super) half: bool,
    pub(super) percent: bool,
    pub(super) unit: Option<String>,
}

fn currency(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "$" => "dollars",
        "€" => "euros",
        "£" => "pounds",
        "¥" => "yen",
        _ => return None,
    })
}

/// Percent signs and words right after token `j - 1`: `%`, "percent",
/// "per cent", "pour cent", "pourcent", "pour-cent"; "percentage points"
/// and "points de pourcentage" are a unit of their own.
fn percent_after(tokens: &[Token], j: usize) -> Option<(usize, bool)> {
    let word = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded.as_str())
    };
    let t = tokens.get(j)?;
    if t.is_punct(&['%', '\u{066A}']) {
        return Some((j, true));
    }
    match word(j)? {
        "percentage" if word(j + 1).is_some_and(|w| w.starts_with("point")) => Some((j + 1, false)),
        "points" | "point"
            if word(j + 1) == Some("de")
                && word(j + 2).is_some_and(|w| w.starts_with("pourcentage")) =>
        {
            Some((j + 2, false))
        }
        "percent" | "percents" | "pourcent" | "pourcents" | "pour-cent" | "pct" | "percentage"
        | "pourcentage" | "pourcentages" | "percentages" => Some((j, true)),
        "per" | "pour" if word(j + 1) == Some("cent") => Some((j + 1, true)),
        _ => None,
    }
}

/// Reads what follows digits ending at token `i`: glued suffixes, scale
/// words, "dozen", percent and currency. `None` when the suffix makes the
/// digits something other than a figure (an ordinal, a time).
fn suffix_after(tokens: &[Token], i: usize, langs: &[Lang]) -> Option<Suffix> {
    let mut suffix = Suffix {
        last: i,
        multiplier: 1.0,
        half: false,
        percent: false,
        unit: None,
    };
    let mut j = i + 1;
    if let Some(t) = tokens
        .get(j)
        .filter(|t| !t.space_before && t.kind == Kind::Word)
    {
        if is_ordinal_suffix(&t.folded) {
            return None;
        }
        if t.folded == "h"
            || t.folded == "pm"
            || t.folded == "am"
            || (t.folded.starts_with('h') && t.folded[1..].chars().all(|c| c.is_ascii_digit()))
        {
            return None; // 10h30, 15h, 3pm
        }
        if let Some(m) = suffix_multiplier(t.text) {
            suffix.multiplier = m;
        } else if let Some(m) = langs.iter().find_map(|&l| scale_word(t.text, l)) {
            suffix.multiplier = m; // "2millions"
        } else if t.text.chars().count() == 1 && t.text.chars().all(char::is_uppercase) {
            return None; // 3D, 5G: names
        } else {
            suffix.unit = Some(t.text.to_string()); // 29km, 180ml
        }
        suffix.last = j;
        j += 1;
    } else if let Some(t) = tokens
        .get(j)
        .filter(|t| t.space_before && t.kind == Kind::Word)
    {
        let end_of_phrase = tokens.get(j + 1).is_none_or(|n| n.kind == Kind::Punct);
        // "2 and a half million": the half comes before the scale word.
        let half = half_after(tokens, j);
        let scale_past_half = (half > 0)
            .then(|| tokens.get(j + half))
            .flatten()
            .filter(|t| t.kind == Kind::Word)
            .and_then(|t| langs.iter().find_map(|&l| scale_word(t.text, l)))
            .filter(|&m| m >= 1e3);
        if let Some(m) = scale_past_half {
            suffix.multiplier = m;
            suffix.half = true;
            suffix.last = j + half;
            return Some(suffix_rest(tokens, j + half + 1, suffix));
        }
        if let Some(m) = langs.iter().find_map(|&l| scale_word(t.text, l)) {
            suffix.multiplier = m;
            suffix.last = j;
            j += 1;
        } else if let Some(m) = suffix_multiplier(t.text)
            .filter(|_| t.text.len() > 1 || end_of_phrase)
            .filter(|_| t.text != "b" && t.text != "T")
        {
            suffix.multiplier = m; // "2.33 k", "10 bln"
            suffix.last = j;
            j += 1;
        }
    }
    // "3 millions et demi", "3 million and a half"
    if suffix.multiplier >= 1e3 {
        let half = half_after(tokens, j);
        if half > 0 {
            suffix.half = true;
            suffix.last = j + half - 1;
            j += half;
        }
    }
    Some(suffix_rest(tokens, j, suffix))
}

/// How many tokens at `j` say "and a half" ("et demi", "and a half").
pub(super) fn half_after(tokens: &[Token], j: usize) -> usize {
    let words: Vec<&str> = tokens
        .iter()
        .skip(j)
        .take(3)
        .map(|t| t.folded.as_str())
        .collect();
    if words.starts_with(&["et", "demi"]) {
        2
    } else if words.starts_with(&["and", "a", "half"]) || words.starts_with(&["and", "one", "half"])
    {
        3
    } else {
        0
    }
}

/// "dozen" and percent after a number's own tokens.
pub(super) fn suffix_rest(tokens: &[Token], mut j: usize, mut suffix: Suffix) -> Suffix {
    if let Some(t) = tokens.get(j).filter(|t| t.kind == Kind::Word)
        && matches!(
            t.folded.as_str(),
            "dozen" | "dozens" | "douzaine" | "douzaines" | "dzs" | "dozs"
        )
    {
        suffix.multiplier *= 12.0;
        suffix.last = j;
        j += 1;
    }
    if let Some((last, percent)) = percent_after(tokens, j) {
        suffix.last = last;
        if percent {
            suffix.percent = true;
        } else {
            suffix.unit = Some("percentage points".to_string());
        }
        j = last + 1;
    }
    if suffix.unit.is_none()
        && let Some(t) = tokens.get(j).filter(|t| t.kind == Kind::Punct)
        && let Some(c) = currency(t.text)
    {
        suffix.unit = Some(c.to_string());
        suffix.last = j;
    }
    suffix
}

/// The digits at token `i`: the number they make, if it can be a figure,
/// and the last token they account for.
pub(super) fn digits_at(
    tokens: &[Token],
    i: usize,
    lang: Lang,
    langs: &[Lang],
) -> (Option<Number>, usize) {
    let glued = |k: usize| tokens.get(k).is_some_and(|t| !t.space_before);
    let punct_at = |k: usize, chars: &[char]| tokens.get(k).is_some_and(|t| t.is_punct(chars));
    // Chains glued by / : - make dates, times, fractions, phone numbers:
    // 17/05/2018, 10:30, 3/4, 2018-03-21, +1-222-2222.
    let mut end = i;
    let mut separators = Vec::new();
    while punct_at(end + 1, &['/', ':', '-', '.'])
        && glued(end + 1)
        && glued(end + 2)
        && tokens.get(end + 2).is_some_and(|t| t.kind == Kind::Digits)
    {
        separators.push(tokens[end + 1].text);
        end += 2;
    }
    let after_plus = i > 0 && punct_at(i - 1, &['+']) && glued(i);
    let preceded_by_word = i > 0 && glued(i) && tokens[i - 1].kind == Kind::Word;
    if after_plus
        || preceded_by_word
        || separators.iter().any(|s| *s != "-")
        || separators.len() > 1
    {
        return (None, end);
    }
    if separators.len() == 1 {
        // "2018-03", "2014-15": a date or a span of years; other "A-B" are
        // ranges, read by the qualifier stage from two numbers.
        let (a, b) = (tokens[i].text, tokens[end].text);
        let year_like =
            |s: &str| s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y));
        if year_like(a) && (year_like(b) || b.len() == 2) {
            return (None, end);
        }
        end = i; // read the first number alone; the second comes next
    }
    let Some(mut value) = parse_digits(tokens[i].text, lang) else {
        return (None, end);
    };
    let mut first = i;
    // A sign glued to the digits, itself after a space: "-9.23", "−5".
    if i > 0
        && punct_at(i - 1, &['-', '\u{2212}'])
        && glued(i)
        && (i == 1 || tokens[i - 1].space_before || tokens[i - 2].kind == Kind::Punct)
    {
        value = -value;
        first = i - 1;
    }
    if first == i && i > 0 && is_minus_word(&tokens[i - 1]) {
        value = -value;
        first = i - 1;
    }
    let mut unit = None;
    if first > 0
        && let Some(c) = currency(tokens[first - 1].text)
    {
        unit = Some(c.to_string());
        first -= 1;
    }
    let Some(suffix) = suffix_after(tokens, i, langs) else {
        return (None, end.max(i + 1));
    };
    let multiplier = suffix.multiplier;
    let bare = first == i
        && suffix.last == i
        && unit.is_none()
        && tokens[i].text.chars().all(|c| c.is_ascii_digit());
    let value = if suffix.half {
        (value + 0.5) * multiplier
    } else {
        value * multiplier
    };
    let number = Number {
        first,
        last: suffix.last,
        value,
        scale: multiplier,
        percent: suffix.percent,
        unit: suffix.unit.or(unit),
        bare,
    };
    let last = number.last;
    (Some(number), end.max(last))
}
