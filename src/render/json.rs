//! JSON documents (DESIGN §7): one document on stdout, field names stable.
//!
//! Values appear exactly as in YAML; claim ids are the store's ids and
//! questions are `EVENT/QUESTION`. Fields may be added, never renamed.
//! The documents are views that borrow the computed data and stream it
//! through `serde`: a report of a 100,000-claim store holds millions of
//! relations, and building a `serde_json::Value` tree of them first would
//! cost gigabytes.

use crate::cores;
use crate::credibility::consensus::{Consensus, finite};
use crate::error::Problem;
use crate::escape::SafeStrings;
use crate::graph::{ClaimGraph, Edge};
use crate::relate::Basis;
use crate::report::{ClaimLine, QuestionReport, Report};
use crate::round;
use crate::store::{ClaimIx, Provenance, SourceIx as ClaimSourceIx, Store};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value as Json, json};
use std::cell::Cell;
use std::io::{self, Write};

/// How a JSON document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Indented, for a person at a terminal.
    Indented,
    /// On one line, for a program (a large store's report is hundreds of
    /// megabytes; `jq .` indents it on demand).
    Compact,
}

/// Writes one JSON document and a final newline, laid out as `layout`
/// says. Store text cannot drive the terminal through JSON either: every
/// control, bidirectional and invisible character is written as `\uXXXX`
/// ([`SafeStrings`]). An I/O error comes back as itself, so that a closed
/// pipe is recognised as one.
pub fn write(out: &mut dyn Write, doc: &impl Serialize, layout: Layout) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    serialise(&mut out, doc, layout)?;
    writeln!(out)?;
    out.flush()
}

/// `doc` serialised into `out`, laid out as `layout` says, without the
/// final newline. Generic over the writer so that a question of a report
/// goes straight into its own bytes (through a buffer and a dynamic call
/// it was copied twice: a twentieth of the JSON phase at 100k).
fn serialise(out: impl Write, doc: &impl Serialize, layout: Layout) -> io::Result<()> {
    use serde_json::ser::{CompactFormatter, PrettyFormatter, Serializer};
    match layout {
        Layout::Indented => {
            let safe = SafeStrings(PrettyFormatter::new());
            doc.serialize(&mut Serializer::with_formatter(out, safe))?
        }
        Layout::Compact => doc.serialize(&mut Serializer::with_formatter(
            out,
            SafeStrings(CompactFormatter),
        ))?,
    }
    Ok(())
}

/// A sequence produced on demand by a closure, serialised without
/// collecting it first.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

fn basis_name(basis: Basis) -> &'static str {
    match basis {
        Basis::Values => "values",
        Basis::Analyst => "analyst",
        Basis::Revision => "revision",
    }
}

/// Decimals of a gap (0.667).
const GAP_PLACES: u32 = 3;
/// Decimals of a trust, a confidence or a weight.
const SCORE_PLACES: u32 = 4;
/// Decimals of a retrieval score.
const RELEVANCE_PLACES: u32 = 3;

/// A gap rounded to three decimals (0.667), `null` when there is none.
/// A relay chain as the YAML writes it: `null`, one id, or a list from
/// the first relay to the outlet that published the claim.
pub(crate) fn via_json(store: &Store, via: &[ClaimSourceIx]) -> Json {
    match via {
        [] => Json::Null,
        [one] => json!(store.source(*one).id),
        many => json!(
            many.iter()
                .map(|&v| store.source(v).id.as_str())
                .collect::<Vec<_>>()
        ),
    }
}

/// A claim's provenance fields, those that are set (DESIGN §10).
pub(crate) fn provenance_entries(p: &Provenance) -> Vec<(&'static str, Json)> {
    let mut entries = Vec::new();
    if let Some(url) = &p.url {
        entries.push(("url", json!(url)));
    }
    if let Some(published) = p.published {
        entries.push(("published", json!(published.to_string())));
    }
    if let Some(archive) = &p.archive {
        entries.push(("archive", json!(archive)));
    }
    if let Some(note) = &p.note {
        entries.push(("note", json!(note)));
    }
    entries
}

pub(crate) fn gap(gap: Option<f64>) -> Option<f64> {
    gap.map(|g| round::to_places(g, GAP_PLACES))
}

/// A retrieval score for JSON: three decimals.
pub(crate) fn relevance(score: f64) -> f64 {
    round::to_places(score, RELEVANCE_PLACES)
}

/// `report --format json`, as a document to [`write`] whole.
pub fn report<'a>(graph: &'a ClaimGraph<'a>, report: &'a Report) -> impl Serialize + 'a {
    ReportView { graph, report }
}

/// Writes `report --format json` as [`write`] writes [`report`], byte for
/// byte, with the questions serialised on every core: at 1M claims the
/// report is gigabytes of JSON, and serialising it (relating the pairs
/// each question lists) was most of the command's time on one core
/// (docs/performance.md). Each question is serialised and escaped apart,
/// and the questions are written in the report's order; a few questions
/// per core are held at a time, never the document.
pub fn write_report(
    out: &mut dyn Write,
    graph: &ClaimGraph,
    report: &Report,
    layout: Layout,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let (open, between, close) = match layout {
        Layout::Compact => ("[", ",", "]"),
        Layout::Indented => ("[\n    ", ",\n    ", "\n  ]"),
    };
    let key = |name: &str| match layout {
        Layout::Compact => format!("\"{name}\":"),
        Layout::Indented => format!("\n  \"{name}\": "),
    };
    out.write_all(b"{")?;
    if let Some(day) = report.as_of {
        // A date: digits and dashes, nothing to escape.
        write!(out, "{}\"{day}\",", key("as_of"))?;
    }
    out.write_all(key("questions").as_bytes())?;
    if report.questions.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(open.as_bytes())?;
        let serialise = |qr: &QuestionReport| -> io::Result<Vec<u8>> {
            let mut bytes = Vec::new();
            serialise(&mut bytes, &QuestionView { graph, qr }, layout)?;
            if layout == Layout::Indented {
                // Written at the top level, shown two levels down (JSON
                // strings hold no raw newline).
                let indented = String::from_utf8_lossy(&bytes).replace('\n', "\n    ");
                bytes = indented.into_bytes();
            }
            Ok(bytes)
        };
        let mut first = true;
        cores::in_order(&report.questions, serialise, |bytes| {
            if !std::mem::take(&mut first) {
                out.write_all(between.as_bytes())?;
            }
            out.write_all(&bytes?)
        })?;
        out.write_all(close.as_bytes())?;
    }
    out.write_all(match layout {
        Layout::Compact => b"}\n",
        Layout::Indented => b"\n}\n",
    })?;
    out.flush()
}

/// A score for JSON: four decimals are plenty and keep output stable.
pub(crate) fn score_json(x: f64) -> Json {
    json!(round::to_places(x, SCORE_PLACES))
}

/// A question's consensus: the value in its YAML form, its confidence, and
/// the interval of the evidence (`null` ends are unbounded).
fn consensus_json(store: &Store, c: &Consensus) -> Json {
    let interval = c.interval.map(|i| {
        let end = |b| finite(b).map_or(Json::Null, |x| json!(crate::value::Figure(x)));
        json!([end(i.low), end(i.high)])
    });
    json!({
        "value": c.value.to_json(),
        "confidence": score_json(c.confidence),
        "interval": interval,
        "claim": store.claim(c.claim).id,
        "sources": c.sources,
        "rests_on": c.rests_on.iter().map(|&s| &store.source(s).id).collect::<Vec<_>>(),
        "contradicted_by": c.contradicted_by.iter().map(|&x| &store.claim(x).id).collect::<Vec<_>>(),
        "set_aside": c.set_aside.iter().map(|&x| &store.claim(x).id).collect::<Vec<_>>(),
        "tied": c.tied,
        "weak_evidence": c.weak,
    })
}

/// `graph --format json`: every claim, every edge.
pub fn graph<'a>(graph: &'a ClaimGraph<'a>) -> impl Serialize + 'a {
    GraphView { graph }
}

/// `validate --format json`.
pub fn problems(problems: &[Problem]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| {
            json!({
                "file": p.at.file.to_string_lossy().replace('\\', "/"),
                "line": p.at.line,
                "column": p.at.column,
                "message": p.message,
            })
        })
        .collect();
    json!({ "problems": list })
}

struct ReportView<'a> {
    graph: &'a ClaimGraph<'a>,
    report: &'a Report,
}

impl Serialize for ReportView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(day) = self.report.as_of {
            map.serialize_entry("as_of", &day.to_string())?;
        }
        map.serialize_entry(
            "questions",
            &Each(|| {
                self.report.questions.iter().map(|qr| QuestionView {
                    graph: self.graph,
                    qr,
                })
            }),
        )?;
        map.end()
    }
}

struct QuestionView<'a> {
    graph: &'a ClaimGraph<'a>,
    qr: &'a QuestionReport,
}

impl Serialize for QuestionView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (graph, qr) = (self.graph, self.qr);
        let store = graph.store();
        let q = store.question(qr.question);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("question", &store.question_key(qr.question))?;
        map.serialize_entry("ask", &q.ask)?;
        map.serialize_entry("kind", q.kind.name())?;
        map.serialize_entry("unit", &q.unit)?;
        map.serialize_entry("status", qr.status.name())?;
        map.serialize_entry("standing", qr.standing.name())?;
        map.serialize_entry("walked_back", &qr.walked_back())?;
        map.serialize_entry("max_gap", &gap(qr.max_gap))?;
        map.serialize_entry("sources", &qr.sources)?;
        map.serialize_entry(
            "claims",
            &Each(|| qr.claims.iter().map(|line| ClaimView { store, line })),
        )?;
        // Historic pairs written, to say how many were left out (beyond
        // `graph::HISTORIC_LISTED`, only contradictions and links are).
        let historic = Cell::new(0usize);
        map.serialize_entry(
            "relations",
            &Each(|| {
                graph.edges(qr.question).map(|edge| {
                    historic.set(historic.get() + usize::from(edge.historic.is_some()));
                    EdgeView { store, edge }
                })
            }),
        )?;
        map.serialize_entry(
            "historic_omitted",
            &graph
                .historic_count(qr.question)
                .saturating_sub(historic.get()),
        )?;
        map.serialize_entry(
            "revisions",
            &Each(|| {
                qr.revisions.iter().map(|chain| {
                    json!({
                        "source": store.source(chain.source).id,
                        "claims": chain.claims.iter().map(|&c| store.claim(c).id.as_str()).collect::<Vec<_>>(),
                    })
                })
            }),
        )?;
        map.serialize_entry(
            "consensus",
            &qr.consensus.as_ref().map(|c| consensus_json(store, c)),
        )?;
        map.end()
    }
}

/// A claim of the report, with its standing.
struct ClaimView<'a> {
    store: &'a Store,
    line: &'a ClaimLine,
}

impl Serialize for ClaimView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (store, line) = (self.store, self.line);
        let claim = store.claim(line.claim);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &claim.id)?;
        map.serialize_entry("source", &store.source(claim.source).id)?;
        map.serialize_entry("via", &via_json(store, &claim.via))?;
        map.serialize_entry("date", &claim.date.map(|d| d.to_string()))?;
        map.serialize_entry("value", &claim.value)?;
        map.serialize_entry("text", &claim.text)?;
        map.serialize_entry("current", &line.current)?;
        map.serialize_entry("said_by", &claim.said_by)?;
        map.serialize_entry("lang", &claim.lang)?;
        map.serialize_entry("translation", &claim.translation)?;
        map.serialize_entry("unit", &store.unit_of(line.claim))?;
        map.serialize_entry(
            "superseded_by",
            &line.superseded_by.map(|c| store.claim(c).id.as_str()),
        )?;
        if let Some(r) = line.repeats {
            map.serialize_entry("repeats", &store.claim(r).id)?;
        }
        if let Some(o) = line.shares_origin_with {
            map.serialize_entry("same_origin_as", &store.claim(o).id)?;
        }
        for (key, value) in provenance_entries(&claim.provenance) {
            map.serialize_entry(key, &value)?;
        }
        if line.current {
            let a = line.agreement;
            map.serialize_entry(
                "agreement",
                &json!({
                    "corroborated": a.corroborated,
                    "compatible": a.compatible,
                    "contradicted": a.contradicted,
                }),
            )?;
        }
        map.end()
    }
}

struct EdgeView<'a> {
    store: &'a Store,
    edge: Edge,
}

impl Serialize for EdgeView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (store, e) = (self.store, &self.edge);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("from", &store.claim(e.from).id)?;
        map.serialize_entry("to", &store.claim(e.to).id)?;
        map.serialize_entry("kind", e.relation.kind.name())?;
        map.serialize_entry("gap", &gap(e.relation.gap))?;
        map.serialize_entry("basis", basis_name(e.relation.basis))?;
        if let Some(direction) = e.direction {
            map.serialize_entry("direction", direction.name())?;
        }
        if let Some(h) = e.historic {
            map.serialize_entry("historic", &true)?;
            map.serialize_entry("until", &h.until.map(|d| d.to_string()))?;
        }
        map.end()
    }
}

struct GraphView<'a> {
    graph: &'a ClaimGraph<'a>,
}

impl Serialize for GraphView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let graph = self.graph;
        let store = graph.store();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(
            "nodes",
            &Each(|| {
                store.claim_ixs().map(|c| NodeView {
                    store,
                    claim: c,
                    current: graph.is_current(c),
                })
            }),
        )?;
        let historic = Cell::new(0usize);
        map.serialize_entry(
            "edges",
            &Each(|| {
                store
                    .question_ixs()
                    .flat_map(|q| graph.edges(q))
                    .map(|edge| {
                        historic.set(historic.get() + usize::from(edge.historic.is_some()));
                        EdgeView { store, edge }
                    })
            }),
        )?;
        let total: usize = store.question_ixs().map(|q| graph.historic_count(q)).sum();
        map.serialize_entry("historic_omitted", &total.saturating_sub(historic.get()))?;
        map.end()
    }
}

/// A graph node: the claim's identity and value (DESIGN §7 `graph`).
struct NodeView<'a> {
    store: &'a Store,
    claim: ClaimIx,
    current: bool,
}

impl Serialize for NodeView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let store = self.store;
        let claim = store.claim(self.claim);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &claim.id)?;
        map.serialize_entry("source", &store.source(claim.source).id)?;
        map.serialize_entry("via", &via_json(store, &claim.via))?;
        map.serialize_entry("question", &store.question_key(claim.question))?;
        map.serialize_entry("value", &claim.value)?;
        map.serialize_entry("date", &claim.date.map(|d| d.to_string()))?;
        map.serialize_entry("current", &self.current)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ClaimDate;
    use crate::report::{ReportOptions, Selection};
    use std::path::Path;

    /// A store whose wordings hold what the escaper must catch (a
    /// bidirectional override, DEL, an invisible joiner, a newline).
    fn awkward_store() -> tempfile::TempDir {
        crate::testing::store_folder(
            "sources:\n  - id: alpha-wire\n  - id: beta-daily\n",
            &[(
                "e.yaml",
                "event: e\nquestions:\n  - {id: dead, ask: How many died?, kind: count}\n  - {id: held, ask: Who holds it?, kind: category}\nclaims:\n  - {id: a, source: alpha-wire, about: dead, value: 12, date: 2020-01-02, text: \"12 dead \\u202E21\\x7F\\u200D\\nsaid\"}\n  - {id: b, source: beta-daily, about: dead, value: 30, date: 2020-01-03, text: 30 dead}\n  - {id: c, source: alpha-wire, about: held, value: {is: rebels}, text: rebels}\n",
            )],
        )
    }

    /// The report as one document, and as written question by question.
    fn both_ways(store: &Store, as_of: Option<ClaimDate>, layout: Layout) -> (String, String) {
        let graph = ClaimGraph::build_as_of(store, as_of);
        let built = crate::report::build(&graph, Selection::All, ReportOptions { divergences: 0 });
        let mut whole = Vec::new();
        write(&mut whole, &report(&graph, &built), layout).unwrap();
        let mut by_question = Vec::new();
        write_report(&mut by_question, &graph, &built, layout).unwrap();
        (
            String::from_utf8(whole).unwrap(),
            String::from_utf8(by_question).unwrap(),
        )
    }

    #[test]
    fn the_report_written_by_question_is_the_document_byte_for_byte() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let awkward = awkward_store();
        let stores = [
            Store::load(manifest).unwrap(),
            Store::load(&manifest.join("tests/fixtures/derna-2023-09")).unwrap(),
            Store::load(awkward.path()).unwrap(),
        ];
        let day = ClaimDate::parse("2023-09-14").unwrap();
        for store in &stores {
            for as_of in [None, Some(day)] {
                for layout in [Layout::Compact, Layout::Indented] {
                    let (whole, by_question) = both_ways(store, as_of, layout);
                    assert_eq!(by_question, whole, "{layout:?}, as of {as_of:?}");
                }
            }
        }
        // The escaper ran on each question: nothing dangerous came through.
        let (_, written) = both_ways(&stores[2], None, Layout::Compact);
        assert!(written.contains("\\u202e") && written.contains("\\u007f"));
        assert!(!written.contains('\u{202E}') && !written.contains('\u{7F}'));
    }

    #[test]
    fn a_report_with_no_questions_is_written_as_the_document() {
        let store = Store::load(awkward_store().path()).unwrap();
        let graph = ClaimGraph::build(&store);
        for as_of in [None, Some(ClaimDate::parse("2020").unwrap())] {
            let empty = Report {
                questions: Vec::new(),
                as_of,
            };
            for layout in [Layout::Compact, Layout::Indented] {
                let mut whole = Vec::new();
                write(&mut whole, &report(&graph, &empty), layout).unwrap();
                let mut by_question = Vec::new();
                write_report(&mut by_question, &graph, &empty, layout).unwrap();
                assert_eq!(by_question, whole);
            }
        }
    }
}
