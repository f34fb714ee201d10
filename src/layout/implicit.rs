//! UAX #9 for the common paragraph: no embeddings, overrides, isolates, boundary neutrals or
//! separators, so the whole paragraph is one isolating run sequence at the paragraph level and
//! only rules W1–W7, N0–N2 and I1–I2 apply. Written by hand because the general resolver of
//! unicode-bidi was a third of the time of a layout; every case it does not cover goes to
//! unicode-bidi, and the two are held equal on Unicode's own test cases (tests/bidi_conformance.rs).

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, HardcodedBidiData, Level};

/// Levels of a paragraph, or `None` when it needs the general algorithm.
pub fn resolve(chars: &[char], classes: &[BidiClass], paragraph: Level) -> Option<Vec<Level>> {
    if classes.iter().any(|c| matches!(c, LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | BN | B | S)) {
        return None;
    }
    let e = if paragraph.is_rtl() { R } else { L };
    let mut t: Vec<BidiClass> = classes.to_vec();

    // W1 (NSM takes the type of what precedes it), W2 (EN after AL is AN) and W3 (AL is R) in
    // one pass: each looks only backwards, at what the rules before it made of the text
    let mut prev = e;
    let mut last_strong = e;
    for c in t.iter_mut() {
        if *c == NSM {
            *c = prev;
        }
        prev = *c;
        match *c {
            L | R => last_strong = *c,
            AL => {
                last_strong = AL;
                *c = R;
            }
            EN if last_strong == AL => *c = AN,
            _ => {}
        }
    }
    // W4: one separator between two numbers of a kind joins them
    for i in 1..t.len().saturating_sub(1) {
        match (t[i - 1], t[i], t[i + 1]) {
            (EN, ES | CS, EN) => t[i] = EN,
            (AN, CS, AN) => t[i] = AN,
            _ => {}
        }
    }
    // W5: terminators next to European numbers are numbers
    let mut i = 0;
    while i < t.len() {
        if t[i] != ET {
            i += 1;
            continue;
        }
        let start = i;
        while i < t.len() && t[i] == ET {
            i += 1;
        }
        let touches = (start > 0 && t[start - 1] == EN) || (i < t.len() && t[i] == EN);
        if touches {
            t[start..i].iter_mut().for_each(|c| *c = EN);
        }
    }
    // W6 (other separators and terminators are neutral) and W7 (European numbers after L are L)
    let mut last_strong = e;
    for c in t.iter_mut() {
        match *c {
            ES | ET | CS => *c = ON,
            L | R => last_strong = *c,
            EN if last_strong == L => *c = L,
            _ => {}
        }
    }
    brackets(chars, classes, &mut t, e);
    // N1/N2: neutrals between two strong types of one direction take it, else the embedding's
    let strong = |c: BidiClass| match c {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    };
    let mut i = 0;
    while i < t.len() {
        if strong(t[i]).is_some() {
            i += 1;
            continue;
        }
        let start = i;
        while i < t.len() && strong(t[i]).is_none() {
            i += 1;
        }
        let before = if start == 0 { e } else { strong(t[start - 1]).unwrap_or(e) };
        let after = if i == t.len() { e } else { strong(t[i]).unwrap_or(e) };
        let fill = if before == after { before } else { e };
        t[start..i].iter_mut().for_each(|c| *c = fill);
    }
    // I1/I2
    let base = paragraph.number();
    Some(
        t.iter()
            .map(|&c| {
                let raise = match (paragraph.is_rtl(), c) {
                    (false, R) => 1,
                    (false, AN | EN) => 2,
                    (true, L | EN | AN) => 1,
                    _ => 0,
                };
                Level::new(base + raise).unwrap_or(paragraph)
            })
            .collect(),
    )
}

/// N0: paired brackets take the direction of what they enclose (BD16 finds the pairs).
fn brackets(chars: &[char], original: &[BidiClass], t: &mut [BidiClass], e: BidiClass) {
    if !t.contains(&ON) {
        return;
    }
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if t[i] != ON {
            continue;
        }
        let Some(b) = HardcodedBidiData.bidi_matched_opening_bracket(c) else { continue };
        if b.is_open {
            if stack.len() == 63 {
                break;
            }
            stack.push((b.opening, i));
        } else if let Some(depth) = stack.iter().rposition(|&(open, _)| open == b.opening) {
            pairs.push((stack[depth].1, i));
            stack.truncate(depth);
        }
    }
    pairs.sort_unstable();
    let direction = |c: BidiClass| match c {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    };
    let opposite = if e == L { R } else { L };
    for (open, close) in pairs {
        let inside: Vec<BidiClass> = t[open + 1..close].iter().filter_map(|&c| direction(c)).collect();
        let resolved = if inside.contains(&e) {
            Some(e)
        } else if inside.contains(&opposite) {
            let before = t[..open].iter().rev().find_map(|&c| direction(c)).unwrap_or(e);
            Some(if before == opposite { opposite } else { e })
        } else {
            None
        };
        if let Some(d) = resolved {
            for at in [open, close] {
                t[at] = d;
                // NSMs right after a bracket that changed follow it
                let mut k = at + 1;
                while k < t.len() && original[k] == NSM {
                    t[k] = d;
                    k += 1;
                }
            }
        }
    }
}
