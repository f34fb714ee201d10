//! The reader end to end: the real binary in a pseudo-terminal, read the way a person does.

mod common;

use common::{find, seed, visual, visual_rtl, Session};

const TITLE_0: &str = "أوستن وغالانت يبحثان فرص الحل الدبلوماسي ووقف الحرب في غزة ولبنان";
const TITLE_1: &str = "رئيس الوزراء الباكستاني يثمن جهود مصر في التهدئة ووقف الحرب مع الهند";

#[test]
fn opens_the_seed_follows_the_read_also_link_searches_resizes_and_quits() {
    let seed = seed();
    let mut s = Session::start(&[seed.to_str().unwrap()], 120, 40);
    let title_0 = visual(TITLE_0);
    s.wait_for("the title in visual order", 10, |rows| rows[0].contains(&title_0));
    assert!(!s.rows()[0].contains(TITLE_0), "the title must not be shown in logical order");
    s.wait_for("the figures in the panel", 10, |rows| rows.iter().any(|r| r.contains("Figures (11)")));

    // Tab to the panel, G to its last item (the read-also story), Enter opens it
    s.send("\t");
    s.send("G");
    s.send("\r");
    let title_1 = visual(TITLE_1);
    s.wait_for("the read-also story", 10, |rows| rows[0].contains(&title_1));

    // Backspace returns to the first story
    s.send("\x7f");
    s.wait_for("back to the first story", 10, |rows| rows[0].contains(&title_0));

    // search for Gaza: hits are counted in the status bar
    s.send("/");
    s.send("غزة");
    s.send("\r");
    s.wait_for("search hits", 10, |rows| {
        rows.last().is_some_and(|r| r.contains("search 1/") && !r.contains("search 0/0"))
    });

    // a narrower terminal: the library folds away, the title is still there, nothing breaks
    s.resize(80, 24);
    s.wait_for("a redraw at 80x24", 10, |rows| rows.len() == 24 && rows[23].contains("story 1/2"));
    s.resize(30, 8);
    s.wait_for("a redraw at 30x8", 10, |rows| rows.len() == 8 && rows[7].contains("story"));
    s.resize(120, 40);
    s.wait_for("back to 120x40", 10, |rows| rows[0].contains(&title_0));
    // Ctrl-L draws everything again from a cleared screen
    s.send("\x0c");
    s.wait_for("the redraw", 10, |rows| rows[0].contains(&title_0));

    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let raw = s.raw_bytes();
    let explicit = find(&raw, b"\x1b[8l").expect("bidi explicit mode was asked for");
    let entered = find(&raw, b"\x1b[?1049h").expect("the alternate screen was entered");
    let left = find(&raw, b"\x1b[?1049l").expect("the alternate screen was left");
    let implicit = find(&raw, b"\x1b[8h").expect("bidi implicit mode was restored");
    // VTE keeps the mode per row as rows are made: explicit before the alternate screen's rows
    // exist, implicit once they are gone
    assert!(explicit < entered && entered < left && left < implicit, "escapes in the wrong order");
    assert_eq!(raw[..entered].windows(4).filter(|w| w == b"\x1b[8h").count(), 0);
    // every clear (the resizes clear the screen) comes after explicit mode was asked for again
    let mut from = entered;
    let mut clears = 0;
    while let Some(k) = find(&raw[from..left], b"\x1b[2J") {
        let clear = from + k;
        let before = &raw[from..clear];
        assert!(find(before, b"\x1b[8l").is_some(), "a clear at byte {clear} without explicit mode asked again");
        clears += 1;
        from = clear + 4;
    }
    assert!(clears >= 4, "three resizes and a redraw, {clears} clears");
    assert!(find(&raw[implicit..], b"\x1b[8l").is_none(), "explicit mode left on");
}

#[test]
fn every_key_in_the_help_does_something_visible() {
    let seed = seed();
    let mut s = Session::start(&[seed.to_str().unwrap()], 120, 40);
    s.wait_for("the reader", 10, |rows| rows[0].contains("qari"));
    s.send("?");
    s.wait_for("the help", 5, |rows| rows.iter().any(|r| r.contains("next figure in the text")));
    s.send("\x1b");
    s.wait_for("the help closed", 5, |rows| !rows.iter().any(|r| r.contains("next figure in the text")));
    s.wait_for("facts", 10, |rows| rows.iter().any(|r| r.contains("Figures (11)")));
    let before = s.text();
    s.send(" ");
    s.wait_for("a page down", 5, |rows| rows.join("\n") != before && !rows[39].contains(" 0% "));
    s.send("g");
    s.wait_for("the top", 5, |rows| rows[39].contains(" 0% "));
    s.send("G");
    s.wait_for("the end", 5, |rows| rows[39].contains("100%"));
    s.send("]");
    s.send("l");
    s.wait_for("the library hidden", 5, |rows| !rows[1].starts_with('▶'));
    s.send("l");
    s.wait_for("the library shown", 5, |rows| rows[1].starts_with('▶'));
    s.send("f");
    s.wait_for("the panel hidden", 5, |rows| !rows.iter().any(|r| r.contains("Figures (11)")));
    s.send("f");
    s.wait_for("the panel shown", 5, |rows| rows.iter().any(|r| r.contains("Figures (11)")));
    s.send("c");
    s.wait_for("controls shown message", 5, |rows| rows[39].contains("bidi controls shown"));
    s.send("\x03");
    assert_eq!(s.wait_exit(10), 0, "Ctrl-C quits cleanly");
}

#[test]
fn an_arabic_locale_gives_the_arabic_interface_mirrored_and_lang_en_gives_english() {
    let seed = seed();
    let arabic = [("LANG", "ar_EG.UTF-8")];
    let mut s = Session::start_with_env(&[seed.to_str().unwrap()], 120, 40, &arabic);
    let name = visual_rtl("قارئ");
    let story = visual_rtl("القصة 1 من 2");
    s.wait_for("the Arabic interface", 10, |rows| {
        rows[0].trim_end().ends_with(&name) && rows[39].trim_end().ends_with(&story)
    });
    let figures = visual_rtl("الأرقام (11)");
    s.wait_for("the facts panel on the left", 10, |rows| {
        rows.iter().any(|r| r.find(&figures).is_some_and(|at| r[..at].chars().count() < 40))
    });
    // the library on the right: the current story's marker in the last column
    assert!(s.rows()[1].trim_end().ends_with('◀'), "{:?}", s.rows()[1]);
    assert!(!s.text().contains("Figures"), "no English on the Arabic screen");
    s.send("?");
    let help = visual_rtl("الرقم التالي في النص");
    s.wait_for("the Arabic help", 5, |rows| rows.iter().any(|r| r.contains(&help)));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);

    let mut s = Session::start_with_env(&[seed.to_str().unwrap(), "--lang", "en"], 120, 40, &arabic);
    s.wait_for("the English interface", 10, |rows| {
        rows.iter().any(|r| r.contains("Figures (11)")) && rows[39].contains("story 1/2")
    });
    assert!(s.rows()[1].starts_with('▶'), "the library on the left");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn a_read_also_link_of_a_saved_page_opens_the_other_page_of_the_folder() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/html/linked");
    let mut s = Session::start(&[folder.to_str().unwrap()], 120, 40);
    // the newer page opens first; its read-also box names the other page by its URL
    let first = visual("افتتاح مكتبة عامة جديدة وسط المدينة");
    s.wait_for("the saved page's title", 10, |rows| rows[0].contains(&first));
    s.wait_for("the read-also link in the panel", 10, |rows| {
        rows.iter().any(|r| r.contains(&visual("معرض الكتاب يستقبل زواره بعد غد")))
    });
    s.send("\t");
    s.send("G");
    s.send("\r");
    let second = visual("معرض الكتاب يستقبل زواره بعد غد");
    s.wait_for("the linked page", 10, |rows| rows[0].contains(&second));
    s.send("\x7f");
    s.wait_for("back to the first page", 10, |rows| rows[0].contains(&first));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}
