//! Related stories: others in the library that share people, places or figures with a story.

use std::collections::HashSet;

use super::{Facts, FigureKind, FigureValue};

/// What one story offers for comparison.
pub struct Profile {
    people: HashSet<String>,
    places: HashSet<String>,
    figures: HashSet<String>,
}

impl Profile {
    pub fn of(facts: &Facts) -> Profile {
        let figures = facts
            .figures
            .iter()
            .filter(|f| match (&f.kind, &f.value) {
                (FigureKind::Count | FigureKind::Money | FigureKind::Percent, FigureValue::Int(v)) => v.abs() >= 10,
                (FigureKind::Date, _) => true,
                _ => false,
            })
            .map(|f| f.text.clone())
            .collect();
        Profile {
            people: facts.people.iter().map(|p| p.name.clone()).collect(),
            places: facts.places.iter().map(|p| p.name.clone()).collect(),
            figures,
        }
    }
}

/// A related story and what it shares.
pub type Related<K> = (K, Vec<String>);

/// Up to `limit` stories most like `mine`, best first, with what they share. A shared person
/// weighs 3, a shared figure 2, a shared place 1; a single shared place is not enough to call
/// two stories related.
pub fn related<'a, K: Copy + PartialEq + Ord + 'a>(
    mine: &Profile,
    others: impl Iterator<Item = (K, &'a Profile)>,
    limit: usize,
) -> Vec<Related<K>> {
    let mut scored: Vec<(K, usize, Vec<String>)> = others
        .filter_map(|(key, other)| {
            let mut shared: Vec<String> = Vec::new();
            let mut score = 0;
            for (mine, theirs, weight) in
                [(&mine.people, &other.people, 3), (&mine.figures, &other.figures, 2), (&mine.places, &other.places, 1)]
            {
                let mut common: Vec<&String> = mine.intersection(theirs).collect();
                common.sort();
                score += weight * common.len();
                shared.extend(common.into_iter().cloned());
            }
            (score >= 2).then_some((key, score, shared))
        })
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().take(limit).map(|(k, _, s)| (k, s)).collect()
}
