//! The plain-text format scraped news comes in (see DESIGN.md, "The article text format").

use crate::arabic::{fold, is_haraka};
use crate::article::dates::parse_published;
use crate::article::model::{Link, LinkKind, Story};

/// Labels of the "published" line, folded.
const DATE_LABELS: &[&str] = &["تاريخ النشر", "نشر في", "نشر بتاريخ", "بتاريخ", "تاريخ", "published", "date"];
/// Labels of a sources line, folded.
const SOURCE_LABELS: &[&str] = &["المصدر", "المصادر", "مصدر", "المصدر الاصلي", "source", "sources"];
/// Read-also markers, folded, without punctuation.
const READ_ALSO: &[&str] = &[
    "اقرا ايضا",
    "اقرا كذلك",
    "اقرا المزيد",
    "طالع ايضا",
    "طالع كذلك",
    "شاهد ايضا",
    "اقرا ايضا في",
    "اقرا المزيد من",
    "اقرا",
    "طالع",
    "مواضيع ذات صله",
    "اخبار ذات صله",
    "المزيد",
    "read also",
    "read more",
];

/// Parses a whole file of the text format into its stories.
pub fn parse_text(text: &str) -> Vec<Story> {
    let lines: Vec<&str> = text.lines().map(clean_line).filter(|l| !l.is_empty()).collect();
    let mut segments: Vec<Vec<&str>> = vec![Vec::new()];
    for line in lines {
        match read_also_marker(line) {
            Some(rest) => {
                segments.push(Vec::new());
                if let Some(segment) = segments.last_mut().filter(|_| !rest.is_empty()) {
                    segment.push(rest);
                }
            }
            None => segments.last_mut().into_iter().for_each(|s| s.push(line)),
        }
    }

    let mut stories: Vec<Story> = Vec::new();
    let mut previous_with_body: Option<usize> = None;
    for (k, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            continue;
        }
        let parent = if k == 0 { None } else { previous_with_body };
        let new: Vec<Story> = if k > 0 && is_title_list(segment) {
            segment.iter().map(|t| Story { title: t.to_string(), ..Story::default() }).collect()
        } else {
            vec![parse_story(segment)]
        };
        for story in new {
            let index = stories.len();
            if let Some(p) = parent {
                let title = story.title.clone();
                stories[p].linked.push(Link {
                    story: Some(index),
                    title,
                    url: None,
                    via: LinkKind::ReadAlso,
                    shared: vec![],
                });
            }
            if !story.paragraphs.is_empty() || k == 0 {
                previous_with_body = Some(index);
            }
            stories.push(story);
        }
    }
    stories
}

/// Trims the line and the invisible junk scrapers leave at its ends.
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{FE0F}'))
}

/// Folded letters and spaces only: what a marker or label is compared by.
fn key_of(text: &str) -> String {
    let folded = fold(text);
    let mut key = String::with_capacity(folded.len());
    let letter = |c: char| matches!(c, '\u{0621}'..='\u{064A}' | 'a'..='z') || c.is_alphabetic() || is_haraka(c);
    for word in folded.split(|c: char| !letter(c)).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// When `line` is a read-also marker, returns what follows it on the same line (a title
/// written after the colon), else `None`.
pub(crate) fn read_also_marker(line: &str) -> Option<&str> {
    // every marker starts with one of these (اقرأ، طالع، شاهد، مواضيع، أخبار، المزيد، read)
    let first = line.chars().next()?;
    if !matches!(first, 'ا' | 'إ' | 'أ' | 'آ' | 'ط' | 'ش' | 'م' | 'r' | 'R') || line.chars().nth(120).is_some() {
        return None;
    }
    let key = key_of(line);
    if READ_ALSO.contains(&key.as_str()) && has_marker_shape(line) {
        return Some("");
    }
    // "اقرأ أيضاً: <title>" on one line.
    let (head, rest) = line.split_once([':', '：'])?;
    let head_key = key_of(head);
    (READ_ALSO.contains(&head_key.as_str()) && head_key.contains(' ')).then(|| rest.trim())
}

/// The one-word markers (اقرأ، المزيد) count only when set apart as a heading: with a colon,
/// a dash, or alone on the line with nothing else.
fn has_marker_shape(line: &str) -> bool {
    let key = key_of(line);
    key.contains(' ') || line.trim_end().ends_with([':', '-', '–', '：']) || line.trim() == key
}

/// A list of linked titles with no bodies: several short lines, none of them a sentence.
fn is_title_list(segment: &[&str]) -> bool {
    segment.len() >= 2
        && segment.iter().all(|l| l.split_whitespace().count() <= 16 && !l.ends_with(['.', '،', ',', ':']))
}

fn parse_story(lines: &[&str]) -> Story {
    let mut story = Story { title: lines.first().map(|s| s.to_string()).unwrap_or_default(), ..Story::default() };
    for &line in lines.iter().skip(1) {
        let label = label_of(line);
        let value_for = |labels: &[&str]| label.as_ref().filter(|(key, _)| labels.contains(&key.as_str())).map(|l| l.1);
        if story.published.is_none() {
            if let Some(date) = value_for(DATE_LABELS).and_then(parse_published) {
                story.published = Some(date);
                continue;
            }
        }
        if let Some(value) = value_for(SOURCE_LABELS) {
            story.sources.extend(split_sources(value));
            continue;
        }
        story.paragraphs.push(line.to_string());
    }
    story.dateline = story.paragraphs.first().and_then(|p| dateline_of(p));
    story
}

/// The date of a `تاريخ النشر: …` line, or `None` when the line is not one.
pub(crate) fn date_line(line: &str) -> Option<String> {
    let (key, value) = label_of(line)?;
    DATE_LABELS.contains(&key.as_str()).then(|| parse_published(value)).flatten()
}

/// The sources a `المصدر: …` line names, or `None` when the line is not one.
pub(crate) fn sources_line(line: &str) -> Option<Vec<String>> {
    let (key, value) = label_of(line)?;
    SOURCE_LABELS.contains(&key.as_str()).then(|| split_sources(value).collect())
}

fn split_sources(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(['،', ',', '؛', ';']).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// `label: value` → (the label's key, the value), when the value is not empty.
fn label_of(line: &str) -> Option<(String, &str)> {
    // labels are short: a colon far into the line ends a sentence, not a label
    let head_end = line.char_indices().take(24).find(|&(_, c)| c == ':' || c == '：').map(|(i, _)| i)?;
    let (head, value) = line.split_at(head_end);
    let value = value.trim_start_matches([':', '：']).trim();
    (!value.is_empty()).then(|| (key_of(head), value))
}

/// Words that show the text before a dash is a clause, not a place.
const NOT_PLACE_WORDS: &[&str] =
    &["قال", "قالت", "ان", "في", "من", "علي", "الي", "عن", "هذا", "هذه", "ما", "لا", "كما", "الذي", "التي"];

/// `<place> – ` at the start of the first paragraph, with an optional `(وكالات)`-style agency.
pub(crate) fn dateline_of(paragraph: &str) -> Option<String> {
    let head: String = paragraph.chars().take(60).collect();
    let (cut, _) = head.char_indices().find(|&(i, c)| {
        matches!(c, '–' | '—' | '-') && head[..i].ends_with(' ') && head[i + c.len_utf8()..].starts_with(' ')
    })?;
    let mut place = head[..cut].trim();
    if let Some(open) = place.find(['(', '[']) {
        place = place[..open].trim();
    }
    let words = place.split_whitespace().count();
    let plausible = (1..=3).contains(&words)
        && !place.split_whitespace().any(|w| NOT_PLACE_WORDS.contains(&fold(w).as_str()))
        && place.chars().all(|c| c.is_alphabetic() || c == ' ' || is_haraka(c) || c == '\'' || c == '.');
    plausible.then(|| place.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Story {
        let mut s = parse_text(text);
        assert!(!s.is_empty(), "no story in {text:?}");
        s.remove(0)
    }

    #[test]
    fn title_date_dateline_paragraphs_sources() {
        let s = one("عنوان الخبر\nتاريخ النشر: 1 نوفمبر 2024\n\nالقاهرة – قال الرئيس شيئا.\nفقرة ثانية.\nالمصادر: رويترز، أ ف ب\nمصدر: RT\n");
        assert_eq!(s.title, "عنوان الخبر");
        assert_eq!(s.published.as_deref(), Some("2024-11-01"));
        assert_eq!(s.dateline.as_deref(), Some("القاهرة"));
        assert_eq!(s.paragraphs, vec!["القاهرة – قال الرئيس شيئا.", "فقرة ثانية."]);
        assert_eq!(s.sources, vec!["رويترز", "أ ف ب", "RT"]);
    }

    #[test]
    fn every_date_label() {
        for line in ["نشر في: 2024-11-01", "بتاريخ: 01/11/2024", "تاريخ النشر : November 1, 2024"]
        {
            assert_eq!(one(&format!("t\n{line}\np")).published.as_deref(), Some("2024-11-01"), "{line}");
        }
    }

    #[test]
    fn datelines_with_any_dash_and_an_agency() {
        for (p, want) in [
            ("غزة — قصف عنيف", Some("غزة")),
            ("بيروت - (وكالات) - قال", Some("بيروت")),
            ("واشنطن (رويترز) – أعلن", Some("واشنطن")),
            ("قال الوزير إن الوضع - كما وصفه - خطير", None),
            ("بلا شرطة هنا", None),
        ] {
            assert_eq!(one(&format!("t\n{p}")).dateline.as_deref(), want, "{p}");
        }
    }

    #[test]
    fn every_read_also_spelling_starts_a_linked_story() {
        for marker in [
            "إقرأ أيضاً:",
            "اقرأ أيضا",
            "اقرأ ايضا:",
            "إقرأ أيضًا -",
            "اقرأ المزيد:",
            "طالع أيضا:",
            "اقرأ أيضاً :",
            "اقرأ كذلك:",
        ] {
            let stories = parse_text(&format!("الأول\nفقرة.\n{marker}\nالثاني\nفقرته.\n"));
            assert_eq!(stories.len(), 2, "{marker}");
            assert_eq!(stories[1].title, "الثاني");
            assert_eq!(stories[1].paragraphs, vec!["فقرته."]);
            assert_eq!(stories[0].paragraphs, vec!["فقرة."], "{marker} left in a paragraph");
            assert_eq!(
                stories[0].linked,
                vec![Link {
                    story: Some(1),
                    title: "الثاني".into(),
                    url: None,
                    via: LinkKind::ReadAlso,
                    shared: vec![]
                }]
            );
        }
    }

    #[test]
    fn marker_with_the_title_on_its_line() {
        let stories = parse_text("أ\nفقرة.\nاقرأ أيضا: عنوان مرتبط\nنصه.\n");
        assert_eq!(stories[1].title, "عنوان مرتبط");
        assert_eq!(stories[1].paragraphs, vec!["نصه."]);
    }

    #[test]
    fn a_sentence_mentioning_read_is_not_a_marker() {
        let stories = parse_text("أ\nاقرأ أيضا ما كتبه الوزير عن الأزمة في مقاله الطويل.\n");
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].paragraphs.len(), 1);
    }

    #[test]
    fn a_list_of_links_gives_title_only_stories() {
        let stories = parse_text("أ\nفقرة طويلة.\nاقرأ أيضا:\nعنوان أول\nعنوان ثان\nعنوان ثالث\n");
        assert_eq!(stories.len(), 4);
        assert!(stories[1..].iter().all(|s| s.paragraphs.is_empty()));
        assert_eq!(stories[0].linked.iter().map(|l| l.story).collect::<Vec<_>>(), vec![Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn degenerate_files_parse_into_what_they_hold() {
        assert!(parse_text("").is_empty());
        assert!(parse_text("\n\n  \n").is_empty());
        assert_eq!(one("عنوان فقط").paragraphs.len(), 0);
        assert_eq!(one("\n\nعنوان\nفقرة").title, "عنوان");
        let s = parse_text("عنوان\nفقرة\nاقرأ أيضاً:\n");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].paragraphs, vec!["فقرة"]);
        assert!(one("عنوان\nفقرة").published.is_none());
    }
}
