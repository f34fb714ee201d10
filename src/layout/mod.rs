//! The layout engine: a paragraph to the visual lines a terminal must show (UAX #9 §3.4:
//! levels for the whole paragraph, shaping on logical text, lines broken in logical order,
//! then each line reordered by grapheme cluster and mirrored).

pub mod bidi;
pub mod cache;
mod chars;
mod implicit;
mod joining_table;
pub mod line;
pub mod options;
pub mod shaping;
mod units;
mod wrap;

use std::ops::Range;

use unicode_bidi::Level;

pub use bidi::{strong_direction, BaseDirection, Direction};
pub use cache::LayoutCache;
pub use line::{Cell, ParagraphLayout, VisualLine};
pub use options::{BidiMode, LayoutChoices, Named, Shaping};

use bidi::{l1_whitespace, reorder_into, ParagraphLevels, Scan};
use shaping::{shape_into, Glyph};
use units::{Shaped, Unit};

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

/// Lays one paragraph out (a new set of buffers each time: for a few labels a frame).
pub fn layout(text: &str, options: &LayoutOptions) -> ParagraphLayout {
    Layouter::default().layout(text, options)
}

/// The engine with its buffers: laying paragraphs out one after another through one
/// `Layouter` allocates nothing once the buffers have grown to the longest paragraph, which is
/// how `qari render` goes through millions of them.
#[derive(Default)]
pub struct Layouter {
    para: ParagraphLevels,
    scan: Option<Scan>,
    types: Vec<unicode_bidi::BidiClass>,
    /// Each character's flags (see `chars`).
    flags: Vec<u8>,
    glyphs: Vec<Glyph>,
    /// Whether the units show their glyphs (else what they show is in `shown`).
    from_glyphs: bool,
    shown: units::Shown,
    units: Vec<Unit>,
    lines: Vec<Range<usize>>,
    unit_levels: Vec<Level>,
    order: Vec<u32>,
}

impl Layouter {
    /// Every stage up to the lines: levels, shaping, units, line breaks.
    fn run(&mut self, text: &str, options: &LayoutOptions) {
        let scan = self.para.resolve(text, options.direction, &mut self.flags, &mut self.types);
        self.scan = Some(scan);
        let para = &self.para;
        if options.shaping && scan.joins {
            let (chars, levels, classes) = (&para.chars, &para.levels, &para.classes);
            if scan.removed {
                shape_into::<true>(chars, levels, classes, &mut self.flags, &mut self.glyphs);
            } else {
                shape_into::<false>(chars, levels, classes, &mut self.flags, &mut self.glyphs);
            }
        } else {
            self.glyphs.clear();
            self.glyphs.extend(para.chars.iter().map(|&c| Glyph::Char(c)));
        }
        if options.reorder && scan.mirrored {
            mirror(&self.flags, &para.levels, &mut self.glyphs);
        }
        let shaped = Shaped { text, chars: &para.chars, flags: &self.flags, glyphs: &self.glyphs, simple: scan.simple };
        self.from_glyphs = units::build(&shaped, options, &mut self.shown, &mut self.units);
        wrap::break_lines(&self.units, options.width, &mut self.lines);
    }

    /// Rules L1 and L2 on the units of one line: their levels into `unit_levels`, their visual
    /// order into `order` (indexes from the line's first unit). Returns how many units from the
    /// start are shown; the blanks after them are trimmed.
    fn order_line(&mut self, line: Range<usize>, options: &LayoutOptions) -> usize {
        let units = &self.units[line];
        let para = &self.para;
        self.unit_levels.clear();
        let (Some(first), Some(last)) = (units.first(), units.last()) else {
            self.order.clear();
            return 0;
        };
        let (line_start, line_end) = (first.logical.start as usize, last.logical.end as usize);
        if self.scan.is_some_and(|s| s.separators) {
            let levels = para.line_levels(line_start..line_end);
            self.unit_levels.extend(units.iter().map(|u| levels[u.logical.start as usize - line_start]));
        } else {
            // L1 without separators: only the whitespace that ends the line goes to the
            // paragraph's level
            let mut trailing = line_end;
            while trailing > line_start && l1_whitespace(para.classes[trailing - 1]) {
                trailing -= 1;
            }
            self.unit_levels.extend(units.iter().map(|u| {
                let start = u.logical.start as usize;
                if start >= trailing {
                    para.paragraph_level
                } else {
                    para.levels[start]
                }
            }));
        }
        if options.reorder {
            reorder_into(&self.unit_levels, &mut self.order);
        } else {
            self.order.clear();
            self.order.extend(0..units.len() as u32);
        }
        units.iter().rposition(|u| !u.blank).map_or(0, |i| i + 1)
    }

    /// What a unit of a simple paragraph shows: the glyphs of its characters.
    #[inline(always)]
    fn glyphs_of(&self, unit: &Unit) -> impl Iterator<Item = char> + '_ {
        self.glyphs[unit.logical.start as usize..unit.logical.end as usize].iter().filter_map(|g| match *g {
            Glyph::Char(c) => Some(c),
            Glyph::InNextLigature => None,
        })
    }

    /// The paragraph's visual lines, with cells.
    pub fn layout(&mut self, text: &str, options: &LayoutOptions) -> ParagraphLayout {
        self.run(text, options);
        let direction = self.para.direction();
        let mut out = Vec::with_capacity(self.lines.len());
        for k in 0..self.lines.len() {
            let range = self.lines[k].clone();
            let visible_end = self.order_line(range.clone(), options);
            out.push(self.visual_line(range.start, visible_end));
        }
        if out.is_empty() {
            out.push(VisualLine::default());
        }
        ParagraphLayout { direction, lines: out }
    }

    /// Line `first..` of units (as many as `order` holds) with cells.
    fn visual_line(&self, first: usize, visible_end: usize) -> VisualLine {
        let units = &self.units[first..first + self.order.len()];
        let mut line = VisualLine {
            text: String::with_capacity(units.len() * 3),
            cells: Vec::with_capacity(units.len()),
            width: 0,
        };
        for &i in &self.order {
            let i = i as usize;
            let unit = &units[i];
            let start = line.text.len() as u32;
            let width = if i < visible_end {
                if self.from_glyphs {
                    line.text.extend(self.glyphs_of(unit));
                } else {
                    line.text.push_str(self.shown.of(first + i));
                }
                unit.width
            } else {
                0
            };
            line.width += width as usize;
            line.cells.push(Cell {
                text: start..line.text.len() as u32,
                width,
                logical: unit.logical.clone(),
                rtl: self.unit_levels[i].is_rtl(),
            });
        }
        line
    }

    /// Lays `text` out and appends its lines to `out` as plain text, one a line: what
    /// `qari render` prints (the same lines [`Layouter::layout`] makes, padded as
    /// [`ParagraphLayout::padding`] says, without building cells).
    pub fn write_plain(&mut self, text: &str, options: &LayoutOptions, out: &mut Vec<u8>) {
        self.run(text, options);
        let rtl = self.para.direction() == Direction::Rtl;
        let pad = |out: &mut Vec<u8>, width: usize| {
            if rtl && options.reorder && options.width > width {
                out.resize(out.len() + options.width - width, b' ');
            }
        };
        if self.lines.is_empty() {
            pad(out, 0);
            out.push(b'\n');
            return;
        }
        for k in 0..self.lines.len() {
            let range = self.lines[k].clone();
            let visible_end = self.order_line(range.clone(), options);
            let units = &self.units[range.clone()];
            pad(out, units[..visible_end].iter().map(|u| usize::from(u.width)).sum());
            for &i in &self.order {
                let Some(unit) = units.get(i as usize).filter(|_| (i as usize) < visible_end) else { continue };
                if self.from_glyphs {
                    self.glyphs_of(unit).for_each(|c| push_utf8(out, c));
                } else {
                    out.extend_from_slice(self.shown.of(range.start + i as usize).as_bytes());
                }
            }
            out.push(b'\n');
        }
    }
}

/// Rule L4: Bidi_Mirrored characters in right-to-left runs show their mirror glyph.
fn mirror(flags: &[u8], levels: &[Level], glyphs: &mut [Glyph]) {
    for ((&f, level), glyph) in flags.iter().zip(levels).zip(glyphs) {
        if f & chars::MIRRORED != 0 && level.is_rtl() {
            if let Glyph::Char(c) = *glyph {
                *glyph = Glyph::Char(unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c));
            }
        }
    }
}

/// A character's UTF-8 bytes, without a call to copy one to three of them.
#[inline(always)]
fn push_utf8(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 4];
    match c.encode_utf8(&mut buf).len() {
        1 => out.push(buf[0]),
        2 => out.extend_from_slice(&buf[..2]),
        3 => out.extend_from_slice(&buf[..3]),
        _ => out.extend_from_slice(&buf),
    }
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
