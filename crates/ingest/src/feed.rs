//! RSS and Atom feeds (and JSON Feed, which `feed-rs` reads too): each item an article.
//!
//! An item's HTML content (`content:encoded`, Atom `<content>`) goes through the extractor; when
//! it finds no article there (a fragment too short to score), or the item has only a
//! description, the text is the markup stripped. Title, link, date, author and language come
//! from the item, the feed's language standing in for the item's.

use std::io::Read;

use chrono::NaiveDate;
use dyad_model::Article;

use crate::html::{extract, language_tag};
use crate::{host_of, Document, IngestError, Record, RecordBody};

/// Feeds larger than this are refused: the whole feed is parsed at once.
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

/// One feed item, as read from the feed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Item {
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub site_name: Option<String>,
    /// HTML content of the item.
    pub content: Option<String>,
    /// The description or summary, HTML or text.
    pub summary: Option<String>,
}

/// Reads a whole feed into its items' records (named `input#N`, N from 1). A feed without
/// items is [`IngestError::EmptyFeed`].
pub(crate) fn read_feed(
    input: &str,
    reader: impl Read,
) -> Result<Vec<Result<Record, IngestError>>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FEED_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::io_error(input, e))?;
    if bytes.len() > MAX_FEED_BYTES {
        return Err(IngestError::TooLarge {
            input: input.into(),
            size: bytes.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            input: input.into(),
        });
    }
    let parser = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build();
    // feed-rs is third-party code on untrusted input: a panic in it is a bad feed, not the end
    // of the batch.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(bytes.as_slice())
    }));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => {
            return Err(IngestError::BadFeed {
                input: input.into(),
                message: e.to_string(),
            })
        }
        Err(_) => {
            return Err(IngestError::BadFeed {
                input: input.into(),
                message: "the feed parser failed".into(),
            })
        }
    };
    if feed.entries.is_empty() {
        return Err(IngestError::EmptyFeed {
            input: input.into(),
        });
    }
    let site_name = feed.title.as_ref().map(|t| plain(&t.content));
    let feed_language = feed.language.clone();
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().unwrap_or("alternate") == "alternate")
                .or(entry.links.first())
                .map(|l| l.href.trim().to_owned())
                .filter(|h| !h.is_empty());
            let authors: Vec<String> = entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(str::trim))
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
            let item = Item {
                url,
                title: entry
                    .title
                    .as_ref()
                    .map(|t| plain(&t.content))
                    .filter(|t| !t.is_empty()),
                date: entry.published.or(entry.updated).map(|d| d.date_naive()),
                author: (!authors.is_empty()).then(|| authors.join(", ")),
                language: entry.language.clone().or_else(|| feed_language.clone()),
                site_name: site_name.clone().filter(|s| !s.is_empty()),
                content: entry
                    .content
                    .and_then(|c| c.body)
                    .filter(|b| !b.trim().is_empty()),
                summary: entry
                    .summary
                    .map(|s| s.content)
                    .filter(|s| !s.trim().is_empty()),
            };
            Ok(Record {
                input: format!("{input}#{}", i + 1),
                body: RecordBody::FeedItem(Box::new(item)),
            })
        })
        .collect())
}

/// An item as a document.
pub(crate) fn item_document(input: &str, item: Item) -> Result<Document, IngestError> {
    let mut author = item.author;
    let mut language = item.language.as_deref().and_then(language_tag);
    let mut date = item.date;
    let mut text = None;
    if let Some(content) = &item.content {
        if let Ok(page) = extract(input, content.as_bytes(), item.url.as_deref(), None) {
            if !page.text.trim().is_empty() {
                author = author.or(page.author);
                language = language.or(page.language.as_deref().and_then(language_tag));
                date = date.or(page.date);
                text = Some(page.text);
            }
        }
    }
    let text = text
        .or_else(|| item.content.as_deref().map(strip_html))
        .filter(|t| !t.trim().is_empty())
        .or_else(|| item.summary.as_deref().map(strip_html))
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| IngestError::NoArticle {
            input: input.into(),
        })?;
    let mut article = Article::new(input, text);
    article.title = item.title;
    article.published = date;
    article.source = item.url.as_deref().and_then(host_of);
    article.url = item.url;
    article.language = language;
    article.rederive_id();
    Ok(Document {
        article,
        author,
        site_name: item.site_name,
    })
}

/// Markup to one line of plain text (titles).
fn plain(s: &str) -> String {
    strip_html(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// HTML (or plain text) to text: tags dropped, block elements and `<br>` as paragraph breaks,
/// `<script>` and `<style>` left out, entities decoded. Paragraphs are joined by blank lines.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            // A lone '<' in text.
            out.push('<');
            rest = after;
            continue;
        };
        let tag = after[..gt].strip_prefix('/').unwrap_or(&after[..gt]);
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[gt + 1..];
        if name.is_empty() && !after.starts_with(['/', '!', '?']) {
            // Not a tag ("a < b > c"): keep the text.
            out.push('<');
            rest = after;
            continue;
        }
        if (name == "script" || name == "style") && !after.starts_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(end) => rest[end..].find('>').map_or("", |g| &rest[end + g + 1..]),
                None => "",
            };
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "ul"
                | "ol"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "tr"
                | "table"
                | "section"
                | "article"
                | "figure"
                | "figcaption"
                | "pre"
                | "hr"
        ) {
            out.push_str("\n\n");
        }
    }
    out.push_str(&decode_entities(rest));
    let paragraphs: Vec<String> = out
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// Decodes numeric character references and the common named entities.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let value = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                value.and_then(char::from_u32)
            } else {
                Some(match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    "nbsp" => ' ',
                    "mdash" => '—',
                    "ndash" => '–',
                    "lsquo" => '‘',
                    "rsquo" => '’',
                    "ldquo" => '“',
                    "rdquo" => '”',
                    "hellip" => '…',
                    "laquo" => '«',
                    "raquo" => '»',
                    "copy" => '©',
                    _ => return None,
                })
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripping_markup() {
        let check = |html: &str, want: &str| assert_eq!(strip_html(html), want, "{html}");
        check(
            "<p>Iran met <b>Iraq</b>.</p><p>Talks&nbsp;went on &amp; on.</p>",
            "Iran met Iraq.\n\nTalks went on & on.",
        );
        check("a < b and c > d", "a < b and c > d");
        check(
            "<script>var x = '<p>';</script>Text<br/>More",
            "Text\n\nMore",
        );
        check("&#8220;Quote&#x201D; &bogus; &", "“Quote” &bogus; &");
        check("plain text", "plain text");
        check("<p>unclosed <a href='x'", "unclosed <a href='x'");
    }
}
