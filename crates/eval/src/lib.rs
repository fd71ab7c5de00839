//! Evaluation harnesses: dyad's stages scored against the shared gold data in `../shared/eval`.
//!
//! Unlike the stages, this crate does I/O: it reads the benchmark files. Each module answers one
//! question ("how well does the HTML stage find article text?") with a [`Report`].

pub mod dates;
pub mod extraction;
pub mod petrarch;

use std::fmt;
use std::path::{Path, PathBuf};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A benchmark file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The gold file is not the expected JSON.
    #[error("parsing {path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
}

/// One page's score.
#[derive(Debug, Clone)]
pub struct PageScore {
    /// The page's file name.
    pub name: String,
    /// Precision on this page.
    pub precision: f64,
    /// Recall on this page.
    pub recall: f64,
    /// What was expected, briefly (a date, or the gold text's length).
    pub expected: String,
    /// What was found, briefly.
    pub found: String,
}

/// The outcome of an evaluation.
#[derive(Debug, Clone)]
pub struct Report {
    /// What was evaluated.
    pub name: &'static str,
    /// Precision (see the module's scoring method).
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Pages evaluated.
    pub pages: usize,
    /// Single-thread throughput: pages divided by the summed time spent in the stage alone
    /// (file reading and decompression excluded; CPU time where the OS reports it).
    pub pages_per_sec: f64,
    /// Per-page scores, in file-name order.
    pub per_page: Vec<PageScore>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: F1 {:.4}  precision {:.4}  recall {:.4}  pages {}  pages/s {:.1}",
            self.name, self.f1, self.precision, self.recall, self.pages, self.pages_per_sec
        )
    }
}

/// Harmonic mean, 0 when both are 0.
pub(crate) fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Reads a gzip-compressed file whole.
pub(crate) fn read_gz(path: &Path) -> Result<Vec<u8>, EvalError> {
    use std::io::Read;
    let io = |source| EvalError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .map_err(io)?;
    Ok(out)
}

/// Reads and parses a JSON file.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| EvalError::Json {
        path: path.to_owned(),
        source,
    })
}

/// Runs `work` over `items` on `threads` threads, returning results in input order and the summed
/// time spent inside `work` (so throughput is single-thread throughput whatever `threads` is).
///
/// The time is the calling thread's CPU time where the OS reports it (Unix), so that other
/// processes competing for the cores do not distort it, and wall-clock time elsewhere.
pub(crate) fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> (Vec<R>, std::time::Duration) {
    let threads = threads.max(1).min(items.len().max(1));
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    let parts: Vec<(Vec<R>, std::time::Duration)> = std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let mut total = std::time::Duration::ZERO;
                    let mut out = Vec::with_capacity(part.len());
                    for item in part {
                        let cpu = thread_cpu_time();
                        let t = std::time::Instant::now();
                        let r = work(item);
                        let wall = t.elapsed();
                        total += match (cpu, thread_cpu_time()) {
                            (Some(a), Some(b)) if b >= a => b - a,
                            _ => wall,
                        };
                        out.push(r);
                    }
                    (out, total)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut results = Vec::with_capacity(items.len());
    let mut total = std::time::Duration::ZERO;
    for (r, t) in parts {
        results.extend(r);
        total += t;
    }
    (results, total)
}

/// This thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`, on Unix).
#[cfg(unix)]
fn thread_cpu_time() -> Option<std::time::Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` only writes the `timespec` we pass, which outlives the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Option<std::time::Duration> {
    None
}

/// The shared data directory (`../shared` beside the workspace), if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dir.is_dir().then_some(dir)
}
