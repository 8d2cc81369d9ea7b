use super::*;
use proptest::prelude::*;

const SOURCES: &str = "sources:\n  - id: osdh\n  - id: al-watan\n  - id: afp\n";

const QADAM: &str = r#"event: qadam-2018-03
title: Islamic State raid on Qadam, southern Damascus (March 2018)
questions:
  - id: pro-regime-killed
    ask: How many pro-regime fighters were killed in the IS operation on Qadam?
    kind: count
    unit: fighters
  - id: control-extent
    ask: How much of the Qadam district did the Islamic State take?
    kind: category
    scale: [none, several-buildings, whole-district]
claims:
  - id: osdh-toll-36
    source: osdh
    about: pro-regime-killed
    value: 36
    text: "l'Observatoire avait fait état de 36 combattants tués"
    lang: fr
    translation: "The Observatory had reported 36 fighters killed"
  - id: osdh-toll-62
    source: osdh
    about: pro-regime-killed
    value: {at_least: 62}
    text: "Au moins 62 combattants prorégime ont été tués"
    lang: fr
    translation: "At least 62 pro-regime fighters were killed"
  - id: al-watan-buildings
    source: al-watan
    about: control-extent
    value: {is: several-buildings}
    text: "Les jihadistes n'ont pris que plusieurs bâtiments dans l'est du quartier"
    lang: fr
    translation: "The jihadists only took several buildings in the east of the district"
"#;

const GRAIN: &str = r#"event: grain-2022
title: Grain exports from Ukraine (2022)
questions:
  - id: tonnes
    ask: How much grain has left Ukrainian ports?
    kind: count
    unit: tonnes
  - id: ships-waiting
    ask: Combien de navires attendent une inspection au large d'Istanbul ?
    kind: count
    unit: navires
claims:
  - id: afp-grain
    source: afp
    about: tonnes
    value: {more_than: 1000000}
    text: "More than one million tonnes of grain have left Ukrainian ports"
    lang: en
    translation: "Plus d'un million de tonnes de céréales ont quitté les ports ukrainiens"
"#;

/// A store folder with the given claims files.
fn store_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("sources.yaml"), SOURCES).unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("claims").join(name), text).unwrap();
    }
    dir
}

fn fixture() -> (tempfile::TempDir, Store) {
    let dir = store_dir(&[("qadam.yaml", QADAM), ("grain.yaml", GRAIN)]);
    let store = Store::load(dir.path()).unwrap();
    (dir, store)
}

/// The id of the best hit's claim, or `?QUESTION` for a claimless
/// question; the hit must score as about something on file.
fn best(store: &Store, index: &Index, query: &str) -> String {
    let hits = index.search(store, query, 5);
    let hit = hits.first().expect("a hit");
    assert!(hit.score >= NEW_BELOW, "{query}: {hit:?}");
    match hit.claim {
        Some(c) => store.claim(c).id.clone(),
        None => format!("?{}", store.question(hit.question).id),
    }
}

#[test]
fn an_english_text_finds_a_french_claim_through_its_translation() {
    let (_dir, store) = fixture();
    let index = Index::build(&store);
    assert_eq!(
        best(
            &store,
            &index,
            "IS took only a few buildings in the east of the district"
        ),
        "al-watan-buildings"
    );
    let hit = index.search(&store, "At least 62 pro-regime fighters were killed", 1)[0];
    assert!(hit.score >= NEW_BELOW, "{hit:?}");
}

#[test]
fn a_french_text_finds_an_english_claim_through_its_translation() {
    let (_dir, store) = fixture();
    let index = Index::build(&store);
    assert_eq!(
        best(
            &store,
            &index,
            "Un million de tonnes de céréales ont quitté les ports ukrainiens"
        ),
        "afp-grain"
    );
    // And a French text finds a French claim by its own words.
    assert_eq!(
        best(
            &store,
            &index,
            "Selon l'OSDH, au moins 62 combattants prorégime ont été tués"
        ),
        "osdh-toll-62"
    );
}

#[test]
fn figures_decide_between_equal_wordings() {
    let claims = r#"event: e
questions:
  - {id: killed, ask: How many fighters were killed in Qadam?, kind: count}
claims:
  - {id: thirty-six, source: osdh, about: killed, value: 36, text: "36 fighters were killed in Qadam", lang: en}
  - {id: sixty-two, source: afp, about: killed, value: 62, text: "62 fighters were killed in Qadam", lang: en}
"#;
    let dir = store_dir(&[("e.yaml", claims)]);
    let store = Store::load(dir.path()).unwrap();
    let index = Index::build(&store);
    for query in [
        "62 killed",
        "Qadam: 62 fighters killed",
        "soixante-deux combattants tués à Qadam",
    ] {
        let hits = index.search(&store, query, 2);
        assert_eq!(
            store.claim(hits[0].claim.unwrap()).id,
            "sixty-two",
            "{query}"
        );
        assert!(hits[0].score > hits[1].score, "{query}: {hits:?}");
    }
}

#[test]
fn a_question_without_claims_can_be_found() {
    let (_dir, store) = fixture();
    let index = Index::build(&store);
    assert_eq!(
        best(
            &store,
            &index,
            "Des dizaines de navires attendent d'être inspectés au large d'Istanbul"
        ),
        "?ships-waiting"
    );
}

#[test]
fn an_unrelated_text_is_new() {
    let (_dir, store) = fixture();
    let index = Index::build(&store);
    for query in [
        "The price of bread rose by 5% in Paris last week",
        "Le Parlement a adopté la réforme des retraites",
        "",
        "😭🎤 pic.twitter.com/x",
    ] {
        for hit in index.search(&store, query, 5) {
            assert!(hit.score < NEW_BELOW, "{query}: {hit:?}");
        }
    }
}

#[test]
fn a_social_media_post_is_read_without_its_clutter() {
    let (_dir, store) = fixture();
    let index = Index::build(&store);
    assert_eq!(
        best(
            &store,
            &index,
            "BREAKING: 62 pro-regime fighters killed in #Qadam #Damascus pic.twitter.com/ECRqyfc8mI — Jane Doe (@JaneDoe) March 21, 2018"
        ),
        "osdh-toll-62"
    );
}

#[test]
fn the_cache_reads_back_the_same_index() {
    let (dir, _) = fixture();
    let store = Store::open(dir.path()).unwrap();
    let built = open(&store, dir.path());
    assert!(dir.path().join(".recoupe").join(CACHE_FILE).is_file());
    let cached = open(&store, dir.path());
    let query = "Au moins 62 combattants tués";
    assert_eq!(
        built.search(&store, query, 5),
        cached.search(&store, query, 5)
    );
    assert_eq!(built.len(), cached.len());
}

#[test]
fn the_cached_index_is_what_is_served() {
    // An index planted in the cache under the store's key is what the next
    // open gives: it was read, not rebuilt (a rebuild would hold every
    // document again).
    let (dir, _) = fixture();
    let store = Store::open(dir.path()).unwrap();
    let mut planted = Index::build(&store);
    planted.docs.truncate(1);
    planted.lengths.truncate(1);
    let key = (store.stamp().unwrap().clone(), format());
    write_stamped(dir.path(), CACHE_FILE, &key, &planted).unwrap();
    assert_eq!(open(&store, dir.path()).len(), 1);
    assert_eq!(Index::build(&store).len(), 5);
}

#[test]
fn the_fingerprint_covers_every_file_the_index_uses() {
    let covered = crate::store::cache::MODEL;
    assert_eq!(
        crate::store::cache::uncovered(CODE, &[covered]),
        Vec::<String>::new()
    );
}

#[test]
fn any_change_to_the_store_rebuilds_the_index() {
    let (dir, _) = fixture();
    let store = Store::open(dir.path()).unwrap();
    let _ = open(&store, dir.path());
    let file = dir.path().join("claims/grain.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "  - id: afp-ships\n    source: afp\n    about: ships-waiting\n    value: 40\n    text: \"Quarante navires attendent au large d'Istanbul\"\n    lang: fr\n",
    );
    std::fs::write(&file, text).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let index = open(&store, dir.path());
    assert_eq!(best(&store, &index, "40 navires attendent"), "afp-ships");
}

#[test]
fn a_broken_cache_is_rebuilt() {
    let (dir, _) = fixture();
    let store = Store::open(dir.path()).unwrap();
    let _ = open(&store, dir.path());
    std::fs::write(dir.path().join(".recoupe").join(CACHE_FILE), b"\x92garbage").unwrap();
    let index = open(&store, dir.path());
    assert_eq!(
        index.len(),
        5,
        "four claims and one question without claims"
    );
}

#[test]
fn a_store_read_without_the_cache_leaves_no_index_behind() {
    let (dir, store) = fixture();
    let _ = open(&store, dir.path());
    assert!(!dir.path().join(".recoupe").join(CACHE_FILE).exists());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn scores_are_probabilities_in_order(query in any::<String>(), top in 0usize..8) {
        let (_dir, store) = fixture();
        let index = Index::build(&store);
        let hits = index.search(&store, &query, top);
        prop_assert!(hits.len() <= top);
        for pair in hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
        for hit in hits {
            prop_assert!((0.0..=1.0).contains(&hit.score));
        }
    }

    #[test]
    fn wordy_queries_never_panic(words in proptest::collection::vec("[a-zA-Zéà0-9#@.,'’ -]{0,12}", 0..20)) {
        let (_dir, store) = fixture();
        let index = Index::build(&store);
        let query = words.join(" ");
        for hit in index.search(&store, &query, 10) {
            prop_assert!((0.0..=1.0).contains(&hit.score));
        }
    }
}

/// What an index ranks for `query`: every candidate with its features, to
/// the last bit.
fn ranked(index: &Index, query: &str) -> Vec<(Option<ClaimIx>, QuestionIx, [u64; 2])> {
    index
        .candidates(query, 50)
        .into_iter()
        .map(|c| {
            let [a, b] = c.features.values;
            (c.claim, c.question, [a.to_bits(), b.to_bits()])
        })
        .collect()
}

#[test]
fn an_extended_index_ranks_as_a_rebuilt_one() {
    let (dir, before) = fixture();
    let index = Index::build(&before);
    // Claims added in the first file (every later claim moves), one on a
    // question that had none (its document goes), and a new question
    // without claims (a document comes).
    let grain = GRAIN.to_string()
        + "  - {id: afp-ships, source: afp, about: ships-waiting, value: 80, text: \"80 navires attendent au large d'Istanbul\", lang: fr}\n"
        + "  - {id: afp-grain-2, source: afp, about: tonnes, value: 1200000, text: \"1.2 million tonnes of grain have now left the ports\", lang: en}\n";
    let qadam = QADAM.replace(
        "claims:\n",
        "  - {id: fled, ask: How many civilians fled Qadam?, kind: count}\nclaims:\n",
    );
    std::fs::write(dir.path().join("claims/grain.yaml"), grain).unwrap();
    std::fs::write(dir.path().join("claims/qadam.yaml"), qadam).unwrap();
    let after = Store::load(dir.path()).unwrap();
    let rebuilt = Index::build(&after);
    let extended = index.extended(&before, &after).expect("only additions");
    assert_eq!(extended.docs, rebuilt.docs);
    assert_eq!(extended.lengths, rebuilt.lengths);
    assert_eq!(extended.mean_lengths, rebuilt.mean_lengths);
    for query in [
        "Au moins 62 combattants tués à Qadam",
        "80 ships waiting off Istanbul",
        "How many civilians fled?",
        "grain tonnes left the ports",
        "plusieurs bâtiments",
    ] {
        assert_eq!(ranked(&extended, query), ranked(&rebuilt, query), "{query}");
    }
}

#[test]
fn an_extended_index_analyses_a_changed_claim_again() {
    let (dir, before) = fixture();
    let index = Index::build(&before);
    std::fs::write(
        dir.path().join("claims/qadam.yaml"),
        QADAM.replace("36 combattants", "37 combattants"),
    )
    .unwrap();
    let after = Store::load(dir.path()).unwrap();
    let rebuilt = Index::build(&after);
    let extended = index
        .extended(&before, &after)
        .expect("sources and questions are the same");
    let query = "37 combattants tués";
    assert_eq!(ranked(&extended, query), ranked(&rebuilt, query));
    assert_eq!(best(&after, &extended, query), "osdh-toll-36");
}

#[test]
fn an_index_is_not_extended_over_a_changed_question() {
    let (dir, before) = fixture();
    let index = Index::build(&before);
    std::fs::write(
        dir.path().join("claims/grain.yaml"),
        GRAIN.replace("How much grain", "How much wheat"),
    )
    .unwrap();
    let after = Store::load(dir.path()).unwrap();
    assert!(index.extended(&before, &after).is_none());
}
