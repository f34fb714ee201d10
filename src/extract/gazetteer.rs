//! Name lists shipped in `assets/gazetteer/`, compiled in and matched through clitics.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::figures::stems;
use super::tokens::Token;
use crate::arabic::fold;

/// Phrases (folded, space-separated words) → the index of their usual name.
pub struct NameList {
    pub names: Vec<String>,
    phrases: HashMap<String, usize>,
    /// First words of the phrases: most tokens are ruled out by one look-up.
    first_words: HashSet<String>,
    max_words: usize,
}

impl NameList {
    fn parse(text: &str) -> NameList {
        let mut list =
            NameList { names: Vec::new(), phrases: HashMap::new(), first_words: HashSet::new(), max_words: 1 };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let index = list.names.len();
            let mut spellings = line.split('|').map(str::trim);
            let Some(name) = spellings.next() else {
                continue;
            };
            list.names.push(name.to_string());
            for spelling in std::iter::once(name).chain(spellings) {
                let key = fold(spelling);
                list.max_words = list.max_words.max(key.split(' ').count());
                list.first_words.insert(key.split(' ').next().unwrap_or_default().to_string());
                list.phrases.entry(key).or_insert(index);
            }
        }
        list
    }

    /// The longest listed name starting at token `i`: (name index, tokens used). The first
    /// word may carry clitics (وإسرائيل، بجامو، للهند).
    pub fn match_at(&self, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
        let first = tokens.get(i).filter(|t| t.is_word())?;
        let first_stems: Vec<String> =
            stems(&first.key).filter(|s| self.first_words.contains(s.as_ref())).map(|s| s.into_owned()).collect();
        if first_stems.is_empty() {
            return None;
        }
        for len in (1..=self.max_words.min(tokens.len() - i)).rev() {
            let rest = &tokens[i + 1..i + len];
            if rest.iter().any(|t| !t.is_word()) {
                continue;
            }
            let tail: String = rest.iter().map(|t| format!(" {}", t.key)).collect();
            for stem in &first_stems {
                if let Some(&index) = self.phrases.get(&format!("{stem}{tail}")) {
                    return Some((index, len));
                }
            }
        }
        None
    }
}

pub fn places() -> &'static NameList {
    static LIST: OnceLock<NameList> = OnceLock::new();
    LIST.get_or_init(|| NameList::parse(include_str!("../../assets/gazetteer/places.txt")))
}

pub fn organizations() -> &'static NameList {
    static LIST: OnceLock<NameList> = OnceLock::new();
    LIST.get_or_init(|| NameList::parse(include_str!("../../assets/gazetteer/organizations.txt")))
}

/// Relative adjectives (folded, masculine and feminine) that may follow a title or a name.
pub fn adjectives() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for line in include_str!("../../assets/gazetteer/adjectives.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key = fold(line);
            set.insert(format!("{key}ه"));
            set.insert(key);
        }
        set
    })
}

pub fn is_adjective(key: &str) -> bool {
    adjectives().contains(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn place(text: &str) -> Option<&'static str> {
        let t = tokenize(text);
        places().match_at(&t, 0).filter(|&(_, n)| n == t.len()).map(|(i, _)| places().names[i].as_str())
    }

    #[test]
    fn places_through_clitics_and_spellings() {
        assert_eq!(place("وإسرائيل"), Some("إسرائيل"));
        assert_eq!(place("بجامو"), Some("جامو"));
        assert_eq!(place("للهند"), Some("الهند"));
        assert_eq!(place("وبالهند"), Some("الهند"));
        assert_eq!(place("أميركا"), Some("الولايات المتحدة"));
        assert_eq!(place("قطاع غزة"), Some("قطاع غزة"));
        assert_eq!(place("جنوب آسيا"), Some("جنوب آسيا"));
        assert_eq!(place("القدس"), Some("القدس"));
        assert_eq!(place("الحرب"), None);
    }

    #[test]
    fn adjectives_in_both_genders() {
        assert!(is_adjective(&fold("الأمريكية")));
        assert!(is_adjective(&fold("الإسرائيلي")));
        assert!(!is_adjective(&fold("السيسي")));
    }
}
