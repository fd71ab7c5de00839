//! dyad's HTML stage: a web page in, a clean article out.
//!
//! [`extract_html`] decodes the bytes ([`decode_html`]: BOM, `<meta charset>`, UTF-8 or
//! windows-1252), parses them with html5ever into a compact arena DOM, reads the page's metadata
//! (title, author, canonical URL, language, site name, JSON-LD), finds the publication date
//! ([`extract_date`]) and the main text.
//!
//! The main-text extractor scores paragraphs and credits their ancestors (readability's scheme),
//! picks the best container and its related siblings, then prunes boilerplate inside it: blocks
//! whose class or id names navigation, sharing, comments, related links, newsletters and the like,
//! link lists, and short stock phrases ("Advertisement", "Read more"). (A JSON-LD `articleBody`
//! is read into the metadata but not yet used as a signal.)
//!
//! Architecture Invariant: this crate is pure. Value in, value out: no filesystem, network,
//! clock or stdout; "now" comes from [`ExtractOptions::max_date`]. No input makes it panic:
//! every walk over the document is iterative, so nesting depth cannot overflow the stack.

mod boiler;
mod classes;
mod content;
mod date;
mod decode;
mod dom;
mod meta;
mod text;

use chrono::NaiveDate;

pub use decode::decode_html;

/// Default limit on the input size, in bytes (see [`ExtractOptions::max_bytes`]).
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Settings for [`extract_html`] and [`extract_date_with`].
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// The page's URL, if known: a source of the publication date (`/2026/01/11/`) and the
    /// fallback canonical URL.
    pub url: Option<String>,
    /// Prefer leaving out doubtful blocks (captions, short lines at the edges of the article)
    /// over keeping them.
    pub favor_precision: bool,
    /// The latest plausible publication date (usually today, which a pure function cannot know).
    /// Later dates found in the page are ignored.
    pub max_date: Option<NaiveDate>,
    /// Pages larger than this many bytes are refused with [`ExtractError::TooLarge`].
    pub max_bytes: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            url: None,
            favor_precision: false,
            max_date: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// What [`extract_html`] found in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractedPage {
    /// The article's headline (from JSON-LD, Open Graph, `<h1>` or `<title>`).
    pub title: Option<String>,
    /// The article body: paragraphs (and headings, list items) separated by `\n\n`.
    pub text: String,
    /// The author's name(s), comma-separated.
    pub author: Option<String>,
    /// The publication date.
    pub date: Option<NaiveDate>,
    /// `<link rel="canonical">` or `og:url`, else [`ExtractOptions::url`].
    pub canonical_url: Option<String>,
    /// The page's language (`<html lang>`, `og:locale`, `content-language`), as declared.
    pub language: Option<String>,
    /// The publication's name (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
}

/// Why a page yielded no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The bytes are binary data (NUL bytes, control characters, a known file signature).
    #[error("input is not HTML text (binary data)")]
    NotHtml,
    /// The page has no article content: an index, a navigation or an error page.
    #[error("page has no article content")]
    NoArticle,
    /// The page is larger than [`ExtractOptions::max_bytes`].
    #[error("page is {size} bytes, over the limit of {limit}")]
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
}

/// Extracts the article from an HTML page.
///
/// Fails with [`ExtractError::NotHtml`] on binary data, [`ExtractError::TooLarge`] over
/// [`ExtractOptions::max_bytes`], and [`ExtractError::NoArticle`] when the page has no article
/// body (rather than returning its navigation text).
pub fn extract_html(bytes: &[u8], opts: &ExtractOptions) -> Result<ExtractedPage, ExtractError> {
    if bytes.len() > opts.max_bytes {
        return Err(ExtractError::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    let html = decode_html(bytes)?;
    let dom = dom::Dom::parse(&html);
    let meta = meta::collect(&dom);
    let date = date::find(&dom, &meta, opts.url.as_deref(), opts.max_date);
    let text = content::extract(&dom, &meta, opts).ok_or(ExtractError::NoArticle)?;
    Ok(ExtractedPage {
        title: meta.title.clone(),
        text,
        author: meta.author.clone(),
        date,
        canonical_url: meta.canonical_url.clone().or_else(|| opts.url.clone()),
        language: meta.language.clone(),
        site_name: meta.site_name.clone(),
    })
}

/// Finds a page's publication date alone (cheaper than [`extract_html`]: no text extraction).
///
/// The cascade, most reliable first: JSON-LD `datePublished`; meta tags
/// (`article:published_time`, `og:`, Dublin Core, `pubdate`, `sailthru.date`, `parsely-pub-date`,
/// `itemprop="datePublished"`, ...); `<time datetime>`; a date in the URL (`/2026/01/11/`);
/// elements whose class names a date; dates written in the text ("January 11, 2026",
/// "11. Januar 2026", "11.01.2026"). Dates before 1995 are ignored.
pub fn extract_date(bytes: &[u8], url: Option<&str>) -> Option<NaiveDate> {
    extract_date_with(
        bytes,
        &ExtractOptions {
            url: url.map(str::to_owned),
            ..ExtractOptions::default()
        },
    )
}

/// [`extract_date`] with options: the URL and the latest plausible date
/// ([`ExtractOptions::max_date`]).
pub fn extract_date_with(bytes: &[u8], opts: &ExtractOptions) -> Option<NaiveDate> {
    if bytes.len() > opts.max_bytes {
        return None;
    }
    let html = decode_html(bytes).ok()?;
    let dom = dom::Dom::parse(&html);
    let meta = meta::collect(&dom);
    date::find(&dom, &meta, opts.url.as_deref(), opts.max_date)
}
