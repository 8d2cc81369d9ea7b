//! Word normalisation shared by extraction and retrieval, in French and English.
//!
//! Fact-checkers paste text from the web in two languages, with and without
//! accents ("Etat islamique", "État islamique"), in any case ("l'OSDH",
//! "l'Osdh"). Everything that compares words — matching a source's aliases,
//! guessing which question a figure answers, and later full-text retrieval —
//! goes through the same few steps so that they agree on what "the same word"
//! means:
//!
//! 1. [`fold`]: lowercase, then Unicode NFD with combining marks dropped
//!    ("Électricité" → "electricite"), typographic apostrophes made plain;
//! 2. `words`: split into words on anything that is not a letter or a
//!    digit, so that French elisions come apart ("l'OSDH" → "l", "osdh") and
//!    hyphenated names become word sequences ("al-Watan" → "al", "watan");
//! 3. `is_stop_word` and `stem` (Snowball, via `rust-stemmers`) for
//!    comparing content: "tués" and "tuées" share a stem, "de" and "the" are
//!    dropped;
//! 4. [`guess_language`]: French or English from stop-word counts, which is
//!    all a two-language tool needs.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The two languages recoupe reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code, as written in a claim's `lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language of an ISO 639-1 code, as written in a claim's `lang`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other one.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

/// Lowercase, accents dropped, typographic apostrophes (’ ʼ ‘) made `'`.
/// "L’Observatoire ÉTAT" → "l'observatoire etat".
pub fn fold(text: &str) -> String {
    // ASCII has no accents and no typographic apostrophes: lowercasing is
    // all folding does to it, and most words of a news text are ASCII.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            c => c,
        })
        .collect()
}

/// The words of `text`, folded: runs of letters and digits.
/// "selon l'OSDH, al-Watan" → ["selon", "l", "osdh", "al", "watan"].
pub(crate) fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// French stop words, folded (articles, pronouns, auxiliaries, prepositions).
const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "ai", "aie", "au", "aux", "avaient", "avait", "avec", "avoir", "c", "ce", "ceci", "cela",
    "celle", "celui", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "elles", "en",
    "est", "et", "etaient", "etait", "ete", "etre", "eu", "eux", "il", "ils", "j", "je", "l", "la",
    "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "mes", "moi", "mon", "n",
    "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "qui", "s",
    "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un",
    "une", "vos", "votre", "vous", "y", "sera", "seront", "serait", "sous", "si", "lors", "dont",
    "selon", "apres", "avant", "entre", "contre", "depuis", "fait", "ainsi", "alors", "aussi",
    "encore", "tres", "tout", "tous", "toute", "toutes", "lequel", "laquelle", "lesquels", "ni",
    "quand", "comme", "chez", "vers",
];

/// English stop words, folded.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "may",
    "me",
    "more",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "since",
    "according",
    "many",
    "much",
    "how",
    "s",
    "t",
];

/// The stop word lists as sets: every word of an article is looked up.
static STOP_WORDS: LazyLock<[HashSet<&'static str>; 2]> = LazyLock::new(|| {
    [
        FRENCH_STOP_WORDS.iter().copied().collect(),
        ENGLISH_STOP_WORDS.iter().copied().collect(),
    ]
});

/// Whether a folded word carries no content in `lang`.
pub(crate) fn is_stop_word(word: &str, lang: Lang) -> bool {
    let [fr, en] = &*STOP_WORDS;
    match lang {
        Lang::Fr => fr.contains(word),
        Lang::En => en.contains(word),
    }
}

static FRENCH_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));
static ENGLISH_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The Snowball stem of one word, folded. The stemmer sees the lowercase
/// word with its accents (the French algorithm needs them) and the result
/// is folded afterwards: "tuées" → "tue", "killed" → "kill".
pub(crate) fn stem(word: &str, lang: Lang) -> String {
    let lower = word.to_lowercase();
    let stemmer = match lang {
        Lang::Fr => &*FRENCH_STEMMER,
        Lang::En => &*ENGLISH_STEMMER,
    };
    fold(&stemmer.stem(&lower))
}

/// The content stems of `text`: words with stop words and bare numbers
/// dropped, stemmed in `lang`. This is the bag of words that retrieval
/// and the `about` guess compare.
pub(crate) fn content_stems(text: &str, lang: Lang) -> Vec<String> {
    content_words(text)
        .filter_map(|w| content_stem(w, lang))
        .collect()
}

/// The words `content_stems` reads, as written: runs of letters and
/// digits (apostrophes cut), bare numbers left out.
pub(crate) fn content_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .flat_map(|chunk| chunk.split(['\'', '\u{2019}']))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
}

/// The stem `content_stems` keeps for one of its words in `lang`, if any:
/// none for a stop word or a stem of one letter. It depends on the word
/// alone, so a caller reading many texts may remember it.
pub(crate) fn content_stem(word: &str, lang: Lang) -> Option<String> {
    if is_stop_word(&fold(word), lang) {
        return None;
    }
    Some(stem(word, lang)).filter(|s| s.chars().count() > 1)
}

/// French or English, from which language's stop words `text` uses more;
/// `None` when it holds none of either, or as many of each.
pub fn guess_language(text: &str) -> Option<Lang> {
    let (mut fr, mut en) = (0usize, 0usize);
    // The words of `words`, read in place, a piece at a time: an article's
    // words are not all kept at once. Folding a piece between two ASCII
    // spaces gives what folding the whole text gives there (a space is
    // not a word, and no accent reordering crosses it).
    for piece in text.split(|c: char| c.is_ascii_whitespace()) {
        guess_language_count(piece, &mut fr, &mut en);
    }
    match fr.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Fr),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

/// `guess_language`'s counts of French and English stop words in `piece`.
fn guess_language_count(piece: &str, fr: &mut usize, en: &mut usize) {
    let folded = fold(piece);
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // Words both lists share ("a", "on", "as"…) say nothing.
        let in_fr = is_stop_word(word, Lang::Fr);
        let in_en = is_stop_word(word, Lang::En);
        if in_fr && !in_en {
            *fr += 1;
        } else if in_en && !in_fr {
            *en += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("État ISLAMIQUE à Qadam"), "etat islamique a qadam");
        assert_eq!(fold("L’Observatoire"), "l'observatoire");
        assert_eq!(fold("prorégime"), "proregime");
    }

    #[test]
    fn words_split_elisions_and_hyphens() {
        assert_eq!(
            words("selon l'OSDH, al-Watan"),
            ["selon", "l", "osdh", "al", "watan"]
        );
        assert_eq!(words("d’après l’AFP"), ["d", "apres", "l", "afp"]);
        assert!(words(" ,;! ").is_empty());
    }

    #[test]
    fn stems_agree_across_inflections() {
        assert_eq!(stem("tués", Lang::Fr), stem("tuées", Lang::Fr));
        assert_eq!(stem("combattants", Lang::Fr), stem("combattant", Lang::Fr));
        assert_eq!(stem("killed", Lang::En), stem("kill", Lang::En));
        assert_eq!(stem("fighters", Lang::En), "fighter");
    }

    #[test]
    fn content_stems_drop_stop_words_and_numbers() {
        let stems = content_stems("Au moins 62 combattants ont été tués", Lang::Fr);
        assert!(stems.contains(&stem("combattants", Lang::Fr)));
        assert!(!stems.iter().any(|s| s == "62" || s == "au" || s == "ont"));
        let english = content_stems("At least 62 fighters were killed", Lang::En);
        assert_eq!(english, ["least", "fighter", "kill"]);
    }

    #[test]
    fn guesses_french_and_english() {
        assert_eq!(
            guess_language("Au moins 62 combattants ont été tués dans une opération du groupe"),
            Some(Lang::Fr)
        );
        assert_eq!(
            guess_language("At least 62 fighters were killed in an operation by the group"),
            Some(Lang::En)
        );
        assert_eq!(guess_language("62"), None);
    }

    /// Folding as it was first written, with no shortcut for ASCII.
    fn fold_every_char(text: &str) -> String {
        text.nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
                c => c,
            })
            .collect()
    }

    /// The language guess as it was first written: every word of the
    /// whole text folded at once.
    fn guess_from_all_words(text: &str) -> Option<Lang> {
        let (mut fr, mut en) = (0, 0);
        for word in words(text) {
            match (is_stop_word(&word, Lang::Fr), is_stop_word(&word, Lang::En)) {
                (true, false) => fr += 1,
                (false, true) => en += 1,
                _ => {}
            }
        }
        match fr.cmp(&en) {
            std::cmp::Ordering::Greater => Some(Lang::Fr),
            std::cmp::Ordering::Less => Some(Lang::En),
            std::cmp::Ordering::Equal => None,
        }
    }

    #[test]
    fn stop_words_are_found_in_both_lists() {
        assert!(is_stop_word("selon", Lang::Fr) && !is_stop_word("selon", Lang::En));
        assert!(is_stop_word("according", Lang::En) && !is_stop_word("morts", Lang::Fr));
    }

    proptest! {
        #[test]
        fn folding_ascii_quickly_folds_as_before(s in any::<String>(), a in "[ -~]{0,40}") {
            prop_assert_eq!(fold(&s), fold_every_char(&s));
            prop_assert_eq!(fold(&a), fold_every_char(&a));
        }

        #[test]
        fn the_language_guessed_piece_by_piece_is_the_whole_texts(
            s in "([A-Za-zÀ-ÿ\u{300}-\u{36f}İ’' ,.\n\t-]|de |the |selon |said ){0,60}",
            t in any::<String>(),
        ) {
            prop_assert_eq!(guess_language(&s), guess_from_all_words(&s));
            prop_assert_eq!(guess_language(&t), guess_from_all_words(&t));
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = words(&s);
            let _ = content_stems(&s, Lang::Fr);
            let _ = content_stems(&s, Lang::En);
            let _ = guess_language(&s);
        }
    }
}
