//! Fetching subscribed feeds into the store: a small pool of workers fetches, parses, reads
//! full pages and extracts facts; one writer stores each feed's stories in one transaction.
//! Used by `qari fetch` and by the reader's `r`/`R` (in a background thread).

mod config;

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Mutex;

use crate::extract::extract_story;
use crate::feed::items::{item_key, story_of_item, story_of_page, wants_page};
use crate::feed::{decode_feed, parse_feed, scheme_of, FeedId, FullText, NewStory, Subscription, Validators};
use crate::net::{Client, Conditional, Fetched, Limits, NetError, Want};
use crate::store::{now, FetchRecord, Store, StoreError};

pub use config::{FeedConfig, FetchConfig};

/// How fetching goes: limits of every request, how many feeds at once, full text per feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub limits: Limits,
    pub jobs: usize,
    pub full_text: FullText,
    /// Per feed, by URL or title.
    pub per_feed: HashMap<String, FullText>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(&FetchConfig::default(), &HashMap::new())
    }
}

impl Settings {
    pub fn from_config(fetch: &FetchConfig, feeds: &HashMap<String, FeedConfig>) -> Settings {
        Settings {
            limits: fetch.limits(),
            jobs: fetch.jobs.clamp(1, 32),
            full_text: fetch.full_text,
            per_feed: feeds.iter().filter_map(|(k, v)| Some((k.clone(), v.full_text?))).collect(),
        }
    }

    fn full_text_for(&self, feed: &Subscription) -> FullText {
        self.per_feed.get(&feed.url).or_else(|| self.per_feed.get(&feed.title)).copied().unwrap_or(self.full_text)
    }
}

/// What came of fetching one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Fetched {
        new: usize,
        /// Items whose page could not be read, and the first reason.
        pages_failed: usize,
        page_error: Option<String>,
    },
    NotModified,
    /// Skipped: the server asked (Retry-After) not to be asked before this time.
    Waiting(String),
    Failed(String),
}

impl Outcome {
    pub fn failed(&self) -> bool {
        matches!(self, Outcome::Failed(_))
    }

    /// As the feed's last result reads.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Fetched { new, pages_failed: 0, .. } => format!("ok, {new} new"),
            Outcome::Fetched { new, pages_failed, page_error } => format!(
                "ok, {new} new; {pages_failed} page(s) could not be read: {}",
                page_error.as_deref().unwrap_or("?")
            ),
            Outcome::NotModified => "not modified".into(),
            Outcome::Waiting(until) => format!("skipped: the server asked to wait until {until}"),
            Outcome::Failed(why) => why.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub feed: FeedId,
    pub title: String,
    pub url: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Started { feed: FeedId, title: String },
    Finished(Report),
}

/// One feed to fetch and what the store already knows of it.
struct Job {
    feed: Subscription,
    validators: Validators,
    known: HashSet<String>,
    full_text: FullText,
}

/// What a worker hands the writer.
struct Done {
    feed: Subscription,
    record: Option<FetchRecord>,
    stories: Vec<NewStory>,
    outcome: Outcome,
}

/// Fetches `feeds` into `store`, several at once; `on_event` hears of each feed as it starts
/// and as it is stored. A feed that fails never stops the others.
pub fn fetch_feeds(
    store: &mut Store,
    feeds: &[Subscription],
    settings: &Settings,
    on_event: &mut dyn FnMut(&Event),
) -> Result<Vec<Report>, StoreError> {
    let mut jobs = VecDeque::new();
    for feed in feeds {
        jobs.push_back(Job {
            feed: feed.clone(),
            validators: store.validators(feed.id)?,
            known: store.known_keys(feed.id)?,
            full_text: settings.full_text_for(feed),
        });
    }
    let queue = Mutex::new(jobs);
    let client = Client::new(settings.limits);
    // bounded: workers wait for the writer rather than pile fetched feeds up in memory
    let (send, receive) = mpsc::sync_channel::<Done>(settings.jobs.max(1));
    let (start_send, start_receive) = mpsc::channel::<(FeedId, String)>();
    let workers = settings.jobs.min(feeds.len()).max(1);
    let mut reports = Vec::new();
    let mut store_error = None;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, client, send, start_send) = (&queue, &client, send.clone(), start_send.clone());
            scope.spawn(move || loop {
                let Some(job) = queue.lock().ok().and_then(|mut q| q.pop_front()) else { return };
                let _ = start_send.send((job.feed.id, job.feed.title.clone()));
                let done = fetch_one(client, job);
                if send.send(done).is_err() {
                    return;
                }
            });
        }
        drop(send);
        drop(start_send);
        // the writer: one transaction per feed, as feeds come in
        loop {
            for (feed, title) in start_receive.try_iter() {
                on_event(&Event::Started { feed, title });
            }
            let done = match receive.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(done) => done,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            for (feed, title) in start_receive.try_iter() {
                on_event(&Event::Started { feed, title });
            }
            let mut outcome = done.outcome;
            if let Some(record) = &done.record {
                let record = FetchRecord { result: outcome.describe(), ..record.clone() };
                match store.save_fetch(done.feed.id, &record, &done.stories) {
                    Ok(new) => {
                        if let Outcome::Fetched { new: n, .. } = &mut outcome {
                            *n = new;
                        }
                    }
                    Err(e) => {
                        outcome = Outcome::Failed(e.to_string());
                        if store_error.is_none() {
                            store_error = Some(e);
                            // nothing more can be written: let the workers run out
                            if let Ok(mut q) = queue.lock() {
                                q.clear();
                            }
                        }
                    }
                }
            }
            let report = Report { feed: done.feed.id, title: done.feed.title, url: done.feed.url, outcome };
            on_event(&Event::Finished(report.clone()));
            reports.push(report);
        }
    });
    match store_error {
        Some(e) => Err(e),
        None => Ok(reports),
    }
}

fn fetch_one(client: &Client, job: Job) -> Done {
    let Job { feed, validators, known, full_text } = job;
    let when = now();
    let fail = |feed: Subscription, why: String, validators: Option<Validators>| Done {
        record: Some(FetchRecord { when: when.clone(), result: why.clone(), validators, feed_title: None }),
        feed,
        stories: Vec::new(),
        outcome: Outcome::Failed(why),
    };
    if let Some(until) = validators.retry_after.as_deref().filter(|u| *u > when.as_str()) {
        let outcome = Outcome::Waiting(until.to_string());
        return Done { feed, record: None, stories: Vec::new(), outcome };
    }
    let remote = matches!(scheme_of(&feed.url).map(str::to_ascii_lowercase).as_deref(), Some("http" | "https"));
    let (bytes, charset, base, fresh) = if remote {
        let conditional =
            Conditional { etag: validators.etag.clone(), last_modified: validators.last_modified.clone() };
        match client.get(&feed.url, Want::Feed, &conditional) {
            Ok(Fetched::NotModified) => {
                let record = FetchRecord { when, result: String::new(), validators: None, feed_title: None };
                return Done { feed, record: Some(record), stories: Vec::new(), outcome: Outcome::NotModified };
            }
            Ok(Fetched::Body(page)) => {
                let fresh = Validators { etag: page.etag, last_modified: page.last_modified, retry_after: None };
                (page.bytes, page.charset, Some(page.url), fresh)
            }
            Err(NetError::RetryAfter { status, until }) => {
                let why = NetError::RetryAfter { status, until: until.clone() }.to_string();
                let keep = Validators { retry_after: Some(until), ..validators };
                return fail(feed, why, Some(keep));
            }
            Err(e) => return fail(feed, e.to_string(), None),
        }
    } else {
        match read_local(&feed.url, client.limits().max_bytes) {
            Ok(bytes) => (bytes, None, None, Validators::default()),
            Err(why) => return fail(feed, why, None),
        }
    };
    let text = decode_feed(&bytes, charset.as_deref());
    drop(bytes);
    let parsed = match parse_feed(&text, base.as_deref()) {
        Ok(p) => p,
        Err(e) => return fail(feed, e.to_string(), Some(fresh)),
    };
    drop(text);
    let source = parsed.title.clone().unwrap_or_else(|| feed.title.clone());
    let mut seen = known;
    let mut stories = Vec::new();
    let (mut pages_failed, mut page_error) = (0, None);
    for item in &parsed.items {
        if !seen.insert(item_key(item)) {
            continue;
        }
        let mut story = story_of_item(item, Some(&source));
        if let Some(link) = item.link.as_deref().filter(|_| wants_page(item, full_text)) {
            match client.get(link, Want::Page, &Conditional::default()) {
                Ok(Fetched::Body(page)) => {
                    match crate::article::decode::decode_declared(&page.bytes, page.charset.as_deref(), &page.url) {
                        Ok(decoded) => story = story_of_page(&decoded.text, &page.url, story),
                        Err(e) => {
                            pages_failed += 1;
                            page_error.get_or_insert_with(|| e.to_string());
                        }
                    }
                }
                Ok(Fetched::NotModified) => {}
                Err(e) => {
                    pages_failed += 1;
                    page_error.get_or_insert_with(|| format!("{link}: {e}"));
                    if story.paragraphs.is_empty() {
                        // nothing to read yet: left for the next fetch to try again
                        seen.remove(&item_key(item));
                        continue;
                    }
                }
            }
        }
        let facts = extract_story(&story, &[]);
        stories.push(NewStory {
            guid: item.guid.clone(),
            link: item.link.clone(),
            published: item.published.clone(),
            story,
            facts,
        });
    }
    Done {
        record: Some(FetchRecord { when, result: String::new(), validators: Some(fresh), feed_title: parsed.title }),
        feed,
        outcome: Outcome::Fetched { new: stories.len(), pages_failed, page_error },
        stories,
    }
}

/// A feed file on disk (`file://…` or a path), read up to the same size cap as the web.
fn read_local(url: &str, max: u64) -> Result<Vec<u8>, String> {
    let path = if scheme_of(url).is_some_and(|s| s.eq_ignore_ascii_case("file")) {
        url::Url::parse(url).ok().and_then(|u| u.to_file_path().ok()).ok_or_else(|| format!("{url}: not a file URL"))?
    } else {
        PathBuf::from(url)
    };
    let file = std::fs::File::open(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    })?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(NetError::TooLarge(max).to_string());
    }
    Ok(bytes)
}
