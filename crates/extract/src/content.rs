//! Main-content extraction.
//!
//! 1. Walk the document once, dropping what is never article text (scripts, hidden elements,
//!    forms' controls) and, on the first attempt, "unlikely" containers (navigation, comments,
//!    sidebars), and count text, link text and commas for every element.
//! 2. Score every paragraph-like block (readability: 1 + commas + length/100, capped) and credit
//!    its ancestors, decaying with distance; scale by one minus link density.
//! 3. Pick the best container, let its parent win when several strong candidates share it, and
//!    add siblings that look like the same article (split bodies).
//! 4. Clean the chosen subtrees bottom-up: containers of links, images or form fields, share bars,
//!    related-story boxes, captions; emit the rest as paragraphs.
//! 5. If the result is short, retry with fewer removals and keep the longest result.

use html5ever::{local_name, LocalName};

use crate::classes::{self, BOILER, CAPTION, COMMENTS, MAYBE, UNLIKELY};
use crate::dom::{is_non_text, Dom, Edge, NodeData, NodeId, NONE};
use crate::meta::Meta;
use crate::text::stats;
use crate::ExtractOptions;

/// Article text shorter than this (in characters) makes the extractor retry with fewer removals.
const CHAR_THRESHOLD: u32 = 500;

/// Per-element facts, indexed by node id.
#[derive(Debug, Clone, Copy, Default)]
struct Info {
    /// Text characters in the subtree (whitespace runs count one).
    text: u32,
    /// Link text characters in the subtree (links to `#anchors` weigh 0.3).
    links: f32,
    commas: u32,
    /// Readability content score; `NAN` while uninitialised.
    score: f32,
    /// Class/id category bits (see [`classes`]).
    cats: u16,
    /// Class weight (-50..50).
    weight: i8,
    flags: u8,
}

const REMOVED: u8 = 1;
const HAS_BLOCK: u8 = 2;
const SCORED: u8 = 4;
const IN_CODE: u8 = 8;

/// One extraction attempt's switches (readability's flags).
#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Extracts the article text, or `None` when the page has none.
pub(crate) fn extract(dom: &Dom, meta: &Meta, opts: &ExtractOptions) -> Option<String> {
    let body = dom
        .find_first(&local_name!("body"))
        .unwrap_or_else(|| dom.find_first(&local_name!("html")).unwrap_or(0));
    let mut best: Option<String> = None;
    let mut best_len = 0;
    let attempts = [
        Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
    for flags in attempts {
        let mut ex = Extractor::new(dom, flags, meta, opts);
        let text = ex.run(body);
        let len = text.chars().count() as u32;
        if len >= CHAR_THRESHOLD {
            return Some(text);
        }
        if len > best_len {
            best_len = len;
            best = Some(text);
        }
    }
    best.filter(|t| looks_like_article(t))
}

/// Chinese, Japanese and Korean characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A short result is still an article when it reads like prose, not like a menu.
fn looks_like_article(text: &str) -> bool {
    let len = text.chars().count();
    if len < 80 {
        return false;
    }
    // At least one sentence-like paragraph (shorter in scripts that pack more per character).
    text.split("\n\n").any(|p| {
        let n = p.chars().count();
        n >= 60 || (n >= 25 && p.chars().filter(|c| is_cjk(*c)).count() * 2 > n)
    })
}

struct Extractor<'a> {
    dom: &'a Dom,
    info: Vec<Info>,
    flags: Flags,
    meta: &'a Meta,
    opts: &'a ExtractOptions,
    /// Non-removed elements under the body in document order.
    order: Vec<NodeId>,
}

impl<'a> Extractor<'a> {
    fn new(dom: &'a Dom, flags: Flags, meta: &'a Meta, opts: &'a ExtractOptions) -> Self {
        Extractor {
            dom,
            info: vec![
                Info {
                    score: f32::NAN,
                    ..Info::default()
                };
                dom.nodes.len()
            ],
            flags,
            meta,
            opts,
            order: Vec::new(),
        }
    }

    fn run(&mut self, body: NodeId) -> String {
        self.walk(body);
        self.count();
        self.score_paragraphs();
        let roots = self.select(body);
        self.clean(&roots);
        self.emit(&roots)
    }

    /// Step 1: classify elements and mark removals, in document order.
    fn walk(&mut self, root: NodeId) {
        let dom = self.dom;
        let mut cur = root;
        while cur != NONE {
            let mut skip = false;
            if let NodeData::Element(e) = &dom.node(cur).data {
                let tag = e.tag();
                let mut cats = 0u16;
                let mut weight = 0i32;
                if let Some(c) = e.attr(&local_name!("class")) {
                    let b = classes::categories(c);
                    cats |= b;
                    weight += classes::weight(b);
                }
                if let Some(i) = e.attr(&local_name!("id")) {
                    let b = classes::categories(i);
                    cats |= b;
                    weight += classes::weight(b);
                }
                let info = &mut self.info[cur as usize];
                info.cats = cats;
                info.weight = weight.clamp(-50, 50) as i8;
                let parent = dom.node(cur).parent;
                if parent != NONE && self.info[parent as usize].flags & IN_CODE != 0
                    || *tag == local_name!("code")
                    || *tag == local_name!("pre")
                {
                    self.info[cur as usize].flags |= IN_CODE;
                }
                if cur != root && (is_non_text(tag) || is_hidden(e) || self.unlikely(cur, tag)) {
                    self.info[cur as usize].flags |= REMOVED;
                    skip = true;
                } else {
                    self.order.push(cur);
                }
            }
            cur = dom.next_in_order(cur, root, skip);
        }
    }

    /// Readability's unlikely-candidate test plus structural navigation tags and ARIA roles.
    fn unlikely(&self, id: NodeId, tag: &LocalName) -> bool {
        let info = &self.info[id as usize];
        if info.cats & COMMENTS != 0 && info.cats & UNLIKELY != 0 && tag != &local_name!("body") {
            // Comment sections go even when they also say "content" ("comment-content").
            if self.flags.strip_unlikely || info.cats & BOILER != 0 {
                return true;
            }
        }
        if !self.flags.strip_unlikely {
            return false;
        }
        let e = match self.dom.element(id) {
            Some(e) => e,
            None => return false,
        };
        if matches!(*tag, local_name!("nav") | local_name!("aside")) {
            return true;
        }
        if let Some(role) = e.attr(&local_name!("role")) {
            if matches!(
                role.trim(),
                "menu"
                    | "menubar"
                    | "complementary"
                    | "navigation"
                    | "alert"
                    | "alertdialog"
                    | "dialog"
            ) {
                return true;
            }
        }
        if info.cats & UNLIKELY != 0
            && info.cats & MAYBE == 0
            && !matches!(*tag, local_name!("body") | local_name!("a"))
            && info.flags & IN_CODE == 0
            && !self.has_ancestor_tag(id, &local_name!("table"), 3)
        {
            return true;
        }
        false
    }

    fn has_ancestor_tag(&self, id: NodeId, tag: &LocalName, max_depth: usize) -> bool {
        self.dom
            .ancestors(id)
            .take(max_depth)
            .any(|a| self.dom.tag(a) == Some(tag))
    }

    /// Step 1b: text, link and comma counts, bottom-up (reverse document order).
    fn count(&mut self) {
        let dom = self.dom;
        // Own text first.
        for &id in &self.order {
            let mut t = 0u32;
            let mut c = 0u32;
            for ch in dom.children(id) {
                if let NodeData::Text(s) = &dom.node(ch).data {
                    let st = stats(s);
                    t += st.chars;
                    c += st.commas;
                }
            }
            let info = &mut self.info[id as usize];
            info.text = t;
            info.commas = c;
        }
        for i in (0..self.order.len()).rev() {
            let id = self.order[i];
            let node = dom.node(id);
            let tag = node.tag();
            let mut info = self.info[id as usize];
            if tag == Some(&local_name!("a")) {
                let hash = dom
                    .element(id)
                    .and_then(|e| e.attr(&local_name!("href")))
                    .is_some_and(|h| h.starts_with('#'));
                info.links = info.text as f32 * if hash { 0.3 } else { 1.0 };
            }
            info.links = info.links.min(info.text as f32);
            if tag.is_some_and(is_div_to_p_block) {
                info.flags |= HAS_BLOCK;
            }
            self.info[id as usize] = info;
            let parent = node.parent;
            if parent != NONE {
                let p = &mut self.info[parent as usize];
                p.text += info.text;
                p.links += info.links;
                p.commas += info.commas;
                if info.flags & (HAS_BLOCK | HAS_BLOCK_DESC) != 0 {
                    // Mark that the parent has a block descendant; the parent's own tag is
                    // added when it is visited.
                    p.flags |= HAS_BLOCK_DESC;
                }
            }
        }
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let i = &self.info[id as usize];
        if i.text == 0 {
            0.0
        } else {
            i.links / i.text as f32
        }
    }

    fn init_score(&mut self, id: NodeId) {
        let info = &mut self.info[id as usize];
        if info.flags & SCORED != 0 {
            return;
        }
        let base = match self.dom.tag(id) {
            Some(t) => match *t {
                local_name!("div") => 5.0,
                local_name!("pre") | local_name!("td") | local_name!("blockquote") => 3.0,
                local_name!("address")
                | local_name!("ol")
                | local_name!("ul")
                | local_name!("dl")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("li")
                | local_name!("form") => -3.0,
                local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6")
                | local_name!("th") => -5.0,
                _ => 0.0,
            },
            None => 0.0,
        };
        let w = if self.flags.weight_classes {
            info.weight as f32
        } else {
            0.0
        };
        info.score = base + w;
        info.flags |= SCORED;
    }

    /// Step 2: score paragraphs and credit their ancestors.
    fn score_paragraphs(&mut self) {
        let dom = self.dom;
        let order = std::mem::take(&mut self.order);
        for &id in &order {
            let Some(tag) = dom.tag(id) else { continue };
            let is_para = matches!(
                *tag,
                local_name!("p")
                    | local_name!("td")
                    | local_name!("pre")
                    | local_name!("section")
                    | local_name!("h2")
                    | local_name!("h3")
                    | local_name!("h4")
                    | local_name!("h5")
                    | local_name!("h6")
            ) || (*tag == local_name!("div")
                && self.info[id as usize].flags & HAS_BLOCK_DESC == 0);
            if is_para {
                let i = self.info[id as usize];
                self.credit(dom.node(id).parent, i.text, i.commas);
            } else if *tag == local_name!("div") {
                // Phrasing runs directly inside a div with block children: readability wraps
                // them in paragraphs, whose parent is the div.
                let mut run_text = 0u32;
                let mut run_commas = 0u32;
                let mut child = dom.node(id).first_child;
                loop {
                    let block = if child == NONE {
                        true
                    } else {
                        match &dom.node(child).data {
                            NodeData::Text(t) => {
                                let st = stats(t);
                                run_text += st.chars;
                                run_commas += st.commas;
                                false
                            }
                            NodeData::Element(e) => {
                                let ci = self.info[child as usize];
                                if ci.flags & REMOVED != 0 {
                                    false
                                } else if is_phrasing(e.tag()) && ci.flags & HAS_BLOCK_DESC == 0 {
                                    run_text += ci.text;
                                    run_commas += ci.commas;
                                    false
                                } else {
                                    true
                                }
                            }
                            _ => false,
                        }
                    };
                    if block && run_text > 0 {
                        self.credit(id, run_text, run_commas);
                        run_text = 0;
                        run_commas = 0;
                    }
                    if child == NONE {
                        break;
                    }
                    child = dom.node(child).next;
                }
            }
        }
        self.order = order;
    }

    /// Credits a paragraph of `text` characters to `parent` and its ancestors.
    fn credit(&mut self, parent: NodeId, text: u32, commas: u32) {
        if text < 25 || parent == NONE {
            return;
        }
        let score = 1.0 + commas as f32 + (text / 100).min(3) as f32;
        let mut anc = parent;
        for level in 0..5 {
            if anc == NONE || anc == 0 {
                break;
            }
            let p = self.dom.node(anc).parent;
            // Readability stops below the document's root element.
            if p == NONE || p == 0 || self.dom.element(anc).is_none() {
                break;
            }
            self.init_score(anc);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            self.info[anc as usize].score += score / divider;
            anc = p;
        }
    }

    /// Step 3: the top candidate and its related siblings.
    fn select(&mut self, body: NodeId) -> Vec<NodeId> {
        let dom = self.dom;
        let mut top: Vec<(f32, NodeId)> = Vec::new();
        for &id in &self.order {
            let i = self.info[id as usize];
            if i.flags & SCORED == 0 {
                continue;
            }
            let s = i.score * (1.0 - self.link_density(id));
            self.info[id as usize].score = s;
            top.push((s, id));
        }
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        top.truncate(5);
        let Some(&(top_score, first)) = top.first() else {
            return vec![body];
        };
        if first == body || dom.tag(first) == Some(&local_name!("body")) {
            return vec![body];
        }
        let mut cand = first;

        // Several strong candidates under one ancestor: the ancestor is the article.
        let alternatives: Vec<Vec<NodeId>> = top[1..]
            .iter()
            .filter(|(s, _)| *s / top_score >= 0.75)
            .map(|&(_, id)| dom.ancestors(id).collect())
            .collect();
        if alternatives.len() >= 3 {
            let mut p = dom.node(cand).parent;
            while p != NONE && p != body && p != 0 {
                let n = alternatives.iter().filter(|a| a.contains(&p)).count();
                if n >= 3 {
                    cand = p;
                    break;
                }
                p = dom.node(p).parent;
            }
        }
        self.init_score(cand);

        // Walk up while the parent scores higher.
        let mut last = self.info[cand as usize].score;
        let threshold = last / 3.0;
        let mut p = dom.node(cand).parent;
        while p != NONE && p != body && p != 0 {
            if self.info[p as usize].flags & SCORED == 0 {
                p = dom.node(p).parent;
                continue;
            }
            let ps = self.info[p as usize].score;
            if ps < threshold {
                break;
            }
            if ps > last {
                cand = p;
                break;
            }
            last = ps;
            p = dom.node(p).parent;
        }

        // Single-child wrappers.
        let mut p = dom.node(cand).parent;
        while p != NONE && p != body && p != 0 && self.element_children(p) == 1 {
            cand = p;
            p = dom.node(p).parent;
        }
        self.init_score(cand);

        let parent = dom.node(cand).parent;
        if parent == NONE {
            return vec![cand];
        }
        let cand_score = self.info[cand as usize].score;
        let sib_threshold = (cand_score * 0.2).max(10.0);
        let cand_class = dom
            .element(cand)
            .and_then(|e| e.attr(&local_name!("class")))
            .unwrap_or("");
        let mut roots = Vec::new();
        for sib in dom.children(parent) {
            let Some(e) = dom.element(sib) else { continue };
            let si = self.info[sib as usize];
            if si.flags & REMOVED != 0 {
                continue;
            }
            if sib == cand {
                roots.push(sib);
                continue;
            }
            let mut bonus = 0.0;
            if !cand_class.is_empty() && e.attr(&local_name!("class")) == Some(cand_class) {
                bonus += cand_score * 0.2;
            }
            let append = if si.flags & SCORED != 0 && si.score + bonus >= sib_threshold {
                true
            } else if *e.tag() == local_name!("p") {
                let ld = self.link_density(sib);
                if si.text > 80 && ld < 0.25 {
                    true
                } else if si.text < 80 && si.text > 0 && ld == 0.0 {
                    let t = dom.text(sib);
                    t.ends_with('.') || t.contains(". ")
                } else {
                    false
                }
            } else {
                false
            };
            if append {
                roots.push(sib);
            }
        }
        roots
    }

    fn element_children(&self, id: NodeId) -> usize {
        self.dom
            .children(id)
            .filter(|&c| self.dom.element(c).is_some())
            .count()
    }

    /// Step 4: readability's prepArticle, bottom-up over the chosen subtrees.
    fn clean(&mut self, roots: &[NodeId]) {
        let dom = self.dom;
        let mut slot = vec![u32::MAX; dom.nodes.len()];
        for &root in roots {
            // Elements of this root in document order.
            let mut elems = Vec::new();
            let mut cur = root;
            while cur != NONE {
                let mut skip = false;
                if dom.element(cur).is_some() {
                    if self.info[cur as usize].flags & REMOVED != 0 {
                        skip = true;
                    } else {
                        elems.push(cur);
                    }
                }
                cur = dom.next_in_order(cur, root, skip);
            }
            // Position of each element in `elems`, to find a parent's slot.
            for (k, &id) in elems.iter().enumerate() {
                slot[id as usize] = k as u32;
            }
            // Pass A: counts without removals, to know where the article's prose is.
            let raw = self.aggregate(&elems, &slot, None);
            let root_good = raw.first().map_or(0, |a| a.good);
            // Pass B: bottom-up removal; removed subtrees do not count towards their parents.
            self.aggregate(&elems, &slot, Some((root, root_good, &raw)));
            for &id in &elems {
                slot[id as usize] = u32::MAX;
            }
        }
    }

    /// Bottom-up counts over `elems` (one root's elements in document order). With `removal`
    /// (root, the root's prose length, pass A's counts) it also decides removals.
    fn aggregate(
        &mut self,
        elems: &[NodeId],
        slot: &[u32],
        removal: Option<(NodeId, u32, &[Agg])>,
    ) -> Vec<Agg> {
        let dom = self.dom;
        let mut agg = vec![Agg::default(); elems.len()];
        for k in (0..elems.len()).rev() {
            let id = elems[k];
            let Some(e) = dom.element(id) else { continue };
            let tag = e.tag();
            let mut a = agg[k];
            for ch in dom.children(id) {
                if let NodeData::Text(s) = &dom.node(ch).data {
                    let st = stats(s);
                    a.text += st.chars;
                    a.commas += st.commas;
                }
            }
            match *tag {
                local_name!("p") => a.p += 1,
                local_name!("img") => a.img += 1,
                local_name!("li") => a.li += 1,
                local_name!("input") => a.input += 1,
                local_name!("iframe") | local_name!("embed") | local_name!("object") => {
                    a.embed += 1
                }
                local_name!("ul") | local_name!("ol") => a.list_text = a.text,
                local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6") => a.heading_text = a.text,
                local_name!("a") => {
                    let hash = e
                        .attr(&local_name!("href"))
                        .is_some_and(|h| h.starts_with('#'));
                    a.links = a.text as f32 * if hash { 0.3 } else { 1.0 };
                }
                _ => {}
            }
            a.links = a.links.min(a.text as f32);
            if matches!(
                *tag,
                local_name!("p") | local_name!("pre") | local_name!("blockquote")
            ) && a.text >= 50
                && a.links < 0.25 * a.text as f32
            {
                a.good = a.text;
            }
            let mut remove = false;
            if let Some((root, root_good, raw)) = removal {
                // A container holding much of the article's prose is never removed on
                // statistical grounds (only for what its class says).
                let protected = root_good > 0 && raw[k].good * 5 >= root_good * 2;
                remove = id != root && self.should_remove(id, tag, &a, protected);
                if remove {
                    self.info[id as usize].flags |= REMOVED;
                }
            }
            if !remove {
                let parent = dom.node(id).parent;
                if let Some(&pk) = slot.get(parent as usize).filter(|&&k| k != u32::MAX) {
                    agg[pk as usize].add(&a);
                }
            }
            agg[k] = a;
        }
        agg
    }

    fn should_remove(&self, id: NodeId, tag: &LocalName, a: &Agg, protected: bool) -> bool {
        let info = self.info[id as usize];
        let weight = if self.flags.weight_classes {
            info.weight as i32
        } else {
            0
        };
        match *tag {
            local_name!("footer")
            | local_name!("aside")
            | local_name!("nav")
            | local_name!("link")
            | local_name!("input")
            | local_name!("figcaption") => return true,
            local_name!("h1") | local_name!("h2") | local_name!("h3") => {
                if weight < 0 && *tag != local_name!("h3") {
                    return true;
                }
                if a.text < 300 && self.meta.is_title(&self.dom.text(id)) {
                    return true;
                }
            }
            _ => {}
        }
        // Share bars and other strong boilerplate, when small.
        if info.cats & BOILER != 0 && info.cats & MAYBE == 0 && a.text < 500 {
            return true;
        }
        if info.cats & COMMENTS != 0 && info.cats & crate::classes::UNLIKELY != 0 {
            return true;
        }
        if info.cats & CAPTION != 0 && info.cats & MAYBE == 0 && a.text < 300 && a.good == 0 {
            return true;
        }
        if *tag == local_name!("figure") && a.good == 0 {
            return true;
        }
        if matches!(*tag, local_name!("ul") | local_name!("ol")) && a.links > 0.5 * a.text as f32 {
            return true;
        }
        if self.opts.favor_precision && a.text < 200 && a.links > 0.3 * a.text as f32 {
            return true;
        }
        if protected || !self.flags.clean_conditionally || info.flags & IN_CODE != 0 {
            return false;
        }
        let is_list_tag = matches!(*tag, local_name!("ul") | local_name!("ol"));
        if !(is_list_tag
            || matches!(
                *tag,
                local_name!("div")
                    | local_name!("table")
                    | local_name!("form")
                    | local_name!("fieldset")
            ))
        {
            return false;
        }
        if *tag == local_name!("table") && self.is_data_table(id) {
            return false;
        }
        let content_score = if info.flags & SCORED != 0 && !info.score.is_nan() {
            info.score
        } else {
            0.0
        };
        if weight as f32 + content_score < 0.0 {
            return true;
        }
        if a.commas >= 10 {
            return false;
        }
        let text = a.text.max(1) as f32;
        let is_list = is_list_tag || (a.list_text as f32 / text > 0.9);
        let link_density = a.links / text;
        let heading_density = a.heading_text as f32 / text;
        let in_figure = self.has_ancestor_tag(id, &local_name!("figure"), 8);
        let p = a.p as f32;
        let img = a.img as f32;
        let li = a.li as f32 - 100.0;
        (a.img > 1 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (a.input as f32 > (p / 3.0).floor())
            || (!is_list
                && heading_density < 0.9
                && a.text < 25
                && (a.img == 0 || a.img > 2)
                && !in_figure)
            || (!is_list && weight < 25 && link_density > 0.2)
            || (weight >= 25 && link_density > 0.5)
            || (a.embed == 1 && a.text < 75)
            || a.embed > 1
    }

    fn is_data_table(&self, id: NodeId) -> bool {
        let dom = self.dom;
        let mut rows = 0;
        let mut cur = id;
        while cur != NONE {
            if let Some(t) = dom.tag(cur) {
                match *t {
                    local_name!("th") | local_name!("thead") | local_name!("caption") => {
                        return true
                    }
                    local_name!("tr") => rows += 1,
                    _ => {}
                }
            }
            cur = dom.next_in_order(cur, id, false);
        }
        rows >= 10
    }

    /// Step 5: the text of the chosen, cleaned subtrees as paragraphs.
    fn emit(&self, roots: &[NodeId]) -> String {
        let dom = self.dom;
        let mut out = Emitter::default();
        for &root in roots {
            out.brk();
            dom.traverse(root, |edge| match edge {
                Edge::Open(id) => match &dom.node(id).data {
                    NodeData::Text(t) => {
                        out.text(t);
                        true
                    }
                    NodeData::Element(e) => {
                        let tag = e.tag();
                        if self.info[id as usize].flags & REMOVED != 0 {
                            return false;
                        }
                        if *tag == local_name!("br") {
                            out.brk();
                        } else if *tag == local_name!("a") {
                            out.link_depth += 1;
                        } else if is_block(tag) {
                            out.brk();
                            out.open_block(tag);
                        }
                        true
                    }
                    _ => false,
                },
                Edge::Close(id) => {
                    if let Some(tag) = dom.tag(id) {
                        if self.info[id as usize].flags & REMOVED == 0 {
                            if *tag == local_name!("a") {
                                out.link_depth = out.link_depth.saturating_sub(1);
                            } else if is_block(tag) {
                                out.brk();
                                out.close_block(tag);
                            }
                        }
                    }
                    true
                }
            });
            out.brk();
        }
        out.finish(self.meta)
    }
}

/// Counts used by conditional cleaning.
#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    text: u32,
    links: f32,
    commas: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    list_text: u32,
    heading_text: u32,
    /// Text of prose paragraphs (long, few links).
    good: u32,
}

impl Agg {
    fn add(&mut self, o: &Agg) {
        self.text += o.text;
        self.links += o.links;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.list_text += o.list_text;
        self.heading_text += o.heading_text;
        self.good += o.good;
    }
}

/// Set on an element with a block-level descendant.
const HAS_BLOCK_DESC: u8 = 16;

/// Readability's DIV_TO_P_ELEMS: children that stop a div from being a paragraph.
fn is_div_to_p_block(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("blockquote")
            | local_name!("dl")
            | local_name!("div")
            | local_name!("img")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("section")
            | local_name!("article")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Inline (phrasing) elements.
fn is_phrasing(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("a")
            | local_name!("abbr")
            | local_name!("b")
            | local_name!("bdi")
            | local_name!("bdo")
            | local_name!("br")
            | local_name!("cite")
            | local_name!("code")
            | local_name!("data")
            | local_name!("dfn")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("kbd")
            | local_name!("mark")
            | local_name!("q")
            | local_name!("s")
            | local_name!("samp")
            | local_name!("small")
            | local_name!("span")
            | local_name!("strong")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("time")
            | local_name!("u")
            | local_name!("var")
            | local_name!("wbr")
            | local_name!("del")
            | local_name!("ins")
            | local_name!("label")
    )
}

/// Elements that start and end a paragraph of output text.
fn is_block(tag: &LocalName) -> bool {
    !is_phrasing(tag) && !matches!(*tag, local_name!("img") | local_name!("picture"))
}

fn is_hidden(e: &crate::dom::Element) -> bool {
    if e.attr(&local_name!("hidden")).is_some() {
        return true;
    }
    if e.attr(&local_name!("aria-hidden")) == Some("true") {
        return true;
    }
    if let Some(style) = e.attr(&local_name!("style")) {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// One paragraph of output.
#[derive(Debug)]
struct Block {
    text: String,
    /// Characters inside links.
    links: usize,
    /// Inside a heading.
    heading: bool,
    /// Inside a list item.
    list_item: bool,
}

/// Builds paragraphs from text pieces and breaks.
#[derive(Default)]
struct Emitter {
    blocks: Vec<Block>,
    cur: String,
    cur_links: usize,
    link_depth: u32,
    headings: u32,
    items: u32,
}

impl Emitter {
    fn text(&mut self, t: &str) {
        let lead_ws = t.starts_with(char::is_whitespace);
        for (i, piece) in t.split_whitespace().enumerate() {
            if (i > 0 || lead_ws) && !self.cur.is_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            self.cur.push_str(piece);
            if self.link_depth > 0 {
                self.cur_links += piece.chars().count();
            }
        }
        if t.ends_with(char::is_whitespace) && !self.cur.is_empty() && !self.cur.ends_with(' ') {
            self.cur.push(' ');
        }
    }

    fn open_block(&mut self, tag: &LocalName) {
        if is_heading(tag) {
            self.headings += 1;
        } else if matches!(
            *tag,
            local_name!("li") | local_name!("dd") | local_name!("dt")
        ) {
            self.items += 1;
        }
    }

    fn close_block(&mut self, tag: &LocalName) {
        if is_heading(tag) {
            self.headings = self.headings.saturating_sub(1);
        } else if matches!(
            *tag,
            local_name!("li") | local_name!("dd") | local_name!("dt")
        ) {
            self.items = self.items.saturating_sub(1);
        }
    }

    fn brk(&mut self) {
        let p = self.cur.trim();
        if !p.is_empty() {
            self.blocks.push(Block {
                text: p.to_owned(),
                links: self.cur_links,
                heading: self.headings > 0,
                list_item: self.items > 0,
            });
        }
        self.cur.clear();
        self.cur_links = 0;
    }

    fn finish(mut self, meta: &Meta) -> String {
        self.brk();
        let keep: Vec<&str> = self
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, b)| {
                let headline = *i < 3 && b.text.len() < 300 && meta.is_title(&b.text);
                let boiler =
                    crate::boiler::is_boilerplate_block(&b.text, b.links, b.heading, b.list_item);
                !headline && !boiler
            })
            .map(|(_, b)| b.text.as_str())
            .collect();
        keep.join("\n\n")
    }
}

fn is_heading(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}
