//! `dyad eval extraction` and `dyad eval dates`: the HTML stage scored on the benchmarks in
//! `../shared/eval` by `dyad-eval`, with an F1 floor for CI.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use dyad_eval::{EvalError, Report};

use crate::Outcome;

#[derive(clap::Args, Debug)]
pub(crate) struct BenchmarkArgs {
    /// The benchmark's directory (default: ../shared/eval/<name>, from the current directory).
    dir: Option<PathBuf>,
    /// Worker threads (default: all cores). Pages/s is single-thread throughput (the time
    /// spent in the extractor, summed over threads) whatever this is.
    #[arg(long)]
    threads: Option<usize>,
    /// Fail (exit 1) when F1 is below this.
    #[arg(long, value_name = "F1")]
    min_f1: Option<f64>,
    /// List the N lowest-scoring pages first.
    #[arg(long, value_name = "N")]
    worst: Option<usize>,
}

/// `dyad eval extraction`: main-text extraction (Scrapinghub's article-extraction benchmark).
pub(crate) fn extraction(args: BenchmarkArgs) -> Result<Outcome> {
    benchmark("extraction", args, dyad_eval::extraction::run)
}

/// `dyad eval dates`: publication dates (the htmldate benchmark).
pub(crate) fn dates(args: BenchmarkArgs) -> Result<Outcome> {
    benchmark("dates", args, dyad_eval::dates::run)
}

fn benchmark(
    name: &str,
    args: BenchmarkArgs,
    run: fn(&Path, usize) -> Result<Report, EvalError>,
) -> Result<Outcome> {
    let dir = args
        .dir
        .unwrap_or_else(|| Path::new("../shared/eval").join(name));
    if !dir.is_dir() {
        bail!(
            "no {name} benchmark at {}: pass its directory, or run from the repository root with \
             shared/ beside it",
            dir.display()
        );
    }
    let threads = args.threads.filter(|&n| n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let report = run(&dir, threads).with_context(|| format!("{name} benchmark"))?;
    if let Some(n) = args.worst {
        let mut pages = report.per_page.clone();
        pages.sort_by(|a, b| (a.precision + a.recall).total_cmp(&(b.precision + b.recall)));
        for p in pages.iter().take(n) {
            println!(
                "{:.3} {:.3} {} expected {} found {}",
                p.precision, p.recall, p.name, p.expected, p.found
            );
        }
    }
    println!(
        "{name}: F1 {:.4}  precision {:.4}  recall {:.4}  pages {}  pages/s {:.1} (single thread)",
        report.f1, report.precision, report.recall, report.pages, report.pages_per_sec
    );
    if let Some(min) = args.min_f1 {
        if report.f1 < min {
            eprintln!("dyad: {name}: F1 {:.4} is below the floor {min}", report.f1);
            return Ok(Outcome::SomeFailed);
        }
    }
    Ok(Outcome::AllRead)
}
