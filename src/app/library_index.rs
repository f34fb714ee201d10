//! Library search as an index: every story's title and paragraphs folded once (see
//! `search`), end to end in library order, so a key typed in a library search is one
//! substring search over what is left to search, not a fold of every story.

use crate::arabic::fold;
use crate::article::Library;

pub struct LibraryIndex {
    /// The folded stories in library order, each text ended by a NUL (which no text or query
    /// holds once decoded, so a match never runs from one paragraph or story into the next).
    folded: String,
    /// Where each story starts in `folded`, then its end.
    starts: Vec<usize>,
    /// The last query and the stories it matched: a query that only grows searches those.
    last: Option<(String, Vec<usize>)>,
}

impl LibraryIndex {
    pub fn new(library: &Library) -> LibraryIndex {
        let mut folded = String::new();
        let mut starts = Vec::with_capacity(library.order.len() + 1);
        for &r in &library.order {
            starts.push(folded.len());
            let story = library.story(r);
            for text in std::iter::once(&story.title).chain(&story.paragraphs) {
                folded.push_str(&fold(text));
                folded.push('\0');
            }
        }
        starts.push(folded.len());
        LibraryIndex { folded, starts, last: None }
    }

    /// The stories (positions in the library's order) that hold `query`, in order.
    pub fn search(&mut self, query: &str) -> Vec<usize> {
        let needle = fold(query);
        if needle.trim().is_empty() || needle.contains('\0') {
            self.last = None;
            return Vec::new();
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let bytes = self.folded.as_bytes();
        let in_story = |k: usize| finder.find(&bytes[self.starts[k]..self.starts[k + 1]]).is_some();
        let found: Vec<usize> = match &self.last {
            // a longer query matches only where the shorter one did
            Some((before, hits)) if needle.starts_with(before.as_str()) => {
                hits.iter().copied().filter(|&k| in_story(k)).collect()
            }
            _ => {
                let mut found = Vec::new();
                let mut at = 0;
                while let Some(i) = finder.find(&bytes[at..]) {
                    let k = self.starts.partition_point(|&s| s <= at + i) - 1;
                    found.push(k);
                    at = self.starts[k + 1]; // one hit is enough: on to the next story
                }
                found
            }
        };
        self.last = Some((needle, found.clone()));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::search::contains;
    use crate::article::{Article, Story};

    #[test]
    fn finds_the_stories_a_fold_of_each_finds_as_the_query_grows_and_shrinks() {
        let story =
            |title: &str, p: &str| Story { title: title.into(), paragraphs: vec![p.into()], ..Story::default() };
        let library = Library::from_articles(vec![Article {
            path: "a".into(),
            stories: vec![
                story("غزّة اليوم", "قال أحمد"),
                story("لبنان", "في غزه"),
                story("مصر", "iPhone 16"),
                story("ا", "ب"),
            ],
        }]);
        let mut index = LibraryIndex::new(&library);
        for query in ["غ", "غز", "غزة", "غزةا", "غز", "احمد", "IPHONE", "ا ب", "ب", "", " "] {
            let want: Vec<usize> = (0..library.order.len())
                .filter(|&k| {
                    let s = library.story(library.order[k]);
                    contains(&s.title, query) || s.paragraphs.iter().any(|p| contains(p, query))
                })
                .collect();
            assert_eq!(index.search(query), want, "{query:?}");
        }
    }
}
