//! Claim proposals from `recoupe extract`, as YAML to paste into a claims
//! file or as the JSON document of DESIGN §7.
//!
//! The YAML is written for a reviewer: each proposal has a comment with the
//! figure's own words, and every guess says that it is one. What the tool
//! could not decide is marked `FIXME` (a source) or left empty with the
//! candidates listed (`about`), so that a store holding an unreviewed
//! proposal fails `recoupe validate` instead of passing silently.
//!
//! Text from the article goes into YAML double-quoted strings with every
//! control and bidirectional character written as a YAML escape (the
//! string stays valid YAML and cannot drive a terminal), and into comments
//! through [`escape`].

use crate::escape::escape;
use crate::extract::about::AboutGuess;
use crate::extract::proposal::{Proposal, SourceBasis};
use crate::store::Store;
use crate::yaml::quoted;
use serde_json::{Value as Json, json};
use std::io::{self, Write};

/// One line of comment: escaped, on one line.
fn comment(text: &str) -> String {
    escape(text).into_owned()
}

fn question_name(store: Option<&Store>, q: crate::store::QuestionIx) -> String {
    store.map_or_else(String::new, |s| s.question_key(q))
}

fn candidates(store: Option<&Store>, list: &[(crate::store::QuestionIx, f64)]) -> String {
    list.iter()
        .map(|&(q, score)| format!("{} ({score:.2})", question_name(store, q)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The proposals as a YAML `claims:` list, with comments for the reviewer.
pub fn yaml(
    out: &mut dyn Write,
    proposals: &[Proposal],
    store: Option<&Store>,
    origin: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "# Claims proposed by `recoupe extract` from {}.",
        comment(origin)
    )?;
    writeln!(
        out,
        "# Review each one against the article before pasting it into a claims file:"
    )?;
    writeln!(
        out,
        "# keep what you would defend, resolve every FIXME and empty `about`, delete the rest."
    )?;
    if proposals.is_empty() {
        writeln!(out, "# No figure and no credited statement found.")?;
        writeln!(out, "claims: []")?;
        return Ok(());
    }
    writeln!(out, "claims:")?;
    for p in proposals {
        writeln!(out)?;
        proposal(out, p, store)?;
    }
    Ok(())
}

/// One proposal: the comment with its words, then the claim's keys.
fn proposal(out: &mut dyn Write, p: &Proposal, store: Option<&Store>) -> io::Result<()> {
    let f = &p.figure;
    if f.value.is_numeric() {
        writeln!(out, "  # figure: {}", comment(&f.quote))?;
    } else {
        writeln!(
            out,
            "  # a statement without a figure: {}",
            comment(&f.quote)
        )?;
    }
    writeln!(out, "  - id: {}", p.id)?;
    writeln!(out, "    source: {}", source_value(p, store))?;
    match p.via.as_slice() {
        [] => {}
        // A one-relay chain is a plain id (DESIGN §10).
        [one] => writeln!(out, "    via: {one}")?,
        chain => writeln!(out, "    via: [{}]", chain.join(", "))?,
    }
    if let Some(person) = &f.said_by {
        writeln!(out, "    said_by: {}", quoted(person))?;
    }
    if let Some(date) = &p.date {
        writeln!(out, "    date: {date}")?;
    }
    writeln!(out, "    about:{}", about_value(p, store))?;
    if f.value.is_numeric() {
        writeln!(out, "    value: {}", f.value.to_yaml())?;
    }
    if let Some(unit) = &p.unit {
        writeln!(out, "    unit: {}", quoted(unit))?;
    }
    writeln!(out, "    text: {}", quoted(&f.sentence))?;
    if let Some(lang) = f.lang {
        writeln!(out, "    lang: {}", lang.code())?;
    }
    Ok(())
}

/// The `source:` value with its comment: who is credited, or a FIXME that
/// says why no store source could be named.
fn source_value(p: &Proposal, store: Option<&Store>) -> String {
    match (&p.source, &p.source_basis) {
        (Some(s), SourceBasis::Named) => match &p.figure.credited_to {
            Some(words) => format!("{s}  # credited to {}", comment(&format!("\"{words}\""))),
            None => s.clone(),
        },
        (Some(s), _) => format!("{s}  # no one credited: the outlet's own statement"),
        (None, SourceBasis::Unknown(words)) if store.is_some() => format!(
            "FIXME  # credited to {}, which is not in sources.yaml",
            comment(&format!("\"{words}\""))
        ),
        (None, SourceBasis::Unknown(words)) => format!(
            "FIXME  # credited to {}; no store to match it against",
            comment(&format!("\"{words}\""))
        ),
        (None, _) => {
            "FIXME  # no one credited in the sentence: the outlet's own? (--outlet)".to_string()
        }
    }
}

/// What follows `about:`: the question guessed, with its score and the
/// runner-up, or an empty value with a FIXME and the best candidates.
fn about_value(p: &Proposal, store: Option<&Store>) -> String {
    match &p.about {
        Some(AboutGuess::Clear {
            question,
            score,
            runner_up,
        }) => {
            let id = store.map_or(String::new(), |s| s.question(*question).id.clone());
            let next = runner_up.map_or("no other candidate".to_string(), |(q, s)| {
                format!("next: {} ({s:.2})", question_name(store, q))
            });
            format!(
                " {id}  # guessed: {} ({score:.2}; {next})",
                question_name(store, *question)
            )
        }
        Some(AboutGuess::Unclear(list)) if list.is_empty() => {
            "  # FIXME no stored question matches".to_string()
        }
        Some(AboutGuess::Unclear(list)) => {
            format!(
                "  # FIXME no clear match; best: {}",
                candidates(store, list)
            )
        }
        None => "  # FIXME no store, no questions to match".to_string(),
    }
}

/// A relay chain in JSON: `null`, one id, or the list (DESIGN §10).
fn via_json(via: &[String]) -> Json {
    match via {
        [] => Json::Null,
        [one] => json!(one),
        chain => json!(chain),
    }
}

/// `extract --format json`: `{"claims":[{"sentence","quote","value","unit",
/// "source","said_by","about", …}]}`.
pub fn json(proposals: &[Proposal], store: Option<&Store>) -> Json {
    let claims: Vec<Json> = proposals
        .iter()
        .map(|p| {
            let f = &p.figure;
            let (about, score, candidates) = match &p.about {
                Some(AboutGuess::Clear { question, score, .. }) => {
                    (json!(question_name(store, *question)), json!(score), Vec::new())
                }
                Some(AboutGuess::Unclear(list)) => (Json::Null, Json::Null, list.clone()),
                None => (Json::Null, Json::Null, Vec::new()),
            };
            json!({
                "id": p.id,
                "sentence": f.sentence,
                "quote": f.quote,
                "value": f.value.to_json(),
                "unit": f.unit_or_noun(),
                "noun": f.noun,
                "qualifier": f.qualifier,
                "source": p.source,
                "credited_to": f.credited_to,
                "via": via_json(&p.via),
                "projection": f.projection,
                "denied": f.denied.as_ref().map(|v| v.to_json()),
                "said_by": f.said_by,
                "about": about,
                "about_score": score,
                "about_candidates": candidates.iter().map(|&(q, s)| json!({"question": question_name(store, q), "score": s})).collect::<Vec<_>>(),
                "date": p.date,
                "lang": f.lang.map(|l| l.code()),
            })
        })
        .collect();
    json!({ "claims": claims })
}
