//! "Did you mean …?": the valid word closest to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a
/// plausible typo (edit distance at most a third of the longer word, and
/// at least 1).
pub(crate) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_plausible_typos_only() {
        let keys = ["source", "supersedes", "agrees_with", "translation"];
        assert_eq!(nearest("sourse", &keys), Some("source"));
        assert_eq!(nearest("supercedes", &keys), Some("supersedes"));
        assert_eq!(nearest("translaton", &keys), Some("translation"));
        assert_eq!(nearest("agrees", &keys), None);
        assert_eq!(nearest("xyz", &keys), None);
    }
}
