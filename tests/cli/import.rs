//! `recoupe import`: many claims at once, all or nothing.

use crate::support::*;

const RAID: &str = "\
# A made-up raid, with a comment that must survive imports.
event: raid
questions:
  - id: toll
    ask: How many were killed?
    kind: count   # a cumulative toll
claims:
  - {id: a1, source: monitor-a, date: 2018-03-19, about: toll, value: 36, text: \"36 tués\", lang: fr}
";

#[test]
fn a_csv_lands_in_the_event_files_and_nothing_else_moves() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    write(
        store.path(),
        "feed.csv",
        "event,about,source,via,date,value,text,lang,ask,kind\n\
         raid,toll,daily-b,wire-c,2018-03-21,at least 62,\"Au moins 62 tués, dit le B\",fr,,\n\
         raid,civilians,monitor-a,,2018-03-21,{about: 10},Some 10 civilians,en,How many civilians died?,count\n\
         flood,rain,wire-c,,2019-01,{more_than: 200},More than 200 mm,en,How much rain fell?,count\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("claims/raid.yaml: 2 claims, 1 new question"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("claims/flood.yaml: 1 claim, 1 new question"),
        "{}",
        run.stdout
    );
    let raid = std::fs::read_to_string(store.path().join("claims/raid.yaml")).unwrap();
    assert!(
        raid.starts_with(&RAID[..RAID.find("claims:").unwrap()]),
        "the head of the file is untouched:\n{raid}"
    );
    assert!(raid.contains("kind: count   # a cumulative toll"));
    assert!(
        raid.contains("  - id: daily-b-toll\n    source: daily-b\n    via: wire-c\n"),
        "{raid}"
    );
    assert!(raid.contains("value: {at_least: 62}"), "{raid}");
    let report = recoupe(store.path(), &["--format", "json", "report", "raid/toll"]);
    assert_eq!(report.status, 0, "{}", report.stderr);
    assert_eq!(
        report.json()["questions"][0]["claims"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(recoupe(store.path(), &["validate"]).status, 0);
    assert!(
        store.path().join("claims/flood.yaml").is_file(),
        "the new event's file is in claims/, where its temporary was staged"
    );
    assert_eq!(
        temporaries(store.path()),
        Vec::<String>::new(),
        "every staged file was renamed into place"
    );
}

#[test]
fn json_lines_take_values_in_their_json_form() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    write(
        store.path(),
        "feed.jsonl",
        "{\"event\":\"raid\",\"about\":\"toll\",\"source\":\"daily-b\",\"value\":{\"between\":[50,70]},\"date\":\"2018-03-21\",\"text\":\"entre 50 et 70\",\"agrees_with\":[\"a1\"]}\n",
    );
    let run = recoupe(store.path(), &["import", "feed.jsonl"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let raid = std::fs::read_to_string(store.path().join("claims/raid.yaml")).unwrap();
    assert!(raid.contains("value: {between: [50, 70]}"), "{raid}");
    assert!(raid.contains("agrees_with: [a1]"), "{raid}");
}

#[test]
fn a_bad_row_is_located_and_nothing_is_written() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    write(
        store.path(),
        "feed.csv",
        "event,about,source,value,text\n\
         raid,toll,daily-b,62,fine\n\
         raid,toll,nobody,62,unknown source\n\
         raid,tol,daily-b,62,misspelt question\n\
         raid,toll,wire-c,lots,unreadable value\n\
         raid,toll\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("feed.csv:6: this row has 2 cells; the header has 5"),
        "{}",
        run.stderr
    );
    // The shape error stops the import before anything else is judged.
    let raid = std::fs::read_to_string(store.path().join("claims/raid.yaml")).unwrap();
    assert_eq!(raid, RAID);
    write(
        store.path(),
        "feed.csv",
        "event,about,source,value,text\n\
         raid,toll,daily-b,62,fine\n\
         raid,toll,nobody,62,unknown source\n\
         raid,tol,daily-b,62,misspelt question\n\
         raid,toll,wire-c,lots,unreadable value\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 2);
    for expected in [
        "feed.csv:3: unknown source \"nobody\"",
        "feed.csv:4: column `about`: event `raid` has no question `tol` (did you mean `toll`? fill `ask` to create it)",
        "feed.csv:5: column `value`: cannot read `lots` as a value",
        "3 problems: nothing was written",
    ] {
        assert!(
            run.stderr.contains(expected),
            "expected {expected} in:\n{}",
            run.stderr
        );
    }
    let raid = std::fs::read_to_string(store.path().join("claims/raid.yaml")).unwrap();
    assert_eq!(raid, RAID, "nothing was written");
    assert_eq!(temporaries(store.path()), Vec::<String>::new());
}

/// Temporary files a write left behind. The writer stages each file's new
/// text as `.recoupe-*.tmp` in the folder of the file it replaces
/// (src/store/write.rs): claims/ for every claims file, existing or new.
/// Every folder of the store is searched, so that a temporary written
/// anywhere else is found too.
fn temporaries(root: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in folder.read_dir().unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                folders.push(path);
            } else if name.starts_with(".recoupe-") && name.ends_with(".tmp") {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn unknown_columns_and_formats_are_refused() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    write(
        store.path(),
        "feed.csv",
        "event,about,sourse,text\nraid,toll,daily-b,t\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("feed.csv:1: unknown column `sourse` (did you mean `source`?)"),
        "{}",
        run.stderr
    );
    write(store.path(), "feed.xlsx", "x");
    let run = recoupe(store.path(), &["import", "feed.xlsx"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("import reads .csv or .jsonl files"),
        "{}",
        run.stderr
    );
    let run = recoupe(store.path(), &["import", "missing.csv"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
}

#[test]
fn ids_are_generated_without_clashes() {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    write(
        store.path(),
        "feed.csv",
        "event,about,source,value,date,text\nraid,toll,daily-b,40,2018-03-20,a\nraid,toll,daily-b,50,2018-03-21,b\n",
    );
    assert_eq!(recoupe(store.path(), &["import", "feed.csv"]).status, 0);
    let raid = std::fs::read_to_string(store.path().join("claims/raid.yaml")).unwrap();
    assert!(
        raid.contains("- id: daily-b-toll\n") && raid.contains("- id: daily-b-toll-2\n"),
        "{raid}"
    );
}

#[test]
fn a_new_event_never_lands_in_another_events_file() {
    let store = store_with(
        SOURCES,
        &[("foo.yaml", &RAID.replace("event: raid", "event: bar"))],
    );
    write(
        store.path(),
        "feed.csv",
        "event,about,source,text,ask,kind,value\nfoo,newq,daily-b,b says 3,How many?,count,3\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("event `foo` is new, but claims/foo.yaml already holds event `bar`"),
        "{}",
        run.stderr
    );
}
