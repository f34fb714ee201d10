//! The side panel as an index made once per story (and again when its links change): every
//! item with the row it starts on, and where each figure starts in its block's text. A frame
//! then formats only the items it shows, whatever the length of the story.

use std::cell::Cell;

use super::block_of_paragraph;
use super::panel::{self, Item, LinkTarget};
use super::view::Block;
use crate::extract::{Facts, Figure};

#[derive(Debug, Default)]
pub struct PanelIndex {
    items: Vec<Item>,
    /// The row each item starts on, then one past the last row.
    starts: Vec<usize>,
    /// The byte where each figure starts in its block's text.
    figure_bytes: Vec<usize>,
    /// Items handed out since the count was last taken: what tests of "a frame touches only
    /// what it draws" count.
    visited: Cell<usize>,
}

/// Rows an item takes in the panel, as `ui` draws it: a figure its value and its context, a
/// quote its speaker and its words, a link its title and why.
pub fn rows_of(item: &Item) -> usize {
    match item {
        Item::Figure(_) | Item::Quote(_) | Item::Link(_) => 2,
        _ => 1,
    }
}

impl PanelIndex {
    pub fn new(facts: Option<&Facts>, links: &[LinkTarget], blocks: &[Block]) -> PanelIndex {
        let mut index = PanelIndex { figure_bytes: figure_bytes(facts, blocks), ..PanelIndex::default() };
        index.relink(facts, links);
        index
    }

    /// The items again for new links; the figures' places in the text are kept.
    pub fn relink(&mut self, facts: Option<&Facts>, links: &[LinkTarget]) {
        self.items = panel::items(facts, links);
        self.starts.clear();
        self.starts.reserve(self.items.len() + 1);
        let mut row = 0;
        for item in &self.items {
            self.starts.push(row);
            row += rows_of(item);
        }
        self.starts.push(row);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every item (for tests and for what needs the whole list once).
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, i: usize) -> Option<&Item> {
        self.visited.set(self.visited.get() + 1);
        self.items.get(i)
    }

    /// The row item `i` starts on (the row count for `i` past the end).
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).or(self.starts.last()).copied().unwrap_or(0)
    }

    /// The item that row `row` belongs to.
    pub fn at_row(&self, row: usize) -> usize {
        self.starts.partition_point(|&s| s <= row).saturating_sub(1)
    }

    /// The selectable item at or after `from` (or before it, going `back`).
    pub fn next_selectable(&self, from: usize, back: bool) -> Option<usize> {
        let n = self.items.len();
        if back {
            (0..=from.min(n.saturating_sub(1))).rev().find(|&i| self.items[i].selectable())
        } else {
            (from..n).find(|&i| self.items[i].selectable())
        }
    }

    /// How many items were handed out since the last call.
    pub fn take_visited(&self) -> usize {
        self.visited.replace(0)
    }

    /// Figure `i` in a few words of its sentence: whole words, `…` where cut. Reads only the
    /// words around it, however long its paragraph.
    pub fn figure_context(&self, i: usize, f: &Figure, text: &str) -> String {
        const REACH: usize = 18;
        let at = self.figure_bytes.get(i).copied().filter(|&b| text.is_char_boundary(b)).unwrap_or(0);
        // the chars from `base` (a char index) on: REACH + 1 before the figure, the figure and
        // REACH + 1 after it, as far as the text goes
        let before: Vec<char> = text[..at].chars().rev().take(REACH + 1).collect();
        let base = f.start.saturating_sub(before.len());
        let wanted = f.end.saturating_sub(f.start) + REACH + 1;
        let window: Vec<char> = before.into_iter().rev().chain(text[at..].chars().take(wanted)).collect();
        let ended = window.len() < f.start - base + wanted; // the text ends inside the window
        let len = base + window.len(); // the text's length in chars when it ended, else a bound
                                       // out of the window only when the facts do not fit the text: taken as a space
        let char_at = |k: usize| window.get(k.wrapping_sub(base)).copied().unwrap_or(' ');
        let mut from = f.start.saturating_sub(REACH);
        while from > 0 && from < f.start && !char_at(from - 1).is_whitespace() {
            from += 1;
        }
        let mut to = if ended { (f.end + REACH).min(len) } else { f.end + REACH };
        while (!ended || to < len) && to > f.end && !char_at(to).is_whitespace() {
            to -= 1;
        }
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.extend((from.max(base)..to.max(from).min(len)).map(char_at));
        if !ended || to < len {
            out.push('…');
        }
        out
    }
}

/// Where each figure starts in its block's text, found in one walk through each block.
fn figure_bytes(facts: Option<&Facts>, blocks: &[Block]) -> Vec<usize> {
    let Some(figures) = facts.map(|f| &f.figures) else { return Vec::new() };
    let block_of = |i: usize| block_of_paragraph(figures[i].paragraph);
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by_key(|&i| (block_of(i), figures[i].start));
    let mut bytes = vec![0; figures.len()];
    let mut walked: Option<(usize, usize, usize)> = None; // block, char index, byte
    for i in order {
        let block = block_of(i);
        let text = blocks.get(block).map_or("", |b| &*b.text);
        let (mut at_char, mut at_byte) = match walked {
            Some((b, c, byte)) if b == block => (c, byte),
            _ => (0, 0),
        };
        while at_char < figures[i].start {
            let Some(c) = text[at_byte..].chars().next() else { break };
            at_char += 1;
            at_byte += c.len_utf8();
        }
        bytes[i] = at_byte;
        walked = Some((block, at_char, at_byte));
    }
    bytes
}
