//! Hostile and careless input (issue "Hardening"): every problem listed,
//! nothing skipped in silence, long input bounded, writes that never lose
//! a claim, plain messages.

use crate::support::*;

const EVENT: &str = "\
event: raid
questions:
  - id: toll
    ask: How many were killed?
    kind: count
claims:
  - {id: a, source: monitor-a, about: toll, value: 3, text: t}
";

fn validate_lines(claims_file: &str) -> Vec<String> {
    let store = store_with(SOURCES, &[("raid.yaml", claims_file)]);
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    run.stdout.lines().map(str::to_string).collect()
}

#[test]
fn a_duplicate_claim_is_still_checked_for_everything_else() {
    let lines = validate_lines(&format!(
        "{EVENT}  - {{id: a, source: sana, about: nothing, text: t}}\n"
    ));
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(
        lines[0].contains("8:10: duplicate claim id `a` (first at claims/raid.yaml:7:10)"),
        "{lines:#?}"
    );
    assert!(
        lines[1].contains("8:21: unknown source \"sana\""),
        "{lines:#?}"
    );
    assert!(
        lines[2].contains("8:34: `about` names no question"),
        "{lines:#?}"
    );
}

#[test]
fn a_claim_with_a_bad_field_is_still_checked_for_everything_else() {
    // A bad date, a missing text, a misspelt key inside `value`, an
    // invalid id: each is one line, and the unknown source is another.
    for (claim, first) in [
        (
            "{id: b, source: sana, about: toll, date: 2018-13, text: t}",
            "no month 13",
        ),
        ("{id: b, source: sana, about: toll}", "`text`"),
        (
            "{id: b, source: sana, about: toll, value: {at_lest: 3}, text: t}",
            "at_lest",
        ),
        (
            "{id: B B, source: sana, about: toll, text: t}",
            "not a valid id",
        ),
    ] {
        let lines = validate_lines(&format!("{EVENT}  - {claim}\n"));
        assert_eq!(lines.len(), 2, "{claim}: {lines:#?}");
        assert!(
            lines.iter().any(|l| l.contains(first)),
            "{claim}: {lines:#?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("unknown source \"sana\"")),
            "{claim}: {lines:#?}"
        );
    }
}

#[test]
fn a_question_with_a_bad_field_is_still_declared() {
    for (fields, problem) in [
        ("kind: count\n    tolerance: -1", "a tolerance is relative"),
        ("kind: cuont", "`cuont` is not a question kind"),
    ] {
        let file = format!(
            "event: raid\nquestions:\n  - id: toll\n    ask: How many?\n    {fields}\nclaims:\n  - {{id: a, source: monitor-a, about: toll, value: 3, text: t}}\n"
        );
        let lines = validate_lines(&file);
        assert_eq!(lines.len(), 1, "{fields}: {lines:#?}");
        assert!(lines[0].contains(problem), "{fields}: {lines:#?}");
    }
}

#[test]
fn a_source_with_a_bad_kind_is_still_declared() {
    let sources = SOURCES.replace("kind: monitor", "kind: monitr");
    let store = store_with(&sources, &[("raid.yaml", EVENT)]);
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("is not a source's kind"),
        "{}",
        run.stdout
    );
}

#[test]
fn nothing_named_as_a_claims_file_is_skipped_in_silence() {
    let store = store_with(SOURCES, &[("raid.yaml", EVENT)]);
    let claims = store.path().join("claims");
    std::fs::create_dir(claims.join("folder.yaml")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(claims.join("pipe.yaml"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink(claims.join("gone.yaml"), claims.join("dangling.yaml")).unwrap();
    std::os::unix::fs::symlink(claims.join("loop-b.yaml"), claims.join("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink(claims.join("loop-a.yaml"), claims.join("loop-b.yaml")).unwrap();
    // Twice: the second run must not be answered from a cache.
    for _ in 0..2 {
        let run = recoupe(store.path(), &["validate"]);
        assert_eq!(run.status, 2, "{}", run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(
            lines,
            [
                "claims/dangling.yaml: cannot read the file: it is a symbolic link that leads nowhere (its target is missing, or the links loop)",
                "claims/folder.yaml: cannot read the file: it is a folder, not a file",
                "claims/loop-a.yaml: cannot read the file: it is a symbolic link that leads nowhere (its target is missing, or the links loop)",
                "claims/loop-b.yaml: cannot read the file: it is a symbolic link that leads nowhere (its target is missing, or the links loop)",
                "claims/pipe.yaml: cannot read the file: it is not a regular file (a named pipe, a socket or a device), so it is not read",
            ],
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_claims_that_is_a_file_is_a_problem() {
    let store = store_with(SOURCES, &[]);
    let claims = store.path().join("claims");
    let _ = std::fs::remove_dir_all(&claims);
    std::fs::write(&claims, EVENT).unwrap();
    for command in ["validate", "report"] {
        let run = recoupe(store.path(), &[command]);
        assert_eq!(run.status, 2, "{}", run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("claims: `claims` is not a folder"), "{all}");
    }
}

#[test]
fn to_is_read_against_the_store_not_the_working_folder() {
    let store = shipped_store();
    let elsewhere = tempfile::TempDir::new().unwrap();
    let root = store.path().to_str().unwrap();
    let run = recoupe(
        elsewhere.path(),
        &[
            "--store",
            root,
            "add",
            "Au moins 70 morts",
            "--about",
            "qadam-2018-03/pro-regime-killed",
            "--source",
            "afp",
            "--to",
            "claims/qadam-2018-03.yaml",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let file = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    assert!(file.contains("id: afp-pro-regime-killed"), "{file}");
}

#[test]
fn an_id_with_an_invisible_character_does_not_look_valid() {
    let lines = validate_lines(&format!(
        "{EVENT}  - {{id: b, source: \"monitor-a\\u200B\", about: toll, text: t}}\n"
    ));
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].contains("unknown source \"monitor-a\\u{200b}\""),
        "{lines:#?}"
    );
    assert!(!lines[0].contains('\u{200B}'), "{lines:#?}");
}

#[test]
fn two_thousand_honest_aliases_are_not_an_alias_bomb() {
    let mut file = String::from(EVENT);
    file = file.replace(
        "claims:\n",
        "claims:\n  - {id: a0, source: &src monitor-a, about: toll, value: 3, text: t}\n",
    );
    for i in 1..2000 {
        file.push_str(&format!(
            "  - {{id: a{i}, source: *src, about: toll, value: 3, text: t}}\n"
        ));
    }
    let store = store_with(SOURCES, &[("raid.yaml", &file)]);
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_huge_word_is_cut_for_the_table_and_kept_whole_in_json() {
    let word = "x".repeat(1_000_000);
    let id = format!("b{}", "y".repeat(200_000));
    let file = format!(
        "{EVENT}  - {{id: {id}, source: daily-b, about: toll, value: 90, text: \"t {word} fin\"}}\n"
    );
    let store = store_with(SOURCES, &[("raid.yaml", &file)]);
    let run = recoupe(
        store.path(),
        &["--color", "never", "--width", "100", "report"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.len() < 50_000, "{} bytes", run.stdout.len());
    assert!(run.stdout.contains('…'), "{}", run.stdout);
    let json = recoupe(store.path(), &["--format", "json", "report"]).json();
    let claims = json["questions"][0]["claims"].as_array().unwrap().clone();
    assert!(claims.iter().any(|c| c["id"] == id.as_str()));
    assert!(
        claims
            .iter()
            .any(|c| c["text"] == format!("t {word} fin").as_str())
    );
}

#[test]
fn check_on_a_whole_book_asks_retrieval_about_its_first_words() {
    let store = store_with(SOURCES, &[("raid.yaml", EVENT)]);
    let text = "Selon Monitor A, au moins 4 personnes ont été tuées. ".repeat(2_000);
    let run = recoupe(store.path(), &["--format", "json", "check", &text]);
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    assert!(run.json()["verdict"].is_string());
}

/// Runs `import FILE` holding `bytes` on a store with EVENT; the stderr.
fn import(name: &str, bytes: &[u8]) -> String {
    let store = store_with(SOURCES, &[("raid.yaml", EVENT)]);
    std::fs::write(store.path().join(name), bytes).unwrap();
    let before = std::fs::read(store.path().join("claims/raid.yaml")).unwrap();
    let run = recoupe(store.path(), &["import", name]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read(store.path().join("claims/raid.yaml")).unwrap(),
        before
    );
    run.stderr
}

#[test]
fn a_bad_cell_does_not_hide_the_store_problems_of_other_rows() {
    let err = import(
        "feed.csv",
        b"event,about,source,date,text\nraid,toll,monitor-a,2018-13,bad date\nraid,toll,sana,2018-03,unknown source\n",
    );
    assert!(err.contains("feed.csv:2"), "{err}");
    assert!(err.contains("feed.csv:3: unknown source \"sana\""), "{err}");
}

#[test]
fn crlf_csv_rows_are_located_on_their_own_line() {
    let err = import(
        "feed.csv",
        b"event,about,source,text\r\nraid,toll,monitor-a,fine\r\nraid,toll,sana,unknown\r\n",
    );
    assert!(err.contains("feed.csv:3: unknown source \"sana\""), "{err}");
}

#[test]
fn a_column_or_a_field_given_twice_is_refused() {
    let err = import(
        "feed.csv",
        b"event,about,source,text,text\nraid,toll,monitor-a,a,b\n",
    );
    assert!(
        err.contains("feed.csv:1: the column `text` is given twice"),
        "{err}"
    );
    let err = import(
        "feed.jsonl",
        br#"{"event":"raid","about":"toll","source":"monitor-a","text":"a","text":"b"}"#,
    );
    assert!(
        err.contains("feed.jsonl:1: the field `text` is given twice"),
        "{err}"
    );
}

#[test]
fn an_import_file_that_is_not_utf8_is_its_own_problem() {
    let err = import(
        "feed.csv",
        b"event,about,source,text\nraid,toll,monitor-a,caf\xe9\n",
    );
    assert!(err.contains("feed.csv:2:"), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(!err.contains("store"), "{err}");
}

#[test]
fn a_refused_long_value_or_date_is_named_not_echoed() {
    let store = store_with(SOURCES, &[("raid.yaml", EVENT)]);
    let huge = "st: 3958}".repeat(4_000);
    let long_date = "2018-".repeat(4_000);
    for flags in [["--value", huge.as_str()], ["--date", long_date.as_str()]] {
        let mut args = vec!["check", "Selon Monitor A, 4 morts", "--about", "raid/toll"];
        args.extend(flags);
        let run = recoupe(store.path(), &args);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(run.stderr.contains("characters)"), "{}", run.stderr);
        assert!(run.stderr.len() < 600, "{} bytes", run.stderr.len());
    }
}
