//! `recoupe sources`: the ranking, its explanations, its JSON contract,
//! and the consensus line `report` gains from it.

use crate::support::{SOURCES, recoupe, shipped_store, store_with};
use serde_json::{Value, json};

const ALGORITHMS: [&str; 7] = [
    "recoupe",
    "voting",
    "sums",
    "average-log",
    "investment",
    "pooled-investment",
    "truthfinder",
];

/// monitor-a and wire-c agree on three counts; daily-b contradicts both
/// each time.
const THREE_QUESTIONS: &str = "\
event: raid
questions:
  - {id: killed, ask: How many were killed?, kind: count, cumulative: false}
  - {id: wounded, ask: How many were wounded?, kind: count, cumulative: false}
  - {id: missing, ask: How many are missing?, kind: count, cumulative: false}
claims:
  - {id: a-killed, source: monitor-a, about: killed, value: 62, text: t}
  - {id: c-killed, source: wire-c, about: killed, value: {at_least: 60}, text: t}
  - {id: b-killed, source: daily-b, about: killed, value: 40, text: t}
  - {id: a-wounded, source: monitor-a, about: wounded, value: 100, text: t}
  - {id: c-wounded, source: wire-c, about: wounded, value: 100, text: t}
  - {id: b-wounded, source: daily-b, about: wounded, value: 10, text: t}
  - {id: a-missing, source: monitor-a, about: missing, value: {about: 20}, text: t}
  - {id: c-missing, source: wire-c, about: missing, value: 21, text: t}
  - {id: b-missing, source: daily-b, about: missing, value: 2, text: t}
";

fn sources_json(dir: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json", "sources"];
    args.extend_from_slice(extra);
    let run = recoupe(dir, &args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.json()
}

fn source<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no source {id} in {doc}"))
}

/// The text with every run of whitespace as one space: tables and notes
/// wrap at the terminal width.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn order(doc: &Value) -> Vec<String> {
    doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_shipped_store_is_ranked_and_explained() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["sources"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = &flat(&run.stdout);
    for expected in [
        "ranked by recoupe",
        "osdh",
        "al-watan",
        "afp",
        "corroborated",
        "contradicted",
        "alone",
        "weak evidence",
        "Contradictions that weighed most",
        "osdh-whole-district",
        "al-watan-several-buildings",
        "not whether they are true",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(!out.contains("Each claim's confidence"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn the_shipped_json_follows_the_contract() {
    let store = shipped_store();
    let doc = sources_json(store.path(), &[]);
    assert_eq!(doc["algorithm"], "recoupe");
    let sources = doc["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 3);
    for s in sources {
        for field in [
            "id",
            "name",
            "trust",
            "claims",
            "corroborated",
            "contradicted",
            "alone",
        ] {
            assert!(s.get(field).is_some(), "{field} missing from {s}");
        }
        let trust = s["trust"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&trust));
        assert_eq!(
            s["weak_evidence"], true,
            "every shipped source is thinly checked"
        );
        assert!(s.get("claim_confidence").is_none());
    }
    let trusts: Vec<f64> = sources
        .iter()
        .map(|s| s["trust"].as_f64().unwrap())
        .collect();
    assert!(trusts.windows(2).all(|w| w[0] >= w[1]), "{trusts:?}");
    // The relayed claims are OSDH's and al-Watan's; AFP's own five stand alone.
    let afp = source(&doc, "afp");
    assert_eq!(
        (afp["claims"].as_u64(), afp["alone"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(afp["trust"], 0.5, "unchecked claims leave the prior alone");
    let osdh = source(&doc, "osdh");
    assert_eq!(
        osdh["claims"], 5,
        "the superseded toll of 36 does not count"
    );
    assert_eq!(osdh["contradicted"], 1);
    assert_eq!(osdh["corroborated"], 1, "the analyst's agrees_with link");
    let c = &osdh["weighty_contradictions"][0];
    assert_eq!(c["claim"], "osdh-whole-district");
    assert_eq!(c["against"], "al-watan-several-buildings");
    assert_eq!(c["against_source"], "al-watan");
    assert_eq!(c["gap"], 0.667);
    assert_eq!(
        source(&doc, "osdh")["trust"],
        source(&doc, "al-watan")["trust"],
        "two sources that contradict each other, alike otherwise, are alike"
    );
    let ranks: Vec<u64> = sources
        .iter()
        .map(|s| s["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 1, 3], "equal trust, equal rank");
}

#[test]
fn verbose_adds_each_claims_confidence() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["sources", "-v"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Each claim's confidence"));
    assert!(run.stdout.contains("osdh-toll-62"));
    assert!(
        !run.stdout.contains("osdh-toll-36"),
        "superseded claims do not count"
    );
    let doc = sources_json(store.path(), &["--verbose"]);
    let claims = source(&doc, "osdh")["claim_confidence"].as_array().unwrap();
    assert_eq!(claims.len(), 5);
    let toll = claims
        .iter()
        .find(|c| c["claim"] == "osdh-toll-62")
        .unwrap();
    assert_eq!(toll["value"], json!({"at_least": 62}));
    assert!((0.0..=1.0).contains(&toll["confidence"].as_f64().unwrap()));
}

#[test]
fn every_algorithm_runs_by_name() {
    let store = store_with(SOURCES, &[("raid.yaml", THREE_QUESTIONS)]);
    for name in ALGORITHMS {
        let doc = sources_json(store.path(), &["--algorithm", name]);
        assert_eq!(doc["algorithm"], name);
        assert_eq!(doc["sources"].as_array().unwrap().len(), 3, "{name}");
        let run = recoupe(store.path(), &["sources", "--algorithm", name]);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        assert!(run.stdout.contains(&format!("ranked by {name}")));
        if name != "voting" {
            assert_eq!(
                order(&doc).last().map(String::as_str),
                Some("daily-b"),
                "{name} should rank the odd one out last: {doc}"
            );
        }
    }
}

#[test]
fn an_unknown_algorithm_is_trouble() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["sources", "--algorithm", "oracle"]);
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("truthfinder"), "{}", run.stderr);
}

#[test]
fn iterations_fix_the_number_of_rounds() {
    let store = store_with(SOURCES, &[("raid.yaml", THREE_QUESTIONS)]);
    for (name, n) in [("sums", "3"), ("truthfinder", "2"), ("recoupe", "0")] {
        let doc = sources_json(store.path(), &["--algorithm", name, "--iterations", n]);
        assert_eq!(doc["iterations"].to_string(), n, "{name}");
    }
    let run = recoupe(store.path(), &["sources", "--iterations", "many"]);
    assert_eq!(run.status, 2);
}

#[test]
fn agreement_raises_trust_and_contradiction_lowers_it() {
    let store = store_with(SOURCES, &[("raid.yaml", THREE_QUESTIONS)]);
    let doc = sources_json(store.path(), &[]);
    assert_eq!(order(&doc).last().map(String::as_str), Some("daily-b"));
    let b = source(&doc, "daily-b");
    assert_eq!(
        (b["contradicted"].as_u64(), b["corroborated"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(b["weak_evidence"], false);
    let a = source(&doc, "monitor-a");
    assert_eq!(
        (a["corroborated"].as_u64(), a["alone"].as_u64()),
        (Some(3), Some(0))
    );
    let trust = |s: &Value| s["trust"].as_f64().unwrap();
    assert!(trust(a) > 0.5, "corroboration lifts trust above the prior");
    assert!(trust(b) < trust(a) && trust(b) < trust(source(&doc, "wire-c")));
    // The table says the same, without the weak-evidence caveat for anyone.
    let run = recoupe(store.path(), &["sources"]);
    assert!(!run.stdout.contains("weak evidence"), "{}", run.stdout);
}

#[test]
fn relays_gain_nothing_and_add_no_vote() {
    let direct = store_with(SOURCES, &[("raid.yaml", THREE_QUESTIONS)]);
    // The same claims, monitor-a's now relayed by wire-c and daily-b.
    let relayed = THREE_QUESTIONS
        .replace(
            "source: monitor-a, about: killed",
            "source: monitor-a, via: wire-c, about: killed",
        )
        .replace(
            "source: monitor-a, about: wounded",
            "source: monitor-a, via: daily-b, about: wounded",
        );
    let relayed = store_with(SOURCES, &[("raid.yaml", &relayed)]);
    let a = sources_json(direct.path(), &[]);
    let b = sources_json(relayed.path(), &[]);
    assert_eq!(a["sources"], b["sources"]);
    // An outlet that only relays is not scored.
    let only_relays = "\
event: e
questions:
  - {id: q, ask: How many?, kind: count}
claims:
  - {id: a1, source: monitor-a, via: wire-c, about: q, value: 5, text: t}
  - {id: b1, source: daily-b, about: q, value: 5, text: t}
";
    let store = store_with(SOURCES, &[("e.yaml", only_relays)]);
    let doc = sources_json(store.path(), &[]);
    assert_eq!(order(&doc), ["monitor-a", "daily-b"]);
    assert_eq!(doc["unscored"], json!(["wire-c"]));
    let run = recoupe(store.path(), &["sources"]);
    assert!(flat(&run.stdout).contains("Not scored"), "{}", run.stdout);
    assert!(run.stdout.contains("wire-c"));
}

#[test]
fn priors_from_sources_yaml_break_a_standoff() {
    let sources = SOURCES.replace("  - id: daily-b\n", "  - id: daily-b\n    prior: 0.8\n");
    let claims = "\
event: e
questions:
  - {id: q, ask: How many?, kind: count, cumulative: false}
claims:
  - {id: a1, source: monitor-a, about: q, value: 5, text: t}
  - {id: b1, source: daily-b, about: q, value: 9, text: t}
";
    let store = store_with(&sources, &[("e.yaml", claims)]);
    let doc = sources_json(store.path(), &[]);
    assert_eq!(order(&doc), ["daily-b", "monitor-a"]);
    assert_eq!(source(&doc, "daily-b")["prior"], 0.8);
    let report = recoupe(store.path(), &["--format", "json", "report"]).json();
    let consensus = &report["questions"][0]["consensus"];
    assert_eq!(consensus["value"], 9);
    assert_eq!(consensus["tied"], false);
    assert_eq!(consensus["weak_evidence"], true);
}

#[test]
fn the_report_carries_a_consensus_per_question() {
    let store = store_with(SOURCES, &[("raid.yaml", THREE_QUESTIONS)]);
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let question = |id: &str| {
        doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["question"] == format!("raid/{id}"))
            .unwrap()
            .clone()
    };
    let killed = question("killed")["consensus"].clone();
    assert_eq!(killed["value"], 62, "one of the claimed values");
    assert_eq!(killed["interval"], json!([62, 62]), "62 within at least 60");
    assert_eq!(killed["weak_evidence"], false);
    let confidence = killed["confidence"].as_f64().unwrap();
    assert!((0.5..=1.0).contains(&confidence), "{confidence}");
    // "About 20" (18 to 22) and 21 corroborate: whichever leads, the
    // evidence allows 21 and nothing outside 18 to 22.
    let missing = question("missing")["consensus"].clone();
    let [low, high] =
        [&missing["interval"][0], &missing["interval"][1]].map(|x| x.as_f64().unwrap());
    assert!(
        (18.0..=21.0).contains(&low) && (21.0..=22.0).contains(&high),
        "{missing}"
    );
    // The table shows it under each question.
    let table = flat(&recoupe(store.path(), &["report"]).stdout);
    assert!(table.contains("consensus: 62 (confidence"), "{table}");
    // It says what it rests on and what contradicts it; the interval is
    // the value's own, so it is not repeated.
    assert!(table.contains("consensus: 62 (confidence"), "{table}");
    assert!(
        table.contains(
            ") · rests on 2 independent sources: monitor-a, wire-c · contradicted by daily-b (40)"
        ),
        "{table}"
    );
    assert!(!table.contains("the evidence allows exactly 62"), "{table}");
}

#[test]
fn the_shipped_report_admits_there_is_no_consensus_on_qadam() {
    let store = shipped_store();
    let doc = recoupe(store.path(), &["--format", "json", "report"]).json();
    let extent = &doc["questions"][0];
    assert_eq!(extent["question"], "qadam-2018-03/control-extent");
    let consensus = &extent["consensus"];
    assert_eq!(consensus["tied"], true);
    assert_eq!(consensus["weak_evidence"], true);
    assert_eq!(consensus["interval"], Value::Null);
    let text = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == "qadam-2018-03/who-was-killed")
        .unwrap();
    assert_eq!(
        text["consensus"],
        Value::Null,
        "text-only claims have no value"
    );
    let toll = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == "qadam-2018-03/pro-regime-killed")
        .unwrap();
    assert_eq!(toll["consensus"]["value"], json!({"at_least": 62}));
    assert_eq!(toll["consensus"]["interval"], json!([62, null]));
    let table = flat(&recoupe(store.path(), &["report"]).stdout);
    assert!(table.contains("consensus: none, the conflicting values are equally supported"));
    assert!(table.contains("weak evidence: 2 independent sources"));
}

#[test]
fn store_text_is_escaped_in_the_ranking() {
    let sources = SOURCES.replace("name: Monitor A", "name: \"Monitor \\e[2JA\"");
    let store = store_with(&sources, &[("raid.yaml", THREE_QUESTIONS)]);
    let run = recoupe(store.path(), &["sources", "--color", "never"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(run.stdout.contains("\\u{1b}[2JA"), "{}", run.stdout);
}

#[test]
fn a_consensus_interval_is_shown_at_the_precision_of_its_claims() {
    // "About 170" is 153 to 187 at ±10%: in binary, 170 × 1.1 is
    // 187.00000000000003, which neither the table nor the JSON may show.
    let claims = "\
event: e
questions:
  - {id: q, ask: How many elsewhere?, kind: count}
claims:
  - {id: a1, source: monitor-a, about: q, value: {at_least: 170}, text: t}
  - {id: c1, source: wire-c, about: q, value: {about: 170}, text: t}
  - {id: b1, source: daily-b, about: q, value: {about: 3.5}, text: t}
";
    let store = store_with(SOURCES, &[("e.yaml", claims)]);
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("0000000"), "{}", run.stdout);
    let consensus = &run.json()["questions"][0]["consensus"];
    assert_eq!(consensus["interval"], json!([170, 187]), "{consensus}");
    let table = flat(&recoupe(store.path(), &["report"]).stdout);
    assert!(
        table.contains("the evidence allows between 170 and 187)"),
        "{table}"
    );
}
