//! Planning writes to the store: claims in bulk from a spreadsheet (CSV)
//! or a feed (JSON Lines) for `import` ([`plan`]), one checked claim for
//! `add` ([`plan_claim`]). A plan is items of YAML per claims file; the
//! store's writer judges and applies it.
//!
//! One row per claim. The columns are the claim fields of DESIGN §1 plus
//! `event`, and `ask`/`kind` to declare a question the store does not have
//! yet (see the README). This module only reads rows and reports what is
//! wrong with their *shape* (`file:line: …`); what a row means (does the
//! source exist, does the value fit the question) is decided by the same
//! loader that validates the store, so an imported claim is held to exactly
//! the rules of a hand-written one.

use crate::date::ClaimDate;
use crate::error::{Error, Location, Problem};
use crate::escape::{escape, quoted};
use crate::store::write::{Addition, ClaimItem, Item, claim_item, fresh_id, question_item};
use crate::store::{CLAIM_KEYS, Draft, QuestionIx, QuestionKind, Store, is_valid_id};
use crate::suggest::nearest;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

mod rows;

pub use rows::{Cell, Row, read_rows, read_rows_and_problems};

/// The columns a row may have besides the claim's keys: the event, and
/// what declares a new question.
pub(crate) const EXTRA_COLUMNS: &[&str] = &["event", "ask", "kind"];

pub(crate) fn is_column(name: &str) -> bool {
    EXTRA_COLUMNS.contains(&name) || CLAIM_KEYS.contains(&name)
}

/// Columns every row must fill.
pub(crate) const REQUIRED: &[&str] = &["event", "about", "source", "text"];

/// What an import will write: items per claims file.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The items to add, per claims file (relative to the store root).
    pub additions: BTreeMap<PathBuf, Addition>,
    /// How many claims it adds.
    pub claims: usize,
    /// The ids of the claims it adds, per claims file, in row order.
    pub ids: BTreeMap<PathBuf, Vec<String>>,
    /// How many questions it declares.
    pub questions: usize,
}

/// Turns rows into claims-file items. Only what must be settled to write
/// the YAML is checked here (a value or a date that cannot be read, a
/// question that neither exists nor is declared with `ask`): such rows are
/// left out of the plan and their problems returned beside it. Everything
/// else (unknown sources, values that do not fit, dangling links) is left
/// to the loader, which judges the store as it would be and reports
/// against each row.
pub fn plan(store: &Store, path: &Path, rows: &[Row]) -> (Plan, Vec<Problem>) {
    let mut planner = Planner {
        store,
        plan: Plan::default(),
        taken: HashSet::new(),
        declared: HashMap::new(),
    };
    let mut problems = Vec::new();
    for row in rows {
        let here = Location::new(path, u32::try_from(row.line).unwrap_or(u32::MAX), 0);
        if let Err(message) = planner.row(row, &here) {
            problems.push(Problem { at: here, message });
        }
    }
    (planner.plan, problems)
}

/// What `add` writes: one claim, in the claims file of its question's
/// event.
#[derive(Debug, Clone)]
pub struct ClaimPlan {
    /// The claim's id: given, or `SOURCE-QUESTION`, numbered if taken.
    pub id: String,
    /// The claims file it goes to, relative to the store root.
    pub file: PathBuf,
    /// The write, as an import plans one.
    pub plan: Plan,
}

/// Plans the write of a checked draft, as `add` does: the claim needs a
/// question, a source and its wording as published; `to` (relative to the
/// store, or else to the working folder), if given, must name the file of the question's event
/// in the store at `root`, however it is written; `id`, if given, is
/// taken as it is (the loader refuses one that is taken).
pub fn plan_claim(
    store: &Store,
    root: &Path,
    draft: &Draft,
    id: Option<&str>,
    to: Option<&Path>,
) -> Result<ClaimPlan, Error> {
    let refuse = |message: &str| Err(Error::Input(message.to_string()));
    let Some(question) = draft.question else {
        return refuse(
            "cannot tell which question this claim answers: give --about EVENT/QUESTION",
        );
    };
    let Some(source) = draft.source else {
        return refuse("no source named in the claim: give --source SOURCE");
    };
    if draft.text.trim().is_empty() {
        return refuse(
            "add needs the claim's wording as published: give it as text (recoupe add \"…\" --about …)",
        );
    }
    let event = store.event(store.question(question).event);
    if let Some(to) = to {
        check_target(store, root, to, question)?;
    }
    let id = match id {
        Some(id) => id.to_string(),
        None => fresh_id(
            store,
            &HashSet::new(),
            &format!(
                "{}-{}",
                store.source(source).id,
                store.question(question).id
            ),
        ),
    };
    let Some(entry) = ClaimItem::from_draft(store, draft, &id) else {
        return refuse("the claim needs a source and a question");
    };
    let mut plan = Plan {
        claims: 1,
        ..Plan::default()
    };
    plan.additions.insert(
        event.file.clone(),
        Addition {
            event: event.id.clone(),
            questions: Vec::new(),
            claims: vec![Item {
                text: claim_item(&entry),
                origin: Location::new(Path::new("the new claim"), 0, 0),
            }],
        },
    );
    Ok(ClaimPlan {
        id,
        file: event.file.clone(),
        plan,
    })
}

/// Refuses a `--to` file that is not the one of the question's event,
/// however it is named (relative to the working folder, `./`, a link).
fn check_target(store: &Store, root: &Path, to: &Path, question: QuestionIx) -> Result<(), Error> {
    let event = store.event(store.question(question).event);
    let same = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let file = same(&root.join(&event.file));
    // Against the store first (`--to claims/x.yaml` wherever one runs
    // it); then, as a shell completes it, against the working folder.
    let here = std::env::current_dir().ok();
    let candidates = std::iter::once(root.join(to)).chain(here.map(|h| h.join(to)));
    if candidates.into_iter().any(|path| same(&path) == file) {
        return Ok(());
    }
    Err(Error::Input(format!(
        "{} is not the file of event `{}` ({}), which the question {} belongs to",
        escape(&to.display().to_string()),
        event.id,
        escape(&event.file.display().to_string()),
        store.question_key(question)
    )))
}

/// A question this import declares (a row with `ask`): its kind and unit.
type Declared = (QuestionKind, Option<String>);

/// An import being planned, row by row.
struct Planner<'s> {
    store: &'s Store,
    plan: Plan,
    /// Ids given out so far.
    taken: HashSet<String>,
    /// Questions declared so far: (event, id) → kind and unit.
    declared: HashMap<(String, String), Declared>,
}

/// What a row says its claim is about, and who said it.
struct Required<'r> {
    event: &'r str,
    about: &'r str,
    source: &'r str,
}

impl Planner<'_> {
    /// Plans one row; a problem leaves it out of the plan.
    fn row(&mut self, row: &Row, here: &Location) -> Result<(), String> {
        let (Some(event), Some(about), Some(source), Some(text)) = (
            row.text("event"),
            row.text("about"),
            row.text("source"),
            row.text("text"),
        ) else {
            return Ok(()); // reported by read_rows
        };
        let about = self.question_id(event, about)?;
        let cells = Required {
            event,
            about,
            source,
        };
        let stored = self.stored_question(event, about);
        let kind = self.question_kind(row, &cells, stored, here)?;
        let (value, worded_unit) = value_of(self.store, row, stored, kind)?;
        let date = date_of(row)?;
        let id = self.id_of(row, &cells)?;
        let key = (event.to_string(), about.to_string());
        let entry = ClaimItem {
            id,
            source: source.to_string(),
            via: list(row, "via"),
            said_by: row.text("said_by").map(str::to_string),
            date,
            about: about.to_string(),
            value,
            unit: claim_unit(row, self.declared.get(&key), worded_unit),
            text: text.to_string(),
            lang: row.text("lang").map(str::to_string),
            translation: row.text("translation").map(str::to_string),
            supersedes: row.text("supersedes").map(str::to_string),
            agrees_with: list(row, "agrees_with"),
            contradicts: list(row, "contradicts"),
            url: row.text("url").map(str::to_string),
            published: row.text("published").map(str::to_string),
            archive: row.text("archive").map(str::to_string),
            note: row.text("note").map(str::to_string),
        };
        self.addition(event).claims.push(Item {
            text: claim_item(&entry),
            origin: here.clone(),
        });
        self.plan
            .ids
            .entry(file_of(self.store, event))
            .or_default()
            .push(entry.id.clone());
        self.plan.claims += 1;
        Ok(())
    }

    /// The question id of column `about` (`QUESTION` or `EVENT/QUESTION`),
    /// once the event is known to be a valid id that can have a file of
    /// its own.
    fn question_id<'r>(&self, event: &str, about: &'r str) -> Result<&'r str, String> {
        if !is_valid_id(event) {
            return Err(format!(
                "`{}` is not a valid event id: use letters, digits, `-`, `_` and `.`",
                escape(event)
            ));
        }
        let about = match about.split_once('/') {
            Some((e, q)) if e == event => q,
            Some((e, _)) => {
                return Err(format!(
                    "column `about` names a question of event `{}`, but the row's event is `{}`",
                    escape(e),
                    escape(event)
                ));
            }
            None => about,
        };
        if self.store.find_event(event).is_none()
            && let Some(other) = self
                .store
                .events()
                .iter()
                .find(|e| e.file == file_of(self.store, event))
        {
            return Err(format!(
                "event `{}` is new, but {} already holds event `{}`; rename one of them",
                escape(event),
                other.file.display(),
                escape(&other.id)
            ));
        }
        Ok(about)
    }

    /// The stored question `EVENT/ABOUT`, if the store has it.
    fn stored_question(&self, event: &str, about: &str) -> Option<QuestionIx> {
        let e = self.store.find_event(event)?;
        self.store
            .find_question(&format!("{event}/{about}"))
            .filter(|&q| self.store.question(q).event == e)
    }

    /// The kind of the row's question: stored, declared by an earlier row,
    /// or declared by this one (its `ask` and `kind`), which adds the
    /// question to the plan.
    fn question_kind(
        &mut self,
        row: &Row,
        cells: &Required,
        stored: Option<QuestionIx>,
        here: &Location,
    ) -> Result<Option<QuestionKind>, String> {
        let key = (cells.event.to_string(), cells.about.to_string());
        if let Some(q) = stored {
            return Ok(Some(self.store.question(q).kind));
        }
        if let Some((kind, _)) = self.declared.get(&key) {
            return Ok(Some(*kind));
        }
        let Some(ask) = row.text("ask") else {
            return Err(self.no_such_question(cells));
        };
        let kind = match row.text("kind") {
            None => QuestionKind::Text,
            Some(k) => match QuestionKind::ALL.iter().find(|(n, _)| *n == k) {
                Some((_, kind)) => *kind,
                None => {
                    return Err(format!(
                        "column `kind`: `{}` is not a question kind (count, share, category or text)",
                        escape(k)
                    ));
                }
            },
        };
        self.declared
            .insert(key, (kind, row.text("unit").map(str::to_string)));
        self.addition(cells.event).questions.push(Item {
            text: question_item(cells.about, ask, kind, row.text("unit")),
            origin: here.clone(),
        });
        self.plan.questions += 1;
        Ok(Some(kind))
    }

    /// Why a row names a question that neither exists nor is declared.
    fn no_such_question(&self, cells: &Required) -> String {
        let known: Vec<&str> = self
            .store
            .find_event(cells.event)
            .map(|e| {
                self.store
                    .event(e)
                    .questions
                    .iter()
                    .map(|&q| self.store.question(q).id.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let hint = match nearest(cells.about, &known) {
            Some(near) => format!("did you mean `{near}`? "),
            None => String::new(),
        };
        format!(
            "column `about`: event `{}` has no question `{}` ({hint}fill `ask` to create it)",
            escape(cells.event),
            escape(cells.about)
        )
    }

    /// The row's id: given, or `SOURCE-QUESTION` numbered if taken; never
    /// one an earlier row has.
    fn id_of(&mut self, row: &Row, cells: &Required) -> Result<String, String> {
        let id = match row.text("id") {
            Some(id) => id.to_string(),
            None => fresh_id(
                self.store,
                &self.taken,
                &format!("{}-{}", cells.source, cells.about),
            ),
        };
        if !self.taken.insert(id.clone()) {
            return Err(format!(
                "id `{}` is given to two rows of this import",
                escape(&id)
            ));
        }
        Ok(id)
    }

    /// What is planned for the claims file of `event`.
    fn addition(&mut self, event: &str) -> &mut Addition {
        let file = file_of(self.store, event);
        self.plan.additions.entry(file).or_insert_with(|| Addition {
            event: event.to_string(),
            ..Addition::default()
        })
    }
}

/// The row's value, and the unit its words gave ("5%").
fn value_of(
    store: &Store,
    row: &Row,
    stored: Option<QuestionIx>,
    kind: Option<QuestionKind>,
) -> Result<(Value, Option<String>), String> {
    match row.cells.get("value") {
        None => Ok((Value::Unstated, None)),
        Some(Cell::Value(v)) => Ok((v.clone(), None)),
        Some(Cell::Text(t)) => {
            let question = stored.map(|q| store.question(q));
            let category = kind == Some(QuestionKind::Category);
            match crate::input::parse_value(t, question) {
                Ok(parsed) if matches!(parsed.value, Value::Is(_)) && !category => Err(format!(
                    "column `value`: cannot read `{}` as a figure",
                    quoted(t)
                )),
                Ok(parsed) => Ok((parsed.value, parsed.unit)),
                Err(e) => Err(format!("column `value`: {e}")),
            }
        }
        Some(Cell::List(_)) => Err("column `value` holds one value, not a list".to_string()),
    }
}

/// The row's date, as the store writes it.
fn date_of(row: &Row) -> Result<Option<String>, String> {
    match row.text("date") {
        None => Ok(None),
        Some(d) => match ClaimDate::parse(d) {
            Ok(date) => Ok(Some(date.to_string())),
            Err(e) => Err(format!("column `date`: {}", escape(&e))),
        },
    }
}

/// The claim's own unit. The row that declares a question gives it its
/// unit; on any other row the unit is the claim's own, when it differs
/// from its question's. A unit the value's words gave ("5%") too.
fn claim_unit(
    row: &Row,
    declared: Option<&Declared>,
    worded_unit: Option<String>,
) -> Option<String> {
    match declared {
        Some((_, question_unit)) => row
            .text("unit")
            .filter(|u| Some(*u) != question_unit.as_deref()),
        None => row.text("unit"),
    }
    .map(str::to_string)
    .or(worded_unit)
}

/// A column of claim ids (`agrees_with`, `contradicts`).
fn list(row: &Row, column: &str) -> Vec<String> {
    match row.cells.get(column) {
        Some(Cell::List(ids)) => ids.clone(),
        Some(Cell::Text(t)) => vec![t.clone()],
        _ => Vec::new(),
    }
}

/// The claims file of an event: its own, or `claims/EVENT.yaml` for a new one.
fn file_of(store: &Store, event: &str) -> PathBuf {
    store.find_event(event).map_or_else(
        || PathBuf::from("claims").join(format!("{event}.yaml")),
        |e| store.event(e).file.clone(),
    )
}
