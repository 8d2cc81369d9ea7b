//! JSON documents (DESIGN §7): one document on stdout, field names stable.
//!
//! Values appear exactly as in YAML; claim ids are the store's ids and
//! questions are `EVENT/QUESTION`. Fields may be added, never renamed.

use crate::credibility::consensus::{Consensus, finite};
use crate::error::Problem;
use crate::graph::ClaimGraph;
use crate::relate::Basis;
use crate::report::Report;
use crate::store::{ClaimIx, Store};
use serde_json::{Value as Json, json};

fn basis_name(basis: Basis) -> &'static str {
    match basis {
        Basis::Values => "values",
        Basis::Analyst => "analyst",
        Basis::Revision => "revision",
    }
}

fn claim_json(store: &Store, c: ClaimIx) -> Json {
    let claim = store.claim(c);
    json!({
        "id": claim.id,
        "source": store.source(claim.source).id,
        "via": claim.via.map(|v| store.source(v).id.as_str()),
        "date": claim.date.map(|d| d.to_string()),
        "value": claim.value.to_json(),
        "text": claim.text,
        "current": Json::Null,
        "said_by": claim.said_by,
        "lang": claim.lang,
        "translation": claim.translation,
        "unit": store.unit_of(c),
    })
}

fn gap_json(gap: Option<f64>) -> Json {
    gap.map_or(Json::Null, |g| json!((g * 1000.0).round() / 1000.0))
}

/// `report --format json`.
pub fn report(store: &Store, report: &Report) -> Json {
    let questions: Vec<Json> = report
        .questions
        .iter()
        .map(|qr| {
            let q = store.question(qr.question);
            let claims: Vec<Json> = qr
                .claims
                .iter()
                .map(|line| {
                    let mut j = claim_json(store, line.claim);
                    j["current"] = json!(line.current);
                    j["superseded_by"] = json!(line.superseded_by.map(|s| store.claim(s).id.as_str()));
                    if line.current {
                        j["agreement"] = json!({
                            "corroborated": line.agreement.corroborated,
                            "compatible": line.agreement.compatible,
                            "contradicted": line.agreement.contradicted,
                        });
                    }
                    j
                })
                .collect();
            let relations: Vec<Json> = qr
                .relations
                .iter()
                .map(|e| {
                    json!({
                        "from": store.claim(e.from).id,
                        "to": store.claim(e.to).id,
                        "kind": e.relation.kind.name(),
                        "gap": gap_json(e.relation.gap),
                        "basis": basis_name(e.relation.basis),
                    })
                })
                .collect();
            let revisions: Vec<Json> = qr
                .revisions
                .iter()
                .map(|chain| {
                    json!({
                        "source": store.source(chain.source).id,
                        "claims": chain.claims.iter().map(|&c| store.claim(c).id.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "question": store.question_key(qr.question),
                "ask": q.ask,
                "kind": q.kind.name(),
                "unit": q.unit,
                "status": qr.status.name(),
                "max_gap": gap_json(qr.max_gap),
                "sources": qr.sources,
                "claims": claims,
                "relations": relations,
                "revisions": revisions,
                "consensus": qr.consensus.as_ref().map_or(Json::Null, |c| consensus_json(store, c)),
            })
        })
        .collect();
    json!({ "questions": questions })
}

/// A score for JSON: four decimals are plenty and keep output stable.
pub fn score_json(x: f64) -> Json {
    json!((x * 10_000.0).round() / 10_000.0)
}

/// A question's consensus: the value in its YAML form, its confidence, and
/// the interval of the evidence (`null` ends are unbounded).
fn consensus_json(store: &Store, c: &Consensus) -> Json {
    let interval = c.interval.map(|i| {
        let end = |b| finite(b).map_or(Json::Null, crate::value::json_number);
        json!([end(i.low), end(i.high)])
    });
    json!({
        "value": c.value.to_json(),
        "confidence": score_json(c.confidence),
        "interval": interval,
        "claim": store.claim(c.claim).id,
        "sources": c.sources,
        "tied": c.tied,
        "weak_evidence": c.weak,
    })
}

/// `graph --format json`: every claim, every edge.
pub fn graph(graph: &ClaimGraph) -> Json {
    let store = graph.store();
    let nodes: Vec<Json> = store
        .claim_ixs()
        .map(|c| {
            let claim = store.claim(c);
            json!({
                "id": claim.id,
                "source": store.source(claim.source).id,
                "via": claim.via.map(|v| store.source(v).id.as_str()),
                "question": store.question_key(claim.question),
                "value": claim.value.to_json(),
                "date": claim.date.map(|d| d.to_string()),
                "current": graph.is_current(c),
            })
        })
        .collect();
    let edges: Vec<Json> = store
        .question_ixs()
        .flat_map(|q| graph.edges(q))
        .map(|e| {
            json!({
                "from": store.claim(e.from).id,
                "to": store.claim(e.to).id,
                "kind": e.relation.kind.name(),
                "gap": gap_json(e.relation.gap),
                "basis": basis_name(e.relation.basis),
            })
        })
        .collect();
    json!({ "nodes": nodes, "edges": edges })
}

/// `validate --format json`.
pub fn problems(problems: &[Problem]) -> Json {
    let list: Vec<Json> = problems
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
