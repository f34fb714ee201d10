//! Feed bytes to items, through feed-rs (RSS 0.9x/1.0/2.0, Atom, JSON Feed).
//!
//! XML dangers: feed-rs reads entities with quick-xml, which resolves only the five predefined
//! ones and character references. A DOCTYPE's own entities (the "billion laughs") are kept as
//! the literal `&name;` and an external entity is never fetched or read; the tests below hold
//! it to that.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FeedError {
    #[error("not a feed ({0})")]
    NotAFeed(&'static str),
    #[error("malformed feed: {0}")]
    Malformed(String),
}

/// A feed's title, its site and its items, in the feed's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub site: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The feed's own id for the item (`guid`, Atom `id`, JSON Feed `id`), when it has one.
    pub guid: Option<String>,
    /// The item's page: absolute `http(s)` only (`javascript:` and the like are dropped).
    pub link: Option<String>,
    pub title: String,
    /// RFC 3339, UTC: published, else updated.
    pub published: Option<String>,
    /// `description`, Atom `summary`, JSON Feed `summary`.
    pub summary: Option<Body>,
    /// `content:encoded`, Atom `content`, JSON Feed `content_html` / `content_text`.
    pub content: Option<Body>,
}

/// Text as the feed gave it: HTML or plain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub text: String,
    pub html: bool,
}

/// A feed's bytes as text, in the encoding the web page reader chooses: a byte order mark,
/// the charset the server declared, the XML declaration's `encoding`, else detection.
pub fn decode_feed(bytes: &[u8], declared: Option<&str>) -> String {
    let choice = crate::article::charset::choose(bytes, declared);
    let (text, _) = choice.encoding.decode_without_bom_handling(&bytes[choice.bom_len..]);
    text.into_owned()
}

/// Parses a feed's text (already decoded: see [`decode_feed`]). `base` is the feed's own URL,
/// against which relative links are read.
pub fn parse_feed(text: &str, base: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let text = without_xml_declaration(text.trim_start_matches('\u{FEFF}'));
    if looks_like_html(text) {
        return Err(FeedError::NotAFeed("an HTML page"));
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.filter(|b| b.starts_with("http")))
        // no made-up ids: an item without one is told apart by its link, else title and date
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(text.as_bytes()).map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(feed_rs::parser::ParseErrorKind::NoFeedRoot) => {
            FeedError::NotAFeed("no RSS, Atom or JSON Feed in it")
        }
        feed_rs::parser::ParseFeedError::JsonSerde(e) => FeedError::Malformed(format!("JSON: {e}")),
        other => FeedError::Malformed(one_line(&other.to_string())),
    })?;
    let base_url = base.and_then(|b| url::Url::parse(b).ok());
    let site = feed.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
    let items = feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .find_map(|l| web_link(&l.href, base_url.as_ref()));
            let content = e.content.and_then(|c| {
                let html = c.content_type.subty() != "plain";
                c.body.filter(|b| !b.trim().is_empty()).map(|text| Body { text, html })
            });
            let summary = e
                .summary
                .filter(|s| !s.content.trim().is_empty())
                .map(|s| Body { html: s.content_type.subty() != "plain", text: s.content });
            Item {
                guid: Some(e.id).filter(|id| !id.trim().is_empty()),
                link,
                title: e.title.map(|t| t.content.trim().to_string()).unwrap_or_default(),
                published: e.published.or(e.updated).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                summary,
                content,
            }
        })
        .collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()),
        site: site.and_then(|l| web_link(&l.href, base_url.as_ref())),
        items,
    })
}

/// An item's link made absolute; only `http` and `https` are kept.
fn web_link(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    let url = match url::Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The text is already decoded: a declaration naming another encoding would make the XML
/// reader decode it a second time.
fn without_xml_declaration(text: &str) -> &str {
    let trimmed = text.trim_start();
    if trimmed.starts_with("<?xml") {
        if let Some(end) = trimmed.find("?>") {
            return &trimmed[end + 2..];
        }
    }
    text
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(64).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>أخبار</title><link>https://news.example/</link>
<item><title>غزة</title><link>https://news.example/a/1</link><guid>a-1</guid>
<pubDate>Fri, 01 Nov 2024 10:30:00 GMT</pubDate><description>&lt;p&gt;ملخص&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>النص الكامل</p>]]></content:encoded></item>
<item><title>بلا معرف</title><link>/a/2</link><description>نص</description></item>
<item><title>رابط خبيث</title><link>javascript:alert(1)</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items_with_guid_link_date_summary_and_content() {
        let feed = parse_feed(RSS, Some("https://news.example/feed.xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("أخبار"));
        assert_eq!(feed.items.len(), 3);
        let a = &feed.items[0];
        assert_eq!(a.guid.as_deref(), Some("a-1"));
        assert_eq!(a.link.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(a.published.as_deref(), Some("2024-11-01T10:30:00Z"));
        assert_eq!(a.summary.as_ref().map(|s| s.text.as_str()), Some("<p>ملخص</p>"));
        assert_eq!(a.content, Some(Body { text: "<p>النص الكامل</p>".into(), html: true }));
        assert_eq!(feed.items[1].guid, None, "no id is made up");
        assert_eq!(feed.items[1].link.as_deref(), Some("https://news.example/a/2"), "relative links resolved");
        assert_eq!(feed.items[2].link, None, "javascript: links are dropped");
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>ذرة</title>
<entry><id>urn:1</id><title>عنوان</title><link href="https://a.example/1"/>
<updated>2024-05-02T08:00:00Z</updated><content type="html">&lt;p&gt;فقرة&lt;/p&gt;</content></entry></feed>"#;
        let feed = parse_feed(atom, None).unwrap();
        assert_eq!(feed.items[0].guid.as_deref(), Some("urn:1"));
        assert_eq!(feed.items[0].content, Some(Body { text: "<p>فقرة</p>".into(), html: true }));
        assert_eq!(feed.items[0].published.as_deref(), Some("2024-05-02T08:00:00Z"));
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "ج",
            "items": [{"id": "7", "url": "https://j.example/7", "title": "خبر", "content_text": "سطر",
                       "date_published": "2024-06-01T00:00:00Z"}]}"#;
        let feed = parse_feed(json, None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("ج"));
        assert_eq!(feed.items[0].content, Some(Body { text: "سطر".into(), html: false }));
        assert_eq!(feed.items[0].link.as_deref(), Some("https://j.example/7"));
    }

    #[test]
    fn rss_0_91_and_1_0() {
        let rss091 = r#"<rss version="0.91"><channel><title>t</title><item><title>قديم</title>
<link>http://o.example/1</link><description>وصف</description></item></channel></rss>"#;
        assert_eq!(parse_feed(rss091, None).unwrap().items[0].title, "قديم");
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://r.example/"><title>r</title></channel>
<item rdf:about="http://r.example/1"><title>واحد</title><link>http://r.example/1</link></item></rdf:RDF>"#;
        let feed = parse_feed(rdf, None).unwrap();
        assert_eq!(feed.items[0].link.as_deref(), Some("http://r.example/1"));
    }

    #[test]
    fn html_and_junk_are_not_feeds() {
        let err = parse_feed("<!DOCTYPE html><html><body>hi</body></html>", None).unwrap_err();
        assert_eq!(err.to_string(), "not a feed (an HTML page)");
        assert!(matches!(parse_feed("just words", None), Err(FeedError::NotAFeed(_))));
        assert!(matches!(parse_feed("<rss version=\"2.0\"><channel><item><title>x", None), Err(_) | Ok(_)));
    }

    #[test]
    fn windows_1256_from_the_declaration_or_the_server() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("<rss version=\"2.0\"><channel><item><title>أخبار اليوم</title></item></channel></rss>");
        let declared = [b"<?xml version=\"1.0\" encoding=\"windows-1256\"?>".as_slice(), &bytes].concat();
        let text = decode_feed(&declared, None);
        assert_eq!(parse_feed(&text, None).unwrap().items[0].title, "أخبار اليوم");
        let text = decode_feed(&bytes, Some("windows-1256"));
        assert_eq!(parse_feed(&text, None).unwrap().items[0].title, "أخبار اليوم");
        // the server's charset wins over a wrong declaration
        let lying = [b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>".as_slice(), &bytes].concat();
        assert!(decode_feed(&lying, Some("windows-1256")).contains("أخبار اليوم"));
    }

    #[test]
    fn billion_laughs_does_not_expand() {
        let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        doc.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for i in 2..10 {
            let prev = format!("&lol{};", i - 1).repeat(10);
            doc.push_str(&format!("<!ENTITY lol{i} \"{prev}\">\n"));
        }
        doc.push_str(
            "]>\n<rss version=\"2.0\"><channel><title>t</title><item><title>&lol9;</title></item></channel></rss>",
        );
        let feed = parse_feed(&doc, None).unwrap();
        assert_eq!(feed.items[0].title, "&lol9;");
    }

    #[test]
    fn external_entities_read_no_file() {
        let secret = std::env::temp_dir().join(format!("qari-xxe-{}.txt", std::process::id()));
        std::fs::write(&secret, "SECRET-CONTENT").unwrap();
        let doc = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://{}\">]>\
             <rss version=\"2.0\"><channel><title>t</title><item><title>&xxe;</title>\
             <description>&xxe;</description></item></channel></rss>",
            secret.display()
        );
        let feed = parse_feed(&doc, None).unwrap();
        std::fs::remove_file(&secret).unwrap();
        let item = &feed.items[0];
        assert_eq!(item.title, "&xxe;");
        assert!(!item.summary.as_ref().is_some_and(|s| s.text.contains("SECRET")));
    }
}
