//! Output rows and formats. Serialization types live at the edge, not in the model.

use crate::OutputFormat;
use anyhow::Result;
use dyad_model::{ActorMention, Event};
use dyad_pipeline::Analysis;
use serde::Serialize;
use std::io::Write;

/// One event as `dyad code` prints it.
#[derive(Serialize)]
pub struct EventRow<'a> {
    pub article: &'a str,
    pub article_id: &'a str,
    pub sentence: usize,
    pub source: &'a str,
    pub source_text: Option<&'a str>,
    pub target: &'a str,
    pub target_text: Option<&'a str>,
    pub code: &'a str,
    pub name: &'a str,
    pub root: &'a str,
    pub quad: u8,
    pub goldstein: f32,
    pub plover: Option<&'a str>,
    pub date: Option<String>,
    pub modality: &'a str,
    pub confidence: f32,
    pub trigger: &'a str,
    pub evidence: &'a str,
    pub span: [usize; 2],
}

impl<'a> EventRow<'a> {
    pub fn new(analysis: &'a Analysis, event: &'a Event) -> Self {
        let text = &analysis.article.text;
        EventRow {
            article: &analysis.article.input,
            article_id: &analysis.article.id.0,
            sentence: event.sentence,
            source: &event.source.code,
            source_text: event.source.span.map(|s| s.slice(text)),
            target: &event.target.code,
            target_text: event.target.span.map(|s| s.slice(text)),
            code: event.code.as_str(),
            name: event.code.name(),
            root: event.code.root(),
            quad: event.code.quad().number(),
            goldstein: event.code.goldstein(),
            plover: event.code.plover(),
            date: event.date.map(|d| d.to_string()),
            modality: event.modality.as_str(),
            confidence: (event.confidence * 100.0).round() / 100.0,
            trigger: event.trigger.slice(text),
            evidence: event.evidence.slice(text),
            span: [event.evidence.start, event.evidence.end],
        }
    }
}

/// One actor mention as `dyad actors` prints it.
#[derive(Serialize)]
pub struct MentionRow<'a> {
    pub article: &'a str,
    pub sentence: usize,
    pub text: &'a str,
    pub span: [usize; 2],
    pub code: &'a str,
    pub entry: &'a str,
}

impl<'a> MentionRow<'a> {
    pub fn new(analysis: &'a Analysis, m: &'a ActorMention) -> Self {
        MentionRow {
            article: &analysis.article.input,
            sentence: m.sentence,
            text: &m.text,
            span: [m.span.start, m.span.end],
            code: &m.code,
            entry: &m.entry,
        }
    }
}

/// Columns shown in TSV and table output: (header, cell).
type Columns = Vec<(&'static str, String)>;

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn event_columns(row: &EventRow<'_>) -> Columns {
    vec![
        ("article", row.article.to_string()),
        ("sentence", row.sentence.to_string()),
        ("date", row.date.clone().unwrap_or_default()),
        ("source", row.source.to_string()),
        ("target", row.target.to_string()),
        ("code", row.code.to_string()),
        ("root", row.root.to_string()),
        ("quad", row.quad.to_string()),
        ("goldstein", format!("{:.1}", row.goldstein)),
        ("plover", row.plover.unwrap_or("").to_string()),
        ("modality", row.modality.to_string()),
        ("confidence", format!("{:.2}", row.confidence)),
        ("span", format!("{}-{}", row.span[0], row.span[1])),
        ("evidence", one_line(row.evidence)),
    ]
}

fn mention_columns(row: &MentionRow<'_>) -> Columns {
    vec![
        ("article", row.article.to_string()),
        ("sentence", row.sentence.to_string()),
        ("span", format!("{}-{}", row.span[0], row.span[1])),
        ("code", row.code.to_string()),
        ("text", one_line(row.text)),
        ("entry", row.entry.to_string()),
    ]
}

/// Writes rows in one format. Tables are buffered to align their columns.
struct Writer {
    format: OutputFormat,
    header_done: bool,
    buffered: Vec<Columns>,
}

impl Writer {
    fn new(format: OutputFormat) -> Self {
        Writer {
            format,
            header_done: false,
            buffered: Vec::new(),
        }
    }

    fn row<S: Serialize>(
        &mut self,
        out: &mut impl Write,
        value: &S,
        columns: Columns,
    ) -> Result<()> {
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut *out, value)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Tsv => {
                if !self.header_done {
                    let header: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
                    writeln!(out, "{}", header.join("\t"))?;
                    self.header_done = true;
                }
                let cells: Vec<String> =
                    columns.iter().map(|(_, c)| c.replace('\t', " ")).collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
            OutputFormat::Table => self.buffered.push(columns),
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut impl Write, empty_message: &str) -> Result<()> {
        if self.format != OutputFormat::Table {
            return Ok(());
        }
        if self.buffered.is_empty() {
            writeln!(out, "{empty_message}")?;
            return Ok(());
        }
        let n = self.buffered[0].len();
        let mut widths = vec![0usize; n];
        for row in &self.buffered {
            for (i, (h, c)) in row.iter().enumerate() {
                widths[i] = widths[i]
                    .max(h.chars().count())
                    .max(c.chars().count().min(60));
            }
        }
        let header: Vec<String> = self.buffered[0]
            .iter()
            .enumerate()
            .map(|(i, (h, _))| format!("{:w$}", h.to_uppercase(), w = widths[i]))
            .collect();
        writeln!(out, "{}", header.join("  ").trim_end())?;
        for row in &self.buffered {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, (_, c))| {
                    let last = i + 1 == n;
                    let cell: String = if last || c.chars().count() <= 60 {
                        c.clone()
                    } else {
                        c.chars().take(59).chain(['…']).collect()
                    };
                    format!("{:w$}", cell, w = if last { 0 } else { widths[i] })
                })
                .collect();
            writeln!(out, "{}", cells.join("  ").trim_end())?;
        }
        Ok(())
    }
}

pub struct EventTable(Writer);

impl EventTable {
    pub fn new(format: OutputFormat) -> Self {
        EventTable(Writer::new(format))
    }
    pub fn write(&mut self, out: &mut impl Write, analysis: &Analysis) -> Result<()> {
        for event in &analysis.events {
            let row = EventRow::new(analysis, event);
            let columns = event_columns(&row);
            self.0.row(out, &row, columns)?;
        }
        Ok(())
    }
    pub fn finish(&mut self, out: &mut impl Write) -> Result<()> {
        self.0.finish(out, "no events")
    }
}

pub struct MentionTable(Writer);

impl MentionTable {
    pub fn new(format: OutputFormat) -> Self {
        MentionTable(Writer::new(format))
    }
    pub fn write(&mut self, out: &mut impl Write, analysis: &Analysis) -> Result<()> {
        for m in &analysis.mentions {
            let row = MentionRow::new(analysis, m);
            let columns = mention_columns(&row);
            self.0.row(out, &row, columns)?;
        }
        Ok(())
    }
    pub fn finish(&mut self, out: &mut impl Write) -> Result<()> {
        self.0.finish(out, "no actors")
    }
}
