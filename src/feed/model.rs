//! Subscriptions and stored stories as plain data: what the store keeps, the fetcher fills in
//! and the reader and the command line show. No SQL and no network here.

use serde::{Deserialize, Serialize};

use crate::article::Story;
use crate::extract::Facts;

/// A subscription's row number in the store.
pub type FeedId = i64;
/// A stored story's row number in the store.
pub type StoryId = i64;

/// Whether an item's page is fetched for its full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// When the feed gives only a short summary (or nothing) and a link.
    #[default]
    Auto,
    /// Always read the page, whatever the feed carries.
    Always,
    /// Never: the feed's own text is all there is.
    Never,
}

/// A subscribed feed with what is known of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscription {
    pub id: FeedId,
    /// As given: `http(s)://…`, `file://…` or a local path.
    pub url: String,
    /// The user's title, else the feed's own, else the URL.
    pub title: String,
    pub stories: i64,
    pub unread: i64,
    /// When it was last fetched (RFC 3339, UTC) and what came of it.
    pub last_fetch: Option<String>,
    pub last_result: Option<String>,
}

/// What conditional GET needs to ask "has it changed?", and when to ask again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Not before this time (RFC 3339), as a server's `Retry-After` asked.
    pub retry_after: Option<String>,
}

/// A stored story as lists show it: no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryHead {
    pub id: StoryId,
    pub feed: FeedId,
    pub title: String,
    /// RFC 3339 when the feed gave a time, else when it was fetched.
    pub published: Option<String>,
    pub read: bool,
}

/// A stored story whole: the article, its facts (extracted once, at fetch) and its link.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredStory {
    pub head: StoryHead,
    pub link: Option<String>,
    pub story: Story,
    pub facts: Facts,
}

/// One story as the fetcher hands it to the store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStory {
    pub guid: Option<String>,
    pub link: Option<String>,
    /// RFC 3339, when the feed gave a time.
    pub published: Option<String>,
    pub story: Story,
    pub facts: Facts,
}
