//! The parts of UAX #9 that work per line: L1 (resetting separators and trailing
//! whitespace to the paragraph level) and L2 (reversing runs), written here over any unit
//! (a character for the conformance test, a grapheme cluster for layout) because
//! unicode-bidi's `visual_runs` works per byte and cannot reverse by cluster.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiDataSource, Level, ParagraphBidiInfo};

use super::chars::{CharInfo, BRACKET, MIRRORED, SIMPLE};
use super::shaping::{JOINS_LEFT, JOINS_RIGHT};

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

/// Bidi classes for unicode-bidi's general algorithm, from the layout's own table.
struct FastClasses;

impl BidiDataSource for FastClasses {
    fn bidi_class(&self, c: char) -> BidiClass {
        CharInfo::of(c).class
    }
}

/// Embedding levels of a paragraph, one per character, with each character's original class.
pub struct ParagraphLevels {
    pub chars: Vec<char>,
    pub levels: Vec<Level>,
    pub classes: Vec<BidiClass>,
    pub paragraph_level: Level,
}

/// What the pass that reads a paragraph's characters found on the way, for the stages after
/// the levels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scan {
    /// Every character stands alone as a cluster or is a haraka (see `CharInfo::simple`).
    pub simple: bool,
    /// Some character joins (shaping has work to do).
    pub joins: bool,
    /// Some character is Bidi_Mirrored.
    pub mirrored: bool,
    /// Some character is a segment or paragraph separator (rule L1 then looks inside lines).
    pub separators: bool,
    /// Some character is one rule X9 removes (an embedding control, a joiner).
    pub removed: bool,
}

/// Levels for the whole paragraph (rules W and N look across what will become line breaks).
pub fn paragraph_levels(text: &str, base: BaseDirection) -> ParagraphLevels {
    let mut para = ParagraphLevels::default();
    para.resolve(text, base, &mut Vec::new(), &mut Vec::new());
    para
}

/// The levels the fast path gives, when it applies: for tests holding it against the general
/// algorithm.
pub fn fast_levels(text: &str, base: BaseDirection) -> Option<Vec<Level>> {
    let general = general_levels(text, base);
    let seen = general.classes.iter().fold(0u32, |seen, &c| seen | 1 << c as u32);
    if !super::implicit::applies(seen) {
        return None;
    }
    let brackets = text.chars().any(|c| CharInfo::of(c).scan & BRACKET != 0);
    let mut levels = Vec::new();
    super::implicit::resolve(
        &general.chars,
        &general.classes,
        general.paragraph_level,
        brackets,
        &mut Vec::new(),
        &mut levels,
    );
    Some(levels)
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

impl Default for ParagraphLevels {
    fn default() -> Self {
        ParagraphLevels { chars: Vec::new(), levels: Vec::new(), classes: Vec::new(), paragraph_level: Level::ltr() }
    }
}

impl ParagraphLevels {
    /// Reads `text` and resolves its levels into these buffers (kept from one paragraph to the
    /// next), with each character's flags (see `chars`) into `flags`; `types` is scratch space
    /// for the resolver.
    pub(super) fn resolve(
        &mut self,
        text: &str,
        base: BaseDirection,
        flags: &mut Vec<u8>,
        types: &mut Vec<BidiClass>,
    ) -> Scan {
        use unicode_bidi::BidiClass::*;
        // every buffer sized for the most characters the text can hold, filled in one pass
        // without a capacity check a character, then cut to the characters there were
        let most = text.len();
        self.chars.clear();
        self.chars.resize(most, '\0');
        self.classes.clear();
        self.classes.resize(most, ON);
        flags.clear();
        flags.resize(most, 0);
        let table = CharInfo::table();
        // what every character is (and), what some character is (or), which classes occur
        let (mut all, mut any, mut any_flags, mut seen) = (u8::MAX, 0u8, 0u8, 0u32);
        let mut n = 0;
        let slots = self.chars.iter_mut().zip(self.classes.iter_mut()).zip(flags.iter_mut());
        for (c, ((char_slot, class_slot), flag_slot)) in text.chars().zip(slots) {
            let info = CharInfo::get(table, c);
            *char_slot = c;
            *class_slot = info.class;
            *flag_slot = info.flags;
            all &= info.scan;
            any |= info.scan;
            any_flags |= info.flags;
            seen |= 1 << info.class as u32;
            n += 1;
        }
        self.chars.truncate(n);
        self.classes.truncate(n);
        flags.truncate(n);
        let first_strong = self.classes.iter().find_map(|c| match c {
            L => Some(Direction::Ltr),
            R | AL => Some(Direction::Rtl),
            _ => None,
        });
        let scan = Scan {
            simple: all & SIMPLE != 0,
            joins: any_flags & (JOINS_RIGHT | JOINS_LEFT) != 0,
            mirrored: any_flags & MIRRORED != 0,
            separators: seen & (1 << S as u32 | 1 << B as u32) != 0,
            removed: [RLE, LRE, RLO, LRO, PDF, BN].iter().any(|&c| seen & 1 << c as u32 != 0),
        };
        if super::implicit::applies(seen) {
            // no isolates here, so the first strong class is P2's
            self.paragraph_level = base.level().unwrap_or(match first_strong {
                Some(Direction::Rtl) => Level::rtl(),
                _ => Level::ltr(),
            });
            let brackets = any & BRACKET != 0;
            super::implicit::resolve(
                &self.chars,
                &self.classes,
                self.paragraph_level,
                brackets,
                types,
                &mut self.levels,
            );
        } else {
            let info = ParagraphBidiInfo::new_with_data_source(&FastClasses, text, base.level());
            self.levels.clear();
            self.levels.extend(text.char_indices().map(|(i, _)| info.levels[i]));
            self.paragraph_level = info.paragraph_level;
        }
        scan
    }

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
                c if l1_whitespace(c) => {
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
    let mut order = Vec::new();
    reorder_into(levels, &mut order);
    order.into_iter().map(|i| i as usize).collect()
}

/// [`visual_order`] into a buffer kept between lines.
pub(super) fn reorder_into(levels: &[Level], order: &mut Vec<u32>) {
    order.clear();
    order.extend(0..levels.len() as u32);
    let Some(highest) = levels.iter().map(|l| l.number()).max() else {
        return;
    };
    let lowest_odd = levels.iter().map(|l| l.number() | 1).min().unwrap_or(1);
    // a unit reversed at one level stays inside runs of every lower level: which positions
    // belong to a run never changes, so it is read from the levels by position
    for level in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < levels.len() {
            if levels[i].number() < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < levels.len() && levels[i].number() >= level {
                i += 1;
            }
            order[start..i].reverse();
        }
    }
}

/// Whitespace-like for rule L1: these go to the paragraph level at the end of a line and before
/// a separator.
pub(super) fn l1_whitespace(class: BidiClass) -> bool {
    use unicode_bidi::BidiClass::*;
    matches!(class, WS | FSI | LRI | RLI | PDI | BN | LRE | RLE | LRO | RLO | PDF)
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
