//! The article as the pane shows it: blocks (title, meta line, paragraphs) laid out lazily at
//! the pane's width, and a reading position kept as a logical anchor so a resize keeps the
//! same text in view. Only what is scrolled past or shown is ever laid out.

use std::cell::RefCell;
use std::rc::Rc;

use std::sync::Arc;

use super::state::Position;
use crate::article::{Library, StoryRef};
use crate::layout::{LayoutCache, LayoutOptions, ParagraphLayout};

/// What a block is: drawn differently, found differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Meta,
    /// Paragraph i of the story.
    Paragraph(usize),
}

pub struct Block {
    pub kind: BlockKind,
    pub text: BlockText,
    pub options: LayoutOptions,
}

/// A block's text: its own (the title, the meta line), or a paragraph read where the library
/// keeps it, so a story of many megabytes is not held twice.
pub enum BlockText {
    Own(String),
    Paragraph { library: Arc<Library>, story: StoryRef, index: usize },
}

impl std::ops::Deref for BlockText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            BlockText::Own(text) => text,
            BlockText::Paragraph { library, story, index } => {
                library.story(*story).paragraphs.get(*index).map_or("", String::as_str)
            }
        }
    }
}

impl From<String> for BlockText {
    fn from(text: String) -> BlockText {
        BlockText::Own(text)
    }
}

/// A row of the pane: a line of a block, or the blank between blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub block: usize,
    /// Line within the block; `None` for the gap after it.
    pub line: Option<usize>,
}

pub struct ArticleView {
    pub blocks: Vec<Block>,
    cache: RefCell<LayoutCache<usize>>,
    visited: std::cell::Cell<usize>,
    /// The top row shown.
    pub top: Row,
    /// Text columns and rows of the pane (set by the UI each frame).
    pub width: usize,
    pub height: usize,
}

impl ArticleView {
    pub fn new(blocks: Vec<Block>) -> ArticleView {
        ArticleView {
            blocks,
            cache: RefCell::new(LayoutCache::default()),
            visited: std::cell::Cell::new(0),
            top: Row { block: 0, line: Some(0) },
            width: 80,
            height: 20,
        }
    }

    pub fn layout(&self, block: usize) -> Rc<ParagraphLayout> {
        self.visited.set(self.visited.get() + 1);
        let b = &self.blocks[block];
        let options = LayoutOptions { width: self.width.max(1), ..b.options };
        self.cache.borrow_mut().get(&block, &b.text, &options)
    }

    /// How many times a block's layout was asked for since the last call: what tests of "a
    /// frame touches only what it draws" count.
    pub fn take_visited(&self) -> usize {
        self.visited.replace(0)
    }

    /// How many layouts were made: scrolling over laid-out text must not add any.
    pub fn layouts_made(&self) -> usize {
        self.cache.borrow().computed
    }

    fn rows_in(&self, block: usize) -> usize {
        self.layout(block).lines.len() + usize::from(block + 1 < self.blocks.len())
    }

    fn row_index(&self, row: Row) -> usize {
        row.line.unwrap_or_else(|| self.layout(row.block).lines.len())
    }

    fn row_at(&self, block: usize, index: usize) -> Row {
        let lines = self.layout(block).lines.len();
        Row { block, line: (index < lines).then_some(index) }
    }

    pub fn next_row(&self, row: Row) -> Option<Row> {
        let i = self.row_index(row) + 1;
        if i < self.rows_in(row.block) {
            Some(self.row_at(row.block, i))
        } else if row.block + 1 < self.blocks.len() {
            Some(Row { block: row.block + 1, line: Some(0) })
        } else {
            None
        }
    }

    pub fn prev_row(&self, row: Row) -> Option<Row> {
        let i = self.row_index(row);
        if i > 0 {
            Some(self.row_at(row.block, i - 1))
        } else if row.block > 0 {
            let b = row.block - 1;
            Some(self.row_at(b, self.rows_in(b) - 1))
        } else {
            None
        }
    }

    /// The rows from the top of the pane down, as many as fit.
    pub fn visible_rows(&self) -> Vec<Row> {
        let mut rows = Vec::with_capacity(self.height);
        let mut row = Some(self.top);
        while let Some(r) = row.filter(|_| rows.len() < self.height) {
            rows.push(r);
            row = self.next_row(r);
        }
        rows
    }

    pub fn scroll_down(&mut self, n: usize) {
        for _ in 0..n {
            // stop once the last row is on screen
            if self.at_end() {
                break;
            }
            match self.next_row(self.top) {
                Some(r) => self.top = r,
                None => break,
            }
        }
    }

    pub fn scroll_up(&mut self, n: usize) {
        for _ in 0..n {
            match self.prev_row(self.top) {
                Some(r) => self.top = r,
                None => break,
            }
        }
    }

    /// Whether the last row of the article is already in view.
    pub fn at_end(&self) -> bool {
        let mut row = self.top;
        for _ in 1..self.height.max(1) {
            match self.next_row(row) {
                Some(r) => row = r,
                None => return true,
            }
        }
        self.next_row(row).is_none()
    }

    pub fn to_top(&mut self) {
        self.top = Row { block: 0, line: Some(0) };
    }

    /// The last page: laid out from the end backwards, whatever the article's length.
    pub fn to_end(&mut self) {
        let last = self.blocks.len().saturating_sub(1);
        let mut row = self.row_at(last, self.rows_in(last).saturating_sub(1));
        for _ in 1..self.height.max(1) {
            match self.prev_row(row) {
                Some(r) => row = r,
                None => break,
            }
        }
        self.top = row;
    }

    /// The reading position: the block and the first character of the top line.
    pub fn position(&self) -> Position {
        let line = self.top.line.unwrap_or(0);
        let layout = self.layout(self.top.block);
        let offset = layout.lines.get(line).map_or(0, |l| l.logical_range().start);
        Position { block: self.top.block, offset }
    }

    /// Shows `position` at the top (after a resize, or when a story is reopened).
    pub fn restore(&mut self, position: Position) {
        let block = position.block.min(self.blocks.len().saturating_sub(1));
        let line = self.layout(block).line_of(position.offset);
        self.top = Row { block, line: Some(line) };
    }

    /// Brings char `offset` of `block` into view, a few rows below the top.
    pub fn reveal(&mut self, block: usize, offset: usize) {
        let block = block.min(self.blocks.len().saturating_sub(1));
        let line = self.layout(block).line_of(offset);
        let target = Row { block, line: Some(line) };
        if self.visible_rows().iter().skip(1).take(self.height.saturating_sub(2)).any(|r| *r == target) {
            return;
        }
        self.top = target;
        self.scroll_up(2.min(self.height / 3));
    }

    /// The pane's new size: layouts for the old width are dropped, the top line is kept.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(1);
        self.height = height;
        if width != self.width {
            let keep = self.position();
            self.width = width;
            self.cache.borrow_mut().clear();
            self.restore(keep);
        }
    }

    /// How far through the article the top row is, 0–100 (by blocks: exact enough, and cheap
    /// on an article of any length).
    pub fn percent(&self) -> usize {
        if self.at_end() {
            return 100;
        }
        let lines = self.rows_in(self.top.block).max(1);
        let within = self.row_index(self.top) as f64 / lines as f64;
        (((self.top.block as f64 + within) / self.blocks.len().max(1) as f64) * 100.0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(paragraphs: &[&str], width: usize, height: usize) -> ArticleView {
        let options = LayoutOptions { shaping: false, ..LayoutOptions::default() };
        let blocks = paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| Block { kind: BlockKind::Paragraph(i), text: t.to_string().into(), options })
            .collect();
        let mut v = ArticleView::new(blocks);
        v.resize(width, height);
        v
    }

    #[test]
    fn rows_run_through_blocks_with_a_gap_between() {
        let v = view(&["aaa bbb", "ccc"], 3, 10);
        let rows = v.visible_rows();
        assert_eq!(rows.len(), 4); // aaa, bbb, gap, ccc
        assert_eq!(rows[2], Row { block: 0, line: None });
        assert_eq!(rows[3], Row { block: 1, line: Some(0) });
    }

    #[test]
    fn scrolling_stops_at_the_end_and_the_top() {
        let mut v = view(&["a b c d e f"], 1, 3);
        v.scroll_down(100);
        assert_eq!(v.top, Row { block: 0, line: Some(3) });
        assert!(v.at_end());
        v.scroll_up(100);
        assert_eq!(v.top, Row { block: 0, line: Some(0) });
        v.to_end();
        assert_eq!(v.top, Row { block: 0, line: Some(3) });
        assert_eq!(v.percent(), 100);
    }

    #[test]
    fn a_resize_keeps_the_same_text_at_the_top() {
        let mut v = view(&["one two three four five six seven eight"], 10, 2);
        v.scroll_down(2);
        let before = v.position();
        v.resize(20, 2);
        assert_eq!(v.position().block, before.block);
        let line = &v.layout(0).lines[v.top.line.unwrap()];
        assert!(line.logical_range().contains(&before.offset));
    }

    #[test]
    fn scrolling_over_laid_out_text_lays_out_nothing_again() {
        let paragraphs: Vec<String> = (0..50).map(|i| format!("paragraph {i} with a few words")).collect();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let mut v = view(&refs, 10, 5);
        v.scroll_down(40);
        v.scroll_up(40);
        let made = v.layouts_made();
        v.scroll_down(40);
        v.scroll_up(40);
        assert_eq!(v.layouts_made(), made);
        assert!(made < 50, "only what was scrolled past is laid out: {made}");
    }
}
