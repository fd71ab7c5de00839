//! Static files compiled into the binary, so the dashboard works offline with no CDN:
//! uPlot (MIT, `assets/uplot/LICENSE`) and dyad's own script and style sheet.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/uplot/uPlot.iife.min.js"),
    ),
    (
        "uPlot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/uplot/uPlot.min.css"),
    ),
    (
        "uPlot-LICENSE.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/uplot/LICENSE"),
    ),
    (
        "dyad.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/dyad.js"),
    ),
    (
        "dyad.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/dyad.css"),
    ),
];

pub async fn handler(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
                // The files change only with the binary; an hour keeps reloads cheap.
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                ),
            ],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
