//! What an element is for a reader, from its tag, its `class`/`id`/`role` and its visibility.

use super::dom::{is_never_text, Dom, NodeId};

/// Elements laid out inline: they continue the paragraph around them.
pub fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "rp"
            | "rt"
            | "ruby"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "del"
            | "ins"
            | "strike"
            | "tt"
            | "big"
            | "nobr"
            | "label"
            | "img"
            | "picture"
            | "source"
    )
}

/// Blocks that are a paragraph themselves (their text is one unit, their parent holds it).
pub fn is_paragraph_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "dd" | "blockquote" | "address"
    )
}

pub fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Never text, or not shown: scripts, styles, forms' controls, media, hidden elements.
pub fn is_skipped(dom: &Dom, id: NodeId) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    let name: &str = &e.name;
    if is_never_text(name)
        || (name.starts_with("amp-") && name != "amp-fit-text")
        || matches!(
            name,
            "button"
                | "select"
                | "input"
                | "textarea"
                | "option"
                | "canvas"
                | "video"
                | "audio"
                | "embed"
                | "map"
                | "dialog"
                | "title"
                | "meta"
                | "link"
                | "figure"
                | "figcaption"
                | "picture"
                | "img"
        )
    {
        return true;
    }
    e.attr("hidden").is_some()
        || e.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || e.attr("style").is_some()
}

/// The words of an element's `class`, `id` and `role`, lower-cased, split at every
/// non-letter and at camelCase humps (`articleBody` → `article body`).
pub fn class_words(dom: &Dom, id: NodeId) -> Vec<String> {
    let Some(e) = dom.element(id) else {
        return Vec::new();
    };
    let mut words = Vec::new();
    for attr in ["class", "id", "role", "itemprop"] {
        let Some(value) = e.attr(attr) else {
            continue;
        };
        let mut word = String::new();
        let mut previous_lower = false;
        for c in value.chars().take(300) {
            if c.is_ascii_alphanumeric() {
                if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                word.push(c.to_ascii_lowercase());
            } else {
                previous_lower = false;
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// Words that mark the article's body.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "main",
    "post",
    "text",
    "blog",
    "story",
    "detail",
    "details",
    "articlebody",
    "richtext",
    "prose",
    "wysiwyg",
    "news",
];

/// Words that mark what is around it (readability's lists and what news templates add).
const NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "dfp",
    "banner",
    "sponsor",
    "sponsored",
    "promo",
    "promoted",
    "promotion",
    "share",
    "shares",
    "sharing",
    "sharer",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "comment",
    "comments",
    "disqus",
    "related",
    "recommended",
    "recommendations",
    "recommend",
    "popular",
    "trending",
    "mostread",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "widget",
    "widgets",
    "ticker",
    "caption",
    "gallery",
    "slider",
    "carousel",
    "tags",
    "tag",
    "keywords",
    "taboola",
    "outbrain",
    "modal",
    "popup",
    "print",
    "toolbar",
    "pagination",
    "pager",
    "byline",
    "bio",
    "masthead",
    "header",
    "login",
    "signup",
    "skip",
    "hidden",
    "readmore",
    "rss",
    "cta",
    "donate",
    "tweet",
    "twitter",
    "instagram",
    "facebook",
    "whatsapp",
    "telegram",
    "player",
    "podcast",
    "combx",
    "shoutbox",
    "skyscraper",
    "supplemental",
    "agegate",
    "remark",
    "replies",
    "community",
    "meta",
    "author",
    "authors",
    "timestamp",
    "date",
    "dateline",
    "credit",
    "credits",
    "copyright",
    "disclaimer",
    "embed",
    "video",
    "topics",
    "categories",
    "category",
    "more",
    "also",
    "latest",
    "headlines",
    "teaser",
    "teasers",
    "aside",
    "notification",
    "alert",
    "paywall",
    "offer",
    "tools",
    "utility",
    "follow",
    "jump",
    "newsletters",
    "signin",
    "overlay",
    "summary",
    "standfirst",
    "subhead",
    "kicker",
    "inline",
    "icon",
    "thumb",
    "thumbnail",
    "photo",
    "image",
    "img",
    "figure",
    "media",
    "sr",
    "visually",
];

/// Words so sure to mark boilerplate that the element is dropped before scoring, unless a
/// positive word is there too (`comment-content` stays for scoring, and loses by its weight).
const UNLIKELY: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "dfp",
    "banner",
    "sponsor",
    "sponsored",
    "share",
    "sharing",
    "social",
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "comment",
    "comments",
    "disqus",
    "related",
    "recommended",
    "popular",
    "trending",
    "mostread",
    "sidebar",
    "footer",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "ticker",
    "taboola",
    "outbrain",
    "modal",
    "popup",
    "pagination",
    "pager",
    "combx",
    "shoutbox",
    "skyscraper",
    "supplemental",
    "agegate",
    "remark",
    "replies",
    "community",
    "readmore",
    "tags",
    "keywords",
    "rss",
    "tweet",
    "twitter",
    "instagram",
    "tiktok",
    "embed",
    "fb",
];

/// Multi-word marks, checked on the joined words (`most-read` → `most read`).
const UNLIKELY_PHRASES: &[&str] = &[
    "most read",
    "read also",
    "read more",
    "see also",
    "more news",
    "more stories",
    "also read",
    "you may like",
    "you might",
    "more from",
    "related news",
    "related articles",
    "related posts",
    "related stories",
    "top stories",
    "sr only",
    "visually hidden",
    "screen reader",
    "share bar",
    "social share",
    "ad slot",
    "ad container",
    "ad unit",
    "ad wrapper",
    "article tags",
    "post tags",
];

/// Readability's class weight: +25 for a body word, −25 for a boilerplate word.
pub fn class_weight(words: &[String]) -> f64 {
    let mut weight = 0.0;
    if words.iter().any(|w| POSITIVE.contains(&w.as_str())) {
        weight += 25.0;
    }
    if words.iter().any(|w| NEGATIVE.contains(&w.as_str())) || has_phrase(words, UNLIKELY_PHRASES) {
        weight -= 25.0;
    }
    weight
}

/// Whether the element is boilerplate by its tag or words, and so left out before scoring.
pub fn is_unlikely(dom: &Dom, id: NodeId, words: &[String]) -> bool {
    let name = dom.name(id);
    if matches!(name, "nav" | "footer" | "aside" | "menu") {
        return true;
    }
    if matches!(name, "body" | "html" | "article" | "main" | "a") {
        return false;
    }
    if dom.attr(id, "role").is_some_and(|r| {
        matches!(
            r.trim(),
            "navigation" | "complementary" | "banner" | "contentinfo" | "menu" | "menubar" | "dialog" | "alert"
        )
    }) {
        return true;
    }
    let positive = words.iter().any(|w| POSITIVE.contains(&w.as_str()));
    let unlikely = words.iter().any(|w| UNLIKELY.contains(&w.as_str())) || has_phrase(words, UNLIKELY_PHRASES);
    unlikely && !positive
}

fn has_phrase(words: &[String], phrases: &[&str]) -> bool {
    if words.len() < 2 {
        return false;
    }
    let joined = words.join(" ");
    phrases.iter().any(|p| joined.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_class_and_id() {
        let dom = Dom::parse("<div class='post-content articleBody' id='main_2'>x</div>");
        let div = dom.elements_named("div").next().unwrap();
        assert_eq!(class_words(&dom, div), vec!["post", "content", "article", "body", "main", "2"]);
        assert_eq!(class_weight(&class_words(&dom, div)), 25.0);
    }

    #[test]
    fn boilerplate_by_tag_words_and_role() {
        let dom = Dom::parse(
            "<nav>a</nav><div class='share-bar'>b</div><div class='comment-content'>c</div>\
             <div role='complementary'>d</div><div class='most-read'>e</div><div class='story'>f</div>",
        );
        let unlikely: Vec<bool> = (0..dom.nodes.len())
            .filter(|&i| dom.element(i).is_some())
            .map(|i| is_unlikely(&dom, i, &class_words(&dom, i)))
            .collect();
        assert_eq!(unlikely, vec![true, true, false, true, true, false]);
    }
}
