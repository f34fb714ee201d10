//! Text as a reader sees it: whitespace collapsed, controls made visible.

use crate::article::decode::sanitize_line;

/// Appends `text` to `out` with HTML whitespace collapsed to single spaces (no-break spaces
/// too); `out` never starts with a space, nor gets two in a row.
pub fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_space(c) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}')
        || (c.is_whitespace() && c != '\u{2028}' && c != '\u{2029}')
}

/// One line of text from a page: collapsed, trimmed, controls (from character references
/// such as `&#27;`) made visible, invisible edges dropped.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    let trimmed = out.trim_matches(|c: char| c == ' ' || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{200C}'));
    sanitize_line(trimmed).into_owned()
}

/// Letters and digits, roughly: what counts as text when measuring a block.
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !is_space(*c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_sanitizes() {
        assert_eq!(clean("  a \n\t b\u{A0}\u{A0}c  "), "a b c");
        assert_eq!(clean("a\u{1b}[31mb"), "a\u{241B}[31mb");
        assert_eq!(clean("\u{200B}عنوان\u{FEFF}"), "عنوان");
    }
}
