//! The reader's edge: configuration, terminal set-up and restore, the event loop. Keys go to
//! `App::handle`, frames are drawn from `&App`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind,
};
use ratatui::crossterm::{execute, terminal};

use crate::app::config::ThemeChoice;
use crate::app::keys::{Action, Key, Keymap};
use std::sync::mpsc::Receiver;

use crate::app::shelf::{Fetcher, Shelf};
use crate::app::{config, state, App};
use crate::article::{load_bytes, Library, LoadError};
use crate::feed::{FeedId, StoredStory, StoryHead, StoryId, Subscription};
use crate::fetch::Event as FetchEvent;
use crate::i18n::{InterfaceChoices, Msg};
use crate::layout::{BidiMode, LayoutChoices};
use crate::say::say;
use crate::store::{Store, StoreError, StoryFilter};
use crate::terminal::backend::BidiBackend;
use crate::terminal::escapes::{ALTERNATE_SCREEN_OFF, ALTERNATE_SCREEN_ON};
use crate::terminal::query::{self, LateAnswer, Questions, RawKey};
use crate::terminal::{advice, tmux, Multiplexer, Passthrough, Plan, Terminal};

/// What the person asked of the reader (the command line's options; the config fills in the
/// rest).
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    /// Article files or folders (none: the bundled sample library).
    pub paths: Vec<PathBuf>,
    pub mouse: bool,
    pub no_state: bool,
    /// Colours for a light or dark background (none: the config's, else ask the terminal).
    pub theme: Option<ThemeChoice>,
    pub layout: LayoutChoices,
    pub interface: InterfaceChoices,
}

/// Why the reader could not run.
#[derive(Debug, thiserror::Error)]
pub enum ReaderError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}: no stories to read")]
    NoStories(String),
    #[error("the reader needs a terminal; to read in a pipe use `qari render` or `qari extract`")]
    NotATerminal,
    #[error("terminal: {0}")]
    Terminal(std::io::Error),
}

/// The bundled sample library: the folder beside the sources when run from a checkout, else
/// the sample compiled into the binary.
fn bundled_library() -> Result<Library, LoadError> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets").join("articles");
    if dir.is_dir() {
        return Library::open(&[dir]);
    }
    let sample = include_bytes!("../assets/articles/000_d88aa69e352b5fd0.txt");
    let loaded = load_bytes(sample, "assets/articles/000_d88aa69e352b5fd0.txt")?;
    Ok(Library::from_articles(vec![loaded.article]))
}

pub fn run(reader: ReaderOptions) -> Result<(), ReaderError> {
    let env = |k: &str| std::env::var(k).ok();
    let (config, config_problem) = config::load(config::config_path(&env).as_deref());
    let mut notices: Vec<String> = Vec::new();
    if let Some(problem) = config_problem {
        say(&problem);
        notices.push(problem);
    }
    let interface = reader.interface.or(config.interface()).resolve(&env);
    let (keymap, key_problems) = Keymap::with_overrides(&config.keys);
    for p in key_problems {
        say(&format!("config: {p}"));
        notices.push(interface.fill(Msg::ConfigProblem, &[("problem", &p)]));
    }
    let layout = reader.layout.or(config.layout());
    let bidi = layout.bidi();
    let options = layout.layout_options(80, &env);
    let mouse = reader.mouse || config.mouse.unwrap_or(false);

    let library = if reader.paths.is_empty() { bundled_library()? } else { Library::open(&reader.paths)? };
    if library.order.is_empty() {
        let names: Vec<String> = reader.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(ReaderError::NoStories(names.join(", ")));
    }
    let state_path = if reader.no_state { None } else { state::state_path(&env) };
    let (saved, state_problem) = match &state_path {
        Some(p) => state::load(p),
        None => (state::State::default(), None),
    };
    notices.extend(state_problem);

    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(ReaderError::NotATerminal);
    }
    let mut app = App::new(library, options, keymap, saved, true);
    let settings = crate::fetch::Settings::from_config(&config.fetch, &config.feeds);
    match feeds_of_store(&env, settings) {
        Ok(Some((shelf, fetcher))) => app.attach_feeds(shelf, Some(fetcher)),
        Ok(None) => {}
        Err(e) => notices.push(e.to_string()),
    }
    app.theme = config.theme.clone();
    app.set_interface(interface);
    app.color = env("NO_COLOR").is_none_or(|v| v.is_empty());
    for notice in &notices {
        app.notify(notice);
    }

    let terminal = Terminal::detect(&env);
    let theme = reader.theme.or(config.theme.background).unwrap_or_default();
    let result = run_terminal(&mut app, &terminal, bidi, theme, mouse);
    if let Some(path) = &state_path {
        app.state.positions.insert(app.key_of(app.current), app.view.position());
        if let Err(e) = state::save(path, &app.state) {
            say(&format!("could not save reading positions to {}: {e}", path.display()));
        }
    }
    result.map_err(ReaderError::Terminal)
}

/// What the reader does to the terminal, and undoes: raw mode, the terminal's own bidi, the
/// alternate screen, the mouse. Undone on exit, on error and on panic.
#[derive(Clone)]
struct Setup {
    plan: Plan,
    mouse: bool,
}

impl Setup {
    /// Raw mode is on. The terminal's bidi is set before the alternate screen is entered, so
    /// the rows that screen makes are made in explicit mode (VTE keeps the mode per row).
    fn enter(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(&[self.plan.enter().as_slice(), ALTERNATE_SCREEN_ON].concat())?;
        if self.mouse {
            execute!(out, EnableMouseCapture)?;
        }
        out.flush()?;
        if self.plan.passthrough == Passthrough::Tmux {
            tmux::refresh_client();
        }
        Ok(())
    }

    /// The terminal as it was found: the alternate screen left first, then its bidi back.
    fn leave(&self, out: &mut impl Write) {
        let _ = terminal::disable_raw_mode();
        if self.mouse {
            let _ = execute!(out, DisableMouseCapture);
        }
        let show_cursor = b"\x1b[?25h";
        let _ = out.write_all(&[ALTERNATE_SCREEN_OFF, show_cursor, self.plan.leave().as_slice()].concat());
        let _ = out.flush();
        if self.plan.passthrough == Passthrough::Tmux {
            tmux::refresh_client();
        }
    }
}

fn run_terminal(
    app: &mut App,
    terminal: &Terminal,
    bidi: BidiMode,
    theme: ThemeChoice,
    mouse: bool,
) -> std::io::Result<()> {
    let reorder = bidi == BidiMode::App;
    let tmux_allows = reorder && terminal.multiplexer == Some(Multiplexer::Tmux) && tmux::allows_passthrough();
    terminal::enable_raw_mode()?;
    // asked while raw mode is on and before anything is drawn
    let env = |k: &str| std::env::var(k).ok();
    let questions = Questions::for_terminal(terminal, reorder, app.color && theme == ThemeChoice::Auto, &env);
    let answers = query::ask(&questions, query::ANSWER_TIMEOUT).unwrap_or_default();
    let colorfgbg = std::env::var("COLORFGBG").ok();
    app.background = crate::terminal::background(theme, answers.background, colorfgbg.as_deref()).0;
    let plan = if std::env::var("QARI_TERMINAL_SETUP").is_ok_and(|v| v == "off") {
        // for comparing with a terminal prepared by hand (scripts/real-terminals.sh)
        Plan::hands_off()
    } else {
        Plan::new(terminal, reorder, Passthrough::for_terminal(terminal, tmux_allows), answers.mlterm_use_ctl)
    };
    for notice in advice::for_reader(terminal, &plan) {
        app.notify(app.interface.text(notice));
    }
    let setup = Setup { plan, mouse };
    let on_panic = setup.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        on_panic.leave(&mut std::io::stdout());
        previous(info);
    }));
    let mut out = std::io::stdout();
    let result = setup.enter(&mut out).and_then(|()| {
        let mut screen = ratatui::Terminal::new(BidiBackend::new(setup.plan.reassert()))?;
        let late = LateAnswer::new(answers.may_come_late(&questions));
        event_loop(&mut screen, app, late)
    });
    setup.leave(&mut out);
    let _ = std::panic::take_hook();
    result
}

fn event_loop(
    terminal: &mut ratatui::Terminal<BidiBackend>,
    app: &mut App,
    mut late: LateAnswer,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    while !app.quit {
        if app.redraw {
            app.redraw = false;
            // resizing to the same size clears and forgets the last frame; `clear()` would
            // also ask the terminal where the cursor is, which a full-screen reader needs not
            let area = terminal.size()?.into();
            terminal.resize(area)?;
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
        }
        if event::poll(Duration::from_millis(50))? {
            match event::read()? {
                Event::Key(k) if late.swallows(raw_key(k.code, k.modifiers)) => {}
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if let Some(key) = key_of(k.code, k.modifiers) {
                        app.clear_messages();
                        app.handle(key);
                        dirty = true;
                    }
                }
                Event::Resize(w, h) => {
                    app.resize(w, h);
                    terminal.autoresize()?;
                    dirty = true;
                }
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::ScrollDown => {
                        (0..3).for_each(|_| app.act(Action::Down));
                        dirty = true;
                    }
                    MouseEventKind::ScrollUp => {
                        (0..3).for_each(|_| app.act(Action::Up));
                        dirty = true;
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        dirty |= app.poll();
        if let Some(url) = app.feeds.open_link.take() {
            if let Err(e) = open_in_browser(&url) {
                app.notify(&format!("{url}: {e}"));
                dirty = true;
            }
        }
    }
    Ok(())
}

/// The store as the reader reaches it: to read, and to fetch into.
type StoreFeeds = (Box<dyn Shelf>, Box<dyn Fetcher>);

/// The store's feeds for the library, when there is a store: the reader never creates one.
fn feeds_of_store(
    env: &dyn Fn(&str) -> Option<String>,
    settings: crate::fetch::Settings,
) -> Result<Option<StoreFeeds>, StoreError> {
    let Some(path) = crate::store::data_dir(env).map(|d| d.join(crate::store::DB_NAME)) else { return Ok(None) };
    if !path.is_file() {
        return Ok(None);
    }
    let store = Store::open(&path)?;
    Ok(Some((Box::new(StoreShelf(store)), Box::new(BackgroundFetcher { path, settings }))))
}

/// The store as the reader asks it.
struct StoreShelf(Store);

impl Shelf for StoreShelf {
    fn feeds(&self) -> Result<Vec<Subscription>, String> {
        self.0.feeds().map_err(|e| e.to_string())
    }

    fn stories_of(&self, feed: FeedId) -> Result<Vec<StoryHead>, String> {
        self.0.stories(&StoryFilter { feed: Some(feed), ..StoryFilter::default() }).map_err(|e| e.to_string())
    }

    fn search(&self, query: &str) -> Result<Vec<StoryHead>, String> {
        let filter = StoryFilter { search: Some(query.to_string()), limit: Some(500), ..StoryFilter::default() };
        self.0.stories(&filter).map_err(|e| e.to_string())
    }

    fn story(&self, id: StoryId) -> Result<Option<StoredStory>, String> {
        self.0.story(id).map_err(|e| e.to_string())
    }

    fn set_read(&self, id: StoryId, read: bool) -> Result<(), String> {
        self.0.set_read(id, read).map_err(|e| e.to_string())
    }
}

/// Fetches in a thread of its own, with its own connection to the store (SQLite's WAL lets
/// the reader read meanwhile).
struct BackgroundFetcher {
    path: PathBuf,
    settings: crate::fetch::Settings,
}

impl Fetcher for BackgroundFetcher {
    fn start(&self, feeds: Vec<Subscription>) -> Receiver<FetchEvent> {
        let (send, receive) = std::sync::mpsc::channel();
        let (path, settings) = (self.path.clone(), self.settings.clone());
        std::thread::spawn(move || {
            let result = Store::open(&path).and_then(|mut store| {
                crate::fetch::fetch_feeds(&mut store, &feeds, &settings, &mut |e| {
                    let _ = send.send(e.clone());
                })
            });
            if let Err(e) = result {
                // the reader hears of every feed, so its progress ends
                for f in feeds {
                    let outcome = crate::fetch::Outcome::Failed(e.to_string());
                    let report = crate::fetch::Report { feed: f.id, title: f.title, url: f.url, outcome };
                    let _ = send.send(FetchEvent::Finished(report));
                }
            }
        });
        receive
    }
}

/// `$BROWSER` (its `%s` replaced by the URL, else the URL added), else the platform's opener.
fn open_in_browser(url: &str) -> std::io::Result<()> {
    let browser = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty());
    let mut words: Vec<String> = match &browser {
        Some(b) => b.split(':').next().unwrap_or(b).split_whitespace().map(String::from).collect(),
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None => vec!["xdg-open".into()],
    };
    if words.iter().any(|w| w.contains("%s")) {
        words.iter_mut().for_each(|w| *w = w.replace("%s", url));
    } else {
        words.push(url.to_string());
    }
    let (program, args) = words.split_first().ok_or_else(|| std::io::Error::other("BROWSER is empty"))?;
    std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

fn raw_key(code: KeyCode, modifiers: KeyModifiers) -> RawKey {
    match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::ALT) => RawKey::Alt(c),
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => RawKey::Ctrl(c),
        KeyCode::Char(c) => RawKey::Char(c),
        _ => RawKey::Other,
    }
}

fn key_of(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
    Some(match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        _ => return None,
    })
}
