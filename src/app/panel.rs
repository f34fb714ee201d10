//! The side panel's items: figures grouped by kind, people, places, organizations, quotes,
//! and linked stories (read-also first, then related ones with what they share).

use crate::article::{LinkKind, StoryRef};
use crate::extract::{Facts, FigureKind};

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Header(String),
    Figure(usize),
    Person(usize),
    Place(usize),
    Organization(usize),
    Quote(usize),
    Link(LinkTarget),
    /// A line of text that cannot be selected (nothing found, still extracting).
    Note(String),
}

impl Item {
    pub fn selectable(&self) -> bool {
        !matches!(self, Item::Header(_) | Item::Note(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    /// `None`: a page that is not in the library (only its URL is known).
    pub story: Option<StoryRef>,
    pub url: Option<String>,
    pub title: String,
    pub via: LinkKind,
    pub shared: Vec<String>,
}

const KIND_ORDER: &[(FigureKind, &str)] = &[
    (FigureKind::Count, "Counts"),
    (FigureKind::Approx, "Approximate"),
    (FigureKind::Percent, "Percentages"),
    (FigureKind::Money, "Money"),
    (FigureKind::Quantity, "Quantities"),
    (FigureKind::Duration, "Durations"),
    (FigureKind::Date, "Dates"),
    (FigureKind::Weekday, "Days"),
    (FigureKind::Time, "Times"),
    (FigureKind::Ordinal, "Ordinals"),
];

pub fn items(facts: Option<&Facts>, links: &[LinkTarget]) -> Vec<Item> {
    let mut out = Vec::new();
    match facts {
        None => out.push(Item::Note("extracting…".into())),
        Some(f) => {
            out.push(Item::Header(format!("Figures ({})", f.figures.len())));
            if f.figures.is_empty() {
                out.push(Item::Note("none".into()));
            }
            for &(kind, name) in KIND_ORDER {
                let of_kind: Vec<usize> = (0..f.figures.len()).filter(|&i| f.figures[i].kind == kind).collect();
                if !of_kind.is_empty() {
                    out.push(Item::Header(format!("· {name}")));
                    out.extend(of_kind.into_iter().map(Item::Figure));
                }
            }
            type Section = (&'static str, usize, fn(usize) -> Item);
            let sections: [Section; 4] = [
                ("People", f.people.len(), Item::Person),
                ("Places", f.places.len(), Item::Place),
                ("Organizations", f.organizations.len(), Item::Organization),
                ("Quotes", f.quotes.len(), Item::Quote),
            ];
            for (name, n, make) in sections {
                if n > 0 {
                    out.push(Item::Header(format!("{name} ({n})")));
                    out.extend((0..n).map(make));
                }
            }
        }
    }
    out.push(Item::Header(format!("Linked stories ({})", links.len())));
    if links.is_empty() {
        out.push(Item::Note("none".into()));
    }
    out.extend(links.iter().cloned().map(Item::Link));
    out
}

/// The selectable item at or after `from` (or before it, going `back`).
pub fn next_selectable(items: &[Item], from: usize, back: bool) -> Option<usize> {
    if back {
        (0..=from.min(items.len().saturating_sub(1))).rev().find(|&i| items[i].selectable())
    } else {
        (from..items.len()).find(|&i| items[i].selectable())
    }
}
