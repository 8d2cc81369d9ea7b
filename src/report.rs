//! The divergence report, computed (not rendered).
//!
//! For each question: its status, its current claims with how each fares,
//! the revision chains, every relation, and the contradictions widest
//! first with the word diff of their wordings. Questions come most severe
//! first: contradictions by widest gap, then consistent questions, then
//! those only one source answers. Renderers turn this into a table or
//! JSON without deciding anything.

use crate::credibility::consensus::Consensus;
use crate::credibility::evidence::Analysis;
use crate::credibility::{Algorithm, Iterations};
use crate::diff::{self, WordingDiff};
use crate::error::Error;
use crate::escape::escape;
use crate::graph::{Agreement, Chain, ClaimGraph, Historic, Standing, Status};
use crate::progress;
use crate::relate::{self, Basis};
use crate::store::{ClaimIx, QuestionIx, Store};

/// Which part of the store to report on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Every question.
    All,
    /// The questions of one event.
    Event(crate::store::EventIx),
    /// One question.
    Question(QuestionIx),
}

impl Selection {
    /// Reads `EVENT` or `EVENT/QUESTION`.
    pub fn parse(store: &Store, spec: &str) -> Result<Selection, Error> {
        let (event_id, question_id) = match spec.split_once('/') {
            Some((e, q)) => (e, Some(q)),
            None => (spec, None),
        };
        let Some(event) = store.find_event(event_id) else {
            let events: Vec<&str> = store.events().iter().map(|e| e.id.as_str()).collect();
            // A question's id given alone: name the questions it may mean.
            let questions: Vec<String> = store
                .question_ixs()
                .filter(|&q| question_id.is_none() && store.question(q).id == event_id)
                .map(|q| format!("`{}`", store.question_key(q)))
                .collect();
            if !questions.is_empty() {
                return Err(Error::NotFound(format!(
                    "no event `{}` in the store, but a question has that id: name it as EVENT/QUESTION ({})",
                    escape(event_id),
                    questions.join(" or ")
                )));
            }
            return Err(Error::NotFound(format!(
                "no event `{}` in the store (events: {})",
                escape(event_id),
                if events.is_empty() {
                    "none".to_string()
                } else {
                    events.join(", ")
                }
            )));
        };
        let Some(question_id) = question_id else {
            return Ok(Selection::Event(event));
        };
        store
            .find_question(spec)
            .map(Selection::Question)
            .ok_or_else(|| {
                let questions: Vec<&str> = store
                    .event(event)
                    .questions
                    .iter()
                    .map(|&q| store.question(q).id.as_str())
                    .collect();
                Error::NotFound(format!(
                    "event `{event_id}` has no question `{}` (questions: {})",
                    escape(question_id),
                    questions.join(", ")
                ))
            })
    }

    /// Whether question `q` is selected.
    pub fn includes(&self, store: &Store, q: QuestionIx) -> bool {
        match *self {
            Selection::All => true,
            Selection::Event(e) => store.question(q).event == e,
            Selection::Question(only) => q == only,
        }
    }
}

/// How much of the report to compute.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    /// Contradictions kept per question, the widest, each with the word
    /// diff of its wordings: what the table shows. JSON lists every
    /// relation from the graph instead, as it writes them.
    pub divergences: usize,
}

/// One claim in the report.
#[derive(Debug, Clone)]
pub struct ClaimLine {
    /// The claim.
    pub claim: ClaimIx,
    /// Whether it is its source's latest word on the question.
    pub current: bool,
    /// The claim that revised it, if one did.
    pub superseded_by: Option<ClaimIx>,
    /// Against the other current claims (zero for superseded ones).
    pub agreement: Agreement,
    /// The earlier statement of its source it repeats, if it is a repeat.
    pub repeats: Option<ClaimIx>,
    /// The current claim whose figure it passes on, when its source is a
    /// relay of that claim: the two are one claim (they share an origin).
    pub shares_origin_with: Option<ClaimIx>,
}

/// A downward revision of a cumulative toll, with how far it went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WalkBack {
    /// The newer, lower claim.
    pub newer: ClaimIx,
    /// The older one it revised.
    pub older: ClaimIx,
    /// The change of the figure, relative to the older one (−0.65), when
    /// both state one figure.
    pub change: Option<f64>,
}

/// Two current claims that cannot both be true.
#[derive(Debug, Clone)]
pub struct Divergence {
    /// One claim.
    pub a: ClaimIx,
    /// The other.
    pub b: ClaimIx,
    /// The gap of DESIGN §2, in [0, 1].
    pub gap: f64,
    /// Whether the values or the analyst say so.
    pub basis: Basis,
    /// The word diff, for the widest ones (see [`ReportOptions`]).
    pub wording: Option<WordingDiff>,
    /// Set when the two claims were current together only earlier.
    pub historic: Option<Historic>,
}

/// Everything the report says about one question.
#[derive(Debug, Clone)]
pub struct QuestionReport {
    /// The question.
    pub question: QuestionIx,
    /// Whether its current claims contradict, agree, or come from one source.
    pub status: Status,
    /// The widest gap of its contradictions, if any.
    pub max_gap: Option<f64>,
    /// Every claim of the question, in store order.
    pub claims: Vec<ClaimLine>,
    /// Each source's revisions, oldest first.
    pub revisions: Vec<Chain>,
    /// The widest contradictions (see [`ReportOptions`]), widest first.
    pub divergences: Vec<Divergence>,
    /// How many pairs of current claims contradict, in all.
    pub contradictions: usize,
    /// Where the question stands over its history.
    pub standing: Standing,
    /// The widest contradictions between claims current together only
    /// earlier ("disputed earlier"), widest first, bounded as
    /// [`divergences`](QuestionReport::divergences).
    pub earlier: Vec<Divergence>,
    /// How many such pairs contradicted, in all: counted when
    /// contradictions are kept (`divergences` above 0, the table and the
    /// pages), 0 otherwise (JSON lists them all instead).
    pub historic_contradictions: usize,
    /// Downward revisions of the toll, in chain order.
    pub walk_backs: Vec<WalkBack>,
    /// Distinct original sources among the current claims.
    pub sources: usize,
    /// What the weighted evidence supports (the default credibility
    /// algorithm), if any current claim states a value.
    pub consensus: Option<Consensus>,
}

impl QuestionReport {
    /// How many contradictions are counted but not kept in
    /// [`divergences`](QuestionReport::divergences).
    pub(crate) fn unlisted_contradictions(&self) -> usize {
        self.contradictions.saturating_sub(self.divergences.len())
    }

    /// How many earlier contradictions are counted but not kept in
    /// [`earlier`](QuestionReport::earlier).
    pub(crate) fn unlisted_earlier(&self) -> usize {
        self.historic_contradictions
            .saturating_sub(self.earlier.len())
    }

    /// Whether a downward revision of the toll happened ("walked back").
    pub fn walked_back(&self) -> bool {
        !self.walk_backs.is_empty()
    }

    /// The status in the table's words: a question whose only
    /// contradictions are historic says it was disputed, not consistent.
    pub fn status_words(&self) -> &'static str {
        if self.status == Status::Consistent && self.standing == Standing::DisputedEarlier {
            Standing::DisputedEarlier.name()
        } else {
            self.status.name()
        }
    }
}

/// The report: questions, most severe first.
#[derive(Debug, Clone)]
pub struct Report {
    /// Most severe first: contradictions by widest gap, then consistent questions, then those one source answers.
    pub questions: Vec<QuestionReport>,
    /// The date the store is judged at (`--as-of`), if not as it stands.
    pub as_of: Option<crate::date::ClaimDate>,
}

impl Report {
    /// How many questions have no live contradiction but had one while
    /// claims since revised were current ("disputed earlier").
    pub fn disputed_earlier(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.standing == Standing::DisputedEarlier)
            .count()
    }

    /// How many questions have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.questions.iter().filter(|q| q.status == status).count()
    }
}

/// Computes the report for the selected questions.
pub fn build(graph: &ClaimGraph, selection: Selection, options: ReportOptions) -> Report {
    let store = graph.store();
    let credibility = Analysis::run(graph, Algorithm::Recoupe, Iterations::Default);
    let selected: Vec<QuestionIx> = store
        .question_ixs()
        .filter(|&q| selection.includes(store, q))
        .collect();
    // Counted in claims: a question's cost grows with its history (at 1M
    // claims, minutes on the densest synthetic questions).
    let claims = selected.iter().map(|&q| store.question(q).claims.len());
    let task = progress::start("judging the questions", Some(claims.sum::<usize>() as u64));
    // On every core: each question is judged apart from the others.
    let mut questions: Vec<QuestionReport> = Vec::with_capacity(selected.len());
    let judged: Result<(), std::convert::Infallible> = crate::cores::in_order(
        &selected,
        |&q| {
            let report = QuestionReport {
                consensus: credibility.consensus(graph, q),
                ..question_report(graph, q, options)
            };
            task.advance(store.question(q).claims.len() as u64);
            report
        },
        |report| {
            questions.push(report);
            Ok(())
        },
    );
    let Ok(()) = judged;
    drop(task);
    questions.sort_by(|x, y| {
        x.status
            .cmp(&y.status)
            .then(
                y.max_gap
                    .unwrap_or(0.0)
                    .total_cmp(&x.max_gap.unwrap_or(0.0)),
            )
            .then(y.contradictions.cmp(&x.contradictions))
            .then(x.question.cmp(&y.question))
    });
    Report {
        questions,
        as_of: graph.as_of(),
    }
}

/// A contradiction as the report keeps it.
fn divergence(e: crate::graph::Edge) -> Divergence {
    Divergence {
        a: e.from,
        b: e.to,
        gap: e.relation.gap.unwrap_or(1.0),
        basis: e.relation.basis,
        wording: None,
        historic: e.historic,
    }
}

fn question_report(graph: &ClaimGraph, q: QuestionIx, options: ReportOptions) -> QuestionReport {
    let store = graph.store();
    let state = graph.question(q);
    let claims = store
        .question(q)
        .claims
        .iter()
        .filter(|&&c| graph.includes(c))
        .map(|&c| ClaimLine {
            claim: c,
            current: graph.is_current(c),
            superseded_by: graph.superseded_by(c),
            agreement: if graph.is_current(c) {
                graph.agreement(c)
            } else {
                Agreement::default()
            },
            repeats: graph.repeats(c),
            shares_origin_with: graph.shares_origin_with(c),
        })
        .collect();
    let (divergences, _) = crate::graph::widest(graph.current_pairs(q), options.divergences);
    let mut divergences: Vec<Divergence> = divergences.into_iter().map(divergence).collect();
    // Counted, and the widest searched for, without relating every pair
    // (the history of a busy question holds millions).
    let (earlier, historic_contradictions) =
        graph.widest_historic_contradictions(q, options.divergences);
    let mut earlier: Vec<Divergence> = earlier.into_iter().map(divergence).collect();
    for d in divergences.iter_mut().chain(earlier.iter_mut()) {
        d.wording = diff::claims_diff(store, d.a, d.b);
    }
    let walk_backs = state
        .walk_backs
        .iter()
        .map(|w| {
            let (old, new) = (
                relate::figure(&store.claim(w.older).value),
                relate::figure(&store.claim(w.newer).value),
            );
            WalkBack {
                newer: w.newer,
                older: w.older,
                change: match (old, new) {
                    (Some(o), Some(n)) if o != 0.0 => Some((n - o) / o.abs()),
                    _ => None,
                },
            }
        })
        .collect();
    let mut sources: Vec<_> = state
        .current
        .iter()
        .map(|&c| store.claim(c).source)
        .collect();
    sources.sort();
    sources.dedup();
    QuestionReport {
        question: q,
        status: state.status,
        max_gap: state.max_gap,
        claims,
        revisions: state.chains.clone(),
        divergences,
        contradictions: state.contradictions,
        standing: state.standing,
        earlier,
        historic_contradictions,
        walk_backs,
        sources: sources.len(),
        consensus: None,
    }
}
