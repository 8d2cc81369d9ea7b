//! `recoupe sources` as a table or JSON: the ranking as computed, with the
//! counts behind each score and the plain words on what the score does not
//! say.

use super::Look;
use super::json::{gap, score_json};
use super::layout::{Cell, Grid, QuestionNames, Wrap, fill, plural, value_words};
use crate::credibility::evidence::{Ranking, SourceLine};
use crate::escape::cell;
use crate::store::Store;
use serde_json::{Value as Json, json};
use std::io::{self, Write};

/// Contradictions listed per source, in the table and the JSON.
pub const CONTRADICTIONS_SHOWN: usize = 3;

/// How much of the ranking to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The ranking, the contradictions that weighed most, the caveats.
    Ranking,
    /// All that, and each claim's confidence (`sources -v`).
    EachClaim,
}

/// What every ranking is followed by: agreement is not truth.
pub(crate) const AGREEMENT_IS_NOT_TRUTH: &str = "Trust measures how far a source's current claims agree \
with the other sources on file, not whether they are true: a source alone in being right scores \
low until others corroborate it, and sources that copy one another look corroborated.";

fn standing_counts(line: &SourceLine) -> [String; 4] {
    let s = line.standing;
    [
        s.claims.to_string(),
        s.corroborated.to_string(),
        s.contradicted.to_string(),
        s.alone.to_string(),
    ]
}

/// `sources` as tables: the ranking, the contradictions that weighed
/// most, with [`Detail::EachClaim`] each claim's confidence, then the caveats.
pub fn table(
    out: &mut dyn Write,
    store: &Store,
    ranking: &Ranking,
    look: Look,
    detail: Detail,
) -> io::Result<()> {
    let heading = format!(
        "{} ranked by {} ({}), {}.",
        plural(ranking.sources.len(), "source", "sources"),
        ranking.algorithm.name(),
        ranking.algorithm.summary(),
        plural(ranking.iterations, "round", "rounds"),
    );
    writeln!(out, "{}", fill(&heading, look.width))?;
    if ranking.sources.is_empty() {
        writeln!(out, "No source has a current claim of its own yet.")?;
    } else {
        writeln!(out)?;
        let mut table = Grid::new(
            look,
            &[
                "#",
                "source",
                "trust",
                "claims",
                "corroborated",
                "contradicted",
                "alone",
            ],
        );
        for line in &ranking.sources {
            let source = store.source(line.source);
            let mut who =
                Cell::words(cell(&source.id)).and(look.dim(&cell(&source.name)), Wrap::Prose);
            if let Some(prior) = line.prior {
                who = who.and(look.dim(&format!("prior {prior:.2}")), Wrap::Words);
            }
            let mut trust = Cell::words(format!("{:.2}", line.trust));
            if line.weak {
                trust = trust.and(look.dim("weak evidence"), Wrap::Prose);
            }
            let [claims, corroborated, contradicted, alone] = standing_counts(line);
            table.row(vec![
                line.rank.to_string().into(),
                who,
                trust,
                claims.into(),
                corroborated.into(),
                contradicted.into(),
                alone.into(),
            ]);
        }
        table.keep(&[2, 1]);
        writeln!(out, "{table}")?;
        contradictions(out, store, ranking, look)?;
        if detail == Detail::EachClaim {
            confidences(out, store, ranking, look)?;
        }
    }
    writeln!(out)?;
    for note in notes(store, ranking) {
        writeln!(out, "{}", fill(&note, look.width))?;
    }
    Ok(())
}

fn contradictions(
    out: &mut dyn Write,
    store: &Store,
    ranking: &Ranking,
    look: Look,
) -> io::Result<()> {
    let lines: Vec<&SourceLine> = ranking
        .sources
        .iter()
        .filter(|l| !l.contradictions.is_empty())
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", look.bold("Contradictions that weighed most"))?;
    let mut table = Grid::new(
        look,
        &[
            "source",
            "its claim",
            "contradicted by",
            "gap",
            "their trust",
        ],
    );
    for line in lines {
        for c in &line.contradictions {
            let against = store.claim(c.against);
            table.row(vec![
                cell(&store.source(line.source).id).into_owned().into(),
                Cell::words(cell(&store.claim(c.claim).id))
                    .and(look.dim(&value_words(store, c.claim)), Wrap::Whole),
                Cell::words(format!(
                    "{} ({})",
                    cell(&against.id),
                    cell(&store.source(against.source).id),
                ))
                .and(look.dim(&value_words(store, c.against)), Wrap::Whole),
                c.gap.map_or("—".to_string(), |g| format!("{g:.2}")).into(),
                format!("{:.2}", c.weight).into(),
            ]);
        }
    }
    table.keep(&[1, 2, 0]);
    // Short of room: the source under its claim, then their trust under the gap.
    table.fold(&[(0, 1), (4, 3)]);
    writeln!(out, "{table}")
}

fn confidences(
    out: &mut dyn Write,
    store: &Store,
    ranking: &Ranking,
    look: Look,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", look.bold("Each claim's confidence"))?;
    let names = QuestionNames::new(
        store,
        look,
        ranking
            .sources
            .iter()
            .flat_map(|l| &l.claims)
            .map(|c| store.claim(c.claim).question),
    );
    let question = names.header();
    let mut table = Grid::new(look, &["source", "claim", &question, "value", "confidence"]);
    for line in &ranking.sources {
        for c in &line.claims {
            let claim = store.claim(c.claim);
            table.row(vec![
                cell(&store.source(line.source).id).into_owned().into(),
                cell(&claim.id).into_owned().into(),
                names.name(store, claim.question).into(),
                Cell::whole(value_words(store, c.claim)),
                format!("{:.2}", c.confidence).into(),
            ]);
        }
    }
    table.keep(&[1, 2, 3, 0]);
    // Short of room: the source, then the question, under the claim.
    table.fold(&[(0, 1), (2, 1)]);
    writeln!(out, "{table}")
}

/// The caveats under the ranking, in plain words.
fn notes(store: &Store, ranking: &Ranking) -> Vec<String> {
    let mut notes = vec![AGREEMENT_IS_NOT_TRUTH.to_string()];
    let weak = ranking.weak_sources();
    if weak > 0 {
        notes.push(format!(
            "Weak evidence: {} fewer than {} claims that another source \
             corroborates or contradicts; such a score says little, and under the recoupe \
             algorithm it stays near the prior.",
            plural(weak, "source has", "sources have"),
            Ranking::WEAK_BELOW
        ));
    }
    if ranking.too_few_sources() {
        notes.push(format!(
            "Only {}: agreement between so few says little about any of them.",
            plural(
                ranking.sources.len(),
                "source has claims",
                "sources have claims"
            )
        ));
    }
    if !ranking.algorithm.uses_priors_and_intervals() {
        notes.push(format!(
            "{} ignores the priors of sources.yaml and compares values for equality only; \
             the default algorithm, recoupe, uses both.",
            ranking.algorithm.name()
        ));
    }
    if !ranking.unscored.is_empty() {
        let ids: Vec<String> = ranking
            .unscored
            .iter()
            .map(|&s| cell(&store.source(s).id).into_owned())
            .collect();
        notes.push(format!(
            "Not scored, no current claim of their own: {}. A relay passes on another \
             source's claim and gains no credit or blame for it.",
            ids.join(", ")
        ));
    }
    notes
}

/// `sources --format json` (DESIGN §7), with [`Detail::EachClaim`] each claim's
/// confidence.
pub fn json(store: &Store, ranking: &Ranking, detail: Detail) -> Json {
    let sources: Vec<Json> = ranking
        .sources
        .iter()
        .map(|line| {
            let source = store.source(line.source);
            let s = line.standing;
            let contradictions: Vec<Json> = line
                .contradictions
                .iter()
                .map(|c| {
                    let against = store.claim(c.against);
                    json!({
                        "claim": store.claim(c.claim).id,
                        "question": store.question_key(against.question),
                        "against": against.id,
                        "against_source": store.source(against.source).id,
                        "gap": gap(c.gap),
                        "weight": score_json(c.weight),
                    })
                })
                .collect();
            let mut j = json!({
                "rank": line.rank,
                "id": source.id,
                "name": source.name,
                "trust": score_json(line.trust),
                "claims": s.claims,
                "corroborated": s.corroborated,
                "contradicted": s.contradicted,
                "alone": s.alone,
                "prior": line.prior,
                "weak_evidence": line.weak,
                "weighty_contradictions": contradictions,
            });
            if detail == Detail::EachClaim {
                j["claim_confidence"] = line
                    .claims
                    .iter()
                    .map(|c| {
                        let claim = store.claim(c.claim);
                        json!({
                            "claim": claim.id,
                            "question": store.question_key(claim.question),
                            "value": claim.value.to_json(),
                            "confidence": score_json(c.confidence),
                        })
                    })
                    .collect();
            }
            j
        })
        .collect();
    json!({
        "algorithm": ranking.algorithm.name(),
        "iterations": ranking.iterations,
        "sources": sources,
        "unscored": ranking.unscored.iter().map(|&s| store.source(s).id.as_str()).collect::<Vec<_>>(),
        "note": AGREEMENT_IS_NOT_TRUTH,
    })
}
