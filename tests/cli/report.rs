//! `recoupe report` on the shipped store and on made-up stores.

use crate::support::*;

#[test]
fn the_shipped_store_shows_the_qadam_divergence() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["--width", "100", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let control = run
        .stdout
        .find("qadam-2018-03/control-extent · contradiction")
        .expect("the contradiction comes first");
    assert!(control < run.stdout.find("· consistent").unwrap());
    assert!(run.stdout.contains("whole district"));
    assert!(run.stdout.contains("several buildings"));
    assert!(run.stdout.contains("0.67"));
    assert!(run.stdout.contains("revised from 36"), "{}", run.stdout);
    // The two wordings share no word: shown whole, one after the other.
    assert!(
        run.stdout.contains("osdh (whole district): s'est emparé"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("— al-watan (several buildings): les"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("[-s'est emparé"), "{}", run.stdout);
}

#[test]
fn the_shipped_report_table_snapshot() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &["--color", "never", "--width", "100", "report"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    insta::assert_snapshot!("shipped_report_w100", run.stdout);
}

#[test]
fn a_narrow_terminal_gets_a_narrow_table() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--color",
            "never",
            "--width",
            "60",
            "report",
            "qadam-2018-03/control-extent",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 60, "line wider than 60: {line}");
    }
    insta::assert_snapshot!("control_extent_w60", run.stdout);
}

#[test]
fn json_follows_the_contract() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let questions = doc["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 10);
    let first = &questions[0];
    assert_eq!(first["question"], "qadam-2018-03/control-extent");
    assert_eq!(first["status"], "contradiction");
    assert_eq!(first["kind"], "category");
    assert!(first.get("consensus").is_some());
    let contradiction = first["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "contradicts")
        .unwrap();
    assert_eq!(contradiction["gap"], 0.667);
    let toll = questions
        .iter()
        .find(|q| q["question"] == "qadam-2018-03/pro-regime-killed")
        .unwrap();
    assert_eq!(toll["status"], "single");
    let claims = toll["claims"].as_array().unwrap();
    let c36 = claims.iter().find(|c| c["id"] == "osdh-toll-36").unwrap();
    let c62 = claims.iter().find(|c| c["id"] == "osdh-toll-62").unwrap();
    assert_eq!(c36["value"], 36);
    assert_eq!(c36["current"], false);
    assert_eq!(c62["value"], serde_json::json!({"at_least": 62}));
    assert_eq!(c62["current"], true);
    assert_eq!(c62["source"], "osdh");
    assert_eq!(c62["via"], "afp");
    assert_eq!(c62["date"], "2018-03");
    let revision = &toll["relations"][0];
    assert_eq!(revision["kind"], "supersedes");
    assert_eq!(revision["from"], "osdh-toll-62");
    assert_eq!(revision["to"], "osdh-toll-36");
    assert_eq!(revision["gap"], serde_json::Value::Null);
    let war = questions
        .iter()
        .find(|q| q["question"] == "qadam-2018-03/syria-war-deaths")
        .unwrap();
    assert_eq!(
        war["claims"][0]["value"],
        serde_json::json!({"more_than": 350000})
    );
    let text = questions
        .iter()
        .find(|q| q["question"] == "qadam-2018-03/who-was-killed")
        .unwrap();
    assert_eq!(text["claims"][0]["value"], serde_json::Value::Null);
    assert_eq!(text["relations"][0]["kind"], "corroborates");
}

#[test]
fn a_selection_narrows_the_report() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "report",
            "qadam-2018-03/pro-regime-killed",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.json()["questions"].as_array().unwrap().len(), 1);
    let run = recoupe(store.path(), &["report", "qadam-2018-04"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("no event `qadam-2018-04` in the store (events: qadam-2018-03)"),
        "{}",
        run.stderr
    );
    let run = recoupe(store.path(), &["report", "qadam-2018-03/tolls"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("event `qadam-2018-03` has no question `tolls`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let store = shipped_store();
    let (status, stderr) = hang_up_early(store.path(), &["report"]);
    assert_eq!(status, Some(0));
    assert!(stderr.is_empty(), "{stderr}");
}

const RAID: &str = "\
event: raid
questions:
  - id: toll
    ask: How many were killed?
    kind: count
claims:
  - {id: a, source: monitor-a, about: toll, value: 40, text: \"40 killed\", lang: en}
  - {id: b, source: daily-b, about: toll, value: 62, text: \"62 killed\", lang: en}
";

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    let piped = recoupe(store.path(), &["report"]);
    assert!(!piped.stdout.contains('\u{1b}'), "piped output is plain");
    assert!(piped.stdout.contains("[-40-]{+62+}"), "{}", piped.stdout);
    let forced = recoupe(store.path(), &["--color", "always", "report"]);
    assert!(forced.stdout.contains("\u{1b}["), "--color always colours");
    assert!(!forced.stdout.contains("[-40-]"), "{}", forced.stdout);
}

#[test]
fn store_text_is_escaped_in_tables() {
    let evil = RAID.replace("text: \"40 killed\"", "text: \"40 \\e]0;pwned\\a killed\"");
    let store = store_with(SOURCES, &[("raid.yaml", &evil)]);
    let run = recoupe(store.path(), &["--color", "never", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{7}'));
    assert!(
        run.stdout.contains("\\u{1b}]0;pwned\\u{7}"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_store_is_found_as_git_finds_its_folder() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    let deep = store.path().join("claims");
    let run = recoupe(&deep, &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "found from a subfolder: {}", run.stderr);
    let elsewhere = tempfile::TempDir::new().unwrap();
    let run = recoupe(elsewhere.path(), &["report"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no store found"), "{}", run.stderr);
    let given = store.path().to_str().unwrap();
    let run = recoupe(
        elsewhere.path(),
        &["--store", given, "--format", "json", "report"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recoupe"));
    let out = cmd
        .args(["--format", "json", "report"])
        .current_dir(elsewhere.path())
        .env("RECOUPE_STORE", given)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let run = recoupe(store.path(), &["--store", "/no/such/folder", "report"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("/no/such/folder: not a store"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_format_the_command_cannot_write_is_trouble() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["--format", "dot", "report"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("this command writes table, json, markdown or html, not dot"),
        "{}",
        run.stderr
    );
    let run = recoupe(store.path(), &["report", "--no-such-flag"]);
    assert_eq!(run.status, 2);
}

#[test]
fn cumulative_tolls_and_relays() {
    let claims = "\
event: raid
questions:
  - id: toll
    ask: How many were killed?
    kind: count
claims:
  - {id: a1, source: monitor-a, date: 2018-03-19, about: toll, value: 36, text: t}
  - {id: b1, source: daily-b, date: 2018-03-21, about: toll, value: {at_least: 62}, text: t}
  - {id: a2, source: monitor-a, via: wire-c, date: 2018-03-22, about: toll, value: 62, text: t}
  - {id: c1, source: wire-c, date: 2018-03-23, about: toll, value: 30, text: t}
";
    let store = store_with(SOURCES, &[("raid.yaml", claims)]);
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    let doc = run.json();
    let q = &doc["questions"][0];
    let rel = |from: &str, to: &str| {
        q["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| (r["from"] == from && r["to"] == to) || (r["from"] == to && r["to"] == from))
            .map(|r| r["kind"].as_str().unwrap().to_string())
    };
    // monitor-a revised 36 to 62 (relayed by wire-c): a revision, not a contradiction.
    assert_eq!(rel("a2", "a1").as_deref(), Some("supersedes"));
    // The superseded 36 no longer counts against b1: their relation is
    // historic, ended by the revision of the 22nd.
    assert_eq!(rel("a1", "b1").as_deref(), Some("compatible"));
    let historic = q["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["from"] == "a1" && r["to"] == "b1")
        .unwrap();
    assert_eq!(historic["historic"], true);
    assert_eq!(historic["until"], "2018-03-22");
    assert_eq!(rel("a2", "b1").as_deref(), Some("compatible"));
    // A later, lower toll contradicts.
    assert_eq!(rel("c1", "b1").as_deref(), Some("contradicts"));
    assert_eq!(q["status"], "contradiction");
}

#[test]
fn the_cache_follows_every_edit() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    let first = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(first.json()["questions"][0]["status"], "contradiction");
    assert!(store.path().join(".recoupe/store.pages").is_file());
    assert!(store.path().join(".recoupe/.gitignore").is_file());
    // Agree now: the cached model must not be served.
    write(
        store.path(),
        "claims/raid.yaml",
        &RAID.replace("value: 40", "value: 62"),
    );
    let second = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(second.json()["questions"][0]["status"], "consistent");
    // Break it: the problems come from the files, not the cache.
    write(
        store.path(),
        "claims/raid.yaml",
        &RAID.replace("monitor-a", "nobody"),
    );
    let third = recoupe(store.path(), &["report"]);
    assert_eq!(third.status, 2);
    assert!(
        third.stderr.contains("unknown source \"nobody\""),
        "{}",
        third.stderr
    );
}

#[test]
fn no_cache_leaves_no_cache() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    let run = recoupe(store.path(), &["--no-cache", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!store.path().join(".recoupe").exists());
}

#[test]
fn percent_however_written_is_one_unit() {
    let claims = "\
event: e
questions:
  - {id: s, ask: What share?, kind: share}
claims:
  - {id: s1, source: monitor-a, about: s, value: 5, text: x}
  - {id: s2, source: daily-b, about: s, value: 80, unit: \"%\", text: y}
";
    let store = store_with(SOURCES, &[("e.yaml", claims)]);
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.json()["questions"][0]["status"],
        "contradiction",
        "{}",
        run.stdout
    );
}

/// Runs `recoupe ARGS` in `dir`, reads a few bytes of stdout and hangs up,
/// as `| head -c 16` does; returns the exit status and stderr.
fn hang_up_early(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .current_dir(dir)
        .env_remove("RECOUPE_STORE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A store whose JSON report and problem list are far larger than a pipe.
fn big_store(broken: bool) -> tempfile::TempDir {
    let mut claims =
        String::from("event: big\nquestions:\n  - {id: q, ask: How many?, kind: count}\nclaims:\n");
    for i in 0..3000 {
        let source = if broken {
            "nobody"
        } else {
            ["monitor-a", "daily-b", "wire-c"][i % 3]
        };
        claims.push_str(&format!(
            "  - {{id: c{i}, source: {source}, about: q, value: {i}, text: \"{i} dead\"}}\n"
        ));
    }
    store_with(SOURCES, &[("big.yaml", &claims)])
}

#[test]
fn a_closed_pipe_keeps_the_exit_status_for_json_and_validate() {
    let store = big_store(false);
    let (status, stderr) = hang_up_early(store.path(), &["--format", "json", "graph"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let broken = big_store(true);
    let (status, _) = hang_up_early(broken.path(), &["validate"]);
    assert_eq!(
        status,
        Some(2),
        "a broken store stays broken when the reader hangs up"
    );
}
