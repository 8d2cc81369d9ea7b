//! The caches in `.recoupe/`: a cache that fails its checks is rebuilt from
//! the YAML (one line on stderr), never believed; `add` and `import` leave
//! them warm.

use crate::support::*;
use std::path::Path;

const RAID: &str = "\
event: raid
questions:
  - id: toll
    ask: How many were killed in the raid on the depot?
    kind: count
claims:
  - {id: a, source: monitor-a, about: toll, value: 40, text: \"40 killed in the raid on the depot\", lang: en}
  - {id: b, source: daily-b, about: toll, value: 62, text: \"62 killed in the raid on the depot\", lang: en}
";

/// A store whose caches have been written by a first run.
fn warm_store() -> tempfile::TempDir {
    let store = store_with(SOURCES, &[("raid.yaml", RAID)]);
    let first = recoupe(
        store.path(),
        &["--format", "json", "check", "40 killed in the raid"],
    );
    assert!(first.status <= 1, "{}", first.stderr);
    for file in ["store.pages", "index.pages"] {
        assert!(store.path().join(".recoupe").join(file).is_file(), "{file}");
    }
    store
}

/// Changes the cache `file` with `doctor`, then checks that `report` and
/// `check` say what the files say, and that stderr said the cache was
/// rebuilt.
fn rebuilt_after(file: &str, doctor: impl Fn(&mut Vec<u8>)) {
    rebuilt_for(file, false, doctor)
}

/// As [`rebuilt_after`]; with `report_only`, only `report` (which reads
/// every record) must see the change: `check` reads only the records it
/// uses, so it must say what the files say, but may not have met it.
fn rebuilt_for(file: &str, report_only: bool, doctor: impl Fn(&mut Vec<u8>)) {
    let store = warm_store();
    let path = store.path().join(".recoupe").join(file);
    let mut bytes = std::fs::read(&path).unwrap();
    doctor(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    let check: &[&str] = &["--format", "json", "check", "40 killed in the raid"];
    let report: &[&str] = &["--format", "json", "report"];
    // Only check reads the index; both read the store.
    let args: &[&[&str]] = if file == "index.pages" {
        &[check]
    } else if report_only {
        &[report]
    } else {
        &[report, check]
    };
    let from_files: Vec<String> = args
        .iter()
        .map(|a| recoupe(store.path(), &[&["--no-cache"], *a].concat()).stdout)
        .collect();
    // Doctor it again before each command: the first rebuilt it.
    for (a, expected) in args.iter().zip(&from_files) {
        std::fs::write(&path, &bytes).unwrap();
        let run = recoupe(store.path(), a);
        assert_eq!(&run.stdout, expected, "{a:?} after doctoring {file}");
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line on stderr: {}", run.stderr);
        assert!(
            lines[0].contains(&format!(".recoupe/{file} failed its check"))
                && lines[0].contains("rebuilt"),
            "{}",
            run.stderr
        );
    }
    // Rebuilt: the next run is quiet.
    let again = recoupe(store.path(), check);
    assert_eq!(again.stderr, "", "{file} was rewritten");
}

/// Where `needle` is in `bytes`.
fn find(bytes: &[u8], needle: &[u8]) -> usize {
    bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the bytes are in the cache")
}

#[test]
fn a_changed_name_in_the_store_cache_is_not_believed() {
    // Before checksums, this changed what `report` showed while
    // `validate` said the store was valid.
    rebuilt_after("store.pages", |bytes| {
        let at = find(bytes, b"Monitor A");
        bytes[at..at + 9].copy_from_slice(b"Monitor Z");
    });
}

#[test]
fn a_flipped_byte_in_the_store_cache_is_not_believed() {
    rebuilt_for("store.pages", true, |bytes| {
        let at = bytes.len() / 2;
        bytes[at] ^= 0x5a;
    });
}

#[test]
fn a_flipped_byte_inside_one_claim_record_is_not_believed() {
    // The claim is one record, checked when it is read: `check` reads it
    // (a current claim of the question it matched), and so does `report`.
    rebuilt_after("store.pages", |bytes| {
        let at = find(bytes, b"62 killed in the raid");
        bytes[at] = b'9';
    });
}

#[test]
fn a_flipped_byte_in_the_record_tables_is_not_believed() {
    // Just after the header, the key and the head: the first entry of the
    // tables (the offset of the event's record).
    rebuilt_for("store.pages", true, |bytes| {
        let word = |i: usize| u64::from_le_bytes(bytes[16 + 8 * i..24 + 8 * i].try_into().unwrap());
        let tables = 56 + (word(0) + word(2)) as usize;
        bytes[tables] ^= 0x01;
    });
}

#[test]
fn a_truncated_store_cache_is_not_believed() {
    rebuilt_after("store.pages", |bytes| bytes.truncate(bytes.len() * 2 / 3));
}

#[test]
fn a_store_cache_cut_inside_its_header_is_not_believed() {
    rebuilt_after("store.pages", |bytes| bytes.truncate(20));
}

#[test]
fn a_flipped_byte_in_the_index_cache_is_not_believed() {
    rebuilt_after("index.pages", |bytes| {
        let at = bytes.len() - 10;
        bytes[at] ^= 0x01;
    });
}

#[test]
fn a_flipped_byte_in_the_index_dictionary_is_not_believed() {
    // Just after the header: the term dictionary, checked on open.
    rebuilt_after("index.pages", |bytes| bytes[130] ^= 0x01);
}

#[test]
fn a_flipped_byte_in_the_index_header_is_not_believed() {
    rebuilt_after("index.pages", |bytes| bytes[40] ^= 0x01);
}

#[test]
fn a_truncated_index_cache_is_not_believed() {
    rebuilt_after("index.pages", |bytes| bytes.truncate(bytes.len() - 1));
}

#[test]
fn quiet_says_nothing_about_a_rebuilt_cache() {
    let store = warm_store();
    let path = store.path().join(".recoupe/store.pages");
    std::fs::write(&path, b"garbage").unwrap();
    let run = recoupe(store.path(), &["--quiet", "report"]);
    assert_eq!(run.status, 0);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("raid/toll"), "{}", run.stdout);
}

/// The inode and modification time of a cache file: what changes when it
/// is written again.
fn written(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

#[test]
fn add_leaves_the_caches_warm() {
    let store = warm_store();
    let added = recoupe(
        store.path(),
        &[
            "add",
            "Wire C said 41 were killed in the raid on the depot",
            "--about",
            "raid/toll",
            "--source",
            "wire-c",
            "--value",
            "41",
        ],
    );
    assert!(added.status <= 1, "{}", added.stderr);
    let caches: Vec<_> = ["store.pages", "index.pages"]
        .iter()
        .map(|f| store.path().join(".recoupe").join(f))
        .collect();
    let after_add: Vec<_> = caches.iter().map(|c| written(c)).collect();
    // The next check reads both caches: neither is written again, and the
    // new claim is found.
    let check = recoupe(
        store.path(),
        &[
            "--format",
            "json",
            "check",
            "41 killed in the raid on the depot",
        ],
    );
    assert_eq!(check.stderr, "");
    assert!(check.stdout.contains("wire-c-toll"), "{}", check.stdout);
    let after_check: Vec<_> = caches.iter().map(|c| written(c)).collect();
    assert_eq!(after_add, after_check, "the check rebuilt a cache");
    // And what it says is what the files say.
    let files = recoupe(
        store.path(),
        &[
            "--no-cache",
            "--format",
            "json",
            "check",
            "41 killed in the raid on the depot",
        ],
    );
    assert_eq!(check.stdout, files.stdout);
}

#[test]
fn an_edit_is_seen_through_a_warm_cache() {
    // Same size, same second: only the content and the modification time
    // (to the nanosecond) differ, and the edit is seen.
    let store = warm_store();
    write(
        store.path(),
        "claims/raid.yaml",
        &RAID.replace("value: 40", "value: 62"),
    );
    let run = recoupe(store.path(), &["--format", "json", "report"]);
    assert_eq!(run.json()["questions"][0]["status"], "consistent");
}

#[test]
fn a_check_started_on_the_warm_cache_answers_for_the_files_as_edited() {
    // `check` starts on the cached model while the files are stamped: an
    // edit the stamp finds must throw that answer away, not show it.
    let store = warm_store();
    let check = [
        "--format",
        "json",
        "check",
        "62 killed in the raid on the depot",
    ];
    let before = recoupe(store.path(), &check);
    assert_eq!(before.status, 1, "40 and 62 disagree: {}", before.stdout);
    write(
        store.path(),
        "claims/raid.yaml",
        &RAID.replace("value: 40", "value: 62"),
    );
    let after = recoupe(store.path(), &check);
    assert_eq!(after.status, 0, "{}{}", after.stdout, after.stderr);
    assert_eq!(after.json()["verdict"], "consistent");
}

/// An event whose file sorts first: a claim added to it moves every claim
/// after it in the store.
const BRIDGE: &str = "\
event: bridge
questions:
  - {id: toll, ask: How many died when the bridge fell?, kind: count}
claims:
  - {id: br1, source: monitor-a, about: toll, value: 12, date: 2019-05-01, text: \"12 died when the bridge fell\", lang: en}
";

/// An event whose file sorts last, with a revision and analyst links:
/// records that name claims whose indices move.
const PORT: &str = "\
event: port
questions:
  - {id: toll, ask: How many died in the port fire?, kind: count}
claims:
  - {id: p1, source: wire-c, about: toll, value: 5, date: 2020-01-01, text: \"5 died in the port fire\", lang: en}
  - {id: p2, source: wire-c, about: toll, value: 7, date: 2020-01-02, supersedes: p1, text: \"7 died in the port fire\", lang: en}
  - {id: p3, source: daily-b, about: toll, value: 7, date: 2020-01-02, agrees_with: [p2], text: \"Seven died in the port fire\", lang: en}
";

/// What every command says, through the caches and from the files.
fn says_what_the_files_say(store: &Path, when: &str) {
    for args in [
        &["--format", "json", "report"][..],
        &["--format", "json", "check", "7 died in the port fire"],
        &["--format", "json", "check", "13 died when the bridge fell"],
        &["--format", "json", "sources"],
        &["validate"],
    ] {
        let cached = recoupe(store, args);
        let mut plain = vec!["--no-cache"];
        plain.extend_from_slice(args);
        let files = recoupe(store, &plain);
        assert!(cached.status <= 1, "{when}, {args:?}: {}", cached.stderr);
        assert_eq!(
            (cached.status, &cached.stdout, &cached.stderr),
            (files.status, &files.stdout, &files.stderr),
            "{when}, {args:?}"
        );
    }
}

#[test]
fn after_add_and_import_every_command_says_what_the_files_say() {
    let store = store_with(
        SOURCES,
        &[
            ("a-bridge.yaml", BRIDGE),
            ("raid.yaml", RAID),
            ("z-port.yaml", PORT),
        ],
    );
    says_what_the_files_say(store.path(), "before");
    let pages = store.path().join(".recoupe/store.pages");
    let added = recoupe(
        store.path(),
        &[
            "add",
            "13 died when the bridge fell, Wire C said",
            "--about",
            "bridge/toll",
            "--source",
            "wire-c",
            "--value",
            "13",
            "--date",
            "2019-05-02",
        ],
    );
    assert!(added.status <= 1, "{}", added.stderr);
    let after_add = written(&pages);
    says_what_the_files_say(store.path(), "after add");
    assert_eq!(written(&pages), after_add, "the store cache was rebuilt");
    write(
        store.path(),
        "feed.csv",
        "event,about,source,date,value,text,lang,supersedes\n\
         raid,toll,monitor-a,2018-03-22,45,45 killed in the raid on the depot,en,a\n\
         port,toll,wire-c,2020-01-03,8,8 died in the port fire,en,p2\n",
    );
    let imported = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(imported.status, 0, "{}", imported.stderr);
    let after_import = written(&pages);
    says_what_the_files_say(store.path(), "after import");
    assert_eq!(written(&pages), after_import, "the store cache was rebuilt");
}
