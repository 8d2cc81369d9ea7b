//! Credit per figure, in French and English.

use super::super::tokens::tokenize;
use super::*;
use crate::error::Location;
use crate::extract::{SourceMatcher, extract_in};
use crate::store::{Source, SourceKind};
use crate::value::Value;
use crate::words::Lang;

fn source(id: &str, name: &str, aliases: &[&str]) -> Source {
    Source {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        kind: SourceKind::Other,
        alignment: None,
        prior: None,
        at: Location {
            file: "sources.yaml".into(),
            line: 1,
            column: 1,
        },
    }
}

fn matcher() -> SourceMatcher {
    SourceMatcher::new(&[
        source(
            "osdh",
            "Observatoire syrien des droits de l'Homme",
            &[
                "OSDH",
                "SOHR",
                "Syrian Observatory for Human Rights",
                "Syrian Observatory",
                "Observatoire",
            ],
        ),
        source("al-watan", "Al-Watan (Syria)", &["al-Watan", "Al Watan"]),
        source("afp", "Agence France-Presse", &["AFP"]),
        source("reuters", "Reuters", &[]),
        source(
            "ministere",
            "Ministère de l'Intérieur de Ruritanie",
            &[
                "ministère de l'Intérieur",
                "Intérieur",
                "Interior",
                "préfecture",
            ],
        ),
        source(
            "syndic",
            "Confédération des syndicats de Ruritanie",
            &["CSR", "les syndicats"],
        ),
        source("ocha", "Bureau humanitaire", &["OCHA", "UN", "U.N.", "ONU"]),
        source(
            "iom",
            "International Organization for Migration",
            &["IOM", "International Organization for Migration"],
        ),
        source(
            "redcrescent",
            "Red Crescent of Ruritania",
            &["Red Crescent", "Croissant-Rouge"],
        ),
        source(
            "health",
            "Ruritanian health authorities",
            &["Health authorities"],
        ),
        source("mayor", "Mayor of Zenda", &["mayor of Zenda"]),
        source("outlet-12", "Outlet 12", &[]),
        source("who", "World Health Organization", &["WHO", "OMS"]),
    ])
}

/// (figure value, source, via) of each figure of a text.
fn credits(text: &str) -> Vec<(Value, Option<String>, Vec<String>)> {
    extract_in(text, &matcher(), None)
        .into_iter()
        .filter(|f| f.value.is_numeric() || f.denied.is_some())
        .map(|f| (f.denied.clone().unwrap_or(f.value), f.source, f.via))
        .collect()
}

fn sources_of(text: &str) -> Vec<Option<String>> {
    credits(text).into_iter().map(|(_, s, _)| s).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn selon_and_according_to() {
    let a = attribute_text("L'organisation contrôle moins de 5% du territoire, selon l'OSDH.");
    assert_eq!(a.source.as_deref(), Some("osdh"));
    let a = attribute_text("At least 62 were killed, according to the Syrian Observatory.");
    assert_eq!(a.source.as_deref(), Some("osdh"));
    assert_eq!(
        sources_of("D'après l'OSDH, 62 combattants ont été tués."),
        [some("osdh")]
    );
}

fn attribute_text(text: &str) -> Attribution {
    let tokens = tokenize(text);
    attribute(text, &tokens, &matcher(), &[], None).sentence
}

#[test]
fn reporting_verbs_with_speaker_and_relay() {
    let figures = extract_in(
        "\"Le bilan est monté à 62\", a indiqué à l'AFP Rami Abdel Rahmane, le directeur de l'OSDH.",
        &matcher(),
        None,
    );
    assert_eq!(figures[0].source.as_deref(), Some("osdh"));
    assert_eq!(figures[0].via, ["afp"]);
    assert_eq!(figures[0].said_by.as_deref(), Some("Rami Abdel Rahmane"));
    let a = attribute_text(
        "Le quotidien prorégime al-Watan rapporte que les djihadistes ont pris plusieurs bâtiments.",
    );
    assert_eq!(a.source.as_deref(), Some("al-watan"));
    let f = &extract_in(
        "At least 62 fighters were killed, Rami Abdel Rahman told AFP.",
        &matcher(),
        None,
    )[0];
    assert_eq!(f.said_by.as_deref(), Some("Rami Abdel Rahman"));
    assert_eq!(f.via, ["afp"]);
    assert_eq!(sources_of("Reuters reported 40 dead."), [some("reuters")]);
    assert_eq!(
        sources_of("Forty people died, the Syrian Observatory said."),
        [some("osdh")]
    );
}

#[test]
fn unknown_sources_keep_their_words() {
    let text = "Selon le ministère, 40 morts.";
    let tokens = tokenize(text);
    let a = attribute(text, &tokens, &SourceMatcher::empty(), &[], None).sentence;
    assert_eq!(a.source, None);
    assert_eq!(a.credited_to.as_deref(), Some("le ministère"));
    assert!(!attribute_text("Plus de 350.000 personnes ont été tuées depuis 2011.").is_credited());
}

#[test]
fn two_credited_figures_in_one_sentence_keep_their_sources() {
    // Credit before the first figure, after the second.
    assert_eq!(
        sources_of(
            "Selon le ministère de l'Intérieur, 1,089 million de personnes ont manifesté et 3,5 millions, d'après la CSR."
        ),
        [some("ministere"), some("syndic")]
    );
    // Each credit right after its figure.
    assert_eq!(
        sources_of(
            "Grève : 3,5 millions de manifestants selon la CSR, 1,08 million pour l'Intérieur"
        ),
        [some("syndic"), some("ministere")]
    );
    assert_eq!(
        sources_of(
            "Entre 1,089 million de personnes, selon les autorités de l'Intérieur, et 3,5 millions, selon la CSR, ont manifesté."
        ),
        [some("ministere"), some("syndic")]
    );
    // English: "between X (A) and Y (B)"; "X said, whereas Y".
    assert_eq!(
        sources_of(
            "The protest gathered between 1.089 million (Interior) and 3.5 million (CSR) demonstrators."
        ),
        [some("ministere"), some("syndic")]
    );
    assert_eq!(
        sources_of(
            "At least 62 were killed, the Syrian Observatory said, whereas al-Watan reported 40."
        ),
        [some("osdh"), some("al-watan")]
    );
    // "contre N" takes the count's own source, "la même source" the one before.
    assert_eq!(
        sources_of(
            "La préfecture totalise 119 000 manifestants ce jeudi, contre 37 000 la semaine dernière."
        ),
        [some("ministere"), some("ministere")]
    );
    assert_eq!(
        sources_of(
            "Record à Paris avec 119.000 manifestants selon l'Intérieur, et en hausse par rapport au 15 mars, où 480.000 personnes étaient dans la rue, selon la même source."
        ),
        [some("ministere"), some("ministere")]
    );
    // Elliptic: "les syndicats ont compté N et la préfecture M".
    assert_eq!(
        sources_of("À Zenda, les syndicats ont compté 280.000 personnes et la préfecture 16.000."),
        [some("syndic"), some("ministere")]
    );
}

#[test]
fn a_trailing_credit_covers_its_clause_only() {
    // Over clauses without figures, to the one with them.
    assert_eq!(
        sources_of(
            "Au moins 11 300 personnes sont mortes et 10 100 restent disparues à Zenda, dans l'est, ravagée il y a une semaine, selon un bilan de l'ONU."
        ),
        [some("ocha"), some("ocha")]
    );
    // Not over a clause with figures of its own.
    assert_eq!(
        sources_of(
            "Hundreds of thousands took to the streets in more than 200 protests, 800,000 people marched in Zenda and 3.5 million across the country, according to the CSR."
        ),
        [None, None, some("syndic"), some("syndic")]
    );
    // Parentheses: inside, else the figure they follow.
    assert_eq!(
        sources_of(
            "Au total : 3,5 millions selon les chiffres de la CSR (dont 800 000 à Zenda) et près de 1,1 million selon le ministère de l'Intérieur (dont 119 000 dans la capitale)."
        ),
        [
            some("syndic"),
            some("syndic"),
            some("ministere"),
            some("ministere")
        ]
    );
}

#[test]
fn the_most_specific_organisation_is_credited() {
    assert_eq!(
        sources_of(
            "The floods have displaced at least 30,000 people, according to the U.N.'s International Organization for Migration."
        ),
        [some("iom")]
    );
    assert_eq!(
        sources_of(
            "Dans un communiqué publié plus tôt, l'OMS avait affirmé que 3 958 corps avaient été retrouvés."
        ),
        [some("who")]
    );
}

#[test]
fn generic_attribution_without_a_verb() {
    assert_eq!(
        sources_of("Health authorities previously had put the death toll at 5,500."),
        [some("health")]
    );
    assert_eq!(
        sources_of("Outlet 12 a compté 40 morts."),
        [some("outlet-12")]
    );
    // A source that is only an object is not the subject.
    assert_eq!(
        sources_of("The storm hit the AFP office, killing 3 people."),
        [None]
    );
}

#[test]
fn anaphora_credits_the_previous_speaker() {
    let text = "The Red Crescent says the toll has soared to 11,300. The Secretary General of the group says a further 10,100 are missing.";
    assert_eq!(sources_of(text), [some("redcrescent"), some("redcrescent")]);
    let text = "« Selon le Croissant-Rouge, les inondations ont fait 11 300 morts », a annoncé l'OCHA. Elles ont fait au moins 170 morts ailleurs, a-t-il ajouté.";
    let got = credits(text);
    assert_eq!(got[0].1, some("redcrescent"));
    assert_eq!(got[0].2, ["ocha"]);
    // "il" is who spoke, not who was quoted.
    assert_eq!(got[1].1, some("ocha"));
    // Without a speaker before, a pronoun credits no one.
    assert_eq!(sources_of("He said 40 people died."), [None]);
}

#[test]
fn relay_chains_run_from_the_first_relay() {
    assert_eq!(
        credits("The death toll has soared to 11,300, Reuters reports citing the Red Crescent."),
        [(
            Value::Exact(11300.0),
            some("redcrescent"),
            vec!["reuters".to_string()]
        )]
    );
    assert_eq!(
        credits(
            "Selon l'OCHA, un organisme de l'ONU qui citait le Croissant-Rouge, au moins 11 300 personnes sont mortes."
        ),
        [(
            Value::AtLeast(11300.0),
            some("redcrescent"),
            vec!["ocha".to_string()]
        )]
    );
}

#[test]
fn denials_are_not_the_deniers_toll() {
    let figures = extract_in(
        "Il n'y a pas 200 voire 500 morts, a déclaré le Croissant-Rouge.",
        &matcher(),
        Some(Lang::Fr),
    );
    assert_eq!(figures.len(), 2);
    for f in &figures {
        assert_eq!(f.value, Value::Unstated);
        assert!(f.denied.is_some());
    }
    let f = &extract_in(
        "The Red Crescent denied that 2,000 people had died.",
        &matcher(),
        None,
    )[0];
    assert_eq!(f.value, Value::Unstated);
    assert_eq!(f.denied, Some(Value::Exact(2000.0)));
    // "pas moins de" is a bound, not a denial.
    let f = &extract_in("Pas moins de 200 morts, selon l'OSDH.", &matcher(), None)[0];
    assert_eq!(f.value, Value::AtLeast(200.0));
    assert!(f.denied.is_none());
}

#[test]
fn projections_are_marked_and_bounded() {
    let f = &extract_in(
        "The mayor of Zenda said the tally could climb to 20,000 given the damage.",
        &matcher(),
        None,
    )[0];
    assert!(f.projection);
    assert_eq!(f.value, Value::AtMost(20000.0));
    assert_eq!(f.source.as_deref(), Some("mayor"));
    let f = &extract_in(
        "Le bilan pourrait atteindre 20 000 morts, selon le maire.",
        &matcher(),
        None,
    )[0];
    assert!(f.projection);
    assert_eq!(f.value, Value::AtMost(20000.0));
    let f = &extract_in("Some 2,000 people are feared dead.", &matcher(), None)[0];
    assert!(f.projection);
    let f = &extract_in(
        "Jusqu'à 700 morts selon les projections de l'OCHA.",
        &matcher(),
        None,
    )[0];
    assert!(f.projection);
    let f = &extract_in("Au moins 62 combattants ont été tués.", &matcher(), None)[0];
    assert!(!f.projection);
}

#[test]
fn a_paragraph_credited_once_credits_its_uncredited_figures() {
    // The credit before, in the same paragraph.
    assert_eq!(
        sources_of(
            "La tempête a fait au moins 11 300 morts, selon l'OCHA. Plus de 10 000 personnes restent portées disparues."
        ),
        [some("ocha"), some("ocha")]
    );
    assert_eq!(
        sources_of(
            "At least 62 fighters were killed, the Syrian Observatory said. Another 40 were wounded."
        ),
        [some("osdh"), some("osdh")]
    );
    // The credit after ("communicated it").
    assert_eq!(
        sources_of("In all, 123 policemen were injured. The Interior communicated it."),
        [some("ministere")]
    );
    assert_eq!(
        sources_of("Au total, 123 policiers ont été blessés. L'Intérieur l'a annoncé."),
        [some("ministere")]
    );
    // Before and after at the same distance: the one before.
    assert_eq!(
        sources_of("Selon l'OSDH, 62 morts. 40 blessés. Reuters a rapporté 30 disparus."),
        [some("osdh"), some("osdh"), some("reuters")]
    );
}

#[test]
fn a_paragraph_credit_stops_at_a_break_another_name_or_two_sources() {
    // A new paragraph: the outlet's own.
    assert_eq!(
        sources_of("Au moins 62 morts, selon l'OSDH.\nPlus de 40 blessés."),
        [some("osdh"), None]
    );
    // Another source named between (not crediting).
    assert_eq!(
        sources_of(
            "At least 62 died, according to the Syrian Observatory. Reuters visited the town. Another 40 were wounded."
        ),
        [some("osdh"), None]
    );
    // A neighbour that credits two sources lends nothing.
    assert_eq!(
        sources_of(
            "3,5 millions selon les syndicats, 1,08 million selon l'Intérieur. 800 000 à Paris."
        ),
        [some("syndic"), some("ministere"), None]
    );
    // A sentence that names someone keeps its own reading.
    assert_eq!(
        sources_of("Selon l'OSDH, 62 morts. Les secours ont remis 40 blessés à l'OCHA."),
        [some("osdh"), None]
    );
    // A subject alone ("Health authorities had put the toll at") credits its
    // own sentence only.
    assert_eq!(
        sources_of(
            "Health authorities previously put the toll at 5,500. The storm also killed about 170 people elsewhere."
        ),
        [some("health"), None]
    );
    // A difference is the outlet's arithmetic.
    assert_eq!(
        sources_of(
            "800 000 personnes ont manifesté, d'après les syndicats. C'est 100 000 de plus que le 7 mars."
        ),
        [some("syndic"), None]
    );
    assert_eq!(
        sources_of("Reuters counted 900 protesters. That is 200 more than last week."),
        [some("reuters"), None]
    );
}

#[test]
fn a_cue_without_a_source_in_its_clause_takes_the_agent_after_it() {
    assert_eq!(
        sources_of(
            "La tempête a fait au moins 11 300 morts, selon un bilan publié, dimanche, par un organisme de l'ONU."
        ),
        [some("ocha")]
    );
    assert_eq!(
        sources_of(
            "At least 11,300 died, according to figures released on Sunday by the Syrian Observatory."
        ),
        [some("osdh")]
    );
    // "par ailleurs" is not an agent.
    assert_eq!(
        sources_of("Au moins 20 morts, selon un bilan, par ailleurs contesté par l'ONU."),
        [None]
    );
}

#[test]
fn a_credit_does_not_reach_over_a_sentence_kept_in_an_open_quote() {
    // An opening quotation mark that never closes holds the sentences
    // together; a credit still credits its own sentence only.
    assert_eq!(
        sources_of(
            "“According to the Interior, 119,000 people went to the rallies in Paris. 800 thousand participants were counted in the VKT.\nThe Interior said at least 123 police officers were injured."
        ),
        [some("ministere"), None, some("ministere")]
    );
    assert_eq!(
        sources_of(
            "« Selon l'Intérieur, 119 000 personnes à Paris. 800 000 participants ont été comptés à la VKT."
        ),
        [some("ministere"), None]
    );
    // An abbreviation's full stop is not a sentence end.
    assert_eq!(
        sources_of("« Selon M. Abdel Rahmane de l'OSDH, 62 morts."),
        [some("osdh")]
    );
}
