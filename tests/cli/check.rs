//! `recoupe check`: verdicts, retrieval in both languages, exit statuses.

use crate::support::*;

#[test]
fn a_lower_toll_from_another_source_contradicts() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--color",
            "never",
            "check",
            "Selon al-Watan, seuls 40 combattants prorégime ont été tués à Qadam",
            "--date",
            "2018-03",
        ],
    );
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("verdict: contradicts"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("qadam-2018-03/pro-regime-killed"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("osdh-toll-62"), "{}", run.stdout);
    assert!(
        run.stdout.contains("closest wording: osdh-toll-62"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[-") && run.stdout.contains("{+"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_near_miss_is_named_so_the_user_can_say_which_question() {
    let store = shipped_store();
    // "soldats" is not a word of the store: the wording alone is not enough.
    let text = "Selon al-Watan, 40 soldats ont été tués à Qadam";
    let run = recoupe(
        store.path(),
        &["--color", "never", "check", text, "--date", "2018-03"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("verdict: new"), "{}", run.stdout);
    assert!(
        run.stdout.contains("qadam-2018-03/pro-regime-killed"),
        "{}",
        run.stdout
    );
    let run = recoupe(
        store.path(),
        &[
            "check",
            text,
            "--date",
            "2018-03",
            "--about",
            "qadam-2018-03/pro-regime-killed",
        ],
    );
    assert_eq!(run.status, 1, "named, it contradicts: {}", run.stdout);
}

#[test]
fn the_same_source_revising_its_toll_is_consistent() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "Selon l'OSDH, 70 combattants ont été tués à Qadam",
        ],
    );
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    let doc = run.json();
    assert_eq!(doc["verdict"], "consistent");
    assert_eq!(doc["claim"]["source"], "osdh");
    assert_eq!(doc["claim"]["value"], 70);
    assert_eq!(doc["claim"]["about"], "qadam-2018-03/pro-regime-killed");
    let first = &doc["matches"][0];
    assert_eq!(first["claim"], "osdh-toll-62");
    assert_eq!(first["kind"], "supersedes");
    assert!(first["score"].as_f64().unwrap() > 0.0);
    // Without --date the claim is dated today.
    assert_eq!(doc["claim"]["date"].as_str().unwrap().len(), 10);
}

#[test]
fn an_english_claim_finds_the_french_one_through_its_translation() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "According to al-Watan, the jihadists took the whole district of Qadam",
            "--value",
            "whole-district",
        ],
    );
    let doc = run.json();
    assert_eq!(
        doc["claim"]["about"], "qadam-2018-03/control-extent",
        "{}",
        run.stdout
    );
    assert_eq!(
        doc["verdict"], "consistent",
        "al-Watan revising its own account: {}",
        run.stdout
    );
}

#[test]
fn flags_alone_give_a_verdict() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--about",
            "qadam-2018-03/control-extent",
            "--value",
            "part-of-district",
            "--source",
            "afp",
            "--date",
            "2018-03",
        ],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["verdict"], "contradicts");
    let gaps: Vec<f64> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["gap"].as_f64())
        .collect();
    assert_eq!(gaps.len(), 2);
    assert!(gaps.iter().all(|g| (g - 0.333).abs() < 1e-3), "{gaps:?}");
    let run = recoupe(
        store.path(),
        &[
            "check",
            "--about",
            "qadam-2018-03/pro-regime-killed",
            "--value",
            "at least 70",
            "--source",
            "al-watan",
        ],
    );
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("compatible"), "{}", run.stdout);
}

#[test]
fn a_claim_about_nothing_on_file_is_new() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "The price of bread in Lyon rose by 5% in June",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.json()["verdict"], "new", "{}", run.stdout);
}

#[test]
fn a_claim_file_is_read_with_located_problems() {
    let store = shipped_store();
    write(
        store.path(),
        "new.yaml",
        "source: al-watan\nabout: qadam-2018-03/pro-regime-killed\nvalue: {at_least: 40}\ndate: 2018-03\ntext: \"Au moins 40 soldats\"\nlang: fr\n",
    );
    let run = recoupe(
        store.path(),
        &["--format", "json", "check", "--file", "new.yaml"],
    );
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["verdict"], "consistent");
    write(
        store.path(),
        "bad.yaml",
        "source: sana\nabout: qadam-2018-03/pro-regime-killed\nvalu: 3\ntext: t\n",
    );
    let run = recoupe(store.path(), &["check", "--file", "bad.yaml"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("bad.yaml:1:9: unknown source \"sana\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("bad.yaml:3:1: unknown key `valu` in a claim (did you mean `value`?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_input_is_trouble_with_a_reason() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &["check", "--about", "qadam-2018-03/tolls", "--value", "70"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("--about `qadam-2018-03/tolls` names no question"),
        "{}",
        run.stderr
    );
    let run = recoupe(
        store.path(),
        &[
            "check",
            "--about",
            "qadam-2018-03/pro-regime-killed",
            "--value",
            "{at_least: }",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--value"), "{}", run.stderr);
    let run = recoupe(store.path(), &["check", "--file", "missing.yaml"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("missing.yaml"), "{}", run.stderr);
    let run = recoupe(store.path(), &["check"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no claim given"), "{}", run.stderr);
}

#[test]
fn top_bounds_the_matches() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--top",
            "1",
            "--about",
            "qadam-2018-03/control-extent",
            "--value",
            "none",
            "--source",
            "afp",
        ],
    );
    let doc = run.json();
    assert_eq!(doc["matches"].as_array().unwrap().len(), 1);
    assert_eq!(doc["total_matches"], 2);
    assert_eq!(run.status, 1);
    assert_eq!(doc["matches"][0]["kind"], "contradicts");
    assert_eq!(
        doc["contradictions"], 2,
        "counted before --top cuts the list"
    );
}

/// `check` of AFP saying IS took none of Qadam, which contradicts both
/// stored accounts, with `--top N` and `extra` options.
fn none_of_qadam(top: &str, extra: &[&str]) -> crate::support::Run {
    let store = shipped_store();
    let mut args = extra.to_vec();
    args.extend([
        "check",
        "--about",
        "qadam-2018-03/control-extent",
        "--value",
        "none",
        "--source",
        "afp",
        "--date",
        "2018-03",
        "--top",
        top,
    ]);
    recoupe(store.path(), &args)
}

#[test]
fn the_table_counts_every_contradiction_whatever_top_lists() {
    for top in ["1", "0"] {
        let run = none_of_qadam(top, &["--width", "100"]);
        assert_eq!(run.status, 1, "top {top}: {}", run.stderr);
        let first = run.stdout.lines().next().unwrap();
        assert_eq!(
            first, "verdict: contradicts — it contradicts 2 stored claims (exit status 1)",
            "top {top}"
        );
    }
    let one = none_of_qadam("1", &["--width", "100"]).stdout;
    assert_eq!(
        one.matches("contradicts").count(),
        3,
        "the verdict twice, one row: {one}"
    );
    assert!(one.contains("… and 1 more (--top N lists more)"), "{one}");
    let none = none_of_qadam("0", &["--width", "100"]).stdout;
    assert!(!none.contains('┌'), "no table for --top 0: {none}");
}

#[test]
fn the_json_counts_every_contradiction_whatever_top_lists() {
    for (top, listed) in [("1", 1), ("0", 0)] {
        let run = none_of_qadam(top, &["--format", "json"]);
        assert_eq!(run.status, 1);
        let doc = run.json();
        assert_eq!(doc["verdict"], "contradicts");
        assert_eq!(doc["contradictions"], 2, "top {top}");
        assert_eq!(doc["total_matches"], 2, "top {top}");
        let matches = doc["matches"].as_array().unwrap();
        assert_eq!(matches.len(), listed, "top {top}");
        assert!(matches.iter().all(|m| m["kind"] == "contradicts"));
    }
}

#[test]
fn contradictions_are_listed_before_the_rest() {
    // OSDH revising its own account (part of the district, not all of it)
    // still contradicts al-Watan's several buildings. Retrieval scores
    // OSDH's own earlier claim higher, but the contradiction decides the
    // exit status, so it heads the list.
    let store = shipped_store();
    let args = [
        "check",
        "--about",
        "qadam-2018-03/control-extent",
        "--value",
        "part-of-district",
        "--source",
        "osdh",
        "--date",
        "2018-03",
        "Selon l'Observatoire, les jihadistes se sont emparés d'une partie du quartier de Qadam",
    ];
    let mut json_args = vec!["--format", "json"];
    json_args.extend(args);
    let run = recoupe(store.path(), &json_args);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let doc = run.json();
    let matches = doc["matches"].as_array().unwrap();
    assert_eq!(matches[0]["claim"], "al-watan-several-buildings");
    assert_eq!(matches[0]["kind"], "contradicts");
    assert_eq!(matches[1]["claim"], "osdh-whole-district");
    assert_eq!(matches[1]["kind"], "supersedes");
    assert!(
        matches[1]["score"].as_f64() > matches[0]["score"].as_f64(),
        "the revision is the better hit, and comes second: {doc}"
    );
    assert!(
        matches[2..].iter().all(|m| m["kind"] != "contradicts"),
        "{doc}"
    );
    let mut table_args = vec!["--width", "100"];
    table_args.extend(args);
    let table = recoupe(store.path(), &table_args).stdout;
    let first_row = table.lines().nth(5).unwrap_or_default();
    assert!(
        first_row.contains("┆ al-watan ") && first_row.contains("contradicts"),
        "the first row is the contradiction: {table}"
    );
}

#[test]
fn a_figure_on_a_share_question_is_a_percentage_like_the_stored_ones() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "--width",
            "100",
            "check",
            "--about",
            "qadam-2018-03/is-territory-share",
            "--value",
            "3",
            "--source",
            "afp",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("the claim: afp says 3% ("),
        "3 next to \"less than 5%\" is 3%: {}",
        run.stdout
    );
    assert!(run.stdout.contains("less than 5%"), "{}", run.stdout);
}
