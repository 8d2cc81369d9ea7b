//! How often `recoupe extract` guesses the right question, and whether
//! its probabilities mean what they say.
//!
//! `cargo run --release --example eval-about -- [STORIES_DIR] [--fit STORY] [--cases]`
//!
//! STORIES_DIR defaults to `../shared/corpus/real-stories` beside the
//! repository (never copied into it; when it is absent this prints a plain
//! message and exits 0). Each story there has a store, its articles and
//! `gold.json`, whose `attribution` lists every figure of every article
//! sentence. The question a figure answers is the `about` of the stored
//! claim quoting that sentence with that figure; a figure no stored claim
//! quotes takes its question from `eval/about-questions.tsv` (written by
//! hand, with the reason on each line), and a figure the gold does not
//! list (a figure read where there is none) answers no question.
//!
//! Each article is judged **held out**: the claims quoting it are left out
//! of the questions' descriptions (their wording and their figures), as
//! for an article nobody has filed yet; the store as it is (which quotes
//! the very sentence, so that every guess looks certain) is shown too.
//!
//! Printed per story: the share of figures whose proposed `about` is the
//! gold question (a figure that answers none is right when nothing is
//! proposed) before (the previous rule: word score at least 0.2 and 1.5
//! times the runner-up) and now, next to the count of figures; and the
//! reliability of the probabilities: in bins of the best candidate's
//! probability, the mean probability against the share of those best
//! candidates that are right. `--fit STORY` fits the weights on that
//! story's figures (maximum likelihood, a small L2 penalty) and reports
//! the others with them; the weights shipped in `src/extract/about.rs`
//! come from `--fit retraites-2023-03-23`, so that `derna-2023-09` is
//! the story they were not fitted on.

use recoupe::extract::about::{self, Evidence, QuestionIndex, WEIGHTS};
use recoupe::extract::{Figure, SourceMatcher, extract};
use recoupe::store::{ClaimIx, QuestionIx, Store};
use recoupe::value::Value;
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One figure to judge: its evidence per candidate and the gold answer.
struct Case {
    story: String,
    article: String,
    quote: String,
    gold: Option<String>,
    /// Candidates with their evidence, as the index gives them.
    candidates: Vec<(String, Evidence)>,
    /// The same with the article's own claims kept (the store as it is).
    leaky: Vec<(String, Evidence)>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fit_on = args
        .iter()
        .position(|a| a == "--fit")
        .and_then(|i| args.get(i + 1).cloned());
    let show_cases = args.iter().any(|a| a == "--cases");
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--fit"))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real-stories")
        });
    if !dir.is_dir() {
        println!(
            "No real stories at {}: nothing to evaluate (see ../shared/corpus/README.md).",
            dir.display()
        );
        return;
    }
    let labels = read_labels();
    let mut stories: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the stories folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    stories.sort();
    let mut all = Vec::new();
    for story in &stories {
        all.extend(cases_of(story, &labels));
    }
    let weights = match &fit_on {
        Some(name) => {
            let w = fit(all.iter().filter(|c| &c.story == name));
            println!("weights fitted on {name}: {w:.3?}\n");
            w
        }
        None => WEIGHTS,
    };
    if show_cases {
        for c in &all {
            let (got, p) = proposed(&c.candidates, &weights);
            println!(
                "{} {} {:<40} gold {:<22} got {:<22} {:.2} {}",
                if got == c.gold { "ok  " } else { "MISS" },
                c.article,
                c.quote.chars().take(40).collect::<String>(),
                c.gold.as_deref().unwrap_or("-"),
                got.as_deref().unwrap_or("-"),
                p,
                c.candidates
                    .iter()
                    .map(|(q, e)| format!(
                        "{q}:w{:.2}{}{}{}",
                        e.words,
                        if e.concept_shared { "+c" } else { "" },
                        if e.concept_differs { "-c" } else { "" },
                        if e.known_figure { "+f" } else { "" }
                    ))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
        println!();
    }
    println!(
        "{:<22} {:>7}   {:>22} {:>22}   {:>22} {:>22}",
        "story",
        "figures",
        "before, store as is",
        "before, held out",
        "now, store as is",
        "now, held out"
    );
    for story in &stories {
        let name = story.file_name().unwrap().to_string_lossy().to_string();
        let cases: Vec<&Case> = all.iter().filter(|c| c.story == name).collect();
        let n = cases.len();
        let before_leaky = cases
            .iter()
            .filter(|c| previous_rule(&c.leaky) == c.gold)
            .count();
        let before = cases
            .iter()
            .filter(|c| previous_rule(&c.candidates) == c.gold)
            .count();
        let now = cases
            .iter()
            .filter(|c| proposed(&c.candidates, &weights).0 == c.gold)
            .count();
        let now_leaky = cases
            .iter()
            .filter(|c| proposed(&c.leaky, &weights).0 == c.gold)
            .count();
        let role = match &fit_on {
            Some(f) if *f == name => " (fitted here)",
            Some(_) => " (held out)",
            None => "",
        };
        println!(
            "{:<22} {:>7}   {:>22} {:>22}   {:>22} {:>22}{role}",
            name,
            n,
            share(before_leaky, n),
            share(before, n),
            share(now_leaky, n),
            share(now, n)
        );
    }
    println!("\nReliability, held out: best candidate's probability against how often it is right");
    for story in &stories {
        let name = story.file_name().unwrap().to_string_lossy().to_string();
        println!("  {name}");
        reliability(all.iter().filter(|c| c.story == name), &weights);
    }
    println!("  all stories");
    reliability(all.iter(), &weights);
}

fn share(k: usize, n: usize) -> String {
    if n == 0 {
        return "-".into();
    }
    format!("{k}/{n} = {:.1}%", 100.0 * k as f64 / n as f64)
}

/// The previous rule: the word score, at least 0.2 and 1.5 times the
/// runner-up's.
fn previous_rule(candidates: &[(String, Evidence)]) -> Option<String> {
    let mut by_words: Vec<(&String, f64)> = candidates
        .iter()
        .filter(|(_, e)| e.words > 0.0)
        .map(|(q, e)| (q, e.words))
        .collect();
    by_words.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    match by_words.as_slice() {
        [(q, best), rest @ ..]
            if *best >= 0.2 && rest.first().is_none_or(|(_, s)| *best >= 1.5 * s) =>
        {
            Some((*q).clone())
        }
        _ => None,
    }
}

/// The best candidate under `weights` and its probability, and whether it
/// is proposed: `(proposed question, best probability)`.
fn proposed(candidates: &[(String, Evidence)], weights: &[f64; 5]) -> (Option<String>, f64) {
    let (best, p) = best(candidates, weights);
    if p >= about::PROPOSE_FROM {
        (best, p)
    } else {
        (None, p)
    }
}

fn best(candidates: &[(String, Evidence)], weights: &[f64; 5]) -> (Option<String>, f64) {
    let utilities: Vec<f64> = candidates.iter().map(|(_, e)| e.utility(weights)).collect();
    let probabilities = about::probabilities(&utilities);
    candidates
        .iter()
        .zip(probabilities)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.0.cmp(&a.0.0)))
        .map_or((None, 0.0), |((q, _), p)| (Some(q.clone()), p))
}

fn reliability<'a>(cases: impl Iterator<Item = &'a Case>, weights: &[f64; 5]) {
    const EDGES: [f64; 6] = [0.0, 0.2, 0.4, 0.6, 0.8, 1.01];
    let mut bins = [(0usize, 0.0f64, 0usize); 5];
    let mut brier = 0.0;
    let mut n = 0;
    for c in cases {
        let (q, p) = best(&c.candidates, weights);
        if q.is_none() {
            continue;
        }
        let right = q == c.gold;
        let b = EDGES
            .windows(2)
            .position(|w| p >= w[0] && p < w[1])
            .unwrap();
        bins[b].0 += 1;
        bins[b].1 += p;
        bins[b].2 += usize::from(right);
        brier += (p - if right { 1.0 } else { 0.0 }).powi(2);
        n += 1;
    }
    for (i, (count, sum, right)) in bins.iter().enumerate() {
        if *count == 0 {
            continue;
        }
        println!(
            "    p in [{:.1}, {:.1}): {:>3} figures, mean p {:.2}, right {:.2}",
            EDGES[i],
            EDGES[i + 1].min(1.0),
            count,
            sum / *count as f64,
            *right as f64 / *count as f64
        );
    }
    if n > 0 {
        println!(
            "    Brier score {:.3} over {n} figures with a candidate",
            brier / n as f64
        );
    }
}

/// Fits the weights by maximum likelihood of the gold answer among the
/// candidates and "none", with an L2 penalty of 0.5 on all but the
/// constant; figures whose gold question is not a candidate are left out
/// (no weight could choose it).
fn fit<'a>(cases: impl Iterator<Item = &'a Case>) -> [f64; 5] {
    let data: Vec<(Vec<[f64; 5]>, Option<usize>)> = cases
        .filter_map(|c| {
            let features: Vec<[f64; 5]> = c.candidates.iter().map(|(_, e)| e.features()).collect();
            match &c.gold {
                None => Some((features, None)),
                Some(g) => c
                    .candidates
                    .iter()
                    .position(|(q, _)| q == g)
                    .map(|i| (features, Some(i))),
            }
        })
        .collect();
    let mut w = [0.0; 5];
    let lambda = 0.5;
    for _ in 0..20000 {
        let mut grad = [0.0; 5];
        for (features, gold) in &data {
            let u: Vec<f64> = features
                .iter()
                .map(|x| x.iter().zip(&w).map(|(a, b)| a * b).sum())
                .collect();
            let top = u.iter().copied().fold(0.0_f64, f64::max);
            let e: Vec<f64> = u.iter().map(|v| (v - top).exp()).collect();
            let total = (-top).exp() + e.iter().sum::<f64>();
            for (x, ei) in features.iter().zip(&e) {
                for k in 0..5 {
                    grad[k] -= x[k] * ei / total;
                }
            }
            if let Some(g) = gold {
                for k in 0..5 {
                    grad[k] += features[*g][k];
                }
            }
        }
        for k in 1..5 {
            grad[k] -= lambda * w[k];
        }
        for k in 0..5 {
            w[k] += 0.01 * grad[k];
        }
    }
    w
}

/// The hand-written gold questions of figures no stored claim quotes:
/// `story <TAB> article <TAB> figure <TAB> question or - <TAB> reason`.
fn read_labels() -> HashMap<(String, String, String), Option<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/about-questions.tsv");
    let text = std::fs::read_to_string(&path).expect("eval/about-questions.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "a label needs four fields: {l}");
            let q = (f[3] != "-").then(|| f[3].to_string());
            ((f[0].into(), f[1].into(), f[2].into()), q)
        })
        .collect()
}

/// Text compared loosely: apostrophes, quotes and spaces made plain.
fn norm(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parts of a stored claim's text that it quotes ("[...]" cuts).
fn quoted_parts(text: &str) -> Vec<String> {
    norm(text)
        .split("[...]")
        .map(|p| {
            p.trim_matches(|c: char| c.is_whitespace() || c == '"')
                .to_string()
        })
        .filter(|p| p.len() > 8)
        .collect()
}

fn first_number(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::Object(m) => m.values().find_map(first_number),
        Json::Array(a) => a.first().and_then(first_number),
        _ => None,
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn figure_number(f: &Figure) -> Option<f64> {
    match &f.value {
        Value::About { about, .. } => Some(*about),
        v => v.numbers().first().copied(),
    }
}

fn cases_of(story: &Path, labels: &HashMap<(String, String, String), Option<String>>) -> Vec<Case> {
    let name = story.file_name().unwrap().to_string_lossy().to_string();
    let store = Store::load(&story.join("store")).expect("a valid store");
    let gold: Json =
        serde_json::from_str(&std::fs::read_to_string(story.join("gold.json")).unwrap()).unwrap();
    let items = gold["attribution"].as_array().cloned().unwrap_or_default();
    let matcher = SourceMatcher::new(store.sources());
    let mut articles: Vec<String> = items
        .iter()
        .filter_map(|i| i["article"].as_str().map(str::to_string))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    articles.sort();
    let mut cases = Vec::new();
    for article in articles {
        let text = std::fs::read_to_string(story.join("articles").join(&article)).unwrap();
        let plain = norm(&text);
        // The claims that quote this article.
        let held: HashSet<ClaimIx> = store
            .claim_ixs()
            .filter(|&c| {
                let parts = quoted_parts(&store.claim(c).text);
                !parts.is_empty() && parts.iter().all(|p| plain.contains(p.as_str()))
            })
            .collect();
        let index = QuestionIndex::excluding(&store, &held);
        let leaky_index = QuestionIndex::new(&store);
        let mine: Vec<&Json> = items.iter().filter(|i| i["article"] == *article).collect();
        for figure in extract(&text, &matcher)
            .into_iter()
            .filter(|f| f.value.is_numeric())
        {
            let Some(x) = figure_number(&figure) else {
                continue;
            };
            let sentence = norm(&figure.sentence);
            let item = mine.iter().find(|i| {
                let s = norm(i["sentence"].as_str().unwrap_or(""));
                (sentence.contains(&s) || s.contains(&sentence))
                    && first_number(&i["value"]).is_some_and(|v| same(v, x))
            });
            let gold = match item {
                None => None,
                Some(item) => {
                    let s = norm(item["sentence"].as_str().unwrap_or(""));
                    let quoting = store.claim_ixs().find(|&c| {
                        let claim = store.claim(c);
                        let parts = quoted_parts(&claim.text);
                        !parts.is_empty()
                            && parts.iter().all(|p| plain.contains(p.as_str()))
                            && parts
                                .iter()
                                .any(|p| p.contains(&s) || s.contains(p.as_str()))
                            && claim.value.numbers().iter().any(|&v| same(v, x))
                    });
                    match quoting {
                        Some(c) => Some(store.question_key(store.claim(c).question)),
                        None => {
                            let key = (
                                name.clone(),
                                article.clone(),
                                item["figure"].as_str().unwrap_or("").to_string(),
                            );
                            match labels.get(&key) {
                                Some(q) => q.clone(),
                                None => {
                                    eprintln!(
                                        "no gold question for {}\t{}\t{} (add it to eval/about-questions.tsv)",
                                        key.0, key.1, key.2
                                    );
                                    continue;
                                }
                            }
                        }
                    }
                }
            };
            let named = |list: Vec<(QuestionIx, Evidence)>| -> Vec<(String, Evidence)> {
                list.into_iter()
                    .map(|(q, e)| (store.question_key(q), e))
                    .collect()
            };
            cases.push(Case {
                story: name.clone(),
                article: article.clone(),
                quote: figure.quote.clone(),
                gold,
                candidates: named(index.evidence(&figure)),
                leaky: named(leaky_index.evidence(&figure)),
            });
        }
    }
    cases
}
