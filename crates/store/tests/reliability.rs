//! What the store does with files that are not what they should be, with old versions, and
//! with readers during a write.

mod common;

use common::{corpus, documents, TempDir};
use dyad_store::synth::Generator;
use dyad_store::{
    Document, EventFilter, EventStore, OpenMode, Period, SeriesQuery, SqliteStore, StoreError,
};
use std::path::Path;

/// A store holding the committed corpus, closed (so its WAL is folded into the file).
fn make_store(path: &Path) {
    let analyses = corpus();
    let mut store = SqliteStore::open(path, OpenMode::ReadWrite).expect("create store");
    store.write(&documents(&analyses)).expect("write");
}

/// Opening `path` in both modes fails with an error naming it; the file is untouched.
fn check_refused(path: &Path, expect: fn(&StoreError) -> bool) {
    let before = std::fs::read(path).expect("read file");
    for mode in [OpenMode::ReadOnly, OpenMode::ReadWrite] {
        let err = match SqliteStore::open(path, mode) {
            Ok(_) => panic!("{} opened in {mode:?}", path.display()),
            Err(e) => e,
        };
        assert!(expect(&err), "{mode:?}: unexpected error {err:?}");
        let message = err.to_string();
        assert!(
            message.contains(&path.display().to_string()),
            "{mode:?}: {message}"
        );
        let after = std::fs::read(path).expect("read file");
        assert!(after == before, "{mode:?}: {} was modified", path.display());
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = TempDir::new("not-sqlite");
    let path = dir.join("notes.db");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(50)).expect("write");
    check_refused(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
    let short = dir.join("short.db");
    std::fs::write(&short, "SQLite format 3").expect("write");
    check_refused(&short, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = TempDir::new("other-app");
    let path = dir.join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat');")
            .expect("create");
    }
    check_refused(&path, |e| matches!(e, StoreError::NotDyad { .. }));
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = TempDir::new("newer");
    let path = dir.join("store.db");
    make_store(&path);
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99)
            .expect("bump version");
    }
    check_refused(&path, |e| {
        matches!(e, StoreError::NewerSchema { found: 99, .. })
    });
    let message = SqliteStore::open(&path, OpenMode::ReadOnly)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("99") && message.contains("upgrade dyad"),
        "{message}"
    );
}

#[test]
fn a_truncated_store_is_refused_untouched() {
    let dir = TempDir::new("truncated");
    let path = dir.join("store.db");
    make_store(&path);
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    check_refused(&path, |e| matches!(e, StoreError::Corrupt { .. }));
}

#[test]
fn a_store_with_damaged_pages_is_refused_untouched() {
    let dir = TempDir::new("damaged");
    let path = dir.join("store.db");
    make_store(&path);
    let mut bytes = std::fs::read(&path).expect("read");
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    // Pages 2 to 5 hold the first tables' b-tree roots; garbage there is what a bad sector
    // or a stray write leaves.
    for b in &mut bytes[page..page * 5] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("damage");
    // Read-only opens check the header only; the damage shows when a query reads the pages.
    let before = std::fs::read(&path).expect("read");
    match SqliteStore::open(&path, OpenMode::ReadWrite) {
        Err(StoreError::Corrupt { path: p, .. }) => assert_eq!(p, path),
        Err(other) => panic!("unexpected error {other:?}"),
        Ok(_) => panic!("damaged store opened for writing"),
    }
    if let Ok(store) = SqliteStore::open(&path, OpenMode::ReadOnly) {
        let err = store
            .counts()
            .and_then(|_| store.events(&EventFilter::default()).map(|_| ()));
        assert!(matches!(err, Err(StoreError::Corrupt { .. })), "{err:?}");
    }
    assert!(
        std::fs::read(&path).expect("read") == before,
        "damaged store was modified"
    );
}

#[test]
fn a_missing_store_is_an_error_for_queries_and_created_for_ingest() {
    let dir = TempDir::new("missing");
    let path = dir.join("absent.db");
    match SqliteStore::open(&path, OpenMode::ReadOnly) {
        Err(e @ StoreError::Missing { .. }) => assert!(e.to_string().contains("absent.db")),
        other => panic!("{:?}", other.map(|_| ())),
    }
    assert!(!path.exists(), "a query created the store");
    let store = SqliteStore::open(&path, OpenMode::ReadWrite).expect("create");
    assert_eq!(
        store.version().expect("version"),
        dyad_store::schema::VERSION
    );
    // The header marks the file as a store from the start (before any WAL checkpoint).
    let header = std::fs::read(&path).expect("read");
    assert_eq!(&header[68..72], b"dyad");
}

#[test]
fn an_older_store_is_migrated_for_writing_and_refused_for_reading() {
    let dir = TempDir::new("older");
    let path = dir.join("v0.db");
    {
        // Version 0: a store file with its application id and no schema yet.
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "application_id", dyad_store::schema::APPLICATION_ID)
            .expect("id");
        conn.execute_batch("CREATE TABLE placeholder (x); DROP TABLE placeholder;")
            .expect("touch");
    }
    match SqliteStore::open(&path, OpenMode::ReadOnly) {
        Err(StoreError::OlderSchema { found: 0, .. }) => {}
        other => panic!("{:?}", other.map(|_| ())),
    }
    let mut store = SqliteStore::open(&path, OpenMode::ReadWrite).expect("migrate");
    assert_eq!(
        store.version().expect("version"),
        dyad_store::schema::VERSION
    );
    let analyses = corpus();
    store
        .write(&documents(&analyses))
        .expect("write after migration");
    drop(store);
    let store = SqliteStore::open(&path, OpenMode::ReadOnly).expect("reopen");
    assert_eq!(
        store.counts().expect("counts").articles as usize,
        analyses.len()
    );
}

#[test]
fn readers_keep_working_while_a_writer_writes() {
    let dir = TempDir::new("concurrent");
    let path = dir.join("store.db");
    let mut writer = SqliteStore::open(&path, OpenMode::ReadWrite).expect("create");
    let reader = SqliteStore::open(&path, OpenMode::ReadOnly).expect("reader");
    const BATCHES: usize = 40;
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut generator = Generator::new(7, 5);
            for _ in 0..BATCHES {
                let docs: Vec<_> = (0..50).map(|_| generator.next_doc()).collect();
                let refs: Vec<Document<'_>> = docs.iter().map(|d| d.document()).collect();
                writer.write(&refs).expect("write");
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let mut last = 0;
        let mut reads = 0;
        loop {
            let finished = done.load(std::sync::atomic::Ordering::SeqCst);
            let counts = reader.counts().expect("counts during a write");
            assert!(
                counts.articles >= last,
                "counts went back: {} < {last}",
                counts.articles
            );
            // Whole batches only: a reader never sees half a transaction.
            assert_eq!(counts.articles % 50, 0, "saw a partial batch");
            last = counts.articles;
            reader
                .series(&SeriesQuery {
                    a: "USA".into(),
                    b: "RUS".into(),
                    by: Period::Month,
                    since: None,
                    until: None,
                })
                .expect("series during a write");
            reader
                .events(&EventFilter {
                    limit: Some(10),
                    ..Default::default()
                })
                .expect("events during a write");
            reads += 1;
            if finished {
                break;
            }
        }
        assert!(reads > 1, "the reader never overlapped the writer");
        assert_eq!(last as usize, BATCHES * 50);
    });
}
