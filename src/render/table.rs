//! Terminal tables (comfy-table), fitted to the given width.
//!
//! Colour is decided by the caller ([`Look`]); comfy-table is told nothing
//! about the terminal, so a snapshot at a fixed width with colour off is
//! byte-for-byte stable.

use super::Look;
use super::layout::{
    Cell, Grid, QuestionNames, Wrap, consensus_line, fill, plural, relay_words, value_words,
};
use crate::diff::Form;
use crate::escape::cell;
use crate::graph::{Chain, Status};
use crate::relate::Basis;
use crate::report::{ClaimLine, Divergence, QuestionReport, Report, WalkBack};
use crate::round::signed_percent;
use crate::store::{Categories, ClaimIx, QuestionKind, Store};
use std::io::{self, Write};

/// Contradictions listed per question; the JSON lists them all.
pub const DIVERGENCES_SHOWN: usize = 10;

/// `report` as tables, one block per question.
pub fn report(out: &mut dyn Write, store: &Store, report: &Report, look: Look) -> io::Result<()> {
    report_with(out, store, report, look, Provenance::Hidden)
}

/// Whether `report` shows where each claim was published (`-v`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Only the claims.
    Hidden,
    /// Each claim's url, publication date, archive and note, when set.
    Shown,
}

/// `report` as tables, with or without each claim's provenance.
pub fn report_with(
    out: &mut dyn Write,
    store: &Store,
    report: &Report,
    look: Look,
    provenance: Provenance,
) -> io::Result<()> {
    let n = report.questions.len();
    if let Some(day) = report.as_of {
        writeln!(out, "As of {day}: claims dated later are left out.")?;
    }
    if n == 0 {
        return writeln!(out, "No questions to report.");
    }
    let disputed = report.disputed_earlier();
    let summary = format!(
        "{}: {} with contradictions, {} consistent{}, {} answered by one source.",
        plural(n, "question", "questions"),
        report.count(Status::Contradiction),
        report.count(Status::Consistent) - disputed,
        if disputed > 0 {
            format!(", {disputed} disputed earlier")
        } else {
            String::new()
        },
        report.count(Status::Single),
    );
    writeln!(out, "{}", fill(&summary, look.width))?;
    let (single, crossed): (Vec<&QuestionReport>, Vec<&QuestionReport>) = report
        .questions
        .iter()
        .partition(|q| q.status == Status::Single);
    for qr in crossed {
        writeln!(out)?;
        question(out, store, qr, look, provenance)?;
    }
    if !single.is_empty() {
        writeln!(out)?;
        single_source(out, store, &single, look)?;
    }
    Ok(())
}

/// Questions only one source answers, in one table: nothing to cross-check
/// yet, but the figures and their revisions are on file.
fn single_source(
    out: &mut dyn Write,
    store: &Store,
    questions: &[&QuestionReport],
    look: Look,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        look.bold(&format!(
            "Answered by one source · {}",
            look.status(Status::Single)
        ))
    )?;
    let names = QuestionNames::new(store, look, questions.iter().map(|qr| qr.question));
    let first = names.claim_header();
    let mut table = Grid::new(look, &[&first, "source", "value", "date"]);
    for qr in questions {
        for line in qr.claims.iter().filter(|l| l.current) {
            let claim = store.claim(line.claim);
            let mut value = Cell::whole(value_words(store, line.claim));
            for chain in qr
                .revisions
                .iter()
                .filter(|c| c.claims.last() == Some(&line.claim))
            {
                let earlier: Vec<String> = chain.claims[..chain.claims.len() - 1]
                    .iter()
                    .map(|&c| value_words(store, c))
                    .collect();
                let from = format!("revised from {}", earlier.join(" → "));
                value = value.and(look.dim(&from), Wrap::Words);
            }
            table.row(vec![
                format!(
                    "{}\n{}",
                    names.name(store, qr.question),
                    look.dim(&format!("· {}", cell(&claim.id)))
                )
                .into(),
                source_cell(store, line.claim, look),
                value,
                Cell::whole(claim.date.map_or("undated".to_string(), |d| d.to_string())),
            ]);
        }
    }
    table.keep(&[0, 2, 3, 1]);
    // Short of room: the date under the value.
    table.fold(&[(3, 2)]);
    writeln!(out, "{table}")
}

/// The source (ids, kept whole), its alignment and who spoke (prose),
/// one per line.
fn source_cell(store: &Store, c: ClaimIx, look: Look) -> Cell {
    let claim = store.claim(c);
    let source = store.source(claim.source);
    let mut who = cell(&source.id).into_owned();
    if !claim.via.is_empty() {
        who.push_str(&look.dim(&format!(" via {}", relay_words(store, &claim.via))));
    }
    let mut who = Cell::words(who);
    if let Some(alignment) = &source.alignment {
        who = who.and(look.dim(&cell(alignment)), Wrap::Prose);
    }
    if let Some(person) = &claim.said_by {
        who = who.and(look.dim(&format!("said by {}", cell(person))), Wrap::Prose);
    }
    who
}

/// One question with more than one source: heading, what is asked, the
/// current claims, the consensus, the revisions, the contradictions.
fn question(
    out: &mut dyn Write,
    store: &Store,
    qr: &QuestionReport,
    look: Look,
    provenance: Provenance,
) -> io::Result<()> {
    for line in fill(&heading(store, qr, look), look.width).lines() {
        writeln!(out, "{}", look.bold(line))?;
    }
    writeln!(out, "{}", fill(&ask_line(store, qr), look.width))?;
    let mut standing_line = format!("standing: {}", qr.standing.name());
    if qr.walked_back() {
        standing_line.push_str(", walked back");
    }
    writeln!(out, "{}", fill(&standing_line, look.width))?;
    writeln!(out, "{}", claims_table(store, qr, look))?;
    if provenance == Provenance::Shown {
        for line in qr
            .claims
            .iter()
            .filter_map(|l| provenance_line(store, l.claim))
        {
            writeln!(out, "{}", fill(&line, look.width))?;
        }
    }
    if let Some(consensus) = &qr.consensus {
        let line = consensus_line(store, consensus);
        writeln!(out, "{}", fill(&line, look.width))?;
    }
    for chain in &qr.revisions {
        writeln!(out, "{}", fill(&revision_line(store, chain), look.width))?;
    }
    for w in &qr.walk_backs {
        let line = walk_back_line(store, w);
        writeln!(out, "{}", look.bold(&fill(&line, look.width)))?;
    }
    for line in qr.claims.iter().filter(|l| l.repeats.is_some()) {
        writeln!(out, "{}", fill(&repeat_line(store, line), look.width))?;
    }
    if !qr.divergences.is_empty() {
        writeln!(out, "{}", divergences_table(store, &qr.divergences, look))?;
        let more = qr.unlisted_contradictions();
        if more > 0 {
            writeln!(
                out,
                "… and {} (--format json lists them all)",
                plural(more, "more contradiction", "more contradictions")
            )?;
        }
    }
    if !qr.earlier.is_empty() {
        writeln!(out, "{}", divergences_table(store, &qr.earlier, look))?;
        let more = qr.unlisted_earlier();
        if more > 0 {
            writeln!(
                out,
                "… and {} disputed earlier (--format json lists them all)",
                plural(more, "more contradiction", "more contradictions")
            )?;
        }
    }
    Ok(())
}

/// "ocha revised down: about 11,300 → at least 3,958, −65% (walk-back)".
pub(crate) fn walk_back_line(store: &Store, w: &WalkBack) -> String {
    let change = w
        .change
        .map_or(String::new(), |c| format!(", {}", signed_percent(c)));
    format!(
        "{} revised down: {} → {}{change} (walk-back: {} → {})",
        cell(&store.source(store.claim(w.newer).source).id),
        value_words(store, w.older),
        value_words(store, w.newer),
        cell(&store.claim(w.older).id),
        cell(&store.claim(w.newer).id),
    )
}

/// "f24-11300 (ocha via france24, 2023-09-17) repeats ocha-11300 of
/// 2023-09-16: not a revision".
pub(crate) fn repeat_line(store: &Store, line: &ClaimLine) -> String {
    let claim = store.claim(line.claim);
    let repeated = line.repeats.map(|r| store.claim(r));
    let mut who = cell(&store.source(claim.source).id).into_owned();
    if !claim.via.is_empty() {
        who.push_str(&format!(" via {}", relay_words(store, &claim.via)));
    }
    format!(
        "{} ({who}, {}) repeats {}{}: not a revision",
        cell(&claim.id),
        claim.date.map_or("undated".to_string(), |d| d.to_string()),
        repeated.map_or(String::new(), |r| cell(&r.id).into_owned()),
        repeated
            .and_then(|r| r.date)
            .map_or(String::new(), |d| format!(" of {d}")),
    )
}

/// "ocha-11300: https://… · published 2023-09-17 · archive … · note …",
/// for a claim with any provenance.
fn provenance_line(store: &Store, c: ClaimIx) -> Option<String> {
    let claim = store.claim(c);
    let p = &claim.provenance;
    if p.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(url) = &p.url {
        parts.push(cell(url).into_owned());
    }
    if let Some(day) = p.published {
        parts.push(format!("published {day}"));
    }
    if let Some(archive) = &p.archive {
        parts.push(format!("archive {}", cell(archive)));
    }
    if let Some(note) = &p.note {
        parts.push(format!("note: {}", cell(note)));
    }
    Some(format!("{}: {}", cell(&claim.id), parts.join(" · ")))
}

/// "EVENT/QUESTION · contradiction · widest gap 0.67", not yet bold.
pub(crate) fn heading(store: &Store, qr: &QuestionReport, look: Look) -> String {
    let status = if qr.status_words() == qr.status.name() {
        look.status(qr.status)
    } else {
        look.paint(anstyle::AnsiColor::Yellow.on_default(), qr.status_words())
    };
    let mut heading = format!("{} · {status}", cell(&store.question_key(qr.question)));
    if let Some(gap) = qr.max_gap {
        heading.push_str(&format!(" · widest gap {gap:.2}"));
    } else if let Some(gap) = qr.earlier.first().map(|d| d.gap) {
        heading.push_str(&format!(" · widest earlier gap {gap:.2}"));
    }
    heading
}

/// What is asked, with the scale or the kind, unit and cumulation.
pub(crate) fn ask_line(store: &Store, qr: &QuestionReport) -> String {
    let q = store.question(qr.question);
    let mut ask = cell(&q.ask).into_owned();
    match (&q.kind, &q.categories) {
        (QuestionKind::Category, Categories::Scale(scale)) => {
            let words: Vec<String> = scale
                .iter()
                .map(|s| cell(&s.replace(['-', '_'], " ")).into_owned())
                .collect();
            ask.push_str(&format!(" (scale: {})", words.join(" < ")));
        }
        (kind, _) => {
            let mut what = kind.name().to_string();
            if let Some(unit) = &q.unit {
                what.push_str(&format!(", {}", cell(unit)));
            }
            if q.cumulative {
                what.push_str(", cumulative");
            }
            ask.push_str(&format!(" ({what})"));
        }
    }
    ask
}

/// The current claims with their standing.
fn claims_table(store: &Store, qr: &QuestionReport, look: Look) -> Grid {
    let mut table = Grid::new(look, &["claim", "source", "value", "date", "standing"]);
    for line in qr.claims.iter().filter(|l| l.current) {
        let claim = store.claim(line.claim);
        table.row(vec![
            cell(&claim.id).into_owned().into(),
            source_cell(store, line.claim, look),
            Cell::whole(value_words(store, line.claim)),
            Cell::whole(claim.date.map_or("undated".to_string(), |d| d.to_string())),
            standing_cell(store, line),
        ]);
    }
    table.keep(&[0, 2, 3, 1]);
    // Short of room: the date under the claim, then the standing under the value.
    table.fold(&[(3, 0), (4, 2)]);
    table
}

/// "revised by osdh: 36 (osdh-toll-36) → at least 62 (osdh-toll-62)".
pub(crate) fn revision_line(store: &Store, chain: &Chain) -> String {
    let steps: Vec<String> = chain
        .claims
        .iter()
        .map(|&c| format!("{} ({})", value_words(store, c), cell(&store.claim(c).id)))
        .collect();
    format!(
        "revised by {}: {}",
        cell(&store.source(chain.source).id),
        steps.join(" → ")
    )
}

/// The widest contradictions, each with the diff of its wordings.
fn divergences_table(store: &Store, divergences: &[Divergence], look: Look) -> Grid {
    let earlier = divergences.iter().any(|d| d.historic.is_some());
    let mut table = Grid::new(
        look,
        &[
            if earlier {
                "disputed earlier"
            } else {
                "contradiction"
            },
            "gap",
            "wording",
        ],
    );
    for d in divergences {
        let mut pair = format!("{}\n× {}", who_said(store, d.a), who_said(store, d.b));
        if let Some(h) = d.historic {
            pair.push_str(&look.dim(&match h.until {
                Some(day) => format!("\nuntil {day}"),
                None => "\nearlier".to_string(),
            }));
        }
        let mut gap = format!("{:.2}", d.gap);
        if d.basis == Basis::Analyst {
            gap.push_str("\nanalyst");
        }
        let wording = match &d.wording {
            Some(w) => {
                let lang = w
                    .lang
                    .as_deref()
                    .map_or(String::new(), |l| format!("{} ", cell(l)));
                let note = if w.translated { "(translations) " } else { "" };
                match w.form {
                    Form::Inline => format!(
                        "{}{}",
                        look.dim(&format!("{lang}{note}")),
                        look.word_diff(&w.diff)
                    ),
                    Form::SideBySide => format!(
                        "{}\n{}",
                        look.dim(&format!("{lang}{note}· side by side")),
                        look.side_by_side(
                            [&side_label(store, d.a), &side_label(store, d.b)],
                            &w.sides
                        )
                    ),
                }
            }
            None => look.dim("(no wording in a common language)"),
        };
        table.row(vec![pair.into(), gap.into(), wording.into()]);
    }
    table.keep(&[0, 1]);
    table
}

/// "ocha (about 11,300)": who gives a wording shown side by side, and what.
fn side_label(store: &Store, c: ClaimIx) -> String {
    let source = cell(&store.source(store.claim(c).source).id).into_owned();
    if store.claim(c).value == crate::value::Value::Unstated {
        return format!("{source}, text only");
    }
    format!("{source} ({})", value_words(store, c))
}

fn who_said(store: &Store, c: ClaimIx) -> String {
    let claim = store.claim(c);
    format!(
        "{} ({})",
        cell(&claim.id),
        cell(&store.source(claim.source).id)
    )
}

/// How a current claim stands, for a table: the claim it shares an origin
/// with (an id) then each count, kept whole.
fn standing_cell(store: &Store, line: &ClaimLine) -> Cell {
    let mut c = Cell::default();
    for part in standing_parts(store, line) {
        c = match part {
            Part::Ids(text) => c.and(text, Wrap::Words),
            Part::Count(text) => c.and(text, Wrap::Whole),
        };
    }
    c
}

/// A line of a claim's standing.
enum Part {
    /// Names a claim, or says none relates: wraps at spaces.
    Ids(String),
    /// A count in words.
    Count(String),
}

/// How a current claim stands against the other sources.
pub(crate) fn standing(store: &Store, line: &ClaimLine) -> String {
    standing_parts(store, line)
        .into_iter()
        .map(|p| match p {
            Part::Ids(t) | Part::Count(t) => t,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn standing_parts(store: &Store, line: &ClaimLine) -> Vec<Part> {
    let a = line.agreement;
    let mut parts = Vec::new();
    if let Some(o) = line.shares_origin_with {
        parts.push(Part::Ids(format!(
            "same origin as {}",
            cell(&store.claim(o).id)
        )));
    } else if a.alone() {
        return vec![Part::Ids("no other source relates".to_string())];
    }
    if a.contradicted > 0 {
        parts.push(Part::Count(format!("contradicted by {}", a.contradicted)));
    }
    if a.corroborated > 0 {
        parts.push(Part::Count(format!("corroborated by {}", a.corroborated)));
    }
    if a.compatible > 0 {
        parts.push(Part::Count(format!("compatible with {}", a.compatible)));
    }
    parts
}
