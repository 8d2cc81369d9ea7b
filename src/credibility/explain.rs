//! Why a source ranks where it does, as plain data.
//!
//! A trust score alone invites blind faith; the counts behind it do not.
//! For each source: how many of its claims another source corroborates
//! (asserts the same fact or a supporting one), how many another source
//! contradicts, how many nobody else addresses, and which contradictions
//! weighed most (those from the most trusted sources). A source with
//! fewer than `WEAK_BELOW` cross-checked claims is flagged: its score
//! rests on too little to mean much.

use super::{FactId, Instance, Link, Scores, SourceId};

/// Fewer cross-checked claims than this, or fewer independent sources on
/// a question than this, and the score is weak evidence.
pub(crate) const WEAK_BELOW: usize = 3;

/// How a source's claims fare against the other sources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// Current claims of its own (facts it asserts).
    pub claims: usize,
    /// Claims another source asserts too, or supports.
    pub corroborated: usize,
    /// Claims another source's claim conflicts with (a claim can be both
    /// corroborated and contradicted).
    pub contradicted: usize,
    /// Claims no other source relates to.
    pub alone: usize,
}

impl Standing {
    /// Claims another source relates to, one way or the other.
    pub(crate) fn cross_checked(&self) -> usize {
        self.claims - self.alone
    }

    pub(crate) fn is_weak(&self) -> bool {
        self.cross_checked() < WEAK_BELOW
    }
}

/// One fact of a source that another source's fact conflicts with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contradiction {
    /// The source's own fact.
    pub fact: FactId,
    /// The rival fact, and one source asserting it.
    pub against: FactId,
    /// The source of the conflicting fact.
    pub against_source: SourceId,
    /// The rival source's trust: a contradiction from a trusted source
    /// weighs more.
    pub weight: f64,
}

/// Everything said about one source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceExplanation {
    /// The source.
    pub source: SourceId,
    /// Its trust, in [0, 1].
    pub trust: f64,
    /// How its claims fare against the other sources.
    pub standing: Standing,
    /// The heaviest contradictions first, at most as many as asked.
    pub contradictions: Vec<Contradiction>,
}

/// Heaviest first: by the contradicting source's trust, then in a fixed
/// order.
fn heaviest_first(a: &Contradiction, b: &Contradiction) -> std::cmp::Ordering {
    b.weight
        .total_cmp(&a.weight)
        .then(a.fact.cmp(&b.fact))
        .then(a.against_source.cmp(&b.against_source))
}

/// How each of a source's facts fares, and the contradictions, heaviest
/// first (at most `keep`).
pub(crate) fn explain_source(
    instance: &Instance,
    scores: &Scores,
    s: SourceId,
    keep: usize,
) -> SourceExplanation {
    let mut standing = Standing::default();
    let mut contradictions: Vec<Contradiction> = Vec::new();
    for &f in instance.facts_of(s) {
        standing.claims += 1;
        let mut supported = instance.sources_of(f).iter().any(|&r| r != s);
        let mut contradicted = false;
        for &g in instance.facts_about(instance.object_of(f)) {
            let mut others = instance
                .sources_of(g)
                .iter()
                .filter(|&&r| r != s)
                .peekable();
            match instance.relation(f, g) {
                Some(Link::Support) => supported |= others.peek().is_some(),
                Some(Link::Conflict) => {
                    for &r in others {
                        contradicted = true;
                        if keep == 0 {
                            break;
                        }
                        contradictions.push(Contradiction {
                            fact: f,
                            against: g,
                            against_source: r,
                            weight: scores.trust[r],
                        });
                        // Bounded: a source contradicted by thousands keeps
                        // only the heaviest as it goes.
                        if contradictions.len() >= keep.saturating_mul(4).max(64) {
                            contradictions.sort_by(heaviest_first);
                            contradictions.truncate(keep);
                        }
                    }
                }
                None => {}
            }
        }
        standing.corroborated += usize::from(supported);
        standing.contradicted += usize::from(contradicted);
        standing.alone += usize::from(!supported && !contradicted);
    }
    contradictions.sort_by(heaviest_first);
    contradictions.truncate(keep);
    SourceExplanation {
        source: s,
        trust: scores.trust[s],
        standing,
        contradictions,
    }
}

/// Every source, most trusted first; ties go to the source with more
/// cross-checked claims, then to the one added first.
pub fn ranking(instance: &Instance, scores: &Scores, keep: usize) -> Vec<SourceExplanation> {
    let mut all: Vec<SourceExplanation> = (0..instance.sources())
        .map(|s| explain_source(instance, scores, s, keep))
        .collect();
    all.sort_by(|a, b| {
        b.trust
            .total_cmp(&a.trust)
            .then(b.standing.cross_checked().cmp(&a.standing.cross_checked()))
            .then(a.source.cmp(&b.source))
    });
    all
}
