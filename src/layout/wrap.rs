//! Line breaking in logical order: UAX #14 opportunities, widths measured cluster by cluster.

use std::ops::Range;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::units::Unit;

/// UAX #14 break opportunities of a paragraph, consumed in byte order.
pub(super) struct BreakBytes<I> {
    opportunities: I,
    next: Option<usize>,
}

pub(super) fn break_bytes(text: &str) -> BreakBytes<impl Iterator<Item = usize> + '_> {
    let mut opportunities = linebreaks(text)
        .filter(|&(_, op)| matches!(op, BreakOpportunity::Allowed | BreakOpportunity::Mandatory))
        .map(|(i, _)| i);
    let next = opportunities.next();
    BreakBytes { opportunities, next }
}

impl<I: Iterator<Item = usize>> BreakBytes<I> {
    /// Whether a line may start at `byte`; calls must come in increasing byte order.
    pub(super) fn allows(&mut self, byte: usize) -> bool {
        while let Some(n) = self.next {
            if n >= byte {
                return n == byte;
            }
            self.next = self.opportunities.next();
        }
        false
    }
}

/// Greedy breaking: each line takes as many units as fit in `width` columns, blanks at the end
/// of a line hang (they are trimmed), and a line breaks at the last opportunity that fits:
/// between words when it can, else at an opportunity inside a word (after the `/` of a URL),
/// else between grapheme clusters. So a word that fits on a line is never split. `width` 0:
/// one line.
pub(super) fn break_lines(units: &[Unit], width: usize, lines: &mut Vec<Range<usize>>) {
    lines.clear();
    if units.is_empty() {
        return;
    }
    if width == 0 {
        lines.push(0..units.len());
        return;
    }
    let mut start = 0;
    let mut used = 0usize; // columns up to and including the last unit, blanks included
    let mut last_break: Option<usize> = None;
    let mut last_word_break: Option<usize> = None;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        if i > start && unit.break_before {
            if units[i - 1].blank {
                last_word_break = Some(i);
            } else {
                last_break = Some(i);
            }
        }
        let w = unit.width as usize;
        if unit.blank || used + w <= width || i == start {
            used += w;
            i += 1;
            continue;
        }
        let cut = [last_word_break, last_break].into_iter().flatten().find(|&b| b > start).unwrap_or(i);
        lines.push(start..cut);
        start = cut;
        last_break = None;
        last_word_break = None;
        used = 0;
        i = cut;
    }
    lines.push(start..units.len());
}
