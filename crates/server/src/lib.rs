//! `dyad serve`: a read-only HTTP server over a dyad store. A JSON API (documented as OpenAPI
//! 3 at `/openapi.json`) and a dashboard of server-rendered pages whose charts (uPlot,
//! bundled into the binary) lead from every number to the sentences behind it.
//!
//! * [`api`]: the JSON endpoints under `/api/`;
//! * [`pages`]: the HTML pages (overview, dyad, actor, divergence, event, search);
//! * [`pool`]: store connections on blocking threads, interrupts, the answer cache;
//! * [`params`]: query-string checking (a 400 names the parameter and the problem).
//!
//! Architecture invariant: the server is read-only. Every route is a GET (HEAD); the store is
//! opened with `OpenMode::ReadOnly` (SQLite `query_only`), and SQL stays in `dyad-store`
//! (`read_api`), where every value is a bound parameter. It binds to loopback unless told
//! otherwise, bounds request bodies and request time, and sends no traffic anywhere.

// The OpenAPI document is one large `json!` literal.
#![recursion_limit = "512"]

pub mod api;
mod assets;
pub mod error;
mod html;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod pool;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use pool::{Cache, Pool};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ApiError;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(#[source] ApiError),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Store connections (queries running at once).
    pub readers: usize,
    /// Answers kept in the cache; 0 turns it off.
    pub cache_entries: usize,
    /// A request still running after this is answered 408 and its query interrupted.
    pub request_timeout: Duration,
    /// How often the server looks for writes by another process (an ingest).
    pub watch_every: Duration,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            db: db.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            readers: cores.clamp(2, 16),
            cache_entries: 4096,
            request_timeout: Duration::from_secs(10),
            watch_every: Duration::from_millis(500),
        }
    }
}

/// What every handler shares.
pub struct AppState {
    pub pool: Arc<Pool>,
    pub cache: Cache,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(config: &Config) -> Shared {
        Arc::new(AppState {
            pool: Arc::new(Pool::new(&config.db, config.readers)),
            cache: Cache::new(config.cache_entries),
        })
    }
}

/// Requests carry no body (every route is a GET): anything larger than this is refused.
const MAX_BODY_BYTES: usize = 16 * 1024;

/// Headers on every response: pages load only their own scripts and styles, and nothing is
/// framed or sniffed.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The whole application: API, pages and assets, with the body-size and time limits.
pub fn router(state: Shared, request_timeout: Duration) -> Router {
    Router::new()
        .route("/openapi.json", get(openapi::handler))
        .route("/api/health", get(api::health))
        .route("/api/summary", get(api::summary))
        .route("/api/volume", get(api::volume))
        .route("/api/classes", get(api::classes))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/series", get(api::series))
        .route("/api/dyads", get(api::dyads))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{code}", get(api::actor))
        .route("/api/stances", get(api::stances))
        .route("/api/divergence", get(api::divergence))
        .route("/api/search", get(api::search))
        .route("/", get(pages::overview))
        .route("/dyad/{a}/{b}", get(pages::dyad))
        .route("/actors", get(pages::actors))
        .route("/actor/{code}", get(pages::actor))
        .route("/divergence", get(pages::divergence))
        .route("/event/{id}", get(pages::event))
        .route("/search", get(pages::search))
        .route("/fragment/events", get(pages::events_fragment))
        .route("/assets/{name}", get(assets::handler))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(axum::middleware::map_response(security_headers))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
}

/// Serves until `shutdown` resolves. `ready` is told the address bound (port 0 picks a free
/// port), before the first request is accepted.
pub async fn serve(
    config: Config,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let state = AppState::new(&config);
    match state.pool.check() {
        // A store that does not exist yet is fine: the pages say how to make one.
        Ok(()) | Err(ApiError::NoStore { .. }) => {}
        Err(e) => return Err(ServerError::Store(e)),
    }
    state.pool.watch(config.watch_every);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.addr,
            source,
        })?;
    ready(listener.local_addr()?);
    let app = router(state, config.request_timeout);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Serves on a new multi-threaded runtime until Ctrl-C: what `dyad serve` calls.
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(config, ready, async {
        // If no signal handler can be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }))
}
