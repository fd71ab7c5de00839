//! The stored tables for the committed corpus (`examples/` and `test_data/reports.jsonl`,
//! coded with the frozen dictionaries in `test_data/dict`), compared with the text dump in
//! `test_data/corpus.dump`. After an intended change, refresh it with
//! `UPDATE_EXPECT=1 cargo test -p dyad-store --test snapshot` and review the diff.

mod common;

use dyad_store::{EventStore, SqliteStore};

#[test]
fn stored_tables_match_the_snapshot() {
    let analyses = common::corpus();
    let mut store = SqliteStore::open_in_memory().expect("store");
    store.set_clock("2026-01-01T00:00:00Z");
    store.write(&common::documents(&analyses)).expect("write");
    let got = store.dump(&[]).expect("dump");
    // The rollups kept on every insert are what a rebuild from `events` gives.
    store.rebuild_rollups().expect("rebuild");
    assert_eq!(
        store.dump(&[]).expect("dump"),
        got,
        "rollups differ from a rebuild"
    );
    let path = common::crate_dir().join("test_data/corpus.dump");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if got != expected {
        let first = got
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(expected.lines().count()));
        panic!(
            "stored tables differ from {} at line {}:\n  got:      {}\n  expected: {}\n\
             (refresh with UPDATE_EXPECT=1 cargo test -p dyad-store --test snapshot)",
            path.display(),
            first + 1,
            got.lines().nth(first).unwrap_or("<end>"),
            expected.lines().nth(first).unwrap_or("<end>"),
        );
    }
}

#[test]
fn a_bulk_load_stores_every_report_as_an_event_with_rollups_and_search() {
    let corpus = common::handmade_corpus();
    let docs: Vec<_> = corpus.iter().map(common::Handmade::document).collect();
    let reports: usize = corpus.iter().map(|a| a.events.len()).sum();
    let mut store = SqliteStore::open_in_memory().expect("store");
    store.begin_bulk_load().expect("begin");
    let summary = store.bulk_write(&docs).expect("bulk write");
    store.finish_bulk_load().expect("finish");
    assert_eq!(summary.new_events as usize, reports);
    assert_eq!(store.counts().expect("counts").events as usize, reports);
    let before = store.dump(&[]).expect("dump");
    store.rebuild_rollups().expect("rebuild");
    assert_eq!(store.dump(&[]).expect("dump"), before);
    let found = store
        .events(&dyad_store::EventFilter {
            text: Some("pipeline".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(found.len(), 1);
}
