//! A bounded load generator for `dyad serve`, for the figures in docs/PERFORMANCE.md.
//!
//! N clients, each on its own keep-alive HTTP/1.1 connection, send GET requests in a closed
//! loop (the next request when the last answer has arrived) until a request count or a time
//! limit is reached, then print throughput, errors and latency percentiles. It only talks to
//! loopback addresses: anything else is refused.
//!
//! ```sh
//! cargo run --release -p dyad-server --example loadgen -- \
//!     --addr 127.0.0.1:8080 --clients 50 --requests 50000 --seconds 120
//! ```
//!
//! By default the requests are dyad series (`/api/series?a=A&b=B&by=week|month`) over pairs
//! of the countries the synthetic store (`dyad bench-store`) uses, taken in a fixed shuffled
//! order; `--path PATH` (repeatable) sends those paths instead.

use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The countries of `dyad_store::synth`, busiest first.
const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "ISR", "PSE", "IRN", "UKR", "GBR", "FRA", "DEU", "TUR", "SYR", "LBN",
    "EGY", "SAU", "QAT", "IRQ", "AFG", "PAK", "IND", "JPN", "PRK", "KOR", "MLI", "NER",
];

struct Args {
    addr: SocketAddr,
    clients: usize,
    requests: u64,
    seconds: u64,
    paths: Vec<String>,
}

fn usage(problem: &str) -> ! {
    eprintln!("loadgen: {problem}");
    eprintln!(
        "usage: loadgen --addr 127.0.0.1:PORT [--clients 50] [--requests 50000] [--seconds 120] [--path PATH]..."
    );
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut args = Args {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        clients: 50,
        requests: 50_000,
        seconds: 120,
        paths: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--addr" => args.addr = value.parse().unwrap_or_else(|_| usage("--addr is IP:PORT")),
            "--clients" => {
                args.clients = value
                    .parse()
                    .unwrap_or_else(|_| usage("--clients is a number"))
            }
            "--requests" => {
                args.requests = value
                    .parse()
                    .unwrap_or_else(|_| usage("--requests is a number"))
            }
            "--seconds" => {
                args.seconds = value
                    .parse()
                    .unwrap_or_else(|_| usage("--seconds is a number"))
            }
            "--path" => args.paths.push(value),
            _ => usage(&format!("unknown flag {flag}")),
        }
    }
    // Traffic goes to this machine only, and stops by itself.
    if !args.addr.ip().is_loopback() {
        usage("only loopback addresses (127.0.0.0/8, ::1) are allowed");
    }
    if args.clients == 0 || args.clients > 1_000 {
        usage("--clients is 1..1000");
    }
    if args.requests == 0 || args.requests > 10_000_000 {
        usage("--requests is 1..10000000");
    }
    if args.seconds == 0 || args.seconds > 600 {
        usage("--seconds is 1..600");
    }
    args
}

fn default_paths() -> Vec<String> {
    let mut paths = Vec::new();
    for (i, a) in COUNTRIES.iter().enumerate() {
        for b in &COUNTRIES[i + 1..] {
            for by in ["week", "month"] {
                paths.push(format!("/api/series?a={a}&b={b}&by={by}"));
            }
        }
    }
    // A fixed shuffle (xorshift), so runs are comparable and clients spread over pairs.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..paths.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        paths.swap(i, (state % (i as u64 + 1)) as usize);
    }
    paths
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    first_error: Option<String>,
    bytes: u64,
}

/// Reads one HTTP/1.1 response with a Content-Length body; returns (status, body length).
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<(u16, usize), String> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..header_end]).map_err(|e| e.to_string())?;
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .ok_or("no content-length")?;
    while buf.len() < header_end + length {
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed in the body".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok((status, length))
}

async fn client(
    addr: SocketAddr,
    paths: std::sync::Arc<Vec<String>>,
    start_at: usize,
    budget: std::sync::Arc<std::sync::atomic::AtomicU64>,
    deadline: Instant,
) -> Tally {
    use std::sync::atomic::Ordering;
    let mut tally = Tally::default();
    let mut stream: Option<TcpStream> = None;
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut i = start_at;
    while Instant::now() < deadline {
        // Take one request from the shared budget; stop when it is spent.
        if budget
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_err()
        {
            break;
        }
        let path = &paths[i % paths.len()];
        i += 1;
        let started = Instant::now();
        let result = async {
            if stream.is_none() {
                stream = Some(TcpStream::connect(addr).await.map_err(|e| e.to_string())?);
            }
            let s = stream.as_mut().ok_or("no connection")?;
            let request =
                format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n");
            s.write_all(request.as_bytes())
                .await
                .map_err(|e| e.to_string())?;
            read_response(s, &mut buf).await
        };
        match tokio::time::timeout(Duration::from_secs(30), result).await {
            Ok(Ok((200, len))) => {
                tally
                    .latencies_us
                    .push(started.elapsed().as_micros() as u64);
                tally.bytes += len as u64;
            }
            Ok(Ok((status, _))) => {
                tally.errors += 1;
                tally
                    .first_error
                    .get_or_insert(format!("HTTP {status} for {path}"));
            }
            Ok(Err(e)) => {
                tally.errors += 1;
                tally.first_error.get_or_insert(format!("{e} for {path}"));
                stream = None;
            }
            Err(_) => {
                tally.errors += 1;
                tally
                    .first_error
                    .get_or_insert(format!("timeout for {path}"));
                stream = None;
            }
        }
    }
    tally
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

fn main() {
    let args = parse_args();
    let paths = if args.paths.is_empty() {
        default_paths()
    } else {
        args.paths.clone()
    };
    // One thread: the generator should take as little of the machine as it can from the
    // server it measures.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => usage(&format!("cannot start: {e}")),
    };
    let distinct = paths.len();
    let paths = std::sync::Arc::new(paths);
    let budget = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(args.requests));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    let tallies: Vec<Tally> = runtime.block_on(async {
        let tasks: Vec<_> = (0..args.clients)
            .map(|c| {
                tokio::spawn(client(
                    args.addr,
                    paths.clone(),
                    c * distinct.div_ceil(args.clients),
                    budget.clone(),
                    deadline,
                ))
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            if let Ok(t) = t.await {
                out.push(t);
            }
        }
        out
    });
    let secs = started.elapsed().as_secs_f64();
    let mut latencies: Vec<u64> = tallies
        .iter()
        .flat_map(|t| t.latencies_us.iter().copied())
        .collect();
    latencies.sort_unstable();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    let bytes: u64 = tallies.iter().map(|t| t.bytes).sum();
    let ok = latencies.len() as u64;
    println!(
        "clients {}  distinct paths {}  requests {}  ok {}  errors {}  in {:.1} s  ({:.0} req/s, {:.1} MB)",
        args.clients,
        distinct,
        ok + errors,
        ok,
        errors,
        secs,
        (ok + errors) as f64 / secs.max(1e-9),
        bytes as f64 / 1e6
    );
    println!(
        "latency ms   p50 {:.2}  p90 {:.2}  p99 {:.2}  p99.9 {:.2}  max {:.2}",
        percentile(&latencies, 50.0),
        percentile(&latencies, 90.0),
        percentile(&latencies, 99.0),
        percentile(&latencies, 99.9),
        percentile(&latencies, 100.0)
    );
    if let Some(e) = tallies.iter().find_map(|t| t.first_error.as_ref()) {
        println!("first error  {e}");
    }
    if errors > 0 {
        std::process::exit(1);
    }
}
