//! The reader's state and what keys do to it. Pure: no terminal here. The event loop
//! (`crate::reader`) feeds keys in and `crate::ui` draws from `&App`.

pub mod config;
pub mod keys;
pub mod library_index;
pub mod panel;
pub mod panel_index;
pub mod panes;
pub mod search;
pub mod shelf;
pub mod state;
pub mod view;
pub mod worker;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use crate::article::{Library, LinkKind, Story, StoryRef};
use crate::extract::related::{related, Profile};
use crate::extract::{Facts, FigureKind};
use crate::i18n::{Interface, Months, Msg};
use crate::layout::{strong_direction, BaseDirection, Direction, LayoutOptions};
use keys::{Action, Key, Keymap};
use panel::{Item, LinkTarget};
use panes::Panes;
use state::{Position, State};
use view::{ArticleView, Block, BlockKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Library,
    Article,
    Panel,
}

impl Focus {
    /// The pane's name, as the status bar shows it.
    pub fn name(self) -> Msg {
        match self {
            Focus::Library => Msg::FocusLibrary,
            Focus::Article => Msg::FocusArticle,
            Focus::Panel => Msg::FocusPanel,
        }
    }
}

/// A search: what is typed, where it looks, what it found.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub editing: bool,
    pub query: String,
    /// Story scope: (block, char range). Library scope: positions in the library order.
    pub hits: Vec<(usize, Range<usize>)>,
    pub in_library: bool,
    pub current: usize,
}

/// The highlights of a block: char ranges and what they are, in order of start.
pub type Marks = Vec<(Range<usize>, Mark)>;

/// A span of a block to paint, by what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Figure { kind: FigureKind, index: usize },
    Entity,
}

pub struct App {
    pub library: Arc<Library>,
    pub keymap: Keymap,
    pub focus: Focus,
    pub current: StoryRef,
    pub view: ArticleView,
    history: Vec<(StoryRef, Position)>,
    /// Selection in the library list (an index into `rows`).
    pub library_selected: usize,
    /// The library list: feeds and their stories, then files.
    pub rows: Vec<shelf::Row>,
    /// Subscriptions and stored stories (none without a store).
    pub feeds: shelf::Feeds,
    pub panel_selected: usize,
    pub facts: HashMap<StoryRef, Arc<Facts>>,
    profiles: HashMap<StoryRef, Profile>,
    /// Linked stories of the current story: its read-also links, then related ones.
    pub links: Vec<LinkTarget>,
    links_computed_with: usize,
    /// Figure highlights of the current story by block.
    figure_marks: HashMap<usize, Marks>,
    /// Names to mark quietly (people, their family names, places, organizations), found
    /// all at once.
    entity_names: search::NameFinder,
    /// Highlights by block, figured out as blocks are drawn.
    marks: RefCell<HashMap<usize, Rc<Marks>>>,
    /// The side panel's items, made once per story and again when its links change.
    pub panel: panel_index::PanelIndex,
    /// Where the current story stands in the library's order.
    pub current_position: usize,
    /// Library search's index, made at the first library search.
    library_index: Option<library_index::LibraryIndex>,
    pub selected_figure: Option<usize>,
    pub search: Search,
    pub show_help: bool,
    /// The first line of the help shown (a short terminal scrolls it).
    pub help_scroll: usize,
    pub highlights: bool,
    pub reveal_controls: bool,
    pub want_library: Option<bool>,
    pub want_panel: Option<bool>,
    /// Messages for the status bar, newest last; clean of controls (see [`App::notify`]).
    messages: Vec<String>,
    pub quit: bool,
    /// The whole screen is to be drawn again from nothing (the terminal edge clears it).
    pub redraw: bool,
    pub size: (u16, u16),
    pub state: State,
    pub theme: config::Theme,
    /// The background the palette is for.
    pub background: config::Background,
    /// The interface's language, digits and month names (set with [`App::set_interface`]).
    pub interface: Interface,
    /// The month names each story writes, found when the library first shows it.
    months: RefCell<HashMap<StoryRef, Months>>,
    /// Colours on (off under NO_COLOR: modifiers carry the highlights alone).
    pub color: bool,
    options: LayoutOptions,
    worker: Option<worker::Worker>,
}

/// How many blocks keep their highlights once found (a screen shows a few dozen at most).
const MARKED_BLOCKS_KEPT: usize = 512;

/// The key under which a story's reading position is kept.
pub fn story_key(library: &Library, r: StoryRef) -> String {
    format!("{}#{}", library.articles[r.article].path, r.story)
}

impl App {
    /// A reader over `library` (which must hold at least one story).
    pub fn new(
        library: Library,
        options: LayoutOptions,
        keymap: Keymap,
        state: State,
        extract_in_background: bool,
    ) -> App {
        let library = Arc::new(library);
        let first = library.order.first().copied().unwrap_or(StoryRef { article: 0, story: 0 });
        let start = state
            .last
            .as_ref()
            .and_then(|key| library.order.iter().copied().find(|&r| story_key(&library, r) == *key))
            .filter(|_| library.articles.len() > 1)
            .unwrap_or(first);
        let worker = extract_in_background.then(|| worker::Worker::start(Arc::clone(&library)));
        let mut app = App {
            messages: library.notices.iter().map(|n| clean_message(n)).collect(),
            library,
            keymap,
            focus: Focus::Article,
            current: start,
            view: ArticleView::new(Vec::new()),
            history: Vec::new(),
            library_selected: 0,
            rows: Vec::new(),
            feeds: shelf::Feeds::default(),
            panel_selected: 0,
            facts: HashMap::new(),
            profiles: HashMap::new(),
            links: Vec::new(),
            links_computed_with: usize::MAX,
            figure_marks: HashMap::new(),
            entity_names: search::NameFinder::new([]),
            marks: RefCell::new(HashMap::new()),
            panel: panel_index::PanelIndex::default(),
            current_position: 0,
            library_index: None,
            selected_figure: None,
            search: Search::default(),
            show_help: false,
            help_scroll: 0,
            highlights: true,
            reveal_controls: false,
            want_library: None,
            want_panel: None,
            quit: false,
            redraw: false,
            size: (80, 24),
            state,
            theme: config::Theme::default(),
            background: config::Background::default(),
            interface: Interface::default(),
            months: RefCell::new(HashMap::new()),
            color: true,
            options,
            worker,
        };
        app.rebuild_rows();
        app.open(start, false);
        app
    }

    /// Speak another language (or write other digits or month names): the panes mirror and
    /// the open story's meta line is written again.
    pub fn set_interface(&mut self, interface: Interface) {
        self.interface = interface;
        self.months.borrow_mut().clear();
        self.lay_out_story(Some(self.view.position()));
    }

    pub fn layout_options(&self) -> LayoutOptions {
        self.options
    }

    pub fn story(&self) -> &Story {
        self.story_at(self.current)
    }

    pub fn current_facts(&self) -> Option<&Facts> {
        self.facts.get(&self.current).map(|f| &**f)
    }

    /// Where the panes are: library, article, panel from the left, or from the right when
    /// the interface is Arabic.
    pub fn panes(&self) -> Panes {
        let p = if self.one_pane_at_a_time() {
            panes::one_at_a_time(self.size.0, self.size.1, self.focus)
        } else {
            panes::panes(self.size.0, self.size.1, self.want_library, self.want_panel)
        };
        if self.interface.rtl() {
            p.mirrored(self.size.0)
        } else {
            p
        }
    }

    /// A terminal that reorders (`--bidi terminal`) reorders whole rows: the panes take turns.
    pub fn one_pane_at_a_time(&self) -> bool {
        !self.options.reorder
    }

    /// The terminal's new size: the article pane keeps its reading position.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let panes = self.panes();
        // focus never stays on a pane that folded away
        if (self.focus == Focus::Panel && panes.panel.is_none())
            || (self.focus == Focus::Library && panes.library.is_none())
        {
            self.focus = Focus::Article;
        }
        let a = panes.article;
        self.view.resize(usize::from(a.width.saturating_sub(2)).max(1), usize::from(a.height));
    }

    /// Extracted facts that arrived from the background: returns whether anything changed.
    pub fn poll(&mut self) -> bool {
        let fetched = self.poll_fetch();
        let Some(worker) = &self.worker else {
            return fetched;
        };
        let arrived: Vec<(StoryRef, Facts)> = worker.results.try_iter().collect();
        if arrived.is_empty() {
            return fetched;
        }
        for (r, f) in arrived {
            self.add_facts(r, f);
        }
        true
    }

    /// Facts for a story (from the worker, or given directly in tests).
    pub fn add_facts(&mut self, r: StoryRef, facts: Facts) {
        self.profiles.insert(r, Profile::of(&facts));
        self.facts.insert(r, Arc::new(facts));
        if r == self.current {
            self.compute_marks();
            self.index_panel();
        }
        // related stories: when the current story's facts come, and as the library fills in
        let n = self.facts.len();
        if self.facts.contains_key(&self.current)
            && (n == self.library.order.len()
                || n >= self.links_computed_with.saturating_add(n / 20 + 1)
                || self.links_computed_with == usize::MAX)
        {
            self.compute_links();
        }
    }

    fn compute_links(&mut self) {
        let mut links = self.own_links(self.current);
        if let Some(mine) = self.profiles.get(&self.current) {
            let taken: Vec<StoryRef> = links.iter().filter_map(|l| l.story).chain([self.current]).collect();
            let others = self.profiles.iter().filter(|(r, _)| !taken.contains(r)).map(|(r, p)| (*r, p));
            for (r, shared) in related(mine, others, 5) {
                links.push(LinkTarget {
                    story: Some(r),
                    url: None,
                    title: self.story_at(r).title.clone(),
                    via: LinkKind::Related,
                    shared,
                });
            }
        }
        self.links = links;
        self.links_computed_with = self.facts.len();
        self.panel.relink(self.facts.get(&self.current).map(|f| &**f), &self.links);
    }

    /// The panel's index for the current story's facts (the links as they are now).
    fn index_panel(&mut self) {
        let facts = self.facts.get(&self.current).map(|f| &**f);
        self.panel = panel_index::PanelIndex::new(facts, &self.links, &self.view.blocks);
    }

    /// Highlights of the current story: figures by kind now; names are found block by block
    /// as blocks are drawn, so a long article costs nothing until it is read.
    fn compute_marks(&mut self) {
        self.figure_marks.clear();
        self.marks.borrow_mut().clear();
        self.entity_names = search::NameFinder::new([]);
        let Some(facts) = self.facts.get(&self.current).cloned() else {
            return;
        };
        for (index, f) in facts.figures.iter().enumerate() {
            let block = block_of_paragraph(f.paragraph);
            self.figure_marks.entry(block).or_default().push((f.start..f.end, Mark::Figure { kind: f.kind, index }));
        }
        let people = facts.people.iter().flat_map(|p| {
            let last = p.name.rsplit(' ').next().filter(|l| *l != p.name);
            std::iter::once(p.name.as_str()).chain(last)
        });
        self.entity_names = search::NameFinder::new(
            people
                .chain(facts.places.iter().map(|p| p.name.as_str()))
                .chain(facts.organizations.iter().map(|o| o.name.as_str())),
        );
    }

    /// Figure `i` of the current story in a few words of its sentence, for the panel.
    pub fn figure_context(&self, i: usize) -> String {
        let Some(f) = self.current_facts().and_then(|f| f.figures.get(i)) else { return String::new() };
        let Some(block) = self.view.blocks.get(block_of_paragraph(f.paragraph)) else { return f.text.clone() };
        self.panel.figure_context(i, f, &block.text)
    }

    /// The highlights of one block, in order of start.
    pub fn marks_of(&self, block: usize) -> Rc<Marks> {
        if let Some(found) = self.marks.borrow().get(&block) {
            return Rc::clone(found);
        }
        let mut spans = self.figure_marks.get(&block).cloned().unwrap_or_default();
        spans.sort_by_key(|(r, _)| r.start);
        if let Some(b) = self.view.blocks.get(block).filter(|b| b.kind != BlockKind::Meta) {
            let mut names = self.entity_names.find_all(&b.text);
            names.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            // a name is marked where no figure and no earlier name already is: one sweep
            let mut kept: Marks = Vec::with_capacity(spans.len() + names.len());
            let mut figures = spans.into_iter().peekable();
            let mut covered_to = 0;
            for hit in names {
                while let Some((r, m)) = figures.next_if(|(r, _)| r.start < hit.end) {
                    covered_to = covered_to.max(r.end);
                    kept.push((r, m));
                }
                // every figure that starts before the hit ends is in `kept` now, its end counted
                if hit.start >= covered_to {
                    covered_to = hit.end;
                    kept.push((hit, Mark::Entity));
                }
            }
            kept.extend(figures);
            kept.sort_by_key(|(r, _)| r.start);
            spans = kept;
        }
        let spans = Rc::new(spans);
        let mut kept = self.marks.borrow_mut();
        // blocks are drawn near one another: when many have been marked, the far ones go
        if kept.len() >= MARKED_BLOCKS_KEPT {
            kept.clear();
        }
        kept.insert(block, Rc::clone(&spans));
        spans
    }

    /// The article pane for the current story, at `position` (else its top).
    fn lay_out_story(&mut self, position: Option<Position>) {
        let story = self.story();
        let published =
            story.published.as_deref().map(|iso| self.interface.date(iso, self.months_for(self.current), false));
        // a file's paragraphs are read from the library in place; a stored story's are its own
        let in_library = (self.stored_id(self.current).is_none()).then_some((&self.library, self.current));
        let blocks = blocks_of(self.story(), in_library, published, &self.options, self.reveal_controls);
        self.view = ArticleView::new(blocks);
        self.resize(self.size.0, self.size.1);
        if let Some(pos) = position {
            self.view.restore(pos);
        }
    }

    /// Opens a story; with `remember`, the current one goes on the history for Backspace.
    pub fn open(&mut self, r: StoryRef, remember: bool) {
        if !self.view.blocks.is_empty() {
            let key = self.key_of(self.current);
            let pos = self.view.position();
            self.state.positions.insert(key, pos);
            if remember && r != self.current {
                self.history.push((self.current, pos));
            }
        }
        self.current = r;
        let key = self.key_of(r);
        self.lay_out_story(self.state.positions.get(&key).copied());
        self.state.last = Some(key);
        match self.stored_id(r) {
            // the files are the last rows, in the library's order
            None => {
                if let Some(i) = self.library.order.iter().position(|&o| o == r) {
                    self.current_position = i;
                    self.library_selected = self.rows.len() - self.library.order.len() + i;
                }
            }
            Some(id) => {
                if let Some(i) = self.rows.iter().position(|&o| o == shelf::Row::Stored(id)) {
                    self.library_selected = i;
                }
            }
        }
        self.selected_figure = None;
        self.panel_selected = 0;
        self.links_computed_with = usize::MAX;
        self.links.clear();
        // stored stories come with their facts; the worker knows only the files
        if let Some(w) = self.worker.as_ref().filter(|_| self.stored_id(r).is_none()) {
            w.prioritize(r);
        }
        self.compute_marks();
        if self.facts.contains_key(&r) {
            self.compute_links();
        } else {
            self.links = self.own_links(r);
        }
        self.index_panel();
        if !self.search.query.is_empty() && !self.search.in_library {
            self.run_search();
        }
    }

    pub fn panel_items(&self) -> Vec<Item> {
        self.panel.items().to_vec()
    }

    pub fn handle(&mut self, key: Key) {
        if self.search.editing {
            self.edit_search(key);
            self.end_store_search();
            return;
        }
        let Some(action) = self.keymap.action(key) else {
            return;
        };
        self.act(action);
    }

    pub fn act(&mut self, action: Action) {
        if self.show_help {
            // the help scrolls when the terminal is too short for it; any other key closes it
            match action {
                Action::Down | Action::PageDown => {
                    self.help_scroll = (self.help_scroll + 1).min(self.keymap.bindings.len())
                }
                Action::Up | Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Quit | Action::Help | Action::Close => {}
                _ => self.show_help = false,
            }
            if matches!(action, Action::Down | Action::Up | Action::PageDown | Action::PageUp) {
                return;
            }
        }
        let page = self.view.height.saturating_sub(2).max(1);
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.show_help = !self.show_help;
                self.help_scroll = 0;
            }
            Action::Close => {
                if self.show_help {
                    self.show_help = false;
                } else if !self.search.query.is_empty() {
                    self.search = Search::default();
                } else if self.panes().panel_overlay && self.want_panel == Some(true) {
                    self.want_panel = None;
                    self.focus = Focus::Article;
                } else {
                    self.selected_figure = None;
                }
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                self.move_in_focus(action, page)
            }
            Action::NextPane | Action::PrevPane => self.cycle_focus(action == Action::NextPane, true),
            // panes run library, article, panel from the left, or from the right in Arabic
            Action::PaneLeft | Action::PaneRight => {
                self.cycle_focus((action == Action::PaneRight) != self.interface.rtl(), false)
            }
            Action::Open => self.open_selected(),
            Action::Back => {
                if let Some((r, pos)) = self.history.pop() {
                    self.open(r, false);
                    self.view.restore(pos);
                }
            }
            Action::NextFigure => self.step_figure(true),
            Action::PrevFigure => self.step_figure(false),
            Action::Search => {
                self.search = Search { editing: true, in_library: self.focus == Focus::Library, ..Search::default() };
            }
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::ToggleHighlights => self.highlights = !self.highlights,
            // one pane at a time: the key shows that pane, or the article again
            Action::ToggleLibrary | Action::TogglePanel if self.one_pane_at_a_time() => {
                let pane = if action == Action::ToggleLibrary { Focus::Library } else { Focus::Panel };
                self.focus_on(if self.focus == pane { Focus::Article } else { pane });
            }
            // resize moves the focus off a pane that folds away
            Action::ToggleLibrary => {
                self.want_library = Some(self.panes().library.is_none());
                self.resize(self.size.0, self.size.1);
            }
            Action::TogglePanel => {
                self.want_panel = Some(self.panes().panel.is_none());
                self.resize(self.size.0, self.size.1);
            }
            Action::RevealControls => {
                self.reveal_controls = !self.reveal_controls;
                self.lay_out_story(Some(self.view.position()));
                let message = if self.reveal_controls { Msg::ControlsShown } else { Msg::ControlsHidden };
                self.notify(self.interface.text(message));
            }
            Action::Redraw => self.redraw = true,
            Action::Fetch => self.start_fetch(false),
            Action::FetchAll => self.start_fetch(true),
            Action::OpenLink => self.open_link(),
            Action::ToggleRead => self.toggle_read(),
        }
        self.end_store_search();
    }

    /// A library search over, the library shows its feeds again.
    fn end_store_search(&mut self) {
        if self.search.query.is_empty() && !self.feeds.results.is_empty() {
            self.feeds.results.clear();
            self.rebuild_rows();
        }
    }

    fn move_in_focus(&mut self, action: Action, page: usize) {
        match self.focus {
            Focus::Article => match action {
                Action::Down => self.view.scroll_down(1),
                Action::Up => self.view.scroll_up(1),
                Action::PageDown => self.view.scroll_down(page),
                Action::PageUp => self.view.scroll_up(page),
                Action::Top => self.view.to_top(),
                _ => self.view.to_end(),
            },
            Focus::Library => {
                let n = self.rows.len();
                self.library_selected = step_index(self.library_selected, n, action, page);
            }
            Focus::Panel => {
                let target = step_index(self.panel_selected, self.panel.len(), action, page);
                let back = target < self.panel_selected || action == Action::Bottom;
                self.panel_selected = self
                    .panel
                    .next_selectable(target, back)
                    .or_else(|| self.panel.next_selectable(target, !back))
                    .unwrap_or(0);
            }
        }
    }

    /// Focus on the next (or previous) pane in the order library, article, panel; at either
    /// end it goes round with `wrap`, else stays.
    fn cycle_focus(&mut self, forward: bool, wrap: bool) {
        let p = self.panes();
        let mut order = Vec::new();
        if p.library.is_some() || self.one_pane_at_a_time() {
            order.push(Focus::Library);
        }
        order.push(Focus::Article);
        if p.panel.is_some() || p.panel_overlay || self.size.0 < panes::PANEL_MIN_WIDTH || self.one_pane_at_a_time() {
            order.push(Focus::Panel);
        }
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[match (forward, wrap) {
            (true, true) => (i + 1) % n,
            (false, true) => (i + n - 1) % n,
            (true, false) => (i + 1).min(n - 1),
            (false, false) => i.saturating_sub(1),
        }];
        // a narrow terminal shows the panel over the article while it has focus
        if self.size.0 < panes::PANEL_MIN_WIDTH {
            self.want_panel = (self.focus == Focus::Panel).then_some(true);
        }
        self.focus_on(self.focus);
    }

    /// Focus on a pane; the panel's selection lands on something that can be opened.
    fn focus_on(&mut self, focus: Focus) {
        self.focus = focus;
        if self.focus == Focus::Panel && !self.panel.item(self.panel_selected).is_some_and(Item::selectable) {
            self.panel_selected = self.panel.next_selectable(0, false).unwrap_or(0);
        }
    }

    fn open_selected(&mut self) {
        // one pane at a time: what the panel opens is seen in the article
        if self.focus == Focus::Panel && self.one_pane_at_a_time() {
            self.open_from_panel();
            self.focus = Focus::Article;
            return;
        }
        match self.focus {
            Focus::Library => match self.rows.get(self.library_selected).copied() {
                Some(shelf::Row::File(r)) => {
                    self.open(r, true);
                    self.focus = Focus::Article;
                }
                Some(shelf::Row::Stored(id)) => self.open_stored(id),
                Some(shelf::Row::Feed(feed)) => self.toggle_feed(feed),
                None => {}
            },
            Focus::Panel => self.open_from_panel(),
            Focus::Article => {}
        }
    }

    fn open_from_panel(&mut self) {
        match self.panel.item(self.panel_selected).cloned() {
            Some(Item::Figure(i)) => self.select_figure(i),
            Some(Item::Link(target)) => match (target.story, target.url) {
                (Some(story), _) => self.open(story, true),
                (None, Some(url)) => self.notify(&self.interface.fill(Msg::NotInLibrary, &[("url", &url)])),
                (None, None) => {}
            },
            Some(Item::Quote(i)) => {
                if let Some(q) = self.current_facts().map(|f| f.quotes[i].paragraph) {
                    self.view.reveal(block_of_paragraph(q), 0);
                }
            }
            Some(Item::Person(i)) => self.search_for(self.current_facts().map(|f| f.people[i].name.clone())),
            Some(Item::Place(i)) => self.search_for(self.current_facts().map(|f| f.places[i].name.clone())),
            Some(Item::Organization(i)) => {
                self.search_for(self.current_facts().map(|f| f.organizations[i].name.clone()))
            }
            _ => {}
        }
    }

    fn search_for(&mut self, name: Option<String>) {
        if let Some(name) = name {
            self.search = Search { query: name, ..Search::default() };
            self.run_search();
            self.step_hit(true);
        }
    }

    fn select_figure(&mut self, i: usize) {
        let Some(f) = self.current_facts().and_then(|f| f.figures.get(i)).cloned() else {
            return;
        };
        self.selected_figure = Some(i);
        self.view.reveal(block_of_paragraph(f.paragraph), f.start);
    }

    fn step_figure(&mut self, forward: bool) {
        let Some(facts) = self.current_facts() else {
            self.notify(self.interface.text(Msg::StillExtracting));
            return;
        };
        let n = facts.figures.len();
        if n == 0 {
            return;
        }
        let next = match self.selected_figure {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => {
                // the first figure at or after the top of the view
                let top = self.view.top.block;
                let i = facts.figures.iter().position(|f| block_of_paragraph(f.paragraph) >= top).unwrap_or(0);
                if forward {
                    i
                } else {
                    (i + n - 1) % n
                }
            }
        };
        self.select_figure(next);
    }

    fn edit_search(&mut self, key: Key) {
        match key {
            Key::Esc => self.search = Search::default(),
            Key::Enter => {
                self.search.editing = false;
                if self.search.query.is_empty() {
                    self.search = Search::default();
                }
            }
            Key::Backspace => {
                self.search.query.pop();
                self.run_search();
            }
            Key::Char(c) => {
                self.search.query.push(crate::article::decode::sanitize_char(c));
                self.run_search();
            }
            _ => {}
        }
    }

    /// Finds every hit of the query and shows the first one at or after the reading position.
    fn run_search(&mut self) {
        let query = self.search.query.clone();
        self.search.hits.clear();
        self.search.current = 0;
        if self.search.in_library {
            // the store answers from its index; the files from theirs (the last rows, in order)
            self.search_store(&query);
            let offset = self.rows.len() - self.library.order.len();
            let stored = (0..offset).filter(|&i| matches!(self.rows[i], shelf::Row::Stored(_)));
            let mut hits: Vec<(usize, Range<usize>)> = stored.map(|i| (i, 0..0)).collect();
            let library = &self.library;
            let index = self.library_index.get_or_insert_with(|| library_index::LibraryIndex::new(library));
            hits.extend(index.search(&query).into_iter().map(|i| (offset + i, 0..0)));
            self.search.hits = hits;
            if let Some(&(i, _)) =
                self.search.hits.iter().find(|(i, _)| *i >= self.library_selected).or(self.search.hits.first())
            {
                self.library_selected = i;
                self.search.current = self.search.hits.iter().position(|(h, _)| *h == i).unwrap_or(0);
            }
            return;
        }
        for (b, block) in self.view.blocks.iter().enumerate() {
            for hit in search::find_all(&block.text, &query) {
                self.search.hits.push((b, hit));
            }
        }
        let top = self.view.top.block;
        self.search.current = self.search.hits.iter().position(|(b, _)| *b >= top).unwrap_or(0);
        self.show_hit();
    }

    fn show_hit(&mut self) {
        if let Some((b, r)) = self.search.hits.get(self.search.current).cloned() {
            if self.search.in_library {
                self.library_selected = b;
            } else {
                self.view.reveal(b, r.start);
            }
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            return;
        }
        self.search.current = if forward { (self.search.current + 1) % n } else { (self.search.current + n - 1) % n };
        self.show_hit();
    }

    /// The month names for dates the interface writes about story `r`: the ones chosen, else
    /// the ones the story itself uses, else Egyptian.
    pub fn months_for(&self, r: StoryRef) -> Months {
        if let Some(chosen) = self.interface.months {
            return chosen;
        }
        *self.months.borrow_mut().entry(r).or_insert_with(|| {
            let story = self.story_at(r);
            let texts = std::iter::once(story.title.as_str()).chain(story.paragraphs.iter().map(String::as_str));
            crate::i18n::months_used(texts).unwrap_or_default()
        })
    }

    /// The status bar's message: the newest one.
    pub fn message(&self) -> Option<&str> {
        self.messages.last().map(String::as_str)
    }

    /// A message for the status bar. Messages carry file names and config errors, which can
    /// hold escape sequences: they are made visible here, so what is drawn is always clean.
    pub fn notify(&mut self, message: &str) {
        self.messages.push(clean_message(message));
    }

    /// Messages are shown until the next key.
    pub fn clear_messages(&mut self) {
        self.messages.clear();
    }
}

fn clean_message(message: &str) -> String {
    crate::article::decode::sanitize_line(message).into_owned()
}

fn step_index(i: usize, n: usize, action: Action, page: usize) -> usize {
    if n == 0 {
        return 0;
    }
    match action {
        Action::Down => (i + 1).min(n - 1),
        Action::Up => i.saturating_sub(1),
        Action::PageDown => (i + page).min(n - 1),
        Action::PageUp => i.saturating_sub(page),
        Action::Top => 0,
        _ => n - 1,
    }
}

/// Block 0 is the title, 1 the meta line, paragraphs follow.
pub fn block_of_paragraph(paragraph: i64) -> usize {
    if paragraph < 0 {
        0
    } else {
        paragraph as usize + 2
    }
}

impl App {
    /// A story's own links: a file's through the library (which finds pages by URL); a stored
    /// story's pages are known by their URL only.
    fn own_links(&self, r: StoryRef) -> Vec<LinkTarget> {
        if self.stored_id(r).is_none() {
            return read_also_links(&self.library, r);
        }
        let linked = self.story_at(r).linked.iter();
        linked
            .map(|l| LinkTarget {
                story: None,
                url: l.url.clone(),
                title: l.title.clone(),
                via: l.via,
                shared: l.shared.clone(),
            })
            .collect()
    }
}

/// The story's own links: to stories of its file, or by URL to pages elsewhere in the
/// library; a page that is not in the library is listed with its URL.
fn read_also_links(library: &Library, r: StoryRef) -> Vec<LinkTarget> {
    library
        .story(r)
        .linked
        .iter()
        .filter_map(|l| {
            let story = library.link_target(r, l);
            (story.is_some() || l.url.is_some()).then(|| LinkTarget {
                story,
                url: l.url.clone(),
                title: l.title.clone(),
                via: l.via,
                shared: l.shared.clone(),
            })
        })
        .collect()
}

/// The article pane's blocks: title, meta line (date as the interface writes it, dateline,
/// sources), paragraphs.
pub fn blocks_of(
    story: &Story,
    in_library: Option<(&Arc<Library>, StoryRef)>,
    published: Option<String>,
    options: &LayoutOptions,
    reveal_controls: bool,
) -> Vec<Block> {
    let options = LayoutOptions { reveal_controls, ..*options };
    let story_direction = match options.direction {
        BaseDirection::Auto => match story.paragraphs.iter().chain([&story.title]).find_map(|p| strong_direction(p)) {
            Some(Direction::Ltr) => BaseDirection::Ltr,
            _ => BaseDirection::Rtl,
        },
        forced => forced,
    };
    let title_direction = crate::layout::title_direction(&story.title, &story.paragraphs, options.direction);
    let mut meta: Vec<String> = Vec::new();
    meta.extend(published);
    meta.extend(story.dateline.clone());
    if !story.sources.is_empty() {
        meta.push(format!("المصدر: {}", story.sources.join("، ")));
    }
    let mut blocks = vec![
        Block {
            kind: BlockKind::Title,
            text: story.title.clone().into(),
            options: LayoutOptions { direction: title_direction, ..options },
        },
        Block {
            kind: BlockKind::Meta,
            text: meta.join(" · ").into(),
            options: LayoutOptions { direction: story_direction, ..options },
        },
    ];
    blocks.extend((0..story.paragraphs.len()).map(|index| Block {
        kind: BlockKind::Paragraph(index),
        text: match in_library {
            Some((library, r)) => view::BlockText::Paragraph { library: Arc::clone(library), story: r, index },
            None => view::BlockText::Own(story.paragraphs[index].clone()),
        },
        options,
    }));
    blocks
}

#[cfg(test)]
mod tests;
