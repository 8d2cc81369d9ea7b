//! Runs every classic algorithm on an instance read from a JSON file and
//! prints the trust and confidence vectors as JSON, for `eval/td_parity.py`
//! to compare with the Python `truthdiscovery` library.
//!
//! ```text
//! cargo run --release --example td-parity -- PROBLEM.json [ITERATIONS]
//! ```
//!
//! The file: `{"sources": N, "objects": [{"exclusive": bool}],
//! "facts": [object index], "assertions": [[source, fact]],
//! "links": [[fact, fact, "support" | "conflict"]]}`. Without ITERATIONS,
//! each algorithm stops by its own rule.

use recoupe::credibility::{Algorithm, Alternatives, InstanceBuilder, Iterations, Link};
use serde_json::{Value, json};

fn usize_at(v: &Value) -> usize {
    v.as_u64().expect("an index") as usize
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: td-parity PROBLEM.json [ITERATIONS]");
    let iterations = match args.next() {
        Some(n) => Iterations::Fixed(n.parse().expect("ITERATIONS is a number")),
        None => Iterations::Default,
    };
    let text = std::fs::read_to_string(&path).expect("the instance file is readable");
    let doc: Value = serde_json::from_str(&text).expect("the instance file is JSON");
    let mut builder = InstanceBuilder::new();
    for _ in 0..usize_at(&doc["sources"]) {
        builder.add_source(None);
    }
    for object in doc["objects"].as_array().expect("objects") {
        builder.add_object(if object["exclusive"].as_bool() == Some(true) {
            Alternatives::Exclusive
        } else {
            Alternatives::Linked
        });
    }
    for object in doc["facts"].as_array().expect("facts") {
        builder.add_fact(usize_at(object));
    }
    for pair in doc["assertions"].as_array().expect("assertions") {
        builder.assert(usize_at(&pair[0]), usize_at(&pair[1]));
    }
    for link in doc["links"].as_array().into_iter().flatten() {
        let kind = match link[2].as_str() {
            Some("support") => Link::Support,
            _ => Link::Conflict,
        };
        builder.link(usize_at(&link[0]), usize_at(&link[1]), kind);
    }
    let instance = builder.build();
    let mut out = serde_json::Map::new();
    for algorithm in Algorithm::ALL {
        let scores = algorithm.run(&instance, iterations);
        out.insert(
            algorithm.name().to_string(),
            json!({
                "trust": scores.trust,
                "confidence": scores.confidence,
                "iterations": scores.iterations,
            }),
        );
    }
    println!("{}", Value::Object(out));
}
