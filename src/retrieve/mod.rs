//! Finding the stored claims and questions a free-text claim is about
//! (DESIGN §5): what `check` and `add` do when they are given wording, not
//! `--about`.
//!
//! A new report rarely repeats a stored claim word for word: it is in the
//! other language, rounds the figure differently, or comes from social
//! media with links and a signature. So retrieval compares *terms*
//! (`analysis`: folded, stemmed, stop words out, figures by value), over
//! every wording the store holds for a claim: its `text`, its
//! `translation` (so that an English report finds a French claim and the
//! other way round), its question's `ask`, and the event's title with the
//! units. Documents are ranked by BM25F over those four fields
//! ([`Index`], an inverted index), and the score of the best is turned into
//! a probability that the new text is about the stored claim ([`model`]):
//! in [0, 1] and comparable from one text to the next, which is what a
//! threshold ([`NEW_BELOW`]) needs.
//!
//! `docs/retrieval.md` says what was tried, what each idea gave on the
//! development tweets, and how the threshold was calibrated.
//!
//! A question with no claims yet is a document of its own (its `ask` and
//! context), found with [`Hit::claim`] `None`.
//!
//! Building the index reads every claim of the store, so [`open`] keeps it
//! in `.recoupe/index.pages` beside the store cache, keyed by a hash of the
//! stamp of the store files it was built from (see `store::cache`): a file
//! laid out to be searched in place, memory-mapped (`mapped`), so that a
//! warm `check` reads the postings of its query terms and little else.

pub(crate) mod analysis;
mod extend;
mod mapped;
pub mod model;

use crate::extract::SourceMatcher;
use crate::progress;
use crate::store::cache::{fingerprint, sources};
use crate::store::{ClaimIx, QuestionIx, Store};
use crate::words::{Lang, guess_language};
use std::collections::HashMap;
use std::path::Path;

pub(crate) use analysis::figure_concepts;
pub use extend::keep;
pub use model::NEW_BELOW;

/// One stored claim (or question without claims) ranked for a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The claim, or `None` for a question that has no claims yet.
    pub claim: Option<ClaimIx>,
    /// Its question.
    pub question: QuestionIx,
    /// How likely the query is about this claim, in [0, 1]; comparable
    /// across queries. Under [`NEW_BELOW`], about nothing on file.
    pub score: f64,
}

/// How many fields a document has: the claim's text, its translation,
/// its question's `ask`, and its context (the event's title, the units of
/// the question and claim).
pub(crate) const FIELD_COUNT: usize = 4;

/// A document's terms, field by field in [`FIELD_COUNT`]'s order.
type FieldTerms = [Vec<String>; FIELD_COUNT];

/// A document holding a term, with the term's count in each field
/// (capped at 255).
type Posting = (u32, [u8; FIELD_COUNT]);

/// What a document stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Doc {
    claim: Option<ClaimIx>,
    question: QuestionIx,
}

/// The inverted index of a store's claims and claimless questions: built
/// in memory, or opened from its mapped file in `.recoupe/`. Both rank
/// alike to the last bit: the same sums in the same order.
#[derive(Debug)]
pub struct Index(Inner);

/// Where an index lies.
#[derive(Debug)]
enum Inner {
    Built(Built),
    Mapped(mapped::Mapped),
}

/// The inverted index in memory: what a build makes and `add` extends.
#[derive(Debug)]
struct Built {
    docs: Vec<Doc>,
    /// Term → its place in `postings`.
    vocabulary: HashMap<String, u32>,
    /// Per term, the documents holding it with its count in each field
    /// (capped at 255), by document.
    postings: Vec<Vec<Posting>>,
    /// Per document, the number of terms in each field.
    lengths: Vec<[u16; FIELD_COUNT]>,
    /// Per field, the mean length over the documents that have the field.
    mean_lengths: [f64; FIELD_COUNT],
    /// The language to stem text in when it does not say (the store's
    /// most common claim language).
    fallback: Lang,
    /// How many claims are in French: what `fallback` was decided by,
    /// kept so that extending the index decides it again from the claims
    /// added and dropped alone.
    french: usize,
}

/// A claim's language: its `lang`, else guessed from its text.
fn claim_lang(store: &Store, claim: ClaimIx) -> Option<Lang> {
    let c = store.claim(claim);
    c.lang
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| guess_language(&c.text))
}

/// The terms of a question's fields: its `ask`, and its context (the
/// event's title and the question's unit). Every claim of the question
/// shares them, so they are analysed once per question.
fn question_terms(store: &Store, q: QuestionIx, fallback: Lang) -> [Vec<String>; 2] {
    let question = store.question(q);
    let mut context = store
        .event(question.event)
        .title
        .clone()
        .unwrap_or_default();
    if let Some(unit) = &question.unit {
        context.push(' ');
        context.push_str(unit);
    }
    [
        analysis::terms(&question.ask, guess_language(&question.ask), fallback),
        analysis::terms(&context, guess_language(&context), fallback),
    ]
}

/// The terms of a claim's own fields: its text (with the figures of its
/// value, when the text does not state them), its translation, and its
/// unit when it has its own (for the context field). Mentions of the
/// store's sources ("selon l'OSDH") are left out: who said a thing is not
/// what it is about, and two claims of one source on different questions
/// must not look alike for it.
fn claim_terms(
    store: &Store,
    c: ClaimIx,
    fallback: Lang,
    sources: &SourceMatcher,
) -> [Vec<String>; 3] {
    let claim = store.claim(c);
    let lang = claim_lang(store, c);
    let mut text = analysis::terms(&sources.blank_mentions(&claim.text), lang, fallback);
    let translation = claim.translation.as_deref().map_or_else(Vec::new, |t| {
        // A translation is into the other language, English by default.
        let lang = guess_language(t).or(lang.map(Lang::other));
        analysis::terms(&sources.blank_mentions(t), lang, Lang::En)
    });
    let percent = store.is_percent(c);
    for figure in claim.value.numbers() {
        let exact = analysis::figure_term(figure, percent);
        for term in std::iter::once(exact).chain(analysis::rounded_term(figure, percent)) {
            if !text.contains(&term) && !translation.contains(&term) {
                text.push(term);
            }
        }
    }
    let unit = claim
        .unit
        .as_deref()
        .map_or_else(Vec::new, |u| analysis::terms(u, lang, fallback));
    [text, translation, unit]
}

/// Per field, the mean length over the documents that have the field.
fn mean_lengths(lengths: &[[u16; FIELD_COUNT]]) -> [f64; FIELD_COUNT] {
    let mut totals = [0.0; FIELD_COUNT];
    let mut present = [0usize; FIELD_COUNT];
    for length in lengths {
        for f in 0..FIELD_COUNT {
            totals[f] += f64::from(length[f]);
            present[f] += usize::from(length[f] > 0);
        }
    }
    std::array::from_fn(|f| {
        if present[f] == 0 {
            0.0
        } else {
            totals[f] / present[f] as f64
        }
    })
}

/// The language most claims of the store are in (English on a tie).
fn majority_lang(french: usize, claims: usize) -> Lang {
    if 2 * french > claims {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// How many claims of `store` are in French.
fn french_claims(store: &Store) -> usize {
    store.claim_ixs().filter(|&c| is_french(store, c)).count()
}

/// Whether a claim is in French (its `lang`, else its text's guess).
fn is_french(store: &Store, claim: ClaimIx) -> bool {
    claim_lang(store, claim) == Some(Lang::Fr)
}

/// The documents of a store, in index order: every claim in store order,
/// then every question that has none.
fn docs_of(store: &Store) -> Vec<Doc> {
    // Each claim's question from the questions' lists of claims: a store
    // opened from its cache decodes its questions, not its million claims.
    let mut question_of = vec![None; store.claim_count()];
    for q in store.question_ixs() {
        for &c in &store.question(q).claims {
            if let Some(slot) = question_of.get_mut(c.index()) {
                *slot = Some(q);
            }
        }
    }
    store
        .claim_ixs()
        .map(|c| Doc {
            claim: Some(c),
            question: question_of[c.index()].unwrap_or_else(|| store.claim(c).question),
        })
        .chain(
            store
                .question_ixs()
                .filter(|&q| store.question(q).claims.is_empty())
                .map(|q| Doc {
                    claim: None,
                    question: q,
                }),
        )
        .collect()
}

impl Built {
    /// An index of nothing.
    fn empty(fallback: Lang) -> Built {
        Built {
            docs: Vec::new(),
            vocabulary: HashMap::new(),
            postings: Vec::new(),
            lengths: Vec::new(),
            mean_lengths: [0.0; FIELD_COUNT],
            fallback,
            french: 0,
        }
    }

    /// Indexes every claim of the store, and every question that has none.
    fn build(store: &Store) -> Built {
        let french = french_claims(store);
        let fallback = majority_lang(french, store.claim_count());
        let docs = docs_of(store);
        let analysed = analyse_all(store, &docs, fallback);
        let mut index = Built {
            lengths: Vec::with_capacity(docs.len()),
            docs,
            vocabulary: HashMap::new(),
            postings: Vec::new(),
            mean_lengths: [0.0; FIELD_COUNT],
            fallback,
            french,
        };
        for (d, fields) in analysed.into_iter().enumerate() {
            index.lengths.push([0; FIELD_COUNT]);
            index.insert(d, fields);
        }
        index.mean_lengths = mean_lengths(&index.lengths);
        index
    }

    /// Adds document `d`'s terms to the postings (after every document
    /// before it) and its lengths.
    fn insert(&mut self, d: usize, fields: FieldTerms) {
        let (length, counts) = counted(fields);
        self.lengths[d] = length;
        let doc = u32::try_from(d).expect("fewer than 4 billion documents");
        for (term, tf) in counts {
            let next = u32::try_from(self.postings.len()).expect("fewer than 4 billion terms");
            let t = *self.vocabulary.entry(term).or_insert(next);
            if t == next {
                self.postings.push(Vec::new());
            }
            self.postings[t as usize].push((doc, tf));
        }
    }
}

/// A document's field lengths, and each of its terms with its count per
/// field (capped at 255), in byte order of the terms.
fn counted(fields: FieldTerms) -> ([u16; FIELD_COUNT], Vec<(String, [u8; FIELD_COUNT])>) {
    let mut counts: HashMap<String, [u8; FIELD_COUNT]> = HashMap::new();
    let mut length = [0u16; FIELD_COUNT];
    for (f, terms) in fields.into_iter().enumerate() {
        length[f] = u16::try_from(terms.len()).unwrap_or(u16::MAX);
        for term in terms {
            let count = &mut counts.entry(term).or_default()[f];
            *count = count.saturating_add(1);
        }
    }
    let mut counts: Vec<(String, [u8; FIELD_COUNT])> = counts.into_iter().collect();
    counts.sort_unstable();
    (length, counts)
}

/// What BM25F reads of an index, wherever it lies.
trait Postings {
    /// How many documents there are.
    fn doc_count(&self) -> usize;
    /// Per field, the mean length over the documents that have the field.
    fn mean_lengths(&self) -> [f64; FIELD_COUNT];
    /// The language text is stemmed in when it does not say.
    fn fallback(&self) -> Lang;
    /// What document `d` stands for (`d` < [`Postings::doc_count`]).
    fn doc(&self, d: u32) -> Doc;
    /// Document `d`'s field lengths (`d` < [`Postings::doc_count`]).
    fn length(&self, d: u32) -> [u16; FIELD_COUNT];
    /// How many documents hold `term`.
    fn df(&self, term: &str) -> usize;
    /// `f` on every document holding `term` with its counts per field, by
    /// document; an error, before any call, if its postings fail a check.
    fn postings<F: FnMut(u32, [u8; FIELD_COUNT])>(
        &self,
        term: &str,
        f: F,
    ) -> Result<(), mapped::Corrupt>;

    /// Inverse document frequency, as BM25 has it; a term the store never
    /// uses weighs as much as the rarest.
    fn idf(&self, term: &str) -> f64 {
        let n = self.doc_count() as f64;
        let df = self.df(term) as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

impl Postings for Built {
    fn doc_count(&self) -> usize {
        self.docs.len()
    }

    fn mean_lengths(&self) -> [f64; FIELD_COUNT] {
        self.mean_lengths
    }

    fn fallback(&self) -> Lang {
        self.fallback
    }

    fn doc(&self, d: u32) -> Doc {
        self.docs[d as usize]
    }

    fn length(&self, d: u32) -> [u16; FIELD_COUNT] {
        self.lengths[d as usize]
    }

    fn df(&self, term: &str) -> usize {
        self.vocabulary
            .get(term)
            .map_or(0, |&t| self.postings[t as usize].len())
    }

    fn postings<F: FnMut(u32, [u8; FIELD_COUNT])>(
        &self,
        term: &str,
        mut f: F,
    ) -> Result<(), mapped::Corrupt> {
        if let Some(&t) = self.vocabulary.get(term) {
            for &(doc, tf) in &self.postings[t as usize] {
                f(doc, tf);
            }
        }
        Ok(())
    }
}

/// The best `n` documents of `index` for `query` by BM25F, each with the
/// features the model scores; an error if a part of the index read fails
/// its check.
fn rank<P: Postings>(index: &P, query: &str, n: usize) -> Result<Vec<Candidate>, mapped::Corrupt> {
    let query = model::Query::new(query, index);
    let mean_lengths = index.mean_lengths();
    // Per document: BM25F and the idf mass of the query terms it holds, in
    // a dense array (a hash map per document cost more than the scoring
    // at 100k claims), with the documents met in the order met. Every idf
    // is above 0, so a document is met when its mass is still 0.
    // Written through, not zeroed on allocation: a page zeroed on
    // allocation and read before it is written is mapped twice, and the
    // second time every other core running this process (the stamp, which
    // runs beside a warm check) must be interrupted to forget the first
    // mapping: at 1M claims that cost more than the scoring
    // (docs/performance.md). `black_box` keeps the compiler from turning
    // the writes back into a zeroed allocation.
    let count = index.doc_count();
    let mut found: Vec<[f64; 2]> = Vec::with_capacity(count);
    found.resize(count, std::hint::black_box([0.0; 2]));
    let mut met: Vec<u32> = Vec::new();
    for (term, &idf) in &query.terms {
        index.postings(term, |doc, tf| {
            let length = index.length(doc);
            let pseudo_tf: f64 = (0..FIELD_COUNT)
                .filter(|&f| tf[f] > 0)
                .map(|f| {
                    let norm =
                        1.0 - model::B + model::B * f64::from(length[f]) / mean_lengths[f].max(1.0);
                    model::FIELD_WEIGHTS[f] * f64::from(tf[f]) / norm
                })
                .sum();
            let entry = &mut found[doc as usize];
            if entry[1] == 0.0 {
                met.push(doc);
            }
            entry[0] += idf * pseudo_tf * (model::K1 + 1.0) / (model::K1 + pseudo_tf);
            entry[1] += idf;
        })?;
    }
    let best = query.mass * (model::K1 + 1.0);
    let share = |x: f64, of: f64| if of > 0.0 { (x / of).min(1.0) } else { 0.0 };
    let mut ranked: Vec<(u32, f64, f64)> = met
        .into_iter()
        .map(|d| {
            let [bm25f, held] = found[d as usize];
            (d, share(bm25f, best), share(held, query.mass))
        })
        .collect();
    // Best first, ties by document: a total order, so the best `n` chosen
    // first and then sorted are the first `n` of the whole list sorted.
    let order = |a: &(u32, f64, f64), b: &(u32, f64, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if n == 0 {
        ranked.clear();
    } else if ranked.len() > n {
        ranked.select_nth_unstable_by(n - 1, order);
        ranked.truncate(n);
    }
    ranked.sort_unstable_by(order);
    Ok(ranked
        .into_iter()
        .map(|(d, bm25f, covered)| {
            let doc = index.doc(d);
            Candidate {
                claim: doc.claim,
                question: doc.question,
                features: model::Features {
                    values: [bm25f, covered],
                },
            }
        })
        .collect())
}

impl Index {
    /// Indexes every claim of the store, and every question that has none.
    pub fn build(store: &Store) -> Index {
        Index(Inner::Built(Built::build(store)))
    }

    /// How many documents it holds (claims, and questions without claims).
    pub fn len(&self) -> usize {
        match &self.0 {
            Inner::Built(b) => b.doc_count(),
            Inner::Mapped(m) => m.doc_count(),
        }
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Stored claims (and claimless questions) ranked by relevance to free
    /// text, French or English, best first, at most `top`. Only hits that
    /// exist in `store` are returned, so an index out of step with the
    /// store (built before a claim was added) never hands out a wrong claim.
    pub fn search(&self, store: &Store, query: &str, top: usize) -> Vec<Hit> {
        // As in the documents, who is credited is not what is claimed.
        let query = SourceMatcher::new(store.sources()).blank_mentions(query);
        let mut hits: Vec<Hit> = self
            .ranked(Some(store), &query, model::CANDIDATES.max(top))
            .into_iter()
            .filter(|c| match c.claim {
                Some(claim) => {
                    claim.index() < store.claim_count() && store.claim(claim).question == c.question
                }
                None => c.question.index() < store.question_count(),
            })
            .map(|c| Hit {
                claim: c.claim,
                question: c.question,
                score: model::score(&c.features),
            })
            .collect();
        // Stable: equal scores keep BM25F order, then store order.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(top);
        hits
    }

    /// The best `n` documents for `query` by BM25F, each with the features
    /// the model scores. [`Index::search`] ranks them; the evaluation
    /// harness fits the model on them.
    pub fn candidates(&self, query: &str, n: usize) -> Vec<Candidate> {
        self.ranked(None, query, n)
    }

    /// [`rank`] on this index; a mapped index that fails a check is
    /// replaced by one built from `store` (or the store opened again).
    fn ranked(&self, store: Option<&Store>, query: &str, n: usize) -> Vec<Candidate> {
        match &self.0 {
            Inner::Built(built) => rank(built, query, n).unwrap_or_default(),
            Inner::Mapped(mapped) => match mapped.replaced() {
                Some(built) => rank(built, query, n).unwrap_or_default(),
                None => rank(mapped, query, n).unwrap_or_else(|why| {
                    rank(mapped.replacement(store, why), query, n).unwrap_or_default()
                }),
            },
        }
    }

    /// Inverse document frequency, as BM25 has it; a term the store never
    /// uses weighs as much as the rarest.
    pub fn idf(&self, term: &str) -> f64 {
        match &self.0 {
            Inner::Built(b) => b.idf(term),
            Inner::Mapped(m) => m.idf(term),
        }
    }
}

/// The terms of every document, field by field.
fn analyse_all(store: &Store, docs: &[Doc], fallback: Lang) -> Vec<FieldTerms> {
    // Only the questions these documents belong to: extending the index
    // by one claim analyses one question, not every question of the store.
    let mut questions: Vec<QuestionIx> = docs.iter().map(|d| d.question).collect();
    questions.sort_unstable();
    questions.dedup();
    let analysed = parallel_map(&questions, &progress::Task::none(), |&q| {
        question_terms(store, q, fallback)
    });
    let per_question: HashMap<QuestionIx, [Vec<String>; 2]> =
        questions.into_iter().zip(analysed).collect();
    let claims: Vec<ClaimIx> = docs.iter().filter_map(|d| d.claim).collect();
    let sources = SourceMatcher::new(store.sources());
    let task = progress::start("indexing claims", Some(claims.len() as u64));
    let mut per_claim = parallel_map(&claims, &task, |&c| {
        claim_terms(store, c, fallback, &sources)
    })
    .into_iter();
    docs.iter()
        .map(|doc| {
            let [ask, mut context] = per_question[&doc.question].clone();
            let [text, translation, unit] = match doc.claim {
                Some(_) => per_claim.next().expect("one analysis per claim"),
                None => Default::default(),
            };
            context.extend(unit);
            [text, translation, ask, context]
        })
        .collect()
}

/// `f` over `items` on every core, in order, counting them done on
/// `task`: analysis is most of the build time.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    task: &progress::Task,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    /// Items done between two reports of progress.
    const STRIDE: usize = 1024;
    let threads = crate::cores::count();
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut done = Vec::with_capacity(part.len());
                    for stride in part.chunks(STRIDE) {
                        done.extend(stride.iter().map(f));
                        task.advance(stride.len() as u64);
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("analysis does not panic"))
            .collect()
    })
}

/// A first-stage candidate with what the model knows of it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The claim, or `None` for a question that has no claims yet.
    pub claim: Option<ClaimIx>,
    /// Its question.
    pub question: QuestionIx,
    /// What the model scores it by.
    pub features: model::Features,
}

/// The code that builds and reads the index: its fields, its analysis
/// (the tokenizer, figures, stems, source mentions blanked out), its
/// scoring, and `Cargo.lock` (the stemmer and number words are
/// dependencies). The store's own code is in the store's stamp, which keys
/// the index too. A test checks that every file these use is listed.
const CODE: &[(&str, &str)] = &sources![
    "retrieve/mod.rs",
    "retrieve/analysis.rs",
    "retrieve/extend.rs",
    "retrieve/mapped.rs",
    "retrieve/model.rs",
    "extract/tokens.rs",
    "extract/numbers/mod.rs",
    "extract/numbers/digits.rs",
    "extract/numbers/written.rs",
    "extract/numbers/non_figures.rs",
    "extract/mentions.rs",
    "words.rs",
    "value.rs",
    "concepts.rs",
    "../data/concepts.tsv",
    "progress.rs",
    "cores.rs",
    "../Cargo.lock",
];

/// The index format: the version and a fingerprint of [`CODE`], so that
/// an index from a different build is never read (see the store cache).
fn format() -> String {
    fingerprint("recoupe-index", CODE)
}

/// The key of the index of a store read under `stamp`.
fn key(stamp: &crate::store::cache::Stamp) -> mapped::Key {
    (
        stamp.digest(),
        xxhash_rust::xxh3::xxh3_64(format().as_bytes()),
    )
}

/// Whether the index of `store` is kept in `.recoupe/` (so that
/// [`open`] maps it rather than builds it): only its header is read.
pub fn is_kept(store: &Store, root: &Path) -> bool {
    store
        .stamp()
        .is_some_and(|stamp| mapped::holds_key(root, key(stamp)))
}

/// The index of the store at `root`: opened from `.recoupe/index.pages`
/// when it was built from the same store files, else built and cached. The
/// cache is a convenience: if it cannot be read or written the index is
/// built, never an error; a store read with `--no-cache` gets an index
/// built for the run and not kept.
pub fn open(store: &Store, root: &Path) -> Index {
    // Keyed by the stamp of the files the store was read from (not of the
    // files as they are now, which another process may have changed since):
    // a store read without the cache has none, and its index is not cached.
    let key = store.stamp().map(key);
    if let Some(key) = key
        && let Some(index) = mapped::open(root, key)
    {
        return Index(Inner::Mapped(index));
    }
    let built = Built::build(store);
    if let Some(key) = key {
        // Best effort: a cache that cannot be written costs speed only.
        let _writing = progress::start("writing the index", None);
        let _ = mapped::write(root, key, &built);
    }
    Index(Inner::Built(built))
}

#[cfg(test)]
mod tests;
