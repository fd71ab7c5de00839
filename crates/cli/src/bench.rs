//! `dyad bench`: raw text → events throughput on a generated news-like corpus.
//!
//! The corpus is generated, not shipped: sentences built from actor and verb phrases with
//! realistic filler (clauses, attributions, numbers, quotes), so the figure measures the
//! whole path (sentence splitting, tokenising, actor matching, coding) on text of news length.

use crate::corpus::{FILLER, OBJECTS, SUBJECTS, TAILS, VERBS};
use anyhow::Result;
use dyad_model::Article;
use dyad_store::synth::Rng;
use rayon::prelude::*;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Sentences to generate.
    #[arg(long, default_value_t = 200_000)]
    sentences: usize,
    /// Sentences per generated article.
    #[arg(long, default_value_t = 25)]
    per_article: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Measure actor recognition alone (sentences and mentions, no event coding).
    #[arg(long)]
    actors_only: bool,
    #[command(flatten)]
    dictionaries: crate::DictionaryArgs,
}

fn generate(sentences: usize, per_article: usize) -> Vec<Article> {
    let mut rng = Rng::new(42);
    let per_article = per_article.max(1);
    let mut articles = Vec::new();
    let mut made = 0;
    while made < sentences {
        let n = per_article.min(sentences - made);
        let mut text = String::new();
        for i in 0..n {
            if i > 0 {
                text.push(' ');
            }
            if i % 4 == 3 {
                text.push_str(rng.pick(FILLER));
            } else {
                text.push_str(rng.pick(SUBJECTS));
                text.push(' ');
                text.push_str(rng.pick(VERBS));
                text.push(' ');
                text.push_str(rng.pick(OBJECTS));
                text.push_str(rng.pick(TAILS));
            }
            if i % 8 == 7 {
                text.push_str("\n\n");
            }
        }
        let mut article = Article::new(format!("bench#{}", articles.len()), text);
        article.published = chrono::NaiveDate::from_ymd_opt(2026, 1, 11);
        articles.push(article);
        made += n;
    }
    articles
}

pub fn run(args: BenchArgs) -> Result<()> {
    crate::configure_threads(args.threads);
    let build_start = Instant::now();
    let engine = crate::build_engine(&args.dictionaries)?;
    let build = build_start.elapsed();
    let articles = generate(args.sentences, args.per_article);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let actors_only = args.actors_only;
    let (sentences, events) = articles
        .into_par_iter()
        .map(|a| {
            if actors_only {
                let sentences = dyad_text::split_sentences(&a.text);
                let mentions = engine
                    .recognizer()
                    .recognize(&a.text, &sentences, a.published);
                (sentences.len(), mentions.len())
            } else {
                let analysis = engine.analyse(a);
                (analysis.sentences.len(), analysis.events.len())
            }
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_start;
    println!(
        "dictionaries compiled in {:.0} ms",
        build.as_secs_f64() * 1000.0
    );
    println!("threads      {}", rayon::current_num_threads());
    println!("sentences    {sentences}");
    println!(
        "{}  {events}",
        if actors_only {
            "mentions   "
        } else {
            "events     "
        }
    );
    println!("text         {:.1} MB", bytes as f64 / 1e6);
    println!("seconds      {secs:.3}");
    println!("sentences/s  {:.0}", sentences as f64 / secs);
    println!("MB/s         {:.1}", bytes as f64 / 1e6 / secs);
    // CPU time does not depend on what else the machine is doing: per-core throughput.
    println!("cpu seconds  {cpu:.3}");
    println!(
        "sentences/s per core  {:.0}",
        sentences as f64 / cpu.max(1e-9)
    );
    println!(
        "MB/s per core         {:.1}",
        bytes as f64 / 1e6 / cpu.max(1e-9)
    );
    Ok(())
}

/// User plus system CPU time of this process, in seconds.
#[cfg(unix)]
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

#[cfg(not(unix))]
fn cpu_seconds() -> f64 {
    0.0
}
