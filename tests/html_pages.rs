//! The development set of web pages (tests/data/html/): pages written in the shapes of real
//! news sites' templates, each with its gold (`NAME.gold.json`: title, date, dateline, exact
//! paragraphs, read-also links…). Every page must give exactly its gold; the body's word
//! 4-gram shingle precision, recall and F1 are printed (`--nocapture`), pages weighed equally,
//! as the public article-extraction benchmark measures them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use qari::article::{load_file, Story};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Gold {
    title: String,
    published: Option<String>,
    dateline: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    sources: Option<Vec<String>>,
    paragraphs: Vec<String>,
    #[serde(default)]
    linked: Vec<GoldLink>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct GoldLink {
    title: String,
    url: String,
}

fn pages() -> Vec<(PathBuf, Gold)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/html");
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for gold_path in entries.iter().filter(|p| p.to_string_lossy().ends_with(".gold.json")) {
        let stem = gold_path.file_name().unwrap().to_string_lossy().trim_end_matches(".gold.json").to_string();
        let page = entries
            .iter()
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with(&format!("{stem}.")) && !name.ends_with(".gold.json")
            })
            .unwrap_or_else(|| panic!("no page for {}", gold_path.display()))
            .clone();
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
        out.push((page, gold));
    }
    out
}

fn story_of(page: &Path) -> Story {
    let loaded = load_file(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    assert_eq!(loaded.article.stories.len(), 1, "{}", page.display());
    loaded.article.stories.into_iter().next().unwrap()
}

/// Word 4-grams, words being runs of letters, digits and marks.
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || ('\u{064B}'..='\u{065F}').contains(&c)))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = HashMap::new();
    if words.is_empty() {
        return out;
    }
    for k in 0..words.len().saturating_sub(3).max(1) {
        *out.entry(words[k..(k + 4).min(words.len())].to_vec()).or_insert(0) += 1;
    }
    out
}

/// (precision, recall) of a page's body, as the benchmark computes them.
fn precision_recall(gold: &str, got: &str) -> (f64, f64) {
    let (g, p) = (shingles(gold), shingles(got));
    let keys: std::collections::HashSet<&Vec<String>> = g.keys().chain(p.keys()).collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for k in keys {
        let (a, b) = (g.get(k).copied().unwrap_or(0), p.get(k).copied().unwrap_or(0));
        tp += a.min(b);
        fp += b.saturating_sub(a);
        fn_ += a.saturating_sub(b);
    }
    let precision = if fp == 0 && fn_ == 0 {
        1.0
    } else if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if fp == 0 && fn_ == 0 {
        1.0
    } else if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (precision, recall)
}

#[test]
fn every_page_gives_its_gold() {
    let pages = pages();
    assert!(pages.len() >= 7, "the development set is missing");
    let mut failures = Vec::new();
    let (mut sum_p, mut sum_r) = (0.0, 0.0);
    for (page, gold) in &pages {
        let story = story_of(page);
        let (p, r) = precision_recall(&gold.paragraphs.join("\n"), &story.paragraphs.join("\n"));
        sum_p += p;
        sum_r += r;
        println!("{:<28} P {p:.3} R {r:.3}", page.file_name().unwrap().to_string_lossy());
        let name = page.display();
        let mut check = |what: &str, ok: bool, detail: String| {
            if !ok {
                failures.push(format!("{name}: {what}: {detail}"));
            }
        };
        check("title", story.title == gold.title, format!("{:?} ≠ {:?}", story.title, gold.title));
        check("published", story.published == gold.published, format!("{:?} ≠ {:?}", story.published, gold.published));
        check("dateline", story.dateline == gold.dateline, format!("{:?} ≠ {:?}", story.dateline, gold.dateline));
        if gold.url.is_some() {
            check("url", story.url == gold.url, format!("{:?} ≠ {:?}", story.url, gold.url));
        }
        if gold.site.is_some() {
            check("site", story.site == gold.site, format!("{:?} ≠ {:?}", story.site, gold.site));
        }
        if gold.author.is_some() {
            check("author", story.author == gold.author, format!("{:?} ≠ {:?}", story.author, gold.author));
        }
        if let Some(sources) = &gold.sources {
            check("sources", &story.sources == sources, format!("{:?} ≠ {sources:?}", story.sources));
        }
        check(
            "paragraphs",
            story.paragraphs == gold.paragraphs,
            format!("\n  got  {:#?}\n  gold {:#?}", story.paragraphs, gold.paragraphs),
        );
        let links: Vec<GoldLink> = story
            .linked
            .iter()
            .map(|l| GoldLink { title: l.title.clone(), url: l.url.clone().unwrap_or_default() })
            .collect();
        check("linked", links == gold.linked, format!("\n  got  {links:#?}\n  gold {:#?}", gold.linked));
    }
    let n = pages.len() as f64;
    let (p, r) = (sum_p / n, sum_r / n);
    println!(
        "development set: F1 {:.3} precision {p:.3} recall {r:.3} on {} pages",
        2.0 * p * r / (p + r),
        pages.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
