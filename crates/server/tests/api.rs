//! The HTTP API and pages, driven in-process (tower's `oneshot`) over stores built here: the
//! example articles coded by the real pipeline, an empty store, and no store at all.
//!
//! Expected numbers are taken from the store through another endpoint wherever the coder's
//! output decides them, so these tests check the server, not the coder's current coverage.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use dyad_ingest::{expand_inputs, read_input};
use dyad_pipeline::{Analysis, Engine};
use dyad_server::{router, AppState, Config};
use dyad_store::{Document, EventStore, OpenMode, SqliteStore};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;
use tower::ServiceExt;

/// A fresh directory under the system's temporary one.
fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "dyad-server-test-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The example articles coded into a store, once for all tests.
fn example_store() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let db = temp_dir("examples").join("examples.db");
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let (engine, _) = Engine::builtin();
        let mut analyses: Vec<Analysis> = Vec::new();
        for path in expand_inputs(&[examples]) {
            let path = path.expect("example path");
            for article in read_input(&path).expect("example file") {
                analyses.push(engine.analyse(article.expect("example article")));
            }
        }
        let docs: Vec<Document<'_>> = analyses
            .iter()
            .map(|a| Document {
                article: &a.article,
                sentences: &a.sentences,
                mentions: &a.mentions,
                events: &a.events,
                stances: &a.stances,
            })
            .collect();
        let mut store = SqliteStore::open(&db, OpenMode::ReadWrite).expect("store");
        store.write(&docs).expect("write");
        assert!(
            store.counts().expect("counts").events > 0,
            "the examples code events"
        );
        db
    })
}

fn app(db: &Path) -> axum::Router {
    let config = Config::new(db);
    router(AppState::new(&config), Duration::from_secs(10))
}

struct Answer {
    status: StatusCode,
    content_type: String,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn request(app: &axum::Router, method: Method, uri: &str, body: Body) -> Answer {
    let response = app
        .clone()
        .oneshot(
            Request::builder()
                .method(method)
                .uri(uri)
                .body(body)
                .expect("request"),
        )
        .await
        .expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Answer {
        status,
        content_type,
        headers,
        body,
    }
}

async fn get(app: &axum::Router, uri: &str) -> Answer {
    request(app, Method::GET, uri, Body::empty()).await
}

/// Every item of a paged list, following `next` links.
async fn all_pages(app: &axum::Router, first: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = Some(first.to_string());
    let mut pages = 0;
    while let Some(uri) = next {
        let a = get(app, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
        let page = a.json();
        items.extend(page["items"].as_array().expect("items").iter().cloned());
        next = page["next"].as_str().map(str::to_string);
        pages += 1;
        assert!(pages < 1000, "paging does not end");
    }
    items
}

#[tokio::test]
async fn health_and_summary_answer_json() {
    let app = app(example_store());
    let a = get(&app, "/api/health").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["status"], "ok");

    let a = get(&app, "/api/summary").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.content_type.starts_with("application/json"));
    let summary = a.json();
    let events = summary["counts"]["events"].as_u64().expect("events");
    assert!(events > 0);
    assert_eq!(summary["schema_version"], 1);

    // The summary's count is the number of events the list holds.
    let listed = all_pages(&app, "/api/events?limit=500").await;
    assert_eq!(listed.len() as u64, events);
}

#[tokio::test]
async fn pages_of_events_add_up_to_the_whole_list() {
    let app = app(example_store());
    let whole = all_pages(&app, "/api/events?limit=500").await;
    assert!(whole.len() >= 3, "the examples have a few events");

    let first = get(&app, "/api/events?limit=2").await.json();
    assert_eq!(first["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(first["limit"], 2);
    assert_eq!(first["offset"], 0);
    assert_eq!(first["next"], "/api/events?limit=2&offset=2");

    let paged = all_pages(&app, "/api/events?limit=2").await;
    let ids = |items: &[Value]| items.iter().map(|e| e["id"].as_i64()).collect::<Vec<_>>();
    assert_eq!(
        ids(&paged),
        ids(&whole),
        "same events, same order, no repeats"
    );

    // Newest first.
    let dates: Vec<&str> = whole.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);

    // Past the end: an empty page, no next link.
    let beyond = get(&app, &format!("/api/events?offset={}", whole.len()))
        .await
        .json();
    assert_eq!(beyond["items"].as_array().map(Vec::len), Some(0));
    assert!(beyond["next"].is_null());
}

#[tokio::test]
async fn events_carry_spans_that_mark_their_words() {
    let app = app(example_store());
    for e in all_pages(&app, "/api/events?limit=500").await {
        let evidence = e["evidence"].as_str().expect("evidence");
        for (span, text) in [("source_span", "source_text"), ("trigger_span", "trigger")] {
            if let Some([s, t]) = e[span].as_array().map(|a| [a[0].as_u64(), a[1].as_u64()]) {
                let (s, t) = (s.expect("start") as usize, t.expect("end") as usize);
                assert_eq!(
                    Some(&evidence[s..t]),
                    e[text].as_str(),
                    "{span} of event {}",
                    e["id"]
                );
            }
        }
    }
}

#[tokio::test]
async fn bad_parameters_are_400s_that_name_the_parameter() {
    let app = app(example_store());
    let cases = [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=501", "limit"),
        ("/api/events?limit=ten", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?quad=1&quad=2", "quad"),
        ("/api/events?quad=5", "quad"),
        ("/api/events?since=2026-02-30", "since"),
        ("/api/events?since=2026-03-01&until=2026-02-01", "until"),
        ("/api/events?actor=IS%27R", "actor"),
        ("/api/events?partner=FRA", "partner"),
        ("/api/events?code=9999", "code"),
        ("/api/events?root=33", "root"),
        ("/api/events?modality=certain", "modality"),
        ("/api/events?role=both", "role"),
        ("/api/events?text=%21%21", "text"),
        ("/api/events/abc", "id"),
        ("/api/events/0", "id"),
        ("/api/series?b=FRA", "a"),
        ("/api/series?a=MLI", "b"),
        ("/api/series?a=MLI&b=FRA&by=year", "by"),
        ("/api/dyads?limit=100000", "limit"),
        ("/api/actors?prefix=%3Cscript%3E", "prefix"),
        ("/api/actors/IS-R", "code"),
        ("/api/stances?position=maybe", "position"),
        ("/api/divergence?a=MLI&b=FRA&by=week", "by"),
        ("/api/search", "q"),
        ("/api/search?q=%2A%2A", "q"),
        ("/api/summary?x=1", "x"),
        ("/api/classes?limit=21", "limit"),
        ("/api/volume?by=year", "by"),
    ];
    for (uri, parameter) in cases {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.text());
        let body = a.json();
        assert_eq!(body["error"], "bad_parameter", "{uri}");
        assert_eq!(body["parameter"], parameter, "{uri}: {body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.contains(parameter)),
            "{uri}: {body}"
        );
    }
}

#[tokio::test]
async fn unknown_things_are_404s_and_writes_are_not_allowed() {
    let app = app(example_store());
    let a = get(&app, "/api/events/999999").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.json()["error"], "not_found");
    let a = get(&app, "/api/nothing").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.json()["error"], "not_found");
    let a = get(&app, "/api/actors/ZZZQQQ").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = get(&app, "/nothing").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.content_type.starts_with("text/html"));
    let a = get(&app, "/event/999999").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.text().contains("no event 999999"));

    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        for uri in ["/api/events", "/api/events/1", "/", "/dyad/MLI/FRA"] {
            let a = request(&app, method.clone(), uri, Body::from("{}")).await;
            assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        }
    }
    // HEAD works wherever GET does.
    let a = request(&app, Method::HEAD, "/api/summary", Body::empty()).await;
    assert_eq!(a.status, StatusCode::OK);
}

#[tokio::test]
async fn request_bodies_are_bounded_and_headers_lock_the_page_down() {
    let app = app(example_store());
    let big = vec![b'x'; 64 * 1024];
    let response = app
        .clone()
        .oneshot(
            Request::builder()
                .uri("/api/events")
                .header("content-length", big.len())
                .body(Body::from(big))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let a = get(&app, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    let csp = a.headers["content-security-policy"].to_str().unwrap_or("");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert_eq!(a.headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn a_series_counts_the_events_the_list_shows() {
    let app = app(example_store());
    // The busiest pair of the store, whatever the coder makes of the examples.
    let top = get(&app, "/api/dyads?limit=1").await.json();
    let pair = &top["items"][0];
    let (a, b) = (
        pair["source"].as_str().expect("source"),
        pair["target"].as_str().expect("target"),
    );
    let series = get(&app, &format!("/api/series?a={a}&b={b}&by=week")).await;
    assert_eq!(series.status, StatusCode::OK);
    let series = series.json();
    assert_eq!(series["by"], "week");
    let rows = series["rows"].as_array().expect("rows");
    let forward: u64 = rows
        .iter()
        .filter(|r| r["source"] == a)
        .map(|r| r["events"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(Some(forward), pair["events"].as_u64());
    for r in rows {
        let quads: u64 = [
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        ]
        .iter()
        .map(|q| r[*q].as_u64().unwrap_or(0))
        .sum();
        assert_eq!(Some(quads), r["events"].as_u64());
    }
    let listed = all_pages(
        &app,
        &format!("/api/events?actor={a}&partner={b}&role=source&limit=500"),
    )
    .await;
    assert_eq!(listed.len() as u64, forward);
}

#[tokio::test]
async fn the_example_dyad_page_lists_mali_expelling_the_french_ambassador() {
    let app = app(example_store());
    let page = get(&app, "/dyad/MLI/FRA").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    for id in [
        "chart-ab",
        "chart-ba",
        "chart-goldstein",
        "series-table",
        "id=\"charts\"",
    ] {
        assert!(html.contains(id), "{id} missing");
    }
    assert!(html.contains("2026-02-09"), "the week of the expulsion");

    let page = get(&app, "/dyad/MLI/FRA?period=2026-02-09&dir=ab").await;
    let html = page.text();
    assert!(
        html.contains(r#"<mark class="source">Mali</mark>"#),
        "{html}"
    );
    assert!(html.contains(r#"<mark class="trigger">expelled"#), "{html}");

    let fragment = get(
        &app,
        "/fragment/events?actor=MLI&partner=FRA&role=source&by=week&period=2026-02-09",
    )
    .await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(fragment.text().contains("week of 2026-02-09"));
    assert!(fragment.text().contains("expelled"));
    let a = get(&app, "/fragment/events?by=week&period=2026-W07").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_page_renders() {
    let app = app(example_store());
    for uri in [
        "/",
        "/?by=month",
        "/actors",
        "/actors?prefix=ML",
        "/actor/MLI",
        "/divergence",
        "/divergence?a=MLI&b=FRA",
        "/event/1",
        "/search?q=ambassador",
        "/search",
        "/assets/uPlot.iife.min.js",
        "/assets/dyad.js",
        "/assets/dyad.css",
        "/assets/uPlot.min.css",
        "/openapi.json",
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
    }
    let a = get(&app, "/assets/nothing.js").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn stances_divergence_and_search_answer() {
    let app = app(example_store());
    let stances = all_pages(&app, "/api/stances?limit=3").await;
    let summary = get(&app, "/api/summary").await.json();
    assert_eq!(
        Some(stances.len() as u64),
        summary["counts"]["stances"].as_u64()
    );
    if let Some(s) = stances.first() {
        let actor = s["actor"].as_str().expect("actor");
        let report = get(&app, &format!("/api/divergence?a={actor}&b=ZZZ&by=month")).await;
        assert_eq!(report.status, StatusCode::OK);
        let report = report.json();
        assert_eq!(report["by"], "month");
        let mine: usize = report["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .flat_map(|p| p["issues"].as_array().cloned().unwrap_or_default())
            .map(|i| i["a"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(Some(mine as u64), report["a_stances"].as_u64());
        assert!(mine > 0);
        let detail = get(&app, &format!("/api/actors/{actor}")).await;
        assert_eq!(detail.status, StatusCode::OK);
        assert!(!detail.json()["issues"]
            .as_array()
            .expect("issues")
            .is_empty());
    }

    let hits = get(&app, "/api/search?q=EXPELLED").await.json();
    let items = hits["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for h in items {
        let text = h["text"].as_str().expect("text");
        let m = &h["matches"][0];
        let (s, e) = (
            m[0].as_u64().unwrap_or(0) as usize,
            m[1].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(text[s..e].to_lowercase(), "expelled");
        assert!(!h["events"].as_array().expect("events").is_empty());
    }
}

#[tokio::test]
async fn the_openapi_document_covers_every_api_route_and_parameter() {
    let app = app(example_store());
    let doc = get(&app, "/openapi.json").await.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    let routes = [
        "/api/health",
        "/api/summary",
        "/api/volume",
        "/api/classes",
        "/api/events",
        "/api/events/{id}",
        "/api/series",
        "/api/dyads",
        "/api/actors",
        "/api/actors/{code}",
        "/api/stances",
        "/api/divergence",
        "/api/search",
    ];
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort_unstable();
    let mut expected = routes.to_vec();
    expected.sort_unstable();
    assert_eq!(documented, expected);

    for (path, item) in paths {
        let params = item["get"]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let sample = |p: &Value| -> String {
            let schema = &p["schema"];
            if let Some(first) = schema["enum"].get(0).and_then(Value::as_str) {
                return first.to_string();
            }
            match (
                schema["type"].as_str(),
                schema["format"].as_str(),
                schema["pattern"].as_str(),
            ) {
                (Some("integer"), _, _) => {
                    schema["minimum"].as_i64().unwrap_or(1).max(1).to_string()
                }
                (_, Some("date"), _) => "2026-02-01".into(),
                (_, _, Some(_)) => "MLI".into(),
                _ => "talks".into(),
            }
        };
        let mut uri = path.replace("{id}", "1").replace("{code}", "MLI");
        let required: Vec<String> = params
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| format!("{}={}", p["name"].as_str().unwrap_or(""), sample(p)))
            .collect();
        let base = if required.is_empty() {
            uri.clone()
        } else {
            format!("{uri}?{}", required.join("&"))
        };
        let a = get(&app, &base).await;
        assert_eq!(a.status, StatusCode::OK, "{base}: {}", a.text());
        // Each documented query parameter is one the endpoint knows.
        for p in params
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] != true)
        {
            let name = p["name"].as_str().unwrap_or("");
            let sep = if base.contains('?') { '&' } else { '?' };
            uri = format!("{base}{sep}{name}={}", sample(p));
            let a = get(&app, &uri).await;
            if a.status == StatusCode::BAD_REQUEST {
                let body = a.json();
                assert!(
                    !body["problem"]
                        .as_str()
                        .unwrap_or("")
                        .contains("unknown parameter"),
                    "{uri}: {body}"
                );
            } else {
                assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
            }
        }
    }
}

#[tokio::test]
async fn an_empty_store_answers_empty_lists_and_says_how_to_ingest() {
    let db = temp_dir("empty").join("empty.db");
    drop(SqliteStore::open(&db, OpenMode::ReadWrite).expect("create"));
    let app = app(&db);
    let a = get(&app, "/api/summary").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["counts"]["events"], 0);
    for uri in [
        "/api/events",
        "/api/dyads",
        "/api/actors",
        "/api/stances",
        "/api/search?q=talks",
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        let page = a.json();
        assert_eq!(page["items"].as_array().map(Vec::len), Some(0), "{uri}");
        assert!(page["next"].is_null());
    }
    let a = get(&app, "/api/series?a=MLI&b=FRA").await;
    assert_eq!(a.json()["rows"].as_array().map(Vec::len), Some(0));
    let a = get(&app, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    let html = a.text();
    assert!(html.contains("has no events yet"), "{html}");
    assert!(html.contains(&format!("dyad ingest FILES --db {}", db.display())));
    let a = get(&app, "/dyad/MLI/FRA").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text().contains("No dated events"));
}

#[tokio::test]
async fn a_missing_store_is_explained_not_created() {
    let db = temp_dir("missing").join("not-yet.db");
    let app = app(&db);
    let a = get(&app, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text().contains("No store yet"));
    assert!(a.text().contains("dyad ingest FILES --db"));
    let a = get(&app, "/api/summary").await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.json()["error"], "no_store");
    assert!(!db.exists(), "a reader never creates the store");
}

#[tokio::test]
async fn a_real_loopback_server_serves_and_stops() {
    let mut config = Config::new(example_store());
    config.addr = "127.0.0.1:0".parse().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dyad_server::serve(
        config,
        move |addr| {
            let _ = tx.send(addr);
        },
        async move {
            let _ = stopped.await;
        },
    ));
    let addr = rx.await.expect("bound");
    assert!(addr.ip().is_loopback());
    // A plain HTTP/1.1 request over TCP, as a browser would send it.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""));
    let _ = stop.send(());
    server.await.expect("join").expect("served");
}

#[tokio::test]
async fn a_chart_point_lists_the_events_it_counts() {
    let app = app(example_store());
    // Algeria's planned talks with Mali count; Mali's "have not rejected the invitation" is
    // stored but took no place, so neither the series nor the chart point's list has it.
    let series = get(&app, "/api/series?a=MLI&b=DZA&by=week").await.json();
    let counted: u64 = series["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["events"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(counted, 1);
    let all = get(&app, "/api/events?actor=MLI&partner=DZA").await.json();
    assert_eq!(all["items"].as_array().map(Vec::len), Some(2));
    let fragment = get(
        &app,
        "/fragment/events?actor=MLI&partner=DZA&by=week&period=2026-02-09",
    )
    .await;
    assert_eq!(fragment.status, StatusCode::OK);
    let html = fragment.text();
    assert!(
        html.contains(r#"<span id="evidence-count">1</span>"#),
        "{html}"
    );
}
