//! Layout as strings (helix-style fixtures): each case shows exactly the lines a terminal gets,
//! `|` marking the right edge so padding and alignment are visible.

use super::*;

/// Arabic runs of a visual line written back the way they are typed, so fixtures stay legible:
/// the words keep their visual order (the first one read stands rightmost), each is spelled
/// normally. Only letters are turned; digits, Latin and brackets are shown as the terminal
/// gets them.
fn legible(line: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let is_arabic = |g: &str| {
        g.chars()
            .next()
            .is_some_and(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FEFC}') && !c.is_numeric())
    };
    let mut out = String::new();
    let mut run: Vec<&str> = Vec::new();
    for g in line.graphemes(true) {
        if is_arabic(g) {
            run.push(g);
        } else {
            out.extend(run.drain(..).rev());
            out.push_str(g);
        }
    }
    out.extend(run.drain(..).rev());
    out
}

/// Pads a legible line on the left to `width` columns (RTL lines are right-aligned).
fn right(width: usize, line: &str) -> String {
    format!("{}{line}|", " ".repeat(width - line.chars().count()))
}

fn show_with(text: &str, width: usize, shaping: bool, direction: BaseDirection) -> String {
    let options = LayoutOptions { width, shaping, direction, ..LayoutOptions::default() };
    render_plain(text, &options).iter().map(|l| format!("{}|", legible(l))).collect::<Vec<_>>().join("\n")
}

fn show(text: &str, width: usize) -> String {
    show_with(text, width, false, BaseDirection::Auto)
}

fn one_line(text: &str) -> String {
    legible(&render_plain(text, &LayoutOptions { width: 0, shaping: false, ..LayoutOptions::default() }).join("\n"))
}

#[test]
fn rtl_paragraph_wraps_in_logical_order_and_right_aligns() {
    // the first words read come first, on the top line, at the right edge
    assert_eq!(show("واحد اثنان ثلاثة أربعة", 12), [right(12, "اثنان واحد"), right(12, "أربعة ثلاثة")].join("\n"));
}

#[test]
fn seed_title_at_several_widths() {
    let title = "أوستن وغالانت يبحثان فرص الحل الدبلوماسي ووقف الحرب في غزة ولبنان";
    assert_eq!(
        show(title, 40),
        [right(40, "الدبلوماسي الحل فرص يبحثان وغالانت أوستن"), right(40, "ولبنان غزة في الحرب ووقف")].join("\n")
    );
    assert_eq!(show(title, 0), "ولبنان غزة في الحرب ووقف الدبلوماسي الحل فرص يبحثان وغالانت أوستن|");
    for width in [20, 33, 61, 80] {
        let shown = show(title, width);
        assert!(shown.lines().all(|l| l.chars().count() == width + 1), "width {width}:\n{shown}");
    }
}

#[test]
fn seed_paragraph_at_width_30() {
    let p = "ولليوم الـ 27 على التوالي، يوصل الجيش توغله في محافظة شمال قطاع غزة";
    assert_eq!(
        show(p, 30),
        [right(30, "التوالي، على 27 الـ ولليوم"), right(30, "محافظة في توغله الجيش يوصل"), right(30, "غزة قطاع شمال")]
            .join("\n")
    );
}

#[test]
fn numbers_percentages_and_dates_keep_their_order_inside_arabic() {
    assert_eq!(one_line("بلغ 24.5% من"), "من %24.5 بلغ");
    assert_eq!(one_line("في 2023-10-07 مساء"), "مساء 07-10-2023 في");
    assert_eq!(one_line("بلغ ١٢٣٤٥ شخصا"), "شخصا ١٢٣٤٥ بلغ");
}

#[test]
fn levels_come_from_the_whole_paragraph_across_a_line_break() {
    // W2/W7 look back across the break: the percent sign stays on the number's left
    assert_eq!(show("المعدل بلغ 24.5%", 11), [right(11, "بلغ المعدل"), right(11, "%24.5")].join("\n"));
    // the second line of an LTR paragraph keeps `16 Pro` in order
    assert_eq!(show("iPhone 16 Pro", 7), "iPhone|\n16 Pro|");
}

#[test]
fn latin_names_and_urls_inside_arabic() {
    assert_eq!(one_line("أعلنت Apple عن iPhone جديد"), "جديد iPhone عن Apple أعلنت");
    assert_eq!(one_line("زوروا https://example.com/ar الآن"), "الآن https://example.com/ar زوروا");
}

#[test]
fn a_url_longer_than_the_line_breaks_inside_it_not_before_it() {
    let shown = show("زوروا https://example.com/ar/news", 20);
    assert!(shown.lines().all(|l| l.chars().count() <= 21), "{shown}");
    assert!(shown.starts_with(&format!("{}زوروا|", " ".repeat(15))), "{shown}");
}

#[test]
fn arabic_quotes_inside_english() {
    assert_eq!(one_line("He said «مرحبا بكم» today"), "He said «بكم مرحبا» today");
}

#[test]
fn brackets_are_mirrored_in_rtl_runs() {
    // logically ( opens before نعم; shown right to left, the glyph on the right must be (
    assert_eq!(one_line("قال (نعم) لا"), "لا (نعم) قال");
    // each bracket pair still encloses its letter, seen from the right: و then <ج>
    assert_eq!(one_line("قال [أ] و{ب} و<ج>"), "<ج>و {ب}و [أ] قال");
    // in an LTR paragraph brackets around Latin stay as typed
    assert_eq!(one_line("f(x) = [a]"), "f(x) = [a]");
}

#[test]
fn harakat_stay_after_their_letter() {
    let shown = render_plain("وَقَالَ", &LayoutOptions { width: 0, shaping: false, ..LayoutOptions::default() }).join("");
    assert_eq!(shown, "لَاقَوَ");
    let chars: Vec<char> = shown.chars().collect();
    assert!(!crate::arabic::is_haraka(chars[0]), "a mark must never start the line: {shown:?}");
}

#[test]
fn lam_alef_is_one_cell_when_shaped_and_two_when_not() {
    let shaped = layout("سلام", &LayoutOptions { width: 0, ..LayoutOptions::default() });
    assert_eq!(shaped.lines[0].text, "\u{FEE1}\u{FEFC}\u{FEB3}");
    assert_eq!(shaped.lines[0].width, 3);
    let lig = shaped.lines[0].cells.iter().find(|c| c.logical == (1..3)).expect("one cell for lam and alef");
    assert_eq!(lig.width, 1);
    let plain = layout("سلام", &LayoutOptions { width: 0, shaping: false, ..LayoutOptions::default() });
    assert_eq!(plain.lines[0].width, 4, "unshaped lam-alef takes two cells, whatever a string measure says");
}

#[test]
fn tatweel_joins_and_is_kept() {
    let shaped = render_plain("بـــت", &LayoutOptions { width: 0, ..LayoutOptions::default() });
    assert_eq!(shaped, vec!["\u{FE96}\u{0640}\u{0640}\u{0640}\u{FE91}"]);
}

#[test]
fn emoji_clusters_are_not_taken_apart() {
    assert_eq!(one_line("عاجل 👍🏽 الآن"), "الآن 👍🏽 عاجل");
    let laid = layout("عاجل 👍🏽", &LayoutOptions { width: 0, shaping: false, ..LayoutOptions::default() });
    assert!(laid.lines[0].cells.iter().any(|c| c.width == 2 && c.logical == (5..7)));
}

#[test]
fn bidi_controls_steer_but_are_not_printed() {
    // RLO reverses Latin; LRI isolates; neither is shown
    assert_eq!(one_line("a\u{202E}bc\u{202C}d"), "acbd");
    assert_eq!(one_line("ب\u{2066}abc\u{2069}ت"), "تabcب");
    let revealed = render_plain(
        "a\u{202E}bc\u{202C}d",
        &LayoutOptions { width: 0, shaping: false, reveal_controls: true, ..LayoutOptions::default() },
    );
    // UAX #9 §5.2: a removed control takes the level of the character before it
    assert_eq!(revealed, vec!["a<RLO><PDF>cbd"]);
    let laid = layout(
        "a\u{202E}bc\u{202C}d",
        &LayoutOptions { width: 0, shaping: false, reveal_controls: true, ..LayoutOptions::default() },
    );
    assert_eq!(laid.lines[0].width, 14, "each revealed name takes its letters' columns");
}

#[test]
fn a_one_column_width_shows_one_cluster_a_line() {
    assert_eq!(show("غزة", 1), "غ|\nز|\nة|");
    assert_eq!(show("ab", 1), "a|\nb|");
}

#[test]
fn a_word_longer_than_the_line_breaks_between_graphemes() {
    assert_eq!(show("abcdefgh ij", 3), "abc|\ndef|\ngh|\nij|");
    assert_eq!(show("استراتيجيات", 4), [right(4, "استر"), right(4, "اتيج"), right(4, "يات")].join("\n"));
}

#[test]
fn forced_direction_overrides_the_first_strong_character() {
    assert_eq!(show_with("abc غزة", 10, false, BaseDirection::Rtl), "   غزة abc|");
    assert_eq!(show_with("غزة abc", 10, false, BaseDirection::Ltr), "غزة abc|");
}

#[test]
fn trailing_spaces_are_trimmed_and_every_character_is_in_a_cell() {
    let text = "غزة   لبنان   ";
    let laid = layout(text, &LayoutOptions { width: 6, shaping: false, ..LayoutOptions::default() });
    let mut covered = vec![0; text.chars().count()];
    for line in &laid.lines {
        assert!(!line.text.ends_with(' ') && !line.text.starts_with(' '), "{:?}", line.text);
        for cell in &line.cells {
            (cell.logical.start..cell.logical.end).for_each(|i| covered[i as usize] += 1);
        }
    }
    assert!(covered.iter().all(|&n| n == 1), "{covered:?}");
}

#[test]
fn columns_of_a_logical_range_follow_the_visual_order() {
    let laid = layout("في غزة اليوم", &LayoutOptions { width: 0, shaping: false, ..LayoutOptions::default() });
    // غزة is chars 3..6; shown as "اليوم غزة في": columns 6..9
    assert_eq!(laid.lines[0].columns_of(&(3..6)), vec![6..9]);
}
