//! Reading the store for a browser (`annals serve`): a read-only opening,
//! pages of events that go on from a cursor, one event by id with its
//! happening's counts, and event places counted for a map.
//!
//! Everything filters with the one [`Filter`] of `annals query`, so a page
//! lists what the command lists.

use crate::record::read_event;
use crate::select::{day, period_key};
use crate::{Error, Event, Filter, Result, Store};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::Path;

/// The counts of the happening an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HappeningCounts {
    pub id: i64,
    pub mentions: u64,
    pub articles: u64,
    pub outlets: u64,
}

/// One listed event: its place in the store (`seq`, what a cursor names)
/// and its happening, if it has one (asserted and dated events).
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub seq: i64,
    pub event: Event,
    pub happening: Option<HappeningCounts>,
}

/// A page of events and where the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub events: Vec<Listed>,
    /// The `seq` to pass as `after` for the next page; `None` on the last.
    pub next: Option<i64>,
}

/// Events at one place, for a map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub events: u64,
}

impl Store {
    /// Opens an existing database for reading only: nothing is created,
    /// migrated or written (`SQLITE_OPEN_READ_ONLY` and `query_only`). A
    /// database of an older schema has to be opened once by a writer
    /// (`annals query` migrates it) first.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(Error::Missing(path.display().to_string()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", true)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = crate::schema::MIGRATIONS.len() as i64;
        if found > known {
            return Err(Error::NewerSchema { found, known });
        }
        let pending: i64 = if found == known {
            conn.query_row("SELECT count(*) FROM pending_backfills", [], |r| r.get(0))?
        } else {
            0
        };
        if found < known || pending > 0 {
            return Err(Error::OlderSchema { path: path.display().to_string(), found, known });
        }
        Ok(Store { conn, run: None, coding: None, touched: Default::default() })
    }

    /// The events matching `f` after `seq` `after` (all from the first
    /// when `None`), at most `f.limit` (50 when unset), in storage order as
    /// `annals query` lists them.
    pub fn page(&self, f: &Filter, after: Option<i64>) -> Result<Page> {
        let limit = f.limit.unwrap_or(50);
        // One more than asked says whether a next page exists.
        let probe = Filter { limit: Some(limit + 1), ..f.clone() };
        let mut events = Vec::with_capacity(limit + 1);
        match after {
            None => {
                self.for_each_event(&probe, |e| {
                    events.push(e);
                    Ok::<(), Error>(())
                })?;
            }
            Some(after) => {
                let (clause, mut p) = probe.sql(&self.conn)?;
                let joiner = if clause.contains(" WHERE ") { " AND" } else { " WHERE" };
                let sql = format!("SELECT e.record {clause}{joiner} e.seq > ? ORDER BY e.seq LIMIT {}", limit + 1);
                p.push(Sql::Integer(after));
                let mut st = self.conn.prepare(&sql)?;
                let rows = st.query_map(rusqlite::params_from_iter(p), |r| r.get::<_, String>(0))?;
                for json in rows {
                    events.push(read_event(&json?)?);
                }
            }
        }
        let more = events.len() > limit;
        events.truncate(limit);
        let mut listed = Vec::with_capacity(events.len());
        for e in events {
            let (seq, happening) = self.seq_and_happening(&e.id)?.ok_or_else(|| Error::BadRecord(e.id.clone()))?;
            listed.push(Listed { seq, event: e, happening });
        }
        let next = if more { listed.last().map(|l| l.seq) } else { None };
        Ok(Page { events: listed, next })
    }

    /// The stored event `id`, or `None`.
    pub fn event(&self, id: &str) -> Result<Option<Listed>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT record FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(json) = json else { return Ok(None) };
        let event = read_event(&json)?;
        let (seq, happening) = self.seq_and_happening(id)?.ok_or_else(|| Error::BadRecord(id.into()))?;
        Ok(Some(Listed { seq, event, happening }))
    }

    fn seq_and_happening(&self, id: &str) -> Result<Option<(i64, Option<HappeningCounts>)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.seq, h.id, h.mentions, h.articles, h.outlets FROM events e
             LEFT JOIN happenings h ON h.id = e.happening WHERE e.id = ?1",
        )?;
        Ok(st
            .query_row([id], |r| {
                let h = match r.get::<_, Option<i64>>(1)? {
                    Some(id) => {
                        Some(HappeningCounts { id, mentions: r.get(2)?, articles: r.get(3)?, outlets: r.get(4)? })
                    }
                    None => None,
                };
                Ok((r.get(0)?, h))
            })
            .optional()?)
    }

    /// The number of events matching `f` when the counts rollup answers it
    /// cheaply, else `None` (a count would read every match).
    pub fn quick_total(&self, f: &Filter) -> Result<Option<u64>> {
        // Bad dates are reported as for a listing.
        day(&f.event_from, false, "from date")?;
        day(&f.event_to, true, "to date")?;
        crate::rollup::total(&self.conn, f)
    }

    /// The numbers of events matching `f` per period (as [`Store::counts`]
    /// groups them by `by`: day, week or month) and quad class (1 to 4; 0
    /// when the record has none), in one pass over the matching events.
    pub fn counts_by_quad(&self, by: crate::CountBy, f: &Filter) -> Result<Vec<(String, u8, u64)>> {
        if by == crate::CountBy::ActorPair {
            return Err(Error::BadFilter("counts by quad class are per period, not per actor pair".into()));
        }
        let (clause, p) = Filter { limit: None, ..f.clone() }.sql(&self.conn)?;
        let sql = format!(
            "SELECT coalesce({}, ''), coalesce(e.quad_class, 0), count(*) {clause} GROUP BY 1, 2 ORDER BY 1, 2",
            period_key(by, "e.")
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(p), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The places of the events matching `f` that have coordinates, with
    /// their numbers of events, most first; at most `limit`.
    pub fn places(&self, f: &Filter, limit: usize) -> Result<Vec<PlaceCount>> {
        let (clause, p) = Filter { limit: None, ..f.clone() }.sql(&self.conn)?;
        let joiner = if clause.contains(" WHERE ") { " AND" } else { " WHERE" };
        let sql = format!(
            "SELECT coalesce(e.place_name, e.place_text, ''), e.place_country, round(e.lat, 2), round(e.lon, 2), count(*) AS n
             {clause}{joiner} e.lat IS NOT NULL AND e.lon IS NOT NULL
             GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1 LIMIT {limit}"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(p), |r| {
            Ok(PlaceCount { name: r.get(0)?, country: r.get(1)?, lat: r.get(2)?, lon: r.get(3)?, events: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ArticleRow;
    use serde_json::json;

    fn event(article: &str, n: usize, src: &str, mode: &str, place: Option<(&str, f64, f64)>) -> Event {
        let r = json!({
            "id": format!("{article}:1:{n}"), "article": article, "sentence": 1, "text": "S.",
            "trigger": {"text": "met", "start": 0, "end": 3},
            "source": {"text": src, "code": src}, "target": {"text": "MLI", "code": "MLI"},
            "cameo": "040", "plover": "CONSULT", "mode": mode,
            "quad_class": if mode == "asserted" { 1 } else { 0 },
            "date": {"value": "2024-03-12", "precision": "day", "basis": "explicit"},
            "historical": false,
            "place": place.map(|(n, lat, lon)| json!({"text": n, "name": n, "country": "QAT", "lat": lat, "lon": lon})),
        });
        read_event(&r.to_string()).unwrap()
    }

    fn store() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path).unwrap();
        for a in 0..3 {
            let id = format!("a{a}");
            let evs: Vec<Event> = (0..5)
                .map(|n| {
                    let place = (n % 2 == 0).then_some(("Doha", 25.29, 51.53));
                    event(
                        &id,
                        n,
                        if n < 3 { "NER" } else { "QAT" },
                        if n == 4 { "proposed" } else { "asserted" },
                        place,
                    )
                })
                .collect();
            let row = ArticleRow { id: id.clone(), text: format!("Article {a} text."), ..Default::default() };
            s.insert_article(&row, &evs).unwrap();
        }
        (dir, path)
    }

    #[test]
    fn pages_go_on_from_their_cursor_and_end() {
        let (_dir, path) = store();
        let s = Store::open_read_only(&path).unwrap();
        let all: Vec<String> = s.query(&Filter::default()).unwrap().into_iter().map(|e| e.id).collect();
        assert_eq!(all.len(), 15);
        for f in [Filter::default(), Filter { actor: Some("NER".into()), ..Default::default() }] {
            let want: Vec<String> = s.query(&f).unwrap().into_iter().map(|e| e.id).collect();
            let mut got = Vec::new();
            let mut after = None;
            let mut pages = 0;
            loop {
                let page = s.page(&Filter { limit: Some(4), ..f.clone() }, after).unwrap();
                assert!(page.events.len() <= 4);
                got.extend(page.events.iter().map(|l| l.event.id.clone()));
                pages += 1;
                match page.next {
                    Some(n) => after = Some(n),
                    None => break,
                }
            }
            assert_eq!(got, want, "{f:?}");
            assert_eq!(pages, want.len().div_ceil(4));
        }
        let first = s.page(&Filter { limit: Some(2), ..Default::default() }, None).unwrap();
        assert!(first.events[0].seq < first.events[1].seq);
        assert!(first.events[0].happening.is_some_and(|h| h.mentions >= 1));
        let proposed = s.event("a0:1:4").unwrap().unwrap();
        assert_eq!(proposed.happening, None, "proposed events are in no happening");
        assert!(s.event("nope").unwrap().is_none());
    }

    #[test]
    fn a_read_only_store_refuses_writes_and_missing_files() {
        let (dir, path) = store();
        let s = Store::open_read_only(&path).unwrap();
        assert!(s.connection().execute("DELETE FROM events", []).is_err());
        assert_eq!(s.totals().unwrap().1, 15);
        assert!(matches!(Store::open_read_only(dir.path().join("none.db")), Err(Error::Missing(_))));
        assert!(!dir.path().join("none.db").exists());
    }

    #[test]
    fn a_store_of_another_schema_is_refused_with_what_to_do() {
        let (_dir, path) = store();
        let known = crate::schema::MIGRATIONS.len() as i64;
        let set = |v: i64| Connection::open(&path).unwrap().pragma_update(None, "user_version", v).unwrap();
        set(known - 1);
        match Store::open_read_only(&path) {
            Err(e @ Error::OlderSchema { .. }) => assert!(e.to_string().contains("annals query --db"), "{e}"),
            other => panic!("expected OlderSchema, got {:?}", other.map(|_| ())),
        }
        set(known + 1);
        assert!(matches!(Store::open_read_only(&path), Err(Error::NewerSchema { .. })));
        set(known);
        assert!(Store::open_read_only(&path).is_ok());
    }

    #[test]
    fn places_are_counted() {
        let (_dir, path) = store();
        let s = Store::open_read_only(&path).unwrap();
        let p = s.places(&Filter::default(), 10).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].name.as_str(), p[0].events), ("Doha", 9));
        let p = s.places(&Filter { actor: Some("QAT".into()), ..Default::default() }, 10).unwrap();
        assert_eq!(p[0].events, 3);
        assert_eq!(s.quick_total(&Filter { actor: Some("NER".into()), ..Default::default() }).unwrap(), Some(9));
    }

    #[test]
    fn counts_by_quad_class_add_up_to_the_counts() {
        let (_dir, path) = store();
        let s = Store::open_read_only(&path).unwrap();
        for f in [Filter::default(), Filter { actor: Some("QAT".into()), ..Default::default() }] {
            let q = s.counts_by_quad(crate::CountBy::Day, &f).unwrap();
            // Per period, the quad classes add up to the period's count.
            for c in s.counts(crate::CountBy::Day, &f).unwrap() {
                let sum: u64 = q.iter().filter(|(k, _, _)| *k == c.keys[0]).map(|(_, _, n)| n).sum();
                assert_eq!(sum, c.count, "{f:?} {}", c.keys[0]);
            }
            // Per quad class, as many as the matching events of that class.
            let events = s.query(&f).unwrap();
            for (_, quad, n) in &q {
                assert_eq!(events.iter().filter(|e| e.quad_class == *quad).count() as u64, *n, "{f:?} quad {quad}");
            }
            assert!(q.iter().any(|(_, quad, _)| *quad == 0) && q.iter().any(|(_, quad, _)| *quad == 1));
        }
        assert!(s.counts_by_quad(crate::CountBy::ActorPair, &Filter::default()).is_err());
    }
}
