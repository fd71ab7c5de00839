//! HTML pages into documents: the article from `dyad-extract`, its metadata into the
//! [`Article`]'s fields.
//!
//! Character sets follow the HTML standard's order: a byte-order mark, then the charset of an
//! HTTP `Content-Type` header (from a WARC record), then the page's `<meta charset>`, then
//! UTF-8 or windows-1252 (the last two are `dyad_extract::decode_html`'s). A header charset is
//! applied here, by transcoding to UTF-8 behind a BOM so the extractor's own sniffing defers to
//! it; a page whose bytes are valid UTF-8 despite a legacy header is left to the extractor
//! (servers that send a default `charset=iso-8859-1` for UTF-8 pages are common).

use chrono::{Days, NaiveDate};
use dyad_extract::{extract_html, ExtractError, ExtractOptions, ExtractedPage};
use dyad_model::Article;
use encoding_rs::{Encoding, UTF_8};

use crate::{host_of, Document, IngestError, MAX_DOCUMENT_BYTES};

/// The latest publication date believed: tomorrow (time zones), from the clock. Later dates in
/// a page are misreadings.
pub(crate) fn max_date() -> Option<NaiveDate> {
    chrono::Utc::now()
        .date_naive()
        .checked_add_days(Days::new(1))
}

/// The encoding named by a `Content-Type` value's `charset` parameter.
pub fn charset_of_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// Applies a charset from outside the page (an HTTP header): see the module documentation.
fn apply_header_charset(bytes: &[u8], charset: Option<&'static Encoding>) -> Option<Vec<u8>> {
    let enc = charset?;
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if std::str::from_utf8(bytes).is_ok() {
        // Valid UTF-8 (or plain ASCII): the extractor decodes it right, or by its <meta>.
        return None;
    }
    if enc == UTF_8 {
        // Declared UTF-8 but not: let the extractor's fallbacks decide.
        return None;
    }
    let (text, _, _) = enc.decode(bytes);
    let mut out = Vec::with_capacity(text.len() + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice(text.as_bytes());
    Some(out)
}

/// Extracts the article from a page's bytes; `url` is where it was fetched from, `charset` an
/// HTTP header's.
pub(crate) fn extract(
    input: &str,
    bytes: &[u8],
    url: Option<&str>,
    charset: Option<&'static Encoding>,
) -> Result<ExtractedPage, IngestError> {
    let transcoded = apply_header_charset(bytes, charset);
    let bytes = transcoded.as_deref().unwrap_or(bytes);
    let opts = ExtractOptions {
        url: url.map(str::to_owned),
        max_date: max_date(),
        max_bytes: MAX_DOCUMENT_BYTES,
        ..ExtractOptions::default()
    };
    extract_html(bytes, &opts).map_err(|e| match e {
        ExtractError::NotHtml => IngestError::Binary {
            input: input.into(),
        },
        ExtractError::NoArticle => IngestError::NoArticle {
            input: input.into(),
        },
        ExtractError::TooLarge { size, limit } => IngestError::TooLarge {
            input: input.into(),
            size,
            limit,
        },
        other => IngestError::BadRecord {
            input: input.into(),
            message: other.to_string(),
        },
    })
}

/// An HTML page as a document: the extracted text, title, author, date, canonical URL,
/// language and source host.
pub fn html_document(
    input: &str,
    bytes: &[u8],
    url: Option<&str>,
    charset: Option<&'static Encoding>,
) -> Result<Document, IngestError> {
    let page = extract(input, bytes, url, charset)?;
    Ok(page_document(input, page, url))
}

/// Fills a document from what the extractor found.
pub(crate) fn page_document(input: &str, page: ExtractedPage, url: Option<&str>) -> Document {
    let canonical = page
        .canonical_url
        .as_deref()
        .and_then(|c| resolve_url(c, url))
        .or_else(|| url.map(str::to_owned));
    let mut article = Article::new(input, page.text);
    article.title = page.title.filter(|t| !t.trim().is_empty());
    article.published = page.date;
    article.source = canonical.as_deref().and_then(host_of);
    article.url = canonical;
    article.language = page.language.as_deref().and_then(language_tag);
    article.rederive_id();
    Document {
        article,
        author: page.author.filter(|a| !a.trim().is_empty()),
        site_name: page.site_name.filter(|s| !s.trim().is_empty()),
    }
}

/// A canonical URL made absolute against the page's own URL; `None` when it cannot be.
fn resolve_url(canonical: &str, base: Option<&str>) -> Option<String> {
    let canonical = canonical.trim();
    if canonical.is_empty() {
        return None;
    }
    if canonical.contains("://") {
        return Some(canonical.to_owned());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(net) = canonical.strip_prefix("//") {
        return Some(format!("{scheme}://{net}"));
    }
    let host = rest.split(['/', '?', '#']).next()?;
    if canonical.starts_with('/') {
        return Some(format!("{scheme}://{host}{canonical}"));
    }
    None
}

/// A language tag as a hint: `en_US` → `en-us`; junk is dropped.
pub(crate) fn language_tag(raw: &str) -> Option<String> {
    let tag = raw.trim().replace('_', "-").to_ascii_lowercase();
    let ok = !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && tag
            .split('-')
            .next()
            .is_some_and(|p| (2..=3).contains(&p.len()));
    ok.then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_charsets() {
        let check = |ct: &str, want: Option<&'static Encoding>| {
            assert_eq!(charset_of_content_type(ct), want, "{ct}");
        };
        check("text/html; charset=Shift_JIS", Some(encoding_rs::SHIFT_JIS));
        check(
            "text/html;charset=\"windows-1256\"",
            Some(encoding_rs::WINDOWS_1256),
        );
        check("text/html", None);
        check("text/html; charset=nonsense", None);
    }

    #[test]
    fn urls_and_languages() {
        let base = Some("https://news.example/a/b?c");
        assert_eq!(
            resolve_url("/x/y", base).as_deref(),
            Some("https://news.example/x/y")
        );
        assert_eq!(
            resolve_url("//cdn.example/z", base).as_deref(),
            Some("https://cdn.example/z")
        );
        assert_eq!(resolve_url("relative", base), None);
        assert_eq!(language_tag("en_US").as_deref(), Some("en-us"));
        assert_eq!(language_tag("  de "), Some("de".into()));
        assert_eq!(language_tag("{{lang}}"), None);
    }
}
