//! Credit given once for a paragraph.
//!
//! News credits a run of figures once: "… a fait au moins 11 300 morts,
//! selon un organisme de l'ONU. Plus de 10 000 personnes restent portées
//! disparues." The second figure is the UN body's too, though its sentence
//! names nobody; "In all, 123 policemen were injured. Interior Minister
//! Gérald Darmanin communicated it." credits the figure after it. So a
//! figure left uncredited in a sentence that names nobody at all takes the
//! credit of the sentence right before or right after it in its paragraph,
//! when that sentence credits exactly one source explicitly; when both do,
//! the one before wins (a credit more often leads a paragraph than closes
//! it).
//!
//! The rule is kept narrow on purpose: a sentence that names anyone (a
//! store source, even as an object, or a credit outside the store such as
//! "selon un bilan") keeps its own reading, a paragraph break ends the
//! reach, and a neighbour that credits two sources lends nothing: the
//! outlet's own figures stay its own.

use super::Figure;
use super::attribution::Attribution;
use crate::value::Value;

/// One sentence as the paragraph rule sees it.
#[derive(Debug)]
pub(crate) struct Said {
    /// Which paragraph of the article it is in (a line break starts one).
    pub paragraph: usize,
    /// Whether it names anyone at all.
    pub names_source: bool,
    /// Its credit, when it credits exactly one source.
    pub sole: Option<Attribution>,
    /// Its figures and statements, as read in the sentence alone.
    pub figures: Vec<Figure>,
    /// One per figure: whether it may take a neighbour's credit (not a
    /// difference the outlet worked out, not a statement).
    pub lendable: Vec<bool>,
}

/// Gives each uncredited figure of a sentence that names nobody the credit
/// of a neighbouring sentence of its paragraph.
pub(crate) fn lend(said: &mut [Said]) {
    let lent: Vec<Option<Attribution>> = (0..said.len())
        .map(|i| {
            if said[i].names_source {
                None
            } else {
                neighbour(said, i)
            }
        })
        .collect();
    for (s, credit) in said.iter_mut().zip(lent) {
        let Some(credit) = credit else { continue };
        for (f, lendable) in s.figures.iter_mut().zip(&s.lendable) {
            let uncredited = f.source.is_none() && f.credited_to.is_none() && f.said_by.is_none();
            if *lendable && uncredited && f.value != Value::Unstated {
                f.source = credit.source.clone();
                f.credited_to = credit.credited_to.clone();
                f.via = credit.via.clone();
                f.said_by = credit.said_by.clone();
            }
        }
    }
}

/// How many sentences away a credit may be lent: the next or the one
/// before.
const REACH: usize = 1;

/// The credit a neighbour in the paragraph lends to sentence `i`: the
/// first sentence that names anyone, each way, decides that way, if it is
/// within [`REACH`].
fn neighbour(said: &[Said], i: usize) -> Option<Attribution> {
    let paragraph = said[i].paragraph;
    let decide = |j: usize| (i.abs_diff(j), said[j].sole.clone());
    let before = (0..i)
        .rev()
        .take_while(|&j| said[j].paragraph == paragraph)
        .find(|&j| said[j].names_source)
        .map(decide);
    let after = (i + 1..said.len())
        .take_while(|&j| said[j].paragraph == paragraph)
        .find(|&j| said[j].names_source)
        .map(decide);
    // Only a neighbour lends: a credit three sentences back is a
    // background paragraph's ("Plus de 350 000 personnes ont été tuées
    // depuis 2011") as often as it is the same count's.
    let near = |side: Option<(usize, Option<Attribution>)>| side.filter(|(d, _)| *d <= REACH);
    match (near(before), near(after)) {
        (Some((db, Some(b))), Some((da, _))) if db <= da => Some(b),
        (Some((db, _)), Some((da, Some(a)))) if da < db => Some(a),
        (Some((_, b)), None) => b,
        (None, Some((_, a))) => a,
        _ => None,
    }
}
