//! Numbers written in words (Modern Standard Arabic) and in digits, over tokens.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::tokens::{Kind, Token};

/// One number word, by what it does in a phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    /// 0–9 (and احد/احدى, only inside 11).
    Unit(u64),
    /// عشر/عشرة: ten, or the -teen of 11–19 after a unit.
    Ten,
    /// 20, 30 … 90.
    Tens(u64),
    /// 100 … 900 (مئة, مئتان, ثلاثمئة …).
    Hundreds(u64),
    /// مئة written apart after a unit (ثلاث مئة).
    Hundred,
    /// ألف, مليون, مليار (singular, accusative, plural).
    Multiplier(u64),
    /// ألفان, مليونين: two of them.
    Dual(u64),
    /// نصف, ربع, ثلث.
    Fraction(f64),
}

const UNITS: &[(&str, u64)] = &[
    ("صفر", 0),
    ("واحد", 1),
    ("واحده", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("اثنا", 2),
    ("اثني", 2),
    ("اثنتا", 2),
    ("اثنتي", 2),
    ("ثنتان", 2),
    ("ثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("تسع", 9),
    ("تسعه", 9),
];

/// Only the first word of 11: never a number alone (أحد is "one of", or Sunday).
const ELEVEN_UNITS: &[&str] = &["احد", "احدي", "حادي"];

const TENS: &[(&str, u64)] = &[
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("اربعون", 40),
    ("اربعين", 40),
    ("خمسون", 50),
    ("خمسين", 50),
    ("ستون", 60),
    ("ستين", 60),
    ("سبعون", 70),
    ("سبعين", 70),
    ("ثمانون", 80),
    ("ثمانين", 80),
    ("تسعون", 90),
    ("تسعين", 90),
];

const HUNDRED_WORDS: &[&str] = &["مايه", "ميه", "مئه", "ماه"];
const TWO_HUNDRED: &[&str] = &["مايتان", "مايتين", "ميتان", "ميتين", "مايتا", "مايتي", "ميتا", "ميتي"];
const HUNDRED_PREFIXES: &[(&str, u64)] =
    &[("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثماني", 8), ("ثمان", 8), ("تسع", 9)];

const MULTIPLIERS: &[(&str, u64)] = &[
    ("الف", 1_000),
    ("الفا", 1_000),
    ("الاف", 1_000),
    ("الوف", 1_000),
    ("مليون", 1_000_000),
    ("مليونا", 1_000_000),
    ("ملايين", 1_000_000),
    ("مليار", 1_000_000_000),
    ("مليارا", 1_000_000_000),
    ("مليارات", 1_000_000_000),
    ("بليون", 1_000_000_000),
    ("بليونا", 1_000_000_000),
    ("بلايين", 1_000_000_000),
    ("تريليون", 1_000_000_000_000),
    ("تريليونات", 1_000_000_000_000),
];

const DUALS: &[(&str, u64)] = &[
    ("الفان", 1_000),
    ("الفين", 1_000),
    ("الفي", 1_000),
    ("مليونان", 1_000_000),
    ("مليونين", 1_000_000),
    ("مليوني", 1_000_000),
    ("ملياران", 1_000_000_000),
    ("مليارين", 1_000_000_000),
];

const FRACTIONS: &[(&str, f64)] =
    &[("نصف", 0.5), ("ربع", 0.25), ("ثلث", 1.0 / 3.0), ("ثلثي", 2.0 / 3.0), ("ثلثا", 2.0 / 3.0)];

/// The number word `key` is, without clitics.
fn bare_word(key: &str) -> Option<NumWord> {
    static WORDS: OnceLock<FxHashMap<String, NumWord>> = OnceLock::new();
    WORDS.get_or_init(number_words).get(key).copied()
}

/// Every number word's folded spelling (for the extractor's quick first test of a token).
pub fn all_number_words() -> Vec<String> {
    number_words().into_keys().collect()
}

/// Every number word by its folded spelling: read on every token, so hashed once.
fn number_words() -> FxHashMap<String, NumWord> {
    let mut words = FxHashMap::default();
    // fractions first: later entries win (ثلث is a third, ثلاث three)
    words.extend(FRACTIONS.iter().map(|&(w, v)| (w.to_string(), NumWord::Fraction(v))));
    words.extend(DUALS.iter().map(|&(w, v)| (w.to_string(), NumWord::Dual(v))));
    words.extend(MULTIPLIERS.iter().map(|&(w, v)| (w.to_string(), NumWord::Multiplier(v))));
    for &(prefix, v) in HUNDRED_PREFIXES {
        words.extend(HUNDRED_WORDS.iter().map(|h| (format!("{prefix}{h}"), NumWord::Hundreds(v * 100))));
    }
    words.extend(TWO_HUNDRED.iter().map(|&w| (w.to_string(), NumWord::Hundreds(200))));
    words.extend(HUNDRED_WORDS.iter().map(|&w| (w.to_string(), NumWord::Hundred)));
    words.extend(TENS.iter().map(|&(w, v)| (w.to_string(), NumWord::Tens(v))));
    words.insert("عشر".into(), NumWord::Ten);
    words.insert("عشره".into(), NumWord::Ten);
    words.extend(UNITS.iter().map(|&(w, v)| (w.to_string(), NumWord::Unit(v))));
    words
}

/// Prefixes a number word may carry: the conjunction, prepositions, the article.
const CLITICS: &[&str] = &["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "كال", "وب", "ول", "وبال", "ولل"];

/// The number word `key` is, once its clitics are set aside: (word, had the conjunction و).
/// Short stems (ست، احد) are not taken after a clitic: لست, بست are other words.
pub fn number_word(key: &str) -> Option<(NumWord, bool)> {
    number_word_with_clitic(key).map(|(w, conj, _)| (w, conj))
}

/// Like [`number_word`], also saying whether a preposition or the article was set aside.
fn number_word_with_clitic(key: &str) -> Option<(NumWord, bool, bool)> {
    if let Some(w) = bare_word(key) {
        return Some((w, false, false));
    }
    for clitic in CLITICS {
        let Some(stem) = key.strip_prefix(clitic) else { continue };
        if stem.chars().count() < 3 {
            continue;
        }
        if let Some(w) = bare_word(stem) {
            return Some((w, clitic.starts_with('و'), *clitic != "و"));
        }
    }
    None
}

fn is_conjunction(t: &Token) -> bool {
    t.key == "و" && t.is_word()
}

/// A number read from tokens: its value and the tokens it took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberPhrase {
    pub value: f64,
    pub start: usize,
    pub end: usize,
    pub in_words: bool,
}

/// Reads the number that starts at token `i`, if one does: digits (with a following
/// multiplier word), or words combined across magnitudes with و.
pub fn number_at(tokens: &[Token], i: usize) -> Option<NumberPhrase> {
    let first = tokens.get(i)?;
    if let Kind::Number { value, .. } = first.kind {
        let mut phrase = NumberPhrase { value, start: i, end: i + 1, in_words: false };
        // 2.5 مليون, 43 ألف, 10 آلاف
        if let Some((NumWord::Multiplier(m), false)) = tokens.get(i + 1).and_then(|t| number_word(&t.key)) {
            phrase.value *= m as f64;
            phrase.end += 1;
        }
        read_decimal_word(tokens, &mut phrase);
        return Some(phrase);
    }
    // a leading و or preposition is only the clitic of the first word (وبخمسين)
    let (word, _) = number_word(&first.key)
        .or_else(|| ELEVEN_UNITS.contains(&first.key.as_str()).then_some((NumWord::Unit(1), false)))?;
    let mut phrase = words_phrase(tokens, i)?;
    // آلاف، ملايين alone are not a number but a rough amount (see the approximations)
    if phrase.end == i + 1 && is_plural_multiplier(&first.key) {
        return None;
    }
    if let NumWord::Dual(_) | NumWord::Multiplier(_) = word {
        // ألفا without tanween and alone is the dual construct (ألفا شخص: 2000)
        if first.key.ends_with("الفا") && !first.tanween && phrase.end == i + 1 {
            phrase.value = 2000.0;
        }
    }
    read_decimal_word(tokens, &mut phrase);
    Some(phrase)
}

fn is_plural_multiplier(key: &str) -> bool {
    let stem = CLITICS.iter().filter_map(|c| key.strip_prefix(c)).find(|s| PLURAL_MULTIPLIERS.contains(s));
    PLURAL_MULTIPLIERS.contains(&key) || stem.is_some()
}

const PLURAL_MULTIPLIERS: &[&str] = &["الاف", "الوف", "ملايين", "مليارات", "بلايين", "تريليونات"];

/// `واحد فاصلة خمسة`, `1 فاصلة 1`: a decimal point said in words.
fn read_decimal_word(tokens: &[Token], phrase: &mut NumberPhrase) {
    let Some(t) = tokens.get(phrase.end) else {
        return;
    };
    if !(t.key == "فاصله" || t.key == "فاصل") {
        return;
    }
    let Some(after) = number_at(tokens, phrase.end + 1) else {
        return;
    };
    if after.value.fract() != 0.0 || after.value < 0.0 {
        return;
    }
    let digits = if after.value == 0.0 { 1 } else { (after.value.log10().floor() as i32) + 1 };
    phrase.value += after.value / 10f64.powi(digits);
    phrase.value = (phrase.value * 1e9).round() / 1e9;
    phrase.end = after.end;
}

fn words_phrase(tokens: &[Token], i: usize) -> Option<NumberPhrase> {
    let mut total: f64 = 0.0;
    let mut group: f64 = 0.0;
    let mut group_has = false;
    let mut last_multiplier = u64::MAX;
    let mut j = i;
    let mut end = i;
    loop {
        // The conjunction, attached (وخمسون) or apart (و خمسون); never at the start.
        let (k, conj_apart) = match tokens.get(j) {
            Some(t) if j > i && is_conjunction(t) => (j + 1, true),
            _ => (j, false),
        };
        let Some(t) = tokens.get(k) else { break };
        if !t.is_word() {
            break;
        }
        let Some((word, conj_attached, preposition)) = number_word_with_clitic(&t.key)
            .or_else(|| ELEVEN_UNITS.contains(&t.key.as_str()).then_some((NumWord::Unit(1), false, false)))
        else {
            break;
        };
        let conj = (conj_apart || conj_attached) && j > i;
        // a word behind a preposition (بالمائة) starts a phrase of its own, it never continues one
        if j > i && preposition {
            break;
        }
        if j > i && !conj && !matches!(word, NumWord::Multiplier(_) | NumWord::Ten) {
            break;
        }
        if j == i && conj {
            return None;
        }
        let next_is_ten = tokens.get(k + 1).and_then(|n| bare_word(&n.key)) == Some(NumWord::Ten);
        match word {
            NumWord::Unit(u) if next_is_ten && u > 0 => {
                group += 10.0 + u as f64;
                group_has = true;
                j = k + 2;
            }
            NumWord::Unit(_) if ELEVEN_UNITS.contains(&t.key.as_str()) => break,
            NumWord::Unit(u) => {
                if let Some(NumWord::Hundred) = tokens.get(k + 1).and_then(|n| bare_word(&n.key)) {
                    group += u as f64 * 100.0;
                    j = k + 2;
                } else {
                    group += u as f64;
                    j = k + 1;
                }
                group_has = true;
            }
            NumWord::Ten => {
                if j > i && !conj {
                    break;
                }
                group += 10.0;
                group_has = true;
                j = k + 1;
            }
            NumWord::Tens(v) | NumWord::Hundreds(v) => {
                group += v as f64;
                group_has = true;
                j = k + 1;
            }
            NumWord::Hundred => {
                group += 100.0;
                group_has = true;
                j = k + 1;
            }
            NumWord::Multiplier(m) => {
                if m >= last_multiplier || (group_has && conj) {
                    break;
                }
                total += if group_has { group } else { 1.0 } * m as f64;
                group = 0.0;
                group_has = false;
                last_multiplier = m;
                j = k + 1;
            }
            NumWord::Dual(m) => {
                if group_has || m >= last_multiplier {
                    break;
                }
                total += 2.0 * m as f64;
                last_multiplier = m;
                j = k + 1;
            }
            NumWord::Fraction(f) => {
                if j > i {
                    break;
                }
                // نصف مليون: a fraction of the multiplier that follows
                if let Some((NumWord::Multiplier(m), false)) = tokens.get(k + 1).and_then(|n| number_word(&n.key)) {
                    total += f * m as f64;
                    last_multiplier = m;
                    j = k + 2;
                } else {
                    group += f;
                    group_has = true;
                    j = k + 1;
                }
            }
        }
        end = j;
    }
    (end > i).then_some(NumberPhrase { value: total + group, start: i, end, in_words: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn read(text: &str) -> Option<f64> {
        let t = tokenize(text);
        number_at(&t, 0).filter(|p| p.end == t.len()).map(|p| p.value)
    }

    #[test]
    fn units_teens_tens_in_every_spelling() {
        for (text, want) in [
            ("صفر", 0.0),
            ("واحد", 1.0),
            ("أربعة", 4.0),
            ("اربعه", 4.0),
            ("ست", 6.0),
            ("عشرة", 10.0),
            ("إحدى عشرة", 11.0),
            ("احد عشر", 11.0),
            ("إثنى عشر", 12.0),
            ("إثنتى عشر", 12.0),
            ("ثمان عشرة", 18.0),
            ("عشرون", 20.0),
            ("أربعين", 40.0),
            ("واحدة و عشرون", 21.0),
            ("ثلاث و ثلاثون", 33.0),
            ("ستة وعشرين", 26.0),
        ] {
            assert_eq!(read(text), Some(want), "{text}");
        }
    }

    #[test]
    fn hundreds_thousands_millions_billions() {
        for (text, want) in [
            ("مائتين", 200.0),
            ("مئتا", 200.0),
            ("ثلاثمائة", 300.0),
            ("ثلاث مئة", 300.0),
            ("خمسمائة و خمسة و عشرون", 525.0),
            ("ثلاثمائة وخمسين", 350.0),
            ("ألف", 1000.0),
            ("الفان", 2000.0),
            ("ألفين", 2000.0),
            ("ألفا", 2000.0),
            ("عشرون ألفاً", 20000.0),
            ("ثلاثة آلاف", 3000.0),
            ("ثلاثة وأربعون ألفا وخمسمئة", 43500.0),
            ("مليون", 1e6),
            ("مليونان", 2e6),
            ("مليونين", 2e6),
            ("ثلاثة ملايين", 3e6),
            ("مليار", 1e9),
            ("بليون", 1e9),
            ("مليار ومئتا مليون", 1.2e9),
            ("نصف مليون", 5e5),
            ("مئة وخمسون ألفا", 150000.0),
        ] {
            assert_eq!(read(text), Some(want), "{text}");
        }
    }

    #[test]
    fn digits_with_multipliers_and_decimal_words() {
        for (text, want) in [
            ("100 الف", 1e5),
            ("10 آلاف", 1e4),
            ("2 مليون", 2e6),
            ("3 ملايين", 3e6),
            ("2.5 مليار", 2.5e9),
            ("1 فاصلة 1", 1.1),
            ("واحد فاصلة واحد", 1.1),
        ] {
            assert_eq!(read(text), Some(want), "{text}");
        }
    }

    #[test]
    fn clitics_on_number_words() {
        assert_eq!(number_word("والعشرين"), Some((NumWord::Tens(20), true)));
        assert_eq!(number_word("بثلاثه"), Some((NumWord::Unit(3), false)));
        assert_eq!(number_word("لست"), None, "لست is 'I am not'");
        assert_eq!(number_word("احد"), None, "أحد alone is not a number");
    }

    #[test]
    fn words_that_are_not_numbers() {
        assert_eq!(read("الحرب"), None);
        assert_eq!(read("وخمسة"), Some(5.0), "a leading و is the clitic of the first word");
        assert_eq!(read("آلاف"), None, "thousands alone are approximate, read elsewhere");
    }
}
