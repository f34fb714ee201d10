//! `qari feed add|list|remove|import|export`: subscriptions.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::{clean, open_store, write_out, CliError};
use crate::feed::opml::{parse_opml, write_opml, Outline};
use crate::feed::{check_url, scheme_of, Subscription};
use crate::store::{Store, StoreError};

#[derive(Debug, Args)]
pub struct FeedArgs {
    #[command(subcommand)]
    pub command: FeedCommand,
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed: an http(s) URL, a file:// URL or a feed file on disk.
    #[command(
        after_help = "Examples:\n  qari feed add https://www.aljazeera.net/aljazeerarss/all.xml --title الجزيرة\n  qari feed add ~/feeds/local.xml"
    )]
    Add {
        url: String,
        /// Your name for it (else the feed's own title).
        #[arg(long)]
        title: Option<String>,
    },
    /// List subscriptions: title, URL, stories, unread, last fetch and its result.
    #[command(after_help = "Example:\n  qari feed list --format json")]
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Unsubscribe (by URL or title); the feed's stored stories go too.
    #[command(after_help = "Example:\n  qari feed remove الجزيرة")]
    Remove { feed: String },
    /// Subscribe to every feed of an OPML file (from another reader).
    #[command(after_help = "Example:\n  newsboat -e > feeds.opml && qari feed import feeds.opml")]
    Import { file: PathBuf },
    /// Write the subscriptions as OPML 2.0 on standard output.
    #[command(after_help = "Example:\n  qari feed export > qari.opml")]
    Export,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

pub fn run(args: &FeedArgs) -> Result<(), CliError> {
    let mut store = open_store()?;
    match &args.command {
        FeedCommand::Add { url, title } => {
            let url = subscription_url(url)?;
            let id = store.add_feed(&url, title.as_deref()).map_err(already)?;
            let _ = id;
            write_out(writeln!(std::io::stdout(), "subscribed: {}", clean(&url)))
        }
        FeedCommand::List { format } => list(&store, *format),
        FeedCommand::Remove { feed } => {
            let found = find(&store, feed)?;
            store.remove_feed(found.id)?;
            write_out(writeln!(
                std::io::stdout(),
                "unsubscribed: {} ({} stories removed)",
                clean(&found.title),
                found.stories
            ))
        }
        FeedCommand::Import { file } => import(&store, file),
        FeedCommand::Export => {
            let feeds: Vec<Outline> = store
                .feeds()?
                .into_iter()
                .map(|f| Outline { title: (f.title != f.url).then_some(f.title), url: f.url })
                .collect();
            let created = chrono::Utc::now().to_rfc2822();
            write_out(std::io::stdout().write_all(write_opml(&feeds, &created).as_bytes()))
        }
    }
}

fn already(e: StoreError) -> CliError {
    match e {
        StoreError::Exists(url) => CliError::Input(format!("already subscribed: {url}")),
        other => other.into(),
    }
}

/// The URL to keep for what the user typed: web and file URLs as they are, a path made
/// absolute (so `qari fetch` finds it from any folder).
fn subscription_url(url: &str) -> Result<String, CliError> {
    check_url(url).map_err(CliError::Usage)?;
    let url = url.trim();
    if scheme_of(url).is_some() {
        if let Some(rest) = url.strip_prefix("file:") {
            let path = url::Url::parse(url).ok().and_then(|u| u.to_file_path().ok());
            if !path.is_some_and(|p| p.is_file()) {
                return Err(CliError::Input(format!("{url}: no such file ({rest})")));
            }
        }
        return Ok(url.to_string());
    }
    let path = Path::new(url);
    let absolute = std::fs::canonicalize(path).map_err(|e| CliError::Input(format!("{url}: {e}")))?;
    if !absolute.is_file() {
        return Err(CliError::Input(format!("{url}: not a file")));
    }
    Ok(absolute.display().to_string())
}

/// The subscription a user named by URL or title.
pub(super) fn find(store: &Store, name: &str) -> Result<Subscription, CliError> {
    store.find_feed(name)?.ok_or_else(|| CliError::Input(format!("no subscribed feed is called {name}")))
}

#[derive(Serialize)]
struct FeedsJson<'a> {
    feeds: &'a [Subscription],
}

fn list(store: &Store, format: ListFormat) -> Result<(), CliError> {
    let feeds = store.feeds()?;
    let mut out = std::io::stdout().lock();
    let written = match format {
        ListFormat::Json => serde_json::to_writer_pretty(&mut out, &FeedsJson { feeds: &feeds })
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        ListFormat::Table => (|| {
            if feeds.is_empty() {
                return writeln!(out, "no feeds yet: qari feed add URL");
            }
            for f in &feeds {
                writeln!(out, "{}", clean(&f.title))?;
                writeln!(out, "    {}", clean(&f.url))?;
                let when = f.last_fetch.as_deref().unwrap_or("never fetched");
                let result = f.last_result.as_deref().map(|r| format!(" · {}", clean(r))).unwrap_or_default();
                writeln!(out, "    {} stories, {} unread · {when}{result}", f.stories, f.unread)?;
            }
            Ok(())
        })(),
    };
    write_out(written)
}

fn import(store: &Store, file: &Path) -> Result<(), CliError> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| CliError::Input(format!("{name}: {e}")))?;
    let text = crate::feed::decode_feed(&bytes, None);
    let outlines = parse_opml(&text).map_err(|e| CliError::Input(format!("{name}: {e}")))?;
    let (mut added, mut had) = (0, 0);
    for o in outlines {
        if let Err(why) = check_url(&o.url) {
            super::say(&format!("{name}: skipped {why}"));
            continue;
        }
        match store.add_feed(&o.url, o.title.as_deref()) {
            Ok(_) => added += 1,
            Err(StoreError::Exists(_)) => had += 1,
            Err(e) => return Err(e.into()),
        }
    }
    write_out(writeln!(std::io::stdout(), "imported {added} feed(s); {had} already subscribed"))
}
