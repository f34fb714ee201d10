//! Layouts kept per (paragraph, options), so scrolling and redrawing do not lay out again,
//! within a budget of memory: past it the layouts used longest ago are dropped (and made
//! again if they come back into view), so paging through an article of any length holds
//! only what was read lately.

use std::collections::HashMap;
use std::hash::Hash;
use std::rc::Rc;

use super::{layout, Cell, LayoutOptions, ParagraphLayout, VisualLine};

/// Bytes of layouts kept by default: some hundred screens of text.
pub const DEFAULT_BUDGET: usize = 24 << 20;

pub struct LayoutCache<K> {
    entries: HashMap<(K, LayoutOptions), Entry>,
    /// Bytes the kept layouts take, and how many they may take.
    used: usize,
    budget: usize,
    /// Ticks at each look-up: an entry's last tick says how lately it was used.
    clock: u64,
    /// How many layouts were computed (not found): what tests of "never again" count.
    pub computed: usize,
}

struct Entry {
    layout: Rc<ParagraphLayout>,
    bytes: usize,
    used_at: u64,
}

impl<K: Hash + Eq + Clone> Default for LayoutCache<K> {
    fn default() -> Self {
        LayoutCache::with_budget(DEFAULT_BUDGET)
    }
}

/// Roughly what a layout holds in memory.
fn bytes_of(layout: &ParagraphLayout) -> usize {
    layout
        .lines
        .iter()
        .map(|l| size_of::<VisualLine>() + l.text.capacity() + l.cells.capacity() * size_of::<Cell>())
        .sum::<usize>()
        + size_of::<ParagraphLayout>()
}

impl<K: Hash + Eq + Clone> LayoutCache<K> {
    pub fn with_budget(budget: usize) -> Self {
        LayoutCache { entries: HashMap::new(), used: 0, budget, clock: 0, computed: 0 }
    }

    /// The layout of paragraph `key` (whose text is `text`) under `options`.
    pub fn get(&mut self, key: &K, text: &str, options: &LayoutOptions) -> Rc<ParagraphLayout> {
        self.clock += 1;
        if let Some(found) = self.entries.get_mut(&(key.clone(), *options)) {
            found.used_at = self.clock;
            return Rc::clone(&found.layout);
        }
        self.computed += 1;
        let laid = Rc::new(layout(text, options));
        let bytes = bytes_of(&laid);
        self.used += bytes;
        self.entries.insert((key.clone(), *options), Entry { layout: Rc::clone(&laid), bytes, used_at: self.clock });
        if self.used > self.budget {
            self.shed();
        }
        laid
    }

    /// Drops the layouts used longest ago until a quarter of the budget is free again (one
    /// sort for many look-ups: the cost per look-up stays constant).
    fn shed(&mut self) {
        let mut ages: Vec<(u64, usize)> = self.entries.values().map(|e| (e.used_at, e.bytes)).collect();
        ages.sort_unstable();
        let target = self.budget / 4 * 3;
        let mut freed = 0;
        let mut cut = 0;
        for &(age, bytes) in &ages {
            if self.used - freed <= target {
                break;
            }
            cut = age;
            freed += bytes;
        }
        // the newest layout always stays, whatever its size
        let newest = self.clock;
        self.entries.retain(|_, e| e.used_at > cut || e.used_at == newest);
        self.used = self.entries.values().map(|e| e.bytes).sum();
    }

    /// Bytes the kept layouts take.
    pub fn used(&self) -> usize {
        self.used
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.used = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_keeps_the_layouts_used_lately_and_drops_the_rest() {
        let options = LayoutOptions { width: 10, ..LayoutOptions::default() };
        let text = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة";
        let one = bytes_of(&layout(text, &options));
        let mut cache: LayoutCache<usize> = LayoutCache::with_budget(one * 10);
        for k in 0..100 {
            cache.get(&k, text, &options);
            assert!(cache.used() <= one * 10, "{} bytes after {k}", cache.used());
        }
        // the latest are still there, the first were dropped and are made again
        let made = cache.computed;
        cache.get(&99, text, &options);
        assert_eq!(cache.computed, made);
        cache.get(&0, text, &options);
        assert_eq!(cache.computed, made + 1);
    }
}
