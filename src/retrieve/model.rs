//! The second stage: how likely a query is about a candidate claim.
//!
//! BM25F ranks well but its score means nothing on its own: it grows with
//! the length of the query and the rarity of its words, so no threshold can
//! say "about nothing on file". This stage measures, for each candidate,
//! things that are comparable from one query to the next because each is a
//! share in [0, 1]:
//!
//! - `bm25f`: the BM25F score over the query's own best possible score;
//! - `query_covered`: the share of the query's (idf-weighted) terms the
//!   claim's fields hold;
//! - `claim_covered`: the share of the claim's own wording (text or
//!   translation, whichever is better covered) that the query holds: a
//!   stored claim is usually a short statement of what the new text says
//!   at length, so nearly all of it should be there;
//! - `ask_covered`: the same for its question's `ask`;
//! - `bigrams`: the share of the claim's (or question's) adjacent term
//!   pairs that the query has too, which tells "Trump tweeted" from
//!   "tweeted about Trump";
//! - `figures_matched` and `figures_clash`: the share of the claim's
//!   figures the query states, and whether the query states figures of
//!   which none is the claim's ("62 killed" is not about the 36 claim);
//! - `cosine`: tf-idf cosine of the query and the claim's wordings.
//!
//! A logistic model combines them into the probability that the query is
//! about the claim. Its weights were fitted on the CLEF CheckThat! 2020
//! training tweets (`cargo run --release --example eval-claim-matching --
//! --fit`) and checked on the development tweets; `docs/retrieval.md` has
//! the figures.

use super::analysis::{self, bigrams, is_figure, split_signature};
use super::{FIELD_COUNT, Field, FieldTerms, Index};
use crate::words::guess_language;
use std::collections::{HashMap, HashSet};

/// BM25's saturation of repeated terms.
pub const K1: f64 = 1.2;
/// BM25's length normalisation.
pub const B: f64 = 0.75;
/// BM25F weights of [`Field`]s: text, translation, ask, context.
pub const FIELD_WEIGHTS: [f64; FIELD_COUNT] = [1.0, 1.0, 0.8, 0.3];
/// How much a word of a post's signature (its author) counts against a
/// word of the post.
pub const AUTHOR_WEIGHT: f64 = 0.3;
/// How many first-stage candidates the model rescores.
pub const CANDIDATES: usize = 50;

/// The score under which a text is about nothing on file: `check` says
/// `new`. See `docs/retrieval.md` for its calibration.
pub const NEW_BELOW: f64 = 0.3;

/// How many features the model reads.
pub const FEATURES: usize = 8;
/// Their names, in [`Features::values`] order.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "bm25f",
    "query_covered",
    "claim_covered",
    "ask_covered",
    "bigrams",
    "figures_matched",
    "figures_clash",
    "cosine",
];
/// The fitted weights, in [`FEATURE_NAMES`] order, and the intercept.
pub const WEIGHTS: [f64; FEATURES] = [6.0, 2.0, 4.0, 2.0, 2.0, 1.0, -1.0, 4.0];
pub const INTERCEPT: f64 = -9.0;

/// A query, analysed once for all candidates.
#[derive(Debug, Clone)]
pub struct Query {
    /// Each term with its weight (1 for the text, [`AUTHOR_WEIGHT`] for a
    /// signature's words).
    pub weights: HashMap<String, f64>,
    bigrams: HashSet<String>,
    figures: HashSet<String>,
    /// Σ weight × idf over the terms: what full coverage is worth.
    mass: f64,
    /// Euclidean norm of the tf-idf vector.
    norm: f64,
}

impl Query {
    pub fn new(text: &str, index: &Index) -> Query {
        let (body, author) = split_signature(text);
        let lang = guess_language(body);
        let terms = analysis::terms(body, lang, index.fallback());
        let mut weights: HashMap<String, f64> = HashMap::new();
        for term in &terms {
            weights.insert(term.clone(), 1.0);
        }
        if let Some(author) = author {
            for term in analysis::terms(&author, Some(index.fallback()), index.fallback()) {
                weights.entry(term).or_insert(AUTHOR_WEIGHT);
            }
        }
        let figures = terms.iter().filter(|t| is_figure(t)).cloned().collect();
        let mass = weights.iter().map(|(t, w)| w * index.idf(t)).sum();
        let norm = weights
            .iter()
            .map(|(t, w)| (w * index.idf(t)).powi(2))
            .sum::<f64>()
            .sqrt();
        Query {
            weights,
            bigrams: bigrams(&terms).into_iter().collect(),
            figures,
            mass,
            norm,
        }
    }
}

/// What the model knows of a candidate; every value is in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    pub values: [f64; FEATURES],
}

/// The share of a wording's idf mass (each distinct term once) that the
/// query holds; 0 for an empty wording.
fn covered(index: &Index, query: &Query, terms: &[String]) -> f64 {
    let distinct: HashSet<&String> = terms.iter().collect();
    let (mut held, mut total) = (0.0, 0.0);
    for term in distinct {
        let idf = index.idf(term);
        total += idf;
        if query.weights.contains_key(term.as_str()) {
            held += idf;
        }
    }
    if total > 0.0 { held / total } else { 0.0 }
}

/// The share of a wording's bigrams that the query has too.
fn bigrams_shared(query: &Query, terms: &[String]) -> f64 {
    let pairs: HashSet<String> = bigrams(terms).into_iter().collect();
    if pairs.is_empty() {
        return 0.0;
    }
    pairs.iter().filter(|p| query.bigrams.contains(*p)).count() as f64 / pairs.len() as f64
}

impl Features {
    pub fn of(index: &Index, query: &Query, fields: &FieldTerms, bm25f: f64) -> Features {
        let text = &fields[Field::Text as usize];
        let translation = &fields[Field::Translation as usize];
        let ask = &fields[Field::Ask as usize];
        let all: HashSet<&String> = fields.iter().flatten().collect();
        let query_covered = if query.mass > 0.0 {
            query
                .weights
                .iter()
                .filter(|(t, _)| all.contains(t))
                .map(|(t, w)| w * index.idf(t))
                .sum::<f64>()
                / query.mass
        } else {
            0.0
        };
        let claim_covered = covered(index, query, text).max(covered(index, query, translation));
        let ask_covered = covered(index, query, ask);
        let bigrams = bigrams_shared(query, text)
            .max(bigrams_shared(query, translation))
            .max(bigrams_shared(query, ask));
        let figures: HashSet<&String> = all.iter().copied().filter(|t| is_figure(t)).collect();
        let shared_figures = figures
            .iter()
            .filter(|f| query.figures.contains(f.as_str()))
            .count();
        let (figures_matched, figures_clash) = if figures.is_empty() || query.figures.is_empty() {
            (0.0, 0.0)
        } else {
            (
                shared_figures as f64 / figures.len() as f64,
                if shared_figures == 0 { 1.0 } else { 0.0 },
            )
        };
        let cosine = cosine(index, query, fields);
        Features {
            values: [
                bm25f,
                query_covered,
                claim_covered,
                ask_covered,
                bigrams,
                figures_matched,
                figures_clash,
                cosine,
            ],
        }
    }
}

/// tf-idf cosine of the query and the document's wordings (text,
/// translation, ask), with log-scaled term counts.
fn cosine(index: &Index, query: &Query, fields: &FieldTerms) -> f64 {
    let mut counts: HashMap<&String, f64> = HashMap::new();
    for field in [Field::Text, Field::Translation, Field::Ask] {
        for term in &fields[field as usize] {
            *counts.entry(term).or_default() += 1.0;
        }
    }
    let (mut dot, mut norm) = (0.0, 0.0);
    for (term, count) in counts {
        let idf = index.idf(term);
        let weight = (1.0 + count.ln()) * idf;
        norm += weight * weight;
        if let Some(w) = query.weights.get(term.as_str()) {
            dot += weight * w * idf;
        }
    }
    if norm > 0.0 && query.norm > 0.0 {
        (dot / (norm.sqrt() * query.norm)).min(1.0)
    } else {
        0.0
    }
}

/// The model's probability that the query is about the candidate.
pub fn score(features: &Features) -> f64 {
    let z: f64 = INTERCEPT
        + WEIGHTS
            .iter()
            .zip(features.values)
            .map(|(w, x)| w * x)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}
