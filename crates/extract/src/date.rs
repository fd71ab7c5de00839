//! Publication date: a cascade of sources, most reliable first (htmldate's order, reshuffled by
//! what proved reliable).
//!
//! 1. JSON-LD `datePublished` / `dateCreated` of an article object.
//! 2. `<meta>` publication tags (`article:published_time`, `datePublished`, Dublin Core,
//!    `pubdate`, `sailthru.date`, `parsely-pub-date`, ...).
//! 3. Markup for the purpose: `itemprop="datePublished"`, `<time pubdate>`, `<time datetime>`.
//! 4. A full date in the URL (`/2026/01/11/`, `/2026-01-11-`, `/20260111/`).
//! 5. Elements whose class or id names a date (`date`, `published`, `byline`, `datum`...).
//! 6. Dates written in the page's text, preferring those after "published", "posted", "am"...
//! 7. Modification dates, as a last resort.
//!
//! Every candidate must lie between 1995-01-01 and the caller's `max_date`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use html5ever::local_name;
use regex::Regex;

use crate::dom::{is_non_text, Dom, Edge, NodeData, NONE};
use crate::meta::Meta;
use crate::text::normalize_space;

/// Meta keys naming the publication date, most specific first.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "article:published_date",
    "datepublished",
    "og:published_time",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "published-date",
    "pubdate",
    "bt:pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "datecreated",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "release_date",
    "release:date",
    "date.available",
    "published_at",
    "creation_date",
    "created",
    "uploaddate",
    "videouploaddate",
    "og:pubdate",
    "nastooh:publishdate",
    "analyticsattributes.articledate",
    "outbrain-date",
    "aiturec:datetime",
];

/// Generic meta keys: often the page's generation or last edit rather than the article's
/// publication, so they rank below dates marked up in the page.
const META_GENERIC: &[&str] = &[
    "dc.date.created",
    "dcterms.created",
    "dcterms:created",
    "dc.date",
    "dcterms.date",
    "date",
];

/// Meta keys naming a modification date: used only when nothing names the publication.
const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "datemodified",
    "og:updated_time",
    "article:updated_time",
    "bt:moddate",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// Day-month order for ambiguous numeric dates such as 03/04/2019.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    DayFirst,
    MonthFirst,
}

/// Finds the publication date of a parsed page.
pub(crate) fn find(
    dom: &Dom,
    meta: &Meta,
    url: Option<&str>,
    max: Option<NaiveDate>,
) -> Option<NaiveDate> {
    find_src(dom, meta, url, max).map(|(_, d)| d)
}

fn find_src(
    dom: &Dom,
    meta: &Meta,
    url: Option<&str>,
    max: Option<NaiveDate>,
) -> Option<(&'static str, NaiveDate)> {
    let bounds = Bounds {
        min: NaiveDate::from_ymd_opt(1995, 1, 1)?,
        max,
    };
    let order = order_for(meta.language.as_deref(), url);
    let ok = |d: Option<NaiveDate>| d.filter(|d| bounds.contains(*d));

    let url_date = url.and_then(date_in_url).filter(|d| bounds.contains(*d));
    if let Some(d) = url_date {
        return Some(("url", d));
    }

    let marks = scan_markup(dom, order);
    let mut structured = None;
    for s in meta.ld.date_published.iter().chain(&meta.ld.date_created) {
        if let Some(d) = ok(parse_value(s, order)) {
            structured = Some(("ld", d, has_time(s)));
            break;
        }
    }
    if structured.is_none() {
        'keys: for key in META_PUBLISHED {
            for t in meta.tags.iter().filter(|t| t.key == *key) {
                if let Some(d) = ok(parse_value(&t.content, order)) {
                    structured = Some(("meta", d, has_time(&t.content)));
                    break 'keys;
                }
            }
        }
    }
    if let Some((src, d, timed)) = structured {
        let visible = visible_dates(&marks, order, &bounds);
        // A page that shows its readers only its modification date was republished then.
        if !visible.contains(&d) {
            let modified = meta
                .ld
                .date_modified
                .iter()
                .map(String::as_str)
                .chain(META_MODIFIED.iter().flat_map(|k| {
                    meta.tags
                        .iter()
                        .filter(move |t| t.key == *k)
                        .map(|t| t.content.as_str())
                }))
                .find_map(|s| ok(parse_value(s, order)));
            if let Some(m) = modified {
                if m > d && visible.contains(&m) {
                    return Some(("visible-mod", m));
                }
            }
        }
        // A timestamp's day depends on its time zone; the day the page shows its readers wins
        // when it is the day before or after.
        if timed && !visible.contains(&d) {
            let before = d.pred_opt().filter(|p| visible.contains(p));
            let after = d.succ_opt().filter(|n| visible.contains(n));
            match (before, after) {
                (Some(p), None) => return Some(("shifted", p)),
                (None, Some(n)) => return Some(("shifted", n)),
                _ => {}
            }
        }
        return Some((src, d));
    }
    for d in marks.published.iter().copied() {
        if bounds.contains(d) {
            return Some(("markpub", d));
        }
    }
    for d in marks.time.iter().copied() {
        if bounds.contains(d) {
            return Some(("time", d));
        }
    }
    for d in marks.classed.iter().copied() {
        if bounds.contains(d) {
            return Some(("classed", d));
        }
    }
    // Generic meta dates are often the page's generation time: only one the page also shows.
    let visible = visible_dates(&marks, order, &bounds);
    for key in META_GENERIC {
        for t in meta.tags.iter().filter(|t| t.key == *key) {
            if let Some(d) = ok(parse_value(&t.content, order)) {
                if visible.contains(&d) {
                    return Some(("metagen", d));
                }
            }
        }
    }
    if let Some(d) = text_date(&marks.text, order, &bounds) {
        return Some(("text", d));
    }

    for d in marks.noisy.iter().copied() {
        if bounds.contains(d) {
            return Some(("noisy", d));
        }
    }
    if let Some(d) = text_date(&marks.noisy_text, order, &bounds) {
        return Some(("noisytext", d));
    }
    for s in &meta.ld.date_modified {
        if let Some(d) = ok(parse_value(s, order)) {
            return Some(("ldmod", d));
        }
    }
    for key in META_MODIFIED {
        for t in meta.tags.iter().filter(|t| t.key == *key) {
            if let Some(d) = ok(parse_value(&t.content, order)) {
                return Some(("metamod", d));
            }
        }
    }
    None
}

/// Whether a structured date value carries a time of day (so its day depends on the zone).
fn has_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(3)
        .any(|w| (w[0] == b'T' || w[0] == b' ') && w[1].is_ascii_digit() && w[2].is_ascii_digit())
        && s.contains(':')
}

/// Dates shown to readers: in date-classed elements and in the first part of the text.
fn visible_dates(marks: &Marks, order: Order, bounds: &Bounds) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = marks.classed.clone();
    let head = &marks.text[..floor_char(&marks.text, 20_000)];
    out.extend(
        text_dates(head, order)
            .into_iter()
            .map(|(_, d)| d)
            .filter(|d| bounds.contains(*d)),
    );
    out
}

struct Bounds {
    min: NaiveDate,
    max: Option<NaiveDate>,
}

impl Bounds {
    fn contains(&self, d: NaiveDate) -> bool {
        d >= self.min && self.max.is_none_or(|m| d <= m)
    }
}

/// US English writes month first; nearly everyone else day first.
fn order_for(lang: Option<&str>, url: Option<&str>) -> Order {
    let lang = lang.unwrap_or("").to_ascii_lowercase().replace('_', "-");
    let path = url.unwrap_or("").to_ascii_lowercase();
    let host = path
        .split("//")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    let tld = host.rsplit('.').next().unwrap_or("");
    if lang == "en-us" || path.contains("/en-us/") {
        return Order::MonthFirst;
    }
    if lang.starts_with("en-")
        || ["/en-gb/", "/en-au/", "/en-in/", "/en-ie/", "/en-nz/"]
            .iter()
            .any(|p| path.contains(p))
    {
        return Order::DayFirst;
    }
    if lang.starts_with("en") || lang.is_empty() {
        if tld.len() == 2 && tld != "us" {
            return Order::DayFirst;
        }
        return Order::MonthFirst;
    }
    Order::DayFirst
}

/// Dates found in markup made to carry them, and the page's visible text.
#[derive(Default)]
struct Marks {
    /// `itemprop="datePublished"`, `<time pubdate>`, time/abbr elements classed "published".
    published: Vec<NaiveDate>,
    /// Other `<time datetime>` elements.
    time: Vec<NaiveDate>,
    /// Elements whose class or id names a date.
    classed: Vec<NaiveDate>,
    /// Dates in boilerplate regions (comments, sidebars, related stories).
    noisy: Vec<NaiveDate>,
    /// Visible text outside boilerplate regions, blocks separated by newlines.
    text: String,
    /// Visible text inside boilerplate regions.
    noisy_text: String,
}

fn scan_markup(dom: &Dom, order: Order) -> Marks {
    let mut m = Marks::default();
    let body = dom.find_first(&local_name!("body")).unwrap_or(0);
    // Boilerplate regions (comments, sidebars, footers) hold other dates: theirs rank last. A
    // region holding most of the page is a wrapper, whatever its class says.
    let sizes = text_sizes(dom, body);
    let total = sizes.get(body as usize).copied().unwrap_or(0);
    // Open noisy regions, innermost last.
    let mut noisy_open: Vec<crate::dom::NodeId> = Vec::new();
    dom.traverse(body, |edge| {
        let id = match edge {
            Edge::Open(id) => id,
            Edge::Close(id) => {
                if noisy_open.last() == Some(&id) {
                    noisy_open.pop();
                }
                return true;
            }
        };
        let noise_depth = noisy_open.len();
        let e = match &dom.node(id).data {
            NodeData::Text(t) => {
                if noise_depth == 0 && m.text.len() < 200_000 {
                    // Separate text nodes: "Lesezeit 5 Min" + "3.11.2023" must not fuse.
                    m.text.push(' ');
                    m.text.push_str(t);
                } else if noise_depth > 0 && m.noisy_text.len() < 100_000 {
                    m.noisy_text.push_str(t);
                    m.noisy_text.push('\n');
                }
                return true;
            }
            NodeData::Element(e) => e,
            _ => return false,
        };
        let tag = e.tag();
        if is_non_text(tag) {
            return false;
        }
        let class = class_bits(e.attr(&local_name!("class")).unwrap_or(""));
        let elem_id = class_bits(e.attr(&local_name!("id")).unwrap_or(""));
        let noise_depth = if sizes[id as usize] * 2 < total && is_date_noise(tag, class, elem_id) {
            noisy_open.push(id);
            noise_depth + 1
        } else {
            noise_depth
        };
        if !is_inline(tag) {
            m.text.push('\n');
        }
        let itemprop = e.attr(&local_name!("itemprop")).unwrap_or("");
        let value = || {
            e.attr(&local_name!("datetime"))
                .or_else(|| e.attr(&local_name!("content")))
                .map(str::to_owned)
                .unwrap_or_else(|| dom.text(id))
        };
        let (bucket, d) = if itemprop.eq_ignore_ascii_case("datePublished")
            || itemprop.eq_ignore_ascii_case("dateCreated")
        {
            (Bucket::Published, parse_value(&value(), order))
        } else if *tag == local_name!("time") {
            let published =
                e.attrs.iter().any(|a| &*a.name.local == "pubdate") || class & PUBLISHED != 0;
            if published {
                (Bucket::Published, parse_value(&value(), order))
            } else if class & UPDATED != 0 {
                (Bucket::None, None)
            } else {
                (Bucket::Time, parse_value(&value(), order))
            }
        } else if *tag == local_name!("abbr") && class & TIMEY != 0 {
            let v = e
                .attr(&local_name!("title"))
                .map(str::to_owned)
                .unwrap_or_else(|| dom.text(id));
            (Bucket::Published, parse_value(&v, order))
        } else if (class | elem_id) & DATED != 0
            && class & (UPDATED | NOISE) == 0
            && sizes[id as usize] < 400
        {
            (Bucket::Classed, first_text_date(&dom.text(id), order))
        } else {
            (Bucket::None, None)
        };
        if let Some(d) = d {
            if noise_depth > 0 {
                m.noisy.push(d);
            } else {
                match bucket {
                    Bucket::Published => m.published.push(d),
                    Bucket::Time => m.time.push(d),
                    Bucket::Classed => m.classed.push(d),
                    Bucket::None => {}
                }
            }
        }
        true
    });
    m
}

#[derive(Clone, Copy)]
enum Bucket {
    Published,
    Time,
    Classed,
    None,
}

/// Text bytes under each node of `root`'s subtree (zero elsewhere).
fn text_sizes(dom: &Dom, root: crate::dom::NodeId) -> Vec<u32> {
    let mut sizes = vec![0u32; dom.nodes.len()];
    let mut order = Vec::new();
    let mut cur = root;
    while cur != NONE {
        let mut skip = false;
        match &dom.node(cur).data {
            NodeData::Text(t) => sizes[cur as usize] = t.len() as u32,
            NodeData::Element(e) => skip = is_non_text(e.tag()),
            _ => {}
        }
        order.push(cur);
        cur = dom.next_in_order(cur, root, skip);
    }
    for &id in order.iter().rev() {
        let p = dom.node(id).parent;
        if id != root && p != NONE {
            sizes[p as usize] = sizes[p as usize].saturating_add(sizes[id as usize]);
        }
    }
    sizes
}

/// Class/id word categories for dates (bits).
const NOISE: u8 = 1;
const DATED: u8 = 2;
const PUBLISHED: u8 = 4;
const UPDATED: u8 = 8;
const TIMEY: u8 = 16;

const CLASS_WORDS: &[(&str, u8)] = &[
    ("comment", NOISE),
    ("sidebar", NOISE),
    ("related", NOISE),
    ("recommend", NOISE),
    ("date", DATED | TIMEY),
    ("time", DATED | TIMEY),
    ("publish", DATED | PUBLISHED | TIMEY),
    ("entry-date", PUBLISHED),
    ("post-date", PUBLISHED),
    ("posted", DATED),
    ("byline", DATED),
    ("datum", DATED),
    ("meta", DATED),
    ("fecha", DATED),
    ("data", DATED),
    ("info", DATED),
    ("update", UPDATED),
    ("modif", UPDATED),
];

static CLASS_AC: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CLASS_WORDS.iter().map(|(w, _)| w))
        .ok()
});

/// The date categories a class or id value names.
fn class_bits(value: &str) -> u8 {
    let Some(ac) = CLASS_AC.as_ref() else {
        return 0;
    };
    if value.is_empty() {
        return 0;
    }
    ac.find_overlapping_iter(value)
        .fold(0, |bits, m| bits | CLASS_WORDS[m.pattern().as_usize()].1)
}

/// Regions whose dates are not the article's: comments, sidebars, related stories, footers.
fn is_date_noise(tag: &html5ever::LocalName, class: u8, id: u8) -> bool {
    match *tag {
        local_name!("footer") | local_name!("aside") | local_name!("nav") => true,
        // Page-wide wrappers carry state classes ("comments-open", "has-sidebar").
        local_name!("body")
        | local_name!("html")
        | local_name!("main")
        | local_name!("article") => false,
        _ => (class | id) & NOISE != 0,
    }
}

fn is_inline(tag: &html5ever::LocalName) -> bool {
    matches!(
        *tag,
        local_name!("a")
            | local_name!("span")
            | local_name!("b")
            | local_name!("i")
            | local_name!("em")
            | local_name!("strong")
            | local_name!("time")
            | local_name!("abbr")
            | local_name!("small")
            | local_name!("font")
            | local_name!("u")
            | local_name!("sup")
            | local_name!("sub")
    )
}

/// A full date in a URL path: `/2019/10/19/`, `/2019-10-19`, `/20191019/`.
pub(crate) fn date_in_url(url: &str) -> Option<NaiveDate> {
    static RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(
            r"(?x)
            [/_-](?P<y>(?:199|20[0-3])\d)[/_.-](?P<m>[01]?\d)[/_.-](?P<d>[0-3]?\d)(?:[/_.-]|$)
            | [/_-](?P<y2>(?:199|20[0-3])\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?:[/_.-]|$)
            | [/_-](?P<d3>[0-3]?\d)[/_.-](?P<m3>[01]?\d)[/_.-](?P<y3>(?:199|20[0-3])\d)(?:[/_.-]|$)",
        )
        .ok()
    });
    let re = RE.as_ref()?;
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    for c in re.captures_iter(path) {
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
        // "/2023/10/3-questions": a one-digit "day" followed by a dash starts a title.
        if let Some(day) = c.name("d") {
            if day.as_str().len() == 1 && c.get(0).is_some_and(|w| w.as_str().ends_with('-')) {
                continue;
            }
        }
        let d = if let (Some(y), Some(m), Some(d)) = (num("y"), num("m"), num("d")) {
            ymd(y as i32, m, d)
        } else if let (Some(y), Some(m), Some(d)) = (num("y2"), num("m2"), num("d2")) {
            ymd(y as i32, m, d)
        } else if let (Some(y), Some(m), Some(d)) = (num("y3"), num("m3"), num("d3")) {
            ymd(y as i32, m, d)
        } else {
            None
        };
        if d.is_some() {
            return d;
        }
    }
    None
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses a structured date value (an attribute or meta content): ISO 8601, compact, numeric,
/// RFC 2822, Unix timestamps, or a written date.
fn parse_value(s: &str, order: Order) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 300 {
        return None;
    }
    let b = s.as_bytes();
    // YYYY-MM-DD..., YYYY/MM/DD, YYYY.MM.DD
    if b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/' | b'.') {
        let y: i32 = s[..4].parse().ok()?;
        let rest = &s[5..];
        let mut parts = rest.splitn(3, |c: char| !c.is_ascii_digit());
        let m: u32 = parts.next()?.parse().ok()?;
        let dpart = parts.next()?;
        let d: u32 = dpart.get(..2.min(dpart.len()))?.parse().ok()?;
        return ymd(y, m, d);
    }
    // YYYYMMDD (optionally followed by time)
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        return ymd(
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..8].parse().ok()?,
        );
    }
    // Unix timestamp (seconds or milliseconds)
    if b.iter().all(u8::is_ascii_digit) && (b.len() == 10 || b.len() == 13) {
        let n: i64 = s.parse().ok()?;
        let secs = if b.len() == 13 { n / 1000 } else { n };
        return chrono::DateTime::from_timestamp(secs, 0).map(|t| t.date_naive());
    }
    first_text_date(s, order)
}

/// Month number of a month name or abbreviation in English, German, French, Spanish,
/// Portuguese, Italian or Dutch.
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "january" | "jan" | "januar" | "jänner" | "jaenner" | "janvier" | "enero" | "janeiro"
        | "gennaio" | "januari" | "ene" | "gen" => 1,
        "february" | "feb" | "februar" | "feber" | "février" | "fevrier" | "févr" | "fev"
        | "febrero" | "fevereiro" | "febbraio" | "februari" => 2,
        "march" | "mar" | "märz" | "maerz" | "mär" | "mrz" | "mars" | "marzo" | "março"
        | "marco" | "maart" | "mrt" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" => 4,
        "may" | "mai" | "mayo" | "maio" | "maggio" | "mei" | "mag" => 5,
        "june" | "jun" | "juni" | "juin" | "junio" | "junho" | "giugno" | "giu" => 6,
        "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "julho" | "luglio" | "lug" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "setembro"
        | "settembre" | "set" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "outubro" | "out"
        | "ottobre" | "ott" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "diciembre"
        | "dic" | "dezembro" | "dicembre" | "dec." => 12,
        _ => return None,
    };
    Some(m)
}

const MONTH_ALT: &str = r"(?:jan(?:uary|uar|vier|eiro|uari)?|j[äa]e?nner|ene(?:ro)?|genn?(?:aio)?|feb(?:ruary|ruar|rero|braio|ruari)?|feber|f[ée]vr?(?:ier|ereiro)?|mar(?:ch|s|zo|ço|co)?|m[äa]e?rz|m[äa]r|mrz|maart|mrt|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|maggio|mag|mei|june?|juni|juin|junio|junho|giu(?:gno)?|july?|juli|juil(?:let)?|julio|julho|lug(?:lio)?|aug(?:ust|ustus)?|ao[uû]t|agosto|ago|sept?(?:ember|embre|tiembre)?|setiembre|setembro|settembre|set|oct(?:ober|obre|ubre)?|okt(?:ober)?|outubro|out|ott(?:obre)?|nov(?:ember|embre|iembre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|d[ée]c(?:embre)?|dic(?:iembre|embre)?)";

static TEXT_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pat = format!(
        r"(?ix)
        (?P<iso>(?-u:\b)(?:199\d|20[0-3]\d)-[01]?\d-[0-3]?\d(?-u:\b))
        | (?P<ymd>(?-u:\b)(?:199\d|20[0-3]\d)/[01]?\d/[0-3]?\d(?-u:\b))
        | (?P<dot>(?-u:\b)[0-3]?\d\.\s?[01]?\d\.\s?(?:(?:19|20)\d\d|\d\d)(?-u:\b))
        | (?P<slash>(?-u:\b)[0-3]?\d[/-][0-3]?\d[/-](?:(?:19|20)\d\d|\d\d)(?-u:\b))
        | (?P<dmy>(?-u:\b)[0-3]?\d(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?{m}\.?,?\s*(?:de\s+)?(?:19|20)\d\d(?-u:\b))
        | (?P<mdy>(?-u:\b){m}\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d(?-u:\b))
        | (?P<cjk>(?:19|20)\d\d\s*[年년]\s*[01]?\d\s*[月월]\s*[0-3]?\d)",
        m = MONTH_ALT
    );
    Regex::new(&pat).ok()
});

/// All dates written in `text`, with their byte offsets.
fn text_dates(text: &str, order: Order) -> Vec<(usize, NaiveDate)> {
    let Some(re) = TEXT_RE.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let s = whole.as_str();
        let nums: Vec<u32> = s
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        let year = |y: u32| if y < 100 { 2000 + y as i32 } else { y as i32 };
        let d = if c.name("iso").is_some() || c.name("ymd").is_some() || c.name("cjk").is_some() {
            match nums[..] {
                [y, m, d, ..] => ymd(y as i32, m, d),
                _ => None,
            }
        } else if c.name("dot").is_some() {
            match nums[..] {
                [d, m, y, ..] => ymd(year(y), m, d),
                _ => None,
            }
        } else if c.name("slash").is_some() {
            match nums[..] {
                [a, b, y, ..] => {
                    // Day first unless the month cannot be first or the locale says so.
                    let month_first = a <= 12 && (b > 12 || order == Order::MonthFirst);
                    let (d, m) = if month_first { (b, a) } else { (a, b) };
                    ymd(year(y), m, d)
                }
                _ => None,
            }
        } else {
            // Written month: find the month word.
            let month = s
                .split(|ch: char| !ch.is_alphabetic())
                .find_map(month_number);
            match (month, &nums[..]) {
                (Some(m), [d, y, ..]) => ymd(*y as i32, m, *d),
                _ => None,
            }
        };
        if let Some(d) = d {
            out.push((whole.start(), d));
        }
    }
    out
}

fn first_text_date(text: &str, order: Order) -> Option<NaiveDate> {
    text_dates(text, order).first().map(|&(_, d)| d)
}

/// Words that introduce a publication date in running text.
const PUBLISHED_CUES: &[&str] = &[
    "published",
    "posted",
    "veröffentlicht",
    "erschienen",
    "publié",
    "publicado",
    "pubblicato",
    "geplaatst",
    "date:",
    "datum:",
];

/// The publication date among the dates written in the page's text: one introduced by a cue
/// ("Published on ...") if any, else the first one written.
fn text_date(text: &str, order: Order, bounds: &Bounds) -> Option<NaiveDate> {
    let lower = normalize_space(text).to_lowercase();
    let dates: Vec<(usize, NaiveDate)> = text_dates(&lower, order)
        .into_iter()
        .filter(|(_, d)| bounds.contains(*d))
        .collect();
    if dates.is_empty() {
        return None;
    }
    // A date introduced by "published", "posted"... wins; else the first date written.
    for &(pos, d) in &dates {
        let start = floor_char(&lower, pos.saturating_sub(40));
        let Some(before) = lower.get(start..floor_char(&lower, pos)) else {
            continue;
        };
        if PUBLISHED_CUES.iter().any(|c| before.contains(c)) {
            return Some(d);
        }
    }
    dates.first().map(|&(_, d)| d)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn values() {
        let o = Order::DayFirst;
        assert_eq!(parse_value("2019-10-19T08:00:00+02:00", o), d(2019, 10, 19));
        assert_eq!(parse_value("20191019", o), d(2019, 10, 19));
        assert_eq!(
            parse_value("Sat, 19 Oct 2019 10:00:00 GMT", o),
            d(2019, 10, 19)
        );
        assert_eq!(parse_value("19. Oktober 2019", o), d(2019, 10, 19));
        assert_eq!(parse_value("October 19, 2019", o), d(2019, 10, 19));
        assert_eq!(parse_value("19.10.2019", o), d(2019, 10, 19));
        assert_eq!(parse_value("10/19/2019", o), d(2019, 10, 19));
        assert_eq!(parse_value("03/04/2019", Order::MonthFirst), d(2019, 3, 4));
        assert_eq!(parse_value("19 de octubre de 2019", o), d(2019, 10, 19));
        assert_eq!(parse_value("2019年10月19日", o), d(2019, 10, 19));
        assert_eq!(parse_value("1571472000", o), d(2019, 10, 19));
    }

    #[test]
    fn urls() {
        assert_eq!(
            date_in_url("https://example.com/2026/01/11/story.html"),
            d(2026, 1, 11)
        );
        assert_eq!(
            date_in_url("https://example.com/news/20260111-story"),
            d(2026, 1, 11)
        );
        assert_eq!(date_in_url("https://example.com/2026/01/story"), None);
    }
}
