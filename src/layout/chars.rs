//! What layout asks about a character, answered by one look-up: its bidi class, how it joins,
//! whether it stands alone as a grapheme cluster, whether it is whitespace. The scripts news
//! is written in (below U+0800: Latin, Arabic and their punctuation) come from a flat table
//! built once; every other character is asked of the Unicode crates. Six separate look-ups per
//! character were a third of the time of a layout.

use std::sync::OnceLock;

use unicode_bidi::BidiClass;

use unicode_width::UnicodeWidthChar;

use super::shaping::side_bits;

/// Facts about one character: its bidi class, flags the later stages read per character
/// (kept beside the paragraph's characters), and flags only the first scan needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CharInfo {
    pub class: BidiClass,
    /// The four joining bits of `shaping` and [`MARK`], [`WHITESPACE`], [`MIRRORED`],
    /// [`ZERO_WIDTH`].
    pub flags: u8,
    /// [`SIMPLE`], [`BRACKET`].
    pub scan: u8,
}

pub(super) const SIDES: u8 = 0x0F;
/// A haraka (extends the cluster before it and nothing else).
pub(super) const MARK: u8 = 1 << 4;
pub(super) const WHITESPACE: u8 = 1 << 5;
/// Bidi_Mirrored: shown as its mirror image in a right-to-left run (L4).
pub(super) const MIRRORED: u8 = 1 << 6;
/// Takes no column (for a character of the simple set, see [`SIMPLE`], every other takes one).
pub(super) const ZERO_WIDTH: u8 = 1 << 7;

/// Its own grapheme cluster, or a haraka that only extends the one before (see `stands_alone`).
pub(super) const SIMPLE: u8 = 1;
/// One of the characters BidiBrackets.txt pairs (rule N0 looks at those only).
pub(super) const BRACKET: u8 = 2;

/// The characters below this are answered from the table.
const TABLE_END: usize = 0x800;

pub(super) type Table = [CharInfo; TABLE_END];

impl CharInfo {
    fn compute(c: char) -> CharInfo {
        let class = unicode_bidi::bidi_class(c);
        let mut flags = side_bits(c) & SIDES;
        let mut scan = 0;
        if is_simple_mark(c) {
            flags |= MARK;
        }
        if c.is_whitespace() {
            flags |= WHITESPACE;
        }
        if unicode_bidi_mirroring::get_mirrored(c).is_some() {
            flags |= MIRRORED;
        }
        if char_width(c) == 0 {
            flags |= ZERO_WIDTH;
        }
        if stands_alone(c) || is_simple_mark(c) {
            scan |= SIMPLE;
        }
        if class == BidiClass::ON && is_bracket(c) {
            scan |= BRACKET;
        }
        CharInfo { class, flags, scan }
    }

    /// The table for the first [`TABLE_END`] code points: fetch it once, then [`CharInfo::get`].
    pub fn table() -> &'static Table {
        static TABLE: OnceLock<Box<Table>> = OnceLock::new();
        TABLE.get_or_init(|| {
            Box::new(std::array::from_fn(|c| CharInfo::compute(char::from_u32(c as u32).unwrap_or('\0'))))
        })
    }

    /// The facts of `c`, from `table` (what [`CharInfo::table`] gave) when it holds them.
    #[inline(always)]
    pub fn get(table: &Table, c: char) -> CharInfo {
        match table.get(c as usize) {
            Some(&info) => info,
            None => CharInfo::compute(c),
        }
    }

    pub fn of(c: char) -> CharInfo {
        CharInfo::get(CharInfo::table(), c)
    }
}

/// Columns of one glyph.
#[inline]
pub(super) fn char_width(c: char) -> u8 {
    match c {
        ' '..='~' | '\u{0621}'..='\u{064A}' | '\u{FE70}'..='\u{FEFC}' => 1,
        c => UnicodeWidthChar::width(c).unwrap_or(0) as u8,
    }
}

/// Whether a character is its own grapheme cluster whatever stands around it: it neither
/// extends the one before (marks, joiners, selectors) nor holds on to the one after.
fn stands_alone(c: char) -> bool {
    matches!(
        c as u32,
        0x20..=0x2FF
            | 0x0606..=0x060F
            | 0x061B..=0x064A
            | 0x0660..=0x066F
            | 0x0671..=0x06D5
            | 0x06E5..=0x06E6
            | 0x06EE..=0x06FF
            | 0x2010..=0x2027
            | 0x2030..=0x205E
    )
}

/// Harakat: they extend the cluster before them (UAX #29 GB9) and nothing else.
pub(super) fn is_simple_mark(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x065F | 0x0670)
}

fn is_bracket(c: char) -> bool {
    use unicode_bidi::{BidiDataSource, HardcodedBidiData};
    HardcodedBidiData.bidi_matched_opening_bracket(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_says_what_the_unicode_crates_say() {
        for c in ['a', ' ', '(', '\u{0644}', '\u{064E}', '\u{0660}', '\u{200F}', '\u{2066}', '\u{FEFB}', '👍'] {
            let info = CharInfo::of(c);
            assert_eq!(info.class, unicode_bidi::bidi_class(c), "{c:?}");
            assert_eq!(info.flags & SIDES, side_bits(c) & SIDES, "{c:?}");
            assert_eq!(info.flags & WHITESPACE != 0, c.is_whitespace(), "{c:?}");
        }
        let (info, flag) = (CharInfo::of, |c, f| CharInfo::of(c).flags & f != 0);
        assert!(info('(').scan & BRACKET != 0 && info(']').scan & BRACKET != 0 && info('«').scan & BRACKET == 0);
        assert!(flag('(', MIRRORED) && flag('«', MIRRORED) && !flag('a', MIRRORED));
        assert!(flag('\u{064E}', MARK) && flag('\u{064E}', ZERO_WIDTH) && info('\u{064E}').scan & SIMPLE != 0);
        let simple = |c| info(c).scan & SIMPLE != 0;
        assert!(simple('ب') && !simple('\u{200D}') && !simple('👍'));
    }

    /// The simple path measures a glyph that is its own character by [`ZERO_WIDTH`] alone.
    #[test]
    fn no_character_of_the_simple_set_is_wide() {
        for c in (0..0x3000u32).filter_map(char::from_u32).filter(|&c| CharInfo::of(c).scan & SIMPLE != 0) {
            assert!(char_width(c) <= 1, "{c:?}");
        }
    }
}
