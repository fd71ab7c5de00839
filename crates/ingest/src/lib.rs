//! Ingest: from the files a user has to clean [`Article`]s.
//!
//! This crate is one of the few that does I/O. Each input is read as a stream of records, so
//! one bad document is a diagnostic, never the end of a batch, and a large archive is never
//! held in memory whole.
//!
//! Formats, decided from the extension (a `.gz`, `.zst` one aside) and the first bytes: plain
//! text and scraped-text dumps ([`clean_scraped`]), JSON Lines (`text` or `html` per line), HTML
//! pages (through `dyad-extract`), RSS and Atom feeds (`feed-rs`; each item an article) and WARC
//! archives (`response` records, as in CC-NEWS). gzip and zstd are decompressed transparently,
//! recognised by their magic bytes.
//!
//! Reading is two steps so that callers can spread the costly one over threads:
//! [`open_input`] frames an input into [`Record`]s (I/O, decompression, WARC and JSON Lines
//! framing: cheap, sequential), and [`Record::parse`] turns one into a [`Document`] (HTML
//! extraction, cleaning: pure CPU work). [`read_documents`] and [`read_input`] do both.
//! [`Deduplicator`] finds exact and near duplicates.

mod compress;
mod dedup;
mod feed;
mod html;
mod jsonl;
mod scraped;
mod warc;

pub use compress::Compression;
pub use dedup::{content_hash, Deduplicator, Signature, Verdict, DEFAULT_THRESHOLD};
pub use feed::{strip_html, MAX_FEED_BYTES};
pub use html::{charset_of_content_type, html_document};
pub use scraped::{clean_scraped, parse_dateline, CleanText};

use chrono::NaiveDate;
use compress::Reader;
use dyad_model::Article;
use encoding_rs::Encoding;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Documents larger than this are refused: no news article is 16 MB of text, and a single
/// 100 MB line is a data error, not prose.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// Why an input or one document in it could not be read. Every variant names the input;
/// [`IngestError::reason`] names the kind of problem, for counting.
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
    /// An HTML page without article content: an index, a navigation or an error page.
    #[error("{input}: no article")]
    NoArticle { input: String },
    /// A gzip or zstd stream that ends early or does not decode.
    #[error("{input}: {}", if *truncated { format!("truncated {format} stream") } else { format!("corrupt {format} stream: {message}") })]
    Compressed {
        input: String,
        format: &'static str,
        truncated: bool,
        message: String,
    },
    #[error("{input}: broken WARC record {message}")]
    BadWarcRecord { input: String, message: String },
    #[error("{input}: unreadable feed: {message}")]
    BadFeed { input: String, message: String },
    #[error("{input}: empty feed")]
    EmptyFeed { input: String },
}

impl IngestError {
    /// The input (or `input#N` record) the error names.
    pub fn input(&self) -> &str {
        match self {
            IngestError::Io { input, .. }
            | IngestError::NotFound { input }
            | IngestError::EmptyDirectory { input }
            | IngestError::Binary { input }
            | IngestError::InvalidUtf8 { input, .. }
            | IngestError::Empty { input }
            | IngestError::TooLarge { input, .. }
            | IngestError::BadRecord { input, .. }
            | IngestError::NoArticle { input }
            | IngestError::Compressed { input, .. }
            | IngestError::BadWarcRecord { input, .. }
            | IngestError::BadFeed { input, .. }
            | IngestError::EmptyFeed { input } => input,
        }
    }

    /// A short name for the kind of problem ("no article", "truncated gzip"), for summaries
    /// that count diagnostics by reason.
    pub fn reason(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "read error",
            IngestError::NotFound { .. } => "no such file",
            IngestError::EmptyDirectory { .. } => "empty directory",
            IngestError::Binary { .. } => "binary data",
            IngestError::InvalidUtf8 { .. } => "invalid UTF-8",
            IngestError::Empty { .. } => "empty document",
            IngestError::TooLarge { .. } => "too large",
            IngestError::BadRecord { .. } => "bad record",
            IngestError::NoArticle { .. } => "no article",
            IngestError::Compressed {
                format, truncated, ..
            } => match (*format, *truncated) {
                ("gzip", true) => "truncated gzip",
                ("gzip", false) => "corrupt gzip",
                ("zstd", true) => "truncated zstd",
                ("zstd", false) => "corrupt zstd",
                (_, true) => "truncated stream",
                (_, false) => "corrupt stream",
            },
            IngestError::BadWarcRecord { .. } => "broken WARC record",
            IngestError::BadFeed { .. } => "unreadable feed",
            IngestError::EmptyFeed { .. } => "empty feed",
        }
    }
}

/// An I/O error while reading `input`, a compressed stream's own failure told apart.
pub(crate) fn io_error(input: &str, e: std::io::Error) -> IngestError {
    if let Some(s) = e
        .get_ref()
        .and_then(|r| r.downcast_ref::<compress::StreamError>())
    {
        return IngestError::Compressed {
            input: input.into(),
            format: s.format,
            truncated: s.truncated,
            message: s.message.clone(),
        };
    }
    IngestError::Io {
        input: input.into(),
        source: e,
    }
}

/// What kind of content an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text or a scraped-text dump: one article.
    Text,
    /// JSON Lines: one article a line.
    JsonLines,
    /// An HTML page: one article, found by the extractor.
    Html,
    /// An RSS, Atom or JSON feed: one article an item.
    Feed,
    /// A WARC archive: one article an HTML response record.
    Warc,
}

impl InputFormat {
    /// Decides from the extension (after any `.gz`/`.zst`), then from the first bytes.
    pub fn detect(name: &str, head: &[u8]) -> InputFormat {
        let lower = compress::strip_extension(name).to_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "jsonl" | "ndjson" | "json" => return InputFormat::JsonLines,
            "warc" => return InputFormat::Warc,
            "html" | "htm" | "xhtml" | "shtml" => return InputFormat::Html,
            "rss" | "atom" => return InputFormat::Feed,
            _ => {}
        }
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/") {
            return InputFormat::Warc;
        }
        match head.first() {
            Some(b'{') => InputFormat::JsonLines,
            Some(b'<') => {
                let window: Vec<u8> = head[..head.len().min(4096)].to_ascii_lowercase();
                let has = |s: &[u8]| window.windows(s.len()).any(|w| w == s);
                let is_feed = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
                if is_feed && !has(b"<html") {
                    InputFormat::Feed
                } else {
                    InputFormat::Html
                }
            }
            _ => InputFormat::Text,
        }
    }
}

/// A clean article and what the extractor found beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub article: Article,
    /// The author's name(s), comma-separated.
    pub author: Option<String>,
    /// The publication's name (`og:site_name`, the feed's title).
    pub site_name: Option<String>,
}

impl Document {
    pub fn into_article(self) -> Article {
        self.article
    }
}

/// One document as framed in its input, not yet parsed: see [`Record::parse`].
#[derive(Debug)]
pub struct Record {
    input: String,
    body: RecordBody,
}

#[derive(Debug)]
enum RecordBody {
    Text(Vec<u8>),
    Html {
        bytes: Vec<u8>,
        url: Option<String>,
        charset: Option<&'static Encoding>,
    },
    JsonLine(Vec<u8>),
    FeedItem(Box<feed::Item>),
}

impl Record {
    /// The name diagnostics and the article use: the path, `path#N` inside a multi-record
    /// file.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Bytes held (for batching by memory).
    pub fn size(&self) -> usize {
        match &self.body {
            RecordBody::Text(b) | RecordBody::JsonLine(b) | RecordBody::Html { bytes: b, .. } => {
                b.len()
            }
            RecordBody::FeedItem(item) => {
                item.content.as_ref().map_or(0, String::len)
                    + item.summary.as_ref().map_or(0, String::len)
            }
        }
    }

    /// Turns the record into a document: cleaning, extraction. Pure CPU work, safe to run on
    /// any thread.
    pub fn parse(self) -> Result<Document, IngestError> {
        match self.body {
            RecordBody::Text(bytes) => text_article(&self.input, &bytes).map(|article| Document {
                article,
                author: None,
                site_name: None,
            }),
            RecordBody::Html {
                bytes,
                url,
                charset,
            } => html_document(&self.input, &bytes, url.as_deref(), charset),
            RecordBody::JsonLine(line) => jsonl::line_document(&self.input, &line),
            RecordBody::FeedItem(item) => feed::item_document(&self.input, *item),
        }
    }
}

/// The records of one input, read as they are asked for.
pub struct Records {
    format: InputFormat,
    source: Source,
}

enum Source {
    Items(std::vec::IntoIter<Result<Record, IngestError>>),
    Lines(jsonl::Lines),
    Warc(Box<warc::WarcRecords>),
}

impl Records {
    /// The input's format.
    pub fn format(&self) -> InputFormat {
        self.format
    }

    /// Records passed over so far because they hold no page (WARC `request` and `warcinfo`
    /// records, redirects, images), by reason. Not errors: nothing was wrong with them.
    pub fn skipped(&self) -> BTreeMap<&'static str, u64> {
        match &self.source {
            Source::Warc(w) => w.skipped().clone(),
            _ => BTreeMap::new(),
        }
    }

    fn one(format: InputFormat, record: Result<Record, IngestError>) -> Records {
        Records {
            format,
            source: Source::Items(vec![record].into_iter()),
        }
    }
}

impl Iterator for Records {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.source {
            Source::Items(items) => items.next(),
            Source::Lines(lines) => lines.next(),
            Source::Warc(w) => w.next(),
        }
    }
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

const READ_BUFFER: usize = 256 * 1024;

/// Opens one input (a path, or `-` for standard input) as a stream of records. Fails only
/// when the input cannot be opened or its format read at all; problems with single documents
/// come as errors in the stream.
pub fn open_input(path: &Path) -> Result<Records, IngestError> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        return open_reader(
            "-",
            Box::new(BufReader::with_capacity(READ_BUFFER, std::io::stdin())),
        );
    }
    let file = std::fs::File::open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            IngestError::NotFound {
                input: name.clone(),
            }
        } else {
            IngestError::Io {
                input: name.clone(),
                source,
            }
        }
    })?;
    open_reader(&name, Box::new(BufReader::with_capacity(READ_BUFFER, file)))
}

/// [`open_input`] over any reader; `name` names it in diagnostics and decides the format by
/// its extension.
pub fn open_reader(name: &str, reader: Box<dyn BufRead + Send>) -> Result<Records, IngestError> {
    let (mut reader, _) = compress::decompress(reader).map_err(|e| io_error(name, e))?;
    let head = reader.fill_buf().map_err(|e| io_error(name, e))?;
    let format = InputFormat::detect(name, head);
    let source = match format {
        InputFormat::JsonLines => Source::Lines(jsonl::Lines::new(name, reader)),
        InputFormat::Warc => Source::Warc(Box::new(warc::WarcRecords::new(name, reader))),
        InputFormat::Feed => Source::Items(feed::read_feed(name, reader)?.into_iter()),
        InputFormat::Text | InputFormat::Html => {
            let record = read_whole(name, reader).map(|bytes| Record {
                input: name.to_owned(),
                body: if format == InputFormat::Html {
                    RecordBody::Html {
                        bytes,
                        url: None,
                        charset: None,
                    }
                } else {
                    RecordBody::Text(bytes)
                },
            });
            return Ok(Records::one(format, record));
        }
    };
    Ok(Records { format, source })
}

/// Reads a single-document input, refusing more than [`MAX_DOCUMENT_BYTES`] without holding
/// more than that.
fn read_whole(name: &str, mut reader: Reader) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(name, e))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        // Count the rest to say how large it is, without keeping it.
        let rest =
            std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| io_error(name, e))?;
        return Err(IngestError::TooLarge {
            input: name.into(),
            size: bytes.len() + usize::try_from(rest).unwrap_or(usize::MAX - bytes.len()),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(bytes)
}

/// Reads one input into documents, as they are asked for.
pub fn read_documents(
    path: &Path,
) -> Result<impl Iterator<Item = Result<Document, IngestError>> + Send, IngestError> {
    Ok(open_input(path)?.map(|r| r.and_then(Record::parse)))
}

/// Reads one input into articles, as they are asked for. The outer error is an input that
/// cannot be opened; each inner one a document that cannot be read.
pub fn read_input(
    path: &Path,
) -> Result<impl Iterator<Item = Result<Article, IngestError>> + Send, IngestError> {
    Ok(read_documents(path)?.map(|r| r.map(Document::into_article)))
}

/// Reads documents from bytes already in memory (tests, callers with their own I/O).
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
) -> Result<impl Iterator<Item = Result<Document, IngestError>> + Send, IngestError> {
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    Ok(open_reader(name, reader)?.map(|r| r.and_then(Record::parse)))
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

/// Reads a line into `buf` up to `limit` bytes. Returns the line's full length and whether
/// it fit; `None` at end of input.
pub(crate) fn read_line_bounded<R: BufRead + ?Sized>(
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
                    d.map(|d| {
                        let a = d.article;
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
                Err("feed.jsonl#4: no \"text\" or \"html\""),
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
        let docs: Vec<_> = match read_bytes("big.jsonl", &input) {
            Ok(docs) => docs.collect(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(docs.len(), 2);
        assert!(matches!(docs[0], Err(IngestError::TooLarge { .. })));
        assert_eq!(
            docs[1].as_ref().map(|d| d.article.text.as_str()).ok(),
            Some("Fine.")
        );
    }

    #[test]
    fn formats_from_names_and_first_bytes() {
        let check = |name: &str, head: &[u8], want: InputFormat| {
            assert_eq!(InputFormat::detect(name, head), want, "{name}");
        };
        check("a.jsonl.gz", b"", InputFormat::JsonLines);
        check("CC-NEWS-1.warc.gz", b"", InputFormat::Warc);
        check("x.bin", b"\r\nWARC/1.1\r\n", InputFormat::Warc);
        check("page.HTM", b"binary", InputFormat::Html);
        check(
            "feed.xml",
            b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">",
            InputFormat::Feed,
        );
        check(
            "feed",
            b"\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            InputFormat::Feed,
        );
        check("page.txt", b"  <!DOCTYPE html><html>", InputFormat::Html);
        check("dump.txt", b"January 11, 2026\nTitle", InputFormat::Text);
        check("-", b"{\"text\": 1}", InputFormat::JsonLines);
    }

    #[test]
    fn reasons_name_the_problem() {
        let e = IngestError::Compressed {
            input: "a.gz".into(),
            format: "gzip",
            truncated: true,
            message: String::new(),
        };
        assert_eq!(e.to_string(), "a.gz: truncated gzip stream");
        assert_eq!(e.reason(), "truncated gzip");
        assert_eq!(e.input(), "a.gz");
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
