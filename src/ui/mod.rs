//! Drawing the reader from `&App`: title bar, library, article, side panel, status bar, help.
//! Every string from an article goes through the layout engine and is written cell by cell.

mod text;
pub mod theme;

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::app::panel::Item;
use crate::app::panes::Area;
use crate::app::shelf::Row;
use crate::app::view::BlockKind;
use crate::app::{App, Focus, Mark};
use crate::article::LinkKind;
use crate::i18n::{Counted, Interface, Msg};
use crate::layout::{BaseDirection, Direction, LayoutOptions};
pub use text::{fill, put_line, put_text, Spot};
pub use theme::Styles;
use unicode_width::UnicodeWidthStr;

/// How the interface's own words are laid out: Arabic as right-to-left paragraphs (so mixed
/// strings like `اضغط Tab للانتقال` read right and everything aligns right), English as today.
struct Chrome {
    words: Interface,
    /// Labels: titles, names, messages (English: the text's own direction).
    label: LayoutOptions,
    /// Lines of the interface's own words: the status bar, the help.
    line: LayoutOptions,
}

impl Chrome {
    fn new(app: &App) -> Chrome {
        let words = app.interface;
        let label = text::label_options(&app.layout_options());
        let direction = if words.rtl() { BaseDirection::Rtl } else { BaseDirection::Ltr };
        let label = if words.rtl() { LayoutOptions { direction, ..label } } else { label };
        Chrome { words, label, line: LayoutOptions { direction, ..label } }
    }

    fn rtl(&self) -> bool {
        self.words.rtl()
    }
}

/// A key's name kept in a left-to-right isolate, so that in a right-to-left line `]` is not
/// mirrored and `Shift-Tab` is not split around its hyphen.
fn key_name(name: &str) -> String {
    format!("\u{2066}{name}\u{2069}")
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let styles = Styles::new(&self.theme, self.background, self.color);
        let panes = self.panes();
        let chrome = Chrome::new(self);
        draw_title_bar(self, buf, panes.title, &styles, &chrome);
        if let Some(a) = panes.library.filter(|_| !panes.library_overlay) {
            draw_library(self, buf, a, &styles, &chrome);
            let x = if chrome.rtl() { a.x.checked_sub(1) } else { Some(a.x + a.width) };
            if let Some(x) = x {
                separator(buf, x, a, &styles, self.focus == Focus::Library);
            }
        }
        draw_article(self, buf, panes.article, &styles, chrome.rtl());
        if let Some(a) = panes.library.filter(|_| panes.library_overlay) {
            fill(buf, a.x, a.y, a.width, a.height, Style::default());
            draw_library(self, buf, a, &styles, &chrome);
        }
        if let Some(p) = panes.panel {
            // beside the article, the article's scrollbar is the border between them
            if panes.panel_overlay {
                fill(buf, p.x, p.y, p.width, p.height, Style::default());
            }
            draw_panel(self, buf, p, &styles, &chrome);
        }
        draw_status(self, buf, panes.status, &styles, &chrome);
        if self.show_help {
            draw_help(self, buf, area, &styles, &chrome);
        }
    }
}

fn separator(buf: &mut Buffer, x: u16, a: Area, styles: &Styles, focused: bool) {
    if x >= buf.area.width {
        return;
    }
    for y in a.y..a.y + a.height {
        buf[(x, y)].set_symbol("│").set_style(styles.border(focused));
    }
}

fn draw_title_bar(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, chrome: &Chrome) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    fill(buf, a.x, a.y, a.width, 1, styles.bar());
    let name = format!(" {} ", chrome.words.text(Msg::AppName));
    let name_w = (name.chars().count() as u16).min(a.width);
    let bold = styles.bar().add_modifier(ratatui::style::Modifier::BOLD);
    let room = a.width.saturating_sub(name_w + 1);
    if chrome.rtl() {
        put_text(buf, a.x + a.width - name_w, a.y, name_w, &name, bold, &chrome.line);
        put_text(buf, a.x + 1, a.y, room, &app.story().title, styles.bar(), &chrome.label);
    } else {
        put_text(buf, a.x, a.y, name_w, &name, bold, &chrome.line);
        put_text(buf, a.x + name_w, a.y, room, &app.story().title, styles.bar(), &chrome.label);
    }
}

fn draw_library(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, chrome: &Chrome) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    let words = &chrome.words;
    let focused = app.focus == Focus::Library;
    let rows_per = 2usize;
    let visible = (a.height as usize / rows_per).max(1);
    let first = app.library_selected.saturating_sub(visible.saturating_sub(1));
    // the marker on the side the lines start from, the title beside it
    let (marker_x, title_x) = if chrome.rtl() { (a.x + a.width - 1, a.x) } else { (a.x, a.x + 1) };
    for (k, row) in app.rows.iter().enumerate().skip(first).take(visible) {
        let y = a.y + ((k - first) * rows_per) as u16;
        let Some(entry) = library_entry(app, *row, words) else { continue };
        let mut style = if entry.current || entry.unread { styles.title() } else { Style::default() };
        if k == app.library_selected {
            style = style.patch(styles.selection(focused));
            fill(buf, a.x, y, a.width, 1, style);
        }
        buf.set_stringn(marker_x, y, entry.marker, 1, style);
        let indent = if matches!(row, Row::Stored(_)) { 1 } else { 0 };
        let title_x = if chrome.rtl() { title_x } else { title_x + indent };
        put_text(buf, title_x, y, a.width.saturating_sub(1 + indent), &entry.title, style, &chrome.label);
        if y + 1 < a.y + a.height {
            let meta = format!("  {}", entry.meta);
            put_text(buf, a.x, y + 1, a.width, &meta, styles.dim(), &chrome.line);
        }
    }
}

/// What a library row shows: marker, title, the line under it.
struct LibraryEntry {
    marker: &'static str,
    title: String,
    meta: String,
    current: bool,
    unread: bool,
}

fn library_entry(app: &App, row: Row, words: &Interface) -> Option<LibraryEntry> {
    let date_of = |iso: Option<&str>, months| match iso {
        Some(iso) => words.date(iso.get(..10).unwrap_or(iso), months, false),
        None => words.text(Msg::Undated).to_string(),
    };
    Some(match row {
        Row::Feed(id) => {
            let feed = app.feeds.list.iter().find(|f| f.id == id)?;
            let counts = [("unread", words.number(feed.unread)), ("stories", words.number(feed.stories))];
            let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
            LibraryEntry {
                marker: if app.feeds.open == Some(id) { "▾" } else { "▸" },
                title: feed.title.clone(),
                meta: words.fill(Msg::FeedUnread, &counts),
                current: false,
                unread: feed.unread > 0,
            }
        }
        Row::Stored(id) => {
            let head = app.feeds.head(id)?;
            let current = app.stored_id(app.current) == Some(id);
            let feed = app.feeds.list.iter().find(|f| f.id == head.feed).map_or("", |f| f.title.as_str());
            let date = date_of(head.published.as_deref(), app.interface.months.unwrap_or_default());
            LibraryEntry {
                marker: if current {
                    current_marker(words)
                } else if head.read {
                    " "
                } else {
                    "●"
                },
                title: head.title.clone(),
                meta: format!("{date} · {feed}"),
                current,
                unread: !head.read,
            }
        }
        Row::File(r) => {
            let story = app.library.story(r);
            let current = r == app.current;
            let figures =
                app.facts.get(&r).map_or("…".to_string(), |f| words.count(Counted::Figures, f.figures.len()));
            LibraryEntry {
                marker: if current { current_marker(words) } else { " " },
                title: story.title.clone(),
                meta: format!("{} · {figures}", date_of(story.published.as_deref(), app.months_for(r))),
                current,
                unread: false,
            }
        }
    })
}

/// The open story's marker, pointing at the text from the side the lines start on.
fn current_marker(words: &Interface) -> &'static str {
    if words.rtl() {
        "◀"
    } else {
        "▶"
    }
}

fn draw_article(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, rtl: bool) {
    let view = &app.view;
    let text_x = a.x + u16::from(a.width > 2);
    let text_w = view.width as u16;
    let hits = &app.search.hits;
    for (k, row) in view.visible_rows().into_iter().enumerate() {
        let y = a.y + k as u16;
        if y >= a.y + a.height {
            break;
        }
        let Some(line_index) = row.line else { continue };
        let block = &view.blocks[row.block];
        let laid = view.layout(row.block);
        let Some(line) = laid.lines.get(line_index) else {
            continue;
        };
        let base = match block.kind {
            BlockKind::Title => styles.title(),
            BlockKind::Meta => styles.dim(),
            BlockKind::Paragraph(_) => Style::default(),
        };
        let mut spans: Vec<(Range<usize>, Style)> = Vec::new();
        // only the spans that touch this line: a block can hold millions of them
        let shown = line.logical_range();
        if app.highlights {
            let marks = app.marks_of(row.block);
            let from = marks.partition_point(|(r, _)| r.start < shown.start).saturating_sub(1);
            let near =
                marks[from..].iter().take_while(|(r, _)| r.start < shown.end).filter(|(r, _)| r.end > shown.start);
            for (range, mark) in near {
                let style = match mark {
                    Mark::Figure { index, .. } if app.selected_figure == Some(*index) => styles.selected_figure(),
                    Mark::Figure { kind, .. } => styles.figure(*kind),
                    Mark::Entity => styles.entity(),
                };
                spans.push((range.clone(), style));
            }
        }
        if !app.search.in_library {
            let from = hits.partition_point(|(b, r)| (*b, r.start) < (row.block, shown.start)).saturating_sub(1);
            for (i, (b, range)) in hits.iter().enumerate().skip(from) {
                if *b > row.block || (*b == row.block && range.start >= shown.end) {
                    break;
                }
                if *b < row.block || range.end <= shown.start {
                    continue;
                }
                let style = if i == app.search.current { styles.current_hit() } else { styles.search_hit() };
                spans.push((range.clone(), style));
            }
        }
        let indent = laid.indent(line, text_w as usize);
        let indent = if laid.direction == Direction::Rtl && block.options.reorder { indent } else { 0 };
        put_line(buf, Spot { x: text_x, y, width: text_w, indent }, line, base, &spans);
    }
    // the scrollbar, on the side of the article that faces the panel
    if a.width > 2 {
        let x = if rtl { a.x } else { a.x + a.width - 1 };
        let h = a.height as usize;
        let thumb = (view.percent() * h.saturating_sub(1) / 100).min(h.saturating_sub(1));
        for k in 0..h {
            let (symbol, style) =
                if k == thumb { ("█", styles.border(app.focus == Focus::Article)) } else { ("│", styles.dim()) };
            buf[(x, a.y + k as u16)].set_symbol(symbol).set_style(style);
        }
    }
}

/// Rows of one panel item: (text, style).
fn item_rows(app: &App, item: &Item, styles: &Styles, words: &Interface) -> Vec<(String, Style)> {
    let facts = app.current_facts();
    let named = |name: &str, mentions: usize| format!("{name} ×{}", words.number(mentions));
    match item {
        Item::Heading(m, n) => vec![(words.fill(*m, &[("n", &words.number(n))]), styles.title())],
        Item::Subheading(m) => vec![(format!("· {}", words.text(*m)), styles.title())],
        Item::Note(m) => vec![(format!("  {}", words.text(*m)), styles.dim())],
        Item::Figure(i) => {
            let Some(f) = facts.and_then(|f| f.figures.get(*i)) else {
                return vec![];
            };
            let mut head = words.figure_value(f, app.months_for(app.current));
            for part in [&f.label, &f.qualifier, &f.unit, &f.currency].into_iter().flatten() {
                head.push_str(" · ");
                head.push_str(&words.term(part));
            }
            vec![(head, styles.figure(f.kind)), (app.figure_context(*i), Style::default())]
        }
        Item::Person(i) => facts
            .and_then(|f| f.people.get(*i))
            .map(|p| {
                let name = match p.role.as_deref() {
                    Some(role) => format!("{} ({role})", p.name),
                    None => p.name.clone(),
                };
                vec![(named(&name, p.mentions), Style::default())]
            })
            .unwrap_or_default(),
        Item::Place(i) => facts
            .and_then(|f| f.places.get(*i))
            .map(|p| vec![(named(&p.name, p.mentions), Style::default())])
            .unwrap_or_default(),
        Item::Organization(i) => facts
            .and_then(|f| f.organizations.get(*i))
            .map(|p| vec![(named(&p.name, p.mentions), Style::default())])
            .unwrap_or_default(),
        Item::Quote(i) => facts
            .and_then(|f| f.quotes.get(*i))
            .map(|q| {
                let speaker = q.speaker.as_deref().unwrap_or(words.text(Msg::UnknownSpeaker));
                vec![(format!("{speaker}:"), styles.dim()), (format!("«{}»", q.text), Style::default())]
            })
            .unwrap_or_default(),
        Item::Link(l) => {
            let via = if l.via == LinkKind::ReadAlso {
                match (&l.story, &l.url) {
                    (None, Some(url)) => format!("{} · {url}", words.text(Msg::ReadAlso)),
                    _ => words.text(Msg::ReadAlso).to_string(),
                }
            } else {
                words.fill(Msg::RelatedBy, &[("shared", &l.shared.join("، "))])
            };
            vec![(l.title.clone(), Style::default()), (via, styles.dim())]
        }
    }
}

fn draw_panel(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, chrome: &Chrome) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    let focused = app.focus == Focus::Panel;
    // only the items on screen are formatted: the index knows the row each one starts on
    let index = &app.panel;
    let selected = app.panel_selected;
    let (selected_row, selected_end) = if selected < index.len() {
        (index.start(selected), index.start(selected + 1).saturating_sub(1).max(index.start(selected)))
    } else {
        (0, 0)
    };
    let h = a.height as usize;
    let first = if selected_end >= h { (selected_end + 1 - h).min(selected_row) } else { 0 };
    let mut y = a.y;
    let mut i = index.at_row(first);
    let mut skip = first - index.start(i).min(first);
    while y < a.y + a.height {
        let Some(item) = index.item(i) else { break };
        for (text, style) in item_rows(app, item, styles, &chrome.words).into_iter().skip(skip) {
            if y >= a.y + a.height {
                break;
            }
            let mut style = style;
            if i == selected && item.selectable() {
                style = style.patch(styles.selection(focused));
                fill(buf, a.x, y, a.width, 1, style);
            }
            put_text(buf, a.x + 1, y, a.width.saturating_sub(2), &text, style, &chrome.label);
            y += 1;
        }
        skip = 0;
        i += 1;
    }
}

/// The status bar: where the reader is (story, position, focus, search), then the newest
/// message or the key hints, or the search being typed. One line, laid out as one paragraph:
/// in Arabic its fields run from the right.
fn draw_status(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, chrome: &Chrome) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    let words = &chrome.words;
    fill(buf, a.x, a.y, a.width, 1, styles.bar());
    let (k, n) = app.list_position();
    let story = words.fill(Msg::StatusStory, &[("k", &words.number(k)), ("n", &words.number(n))]);
    let mut line = format!(" {story} · {} · {}", words.percent(app.view.percent()), words.text(app.focus.name()));
    if !app.search.query.is_empty() || app.search.editing {
        let n = app.search.hits.len();
        let i = if n == 0 { 0 } else { app.search.current + 1 };
        let search = words.fill(Msg::StatusSearch, &[("i", &words.number(i)), ("n", &words.number(n))]);
        line.push_str(&format!(" · {search}"));
    }
    line.push(' ');
    if app.search.editing {
        line.push_str(&words.fill(Msg::SearchPrompt, &[("query", &app.search.query)]));
        line.push('▏');
    } else {
        match app.message().map(String::from).or_else(|| app.fetch_status()) {
            Some(m) => line.push_str(&m),
            None => {
                use crate::app::keys::Action::*;
                let key = |action| key_name(&app.keymap.key_for(action));
                let hints = [
                    ("help", key(Help)),
                    ("quit", key(Quit)),
                    ("search", key(Search)),
                    ("panes", key(NextPane)),
                    ("figure", key(NextFigure)),
                ];
                let hints: Vec<(&str, &str)> = hints.iter().map(|(n, k)| (*n, k.as_str())).collect();
                line.push_str(&words.fill(Msg::Hints, &hints));
            }
        }
    }
    put_text(buf, a.x, a.y, a.width, &line, styles.bar(), &chrome.line);
}

fn draw_help(app: &App, buf: &mut Buffer, area: Rect, styles: &Styles, chrome: &Chrome) {
    let words = &chrome.words;
    let rows = app.keymap.bindings.len() as u16 + 2;
    let w = area.width.min(64);
    let h = area.height.min(rows + 2);
    if w < 4 || h < 3 {
        return;
    }
    let x = area.x + (area.width - w) / 2;
    let y = area.y + (area.height - h) / 2;
    fill(buf, x, y, w, h, Style::default());
    let border = styles.border(true);
    for col in x..x + w {
        buf[(col, y)].set_symbol("─").set_style(border);
        buf[(col, y + h - 1)].set_symbol("─").set_style(border);
    }
    for row in y..y + h {
        buf[(x, row)].set_symbol("│").set_style(border);
        buf[(x + w - 1, row)].set_symbol("│").set_style(border);
    }
    let room = (h - 2) as usize;
    let total = app.keymap.bindings.len();
    let first = app.help_scroll.min(total.saturating_sub(room));
    let mut title = format!(" {} ", words.text(Msg::HelpTitle));
    if first + room < total {
        let down = key_name(&app.keymap.key_for(crate::app::keys::Action::Down));
        title.push_str(&words.fill(Msg::HelpMore, &[("key", &down)]));
        title.push(' ');
    }
    let inner = w - 4;
    let title_w = (UnicodeWidthStr::width(title.as_str()) as u16).min(inner);
    let title_x = if chrome.rtl() { x + 2 + inner - title_w } else { x + 2 };
    fill(buf, title_x, y, title_w, 1, styles.title());
    put_text(buf, title_x, y, title_w, &title, styles.title(), &chrome.line);
    for (k, (_, keys, help)) in app.keymap.bindings.iter().skip(first).take(room).enumerate() {
        let row = y + 1 + k as u16;
        let names: Vec<String> = keys.iter().map(|k| k.name()).collect();
        let names = names.join(" ");
        // the keys in a column of their own, on the side the lines start from
        let pad = " ".repeat(16usize.saturating_sub(UnicodeWidthStr::width(names.as_str())) + 1);
        let line = format!("{}{pad}{}", key_name(&names), words.text(*help));
        put_text(buf, x + 2, row, inner, &line, Style::default(), &chrome.line);
    }
}
