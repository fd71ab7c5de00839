//! Paragraph-level boilerplate: lines that sit inside the article container but are not the
//! article (link teasers, "Read more", datelines, bylines, photo credits).
//!
//! These tests look at one output paragraph's text alone, so they are deliberately narrow: short
//! paragraphs only, and stock phrases in the languages dyad sees most.

/// Stock phrases that open a boilerplate line (compared lowercased, at the start).
const PHRASES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "related",
    "read more",
    "read also",
    "read next",
    "see more",
    "see also",
    "more:",
    "more from",
    "more news",
    "more stories",
    "more on this",
    "you may also like",
    "you might also like",
    "also read",
    "don't miss",
    "don’t miss",
    "trending",
    "most popular",
    "most read",
    "recommended",
    "share this",
    "share on",
    "share:",
    "follow us",
    "sign up",
    "subscribe",
    "click here",
    "continue reading",
    "getty images",
    "image:",
    "photo:",
    "(image",
    "(photo",
    "photograph:",
    "tags",
    "topics:",
    "filed under",
    "leave a comment",
    "leave a reply",
    "comments",
    "copyright",
    "©",
    "all rights reserved",
    // German
    "anzeige",
    "werbung",
    "mehr zum thema",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "mehr dazu",
    "foto:",
    "bild:",
    "quelle:",
    "teilen",
    // French, Spanish, Portuguese, Italian
    "lire aussi",
    "à lire aussi",
    "publicité",
    "lea también",
    "te puede interesar",
    "publicidad",
    "leia também",
    "veja também",
    "publicidade",
    "leggi anche",
    "pubblicità",
];

/// Words that make a short line a dateline ("Published 10:48, Tue, Nov 19, 2019").
const DATE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last modified",
    "veröffentlicht",
    "aktualisiert",
    "stand:",
    "publié",
    "publicado",
    "atualizado",
    "pubblicato",
];

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "januar",
    "februar", "märz", "mai", "juni", "juli", "okt", "dez",
];

/// Whether one output paragraph is boilerplate.
pub(crate) fn is_boilerplate_block(
    text: &str,
    links: usize,
    heading: bool,
    list_item: bool,
) -> bool {
    let chars = text.chars().count();
    if chars == 0 {
        return true;
    }
    // Teasers and link lists: mostly link text.
    if links * 10 > chars * 6 && chars < 300 {
        return true;
    }
    if list_item && links * 2 > chars && chars < 200 {
        return true;
    }
    if chars > 120 {
        return caption_credit(text, chars);
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '©');
    if chars < 60 && PHRASES.iter().any(|p| starts_with_word(lower, p)) {
        return true;
    }
    if heading {
        return false;
    }
    if is_dateline(lower, chars) || is_byline(lower, chars) {
        return true;
    }
    caption_credit(text, chars) || image_counter(lower)
}

/// `s` starts with `p` and, where `p` ends in a letter, no letter follows.
fn starts_with_word(s: &str, p: &str) -> bool {
    match s.strip_prefix(p) {
        Some(rest) => {
            !p.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric)
        }
        None => false,
    }
}

fn is_dateline(lower: &str, chars: usize) -> bool {
    if chars > 90 || lower.ends_with('.') && lower.split_whitespace().count() > 8 {
        return false;
    }
    let has_word = DATE_WORDS.iter().any(|w| lower.contains(w));
    let has_time = has_clock_time(lower);
    let has_month = lower.split(|c: char| !c.is_alphabetic()).any(|w| {
        MONTHS
            .iter()
            .any(|m| w.starts_with(m) && w.len() <= 9 && w.len() >= 3)
    });
    let digits = lower.chars().filter(char::is_ascii_digit).count();
    (has_word && (digits >= 2 || has_month)) || (has_time && (has_month || digits >= 6))
}

fn has_clock_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

fn is_byline(lower: &str, chars: usize) -> bool {
    chars < 70
        && (lower.starts_with("by ") || lower.starts_with("von ") || lower.starts_with("por "))
        && !lower.ends_with('.')
}

/// "(Image: GETTY)", "Photo: Jane Doe, AP" at the end of a caption.
fn caption_credit(text: &str, chars: usize) -> bool {
    if chars > 400 {
        return false;
    }
    let t = text.trim_end();
    let tail: String = t
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    t.ends_with(')')
        && ["(image:", "(photo:", "(picture:", "(pictures:", "(images:"]
            .iter()
            .any(|p| tail.contains(p))
}

/// "Image 1 of 5".
fn image_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() == 4
        && matches!(words[0], "image" | "photo" | "bild" | "foto")
        && words[1].parse::<u32>().is_ok()
        && words[2] == "of"
        && words[3].parse::<u32>().is_ok()
}
