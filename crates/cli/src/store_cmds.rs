//! The store commands: `ingest` (articles → store), the queries `events`, `series`, `dyads`,
//! `show`, `export`, and the hidden benchmark helpers `bench-store` and `gen-corpus`.
//!
//! SQL stays in `dyad-store`; this module reads files, runs the engine, drives the store
//! through its trait and formats what comes back.

use crate::{build_engine, configure_threads, DictionaryArgs, Outcome};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use dyad_ingest::{expand_inputs, read_input};
use dyad_model::{Article, ArticleId, Modality, NaiveDate};
use dyad_pipeline::Analysis;
use dyad_store::export::{csv_cells, csv_field, export, ExportFormat, CSV_COLUMNS};
use dyad_store::{
    Document, DyadQuery, EventFilter, EventStore, OpenMode, Period, Role, SeriesQuery, SqliteStore,
    StoreError, WriteSummary,
};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const DEFAULT_DB: &str = "dyad.db";

#[derive(clap::Args, Debug)]
pub(crate) struct IngestArgs {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "FILES", required = true)]
    inputs: Vec<PathBuf>,
    /// The store (an SQLite file); created if missing.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Worker threads for coding (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Articles per transaction: a killed ingest loses at most one batch, which a re-run
    /// stores.
    #[arg(long, default_value_t = 512)]
    batch: usize,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

/// Query output: a table on a terminal, JSON Lines when piped, or CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum QueryFormat {
    Table,
    Jsonl,
    Csv,
}

fn resolve(format: Option<QueryFormat>) -> QueryFormat {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        QueryFormat::Table
    } else {
        QueryFormat::Jsonl
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RoleArg {
    Source,
    Target,
    Either,
}

#[derive(clap::Args, Debug, Clone)]
pub(crate) struct FilterArgs {
    /// An actor code, exactly (USAGOV); see --role.
    #[arg(long)]
    actor: Option<String>,
    /// A country: the three-letter prefix of actor codes (ISR); see --role.
    #[arg(long)]
    country: Option<String>,
    /// The side --actor and --country apply to.
    #[arg(long, value_enum, default_value = "either")]
    role: RoleArg,
    /// A CAMEO event code, exactly (0354).
    #[arg(long)]
    code: Option<String>,
    /// A CAMEO root code (19).
    #[arg(long)]
    root: Option<String>,
    /// A quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    #[arg(long)]
    quad: Option<u8>,
    /// asserted, negated, intended, hypothetical or reported.
    #[arg(long)]
    modality: Option<String>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<NaiveDate>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<NaiveDate>,
    /// Words that an evidence sentence contains (full-text search, all words).
    #[arg(long)]
    text: Option<String>,
    /// The publishing site (host name) of a report.
    #[arg(long = "source", alias = "site", value_name = "SITE")]
    site: Option<String>,
}

impl FilterArgs {
    fn filter(&self, limit: Option<usize>) -> Result<EventFilter> {
        let modality = match &self.modality {
            Some(m) => Some(m.parse::<Modality>().map_err(anyhow::Error::msg)?),
            None => None,
        };
        Ok(EventFilter {
            actor: self.actor.clone(),
            role: match self.role {
                RoleArg::Source => Role::Source,
                RoleArg::Target => Role::Target,
                RoleArg::Either => Role::Either,
            },
            country: self.country.clone(),
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
            modality,
            since: self.since,
            until: self.until,
            text: self.text.clone(),
            site: self.site.clone(),
            limit,
        })
    }
}

#[derive(clap::Args, Debug)]
pub(crate) struct EventsArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// At most this many events, newest first (0: all).
    #[arg(long, default_value_t = 100)]
    limit: usize,
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum PeriodArg {
    Day,
    Week,
    Month,
}

#[derive(clap::Args, Debug)]
pub(crate) struct SeriesArgs {
    /// The first actor: a code or a prefix (ISR covers ISRGOV, ISRMIL).
    a: String,
    /// The second actor.
    b: String,
    #[arg(long, value_enum, default_value = "month")]
    by: PeriodArg,
    #[arg(long)]
    since: Option<NaiveDate>,
    #[arg(long)]
    until: Option<NaiveDate>,
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
}

#[derive(clap::Args, Debug)]
pub(crate) struct DyadsArgs {
    /// How many pairs.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Only pairs with this actor (code or prefix) on either side.
    #[arg(long)]
    actor: Option<String>,
    #[arg(long)]
    since: Option<NaiveDate>,
    #[arg(long)]
    until: Option<NaiveDate>,
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ShowArgs {
    /// The event id (the `id` column of `dyad events`).
    event: i64,
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportArg {
    Csv,
    Jsonl,
    Gdelt,
    Parquet,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    /// csv, jsonl, gdelt (GDELT 2.0 Events TSV, 61 columns) or parquet.
    #[arg(long, value_enum)]
    format: ExportArg,
    /// The file to write (replaced only when the export succeeds).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
}

#[derive(clap::Args, Debug)]
pub(crate) struct BenchStoreArgs {
    /// Synthetic events to add.
    #[arg(long, default_value_t = 1_000_000)]
    events: u64,
    #[arg(long)]
    db: PathBuf,
    /// Events per synthetic article.
    #[arg(long, default_value_t = 10)]
    per_article: usize,
    /// Articles per transaction.
    #[arg(long, default_value_t = 2_000)]
    batch: usize,
    /// Generator seed: a new seed adds new articles to an existing store.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Only time the queries on an existing store.
    #[arg(long)]
    queries_only: bool,
    /// Store through the ingest path (merging, rollups per insert) instead of a bulk load
    /// (every report its own event, indexes and rollups rebuilt at the end).
    #[arg(long)]
    incremental: bool,
}

#[derive(clap::Args, Debug)]
pub(crate) struct GenCorpusArgs {
    /// Articles to write.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Sentences per article (a third of them tell stories).
    #[arg(long, default_value_t = 25)]
    sentences: usize,
    /// The JSON Lines file to write.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn document(a: &Analysis) -> Document<'_> {
    Document {
        article: &a.article,
        sentences: &a.sentences,
        mentions: &a.mentions,
        events: &a.events,
        stances: &a.stances,
    }
}

/// Why articles were not stored, for the summary.
#[derive(Default)]
struct Skipped {
    already_stored: u64,
    repeated: u64,
    unreadable: u64,
}

/// A progress line on a terminal only: piped or in CI, stderr gets the summary alone.
fn progress() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {pos} articles stored, {rate} [{elapsed}] {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
    .with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} articles/s", state.per_sec());
        },
    );
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

pub(crate) fn ingest(args: IngestArgs) -> Result<Outcome> {
    configure_threads(args.threads);
    let engine = build_engine(&args.dictionaries)?;
    let started = Instant::now();
    let mut store = SqliteStore::open(&args.db, OpenMode::ReadWrite)?;
    // A second connection answers "is this article stored?" before coding it, so a re-run
    // after a kill skips what is done without coding it again; WAL lets it read while the
    // writer thread writes.
    let lookup = SqliteStore::open(&args.db, OpenMode::ReadOnly)?;
    let bar = progress();
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Analysis>>(2);
    let writer_bar = bar.clone();
    // One writer: SQLite takes one writer at a time, and one thread keeps transactions
    // batched while the rayon pool codes the next batch.
    let writer = std::thread::spawn(move || -> Result<WriteSummary, StoreError> {
        let mut total = WriteSummary::default();
        for batch in receive {
            let docs: Vec<Document<'_>> = batch.iter().map(document).collect();
            let summary = store.write(&docs)?;
            writer_bar.inc(summary.new_articles);
            total.add(summary);
        }
        store.optimize()?;
        Ok(total)
    });

    let mut skipped = Skipped::default();
    let mut read = 0u64;
    let mut seen: HashSet<ArticleId> = HashSet::new();
    let batch = args.batch.max(1);
    let mut writer_gone = false;
    'inputs: for path in expand_inputs(&args.inputs) {
        let docs = match path.and_then(|p| read_input(&p)) {
            Ok(docs) => docs,
            Err(e) => {
                bar.suspend(|| eprintln!("dyad: {e}"));
                skipped.unreadable += 1;
                continue;
            }
        };
        let mut articles: Vec<Article> = Vec::new();
        for doc in docs {
            match doc {
                Ok(a) => articles.push(a),
                Err(e) => {
                    bar.suspend(|| eprintln!("dyad: {e}"));
                    skipped.unreadable += 1;
                }
            }
        }
        read += articles.len() as u64;
        let mut rest = articles;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(batch));
            let ids: Vec<&ArticleId> = rest.iter().map(|a| &a.id).collect();
            let known = lookup.known_articles(&ids)?;
            let mut fresh = Vec::with_capacity(rest.len());
            for article in rest {
                if known.contains(&article.id) {
                    skipped.already_stored += 1;
                } else if !seen.insert(article.id.clone()) {
                    skipped.repeated += 1;
                } else {
                    fresh.push(article);
                }
            }
            let analyses: Vec<Analysis> =
                fresh.into_par_iter().map(|a| engine.analyse(a)).collect();
            if send.send(analyses).is_err() {
                // The writer stopped on an error: its result below says which.
                writer_gone = true;
                break 'inputs;
            }
            rest = tail;
        }
    }
    drop(send);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))?
        .with_context(|| format!("writing {}", args.db.display()))?;
    if writer_gone {
        bail!("writing {}: the writer stopped", args.db.display());
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    skipped.already_stored += written.known_articles;
    let total_skipped = skipped.already_stored + skipped.repeated + skipped.unreadable;
    eprintln!(
        "dyad: read {read} articles in {secs:.1} s ({:.0} articles/s) into {}",
        read as f64 / secs.max(1e-9),
        args.db.display()
    );
    eprintln!(
        "dyad: skipped {total_skipped}: {} already stored, {} repeated in the input, {} unreadable",
        skipped.already_stored, skipped.repeated, skipped.unreadable
    );
    eprintln!(
        "dyad: stored {} new articles, {} new events, {} reports merged into known events",
        written.new_articles, written.new_events, written.merged_reports
    );
    Ok(if skipped.unreadable > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::AllRead
    })
}

/// Rows for table and CSV output: headers and cells.
struct Rows {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes rows as an aligned table (cells cut at 60 characters except the last) or CSV.
fn write_rows(out: &mut impl Write, format: QueryFormat, rows: &Rows, empty: &str) -> Result<()> {
    if format == QueryFormat::Csv {
        writeln!(out, "{}", rows.headers.join(","))?;
        for row in &rows.rows {
            let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            writeln!(out, "{}", cells.join(","))?;
        }
        return Ok(());
    }
    if rows.rows.is_empty() {
        writeln!(out, "{empty}")?;
        return Ok(());
    }
    let n = rows.headers.len();
    let mut widths: Vec<usize> = rows.headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows.rows {
        for (i, c) in row.iter().enumerate().take(n) {
            widths[i] = widths[i].max(c.chars().count().min(60));
        }
    }
    let line = |cells: Vec<String>| -> String {
        let padded: Vec<String> = cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                if i + 1 == n {
                    return c;
                }
                let c: String = if c.chars().count() > 60 {
                    c.chars().take(59).chain(['…']).collect()
                } else {
                    c
                };
                format!("{:w$}", c, w = widths[i])
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        line(rows.headers.iter().map(|h| h.to_uppercase()).collect())
    )?;
    for row in &rows.rows {
        writeln!(out, "{}", line(row.iter().map(|c| one_line(c)).collect()))?;
    }
    Ok(())
}

fn write_jsonl<T: Serialize>(out: &mut impl Write, items: &[T]) -> Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn open_query_store(db: &Path) -> Result<SqliteStore> {
    Ok(SqliteStore::open(db, OpenMode::ReadOnly)?)
}

fn sink(e: std::io::Error) -> StoreError {
    StoreError::Sink(Box::new(e))
}

pub(crate) fn events(args: EventsArgs) -> Result<Outcome> {
    let store = open_query_store(&args.db)?;
    let filter = args.filter.filter((args.limit > 0).then_some(args.limit))?;
    let format = resolve(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        QueryFormat::Jsonl => {
            store.scan_events(&filter, &mut |e| {
                serde_json::to_writer(&mut out, &e).map_err(|e| StoreError::Sink(Box::new(e)))?;
                out.write_all(b"\n").map_err(sink)
            })?;
        }
        QueryFormat::Csv => {
            writeln!(out, "{}", CSV_COLUMNS.join(","))?;
            store.scan_events(&filter, &mut |e| {
                let cells: Vec<String> = csv_cells(&e).iter().map(|c| csv_field(c)).collect();
                writeln!(out, "{}", cells.join(",")).map_err(sink)
            })?;
        }
        QueryFormat::Table => {
            let mut rows = Vec::new();
            store.scan_events(&filter, &mut |e| {
                rows.push(vec![
                    e.id.to_string(),
                    e.date.clone().unwrap_or_default(),
                    e.source.clone(),
                    e.target.clone(),
                    e.code.clone(),
                    e.quad.to_string(),
                    format!("{:.1}", e.goldstein),
                    e.modality.clone(),
                    e.num_mentions.to_string(),
                    e.num_articles.to_string(),
                    e.num_sources.to_string(),
                    e.evidence.clone(),
                ]);
                Ok(())
            })?;
            let headers = vec![
                "id",
                "date",
                "source",
                "target",
                "code",
                "quad",
                "goldstein",
                "modality",
                "mentions",
                "articles",
                "sources",
                "evidence",
            ];
            write_rows(&mut out, format, &Rows { headers, rows }, "no events")?;
        }
    }
    out.flush()?;
    Ok(Outcome::AllRead)
}

pub(crate) fn series(args: SeriesArgs) -> Result<Outcome> {
    let store = open_query_store(&args.db)?;
    let query = SeriesQuery {
        a: args.a,
        b: args.b,
        by: match args.by {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        },
        since: args.since,
        until: args.until,
    };
    let rows = store.series(&query)?;
    let format = resolve(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == QueryFormat::Jsonl {
        write_jsonl(&mut out, &rows)?;
    } else {
        let headers = vec![
            "period",
            "source",
            "target",
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
            "events",
            "mentions",
            "goldstein_mean",
        ];
        let rows = rows
            .iter()
            .map(|r| {
                vec![
                    r.period.clone(),
                    r.source.clone(),
                    r.target.clone(),
                    r.verbal_cooperation.to_string(),
                    r.material_cooperation.to_string(),
                    r.verbal_conflict.to_string(),
                    r.material_conflict.to_string(),
                    r.events.to_string(),
                    r.mentions.to_string(),
                    format!("{:.2}", r.goldstein_mean),
                ]
            })
            .collect();
        write_rows(
            &mut out,
            format,
            &Rows { headers, rows },
            "no events between these actors",
        )?;
    }
    out.flush()?;
    Ok(Outcome::AllRead)
}

pub(crate) fn dyads(args: DyadsArgs) -> Result<Outcome> {
    let store = open_query_store(&args.db)?;
    let rows = store.dyads(&DyadQuery {
        limit: args.limit,
        since: args.since,
        until: args.until,
        actor: args.actor,
    })?;
    let format = resolve(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == QueryFormat::Jsonl {
        write_jsonl(&mut out, &rows)?;
    } else {
        let headers = vec![
            "source",
            "target",
            "events",
            "mentions",
            "goldstein_mean",
            "first",
            "last",
        ];
        let rows = rows
            .iter()
            .map(|r| {
                vec![
                    r.source.clone(),
                    r.target.clone(),
                    r.events.to_string(),
                    r.mentions.to_string(),
                    format!("{:.2}", r.goldstein_mean),
                    r.first.clone().unwrap_or_default(),
                    r.last.clone().unwrap_or_default(),
                ]
            })
            .collect();
        write_rows(&mut out, format, &Rows { headers, rows }, "no events")?;
    }
    out.flush()?;
    Ok(Outcome::AllRead)
}

pub(crate) fn show(args: ShowArgs) -> Result<Outcome> {
    let store = open_query_store(&args.db)?;
    let Some(detail) = store.event(args.event)? else {
        bail!("{}: no event {}", args.db.display(), args.event);
    };
    let format = resolve(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        QueryFormat::Jsonl => {
            serde_json::to_writer(&mut out, &detail)?;
            out.write_all(b"\n")?;
        }
        QueryFormat::Csv | QueryFormat::Table => {
            let e = &detail.event;
            if format == QueryFormat::Table {
                writeln!(
                    out,
                    "event {}: {} {} → {} {} ({}), quad {}, Goldstein {:.1}, {}",
                    e.id,
                    e.date.as_deref().unwrap_or("undated"),
                    e.source,
                    e.target,
                    e.code,
                    e.name,
                    e.quad,
                    e.goldstein,
                    e.modality
                )?;
                writeln!(
                    out,
                    "{} mentions in {} articles from {} sources\n",
                    e.num_mentions, e.num_articles, e.num_sources
                )?;
            }
            let headers = vec![
                "published",
                "site",
                "article",
                "sentence",
                "code",
                "modality",
                "span",
                "evidence",
            ];
            let rows = detail
                .reports
                .iter()
                .map(|r| {
                    vec![
                        r.published.clone().unwrap_or_default(),
                        r.site.clone().unwrap_or_default(),
                        r.input.clone(),
                        r.sentence.to_string(),
                        r.code.clone(),
                        r.modality.clone(),
                        format!("{}-{}", r.span[0], r.span[1]),
                        r.evidence.clone(),
                    ]
                })
                .collect();
            write_rows(&mut out, format, &Rows { headers, rows }, "no reports")?;
        }
    }
    out.flush()?;
    Ok(Outcome::AllRead)
}

pub(crate) fn export_cmd(args: ExportArgs) -> Result<Outcome> {
    let store = open_query_store(&args.db)?;
    let filter = args.filter.filter(None)?;
    let format = match args.format {
        ExportArg::Csv => ExportFormat::Csv,
        ExportArg::Jsonl => ExportFormat::Jsonl,
        ExportArg::Gdelt => ExportFormat::Gdelt,
        ExportArg::Parquet => ExportFormat::Parquet,
    };
    // Written beside the target and renamed at the end: a failed export leaves no half file.
    let mut tmp = args.out.clone().into_os_string();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let file =
        std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let started = Instant::now();
    let n = match export(&store, &filter, format, file) {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e).with_context(|| format!("writing {}", args.out.display()));
        }
    };
    std::fs::rename(&tmp, &args.out).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "dyad: exported {n} events to {} in {:.1} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::AllRead)
}

/// Times `f` over `runs` runs: (first, median) in milliseconds.
fn time_ms<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<(f64, f64, T)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let first = times[0];
    times.sort_by(|a, b| a.total_cmp(b));
    let value = last.ok_or_else(|| anyhow::anyhow!("no run"))?;
    Ok((first, times[times.len() / 2], value))
}

pub(crate) fn bench_store(args: BenchStoreArgs) -> Result<Outcome> {
    if !args.queries_only {
        let mut store = SqliteStore::open(&args.db, OpenMode::ReadWrite)?;
        let mut generator = dyad_store::synth::Generator::new(args.seed, args.per_article);
        let per = args.per_article.max(1) as u64;
        let docs_needed = args.events.div_ceil(per);
        let started = Instant::now();
        let mut made = 0u64;
        let mut total = WriteSummary::default();
        let bar = progress();
        if !args.incremental {
            store.begin_bulk_load()?;
        }
        while made < docs_needed {
            let n = (docs_needed - made).min(args.batch.max(1) as u64);
            let docs: Vec<_> = (0..n).map(|_| generator.next_doc()).collect();
            let refs: Vec<Document<'_>> = docs.iter().map(|d| d.document()).collect();
            total.add(if args.incremental {
                store.write(&refs)?
            } else {
                store.bulk_write(&refs)?
            });
            made += n;
            bar.inc(n);
        }
        bar.finish_and_clear();
        let loaded = started.elapsed().as_secs_f64();
        if !args.incremental {
            store.finish_bulk_load()?;
            println!(
                "bulk load    rows in {loaded:.1} s; indexes, rollups and search rebuilt in {:.1} s",
                started.elapsed().as_secs_f64() - loaded
            );
        }
        store.optimize()?;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "wrote        {} articles, {} event reports: {} new events, {} merged ({:.1} s, {:.0} reports/s)",
            total.new_articles,
            total.new_articles * per,
            total.new_events,
            total.merged_reports,
            secs,
            (total.new_articles * per) as f64 / secs.max(1e-9)
        );
    }
    let store = open_query_store(&args.db)?;
    let counts = store.counts()?;
    let bytes = std::fs::metadata(&args.db).map(|m| m.len()).unwrap_or(0);
    println!(
        "store        {} events, {} reports, {} articles, {:.1} MB, {:.0} bytes/event",
        counts.events,
        counts.event_mentions,
        counts.articles,
        bytes as f64 / 1e6,
        bytes as f64 / counts.events.max(1) as f64
    );
    for line in store.explain_series()? {
        println!("series plan  {line}");
    }
    let pairs = [
        ("USA", "RUS"),
        ("ISR", "PSE"),
        ("CHN", "USA"),
        ("USAGOV", "IRNGOV"),
        ("MLI", "FRA"),
    ];
    for (a, b) in pairs {
        for by in [Period::Day, Period::Month] {
            let query = SeriesQuery {
                a: a.into(),
                b: b.into(),
                by,
                since: None,
                until: None,
            };
            let (first, median, rows) = time_ms(5, || Ok(store.series(&query)?))?;
            let events: u64 = rows.iter().map(|r| r.events).sum();
            println!(
                "series       {a} {b} --by {:<5} {:>6} rows {:>8} events  first {first:7.1} ms  median {median:7.1} ms",
                format!("{by:?}").to_lowercase(),
                rows.len(),
                events
            );
        }
    }
    let (first, median, _) = time_ms(3, || {
        Ok(store.dyads(&DyadQuery {
            limit: 20,
            ..Default::default()
        })?)
    })?;
    println!(
        "dyads        top 20                       first {first:7.1} ms  median {median:7.1} ms"
    );
    let filter = EventFilter {
        country: Some("ISR".into()),
        root: Some("19".into()),
        limit: Some(100),
        ..Default::default()
    };
    let (first, median, _) = time_ms(3, || Ok(store.events(&filter)?))?;
    println!(
        "events       --country ISR --root 19 (100)  first {first:7.1} ms  median {median:7.1} ms"
    );
    Ok(Outcome::AllRead)
}

/// Names the engine's built-in dictionaries recognise, and verbs it codes, for a generated
/// corpus whose events look like news: the same story told by several sites, worded apart.
use crate::corpus::{DETAILS, FILLER, OBJECTS, SUBJECTS, TAILS, VERBS};
const CORPUS_SITES: &[&str] = &[
    "reuters.example",
    "apnews.example",
    "bbc.example",
    "aljazeera.example",
    "dw.example",
    "france24.example",
];

/// `dyad gen-corpus`: a JSON Lines corpus for ingest benchmarks and the kill test. Each
/// article has `--sentences` sentences (25, news length); a third tell stories, half of them
/// stories another site told shortly before, so the store has reports to merge.
pub(crate) fn gen_corpus(args: GenCorpusArgs) -> Result<Outcome> {
    let mut rng = dyad_store::synth::Rng::new(args.seed);
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    // A story: subject, verb, object, detail; recent ones are retold by other sites.
    let mut recent: Vec<(usize, usize, usize, usize)> = Vec::new();
    for i in 0..args.articles {
        let day = start + chrono::Duration::days((i / 200) as i64);
        let site = rng.pick(CORPUS_SITES);
        let mut text = String::new();
        for s in 0..args.sentences.max(1) {
            if !text.is_empty() {
                text.push(if s % 5 == 0 { '\n' } else { ' ' });
                if s % 5 == 0 {
                    text.push('\n');
                }
            }
            if s % 3 == 0 {
                let story = if !recent.is_empty() && rng.below(2) == 0 {
                    recent[rng.below(recent.len())]
                } else {
                    let st = (
                        rng.below(SUBJECTS.len()),
                        rng.below(VERBS.len()),
                        rng.below(OBJECTS.len()),
                        rng.below(DETAILS.len()),
                    );
                    recent.push(st);
                    if recent.len() > 400 {
                        recent.remove(0);
                    }
                    st
                };
                text.push_str(&format!(
                    "{} {} {} {}{}",
                    SUBJECTS[story.0],
                    VERBS[story.1],
                    OBJECTS[story.2],
                    DETAILS[story.3],
                    rng.pick(TAILS)
                ));
            } else {
                text.push_str(rng.pick(FILLER));
            }
        }
        let record = serde_json::json!({
            "id": format!("gen-{i:07}"),
            "date": day.to_string(),
            "url": format!("https://{site}/news/{i}"),
            "title": format!("Report {i}"),
            "text": text,
        });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(Outcome::AllRead)
}
