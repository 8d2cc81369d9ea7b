//! How well retrieval finds the stored claim a new text is about, on the
//! CLEF CheckThat! "previously fact-checked claims" tasks.
//!
//! ```text
//! cargo run --release --example eval-claim-matching -- [CORPUS_DIR] [--split NAME]
//! cargo run --release --example eval-claim-matching -- [CORPUS_DIR] --fit
//! cargo run --release --example eval-claim-matching -- [CORPUS_DIR] --calibrate
//! cargo run --release --example eval-claim-matching -- --store DIR [--queries N]
//! cargo run --release --example eval-claim-matching -- --store DIR --query TEXT
//! cargo run --release --example eval-claim-matching -- [CORPUS_DIR] --write-store DIR
//! ```
//!
//! CORPUS_DIR defaults to `../shared/corpus/claim-matching` beside the
//! repository (see its README). The corpus is never copied into the
//! repository; when it is absent this prints a plain message and exits 0.
//!
//! Each set's verified claims (real Snopes fact-checks) are written as a
//! store in a temporary folder — one source, `snopes`; one question per
//! verified claim, its `ask` the article's title; one claim, its `text`
//! the verified claim — loaded with `Store::open`, indexed with
//! `retrieve::open`, and every tweet of a split is searched. The table
//! gives MAP@1, MAP@5 and MRR as CLEF computes them (below), for recoupe's
//! retrieval and for a plain BM25 (k1 1.2, b 0.75, document = vclaim +
//! title, lowercase words, no stemming) computed here as a reference, next
//! to the BM25 figures of the corpus README.
//!
//! Splits: 2020 `train`, `dev`, `test`; 2022 `train`, `dev`, `dev-test`.
//! The 2022 train tweets are the 2020 train and dev tweets, and the 2022
//! dev tweets are the 2020 test tweets: the model is fitted on 2020 train,
//! checked on 2020 dev, and 2020 test, 2022 dev and 2022 dev-test are never
//! used for a choice.
//!
//! - `--fit`: MAP@5 of each feature alone; the model's weights fitted on
//!   the 2020 train tweets (coordinate ascent on MAP@5 for the ranking,
//!   logistic regression on best hits for the scale and intercept; a plain
//!   logistic regression for comparison), with MAP@5 on 2020 dev.
//! - `--calibrate`: the score of the best hit on train and dev tweets when
//!   their verified claim is on file, and when it is not (removed from the
//!   ranking), for choosing `NEW_BELOW`.
//! - `--store DIR`: timings of a `check`-like search on any store (e.g.
//!   the synthetic one of `examples/synth`): store and index, cold and
//!   warm, and per-query latency for N queries made from its claims
//!   (`.recoupe/` is deleted first). With `--query`, what `check` does in
//!   a fresh process, caches as they are: open the store, open the index,
//!   search once.
//! - `--write-store DIR`: writes the larger set (2022, 14,231 verified
//!   claims) as a store in DIR, to time it with `--store`; DIR is yours to
//!   delete (the corpus may not be redistributed).
//!
//! Metrics, as the CLEF scorer has them: for a query with R relevant
//! verified claims, AP@k = (Σ over relevant claims ranked i ≤ k of
//! precision@i) / R; MAP@k is its mean over the queries that have qrels;
//! MRR is the mean of 1/rank of the first relevant claim (0 when none is in
//! the ranking returned, here the best 50).

use recoupe::Store;
use recoupe::retrieve::{self, Index, model};
use recoupe::store::ClaimIx;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How deep rankings go, for MRR.
const DEPTH: usize = 50;

/// One tweet to search.
struct Query {
    id: String,
    text: String,
    relevant: HashSet<String>,
}

/// A split of a set, with the BM25 figure the corpus README gives for it.
struct Split {
    name: &'static str,
    queries: Vec<Query>,
    readme_bm25: Option<f64>,
    /// Whether choices were made on it.
    tuned_on: bool,
}

/// The verified claims of one CLEF edition and its splits.
struct Set {
    name: &'static str,
    /// (id, verified claim, title).
    vclaims: Vec<(String, String, String)>,
    splits: Vec<Split>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(store) = value("--store") {
        match value("--query") {
            Some(query) => time_check(Path::new(&store), &query),
            None => {
                let queries = value("--queries")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(200);
                time_store(Path::new(&store), queries);
            }
        }
        return;
    }
    let skip: HashSet<String> = ["--split", "--write-store"]
        .iter()
        .filter_map(|f| value(f))
        .collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--") && !skip.contains(*a))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/claim-matching")
        });
    if !dir.is_dir() {
        println!(
            "No claim-matching corpus at {}: nothing to evaluate (see ../shared/corpus/README.md).",
            dir.display()
        );
        return;
    }
    let sets = match load_sets(&dir) {
        Ok(sets) => sets,
        Err(e) => {
            eprintln!("eval-claim-matching: {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    if let Some(out) = value("--write-store") {
        let largest = sets
            .iter()
            .max_by_key(|s| s.vclaims.len())
            .expect("two sets");
        if let Err(e) =
            std::fs::create_dir_all(&out).and_then(|()| write_store(largest, Path::new(&out)))
        {
            eprintln!("eval-claim-matching: {out}: {e}");
            std::process::exit(2);
        }
        println!(
            "CLEF {} verified claims written as a store to {out}",
            largest.name
        );
        return;
    }
    let only = value("--split");
    for set in sets {
        let wanted = |s: &Split| {
            only.as_deref()
                .is_none_or(|o| o == s.name || o == format!("{}-{}", set.name, s.name))
        };
        if !set.splits.iter().any(wanted) && !flag("--fit") && !flag("--calibrate") {
            continue;
        }
        if (flag("--fit") || flag("--calibrate")) && set.name != "2020" {
            continue;
        }
        let temp = tempfile::TempDir::new().expect("a temporary folder");
        let loaded = load_store(&set, temp.path());
        if flag("--fit") {
            fit(&set, &loaded);
        } else if flag("--calibrate") {
            calibrate(&set, &loaded);
        } else {
            evaluate(&set, &loaded, &wanted);
        }
    }
}

/// A set written as a store and opened, with its timings.
struct Loaded {
    store: Store,
    index: Index,
    claim_ids: HashMap<ClaimIx, String>,
    timings: Vec<(&'static str, Duration)>,
}

fn load_store(set: &Set, root: &Path) -> Loaded {
    write_store(set, root).expect("the temporary store is written");
    let mut timings = Vec::new();
    let started = Instant::now();
    let store = Store::open(root).expect("the CLEF store is valid");
    timings.push(("store load from YAML (cold)", started.elapsed()));
    let started = Instant::now();
    let _ = Index::build(&store);
    timings.push(("index build", started.elapsed()));
    let started = Instant::now();
    let _ = retrieve::open(&store, root);
    timings.push(("index open, cold (build and cache)", started.elapsed()));
    let started = Instant::now();
    let index = retrieve::open(&store, root);
    timings.push(("index open, warm (from cache)", started.elapsed()));
    let claim_ids = store
        .claim_ixs()
        .map(|c| (c, question_id_of(&store, c)))
        .collect();
    Loaded {
        store,
        index,
        claim_ids,
        timings,
    }
}

/// The CLEF id of the verified claim behind a stored claim.
fn question_id_of(store: &Store, c: ClaimIx) -> String {
    store.claim(c).id.trim_start_matches("c-").to_string()
}

/// The store of a set: `sources.yaml` and `claims/SET.yaml`.
fn write_store(set: &Set, root: &Path) -> std::io::Result<()> {
    std::fs::write(
        root.join("sources.yaml"),
        "sources:\n  - id: snopes\n    name: Snopes\n    kind: other\n",
    )?;
    std::fs::create_dir_all(root.join("claims"))?;
    let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let mut questions = String::new();
    let mut claims = String::new();
    for (id, vclaim, title) in &set.vclaims {
        let ask = if title.trim().is_empty() {
            vclaim
        } else {
            title
        };
        let _ = writeln!(
            questions,
            "  - id: q-{id}\n    ask: {}\n    kind: text",
            quote(ask)
        );
        let _ = writeln!(
            claims,
            "  - id: c-{id}\n    source: snopes\n    about: q-{id}\n    text: {}\n    lang: en",
            quote(vclaim)
        );
    }
    std::fs::write(
        root.join("claims").join(format!("clef{}.yaml", set.name)),
        format!(
            "event: clef{}\nquestions:\n{questions}claims:\n{claims}",
            set.name
        ),
    )
}

/// Rows of a tab-separated file, quoted fields allowed.
fn tsv(path: &Path) -> std::io::Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(std::io::Error::other)?;
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.map_err(std::io::Error::other)?;
        rows.push(row.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// query id → relevant vclaim ids, from `query 0 vclaim 1` lines.
fn qrels(path: &Path) -> std::io::Result<HashMap<String, HashSet<String>>> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [query, _, vclaim, relevance] = parts.as_slice()
            && *relevance != "0"
        {
            out.entry(query.to_string())
                .or_default()
                .insert(vclaim.to_string());
        }
    }
    Ok(out)
}

/// The queries of a split: those that have qrels, in file order.
fn queries(texts: &Path, gold: &Path) -> std::io::Result<Vec<Query>> {
    let gold = qrels(gold)?;
    Ok(tsv(texts)?
        .into_iter()
        .filter_map(|row| {
            let relevant = gold.get(row.first()?)?.clone();
            Some(Query {
                id: row[0].clone(),
                text: row.get(1)?.clone(),
                relevant,
            })
        })
        .collect())
}

fn load_sets(dir: &Path) -> std::io::Result<Vec<Set>> {
    let y20 = dir.join("clef2020-task2");
    let vclaims20 = tsv(&y20.join("v3.0/verified_claims.docs.tsv"))?
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 3)
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    let split = |name, folder: PathBuf, readme_bm25, tuned_on| -> std::io::Result<Split> {
        Ok(Split {
            name,
            queries: queries(
                &folder.join("tweets.queries.tsv"),
                &folder.join("tweet-vclaim-pairs.qrels"),
            )?,
            readme_bm25,
            tuned_on,
        })
    };
    let set20 = Set {
        name: "2020",
        vclaims: vclaims20,
        splits: vec![
            split("train", y20.join("v3.0/train"), None, true)?,
            split("dev", y20.join("v3.0/dev"), None, true)?,
            split("test", y20.join("test"), Some(0.838), false)?,
        ],
    };
    let y22 = dir.join("clef2022-task2a-en");
    let mut vclaims22 = Vec::new();
    for line in std::fs::read_to_string(y22.join("vclaims.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(std::io::Error::other)?;
        let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
        vclaims22.push((field("vclaim_id"), field("vclaim"), field("title")));
    }
    let queries22 = |texts: &str, gold: &str| queries(&y22.join(texts), &y22.join(gold));
    let set22 = Set {
        name: "2022",
        vclaims: vclaims22,
        splits: vec![
            Split {
                name: "train",
                queries: queries22(
                    "CT2022-Task2A-EN-Train-Dev_Queries.tsv",
                    "CT2022-Task2A-EN-Train_QRELs.tsv",
                )?,
                readme_bm25: None,
                tuned_on: true,
            },
            Split {
                name: "dev",
                queries: queries22(
                    "CT2022-Task2A-EN-Train-Dev_Queries.tsv",
                    "CT2022-Task2A-EN-Dev_QRELs.tsv",
                )?,
                readme_bm25: None,
                tuned_on: false,
            },
            Split {
                name: "dev-test",
                queries: queries22(
                    "CT2022-Task2A-EN-Dev-Test_Queries.tsv",
                    "CT2022-Task2A-EN-Dev-Test_QRELs.tsv",
                )?,
                readme_bm25: Some(0.829),
                tuned_on: false,
            },
        ],
    };
    Ok(vec![set20, set22])
}

/// MAP@1, MAP@5 and MRR of rankings (vclaim ids, best first).
#[derive(Debug, Default, Clone, Copy)]
struct Scores {
    map1: f64,
    map5: f64,
    mrr: f64,
}

fn average_precision(ranking: &[String], relevant: &HashSet<String>, k: usize) -> f64 {
    let mut found = 0.0;
    let mut sum = 0.0;
    for (i, id) in ranking.iter().take(k).enumerate() {
        if relevant.contains(id) {
            found += 1.0;
            sum += found / (i + 1) as f64;
        }
    }
    sum / relevant.len() as f64
}

fn scores(rankings: &[(Vec<String>, &HashSet<String>)]) -> Scores {
    let n = rankings.len().max(1) as f64;
    let mut s = Scores::default();
    for (ranking, relevant) in rankings {
        s.map1 += average_precision(ranking, relevant, 1) / n;
        s.map5 += average_precision(ranking, relevant, 5) / n;
        s.mrr += ranking
            .iter()
            .position(|id| relevant.contains(id))
            .map_or(0.0, |r| 1.0 / (r + 1) as f64)
            / n;
    }
    s
}

fn ranking(loaded: &Loaded, text: &str) -> Vec<String> {
    loaded
        .index
        .search(&loaded.store, text, DEPTH)
        .into_iter()
        .filter_map(|h| h.claim.map(|c| loaded.claim_ids[&c].clone()))
        .collect()
}

fn evaluate(set: &Set, loaded: &Loaded, wanted: &dyn Fn(&Split) -> bool) {
    println!(
        "\nCLEF {} — {} verified claims as a store",
        set.name,
        set.vclaims.len()
    );
    for (what, took) in &loaded.timings {
        println!("  {what:<38} {:>9.1} ms", took.as_secs_f64() * 1e3);
    }
    let bm25 = PlainBm25::new(&set.vclaims);
    println!(
        "\n  {:<10} {:>7}  {:<22} {:>6} {:>6} {:>6}",
        "split", "queries", "ranker", "MAP@1", "MAP@5", "MRR"
    );
    for split in set.splits.iter().filter(|s| wanted(s)) {
        let mut latencies = Vec::with_capacity(split.queries.len());
        let ours: Vec<(Vec<String>, &HashSet<String>)> = split
            .queries
            .iter()
            .map(|q| {
                let started = Instant::now();
                let r = ranking(loaded, &q.text);
                latencies.push(started.elapsed());
                (r, &q.relevant)
            })
            .collect();
        let plain: Vec<(Vec<String>, &HashSet<String>)> = split
            .queries
            .iter()
            .map(|q| (bm25.rank(&q.text, DEPTH), &q.relevant))
            .collect();
        let label = if split.tuned_on {
            format!("{} (tuned)", split.name)
        } else {
            split.name.to_string()
        };
        let row = |name: &str, s: Scores| {
            println!(
                "  {label:<10} {:>7}  {name:<22} {:>6.3} {:>6.3} {:>6.3}",
                split.queries.len(),
                s.map1,
                s.map5,
                s.mrr
            );
        };
        row("recoupe", scores(&ours));
        row("plain BM25 (ours)", scores(&plain));
        if let Some(readme) = split.readme_bm25 {
            println!(
                "  {label:<10} {:>7}  {:<22} {:>6} {readme:>6.3} {:>6}",
                split.queries.len(),
                "BM25 (corpus README)",
                "",
                ""
            );
        }
        latencies.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let mean = latencies.iter().map(|d| ms(*d)).sum::<f64>() / latencies.len().max(1) as f64;
        println!(
            "  {:<10} search latency: mean {mean:.2} ms, median {:.2} ms, 95th percentile {:.2} ms",
            "",
            ms(latencies[latencies.len() / 2]),
            ms(latencies[latencies.len() * 95 / 100])
        );
        if std::env::args().any(|a| a == "--failures") {
            for (q, (r, _)) in split.queries.iter().zip(&ours) {
                if !r.first().is_some_and(|id| q.relevant.contains(id)) {
                    println!("    miss {}: {} → {:?}", q.id, q.text, r.first());
                }
            }
        }
    }
}

/// The reference ranker: BM25 with k1 1.2 and b 0.75 over "vclaim title",
/// lowercase alphanumeric words, no stemming, no stop words; Lucene's idf.
struct PlainBm25 {
    ids: Vec<String>,
    postings: HashMap<String, Vec<(usize, f64)>>,
    lengths: Vec<f64>,
    mean_length: f64,
}

fn plain_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl PlainBm25 {
    fn new(vclaims: &[(String, String, String)]) -> PlainBm25 {
        let mut postings: HashMap<String, Vec<(usize, f64)>> = HashMap::new();
        let mut lengths = Vec::new();
        for (d, (_, vclaim, title)) in vclaims.iter().enumerate() {
            let words = plain_words(&format!("{vclaim} {title}"));
            lengths.push(words.len() as f64);
            let mut tf: HashMap<String, f64> = HashMap::new();
            for w in words {
                *tf.entry(w).or_default() += 1.0;
            }
            for (w, n) in tf {
                postings.entry(w).or_default().push((d, n));
            }
        }
        let mean_length = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
        PlainBm25 {
            ids: vclaims.iter().map(|v| v.0.clone()).collect(),
            postings,
            lengths,
            mean_length,
        }
    }

    fn rank(&self, query: &str, depth: usize) -> Vec<String> {
        let n = self.ids.len() as f64;
        let mut scores: HashMap<usize, f64> = HashMap::new();
        for w in plain_words(query) {
            let Some(list) = self.postings.get(&w) else {
                continue;
            };
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(d, tf) in list {
                let norm = 1.0 - 0.75 + 0.75 * self.lengths[d] / self.mean_length;
                *scores.entry(d).or_default() += idf * tf * 2.2 / (tf + 1.2 * norm);
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(depth)
            .map(|(d, _)| self.ids[d].clone())
            .collect()
    }
}

/// Candidates of a split with their features and whether each is relevant.
fn labelled(loaded: &Loaded, split: &Split) -> Vec<Vec<([f64; model::FEATURES], bool)>> {
    split
        .queries
        .iter()
        .map(|q| {
            loaded
                .index
                .candidates(&q.text, model::CANDIDATES)
                .into_iter()
                .map(|c| {
                    let id = c.claim.map(|c| loaded.claim_ids[&c].clone());
                    (
                        c.features.values,
                        id.is_some_and(|id| q.relevant.contains(&id)),
                    )
                })
                .collect()
        })
        .collect()
}

fn logistic(weights: &[f64], intercept: f64, x: &[f64]) -> f64 {
    let z = intercept + weights.iter().zip(x).map(|(w, x)| w * x).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// MAP@5 of candidates reranked by a logistic model.
fn map5_with(data: &[Vec<([f64; model::FEATURES], bool)>], weights: &[f64], intercept: f64) -> f64 {
    let mut total = 0.0;
    for candidates in data {
        let mut scored: Vec<(f64, bool)> = candidates
            .iter()
            .map(|(x, rel)| (logistic(weights, intercept, x), *rel))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let ranking: Vec<String> = scored
            .iter()
            .enumerate()
            .map(|(i, (_, rel))| {
                if *rel {
                    "rel".to_string()
                } else {
                    i.to_string()
                }
            })
            .collect();
        let relevant = HashSet::from(["rel".to_string()]);
        // Several relevant claims are rare; counting them as one keeps AP
        // comparable here.
        total += average_precision(&ranking, &relevant, 5).min(1.0);
    }
    total / data.len().max(1) as f64
}

/// The model's weights, fitted in two steps on the 2020 train candidates:
/// coordinate ascent on MAP@5 for the direction (what ranks), then a
/// logistic fit of scale and intercept on that direction (what the score
/// means), so that the score is a calibrated probability without the
/// logistic loss deciding the ranking.
fn fit(set: &Set, loaded: &Loaded) {
    let train = labelled(loaded, &set.splits[0]);
    let dev = labelled(loaded, &set.splits[1]);
    println!("Each feature alone, MAP@5 of the candidates it reranks:");
    for (f, name) in model::FEATURE_NAMES.iter().enumerate() {
        let mut w = [0.0; model::FEATURES];
        w[f] = 1.0;
        println!(
            "  {name:<16} train {:.3}  dev {:.3}",
            map5_with(&train, &w, 0.0),
            map5_with(&dev, &w, 0.0)
        );
    }
    // From BM25F alone, the strongest single feature.
    let mut w = [0.0; model::FEATURES];
    w[0] = 1.0;
    let mut best = map5_with(&train, &w, 0.0);
    for round in 0..6 {
        let step = 0.5 / f64::from(1 << round);
        for f in 0..model::FEATURES {
            for _ in 0..20 {
                let mut improved = false;
                for delta in [step, -step] {
                    let mut trial = w;
                    trial[f] += delta;
                    let m = map5_with(&train, &trial, 0.0);
                    if m > best + 1e-9 {
                        best = m;
                        w = trial;
                        improved = true;
                        break;
                    }
                }
                if !improved {
                    break;
                }
            }
        }
    }
    // For comparison: every feature by logistic regression alone.
    let all: Vec<(Vec<f64>, bool)> = train
        .iter()
        .flatten()
        .map(|(x, rel)| (x.to_vec(), *rel))
        .collect();
    let (lw, lc) = logistic_regression(&all);
    println!(
        "\nLogistic regression on every feature: {lw:.3?} intercept {lc:.3}: train {:.3}, dev {:.3}",
        map5_with(&train, &lw, lc),
        map5_with(&dev, &lw, lc)
    );
    // Scale and intercept: what a best hit's ranking score says about
    // whether the tweet is about it. Each train tweet gives its best hit
    // with its verified claim on file (relevant when that claim ranks
    // first) and its best hit with that claim removed (never relevant).
    let rank_score = |x: &[f64; model::FEATURES]| w.iter().zip(x).map(|(w, x)| w * x).sum::<f64>();
    let mut best_hits: Vec<(Vec<f64>, bool)> = Vec::new();
    for candidates in &train {
        let mut ranked: Vec<(f64, bool)> = candidates
            .iter()
            .map(|(x, rel)| (rank_score(x), *rel))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        if let Some(&(s, rel)) = ranked.first() {
            best_hits.push((vec![s], rel));
        }
        if let Some(&(s, _)) = ranked.iter().find(|(_, rel)| !rel) {
            best_hits.push((vec![s], false));
        }
    }
    let (scale, c) = logistic_regression(&best_hits);
    let a = scale[0];
    let fitted: Vec<f64> = w.iter().map(|wi| wi * a).collect();
    println!("\nFitted on 2020 train ({} best hits):", best_hits.len());
    for (name, wi) in model::FEATURE_NAMES.iter().zip(&fitted) {
        println!("  {name:<16} {wi:>8.3}");
    }
    println!("  {:<16} {c:>8.3}", "intercept");
    println!(
        "MAP@5 of the candidates reranked: train {:.3}, dev {:.3} (built-in weights: train {:.3}, dev {:.3})",
        map5_with(&train, &fitted, c),
        map5_with(&dev, &fitted, c),
        map5_with(&train, &model::WEIGHTS, model::INTERCEPT),
        map5_with(&dev, &model::WEIGHTS, model::INTERCEPT),
    );
}

/// Maximum-likelihood logistic regression by Newton's method: weights and
/// intercept.
fn logistic_regression(rows: &[(Vec<f64>, bool)]) -> (Vec<f64>, f64) {
    let k = rows.first().map_or(0, |r| r.0.len()) + 1;
    let mut beta = vec![0.0; k];
    for _ in 0..30 {
        let mut gradient = vec![0.0; k];
        let mut hessian = vec![vec![0.0; k]; k];
        for (x, rel) in rows {
            let xs: Vec<f64> = x.iter().copied().chain([1.0]).collect();
            let z: f64 = xs.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if *rel { 1.0 } else { 0.0 };
            for i in 0..k {
                gradient[i] += (p - y) * xs[i];
                for j in 0..k {
                    hessian[i][j] += p * (1.0 - p) * xs[i] * xs[j];
                }
            }
        }
        for (i, row) in hessian.iter_mut().enumerate() {
            row[i] += 1e-6;
        }
        let step = solve(hessian, gradient);
        for (b, s) in beta.iter_mut().zip(step) {
            *b -= s;
        }
    }
    let intercept = beta.pop().unwrap_or(0.0);
    (beta, intercept)
}

/// Solves A x = b by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col].clone();
        for row in col + 1..n {
            let factor = a[row][col] / pivot_row[col];
            for (x, p) in a[row].iter_mut().zip(&pivot_row).skip(col) {
                *x -= factor * p;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let rest: f64 = (row + 1..n).map(|c| a[row][c] * x[c]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    x
}

/// Best-hit scores with the gold claim on file and without it.
fn calibrate(set: &Set, loaded: &Loaded) {
    let mut on_file = Vec::new();
    let mut not_on_file = Vec::new();
    for split in set.splits.iter().filter(|s| s.tuned_on) {
        for q in &split.queries {
            let hits = loaded.index.search(&loaded.store, &q.text, DEPTH);
            let is_gold = |h: &retrieve::Hit| {
                h.claim
                    .is_some_and(|c| q.relevant.contains(&loaded.claim_ids[&c]))
            };
            if let Some(best) = hits.first()
                && is_gold(best)
            {
                on_file.push(best.score);
            }
            not_on_file.push(hits.iter().find(|h| !is_gold(h)).map_or(0.0, |h| h.score));
        }
    }
    println!(
        "Best-hit score on 2020 train and dev: {} tweets whose verified claim ranks first, {} with it removed",
        on_file.len(),
        not_on_file.len()
    );
    println!("  threshold  kept when on file  kept when not on file  difference");
    for t in (1..20).map(|t| f64::from(t) * 0.05) {
        let share =
            |v: &[f64]| v.iter().filter(|&&s| s >= t).count() as f64 / v.len().max(1) as f64;
        println!(
            "  {t:>9.2}  {:>17.3}  {:>21.3}  {:>10.3}",
            share(&on_file),
            share(&not_on_file),
            share(&on_file) - share(&not_on_file)
        );
    }
}

/// The store at `root`, or the reason it cannot be read and exit 2.
fn open_or_exit(root: &Path) -> Store {
    Store::open(root).unwrap_or_else(|e| {
        eprintln!("eval-claim-matching: {e}");
        std::process::exit(2);
    })
}

/// `check`-like timings on a store folder.
fn time_store(root: &Path, n_queries: usize) {
    let _ = std::fs::remove_dir_all(root.join(".recoupe"));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let started = Instant::now();
    let store = open_or_exit(root);
    println!(
        "{}: {} claims, {} questions",
        root.display(),
        store.claims().len(),
        store.questions().len()
    );
    println!(
        "  store open, cold (YAML)          {:>9.1} ms",
        ms(started.elapsed())
    );
    let started = Instant::now();
    let index = Index::build(&store);
    println!(
        "  index build                      {:>9.1} ms ({} documents)",
        ms(started.elapsed()),
        index.len()
    );
    let started = Instant::now();
    drop(retrieve::open(&store, root));
    println!(
        "  index open, cold (build + write) {:>9.1} ms",
        ms(started.elapsed())
    );
    let size = std::fs::metadata(root.join(".recoupe/index.pages")).map_or(0, |m| m.len());
    println!(
        "  index cache file                 {:>9.1} MB",
        size as f64 / 1e6
    );
    let started = Instant::now();
    let store = Store::open(root).expect("the store opened a moment ago");
    println!(
        "  store open, warm (cache)         {:>9.1} ms",
        ms(started.elapsed())
    );
    let started = Instant::now();
    let index = retrieve::open(&store, root);
    println!(
        "  index open, warm (cache)         {:>9.1} ms",
        ms(started.elapsed())
    );
    let step = (store.claims().len() / n_queries.max(1)).max(1);
    let texts: Vec<String> = store
        .claims()
        .iter()
        .step_by(step)
        .take(n_queries)
        .map(|c| c.translation.clone().unwrap_or_else(|| c.text.clone()))
        .collect();
    let mut latencies: Vec<Duration> = texts
        .iter()
        .map(|t| {
            let started = Instant::now();
            let _ = index.search(&store, t, 10);
            started.elapsed()
        })
        .collect();
    latencies.sort();
    if !latencies.is_empty() {
        println!(
            "  search, {} queries               median {:.2} ms, 95th percentile {:.2} ms, max {:.2} ms",
            latencies.len(),
            ms(latencies[latencies.len() / 2]),
            ms(latencies[latencies.len() * 95 / 100]),
            ms(latencies[latencies.len() - 1])
        );
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("  {line}");
        }
    }
}

/// One `check`-like search in this process, with the caches as they are.
fn time_check(root: &Path, query: &str) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let started = Instant::now();
    let store = open_or_exit(root);
    let opened = started.elapsed();
    let index = retrieve::open(&store, root);
    let indexed = started.elapsed();
    let hits = index.search(&store, query, 10);
    let searched = started.elapsed();
    println!(
        "store open {:.1} ms, index open {:.1} ms, search {:.2} ms, total {:.1} ms; best score {:.3}",
        ms(opened),
        ms(indexed - opened),
        ms(searched - indexed),
        ms(searched),
        hits.first().map_or(0.0, |h| h.score)
    );
}
