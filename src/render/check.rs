//! `check` and `add` output: the verdict, the claim as understood, the
//! matches ranked by relevance, and the word diff against the closest
//! stored wording. JSON as DESIGN §7.

use super::Look;
use super::json::{gap, relevance};
use super::layout::{Cell, Grid, QuestionNames, Wrap, fill, plural, value_words};
use crate::check::{Checked, Grounds, Verdict};
use crate::diff::Form;
use crate::escape::cell;
use crate::relate::RelationKind;
use crate::store::{Draft, Store};
use crate::value::Value;
use anstyle::AnsiColor;
use serde_json::{Value as Json, json};
use std::io::{self, Write};

fn kind_name(kind: Option<RelationKind>) -> &'static str {
    kind.map_or("related", |k| k.name())
}

/// The claim as understood, in JSON.
fn draft_json(store: &Store, draft: &Draft) -> Json {
    let mut claim = json!({
        "text": draft.text,
        "value": draft.value.to_json(),
        "unit": draft.unit,
        "source": draft.source.map(|s| store.source(s).id.as_str()),
        "via": super::json::via_json(store, &draft.via),
        "said_by": draft.said_by,
        "date": draft.date.map(|d| d.to_string()),
        "about": draft.question.map(|q| store.question_key(q)),
        "lang": draft.lang,
    });
    if let Some(map) = claim.as_object_mut() {
        for (key, value) in super::json::provenance_entries(&draft.provenance) {
            map.insert(key.to_string(), value);
        }
    }
    claim
}

/// `check --format json`: `{"verdict","claim","matches":[…]}`.
pub fn json(store: &Store, draft: &Draft, checked: &Checked) -> Json {
    let matches: Vec<Json> = checked
        .matches
        .iter()
        .map(|m| {
            let claim = store.claim(m.claim);
            json!({
                "question": store.question_key(m.question),
                "claim": claim.id,
                "source": store.source(claim.source).id,
                "kind": kind_name(m.kind),
                "gap": gap(m.gap),
                "score": relevance(m.score),
                "value": claim.value.to_json(),
            })
        })
        .collect();
    let mut claim = draft_json(store, draft);
    if claim["about"].is_null()
        && let Some(q) = checked.question
    {
        claim["about"] = json!(store.question_key(q));
    }
    json!({
        "verdict": checked.verdict.name(),
        "claim": claim,
        "matches": matches,
        "total_matches": checked.total_matches,
        "contradictions": checked.contradictions,
        "new_below": checked.new_below,
        "notes": checked.notes.iter().map(|n| json!({
            "kind": n.kind.name(),
            "claim": store.claim(n.claim).id,
            "text": n.text,
        })).collect::<Vec<_>>(),
        "grounds": checked.grounds.name(),
        "dropped": checked.dropped.as_ref().map(|v| v.to_json()),
    })
}

/// `check` as text: verdict, claim, matches table, closest wording diff.
pub fn table(
    out: &mut dyn Write,
    store: &Store,
    draft: &Draft,
    checked: &Checked,
    look: Look,
) -> io::Result<()> {
    let verdict = verdict_line(store, checked, look);
    writeln!(out, "{}", fill(&verdict, look.width))?;
    let understood = claim_line(store, draft, checked);
    writeln!(out, "{}", fill(&cell(&understood), look.width))?;
    for note in &checked.notes {
        let line = format!("note: {}", cell(&note.text));
        writeln!(out, "{}", fill(&look.bold(&line), look.width))?;
    }
    if checked.matches.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", matches_table(store, checked, look))?;
    let more = checked.unlisted();
    if more > 0 {
        writeln!(out, "… and {more} more (--top N lists more)")?;
    }
    if let Some((claim, diff)) = &checked.closest {
        let lang = diff
            .lang
            .as_deref()
            .map_or(String::new(), |l| format!(", {}", cell(l)));
        let note = if diff.translated {
            ", translations"
        } else {
            ""
        };
        let form = if diff.form == Form::SideBySide {
            ", side by side: few words in common"
        } else {
            ""
        };
        let head = format!(
            "closest wording: {}{lang}{note}{form}",
            cell(&store.claim(*claim).id)
        );
        writeln!(out, "{}", fill(&head, look.width))?;
        let shown = match diff.form {
            Form::Inline => look.word_diff(&diff.diff),
            Form::SideBySide => {
                let label = |who: String, stated: bool, words: String| {
                    if stated {
                        format!("{who} ({words})")
                    } else {
                        format!("{who}, text only")
                    }
                };
                let new = label(
                    "the claim".to_string(),
                    draft.value != Value::Unstated,
                    cell(&draft.value.words(store.is_percent_draft(draft))).into_owned(),
                );
                let theirs = &store.claim(*claim).value;
                let stored = label(
                    cell(&store.source(store.claim(*claim).source).id).into_owned(),
                    *theirs != Value::Unstated,
                    value_words(store, *claim),
                );
                look.side_by_side([&new, &stored], &diff.sides)
            }
        };
        for paragraph in shown.lines() {
            writeln!(out, "{}", fill(paragraph, look.width))?;
        }
    }
    Ok(())
}

/// "verdict: contradicts — it contradicts 2 stored claims (exit status 1)".
fn verdict_line(store: &Store, checked: &Checked, look: Look) -> String {
    let verdict = match checked.verdict {
        Verdict::Contradicts => format!(
            "{} — it contradicts {} (exit status 1)",
            look.paint(AnsiColor::Red.on_default().bold(), "contradicts"),
            plural(checked.contradictions, "stored claim", "stored claims")
        ),
        Verdict::Consistent => format!(
            "{} — it contradicts nothing on file about its question",
            look.paint(AnsiColor::Green.on_default(), "consistent")
        ),
        Verdict::New if checked.grounds == Grounds::NoClaimsYet => format!(
            "{} — its question has no claims yet: this would be the first",
            look.bold("new")
        ),
        Verdict::New if checked.grounds == Grounds::NoComparableValue => format!(
            "{} — it states nothing comparable with the claims on its question (no value, or a statement without analyst links)",
            look.bold("new")
        ),
        Verdict::New => match &checked.nearest {
            Some(near) => format!(
                "{} — nothing on file is clearly about it; the closest, {} (score {:.2}, under {:.2}), is listed below: name it with --about to check against it",
                look.bold("new"),
                store.question_key(near.question),
                near.score,
                checked.new_below
            ),
            None => format!("{} — nothing on file is about it", look.bold("new")),
        },
    };
    let dropped = checked.dropped.as_ref().map_or(String::new(), |v| {
        format!(
            "; the figure it gives, {}, does not fit its question and was set aside",
            v.words(false)
        )
    });
    format!("verdict: {verdict}{dropped}")
}

/// The claim as understood: "the claim: afp says 3% (2018-03) about …",
/// not yet escaped.
fn claim_line(store: &Store, draft: &Draft, checked: &Checked) -> String {
    let about = checked
        .question
        .map_or("no question on file".to_string(), |q| store.question_key(q));
    format!(
        "the claim: {} says {} ({}) about {}{}",
        draft
            .source
            .map_or("an unnamed source".to_string(), |s| store
                .source(s)
                .id
                .clone()),
        draft.value.words(store.is_percent_draft(draft)),
        draft.date.map_or("undated".to_string(), |d| d.to_string()),
        about,
        if draft.via.is_empty() {
            String::new()
        } else {
            format!(", via {}", super::layout::relay_words(store, &draft.via))
        },
    )
}

/// The matches listed, one row each.
fn matches_table(store: &Store, checked: &Checked, look: Look) -> Grid {
    let names = QuestionNames::new(store, look, checked.matches.iter().map(|m| m.question));
    let first = names.claim_header();
    let mut t = Grid::new(
        look,
        &[&first, "source", "value", "relation", "gap", "score"],
    );
    for m in &checked.matches {
        let claim = store.claim(m.claim);
        let relation = match m.kind {
            Some(RelationKind::Supersedes) => "revises (same source)".to_string(),
            Some(RelationKind::Contradicts) => {
                look.paint(AnsiColor::Red.on_default().bold(), "contradicts")
            }
            kind => kind_name(kind).to_string(),
        };
        t.row(vec![
            format!(
                "{}\n{}",
                names.name(store, m.question),
                look.dim(&format!("· {}", cell(&claim.id)))
            )
            .into(),
            cell(&store.source(claim.source).id).into_owned().into(),
            Cell::whole(value_words(store, m.claim)),
            Cell::default().and(relation, Wrap::Prose),
            m.gap.map_or(String::new(), |g| format!("{g:.2}")).into(),
            format!("{:.2}", m.score).into(),
        ]);
    }
    t.keep(&[0, 2, 4, 5, 1]);
    // Short of room: the gap under the relation, then the source under the claim.
    t.fold(&[(4, 3), (1, 0)]);
    t
}
