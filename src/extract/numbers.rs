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

use super::tokens::{Kind, Token};
use crate::words::{Lang, is_stop_word};
use std::borrow::Cow;
use std::sync::LazyLock;

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
pub struct Number {
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
pub fn scale_word(word: &str, lang: Lang) -> Option<f64> {
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

/// Months and weekdays, folded, French and English: a number next to one
/// is a date. ("may" and "march" count only when capitalized.)
const MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janv",
    "fev",
    "fevr",
    "avr",
    "juil",
];
const WEEKDAYS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn is_month(token: &Token) -> bool {
    token.kind == Kind::Word
        && MONTHS.contains(&token.folded.as_str())
        && (!matches!(token.folded.as_str(), "may" | "march" | "mars")
            || token.is_capitalized()
            || token.folded == "mars")
}

fn is_weekday(token: &Token) -> bool {
    token.kind == Kind::Word && WEEKDAYS.contains(&token.folded.as_str())
}

/// Words after which a four-digit number from 1000 to 2100 is a year
/// ("en 1789", "since 1999"); from 1900 on, a bare four-digit number is
/// a year anyway unless a count follows it.
const YEAR_CUES: &[&str] = &[
    "en",
    "depuis",
    "in",
    "since",
    "by",
    "until",
    "till",
    "before",
    "after",
    "during",
    "annee",
    "annees",
    "year",
    "years",
    "an",
    "fin",
    "debut",
    "mi",
    "vers",
    "circa",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "jusqu'en",
    "avant",
    "apres",
    "pendant",
    "durant",
];

/// Words that make the number after them an identifier: "article 5",
/// "page 3", "vol 17", "No. 10".
const IDENTIFIER_CUES: &[&str] = &[
    "article",
    "art",
    "chapitre",
    "chapter",
    "section",
    "page",
    "pages",
    "numero",
    "nr",
    "nrs",
    "route",
    "ligne",
    "line",
    "vol",
    "flight",
    "resolution",
    "version",
    "tome",
    "volume",
    "episode",
    "saison",
    "season",
    "room",
    "salle",
    "niveau",
    "level",
    "phase",
    "rue",
    "street",
    "avenue",
    "boulevard",
    "code",
    "bus",
    "lot",
    "paragraphe",
    "alinea",
    "decret",
    "loi",
];

/// Plural nouns that do not end in s or x.
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "personnel",
    "staff",
    "cattle",
    "persons",
];

/// Whether the word at `i` looks like a plural noun: a count follows.
fn is_plural_noun(tokens: &[Token], i: usize, lang: Lang) -> bool {
    tokens.get(i).is_some_and(|t| {
        t.kind == Kind::Word
            && !is_stop_word(&t.folded, lang)
            && (t.folded.ends_with('s')
                || t.folded.ends_with('x')
                || IRREGULAR_PLURALS.contains(&t.folded.as_str()))
    })
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
pub fn parse_digits(text: &str, lang: Lang) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !super::tokens::is_group_space(*c))
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
struct Suffix {
    last: usize,
    multiplier: f64,
    /// "et demi", "and a half" after the scale word.
    half: bool,
    percent: bool,
    unit: Option<String>,
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
fn half_after(tokens: &[Token], j: usize) -> usize {
    let words: Vec<&str> = tokens
        .iter()
        .skip(j)
        .take(3)
        .map(|t| t.folded.as_str())
        .collect();
    if words.starts_with(&["et", "demi"]) {
        2
    } else if words.starts_with(&["and", "a", "half"]) {
        3
    } else {
        0
    }
}

/// "dozen" and percent after a number's own tokens.
fn suffix_rest(tokens: &[Token], mut j: usize, mut suffix: Suffix) -> Suffix {
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

/// Every number in the sentence that could be a figure, in order.
/// `langs` lists the languages to read number words in, most likely first.
pub fn find(tokens: &[Token], langs: &[Lang]) -> Vec<Number> {
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

/// The digits at token `i`: the number they make, if it can be a figure,
/// and the last token they account for.
fn digits_at(tokens: &[Token], i: usize, lang: Lang, langs: &[Lang]) -> (Option<Number>, usize) {
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

/// Numbers written in words, read by `text2num` from the tokens left over.
fn written(tokens: &[Token], lang: Lang, used: &mut [bool]) -> Vec<Number> {
    let words: Vec<Word> = tokens
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
        .collect();
    let mut numbers = Vec::new();
    for found in text2num::find_numbers(words.iter(), interpreter(lang), 0.0) {
        let (mut first, last) = (found.start, found.end.saturating_sub(1));
        if found.is_ordinal || last < first || last >= tokens.len() {
            continue;
        }
        // text2num reads on past a scale word taken by the number before
        // ("one point two hundred thirty-six"): such a number is not new.
        if used[first..=last].iter().any(|&u| u) {
            continue;
        }
        let span = &tokens[first..=last];
        // "minus five", "négatif un": a sign in words.
        let negative = first > 0 && is_minus_word(&tokens[first - 1]);
        // A lone "un", "une", "one" is an article or a pronoun ("one
        // trillion" is not lone).
        let scaled_after = tokens
            .get(last + 1)
            .is_some_and(|t| t.kind == Kind::Word && scale_word(t.text, lang).is_some());
        if found.value == 1.0 && span.len() == 1 && !negative && !scaled_after {
            continue;
        }
        // A lone "o" is a letter, not a spoken zero.
        if span.len() == 1 && span[0].folded == "o" {
            continue;
        }
        // "un logement neuf": the adjective (new), unless a count follows.
        if span.len() == 1 && span[0].folded == "neuf" && !is_plural_noun(tokens, last + 1, lang) {
            continue;
        }
        // A scale word without a number before it is a vague quantity
        // ("hundreds of people", "des millions", "several hundred
        // thousand"), read by `vague`; but "cent morts", "mille
        // personnes" and "a hundred" are numbers.
        let previous = first.checked_sub(1).map(|k| tokens[k].folded.as_str());
        if scale_word(span[0].text, lang).is_some() {
            let lone = span.len() == 1;
            let plural = span[0].folded.ends_with('s');
            let after_article = matches!(previous, Some("a" | "an"));
            let after_vague = matches!(
                previous,
                Some(
                    "several"
                        | "few"
                        | "many"
                        | "some"
                        | "plusieurs"
                        | "quelques"
                        | "des"
                        | "numerous"
                )
            );
            if after_vague
                || (lone && (plural || found.value >= 1e6 || (lang == Lang::En && !after_article)))
            {
                continue;
            }
        }
        // text2num turns "dix" in "dix-sept" into 17 but reads a word that
        // merely contains a number word part only when it is one; guard
        // against spans that start inside a name ("Hajar al-…").
        if span
            .iter()
            .any(|t| t.kind != Kind::Word && t.kind != Kind::Punct)
        {
            continue;
        }
        // "a hundred", "a thousand": the article belongs to the number.
        if first > 0 && matches!(tokens[first - 1].folded.as_str(), "a" | "an") && lang == Lang::En
        {
            first -= 1;
        }
        let Some(suffix) = suffix_rest_after_words(tokens, last, lang, found.value) else {
            continue;
        };
        if negative {
            first -= 1;
        }
        for u in used.iter_mut().take(suffix.last + 1).skip(first) {
            *u = true;
        }
        let sign = if negative { -1.0 } else { 1.0 };
        let scale = if suffix.multiplier > 1.0 {
            suffix.multiplier
        } else {
            scale_word(tokens[last].text, lang).unwrap_or(1.0)
        };
        let half = if suffix.half { 0.5 * scale } else { 0.0 };
        numbers.push(Number {
            first,
            last: suffix.last,
            value: sign * (found.value * suffix.multiplier + half),
            scale: suffix.multiplier,
            percent: suffix.percent,
            unit: suffix.unit,
            bare: false,
        });
    }
    numbers
}

/// "minus", "negative", "négatif": a sign written as a word.
fn is_minus_word(token: &Token) -> bool {
    matches!(token.folded.as_str(), "minus" | "negative" | "negatif")
}

fn suffix_rest_after_words(
    tokens: &[Token],
    last: usize,
    lang: Lang,
    value: f64,
) -> Option<Suffix> {
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

/// Whether a number found is a year, a date, a time, an identifier or
/// part of a name rather than a figure.
fn is_not_a_figure(tokens: &[Token], n: &Number, lang: Lang) -> bool {
    let before = |k: usize| n.first.checked_sub(k).and_then(|i| tokens.get(i));
    let after = |k: usize| tokens.get(n.last + k);
    let word_before = |k: usize| {
        before(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded.as_str())
    };
    let word_after = |k: usize| {
        after(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded.as_str())
    };

    // Dates: next to a month or after a weekday ("19 mars", "March 19",
    // "lundi 19"), and days written "le 1er" are ordinals already.
    let small_integer = n.bare && (1.0..=31.0).contains(&n.value);
    if small_integer
        && (before(1).is_some_and(is_month)
            || after(1).is_some_and(is_month)
            || before(1).is_some_and(is_weekday)
            || (word_after(1) == Some("of") && after(2).is_some_and(is_month)))
    {
        return true;
    }
    // Times: "10 h 30", "15 heures" after "à"/"at", "5 o'clock", "3 p.m.".
    if n.value.fract() == 0.0
        && (0.0..=24.0).contains(&n.value)
        && matches!(word_after(1), Some("o'clock"))
    {
        return true;
    }
    if n.bare
        && (matches!(
            word_after(1),
            Some("h" | "o'clock" | "gmt" | "utc" | "am" | "pm")
        ) || (word_before(1) == Some("h") && before(2).is_some_and(|t| t.kind == Kind::Digits))
            || (word_after(1) == Some("p") || word_after(1) == Some("a"))
                && after(2).is_some_and(|t| t.is_punct(&['.']))
                && word_after(3) == Some("m")
            || (matches!(word_before(1), Some("a" | "at" | "vers"))
                && matches!(word_after(1), Some("heures" | "heure" | "hours"))))
    {
        return true;
    }
    // Years: a bare four-digit number in the range of years.
    if n.bare && (1000.0..=2100.0).contains(&n.value) && tokens[n.first].text.len() == 4 {
        let cue = word_before(1).is_some_and(|w| YEAR_CUES.contains(&w))
            || before(1).is_some_and(is_month)
            || (before(1).is_some_and(|t| t.folded == "l'")
                && word_before(2).is_none()
                && tokens
                    .get(n.first.wrapping_sub(1))
                    .is_some_and(|t| t.folded == "l'"));
        let qualified = word_before(1).is_some_and(|w| {
            matches!(
                w,
                "plus"
                    | "moins"
                    | "than"
                    | "least"
                    | "environ"
                    | "about"
                    | "some"
                    | "nearly"
                    | "over"
                    | "under"
                    | "pres"
                    | "quelque"
                    | "jusqu'"
            )
        });
        let count_follows = is_plural_noun(tokens, n.last + 1, lang);
        let recent = (1900.0..=2100.0).contains(&n.value);
        if !count_follows && !qualified && (cue || recent) {
            return true;
        }
        // A span of years: "de 2011 à 2014", "2014-2015".
        if cue && count_follows {
            return false;
        }
    }
    // Identifiers: "article 5", "page 3", "No. 10", "n° 3", "#1".
    if word_before(1).is_some_and(|w| IDENTIFIER_CUES.contains(&w))
        || before(1).is_some_and(|t| t.is_punct(&['#', '№', '°']))
        || (before(1).is_some_and(|t| t.is_punct(&['.']))
            && matches!(word_before(2), Some("no" | "n" | "nr" | "nrs" | "art")))
    {
        return true;
    }
    // Names: a bare number after a capitalized word inside the sentence
    // ("Boeing 737", "Apollo 11", "Windows 10"), with no count after it.
    if n.bare
        && n.first >= 2
        && before(1).is_some_and(|t| {
            t.is_capitalized() && !is_month(t) && !is_weekday(t) && !is_stop_word(&t.folded, lang)
        })
        && before(2).is_some_and(|t| !t.is_punct(&['.', '!', '?', '"', '«', '“', ':', '(']))
        && !is_plural_noun(tokens, n.last + 1, lang)
    {
        return true;
    }
    false
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
}
