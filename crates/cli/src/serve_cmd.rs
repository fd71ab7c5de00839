//! `dyad serve`: the read-only HTTP API and dashboard over a store (`crates/server`).

use crate::Outcome;
use anyhow::{bail, Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// The store (an SQLite file `dyad ingest` writes); it may not exist yet.
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Address to listen on. Loopback by default; another address makes the dashboard
    /// reachable from the network. Port 0 picks a free port (printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Store connections, i.e. queries running at once (default: cores, 2 to 16).
    #[arg(long)]
    readers: Option<usize>,
    /// Answers kept in memory for repeated requests (0: none). Entries are dropped when
    /// another process writes the store.
    #[arg(long, default_value_t = 4096)]
    cache: usize,
    /// Seconds a request may take before it is answered 408 and its query stopped.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
}

pub(crate) fn run(args: ServeArgs) -> Result<Outcome> {
    if args.timeout == 0 {
        bail!("--timeout must be at least 1 second");
    }
    let mut config = dyad_server::Config::new(&args.db);
    config.addr = args.addr;
    config.cache_entries = args.cache;
    config.request_timeout = Duration::from_secs(args.timeout);
    if let Some(n) = args.readers {
        config.readers = n.max(1);
    }
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "dyad: warning: listening on {}, reachable from other machines (the API is read-only)",
            args.addr
        );
    }
    if !args.db.exists() {
        eprintln!(
            "dyad: no store at {} yet; the dashboard says how to make one (dyad ingest FILES --db {})",
            args.db.display(),
            args.db.display()
        );
    }
    let db = args.db.display().to_string();
    dyad_server::run(config, |addr| {
        // One line on stdout, for people and for scripts waiting for the port.
        println!("dyad: serving {db} at http://{addr}/");
        use std::io::Write;
        let _ = std::io::stdout().flush();
    })
    .with_context(|| format!("serving {}", args.db.display()))?;
    Ok(Outcome::AllRead)
}
