//! Where the store's sources are named in text: the matching rules.
//!
//! Attribution in `extract` and `check`, and the blanking of source names
//! in retrieval, all ask one question of a text: which store source is
//! named where. The answer must not depend on who asks, so the rules live
//! here, in one place:
//!
//! 1. **Forms.** A source is named by its `name` as written in
//!    `sources.yaml` ("Outlet 12", digits included), that name without a
//!    trailing parenthesis or apposition ("Al-Watan (Syria)" → "Al-Watan"),
//!    each alias, and its id — unless the id is a common word ("who") or
//!    the folded form of one of the source's acronyms ("cgt" for "CGT"),
//!    which then rule it.
//! 2. **Acronyms are case-sensitive.** A form whose letters are all
//!    capitals ("UN", "WHO", "OMS", "AP", "IOM", "U.N.") matches only as
//!    written, as a whole word: "un" (French "a") is not the UN, "Who
//!    knows?" is not the WHO. Dotted initials are one word: "U.N." is "UN".
//!    Every other form is matched with accents and case folded.
//! 3. **Whole words.** A match starts and ends on token boundaries: "al" of
//!    "al-Watan" is not a source.
//! 4. **The most specific name wins.** Where matches overlap, the longest
//!    (in words) is kept, then the earliest. Where one source is named as
//!    the owner of another ("the U.N.'s International Organization for
//!    Migration", "the Migration agency of the UN"), the owner is marked:
//!    the organisation named is the one credited.
//!
//! 5. **Shortened forms.** A long form that ends with its owner's name
//!    ("Bureau de coordination des affaires humanitaires des Nations
//!    unies", "… de l'ONU", "… of the UN") also names its source without
//!    it ("d'après le Bureau de coordination des affaires humanitaires"):
//!    the words before a trailing preposition, optional article and one to
//!    three words starting with a capital, when at least four words with
//!    three content words are left, and when no other source has that
//!    form, whole or shortened.
//!
//! The search itself ([`SourceMatcher::candidates`]) only lists where each
//! form matches; the rules above decide what the matches mean, so the
//! search mechanism can change without changing what is found.

use super::tokens::{Kind, Token, tokenize};
use crate::store::Source;
use crate::words::{Lang, fold, is_stop_word};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// One form a source is named by.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Form {
    /// Index of the source in [`SourceMatcher::ids`].
    source: usize,
    /// Its words: as written for an acronym, folded otherwise.
    words: Vec<String>,
    /// Rule 2: matched as written (an all-capitals acronym).
    exact: bool,
}

/// The sources of a store, ready to be found in text.
#[derive(Debug, Clone, Default)]
pub struct SourceMatcher {
    ids: Vec<String>,
    forms: Vec<Form>,
    /// One automaton over every form (its folded words, each between two
    /// [`SEPARATOR`]s), pattern `i` being `forms[i]`: where forms may start
    /// is found in one pass over a text, whatever the number of sources
    /// (thousands of "Outlet N" share their first word). It only proposes;
    /// whether a form matches is [`SourceMatcher::matches_at`]'s to say.
    automaton: Option<AhoCorasick>,
}

/// What joins words in the automaton's patterns and haystacks: no folded
/// word holds it, so a pattern can only match whole words.
const SEPARATOR: char = '\u{0}';

/// A store source named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    /// The source's id.
    pub source: String,
    /// Token span, inclusive.
    pub first: usize,
    pub last: usize,
    /// Named as the owner of another source named right by it (rule 4):
    /// not the one credited.
    pub owner: bool,
}

/// A word of the text as the matcher reads it: a run of letters and
/// digits, or dotted initials joined ("U.N." → "UN").
#[derive(Debug, Clone)]
struct TextWord {
    raw: String,
    folded: String,
    /// Token span, inclusive.
    first: usize,
    last: usize,
    /// Whether it starts / ends its token (rule 3).
    starts_token: bool,
    ends_token: bool,
}

/// Rule 2: a form whose letters (two or more) are all capitals.
fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The words of a form, as written: runs of letters and digits, dotted
/// initials joined.
fn form_words(form: &str) -> Vec<String> {
    let tokens = tokenize(form);
    text_words(&tokens).into_iter().map(|w| w.raw).collect()
}

/// Rule 1: the forms a source is named by, as written.
fn forms_of(source: &Source) -> Vec<String> {
    let mut forms = vec![source.name.clone()];
    // "Al-Watan (Syria)" → "Al-Watan"; "X, mayor of Derna" → "X".
    for cut in [" (", ", ", "; "] {
        if let Some(i) = source.name.find(cut) {
            forms.push(source.name[..i].to_string());
        }
    }
    forms.extend(source.aliases.iter().cloned());
    let id_is_word = is_stop_word(&source.id, Lang::Fr) || is_stop_word(&source.id, Lang::En);
    let id_is_acronym = forms
        .iter()
        .any(|f| is_acronym(f) && fold(&form_words(f).concat()) == fold(&source.id));
    if !id_is_word && !id_is_acronym {
        forms.push(source.id.clone());
    }
    forms
}

/// Prepositions that open an owner's name at the end of a form ("… des
/// Nations unies", "… de l'ONU", "… of the UN").
const OWNER_OPENERS: &[&str] = &["de", "des", "du", "d", "of"];

/// Articles between such a preposition and the owner's name.
const OWNER_ARTICLES: &[&str] = &["the", "l", "la", "le", "les"];

/// Rule 5: the shortened form of a long form, if it has one: the words
/// before a trailing owner — a preposition, an optional article, then at
/// most three words starting with a capital ("Bureau de coordination des
/// affaires humanitaires | des Nations unies", "… | de l'ONU", "… | of
/// the UN") — when at least four words with three content words are
/// left. Words are as written.
fn shortened(words: &[String]) -> Option<Vec<String>> {
    let (cut, _) = words
        .iter()
        .enumerate()
        .rev()
        .find(|(_, w)| OWNER_OPENERS.contains(&fold(w).as_str()))?;
    let mut owner = &words[cut + 1..];
    if owner
        .first()
        .is_some_and(|w| OWNER_ARTICLES.contains(&fold(w).as_str()))
    {
        owner = &owner[1..];
    }
    let capital = owner
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let prefix = &words[..cut];
    let content = prefix
        .iter()
        .filter(|w| {
            let f = fold(w);
            !is_stop_word(&f, Lang::Fr) && !is_stop_word(&f, Lang::En)
        })
        .count();
    let last_is_content = prefix.last().is_some_and(|w| {
        let f = fold(w);
        !is_stop_word(&f, Lang::Fr) && !is_stop_word(&f, Lang::En)
    });
    (capital
        && (1..=3).contains(&owner.len())
        && prefix.len() >= 4
        && content >= 3
        && last_is_content)
        .then(|| prefix.to_vec())
}

/// The words of a token sequence (rule 3 and the dotted initials of rule 2).
fn text_words(tokens: &[Token]) -> Vec<TextWord> {
    let mut out: Vec<TextWord> = Vec::new();
    let initial = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            t.kind == Kind::Word && t.text.chars().count() == 1 && t.is_capitalized()
        })
    };
    let dot = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.is_punct(&['.']) && !t.space_before)
    };
    let mut i = 0;
    while i < tokens.len() {
        // "U.N.", "U.S.": initials each followed by a dot, no spaces.
        if initial(i) && dot(i + 1) && initial(i + 2) && !tokens[i + 2].space_before {
            let mut raw = String::new();
            let mut k = i;
            while initial(k) && (k == i || !tokens[k].space_before) && dot(k + 1) {
                raw.push_str(tokens[k].text);
                k += 2;
            }
            // A last initial without its dot ("U.N" at the end).
            if initial(k) && !tokens[k].space_before {
                raw.push_str(tokens[k].text);
                k += 1;
            }
            out.push(TextWord {
                folded: fold(&raw),
                raw,
                first: i,
                last: k - 1,
                starts_token: true,
                ends_token: true,
            });
            i = k;
            continue;
        }
        let t = &tokens[i];
        if matches!(t.kind, Kind::Word | Kind::Digits) {
            let runs: Vec<&str> = t
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let n = runs.len();
            for (r, run) in runs.into_iter().enumerate() {
                out.push(TextWord {
                    raw: run.to_string(),
                    // A whole token is folded already.
                    folded: if n == 1 && run.len() == t.text.len() {
                        t.folded.clone()
                    } else {
                        fold(run)
                    },
                    first: i,
                    last: i,
                    starts_token: r == 0,
                    ends_token: r + 1 == n,
                });
            }
        }
        i += 1;
    }
    out
}

impl SourceMatcher {
    /// A matcher for the given sources' names, aliases and ids (rule 1).
    pub fn new(sources: &[Source]) -> SourceMatcher {
        let mut matcher = SourceMatcher::default();
        // Rule 5: shortened forms, kept when one source alone has them.
        let mut short: Vec<Form> = Vec::new();
        for source in sources {
            let ix = matcher.ids.len();
            matcher.ids.push(source.id.clone());
            for form in forms_of(source) {
                let exact = is_acronym(&form);
                let raw = form_words(&form);
                if raw.is_empty() {
                    continue;
                }
                if !exact && let Some(prefix) = shortened(&raw) {
                    short.push(Form {
                        source: ix,
                        words: prefix.iter().map(|w| fold(w)).collect(),
                        exact: false,
                    });
                }
                let words = if exact {
                    raw
                } else {
                    raw.iter().map(|w| fold(w)).collect()
                };
                let form = Form {
                    source: ix,
                    words,
                    exact,
                };
                if !matcher.forms.contains(&form) {
                    matcher.forms.push(form);
                }
            }
        }
        // Who has each shortened form, whole or shortened: one pass over
        // the forms, whatever the number of sources.
        let mut owners: HashMap<&[String], Vec<usize>> = short
            .iter()
            .map(|f| (f.words.as_slice(), Vec::new()))
            .collect();
        for f in short.iter().chain(&matcher.forms) {
            if let Some(o) = owners.get_mut(f.words.as_slice())
                && !o.contains(&f.source)
            {
                o.push(f.source);
            }
        }
        let unique: Vec<Form> = short
            .iter()
            .filter(|f| owners.get(f.words.as_slice()).is_some_and(|o| o.len() == 1))
            .cloned()
            .collect();
        for form in unique {
            if !matcher.forms.contains(&form) {
                matcher.forms.push(form);
            }
        }
        let patterns = matcher.forms.iter().map(|form| {
            let mut pattern = String::from(SEPARATOR);
            for word in &form.words {
                pattern.push_str(&fold(word));
                pattern.push(SEPARATOR);
            }
            pattern
        });
        // Standard semantics, overlapping search: every form at every word
        // is reported, so no rule of choice lives in the automaton.
        matcher.automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .ok();
        matcher
    }

    /// A matcher that knows no source: attribution is kept as words only.
    pub fn empty() -> SourceMatcher {
        SourceMatcher::default()
    }

    /// Whether it knows no source (extracting without a store).
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Rules 2 and 3: whether `form` matches the text's words from `k`.
    fn matches_at(form: &Form, words: &[TextWord], k: usize) -> bool {
        let n = form.words.len();
        let Some(span) = words.get(k..k + n) else {
            return false;
        };
        let same = span.iter().zip(&form.words).all(|(w, f)| {
            if form.exact {
                w.raw == *f
            } else {
                w.folded == *f
            }
        });
        same && span[0].starts_token && span[n - 1].ends_token
    }

    /// The search: every (form, first word) where a form matches. Only
    /// where; what the matches mean is [`SourceMatcher::find`]'s.
    fn candidates(&self, words: &[TextWord]) -> Vec<(usize, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // Each word followed by the separator, and one before the first: a
        // pattern (which begins and ends with one) starts at a word.
        let mut haystack = String::from(SEPARATOR);
        let mut starts = Vec::with_capacity(words.len());
        for w in words {
            starts.push(haystack.len() - SEPARATOR.len_utf8());
            haystack.push_str(&w.folded);
            haystack.push(SEPARATOR);
        }
        let mut out: Vec<(usize, usize)> = automaton
            .find_overlapping_iter(&haystack)
            .filter_map(|m| {
                let k = starts.binary_search(&m.start()).ok()?;
                let f = m.pattern().as_usize();
                Self::matches_at(&self.forms[f], words, k).then_some((f, k))
            })
            .collect();
        out.sort_unstable_by_key(|&(f, k)| (k, f));
        out
    }

    /// The sources named in a token sequence, in order, by the rules of
    /// this module.
    pub(crate) fn find(&self, tokens: &[Token]) -> Vec<Mention> {
        if self.forms.is_empty() {
            return Vec::new();
        }
        let words = text_words(tokens);
        let mut candidates = self.candidates(&words);
        // Rule 4: the longest first, then the earliest.
        candidates.sort_by_key(|&(f, k)| (std::cmp::Reverse(self.forms[f].words.len()), k));
        let mut taken = vec![false; words.len()];
        let mut found = Vec::new();
        for (f, k) in candidates {
            let n = self.forms[f].words.len();
            if taken[k..k + n].iter().any(|&t| t) {
                continue;
            }
            taken[k..k + n].iter_mut().for_each(|t| *t = true);
            found.push(Mention {
                source: self.ids[self.forms[f].source].clone(),
                first: words[k].first,
                last: words[k + n - 1].last,
                owner: false,
            });
        }
        found.sort_by_key(|m| m.first);
        mark_owners(tokens, &mut found);
        found
    }

    /// `text` with every mention of a store source blanked out: who said
    /// something is not what it is about, and retrieval compares what
    /// claims are about.
    pub(crate) fn blank_mentions(&self, text: &str) -> String {
        if self.forms.is_empty() {
            return text.to_string();
        }
        let tokens = tokenize(text);
        let mut out = text.to_string();
        for m in self.find(&tokens) {
            let (start, end) = (tokens[m.first].start, tokens[m.last].end);
            out.replace_range(start..end, &" ".repeat(end - start));
        }
        out
    }
}

/// Words that link a named organisation to its owner: "Y of X", "Y de X".
const OWNER_LINKS: &[&str] = &["of", "de", "d'", "du", "des"];
/// Articles that may stand before the owner.
const ARTICLES: &[&str] = &["the", "la", "le", "l'", "les"];

/// Rule 4: "X's Y" and "Y of X" name Y; X is its owner.
fn mark_owners(tokens: &[Token], mentions: &mut [Mention]) {
    let folded = |k: usize| tokens.get(k).map_or("", |t| t.folded.as_str());
    for i in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        if a.source == b.source {
            continue;
        }
        // "the U.N.'s International Organization…": 's, then up to three
        // words, then the organisation.
        let possessive = matches!(folded(a.last + 1), "'" | "\u{2019}")
            && folded(a.last + 2) == "s"
            && b.first >= a.last + 3
            && b.first <= a.last + 6
            && tokens[a.last + 3..b.first]
                .iter()
                .all(|t| t.kind == Kind::Word);
        // "the agency of the UN": a link and an article at most.
        let mut k = a.last + 1;
        let linked = OWNER_LINKS.contains(&folded(k)) && {
            k += 1;
            k == b.first || (ARTICLES.contains(&folded(k)) && k + 1 == b.first)
        };
        if possessive {
            mentions[i].owner = true;
        } else if linked {
            mentions[i + 1].owner = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::store::SourceKind;

    fn source(id: &str, name: &str, aliases: &[&str]) -> Source {
        Source {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            kind: SourceKind::Other,
            alignment: None,
            prior: None,
            at: Location {
                file: "sources.yaml".into(),
                line: 1,
                column: 1,
            },
        }
    }

    pub(super) fn matcher() -> SourceMatcher {
        SourceMatcher::new(&[
            source(
                "ocha",
                "UN Office for the Coordination of Humanitarian Affairs",
                &[
                    "OCHA",
                    "UN humanitarian office",
                    "ONU",
                    "l'ONU",
                    "UN",
                    "U.N.",
                ],
            ),
            source(
                "who",
                "World Health Organization",
                &["WHO", "OMS", "Organisation mondiale de la santé"],
            ),
            source(
                "iom",
                "International Organization for Migration",
                &[
                    "IOM",
                    "OIM",
                    "Organisation internationale pour les migrations",
                ],
            ),
            source("outlet-12", "Outlet 12", &[]),
            source("al-watan", "Al-Watan (Syria)", &[]),
        ])
    }

    fn named(text: &str) -> Vec<(String, bool)> {
        matcher()
            .find(&tokenize(text))
            .into_iter()
            .map(|m| (m.source, m.owner))
            .collect()
    }

    fn credited(text: &str) -> Vec<String> {
        named(text)
            .into_iter()
            .filter(|(_, owner)| !owner)
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn acronyms_match_only_as_written() {
        // French "un" is not the UN; "Who knows?" is not the WHO.
        assert_eq!(
            credited("Dans un communiqué, l'OMS a fait état de 3 958 morts."),
            ["who"]
        );
        assert!(credited("Who knows how many died?").is_empty());
        assert!(credited("The who and the why.").is_empty());
        assert_eq!(credited("The UN said 40 died."), ["ocha"]);
        assert_eq!(credited("Selon l'ONU, 40 morts."), ["ocha"]);
        // Dotted initials are the acronym.
        assert_eq!(credited("The U.N. said 40 died."), ["ocha"]);
        assert_eq!(credited("The U.N. humanitarian office said so."), ["ocha"]);
    }

    #[test]
    fn other_forms_fold_accents_and_case() {
        assert_eq!(
            credited("selon l'organisation mondiale de la sante"),
            ["who"]
        );
        assert_eq!(credited("the world health organization said"), ["who"]);
    }

    /// Thousands of sources whose names share their first word ("Outlet
    /// N"): the automaton proposes only where a whole form stands, and the
    /// longest form wins, as with a handful of sources.
    #[test]
    fn many_sources_sharing_a_first_word_are_told_apart() {
        let sources: Vec<Source> = (0..3000)
            .map(|n| source(&format!("outlet-{n}"), &format!("Outlet {n}"), &[]))
            .chain([source("outlet", "Outlet", &[])])
            .collect();
        let matcher = SourceMatcher::new(&sources);
        let found = |text: &str| -> Vec<String> {
            matcher
                .find(&tokenize(text))
                .into_iter()
                .map(|m| m.source)
                .collect()
        };
        assert_eq!(found("Selon Outlet 2999, 40 morts."), ["outlet-2999"]);
        assert_eq!(
            found("Outlet 7 and Outlet 70 differ."),
            ["outlet-7", "outlet-70"]
        );
        assert_eq!(found("The outlet said so."), ["outlet"]);
    }

    #[test]
    fn the_name_as_written_names_the_source() {
        assert_eq!(credited("Outlet 12 reported 40 dead."), ["outlet-12"]);
        assert_eq!(credited("Selon Outlet 12, 40 morts."), ["outlet-12"]);
        assert_eq!(credited("Selon al-Watan, 40 morts."), ["al-watan"]);
        // An id that is a common word is not a form: "who" is WHO's id.
        assert!(credited("those who fled").is_empty());
    }

    #[test]
    fn the_most_specific_source_named_wins() {
        assert_eq!(
            named("according to the U.N.'s International Organization for Migration"),
            [("ocha".to_string(), true), ("iom".to_string(), false)]
        );
        assert_eq!(
            credited("according to the U.N.’s International Organization for Migration"),
            ["iom"]
        );
        assert_eq!(
            credited("selon l'Organisation internationale pour les migrations de l'ONU"),
            ["iom"]
        );
    }

    #[test]
    fn blanking_uses_the_same_rules() {
        let m = matcher();
        assert_eq!(
            m.blank_mentions("Selon l'OMS, un mort"),
            "Selon l'   , un mort"
        );
        assert_eq!(m.blank_mentions("Outlet 12: 3 morts"), "         : 3 morts");
    }

    fn ids(matcher: &SourceMatcher, text: &str) -> Vec<String> {
        matcher
            .find(&tokenize(text))
            .into_iter()
            .map(|m| m.source)
            .collect()
    }

    #[test]
    fn a_long_form_without_its_owner_names_its_source() {
        let m = SourceMatcher::new(&[
            source(
                "bureau-x",
                "Bureau X",
                &["Bureau de coordination des affaires agricoles des Nations unies"],
            ),
            source(
                "agence-y",
                "Agence Y",
                &["Agence nationale de contrôle des barrages de l'ONU"],
            ),
            source(
                "centre-z",
                "National Centre for Flood Control of the UN",
                &[],
            ),
        ]);
        assert_eq!(
            ids(
                &m,
                "d'après le Bureau de coordination des affaires agricoles."
            ),
            ["bureau-x"]
        );
        assert_eq!(
            ids(
                &m,
                "selon l'Agence nationale de contrôle des barrages, 5 morts"
            ),
            ["agence-y"]
        );
        assert_eq!(
            ids(
                &m,
                "according to the National Centre for Flood Control, 5 died"
            ),
            ["centre-z"]
        );
        // The whole form still matches, once.
        assert_eq!(
            ids(
                &m,
                "selon le Bureau de coordination des affaires agricoles des Nations unies"
            ),
            ["bureau-x"]
        );
    }

    #[test]
    fn shortened_forms_stay_long_and_unique() {
        let m = SourceMatcher::new(&[
            source(
                "interieur-a",
                "Ministry of the Interior and Territories of Arland",
                &[],
            ),
            source(
                "interieur-b",
                "Ministry of the Interior and Territories of Belmark",
                &[],
            ),
            source("sante-c", "Ministère de la Santé de Carlia", &[]),
            source(
                "office-d",
                "Office for the Coordination of Relief Affairs",
                &[],
            ),
        ]);
        // Two sources share the shortened form: it names neither.
        assert!(ids(&m, "the Ministry of the Interior and Territories said").is_empty());
        assert_eq!(
            ids(
                &m,
                "the Ministry of the Interior and Territories of Belmark said"
            ),
            ["interieur-b"]
        );
        // Too few content words left: "le ministère de la Santé" of where?
        assert!(ids(&m, "selon le ministère de la Santé, 3 morts").is_empty());
        // "Office for the Coordination" keeps two content words only.
        assert!(ids(&m, "the Office for the Coordination said").is_empty());
    }
}
