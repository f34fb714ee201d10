//! The parts of UAX #9 that work per line: L1 (resetting separators and trailing
//! whitespace to the paragraph level) and L2 (reversing runs), written here over any unit
//! (a character for the conformance test, a grapheme cluster for layout) because
//! unicode-bidi's `visual_runs` works per byte and cannot reverse by cluster.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiDataSource, Level, ParagraphBidiInfo};

/// Which way a paragraph runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// A paragraph's direction as the user asked: found from its text, or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BaseDirection {
    #[default]
    Auto,
    Rtl,
    Ltr,
}

impl BaseDirection {
    fn level(self) -> Option<Level> {
        match self {
            BaseDirection::Auto => None,
            BaseDirection::Rtl => Some(Level::rtl()),
            BaseDirection::Ltr => Some(Level::ltr()),
        }
    }
}

/// The first strong character's direction (P2/P3, isolates skipped), if there is one.
pub fn strong_direction(text: &str) -> Option<Direction> {
    first_strong(text.chars().map(|c| FastClasses.bidi_class(c)))
}

/// Bidi classes from unicode-bidi's tables, with the scripts news is written in (Latin,
/// Arabic and their punctuation, below U+0800) answered from a flat table instead of a
/// binary search: class look-ups were an eighth of the layout time.
struct FastClasses;

impl BidiDataSource for FastClasses {
    fn bidi_class(&self, c: char) -> BidiClass {
        static TABLE: std::sync::OnceLock<Vec<BidiClass>> = std::sync::OnceLock::new();
        let table = TABLE.get_or_init(|| {
            (0..0x800u32).map(|c| unicode_bidi::bidi_class(char::from_u32(c).unwrap_or('\0'))).collect()
        });
        match table.get(c as usize) {
            Some(&class) => class,
            None => unicode_bidi::bidi_class(c),
        }
    }
}

/// Embedding levels of a paragraph, one per character, with each character's original class.
pub struct ParagraphLevels {
    pub chars: Vec<char>,
    pub levels: Vec<Level>,
    pub classes: Vec<BidiClass>,
    pub paragraph_level: Level,
}

/// Levels for the whole paragraph (rules W and N look across what will become line breaks).
pub fn paragraph_levels(text: &str, base: BaseDirection) -> ParagraphLevels {
    let chars: Vec<char> = text.chars().collect();
    let classes: Vec<BidiClass> = chars.iter().map(|&c| FastClasses.bidi_class(c)).collect();
    let paragraph_level = match base {
        BaseDirection::Rtl => Level::rtl(),
        BaseDirection::Ltr => Level::ltr(),
        BaseDirection::Auto => match first_strong(classes.iter().copied()) {
            Some(Direction::Rtl) => Level::rtl(),
            _ => Level::ltr(),
        },
    };
    if let Some(levels) = super::implicit::resolve(&chars, &classes, paragraph_level) {
        return ParagraphLevels { chars, levels, classes, paragraph_level };
    }
    general_levels(text, base)
}

/// The levels the fast path gives, when it applies: for tests holding it against the general
/// algorithm.
pub fn fast_levels(text: &str, base: BaseDirection) -> Option<Vec<Level>> {
    let general = general_levels(text, base);
    let chars: Vec<char> = text.chars().collect();
    super::implicit::resolve(&chars, &general.classes, general.paragraph_level)
}

/// P2/P3 over classes, isolates skipped (the fast path sees none; kept exact all the same).
fn first_strong(classes: impl IntoIterator<Item = BidiClass>) -> Option<Direction> {
    use unicode_bidi::BidiClass::*;
    let mut isolates = 0usize;
    for c in classes {
        match c {
            LRI | RLI | FSI => isolates += 1,
            PDI => isolates = isolates.saturating_sub(1),
            L if isolates == 0 => return Some(Direction::Ltr),
            R | AL if isolates == 0 => return Some(Direction::Rtl),
            _ => {}
        }
    }
    None
}

/// unicode-bidi's full algorithm, for paragraphs with explicit formatting characters.
pub fn general_levels(text: &str, base: BaseDirection) -> ParagraphLevels {
    let info = ParagraphBidiInfo::new_with_data_source(&FastClasses, text, base.level());
    let mut levels = Vec::with_capacity(text.len());
    let mut classes = Vec::with_capacity(text.len());
    for (i, _) in text.char_indices() {
        levels.push(info.levels[i]);
        classes.push(info.original_classes[i]);
    }
    ParagraphLevels { chars: text.chars().collect(), levels, classes, paragraph_level: info.paragraph_level }
}

impl ParagraphLevels {
    pub fn direction(&self) -> Direction {
        if self.paragraph_level.is_rtl() {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Rule L1 on the characters `line`: the levels of that line ready for reordering.
    pub fn line_levels(&self, line: Range<usize>) -> Vec<Level> {
        use unicode_bidi::BidiClass::*;
        let mut levels = self.levels[line.clone()].to_vec();
        let classes = &self.classes[line];
        let para = self.paragraph_level;
        // Start of the current run of whitespace-like characters, if we are in one.
        let mut trailing_from: Option<usize> = None;
        for (i, &class) in classes.iter().enumerate() {
            match class {
                S | B => {
                    let from = trailing_from.unwrap_or(i);
                    levels[from..=i].iter_mut().for_each(|l| *l = para);
                    trailing_from = None;
                }
                WS | FSI | LRI | RLI | PDI | BN | LRE | RLE | LRO | RLO | PDF => {
                    trailing_from.get_or_insert(i);
                }
                _ => trailing_from = None,
            }
        }
        if let Some(from) = trailing_from {
            levels[from..].iter_mut().for_each(|l| *l = para);
        }
        levels
    }
}

/// Rule L2: the visual order (left to right) of units at these levels, as indexes into `levels`.
pub fn visual_order(levels: &[Level]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&highest) = levels.iter().max() else {
        return order;
    };
    let Some(lowest_odd) = levels.iter().map(|l| l.number() | 1).min() else {
        return order;
    };
    let mut level = highest.number();
    while level >= lowest_odd {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]].number() >= level {
                let start = i;
                while i < order.len() && levels[order[i]].number() >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

/// The project's per-line reordering entry point: the visual order of the characters of
/// `line` (char indexes into `text`), rules L1 and L2, levels resolved on the whole paragraph.
pub fn reorder_line(text: &str, base: BaseDirection, line: Range<usize>) -> Vec<usize> {
    let para = paragraph_levels(text, base);
    let levels = para.line_levels(line.clone());
    visual_order(&levels).into_iter().map(|i| i + line.start).collect()
}

/// Whether unicode-bidi removed the character in rule X9 (it is not shown and has no level).
pub fn removed_by_x9(class: BidiClass) -> bool {
    use unicode_bidi::BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF | BN)
}

/// Bidi format characters: they steer the algorithm and are never printed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A visible stand-in for a bidi format character, for the reader's "show controls" mode.
pub fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{061C}' => "ALM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(v: &[u8]) -> Vec<Level> {
        v.iter().map(|&n| Level::new(n).unwrap()).collect()
    }

    #[test]
    fn l2_reverses_from_the_highest_level_down() {
        assert_eq!(visual_order(&levels(&[0, 0, 0])), vec![0, 1, 2]);
        assert_eq!(visual_order(&levels(&[1, 1, 1])), vec![2, 1, 0]);
        assert_eq!(visual_order(&levels(&[1, 2, 2, 1])), vec![3, 1, 2, 0]);
        assert_eq!(visual_order(&levels(&[0, 1, 1, 0, 2, 2])), vec![0, 2, 1, 3, 4, 5]);
    }

    #[test]
    fn p2_p3_skips_isolates_and_weak_characters() {
        assert_eq!(strong_direction("123 غزة"), Some(Direction::Rtl));
        assert_eq!(strong_direction("\u{2066}abc\u{2069} غزة"), Some(Direction::Rtl));
        assert_eq!(strong_direction("iPhone غزة"), Some(Direction::Ltr));
        assert_eq!(strong_direction("123 ..."), None);
    }

    #[test]
    fn trailing_whitespace_goes_to_the_paragraph_level() {
        let p = paragraph_levels("abc غزة ", BaseDirection::Ltr);
        let l = p.line_levels(0..8);
        assert!(l[7].is_ltr());
        assert!(l[4].is_rtl());
    }
}
