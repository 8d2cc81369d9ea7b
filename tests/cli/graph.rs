//! `recoupe graph`: DOT and JSON.

use crate::support::*;

#[test]
fn dot_is_the_default() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["graph"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("digraph recoupe {"));
    assert!(
        run.stdout
            .contains("\"osdh-toll-62\" -> \"osdh-toll-36\" [label=\"supersedes\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("label=\"contradicts 0.67\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.trim_end().ends_with('}'));
}

#[test]
fn json_lists_nodes_and_edges() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["graph", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let nodes = doc["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 13);
    let node = nodes
        .iter()
        .find(|n| n["id"] == "al-watan-several-buildings")
        .unwrap();
    assert_eq!(node["source"], "al-watan");
    assert_eq!(node["question"], "qadam-2018-03/control-extent");
    assert_eq!(
        node["value"],
        serde_json::json!({"is": "several-buildings"})
    );
    let edges = doc["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|e| e["kind"] == "contradicts" && e["gap"] == 0.667)
    );
    assert!(
        edges
            .iter()
            .any(|e| e["kind"] == "supersedes" && e["from"] == "osdh-toll-62")
    );
    assert!(
        edges
            .iter()
            .any(|e| e["kind"] == "corroborates" && e["basis"] == "analyst")
    );
}

#[test]
fn dot_labels_are_escaped() {
    let claims = "\
event: raid
questions:
  - {id: who, ask: Who?, kind: category}
claims:
  - {id: a, source: monitor-a, about: who, value: {is: 'x\" <> \"y'}, text: t}
  - {id: b, source: daily-b, about: who, value: {is: \"z\\e[2J\"}, text: t}
";
    let store = store_with(SOURCES, &[("raid.yaml", claims)]);
    let run = recoupe(store.path(), &["graph"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(r#"monitor-a: x\" <> \"y""#),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(run.stdout.contains(r"z\\u{1b}[2J"), "{}", run.stdout);
}

#[test]
fn graph_refuses_a_table() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["graph", "--format", "table"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("this command writes dot or json, not table"),
        "{}",
        run.stderr
    );
}
