//! dyad's event store: what the pipeline found, kept on disk and queried.
//!
//! The store keeps every article it was given (once: ids are stable hashes), its sentences for
//! provenance, the actor mentions, the stances and the events. Reports of the same real-world
//! event in several articles become one row in `events` with one row per report in
//! `event_mentions`, as GDELT splits Events from Mentions (see [`merge`]). Rollup tables kept
//! on every insert make time series and top-dyad queries independent of the store's size.
//!
//! The operations are the [`EventStore`] trait; [`SqliteStore`] implements it on an SQLite file
//! (or in memory). Schema, versions and migrations are in `docs/SCHEMA.md` and [`schema`].
//!
//! Architecture invariant: this is the only crate that knows SQL. Callers speak in
//! `dyad-model` values and the query types below.

pub mod export;
pub mod merge;
pub mod read_api;
pub mod schema;
mod series;
mod sqlite;
pub mod synth;

pub use series::{PeriodTotals, SeriesTable};
pub use sqlite::{OpenMode, SqliteStore};

use dyad_model::{ActorMention, Article, ArticleId, Event, Modality, NaiveDate, Sentence, Stance};
use serde::Serialize;
use std::collections::HashSet;
use std::path::PathBuf;

/// Why the store could not do what was asked. Every variant about a file names it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a dyad store (not an SQLite database)")]
    NotSqlite { path: PathBuf },
    #[error("{path}: not a dyad store (an SQLite database of another application)")]
    NotDyad { path: PathBuf },
    #[error(
        "{path}: store schema version {found} is newer than this dyad supports ({supported}); \
         upgrade dyad"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: store schema version {found} is older than {current}; open it for writing (dyad ingest) to upgrade it")]
    OlderSchema {
        path: PathBuf,
        found: i64,
        current: i64,
    },
    #[error("{path}: the store is corrupt ({detail}); it was not modified")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: no such store")]
    Missing { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("invalid query: {0}")]
    Query(String),
    /// Raised by a caller's visitor (an output that failed), passed through unchanged.
    #[error("{0}")]
    Sink(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("export: {0}")]
    Export(String),
}

/// One analysed article as the store receives it: the pipeline's output, borrowed.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    pub article: &'a Article,
    pub sentences: &'a [Sentence],
    pub mentions: &'a [ActorMention],
    pub events: &'a [Event],
    pub stances: &'a [Stance],
}

/// What one [`EventStore::write`] added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WriteSummary {
    /// Articles stored by this write.
    pub new_articles: u64,
    /// Articles given that the store already had: nothing was added for them.
    pub known_articles: u64,
    /// Events created (a report of something not seen before).
    pub new_events: u64,
    /// Reports merged into an event the store already had.
    pub merged_reports: u64,
}

impl WriteSummary {
    pub fn add(&mut self, other: WriteSummary) {
        self.new_articles += other.new_articles;
        self.known_articles += other.known_articles;
        self.new_events += other.new_events;
        self.merged_reports += other.merged_reports;
    }
}

/// Row counts of the main tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub sentences: u64,
    pub mentions: u64,
    pub events: u64,
    pub event_mentions: u64,
    pub stances: u64,
}

/// Which side of an event an actor filter applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    Source,
    Target,
    #[default]
    Either,
}

/// Filters for [`EventStore::scan_events`]; every field set must hold.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// An actor code, exactly (`USAGOV`), on the side `role` names.
    pub actor: Option<String>,
    pub role: Role,
    /// A country: the first three letters of an actor code, on the side `role` names.
    pub country: Option<String>,
    /// A CAMEO code, exactly.
    pub code: Option<String>,
    /// A CAMEO root (`19`).
    pub root: Option<String>,
    /// A quad class, 1..=4.
    pub quad: Option<u8>,
    pub modality: Option<Modality>,
    /// Inclusive date range on the event's date.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Words that an evidence sentence of the event contains (all of them).
    pub text: Option<String>,
    /// A publishing site that reported the event.
    pub site: Option<String>,
    pub limit: Option<usize>,
}

/// An event as queries return it: the merged row plus its first report's provenance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub code: String,
    pub name: String,
    pub root: String,
    pub quad: u8,
    pub goldstein: f64,
    pub modality: String,
    pub confidence: f64,
    pub num_mentions: u64,
    pub num_articles: u64,
    pub num_sources: u64,
    /// The first report: its article, sentence and words.
    pub article_id: String,
    pub input: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub sentence: u64,
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    pub evidence: String,
    pub added_at: String,
}

/// One report of an event: the article and sentence that say it happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub article_id: String,
    pub input: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub sentence: u64,
    pub code: String,
    pub modality: String,
    pub date: Option<String>,
    pub confidence: f64,
    /// Byte span of the sentence in the article text.
    pub span: [u64; 2],
    pub evidence: String,
    pub trigger: String,
    pub source_text: Option<String>,
    pub target_text: Option<String>,
}

/// An event with every report of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDetail {
    pub event: StoredEvent,
    pub reports: Vec<Report>,
}

/// The period a series is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    /// ISO weeks, labelled by their Monday.
    Week,
    /// Labelled `YYYY-MM`.
    Month,
}

impl Period {
    /// The label of the period containing `day`.
    pub fn label(self, day: NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Period::Day => day.to_string(),
            Period::Week => {
                let back = day.weekday().num_days_from_monday() as i64;
                (day - chrono::Duration::days(back)).to_string()
            }
            Period::Month => format!("{:04}-{:02}", day.year(), day.month()),
        }
    }
}

/// `dyad series A B`: events between two actors, both directions.
#[derive(Clone, Debug)]
pub struct SeriesQuery {
    /// Actor code or prefix (`ISR` covers `ISRGOV`, `ISRMIL`).
    pub a: String,
    pub b: String,
    pub by: Period,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// One period and direction of a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesRow {
    pub period: String,
    /// The acting side's query code.
    pub source: String,
    pub target: String,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    pub events: u64,
    pub mentions: u64,
    /// Mean Goldstein score over the period's events.
    pub goldstein_mean: f64,
}

/// `dyad dyads`: the most active actor pairs.
#[derive(Clone, Debug, Default)]
pub struct DyadQuery {
    pub limit: usize,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Keep pairs where this code (or prefix) acts or is acted upon.
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadRow {
    pub source: String,
    pub target: String,
    pub events: u64,
    pub mentions: u64,
    pub goldstein_mean: f64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The store's operations. [`SqliteStore`] is the implementation; the conformance tests in
/// `tests/conformance.rs` run against every backend (file and in-memory).
pub trait EventStore {
    /// Which of these article ids the store already has.
    fn known_articles(&self, ids: &[&ArticleId]) -> Result<HashSet<ArticleId>, StoreError>;

    /// Stores documents in one transaction: all of them or, on error, none. Articles already
    /// stored are skipped whole, so writing the same document twice adds nothing.
    fn write(&mut self, docs: &[Document<'_>]) -> Result<WriteSummary, StoreError>;

    fn counts(&self) -> Result<Counts, StoreError>;

    /// Visits the events that pass `filter`, newest date first, then by id.
    fn scan_events(
        &self,
        filter: &EventFilter,
        visit: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The events that pass `filter`, collected.
    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut out = Vec::new();
        self.scan_events(filter, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// One event with every report of it, or `None` when there is no such event.
    fn event(&self, id: i64) -> Result<Option<EventDetail>, StoreError>;

    /// Per period, counts per quad class and mean Goldstein, A→B and B→A.
    fn series(&self, query: &SeriesQuery) -> Result<Vec<SeriesRow>, StoreError>;

    /// The most active actor pairs.
    fn dyads(&self, query: &DyadQuery) -> Result<Vec<DyadRow>, StoreError>;
}
