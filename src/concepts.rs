//! What a figure counts, across French and English: the concept lexicon.
//!
//! Stored claims and new reports name the same thing in different words
//! and languages: "11 300 personnes ont péri" and "11,300 dead", "hurt"
//! and "injured", "demonstrators" and "manifestants". Stems cannot meet
//! across languages, and a paraphrase shares no stem at all. The lexicon
//! (`data/concepts.tsv`, reviewed data with its sources of truth written in
//! its header) maps each such word to a concept (`dead`, `injured`,
//! `missing`, …). Retrieval adds the concept as a term of its own
//! ([`term`]) on both sides, so that BM25F ranks through it; `check`
//! compares the concept of the new claim's figure with each question's
//! to choose what the figure is about.
//!
//! Words are matched as written (folded for case and accents), never by
//! stem: "March" the month is not "marched", "marché" the market is not
//! "marche".

use crate::words::{Lang, fold};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The lexicon, as reviewed in the repository.
const LEXICON: &str = include_str!("../data/concepts.tsv");

/// Marks a concept term; words and figures never start with it.
pub(crate) const CONCEPT_MARK: char = '~';

/// The lexicon read: per language, each folded word's concept.
#[derive(Debug, Default)]
struct Lexicon {
    words: [HashMap<String, &'static str>; 2],
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

/// One line of the lexicon that could not be read, or a word given two
/// concepts in one language: what the lexicon's test refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Flaw {
    line: usize,
    message: String,
}

/// Reads the lexicon text; flaws are collected, the good lines kept.
fn read(text: &'static str) -> (Lexicon, Vec<Flaw>) {
    let mut lexicon = Lexicon::default();
    let mut flaws = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [concept, lang, words] = fields[..] else {
            flaws.push(Flaw {
                line: line_no,
                message: "expected concept, language and words, tab-separated".into(),
            });
            continue;
        };
        let Some(lang) = Lang::from_code(lang.trim()) else {
            flaws.push(Flaw {
                line: line_no,
                message: format!("unknown language `{lang}`"),
            });
            continue;
        };
        let concept = concept.trim();
        for word in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let folded = fold(word);
            if folded.contains(|c: char| !c.is_alphanumeric()) {
                flaws.push(Flaw {
                    line: line_no,
                    message: format!("`{word}` is not a single word"),
                });
                continue;
            }
            match lexicon.words[slot(lang)].insert(folded, concept) {
                Some(other) if other != concept => flaws.push(Flaw {
                    line: line_no,
                    message: format!("`{word}` is already a word of `{other}`"),
                }),
                _ => {}
            }
        }
    }
    (lexicon, flaws)
}

static LOADED: LazyLock<Lexicon> = LazyLock::new(|| read(LEXICON).0);

/// The concept a word states in `lang` (in either language when `None`):
/// "péri" → `dead`, "demonstrators" → `protesters`.
pub fn concept_of(word: &str, lang: Option<Lang>) -> Option<&'static str> {
    let folded = fold(word);
    let in_lang = |l: Lang| LOADED.words[slot(l)].get(&folded).copied();
    match lang {
        Some(l) => in_lang(l),
        None => in_lang(Lang::En).or_else(|| in_lang(Lang::Fr)),
    }
}

/// The concepts `text` states, each once, in reading order.
pub fn concepts_in(text: &str, lang: Option<Lang>) -> Vec<&'static str> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if let Some(c) = concept_of(word, lang)
            && !found.contains(&c)
        {
            found.push(c);
        }
    }
    found
}

/// A concept as a retrieval term: `~dead`.
pub(crate) fn term(concept: &str) -> String {
    format!("{CONCEPT_MARK}{concept}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_lexicon_reads_without_a_flaw() {
        let (_, flaws) = read(LEXICON);
        assert_eq!(flaws, Vec::<Flaw>::new());
    }

    #[test]
    fn every_concept_is_stated_in_both_languages() {
        let (lexicon, _) = read(LEXICON);
        let of = |l: Lang| -> BTreeSet<&str> { lexicon.words[slot(l)].values().copied().collect() };
        assert_eq!(of(Lang::Fr), of(Lang::En));
        assert!(of(Lang::Fr).len() >= 7, "{:?}", of(Lang::Fr));
    }

    #[test]
    fn flaws_are_found_and_located() {
        let (_, flaws) = read("# c\ndead\ten\tkilled\nhurt\ten\tkilled, x y\nbad line\n");
        let lines: Vec<usize> = flaws.iter().map(|f| f.line).collect();
        assert_eq!(lines, [3, 3, 4], "{flaws:?}");
    }

    #[test]
    fn french_and_english_words_meet_on_one_concept() {
        for (fr, en) in [
            ("péri", "killed"),
            ("morts", "died"),
            ("bilan", "toll"),
            ("blessés", "hurt"),
            ("disparus", "unaccounted"),
            ("déplacés", "displaced"),
            ("sinistrés", "homeless"),
            ("soldats", "fighters"),
            ("combattants", "soldiers"),
            ("manifestants", "demonstrators"),
            ("défilé", "marched"),
            ("interpellations", "arrests"),
        ] {
            let f = concept_of(fr, Some(Lang::Fr));
            assert!(f.is_some(), "{fr}");
            assert_eq!(f, concept_of(en, Some(Lang::En)), "{fr} / {en}");
        }
    }

    #[test]
    fn paraphrases_meet_in_one_language() {
        assert_eq!(concept_of("perished", Some(Lang::En)), Some("dead"));
        assert_eq!(concept_of("TUÉES", Some(Lang::Fr)), Some("dead"));
        assert_eq!(concept_of("wounded", None), concept_of("injured", None));
        assert_ne!(concept_of("morts", None), concept_of("blessés", None));
        assert_ne!(concept_of("morts", None), concept_of("disparus", None));
    }

    #[test]
    fn words_are_matched_as_written_not_by_stem() {
        assert_eq!(concept_of("March", Some(Lang::En)), None);
        assert_eq!(concept_of("marché", Some(Lang::Fr)), None);
        assert_eq!(concept_of("frappe", Some(Lang::Fr)), None);
        // A word of one language is not read in the other.
        assert_eq!(concept_of("morts", Some(Lang::En)), None);
    }

    #[test]
    fn a_text_states_its_concepts_in_order() {
        assert_eq!(
            concepts_in("11 300 morts et 10 100 disparus, 3 morts", Some(Lang::Fr)),
            ["dead", "missing"]
        );
        assert_eq!(
            concepts_in(
                "441 police officers and gendarmes were hurt",
                Some(Lang::En)
            ),
            ["injured"]
        );
        assert!(concepts_in("dans la frappe sur l'hôpital", Some(Lang::Fr)).is_empty());
    }
}
