//! The reviews of a ClaimReview feed, computed: which claims are under
//! review, the verdict on each in words, and its rating on a fixed scale.
//! `render::claimreview` writes them as schema.org JSON-LD.
//!
//! A claim is under review when something bears on it: its source walked
//! it back, or another source's current claim contradicts, corroborates or
//! allows it. A claim nobody else relates to, and a revision that is only
//! an update (a toll that grew), are not reviewed: there is nothing to
//! say about them yet.
//!
//! The scale (`worstRating` 1, `bestRating` 5):
//!
//! | rating | verdict | when |
//! |---|---|---|
//! | 1 | Revised down by its source | a cumulative toll its own source walked back |
//! | 2 | Contradicted by … | current, contradicted, corroborated by nobody |
//! | 3 | Disputed: corroborated by …, contradicted by … | current, both |
//! | 4 | Consistent with … | current, only allowed by others (bounds, ranges) |
//! | 5 | Corroborated by … | current, corroborated, contradicted by nobody |

use crate::error::Error;
use crate::escape::escape;
use crate::graph::ClaimGraph;
use crate::relate::RelationKind;
use crate::report::Report;
use crate::store::{ClaimIx, SourceIx, Store};

/// The lowest rating (`worstRating`).
pub const WORST: u8 = 1;
/// The highest rating (`bestRating`).
pub const BEST: u8 = 5;

/// The verdict on one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Its source revised the toll down.
    RevisedDown,
    /// Other sources contradict it; none corroborates it.
    Contradicted {
        /// The sources whose current claims contradict it.
        by: Vec<SourceIx>,
    },
    /// Some sources corroborate it, others contradict it.
    Disputed {
        /// The sources that corroborate it.
        corroborated_by: Vec<SourceIx>,
        /// The sources that contradict it.
        contradicted_by: Vec<SourceIx>,
    },
    /// Other sources' claims allow it, without confirming its figure.
    Consistent {
        /// Those sources.
        with: Vec<SourceIx>,
    },
    /// Other sources corroborate it; none contradicts it.
    Corroborated {
        /// Those sources.
        by: Vec<SourceIx>,
    },
}

impl Verdict {
    /// Its rating on the scale of the module's table.
    pub fn rating(&self) -> u8 {
        match self {
            Verdict::RevisedDown => 1,
            Verdict::Contradicted { .. } => 2,
            Verdict::Disputed { .. } => 3,
            Verdict::Consistent { .. } => 4,
            Verdict::Corroborated { .. } => 5,
        }
    }

    /// The verdict in words ("Contradicted by WHO and the health
    /// minister"): each source by its first alias, else its name.
    pub fn words(&self, store: &Store) -> String {
        let names = |sources: &[SourceIx]| names(store, sources);
        match self {
            Verdict::RevisedDown => "Revised down by its source".to_string(),
            Verdict::Contradicted { by } => format!("Contradicted by {}", names(by)),
            Verdict::Disputed {
                corroborated_by,
                contradicted_by,
            } => format!(
                "Disputed: corroborated by {}, contradicted by {}",
                names(corroborated_by),
                names(contradicted_by)
            ),
            Verdict::Consistent { with } => format!("Consistent with {}", names(with)),
            Verdict::Corroborated { by } => format!("Corroborated by {}", names(by)),
        }
    }
}

/// How a source is named in a verdict: its first alias (the short name
/// people use, "WHO"), else its name.
pub fn short_name(store: &Store, s: SourceIx) -> &str {
    let source = store.source(s);
    source
        .aliases
        .first()
        .map_or(source.name.as_str(), String::as_str)
}

/// "A", "A and B", "A, B and C", "A, B, C and 2 others".
fn names(store: &Store, sources: &[SourceIx]) -> String {
    const LISTED: usize = 3;
    let mut words: Vec<String> = sources
        .iter()
        .take(LISTED)
        .map(|&s| short_name(store, s).to_string())
        .collect();
    if sources.len() > LISTED {
        let more = sources.len() - LISTED;
        words.push(format!(
            "{more} {}",
            if more == 1 { "other" } else { "others" }
        ));
    }
    match words.len() {
        0 => String::new(),
        1 => words.remove(0),
        n => format!("{} and {}", words[..n - 1].join(", "), words[n - 1]),
    }
}

/// One claim under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The claim.
    pub claim: ClaimIx,
    /// What bears on it.
    pub verdict: Verdict,
}

/// The reviews of every claim under review in the report's questions, in
/// the report's order, claims in store order within a question.
pub fn reviews(graph: &ClaimGraph, report: &Report) -> Vec<Review> {
    let store = graph.store();
    let mut out = Vec::new();
    for qr in &report.questions {
        let current: Vec<ClaimIx> = qr
            .claims
            .iter()
            .filter(|l| l.current)
            .map(|l| l.claim)
            .collect();
        for line in &qr.claims {
            let c = line.claim;
            if qr.walk_backs.iter().any(|w| w.older == c) {
                out.push(Review {
                    claim: c,
                    verdict: Verdict::RevisedDown,
                });
                continue;
            }
            if !line.current || line.agreement.alone() {
                continue;
            }
            let (mut against, mut with, mut allows) = (Vec::new(), Vec::new(), Vec::new());
            let source = store.claim(c).source;
            for &other in current.iter().filter(|&&o| o != c) {
                let s = store.claim(other).source;
                if s == source {
                    continue;
                }
                let list = match graph.relation(c, other).map(|r| r.kind) {
                    Some(RelationKind::Contradicts) => &mut against,
                    Some(RelationKind::Corroborates) => &mut with,
                    Some(RelationKind::Compatible) => &mut allows,
                    _ => continue,
                };
                if !list.contains(&s) {
                    list.push(s);
                }
            }
            let verdict = match (against.is_empty(), with.is_empty(), allows.is_empty()) {
                (false, true, _) => Verdict::Contradicted { by: against },
                (false, false, _) => Verdict::Disputed {
                    corroborated_by: with,
                    contradicted_by: against,
                },
                (true, false, _) => Verdict::Corroborated { by: with },
                (true, true, false) => Verdict::Consistent { with: allows },
                (true, true, true) => continue,
            };
            out.push(Review { claim: c, verdict });
        }
    }
    out
}

/// Refuses reviews of claims that lack what a ClaimReview needs (`url`:
/// where the claim appeared), naming every such claim.
pub fn check_urls(store: &Store, reviews: &[Review]) -> Result<(), Error> {
    let missing: Vec<String> = reviews
        .iter()
        .map(|r| store.claim(r.claim))
        .filter(|c| c.provenance.url.is_none())
        .map(|c| format!("{}/{}", store.event(c.event).id, escape(&c.id)))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let one = missing.len() == 1;
    Err(Error::Input(format!(
        "a ClaimReview says where each claim appeared, and {} under review {} no `url`: {}",
        if one { "this claim" } else { "these claims" },
        if one { "has" } else { "have" },
        missing.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ReportOptions, Selection};
    use std::path::Path;

    fn derna() -> Store {
        Store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/derna-2023-09"))
            .unwrap()
    }

    fn verdicts(store: &Store) -> Vec<(String, Verdict)> {
        let graph = ClaimGraph::build(store);
        let report = crate::report::build(&graph, Selection::All, ReportOptions { divergences: 0 });
        reviews(&graph, &report)
            .into_iter()
            .map(|r| (store.claim(r.claim).id.clone(), r.verdict))
            .collect()
    }

    #[test]
    fn the_derna_walk_back_and_contradictions_are_reviewed() {
        let store = derna();
        let v = verdicts(&store);
        let of = |id: &str| v.iter().find(|(c, _)| c == id).map(|(_, v)| v.clone());
        assert_eq!(of("ocha-11300"), Some(Verdict::RevisedDown));
        let who = store.find_source("who").unwrap();
        let minister = store.find_source("east-health-ministry").unwrap();
        match of("health-authorities-5500").unwrap() {
            Verdict::Contradicted { by } => {
                assert!(by.contains(&who) && by.contains(&minister), "{by:?}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            of("health-authorities-5500").unwrap().words(&store),
            "Contradicted by WHO and Othman Abdeljalil"
        );
        assert_eq!(
            of("lrc-denial"),
            None,
            "nothing current bears on the denial"
        );
        assert_eq!(of("minister-3252"), None, "a toll that grew is an update");
        for (_, verdict) in &v {
            assert!((WORST..=BEST).contains(&verdict.rating()));
        }
    }

    #[test]
    fn names_are_listed_as_people_write_them() {
        let store = derna();
        let s = |id: &str| store.find_source(id).unwrap();
        assert_eq!(names(&store, &[s("who")]), "WHO");
        assert_eq!(
            names(&store, &[s("who"), s("iom"), s("afp")]),
            "WHO, IOM and AFP"
        );
        assert_eq!(
            names(&store, &[s("who"), s("iom"), s("afp"), s("ap")]),
            "WHO, IOM, AFP and 1 other"
        );
    }
}
