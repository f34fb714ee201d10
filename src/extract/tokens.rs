//! Words, numbers and marks of a paragraph, each with its character span and folded key.

use compact_str::CompactString;

use crate::arabic::{digit_value, fold_char, is_haraka, TATWEEL};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Letters (with harakat and tatweel).
    Word,
    /// Digits of any script with their separators: value, digit count of the integer part,
    /// whether the digits were Arabic-Indic or Persian.
    Number { value: f64, int_digits: usize, grouped: bool, native: bool },
    /// Anything else, one character.
    Mark(char),
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Char span in the paragraph.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Folded text (see `arabic::fold`): what words are matched by.
    pub key: CompactString,
    /// Whitespace separates it from the previous token.
    pub space_before: bool,
    /// Tanween fath (ـً) was written: `ألفاً` is one thousand, `ألفا` may be two.
    pub tanween: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn number(&self) -> Option<f64> {
        match self.kind {
            Kind::Number { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn is_mark(&self, c: char) -> bool {
        self.kind == Kind::Mark(c)
    }
}

fn is_letter(c: char) -> bool {
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'a'..='z' | 'A'..='Z') {
        return true;
    }
    (c.is_alphabetic() && digit_value(c).is_none()) || is_haraka(c) || c == TATWEEL || c == '\u{200C}'
}

fn is_group_sep(c: char) -> bool {
    matches!(c, ',' | '٬')
}

fn is_decimal_sep(c: char) -> bool {
    matches!(c, '.' | '٫')
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    let mut space = true;
    let mut folded = String::with_capacity(32);
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{FE0F}' | '\u{200E}' | '\u{200F}') {
            space |= c.is_whitespace();
            i += 1;
            continue;
        }
        let start = i;
        let digit_at = |k: usize| chars.get(k).copied().and_then(digit_value).is_some();
        if digit_value(c).is_some() || (is_decimal_sep(c) && digit_at(i + 1) && !digit_at(i.wrapping_sub(1))) {
            let (value, end, int_digits, grouped) = read_number(&chars, i);
            let native = chars[start..end].iter().any(|&c| !c.is_ascii());
            tokens.push(Token {
                start,
                end,
                kind: Kind::Number { value, int_digits, grouped, native },
                key: chars[start..end]
                    .iter()
                    .filter_map(|&c| digit_value(c).map(|d| char::from(b'0' + d as u8)).or(Some(c)))
                    .collect(),
                space_before: space,
                tanween: false,
            });
            i = end;
        } else if is_letter(c) {
            while i < chars.len() && is_letter(chars[i]) {
                i += 1;
            }
            let word = &chars[start..i];
            tokens.push(Token {
                start,
                end: i,
                kind: Kind::Word,
                key: {
                    folded.clear();
                    folded.extend(word.iter().filter_map(|&c| fold_char(c)));
                    CompactString::from(folded.as_str())
                },
                space_before: space,
                tanween: word.contains(&'\u{064B}'),
            });
        } else {
            tokens.push(Token {
                start,
                end: i + 1,
                kind: Kind::Mark(c),
                key: CompactString::from(&*c.encode_utf8(&mut [0; 4])),
                space_before: space,
                tanween: false,
            });
            i += 1;
        }
        space = false;
    }
    tokens
}

/// Digits with thousands groups (`1,250`, `١٠٠٬٠٠٠`) and a decimal part (`24.5`, `٠٫٧٧`, `.77`).
fn read_number(chars: &[char], start: usize) -> (f64, usize, usize, bool) {
    let digit = |k: usize| chars.get(k).copied().and_then(digit_value);
    let mut i = start;
    let mut int_part: f64 = 0.0;
    let mut int_digits = 0;
    let mut grouped = false;
    while let Some(d) = digit(i) {
        int_part = int_part * 10.0 + d as f64;
        int_digits += 1;
        i += 1;
        // a group separator followed by exactly three digits continues the number
        if chars.get(i).copied().is_some_and(is_group_sep)
            && (1..=3).all(|k| digit(i + k).is_some())
            && digit(i + 4).is_none()
        {
            grouped = true;
            i += 1;
        }
    }
    let mut value = int_part;
    if chars.get(i).copied().is_some_and(is_decimal_sep) && digit(i + 1).is_some() {
        i += 1;
        let mut scale = 0.1;
        while let Some(d) = digit(i) {
            value += d as f64 * scale;
            scale /= 10.0;
            i += 1;
        }
        value = (value * 1e9).round() / 1e9;
    }
    (value, i, int_digits, grouped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<f64> {
        tokenize(text).iter().filter_map(Token::number).collect()
    }

    #[test]
    fn numbers_in_every_script_and_separator() {
        assert_eq!(values("1,250 و24.5 و١٠٠٬٠٠٠٫٥ و۱۲۳ و.77"), vec![1250.0, 24.5, 100000.5, 123.0, 0.77]);
        assert_eq!(values("1,5"), vec![1.0, 5.0]);
    }

    #[test]
    fn spans_are_char_offsets_and_keys_are_folded() {
        let t = tokenize("بلغ عددُهم الـ391،");
        assert_eq!(t.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), vec!["بلغ", "عددهم", "ال", "391", "،"]);
        assert_eq!((t[3].start, t[3].end), (14, 17));
        assert!(!t[3].space_before);
        assert!(t[2].space_before);
    }

    #[test]
    fn tanween_is_noticed() {
        assert!(tokenize("ألفاً")[0].tanween);
        assert!(!tokenize("ألفا")[0].tanween);
    }
}
