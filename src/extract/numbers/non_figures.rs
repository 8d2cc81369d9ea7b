//! Numbers that are not figures: years, dates, times, identifiers and
//! names ("depuis 2011", "lundi 19 mars", "à 10h30", "article 5",
//! "Boeing 737").

use super::super::tokens::{Kind, Token};
use super::Number;
use crate::words::{Lang, is_stop_word};

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

pub(super) fn is_month(token: &Token) -> bool {
    token.kind == Kind::Word
        && MONTHS.contains(&token.folded.as_str())
        && (!matches!(token.folded.as_str(), "may" | "march" | "mars")
            || token.is_capitalized()
            || token.folded == "mars")
}

pub(super) fn is_weekday(token: &Token) -> bool {
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
pub(super) fn is_plural_noun(tokens: &[Token], i: usize, lang: Lang) -> bool {
    tokens.get(i).is_some_and(|t| {
        t.kind == Kind::Word
            && !is_stop_word(&t.folded, lang)
            && (t.folded.ends_with('s')
                || t.folded.ends_with('x')
                || IRREGULAR_PLURALS.contains(&t.folded.as_str()))
    })
}

/// Whether a number found is a year, a date, a time, an identifier or
/// part of a name rather than a figure.
pub(super) fn is_not_a_figure(tokens: &[Token], n: &Number, lang: Lang) -> bool {
    let around = Around { tokens, n };
    if around.is_date() || around.is_time() {
        return true;
    }
    if let Some(year) = around.year(lang) {
        return year;
    }
    around.is_identifier() || around.is_name(lang)
}

/// A number and the tokens around it.
struct Around<'t, 'a> {
    tokens: &'t [Token<'a>],
    n: &'t Number,
}

impl<'t, 'a> Around<'t, 'a> {
    /// The `k`-th token before the number.
    fn before(&self, k: usize) -> Option<&'t Token<'a>> {
        self.n.first.checked_sub(k).and_then(|i| self.tokens.get(i))
    }

    /// The `k`-th token after the number.
    fn after(&self, k: usize) -> Option<&'t Token<'a>> {
        self.tokens.get(self.n.last + k)
    }

    /// The `k`-th token before the number, folded, if it is a word.
    fn word_before(&self, k: usize) -> Option<&'t str> {
        self.before(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded.as_str())
    }

    /// The `k`-th token after the number, folded, if it is a word.
    fn word_after(&self, k: usize) -> Option<&'t str> {
        self.after(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.folded.as_str())
    }

    /// Dates: next to a month or after a weekday ("19 mars", "March 19",
    /// "lundi 19"); days written "le 1er" are ordinals already.
    fn is_date(&self) -> bool {
        let small_integer = self.n.bare && (1.0..=31.0).contains(&self.n.value);
        small_integer
            && (self.before(1).is_some_and(is_month)
                || self.after(1).is_some_and(is_month)
                || self.before(1).is_some_and(is_weekday)
                || (self.word_after(1) == Some("of") && self.after(2).is_some_and(is_month)))
    }

    /// Times: "10 h 30", "15 heures" after "à"/"at", "5 o'clock", "3 p.m.".
    fn is_time(&self) -> bool {
        let n = self.n;
        if n.value.fract() == 0.0
            && (0.0..=24.0).contains(&n.value)
            && matches!(self.word_after(1), Some("o'clock"))
        {
            return true;
        }
        n.bare
            && (matches!(
                self.word_after(1),
                Some("h" | "o'clock" | "gmt" | "utc" | "am" | "pm")
            ) || (self.word_before(1) == Some("h")
                && self.before(2).is_some_and(|t| t.kind == Kind::Digits))
                || (self.word_after(1) == Some("p") || self.word_after(1) == Some("a"))
                    && self.after(2).is_some_and(|t| t.is_punct(&['.']))
                    && self.word_after(3) == Some("m")
                || (matches!(self.word_before(1), Some("a" | "at" | "vers"))
                    && matches!(self.word_after(1), Some("heures" | "heure" | "hours"))))
    }

    /// Years: a bare four-digit number in the range of years, after a cue
    /// or recent, unless a count follows or a qualifier comes before
    /// (`Some(true)`); after a cue with a count following, a figure, and
    /// no later rule asked (`Some(false)`); otherwise for the later rules
    /// to say (`None`).
    fn year(&self, lang: Lang) -> Option<bool> {
        let (tokens, n) = (self.tokens, self.n);
        if !(n.bare && (1000.0..=2100.0).contains(&n.value) && tokens[n.first].text.len() == 4) {
            return None;
        }
        let cue = self.word_before(1).is_some_and(|w| YEAR_CUES.contains(&w))
            || self.before(1).is_some_and(is_month)
            || (self.before(1).is_some_and(|t| t.folded == "l'")
                && self.word_before(2).is_none()
                && tokens
                    .get(n.first.wrapping_sub(1))
                    .is_some_and(|t| t.folded == "l'"));
        let qualified = self.word_before(1).is_some_and(|w| {
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
            return Some(true);
        }
        // A span of years: "de 2011 à 2014", "2014-2015".
        (cue && count_follows).then_some(false)
    }

    /// Identifiers: "article 5", "page 3", "No. 10", "n° 3", "#1".
    fn is_identifier(&self) -> bool {
        self.word_before(1)
            .is_some_and(|w| IDENTIFIER_CUES.contains(&w))
            || self.before(1).is_some_and(|t| t.is_punct(&['#', '№', '°']))
            || (self.before(1).is_some_and(|t| t.is_punct(&['.']))
                && matches!(self.word_before(2), Some("no" | "n" | "nr" | "nrs" | "art")))
    }

    /// Names: a bare number after a capitalized word inside the sentence
    /// ("Boeing 737", "Apollo 11", "Windows 10"), with no count after it.
    fn is_name(&self, lang: Lang) -> bool {
        let n = self.n;
        n.bare
            && n.first >= 2
            && self.before(1).is_some_and(|t| {
                t.is_capitalized()
                    && !is_month(t)
                    && !is_weekday(t)
                    && !is_stop_word(&t.folded, lang)
            })
            && self
                .before(2)
                .is_some_and(|t| !t.is_punct(&['.', '!', '?', '"', '«', '“', ':', '(']))
            && !is_plural_noun(self.tokens, n.last + 1, lang)
    }
}
