//! The store: one SQLite database holding subscriptions and every story fetched, with its
//! facts, and a full-text index over folded text. The only code in qari that speaks SQL.
//!
//! WAL journal, every fetch of a feed written in one transaction, `synchronous = FULL`: a kill
//! at any moment loses nothing already committed and never leaves a damaged file; a reader can
//! stay open while `qari fetch` writes (readers wait up to `busy_timeout` for a writer).

mod schema;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use thiserror::Error;

use crate::arabic::fold;
use crate::article::Story;
use crate::extract::Facts;
use crate::feed::{FeedId, NewStory, StoredStory, StoryHead, StoryId, Subscription, Validators};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Sql { path: String, source: rusqlite::Error },
    #[error("database {path}: made by a newer qari (schema {found}, this one knows {known})")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("cannot create the data folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("already subscribed: {0}")]
    Exists(String),
    #[error("stored story {0} is damaged: {1}")]
    Damaged(StoryId, String),
}

/// Where the database lives: `QARI_DATA`, else the platform's data folder
/// (`~/.local/share/qari/` on Linux).
pub fn data_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(p) = env("QARI_DATA").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "qari").map(|d| d.data_dir().to_path_buf())
}

pub const DB_NAME: &str = "qari.db";

/// What one fetch of a feed came to, written with its stories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchRecord {
    /// RFC 3339, UTC.
    pub when: String,
    /// `ok`, `not modified`, or the failure as the user read it.
    pub result: String,
    /// The validators to send next time (left as they were when `None`).
    pub validators: Option<Validators>,
    /// The feed's own title, when it gave one.
    pub feed_title: Option<String>,
}

/// Which stored stories to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryFilter {
    pub feed: Option<FeedId>,
    pub unread_only: bool,
    /// Matched as the reader's search matches (see `crate::arabic::fold`), through the index.
    pub search: Option<String>,
    pub limit: Option<usize>,
}

pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens (creating it and its folder if needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Folder { path: dir.display().to_string(), source })?;
        }
        let sql = |source| StoreError::Sql { path: name.clone(), source };
        let mut conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sql)?;
        schema::migrate(&mut conn, &name)?;
        Ok(Store { conn, path: name })
    }

    /// The database in the data folder (`QARI_DATA` or the platform's).
    pub fn open_default(env: &dyn Fn(&str) -> Option<String>) -> Result<Store, StoreError> {
        let dir = data_dir(env).ok_or_else(|| StoreError::Folder {
            path: "(no home folder)".into(),
            source: std::io::Error::other("set QARI_DATA to a folder for qari's database"),
        })?;
        Store::open(&dir.join(DB_NAME))
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql { path: self.path.clone(), source }
    }

    /// Subscribes to `url`; `title` is the user's name for it.
    pub fn add_feed(&self, url: &str, title: Option<&str>) -> Result<FeedId, StoreError> {
        let now = now();
        match self.conn.execute(
            "INSERT INTO feeds (url, title, added) VALUES (?1, ?2, ?3)",
            params![url, title.filter(|t| !t.trim().is_empty()), now],
        ) {
            Ok(_) => Ok(self.conn.last_insert_rowid()),
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                Err(StoreError::Exists(url.to_string()))
            }
            Err(e) => Err(self.sql(e)),
        }
    }

    /// Unsubscribes, dropping the feed's stories.
    pub fn remove_feed(&mut self, id: FeedId) -> Result<(), StoreError> {
        let tx = self.conn.transaction().map_err(|e| StoreError::Sql { path: self.path.clone(), source: e })?;
        let run = || -> rusqlite::Result<()> {
            tx.execute("DELETE FROM story_text WHERE rowid IN (SELECT id FROM stories WHERE feed = ?1)", [id])?;
            tx.execute("DELETE FROM stories WHERE feed = ?1", [id])?;
            tx.execute("DELETE FROM feeds WHERE id = ?1", [id])?;
            Ok(())
        };
        run().map_err(|e| StoreError::Sql { path: self.path.clone(), source: e })?;
        tx.commit().map_err(|e| self.sql(e))
    }

    /// Every subscription with its counts, in the order they were added.
    pub fn feeds(&self) -> Result<Vec<Subscription>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.url, coalesce(f.title, f.feed_title, f.url),
                        (SELECT count(*) FROM stories s WHERE s.feed = f.id),
                        (SELECT count(*) FROM stories s WHERE s.feed = f.id AND s.read = 0),
                        f.last_fetch, f.last_result
                 FROM feeds f ORDER BY f.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Subscription {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    stories: r.get(3)?,
                    unread: r.get(4)?,
                    last_fetch: r.get(5)?,
                    last_result: r.get(6)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }

    /// The subscription a user named: by URL exactly, else by title (folded, as search folds).
    pub fn find_feed(&self, name: &str) -> Result<Option<Subscription>, StoreError> {
        let feeds = self.feeds()?;
        let name = name.trim();
        if let Some(f) = feeds.iter().find(|f| f.url == name) {
            return Ok(Some(f.clone()));
        }
        let folded = fold(name);
        Ok(feeds.into_iter().find(|f| fold(&f.title) == folded))
    }

    pub fn validators(&self, feed: FeedId) -> Result<Validators, StoreError> {
        self.conn
            .query_row("SELECT etag, last_modified, retry_after FROM feeds WHERE id = ?1", [feed], |r| {
                Ok(Validators { etag: r.get(0)?, last_modified: r.get(1)?, retry_after: r.get(2)? })
            })
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.sql(e))
    }

    /// The dedup keys of the stories a feed already has (see `crate::feed::items::dedup_key`).
    pub fn known_keys(&self, feed: FeedId) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT key FROM stories WHERE feed = ?1").map_err(|e| self.sql(e))?;
        let keys = stmt.query_map([feed], |r| r.get(0)).and_then(|rows| rows.collect());
        keys.map_err(|e| self.sql(e))
    }

    /// Writes one fetch of a feed, its new stories and what came of it, in one transaction.
    /// Stories already stored (same dedup key) are left as they are. Returns how many are new.
    pub fn save_fetch(
        &mut self,
        feed: FeedId,
        record: &FetchRecord,
        stories: &[NewStory],
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let sql = move |source| StoreError::Sql { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(&sql)?;
        let mut added = 0;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO stories (feed, key, guid, link, title, published, fetched, story, facts)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(&sql)?;
            let mut index =
                tx.prepare_cached("INSERT INTO story_text (rowid, folded) VALUES (?1, ?2)").map_err(&sql)?;
            for s in stories {
                let key = crate::feed::items::dedup_key(s);
                let story_json = serde_json::to_string(&s.story).unwrap_or_default();
                let facts_json = serde_json::to_string(&s.facts).unwrap_or_default();
                let n = insert
                    .execute(params![
                        feed,
                        key,
                        s.guid,
                        s.link,
                        s.story.title,
                        s.published,
                        record.when,
                        story_json,
                        facts_json
                    ])
                    .map_err(&sql)?;
                if n == 1 {
                    index.execute(params![tx.last_insert_rowid(), folded_text(&s.story)]).map_err(&sql)?;
                    added += 1;
                }
            }
        }
        let validators = record.validators.clone();
        tx.execute(
            "UPDATE feeds SET last_fetch = ?2, last_result = ?3, feed_title = coalesce(?4, feed_title),
                 etag = CASE WHEN ?5 THEN ?6 ELSE etag END,
                 last_modified = CASE WHEN ?5 THEN ?7 ELSE last_modified END,
                 retry_after = CASE WHEN ?5 THEN ?8 ELSE retry_after END
             WHERE id = ?1",
            params![
                feed,
                record.when,
                record.result,
                record.feed_title,
                validators.is_some(),
                validators.as_ref().and_then(|v| v.etag.clone()),
                validators.as_ref().and_then(|v| v.last_modified.clone()),
                validators.as_ref().and_then(|v| v.retry_after.clone()),
            ],
        )
        .map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok(added)
    }

    /// Stored stories, newest first.
    pub fn stories(&self, filter: &StoryFilter) -> Result<Vec<StoryHead>, StoreError> {
        let columns = "s.id, s.feed, s.title, coalesce(s.published, s.fetched), s.read";
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        // a search starts from the index's matches (CROSS JOIN keeps that order of loops):
        // walking every story newest first and asking the index of each is far slower
        let mut sql = match filter.search.as_deref() {
            None => format!("SELECT {columns} FROM stories s WHERE 1"),
            Some(query) => {
                let needle = fold(query);
                if needle.trim().is_empty() {
                    return Ok(Vec::new());
                }
                // three characters and more: a phrase of trigrams, answered by the index
                // alone; shorter: a pattern, checked against every story's text
                let condition = if needle.chars().count() >= 3 {
                    args.push(format!("\"{}\"", needle.replace('"', "\"\"")).into());
                    "story_text MATCH ?"
                } else {
                    args.push(format!("*{}*", glob_escape(&needle)).into());
                    "t.folded GLOB ?"
                };
                format!("SELECT {columns} FROM story_text t CROSS JOIN stories s ON s.id = t.rowid WHERE {condition}")
            }
        };
        if let Some(feed) = filter.feed {
            sql.push_str(" AND s.feed = ?");
            args.push(feed.into());
        }
        if filter.unread_only {
            sql.push_str(" AND s.read = 0");
        }
        sql.push_str(" ORDER BY coalesce(s.published, s.fetched) DESC, s.id DESC");
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(StoryHead {
                    id: r.get(0)?,
                    feed: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    read: r.get(4)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.sql(e))
    }

    /// A stored story whole.
    pub fn story(&self, id: StoryId) -> Result<Option<StoredStory>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT id, feed, title, coalesce(published, fetched), read, link, story, facts FROM stories WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        StoryHead { id: r.get(0)?, feed: r.get(1)?, title: r.get(2)?, published: r.get(3)?, read: r.get(4)? },
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((head, link, story, facts)) = row else { return Ok(None) };
        let story: Story = serde_json::from_str(&story).map_err(|e| StoreError::Damaged(id, e.to_string()))?;
        let facts: Facts = serde_json::from_str(&facts).map_err(|e| StoreError::Damaged(id, e.to_string()))?;
        Ok(Some(StoredStory { head, link, story, facts }))
    }

    pub fn set_read(&self, id: StoryId, read: bool) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE stories SET read = ?2 WHERE id = ?1", params![id, read])
            .map(|_| ())
            .map_err(|e| self.sql(e))
    }
}

/// What the index holds for a story: its title and paragraphs, folded as the reader's search
/// folds, so that the index and the reader find the same stories.
fn folded_text(story: &Story) -> String {
    let mut text = fold(&story.title);
    for p in &story.paragraphs {
        text.push('\n');
        text.push_str(&fold(p));
    }
    text
}

/// A literal for GLOB: its wildcards in brackets.
fn glob_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '*' | '?' | '[' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
}

/// Now, RFC 3339 in UTC to the second.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
