//! Writing laid-out text into the buffer, cell by cell at exact columns: a string's own width
//! is never trusted (unshaped lam-alef measures 1 as a string and takes 2 cells).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::layout::{layout, BaseDirection, Direction, LayoutOptions, VisualLine};

/// Where a line goes: its row, its columns, and how far in it starts (RTL alignment).
#[derive(Debug, Clone, Copy)]
pub struct Spot {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub indent: usize,
}

/// Writes one visual line at (x + indent, y), at most `width` columns, styling each cell with
/// `base` patched by the style of every span that covers part of it.
pub fn put_line(buf: &mut Buffer, at: Spot, line: &VisualLine, base: Style, spans: &[(Range<usize>, Style)]) {
    let Spot { x, y, width, indent } = at;
    let area = buf.area;
    if y < area.y || y >= area.y + area.height {
        return;
    }
    let right = (x + width).min(area.x + area.width);
    let mut col = x as usize + indent;
    let mut last_written: Option<u16> = None;
    for cell in &line.cells {
        let text = line.cell_text(cell);
        let w = cell.width as usize;
        if w == 0 {
            // a mark with no base of its own on this line: it joins the cell before it
            if let (false, Some(prev)) = (text.is_empty(), last_written) {
                let joined = format!("{}{text}", buf[(prev, y)].symbol());
                buf[(prev, y)].set_symbol(&joined);
            }
            continue;
        }
        if col + w > right as usize {
            break;
        }
        let mut style = base;
        for (range, s) in spans {
            if (cell.logical.start as usize) < range.end && range.start < cell.logical.end as usize {
                style = style.patch(*s);
            }
        }
        let cx = col as u16;
        if w > 2 {
            // a revealed control's name: one letter a cell
            for (k, ch) in text.chars().enumerate() {
                buf[(cx + k as u16, y)].set_symbol(ch.encode_utf8(&mut [0; 4])).set_style(style);
            }
            last_written = Some(cx + w as u16 - 1);
            col += w;
            continue;
        }
        buf[(cx, y)].set_symbol(text).set_style(style);
        if w == 2 {
            buf[(cx + 1, y)].reset();
            buf[(cx + 1, y)].set_style(style);
        }
        last_written = Some(cx);
        col += w;
    }
}

/// One line of any text (a title in a list, a name in the panel, a message): laid out by the
/// engine, cut to `width` at its logical end, right-aligned when it runs right to left.
pub fn put_text(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style, options: &LayoutOptions) {
    if width == 0 {
        return;
    }
    // one line of a label shows its logical start: a title of megabytes is cut to what could
    // fill the line before it is laid out, every frame. What `App` holds is clean of controls
    // (decoding cleans articles, `App::notify` messages), so nothing here needs cleaning.
    let keep = text.char_indices().nth(width as usize * 4 + 64).map_or(text.len(), |(i, _)| i);
    let text = &text[..keep];
    let laid = layout(text, &LayoutOptions { width: width as usize, direction: options.direction, ..*options });
    let Some(first) = laid.lines.first() else {
        return;
    };
    // a long word that cannot be broken (a path, a URL) after a short start would leave the
    // line mostly empty: then the label is cut inside it, where the line is full
    let cut;
    let line = if laid.lines.len() > 1 && first.width * 4 < width as usize * 3 {
        cut = cut_line(text, width as usize, options);
        &cut
    } else {
        first
    };
    let indent = match laid.direction {
        Direction::Rtl => (width as usize).saturating_sub(line.width),
        Direction::Ltr => 0,
    };
    put_line(buf, Spot { x, y, width, indent }, line, style, &[]);
}

/// `text` on one line, keeping the characters from its logical start that fill `width`.
fn cut_line(text: &str, width: usize, options: &LayoutOptions) -> VisualLine {
    let whole = layout(text, &LayoutOptions { width: 0, ..*options });
    let Some(line) = whole.lines.into_iter().next() else {
        return VisualLine::default();
    };
    let mut by_position: Vec<(u32, u8)> = line.cells.iter().map(|c| (c.logical.start, c.width)).collect();
    by_position.sort_unstable();
    let mut used = 0;
    let cutoff = by_position
        .iter()
        .find(|(_, w)| {
            used += *w as usize;
            used > width
        })
        .map_or(u32::MAX, |(start, _)| *start);
    let cells: Vec<_> = line.cells.iter().filter(|c| c.logical.start < cutoff).cloned().collect();
    let width = cells.iter().map(|c| c.width as usize).sum();
    VisualLine { text: line.text, cells, width }
}

/// Text options for labels that are not article text: auto direction, no wrapping.
pub fn label_options(base: &LayoutOptions) -> LayoutOptions {
    LayoutOptions { direction: BaseDirection::Auto, reveal_controls: false, ..*base }
}

/// Fills a rectangle with spaces in a style (clearing what was drawn before).
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, height: u16, style: Style) {
    let area = buf.area;
    for row in y..(y + height).min(area.y + area.height) {
        for col in x..(x + width).min(area.x + area.width) {
            buf[(col, row)].reset();
            buf[(col, row)].set_style(style);
        }
    }
}
