//! The side panel's items: figures grouped by kind, people, places, organizations, quotes,
//! and linked stories (read-also first, then related ones with what they share).

use crate::article::{LinkKind, StoryRef};
use crate::extract::{Facts, FigureKind};
use crate::i18n::Msg;

/// What the panel lists; the words are the catalog's, chosen when it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A section and how many it holds: `Figures (11)`.
    Heading(Msg, usize),
    /// A kind of figure within the figures: `· Counts`.
    Subheading(Msg),
    Figure(usize),
    Person(usize),
    Place(usize),
    Organization(usize),
    Quote(usize),
    Link(LinkTarget),
    /// A line of text that cannot be selected (nothing found, still extracting).
    Note(Msg),
}

impl Item {
    pub fn selectable(&self) -> bool {
        !matches!(self, Item::Heading(..) | Item::Subheading(_) | Item::Note(_))
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

const KIND_ORDER: &[(FigureKind, Msg)] = &[
    (FigureKind::Count, Msg::KindCounts),
    (FigureKind::Approx, Msg::KindApprox),
    (FigureKind::Percent, Msg::KindPercent),
    (FigureKind::Money, Msg::KindMoney),
    (FigureKind::Quantity, Msg::KindQuantities),
    (FigureKind::Duration, Msg::KindDurations),
    (FigureKind::Date, Msg::KindDates),
    (FigureKind::Weekday, Msg::KindDays),
    (FigureKind::Time, Msg::KindTimes),
    (FigureKind::Ordinal, Msg::KindOrdinals),
];

pub fn items(facts: Option<&Facts>, links: &[LinkTarget]) -> Vec<Item> {
    let mut out = Vec::new();
    match facts {
        None => out.push(Item::Note(Msg::Extracting)),
        Some(f) => {
            out.push(Item::Heading(Msg::FiguresHeading, f.figures.len()));
            if f.figures.is_empty() {
                out.push(Item::Note(Msg::Nothing));
            }
            for &(kind, name) in KIND_ORDER {
                let of_kind: Vec<usize> = (0..f.figures.len()).filter(|&i| f.figures[i].kind == kind).collect();
                if !of_kind.is_empty() {
                    out.push(Item::Subheading(name));
                    out.extend(of_kind.into_iter().map(Item::Figure));
                }
            }
            type Section = (Msg, usize, fn(usize) -> Item);
            let sections: [Section; 4] = [
                (Msg::PeopleHeading, f.people.len(), Item::Person),
                (Msg::PlacesHeading, f.places.len(), Item::Place),
                (Msg::OrganizationsHeading, f.organizations.len(), Item::Organization),
                (Msg::QuotesHeading, f.quotes.len(), Item::Quote),
            ];
            for (name, n, make) in sections {
                if n > 0 {
                    out.push(Item::Heading(name, n));
                    out.extend((0..n).map(make));
                }
            }
        }
    }
    out.push(Item::Heading(Msg::LinkedHeading, links.len()));
    if links.is_empty() {
        out.push(Item::Note(Msg::Nothing));
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
