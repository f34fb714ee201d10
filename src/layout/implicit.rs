//! UAX #9 for the common paragraph: no embeddings, overrides, isolates, boundary neutrals or
//! separators, so the whole paragraph is one isolating run sequence at the paragraph level and
//! only rules W1–W7, N0–N2 and I1–I2 apply. Written by hand because the general resolver of
//! unicode-bidi was a third of the time of a layout; every case it does not cover goes to
//! unicode-bidi, and the two are held equal on Unicode's own test cases (tests/bidi_conformance.rs).
//!
//! Two passes: the weak rules W1–W7 together (a separator waits for its right neighbour, rule
//! W4, and a run of terminators for its end, W5), then the neutral rules with the levels.
//! Brackets (N0) are paired between the two when the paragraph has any.

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, HardcodedBidiData, Level};

/// Whether a paragraph with these classes (as a bit set, `1 << class`) can be resolved here.
pub fn applies(seen: u32) -> bool {
    const GENERAL: [BidiClass; 12] = [LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI, BN, B, S];
    GENERAL.iter().all(|&c| seen & (1 << c as u32) == 0)
}

/// Levels of a paragraph to which [`applies`] says yes, into `levels`. `brackets`: whether it
/// holds a character that may be a paired bracket; `types` is scratch space.
pub fn resolve(
    chars: &[char],
    classes: &[BidiClass],
    paragraph: Level,
    brackets: bool,
    types: &mut Vec<BidiClass>,
    levels: &mut Vec<Level>,
) {
    let e = if paragraph.is_rtl() { R } else { L };
    types.clear();
    types.resize(classes.len(), ON);
    weak_types(classes, e, types);
    if brackets && types.contains(&ON) {
        pair_brackets(chars, classes, types, e);
    }
    levels.clear();
    levels.resize(classes.len(), paragraph);
    neutrals_and_levels(types, paragraph, levels);
}

const NONE: usize = usize::MAX;

/// W7: a European number after a left-to-right strong type is left to right.
#[inline(always)]
fn w7(t: BidiClass, last_strong: BidiClass) -> BidiClass {
    if t == EN && last_strong == L {
        L
    } else {
        t
    }
}

/// Rules W1–W7 in one pass into `t` (as long as `classes`). Each type is written as soon as it
/// is read, separators and terminators as neutrals (W6); a separator between two numbers of a
/// kind (W4) and terminators next to a European number (W5) are written again once the
/// character after them is seen.
fn weak_types(classes: &[BidiClass], e: BidiClass, t: &mut [BidiClass]) {
    let t = &mut t[..classes.len()];
    let mut prev = e; // the type before, after W1 (NSM takes it)
    let mut last_strong = e; // L, R or AL, after W1 (W2 asks for AL, W7 for L)
    let mut before = e; // the type before, after W1–W3 (W4 and W5 look at it)
                        // a separator just before, and the type before it
    let (mut separator, mut separator_left) = (None, e);
    // a run of terminators going on since `terminators`, and the type before it
    let (mut terminators, mut terminators_left) = (NONE, e);
    for i in 0..classes.len() {
        // W1, then W2 and W3
        let w1 = if classes[i] == NSM { prev } else { classes[i] };
        prev = w1;
        let w = match w1 {
            AL => R,
            EN if last_strong == AL => AN,
            w => w,
        };
        if let Some(class) = separator.take() {
            match (separator_left, class, w) {
                (EN, ES | CS, EN) => t[i - 1] = w7(EN, last_strong),
                (AN, CS, AN) => t[i - 1] = AN,
                _ => {}
            }
        }
        if terminators != NONE && w != ET {
            if terminators_left == EN || w == EN {
                t[terminators..i].fill(w7(EN, last_strong));
            }
            terminators = NONE;
        }
        if matches!(w1, L | R | AL) {
            last_strong = w1;
        }
        t[i] = match w {
            ES | CS => {
                separator = Some(w);
                separator_left = before;
                ON
            }
            ET => {
                if terminators == NONE {
                    terminators = i;
                    terminators_left = before;
                }
                ON
            }
            w => w7(w, last_strong),
        };
        before = w;
    }
    // at the end of the paragraph nothing follows a separator or the terminators
    if terminators != NONE && terminators_left == EN {
        t[terminators..].fill(w7(EN, last_strong));
    }
}

/// N1/N2 (neutrals between two strong types of one direction take it, else the embedding's)
/// and I1/I2, from the final weak types into `levels` (as long as `t`, set to the paragraph
/// level).
fn neutrals_and_levels(t: &[BidiClass], paragraph: Level, levels: &mut [Level]) {
    let levels = &mut levels[..t.len()];
    let rtl = paragraph.is_rtl();
    // I1/I2: the level of each final type
    let level_of: [Level; 23] = std::array::from_fn(|k| {
        let raise = match (rtl, CLASSES[k]) {
            (false, R) => 1,
            (false, AN | EN) => 2,
            (true, L | EN | AN) => 1,
            _ => 0,
        };
        Level::new(paragraph.number() + raise).unwrap_or(paragraph)
    });
    // directions as types: L, or R for R, EN and AN; a neutral is left at the paragraph level
    // (the embedding's) until a run of them turns out to lie between two strong types of the
    // other direction
    let e = if rtl { R } else { L };
    let mut run = NONE;
    let mut before = e;
    for (i, &ty) in t.iter().enumerate() {
        let direction = match ty {
            L => L,
            R | EN | AN => R,
            _ => {
                if run == NONE {
                    run = i;
                }
                continue;
            }
        };
        if run != NONE {
            if before == direction && direction != e {
                levels[run..i].fill(level_of[direction as usize]);
            }
            run = NONE;
        }
        levels[i] = level_of[ty as usize];
        before = direction;
    }
}

/// Every bidi class, in the order of the enum.
const CLASSES: [BidiClass; 23] =
    [AL, AN, B, BN, CS, EN, ES, ET, FSI, L, LRE, LRI, LRO, NSM, ON, PDF, PDI, R, RLE, RLI, RLO, S, WS];

/// N0: paired brackets take the direction of what they enclose (BD16 finds the pairs).
fn pair_brackets(chars: &[char], original: &[BidiClass], t: &mut [BidiClass], e: BidiClass) {
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
        let inside = t[open + 1..close].iter().filter_map(|&c| direction(c));
        let (mut embedding, mut other) = (false, false);
        for d in inside {
            embedding |= d == e;
            other |= d == opposite;
            if embedding {
                break;
            }
        }
        let resolved = if embedding {
            Some(e)
        } else if other {
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
