//! Turning extracted figures into claim proposals for a claims file.
//!
//! A proposal is a figure with what a claim needs besides: a fresh id, the
//! source resolved against the outlet that published the article, the date
//! of the article, and the `about` guess ([`super::about`]). Rendering them
//! as YAML or JSON is the renderer's job (`render::proposals`).

use super::Figure;
use super::about::{AboutGuess, QuestionIndex};
use crate::error::Error;
use crate::escape::escape;
use crate::store::Store;
use crate::value::plain_number;
use crate::words::{fold, is_stop_word};
use std::collections::{HashMap, HashSet};

/// Where a proposal's source came from, for the reviewer's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceBasis {
    /// A store source named in the sentence.
    Named,
    /// No one is credited: the outlet given speaks in its own voice.
    Outlet,
    /// Someone is credited, but by words no store source matches.
    Unknown(String),
    /// No one is credited and no outlet was given.
    Unattributed,
}

/// One claim proposal.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// A fresh claim id, unique in the store and among the proposals.
    pub id: String,
    /// The figure or statement found.
    pub figure: Figure,
    /// The store source id, if known.
    pub source: Option<String>,
    /// Where the source came from, for the reviewer's comment.
    pub source_basis: SourceBasis,
    /// The store sources that relayed it, from the first relay to the
    /// outlet that published it (DESIGN §10); empty if none.
    pub via: Vec<String>,
    /// The article's date (`YYYY[-MM[-DD]]`), if it says.
    pub date: Option<String>,
    /// `None` when there is no store to match questions against.
    pub about: Option<AboutGuess>,
    /// The unit the claim is written with: the figure's own, except for a
    /// percentage on a question that already counts in percent.
    pub unit: Option<String>,
}

/// Context for proposals: the store (optional), the outlet that published
/// the article (a store source id), and the article's date.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setting<'a> {
    /// The store, if there is one: sources and questions to match.
    pub store: Option<&'a Store>,
    /// The store id of the outlet that published the article.
    pub outlet: Option<&'a str>,
    /// The article's date (`YYYY[-MM[-DD]]`).
    pub date: Option<&'a str>,
}

impl<'a> Setting<'a> {
    /// The setting of an article: the outlet, if given, must be a source
    /// of the store, so there must be a store to name it from.
    pub fn new(
        store: Option<&'a Store>,
        outlet: Option<&'a str>,
        date: Option<&'a str>,
    ) -> Result<Setting<'a>, Error> {
        if let Some(outlet) = outlet {
            match store {
                Some(s) if s.find_source(outlet).is_none() => {
                    return Err(Error::Input(format!(
                        "--outlet `{}` is not a source of the store",
                        escape(outlet)
                    )));
                }
                None => {
                    return Err(Error::Input(
                        "--outlet needs a store to name a source from".to_string(),
                    ));
                }
                _ => {}
            }
        }
        Ok(Setting {
            store,
            outlet,
            date,
        })
    }
}

/// Proposals for the figures, in order, with ids unique in the store and
/// among themselves.
pub fn propose(figures: Vec<Figure>, setting: Setting) -> Vec<Proposal> {
    let index = setting.store.map(QuestionIndex::new);
    let mut taken = Ids {
        taken: setting
            .store
            .map(|s| s.claims().iter().map(|c| c.id.clone()).collect())
            .unwrap_or_default(),
        next: HashMap::new(),
    };
    figures
        .into_iter()
        .map(|figure| {
            let (source, source_basis) = match (&figure.source, &figure.credited_to, setting.outlet)
            {
                (Some(s), _, _) => (Some(s.clone()), SourceBasis::Named),
                (None, Some(words), _) => (None, SourceBasis::Unknown(words.clone())),
                (None, None, Some(outlet)) => (Some(outlet.to_string()), SourceBasis::Outlet),
                (None, None, None) => (None, SourceBasis::Unattributed),
            };
            // What an outlet reports of others reaches us through it.
            let mut via = figure.via.clone();
            if let Some(outlet) = setting.outlet.filter(|o| {
                source.as_deref() != Some(*o)
                    && source_basis != SourceBasis::Outlet
                    && !via.iter().any(|v| v == o)
            }) {
                via.push(outlet.to_string());
            }
            let id = unique(&mut taken, &base_id(&figure, source.as_deref()));
            let about = index.as_ref().map(|i| i.guess(&figure));
            let unit = claim_unit(&figure, setting.store, about.as_ref());
            Proposal {
                id,
                source,
                source_basis,
                via,
                date: setting.date.map(str::to_string),
                about,
                unit,
                figure,
            }
        })
        .collect()
}

/// The figure's unit as the claim needs it: none for a percentage on a
/// question that counts in percent already (the question's unit applies).
fn claim_unit(
    figure: &Figure,
    store: Option<&Store>,
    about: Option<&AboutGuess>,
) -> Option<String> {
    let in_percent = match (store, about) {
        (Some(store), Some(AboutGuess::Clear { question, .. })) => {
            store.question(*question).in_percent(None)
        }
        _ => false,
    };
    if figure.is_percent() && in_percent {
        None
    } else {
        figure.unit.clone()
    }
}

/// Lowercase letters, digits and single dashes.
fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `SOURCE-FIGURE-NOUN`: "osdh-62-combattants", "afp-200-999-combattants";
/// for a statement, the first content words: "al-watan-plusieurs-batiments".
fn base_id(figure: &Figure, source: Option<&str>) -> String {
    let lang = figure.lang.unwrap_or(crate::words::Lang::En);
    let mut parts: Vec<String> = vec![source.unwrap_or("claim").to_string()];
    let numbers = figure.value.numbers();
    if numbers.is_empty() {
        parts.extend(
            crate::words::words(&figure.quote)
                .into_iter()
                .filter(|w| !is_stop_word(w, lang) && w.len() > 2)
                .take(2),
        );
    } else {
        parts.extend(numbers.iter().map(|&n| plain_number(n)));
        if figure.is_percent() {
            parts.push("percent".to_string());
        }
        if let Some(noun) = figure
            .noun
            .as_deref()
            .and_then(|n| n.split_whitespace().next())
        {
            parts.push(noun.to_string());
        }
    }
    let id = slug(&parts.join("-"));
    if id.is_empty() {
        "claim".to_string()
    } else {
        id
    }
}

/// Ids taken, and for each base the next number to try, so that a
/// thousand figures with one base take linear time, not quadratic.
#[derive(Debug, Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

fn unique(ids: &mut Ids, base: &str) -> String {
    let mut id = base.to_string();
    let n = ids.next.entry(base.to_string()).or_insert(2);
    while ids.taken.contains(&id) {
        id = format!("{base}-{n}");
        *n += 1;
    }
    ids.taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn figure(value: Value, noun: Option<&str>, source: Option<&str>) -> Figure {
        Figure {
            sentence: "s".into(),
            quote: "de plusieurs bâtiments dans l'est".into(),
            value,
            unit: None,
            noun: noun.map(str::to_string),
            qualifier: None,
            source: source.map(str::to_string),
            credited_to: source.map(str::to_string),
            said_by: None,
            via: Vec::new(),
            projection: false,
            denied: None,
            lang: Some(crate::words::Lang::Fr),
        }
    }

    #[test]
    fn ids_are_slugs_and_unique() {
        let figures = vec![
            figure(
                Value::AtLeast(62.0),
                Some("combattants prorégime"),
                Some("osdh"),
            ),
            figure(Value::Exact(62.0), Some("combattants"), Some("osdh")),
            figure(Value::Between(200.0, 999.0), Some("combattants"), None),
            figure(Value::Unstated, None, Some("al-watan")),
        ];
        let ids: Vec<String> = propose(figures, Setting::default())
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(
            ids,
            [
                "osdh-62-combattants",
                "osdh-62-combattants-2",
                "claim-200-999-combattants",
                "al-watan-plusieurs-batiments"
            ]
        );
    }

    #[test]
    fn the_outlet_speaks_for_unattributed_figures_and_relays_the_rest() {
        let figures = vec![
            figure(Value::Exact(3.0), None, None),
            figure(Value::Exact(4.0), None, Some("osdh")),
        ];
        let setting = Setting {
            outlet: Some("afp"),
            ..Setting::default()
        };
        let proposals = propose(figures, setting);
        assert_eq!(proposals[0].source.as_deref(), Some("afp"));
        assert!(proposals[0].via.is_empty());
        assert_eq!(proposals[1].source.as_deref(), Some("osdh"));
        assert_eq!(proposals[1].via, ["afp"]);
    }
}
