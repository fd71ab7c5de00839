//! The `dyad` command line. `main` calls [`run`]; everything else is here so tests can drive
//! the commands in-process.

mod bench;
mod corpus;
mod eval_cmd;
mod eval_ingest_cmd;
mod extract_cmd;
mod output;
mod serve_cmd;
mod stances_cmd;
mod store_cmds;
mod tabari_dicts;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dyad_actors::{Dictionary, Format as ActorFormat};
use dyad_coder::VerbDictionary;
use dyad_ingest::{expand_inputs, open_input, IngestError, Record};
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
    /// Clean articles from HTML, WARC, RSS/Atom, JSON Lines or text, as JSON Lines.
    Extract(extract_cmd::ExtractArgs),
    /// List stances: who stands where on which issue, with the sentence that shows it.
    Stances(stances_cmd::StancesArgs),
    /// Where two actors split: per issue, each side's positions and a divergence score.
    Divergence(stances_cmd::DivergenceArgs),
    /// Score dyad on the gold sets in ../shared/eval (PETRARCH unit tests, GSR sentences).
    Eval(eval_cmd::EvalArgs),
    /// Code articles into the store (an SQLite file, --db, default dyad.db).
    Ingest(store_cmds::IngestArgs),
    /// Query stored events.
    Events(store_cmds::EventsArgs),
    /// Events between two actors per day, week or month, both directions.
    Series(store_cmds::SeriesArgs),
    /// The most active actor pairs in the store.
    Dyads(store_cmds::DyadsArgs),
    /// One stored event with every sentence that reports it.
    Show(store_cmds::ShowArgs),
    /// Export stored events: CSV, JSON Lines, GDELT 2.0 Events TSV or Parquet.
    Export(store_cmds::ExportArgs),
    /// Serve a store read-only: JSON API (OpenAPI at /openapi.json) and dashboard.
    Serve(serve_cmd::ServeArgs),
    /// Fill a store with synthetic events and time its queries.
    #[command(hide = true)]
    BenchStore(store_cmds::BenchStoreArgs),
    /// Write a generated JSON Lines corpus (ingest benchmarks, tests).
    #[command(hide = true)]
    GenCorpus(store_cmds::GenCorpusArgs),
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
    /// Actor dictionary in TABARI / PETRARCH syntax (Phoenix.*.actors.txt; repeatable). Any
    /// --tabari-* flag codes with TABARI semantics.
    #[arg(long = "tabari-actors", value_name = "FILE")]
    tabari_actors: Vec<PathBuf>,
    /// Agent dictionary in TABARI syntax (Phoenix.agents.txt; repeatable).
    #[arg(long = "tabari-agents", value_name = "FILE")]
    tabari_agents: Vec<PathBuf>,
    /// Verb dictionary in TABARI / PETRARCH syntax (CAMEO.2.0.txt; repeatable).
    #[arg(long = "tabari-verbs", value_name = "FILE")]
    tabari_verbs: Vec<PathBuf>,
    /// Discard phrases in TABARI syntax (Phoenix.discards.txt; repeatable).
    #[arg(long = "tabari-discards", value_name = "FILE")]
    tabari_discards: Vec<PathBuf>,
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
        Command::Extract(args) => extract_cmd::run(args),
        Command::Stances(args) => stances_cmd::stances(args),
        Command::Divergence(args) => stances_cmd::divergence_cmd(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Ingest(args) => store_cmds::ingest(args),
        Command::Events(args) => store_cmds::events(args),
        Command::Series(args) => store_cmds::series(args),
        Command::Dyads(args) => store_cmds::dyads(args),
        Command::Show(args) => store_cmds::show(args),
        Command::Export(args) => store_cmds::export_cmd(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::BenchStore(args) => store_cmds::bench_store(args),
        Command::GenCorpus(args) => store_cmds::gen_corpus(args),
    }
}

/// Builds the engine from built-in and user dictionaries, reporting problems on stderr.
pub(crate) fn build_engine(args: &DictionaryArgs) -> Result<Engine> {
    if let Some(engine) = tabari_dicts::build(args)? {
        return Ok(engine);
    }
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
        let mut records = match path.and_then(|p| open_input(&p)) {
            Ok(records) => records,
            Err(e) => {
                eprintln!("dyad: {e}");
                failed = true;
                continue;
            }
        };
        // Records are read in batches and parsed (HTML extraction included) and analysed on
        // every core, so memory stays bounded on large archives; output keeps input order.
        loop {
            let batch: Vec<_> = records.by_ref().take(512).collect();
            if batch.is_empty() {
                break;
            }
            let analyses: Vec<Result<Analysis, IngestError>> = batch
                .into_par_iter()
                .map(|r| r.and_then(Record::parse).map(|d| engine.analyse(d.article)))
                .collect();
            for analysis in analyses {
                match analysis {
                    Ok(a) => sink(&a)?,
                    Err(e) => {
                        eprintln!("dyad: {e}");
                        failed = true;
                    }
                }
            }
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
