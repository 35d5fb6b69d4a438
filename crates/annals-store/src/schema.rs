//! Schema migrations, keyed by `PRAGMA user_version`.
//!
//! Each entry of [`MIGRATIONS`] takes the database from version `i` to
//! `i + 1` inside one transaction, so a crash mid-migration leaves the old
//! version intact. Never edit a released migration: append a new one, and
//! describe the result in `SCHEMA.md`.

use crate::{Error, Result};
use rusqlite::Connection;

/// Version 1: runs, articles, events, the full-text index over event sentences.
///
/// `events.seq` is an explicit `INTEGER PRIMARY KEY` (the rowid) because the
/// external-content FTS5 table refers to rows by rowid, and `VACUUM` may
/// renumber implicit rowids; the event's own id is `UNIQUE` beside it.
const V1: &str = r#"
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    version TEXT NOT NULL,
    articles_read INTEGER,
    articles_new INTEGER,
    events_new INTEGER,
    duplicates INTEGER,
    skipped INTEGER
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT UNIQUE,
    title TEXT,
    outlet TEXT,
    published TEXT,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL UNIQUE,
    ingested_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    trigger_text TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    source_text TEXT,
    source_code TEXT,
    source_name TEXT,
    source_country TEXT,
    source_sector TEXT,
    target_text TEXT,
    target_code TEXT,
    target_name TEXT,
    target_country TEXT,
    target_sector TEXT,
    cameo TEXT NOT NULL,
    cameo_name TEXT,
    quad_class INTEGER,
    goldstein REAL,
    plover TEXT,
    plover_mode TEXT,
    mode TEXT NOT NULL,
    attribution_text TEXT,
    attribution_code TEXT,
    attribution_anonymous INTEGER,
    quantity_value REAL,
    quantity_unit TEXT,
    event_date TEXT,
    date_precision TEXT,
    date_basis TEXT,
    event_start TEXT,
    event_end TEXT,
    historical INTEGER NOT NULL,
    place_text TEXT,
    place_name TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    confidence REAL,
    record TEXT NOT NULL
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_source_date ON events(source_code, event_start);
CREATE INDEX events_target_date ON events(target_code, event_start);
CREATE INDEX events_cameo_date ON events(cameo, event_start);
CREATE INDEX events_plover_date ON events(plover, event_start);
CREATE INDEX events_start ON events(event_start);

CREATE VIRTUAL TABLE events_fts USING fts5(sentence_text, content='events', content_rowid='seq');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, sentence_text) VALUES (new.seq, new.sentence_text);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, sentence_text) VALUES ('delete', old.seq, old.sentence_text);
END;
"#;

/// Provenance: which annals version, models and dictionaries coded each
/// event (`codings`, shared by all events coded alike), referenced from the
/// events and from their article (an article with no events must still say
/// how it was coded, or `annals recode` would redo it every time). Rows from
/// before this migration keep NULL: unknown. Also an index for
/// `--place-country`.
const V_PROVENANCE: &str = r#"
CREATE TABLE codings (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    model_hash TEXT NOT NULL,
    dict_hash TEXT NOT NULL,
    first_used TEXT NOT NULL,
    UNIQUE (version, model_hash, dict_hash)
);
ALTER TABLE articles ADD COLUMN coding INTEGER REFERENCES codings(id);
ALTER TABLE events ADD COLUMN coding INTEGER REFERENCES codings(id);
CREATE INDEX articles_coding ON articles(coding);
CREATE INDEX events_place_country ON events(place_country, event_start);
"#;

/// Near-duplicate articles and happenings (see `near_dup` and `happenings`).
///
/// Articles already stored are indexed and grouped on the first open after
/// this migration (`pending_backfills`), in Rust: MinHash and the grouping
/// rule are code, not SQL.
const NEAR_DUPLICATES_AND_HAPPENINGS: &str = r#"
ALTER TABLE articles ADD COLUMN near_duplicate_of TEXT REFERENCES articles(id);
ALTER TABLE articles ADD COLUMN near_duplicate_jaccard REAL;
CREATE INDEX articles_near_duplicate_of ON articles(near_duplicate_of);

CREATE TABLE minhash (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    article TEXT NOT NULL,
    PRIMARY KEY (band, hash, article)
) WITHOUT ROWID;

CREATE TABLE happenings (
    id INTEGER PRIMARY KEY,
    cameo_root TEXT NOT NULL,
    source_code TEXT NOT NULL,
    target_code TEXT NOT NULL,
    place TEXT NOT NULL,
    year INTEGER NOT NULL,
    date_value TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    event TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX happenings_key ON happenings(cameo_root, source_code, target_code, place, year);

ALTER TABLE events ADD COLUMN mention_of TEXT;
ALTER TABLE events ADD COLUMN happening INTEGER REFERENCES happenings(id);
CREATE INDEX events_mention_of ON events(mention_of);
CREATE INDEX events_happening ON events(happening);

ALTER TABLE runs ADD COLUMN near_duplicates INTEGER;
ALTER TABLE runs ADD COLUMN mentions INTEGER;

CREATE TABLE pending_backfills (what TEXT PRIMARY KEY);
INSERT INTO pending_backfills VALUES ('near_duplicates_and_happenings');
"#;

/// Indexes for events whose date spans days (a month, a year,
/// a decade), by actor and end day.
///
/// A date-range query asks for events whose span overlaps the range. Those
/// that start inside it are found on `(code, event_start)`; those that start
/// before it but reach into it can only be coarse-dated ones, and these
/// partial indexes find them by their end day without scanning every earlier
/// event of the actor (see `select.rs`). Day-precision events, the great
/// majority, are not in them, so they cost little at ingest.
const V_SPANS: &str = r#"
CREATE INDEX events_source_span ON events(source_code, event_end, event_start) WHERE event_end > event_start;
CREATE INDEX events_target_span ON events(target_code, event_end, event_start) WHERE event_end > event_start;
"#;

/// Per-day event counts (`event_counts`) for `annals query --count-by`,
/// kept in step with `events` by triggers and back-filled here.
///
/// Each event adds 1 to the row of its source code (`role` 0; `''` when it
/// has none) and, when it has a target, to the row of its target code
/// (`role` 1), under the same date, CAMEO code, PLOVER category and mode:
/// the keys that counts are filtered and grouped on. Summing role 0 rows
/// counts every event once. An actor filter matches source or target; an
/// event whose source and target both match must count once, so target rows
/// carry `shared`, the length of the common prefix of the two codes (capped
/// at 16): a target row repeats a matching source exactly when `shared` is at
/// least the filter prefix's length (see `rollup.rs`).
///
/// The view `event_count_keys` states the keys once; the triggers look the
/// row up in it by `seq` (before a delete or update, after an insert or
/// update), and the back-fill groups it. Decrements join on every key column
/// (`UPDATE ... FROM`, `(...) = (SELECT ...)`): a row-value `IN` would seek
/// on `code` alone and walk all of a busy actor's rows per deleted event.
const V_ROLLUP: &str = r#"
CREATE TABLE event_counts (
    code TEXT NOT NULL,
    role INTEGER NOT NULL,
    span INTEGER NOT NULL,
    event_start TEXT NOT NULL,
    event_end TEXT NOT NULL,
    shared INTEGER NOT NULL,
    cameo TEXT NOT NULL,
    plover TEXT NOT NULL,
    mode TEXT NOT NULL,
    event_date TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision)
) WITHOUT ROWID;

CREATE VIEW event_count_keys AS
SELECT seq, coalesce(source_code, '') AS code, 0 AS role,
       coalesce(event_start, '') <> coalesce(event_end, '') AS span,
       coalesce(event_start, '') AS event_start, coalesce(event_end, '') AS event_end, 0 AS shared,
       cameo, coalesce(plover, '') AS plover, mode,
       coalesce(event_date, '') AS event_date, coalesce(date_precision, '') AS date_precision
FROM events
UNION ALL
SELECT seq, target_code, 1,
       coalesce(event_start, '') <> coalesce(event_end, ''),
       coalesce(event_start, ''), coalesce(event_end, ''),
       coalesce((substr(source_code, 1, 1) = substr(target_code, 1, 1)) +
           (substr(source_code, 1, 2) = substr(target_code, 1, 2)) +
           (substr(source_code, 1, 3) = substr(target_code, 1, 3)) +
           (substr(source_code, 1, 4) = substr(target_code, 1, 4)) +
           (substr(source_code, 1, 5) = substr(target_code, 1, 5)) +
           (substr(source_code, 1, 6) = substr(target_code, 1, 6)) +
           (substr(source_code, 1, 7) = substr(target_code, 1, 7)) +
           (substr(source_code, 1, 8) = substr(target_code, 1, 8)) +
           (substr(source_code, 1, 9) = substr(target_code, 1, 9)) +
           (substr(source_code, 1, 10) = substr(target_code, 1, 10)) +
           (substr(source_code, 1, 11) = substr(target_code, 1, 11)) +
           (substr(source_code, 1, 12) = substr(target_code, 1, 12)) +
           (substr(source_code, 1, 13) = substr(target_code, 1, 13)) +
           (substr(source_code, 1, 14) = substr(target_code, 1, 14)) +
           (substr(source_code, 1, 15) = substr(target_code, 1, 15)) +
           (substr(source_code, 1, 16) = substr(target_code, 1, 16)), 0),
       cameo, coalesce(plover, ''), mode, coalesce(event_date, ''), coalesce(date_precision, '')
FROM events WHERE target_code IS NOT NULL;

CREATE TRIGGER event_counts_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_counts (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision, n)
    SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision, 1 FROM event_count_keys WHERE seq = new.seq
    ON CONFLICT (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER event_counts_delete BEFORE DELETE ON events BEGIN
    UPDATE event_counts SET n = n - 1
    FROM (SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision FROM event_count_keys WHERE seq = old.seq) AS k
    WHERE event_counts.code = k.code AND event_counts.role = k.role AND event_counts.span = k.span AND event_counts.event_start = k.event_start AND event_counts.event_end = k.event_end AND event_counts.shared = k.shared
      AND event_counts.cameo = k.cameo AND event_counts.plover = k.plover AND event_counts.mode = k.mode AND event_counts.event_date = k.event_date AND event_counts.date_precision = k.date_precision;
    DELETE FROM event_counts WHERE n = 0
      AND (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision) = (SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision FROM event_count_keys WHERE seq = old.seq AND role = 0);
    DELETE FROM event_counts WHERE n = 0
      AND (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision) = (SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision FROM event_count_keys WHERE seq = old.seq AND role = 1);
END;
CREATE TRIGGER event_counts_update_old
BEFORE UPDATE OF source_code, target_code, cameo, plover, mode, event_date, date_precision, event_start, event_end
ON events BEGIN
    UPDATE event_counts SET n = n - 1
    FROM (SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision FROM event_count_keys WHERE seq = old.seq) AS k
    WHERE event_counts.code = k.code AND event_counts.role = k.role AND event_counts.span = k.span AND event_counts.event_start = k.event_start AND event_counts.event_end = k.event_end AND event_counts.shared = k.shared
      AND event_counts.cameo = k.cameo AND event_counts.plover = k.plover AND event_counts.mode = k.mode AND event_counts.event_date = k.event_date AND event_counts.date_precision = k.date_precision;
    DELETE FROM event_counts WHERE n = 0
      AND (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision) = (SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision FROM event_count_keys WHERE seq = old.seq AND role = 0);
    DELETE FROM event_counts WHERE n = 0
      AND (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision) = (SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision FROM event_count_keys WHERE seq = old.seq AND role = 1);
END;
CREATE TRIGGER event_counts_update_new
AFTER UPDATE OF source_code, target_code, cameo, plover, mode, event_date, date_precision, event_start, event_end
ON events BEGIN
    INSERT INTO event_counts (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision, n)
    SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision, 1 FROM event_count_keys WHERE seq = new.seq
    ON CONFLICT (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision) DO UPDATE SET n = n + 1;
END;

INSERT INTO event_counts (code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision, n)
SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision, count(*) FROM event_count_keys GROUP BY code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision;
"#;

/// Event spans on real days: before this version a month's `event_end` was
/// its 31st (`2024-02-31`) and an ISO week (`2024-W11`) had no span at all.
/// The spans of stored weeks and months are computed again on the first
/// open after this migration, in Rust (`pending_backfills`), by the record's
/// own date type; the rollup's triggers follow the updates.
const V_REAL_DAY_SPANS: &str = r#"
INSERT OR IGNORE INTO pending_backfills VALUES ('event_spans');
"#;

/// All migrations in order; the schema version is the number applied.
pub const MIGRATIONS: &[&str] =
    &[V1, NEAR_DUPLICATES_AND_HAPPENINGS, V_PROVENANCE, V_SPANS, V_ROLLUP, V_REAL_DAY_SPANS];

/// Brings `conn` to the newest schema version; refuses a database written by
/// a newer annals rather than guessing at its layout.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(Error::NewerSchema { found, known });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
