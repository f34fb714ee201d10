//! Feeds as plain data: RSS 0.9x/1.0/2.0, Atom and JSON Feed parsed into items, items turned
//! into stories, subscriptions read from and written to OPML. Pure: no network, no SQL.

pub mod items;
pub mod model;
pub mod opml;
mod parse;

pub use model::{FeedId, FullText, NewStory, StoredStory, StoryHead, StoryId, Subscription, Validators};
pub use parse::{decode_feed, parse_feed, Body, FeedError, Item, ParsedFeed};

/// Whether `url` names something qari can fetch: `http`, `https`, `file` or a local path.
/// The error is the one-line message the user reads.
pub fn check_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("an empty URL".into());
    }
    match scheme_of(url) {
        None => Ok(()),
        Some(s) if matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "file") => Ok(()),
        Some(s) => Err(format!("{url}: the {s}: scheme is not supported (http, https, file or a path)")),
    }
}

/// The scheme of a URL (`https` of `https://…`); a Windows drive letter is a path, not a scheme.
pub fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_local_urls_are_accepted() {
        for ok in ["http://a/feed", "HTTPS://a/feed", "file:///tmp/f.xml", "feeds/f.xml", "/tmp/f.xml", "C:\\f.xml"] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        let err = check_url("ftp://a/feed").unwrap_err();
        assert_eq!(err, "ftp://a/feed: the ftp: scheme is not supported (http, https, file or a path)");
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("  ").is_err());
    }
}
