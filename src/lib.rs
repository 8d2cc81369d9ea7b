//! recoupe: cross-check what different outlets say about the same event.
//!
//! Data flows one way (DESIGN §9): the [`store`] is loaded and validated,
//! claims are [related](relate) to one another, the relations become the
//! [claim graph](graph), the [report] is computed from the graph, and only
//! then does [`render`] format it as a table, JSON or DOT. Computing never
//! prints; rendering never computes.
//!
//! The shipped store is the founding case (DESIGN §1): OSDH says the
//! Islamic State took the whole of Qadam, al-Watan only several buildings.
//! Loading it and building the report finds that contradiction:
//!
//! ```
//! use recoupe::graph::Status;
//! use recoupe::report::{self, ReportOptions, Selection};
//! use recoupe::{ClaimGraph, Store};
//!
//! let store = Store::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
//! let graph = ClaimGraph::build(&store);
//! let report = report::build(&graph, Selection::All, ReportOptions { divergences: 1 });
//!
//! let extent = store.find_question("qadam-2018-03/control-extent").unwrap();
//! let question = report.questions.iter().find(|q| q.question == extent).unwrap();
//! assert_eq!(question.status, Status::Contradiction);
//! // Two steps apart on a four-step scale: (3 - 1) / 3.
//! assert!((question.max_gap.unwrap() - 2.0 / 3.0).abs() < 1e-9);
//! # Ok::<(), recoupe::Error>(())
//! ```

#![warn(missing_docs)]

pub mod check;
pub mod concepts;
mod cores;
pub mod credibility;
pub mod date;
pub mod diff;
pub mod error;
pub mod escape;
pub mod export;
pub mod extract;
pub mod graph;
pub mod import;
pub mod input;
pub mod progress;
pub mod relate;
pub mod render;
pub mod report;
pub mod retrieve;
pub mod round;
pub mod store;
pub(crate) mod suggest;
#[cfg(test)]
mod testing;
pub mod timeline;
pub mod value;
pub mod words;
pub(crate) mod yaml;

pub use error::{Error, Location, Problem};
pub use graph::ClaimGraph;
pub use store::Store;
