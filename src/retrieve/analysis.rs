//! Text to terms: what "the same word" means for retrieval.
//!
//! A stored claim and a new one rarely share their exact words: one is
//! French and the other English, one says "tués" and the other "tuée", one
//! writes "350.000" and the other "350 000", and a claim pasted from social
//! media comes with links, handles, hashtags and a signature. Both sides go
//! through the same steps, so that they meet on what they mean:
//!
//! 1. [`clean`]: web addresses dropped (they name a page, not a fact);
//!    `#hashtags` and `@handles` become words, camel case split
//!    ("#AustralianFires" → "Australian Fires", "@realDonaldTrump" → "real
//!    Donald Trump");
//! 2. words, through the extract tokenizer ([`crate::extract::tokens`]), are
//!    folded, stripped of stop words and stemmed in the text's language
//!    ([`crate::words`]);
//! 3. figures become terms of their own, by value: "350.000" (French),
//!    "350 000" and "350,000" (English) all give `#350000`, "trente-six"
//!    gives `#36`, and a percentage is kept apart (`#5%`) from a count of
//!    five. The figure reader is the one `extract` uses
//!    ([`crate::extract::numbers`]), so that a figure means the same thing
//!    to both; numbers it sets aside as not figures (years, days of the
//!    month) are kept by their digits (`#2019`), since they still say which
//!    event a text is about.
//!
//! A claim pasted from X/Twitter usually ends with its signature, "— Name
//! (@handle) January 2, 2020". The author's name is context rather than
//! claim, so [`split_signature`] sets it apart for the ranker to weigh.

use crate::concepts;
use crate::extract::numbers;
use crate::extract::tokens::{Kind, Token, tokenize};
use crate::value::plain_number;
use crate::words::{Lang, fold, is_stop_word, stem};

/// Marks a figure term; words never contain it.
pub(crate) const FIGURE_MARK: char = '#';

/// The terms of `text` in reading order: stems and figures. `lang` is the
/// text's language when known; when it is not, figures are read both ways
/// (only digits like "350.000" read differently) and words are stemmed in
/// `fallback`.
pub(crate) fn terms(text: &str, lang: Option<Lang>, fallback: Lang) -> Vec<String> {
    let cleaned = clean(text);
    let tokens = tokenize(&cleaned);
    let stem_lang = lang.unwrap_or(fallback);
    let readings: &[Lang] = match lang {
        Some(Lang::Fr) => &[Lang::Fr],
        Some(Lang::En) => &[Lang::En],
        None => &[fallback, fallback.other()],
    };
    // The figures of each reading, by the token they start at.
    let mut figures: Vec<Option<Vec<String>>> = vec![None; tokens.len()];
    let mut in_figure = vec![false; tokens.len()];
    for &reading in readings {
        for n in numbers::find(&tokens, &[reading, reading.other()]) {
            let slot = figures[n.first].get_or_insert_with(Vec::new);
            for term in std::iter::once(figure_term(n.value, n.percent))
                .chain(rounded_term(n.value, n.percent))
            {
                if !slot.contains(&term) {
                    slot.push(term);
                }
            }
            in_figure[n.first..=n.last]
                .iter_mut()
                .for_each(|f| *f = true);
        }
    }
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Some(found) = figures[i].take() {
            out.extend(found);
            continue;
        }
        if in_figure[i] {
            continue;
        }
        match token.kind {
            Kind::Word => word_terms(token, stem_lang, lang, &mut out),
            Kind::Digits => out.push(format!("{FIGURE_MARK}{}", digits_only(token))),
            Kind::Punct | Kind::Opaque => {}
        }
    }
    out
}

/// Stems of the words inside one word token ("Covid-19" → "covid", "19";
/// "l'" → nothing), without stop words or single letters, each followed
/// by its concept when the lexicon knows it in `concept_lang` (either
/// language when `None`): "péri" → "per", `~dead`.
fn word_terms(token: &Token, lang: Lang, concept_lang: Option<Lang>, out: &mut Vec<String>) {
    for part in token.text.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        if let Some(concept) = concepts::concept_of(part, concept_lang) {
            out.push(concepts::term(concept));
        }
        let lower = part.to_lowercase();
        if is_stop_word(&fold(&lower), lang) {
            continue;
        }
        let stemmed = stem(&lower, lang);
        if stemmed.chars().count() > 1 || stemmed.chars().all(|c| c.is_ascii_digit()) {
            out.push(stemmed);
        }
    }
}

/// The concepts around the first figure of `text` (what it counts: "11 300
/// personnes ont péri" → `dead`): those stated from the start of the text
/// up to the next figure, which news writes with its own noun ("11 300
/// morts et 10 100 disparus": the first is `dead`). Empty when the text has
/// no figure or says nothing the lexicon knows.
pub(crate) fn figure_concepts(text: &str, lang: Option<Lang>) -> Vec<&'static str> {
    let tokens = tokenize(text);
    let readings: Vec<Lang> = match lang {
        Some(l) => vec![l, l.other()],
        None => vec![Lang::En, Lang::Fr],
    };
    let mut figures = numbers::find(&tokens, &readings);
    figures.sort_by_key(|n| n.first);
    let Some(first) = figures.first() else {
        return Vec::new();
    };
    let end = figures
        .iter()
        .find(|n| n.first > first.last)
        .map_or(tokens.len(), |n| n.first);
    let mut found = Vec::new();
    for token in tokens[..end].iter().filter(|t| t.kind == Kind::Word) {
        for c in concepts::concepts_in(token.text, lang) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

/// A figure as a term: `#62`, `#1.5`, `#5%`.
pub(crate) fn figure_term(value: f64, percent: bool) -> String {
    let mut term = format!("{FIGURE_MARK}{}", plain_number(value));
    if percent {
        term.push('%');
    }
    term
}

/// A large figure at two significant digits, as a term of its own:
/// `#~1100000` for 1.09 million and for 1,089,000. News rounds the
/// figures it relays ("1.09 million" for the ministry's 1,089,000), and
/// the rounded term lets the two meet while the exact one still ranks the
/// exact figure first. Figures under 1,000 are left alone: rounding them
/// would join counts that differ by a tenth.
pub(crate) fn rounded_term(value: f64, percent: bool) -> Option<String> {
    if !value.is_finite() || value.abs() < 1000.0 {
        return None;
    }
    let scale = 10f64.powi(value.abs().log10().floor() as i32 - 1);
    let mut term = format!(
        "{FIGURE_MARK}~{}",
        plain_number((value / scale).round() * scale)
    );
    if percent {
        term.push('%');
    }
    Some(term)
}

/// Whether a term is a rounded figure ([`rounded_term`]).
pub(crate) fn is_rounded_term(term: &str) -> bool {
    term.strip_prefix(FIGURE_MARK)
        .is_some_and(|t| t.starts_with('~'))
}

/// The digits of a number that is not a figure (a year, a day), without
/// separators: "2019", "19".
fn digits_only(token: &Token) -> String {
    token.text.chars().filter(char::is_ascii_digit).collect()
}

/// `text` without web addresses, with hashtags and handles made words.
/// Posts glue them together ("#elpaso#aoc", "chairs#border",
/// "stuff.”pic.twitter.com/f5BG"), so each whitespace-separated chunk is
/// cut where an address starts and at every `#` or `@` that starts a tag.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for chunk in text.split_whitespace() {
        let chunk = &chunk[..address_start(chunk)];
        if is_web_address(chunk) || is_email_address(chunk) {
            continue;
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            let tag = rest.starts_with(['#', '@']);
            let body = if tag { &rest[1..] } else { rest };
            let end = body
                .char_indices()
                .find(|&(i, c)| {
                    matches!(c, '#' | '@')
                        && body[i + 1..].starts_with(|n: char| n.is_alphanumeric())
                })
                .map_or(body.len(), |(i, _)| i);
            let piece = &body[..end];
            if !piece.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                if tag {
                    out.push_str(&split_camel_case(piece));
                } else {
                    out.push_str(piece);
                }
            }
            rest = &body[end..];
        }
    }
    out
}

/// Where a web address glued to the end of a chunk starts, or its end.
fn address_start(chunk: &str) -> usize {
    let lower = chunk.to_ascii_lowercase();
    ["http://", "https://", "pic.twitter.com/", "www."]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(chunk.len())
}

/// "name@host.org": a chunk with an `@` inside and a dot after it.
fn is_email_address(chunk: &str) -> bool {
    chunk
        .find('@')
        .is_some_and(|at| at > 0 && chunk[at..].contains('.'))
}

/// "pic.twitter.com/ECRqyfc8mI", "https://t.co/x", "www.snopes.com",
/// "bit.ly/abc": a chunk that names a page.
fn is_web_address(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    // host.tld/path, with letters in the top-level domain.
    let Some((host, _path)) = lower.split_once('/') else {
        return false;
    };
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Words of a hashtag or handle: "AustralianFires" → "Australian Fires",
/// "NYTimes" → "NY Times", "covid19" → "covid 19", "black_lives" →
/// "black lives". Trailing punctuation is kept ("#Syria," → "Syria,").
pub(crate) fn split_camel_case(tag: &str) -> String {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = String::with_capacity(tag.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            out.push(' ');
            continue;
        }
        if i > 0 {
            let prev = chars[i - 1];
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_alphabetic() && c.is_ascii_digit())
                || (prev.is_ascii_digit() && c.is_alphabetic())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase));
            if boundary {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// A post's text without its closing signature, and the signature's
/// author: "Text — Jane Doe (@jdoe) January 2, 2020" gives "Text" and
/// "Jane Doe jdoe". Text without such a signature is returned whole.
pub(crate) fn split_signature(text: &str) -> (&str, Option<String>) {
    let Some(dash) = text.rfind(['\u{2014}', '\u{2013}']) else {
        return (text, None);
    };
    let body = &text[..dash];
    let tail = &text[dash..];
    let tail = tail.trim_start_matches(['\u{2014}', '\u{2013}']).trim();
    let Some(open) = tail.find("(@") else {
        return (text, None);
    };
    let Some(close) = tail[open..].find(')').map(|c| open + c) else {
        return (text, None);
    };
    let date = tail[close + 1..].trim().trim_end_matches('"');
    let dated = date
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .is_some_and(|year| year.len() == 4);
    if !dated || date.split_whitespace().count() > 4 {
        return (text, None);
    }
    let name = tail[..open].trim();
    let handle = split_camel_case(&tail[open + 2..close]);
    (body.trim_end(), Some(format!("{name} {handle}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> Vec<String> {
        terms(text, Some(Lang::Fr), Lang::Fr)
    }
    fn en(text: &str) -> Vec<String> {
        terms(text, Some(Lang::En), Lang::En)
    }

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fr("État islamique"), fr("etat Islamique"));
        assert_eq!(fr("tuées"), fr("TUÉS"));
        assert_eq!(fr("Au moins 62 combattants prorégime tués"), {
            let mut t = fr("au moins 62 combattant proregime tue");
            t.dedup();
            t
        });
    }

    #[test]
    fn stems_and_stop_words_per_language() {
        assert_eq!(
            en("the fighters were killed"),
            ["~fighters", "fighter", "~dead", "kill"]
        );
        assert_eq!(fr("les combattants ont été tués"), fr("un combattant tué"));
        // "les" is a French stop word, not an English one, nor a stem.
        assert!(!fr("les").iter().any(|t| t == "les"));
    }

    #[test]
    fn figures_are_one_term_in_every_locale() {
        let want = vec![
            "#350000".to_string(),
            "#~350000".to_string(),
            "~protesters".to_string(),
            "manifest".to_string(),
        ];
        assert_eq!(fr("350.000 manifestants"), want);
        assert_eq!(fr("350 000 manifestants"), want);
        assert_eq!(fr("350\u{a0}000 manifestants"), want);
        assert_eq!(terms("350,000 manifestants", Some(Lang::En), Lang::Fr), {
            let mut w = want.clone();
            // Read as English, the French word states no concept.
            w.remove(2);
            w[2] = stem("manifestants", Lang::En);
            w
        });
        assert_eq!(fr("trente-six morts")[0], "#36");
        assert_eq!(en("thirty-six dead")[0], "#36");
        assert_eq!(en("5% of the territory")[0], "#5%");
        assert_eq!(fr("5 % du territoire")[0], "#5%");
    }

    #[test]
    fn concepts_are_terms_that_meet_across_languages() {
        let shared = |a: Vec<String>, b: Vec<String>| {
            let mut s: Vec<String> = a
                .into_iter()
                .filter(|t| t.starts_with('~') && b.contains(t))
                .collect();
            s.dedup();
            s
        };
        assert_eq!(
            shared(fr("11 300 personnes ont péri"), en("11,300 were killed")),
            ["~dead"]
        );
        assert_eq!(
            shared(
                en("1.09 million demonstrators"),
                fr("1,089 million de manifestants")
            ),
            ["~protesters"]
        );
        assert_eq!(
            shared(
                en("the death toll rose to 3,845"),
                en("3,958 people were killed")
            ),
            ["~dead"]
        );
        assert_eq!(
            shared(fr("des soldats"), fr("des combattants")),
            ["~fighters"]
        );
        assert!(shared(fr("820 morts"), fr("820 blessés")).is_empty());
    }

    #[test]
    fn a_figure_counts_what_is_written_up_to_the_next_figure() {
        let fr = |t: &str| figure_concepts(t, Some(Lang::Fr));
        let en = |t: &str| figure_concepts(t, Some(Lang::En));
        assert_eq!(
            fr("11 300 personnes ont péri dans la seule ville"),
            ["dead"]
        );
        assert_eq!(fr("environ 11 300 morts et 10 100 disparus"), ["dead"]);
        assert_eq!(fr("820 morts et 3 000 blessés"), ["dead"]);
        assert_eq!(
            en("More than 9,000 people are still unaccounted for"),
            ["missing"]
        );
        assert_eq!(en("the toll could reach 20,000"), ["dead"]);
        assert!(fr("dans la frappe sur l'hôpital, 500 personnes").is_empty());
        assert!(en("no figure, only killed").is_empty());
    }

    #[test]
    fn rounded_figures_meet_on_a_term_of_their_own() {
        assert_eq!(
            rounded_term(1_090_000.0, false),
            rounded_term(1_089_000.0, false)
        );
        assert_eq!(
            rounded_term(1_089_000.0, false).as_deref(),
            Some("#~1100000")
        );
        assert_ne!(rounded_term(3_845.0, false), rounded_term(3_958.0, false));
        assert_eq!(rounded_term(820.0, false), None);
        let en = en("1.09 million demonstrators");
        assert!(fr("1,089 million de manifestants").contains(&"#~1100000".to_string()));
        assert!(en.contains(&"#~1100000".to_string()) && en.contains(&"#1090000".to_string()));
    }

    #[test]
    fn an_unknown_language_reads_figures_both_ways() {
        let t = terms("350.000", None, Lang::En);
        assert!(t.contains(&"#350000".to_string()) && t.contains(&"#350".to_string()));
    }

    #[test]
    fn years_and_days_keep_their_digits() {
        assert_eq!(en("in October 2019"), ["octob", "#2019"]);
        assert!(fr("lundi 19 mars").contains(&"#19".to_string()));
    }

    #[test]
    fn web_addresses_go_hashtags_and_handles_become_words() {
        assert_eq!(
            clean(
                "Fires #AustralianFires pic.twitter.com/0eJtwJyS1J https://t.co/x @realDonaldTrump"
            ),
            "Fires Australian Fires real Donald Trump"
        );
        assert_eq!(
            clean(
                "kids.#elpaso#aoc#onassignmentpic.twitter.com/SWyyI1 stuff.”pic.twitter.com/f5 a@b.com"
            ),
            "kids. elpaso aoc onassignment stuff.”"
        );
        assert_eq!(split_camel_case("NYTimes"), "NY Times");
        assert_eq!(split_camel_case("covid19"), "covid 19");
        assert_eq!(split_camel_case("black_lives_matter"), "black lives matter");
        assert!(
            clean("voir bit.ly/3abc et www.afp.com")
                .split(' ')
                .eq(["voir", "et"])
        );
        // A date or a figure with a slash is not an address.
        assert_eq!(clean("24/7 1/2"), "24/7 1/2");
    }

    #[test]
    fn emoji_and_punctuation_make_no_terms() {
        assert_eq!(en("😭🎤 !!! …"), Vec::<String>::new());
        assert_eq!(en("OREO 🎤 packs"), ["oreo", "pack"]);
    }

    #[test]
    fn signatures_come_apart() {
        let (body, author) = split_signature(
            "im screaming. google featured a hoax pic.twitter.com/ECRqyfc8mI — Makena Kelly (@kellymakena) January 2, 2020",
        );
        assert_eq!(
            body,
            "im screaming. google featured a hoax pic.twitter.com/ECRqyfc8mI"
        );
        assert_eq!(author.as_deref(), Some("Makena Kelly kellymakena"));
        let (_, author) =
            split_signature("A big scandal. — Donald J. Trump (@realDonaldTrump) October 15, 2019");
        assert_eq!(author.as_deref(), Some("Donald J. Trump real Donald Trump"));
        let plain = "Al-Watan — un quotidien proche du pouvoir — dément";
        assert_eq!(split_signature(plain), (plain, None));
    }
}
