//! The reader's state machine: keys in, state out, no terminal.

use super::*;
use crate::article::load_bytes;
use crate::extract::extract_story;

fn seed_app(width: u16, height: u16) -> App {
    let loaded = load_bytes(include_bytes!("../../assets/articles/000_d88aa69e352b5fd0.txt"), "seed.txt").unwrap();
    let library = Library::from_articles(vec![loaded.article]);
    let options = LayoutOptions { shaping: false, ..LayoutOptions::default() };
    let mut app = App::new(library, options, Keymap::default(), State::default(), false);
    let refs: Vec<StoryRef> = app.library.order.clone();
    for r in refs {
        let facts = extract_story(app.library.story(r), &[]);
        app.add_facts(r, facts);
    }
    app.resize(width, height);
    app
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = match c {
            '\t' => Key::Tab,
            '\r' => Key::Enter,
            '\x7f' => Key::Backspace,
            '\x1b' => Key::Esc,
            c => Key::Char(c),
        };
        app.handle(key);
    }
}

#[test]
fn opens_on_the_first_story_with_focus_on_the_article() {
    let app = seed_app(120, 40);
    assert_eq!(app.current, StoryRef { article: 0, story: 0 });
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.view.top, view::Row { block: 0, line: Some(0) });
}

#[test]
fn tab_g_enter_opens_the_read_also_story_and_backspace_returns() {
    let mut app = seed_app(120, 40);
    press(&mut app, "jjj");
    let before = app.view.position();
    press(&mut app, "\t");
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, "G");
    let items = app.panel_items();
    assert!(matches!(&items[app.panel_selected], Item::Link(l) if l.via == LinkKind::ReadAlso));
    press(&mut app, "\r");
    assert_eq!(app.current, StoryRef { article: 0, story: 1 });
    press(&mut app, "\x7f");
    assert_eq!(app.current, StoryRef { article: 0, story: 0 });
    assert_eq!(app.view.position(), before, "back restores the reading position");
}

#[test]
fn tab_cycles_through_the_visible_panes() {
    let mut app = seed_app(120, 40);
    press(&mut app, "\t");
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, "\t");
    assert_eq!(app.focus, Focus::Library);
    app.handle(Key::BackTab);
    assert_eq!(app.focus, Focus::Panel);
    let mut narrow = seed_app(80, 24);
    press(&mut narrow, "\t\t");
    assert_eq!(narrow.focus, Focus::Article, "no library below 100 columns");
}

#[test]
fn with_the_terminal_reordering_the_panes_take_turns() {
    let loaded = load_bytes(include_bytes!("../../assets/articles/000_d88aa69e352b5fd0.txt"), "seed.txt").unwrap();
    let options = LayoutOptions { shaping: false, reorder: false, ..LayoutOptions::default() };
    let mut app =
        App::new(Library::from_articles(vec![loaded.article]), options, Keymap::default(), State::default(), false);
    for r in app.library.order.clone() {
        let facts = extract_story(app.library.story(r), &[]);
        app.add_facts(r, facts);
    }
    app.resize(140, 40);
    assert!(app.one_pane_at_a_time());
    let p = app.panes();
    assert!(p.library.is_none() && p.panel.is_none(), "only the article: {p:?}");
    assert_eq!(app.view.width, 138, "the article has the whole width (less the scrollbar and margin)");
    // Tab goes through all three, each over the whole body
    press(&mut app, "\t");
    assert_eq!((app.focus, app.panes().panel.map(|a| a.width)), (Focus::Panel, Some(140)));
    press(&mut app, "\t");
    assert_eq!((app.focus, app.panes().library.map(|a| a.width)), (Focus::Library, Some(140)));
    press(&mut app, "\t");
    assert_eq!(app.focus, Focus::Article);
    // l and f show the library and the panel, and the same key goes back to the article
    press(&mut app, "l");
    assert_eq!(app.focus, Focus::Library);
    press(&mut app, "l");
    assert_eq!(app.focus, Focus::Article);
    press(&mut app, "f");
    assert_eq!(app.focus, Focus::Panel);
    // opening a figure from the panel shows it in the article
    let items = app.panel_items();
    let (at, figure) =
        items.iter().enumerate().find_map(|(k, i)| if let Item::Figure(f) = i { Some((k, *f)) } else { None }).unwrap();
    app.panel_selected = at;
    press(&mut app, "\r");
    assert_eq!((app.focus, app.selected_figure), (Focus::Article, Some(figure)));
    // opening a story from the library shows the article
    press(&mut app, "ljj\r");
    assert_eq!(app.focus, Focus::Article);
}

#[test]
fn figures_step_in_reading_order_and_scroll_into_view() {
    let mut app = seed_app(80, 12);
    press(&mut app, "]");
    assert_eq!(app.selected_figure, Some(0));
    for _ in 0..6 {
        press(&mut app, "]");
    }
    let f = app.current_facts().unwrap().figures[6].clone();
    assert_eq!(app.selected_figure, Some(6));
    let block = block_of_paragraph(f.paragraph);
    assert!(app.view.visible_rows().iter().any(|r| r.block == block), "the figure is on screen");
    press(&mut app, "[");
    assert_eq!(app.selected_figure, Some(5));
    press(&mut app, "\x1b");
    assert_eq!(app.selected_figure, None);
}

#[test]
fn enter_on_a_figure_in_the_panel_selects_it() {
    let mut app = seed_app(120, 40);
    press(&mut app, "\t");
    let items = app.panel_items();
    let Item::Figure(i) = items[app.panel_selected] else { panic!("first item is a figure") };
    press(&mut app, "\r");
    assert_eq!(app.selected_figure, Some(i));
}

#[test]
fn search_is_incremental_forgiving_and_steps_with_n() {
    let mut app = seed_app(120, 40);
    press(&mut app, "/غزه");
    assert!(app.search.editing);
    let hits = app.search.hits.len();
    assert!(hits >= 6, "غزه finds غزة: {hits}");
    press(&mut app, "\r");
    assert!(!app.search.editing);
    let first = app.search.current;
    press(&mut app, "n");
    assert_eq!(app.search.current, (first + 1) % hits);
    press(&mut app, "N");
    assert_eq!(app.search.current, first);
    press(&mut app, "\x1b");
    assert!(app.search.hits.is_empty() && app.search.query.is_empty());
}

#[test]
fn search_from_the_library_finds_stories() {
    let mut app = seed_app(120, 40);
    press(&mut app, "\t\t");
    assert_eq!(app.focus, Focus::Library);
    press(&mut app, "/شهباز\r");
    assert_eq!(app.search.hits.len(), 1);
    let r = app.library.order[app.library_selected];
    assert_eq!(r.story, 1);
    press(&mut app, "\r");
    assert_eq!(app.current.story, 1);
}

#[test]
fn scrolling_keys_move_the_article_and_stop_at_its_ends() {
    let mut app = seed_app(80, 12);
    press(&mut app, "G");
    assert!(app.view.at_end());
    assert_eq!(app.view.percent(), 100);
    press(&mut app, "g");
    assert_eq!(app.view.top, view::Row { block: 0, line: Some(0) });
    press(&mut app, " ");
    assert!(app.view.top.block > 0);
    press(&mut app, "b");
    assert_eq!(app.view.top, view::Row { block: 0, line: Some(0) });
}

#[test]
fn a_resize_keeps_the_reading_position() {
    let mut app = seed_app(120, 40);
    press(&mut app, "jjjjjjjj");
    let before = app.view.position();
    app.resize(60, 20);
    let top = app.view.layout(app.view.top.block);
    let line = &top.lines[app.view.top.line.unwrap()];
    assert_eq!(app.view.top.block, before.block);
    assert!(line.logical_range().contains(&before.offset) || line.logical_range().start == before.offset);
}

#[test]
fn toggles_and_help() {
    let mut app = seed_app(120, 40);
    press(&mut app, "?");
    assert!(app.show_help);
    press(&mut app, "\x1b");
    assert!(!app.show_help);
    press(&mut app, "h");
    assert!(!app.highlights);
    press(&mut app, "l");
    assert!(app.panes().library.is_none());
    press(&mut app, "f");
    assert!(app.panes().panel.is_none());
    press(&mut app, "c");
    assert!(app.reveal_controls);
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn the_help_scrolls_in_a_short_terminal_and_another_key_closes_it() {
    let mut app = seed_app(40, 12);
    press(&mut app, "?jjj");
    assert!(app.show_help);
    assert_eq!(app.help_scroll, 3);
    press(&mut app, "k");
    assert_eq!(app.help_scroll, 2);
    press(&mut app, "]");
    assert!(!app.show_help, "a key the help does not use closes it and acts");
    assert_eq!(app.selected_figure, Some(0));
}

#[test]
fn highlights_cover_every_figure_and_the_names() {
    let app = seed_app(120, 40);
    let all: Vec<(Range<usize>, Mark)> =
        (0..app.view.blocks.len()).flat_map(|b| app.marks_of(b).iter().cloned().collect::<Vec<_>>()).collect();
    let figures = all.iter().filter(|(_, k)| matches!(k, Mark::Figure { .. })).count();
    assert_eq!(figures, 11);
    assert!(all.iter().any(|(_, k)| *k == Mark::Entity));
}
