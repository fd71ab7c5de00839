//! The JSON API: every endpoint is a GET, answers `application/json`, checks its parameters
//! ([`Params`]) and pages long lists (`limit`, `offset`, and a `next` link while there is
//! more). `openapi.rs` documents each of them; a test checks that the two agree.

use crate::error::ApiError;
use crate::params::{actor_code, period_name, Params};
use crate::Shared;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use dyad_model::{CameoCode, Modality, Position, Stance};
use dyad_stance::{DivergenceOptions, Period as DivergencePeriod};
use dyad_store::read_api::{ActorQuery, EventQuery, StanceQuery, StoredStance};
use dyad_store::{DyadQuery, EventStore, Period, Role, SeriesQuery, SeriesTable, SqliteStore};
use serde::Serialize;
use std::collections::HashMap;

/// Stances read per side for a divergence report; more are left out and the report says so.
pub const MAX_DIVERGENCE_STANCES: usize = 5_000;

/// A page of a list.
#[derive(Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub limit: usize,
    pub offset: usize,
    /// The next page's URL, while there may be more.
    pub next: Option<String>,
}

/// Makes a page from up to `limit + 1` items: the extra one only says there is more.
pub fn page<T>(
    mut items: Vec<T>,
    limit: usize,
    offset: usize,
    path: &str,
    params: &Params,
) -> Page<T> {
    let more = items.len() > limit;
    items.truncate(limit);
    let next_offset = offset + limit;
    let next = (more && next_offset <= crate::params::MAX_OFFSET)
        .then(|| format!("{path}?{}", params.with("offset", &next_offset.to_string())));
    Page {
        items,
        limit,
        offset,
        next,
    }
}

fn json_response(body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Answers from the cache, or runs `f` on a store connection, serialises its value there and
/// caches it for this generation of the store.
async fn answer<T, F>(state: &Shared, key: String, f: F) -> Result<Response, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
{
    answer_json(state, key, move |store| {
        let value = f(store)?;
        serde_json::to_vec(&value).map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await
}

/// As [`answer`], for `f` that writes its JSON itself.
async fn answer_json<F>(state: &Shared, key: String, f: F) -> Result<Response, ApiError>
where
    F: FnOnce(&SqliteStore) -> Result<Vec<u8>, ApiError> + Send + 'static,
{
    let generation = state.pool.generation();
    if let Some(body) = state.cache.get(&key, generation) {
        return Ok(json_response(body));
    }
    let body = state.pool.run(f).await?;
    let body = Bytes::from(body);
    state.cache.put(key, generation, body.clone());
    Ok(json_response(body))
}

pub async fn health(State(state): State<Shared>) -> Response {
    let exists = state.pool.path().exists();
    axum::Json(serde_json::json!({
        "status": "ok",
        "store": state.pool.path().display().to_string(),
        "store_exists": exists,
    }))
    .into_response()
}

pub async fn summary(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    answer(&state, "summary".into(), |s| Ok(s.summary()?)).await
}

pub async fn volume(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["by", "since", "until"])?;
    let by = p.period(Period::Month)?;
    let (since, until) = p.date_range()?;
    let key = format!("volume?{}", p.canonical());
    answer(&state, key, move |s| {
        Ok(VolumeAnswer {
            by: period_name(by),
            rows: s.volume(by, since, until)?,
        })
    })
    .await
}

pub async fn classes(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["limit"])?;
    let limit = p.int("limit", 1, 20)?.unwrap_or(20) as usize;
    let key = format!("classes?{}", p.canonical());
    answer(&state, key, move |s| Ok(s.event_classes(limit)?)).await
}

/// The parameters of `/api/events` (and of the dashboard's event lists).
pub const EVENT_PARAMS: &[&str] = &[
    "actor", "partner", "role", "code", "root", "quad", "modality", "since", "until", "text",
    "limit", "offset",
];

const MODALITIES: &[(&str, Modality)] = &[
    ("asserted", Modality::Asserted),
    ("negated", Modality::Negated),
    ("intended", Modality::Intended),
    ("hypothetical", Modality::Hypothetical),
    ("reported", Modality::Reported),
];

const ROLES: &[(&str, Role)] = &[
    ("source", Role::Source),
    ("target", Role::Target),
    ("either", Role::Either),
];

/// An [`EventQuery`] from checked parameters (limit and offset left to the caller).
pub fn event_query(p: &Params) -> Result<EventQuery, ApiError> {
    let actor = p.code("actor")?;
    let partner = p.code("partner")?;
    if partner.is_some() && actor.is_none() {
        return Err(ApiError::bad(
            "partner",
            "needs actor (the other side of the dyad)",
        ));
    }
    let code = match p.get("code") {
        Some(c) => Some(
            CameoCode::parse(c)
                .ok_or_else(|| ApiError::bad("code", format!("'{c}' is not a CAMEO event code")))?
                .as_str()
                .to_string(),
        ),
        None => None,
    };
    let root = match p.get("root") {
        Some(r) => {
            let r = if r.len() == 1 {
                format!("0{r}")
            } else {
                r.to_string()
            };
            if r.len() != 2 || CameoCode::parse(&r).is_none() {
                return Err(ApiError::bad(
                    "root",
                    format!("'{r}' is not a CAMEO root (01..20)"),
                ));
            }
            Some(r)
        }
        None => None,
    };
    let (since, until) = p.date_range()?;
    let text = p.text("text")?;
    if let Some(t) = &text {
        if !t.chars().any(char::is_alphanumeric) {
            return Err(ApiError::bad("text", "has no words to search"));
        }
    }
    Ok(EventQuery {
        actor,
        role: p.choice("role", ROLES)?.unwrap_or(Role::Either),
        partner,
        code,
        root,
        quad: p.int("quad", 1, 4)?.map(|q| q as u8),
        modality: p.choice("modality", MODALITIES)?,
        since,
        until,
        text,
        took_place: false,
        limit: 0,
        offset: 0,
    })
}

pub async fn events(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), EVENT_PARAMS)?;
    let mut query = event_query(&p)?;
    let (limit, offset) = p.page()?;
    query.limit = limit + 1;
    query.offset = offset;
    let key = format!("events?{}", p.canonical());
    answer(&state, key, move |s| {
        let items = s.evidence_events(&query)?;
        Ok(page(items, limit, offset, "/api/events", &p))
    })
    .await
}

/// An event id from a path segment.
pub fn event_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().ok().filter(|&id| id > 0).ok_or_else(|| {
        ApiError::bad(
            "id",
            format!("'{raw}' is not an event id (a positive integer)"),
        )
    })
}

pub async fn event(
    State(state): State<Shared>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = event_id(&id)?;
    answer(&state, format!("event/{id}"), move |s| {
        s.event(id)?
            .ok_or_else(|| ApiError::NotFound(format!("no event {id}")))
    })
    .await
}

/// Both sides of a dyad, required.
fn pair(p: &Params) -> Result<(String, String), ApiError> {
    let a = p
        .code("a")?
        .ok_or_else(|| ApiError::bad("a", "missing (an actor code or prefix)"))?;
    let b = p
        .code("b")?
        .ok_or_else(|| ApiError::bad("b", "missing (an actor code or prefix)"))?;
    Ok((a, b))
}

pub async fn series(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["a", "b", "by", "since", "until"])?;
    let (a, b) = pair(&p)?;
    let by = p.period(Period::Week)?;
    let (since, until) = p.date_range()?;
    let key = format!("series?{}", p.canonical());
    answer_json(&state, key, move |s| {
        let table = s.series_table(&SeriesQuery {
            a,
            b,
            by,
            since,
            until,
        })?;
        series_json(&table)
    })
    .await
}

/// `/api/series` as JSON: `{"a", "b", "by", "rows": [SeriesRow...]}`, the same bytes as
/// serde_json writes for [`SeriesAnswer`], written straight from the compact table. An answer
/// is hundreds of rows whose codes are the same two strings, so those parts of each row are
/// escaped once, not per row, and no row is allocated.
fn series_json(table: &SeriesTable) -> Result<Vec<u8>, ApiError> {
    let json = |v: &str| serde_json::to_vec(v).map_err(|e| ApiError::Internal(e.to_string()));
    let (a, b) = (json(&table.a)?, json(&table.b)?);
    let by = json(period_name(table.by))?;
    // What follows a row's period label, per direction.
    let middle = |source: &[u8], target: &[u8]| {
        let mut m = b"\",\"source\":".to_vec();
        m.extend_from_slice(source);
        m.extend_from_slice(b",\"target\":");
        m.extend_from_slice(target);
        m.extend_from_slice(b",\"verbal_cooperation\":");
        m
    };
    let middles = [middle(&a, &b), middle(&b, &a)];
    // About 200 bytes a row: one allocation for the whole answer.
    let mut out = Vec::with_capacity(64 + table.rows.len() * 224);
    out.extend_from_slice(b"{\"a\":");
    out.extend_from_slice(&a);
    out.extend_from_slice(b",\"b\":");
    out.extend_from_slice(&b);
    out.extend_from_slice(b",\"by\":");
    out.extend_from_slice(&by);
    out.extend_from_slice(b",\"rows\":[");
    for (i, row) in table.rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"period\":\"");
        // A label is digits and dashes (a sign for years beyond 9999): nothing to escape.
        table.write_label(row, &mut out);
        out.extend_from_slice(&middles[usize::from(row.direction != 0)]);
        push_u64(&mut out, row.quads[0]);
        out.extend_from_slice(b",\"material_cooperation\":");
        push_u64(&mut out, row.quads[1]);
        out.extend_from_slice(b",\"verbal_conflict\":");
        push_u64(&mut out, row.quads[2]);
        out.extend_from_slice(b",\"material_conflict\":");
        push_u64(&mut out, row.quads[3]);
        out.extend_from_slice(b",\"events\":");
        push_u64(&mut out, row.events);
        out.extend_from_slice(b",\"mentions\":");
        push_u64(&mut out, row.mentions);
        out.extend_from_slice(b",\"goldstein_mean\":");
        // serde_json's own float formatting (and `null` for a non-finite mean), so the
        // digits are those every other answer has.
        serde_json::to_writer(&mut out, &row.goldstein_mean())
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
    Ok(out)
}

/// Appends `n` in decimal.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// `/api/series` as serde_json writes it: the shape [`series_json`] reproduces (a test
/// compares the two) and the OpenAPI document describes.
#[cfg(test)]
#[derive(Serialize)]
struct SeriesAnswer {
    a: String,
    b: String,
    by: &'static str,
    rows: Vec<dyad_store::SeriesRow>,
}

#[derive(Serialize)]
struct VolumeAnswer {
    by: &'static str,
    rows: Vec<dyad_store::read_api::VolumeRow>,
}

pub async fn dyads(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(
        raw.as_deref(),
        &["actor", "since", "until", "limit", "offset"],
    )?;
    let actor = p.code("actor")?;
    let (since, until) = p.date_range()?;
    let (limit, offset) = p.page()?;
    let key = format!("dyads?{}", p.canonical());
    answer(&state, key, move |s| {
        // The store ranks pairs but does not skip: ask for the pages before too.
        let rows = s.dyads(&DyadQuery {
            limit: offset + limit + 1,
            since,
            until,
            actor,
        })?;
        let rows: Vec<_> = rows.into_iter().skip(offset).collect();
        Ok(page(rows, limit, offset, "/api/dyads", &p))
    })
    .await
}

pub async fn actors(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["prefix", "limit", "offset"])?;
    let prefix = p.code("prefix")?;
    let (limit, offset) = p.page()?;
    let key = format!("actors?{}", p.canonical());
    answer(&state, key, move |s| {
        let rows = s.actors(&ActorQuery {
            prefix,
            limit: limit + 1,
            offset,
        })?;
        Ok(page(rows, limit, offset, "/api/actors", &p))
    })
    .await
}

/// An actor (code or prefix) at a glance.
#[derive(Serialize)]
pub struct ActorDetail {
    pub code: String,
    pub as_source: u64,
    pub as_target: u64,
    /// The codes the prefix covers, busiest first (at most 50).
    pub codes: Vec<dyad_store::read_api::ActorRow>,
    /// Events per month as source and as target.
    pub volume: Vec<dyad_store::read_api::ActorVolumeRow>,
    /// The busiest pairs it is part of (at most 20).
    pub partners: Vec<dyad_store::DyadRow>,
    /// Its stances per issue.
    pub issues: Vec<dyad_store::read_api::IssueSummary>,
}

/// Reads an actor's overview; `None` when the store knows nothing of it.
pub fn actor_detail(s: &SqliteStore, code: &str) -> Result<Option<ActorDetail>, ApiError> {
    let all = s.actors(&ActorQuery {
        prefix: Some(code.to_string()),
        limit: usize::MAX >> 1,
        offset: 0,
    })?;
    let as_source = all.iter().map(|r| r.as_source).sum();
    let as_target = all.iter().map(|r| r.as_target).sum();
    let issues = s.stance_issues(code, None, None)?;
    if all.is_empty() && issues.is_empty() {
        return Ok(None);
    }
    Ok(Some(ActorDetail {
        code: code.to_string(),
        as_source,
        as_target,
        codes: all.into_iter().take(50).collect(),
        volume: s.actor_volume(code, Period::Month)?,
        partners: s.dyads(&DyadQuery {
            limit: 20,
            since: None,
            until: None,
            actor: Some(code.to_string()),
        })?,
        issues,
    }))
}

pub async fn actor(
    State(state): State<Shared>,
    Path(code): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let code = actor_code("code", &code)?;
    answer(&state, format!("actor/{code}"), move |s| {
        actor_detail(s, &code)?
            .ok_or_else(|| ApiError::NotFound(format!("no events or stances of {code}")))
    })
    .await
}

const POSITIONS: &[(&str, Position)] = &[
    ("for", Position::For),
    ("against", Position::Against),
    ("conditional", Position::Conditional),
];

pub async fn stances(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(
        raw.as_deref(),
        &[
            "actor", "issue", "position", "since", "until", "limit", "offset",
        ],
    )?;
    let (since, until) = p.date_range()?;
    let (limit, offset) = p.page()?;
    let query = StanceQuery {
        actor: p.code("actor")?,
        issue: p.text("issue")?,
        position: p.choice("position", POSITIONS)?,
        since,
        until,
        limit: limit + 1,
        offset,
    };
    let key = format!("stances?{}", p.canonical());
    answer(&state, key, move |s| {
        Ok(page(
            s.stored_stances(&query)?,
            limit,
            offset,
            "/api/stances",
            &p,
        ))
    })
    .await
}

/// A stance in a divergence report, with its evidence.
#[derive(Clone, Serialize)]
pub struct StanceEvidence {
    pub id: i64,
    pub actor: String,
    pub position: String,
    pub strength: f64,
    pub modality: String,
    pub date: Option<String>,
    pub issue_text: String,
    pub article_id: String,
    pub input: String,
    pub evidence: String,
    pub actor_span: Option<[usize; 2]>,
    pub cue_span: Option<[usize; 2]>,
}

impl From<&StoredStance> for StanceEvidence {
    fn from(s: &StoredStance) -> Self {
        StanceEvidence {
            id: s.id,
            actor: s.actor.clone(),
            position: s.position.clone(),
            strength: s.strength,
            modality: s.modality.clone(),
            date: s.date.clone(),
            issue_text: s.issue_text.clone(),
            article_id: s.article_id.clone(),
            input: s.input.clone(),
            evidence: s.evidence.clone(),
            actor_span: s.actor_span,
            cue_span: s.cue_span,
        }
    }
}

/// One issue of one period of a divergence report.
#[derive(Clone, Serialize)]
pub struct IssueReport {
    pub issue: String,
    /// Weighted mean position (−1 against … +1 for); `None` when the side said nothing.
    pub a_net: Option<f32>,
    pub b_net: Option<f32>,
    pub divergence: f32,
    pub agreement: f32,
    pub opposing_pairs: usize,
    pub pairs: usize,
    pub shared: bool,
    pub split: bool,
    pub a: Vec<StanceEvidence>,
    pub b: Vec<StanceEvidence>,
}

#[derive(Clone, Serialize)]
pub struct PeriodReport {
    pub period: String,
    pub score: f32,
    pub shared: usize,
    pub split: usize,
    pub issues: Vec<IssueReport>,
}

#[derive(Clone, Serialize)]
pub struct DivergenceReport {
    pub a: String,
    pub b: String,
    pub by: &'static str,
    pub a_stances: usize,
    pub b_stances: usize,
    /// A side had more than [`MAX_DIVERGENCE_STANCES`] stances; the newest were used.
    pub truncated: bool,
    pub periods: Vec<PeriodReport>,
}

/// Two actors' positions issue by issue, scored by `dyad-stance`'s divergence over the
/// stances in the store.
pub fn divergence_report(
    s: &SqliteStore,
    a: &str,
    b: &str,
    by: DivergencePeriod,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<DivergenceReport, ApiError> {
    let read = |actor: &str| {
        s.stored_stances(&StanceQuery {
            actor: Some(actor.to_string()),
            since,
            until,
            limit: MAX_DIVERGENCE_STANCES + 1,
            ..Default::default()
        })
    };
    let (mut sa, mut sb) = (read(a)?, read(b)?);
    let truncated = sa.len() > MAX_DIVERGENCE_STANCES || sb.len() > MAX_DIVERGENCE_STANCES;
    sa.truncate(MAX_DIVERGENCE_STANCES);
    sb.truncate(MAX_DIVERGENCE_STANCES);
    // The scorer clones stances; their evidence is found again by what identifies a stance.
    type Key = (String, usize, String, String, usize);
    let key = |s: &Stance| -> Key {
        (
            s.article.0.clone(),
            s.sentence,
            s.actor.code.clone(),
            s.issue.clone(),
            s.cue.start,
        )
    };
    let mut evidence: HashMap<Key, StanceEvidence> = HashMap::new();
    let mut model = |stored: &[StoredStance]| -> Vec<Stance> {
        stored
            .iter()
            .filter_map(|st| {
                let m = st.to_stance()?;
                evidence.insert(key(&m), StanceEvidence::from(st));
                Some(m)
            })
            .collect()
    };
    let (ma, mb) = (model(&sa), model(&sb));
    let report = dyad_stance::divergence(&ma, &mb, &DivergenceOptions { since, until, by });
    let side = |stances: &[Stance]| -> Vec<StanceEvidence> {
        stances
            .iter()
            .filter_map(|s| evidence.get(&key(s)).cloned())
            .collect()
    };
    let periods = report
        .iter()
        .map(|p| PeriodReport {
            period: p.period.clone(),
            score: p.score,
            shared: p.shared,
            split: p.split,
            issues: p
                .issues
                .iter()
                .map(|i| IssueReport {
                    issue: i.issue.clone(),
                    a_net: i.a_net,
                    b_net: i.b_net,
                    divergence: i.divergence,
                    agreement: i.agreement,
                    opposing_pairs: i.opposing_pairs,
                    pairs: i.pairs,
                    shared: i.shared(),
                    split: i.split(),
                    a: side(&i.a),
                    b: side(&i.b),
                })
                .collect(),
        })
        .collect();
    Ok(DivergenceReport {
        a: a.to_string(),
        b: b.to_string(),
        by: match by {
            DivergencePeriod::All => "all",
            DivergencePeriod::Month => "month",
        },
        a_stances: ma.len(),
        b_stances: mb.len(),
        truncated,
        periods,
    })
}

pub const DIVERGENCE_BY: &[(&str, DivergencePeriod)] = &[
    ("all", DivergencePeriod::All),
    ("month", DivergencePeriod::Month),
];

pub async fn divergence(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["a", "b", "by", "since", "until"])?;
    let (a, b) = pair(&p)?;
    let by = p
        .choice("by", DIVERGENCE_BY)?
        .unwrap_or(DivergencePeriod::All);
    let (since, until) = p.date_range()?;
    let key = format!("divergence?{}", p.canonical());
    answer(&state, key, move |s| {
        divergence_report(s, &a, &b, by, since, until)
    })
    .await
}

pub async fn search(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["q", "limit", "offset"])?;
    let q = p
        .text("q")?
        .ok_or_else(|| ApiError::bad("q", "missing (words to search for)"))?;
    if !q.chars().any(char::is_alphanumeric) {
        return Err(ApiError::bad("q", "has no words to search"));
    }
    let (limit, offset) = p.page()?;
    let key = format!("search?{}", p.canonical());
    answer(&state, key, move |s| {
        let hits = s.search_sentences(&q, limit + 1, offset)?;
        Ok(page(hits, limit, offset, "/api/search", &p))
    })
    .await
}

/// 404 for unknown API paths, as JSON.
pub fn not_found(path: &str) -> Response {
    let e = ApiError::NotFound(format!("no such endpoint: {path} (see /openapi.json)"));
    (StatusCode::NOT_FOUND, axum::Json(e.body())).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_store::PeriodTotals;

    fn serde_bytes(table: &SeriesTable) -> Vec<u8> {
        serde_json::to_vec(&SeriesAnswer {
            a: table.a.clone(),
            b: table.b.clone(),
            by: period_name(table.by),
            rows: table.clone().into_rows(),
        })
        .expect("serde_json")
    }

    #[test]
    fn series_json_is_what_serde_json_writes() {
        let mut generator = dyad_store::synth::Generator::new(3, 5);
        let docs: Vec<_> = (0..300).map(|_| generator.next_doc()).collect();
        let documents: Vec<_> = docs.iter().map(|d| d.document()).collect();
        let mut store = SqliteStore::open_in_memory().expect("store");
        store.write(&documents).expect("write");
        let mut rows = 0;
        for (a, b) in [
            ("USA", "RUS"),
            ("CHN", "USAGOV"),
            ("U", "R"),
            ("USA", "XYZ"),
        ] {
            for by in [Period::Day, Period::Week, Period::Month] {
                let table = store
                    .series_table(&SeriesQuery {
                        a: a.into(),
                        b: b.into(),
                        by,
                        since: None,
                        until: None,
                    })
                    .expect("series");
                rows += table.rows.len();
                let ours = series_json(&table).expect("json");
                assert_eq!(
                    String::from_utf8(ours).expect("utf-8"),
                    String::from_utf8(serde_bytes(&table)).expect("utf-8"),
                    "{a} {b} {by:?}"
                );
            }
        }
        assert!(rows > 20, "{rows}");
    }

    #[test]
    fn series_json_writes_odd_years_and_means_as_serde_json_does() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let row = |start, direction, events, goldstein_sum| PeriodTotals {
            start,
            direction,
            quads: [events, 0, 0, u64::MAX],
            events,
            mentions: 12_345_678_901,
            goldstein_sum,
        };
        for by in [Period::Day, Period::Week, Period::Month] {
            let table = SeriesTable {
                a: "ISR".into(),
                b: "PSE".into(),
                by,
                rows: vec![
                    row(day(-5, 3, 1), 0, 3, -1.0 / 3.0),
                    row(day(7, 1, 1), 1, 0, 0.0),
                    row(day(2016, 1, 4), 0, 1, f64::NAN),
                    row(day(2016, 1, 4), 1, 7, 1e300),
                    row(day(12_000, 12, 1), 0, 2, -0.1),
                ],
            };
            assert_eq!(
                String::from_utf8(series_json(&table).expect("json")).expect("utf-8"),
                String::from_utf8(serde_bytes(&table)).expect("utf-8"),
                "{by:?}"
            );
        }
    }
}
