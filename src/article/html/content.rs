//! The article's body: which elements hold it, and its paragraphs.
//!
//! In the manner of Mozilla's Readability: boilerplate is set aside by tag, `class`/`id` and
//! role; every block of text scores its ancestors by its length and commas (Arabic commas
//! too); the best-scoring element, less its link density, is the body, widened to the
//! ancestor that several near-best candidates share and to siblings that score well; inside
//! it, blocks that look like link lists, embeds or forms are dropped. All of it in passes over
//! the nodes in document order, with subtree sizes from prefix sums, so a page is read in
//! linear time whatever its nesting.

use super::classify::{class_weight, class_words, is_heading, is_inline, is_paragraph_tag, is_skipped, is_unlikely};
use super::dom::{Dom, NodeData, NodeId};
use super::text::{char_count, clean, push_collapsed};

/// A block shorter than this (in characters) does not score its ancestors.
const MIN_PARAGRAPH: usize = 25;
/// A body has at least this many characters (when the page has that many anywhere).
const MIN_BODY: usize = 200;
/// How many ancestors a block scores.
const SCORED_LEVELS: usize = 5;

/// A paragraph of the body and the links inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// (link text, `href`) of its links.
    pub links: Vec<(String, String)>,
    /// Characters of its text that are link text.
    pub link_chars: usize,
    /// The element it came from is a heading.
    pub heading: bool,
}

/// What the body extraction found.
#[derive(Debug, Default)]
pub struct Body {
    pub paragraphs: Vec<Paragraph>,
    /// Blocks of links set apart inside the article (related boxes, `<aside>`s): each is a
    /// list of (link text, `href`), with the box's own heading text.
    pub boxes: Vec<LinkBox>,
    /// Short lines of the article around the body (bylines, `المصدر:` lines).
    pub lines_around: Vec<String>,
    /// Short texts of elements that say they hold a date (`class="date"`, `itemprop`…), in
    /// document order: where a page that gives no machine-readable date shows it.
    pub date_lines: Vec<String>,
}

#[derive(Debug, Default, Clone)]
pub struct LinkBox {
    pub heading: String,
    pub words: Vec<String>,
    pub links: Vec<(String, String)>,
}

/// Per-node facts, gathered in one pass.
struct Analysis<'a> {
    dom: &'a Dom,
    /// The last node of each node's subtree.
    end: Vec<usize>,
    /// Roots of subtrees that are never text (scripts, hidden, controls).
    skipped: Vec<bool>,
    /// Roots of boilerplate subtrees (navigation, share bars, related boxes…).
    unlikely: Vec<bool>,
    /// Prefix sums of `<article>`, `<main>` and `itemprop=articleBody` elements.
    articles: Vec<u32>,
    /// Prefix sums over nodes of counted text characters, link text characters, commas and
    /// certain tags, so any subtree's totals are two lookups.
    text: Vec<u32>,
    link: Vec<u32>,
    commas: Vec<u32>,
    heading_text: Vec<u32>,
    paragraphs: Vec<u32>,
    list_items: Vec<u32>,
    inputs: Vec<u32>,
    embeds: Vec<u32>,
    /// Each text block's length and commas, by the block element.
    block_len: Vec<u32>,
    block_commas: Vec<u32>,
}

impl<'a> Analysis<'a> {
    fn new(dom: &'a Dom) -> Analysis<'a> {
        let n = dom.nodes.len();
        let mut end = vec![0; n];
        for id in (0..n).rev() {
            end[id] = dom.children(id).last().map_or(id, |last| end[last]);
        }
        // how many article elements each subtree holds: a boilerplate-looking wrapper around
        // one is not boilerplate
        let mut articles = vec![0u32; n + 1];
        for id in 0..n {
            let marks = matches!(dom.name(id), "article" | "main")
                || dom.attr(id, "itemprop").is_some_and(|p| p.contains("articleBody"));
            articles[id + 1] = articles[id] + u32::from(marks);
        }
        let mut a = Analysis {
            dom,
            articles,
            end,
            skipped: vec![false; n],
            unlikely: vec![false; n],
            text: vec![0; n + 1],
            link: vec![0; n + 1],
            commas: vec![0; n + 1],
            heading_text: vec![0; n + 1],
            paragraphs: vec![0; n + 1],
            list_items: vec![0; n + 1],
            inputs: vec![0; n + 1],
            embeds: vec![0; n + 1],
            block_len: vec![0; n],
            block_commas: vec![0; n],
        };
        a.gather();
        a
    }

    fn gather(&mut self) {
        let dom = self.dom;
        let n = dom.nodes.len();
        // text inside these ends is not counted: (until, why)
        let mut excluded_until: Option<usize> = None;
        let mut link_until: Option<usize> = None;
        let mut heading_until: Option<usize> = None;
        let mut blocks: Vec<(NodeId, usize)> = vec![(0, n.saturating_sub(1))];
        for i in 0..n {
            let (mut text, mut link, mut commas, mut heading, mut p, mut li, mut input, mut embed) =
                (0u32, 0u32, 0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
            while blocks.last().is_some_and(|&(_, e)| e < i) {
                blocks.pop();
            }
            let excluded = excluded_until.is_some_and(|e| i <= e);
            match &dom.nodes[i].data {
                NodeData::Element(e) if !excluded => {
                    let name: &str = &e.name;
                    if is_skipped(dom, i) {
                        self.skipped[i] = true;
                        excluded_until = Some(self.end[i]);
                        if matches!(name, "input" | "select" | "textarea" | "button") {
                            input = 1;
                        }
                        if matches!(name, "iframe" | "embed" | "object" | "video") {
                            embed = 1;
                        }
                    } else if is_unlikely(dom, i, &class_words(dom, i)) && self.sum(&self.articles, i) == 0.0 {
                        self.unlikely[i] = true;
                        excluded_until = Some(self.end[i]);
                    } else {
                        match name {
                            "p" => p = 1,
                            "li" => li = 1,
                            "a" => link_until = Some(link_until.map_or(self.end[i], |u| u.max(self.end[i]))),
                            _ => {}
                        }
                        if is_heading(name) {
                            heading_until = Some(self.end[i]);
                        }
                        if !is_inline(name) {
                            blocks.push((i, self.end[i]));
                        }
                    }
                }
                NodeData::Text(t) if !excluded => {
                    let count = char_count(t) as u32;
                    text = count;
                    if link_until.is_some_and(|u| i <= u) {
                        link = count;
                    }
                    if heading_until.is_some_and(|u| i <= u) {
                        heading = count;
                    }
                    commas = t.chars().filter(|c| matches!(c, ',' | '،' | '，' | '、')).count() as u32;
                    let block = blocks.last().map_or(0, |b| b.0);
                    self.block_len[block] += count;
                    self.block_commas[block] += commas;
                }
                _ => {}
            }
            self.text[i + 1] = self.text[i] + text;
            self.link[i + 1] = self.link[i] + link;
            self.commas[i + 1] = self.commas[i] + commas;
            self.heading_text[i + 1] = self.heading_text[i] + heading;
            self.paragraphs[i + 1] = self.paragraphs[i] + p;
            self.list_items[i + 1] = self.list_items[i] + li;
            self.inputs[i + 1] = self.inputs[i] + input;
            self.embeds[i + 1] = self.embeds[i] + embed;
        }
    }

    fn sum(&self, prefix: &[u32], id: NodeId) -> f64 {
        f64::from(prefix[self.end[id] + 1] - prefix[id])
    }

    fn text_len(&self, id: NodeId) -> f64 {
        self.sum(&self.text, id)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        let text = self.text_len(id);
        if text == 0.0 {
            0.0
        } else {
            self.sum(&self.link, id) / text
        }
    }
}

/// Readability's scores: each block of text scores its ancestors; the best, less its link
/// density, is the body's root.
fn scores(a: &Analysis) -> Vec<f64> {
    let dom = a.dom;
    let mut score = vec![f64::NAN; dom.nodes.len()];
    let initial = |id: NodeId| -> f64 {
        let name = dom.name(id);
        let tag = match name {
            "div" | "article" | "main" | "section" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        tag + class_weight(&class_words(dom, id))
    };
    for block in 0..dom.nodes.len() {
        let len = a.block_len[block] as usize;
        if len < MIN_PARAGRAPH || dom.element(block).is_none() {
            continue;
        }
        let content = 1.0 + f64::from(a.block_commas[block]) + (len as f64 / 100.0).min(3.0);
        let first = if is_paragraph_tag(dom.name(block)) { dom.nodes[block].parent } else { Some(block) };
        let chain = first.into_iter().chain(first.into_iter().flat_map(|f| dom.ancestors(f)));
        for (level, ancestor) in chain.take(SCORED_LEVELS).enumerate() {
            if dom.element(ancestor).is_none() {
                break;
            }
            if score[ancestor].is_nan() {
                score[ancestor] = initial(ancestor);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                k => k as f64 * 3.0,
            };
            score[ancestor] += content / divider;
        }
    }
    for (id, s) in score.iter_mut().enumerate() {
        if !s.is_nan() {
            *s *= 1.0 - a.link_density(id);
        }
    }
    score
}

/// Finds the body and reads its paragraphs.
pub fn extract(dom: &Dom) -> Body {
    let a = Analysis::new(dom);
    let score = scores(&a);
    let Some(top) = best(&a, &score) else {
        return Body::default();
    };
    let roots = with_siblings(&a, &score, top);
    let mut emitter = Emitter::new(&a, &score);
    for &root in &roots {
        emitter.emit(root);
    }
    let mut body = emitter.finish();
    // what is set apart inside the article the body belongs to
    let scope = std::iter::once(top).chain(dom.ancestors(top)).find(|&x| dom.name(x) == "article").unwrap_or(top);
    // without an <article>, the body's parent, unless it holds much more (a whole page)
    let parent = dom.nodes[top].parent.filter(|&p| dom.element(p).is_some());
    let scope = match parent {
        Some(p) if scope == top && (roots.len() > 1 || a.text_len(p) <= 1.6 * a.text_len(top)) => p,
        _ => scope,
    };
    let (boxes, lines) = outside_body(&a, scope, &roots);
    body.boxes.extend(boxes);
    body.lines_around = lines;
    body.date_lines = date_lines(&a);
    body
}

/// The best candidate, moved up to the ancestor that near-best candidates share, or that
/// scores higher, as Readability does.
fn best(a: &Analysis, score: &[f64]) -> Option<NodeId> {
    let dom = a.dom;
    // a heading's wrapper can win on its class alone: a body is longer than a line or two
    let longest = (0..score.len()).filter(|&i| !score[i].is_nan()).map(|i| a.text_len(i)).fold(0.0, f64::max);
    let min_len = (MIN_BODY as f64).min(longest);
    let mut ranked: Vec<NodeId> =
        (0..score.len()).filter(|&i| !score[i].is_nan() && a.text_len(i) >= min_len).collect();
    ranked.sort_by(|&x, &y| score[y].total_cmp(&score[x]).then(x.cmp(&y)));
    let mut top = *ranked.first()?;
    let top_score = score[top];
    let is_root = |x: NodeId| matches!(dom.name(x), "body" | "html" | "") || dom.nodes[x].parent.is_none();
    // several candidates nearly as good: their common ancestor holds the whole body
    let alternatives: Vec<NodeId> =
        ranked.iter().skip(1).take(4).copied().filter(|&c| score[c] / top_score >= 0.75).collect();
    if alternatives.len() >= 3 {
        for ancestor in dom.ancestors(top) {
            if is_root(ancestor) {
                break;
            }
            let holding = alternatives.iter().filter(|&&c| dom.ancestors(c).any(|x| x == ancestor)).count();
            if holding >= 3 {
                top = ancestor;
                break;
            }
        }
    }
    // a parent that scores more than its child is the better body
    let mut last = score[top];
    let threshold = last / 3.0;
    for ancestor in dom.ancestors(top).collect::<Vec<_>>() {
        if is_root(ancestor) {
            break;
        }
        if score[ancestor].is_nan() {
            continue;
        }
        if score[ancestor] < threshold {
            break;
        }
        if score[ancestor] > last {
            top = ancestor;
            break;
        }
        last = score[ancestor];
    }
    // an only child says no more than its parent
    while let Some(parent) = dom.nodes[top].parent {
        if is_root(parent) || dom.children(parent).filter(|&c| dom.element(c).is_some()).count() != 1 {
            break;
        }
        top = parent;
    }
    Some(top)
}

/// The body's root and those of its siblings that belong with it.
fn with_siblings(a: &Analysis, score: &[f64], top: NodeId) -> Vec<NodeId> {
    let dom = a.dom;
    let Some(parent) = dom.nodes[top].parent else {
        return vec![top];
    };
    if matches!(dom.name(parent), "") {
        return vec![top];
    }
    let threshold = (score[top] * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    for sibling in dom.children(parent) {
        if sibling == top {
            roots.push(sibling);
            continue;
        }
        if dom.element(sibling).is_none() || a.skipped[sibling] || a.unlikely[sibling] {
            continue;
        }
        let bonus =
            if !top_class.is_empty() && dom.attr(sibling, "class") == Some(top_class) { score[top] * 0.2 } else { 0.0 };
        let s = score[sibling];
        let append = if !s.is_nan() && s + bonus >= threshold {
            true
        } else if dom.name(sibling) == "p" {
            let len = a.text_len(sibling);
            let density = a.link_density(sibling);
            let text = plain_text(a, sibling);
            (len > 80.0 && density < 0.25) || (len > 0.0 && len <= 80.0 && density == 0.0 && ends_sentence(&text))
        } else {
            false
        };
        if append {
            roots.push(sibling);
        }
    }
    roots
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '؟', '。', '！', '？']) || text.contains(". ")
}

/// The text of a subtree, skipped parts left out.
fn plain_text(a: &Analysis, id: NodeId) -> String {
    let mut out = String::new();
    let mut i = id;
    while i <= a.end[id] {
        if a.skipped[i] {
            i = a.end[i] + 1;
            continue;
        }
        if let Some(t) = a.dom.text(i) {
            push_collapsed(&mut out, t);
        } else if !is_inline(a.dom.name(i)) && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        i += 1;
    }
    out.trim().to_string()
}

/// Readability's conditional cleaning: blocks inside the body that are lists of links,
/// forms, embeds or image strips rather than text.
fn is_junk_block(a: &Analysis, score: &[f64], id: NodeId) -> bool {
    let dom = a.dom;
    let name = dom.name(id);
    if !matches!(
        name,
        "div" | "section" | "ul" | "ol" | "table" | "form" | "fieldset" | "header" | "footer" | "dl" | "center"
    ) {
        return false;
    }
    let weight = class_weight(&class_words(dom, id));
    let own = if score[id].is_nan() { 0.0 } else { score[id] };
    if weight + own < 0.0 {
        return true;
    }
    if a.sum(&a.commas, id) >= 10.0 {
        return false;
    }
    let p = a.sum(&a.paragraphs, id);
    let li = a.sum(&a.list_items, id) - 100.0;
    let input = a.sum(&a.inputs, id);
    let embeds = a.sum(&a.embeds, id);
    let len = a.text_len(id);
    let density = a.link_density(id);
    let heading_density = if len > 0.0 { a.sum(&a.heading_text, id) / len } else { 0.0 };
    let is_list = matches!(name, "ul" | "ol");
    (!is_list && li > p)
        || input > (p / 3.0).floor()
        || (!is_list && heading_density < 0.9 && len < 25.0 && density > 0.0)
        || (!is_list && weight < 25.0 && density > 0.2)
        || (weight >= 25.0 && density > 0.5)
        || (embeds == 1.0 && len < 75.0)
        || embeds > 1.0
        || (is_list && density > 0.5)
}

/// Paragraphs out of the body's subtrees, in document order.
struct Emitter<'a> {
    a: &'a Analysis<'a>,
    score: &'a [f64],
    paragraphs: Vec<Paragraph>,
    /// Link boxes dropped from inside the body.
    boxes: Vec<LinkBox>,
    current: Paragraph,
    /// The element the current paragraph's text is in, when it is a heading.
    current_heading: bool,
}

impl<'a> Emitter<'a> {
    fn new(a: &'a Analysis<'a>, score: &'a [f64]) -> Emitter<'a> {
        Emitter {
            a,
            score,
            paragraphs: Vec::new(),
            boxes: Vec::new(),
            current: Paragraph { text: String::new(), links: Vec::new(), link_chars: 0, heading: false },
            current_heading: false,
        }
    }

    fn flush(&mut self) {
        let text = clean(&self.current.text);
        let mut paragraph = std::mem::replace(
            &mut self.current,
            Paragraph { text: String::new(), links: Vec::new(), link_chars: 0, heading: false },
        );
        if !text.is_empty() {
            paragraph.text = text;
            paragraph.heading = self.current_heading;
            self.paragraphs.push(paragraph);
        }
    }

    fn emit(&mut self, root: NodeId) {
        let a = self.a;
        let dom = a.dom;
        let mut blocks: Vec<(usize, bool)> = Vec::new();
        // the open link: (end, href, where its text starts in the paragraph)
        let mut link: Option<(usize, String, usize)> = None;
        let mut i = root;
        let end = a.end[root];
        self.flush();
        while i <= end {
            while blocks.last().is_some_and(|&(e, _)| e < i) {
                blocks.pop();
                self.close_link(&mut link, i);
                self.flush();
                self.current_heading = blocks.last().is_some_and(|b| b.1);
            }
            self.close_link(&mut link, i);
            match &dom.nodes[i].data {
                NodeData::Element(e) => {
                    let name: &str = &e.name;
                    let dropped = a.skipped[i] || (i != root && (a.unlikely[i] || is_junk_block(a, self.score, i)));
                    if dropped {
                        if !is_inline(name) || a.unlikely[i] {
                            self.flush();
                        }
                        if !a.skipped[i] {
                            self.boxes.extend(link_box(a, i));
                        }
                        i = a.end[i] + 1;
                        continue;
                    }
                    if name == "br" || name == "hr" {
                        self.flush();
                    } else if !is_inline(name) {
                        self.flush();
                        let heading = is_heading(name);
                        blocks.push((a.end[i], heading));
                        self.current_heading = heading;
                    } else if name == "a" {
                        let href = e.attr("href").unwrap_or("").to_string();
                        link = Some((a.end[i], href, self.current.text.len()));
                    }
                }
                NodeData::Text(t) => push_collapsed(&mut self.current.text, t),
                NodeData::Document => {}
            }
            i += 1;
        }
        self.close_link(&mut link, usize::MAX);
        self.flush();
    }

    fn close_link(&mut self, link: &mut Option<(usize, String, usize)>, at: usize) {
        if link.as_ref().is_some_and(|(end, _, _)| *end < at) {
            if let Some((_, href, start)) = link.take() {
                let text = self.current.text.get(start..).map(clean).unwrap_or_default();
                if !text.is_empty() {
                    self.current.link_chars += char_count(&text);
                    self.current.links.push((text, href));
                }
            }
        }
    }

    fn finish(mut self) -> Body {
        self.flush();
        Body { paragraphs: self.paragraphs, boxes: self.boxes, ..Body::default() }
    }
}

/// Boxes of links inside `scope`, outside the body's roots, that were set aside as
/// boilerplate (related and read-also boxes, `<aside>`s), and the short lines there (where an
/// `المصدر:` line may stand).
fn outside_body(a: &Analysis, scope: NodeId, roots: &[NodeId]) -> (Vec<LinkBox>, Vec<String>) {
    let dom = a.dom;
    let mut boxes = Vec::new();
    let mut lines = Vec::new();
    let mut i = scope;
    while i <= a.end[scope] {
        if roots.contains(&i) || a.skipped[i] {
            i = a.end[i] + 1;
            continue;
        }
        if a.unlikely[i] {
            boxes.extend(link_box(a, i));
            i = a.end[i] + 1;
            continue;
        }
        let name = dom.name(i);
        if dom.element(i).is_some() && !is_inline(name) && a.text_len(i) <= 120.0 && a.text_len(i) > 0.0 {
            lines.push(plain_text(a, i));
            i = a.end[i] + 1;
            continue;
        }
        i += 1;
    }
    (boxes, lines)
}

/// Short texts of the elements whose words say they hold a date.
fn date_lines(a: &Analysis) -> Vec<String> {
    let dom = a.dom;
    let mut lines = Vec::new();
    for id in 0..dom.nodes.len() {
        if dom.element(id).is_none() || a.skipped[id] {
            continue;
        }
        let words = class_words(dom, id);
        let dated = words.iter().any(|w| {
            matches!(
                w.as_str(),
                "date" | "time" | "datetime" | "timestamp" | "published" | "publish" | "posted" | "pubdate"
            )
        });
        // a date element holds a line, not a page: its end is near (checked before reading)
        if dated && a.end[id] - id <= 40 {
            let text = plain_text(a, id);
            if !text.is_empty() && text.chars().count() <= 80 {
                lines.push(text);
            }
        }
        if lines.len() >= 20 {
            break;
        }
    }
    lines
}

/// The links of a box set aside, with its heading (its first text before a link).
fn link_box(a: &Analysis, id: NodeId) -> Option<LinkBox> {
    let dom = a.dom;
    let mut link_box = LinkBox { words: class_words(dom, id), ..LinkBox::default() };
    if dom.name(id) == "aside" {
        link_box.words.push("aside".into());
    }
    let mut j = id;
    while j <= a.end[id] {
        if a.skipped[j] {
            j = a.end[j] + 1;
            continue;
        }
        if dom.name(j) == "a" {
            let text = clean(&plain_text(a, j));
            if let Some(href) = dom.attr(j, "href") {
                if !text.is_empty() {
                    link_box.links.push((text, href.to_string()));
                }
            }
            j = a.end[j] + 1;
            continue;
        }
        if link_box.heading.is_empty() && link_box.links.is_empty() {
            if let Some(t) = dom.text(j) {
                link_box.heading = clean(t);
            }
        }
        j += 1;
    }
    (!link_box.links.is_empty()).then_some(link_box)
}
