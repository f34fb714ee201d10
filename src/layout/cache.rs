//! Layouts kept per (paragraph, options): scrolling and redrawing never lay out again.

use std::collections::HashMap;
use std::hash::Hash;
use std::rc::Rc;

use super::{layout, LayoutOptions, ParagraphLayout};

pub struct LayoutCache<K> {
    entries: HashMap<(K, LayoutOptions), Rc<ParagraphLayout>>,
    /// How many layouts were computed (not found): what tests of "never again" count.
    pub computed: usize,
}

impl<K: Hash + Eq + Clone> Default for LayoutCache<K> {
    fn default() -> Self {
        LayoutCache { entries: HashMap::new(), computed: 0 }
    }
}

impl<K: Hash + Eq + Clone> LayoutCache<K> {
    /// The layout of paragraph `key` (whose text is `text`) under `options`.
    pub fn get(&mut self, key: &K, text: &str, options: &LayoutOptions) -> Rc<ParagraphLayout> {
        if let Some(found) = self.entries.get(&(key.clone(), *options)) {
            return Rc::clone(found);
        }
        self.computed += 1;
        let laid = Rc::new(layout(text, options));
        self.entries.insert((key.clone(), *options), Rc::clone(&laid));
        laid
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
