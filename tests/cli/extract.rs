//! `recoupe extract` on the seed article, on stdin, without a store.

use crate::support::*;

fn seed_path() -> String {
    repo_root()
        .join("tests/fixtures/seed-qadam-afp-2018-03.txt")
        .display()
        .to_string()
}

fn claims(run: &Run) -> Vec<serde_json::Value> {
    run.json()["claims"]
        .as_array()
        .expect("a claims list")
        .clone()
}

#[test]
fn the_seed_article_yields_the_tolls_and_their_sources() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["extract", &seed_path(), "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let claims = claims(&run);
    let with_value = |value: serde_json::Value| {
        claims
            .iter()
            .find(|c| c["value"] == value)
            .unwrap_or_else(|| panic!("no claim with value {value}: {claims:#?}"))
    };
    let at_least_62 = with_value(serde_json::json!({"at_least": 62}));
    assert_eq!(at_least_62["source"], "osdh");
    assert_eq!(at_least_62["about"], "qadam-2018-03/pro-regime-killed");
    assert_eq!(at_least_62["quote"], "Au moins 62 combattants prorégime");
    assert_eq!(at_least_62["unit"], "combattants prorégime");
    let toll_36 = with_value(serde_json::json!(36));
    assert_eq!(toll_36["source"], "osdh");
    assert_eq!(
        with_value(serde_json::json!({"more_than": 350000}))["about"],
        "qadam-2018-03/syria-war-deaths"
    );
    let share = with_value(serde_json::json!({"less_than": 5}));
    assert_eq!(share["source"], "osdh");
    assert_eq!(share["unit"], "percent");
    with_value(serde_json::json!({"between": [200, 999]}));
    let watan = claims
        .iter()
        .find(|c| c["source"] == "al-watan")
        .expect("al-Watan's statement");
    assert_eq!(watan["value"], serde_json::Value::Null);
    let numbers: Vec<String> = claims.iter().map(|c| c["value"].to_string()).collect();
    assert!(
        !numbers
            .iter()
            .any(|n| n.contains("2011") || n.contains("2014")),
        "{numbers:?}"
    );
    for claim in &claims {
        for field in [
            "sentence", "quote", "value", "unit", "source", "said_by", "about",
        ] {
            assert!(claim.get(field).is_some(), "{field} missing in {claim}");
        }
    }
}

#[test]
fn the_yaml_proposals_are_ready_for_review() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["extract", &seed_path()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("claims:\n"));
    assert!(run.stdout.contains("value: {at_least: 62}"));
    assert!(run.stdout.contains("said_by: \"Rami Abdel Rahmane\""));
    assert!(run.stdout.contains("about: pro-regime-killed  # guessed"));
    assert!(run.stdout.contains("source: FIXME"));
    assert!(run.stdout.contains("date: 2018-03"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn the_outlet_speaks_for_what_no_one_is_credited_with() {
    let store = shipped_store();
    let run = recoupe(
        store.path(),
        &[
            "extract",
            &seed_path(),
            "--outlet",
            "afp",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let claims = claims(&run);
    let deaths = claims
        .iter()
        .find(|c| c["value"] == serde_json::json!({"more_than": 350000}))
        .expect("the war toll");
    assert_eq!(deaths["source"], "afp");
    let toll = claims
        .iter()
        .find(|c| c["value"] == serde_json::json!({"at_least": 62}))
        .expect("the toll");
    assert_eq!(toll["via"], "afp");
    let unknown = recoupe(
        store.path(),
        &["extract", &seed_path(), "--outlet", "nobody"],
    );
    assert_eq!(unknown.status, 2);
}

#[test]
fn reads_stdin() {
    let store = shipped_store();
    let run = recoupe_with_input(
        store.path(),
        &["extract", "-", "--format", "json"],
        "At least 40 people were killed, according to the Syrian Observatory.",
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let claims = claims(&run);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["value"], serde_json::json!({"at_least": 40}));
    assert_eq!(claims[0]["source"], "osdh");
    assert_eq!(claims[0]["unit"], "people");
    assert_eq!(claims[0]["lang"], "en");
}

#[test]
fn works_without_a_store() {
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    let run = recoupe_with_input(
        dir.path(),
        &["extract", "-", "--format", "json"],
        "Selon l'OSDH, plus de 350 000 personnes ont été tuées depuis 2011.",
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("without"), "{}", run.stderr);
    let claims = claims(&run);
    assert_eq!(claims[0]["value"], serde_json::json!({"more_than": 350000}));
    assert_eq!(claims[0]["source"], serde_json::Value::Null);
    assert_eq!(claims[0]["credited_to"], "l'OSDH");
}

#[test]
fn an_unreadable_file_is_trouble() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["extract", "no-such-article.txt"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no-such-article.txt"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn control_characters_in_the_article_do_not_reach_the_terminal() {
    let store = shipped_store();
    let run = recoupe_with_input(
        store.path(),
        &["extract", "-"],
        "Selon l'OSDH, 40 morts\u{1b}[2J ont été recensés.",
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
}

#[test]
fn an_english_article_against_a_made_up_store() {
    let store = store_with(
        SOURCES,
        &[(
            "floods.yaml",
            "\
event: floods
title: Floods in the valley
questions:
  - id: dead
    ask: How many people died in the floods?
    kind: count
    unit: people
  - id: flooded-share
    ask: What share of the city was flooded?
    kind: share
    unit: percent
claims: []
",
        )],
    );
    let run = recoupe_with_input(
        store.path(),
        &["extract", "-", "--format", "json"],
        "At least 40 people died in the floods, MonA said. The Daily B reported that nearly 30% of the city was flooded.",
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let claims = claims(&run);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[0]["source"], "monitor-a");
    assert_eq!(claims[0]["about"], "floods/dead");
    assert_eq!(claims[0]["value"], serde_json::json!({"at_least": 40}));
    assert_eq!(claims[1]["source"], "daily-b");
    assert_eq!(claims[1]["about"], "floods/flooded-share");
    // "nearly" is just under the figure (DESIGN §10).
    assert_eq!(
        claims[1]["value"],
        serde_json::json!({"about": 30, "low": 27, "high": 30})
    );
    assert_eq!(claims[1]["unit"], "percent");
}

/// (value, source) of each claim `extract` reads in `text` against a
/// real-story store.
fn credits_in(fixture: &str, text: &str) -> Vec<(serde_json::Value, serde_json::Value)> {
    let store = fixture_store(fixture);
    write(store.path(), "article.txt", text);
    let run = recoupe(
        store.path(),
        &["extract", "article.txt", "--format", "json"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    claims(&run)
        .iter()
        .map(|c| (c["value"].clone(), c["source"].clone()))
        .collect()
}

#[test]
fn a_un_toll_credited_once_credits_the_figures_of_its_paragraph() {
    let got = credits_in(
        "derna-2023-09",
        "date 2023-09-17\n\
         La tempête a fait au moins 11 300 morts à Derna, selon un bilan publié, dimanche, par un organisme de l'ONU. Plus de 10 000 personnes sont toujours portées disparues.\n\
         Plus de 40 000 habitants ont fui la ville.\n",
    );
    use serde_json::json;
    assert_eq!(
        got,
        [
            (json!({"at_least": 11300}), json!("ocha")),
            (json!({"more_than": 10000}), json!("ocha")),
            // Another paragraph: the outlet's own.
            (json!({"more_than": 40000}), serde_json::Value::Null),
        ]
    );
}

#[test]
fn a_protest_count_in_words_and_a_credit_given_after_it() {
    let got = credits_in(
        "retraites-2023-03-23",
        "date 2023-03-24\n\
         According to the authorities, the demonstrators were just over a million.\n\
         In all, 123 policemen were injured. Interior Minister Gérald Darmanin communicated it.\n\
         Darmanin added that the police had protected the more than million people who marched.\n",
    );
    use serde_json::json;
    let numeric: Vec<_> = got.into_iter().filter(|(v, _)| !v.is_null()).collect();
    assert_eq!(
        numeric,
        [
            (json!({"more_than": 1000000}), json!("interieur")),
            (json!(123), json!("interieur")),
            (json!({"more_than": 1000000}), json!("interieur")),
        ]
    );
}
