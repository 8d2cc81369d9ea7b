//! The claim store: plain YAML under version control (DESIGN §1).
//!
//! A store is a folder with `sources.yaml` and `claims/*.yaml`, one file per
//! event. Fact-checkers review changes to it in pull requests, so the files
//! are the source of truth and this model is rebuilt from them on every run:
//! [`Store::load`] reads and validates everything, then hands out a model in
//! which every reference (source, question, revision, analyst link) is
//! already resolved to an index, so nothing downstream can meet a dangling id.

pub mod cache;
mod load;
pub(crate) use load::{CLAIM_KEYS, misfit};
pub mod write;

use crate::date::ClaimDate;
use crate::error::{Error, Location};
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

impl Question {
    /// Whether a figure that answers this question in `unit` (a claim's
    /// own unit, `None` if it has none) is a share in percent, shown with
    /// `%`: its unit or else the question's says `percent` (or `%`), or,
    /// with no unit at all, the question is a `share`. The one rule for
    /// stored claims, new claims and proposals.
    pub fn in_percent(&self, unit: Option<&str>) -> bool {
        match unit.or(self.unit.as_deref()) {
            Some(u) => load::is_percent_unit(u),
            None => self.kind == QuestionKind::Share,
        }
    }
}

/// One statement of one source about one question.
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
/// stored claims and what `add` and `import` write. References are already
/// resolved; what is unknown is `None` (a free-text claim may name no
/// source, `check` may not find its question).
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
    root: PathBuf,
    sources: Vec<Source>,
    events: Vec<Event>,
    questions: Vec<Question>,
    claims: Vec<Claim>,
    source_by_id: HashMap<String, SourceIx>,
    event_by_id: HashMap<String, EventIx>,
    claim_by_id: HashMap<String, ClaimIx>,
    /// The stamp of the files this store was read from, when it came
    /// through the cache: what caches derived from it (the retrieval index)
    /// are keyed by, so they can never outlive the store they were built
    /// from.
    #[serde(skip)]
    stamp: Option<cache::Stamp>,
}

impl Store {
    /// Reads and validates the store at `root` from its files. Every
    /// problem found is returned at once, as [`Error::InvalidStore`].
    pub fn load(root: &Path) -> Result<Store, Error> {
        load::load(root)
    }

    /// Reads a claim that is not in the store from a standalone YAML file
    /// (`check --file`, `add --file`), resolved against this store.
    pub fn read_draft(&self, path: &Path) -> Result<Draft, Error> {
        load::read_draft(self, path)
    }

    /// As [`Store::load`], through the on-disk cache in `.recoupe/`
    /// (see [`cache`]): what the commands use.
    pub fn open(root: &Path) -> Result<Store, Error> {
        cache::load(root)
    }

    /// See the `stamp` field.
    pub(crate) fn stamp(&self) -> Option<&cache::Stamp> {
        self.stamp.as_ref()
    }

    pub(crate) fn set_stamp(&mut self, stamp: cache::Stamp) {
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

    /// Whether a claim's figure is a percentage (shown with `%`), by
    /// [`Question::in_percent`].
    pub fn is_percent(&self, claim: ClaimIx) -> bool {
        let c = self.claim(claim);
        self.question(c.question).in_percent(c.unit.as_deref())
    }

    /// Whether a draft's figure is a percentage, by the same rule as a
    /// stored claim's; without a question, only its own unit can say.
    pub fn is_percent_draft(&self, draft: &Draft) -> bool {
        match draft.question {
            Some(q) => self.question(q).in_percent(draft.unit.as_deref()),
            None => draft.unit.as_deref().is_some_and(load::is_percent_unit),
        }
    }
}

/// Whether `id` can name an event, a question or a claim: letters, digits,
/// `-`, `_` and `.`, starting with a letter or digit (no `/`, which
/// separates `EVENT/ID`).
pub fn is_valid_id(id: &str) -> bool {
    load::is_reference_id(id)
}

/// Finds the store to use: the folder given (`--store` or `RECOUPE_STORE`),
/// which must hold `sources.yaml`, else the nearest folder at or above
/// `start` that holds one (as git finds `.git`).
pub fn locate(given: Option<&Path>, start: &Path) -> Result<PathBuf, Error> {
    if let Some(dir) = given {
        return if dir.join("sources.yaml").is_file() {
            Ok(dir.to_path_buf())
        } else {
            Err(Error::NotAStore(dir.to_path_buf()))
        };
    }
    start
        .ancestors()
        .find(|dir| dir.join("sources.yaml").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NoStore {
            start: start.to_path_buf(),
        })
}
