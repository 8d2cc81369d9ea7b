//! `recoupe add`: check, then append; nothing lost, nothing reordered.

use crate::support::*;

#[test]
fn a_claim_is_appended_and_the_rest_of_the_file_is_untouched() {
    let store = shipped_store();
    let before = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    let run = recoupe(
        store.path(),
        &[
            "add",
            "Selon al-Watan, 40 soldats ont été tués à Qadam",
            "--about",
            "qadam-2018-03/pro-regime-killed",
            "--date",
            "2018-03",
        ],
    );
    assert_eq!(
        run.status, 1,
        "it contradicts OSDH's toll, and is added all the same:\n{}\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr
            .contains("added `al-watan-pro-regime-killed` to claims/qadam-2018-03.yaml"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    assert!(
        after.starts_with(&before),
        "the old text is a prefix of the new one"
    );
    let added = &after[before.len()..];
    assert!(
        added.starts_with("  - id: al-watan-pro-regime-killed\n    source: al-watan\n"),
        "{added}"
    );
    assert!(added.contains("    value: 40\n"), "{added}");
    assert!(
        added.contains("    text: \"Selon al-Watan, 40 soldats ont été tués à Qadam\"\n"),
        "{added}"
    );
    let report = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "report",
            "qadam-2018-03/pro-regime-killed",
        ],
    );
    assert_eq!(report.json()["questions"][0]["status"], "contradiction");
}

#[test]
fn ids_never_clash_and_can_be_given() {
    let store = shipped_store();
    let args = [
        "add",
        "--about",
        "qadam-2018-03/pro-regime-killed",
        "--value",
        "at least 70",
        "--source",
        "afp",
        "Au moins 70 morts",
    ];
    assert_eq!(recoupe(store.path(), &args).status, 0);
    assert_eq!(recoupe(store.path(), &args).status, 0);
    let text = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    assert!(
        text.contains("- id: afp-pro-regime-killed\n")
            && text.contains("- id: afp-pro-regime-killed-2\n")
    );
    let mut named = args.to_vec();
    named.extend(["--id", "afp-toll-70"]);
    assert_eq!(recoupe(store.path(), &named).status, 0);
    let text = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    assert!(text.contains("- id: afp-toll-70\n"), "the given id is used");
    let again = recoupe(store.path(), &named);
    assert_eq!(again.status, 2, "a taken id is refused");
    assert!(
        again.stderr.contains("duplicate claim id `afp-toll-70`"),
        "{}",
        again.stderr
    );
}

#[test]
fn concurrent_adds_all_land() {
    let store = shipped_store();
    let claims_before = 13;
    let n = 8;
    let children: Vec<_> = (0..n)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_recoupe"))
                .args([
                    "add",
                    &format!("Au moins {} morts", 70 + i),
                    "--about",
                    "qadam-2018-03/pro-regime-killed",
                    "--value",
                    &format!("{{at_least: {}}}", 70 + i),
                    "--source",
                    "afp",
                ])
                .current_dir(store.path())
                .env_remove("RECOUPE_STORE")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let run = recoupe(store.path(), &["validate"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(
        run.stderr
            .contains(&format!("{} claims", claims_before + n)),
        "{}",
        run.stderr
    );
}

#[test]
fn what_cannot_be_added_is_refused_and_nothing_is_written() {
    let store = shipped_store();
    let before = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    for (args, expected) in [
        (
            vec![
                "add",
                "--about",
                "qadam-2018-03/pro-regime-killed",
                "--value",
                "70",
                "--source",
                "afp",
            ],
            "wording",
        ),
        (
            vec![
                "add",
                "70 morts",
                "--about",
                "qadam-2018-03/pro-regime-killed",
                "--value",
                "70",
            ],
            "--source",
        ),
        (
            vec![
                "add",
                "70 morts",
                "--about",
                "qadam-2018-03/control-extent",
                "--value",
                "70",
                "--source",
                "afp",
            ],
            "category question",
        ),
        (
            vec![
                "add",
                "70 morts",
                "--about",
                "qadam-2018-03/pro-regime-killed",
                "--source",
                "afp",
                "--to",
                "claims/other.yaml",
            ],
            "not the file of event",
        ),
    ] {
        let run = recoupe(store.path(), &args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(expected),
            "{args:?}: expected {expected} in {}",
            run.stderr
        );
    }
    let after = std::fs::read_to_string(store.path().join("claims/qadam-2018-03.yaml")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn to_names_the_event_file_however_it_is_written() {
    let store = shipped_store();
    let base = [
        "add",
        "Au moins 70 morts",
        "--about",
        "qadam-2018-03/pro-regime-killed",
        "--source",
        "afp",
        "--to",
    ];
    let file = store.path().join("claims/qadam-2018-03.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let mut args = base.to_vec();
    args.push("./claims/qadam-2018-03.yaml");
    let run = recoupe(store.path(), &args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let once = std::fs::read_to_string(&file).unwrap();
    assert!(once.starts_with(&before), "appended, nothing else moved");
    assert!(
        once[before.len()..].starts_with("  - id: afp-pro-regime-killed\n    source: afp\n"),
        "{}",
        &once[before.len()..]
    );
    let mut args = base.to_vec();
    args.push("qadam-2018-03.yaml");
    let run = recoupe(&store.path().join("claims"), &args);
    assert_eq!(run.status, 0, "from inside claims/: {}", run.stderr);
    let twice = std::fs::read_to_string(&file).unwrap();
    assert!(twice.starts_with(&once), "appended, nothing else moved");
    assert!(
        twice[once.len()..].starts_with("  - id: afp-pro-regime-killed-2\n    source: afp\n"),
        "{}",
        &twice[once.len()..]
    );
    assert!(
        !store.path().join("claims/claims").exists()
            && !store.path().join("qadam-2018-03.yaml").exists(),
        "no file written anywhere else"
    );
}
