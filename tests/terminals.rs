//! What qari does for each kind of terminal, seen in the bytes it writes: `render` into a
//! pipe is unchanged, into a VTE it asks for explicit mode row by row, into mlterm it prints
//! logical text; the reader's escapes for mlterm.

mod common;

use std::process::Command;

use common::{find, seed, Session};

const SEED_AT_60: &str = include_str!("data/seed-render-60.txt");

fn render_into_a_pipe(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qari"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// What a terminal is given, with its line ends as a pipe's.
fn render_into_a_terminal(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut s = Session::start_with_env(args, 80, 60, env);
    assert_eq!(s.wait_exit(10), 0);
    let raw = s.raw_bytes();
    let mut out = Vec::with_capacity(raw.len());
    for (i, &b) in raw.iter().enumerate() {
        if !(b == b'\r' && raw.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

#[test]
fn render_into_a_pipe_prints_the_same_bytes_in_every_terminal() {
    let seed = seed();
    let args = ["render", "--width", "60", seed.to_str().unwrap()];
    for env in [vec![], vec![("VTE_VERSION", "7006")], vec![("MLTERM", "3.9.0")], vec![("KONSOLE_VERSION", "230805")]] {
        assert_eq!(String::from_utf8(render_into_a_pipe(&args, &env)).unwrap(), SEED_AT_60, "{env:?}");
    }
}

#[test]
fn render_into_vte_makes_each_row_explicit_and_leaves_the_terminal_implicit() {
    let seed = seed();
    let args = ["render", "--width", "60", seed.to_str().unwrap()];
    let raw = render_into_a_terminal(&args, &[("VTE_VERSION", "7006")]);
    assert!(raw.ends_with(b"\x1b[8h"), "implicit mode back at the end");
    let body = &raw[..raw.len() - 4];
    let lines: Vec<&[u8]> = body.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), SEED_AT_60.lines().count());
    for (line, want) in lines.iter().zip(SEED_AT_60.split_inclusive('\n')) {
        let text = line.strip_prefix(b"\x1b[8l").expect("each row asks for explicit mode as it starts");
        assert_eq!(text, want.as_bytes(), "the visual line itself is unchanged");
    }
}

#[test]
fn render_into_mlterm_prints_logical_lines_for_it_to_reorder() {
    let seed = seed();
    let args = ["render", "--width", "60", seed.to_str().unwrap()];
    let raw = render_into_a_terminal(&args, &[("MLTERM", "3.9.0")]);
    let logical = render_into_a_pipe(
        &["render", "--width", "60", "--bidi", "terminal", "--shaping", "off", seed.to_str().unwrap()],
        &[],
    );
    // unshaped: mlterm joins the letters itself
    assert_eq!(String::from_utf8(raw).unwrap(), String::from_utf8(logical).unwrap());
    assert!(find(&render_into_a_pipe(&args, &[]), "أوستن".as_bytes()).is_none(), "a pipe gets visual order");
}

#[test]
fn in_mlterm_the_reader_turns_its_bidi_off_and_back_on() {
    let seed = seed();
    let mut s = Session::start_with_env(&[seed.to_str().unwrap()], 100, 30, &[("MLTERM", "3.9.0")]);
    s.wait_for("the reader", 10, |rows| rows[0].contains("qari"));
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let raw = s.raw_bytes();
    let off = find(&raw, b"\x1b]5379;use_ctl=false\x07").expect("mlterm's bidi turned off");
    let entered = find(&raw, b"\x1b[?1049h").unwrap();
    let left = find(&raw, b"\x1b[?1049l").unwrap();
    // no answer came (the test's terminal is not mlterm): mlterm's default, on, is put back
    let on = find(&raw, b"\x1b]5379;use_ctl=true\x07").expect("mlterm's bidi turned back on");
    assert!(off < entered && entered < left && left < on, "{off} {entered} {left} {on}");
}

#[test]
fn doctor_says_what_it_found_and_what_qari_will_do() {
    let mut s = Session::start_with_env(&["doctor"], 120, 30, &[("VTE_VERSION", "7006"), ("LANG", "ar_EG.UTF-8")]);
    assert_eq!(s.wait_exit(10), 0);
    let text = s.text();
    for want in [
        "terminal: VTE 0.70.6",
        "terminal's bidi: reorders rows unless asked for explicit mode (CSI 8 l)",
        "shaping: qari joins Arabic letters",
        // the test's terminal answers no question: qari waited, then took dark
        "background: dark (the terminal did not answer in time; taken as dark)",
        "locale: LANG=ar_EG.UTF-8",
        "reader: ask for explicit mode before the alternate screen, implicit after",
        "render into this output: visual lines, each row asked to be explicit",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
}
