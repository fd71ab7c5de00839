//! The `dyad` command line. `main` calls [`run`]; everything else is here so tests can drive
//! the commands in-process.

mod bench;
mod output;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dyad_actors::{Dictionary, Format as ActorFormat};
use dyad_coder::VerbDictionary;
use dyad_ingest::{expand_inputs, read_input};
use dyad_model::Article;
use dyad_pipeline::{Analysis, Engine};
use rayon::prelude::*;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// dyad turns news into political event data: who did what to whom, when, with the sentence
/// that shows it.
#[derive(Parser, Debug)]
#[command(name = "dyad", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Code events from articles: plain text, scraped-text dumps or JSON Lines.
    Code(CodeArgs),
    /// List the actors recognised in articles.
    Actors(ActorsArgs),
    /// Measure coding throughput on a generated corpus.
    Bench(bench::BenchArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub(crate) struct DictionaryArgs {
    /// Extra actor dictionary in dyad's format (repeatable); its kind follows its file name
    /// (countries*, agents*, anything else: people/organisations layout).
    #[arg(long = "actors-dict", value_name = "FILE")]
    actor_dicts: Vec<PathBuf>,
    /// Extra verb-pattern dictionary in dyad's format (repeatable).
    #[arg(long = "verbs-dict", value_name = "FILE")]
    verb_dicts: Vec<PathBuf>,
    /// Use only the dictionaries given, not the built-in ones.
    #[arg(long)]
    no_builtin: bool,
}

#[derive(clap::Args, Debug)]
struct CodeArgs {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "FILES", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Output format: JSON Lines by default when piped, a table on a terminal.
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

#[derive(clap::Args, Debug)]
struct ActorsArgs {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "FILES", default_value = "-")]
    inputs: Vec<PathBuf>,
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    Jsonl,
    Tsv,
    Table,
}

fn resolve_format(format: Option<OutputFormat>) -> OutputFormat {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Jsonl
    })
}

/// Runs dyad with the given arguments and returns the exit code: 0 when every input was read,
/// 1 when some failed (each named on stderr), 2 on a usage error.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match dispatch(cli) {
        Ok(Outcome::AllRead) => 0,
        Ok(Outcome::SomeFailed) => 1,
        Err(e) => {
            // A closed pipe (`dyad code | head`) is the reader's choice, not a failure.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return 0;
            }
            eprintln!("dyad: {e:#}");
            2
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    AllRead,
    SomeFailed,
}

fn dispatch(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Code(args) => code(args),
        Command::Actors(args) => actors(args),
        Command::Bench(args) => bench::run(args).map(|_| Outcome::AllRead),
    }
}

/// Builds the engine from built-in and user dictionaries, reporting problems on stderr.
pub(crate) fn build_engine(args: &DictionaryArgs) -> Result<Engine> {
    let (mut actors, mut verbs) = if args.no_builtin {
        (Dictionary::default(), VerbDictionary::default())
    } else {
        (Dictionary::builtin().0, VerbDictionary::builtin().0)
    };
    let mut problems = Vec::new();
    for path in &args.actor_dicts {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading actor dictionary {}", path.display()))?;
        let name = path.display().to_string();
        problems.extend(
            actors
                .add(&name, &text, ActorFormat::from_file_name(&name))
                .into_iter()
                .map(|e| format!("error: {e}")),
        );
    }
    for path in &args.verb_dicts {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading verb dictionary {}", path.display()))?;
        let name = path.display().to_string();
        problems.extend(
            verbs
                .add(&name, &text)
                .into_iter()
                .map(|e| format!("error: {e}")),
        );
    }
    let (engine, report) = Engine::new(&actors, &verbs);
    for line in problems.into_iter().chain(report.lines()) {
        eprintln!("dyad: {line}");
    }
    Ok(engine)
}

/// Reads every input and hands analyses to `sink` in input order; bad inputs and documents
/// are named on stderr and counted.
fn for_each_analysis(
    engine: &Engine,
    inputs: &[PathBuf],
    mut sink: impl FnMut(&Analysis) -> Result<()>,
) -> Result<Outcome> {
    let mut failed = false;
    for path in expand_inputs(inputs) {
        let docs = match path.and_then(|p| read_input(&p)) {
            Ok(docs) => docs,
            Err(e) => {
                eprintln!("dyad: {e}");
                failed = true;
                continue;
            }
        };
        let mut articles: Vec<Article> = Vec::with_capacity(docs.len());
        for doc in docs {
            match doc {
                Ok(a) => articles.push(a),
                Err(e) => {
                    eprintln!("dyad: {e}");
                    failed = true;
                }
            }
        }
        // Batches keep memory bounded on large JSON Lines files while using every core.
        let mut rest = articles;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(512));
            let analyses: Vec<Analysis> = rest.into_par_iter().map(|a| engine.analyse(a)).collect();
            for analysis in &analyses {
                sink(analysis)?;
            }
            rest = tail;
        }
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllRead
    })
}

fn configure_threads(threads: Option<usize>) {
    if let Some(n) = threads.filter(|&n| n > 0) {
        // Fails only if a pool exists already, which then serves as well.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
}

fn code(args: CodeArgs) -> Result<Outcome> {
    configure_threads(args.threads);
    let engine = build_engine(&args.dictionaries)?;
    let format = resolve_format(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut table = output::EventTable::new(format);
    let outcome = for_each_analysis(&engine, &args.inputs, |analysis| {
        table.write(&mut out, analysis)
    })?;
    table.finish(&mut out)?;
    out.flush()?;
    Ok(outcome)
}

fn actors(args: ActorsArgs) -> Result<Outcome> {
    let engine = build_engine(&args.dictionaries)?;
    let format = resolve_format(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut table = output::MentionTable::new(format);
    let outcome = for_each_analysis(&engine, &args.inputs, |analysis| {
        table.write(&mut out, analysis)
    })?;
    table.finish(&mut out)?;
    out.flush()?;
    Ok(outcome)
}
