//! Calendar words and the date spellings of news sites' "published" lines.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::arabic::{digit_value, fold};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// Month names, already folded (see [`crate::arabic::fold`]), as word sequences.
/// Egyptian/Gulf, Levantine/Iraqi and Maghrebi (Algerian/Tunisian and Moroccan) spellings.
const GREGORIAN_MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("كانون الثاني", 1),
    ("جانفي", 1),
    ("جانفييه", 1),
    ("فبراير", 2),
    ("شباط", 2),
    ("فيفري", 2),
    ("فبرير", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("مارص", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("ابريليه", 4),
    ("مايو", 5),
    ("ماي", 5),
    ("ايار", 5),
    ("مايس", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("حزيران", 6),
    ("جوان", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("تموز", 7),
    ("جويليه", 7),
    ("يوليوز", 7),
    ("اغسطس", 8),
    ("اب", 8),
    ("اوت", 8),
    ("غشت", 8),
    ("اغشت", 8),
    ("سبتمبر", 9),
    ("ايلول", 9),
    ("شتنبر", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("نونبر", 11),
    ("ديسمبر", 12),
    ("كانون الاول", 12),
    ("دجنبر", 12),
    ("دیسمبر", 12),
];

const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع الاخر", 4),
    ("ربيع الثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الاخره", 6),
    ("جمادي الثانيه", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

const ENGLISH_MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The first (folded) word of every month name.
pub fn month_first_words() -> impl Iterator<Item = &'static str> {
    GREGORIAN_MONTHS.iter().chain(HIJRI_MONTHS).map(|(name, _)| name.split(' ').next().unwrap_or_default())
}

/// A month named at the start of `words` (folded words): (month, words used, calendar).
/// Single words that are also common nouns (اب "father", صفر "zero", ماي) are only taken when
/// `strict` is false; the extractor asks strictly and checks the context itself.
pub fn month_at(words: &[&str], strict: bool) -> Option<(u32, usize, Calendar)> {
    type Index = HashMap<&'static str, Vec<(Option<&'static str>, u32, Calendar)>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: Index = HashMap::new();
        for (table, calendar) in [(GREGORIAN_MONTHS, Calendar::Gregorian), (HIJRI_MONTHS, Calendar::Hijri)] {
            for &(name, month) in table {
                let mut parts = name.split(' ');
                let first = parts.next().unwrap_or_default();
                index.entry(first).or_default().push((parts.next(), month, calendar));
            }
        }
        // two-word names first: تشرين الثاني before a one-word match
        index.values_mut().for_each(|v| v.sort_by_key(|(second, _, _)| second.is_none()));
        index
    });
    let first = *words.first()?;
    let second = words.get(1).copied().unwrap_or("");
    if let Some(entries) = index.get(first) {
        for &(b, month, calendar) in entries {
            match b {
                Some(b) if b == second => return Some((month, 2, calendar)),
                Some(_) => continue,
                None if strict && matches!(first, "اب" | "صفر" | "ماي" | "رجب") => continue,
                None => return Some((month, 1, calendar)),
            }
        }
    }
    if first.is_ascii() {
        return english_month(first).map(|m| (m, 1, Calendar::Gregorian));
    }
    None
}

fn english_month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let idx = ENGLISH_MONTHS.iter().position(|m| w.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][idx];
    (full.starts_with(&w) || w == "sept").then_some(idx as u32 + 1)
}

/// Digits of any script to a number; `None` when the word is not all digits.
pub fn number_of(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    word.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit_value(c)?))
}

fn day_of(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(&w);
    number_of(w).filter(|d| (1..=31).contains(d))
}

pub fn iso_date(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> Option<String> {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
        (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
        (Some(y), None, None) => Some(format!("{y:04}")),
        (None, Some(m), Some(d)) => Some(format!("--{m:02}-{d:02}")),
        (None, Some(m), None) => Some(format!("--{m:02}")),
        _ => None,
    }
}

/// Reads the date of a "published" line (label already removed) into ISO 8601, of the
/// precision the text gives. Times, weekdays and zone names around it are ignored.
pub fn parse_published(text: &str) -> Option<String> {
    let ascii: String = text.chars().map(|c| digit_value(c).map_or(c, |d| char::from(b'0' + d as u8))).collect();
    if let Some(iso) = numeric_date(&ascii) {
        return Some(iso);
    }
    let folded = fold(&ascii);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '-' | '–' | '/' | '|'))
        .filter(|w| !w.is_empty())
        .collect();
    let (mut year, mut month, mut day) = (None, None, None);
    let mut i = 0;
    while i < words.len() {
        if month.is_none() {
            if let Some((m, used, _)) = month_at(&words[i..], false) {
                month = Some(m);
                i += used;
                continue;
            }
        }
        let w = words[i];
        if w.contains(':') {
            i += 1;
            continue;
        }
        match number_of(w) {
            Some(n) if (1000..=2999).contains(&n) && year.is_none() => year = Some(n),
            _ => {
                if day.is_none() {
                    day = day_of(w);
                }
            }
        }
        i += 1;
    }
    month?;
    iso_date(year, month, day.filter(|_| month.is_some()))
}

/// `2024-11-01`, `2024/11/01`, `01/11/2024`, `1.11.2024`: the Arab press writes day before month,
/// but a first number above 12 can only be a day and a second one above 12 only a day.
fn numeric_date(text: &str) -> Option<String> {
    for token in text.split(|c: char| c.is_whitespace() || c == ',' || c == '،') {
        let parts: Vec<&str> = token.split(['-', '/', '.']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let (y, m, d) = if parts[0].len() == 4 {
            (n[0], n[1], n[2])
        } else if parts[2].len() == 4 {
            if n[0] <= 12 && n[1] > 12 {
                (n[2], n[0], n[1])
            } else {
                (n[2], n[1], n[0])
            }
        } else {
            continue;
        };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return iso_date(Some(y), Some(m), Some(d));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_published_spelling() {
        for (text, want) in [
            ("1st, November 2024 GMT", "2024-11-01"),
            ("November 1, 2024", "2024-11-01"),
            ("Nov 1, 2024 10:30 GMT", "2024-11-01"),
            ("2024-11-01", "2024-11-01"),
            ("2024/11/01 12:00", "2024-11-01"),
            ("01/11/2024", "2024-11-01"),
            ("11/25/2024", "2024-11-25"),
            ("1 نوفمبر 2024", "2024-11-01"),
            ("١ تشرين الثاني ٢٠٢٤", "2024-11-01"),
            ("الجمعة، 1 تشرين الأول 2024 - 10:22", "2024-10-01"),
            ("3 يوليوز 2023", "2023-07-03"),
            ("15 جانفي 2025", "2025-01-15"),
            ("22 غشت 2022", "2022-08-22"),
            ("5 أيار 2021", "2021-05-05"),
            ("۵ آذار ۲۰۲۱", "2021-03-05"),
            ("3rd of March 2025", "2025-03-03"),
            ("مارس 2025", "2025-03"),
        ] {
            assert_eq!(parse_published(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn no_date_where_there_is_none() {
        assert_eq!(parse_published("قبل ساعتين"), None);
        assert_eq!(parse_published(""), None);
        assert_eq!(parse_published("99/99/2024"), None);
    }

    #[test]
    fn months_of_every_region_and_the_hijri_calendar() {
        let words = |s: &'static str| fold(s);
        assert_eq!(month_at(&["كانون", "الثاني"], true), Some((1, 2, Calendar::Gregorian)));
        assert_eq!(month_at(&[words("أكتوبر").as_str()], true), Some((10, 1, Calendar::Gregorian)));
        assert_eq!(month_at(&[words("رمضان").as_str()], true), Some((9, 1, Calendar::Hijri)));
        assert_eq!(month_at(&["ذو", words("الحجة").as_str()], true), Some((12, 2, Calendar::Hijri)));
        assert_eq!(month_at(&["اب"], true), None, "آب is also 'father': only taken when not strict");
        assert_eq!(month_at(&["اب"], false).map(|m| m.0), Some(8));
    }
}
