//! Rows of a CSV file or a JSON Lines feed, read and checked for shape:
//! every problem located at its `file:line`, all of them at once.

use super::{EXTRA_COLUMNS, REQUIRED, is_column};
use crate::error::{Error, Location, Problem};
use crate::escape::escape;
use crate::store::CLAIM_KEYS;
use crate::suggest::nearest;
use std::collections::BTreeMap;
use std::path::Path;

/// A cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, as written in the cell.
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
    /// The line of the file it starts on.
    pub line: u64,
    /// Its filled cells, by column.
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

pub(super) fn problem(path: &Path, line: u64, message: &str) -> Problem {
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
                    let value = if matches!(header.as_str(), "agrees_with" | "contradicts" | "via")
                    {
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
                ("agrees_with" | "contradicts" | "via", serde_json::Value::Array(items)) => {
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
                ("agrees_with" | "contradicts" | "via", serde_json::Value::String(s)) => {
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
