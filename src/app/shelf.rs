//! Feeds in the reader: subscriptions with their unread counts above the library's files, a
//! feed opened to its stories (newest first), stored stories opened and marked read, fetching
//! in the background. The store and the fetcher are reached through two small traits, so the
//! state machine is tested without a database or a network.

use std::sync::mpsc::Receiver;

use super::{App, Focus};
use crate::article::{Article, StoryRef};
use crate::feed::{FeedId, StoredStory, StoryHead, StoryId, Subscription};
use crate::fetch::{Event, Outcome};
use crate::i18n::Msg;

/// What the reader asks of the store.
pub trait Shelf {
    /// Every subscription with its counts.
    fn feeds(&self) -> Result<Vec<Subscription>, String>;
    /// A feed's stories, newest first.
    fn stories_of(&self, feed: FeedId) -> Result<Vec<StoryHead>, String>;
    /// Stories matching a query through the store's index, newest first.
    fn search(&self, query: &str) -> Result<Vec<StoryHead>, String>;
    fn story(&self, id: StoryId) -> Result<Option<StoredStory>, String>;
    fn set_read(&self, id: StoryId, read: bool) -> Result<(), String>;
}

/// Fetches feeds off the drawing thread; what happens arrives on the receiver.
pub trait Fetcher {
    fn start(&self, feeds: Vec<Subscription>) -> Receiver<Event>;
}

/// One line of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Feed(FeedId),
    Stored(StoryId),
    File(StoryRef),
}

/// A fetch running in the background.
pub struct Progress {
    events: Receiver<Event>,
    pub total: usize,
    pub done: usize,
    pub new: usize,
    pub failed: usize,
    pub current: Option<String>,
}

/// The feeds' side of the library.
#[derive(Default)]
pub struct Feeds {
    pub shelf: Option<Box<dyn Shelf>>,
    pub fetcher: Option<Box<dyn Fetcher>>,
    pub list: Vec<Subscription>,
    /// The feed opened to its stories, and those stories.
    pub open: Option<FeedId>,
    pub heads: Vec<StoryHead>,
    /// Stories of the store found by a library search.
    pub results: Vec<StoryHead>,
    /// Stored stories opened so far: `StoryRef { article: files + k, story: 0 }` is the k-th.
    pub opened: Vec<(StoryId, Option<String>)>,
    pub articles: Vec<Article>,
    pub progress: Option<Progress>,
    /// A link for the reader's edge to open in the browser.
    pub open_link: Option<String>,
}

impl Feeds {
    pub fn head(&self, id: StoryId) -> Option<&StoryHead> {
        self.heads.iter().chain(&self.results).find(|h| h.id == id)
    }

    fn heads_mut(&mut self, id: StoryId) -> impl Iterator<Item = &mut StoryHead> {
        self.heads.iter_mut().chain(self.results.iter_mut()).filter(move |h| h.id == id)
    }
}

impl App {
    /// Connects the store (and a fetcher): its feeds go at the top of the library.
    pub fn attach_feeds(&mut self, shelf: Box<dyn Shelf>, fetcher: Option<Box<dyn Fetcher>>) {
        self.feeds.shelf = Some(shelf);
        self.feeds.fetcher = fetcher;
        self.refresh_feeds();
        self.library_selected = self.rows.iter().position(|r| *r == Row::File(self.current)).unwrap_or(0);
    }

    /// The library's rows: feeds (the open one followed by its stories), then files; during a
    /// library search, the store's matches first.
    pub(super) fn rebuild_rows(&mut self) {
        let mut rows = Vec::with_capacity(self.feeds.list.len() + self.library.order.len());
        if self.library_search_active() {
            rows.extend(self.feeds.results.iter().map(|h| Row::Stored(h.id)));
        } else {
            for f in &self.feeds.list {
                rows.push(Row::Feed(f.id));
                if self.feeds.open == Some(f.id) {
                    rows.extend(self.feeds.heads.iter().map(|h| Row::Stored(h.id)));
                }
            }
        }
        rows.extend(self.library.order.iter().map(|&r| Row::File(r)));
        self.rows = rows;
        self.library_selected = self.library_selected.min(self.rows.len().saturating_sub(1));
    }

    fn library_search_active(&self) -> bool {
        self.feeds.shelf.is_some() && self.search.in_library && !self.search.query.is_empty()
    }

    /// Subscriptions and the open feed's stories read again from the store.
    pub(super) fn refresh_feeds(&mut self) {
        let Some(shelf) = &self.feeds.shelf else { return };
        let list = shelf.feeds();
        let heads = self.feeds.open.map(|f| shelf.stories_of(f));
        match list {
            Ok(list) => self.feeds.list = list,
            Err(e) => self.store_problem(&e),
        }
        match heads {
            Some(Ok(heads)) => self.feeds.heads = heads,
            Some(Err(e)) => self.store_problem(&e),
            None => self.feeds.heads.clear(),
        }
        self.rebuild_rows();
    }

    fn store_problem(&mut self, problem: &str) {
        let message = self.interface.fill(Msg::StoreProblem, &[("problem", problem)]);
        self.notify(&message);
    }

    /// Library search through the store's index.
    pub(super) fn search_store(&mut self, query: &str) {
        let Some(shelf) = &self.feeds.shelf else { return };
        match shelf.search(query) {
            Ok(found) => self.feeds.results = found,
            Err(e) => {
                self.feeds.results.clear();
                self.store_problem(&e);
            }
        }
        self.rebuild_rows();
    }

    /// Enter on a feed opens it to its stories, or closes it.
    pub(super) fn toggle_feed(&mut self, feed: FeedId) {
        self.feeds.open = if self.feeds.open == Some(feed) { None } else { Some(feed) };
        self.refresh_feeds();
        self.library_selected = self.rows.iter().position(|r| *r == Row::Feed(feed)).unwrap_or(0);
    }

    /// The story a row or a link names: a file's, or a stored one (index past the files).
    pub fn story_at(&self, r: StoryRef) -> &crate::article::Story {
        &self.article_at(r.article).stories[r.story]
    }

    pub fn article_at(&self, article: usize) -> &Article {
        let files = self.library.articles.len();
        if article < files {
            &self.library.articles[article]
        } else {
            &self.feeds.articles[article - files]
        }
    }

    /// The stored story a reference is, if it is one.
    pub fn stored_id(&self, r: StoryRef) -> Option<StoryId> {
        r.article.checked_sub(self.library.articles.len()).and_then(|k| self.feeds.opened.get(k)).map(|(id, _)| *id)
    }

    /// The key reading positions are kept under.
    pub fn key_of(&self, r: StoryRef) -> String {
        match self.stored_id(r) {
            Some(id) => format!("store:{id}"),
            None => super::story_key(&self.library, r),
        }
    }

    /// Opens a stored story (read from the store once, then kept), marking it read.
    pub(super) fn open_stored(&mut self, id: StoryId) {
        let known = self.feeds.opened.iter().position(|(i, _)| *i == id);
        let k = match known {
            Some(k) => k,
            None => {
                let Some(shelf) = &self.feeds.shelf else { return };
                let stored = match shelf.story(id) {
                    Ok(Some(s)) => s,
                    Ok(None) => return,
                    Err(e) => return self.store_problem(&e),
                };
                self.feeds.opened.push((id, stored.link.clone()));
                self.feeds.articles.push(Article { path: format!("store:{id}"), stories: vec![stored.story] });
                let k = self.feeds.opened.len() - 1;
                let r = StoryRef { article: self.library.articles.len() + k, story: 0 };
                self.add_facts(r, stored.facts);
                k
            }
        };
        let r = StoryRef { article: self.library.articles.len() + k, story: 0 };
        self.open(r, true);
        self.focus = Focus::Article;
        if self.feeds.head(id).is_none_or(|h| !h.read) {
            self.set_read(id, true);
        }
    }

    fn set_read(&mut self, id: StoryId, read: bool) {
        let Some(shelf) = &self.feeds.shelf else { return };
        if let Err(e) = shelf.set_read(id, read) {
            return self.store_problem(&e);
        }
        self.feeds.heads_mut(id).for_each(|h| h.read = read);
        self.refresh_feeds();
    }

    /// The stored story the keys act on: the selected row in the library, else the open story.
    fn target_story(&self) -> Option<StoryId> {
        if self.focus == Focus::Library {
            if let Some(Row::Stored(id)) = self.rows.get(self.library_selected) {
                return Some(*id);
            }
        }
        self.stored_id(self.current)
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(id) = self.target_story() else {
            let m = self.interface.text(Msg::NotStored);
            return self.notify(m);
        };
        let read = match self.feeds.head(id) {
            Some(h) => h.read,
            None => self.feeds.shelf.as_ref().and_then(|s| s.story(id).ok().flatten()).is_some_and(|s| s.head.read),
        };
        self.set_read(id, !read);
        let m = self.interface.text(if read { Msg::MarkedUnread } else { Msg::MarkedRead });
        self.notify(m);
    }

    pub(super) fn open_link(&mut self) {
        let link = self.target_story().and_then(|id| {
            let opened = self.feeds.opened.iter().find(|(i, _)| *i == id).and_then(|(_, l)| l.clone());
            opened.or_else(|| self.feeds.shelf.as_ref()?.story(id).ok().flatten()?.link)
        });
        match link {
            Some(url) => {
                let message = self.interface.fill(Msg::OpeningLink, &[("url", &url)]);
                self.notify(&message);
                self.feeds.open_link = Some(url);
            }
            None => {
                let m = self.interface.text(Msg::NoLink);
                self.notify(m);
            }
        }
    }

    /// `r`: the selected feed (or the feed of the selected or open story); `R`: every feed.
    pub(super) fn start_fetch(&mut self, all: bool) {
        if self.feeds.progress.is_some() {
            let m = self.interface.text(Msg::AlreadyFetching);
            return self.notify(m);
        }
        let feed_of_story = |id: StoryId| self.feeds.head(id).map(|h| h.feed);
        let chosen: Vec<Subscription> = if all {
            self.feeds.list.clone()
        } else {
            let selected = match self.rows.get(self.library_selected) {
                Some(Row::Feed(f)) if self.focus == Focus::Library => Some(*f),
                Some(Row::Stored(id)) if self.focus == Focus::Library => feed_of_story(*id),
                _ => self.stored_id(self.current).and_then(feed_of_story).or(self.feeds.open),
            };
            self.feeds.list.iter().filter(|f| Some(f.id) == selected).cloned().collect()
        };
        let Some(fetcher) = self.feeds.fetcher.as_ref().filter(|_| !chosen.is_empty()) else {
            let m = self.interface.text(Msg::NoFeedSelected);
            return self.notify(m);
        };
        let total = chosen.len();
        let events = fetcher.start(chosen);
        self.feeds.progress = Some(Progress { events, total, done: 0, new: 0, failed: 0, current: None });
    }

    /// Fetch events that arrived: the library updates as each feed is stored. Returns whether
    /// anything changed.
    pub(super) fn poll_fetch(&mut self) -> bool {
        let Some(progress) = &mut self.feeds.progress else { return false };
        let events: Vec<Event> = progress.events.try_iter().collect();
        let disconnected =
            events.is_empty() && matches!(progress.events.try_recv(), Err(std::sync::mpsc::TryRecvError::Disconnected));
        if events.is_empty() && !disconnected {
            return false;
        }
        let mut failures = Vec::new();
        for event in events {
            match event {
                Event::Started { title, .. } => progress.current = Some(title),
                Event::Finished(report) => {
                    progress.done += 1;
                    match &report.outcome {
                        Outcome::Fetched { new, .. } => progress.new += new,
                        Outcome::Failed(why) => {
                            progress.failed += 1;
                            failures.push((report.title.clone(), why.clone()));
                        }
                        _ => {}
                    }
                }
            }
        }
        let finished = disconnected || progress.done >= progress.total;
        let summary = finished.then(|| {
            let p = &*progress;
            let n = |v: usize| v.to_string();
            (n(p.done - p.failed), n(p.new), n(p.failed))
        });
        for (feed, why) in failures {
            let message = self.interface.fill(Msg::FetchFailed, &[("feed", &feed), ("why", &why)]);
            self.notify(&message);
        }
        self.refresh_feeds();
        if let Some((feeds, new, failed)) = summary {
            self.feeds.progress = None;
            let message = self.interface.fill(Msg::FetchDone, &[("feeds", &feeds), ("new", &new), ("failed", &failed)]);
            self.notify(&message);
        }
        true
    }

    /// The open story's place among the library's stories (from 1; 0 when it is not listed)
    /// and how many there are.
    pub fn list_position(&self) -> (usize, usize) {
        // feeds and their stories first, then the files in the library's order
        let files = self.library.order.len();
        let prefix = &self.rows[..self.rows.len().saturating_sub(files)];
        let stored = prefix.iter().filter(|r| matches!(r, Row::Stored(_))).count();
        let k = match self.stored_id(self.current) {
            Some(id) => {
                let mut stories = prefix.iter().filter(|r| !matches!(r, Row::Feed(_)));
                stories.position(|r| *r == Row::Stored(id)).map_or(0, |i| i + 1)
            }
            None => stored + self.current_position + 1,
        };
        (k, stored + files)
    }

    /// The status bar's word on a fetch running.
    pub fn fetch_status(&self) -> Option<String> {
        let p = self.feeds.progress.as_ref()?;
        let feed = p.current.clone().unwrap_or_default();
        let (done, total) = (self.interface.number(p.done), self.interface.number(p.total));
        Some(self.interface.fill(Msg::Fetching, &[("done", &done), ("total", &total), ("feed", &feed)]))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::sync::mpsc::{channel, Sender};

    use super::*;
    use crate::app::keys::{Action, Key, Keymap};
    use crate::app::state::State;
    use crate::article::{load_bytes, Library, Story};
    use crate::fetch::Report;
    use crate::layout::LayoutOptions;

    /// The store as plain vectors.
    #[derive(Default)]
    struct Data {
        feeds: Vec<Subscription>,
        stories: Vec<(StoredStory, &'static str)>,
    }

    struct FakeShelf(Rc<RefCell<Data>>);

    impl Shelf for FakeShelf {
        fn feeds(&self) -> Result<Vec<Subscription>, String> {
            let d = self.0.borrow();
            Ok(d.feeds
                .iter()
                .map(|f| {
                    let mine = d.stories.iter().filter(|(s, _)| s.head.feed == f.id);
                    let (stories, unread) = mine.fold((0, 0), |(n, u), (s, _)| (n + 1, u + i64::from(!s.head.read)));
                    Subscription { stories, unread, ..f.clone() }
                })
                .collect())
        }
        fn stories_of(&self, feed: FeedId) -> Result<Vec<StoryHead>, String> {
            let mut heads: Vec<StoryHead> = self
                .0
                .borrow()
                .stories
                .iter()
                .filter(|(s, _)| s.head.feed == feed)
                .map(|(s, _)| s.head.clone())
                .collect();
            heads.sort_by(|a, b| b.published.cmp(&a.published));
            Ok(heads)
        }
        fn search(&self, query: &str) -> Result<Vec<StoryHead>, String> {
            Ok(self
                .0
                .borrow()
                .stories
                .iter()
                .filter(|(s, _)| crate::app::search::contains(&s.story.title, query))
                .map(|(s, _)| s.head.clone())
                .collect())
        }
        fn story(&self, id: StoryId) -> Result<Option<StoredStory>, String> {
            Ok(self.0.borrow().stories.iter().find(|(s, _)| s.head.id == id).map(|(s, _)| s.clone()))
        }
        fn set_read(&self, id: StoryId, read: bool) -> Result<(), String> {
            for (s, _) in self.0.borrow_mut().stories.iter_mut().filter(|(s, _)| s.head.id == id) {
                s.head.read = read;
            }
            Ok(())
        }
    }

    /// What was asked to be fetched, and where its events go.
    type Fetches = Rc<RefCell<Vec<(Vec<FeedId>, Sender<Event>)>>>;

    /// Remembers what it was asked to fetch; the test sends the events.
    struct FakeFetcher(Fetches);

    impl Fetcher for FakeFetcher {
        fn start(&self, feeds: Vec<Subscription>) -> Receiver<Event> {
            let (send, receive) = channel();
            self.0.borrow_mut().push((feeds.iter().map(|f| f.id).collect(), send));
            receive
        }
    }

    fn stored(id: StoryId, feed: FeedId, title: &str, published: &str) -> StoredStory {
        let story =
            Story {
                title: title.into(), paragraphs: vec![format!("{title}: 12 قتيلا في غزة")], ..Story::default()
            };
        StoredStory {
            head: StoryHead { id, feed, title: title.into(), published: Some(published.into()), read: false },
            link: Some(format!("https://n.example/{id}")),
            facts: crate::extract::extract_story(&story, &[]),
            story,
        }
    }

    fn subscription(id: FeedId, title: &str) -> Subscription {
        Subscription {
            id,
            url: format!("https://n.example/feed{id}"),
            title: title.into(),
            stories: 0,
            unread: 0,
            last_fetch: None,
            last_result: None,
        }
    }

    fn app_with_feeds() -> (App, Rc<RefCell<Data>>, Fetches) {
        let loaded = load_bytes(include_bytes!("../../assets/articles/000_d88aa69e352b5fd0.txt"), "seed.txt").unwrap();
        let library = Library::from_articles(vec![loaded.article]);
        let options = LayoutOptions { shaping: false, ..LayoutOptions::default() };
        let mut app = App::new(library, options, Keymap::default(), State::default(), false);
        app.resize(120, 40);
        let data = Rc::new(RefCell::new(Data {
            feeds: vec![subscription(1, "الجزيرة"), subscription(2, "بي بي سي")],
            stories: vec![
                (stored(10, 1, "خبر قديم", "2024-11-01T10:00:00Z"), ""),
                (stored(11, 1, "خبر جديد", "2024-11-02T10:00:00Z"), ""),
                (stored(20, 2, "خبر آخر", "2024-11-03T10:00:00Z"), ""),
            ],
        }));
        let fetches: Fetches = Rc::new(RefCell::new(Vec::new()));
        app.attach_feeds(Box::new(FakeShelf(Rc::clone(&data))), Some(Box::new(FakeFetcher(Rc::clone(&fetches)))));
        app.want_library = Some(true);
        app.focus = Focus::Library;
        app.library_selected = 0;
        (app, data, fetches)
    }

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            app.handle(match c {
                '\r' => Key::Enter,
                '\x1b' => Key::Esc,
                c => Key::Char(c),
            });
        }
    }

    #[test]
    fn feeds_come_first_with_unread_counts_and_open_to_their_stories_newest_first() {
        let (mut app, _, _) = app_with_feeds();
        assert_eq!(app.rows[..2], [Row::Feed(1), Row::Feed(2)]);
        assert!(matches!(app.rows[2], Row::File(_)), "the files follow the feeds");
        assert_eq!((app.feeds.list[0].unread, app.feeds.list[0].stories), (2, 2));
        press(&mut app, "\r");
        assert_eq!(app.rows[..4], [Row::Feed(1), Row::Stored(11), Row::Stored(10), Row::Feed(2)]);
        press(&mut app, "\r");
        assert_eq!(app.rows[..2], [Row::Feed(1), Row::Feed(2)], "Enter again closes the feed");
    }

    #[test]
    fn opening_a_stored_story_shows_it_with_its_stored_facts_and_marks_it_read() {
        let (mut app, data, _) = app_with_feeds();
        press(&mut app, "\rj\r");
        assert_eq!(app.story().title, "خبر جديد");
        assert_eq!(app.focus, Focus::Article);
        assert!(app.current_facts().is_some_and(|f| f.figures.iter().any(|f| f.value.to_string() == "12")));
        assert!(data.borrow().stories[1].0.head.read);
        assert_eq!(app.feeds.list[0].unread, 1, "the count follows");
        assert_eq!(app.list_position().0, 1);
        // u toggles read on the open story, o asks for its link
        press(&mut app, "u");
        assert!(!data.borrow().stories[1].0.head.read);
        press(&mut app, "o");
        assert_eq!(app.feeds.open_link.as_deref(), Some("https://n.example/11"));
        // back to the file story and forth again: the stored story is not read from the store twice
        app.act(Action::Back);
        assert_eq!(app.story().title, app.library.story(app.library.order[0]).title);
        press(&mut app, "o");
        assert_eq!(app.message(), Some("this story has no link"));
    }

    #[test]
    fn r_fetches_the_selected_feed_and_the_library_updates_as_it_arrives() {
        let (mut app, data, fetches) = app_with_feeds();
        press(&mut app, "jr");
        assert_eq!(fetches.borrow()[0].0, vec![2]);
        assert!(app.fetch_status().unwrap().starts_with("fetching 0/1"));
        press(&mut app, "r");
        assert_eq!(app.message(), Some("already fetching"));
        let send = fetches.borrow()[0].1.clone();
        send.send(Event::Started { feed: 2, title: "بي بي سي".into() }).unwrap();
        data.borrow_mut().stories.push((stored(21, 2, "خبر وصل", "2024-11-04T10:00:00Z"), ""));
        let outcome = Outcome::Fetched { new: 1, pages_failed: 0, page_error: None };
        send.send(Event::Finished(Report { feed: 2, title: "بي بي سي".into(), url: String::new(), outcome })).unwrap();
        assert!(app.poll());
        assert!(app.feeds.progress.is_none());
        assert_eq!(app.feeds.list[1].unread, 2);
        assert_eq!(app.message(), Some("fetched 1 feed(s): 1 new, 0 failed"));
        press(&mut app, "R");
        assert_eq!(fetches.borrow()[1].0, vec![1, 2]);
        // a fetcher that dies still ends the progress
        drop(fetches.borrow_mut().pop());
        assert!(app.poll());
        assert!(app.feeds.progress.is_none());
    }

    #[test]
    fn search_in_the_library_asks_the_store_and_esc_brings_the_feeds_back() {
        let (mut app, _, _) = app_with_feeds();
        press(&mut app, "/خبر ج");
        assert_eq!(app.rows[0], Row::Stored(11));
        assert!(matches!(app.rows[1], Row::File(_)));
        assert_eq!(app.search.hits.first().map(|h| h.0), Some(0));
        press(&mut app, "\r\r");
        assert_eq!(app.story().title, "خبر جديد");
        press(&mut app, "\x1b");
        assert_eq!(app.rows[..2], [Row::Feed(1), Row::Feed(2)]);
    }
}
