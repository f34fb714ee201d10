//! Items to stories: the text an item carries itself, whether its page must be read for the
//! full text, and the key that tells a story already stored from a new one.

use crate::article::decode::{sanitize, sanitize_line};
use crate::article::html::dom::{is_never_text, Dom};
use crate::article::html::parse_html;
use crate::article::Story;
use crate::feed::parse::{Body, Item};
use crate::feed::{FullText, NewStory};

/// Below this many characters of text, a summary is taken for a teaser, not the story.
pub const SHORT_SUMMARY: usize = 500;

/// Whether the item's page should be fetched and read for its text.
pub fn wants_page(item: &Item, mode: FullText) -> bool {
    item.link.is_some()
        && match mode {
            FullText::Never => false,
            FullText::Always => true,
            FullText::Auto => {
                item.content.is_none() && item.summary.as_ref().is_none_or(|s| text_len(s) < SHORT_SUMMARY)
            }
        }
}

fn text_len(body: &Body) -> usize {
    paragraphs_of(body).iter().map(|p| p.chars().count()).sum()
}

/// The story an item carries by itself: its content, else its summary. `source` (the feed's
/// title) becomes the story's source.
pub fn story_of_item(item: &Item, source: Option<&str>) -> Story {
    let body = item.content.as_ref().or(item.summary.as_ref());
    Story {
        title: sanitize_line(&item.title).trim().to_string(),
        published: item.published.as_deref().map(date_of),
        paragraphs: body.map(paragraphs_of).unwrap_or_default(),
        sources: source.map(|s| vec![sanitize_line(s).into_owned()]).unwrap_or_default(),
        url: item.link.clone(),
        ..Story::default()
    }
}

/// The story an item's page tells (`html`, fetched from `url`), over what the item itself
/// gave: the item's title and date stand when the page has none.
pub fn story_of_page(html: &str, url: &str, item_story: Story) -> Story {
    let page = parse_html(html, Some(url));
    if page.paragraphs.is_empty() {
        return item_story;
    }
    let mut sources = item_story.sources;
    sources.extend(page.sources.into_iter().filter(|s| !sources.contains(s)).collect::<Vec<_>>());
    Story {
        title: if item_story.title.is_empty() { page.title } else { item_story.title },
        published: item_story.published.or(page.published),
        dateline: page.dateline,
        paragraphs: page.paragraphs,
        sources,
        linked: page.linked,
        url: page.url.or(item_story.url),
        site: page.site.or(item_story.site),
        author: page.author.or(item_story.author),
    }
}

/// The date part (`2024-11-01`) of an RFC 3339 time, the precision stories carry.
pub fn date_of(time: &str) -> String {
    time.get(..10).unwrap_or(time).to_string()
}

/// Paragraphs of a body: one a line of plain text, one a block of HTML.
fn paragraphs_of(body: &Body) -> Vec<String> {
    if body.html {
        return fragment_paragraphs(&body.text);
    }
    sanitize(&body.text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text of an HTML fragment (a feed's content is the story's body already, with no page
/// around it to tell apart): parsed by the web page reader's DOM, one paragraph a block,
/// scripts and styles left out, entities read, controls made visible.
fn fragment_paragraphs(html: &str) -> Vec<String> {
    let dom = Dom::parse(html);
    let block_of = |id: usize| {
        dom.ancestors(id).find(|&a| {
            matches!(
                dom.name(a),
                "p" | "div"
                    | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "blockquote"
                    | "td"
                    | "pre"
                    | "figcaption"
            )
        })
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Option<Option<usize>> = None;
    for id in 0..dom.nodes.len() {
        let Some(text) = dom.text(id) else { continue };
        if dom.ancestors(id).any(|a| is_never_text(dom.name(a))) {
            continue;
        }
        let block = block_of(id);
        if current != Some(block) {
            paragraphs.push(String::new());
            current = Some(block);
        }
        if let Some(last) = paragraphs.last_mut() {
            last.push(' ');
            last.push_str(text);
        }
    }
    paragraphs
        .iter()
        .map(|p| sanitize_line(&p.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The key a story is stored under in its feed: its guid, else its link, else its title and
/// date, so a story seen again is not stored twice.
pub fn dedup_key(story: &NewStory) -> String {
    if let Some(guid) = story.guid.as_deref().filter(|g| !g.trim().is_empty()) {
        format!("guid:{}", guid.trim())
    } else if let Some(link) = story.link.as_deref() {
        format!("link:{link}")
    } else {
        format!("title:{}|{}", story.story.title, story.published.as_deref().map(date_of).unwrap_or_default())
    }
}

/// The dedup key an item will be stored under, before its story is built.
pub fn item_key(item: &Item) -> String {
    dedup_key(&NewStory {
        guid: item.guid.clone(),
        link: item.link.clone(),
        published: item.published.clone(),
        story: Story { title: sanitize_line(&item.title).trim().to_string(), ..Story::default() },
        facts: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(summary: Option<&str>, content: Option<&str>) -> Item {
        Item {
            link: Some("https://n.example/1".into()),
            title: "عنوان\u{1b}[31m".into(),
            published: Some("2024-11-01T10:30:00Z".into()),
            summary: summary.map(|t| Body { text: t.into(), html: true }),
            content: content.map(|t| Body { text: t.into(), html: true }),
            ..Item::default()
        }
    }

    #[test]
    fn short_summaries_want_the_page_full_content_does_not() {
        assert!(wants_page(&item(Some("<p>سطر قصير</p>"), None), FullText::Auto));
        assert!(wants_page(&item(None, None), FullText::Auto));
        assert!(!wants_page(&item(Some(&"كلمة ".repeat(200)), None), FullText::Auto));
        assert!(!wants_page(&item(None, Some("<p>نص</p>")), FullText::Auto));
        assert!(wants_page(&item(None, Some("<p>نص</p>")), FullText::Always));
        assert!(!wants_page(&item(None, None), FullText::Never));
        assert!(!wants_page(&Item { link: None, ..item(None, None) }, FullText::Always), "no link, no page");
    }

    #[test]
    fn an_item_becomes_a_story_with_visible_controls() {
        let s = story_of_item(
            &item(None, Some("<p>الأولى</p><script>alert(1)</script><p>الثانية &amp; \u{1b}]0;x</p>")),
            Some("أخبار"),
        );
        assert_eq!(s.title, "عنوان␛[31m");
        assert_eq!(s.published.as_deref(), Some("2024-11-01"));
        assert_eq!(s.paragraphs, vec!["الأولى", "الثانية & ␛]0;x"]);
        assert_eq!(s.sources, vec!["أخبار"]);
    }

    #[test]
    fn keys_prefer_guid_then_link_then_title_and_date() {
        let mut i = item(None, None);
        i.guid = Some("g1".into());
        assert_eq!(item_key(&i), "guid:g1");
        i.guid = None;
        assert_eq!(item_key(&i), "link:https://n.example/1");
        i.link = None;
        assert_eq!(item_key(&i), "title:عنوان␛[31m|2024-11-01");
    }
}
