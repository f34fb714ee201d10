//! The schema and its migrations, numbered by SQLite's `user_version`. A database made by an
//! older qari is brought forward step by step, each step in its own transaction; one made by a
//! newer qari is refused rather than misread.

use rusqlite::Connection;

use super::StoreError;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: feeds, stories (deduplicated per feed by key), the index over folded text
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        feed_title TEXT,
        added TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        retry_after TEXT,
        last_fetch TEXT,
        last_result TEXT
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        guid TEXT,
        link TEXT,
        title TEXT NOT NULL,
        published TEXT,
        fetched TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        story TEXT NOT NULL,
        facts TEXT NOT NULL,
        UNIQUE (feed, key)
    );
    CREATE INDEX stories_newest ON stories (feed, coalesce(published, fetched) DESC);
    CREATE INDEX stories_newest_all ON stories (coalesce(published, fetched) DESC);
    CREATE INDEX stories_read ON stories (feed, read);
    CREATE VIRTUAL TABLE story_text USING fts5 (folded, tokenize = 'trigram');",
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let sql = |source| StoreError::Sql { path: path.to_string(), source };
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql)?;
    if found > VERSION {
        return Err(StoreError::TooNew { path: path.to_string(), found, known: VERSION });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction().map_err(sql)?;
        tx.execute_batch(step).map_err(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1).map_err(sql)?;
        tx.commit().map_err(sql)?;
    }
    Ok(())
}
