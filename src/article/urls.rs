//! URLs of pages and links: resolved against a base, kept only when safe to show and follow,
//! and reduced to a key under which the same page is found whatever its spelling.

use url::Url;

/// Longest URL kept (a page can hold a megabyte `href`; nothing real is that long).
const MAX_URL: usize = 4096;

/// `href` resolved against `base`; `None` for what a reader must not follow or show:
/// `javascript:`, `data:` and other non-web schemes, fragments of the same page, controls.
pub fn resolve(href: &str, base: Option<&Url>) -> Option<Url> {
    let href = href.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if href.is_empty() || href.len() > MAX_URL || href.starts_with('#') {
        return None;
    }
    // the URL parser drops tabs and line ends inside a URL; any other control is refused
    if href.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https" | "file").then_some(url)
}

/// A URL as shown and stored: the fragment dropped (the url crate percent-encodes anything
/// that is not printable ASCII, so it is safe on a terminal).
pub fn display(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}

/// The key that two spellings of one page share: no scheme, no `www.`, no fragment, no
/// trailing slash, the host in lower case.
pub fn key(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    let host = url.host_str().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = url.path().trim_end_matches('/');
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    Some(format!("{host}{path}{query}"))
}

/// The `file://` URL of a file path (made absolute against the working directory).
pub fn of_file(path: &str) -> Option<Url> {
    let absolute = std::path::absolute(path).ok()?;
    Url::from_file_path(absolute).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_and_unsafe_ones_are_dropped() {
        let base = Url::parse("https://www.aljazeera.net/news/2024/11/1/a").ok();
        let got = |h: &str| resolve(h, base.as_ref()).map(|u| u.to_string());
        assert_eq!(got("b").as_deref(), Some("https://www.aljazeera.net/news/2024/11/1/b"));
        assert_eq!(got("/politics/x?y=1").as_deref(), Some("https://www.aljazeera.net/politics/x?y=1"));
        assert_eq!(got("//cdn.example/x").as_deref(), Some("https://cdn.example/x"));
        for bad in
            ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "#top", "", "mailto:a@b", "a\u{1b}[2Jb"]
        {
            assert_eq!(got(bad), None, "{bad:?}");
        }
        assert_eq!(resolve("x.html", None), None);
    }

    #[test]
    fn one_key_for_every_spelling_of_a_page() {
        let k = key("https://www.Example.com/a/b/#top").unwrap();
        assert_eq!(k, "example.com/a/b");
        assert_eq!(key("http://example.com/a/b").unwrap(), k);
        assert_ne!(key("http://example.com/a/b?id=2").unwrap(), k);
    }
}
