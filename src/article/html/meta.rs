//! What a page says about its article outside the body: `<meta>` tags (Open Graph, article,
//! Dublin Core…), JSON-LD, `<link rel=canonical>`, `<base href>`, `<time>`, `<h1>`, `<title>`.

use serde_json::Value;

use super::dom::{Dom, NodeId};
use super::text::clean;
use crate::article::dates::parse_published;

/// Longest title, author or site name kept (a page can hold anything in a `<meta>`).
const MAX_FIELD: usize = 500;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub og_title: Option<String>,
    pub headline: Option<String>,
    pub h1: Option<String>,
    pub title_tag: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub canonical: Option<String>,
    pub base: Option<String>,
    /// JSON-LD `articleBody`, for pages whose markup holds no body.
    pub article_body: Option<String>,
    pub description: Option<String>,
}

pub fn read(dom: &Dom) -> Meta {
    let mut meta = Meta::default();
    let mut times: Vec<String> = Vec::new();
    for id in 0..dom.nodes.len() {
        match dom.name(id) {
            "meta" => read_meta_tag(dom, id, &mut meta),
            "link" => {
                let rel = dom.attr(id, "rel").unwrap_or("");
                if rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                    set(&mut meta.canonical, dom.attr(id, "href"));
                }
            }
            "base" => set(&mut meta.base, dom.attr(id, "href")),
            "title" if meta.title_tag.is_none() => meta.title_tag = field(&text_of(dom, id)),
            "h1" if meta.h1.is_none() => meta.h1 = field(&text_of(dom, id)),
            "time" => {
                if let Some(d) = dom.attr(id, "datetime").and_then(day_of) {
                    // the one marked as the publication date wins over the first
                    let published = dom.attr(id, "itemprop").is_some_and(|p| p.contains("datePublished"))
                        || dom.attr(id, "pubdate").is_some();
                    if published {
                        times.insert(0, d);
                    } else {
                        times.push(d);
                    }
                }
            }
            _ => {
                if dom.attr(id, "itemprop").is_some_and(|p| p == "datePublished") {
                    if let Some(d) = dom.attr(id, "content").or(dom.attr(id, "datetime")).and_then(day_of) {
                        times.insert(0, d);
                    }
                }
            }
        }
    }
    for block in dom.json_ld() {
        if let Ok(value) = serde_json::from_str::<Value>(block) {
            read_json_ld(&value, &mut meta);
        }
    }
    if meta.published.is_none() {
        meta.published = times.into_iter().next();
    }
    meta
}

fn read_meta_tag(dom: &Dom, id: NodeId, meta: &mut Meta) {
    let key = dom.attr(id, "property").or(dom.attr(id, "name")).or(dom.attr(id, "itemprop")).unwrap_or("");
    let Some(content) = dom.attr(id, "content") else {
        return;
    };
    match key.trim().to_ascii_lowercase().as_str() {
        "og:title" => set_field(&mut meta.og_title, content),
        "og:site_name" => set_field(&mut meta.site, content),
        "og:url" => set(&mut meta.canonical, Some(content)),
        "og:description" | "description" => set_field(&mut meta.description, content),
        "article:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "dc.date.issued"
        | "dc.date"
        | "dcterms.created"
        | "dcterms.issued"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "og:published_time"
        | "published_time"
            if meta.published.is_none() =>
        {
            meta.published = day_of(content);
        }
        // article:author is often the author's page: a URL is not a name
        "author" | "article:author" | "dc.creator" | "byl" | "sailthru.author" | "parsely-author"
            if !content.contains("://") =>
        {
            set_field(&mut meta.author, content.trim_start_matches("By ").trim_start_matches("by "));
        }
        "application-name" if meta.site.is_none() => {
            set_field(&mut meta.site, content.trim_start_matches('@'));
        }
        _ => {}
    }
}

/// JSON-LD: the article object (directly, in a list or in `@graph`) gives the headline, date,
/// author, publisher and maybe the body's text.
fn read_json_ld(value: &Value, meta: &mut Meta) {
    // iterative: JSON-LD can nest, and serde_json already bounds its depth at 128
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
                let types: Vec<&str> = match map.get("@type") {
                    Some(Value::String(t)) => vec![t.as_str()],
                    Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                if !types.iter().any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "LiveBlogPosting") {
                    continue;
                }
                if meta.headline.is_none() {
                    meta.headline = map.get("headline").and_then(Value::as_str).and_then(field);
                }
                if meta.published.is_none() {
                    meta.published = map.get("datePublished").and_then(Value::as_str).and_then(day_of);
                }
                if meta.author.is_none() {
                    meta.author = map.get("author").and_then(names).and_then(|n| field(&n));
                }
                if meta.site.is_none() {
                    meta.site = map.get("publisher").and_then(names).and_then(|n| field(&n));
                }
                if meta.article_body.is_none() {
                    meta.article_body = map.get("articleBody").and_then(Value::as_str).map(str::to_string);
                }
            }
            _ => {}
        }
    }
}

/// A name or a list of names: `"x"`, `{"name": "x"}`, `[{"name": "x"}, …]`.
fn names(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) if !s.contains("://") => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    match value {
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(one).collect();
            (!all.is_empty()).then(|| all.join("، "))
        }
        v => one(v),
    }
}

/// The calendar day a date or timestamp gives, as the publisher wrote it: the date part of
/// an ISO timestamp whatever its offset (`2025-06-02T00:45:00+04:00` is the 2nd), else any
/// spelling the text format reads.
pub fn day_of(text: &str) -> Option<String> {
    let t = text.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10) {
        let (m, d) = (&t[5..7], &t[8..10]);
        let valid = ("01"..="12").contains(&m) && ("01"..="31").contains(&d);
        return valid.then(|| t[..10].to_string());
    }
    if t.is_empty() || t.len() > 100 {
        return None;
    }
    parse_published(t).filter(|d| d.len() == 10 && !d.starts_with('-'))
}

fn text_of(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    let end = dom.last_descendant(id);
    for i in id..=end {
        if let Some(t) = dom.text(i) {
            out.push_str(t);
            out.push(' ');
        }
    }
    out
}

fn field(text: &str) -> Option<String> {
    let cleaned = clean(text);
    (!cleaned.is_empty()).then(|| cleaned.chars().take(MAX_FIELD).collect())
}

fn set_field(slot: &mut Option<String>, text: &str) {
    if slot.is_none() {
        *slot = field(text);
    }
}

fn set(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none() {
        *slot = value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    }
}

/// The headline alone: the site's name cut from a `<title>`-style `headline | Site` or
/// `Site - headline`. `sites` are the names the site goes by; `h1` the page's heading.
pub fn cut_site(title: &str, sites: &[&str], h1: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " ‹ ", " › ", " / ", " ｜ "];
    let same = |a: &str, b: &str| {
        let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
        !a.is_empty() && (a == b || a.replace(' ', "") == b.replace(' ', ""))
    };
    for sep in SEPARATORS {
        let Some((left, right)) = split_around(title, sep) else {
            continue;
        };
        if let Some(h1) = h1 {
            if same(left, h1) || same(right, h1) {
                return h1.to_string();
            }
        }
        let is_site = |part: &str| {
            sites.iter().any(|s| {
                same(part, s)
                    || (part.trim().to_lowercase().contains(&s.to_lowercase())
                        && part.split_whitespace().count() <= s.split_whitespace().count() + 2)
            })
        };
        if is_site(right) {
            return left.trim().to_string();
        }
        if is_site(left) {
            return right.trim().to_string();
        }
        // a short last part after a bar is a site's name by convention
        let words = |s: &str| s.split_whitespace().count();
        if matches!(*sep, " | " | " - " | " – " | " — ") && words(right) <= 3 && words(left) >= 4 {
            return left.trim().to_string();
        }
    }
    title.to_string()
}

/// `title` around the last `sep` (the site's name usually comes last), or the first when the
/// title starts with a short name.
fn split_around<'t>(title: &'t str, sep: &str) -> Option<(&'t str, &'t str)> {
    let last = title.rfind(sep)?;
    let first = title.find(sep)?;
    let (at, len) = if title[..first].split_whitespace().count() <= 3 && first != last {
        (first, sep.len())
    } else {
        (last, sep.len())
    };
    Some((&title[..at], &title[at + len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_keep_the_publishers_calendar() {
        assert_eq!(day_of("2025-06-02T00:45:00+04:00").as_deref(), Some("2025-06-02"));
        assert_eq!(day_of("2024-11-01").as_deref(), Some("2024-11-01"));
        assert_eq!(day_of("1 نوفمبر 2024").as_deref(), Some("2024-11-01"));
        assert_eq!(day_of("2024-13-01"), None);
        assert_eq!(day_of("yesterday"), None);
    }

    #[test]
    fn the_site_name_is_cut_from_titles() {
        let sites = ["الجزيرة نت"];
        assert_eq!(cut_site("عنوان الخبر الطويل هنا | الجزيرة نت", &sites, None), "عنوان الخبر الطويل هنا");
        assert_eq!(cut_site("الجزيرة نت - عنوان الخبر", &sites, None), "عنوان الخبر");
        assert_eq!(
            cut_site("Gaza ceasefire talks resume in Cairo | Reuters", &[], None),
            "Gaza ceasefire talks resume in Cairo"
        );
        assert_eq!(cut_site("Biden - Harris ticket", &[], None), "Biden - Harris ticket");
        assert_eq!(cut_site("A - B - C", &[], Some("B - C")), "B - C");
    }

    #[test]
    fn json_ld_in_a_graph() {
        let dom = Dom::parse(
            r#"<script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
            {"@type": ["NewsArticle"], "headline": "h", "datePublished": "2024-11-01T23:30:00-05:00",
             "author": [{"@type": "Person", "name": "أ"}, {"name": "ب"}], "publisher": {"name": "S"}}]}</script>"#,
        );
        let m = read(&dom);
        assert_eq!(m.headline.as_deref(), Some("h"));
        assert_eq!(m.published.as_deref(), Some("2024-11-01"));
        assert_eq!(m.author.as_deref(), Some("أ، ب"));
        assert_eq!(m.site.as_deref(), Some("S"));
    }
}
