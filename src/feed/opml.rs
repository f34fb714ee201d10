//! Subscriptions in OPML 2.0, the form every feed reader exchanges them in.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum OpmlError {
    #[error("not OPML: {0}")]
    Malformed(String),
    #[error("no feeds in it (no outline with an xmlUrl)")]
    Empty,
}

/// One subscription as OPML carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub url: String,
    pub title: Option<String>,
}

/// Every `outline` with an `xmlUrl`, folders included, in document order.
pub fn parse_opml(text: &str) -> Result<Vec<Outline>, OpmlError> {
    let mut reader = Reader::from_str(text);
    let mut found = Vec::new();
    let mut saw_opml = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.local_name();
                if name.as_ref().eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                } else if name.as_ref() == "outline" {
                    if let Some(url) = attribute(&e, "xmlUrl") {
                        let title = attribute(&e, "title").or_else(|| attribute(&e, "text"));
                        found.push(Outline { url, title: title.filter(|t| !t.is_empty()) });
                    }
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                let line = text[..(reader.buffer_position() as usize).min(text.len())].lines().count().max(1);
                return Err(OpmlError::Malformed(format!("line {line}: {e}")));
            }
        }
    }
    if !saw_opml {
        return Err(OpmlError::Malformed("no <opml> element".into()));
    }
    if found.is_empty() {
        return Err(OpmlError::Empty);
    }
    Ok(found)
}

/// An attribute's value, entities resolved where they are the predefined ones.
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name)?;
    let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => v.into_owned(),
        Err(_) => a.value.to_string(),
    };
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

/// OPML 2.0 for `feeds` (url, title), `created` as RFC 822.
pub fn write_opml(feeds: &[Outline], created: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str("    <title>qari subscriptions</title>\n");
    out.push_str(&format!("    <dateCreated>{}</dateCreated>\n  </head>\n  <body>\n", escape(created)));
    for f in feeds {
        let title = escape(f.title.as_deref().unwrap_or(&f.url));
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"/>\n",
            escape(&f.url)
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Escapes for an attribute; control characters, which XML 1.0 cannot hold, are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_urls_and_titles() {
        let feeds = vec![
            Outline {
                url: "https://a.example/rss?x=1&y=2".into(), title: Some("الجزيرة \"نت\" <عربي>".into())
            },
            Outline { url: "/home/me/feed.xml".into(), title: None },
        ];
        let text = write_opml(&feeds, "Fri, 01 Nov 2024 10:00:00 +0000");
        let back = parse_opml(&text).unwrap();
        assert_eq!(back[0], feeds[0]);
        assert_eq!(back[1], Outline { url: "/home/me/feed.xml".into(), title: Some("/home/me/feed.xml".into()) });
    }

    #[test]
    fn folders_and_other_readers_files() {
        let text = r#"<?xml version="1.0"?><opml version="1.0"><head/><body>
<outline text="News"><outline text="BBC عربي" type="rss" xmlUrl="https://b.example/rss"/>
<outline text="no url"/></outline>
<outline title="T" text="ignored" xmlUrl="http://c.example/atom"></outline></body></opml>"#;
        let got = parse_opml(text).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].title.as_deref(), Some("BBC عربي"));
        assert_eq!(got[1].title.as_deref(), Some("T"));
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert_eq!(parse_opml("<opml><body></body></opml>"), Err(OpmlError::Empty));
        assert!(matches!(parse_opml("<rss></rss>"), Err(OpmlError::Malformed(_))));
        assert!(matches!(parse_opml("<opml><body><outline xmlUrl='a'></body>"), Err(OpmlError::Malformed(_))));
    }
}
