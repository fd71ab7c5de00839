//! Read-only store connections for the request handlers, and a cache of answers.
//!
//! An SQLite connection serves one thread at a time, and a query is blocking work: each
//! request borrows a connection, runs its queries on tokio's blocking threads, and gives it
//! back. A semaphore bounds the connections in use, so a burst of requests waits its turn
//! instead of opening connections without end. Connections are opened on demand, so the
//! server can start before the store exists (`dyad ingest` may make it later).
//!
//! A request that runs out of time interrupts its query: SQLite stops, the connection goes
//! back to the pool, and nothing keeps working for a client that has gone.
//!
//! Answers are cached by request. The store changes only when another process writes it (an
//! ingest), which a watcher connection notices through `PRAGMA data_version`; every change
//! starts a new generation, and answers of older generations are never served.

use crate::error::ApiError;
use axum::body::Bytes;
use dyad_store::read_api::Interrupter;
use dyad_store::{OpenMode, SqliteStore, StoreError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Store connections shared by the request handlers.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    permits: Arc<Semaphore>,
    generation: AtomicU64,
}

/// The checked-out connection's interrupt handle, while its query runs. Taken (set to
/// `None`) by the query's thread before the connection goes back to the pool, so a late
/// interrupt can never reach the next borrower's query.
type Running = Arc<Mutex<Option<Interrupter>>>;

/// Interrupts the query when the request is dropped (timed out, client gone) before the
/// query has ended.
struct InterruptOnDrop(Running);

impl Drop for InterruptOnDrop {
    fn drop(&mut self) {
        if let Ok(running) = self.0.lock() {
            if let Some(interrupter) = running.as_ref() {
                interrupter.interrupt();
            }
        }
    }
}

fn open(path: &Path) -> Result<SqliteStore, ApiError> {
    match SqliteStore::open(path, OpenMode::ReadOnly) {
        Ok(store) => Ok(store),
        Err(StoreError::Missing { path }) => Err(ApiError::NoStore {
            path: path.display().to_string(),
        }),
        Err(e) => Err(ApiError::Store(e)),
    }
}

impl Pool {
    /// A pool of at most `size` connections to the store at `path` (opened when needed).
    pub fn new(path: &Path, size: usize) -> Pool {
        Pool {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(size.max(1))),
            generation: AtomicU64::new(0),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens one connection now: for a startup check that the store can be read.
    pub fn check(&self) -> Result<(), ApiError> {
        let store = open(&self.path)?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(store);
        }
        Ok(())
    }

    /// The current generation of the store's contents (see the module doc).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Runs `f` on a connection, on a blocking thread.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Interrupted)?;
        let store = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let running: Running = Arc::new(Mutex::new(store.as_ref().map(|s| s.interrupter())));
        let guard = InterruptOnDrop(running.clone());
        let pool = self.clone();
        let task = tokio::task::spawn_blocking(move || {
            // The permit is held until the connection is back: it counts connections in use,
            // not requests still waiting for an answer.
            let _permit = permit;
            let store = match store {
                Some(store) => store,
                None => open(&pool.path)?,
            };
            let result = f(&store);
            if let Ok(mut running) = running.lock() {
                *running = None;
            }
            if let Ok(mut idle) = pool.idle.lock() {
                idle.push(store);
            }
            result
        });
        let result = task
            .await
            .map_err(|e| ApiError::Internal(format!("query task failed: {e}")));
        // The query has ended and cleared `running`: dropping the guard interrupts nothing.
        drop(guard);
        result?
    }

    /// Watches the store for writes by other processes, starting a new generation on each,
    /// until the pool is dropped. Checks every `every`.
    pub fn watch(self: &Arc<Self>, every: Duration) {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut watcher: Option<SqliteStore> = None;
            let mut seen: Option<i64> = None;
            loop {
                tokio::time::sleep(every).await;
                let Some(pool) = weak.upgrade() else { return };
                let (w, version) = tokio::task::spawn_blocking(move || {
                    let store = match watcher {
                        Some(s) => Some(s),
                        None => open(&pool.path).ok(),
                    };
                    let version = store.as_ref().and_then(|s| s.data_version().ok());
                    (store, version)
                })
                .await
                .unwrap_or((None, None));
                watcher = w;
                // A store that appears or goes away counts as a change too.
                if version != seen {
                    if let Some(pool) = weak.upgrade() {
                        pool.generation.fetch_add(1, Ordering::AcqRel);
                    }
                    seen = version;
                }
            }
        });
    }
}

/// Answers by request, valid for one generation of the store.
pub struct Cache {
    max_entries: usize,
    entries: Mutex<HashMap<String, (u64, Bytes)>>,
}

/// Larger answers are not kept: the cache is for the many small ones a dashboard asks for.
const MAX_CACHED_BYTES: usize = 512 * 1024;

impl Cache {
    /// A cache of at most `max_entries` answers; 0 turns it off.
    pub fn new(max_entries: usize) -> Cache {
        Cache {
            max_entries,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        if self.max_entries == 0 {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        match entries.get(key) {
            Some((g, body)) if *g == generation => Some(body.clone()),
            _ => None,
        }
    }

    pub fn put(&self, key: String, generation: u64, body: Bytes) {
        if self.max_entries == 0 || body.len() > MAX_CACHED_BYTES {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= self.max_entries {
            entries.retain(|_, (g, _)| *g == generation);
        }
        if entries.len() >= self.max_entries {
            // Full of current answers: drop an eighth of them. A hash map's order is as good
            // as random, and random eviction needs no bookkeeping on every hit.
            let drop: Vec<String> = entries
                .keys()
                .take((self.max_entries / 8).max(1))
                .cloned()
                .collect();
            for key in drop {
                entries.remove(&key);
            }
        }
        entries.insert(key, (generation, body));
    }
}
