//! `recoupe export --claimreview`: schema.org ClaimReview JSON-LD, checked
//! field by field against the properties Google's Fact Check markup
//! requires and recommends.

use crate::export::derna;
use crate::support::*;

const NEWSROOM: &str = "\
# Who publishes the reviews.
newsroom:
  name: The Example Desk
  url: https://desk.example/checks/derna
";

/// The Derna store (each claim carries the address of the report it is
/// quoted from, and the day it was published) and a newsroom.
fn derna_with_urls() -> tempfile::TempDir {
    let store = derna();
    write(store.path(), "recoupe.yaml", NEWSROOM);
    store
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| p.parse::<u32>().is_ok())
}

#[test]
fn every_review_has_the_fields_fact_check_markup_reads() {
    let store = derna_with_urls();
    let run = recoupe(store.path(), &["export", "--claimreview"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["@context"], "https://schema.org");
    let graph = doc["@graph"].as_array().expect("one @graph");
    assert!(graph.len() >= 5, "{}", graph.len());
    for r in graph {
        // Required by Google: claimReviewed, reviewRating (alternateName), url.
        assert_eq!(r["@type"], "ClaimReview");
        assert!(!r["claimReviewed"].as_str().unwrap().is_empty());
        let url = r["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://desk.example/checks/derna#q-derna-2023-09-"),
            "{url}"
        );
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(!rating["alternateName"].as_str().unwrap().is_empty());
        let value = rating["ratingValue"].as_u64().unwrap();
        assert_eq!(rating["worstRating"], 1);
        assert_eq!(rating["bestRating"], 5);
        assert!((1..=5).contains(&value));
        // Recommended: author, datePublished, itemReviewed.
        assert_eq!(r["author"]["@type"], "Organization");
        assert_eq!(r["author"]["name"], "The Example Desk");
        assert_eq!(r["author"]["url"], "https://desk.example/checks/derna");
        assert!(is_date(r["datePublished"].as_str().unwrap()));
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["author"]["@type"], "Organization");
        assert!(!item["author"]["name"].as_str().unwrap().is_empty());
        assert!(is_date(item["datePublished"].as_str().unwrap()));
        assert_eq!(item["appearance"]["@type"], "CreativeWork");
        assert!(
            item["appearance"]["url"]
                .as_str()
                .unwrap()
                .starts_with("https://")
        );
    }
    let review = |id: &str| {
        graph
            .iter()
            .find(|r| r["identifier"] == format!("derna-2023-09/{id}"))
            .unwrap_or_else(|| panic!("no review of {id}"))
    };
    let ocha = review("ocha-11300");
    // Where OCHA's 11,300 appeared: the AFP dispatch it is quoted from.
    assert_eq!(
        ocha["itemReviewed"]["appearance"]["url"],
        "https://www.setal.net/Les-inondations-en-Libye-font-au-moins-11300-morts-a-Derna-declare-l-ONU_a92766.html"
    );
    assert_eq!(
        ocha["reviewRating"]["alternateName"],
        "Revised down by its source"
    );
    assert_eq!(ocha["reviewRating"]["ratingValue"], 1);
    assert!(
        ocha["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("environ 11 300 morts")
    );
    assert_eq!(
        ocha["itemReviewed"]["author"]["name"],
        "UN Office for the Coordination of Humanitarian Affairs"
    );
    // Said on the 16th, published by the AFP dispatch on the 17th.
    assert_eq!(ocha["itemReviewed"]["datePublished"], "2023-09-16");
    assert_eq!(
        ocha["itemReviewed"]["appearance"]["datePublished"],
        "2023-09-17"
    );
    assert_eq!(ocha["itemReviewed"]["inLanguage"], "fr");
    assert_eq!(
        ocha["itemReviewed"]["appearance"]["publisher"]["name"],
        "Agence France-Presse"
    );
    assert_eq!(
        ocha["url"],
        "https://desk.example/checks/derna#q-derna-2023-09-derna-dead"
    );
    let toll = review("health-authorities-5500");
    assert_eq!(
        toll["reviewRating"]["alternateName"],
        "Contradicted by WHO and Othman Abdeljalil"
    );
    assert_eq!(toll["reviewRating"]["ratingValue"], 2);
    assert!(
        graph
            .iter()
            .all(|r| r["identifier"] != "derna-2023-09/minister-3252"),
        "a toll that grew is an update, not under review"
    );
}

#[test]
fn a_selection_reviews_only_its_questions() {
    let store = derna_with_urls();
    let run = recoupe(
        store.path(),
        &["export", "--claimreview", "derna-2023-09/derna-missing"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let graph = doc["@graph"].as_array().unwrap();
    assert!(!graph.is_empty());
    assert!(graph.iter().all(|r| {
        r["url"]
            .as_str()
            .unwrap()
            .ends_with("#q-derna-2023-09-derna-missing")
    }));
}

#[test]
fn claims_without_url_are_named_and_nothing_is_written() {
    let store = derna();
    write(store.path(), "recoupe.yaml", NEWSROOM);
    // The Derna store without its addresses.
    let file = store.path().join("claims/derna-2023-09.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let stripped: String = yaml
        .lines()
        .filter(|line| !line.starts_with("    url: "))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&file, stripped).unwrap();
    let run = recoupe(store.path(), &["export", "--claimreview"]);
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("these claims under review have no `url`")
            && run.stderr.contains("derna-2023-09/ocha-11300")
            && run.stderr.contains("derna-2023-09/health-authorities-5500"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_newsroom_setting_is_required_and_checked_where_it_is_written() {
    let store = derna_with_urls();
    std::fs::remove_file(store.path().join("recoupe.yaml")).unwrap();
    let run = recoupe(store.path(), &["export", "--claimreview"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("write recoupe.yaml beside sources.yaml"),
        "{}",
        run.stderr
    );
    write(
        store.path(),
        "recoupe.yaml",
        "newsroom:\n  nmae: The Example Desk\n  url: desk.example\n",
    );
    let run = recoupe(store.path(), &["export", "--claimreview"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("recoupe.yaml:2:3: unknown key `nmae` in `newsroom` (did you mean `name`?)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("recoupe.yaml:3:8: `url` is not a web address"),
        "{}",
        run.stderr
    );
    let validate = recoupe(store.path(), &["validate"]);
    assert_eq!(
        validate.status, 2,
        "validate lists the settings' problems too"
    );
    assert!(
        validate
            .stdout
            .contains("recoupe.yaml:2:3: unknown key `nmae`"),
        "{}",
        validate.stdout
    );
}
