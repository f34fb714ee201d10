//! Arabic shaping for terminals that do not join letters: each letter becomes the
//! presentation form its neighbours call for, and lam + alef become one ligature glyph.
//! Written by hand from Unicode's tables (see `joining_table.rs`) because the crates that
//! exist join lam-alef across harakat, drop ZWJ, or give no glyph-to-character map.

use unicode_bidi::{BidiClass, Level};

use super::bidi::removed_by_x9;
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

const JOINS_RIGHT: u8 = 1;
const JOINS_LEFT: u8 = 2;
/// Skipped over when joining (harakat and other marks).
const TRANSPARENT: u8 = 4;
/// A letter that has joining forms at all (R, L or D; not C).
const JOINING: u8 = 8;

/// A character's joining behaviour as bits: the sides it can join on, transparent, joining.
fn side_bits(c: char) -> u8 {
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
const ANY_LEVEL: Option<Level> = None;

fn levels_match(a: Option<Level>, b: Option<Level>) -> bool {
    a == b || a.is_none() || b.is_none()
}

/// In an RTL run the preceding letter is on the right; in an LTR one (an override), on the left.
fn preceding_mask(level: Option<Level>) -> u8 {
    if level.is_none_or(|l| l.is_rtl()) {
        JOINS_RIGHT
    } else {
        JOINS_LEFT
    }
}

fn following_mask(level: Option<Level>) -> u8 {
    JOINS_RIGHT + JOINS_LEFT - preceding_mask(level)
}

/// Shapes a paragraph in logical order. `levels` and `classes` are the paragraph's bidi levels
/// and original classes, one per character: letters join only within one level, as in FriBidi.
pub fn shape(chars: &[char], levels: &[Level], classes: &[BidiClass]) -> Vec<Glyph> {
    let n = chars.len();
    // what each character can join on (and whether it is transparent), in one byte
    let mut sides: Vec<u8> = chars.iter().map(|&c| side_bits(c)).collect();
    // a text with nothing that joins is shown as it is
    if sides.iter().all(|&b| b & (JOINS_RIGHT | JOINS_LEFT) == 0) {
        return chars.iter().map(|&c| Glyph::Char(c)).collect();
    }

    let mut saved: Option<(usize, Option<Level>)> = None;
    let mut joins = false;
    for i in 0..n {
        let x9 = removed_by_x9(classes[i]);
        let transparent = sides[i] & TRANSPARENT != 0;
        if x9 && transparent {
            continue; // embedding controls and the like: ignored, as if they were not there
        }
        let level = if x9 { ANY_LEVEL } else { Some(levels[i]) };
        let mut disjoin = false;
        if joins && saved.is_some_and(|(_, l)| !levels_match(l, level)) {
            disjoin = true;
            joins = false;
        }
        if !transparent {
            let pre = preceding_mask(level);
            if !joins {
                sides[i] &= !pre;
            } else if sides[i] & pre == 0 {
                disjoin = true;
            }
        }
        if disjoin {
            if let Some((s, l)) = saved {
                sides[s] &= !following_mask(l);
            }
        }
        if !transparent {
            saved = Some((i, level));
            joins = sides[i] & following_mask(level) != 0;
        }
    }
    if let (true, Some((s, l))) = (joins, saved) {
        sides[s] &= !following_mask(l);
    }

    let mut glyphs: Vec<Glyph> = chars
        .iter()
        .zip(&sides)
        .map(|(&c, &side)| {
            // non-joining letters of the Arabic block (hamza) still have an isolated form
            let has_forms = side & JOINING != 0 || ('\u{0600}'..'\u{0700}').contains(&c);
            Glyph::Char(if has_forms { form_of(c, side).unwrap_or(c) } else { c })
        })
        .collect();

    // Lam-alef: only when the two letters are adjacent, joined, and at one RTL level.
    for i in 0..n.saturating_sub(1) {
        let (lam, alef) = (chars[i], chars[i + 1]);
        if lam != LAM || !levels[i].is_rtl() || levels[i] != levels[i + 1] || sides[i + 1] & JOINS_RIGHT == 0 {
            continue;
        }
        if let Some(ligatures) = LAM_ALEF.iter().find(|(a, _)| *a == alef as u32).map(|(_, l)| l) {
            let lam_joins_before = sides[i] & JOINS_RIGHT != 0;
            let ligature = ligatures[usize::from(lam_joins_before)];
            if let Some(g) = char::from_u32(ligature) {
                glyphs[i] = Glyph::InNextLigature;
                glyphs[i + 1] = Glyph::Char(g);
            }
        }
    }
    glyphs
}

fn form_of(c: char, sides: u8) -> Option<char> {
    let form = match sides & (JOINS_RIGHT | JOINS_LEFT) {
        s if s == JOINS_RIGHT | JOINS_LEFT => 3,
        JOINS_RIGHT => 1,
        JOINS_LEFT => 2,
        _ => 0,
    };
    let c = c as u32;
    // the Arabic block from a flat table; the few letters elsewhere by search
    let forms = if (0x0600..0x0700).contains(&c) {
        static ARABIC: std::sync::OnceLock<[[u32; 4]; 256]> = std::sync::OnceLock::new();
        ARABIC.get_or_init(|| std::array::from_fn(|k| forms_by_search(0x0600 + k as u32).unwrap_or([0; 4])))
            [(c - 0x0600) as usize]
    } else {
        forms_by_search(c)?
    };
    let code = forms[form];
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
