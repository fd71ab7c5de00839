//! WARC archives (WARC/1.0 and 1.1, as Common Crawl's CC-NEWS writes them), read one record at
//! a time so that memory stays flat whatever the archive's size.
//!
//! `response` records holding an HTTP response with an HTML body become pages: the HTTP
//! headers are stripped, a chunked body is reassembled, a gzip or deflate body decoded, and the
//! `Content-Type` header's charset is passed on to [`crate::html`]. `resource` records holding
//! HTML are pages too. Everything else (`warcinfo`, `request`, `metadata`, redirects, images)
//! is skipped and counted by reason. A broken record is a diagnostic naming `file#N` and the
//! byte offset; the reader then looks for the next `WARC/` version line and goes on. Records
//! are numbered from 1 in file order, every record counted.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};

use encoding_rs::Encoding;

use crate::compress::Reader;
use crate::html::charset_of_content_type;
use crate::{io_error, read_line_bounded, IngestError, Record, RecordBody, MAX_DOCUMENT_BYTES};

/// The most bytes of WARC or HTTP headers read before a record is called broken.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// A `BufRead` that counts the bytes taken from it.
struct Counting {
    inner: Reader,
    offset: u64,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.offset += n as u64;
        Ok(n)
    }
}

impl BufRead for Counting {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.offset += amt as u64;
        self.inner.consume(amt);
    }
}

/// The records of one WARC file.
pub(crate) struct WarcRecords {
    input: String,
    reader: Counting,
    record_no: u64,
    /// The number of the record being read (for naming a read error between records).
    reading: u64,
    /// A version line met while looking for the next record after a broken one.
    pending: Option<(Vec<u8>, u64)>,
    skipped: BTreeMap<&'static str, u64>,
    done: bool,
}

/// What reading one record gave.
enum Step {
    Page(Record),
    Skipped,
    Failed(IngestError),
    /// A failure after which nothing more can be read.
    Fatal(IngestError),
}

impl WarcRecords {
    pub(crate) fn new(input: &str, reader: Reader) -> WarcRecords {
        WarcRecords {
            input: input.to_owned(),
            reader: Counting {
                inner: reader,
                offset: 0,
            },
            record_no: 0,
            reading: 1,
            pending: None,
            skipped: BTreeMap::new(),
            done: false,
        }
    }

    /// Records skipped so far, by reason.
    pub(crate) fn skipped(&self) -> &BTreeMap<&'static str, u64> {
        &self.skipped
    }

    fn skip(&mut self, reason: &'static str) -> Step {
        *self.skipped.entry(reason).or_insert(0) += 1;
        Step::Skipped
    }

    /// Reads one line (without its `\n`), bounded; `None` at the end.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<bool>> {
        buf.clear();
        let got = read_line_bounded(&mut self.reader, buf, MAX_HEADER_BYTES)?;
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Ok(got.map(|(_, complete)| complete))
    }

    /// Skips forward to the next `WARC/` version line, keeping it for the next record.
    fn resync(&mut self) -> io::Result<()> {
        let mut buf = Vec::new();
        loop {
            let at = self.reader.offset;
            match self.line(&mut buf)? {
                None => return Ok(()),
                Some(_) if buf.starts_with(b"WARC/") => {
                    self.pending = Some((std::mem::take(&mut buf), at));
                    return Ok(());
                }
                Some(_) => {}
            }
        }
    }

    /// Discards `len` bytes; false when the input ended first.
    fn discard(&mut self, len: u64) -> io::Result<bool> {
        let copied = io::copy(&mut (&mut self.reader).take(len), &mut io::sink())?;
        Ok(copied == len)
    }

    fn broken(&self, name: String, at: u64, why: impl Into<String>) -> IngestError {
        IngestError::BadWarcRecord {
            input: name,
            message: format!("at byte {at}: {}", why.into()),
        }
    }

    fn step(&mut self) -> io::Result<Option<Step>> {
        self.reading = self.record_no + 1;
        let mut line = Vec::new();
        // The version line, after any blank lines between records.
        let (first, at) = match self.pending.take() {
            Some(p) => p,
            None => loop {
                let at = self.reader.offset;
                match self.line(&mut line)? {
                    None => return Ok(None),
                    Some(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
                    Some(_) => break (std::mem::take(&mut line), at),
                }
            },
        };
        self.record_no += 1;
        let name = format!("{}#{}", self.input, self.record_no);
        if !first.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(&first[..first.len().min(40)])
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
            let err = self.broken(
                name,
                at,
                format!("expected a WARC version line, found '{shown}'"),
            );
            self.resync()?;
            return Ok(Some(Step::Failed(err)));
        }

        // Named fields, to the blank line.
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut total = 0usize;
        loop {
            match self.line(&mut line)? {
                None => {
                    let err = self.broken(name, at, "archive ends inside the record's header");
                    return Ok(Some(Step::Fatal(err)));
                }
                Some(complete) => {
                    total += line.len() + 2;
                    if !complete || total > MAX_HEADER_BYTES {
                        let err = self.broken(name, at, "header too long");
                        self.resync()?;
                        return Ok(Some(Step::Failed(err)));
                    }
                }
            }
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            if text.starts_with([' ', '\t']) {
                // A continuation of the previous field.
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
                continue;
            }
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let field = |key: &str| {
            headers
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = field("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            let err = self.broken(name, at, "no valid Content-Length");
            self.resync()?;
            return Ok(Some(Step::Failed(err)));
        };
        let warc_type = field("warc-type").unwrap_or("").to_ascii_lowercase();
        let content_type = field("content-type").unwrap_or("").to_ascii_lowercase();
        let url = field("warc-target-uri")
            .map(|u| u.trim_matches(['<', '>']).to_owned())
            .filter(|u| !u.is_empty());

        let kind = match warc_type.as_str() {
            "response" if content_type.starts_with("application/http") => Kind::Http,
            "resource" | "response" if is_html_type(&content_type) => Kind::Html,
            "response" | "resource" => Kind::Skip("non-HTML record"),
            "warcinfo" => Kind::Skip("warcinfo record"),
            "request" => Kind::Skip("request record"),
            "metadata" => Kind::Skip("metadata record"),
            "revisit" => Kind::Skip("revisit record"),
            "conversion" => Kind::Skip("conversion record"),
            _ => Kind::Skip("other WARC record"),
        };
        if let Kind::Skip(reason) = kind {
            if !self.discard(len)? {
                let err = self.broken(name, at, format!("archive ends inside a {len}-byte record"));
                return Ok(Some(Step::Fatal(err)));
            }
            return Ok(Some(self.skip(reason)));
        }
        let limit = MAX_DOCUMENT_BYTES + MAX_HEADER_BYTES;
        if len > limit as u64 {
            if !self.discard(len)? {
                let err = self.broken(name, at, format!("archive ends inside a {len}-byte record"));
                return Ok(Some(Step::Fatal(err)));
            }
            return Ok(Some(Step::Failed(IngestError::TooLarge {
                input: name,
                size: usize::try_from(len).unwrap_or(usize::MAX),
                limit: MAX_DOCUMENT_BYTES,
            })));
        }
        let mut block = Vec::with_capacity(len as usize);
        (&mut self.reader).take(len).read_to_end(&mut block)?;
        if (block.len() as u64) < len {
            let err = self.broken(
                name,
                at,
                format!(
                    "archive ends inside the record: {} of {len} bytes",
                    block.len()
                ),
            );
            return Ok(Some(Step::Fatal(err)));
        }
        if kind == Kind::Html {
            let charset = charset_of_content_type(&content_type);
            return Ok(Some(Step::Page(page(name, block, url, charset))));
        }
        Ok(Some(match http_page(&block) {
            Ok(Http::Page { body, charset }) => Step::Page(page(name, body, url, charset)),
            Ok(Http::Skip(reason)) => self.skip(reason),
            Err(why) => Step::Failed(self.broken(name, at, why)),
        }))
    }
}

fn page(
    input: String,
    bytes: Vec<u8>,
    url: Option<String>,
    charset: Option<&'static Encoding>,
) -> Record {
    Record {
        input,
        body: RecordBody::Html {
            bytes,
            url,
            charset,
        },
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Http,
    Html,
    Skip(&'static str),
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime == "text/html" || mime == "application/xhtml+xml"
}

impl Iterator for WarcRecords {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.step() {
                Ok(None) => self.done = true,
                Ok(Some(Step::Page(r))) => return Some(Ok(r)),
                Ok(Some(Step::Skipped)) => {}
                Ok(Some(Step::Failed(e))) => return Some(Err(e)),
                Ok(Some(Step::Fatal(e))) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Err(e) => {
                    // A read error (a truncated or corrupt compressed stream): nothing after
                    // it can be trusted.
                    self.done = true;
                    let name = format!("{}#{}", self.input, self.reading);
                    return Some(Err(io_error(&name, e)));
                }
            }
        }
        None
    }
}

/// What an HTTP response block holds.
enum Http {
    Page {
        body: Vec<u8>,
        charset: Option<&'static Encoding>,
    },
    Skip(&'static str),
}

/// Splits an HTTP response into headers and body and decides whether the body is a page.
fn http_page(block: &[u8]) -> Result<Http, String> {
    if !block.starts_with(b"HTTP/") {
        return Err("response record does not hold an HTTP response".into());
    }
    let head_end = memchr_crlf2(block).ok_or("HTTP headers do not end")?;
    let (head, body_start) = head_end;
    let head = String::from_utf8_lossy(&block[..head]);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("unreadable HTTP status line")?;
    let mut content_type = None;
    let mut encoding = None;
    let mut chunked = false;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(v.to_ascii_lowercase()),
            "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
            "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    if status != 200 {
        return Ok(Http::Skip(if (300..400).contains(&status) {
            "HTTP redirect"
        } else {
            "HTTP status not 200"
        }));
    }
    if let Some(ct) = &content_type {
        if !is_html_type(ct) {
            return Ok(Http::Skip("non-HTML response"));
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    match encoding.as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..]))
                .ok_or("gzip body does not decode")?;
        }
        Some("deflate") => {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..]))
                .or_else(|| inflate(flate2::read::DeflateDecoder::new(&body[..])))
                .ok_or("deflate body does not decode")?;
        }
        Some(other) => return Err(format!("unsupported Content-Encoding '{other}'")),
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Http::Skip("empty response"));
    }
    let charset = content_type.as_deref().and_then(charset_of_content_type);
    Ok(Http::Page { body, charset })
}

/// Decompresses a body, refusing more than the document limit.
fn inflate(mut decoder: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    (&mut decoder)
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The end of the HTTP header section: (length of the headers, start of the body). Accepts
/// bare `\n\n` as well as `\r\n\r\n`.
fn memchr_crlf2(block: &[u8]) -> Option<(usize, usize)> {
    let window = &block[..block.len().min(MAX_HEADER_BYTES)];
    let crlf = window.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = window.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(c), Some(l)) if l < c => Some((l, l + 2)),
        (Some(c), _) => Some((c, c + 4)),
        (None, Some(l)) => Some((l, l + 2)),
        (None, None) => None,
    }
}

/// Reassembles a chunked body; `None` when it is not well-formed chunked data.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(&rest[..nl]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        let chunk = rest.get(..size)?;
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if out.len() > MAX_DOCUMENT_BYTES {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn http_responses() {
        let check = |block: &[u8], want: &str| {
            let got = match http_page(block) {
                Ok(Http::Page { body, charset }) => format!(
                    "page {} {}",
                    String::from_utf8_lossy(&body),
                    charset.map_or("-", |c| c.name())
                ),
                Ok(Http::Skip(r)) => format!("skip {r}"),
                Err(e) => format!("error {e}"),
            };
            assert_eq!(got, want);
        };
        check(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=Shift_JIS\r\n\r\n<p>x</p>",
            "page <p>x</p> Shift_JIS",
        );
        check(
            b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
            "skip HTTP redirect",
        );
        check(
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            "skip non-HTML response",
        );
        check(
            b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\r\n<p>\r\n0\r\n\r\n",
            "page <p> -",
        );
        check(
            b"GET / HTTP/1.1\r\n\r\n",
            "error response record does not hold an HTTP response",
        );
        check(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx",
            "error unsupported Content-Encoding 'br'",
        );
    }
}
