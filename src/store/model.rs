//! The model of a loaded store: sources, events, questions and claims,
//! each reference already resolved to an index.
//!
//! It is apart from the loader and the cache so that the store layer reads
//! top to bottom: every part of it (reading, resolving, ordering
//! revisions, caching, writing) uses these types, and none of them has to
//! import its parent module to get them.

use super::stamp::Stamp;
use crate::date::ClaimDate;
use crate::error::Location;
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
            pub(crate) fn from_index(i: usize) -> Self {
                $name(u32::try_from(i).expect("fewer than 4 billion items"))
            }
        }
    };
}

index_type!(
    /// A source's place in [`Store::sources`].
    SourceIx
);
index_type!(
    /// An event's place in [`Store::events`].
    EventIx
);
index_type!(
    /// A question's place in [`Store::questions`].
    QuestionIx
);
index_type!(
    /// A claim's place in [`Store::claims`]; also its store order (files by
    /// name, claims in file order), which breaks ties between revisions.
    ClaimIx
);

/// Who said things: an outlet, a monitor, an agency.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: SourceKind,
    pub alignment: Option<String>,
    /// Prior credibility in (0, 1), if the analyst gave one.
    pub prior: Option<f64>,
    pub at: Location,
}

/// What kind of outlet a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    Wire,
    Newspaper,
    Broadcaster,
    Monitor,
    Government,
    Ngo,
    Social,
    Other,
}

impl SourceKind {
    pub const ALL: [(&'static str, SourceKind); 8] = [
        ("wire", SourceKind::Wire),
        ("newspaper", SourceKind::Newspaper),
        ("broadcaster", SourceKind::Broadcaster),
        ("monitor", SourceKind::Monitor),
        ("government", SourceKind::Government),
        ("ngo", SourceKind::Ngo),
        ("social", SourceKind::Social),
        ("other", SourceKind::Other),
    ];

    pub fn name(self) -> &'static str {
        SourceKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("other", |(n, _)| n)
    }
}

/// One event or story: one claims file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: Option<String>,
    /// The claims file, relative to the store root.
    pub file: PathBuf,
    pub questions: Vec<QuestionIx>,
    pub claims: Vec<ClaimIx>,
}

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Count,
    Share,
    Category,
    Text,
}

impl QuestionKind {
    pub const ALL: [(&'static str, QuestionKind); 4] = [
        ("count", QuestionKind::Count),
        ("share", QuestionKind::Share),
        ("category", QuestionKind::Category),
        ("text", QuestionKind::Text),
    ];

    pub fn name(self) -> &'static str {
        QuestionKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("text", |(n, _)| n)
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, QuestionKind::Count | QuestionKind::Share)
    }
}

/// The values a category question allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Categories {
    /// An ordered scale: values further apart disagree more.
    Scale(Vec<String>),
    /// A closed, unordered set.
    Values(Vec<String>),
    /// Any value.
    Open,
}

/// A question that claims answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub event: EventIx,
    pub ask: String,
    pub kind: QuestionKind,
    pub unit: Option<String>,
    /// A toll only grows: a later, higher figure is an update.
    pub cumulative: bool,
    /// Relative tolerance within which exact figures agree.
    pub tolerance: f64,
    pub categories: Categories,
    /// The claims that answer it, in store order.
    pub claims: Vec<ClaimIx>,
    pub at: Location,
}

/// One statement of one source about one question, as the store holds it.
///
/// The stage of a claim read from the files once it is validated: every
/// reference an index into the [`Store`] it belongs to (before, the
/// loader's unresolved claim held names).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub event: EventIx,
    pub question: QuestionIx,
    /// The original source (a relayed claim is still its source's claim).
    pub source: SourceIx,
    /// Who relayed it, if anyone.
    pub via: Option<SourceIx>,
    pub said_by: Option<String>,
    pub date: Option<ClaimDate>,
    pub value: Value,
    /// The claim's unit, when it differs from the question's.
    pub unit: Option<String>,
    pub text: String,
    pub lang: Option<String>,
    pub translation: Option<String>,
    /// An explicit revision: this claim replaces that one.
    pub supersedes: Option<ClaimIx>,
    pub agrees_with: Vec<ClaimIx>,
    pub contradicts: Vec<ClaimIx>,
    pub at: Location,
}

/// A claim that is not in the store (yet): what `check` relates to the
/// stored claims, and what `add` writes. References are already resolved
/// against the store; what is unknown is `None` (a free-text claim may
/// name no source, `check` may not find its question).
///
/// The stage of a claim from outside (free text, flags, `--file`) once it
/// is understood; `add` turns it into a
/// [`ClaimItem`](super::write::ClaimItem) to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: Option<String>,
    pub question: Option<QuestionIx>,
    pub source: Option<SourceIx>,
    pub via: Option<SourceIx>,
    pub said_by: Option<String>,
    pub date: Option<ClaimDate>,
    pub value: Value,
    pub unit: Option<String>,
    pub text: String,
    pub lang: Option<String>,
    pub translation: Option<String>,
    pub supersedes: Option<ClaimIx>,
    pub agrees_with: Vec<ClaimIx>,
    pub contradicts: Vec<ClaimIx>,
}

impl Draft {
    /// An empty draft: no value, no wording, nothing known.
    pub fn empty() -> Draft {
        Draft {
            id: None,
            question: None,
            source: None,
            via: None,
            said_by: None,
            date: None,
            value: Value::Unstated,
            unit: None,
            text: String::new(),
            lang: None,
            translation: None,
            supersedes: None,
            agrees_with: Vec::new(),
            contradicts: Vec::new(),
        }
    }
}

/// A loaded, validated store.
#[derive(Debug, Serialize, Deserialize)]
pub struct Store {
    pub(super) root: PathBuf,
    pub(super) sources: Vec<Source>,
    pub(super) events: Vec<Event>,
    pub(super) questions: Vec<Question>,
    pub(super) claims: Vec<Claim>,
    pub(super) source_by_id: HashMap<String, SourceIx>,
    pub(super) event_by_id: HashMap<String, EventIx>,
    pub(super) claim_by_id: HashMap<String, ClaimIx>,
    /// The stamp of the files this store was read from, when it came
    /// through the cache: what caches derived from it (the retrieval index)
    /// are keyed by, so they can never outlive the store they were built
    /// from.
    #[serde(skip)]
    pub(super) stamp: Option<Stamp>,
}

impl Store {
    /// A store with nothing in it yet, for the loader to fill.
    pub(super) fn empty(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
            sources: Vec::new(),
            events: Vec::new(),
            questions: Vec::new(),
            claims: Vec::new(),
            source_by_id: HashMap::new(),
            event_by_id: HashMap::new(),
            claim_by_id: HashMap::new(),
            stamp: None,
        }
    }

    /// See the `stamp` field.
    pub(crate) fn stamp(&self) -> Option<&Stamp> {
        self.stamp.as_ref()
    }

    pub(crate) fn set_stamp(&mut self, stamp: Stamp) {
        self.stamp = Some(stamp);
    }

    /// The folder the store was read from.
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// Every source, in `sources.yaml` order ([`SourceIx`] order).
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    /// Every event, one per claims file, in file-name order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    /// Every question, event by event.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }
    /// Every claim, in store order ([`ClaimIx`] order).
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.index()]
    }
    pub fn event(&self, ix: EventIx) -> &Event {
        &self.events[ix.index()]
    }
    pub fn question(&self, ix: QuestionIx) -> &Question {
        &self.questions[ix.index()]
    }
    pub fn claim(&self, ix: ClaimIx) -> &Claim {
        &self.claims[ix.index()]
    }

    pub fn find_source(&self, id: &str) -> Option<SourceIx> {
        self.source_by_id.get(id).copied()
    }
    pub fn find_event(&self, id: &str) -> Option<EventIx> {
        self.event_by_id.get(id).copied()
    }
    /// A claim by `ID` or `EVENT/ID`.
    pub fn find_claim(&self, reference: &str) -> Option<ClaimIx> {
        match reference.split_once('/') {
            Some((event, id)) => self
                .claim_by_id
                .get(id)
                .copied()
                .filter(|&c| self.event(self.claim(c).event).id == event),
            None => self.claim_by_id.get(reference).copied(),
        }
    }
    /// A question by `EVENT/QUESTION`.
    pub fn find_question(&self, reference: &str) -> Option<QuestionIx> {
        let (event, question) = reference.split_once('/')?;
        let event = self.find_event(event)?;
        self.event(event)
            .questions
            .iter()
            .copied()
            .find(|&q| self.question(q).id == question)
    }

    /// `EVENT/QUESTION`, the name of a question outside its file.
    pub fn question_key(&self, ix: QuestionIx) -> String {
        let q = self.question(ix);
        format!("{}/{}", self.event(q.event).id, q.id)
    }

    pub fn claim_ixs(&self) -> impl Iterator<Item = ClaimIx> + '_ {
        (0..self.claims.len()).map(ClaimIx::from_index)
    }
    pub fn question_ixs(&self) -> impl Iterator<Item = QuestionIx> + '_ {
        (0..self.questions.len()).map(QuestionIx::from_index)
    }

    /// The unit a claim's figure is in: its own, else its question's
    /// (`percent` however it was written).
    pub fn unit_of(&self, claim: ClaimIx) -> Option<&str> {
        let c = self.claim(claim);
        c.unit
            .as_deref()
            .or(self.question(c.question).unit.as_deref())
    }

    /// Whether a claim's figure is a percentage (shown with `%`).
    pub fn is_percent(&self, claim: ClaimIx) -> bool {
        let c = self.claim(claim);
        let q = self.question(c.question);
        match self.unit_of(claim) {
            Some(u) => u == "percent",
            None => q.kind == QuestionKind::Share,
        }
    }
}
