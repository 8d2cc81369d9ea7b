//! `recoupe report` on the shipped store and on made-up stores.

use crate::support::*;

#[test]
fn the_shipped_store_shows_the_qadam_divergence() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["--width", "100", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let control = run
        .stdout
        .find("qadam-2018-03/control-extent · contradiction")
        .expect("the contradiction comes first");
    assert!(control < run.stdout.find("· consistent").unwrap());
    assert!(run.stdout.contains("whole district"));
    assert!(run.stdout.contains("several buildings"));
    assert!(run.stdout.contains("0.67"));
    assert!(run.stdout.contains("revised from 36"), "{}", run.stdout);
    assert!(run.stdout.contains("[-s'est emparé"), "{}", run.stdout);
    assert!(run.stdout.contains("{+les"), "{}", run.stdout);
}
