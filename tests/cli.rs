//! The command line end to end: `extract` JSON of the seed, the JSON round trip, `render`'s
//! padding and structure, `--per-line` numbering.

use std::io::Write;
use std::process::{Command, Stdio};

fn qari(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        // English, whatever the machine's locale and config, unless the arguments say otherwise
        .env("LC_ALL", "")
        .env("LC_MESSAGES", "")
        .env("LANG", "C.UTF-8")
        .env("QARI_CONFIG", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/no-such-config.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles/000_d88aa69e352b5fd0.txt");

#[test]
fn extract_json_of_the_seed_has_the_structure_of_the_design() {
    let (code, out, err) = qari(&["extract", "--format", "json", SEED], b"");
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let stories = json["articles"][0]["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    let s0 = &stories[0];
    assert_eq!(s0["title"], "أوستن وغالانت يبحثان فرص الحل الدبلوماسي ووقف الحرب في غزة ولبنان");
    assert_eq!(s0["published"], "2024-11-01");
    assert_eq!(s0["dateline"], "الولايات المتحدة");
    assert_eq!(s0["paragraphs"].as_array().unwrap().len(), 8);
    assert_eq!(s0["sources"], serde_json::json!(["RT", "صحيفة المرصد الليبية"]));
    assert_eq!(s0["linked"][0]["story"], 1);
    assert_eq!(s0["linked"][0]["via"], "read-also");
    let s1 = &stories[1];
    assert_eq!(s1["title"], "رئيس الوزراء الباكستاني يثمن جهود مصر في التهدئة ووقف الحرب مع الهند");
    let paragraphs = s1["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 11);
    assert!(paragraphs.iter().all(|p| !p.as_str().unwrap().contains("أيضاً")));
    let f = &s0["figures"].as_array().unwrap()[6];
    for key in ["kind", "value", "text", "label", "qualifier", "unit", "currency", "paragraph", "start", "end"] {
        assert!(f.get(key).is_some(), "figure without {key}: {f}");
    }
    assert_eq!(f["text"], "43204 شهداء");
    assert_eq!(f["value"], 43204);
    assert_eq!(f["label"], "killed");
    for key in ["people", "places", "organizations", "quotes"] {
        assert!(s0[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }
}

#[test]
fn text_to_json_and_back_gives_the_same_stories() {
    let (_, json, _) = qari(&["extract", "--format", "json", SEED], b"");
    let dir = std::env::temp_dir().join(format!("qari-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("seed.json");
    std::fs::write(&file, &json).unwrap();
    let (code, again, err) = qari(&["extract", "--format", "json", file.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    let a: serde_json::Value = serde_json::from_str(&json).unwrap();
    let b: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(a["articles"][0]["stories"], b["articles"][0]["stories"], "the same stories and facts");
    // and the reader's render of it is the same as the text's
    let (_, from_text, _) = qari(&["render", "--width", "70", SEED], b"");
    let (_, from_json, _) = qari(&["render", "--width", "70", file.to_str().unwrap()], b"");
    assert_eq!(from_text, from_json);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_pads_rtl_lines_to_the_width_and_trims_trailing_spaces() {
    let (code, out, _) = qari(&["render", "--width", "40", SEED], b"");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    // the title (two lines at this width), a blank line, then the 8 paragraphs separated by blank lines
    assert!(!lines[1].is_empty() && lines[2].is_empty());
    assert_eq!(lines.iter().filter(|l| l.is_empty()).count(), 8);
    for l in lines.iter().filter(|l| !l.is_empty()) {
        assert_eq!(unicode_width(l), 40, "{l:?}");
        assert!(!l.ends_with(' '));
    }
    let (_, out, _) = qari(&["render", "--width", "0", SEED], b"");
    assert!(out.lines().all(|l| !l.starts_with(' ')), "no padding at width 0");
    assert_eq!(out.lines().filter(|l| !l.is_empty()).count(), 9, "no wrapping at width 0: title and 8 paragraphs");
    let (_, story1, _) = qari(&["render", "--width", "0", "--story", "1", SEED], b"");
    assert_eq!(story1.lines().filter(|l| !l.is_empty()).count(), 12);
}

fn unicode_width(s: &str) -> usize {
    s.chars()
        .filter(|c| !matches!(*c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200C}' | '\u{200D}' | '\u{FE0F}'))
        .count()
}

#[test]
fn plain_render_is_one_paragraph_a_line_and_keeps_blank_lines() {
    let (code, out, _) = qari(&["render", "--plain", "--width", "0", "-"], "غزة\n\nلبنان\n".as_bytes());
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3);
}

#[test]
fn per_line_extraction_numbers_lines_from_one() {
    let (code, out, _) =
        qari(&["extract", "--per-line", "--format", "jsonl", "-"], "بلغ 5 أشخاص\nلا شيء\nثلاثة آلاف\n".as_bytes());
    assert_eq!(code, 0);
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["line"], 1);
    assert_eq!(rows[0]["figures"][0]["value"], 5);
    assert_eq!(rows[1]["figures"].as_array().unwrap().len(), 0);
    assert_eq!(rows[2]["line"], 3);
    assert_eq!(rows[2]["figures"][0]["value"], 3000);
}

#[test]
fn table_format_is_for_people() {
    let (code, out, _) = qari(&["extract", "--format", "table", SEED], b"");
    assert_eq!(code, 0);
    assert!(out.contains("8 paragraphs, 11 figures"));
    assert!(out.contains("read also → [1]"));
    assert!(out.contains("count     43204        killed"), "English keeps the JSON's values and words");
}

#[test]
fn table_labels_follow_the_language_and_json_stays_english() {
    let (code, out, _) = qari(&["extract", "--lang", "ar", "--format", "table", SEED], b"");
    assert_eq!(code, 0);
    assert!(out.contains("8 فقرات، 11 رقمًا"), "{out}");
    assert!(out.contains("اقرأ أيضًا → [1]"), "{out}");
    assert!(out.contains("عدد       43,204       قتلى"), "{out}");
    assert!(out.contains("يوم       الجمعة"), "{out}");
    assert!(!out.contains("paragraphs") && !out.contains("killed"), "{out}");
    let (_, json, _) = qari(&["extract", "--lang", "ar", "--format", "json", SEED], b"");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let figure = &json["articles"][0]["stories"][0]["figures"][6];
    assert_eq!((&figure["value"], &figure["label"]), (&serde_json::json!(43204), &serde_json::json!("killed")));
}
