//! Search that forgives spelling: harakat, tatweel, hamza and alef variants, ة/ه and ى/ي.

use std::ops::Range;

use crate::arabic::{fold, fold_with_map};

/// Every occurrence of `query` in `text`, as char ranges of `text`.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = fold(query).chars().collect();
    if needle.is_empty() || needle.iter().all(|c| c.is_whitespace()) {
        return Vec::new();
    }
    let (hay, origin) = fold_with_map(text);
    let mut hits = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            let start = origin[i];
            let last = origin[i + needle.len() - 1];
            // the range runs to the next kept char, so trailing harakat stay inside the hit
            let end = origin.get(i + needle.len()).copied().unwrap_or_else(|| text.chars().count()).max(last + 1);
            hits.push(start..end);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    hits
}

/// Whether `text` contains `query` in the same forgiving sense.
pub fn contains(text: &str, query: &str) -> bool {
    let needle = fold(query);
    !needle.trim().is_empty() && fold(text).contains(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_marks_and_letter_variants() {
        assert_eq!(find_all("في غزّة وغزه", "غزة"), vec![3..7, 9..12]);
        assert_eq!(find_all("أحمد واحمد وإحمد", "احمد").len(), 3);
        assert_eq!(find_all("مصطفى", "مصطفي"), vec![0..5]);
        assert_eq!(find_all("قـــال", "قال"), vec![0..6]);
    }

    #[test]
    fn empty_queries_find_nothing() {
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("abc", "   ").is_empty());
        assert!(!contains("abc", "َ"));
    }

    #[test]
    fn latin_is_case_insensitive() {
        assert_eq!(find_all("iPhone IPHONE", "iphone").len(), 2);
    }
}
