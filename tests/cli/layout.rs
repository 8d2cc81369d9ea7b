//! Tables at every width: snapshots at fixed widths with colour off, and
//! the promise behind them, that no id is ever broken across lines.

use crate::support::*;
use proptest::prelude::*;

const WIDTHS: [u16; 5] = [40, 60, 80, 100, 120];

/// A check on the Derna fixture whose closest wording shares few words,
/// dated: an undated claim is dated today, and the snapshot would change
/// with the day it runs.
const DERNA_CHECK: [&str; 4] = [
    "check",
    "Selon le ministre, 3 252 morts à Derna",
    "--date",
    "2023-09-20",
];

fn run_at(dir: &std::path::Path, width: u16, args: &[&str]) -> Run {
    let width = width.to_string();
    let mut all = vec!["--color", "never", "--width", width.as_str()];
    all.extend_from_slice(args);
    recoupe(dir, &all)
}

fn assert_fits(run: &Run, width: u16) {
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= usize::from(width),
            "line wider than {width}: {line}\n{}",
            run.stdout
        );
    }
}

#[test]
fn report_check_and_sources_at_fixed_widths() {
    let shipped = shipped_store();
    let derna = fixture_store("derna-2023-09");
    for width in WIDTHS {
        let cases: [(&str, &std::path::Path, &[&str]); 4] = [
            ("report_shipped", shipped.path(), &["report"]),
            ("report_derna", derna.path(), &["report"]),
            ("check_derna", derna.path(), &DERNA_CHECK),
            ("sources_shipped", shipped.path(), &["sources"]),
        ];
        for (name, dir, args) in cases {
            let run = run_at(dir, width, args);
            assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
            assert_fits(&run, width);
            insta::assert_snapshot!(format!("{name}_w{width}"), run.stdout);
        }
    }
}

#[test]
fn below_seventy_columns_tables_are_stacked_records() {
    let shipped = shipped_store();
    let narrow = run_at(shipped.path(), 60, &["report"]);
    assert!(!narrow.stdout.contains('┆'), "{}", narrow.stdout);
    assert!(
        narrow
            .stdout
            .contains("• claim: osdh-whole-district\n  source: osdh via afp"),
        "{}",
        narrow.stdout
    );
    let wide = run_at(shipped.path(), 120, &["report"]);
    assert!(
        wide.stdout.contains("│ osdh-whole-district "),
        "{}",
        wide.stdout
    );
}

/// A stacked record starts "• label:"; a compact table has a rule of
/// "─" under its header.
fn stacked(out: &str) -> bool {
    out.lines().any(|l| l.starts_with("• "))
}

#[test]
fn at_eighty_columns_report_check_and_sources_are_tables_with_whole_ids() {
    let shipped = shipped_store();
    let derna = fixture_store("derna-2023-09");
    let retraites = fixture_store("retraites-2023-03-23");
    let qadam_check = [
        "check",
        "Selon al-Watan, seuls 40 combattants prorégime ont été tués",
    ];
    for dir in [shipped.path(), derna.path(), retraites.path()] {
        for args in [&["report"][..], &["sources", "-v"][..]] {
            let run = run_at(dir, 80, args);
            assert_eq!(run.status, 0, "{}", run.stderr);
            assert!(!stacked(&run.stdout), "{args:?} stacked:\n{}", run.stdout);
            assert!(run.stdout.contains("──"), "{args:?}:\n{}", run.stdout);
            assert_fits(&run, 80);
            let ids = ids(dir);
            assert!(broken_id(&run.stdout, &ids).is_none(), "{}", run.stdout);
        }
    }
    for (dir, args) in [
        (shipped.path(), &qadam_check[..]),
        (derna.path(), &DERNA_CHECK),
    ] {
        let run = run_at(dir, 80, args);
        assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
        assert!(!stacked(&run.stdout), "{}", run.stdout);
        assert_fits(&run, 80);
    }
    // The Derna claims table keeps its longest ids whole on their lines.
    let run = run_at(derna.path(), 80, &["report", "derna-2023-09/derna-dead"]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("east-health-ministry-derna-dead  ")),
        "{}",
        run.stdout
    );
    // Under seventy columns, records.
    assert!(stacked(&run_at(derna.path(), 69, &["report"]).stdout));
}

#[test]
fn few_common_words_show_both_wordings_whole_with_their_figures_marked() {
    let derna = fixture_store("derna-2023-09");
    // Wide enough for each wording to sit on one line of its cell.
    let run = run_at(derna.path(), 600, &["report", "derna-2023-09/derna-dead"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("ocha (about 11,300): « Selon le Croissant-Rouge libyen"),
        "{out}"
    );
    // The figure the claim gives is marked, the other figure is not; the
    // group space inside it does not break.
    assert!(
        out.contains("environ [-11\u{a0}300-] morts et 10 100 disparus"),
        "{out}"
    );
    assert!(
        out.contains("— east-health-ministry (3,252): Le ministre"),
        "{out}"
    );
    assert!(out.contains("d’un bilan de {+3\u{a0}252+} morts"), "{out}");
    assert!(
        !out.contains("[-« Selon"),
        "no wall of strike-through: {out}"
    );
    let check = run_at(derna.path(), 100, &DERNA_CHECK);
    assert!(
        check.stdout.contains("side by side: few words in common"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("the claim (3,252): Selon le ministre, [-3\u{a0}252-] morts"),
        "{}",
        check.stdout
    );
}

/// Every id of a store: sources, events, questions (alone and as
/// EVENT/QUESTION) and claims, read from its JSON graph and report.
fn ids(dir: &std::path::Path) -> Vec<String> {
    let mut ids = Vec::new();
    let graph = recoupe(dir, &["graph", "--format", "json"]).json();
    for node in graph["nodes"].as_array().unwrap() {
        for key in ["id", "source", "question"] {
            if let Some(s) = node[key].as_str() {
                ids.push(s.to_string());
            }
        }
        if let Some((event, question)) = node["question"].as_str().and_then(|q| q.split_once('/')) {
            ids.push(event.to_string());
            ids.push(question.to_string());
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The pieces of a line to compare with the same pieces of the next: the
/// cells of a bordered table row, or of a compact one (cut where the rule
/// under its header has its columns).
fn pieces(line: &str, spans: &[(usize, usize)]) -> Vec<String> {
    if line.contains(['│', '┆']) {
        return line.split(['│', '┆']).map(str::to_string).collect();
    }
    let chars: Vec<char> = line.chars().collect();
    // A line is a row of the table only if every gap between its columns
    // is blank (prose after the table is not cut into columns).
    let blank_gaps = spans.windows(2).all(|p| {
        chars[p[0].1.min(chars.len())..p[1].0.min(chars.len())]
            .iter()
            .all(|c| *c == ' ')
    });
    if !blank_gaps {
        return vec![line.to_string()];
    }
    spans
        .iter()
        .map(|&(a, b)| {
            chars[a.min(chars.len())..b.min(chars.len())]
                .iter()
                .collect()
        })
        .collect()
}

/// The columns of a compact table, from the rule under its header.
fn rule_spans(line: &str) -> Option<Vec<(usize, usize)>> {
    if !line.contains('─') || !line.chars().all(|c| c == '─' || c == ' ') {
        return None;
    }
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in line.chars().chain([' ']).enumerate() {
        match (c == '─', start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                // The gap after a column belongs to it.
                spans.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(last) = spans.last_mut() {
        last.1 = usize::MAX;
    }
    Some(spans)
}

/// An id whose start ends one line and whose rest starts the next, in the
/// same table column or in plain lines.
fn broken_id<'a>(out: &str, ids: &'a [String]) -> Option<(&'a str, String)> {
    let lines: Vec<&str> = out.lines().collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for pair in lines.windows(2) {
        if let Some(s) = rule_spans(pair[0]) {
            spans = s;
        } else if pair[0].trim().is_empty() {
            spans.clear();
        }
        let (a, b) = (pieces(pair[0], &spans), pieces(pair[1], &spans));
        let mut columns: Vec<(String, String)> = vec![(pair[0].into(), pair[1].into())];
        if a.len() == b.len() && a.len() > 1 {
            columns.extend(a.into_iter().zip(b));
        }
        for (x, y) in columns {
            let last = x.split_whitespace().last().unwrap_or("");
            let first = y.split_whitespace().next().unwrap_or("");
            for id in ids {
                for (k, _) in id.char_indices().skip(1) {
                    if last.ends_with(&id[..k]) && first.starts_with(&id[k..]) {
                        return Some((id, format!("{}\n{}", pair[0], pair[1])));
                    }
                }
            }
        }
    }
    None
}

#[test]
fn the_id_check_finds_a_broken_id() {
    let ids = vec!["east-health-ministry".to_string()];
    assert!(broken_id("│ east-health- ┆ x │\n│ ministry     ┆ y │", &ids).is_some());
    assert!(broken_id("source: east-health-\n    ministry", &ids).is_some());
    assert!(broken_id("│ east-health-ministry ┆ x │\n│ via afp ┆ y │", &ids).is_none());
    let compact = "a             b\n────────────  ─\neast-health-  y\nministry      z";
    assert!(broken_id(compact, &ids).is_some());
    let whole = "a                     b\n────────────────────  ─\neast-health-ministry  y\nvia afp               z";
    assert!(broken_id(whole, &ids).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn no_id_is_ever_broken_across_lines(width in 40u16..=160) {
        let shipped = shipped_store();
        let derna = fixture_store("derna-2023-09");
        let retraites = fixture_store("retraites-2023-03-23");
        for (dir, args) in [
            (shipped.path(), &["report"][..]),
            (retraites.path(), &["report"][..]),
            (shipped.path(), &["sources", "-v"][..]),
            (derna.path(), &["report"][..]),
            (derna.path(), &DERNA_CHECK[..]),
        ] {
            let ids = ids(dir);
            prop_assert!(ids.len() > 10);
            let run = run_at(dir, width, args);
            if let Some((id, lines)) = broken_id(&run.stdout, &ids) {
                prop_assert!(false, "`{}` broken at width {}:\n{}", id, width, lines);
            }
        }
    }
}
