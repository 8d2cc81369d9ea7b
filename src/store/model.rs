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
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The place as a `usize`, to index a slice with.
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
    /// The id claims name it by (`osdh`): lowercase letters, digits, `-`.
    pub id: String,
    /// Its name for people; the id when none was given.
    pub name: String,
    /// Other names it goes by in free text ("SOHR", "Syrian Observatory").
    pub aliases: Vec<String>,
    /// What kind of outlet it is.
    pub kind: SourceKind,
    /// Its leaning, as the analyst describes it (free text).
    pub alignment: Option<String>,
    /// Prior credibility in (0, 1), if the analyst gave one.
    pub prior: Option<f64>,
    /// Where its id is written in `sources.yaml`.
    pub at: Location,
}

/// What kind of outlet a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// A news agency (AFP, Reuters).
    Wire,
    /// A daily or weekly paper.
    Newspaper,
    /// Radio or television.
    Broadcaster,
    /// An observatory or monitoring group (OSDH, ACLED).
    Monitor,
    /// A government or one of its agencies.
    Government,
    /// A non-governmental organisation.
    Ngo,
    /// An account on a social network.
    Social,
    /// Anything else, and the default.
    Other,
}

impl SourceKind {
    /// Every kind with its name in `sources.yaml`.
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

    /// Its name in `sources.yaml` (`wire`, `ngo`).
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
    /// The id written as `event:` (`qadam-2018-03`).
    pub id: String,
    /// Its title for people, if given.
    pub title: Option<String>,
    /// The claims file, relative to the store root.
    pub file: PathBuf,
    /// Its questions, in file order.
    pub questions: Vec<QuestionIx>,
    /// Its claims, in file order.
    pub claims: Vec<ClaimIx>,
}

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// A number of things (fighters killed, buildings taken).
    Count,
    /// A proportion, in percent unless a unit says otherwise.
    Share,
    /// One value among categories (`{is: whole-district}`).
    Category,
    /// Statements without values, related only by the analyst's links.
    Text,
}

impl QuestionKind {
    /// Every kind with its name in a claims file.
    pub const ALL: [(&'static str, QuestionKind); 4] = [
        ("count", QuestionKind::Count),
        ("share", QuestionKind::Share),
        ("category", QuestionKind::Category),
        ("text", QuestionKind::Text),
    ];

    /// Its name in a claims file (`count`, `category`).
    pub fn name(self) -> &'static str {
        QuestionKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("text", |(n, _)| n)
    }

    /// Whether its claims give figures (counts and shares).
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
    /// Its id within its event (`pro-regime-killed`).
    pub id: String,
    /// The event it belongs to.
    pub event: EventIx,
    /// What it asks, in words.
    pub ask: String,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The unit of its figures (`fighters`; `percent` for a share).
    pub unit: Option<String>,
    /// A toll only grows: a later, higher figure is an update.
    pub cumulative: bool,
    /// Relative tolerance within which exact figures agree.
    pub tolerance: f64,
    /// The values a category question allows ([`Categories::Open`] for
    /// other kinds).
    pub categories: Categories,
    /// The words that state each of its category values in free text
    /// (`scale: [{id: israeli-strike, words: {en: [...]}}]`), in the order
    /// of the values; empty when none are given.
    pub category_words: Vec<CategoryWords>,
    /// The claims that answer it, in store order.
    pub claims: Vec<ClaimIx>,
    /// Where its id is written.
    pub at: Location,
}

/// The words that state one value of a category question in free text
/// (DESIGN §10), per language as the store gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryWords {
    /// The category value (`israeli-strike`).
    pub value: String,
    /// Language code and the words in it (`("en", ["israeli strike"])`).
    pub words: Vec<(String, Vec<String>)>,
}

impl Question {
    /// The category value a free-text wording states through the words
    /// the store gives for each value: folded, matched as whole words,
    /// the longest match (in words) winning. Every
    /// language's words are tried (a quoted English phrase in a French
    /// report still names it). Two values stated equally long ("not an
    /// Israeli strike but a misfired rocket") state none: that is not for
    /// a guess. A wording under a negation is not stated ("it was not an
    /// air strike", "ce n'était pas une frappe", "a rocket rather than a
    /// strike"): see `denied_words`.
    pub fn category_stated(&self, text: &str) -> Option<&str> {
        let said = crate::words::words(text);
        let denied = denied_words(&said);
        let mut best: Option<(usize, &str)> = None;
        let mut tied = false;
        for value in &self.category_words {
            for phrase in value.words.iter().flat_map(|(_, w)| w) {
                let wanted = crate::words::words(phrase);
                let stated = !wanted.is_empty()
                    && said
                        .windows(wanted.len())
                        .enumerate()
                        .any(|(at, w)| w == wanted && !denied[at]);
                if !stated {
                    continue;
                }
                let length = wanted.len();
                match best {
                    Some((l, v)) if l > length || (l == length && v == value.value) => {}
                    Some((l, _)) if l == length => tied = true,
                    _ => {
                        best = Some((length, &value.value));
                        tied = false;
                    }
                }
            }
        }
        if tied { None } else { best.map(|(_, v)| v) }
    }

    /// Whether a figure that answers this question in `unit` (a claim's
    /// own unit, `None` if it has none) is a share in percent, shown with
    /// `%`: its unit or else the question's says `percent` (or `%`), or,
    /// with no unit at all, the question is a `share`. The one rule for
    /// stored claims, new claims and proposals.
    pub fn in_percent(&self, unit: Option<&str>) -> bool {
        match unit.or(self.unit.as_deref()) {
            Some(u) => is_percent_unit(u),
            None => self.kind == QuestionKind::Share,
        }
    }
}

/// Words that deny the wording right after them (folded, as
/// [`crate::words::words`] splits them: "wasn't" is "wasn", "t").
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "pas", "jamais", "aucun", "aucune", "ni", "non",
];
/// Two-word negations: "rather than", "instead of", "plutôt que", "au lieu de".
const NEGATING_PAIRS: &[(&str, &str)] = &[
    ("rather", "than"),
    ("instead", "of"),
    ("plutot", "que"),
    ("plutot", "qu"),
    ("lieu", "de"),
    ("lieu", "d"),
];
/// Words that may stand between a negation and the wording it denies:
/// articles, a copula, "caused by", "dû à" ("not caused by an air strike",
/// "n'est pas dû à une frappe").
const NEGATION_FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "un",
    "une",
    "le",
    "la",
    "les",
    "l",
    "des",
    "du",
    "de",
    "d",
    "by",
    "par",
    "caused",
    "cause",
    "causee",
    "due",
    "to",
    "au",
    "been",
    "ete",
    "be",
    "etre",
    "even",
    "meme",
    "just",
    "simply",
    "seulement",
    "juste",
    "that",
    "this",
    "it",
    "ce",
    "c",
    "was",
    "is",
    "etait",
    "est",
];

/// Words that end what a negation denies ("not a strike but a rocket").
const CONTRASTS: &[&str] = &[
    "but",
    "mais",
    "rather",
    "plutot",
    "instead",
    "only",
    "seulement",
];

/// Which words a negation denies: after one of [`NEGATIONS`] (or a
/// "n't", or a pair such as "rather than"), past fillers, the run of up to
/// three other words that follows ("not caused by an *air strike*", "pas
/// une *frappe aérienne*"), up to a contrast word or the next filler.
fn denied_words(said: &[String]) -> Vec<bool> {
    let mut denied = vec![false; said.len()];
    for (k, w) in said.iter().enumerate() {
        let n_t = w == "t" && k > 0 && said[k - 1].ends_with('n');
        let pair = k > 0 && NEGATING_PAIRS.contains(&(said[k - 1].as_str(), w.as_str()));
        if !(NEGATIONS.contains(&w.as_str()) || n_t || pair) {
            continue;
        }
        let mut j = k + 1;
        while j < said.len() && j - k <= 5 && NEGATION_FILLERS.contains(&said[j].as_str()) {
            j += 1;
        }
        let mut run = 0;
        while j < said.len()
            && run < 3
            && !NEGATION_FILLERS.contains(&said[j].as_str())
            && !CONTRASTS.contains(&said[j].as_str())
        {
            denied[j] = true;
            run += 1;
            j += 1;
        }
    }
    denied
}

/// Where a claim was published, for whoever checks it again (DESIGN §10):
/// all optional, none used by the relation rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The address of the report (http or https).
    pub url: Option<String>,
    /// When the outlet published it (`date` stays when the source said it).
    pub published: Option<ClaimDate>,
    /// An archived copy's address (http or https).
    pub archive: Option<String>,
    /// The analyst's free-text note.
    pub note: Option<String>,
}

impl Provenance {
    /// Whether nothing is known of where the claim was published.
    pub fn is_empty(&self) -> bool {
        *self == Provenance::default()
    }
}

/// One statement of one source about one question, as the store holds it.
///
/// The stage of a claim read from the files once it is validated: every
/// reference an index into the [`Store`] it belongs to (before, the
/// loader's unresolved claim held names).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// Its id, unique across the store (`osdh-toll-62`).
    pub id: String,
    /// The event of the file it is written in.
    pub event: EventIx,
    /// The question it answers.
    pub question: QuestionIx,
    /// The original source (a relayed claim is still its source's claim).
    pub source: SourceIx,
    /// Who relayed it, in order from the first relay to the outlet that
    /// published it (`via: [ocha, afp]`); empty when nobody did.
    pub via: Vec<SourceIx>,
    /// The person who said it, if named (a spokesman, a director).
    pub said_by: Option<String>,
    /// When it was said, at the precision given; `None` if undated.
    pub date: Option<ClaimDate>,
    /// What it says ([`Value::Unstated`] for text only).
    pub value: Value,
    /// The claim's unit, when it differs from the question's.
    pub unit: Option<String>,
    /// The words as published.
    pub text: String,
    /// The language of `text` (`fr`, `en`), if given.
    pub lang: Option<String>,
    /// An English translation of `text`, if given.
    pub translation: Option<String>,
    /// An explicit revision: this claim replaces that one.
    pub supersedes: Option<ClaimIx>,
    /// Claims the analyst says it agrees with.
    pub agrees_with: Vec<ClaimIx>,
    /// Claims the analyst says it contradicts.
    pub contradicts: Vec<ClaimIx>,
    /// Where it was published.
    pub provenance: Provenance,
    /// Where its id is written.
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
    /// Its id, if one was given (`add` makes one otherwise).
    pub id: Option<String>,
    /// The question it answers, if given or found.
    pub question: Option<QuestionIx>,
    /// Its original source, if named.
    pub source: Option<SourceIx>,
    /// Who relayed it, in order from the first relay to the outlet that
    /// published it (`via: [ocha, afp]`); empty when nobody did.
    pub via: Vec<SourceIx>,
    /// The person who said it, if named.
    pub said_by: Option<String>,
    /// When it was said (a claim given without a date is dated today).
    pub date: Option<ClaimDate>,
    /// What it says.
    pub value: Value,
    /// Its unit, when it differs from the question's.
    pub unit: Option<String>,
    /// The words as given.
    pub text: String,
    /// The language of `text`, if given or guessed.
    pub lang: Option<String>,
    /// An English translation of `text`, if given.
    pub translation: Option<String>,
    /// The stored claim it revises, if given.
    pub supersedes: Option<ClaimIx>,
    /// Stored claims it agrees with, as the analyst says.
    pub agrees_with: Vec<ClaimIx>,
    /// Stored claims it contradicts, as the analyst says.
    pub contradicts: Vec<ClaimIx>,
    /// Where it was published.
    pub provenance: Provenance,
}

impl Draft {
    /// An empty draft: no value, no wording, nothing known.
    pub fn empty() -> Draft {
        Draft {
            id: None,
            question: None,
            source: None,
            via: Vec::new(),
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
            provenance: Provenance::default(),
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
    /// When the store was opened from the paged cache (`store::paged`):
    /// its events, questions and claims, read as they are asked for; the
    /// vectors and maps above then hold only the sources.
    #[serde(skip)]
    pub(super) paged: Option<Box<dyn Pages>>,
    /// When a write spliced claims into the store it opened, and this is
    /// the store it made (`cache::spliced`): what changed.
    #[serde(skip)]
    pub(super) spliced: Option<Spliced>,
}

/// What a write that only appended claims to some claims files changed
/// in the store it opened: the claims of a few events. Every other event
/// and question is as it was, at the same index, with the same words;
/// only claim indices moved. What lets the retrieval index follow a write
/// by what it changed rather than by reading every question of both
/// stores (`retrieve::keep`).
#[derive(Debug, Clone)]
pub(crate) struct Spliced {
    /// The digest of the stamp of the store it was spliced from
    /// ([`Stamp::digest`]).
    pub(crate) from: u64,
    /// The events whose claims changed, in index order.
    pub(crate) events: Vec<EventIx>,
    /// For each point of the old store where claims were inserted, in
    /// order, how many were inserted there or before.
    pub(super) shifts: Vec<(usize, usize)>,
}

impl Spliced {
    /// Where claim `c` of the store it was spliced from is now.
    pub(crate) fn moved(&self, c: ClaimIx) -> ClaimIx {
        ClaimIx::from_index(moved(&self.shifts, c.index()))
    }
}

/// Where old claim `c` is in the new store, by the shifts of a splice.
pub(super) fn moved(shifts: &[(usize, usize)], c: usize) -> usize {
    match shifts.partition_point(|&(at, _)| at <= c) {
        0 => c,
        n => c.saturating_add(shifts[n - 1].1),
    }
}

/// A model read on demand: what `Store`'s accessors ask when the store was
/// opened from the paged cache rather than built by the loader. It is a
/// trait so that the model does not depend on the file that implements it.
pub(super) trait Pages: Send + Sync + std::fmt::Debug {
    /// How many events, questions and claims there are.
    fn counts(&self) -> [usize; 3];
    /// The event at `ix`.
    fn event(&self, ix: EventIx) -> &Event;
    /// The question at `ix`.
    fn question(&self, ix: QuestionIx) -> &Question;
    /// The claim at `ix`.
    fn claim(&self, ix: ClaimIx) -> &Claim;
    /// An event by its id.
    fn event_by_id(&self, id: &str) -> Option<EventIx>;
    /// A claim by its bare id.
    fn claim_by_id(&self, id: &str) -> Option<ClaimIx>;
    /// The whole model, decoded (for what reads every claim).
    fn whole(&self) -> &Store;
    /// The hash of the claim's record at `ix`, as its table gives it
    /// (`None` once the cache was found wrong): two equal hashes are the
    /// same record, known without decoding either.
    fn claim_digest(&self, ix: ClaimIx) -> Option<u64>;
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
            paged: None,
            spliced: None,
        }
    }

    /// See the `stamp` field.
    pub(crate) fn stamp(&self) -> Option<&Stamp> {
        self.stamp.as_ref()
    }

    pub(crate) fn set_stamp(&mut self, stamp: Stamp) {
        self.stamp = Some(stamp);
    }

    /// See the `spliced` field.
    pub(crate) fn spliced(&self) -> Option<&Spliced> {
        self.spliced.as_ref()
    }

    /// The folder the store was read from.
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// Every source, in `sources.yaml` order ([`SourceIx`] order).
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    /// Every event, one per claims file, in file-name order. On a store
    /// opened from the paged cache this decodes the whole model (once):
    /// what reads one item asks for it by index instead.
    pub fn events(&self) -> &[Event] {
        match &self.paged {
            Some(p) => &p.whole().events,
            None => &self.events,
        }
    }
    /// Every question, event by event (see [`Store::events`] on cost).
    pub fn questions(&self) -> &[Question] {
        match &self.paged {
            Some(p) => &p.whole().questions,
            None => &self.questions,
        }
    }
    /// The hash of claim `ix`'s record in the store cache, when the store
    /// was opened from it (see [`Pages::claim_digest`]).
    pub(crate) fn claim_digest(&self, ix: ClaimIx) -> Option<u64> {
        self.paged.as_ref()?.claim_digest(ix)
    }

    /// Every claim, in store order ([`ClaimIx`] order; see
    /// [`Store::events`] on cost).
    pub fn claims(&self) -> &[Claim] {
        match &self.paged {
            Some(p) => &p.whole().claims,
            None => &self.claims,
        }
    }
    /// How many events there are.
    pub fn event_count(&self) -> usize {
        self.paged
            .as_ref()
            .map_or(self.events.len(), |p| p.counts()[0])
    }
    /// How many questions there are.
    pub fn question_count(&self) -> usize {
        self.paged
            .as_ref()
            .map_or(self.questions.len(), |p| p.counts()[1])
    }
    /// How many claims there are.
    pub fn claim_count(&self) -> usize {
        self.paged
            .as_ref()
            .map_or(self.claims.len(), |p| p.counts()[2])
    }

    /// The source at `ix`.
    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.index()]
    }
    /// The event at `ix`.
    pub fn event(&self, ix: EventIx) -> &Event {
        match &self.paged {
            Some(p) => p.event(ix),
            None => &self.events[ix.index()],
        }
    }
    /// The question at `ix`.
    pub fn question(&self, ix: QuestionIx) -> &Question {
        match &self.paged {
            Some(p) => p.question(ix),
            None => &self.questions[ix.index()],
        }
    }
    /// The claim at `ix`.
    pub fn claim(&self, ix: ClaimIx) -> &Claim {
        match &self.paged {
            Some(p) => p.claim(ix),
            None => &self.claims[ix.index()],
        }
    }

    /// A source by its id.
    pub fn find_source(&self, id: &str) -> Option<SourceIx> {
        self.source_by_id.get(id).copied()
    }
    /// An event by its id.
    pub fn find_event(&self, id: &str) -> Option<EventIx> {
        match &self.paged {
            Some(p) => p.event_by_id(id),
            None => self.event_by_id.get(id).copied(),
        }
    }
    /// A claim by its bare id.
    fn claim_by_id(&self, id: &str) -> Option<ClaimIx> {
        match &self.paged {
            Some(p) => p.claim_by_id(id),
            None => self.claim_by_id.get(id).copied(),
        }
    }
    /// A claim by `ID` or `EVENT/ID`.
    pub fn find_claim(&self, reference: &str) -> Option<ClaimIx> {
        match reference.split_once('/') {
            Some((event, id)) => self
                .claim_by_id(id)
                .filter(|&c| self.event(self.claim(c).event).id == event),
            None => self.claim_by_id(reference),
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

    /// Every claim's index, in store order.
    pub fn claim_ixs(&self) -> impl Iterator<Item = ClaimIx> + '_ {
        (0..self.claim_count()).map(ClaimIx::from_index)
    }
    /// Every question's index, event by event.
    pub fn question_ixs(&self) -> impl Iterator<Item = QuestionIx> + '_ {
        (0..self.question_count()).map(QuestionIx::from_index)
    }
    /// Every event's index, in file-name order.
    pub fn event_ixs(&self) -> impl Iterator<Item = EventIx> + '_ {
        (0..self.event_count()).map(EventIx::from_index)
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
            None => draft.unit.as_deref().is_some_and(is_percent_unit),
        }
    }
}

/// `percent` or `%`, in any case and spacing.
pub(crate) fn is_percent_unit(unit: &str) -> bool {
    let unit = unit.trim();
    unit.eq_ignore_ascii_case("percent") || unit == "%"
}
