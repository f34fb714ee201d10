//! The reader drawn into a TestBackend at 120×40, 80×24 and 40×12: what is where, and the
//! styles of highlights asserted on cells.

use qari::app::keys::{Key, Keymap};
use qari::app::state::State;
use qari::app::App;
use qari::article::{load_bytes, Library, StoryRef};
use qari::extract::extract_story;
use qari::layout::LayoutOptions;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

/// A reader over one article, extracting nothing by itself (tests give it its facts).
fn reader_of(article: qari::article::Article, options: LayoutOptions) -> App {
    App::new(Library::from_articles(vec![article]), options, Keymap::default(), State::default(), false)
}

fn app(width: u16, height: u16, color: bool) -> App {
    let loaded = load_bytes(include_bytes!("../assets/articles/000_d88aa69e352b5fd0.txt"), "seed.txt").unwrap();
    let mut app = reader_of(loaded.article, LayoutOptions::default());
    for r in app.library.order.clone() {
        let facts = extract_story(app.library.story(r), &[]);
        app.add_facts(r, facts);
    }
    app.color = color;
    app.resize(width, height);
    app
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()).collect()
}

/// Cells (x, y) where `needle`'s characters stand, one a cell, wherever it occurs.
fn cells_of(buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let want: Vec<String> = needle.chars().map(String::from).collect();
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width.saturating_sub(want.len() as u16 - 1) {
            if want.iter().enumerate().all(|(k, s)| buf[(x + k as u16, y)].symbol() == s) {
                found.extend((0..want.len() as u16).map(|k| (x + k, y)));
            }
        }
    }
    found
}

/// Only the cells inside the article pane.
fn in_article(app: &App, cells: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    let a = app.panes().article;
    cells.into_iter().filter(|&(x, y)| x >= a.x && x < a.x + a.width && y >= a.y && y < a.y + a.height).collect()
}

fn visual(text: &str) -> String {
    qari::layout::render_plain(text, &LayoutOptions { width: 0, ..LayoutOptions::default() }).join("")
}

#[test]
fn wide_terminal_shows_three_panes_with_the_title_in_visual_order() {
    let app = app(120, 40, true);
    let buf = draw(&app);
    let rows = rows(&buf);
    assert!(rows[0].contains(&visual("أوستن وغالانت يبحثان فرص الحل الدبلوماسي ووقف الحرب في غزة ولبنان")));
    assert!(rows[1].starts_with('▶'), "the library marks the current story");
    assert!(rows.iter().any(|r| r.contains("2024-11-01 · 11 figures")));
    assert!(rows.iter().any(|r| r.contains("Figures (11)")));
    assert!(rows[39].contains("story 1/2") && rows[39].contains("article"));
    // the article's text is right-aligned: every line of text ends at the pane's last text column
    let a = app.panes().article;
    let last = a.x + a.width - 2;
    for y in a.y..a.y + a.height {
        let has_text = (a.x..=last).any(|x| buf[(x, y)].symbol() != " ");
        assert!(!has_text || buf[(last, y)].symbol() != " ", "row {y} is not right-aligned: {:?}", rows[y as usize]);
    }
}

/// The seed scrolled to its casualty figures: the reader, its screen, and the cells of 43204.
fn at_the_casualties(color: bool) -> (App, Buffer, Vec<(u16, u16)>) {
    let mut app = app(120, 40, color);
    for _ in 0..30 {
        app.handle(Key::Char('j'));
    }
    let buf = draw(&app);
    let cells = in_article(&app, cells_of(&buf, "43204"));
    assert!(!cells.is_empty(), "43204 on screen");
    (app, buf, cells)
}

#[test]
fn figures_are_highlighted_by_kind_and_the_selected_one_stands_out() {
    let (mut app, buf, cells) = at_the_casualties(true);
    for &(x, y) in &cells {
        let cell = &buf[(x, y)];
        assert_eq!(cell.fg, Color::Indexed(qari::ui::theme::DARK.count), "counts in the dark palette's red");
        assert!(cell.modifier.contains(Modifier::BOLD));
    }
    // a name gets the quieter mark
    let gaza = in_article(&app, cells_of(&buf, &visual("غزة")));
    assert!(gaza.iter().any(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED)));
    // ] selects the first figure on screen: reversed
    app.handle(Key::Char(']'));
    let buf = draw(&app);
    let selected = app.current_facts().unwrap().figures[app.selected_figure.unwrap()].clone();
    let digits: String = selected.text.chars().filter(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let cells = in_article(&app, cells_of(&buf, &digits));
        assert!(cells.iter().all(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::REVERSED)));
    }
    // h turns highlights off
    app.handle(Key::Char('h'));
    let buf = draw(&app);
    for (x, y) in in_article(&app, cells_of(&buf, "43204")) {
        assert_eq!(buf[(x, y)].fg, Color::Reset);
    }
}

#[test]
fn on_a_light_background_names_and_figures_are_drawn_in_dark_ink() {
    let (mut app, _, _) = at_the_casualties(true);
    app.background = qari::app::config::Background::Light;
    let buf = draw(&app);
    let light = qari::ui::theme::LIGHT;
    for (x, y) in in_article(&app, cells_of(&buf, "43204")) {
        assert_eq!(buf[(x, y)].fg, Color::Indexed(light.count));
    }
    let gaza = in_article(&app, cells_of(&buf, &visual("غزة")));
    assert!(!gaza.is_empty());
    assert!(gaza.iter().any(|&(x, y)| buf[(x, y)].fg == Color::Indexed(light.entity)));
    // never the light gray (ANSI 7) that vanishes on white
    assert!(gaza.iter().all(|&(x, y)| !matches!(buf[(x, y)].fg, Color::Gray | Color::White)));
    assert_eq!(buf[(0, 0)].bg, Color::Indexed(light.accent), "the title bar");
}

#[test]
fn without_colour_highlights_still_show_by_modifier() {
    let (_, buf, cells) = at_the_casualties(false);
    for &(x, y) in &cells {
        let cell = &buf[(x, y)];
        assert_eq!(cell.fg, Color::Reset);
        assert!(cell.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED));
    }
}

#[test]
fn search_hits_are_painted() {
    let mut app = app(120, 40, true);
    for c in "/غزة".chars() {
        app.handle(Key::Char(c));
    }
    let buf = draw(&app);
    let hit = cells_of(&buf, &visual("غزة"));
    assert!(hit.iter().any(|&(x, y)| buf[(x, y)].bg == Color::Yellow), "hits on a yellow ground");
    assert!(rows(&buf)[39].contains("search 1/"));
}

#[test]
fn at_80x24_the_library_folds_away_and_a_key_brings_it_back() {
    let mut app = app(80, 24, true);
    let buf = draw(&app);
    let r = rows(&buf);
    assert!(!r[1].starts_with('▶'));
    assert!(r.iter().any(|r| r.contains("Figures (11)")));
    app.handle(Key::Char('l'));
    let r = rows(&draw(&app));
    assert!(r[1].starts_with('▶'));
}

#[test]
fn at_40x12_the_panel_is_an_overlay_on_a_key() {
    let mut app = app(40, 12, true);
    let r = rows(&draw(&app));
    assert!(!r.iter().any(|r| r.contains("Figures")));
    assert!(r[11].contains("story 1/2"));
    app.handle(Key::Tab);
    let r = rows(&draw(&app));
    assert!(r.iter().any(|r| r.contains("Figures (11)")), "{r:#?}");
    app.handle(Key::Esc);
    let r = rows(&draw(&app));
    assert!(!r.iter().any(|r| r.contains("Figures")));
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut app = app(80, 24, true);
    app.handle(Key::Char('?'));
    let r = rows(&draw(&app)).join("\n");
    for line in ["q Ctrl-c", "next figure in the text", "Shift-Tab", "search (ignores harakat"] {
        assert!(r.contains(line), "{line} missing from the help");
    }
}

#[test]
fn every_size_down_to_one_cell_draws() {
    let mut app = app(80, 24, true);
    for (w, h) in [(1, 1), (2, 1), (1, 5), (3, 2), (20, 4), (5, 40), (200, 3)] {
        app.resize(w, h);
        for key in [Key::Tab, Key::Char('G'), Key::Char('?'), Key::Esc] {
            app.handle(key);
            draw(&app);
        }
    }
}

#[test]
fn unshaped_lam_alef_takes_two_cells() {
    let loaded = load_bytes("لا سلام\nسلام عليكم".as_bytes(), "x.txt").unwrap();
    let options = LayoutOptions { shaping: false, ..LayoutOptions::default() };
    let mut app = reader_of(loaded.article, options);
    app.resize(40, 10);
    let buf = draw(&app);
    let title = rows(&buf)[0].clone();
    assert!(title.contains("مالس ال"), "لا is two cells, not one: {title:?}");
    let _ = StoryRef { article: 0, story: 0 };
}

#[test]
fn a_paragraph_of_a_hundred_thousand_names_draws_and_scrolls() {
    // every one of them is marked: drawing must only look at the marks of the lines on screen
    let text = format!("عنوان\n{}\n", "غزة ".repeat(100_000));
    let loaded = load_bytes(text.as_bytes(), "names.txt").unwrap();
    let mut app = reader_of(loaded.article, LayoutOptions::default());
    let facts = qari::extract::Facts {
        places: vec![qari::extract::Mention { name: "غزة".into(), mentions: 100_000 }],
        ..qari::extract::Facts::default()
    };
    app.add_facts(StoryRef { article: 0, story: 0 }, facts);
    app.resize(80, 24);
    draw(&app);
    for key in [Key::Char('G'), Key::Char('k'), Key::Char('g')] {
        app.handle(key);
        let buf = draw(&app);
        let marked = in_article(&app, cells_of(&buf, &visual("غزة")));
        assert!(marked.iter().any(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED)));
    }
}

#[test]
fn with_the_terminal_reordering_each_row_holds_one_pane() {
    let loaded = load_bytes(include_bytes!("../assets/articles/000_d88aa69e352b5fd0.txt"), "seed.txt").unwrap();
    let options = LayoutOptions { reorder: false, shaping: false, ..LayoutOptions::default() };
    let mut app = reader_of(loaded.article, options);
    for r in app.library.order.clone() {
        let facts = extract_story(app.library.story(r), &[]);
        app.add_facts(r, facts);
    }
    app.resize(120, 40);
    let article = rows(&draw(&app));
    // logical text: the terminal reorders it
    assert!(article.iter().any(|r| r.contains("أوستن وغالانت")));
    assert!(!article.iter().any(|r| r.contains("Figures (11)")), "no panel beside the article");
    // the body's rows: nothing but the article's text and its scrollbar in the last column
    for row in &article[1..39] {
        let inner: String = row.chars().take(118).collect();
        assert!(!inner.contains('│'), "a pane border on a row: {row}");
    }
    app.handle(Key::Tab);
    let panel = rows(&draw(&app));
    assert!(panel[1].starts_with(" Figures (11)"), "{}", panel[1]);
    assert!(!panel[1..39].iter().any(|r| r.contains("أوستن وغالانت يبحثان فرص الحل")), "the article is covered");
    app.handle(Key::Tab);
    let library = rows(&draw(&app));
    assert!(library[1].starts_with('▶'), "{}", library[1]);
    assert!(library[2].contains("2024-11-01 · 11 figures"));
    assert!(!library.iter().any(|r| r.contains("Figures (11)")));
}

// ---- the Arabic interface ----

use qari::i18n::{Digits, Interface, Months};
use qari::layout::BaseDirection;

/// The seed read in Arabic at `width`×`height`.
fn arabic(width: u16, height: u16, interface: Interface) -> App {
    let mut app = app(width, height, true);
    app.set_interface(interface);
    app.resize(width, height);
    app
}

/// How an interface string looks on screen: laid out as the Arabic interface lays it out.
fn rtl(text: &str) -> String {
    let options = LayoutOptions { width: 0, direction: BaseDirection::Rtl, ..LayoutOptions::default() };
    qari::layout::render_plain(text, &options).join("")
}

/// The columns of row `y` between `from` and `to` (exclusive) that hold something.
fn inked(buf: &Buffer, y: u16, from: u16, to: u16) -> Vec<u16> {
    (from..to).filter(|&x| buf[(x, y)].symbol() != " ").collect()
}

#[test]
fn arabic_at_120x40_mirrors_the_panes_and_speaks_arabic() {
    let app = arabic(120, 40, Interface::arabic());
    let buf = draw(&app);
    let rows = rows(&buf);
    let p = app.panes();
    let (library, panel, article) = (p.library.unwrap(), p.panel.unwrap(), p.article);
    assert_eq!(library.x + library.width, 120, "the library is drawn at the right edge");
    assert_eq!(panel.x, 0, "the facts panel at the left");
    assert!(panel.x + panel.width < article.x && article.x + article.width < library.x);
    // the current story is marked on the library's right edge, its date in Arabic words
    assert_eq!(buf[(119, 1)].symbol(), "◀");
    assert!(rows[2].contains(&rtl("1 نوفمبر 2024 · 11 رقمًا")), "{:?}", rows[2]);
    assert!(rows[4].contains(&rtl("بلا تاريخ · 6 أرقام")), "{:?}", rows[4]);
    // the app's name on the right of the title bar, the status bar's fields from the right
    assert!(rows[0].trim_end().ends_with(&rtl("قارئ")), "{:?}", rows[0]);
    assert!(rows[39].trim_end().ends_with(&rtl("القصة 1 من 2")), "{:?}", rows[39]);
    assert!(rows[39].contains(&rtl("المقال")));
    // panel headings and labels from the Arabic catalog, every line ending at the right
    let panel_rows: Vec<String> = (panel.y..panel.y + panel.height)
        .map(|y| rows[y as usize].chars().take(panel.width as usize).collect())
        .collect();
    let panel_text = panel_rows.join("\n");
    for heading in ["الأرقام (11)", "· أعداد", "· تواريخ", "1,250 · قتلى · أكثر من", "43,204 · قتلى"]
    {
        assert!(panel_text.contains(&rtl(heading)), "{heading} missing from the panel:\n{panel_text}");
    }
    assert!(!panel_text.contains("Figures"), "no English in the Arabic panel");
    let right = panel.x + panel.width - 2;
    for y in panel.y..panel.y + panel.height {
        let ink = inked(&buf, y, panel.x, panel.x + panel.width);
        assert!(
            ink.is_empty() || ink.last() == Some(&right),
            "panel row {y} is not right-aligned: {:?}",
            rows[y as usize]
        );
    }
    // the scrollbar on the article's left edge, facing the panel
    let bar: Vec<&str> = (article.y..article.y + article.height).map(|y| buf[(article.x, y)].symbol()).collect();
    assert!(bar.iter().all(|s| *s == "│" || *s == "█"), "{bar:?}");
    assert!(bar.contains(&"█"));
}

#[test]
fn arabic_at_80x24_folds_the_library_and_brings_it_back_on_the_right() {
    let mut app = arabic(80, 24, Interface::arabic());
    let buf = draw(&app);
    let r = rows(&buf);
    assert!(app.panes().library.is_none());
    assert_eq!(app.panes().panel.unwrap().x, 0);
    assert!(r.iter().any(|r| r.contains(&rtl("الأرقام (11)"))), "{r:#?}");
    assert!(r[23].trim_end().ends_with(&rtl("القصة 1 من 2")));
    app.handle(Key::Char('l'));
    let buf = draw(&app);
    assert_eq!(buf[(79, 1)].symbol(), "◀", "the library comes back at the right edge");
}

#[test]
fn arabic_help_is_generated_from_the_keymap_with_arabic_descriptions() {
    let mut app = arabic(80, 24, Interface::arabic());
    app.handle(Key::Char('?'));
    let r = rows(&draw(&app)).join("\n");
    for line in ["الرقم التالي في النص", "خروج", "المفاتيح"] {
        assert!(r.contains(&rtl(line)), "{line} missing from the help:\n{r}");
    }
    // key names stay as they are written, brackets not mirrored
    assert!(r.contains("q Ctrl-c") && r.contains("Shift-Tab"));
    let next_figure = r.lines().find(|l| l.contains(&rtl("الرقم التالي في النص"))).unwrap();
    assert!(next_figure.contains("] │"), "the key at the box's right edge, not mirrored: {next_figure:?}");
}

#[test]
fn arabic_indic_digits_for_what_the_interface_writes_never_for_the_article() {
    let (mut app, _, _) = at_the_casualties(true);
    app.set_interface(Interface { digits: Digits::ArabicIndic, ..Interface::arabic() });
    let buf = draw(&app);
    let r = rows(&buf).join("\n");
    assert!(r.contains(&rtl("٤٣٬٢٠٤ · قتلى")), "panel values in Arabic-Indic digits:\n{r}");
    assert!(r.contains(&rtl("القصة ١ من ٢")));
    assert!(!in_article(&app, cells_of(&buf, "43204")).is_empty(), "the article keeps its own digits");
}

#[test]
fn dates_take_the_month_names_the_story_uses_unless_chosen() {
    let text = "عنوان الخبر\nتاريخ النشر: 2024-01-03\nوقع الانفجار في 3 كانون الثاني الماضي.\n";
    let loaded = load_bytes(text.as_bytes(), "levant.txt").unwrap();
    let mut app = reader_of(loaded.article, LayoutOptions::default());
    app.add_facts(StoryRef { article: 0, story: 0 }, qari::extract::Facts::default());
    app.set_interface(Interface::arabic());
    app.want_library = Some(true);
    app.resize(120, 20);
    let r = rows(&draw(&app)).join("\n");
    assert!(r.contains(&rtl("3 كانون الثاني 2024")), "{r}");
    app.set_interface(Interface { months: Some(Months::Maghrebi), ..Interface::arabic() });
    let r = rows(&draw(&app)).join("\n");
    assert!(r.contains(&rtl("3 جانفي 2024")), "{r}");
}

#[test]
fn left_and_right_move_the_focus_to_the_pane_on_that_side() {
    let mut english = app(120, 40, true);
    english.handle(Key::Right);
    assert_eq!(english.focus, qari::app::Focus::Panel, "English: the panel is on the right");
    english.handle(Key::Right);
    assert_eq!(english.focus, qari::app::Focus::Panel, "no wrapping past the edge");
    let mut arabic = arabic(120, 40, Interface::arabic());
    arabic.handle(Key::Left);
    assert_eq!(arabic.focus, qari::app::Focus::Panel, "Arabic: the panel is on the left");
    arabic.handle(Key::Right);
    arabic.handle(Key::Right);
    assert_eq!(arabic.focus, qari::app::Focus::Library, "and the library on the right");
    // Tab keeps its order, library → article → panel, which runs right to left in Arabic
    arabic.handle(Key::Tab);
    assert_eq!(arabic.focus, qari::app::Focus::Article);
}

#[test]
fn arabic_draws_at_every_size_and_overlays_the_panel_below_60() {
    let mut app = arabic(40, 12, Interface::arabic());
    let r = rows(&draw(&app));
    assert!(!r.iter().any(|r| r.contains(&rtl("الأرقام (11)"))));
    app.handle(Key::Tab);
    let r = rows(&draw(&app));
    assert!(r.iter().any(|r| r.contains(&rtl("الأرقام (11)"))), "{r:#?}");
    assert!(r[11].contains(&rtl("الحقائق")), "the status bar names the focused pane: {:?}", r[11]);
    for (w, h) in [(1, 1), (2, 1), (1, 5), (3, 2), (20, 4), (5, 40), (200, 3)] {
        app.resize(w, h);
        for key in [Key::Tab, Key::Left, Key::Right, Key::Char('G'), Key::Char('?'), Key::Esc] {
            app.handle(key);
            draw(&app);
        }
    }
}

/// A store of two feeds, as the reader's interface to it sees one.
struct TwoFeeds;

impl qari::app::shelf::Shelf for TwoFeeds {
    fn feeds(&self) -> Result<Vec<qari::feed::Subscription>, String> {
        let feed = |id: i64, title: &str, stories, unread| qari::feed::Subscription {
            id,
            url: format!("https://n.example/{id}"),
            title: title.into(),
            stories,
            unread,
            last_fetch: None,
            last_result: None,
        };
        Ok(vec![feed(1, "BBC Arabic", 3, 2), feed(2, "الجزيرة", 1, 0)])
    }
    fn stories_of(&self, feed: i64) -> Result<Vec<qari::feed::StoryHead>, String> {
        let head = |id, title: &str, read| qari::feed::StoryHead {
            id,
            feed,
            title: title.into(),
            published: Some("2024-11-02T10:00:00Z".into()),
            read,
        };
        Ok(vec![head(10, "Unread story", false), head(11, "Read story", true)])
    }
    fn search(&self, _: &str) -> Result<Vec<qari::feed::StoryHead>, String> {
        Ok(Vec::new())
    }
    fn story(&self, _: i64) -> Result<Option<qari::feed::StoredStory>, String> {
        Ok(None)
    }
    fn set_read(&self, _: i64, _: bool) -> Result<(), String> {
        Ok(())
    }
}

/// Never answers: a fetch that stays in progress.
struct Pending(std::sync::Mutex<Vec<std::sync::mpsc::Sender<qari::fetch::Event>>>);

impl qari::app::shelf::Fetcher for Pending {
    fn start(&self, _: Vec<qari::feed::Subscription>) -> std::sync::mpsc::Receiver<qari::fetch::Event> {
        let (send, receive) = std::sync::mpsc::channel();
        self.0.lock().unwrap().push(send);
        receive
    }
}

#[test]
fn feeds_stand_above_the_files_with_unread_counts_and_marks_and_a_fetch_shows_in_the_status_bar() {
    let mut app = app(120, 40, true);
    app.attach_feeds(Box::new(TwoFeeds), Some(Box::new(Pending(Default::default()))));
    let buf = draw(&app);
    let r = rows(&buf);
    assert!(r[1].starts_with("▸BBC Arabic"), "{}", r[1]);
    assert!(r[2].contains("2 unread of 3"), "{}", r[2]);
    assert!(r[4].contains("0 unread of 1"), "{}", r[4]);
    // a feed with unread stories stands out; one without does not
    assert!(buf[(1, 1)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(1, 3)].modifier.contains(Modifier::BOLD));
    // the files follow: the open story is marked
    assert!(r[5].starts_with('▶'), "{}", r[5]);
    // the first feed opened: its stories under it, unread marked
    app.focus = qari::app::Focus::Library;
    app.library_selected = 0;
    app.handle(Key::Enter);
    let r = rows(&draw(&app));
    assert!(r[1].starts_with('▾'), "{}", r[1]);
    assert!(r[3].starts_with("● Unread story"), "{}", r[3]);
    assert!(r[4].contains("2024-11-02 · BBC Arabic"), "{}", r[4]);
    assert!(r[5].starts_with("  Read story"), "{}", r[5]);
    // r on the feed: the status bar says what is being fetched
    app.handle(Key::Char('r'));
    let r = rows(&draw(&app));
    assert!(r[39].contains("fetching 0/1"), "{}", r[39]);
}
