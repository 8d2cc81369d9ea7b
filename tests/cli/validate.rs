//! `recoupe validate`: every problem, located.

use crate::support::*;

#[test]
fn the_shipped_store_is_valid() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("valid (3 sources, 1 events, 10 questions, 13 claims)"),
        "{}",
        run.stderr
    );
}
