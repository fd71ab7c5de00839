//! `dyad stances` and `dyad divergence`: who stands where on which issue, and where two
//! actors split. Extraction and scoring live in `dyad-stance`; this is the edge: files,
//! dictionaries named on the command line, and output.

use crate::{build_engine, configure_threads, for_each_analysis, DictionaryArgs, Outcome};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use dyad_model::{NaiveDate, Stance};
use dyad_pipeline::{Analysis, Engine};
use dyad_stance::{
    divergence, select, DivergenceOptions, IssueDictionary, IssueDivergence, IssueFormat, Period,
    PeriodDivergence, StanceExtractor,
};
use dyad_store::read_api::StanceQuery;
use dyad_store::{OpenMode, SqliteStore};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StanceFormat {
    Jsonl,
    Table,
}

fn resolve(format: Option<StanceFormat>) -> StanceFormat {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        StanceFormat::Table
    } else {
        StanceFormat::Jsonl
    })
}

#[derive(clap::Args, Debug, Clone)]
pub struct IssueArgs {
    /// Extra issue dictionary (repeatable): dyad's `NAME | phrase; phrase` format or a
    /// PETRARCH/Phoenix `IssueCoding` file (`phrase [ISSUE_NAME]`), told apart by content.
    #[arg(long = "issues-dict", value_name = "FILE")]
    issue_dicts: Vec<PathBuf>,
    /// Use only the issue dictionaries given, not dyad's data/issues.txt.
    #[arg(long)]
    no_builtin_issues: bool,
}

#[derive(clap::Args, Debug)]
pub struct StancesArgs {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "FILES", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Output format: JSON Lines by default when piped, a table on a terminal.
    #[arg(long, value_enum)]
    format: Option<StanceFormat>,
    /// Only stances of actors whose code starts with this (repeatable).
    #[arg(long, value_name = "CODE")]
    actor: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    issues: IssueArgs,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    Month,
}

#[derive(clap::Args, Debug)]
pub struct DivergenceArgs {
    /// One actor code; a prefix matches ("USA" covers USAGOV and USAMIL).
    a: String,
    /// The other actor code.
    b: String,
    /// Only stances dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<NaiveDate>,
    /// Only stances dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<NaiveDate>,
    /// One report per calendar month instead of one for the whole span.
    #[arg(long, value_enum)]
    by: Option<By>,
    /// Read stances from articles (files or directories, `-` for standard input).
    #[arg(long = "from-files", value_name = "FILES", num_args = 1.., conflicts_with = "db")]
    from_files: Vec<PathBuf>,
    /// Read stances from a store (the SQLite file `dyad ingest` writes) instead.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Also list issues only one of the two took a position on.
    #[arg(long)]
    all: bool,
    #[arg(long, value_enum)]
    format: Option<StanceFormat>,
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    issues: IssueArgs,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

/// The engine, with the issue dictionaries the user named.
fn engine(dictionaries: &DictionaryArgs, issues: &IssueArgs) -> Result<Engine> {
    let engine = build_engine(dictionaries)?;
    if issues.issue_dicts.is_empty() && !issues.no_builtin_issues {
        return Ok(engine);
    }
    let mut dict = if issues.no_builtin_issues {
        IssueDictionary::default()
    } else {
        IssueDictionary::builtin().0
    };
    for path in &issues.issue_dicts {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading issue dictionary {}", path.display()))?;
        let name = path.display().to_string();
        for e in dict.add(&name, &text, IssueFormat::detect(&text)) {
            eprintln!("dyad: error: {e}");
        }
    }
    Ok(engine.with_stance_extractor(StanceExtractor::new(&dict)))
}

/// One stance as `dyad stances` prints it.
#[derive(Serialize)]
struct StanceRow<'a> {
    article: &'a str,
    article_id: &'a str,
    sentence: usize,
    actor: &'a str,
    actor_text: Option<&'a str>,
    issue: &'a str,
    issue_text: &'a str,
    position: &'a str,
    strength: f32,
    modality: &'a str,
    cue: &'a str,
    date: Option<String>,
    evidence: &'a str,
    span: [usize; 2],
}

impl<'a> StanceRow<'a> {
    fn new(input: &'a str, text: &'a str, s: &'a Stance) -> Self {
        StanceRow {
            article: input,
            article_id: &s.article.0,
            sentence: s.sentence,
            actor: &s.actor.code,
            actor_text: s.actor.span.map(|sp| sp.slice(text)),
            issue: &s.issue,
            issue_text: &s.issue_text,
            position: s.position.as_str(),
            strength: s.strength,
            modality: s.modality.as_str(),
            cue: s.cue.slice(text),
            date: s.date.map(|d| d.to_string()),
            evidence: s.evidence.slice(text),
            span: [s.evidence.start, s.evidence.end],
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A table buffered to align its columns; long cells are cut, the last column is not.
#[derive(Default)]
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    fn write(&self, out: &mut impl Write) -> Result<()> {
        const MAX: usize = 48;
        let n = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.len()).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(n.saturating_sub(1)) {
                widths[i] = widths[i].max(c.chars().count().min(MAX));
            }
        }
        let line = |cells: Vec<String>| -> String {
            let parts: Vec<String> = cells
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    if i + 1 == n {
                        return c;
                    }
                    let c: String = if c.chars().count() > MAX {
                        c.chars().take(MAX - 1).chain(['…']).collect()
                    } else {
                        c
                    };
                    format!("{c:w$}", w = widths[i])
                })
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        writeln!(
            out,
            "{}",
            line(self.header.iter().map(|h| h.to_uppercase()).collect())
        )?;
        for row in &self.rows {
            writeln!(out, "{}", line(row.clone()))?;
        }
        Ok(())
    }
}

/// `dyad stances`.
pub fn stances(args: StancesArgs) -> Result<Outcome> {
    configure_threads(args.threads);
    let engine = engine(&args.dictionaries, &args.issues)?;
    let format = resolve(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut table = Table::new(&[
        "article",
        "sentence",
        "date",
        "actor",
        "position",
        "strength",
        "modality",
        "issue",
        "cue",
        "issue_text",
    ]);
    let wanted = |s: &Stance| {
        args.actor.is_empty()
            || args
                .actor
                .iter()
                .any(|a| s.actor.code.starts_with(a.as_str()))
    };
    let outcome = for_each_analysis(&engine, &args.inputs, |analysis: &Analysis| {
        let text = &analysis.article.text;
        for s in analysis.stances.iter().filter(|s| wanted(s)) {
            let row = StanceRow::new(&analysis.article.input, text, s);
            match format {
                StanceFormat::Jsonl => {
                    serde_json::to_writer(&mut out, &row)?;
                    out.write_all(b"\n")?;
                }
                StanceFormat::Table => table.rows.push(vec![
                    row.article.to_string(),
                    row.sentence.to_string(),
                    row.date.clone().unwrap_or_default(),
                    row.actor.to_string(),
                    row.position.to_string(),
                    format!("{:.2}", row.strength),
                    row.modality.to_string(),
                    row.issue.to_string(),
                    one_line(row.cue),
                    one_line(row.issue_text),
                ]),
            }
        }
        Ok(())
    })?;
    if format == StanceFormat::Table {
        if table.rows.is_empty() {
            writeln!(out, "no stances")?;
        } else {
            table.write(&mut out)?;
        }
    }
    out.flush()?;
    Ok(outcome)
}

/// What a stance shows in the report: the input it came from, its evidence sentence and its
/// cue words. Keyed by (article id, sentence, cue start), so stances read from files and from
/// the store print alike.
struct Evidence {
    input: String,
    sentence: String,
    cue: String,
}

type EvidenceMap = HashMap<(String, usize, usize), Evidence>;

fn evidence_key(s: &Stance) -> (String, usize, usize) {
    (s.article.0.clone(), s.sentence, s.cue.start)
}

/// `dyad divergence`.
pub fn divergence_cmd(args: DivergenceArgs) -> Result<Outcome> {
    configure_threads(args.threads);
    let mut a_stances: Vec<Stance> = Vec::new();
    let mut b_stances: Vec<Stance> = Vec::new();
    let mut evidence: EvidenceMap = HashMap::new();
    let outcome = if let Some(db) = &args.db {
        let store = SqliteStore::open(db, OpenMode::ReadOnly)
            .with_context(|| format!("opening the store {}", db.display()))?;
        for (code, side) in [(&args.a, &mut a_stances), (&args.b, &mut b_stances)] {
            let query = StanceQuery {
                actor: Some(code.clone()),
                since: args.since,
                until: args.until,
                limit: i64::MAX as usize,
                ..StanceQuery::default()
            };
            for row in store.stored_stances(&query)? {
                let Some(stance) = row.to_stance() else {
                    eprintln!(
                        "dyad: stance {} in {} has values dyad does not write; skipped",
                        row.id,
                        db.display()
                    );
                    continue;
                };
                evidence.insert(
                    evidence_key(&stance),
                    Evidence {
                        input: row.input.clone(),
                        sentence: row.evidence.clone(),
                        cue: row.cue.clone().unwrap_or_default(),
                    },
                );
                side.push(stance);
            }
        }
        Outcome::AllRead
    } else if !args.from_files.is_empty() {
        let engine = engine(&args.dictionaries, &args.issues)?;
        for_each_analysis(&engine, &args.from_files, |analysis: &Analysis| {
            let text = &analysis.article.text;
            let a = select(&analysis.stances, &args.a);
            let b = select(&analysis.stances, &args.b);
            for s in a.iter().chain(&b) {
                evidence.insert(
                    evidence_key(s),
                    Evidence {
                        input: analysis.article.input.clone(),
                        sentence: s.evidence.slice(text).to_string(),
                        cue: s.cue.slice(text).to_string(),
                    },
                );
            }
            a_stances.extend(a);
            b_stances.extend(b);
            Ok(())
        })?
    } else {
        bail!("divergence needs stances: give --from-files FILES or --db PATH");
    };
    let options = DivergenceOptions {
        since: args.since,
        until: args.until,
        by: match args.by {
            Some(By::Month) => Period::Month,
            None => Period::All,
        },
    };
    let report = divergence(&a_stances, &b_stances, &options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match resolve(args.format) {
        StanceFormat::Jsonl => write_jsonl(&mut out, &args, &report, &evidence)?,
        StanceFormat::Table => write_table(&mut out, &args, &report, &evidence)?,
    }
    out.flush()?;
    Ok(outcome)
}

#[derive(Serialize)]
struct PeriodRow<'a> {
    kind: &'static str,
    period: &'a str,
    a: &'a str,
    b: &'a str,
    score: f32,
    shared: usize,
    split: usize,
}

#[derive(Serialize)]
struct IssueRow<'a> {
    kind: &'static str,
    period: &'a str,
    issue: &'a str,
    split: bool,
    divergence: f32,
    agreement: f32,
    opposing_pairs: usize,
    pairs: usize,
    a_net: Option<f32>,
    b_net: Option<f32>,
    a_positions: Vec<PositionRow<'a>>,
    b_positions: Vec<PositionRow<'a>>,
}

#[derive(Serialize)]
struct PositionRow<'a> {
    actor: &'a str,
    position: &'a str,
    strength: f32,
    modality: &'a str,
    issue_text: &'a str,
    cue: &'a str,
    date: Option<String>,
    article: &'a str,
    article_id: &'a str,
    sentence: usize,
    evidence: &'a str,
    span: [usize; 2],
}

fn position_row<'a>(s: &'a Stance, evidence: &'a EvidenceMap) -> PositionRow<'a> {
    let shown = evidence.get(&evidence_key(s));
    PositionRow {
        actor: &s.actor.code,
        position: s.position.as_str(),
        strength: s.strength,
        modality: s.modality.as_str(),
        issue_text: &s.issue_text,
        cue: shown.map_or("", |e| e.cue.as_str()),
        date: s.date.map(|d| d.to_string()),
        article: shown.map_or("", |e| e.input.as_str()),
        article_id: &s.article.0,
        sentence: s.sentence,
        evidence: shown.map_or("", |e| e.sentence.as_str()),
        span: [s.evidence.start, s.evidence.end],
    }
}

fn shown<'r>(
    args: &DivergenceArgs,
    p: &'r PeriodDivergence,
) -> impl Iterator<Item = &'r IssueDivergence> {
    let all = args.all;
    p.issues.iter().filter(move |i| all || i.shared())
}

fn write_jsonl(
    out: &mut impl Write,
    args: &DivergenceArgs,
    report: &[PeriodDivergence],
    evidence: &EvidenceMap,
) -> Result<()> {
    for p in report {
        let row = PeriodRow {
            kind: "period",
            period: &p.period,
            a: &args.a,
            b: &args.b,
            score: p.score,
            shared: p.shared,
            split: p.split,
        };
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
        for i in shown(args, p) {
            let row = IssueRow {
                kind: "issue",
                period: &p.period,
                issue: &i.issue,
                split: i.split(),
                divergence: i.divergence,
                agreement: i.agreement,
                opposing_pairs: i.opposing_pairs,
                pairs: i.pairs,
                a_net: i.a_net,
                b_net: i.b_net,
                a_positions: i.a.iter().map(|s| position_row(s, evidence)).collect(),
                b_positions: i.b.iter().map(|s| position_row(s, evidence)).collect(),
            };
            serde_json::to_writer(&mut *out, &row)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// "for ×2, against" — a side's positions in brief.
fn positions(stances: &[Stance]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for s in stances {
        match counts.iter_mut().find(|(p, _)| *p == s.position.as_str()) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.position.as_str(), 1)),
        }
    }
    if counts.is_empty() {
        return "-".to_string();
    }
    counts
        .iter()
        .map(|(p, n)| {
            if *n > 1 {
                format!("{p} ×{n}")
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn write_table(
    out: &mut impl Write,
    args: &DivergenceArgs,
    report: &[PeriodDivergence],
    evidence: &EvidenceMap,
) -> Result<()> {
    if report.is_empty() {
        writeln!(out, "no stances of {} or {}", args.a, args.b)?;
        return Ok(());
    }
    for (n, p) in report.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{} vs {}, {}: {} of {} shared issues split, divergence {:.2}",
            args.a, args.b, p.period, p.split, p.shared, p.score
        )?;
        let mut table = Table::new(&[
            "issue",
            "split",
            "divergence",
            "agreement",
            &args.a,
            &args.b,
        ]);
        let rows: Vec<&IssueDivergence> = shown(args, p).collect();
        for i in &rows {
            table.rows.push(vec![
                i.issue.clone(),
                if i.split() { "yes" } else { "" }.to_string(),
                format!("{:.2}", i.divergence),
                format!("{:.2}", i.agreement),
                positions(&i.a),
                positions(&i.b),
            ]);
        }
        if rows.is_empty() {
            writeln!(out, "no shared issues (--all lists one-sided ones)")?;
            continue;
        }
        table.write(out)?;
        writeln!(out, "evidence:")?;
        for i in rows.iter().filter(|i| i.split()) {
            writeln!(out, "  {}", i.issue)?;
            for s in i.a.iter().chain(&i.b) {
                let r = position_row(s, evidence);
                writeln!(
                    out,
                    "    {} {} ({}, {}#{}): {}",
                    r.actor,
                    r.position,
                    r.modality,
                    r.article,
                    r.sentence,
                    one_line(r.evidence)
                )?;
            }
        }
    }
    Ok(())
}
