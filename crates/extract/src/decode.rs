//! Bytes to text: binary sniffing and charset detection.
//!
//! The order follows the HTML standard's encoding sniffing algorithm, cut down to what a pure
//! function can know: a byte-order mark wins; then a `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">` in the first few kilobytes; then
//! UTF-8 if the bytes are valid UTF-8; else windows-1252 (what browsers assume for legacy pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::ExtractError;

/// How far into the document to look for a `<meta>` charset declaration. The standard says
/// 1024 bytes; real pages put long scripts and comments first, so look further.
const PRESCAN_LIMIT: usize = 16 * 1024;

/// Returns [`ExtractError::NotHtml`] when `bytes` look like binary data rather than text.
pub(crate) fn check_text(bytes: &[u8]) -> Result<(), ExtractError> {
    const MAGIC: &[&[u8]] = &[
        b"%PDF-",
        b"\x89PNG",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"BZh",
        b"\x7FELF",
        b"RIFF",
        b"OggS",
        b"\x00\x00\x01\x00",
        b"wOFF",
        b"wOF2",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return Err(ExtractError::NotHtml);
    }
    // UTF-16 text legitimately contains NUL bytes; it announces itself with a BOM.
    if Encoding::for_bom(bytes).is_some() {
        return Ok(());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let mut control = 0usize;
    for &b in head {
        if b == 0 {
            return Err(ExtractError::NotHtml);
        }
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) {
            control += 1;
        }
    }
    if control * 20 > head.len() {
        return Err(ExtractError::NotHtml);
    }
    Ok(())
}

/// Decodes an HTML document to a `String`.
///
/// Detection order: byte-order mark; `<meta charset>` or `http-equiv` Content-Type in the first
/// 16 KiB; UTF-8 when the bytes are valid UTF-8; windows-1252 otherwise. Malformed sequences
/// become U+FFFD. Fails with [`ExtractError::NotHtml`] on binary data.
pub fn decode_html(bytes: &[u8]) -> Result<String, ExtractError> {
    check_text(bytes)?;
    Ok(decode_unchecked(bytes))
}

pub(crate) fn decode_unchecked(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    let declared = prescan_charset(&bytes[..bytes.len().min(PRESCAN_LIMIT)]);
    let enc = match declared {
        // A page that declares UTF-16 but has no BOM is ASCII-compatible in practice.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        // x-user-defined is never right for real pages.
        Some(e) if e == encoding_rs::X_USER_DEFINED => WINDOWS_1252,
        Some(e) => e,
        None => {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        }
    };
    if enc == UTF_8 {
        // Pages that say UTF-8 but are not are common; a declared charset that fails to
        // validate falls back to windows-1252 only when the page is mostly invalid.
        return match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                let lossy = String::from_utf8_lossy(bytes);
                let bad = lossy.matches('\u{FFFD}').count();
                if declared.is_none() || bad * 50 > lossy.len().max(1) {
                    WINDOWS_1252
                        .decode_without_bom_handling(bytes)
                        .0
                        .into_owned()
                } else {
                    lossy.into_owned()
                }
            }
        };
    }
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Finds a charset declared in `<meta>` tags, scanning bytes (the text is not decoded yet).
fn prescan_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &head[i..]) {
        let start = i + off;
        let rest = &head[start..];
        if rest.starts_with(b"<!--") {
            // Skip comments: a commented-out meta must not count.
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => {
                    i = start + 4 + end + 3;
                    continue;
                }
                None => return None,
            }
        }
        let end = match memchr::memchr(b'>', rest) {
            Some(e) => start + e,
            None => return None,
        };
        let tag = &head[start..end];
        if tag.len() > 5 && tag[1..5].eq_ignore_ascii_case(b"meta") {
            if let Some(enc) = charset_in_meta(tag) {
                return Some(enc);
            }
        }
        i = end + 1;
        if i >= head.len() {
            break;
        }
    }
    None
}

/// Extracts the charset from one `<meta ...` tag (bytes up to, not including, `>`).
fn charset_in_meta(tag: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = tag.iter().map(|b| b.to_ascii_lowercase()).collect();
    let pos = memchr::memmem::find(&lower, b"charset")?;
    let mut j = pos + "charset".len();
    while j < lower.len() && lower[j].is_ascii_whitespace() {
        j += 1;
    }
    if j >= lower.len() || lower[j] != b'=' {
        return None;
    }
    j += 1;
    while j < lower.len()
        && (lower[j].is_ascii_whitespace() || lower[j] == b'"' || lower[j] == b'\'')
    {
        j += 1;
    }
    let start = j;
    while j < lower.len() && !matches!(lower[j], b'"' | b'\'' | b';' | b' ' | b'/' | b'\t' | b'\n')
    {
        j += 1;
    }
    Encoding::for_label(&lower[start..j])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            prescan_charset(b"<html><meta charset=\"shift_jis\">"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(
            prescan_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
            ),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(prescan_charset(b"<!-- <meta charset=koi8-r> --><p>"), None);
    }

    #[test]
    fn binary_is_not_html() {
        assert!(check_text(b"%PDF-1.4 ...").is_err());
        assert!(check_text(b"<html>\0\0\0").is_err());
        assert!(check_text(b"<html><p>fine</p>").is_ok());
    }
}
