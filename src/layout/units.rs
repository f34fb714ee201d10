//! A paragraph cut into units: grapheme clusters as they will be shown (a lam-alef ligature
//! counts as one), each with the glyphs it shows, its width and where a line may start.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::bidi::{control_name, is_bidi_control};
use super::chars::{char_width, MARK, WHITESPACE, ZERO_WIDTH};
use super::shaping::Glyph;
use super::wrap::BreakBytes;
use super::LayoutOptions;

/// A grapheme cluster as it will be shown (a lam-alef ligature counts as one).
#[derive(Debug, Clone)]
pub(super) struct Unit {
    /// The characters it shows (char indexes); their glyphs are what it shows, unless the
    /// paragraph went through [`cluster_units`] (then see [`Shown`]).
    pub logical: Range<u32>,
    pub width: u8,
    /// UAX #14 allows a line to start here.
    pub break_before: bool,
    /// Whitespace (or an invisible control): may hang past the line's end, trimmed there.
    pub blank: bool,
}

/// A paragraph's characters with what the stages before made of them.
pub(super) struct Shaped<'a> {
    pub text: &'a str,
    pub chars: &'a [char],
    /// Each character's flags (see `chars`).
    pub flags: &'a [u8],
    /// Shaped and mirrored.
    pub glyphs: &'a [Glyph],
    /// Every character stands alone as a cluster or is a haraka.
    pub simple: bool,
}

/// What the units of a paragraph that is not simple show (controls revealed by name, for
/// one): text, and each unit's bytes of it.
#[derive(Default)]
pub(super) struct Shown {
    pub text: String,
    pub ranges: Vec<Range<u32>>,
}

impl Shown {
    /// What unit `k` of the paragraph shows.
    pub fn of(&self, k: usize) -> &str {
        let range = &self.ranges[k];
        &self.text[range.start as usize..range.end as usize]
    }
}

/// Cuts the paragraph into units. A simple paragraph's units show their glyphs; any other's
/// show what goes into `shown`. Returns whether the units show their glyphs.
pub(super) fn build(p: &Shaped, options: &LayoutOptions, shown: &mut Shown, units: &mut Vec<Unit>) -> bool {
    shown.text.clear();
    shown.ranges.clear();
    units.clear();
    units.reserve(p.chars.len());
    match (p.simple, options.width > 0) {
        (true, false) => simple_units(p, None::<BreakBytes<std::iter::Empty<usize>>>, units),
        (true, true) => simple_units(p, Some(super::wrap::break_bytes(p.text)), units),
        (false, wrap) => {
            shown.text.reserve(p.text.len() + p.text.len() / 2);
            let breaks = wrap.then(|| super::wrap::break_bytes(p.text));
            cluster_units(p, options, breaks, shown, units);
        }
    }
    p.simple
}

/// The usual paragraph: letters, digits, punctuation, spaces and harakat only, so a cluster is
/// a character and the harakat after it, and a glyph that is its own character is measured by
/// its flags.
fn simple_units(p: &Shaped, mut breaks: Option<BreakBytes<impl Iterator<Item = usize>>>, units: &mut Vec<Unit>) {
    let mut byte = 0usize;
    // the unit being built stays open while harakat follow, or while a lam waits for its alef
    let mut unit = Unit { logical: 0..0, width: 0, break_before: false, blank: false };
    let mut lam_open = false;
    for (i, ((&c, &glyph), &flags)) in p.chars.iter().zip(p.glyphs).zip(p.flags).enumerate() {
        let i = i as u32;
        let whitespace = flags & WHITESPACE != 0;
        if (flags & MARK == 0 && !lam_open) || i == 0 {
            if i > 0 {
                close(&mut unit, i, units);
            }
            let break_before = breaks.as_mut().is_some_and(|b| b.allows(byte));
            unit = Unit { logical: i..i, width: 0, break_before, blank: whitespace };
        }
        if breaks.is_some() {
            byte += c.len_utf8();
        }
        lam_open = false;
        match glyph {
            Glyph::InNextLigature => {
                lam_open = true;
                unit.blank = false;
            }
            Glyph::Char(g) => {
                let width = if g == c { u8::from(flags & ZERO_WIDTH == 0) } else { char_width(g) };
                unit.width = unit.width.max(width);
                unit.blank &= whitespace;
            }
        }
    }
    if !p.chars.is_empty() {
        close(&mut unit, p.chars.len() as u32, units);
    }
}

/// Ends the unit being built before char `end` and adds it.
#[inline(always)]
fn close(unit: &mut Unit, end: u32, units: &mut Vec<Unit>) {
    unit.logical.end = end;
    // nothing to see (a lone zero-width glyph): it takes no room and hangs like a space
    unit.blank |= unit.width == 0;
    units.push(unit.clone());
}

/// Any other paragraph: clusters from the full UAX #29 segmenter, bidi controls hidden (or
/// revealed by name), multi-glyph clusters measured whole.
fn cluster_units(
    p: &Shaped,
    options: &LayoutOptions,
    mut breaks: Option<BreakBytes<impl Iterator<Item = usize>>>,
    shown: &mut Shown,
    units: &mut Vec<Unit>,
) {
    let mut char_index = 0u32;
    // a lam waiting for its alef's cluster, and where what it shows starts
    let mut open: Option<(Unit, u32)> = None;
    for (byte, cluster) in p.text.grapheme_indices(true) {
        let start = char_index;
        let shown_start = open.as_ref().map_or(shown.text.len() as u32, |(_, s)| *s);
        let mut blank = true;
        let mut width = 0u8;
        let mut revealed = false;
        for _ in cluster.chars() {
            let i = char_index as usize;
            char_index += 1;
            let c = p.chars[i];
            if is_bidi_control(c) {
                if options.reveal_controls {
                    shown.text.push('<');
                    shown.text.push_str(control_name(c).unwrap_or("?"));
                    shown.text.push('>');
                    blank = false;
                    revealed = true;
                }
                continue;
            }
            blank &= c.is_whitespace();
            if let Glyph::Char(g) = p.glyphs[i] {
                shown.text.push(g);
                width = width.max(char_width(g));
            }
        }
        let break_before = breaks.as_mut().is_some_and(|b| b.allows(byte));
        let lam_waiting = matches!(p.glyphs[(char_index - 1) as usize], Glyph::InNextLigature);
        let unit = match open.take() {
            Some((mut lam, _)) => {
                lam.logical.end = char_index;
                lam.blank = false;
                lam
            }
            None => Unit { logical: start..char_index, width: 0, break_before, blank },
        };
        if lam_waiting {
            open = Some((unit, shown_start));
            continue;
        }
        let shown_text = &shown.text[shown_start as usize..];
        // one glyph: its own width; a multi-glyph cluster (emoji sequences, revealed controls)
        // is measured whole
        let width = if shown_text.is_empty() {
            0
        } else if revealed {
            // a revealed control is its name in ASCII, one column a letter
            UnicodeWidthStr::width(shown_text).min(u8::MAX as usize) as u8
        } else if shown_text.chars().nth(1).is_none() {
            width
        } else {
            cluster_width(shown_text)
        };
        shown.ranges.push(shown_start..shown.text.len() as u32);
        units.push(Unit { width, blank: unit.blank || width == 0, ..unit });
    }
    if let Some((unit, shown_start)) = open {
        let width = cluster_width(&shown.text[shown_start as usize..]);
        shown.ranges.push(shown_start..shown.text.len() as u32);
        units.push(Unit { width, ..unit });
    }
}

/// Columns of one shown cluster (never more than 2: a cluster is one glyph).
fn cluster_width(shown: &str) -> u8 {
    let mut chars = shown.chars();
    match (chars.next(), chars.next()) {
        // printable ASCII, Arabic letters and their presentation forms: one column each
        (Some(' '..='~' | '\u{0621}'..='\u{064A}' | '\u{FE70}'..='\u{FEFC}'), None) => 1,
        (Some(c), None) => UnicodeWidthChar::width(c).unwrap_or(0) as u8,
        _ => UnicodeWidthStr::width(shown).min(2) as u8,
    }
}
