//! Ingest: from the files a user has to clean [`Article`]s.
//!
//! This crate is one of the few that does I/O. Each input yields a stream of per-document
//! results, so one bad document is a diagnostic, never the end of a batch.

mod scraped;

pub use scraped::{clean_scraped, parse_dateline, CleanText};

use chrono::NaiveDate;
use dyad_model::Article;
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Documents larger than this are refused: no news article is 16 MB of text, and a single
/// 100 MB line is a data error, not prose.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// Why an input or one document in it could not be read. Every variant names the input.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{input}: {source}")]
    Io {
        input: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{input}: no such file")]
    NotFound { input: String },
    #[error("{input}: directory contains no readable files")]
    EmptyDirectory { input: String },
    #[error("{input}: binary data, not text")]
    Binary { input: String },
    #[error("{input}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { input: String, offset: usize },
    #[error("{input}: empty document")]
    Empty { input: String },
    #[error("{input}: document is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        input: String,
        size: usize,
        limit: usize,
    },
    #[error("{input}: {message}")]
    BadRecord { input: String, message: String },
}

/// What kind of content an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text or a scraped-text dump: one article.
    Text,
    /// JSON Lines: one article a line.
    JsonLines,
}

impl InputFormat {
    /// Decides from the extension, then from the first non-blank byte.
    pub fn detect(name: &str, head: &[u8]) -> InputFormat {
        let lower = name.to_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
            return InputFormat::JsonLines;
        }
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::JsonLines,
            _ => InputFormat::Text,
        }
    }
}

/// A JSON Lines record as scrapers write it.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// Expands the user's inputs: files stay, directories are walked recursively in name order
/// (hidden files skipped), `-` is standard input. Missing paths are errors in the list.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Ok(input.clone()));
        } else if input.is_dir() {
            let before = out.len();
            walk(input, &mut out);
            if out.len() == before {
                out.push(Err(IngestError::EmptyDirectory {
                    input: input.display().to_string(),
                }));
            }
        } else if input.exists() {
            out.push(Ok(input.clone()));
        } else {
            out.push(Err(IngestError::NotFound {
                input: input.display().to_string(),
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, IngestError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(IngestError::Io {
                input: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

/// Reads one input (a path, or `-` for standard input) into its documents.
pub fn read_input(path: &Path) -> Result<Vec<Result<Article, IngestError>>, IngestError> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_DOCUMENT_BYTES as u64 * 64)
            .read_to_end(&mut bytes)
            .map_err(|source| IngestError::Io {
                input: "-".into(),
                source,
            })?;
        return read_bytes("-", &bytes);
    }
    let file = std::fs::File::open(path).map_err(|source| IngestError::Io {
        input: name.clone(),
        source,
    })?;
    let mut reader = BufReader::new(file);
    let head = reader
        .fill_buf()
        .map_err(|source| IngestError::Io {
            input: name.clone(),
            source,
        })?
        .to_vec();
    match InputFormat::detect(&name, &head) {
        InputFormat::JsonLines => Ok(read_jsonl(&name, reader)),
        InputFormat::Text => {
            let mut bytes = Vec::new();
            reader
                .take(MAX_DOCUMENT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|source| IngestError::Io {
                    input: name.clone(),
                    source,
                })?;
            if bytes.len() > MAX_DOCUMENT_BYTES {
                let size = std::fs::metadata(path).map_or(bytes.len(), |m| m.len() as usize);
                return Err(IngestError::TooLarge {
                    input: name,
                    size,
                    limit: MAX_DOCUMENT_BYTES,
                });
            }
            Ok(vec![text_article(&name, &bytes)])
        }
    }
}

/// Reads documents from bytes already in memory (standard input, tests).
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
) -> Result<Vec<Result<Article, IngestError>>, IngestError> {
    match InputFormat::detect(name, bytes) {
        InputFormat::JsonLines => Ok(read_jsonl(name, bytes)),
        InputFormat::Text => {
            if bytes.len() > MAX_DOCUMENT_BYTES {
                return Err(IngestError::TooLarge {
                    input: name.into(),
                    size: bytes.len(),
                    limit: MAX_DOCUMENT_BYTES,
                });
            }
            Ok(vec![text_article(name, bytes)])
        }
    }
}

fn decode(input: &str, bytes: &[u8]) -> Result<String, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            input: input.into(),
        });
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(IngestError::Binary {
            input: input.into(),
        });
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| IngestError::InvalidUtf8 {
        input: input.into(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// A plain-text or scraped-text document.
pub fn text_article(input: &str, bytes: &[u8]) -> Result<Article, IngestError> {
    let text = decode(input, bytes)?;
    let clean = clean_scraped(&text);
    if clean.body.trim().is_empty() {
        return Err(IngestError::Empty {
            input: input.into(),
        });
    }
    let mut article = Article::new(input, clean.body);
    article.title = clean.title;
    article.published = clean.date;
    Ok(article)
}

/// One result per line: a bad line is a diagnostic naming `input#line`, not the end.
fn read_jsonl<R: BufRead>(input: &str, mut reader: R) -> Vec<Result<Article, IngestError>> {
    let mut out = Vec::new();
    let mut line_no = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        line_no += 1;
        // Read at most the limit plus one byte of a line, then skip the rest of an
        // oversized one, so memory stays bounded.
        let read = match read_line_bounded(&mut reader, &mut buf, MAX_DOCUMENT_BYTES) {
            Ok(r) => r,
            Err(source) => {
                out.push(Err(IngestError::Io {
                    input: format!("{input}#{line_no}"),
                    source,
                }));
                break;
            }
        };
        let Some((len, complete)) = read else { break };
        let name = format!("{input}#{line_no}");
        if !complete {
            out.push(Err(IngestError::TooLarge {
                input: name,
                size: len,
                limit: MAX_DOCUMENT_BYTES,
            }));
            continue;
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        out.push(parse_record(&name, &buf));
    }
    out
}

/// Reads a line into `buf` up to `limit` bytes. Returns the line's full length and whether
/// it fit; `None` at end of input.
fn read_line_bounded<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<(usize, bool)>> {
    let mut total = 0;
    let mut any = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(any.then_some((total, total <= limit)));
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(p) => (&available[..p], Some(p + 1)),
            None => (available, None),
        };
        if total + chunk.len() <= limit {
            buf.extend_from_slice(chunk);
        }
        total += chunk.len();
        let consumed = done.unwrap_or(chunk.len());
        reader.consume(consumed);
        if done.is_some() {
            return Ok(Some((total, total <= limit)));
        }
    }
}

fn parse_record(name: &str, line: &[u8]) -> Result<Article, IngestError> {
    let text = std::str::from_utf8(line).map_err(|e| IngestError::InvalidUtf8 {
        input: name.into(),
        offset: e.valid_up_to(),
    })?;
    let record: Record = serde_json::from_str(text).map_err(|e| IngestError::BadRecord {
        input: name.into(),
        message: format!("not a JSON object with a text field: {e}"),
    })?;
    let body = record
        .text
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| IngestError::BadRecord {
            input: name.into(),
            message: "no \"text\"".into(),
        })?;
    let id = match record.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => name.to_string(),
    };
    let clean = clean_scraped(&body);
    let mut article = Article::new(id, clean.body);
    article.title = record.title.or(clean.title);
    article.url = record.url.clone();
    article.source = record
        .source
        .or_else(|| record.url.as_deref().and_then(host_of));
    article.language = record.language;
    article.published = match record.date.as_deref() {
        Some(d) => Some(parse_date(d).ok_or_else(|| IngestError::BadRecord {
            input: name.into(),
            message: format!("unreadable date '{d}'"),
        })?),
        None => clean.date,
    };
    article.rederive_id();
    Ok(article)
}

/// Dates as inputs write them: `2026-01-11`, `20260111`, `2026-01-11T10:00:00Z`, or a
/// dateline ("January 11, 2026").
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    parse_dateline(s)
}

/// The host of a URL, without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.split('@').next_back()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, input: &[u8], expected: &[Result<&str, &str>]) {
        let got: Vec<Result<String, String>> = match read_bytes(name, input) {
            Ok(docs) => docs
                .into_iter()
                .map(|d| {
                    d.map(|a| {
                        format!(
                            "{}|{}|{}",
                            a.input,
                            a.published.map_or("-".into(), |d| d.to_string()),
                            a.text
                        )
                    })
                    .map_err(|e| e.to_string())
                })
                .collect(),
            Err(e) => vec![Err(e.to_string())],
        };
        let want: Vec<Result<String, String>> = expected
            .iter()
            .map(|r| r.map(String::from).map_err(String::from))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn json_lines_with_good_and_bad_records() {
        check(
            "feed.jsonl",
            b"{\"id\": \"a1\", \"date\": \"2026-01-11\", \"text\": \"Iran met Iraq.\"}\nnot json\n\n{\"id\": 7, \"text\": \"\"}\n{\"text\": \"Egypt met Sudan.\", \"date\": \"20250102\"}\n{\"text\": \"x\", \"date\": \"someday\"}\n",
            &[
                Ok("a1|2026-01-11|Iran met Iraq."),
                Err("feed.jsonl#2: not a JSON object with a text field: expected ident at line 1 column 2"),
                Err("feed.jsonl#4: no \"text\""),
                Ok("feed.jsonl#5|2025-01-02|Egypt met Sudan."),
                Err("feed.jsonl#6: unreadable date 'someday'"),
            ],
        );
    }

    #[test]
    fn bad_text_inputs_are_named() {
        check("empty.txt", b"  \n", &[Err("empty.txt: empty document")]);
        check(
            "bin.txt",
            b"abc\0\x01\x02def",
            &[Err("bin.txt: binary data, not text")],
        );
        check(
            "latin.txt",
            b"caf\xe9 au lait",
            &[Err("latin.txt: invalid UTF-8 at byte 3")],
        );
    }

    #[test]
    fn oversized_json_line_is_refused_and_the_next_line_still_read() {
        let mut input = b"{\"text\": \"".to_vec();
        input.extend(std::iter::repeat_n(b'a', MAX_DOCUMENT_BYTES + 10));
        input.extend(b"\"}\n{\"id\": \"ok\", \"text\": \"Fine.\"}\n");
        let docs = read_jsonl("big.jsonl", &input[..]);
        assert_eq!(docs.len(), 2);
        assert!(matches!(docs[0], Err(IngestError::TooLarge { .. })));
        assert_eq!(
            docs[1].as_ref().map(|a| a.text.as_str()).ok(),
            Some("Fine.")
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a/b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("news.site/x").as_deref(), Some("news.site"));
    }
}
