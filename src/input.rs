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
use crate::escape::escape;
use crate::extract::{self, SourceMatcher};
use crate::store::{Draft, Question, QuestionIx, QuestionKind, SourceIx, Store};
use crate::suggest::nearest;
use crate::value::Value;
use crate::words;
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
    pub source: Option<String>,
    pub via: Option<String>,
    pub said_by: Option<String>,
    pub date: Option<String>,
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
    if let Some(via) = &input.via {
        draft.via = Some(source_named(store, via, "--via")?);
    }
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
        draft.value = parse_value(value, q).map_err(|e| input_error(format!("--value: {e}")))?;
    }
    if input.text.is_none()
        && input.file.is_none()
        && input.value.is_none()
        && input.about.is_none()
    {
        return Err(input_error(
            "no claim given: write it as text, give --file claim.yaml, or --about EVENT/QUESTION --value V".to_string(),
        ));
    }
    if draft.date.is_none() {
        draft.date = Some(today);
    }
    if draft.via.is_some() && draft.via == draft.source {
        return Err(input_error(
            "--via names the claim's own source: a source does not relay itself".to_string(),
        ));
    }
    Ok(draft)
}

/// What free text says: its first figure (or its statement), who it is
/// credited to, its language.
fn from_text(store: &Store, text: &str) -> Draft {
    let matcher = SourceMatcher::new(&store.sources);
    let lang = words::guess_language(text).map(|l| l.code().to_string());
    let mut draft = Draft {
        text: text.trim().to_string(),
        lang,
        ..Draft::empty()
    };
    if let Some(figure) = extract::parse_claim(text, &matcher) {
        draft.value = figure.value.clone();
        draft.unit = figure.unit.clone();
        draft.source = figure.source.as_deref().and_then(|s| store.find_source(s));
        draft.via = figure.via.as_deref().and_then(|s| store.find_source(s));
        draft.said_by = figure.said_by.clone();
        if draft.via == draft.source {
            draft.via = None;
        }
    }
    draft
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
        escape(reference)
    )))
}

fn source_named(store: &Store, id: &str, flag: &str) -> Result<SourceIx, Error> {
    store.find_source(id).ok_or_else(|| {
        let ids: Vec<&str> = store.sources.iter().map(|s| s.id.as_str()).collect();
        let hint = match nearest(id, &ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("sources: {}", ids.join(", ")),
        };
        input_error(format!(
            "{flag} `{}` is not a source of the store ({hint})",
            escape(id)
        ))
    })
}

/// Reads a value: the YAML form (`70`, `{at_least: 70}`, `{is: x}`,
/// `null`), a bare category on a category question (`whole-district`), or
/// words ("at least 70", "plusieurs centaines", "5%").
pub fn parse_value(text: &str, question: Option<&Question>) -> Result<Value, String> {
    let trimmed = text.trim();
    if let Ok(value) = crate::yaml::value(trimmed) {
        return Ok(value);
    }
    let is_word = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let category_question = question.is_some_and(|q| q.kind == QuestionKind::Category);
    if is_word && (category_question || !trimmed.chars().any(|c| c.is_ascii_digit())) {
        return Ok(Value::Is(trimmed.to_string()));
    }
    match extract::parse_claim(trimmed, &SourceMatcher::empty()) {
        Some(figure) if figure.value.is_numeric() => Ok(figure.value),
        _ => Err(format!(
            "cannot read `{}` as a value (write 70, '{{at_least: 70}}', \"at least 70\", or a category such as whole-district)",
            escape(trimmed)
        )),
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

    #[test]
    fn values_in_every_form() {
        assert_eq!(parse_value("70", None), Ok(Value::Exact(70.0)));
        assert_eq!(
            parse_value("{at_least: 70}", None),
            Ok(Value::AtLeast(70.0))
        );
        assert_eq!(parse_value("at least 70", None), Ok(Value::AtLeast(70.0)));
        assert_eq!(parse_value("au moins 70", None), Ok(Value::AtLeast(70.0)));
        assert_eq!(
            parse_value("plusieurs centaines", None),
            Ok(Value::Between(200.0, 999.0))
        );
        assert_eq!(
            parse_value("whole-district", None),
            Ok(Value::Is("whole-district".into()))
        );
        assert!(parse_value("lots and lots", None).is_err());
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
