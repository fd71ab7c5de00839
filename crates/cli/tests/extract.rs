//! End-to-end tests of `dyad extract` and `dyad eval extraction|dates`: the binary on the
//! ingest fixtures (crates/ingest/test_data), as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(fixtures())
        .output()
        .expect("run dyad")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/test_data")
}

fn lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// `input title date duplicate_of` for each article, for compact assertions.
fn brief(docs: &[serde_json::Value]) -> Vec<String> {
    docs.iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("-").to_string();
            format!(
                "{} | {} | {} | {}",
                s("input"),
                s("title"),
                s("date"),
                s("duplicate_of")
            )
        })
        .collect()
}

/// Runs `dyad extract ARGS`, checking the exit code, the articles written and the lines on
/// stderr (each expected line must appear).
fn check(args: &[&str], code: i32, want: &[&str], stderr_has: &[&str]) -> Vec<serde_json::Value> {
    let mut full = vec!["extract"];
    full.extend_from_slice(args);
    let out = dyad(&full);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    let docs = lines(&out.stdout);
    assert_eq!(brief(&docs), want, "{stderr}");
    for line in stderr_has {
        assert!(
            stderr.lines().any(|l| l.contains(line)),
            "'{line}' in:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    docs
}

const RAFAH: &str = "Egypt urges Israel to reopen Rafah crossing";

#[test]
fn archive_pages_and_feeds_with_duplicates_marked() {
    let docs = check(
        &["sample.warc.gz", "article.html", "feed.atom"],
        1,
        &[
            &format!("sample.warc.gz#3 | {RAFAH} | 2026-02-02 | -"),
            "sample.warc.gz#8 | エジプト、ラファ検問所の再開を要求 | - | -",
            &format!("sample.warc.gz#9 | {RAFAH} | - | sample.warc.gz#3"),
            &format!("article.html | {RAFAH} | 2026-02-02 | sample.warc.gz#3"),
            "feed.atom#1 | L’Égypte exhorte Israël à rouvrir Rafah | 2026-02-02 | -",
            "feed.atom#2 | La Turquie condamne la Suède | 2026-02-03 | -",
        ],
        &[
            "dyad: sample.warc.gz#5: no article",
            "dyad: extract: 7 documents from 3 inputs",
            "6 written, 2 duplicates marked (1 exact, 1 near); 1 failed: 1 no article; 5 skipped: 1 HTTP redirect, 1 metadata record, 1 non-HTML response, 1 request record, 1 warcinfo record",
        ],
    );
    let first = &docs[0];
    assert_eq!(first["author"], "Amira Hassan");
    assert_eq!(first["language"], "en-gb");
    assert_eq!(first["source"], "nilecourier.example");
    assert_eq!(
        first["url"],
        "https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah"
    );
    assert!(first["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("CAIRO — Egypt urged Israel") && !t.contains("Share on")));
    // The exact copy shares the content hash; the near one does not.
    assert_eq!(docs[3]["content_hash"], first["content_hash"]);
    assert_eq!(docs[3]["similarity"], 1.0);
    assert_ne!(docs[2]["content_hash"], first["content_hash"]);
    assert!(docs[2]["similarity"]
        .as_f64()
        .is_some_and(|s| (0.8..1.0).contains(&s)));
}

#[test]
fn duplicates_dropped_and_order_independent_of_threads() {
    let want = [
        format!("sample.warc#3 | {RAFAH} | 2026-02-02 | -"),
        "sample.warc#8 | エジプト、ラファ検問所の再開を要求 | - | -".to_string(),
        "feed.rss#1 | Egypt urges Israel to reopen Rafah crossing | 2026-02-02 | -".to_string(),
        "feed.rss#2 | Turkey condemns Sweden over protest | 2026-02-03 | -".to_string(),
    ];
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    for threads in ["1", "3"] {
        check(
            &[
                "--drop-duplicates",
                "--threads",
                threads,
                "sample.warc",
                "syndicated.html",
                "feed.rss",
            ],
            1,
            &want,
            &["2 duplicates dropped (1 exact, 1 near)"],
        );
    }
}

/// Bad inputs in one batch: each named on stderr with its reason and counted; the good ones
/// still extracted; exit status 1.
#[test]
fn bad_inputs_are_named_counted_and_the_rest_extracted() {
    check(
        &[
            "--no-dedup",
            "truncated.html.gz",
            "truncated.warc.gz",
            "broken.warc",
            "binary.html",
            "empty.rss",
            "index.html",
            "missing.warc",
            "arabic-1256.html",
            "shift-jis.html",
            "scraped.txt",
        ],
        1,
        &[
            &format!("truncated.warc.gz#3 | {RAFAH} | 2026-02-02 | -"),
            &format!("broken.warc#1 | {RAFAH} | 2026-02-02 | -"),
            &format!("broken.warc#3 | {RAFAH} | - | -"),
            &format!("broken.warc#5 | {RAFAH} | - | -"),
            "arabic-1256.html | مصر تدعو إسرائيل إلى فتح معبر رفح | - | -",
            "shift-jis.html | エジプト、ラファ検問所の再開を要求 | - | -",
            "scraped.txt | Ceasefire Strains as Talks Stall | 2026-01-11 | -",
        ],
        &[
            "dyad: truncated.html.gz: truncated gzip stream",
            "dyad: truncated.warc.gz#4: truncated gzip stream",
            "dyad: broken.warc#2: broken WARC record at byte 2532: expected a WARC version line",
            "dyad: broken.warc#4: broken WARC record at byte 4464: no valid Content-Length",
            "dyad: broken.warc#6: broken WARC record at byte 6475: archive ends inside the record",
            "dyad: binary.html: binary data, not text",
            "dyad: empty.rss: empty feed",
            "dyad: index.html: no article",
            "dyad: missing.warc: no such file",
            "9 failed: 3 broken WARC record, 2 truncated gzip, 1 binary data, 1 empty feed, 1 no article, 1 no such file",
        ],
    );
}

#[test]
fn eval_without_its_benchmark_names_the_directory() {
    for which in ["extraction", "dates"] {
        let out = dyad(&["eval", which, "no/such/dir"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("no {which} benchmark at no/such/dir")),
            "{stderr}"
        );
    }
    // The default directory is ../shared/eval/NAME from the current directory: absent here.
    let out = dyad(&["eval", "dates"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no dates benchmark at ../shared/eval/dates"),
        "{stderr}"
    );
}

/// A compressed archive on standard input: recognised from its bytes, records named `-#N`.
#[test]
fn compressed_archive_on_stdin() {
    use std::io::Write;
    let bytes = std::fs::read(fixtures().join("sample.warc.zst")).expect("fixture");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["extract", "--no-dedup", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&bytes)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let inputs: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|d| d["input"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(inputs, ["-#3", "-#8", "-#9"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dyad: -#5: no article"), "{stderr}");
}
