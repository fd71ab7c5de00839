//! HTML building blocks: escaping, the page frame, evidence sentences with their marked
//! words, chart data. Every piece of stored text goes through [`esc`]; chart data goes into
//! a JSON `<script>` that the page's own script reads (no inline script runs).

use chrono::{Datelike, NaiveDate};
use dyad_store::Period;
use serde::Serialize;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes one path segment or query value.
pub fn url(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The page frame: header with navigation and search, the body, a footer naming the store.
pub fn layout(title: &str, db: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · dyad</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/uPlot.min.css">
<link rel="stylesheet" href="/assets/dyad.css">
<script src="/assets/uPlot.iife.min.js" defer></script>
<script src="/assets/dyad.js" defer></script>
</head>
<body>
<header>
<a class="brand" href="/">dyad</a>
<nav><a href="/">Overview</a><a href="/actors">Actors</a><a href="/divergence">Divergence</a><a href="/openapi.json">API</a></nav>
<form class="search" action="/search" method="get" role="search"><input type="search" name="q" placeholder="Search evidence sentences" aria-label="Search evidence sentences"></form>
</header>
<main>
{body}
</main>
<footer>Read-only view of <code>{db}</code>. Every count links to the sentences it was coded from.</footer>
</body>
</html>
"#,
        title = esc(title),
        db = esc(db),
    )
}

/// A marked stretch of a sentence: byte span and CSS class (`source`, `target`, `trigger`,
/// `cue`, `match`).
pub type Mark<'a> = ([usize; 2], &'a str);

/// A sentence with its marked words. Spans that overlap an earlier one or do not fall on
/// character boundaries are left unmarked rather than breaking the text.
pub fn marked(text: &str, marks: &[Mark<'_>]) -> String {
    let mut marks: Vec<Mark<'_>> = marks.to_vec();
    marks.sort_by_key(|([s, e], _)| (*s, *e));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for ([s, e], class) in marks {
        if s < at || e <= s || text.get(s..e).is_none() || text.get(at..s).is_none() {
            continue;
        }
        out.push_str(&esc(&text[at..s]));
        let _ = write!(
            out,
            r#"<mark class="{}">{}</mark>"#,
            esc(class),
            esc(&text[s..e])
        );
        at = e;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

/// Formats a number of events with thin grouping: 1234567 → "1,234,567".
pub fn num(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    // A comma goes before every digit whose distance from the end is a multiple of three.
    let offset = digits.len() % 3;
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && i % 3 == offset {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed score with a real minus sign.
pub fn signed(x: f64, places: usize) -> String {
    let s = format!("{:.*}", places, x.abs());
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("−{s}")
    } else {
        s
    }
}

pub const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];
pub const QUAD_COLORS: [&str; 4] = ["#66bd63", "#1a9850", "#f46d43", "#a50026"];

/// The first day of a period label, and the last.
pub fn period_range(by: Period, label: &str) -> Option<(NaiveDate, NaiveDate)> {
    match by {
        Period::Day => {
            let d = NaiveDate::parse_from_str(label, "%Y-%m-%d").ok()?;
            Some((d, d))
        }
        Period::Week => {
            let d = NaiveDate::parse_from_str(label, "%Y-%m-%d").ok()?;
            let monday = d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64);
            Some((monday, monday + chrono::Duration::days(6)))
        }
        Period::Month => {
            let first = NaiveDate::parse_from_str(&format!("{label}-01"), "%Y-%m-%d").ok()?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            Some((first, next - chrono::Duration::days(1)))
        }
    }
}

/// The label of the period after `label`.
fn next_period(by: Period, label: &str) -> Option<String> {
    let (_, last) = period_range(by, label)?;
    Some(by.label(last + chrono::Duration::days(1)))
}

/// Every period label from `first` to `last`, so a chart shows quiet periods as zero rather
/// than drawing across them; `None` when there would be more than `max`.
pub fn period_labels(by: Period, first: &str, last: &str, max: usize) -> Option<Vec<String>> {
    let mut out = vec![first.to_string()];
    let mut at = first.to_string();
    while at.as_str() < last {
        at = next_period(by, &at)?;
        out.push(at.clone());
        if out.len() > max {
            return None;
        }
    }
    Some(out)
}

/// Seconds since 1970 of a period's first day (uPlot's time axis).
pub fn period_ts(by: Period, label: &str) -> Option<i64> {
    let (first, _) = period_range(by, label)?;
    Some(first.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// How a period is named in a heading.
pub fn period_phrase(by: Period, label: &str) -> String {
    match by {
        Period::Day => label.to_string(),
        Period::Week => format!("week of {label}"),
        Period::Month => label.to_string(),
    }
}

/// One line of a chart.
#[derive(Serialize)]
pub struct Series {
    pub label: String,
    pub color: String,
    pub values: Vec<Option<f64>>,
}

/// A chart for `dyad.js`: x values (period starts, seconds), their labels, lines, and where a
/// click on a period fetches that period's events from.
#[derive(Serialize)]
pub struct Chart {
    pub id: String,
    pub x: Vec<i64>,
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    pub y_label: String,
    /// A fixed y range (Goldstein's −10..10), else automatic.
    pub y_range: Option<[f64; 2]>,
    /// URL of the events fragment; `&period=LABEL` is appended.
    pub click: Option<String>,
    /// Seconds of margin left and right of the first and last point (half a period), so
    /// a lone point is not drawn on the frame.
    pub x_pad: i64,
}

/// Half a period in seconds: the margin of a chart's x axis.
pub fn half_period(by: Period) -> i64 {
    match by {
        Period::Day => 43_200,
        Period::Week => 302_400,
        Period::Month => 1_296_000,
    }
}

/// The `<script type="application/json">` that carries a page's charts. `<`, `>` and `&` are
/// escaped inside the JSON so that no stored text can close the script element.
pub fn charts_json(charts: &[Chart]) -> String {
    let json = serde_json::to_string(&serde_json::json!({ "charts": charts }))
        .unwrap_or_else(|_| "{\"charts\":[]}".to_string());
    let json = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!(r#"<script type="application/json" id="charts">{json}</script>"#)
}

/// The element a chart is drawn into, with a caption.
pub fn chart_div(id: &str, caption: &str) -> String {
    format!(
        r#"<figure class="chart-box"><figcaption>{}</figcaption><div class="chart" id="{}"></div></figure>"#,
        esc(caption),
        esc(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_escaped_and_never_split_characters() {
        let html = marked(
            "Mali <expelled> Zürich",
            &[
                ([0, 4], "source"),
                ([5, 15], "trigger"),
                ([17, 18], "target"),
            ],
        );
        assert_eq!(
            html,
            r#"<mark class="source">Mali</mark> <mark class="trigger">&lt;expelled&gt;</mark> Zürich"#
        );
    }

    #[test]
    fn periods_have_ranges_and_successors() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            period_range(Period::Week, "2026-02-09"),
            Some((d("2026-02-09"), d("2026-02-15")))
        );
        assert_eq!(
            period_range(Period::Month, "2024-02"),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            period_labels(Period::Month, "2025-11", "2026-02", 10).unwrap(),
            ["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        assert_eq!(
            period_labels(Period::Day, "2026-01-01", "2026-12-31", 10),
            None
        );
    }

    #[test]
    fn chart_json_cannot_close_its_script() {
        let html = charts_json(&[Chart {
            id: "</script><script>x".into(),
            x: vec![],
            periods: vec![],
            series: vec![],
            y_label: String::new(),
            y_range: None,
            click: None,
            x_pad: 0,
        }]);
        assert_eq!(html.matches("</script>").count(), 1);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(1234567), "1,234,567");
        assert_eq!(num(12), "12");
        assert_eq!(signed(-4.5, 2), "−4.50");
        assert_eq!(signed(-0.001, 2), "0.00");
    }
}
