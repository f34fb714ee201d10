//! No interface words are written in `src/ui/`: every string literal there is format glue
//! (punctuation, spaces, symbols, `{…}` parameters) or the name of a catalog template's
//! parameter. Words belong in the catalogs (`src/i18n/ar.rs`, `src/i18n/en.rs`).

use std::path::Path;

use qari::i18n::{parameters, Interface, Msg};

/// The string literals of Rust source, with their line numbers; comments, char literals and
/// lifetimes skipped.
fn string_literals(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            '\'' => {
                // a char literal ('x', '\n', '\u{2066}') or a lifetime ('a)
                if chars.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if matches!(chars.get(i + 1), Some('"') | Some('#'))
                && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start_line = line;
                let mut text = String::new();
                j += 1;
                while j < chars.len() {
                    if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                        break;
                    }
                    line += usize::from(chars[j] == '\n');
                    text.push(chars[j]);
                    j += 1;
                }
                out.push((start_line, text));
                i = j + 1 + hashes;
            }
            '"' => {
                let start_line = line;
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        // an escape: kept as written, never ends the literal
                        text.push(chars[i]);
                        i += 1;
                    }
                    if let Some(&ch) = chars.get(i) {
                        line += usize::from(ch == '\n');
                        text.push(ch);
                    }
                    i += 1;
                }
                out.push((start_line, text));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// What in a literal is a word: any non-ASCII letters (Arabic), or two ASCII letters in a row,
/// once `{…}` parameters and escapes (`\u{2066}`, `\n`) are taken out.
fn words_in(literal: &str) -> Vec<String> {
    let mut glue_free = String::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
            }
            '\\' => {
                chars.next();
            }
            c => glue_free.push(c),
        }
    }
    let is_letter = |c: char| c.is_alphabetic();
    glue_free.split(|c: char| !is_letter(c)).filter(|w| !w.is_ascii() || w.len() >= 2).map(String::from).collect()
}

/// Literals that are allowed although they hold a word: the names of template parameters
/// (`("help", key)` fills `{help}`).
fn parameter_names() -> Vec<String> {
    let en = Interface::default();
    let ar = Interface::arabic();
    let mut names: Vec<String> =
        Msg::ALL.iter().flat_map(|&m| [en.text(m), ar.text(m)]).flat_map(parameters).map(String::from).collect();
    names.sort();
    names.dedup();
    names
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_interface_words_are_written_in_ui() {
    let allowed = parameter_names();
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
    assert!(files.len() >= 3, "found the ui sources: {files:?}");
    let mut stray = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (line, literal) in string_literals(&source) {
            if allowed.contains(&literal) {
                continue;
            }
            let words = words_in(&literal);
            if !words.is_empty() {
                let name = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(file).display().to_string();
                stray.push(format!("{name}:{line}: {literal:?} ({})", words.join(", ")));
            }
        }
    }
    assert!(stray.is_empty(), "interface words outside the catalogs:\n{}", stray.join("\n"));
}

#[test]
fn the_scan_finds_words_and_passes_glue() {
    let source = r#"
        // "Figures" in a comment is fine
        let a = "Figures ({n})";
        let b = format!("{name} ×{}", x);
        let c = '"'; let d: &'static str = "الأرقام";
        let e = "\u{2066}{name}\u{2069}";
        let f = r"raw words";
        let g = "  {date} · {figures}";
    "#;
    let found: Vec<(usize, Vec<String>)> = string_literals(source)
        .into_iter()
        .map(|(line, l)| (line, words_in(&l)))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    assert_eq!(
        found,
        vec![
            (3, vec!["Figures".to_string()]),
            (5, vec!["الأرقام".to_string()]),
            (7, vec!["raw".to_string(), "words".to_string()]),
        ]
    );
    assert!(parameter_names().contains(&"help".to_string()));
}
