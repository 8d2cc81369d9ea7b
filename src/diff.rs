//! Word-level diffs of two wordings.
//!
//! A contradiction is easier to judge when the two wordings sit side by
//! side with what differs marked. Words are Unicode words (so French
//! elisions such as `l'OSDH` stay whole) and the algorithm is Patience,
//! which anchors on words that occur once and keeps diffs of prose short.
//! Wordings in different languages are compared through their English
//! translations, and the diff says so.

use crate::store::{Claim, ClaimIx, Draft, Store};
use similar::{Algorithm, ChangeTag, TextDiff};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingDiff {
    /// The language of the compared texts, when known.
    pub lang: Option<String>,
    /// True when the texts are the claims' English translations.
    pub translated: bool,
    /// The words that differ.
    pub diff: WordDiff,
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
}

impl<'a> Wording<'a> {
    /// The wording of a stored claim.
    pub fn of_claim(claim: &'a Claim) -> Wording<'a> {
        Wording {
            text: &claim.text,
            lang: claim.lang.as_deref(),
            translation: claim.translation.as_deref(),
        }
    }

    /// The wording of a claim that is not in the store.
    pub fn of_draft(draft: &'a Draft) -> Wording<'a> {
        Wording {
            text: &draft.text,
            lang: draft.lang.as_deref(),
            translation: draft.translation.as_deref(),
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
    if a.lang == b.lang {
        return Some(WordingDiff {
            lang: a.lang.map(str::to_string),
            translated: false,
            diff: word_diff(a.text, b.text),
        });
    }
    Some(WordingDiff {
        lang: Some("en".to_string()),
        translated: true,
        diff: word_diff(a.english()?, b.english()?),
    })
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
}
