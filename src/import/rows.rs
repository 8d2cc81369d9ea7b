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
    let (rows, mut problems) = read_rows_and_problems(path)?;
    if problems.is_empty() {
        Ok(rows)
    } else {
        problems.sort();
        Err(Error::Rejected(problems))
    }
}

/// Reads every row of a `.csv` or `.jsonl` file: the rows that read
/// well, and the problems of the others, so that the readable rows can
/// still be judged against the store (every problem listed at once).
pub fn read_rows_and_problems(path: &Path) -> Result<(Vec<Row>, Vec<Problem>), Error> {
    let name = path.to_string_lossy();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    // The import file's own problem, never the store's.
    let text = crate::yaml::decode_utf8(&bytes).map_err(|(line, column)| {
        Error::Rejected(vec![Problem {
            at: Location::new(path, line, column),
            message: "the file is not UTF-8 text (save it as UTF-8)".to_string(),
        }])
    })?;
    let mut problems = Vec::new();
    let rows = if name.ends_with(".csv") {
        read_csv(path, text, &mut problems)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        read_jsonl(path, text, &mut problems)
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
    // A row with a problem is left out: judging it would only echo it.
    let bad: std::collections::HashSet<u32> = problems.iter().map(|p| p.at.line).collect();
    let rows = rows
        .into_iter()
        .filter(|r| !bad.contains(&u32::try_from(r.line).unwrap_or(u32::MAX)))
        .collect();
    Ok((rows, problems))
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
    for (i, header) in headers.iter().enumerate() {
        if !is_column(header) {
            problems.push(unknown_column(path, 1, header));
        } else if headers[..i].contains(header) {
            problems.push(problem(
                path,
                1,
                &format!(
                    "the column `{}` is given twice in the header",
                    escape(header)
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    // Lines counted from byte offsets: the reader's own count is off on
    // CRLF files (what spreadsheets export).
    let mut lines = LineCounter::new(text);
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
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
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
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

/// The line of a byte offset, for offsets that only grow.
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // After a `\r`, the reader places the next record on its `\n`.
        if self.text.get(to) == Some(&b'\n') {
            to += 1;
        }
        if to < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        self.line += self.text[self.byte..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.byte = to;
        self.line
    }
}

fn read_jsonl(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Object>(line) {
            Ok(Object::Entries(o)) => o,
            Ok(Object::Duplicate(key)) => {
                problems.push(problem(
                    path,
                    number,
                    &format!("the field `{}` is given twice", escape(&key)),
                ));
                continue;
            }
            Ok(Object::Other) => {
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

/// A line of a feed: an object's fields in order, the first key given
/// twice (serde_json would keep the last in silence), or not an object.
enum Object {
    Entries(Vec<(String, serde_json::Value)>),
    Duplicate(String),
    Other,
}

impl<'de> serde::Deserialize<'de> for Object {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Object, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Object;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Object, A::Error> {
                let mut entries: Vec<(String, serde_json::Value)> = Vec::new();
                let mut duplicate = None;
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    if duplicate.is_none() && entries.iter().any(|(e, _)| *e == k) {
                        duplicate = Some(k.clone());
                    }
                    entries.push((k, v));
                }
                Ok(duplicate.map_or(Object::Entries(entries), Object::Duplicate))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Object, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Object::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Object, E> {
                Ok(Object::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Object, E> {
                Ok(Object::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Object, E> {
                Ok(Object::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Object, E> {
                Ok(Object::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Object, E> {
                Ok(Object::Other)
            }
            fn visit_unit<E>(self) -> Result<Object, E> {
                Ok(Object::Other)
            }
        }
        d.deserialize_any(Visit)
    }
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
    fn crlf_csv_rows_keep_their_line() {
        let (_d, path) = file(
            "in.csv",
            "event,about,source,text\r\nraid,toll,a,x\r\nraid,toll,b,\"two\r\nlines\"\r\nraid,toll,c,z\r\n",
        );
        let rows = read_rows(&path).unwrap();
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
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
