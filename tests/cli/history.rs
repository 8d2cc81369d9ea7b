//! A story as it unfolded: historic relations, walk-backs, repeats,
//! relay chains, provenance and `--as-of`, on two real stories filed from
//! published reports (tests/fixtures/).

use crate::support::{SOURCES, fixture_store, recoupe, store_with, write};
use serde_json::Value;

/// The relation between two claims in a report's question, either way round.
fn relation<'a>(q: &'a Value, a: &str, b: &str) -> Option<&'a Value> {
    q["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| (r["from"] == a && r["to"] == b) || (r["from"] == b && r["to"] == a))
}

fn question<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == key)
        .unwrap_or_else(|| panic!("no question {key}"))
}

const DEAD: &str = "derna-2023-09/derna-dead";

#[test]
fn derna_shows_the_contradiction_of_that_week_as_disputed_earlier() {
    let store = fixture_store("derna-2023-09");
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let q = question(&doc, DEAD);
    // OCHA's 11,300 against the minister's 3,252: both current on the 16th.
    let r = relation(q, "ocha-11300", "minister-3252").expect("the pair is related");
    assert_eq!(r["kind"], "contradicts");
    assert_eq!(r["historic"], true);
    assert_eq!(r["until"], "2023-09-17");
    assert_eq!(r["gap"], 0.68);
    // The Red Crescent's denial stays linked to the figure it denies.
    let denial = relation(q, "lrc-denial", "ocha-11300").expect("the analyst's link is kept");
    assert_eq!(denial["kind"], "contradicts");
    assert_eq!(denial["basis"], "analyst");
    assert_eq!(denial["historic"], true);
    // Same-day ends count as simultaneous: the AP's 11,300 (ended on the
    // 17th) and OCHA's 3,958 (from the 17th) were current together.
    let r = relation(q, "lrc-11300-ap", "ocha-3958").unwrap();
    assert_eq!(
        (r["kind"].as_str(), r["historic"].as_bool()),
        (Some("compatible"), Some(true))
    );
    // A real story's history is listed whole: nothing left out.
    assert_eq!(q["historic_omitted"], 0);
    let historic = q["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["historic"] == true)
        .count();
    assert!(historic > 2, "{historic}");
    // Never current together: no relation.
    assert!(relation(q, "ocha-11300", "east-health-ministry-derna-dead").is_none());
    // Current pairs keep their form.
    let live = relation(q, "who-3958", "east-health-ministry-derna-dead").unwrap();
    assert!(live.get("historic").is_none());
    // OCHA's walk-back carries its direction; the minister's update went up.
    let walk = relation(q, "ocha-3958", "ocha-11300").unwrap();
    assert_eq!(
        (walk["from"].as_str(), walk["kind"].as_str()),
        (Some("ocha-3958"), Some("supersedes"))
    );
    assert_eq!(walk["direction"], "down");
    let up = relation(q, "east-health-ministry-derna-dead", "minister-3252").unwrap();
    assert_eq!(up["direction"], "up");
    assert_eq!(q["standing"], "contested");
    assert_eq!(q["walked_back"], true);
}

#[test]
fn derna_table_flags_the_walk_back_and_lists_earlier_disputes_after_live_ones() {
    let store = fixture_store("derna-2023-09");
    let run = recoupe(
        store.path(),
        &["--color", "never", "--width", "120", "report", DEAD],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("standing: contested, walked back"), "{out}");
    assert!(
        out.contains("ocha revised down: about 11,300 → at least 3,958, −65%"),
        "{out}"
    );
    let live = out.find("│ contradiction").expect("live contradictions");
    let earlier = out.find("│ disputed earlier").expect("earlier disputes");
    assert!(live < earlier, "live contradictions come first");
    assert!(out[earlier..].contains("minister-3252"), "{out}");
    assert!(out[earlier..].contains("until 2023-09-17"), "{out}");
}

#[test]
fn as_of_the_16th_the_contradiction_is_live() {
    let store = fixture_store("derna-2023-09");
    let run = recoupe(
        store.path(),
        &["--format", "json", "report", "--as-of", "2023-09-16", DEAD],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["as_of"], "2023-09-16");
    let q = question(&doc, DEAD);
    let r = relation(q, "ocha-11300", "minister-3252").unwrap();
    assert_eq!(r["kind"], "contradicts");
    assert!(r.get("historic").is_none(), "live on the 16th");
    let ids: Vec<&str> = q["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.contains(&"ocha-3958"),
        "claims dated later are left out"
    );
    // The latest date on file gives the plain report.
    let plain = recoupe(store.path(), &["--format", "json", "report"]).json();
    let mut latest = recoupe(
        store.path(),
        &["--format", "json", "report", "--as-of", "2023-09-30"],
    )
    .json();
    latest.as_object_mut().unwrap().remove("as_of");
    assert_eq!(plain, latest);
}

#[test]
fn a_relay_of_the_withdrawn_figure_is_a_repeat_never_the_current_claim() {
    let store = fixture_store("derna-2023-09");
    // France 24, 17 September, after the revision: "au moins 11 300".
    let run = recoupe(
        store.path(),
        &[
            "add",
            "--about",
            DEAD,
            "--source",
            "ocha",
            "--via",
            "france24",
            "--date",
            "2023-09-17",
            "--value",
            "{at_least: 11300}",
            "--url",
            "https://www.france24.com/fr/afrique/20230917-libye-derna",
            "--note",
            "relays OCHA's withdrawn figure",
            "La tempête Daniel a fait au moins 11 300 morts, selon un bilan publié, dimanche, par un organisme de l'ONU.",
        ],
    );
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    let doc = recoupe(store.path(), &["--format", "json", "report", DEAD]).json();
    let q = question(&doc, DEAD);
    let claims = q["claims"].as_array().unwrap();
    let added = claims
        .iter()
        .find(|c| c["via"] == "france24")
        .expect("the relay is listed");
    assert_eq!(added["current"], false);
    assert_eq!(added["repeats"], "ocha-11300");
    assert_eq!(added["note"], "relays OCHA's withdrawn figure");
    let ocha = claims.iter().find(|c| c["id"] == "ocha-3958").unwrap();
    assert_eq!(
        ocha["current"], true,
        "OCHA's current claim stays its revision"
    );
    // validate notes it without failing.
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("repeats ocha-11300"), "{}", run.stderr);
}

#[test]
fn a_stale_repeat_contradicts_and_says_what_it_repeats() {
    let store = fixture_store("retraites-2023-03-23");
    // Darmanin's 123 again on the 25th, after his own 441 of the 24th.
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--about",
            "retraites-2023-03-23/police-injured",
            "--source",
            "interieur",
            "--value",
            "123",
            "--date",
            "2023-03-25",
        ],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["verdict"], "contradicts");
    let note = &doc["notes"][0];
    assert_eq!(note["kind"], "repeats");
    assert_eq!(note["claim"], "interieur-police-injured-123");
    assert_eq!(
        note["text"],
        "repeats interieur's figure of 2023-03-23, since revised to 441"
    );
    // The current figure given again is no repeat: consistent, no note.
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--about",
            "retraites-2023-03-23/police-injured",
            "--source",
            "interieur",
            "--value",
            "441",
            "--date",
            "2023-03-25",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.json()["notes"], serde_json::json!([]));
}

#[test]
fn check_says_when_a_claim_would_walk_a_toll_back() {
    let store = fixture_store("derna-2023-09");
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--about",
            DEAD,
            "--source",
            "who",
            "--value",
            "3000",
            "--date",
            "2023-09-19",
        ],
    );
    let doc = run.json();
    let note = &doc["notes"][0];
    assert_eq!(note["kind"], "walk_back");
    assert_eq!(note["claim"], "who-3958");
    assert!(
        note["text"]
            .as_str()
            .unwrap()
            .contains("3,958 → 3,000, −24%"),
        "{note}"
    );
    // --as-of leaves later claims out of the check too: on the 15th only
    // the 5,500 and the Red Crescent's 11,300 were on file.
    let run = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "--about",
            DEAD,
            "--source",
            "who",
            "--value",
            "3958",
            "--date",
            "2023-09-16",
            "--as-of",
            "2023-09-15",
        ],
    );
    let doc = run.json();
    let matched: Vec<&str> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["claim"].as_str().unwrap())
        .collect();
    assert!(
        matched.contains(&"lrc-11300-ap") && !matched.contains(&"minister-3252"),
        "{matched:?}"
    );
}

#[test]
fn retraites_relations_are_unchanged_and_direction_is_up() {
    let store = fixture_store("retraites-2023-03-23");
    let doc = recoupe(store.path(), &["--format", "json", "report"]).json();
    let q = question(&doc, "retraites-2023-03-23/police-injured");
    let r = relation(
        q,
        "interieur-police-injured-441",
        "interieur-police-injured-123",
    )
    .unwrap();
    assert_eq!(r["direction"], "up");
    let paris = question(&doc, "retraites-2023-03-23/paris-protesters");
    assert_eq!(paris["standing"], "contested");
    assert!(
        paris["relations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r.get("historic").is_none())
    );
}

#[test]
fn relay_chains_and_provenance_are_read_checked_and_shown() {
    let claims = "\
event: raid
questions:
  - id: toll
    ask: How many were killed?
    kind: count
claims:
  - id: a1
    source: monitor-a
    via: [daily-b, wire-c]
    date: 2018-03-21
    published: 2018-03-22
    url: https://example.org/raid
    archive: http://archive.example.org/raid
    note: read on the wire
    about: toll
    value: 36
    text: t
";
    let store = store_with(SOURCES, &[("raid.yaml", claims)]);
    let doc = recoupe(store.path(), &["--format", "json", "report"]).json();
    let c = &doc["questions"][0]["claims"][0];
    assert_eq!(c["via"], serde_json::json!(["daily-b", "wire-c"]));
    assert_eq!(c["url"], "https://example.org/raid");
    assert_eq!(c["published"], "2018-03-22");
    assert_eq!(c["archive"], "http://archive.example.org/raid");
    assert_eq!(c["note"], "read on the wire");
    let run = recoupe(store.path(), &["--color", "never", "report", "-v"]);
    assert!(
        run.stdout.contains("via daily-b, then wire-c"),
        "{}",
        run.stdout
    );
    let run = recoupe(store.path(), &["--color", "never", "report"]);
    assert!(!run.stdout.contains("read on the wire"), "{}", run.stdout);
    // Bad addresses and dates are located problems.
    let bad = claims
        .replace("https://example.org/raid", "ftp://example.org/raid")
        .replace("published: 2018-03-22", "published: 2018-03-20")
        .replace("via: [daily-b, wire-c]", "via: [daily-b, monitor-a]");
    write(store.path(), "claims/raid.yaml", &bad);
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stdout
            .contains("claims/raid.yaml:9:20: `via` names the claim's own source"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("claims/raid.yaml:11:16: `published: 2018-03-20` is before"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "claims/raid.yaml:12:10: `url`: `ftp://example.org/raid` is not a web address"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_relay_giving_the_figure_it_relayed_is_one_claim_with_its_origin() {
    // Monitor A's figure, cited by Wire C; Wire C's own claim of it; the
    // Daily B's figure, which agrees. Wire C passes Monitor A's figure on:
    // one claim, not a second voice corroborating it.
    let claims = "\
event: e
questions:
  - {id: q, ask: How many?, kind: count, cumulative: false}
claims:
  - {id: a1, source: monitor-a, via: [wire-c], about: q, value: 500, text: t}
  - {id: c1, source: wire-c, about: q, value: {about: 500}, text: t}
  - {id: b1, source: daily-b, about: q, value: 500, text: t}
";
    let store = store_with(SOURCES, &[("e.yaml", claims)]);
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let q = question(&doc, "e/q");
    let claim = |id: &str| {
        q["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(claim("c1")["same_origin_as"], "a1");
    assert!(claim("a1").get("same_origin_as").is_none());
    assert_eq!(claim("b1")["agreement"]["corroborated"], 1, "a1 only");
    assert_eq!(claim("a1")["agreement"]["corroborated"], 1, "b1 only");
    assert_eq!(q["standing"], "corroborated");
    assert_eq!(
        q["consensus"]["rests_on"],
        serde_json::json!(["monitor-a", "daily-b"])
    );
    // The relay gains no credit: it is not ranked, and nobody it agrees
    // with counts it.
    let ranked = recoupe(store.path(), &["--format", "json", "sources"]).json();
    let ids: Vec<&str> = ranked["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(!ids.contains(&"wire-c"), "{ids:?}");
    for s in ranked["sources"].as_array().unwrap() {
        assert_eq!(s["corroborated"], 1, "{s}");
    }
    // The table says why.
    let table = recoupe(
        store.path(),
        &["--color", "never", "--width", "120", "report"],
    );
    assert!(
        table.stdout.contains("same origin as a1"),
        "{}",
        table.stdout
    );
    // Without Daily B, the question has one independent source.
    let alone = claims
        .lines()
        .filter(|l| !l.contains("b1"))
        .collect::<Vec<_>>()
        .join("\n");
    let store = store_with(SOURCES, &[("e.yaml", &alone)]);
    let doc = recoupe(store.path(), &["--format", "json", "report"]).json();
    assert_eq!(question(&doc, "e/q")["standing"], "single source");
}

#[test]
fn derna_consensus_rests_on_current_claims_and_says_what_contradicts_it() {
    let store = fixture_store("derna-2023-09");
    let doc = recoupe(store.path(), &["--format", "json", "report"]).json();
    let consensus = &question(&doc, DEAD)["consensus"];
    assert_eq!(consensus["value"], serde_json::json!({"at_least": 3958}));
    assert_eq!(consensus["interval"], serde_json::json!([3958, null]));
    assert_eq!(consensus["rests_on"], serde_json::json!(["ocha"]));
    assert_eq!(
        consensus["contradicted_by"],
        serde_json::json!(["east-health-ministry-derna-dead"])
    );
    // The oldest figure and WHO's count agree with "at least 3,958" but
    // not with each other: neither pins the interval.
    assert_eq!(
        consensus["set_aside"],
        serde_json::json!(["health-authorities-5500", "who-3958"])
    );
    let run = recoupe(
        store.path(),
        &["--color", "never", "--width", "200", "report", DEAD],
    );
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = &flat[flat.find("consensus:").expect("a consensus line")..];
    let line = &line[..line.find(" revised by").unwrap_or(line.len())];
    assert!(!line.contains("allows exactly"), "{line}");
    assert!(
        line.starts_with("consensus: at least 3,958 (confidence"),
        "{line}"
    );
    assert!(
        line.contains(
            " · rests on 1 independent source: ocha · contradicted by east-health-ministry (3,338) · set aside, each contradicted by another claim: health-authorities (5,500), who (3,958)"
        ),
        "{line}"
    );
}
