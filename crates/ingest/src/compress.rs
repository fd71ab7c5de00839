//! Transparent decompression: gzip (one member or many, as in `.warc.gz`) and zstd, recognised
//! by their magic bytes whatever the file is called.
//!
//! Errors inside a compressed stream travel through `std::io::Error` (so the reader stack stays
//! a plain `BufRead`) carrying a [`StreamError`], which [`crate::io_error`] turns into
//! [`crate::IngestError::Compressed`]: "truncated gzip stream", not a bare I/O message.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

/// What compression an input uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// Decides from the first bytes.
    pub fn detect(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// A failure inside a compressed stream.
#[derive(Debug)]
pub(crate) struct StreamError {
    pub format: &'static str,
    /// The stream ended before its end marker.
    pub truncated: bool,
    pub message: String,
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.truncated {
            write!(f, "truncated {} stream", self.format)
        } else {
            write!(f, "corrupt {} stream: {}", self.format, self.message)
        }
    }
}

impl std::error::Error for StreamError {}

/// A decoder whose errors are tagged with the compression format.
struct Tagged<R> {
    inner: R,
    format: &'static str,
}

impl<R: Read> Read for Tagged<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            if e.get_ref().is_some_and(|r| r.is::<StreamError>()) {
                return e;
            }
            let truncated = e.kind() == io::ErrorKind::UnexpectedEof;
            io::Error::new(
                e.kind(),
                StreamError {
                    format: self.format,
                    truncated,
                    message: e.to_string(),
                },
            )
        })
    }
}

/// The readers this crate hands around: buffered, sendable to a worker thread.
pub(crate) type Reader = Box<dyn BufRead + Send>;

const BUFFER: usize = 256 * 1024;

/// Wraps `reader` in a decoder when its first bytes are a gzip or zstd header.
pub(crate) fn decompress(mut reader: Reader) -> io::Result<(Reader, Compression)> {
    let compression = Compression::detect(reader.fill_buf()?);
    let out: Reader = match compression {
        Compression::None => reader,
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER,
            Tagged {
                inner: flate2::bufread::MultiGzDecoder::new(reader),
                format: "gzip",
            },
        )),
        Compression::Zstd => {
            let decoder = zstd::stream::read::Decoder::with_buffer(reader).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    StreamError {
                        format: "zstd",
                        truncated: false,
                        message: e.to_string(),
                    },
                )
            })?;
            Box::new(BufReader::with_capacity(
                BUFFER,
                Tagged {
                    inner: ZstdChecked { inner: decoder },
                    format: "zstd",
                },
            ))
        }
    };
    Ok((out, compression))
}

/// zstd's reader reports a frame cut short as an error of kind `Other` ("incomplete frame"
/// or similar); read it as truncation.
struct ZstdChecked<R> {
    inner: R,
}

impl<R: Read> Read for ZstdChecked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => Ok(n),
            Err(e) => {
                let text = e.to_string().to_lowercase();
                if text.contains("incomplete") || text.contains("truncated") {
                    Err(io::Error::new(io::ErrorKind::UnexpectedEof, e.to_string()))
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// The name without a compression extension (`a.warc.gz` → `a.warc`), for format detection.
pub(crate) fn strip_extension(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    for ext in [".gz", ".gzip", ".zst", ".zstd"] {
        if lower.ends_with(ext) {
            return &name[..name.len() - ext.len()];
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_magic() {
        assert_eq!(strip_extension("a/b.WARC.GZ"), "a/b.WARC");
        assert_eq!(strip_extension("x.jsonl.zst"), "x.jsonl");
        assert_eq!(strip_extension("x.html"), "x.html");
        assert_eq!(Compression::detect(b"\x1f\x8b\x08"), Compression::Gzip);
        assert_eq!(Compression::detect(b"\x28\xb5\x2f\xfd"), Compression::Zstd);
        assert_eq!(Compression::detect(b"<html"), Compression::None);
    }
}
