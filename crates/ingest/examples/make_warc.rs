//! Writes a CC-NEWS-like WARC.gz from a directory of gzip-compressed HTML pages, for ingest
//! throughput measurements (`dyad extract` on it).
//!
//! `cargo run --release -p dyad-ingest --example make_warc -- OUT.warc.gz [--copies N] [DIR...]`
//!
//! DIR defaults to the two HTML benchmarks, `../shared/eval/extraction/html` and
//! `../shared/eval/dates/html` (1,180 real pages). Each page becomes a `request`, a `response`
//! (HTTP headers, the page) and a `metadata` record, each record its own gzip member, after one
//! `warcinfo` record, as Common Crawl writes them. URLs come from the benchmark's gold file
//! beside the directory when there is one. `--copies N` repeats the pages N times (later copies
//! under changed URLs: exact duplicates).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn record(kind: &str, uri: Option<&str>, content_type: &str, id: u64, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(block.len() + 400);
    out.extend_from_slice(b"WARC/1.0\r\n");
    out.extend_from_slice(format!("WARC-Type: {kind}\r\n").as_bytes());
    out.extend_from_slice(b"WARC-Date: 2026-02-02T12:00:00Z\r\n");
    out.extend_from_slice(
        format!("WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{id:012x}>\r\n").as_bytes(),
    );
    if let Some(uri) = uri {
        out.extend_from_slice(format!("WARC-Target-URI: {uri}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes)?;
    e.finish()
}

/// Page name → URL from a benchmark's gold file (`ground-truth.json` or `gold.json`).
fn urls(dir: &Path) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Some(parent) = dir.parent() else {
        return out;
    };
    for gold in ["ground-truth.json", "gold.json"] {
        let Ok(bytes) = std::fs::read(parent.join(gold)) else {
            continue;
        };
        let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(&bytes) else {
            continue;
        };
        for (k, v) in map {
            if let Some(u) = v.get("url").and_then(|u| u.as_str()) {
                out.insert(k, u.to_owned());
            }
        }
    }
    out
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out_path = None;
    let mut copies = 1usize;
    let mut dirs = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--copies" => {
                copies = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(1);
                i += 1;
            }
            a if out_path.is_none() => out_path = Some(PathBuf::from(a)),
            a => dirs.push(PathBuf::from(a)),
        }
        i += 1;
    }
    let Some(out_path) = out_path else {
        eprintln!("usage: make_warc OUT.warc.gz [--copies N] [DIR...]");
        std::process::exit(2);
    };
    if dirs.is_empty() {
        dirs = vec![
            PathBuf::from("../shared/eval/extraction/html"),
            PathBuf::from("../shared/eval/dates/html"),
        ];
    }
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in &dirs {
        let urls = urls(dir);
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        for path in names {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            let mut html = Vec::new();
            let raw = std::fs::read(&path)?;
            if raw.starts_with(&[0x1f, 0x8b]) {
                flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut html)?;
            } else {
                html = raw;
            }
            let key = file.strip_suffix(".gz").unwrap_or(&file);
            let url = urls
                .get(key)
                .or_else(|| urls.get(key.strip_suffix(".html").unwrap_or(key)))
                .cloned()
                .unwrap_or_else(|| format!("https://pages.example/{key}"));
            pages.push((url, html));
        }
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    let mut id = 0u64;
    let mut next_id = || {
        id += 1;
        id
    };
    let info = b"software: dyad make_warc\r\nformat: WARC File Format 1.0\r\n";
    out.write_all(&gzip(&record(
        "warcinfo",
        None,
        "application/warc-fields",
        next_id(),
        info,
    ))?)?;
    let mut bytes = 0usize;
    for copy in 0..copies {
        for (url, html) in &pages {
            let url = if copy == 0 {
                url.clone()
            } else {
                format!("{url}?copy={copy}")
            };
            let host = url
                .split("://")
                .nth(1)
                .and_then(|r| r.split('/').next())
                .unwrap_or("pages.example");
            let request = format!(
                "GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: dyad-test\r\nAccept: text/html\r\n\r\n"
            );
            out.write_all(&gzip(&record(
                "request",
                Some(&url),
                "application/http; msgtype=request",
                next_id(),
                request.as_bytes(),
            ))?)?;
            let mut http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nServer: test\r\n\r\n",
                html.len()
            )
            .into_bytes();
            http.extend_from_slice(html);
            bytes += html.len();
            out.write_all(&gzip(&record(
                "response",
                Some(&url),
                "application/http; msgtype=response",
                next_id(),
                &http,
            ))?)?;
            out.write_all(&gzip(&record(
                "metadata",
                Some(&url),
                "application/warc-fields",
                next_id(),
                b"fetchTimeMs: 100\r\n",
            ))?)?;
        }
    }
    out.flush()?;
    eprintln!(
        "wrote {}: {} pages ({} MB of HTML), {} records",
        out_path.display(),
        pages.len() * copies,
        bytes / 1_000_000,
        id
    );
    Ok(())
}
