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

/// Many names found at once, in the same forgiving sense: one pass over a text whatever the
/// number of names (a long story names thousands of people, places and organizations, and
/// looking for each in turn made drawing a block cost as much as the story's name list).
pub struct NameFinder {
    names: Option<aho_corasick::AhoCorasick>,
}

impl NameFinder {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameFinder {
        let folded: Vec<String> = names.into_iter().map(fold).filter(|n| !n.trim().is_empty()).collect();
        let names = (!folded.is_empty()).then(|| aho_corasick::AhoCorasick::new(&folded).ok()).flatten();
        NameFinder { names }
    }

    /// Every occurrence of every name in `text` as char ranges, each name's occurrences not
    /// overlapping one another: what [`find_all`] gives for each name, together.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let Some(names) = &self.names else { return Vec::new() };
        // the folded text, and for each of its bytes the char of `text` it came from
        let mut folded = String::with_capacity(text.len());
        let mut origin: Vec<u32> = Vec::with_capacity(text.len());
        let mut count = 0;
        for (i, c) in text.chars().enumerate() {
            if let Some(f) = crate::arabic::fold_char(c) {
                folded.push(f);
                origin.resize(folded.len(), i as u32);
            }
            count = i + 1;
        }
        let mut found: Vec<(usize, usize, usize)> =
            names.find_overlapping_iter(&folded).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect();
        // each name on its own, left to right, skipping what overlaps its previous occurrence
        found.sort_unstable();
        let mut hits = Vec::with_capacity(found.len());
        let mut last: Option<(usize, usize)> = None; // name, end of its last occurrence kept
        for (name, start, end) in found {
            if last.is_some_and(|(n, e)| n == name && start < e) {
                continue;
            }
            last = Some((name, end));
            let first = origin[start] as usize;
            let after = origin.get(end).map_or(count, |&o| o as usize);
            // the range runs to the next kept char, so trailing harakat stay inside the hit
            hits.push(first..after.max(origin[end - 1] as usize + 1));
        }
        hits
    }
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
    fn many_names_at_once_find_what_each_finds_alone() {
        let names = ["غزة", "أحمد", "aa", "احمد", "  "];
        let text = "في غزّة وغزه قال أحمد واحمد: aaaa iPhone";
        let finder = NameFinder::new(names);
        let mut together = finder.find_all(text);
        let mut alone: Vec<Range<usize>> = names.iter().flat_map(|n| find_all(text, n)).collect();
        together.sort_by_key(|r| (r.start, r.end));
        alone.sort_by_key(|r| (r.start, r.end));
        assert_eq!(together, alone);
        assert!(NameFinder::new(["", " "]).find_all(text).is_empty());
    }

    #[test]
    fn latin_is_case_insensitive() {
        assert_eq!(find_all("iPhone IPHONE", "iphone").len(), 2);
    }
}
