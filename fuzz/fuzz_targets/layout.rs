#![no_main]
//! Any text at any width: layout never panics, keeps every character exactly once, and no
//! line is wider than the width (unless one cluster alone is).

use libfuzzer_sys::fuzz_target;
use qari::layout::{layout, BaseDirection, LayoutOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let text: String = text.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let options = LayoutOptions {
        width: (head % 64) as usize,
        shaping: head & 64 != 0,
        direction: [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr][(head as usize >> 6) % 3],
        reorder: head & 128 == 0,
        reveal_controls: head % 3 == 0,
    };
    let laid = layout(&text, &options);
    let mut seen = vec![0u8; text.chars().count()];
    for line in &laid.lines {
        if options.width > 0 && line.cells.iter().filter(|c| c.width > 0).count() > 1 {
            assert!(line.width <= options.width.max(2), "line of {} columns at width {}", line.width, options.width);
        }
        for cell in &line.cells {
            for i in cell.logical.clone() {
                seen[i as usize] += 1;
            }
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "characters lost or doubled");
});
