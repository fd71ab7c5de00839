//! The dashboard: server-rendered pages. Charts are drawn in the browser by uPlot from JSON
//! the page carries; clicking a point (or a row of the table under it) loads that period's
//! events from `/fragment/events`, each with its sentence and the actors and verb marked.
//! Every list is also reachable without script, through links with `?period=`.

use crate::api::{self, actor_detail, divergence_report, event_query, DivergenceReport};
use crate::error::ApiError;
use crate::html::{
    chart_div, charts_json, esc, half_period, layout, marked, num, period_labels, period_phrase,
    period_range, period_ts, signed, url, Chart, Mark, Series, QUAD_COLORS, QUAD_NAMES,
};
use crate::params::{actor_code, period_name, Params};
use crate::Shared;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use dyad_stance::Period as DivergencePeriod;
use dyad_store::read_api::StoreSummary;
use dyad_store::read_api::{EventQuery, EvidenceEvent, StanceQuery, StoredStance};
use dyad_store::{EventStore, Period, Role, SeriesQuery, SeriesRow, SqliteStore};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// An error shown as a page.
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = format!(
            r#"<h1>{}</h1><p class="error" id="error">{}</p><p><a href="/">Back to the overview</a></p>"#,
            status.as_u16(),
            esc(&self.0.to_string())
        );
        (
            status,
            html_response(Bytes::from(layout("Error", "the store", &body))),
        )
            .into_response()
    }
}

fn html_response(body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// Renders a page (or fragment) on a store connection, cached like the API's answers.
async fn render<F>(state: &Shared, key: String, f: F) -> Result<Response, PageError>
where
    F: FnOnce(&SqliteStore, &str) -> Result<String, ApiError> + Send + 'static,
{
    let generation = state.pool.generation();
    if let Some(body) = state.cache.get(&key, generation) {
        return Ok(html_response(body));
    }
    let db = state.pool.path().display().to_string();
    let html = state.pool.run(move |store| f(store, &db)).await?;
    let body = Bytes::from(html);
    state.cache.put(key, generation, body.clone());
    Ok(html_response(body))
}

const PERIODS: &[(&str, Period)] = &[
    ("day", Period::Day),
    ("week", Period::Week),
    ("month", Period::Month),
];

/// At most this many points on a chart: longer spans are drawn without zero-filling.
const MAX_POINTS: usize = 4_000;

/// "How to fill this store" — for an empty or missing store.
fn ingest_help(db: &str, missing: bool) -> String {
    let (title, lead) = if missing {
        (
            "No store yet",
            format!("There is no store at <code>{}</code> yet.", esc(db)),
        )
    } else {
        (
            "This store has no events yet",
            format!("<code>{}</code> holds no events.", esc(db)),
        )
    };
    format!(
        r#"<section class="empty" id="empty-store"><h2>{title}</h2><p>{lead} Code articles into it with</p>
<pre><code>dyad ingest FILES --db {db}</code></pre>
<p>FILES are plain text, JSON Lines, HTML pages, RSS/Atom feeds or WARC archives (gzip or zstd
compressed too), or directories of them; <code>dyad ingest examples/ --db {db}</code> loads the
examples that come with dyad. This server picks up new events by itself: reload the page.</p></section>"#,
        db = esc(db)
    )
}

fn cards(items: &[(&str, String, &str)]) -> String {
    let mut out = String::from(r#"<section class="cards">"#);
    for (id, value, label) in items {
        let _ = write!(
            out,
            r#"<div class="card"><span class="n" id="{}">{}</span><span class="label">{}</span></div>"#,
            esc(id),
            value,
            esc(label)
        );
    }
    out.push_str("</section>");
    out
}

fn actor_link(code: &str) -> String {
    format!(r#"<a href="/actor/{}">{}</a>"#, url(code), esc(code))
}

fn dyad_link(a: &str, b: &str, arrow: &str) -> String {
    format!(
        r#"<a href="/dyad/{}/{}">{} {arrow} {}</a>"#,
        url(a),
        url(b),
        esc(a),
        esc(b)
    )
}

/// Links to other periods of a chart.
fn period_switch(base: &str, current: Period, choices: &[Period]) -> String {
    let mut out = String::from(r#"<span class="switch">by "#);
    for &p in choices {
        let name = period_name(p);
        if p == current {
            let _ = write!(out, "<b>{name}</b> ");
        } else {
            let sep = if base.contains('?') { '&' } else { '?' };
            let _ = write!(out, r#"<a href="{}{sep}by={name}">{name}</a> "#, esc(base));
        }
    }
    out.push_str("</span>");
    out
}

/// A safe link to an article's URL: only http(s) URLs become links.
fn source_link(url_text: Option<&str>) -> String {
    match url_text {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => format!(
            r#" · <a href="{}" rel="noopener noreferrer nofollow">{}</a>"#,
            esc(u),
            esc(u)
        ),
        _ => String::new(),
    }
}

/// One event with its sentence, the actors and the verb marked.
fn event_item(e: &EvidenceEvent) -> String {
    let ev = &e.event;
    let mut marks: Vec<Mark<'_>> = Vec::new();
    if let Some(s) = e.source_span {
        marks.push((s, "source"));
    }
    if let Some(s) = e.target_span {
        marks.push((s, "target"));
    }
    if let Some(s) = e.trigger_span {
        marks.push((s, "trigger"));
    }
    let quad = (ev.quad as usize).wrapping_sub(1);
    let reports = if ev.num_mentions == 1 {
        "1 report".to_string()
    } else {
        format!(
            "{} reports in {} articles",
            ev.num_mentions, ev.num_articles
        )
    };
    let origin = e.title.as_deref().unwrap_or(&ev.input);
    format!(
        r#"<li class="event" data-event="{id}" data-source="{src}" data-target="{tgt}" data-goldstein="{g}">
<div class="meta"><a href="/event/{id}">event {id}</a> · <time>{date}</time> · {src_link} → {tgt_link} · <span class="code">{code}</span> {name} · <span class="quad q{qn}">{quad_name}</span> · Goldstein <b>{gs}</b> · {modality} · {reports}</div>
<blockquote class="sentence">{sentence}</blockquote>
<div class="src">{origin}{site}{link}</div>
</li>"#,
        id = ev.id,
        src = esc(&ev.source),
        tgt = esc(&ev.target),
        g = ev.goldstein,
        date = esc(ev.date.as_deref().unwrap_or("undated")),
        src_link = actor_link(&ev.source),
        tgt_link = actor_link(&ev.target),
        code = esc(&ev.code),
        name = esc(&ev.name),
        qn = ev.quad,
        quad_name = QUAD_NAMES.get(quad).copied().unwrap_or("?"),
        gs = signed(ev.goldstein, 1),
        modality = esc(&ev.modality),
        sentence = marked(&ev.evidence, &marks),
        origin = esc(origin),
        site = ev
            .site
            .as_deref()
            .map(|s| format!(" · {}", esc(s)))
            .unwrap_or_default(),
        link = source_link(ev.url.as_deref()),
    )
}

/// A list of events under a heading; `more` links to the rest in the API.
fn event_list(title: &str, events: &[EvidenceEvent], more: Option<&str>) -> String {
    let mut out = format!(
        r#"<h2 id="evidence-title">{}: <span id="evidence-count">{}</span> {}</h2>"#,
        esc(title),
        events.len(),
        if events.len() == 1 { "event" } else { "events" }
    );
    if events.is_empty() {
        out.push_str(r#"<p class="hint">No events.</p>"#);
        return out;
    }
    out.push_str(r#"<p class="legend"><mark class="source">source</mark> <mark class="trigger">verb</mark> <mark class="target">target</mark></p><ol class="evidence-list">"#);
    for e in events {
        out.push_str(&event_item(e));
    }
    out.push_str("</ol>");
    if let Some(api) = more {
        let _ = write!(
            out,
            r#"<p class="more">Only the first {} are listed: <a href="{}">all of them in the API</a>.</p>"#,
            events.len(),
            esc(api)
        );
    }
    out
}

/// One stance with its sentence, the actor and the cue words marked.
fn stance_item(s: &StoredStance) -> String {
    let mut marks: Vec<Mark<'_>> = Vec::new();
    if let Some(a) = s.actor_span {
        marks.push((a, "source"));
    }
    if let Some(c) = s.cue_span {
        marks.push((c, "cue"));
    }
    format!(
        r#"<li class="stance" data-stance="{id}"><div class="meta">{actor} · <span class="pos {pos}">{pos}</span> <b>{issue}</b> ({text}) · strength {strength:.2} · {modality} · <time>{date}</time></div><blockquote class="sentence">{sentence}</blockquote><div class="src">{origin}{link}</div></li>"#,
        id = s.id,
        actor = actor_link(&s.actor),
        pos = esc(&s.position),
        issue = esc(&s.issue),
        text = esc(&s.issue_text),
        strength = s.strength,
        modality = esc(&s.modality),
        date = esc(s.date.as_deref().unwrap_or("undated")),
        sentence = marked(&s.evidence, &marks),
        origin = esc(s.title.as_deref().unwrap_or(&s.input)),
        link = source_link(s.url.as_deref()),
    )
}

/// The hint shown where a chart's events will appear.
fn evidence_panel(content: Option<String>) -> String {
    format!(
        r#"<section id="evidence" class="evidence-panel" aria-live="polite">{}</section>"#,
        content.unwrap_or_else(|| {
            r#"<p class="hint">Click a point on a chart, or a period in the table, to list its events with the sentences they were coded from.</p>"#.to_string()
        })
    )
}

fn overview_body(
    db: &str,
    summary: &StoreSummary,
    by: Period,
    volume: &[dyad_store::read_api::VolumeRow],
    dyads: &[dyad_store::DyadRow],
    classes: &[dyad_store::read_api::ClassRow],
) -> String {
    let c = &summary.counts;
    let range = match (&summary.first_day, &summary.last_day) {
        (Some(a), Some(b)) => format!("{} – {}", esc(a), esc(b)),
        _ => "–".to_string(),
    };
    let mut out = String::from("<h1>Overview</h1>");
    out.push_str(&cards(&[
        ("n-events", num(c.events), "events"),
        ("n-reports", num(c.event_mentions), "reports"),
        ("n-articles", num(c.articles), "articles"),
        ("n-stances", num(c.stances), "stances"),
        ("n-actors", num(summary.actor_codes), "actor codes"),
        ("n-dyads", num(summary.dyads), "actor pairs"),
        ("n-range", range, "dates"),
    ]));
    if c.events == 0 {
        out.push_str(&ingest_help(db, false));
        return out;
    }
    // The volume chart, zero-filled between the first and last period.
    let by_label: BTreeMap<&str, &dyad_store::read_api::VolumeRow> =
        volume.iter().map(|r| (r.period.as_str(), r)).collect();
    let labels = match (volume.first(), volume.last()) {
        (Some(f), Some(l)) => period_labels(by, &f.period, &l.period, MAX_POINTS)
            .unwrap_or_else(|| volume.iter().map(|r| r.period.clone()).collect()),
        _ => Vec::new(),
    };
    let quads = |r: &dyad_store::read_api::VolumeRow| {
        [
            r.verbal_cooperation,
            r.material_cooperation,
            r.verbal_conflict,
            r.material_conflict,
        ]
    };
    let mut series: Vec<Series> = (0..4)
        .map(|q| Series {
            label: QUAD_NAMES[q].to_string(),
            color: QUAD_COLORS[q].to_string(),
            values: labels
                .iter()
                .map(|l| Some(by_label.get(l.as_str()).map_or(0, |r| quads(r)[q]) as f64))
                .collect(),
        })
        .collect();
    series.push(Series {
        label: "all events".into(),
        color: "#4a4a4a".into(),
        values: labels
            .iter()
            .map(|l| Some(by_label.get(l.as_str()).map_or(0, |r| r.events) as f64))
            .collect(),
    });
    let chart = Chart {
        id: "chart-volume".into(),
        x: labels.iter().filter_map(|l| period_ts(by, l)).collect(),
        periods: labels.clone(),
        series,
        y_label: "events".into(),
        y_range: None,
        click: Some(format!("/fragment/events?by={}", period_name(by))),
        x_pad: half_period(by),
    };
    let _ = write!(
        out,
        "<h2>Event volume {}</h2>{}",
        period_switch("/", by, &[Period::Week, Period::Month]),
        chart_div(
            "chart-volume",
            &format!(
                "Events per {} by quad class; click a point for its events",
                period_name(by)
            )
        )
    );
    out.push_str(r#"<div class="two-col"><section><h2>Top dyads</h2><table id="top-dyads"><thead><tr><th>source → target</th><th class="num">events</th><th class="num">reports</th><th class="num">mean Goldstein</th><th>first</th><th>last</th></tr></thead><tbody>"#);
    for d in dyads {
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="date">{}</td><td class="date">{}</td></tr>"#,
            dyad_link(&d.source, &d.target, "→"),
            num(d.events),
            num(d.mentions),
            signed(d.goldstein_mean, 2),
            esc(d.first.as_deref().unwrap_or("")),
            esc(d.last.as_deref().unwrap_or(""))
        );
    }
    out.push_str(r#"</tbody></table></section><section><h2>Top event classes</h2><table id="top-classes"><thead><tr><th>CAMEO root</th><th>quad class</th><th class="num">events</th><th></th></tr></thead><tbody>"#);
    let max = classes.iter().map(|c| c.events).max().unwrap_or(1).max(1);
    for c in classes {
        let q = (c.quad as usize).wrapping_sub(1);
        let _ = write!(
            out,
            r#"<tr><td><a href="/api/events?root={root}">{root}</a> {name}</td><td><span class="quad q{qn}">{qname}</span></td><td class="num">{n}</td><td><meter min="0" max="{max}" value="{v}"></meter></td></tr>"#,
            root = esc(&c.root),
            name = esc(&c.name),
            qn = c.quad,
            qname = QUAD_NAMES.get(q).copied().unwrap_or("?"),
            n = num(c.events),
            v = c.events,
        );
    }
    out.push_str("</tbody></table></section></div>");
    out.push_str(&evidence_panel(None));
    out.push_str(&charts_json(&[chart]));
    out
}

pub async fn overview(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(raw.as_deref(), &["by"])?;
    let by = p.choice("by", PERIODS)?;
    let key = format!("page:/?{}", p.canonical());
    let result = render(&state, key, move |s, db| {
        let summary = s.summary()?;
        // Weeks while they fit a screen (two years), months beyond.
        let by = by.unwrap_or_else(|| {
            let span = summary
                .first_day
                .as_deref()
                .zip(summary.last_day.as_deref())
                .and_then(|(a, b)| {
                    let d = |x: &str| chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d").ok();
                    Some((d(b)? - d(a)?).num_days())
                })
                .unwrap_or(0);
            if span <= 730 {
                Period::Week
            } else {
                Period::Month
            }
        });
        let volume = s.volume(by, None, None)?;
        let dyads = s.dyads(&dyad_store::DyadQuery {
            limit: 10,
            ..Default::default()
        })?;
        let classes = s.event_classes(20)?;
        let body = overview_body(db, &summary, by, &volume, &dyads, &classes);
        Ok(layout("Overview", db, &body))
    })
    .await;
    match result {
        Err(PageError(ApiError::NoStore { path })) => {
            let body = format!("<h1>Overview</h1>{}", ingest_help(&path, true));
            Ok(html_response(Bytes::from(layout("Overview", &path, &body))))
        }
        other => other,
    }
}

/// What the events fragment lists, from its parameters.
struct Selection {
    query: EventQuery,
    title: String,
    api: String,
}

const FRAGMENT_PARAMS: &[&str] = &[
    "actor", "partner", "role", "code", "root", "quad", "modality", "since", "until", "text",
    "limit", "offset", "period", "by",
];

/// Events listed at most, in a fragment or page; the API has the rest.
const LIST_LIMIT: usize = 200;

fn selection(p: &Params) -> Result<Selection, ApiError> {
    let mut query = event_query(p)?;
    let by = p.period(Period::Week)?;
    let mut title = match (&query.actor, &query.partner, query.role) {
        (Some(a), Some(b), Role::Source) => format!("{a} → {b}"),
        (Some(a), Some(b), Role::Target) => format!("{b} → {a}"),
        (Some(a), Some(b), Role::Either) => format!("{a} ⇄ {b}"),
        (Some(a), None, Role::Source) => format!("{a} as source"),
        (Some(a), None, Role::Target) => format!("{a} as target"),
        (Some(a), None, Role::Either) => a.clone(),
        (None, _, _) => "All events".to_string(),
    };
    if let Some(q) = query.quad {
        let _ = write!(title, ", {}", QUAD_NAMES[(q as usize - 1).min(3)]);
    }
    if let Some(label) = p.get("period") {
        let (first, last) = period_range(by, label).ok_or_else(|| {
            ApiError::bad(
                "period",
                format!("'{label}' is not a {} label", period_name(by)),
            )
        })?;
        query.since = Some(first);
        query.until = Some(last);
        // A chart point lists the events it counts: those that took place.
        query.took_place = true;
        let _ = write!(title, ", {}", period_phrase(by, label));
    } else if query.since.is_some() || query.until.is_some() {
        let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        let _ = write!(title, ", {} – {}", d(query.since), d(query.until));
    }
    let (limit, offset) = p.page()?;
    query.limit = limit.min(LIST_LIMIT) + 1;
    query.offset = offset;
    // The same selection in the API, for the rest of a long list.
    let mut api = Vec::new();
    for (name, value) in [
        ("actor", query.actor.clone()),
        ("partner", query.partner.clone()),
        (
            "role",
            Some(
                match query.role {
                    Role::Source => "source",
                    Role::Target => "target",
                    Role::Either => "either",
                }
                .to_string(),
            ),
        ),
        ("quad", query.quad.map(|q| q.to_string())),
        ("code", query.code.clone()),
        ("root", query.root.clone()),
        ("modality", query.modality.map(|m| m.as_str().to_string())),
        ("since", query.since.map(|d| d.to_string())),
        ("until", query.until.map(|d| d.to_string())),
        ("text", query.text.clone()),
    ] {
        if let Some(v) = value {
            api.push((name, v));
        }
    }
    let api = format!(
        "/api/events?{}",
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(api)
            .finish()
    );
    Ok(Selection { query, title, api })
}

fn list_selection(s: &SqliteStore, sel: &Selection) -> Result<String, ApiError> {
    let mut events = s.evidence_events(&sel.query)?;
    let more = events.len() >= sel.query.limit;
    events.truncate(sel.query.limit.saturating_sub(1));
    Ok(event_list(
        &sel.title,
        &events,
        more.then_some(sel.api.as_str()),
    ))
}

/// `/fragment/events`: the events list a chart click shows, as HTML to insert.
pub async fn events_fragment(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(raw.as_deref(), FRAGMENT_PARAMS)?;
    let sel = selection(&p)?;
    let key = format!("fragment/events?{}", p.canonical());
    render(&state, key, move |s, _| list_selection(s, &sel)).await
}

/// A mean Goldstein score, or a dash when there were no events to average.
fn mean_text(events: u64, mean: f64) -> String {
    if events == 0 {
        "–".to_string()
    } else {
        signed(mean, 2)
    }
}

/// Totals of one direction of a series.
fn direction_totals(rows: &[&SeriesRow]) -> ([u64; 4], u64, f64) {
    let mut q = [0u64; 4];
    let mut events = 0;
    let mut goldstein = 0.0;
    for r in rows {
        q[0] += r.verbal_cooperation;
        q[1] += r.material_cooperation;
        q[2] += r.verbal_conflict;
        q[3] += r.material_conflict;
        events += r.events;
        goldstein += r.goldstein_mean * r.events as f64;
    }
    let mean = if events == 0 {
        0.0
    } else {
        goldstein / events as f64
    };
    (q, events, mean)
}

#[allow(clippy::too_many_arguments)]
fn dyad_body(
    a: &str,
    b: &str,
    by: Period,
    rows: &[SeriesRow],
    evidence: Option<String>,
    base: &str,
) -> String {
    let ab: Vec<&SeriesRow> = rows.iter().filter(|r| r.source == a).collect();
    let ba: Vec<&SeriesRow> = rows
        .iter()
        .filter(|r| r.source == b && r.source != a)
        .collect();
    let mut out = format!(
        r#"<h1>{} ⇄ {}</h1><p class="sub">Events between actors whose codes start with {} and {} ({} covers {}GOV, {}MIL, …), both directions. <a href="/dyad/{}/{}">Swap sides</a> · {} · <a href="/divergence?a={}&amp;b={}">their stances compared</a></p>"#,
        actor_link(a),
        actor_link(b),
        esc(a),
        esc(b),
        esc(a),
        esc(a),
        esc(a),
        url(b),
        url(a),
        period_switch(base, by, &[Period::Day, Period::Week, Period::Month]),
        url(a),
        url(b),
    );
    let (qa, na, ga) = direction_totals(&ab);
    let (qb, nb, gb) = direction_totals(&ba);
    out.push_str(&cards(&[
        ("n-ab", num(na), &format!("events {a} → {b}")),
        ("coop-ab", num(qa[0] + qa[1]), "cooperation"),
        ("conflict-ab", num(qa[2] + qa[3]), "conflict"),
        ("g-ab", mean_text(na, ga), "mean Goldstein"),
        ("n-ba", num(nb), &format!("events {b} → {a}")),
        ("coop-ba", num(qb[0] + qb[1]), "cooperation"),
        ("conflict-ba", num(qb[2] + qb[3]), "conflict"),
        ("g-ba", mean_text(nb, gb), "mean Goldstein"),
    ]));
    if rows.is_empty() {
        let _ = write!(
            out,
            r#"<p class="empty" id="no-events">No dated events between {} and {} in this store. Actor codes match as prefixes: try shorter ones (<code>ISR</code> rather than <code>ISRGOV</code>), or see <a href="/actors">the actors</a>.</p>"#,
            esc(a),
            esc(b),
        );
        out.push_str(&evidence_panel(evidence));
        return out;
    }
    let first = rows.iter().map(|r| r.period.as_str()).min().unwrap_or("");
    let last = rows.iter().map(|r| r.period.as_str()).max().unwrap_or("");
    let labels = period_labels(by, first, last, MAX_POINTS).unwrap_or_else(|| {
        rows.iter()
            .map(|r| r.period.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    });
    let x: Vec<i64> = labels.iter().filter_map(|l| period_ts(by, l)).collect();
    let index = |dir: &[&SeriesRow]| -> BTreeMap<String, SeriesRow> {
        dir.iter()
            .map(|r| (r.period.clone(), (*r).clone()))
            .collect()
    };
    let (iab, iba) = (index(&ab), index(&ba));
    let quad_of = |r: &SeriesRow, q: usize| match q {
        0 => r.verbal_cooperation,
        1 => r.material_cooperation,
        2 => r.verbal_conflict,
        _ => r.material_conflict,
    };
    let counts = |dir: &BTreeMap<String, SeriesRow>| -> Vec<Series> {
        (0..4)
            .map(|q| Series {
                label: QUAD_NAMES[q].to_string(),
                color: QUAD_COLORS[q].to_string(),
                values: labels
                    .iter()
                    .map(|l| Some(dir.get(l).map_or(0, |r| quad_of(r, q)) as f64))
                    .collect(),
            })
            .collect()
    };
    let mean = |dir: &BTreeMap<String, SeriesRow>| -> Vec<Option<f64>> {
        labels
            .iter()
            .map(|l| dir.get(l).map(|r| r.goldstein_mean))
            .collect()
    };
    let click = |role: &str| {
        Some(format!(
            "/fragment/events?actor={}&partner={}&role={role}&by={}",
            url(a),
            url(b),
            period_name(by)
        ))
    };
    let charts = [
        Chart {
            id: "chart-ab".into(),
            x: x.clone(),
            periods: labels.clone(),
            series: counts(&iab),
            y_label: "events".into(),
            y_range: None,
            click: click("source"),
            x_pad: half_period(by),
        },
        Chart {
            id: "chart-ba".into(),
            x: x.clone(),
            periods: labels.clone(),
            series: counts(&iba),
            y_label: "events".into(),
            y_range: None,
            click: click("target"),
            x_pad: half_period(by),
        },
        Chart {
            id: "chart-goldstein".into(),
            x,
            periods: labels.clone(),
            series: vec![
                Series {
                    label: format!("{a} → {b}"),
                    color: "#2c7fb8".into(),
                    values: mean(&iab),
                },
                Series {
                    label: format!("{b} → {a}"),
                    color: "#8856a7".into(),
                    values: mean(&iba),
                },
            ],
            y_label: "mean Goldstein".into(),
            y_range: Some([-10.0, 10.0]),
            click: click("either"),
            x_pad: half_period(by),
        },
    ];
    let per = period_name(by);
    out.push_str(r#"<div class="charts">"#);
    out.push_str(&chart_div(
        "chart-ab",
        &format!("{a} → {b}: events per {per} by quad class"),
    ));
    out.push_str(&chart_div(
        "chart-ba",
        &format!("{b} → {a}: events per {per} by quad class"),
    ));
    out.push_str(&chart_div(
        "chart-goldstein",
        &format!(
            "Mean Goldstein score per {per}, both directions (−10 conflict … +10 cooperation)"
        ),
    ));
    out.push_str("</div>");
    // The table: one row per period with events, links to its events.
    let _ = write!(
        out,
        r#"<h2>Per {per}</h2><table id="series-table"><thead><tr><th rowspan="2">{per}</th><th colspan="6">{a} → {b}</th><th colspan="6">{b} → {a}</th></tr><tr>"#,
        a = esc(a),
        b = esc(b)
    );
    for _ in 0..2 {
        out.push_str(r#"<th class="num">verbal coop.</th><th class="num">material coop.</th><th class="num">verbal confl.</th><th class="num">material confl.</th><th class="num">events</th><th class="num">mean Goldstein</th>"#);
    }
    out.push_str("</tr></thead><tbody>");
    let periods: BTreeSet<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    for period in periods.iter().rev() {
        let link = |role: &str, dir: &str, text: String| -> String {
            let fragment = format!(
                "/fragment/events?actor={}&partner={}&role={role}&by={per}&period={}",
                url(a),
                url(b),
                url(period)
            );
            let sep = if base.contains('?') { '&' } else { '?' };
            format!(
                r##"<a href="{}{sep}period={}&amp;dir={dir}#evidence" data-evidence="{}">{text}</a>"##,
                esc(base),
                url(period),
                esc(&fragment)
            )
        };
        let _ = write!(
            out,
            r#"<tr data-period="{}"><td class="date">{}</td>"#,
            esc(period),
            link("either", "both", esc(period))
        );
        for (dir, role, name) in [(&iab, "source", "ab"), (&iba, "target", "ba")] {
            match dir.get(*period) {
                Some(r) => {
                    for q in 0..4 {
                        let _ = write!(out, r#"<td class="num">{}</td>"#, quad_of(r, q));
                    }
                    let _ = write!(
                        out,
                        r#"<td class="num">{}</td><td class="num">{}</td>"#,
                        link(role, name, r.events.to_string()),
                        signed(r.goldstein_mean, 2)
                    );
                }
                None => out.push_str(&r#"<td class="num zero">0</td>"#.repeat(5)),
            }
            if dir.get(*period).is_none() {
                out.push_str(r#"<td class="num zero">–</td>"#);
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out.push_str(&evidence_panel(evidence));
    out.push_str(&charts_json(&charts));
    out
}

pub async fn dyad(
    State(state): State<Shared>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(raw.as_deref(), &["by", "since", "until", "period", "dir"])?;
    let a = actor_code("a", &a)?;
    let b = actor_code("b", &b)?;
    let by = p.period(Period::Week)?;
    let (since, until) = p.date_range()?;
    let role = p
        .choice(
            "dir",
            &[
                ("ab", Role::Source),
                ("ba", Role::Target),
                ("both", Role::Either),
            ],
        )?
        .unwrap_or(Role::Either);
    let period = match p.get("period") {
        Some(label) => Some((
            label.to_string(),
            period_range(by, label).ok_or_else(|| {
                ApiError::bad(
                    "period",
                    format!("'{label}' is not a {} label", period_name(by)),
                )
            })?,
        )),
        None => None,
    };
    let mut base = format!("/dyad/{}/{}", url(&a), url(&b));
    let mut keep = Vec::new();
    if let Some(s) = since {
        keep.push(("since", s.to_string()));
    }
    if let Some(u) = until {
        keep.push(("until", u.to_string()));
    }
    if !keep.is_empty() {
        base.push('?');
        base.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(keep)
                .finish(),
        );
    }
    let key = format!("page:{}?{}", base, p.canonical());
    render(&state, key, move |s, db| {
        let rows = s.series(&SeriesQuery {
            a: a.clone(),
            b: b.clone(),
            by,
            since,
            until,
        })?;
        let evidence = match &period {
            Some((label, (first, last))) => {
                let query = EventQuery {
                    actor: Some(a.clone()),
                    partner: Some(b.clone()),
                    role,
                    since: Some(*first),
                    until: Some(*last),
                    took_place: true,
                    limit: LIST_LIMIT + 1,
                    ..Default::default()
                };
                let arrow = match role {
                    Role::Source => format!("{a} → {b}"),
                    Role::Target => format!("{b} → {a}"),
                    Role::Either => format!("{a} ⇄ {b}"),
                };
                let sel = Selection {
                    title: format!("{arrow}, {}", period_phrase(by, label)),
                    api: format!(
                        "/api/events?actor={}&partner={}&since={first}&until={last}",
                        url(&a),
                        url(&b)
                    ),
                    query,
                };
                Some(list_selection(s, &sel)?)
            }
            None => None,
        };
        let body = dyad_body(&a, &b, by, &rows, evidence, &base);
        Ok(layout(&format!("{a} ⇄ {b}"), db, &body))
    })
    .await
}

pub async fn actors(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(raw.as_deref(), &["prefix", "limit", "offset"])?;
    let prefix = p.code("prefix")?;
    let (limit, offset) = p.page()?;
    let key = format!("page:/actors?{}", p.canonical());
    render(&state, key, move |s, db| {
        let rows = s.actors(&dyad_store::read_api::ActorQuery {
            prefix: prefix.clone(),
            limit: limit + 1,
            offset,
        })?;
        let listed = api::page(rows, limit, offset, "/actors", &p);
        let mut out = format!(
            r#"<h1>Actors</h1><form class="inline" action="/actors" method="get"><label>Codes starting with <input name="prefix" value="{}" size="8" pattern="[A-Za-z0-9]*"></label> <button>List</button></form>"#,
            esc(prefix.as_deref().unwrap_or(""))
        );
        if listed.items.is_empty() {
            out.push_str(r#"<p class="empty">No actor codes.</p>"#);
        } else {
            out.push_str(r#"<table id="actors"><thead><tr><th>code</th><th class="num">as source</th><th class="num">as target</th><th class="num">events</th></tr></thead><tbody>"#);
            for r in &listed.items {
                let _ = write!(
                    out,
                    r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                    actor_link(&r.code),
                    num(r.as_source),
                    num(r.as_target),
                    num(r.events)
                );
            }
            out.push_str("</tbody></table>");
        }
        if let Some(next) = &listed.next {
            let _ = write!(out, r#"<p class="more"><a href="{}">Next page</a></p>"#, esc(next));
        }
        Ok(layout("Actors", db, &out))
    })
    .await
}

pub async fn actor(
    State(state): State<Shared>,
    Path(code): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    Params::parse(raw.as_deref(), &[])?;
    let code = actor_code("code", &code)?;
    let key = format!("page:/actor/{code}");
    render(&state, key, move |s, db| {
        let detail = actor_detail(s, &code)?
            .ok_or_else(|| ApiError::NotFound(format!("no events or stances of {code}")))?;
        let recent = |role: Role| {
            s.evidence_events(&EventQuery {
                actor: Some(code.clone()),
                role,
                limit: 10,
                ..Default::default()
            })
        };
        let (as_source, as_target) = (recent(Role::Source)?, recent(Role::Target)?);
        let stances = s.stored_stances(&StanceQuery {
            actor: Some(code.clone()),
            limit: 20,
            ..Default::default()
        })?;
        let stance_total: u64 = detail.issues.iter().map(|i| i.stances).sum();
        let mut out = format!("<h1>{}</h1>", esc(&code));
        if detail.codes.len() > 1 || detail.codes.first().is_some_and(|c| c.code != code) {
            let names: Vec<String> = detail.codes.iter().map(|c| actor_link(&c.code)).collect();
            let _ = write!(
                out,
                r#"<p class="sub">{} covers the codes {}.</p>"#,
                esc(&code),
                names.join(", ")
            );
        }
        out.push_str(&cards(&[
            ("n-as-source", num(detail.as_source), "events as source"),
            ("n-as-target", num(detail.as_target), "events as target"),
            ("n-stances", num(stance_total), "stances"),
            ("n-issues", num(detail.issues.len() as u64), "issues"),
        ]));
        let mut charts = Vec::new();
        if !detail.volume.is_empty() {
            let first = detail.volume.first().map(|r| r.period.clone()).unwrap_or_default();
            let last = detail.volume.last().map(|r| r.period.clone()).unwrap_or_default();
            let labels = period_labels(Period::Month, &first, &last, MAX_POINTS)
                .unwrap_or_else(|| detail.volume.iter().map(|r| r.period.clone()).collect());
            let by: BTreeMap<&str, &dyad_store::read_api::ActorVolumeRow> =
                detail.volume.iter().map(|r| (r.period.as_str(), r)).collect();
            charts.push(Chart {
                id: "chart-actor".into(),
                x: labels.iter().filter_map(|l| period_ts(Period::Month, l)).collect(),
                periods: labels.clone(),
                series: vec![
                    Series {
                        label: "as source".into(),
                        color: "#2c7fb8".into(),
                        values: labels
                            .iter()
                            .map(|l| Some(by.get(l.as_str()).map_or(0, |r| r.as_source) as f64))
                            .collect(),
                    },
                    Series {
                        label: "as target".into(),
                        color: "#d95f0e".into(),
                        values: labels
                            .iter()
                            .map(|l| Some(by.get(l.as_str()).map_or(0, |r| r.as_target) as f64))
                            .collect(),
                    },
                ],
                y_label: "events".into(),
                y_range: None,
                click: Some(format!(
                    "/fragment/events?actor={}&role=either&by=month",
                    url(&code)
                )),
                x_pad: half_period(Period::Month),
            });
            out.push_str(&chart_div(
                "chart-actor",
                "Events per month as source and as target; click a point for its events",
            ));
        }
        out.push_str(r#"<div class="two-col"><section><h2>Partners</h2>"#);
        if detail.partners.is_empty() {
            out.push_str(r#"<p class="hint">No events.</p>"#);
        } else {
            out.push_str(r#"<table id="partners"><thead><tr><th>source → target</th><th class="num">events</th><th class="num">mean Goldstein</th><th>last</th></tr></thead><tbody>"#);
            for d in &detail.partners {
                let _ = write!(
                    out,
                    r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
                    dyad_link(&d.source, &d.target, "→"),
                    num(d.events),
                    signed(d.goldstein_mean, 2),
                    esc(d.last.as_deref().unwrap_or(""))
                );
            }
            out.push_str("</tbody></table>");
        }
        out.push_str(r#"</section><section><h2>Stances by issue</h2>"#);
        if detail.issues.is_empty() {
            out.push_str(r#"<p class="hint">No stances.</p>"#);
        } else {
            out.push_str(r#"<table id="issues"><thead><tr><th>issue</th><th class="num">for</th><th class="num">against</th><th class="num">conditional</th><th>first</th><th>last</th></tr></thead><tbody>"#);
            for i in &detail.issues {
                let _ = write!(
                    out,
                    r#"<tr><td><a href="/api/stances?actor={}&amp;issue={}">{}</a><div class="small">{}</div></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td></tr>"#,
                    url(&code),
                    url(&i.issue),
                    esc(&i.issue),
                    esc(&i.issue_text),
                    i.for_,
                    i.against,
                    i.conditional,
                    esc(i.first.as_deref().unwrap_or("")),
                    esc(i.last.as_deref().unwrap_or(""))
                );
            }
            out.push_str("</tbody></table>");
        }
        out.push_str("</section></div>");
        out.push_str(&evidence_panel(None));
        out.push_str(r#"<div class="two-col"><section>"#);
        out.push_str(&event_list("Latest as source", &as_source, None));
        out.push_str("</section><section>");
        out.push_str(&event_list("Latest as target", &as_target, None));
        out.push_str("</section></div>");
        if !stances.is_empty() {
            out.push_str(r#"<h2>Latest stances</h2><ol class="stance-list">"#);
            for st in &stances {
                out.push_str(&stance_item(st));
            }
            out.push_str("</ol>");
        }
        out.push_str(&charts_json(&charts));
        Ok(layout(&code, db, &out))
    })
    .await
}

fn net_cell(net: Option<f32>, who: &str) -> String {
    match net {
        Some(x) => {
            let class = if x > 0.25 {
                "pos-for"
            } else if x < -0.25 {
                "pos-against"
            } else {
                "pos-mixed"
            };
            format!(
                r#"<span class="net {class}" title="{who}">{}{}</span>"#,
                if x > 0.0 { "+" } else { "" },
                signed(x as f64, 2)
            )
        }
        None => format!(r#"<span class="net silent" title="{who}: silent">·</span>"#),
    }
}

fn divergence_body(
    a: &str,
    b: &str,
    all: &DivergenceReport,
    monthly: &DivergenceReport,
    stances: &BTreeMap<i64, StoredStance>,
) -> String {
    let mut out = format!(
        r#"<h1>{} and {}: where they stand</h1><p class="sub">Positions on each issue from the stances in this store: +1 for, −1 against, +½ conditional, weighted by strength and modality. Divergence is how often and how strongly their stances on an issue oppose (0 never … 1 always). <a href="/dyad/{}/{}">Their events</a> · <a href="/api/divergence?a={}&amp;b={}&amp;by=month">JSON</a></p>"#,
        actor_link(a),
        actor_link(b),
        url(a),
        url(b),
        url(a),
        url(b)
    );
    let total = all.periods.first();
    out.push_str(&cards(&[
        (
            "n-a-stances",
            num(all.a_stances as u64),
            &format!("stances of {a}"),
        ),
        (
            "n-b-stances",
            num(all.b_stances as u64),
            &format!("stances of {b}"),
        ),
        (
            "n-shared",
            num(total.map_or(0, |p| p.shared) as u64),
            "issues both address",
        ),
        (
            "n-split",
            num(total.map_or(0, |p| p.split) as u64),
            "split issues",
        ),
        (
            "score",
            format!("{:.2}", total.map_or(0.0, |p| p.score)),
            "divergence",
        ),
    ]));
    if all.truncated {
        out.push_str(
            r#"<p class="hint">Only the newest 5,000 stances of each side are compared.</p>"#,
        );
    }
    let Some(total) = total else {
        out.push_str(r#"<p class="empty" id="no-stances">Neither has stances in this store. Codes match as prefixes; see the actors with stances on <a href="/divergence">the divergence page</a>.</p>"#);
        return out;
    };
    let months: Vec<&str> = monthly.periods.iter().map(|p| p.period.as_str()).collect();
    let mut charts = Vec::new();
    let dated: Vec<&crate::api::PeriodReport> = monthly
        .periods
        .iter()
        .filter(|p| period_ts(Period::Month, &p.period).is_some())
        .collect();
    // A chart only when some month has issues both addressed: otherwise it has no points.
    if dated.iter().any(|p| p.shared > 0) {
        charts.push(Chart {
            id: "chart-divergence".into(),
            x: dated
                .iter()
                .filter_map(|p| period_ts(Period::Month, &p.period))
                .collect(),
            periods: dated.iter().map(|p| p.period.clone()).collect(),
            series: vec![Series {
                label: "divergence (issues both address)".into(),
                color: "#b2182b".into(),
                values: dated
                    .iter()
                    .map(|p| (p.shared > 0).then_some(p.score as f64))
                    .collect(),
            }],
            y_label: "divergence".into(),
            y_range: Some([0.0, 1.0]),
            click: None,
            x_pad: half_period(Period::Month),
        });
        out.push_str(&chart_div(
            "chart-divergence",
            "Divergence per month over the issues both address",
        ));
    }
    // Positions by issue over time: one row per issue, one column per month.
    let _ = write!(
        out,
        r#"<h2>Positions by issue over time</h2><p class="legend">each cell: {} / {}; <span class="net pos-for">for</span> <span class="net pos-against">against</span> <span class="net pos-mixed">mixed</span> <span class="net silent">·</span> silent</p><div class="scroll"><table id="positions"><thead><tr><th>issue</th><th class="num">divergence</th>"#,
        esc(a),
        esc(b)
    );
    for m in &months {
        let _ = write!(out, "<th>{}</th>", esc(m));
    }
    out.push_str("</tr></thead><tbody>");
    let cell: BTreeMap<(&str, &str), &crate::api::IssueReport> = monthly
        .periods
        .iter()
        .flat_map(|p| {
            p.issues
                .iter()
                .map(move |i| ((p.period.as_str(), i.issue.as_str()), i))
        })
        .collect();
    for issue in &total.issues {
        let _ = write!(
            out,
            r##"<tr class="{}"><td><a href="#issue-{}">{}</a>{}</td><td class="num">{}</td>"##,
            if issue.split { "split" } else { "" },
            esc(&url(&issue.issue)),
            esc(&issue.issue),
            if issue.split {
                r#" <span class="badge">split</span>"#
            } else {
                ""
            },
            if issue.shared {
                format!("{:.2}", issue.divergence)
            } else {
                "–".into()
            }
        );
        for m in &months {
            match cell.get(&(*m, issue.issue.as_str())) {
                Some(i) => {
                    let _ = write!(
                        out,
                        "<td>{}{}</td>",
                        net_cell(i.a_net, a),
                        net_cell(i.b_net, b)
                    );
                }
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div><h2>The stances behind each issue</h2>");
    for issue in &total.issues {
        let _ = write!(
            out,
            r#"<details id="issue-{}" class="issue"{}><summary><b>{}</b> · {} {} · {} {} · divergence {} · agreement {}</summary><div class="two-col">"#,
            esc(&url(&issue.issue)),
            if issue.split { " open" } else { "" },
            esc(&issue.issue),
            esc(a),
            net_cell(issue.a_net, a),
            esc(b),
            net_cell(issue.b_net, b),
            if issue.shared {
                format!("{:.2}", issue.divergence)
            } else {
                "–".into()
            },
            if issue.shared {
                format!("{:.2}", issue.agreement)
            } else {
                "–".into()
            },
        );
        for (who, side) in [(a, &issue.a), (b, &issue.b)] {
            let _ = write!(out, "<section><h3>{}</h3>", esc(who));
            if side.is_empty() {
                out.push_str(r#"<p class="hint">silent</p>"#);
            } else {
                out.push_str(r#"<ol class="stance-list">"#);
                for st in side {
                    if let Some(full) = stances.get(&st.id) {
                        out.push_str(&stance_item(full));
                    }
                }
                out.push_str("</ol>");
            }
            out.push_str("</section>");
        }
        out.push_str("</div></details>");
    }
    out.push_str(&charts_json(&charts));
    out
}

pub async fn divergence(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(raw.as_deref(), &["a", "b", "since", "until"])?;
    let a = p.code("a")?;
    let b = p.code("b")?;
    let (since, until) = p.date_range()?;
    let key = format!("page:/divergence?{}", p.canonical());
    render(&state, key, move |s, db| {
        let form = format!(
            r#"<form class="inline" action="/divergence" method="get"><label>Actor <input name="a" value="{}" size="8" required pattern="[A-Za-z0-9]+"></label> <label>and <input name="b" value="{}" size="8" required pattern="[A-Za-z0-9]+"></label> <button>Compare</button></form>"#,
            esc(a.as_deref().unwrap_or("")),
            esc(b.as_deref().unwrap_or(""))
        );
        let (Some(a), Some(b)) = (a, b) else {
            let mut out = format!("<h1>Divergence</h1><p class=\"sub\">Two actors' positions issue by issue, month by month.</p>{form}");
            let actors = s.stance_actors(30)?;
            if actors.is_empty() {
                out.push_str(r#"<p class="empty">No stances in this store yet: <code>dyad ingest</code> stores the stances it finds with the events.</p>"#);
            } else {
                out.push_str(r#"<h2>Actors with stances</h2><ul class="chips" id="stance-actors">"#);
                for (code, n) in &actors {
                    let _ = write!(out, "<li>{} <span class=\"small\">{}</span></li>", actor_link(code), num(*n));
                }
                out.push_str("</ul>");
            }
            return Ok(layout("Divergence", db, &out));
        };
        let all = divergence_report(s, &a, &b, DivergencePeriod::All, since, until)?;
        let monthly = divergence_report(s, &a, &b, DivergencePeriod::Month, since, until)?;
        // Full stance rows (titles, URLs) by id, for the evidence lists.
        let mut stances = BTreeMap::new();
        for actor in [&a, &b] {
            for st in s.stored_stances(&StanceQuery {
                actor: Some(actor.clone()),
                since,
                until,
                limit: api::MAX_DIVERGENCE_STANCES,
                ..Default::default()
            })? {
                stances.insert(st.id, st);
            }
        }
        let body = format!("{form}{}", divergence_body(&a, &b, &all, &monthly, &stances));
        Ok(layout(&format!("{a} and {b}"), db, &body))
    })
    .await
}

pub async fn event(
    State(state): State<Shared>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = api::event_id(&id)?;
    render(&state, format!("page:/event/{id}"), move |s, db| {
        let detail = s.event(id)?.ok_or_else(|| ApiError::NotFound(format!("no event {id}")))?;
        let e = &detail.event;
        let q = (e.quad as usize).wrapping_sub(1);
        let mut out = format!(
            r#"<h1>Event {id}</h1><p class="sub">{} → {} · <span class="code">{}</span> {} · <span class="quad q{}">{}</span> · Goldstein <b>{}</b> · {} · {} · {} reports in {} articles from {} sources · <a href="/dyad/{}/{}">this dyad</a> · <a href="/api/events/{id}">JSON</a></p>"#,
            actor_link(&e.source),
            actor_link(&e.target),
            esc(&e.code),
            esc(&e.name),
            e.quad,
            QUAD_NAMES.get(q).copied().unwrap_or("?"),
            signed(e.goldstein, 1),
            esc(&e.modality),
            esc(e.date.as_deref().unwrap_or("undated")),
            e.num_mentions,
            e.num_articles,
            e.num_sources,
            url(&e.source),
            url(&e.target),
        );
        out.push_str(r#"<h2>Reports</h2><p class="legend"><mark class="source">source</mark> <mark class="trigger">verb</mark> <mark class="target">target</mark></p><ol class="evidence-list" id="reports">"#);
        for r in &detail.reports {
            // Reports carry the marked words, not their offsets: mark their first occurrence.
            let find = |needle: &Option<String>, class: &'static str| -> Option<Mark<'static>> {
                let n = needle.as_deref().filter(|n| !n.is_empty())?;
                let at = r.evidence.find(n)?;
                Some(([at, at + n.len()], class))
            };
            let marks: Vec<Mark<'_>> = [
                find(&r.source_text, "source"),
                find(&r.target_text, "target"),
                find(&Some(r.trigger.clone()), "trigger"),
            ]
            .into_iter()
            .flatten()
            .collect();
            let _ = write!(
                out,
                r#"<li class="event"><div class="meta"><time>{}</time> · <span class="code">{}</span> · {} · sentence {}</div><blockquote class="sentence">{}</blockquote><div class="src">{}{}{}</div></li>"#,
                esc(r.date.as_deref().or(r.published.as_deref()).unwrap_or("undated")),
                esc(&r.code),
                esc(&r.modality),
                r.sentence,
                marked(&r.evidence, &marks),
                esc(r.title.as_deref().unwrap_or(&r.input)),
                r.site.as_deref().map(|s| format!(" · {}", esc(s))).unwrap_or_default(),
                source_link(r.url.as_deref()),
            );
        }
        out.push_str("</ol>");
        Ok(layout(&format!("Event {id}"), db, &out))
    })
    .await
}

pub async fn search(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let p = Params::parse(raw.as_deref(), &["q", "limit", "offset"])?;
    let q = p.text("q")?;
    let (limit, offset) = p.page()?;
    let key = format!("page:/search?{}", p.canonical());
    render(&state, key, move |s, db| {
        let mut out = format!(
            r#"<h1>Search</h1><form class="inline" action="/search" method="get"><input type="search" name="q" value="{}" size="40" aria-label="Words"> <button>Search</button></form>"#,
            esc(q.as_deref().unwrap_or(""))
        );
        let Some(q) = q.filter(|q| q.chars().any(char::is_alphanumeric)) else {
            out.push_str(r#"<p class="hint">Words to look for in the sentences that events and stances were coded from (all of them must occur).</p>"#);
            return Ok(layout("Search", db, &out));
        };
        let hits = s.search_sentences(&q, limit + 1, offset)?;
        let listed = api::page(hits, limit, offset, "/search", &p);
        let _ = write!(out, r#"<p id="hits">{} sentences{}</p><ol class="evidence-list">"#, listed.items.len(), if listed.next.is_some() { " on this page" } else { "" });
        for h in &listed.items {
            let marks: Vec<Mark<'_>> = h.matches.iter().map(|m| (*m, "match")).collect();
            let events: Vec<String> = h
                .events
                .iter()
                .map(|id| format!(r#"<a href="/event/{id}">event {id}</a>"#))
                .collect();
            let _ = write!(
                out,
                r#"<li><blockquote class="sentence">{}</blockquote><div class="src">{} · {}{} · {}</div></li>"#,
                marked(&h.text, &marks),
                esc(h.title.as_deref().unwrap_or(&h.input)),
                esc(h.published.as_deref().unwrap_or("undated")),
                source_link(h.url.as_deref()),
                if events.is_empty() { "stance evidence".to_string() } else { events.join(", ") }
            );
        }
        out.push_str("</ol>");
        if let Some(next) = &listed.next {
            let _ = write!(out, r#"<p class="more"><a href="{}">Next page</a></p>"#, esc(next));
        }
        Ok(layout("Search", db, &out))
    })
    .await
}

/// Unknown paths: JSON under `/api/`, a page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") {
        return api::not_found(path);
    }
    let body = format!(
        r#"<h1>404</h1><p class="error">Nothing at <code>{}</code>.</p><p><a href="/">Back to the overview</a></p>"#,
        esc(path)
    );
    (
        StatusCode::NOT_FOUND,
        html_response(Bytes::from(layout("Not found", "the store", &body))),
    )
        .into_response()
}
