//! Splitting an article into sentences.
//!
//! A figure is proposed with its sentence, and attribution is read within
//! it, so a bad split either cuts a figure from its source ("… 62 morts.
//! », a indiqué l'OSDH") or glues two statements together. The splitter
//! ends a sentence at `.`, `!`, `?` or `…` followed by whitespace and a
//! capital, a digit or an opening quote, except:
//!
//! - after abbreviations and initials ("M.", "Dr.", "U.S.", "J. Smith",
//!   "Sept.", "No.");
//! - inside quotation marks (« », “ ”, or straight quotes), so that a
//!   quoted passage stays with the attribution that follows it;
//! - when what follows is lowercase ("… 62 », a indiqué").
//!
//! French typography puts a no-break space before `: ; ? !` and inside
//! guillemets; those count as whitespace. A blank line always ends a
//! sentence (and closes any quote left open), as does a line break before
//! a capital: headlines have no full stop.

/// Abbreviations, folded, that a full stop does not end a sentence after.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "mr", "mrs", "ms", "prof", "st", "ste", "gen", "col",
    "lt", "sgt", "capt", "cpt", "gov", "sen", "rep", "jr", "sr", "inc", "ltd", "co", "corp", "vs",
    "etc", "cf", "ex", "env", "av", "no", "nr", "nrs", "n", "p", "pp", "vol", "art", "chap", "fig",
    "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "janv", "fevr", "avr", "juil", "mgr", "pr", "gal", "cie", "dept",
];

/// How long a quotation may hold sentences together, in characters.
const MAX_QUOTE_CHARS: usize = 600;

/// Byte ranges of the sentences of `text`, trimmed, in order.
///
/// The text is read in place, one character at a time, with byte offsets
/// and a count of characters (quotes are measured in characters): a
/// vector of every character and its offset would cost sixteen bytes for
/// each byte of a long article.
pub(crate) fn split(text: &str) -> Vec<(usize, usize)> {
    let at = |b: usize| text[b..].chars().next();
    // The end of the run of characters from `b` that `keep` accepts.
    let run_end = |b: usize, keep: &dyn Fn(char) -> bool| {
        b + text[b..]
            .chars()
            .take_while(|&c| keep(c))
            .map(char::len_utf8)
            .sum::<usize>()
    };
    let mut sentences = Vec::new();
    let mut start = 0usize;
    let mut quote_depth = 0i32;
    let mut straight_open = false;
    // Where the current quote opened, in characters: a quote that never
    // closes (a stray mark, an inch sign) stops holding sentences together
    // after a while.
    let mut quote_opened = 0usize;
    // The byte offset of the character read, and how many came before it.
    let mut i = 0;
    let mut count = 0usize;
    while let Some(c) = at(i) {
        match c {
            '«' | '“' => {
                quote_depth += 1;
                quote_opened = count;
            }
            '»' | '”' => quote_depth = (quote_depth - 1).max(0),
            '"' => {
                straight_open = !straight_open;
                quote_opened = count;
            }
            '\n' => {
                let blank_line = run_end(i + 1, &|c| c != '\n' && c.is_whitespace());
                let next = at(blank_line);
                if next == Some('\n') {
                    quote_depth = 0;
                    straight_open = false;
                    push(&mut sentences, text, start, i);
                    start = i;
                } else if next
                    .is_some_and(|n| n.is_uppercase() || matches!(n, '«' | '"' | '“' | '-' | '•'))
                    && quote_depth == 0
                    && !straight_open
                {
                    push(&mut sentences, text, start, i);
                    start = i;
                }
            }
            '.' | '!' | '?' | '…' => {
                // Closing quotes and brackets right after the mark stay in
                // the sentence.
                let mut end = i + c.len_utf8();
                let mut end_count = count + 1;
                while let Some(n) = at(end) {
                    match n {
                        '.' | '!' | '?' | '…' | ')' | ']' => {}
                        '»' | '”' => quote_depth = (quote_depth - 1).max(0),
                        '"' if straight_open => straight_open = false,
                        ' ' | '\u{a0}' | '\u{202f}'
                            if matches!(at(end + n.len_utf8()), Some('»' | '”')) => {}
                        _ => break,
                    }
                    end += n.len_utf8();
                    end_count += 1;
                }
                let spaces_end = run_end(end, &char::is_whitespace);
                let next = at(spaces_end);
                let starts_sentence = next.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '«' | '"' | '“' | '(' | '\'' | '-' | '—')
                });
                let inside_quote =
                    (quote_depth > 0 || straight_open) && count - quote_opened < MAX_QUOTE_CHARS;
                if spaces_end > end
                    && starts_sentence
                    && !inside_quote
                    && !(c == '.' && ends_with_abbreviation(text, i))
                {
                    push(&mut sentences, text, start, end);
                    start = end;
                }
                i = end;
                count = end_count;
                continue;
            }
            _ => {}
        }
        i += c.len_utf8();
        count += 1;
    }
    push(&mut sentences, text, start, text.len());
    sentences
}

/// Whether the word before the full stop at byte `dot` is an abbreviation
/// or an initial ("M.", "U.S.", "J.").
pub(crate) fn ends_with_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        return true; // U.S., a.m., J.-C.
    }
    let mut letters = word.chars();
    let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    initial || ABBREVIATIONS.contains(&crate::words::fold(&word).as_str())
}

/// The longest sentence read as one, in bytes. Text without full stops
/// (a scraped page, a list) is cut into pieces of at most this length, at
/// a clause boundary where there is one, so that reading it stays linear
/// in its length: attribution compares the figures and credits of a
/// sentence with each other.
pub(crate) const MAX_SENTENCE_BYTES: usize = 1500;

fn push(sentences: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let slice = &text[start..end];
    let mut from = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = start + slice.trim_end().len();
    if from >= trimmed_end {
        return;
    }
    while trimmed_end - from > MAX_SENTENCE_BYTES {
        let cut = piece_end(text, from, from + MAX_SENTENCE_BYTES);
        push_trimmed(sentences, text, from, cut);
        from = cut;
    }
    push_trimmed(sentences, text, from, trimmed_end);
}

/// Where a piece of an overlong sentence that starts at `from` ends, at
/// most at `limit`: after the last `;` or `,`, else the last space, else
/// the last character boundary.
fn piece_end(text: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[from..limit];
    let half = window.len() / 2;
    let at = |found: Option<usize>| found.filter(|&i| i >= half).map(|i| from + i + 1);
    at(window.rfind([';', ',']))
        .or_else(|| at(window.rfind(char::is_whitespace)))
        .map(|cut| {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut += 1;
            }
            cut
        })
        .unwrap_or(limit)
}

fn push_trimmed(sentences: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = start + slice.trim_end().len();
    if trimmed_start < trimmed_end {
        sentences.push((trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sentences("Au moins 62 morts. Le bilan a doublé! Pourquoi? Personne ne sait."),
            [
                "Au moins 62 morts.",
                "Le bilan a doublé!",
                "Pourquoi?",
                "Personne ne sait."
            ]
        );
    }

    #[test]
    fn overlong_text_is_cut_into_bounded_pieces() {
        let text = "selon l'OSDH, 62 morts et plus ".repeat(500);
        let pieces = split(&text);
        assert!(pieces.len() > 5);
        assert!(pieces.iter().all(|(a, b)| b - a <= MAX_SENTENCE_BYTES));
        // Cut at a clause boundary: every piece but the last ends with a comma.
        assert!(
            pieces[..pieces.len() - 1]
                .iter()
                .all(|&(_, b)| text[..b].ends_with(','))
        );
        let text = "é".repeat(3000);
        assert!(
            split(&text)
                .iter()
                .all(|&(a, b)| text.is_char_boundary(a) && text.is_char_boundary(b))
        );
    }

    #[test]
    fn an_unclosed_quote_is_measured_in_characters() {
        // 400 accented letters are 800 bytes but 400 characters: still
        // within the quote's reach, so the full stop inside does not cut.
        let inside = format!("« Il dit {}. Puis 62 morts.", "é".repeat(400));
        assert_eq!(sentences(&inside).len(), 1, "{:?}", sentences(&inside));
        let beyond = format!("« Il dit {}. Puis 62 morts.", "é".repeat(700));
        assert_eq!(sentences(&beyond).len(), 2);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("M. Dupont a vu 3 morts. Dr. Smith and J. Doe of the U.S. Army counted 40."),
            [
                "M. Dupont a vu 3 morts.",
                "Dr. Smith and J. Doe of the U.S. Army counted 40."
            ]
        );
        assert_eq!(
            sentences("It rose 3.5 percent. Then fell."),
            ["It rose 3.5 percent.", "Then fell."]
        );
    }

    #[test]
    fn quotes_stay_with_their_attribution() {
        assert_eq!(
            sentences(
                "« Le bilan est lourd. Nous comptons 62 morts », a indiqué l'OSDH. Ensuite rien."
            ),
            [
                "« Le bilan est lourd. Nous comptons 62 morts », a indiqué l'OSDH.",
                "Ensuite rien."
            ]
        );
        assert_eq!(
            sentences("\"The toll is 62. It will rise\", he said. Later, more."),
            ["\"The toll is 62. It will rise\", he said.", "Later, more."]
        );
        assert_eq!(
            sentences("Il a dit : « C'est fini. » Puis il est parti."),
            ["Il a dit : « C'est fini. »", "Puis il est parti."]
        );
    }

    #[test]
    fn french_typography() {
        assert_eq!(
            sentences("Combien\u{a0}? Au moins 62\u{a0}! Le bilan\u{a0}: 62 morts."),
            [
                "Combien\u{a0}?",
                "Au moins 62\u{a0}!",
                "Le bilan\u{a0}: 62 morts."
            ]
        );
        assert_eq!(
            sentences("«\u{a0}C'est fini.\u{a0}» Puis rien."),
            ["«\u{a0}C'est fini.\u{a0}»", "Puis rien."]
        );
    }

    #[test]
    fn paragraphs_and_headlines() {
        assert_eq!(
            sentences("Syrie: 62 morts\n\nAu moins 62 combattants ont été tués.\nLe bilan"),
            [
                "Syrie: 62 morts",
                "Au moins 62 combattants ont été tués.",
                "Le bilan"
            ]
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_stays_in_bounds(s in any::<String>()) {
            for (a, b) in split(&s) {
                prop_assert!(a < b && b <= s.len());
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
            }
        }
    }
}
