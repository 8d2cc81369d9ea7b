//! recoupe: cross-check what different outlets say about the same event.
//!
//! Data flows one way (DESIGN §9): the [`store`] is loaded and validated,
//! claims are [related](relate) to one another, the relations become the
//! [claim graph](graph), the [report] is computed from the graph, and only
//! then does [`render`] format it as a table, JSON or DOT. Computing never
//! prints; rendering never computes.

pub mod check;
pub mod credibility;
pub mod date;
pub mod diff;
pub mod error;
pub mod escape;
pub mod extract;
pub mod graph;
pub mod import;
pub mod input;
pub mod relate;
pub mod render;
pub mod report;
pub mod retrieve;
pub mod round;
pub mod store;
pub mod suggest;
pub mod value;
pub mod words;
pub mod yaml;

pub use error::{Error, Location, Problem};
pub use graph::ClaimGraph;
pub use store::Store;
