//! Guessing which stored question a figure answers.
//!
//! A proposal is only useful if the reviewer does not have to hunt for its
//! question, but a wrong guess pasted without a look is worse than none.
//! So the guess is made only when one question is clearly ahead, and
//! otherwise the best candidates are listed for the reviewer.
//!
//! Each question is described by the content stems ([`crate::words`]) of
//! its `ask` and of the `text` and `translation` of the claims that answer
//! it, each in its own language. A figure is described by the stems of its
//! noun (counted twice: "combattants" says more than "mercredi") and of its
//! sentence. The score of a question is the share of the figure's
//! idf-weighted stems that the question's description holds, in [0, 1];
//! idf is computed over the questions, so that a word every question shares
//! ("Qadam") weighs little.
//!
//! Only questions of a fitting kind compete: a percentage answers a
//! `share` question (or one whose unit is percent), another figure a
//! `count` question, a statement without a figure a `text` or `category`
//! question.
//!
//! **The rule**: `about` is proposed when the best score is at least
//! `MIN_SCORE` and at least `LEAD` times the runner-up's.

use super::Figure;
use crate::store::{QuestionIx, QuestionKind, Store};
use crate::words::{Lang, content_stems, guess_language, stem};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The lowest score at which a question is proposed.
pub(crate) const MIN_SCORE: f64 = 0.2;
/// How far ahead of the runner-up the best question must be.
pub(crate) const LEAD: f64 = 1.5;

/// What the guess concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum AboutGuess {
    /// One question is clearly ahead; the runner-up is given for the comment.
    Clear {
        /// The question proposed.
        question: QuestionIx,
        /// Its score, in [0, 1].
        score: f64,
        /// The second best question and its score, if any.
        runner_up: Option<(QuestionIx, f64)>,
    },
    /// No question is clearly ahead: the best few, best first (maybe none).
    Unclear(Vec<(QuestionIx, f64)>),
}

/// The store's questions, described for matching.
#[derive(Debug)]
pub(crate) struct QuestionIndex<'s> {
    store: &'s Store,
    descriptions: Vec<(QuestionIx, HashSet<String>)>,
    idf: HashMap<String, f64>,
    /// The stems of the last sentence scored: the figures of one sentence
    /// come one after the other, and stemming it again for each is most
    /// of the cost of a long article.
    last: RefCell<Option<(String, Lang, Vec<String>)>>,
}

fn text_stems(text: &str, lang: Option<Lang>) -> Vec<String> {
    let lang = lang.or_else(|| guess_language(text)).unwrap_or(Lang::En);
    content_stems(text, lang)
}

fn lang_of(code: Option<&str>) -> Option<Lang> {
    match code {
        Some("fr") => Some(Lang::Fr),
        Some("en") => Some(Lang::En),
        _ => None,
    }
}

impl<'s> QuestionIndex<'s> {
    pub fn new(store: &'s Store) -> QuestionIndex<'s> {
        let descriptions: Vec<(QuestionIx, HashSet<String>)> = store
            .question_ixs()
            .map(|q| {
                let question = store.question(q);
                let mut stems: HashSet<String> =
                    text_stems(&question.ask, None).into_iter().collect();
                for &c in &question.claims {
                    let claim = store.claim(c);
                    stems.extend(text_stems(&claim.text, lang_of(claim.lang.as_deref())));
                    if let Some(t) = &claim.translation {
                        stems.extend(text_stems(t, Some(Lang::En)));
                    }
                }
                (q, stems)
            })
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        for (_, stems) in &descriptions {
            for s in stems {
                *df.entry(s.clone()).or_default() += 1;
            }
        }
        let n = descriptions.len().max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(s, d)| (s, (1.0 + n / d as f64).ln()))
            .collect();
        QuestionIndex {
            store,
            descriptions,
            idf,
            last: RefCell::new(None),
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

    /// Scores of the fitting questions for a figure, best first.
    pub fn scores(&self, figure: &Figure) -> Vec<(QuestionIx, f64)> {
        let lang = figure.lang.unwrap_or(Lang::En);
        // Ordered, so that the sums below add up in the same order on every
        // run: a hash map's order changes the last digit of the score.
        let mut weights: BTreeMap<String, f64> = BTreeMap::new();
        {
            let mut last = self.last.borrow_mut();
            let fresh = !matches!(&*last, Some((s, l, _)) if *s == figure.sentence && *l == lang);
            if fresh {
                *last = Some((
                    figure.sentence.clone(),
                    lang,
                    content_stems(&figure.sentence, lang),
                ));
            }
            for s in last.iter().flat_map(|(_, _, stems)| stems) {
                weights.insert(s.clone(), 1.0);
            }
        }
        for word in figure.noun.iter().flat_map(|n| n.split_whitespace()) {
            weights.insert(stem(word, lang), 2.0);
        }
        // A stem no question uses is no evidence either way.
        let weight = |s: &str, w: f64| self.idf.get(s).map_or(0.0, |idf| idf * w);
        let total: f64 = weights.iter().map(|(s, &w)| weight(s, w)).sum();
        if total == 0.0 {
            return Vec::new();
        }
        let mut scores: Vec<(QuestionIx, f64)> = self
            .descriptions
            .iter()
            .filter(|(q, _)| self.fits(*q, figure))
            .map(|(q, stems)| {
                let shared: f64 = weights
                    .iter()
                    .filter(|(s, _)| stems.contains(*s))
                    .map(|(s, &w)| weight(s, w))
                    .sum();
                (*q, shared / total)
            })
            .filter(|&(_, score)| score > 0.0)
            .collect();
        scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores
    }

    /// The guess for a figure, by the rule of this module.
    pub fn guess(&self, figure: &Figure) -> AboutGuess {
        let scores = self.scores(figure);
        match scores.as_slice() {
            [(q, best), rest @ ..]
                if *best >= MIN_SCORE
                    && rest
                        .first()
                        .is_none_or(|(_, second)| *best >= LEAD * second) =>
            {
                AboutGuess::Clear {
                    question: *q,
                    score: *best,
                    runner_up: rest.first().copied(),
                }
            }
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
}
