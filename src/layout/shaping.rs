//! Arabic shaping for terminals that do not join letters: each letter becomes the
//! presentation form its neighbours call for, and lam + alef become one ligature glyph.
//! Written by hand from Unicode's tables (see `joining_table.rs`) because the crates that
//! exist join lam-alef across harakat, drop ZWJ, or give no glyph-to-character map.

use unicode_bidi::{BidiClass, Level};

use super::bidi::removed_by_x9;
use super::chars::{CharInfo, SIDES};
use super::joining_table::{FORMS, JOINING_TYPES, LAM_ALEF};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoiningType {
    /// Joins on the right (the preceding letter in RTL) only: alef, dal, waw…
    R,
    /// Joins on the left only (rare in Arabic).
    L,
    /// Dual joining: most letters.
    D,
    /// Join causing: tatweel, ZWJ.
    C,
    /// Transparent: harakat and other marks, skipped over when joining.
    T,
}

pub fn joining_type(c: char) -> Option<JoiningType> {
    let c = c as u32;
    // Latin and the like: nothing joins below the combining marks but the soft hyphen
    if c < 0x300 {
        return (c == 0xAD).then_some(JoiningType::T);
    }
    // the Arabic block, asked about for nearly every character of a news paragraph
    if (0x0600..0x0700).contains(&c) {
        static ARABIC: std::sync::OnceLock<[Option<JoiningType>; 256]> = std::sync::OnceLock::new();
        let table = ARABIC.get_or_init(|| std::array::from_fn(|k| search(0x0600 + k as u32)));
        return table[(c - 0x0600) as usize];
    }
    search(c)
}

fn search(c: u32) -> Option<JoiningType> {
    let i = JOINING_TYPES.partition_point(|&(_, end, _)| end < c);
    JOINING_TYPES.get(i).filter(|&&(start, _, _)| start <= c).map(|&(_, _, t)| t)
}

const LAM: char = '\u{0644}';

/// How each logical character is shown once shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// Shown as this character (the letter itself, or its presentation form).
    Char(char),
    /// A lam drawn inside the ligature shown for the next character (its alef).
    InNextLigature,
}

pub(super) const JOINS_RIGHT: u8 = 1;
pub(super) const JOINS_LEFT: u8 = 2;
/// Skipped over when joining (harakat and other marks).
const TRANSPARENT: u8 = 4;
/// A letter that has joining forms at all (R, L or D; not C).
const JOINING: u8 = 8;

/// A character's joining behaviour as bits: the sides it can join on, transparent, joining.
pub(super) fn side_bits(c: char) -> u8 {
    match joining_type(c) {
        Some(JoiningType::R) => JOINS_RIGHT | JOINING,
        Some(JoiningType::L) => JOINS_LEFT | JOINING,
        Some(JoiningType::D) => JOINS_RIGHT | JOINS_LEFT | JOINING,
        Some(JoiningType::C) => JOINS_RIGHT | JOINS_LEFT,
        Some(JoiningType::T) => TRANSPARENT,
        None => 0,
    }
}

/// A level that matches every other: characters removed by rule X9 (ZWJ among them) carry it.
const ANY_LEVEL: u8 = u8::MAX;

#[inline(always)]
fn levels_match(a: u8, b: u8) -> bool {
    a == b || a == ANY_LEVEL || b == ANY_LEVEL
}

/// In an RTL run the preceding letter is on the right; in an LTR one (an override), on the left.
#[inline(always)]
fn preceding_mask(level: u8) -> u8 {
    if level == ANY_LEVEL || level & 1 == 1 {
        JOINS_RIGHT
    } else {
        JOINS_LEFT
    }
}

#[inline(always)]
fn following_mask(level: u8) -> u8 {
    JOINS_RIGHT + JOINS_LEFT - preceding_mask(level)
}

/// Shapes a paragraph in logical order. `levels` and `classes` are the paragraph's bidi levels
/// and original classes, one per character: letters join only within one level, as in FriBidi.
pub fn shape(chars: &[char], levels: &[Level], classes: &[BidiClass]) -> Vec<Glyph> {
    let mut glyphs = Vec::new();
    let mut sides: Vec<u8> = chars.iter().map(|&c| CharInfo::of(c).flags).collect();
    shape_into::<true>(chars, levels, classes, &mut sides, &mut glyphs);
    glyphs
}

/// [`shape`] into `glyphs` (a buffer kept between paragraphs). `sides` holds each character's
/// flags from `chars`: their joining bits are worked on in place. `REMOVED`: whether the
/// paragraph may hold characters rule X9 removes (the loop without them is simpler).
///
/// One pass: a letter's sides are final once the next letter (marks skipped) is seen, so its
/// form is written then; a lam and the alef right after it become the ligature at that point.
pub(super) fn shape_into<const REMOVED: bool>(
    chars: &[char],
    levels: &[Level],
    classes: &[BidiClass],
    sides: &mut [u8],
    glyphs: &mut Vec<Glyph>,
) {
    let n = chars.len();
    glyphs.clear();
    glyphs.extend(chars.iter().map(|&c| Glyph::Char(c)));
    // a text with nothing that joins is shown as it is
    if sides.iter().all(|&b| b & (JOINS_RIGHT | JOINS_LEFT) == 0) {
        return;
    }
    let arabic = arabic_forms();
    let mut saved = NONE; // the last letter (not transparent) seen, its form not yet written
    let mut saved_level = ANY_LEVEL;
    let mut joins = false; // whether it joins what follows
    let mut ligature = NONE; // an alef already drawn with its lam
    for i in 0..n {
        let x9 = REMOVED && removed_by_x9(classes[i]);
        let transparent = sides[i] & TRANSPARENT != 0;
        if x9 && transparent {
            continue; // embedding controls and the like: ignored, as if they were not there
        }
        let level = if x9 { ANY_LEVEL } else { levels[i].number() };
        if joins && !levels_match(saved_level, level) {
            sides[saved] &= !following_mask(saved_level);
            joins = false;
        }
        if transparent {
            continue;
        }
        let pre = preceding_mask(level);
        if !joins {
            sides[i] &= !pre;
        } else if sides[i] & pre == 0 {
            sides[saved] &= !following_mask(saved_level);
        }
        if saved != NONE && saved != ligature {
            // lam-alef: only when the two letters are adjacent, joined, and at one RTL level
            let lam_alef = (chars[saved] == LAM && saved + 1 == i && saved_level & 1 == 1 && saved_level == level)
                .then(|| lam_alef(chars[i], sides[saved] & JOINS_RIGHT != 0).filter(|_| sides[i] & JOINS_RIGHT != 0))
                .flatten();
            if let Some(ligature_glyph) = lam_alef {
                glyphs[saved] = Glyph::InNextLigature;
                glyphs[i] = Glyph::Char(ligature_glyph);
                ligature = i;
            } else {
                glyphs[saved] = Glyph::Char(form(arabic, chars[saved], sides[saved]));
            }
        }
        saved = i;
        saved_level = level;
        joins = sides[i] & following_mask(level) != 0;
    }
    if saved != NONE && saved != ligature {
        if joins {
            sides[saved] &= !following_mask(saved_level);
        }
        glyphs[saved] = Glyph::Char(form(arabic, chars[saved], sides[saved]));
    }
}

const NONE: usize = usize::MAX;

/// How a letter with these joined sides is drawn (itself when it has no such form).
#[inline(always)]
fn form(arabic: &[[u16; 4]; 256], c: char, sides: u8) -> char {
    let form = form_index(sides);
    let sides = sides & SIDES;
    match c as u32 {
        // non-joining letters of the Arabic block (hamza) still have an isolated form
        code @ 0x0600..0x0700 => match arabic[(code - 0x0600) as usize][form] {
            0 => c,
            shaped => char::from_u32(u32::from(shaped)).unwrap_or(c),
        },
        _ if sides & JOINING != 0 => form_of(c, form).unwrap_or(c),
        _ => c,
    }
}

/// The ligature of lam with this alef, in its final form when the lam joins the letter before.
fn lam_alef(alef: char, lam_joins_before: bool) -> Option<char> {
    let ligatures = LAM_ALEF.iter().find(|(a, _)| *a == alef as u32).map(|(_, l)| l)?;
    char::from_u32(ligatures[usize::from(lam_joins_before)])
}

/// Which of the four forms (isolated, final, initial, medial) the joined sides call for.
fn form_index(sides: u8) -> usize {
    match sides & (JOINS_RIGHT | JOINS_LEFT) {
        s if s == JOINS_RIGHT | JOINS_LEFT => 3,
        JOINS_RIGHT => 1,
        JOINS_LEFT => 2,
        _ => 0,
    }
}

/// The presentation forms of the Arabic block, flat (0: no such form); they all lie below
/// U+FFFF.
fn arabic_forms() -> &'static [[u16; 4]; 256] {
    static ARABIC: std::sync::OnceLock<[[u16; 4]; 256]> = std::sync::OnceLock::new();
    ARABIC
        .get_or_init(|| std::array::from_fn(|k| forms_by_search(0x0600 + k as u32).unwrap_or([0; 4]).map(|f| f as u16)))
}

fn form_of(c: char, form: usize) -> Option<char> {
    let code = forms_by_search(c as u32)?[form];
    (code != 0).then(|| char::from_u32(code)).flatten()
}

fn forms_by_search(c: u32) -> Option<[u32; 4]> {
    FORMS.binary_search_by_key(&c, |&(base, _)| base).ok().map(|i| FORMS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::bidi::{paragraph_levels, BaseDirection};

    fn shaped(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let p = paragraph_levels(text, BaseDirection::Auto);
        shape(&chars, &p.levels, &p.classes)
            .into_iter()
            .filter_map(|g| match g {
                Glyph::Char(c) => Some(c),
                Glyph::InNextLigature => None,
            })
            .collect()
    }

    #[test]
    fn contextual_forms() {
        // بيت: initial, medial, final
        assert_eq!(shaped("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        // a lone letter stays isolated; alef never joins on its left
        assert_eq!(shaped("ب"), "\u{FE8F}");
        assert_eq!(shaped("اب"), "\u{FE8D}\u{FE8F}");
    }

    #[test]
    fn lam_alef_ligatures_in_both_positions() {
        assert_eq!(shaped("لا"), "\u{FEFB}");
        assert_eq!(shaped("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shaped("لأ"), "\u{FEF7}");
        assert_eq!(shaped("لإ"), "\u{FEF9}");
        assert_eq!(shaped("لآ"), "\u{FEF5}");
    }

    #[test]
    fn no_ligature_across_a_haraka_and_no_allah_ligature() {
        // لَا: the fatha sits between the letters: they join, but stay two glyphs
        assert_eq!(shaped("لَا"), "\u{FEDF}\u{064E}\u{FE8E}");
        assert_eq!(shaped("الله"), "\u{FE8D}\u{FEDF}\u{FEE0}\u{FEEA}");
    }

    #[test]
    fn harakat_are_transparent_and_kept() {
        assert_eq!(shaped("بَت"), "\u{FE91}\u{064E}\u{FE96}");
    }

    #[test]
    fn tatweel_and_zwj_join_zwnj_breaks() {
        assert_eq!(shaped("بـ"), "\u{FE91}\u{0640}");
        assert_eq!(shaped("ب\u{200D}"), "\u{FE91}\u{200D}");
        assert_eq!(shaped("ب\u{200C}ت"), "\u{FE8F}\u{200C}\u{FE95}");
    }

    #[test]
    fn letters_at_different_levels_do_not_join() {
        // the RLE lifts ت to level 3: it does not join ب at level 1; a Latin letter breaks too
        assert_eq!(shaped("ب\u{202B}ت\u{202C}"), "\u{FE8F}\u{202B}\u{FE95}\u{202C}");
        // an LRM between two letters at one level is transparent
        assert_eq!(shaped("ب\u{200F}ت"), "\u{FE91}\u{200F}\u{FE96}");
        assert_eq!(shaped("بxت"), "\u{FE8F}x\u{FE95}");
    }

    #[test]
    fn letters_without_presentation_forms_stay() {
        assert_eq!(shaped("ٮ"), "ٮ");
    }
}
