//! End-to-end tests of the store commands: the `dyad` binary ingesting, being killed,
//! re-run, refusing files that are not stores, and answering queries.

use dyad_store::{EventStore, OpenMode, SqliteStore};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("run dyad")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The store crate's frozen test dictionaries, so results do not move with `data/`.
fn frozen_dictionaries() -> Vec<String> {
    let dir = repo().join("crates/store/test_data/dict");
    let mut args = vec!["--no-builtin".to_string()];
    for f in ["countries.txt", "agents.txt", "organisations.txt"] {
        args.push("--actors-dict".into());
        args.push(dir.join(f).display().to_string());
    }
    args.push("--verbs-dict".into());
    args.push(dir.join("verbs.txt").display().to_string());
    args
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("dyad-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
    fn join(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    stderr
}

/// Every stored row except time stamps: two stores with the same dump hold the same data.
fn dump(db: &str) -> String {
    SqliteStore::open(db, OpenMode::ReadOnly)
        .and_then(|s| s.dump(&["ingested_at", "added_at"]))
        .expect("dump store")
}

fn ingest_examples(db: &str) -> String {
    let examples = repo().join("examples").display().to_string();
    let reports = repo()
        .join("crates/store/test_data/reports.jsonl")
        .display()
        .to_string();
    let mut args: Vec<String> = vec!["ingest".into(), examples, reports, "--db".into(), db.into()];
    args.extend(frozen_dictionaries());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&dyad(&args))
}

#[test]
fn ingesting_the_same_corpus_twice_adds_no_rows() {
    let dir = TempDir::new("twice");
    let db = dir.join("store.db");
    let first = ingest_examples(&db);
    assert!(first.contains("stored 11 new articles"), "{first}");
    let before = dump(&db);
    let second = ingest_examples(&db);
    assert!(
        second.contains("stored 0 new articles, 0 new events"),
        "{second}"
    );
    assert!(second.contains("11 already stored"), "{second}");
    assert_eq!(dump(&db), before);
}

#[test]
fn a_killed_ingest_rerun_stores_every_article_exactly_once() {
    let dir = TempDir::new("kill");
    let corpus = dir.join("corpus.jsonl");
    ok(&dyad(&[
        "gen-corpus",
        "--articles",
        "2500",
        "--sentences",
        "12",
        "--out",
        &corpus,
    ]));
    let clean = dir.join("clean.db");
    ok(&dyad(&["ingest", &corpus, "--db", &clean, "--batch", "50"]));
    let total = SqliteStore::open(&clean, OpenMode::ReadOnly)
        .and_then(|s| s.counts())
        .expect("counts");
    assert_eq!(total.articles, 2500);

    let killed = dir.join("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", &corpus, "--db", &killed, "--batch", "50"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn dyad ingest");
    // Wait for the first committed batch, then query while the writer goes on.
    let started = Instant::now();
    let mut reader_checked = false;
    loop {
        let stored = SqliteStore::open(&killed, OpenMode::ReadOnly)
            .and_then(|s| s.counts())
            .map(|c| c.articles)
            .unwrap_or(0);
        if stored >= 100 && !reader_checked {
            let out = dyad(&[
                "events", "--db", &killed, "--format", "jsonl", "--limit", "5",
            ]);
            ok(&out);
            assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
            ok(&dyad(&[
                "series", "USA", "IRN", "--db", &killed, "--format", "csv",
            ]));
            reader_checked = true;
        }
        if reader_checked || child.try_wait().expect("poll").is_some() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "ingest stored nothing in 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let mid_run = child.try_wait().expect("poll").is_none();
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let partial = SqliteStore::open(&killed, OpenMode::ReadOnly)
        .and_then(|s| s.counts())
        .expect("counts");
    if mid_run {
        assert!(
            partial.articles < total.articles,
            "killed run stored everything"
        );
    } else {
        eprintln!("note: the ingest finished before it could be killed; only the re-run is tested");
    }
    assert_eq!(
        partial.articles % 50,
        0,
        "a batch was stored in part: {}",
        partial.articles
    );

    let rerun = ok(&dyad(&[
        "ingest", &corpus, "--db", &killed, "--batch", "50",
    ]));
    assert!(
        rerun.contains(&format!("{} already stored", partial.articles)),
        "{rerun}"
    );
    // Not only the counts: every row, merges and rollups included, as in the clean run.
    assert_eq!(dump(&killed), dump(&clean));
}

#[test]
fn files_that_are_not_stores_are_refused_and_left_alone() {
    let dir = TempDir::new("refuse");
    let notes = dir.join("notes.db");
    std::fs::write(&notes, "shopping list\n".repeat(20)).expect("write");
    let newer = dir.join("newer.db");
    ingest_examples(&newer);
    assert!(mark_newer(&newer), "could not mark the store newer");
    for (path, words) in [
        (&notes, "not a dyad store"),
        (&newer, "newer than this dyad supports"),
    ] {
        let before = std::fs::read(path).expect("read");
        for args in [
            vec!["ingest", "-", "--db", path.as_str()],
            vec!["events", "--db", path.as_str()],
            vec!["series", "A", "B", "--db", path.as_str()],
            vec![
                "export",
                "--format",
                "csv",
                "--out",
                "/dev/null",
                "--db",
                path.as_str(),
            ],
        ] {
            let out = dyad(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains(path.as_str()) && stderr.contains(words),
                "{args:?}: {stderr}"
            );
            assert!(
                std::fs::read(path).expect("read") == before,
                "{args:?} modified {path}"
            );
        }
    }
    let missing = dir.join("missing.db");
    let out = dyad(&["events", "--db", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such store"));
    assert!(!Path::new(&missing).exists(), "a query created a store");
}

/// Sets the schema version of a store to 99 by editing its header (bytes 60..64), as a newer
/// dyad would leave it: the test needs no SQLite of its own.
fn mark_newer(path: &str) -> bool {
    let Ok(mut bytes) = std::fs::read(path) else {
        return false;
    };
    if bytes.len() < 100 {
        return false;
    }
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(path, bytes).is_ok()
}

#[test]
fn queries_and_exports_answer_from_the_store() {
    let dir = TempDir::new("queries");
    let db = dir.join("store.db");
    ingest_examples(&db);

    let out = dyad(&[
        "events", "--db", &db, "--actor", "QATGOV", "--role", "source", "--format", "jsonl",
    ]);
    ok(&out);
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(events.len(), 3);
    let merged = events
        .iter()
        .find(|e| e["num_mentions"] == 5)
        .expect("the merged appeal");
    let id = merged["id"].as_i64().expect("id").to_string();

    let out = dyad(&[
        "events", "--db", &db, "--text", "pipeline", "--format", "csv",
    ]);
    ok(&out);
    let csv = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.contains("RUSGOV,DEUGOV,111")),
        "{csv}"
    );

    let out = dyad(&[
        "events",
        "--db",
        &db,
        "--format",
        "table",
        "--source",
        "bbc.example",
    ]);
    ok(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);

    let out = dyad(&["show", &id, "--db", &db, "--format", "table"]);
    ok(&out);
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        shown.contains("5 mentions in 5 articles from 3 sources"),
        "{shown}"
    );
    assert_eq!(shown.matches("urged").count(), 5, "{shown}");

    // The negated "Qatar did not urge Iran ..." is stored but counted in no series.
    let out = dyad(&[
        "series", "QAT", "IRN", "--by", "month", "--db", &db, "--format", "csv",
    ]);
    ok(&out);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "period,source,target,verbal_cooperation,material_cooperation,verbal_conflict,\
         material_conflict,events,mentions,goldstein_mean\n2026-03,QAT,IRN,2,0,0,0,2,6,3.00\n"
    );

    let out = dyad(&["dyads", "--db", &db, "--limit", "1", "--format", "jsonl"]);
    ok(&out);
    let top: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        (top["source"].as_str(), top["events"].as_u64()),
        (Some("RUSGOV"), Some(3))
    );

    let out = dyad(&["events", "--db", &db, "--limit", "0", "--format", "jsonl"]);
    ok(&out);
    let all = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(all >= 12, "{all} events");
    for (format, check) in [
        (
            "csv",
            (|b: &[u8]| String::from_utf8_lossy(b).starts_with("id,date,")) as fn(&[u8]) -> bool,
        ),
        ("jsonl", |b| {
            String::from_utf8_lossy(b)
                .lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        }),
        ("gdelt", |b| {
            String::from_utf8_lossy(b)
                .lines()
                .all(|l| l.split('\t').count() == 61)
        }),
        ("parquet", |b| {
            b.starts_with(b"PAR1") && b.ends_with(b"PAR1")
        }),
    ] {
        let out_path = dir.join(&format!("events.{format}"));
        let out = dyad(&[
            "export", "--format", format, "--out", &out_path, "--db", &db,
        ]);
        let stderr = ok(&out);
        assert!(
            stderr.contains(&format!("exported {all} events")),
            "{format}: {stderr}"
        );
        let bytes = std::fs::read(&out_path).expect("export written");
        assert!(check(&bytes), "{format}");
        assert!(!Path::new(&format!("{out_path}.partial")).exists());
    }
}
