//! JSON Lines as scrapers write them: one article a line, with `text` or `html`.

use dyad_model::Article;
use serde::Deserialize;

use crate::compress::Reader;
use crate::html::{extract, language_tag, page_document};
use crate::{
    clean_scraped, host_of, io_error, parse_date, read_line_bounded, Document, IngestError, Record,
    RecordBody, MAX_DOCUMENT_BYTES,
};

/// A JSON Lines record.
#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    author: Option<String>,
}

/// The lines of a JSON Lines input, read one at a time.
pub(crate) struct Lines {
    input: String,
    reader: Reader,
    line_no: usize,
    done: bool,
}

impl Lines {
    pub(crate) fn new(input: &str, reader: Reader) -> Lines {
        Lines {
            input: input.to_owned(),
            reader,
            line_no: 0,
            done: false,
        }
    }
}

impl Iterator for Lines {
    type Item = Result<Record, IngestError>;

    /// One result per non-blank line: a bad line is a diagnostic naming `input#line`; an
    /// oversized line is refused and skipped without holding it in memory.
    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            self.line_no += 1;
            let name = format!("{}#{}", self.input, self.line_no);
            let read = match read_line_bounded(&mut self.reader, &mut buf, MAX_DOCUMENT_BYTES) {
                Ok(r) => r,
                Err(e) => {
                    self.done = true;
                    return Some(Err(io_error(&name, e)));
                }
            };
            let Some((len, complete)) = read else {
                self.done = true;
                break;
            };
            if !complete {
                return Some(Err(IngestError::TooLarge {
                    input: name,
                    size: len,
                    limit: MAX_DOCUMENT_BYTES,
                }));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(Record {
                input: name,
                body: RecordBody::JsonLine(std::mem::take(&mut buf)),
            }));
        }
        None
    }
}

/// One JSON line as a document. `name` is `input#line`; an `id` in the record names the
/// article instead.
pub(crate) fn line_document(name: &str, line: &[u8]) -> Result<Document, IngestError> {
    let text = std::str::from_utf8(line).map_err(|e| IngestError::InvalidUtf8 {
        input: name.into(),
        offset: e.valid_up_to(),
    })?;
    let record: Line = serde_json::from_str(text).map_err(|e| IngestError::BadRecord {
        input: name.into(),
        message: format!("not a JSON object with a text field: {e}"),
    })?;
    let id = match &record.id {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => name.to_string(),
    };
    let date = match record.date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => Some(parse_date(d).ok_or_else(|| IngestError::BadRecord {
            input: name.into(),
            message: format!("unreadable date '{d}'"),
        })?),
        None => None,
    };
    let body = record.text.filter(|t| !t.trim().is_empty());
    let html = record.html.filter(|t| !t.trim().is_empty());
    let mut doc = match (body, html) {
        (Some(body), _) => {
            let clean = clean_scraped(&body);
            let mut article = Article::new(id, clean.body);
            article.title = clean.title;
            article.published = clean.date;
            Document {
                article,
                author: None,
                site_name: None,
            }
        }
        (None, Some(html)) => {
            let page = extract(name, html.as_bytes(), record.url.as_deref(), None)?;
            page_document(&id, page, record.url.as_deref())
        }
        (None, None) => {
            return Err(IngestError::BadRecord {
                input: name.into(),
                message: "no \"text\" or \"html\"".into(),
            })
        }
    };
    let article = &mut doc.article;
    if record
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
    {
        article.title = record.title;
    }
    // The scraper's URL is what the user knows the page by (rather than the canonical one).
    if record.url.is_some() {
        article.url = record.url;
    }
    article.source = record
        .source
        .or_else(|| article.url.as_deref().and_then(host_of))
        .or(article.source.take());
    if let Some(lang) = record.language.filter(|l| !l.trim().is_empty()) {
        article.language = Some(language_tag(&lang).unwrap_or(lang));
    }
    if date.is_some() {
        article.published = date;
    }
    if record
        .author
        .as_deref()
        .is_some_and(|a| !a.trim().is_empty())
    {
        doc.author = record.author;
    }
    doc.article.rederive_id();
    Ok(doc)
}
