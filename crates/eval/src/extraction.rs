//! How well does the HTML stage find article text?
//!
//! The benchmark in `shared/eval/extraction` (Scrapinghub's article-extraction benchmark): 181
//! pages and their true article bodies. Scoring is the benchmark's own: both texts are split into
//! `\w+` tokens, 4-token shingles are formed (a text of fewer than 4 tokens is one shingle), and
//! true positives, false positives and false negatives are counted over the shingle multisets of
//! each page. A page's precision is tp/(tp+fp) and recall tp/(tp+fn); a page with fp = fn = 0
//! scores 1 and 1, one with tp = 0 scores 0 and 0. Precision and recall are the means over pages
//! and F1 is the harmonic mean of those means.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use dyad_extract::{extract_html, ExtractOptions};
use serde::Deserialize;

use crate::{f1, par_map, read_gz, read_json, EvalError, PageScore, Report};

#[derive(Deserialize)]
struct Truth {
    #[serde(rename = "articleBody")]
    article_body: Option<String>,
    url: Option<String>,
}

/// Extracted text of every page, for inspection: file stem → text.
pub type Outputs = Vec<(String, String)>;

/// Scores [`dyad_extract::extract_html`] on the benchmark in `dir` (holding `html/` and
/// `ground-truth.json`), extracting on `threads` threads.
pub fn run(dir: &Path, threads: usize) -> Result<Report, EvalError> {
    run_with_outputs(dir, threads).map(|(r, _)| r)
}

/// [`run`], also returning what was extracted from each page.
pub fn run_with_outputs(dir: &Path, threads: usize) -> Result<(Report, Outputs), EvalError> {
    let truth: BTreeMap<String, Truth> = read_json(&dir.join("ground-truth.json"))?;
    let mut pages = Vec::with_capacity(truth.len());
    for (name, t) in &truth {
        let bytes = read_gz(&dir.join("html").join(format!("{name}.html.gz")))?;
        pages.push((name, t, bytes));
    }
    let (texts, elapsed) = par_map(&pages, threads, |(_, t, bytes)| {
        let opts = ExtractOptions {
            url: t.url.clone(),
            ..ExtractOptions::default()
        };
        extract_html(bytes, &opts)
            .map(|p| p.text)
            .unwrap_or_default()
    });
    let mut per_page = Vec::with_capacity(pages.len());
    let mut outputs = Vec::with_capacity(pages.len());
    for ((name, t, _), text) in pages.iter().zip(texts) {
        let gold = t.article_body.as_deref().unwrap_or("");
        let (precision, recall) = score(gold, &text);
        per_page.push(PageScore {
            name: (*name).clone(),
            precision,
            recall,
            expected: format!("{} chars", gold.chars().count()),
            found: format!("{} chars", text.chars().count()),
        });
        outputs.push(((*name).clone(), text));
    }
    let n = per_page.len().max(1) as f64;
    let precision = per_page.iter().map(|p| p.precision).sum::<f64>() / n;
    let recall = per_page.iter().map(|p| p.recall).sum::<f64>() / n;
    let secs = elapsed.as_secs_f64();
    Ok((
        Report {
            name: "extraction",
            precision,
            recall,
            f1: f1(precision, recall),
            pages: per_page.len(),
            pages_per_sec: if secs > 0.0 {
                pages.len() as f64 / secs
            } else {
                0.0
            },
            per_page,
        },
        outputs,
    ))
}

/// Per-page (precision, recall) of `predicted` against `gold` by 4-token shingles.
pub fn score(gold: &str, predicted: &str) -> (f64, f64) {
    let g = shingles(gold);
    let p = shingles(predicted);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (s, &pc) in &p {
        let gc = g.get(s).copied().unwrap_or(0);
        tp += pc.min(gc);
        fp += pc.saturating_sub(gc);
    }
    let fn_ = g
        .iter()
        .map(|(s, &gc)| gc.saturating_sub(p.get(s).copied().unwrap_or(0)))
        .sum::<usize>();
    if fp == 0 && fn_ == 0 {
        return (1.0, 1.0);
    }
    if tp == 0 {
        return (0.0, 0.0);
    }
    (tp as f64 / (tp + fp) as f64, tp as f64 / (tp + fn_) as f64)
}

/// `\w+` tokens: runs of letters, digits and underscores (Python's `re` definition, where
/// combining marks are not word characters).
pub fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c == '_' || (c.is_alphanumeric() && !is_mark(c));
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Combining marks that Rust counts as alphabetic but Python's `\w` does not (Indic vowel signs
/// and viramas, Arabic harakat, Hebrew points, combining diacritics).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962..=0x0963 | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0A01..=0x0A03
        | 0x0A3C..=0x0A51 | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD | 0x0B01..=0x0B03
        | 0x0B3C..=0x0B57 | 0x0B82 | 0x0BBE..=0x0BCD | 0x0C00..=0x0C04 | 0x0C3E..=0x0C56
        | 0x0C81..=0x0C83 | 0x0CBC..=0x0CD6 | 0x0D00..=0x0D03 | 0x0D3B..=0x0D57
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn shingles(text: &str) -> HashMap<String, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    let n = 4;
    let count = toks.len().saturating_sub(n - 1).max(1);
    for i in 0..count {
        let end = (i + n).min(toks.len());
        if i >= end {
            break;
        }
        let s = toks[i..end].join(" ");
        if !s.is_empty() {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scoring() {
        assert_eq!(score("", ""), (1.0, 1.0));
        assert_eq!(score("a b c d e", "a b c d e"), (1.0, 1.0));
        assert_eq!(score("a b c d e", ""), (0.0, 0.0));
        // gold shingles: abcd, bcde; predicted: abcd → P 1, R 0.5
        assert_eq!(score("a b c d e", "a b c d"), (1.0, 0.5));
        // short texts form one shingle
        assert_eq!(score("a b", "a b"), (1.0, 1.0));
        assert_eq!(tokens("it's a_b, 3.5"), vec!["it", "s", "a_b", "3", "5"]);
    }
}
