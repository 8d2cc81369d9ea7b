//! A deterministic synthetic store, shaped like a newsroom archive.
//!
//! Real archives are skewed: a few stories (a war toll, an earthquake)
//! gather thousands of claims while most questions get one or two. Claims
//! come in French and English, in every value form of DESIGN §1, with
//! revisions, relays, analyst links and dates of mixed precision. The same
//! seed always gives the same bytes, so measurements can be repeated.
//! Outlets are invented (`synthetic-wire-003`), never real ones.

use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub claims: usize,
    pub seed: u64,
}

/// How many sources a store of this size has: a newsroom follows a few
/// hundred outlets, not one per claim.
fn source_count(claims: usize) -> usize {
    (claims / 250).clamp(12, 400)
}

const KINDS: [&str; 8] = [
    "wire",
    "newspaper",
    "broadcaster",
    "monitor",
    "government",
    "ngo",
    "social",
    "other",
];
const ALIGNMENTS: [&str; 4] = [
    "pro-government",
    "opposition-leaning",
    "independent",
    "state-owned",
];
const PLACES: [&str; 12] = [
    "Northtown",
    "Rivermouth",
    "Eastgate",
    "Hillside",
    "Port Lannet",
    "Valmont",
    "Kessel",
    "Orvane",
    "Saint-Brieuc-sur-Lac",
    "Dunmore",
    "Altamira Nueva",
    "Zelvik",
];
const SCALE: [&str; 4] = [
    "none",
    "several-buildings",
    "part-of-district",
    "whole-district",
];

/// Writes `sources.yaml` and `claims/*.yaml` under `out`.
pub fn generate(plan: &Plan, out: &Path) -> std::io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(plan.seed);
    std::fs::create_dir_all(out.join("claims"))?;
    let n_sources = source_count(plan.claims);
    let mut sources =
        String::from("# Synthetic store: invented outlets, generated claims.\nsources:\n");
    for s in 0..n_sources {
        let kind = KINDS[s % KINDS.len()];
        let _ = writeln!(sources, "  - id: synthetic-{kind}-{s:03}");
        let _ = writeln!(sources, "    name: Synthetic {kind} {s}");
        let _ = writeln!(sources, "    aliases: [Synth{s:03}]");
        let _ = writeln!(sources, "    kind: {kind}");
        if rng.u8(0..3) == 0 {
            let _ = writeln!(
                sources,
                "    alignment: {}",
                ALIGNMENTS[rng.usize(..ALIGNMENTS.len())]
            );
        }
        if rng.u8(0..5) == 0 {
            let _ = writeln!(sources, "    prior: 0.{}", rng.u8(2..9));
        }
    }
    std::fs::write(out.join("sources.yaml"), sources)?;
    let source_id = |s: usize| format!("synthetic-{}-{s:03}", KINDS[s % KINDS.len()]);
    // Each source has a reliability: how often it reports near the truth.
    let reliability: Vec<f64> = (0..n_sources).map(|_| 0.5 + rng.f64() * 0.45).collect();

    // Questions get a Zipf-like share of the claims: question r (from 1)
    // weighs 1/r^1.1.
    let n_questions = (plan.claims / 6).max(1);
    let weights: Vec<f64> = (1..=n_questions)
        .map(|r| 1.0 / (r as f64).powf(1.1))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut per_question: Vec<usize> = weights
        .iter()
        .map(|w| ((w / total) * plan.claims as f64).floor() as usize)
        .collect();
    let mut assigned: usize = per_question.iter().sum();
    let mut i = 0;
    while assigned < plan.claims {
        per_question[i % n_questions] += 1;
        assigned += 1;
        i += 1;
    }
    // Shuffle so that big questions land in different events.
    rng.shuffle(&mut per_question);

    let mut question_index = 0;
    let mut event = 0;
    while question_index < n_questions {
        let questions_here = rng.usize(1..=6).min(n_questions - question_index);
        let counts = &per_question[question_index..question_index + questions_here];
        write_event(
            &mut rng,
            out,
            event,
            counts,
            n_sources,
            &source_id,
            &reliability,
        )?;
        question_index += questions_here;
        event += 1;
    }
    Ok(())
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_event(
    rng: &mut fastrand::Rng,
    out: &Path,
    event: usize,
    counts: &[usize],
    n_sources: usize,
    source_id: &dyn Fn(usize) -> String,
    reliability: &[f64],
) -> std::io::Result<()> {
    let place = PLACES[rng.usize(..PLACES.len())];
    let year = 2015 + rng.i32(0..10);
    let mut y = String::new();
    let _ = writeln!(y, "event: ev-{event:06}");
    let _ = writeln!(y, "title: Synthetic event {event} in {place} ({year})");
    let _ = writeln!(y, "questions:");
    let kinds: Vec<&str> = counts
        .iter()
        .map(|_| match rng.u8(0..10) {
            0..=5 => "count",
            6 => "share",
            7 | 8 => "category",
            _ => "text",
        })
        .collect();
    for (q, kind) in kinds.iter().enumerate() {
        let _ = writeln!(y, "  - id: q{q}");
        let ask = match *kind {
            "count" => format!("How many people were killed in {place}?"),
            "share" => format!("What share of {place} was damaged?"),
            "category" => format!("How much of {place} was taken?"),
            _ => format!("Who is responsible for the events in {place}?"),
        };
        let _ = writeln!(y, "    ask: {}", quote(&ask));
        let _ = writeln!(y, "    kind: {kind}");
        match *kind {
            "count" => {
                let _ = writeln!(y, "    unit: people");
                if rng.u8(0..4) == 0 {
                    let _ = writeln!(y, "    tolerance: 0.05");
                }
            }
            "category" => {
                let _ = writeln!(y, "    scale: [{}]", SCALE.join(", "));
            }
            _ => {}
        }
    }
    let _ = writeln!(y, "claims:");
    let mut claim_no = 0;
    for (q, (&count, kind)) in counts.iter().zip(&kinds).enumerate() {
        let truth = 10.0 + (rng.f64() * 5000.0).floor();
        let true_category = rng.usize(..SCALE.len());
        // Each source's previous claim on this question, for revisions.
        let mut last_by_source: std::collections::HashMap<usize, (String, u32)> =
            Default::default();
        let mut previous_of_question: Vec<String> = Vec::new();
        for _ in 0..count {
            let s = skewed_source(rng, n_sources);
            let id = format!("e{event}-c{claim_no}");
            claim_no += 1;
            let honest = rng.f64() < reliability[s];
            let day = rng.u32(1..=28);
            let month = rng.u32(1..=12);
            let order = month * 31 + day;
            let date = match rng.u8(0..10) {
                0 => String::new(),
                1 => format!("{year}"),
                2 | 3 => format!("{year}-{month:02}"),
                _ => format!("{year}-{month:02}-{day:02}"),
            };
            let french = rng.bool();
            let _ = writeln!(y, "  - id: {id}");
            let _ = writeln!(y, "    source: {}", source_id(s));
            if rng.u8(0..4) == 0 {
                let relay = (s + 1 + rng.usize(..n_sources - 1)) % n_sources;
                let _ = writeln!(y, "    via: {}", source_id(relay));
            }
            if rng.u8(0..8) == 0 {
                let _ = writeln!(y, "    said_by: Spokesperson {}", rng.u16(1..500));
            }
            if !date.is_empty() {
                let _ = writeln!(y, "    date: {date}");
            }
            let _ = writeln!(y, "    about: q{q}");
            let (value, words_fr, words_en) = match *kind {
                "count" => count_value(rng, truth, honest),
                "share" => {
                    let v = if honest {
                        (truth % 40.0) + 1.0
                    } else {
                        rng.u8(1..99) as f64
                    };
                    (
                        format!("{{less_than: {v}}}"),
                        format!("moins de {v} %"),
                        format!("less than {v}%"),
                    )
                }
                "category" => {
                    let c = if honest {
                        true_category
                    } else {
                        rng.usize(..SCALE.len())
                    };
                    (
                        format!("{{is: {}}}", SCALE[c]),
                        SCALE[c].replace('-', " "),
                        SCALE[c].replace('-', " "),
                    )
                }
                _ => (
                    String::new(),
                    String::from("les rebelles"),
                    String::from("the rebels"),
                ),
            };
            if !value.is_empty() {
                let _ = writeln!(y, "    value: {value}");
            }
            // A revision of the same source's earlier claim, sometimes explicit.
            if let Some((previous, previous_order)) = last_by_source.get(&s)
                && rng.u8(0..3) == 0
                && date.is_empty()
                && *previous_order == 0
            {
                let _ = writeln!(y, "    supersedes: {previous}");
            }
            if *kind == "text" && !previous_of_question.is_empty() && rng.u8(0..3) == 0 {
                let other = &previous_of_question[rng.usize(..previous_of_question.len())];
                let link = if rng.bool() {
                    "agrees_with"
                } else {
                    "contradicts"
                };
                // Links to claims of the same source are refused: skip them.
                if !other.starts_with(&format!("{}#", s)) {
                    let _ = writeln!(
                        y,
                        "    {link}: [{}]",
                        other.split('#').nth(1).unwrap_or(other)
                    );
                }
            }
            let (text, lang, translation) = if french {
                (
                    format!("Selon {}, {} à {}.", source_id(s), words_fr, place),
                    "fr",
                    Some(format!(
                        "According to {}, {} in {}.",
                        source_id(s),
                        words_en,
                        place
                    )),
                )
            } else {
                (
                    format!(
                        "{} in {}, {} said.",
                        capitalise(&words_en),
                        place,
                        source_id(s)
                    ),
                    "en",
                    None,
                )
            };
            let _ = writeln!(y, "    text: {}", quote(&text));
            let _ = writeln!(y, "    lang: {lang}");
            if let Some(t) = translation {
                let _ = writeln!(y, "    translation: {}", quote(&t));
            }
            let undated_order = if date.is_empty() { 0 } else { order };
            last_by_source.insert(s, (id.clone(), undated_order));
            if *kind == "text" {
                previous_of_question.push(format!("{s}#{id}"));
            }
        }
    }
    std::fs::write(out.join(format!("claims/ev-{event:06}.yaml")), y)
}

/// Popular outlets file more claims: source index drawn with a skew.
fn skewed_source(rng: &mut fastrand::Rng, n: usize) -> usize {
    let u = rng.f64();
    ((u * u) * n as f64) as usize % n
}

/// A count in one of the forms of DESIGN §1, with its words.
fn count_value(rng: &mut fastrand::Rng, truth: f64, honest: bool) -> (String, String, String) {
    let noise = if honest {
        1.0 + (rng.f64() - 0.5) * 0.1
    } else {
        0.3 + rng.f64() * 2.0
    };
    let v = (truth * noise).round().max(1.0);
    match rng.u8(0..10) {
        0..=3 => (
            format!("{v}"),
            format!("{v} personnes tuées"),
            format!("{v} people killed"),
        ),
        4 => (
            format!("{{at_least: {v}}}"),
            format!("au moins {v} morts"),
            format!("at least {v} dead"),
        ),
        5 => (
            format!("{{more_than: {v}}}"),
            format!("plus de {v} morts"),
            format!("more than {v} dead"),
        ),
        6 => (
            format!("{{about: {v}}}"),
            format!("environ {v} morts"),
            format!("about {v} dead"),
        ),
        7 => {
            let (lo, hi) = ((v * 0.8).round(), (v * 1.3).round());
            (
                format!("{{about: {v}, low: {lo}, high: {hi}}}"),
                format!("quelque {v} morts (entre {lo} et {hi})"),
                format!("some {v} dead ({lo} to {hi})"),
            )
        }
        8 => {
            let (lo, hi) = ((v * 0.9).round(), (v * 1.1).round());
            (
                format!("{{between: [{lo}, {hi}]}}"),
                format!("entre {lo} et {hi} morts"),
                format!("between {lo} and {hi} dead"),
            )
        }
        _ => {
            if rng.bool() {
                (
                    format!("{{at_most: {v}}}"),
                    format!("jusqu'à {v} morts"),
                    format!("up to {v} dead"),
                )
            } else {
                (
                    format!("{{less_than: {v}}}"),
                    format!("moins de {v} morts"),
                    format!("fewer than {v} dead"),
                )
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
