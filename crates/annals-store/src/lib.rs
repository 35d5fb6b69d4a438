//! The chronicle store of annals: articles and their coded events in SQLite.
//!
//! The store knows nothing of text or coding; it keeps records. The database
//! is part of the interface (analysts open it with `sqlite3`, DuckDB or
//! Datasette), so its layout is documented in `SCHEMA.md` and versioned with
//! `PRAGMA user_version` (see [`schema`]):
//!
//! - `runs`: one row per ingest run (start, end, annals version, counts).
//! - `articles`: one row per distinct article; `id`, `url` and `text_hash`
//!   (xxh3-128 of the lowercased, whitespace-collapsed text) are each unique,
//!   which is what makes ingest idempotent.
//! - `events`: one row per coded event mention, the record's fields as
//!   columns plus `record` (the JSON verbatim) and `event_start`/`event_end`
//!   (the days the event date can mean, for range filters).
//! - `events_fts`: FTS5 over event sentences.
//! - `codings`: provenance, one row per (annals version, model hash,
//!   dictionary hash) that coded something; articles and events refer to it.
//! - `minhash`, `minhash_bands`: MinHash signatures and their LSH index, which
//!   link near-duplicate articles to their original ([`near_dup`]).
//! - `happenings`: asserted events from different articles grouped as one
//!   happening, with counts ([`happenings`]); exported as GDELT ([`gdelt`]).
//! - `event_counts`: events per actor code and role, day, CAMEO code, PLOVER
//!   category and mode, kept by triggers; counts come from it ([`rollup`]).
//!
//! Writes go through [`Batch`], which commits every N articles: one
//! transaction per article would make ingest fsync-bound, one per run would
//! lose everything on a crash. Each article is written under a savepoint, so
//! an article is stored whole or not at all. WAL mode lets readers query
//! while an ingest runs.

mod browse;
mod coding;
/// Dates (re-exported for the benchmark generator).
pub use annals_calendar as calendar;
pub mod fips;
pub mod gdelt;
pub mod happenings;
pub mod near_dup;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod plover;
mod record;
pub mod rollup;
pub mod schema;
mod select;

pub use annals_record::Event;
pub use browse::{HappeningCounts, Listed, Page, PlaceCount};
pub use coding::Coding;
pub use happenings::Happening;
pub use record::ArticleRow;
pub use select::{Count, CountBy, Filter};

use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database schema version {found} is newer than this annals knows ({known}); upgrade annals")]
    NewerSchema { found: i64, known: i64 },
    /// A database opened read-only needs a migration first.
    #[error("{path} needs a migration (schema version {found}; this annals writes {known}): open it once with `annals query --db {path} --limit 0`, which migrates it")]
    OlderSchema { path: String, found: i64, known: i64 },
    #[error("{0}: no such database")]
    Missing(String),
    #[error("bad event record: {0}")]
    BadRecord(String),
    #[error("bad filter: {0}")]
    BadFilter(String),
    #[error("{0}: no such article in the store")]
    UnknownArticle(String),
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    #[error("export: {0}")]
    Export(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why an article was recognised as already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOf {
    Id,
    Url,
    Text,
}

/// The outcome of offering an article to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Stored, with this many events.
    New { events: usize },
    /// Stored as a near-duplicate of `original`: `mentions` of its `events`
    /// repeat events of the original and joined their happenings.
    NearDuplicate { original: String, events: usize, mentions: usize },
    /// Already stored (the existing article's id); nothing was added.
    Duplicate { existing: String, by: DuplicateOf },
}

/// Totals of an ingest run, recorded in `runs`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStats {
    pub articles_read: u64,
    pub articles_new: u64,
    pub events_new: u64,
    pub duplicates: u64,
    pub skipped: u64,
    /// New articles linked to an original as near-duplicates.
    pub near_duplicates: u64,
    /// Their events stored as mentions of the original's events.
    pub mentions: u64,
}

/// An open annals database.
pub struct Store {
    conn: Connection,
    run: Option<i64>,
    /// The `codings` row of what is written now (see [`Store::set_coding`]).
    coding: Option<i64>,
    /// What replaced events touched, for [`Store::regroup_touched`].
    touched: happenings::Touched,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to
    /// the current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL is durable across application crashes in WAL mode; only a
        // power loss can drop the last commits, which a re-ingest restores.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        backfill(&mut conn)?;
        Ok(Store { conn, run: None, coding: None, touched: Default::default() })
    }

    /// Opens an existing database: readers should not create an empty one
    /// by mistyping its name.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(Error::Missing(path.display().to_string()));
        }
        Store::open(path)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The underlying connection, for ad-hoc reads.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Records the start of an ingest run; articles stored from now on carry its id.
    pub fn start_run(&mut self, version: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO runs (started, version) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1)",
            [version],
        )?;
        let id = self.conn.last_insert_rowid();
        self.run = Some(id);
        Ok(id)
    }

    /// Records the end and totals of the current run.
    pub fn finish_run(&mut self, s: &RunStats) -> Result<()> {
        if let Some(id) = self.run.take() {
            self.conn.execute(
                "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%SZ','now'), articles_read = ?2, articles_new = ?3,
                 events_new = ?4, duplicates = ?5, skipped = ?6, near_duplicates = ?7, mentions = ?8 WHERE id = ?1",
                params![
                    id,
                    s.articles_read,
                    s.articles_new,
                    s.events_new,
                    s.duplicates,
                    s.skipped,
                    s.near_duplicates,
                    s.mentions
                ],
            )?;
        }
        Ok(())
    }

    /// The stored article `a` duplicates, if any: same id, same URL or same
    /// normalised text. Lets callers skip coding what is already stored.
    pub fn find_duplicate(&self, a: &ArticleRow) -> Result<Option<(String, DuplicateOf)>> {
        find_duplicate(&self.conn, a, &a.text_hash())
    }

    /// Stores one article and its events in its own transaction.
    pub fn insert_article(&mut self, a: &ArticleRow, events: &[Event]) -> Result<Inserted> {
        let mut b = self.batch(1);
        let r = b.insert(a, events)?;
        b.finish()?;
        Ok(r)
    }

    /// Starts a batch of inserts committed every `every` articles.
    pub fn batch(&mut self, every: usize) -> Batch<'_> {
        Batch { store: self, every: every.max(1), pending: 0 }
    }

    /// Numbers of stored articles and events.
    pub fn totals(&self) -> Result<(u64, u64)> {
        Ok(self.conn.query_row("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?)
    }
}

/// Inserts committed in groups; see the crate docs for why.
///
/// Dropping a batch commits what it holds: every article in it is complete
/// (savepoints), and re-ingesting is idempotent, so keeping work is safe.
pub struct Batch<'a> {
    store: &'a mut Store,
    every: usize,
    pending: usize,
}

impl Batch<'_> {
    /// Stores `a` and its events unless it duplicates a stored article.
    pub fn insert(&mut self, a: &ArticleRow, events: &[Event]) -> Result<Inserted> {
        if self.pending == 0 {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        self.pending += 1;
        let r = insert_one(&self.store.conn, self.store.run, self.store.coding, a, events);
        if self.pending >= self.every {
            self.commit()?;
        }
        r
    }

    /// Replaces the events of stored article `article` with `events`, whole
    /// or not at all; returns how many were removed. See [`Store::replace_events`].
    pub fn replace(&mut self, article: &str, events: &[Event]) -> Result<usize> {
        if self.pending == 0 {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        self.pending += 1;
        let Store { conn, coding, touched, .. } = &mut *self.store;
        let r = coding::replace_one(conn, *coding, touched, article, events);
        if self.pending >= self.every {
            self.commit()?;
        }
        r
    }

    /// Commits what is pending.
    pub fn commit(&mut self) -> Result<()> {
        if self.pending > 0 {
            self.pending = 0;
            self.store.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    /// Commits and ends the batch, reporting a failed commit (which `Drop` cannot).
    pub fn finish(mut self) -> Result<()> {
        self.commit()
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        let _ = self.commit();
    }
}

fn find_duplicate(conn: &Connection, a: &ArticleRow, hash: &str) -> Result<Option<(String, DuplicateOf)>> {
    let mut st = conn.prepare_cached(
        "SELECT id, CASE WHEN id = ?1 THEN 0 WHEN url = ?2 THEN 1 ELSE 2 END AS why FROM articles
         WHERE id = ?1 OR url = ?2 OR text_hash = ?3 ORDER BY why LIMIT 1",
    )?;
    let found =
        st.query_row(params![a.id, a.url, hash], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).optional()?;
    Ok(found.map(|(id, why)| (id, [DuplicateOf::Id, DuplicateOf::Url, DuplicateOf::Text][why as usize])))
}

/// The work migrations left for Rust (see `schema`): each runs in one
/// transaction with the removal of its marker, so a crash leaves it to be
/// done again on the next open.
fn backfill(conn: &mut Connection) -> Result<()> {
    let pending = |conn: &Connection, what: &str| -> Result<bool> {
        Ok(conn.query_row("SELECT count(*) FROM pending_backfills WHERE what = ?1", [what], |r| r.get::<_, i64>(0))?
            > 0)
    };
    let what = "near_duplicates_and_happenings";
    if pending(conn, what)? {
        let tx = conn.transaction()?;
        group_stored(&tx)?;
        tx.execute("DELETE FROM pending_backfills WHERE what = ?1", [what])?;
        tx.commit()?;
    }
    let what = "event_spans";
    if pending(conn, what)? {
        let tx = conn.transaction()?;
        record::respan_stored(&tx)?;
        tx.execute("DELETE FROM pending_backfills WHERE what = ?1", [what])?;
        tx.commit()?;
    }
    Ok(())
}

/// Indexes and groups the articles a migration found stored.
fn group_stored(tx: &Connection) -> Result<()> {
    let articles = tx
        .prepare("SELECT id, text FROM articles ORDER BY rowid")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, text) in articles {
        if let Some(link) = near_dup::index_article(tx, &id, &text)? {
            let events = coding::stored_events(tx, &id)?;
            happenings::link_mentions(tx, &id, &link.original, &events)?;
        }
    }
    happenings::regroup(tx)?;
    Ok(())
}

fn insert_one(
    conn: &Connection,
    run: Option<i64>,
    coding: Option<i64>,
    a: &ArticleRow,
    events: &[Event],
) -> Result<Inserted> {
    let hash = a.text_hash();
    if let Some((existing, by)) = find_duplicate(conn, a, &hash)? {
        return Ok(Inserted::Duplicate { existing, by });
    }
    conn.execute_batch("SAVEPOINT article")?;
    let r = write_article(conn, run, coding, a, &hash, events);
    match r {
        Ok(_) => conn.execute_batch("RELEASE article")?,
        Err(_) => conn.execute_batch("ROLLBACK TO article; RELEASE article")?,
    }
    r.map(|linked| match linked {
        Some((original, mentions)) => Inserted::NearDuplicate { original, events: events.len(), mentions },
        None => Inserted::New { events: events.len() },
    })
}

/// Writes the article and its events; returns its original and the number
/// of mentions if it is a near-duplicate.
fn write_article(
    conn: &Connection,
    run: Option<i64>,
    coding: Option<i64>,
    a: &ArticleRow,
    hash: &str,
    events: &[Event],
) -> Result<Option<(String, usize)>> {
    write_article_row(conn, a, hash, run, coding)?;
    let link = near_dup::index_article(conn, &a.id, &a.text)?;
    write_event_rows(conn, &a.id, coding, events)?;
    let original = link.map(|l| l.original);
    let mentions = happenings::assign_article(conn, &a.id, original.as_deref(), events)?;
    Ok(original.map(|o| (o, mentions)))
}

/// Writes the `articles` row of `a` (its text hashed to `hash`) and
/// nothing else: no near-duplicate index, no events. [`Batch::insert`] is
/// the way in for coded articles; this is for bulk loaders that keep the
/// store's indexes themselves (the synthetic benchmark store).
pub fn write_article_row(
    conn: &Connection,
    a: &ArticleRow,
    hash: &str,
    run: Option<i64>,
    coding: Option<i64>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO articles (id, url, title, outlet, published, text, text_hash, ingested_at, run_id, coding)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?8, ?9)",
    )?
    .execute(params![a.id, a.url, a.title, a.outlet, a.published, a.text, hash, run, coding])?;
    Ok(())
}

/// Writes the `events` rows of `events` of article `article`, all coded
/// by `coding`: the record's columns (mapped in one place, the `record`
/// module), its JSON and its coding; no happenings. [`Batch::insert`] is
/// the way in for coded articles; this is for bulk loaders.
pub fn write_event_rows(conn: &Connection, article: &str, coding: Option<i64>, events: &[Event]) -> Result<()> {
    let mut st = conn.prepare_cached(record::insert_sql())?;
    for e in events {
        let cols = record::columns(e, article);
        let tail = [
            rusqlite::types::Value::Text(e.to_json()),
            coding.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Integer),
        ];
        st.execute(rusqlite::params_from_iter(cols.iter().chain(&tail)))?;
    }
    Ok(())
}
