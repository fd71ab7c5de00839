//! `dyad eval`: scores dyad on the gold sets in `../shared/eval` and, with `--min-*` floors,
//! fails when a figure drops below what was reached (CI runs it so).

use crate::Outcome;
use anyhow::{bail, Result};
use clap::{Subcommand, ValueEnum};
use dyad_eval::petrarch::{self, GsrDictionaries, PetrarchReport};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    #[command(subcommand)]
    which: Which,
}

#[derive(Subcommand, Debug)]
enum Which {
    /// PETRARCH's unit-test suite, coded with its own TABARI dictionaries (PETR.Validate.*).
    PetrarchUnit(UnitArgs),
    /// Real-news gold sentences coded with Phoenix + CAMEO.2.0, or dyad's own dictionaries.
    PetrarchGsr(GsrArgs),
    /// HTML main-text extraction on the article-extraction benchmark: F1, precision, recall,
    /// pages/s.
    Extraction(crate::eval_ingest_cmd::BenchmarkArgs),
    /// Publication dates found in HTML pages on the htmldate benchmark.
    Dates(crate::eval_ingest_cmd::BenchmarkArgs),
}

#[derive(clap::Args, Debug)]
struct Floors {
    /// List the records coded wrongly, with expected and found events.
    #[arg(long, short)]
    verbose: bool,
    /// Fail (exit 1) when fewer records than this are exactly right.
    #[arg(long, value_name = "N")]
    min_exact: Option<usize>,
    /// Fail (exit 1) when the triple F1 is below this.
    #[arg(long, value_name = "F1")]
    min_f1: Option<f64>,
}

#[derive(clap::Args, Debug)]
struct UnitArgs {
    /// The suite's directory (default: ../shared/eval/petrarch-unit).
    dir: Option<PathBuf>,
    #[command(flatten)]
    floors: Floors,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DictChoice {
    Phoenix,
    Dyad,
}

#[derive(clap::Args, Debug)]
struct GsrArgs {
    /// The gold set's directory (default: ../shared/eval/petrarch-gsr); the Phoenix and
    /// CAMEO.2.0 dictionaries are read from ../dictionaries/petrarch2 beside it.
    dir: Option<PathBuf>,
    /// Which dictionaries code the sentences; with dyad's own, triples are compared at
    /// country (first three letters) and CAMEO-root level.
    #[arg(long, value_enum, default_value = "phoenix")]
    dictionaries: DictChoice,
    #[command(flatten)]
    floors: Floors,
}

fn default_dir(name: &str) -> Result<PathBuf> {
    let candidates = [
        PathBuf::from("../shared/eval").join(name),
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/eval")
            .join(name),
    ];
    match candidates.iter().find(|p| p.is_dir()) {
        Some(p) => Ok(p.clone()),
        None => bail!("no {name} directory: pass one, or put shared/ beside the workspace"),
    }
}

pub fn run(args: EvalArgs) -> Result<Outcome> {
    let (report, floors) = match args.which {
        Which::Extraction(a) => return crate::eval_ingest_cmd::extraction(a),
        Which::Dates(a) => return crate::eval_ingest_cmd::dates(a),
        Which::PetrarchUnit(a) => {
            let dir = match a.dir {
                Some(d) => d,
                None => default_dir("petrarch-unit")?,
            };
            (petrarch::run_unit(&dir)?, a.floors)
        }
        Which::PetrarchGsr(a) => {
            let dir = match a.dir {
                Some(d) => d,
                None => default_dir("petrarch-gsr")?,
            };
            let which = match a.dictionaries {
                DictChoice::Phoenix => GsrDictionaries::Phoenix,
                DictChoice::Dyad => GsrDictionaries::Dyad,
            };
            (petrarch::run_gsr(&dir, which)?, a.floors)
        }
    };
    print(&report, &floors)
}

fn print(report: &PetrarchReport, floors: &Floors) -> Result<Outcome> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if floors.verbose {
        for e in report.dictionary_errors.iter().take(50) {
            eprintln!("dyad: dictionary: {e}");
        }
        if report.dictionary_errors.len() > 50 {
            eprintln!(
                "dyad: dictionary: ... {} more",
                report.dictionary_errors.len() - 50
            );
        }
        for r in report.failures() {
            let show = |set: &std::collections::BTreeSet<petrarch::Triple>| {
                if set.is_empty() {
                    "(none)".to_string()
                } else {
                    set.iter()
                        .map(|(s, t, c)| format!("{s}/{t}/{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            writeln!(out, "FAIL {}: {}", r.id, r.text.trim())?;
            writeln!(out, "     expected {}", show(&r.expected))?;
            writeln!(out, "     got      {}", show(&r.got))?;
        }
    }
    writeln!(out, "{report}")?;
    writeln!(
        out,
        "  dictionaries read and parsed in {:.0} ms, compiled in {:.0} ms ({} problems reported; --verbose lists them)",
        report.parse_time.as_secs_f64() * 1000.0,
        report.compile_time.as_secs_f64() * 1000.0,
        report.dictionary_errors.len()
    )?;
    out.flush()?;
    let mut ok = true;
    if let Some(min) = floors.min_exact {
        if report.exact() < min {
            eprintln!(
                "dyad: {}: {} records exactly right, below the floor of {min}",
                report.name,
                report.exact()
            );
            ok = false;
        }
    }
    if let Some(min) = floors.min_f1 {
        if report.triples.f1() + 1e-9 < min {
            eprintln!(
                "dyad: {}: triple F1 {:.3}, below the floor of {min}",
                report.name,
                report.triples.f1()
            );
            ok = false;
        }
    }
    Ok(if ok {
        Outcome::AllRead
    } else {
        Outcome::SomeFailed
    })
}
