//! Understanding a new claim as a user gives it (DESIGN §5): free text, a
//! YAML claim file, or flags — or free text with flags that correct what
//! was read from it (`recoupe check "70 tués selon l'OSDH" --about …`).
//!
//! The result is a [`Draft`]: references resolved against the store, the
//! value in its DESIGN §1 form, the date given or today's. Every mistake is
//! a plain sentence naming the input at fault, with the nearest valid name
//! when there is one, so `check`, `add` and `import` can refuse it with
//! exit status 2.

use crate::date::ClaimDate;
use crate::error::Error;
use crate::escape::{escape, quoted};
use crate::extract::{self, SourceMatcher};
use crate::store::{Draft, Question, QuestionIx, SourceIx, Store};
use crate::suggest::nearest;
use crate::value::Value;
use crate::words::{self, Lang};
use std::path::PathBuf;

/// A new claim as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct ClaimInput {
    /// Free text, French or English.
    pub text: Option<String>,
    /// A YAML file holding one claim.
    pub file: Option<PathBuf>,
    /// `EVENT/QUESTION`.
    pub about: Option<String>,
    /// A value: YAML form (`70`, `{at_least: 70}`), a category, or words
    /// ("at least 70", "plusieurs centaines").
    pub value: Option<String>,
    /// Who said it: a source id (`--source`).
    pub source: Option<String>,
    /// Who relayed it: source ids from the first relay to the outlet
    /// that published it (`--via`, repeated).
    pub via: Vec<String>,
    /// The person quoted (`--said-by`).
    pub said_by: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`--date`).
    pub date: Option<String>,
    /// The report's address (`--url`).
    pub url: Option<String>,
    /// When the outlet published it (`--published`).
    pub published: Option<String>,
    /// An archived copy's address (`--archive`).
    pub archive: Option<String>,
    /// A free-text note (`--note`).
    pub note: Option<String>,
}

impl ClaimInput {
    /// Where the claim's value comes from: stated (`--value`, `--file`)
    /// or read from its wording.
    pub(crate) fn value_origin(&self) -> ValueOrigin {
        if self.value.is_some() || self.file.is_some() {
            ValueOrigin::Stated
        } else {
            ValueOrigin::Wording
        }
    }
}

/// Where a draft's value came from, which decides what happens when it
/// does not fit its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueOrigin {
    /// The user stated it (`--value`, `--file`): it must fit, or the claim
    /// is refused.
    Stated,
    /// It was read from the claim's wording: a figure on a text or category
    /// question is the wording's, not the claim's value, and is dropped.
    Wording,
}

fn input_error(message: String) -> Error {
    Error::Input(message)
}

/// Builds the draft a [`ClaimInput`] describes; undated claims are dated
/// `today`.
pub fn draft(store: &Store, input: &ClaimInput, today: ClaimDate) -> Result<Draft, Error> {
    let mut draft = match (&input.text, &input.file) {
        (Some(_), Some(_)) => {
            return Err(input_error(
                "give the claim as text or as --file, not both".to_string(),
            ));
        }
        (Some(text), None) if text.trim().is_empty() => {
            return Err(input_error("the claim's text is empty".to_string()));
        }
        (Some(text), None) => from_text(store, text),
        (None, Some(file)) => store.read_draft(file)?,
        (None, None) => Draft::empty(),
    };
    if let Some(about) = &input.about {
        draft.question = Some(question(store, about)?);
    }
    if let Some(source) = &input.source {
        draft.source = Some(source_named(store, source, "--source")?);
    }
    if !input.via.is_empty() {
        draft.via = input
            .via
            .iter()
            .map(|v| source_named(store, v, "--via"))
            .collect::<Result<_, _>>()?;
    }
    provenance(&mut draft, input)?;
    if let Some(person) = &input.said_by {
        draft.said_by = Some(person.clone());
    }
    if let Some(date) = &input.date {
        draft.date = Some(
            ClaimDate::parse(date).map_err(|e| input_error(format!("--date: {}", escape(&e))))?,
        );
    }
    if let Some(value) = &input.value {
        let q = draft.question.map(|q| store.question(q));
        let parsed = match dotted_thousands(store, &draft, value)? {
            Some(value) => ParsedValue { value, unit: None },
            None => parse_value(value, q).map_err(|e| input_error(format!("--value: {e}")))?,
        };
        draft.value = parsed.value;
        if parsed.unit.is_some() {
            draft.unit = parsed.unit;
        }
    }
    if input.text.is_none() && input.file.is_none() && input.value.is_none() {
        return Err(input_error(
            "no claim given: write it as text, give --file claim.yaml, or --value V with --about EVENT/QUESTION".to_string(),
        ));
    }
    if draft.date.is_none() {
        draft.date = Some(today);
    }
    if draft.source.is_some_and(|s| draft.via.contains(&s)) {
        return Err(input_error(
            "--via names the claim's own source: a source does not relay itself".to_string(),
        ));
    }
    fit(store, &mut draft, input.value_origin())?;
    Ok(draft)
}

/// The flags that say where the claim was published, checked as the
/// loader checks the keys they become.
fn provenance(draft: &mut Draft, input: &ClaimInput) -> Result<(), Error> {
    for (flag, address) in [("--url", &input.url), ("--archive", &input.archive)] {
        if let Some(a) = address {
            crate::store::check_web_address(a)
                .map_err(|why| input_error(format!("{flag}: `{}` {why}", quoted(a))))?;
        }
    }
    if let Some(url) = &input.url {
        draft.provenance.url = Some(url.clone());
    }
    if let Some(archive) = &input.archive {
        draft.provenance.archive = Some(archive.clone());
    }
    if let Some(note) = &input.note {
        draft.provenance.note = Some(note.clone());
    }
    if let Some(published) = &input.published {
        draft.provenance.published = Some(
            ClaimDate::parse(published)
                .map_err(|e| input_error(format!("--published: {}", escape(&e))))?,
        );
    }
    Ok(())
}

/// The most words of a wording that are read for its figure and source and
/// that retrieval is asked about: a claim is a sentence or a paragraph, and
/// a whole book pasted as one "claim" must cost bounded time and memory
/// (the index query holds every term; attribution reads every clause).
pub const QUERY_WORDS: usize = 1_000;

/// The first [`QUERY_WORDS`] words of `text`: what is read of a free-text
/// claim, and what retrieval searches for (the stored wording stays whole).
pub fn query(text: &str) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > QUERY_WORDS {
                return &text[..i];
            }
        }
    }
    text
}

/// What free text says: its first figure (or its statement), who it is
/// credited to, its language.
fn from_text(store: &Store, text: &str) -> Draft {
    let read = query(text);
    let matcher = SourceMatcher::new(store.sources());
    let lang = words::guess_language(read).map(|l| l.code().to_string());
    let mut draft = Draft {
        text: text.trim().to_string(),
        lang,
        ..Draft::empty()
    };
    if let Some(figure) = extract::parse_claim(read, &matcher) {
        draft.value = figure.value.clone();
        draft.unit = figure.unit.clone();
        draft.source = figure.source.as_deref().and_then(|s| store.find_source(s));
        // The whole relay chain read from the wording, first relay first.
        draft.via = figure
            .via
            .iter()
            .filter_map(|s| store.find_source(s))
            .filter(|&v| Some(v) != draft.source)
            .collect();
        draft.said_by = figure.said_by.clone();
    }
    if draft.source.is_none() {
        draft.source = sole_mention(store, read, &draft.via);
    }
    draft
}

/// The one source of the store that `text` names (by id, name or alias,
/// as [`SourceMatcher`] finds them), other than its relay `via`: the
/// source of a claim whose wording credits it without a cue that
/// attribution knows ("The mayor of Derna warned…", "le cabinet
/// Occurrence a compté…"). None when the text names none, or several: then
/// who said it is not for a guess.
fn sole_mention(store: &Store, text: &str, via: &[SourceIx]) -> Option<SourceIx> {
    let mut named = store
        .sources()
        .iter()
        .filter(|s| SourceMatcher::new(std::slice::from_ref(*s)).blank_mentions(text) != text)
        .filter_map(|s| store.find_source(&s.id))
        .filter(|s| !via.contains(s));
    let first = named.next()?;
    named.next().is_none().then_some(first)
}

/// A question named `EVENT/QUESTION`.
pub fn question(store: &Store, reference: &str) -> Result<QuestionIx, Error> {
    if let Some(q) = store.find_question(reference) {
        return Ok(q);
    }
    let all: Vec<String> = store
        .question_ixs()
        .map(|q| store.question_key(q))
        .collect();
    let names: Vec<&str> = all.iter().map(String::as_str).collect();
    let hint = match nearest(reference, &names) {
        Some(near) => format!("did you mean `{near}`?"),
        None if reference.contains('/') => {
            "see `recoupe report` for the questions on file".to_string()
        }
        None => "write EVENT/QUESTION".to_string(),
    };
    Err(input_error(format!(
        "--about `{}` names no question ({hint})",
        quoted(reference)
    )))
}

fn source_named(store: &Store, id: &str, flag: &str) -> Result<SourceIx, Error> {
    store.find_source(id).ok_or_else(|| {
        let ids: Vec<&str> = store.sources().iter().map(|s| s.id.as_str()).collect();
        let hint = match nearest(id, &ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("sources: {}", ids.join(", ")),
        };
        input_error(format!(
            "{flag} `{}` is not a source of the store ({hint})",
            quoted(id)
        ))
    })
}

/// A value read from the command line or an imported cell, with the unit
/// its words gave ("5%" is a figure in percent).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedValue {
    pub value: Value,
    pub unit: Option<String>,
}

/// Reads a value: the YAML form (`70`, `{at_least: 70}`, `{is: x}`,
/// `null`), words ("at least 70", "plusieurs centaines", "seventy", "5%")
/// that are wholly a figure, or a bare category (`whole-district`) when
/// the question is a category question or not known. A text that starts
/// like the YAML form is read as YAML only, so a mistyped form is refused
/// rather than replaced by some number found in it.
pub(crate) fn parse_value(text: &str, question: Option<&Question>) -> Result<ParsedValue, String> {
    let trimmed = text.trim();
    let plain = |value| Ok(ParsedValue { value, unit: None });
    let yaml = Value::from_yaml(trimmed);
    if trimmed.starts_with(['{', '[']) {
        return yaml
            .map_err(|e| format!("`{}`: {}", quoted(trimmed), escape(&e)))
            .and_then(plain);
    }
    if let Ok(value) = yaml {
        return plain(value);
    }
    if trimmed.parse::<f64>().is_ok_and(|x| !x.is_finite()) {
        return Err(format!("`{}` is not a finite number", quoted(trimmed)));
    }
    let is_word = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    // On a category question a lone word is a category ("half" is not 50%).
    if is_word && question.is_some_and(|q| q.kind == crate::store::QuestionKind::Category) {
        return plain(Value::Is(trimmed.to_string()));
    }
    // Words, in either language: a lone number word says too little for
    // the language to be guessed, so both are tried. The text's words are
    // folded once: a text of many figures costs one pass, not one per
    // figure.
    let whole = words::words(trimmed);
    let whole_figure = [None, Some(Lang::Fr), Some(Lang::En)]
        .into_iter()
        .find_map(|lang| {
            extract::extract_in(trimmed, &SourceMatcher::empty(), lang)
                .into_iter()
                .find(|f| f.value.is_numeric() && words::words(&f.quote) == whole)
        });
    if let Some(figure) = whole_figure {
        return Ok(ParsedValue {
            value: figure.value,
            unit: figure.unit,
        });
    }
    let numeric_question = question.is_some_and(|q| q.kind.is_numeric());
    if is_word && !numeric_question {
        return plain(Value::Is(trimmed.to_string()));
    }
    Err(format!(
        "cannot read `{}` as a value (write 70, '{{at_least: 70}}', \"at least 70\", or a category such as whole-district)",
        quoted(trimmed)
    ))
}

/// `--value 11.300` where a count is meant (the question is a count, or
/// not known yet): French groups thousands with a dot, so in a French
/// claim it is 11,300; in any other, or when the language is not known, it
/// is refused as ambiguous, never read as 11.3 people. The language is the
/// claim's (its wording's or its file's `lang`), else the one language of
/// the question's stored claims. `None` when the text is not of that form.
fn dotted_thousands(store: &Store, draft: &Draft, text: &str) -> Result<Option<Value>, Error> {
    let t = text.trim();
    let mut groups = t.split('.');
    let head = groups.next().unwrap_or("");
    let tail: Vec<&str> = groups.collect();
    let grouped = (1..=3).contains(&head.len())
        && !head.starts_with('0')
        && head.bytes().all(|b| b.is_ascii_digit())
        && !tail.is_empty()
        && tail
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    let question = draft.question.map(|q| store.question(q));
    if !grouped || question.is_some_and(|q| q.kind != crate::store::QuestionKind::Count) {
        return Ok(None);
    }
    let lang = draft.lang.clone().or_else(|| {
        let q = question?;
        let mut langs = q
            .claims
            .iter()
            .filter_map(|&c| store.claim(c).lang.as_deref());
        let first = langs.next()?;
        langs.all(|l| l == first).then(|| first.to_string())
    });
    if lang.as_deref() == Some("fr") {
        return Ok(Some(Value::Exact(t.replace('.', "").parse().map_err(
            |_| input_error(format!("--value: `{}` is not a number", quoted(t))),
        )?)));
    }
    let whole = t.replace('.', "");
    Err(input_error(format!(
        "--value `{}` is ambiguous on a count: {whole} written with a French thousands dot, or {} with decimals? Write {whole} (or {{about: {}}} if a fraction is meant)",
        quoted(t),
        t.trim_end_matches('0'),
        t.trim_end_matches('0'),
    )))
}

/// Makes a draft fit the question it answers, once that is known (given or
/// retrieved), as [`ValueOrigin`] says: a figure read from the wording of a
/// claim on a text or category question is dropped; a stated value must
/// fit, or the claim is refused with the reason.
pub fn fit(store: &Store, draft: &mut Draft, origin: ValueOrigin) -> Result<(), Error> {
    let Some(q) = draft.question else {
        return Ok(());
    };
    let question = store.question(q);
    let from_wording_only = origin == ValueOrigin::Wording && draft.value.is_numeric();
    if from_wording_only && !question.kind.is_numeric() {
        draft.value = Value::Unstated;
        draft.unit = None;
    }
    // A category read from the wording through the words the store gives
    // for each value ("a misfired rocket" states `misfired-rocket`).
    if origin == ValueOrigin::Wording
        && draft.value == Value::Unstated
        && let Some(category) = question.category_stated(query(&draft.text))
    {
        draft.value = Value::Is(category.to_string());
    }
    match crate::store::misfit(question, &draft.value, draft.unit.as_deref()) {
        Some(reason) => Err(input_error(format!(
            "the claim's value, {}, does not fit {}: {reason}",
            escape(&draft.value.words(false)),
            store.question_key(q)
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Store {
        Store::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn today() -> ClaimDate {
        ClaimDate::parse("2026-11-25").unwrap()
    }

    fn value(text: &str) -> Result<Value, String> {
        parse_value(text, None).map(|p| p.value)
    }

    #[test]
    fn a_value_of_many_figures_is_refused_in_one_pass() {
        // Found by fuzzing: the text's words were folded again for every
        // figure in it, so 30 KB of figures took minutes (this one, 45 KB, over two).
        let text = "st: 3958}".repeat(5_000);
        let err = value(&text).unwrap_err();
        assert!(err.starts_with("cannot read `st: 3958}st"), "{err}");
    }

    #[test]
    fn values_in_every_form() {
        assert_eq!(value("70"), Ok(Value::Exact(70.0)));
        assert_eq!(value("{at_least: 70}"), Ok(Value::AtLeast(70.0)));
        assert_eq!(value("at least 70"), Ok(Value::AtLeast(70.0)));
        assert_eq!(value("au moins 70"), Ok(Value::AtLeast(70.0)));
        assert_eq!(value("seventy"), Ok(Value::Exact(70.0)));
        assert_eq!(value("trente-six"), Ok(Value::Exact(36.0)));
        assert_eq!(
            value("plusieurs centaines"),
            Ok(Value::Between(200.0, 999.0))
        );
        assert_eq!(
            value("whole-district"),
            Ok(Value::Is("whole-district".into()))
        );
        assert_eq!(
            parse_value("5%", None).unwrap().unit.as_deref(),
            Some("percent")
        );
        assert!(value("lots and lots").is_err());
    }

    #[test]
    fn a_mistyped_form_is_refused_not_replaced_by_a_number_in_it() {
        for bad in [
            "{between: [70, 50]}",
            "{at_lest: 70}",
            "{at_least: 70",
            "{about: 50, low: 60}",
            "{less_than: 80, more_than: 60}",
        ] {
            assert!(
                value(bad).is_err(),
                "{bad} was accepted as {:?}",
                value(bad)
            );
        }
        assert!(value("1e400").is_err());
        assert!(
            value("70 morts et 3 blessés").is_err(),
            "two figures are not one value"
        );
    }

    #[test]
    fn a_value_must_fit_the_question() {
        let store = shipped();
        let err = |about: &str, v: &str| {
            let input = ClaimInput {
                about: Some(about.into()),
                value: Some(v.into()),
                source: Some("afp".into()),
                ..Default::default()
            };
            draft(&store, &input, today())
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        let half = err("qadam-2018-03/control-extent", "half");
        assert!(
            half.contains("`half` is not a value of question `control-extent`"),
            "{half}"
        );
        let category = err("qadam-2018-03/pro-regime-killed", "whole-district");
        assert!(
            category.contains("cannot read `whole-district` as a value"),
            "{category}"
        );
        assert!(err("qadam-2018-03/control-extent", "70").contains("category question"));
        assert!(
            err("qadam-2018-03/is-territory-share", "150").contains("figures go from 0 to 100")
        );
    }

    #[test]
    fn a_figure_in_the_wording_of_a_text_claim_is_not_its_value() {
        let store = shipped();
        let input = ClaimInput {
            text: Some("Selon al-Watan, les 70 morts sont des soldats de l'armée".into()),
            about: Some("qadam-2018-03/who-was-killed".into()),
            ..Default::default()
        };
        let d = draft(&store, &input, today()).unwrap();
        assert_eq!(d.value, Value::Unstated);
    }

    #[test]
    fn free_text_is_read_and_flags_correct_it() {
        let store = shipped();
        let input = ClaimInput {
            text: Some("Selon l'OSDH, 70 combattants ont été tués à Qadam".into()),
            ..ClaimInput::default()
        };
        let d = draft(&store, &input, today()).unwrap();
        assert_eq!(d.value, Value::Exact(70.0));
        assert_eq!(d.source, store.find_source("osdh"));
        assert_eq!(d.lang.as_deref(), Some("fr"));
        assert_eq!(d.date, Some(today()));
        let corrected = ClaimInput {
            source: Some("al-watan".into()),
            date: Some("2018-03-21".into()),
            ..input
        };
        let d = draft(&store, &corrected, today()).unwrap();
        assert_eq!(d.source, store.find_source("al-watan"));
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2018-03-21"));
    }

    #[test]
    fn a_source_named_without_a_cue_is_credited_when_it_is_the_only_one() {
        let store = shipped();
        let read = |text: &str| {
            from_text(&store, text)
                .source
                .map(|s| store.source(s).id.clone())
        };
        // No "selon", no "said": the name alone credits it.
        assert_eq!(
            read("L'OSDH dénombre 70 combattants tués").as_deref(),
            Some("osdh")
        );
        assert_eq!(
            read("Al-Watan counts only 40 dead fighters").as_deref(),
            Some("al-watan")
        );
        // Two sources named: not a guess.
        assert_eq!(read("L'OSDH et al-Watan: 70 combattants tués"), None);
        assert_eq!(read("70 combattants tués à Qadam"), None);
    }

    #[test]
    fn shares_and_single_counts_in_words_are_values() {
        assert_eq!(value("more than half"), Ok(Value::MoreThan(50.0)));
        assert_eq!(value("plus de la moitié"), Ok(Value::MoreThan(50.0)));
        assert_eq!(value("la moitié"), Ok(Value::Exact(50.0)));
        assert_eq!(value("les trois quarts"), Ok(Value::Exact(75.0)));
        assert_eq!(value("un sur dix"), Ok(Value::Exact(10.0)));
        assert_eq!(value("one in five"), Ok(Value::Exact(20.0)));
        assert_eq!(
            parse_value("two thirds", None).unwrap().unit.as_deref(),
            Some("percent")
        );
        assert_eq!(value("only one"), Ok(Value::Exact(1.0)));
        assert_eq!(value("un seul"), Ok(Value::Exact(1.0)));
    }

    #[test]
    fn a_dotted_thousand_on_a_count_follows_the_language_or_is_refused() {
        let store = shipped();
        let read = |text: Option<&str>, v: &str| {
            let input = ClaimInput {
                text: text.map(str::to_string),
                about: Some("qadam-2018-03/pro-regime-killed".into()),
                value: Some(v.into()),
                source: Some("osdh".into()),
                ..Default::default()
            };
            draft(&store, &input, today()).map(|d| d.value)
        };
        // French wording: the dot groups thousands.
        assert_eq!(
            read(
                Some("Selon l'OSDH, 11.300 combattants ont été tués"),
                "11.300"
            )
            .unwrap(),
            Value::Exact(11300.0)
        );
        // English wording: refused, never 11.3 fighters.
        let en = read(Some("The OSDH says 11.300 fighters were killed"), "11.300")
            .unwrap_err()
            .to_string();
        assert!(en.contains("`11.300` is ambiguous on a count"), "{en}");
        assert!(en.contains("Write 11300"), "{en}");
        // No wording: the question's stored claims are all French.
        assert_eq!(read(None, "11.300").unwrap(), Value::Exact(11300.0));
        assert_eq!(read(None, "1.089.000").unwrap(), Value::Exact(1_089_000.0));
        // Not that form: read as before.
        assert_eq!(read(None, "11.3").unwrap(), Value::Exact(11.3));
        assert_eq!(read(None, "62").unwrap(), Value::Exact(62.0));
    }

    #[test]
    fn bad_flags_are_named_with_a_suggestion() {
        let store = shipped();
        let err = |input: ClaimInput| draft(&store, &input, today()).unwrap_err().to_string();
        assert_eq!(
            err(ClaimInput {
                about: Some("qadam-2018-03/pro-regime-kiled".into()),
                value: Some("70".into()),
                ..Default::default()
            }),
            "--about `qadam-2018-03/pro-regime-kiled` names no question (did you mean `qadam-2018-03/pro-regime-killed`?)"
        );
        assert_eq!(
            err(ClaimInput {
                about: Some("qadam-2018-03/pro-regime-killed".into()),
                value: Some("70".into()),
                source: Some("osdhh".into()),
                ..Default::default()
            }),
            "--source `osdhh` is not a source of the store (did you mean `osdh`?)"
        );
        assert!(
            err(ClaimInput {
                value: Some("70".into()),
                date: Some("2018-02-30".into()),
                ..Default::default()
            })
            .starts_with("--date: ")
        );
        assert!(err(ClaimInput::default()).starts_with("no claim given"));
        assert_eq!(
            err(ClaimInput {
                text: Some("  ".into()),
                ..Default::default()
            }),
            "the claim's text is empty"
        );
    }
}
