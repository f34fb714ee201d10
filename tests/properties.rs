//! Properties over any input: parse, extract and layout never panic, layout keeps every
//! character exactly once and keeps lines within the width, and figure spans always lie on
//! character boundaries inside their paragraph.

use proptest::prelude::*;
use qari::article::{load_bytes, Story};
use qari::extract::extract_story;
use qari::layout::{layout, BaseDirection, LayoutOptions};

/// Text the way news and junk mix it: Arabic letters and harakat, Latin, digits of three
/// scripts, punctuation and brackets, bidi controls, joiners, emoji, spaces.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى]{1,8}",
        2 => Just(" ".to_string()),
        1 => "[\u{064B}-\u{0652}\u{0670}\u{0640}]",
        1 => "[a-zA-Z]{1,6}",
        1 => "[0-9٠-٩۰-۹]{1,5}",
        1 => "[.,،؛:%٪()\\[\\]{}<>«»“”\"'!?/-]",
        1 => "[\u{200E}\u{200F}\u{061C}\u{202A}-\u{202E}\u{2066}-\u{2069}]",
        1 => "[\u{200C}\u{200D}\u{FE0F}]",
        1 => "[👍🏽🇪🇬👨‍👩‍👧中文]",
        1 => "لا|لأ|لإ|لآ",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (0usize..50, any::<bool>(), 0u8..3, any::<bool>(), any::<bool>()).prop_map(
        |(width, shaping, d, reorder, reveal)| LayoutOptions {
            width,
            shaping,
            direction: [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr][d as usize],
            reorder,
            reveal_controls: reveal,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn layout_keeps_every_character_once_and_fits_the_width(text in mixed_text(), options in options()) {
        let laid = layout(&text, &options);
        let mut seen = vec![0u32; text.chars().count()];
        for line in &laid.lines {
            // a single cluster wider than the line (an emoji at width 1, a revealed control's
            // name) stands alone on its line; every other line fits
            let visible = line.cells.iter().filter(|c| c.width > 0).count();
            if visible > 1 && options.width > 0 {
                prop_assert!(line.width <= options.width, "a line of {} columns at width {}", line.width, options.width);
            }
            prop_assert_eq!(line.width, line.cells.iter().map(|c| c.width as usize).sum::<usize>());
            for cell in &line.cells {
                for i in cell.logical.clone() {
                    seen[i as usize] += 1;
                }
            }
            prop_assert!(!line.text.chars().any(|c| c.is_control()));
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "coverage {:?}", seen);
    }

    #[test]
    fn the_fast_bidi_resolver_agrees_with_unicode_bidi(text in mixed_text(), d in 0u8..3) {
        let base = [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr][d as usize];
        if let Some(fast) = qari::layout::bidi::fast_levels(&text, base) {
            prop_assert_eq!(fast, qari::layout::bidi::general_levels(&text, base).levels);
        }
    }

    #[test]
    fn parsing_any_bytes_never_panics_and_leaves_no_controls(bytes in prop::collection::vec(any::<u8>(), 0..400), json in any::<bool>()) {
        let name = if json { "x.json" } else { "x.txt" };
        if let Ok(loaded) = load_bytes(&bytes, name) {
            for s in &loaded.article.stories {
                for t in std::iter::once(&s.title).chain(&s.paragraphs) {
                    prop_assert!(!t.chars().any(|c| c.is_control()), "{:?}", t);
                }
            }
        }
    }

    #[test]
    fn parsing_mixed_text_files_never_panics(lines in prop::collection::vec(mixed_text(), 0..12)) {
        let text = lines.join("\n");
        let loaded = load_bytes(text.as_bytes(), "x.txt").expect("text is never refused");
        for s in &loaded.article.stories {
            for l in &s.linked {
                prop_assert!(l.story.is_some_and(|k| k < loaded.article.stories.len()));
            }
        }
    }

    #[test]
    fn figure_spans_lie_on_character_boundaries_inside_their_paragraph(paragraphs in prop::collection::vec(mixed_text(), 1..4)) {
        let story = Story { title: paragraphs[0].clone(), paragraphs: paragraphs.clone(), published: Some("2024-11-01".into()), ..Story::default() };
        let facts = extract_story(&story, &[]);
        for f in &facts.figures {
            let source = if f.paragraph < 0 { &story.title } else { &story.paragraphs[f.paragraph as usize] };
            let chars: Vec<char> = source.chars().collect();
            prop_assert!(f.start < f.end && f.end <= chars.len(), "{:?}", f);
            prop_assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text.clone());
        }
    }

    #[test]
    fn number_words_and_digits_never_panic(words in prop::collection::vec(prop_oneof![
        Just("ثلاثة"), Just("وأربعون"), Just("ألفا"), Just("مليون"), Just("مئتي"), Just("عشر"), Just("و"),
        Just("الـ"), Just("1,250"), Just("٢٫٥"), Just("%"), Just("دولار"), Just("أكثر"), Just("من"), Just("فاصلة"),
        Just("/"), Just("-"), Just(":"), Just("أكتوبر"), Just("2023"), Just("الماضي"), Just("عشرات"), Just("الآلاف")
    ], 0..16)) {
        let text = words.join(" ");
        let _ = qari::extract::figures_in(&text, Some("2024-11-01"));
        let _ = qari::extract::figures_in(&words.concat(), None);
    }
}
