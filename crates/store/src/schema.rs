//! The store's schema, its version and the migrations between versions.
//!
//! A dyad store is an SQLite database whose header says so: `PRAGMA application_id` is
//! [`APPLICATION_ID`] and `PRAGMA user_version` is the schema version. Both live in the file's
//! first 100 bytes, so [`inspect`] can refuse a file that is not a store, or a store newer than
//! this build, by reading the header alone, before SQLite opens (and could write) the file.
//!
//! Migration `n` takes a version `n` store to `n + 1`; [`MIGRATIONS`] is applied in order in
//! one transaction, so a store is never left between versions. `docs/SCHEMA.md` documents
//! the current version table by table.

use crate::StoreError;
use std::io::Read;
use std::path::Path;

/// "dyad" in ASCII: marks the file as a dyad store for `file(1)` and for [`inspect`].
pub const APPLICATION_ID: i32 = 0x6479_6164;

/// The schema version this build writes and reads.
pub const VERSION: i64 = 1;

/// `MIGRATIONS[n]` turns a version-`n` store into version `n + 1`. Version 0 is an empty
/// database; migration 0 creates the schema.
pub const MIGRATIONS: &[&str] = &[V1];

/// Version 1: the whole schema. Column names say what they hold; codes are text as CAMEO
/// writes them; dates are ISO `YYYY-MM-DD` text; spans are byte offsets into the article text.
const V1: &str = r#"
CREATE TABLE dyad_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL UNIQUE,
    input       TEXT NOT NULL,
    url         TEXT,
    site        TEXT,
    title       TEXT,
    published   TEXT,
    language    TEXT,
    text_bytes  INTEGER NOT NULL,
    sentences   INTEGER NOT NULL,
    events      INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_site ON articles(site);

CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    article    INTEGER NOT NULL REFERENCES articles(id),
    sentence   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article, sentence)
);

CREATE VIRTUAL TABLE sentence_search USING fts5(
    text,
    content = 'sentences',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article    INTEGER NOT NULL REFERENCES articles(id),
    sentence   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    code       TEXT NOT NULL,
    entry      TEXT NOT NULL
);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    date         TEXT,
    source       TEXT NOT NULL,
    target       TEXT NOT NULL,
    code         TEXT NOT NULL,
    root         TEXT NOT NULL,
    quad         INTEGER NOT NULL,
    goldstein    REAL NOT NULL,
    modality     TEXT NOT NULL,
    confidence   REAL NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources  INTEGER NOT NULL,
    article      INTEGER NOT NULL REFERENCES articles(id),
    sentence     INTEGER NOT NULL,
    added_at     TEXT NOT NULL
);
CREATE INDEX events_dyad ON events(source, target, root, date);
CREATE INDEX events_target ON events(target, date);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_mentions (
    event          INTEGER NOT NULL REFERENCES events(id),
    article        INTEGER NOT NULL REFERENCES articles(id),
    sentence       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    modality       TEXT NOT NULL,
    date           TEXT,
    confidence     REAL NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    source_start   INTEGER,
    source_end     INTEGER,
    target_start   INTEGER,
    target_end     INTEGER,
    PRIMARY KEY (event, article, sentence)
) WITHOUT ROWID;
CREATE INDEX event_mentions_sentence ON event_mentions(article, sentence);

CREATE TABLE stances (
    id             INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL REFERENCES articles(id),
    sentence       INTEGER NOT NULL,
    actor          TEXT NOT NULL,
    actor_start    INTEGER,
    actor_end      INTEGER,
    issue          TEXT NOT NULL,
    issue_text     TEXT NOT NULL,
    position       TEXT NOT NULL,
    strength       REAL NOT NULL,
    date           TEXT,
    modality       TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL
);
CREATE INDEX stances_issue ON stances(issue);

CREATE TABLE dyad_days (
    source        TEXT NOT NULL,
    target        TEXT NOT NULL,
    day           TEXT NOT NULL,
    quad          INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    mentions      INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    PRIMARY KEY (source, target, day, quad)
) WITHOUT ROWID;

CREATE TABLE dyads (
    source        TEXT NOT NULL,
    target        TEXT NOT NULL,
    events        INTEGER NOT NULL,
    mentions      INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    first_day     TEXT,
    last_day      TEXT,
    PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE INDEX dyads_events ON dyads(events);

CREATE TABLE actor_codes (
    code      TEXT PRIMARY KEY,
    as_source INTEGER NOT NULL,
    as_target INTEGER NOT NULL
) WITHOUT ROWID;

CREATE VIEW event_reports AS
SELECT em.event, e.date AS event_date, e.source, e.target, e.code AS event_code,
       em.code AS report_code, em.modality, em.date, a.article_id, a.site, a.url,
       em.sentence, s.text AS evidence
FROM event_mentions em
JOIN events e ON e.id = em.event
JOIN articles a ON a.id = em.article
JOIN sentences s ON s.article = em.article AND s.sentence = em.sentence;
"#;

/// The secondary indexes a bulk load drops and recreates (name, statement); each statement
/// is also in the schema above, word for word (a test checks).
pub const BULK_INDEXES: &[(&str, &str)] = &[
    (
        "events_dyad",
        "CREATE INDEX events_dyad ON events(source, target, root, date);",
    ),
    (
        "events_target",
        "CREATE INDEX events_target ON events(target, date);",
    ),
    ("events_date", "CREATE INDEX events_date ON events(date);"),
    (
        "event_mentions_sentence",
        "CREATE INDEX event_mentions_sentence ON event_mentions(article, sentence);",
    ),
];

/// What the first 100 bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: a store can be created there.
    Empty,
    /// A dyad store at this schema version.
    Store { version: i64 },
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads a file's header and says whether it is a dyad store this build can open, without
/// opening it in SQLite: a refusal leaves the file exactly as it was.
pub fn inspect(path: &Path) -> Result<FileKind, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Empty),
        Err(e) => return Err(io(e)),
    };
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Ok(FileKind::Empty);
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]).map_err(io)? {
            0 => break,
            n => read += n,
        }
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let application_id = be32(68) as i32;
    let version = be32(60) as i32 as i64;
    if application_id != APPLICATION_ID {
        return Err(StoreError::NotDyad {
            path: path.to_path_buf(),
        });
    }
    if version > VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: VERSION,
        });
    }
    // The page size (1 meaning 65536) times the page count must fit the file: a truncated
    // store is corrupt, and SQLite would only notice when it reads the missing pages.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => n as u64,
    };
    let pages = be32(28) as u64;
    // The in-header page count is valid only when its "version valid for" matches the
    // change counter (SQLite file format, section 1.3.7).
    if be32(92) == be32(24) && pages * page_size > len {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("{} bytes, the header promises {}", len, pages * page_size),
        });
    }
    Ok(FileKind::Store { version })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_current_version() {
        assert_eq!(MIGRATIONS.len() as i64, VERSION);
    }

    #[test]
    fn bulk_indexes_are_the_schemas() {
        for (name, create) in BULK_INDEXES {
            assert!(V1.contains(create), "{name}");
        }
    }

    #[test]
    fn application_id_spells_dyad() {
        assert_eq!(&APPLICATION_ID.to_be_bytes(), b"dyad");
    }
}
