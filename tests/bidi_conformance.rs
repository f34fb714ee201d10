//! Unicode's BidiCharacterTest.txt through qari's own per-line reordering entry point
//! (`qari::layout::bidi::reorder_line`): levels from the whole paragraph, then L1 and L2.
//! The file is vendored under tests/data with the Unicode licence beside it.

use qari::layout::bidi::{paragraph_levels, removed_by_x9, reorder_line};
use qari::layout::BaseDirection;

#[test]
fn every_line_of_bidi_character_test_reorders_as_unicode_says() {
    let data = include_str!("data/BidiCharacterTest.txt");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 5, "line {}", n + 1);
        let text: String = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let base = match fields[1] {
            "0" => BaseDirection::Ltr,
            "1" => BaseDirection::Rtl,
            _ => BaseDirection::Auto,
        };
        let want_para: u8 = fields[2].parse().unwrap();
        let want_order: Vec<usize> = fields[4].split_whitespace().map(|i| i.parse().unwrap()).collect();
        let levels = paragraph_levels(&text, base);
        let len = text.chars().count();
        let got: Vec<usize> =
            reorder_line(&text, base, 0..len).into_iter().filter(|&i| !removed_by_x9(levels.classes[i])).collect();
        checked += 1;
        if got != want_order || levels.paragraph_level.number() != want_para {
            failures.push(format!("line {}: want {want_order:?} got {got:?}", n + 1));
        }
    }
    assert!(checked > 90_000, "only {checked} test lines read");
    assert!(
        failures.is_empty(),
        "{} of {checked} lines differ, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

/// The hand-written resolver for paragraphs without explicit formatting characters gives, on
/// every test case it accepts, exactly the levels of unicode-bidi's general algorithm.
#[test]
fn the_fast_resolver_agrees_with_the_general_one() {
    use qari::layout::bidi::{fast_levels, general_levels};
    let data = include_str!("data/BidiCharacterTest.txt");
    let mut compared = 0;
    for line in data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(';').collect();
        let text: String = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        for base in [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr] {
            if let Some(fast) = fast_levels(&text, base) {
                compared += 1;
                assert_eq!(fast, general_levels(&text, base).levels, "{line} ({base:?})");
            }
        }
    }
    assert!(compared > 100_000, "only {compared} cases went through the fast resolver");
}
