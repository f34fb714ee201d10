//! The facts of a story: figures with their meaning, people, places, organizations, quotes,
//! and related stories. Plain functions over the article model; no I/O.

pub mod entities;
pub mod figures;
pub mod gazetteer;
pub mod lexicon;
pub mod names;
pub mod numbers;
pub mod quotes;
pub mod related;
pub mod tokens;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::arabic::fold;
use crate::article::Story;

pub use figures::figures_in;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Count,
    Approx,
    Percent,
    Money,
    Date,
    Time,
    Weekday,
    Ordinal,
    Duration,
    Quantity,
}

impl FigureKind {
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Approx => "approx",
            FigureKind::Percent => "percent",
            FigureKind::Money => "money",
            FigureKind::Date => "date",
            FigureKind::Time => "time",
            FigureKind::Weekday => "weekday",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Duration => "duration",
            FigureKind::Quantity => "quantity",
        }
    }
}

/// A figure's value: a number, or text for dates (ISO 8601), weekdays and times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FigureValue {
    Int(i64),
    Float(f64),
    Text(String),
}

impl std::fmt::Display for FigureValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FigureValue::Int(v) => write!(f, "{v}"),
            FigureValue::Float(v) => write!(f, "{v}"),
            FigureValue::Text(t) => f.write_str(t),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub kind: FigureKind,
    pub value: FigureValue,
    pub text: String,
    pub label: Option<String>,
    pub qualifier: Option<String>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Index into the story's paragraphs; -1 for the title.
    pub paragraph: i64,
    /// Character offsets in that paragraph.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub mentions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub name: String,
    pub mentions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub paragraph: i64,
}

/// What extraction finds in one story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub figures: Vec<Figure>,
    pub people: Vec<Person>,
    pub places: Vec<Mention>,
    pub organizations: Vec<Mention>,
    pub quotes: Vec<Quote>,
}

/// The facts of one story. `known_people` are full names found elsewhere in the library.
pub fn extract_story(story: &Story, known_people: &[String]) -> Facts {
    with_figures(story, known_people, story_figures(story))
}

/// The figures of a story's title (paragraph -1) and paragraphs.
fn story_figures(story: &Story) -> Vec<Figure> {
    let published = story.published.as_deref();
    let mut figures = Vec::new();
    for (p, text) in
        std::iter::once((-1, &story.title)).chain(story.paragraphs.iter().enumerate().map(|(i, t)| (i as i64, t)))
    {
        figures.extend(figures_in(text, published).into_iter().map(|f| Figure { paragraph: p, ..f }));
    }
    figures
}

/// The rest of a story's facts, around figures already read (they do not depend on names).
fn with_figures(story: &Story, known_people: &[String], figures: Vec<Figure>) -> Facts {
    let (people, places, organizations) = entities::story_entities(&story.title, &story.paragraphs, known_people);
    let mut known: HashSet<String> =
        people.iter().flat_map(|p| fold(&p.name).split(' ').map(String::from).collect::<Vec<_>>()).collect();
    known.extend(organizations.iter().map(|o| fold(&o.name)));
    let org_names: Vec<String> = organizations.iter().map(|o| o.name.clone()).collect();
    let mut last_speaker = None;
    let quotes = story
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| quotes::quotes_in(p, i as i64, &known, &org_names, &mut last_speaker))
        .collect();
    Facts { figures, people, places, organizations, quotes }
}

/// Facts for every story of a library, in two passes so that names found in one story are
/// recognized in the others; and for each story, its related stories (indexes into `stories`).
pub fn extract_all(stories: &[&Story]) -> (Vec<Facts>, Vec<Vec<related::Related<usize>>>) {
    let first: Vec<Facts> = stories.iter().map(|s| extract_story(s, &[])).collect();
    let mut names: Vec<String> =
        first.iter().flat_map(|f| f.people.iter().filter(|p| p.role.is_some()).map(|p| p.name.clone())).collect();
    names.sort();
    names.dedup();
    // the second pass reads names again, not figures
    let facts: Vec<Facts> = if names.is_empty() {
        first
    } else {
        stories.iter().zip(first).map(|(s, f)| with_figures(s, &names, f.figures)).collect()
    };
    let profiles: Vec<related::Profile> = facts.iter().map(related::Profile::of).collect();
    let related = (0..stories.len())
        .map(|i| related::related(&profiles[i], profiles.iter().enumerate().filter(|(j, _)| *j != i), 5))
        .collect();
    (facts, related)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod pattern_tests;
