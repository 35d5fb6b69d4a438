//! Provenance and re-coding: which annals version, models and dictionaries
//! coded an article's events, and replacing those events when they are
//! coded again.
//!
//! The store keeps the strings it is given and knows nothing of how they are
//! computed: the binary hashes its models and dictionaries and passes them.
//! One `codings` row serves every event coded alike, so provenance costs an
//! integer per event.

use crate::{happenings, record, write_event_rows, ArticleRow, Error, Event, Result, Store};
use rusqlite::{params, Connection, OptionalExtension};

/// What produced a set of events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    /// The annals version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// Digest of the language models.
    pub model_hash: String,
    /// Digest of the dictionaries (and other coder data) in use.
    pub dict_hash: String,
}

impl Store {
    /// Makes `c` the coding of everything written from now on, inserted or
    /// replaced, and returns its `codings` id. A coding already recorded
    /// keeps its row (and its `first_used`).
    pub fn set_coding(&mut self, c: &Coding) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO codings (version, model_hash, dict_hash, first_used)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now')) ON CONFLICT DO NOTHING",
            params![c.version, c.model_hash, c.dict_hash],
        )?;
        let id = self.find_coding(c)?.ok_or_else(|| Error::BadRecord("coding row vanished".into()))?;
        self.coding = Some(id);
        Ok(id)
    }

    /// The id of coding `c` if anything stored was coded so; does not write.
    pub fn find_coding(&self, c: &Coding) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM codings WHERE version = ?1 AND model_hash = ?2 AND dict_hash = ?3",
                params![c.version, c.model_hash, c.dict_hash],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The coding of stored article `id`: `None` when the article is unknown
    /// or was stored before provenance was recorded.
    pub fn article_coding(&self, id: &str) -> Result<Option<Coding>> {
        Ok(self
            .conn
            .query_row(
                "SELECT c.version, c.model_hash, c.dict_hash FROM articles a JOIN codings c ON c.id = a.coding
                 WHERE a.id = ?1",
                [id],
                |r| Ok(Coding { version: r.get(0)?, model_hash: r.get(1)?, dict_hash: r.get(2)? }),
            )
            .optional()?)
    }

    /// The articles to re-code, in storage order: all of them (or of `only`,
    /// when given) except those already coded by `current`. The second list
    /// holds the ids of `only` that are not stored.
    pub fn articles_to_recode(&self, current: Option<i64>, only: &[String]) -> Result<(Vec<String>, Vec<String>)> {
        let stale = |coding: Option<i64>| current.is_none() || coding != current;
        if only.is_empty() {
            let mut st = self.conn.prepare("SELECT id, coding FROM articles ORDER BY rowid")?;
            let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?)))?;
            let mut out = Vec::new();
            for r in rows {
                let (id, coding) = r?;
                if stale(coding) {
                    out.push(id);
                }
            }
            return Ok((out, Vec::new()));
        }
        let mut st = self.conn.prepare("SELECT coding FROM articles WHERE id = ?1")?;
        let (mut out, mut unknown) = (Vec::new(), Vec::new());
        for id in only {
            match st.query_row([id], |r| r.get::<_, Option<i64>>(0)).optional()? {
                Some(coding) if stale(coding) && !out.contains(id) => out.push(id.clone()),
                Some(_) => {}
                None => unknown.push(id.clone()),
            }
        }
        Ok((out, unknown))
    }

    /// Stored article `id`, as it was read.
    pub fn article(&self, id: &str) -> Result<Option<ArticleRow>> {
        let sql = format!("SELECT {} FROM articles WHERE id = ?1", ArticleRow::COLUMNS);
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], ArticleRow::from_row).optional()?)
    }

    /// The stored events of article `id`, in the order they were coded.
    pub fn article_events(&self, id: &str) -> Result<Vec<Event>> {
        stored_events(&self.conn, id)
    }

    /// Replaces the events of stored article `article` with `events` (coded
    /// by the current [`Store::set_coding`]) in its own transaction, and
    /// regroups what they touched; returns how many events were removed. On
    /// any error the old events stay, whole. Replacing many articles in a
    /// [`Batch`](crate::Batch) and calling [`Store::regroup_touched`] once
    /// is quicker.
    pub fn replace_events(&mut self, article: &str, events: &[Event]) -> Result<usize> {
        let mut b = self.batch(1);
        let r = b.replace(article, events)?;
        b.finish()?;
        self.regroup_touched()?;
        Ok(r)
    }
}

/// The stored events of article `id`, in the order they were coded.
pub(crate) fn stored_events(conn: &Connection, id: &str) -> Result<Vec<Event>> {
    let mut st = conn.prepare_cached("SELECT record FROM events WHERE article = ?1 ORDER BY seq")?;
    let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
    rows.map(|j| record::read_event(&j?)).collect()
}

/// Deletes and rewrites the events of one article under a savepoint, so a
/// failure (or a crash before the batch commits) leaves the old ones. The
/// new events join happenings at once; `touched` collects what a regroup
/// must revisit to make that exact.
pub(crate) fn replace_one(
    conn: &Connection,
    coding: Option<i64>,
    touched: &mut happenings::Touched,
    article: &str,
    events: &[Event],
) -> Result<usize> {
    if let Some(e) = events.iter().find(|e| e.article != article) {
        return Err(Error::BadRecord(format!("event {} belongs to article {:?}, not {article:?}", e.id, e.article)));
    }
    let known = conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?.exists([article])?;
    if !known {
        return Err(Error::UnknownArticle(article.to_string()));
    }
    conn.execute_batch("SAVEPOINT replace_events")?;
    let r = (|| {
        // The happenings the old events belonged to are recounted after
        // the new events have found theirs, inside the same savepoint.
        let before: Vec<i64> = conn
            .prepare_cached("SELECT DISTINCT happening FROM events WHERE article = ?1 AND happening IS NOT NULL")?
            .query_map([article], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let original: Option<String> = conn
            .prepare_cached("SELECT near_duplicate_of FROM articles WHERE id = ?1")?
            .query_row([article], |r| r.get(0))?;
        touched.add_stored(conn, article)?;
        events.iter().for_each(|e| touched.add(e));
        let removed = conn.prepare_cached("DELETE FROM events WHERE article = ?1")?.execute([article])?;
        write_event_rows(conn, article, coding, events)?;
        happenings::assign_article(conn, article, original.as_deref(), events)?;
        happenings::refresh(conn, before)?;
        conn.prepare_cached("UPDATE articles SET coding = ?2 WHERE id = ?1")?.execute(params![article, coding])?;
        Ok(removed)
    })();
    match r {
        Ok(_) => conn.execute_batch("RELEASE replace_events")?,
        Err(_) => conn.execute_batch("ROLLBACK TO replace_events; RELEASE replace_events")?,
    }
    r
}
