//! Small facts about Arabic script shared by the parser, the extractor and search.

/// Harakat, tanween, shadda, sukun, dagger alef and Quranic marks: the marks a reader may
/// or may not write, which matching must not depend on.
pub fn is_haraka(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

pub const TATWEEL: char = '\u{0640}';

/// The value of a decimal digit in ASCII, Arabic-Indic or Persian (Extended Arabic-Indic) form.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// One character folded for matching: alef and hamza seats to their bare letter, ta marbuta
/// to ha, alef maqsura to ya; harakat and tatweel vanish (`None`). Latin is lower-cased.
pub fn fold_char(c: char) -> Option<char> {
    if is_haraka(c) || c == TATWEEL {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        'ؤ' => 'و',
        'ئ' => 'ي',
        c if digit_value(c).is_some() => char::from_digit(digit_value(c).unwrap_or(0), 10).unwrap_or(c),
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    })
}

/// A whole string folded for matching (see [`fold_char`]).
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// Folds `text` and keeps, for every folded character, the char index it came from, so a
/// match in the folded text maps back to a span of the original.
pub fn fold_with_map(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if let Some(f) = fold_char(c) {
            folded.push(f);
            origin.push(i);
        }
    }
    (folded, origin)
}

/// Arabic letters (the base block and its supplements), not digits or punctuation.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// A character that belongs inside a word: letters of any script, digits, harakat, tatweel.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_haraka(c) || c == TATWEEL || c == '\u{200C}' || c == '\u{200D}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_marks_and_unifies_letter_variants() {
        assert_eq!(fold("أَحْمَد"), fold("احمد"));
        assert_eq!(fold("غزّة"), "غزه");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("إسرائيل"), fold("اسراييل"));
        assert_eq!(fold("قـــال"), "قال");
        assert_eq!(fold("٢٠٢٤"), "2024");
    }

    #[test]
    fn fold_map_points_back_to_the_original_chars() {
        let (folded, origin) = fold_with_map("غَزّة");
        assert_eq!(folded.iter().collect::<String>(), "غزه");
        assert_eq!(origin, vec![0, 2, 4]);
    }
}
