//! Items read from the files to the model: ids registered store-wide,
//! references (sources, relays, questions, revisions, analyst links)
//! resolved to indices, values checked against their questions.
//!
//! Resolution is apart from reading because it is the only step that sees
//! the whole store at once (a claim may name a claim of another file); it
//! is also what a claim from outside (`check --file`) goes through against
//! a loaded store, so both share these rules and their messages.

use super::model::{
    Categories, Claim, ClaimIx, Draft, Event, EventIx, Question, QuestionIx, QuestionKind, Source,
    SourceIx, Store, is_percent_unit,
};
use super::read::Spot;
use super::revisions;
use super::schema::{UnresolvedClaim, UnresolvedEvent, UnresolvedQuestion, UnresolvedSource};
use crate::date;
use crate::error::{Location, Problem};
use crate::escape::escape;
use crate::suggest::nearest;
use crate::value::Value;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

/// Why a value does not fit its question, if it does not: a category on a
/// count, a figure on a category or text question, a category off the
/// scale, a negative count, a share outside 0–100%. Shared by the loader
/// and by claims given on the command line.
pub(crate) fn misfit(question: &Question, value: &Value, unit: Option<&str>) -> Option<String> {
    let id = &question.id;
    match (question.kind, value) {
        (_, Value::Unstated) => None,
        (QuestionKind::Text, _) => Some(format!(
            "`{id}` is a text question: its claims have no value (remove `value`)"
        )),
        (QuestionKind::Category, Value::Is(category)) => {
            let allowed = match &question.categories {
                Categories::Scale(s) | Categories::Values(s) => s,
                Categories::Open => return None,
            };
            if allowed.contains(category) {
                return None;
            }
            let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let hint = match nearest(category, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("one of: {}", names.join(", ")),
            };
            Some(format!(
                "`{}` is not a value of question `{id}` ({hint})",
                escape(category)
            ))
        }
        (QuestionKind::Category, _) => Some(format!(
            "`{id}` is a category question: write the value as {{is: CATEGORY}}"
        )),
        (kind, Value::Is(_)) => Some(format!(
            "`{id}` is a {} question: its value is a figure, not a category",
            kind.name()
        )),
        (QuestionKind::Count, v) if v.numbers().iter().any(|n| *n < 0.0) => {
            Some(format!("`{id}` is a count: figures are never negative"))
        }
        (QuestionKind::Share, v) => {
            let percent = unit
                .or(question.unit.as_deref())
                .is_none_or(is_percent_unit);
            (percent && v.numbers().iter().any(|n| !(0.0..=100.0).contains(n)))
                .then(|| format!("`{id}` is a share in percent: figures go from 0 to 100"))
        }
        _ => None,
    }
}

/// A claim's references to other claims, resolved once every id is known.
struct Links {
    claim: ClaimIx,
    supersedes: Option<Spot<String>>,
    agrees_with: Vec<Spot<String>>,
    contradicts: Vec<Spot<String>>,
}

/// What [`Resolver::resolve_links`] needs of a claim: its links, where its
/// date was written, and whether its source or question failed to resolve.
struct Pending {
    links: Links,
    date_at: Option<Location>,
    broken: bool,
}

/// Resolves what was read, collecting every problem it meets.
pub(super) struct Resolver {
    pub(super) problems: Vec<Problem>,
    /// Questions with a field that could not be read (already reported):
    /// values are not judged against them.
    damaged: Vec<QuestionIx>,
}

impl Resolver {
    /// A resolver that goes on from the problems found so far (some checks
    /// only run on a store with none).
    pub(super) fn new(problems: Vec<Problem>) -> Resolver {
        Resolver {
            problems,
            damaged: Vec::new(),
        }
    }

    fn problem(&mut self, at: Location, message: impl Into<String>) {
        self.problems.push(Problem {
            at,
            message: message.into(),
        });
    }

    /// Registers ids, resolves references and checks values against
    /// questions; returns the model (meaningful only without problems).
    pub(super) fn resolve(
        &mut self,
        root: &Path,
        sources: Option<Vec<UnresolvedSource>>,
        events: Vec<UnresolvedEvent>,
    ) -> Store {
        let sources_known = sources.is_some();
        let mut store = Store::empty(root);
        self.register_sources(&mut store, sources.unwrap_or_default());
        let events = self.register_events(&mut store, events);
        let pending = self.resolve_claims(&mut store, events, sources_known);
        self.resolve_links(&mut store, pending);
        self.problems.extend(revisions::loop_problems(&store));
        if self.problems.is_empty() {
            self.problems.extend(revisions::date_problems(&store));
        }
        store
    }

    /// Step 1: the sources, in `sources.yaml` order; a duplicate id points
    /// at the first.
    fn register_sources(&mut self, store: &mut Store, sources: Vec<UnresolvedSource>) {
        let mut source_at: HashMap<String, Location> = HashMap::new();
        for s in sources {
            if let Some(first) = source_at.get(&s.id.value) {
                self.problem(
                    s.id.at.clone(),
                    format!(
                        "duplicate source id `{}` (first at {first})",
                        escape(&s.id.value)
                    ),
                );
                continue;
            }
            source_at.insert(s.id.value.clone(), s.id.at.clone());
            let ix = SourceIx::from_index(store.sources.len());
            store.source_by_id.insert(s.id.value.clone(), ix);
            store.sources.push(Source {
                name: s.name.unwrap_or_else(|| s.id.value.clone()),
                id: s.id.value,
                aliases: s.aliases,
                kind: s.kind,
                alignment: s.alignment,
                prior: s.prior,
                at: s.id.at,
            });
        }
    }

    /// Step 2: the events, one per file, with their questions, and every
    /// claim's id with the index the claim will have, so that links may
    /// point forward (claim ids are unique across the whole store; the
    /// first of duplicates keeps the id, the others are marked and still
    /// checked for everything else). Returns each kept event with its
    /// claims.
    fn register_events(
        &mut self,
        store: &mut Store,
        events: Vec<UnresolvedEvent>,
    ) -> Vec<(EventIx, Vec<UnresolvedClaim>)> {
        let mut event_at: HashMap<String, Location> = HashMap::new();
        let mut kept_events: Vec<(EventIx, Vec<UnresolvedClaim>)> =
            Vec::with_capacity(events.len());
        // The index of the first claim of each kept event, and of the next.
        let mut starts = Vec::with_capacity(events.len());
        let mut next_claim = 0;
        let claim_count = events.iter().map(|e| e.claims.len()).sum();
        store.claim_by_id.reserve(claim_count);
        for raw in events {
            if let Some(first) = event_at.get(&raw.id.value)
                && !raw.id.value.is_empty()
            {
                self.problem(
                    raw.id.at.clone(),
                    format!(
                        "event `{}` is already defined at {first} (one file per event)",
                        escape(&raw.id.value)
                    ),
                );
                continue;
            }
            event_at.insert(raw.id.value.clone(), raw.id.at.clone());
            let event_ix = EventIx::from_index(store.events.len());
            store.event_by_id.insert(raw.id.value.clone(), event_ix);
            let questions = self.register_questions(store, event_ix, &raw.questions);
            store.events.push(Event {
                id: raw.id.value,
                title: raw.title,
                file: raw.file,
                questions,
                claims: Vec::new(),
            });
            // The event's list is kept as it is, not moved claim by claim
            // (a tenth of a cold load at 100k); ids go straight into the
            // model's map, where the first claim of an id is found again
            // by its index only when a duplicate names it.
            let mut claims = raw.claims;
            starts.push(next_claim);
            for k in 0..claims.len() {
                let ix = ClaimIx::from_index(next_claim + k);
                let id = &claims[k].id.value;
                // A missing id names nothing.
                if id.is_empty() {
                    continue;
                }
                let first = match store.claim_by_id.entry(id.clone()) {
                    Entry::Vacant(vacant) => {
                        vacant.insert(ix);
                        continue;
                    }
                    Entry::Occupied(taken) => taken.get().index(),
                };
                let first_at = match first.checked_sub(next_claim) {
                    Some(here) => claims[here].id.at.clone(),
                    None => {
                        let event = starts.partition_point(|&start| start <= first) - 1;
                        kept_events[event].1[first - starts[event]].id.at.clone()
                    }
                };
                let claim = &mut claims[k];
                self.problem(
                    claim.id.at.clone(),
                    format!(
                        "duplicate claim id `{}` (first at {first_at})",
                        escape(&claim.id.value)
                    ),
                );
                // Still checked for everything else.
                claim.unread.push("id");
            }
            next_claim += claims.len();
            kept_events.push((event_ix, claims));
        }
        kept_events
    }

    /// An event's questions, with the defaults of DESIGN §1 (a share is in
    /// percent, a count is cumulative); a duplicate id points at the first.
    fn register_questions(
        &mut self,
        store: &mut Store,
        event: EventIx,
        questions: &[UnresolvedQuestion],
    ) -> Vec<QuestionIx> {
        let mut question_ixs = Vec::new();
        let mut question_at: HashMap<&str, &Location> = HashMap::new();
        for q in questions {
            if let Some(first) = question_at.get(q.id.value.as_str()) {
                self.problem(
                    q.id.at.clone(),
                    format!(
                        "duplicate question id `{}` (first at {first})",
                        escape(&q.id.value)
                    ),
                );
                continue;
            }
            question_at.insert(&q.id.value, &q.id.at);
            let ix = QuestionIx::from_index(store.questions.len());
            question_ixs.push(ix);
            if q.damaged {
                self.damaged.push(ix);
            }
            store.questions.push(Question {
                id: q.id.value.clone(),
                event,
                ask: q.ask.clone(),
                kind: q.kind,
                unit: q
                    .unit
                    .clone()
                    .or_else(|| (q.kind == QuestionKind::Share).then(|| "percent".to_string())),
                cumulative: q
                    .cumulative
                    .as_ref()
                    .map_or(q.kind == QuestionKind::Count, |c| c.value),
                tolerance: q.tolerance,
                categories: q.categories.clone(),
                category_words: q.category_words.clone(),
                claims: Vec::new(),
                at: q.id.at.clone(),
            });
        }
        question_ixs
    }

    /// Step 3: each claim's source, relay and question, and its value
    /// against the question; returns what is left to resolve once every
    /// claim exists (links between claims).
    fn resolve_claims(
        &mut self,
        store: &mut Store,
        events: Vec<(EventIx, Vec<UnresolvedClaim>)>,
        sources_known: bool,
    ) -> Vec<Pending> {
        let claim_count: usize = events.iter().map(|(_, c)| c.len()).sum();
        store.claims.reserve(claim_count);
        let mut pending = Vec::with_capacity(claim_count);
        for (event_ix, claims) in events {
            for raw in claims {
                pending.push(self.resolve_claim(store, event_ix, raw, sources_known));
            }
        }
        pending
    }

    /// One claim of [`Resolver::resolve_claims`], added to the store.
    fn resolve_claim(
        &mut self,
        store: &mut Store,
        event_ix: EventIx,
        raw: UnresolvedClaim,
        sources_known: bool,
    ) -> Pending {
        let ix = ClaimIx::from_index(store.claims.len());
        let read = |key: &str| !raw.unread.contains(&key);
        let source = if read("source") {
            self.source_ref(store, &raw.source, sources_known)
        } else {
            None
        };
        let via = self.relay_chain(store, source, &raw.via, sources_known);
        let question = if read("about") {
            self.question_ref(store, event_ix, &raw.about)
        } else {
            None
        };
        if let Some(q) = question
            && read("value")
        {
            self.check_value_fits(store, q, &raw);
        }
        let pending = Pending {
            links: Links {
                claim: ix,
                supersedes: raw.supersedes,
                agrees_with: raw.agrees_with,
                contradicts: raw.contradicts,
            },
            date_at: raw.date.as_ref().map(|d| d.at.clone()),
            broken: source.is_none() || question.is_none() || !raw.unread.is_empty(),
        };
        // Placeholders keep indices aligned while problems remain; the
        // model is only handed out when there are none.
        let (source, question) = (
            source.unwrap_or(SourceIx(0)),
            question.unwrap_or(QuestionIx(0)),
        );
        store.events[event_ix.index()].claims.push(ix);
        if let Some(q) = store.questions.get_mut(question.index()) {
            q.claims.push(ix);
        }
        store.claims.push(Claim {
            id: raw.id.value,
            event: event_ix,
            question,
            source,
            via: via.into_iter().flatten().collect(),
            said_by: raw.said_by,
            date: raw.date.map(|d| d.value),
            value: raw.value.value,
            unit: raw.unit,
            text: raw.text,
            lang: raw.lang,
            translation: raw.translation,
            supersedes: None,
            agrees_with: Vec::new(),
            contradicts: Vec::new(),
            provenance: raw.provenance,
            at: raw.id.at,
        });
        pending
    }

    /// Step 4: `supersedes`, `agrees_with` and `contradicts`, now that every
    /// claim they may name exists.
    fn resolve_links(&mut self, store: &mut Store, pending: Vec<Pending>) {
        // Claims whose source or question did not resolve: their problem is
        // already reported, and cross-claim checks on them would only echo it.
        let broken: Vec<bool> = pending.iter().map(|p| p.broken).collect();
        for Pending { links, date_at, .. } in pending {
            let ix = links.claim;
            let sup = links
                .supersedes
                .and_then(|s| self.revision_ref(store, &broken, ix, &s, date_at.as_ref()));
            let agrees = links
                .agrees_with
                .iter()
                .filter_map(|l| self.link_ref(store, &broken, ix, l, "agrees_with"))
                .collect();
            let contra = links
                .contradicts
                .iter()
                .filter_map(|l| self.link_ref(store, &broken, ix, l, "contradicts"))
                .collect();
            let claim = &mut store.claims[ix.index()];
            claim.supersedes = sup;
            claim.agrees_with = agrees;
            claim.contradicts = contra;
        }
    }

    /// A claim's relay chain, each relay resolved (`None` where unknown):
    /// a source does not relay itself, nor appear twice in one chain.
    fn relay_chain(
        &mut self,
        store: &Store,
        source: Option<SourceIx>,
        via: &[Spot<String>],
        sources_known: bool,
    ) -> Vec<Option<SourceIx>> {
        let mut chain = Vec::with_capacity(via.len());
        for v in via {
            let relay = self.source_ref(store, v, sources_known);
            if relay.is_some() && relay == source {
                self.problem(
                    v.at.clone(),
                    "`via` names the claim's own source: a source does not relay itself",
                );
            } else if relay.is_some() && chain.contains(&relay) {
                self.problem(
                    v.at.clone(),
                    format!("`via` names `{}` twice", escape(&v.value)),
                );
            }
            chain.push(relay);
        }
        chain
    }

    /// Resolves a standalone claim against a loaded store.
    pub(super) fn resolve_draft(&mut self, store: &Store, raw: UnresolvedClaim) -> Option<Draft> {
        let read = |key: &str| !raw.unread.contains(&key);
        let source = if read("source") {
            self.source_ref(store, &raw.source, true)
        } else {
            None
        };
        let via = self.relay_chain(store, source, &raw.via, true);
        let question = match raw.about.value.split_once('/') {
            _ if !read("about") => None,
            Some((event_id, _)) => match store.find_event(event_id) {
                Some(event) => self.question_ref(store, event, &raw.about),
                None => {
                    let events: Vec<&str> = store.events.iter().map(|e| e.id.as_str()).collect();
                    let hint = match nearest(event_id, &events) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("events: {}", events.join(", ")),
                    };
                    self.problem(
                        raw.about.at.clone(),
                        format!("`about` names no event: `{}` ({hint})", escape(event_id)),
                    );
                    None
                }
            },
            None => {
                let named: Vec<QuestionIx> = store
                    .question_ixs()
                    .filter(|&q| store.question(q).id == raw.about.value)
                    .collect();
                match named.as_slice() {
                    [only] => Some(*only),
                    none_or_several => {
                        let id = escape(&raw.about.value);
                        let message = if none_or_several.is_empty() {
                            format!("`about` names no question: `{id}` (write EVENT/QUESTION)")
                        } else {
                            format!("several events have a question `{id}`: write EVENT/QUESTION")
                        };
                        self.problem(raw.about.at.clone(), message);
                        None
                    }
                }
            }
        };
        if let Some(q) = question
            && read("value")
        {
            self.check_value_fits(store, q, &raw);
        }
        let supersedes = raw
            .supersedes
            .as_ref()
            .map(|s| self.claim_ref(store, s, "supersedes"));
        let agrees_with: Vec<Option<ClaimIx>> = raw
            .agrees_with
            .iter()
            .map(|l| self.claim_ref(store, l, "agrees_with"))
            .collect();
        let contradicts: Vec<Option<ClaimIx>> = raw
            .contradicts
            .iter()
            .map(|l| self.claim_ref(store, l, "contradicts"))
            .collect();
        if !raw.unread.is_empty() {
            return None;
        }
        Some(Draft {
            id: (!raw.id.value.is_empty()).then_some(raw.id.value),
            question: Some(question?),
            source: Some(source?),
            via: via.into_iter().collect::<Option<Vec<_>>>()?,
            said_by: raw.said_by,
            date: raw.date.map(|d| d.value),
            value: raw.value.value,
            unit: raw.unit,
            text: raw.text,
            lang: raw.lang,
            translation: raw.translation,
            supersedes: supersedes.map(|s| s.ok_or(())).transpose().ok()?,
            provenance: raw.provenance,
            agrees_with: agrees_with.into_iter().collect::<Option<Vec<_>>>()?,
            contradicts: contradicts.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn source_ref(
        &mut self,
        store: &Store,
        name: &Spot<String>,
        sources_known: bool,
    ) -> Option<SourceIx> {
        let found = store.find_source(&name.value);
        if found.is_none() && sources_known {
            let ids: Vec<&str> = store.sources.iter().map(|s| s.id.as_str()).collect();
            let hint = match nearest(&name.value, &ids) {
                Some(near) => format!(" (did you mean `{near}`?)"),
                None => " (sources are declared in sources.yaml)".to_string(),
            };
            self.problem(
                name.at.clone(),
                format!("unknown source \"{}\"{hint}", escape(&name.value)),
            );
        }
        found
    }

    fn question_ref(
        &mut self,
        store: &Store,
        event: EventIx,
        about: &Spot<String>,
    ) -> Option<QuestionIx> {
        let event_id = &store.event(event).id;
        let local = match about.value.split_once('/') {
            Some((e, q)) if e == event_id => q,
            Some((e, _)) => {
                self.problem(
                    about.at.clone(),
                    format!(
                        "`about` names a question of event `{}`; a claim answers a question of its own file's event (`{}`)",
                        escape(e),
                        escape(event_id)
                    ),
                );
                return None;
            }
            None => about.value.as_str(),
        };
        let questions = &store.event(event).questions;
        let found = questions
            .iter()
            .copied()
            .find(|&q| store.question(q).id == local);
        if found.is_none() {
            let ids: Vec<&str> = questions
                .iter()
                .map(|&q| store.question(q).id.as_str())
                .collect();
            let hint = match nearest(local, &ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None if ids.is_empty() => "the file declares no questions".to_string(),
                None => format!("questions here: {}", ids.join(", ")),
            };
            self.problem(
                about.at.clone(),
                format!("`about` names no question: `{}` ({hint})", escape(local)),
            );
        }
        found
    }

    fn check_value_fits(&mut self, store: &Store, q: QuestionIx, raw: &UnresolvedClaim) {
        if self.damaged.contains(&q) {
            return;
        }
        let question = store.question(q);
        if let Some(message) = misfit(question, &raw.value.value, raw.unit.as_deref()) {
            self.problem(raw.value.at.clone(), message);
        }
    }

    fn claim_ref(&mut self, store: &Store, reference: &Spot<String>, key: &str) -> Option<ClaimIx> {
        let found = store.find_claim(&reference.value);
        if found.is_none() {
            self.problem(
                reference.at.clone(),
                format!(
                    "`{key}` names a missing claim: `{}`",
                    escape(&reference.value)
                ),
            );
        }
        found
    }

    fn revision_ref(
        &mut self,
        store: &Store,
        broken: &[bool],
        ix: ClaimIx,
        reference: &Spot<String>,
        date_at: Option<&Location>,
    ) -> Option<ClaimIx> {
        let target = self.claim_ref(store, reference, "supersedes")?;
        let (me, old) = (store.claim(ix), store.claim(target));
        let at = reference.at.clone();
        if broken[ix.index()] || broken[target.index()] {
            return None;
        }
        if target == ix {
            self.problem(at, "a claim cannot supersede itself");
            return None;
        }
        if me.source != old.source {
            self.problem(
                at,
                format!(
                    "`supersedes` works within one source: `{}` is {}'s claim, `{}` is {}'s",
                    escape(&me.id),
                    store.source(me.source).id,
                    escape(&old.id),
                    store.source(old.source).id
                ),
            );
            return None;
        }
        if me.question != old.question {
            self.problem(
                at,
                format!(
                    "`{}` answers another question; a revision answers the same one",
                    escape(&old.id)
                ),
            );
            return None;
        }
        if date::order(me.date.as_ref(), old.date.as_ref()) == Some(Ordering::Less) {
            let (a, b) = (
                me.date.map(|d| d.to_string()),
                old.date.map(|d| d.to_string()),
            );
            self.problem(
                date_at.cloned().unwrap_or(at),
                format!(
                    "`{}` ({}) supersedes `{}`, which is dated later ({}): a revision comes after what it revises",
                    escape(&me.id),
                    a.unwrap_or_default(),
                    escape(&old.id),
                    b.unwrap_or_default()
                ),
            );
            return None;
        }
        Some(target)
    }

    fn link_ref(
        &mut self,
        store: &Store,
        broken: &[bool],
        ix: ClaimIx,
        reference: &Spot<String>,
        key: &str,
    ) -> Option<ClaimIx> {
        let target = self.claim_ref(store, reference, key)?;
        let (me, other) = (store.claim(ix), store.claim(target));
        let at = reference.at.clone();
        if broken[ix.index()] || broken[target.index()] {
            None
        } else if target == ix {
            self.problem(at, format!("`{key}` links a claim to itself"));
            None
        } else if me.question != other.question {
            self.problem(
                at,
                format!(
                    "`{key}` links claims that answer different questions (`{}` and `{}`); claims relate only on the same question",
                    store.question(me.question).id,
                    store.question(other.question).id
                ),
            );
            None
        } else if me.source == other.source {
            self.problem(
                at,
                format!("`{key}` links two claims of the same source ({}); use `supersedes` for a revision", store.source(me.source).id),
            );
            None
        } else {
            Some(target)
        }
    }
}
