//! `qari stories`: stored stories, filtered, as a table or the `extract` JSON.

use std::io::{BufWriter, Write};

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::extract_cmd::{own_links, story_json, ArticleJson, LibraryJson, StoryJson};
use super::{clean, open_store, write_out, CliError};
use crate::feed::{StoredStory, Subscription};
use crate::store::StoryFilter;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  qari stories --unread\n  qari stories --search غزة --format json\n  qari stories --feed الجزيرة --format jsonl | jq .stories[0].title"
)]
pub struct StoriesArgs {
    /// Only this feed's stories (URL or title).
    #[arg(long)]
    pub feed: Option<String>,
    /// Only stories not read yet.
    #[arg(long)]
    pub unread: bool,
    /// Stories holding this text (ignoring harakat, tatweel, hamza and alef variants, ة/ه, ى/ي).
    #[arg(long)]
    pub search: Option<String>,
    /// At most this many (newest first).
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
}

#[derive(Serialize)]
struct StoredJson<'a> {
    #[serde(flatten)]
    story: StoryJson<'a>,
    feed: &'a str,
    url: Option<&'a str>,
    read: bool,
}

pub fn run(args: &StoriesArgs) -> Result<(), CliError> {
    let store = open_store()?;
    let feeds = store.feeds()?;
    let feed = match &args.feed {
        Some(name) => Some(super::feed_cmd::find(&store, name)?.id),
        None => None,
    };
    let filter = StoryFilter { feed, unread_only: args.unread, search: args.search.clone(), limit: args.limit };
    let heads = store.stories(&filter)?;
    let feed_of = |id| feeds.iter().find(|f| f.id == id);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.format == Format::Table {
        let written = heads.iter().try_for_each(|h| {
            let date = h.published.as_deref().map_or("undated", |p| p.get(..10).unwrap_or(p));
            let mark = if h.read { ' ' } else { '●' };
            let feed = feed_of(h.feed).map_or("?", |f| f.title.as_str());
            writeln!(out, "{date} {mark} {} · {}", clean(feed), clean(&h.title))
        });
        return write_out(written.and_then(|_| out.flush()));
    }
    if args.format == Format::Jsonl {
        // a line a story, each read from the store as it is written: memory stays flat
        for h in &heads {
            if let Some(s) = store.story(h.id)? {
                write_out(LibraryJson { articles: vec![article_of(&s, &feeds)] }.write(true, &mut out))?;
            }
        }
        return write_out(out.flush());
    }
    let mut stored = Vec::with_capacity(heads.len());
    for h in &heads {
        if let Some(s) = store.story(h.id)? {
            stored.push(s);
        }
    }
    let written =
        LibraryJson { articles: stored.iter().map(|s| article_of(s, &feeds)).collect() }.write(false, &mut out);
    write_out(written.and_then(|_| out.flush()))
}

/// One stored story is one article: its path is its link (else its feed's URL).
fn article_of<'a>(s: &'a StoredStory, feeds: &'a [Subscription]) -> ArticleJson<'a, StoredJson<'a>> {
    let feed = feeds.iter().find(|f| f.id == s.head.feed);
    ArticleJson {
        path: s.link.as_deref().or(feed.map(|f| f.url.as_str())).unwrap_or(""),
        stories: vec![StoredJson {
            story: story_json(&s.story, &s.facts, own_links(&s.story)),
            feed: feed.map_or("", |f| f.title.as_str()),
            url: s.link.as_deref(),
            read: s.head.read,
        }],
    }
}
