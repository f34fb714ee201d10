//! Web pages as stories: a pure parser from a page's text (and its URL, when known) to the
//! story it carries, with the page's navigation, ads, comments and link lists left out.
//!
//! ```text
//! &str ─▶ dom (html5ever's tokenizer, our tree: linear, capped depth, no recursion)
//!      ─▶ meta (Open Graph, JSON-LD, <time>, <h1>, <title>, canonical URL, <base>)
//!      ─▶ content (the body's root by Readability's scoring; its paragraphs; link boxes)
//!      ─▶ Story { title, published, dateline, paragraphs, sources, linked, url, site, author }
//! ```

mod classify;
mod content;
pub mod dom;
mod meta;
mod text;

use url::Url;

use crate::arabic::fold;
use crate::article::model::{Link, LinkKind, Story};
use crate::article::parse_text::{date_line, dateline_of, read_also_marker, sources_line};
use crate::article::urls;
use content::{LinkBox, Paragraph};
use dom::Dom;

/// A page's story. `page_url` is where the page was read from (an `http(s)://` address, or
/// the `file://` URL of a saved page): relative links are resolved against it, or against
/// the page's `<base href>`.
pub fn parse_html(html: &str, page_url: Option<&str>) -> Story {
    let dom = Dom::parse(html);
    let meta = meta::read(&dom);
    let page = page_url.and_then(|u| Url::parse(u).ok());
    let canonical = meta.canonical.as_deref().and_then(|c| urls::resolve(c, page.as_ref()));
    let base = meta
        .base
        .as_deref()
        .and_then(|b| urls::resolve(b, page.as_ref().or(canonical.as_ref())))
        .or_else(|| page.clone())
        .or_else(|| canonical.clone());
    // a saved page: `/path` links are the site's, `other.html` ones the folder's (wget -k)
    let site_base =
        canonical.clone().filter(|_| meta.base.is_none() && page.as_ref().is_some_and(|p| p.scheme() == "file"));
    let resolve = |href: &str| match &site_base {
        Some(site) if href.trim_start().starts_with('/') => urls::resolve(href, Some(site)),
        _ => urls::resolve(href, base.as_ref()),
    };
    let story_url = canonical.clone().or_else(|| page.clone().filter(|p| p.scheme() != "file"));

    let site = meta.site.clone().or_else(|| story_url.as_ref().and_then(|u| u.host_str()).map(site_of_host));
    let body = content::extract(&dom);
    let mut title = title_of(&meta, site.as_deref(), story_url.as_ref());
    let mut published = meta.published.clone();
    // a page with only a <title>: the headline is the body's first line when the <title>
    // holds it beside the site's name, or when that line is a heading
    if meta.og_title.is_none() && meta.headline.is_none() && meta.h1.is_none() {
        let lead =
            body.paragraphs.iter().take(3).find(|p| date_line(&p.text).is_none() && meta::day_of(&p.text).is_none());
        if let Some(lead) = lead.filter(|p| p.text.split_whitespace().count() <= 20 && !ends_sentence(&p.text)) {
            let in_title = meta.title_tag.as_deref().is_some_and(|t| t.contains(&lead.text));
            if in_title || lead.heading {
                title = lead.text.clone();
            }
        }
    }
    let mut story = Story { title, url: story_url.as_ref().map(urls::display), site: site.clone(), ..Story::default() };
    let mut links: Vec<(String, Url)> = Vec::new();
    let mut read_also_list = false;
    let own_key = story.url.as_deref().and_then(urls::key);
    let add_link = |text: &str, href: &str, links: &mut Vec<(String, Url)>| {
        let Some(url) = resolve(href) else {
            return;
        };
        let key = urls::key(url.as_str());
        if key.is_none() || key == own_key || links.iter().any(|(_, u)| urls::key(u.as_str()) == key) {
            return;
        }
        links.push((text::clean(text), url));
    };
    for (k, p) in body.paragraphs.iter().enumerate() {
        if k < 3 && story.paragraphs.is_empty() {
            if let Some(date) = date_line(&p.text) {
                published.get_or_insert(date);
                continue;
            }
            if is_heading_noise(p, &story, &meta) {
                continue;
            }
        }
        if let Some(rest) = marker_of(&p.text) {
            // `اقرأ أيضاً: <a>title</a>` on one line, or a heading over a list of links
            for (text, href) in &p.links {
                add_link(text, href, &mut links);
            }
            read_also_list = p.links.is_empty() && rest.is_empty();
            continue;
        }
        let link_only = p.link_chars * 10 >= text::char_count(&p.text) * 9;
        if link_only {
            if read_also_list || p.links.len() == 1 {
                for (text, href) in &p.links {
                    if is_title_like(text) {
                        add_link(text, href, &mut links);
                    }
                }
            }
            continue;
        }
        read_also_list = false;
        // a live blog's clock (`11:30`), a bullet: nothing to read
        let is_clock =
            p.text.len() <= 8 && p.text.contains(':') && p.text.chars().all(|c| c.is_ascii_digit() || c == ':');
        if is_clock || !p.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        if let Some(sources) = sources_line(&p.text) {
            story.sources.extend(sources);
            continue;
        }
        story.paragraphs.push(p.text.clone());
    }
    for link_box in body.boxes.iter().filter(|b| is_read_also_box(b)) {
        for (text, href) in link_box.links.iter().filter(|(t, _)| is_title_like(t)) {
            add_link(text, href, &mut links);
        }
    }
    for line in &body.lines_around {
        if let Some(sources) = sources_line(line) {
            story.sources.extend(sources);
        }
    }
    if story.paragraphs.is_empty() {
        story.paragraphs = fallback_paragraphs(&meta);
    }
    story.published = published.or_else(|| body.date_lines.iter().find_map(|l| meta::day_of(l)));
    story.author = meta.author.clone();
    story.dateline = story.paragraphs.first().and_then(|p| dateline_of(p));
    if let Some(site) = site {
        if !story.sources.iter().any(|s| s == &site) {
            story.sources.push(site);
        }
    }
    story.linked = links
        .into_iter()
        .map(|(title, url)| Link {
            story: None,
            title,
            url: Some(urls::display(&url)),
            via: LinkKind::ReadAlso,
            shared: Vec::new(),
        })
        .collect();
    story
}

/// Whether a page's text starts like HTML: what a file without a telling name is sniffed by.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = skip_comments(&head);
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head")
}

fn skip_comments(mut head: &str) -> &str {
    while let Some(rest) = head.strip_prefix("<!--") {
        head = rest.find("-->").map_or("", |e| rest[e + 3..].trim_start());
    }
    head
}

/// The title: Open Graph, JSON-LD `headline`, `<h1>`, then `<title>`, with the site's name
/// cut from whichever it is.
fn title_of(meta: &meta::Meta, site: Option<&str>, url: Option<&Url>) -> String {
    let host = url.and_then(|u| u.host_str()).map(site_of_host);
    let sites: Vec<&str> = site.into_iter().chain(host.as_deref()).collect();
    [&meta.og_title, &meta.headline, &meta.h1, &meta.title_tag]
        .into_iter()
        .flatten()
        .map(|t| meta::cut_site(t, &sites, meta.h1.as_deref()))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// `www.aljazeera.net` → `aljazeera.net`.
fn site_of_host(host: &str) -> String {
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// A read-also marker in any of the spellings the text format knows, or in the languages of
/// the sites read (`Read more:`, `Читайте также`, `相关阅读`); returns what follows it.
fn marker_of(text: &str) -> Option<&str> {
    if let Some(rest) = read_also_marker(text) {
        return Some(rest);
    }
    if text.chars().nth(120).is_some() {
        return None;
    }
    let lower = text.to_lowercase();
    const OTHERS: &[&str] = &[
        "read also",
        "also read",
        "read more",
        "related:",
        "related stories",
        "related articles",
        "see also",
        "more on this",
        "читайте также",
        "читайте еще",
        "смотрите также",
        "相关阅读",
        "延伸阅读",
        "相关新闻",
        "ذات صلة",
        "اقرأ ايضا",
        "اقرأ أيضا",
        "إقرأ أيضا",
        "اقرأ أيضًا",
    ];
    let found = OTHERS.iter().find(|m| fold(&lower).starts_with(&fold(m)) || lower.starts_with(*m))?;
    let rest = text.get(found.len()..).unwrap_or("");
    let rest = rest.trim_start_matches([':', '：', ' ', '-', '–', '|']).trim();
    Some(if rest.len() < text.len() { rest } else { "" })
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '؟', '。', '！', '？', '،', ',', ':'])
}

/// A link text that reads like a story's title, not "Facebook" or a tag.
fn is_title_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words >= 3 || (words >= 1 && text.chars().count() >= 12 && !text.is_ascii())
}

/// Boxes whose heading or class says they list stories to read next.
fn is_read_also_box(b: &LinkBox) -> bool {
    if marker_of(&b.heading).is_some() {
        return true;
    }
    let joined = b.words.join(" ");
    let lists_the_site = ["most", "popular", "trending", "latest", "feed", "ticker"].iter().any(|w| joined.contains(w));
    !lists_the_site
        && ["related", "read also", "readalso", "read more", "readmore", "also", "more stories", "see also"]
            .iter()
            .any(|w| joined.contains(w))
}

/// A line before the body that only repeats the title, or gives the byline or the date.
fn is_heading_noise(p: &Paragraph, story: &Story, meta: &meta::Meta) -> bool {
    let same = |a: &str, b: &str| fold(&a.to_lowercase()) == fold(&b.to_lowercase());
    if same(&p.text, &story.title) || meta.h1.as_deref().is_some_and(|h| same(&p.text, h)) {
        return true;
    }
    let words = p.text.split_whitespace().count();
    if words > 12 {
        return false;
    }
    let lower = p.text.to_lowercase();
    lower.starts_with("by ")
        || meta.author.as_deref().is_some_and(|a| !a.is_empty() && p.text.contains(a))
        || meta::day_of(&p.text).is_some()
}

/// When the markup held no body: JSON-LD's `articleBody`, else the description.
fn fallback_paragraphs(meta: &meta::Meta) -> Vec<String> {
    let from = meta.article_body.as_deref().or(meta.description.as_deref()).unwrap_or("");
    from.split('\n').map(text::clean).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests;
