//! Fuzz targets for recoupe, over the library's public API only.
//!
//! Each target is a plain function of the input bytes, so that the same
//! code runs under libFuzzer (`fuzz_targets/*.rs`, `cargo fuzz run`) and
//! under the stable driver (`src/bin/driver.rs`), which needs no nightly
//! toolchain. A target panics only on a bug: a panic inside recoupe, or an
//! invariant of its own broken (output that is not JSON, a raw control
//! character on the terminal, a write that lost a byte or a claim).
//!
//! Inputs are written to real stores in temporary folders, because the
//! store is read through `Store::load` and `Store::open` as the commands
//! read it. Several targets take a first byte that picks the base store
//! (the shipped one and the two real-story fixtures), so that seeds made
//! from one store's files stay valid.

use recoupe::check;
use recoupe::date::ClaimDate;
use recoupe::extract::proposal::{self, Setting};
use recoupe::extract::{self, SourceMatcher};
use recoupe::import;
use recoupe::input::{self, ClaimInput};
use recoupe::render::{self, Look};
use recoupe::report::{self, ReportOptions, Selection};
use recoupe::store::write::{self, WriteLock};
use recoupe::value::Value;
use recoupe::{ClaimGraph, Error, Store, retrieve};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A store the inputs are set in: its `sources.yaml` and its one claims
/// file, as text.
pub struct Base {
    /// The event id, which is also the claims file's name.
    pub event: &'static str,
    /// `sources.yaml`.
    pub sources: &'static str,
    /// `claims/EVENT.yaml`.
    pub claims: &'static str,
}

/// The shipped store and the two real-story fixtures of `tests/fixtures`.
pub const BASES: [Base; 3] = [
    Base {
        event: "qadam-2018-03",
        sources: include_str!("../../sources.yaml"),
        claims: include_str!("../../claims/qadam-2018-03.yaml"),
    },
    Base {
        event: "derna-2023-09",
        sources: include_str!("../../tests/fixtures/derna-2023-09/sources.yaml"),
        claims: include_str!("../../tests/fixtures/derna-2023-09/claims/derna-2023-09.yaml"),
    },
    Base {
        event: "retraites-2023-03-23",
        sources: include_str!("../../tests/fixtures/retraites-2023-03-23/sources.yaml"),
        claims: include_str!(
            "../../tests/fixtures/retraites-2023-03-23/claims/retraites-2023-03-23.yaml"
        ),
    },
];

/// The seed article of `tests/fixtures`.
pub const ARTICLE: &str = include_str!("../../tests/fixtures/seed-qadam-afp-2018-03.txt");

/// The base a selector byte names, and the bytes after it.
fn split_base(data: &[u8]) -> (&'static Base, &[u8]) {
    match data.split_first() {
        Some((&b, rest)) => (&BASES[usize::from(b) % BASES.len()], rest),
        None => (&BASES[0], data),
    }
}

impl Base {
    /// The claims file, relative to the store root.
    pub fn file(&self) -> PathBuf {
        Path::new("claims").join(format!("{}.yaml", self.event))
    }

    /// A store folder holding `sources` and `claims` as given.
    fn write(&self, sources: &[u8], claims: &[u8]) -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().expect("temporary folder");
        std::fs::write(dir.path().join("sources.yaml"), sources).expect("write sources.yaml");
        std::fs::create_dir(dir.path().join("claims")).expect("claims folder");
        std::fs::write(dir.path().join(self.file()), claims).expect("write claims file");
        dir
    }
}

/// Each base store, loaded once per process (from folders kept for the
/// process's life).
fn loaded() -> &'static [(PathBuf, Store)] {
    static LOADED: OnceLock<Vec<(PathBuf, Store)>> = OnceLock::new();
    LOADED.get_or_init(|| {
        BASES
            .iter()
            .map(|base| {
                let dir = base
                    .write(base.sources.as_bytes(), base.claims.as_bytes())
                    .keep();
                let store = Store::load(&dir).expect("the base stores are valid");
                (dir, store)
            })
            .collect()
    })
}

const LOOK: Look = Look {
    color: false,
    width: 100,
};

/// Panics if text meant for a terminal holds a control character other
/// than a line break (C0, DEL, C1): store text must come out escaped.
fn assert_terminal_safe(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)))
    {
        panic!(
            "{what}: raw control character U+{:04X} in {text:?}",
            c as u32
        );
    }
}

/// Panics unless `bytes` is one JSON document.
fn assert_json(what: &str, bytes: &[u8]) {
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
        panic!(
            "{what}: not JSON ({e}): {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

fn utf8(what: &str, bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"))
}

/// What a command prints for a library error: each problem on its line,
/// or the error itself; it must be safe on a terminal, and its JSON form
/// must be JSON.
fn show_error(err: &Error) {
    let mut text = String::new();
    for problem in err.problems() {
        text.push_str(&format!("{problem}\n"));
    }
    if let Some(summary) = err.summary() {
        text.push_str(&summary);
    } else {
        text.push_str(&recoupe::escape::escape_message(&err.to_string()));
    }
    assert_terminal_safe("error message", &text);
    let json = serde_json::to_vec(&render::json::problems(err.problems())).expect("problems JSON");
    assert_json("problems JSON", &json);
}

/// Everything `report` and `graph` print for a valid store: tables (with
/// and without provenance), JSON and DOT, and a report per event.
fn render_store(store: &Store) {
    let graph = ClaimGraph::build(store);
    let options = ReportOptions {
        divergences: render::table::DIVERGENCES_SHOWN,
    };
    let built = report::build(&graph, Selection::All, options);
    for provenance in [
        render::table::Provenance::Hidden,
        render::table::Provenance::Shown,
    ] {
        let mut out = Vec::new();
        render::table::report_with(&mut out, store, &built, LOOK, provenance).expect("table");
        assert_terminal_safe("report table", &utf8("report table", out));
    }
    let mut out = Vec::new();
    render::json::write(
        &mut out,
        &render::json::report(&graph, &built),
        render::json::Layout::Compact,
    )
    .expect("report JSON");
    assert_json("report JSON", &out);
    let mut out = Vec::new();
    render::json::write(
        &mut out,
        &render::json::graph(&graph),
        render::json::Layout::Indented,
    )
    .expect("graph JSON");
    assert_json("graph JSON", &out);
    let mut out = Vec::new();
    render::dot::write(&mut out, &graph).expect("DOT");
    utf8("DOT", out);
    for event in store.events() {
        if let Ok(selection) = Selection::parse(store, &event.id) {
            let _ = report::build(&graph, selection, ReportOptions { divergences: 0 });
        }
    }
    // As of the first claim's date: the history rules.
    if let Some(date) = store.claims().iter().find_map(|c| c.date) {
        let graph = ClaimGraph::build_as_of(store, Some(date));
        let built = report::build(&graph, Selection::All, ReportOptions { divergences: 1 });
        let mut out = Vec::new();
        render::json::write(
            &mut out,
            &render::json::report(&graph, &built),
            render::json::Layout::Compact,
        )
        .expect("report JSON as of");
        assert_json("report JSON as of", &out);
    }
}

/// Loads a store and renders it, or shows its problems.
fn load_and_render(root: &Path) {
    match Store::load(root) {
        Ok(store) => render_store(&store),
        Err(err) => show_error(&err),
    }
}

/// The bytes (after the selector) as the claims file of a store with the
/// base's `sources.yaml`; then `report`, `graph` and their JSON.
pub fn store_claims(data: &[u8]) {
    let (base, bytes) = split_base(data);
    let dir = base.write(base.sources.as_bytes(), bytes);
    load_and_render(dir.path());
}

/// The bytes (after the selector) as `sources.yaml` of a store with the
/// base's claims file; then `report`, `graph` and their JSON.
pub fn store_sources(data: &[u8]) {
    let (base, bytes) = split_base(data);
    let dir = base.write(bytes, base.claims.as_bytes());
    load_and_render(dir.path());
}

/// The value parser: the YAML form (`Value::from_yaml`), which must read
/// back what it writes, and `--value` as `check` and `add` read it (YAML
/// form or words) against every question of the shipped store.
pub fn value(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(v) = Value::from_yaml(&text) {
        let yaml = v.to_yaml();
        let again = Value::from_yaml(&yaml)
            .unwrap_or_else(|e| panic!("{v:?} written as {yaml:?} does not read back: {e}"));
        assert_eq!(again.to_yaml(), yaml, "{v:?} does not round-trip");
        let _ = v.interval(recoupe::value::ABOUT_TOLERANCE);
        let _ = (v.words(true), v.words(false), v.to_json(), v.numbers());
        let _ = (v.is_precise(), v.is_numeric());
    }
    let (_, store) = &loaded()[0];
    let source = store.sources()[0].id.clone();
    for q in store.question_ixs() {
        let given = ClaimInput {
            value: Some(text.to_string()),
            about: Some(store.question_key(q)),
            source: Some(source.clone()),
            ..ClaimInput::default()
        };
        match input::draft(store, &given, ClaimDate::from_ymd(2024, 1, 1).unwrap()) {
            Ok(draft) => {
                let _ = draft.value.interval(store.question(q).tolerance);
            }
            Err(err) => show_error(&err),
        }
    }
}

/// The fields of a claim for [`add_roundtrip`], separated by NUL bytes.
const FIELDS: usize = 8;

/// `add`'s write-back: a claim planned against the base store (text,
/// value, source, about, said_by, note, id from the input) is applied to
/// a claims file whose text is also from the input (as if an editor had
/// changed it), then the store is read again. A write that succeeds must
/// keep every byte that was there and give back the claim as planned; a
/// write that fails must leave the file as it was.
pub fn add_roundtrip(data: &[u8]) {
    let (base, rest) = split_base(data);
    let base_ix = BASES
        .iter()
        .position(|b| std::ptr::eq(b, base))
        .expect("a base");
    let mut parts = rest.splitn(FIELDS, |&b| b == 0);
    let mut next = || {
        parts
            .next()
            .map(|p| String::from_utf8_lossy(p).into_owned())
    };
    let file_text = next().unwrap_or_default();
    let some = |s: Option<String>| s.filter(|s| !s.is_empty());
    let given = ClaimInput {
        text: some(next()),
        value: some(next()),
        source: some(next()),
        about: some(next()),
        said_by: some(next()),
        note: some(next()),
        ..ClaimInput::default()
    };
    let id = some(next());
    let (root, store) = &loaded()[base_ix];
    let today = ClaimDate::from_ymd(2024, 1, 1).unwrap();
    let assessed = match check::assess(store, root, &given, today, 5) {
        Ok(a) => a,
        Err(err) => return show_error(&err),
    };
    let planned = match import::plan_claim(store, root, &assessed.draft, id.as_deref(), None) {
        Ok(p) => p,
        Err(err) => return show_error(&err),
    };
    let old = if file_text.is_empty() {
        base.claims.to_string()
    } else {
        file_text
    };
    let dir = base.write(base.sources.as_bytes(), old.as_bytes());
    let path = dir.path().join(&planned.file);
    let lock = WriteLock::acquire(dir.path()).expect("lock");
    let applied = write::apply(&lock, &planned.plan.additions);
    drop(lock);
    if std::env::var_os("RECOUPE_FUZZ_VERBOSE").is_some() {
        eprintln!(
            "add {}: {:?}",
            planned.id,
            applied.as_ref().map_err(ToString::to_string)
        );
    }
    let now = std::fs::read_to_string(&path).expect("the claims file is there");
    match applied {
        Err(err) => {
            show_error(&err);
            assert_eq!(now, old, "a refused write changed the file");
        }
        Ok(written) => {
            let kept = common_prefix(&old, &now) + common_suffix(&old, &now);
            assert!(
                now.len() > old.len() && kept >= old.len(),
                "the write did not keep the file's text:\n--- before\n{old}\n--- after\n{now}"
            );
            let store = Store::load(dir.path())
                .unwrap_or_else(|e| panic!("a written store does not load: {e}\n{now}"));
            assert_eq!(
                written.claims().len(),
                store.claims().len(),
                "the store add returns is not the store on disk"
            );
            let ix = store
                .find_claim(&format!("{}/{}", base.event, planned.id))
                .or_else(|| store.find_claim(&planned.id))
                .unwrap_or_else(|| panic!("claim {} not found after add:\n{now}", planned.id));
            let claim = store.claim(ix);
            assert_eq!(claim.text, assessed.draft.text, "the wording changed");
            assert_eq!(
                claim.value.to_yaml(),
                assessed.draft.value.to_yaml(),
                "the value changed"
            );
            assert_eq!(claim.said_by, assessed.draft.said_by, "said_by changed");
            assert_eq!(
                claim.provenance.note, assessed.draft.provenance.note,
                "the note changed"
            );
            render_store(&store);
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// `extract` on arbitrary text (invalid UTF-8 replaced, as the command
/// does), against the base store's sources and questions; then the
/// proposals as YAML and JSON.
pub fn extract(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (_, store) = &loaded()[data.len() % BASES.len()];
    let matcher = SourceMatcher::new(store.sources());
    for (store, matcher) in [(Some(store), matcher), (None, SourceMatcher::empty())] {
        let figures = extract::extract(&text, &matcher);
        let setting = Setting::new(store, None, extract::header_date(&text)).expect("no outlet");
        let proposals = proposal::propose(figures, setting);
        let mut out = Vec::new();
        render::proposals::yaml(&mut out, &proposals, store, "fuzz input").expect("YAML");
        utf8("proposals YAML", out);
        let json = serde_json::to_vec(&render::proposals::json(&proposals, store)).expect("JSON");
        assert_json("proposals JSON", &json);
    }
}

/// Free-text `check`: the text is understood, retrieved against the base
/// store's index, related, and shown as a table and as JSON.
pub fn check_text(data: &[u8]) {
    let (base, rest) = split_base(data);
    let base_ix = BASES
        .iter()
        .position(|b| std::ptr::eq(b, base))
        .expect("a base");
    let (root, store) = &loaded()[base_ix];
    let given = ClaimInput {
        text: Some(String::from_utf8_lossy(rest).into_owned()),
        ..ClaimInput::default()
    };
    let today = ClaimDate::from_ymd(2024, 1, 1).unwrap();
    match check::assess(store, root, &given, today, 5) {
        Ok(assessed) => {
            let mut out = Vec::new();
            render::check::table(&mut out, store, &assessed.draft, &assessed.checked, LOOK)
                .expect("table");
            assert_terminal_safe("check table", &utf8("check table", out));
            let json = render::check::json(store, &assessed.draft, &assessed.checked);
            assert_json("check JSON", &serde_json::to_vec(&json).expect("JSON"));
        }
        Err(err) => show_error(&err),
    }
}

/// The caches in `.recoupe/` of a store (the shipped one), as the
/// commands find them: `store.pages` (the model) and `index.pages`
/// (retrieval), each written once by recoupe itself.
struct Caches {
    root: PathBuf,
    store: Vec<u8>,
    index: Vec<u8>,
    /// How many leading bytes of each are its key (the stamp of the store
    /// files, the format): a body after a valid key is what is decoded.
    store_key: usize,
    index_key: usize,
}

const STORE_CACHE: &str = ".recoupe/store.pages";
const INDEX_CACHE: &str = ".recoupe/index.pages";

fn caches() -> &'static Caches {
    static CACHES: OnceLock<Caches> = OnceLock::new();
    CACHES.get_or_init(|| {
        let base = &BASES[0];
        let root = base
            .write(base.sources.as_bytes(), base.claims.as_bytes())
            .keep();
        let store = Store::open(&root).expect("the shipped store opens");
        let _ = retrieve::open(&store, &root);
        let store = std::fs::read(root.join(STORE_CACHE)).expect("store cache written");
        let index = std::fs::read(root.join(INDEX_CACHE)).expect("index cache written");
        Caches {
            store_key: paged_key_end(&store),
            index_key: INDEX_HEADER,
            root,
            store,
            index,
        }
    })
}

/// The size of the mapped index's header, which holds its key (hashes of
/// the store stamp and of the format) and the hash of the header itself.
const INDEX_HEADER: usize = 128;

/// Where the key of the paged store cache ends: after its header (56
/// bytes, the key's length first among its words) and the key.
fn paged_key_end(bytes: &[u8]) -> usize {
    let len = u64::from_le_bytes(bytes[16..24].try_into().expect("a header"));
    56 + len as usize
}

/// The bodies of the two caches as recoupe writes them, each with the
/// selector byte that [`cache`] reads it under: seeds.
pub fn cache_seeds() -> Vec<Vec<u8>> {
    let c = caches();
    vec![
        [&[0u8][..], &c.store].concat(),
        [&[1u8][..], &c.store[c.store_key..]].concat(),
        [&[2u8][..], &c.index].concat(),
        [&[3u8][..], &c.index[c.index_key..]].concat(),
    ]
}

/// The caches' readers: the bytes (after a selector) as `store.pages`
/// or `index.pages`, whole (0, 2) or after the valid key (1, 3), read
/// as `report` and `check` read them. A cache that does not decode is
/// ignored; one that does is used.
pub fn cache(data: &[u8]) {
    let c = caches();
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let (store_bytes, index_bytes) = match mode % 4 {
        0 => (body.to_vec(), c.index.clone()),
        1 => ([&c.store[..c.store_key], body].concat(), c.index.clone()),
        2 => (c.store.clone(), body.to_vec()),
        _ => (c.store.clone(), [&c.index[..c.index_key], body].concat()),
    };
    std::fs::write(c.root.join(STORE_CACHE), store_bytes).expect("write store cache");
    std::fs::write(c.root.join(INDEX_CACHE), index_bytes).expect("write index cache");
    match Store::open(&c.root) {
        Ok(store) => {
            let index = retrieve::open(&store, &c.root);
            let _ = index.search(&store, "combattants tués à Qadam", 5);
            let _ = index.candidates("fighters killed", 5);
            // What `report` reads: every record.
            let _ = store.claims().len();
        }
        Err(err) => show_error(&err),
    }
}

/// A fuzz target: a function of the input bytes that panics on a bug.
pub type Target = fn(&[u8]);

/// The targets by name, for the stable driver.
pub const TARGETS: &[(&str, Target)] = &[
    ("store_claims", store_claims),
    ("store_sources", store_sources),
    ("value", value),
    ("add_roundtrip", add_roundtrip),
    ("extract", extract),
    ("check_text", check_text),
    ("cache", cache),
];

/// The seeds of a target, from the base stores and the seed article of
/// `tests/fixtures` (what `driver seeds` writes to `corpus/TARGET/`).
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let with_base = |i: usize, bytes: &[u8]| [&[i as u8][..], bytes].concat();
    let claims = || {
        loaded()
            .iter()
            .enumerate()
            .flat_map(|(i, (_, store))| store.claims().iter().map(move |c| (i, store, c)))
    };
    match target {
        "store_claims" => (0..BASES.len())
            .map(|i| with_base(i, BASES[i].claims.as_bytes()))
            .collect(),
        "store_sources" => (0..BASES.len())
            .map(|i| with_base(i, BASES[i].sources.as_bytes()))
            .collect(),
        "value" => {
            let mut v: Vec<Vec<u8>> = claims()
                .map(|(_, _, c)| c.value.to_yaml().into_bytes())
                .collect();
            for words in [
                "at least 70",
                "plus de 200",
                "près de 11 300",
                "between 5,000 and 10,000",
                "plusieurs centaines",
                "les trois quarts",
                "one in five",
                "{about: 1200, low: 1000, high: 1500}",
                "{is: whole-district}",
            ] {
                v.push(words.as_bytes().to_vec());
            }
            v.sort();
            v.dedup();
            v
        }
        "add_roundtrip" => claims()
            .map(|(i, store, c)| {
                let fields = [
                    String::new(),
                    c.text.clone(),
                    c.value.to_yaml(),
                    store.source(c.source).id.clone(),
                    store.question_key(c.question),
                    c.said_by.clone().unwrap_or_default(),
                    c.provenance.note.clone().unwrap_or_default(),
                    String::new(),
                ];
                with_base(i, fields.join("\0").as_bytes())
            })
            .collect(),
        "extract" => std::iter::once(ARTICLE.as_bytes().to_vec())
            .chain(claims().map(|(_, _, c)| c.text.clone().into_bytes()))
            .collect(),
        "check_text" => claims()
            .map(|(i, _, c)| with_base(i, c.text.as_bytes()))
            .collect(),
        "cache" => cache_seeds(),
        _ => Vec::new(),
    }
}
