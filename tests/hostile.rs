//! Hostile and broken input on the real binary: injected escapes never reach the terminal,
//! broken encodings lose nothing, binary is refused, huge and degenerate input holds, tiny
//! terminals draw, errors are one-line messages with the right exit codes.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::{find, Session, TempDir};

/// Runs qari with `stdin`, killed (and the test failed) if it hangs.
fn qari(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("QARI_CONFIG", "/nonexistent/qari.toml")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let Ok(out) = result.recv_timeout(Duration::from_secs(120)) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("qari {args:?} hung");
    };
    let out = out.unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "a panic: {stderr}");
    out
}

/// An article carrying every kind of terminal attack.
fn attack() -> Vec<u8> {
    let mut a = Vec::new();
    a.extend_from_slice("عنوان \x1b]0;pwned\x07 الخبر\n".as_bytes());
    a.extend_from_slice("تاريخ النشر: 2024-11-01\n".as_bytes());
    a.extend_from_slice("غزة – نص \x1b[2J\x1b[31mأحمر\x1b[0m و\x1b]52;c;cm0gLXJmIH4=\x07 حافظة\n".as_bytes());
    a.extend_from_slice("فقرة \x1bP1;2|payload\x1b\\ مع DCS و\u{9b}31m CSI و\x07\x08\x7f تحكم\n".as_bytes());
    a.extend_from_slice(b"raw 8-bit CSI \x9b31m and C1 \x85\x8d here\n");
    a.extend_from_slice("Trojan \u{202E}reversed\u{202C} and \u{2066}isolated\u{2069} text\n".as_bytes());
    a
}

/// No byte sequence from the attack reaches the output: no ESC, no BEL, no C1 (raw or as UTF-8),
/// no other C0 but the line feed, no bidi format character.
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        assert!(
            !bad,
            "{what}: control U+{:04X} at byte {i} in {:?}",
            c as u32,
            &text[i.saturating_sub(20)..(i + 20).min(text.len())]
        );
    }
}

#[test]
fn injected_escapes_never_reach_render_or_the_table() {
    let out = qari(&["render", "--width", "60", "-"], &attack());
    assert!(out.status.success());
    assert_clean(&out.stdout, "render");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains('␛'), "escapes are shown as visible symbols:\n{shown}");
    let out = qari(&["render", "--plain", "--width", "0", "-"], &attack());
    assert_clean(&out.stdout, "render --plain");
    let out = qari(&["extract", "--format", "table", "-"], &attack());
    assert!(out.status.success());
    assert_clean(&out.stdout, "extract --format table");
    let out = qari(&["extract", "--format", "json", "-"], &attack());
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07), "JSON escapes controls");
}

#[test]
fn injected_escapes_never_reach_the_terminal_from_the_reader() {
    let dir = TempDir::new("attack");
    let file = dir.path("attack.txt");
    std::fs::write(&file, attack()).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], 100, 30);
    s.wait_for("the reader", 10, |rows| rows[0].contains("qari"));
    s.send("c"); // reveal bidi controls
    s.wait_for("the controls revealed", 10, |rows| rows.iter().any(|r| r.contains("<RLO>")));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    // qari's own question to the terminal (its background colour), asked before anything is
    // drawn, is the one OSC it writes
    let own_question = b"\x1b]11;?\x07";
    let mut raw = s.raw_bytes();
    let asked = find(&raw, own_question).expect("the terminal is asked its background");
    raw.drain(asked..asked + own_question.len());
    for (needle, what) in [
        (&b"\x1b]"[..], "OSC (title, clipboard)"),
        (b"\x1bP", "DCS"),
        (b"\x07", "BEL"),
        (b"\xc2\x9b", "8-bit CSI"),
        (b"\x1b[2J", "clear screen from the article"),
        (b"pwned\x07", "the title payload"),
        ("\u{202E}".as_bytes(), "RLO"),
        ("\u{2066}".as_bytes(), "LRI"),
    ] {
        assert!(find(&raw, needle).is_none(), "{what} reached the terminal");
    }
}

#[test]
fn file_names_carrying_escapes_are_made_visible_in_messages_and_the_reader() {
    let dir = TempDir::new("names");
    let evil = dir.path("evil\x1b]0;pwned\x07\nname.txt");
    std::fs::write(&evil, b"\x00binary").unwrap();
    std::fs::write(dir.path("good.txt"), "عنوان جيد\nفقرة.\n").unwrap();
    let out = qari(&["render", evil.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_clean(&out.stderr[..out.stderr.len() - 1], "the error message");
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1, "one line, whatever the name");
    let mut s = Session::start(&[dir.0.to_str().unwrap()], 100, 20);
    s.wait_for("the notice about the bad file", 10, |rows| rows[19].contains("skipped"));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let raw = s.raw_bytes();
    assert!(
        find(&raw, b"\x1b]0;").is_none() && find(&raw, b"pwned\x07").is_none(),
        "the name's escape reached the terminal"
    );
}

#[test]
fn broken_utf8_is_repaired_with_a_warning_and_nothing_else_is_lost() {
    let mut bytes = "عنوان\nغزة ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xc3\x28 ");
    bytes.extend_from_slice("لبنان\n".as_bytes());
    let out = qari(&["render", "--width", "0", "-"], &bytes);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid UTF-8") && stderr.lines().count() == 1, "{stderr}");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains('\u{FFFD}'));
    for word in ["غزة", "لبنان", "عنوان"] {
        assert!(shown.contains(&common::visual(word)), "{word} lost:\n{shown}");
    }
}

#[test]
fn utf16_files_with_a_bom_are_read() {
    let text = "عنوان\nفي غزة اليوم\n";
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    for bytes in [le, be] {
        let out = qari(&["render", "--width", "0", "-"], &bytes);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains(&common::visual("في غزة اليوم")));
        let out = qari(&["render", "--plain", "--width", "0", "-"], &bytes);
        assert!(String::from_utf8_lossy(&out.stdout).contains(&common::visual("في غزة اليوم")));
    }
}

#[test]
fn binary_files_are_refused_by_name_and_skipped_in_folders() {
    let dir = TempDir::new("binary");
    let bin = dir.path("image.txt");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    for args in [vec!["render", bin.to_str().unwrap()], vec!["extract", bin.to_str().unwrap()]] {
        let out = qari(&args, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("image.txt") && stderr.contains("binary"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let out = qari(&["render", "--plain", bin.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(dir.path("good.txt"), "عنوان جيد\nفقرة.\n").unwrap();
    let out = qari(&["extract", "--format", "jsonl", dir.0.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1), "extract names the bad file and fails");
    // the reader skips it with a notice and opens the rest
    let mut s = Session::start(&[dir.0.to_str().unwrap()], 100, 20);
    s.wait_for("the good article", 10, |rows| rows[0].contains(&common::visual("عنوان جيد")));
    s.wait_for("a notice about the binary file", 10, |rows| rows[19].contains("image.txt"));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn a_five_megabyte_paragraph_with_no_break_renders_and_extracts() {
    let word: String = "غزة".repeat(5 * 1024 * 1024 / 6);
    let text = format!("عنوان\n{word}\n");
    let out = qari(&["render", "--width", "80", "-"], text.as_bytes());
    assert!(out.status.success());
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(lines > 30_000, "the long word is cut into lines: {lines}");
    let out = qari(&["render", "--plain", "--width", "80", "-"], word.as_bytes());
    assert!(out.status.success());
    let out = qari(&["extract", "--format", "jsonl", "-"], text.as_bytes());
    assert!(out.status.success());
    let digits = "7".repeat(5 * 1024 * 1024);
    let out = qari(&["extract", "--per-line", "--format", "jsonl", "-"], digits.as_bytes());
    assert!(out.status.success());
}

#[test]
fn tiny_terminals_and_a_storm_of_resizes_leave_no_garbage() {
    let seed = common::seed();
    for (cols, rows) in [(1u16, 1u16), (3, 2), (20, 4)] {
        let mut s = Session::start(&[seed.to_str().unwrap()], cols, rows);
        std::thread::sleep(Duration::from_millis(400));
        for key in ["j", "\t", "G", "\r", "?", "\x1b", "/", "غ", "\r", "]"] {
            s.send(key);
        }
        s.send("q");
        assert_eq!(s.wait_exit(10), 0, "at {cols}x{rows}");
    }
    let mut s = Session::start(&[seed.to_str().unwrap()], 120, 40);
    s.wait_for("the reader", 10, |rows| rows[0].contains("qari"));
    for k in 0..40u16 {
        s.resize(1 + (k * 37) % 150, 1 + (k * 13) % 50);
    }
    s.resize(60, 12);
    let fresh = Session::start(&[seed.to_str().unwrap()], 60, 12);
    fresh.wait_for("a fresh reader", 10, |rows| rows[0].contains("qari") && rows[11].contains("story"));
    std::thread::sleep(Duration::from_millis(300));
    let visible = |rows: &[String]| rows.iter().map(|r| r.trim_end().to_string()).collect::<Vec<_>>();
    let want = visible(&fresh.rows());
    s.wait_for("the screen after the storm to equal a fresh one", 10, |rows| visible(rows) == want);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn user_errors_are_one_line_messages_with_the_right_exit_code() {
    let dir = TempDir::new("errors");
    std::fs::create_dir_all(dir.path("empty")).unwrap();
    let empty = dir.path("empty");
    let seed = common::seed();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["render", "no/such/file.txt"], 1, "no/such/file.txt: no such file or folder"),
        (vec!["extract", "no/such/file.txt"], 1, "no/such/file.txt"),
        (vec!["render", dir.0.to_str().unwrap()], 1, "directory"),
        (vec!["extract", empty.to_str().unwrap()], 1, "no articles (.txt, .json, .html)"),
        (vec!["render", "--width", "wide", "-"], 2, "invalid value 'wide'"),
        (vec!["render", "--shaping", "sometimes", "-"], 2, "invalid value 'sometimes'"),
        (vec!["--bidi", "both"], 2, "invalid value 'both'"),
        (vec!["extract", "--format", "xml", "-"], 2, "invalid value 'xml'"),
        (vec!["render", "--story", "7", seed.to_str().unwrap()], 1, "no story 7"),
        (vec!["no/such/folder"], 1, "no such file or folder"),
        (vec![], 2, "the reader needs a terminal"),
    ];
    for (args, code, message) in cases {
        let out = qari(&args, b"");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        if code == 1 {
            assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: one line, not {stderr}");
        }
    }
}

#[test]
fn a_bad_config_is_reported_and_the_reader_runs_on_defaults() {
    let seed = common::seed();
    let dir = TempDir::new("config");
    let config = dir.path("bad.toml");
    std::fs::write(&config, "shaping = \"sometimes\"\n[keys]\nfly = [\"x\"]\n").unwrap();
    let mut s =
        Session::start_with_env(&[seed.to_str().unwrap()], 100, 30, &[("QARI_CONFIG", config.to_str().unwrap())]);
    s.wait_for("the reader", 10, |rows| rows[0].contains("qari"));
    s.wait_for("the problem in the status bar", 10, |rows| rows[29].contains("bad config"));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let raw = String::from_utf8_lossy(&s.raw_bytes()).to_string();
    assert!(raw.contains("bad.toml:1"), "the file and line are named");
}

#[test]
fn a_damaged_state_file_is_set_aside_and_two_readers_keep_it_whole() {
    let seed = common::seed();
    let dir = TempDir::new("state");
    let state = dir.path("state.json");
    std::fs::write(&state, "{\"positions\": {\"x\": {\"block\": ").unwrap();
    let env = [("QARI_STATE", state.to_str().unwrap())];
    let mut s = Session::start_with_env(&[seed.to_str().unwrap()], 100, 30, &env);
    s.wait_for("the notice", 10, |rows| rows[29].contains("damaged"));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    assert!(dir.path("state.json.corrupt").exists(), "the damaged file is kept aside");

    let mut a = Session::start_with_env(&[seed.to_str().unwrap()], 100, 30, &env);
    let mut b = Session::start_with_env(&[seed.to_str().unwrap()], 100, 30, &env);
    a.wait_for("reader a", 10, |rows| rows[0].contains("qari"));
    b.wait_for("reader b", 10, |rows| rows[0].contains("qari"));
    a.send("jjjj");
    b.send("G");
    a.send("q");
    b.send("q");
    assert_eq!(a.wait_exit(10), 0);
    assert_eq!(b.wait_exit(10), 0);
    let text = std::fs::read_to_string(&state).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("the state file is whole JSON");
    assert!(parsed["positions"].as_object().is_some_and(|p| !p.is_empty()));
}

/// A page carrying escapes in its title, text, attributes and links, and scripts.
fn hostile_page() -> String {
    "<!doctype html><html><head><title>عنوان &#27;]0;pwned&#7; الصفحة</title>\
     <meta property=\"og:site_name\" content=\"site&#27;[2J\">\
     <script>document.write('\u{1b}[31mscript text')</script><style>p{}</style></head><body>\
     <article><h1>عنوان &#x1b;]0;pwned&#x7; الصفحة</h1>\
     <p>غزة – نص &#27;[2J&#27;[31mأحمر&#27;[0m و&#27;]52;c;cm0gLXJmIH4=&#7; حافظة، وفقرة طويلة بما يكفي لتكون نص المقال.</p>\
     <p>فقرة &#155;31m ثانية &#x9b;مع &#133; تحكم، و\u{202E}reversed\u{202C} نص طويل بما يكفي أيضا ليكون من المقال.</p>\
     <script>alert('never text')</script><noscript>never text either, this is a long noscript block</noscript>\
     <template><p>template text that is never shown</p></template>\
     <p>اقرأ أيضاً: <a href=\"javascript:alert(1)\">رابط خطير جدا هنا</a></p>\
     <p>اقرأ أيضاً: <a href=\"data:text/html,<script>x</script>\">رابط خطير آخر هنا</a></p>\
     <p>اقرأ أيضاً: <a href=\"https://example.com/a&#27;[2J\">رابط فيه رمز تحكم</a></p>\
     <p>اقرأ أيضاً: <a href=\"https://example.com/news/خبر آخر\">رابط سليم إلى خبر آخر</a></p>\
     </article></body></html>"
        .to_string()
}

#[test]
fn hostile_pages_never_reach_the_terminal_and_scripts_are_never_text() {
    let dir = TempDir::new("hostile-html");
    let page = dir.path("page.html");
    std::fs::write(&page, hostile_page()).unwrap();
    let path = page.to_str().unwrap();
    for args in [vec!["render", "--width", "60", path], vec!["extract", "--format", "table", path]] {
        let out = qari(&args, b"");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_clean(&out.stdout, &format!("{args:?}"));
        let shown = String::from_utf8_lossy(&out.stdout);
        for never in ["script text", "never text", "template text", "p{}", "alert"] {
            assert!(!shown.contains(never), "{args:?} shows {never:?}");
        }
    }
    let out = qari(&["extract", "--format", "json", path], b"");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let story = &json["articles"][0]["stories"][0];
    assert!(story["title"].as_str().unwrap().contains("\u{241B}]0;pwned\u{2407}"), "{}", story["title"]);
    assert_eq!(story["paragraphs"].as_array().unwrap().len(), 2, "{story}");
    let links = story["linked"].as_array().unwrap();
    assert_eq!(links.len(), 1, "javascript:, data: and links holding controls are dropped: {links:?}");
    assert_eq!(links[0]["url"], "https://example.com/news/%D8%AE%D8%A8%D8%B1%20%D8%A2%D8%AE%D8%B1");
}

#[test]
fn a_page_nested_a_hundred_thousand_deep_reads_without_overflowing_the_stack() {
    let n = 100_000;
    let mut page = String::from("<html><body><article>");
    page.push_str(&"<div>".repeat(n));
    page.push_str("<p>نص عميق في الصفحة، فيه فاصلة وكلمات تكفي ليكون فقرة من المقال.</p>");
    page.push_str(&"</div>".repeat(n));
    page.push_str(&"<span><b>".repeat(n));
    page.push_str("ختام");
    page.push_str("</article></body></html>");
    let dir = TempDir::new("deep-html");
    let file = dir.path("deep.html");
    std::fs::write(&file, &page).unwrap();
    let out = qari(&["render", "--width", "0", file.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ﻖﻴﻤﻋ"), "the deep paragraph is read");
}

#[test]
fn a_fifty_megabyte_page_is_read() {
    // a page's weight is mostly scripts, styles and link lists around a short article
    let mut page = String::with_capacity(52 << 20);
    page.push_str("<!doctype html><html><head><title>خبر قصير | موقع</title><script>");
    while page.len() < 20 << 20 {
        page.push_str("var x = '<p>not text</p>'; function f(a) { return a < 3; }\n");
    }
    page.push_str("</script></head><body><nav><ul>");
    while page.len() < 45 << 20 {
        page.push_str("<li><a href=\"/section/news\">قسم الأخبار</a></li>");
    }
    page.push_str("</ul></nav><article><h1>خبر قصير</h1>");
    page.push_str("<p>القاهرة – فقرة أولى من الخبر، طويلة بما يكفي لتكون نص المقال الوحيد في الصفحة.</p>");
    page.push_str("<p>فقرة ثانية من الخبر، فيها أرقام مثل 12 و45 وفاصلة، وهي آخر ما في المقال.</p></article><footer>");
    while page.len() < 50 << 20 {
        page.push_str("<div class=\"footer-links\"><a href=\"/about\">من نحن</a></div>");
    }
    page.push_str("</footer></body></html>");
    let dir = TempDir::new("big-html");
    let file = dir.path("big.html");
    std::fs::write(&file, &page).unwrap();
    drop(page);
    let out = qari(&["extract", "--format", "json", file.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let story = &json["articles"][0]["stories"][0];
    assert_eq!(story["title"], "خبر قصير");
    assert_eq!(story["dateline"], "القاهرة");
    assert_eq!(story["paragraphs"].as_array().unwrap().len(), 2, "{}", story["paragraphs"]);
}

#[test]
fn a_windows_1256_text_article_reads_as_arabic_with_a_notice() {
    let dir = TempDir::new("cp1256");
    let file = dir.path("old.txt");
    let text = "عنوان الخبر\nتاريخ النشر: 2009-02-15\nالكويت – افتتح الوزير المعرض، بمشاركة 40 دولة.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
    std::fs::write(&file, &bytes).unwrap();
    let out = qari(&["extract", "--format", "json", file.to_str().unwrap()], b"");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let story = &json["articles"][0]["stories"][0];
    assert_eq!(story["title"], "عنوان الخبر");
    assert_eq!(story["published"], "2009-02-15");
    assert_eq!(story["dateline"], "الكويت");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("read as windows-1256"), "{stderr}");
}

#[test]
fn pages_from_standard_input_and_gzip_are_sniffed() {
    let page = "<html><head><title>عنوان من المدخل</title></head><body><article>\
                <p>فقرة من صفحة جاءت من المدخل القياسي، طويلة بما يكفي لتكون المقال.</p></article></body></html>";
    let out = qari(&["render", "--width", "0", "-"], page.as_bytes());
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("<p>") && !shown.contains("<html>"), "{shown}");
    let dir = TempDir::new("gz-html");
    let file = dir.path("saved");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(page.as_bytes()).unwrap();
    std::fs::write(&file, gz.finish().unwrap()).unwrap();
    let out = qari(&["extract", "--format", "json", dir.0.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"][0]["stories"][0]["title"], "عنوان من المدخل");
}
