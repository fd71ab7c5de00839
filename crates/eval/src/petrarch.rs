//! How well does dyad code events compared with the PETRARCH gold sets?
//!
//! Two benchmarks in `shared/eval`:
//!
//! - `petrarch-unit`: PETRARCH's own unit-test suite (279 active records, fictional actors),
//!   coded with the suite's own `PETR.Validate.*` TABARI dictionaries and each record's
//!   `<Config>`;
//! - `petrarch-gsr`: 78 real news sentences, coded with the production Phoenix actor
//!   dictionaries and CAMEO.2.0 verb patterns, or with dyad's own dictionaries (then scored at
//!   country and CAMEO-root level, since the code conventions differ).
//!
//! Only each record's text is coded: the gold parses are never read. Scoring: a record is
//! exactly right when its set of (source, target, code) triples equals the expected set (a
//! record expecting no event must produce none); triples are also scored by micro-averaged
//! precision, recall and F1, and again with codes cut to their root and to their quad class.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dyad_actors::tabari::{parse_actors, parse_agents, parse_discards, Discards};
use dyad_actors::{Dictionary, DictionaryError};
use dyad_coder::tabari::{TabariCoder, TabariConfig, TabariVerbError, TabariVerbs};
use dyad_model::{Article, NaiveDate, QuadClass, Span};
use serde_json::Value;

use crate::{f1, EvalError};

/// Which dictionaries code the GSR sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GsrDictionaries {
    /// Phoenix actors, agents and discards with the CAMEO.2.0 verb patterns.
    Phoenix,
    /// dyad's own built-in dictionaries and coder.
    Dyad,
}

/// An event triple as scored.
pub type Triple = (String, String, String);

/// One record's outcome.
#[derive(Clone, Debug)]
pub struct RecordResult {
    pub id: String,
    pub text: String,
    pub expected: BTreeSet<Triple>,
    pub got: BTreeSet<Triple>,
}

impl RecordResult {
    pub fn exact(&self) -> bool {
        self.expected == self.got
    }
}

/// Precision, recall and F1 over triples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn add(&mut self, expected: &BTreeSet<Triple>, got: &BTreeSet<Triple>) {
        self.tp += expected.intersection(got).count();
        self.fp += got.difference(expected).count();
        self.fn_ += expected.difference(got).count();
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} F1 {:.3}",
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// The outcome of a PETRARCH evaluation.
#[derive(Clone, Debug)]
pub struct PetrarchReport {
    pub name: String,
    /// What the triples are compared on ("exact codes", "country + root").
    pub level: &'static str,
    pub records: Vec<RecordResult>,
    pub triples: Prf,
    pub roots: Prf,
    pub quads: Prf,
    /// Problems found loading the dictionaries (line-numbered), for stderr.
    pub dictionary_errors: Vec<String>,
    /// Time to read and parse the dictionary files.
    pub parse_time: Duration,
    /// Time to compile the parsed dictionaries into the coder.
    pub compile_time: Duration,
}

impl PetrarchReport {
    pub fn exact(&self) -> usize {
        self.records.iter().filter(|r| r.exact()).count()
    }

    pub fn failures(&self) -> impl Iterator<Item = &RecordResult> {
        self.records.iter().filter(|r| !r.exact())
    }

    fn score(name: String, level: &'static str, records: Vec<RecordResult>) -> PetrarchReport {
        let mut triples = Prf::default();
        let mut roots = Prf::default();
        let mut quads = Prf::default();
        for r in &records {
            triples.add(&r.expected, &r.got);
            roots.add(&map(&r.expected, root_of), &map(&r.got, root_of));
            quads.add(&map(&r.expected, quad_of), &map(&r.got, quad_of));
        }
        PetrarchReport {
            name,
            level,
            records,
            triples,
            roots,
            quads,
            dictionary_errors: Vec::new(),
            parse_time: Duration::ZERO,
            compile_time: Duration::ZERO,
        }
    }
}

impl fmt::Display for PetrarchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.records.len();
        let exact = self.exact();
        writeln!(
            f,
            // Two decimals: 265/279 is 94.98 %, which one decimal would round up to 95.0.
            "{}: exact records {}/{} ({:.2}%)  [{}]",
            self.name,
            exact,
            n,
            if n == 0 {
                0.0
            } else {
                100.0 * exact as f64 / n as f64
            },
            self.level
        )?;
        writeln!(
            f,
            "  triples: {}  (tp {} fp {} fn {})",
            self.triples, self.triples.tp, self.triples.fp, self.triples.fn_
        )?;
        writeln!(f, "  root:    {}", self.roots)?;
        write!(f, "  quad:    {}", self.quads)
    }
}

fn map(set: &BTreeSet<Triple>, f: fn(&str) -> String) -> BTreeSet<Triple> {
    set.iter()
        .map(|(s, t, c)| (s.clone(), t.clone(), f(c)))
        .collect()
}

fn root_of(code: &str) -> String {
    code.get(..2).unwrap_or(code).to_string()
}

fn quad_of(code: &str) -> String {
    code.get(..2)
        .and_then(|r| r.parse::<u8>().ok())
        .and_then(QuadClass::of_root)
        .map_or_else(|| format!("?{code}"), |q| q.number().to_string())
}

/// A gold record.
struct Gold {
    id: String,
    text: String,
    date: Option<NaiveDate>,
    expected: BTreeSet<Triple>,
    config: TabariConfig,
}

fn read_gold(path: &Path, active_only: bool) -> Result<Vec<Gold>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.to_owned(),
            source,
        })?;
        if active_only && v.get("sentence_flag").and_then(Value::as_bool) == Some(false) {
            continue;
        }
        if v.get("evaluate").and_then(Value::as_bool) == Some(false) {
            continue;
        }
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let expected = v
            .get("expected_events")
            .and_then(Value::as_array)
            .map(|evs| {
                evs.iter()
                    .map(|e| {
                        let g =
                            |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                        (g("source"), g("target"), g("code"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let config = v.get("config").map(config_of).unwrap_or_default();
        out.push(Gold {
            id: s("id"),
            text: s("text"),
            date: dyad_actors::tabari::tabari_date(&s("date")).ok(),
            expected,
            config,
        });
    }
    Ok(out)
}

fn config_of(v: &Value) -> TabariConfig {
    let d = TabariConfig::default();
    let num = |k: &str, def: usize| {
        v.get(k)
            .and_then(|x| {
                x.as_str()
                    .and_then(|s| s.trim().parse().ok())
                    .or_else(|| x.as_u64().map(|n| n as usize))
            })
            .unwrap_or(def)
    };
    TabariConfig {
        require_dyad: v
            .get("require_dyad")
            .and_then(Value::as_str)
            .map_or(d.require_dyad, |s| s.trim().eq_ignore_ascii_case("true")),
        new_actor_length: num("new_actor_length", d.new_actor_length),
        comma_min: num("comma_min", d.comma_min),
        comma_max: num("comma_max", d.comma_max),
        comma_bmin: num("comma_bmin", d.comma_bmin),
        comma_bmax: num("comma_bmax", d.comma_bmax),
        comma_emin: num("comma_emin", d.comma_emin),
        comma_emax: num("comma_emax", d.comma_emax),
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

/// TABARI dictionaries read from files: actors (with agents), verbs and discards, and the
/// line-numbered problems found in them.
pub struct TabariFiles {
    pub actors: Dictionary,
    pub verbs: TabariVerbs,
    pub discards: Discards,
    pub errors: Vec<String>,
}

/// Reads and parses TABARI dictionary files (any list may be empty).
pub fn load_tabari(
    actors: &[PathBuf],
    agents: &[PathBuf],
    verbs: &[PathBuf],
    discards: &[PathBuf],
) -> Result<TabariFiles, EvalError> {
    let mut out = TabariFiles {
        actors: Dictionary::default(),
        verbs: TabariVerbs::default(),
        discards: Discards::default(),
        errors: Vec::new(),
    };
    let show = |e: &DictionaryError| e.to_string();
    for p in actors {
        let (d, errs) = parse_actors(&p.display().to_string(), &read(p)?);
        out.actors.extend(d);
        out.errors.extend(errs.iter().map(show));
    }
    for p in agents {
        let (d, errs) = parse_agents(&p.display().to_string(), &read(p)?);
        out.actors.extend(d);
        out.errors.extend(errs.iter().map(show));
    }
    for p in verbs {
        let errs: Vec<TabariVerbError> = out.verbs.add(&p.display().to_string(), &read(p)?);
        out.errors.extend(errs.iter().map(ToString::to_string));
    }
    for p in discards {
        let (d, errs) = parse_discards(&p.display().to_string(), &read(p)?);
        out.discards.extend(d);
        out.errors.extend(errs.iter().map(show));
    }
    Ok(out)
}

fn code_record(coder: &TabariCoder, g: &Gold) -> BTreeSet<Triple> {
    let text = g.text.trim();
    let span = Span::new(0, text.len());
    coder
        .code_sentence_with(text, span, 0, g.date, &g.config)
        .into_iter()
        .map(|e| (e.source, e.target, e.code))
        .collect()
}

/// Scores the TABARI-compatible coder on PETRARCH's unit-test suite in `dir`.
pub fn run_unit(dir: &Path) -> Result<PetrarchReport, EvalError> {
    let gold = read_gold(&dir.join("gold.jsonl"), true)?;
    let started = Instant::now();
    let files = load_tabari(
        &[dir.join("PETR.Validate.actors.txt")],
        &[dir.join("PETR.Validate.agents.txt")],
        &[dir.join("PETR.Validate.verbs.txt")],
        &[dir.join("PETR.Validate.discards.txt")],
    )?;
    let parse_time = started.elapsed();
    let started = Instant::now();
    let (coder, warnings) = TabariCoder::new(&files.actors, &files.verbs, files.discards);
    let compile_time = started.elapsed();
    let records = gold
        .iter()
        .map(|g| RecordResult {
            id: g.id.clone(),
            text: g.text.clone(),
            expected: g.expected.clone(),
            got: code_record(&coder, g),
        })
        .collect();
    let mut report = PetrarchReport::score("petrarch-unit".into(), "exact codes", records);
    report.dictionary_errors = files.errors;
    report.dictionary_errors.extend(warnings);
    report.parse_time = parse_time;
    report.compile_time = compile_time;
    Ok(report)
}

/// The production dictionaries beside the GSR set (`../dictionaries/petrarch2`).
pub fn phoenix_dir(gsr_dir: &Path) -> PathBuf {
    gsr_dir.join("../dictionaries/petrarch2")
}

/// Loads the Phoenix actor, agent and discard dictionaries and CAMEO.2.0 from `dir`.
pub fn load_phoenix(dir: &Path) -> Result<TabariFiles, EvalError> {
    load_tabari(
        &[
            dir.join("Phoenix.Countries.actors.txt"),
            dir.join("Phoenix.International.actors.txt"),
            dir.join("Phoenix.MilNonState.actors.txt"),
        ],
        &[dir.join("Phoenix.agents.txt")],
        &[dir.join("CAMEO.2.0.txt")],
        &[dir.join("Phoenix.discards.txt")],
    )
}

/// Scores coding of the GSR sentences in `dir`.
pub fn run_gsr(dir: &Path, dictionaries: GsrDictionaries) -> Result<PetrarchReport, EvalError> {
    let gold = read_gold(&dir.join("gold.jsonl"), false)?;
    match dictionaries {
        GsrDictionaries::Phoenix => {
            let started = Instant::now();
            let files = load_phoenix(&phoenix_dir(dir))?;
            let parse_time = started.elapsed();
            let started = Instant::now();
            let (coder, warnings) = TabariCoder::new(&files.actors, &files.verbs, files.discards);
            let compile_time = started.elapsed();
            let records = gold
                .iter()
                .map(|g| RecordResult {
                    id: g.id.clone(),
                    text: g.text.clone(),
                    expected: g.expected.clone(),
                    got: code_record(&coder, g),
                })
                .collect();
            let mut report = PetrarchReport::score(
                "petrarch-gsr (Phoenix + CAMEO.2.0)".into(),
                "exact codes",
                records,
            );
            report.dictionary_errors = files.errors;
            report.dictionary_errors.extend(warnings);
            report.parse_time = parse_time;
            report.compile_time = compile_time;
            Ok(report)
        }
        GsrDictionaries::Dyad => {
            let started = Instant::now();
            let (engine, build) = dyad_pipeline::Engine::builtin();
            let compile_time = started.elapsed();
            let country_root = |s: &str, t: &str, c: &str| (country(s), country(t), root_of(c));
            let records = gold
                .iter()
                .map(|g| {
                    let mut article = Article::new(g.id.clone(), g.text.trim().to_string());
                    article.published = g.date;
                    let analysis = engine.analyse(article);
                    // Gold sets list events that took place: "did not reject" and "might
                    // attack" are kept by dyad with their modality, but are no events here.
                    let got = analysis
                        .events
                        .iter()
                        .filter(|e| e.modality.occurred())
                        .map(|e| country_root(&e.source.code, &e.target.code, e.code.as_str()))
                        .collect();
                    RecordResult {
                        id: g.id.clone(),
                        text: g.text.clone(),
                        expected: g
                            .expected
                            .iter()
                            .map(|(s, t, c)| country_root(s, t, c))
                            .collect(),
                        got,
                    }
                })
                .collect();
            let mut report = PetrarchReport::score(
                "petrarch-gsr (dyad's dictionaries)".into(),
                "country + root",
                records,
            );
            report.dictionary_errors = build.lines();
            report.compile_time = compile_time;
            Ok(report)
        }
    }
}

/// The country part of an actor code: its first three letters.
fn country(code: &str) -> String {
    code.get(..3).unwrap_or(code).to_string()
}

/// Codes one sentence with the Phoenix dictionaries in `dir` and describes each event with
/// the pattern that coded it (for `--verbose` debugging of single sentences).
pub fn explain(coder: &TabariCoder, text: &str, date: Option<NaiveDate>) -> Vec<String> {
    coder
        .code_sentence(text, Span::new(0, text.len()), 0, date)
        .into_iter()
        .map(|e| {
            format!(
                "{}/{}/{} via {} ({})",
                e.source,
                e.target,
                e.code,
                e.pattern,
                e.trigger.slice(text)
            )
        })
        .collect()
}
