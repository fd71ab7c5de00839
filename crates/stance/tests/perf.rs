//! Throughput of stance extraction alone, on a JSON Lines corpus named by `DYAD_PERF_CORPUS`
//! (`dyad gen-corpus --out FILE`). Ignored by default:
//! `cargo test --release -p dyad-stance --test perf -- --ignored --nocapture`.

mod common;

use dyad_model::{ArticleId, NaiveDate};
use std::time::Instant;

#[test]
#[ignore]
fn extraction_throughput() {
    let Ok(path) = std::env::var("DYAD_PERF_CORPUS") else {
        println!("skipping: set DYAD_PERF_CORPUS to a JSON Lines corpus");
        return;
    };
    let text = std::fs::read_to_string(path).expect("corpus");
    let texts: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let start = l.find("\"text\": \"").or_else(|| l.find("\"text\":\""))?;
            let rest = &l[start..];
            let open = rest
                .find(": \"")
                .map(|p| p + 3)
                .or_else(|| rest.find(":\"").map(|p| p + 2))?;
            let body = &rest[open..];
            Some(body[..body.rfind('"')?].replace("\\n", "\n"))
        })
        .collect();
    let f = common::fixture();
    let date = NaiveDate::from_ymd_opt(2026, 1, 11);
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let s = dyad_text::split_sentences(t);
            let m = f.recognizer.recognize(t, &s, date);
            (t, s, m)
        })
        .collect();
    let sentences: usize = prepared.iter().map(|(_, s, _)| s.len()).sum();
    let id = ArticleId("perf".into());
    let start = Instant::now();
    let mut stances = 0;
    for (t, s, m) in &prepared {
        stances += f.extractor.extract(t, s, m, date, &id).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{sentences} sentences, {stances} stances, {secs:.3} s, {:.0} sentences/s",
        sentences as f64 / secs
    );
}
