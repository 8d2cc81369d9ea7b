//! The ranking function and what its score means.
//!
//! A document's relevance is BM25F over its four fields (`super::FIELD_COUNT`);
//! the query is the text's terms, plus the author's name when the text is a
//! signed post (the date of the signature is dropped: it says when the post
//! was written, not what it is about).
//!
//! BM25F ranks well but its raw score means nothing on its own: it grows
//! with the length of the query and the rarity of its words, so no
//! threshold could say "about nothing on file". Two measures of a
//! candidate are comparable from one query to the next, because each is a
//! share in [0, 1]:
//!
//! - `bm25f`: the BM25F score over the best score the query could get
//!   (every term matched, saturated);
//! - `query_covered`: the share of the query's idf-weighted terms that the
//!   document holds at all.
//!
//! A logistic model turns them into the probability that the query is
//! about the document. The direction of its weights was fitted on the CLEF
//! CheckThat! 2020 training tweets by coordinate ascent on MAP@5; their
//! scale and the intercept by logistic regression on each training tweet's
//! best hit with its verified claim on file and with it removed, so that
//! the score of a best hit reads as the probability that it is what the
//! text is about (`cargo run --release --example eval-claim-matching --
//! --fit`); both were checked on the development tweets. More measures
//! were tried (the share of the claim's own wording the query covers,
//! shared bigrams, matching figures, tf-idf cosine): on the training
//! tweets none earned a weight next to these two, so none is computed.
//! `docs/retrieval.md` has the figures.

use super::analysis::{self, split_signature};
use super::{FIELD_COUNT, Postings};
use crate::concepts::CONCEPT_MARK;
use crate::words::guess_language;
use std::collections::BTreeMap;

/// BM25's saturation of repeated terms.
pub(crate) const K1: f64 = 1.2;
/// BM25's length normalisation.
pub(crate) const B: f64 = 0.75;
/// BM25F weights of the fields: text, translation, ask, context.
pub(crate) const FIELD_WEIGHTS: [f64; FIELD_COUNT] = [1.0, 1.0, 0.8, 0.3];
/// How much a concept term (`~dead`) or a rounded figure (`#~1100000`)
/// weighs in a query against a word: each restates a term the query
/// already has ("killed" is `kill` and `~dead`; 1,089,000 is `#1089000`
/// and `#~1100000`), so at full weight it would count that term twice; its
/// worth is in the documents that say it in other words, in the other
/// language, or rounded. Chosen on the CLEF development tweets
/// (docs/retrieval.md).
pub(crate) const CONCEPT_WEIGHT: f64 = 0.5;
/// How many documents are scored by the model, at least.
pub const CANDIDATES: usize = 50;

/// The score under which a text is about nothing on file: `check` says
/// `new`. See `docs/retrieval.md` for its calibration.
pub const NEW_BELOW: f64 = 0.35;

/// How many features the model reads.
pub const FEATURES: usize = 2;
/// Their names, in [`Features::values`] order.
pub const FEATURE_NAMES: [&str; FEATURES] = ["bm25f", "query_covered"];
/// The fitted weights, in [`FEATURE_NAMES`] order, and the intercept.
pub const WEIGHTS: [f64; FEATURES] = [12.868, 1.287];
/// The intercept of the model (see [`WEIGHTS`]).
pub const INTERCEPT: f64 = -2.244;

/// A query, analysed once for all documents.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// Each distinct term with its inverse document frequency, in term
    /// order, so that sums are the same to the last bit on every run.
    pub terms: BTreeMap<String, f64>,
    /// Σ idf over the terms: the worth of full coverage.
    pub mass: f64,
}

impl Query {
    pub(super) fn new(text: &str, index: &impl Postings) -> Query {
        let (body, author) = split_signature(text);
        let mut words = analysis::terms(body, guess_language(body), index.fallback());
        if let Some(author) = author {
            words.extend(analysis::terms(
                &author,
                Some(index.fallback()),
                index.fallback(),
            ));
        }
        let terms: BTreeMap<String, f64> = words
            .into_iter()
            .map(|t| {
                let mut idf = index.idf(&t);
                if t.starts_with(CONCEPT_MARK) || analysis::is_rounded_term(&t) {
                    idf *= CONCEPT_WEIGHT;
                }
                (t, idf)
            })
            .collect();
        let mass = terms.values().sum();
        Query { terms, mass }
    }
}

/// What the model knows of a candidate; every value is in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// The features, in [`FEATURE_NAMES`]' order.
    pub values: [f64; FEATURES],
}

/// The model's probability that the query is about the candidate.
pub(crate) fn score(features: &Features) -> f64 {
    let z: f64 = INTERCEPT
        + WEIGHTS
            .iter()
            .zip(features.values)
            .map(|(w, x)| w * x)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}
