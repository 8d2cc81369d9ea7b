//! Spreadsheets out: claims in the columns `import` reads, so that an
//! export imported into a store with the same sources gives the same
//! claims back (and the same bytes when exported again), and questions
//! one per row with their consensus as best, low and high estimates.
//!
//! Cells are written as they are held, not prefixed against spreadsheet
//! formulas: the export is a data exchange and must survive a round trip.

use crate::export::QuestionRow;
use crate::report::Selection;
use crate::store::{QuestionKind, Store};
use crate::value::{Value, plain_number};
use std::io::{self, Write};

/// The claim columns, in order: the event, the claim's keys, and what
/// declares its question (`ask`, `kind`) for a store that lacks it.
pub const CLAIM_COLUMNS: &[&str] = &[
    "event",
    "id",
    "about",
    "ask",
    "kind",
    "source",
    "via",
    "said_by",
    "date",
    "value",
    "unit",
    "text",
    "lang",
    "translation",
    "supersedes",
    "agrees_with",
    "contradicts",
    "url",
    "published",
    "archive",
    "note",
];

/// The question columns, in order.
pub const QUESTION_COLUMNS: &[&str] = &[
    "question",
    "ask",
    "kind",
    "unit",
    "status",
    "best",
    "low",
    "high",
    "consensus",
    "confidence",
    "sources",
    "claims",
    "contradictions",
];

fn writer(out: &mut dyn Write) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new().from_writer(out)
}

fn into_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The claims of the selected questions, one row each, in store order. A
/// claim's `unit` cell holds its own unit or else its question's, so that
/// the first row of a question declares the question's unit on import.
pub fn claims(out: &mut dyn Write, store: &Store, selection: Selection) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(CLAIM_COLUMNS).map_err(into_io)?;
    let ids = |list: &[crate::store::ClaimIx]| {
        list.iter()
            .map(|&c| store.claim(c).id.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    for c in store.claim_ixs() {
        let claim = store.claim(c);
        if !selection.includes(store, claim.question) {
            continue;
        }
        let question = store.question(claim.question);
        let value = match &claim.value {
            Value::Unstated => String::new(),
            v => v.to_yaml(),
        };
        let p = &claim.provenance;
        let record: [String; 21] = [
            store.event(claim.event).id.clone(),
            claim.id.clone(),
            question.id.clone(),
            question.ask.clone(),
            question.kind.name().to_string(),
            store.source(claim.source).id.clone(),
            claim
                .via
                .iter()
                .map(|&v| store.source(v).id.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            claim.said_by.clone().unwrap_or_default(),
            claim.date.map_or(String::new(), |d| d.to_string()),
            value,
            store.unit_of(c).unwrap_or_default().to_string(),
            claim.text.clone(),
            claim.lang.clone().unwrap_or_default(),
            claim.translation.clone().unwrap_or_default(),
            claim
                .supersedes
                .map_or(String::new(), |s| store.claim(s).id.clone()),
            ids(&claim.agrees_with),
            ids(&claim.contradicts),
            p.url.clone().unwrap_or_default(),
            p.published.map_or(String::new(), |d| d.to_string()),
            p.archive.clone().unwrap_or_default(),
            p.note.clone().unwrap_or_default(),
        ];
        w.write_record(&record).map_err(into_io)?;
    }
    w.flush()
}

/// One row per question, as [`crate::export::questions`] computed them.
pub fn questions(out: &mut dyn Write, store: &Store, rows: &[QuestionRow]) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(QUESTION_COLUMNS).map_err(into_io)?;
    let figure = |v: Option<f64>| v.map_or(String::new(), plain_number);
    for row in rows {
        let q = store.question(row.question);
        let consensus = match (&row.consensus, q.kind) {
            (Some(Value::Is(category)), QuestionKind::Category) => category.clone(),
            (Some(v), _) => v.to_yaml(),
            (None, _) => String::new(),
        };
        let record: [String; 13] = [
            store.question_key(row.question),
            q.ask.clone(),
            q.kind.name().to_string(),
            q.unit.clone().unwrap_or_default(),
            row.status.name().to_string(),
            figure(row.best),
            figure(row.low),
            figure(row.high),
            consensus,
            row.confidence.map_or(String::new(), |c| c.to_string()),
            row.sources.to_string(),
            row.claims.to_string(),
            row.contradictions.to_string(),
        ];
        w.write_record(&record).map_err(into_io)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::CLAIM_COLUMNS;
    use crate::import::EXTRA_COLUMNS;
    use crate::store::CLAIM_KEYS;
    use std::collections::BTreeSet;

    /// The export writes exactly the columns `import` reads: a claim key
    /// added to the store format cannot be forgotten here.
    #[test]
    fn claim_columns_are_the_columns_import_reads() {
        let written: BTreeSet<&str> = CLAIM_COLUMNS.iter().copied().collect();
        let read: BTreeSet<&str> = CLAIM_KEYS.iter().chain(EXTRA_COLUMNS).copied().collect();
        assert_eq!(written, read);
        assert_eq!(
            written.len(),
            CLAIM_COLUMNS.len(),
            "a column is listed twice"
        );
    }
}
