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
}
