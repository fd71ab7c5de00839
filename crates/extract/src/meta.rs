//! Page metadata: `<title>`, `<meta>` tags, `<link rel=canonical>`, `<html lang>` and JSON-LD.

use html5ever::local_name;
use serde_json::Value;

use crate::dom::{Dom, NodeData, NONE};
use crate::text::normalize_space;

/// One `<meta>` tag: its key (`name`, `property`, `itemprop` or `http-equiv`, lowercased) and
/// its `content`.
#[derive(Debug, Clone)]
pub(crate) struct MetaTag {
    pub key: String,
    pub content: String,
}

/// What the page says about itself.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub site_name: Option<String>,
    pub tags: Vec<MetaTag>,
    /// Every form of the title the page gives, lowercased: to drop the headline from the body.
    pub titles: Vec<String>,
    /// JSON-LD facts from objects that describe an article (or any object with these keys).
    pub ld: JsonLd,
}

/// The JSON-LD fields the extractor uses.
#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    pub headline: Option<String>,
    pub article_body: Option<String>,
    pub date_published: Vec<String>,
    pub date_created: Vec<String>,
    pub date_modified: Vec<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
}

impl Meta {
    /// Whether `text` is (a form of) the page's title.
    pub fn is_title(&self, text: &str) -> bool {
        let h = normalize_space(text).to_lowercase();
        if h.is_empty() {
            return false;
        }
        self.titles.iter().any(|t| {
            *t == h
                || (h.len() >= 20 && t.contains(&h))
                || (t.len() >= 20 && h.contains(t.as_str()))
        })
    }

    /// The content of the first meta tag whose key is one of `keys` (lowercase), non-empty.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.tags
                .iter()
                .find(|t| t.key == *k && !t.content.trim().is_empty())
                .map(|t| t.content.trim())
        })
    }
}

/// Reads the metadata of a parsed page.
pub(crate) fn collect(dom: &Dom) -> Meta {
    let mut meta = Meta::default();
    let mut title_tag = None;
    let mut h1 = None;
    let mut cur = 0;
    while cur != NONE {
        let mut skip = false;
        if let NodeData::Element(e) = &dom.node(cur).data {
            match *e.tag() {
                local_name!("html") => {
                    meta.language = e
                        .attr(&local_name!("lang"))
                        .or_else(|| {
                            e.attrs
                                .iter()
                                .find(|a| &*a.name.local == "lang")
                                .map(|a| &*a.value)
                        })
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty());
                }
                local_name!("meta") => {
                    let key = e
                        .attr(&local_name!("property"))
                        .or_else(|| e.attr(&local_name!("name")))
                        .or_else(|| e.attr(&local_name!("itemprop")))
                        .or_else(|| e.attr(&local_name!("http-equiv")));
                    let content = e
                        .attr(&local_name!("content"))
                        .or_else(|| e.attr(&local_name!("datetime")));
                    if let (Some(k), Some(c)) = (key, content) {
                        meta.tags.push(MetaTag {
                            key: k.trim().to_ascii_lowercase(),
                            content: c.to_owned(),
                        });
                    }
                }
                local_name!("link") => {
                    let rel = e.attr(&local_name!("rel")).unwrap_or("");
                    if rel.eq_ignore_ascii_case("canonical") && meta.canonical_url.is_none() {
                        meta.canonical_url = e
                            .attr(&local_name!("href"))
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty());
                    }
                }
                local_name!("title") => {
                    if title_tag.is_none() {
                        title_tag = Some(dom.text(cur)).filter(|s| !s.is_empty());
                    }
                    skip = true;
                }
                local_name!("h1") => {
                    if h1.is_none() {
                        h1 = Some(dom.text(cur)).filter(|s| !s.is_empty());
                    }
                    skip = true;
                }
                local_name!("script") => {
                    let ty = e.attr(&local_name!("type")).unwrap_or("");
                    if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                        let mut raw = String::new();
                        for c in dom.children(cur) {
                            if let NodeData::Text(t) = &dom.node(c).data {
                                raw.push_str(t);
                            }
                        }
                        read_json_ld(&raw, &mut meta.ld);
                    }
                    skip = true;
                }
                local_name!("style") | local_name!("svg") => skip = true,
                _ => {}
            }
        }
        cur = dom.next_in_order(cur, 0, skip);
    }

    let mut titles: Vec<String> = Vec::new();
    for t in [
        meta.ld.headline.as_deref(),
        meta.get(&["og:title"]),
        meta.get(&["twitter:title"]),
        title_tag.as_deref(),
        h1.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        let t = normalize_space(t).to_lowercase();
        if !t.is_empty() && !titles.contains(&t) {
            titles.push(t);
        }
    }
    meta.titles = titles;
    meta.title = meta
        .ld
        .headline
        .clone()
        .or_else(|| {
            meta.get(&["og:title", "twitter:title"])
                .map(normalize_space)
        })
        .or(h1)
        .or(title_tag)
        .filter(|s| !s.is_empty());
    if meta.language.is_none() {
        meta.language = meta
            .get(&["og:locale", "content-language", "language", "dc.language"])
            .map(str::to_owned);
    }
    if meta.canonical_url.is_none() {
        meta.canonical_url = meta.get(&["og:url"]).map(str::to_owned);
    }
    meta.site_name = meta
        .get(&["og:site_name", "application-name"])
        .map(normalize_space)
        .or_else(|| meta.ld.publisher.clone());
    meta.author = if !meta.ld.authors.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for a in &meta.ld.authors {
            if !names.contains(a) {
                names.push(a.clone());
            }
        }
        Some(names.join(", "))
    } else {
        meta.get(&[
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(normalize_space)
    };
    meta
}

/// Parses one JSON-LD block and merges what it says into `ld`. Invalid JSON is ignored.
fn read_json_ld(raw: &str, ld: &mut JsonLd) {
    let raw = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(_) => return,
    };
    // Iterative walk over nested objects and arrays (`@graph`, `mainEntity`...), bounded.
    let mut stack: Vec<(&Value, u32)> = vec![(&value, 0)];
    let mut seen = 0;
    while let Some((v, depth)) = stack.pop() {
        seen += 1;
        if seen > 10_000 || depth > 32 {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev().map(|i| (i, depth + 1))),
            Value::Object(map) => {
                let ty = type_names(map.get("@type"));
                let is_article = ty.iter().any(|t| {
                    t.contains("Article")
                        || t.contains("Posting")
                        || t == "Report"
                        || t.contains("Blog")
                        || t == "WebPage"
                        || t == "CreativeWork"
                        || t == "LiveBlogPosting"
                });
                let is_webpage = ty.iter().any(|t| t.ends_with("Page"));
                let is_person_or_org = ty
                    .iter()
                    .any(|t| t == "Person" || t == "Organization" || t.contains("Organization"));
                if !is_person_or_org {
                    if is_article && !is_webpage {
                        if let Some(h) = map.get("headline").and_then(Value::as_str) {
                            ld.headline.get_or_insert_with(|| normalize_space(h));
                        }
                        if let Some(b) = map.get("articleBody").and_then(Value::as_str) {
                            if ld
                                .article_body
                                .as_ref()
                                .is_none_or(|old| old.len() < b.len())
                            {
                                ld.article_body = Some(b.to_owned());
                            }
                        }
                        collect_names(map.get("author"), &mut ld.authors);
                        if let Some(p) = map.get("publisher") {
                            if ld.publisher.is_none() {
                                ld.publisher = name_of(p);
                            }
                        }
                    }
                    push_str(map.get("datePublished"), &mut ld.date_published, is_article);
                    push_str(map.get("dateCreated"), &mut ld.date_created, is_article);
                    push_str(map.get("dateModified"), &mut ld.date_modified, is_article);
                }
                for (k, child) in map {
                    if matches!(
                        k.as_str(),
                        "@graph" | "mainEntity" | "mainEntityOfPage" | "itemListElement" | "item"
                    ) {
                        stack.push((child, depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Pushes a string date value; article objects' dates go first.
fn push_str(v: Option<&Value>, out: &mut Vec<String>, first: bool) {
    if let Some(s) = v.and_then(Value::as_str) {
        if first {
            out.insert(0, s.to_owned());
        } else {
            out.push(s.to_owned());
        }
    }
}

fn type_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(normalize_space(s)),
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(normalize_space),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
    .filter(|s| !s.is_empty() && !s.starts_with("http"))
}

fn collect_names(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::Array(a)) => {
            for item in a.iter().take(20) {
                if let Some(n) = name_of(item) {
                    out.push(n);
                }
            }
        }
        Some(other) => {
            if let Some(n) = name_of(other) {
                out.push(n);
            }
        }
        None => {}
    }
}
