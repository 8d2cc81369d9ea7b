//! `recoupe validate`: every problem of DESIGN §8, located, all at once;
//! and the other commands refuse a broken store with the same messages.

use crate::support::*;

#[test]
fn the_shipped_store_is_valid() {
    // One event is "1 event", not "1 events".
    let store = shipped_store();
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("valid (3 sources, 1 event, 10 questions, 13 claims)"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_problem_is_one_problem() {
    let store = store_with(
        SOURCES,
        &[(
            "raid.yaml",
            &format!("{QUESTIONS}  - {{id: a, source: sana, about: toll, value: 3, text: t}}\n"),
        )],
    );
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("recoupe: 1 problem in the store"),
        "{}",
        run.stderr
    );
}

const QUESTIONS: &str = "\
event: raid
questions:
  - id: toll
    ask: How many were killed?
    kind: count
  - id: extent
    ask: How much was taken?
    kind: category
    scale: [none, some, all]
  - id: who
    ask: Who died?
    kind: text
  - id: share
    ask: What share?
    kind: share
claims:
";

/// Validates a store whose single claims file is QUESTIONS followed by
/// `claims`, and returns the problems printed.
fn problems_of(claims: &str) -> (i32, String) {
    let store = store_with(SOURCES, &[("raid.yaml", &format!("{QUESTIONS}{claims}"))]);
    let run = recoupe(store.path(), &["validate"]);
    (run.status, run.stdout)
}

fn assert_problem(claims: &str, expected: &str) {
    let (status, out) = problems_of(claims);
    assert_eq!(status, 2, "exit status 2 expected; output:\n{out}");
    assert!(
        out.lines().any(|l| l == expected),
        "expected the line\n  {expected}\nin:\n{out}"
    );
}

#[test]
fn unknown_source_is_located_and_a_near_one_suggested() {
    assert_problem(
        "  - {id: a, source: monitor-b, about: toll, value: 3, text: t}\n",
        "claims/raid.yaml:17:21: unknown source \"monitor-b\" (did you mean `monitor-a`?)",
    );
    assert_problem(
        "  - id: a\n    source: sana\n    about: toll\n    text: t\n",
        "claims/raid.yaml:18:13: unknown source \"sana\" (sources are declared in sources.yaml)",
    );
}

#[test]
fn unknown_relay_is_an_unknown_source() {
    assert_problem(
        "  - {id: a, source: monitor-a, via: nobody, about: toll, text: t}\n",
        "claims/raid.yaml:17:37: unknown source \"nobody\" (sources are declared in sources.yaml)",
    );
}

#[test]
fn duplicate_claim_ids_point_at_the_first() {
    let store = store_with(
        SOURCES,
        &[
            (
                "a.yaml",
                &format!("{QUESTIONS}  - {{id: x, source: monitor-a, about: toll, text: t}}\n"),
            ),
            (
                "b.yaml",
                "event: other\nquestions:\n  - {id: q, ask: Q?, kind: text}\nclaims:\n  - {id: x, source: daily-b, about: q, text: t}\n",
            ),
        ],
    );
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stdout
            .contains("claims/b.yaml:5:10: duplicate claim id `x` (first at claims/a.yaml:17:10)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_duplicate_points_at_the_first_across_files_and_empty_events() {
    // The first of an id can be anywhere before: an earlier claim of an
    // earlier file, past an event with no claims, or of the same file.
    let event = |id: &str, claims: &str| {
        format!("event: {id}\nquestions:\n  - {{id: q, ask: Q?, kind: text}}\nclaims:{claims}\n")
    };
    let claim =
        |id: &str, source: &str| format!("\n  - {{id: {id}, source: {source}, about: q, text: t}}");
    let store = store_with(
        SOURCES,
        &[
            (
                "a.yaml",
                &event("a", &(claim("w", "monitor-a") + &claim("x", "monitor-a"))),
            ),
            ("b.yaml", &event("b", " []")),
            (
                "c.yaml",
                &event("c", &(claim("y", "daily-b") + &claim("x", "daily-b"))),
            ),
            (
                "d.yaml",
                &event(
                    "d",
                    &(claim("z", "wire-c") + &claim("y", "wire-c") + &claim("z", "wire-c")),
                ),
            ),
        ],
    );
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    for expected in [
        "claims/c.yaml:6:10: duplicate claim id `x` (first at claims/a.yaml:6:10)",
        "claims/d.yaml:6:10: duplicate claim id `y` (first at claims/c.yaml:5:10)",
        "claims/d.yaml:7:10: duplicate claim id `z` (first at claims/d.yaml:5:10)",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
}

#[test]
fn duplicate_source_ids_are_refused() {
    let sources = format!("{SOURCES}  - id: wire-c\n    name: Again\n");
    let store = store_with(&sources, &[]);
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stdout.contains(
            "sources.yaml:13:9: duplicate source id `wire-c` (first at sources.yaml:10:9)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn about_must_name_a_question() {
    assert_problem(
        "  - {id: a, source: monitor-a, about: tolls, text: t}\n",
        "claims/raid.yaml:17:39: `about` names no question: `tolls` (did you mean `toll`?)",
    );
}

#[test]
fn links_must_name_existing_claims() {
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: 3, supersedes: gone, text: t}\n",
        "claims/raid.yaml:17:67: `supersedes` names a missing claim: `gone`",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: who, agrees_with: [b, ghost], text: t}\n  - {id: b, source: daily-b, about: who, text: u}\n",
        "claims/raid.yaml:17:61: `agrees_with` names a missing claim: `ghost`",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: who, contradicts: nope, text: t}\n",
        "claims/raid.yaml:17:57: `contradicts` names a missing claim: `nope`",
    );
}

#[test]
fn values_must_fit_their_question() {
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: {is: all}, text: t}\n",
        "claims/raid.yaml:17:52: `toll` is a count question: its value is a figure, not a category",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: extent, value: 3, text: t}\n",
        "claims/raid.yaml:17:54: `extent` is a category question: write the value as {is: CATEGORY}",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: extent, value: {is: half}, text: t}\n",
        "claims/raid.yaml:17:54: `half` is not a value of question `extent` (one of: none, some, all)",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: who, value: 3, text: t}\n",
        "claims/raid.yaml:17:51: `who` is a text question: its claims have no value (remove `value`)",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: -4, text: t}\n",
        "claims/raid.yaml:17:52: `toll` is a count: figures are never negative",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: share, value: {less_than: 120}, text: t}\n",
        "claims/raid.yaml:17:53: `share` is a share in percent: figures go from 0 to 100",
    );
}

#[test]
fn malformed_values_say_how_to_write_them() {
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: \"350.000\", text: t}\n",
        "claims/raid.yaml:17:52: a value is a number (62) or a form such as {at_least: 62}; for a category write {is: 350.000}",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: {between: [70, 50]}, text: t}\n",
        "claims/raid.yaml:17:62: `between` goes from low to high: [50, 70], not [70, 50]",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: {at_least: 3, at_most: 9}, text: t}\n",
        "claims/raid.yaml:17:52: a value has one form, not 2 (at_least, at_most)",
    );
}

#[test]
fn unknown_keys_suggest_the_nearest_valid_key() {
    assert_problem(
        "  - {id: a, sourse: monitor-a, about: toll, text: t}\n",
        "claims/raid.yaml:17:13: unknown key `sourse` in a claim (did you mean `source`?)",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: {at_lest: 3}, text: t}\n",
        "claims/raid.yaml:17:53: unknown key `at_lest` in a value (did you mean `at_least`?)",
    );
    let store = store_with("sources:\n  - id: x\n    nmae: X\n", &[]);
    let run = recoupe(store.path(), &["validate"]);
    assert!(
        run.stdout
            .contains("sources.yaml:3:5: unknown key `nmae` in a source (did you mean `name`?)"),
        "{}",
        run.stdout
    );
}

#[test]
fn revisions_stay_within_one_source_and_go_forward() {
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, value: 3, text: t}\n  - {id: b, source: daily-b, about: toll, value: 5, supersedes: a, text: u}\n",
        "claims/raid.yaml:18:65: `supersedes` works within one source: `b` is daily-b's claim, `a` is monitor-a's",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, date: 2018-03-25, value: 3, text: t}\n  - {id: b, source: monitor-a, about: toll, date: 2018-03-20, value: 5, supersedes: a, text: u}\n",
        "claims/raid.yaml:18:51: `b` (2018-03-20) supersedes `a`, which is dated later (2018-03-25): a revision comes after what it revises",
    );
    let (status, out) = problems_of(
        "  - {id: a, source: monitor-a, about: toll, value: 3, supersedes: b, text: t}\n  - {id: b, source: monitor-a, about: toll, value: 5, supersedes: a, text: u}\n",
    );
    assert_eq!(status, 2);
    assert!(
        out.contains("`supersedes` goes round in a loop: a → b → a"),
        "{out}"
    );
}

#[test]
fn a_chain_of_revisions_cannot_run_backwards_in_time() {
    let (status, out) = problems_of(
        "  - {id: z, source: monitor-a, about: toll, date: 2018-03-01, value: 9, supersedes: x, text: t}\n  - {id: x, source: monitor-a, about: toll, value: 5, supersedes: y, text: u}\n  - {id: y, source: monitor-a, about: toll, date: 2018-03-25, value: 3, text: v}\n",
    );
    assert_eq!(status, 2, "{out}");
    assert!(out.contains("put a claim after one dated later"), "{out}");
}

#[test]
fn dates_and_required_keys_are_checked() {
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll, date: 2018-02-30, text: t}\n",
        "claims/raid.yaml:17:51: `2018-02-30`: there is no day 30 in that month",
    );
    assert_problem(
        "  - {id: a, source: monitor-a, about: toll}\n",
        "claims/raid.yaml:17:5: the claim's wording is missing: `text` (the words as published)",
    );
}

#[test]
fn yaml_syntax_errors_are_located() {
    let store = store_with(
        SOURCES,
        &[(
            "bad.yaml",
            "event: raid\nclaims:\n  - {id: a, source: [monitor-a\n",
        )],
    );
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    let line = run.stdout.lines().next().unwrap_or_default();
    assert!(line.starts_with("claims/bad.yaml:"), "{}", run.stdout);
    assert!(line.contains("YAML syntax error"), "{}", run.stdout);
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let store = store_with(SOURCES, &[]);
    std::fs::write(
        store.path().join("claims/latin1.yaml"),
        b"event: raid\ntitle: caf\xe9\n",
    )
    .unwrap();
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stdout
            .contains("claims/latin1.yaml:2:11: the file is not UTF-8 text (save it as UTF-8)"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_problem_is_listed_not_only_the_first() {
    let store = store_with(
        SOURCES,
        &[
            (
                "a.yaml",
                &format!(
                    "{QUESTIONS}  - {{id: a, source: sana, about: toll, text: t}}\n  - {{id: b, source: monitor-a, about: nothing, text: t}}\n"
                ),
            ),
            (
                "b.yaml",
                "event: raid2\nclaims:\n  - {id: c, source: wire-c, about: q, text: t, colour: red}\n",
            ),
        ],
    );
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    assert!(
        run.stderr.contains("4 problems in the store"),
        "{}",
        run.stderr
    );
    // Other commands refuse the store with the same lines.
    let report = recoupe(store.path(), &["report"]);
    assert_eq!(report.status, 2);
    assert!(report.stdout.is_empty());
    for line in run.stdout.lines() {
        assert!(
            report.stderr.contains(line),
            "report should list {line}:\n{}",
            report.stderr
        );
    }
}

#[test]
fn validate_json_lists_problems() {
    let store = store_with(
        SOURCES,
        &[(
            "raid.yaml",
            &format!("{QUESTIONS}  - {{id: a, source: sana, about: toll, text: t}}\n"),
        )],
    );
    let run = recoupe(store.path(), &["validate", "--format", "json"]);
    assert_eq!(run.status, 2);
    let doc = run.json();
    let p = &doc["problems"][0];
    assert_eq!(p["file"], "claims/raid.yaml");
    assert_eq!(p["line"], 17);
    assert_eq!(p["column"], 21);
}

#[test]
fn store_text_in_messages_cannot_drive_the_terminal() {
    assert_problem(
        "  - {id: a, source: \"evil\\e[2J\", about: toll, text: t}\n",
        "claims/raid.yaml:17:21: unknown source \"evil\\u{1b}[2J\" (sources are declared in sources.yaml)",
    );
}

#[test]
fn the_shipped_wordings_are_quoted_exactly_from_the_seed_article() {
    let article =
        std::fs::read_to_string(repo_root().join("tests/fixtures/seed-qadam-afp-2018-03.txt"))
            .unwrap();
    let store = shipped_store();
    let run = recoupe(store.path(), &["--format", "json", "graph"]);
    let nodes = run.json()["nodes"].as_array().unwrap().len();
    let report = recoupe(store.path(), &["--format", "json", "report"]).json();
    let mut texts = 0;
    for question in report["questions"].as_array().unwrap() {
        for claim in question["claims"].as_array().unwrap() {
            let text = claim["text"].as_str().unwrap();
            assert!(article.contains(text), "not in the seed article: {text}");
            assert_eq!(claim["lang"], "fr");
            texts += 1;
        }
    }
    assert_eq!(texts, nodes, "every claim was checked");
}

#[test]
fn a_list_of_problems_ends_with_what_to_do() {
    // The library says how many problems there were; the command adds what
    // to do, in its own words. The whole text is pinned here.
    let claims =
        format!("{QUESTIONS}  - {{id: a, source: nobody, about: toll, value: 1, text: t}}\n");
    let store = store_with(SOURCES, &[("raid.yaml", &claims)]);
    let run = recoupe(store.path(), &["report"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "claims/raid.yaml:17:21: unknown source \"nobody\" (sources are declared in sources.yaml)\n\
         the store has 1 problem (listed above); fix it and run again, or see them all with `recoupe validate`\n"
    );

    let store = store_with(SOURCES, &[("raid.yaml", QUESTIONS)]);
    write(
        store.path(),
        "bad.yaml",
        "source: nobody\nabout: raid/toll\nvalue: 3\ntext: t\n",
    );
    let run = recoupe(store.path(), &["check", "--file", "bad.yaml"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "bad.yaml:1:9: unknown source \"nobody\" (sources are declared in sources.yaml)\n\
         recoupe: 1 problem in the claim\n"
    );

    write(
        store.path(),
        "feed.csv",
        "event,about,source,value,text\nraid,toll,nobody,62,x\nraid,toll,wire-c,lots,y\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .ends_with("\nrecoupe: 2 problems: nothing was written\n"),
        "{}",
        run.stderr
    );
}
