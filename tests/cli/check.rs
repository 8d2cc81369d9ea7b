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
    // Buildings destroyed: nothing on file counts them.
    let text = "Selon al-Watan, 40 immeubles détruits à Qadam";
    let run = recoupe(
        store.path(),
        &["--color", "never", "check", text, "--date", "2018-03"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("verdict: new"), "{}", run.stdout);
    assert!(
        run.stdout.contains("name it with --about"),
        "{}",
        run.stdout
    );
}

#[test]
fn other_words_for_the_same_thing_find_the_question_in_both_languages() {
    let store = shipped_store();
    // The store says "combattants … tués"; neither "soldats" nor English
    // is one of its words: the concept lexicon carries them.
    for text in [
        "Selon al-Watan, 40 soldats ont été tués à Qadam",
        "40 soldiers died in Qadam, al-Watan said",
    ] {
        let run = recoupe(
            store.path(),
            &["--format", "json", "check", text, "--date", "2018-03"],
        );
        let doc = run.json();
        assert_eq!(
            doc["claim"]["about"], "qadam-2018-03/pro-regime-killed",
            "{text}: {}",
            run.stdout
        );
        assert_eq!(doc["verdict"], "contradicts", "{text}");
        assert_eq!(run.status, 1, "{text}");
    }
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
    // Wide enough for the matches' longest words to sit in a table.
    let mut table_args = vec!["--width", "120"];
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

/// A copy of one of the real-story stores of tests/fixtures.
fn real_story(name: &str) -> tempfile::TempDir {
    let from = repo_root().join("tests/fixtures").join(name);
    let text = |p: &str| std::fs::read_to_string(from.join(p)).expect("a fixture file");
    store_with(
        &text("sources.yaml"),
        &[(
            &format!("{name}.yaml"),
            &text(&format!("claims/{name}.yaml")),
        )],
    )
}

/// New claims from real reporting, French and English, each with the
/// question it answers, the verdict and the source credited (the editor's
/// judgements for the real stories; a figure that repeats a statement its
/// source has since revised or withdrawn contradicts the source's current
/// claim, as the editor judges it).
#[test]
fn real_reports_find_their_question_verdict_and_source() {
    // (story, date, text, question, verdict, source)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
    );
    let cases: &[Case] = &[
        (
            "derna-2023-09",
            "2023-09-20",
            "Eastern Libya's health minister Othman Abdeljalil said on Wednesday the death toll in Derna had risen to 3,845.",
            Some("derna-dead"),
            "contradicts",
            Some("east-health-ministry"),
        ),
        // "péri" is "died", not "missing", though the stored wording of
        // both questions holds 11 300.
        (
            "derna-2023-09",
            "2023-09-20",
            "D'après le Croissant-Rouge libyen, 11 300 personnes ont péri dans la seule ville de Derna.",
            Some("derna-dead"),
            "contradicts",
            Some("lrc"),
        ),
        (
            "derna-2023-09",
            "2023-09-17",
            "The U.N. humanitarian office now says at least 3,958 people were killed in Derna.",
            Some("derna-dead"),
            "contradicts",
            Some("ocha"),
        ),
        (
            "derna-2023-09",
            "2023-09-18",
            "Au moins 30 000 habitants de Derna ont été déplacés par les inondations, selon l'Organisation internationale pour les migrations.",
            Some("derna-displaced"),
            "consistent",
            Some("iom"),
        ),
        (
            "derna-2023-09",
            "2023-09-18",
            "More than 9,000 people are still unaccounted for in Derna, the World Health Organization said.",
            Some("derna-missing"),
            "consistent",
            Some("who"),
        ),
        (
            "derna-2023-09",
            "2023-09-18",
            "Greece sent a team of 20 rescuers to Benghazi to help with the search.",
            None,
            "new",
            None,
        ),
        // The stored alias ends with "des Nations unies"; the claim names
        // the office without it.
        (
            "derna-2023-09",
            "2023-09-18",
            "Les crues ont tué au moins 170 personnes ailleurs dans l'est libyen, d'après le Bureau de coordination des affaires humanitaires.",
            Some("elsewhere-dead"),
            "consistent",
            Some("ocha"),
        ),
        // Credited by name alone, without a cue word.
        (
            "derna-2023-09",
            "2023-09-18",
            "The mayor of Derna warned the toll could reach 20,000.",
            Some("projected-dead"),
            "consistent",
            Some("derna-mayor"),
        ),
        (
            "retraites-2023-03-23",
            "2023-03-23",
            "Selon la CGT, 3,5 millions de personnes ont défilé jeudi contre la réforme des retraites.",
            Some("france-protesters"),
            "contradicts",
            Some("cgt"),
        ),
        // "demonstrators" for "manifestants", 1.09 million for 1.089.
        (
            "retraites-2023-03-23",
            "2023-03-23",
            "The interior ministry counted 1.09 million demonstrators across France on Thursday.",
            Some("france-protesters"),
            "contradicts",
            Some("interieur"),
        ),
        (
            "retraites-2023-03-23",
            "2023-03-23",
            "À Paris, le cabinet Occurrence a compté 83 000 manifestants.",
            Some("paris-protesters"),
            "contradicts",
            Some("occurrence"),
        ),
        (
            "retraites-2023-03-23",
            "2023-03-24",
            "Interior Minister Gérald Darmanin said 441 police officers and gendarmes were hurt on Thursday.",
            Some("police-injured"),
            "consistent",
            Some("interieur"),
        ),
        (
            "retraites-2023-03-23",
            "2023-03-24",
            "Le roi Charles III a reporté sa visite d'État en France.",
            None,
            "new",
            None,
        ),
        (
            "retraites-2023-03-23",
            "2023-03-23",
            "Unions said 280,000 people marched in Marseille.",
            Some("marseille-protesters"),
            "contradicts",
            Some("syndicats"),
        ),
    ];
    for &(story, date, text, question, verdict, source) in cases {
        let store = real_story(story);
        let run = recoupe(
            store.path(),
            &["--format", "json", "check", text, "--date", date],
        );
        let doc = run.json();
        let about = question.map(|q| format!("{story}/{q}"));
        assert_eq!(doc["claim"]["about"].as_str(), about.as_deref(), "{text}");
        assert_eq!(doc["verdict"], verdict, "{text}");
        assert_eq!(doc["claim"]["source"].as_str(), source, "{text}");
    }
}

#[test]
fn a_claim_with_nothing_to_compare_is_new_with_its_grounds() {
    let store = shipped_store();
    // A statement with no value, on a category question that has claims.
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "Selon al-Watan, l'EI n'a pas pris Qadam",
            "--about",
            "qadam-2018-03/control-extent",
            "--date",
            "2018-03",
        ],
    );
    let doc = run.json();
    assert_eq!(doc["verdict"], "new", "{}", run.stdout);
    assert_eq!(doc["grounds"], "no comparable value");
    assert_eq!(run.status, 0);
    let run = recoupe(
        store.path(),
        &[
            "--color",
            "never",
            "check",
            "foo",
            "--about",
            "qadam-2018-03/pro-regime-killed",
            "--date",
            "2018-03",
        ],
    );
    assert!(run.stdout.starts_with("verdict: new"), "{}", run.stdout);
    assert!(run.stdout.contains("nothing comparable"), "{}", run.stdout);
}

#[test]
fn a_question_with_no_claims_yet_gives_new() {
    let claims = "\
event: grain-2031
questions:
  - id: ships-waiting
    ask: How many ships are waiting off the port?
    kind: count
    unit: ships
claims: []
";
    let store = store_with(SOURCES, &[("grain-2031.yaml", claims)]);
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--about",
            "grain-2031/ships-waiting",
            "--value",
            "40",
            "--source",
            "monitor-a",
        ],
    );
    let doc = run.json();
    assert_eq!(doc["verdict"], "new", "{}", run.stdout);
    assert_eq!(doc["grounds"], "no claims yet");
    assert_eq!(doc["claim"]["about"], "grain-2031/ships-waiting");
}

/// A store whose cause question gives, for each value, the words that
/// state it (invented outlets).
fn blast_store() -> tempfile::TempDir {
    store_with(
        SOURCES,
        &[(
            "blast.yaml",
            "\
event: clinic-blast
questions:
  - id: cause
    ask: What hit the clinic?
    kind: category
    values:
      - {id: air-strike, words: {en: [air strike, airstrike], fr: [frappe aérienne]}}
      - {id: misfired-rocket, words: {en: [misfired rocket], fr: [roquette perdue, tir raté]}}
      - unknown
claims:
  - id: daily-b-strike
    source: daily-b
    date: 2031-05-02
    about: cause
    value: {is: air-strike}
    text: An air strike hit the clinic, the paper said.
",
        )],
    )
}

/// `check TEXT --about clinic-blast/cause --format json` on the blast store.
fn check_cause(store: &tempfile::TempDir, text: &str) -> Run {
    recoupe(
        store.path(),
        &[
            "check",
            text,
            "--about",
            "clinic-blast/cause",
            "--format",
            "json",
        ],
    )
}

/// The claim reads as `misfired-rocket` and contradicts the stored strike.
fn assert_contradicts_as_a_rocket(store: &tempfile::TempDir, text: &str, lang: &str) {
    let run = check_cause(store, text);
    assert_eq!(run.status, 1, "{lang}: {}\n{}", run.stdout, run.stderr);
    let json = run.json();
    assert_eq!(json["verdict"], "contradicts", "{lang}: {json}");
    assert_eq!(
        json["claim"]["value"]["is"], "misfired-rocket",
        "{lang}: {json}"
    );
}

#[test]
fn a_category_read_from_the_words_of_its_values_contradicts() {
    let store = blast_store();
    for (text, lang) in [
        (
            "According to Monitor A, a misfired rocket hit the clinic",
            "en",
        ),
        (
            "Selon Monitor A, une roquette perdue a touché la clinique",
            "fr",
        ),
    ] {
        assert_contradicts_as_a_rocket(&store, text, lang);
    }
    // Without --about, the question retrieval chooses is the one read.
    let run = recoupe(
        store.path(),
        &[
            "check",
            "According to Monitor A, a misfired rocket hit the clinic",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["claim"]["value"]["is"], "misfired-rocket");
    // The same value in other words agrees.
    let run = check_cause(
        &store,
        "Selon Monitor A, une frappe aérienne a touché la clinique",
    );
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["verdict"], "consistent", "{}", run.stdout);
}

#[test]
fn a_denied_category_is_not_the_value_read() {
    let store = blast_store();
    for (text, lang) in [
        (
            "According to Monitor A, it was not an air strike but a misfired rocket",
            "en",
        ),
        (
            "Selon Monitor A, ce n'était pas une frappe aérienne mais une roquette perdue",
            "fr",
        ),
    ] {
        assert_contradicts_as_a_rocket(&store, text, lang);
    }
    // A denial alone states no value: nothing to compare.
    let run = check_cause(
        &store,
        "Selon Monitor A, ce n'était pas une frappe aérienne",
    );
    let json = run.json();
    assert_ne!(json["claim"]["value"]["is"], "air-strike", "{json}");
    assert_ne!(json["verdict"], "consistent", "{json}");
}

#[test]
fn a_dotted_thousand_on_a_count_is_french_or_refused() {
    let store = store_with(
        SOURCES,
        &[(
            "quake.yaml",
            "\
event: quake
questions:
  - id: dead
    ask: How many people died?
    kind: count
    unit: people
claims:
  - id: wire-c-dead
    source: wire-c
    date: 2031-02-01
    about: dead
    value: 9000
    text: 9,000 people died, the wire said.
    lang: en
",
        )],
    );
    let args = |text: &'static str| {
        vec![
            "check",
            text,
            "--about",
            "quake/dead",
            "--value",
            "11.300",
            "--source",
            "monitor-a",
            "--format",
            "json",
        ]
    };
    let en = recoupe(store.path(), &args("Monitor A says 11.300 people died"));
    assert_eq!(en.status, 2, "{}\n{}", en.stdout, en.stderr);
    assert!(
        en.stderr.contains("`11.300` is ambiguous on a count"),
        "{}",
        en.stderr
    );
    let fr = recoupe(
        store.path(),
        &args("Selon Monitor A, 11.300 personnes sont mortes"),
    );
    // 11,300 against 9,000: a contradiction (exit 1), not a refusal.
    assert_eq!(fr.status, 1, "{}\n{}", fr.stdout, fr.stderr);
    assert_eq!(fr.json()["claim"]["value"], 11300, "{}", fr.stdout);
}
