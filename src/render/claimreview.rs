//! `export --claimreview`: schema.org ClaimReview as JSON-LD, one
//! `@graph` holding a review per claim under review, in the shape
//! Google's Fact Check markup reads (`claimReviewed`, `reviewRating` with
//! `alternateName`, `url`, `author`, `datePublished`, and `itemReviewed`
//! as a `Claim` with its `author`, `datePublished` and `appearance`).
//! The verdicts and ratings come from [`crate::export::claimreview`].

use crate::date::ClaimDate;
use crate::export::claimreview::{BEST, Review, WORST};
use crate::export::newsroom::Newsroom;
use crate::store::Store;
use serde_json::{Value as Json, json};

/// The JSON-LD document. Each review's `url` is the newsroom's page with
/// the anchor of the question's section in `report --format html`, so a
/// newsroom that publishes that page sends each review to its question.
pub fn document(store: &Store, newsroom: &Newsroom, reviews: &[Review], today: ClaimDate) -> Json {
    let graph: Vec<Json> = reviews
        .iter()
        .map(|r| review(store, newsroom, r, today))
        .collect();
    json!({
        "@context": "https://schema.org",
        "@graph": graph,
    })
}

fn review(store: &Store, newsroom: &Newsroom, r: &Review, today: ClaimDate) -> Json {
    let claim = store.claim(r.claim);
    let source = store.source(claim.source);
    let key = store.question_key(claim.question);
    let page = newsroom.url.split('#').next().unwrap_or(&newsroom.url);
    let mut item = json!({
        "@type": "Claim",
        "author": {"@type": "Organization", "name": source.name},
    });
    // When the source said it; the day the outlet published it belongs to
    // the appearance (DESIGN §10: `date` and `published` differ).
    if let Some(day) = claim.date.or(claim.provenance.published) {
        item["datePublished"] = json!(day.to_string());
    }
    if let Some(url) = &claim.provenance.url {
        let mut appearance = json!({"@type": "CreativeWork", "url": url});
        if let Some(day) = claim.provenance.published {
            appearance["datePublished"] = json!(day.to_string());
        }
        if let Some(&outlet) = claim.via.last() {
            appearance["publisher"] =
                json!({"@type": "Organization", "name": store.source(outlet).name});
        }
        item["appearance"] = appearance;
    }
    if let Some(lang) = &claim.lang {
        item["inLanguage"] = json!(lang);
    }
    json!({
        "@type": "ClaimReview",
        "identifier": format!("{}/{}", store.event(claim.event).id, claim.id),
        "url": format!("{page}#{}", super::html::anchor(&key)),
        "claimReviewed": claim.text,
        "datePublished": today.to_string(),
        "author": {"@type": "Organization", "name": newsroom.name, "url": newsroom.url},
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": r.verdict.rating(),
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": r.verdict.words(store),
        },
    })
}
