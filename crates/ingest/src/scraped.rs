//! Cleaning scraped text dumps: a dateline first, the title repeated, a comment form or share
//! widgets at the end. Pure: text in, cleaned parts out.

use chrono::NaiveDate;

/// A scraped page split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CleanText {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub body: String,
}

/// Lines that start the boilerplate after an article: everything from the first of them on is
/// dropped. Matched case-insensitively at the start of a line.
const FOOTER_MARKERS: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "your email address will not be published",
    "required fields are marked",
    "post a comment",
    "add a comment",
    "comments are closed",
    "share this:",
    "share this article",
    "share on facebook",
    "click to share",
    "like this:",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "read more:",
    "post navigation",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "follow us on",
    "© ",
    "copyright ©",
    "all rights reserved",
    "tags:",
    "filed under",
];

/// Splits a scraped dump into title, date and body.
///
/// The first line is a dateline when it parses as a date. The first short line without
/// final punctuation is the title; later lines equal to it are dropped, and a paragraph that
/// opens with it ("Title- As the ceasefire...") loses the prefix. The body ends at the first
/// footer marker.
pub fn clean_scraped(text: &str) -> CleanText {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = text.lines().collect();
    let mut date = None;
    let mut title: Option<String> = None;

    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(f) = first {
        if let Some(d) = parse_dateline(lines[f].trim()) {
            date = Some(d);
            lines.remove(f);
        }
    }
    if let Some(f) = lines.iter().position(|l| !l.trim().is_empty()) {
        let candidate = lines[f].trim();
        let next_blank = lines.get(f + 1).is_none_or(|l| l.trim().is_empty());
        // A lone line is the text itself, not a title over nothing.
        let more_text = lines[f + 1..].iter().any(|l| !l.trim().is_empty());
        if looks_like_title(candidate) && next_blank && more_text {
            title = Some(candidate.to_string());
            lines.remove(f);
        }
    }

    let mut body_lines: Vec<String> = Vec::new();
    for line in lines {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        if !body_lines.iter().all(|l| l.trim().is_empty())
            && FOOTER_MARKERS.iter().any(|m| lower.starts_with(m))
        {
            break;
        }
        if let Some(t) = &title {
            if trimmed == t {
                continue;
            }
            if let Some(rest) = trimmed.strip_prefix(t.as_str()) {
                let rest = rest.trim_start_matches([' ', '-', '–', '—', ':', '|']);
                if !rest.is_empty() && rest.len() < trimmed.len() {
                    body_lines.push(rest.to_string());
                    continue;
                }
            }
        }
        if date.is_none() && body_lines.iter().all(|l| l.trim().is_empty()) {
            if let Some(d) = parse_dateline(trimmed) {
                date = Some(d);
                continue;
            }
        }
        body_lines.push(line.trim_end().to_string());
    }
    let body = collapse_blank_lines(&body_lines);
    CleanText { title, date, body }
}

fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=25).contains(&words)
        && line.len() < 250
        && (!line.ends_with(['.', '!', '?', ',', ';', ':']) || line.ends_with('?'))
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Parses a line that is only a date: "January 11, 2026", "Sunday, 11 January 2026",
/// "Jan. 11, 2026 10:30 AM", "2026-01-11", "11/01/2026" is left alone (ambiguous).
pub fn parse_dateline(line: &str) -> Option<NaiveDate> {
    if line.len() > 60 {
        return None;
    }
    let iso = line
        .get(..10)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    if iso.is_some()
        && line[10..]
            .chars()
            .all(|c| !c.is_alphabetic() || c == 'T' || c == 'Z')
    {
        return iso;
    }
    let cleaned: String = line
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ':' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| !WEEKDAYS.contains(w))
        .filter(|w| {
            !matches!(
                *w,
                "updated"
                    | "published"
                    | "posted"
                    | "on"
                    | "am"
                    | "pm"
                    | "gmt"
                    | "utc"
                    | "et"
                    | "est"
                    | "edt"
                    | "bst"
                    | "cet"
            )
        })
        .filter(|w| !w.contains(':'))
        .collect();
    let month_of = |w: &str| MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n);
    let num = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        digits.parse().ok()
    };
    let (year, month, day) = match words.as_slice() {
        [m, d, y] if month_of(m).is_some() => (num(y)?, month_of(m)?, num(d)?),
        [d, m, y] if month_of(m).is_some() => (num(y)?, month_of(m)?, num(d)?),
        _ => return None,
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, title: Option<&str>, date: Option<&str>, body: &str) {
        let got = clean_scraped(input);
        assert_eq!(got.title.as_deref(), title, "title of {input:?}");
        assert_eq!(
            got.date.map(|d| d.to_string()).as_deref(),
            date,
            "date of {input:?}"
        );
        assert_eq!(got.body, body, "body of {input:?}");
    }

    #[test]
    fn dateline_repeated_title_and_comment_footer() {
        check(
            "March 3, 2025\nTalks Resume in Geneva\n\nTalks Resume in Geneva\n\nTalks Resume in Geneva- Envoys met on Monday.\n\nThey agreed to meet again.\n\nLeave a Reply\n\nYour email address will not be published.",
            Some("Talks Resume in Geneva"),
            Some("2025-03-03"),
            "Envoys met on Monday.\n\nThey agreed to meet again.",
        );
    }

    #[test]
    fn plain_text_without_dateline_or_title() {
        check(
            "The United States will supply arms to Israel",
            None,
            None,
            "The United States will supply arms to Israel",
        );
        check(
            "Iran rejected the offer. Talks ended.",
            None,
            None,
            "Iran rejected the offer. Talks ended.",
        );
    }

    #[test]
    fn datelines_in_several_shapes() {
        for (line, want) in [
            ("January 11, 2026", "2026-01-11"),
            ("Sunday, 11 January 2026", "2026-01-11"),
            ("Jan. 11, 2026 10:30 AM", "2026-01-11"),
            ("2026-01-11", "2026-01-11"),
            ("Published on 11th January 2026", "2026-01-11"),
        ] {
            assert_eq!(
                parse_dateline(line).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{line}"
            );
        }
        assert_eq!(parse_dateline("January was cold in 2026 for most"), None);
        assert_eq!(parse_dateline("February 30, 2026"), None);
    }
}
