//! The `extract` JSON read back as an article: `{"articles": [...]}`, one article
//! `{"stories": [...]}`, a list of stories, or a single story. Extracted facts are ignored:
//! they are derived again from the text.

use serde::Deserialize;
use thiserror::Error;

use crate::article::decode::sanitize;
use crate::article::model::{Article, Story};
use crate::article::urls;

#[derive(Debug, Error)]
#[error("{path}: not qari JSON: {source}")]
pub struct JsonError {
    pub path: String,
    #[source]
    pub source: serde_json::Error,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Shape {
    Library { articles: Vec<ArticleShape> },
    Article(ArticleShape),
    Stories(Vec<Story>),
    Story(Box<Story>),
}

#[derive(Deserialize)]
struct ArticleShape {
    stories: Vec<Story>,
}

/// All the stories the JSON holds, in order. Story links keep their indexes, so a file
/// holding several articles has its links shifted to the combined list.
pub fn parse_json(text: &str, path: &str) -> Result<Vec<Story>, JsonError> {
    let shape: Shape = serde_json::from_str(text).map_err(|source| JsonError { path: path.to_string(), source })?;
    let mut stories = match shape {
        Shape::Library { articles } => {
            let mut all = Vec::new();
            for a in articles {
                let offset = all.len();
                all.extend(a.stories.into_iter().map(|mut s| {
                    s.linked.iter_mut().for_each(|l| l.story = l.story.map(|k| k + offset));
                    s
                }));
            }
            all
        }
        Shape::Article(a) => a.stories,
        Shape::Stories(s) => s,
        Shape::Story(s) => vec![*s],
    };
    let count = stories.len();
    for story in &mut stories {
        clean_story(story);
        story.linked.retain(|l| l.story.map_or(l.url.is_some(), |k| k < count));
    }
    Ok(stories)
}

/// JSON escapes can carry any control character: the same rules as text files apply, and a
/// line break inside a field is only a space.
fn clean_story(story: &mut Story) {
    let clean = |s: &mut String| *s = sanitize(s).replace('\n', " ");
    clean(&mut story.title);
    story.paragraphs.iter_mut().for_each(clean);
    story.sources.iter_mut().for_each(clean);
    story.published.iter_mut().for_each(clean);
    story.dateline.iter_mut().for_each(clean);
    story.linked.iter_mut().for_each(|l| clean(&mut l.title));
    for field in [&mut story.url, &mut story.site, &mut story.author] {
        field.iter_mut().for_each(clean);
    }
    // a URL is kept only when it parses as a web address (the url crate then escapes it)
    story.url = story.url.take().and_then(|u| urls::resolve(&u, None)).map(|u| urls::display(&u));
    for link in &mut story.linked {
        link.url = link.url.take().and_then(|u| urls::resolve(&u, None)).map(|u| urls::display(&u));
    }
}

/// Whether a file should be read as JSON: by its name, or by its first character.
pub fn looks_like_json(path: &str, text: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".json") || (path == "-" && text.trim_start().starts_with(['{', '[']))
}

impl From<Vec<Story>> for Article {
    fn from(stories: Vec<Story>) -> Self {
        Article { path: String::new(), stories }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_shape() {
        let story = r#"{"title": "t", "paragraphs": ["p"], "figures": [{"kind": "count"}]}"#;
        for text in [
            format!(r#"{{"articles": [{{"path": "x", "stories": [{story}]}}]}}"#),
            format!(r#"{{"stories": [{story}]}}"#),
            format!("[{story}]"),
            story.to_string(),
        ] {
            let s = parse_json(&text, "f.json").unwrap();
            assert_eq!(s.len(), 1, "{text}");
            assert_eq!(s[0].title, "t");
            assert_eq!(s[0].paragraphs, vec!["p"]);
        }
    }

    #[test]
    fn controls_in_json_strings_are_made_visible() {
        let s = parse_json(r#"{"title": "a\u001b]52;c;x\u0007b", "paragraphs": ["1\n2"]}"#, "f.json").unwrap();
        assert_eq!(s[0].title, "a\u{241B}]52;c;x\u{2407}b");
        assert_eq!(s[0].paragraphs, vec!["1 2"]);
    }

    #[test]
    fn bad_json_names_the_file() {
        let err = parse_json("{", "a.json").unwrap_err();
        assert!(err.to_string().starts_with("a.json: not qari JSON"), "{err}");
    }

    #[test]
    fn links_out_of_range_are_dropped() {
        let s =
            parse_json(r#"[{"title": "t", "linked": [{"story": 9, "title": "x", "via": "read-also"}]}]"#, "f").unwrap();
        assert!(s[0].linked.is_empty());
    }
}
