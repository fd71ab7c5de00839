//! How well does the HTML stage find publication dates?
//!
//! The benchmark in `shared/eval/dates` (from the htmldate project): 999 pages and their true
//! publication dates. Scoring: a found date equal to the gold day is a true positive, a different
//! date a false positive, no date a false negative; P = TP/(TP+FP), R = TP/(TP+FN).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use dyad_extract::{extract_date_with, ExtractOptions};
use serde::Deserialize;

use crate::{f1, par_map, read_gz, read_json, EvalError, PageScore, Report};

#[derive(Deserialize)]
struct Gold {
    /// `None` for a page without a publication date.
    date: Option<String>,
    url: Option<String>,
}

/// Scores [`dyad_extract::extract_date`] on the benchmark in `dir` (holding `html/` and
/// `gold.json`), on `threads` threads.
pub fn run(dir: &Path, threads: usize) -> Result<Report, EvalError> {
    let gold: BTreeMap<String, Gold> = read_json(&dir.join("gold.json"))?;
    let mut pages = Vec::with_capacity(gold.len());
    for (name, g) in &gold {
        let bytes = read_gz(&dir.join("html").join(format!("{name}.gz")))?;
        pages.push((name, g, bytes));
    }
    let (found, elapsed) = par_map(&pages, threads, |(_, g, bytes)| {
        let opts = ExtractOptions {
            url: g.url.clone(),
            ..ExtractOptions::default()
        };
        extract_date_with(bytes, &opts)
    });
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut per_page = Vec::with_capacity(pages.len());
    for ((name, g, _), date) in pages.iter().zip(found) {
        let want = g
            .date
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
        let (p, r) = match (date, want) {
            (Some(d), Some(w)) if d == w => {
                tp += 1;
                (1.0, 1.0)
            }
            (Some(_), _) => {
                fp += 1;
                (0.0, 1.0)
            }
            (None, Some(_)) => {
                fn_ += 1;
                (1.0, 0.0)
            }
            // No date expected and none found: right, and counted in neither.
            (None, None) => (1.0, 1.0),
        };
        per_page.push(PageScore {
            name: (*name).clone(),
            precision: p,
            recall: r,
            expected: g.date.clone().unwrap_or_else(|| "-".into()),
            found: date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        });
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    let secs = elapsed.as_secs_f64();
    Ok(Report {
        name: "dates",
        precision,
        recall,
        f1: f1(precision, recall),
        pages: pages.len(),
        pages_per_sec: if secs > 0.0 {
            pages.len() as f64 / secs
        } else {
            0.0
        },
        per_page,
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
