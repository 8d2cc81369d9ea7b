//! Reading figures out of French or English news text (DESIGN §6).
//!
//! Fact-checkers start from articles, not YAML. [`extract`] reads an
//! article and returns every checkable figure in it — its value in the
//! forms of DESIGN §1, its unit or head noun, the words that state it and
//! its sentence — with who it is credited to. `parse_claim` does the same
//! for one sentence, which is what `check` needs for a claim given as free
//! text. Computing never prints: the command renders what is returned.
//!
//! The pipeline, per sentence (`sentences`):
//!
//! 1. `tokens`: words, digit groups, punctuation, with byte spans;
//! 2. `numbers`: numbers in digits and in words (`text2num`), with
//!    scale words, percent and currency; years, dates, times, ordinals,
//!    names and identifiers dropped;
//! 3. `shares`: shares and counts in words ("la moitié", "one in five",
//!    "un seul"), read before the numbers they hold; `vague`: vague
//!    quantities ("plusieurs centaines", "dozens");
//! 4. `qualifiers`: bounds and approximations ("au moins", "up to"),
//!    ranges ("entre 50 et 70"), facing bounds joined into a range;
//! 5. the head noun after the figure ("combattants prorégime", "people");
//! 6. `attribution`: source, relay and speaker of the sentence;
//! 7. `paragraphs`: a credit given once for a paragraph reaches the
//!    figures of a neighbouring sentence that names nobody.
//!
//! A sentence that credits a source but holds no figure ("al-Watan
//! rapporte que les djihadistes ont seulement pris plusieurs bâtiments")
//! is returned too, as a [`Figure`] whose value is [`Value::Unstated`]: a
//! statement a reviewer may keep as a text-only claim.

pub mod about;
pub(crate) mod attribution;
pub(crate) mod mentions;
pub(crate) mod numbers;
pub(crate) mod paragraphs;
pub mod proposal;
pub(crate) mod qualifiers;
pub(crate) mod sentences;
pub(crate) mod shares;
pub(crate) mod tokens;
pub(crate) mod vague;

pub use mentions::SourceMatcher;

use crate::value::Value;
use crate::words::{Lang, guess_language, is_stop_word};
use qualifiers::Bound;
use tokens::{Kind, Token};

/// A figure found in text, or a credited statement without one.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The sentence it was found in.
    pub sentence: String,
    /// The figure's own words with its qualifier and noun
    /// ("au moins 62 combattants prorégime"); for a statement without a
    /// figure, the quoted words or the sentence.
    pub quote: String,
    /// Its value in the forms of DESIGN §1; `Unstated` for a statement.
    pub value: Value,
    /// A unit written with the figure: "percent", "percentage points", a
    /// currency ("dollars"), a glued unit ("km").
    pub unit: Option<String>,
    /// The noun the figure counts ("combattants prorégime", "people").
    pub noun: Option<String>,
    /// The qualifying words as written ("au moins", "up to").
    pub qualifier: Option<String>,
    /// The store source it is credited to.
    pub source: Option<String>,
    /// The words that credit it ("l'Observatoire", "the ministry").
    pub credited_to: Option<String>,
    /// A person named as saying it.
    pub said_by: Option<String>,
    /// The store sources that relayed it, from the first relay to the
    /// last ("selon l'OCHA, qui cite le Croissant-Rouge": `[ocha]`; "à
    /// l'AFP": `[afp]`).
    pub via: Vec<String>,
    /// The language of the sentence, if it could be told.
    pub lang: Option<Lang>,
    /// A projection, not a count ("could climb to 20,000", "pourrait
    /// atteindre", "feared dead"): never to be compared as a toll.
    pub projection: bool,
    /// The figure its sentence denies ("Il n'y a pas 200 morts"): the
    /// figure is kept here, and `value` is `Unstated`, so that a denial is
    /// never read as its speaker's toll.
    pub denied: Option<Value>,
}

impl Figure {
    /// The unit if one is written, else the noun counted: what DESIGN §7
    /// calls the figure's `unit`.
    pub(crate) fn unit_or_noun(&self) -> Option<&str> {
        self.unit.as_deref().or(self.noun.as_deref())
    }

    /// Whether it was written as a percentage.
    pub fn is_percent(&self) -> bool {
        self.unit.as_deref() == Some("percent")
    }
}

/// The figures and credited statements of an article, in reading order.
/// The language is guessed from the whole text.
pub fn extract(text: &str, sources: &SourceMatcher) -> Vec<Figure> {
    extract_in(text, sources, None)
}

/// As [`extract`], in a language given or, if `None`, guessed.
pub fn extract_in(text: &str, sources: &SourceMatcher, lang: Option<Lang>) -> Vec<Figure> {
    let guessed = lang.or_else(|| guess_language(text));
    let reading = guessed.unwrap_or(Lang::En);
    let body = &text[header_end(text)..];
    // Who spoke last: what "a-t-il ajouté" refers to.
    let mut speaker: Option<attribution::Attribution> = None;
    let mut said = Vec::new();
    let (mut paragraph, mut end) = (0, 0);
    for (a, b) in sentences::split(body) {
        if body[end..a].contains('\n') {
            paragraph += 1;
        }
        end = b;
        let (figures, reading) =
            in_sentence(&body[a..b], sources, reading, guessed, speaker.as_ref());
        if reading.speaker.is_some() {
            speaker = reading.speaker;
        }
        said.push(paragraphs::Said {
            paragraph,
            names_source: reading.names_source,
            sole: reading.sole,
            lendable: if figures.len() == reading.lendable.len() {
                reading.lendable
            } else {
                vec![false; figures.len()]
            },
            figures,
        });
    }
    paragraphs::lend(&mut said);
    said.into_iter().flat_map(|s| s.figures).collect()
}

/// The claim a single sentence makes: its first figure, or, if it has none
/// but credits a source, the statement itself. For `check`'s free text.
pub(crate) fn parse_claim(sentence: &str, sources: &SourceMatcher) -> Option<Figure> {
    let guessed = guess_language(sentence);
    let (figures, _reading) = in_sentence(
        sentence.trim(),
        sources,
        guessed.unwrap_or(Lang::En),
        guessed,
        None,
    );
    // A count before a denial or a projection ("could climb to").
    let first = figures
        .iter()
        .position(|f| f.denied.is_none() && !f.projection)
        .unwrap_or(0);
    figures.into_iter().nth(first)
}

/// The date of a text that starts with a `date YYYY[-MM[-DD]]` line, as
/// the seed articles do.
pub fn header_date(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix("date ")?;
    let date = rest.split_whitespace().next()?;
    crate::date::ClaimDate::parse(date).is_ok().then_some(date)
}

/// Where the body starts, past a `date …` header.
fn header_end(text: &str) -> usize {
    match header_date(text) {
        Some(date) => text.find(date).map_or(0, |i| i + date.len()),
        None => 0,
    }
}

/// A figure being assembled: token spans and value.
#[derive(Debug, Clone)]
struct Found {
    /// Where the quote starts (a qualifier or the number).
    start: usize,
    first: usize,
    last: usize,
    /// Where the quote ends (the noun or a trailing qualifier).
    end: usize,
    value: Value,
    percent: bool,
    unit: Option<String>,
    scale: f64,
    qualifier: Option<(usize, usize)>,
    noun: Option<(usize, usize)>,
}

fn span<'a>(sentence: &'a str, tokens: &[Token], first: usize, last: usize) -> &'a str {
    match (tokens.get(first), tokens.get(last)) {
        (Some(a), Some(b)) if a.start <= b.end => sentence.get(a.start..b.end).unwrap_or(""),
        _ => "",
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    }
}

/// Figures of one sentence; a credited sentence without figures yields a
/// text-only statement. Also returns how the sentence credits (who speaks
/// in it, for the next one; whom it names, for its paragraph).
fn in_sentence(
    sentence: &str,
    sources: &SourceMatcher,
    lang: Lang,
    guessed: Option<Lang>,
    previous: Option<&attribution::Attribution>,
) -> (Vec<Figure>, attribution::Reading) {
    let tokens = tokens::tokenize(sentence);
    let mentions = sources.find(&tokens);
    // A number inside a source's name ("Outlet 12", "France 24") is not a figure.
    let found: Vec<Found> = figures(&tokens, lang)
        .into_iter()
        .filter(|f| {
            !mentions
                .iter()
                .any(|m| f.first >= m.first && f.last <= m.last)
        })
        .collect();
    let items: Vec<attribution::Item> = found
        .iter()
        .map(|f| attribution::Item {
            first: f.start,
            last: f.end,
            start: f.start,
            number_last: f.last,
        })
        .collect();
    let reading = attribution::attribute_among(sentence, &tokens, mentions, &items, previous);
    let make = |quote: String, value: Value, credit: &attribution::Attribution| Figure {
        sentence: sentence.to_string(),
        quote,
        value,
        unit: None,
        noun: None,
        qualifier: None,
        source: credit.source.clone(),
        credited_to: credit.credited_to.clone(),
        said_by: credit.said_by.clone(),
        via: credit.via.clone(),
        lang: guessed,
        projection: false,
        denied: None,
    };
    if found.is_empty() {
        let statement = if reading.sentence.is_credited() {
            vec![make(
                quoted_words(sentence).unwrap_or(sentence).to_string(),
                Value::Unstated,
                &reading.sentence,
            )]
        } else {
            Vec::new()
        };
        return (statement, reading);
    }
    let figures = found
        .into_iter()
        .zip(reading.figures.iter().zip(&reading.stances))
        .map(|(f, (credit, stance))| {
            let value = match f.value {
                // "could climb to 20,000": at most what is feared.
                Value::Exact(v) if stance.upper_bound => Value::AtMost(v),
                v => v,
            };
            let (value, denied) = if stance.denied {
                (Value::Unstated, Some(value))
            } else {
                (value, None)
            };
            Figure {
                unit: if f.percent {
                    Some("percent".to_string())
                } else {
                    f.unit.clone()
                },
                noun: f
                    .noun
                    .map(|(a, b)| span(sentence, &tokens, a, b).to_string()),
                qualifier: f
                    .qualifier
                    .map(|(a, b)| span(sentence, &tokens, a, b).to_string()),
                projection: stance.projection,
                denied,
                ..make(
                    span(sentence, &tokens, f.start, f.end).to_string(),
                    value,
                    credit,
                )
            }
        })
        .collect();
    (figures, reading)
}

/// The words between the first pair of quotation marks, if any.
fn quoted_words(sentence: &str) -> Option<&str> {
    for (open, close) in [('«', '»'), ('“', '”'), ('"', '"')] {
        if let Some(a) = sentence.find(open) {
            let inner = a + open.len_utf8();
            if let Some(b) = sentence[inner..].find(close) {
                let quoted = sentence[inner..inner + b].trim();
                if !quoted.is_empty() {
                    return Some(quoted);
                }
            }
        }
    }
    None
}

/// Numbers and vague quantities with their qualifiers, ranges and nouns.
fn figures(tokens: &[Token], lang: Lang) -> Vec<Found> {
    // Shares in words first: "un sur dix" holds the number "dix".
    let shares = shares::find(tokens, lang);
    let mut used = vec![false; tokens.len()];
    for s in &shares {
        used[s.first..=s.last].iter_mut().for_each(|u| *u = true);
    }
    let numbers: Vec<_> = numbers::find(tokens, &[lang, other(lang)])
        .into_iter()
        .filter(|n| !used[n.first..=n.last].iter().any(|&u| u))
        .collect();
    for n in &numbers {
        used[n.first..=n.last].iter_mut().for_each(|u| *u = true);
    }
    let mut found: Vec<Found> = numbers
        .into_iter()
        .map(|n| Found {
            start: n.first,
            first: n.first,
            last: n.last,
            end: n.last,
            value: Value::Exact(n.value),
            percent: n.percent,
            unit: n.unit,
            scale: n.scale,
            qualifier: None,
            noun: None,
        })
        .chain(shares.into_iter().map(|s| Found {
            start: s.first,
            first: s.first,
            last: s.last,
            end: s.last,
            value: Value::Exact(s.value),
            percent: s.percent,
            unit: None,
            scale: 1.0,
            qualifier: None,
            noun: None,
        }))
        .chain(vague::find(tokens, lang, &used).into_iter().map(|v| Found {
            start: v.first,
            first: v.first,
            last: v.last,
            end: v.last,
            value: v.value,
            percent: false,
            unit: None,
            scale: 1.0,
            qualifier: None,
            noun: None,
        }))
        .collect();
    found.sort_by_key(|f| f.first);
    let found = join_ranges(tokens, found);
    // A noun stops where another figure starts ("sixty fifteen").
    let mut figure_tokens = vec![false; tokens.len()];
    for f in &found {
        figure_tokens[f.first..=f.last]
            .iter_mut()
            .for_each(|t| *t = true);
    }
    let found = found
        .into_iter()
        .map(|f| qualify(tokens, f, lang, &figure_tokens))
        .collect();
    join_facing_bounds(tokens, found)
}

/// "entre 50 et 70", "from 20 to 100", "5-11": two exact figures become one range.
fn join_ranges(tokens: &[Token], found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last_mut()
            && let (Value::Exact(a), Value::Exact(b)) = (&prev.value, &f.value)
            && let Some(start) = qualifiers::range_start(tokens, prev.first, prev.last, f.first)
        {
            // "entre 2 et 3 millions": the scale of the second figure
            // applies to the first.
            let a = if prev.scale == 1.0 && f.scale > 1.0 && a * f.scale <= *b {
                a * f.scale
            } else {
                *a
            };
            if a < *b {
                prev.value = Value::Between(a, *b);
                prev.start = start;
                prev.qualifier = (start < prev.first).then(|| (start, prev.first - 1));
                prev.last = f.last;
                prev.end = f.last;
                prev.percent |= f.percent;
                prev.unit = prev.unit.take().or(f.unit);
                continue;
            }
        }
        out.push(f);
    }
    out
}

/// Reads the qualifier before or after a figure and its noun.
fn qualify(tokens: &[Token], mut f: Found, lang: Lang, figure_tokens: &[bool]) -> Found {
    f.noun = head_noun(tokens, f.last, lang, figure_tokens);
    if let Some((noun_first, noun_last)) = f.noun {
        let _ = noun_first;
        f.end = noun_last;
    }
    if matches!(f.value, Value::Between(..)) {
        return f;
    }
    let before = qualifiers::before(tokens, f.first);
    let after = || {
        qualifiers::after(tokens, f.last)
            .map(|(b, end)| (b, f.last + 1, end))
            .or_else(|| {
                f.noun.and_then(|(_, nl)| {
                    qualifiers::after(tokens, nl).map(|(b, end)| (b, nl + 1, end))
                })
            })
    };
    // A bound after the figure says more than an approximation or an
    // "equal to" before it ("about 500 or more", "equal to 5000 or less");
    // "or equal" after a strict bound loosens it ("less than 30 or equal").
    let (bound, qualifier) = match (before, after()) {
        (Some((before_bound, start)), Some((Bound::OrEqual, _, last)))
            if before_bound.is_lower() || before_bound.is_upper() =>
        {
            f.start = start;
            f.end = f.end.max(last);
            let loosened = if before_bound.is_lower() {
                Bound::AtLeast
            } else {
                Bound::AtMost
            };
            (loosened, (start, last))
        }
        (
            Some((Bound::About | Bound::JustUnder | Bound::Exactly, start)),
            Some((after_bound, _, last)),
        ) if after_bound.is_lower() || after_bound.is_upper() => {
            f.start = start;
            f.end = f.end.max(last);
            (after_bound, (start, last))
        }
        (Some((bound, start)), _) => {
            f.start = start;
            (bound, (start, f.first - 1))
        }
        (None, Some((bound, first, last))) if bound != Bound::OrEqual => {
            f.end = f.end.max(last);
            (bound, (first, last))
        }
        _ => return f,
    };
    let v = match f.value {
        Value::Exact(v) => v,
        Value::About { about, .. } => about,
        _ => return f,
    };
    f.value = match bound {
        Bound::AtLeast => Value::AtLeast(v),
        Bound::MoreThan => Value::MoreThan(v),
        Bound::AtMost => Value::AtMost(v),
        Bound::LessThan => Value::LessThan(v),
        Bound::About => Value::About {
            about: v,
            low: None,
            high: None,
        },
        // "nearly 300": just under, [0.9 × 300, 300] (DESIGN §10).
        Bound::JustUnder => Value::About {
            about: v,
            low: Some(crate::round::to_places(
                0.9 * v,
                crate::round::places_in(v) + 1,
            )),
            high: Some(v),
        },
        Bound::Exactly | Bound::OrEqual => f.value,
    };
    f.qualifier = Some(qualifier);
    f
}

fn lower_bound(v: &Value) -> Option<f64> {
    match v {
        Value::AtLeast(x) | Value::MoreThan(x) => Some(*x),
        _ => None,
    }
}

fn upper_bound(v: &Value) -> Option<f64> {
    match v {
        Value::AtMost(x) | Value::LessThan(x) => Some(*x),
        _ => None,
    }
}

/// "plus de 10 et moins de 40", "at most 100 and at least 20": two facing
/// bounds joined by "and" close one range. The range is closed at both
/// ends, as DESIGN §1's `between` is.
fn join_facing_bounds(tokens: &[Token], found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last_mut()
            && qualifiers::joins_bounds(tokens, prev.end, f.start)
        {
            let pair = match (lower_bound(&prev.value), upper_bound(&f.value)) {
                (Some(lo), Some(hi)) => Some((lo, hi)),
                _ => upper_bound(&prev.value)
                    .zip(lower_bound(&f.value))
                    .map(|(hi, lo)| (lo, hi)),
            };
            if let Some((lo, hi)) = pair.filter(|(lo, hi)| lo < hi) {
                prev.value = Value::Between(lo, hi);
                prev.end = f.end;
                prev.last = f.last;
                prev.qualifier = prev.qualifier.map(|(a, _)| (a, f.end));
                prev.noun = prev.noun.or(f.noun);
                prev.percent |= f.percent;
                continue;
            }
        }
        out.push(f);
    }
    out
}

/// Function words that may stand between a figure and its noun:
/// "centaines de combattants", "5% du territoire", "millions of people".
const NOUN_LINKS: &[&str] = &["de", "d'", "du", "des", "of", "de la", "de l'", "of the"];

/// The noun phrase a figure counts: up to three content words right after
/// it, stopping at a function word, a number, punctuation or a past
/// participle ("36 combattants tués" counts "combattants").
fn head_noun(
    tokens: &[Token],
    last: usize,
    lang: Lang,
    figure_tokens: &[bool],
) -> Option<(usize, usize)> {
    let mut k = last + 1;
    for link in NOUN_LINKS.iter().rev() {
        let words: Vec<&str> = link.split(' ').collect();
        let matches = tokens
            .get(k..k + words.len())
            .is_some_and(|span| span.iter().zip(&words).all(|(t, w)| t.folded == *w));
        if matches {
            k += words.len();
            break;
        }
    }
    let first = k;
    while let Some(t) = tokens.get(k) {
        let lower = t.text.to_lowercase();
        let participle = k > first
            && (lower.ends_with('é')
                || lower.ends_with("és")
                || lower.ends_with("ée")
                || lower.ends_with("ées")
                || (lower.ends_with("ed") && lower.len() > 4));
        if t.kind != Kind::Word
            || figure_tokens.get(k).copied().unwrap_or(true)
            || is_stop_word(&t.folded, lang)
            || is_stop_word(&t.folded, other(lang))
            || participle
            || k - first >= 3
        {
            break;
        }
        k += 1;
    }
    (k > first).then(|| (first, k - 1))
}

#[cfg(test)]
mod tests;
