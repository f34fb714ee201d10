//! A page's element tree, built from html5ever's tokenizer by a small tree builder of our own.
//!
//! Why not html5ever's own tree builder: its scope checks and "Noah's Ark" clause walk the
//! whole stack of open elements, so 20,000 nested `<div>`s took 9 s and 100,000 did not end
//! (measured with scraper/dom_query). Here the stack is capped at [`MAX_DEPTH`] as browsers
//! cap it (deeper elements become siblings), every walk over the stack is bounded by it, and
//! the nodes live in one `Vec`, so nothing recurses, not even dropping the tree.
//!
//! The builder follows the HTML rules that matter for reading: void elements, raw text
//! (`script`, `style`…), implied ends of `p`, `li`, `dd`/`dt`, table parts and headings, and
//! end tags closing the nearest open element of their name. Text of `script`/`style`/
//! `noscript`/`template` is never kept, except JSON-LD, which [`Dom::json_ld`] reads.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::LocalName;
use html5ever::TokenizerResult;

/// Deepest nesting kept, as in Blink: deeper elements are added beside the last one kept.
pub const MAX_DEPTH: usize = 512;
/// JSON-LD blocks larger than this are not kept (metadata is small; a page can be hostile).
const MAX_JSON_LD: usize = 1 << 20;

pub type NodeId = usize;
const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub struct Node {
    pub parent: Option<NodeId>,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    pub data: NodeData,
}

#[derive(Debug)]
pub enum NodeData {
    Document,
    Element(Element),
    Text(String),
}

#[derive(Debug)]
pub struct Element {
    pub name: LocalName,
    pub attrs: Vec<(LocalName, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| &**n == name).map(|(_, v)| v.as_str())
    }
}

/// The parsed page: nodes in document order, the document at 0.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let sink = Builder { state: RefCell::new(State::new()) };
        let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
        let queue = BufferQueue::default();
        queue.push_back(StrTendril::from_slice(html));
        while let TokenizerResult::Script(_) = tokenizer.feed(&queue) {}
        tokenizer.end();
        Dom { nodes: tokenizer.sink.state.into_inner().nodes }
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn name(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| &*e.name)
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.nodes[id].first_child }
    }

    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.nodes[id].next_sibling;
        (n != NONE).then_some(n as NodeId)
    }

    /// The last node inside `id` (itself when it has no children): `id`'s subtree is the
    /// range `id..=last_descendant(id)`, since nodes are numbered in document order.
    pub fn last_descendant(&self, id: NodeId) -> NodeId {
        let mut at = id;
        while self.nodes[at].last_child != NONE {
            at = self.nodes[at].last_child as NodeId;
        }
        at
    }

    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&p| self.nodes[p].parent)
    }

    /// The text of the page's JSON-LD blocks (`<script type="application/ld+json">`).
    pub fn json_ld(&self) -> impl Iterator<Item = &str> + '_ {
        self.elements_named("script")
            .filter(|&s| self.attr(s, "type").is_some_and(is_json_ld_type))
            .filter_map(|s| self.children(s).find_map(|c| self.text(c)))
    }

    /// Elements of a name, in document order.
    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        (0..self.nodes.len()).filter(move |&i| self.name(i) == name)
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        (self.next != NONE).then(|| {
            let id = self.next as NodeId;
            self.next = self.dom.nodes[id].next_sibling;
            id
        })
    }
}

/// Elements whose content is never text for a reader.
pub fn is_never_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript" | "svg" | "math" | "iframe" | "object" | "head")
}

fn is_json_ld_type(t: &str) -> bool {
    t.trim().eq_ignore_ascii_case("application/ld+json")
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
            | "image"
    )
}

/// Start tags that end an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
            | "listing"
            | "xmp"
            | "plaintext"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements an implied end never looks past (the "scope" of the HTML rules, simplified).
fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "html" | "table" | "td" | "th" | "caption" | "marquee" | "object" | "template" | "button" | "svg" | "math"
    )
}

struct Builder {
    state: RefCell<State>,
}

struct State {
    nodes: Vec<Node>,
    /// Open elements; the document at the bottom.
    open: Vec<NodeId>,
    /// Inside `<svg>`/`<math>`: self-closing tags close, CDATA is text.
    foreign: usize,
    /// Inside `<template>`: its content is never text.
    template: usize,
}

impl State {
    fn new() -> State {
        let document =
            Node { parent: None, first_child: NONE, last_child: NONE, next_sibling: NONE, data: NodeData::Document };
        State { nodes: vec![document], open: vec![0], foreign: 0, template: 0 }
    }

    fn current(&self) -> NodeId {
        *self.open.last().unwrap_or(&0)
    }

    fn current_name(&self) -> &str {
        match &self.nodes[self.current()].data {
            NodeData::Element(e) => &e.name,
            _ => "",
        }
    }

    fn append(&mut self, parent: NodeId, data: NodeData) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node { parent: Some(parent), first_child: NONE, last_child: NONE, next_sibling: NONE, data });
        let p = &mut self.nodes[parent];
        let previous = p.last_child;
        p.last_child = id as u32;
        if previous == NONE {
            p.first_child = id as u32;
        } else {
            self.nodes[previous as usize].next_sibling = id as u32;
        }
        id
    }

    fn text(&mut self, text: &str) {
        let parent = self.current();
        let is_script = self.current_name() == "script";
        let kept = match self.current_name() {
            "script" => matches!(&self.nodes[parent].data, NodeData::Element(e)
                if e.attr("type").is_some_and(is_json_ld_type)),
            "style" | "noscript" | "xmp" | "iframe" | "noembed" | "noframes" => false,
            _ => self.template == 0,
        };
        if !kept {
            return;
        }
        let last = self.nodes[parent].last_child;
        if last != NONE {
            if let NodeData::Text(t) = &mut self.nodes[last as usize].data {
                if !is_script || t.len() + text.len() <= MAX_JSON_LD {
                    t.push_str(text);
                }
                return;
            }
        }
        self.append(parent, NodeData::Text(text.to_string()));
    }

    /// Pops open elements up to and including the nearest `name`, unless a scope boundary
    /// (or nothing of that name) comes first. Returns whether one was closed.
    fn close_nearest(&mut self, matches: impl Fn(&str) -> bool, boundary: impl Fn(&str) -> bool) -> bool {
        for k in (1..self.open.len()).rev() {
            let name = match &self.nodes[self.open[k]].data {
                NodeData::Element(e) => &*e.name,
                _ => "",
            };
            if matches(name) {
                self.pop_to(k);
                return true;
            }
            if boundary(name) {
                return false;
            }
        }
        false
    }

    fn pop_to(&mut self, k: usize) {
        for &id in &self.open[k..] {
            match &self.nodes[id].data {
                NodeData::Element(e) if matches!(&*e.name, "svg" | "math") => self.foreign -= 1,
                NodeData::Element(e) if &*e.name == "template" => self.template -= 1,
                _ => {}
            }
        }
        self.open.truncate(k);
    }

    fn start_tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name = tag.name.clone();
        let n: &str = &name;
        if matches!(n, "html" | "body" | "head") && self.open.iter().any(|&o| self.name_of(o) == n) {
            return TokenSinkResult::Continue;
        }
        if self.foreign == 0 {
            self.imply_ends(n);
        }
        // anything but head content ends the head
        if self.current_name() == "head"
            && !matches!(n, "meta" | "link" | "title" | "script" | "style" | "base" | "noscript" | "template")
        {
            self.open.pop();
        }
        let attrs = tag
            .attrs
            .into_iter()
            .filter(|a| match &*a.name.local {
                "style" => is_hiding_style(&a.value),
                name => !name.starts_with("on"),
            })
            .map(|a| (a.name.local, a.value.to_string()))
            .collect();
        let raw = match n {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        };
        let closed = is_void(n) || (tag.self_closing && self.foreign > 0);
        // at the depth cap the deepest element is closed first: the new one becomes its sibling
        if !closed && self.open.len() > MAX_DEPTH {
            let depth = self.open.len() - 1;
            self.pop_to(depth);
        }
        let parent = self.current();
        let id = self.append(parent, NodeData::Element(Element { name: name.clone(), attrs }));
        if !closed {
            self.open.push(id);
            match n {
                "svg" | "math" => self.foreign += 1,
                "template" => self.template += 1,
                _ => {}
            }
        }
        if n == "plaintext" {
            return TokenSinkResult::Plaintext;
        }
        match raw {
            Some(kind) if !closed => TokenSinkResult::RawData(kind),
            _ => TokenSinkResult::Continue,
        }
    }

    fn name_of(&self, id: NodeId) -> &str {
        match &self.nodes[id].data {
            NodeData::Element(e) => &e.name,
            _ => "",
        }
    }

    /// The ends a start tag implies for the open elements.
    fn imply_ends(&mut self, n: &str) {
        if closes_p(n) {
            self.close_nearest(|x| x == "p", is_scope_boundary);
        }
        match n {
            "li" => {
                self.close_nearest(|x| x == "li", |x| is_scope_boundary(x) || matches!(x, "ul" | "ol"));
            }
            "dd" | "dt" => {
                self.close_nearest(|x| matches!(x, "dd" | "dt"), |x| is_scope_boundary(x) || x == "dl");
            }
            "tr" => {
                self.close_nearest(|x| x == "tr", |x| matches!(x, "table" | "tbody" | "thead" | "tfoot" | "html"));
            }
            "td" | "th" => {
                self.close_nearest(|x| matches!(x, "td" | "th"), |x| matches!(x, "tr" | "table" | "html"));
            }
            "tbody" | "thead" | "tfoot" => {
                self.close_nearest(|x| matches!(x, "tbody" | "thead" | "tfoot"), |x| matches!(x, "table" | "html"));
            }
            "option" | "optgroup" if self.current_name() == "option" => {
                self.open.pop();
            }
            "a" => {
                self.close_nearest(|x| x == "a", is_scope_boundary);
            }
            _ if is_heading(n) && is_heading(self.current_name()) => {
                self.open.pop();
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        let n: &str = &tag.name;
        match n {
            "br" => {
                let parent = self.current();
                self.append(parent, NodeData::Element(Element { name: tag.name.clone(), attrs: Vec::new() }));
            }
            "head" => {
                self.close_nearest(|x| x == "head", |_| false);
            }
            "html" | "body" => {}
            _ if is_heading(n) => {
                self.close_nearest(is_heading, |_| false);
            }
            _ => {
                self.close_nearest(|x| x == n, |x| n != "template" && x == "template");
            }
        }
    }
}

/// `display:none` and `visibility:hidden` are kept as a `style` attribute, other styles not.
fn is_hiding_style(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

impl TokenSink for Builder {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return state.start_tag(tag),
                TagKind::EndTag => state.end_tag(&tag),
            },
            Token::CharacterTokens(text) => state.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.state.borrow().foreign > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as `name(child child)`, text in quotes.
    fn shape(dom: &Dom, id: NodeId) -> String {
        // an explicit stack: trees in these tests are small, but nothing here recurses
        let mut out = String::new();
        let mut stack: Vec<(NodeId, bool)> = vec![(id, false)];
        while let Some((at, closing)) = stack.pop() {
            if closing {
                out.push(')');
                continue;
            }
            if !out.is_empty() && !out.ends_with('(') {
                out.push(' ');
            }
            match &dom.nodes[at].data {
                NodeData::Text(t) => out.push_str(&format!("{t:?}")),
                NodeData::Element(e) => {
                    out.push_str(&e.name);
                    out.push('(');
                    stack.push((at, true));
                    let children: Vec<_> = dom.children(at).collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                NodeData::Document => {
                    let children: Vec<_> = dom.children(at).collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
            }
        }
        out
    }

    #[test]
    fn implied_ends_and_void_elements() {
        let dom = Dom::parse("<div><p>a<p>b<br>c<ul><li>x<li>y</ul></div>");
        assert_eq!(shape(&dom, 0), r#"div(p("a") p("b" br() "c") ul(li("x") li("y")))"#);
    }

    #[test]
    fn raw_text_is_not_markup_and_scripts_keep_no_text() {
        let dom = Dom::parse(
            "<p>a</p><script>if (a<b) document.write('<p>x</p>')</script><style>p{}</style>\
             <script type=application/ld+json>{\"headline\": \"h\"}</script><title>t &amp; <b></title>",
        );
        assert_eq!(shape(&dom, 0), r#"p("a") script() style() script("{\"headline\": \"h\"}") title("t & <b>")"#);
        assert_eq!(dom.json_ld().collect::<Vec<_>>(), vec![r#"{"headline": "h"}"#]);
    }

    #[test]
    fn end_tags_close_the_nearest_open_element_of_their_name() {
        let dom = Dom::parse("<div><span>a</div>b</span><h2>c</h3>d");
        assert_eq!(shape(&dom, 0), r#"div(span("a")) "b" h2("c") "d""#);
    }

    #[test]
    fn deep_nesting_is_capped_and_linear() {
        let n = 100_000;
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(n), "</div>".repeat(n));
        let dom = Dom::parse(&html);
        let p = dom.elements_named("p").next().unwrap();
        assert_eq!(dom.ancestors(p).count(), MAX_DEPTH);
        assert_eq!(dom.nodes.len(), n + 3);
        assert_eq!(dom.children(p).find_map(|t| dom.text(t)), Some("deep"));
    }
}
