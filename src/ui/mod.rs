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
use crate::app::view::BlockKind;
use crate::app::{App, Focus, Mark};
use crate::article::LinkKind;
use crate::layout::{Direction, LayoutOptions};
pub use text::{fill, put_line, put_text, Spot};
pub use theme::Styles;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let styles = Styles::new(&self.theme, self.background, self.color);
        let panes = self.panes();
        let label = text::label_options(&self.layout_options());
        draw_title_bar(self, buf, panes.title, &styles, &label);
        if let Some(a) = panes.library.filter(|_| !panes.library_overlay) {
            draw_library(self, buf, a, &styles, &label);
            separator(buf, a.x + a.width, a, &styles, self.focus == Focus::Library);
        }
        draw_article(self, buf, panes.article, &styles);
        if let Some(a) = panes.library.filter(|_| panes.library_overlay) {
            fill(buf, a.x, a.y, a.width, a.height, Style::default());
            draw_library(self, buf, a, &styles, &label);
        }
        if let Some(p) = panes.panel {
            // beside the article, the article's scrollbar is the border between them
            if panes.panel_overlay {
                fill(buf, p.x, p.y, p.width, p.height, Style::default());
            }
            draw_panel(self, buf, p, &styles, &label);
        }
        draw_status(self, buf, panes.status, &styles, &label);
        if self.show_help {
            draw_help(self, buf, area, &styles);
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

fn draw_title_bar(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, label: &LayoutOptions) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    fill(buf, a.x, a.y, a.width, 1, styles.bar());
    let name = " qari ";
    let name_w = (name.len() as u16).min(a.width);
    buf.set_stringn(a.x, a.y, name, name_w as usize, styles.bar().add_modifier(ratatui::style::Modifier::BOLD));
    let room = a.width.saturating_sub(name_w + 1);
    put_text(buf, a.x + name_w, a.y, room, &app.story().title, styles.bar(), label);
}

fn draw_library(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, label: &LayoutOptions) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    let focused = app.focus == Focus::Library;
    let rows_per = 2usize;
    let visible = (a.height as usize / rows_per).max(1);
    let first = app.library_selected.saturating_sub(visible.saturating_sub(1));
    for (k, &r) in app.library.order.iter().enumerate().skip(first).take(visible) {
        let y = a.y + ((k - first) * rows_per) as u16;
        let story = app.library.story(r);
        let current = r == app.current;
        let mut style = if current { styles.title() } else { Style::default() };
        if k == app.library_selected {
            style = style.patch(styles.selection(focused));
            fill(buf, a.x, y, a.width, 1, style);
        }
        let marker = if current { "▶" } else { " " };
        buf.set_stringn(a.x, y, marker, 1, style);
        put_text(buf, a.x + 1, y, a.width.saturating_sub(1), &story.title, style, label);
        if y + 1 < a.y + a.height {
            let figures = app.facts.get(&r).map_or("…".to_string(), |f| f.figures.len().to_string());
            let date = story.published.as_deref().unwrap_or("undated");
            let meta = format!("  {date} · {figures} figures");
            buf.set_stringn(a.x, y + 1, &meta, a.width as usize, styles.dim());
        }
    }
}

fn draw_article(app: &App, buf: &mut Buffer, a: Area, styles: &Styles) {
    if a.width == 0 || a.height == 0 {
        return;
    }
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
    // the scrollbar
    if a.width > 2 {
        let x = a.x + a.width - 1;
        let h = a.height as usize;
        let thumb = (view.percent() * h.saturating_sub(1) / 100).min(h.saturating_sub(1));
        for k in 0..h {
            let (symbol, style) =
                if k == thumb { ("█", styles.border(app.focus == Focus::Article)) } else { ("│", styles.dim()) };
            buf[(x, a.y + k as u16)].set_symbol(symbol).set_style(style);
        }
    }
}

/// Rows of one panel item: (text, style, whether laid out as article text).
fn item_rows(app: &App, item: &Item, styles: &Styles) -> Vec<(String, Style)> {
    let facts = app.current_facts();
    match item {
        Item::Header(h) => vec![(h.clone(), styles.title())],
        Item::Note(n) => vec![(format!("  {n}"), styles.dim())],
        Item::Figure(i) => {
            let Some(f) = facts.and_then(|f| f.figures.get(*i)) else {
                return vec![];
            };
            let mut head = format!("{}", f.value);
            for part in [&f.label, &f.qualifier, &f.unit, &f.currency].into_iter().flatten() {
                head.push_str(" · ");
                head.push_str(&part.replace('_', " "));
            }
            vec![(head, styles.figure(f.kind)), (app.figure_context(f), Style::default())]
        }
        Item::Person(i) => facts
            .and_then(|f| f.people.get(*i))
            .map(|p| {
                let role = p.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                vec![(format!("{}{role} ×{}", p.name, p.mentions), Style::default())]
            })
            .unwrap_or_default(),
        Item::Place(i) => facts
            .and_then(|f| f.places.get(*i))
            .map(|p| vec![(format!("{} ×{}", p.name, p.mentions), Style::default())])
            .unwrap_or_default(),
        Item::Organization(i) => facts
            .and_then(|f| f.organizations.get(*i))
            .map(|p| vec![(format!("{} ×{}", p.name, p.mentions), Style::default())])
            .unwrap_or_default(),
        Item::Quote(i) => facts
            .and_then(|f| f.quotes.get(*i))
            .map(|q| {
                vec![
                    (format!("{}:", q.speaker.as_deref().unwrap_or("?")), styles.dim()),
                    (format!("«{}»", q.text), Style::default()),
                ]
            })
            .unwrap_or_default(),
        Item::Link(l) => {
            let mut rows = vec![(l.title.clone(), Style::default())];
            let via = if l.via == LinkKind::ReadAlso {
                "read also".to_string()
            } else {
                format!("related: {}", l.shared.join("، "))
            };
            rows.push((via, styles.dim()));
            rows
        }
    }
}

fn draw_panel(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, label: &LayoutOptions) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    let focused = app.focus == Focus::Panel;
    let items = app.panel_items();
    let rows: Vec<(usize, String, Style)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| item_rows(app, item, styles).into_iter().map(move |(t, s)| (i, t, s)))
        .collect();
    let selected_row = rows.iter().position(|(i, _, _)| *i == app.panel_selected).unwrap_or(0);
    let selected_end = rows.iter().rposition(|(i, _, _)| *i == app.panel_selected).unwrap_or(0);
    let h = a.height as usize;
    let first = if selected_end >= h { (selected_end + 1 - h).min(selected_row) } else { 0 };
    for (k, (i, text, style)) in rows.iter().enumerate().skip(first).take(h) {
        let y = a.y + (k - first) as u16;
        let mut style = *style;
        if *i == app.panel_selected && items[*i].selectable() {
            style = style.patch(styles.selection(focused));
            fill(buf, a.x, y, a.width, 1, style);
        }
        put_text(buf, a.x + 1, y, a.width.saturating_sub(2), text, style, label);
    }
}

fn draw_status(app: &App, buf: &mut Buffer, a: Area, styles: &Styles, label: &LayoutOptions) {
    if a.width == 0 || a.height == 0 {
        return;
    }
    fill(buf, a.x, a.y, a.width, 1, styles.bar());
    let k = app.library.order.iter().position(|&r| r == app.current).map_or(0, |i| i + 1);
    let mut left = format!(" story {k}/{} · {}% · {}", app.library.order.len(), app.view.percent(), app.focus.name());
    if !app.search.query.is_empty() || app.search.editing {
        let n = app.search.hits.len();
        let i = if n == 0 { 0 } else { app.search.current + 1 };
        left.push_str(&format!(" · search {i}/{n}"));
    }
    left.push(' ');
    let left_w = (left.chars().count() as u16).min(a.width);
    buf.set_stringn(a.x, a.y, &left, left_w as usize, styles.bar());
    let room = a.width.saturating_sub(left_w);
    if app.search.editing {
        let prompt = format!("/{}▏", app.search.query);
        put_text(
            buf,
            a.x + left_w,
            a.y,
            room,
            &prompt,
            styles.bar(),
            &LayoutOptions { direction: crate::layout::BaseDirection::Ltr, ..*label },
        );
        return;
    }
    let right = match app.message() {
        Some(m) => m.to_string(),
        None => {
            let map = &app.keymap;
            use crate::app::keys::Action::*;
            format!(
                "{} help · {} quit · {} search · {} panes · {} figure",
                map.key_for(Help),
                map.key_for(Quit),
                map.key_for(Search),
                map.key_for(NextPane),
                map.key_for(NextFigure)
            )
        }
    };
    put_text(
        buf,
        a.x + left_w,
        a.y,
        room,
        &right,
        styles.bar(),
        &LayoutOptions { direction: crate::layout::BaseDirection::Ltr, ..*label },
    );
}

fn draw_help(app: &App, buf: &mut Buffer, area: Rect, styles: &Styles) {
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
    let more = if first + room < total { " ↓ more (j) " } else { "" };
    buf.set_stringn(x + 2, y, format!(" keys {more}"), (w - 4) as usize, styles.title());
    for (k, (_, keys, help)) in app.keymap.bindings.iter().skip(first).take(room).enumerate() {
        let row = y + 1 + k as u16;
        let names: Vec<String> = keys.iter().map(|k| k.name()).collect();
        let line = format!("{:<16} {help}", names.join(" "));
        buf.set_stringn(x + 2, row, &line, (w - 4) as usize, Style::default());
    }
}
