//! `recoupe init`: a new store that works at once, and never an overwrite.

use crate::support::*;

#[test]
fn a_new_store_validates_and_reports_its_example() {
    let dir = tempfile::TempDir::new().unwrap();
    let run = recoupe(dir.path(), &["init"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(recoupe(dir.path(), &["validate"]).status, 0);
    let report = recoupe(dir.path(), &["--format", "json", "report"]);
    assert_eq!(report.json()["questions"][0]["status"], "contradiction");
    let again = recoupe(dir.path(), &["init"]);
    assert_eq!(again.status, 2);
    assert!(
        again.stderr.contains("already holds a store"),
        "{}",
        again.stderr
    );
}
