//! Word-level diffs of two wordings.
//!
//! A contradiction is easier to judge when the two wordings sit side by
//! side with what differs marked. Words are Unicode words (so French
//! elisions such as `l'OSDH` stay whole) and the algorithm is Patience,
//! which anchors on words that occur once and keeps diffs of prose short.
//! Wordings in different languages are compared through their English
//! translations, and the diff says so.
//!
//! Marks only help while most words are shared: two wordings that have
//! little in common read better one after the other, each whole, with the
//! figures it gives marked, than as a wall of struck and inserted words.
//! Which of the two forms to show is decided here, with the figures'
//! places, so that renderers only format.

use crate::store::{Claim, ClaimIx, Draft, Store};
use crate::value::Value;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::ops::Range;

/// A run of words, kept, removed or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Words in both wordings.
    Same(String),
    /// Words only in the old wording.
    Removed(String),
    /// Words only in the new wording.
    Added(String),
}

/// The diff of two wordings, as runs of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordDiff {
    /// The runs, in the order of the texts.
    pub segments: Vec<Segment>,
}

/// Which wordings were compared.
#[derive(Debug, Clone, PartialEq)]
pub struct WordingDiff {
    /// The language of the compared texts, when known.
    pub lang: Option<String>,
    /// True when the texts are the claims' English translations.
    pub translated: bool,
    /// The words that differ.
    pub diff: WordDiff,
    /// The share of words the two texts have in common (see
    /// [`WordDiff::shared`]).
    pub shared: f64,
    /// How to show the two wordings: decided from [`shared`](Self::shared).
    pub form: Form,
    /// The compared texts (the translations when
    /// [`translated`](Self::translated)), first then second, each with
    /// its figures marked: what [`Form::SideBySide`] shows.
    pub sides: [Marked; 2],
}

/// How two wordings are best shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One text with the changed words marked: the wordings share most words.
    Inline,
    /// The two texts one after the other, each whole with its figures
    /// marked: they share too few words for marks to help.
    SideBySide,
}

/// Below this share of common words two wordings are shown side by side:
/// under half, most of an inline diff is marks, and neither wording can be
/// read in it.
pub const SIDE_BY_SIDE_BELOW: f64 = 0.5;

/// A wording with the places of its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The text as compared.
    pub text: String,
    /// Byte ranges of `text` holding the figures the claim gives (with a
    /// scale word that follows: "1,089 million"), in order, never touching.
    pub figures: Vec<Range<usize>>,
}

impl Form {
    /// The form for two wordings sharing `shared` of their words.
    pub fn for_share(shared: f64) -> Form {
        if shared < SIDE_BY_SIDE_BELOW {
            Form::SideBySide
        } else {
            Form::Inline
        }
    }
}

/// How many words `text` holds (runs of letters and digits).
fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

impl WordDiff {
    /// The share of words the two texts have in common, in [0, 1]: twice
    /// the words of the unchanged runs over the words of both texts (the
    /// Dice coefficient); 1 for two texts without words.
    pub fn shared(&self) -> f64 {
        let (mut same, mut old, mut new) = (0, 0, 0);
        for segment in &self.segments {
            match segment {
                Segment::Same(t) => same += word_count(t),
                Segment::Removed(t) => old += word_count(t),
                Segment::Added(t) => new += word_count(t),
            }
        }
        let all = 2 * same + old + new;
        if all == 0 {
            1.0
        } else {
            (2 * same) as f64 / all as f64
        }
    }
}

/// A stretch of the diff before it becomes segments.
enum Block {
    Same(String),
    Change { removed: String, added: String },
}

impl Block {
    fn changed_chars(&self) -> usize {
        match self {
            Block::Same(_) => 0,
            Block::Change { removed, added } => removed.chars().count().max(added.chars().count()),
        }
    }
}

/// Diffs two texts word by word. Changed words next to each other are
/// merged into one removed run and one added run, with the spaces between
/// them, as `git diff --word-diff` shows them; a short common word between
/// two longer changes (a lone "les" inside two different sentences) is
/// folded into them, as diff-match-patch's semantic cleanup does, so the
/// reader sees two wordings rather than confetti.
pub fn word_diff(old: &str, new: &str) -> WordDiff {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_unicode_words(old, new);
    let mut blocks: Vec<Block> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), blocks.last_mut()) {
            (ChangeTag::Equal, Some(Block::Same(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => blocks.push(Block::Same(text.to_string())),
            (tag, last) => {
                let (removed, added) = if tag == ChangeTag::Delete {
                    (text, "")
                } else {
                    ("", text)
                };
                match last {
                    Some(Block::Change {
                        removed: r,
                        added: a,
                    }) => {
                        r.push_str(removed);
                        a.push_str(added);
                    }
                    _ => blocks.push(Block::Change {
                        removed: removed.to_string(),
                        added: added.to_string(),
                    }),
                }
            }
        }
    }
    // Fold short equalities (spaces included) into the changes around
    // them, in one pass: each block goes on a stack, and while the top
    // three are change, short equality, change, they become one change
    // (which may in turn let the equality before them fold).
    let mut folded: Vec<(Block, usize)> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let size = block.changed_chars();
        folded.push((block, size));
        while let [
            ..,
            (Block::Change { .. }, left),
            (Block::Same(same), _),
            (Block::Change { .. }, right),
        ] = folded.as_slice()
            && *left > 0
            && same.trim().chars().count() <= (*left).min(*right)
        {
            let Some((
                Block::Change {
                    removed: r2,
                    added: a2,
                },
                right,
            )) = folded.pop()
            else {
                break;
            };
            let Some((Block::Same(same), _)) = folded.pop() else {
                break;
            };
            let Some((Block::Change { removed, added }, left)) = folded.last_mut() else {
                break;
            };
            removed.push_str(&same);
            removed.push_str(&r2);
            added.push_str(&same);
            added.push_str(&a2);
            *left += same.chars().count() + right;
        }
    }
    let blocks = folded.into_iter().map(|(block, _)| block);
    let mut segments = Vec::new();
    for block in blocks {
        match block {
            Block::Same(s) => same(&mut segments, &s),
            Block::Change { removed, added } => {
                // The spaces at the edges of a change are the texts'
                // spaces, not changed words: they stay outside the marks,
                // so "combattants {+prorégime+} ont" keeps both.
                let edge = |pick: fn(&str) -> &str| {
                    [removed.as_str(), added.as_str()]
                        .into_iter()
                        .filter(|t| !t.trim().is_empty())
                        .map(|t| pick(t).len())
                        .max()
                        .unwrap_or(0)
                };
                let lead = edge(|t| &t[..t.len() - t.trim_start().len()]);
                let trail = edge(|t| &t[t.trim_end().len()..]);
                let (removed, added) = (removed.trim(), added.trim());
                if removed.is_empty() && added.is_empty() {
                    continue;
                }
                if lead > 0 {
                    same(&mut segments, " ");
                }
                if !removed.is_empty() {
                    segments.push(Segment::Removed(removed.to_string()));
                }
                if !added.is_empty() {
                    segments.push(Segment::Added(added.to_string()));
                }
                if trail > 0 {
                    same(&mut segments, " ");
                }
            }
        }
    }
    WordDiff { segments }
}

/// Appends unchanged text, merged with the unchanged text before it, and
/// never doubling the space between words.
fn same(segments: &mut Vec<Segment>, text: &str) {
    if let Some(Segment::Same(last)) = segments.last_mut() {
        if last.ends_with(char::is_whitespace) && text.starts_with(char::is_whitespace) {
            last.push_str(text.trim_start());
        } else {
            last.push_str(text);
        }
        return;
    }
    if !text.is_empty() {
        segments.push(Segment::Same(text.to_string()));
    }
}

/// A wording and what is known of its language.
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    /// The words as published.
    pub text: &'a str,
    /// Their language (`fr`, `en`), if known.
    pub lang: Option<&'a str>,
    /// An English translation, if there is one.
    pub translation: Option<&'a str>,
    /// The value the claim gives: its figures are the ones marked.
    pub value: &'a Value,
}

impl<'a> Wording<'a> {
    /// The wording of a stored claim.
    pub fn of_claim(claim: &'a Claim) -> Wording<'a> {
        Wording {
            text: &claim.text,
            lang: claim.lang.as_deref(),
            translation: claim.translation.as_deref(),
            value: &claim.value,
        }
    }

    /// The wording of a claim that is not in the store.
    pub fn of_draft(draft: &'a Draft) -> Wording<'a> {
        Wording {
            text: &draft.text,
            lang: draft.lang.as_deref(),
            translation: draft.translation.as_deref(),
            value: &draft.value,
        }
    }

    /// The English version: the text if it is English, else the translation.
    fn english(&self) -> Option<&'a str> {
        if self.lang == Some("en") {
            Some(self.text)
        } else {
            self.translation
        }
    }
}

/// Diffs two wordings: the texts when they are in the same language, else
/// their English versions; `None` when there is no common language.
pub fn wording_diff(a: Wording, b: Wording) -> Option<WordingDiff> {
    let (lang, translated, old, new) = if a.lang == b.lang {
        (a.lang.map(str::to_string), false, a.text, b.text)
    } else {
        (Some("en".to_string()), true, a.english()?, b.english()?)
    };
    let diff = word_diff(old, new);
    let shared = diff.shared();
    Some(WordingDiff {
        lang,
        translated,
        diff,
        shared,
        form: Form::for_share(shared),
        sides: [marked(old, a.value), marked(new, b.value)],
    })
}

/// `text` with the figures `value` gives marked; when none of them is
/// found as written in digits, every figure in digits is, so that the
/// reader still sees where the numbers are. A value without a figure (a
/// category, text only) marks nothing.
pub fn marked(text: &str, value: &Value) -> Marked {
    let targets: Vec<f64> = match *value {
        Value::Between(a, b) => vec![a, b],
        ref v => v.stated_figure().into_iter().collect(),
    };
    if targets.is_empty() {
        return Marked {
            text: text.to_string(),
            figures: Vec::new(),
        };
    }
    let runs = figures_in_digits(text);
    let hits: Vec<Range<usize>> = runs
        .iter()
        .filter(|(_, readings)| {
            readings.iter().any(|r| {
                targets
                    .iter()
                    .any(|t| (r - t).abs() <= 1e-9 * t.abs().max(1.0))
            })
        })
        .map(|(span, _)| span.clone())
        .collect();
    Marked {
        text: text.to_string(),
        figures: if hits.is_empty() {
            runs.into_iter().map(|(span, _)| span).collect()
        } else {
            hits
        },
    }
}

/// Scale words that may follow digits in the news, and their factor.
fn scale(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "thousand" | "mille" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" | "milliard" | "milliards" => 1e9,
        _ => return None,
    })
}

/// Spaces that group thousands: space, no-break space, narrow no-break space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// The figures written in digits in `text`: each span (with a percent
/// sign or a scale word right after it) and the numbers it may be read as
/// ("3,958" is 3958 in English and 3.958 in French).
fn figures_in_digits(text: &str) -> Vec<(Range<usize>, Vec<f64>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = at(i).is_some_and(|c| c.is_ascii_digit())
            && !(i > 0 && at(i - 1).is_some_and(|c| c.is_alphanumeric()));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        // Groups: a separator then digits; after a space, exactly three.
        while let Some(sep) = at(i) {
            let digits = (i + 1..)
                .take_while(|&k| at(k).is_some_and(|c| c.is_ascii_digit()))
                .count();
            let ok = match sep {
                ',' | '.' | '\'' | '\u{2019}' => digits > 0,
                c if is_group_space(c) => {
                    digits == 3 && !at(i + 4).is_some_and(|c| c.is_alphanumeric())
                }
                _ => false,
            };
            if !ok {
                break;
            }
            i += 1 + digits;
        }
        let written: String = chars[start..i].iter().map(|&(_, c)| c).collect();
        let mut readings = readings(&written);
        let mut end = i;
        if at(i) == Some('%') {
            end = i + 1;
        } else if at(i).is_some_and(is_group_space) {
            let word: String = chars[i + 1..]
                .iter()
                .map(|&(_, c)| c)
                .take_while(|c| c.is_alphabetic())
                .collect();
            if let Some(factor) = scale(&word) {
                let scaled: Vec<f64> = readings.iter().map(|r| r * factor).collect();
                readings.extend(scaled);
                end = i + 1 + word.chars().count();
            }
        }
        out.push((byte(start)..byte(end), readings));
        i = end.max(i);
    }
    out
}

/// The numbers digits with separators may stand for: with both `.` and
/// `,` the last is decimal; one kind repeated groups thousands; a single
/// one before three digits may do either; any other single one is decimal.
fn readings(written: &str) -> Vec<f64> {
    let compact: String = written
        .chars()
        .filter(|&c| !is_group_space(c) && c != '\'' && c != '\u{2019}')
        .collect();
    let marks: Vec<(usize, char)> = compact
        .char_indices()
        .filter(|&(_, c)| c == ',' || c == '.')
        .collect();
    let number = |s: &str| s.parse::<f64>().ok();
    let grouped = || number(&compact.replace([',', '.'], ""));
    let decimal_at = |at: usize| {
        let (int, frac) = compact.split_at(at);
        number(&format!("{}.{}", int.replace([',', '.'], ""), &frac[1..]))
    };
    let found = match marks.as_slice() {
        [] => vec![grouped()],
        [(at, _)] if compact.len() - at - 1 == 3 => vec![grouped(), decimal_at(*at)],
        [(at, _)] => vec![decimal_at(*at)],
        [.., (_, first), (last_at, last)] if first != last => vec![decimal_at(*last_at)],
        all if all.iter().all(|&(_, c)| c == all[0].1) => vec![grouped()],
        [.., (last_at, _)] => vec![decimal_at(*last_at)],
    };
    found.into_iter().flatten().collect()
}

/// Diffs the wordings of two stored claims (see [`wording_diff`]).
pub fn claims_diff(store: &Store, a: ClaimIx, b: ClaimIx) -> Option<WordingDiff> {
    wording_diff(
        Wording::of_claim(store.claim(a)),
        Wording::of_claim(store.claim(b)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(d: &WordDiff) -> String {
        d.segments
            .iter()
            .map(|s| match s {
                Segment::Same(t) => t.clone(),
                Segment::Removed(t) => format!("[-{t}-]"),
                Segment::Added(t) => format!("{{+{t}+}}"),
            })
            .collect()
    }

    #[test]
    fn marks_changed_words_like_git() {
        let d = word_diff(
            "Au moins 62 combattants tués",
            "Au moins 36 combattants tués",
        );
        assert_eq!(plain(&d), "Au moins [-62-]{+36+} combattants tués");
    }

    #[test]
    fn adjacent_changes_form_one_run() {
        let d = word_diff("a b c d", "a x y d");
        assert_eq!(plain(&d), "a [-b c-]{+x y+} d");
    }

    #[test]
    fn a_lone_common_word_does_not_split_two_sentences() {
        let d = word_diff(
            "s'est emparé avec les forces prorégime",
            "les djihadistes ont pris",
        );
        assert_eq!(
            plain(&d),
            "[-s'est emparé avec les forces prorégime-]{+les djihadistes ont pris+}"
        );
    }

    #[test]
    fn long_contradicting_wordings_diff_in_linear_time() {
        // Alternating shared and changed words: the old fold restarted
        // after every merge; this must stay fast (no timing asserted, but a
        // quadratic fold takes minutes here).
        let a: String = (0..40_000).map(|i| format!("a{i} x ")).collect();
        let b: String = (0..40_000).map(|i| format!("b{i} x ")).collect();
        let d = word_diff(&a, &b);
        assert!(!d.segments.is_empty());
    }

    #[test]
    fn spaces_beside_an_insertion_or_a_deletion_are_kept() {
        let d = word_diff(
            "Au moins 62 combattants ont été tués",
            "Au moins 62 combattants prorégime ont été tués",
        );
        assert_eq!(
            plain(&d),
            "Au moins 62 combattants {+prorégime+} ont été tués"
        );
        let d = word_diff(
            "at least 62 pro-regime fighters died",
            "at least 62 fighters died",
        );
        assert_eq!(plain(&d), "at least 62 [-pro-regime-] fighters died");
        let d = word_diff("tués à Qadam", "tués");
        assert_eq!(plain(&d), "tués [-à Qadam-]");
        let d = word_diff("Qadam", "à Qadam");
        assert_eq!(plain(&d), "{+à+} Qadam");
    }

    #[test]
    fn french_elisions_stay_whole() {
        let d = word_diff("selon l'OSDH", "selon l'Observatoire");
        assert_eq!(plain(&d), "selon [-l'OSDH-]{+l'Observatoire+}");
    }

    #[test]
    fn identical_texts_have_no_change() {
        let d = word_diff("même texte", "même texte");
        assert_eq!(d.segments, vec![Segment::Same("même texte".into())]);
    }

    fn figures(m: &Marked) -> Vec<&str> {
        m.figures.iter().map(|r| &m.text[r.clone()]).collect()
    }

    #[test]
    fn wordings_sharing_most_words_stay_inline() {
        let d = word_diff(
            "Au moins 62 combattants prorégime ont été tués, selon l'OSDH",
            "Au moins 36 soldats ont été tués, selon al-Watan",
        );
        assert!(d.shared() >= SIDE_BY_SIDE_BELOW, "{}", d.shared());
        assert_eq!(Form::for_share(d.shared()), Form::Inline);
        let d = word_diff(
            "at least 62 fighters were killed",
            "at least 36 fighters were killed",
        );
        assert_eq!(Form::for_share(d.shared()), Form::Inline);
    }

    #[test]
    fn wordings_sharing_few_words_go_side_by_side() {
        // French: two accounts of one toll, almost no word in common.
        let d = word_diff(
            "Selon le Croissant-Rouge, les inondations ont fait environ 11 300 morts à Derna",
            "Le ministre de la Santé avait fait état d'un bilan de 3 252 morts",
        );
        assert!(d.shared() < SIDE_BY_SIDE_BELOW, "{}", d.shared());
        assert_eq!(Form::for_share(d.shared()), Form::SideBySide);
        // English.
        let d = word_diff(
            "Health authorities had put the death toll at 5,500.",
            "The minister announced that the toll had reached 3,338 dead.",
        );
        assert_eq!(Form::for_share(d.shared()), Form::SideBySide);
    }

    #[test]
    fn the_share_counts_words_not_characters() {
        assert_eq!(word_diff("a b c d", "a b c d").shared(), 1.0);
        assert_eq!(word_diff("", "").shared(), 1.0);
        // "a" and "d" kept of four words each: 2 × 2 / 8.
        assert_eq!(word_diff("a b c d", "a x y d").shared(), 0.5);
        assert_eq!(word_diff("un deux", "trois quatre").shared(), 0.0);
    }

    #[test]
    fn the_form_follows_the_threshold() {
        assert_eq!(Form::for_share(0.49), Form::SideBySide);
        assert_eq!(Form::for_share(SIDE_BY_SIDE_BELOW), Form::Inline);
        assert_eq!(Form::for_share(1.0), Form::Inline);
    }

    #[test]
    fn the_claim_s_own_figure_is_marked_in_french_and_english() {
        let about = Value::About {
            about: 11300.0,
            low: None,
            high: None,
        };
        let m = marked("environ 11 300 morts et 10 100 disparus", &about);
        assert_eq!(figures(&m), ["11 300"]);
        let m = marked("the toll has soared to 11,300, with 10,100 missing", &about);
        assert_eq!(figures(&m), ["11,300"]);
        let m = marked(
            "1,089 million selon le ministère",
            &Value::Exact(1_089_000.0),
        );
        assert_eq!(figures(&m), ["1,089 million"]);
        let m = marked("3,5 millions, d'après la CGT", &Value::Exact(3_500_000.0));
        assert_eq!(figures(&m), ["3,5 millions"]);
        let m = marked("moins de 5% du territoire", &Value::LessThan(5.0));
        assert_eq!(figures(&m), ["5%"]);
        let m = marked("plus de 350.000 morts", &Value::MoreThan(350_000.0));
        assert_eq!(figures(&m), ["350.000"]);
    }

    #[test]
    fn without_its_figure_every_figure_is_marked_and_without_a_value_none() {
        let m = marked(
            "plusieurs centaines, dont 12 enfants, le 3 mars",
            &Value::Between(200.0, 999.0),
        );
        assert_eq!(figures(&m), ["12", "3"]);
        let m = marked("le 12 septembre, 36 morts", &Value::Unstated);
        assert!(m.figures.is_empty());
        let m = marked(
            "whole district, 2 buildings",
            &Value::Is("whole-district".into()),
        );
        assert!(m.figures.is_empty());
    }

    #[test]
    fn digits_inside_words_and_dates_are_not_split_into_figures() {
        let runs: Vec<String> = figures_in_digits("COVID19 le 2023 3 000 morts")
            .into_iter()
            .map(|(r, _)| "COVID19 le 2023 3 000 morts"[r].to_string())
            .collect();
        assert_eq!(runs, ["2023", "3 000"]);
    }

    #[test]
    fn a_wording_diff_carries_its_form_and_both_sides() {
        let a = Wording {
            text: "Health authorities had put the death toll at 5,500.",
            lang: Some("en"),
            translation: None,
            value: &Value::Exact(5500.0),
        };
        let b = Wording {
            text: "The minister announced that the toll had reached 3,338 dead.",
            lang: Some("en"),
            translation: None,
            value: &Value::Exact(3338.0),
        };
        let d = wording_diff(a, b).unwrap();
        assert_eq!(d.form, Form::SideBySide);
        assert_eq!(figures(&d.sides[0]), ["5,500"]);
        assert_eq!(figures(&d.sides[1]), ["3,338"]);
        assert_eq!(d.sides[1].text, b.text);
    }
}
