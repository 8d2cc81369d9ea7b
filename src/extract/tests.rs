//! Whole-sentence tests: every qualifier of the issue in both languages,
//! vague words, exclusions, attribution, and the seed article.

use super::*;
use crate::error::Location;
use crate::store::{Source, SourceKind};
use proptest::prelude::*;

fn about(v: f64) -> Value {
    Value::About {
        about: v,
        low: None,
        high: None,
    }
}

/// "nearly X": just under X (DESIGN §10).
fn just_under(v: f64) -> Value {
    Value::About {
        about: v,
        low: Some(crate::round::to_places(
            0.9 * v,
            crate::round::places_in(v) + 1,
        )),
        high: Some(v),
    }
}

#[test]
fn nearly_is_just_under_the_figure() {
    assert_eq!(fr("Près de 300 familles ont fui."), [just_under(300.0)]);
    assert_eq!(fr("Presque 300 familles ont fui."), [just_under(300.0)]);
    assert_eq!(
        fr("Quasiment 3,5 millions de manifestants."),
        [just_under(3_500_000.0)]
    );
    assert_eq!(en("Nearly 300 families fled."), [just_under(300.0)]);
    assert_eq!(
        en("Almost 3.5 million people marched."),
        [just_under(3_500_000.0)]
    );
    assert_eq!(
        just_under(300.0),
        Value::About {
            about: 300.0,
            low: Some(270.0),
            high: Some(300.0)
        }
    );
    // "environ", "some" stay plain approximations.
    assert_eq!(fr("Environ 300 familles ont fui."), [about(300.0)]);
    assert_eq!(en("Some 300 families fled."), [about(300.0)]);
}

fn values_in(text: &str, lang: Lang) -> Vec<Value> {
    extract_in(text, &SourceMatcher::empty(), Some(lang))
        .into_iter()
        .map(|f| f.value)
        .collect()
}

fn fr(text: &str) -> Vec<Value> {
    values_in(text, Lang::Fr)
}

fn en(text: &str) -> Vec<Value> {
    values_in(text, Lang::En)
}

#[test]
fn french_qualifiers_in_sentences() {
    assert_eq!(
        fr("Au moins 62 combattants ont été tués."),
        [Value::AtLeast(62.0)]
    );
    assert_eq!(
        fr("Plus de 350.000 personnes ont été tuées."),
        [Value::MoreThan(350_000.0)]
    );
    assert_eq!(
        fr("Il contrôle moins de 5% du territoire."),
        [Value::LessThan(5.0)]
    );
    assert_eq!(fr("Environ 300 familles ont fui."), [about(300.0)]);
    assert_eq!(fr("Quelque 300 familles ont fui."), [about(300.0)]);
    assert_eq!(
        fr("Jusqu'à 700 salariés seront licenciés."),
        [Value::AtMost(700.0)]
    );
    assert_eq!(
        fr("Entre 50 et 70 soldats sont morts."),
        [Value::Between(50.0, 70.0)]
    );
    assert_eq!(fr("Une vingtaine de soldats sont morts."), [about(20.0)]);
    assert_eq!(fr("Une centaine de soldats sont morts."), [about(100.0)]);
    assert_eq!(fr("Un millier de soldats sont morts."), [about(1000.0)]);
    assert_eq!(
        fr("Plusieurs centaines de combattants ont été évacués."),
        [Value::Between(200.0, 999.0)]
    );
    assert_eq!(
        fr("Plusieurs dizaines de blessés."),
        [Value::Between(20.0, 99.0)]
    );
    assert_eq!(
        fr("Plusieurs milliers de manifestants."),
        [Value::Between(2000.0, 9999.0)]
    );
    assert_eq!(
        fr("Des dizaines de civils ont fui."),
        [Value::Between(20.0, 99.0)]
    );
    assert_eq!(
        fr("Moins d'un millier de pandas vivent encore."),
        [Value::LessThan(1000.0)]
    );
    assert_eq!(
        fr("Plus de dix mille réfugiés."),
        [Value::MoreThan(10_000.0)]
    );
    assert_eq!(
        fr("L'attentat a fait 62 morts au moins."),
        [Value::AtLeast(62.0)]
    );
}

#[test]
fn english_qualifiers_in_sentences() {
    assert_eq!(
        en("At least 62 fighters were killed."),
        [Value::AtLeast(62.0)]
    );
    assert_eq!(
        en("More than 350,000 people have been killed."),
        [Value::MoreThan(350_000.0)]
    );
    assert_eq!(en("Over 30 people died."), [Value::MoreThan(30.0)]);
    assert_eq!(en("Fewer than 10 people died."), [Value::LessThan(10.0)]);
    assert_eq!(
        en("It controls less than 5% of the territory."),
        [Value::LessThan(5.0)]
    );
    assert_eq!(en("Nearly 300 families fled."), [just_under(300.0)]);
    assert_eq!(en("Almost 300 families fled."), [just_under(300.0)]);
    assert_eq!(en("About 300 families fled."), [about(300.0)]);
    assert_eq!(en("Around 300 families fled."), [about(300.0)]);
    assert_eq!(en("Some 300 families fled."), [about(300.0)]);
    assert_eq!(
        en("Nissan plans to cut up to 700 jobs."),
        [Value::AtMost(700.0)]
    );
    assert_eq!(
        en("Between 50 and 70 soldiers died."),
        [Value::Between(50.0, 70.0)]
    );
    assert_eq!(
        en("Dozens of civilians fled."),
        [Value::Between(24.0, 99.0)]
    );
    assert_eq!(
        en("Hundreds of civilians fled."),
        [Value::Between(200.0, 999.0)]
    );
    assert_eq!(
        en("Several hundred fighters were evacuated."),
        [Value::Between(200.0, 999.0)]
    );
    assert_eq!(
        en("Three hundred and fifty thousand people died."),
        [Value::Exact(350_000.0)]
    );
    assert_eq!(
        en("Fewer than a thousand giant pandas live in the wild."),
        [Value::LessThan(1000.0)]
    );
    assert_eq!(
        en("It is more than 10 and less than 40."),
        [Value::Between(10.0, 40.0)]
    );
    assert_eq!(en("There are 500 or more."), [Value::AtLeast(500.0)]);
}

#[test]
fn written_numbers_and_percentages() {
    assert_eq!(
        fr("Trente-six combattants ont été tués."),
        [Value::Exact(36.0)]
    );
    assert_eq!(fr("Vingt et un blessés."), [Value::Exact(21.0)]);
    assert_eq!(fr("Cinq pour cent des voix."), [Value::Exact(5.0)]);
    assert_eq!(en("Sixty percent of voters."), [Value::Exact(60.0)]);
    assert_eq!(fr("2 millions de réfugiés."), [Value::Exact(2e6)]);
    assert_eq!(fr("1,5 million de réfugiés."), [Value::Exact(1.5e6)]);
    assert_eq!(en("3.5 million refugees."), [Value::Exact(3.5e6)]);
    let figures = extract_in(
        "It controls 60 percent of the land.",
        &SourceMatcher::empty(),
        Some(Lang::En),
    );
    assert_eq!(figures[0].unit.as_deref(), Some("percent"));
}

#[test]
fn numbers_that_are_not_claims() {
    assert!(fr("Le conflit dure depuis 2011.").is_empty());
    assert!(fr("Il est arrivé lundi 19 mars à 10h30.").is_empty());
    assert!(en("He arrived on March 19, 2018, at 10:30.").is_empty());
    assert!(fr("C'est le 2e jour de la 3ème semaine.").is_empty());
    assert!(en("The Covid-19 summit of the G7.").is_empty());
}

#[test]
fn nouns_and_quotes() {
    let figures = extract_in(
        "Au moins 62 combattants prorégime ont été tués.",
        &SourceMatcher::empty(),
        Some(Lang::Fr),
    );
    assert_eq!(figures[0].noun.as_deref(), Some("combattants prorégime"));
    assert_eq!(figures[0].quote, "Au moins 62 combattants prorégime");
    assert_eq!(figures[0].qualifier.as_deref(), Some("Au moins"));
    let figures = extract_in(
        "More than 350,000 people have been killed.",
        &SourceMatcher::empty(),
        None,
    );
    assert_eq!(figures[0].noun.as_deref(), Some("people"));
    assert_eq!(figures[0].lang, Some(Lang::En));
}

fn seed_sources() -> Vec<Source> {
    let at = Location {
        file: "sources.yaml".into(),
        line: 1,
        column: 1,
    };
    let source = |id: &str, name: &str, aliases: &[&str]| Source {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        kind: SourceKind::Other,
        alignment: None,
        prior: None,
        at: at.clone(),
    };
    vec![
        source(
            "osdh",
            "Observatoire syrien des droits de l'Homme",
            &["OSDH", "Syrian Observatory", "Observatoire"],
        ),
        source("al-watan", "Al-Watan (Syria)", &["al-Watan", "Al Watan"]),
        source("afp", "Agence France-Presse", &["AFP"]),
    ]
}

#[test]
fn the_seed_article() {
    let text = include_str!("../../tests/fixtures/seed-qadam-afp-2018-03.txt");
    let figures = extract(text, &SourceMatcher::new(&seed_sources()));
    let find = |value: Value| figures.iter().find(|f| f.value == value);
    let toll = find(Value::AtLeast(62.0)).expect("at least 62");
    assert_eq!(toll.source.as_deref(), Some("osdh"));
    let quoted = find(Value::Exact(62.0)).expect("the quoted 62");
    assert_eq!(quoted.said_by.as_deref(), Some("Rami Abdel Rahmane"));
    assert_eq!(quoted.via, ["afp"]);
    assert_eq!(quoted.source.as_deref(), Some("osdh"));
    assert_eq!(
        find(Value::Exact(36.0)).and_then(|f| f.source.as_deref()),
        Some("osdh")
    );
    assert!(find(Value::MoreThan(350_000.0)).is_some());
    assert_eq!(
        find(Value::LessThan(5.0)).and_then(|f| f.source.as_deref()),
        Some("osdh")
    );
    assert!(find(Value::Between(200.0, 999.0)).is_some());
    let watan = figures
        .iter()
        .find(|f| f.source.as_deref() == Some("al-watan"))
        .expect("al-Watan's statement");
    assert_eq!(watan.value, Value::Unstated);
    assert!(watan.quote.contains("plusieurs bâtiments"));
    assert!(!figures.iter().any(|f| {
        f.value
            .numbers()
            .iter()
            .any(|&n| n == 2011.0 || n == 2014.0 || n == 2018.0)
    }));
    assert_eq!(header_date(text), Some("2018-03"));
}

#[test]
fn parse_claim_reads_one_sentence() {
    let sources = SourceMatcher::new(&seed_sources());
    let claim = parse_claim(
        "Selon l'OSDH, 70 combattants ont été tués à Qadam",
        &sources,
    )
    .expect("a figure");
    assert_eq!(claim.value, Value::Exact(70.0));
    assert_eq!(claim.source.as_deref(), Some("osdh"));
    assert_eq!(claim.lang, Some(Lang::Fr));
    assert!(parse_claim("Nothing to see here.", &sources).is_none());
}

#[test]
fn overlapping_readings_do_not_panic() {
    let text = "twelve point nine nine, one hundred twenty point zero five, one point two hundred thirty-six";
    assert!(!en(text).is_empty());
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in any::<String>()) {
        let sources = SourceMatcher::new(&seed_sources());
        let _ = extract(&s, &sources);
        let _ = parse_claim(&s, &sources);
    }

    #[test]
    fn never_panics_on_number_like_text(s in "[0-9 .,%\u{a0}\u{202f}a-zé'’«»\"-]{0,40}") {
        let _ = extract_in(&s, &SourceMatcher::empty(), Some(Lang::Fr));
        let _ = extract_in(&s, &SourceMatcher::empty(), Some(Lang::En));
    }

    /// Number words, scale words, qualifiers and separators in any order:
    /// where the readings of digits, text2num and vague words can collide.
    #[test]
    fn never_panics_on_number_words(words in prop::collection::vec(prop::sample::select(vec![
        "one", "two", "point", "hundred", "thousand", "million", "trillion", "and", "a", "half",
        "dozen", "dozens", "several", "of", "more", "than", "between", "to", "-", "%", "percent",
        "un", "deux", "virgule", "cent", "mille", "millions", "milliard", "et", "demi", "plus", "de",
        "moins", "entre", "à", "centaines", "dizaines", "une", "vingtaine", "millier", "3", "62",
        "350.000", "1,5", "2014", "19", "mars", ",", ".", "k", "minus", "neuf", "pour",
        "demi-million", "demi-douzaine", "half", "few", "des", "tens", "(", "»", "à l'AFP", "selon",
    ]), 0..14)) {
        let text = words.join(" ");
        let _ = extract_in(&text, &SourceMatcher::empty(), Some(Lang::Fr));
        let _ = extract_in(&text, &SourceMatcher::empty(), Some(Lang::En));
    }
}

#[test]
fn a_half_word_at_the_start_does_not_underflow() {
    assert_eq!(en("a demi-million"), [Value::Exact(500_000.0)]);
    assert_eq!(fr("demi-million"), [Value::Exact(500_000.0)]);
}

fn percent(text: &str, lang: Lang) -> Vec<(Value, Option<String>)> {
    extract_in(text, &SourceMatcher::empty(), Some(lang))
        .into_iter()
        .map(|f| (f.value, f.unit))
        .collect()
}

#[test]
fn shares_in_words_are_shares_with_their_qualifier() {
    let pc = Some("percent".to_string());
    assert_eq!(
        percent("More than half of the homes were destroyed.", Lang::En),
        [(Value::MoreThan(50.0), pc.clone())]
    );
    assert_eq!(
        percent("Plus de la moitié des maisons ont été détruites.", Lang::Fr),
        [(Value::MoreThan(50.0), pc.clone())]
    );
    assert_eq!(
        percent("Two thirds of the voters stayed home.", Lang::En),
        [(Value::Exact(66.67), pc.clone())]
    );
    assert_eq!(
        percent("Les trois quarts des habitants ont fui.", Lang::Fr),
        [(Value::Exact(75.0), pc.clone())]
    );
    assert_eq!(
        percent("One in five children is malnourished.", Lang::En),
        [(Value::Exact(20.0), pc.clone())]
    );
    assert_eq!(
        percent("Un enfant sur dix est malnutri.", Lang::Fr),
        [(Value::Exact(10.0), pc.clone())]
    );
    assert_eq!(
        percent("Only one hospital is working.", Lang::En),
        [(Value::Exact(1.0), None)]
    );
    assert_eq!(
        percent("Un seul hôpital fonctionne encore.", Lang::Fr),
        [(Value::Exact(1.0), None)]
    );
}

#[test]
fn a_million_in_words_is_a_count_with_its_qualifier() {
    let million = 1_000_000.0;
    assert_eq!(
        en("Over a million people marched."),
        [Value::MoreThan(million)]
    );
    assert_eq!(
        en("The demonstrators were just over a million."),
        [Value::MoreThan(million)]
    );
    assert_eq!(
        en("There were around a million demonstrators."),
        [about(million)]
    );
    // A wire drops the article: "the more than million people".
    assert_eq!(
        en("Police protected the more than million people who marched."),
        [Value::MoreThan(million)]
    );
    assert_eq!(en("A million people marched."), [Value::Exact(million)]);
    assert_eq!(en("Just under a million voted."), [just_under(million)]);
    assert_eq!(fr("Un million de manifestants."), [Value::Exact(million)]);
    assert_eq!(
        fr("Plus d'un million de manifestants."),
        [Value::MoreThan(million)]
    );
    assert_eq!(
        fr("Un peu plus d'un million de manifestants."),
        [Value::MoreThan(million)]
    );
    assert_eq!(fr("Environ un million de manifestants."), [about(million)]);
    // Still vague: plural scale words, and a scale word alone.
    assert_eq!(
        en("Millions of people marched."),
        [Value::Between(2e6, 9_999_999.0)]
    );
    assert!(en("The million-dollar question.").is_empty());
}
