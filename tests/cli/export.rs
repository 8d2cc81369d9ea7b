//! `recoupe export --csv`: spreadsheets out, in the columns `import` reads.

use crate::support::*;
use std::path::Path;

pub(crate) use derna_store as derna;

/// A copy of the Derna story's store (tests/fixtures/derna-2023-09).
pub(crate) fn derna_store() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    let fixture = repo_root().join("tests/fixtures/derna-2023-09");
    std::fs::copy(
        fixture.join("sources.yaml"),
        dir.path().join("sources.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    std::fs::copy(
        fixture.join("claims/derna-2023-09.yaml"),
        dir.path().join("claims/derna-2023-09.yaml"),
    )
    .unwrap();
    dir
}

/// Export, import into a store with the same sources and no claims,
/// export again: the same bytes.
fn round_trip(store: &Path) {
    let first = recoupe(store, &["export", "--csv"]);
    assert_eq!(first.status, 0, "{}", first.stderr);
    let empty = store_with(
        &std::fs::read_to_string(store.join("sources.yaml")).unwrap(),
        &[],
    );
    write(empty.path(), "all.csv", &first.stdout);
    let import = recoupe(empty.path(), &["import", "all.csv"]);
    assert_eq!(import.status, 0, "{}", import.stderr);
    let second = recoupe(empty.path(), &["export", "--csv"]);
    assert_eq!(second.status, 0, "{}", second.stderr);
    assert_eq!(
        first.stdout, second.stdout,
        "the round trip keeps every byte"
    );
    let before = recoupe(store, &["--format", "json", "report"]).json();
    let after = recoupe(empty.path(), &["--format", "json", "report"]).json();
    let claims = |doc: &serde_json::Value| {
        let mut all: Vec<serde_json::Value> = doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|q| q["claims"].as_array().unwrap().clone())
            .collect();
        all.sort_by_key(|c| c["id"].as_str().unwrap().to_string());
        all
    };
    assert_eq!(
        claims(&before),
        claims(&after),
        "the same claims, field by field"
    );
}

#[test]
fn claims_survive_a_round_trip_through_import() {
    round_trip(shipped_store().path());
    round_trip(derna().path());
}

#[test]
fn the_claim_columns_are_import_columns_one_row_per_claim() {
    let store = derna();
    let run = recoupe(store.path(), &["export", "--csv"]);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[0], "event");
    for needed in [
        "event",
        "about",
        "source",
        "text",
        "value",
        "date",
        "supersedes",
    ] {
        assert!(headers.iter().any(|h| h == needed), "no column {needed}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let report = recoupe(store.path(), &["--format", "json", "report"]).json();
    let claims: usize = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["claims"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), claims, "one row per claim");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let ocha = rows.iter().find(|r| &r[col("id")] == "ocha-3958").unwrap();
    assert_eq!(&ocha[col("value")], "{at_least: 3958}");
    assert_eq!(&ocha[col("supersedes")], "ocha-11300");
    assert_eq!(&ocha[col("date")], "2023-09-17");
    let denial = rows.iter().find(|r| &r[col("id")] == "lrc-denial").unwrap();
    assert_eq!(&denial[col("value")], "", "text only: no value");
    assert_eq!(&denial[col("contradicts")], "ocha-11300");
}

#[test]
fn a_selection_exports_only_its_questions() {
    let store = derna();
    let run = recoupe(
        store.path(),
        &["export", "--csv", "derna-2023-09/derna-missing"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let rows = run.stdout.lines().skip(1).count();
    assert_eq!(rows, 4, "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .skip(1)
            .all(|l| l.contains(",derna-missing,"))
    );
}

#[test]
fn questions_come_one_per_row_with_the_consensus_as_best_low_high() {
    let store = derna();
    let run = recoupe(store.path(), &["export", "--csv", "--questions"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report = recoupe(store.path(), &["--format", "json", "report"]).json();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(rows.len(), questions.len(), "one row per question");
    for (row, q) in rows.iter().zip(questions) {
        assert_eq!(&row[col("question")], q["question"].as_str().unwrap());
        assert_eq!(&row[col("status")], q["status"].as_str().unwrap());
        assert_eq!(
            row[col("sources")].parse::<u64>().unwrap(),
            q["sources"].as_u64().unwrap()
        );
        let number = |name: &str| row[col(name)].parse::<f64>().ok();
        let interval = &q["consensus"]["interval"];
        if let Some(low) = interval[0].as_f64() {
            assert_eq!(number("low"), Some(low), "{}", &row[col("question")]);
        }
        if let Some(high) = interval[1].as_f64() {
            assert_eq!(number("high"), Some(high), "{}", &row[col("question")]);
        }
        if let Some(best) = number("best") {
            assert!(number("low").is_none_or(|l| l <= best));
            assert!(number("high").is_none_or(|h| best <= h));
        }
    }
    let dead = rows
        .iter()
        .find(|r| &r[col("question")] == "derna-2023-09/derna-dead")
        .unwrap();
    assert_eq!(&dead[col("status")], "contradiction");
    assert!(
        dead[col("best")].parse::<f64>().is_ok(),
        "a toll has a best figure"
    );
}

#[test]
fn export_wants_to_know_what_to_write() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["export"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--csv"), "{}", run.stderr);
    let run = recoupe(store.path(), &["export", "--questions"]);
    assert_eq!(run.status, 2, "--questions needs --csv");
}
