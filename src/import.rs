//! Reading claims in bulk: a spreadsheet (CSV) or a feed (JSON Lines).
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
use crate::escape::escape;
use crate::store::write::{Addition, ClaimItem, Item, fresh_id};
use crate::store::write::{claim_item, question_item};
use crate::store::{CLAIM_KEYS, QuestionKind, Store, is_valid_id};
use crate::suggest::nearest;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The columns a row may have besides the claim's keys: the event, and
/// what declares a new question.
const EXTRA_COLUMNS: &[&str] = &["event", "ask", "kind"];

fn is_column(name: &str) -> bool {
    EXTRA_COLUMNS.contains(&name) || CLAIM_KEYS.contains(&name)
}

/// Columns every row must fill.
pub const REQUIRED: &[&str] = &["event", "about", "source", "text"];

/// A cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A list of ids (`agrees_with`, `contradicts`): `a;b` in CSV, an
    /// array in JSON.
    List(Vec<String>),
    /// A value written in its JSON form in a feed (`{"at_least": 62}`).
    Value(crate::value::Value),
}

/// One claim to import, with the line it came from.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub cells: BTreeMap<String, Cell>,
}

impl Row {
    /// A text cell, if filled.
    pub fn text(&self, column: &str) -> Option<&str> {
        match self.cells.get(column) {
            Some(Cell::Text(t)) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }
}

/// Reads every row of a `.csv` or `.jsonl` file; all problems at once.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, Error> {
    let name = path.to_string_lossy();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::InvalidStore(vec![problem(
            path,
            0,
            "the file is not UTF-8 text (save it as UTF-8)",
        )])
    })?;
    let mut problems = Vec::new();
    let rows = if name.ends_with(".csv") {
        read_csv(path, &text, &mut problems)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        read_jsonl(path, &text, &mut problems)
    } else {
        return Err(Error::Input(format!(
            "{}: import reads .csv or .jsonl files",
            escape(&name)
        )));
    };
    for row in &rows {
        for column in REQUIRED {
            if row.text(column).is_none() {
                problems.push(problem(
                    path,
                    row.line,
                    &format!("column `{column}` is empty; every row needs it"),
                ));
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(problem(path, 0, "no rows to import"));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        problems.sort();
        Err(Error::Rejected(problems))
    }
}

/// What an import will write: items per claims file.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub additions: BTreeMap<PathBuf, Addition>,
    pub claims: usize,
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
    let mut plan = Plan::default();
    let mut problems = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    // Questions declared by this import: (event, id) → kind and unit.
    let mut declared: HashMap<(String, String), (QuestionKind, Option<String>)> = HashMap::new();
    for row in rows {
        let here = Location::new(path, u32::try_from(row.line).unwrap_or(u32::MAX), 0);
        let mut fail = |message: String| {
            problems.push(Problem {
                at: here.clone(),
                message,
            })
        };
        let (Some(event), Some(about), Some(source), Some(text)) = (
            row.text("event"),
            row.text("about"),
            row.text("source"),
            row.text("text"),
        ) else {
            continue; // reported by read_rows
        };
        if !is_valid_id(event) {
            fail(format!(
                "`{}` is not a valid event id: use letters, digits, `-`, `_` and `.`",
                escape(event)
            ));
            continue;
        }
        let about = match about.split_once('/') {
            Some((e, q)) if e == event => q,
            Some((e, _)) => {
                fail(format!(
                    "column `about` names a question of event `{}`, but the row's event is `{}`",
                    escape(e),
                    escape(event)
                ));
                continue;
            }
            None => about,
        };
        let existing_event = store.find_event(event);
        if existing_event.is_none()
            && let Some(other) = store
                .events()
                .iter()
                .find(|e| e.file == file_of(store, event))
        {
            fail(format!(
                "event `{}` is new, but {} already holds event `{}`; rename one of them",
                escape(event),
                other.file.display(),
                escape(&other.id)
            ));
            continue;
        }
        let stored = existing_event.and_then(|e| {
            store
                .find_question(&format!("{event}/{about}"))
                .filter(|&q| store.question(q).event == e)
        });
        let key = (event.to_string(), about.to_string());
        let kind = match (stored, declared.get(&key), row.text("ask")) {
            (Some(q), _, _) => Some(store.question(q).kind),
            (None, Some((kind, _)), _) => Some(*kind),
            (None, None, Some(ask)) => {
                let kind = match row.text("kind") {
                    None => QuestionKind::Text,
                    Some(k) => match QuestionKind::ALL.iter().find(|(n, _)| *n == k) {
                        Some((_, kind)) => *kind,
                        None => {
                            fail(format!(
                                "column `kind`: `{}` is not a question kind (count, share, category or text)",
                                escape(k)
                            ));
                            continue;
                        }
                    },
                };
                declared.insert(key.clone(), (kind, row.text("unit").map(str::to_string)));
                let file = file_of(store, event);
                let addition = plan.additions.entry(file).or_insert_with(|| Addition {
                    event: event.to_string(),
                    ..Addition::default()
                });
                addition.questions.push(Item {
                    text: question_item(about, ask, kind, row.text("unit")),
                    origin: here.clone(),
                });
                plan.questions += 1;
                Some(kind)
            }
            (None, None, None) => {
                let known: Vec<&str> = existing_event
                    .map(|e| {
                        store
                            .event(e)
                            .questions
                            .iter()
                            .map(|&q| store.question(q).id.as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                let hint = match nearest(about, &known) {
                    Some(near) => format!("did you mean `{near}`? "),
                    None => String::new(),
                };
                fail(format!(
                    "column `about`: event `{}` has no question `{}` ({hint}fill `ask` to create it)",
                    escape(event),
                    escape(about)
                ));
                continue;
            }
        };
        // The value, and the unit its words gave ("5%").
        let (value, worded_unit) = match row.cells.get("value") {
            None => (Value::Unstated, None),
            Some(Cell::Value(v)) => (v.clone(), None),
            Some(Cell::Text(t)) => {
                let question = stored.map(|q| store.question(q));
                let category = kind == Some(QuestionKind::Category);
                match crate::input::parse_value(t, question) {
                    Ok(parsed) if matches!(parsed.value, Value::Is(_)) && !category => {
                        fail(format!(
                            "column `value`: cannot read `{}` as a figure",
                            escape(t)
                        ));
                        continue;
                    }
                    Ok(parsed) => (parsed.value, parsed.unit),
                    Err(e) => {
                        fail(format!("column `value`: {e}"));
                        continue;
                    }
                }
            }
            Some(Cell::List(_)) => {
                fail("column `value` holds one value, not a list".to_string());
                continue;
            }
        };
        let date = match row.text("date") {
            None => None,
            Some(d) => match ClaimDate::parse(d) {
                Ok(date) => Some(date.to_string()),
                Err(e) => {
                    fail(format!("column `date`: {}", escape(&e)));
                    continue;
                }
            },
        };
        let id = match row.text("id") {
            Some(id) => id.to_string(),
            None => fresh_id(store, &taken, &format!("{source}-{about}")),
        };
        if !taken.insert(id.clone()) {
            fail(format!(
                "id `{}` is given to two rows of this import",
                escape(&id)
            ));
            continue;
        }
        let list = |column: &str| match row.cells.get(column) {
            Some(Cell::List(ids)) => ids.clone(),
            Some(Cell::Text(t)) => vec![t.clone()],
            _ => Vec::new(),
        };
        let entry = ClaimItem {
            id,
            source: source.to_string(),
            via: row.text("via").map(str::to_string),
            said_by: row.text("said_by").map(str::to_string),
            date,
            about: about.to_string(),
            value,
            // The row that declares a question gives it its unit; on any
            // other row the unit is the claim's own, when it differs from
            // its question's. A unit the value's words gave ("5%") too.
            unit: match declared.get(&key) {
                Some((_, question_unit)) => row
                    .text("unit")
                    .filter(|u| Some(*u) != question_unit.as_deref()),
                None => row.text("unit"),
            }
            .map(str::to_string)
            .or(worded_unit),
            text: text.to_string(),
            lang: row.text("lang").map(str::to_string),
            translation: row.text("translation").map(str::to_string),
            supersedes: row.text("supersedes").map(str::to_string),
            agrees_with: list("agrees_with"),
            contradicts: list("contradicts"),
        };
        let file = file_of(store, event);
        let addition = plan.additions.entry(file).or_insert_with(|| Addition {
            event: event.to_string(),
            ..Addition::default()
        });
        addition.claims.push(Item {
            text: claim_item(&entry),
            origin: here,
        });
        plan.claims += 1;
    }
    (plan, problems)
}

/// The claims file of an event: its own, or `claims/EVENT.yaml` for a new one.
fn file_of(store: &Store, event: &str) -> PathBuf {
    store.find_event(event).map_or_else(
        || PathBuf::from("claims").join(format!("{event}.yaml")),
        |e| store.event(e).file.clone(),
    )
}

fn problem(path: &Path, line: u64, message: &str) -> Problem {
    Problem {
        at: Location::new(path, u32::try_from(line).unwrap_or(u32::MAX), 0),
        message: message.to_string(),
    }
}

fn unknown_column(path: &Path, line: u64, column: &str) -> Problem {
    let columns: Vec<&str> = EXTRA_COLUMNS.iter().chain(CLAIM_KEYS).copied().collect();
    let hint = match nearest(column, &columns) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("columns: {}", columns.join(", ")),
    };
    problem(
        path,
        line,
        &format!(
            "unknown column `{}` ({hint})",
            crate::escape::escape(column)
        ),
    )
}

fn split_list(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn read_csv(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            problems.push(problem(
                path,
                1,
                &format!("cannot read the header row: {e}"),
            ));
            return Vec::new();
        }
    };
    for header in &headers {
        if !is_column(header) {
            problems.push(unknown_column(path, 1, header));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                let mut cells = BTreeMap::new();
                for (header, cell) in headers.iter().zip(record.iter()) {
                    if cell.trim().is_empty() || !is_column(header) {
                        continue;
                    }
                    let value = if matches!(header.as_str(), "agrees_with" | "contradicts") {
                        Cell::List(split_list(cell))
                    } else {
                        Cell::Text(cell.to_string())
                    };
                    cells.insert(header.clone(), value);
                }
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("this row has {len} cells; the header has {expected_len}")
                    }
                    _ => format!("cannot read this row: {e}"),
                };
                problems.push(problem(path, line, &message));
            }
        }
    }
    rows
}

fn read_jsonl(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => {
                problems.push(problem(
                    path,
                    number,
                    "each line is one JSON object (a claim)",
                ));
                continue;
            }
            Err(e) => {
                problems.push(problem(path, number, &format!("not JSON: {e}")));
                continue;
            }
        };
        let mut cells = BTreeMap::new();
        for (key, value) in object {
            if !is_column(&key) {
                problems.push(unknown_column(path, number, &key));
                continue;
            }
            let cell = match (key.as_str(), value) {
                (_, serde_json::Value::Null) => continue,
                ("value", v @ (serde_json::Value::Number(_) | serde_json::Value::Object(_))) => {
                    match serde_json::from_value(v) {
                        Ok(value) => Cell::Value(value),
                        Err(e) => {
                            problems.push(problem(path, number, &format!("field `value`: {e}")));
                            continue;
                        }
                    }
                }
                ("agrees_with" | "contradicts", serde_json::Value::Array(items)) => {
                    let ids: Option<Vec<String>> = items
                        .iter()
                        .map(|i| i.as_str().map(str::to_string))
                        .collect();
                    match ids {
                        Some(ids) => Cell::List(ids),
                        None => {
                            problems.push(problem(
                                path,
                                number,
                                &format!("field `{key}` is a list of claim ids"),
                            ));
                            continue;
                        }
                    }
                }
                ("agrees_with" | "contradicts", serde_json::Value::String(s)) => {
                    Cell::List(split_list(&s))
                }
                (_, serde_json::Value::String(s)) => Cell::Text(s),
                (_, serde_json::Value::Number(n)) => Cell::Text(n.to_string()),
                (_, other) => {
                    problems.push(problem(
                        path,
                        number,
                        &format!("field `{key}` must be text, not {}", json_type(&other)),
                    ));
                    continue;
                }
            };
            cells.insert(key, cell);
        }
        rows.push(Row {
            line: number,
            cells,
        });
    }
    rows
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn problems(result: Result<Vec<Row>, Error>) -> Vec<String> {
        match result {
            Err(Error::Rejected(p)) => p
                .iter()
                .map(|p| format!("{}:{}", p.at.line, p.message))
                .collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn csv_rows_keep_their_line() {
        let (_d, path) = file(
            "in.csv",
            "event,about,source,value,text,agrees_with\nraid,toll,monitor-a,{at_least: 62},\"Au moins 62, selon A\",x;y\n",
        );
        let rows = read_rows(&path).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].text("value"), Some("{at_least: 62}"));
        assert_eq!(
            rows[0].cells["agrees_with"],
            Cell::List(vec!["x".into(), "y".into()])
        );
    }

    #[test]
    fn csv_problems_are_located() {
        let (_d, path) = file(
            "in.csv",
            "event,about,sourse,text\nraid,toll,a,t\nraid,toll\n",
        );
        let p = problems(read_rows(&path));
        assert!(
            p.contains(&"1:unknown column `sourse` (did you mean `source`?)".to_string()),
            "{p:?}"
        );
        assert!(
            p.contains(&"3:this row has 2 cells; the header has 4".to_string()),
            "{p:?}"
        );
        assert!(
            p.contains(&"2:column `source` is empty; every row needs it".to_string()),
            "{p:?}"
        );
    }

    #[test]
    fn jsonl_takes_values_in_their_json_form() {
        let (_d, path) = file(
            "in.jsonl",
            "{\"event\":\"raid\",\"about\":\"toll\",\"source\":\"a\",\"value\":{\"at_least\":62},\"text\":\"t\"}\n\n{\"event\":\"raid\",\"about\":\"toll\",\"source\":\"b\",\"value\":\"at least 70\",\"text\":\"u\",\"contradicts\":[\"x\"]}\n",
        );
        let rows = read_rows(&path).unwrap();
        assert_eq!(rows[0].cells["value"], Cell::Value(Value::AtLeast(62.0)));
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].text("value"), Some("at least 70"));
    }

    #[test]
    fn jsonl_problems_are_located() {
        let (_d, path) = file(
            "in.jsonl",
            "[1]\n{\"event\":\"raid\",\"about\":\"toll\",\"source\":\"a\",\"text\":true}\nnot json\n",
        );
        let p = problems(read_rows(&path));
        assert!(
            p.iter()
                .any(|l| l.starts_with("1:each line is one JSON object")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|l| l.starts_with("2:field `text` must be text, not true/false")),
            "{p:?}"
        );
        assert!(p.iter().any(|l| l.starts_with("3:not JSON")), "{p:?}");
    }
}
