//! A compact arena DOM built by html5ever's spec-compliant tree builder.
//!
//! Nodes live in one `Vec` and refer to each other by `u32` index, so building the tree costs one
//! push per node and walking it needs no reference counting. Only what the extractor reads is
//! kept: element names, attributes and text; comments, doctypes and processing instructions become
//! inert `Other` nodes.
//!
//! Architecture Invariant: nothing here recurses over the tree; documents may nest arbitrarily
//! deep, so every walk uses the parent/sibling links (see [`Dom::next_in_order`]).

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, Attribute, LocalName, QualName};

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = u32;
/// The null link.
pub(crate) const NONE: NodeId = u32::MAX;

/// One element's data.
#[derive(Debug)]
pub(crate) struct Element {
    pub name: QualName,
    pub attrs: Vec<Attribute>,
    /// The document fragment holding a `<template>`'s contents, else [`NONE`].
    pub template: NodeId,
}

impl Element {
    /// The value of attribute `name` (compared as an interned atom: cheap).
    pub fn attr(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.local == *name)
            .map(|a| &*a.value)
    }

    /// The tag name (local part).
    pub fn tag(&self) -> &LocalName {
        &self.name.local
    }
}

/// What a node is.
#[derive(Debug)]
pub(crate) enum NodeData {
    Document,
    Element(Element),
    Text(StrTendril),
    Other,
}

/// One node with its tree links.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }

    /// The element data, if this is an element.
    pub fn element(&self) -> Option<&Element> {
        match &self.data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag name, if this is an element.
    pub fn tag(&self) -> Option<&LocalName> {
        self.element().map(|e| &e.name.local)
    }
}

/// A parsed document. Node 0 is the document node.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses an HTML document (already decoded). Never fails: html5ever recovers from any
    /// malformed input the way a browser does.
    pub fn parse(html: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(Vec::with_capacity(html.len() / 64)),
        };
        sink.nodes.borrow_mut().push(Node::new(NodeData::Document));
        let parser = html5ever::parse_document(sink, Default::default());
        parser.one(StrTendril::from(flatten_deep(strip_raw_text(html))))
    }

    /// The node with id `id`.
    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The element data of `id`, if it is an element.
    #[inline]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        self.node(id).element()
    }

    /// The tag name of `id`, if it is an element.
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<&LocalName> {
        self.node(id).tag()
    }

    /// The next node in document order within the subtree of `root`, descending into children
    /// unless `skip_children`.
    #[inline]
    pub fn next_in_order(&self, id: NodeId, root: NodeId, skip_children: bool) -> NodeId {
        let n = self.node(id);
        if !skip_children && n.first_child != NONE {
            return n.first_child;
        }
        let mut cur = id;
        loop {
            if cur == root {
                return NONE;
            }
            let c = self.node(cur);
            if c.next != NONE {
                return c.next;
            }
            cur = c.parent;
            if cur == NONE {
                return NONE;
            }
        }
    }

    /// Walks the subtree of `root` in document order, calling `f` on entering and on leaving
    /// each node; `f` returning `false` on [`Edge::Open`] skips that node's children.
    pub fn traverse(&self, root: NodeId, mut f: impl FnMut(Edge) -> bool) {
        let mut cur = root;
        loop {
            let descend = f(Edge::Open(cur));
            let first = self.node(cur).first_child;
            if descend && first != NONE {
                cur = first;
                continue;
            }
            loop {
                f(Edge::Close(cur));
                if cur == root {
                    return;
                }
                let n = self.node(cur);
                if n.next != NONE {
                    cur = n.next;
                    break;
                }
                cur = n.parent;
                if cur == NONE {
                    return;
                }
            }
        }
    }

    /// Iterates the children of `id`.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            cur: self.node(id).first_child,
        }
    }

    /// Iterates the strict ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors {
            dom: self,
            cur: self.node(id).parent,
        }
    }

    /// Finds the first element named `tag` in document order.
    pub fn find_first(&self, tag: &LocalName) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|n| n.tag() == Some(tag))
            .map(|i| i as NodeId)
            .filter(|&i| self.is_attached(i))
    }

    /// Whether `id` is still connected to the document (the tree builder can detach nodes).
    pub fn is_attached(&self, id: NodeId) -> bool {
        let mut cur = id;
        // Bounded: a well-formed tree has no cycles and at most `nodes.len()` ancestors.
        for _ in 0..=self.nodes.len() {
            if cur == 0 {
                return true;
            }
            cur = self.node(cur).parent;
            if cur == NONE {
                return false;
            }
        }
        false
    }

    /// Appends the text under `id` (skipping script/style and other non-text subtrees) to `out`.
    pub fn text_into(&self, id: NodeId, out: &mut String) {
        let mut cur = id;
        while cur != NONE {
            let mut skip = false;
            match &self.node(cur).data {
                NodeData::Text(t) => out.push_str(t),
                NodeData::Element(e) => skip = is_non_text(e.tag()),
                _ => {}
            }
            cur = self.next_in_order(cur, id, skip);
        }
    }

    /// The whitespace-normalised text under `id`.
    pub fn text(&self, id: NodeId) -> String {
        let mut raw = String::new();
        self.text_into(id, &mut raw);
        crate::text::normalize_space(&raw)
    }
}

/// Empties `<script>` and `<style>` elements (keeping JSON-LD scripts), which are half of a
/// typical news page's bytes and never text. The tags stay, so the tree is the same; only the
/// tokenizer's work shrinks.
pub(crate) fn strip_raw_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        let name = if starts_with_ci(&b[lt + 1..], b"script") {
            &b"script"[..]
        } else if starts_with_ci(&b[lt + 1..], b"style") {
            &b"style"[..]
        } else {
            continue;
        };
        let after = lt + 1 + name.len();
        if !matches!(
            b.get(after),
            Some(b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/' | 0x0C)
        ) {
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &b[after..]).map(|g| after + g) else {
            break;
        };
        let open_tag = &html[lt..gt];
        if name == b"script" && contains_ci(open_tag.as_bytes(), b"ld+json") {
            i = gt + 1;
            continue;
        }
        // The end tag: `</script` or `</style`, any case.
        let mut j = gt + 1;
        let mut end = None;
        while let Some(off) = memchr::memchr(b'<', &b[j..]) {
            let k = j + off;
            if b.get(k + 1) == Some(&b'/') && starts_with_ci(&b[k + 2..], name) {
                end = Some(k);
                break;
            }
            j = k + 1;
        }
        let Some(end) = end else { break };
        out.push_str(&html[copied..=gt]);
        copied = end;
        i = end + 2;
    }
    out.push_str(&html[copied..]);
    out
}

/// Deepest element nesting kept; deeper start tags (and their end tags) are dropped, as browsers
/// flatten absurdly deep trees. html5ever's scope checks walk the stack of open elements, so an
/// adversarial page nested 100,000 deep would otherwise take minutes.
const MAX_DEPTH: usize = 512;

/// Drops start and end tags beyond [`MAX_DEPTH`] levels of nesting, counted roughly: void and
/// self-closing elements and those whose end tag is usually omitted (`p`, `li`, `td`...) do not
/// count. Returns the input unchanged (without copying) when it is never that deep.
pub(crate) fn flatten_deep(html: String) -> String {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        let is_end = b.get(lt + 1) == Some(&b'/');
        let name_start = if is_end { lt + 2 } else { lt + 1 };
        let name_len = b[name_start.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &b[name_start..]).map(|g| name_start + g) else {
            break;
        };
        let name = &b[name_start..name_start + name_len];
        if !counts_for_depth(name) || (!is_end && b[gt - 1] == b'/') {
            continue;
        }
        let drop = if is_end {
            if dropped > 0 {
                dropped -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= MAX_DEPTH {
            dropped += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = gt + 1;
        }
        i = gt + 1;
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            o
        }
        None => html,
    }
}

/// Whether a tag name nests: not void, and its end tag is not routinely omitted.
fn counts_for_depth(name: &[u8]) -> bool {
    const FLAT: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"keygen",
    ];
    !FLAT.iter().any(|f| f.eq_ignore_ascii_case(name))
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// A step of [`Dom::traverse`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Edge {
    Open(NodeId),
    Close(NodeId),
}

/// Elements whose content is never visible text.
pub(crate) fn is_non_text(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("head")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("select")
            | local_name!("option")
            | local_name!("textarea")
            | local_name!("button")
            | local_name!("datalist")
    )
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    cur: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.cur == NONE {
            return None;
        }
        let id = self.cur;
        self.cur = self.dom.node(id).next;
        Some(id)
    }
}

/// Iterator over a node's ancestors.
pub(crate) struct Ancestors<'a> {
    dom: &'a Dom,
    cur: NodeId,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.cur == NONE {
            return None;
        }
        let id = self.cur;
        self.cur = self.dom.node(id).parent;
        Some(id)
    }
}

/// The html5ever tree sink building a [`Dom`].
struct Sink {
    nodes: RefCell<Vec<Node>>,
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        (nodes.len() - 1) as NodeId
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last_child = prev;
        }
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent as usize].last_child;
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last != NONE {
            nodes[last as usize].next = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
        nodes[parent as usize].last_child = child;
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let (parent, prev) = {
            let s = &nodes[sibling as usize];
            (s.parent, s.prev)
        };
        if parent == NONE {
            return;
        }
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        nodes[sibling as usize].prev = child;
        if prev != NONE {
            nodes[prev as usize].next = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| {
            match nodes.get(*target as usize).map(|n| &n.data) {
                Some(NodeData::Element(e)) => &e.name,
                // html5ever only asks for element names; a fixed fallback keeps this total.
                _ => &FALLBACK_NAME,
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let template = if flags.template {
            self.push(NodeData::Document)
        } else {
            NONE
        };
        self.push(NodeData::Element(Element {
            name,
            attrs,
            template,
        }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(id) => {
                Self::append_node(&mut self.nodes.borrow_mut(), *parent, id);
            }
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let last = nodes[*parent as usize].last_child;
                if last != NONE {
                    if let NodeData::Text(t) = &mut nodes[last as usize].data {
                        t.push_tendril(&text);
                        return;
                    }
                }
                nodes.push(Node::new(NodeData::Text(text)));
                let id = (nodes.len() - 1) as NodeId;
                Self::append_node(&mut nodes, *parent, id);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match self.nodes.borrow().get(*target as usize).map(|n| &n.data) {
            Some(NodeData::Element(e)) if e.template != NONE => e.template,
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(id) => Self::insert_before(&mut nodes, *sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = nodes[*sibling as usize].prev;
                if prev != NONE {
                    if let NodeData::Text(t) = &mut nodes[prev as usize].data {
                        t.push_tendril(&text);
                        return;
                    }
                }
                nodes.push(Node::new(NodeData::Text(text)));
                let id = (nodes.len() - 1) as NodeId;
                Self::insert_before(&mut nodes, *sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(NodeData::Element(e)) = nodes.get_mut(*target as usize).map(|n| &mut n.data) {
            for a in attrs {
                if !e.attrs.iter().any(|b| b.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node as usize].first_child;
        while child != NONE {
            let next = nodes[child as usize].next;
            Self::append_node(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

static FALLBACK_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, html5ever::ns!(html), local_name!("div")));
