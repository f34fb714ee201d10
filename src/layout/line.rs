//! The result of layout: visual lines of cells, each cell knowing where it came from.

use std::ops::Range;

use super::bidi::Direction;

/// One terminal cell (or a zero-width mark cluster, or a hidden control) of a visual line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Byte range of what to print, in the line's `text`.
    pub text: Range<u32>,
    /// Columns it takes: 0, 1 or 2 (one cluster, never measured as a whole string).
    pub width: u8,
    /// The characters of the paragraph it shows (char indexes).
    pub logical: Range<u32>,
    /// Whether it sits at an odd (right-to-left) level: useful to style runs.
    pub rtl: bool,
}

/// A line as the terminal must show it, left to right, without its alignment padding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisualLine {
    pub text: String,
    pub cells: Vec<Cell>,
    /// Sum of the cells' widths.
    pub width: usize,
}

impl VisualLine {
    pub fn cell_text(&self, cell: &Cell) -> &str {
        &self.text[cell.text.start as usize..cell.text.end as usize]
    }

    /// Column ranges (from the line's left edge) that show characters of `logical`.
    pub fn columns_of(&self, logical: &Range<usize>) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut x = 0;
        for cell in &self.cells {
            let w = cell.width as usize;
            let hit = (cell.logical.start as usize) < logical.end && logical.start < cell.logical.end as usize;
            if hit && w > 0 {
                match out.last_mut() {
                    Some(last) if last.end == x => last.end = x + w,
                    _ => out.push(x..x + w),
                }
            }
            x += w;
        }
        out
    }

    /// The logical char range this line covers.
    pub fn logical_range(&self) -> Range<usize> {
        let start = self.cells.iter().map(|c| c.logical.start).min().unwrap_or(0) as usize;
        let end = self.cells.iter().map(|c| c.logical.end).max().unwrap_or(0) as usize;
        start..end
    }
}

/// A paragraph laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphLayout {
    pub direction: Direction,
    pub lines: Vec<VisualLine>,
}

impl ParagraphLayout {
    /// Where each line starts: RTL lines are right-aligned within `width` (when it is set).
    pub fn indent(&self, line: &VisualLine, width: usize) -> usize {
        match self.direction {
            Direction::Rtl if width > line.width => width - line.width,
            _ => 0,
        }
    }

    /// The line showing logical char `pos` (or the last line).
    pub fn line_of(&self, pos: usize) -> usize {
        self.lines
            .iter()
            .position(|l| l.cells.iter().any(|c| (c.logical.start as usize) <= pos && pos < c.logical.end as usize))
            .unwrap_or(self.lines.len().saturating_sub(1))
    }

    /// Spaces before `line` when it is printed as plain text: RTL lines are right-aligned when
    /// there is a width and qari does the reordering (a bidi terminal aligns them itself).
    pub fn padding(&self, line: &VisualLine, options: &super::LayoutOptions) -> usize {
        if options.width > 0 && options.reorder {
            self.indent(line, options.width)
        } else {
            0
        }
    }
}
