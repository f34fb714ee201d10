use super::*;
use crate::feed::NewStory;

fn temp_db(tag: &str) -> (PathBuf, Store) {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("qari-store-{tag}-{}-{n}", std::process::id()));
    let store = Store::open(&dir.join("qari.db")).unwrap();
    (dir, store)
}

fn new_story(guid: Option<&str>, link: Option<&str>, title: &str, published: &str, text: &str) -> NewStory {
    NewStory {
        guid: guid.map(String::from),
        link: link.map(String::from),
        published: Some(published.into()),
        story: Story { title: title.into(), paragraphs: vec![text.into()], ..Story::default() },
        facts: crate::extract::extract_story(
            &Story { title: title.into(), paragraphs: vec![text.into()], ..Story::default() },
            &[],
        ),
    }
}

fn record() -> FetchRecord {
    FetchRecord { when: now(), result: "ok".into(), ..FetchRecord::default() }
}

#[test]
fn feeds_are_added_once_counted_and_removed_with_their_stories() {
    let (dir, mut store) = temp_db("feeds");
    let a = store.add_feed("https://a.example/rss", Some("أ")).unwrap();
    let b = store.add_feed("https://b.example/rss", None).unwrap();
    assert!(matches!(store.add_feed("https://a.example/rss", None), Err(StoreError::Exists(_))));
    let stories = [new_story(Some("1"), None, "خبر", "2024-11-01T10:00:00Z", "نص")];
    assert_eq!(store.save_fetch(a, &record(), &stories).unwrap(), 1);
    let feeds = store.feeds().unwrap();
    assert_eq!((feeds[0].title.as_str(), feeds[0].stories, feeds[0].unread), ("أ", 1, 1));
    assert_eq!(feeds[1].title, "https://b.example/rss", "untitled feeds show their URL");
    assert_eq!(store.find_feed("أ").unwrap().map(|f| f.id), Some(a));
    assert_eq!(store.find_feed("https://b.example/rss").unwrap().map(|f| f.id), Some(b));
    store.remove_feed(a).unwrap();
    assert_eq!(store.feeds().unwrap().len(), 1);
    assert!(store.stories(&StoryFilter::default()).unwrap().is_empty());
    assert!(store.stories(&StoryFilter { search: Some("خبر".into()), ..Default::default() }).unwrap().is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn stories_dedup_by_guid_then_link_then_title_and_date() {
    let (dir, mut store) = temp_db("dedup");
    let f = store.add_feed("https://a.example/rss", None).unwrap();
    let first = [
        new_story(Some("g"), Some("https://a.example/1"), "واحد", "2024-11-01T10:00:00Z", "نص"),
        new_story(None, Some("https://a.example/2"), "اثنان", "2024-11-02T10:00:00Z", "نص"),
        new_story(None, None, "ثلاثة", "2024-11-03T10:00:00Z", "نص"),
    ];
    assert_eq!(store.save_fetch(f, &record(), &first).unwrap(), 3);
    let again = [
        new_story(Some("g"), Some("https://a.example/changed"), "واحد معدل", "2024-11-01T10:00:00Z", "نص"),
        new_story(None, Some("https://a.example/2"), "اثنان", "2024-11-02T10:00:00Z", "نص"),
        new_story(None, None, "ثلاثة", "2024-11-03T12:00:00Z", "نص"),
        new_story(None, None, "ثلاثة", "2024-11-04T10:00:00Z", "نص"),
    ];
    assert_eq!(store.save_fetch(f, &record(), &again).unwrap(), 1, "only the story of another day is new");
    let titles: Vec<String> = store.stories(&StoryFilter::default()).unwrap().into_iter().map(|s| s.title).collect();
    assert_eq!(titles, vec!["ثلاثة", "ثلاثة", "اثنان", "واحد"], "newest first");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn search_folds_like_the_reader_and_read_marks_stick() {
    let (dir, mut store) = temp_db("search");
    let f = store.add_feed("https://a.example/rss", None).unwrap();
    let stories = [
        new_story(Some("1"), None, "قصف على غزّة", "2024-11-01T10:00:00Z", "قال مسؤولون"),
        new_story(Some("2"), None, "اقتصاد", "2024-11-02T10:00:00Z", "ارتفع التضخم 24.5% في مارس"),
        new_story(Some("3"), None, "Sport", "2024-11-03T10:00:00Z", "iPhone و*نجمة"),
    ];
    store.save_fetch(f, &record(), &stories).unwrap();
    let find = |q: &str| -> Vec<String> {
        store
            .stories(&StoryFilter { search: Some(q.into()), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    assert_eq!(find("غزة"), vec!["قصف على غزّة"], "harakat and ة/ه folded");
    assert_eq!(find("وغزه"), Vec::<String>::new());
    assert_eq!(find("مسوولون"), vec!["قصف على غزّة"], "hamza seats folded");
    assert_eq!(find("IPHONE"), vec!["Sport"]);
    assert_eq!(find("*"), vec!["Sport"], "wildcards are literal");
    assert_eq!(find("في"), vec!["اقتصاد"], "queries shorter than a trigram still work");
    assert!(find("ـ").is_empty(), "a query that folds to nothing finds nothing");
    let id = store.stories(&StoryFilter::default()).unwrap()[0].id;
    store.set_read(id, true).unwrap();
    let unread = store.stories(&StoryFilter { unread_only: true, ..Default::default() }).unwrap();
    assert_eq!(unread.len(), 2);
    let whole = store.story(id).unwrap().unwrap();
    assert!(whole.head.read);
    assert_eq!(whole.story.paragraphs, vec!["iPhone و*نجمة"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_newer_schema_is_refused_and_an_old_one_migrated() {
    let (dir, store) = temp_db("schema");
    let path = dir.join("qari.db");
    store.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(store);
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("made by a newer qari"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
    let (dir, store) = temp_db("schema2");
    let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, schema::VERSION);
    let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn validators_are_kept_between_fetches() {
    let (dir, mut store) = temp_db("validators");
    let f = store.add_feed("https://a.example/rss", None).unwrap();
    let v = Validators {
        etag: Some("\"x\"".into()),
        last_modified: Some("Fri, 01 Nov 2024 10:00:00 GMT".into()),
        retry_after: None,
    };
    store
        .save_fetch(f, &FetchRecord { validators: Some(v.clone()), feed_title: Some("عنوان".into()), ..record() }, &[])
        .unwrap();
    store.save_fetch(f, &FetchRecord { result: "not modified".into(), ..record() }, &[]).unwrap();
    assert_eq!(store.validators(f).unwrap(), v, "a fetch without new validators keeps the old");
    let feed = &store.feeds().unwrap()[0];
    assert_eq!(feed.title, "عنوان", "the feed's own title when the user gave none");
    assert_eq!(feed.last_result.as_deref(), Some("not modified"));
    std::fs::remove_dir_all(dir).unwrap();
}
