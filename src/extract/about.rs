//! Guessing which stored question a figure answers, with the probability
//! that the guess is right.
//!
//! A proposal is only useful if the reviewer does not have to hunt for its
//! question, but a wrong guess pasted without a look is worse than none.
//! So each guess carries a probability that means what it says (of the
//! guesses printed at 0.8, about four in five are right), the guess is
//! made only when that probability reaches one half, and otherwise the best
//! candidates are listed for the reviewer with theirs. No guess is certain:
//! the probability stays within [`FLOOR`, `CEILING`], so a wrong guess
//! never prints 1.00.
//!
//! Only questions of a fitting kind compete: a percentage answers a
//! `share` question (or one whose unit is percent), another figure a
//! `count` question, a statement without a figure a `text` or `category`
//! question. Each fitting question is weighed on four pieces of
//! [`Evidence`]:
//!
//! - **words**: the share of the figure's idf-weighted content stems (its
//!   noun counted twice, then its sentence) that the question's
//!   description holds — the stems of its `ask` and of the `text` and
//!   `translation` of its claims, each in its own language; idf is over the
//!   questions, so a word every question shares ("Derna") weighs little;
//! - **concept shared**: what the figure counts, through the French–English
//!   concept lexicon ([`crate::concepts`]: "péri", "morts", "killed",
//!   "toll" are all `dead`), is what the question's `ask` or unit asks
//!   about; this is what lets a French article find an English question;
//! - **concept differs**: the figure counts one thing and the question
//!   asks about another ("10 100 disparus" against "How many people
//!   died");
//! - **known figure**: the figure is, within 1%, one that a claim of the
//!   question gives (figures of 1,000 or more; smaller ones say too little).
//!
//! A question's weight is `exp(u)` with `u` linear in the evidence
//! ([`WEIGHTS`]); the probability of each candidate is its weight over the
//! sum of all candidates' weights plus one, the weight of "none of them"
//! (a figure may answer no stored question: an appeal in dollars, a count
//! of body bags). The weights were fitted by maximum likelihood on the
//! figures of one real story (`retraites-2023-03-23`) and checked on
//! another (`derna-2023-09`)
//! (`cargo run --release --example eval-about -- --fit`, docs/extract.md).

use super::Figure;
use crate::concepts;
use crate::store::{ClaimIx, QuestionIx, QuestionKind, Store};
use crate::words::{Lang, content_stem, content_stems, content_words, guess_language, stem};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The probability from which a question is proposed.
pub const PROPOSE_FROM: f64 = 0.5;
/// The lowest probability a candidate is given: nothing is ruled out.
pub const FLOOR: f64 = 0.01;
/// The highest probability a guess is given: no guess is certain.
pub const CEILING: f64 = 0.99;

/// The weights of the evidence, in the order of [`Evidence::features`]:
/// constant, words, concept shared, concept differs, known figure.
pub const WEIGHTS: [f64; 5] = [-1.674, 2.168, 1.829, -0.939, 3.325];

/// What a guess concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum AboutGuess {
    /// One question is ahead; the runner-up is given for the comment.
    Clear {
        /// The question proposed.
        question: QuestionIx,
        /// The probability that it is the question the figure answers.
        score: f64,
        /// The second best question and its probability, if any.
        runner_up: Option<(QuestionIx, f64)>,
    },
    /// No question is likely enough: the best few, best first (maybe none),
    /// each with its probability.
    Unclear(Vec<(QuestionIx, f64)>),
}

/// What speaks for one question as the answer of one figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// The share of the figure's weighted stems the question holds, in [0, 1].
    pub words: f64,
    /// What the figure counts is what the question asks about.
    pub concept_shared: bool,
    /// The figure counts something and the question asks about something
    /// else.
    pub concept_differs: bool,
    /// A claim of the question gives the figure (within 1%; 1,000 or more).
    pub known_figure: bool,
}

impl Evidence {
    /// The evidence as numbers, in the order of [`WEIGHTS`].
    pub fn features(&self) -> [f64; 5] {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        [
            1.0,
            self.words,
            flag(self.concept_shared),
            flag(self.concept_differs),
            flag(self.known_figure),
        ]
    }

    /// The linear utility of the question under `weights`.
    pub fn utility(&self, weights: &[f64; 5]) -> f64 {
        self.features()
            .iter()
            .zip(weights)
            .map(|(x, w)| x * w)
            .sum()
    }
}

/// Probabilities of candidates from their utilities: each weight over the
/// sum of the weights plus one ("none of them"), kept within
/// [`FLOOR`, `CEILING`].
pub fn probabilities(utilities: &[f64]) -> Vec<f64> {
    // Shifted by the largest utility (and "none" at 0) for exp's range.
    let top = utilities.iter().copied().fold(0.0_f64, f64::max);
    let none = (-top).exp();
    let weights: Vec<f64> = utilities.iter().map(|u| (u - top).exp()).collect();
    let total: f64 = none + weights.iter().sum::<f64>();
    weights
        .iter()
        .map(|w| (w / total).clamp(FLOOR, CEILING))
        .collect()
}

/// One question, described for matching.
#[derive(Debug)]
struct Described {
    question: QuestionIx,
    concepts: Vec<&'static str>,
    figures: Vec<f64>,
}

/// A stem some question's description holds: its idf, and which questions
/// hold it (positions in `described`, ascending).
#[derive(Debug)]
struct Term {
    idf: f64,
    questions: Vec<usize>,
}

/// One of the figure's stems, with its weight (noun 2, sentence 1) and the
/// term it is, if any question holds it.
#[derive(Debug, Clone, Copy)]
struct Weighed<'t> {
    weight: f64,
    term: Option<&'t Term>,
}

/// A sentence, its language, and its stems sorted without repeats.
type LastSentence = (String, Lang, Vec<Rc<str>>);

/// How many words the stem memory holds before it starts again: an
/// article's vocabulary is far smaller than its length, but a hostile
/// text of distinct words must not grow it without bound.
const MEMO_WORDS: usize = 50_000;

/// The store's questions, described for matching.
///
/// Built so that a figure costs what its own words and candidates cost,
/// not what the store holds: a stem leads to the questions that hold it,
/// a concept to the questions that ask about it, a figure to the claims
/// that give it (sorted values), and each word of the article is stemmed
/// once, not once per sentence.
#[derive(Debug)]
pub struct QuestionIndex<'s> {
    store: &'s Store,
    described: Vec<Described>,
    terms: HashMap<String, Term>,
    /// Concept → questions that ask about it (positions, ascending).
    by_concept: HashMap<&'static str, Vec<usize>>,
    /// Every figure of every question's claims, with the question's
    /// position, by value.
    by_figure: Vec<(f64, usize)>,
    /// The stems of the last sentence scored, sorted and without repeats:
    /// the figures of one sentence come one after the other.
    last: RefCell<Option<LastSentence>>,
    /// Each word's content stem (`words::content_stem`), per language.
    memo: RefCell<[HashMap<String, Option<String>>; 2]>,
}

/// The stems of a stored text in its language and in the other one: an
/// article stems names in its own language ("Paris" is `paris` in French,
/// `pari` in English), and an English question must still meet a French
/// article on them.
fn text_stems(text: &str, lang: Option<Lang>) -> Vec<String> {
    let lang = lang.or_else(|| guess_language(text)).unwrap_or(Lang::En);
    let mut stems = content_stems(text, lang);
    stems.extend(content_stems(text, lang.other()));
    stems
}

fn lang_of(code: Option<&str>) -> Option<Lang> {
    code.and_then(Lang::from_code)
}

/// What a question asks about, as concepts: those of its `ask` and unit.
fn question_concepts(ask: &str, unit: Option<&str>) -> Vec<&'static str> {
    let mut found = concepts::concepts_in(ask, guess_language(ask));
    for c in unit
        .map(|u| concepts::concepts_in(u, None))
        .unwrap_or_default()
    {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// What a figure counts, as concepts: those of its own words (the noun:
/// "11 300 morts") if they state any; else those of the words after it up
/// to the next figure ("11 300 personnes ont péri", "10 100 restent
/// portées disparues"); else those before it back to the previous figure
/// ("the death toll … has soared to 11,300"). News writes what a figure
/// counts beside it when its noun does not say.
pub fn figure_concepts(figure: &Figure) -> Vec<&'static str> {
    let lang = figure.lang;
    let own = concepts::concepts_in(&figure.quote, lang);
    if !own.is_empty() {
        return own;
    }
    let sentence = figure.sentence.as_str();
    let Some(at) = sentence.find(figure.quote.as_str()) else {
        return Vec::new();
    };
    let end = at + figure.quote.len();
    // Back to the previous digit (the figure before), on to the next one.
    let from = sentence[..at]
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let to = sentence[end..]
        .find(|c: char| c.is_ascii_digit())
        .map_or(sentence.len(), |i| end + i);
    let after = concepts::concepts_in(&sentence[end..to], lang);
    if !after.is_empty() {
        return after;
    }
    concepts::concepts_in(&sentence[from..at], lang)
}

impl<'s> QuestionIndex<'s> {
    /// The index of every question of the store, described by all its claims.
    pub fn new(store: &'s Store) -> QuestionIndex<'s> {
        QuestionIndex::excluding(store, &HashSet::new())
    }

    /// The index with the claims `held_out` left out of the descriptions,
    /// as if the store did not hold them: how an evaluation judges an
    /// article whose own claims are already filed.
    pub fn excluding(store: &'s Store, held_out: &HashSet<ClaimIx>) -> QuestionIndex<'s> {
        let mut stems_of: Vec<HashSet<String>> = Vec::new();
        let described: Vec<Described> = store
            .question_ixs()
            .map(|q| {
                let question = store.question(q);
                let mut stems: HashSet<String> =
                    text_stems(&question.ask, None).into_iter().collect();
                let mut figures = Vec::new();
                for &c in question.claims.iter().filter(|c| !held_out.contains(c)) {
                    let claim = store.claim(c);
                    stems.extend(text_stems(&claim.text, lang_of(claim.lang.as_deref())));
                    if let Some(t) = &claim.translation {
                        stems.extend(text_stems(t, Some(Lang::En)));
                    }
                    figures.extend(claim.value.numbers());
                }
                stems_of.push(stems);
                Described {
                    question: q,
                    concepts: question_concepts(&question.ask, question.unit.as_deref()),
                    figures,
                }
            })
            .collect();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, stems) in stems_of.into_iter().enumerate() {
            for s in stems {
                postings.entry(s).or_default().push(at);
            }
        }
        let n = described.len().max(1) as f64;
        let terms = postings
            .into_iter()
            .map(|(s, questions)| {
                let idf = (1.0 + n / questions.len() as f64).ln();
                (s, Term { idf, questions })
            })
            .collect();
        let mut by_concept: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut by_figure = Vec::new();
        for (at, d) in described.iter().enumerate() {
            for &c in &d.concepts {
                let questions = by_concept.entry(c).or_default();
                if questions.last() != Some(&at) {
                    questions.push(at);
                }
            }
            by_figure.extend(d.figures.iter().map(|&y| (y, at)));
        }
        by_figure.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        QuestionIndex {
            store,
            described,
            terms,
            by_concept,
            by_figure,
            last: RefCell::new(None),
            memo: RefCell::new([HashMap::new(), HashMap::new()]),
        }
    }

    fn fits(&self, q: QuestionIx, figure: &Figure) -> bool {
        let question = self.store.question(q);
        let percent_question = question.in_percent(None);
        if !figure.value.is_numeric() {
            return matches!(question.kind, QuestionKind::Text | QuestionKind::Category);
        }
        if figure.is_percent() {
            percent_question
        } else {
            question.kind == QuestionKind::Count && !percent_question
        }
    }

    /// The content stems of `text` in `lang`, each word stemmed once per
    /// index (`words::content_stems`, remembered word by word).
    fn sentence_stems(&self, text: &str, lang: Lang) -> Vec<String> {
        let mut memo = self.memo.borrow_mut();
        let memo = &mut memo[usize::from(lang == Lang::En)];
        if memo.len() > MEMO_WORDS {
            memo.clear();
        }
        content_words(text)
            .filter_map(|w| match memo.get(w) {
                Some(known) => known.clone(),
                None => {
                    let found = content_stem(w, lang);
                    memo.insert(w.to_string(), found.clone());
                    found
                }
            })
            .collect()
    }

    /// The figure's stems with their weights (noun 2, sentence 1), in the
    /// order of the stems (so that sums add up in the same order on every
    /// run: a hash map's order would change the last digit of the score).
    fn weights(&self, figure: &Figure) -> Vec<(Rc<str>, Weighed<'_>)> {
        let lang = figure.lang.unwrap_or(Lang::En);
        let mut last = self.last.borrow_mut();
        let fresh = !matches!(&*last, Some((s, l, _)) if *s == figure.sentence && *l == lang);
        if fresh {
            let mut stems = self.sentence_stems(&figure.sentence, lang);
            stems.sort_unstable();
            stems.dedup();
            let stems = stems.into_iter().map(Rc::from).collect();
            *last = Some((figure.sentence.clone(), lang, stems));
        }
        let term = |s: &str| self.terms.get(s);
        let mut weights: Vec<(Rc<str>, Weighed)> = last
            .iter()
            .flat_map(|(_, _, stems)| stems)
            .map(|s| {
                let weighed = Weighed {
                    weight: 1.0,
                    term: term(s),
                };
                (s.clone(), weighed)
            })
            .collect();
        for word in figure.noun.iter().flat_map(|n| n.split_whitespace()) {
            let s = stem(word, lang);
            match weights.binary_search_by(|(w, _)| (**w).cmp(s.as_str())) {
                Ok(at) => weights[at].1.weight = 2.0,
                Err(at) => {
                    let weighed = Weighed {
                        weight: 2.0,
                        term: term(&s),
                    };
                    weights.insert(at, (Rc::from(s), weighed));
                }
            }
        }
        weights
    }

    /// The questions any evidence could speak for (positions, ascending):
    /// those that hold one of the figure's stems, ask about what it counts,
    /// or have a claim that gives one of its figures.
    fn candidates(
        &self,
        weights: &[(Rc<str>, Weighed)],
        counted: &[&str],
        mine: &[f64],
    ) -> Vec<usize> {
        let mut found: Vec<usize> = weights
            .iter()
            .filter_map(|(_, w)| w.term)
            .flat_map(|t| t.questions.iter().copied())
            .collect();
        for c in counted {
            found.extend(self.by_concept.get(c).into_iter().flatten().copied());
        }
        for &x in mine {
            // Within 1% of the larger of the two implies within 1.02% of x.
            let (low, high) = (x - 0.0102 * x.abs(), x + 0.0102 * x.abs());
            let from = self
                .by_figure
                .partition_point(|(y, _)| y.total_cmp(&low).is_lt());
            let to = self
                .by_figure
                .partition_point(|(y, _)| y.total_cmp(&high).is_le());
            found.extend(self.by_figure[from..to].iter().map(|&(_, at)| at));
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The evidence for each fitting question that anything speaks for,
    /// in question order.
    pub fn evidence(&self, figure: &Figure) -> Vec<(QuestionIx, Evidence)> {
        let weights = self.weights(figure);
        // A stem no question uses is no evidence either way.
        let weight = |w: &Weighed| w.term.map_or(0.0, |t| t.idf * w.weight);
        let total: f64 = weights.iter().map(|(_, w)| weight(w)).sum();
        let counted = if figure.value.is_numeric() {
            figure_concepts(figure)
        } else {
            Vec::new()
        };
        let mine: Vec<f64> = figure
            .value
            .numbers()
            .into_iter()
            .filter(|x| x.abs() >= 1000.0)
            .collect();
        self.candidates(&weights, &counted, &mine)
            .into_iter()
            .map(|at| (at, &self.described[at]))
            .filter(|(_, d)| self.fits(d.question, figure))
            .map(|(at, d)| {
                let shared: f64 = weights
                    .iter()
                    .filter(|(_, w)| {
                        w.term
                            .is_some_and(|t| t.questions.binary_search(&at).is_ok())
                    })
                    .map(|(_, w)| weight(w))
                    .sum();
                let words = if total > 0.0 { shared / total } else { 0.0 };
                let concept_shared = counted.iter().any(|c| d.concepts.contains(c));
                let evidence = Evidence {
                    words,
                    concept_shared,
                    concept_differs: !concept_shared
                        && !counted.is_empty()
                        && !d.concepts.is_empty(),
                    known_figure: mine.iter().any(|&x| {
                        d.figures
                            .iter()
                            .any(|&y| (x - y).abs() <= 0.01 * x.abs().max(y.abs()))
                    }),
                };
                (d.question, evidence)
            })
            .filter(|(_, e)| e.words > 0.0 || e.concept_shared || e.known_figure)
            .collect()
    }

    /// The probability of each candidate question, best first.
    pub fn scores(&self, figure: &Figure) -> Vec<(QuestionIx, f64)> {
        let evidence = self.evidence(figure);
        let utilities: Vec<f64> = evidence.iter().map(|(_, e)| e.utility(&WEIGHTS)).collect();
        let mut scores: Vec<(QuestionIx, f64)> = evidence
            .iter()
            .map(|(q, _)| *q)
            .zip(probabilities(&utilities))
            .collect();
        scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores
    }

    /// The guess for a figure: the most probable question if its
    /// probability reaches [`PROPOSE_FROM`].
    pub fn guess(&self, figure: &Figure) -> AboutGuess {
        let scores = self.scores(figure);
        match scores.as_slice() {
            [(q, best), rest @ ..] if *best >= PROPOSE_FROM => AboutGuess::Clear {
                question: *q,
                score: *best,
                runner_up: rest.first().copied(),
            },
            _ => AboutGuess::Unclear(scores.into_iter().take(3).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{SourceMatcher, extract};

    #[test]
    fn scores_are_the_same_to_the_last_digit_on_every_run() {
        let store = Store::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let text = include_str!("../../tests/fixtures/seed-qadam-afp-2018-03.txt");
        let figures = extract(text, &SourceMatcher::new(store.sources()));
        assert!(!figures.is_empty());
        // Each index (and each call) would hash in its own order.
        let first: Vec<Vec<(QuestionIx, u64)>> = figures
            .iter()
            .map(|f| {
                QuestionIndex::new(&store)
                    .scores(f)
                    .into_iter()
                    .map(|(q, s)| (q, s.to_bits()))
                    .collect()
            })
            .collect();
        for _ in 0..20 {
            let index = QuestionIndex::new(&store);
            for (f, expected) in figures.iter().zip(&first) {
                let again: Vec<(QuestionIx, u64)> = index
                    .scores(f)
                    .into_iter()
                    .map(|(q, s)| (q, s.to_bits()))
                    .collect();
                assert_eq!(&again, expected);
            }
        }
    }

    /// A store of two count questions, each with one claim: `boats` gives
    /// 995 boats, `tents` 5,000 tents.
    fn two_counts() -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("sources.yaml"),
            "sources:\n  - id: harbour-desk\n    name: Harbour Desk\n    kind: other\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("claims")).unwrap();
        std::fs::write(
            dir.path().join("claims/port.yaml"),
            "event: port\ntitle: Port\nquestions:\n\
             \x20 - {id: boats, ask: How many boats were counted?, kind: count}\n\
             \x20 - {id: tents, ask: How many tents were pitched?, kind: count}\n\
             claims:\n\
             \x20 - {id: b, source: harbour-desk, date: 2024-01-02, about: boats, value: 995, text: 995 boats}\n\
             \x20 - {id: t, source: harbour-desk, date: 2024-01-02, about: tents, value: 5000, text: 5000 tents}\n",
        )
        .unwrap();
        let store = Store::load(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn a_known_figure_is_found_within_one_percent_even_below_a_thousand() {
        let (_dir, store) = two_counts();
        let index = QuestionIndex::new(&store);
        let known = |text: &str| -> Vec<&str> {
            let figure = &extract(text, &SourceMatcher::empty())[0];
            index
                .evidence(figure)
                .into_iter()
                .filter(|(_, e)| e.known_figure)
                .map(|(q, _)| store.question(q).id.as_str())
                .collect()
        };
        // |1,005 - 995| = 10, within 1% of 1,005; 1,020 is not; a figure
        // under 1,000 says too little to be known.
        assert_eq!(known("Officials counted 1,005 yesterday."), ["boats"]);
        assert!(known("Officials counted 1,020 yesterday.").is_empty());
        assert!(known("Officials counted 995 yesterday.").is_empty());
        assert_eq!(known("Officials counted 4,960 yesterday."), ["tents"]);
    }

    fn derna() -> Store {
        Store::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/derna-2023-09"),
        )
        .unwrap()
    }

    /// The guess for the first figure of `text` against `store`.
    fn first_guess(store: &Store, text: &str) -> AboutGuess {
        let figures = extract(text, &SourceMatcher::new(store.sources()));
        let figure = figures
            .iter()
            .find(|f| f.value.is_numeric())
            .expect("a figure");
        QuestionIndex::new(store).guess(figure)
    }

    fn proposed(store: &Store, guess: &AboutGuess) -> Option<String> {
        match guess {
            AboutGuess::Clear { question, .. } => Some(store.question_key(*question)),
            AboutGuess::Unclear(_) => None,
        }
    }

    #[test]
    fn a_french_figure_finds_its_english_question_through_the_lexicon() {
        let store = derna();
        for (text, expected) in [
            // Figures the store does not hold: what they count decides.
            (
                "4 120 personnes ont péri dans la seule ville de Derna.",
                "derna-2023-09/derna-dead",
            ),
            (
                "Plus de 4 120 personnes restent portées disparues à Derna.",
                "derna-2023-09/derna-missing",
            ),
            (
                "Au moins 4 120 habitants de Derna ont été déplacés.",
                "derna-2023-09/derna-displaced",
            ),
        ] {
            let guess = first_guess(&store, text);
            assert_eq!(
                proposed(&store, &guess).as_deref(),
                Some(expected),
                "{text}: {guess:?}"
            );
        }
    }

    #[test]
    fn an_english_paraphrase_finds_its_question_too() {
        let store = derna();
        let guess = first_guess(&store, "The death toll in the city of Derna rose to 4,120.");
        assert_eq!(
            proposed(&store, &guess).as_deref(),
            Some("derna-2023-09/derna-dead")
        );
        let guess = first_guess(&store, "Another 4,120 people are unaccounted for in Derna.");
        assert_eq!(
            proposed(&store, &guess).as_deref(),
            Some("derna-2023-09/derna-missing")
        );
    }

    #[test]
    fn two_questions_that_fit_alike_give_no_guess_but_both_are_listed() {
        // Deaths in Derna or elsewhere: "morts à Derna" does not say which
        // well enough, so the reviewer chooses.
        let store = derna();
        let guess = first_guess(&store, "Au moins 4 120 morts à Derna, selon l'OMS.");
        let AboutGuess::Unclear(list) = &guess else {
            panic!("{guess:?}")
        };
        let listed: Vec<String> = list.iter().map(|(q, _)| store.question_key(*q)).collect();
        assert!(
            listed.contains(&"derna-2023-09/derna-dead".to_string()),
            "{listed:?}"
        );
        assert!(
            listed.contains(&"derna-2023-09/elsewhere-dead".to_string()),
            "{listed:?}"
        );
        assert!(list.iter().all(|(_, p)| *p < PROPOSE_FROM));
    }

    #[test]
    fn no_guess_is_certain() {
        // Overwhelming evidence still leaves room for "none of them".
        assert!(probabilities(&[1e6]).iter().all(|&p| p <= CEILING));
        assert!(probabilities(&[-1e6, 3.0]).iter().all(|&p| p >= FLOOR));
        // A sentence the store quotes word for word, with its figure.
        let store = derna();
        let text = include_str!("../../tests/fixtures/seed-qadam-afp-2018-03.txt");
        let shipped = Store::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        for (store, text) in [
            (
                &store,
                "The Libyan Red Crescent aid organization says that the death toll from floods in the eastern Libyan city of Derna has soared to 11,300.",
            ),
            (&shipped, text),
        ] {
            let index = QuestionIndex::new(store);
            for f in extract(text, &SourceMatcher::new(store.sources())) {
                for (_, p) in index.scores(&f) {
                    assert!(
                        p <= CEILING && format!("{p:.2}") != "1.00",
                        "{p} for {}",
                        f.quote
                    );
                }
            }
        }
    }

    #[test]
    fn two_equal_candidates_give_no_guess() {
        // Each takes less than half, the rest going to "none".
        let p = probabilities(&[2.0, 2.0]);
        assert!(p[0] < PROPOSE_FROM && (p[0] - p[1]).abs() < 1e-12, "{p:?}");
        // And more evidence for one makes it more likely.
        let p = probabilities(&[3.0, 2.0]);
        assert!(p[0] > p[1]);
    }

    #[test]
    fn what_a_figure_counts_is_read_around_it() {
        let store = derna();
        let concepts_of = |text: &str| -> Vec<Vec<&'static str>> {
            extract(text, &SourceMatcher::new(store.sources()))
                .iter()
                .filter(|f| f.value.is_numeric())
                .map(figure_concepts)
                .collect()
        };
        assert_eq!(
            concepts_of("environ 11 300 morts et 10 100 disparus dans la ville"),
            [vec!["dead"], vec!["missing"]]
        );
        assert_eq!(
            concepts_of("The death toll has soared to 11,300 in Derna."),
            [vec!["dead"]]
        );
        assert_eq!(
            concepts_of(
                "Au moins 11 300 personnes sont mortes et 10 100 restent portées disparues."
            ),
            [vec!["dead"], vec!["missing"]]
        );
    }
}
