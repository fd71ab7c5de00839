//! [`EventStore`] on SQLite: a file in WAL mode (readers never wait for the writer), or an
//! in-memory database for tests.

use crate::merge::{self, content_words, modality_class, similarity, Words, DATE_WINDOW_DAYS};
use crate::schema::{self, FileKind, APPLICATION_ID, MIGRATIONS, VERSION};
use crate::series::{parse_day, series_table, DayRow, SeriesTable};
use crate::{
    Counts, Document, DyadQuery, DyadRow, EventDetail, EventFilter, EventStore, Report, Role,
    SeriesQuery, SeriesRow, StoreError, StoredEvent, WriteSummary,
};
use dyad_model::{ArticleId, CameoCode, Event, Modality, NaiveDate, Span};
use rusqlite::types::Value;
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Stores up to this size get a full `PRAGMA quick_check` before the first write, so a
/// damaged file is refused before anything is written; beyond it the check would cost
/// seconds per ingest, and SQLite's own checks on every page it reads take over (a write that
/// meets a damaged page fails and rolls back, leaving the file as it was).
const QUICK_CHECK_LIMIT: u64 = 256 * 1024 * 1024;

/// At most this many candidate events are compared with a new report: the most recent ones.
/// It bounds the cost of a report about a dyad that is in the news every day.
const MAX_CANDIDATES: i64 = 64;

/// How a store is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Queries only: the file must be a store; nothing is ever written to it.
    ReadOnly,
    /// Ingest: the store is created if missing and migrated if older.
    ReadWrite,
}

/// A dyad store in an SQLite database.
pub struct SqliteStore {
    // `pub(crate)` so that `read_api` (the server's queries) can use the same connection.
    pub(crate) conn: Connection,
    path: PathBuf,
    /// The clock, fixed in tests so snapshots do not change.
    now: Option<String>,
    /// Content words of events' first reports, by event id: new reports are compared with
    /// recent events again and again, and the words of a stored event never change.
    words: HashMap<i64, Words>,
    /// During a bulk load: the last sentence id stored before it, so that its end indexes
    /// exactly the sentences the load added.
    bulk_from: Option<i64>,
}

/// Above this many cached events the cache starts over (about 100 bytes an event).
const MAX_CACHED_EVENTS: usize = 500_000;

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase)
    )
}

impl SqliteStore {
    fn new(conn: Connection, path: PathBuf) -> SqliteStore {
        SqliteStore {
            conn,
            path,
            now: None,
            words: HashMap::new(),
            bulk_from: None,
        }
    }

    /// Opens (or, in [`OpenMode::ReadWrite`], creates) the store at `path`. A file that is not
    /// a dyad store, a newer one, or a damaged one is refused with the file left untouched.
    pub fn open(path: impl AsRef<Path>, mode: OpenMode) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref().to_path_buf();
        let kind = schema::inspect(&path)?;
        let sql = |source: rusqlite::Error| to_error(&path, source);
        match (kind, mode) {
            (FileKind::Empty, OpenMode::ReadOnly) => Err(StoreError::Missing { path }),
            (FileKind::Empty, OpenMode::ReadWrite) => {
                let conn = Connection::open(&path).map_err(sql)?;
                let mut store = SqliteStore::new(conn, path.clone());
                // The application id goes in before WAL mode, straight into the file's header,
                // so the file is recognisable as a store from its first write on.
                store
                    .conn
                    .pragma_update(None, "application_id", APPLICATION_ID)
                    .map_err(sql)?;
                store.migrate()?;
                store
                    .conn
                    .pragma_update(None, "journal_mode", "WAL")
                    .map_err(sql)?;
                store.configure()?;
                Ok(store)
            }
            (FileKind::Store { .. }, OpenMode::ReadOnly) => {
                // A read-write handle with `query_only` set: SQLite then shares the WAL index
                // with the writer as an equal; a handle opened read-only must rebuild its view
                // of a changing WAL and waits, which made readers during an ingest (and the
                // ingest's own lookups) stall. A file we may not write falls back to read-only.
                let rw = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = Connection::open_with_flags(&path, rw)
                    .or_else(|_| Connection::open_with_flags(&path, ro))
                    .map_err(sql)?;
                conn.pragma_update(None, "query_only", true).map_err(sql)?;
                let store = SqliteStore::new(conn, path.clone());
                let version = store.check_identity()?;
                if version < VERSION {
                    return Err(StoreError::OlderSchema {
                        path,
                        found: version,
                        current: VERSION,
                    });
                }
                store.configure()?;
                Ok(store)
            }
            (FileKind::Store { .. }, OpenMode::ReadWrite) => {
                let conn = Connection::open(&path).map_err(sql)?;
                let mut store = SqliteStore::new(conn, path.clone());
                store.check_identity()?;
                let size = std::fs::metadata(&path)
                    .map(|m| m.len())
                    .unwrap_or(u64::MAX);
                if size <= QUICK_CHECK_LIMIT {
                    store.quick_check()?;
                }
                store.migrate()?;
                store
                    .conn
                    .pragma_update(None, "journal_mode", "WAL")
                    .map_err(sql)?;
                store.configure()?;
                Ok(store)
            }
        }
    }

    /// A store in memory: the same schema and code, nothing on disk. The second backend of
    /// the conformance tests.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| to_error(&path, e))?;
        let mut store = SqliteStore::new(conn, path);
        store
            .conn
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| store.err(e))?;
        store.migrate()?;
        store.configure()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Fixes the time stamped on new rows (`ingested_at`, `added_at`): for reproducible tests.
    pub fn set_clock(&mut self, now: impl Into<String>) {
        self.now = Some(now.into());
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        to_error(&self.path, e)
    }

    /// The application id and schema version as SQLite sees them (after WAL recovery, which
    /// the header alone may not reflect).
    fn check_identity(&self) -> Result<i64, StoreError> {
        let app: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if app != APPLICATION_ID {
            return Err(StoreError::NotDyad {
                path: self.path.clone(),
            });
        }
        let version = self.version()?;
        if version > VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: VERSION,
            });
        }
        Ok(version)
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn quick_check(&self) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA quick_check(5)")
            .map_err(|e| self.err(e))?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        if rows.len() == 1 && rows[0] == "ok" {
            return Ok(());
        }
        Err(StoreError::Corrupt {
            path: self.path.clone(),
            detail: rows.join("; "),
        })
    }

    /// Applies the migrations from the store's version to [`VERSION`] in one transaction.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let from = self.version()?;
        if from >= VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let sql = |e| to_error(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        for (i, migration) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.execute_batch(migration).map_err(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .map_err(sql)?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO dyad_meta (key, value) VALUES ('schema_version', ?1)",
            params![VERSION.to_string()],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// Per-connection settings: nothing here writes to the file.
    fn configure(&self) -> Result<(), StoreError> {
        // NORMAL is durable against a killed process in WAL mode (the WAL is in the OS cache);
        // only a power cut can lose the last transactions, never corrupt the store.
        // The write path uses some twenty statements per document: all stay prepared. The
        // page cache (256 MB) holds the indexes that new events land in at random places;
        // reads go through a memory map rather than a copy per page.
        self.conn.set_prepared_statement_cache_capacity(64);
        self.conn
            .execute_batch(
                "PRAGMA synchronous = NORMAL;
                 PRAGMA busy_timeout = 10000;
                 PRAGMA cache_size = -262144;
                 PRAGMA mmap_size = 1073741824;
                 PRAGMA temp_store = MEMORY;",
            )
            .map_err(|e| self.err(e))
    }

    fn now(&self) -> String {
        self.now
            .clone()
            .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string())
    }

    /// Every table as text, rows in key order, one line per row, with the named columns left
    /// out (time stamps): for snapshot tests and for reading a store without `sqlite3`.
    pub fn dump(&self, skip_columns: &[&str]) -> Result<String, StoreError> {
        let tables = [
            ("articles", "id"),
            ("sentences", "id"),
            ("mentions", "id"),
            ("events", "id"),
            ("event_mentions", "event, article, sentence"),
            ("stances", "id"),
            ("dyad_days", "source, target, day, quad"),
            ("dyads", "source, target"),
            ("actor_codes", "code"),
        ];
        let mut out = String::new();
        for (table, order) in tables {
            // Table and column names come from the list above, never from input.
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
                .map_err(|e| self.err(e))?;
            let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
            let keep: Vec<usize> = (0..names.len())
                .filter(|&i| !skip_columns.contains(&names[i].as_str()))
                .collect();
            out.push_str(&format!("== {table}\n"));
            let header: Vec<&str> = keep.iter().map(|&i| names[i].as_str()).collect();
            out.push_str(&header.join("\t"));
            out.push('\n');
            let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                let mut cells = Vec::with_capacity(keep.len());
                for &i in &keep {
                    let v: Value = row.get(i).map_err(|e| self.err(e))?;
                    cells.push(match v {
                        Value::Null => "∅".to_string(),
                        Value::Integer(n) => n.to_string(),
                        Value::Real(x) => format!("{x:.3}"),
                        Value::Text(t) => t.replace(['\t', '\n'], " "),
                        Value::Blob(b) => format!("<{} bytes>", b.len()),
                    });
                }
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Runs `PRAGMA optimize` and a passive checkpoint: call after a large ingest.
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("PRAGMA optimize;")
            .map_err(|e| self.err(e))?;
        // A passive checkpoint never blocks readers; in memory there is no WAL to fold.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        Ok(())
    }

    /// The query plan SQLite picks for a series query, for the benchmark's record.
    pub fn explain_series(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {SERIES_SQL}"))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params!["[]", "[]", "0000-01-01", "9999-12-31"], |r| {
                r.get::<_, String>(3)
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Recomputes the rollup tables (`dyad_days`, `dyads`, `actor_codes`) from `events`.
    /// They are kept on every insert; this is for bulk loads and for checking that claim.
    pub fn rebuild_rollups(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| to_error(&path, e))?;
        tx.execute_batch(REBUILD_ROLLUPS)
            .map_err(|e| to_error(&path, e))?;
        tx.commit().map_err(|e| to_error(&path, e))
    }

    /// Starts a bulk load ([`SqliteStore::bulk_write`]): drops the secondary indexes, which
    /// are rebuilt in one sort each by [`SqliteStore::finish_bulk_load`] instead of taking a
    /// random insert per row.
    pub fn begin_bulk_load(&mut self) -> Result<(), StoreError> {
        let last: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM sentences", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        self.bulk_from = Some(last);
        for (name, _) in schema::BULK_INDEXES {
            // Index names are the fixed list in `schema`, never input.
            self.conn
                .execute_batch(&format!("DROP INDEX IF EXISTS {name}"))
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Stores documents for a benchmark or an import of events that need no merging: each
    /// report becomes its own event, and neither rollups nor the full-text index are kept
    /// per row. Articles already stored are skipped as in [`EventStore::write`].
    pub fn bulk_write(&mut self, docs: &[Document<'_>]) -> Result<WriteSummary, StoreError> {
        let now = self.now();
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| to_error(&path, e))?;
        let mut summary = WriteSummary::default();
        for doc in docs {
            bulk_document(&tx, doc, &now, &mut summary).map_err(|e| to_error(&path, e))?;
        }
        tx.commit().map_err(|e| to_error(&path, e))?;
        Ok(summary)
    }

    /// Ends a bulk load: recreates the indexes, rebuilds the rollups and indexes the evidence
    /// sentences not yet in the full-text index.
    pub fn finish_bulk_load(&mut self) -> Result<(), StoreError> {
        for (_, create) in schema::BULK_INDEXES {
            let create = create.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS");
            self.conn.execute_batch(&create).map_err(|e| self.err(e))?;
        }
        self.rebuild_rollups()?;
        let from = self.bulk_from.take().unwrap_or(0);
        self.conn
            .execute(
                "INSERT INTO sentence_search (rowid, text)
                 SELECT s.id, s.text FROM sentences s
                 WHERE s.id > ?1
                   AND EXISTS (SELECT 1 FROM event_mentions em
                               WHERE em.article = s.article AND em.sentence = s.sentence)",
                params![from],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// A series in compact form ([`EventStore::series`] makes its rows from this).
    pub fn series_table(&self, query: &SeriesQuery) -> Result<SeriesTable, StoreError> {
        let a_codes = self.codes_with_prefix(&query.a)?;
        let b_codes = self.codes_with_prefix(&query.b)?;
        let json = |codes: &[String]| serde_json::to_string(codes).unwrap_or_else(|_| "[]".into());
        let (a_json, b_json) = (json(&a_codes), json(&b_codes));
        let since = query
            .since
            .map_or("0000-01-01".to_string(), |d| d.to_string());
        let until = query
            .until
            .map_or("9999-12-31".to_string(), |d| d.to_string());
        let mut stmt = self
            .conn
            .prepare_cached(SERIES_SQL)
            .map_err(|e| self.err(e))?;
        let mut days: Vec<DayRow> = Vec::new();
        for (direction, (src, dst)) in [(0u8, (&a_json, &b_json)), (1, (&b_json, &a_json))] {
            let mut rows = stmt
                .query(params![src, dst, since, until])
                .map_err(|e| self.err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                let day = row
                    .get_ref(0)
                    .and_then(|v| v.as_str().map_err(Into::into))
                    .map_err(|e| self.err(e))?;
                // A day that is not a date is skipped, as it always was; the store writes
                // none.
                let Some(day) = parse_day(day) else {
                    continue;
                };
                days.push(DayRow {
                    direction,
                    day,
                    quad: row.get(1).map_err(|e| self.err(e))?,
                    events: row.get(2).map_err(|e| self.err(e))?,
                    mentions: row.get(3).map_err(|e| self.err(e))?,
                    goldstein: row.get(4).map_err(|e| self.err(e))?,
                });
            }
        }
        let (a, b) = (
            query.a.trim().to_ascii_uppercase(),
            query.b.trim().to_ascii_uppercase(),
        );
        Ok(series_table(days, query.by, a, b))
    }

    /// Whether to list a filter's events by walking the date index (newest first) until the
    /// limit is reached, rather than collecting every event of its actor or country through
    /// their indexes and sorting. `actor_codes` counts each code's events exactly, so the
    /// choice is a comparison of costs: `est` rows by the actor indexes against about
    /// `limit × total / est` rows by date. SQLite's own planner cannot know those counts.
    fn prefer_date_scan(&self, filter: &EventFilter) -> Result<bool, StoreError> {
        let Some(limit) = filter.limit else {
            return Ok(false);
        };
        let (lo, hi) = match (&filter.actor, &filter.country) {
            (Some(actor), _) => {
                let code = actor.trim().to_ascii_uppercase();
                (code.clone(), format!("{code}\0"))
            }
            (None, Some(country)) => prefix_range(country)?,
            (None, None) => return Ok(false),
        };
        let column = match filter.role {
            Role::Source => "as_source",
            Role::Target => "as_target",
            Role::Either => "as_source + as_target",
        };
        // The column expression is one of the three fixed strings above.
        let est: i64 = self
            .conn
            .query_row(
                &format!("SELECT coalesce(sum({column}), 0) FROM actor_codes WHERE code >= ?1 AND code < ?2"),
                params![lo, hi],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let total: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let (est, total, limit) = (est as f64, total as f64, limit as f64);
        Ok(est * est > limit * total)
    }

    /// Actor codes equal to `prefix` or starting with it, as the store has seen them.
    fn codes_with_prefix(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let (lo, hi) = prefix_range(prefix)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT code FROM actor_codes WHERE code >= ?1 AND code < ?2")
            .map_err(|e| self.err(e))?;
        let codes = stmt
            .query_map(params![lo, hi], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        Ok(codes)
    }
}

fn to_error(path: &Path, source: rusqlite::Error) -> StoreError {
    if is_corruption(&source) {
        StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: source.to_string(),
        }
    } else {
        StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `[prefix, prefix with its last byte raised)`: the index range of codes starting with it.
fn prefix_range(prefix: &str) -> Result<(String, String), StoreError> {
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

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// `text` sliced by an absolute span, given where `text` starts in the article.
fn slice_rel(text: &str, text_start: i64, start: Option<i64>, end: Option<i64>) -> Option<String> {
    let (s, e) = (
        start?.checked_sub(text_start)?,
        end?.checked_sub(text_start)?,
    );
    text.get(usize::try_from(s).ok()?..usize::try_from(e).ok()?)
        .map(str::to_string)
}

/// A new report's facts, computed once.
struct NewReport<'a> {
    event: &'a Event,
    article: i64,
    site: Option<&'a str>,
    date: Option<NaiveDate>,
    words: Words,
}

impl EventStore for SqliteStore {
    fn known_articles(&self, ids: &[&ArticleId]) -> Result<HashSet<ArticleId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE article_id = ?1")
            .map_err(|e| self.err(e))?;
        let mut known = HashSet::new();
        for id in ids {
            if stmt.exists(params![id.0]).map_err(|e| self.err(e))? {
                known.insert((*id).clone());
            }
        }
        Ok(known)
    }

    fn write(&mut self, docs: &[Document<'_>]) -> Result<WriteSummary, StoreError> {
        let now = self.now();
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| to_error(&path, e))?;
        let mut summary = WriteSummary::default();
        // The cache goes back only after a commit: a rolled-back event's id may be reused.
        let mut cache = std::mem::take(&mut self.words);
        if cache.len() > MAX_CACHED_EVENTS {
            cache.clear();
        }
        for doc in docs {
            write_document(&tx, doc, &now, &mut summary, &mut cache)
                .map_err(|e| to_error(&path, e))?;
        }
        tx.commit().map_err(|e| to_error(&path, e))?;
        self.words = cache;
        Ok(summary)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            // Table names are the fixed list below, never input.
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n as u64)
                .map_err(|e| self.err(e))
        };
        Ok(Counts {
            articles: count("articles")?,
            sentences: count("sentences")?,
            mentions: count("mentions")?,
            events: count("events")?,
            event_mentions: count("event_mentions")?,
            stances: count("stances")?,
        })
    }

    fn scan_events(
        &self,
        filter: &EventFilter,
        visit: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (clause, mut values) = filter_sql(filter)?;
        values.push(Value::Integer(filter.limit.map_or(-1, |n| n as i64)));
        // The events are picked (filtered, ordered, limited) from `events` alone, and only
        // the picked ones are joined with their provenance: joining every candidate first
        // made a broad filter cost a join per matching event, not per event shown. CROSS JOIN
        // keeps the picked events as the outer loop; otherwise SQLite may walk all events in
        // date order to avoid sorting the hundred picked ones.
        let index = if self.prefer_date_scan(filter)? {
            "INDEXED BY events_date"
        } else {
            ""
        };
        let sql = format!(
            "{EVENT_COLUMNS} FROM (SELECT e.id, e.date FROM events e {index} WHERE {clause}
                                   ORDER BY e.date DESC, e.id DESC LIMIT ?) AS pick
             CROSS JOIN events e ON e.id = pick.id {EVENT_JOINS}
             ORDER BY pick.date DESC, pick.id DESC"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values))
            .map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            visit(event_from_row(row).map_err(|e| self.err(e))?)?;
        }
        Ok(())
    }

    fn event(&self, id: i64) -> Result<Option<EventDetail>, StoreError> {
        let sql = format!("{EVENT_COLUMNS} FROM events e {EVENT_JOINS} WHERE e.id = ?1");
        let event = self
            .conn
            .query_row(&sql, params![id], event_from_row)
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(event) = event else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.article_id, a.input, a.url, a.site, a.title, a.published,
                        em.sentence, em.code, em.modality, em.date, em.confidence,
                        em.evidence_start, em.evidence_end, s.text, s.span_start,
                        em.trigger_start, em.trigger_end, em.source_start, em.source_end,
                        em.target_start, em.target_end
                 FROM event_mentions em
                 JOIN articles a ON a.id = em.article
                 LEFT JOIN sentences s ON s.article = em.article AND s.sentence = em.sentence
                 WHERE em.event = ?1
                 ORDER BY a.published, a.id, em.sentence",
            )
            .map_err(|e| self.err(e))?;
        let reports = stmt
            .query_map(params![id], |r| {
                let text: Option<String> = r.get(13)?;
                let text = text.unwrap_or_default();
                let start: i64 = r.get::<_, Option<i64>>(14)?.unwrap_or(0);
                Ok(Report {
                    article_id: r.get(0)?,
                    input: r.get(1)?,
                    url: r.get(2)?,
                    site: r.get(3)?,
                    title: r.get(4)?,
                    published: r.get(5)?,
                    sentence: r.get::<_, i64>(6)? as u64,
                    code: r.get(7)?,
                    modality: r.get(8)?,
                    date: r.get(9)?,
                    confidence: r.get(10)?,
                    span: [r.get::<_, i64>(11)? as u64, r.get::<_, i64>(12)? as u64],
                    trigger: slice_rel(&text, start, r.get(15)?, r.get(16)?).unwrap_or_default(),
                    source_text: slice_rel(&text, start, r.get(17)?, r.get(18)?),
                    target_text: slice_rel(&text, start, r.get(19)?, r.get(20)?),
                    evidence: text,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(Some(EventDetail { event, reports }))
    }

    fn series(&self, query: &SeriesQuery) -> Result<Vec<SeriesRow>, StoreError> {
        Ok(self.series_table(query)?.into_rows())
    }

    fn dyads(&self, query: &DyadQuery) -> Result<Vec<DyadRow>, StoreError> {
        let mut values: Vec<Value> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        if let Some(actor) = &query.actor {
            let (lo, hi) = prefix_range(actor)?;
            conds.push("((source >= ? AND source < ?) OR (target >= ? AND target < ?))".into());
            values.extend([lo.clone(), hi.clone(), lo, hi].map(Value::Text));
        }
        let dated = query.since.is_some() || query.until.is_some();
        let sql = if dated {
            if let Some(since) = query.since {
                conds.push("day >= ?".into());
                values.push(Value::Text(since.to_string()));
            }
            if let Some(until) = query.until {
                conds.push("day <= ?".into());
                values.push(Value::Text(until.to_string()));
            }
            format!(
                "SELECT source, target, sum(events) AS n, sum(mentions) AS m, sum(goldstein_sum),
                        min(day), max(day)
                 FROM dyad_days WHERE {}
                 GROUP BY source, target
                 ORDER BY n DESC, m DESC, source, target LIMIT ?",
                conds.join(" AND ")
            )
        } else {
            let clause = if conds.is_empty() {
                "1".to_string()
            } else {
                conds.join(" AND ")
            };
            format!(
                "SELECT source, target, events, mentions, goldstein_sum, first_day, last_day
                 FROM dyads WHERE {clause}
                 ORDER BY events DESC, mentions DESC, source, target LIMIT ?"
            )
        };
        values.push(Value::Integer(query.limit as i64));
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), |r| {
                let events: i64 = r.get(2)?;
                let sum: f64 = r.get(4)?;
                Ok(DyadRow {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: events as u64,
                    mentions: r.get::<_, i64>(3)? as u64,
                    goldstein_mean: if events == 0 {
                        0.0
                    } else {
                        sum / events as f64
                    },
                    first: r.get(5)?,
                    last: r.get(6)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

/// The per-day rollup of one direction: source and target codes given as JSON arrays, so the
/// whole code list is one bound parameter and each (source, target) pair is an index probe.
/// The rows are summed per day and period in Rust ([`series_rows`]): an SQL `GROUP BY` sorted
/// them in a temporary B-tree first, which cost more than reading them.
const SERIES_SQL: &str = "SELECT day, quad, events, mentions, goldstein_sum
     FROM dyad_days
     WHERE source IN (SELECT value FROM json_each(?1))
       AND target IN (SELECT value FROM json_each(?2))
       AND day BETWEEN ?3 AND ?4";

/// An event with its first report's provenance; filters are appended as `WHERE`.
const EVENT_COLUMNS: &str = "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad,
        e.goldstein, e.modality, e.confidence, e.num_mentions, e.num_articles, e.num_sources,
        e.added_at, a.article_id, a.input, a.url, a.site, e.sentence,
        s.text, s.span_start, em.source_start, em.source_end, em.target_start, em.target_end";

/// The first report's article, sentence and spans of an event `e`.
const EVENT_JOINS: &str = "JOIN articles a ON a.id = e.article
     LEFT JOIN sentences s ON s.article = e.article AND s.sentence = e.sentence
     LEFT JOIN event_mentions em
        ON em.event = e.id AND em.article = e.article AND em.sentence = e.sentence";

fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEvent> {
    let code: String = r.get(4)?;
    let text: Option<String> = r.get(19)?;
    let text = text.unwrap_or_default();
    let start: i64 = r.get::<_, Option<i64>>(20)?.unwrap_or(0);
    Ok(StoredEvent {
        id: r.get(0)?,
        date: r.get(1)?,
        source: r.get(2)?,
        target: r.get(3)?,
        name: CameoCode::parse(&code)
            .map(|c| c.name().to_string())
            .unwrap_or_default(),
        code,
        root: r.get(5)?,
        quad: r.get::<_, i64>(6)? as u8,
        goldstein: r.get(7)?,
        modality: r.get(8)?,
        confidence: r.get(9)?,
        num_mentions: r.get::<_, i64>(10)? as u64,
        num_articles: r.get::<_, i64>(11)? as u64,
        num_sources: r.get::<_, i64>(12)? as u64,
        added_at: r.get(13)?,
        article_id: r.get(14)?,
        input: r.get(15)?,
        url: r.get(16)?,
        site: r.get(17)?,
        sentence: r.get::<_, i64>(18)? as u64,
        source_text: slice_rel(&text, start, r.get(21)?, r.get(22)?),
        target_text: slice_rel(&text, start, r.get(23)?, r.get(24)?),
        evidence: text,
    })
}

/// Words for an FTS5 query, each quoted so that user text is never FTS syntax.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The event conditions every event query shares (code, root, quad class, modality, dates,
/// words in the evidence), validated, as SQL with bound values.
pub(crate) struct EventConditions<'a> {
    pub code: Option<&'a str>,
    pub root: Option<&'a str>,
    pub quad: Option<u8>,
    pub modality: Option<Modality>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub text: Option<&'a str>,
    /// Only events that took place, as the rollups count them.
    pub took_place: bool,
}

pub(crate) fn event_conditions(
    c: &EventConditions<'_>,
    conds: &mut Vec<&str>,
    values: &mut Vec<Value>,
) -> Result<(), StoreError> {
    if let Some(code) = c.code {
        let code = CameoCode::parse(code)
            .ok_or_else(|| StoreError::Query(format!("'{code}' is not a CAMEO code")))?;
        conds.push("e.code = ?");
        values.push(Value::Text(code.as_str().to_string()));
    }
    if let Some(root) = c.root {
        let root = root.trim();
        let root = if root.len() == 1 {
            format!("0{root}")
        } else {
            root.to_string()
        };
        if root.len() != 2 || CameoCode::parse(&root).is_none() {
            return Err(StoreError::Query(format!(
                "'{root}' is not a CAMEO root (01..20)"
            )));
        }
        conds.push("e.root = ?");
        values.push(Value::Text(root));
    }
    if let Some(quad) = c.quad {
        if !(1..=4).contains(&quad) {
            return Err(StoreError::Query(format!("quad class {quad} is not 1..4")));
        }
        conds.push("e.quad = ?");
        values.push(Value::Integer(quad as i64));
    }
    if let Some(m) = c.modality {
        conds.push("e.modality = ?");
        values.push(Value::Text(m.as_str().to_string()));
    }
    if c.took_place {
        conds.push("e.modality NOT IN ('negated', 'hypothetical')");
    }
    if let Some(since) = c.since {
        conds.push("e.date >= ?");
        values.push(Value::Text(since.to_string()));
    }
    if let Some(until) = c.until {
        conds.push("e.date <= ?");
        values.push(Value::Text(until.to_string()));
    }
    if let Some(words) = c.text {
        let query = fts_query(words)
            .ok_or_else(|| StoreError::Query(format!("'{words}' has no words to search")))?;
        conds.push(
            "e.id IN (SELECT em2.event FROM sentence_search
                      JOIN sentences s2 ON s2.id = sentence_search.rowid
                      JOIN event_mentions em2
                        ON em2.article = s2.article AND em2.sentence = s2.sentence
                      WHERE sentence_search MATCH ?)",
        );
        values.push(Value::Text(query));
    }
    Ok(())
}

/// The `WHERE` clause for a filter and its bound values. Only fixed SQL is formatted in;
/// every user value is a parameter.
fn filter_sql(f: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
    let mut conds: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());
    if let Some(actor) = &f.actor {
        let actor = actor.trim().to_ascii_uppercase();
        match f.role {
            Role::Source => conds.push("e.source = ?"),
            Role::Target => conds.push("e.target = ?"),
            Role::Either => {
                conds.push("(e.source = ? OR e.target = ?)");
                values.push(text(&actor));
            }
        }
        values.push(text(&actor));
    }
    if let Some(country) = &f.country {
        if country.trim().len() != 3 {
            return Err(StoreError::Query(format!(
                "country '{country}' is not a three-letter code"
            )));
        }
        let (lo, hi) = prefix_range(country)?;
        match f.role {
            Role::Source => conds.push("(e.source >= ? AND e.source < ?)"),
            Role::Target => conds.push("(e.target >= ? AND e.target < ?)"),
            Role::Either => {
                conds
                    .push("((e.source >= ? AND e.source < ?) OR (e.target >= ? AND e.target < ?))");
                values.extend([text(&lo), text(&hi)]);
            }
        }
        values.extend([text(&lo), text(&hi)]);
    }
    event_conditions(
        &EventConditions {
            code: f.code.as_deref(),
            root: f.root.as_deref(),
            quad: f.quad,
            modality: f.modality,
            since: f.since,
            until: f.until,
            text: f.text.as_deref(),
            took_place: false,
        },
        &mut conds,
        &mut values,
    )?;
    if let Some(site) = &f.site {
        conds.push(
            "e.id IN (SELECT em3.event FROM articles a3
                      JOIN event_mentions em3 ON em3.article = a3.id
                      WHERE a3.site = ?)",
        );
        values.push(text(site.trim()));
    }
    let clause = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    Ok((clause, values))
}

/// Stores one document inside the caller's transaction; an article already stored is
/// skipped whole, which is what makes ingest idempotent and resumable.
fn write_document(
    tx: &Transaction<'_>,
    doc: &Document<'_>,
    now: &str,
    summary: &mut WriteSummary,
    cache: &mut HashMap<i64, Words>,
) -> rusqlite::Result<()> {
    let article = doc.article;
    let known = tx
        .prepare_cached("SELECT 1 FROM articles WHERE article_id = ?1")?
        .exists(params![article.id.0])?;
    if known {
        summary.known_articles += 1;
        return Ok(());
    }
    let text = article.text.as_str();
    tx.prepare_cached(
        "INSERT INTO articles (article_id, input, url, site, title, published, language,
                               text_bytes, sentences, events, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        article.id.0,
        article.input,
        article.url,
        article.source,
        article.title,
        date_text(article.published),
        article.language,
        text.len() as i64,
        doc.sentences.len() as i64,
        doc.events.len() as i64,
        now,
    ])?;
    let art = tx.last_insert_rowid();
    summary.new_articles += 1;

    // Sentences by index; an evidence sentence the splitter did not return (it never should)
    // is stored from the event's own span so that provenance holds regardless.
    let mut sentences: BTreeMap<usize, Span> =
        doc.sentences.iter().map(|s| (s.index, s.span)).collect();
    for e in doc.events {
        sentences.entry(e.sentence).or_insert(e.evidence);
    }
    for s in doc.stances {
        sentences.entry(s.sentence).or_insert(s.evidence);
    }
    let mut rowids: HashMap<usize, i64> = HashMap::with_capacity(sentences.len());
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO sentences (article, sentence, span_start, span_end, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (&index, span) in &sentences {
            insert.execute(params![
                art,
                index as i64,
                span.start as i64,
                span.end as i64,
                span.slice(text)
            ])?;
            rowids.insert(index, tx.last_insert_rowid());
        }
    }
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO mentions (article, sentence, span_start, span_end, text, code, entry)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for m in doc.mentions {
            insert.execute(params![
                art,
                m.sentence as i64,
                m.span.start as i64,
                m.span.end as i64,
                m.text,
                m.code,
                m.entry
            ])?;
        }
    }
    let mut evidence: Vec<usize> = Vec::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO stances (article, sentence, actor, actor_start, actor_end, issue,
                                  issue_text, position, strength, date, modality,
                                  evidence_start, evidence_end, cue_start, cue_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for s in doc.stances {
            insert.execute(params![
                art,
                s.sentence as i64,
                s.actor.code,
                s.actor.span.map(|x| x.start as i64),
                s.actor.span.map(|x| x.end as i64),
                s.issue,
                s.issue_text,
                s.position.as_str(),
                s.strength as f64,
                date_text(s.date.or(article.published)),
                s.modality.as_str(),
                s.evidence.start as i64,
                s.evidence.end as i64,
                s.cue.start as i64,
                s.cue.end as i64
            ])?;
            evidence.push(s.sentence);
        }
    }
    for event in doc.events {
        let sentence = sentences
            .get(&event.sentence)
            .copied()
            .unwrap_or(event.evidence);
        let skip: Vec<(usize, usize)> = [Some(event.trigger), event.source.span, event.target.span]
            .into_iter()
            .flatten()
            .map(|s| {
                (
                    s.start.saturating_sub(sentence.start),
                    s.end.saturating_sub(sentence.start),
                )
            })
            .collect();
        let report = NewReport {
            event,
            article: art,
            site: article.source.as_deref(),
            date: event.date.or(article.published),
            words: content_words(sentence.slice(text), &skip),
        };
        store_report(tx, &report, now, summary, cache)?;
        evidence.push(event.sentence);
    }
    // Only evidence sentences go into the full-text index: `--text` searches what events
    // and stances say, and indexing every sentence would double the cost of an ingest.
    evidence.sort_unstable();
    evidence.dedup();
    let mut index =
        tx.prepare_cached("INSERT INTO sentence_search (rowid, text) VALUES (?1, ?2)")?;
    for i in evidence {
        if let (Some(&rowid), Some(span)) = (rowids.get(&i), sentences.get(&i)) {
            index.execute(params![rowid, span.slice(text)])?;
        }
    }
    Ok(())
}

/// The event a report belongs to, if the store has it: same dyad and root within the date
/// window, the same kind of modality, similar evidence (see [`merge`]); the most similar one.
fn find_event(
    tx: &Transaction<'_>,
    report: &NewReport<'_>,
    cache: &mut HashMap<i64, Words>,
) -> rusqlite::Result<Option<i64>> {
    let Some(date) = report.date else {
        // An undated report cannot be placed in time: it stays an event of its own.
        return Ok(None);
    };
    let e = report.event;
    let window = chrono::Duration::days(DATE_WINDOW_DAYS);
    let candidates: Vec<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, modality FROM events
             WHERE source = ?1 AND target = ?2 AND root = ?3 AND date BETWEEN ?4 AND ?5
             ORDER BY id DESC LIMIT ?6",
        )?
        .query_map(
            params![
                e.source.code,
                e.target.code,
                e.code.root(),
                (date - window).to_string(),
                (date + window).to_string(),
                MAX_CANDIDATES
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let class = modality_class(e.modality);
    let mut best: Option<(f64, i64)> = None;
    for (id, modality) in candidates {
        let same_kind = modality
            .parse::<Modality>()
            .map(|m| modality_class(m) == class)
            .unwrap_or(false);
        if !same_kind {
            continue;
        }
        let words = match cache.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(event_words(tx, id)?),
        };
        let score = similarity(&report.words, words);
        let better = match best {
            None => true,
            Some((b, _)) => score > b,
        };
        if score >= merge::SIMILARITY_THRESHOLD && better {
            best = Some((score, id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// The content words of an event's first report, with its actors and trigger masked.
fn event_words(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Words> {
    let row = tx
        .prepare_cached(
            "SELECT s.text, s.span_start, em.trigger_start, em.trigger_end,
                    em.source_start, em.source_end, em.target_start, em.target_end
             FROM events e
             JOIN sentences s ON s.article = e.article AND s.sentence = e.sentence
             LEFT JOIN event_mentions em
                ON em.event = e.id AND em.article = e.article AND em.sentence = e.sentence
             WHERE e.id = ?1",
        )?
        .query_row(params![id], |r| {
            let text: String = r.get(0)?;
            let start: i64 = r.get(1)?;
            let mut skip = Vec::new();
            for (a, b) in [(2, 3), (4, 5), (6, 7)] {
                if let (Some(s), Some(t)) =
                    (r.get::<_, Option<i64>>(a)?, r.get::<_, Option<i64>>(b)?)
                {
                    skip.push(((s - start).max(0) as usize, (t - start).max(0) as usize));
                }
            }
            Ok(content_words(&text, &skip))
        })
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Adds a report: to the event it belongs to, or as a new event; rollups follow.
fn store_report(
    tx: &Transaction<'_>,
    report: &NewReport<'_>,
    now: &str,
    summary: &mut WriteSummary,
    cache: &mut HashMap<i64, Words>,
) -> rusqlite::Result<()> {
    let e = report.event;
    let day = date_text(report.date);
    let mention = |event: i64| -> rusqlite::Result<usize> {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO event_mentions
                (event, article, sentence, code, modality, date, confidence,
                 evidence_start, evidence_end, trigger_start, trigger_end,
                 source_start, source_end, target_start, target_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            event,
            report.article,
            e.sentence as i64,
            e.code.as_str(),
            e.modality.as_str(),
            day,
            e.confidence as f64,
            e.evidence.start as i64,
            e.evidence.end as i64,
            e.trigger.start as i64,
            e.trigger.end as i64,
            e.source.span.map(|s| s.start as i64),
            e.source.span.map(|s| s.end as i64),
            e.target.span.map(|s| s.start as i64),
            e.target.span.map(|s| s.end as i64)
        ])
    };

    if let Some(id) = find_event(tx, report, cache)? {
        summary.merged_reports += 1;
        let new_article = !tx
            .prepare_cached("SELECT 1 FROM event_mentions WHERE event = ?1 AND article = ?2")?
            .exists(params![id, report.article])?;
        let new_site = match report.site {
            Some(site) => !tx
                .prepare_cached(
                    "SELECT 1 FROM event_mentions em JOIN articles a ON a.id = em.article
                     WHERE em.event = ?1 AND a.site = ?2",
                )?
                .exists(params![id, site])?,
            None => false,
        };
        if mention(id)? == 0 {
            // The same sentence coded twice into one event (two verbs, one deed): one report.
            return Ok(());
        }
        let (modality, event_day, quad, source, target, goldstein, mentions): (
            String,
            Option<String>,
            i64,
            String,
            String,
            f64,
            i64,
        ) = tx
            .prepare_cached(
                "SELECT modality, date, quad, source, target, goldstein, num_mentions
                 FROM events WHERE id = ?1",
            )?
            .query_row(params![id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?;
        let kept = modality
            .parse::<Modality>()
            .map(|m| merge::stronger(m, e.modality))
            .unwrap_or(e.modality);
        // An event happened on the day of its earliest report: a report dated before the
        // event moves it (and its rollup row), so the result does not depend on input order.
        let earlier = match (&event_day, &day) {
            (Some(old), Some(new)) if new < old => Some(new.clone()),
            _ => None,
        };
        tx.prepare_cached(
            "UPDATE events SET num_mentions = num_mentions + 1,
                               num_articles = num_articles + ?2,
                               num_sources = num_sources + ?3,
                               confidence = max(confidence, ?4),
                               modality = ?5,
                               date = coalesce(?6, date)
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            new_article as i64,
            new_site as i64,
            e.confidence as f64,
            kept.as_str(),
            earlier
        ])?;
        // Series and pair counts hold what took place; a denied or conditional act is kept
        // as an event (with its modality) but counted in neither. Merging never changes that:
        // reports merge only within one kind of modality.
        if !kept.occurred() {
            return Ok(());
        }
        match (&event_day, &earlier) {
            (Some(old), Some(new)) => {
                add_to_day(tx, &source, &target, old, quad, -1, -mentions, -goldstein)?;
                add_to_day(tx, &source, &target, new, quad, 1, mentions + 1, goldstein)?;
                // The moved day may have been the pair's first or last: recount from the rollup.
                tx.prepare_cached(
                    "UPDATE dyads SET mentions = mentions + 1,
                        first_day = (SELECT min(day) FROM dyad_days WHERE source = ?1 AND target = ?2),
                        last_day = (SELECT max(day) FROM dyad_days WHERE source = ?1 AND target = ?2)
                     WHERE source = ?1 AND target = ?2",
                )?
                .execute(params![source, target])?;
            }
            (Some(old), None) => {
                add_to_day(tx, &source, &target, old, quad, 0, 1, 0.0)?;
                tx.prepare_cached(
                    "UPDATE dyads SET mentions = mentions + 1 WHERE source = ?1 AND target = ?2",
                )?
                .execute(params![source, target])?;
            }
            (None, _) => {
                tx.prepare_cached(
                    "UPDATE dyads SET mentions = mentions + 1 WHERE source = ?1 AND target = ?2",
                )?
                .execute(params![source, target])?;
            }
        }
        return Ok(());
    }

    summary.new_events += 1;
    let code = e.code;
    let goldstein = code.goldstein() as f64;
    let quad = code.quad().number() as i64;
    tx.prepare_cached(
        "INSERT INTO events (date, source, target, code, root, quad, goldstein, modality,
                             confidence, num_mentions, num_articles, num_sources, article,
                             sentence, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        day,
        e.source.code,
        e.target.code,
        code.as_str(),
        code.root(),
        quad,
        goldstein,
        e.modality.as_str(),
        e.confidence as f64,
        report.site.is_some() as i64,
        report.article,
        e.sentence as i64,
        now
    ])?;
    let id = tx.last_insert_rowid();
    cache.insert(id, report.words.clone());
    mention(id)?;
    let mut actor = tx.prepare_cached(
        "INSERT INTO actor_codes (code, as_source, as_target) VALUES (?1, ?2, ?3)
         ON CONFLICT (code) DO UPDATE SET
            as_source = as_source + excluded.as_source,
            as_target = as_target + excluded.as_target",
    )?;
    actor.execute(params![e.source.code, 1, 0])?;
    actor.execute(params![e.target.code, 0, 1])?;
    if !e.modality.occurred() {
        return Ok(());
    }
    if let Some(day) = &day {
        add_to_day(
            tx,
            &e.source.code,
            &e.target.code,
            day,
            quad,
            1,
            1,
            goldstein,
        )?;
    }
    tx.prepare_cached(
        "INSERT INTO dyads (source, target, events, mentions, goldstein_sum, first_day, last_day)
         VALUES (?1, ?2, 1, 1, ?3, ?4, ?4)
         ON CONFLICT (source, target) DO UPDATE SET
            events = events + 1, mentions = mentions + 1,
            goldstein_sum = goldstein_sum + excluded.goldstein_sum,
            first_day = coalesce(min(first_day, excluded.first_day), first_day, excluded.first_day),
            last_day = coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day)",
    )?
    .execute(params![e.source.code, e.target.code, goldstein, day])?;
    Ok(())
}

/// The rollups recomputed from `events`: the same numbers [`store_report`] keeps per insert.
const REBUILD_ROLLUPS: &str = "
    DELETE FROM dyad_days;
    INSERT INTO dyad_days (source, target, day, quad, events, mentions, goldstein_sum)
    SELECT source, target, date, quad, count(*), sum(num_mentions), sum(goldstein)
    FROM events WHERE date IS NOT NULL AND modality NOT IN ('negated', 'hypothetical')
    GROUP BY source, target, date, quad;
    DELETE FROM dyads;
    INSERT INTO dyads (source, target, events, mentions, goldstein_sum, first_day, last_day)
    SELECT source, target, count(*), sum(num_mentions), sum(goldstein), min(date), max(date)
    FROM events WHERE modality NOT IN ('negated', 'hypothetical') GROUP BY source, target;
    DELETE FROM actor_codes;
    INSERT INTO actor_codes (code, as_source, as_target)
    SELECT code, sum(s), sum(t) FROM (
        SELECT source AS code, 1 AS s, 0 AS t FROM events
        UNION ALL SELECT target, 0, 1 FROM events
    ) GROUP BY code;
";

/// Stores one document without merging or rollups (see [`SqliteStore::bulk_write`]).
fn bulk_document(
    tx: &Transaction<'_>,
    doc: &Document<'_>,
    now: &str,
    summary: &mut WriteSummary,
) -> rusqlite::Result<()> {
    let article = doc.article;
    let known = tx
        .prepare_cached("SELECT 1 FROM articles WHERE article_id = ?1")?
        .exists(params![article.id.0])?;
    if known {
        summary.known_articles += 1;
        return Ok(());
    }
    let text = article.text.as_str();
    tx.prepare_cached(
        "INSERT INTO articles (article_id, input, url, site, title, published, language,
                               text_bytes, sentences, events, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        article.id.0,
        article.input,
        article.url,
        article.source,
        article.title,
        date_text(article.published),
        article.language,
        text.len() as i64,
        doc.sentences.len() as i64,
        doc.events.len() as i64,
        now,
    ])?;
    let art = tx.last_insert_rowid();
    summary.new_articles += 1;
    let mut insert = tx.prepare_cached(
        "INSERT INTO sentences (article, sentence, span_start, span_end, text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in doc.sentences {
        insert.execute(params![
            art,
            s.index as i64,
            s.span.start as i64,
            s.span.end as i64,
            s.span.slice(text)
        ])?;
    }
    for e in doc.events {
        let code = e.code;
        let date = date_text(e.date.or(article.published));
        tx.prepare_cached(
            "INSERT INTO events (date, source, target, code, root, quad, goldstein, modality,
                                 confidence, num_mentions, num_articles, num_sources, article,
                                 sentence, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            date,
            e.source.code,
            e.target.code,
            code.as_str(),
            code.root(),
            code.quad().number() as i64,
            code.goldstein() as f64,
            e.modality.as_str(),
            e.confidence as f64,
            article.source.is_some() as i64,
            art,
            e.sentence as i64,
            now
        ])?;
        let id = tx.last_insert_rowid();
        tx.prepare_cached(
            "INSERT OR IGNORE INTO event_mentions
                (event, article, sentence, code, modality, date, confidence,
                 evidence_start, evidence_end, trigger_start, trigger_end,
                 source_start, source_end, target_start, target_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            id,
            art,
            e.sentence as i64,
            code.as_str(),
            e.modality.as_str(),
            date,
            e.confidence as f64,
            e.evidence.start as i64,
            e.evidence.end as i64,
            e.trigger.start as i64,
            e.trigger.end as i64,
            e.source.span.map(|s| s.start as i64),
            e.source.span.map(|s| s.end as i64),
            e.target.span.map(|s| s.start as i64),
            e.target.span.map(|s| s.end as i64)
        ])?;
        summary.new_events += 1;
    }
    Ok(())
}

/// Adds counts to a dyad's day in the rollup (negative counts move an event away); a row left
/// with no events is deleted, so the rollup holds exactly the days that have events.
#[allow(clippy::too_many_arguments)]
fn add_to_day(
    tx: &Transaction<'_>,
    source: &str,
    target: &str,
    day: &str,
    quad: i64,
    events: i64,
    mentions: i64,
    goldstein: f64,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO dyad_days (source, target, day, quad, events, mentions, goldstein_sum)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (source, target, day, quad) DO UPDATE SET
            events = events + excluded.events,
            mentions = mentions + excluded.mentions,
            goldstein_sum = goldstein_sum + excluded.goldstein_sum",
    )?
    .execute(params![
        source, target, day, quad, events, mentions, goldstein
    ])?;
    if events < 0 {
        tx.prepare_cached(
            "DELETE FROM dyad_days
             WHERE source = ?1 AND target = ?2 AND day = ?3 AND quad = ?4 AND events <= 0",
        )?
        .execute(params![source, target, day, quad])?;
    }
    Ok(())
}
