//! Reading events back: filters, listing and counts.
//!
//! Filters become one SQL `WHERE` with bound parameters. Prefix filters use
//! `GLOB 'P*'`, which SQLite answers from the (binary-collated) code indexes,
//! unlike a case-folding `LIKE`. Name and place filters are substring
//! matches (`LIKE '%hamas%'`), which no index can answer: they narrow what
//! the other filters' indexes find, or scan the table when used alone.

use crate::record::bound;
use crate::record::read_event;
use crate::{Error, Event, Result, Store};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension};

/// Which events to read. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// CAMEO actor code prefix, matched against source or target ("NER", "PSEREB").
    pub actor: Option<String>,
    /// Words in the source's or target's name or text, any case ("hamas",
    /// "Egypt"); a substring match, so "Niger" also finds "Nigeria".
    pub actor_name: Option<String>,
    /// Words in the place's name or text, any case ("Doha").
    pub place: Option<String>,
    /// ISO 3166 alpha-3 country of the place ("QAT").
    pub place_country: Option<String>,
    /// CAMEO event code prefix ("04", "0841").
    pub cameo: Option<String>,
    /// PLOVER category, any case ("CONSULT").
    pub plover: Option<String>,
    /// Mode ("asserted", "negated", ...).
    pub mode: Option<String>,
    /// Event date range (inclusive; "2024", "2024-03" or "2024-03-14"): an
    /// event matches when the days its date can mean overlap the range.
    pub event_from: Option<String>,
    pub event_to: Option<String>,
    /// Publication date range of the article (inclusive, same forms).
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// ISO 3166 alpha-3 country of the source, the target or the place.
    pub country: Option<String>,
    /// FTS5 query over event sentences ("ceasefire", "release NEAR detainees").
    pub text: Option<String>,
    /// At most this many events (listing only).
    pub limit: Option<usize>,
}

/// The grouping of [`Store::counts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Day,
    /// ISO week, as `2024-W11`.
    Week,
    Month,
    /// Source and target code.
    ActorPair,
}

impl CountBy {
    /// Column names of [`Count::keys`].
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            CountBy::Day => &["day"],
            CountBy::Week => &["week"],
            CountBy::Month => &["month"],
            CountBy::ActorPair => &["source", "target"],
        }
    }
}

/// One group of [`Store::counts`]: its key columns and number of events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub keys: Vec<String>,
    pub count: u64,
}

/// `LIKE` pattern (with `ESCAPE '\'`) matching strings that contain `p`.
/// `LIKE` folds ASCII letters only: "égypte" does not find "Égypte".
fn contains_like(p: &str) -> String {
    let mut l = String::with_capacity(p.len() + 2);
    l.push('%');
    for c in p.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            l.push('\\');
        }
        l.push(c);
    }
    l.push('%');
    l
}

/// `GLOB` pattern matching strings that start with `p`, metacharacters escaped.
pub(crate) fn prefix_glob(p: &str) -> String {
    let mut g = String::with_capacity(p.len() + 1);
    for c in p.chars() {
        match c {
            '*' | '?' | '[' => {
                g.push('[');
                g.push(c);
                g.push(']');
            }
            c => g.push(c),
        }
    }
    g.push('*');
    g
}

pub(crate) fn day(v: &Option<String>, end: bool, what: &str) -> Result<Option<String>> {
    v.as_deref()
        .map(|d| {
            bound(d, end).ok_or_else(|| Error::BadFilter(format!("{what} {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD")))
        })
        .transpose()
}

/// The distinct values of `col` (`source_code` or `target_code`) starting
/// with `prefix`, found by one index seek each (a skip scan), or `None` when
/// there are too many to list. Each seek is a plain lower bound: with a
/// `GLOB` beside it SQLite keeps the prefix as the start of the range and
/// walks through every entry of the codes already found.
pub(crate) fn codes_with_prefix(conn: &Connection, col: &str, prefix: &str) -> Result<Option<Vec<String>>> {
    let mut first =
        conn.prepare_cached(&format!("SELECT {col} FROM events WHERE {col} >= ?1 ORDER BY {col} LIMIT 1"))?;
    let mut next = conn.prepare_cached(&format!("SELECT {col} FROM events WHERE {col} > ?1 ORDER BY {col} LIMIT 1"))?;
    let mut out: Vec<String> = Vec::new();
    let mut found = first.query_row([prefix], |r| r.get::<_, String>(0)).optional()?;
    while let Some(c) = found.filter(|c| c.starts_with(prefix)) {
        if out.len() == 500 {
            return Ok(None);
        }
        found = next.query_row([&c], |r| r.get::<_, String>(0)).optional()?;
        out.push(c);
    }
    Ok(Some(out))
}

/// `col IN (?, ...)` for `codes`, or `col GLOB ?` when they were too many.
fn code_match(col: &str, prefix: &str, codes: &Option<Vec<String>>, p: &mut Vec<Sql>) -> String {
    match codes {
        Some(c) => {
            p.extend(c.iter().map(|c| Sql::Text(c.clone())));
            format!("{col} IN ({})", vec!["?"; c.len()].join(", "))
        }
        None => {
            p.push(Sql::Text(prefix_glob(prefix)));
            format!("{col} GLOB ?")
        }
    }
}

impl Filter {
    /// The actor condition. With a date range it names the candidate events
    /// by index seeks: those of the actor's codes that start inside the range
    /// (on `(code, event_start)`), plus the coarse-dated ones that start
    /// before it and end inside or after it (on the partial `(code,
    /// event_end)` indexes of schema version 2). Their union is exactly the
    /// events whose span overlaps the range; the plain date terms still
    /// follow. A prefix filter is first expanded into the codes present, so
    /// that each seek is on one code and the date.
    fn actor_sql(
        &self,
        conn: &Connection,
        a: &str,
        from: &Option<String>,
        to: &Option<String>,
    ) -> Result<(String, Vec<Sql>)> {
        let src = codes_with_prefix(conn, "source_code", a)?;
        let tgt = codes_with_prefix(conn, "target_code", a)?;
        let mut p = Vec::new();
        if from.is_none() && to.is_none() {
            let s = code_match("e.source_code", a, &src, &mut p);
            let t = code_match("e.target_code", a, &tgt, &mut p);
            return Ok((format!("({s} OR {t})"), p));
        }
        let mut parts = Vec::new();
        for (col, codes) in [("source_code", &src), ("target_code", &tgt)] {
            if codes.as_ref().is_some_and(Vec::is_empty) {
                continue;
            }
            let m = code_match(col, a, codes, &mut p);
            let mut starts = String::new();
            if let Some(f) = from {
                starts.push_str(" AND event_start >= ?");
                p.push(Sql::Text(f.clone()));
            }
            if let Some(t) = to {
                starts.push_str(" AND event_start <= ?");
                p.push(Sql::Text(t.clone()));
            }
            parts.push(format!("SELECT seq FROM events WHERE {m}{starts}"));
            if let Some(f) = from {
                let m = code_match(col, a, codes, &mut p);
                parts.push(format!(
                    "SELECT seq FROM events WHERE {m} AND event_end > event_start AND event_end >= ? AND event_start < ?"
                ));
                p.extend([Sql::Text(f.clone()), Sql::Text(f.clone())]);
            }
        }
        if parts.is_empty() {
            return Ok(("0".into(), p));
        }
        Ok((format!("e.seq IN ({})", parts.join(" UNION ALL ")), p))
    }

    /// `FROM ... WHERE ...` and its parameters.
    pub(crate) fn sql(&self, conn: &Connection) -> Result<(String, Vec<Sql>)> {
        self.sql_for(conn, true)
    }

    /// `FROM ... WHERE ...` and its parameters; with `seek` false the actor
    /// and date terms are plain conditions on each row, for a walk in `seq`
    /// order (see [`Store::for_each_event`]).
    fn sql_for(&self, conn: &Connection, seek: bool) -> Result<(String, Vec<Sql>)> {
        let mut from = String::from("FROM events e");
        let mut w: Vec<String> = Vec::new();
        let mut p: Vec<Sql> = Vec::new();
        let event_from = day(&self.event_from, false, "from date")?;
        let event_to = day(&self.event_to, true, "to date")?;
        if let Some(a) = &self.actor {
            let (c, ap) = if seek {
                self.actor_sql(conn, a, &event_from, &event_to)?
            } else {
                self.actor_sql(conn, a, &None, &None)?
            };
            w.push(c);
            p.extend(ap);
        }
        if let Some(n) = &self.actor_name {
            w.push(
                "(e.source_name LIKE ? ESCAPE '\\' OR e.source_text LIKE ? ESCAPE '\\'
                  OR e.target_name LIKE ? ESCAPE '\\' OR e.target_text LIKE ? ESCAPE '\\')"
                    .into(),
            );
            let l = contains_like(n);
            p.extend((0..4).map(|_| Sql::Text(l.clone())));
        }
        if let Some(n) = &self.place {
            w.push("(e.place_name LIKE ? ESCAPE '\\' OR e.place_text LIKE ? ESCAPE '\\')".into());
            let l = contains_like(n);
            p.extend((0..2).map(|_| Sql::Text(l.clone())));
        }
        if let Some(c) = &self.place_country {
            w.push("e.place_country = ?".into());
            p.push(Sql::Text(c.to_uppercase()));
        }
        if let Some(c) = &self.cameo {
            w.push("e.cameo GLOB ?".into());
            p.push(Sql::Text(prefix_glob(c)));
        }
        if let Some(x) = &self.plover {
            w.push("e.plover = ?".into());
            p.push(Sql::Text(x.to_uppercase()));
        }
        if let Some(m) = &self.mode {
            w.push("e.mode = ?".into());
            p.push(Sql::Text(m.to_lowercase()));
        }
        if let Some(d) = event_from {
            w.push("e.event_end >= ?".into());
            p.push(Sql::Text(d));
        }
        if let Some(d) = event_to {
            w.push("e.event_start <= ?".into());
            p.push(Sql::Text(d));
        }
        let pf = day(&self.published_from, false, "from date")?;
        let pt = day(&self.published_to, true, "to date")?;
        if pf.is_some() || pt.is_some() {
            from.push_str(" JOIN articles a ON a.id = e.article");
        }
        if let Some(d) = pf {
            w.push("a.published >= ?".into());
            p.push(Sql::Text(d));
        }
        if let Some(d) = pt {
            w.push("a.published <= ?".into());
            p.push(Sql::Text(d));
        }
        if let Some(c) = &self.country {
            w.push("(e.source_country = ? OR e.target_country = ? OR e.place_country = ?)".into());
            let c = c.to_uppercase();
            p.extend([Sql::Text(c.clone()), Sql::Text(c.clone()), Sql::Text(c)]);
        }
        if let Some(t) = &self.text {
            w.push("e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)".into());
            p.push(Sql::Text(t.clone()));
        }
        let mut sql = from;
        for (i, c) in w.iter().enumerate() {
            sql.push_str(if i == 0 { " WHERE " } else { " AND " });
            sql.push_str(c);
        }
        Ok((sql, p))
    }
}

impl Filter {
    /// Whether no field narrows the events (`limit` aside).
    pub fn is_empty(&self) -> bool {
        *self == Filter { limit: self.limit, ..Filter::default() }
    }

    /// `SELECT e.seq ...` of the matching events (`limit` ignored) and its
    /// parameters, or `None` when nothing filters: exports read events joined
    /// their own way and keep those whose `seq` is in it, so they filter
    /// exactly as `annals query` does.
    pub(crate) fn seq_select(&self, conn: &Connection) -> Result<Option<(String, Vec<Sql>)>> {
        if self.is_empty() {
            return Ok(None);
        }
        let (clause, p) = self.sql(conn)?;
        Ok(Some((format!("SELECT e.seq {clause}"), p)))
    }
}

impl Store {
    /// The events matching `f`, in insertion order.
    pub fn query(&self, f: &Filter) -> Result<Vec<Event>> {
        let mut out = Vec::new();
        self.for_each_event(f, |e| {
            out.push(e);
            Ok::<(), Error>(())
        })?;
        Ok(out)
    }

    /// Streams the events matching `f` to `each`, in insertion order, without
    /// holding them all in memory (exports of whole corpora).
    pub fn for_each_event<E>(
        &self,
        f: &Filter,
        mut each: impl FnMut(Event) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E>
    where
        E: From<Error>,
    {
        if let Some(page) = self.first_page(f)? {
            let n = page.len() as u64;
            for e in page {
                each(e)?;
            }
            return Ok(n);
        }
        let (clause, p) = f.sql(&self.conn)?;
        let mut sql = format!("SELECT e.record {clause} ORDER BY e.seq");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut st = self.conn.prepare(&sql).map_err(Error::from)?;
        let mut rows = st.query(rusqlite::params_from_iter(p)).map_err(Error::from)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(Error::from)? {
            let json: String = r.get(0).map_err(Error::from)?;
            each(read_event(&json)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// The first `f.limit` events of an actor filter that matches many, read by
    /// walking `events` in `seq` order, or `None` to use the index seeks.
    ///
    /// The seeks of `Filter::sql` gather every candidate before the first is
    /// listed: most of a million for the busiest actor over years. When the
    /// rollup says that matches are dense (a short walk is expected to meet
    /// `limit` of them), the first `seq`s are read in order instead. The walk
    /// is bounded (a few times the expected length); should matches be
    /// bunched later in the table, it finds fewer than `limit` and the seeks
    /// answer after all.
    fn first_page(&self, f: &Filter) -> Result<Option<Vec<Event>>> {
        const LONGEST_EXPECTED: f64 = 5_000.0;
        let Some(limit) = f.limit.filter(|&l| l > 0) else { return Ok(None) };
        let Some(matching) = crate::rollup::total(&self.conn, f)? else { return Ok(None) };
        // Two subqueries: each is one seek, where `min(seq), max(seq)` together scan.
        let ends = "SELECT (SELECT min(seq) FROM events), (SELECT max(seq) FROM events)";
        let (lo, hi): (Option<i64>, Option<i64>) = self.conn.query_row(ends, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (Some(lo), Some(hi)) = (lo, hi) else { return Ok(None) };
        let expected = limit as f64 * (hi - lo + 1) as f64 / matching.max(1) as f64;
        if matching < limit as u64 || expected > LONGEST_EXPECTED {
            return Ok(None);
        }
        let walk = (4.0 * expected).max(2_000.0) as i64;
        let (clause, mut p) = f.sql_for(&self.conn, false)?;
        let clause = clause.replacen("FROM events e", "FROM events e NOT INDEXED", 1);
        let joiner = if clause.contains(" WHERE ") { " AND" } else { " WHERE" };
        let sql = format!("SELECT e.record {clause}{joiner} e.seq BETWEEN ? AND ? ORDER BY e.seq LIMIT {limit}");
        p.extend([Sql::Integer(lo), Sql::Integer(lo + walk)]);
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(p), |r| r.get::<_, String>(0))?;
        let page = rows.map(|j| read_event(&j?)).collect::<Result<Vec<_>>>()?;
        Ok((page.len() == limit).then_some(page))
    }

    /// Numbers of events matching `f`, grouped by `by`. Date groups use the
    /// event date; an event dated more coarsely than the group (a year when
    /// counting by month) is counted under its own date ("2016") rather than
    /// put on an arbitrary day; undated events under "". Every event row
    /// counts, mentions in near-duplicate articles included, as in a listing.
    /// Answered from the `event_counts` rollup when it covers the filters
    /// (see `rollup.rs`), else by reading the matching events.
    pub fn counts(&self, by: CountBy, f: &Filter) -> Result<Vec<Count>> {
        match crate::rollup::counts(&self.conn, by, f)? {
            Some(c) => Ok(c),
            None => self.counts_by_scan(by, f),
        }
    }

    /// [`Store::counts`] read from the matching events, whatever the filters.
    pub(crate) fn counts_by_scan(&self, by: CountBy, f: &Filter) -> Result<Vec<Count>> {
        let (clause, p) = f.sql(&self.conn)?;
        let sql = match by {
            CountBy::ActorPair => format!(
                "SELECT coalesce(e.source_code, ''), coalesce(e.target_code, ''), count(*) AS n {clause}
                 GROUP BY 1, 2 ORDER BY n DESC, 1, 2{}",
                f.limit.map(|l| format!(" LIMIT {l}")).unwrap_or_default()
            ),
            _ => format!("SELECT coalesce({}, ''), count(*) {clause} GROUP BY 1 ORDER BY 1", period_key(by, "e.")),
        };
        let cols = by.columns().len();
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(p), |r| {
            let keys = (0..cols).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Count { keys, count: r.get(cols)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// The group of an event counted by day, week or month, as SQL over the
/// columns of `events` (or `event_counts`, which has the same date columns)
/// prefixed by `t` ("e." or ""). An event dated more coarsely than the
/// group keeps its own date. Not for [`CountBy::ActorPair`].
pub(crate) fn period_key(by: CountBy, t: &str) -> String {
    match by {
        CountBy::Day => format!("CASE WHEN {t}date_precision = 'day' THEN {t}event_start ELSE {t}event_date END"),
        CountBy::Week => format!(
            "CASE WHEN {t}date_precision IN ('day', 'week') THEN strftime('%G-W%V', {t}event_start) ELSE {t}event_date END"
        ),
        CountBy::Month | CountBy::ActorPair => format!(
            "CASE WHEN {t}date_precision IN ('day', 'week', 'month') THEN substr({t}event_start, 1, 7) ELSE {t}event_date END"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_escape() {
        assert_eq!(prefix_glob("NER"), "NER*");
        assert_eq!(prefix_glob("A*B?[x"), "A[*]B[?][[]x*");
    }

    #[test]
    fn likes_escape() {
        assert_eq!(contains_like(" Hamas "), "%Hamas%");
        assert_eq!(contains_like("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    /// The plan SQLite picks for the listing of `f`, one line per step.
    fn plan(store: &Store, f: &Filter) -> String {
        let (clause, p) = f.sql(&store.conn).unwrap();
        let mut st =
            store.conn.prepare(&format!("EXPLAIN QUERY PLAN SELECT e.record {clause} ORDER BY e.seq")).unwrap();
        let rows = st.query_map(rusqlite::params_from_iter(p), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn name_filters_leave_actor_and_date_queries_on_their_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("t.db")).unwrap();
        // Actor prefixes expand to the codes stored, so store one.
        let record = r#"{"id":"a:1:1","article":"a","sentence":1,"text":"Egypt met Egypt.",
            "trigger":{"text":"met","start":6,"end":9},
            "source":{"text":"Egypt","start":0,"end":5,"code":"EGY","name":"Egypt","country":"EGY","sector":null},
            "target":{"text":"Egypt","start":10,"end":15,"code":"EGY","name":"Egypt","country":"EGY","sector":null},
            "cameo":"040","cameo_name":"Consult","quad_class":1,"goldstein":1.0,"plover":"CONSULT","plover_mode":null,
            "mode":"asserted","attribution":null,"quantity":null,
            "date":{"value":"2024-02-01","precision":"day","basis":"explicit"},"historical":false,"place":null,"confidence":0.8}"#;
        let a = crate::ArticleRow { id: "a".into(), text: "Egypt met Egypt.".into(), ..Default::default() };
        store.insert_article(&a, &[read_event(&record.replace('\n', " ")).unwrap()]).unwrap();
        let f = Filter {
            actor: Some("EGY".into()),
            event_from: Some("2024-01".into()),
            event_to: Some("2024-03".into()),
            actor_name: Some("egypt".into()),
            place: Some("cairo".into()),
            ..Default::default()
        };
        let p = plan(&store, &f);
        assert!(p.contains("events_source_date") && p.contains("events_target_date"), "{p}");
        let f = Filter { place_country: Some("egy".into()), event_from: Some("2024".into()), ..Default::default() };
        let p = plan(&store, &f);
        assert!(p.contains("events_place_country"), "{p}");
    }
}

#[cfg(test)]
mod first_page_tests {
    use super::*;
    use crate::ArticleRow;
    use serde_json::json;

    fn event(article: &str, n: usize, src: &str, day: usize) -> Event {
        let r = json!({
            "id": format!("{article}:{n}"), "article": article, "sentence": n, "text": "S.",
            "trigger": {"text": "met", "start": 0, "end": 3},
            "source": {"text": src, "code": src}, "target": {"text": "MLI", "code": "MLI"},
            "cameo": "040", "plover": "CONSULT", "mode": "asserted",
            "date": {"value": format!("2024-{:02}-{:02}", day % 12 + 1, day % 28 + 1), "precision": "day", "basis": "explicit"},
            "historical": false
        });
        read_event(&r.to_string()).unwrap()
    }

    fn ids(store: &Store, f: &Filter) -> Vec<String> {
        store.query(f).unwrap().into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn first_pages_walked_in_order_equal_the_seeks_first_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("t.db")).unwrap();
        // A busy actor spread through the table, and a rarer one that only
        // appears late, after a walk's length of other events.
        for a in 0..60 {
            let id = format!("a{a}");
            let evs: Vec<Event> =
                (0..50).map(|n| event(&id, n, if n % 3 == 0 { "NER" } else { "CHN" }, a * 50 + n)).collect();
            let text = format!("Article {a}.");
            store.insert_article(&ArticleRow { id: id.clone(), text, ..Default::default() }, &evs).unwrap();
        }
        let evs: Vec<Event> = (0..40).map(|n| event("late", n, "TCD", n)).collect();
        store
            .insert_article(&ArticleRow { id: "late".into(), text: "Late.".into(), ..Default::default() }, &evs)
            .unwrap();

        let mut walked = 0;
        for actor in ["NER", "CHN", "TCD", "MLI"] {
            for (from, to) in [(None, None), (Some("2024-03"), Some("2024-05")), (Some("2024-06-10"), None)] {
                for limit in [1, 7, 50] {
                    let all = Filter {
                        actor: Some(actor.into()),
                        event_from: from.map(String::from),
                        event_to: to.map(String::from),
                        ..Default::default()
                    };
                    let page = Filter { limit: Some(limit), ..all.clone() };
                    let mut want = ids(&store, &all);
                    want.truncate(limit);
                    walked += usize::from(store.first_page(&page).unwrap().is_some());
                    assert_eq!(ids(&store, &page), want, "{page:?}");
                }
            }
        }
        assert!(walked >= 12, "only {walked} pages were walked");
        // TCD's events come after 2,000 others: the walk meets none and the
        // seeks answer.
        let late = Filter { actor: Some("TCD".into()), limit: Some(5), ..Default::default() };
        assert!(store.first_page(&late).unwrap().is_none());
        assert_eq!(ids(&store, &late), ["late:0", "late:1", "late:2", "late:3", "late:4"]);
    }
}
