//! The layout engine: a paragraph to the visual lines a terminal must show (UAX #9 §3.4:
//! levels for the whole paragraph, shaping on logical text, lines broken in logical order,
//! then each line reordered by grapheme cluster and mirrored).

pub mod bidi;
pub mod cache;
mod implicit;
mod joining_table;
pub mod line;
pub mod options;
pub mod shaping;
mod wrap;

use std::ops::Range;

use unicode_bidi::Level;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use bidi::{strong_direction, BaseDirection, Direction};
pub use cache::LayoutCache;
pub use line::{Cell, ParagraphLayout, VisualLine};
pub use options::{BidiMode, LayoutChoices, Named, Shaping};

use bidi::{control_name, is_bidi_control, paragraph_levels, visual_order};
use shaping::{shape, Glyph};

/// How to lay a paragraph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Columns; 0 means no wrapping.
    pub width: usize,
    /// Contextual forms and lam-alef ligatures as presentation forms.
    pub shaping: bool,
    pub direction: BaseDirection,
    /// Reorder (and mirror) for terminals that do no bidi; off hands them logical order.
    pub reorder: bool,
    /// Show bidi format characters as visible marks instead of hiding them.
    pub reveal_controls: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            shaping: true,
            direction: BaseDirection::Auto,
            reorder: true,
            reveal_controls: false,
        }
    }
}

/// A grapheme cluster as it will be shown (a lam-alef ligature counts as one).
struct Unit {
    logical: Range<u32>,
    shown: Range<u32>,
    width: u8,
    /// UAX #14 allows a line to start here.
    break_before: bool,
    /// Whitespace (or an invisible control): may hang past the line's end, trimmed there.
    blank: bool,
}

pub fn layout(text: &str, options: &LayoutOptions) -> ParagraphLayout {
    let para = paragraph_levels(text, options.direction);
    let chars = &para.chars;
    let glyphs: Vec<Glyph> = if options.shaping {
        shape(chars, &para.levels, &para.classes)
    } else {
        chars.iter().map(|&c| Glyph::Char(c)).collect()
    };
    let (shown, units) = build_units(text, chars, &glyphs, &para.levels, options);
    let lines = wrap::break_lines(&units, options.width);

    let direction = para.direction();
    let mut out = Vec::with_capacity(lines.len());
    for range in lines {
        out.push(visual_line(&units[range], &shown, &para, options));
    }
    if out.is_empty() {
        out.push(VisualLine::default());
    }
    ParagraphLayout { direction, lines: out }
}

fn build_units(
    text: &str,
    chars: &[char],
    glyphs: &[Glyph],
    levels: &[Level],
    options: &LayoutOptions,
) -> (String, Vec<Unit>) {
    if chars.iter().all(|&c| stands_alone(c) || is_simple_mark(c)) {
        return simple_units(text, chars, glyphs, levels, options);
    }
    let mut shown = String::with_capacity(text.len() + text.len() / 2);
    let mut units: Vec<Unit> = Vec::with_capacity(chars.len());
    let mut breaks = if options.width > 0 { Some(wrap::break_bytes(text)) } else { None };
    let mut char_index = 0u32;
    let mut open: Option<Unit> = None; // a lam waiting for its alef's cluster
    for (byte, cluster) in clusters(text) {
        let start = char_index;
        let shown_start = open.as_ref().map_or(shown.len() as u32, |u| u.shown.start);
        let mut blank = true;
        let mut width = 0u8;
        let mut revealed = false;
        for _ in cluster.chars() {
            let i = char_index as usize;
            char_index += 1;
            let c = chars[i];
            if is_bidi_control(c) {
                if options.reveal_controls {
                    shown.push('<');
                    shown.push_str(control_name(c).unwrap_or("?"));
                    shown.push('>');
                    blank = false;
                    revealed = true;
                }
                continue;
            }
            blank &= c.is_whitespace();
            if let Glyph::Char(g) = glyphs[i] {
                // letters and digits are never mirrored: skip the table for them
                let mirrored = (options.reorder && may_mirror(g) && levels[i].is_rtl())
                    .then(|| unicode_bidi_mirroring::get_mirrored(g))
                    .flatten();
                let g = mirrored.unwrap_or(g);
                shown.push(g);
                width = width.max(char_width(g));
            }
        }
        let break_before = breaks.as_mut().is_some_and(|b| b.allows(byte));
        let lam_waiting = matches!(glyphs[(char_index - 1) as usize], Glyph::InNextLigature);
        let unit = match open.take() {
            Some(mut lam) => {
                lam.logical.end = char_index;
                lam.blank = false;
                lam
            }
            None => Unit { logical: start..char_index, shown: 0..0, width: 0, break_before, blank },
        };
        let unit = Unit { shown: shown_start..shown.len() as u32, ..unit };
        if lam_waiting {
            open = Some(unit);
            continue;
        }
        let shown_text = &shown[unit.shown.start as usize..unit.shown.end as usize];
        // one glyph: its own width; a multi-glyph cluster (emoji sequences, revealed controls)
        // is measured whole
        let width = if unit.shown.is_empty() {
            0
        } else if revealed {
            // a revealed control is its name in ASCII, one column a letter
            UnicodeWidthStr::width(shown_text).min(u8::MAX as usize) as u8
        } else if shown_text.chars().nth(1).is_none() {
            width
        } else {
            cluster_width(shown_text)
        };
        units.push(Unit { width, blank: unit.blank || width == 0, ..unit });
    }
    if let Some(unit) = open {
        let width = cluster_width(&shown[unit.shown.start as usize..]);
        units.push(Unit { width, ..unit });
    }
    (shown, units)
}

/// A cheap first test for Bidi_Mirrored: ASCII punctuation, and symbols outside the letter
/// blocks (the mirroring table is only asked about those).
fn may_mirror(c: char) -> bool {
    c.is_ascii_punctuation() || (c as u32 >= 0xAB && !matches!(c as u32, 0x0300..=0x1FFF | 0xFB50..=0xFEFF))
}

/// [`build_units`] for the usual paragraph: letters, digits, punctuation, spaces and
/// harakat only, so a cluster is a character and the harakat after it, and no glyph needs
/// measuring but the few outside the fast width table.
fn simple_units(
    text: &str,
    chars: &[char],
    glyphs: &[Glyph],
    levels: &[Level],
    options: &LayoutOptions,
) -> (String, Vec<Unit>) {
    let mut shown = String::with_capacity(text.len() + text.len() / 2);
    let mut units: Vec<Unit> = Vec::with_capacity(chars.len());
    let mut breaks = if options.width > 0 { Some(wrap::break_bytes(text)) } else { None };
    let mut byte = 0usize;
    // the unit being built stays open while harakat follow, or while a lam waits for its alef
    let mut lam_open = false;
    for (i, &c) in chars.iter().enumerate() {
        let at = byte;
        byte += c.len_utf8();
        let continues = !units.is_empty() && (is_simple_mark(c) || lam_open);
        if !continues {
            let break_before = breaks.as_mut().is_some_and(|b| b.allows(at));
            let blank = c.is_whitespace();
            let s = shown.len() as u32;
            units.push(Unit { logical: i as u32..i as u32, shown: s..s, width: 0, break_before, blank });
        }
        lam_open = false;
        let Some(unit) = units.last_mut() else { continue };
        unit.logical.end = i as u32 + 1;
        match glyphs[i] {
            Glyph::InNextLigature => {
                lam_open = true;
                unit.blank = false;
            }
            Glyph::Char(g) => {
                let mirrored = (options.reorder && may_mirror(g) && levels[i].is_rtl())
                    .then(|| unicode_bidi_mirroring::get_mirrored(g))
                    .flatten();
                let g = mirrored.unwrap_or(g);
                shown.push(g);
                unit.width = unit.width.max(char_width(g));
                unit.blank &= c.is_whitespace();
            }
        }
        unit.shown.end = shown.len() as u32;
        if unit.width == 0 {
            unit.blank = true;
        }
    }
    (shown, units)
}

/// Columns of one glyph.
fn char_width(c: char) -> u8 {
    match c {
        ' '..='~' | '\u{0621}'..='\u{064A}' | '\u{FE70}'..='\u{FEFC}' => 1,
        c => UnicodeWidthChar::width(c).unwrap_or(0) as u8,
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
fn is_simple_mark(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x065F | 0x0670)
}

/// Grapheme clusters with their byte offsets. Text made only of characters that stand alone
/// and harakat is cut by hand (each haraka joins the cluster before it); anything else goes
/// through the full UAX #29 segmenter.
fn clusters(text: &str) -> Clusters<'_> {
    if text.chars().all(|c| stands_alone(c) || is_simple_mark(c)) {
        Clusters::Simple { text, rest: text.char_indices().peekable() }
    } else {
        Clusters::Full(text.grapheme_indices(true))
    }
}

enum Clusters<'a> {
    Simple { text: &'a str, rest: std::iter::Peekable<std::str::CharIndices<'a>> },
    Full(unicode_segmentation::GraphemeIndices<'a>),
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Clusters::Full(g) => g.next(),
            Clusters::Simple { text, rest } => {
                let (start, c) = rest.next()?;
                let mut end = start + c.len_utf8();
                while let Some(&(i, m)) = rest.peek().filter(|(_, m)| is_simple_mark(*m)) {
                    end = i + m.len_utf8();
                    rest.next();
                }
                Some((start, &text[start..end]))
            }
        }
    }
}

fn visual_line(units: &[Unit], shown: &str, para: &bidi::ParagraphLevels, options: &LayoutOptions) -> VisualLine {
    let Some(first) = units.first() else {
        return VisualLine::default();
    };
    let line_start = first.logical.start as usize;
    let line_end = units.last().map_or(line_start, |u| u.logical.end as usize);
    let levels = para.line_levels(line_start..line_end);
    // Trailing blanks are trimmed: kept as empty cells so every character stays accounted for.
    let visible_end = units.iter().rposition(|u| !u.blank).map_or(0, |i| i + 1);
    let unit_levels: Vec<Level> = units.iter().map(|u| levels[u.logical.start as usize - line_start]).collect();
    let order: Vec<usize> = if options.reorder { visual_order(&unit_levels) } else { (0..units.len()).collect() };

    let bytes = units.last().map_or(0, |u| u.shown.end) - first.shown.start;
    let mut line =
        VisualLine { text: String::with_capacity(bytes as usize), cells: Vec::with_capacity(units.len()), width: 0 };
    for i in order {
        let unit = &units[i];
        let start = line.text.len() as u32;
        let width = if i < visible_end {
            line.text.push_str(&shown[unit.shown.start as usize..unit.shown.end as usize]);
            unit.width
        } else {
            0
        };
        line.width += width as usize;
        line.cells.push(Cell {
            text: start..line.text.len() as u32,
            width,
            logical: unit.logical.clone(),
            rtl: unit_levels[i].is_rtl(),
        });
    }
    line
}

/// A title with no strong character (all digits, say) runs the way its story's text does.
pub fn title_direction(title: &str, paragraphs: &[String], asked: BaseDirection) -> BaseDirection {
    if asked != BaseDirection::Auto || strong_direction(title).is_some() {
        return asked;
    }
    match paragraphs.iter().find_map(|p| strong_direction(p)) {
        Some(Direction::Rtl) => BaseDirection::Rtl,
        Some(Direction::Ltr) => BaseDirection::Ltr,
        None => asked,
    }
}

/// Lays out and prints a paragraph as plain lines (what `qari render` and the fixtures show).
pub fn render_plain(text: &str, options: &LayoutOptions) -> Vec<String> {
    let layout = layout(text, options);
    layout.lines.iter().map(|line| format!("{}{}", " ".repeat(layout.padding(line, options)), line.text)).collect()
}

#[cfg(test)]
mod tests;
