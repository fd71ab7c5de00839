//! `dyad extract`: pages, feeds, archives and dumps in, clean articles out as JSON Lines.
//!
//! The work is a pipeline with flat memory whatever the inputs' size:
//!
//! - reader threads open the inputs a few files ahead and frame them into records
//!   ([`dyad_ingest::open_input`]: I/O, decompression, WARC and JSON Lines framing), sending
//!   batches down one small bounded channel per file;
//! - the main thread takes the files in order and hands each batch to the rayon pool, which
//!   parses the records (HTML extraction, cleaning) and fingerprints the texts in parallel;
//! - back on the main thread, in input order, each text is checked for duplicates
//!   ([`Deduplicator`]) and written.
//!
//! So the output order is the input order, whatever `--threads` is, and the first of a set of
//! duplicates is the original.

use std::collections::{BTreeMap, VecDeque};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Result;
use dyad_ingest::{
    expand_inputs, open_input, Deduplicator, Document, IngestError, Record, Signature, Verdict,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::{configure_threads, Outcome};

#[derive(clap::Args, Debug)]
pub(crate) struct ExtractArgs {
    /// Inputs: HTML pages, WARC archives, RSS or Atom feeds, JSON Lines, text dumps, or
    /// directories of them; gzip or zstd compressed or not. `-` reads standard input.
    #[arg(value_name = "INPUTS", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Leave duplicates out instead of writing them with `duplicate_of`.
    #[arg(long)]
    drop_duplicates: bool,
    /// Do not look for duplicates.
    #[arg(long, conflicts_with = "drop_duplicates")]
    no_dedup: bool,
    /// Estimated Jaccard similarity of the word 5-shingles at which two texts are near
    /// duplicates.
    #[arg(long, value_name = "J", default_value_t = dyad_ingest::DEFAULT_THRESHOLD)]
    similarity: f64,
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    input: &'a str,
    id: &'a str,
    url: Option<&'a str>,
    source: Option<&'a str>,
    title: Option<&'a str>,
    date: Option<String>,
    author: Option<&'a str>,
    language: Option<&'a str>,
    site_name: Option<&'a str>,
    content_hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<f64>,
    text: &'a str,
}

/// What the reader threads send for one file.
enum Msg {
    Batch(Vec<Result<Record, IngestError>>),
    /// Records passed over (WARC requests and the like), sent when the file is done.
    Skipped(BTreeMap<&'static str, u64>),
    /// The file could not be opened.
    Failed(IngestError),
}

/// Records per batch handed to the pool, per worker thread.
const BATCH_PER_THREAD: usize = 16;
/// Bytes of raw records per batch, at most (one oversized record aside).
const BATCH_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
struct Summary {
    inputs: u64,
    documents: u64,
    written: u64,
    exact: u64,
    near: u64,
    failed: BTreeMap<&'static str, u64>,
    skipped: BTreeMap<&'static str, u64>,
}

pub(crate) fn run(args: ExtractArgs) -> Result<Outcome> {
    configure_threads(args.threads);
    let threads = rayon::current_num_threads();
    let batch = (BATCH_PER_THREAD * threads).max(32);
    let readers = (threads / 4).clamp(1, 4);
    let started = Instant::now();
    let bar = progress();
    let mut summary = Summary::default();
    let mut dedup = (!args.no_dedup).then(|| Deduplicator::new(args.similarity));

    let files = expand_inputs(&args.inputs);
    let (job_tx, job_rx) = sync_channel::<(PathBuf, SyncSender<Msg>)>(readers);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let result = std::thread::scope(|s| {
        for _ in 0..readers {
            let jobs = Arc::clone(&job_rx);
            s.spawn(move || loop {
                let job = match jobs.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((path, tx)) = job else { return };
                read_file(&path, &tx, batch);
            });
        }
        // The consumer owns the job sender and the per-file receivers, so that on an early
        // return (a closed stdout) they are dropped and the readers stop.
        let stdout = std::io::stdout();
        let mut sink = Sink {
            out: std::io::BufWriter::new(stdout.lock()),
            bar: &bar,
            summary: &mut summary,
            dedup: dedup.as_mut(),
            drop_duplicates: args.drop_duplicates,
        };
        consume(files, job_tx, readers + 1, &mut sink)
    });
    bar.finish_and_clear();
    result?;
    report(
        &summary,
        started.elapsed().as_secs_f64(),
        args.drop_duplicates,
    );
    Ok(if summary.failed.is_empty() {
        Outcome::AllRead
    } else {
        Outcome::SomeFailed
    })
}

/// A parsed record: its name, and the document with its fingerprint.
type Parsed = (String, Result<(Document, Option<Signature>), IngestError>);

/// Where parsed documents go, in input order: the duplicate check, stdout, the counts.
struct Sink<'a, W: Write> {
    out: W,
    bar: &'a indicatif::ProgressBar,
    summary: &'a mut Summary,
    dedup: Option<&'a mut Deduplicator>,
    drop_duplicates: bool,
}

impl<W: Write> Sink<'_, W> {
    fn failed(&mut self, e: &IngestError) {
        self.bar.suspend(|| eprintln!("dyad: {e}"));
        *self.summary.failed.entry(e.reason()).or_insert(0) += 1;
    }

    /// Parses a batch on the pool, then checks and writes its documents in order.
    fn batch(&mut self, records: Vec<Result<Record, IngestError>>) -> Result<()> {
        let with_sigs = self.dedup.is_some();
        let parsed: Vec<Parsed> = records
            .into_par_iter()
            .map(|r| match r {
                Err(e) => (e.input().to_owned(), Err(e)),
                Ok(rec) => {
                    let name = rec.input().to_owned();
                    let doc = rec.parse().map(|d| {
                        let sig = with_sigs.then(|| Signature::of(&d.article.text));
                        (d, sig)
                    });
                    (name, doc)
                }
            })
            .collect();
        for (name, doc) in parsed {
            self.summary.documents += 1;
            self.bar.inc(1);
            let (doc, sig) = match doc {
                Ok(d) => d,
                Err(e) => {
                    self.failed(&e);
                    continue;
                }
            };
            let verdict = match (self.dedup.as_deref_mut(), &sig) {
                (Some(d), Some(sig)) => d.check(&name, sig),
                _ => Verdict::Unique,
            };
            match &verdict {
                Verdict::Unique => {}
                Verdict::Exact { .. } => self.summary.exact += 1,
                Verdict::Near { .. } => self.summary.near += 1,
            }
            if self.drop_duplicates && verdict != Verdict::Unique {
                continue;
            }
            write_line(&mut self.out, &name, &doc, sig.as_ref(), &verdict)?;
            self.summary.written += 1;
        }
        Ok(())
    }
}

/// Takes the files' batches in input order (opening up to `window` files ahead) and hands them
/// to the sink.
fn consume<W: Write>(
    files: Vec<Result<PathBuf, IngestError>>,
    job_tx: SyncSender<(PathBuf, SyncSender<Msg>)>,
    window: usize,
    sink: &mut Sink<'_, W>,
) -> Result<()> {
    let mut pending: VecDeque<Receiver<Msg>> = VecDeque::new();
    let mut files = files.into_iter();
    loop {
        while pending.len() < window {
            let Some(file) = files.next() else { break };
            let (tx, rx) = sync_channel(2);
            match file {
                Ok(path) => {
                    if job_tx.send((path, tx)).is_err() {
                        anyhow::bail!("the input readers stopped");
                    }
                }
                // Capacity 2: this never blocks.
                Err(e) => {
                    let _ = tx.send(Msg::Failed(e));
                }
            }
            pending.push_back(rx);
        }
        let Some(rx) = pending.pop_front() else { break };
        sink.summary.inputs += 1;
        for msg in rx.iter() {
            match msg {
                Msg::Failed(e) => sink.failed(&e),
                Msg::Skipped(counts) => {
                    for (reason, n) in counts {
                        *sink.summary.skipped.entry(reason).or_insert(0) += n;
                    }
                }
                Msg::Batch(records) => sink.batch(records)?,
            }
        }
    }
    sink.out.flush()?;
    Ok(())
}

/// Frames one file into batches of records for the consumer.
fn read_file(path: &std::path::Path, tx: &SyncSender<Msg>, batch: usize) {
    let mut records = match open_input(path) {
        Ok(r) => r,
        Err(e) => {
            let _ = tx.send(Msg::Failed(e));
            return;
        }
    };
    let mut current = Vec::with_capacity(batch);
    let mut bytes = 0usize;
    for r in records.by_ref() {
        bytes += r.as_ref().map_or(0, Record::size);
        current.push(r);
        if current.len() >= batch || bytes >= BATCH_BYTES {
            let full = std::mem::replace(&mut current, Vec::with_capacity(batch));
            bytes = 0;
            if tx.send(Msg::Batch(full)).is_err() {
                return;
            }
        }
    }
    if !current.is_empty() && tx.send(Msg::Batch(current)).is_err() {
        return;
    }
    let _ = tx.send(Msg::Skipped(records.skipped()));
}

fn write_line(
    out: &mut impl Write,
    input: &str,
    doc: &Document,
    sig: Option<&Signature>,
    verdict: &Verdict,
) -> Result<()> {
    let a = &doc.article;
    let line = Line {
        input,
        id: &a.id.0,
        url: a.url.as_deref(),
        source: a.source.as_deref(),
        title: a.title.as_deref(),
        date: a.published.map(|d| d.format("%Y-%m-%d").to_string()),
        author: doc.author.as_deref(),
        language: a.language.as_deref(),
        site_name: doc.site_name.as_deref(),
        content_hash: sig.map_or_else(
            || dyad_ingest::content_hash(&a.text),
            Signature::content_hash,
        ),
        duplicate_of: verdict.duplicate_of(),
        similarity: match verdict {
            Verdict::Unique => None,
            Verdict::Exact { .. } => Some(1.0),
            Verdict::Near { similarity, .. } => Some((similarity * 1000.0).round() / 1000.0),
        },
        text: &a.text,
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn progress() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    let style =
        indicatif::ProgressStyle::with_template("{spinner} {pos} pages, {per_sec} [{elapsed}]")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn counts(map: &BTreeMap<&'static str, u64>) -> String {
    let mut items: Vec<(&&str, &u64)> = map.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    items
        .iter()
        .map(|(r, n)| format!("{n} {r}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary on stderr: what was read, written, found twice, failed and passed over.
fn report(s: &Summary, secs: f64, dropped: bool) {
    let failed: u64 = s.failed.values().sum();
    let mut line = format!(
        "dyad: extract: {} from {} in {secs:.1} s ({:.1} pages/s): {} written",
        plural(s.documents, "document"),
        plural(s.inputs, "input"),
        s.documents as f64 / secs.max(1e-9),
        s.written
    );
    if s.exact + s.near > 0 {
        line.push_str(&format!(
            ", {} {} ({} exact, {} near)",
            plural(s.exact + s.near, "duplicate"),
            if dropped { "dropped" } else { "marked" },
            s.exact,
            s.near
        ));
    }
    if failed > 0 {
        line.push_str(&format!("; {failed} failed: {}", counts(&s.failed)));
    }
    if !s.skipped.is_empty() {
        let skipped: u64 = s.skipped.values().sum();
        line.push_str(&format!("; {skipped} skipped: {}", counts(&s.skipped)));
    }
    eprintln!("{line}");
}
