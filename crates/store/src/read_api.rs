//! Read-only queries for browsing a store: what `dyad serve` (crates/server) shows on its
//! dashboard and serves as JSON, beside the [`EventStore`](crate::EventStore) queries.
//!
//! Everything here reads; nothing writes. Lists take a `limit` and an `offset` so callers can
//! page through them, and every value that comes from a caller is a bound parameter: the SQL
//! formatted in is fixed text chosen here.
//!
//! Actor arguments are codes or prefixes (`ISR` covers `ISRGOV`, `ISRMIL`), as in
//! [`SeriesQuery`](crate::SeriesQuery), so a dashboard's dyad, its series and the events behind
//! each point all mean the same actors.

use crate::{Counts, EventStore, Period, Role, SqliteStore, StoreError, StoredEvent};
use dyad_model::{ArticleId, CameoCode, EventActor, Modality, NaiveDate, Position, Span, Stance};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Stops a query running on a store's connection, from another thread: a caller that gave
/// up (an HTTP request that timed out) should not leave SQLite working for nobody.
pub struct Interrupter(rusqlite::InterruptHandle);

impl Interrupter {
    /// The running statement, if any, fails with an "interrupted" error; later ones run.
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// Was this error a query stopped by an [`Interrupter`]?
pub fn is_interrupted(e: &StoreError) -> bool {
    match e {
        StoreError::Sqlite { source, .. } => matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::OperationInterrupted)
        ),
        _ => false,
    }
}

/// What a store holds, for an overview.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoreSummary {
    pub schema_version: i64,
    pub counts: Counts,
    /// The earliest and latest event dates.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Distinct actor codes and actor pairs with events.
    pub actor_codes: u64,
    pub dyads: u64,
}

/// Events per period over the whole store, by quad class.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VolumeRow {
    pub period: String,
    pub events: u64,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    pub goldstein_mean: f64,
}

/// Events of one CAMEO root (event class).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassRow {
    /// The two-digit root, `19`.
    pub root: String,
    pub name: String,
    pub quad: u8,
    pub events: u64,
}

/// Which actor codes to list.
#[derive(Clone, Debug, Default)]
pub struct ActorQuery {
    /// Codes equal to this or starting with it.
    pub prefix: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// An actor code and how often it acts and is acted upon.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    pub code: String,
    pub as_source: u64,
    pub as_target: u64,
    pub events: u64,
}

/// An actor's events per period, as source and as target.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ActorVolumeRow {
    pub period: String,
    pub as_source: u64,
    pub as_target: u64,
}

/// Filters for [`SqliteStore::evidence_events`]; every field set must hold.
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    /// An actor code or prefix, on the side `role` names.
    pub actor: Option<String>,
    /// With `partner`: `Source` is actor → partner, `Target` partner → actor, `Either` both.
    pub role: Role,
    /// The other side of a dyad, a code or prefix; used only with `actor`.
    pub partner: Option<String>,
    /// A CAMEO code, exactly.
    pub code: Option<String>,
    /// A CAMEO root (`19`).
    pub root: Option<String>,
    /// A quad class, 1..=4.
    pub quad: Option<u8>,
    pub modality: Option<Modality>,
    /// Inclusive range on the event's date.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Words that an evidence sentence of the event contains (all of them).
    pub text: Option<String>,
    /// Only events that took place (not negated, not hypothetical): what series count.
    pub took_place: bool,
    pub limit: usize,
    pub offset: usize,
}

/// An event with what a reader needs to check it: the first report's sentence and, as byte
/// spans into that sentence, where it names the source, the target and the trigger words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvidenceEvent {
    #[serde(flatten)]
    pub event: StoredEvent,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The trigger words (the verb phrase).
    pub trigger: Option<String>,
    /// Byte spans in `evidence`; `None` for an actor inferred from context.
    pub source_span: Option<[usize; 2]>,
    pub target_span: Option<[usize; 2]>,
    pub trigger_span: Option<[usize; 2]>,
}

/// Filters for [`SqliteStore::stored_stances`]; every field set must hold.
#[derive(Clone, Debug, Default)]
pub struct StanceQuery {
    /// An actor code or prefix.
    pub actor: Option<String>,
    /// A normalised issue key, exactly.
    pub issue: Option<String>,
    pub position: Option<Position>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
}

/// A stored stance with its evidence sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredStance {
    pub id: i64,
    pub actor: String,
    pub issue: String,
    pub issue_text: String,
    pub position: String,
    pub strength: f64,
    pub date: Option<String>,
    pub modality: String,
    pub article_id: String,
    pub input: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub sentence: u64,
    pub evidence: String,
    /// Byte spans in `evidence` of the actor's name and of the cue words.
    pub actor_span: Option<[usize; 2]>,
    pub cue_span: Option<[usize; 2]>,
    pub cue: Option<String>,
    /// Spans in the article text, for [`StoredStance::to_stance`].
    #[serde(skip)]
    absolute: AbsoluteSpans,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct AbsoluteSpans {
    actor: Option<(i64, i64)>,
    evidence: (i64, i64),
    cue: (i64, i64),
}

impl StoredStance {
    /// The stance as the pipeline made it, for `dyad-stance`'s scoring. `None` when a stored
    /// value is not one dyad writes (a position or modality it does not know).
    pub fn to_stance(&self) -> Option<Stance> {
        let position = match self.position.as_str() {
            "for" => Position::For,
            "against" => Position::Against,
            "conditional" => Position::Conditional,
            _ => return None,
        };
        let span = |(s, e): (i64, i64)| -> Option<Span> {
            Some(Span::new(
                usize::try_from(s).ok()?,
                usize::try_from(e).ok()?,
            ))
        };
        Some(Stance {
            article: ArticleId(self.article_id.clone()),
            sentence: usize::try_from(self.sentence).ok()?,
            actor: EventActor {
                code: self.actor.clone(),
                span: self.absolute.actor.and_then(span),
            },
            issue: self.issue.clone(),
            issue_text: self.issue_text.clone(),
            position,
            strength: self.strength as f32,
            date: self
                .date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            modality: self.modality.parse::<Modality>().ok()?,
            evidence: span(self.absolute.evidence)?,
            cue: span(self.absolute.cue)?,
        })
    }
}

/// One actor's stances on one issue, counted by position.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IssueSummary {
    pub issue: String,
    /// One wording of the issue from the text.
    pub issue_text: String,
    pub stances: u64,
    #[serde(rename = "for")]
    pub for_: u64,
    pub against: u64,
    pub conditional: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// A sentence that matches a full-text search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    pub article_id: String,
    pub input: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub sentence: u64,
    pub text: String,
    /// Byte spans in `text` of the words that matched.
    pub matches: Vec<[usize; 2]>,
    /// The events this sentence is evidence of.
    pub events: Vec<i64>,
}

/// `[prefix, prefix with its last byte raised)`: the index range of codes starting with it.
fn prefix_bounds(prefix: &str) -> Result<(String, String), StoreError> {
    let prefix = prefix.trim();
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(StoreError::Query(format!(
            "'{prefix}' is not an actor code (letters and digits)"
        )));
    }
    let upper = prefix.to_ascii_uppercase();
    let mut hi = upper.clone().into_bytes();
    if let Some(last) = hi.last_mut() {
        *last += 1;
    }
    // Raising an ASCII letter or digit by one stays ASCII.
    let hi = String::from_utf8(hi).map_err(|e| StoreError::Query(e.to_string()))?;
    Ok((upper, hi))
}

/// Words for an FTS5 query, each quoted so that user text is never FTS syntax.
/// The span `[start, end)` of the article text, relative to a sentence that starts at
/// `text_start`, when it lies on character boundaries of the sentence.
fn relative(
    text: &str,
    text_start: i64,
    start: Option<i64>,
    end: Option<i64>,
) -> Option<[usize; 2]> {
    let s = usize::try_from(start?.checked_sub(text_start)?).ok()?;
    let e = usize::try_from(end?.checked_sub(text_start)?).ok()?;
    text.get(s..e).map(|_| [s, e])
}

fn slice(text: &str, span: Option<[usize; 2]>) -> Option<String> {
    span.and_then(|[s, e]| text.get(s..e)).map(str::to_string)
}

fn date_bounds(since: Option<NaiveDate>, until: Option<NaiveDate>) -> (String, String) {
    (
        since.map_or("0000-01-01".to_string(), |d| d.to_string()),
        until.map_or("9999-12-31".to_string(), |d| d.to_string()),
    )
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// An event with its first report's sentence and spans; filters are appended as `WHERE`.
const EVIDENCE_SELECT: &str = "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad,
        e.goldstein, e.modality, e.confidence, e.num_mentions, e.num_articles, e.num_sources,
        e.added_at, a.article_id, a.input, a.url, a.site, e.sentence,
        s.text, s.span_start, em.source_start, em.source_end, em.target_start, em.target_end,
        em.trigger_start, em.trigger_end, a.title, a.published
     FROM events e
     JOIN articles a ON a.id = e.article
     LEFT JOIN sentences s ON s.article = e.article AND s.sentence = e.sentence
     LEFT JOIN event_mentions em
        ON em.event = e.id AND em.article = e.article AND em.sentence = e.sentence";

fn evidence_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EvidenceEvent> {
    let code: String = r.get(4)?;
    let text: String = r.get::<_, Option<String>>(19)?.unwrap_or_default();
    let start: i64 = r.get::<_, Option<i64>>(20)?.unwrap_or(0);
    let source_span = relative(&text, start, r.get(21)?, r.get(22)?);
    let target_span = relative(&text, start, r.get(23)?, r.get(24)?);
    let trigger_span = relative(&text, start, r.get(25)?, r.get(26)?);
    Ok(EvidenceEvent {
        event: StoredEvent {
            id: r.get(0)?,
            date: r.get(1)?,
            source: r.get(2)?,
            target: r.get(3)?,
            name: CameoCode::parse(&code)
                .map(|c| c.name().to_string())
                .unwrap_or_default(),
            code,
            root: r.get(5)?,
            quad: u8::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
            goldstein: r.get(7)?,
            modality: r.get(8)?,
            confidence: r.get(9)?,
            num_mentions: count(r.get(10)?),
            num_articles: count(r.get(11)?),
            num_sources: count(r.get(12)?),
            added_at: r.get(13)?,
            article_id: r.get(14)?,
            input: r.get(15)?,
            url: r.get(16)?,
            site: r.get(17)?,
            sentence: count(r.get(18)?),
            source_text: slice(&text, source_span),
            target_text: slice(&text, target_span),
            evidence: text.clone(),
        },
        title: r.get(27)?,
        published: r.get(28)?,
        trigger: slice(&text, trigger_span),
        source_span,
        target_span,
        trigger_span,
    })
}

impl SqliteStore {
    fn read_err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path().to_path_buf(),
            source,
        }
    }

    /// A handle that interrupts this connection's running query from another thread.
    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.conn.get_interrupt_handle())
    }

    /// SQLite's `PRAGMA data_version`: it changes when another connection commits, so a
    /// reader can tell that what it cached from this store is stale.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(|e| self.read_err(e))
    }

    /// Row counts, the span of event dates, and how many actors and pairs there are.
    pub fn summary(&self) -> Result<StoreSummary, StoreError> {
        let counts = self.counts()?;
        let (first_day, last_day): (Option<String>, Option<String>) = self
            .conn
            .query_row("SELECT min(date), max(date) FROM events", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.read_err(e))?;
        let one = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(count)
                .map_err(|e| self.read_err(e))
        };
        Ok(StoreSummary {
            schema_version: self.version()?,
            counts,
            first_day,
            last_day,
            actor_codes: one("SELECT count(*) FROM actor_codes")?,
            dyads: one("SELECT count(*) FROM dyads")?,
        })
    }

    /// Events per period over the whole store, by quad class, from the per-day rollup.
    pub fn volume(
        &self,
        by: Period,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<VolumeRow>, StoreError> {
        let (lo, hi) = date_bounds(since, until);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT day, quad, events, goldstein_sum FROM dyad_days WHERE day BETWEEN ?1 AND ?2",
            )
            .map_err(|e| self.read_err(e))?;
        // Summed per day first (a few thousand days), then per period: labelling a day
        // parses a date, which per rollup row would cost more than the scan.
        let mut days: HashMap<String, ([u64; 4], f64)> = HashMap::new();
        let mut rows = stmt.query(params![lo, hi]).map_err(|e| self.read_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.read_err(e))? {
            let day = row.get_ref(0).map_err(|e| self.read_err(e))?;
            let Ok(day) = day.as_str() else { continue };
            let quad: i64 = row.get(1).map_err(|e| self.read_err(e))?;
            let events: i64 = row.get(2).map_err(|e| self.read_err(e))?;
            let goldstein: f64 = row.get(3).map_err(|e| self.read_err(e))?;
            if !days.contains_key(day) {
                days.insert(day.to_string(), Default::default());
            }
            let Some(slot) = days.get_mut(day) else {
                continue;
            };
            if let Some(q) = slot.0.get_mut((quad as usize).wrapping_sub(1)) {
                *q += count(events);
            }
            slot.1 += goldstein;
        }
        let mut periods: BTreeMap<String, ([u64; 4], f64)> = BTreeMap::new();
        for (day, (quads, goldstein)) in days {
            let Ok(date) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
                continue;
            };
            let slot = periods.entry(by.label(date)).or_default();
            for (total, n) in slot.0.iter_mut().zip(quads) {
                *total += n;
            }
            slot.1 += goldstein;
        }
        Ok(periods
            .into_iter()
            .map(|(period, (q, goldstein))| {
                let events: u64 = q.iter().sum();
                VolumeRow {
                    period,
                    events,
                    verbal_cooperation: q[0],
                    material_cooperation: q[1],
                    verbal_conflict: q[2],
                    material_conflict: q[3],
                    goldstein_mean: if events == 0 {
                        0.0
                    } else {
                        goldstein / events as f64
                    },
                }
            })
            .collect())
    }

    /// The most frequent event classes (CAMEO roots), most frequent first.
    pub fn event_classes(&self, limit: usize) -> Result<Vec<ClassRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT root, count(*) AS n FROM events GROUP BY root ORDER BY n DESC, root LIMIT ?1",
            )
            .map_err(|e| self.read_err(e))?;
        let rows = stmt
            .query_map(params![limit as i64], |r| {
                let root: String = r.get(0)?;
                let cameo = CameoCode::parse(&root);
                Ok(ClassRow {
                    name: cameo.map(|c| c.name().to_string()).unwrap_or_default(),
                    quad: cameo.map_or(0, |c| c.quad().number()),
                    root,
                    events: count(r.get(1)?),
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.read_err(e))?;
        Ok(rows)
    }

    /// Actor codes the store has seen, busiest first.
    pub fn actors(&self, query: &ActorQuery) -> Result<Vec<ActorRow>, StoreError> {
        let (lo, hi) = match &query.prefix {
            Some(p) => prefix_bounds(p)?,
            // Every code sorts at or after "" and before "~" (codes are letters and digits).
            None => (String::new(), "~".to_string()),
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT code, as_source, as_target FROM actor_codes
                 WHERE code >= ?1 AND code < ?2
                 ORDER BY as_source + as_target DESC, code LIMIT ?3 OFFSET ?4",
            )
            .map_err(|e| self.read_err(e))?;
        let rows = stmt
            .query_map(
                params![lo, hi, query.limit as i64, query.offset as i64],
                |r| {
                    let (s, t) = (count(r.get(1)?), count(r.get(2)?));
                    Ok(ActorRow {
                        code: r.get(0)?,
                        as_source: s,
                        as_target: t,
                        events: s + t,
                    })
                },
            )
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.read_err(e))?;
        Ok(rows)
    }

    /// Actor codes equal to `prefix` or starting with it, as the store has seen them.
    fn prefix_codes(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let (lo, hi) = prefix_bounds(prefix)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT code FROM actor_codes WHERE code >= ?1 AND code < ?2")
            .map_err(|e| self.read_err(e))?;
        let codes = stmt
            .query_map(params![lo, hi], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.read_err(e))?;
        Ok(codes)
    }

    /// An actor's (code or prefix) events per period, as source and as target.
    pub fn actor_volume(&self, actor: &str, by: Period) -> Result<Vec<ActorVolumeRow>, StoreError> {
        let (lo, hi) = prefix_bounds(actor)?;
        let mut periods: BTreeMap<String, ActorVolumeRow> = BTreeMap::new();
        // Both read only an index that holds the date (events_dyad, events_target).
        let sides = [
            "SELECT date, count(*) FROM events
             WHERE source >= ?1 AND source < ?2 AND date IS NOT NULL GROUP BY date",
            "SELECT date, count(*) FROM events
             WHERE target >= ?1 AND target < ?2 AND date IS NOT NULL GROUP BY date",
        ];
        for (side, sql) in sides.iter().enumerate() {
            let mut stmt = self
                .conn
                .prepare_cached(sql)
                .map_err(|e| self.read_err(e))?;
            let mut rows = stmt.query(params![lo, hi]).map_err(|e| self.read_err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.read_err(e))? {
                let day: String = row.get(0).map_err(|e| self.read_err(e))?;
                let n: i64 = row.get(1).map_err(|e| self.read_err(e))?;
                let Ok(date) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
                    continue;
                };
                let label = by.label(date);
                let slot = periods
                    .entry(label.clone())
                    .or_insert_with(|| ActorVolumeRow {
                        period: label,
                        ..Default::default()
                    });
                if side == 0 {
                    slot.as_source += count(n);
                } else {
                    slot.as_target += count(n);
                }
            }
        }
        Ok(periods.into_values().collect())
    }

    /// Events with their evidence, newest date first, then by id; a page of `limit` from
    /// `offset`.
    pub fn evidence_events(&self, q: &EventQuery) -> Result<Vec<EvidenceEvent>, StoreError> {
        let mut conds: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let json = |codes: &[String]| serde_json::to_string(codes).unwrap_or_else(|_| "[]".into());
        if let Some(actor) = &q.actor {
            let a = self.prefix_codes(actor)?;
            if a.is_empty() {
                return Ok(Vec::new());
            }
            let a = Value::Text(json(&a));
            match &q.partner {
                Some(partner) => {
                    let b = self.prefix_codes(partner)?;
                    if b.is_empty() {
                        return Ok(Vec::new());
                    }
                    let b = Value::Text(json(&b));
                    let pair = "(e.source IN (SELECT value FROM json_each(?))
                                 AND e.target IN (SELECT value FROM json_each(?)))";
                    match q.role {
                        Role::Source => {
                            conds.push(pair);
                            values.extend([a, b]);
                        }
                        Role::Target => {
                            conds.push(pair);
                            values.extend([b, a]);
                        }
                        Role::Either => {
                            conds.push(
                                "((e.source IN (SELECT value FROM json_each(?))
                                   AND e.target IN (SELECT value FROM json_each(?)))
                                  OR (e.source IN (SELECT value FROM json_each(?))
                                   AND e.target IN (SELECT value FROM json_each(?))))",
                            );
                            values.extend([a.clone(), b.clone(), b, a]);
                        }
                    }
                }
                None => match q.role {
                    Role::Source => {
                        conds.push("e.source IN (SELECT value FROM json_each(?))");
                        values.push(a);
                    }
                    Role::Target => {
                        conds.push("e.target IN (SELECT value FROM json_each(?))");
                        values.push(a);
                    }
                    Role::Either => {
                        conds.push(
                            "(e.source IN (SELECT value FROM json_each(?))
                              OR e.target IN (SELECT value FROM json_each(?)))",
                        );
                        values.extend([a.clone(), a]);
                    }
                },
            }
        }
        crate::sqlite::event_conditions(
            &crate::sqlite::EventConditions {
                code: q.code.as_deref(),
                root: q.root.as_deref(),
                quad: q.quad,
                modality: q.modality,
                since: q.since,
                until: q.until,
                text: q.text.as_deref(),
                took_place: q.took_place,
            },
            &mut conds,
            &mut values,
        )?;
        let clause = if conds.is_empty() {
            "1".to_string()
        } else {
            conds.join(" AND ")
        };
        values.push(Value::Integer(q.limit as i64));
        values.push(Value::Integer(q.offset as i64));
        let sql =
            format!("{EVIDENCE_SELECT} WHERE {clause} ORDER BY e.date DESC, e.id LIMIT ? OFFSET ?");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.read_err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values), evidence_from_row)
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.read_err(e))?;
        Ok(rows)
    }

    /// Stances with their evidence sentences, newest first, then by id.
    pub fn stored_stances(&self, q: &StanceQuery) -> Result<Vec<StoredStance>, StoreError> {
        let mut conds: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(actor) = &q.actor {
            let (lo, hi) = prefix_bounds(actor)?;
            conds.push("st.actor >= ? AND st.actor < ?");
            values.extend([Value::Text(lo), Value::Text(hi)]);
        }
        if let Some(issue) = &q.issue {
            conds.push("st.issue = ?");
            values.push(Value::Text(issue.clone()));
        }
        if let Some(position) = q.position {
            conds.push("st.position = ?");
            values.push(Value::Text(position.as_str().to_string()));
        }
        if let Some(since) = q.since {
            conds.push("st.date >= ?");
            values.push(Value::Text(since.to_string()));
        }
        if let Some(until) = q.until {
            conds.push("st.date <= ?");
            values.push(Value::Text(until.to_string()));
        }
        let clause = if conds.is_empty() {
            "1".to_string()
        } else {
            conds.join(" AND ")
        };
        values.push(Value::Integer(q.limit as i64));
        values.push(Value::Integer(q.offset as i64));
        let sql = format!(
            "SELECT st.id, st.actor, st.issue, st.issue_text, st.position, st.strength, st.date,
                    st.modality, a.article_id, a.input, a.url, a.site, a.title, st.sentence,
                    s.text, s.span_start, st.actor_start, st.actor_end, st.evidence_start,
                    st.evidence_end, st.cue_start, st.cue_end
             FROM stances st
             JOIN articles a ON a.id = st.article
             LEFT JOIN sentences s ON s.article = st.article AND s.sentence = st.sentence
             WHERE {clause}
             ORDER BY st.date DESC, st.id LIMIT ? OFFSET ?"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.read_err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values), |r| {
                let text: String = r.get::<_, Option<String>>(14)?.unwrap_or_default();
                let start: i64 = r.get::<_, Option<i64>>(15)?.unwrap_or(0);
                let actor: (Option<i64>, Option<i64>) = (r.get(16)?, r.get(17)?);
                let cue: (i64, i64) = (r.get(20)?, r.get(21)?);
                let actor_span = relative(&text, start, actor.0, actor.1);
                let cue_span = relative(&text, start, Some(cue.0), Some(cue.1));
                Ok(StoredStance {
                    id: r.get(0)?,
                    actor: r.get(1)?,
                    issue: r.get(2)?,
                    issue_text: r.get(3)?,
                    position: r.get(4)?,
                    strength: r.get(5)?,
                    date: r.get(6)?,
                    modality: r.get(7)?,
                    article_id: r.get(8)?,
                    input: r.get(9)?,
                    url: r.get(10)?,
                    site: r.get(11)?,
                    title: r.get(12)?,
                    sentence: count(r.get(13)?),
                    cue: slice(&text, cue_span),
                    actor_span,
                    cue_span,
                    absolute: AbsoluteSpans {
                        actor: actor.0.zip(actor.1),
                        evidence: (r.get(18)?, r.get(19)?),
                        cue,
                    },
                    evidence: text,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.read_err(e))?;
        Ok(rows)
    }

    /// The actors with the most stances, and how many each has.
    pub fn stance_actors(&self, limit: usize) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT actor, count(*) AS n FROM stances GROUP BY actor
                 ORDER BY n DESC, actor LIMIT ?1",
            )
            .map_err(|e| self.read_err(e))?;
        let rows = stmt
            .query_map(params![limit as i64], |r| Ok((r.get(0)?, count(r.get(1)?))))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.read_err(e))?;
        Ok(rows)
    }

    /// An actor's (code or prefix) stances per issue, counted by position; most stances first.
    pub fn stance_issues(
        &self,
        actor: &str,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<IssueSummary>, StoreError> {
        let (lo, hi) = prefix_bounds(actor)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT issue, position, count(*), min(date), max(date), max(issue_text)
                 FROM stances
                 WHERE actor >= ?1 AND actor < ?2
                   AND (?3 IS NULL OR date >= ?3) AND (?4 IS NULL OR date <= ?4)
                 GROUP BY issue, position",
            )
            .map_err(|e| self.read_err(e))?;
        let mut issues: BTreeMap<String, IssueSummary> = BTreeMap::new();
        let mut rows = stmt
            .query(params![
                lo,
                hi,
                since.map(|d| d.to_string()),
                until.map(|d| d.to_string())
            ])
            .map_err(|e| self.read_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.read_err(e))? {
            let get = |i| {
                row.get::<_, Option<String>>(i)
                    .map_err(|e| self.read_err(e))
            };
            let issue: String = get(0)?.unwrap_or_default();
            let position = get(1)?.unwrap_or_default();
            let n = count(row.get(2).map_err(|e| self.read_err(e))?);
            let (first, last, text) = (get(3)?, get(4)?, get(5)?);
            let slot = issues.entry(issue.clone()).or_insert_with(|| IssueSummary {
                issue,
                ..Default::default()
            });
            slot.stances += n;
            match position.as_str() {
                "for" => slot.for_ += n,
                "against" => slot.against += n,
                "conditional" => slot.conditional += n,
                _ => {}
            }
            if slot.issue_text.is_empty() {
                slot.issue_text = text.unwrap_or_default();
            }
            slot.first = match (slot.first.take(), first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            slot.last = match (slot.last.take(), last) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        let mut out: Vec<IssueSummary> = issues.into_values().collect();
        out.sort_by(|a, b| b.stances.cmp(&a.stances).then(a.issue.cmp(&b.issue)));
        Ok(out)
    }

    /// Sentences (those that are evidence of an event or a stance: the indexed ones) that
    /// contain all the words of `words`, best match first.
    pub fn search_sentences(
        &self,
        words: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let query = crate::sqlite::fts_query(words)
            .ok_or_else(|| StoreError::Query(format!("'{words}' has no words to search")))?;
        // highlight() marks matches with control characters that sentence text does not
        // hold (the text layer splits on them), so they can be turned into byte spans.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.article_id, a.input, a.url, a.site, a.title, a.published, s.sentence,
                        highlight(sentence_search, 0, char(2), char(3)), s.article
                 FROM sentence_search
                 JOIN sentences s ON s.id = sentence_search.rowid
                 JOIN articles a ON a.id = s.article
                 WHERE sentence_search MATCH ?1
                 ORDER BY rank LIMIT ?2 OFFSET ?3",
            )
            .map_err(|e| self.read_err(e))?;
        let hits: Vec<(SearchHit, i64)> = stmt
            .query_map(params![query, limit as i64, offset as i64], |r| {
                let marked: String = r.get::<_, Option<String>>(7)?.unwrap_or_default();
                let (text, matches) = unmark(&marked);
                Ok((
                    SearchHit {
                        article_id: r.get(0)?,
                        input: r.get(1)?,
                        url: r.get(2)?,
                        site: r.get(3)?,
                        title: r.get(4)?,
                        published: r.get(5)?,
                        sentence: count(r.get(6)?),
                        text,
                        matches,
                        events: Vec::new(),
                    },
                    r.get(8)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.read_err(e))?;
        let mut events = self
            .conn
            .prepare_cached(
                "SELECT event FROM event_mentions WHERE article = ?1 AND sentence = ?2 ORDER BY event",
            )
            .map_err(|e| self.read_err(e))?;
        let mut out = Vec::with_capacity(hits.len());
        for (mut hit, article) in hits {
            hit.events = events
                .query_map(params![article, hit.sentence as i64], |r| r.get(0))
                .and_then(|rows| rows.collect::<Result<Vec<i64>, _>>())
                .map_err(|e| self.read_err(e))?;
            out.push(hit);
        }
        Ok(out)
    }
}

/// Text marked by FTS5 `highlight(…, char(2), char(3))` → the plain text and the byte spans
/// that were marked.
fn unmark(marked: &str) -> (String, Vec<[usize; 2]>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for c in marked.chars() {
        match c {
            '\u{2}' => open = Some(text.len()),
            '\u{3}' => {
                if let Some(start) = open.take() {
                    spans.push([start, text.len()]);
                }
            }
            c => text.push(c),
        }
    }
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_bounds_cover_longer_codes_only() {
        let (lo, hi) = prefix_bounds("isr").unwrap();
        assert_eq!((lo.as_str(), hi.as_str()), ("ISR", "ISS"));
        assert!(prefix_bounds("IS'R").is_err());
        assert!(prefix_bounds("").is_err());
    }

    #[test]
    fn unmark_gives_spans_in_the_plain_text() {
        let (text, spans) = unmark("Mali \u{2}expelled\u{3} the \u{2}envoy\u{3}.");
        assert_eq!(text, "Mali expelled the envoy.");
        assert_eq!(spans, vec![[5, 13], [18, 23]]);
    }

    #[test]
    fn relative_spans_stay_on_character_boundaries() {
        let text = "Zürich talks";
        assert_eq!(relative(text, 100, Some(100), Some(107)), Some([0, 7]));
        assert_eq!(relative(text, 100, Some(101), Some(102)), None);
        assert_eq!(relative(text, 100, Some(90), Some(102)), None);
        assert_eq!(relative(text, 100, None, Some(102)), None);
    }
}
