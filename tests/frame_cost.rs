//! A frame costs what is on screen: drawing the reader over an 8 MB story visits a bounded
//! number of blocks and panel items, the same as over a small one, at the top, in the middle
//! and at the end, with its facts in and while they are still being extracted. Counted
//! through the hooks of the view and the panel index, not timed.

use qari::app::keys::{Action, Keymap};
use qari::app::state::State;
use qari::app::{App, Focus};
use qari::article::{Article, Library, Story, StoryRef};
use qari::extract::{Facts, Figure, FigureKind, FigureValue, Mention, Person, Quote};
use qari::layout::LayoutOptions;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SEED: &str = include_str!("../assets/articles/000_d88aa69e352b5fd0.txt");

/// A story of about `bytes` bytes, in paragraphs of about `paragraph` bytes.
fn story(bytes: usize, paragraph: usize) -> Story {
    let lines: Vec<&str> = SEED.lines().filter(|l| l.chars().count() > 40).collect();
    let mut paragraphs = Vec::new();
    let (mut total, mut k) = (0, 0);
    while total < bytes {
        let mut p = String::new();
        while p.len() < paragraph {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&format!("{} {}", k, lines[k % lines.len()]));
            k += 1;
        }
        total += p.len();
        paragraphs.push(p);
    }
    Story {
        title: "عنوان مقال طويل جدا".into(), published: Some("2024-11-01".into()), paragraphs, ..Story::default()
    }
}

/// Facts as a long story has them: a figure, a name and a quote in every paragraph.
fn facts_of(story: &Story) -> Facts {
    let mut facts = Facts::default();
    for (i, p) in story.paragraphs.iter().enumerate() {
        let digits = p.chars().take_while(|c| c.is_ascii_digit()).count();
        facts.figures.push(Figure {
            kind: FigureKind::Count,
            value: FigureValue::Int(i as i64),
            text: p.chars().take(digits).collect(),
            label: Some("killed".into()),
            qualifier: None,
            unit: None,
            currency: None,
            calendar: None,
            paragraph: i as i64,
            start: 0,
            end: digits,
        });
        facts.quotes.push(Quote { text: "نص".into(), speaker: None, paragraph: i as i64 });
        if i % 10 == 0 {
            facts.people.push(Person { name: format!("شخص {i}"), role: None, mentions: 1 });
            facts.places.push(Mention { name: format!("مكان {i}"), mentions: 1 });
        }
    }
    facts.places.push(Mention { name: "غزة".into(), mentions: story.paragraphs.len() });
    facts
}

fn reader(story: Story, with_facts: bool) -> App {
    let facts = facts_of(&story);
    let library = Library::from_articles(vec![Article { path: "long.txt".into(), stories: vec![story] }]);
    let mut app = App::new(library, LayoutOptions::default(), Keymap::default(), State::default(), false);
    if with_facts {
        app.add_facts(StoryRef { article: 0, story: 0 }, facts);
    }
    app.resize(140, 40);
    app
}

/// Blocks and panel items one frame visits.
fn frame_visits(app: &App) -> (usize, usize) {
    app.view.take_visited();
    app.panel.take_visited();
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    (app.view.take_visited(), app.panel.take_visited())
}

/// Visits at the top, in the middle and at the end of the story, the panel at its top and at
/// its end.
fn visits_across(app: &mut App) -> Vec<(usize, usize)> {
    let mut seen = vec![frame_visits(app)];
    let middle = app.view.blocks.len() / 2;
    app.view.reveal(middle, 0);
    seen.push(frame_visits(app));
    app.act(Action::Bottom);
    seen.push(frame_visits(app));
    app.focus = Focus::Panel;
    app.act(Action::Bottom);
    seen.push(frame_visits(app));
    app.act(Action::PageUp);
    seen.push(frame_visits(app));
    seen
}

#[test]
fn a_frame_of_an_8_mb_story_visits_what_a_frame_of_a_small_one_does() {
    let rows = 40;
    for paragraph in [400, 20_000] {
        for with_facts in [true, false] {
            let mut small = reader(story(100_000, paragraph), with_facts);
            let mut large = reader(story(8 << 20, paragraph), with_facts);
            assert!(large.view.blocks.len() > 400, "{} blocks", large.view.blocks.len());
            let (small_visits, large_visits) = (visits_across(&mut small), visits_across(&mut large));
            eprintln!("{paragraph} {with_facts}: 8 MB {large_visits:?}, 100 KB {small_visits:?}");
            for (&(blocks, items), &(small_blocks, small_items)) in large_visits.iter().zip(&small_visits) {
                // a block is asked for a few times for each row it shows (the rows before and after it,
                // the scrollbar), whatever the story holds
                assert!(blocks <= 10 * rows, "{blocks} block visits in a frame ({paragraph}, {with_facts})");
                assert!(items <= rows + 2, "{items} panel items formatted in a frame ({paragraph}, {with_facts})");
                assert!(blocks <= small_blocks * 3 / 2 + 8, "{blocks} against {small_blocks} for a small story");
                assert!(items <= small_items.max(1) * 3 / 2 + 2, "{items} against {small_items}");
            }
        }
    }
}
