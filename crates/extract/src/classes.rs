//! What an element's `class` and `id` say about it.
//!
//! One Aho-Corasick automaton finds every pattern in both attributes at once; each pattern
//! carries a bit set of the categories it signals.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Readability's "unlikely candidate" (navigation, comments, banners...).
pub(crate) const UNLIKELY: u16 = 1;
/// Readability's rescue from `UNLIKELY` ("article", "content", "main"...).
pub(crate) const MAYBE: u16 = 2;
/// Negative class weight.
pub(crate) const NEGATIVE: u16 = 4;
/// Positive class weight.
pub(crate) const POSITIVE: u16 = 8;
/// Strong boilerplate inside an article: share bars, related links, newsletter boxes, ads,
/// author boxes, tag lists, comment sections.
pub(crate) const BOILER: u16 = 16;
/// Comment sections (never article text, whatever their size).
pub(crate) const COMMENTS: u16 = 32;
/// Captions and credits.
pub(crate) const CAPTION: u16 = 64;

const PATTERNS: &[(&str, u16)] = &[
    // readability's unlikelyCandidates
    ("-ad-", UNLIKELY | NEGATIVE),
    ("ai2html", UNLIKELY),
    ("banner", UNLIKELY | NEGATIVE),
    ("breadcrumb", UNLIKELY | BOILER),
    ("combx", UNLIKELY | NEGATIVE),
    ("comment", UNLIKELY | NEGATIVE | COMMENTS),
    ("community", UNLIKELY),
    ("cover-wrap", UNLIKELY),
    ("disqus", UNLIKELY | COMMENTS | BOILER),
    ("extra", UNLIKELY),
    ("footer", UNLIKELY | NEGATIVE),
    ("gdpr", UNLIKELY | NEGATIVE | BOILER),
    ("header", UNLIKELY),
    ("legends", UNLIKELY),
    ("menu", UNLIKELY | BOILER),
    ("related", UNLIKELY | NEGATIVE | BOILER),
    ("remark", UNLIKELY),
    ("replies", UNLIKELY | COMMENTS),
    ("rss", UNLIKELY),
    ("shoutbox", UNLIKELY | NEGATIVE),
    ("sidebar", UNLIKELY | NEGATIVE | BOILER),
    ("skyscraper", UNLIKELY | NEGATIVE | BOILER),
    ("social", UNLIKELY | BOILER),
    ("sponsor", UNLIKELY | NEGATIVE | BOILER),
    ("supplemental", UNLIKELY),
    ("ad-break", UNLIKELY | BOILER),
    ("agegate", UNLIKELY),
    ("pagination", UNLIKELY | POSITIVE),
    ("pager", UNLIKELY),
    ("popup", UNLIKELY | BOILER),
    ("yom-remote", UNLIKELY),
    // readability's okMaybeItsACandidate
    ("and", MAYBE),
    ("article", MAYBE | POSITIVE),
    ("body", MAYBE | POSITIVE),
    ("column", MAYBE),
    ("content", MAYBE | POSITIVE),
    ("main", MAYBE | POSITIVE),
    ("shadow", MAYBE),
    // readability's negative
    ("hidden", NEGATIVE),
    ("com-", NEGATIVE),
    ("contact", NEGATIVE),
    ("masthead", NEGATIVE),
    ("media", NEGATIVE),
    ("meta", NEGATIVE),
    ("outbrain", NEGATIVE | BOILER),
    ("promo", NEGATIVE | BOILER),
    ("scroll", NEGATIVE),
    ("share", NEGATIVE | BOILER),
    ("shopping", NEGATIVE),
    ("tags", NEGATIVE),
    ("widget", NEGATIVE),
    // readability's positive
    ("entry", POSITIVE),
    ("hentry", POSITIVE),
    ("h-entry", POSITIVE),
    ("page", POSITIVE),
    ("post", POSITIVE),
    ("text", POSITIVE),
    ("blog", POSITIVE),
    ("story", POSITIVE),
    // further boilerplate
    ("newsletter", BOILER),
    ("subscribe", BOILER),
    ("signup", BOILER),
    ("sign-up", BOILER),
    ("cookie", BOILER),
    ("consent", BOILER),
    ("taboola", BOILER),
    ("recommend", BOILER),
    ("read-more", BOILER),
    ("readmore", BOILER),
    ("more-stories", BOILER),
    ("sharing", BOILER),
    ("share-", BOILER),
    ("author-bio", BOILER),
    ("authorbio", BOILER),
    ("author-box", BOILER),
    ("byline", BOILER),
    ("advert", BOILER),
    ("adslot", BOILER),
    ("ad-slot", BOILER),
    ("ad-container", BOILER),
    ("ad-wrapper", BOILER),
    ("dfp", BOILER),
    ("paywall", BOILER),
    ("caption", CAPTION),
    ("credit", CAPTION),
];

struct Classes {
    ac: AhoCorasick,
}

static CLASSES: LazyLock<Option<Classes>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(PATTERNS.iter().map(|(p, _)| p))
        .ok()
        .map(|ac| Classes { ac })
});

/// The category bits signalled by one attribute value (a `class` or an `id`).
pub(crate) fn categories(value: &str) -> u16 {
    let Some(c) = CLASSES.as_ref() else {
        return 0;
    };
    let mut bits = 0;
    for m in c.ac.find_overlapping_iter(value) {
        bits |= PATTERNS[m.pattern().as_usize()].1;
    }
    // Readability's `^hid$| hid$| hid |^hid ` and whole-word ad markers.
    for word in value.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
        if word.eq_ignore_ascii_case("hid") {
            bits |= NEGATIVE;
        }
        if word.eq_ignore_ascii_case("ad")
            || word.eq_ignore_ascii_case("ads")
            || word.eq_ignore_ascii_case("adv")
        {
            bits |= BOILER | NEGATIVE;
        }
    }
    bits
}

/// Readability's class weight of one attribute value: -25 when negative, +25 when positive.
pub(crate) fn weight(bits: u16) -> i32 {
    let mut w = 0;
    if bits & NEGATIVE != 0 {
        w -= 25;
    }
    if bits & POSITIVE != 0 {
        w += 25;
    }
    w
}
