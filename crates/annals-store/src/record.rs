//! The rows the store keeps: articles as read, and events as the typed
//! record flattened into columns ([`EVENT_COLUMNS`], [`columns`]: the one
//! place that maps the record's fields to the `events` table), the record's
//! JSON kept beside them.

use crate::{Error, Result};
use annals_record::{decimal, ActorRef, Event};
use rusqlite::types::Value as Sql;
use serde::Serialize;

/// One article as read from the input; `published` is an ISO date
/// (`YYYY-MM-DD`) or `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub text: String,
}

impl ArticleRow {
    /// The `articles` columns [`ArticleRow::from_row`] reads, in its order.
    pub(crate) const COLUMNS: &'static str = "id, url, title, outlet, published, text";

    /// An article from a row that starts with [`ArticleRow::COLUMNS`].
    pub(crate) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
        Ok(ArticleRow {
            id: r.get(0)?,
            url: r.get(1)?,
            title: r.get(2)?,
            outlet: r.get(3)?,
            published: r.get(4)?,
            text: r.get(5)?,
        })
    }

    /// The identity of the text for deduplication: xxh3-128 of the text
    /// lowercased with runs of whitespace collapsed, so a reprint that only
    /// differs in line breaks or capitalisation counts as the same article.
    pub fn text_hash(&self) -> String {
        let mut norm = String::with_capacity(self.text.len());
        for w in self.text.split_whitespace() {
            if !norm.is_empty() {
                norm.push(' ');
            }
            norm.extend(w.chars().flat_map(char::to_lowercase));
        }
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(norm.as_bytes()))
    }
}

/// The type of an `events` column, as exports read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Str,
    Int,
    Float,
    Bool,
    /// An ISO day (`YYYY-MM-DD`) kept as text.
    Date,
}

/// The columns of `events` that flatten the event record, in the order
/// [`columns`] gives their values: name, type, and whether it may be NULL.
/// The one list of the record's fields as columns: inserts and the Parquet
/// export are made from it.
pub(crate) const EVENT_COLUMNS: [(&str, Kind, bool); 42] = [
    ("id", Kind::Str, false),
    ("article", Kind::Str, false),
    ("sentence", Kind::Int, false),
    ("sentence_text", Kind::Str, false),
    ("trigger_text", Kind::Str, false),
    ("trigger_start", Kind::Int, false),
    ("trigger_end", Kind::Int, false),
    ("source_text", Kind::Str, true),
    ("source_code", Kind::Str, true),
    ("source_name", Kind::Str, true),
    ("source_country", Kind::Str, true),
    ("source_sector", Kind::Str, true),
    ("target_text", Kind::Str, true),
    ("target_code", Kind::Str, true),
    ("target_name", Kind::Str, true),
    ("target_country", Kind::Str, true),
    ("target_sector", Kind::Str, true),
    ("cameo", Kind::Str, false),
    ("cameo_name", Kind::Str, true),
    ("quad_class", Kind::Int, true),
    ("goldstein", Kind::Float, true),
    ("plover", Kind::Str, true),
    ("plover_mode", Kind::Str, true),
    ("mode", Kind::Str, false),
    ("attribution_text", Kind::Str, true),
    ("attribution_code", Kind::Str, true),
    ("attribution_anonymous", Kind::Bool, true),
    ("quantity_value", Kind::Float, true),
    ("quantity_unit", Kind::Str, true),
    ("event_date", Kind::Str, true),
    ("date_precision", Kind::Str, true),
    ("date_basis", Kind::Str, true),
    ("event_start", Kind::Date, true),
    ("event_end", Kind::Date, true),
    ("historical", Kind::Bool, false),
    ("place_text", Kind::Str, true),
    ("place_name", Kind::Str, true),
    ("place_country", Kind::Str, true),
    ("lat", Kind::Float, true),
    ("lon", Kind::Float, true),
    ("geonames_id", Kind::Int, true),
    ("confidence", Kind::Float, true),
];

/// The values of [`EVENT_COLUMNS`] for event `e` of article `article`.
/// `event_start` and `event_end` are the first and last day its date can
/// mean (NULL when it has none), for range filters.
pub(crate) fn columns(e: &Event, article: &str) -> [Sql; 42] {
    let text = |s: &str| Sql::Text(s.to_string());
    let opt = |s: Option<&String>| s.map_or(Sql::Null, |s| Sql::Text(s.clone()));
    let real = |v: f64| Sql::Real(v);
    let actor = |a: &Option<ActorRef>| match a {
        None => [Sql::Null, Sql::Null, Sql::Null, Sql::Null, Sql::Null],
        Some(a) => {
            [text(&a.text), opt(a.code.as_ref()), opt(a.name.as_ref()), opt(a.country.as_ref()), opt(a.sector.as_ref())]
        }
    };
    let [st, sc, sn, sy, ss] = actor(&e.source);
    let [tt, tc, tn, ty, ts] = actor(&e.target);
    let (at, ac, aa) = match &e.attribution {
        None => (Sql::Null, Sql::Null, Sql::Null),
        Some(a) => (text(&a.text), opt(a.code.as_ref()), Sql::Integer(a.anonymous.into())),
    };
    let (qv, qu) = match &e.quantity {
        None => (Sql::Null, Sql::Null),
        Some(q) => (real(q.value), text(&q.unit)),
    };
    let (dv, dp, db) = match &e.date {
        None => (Sql::Null, Sql::Null, Sql::Null),
        Some(d) => (text(&d.value), text(d.precision.as_str()), text(d.basis.as_str())),
    };
    let period = e.period();
    let day = |d: Option<annals_record::Date>| d.map_or(Sql::Null, |d| Sql::Text(d.to_string()));
    let (pt, pn, pc, lat, lon, gid) = match &e.place {
        None => (Sql::Null, Sql::Null, Sql::Null, Sql::Null, Sql::Null, Sql::Null),
        Some(p) => (
            text(&p.text),
            text(&p.name),
            opt(p.country.as_ref()),
            p.lat.map_or(Sql::Null, real),
            p.lon.map_or(Sql::Null, real),
            p.geonames_id.map_or(Sql::Null, |g| Sql::Integer(g as i64)),
        ),
    };
    [
        text(&e.id),
        text(article),
        Sql::Integer(e.sentence as i64),
        text(&e.text),
        text(&e.trigger.text),
        Sql::Integer(e.trigger.start as i64),
        Sql::Integer(e.trigger.end as i64),
        st,
        sc,
        sn,
        sy,
        ss,
        tt,
        tc,
        tn,
        ty,
        ts,
        text(&e.cameo),
        text(&e.cameo_name),
        Sql::Integer(e.quad_class.into()),
        real(decimal(e.goldstein)),
        opt(e.plover.as_ref()),
        opt(e.plover_mode.as_ref()),
        text(e.mode.as_str()),
        at,
        ac,
        aa,
        qv,
        qu,
        dv,
        dp,
        db,
        day(period.map(|p| p.first)),
        day(period.map(|p| p.last)),
        Sql::Integer(e.historical.into()),
        pt,
        pn,
        pc,
        lat,
        lon,
        gid,
        real(decimal(e.confidence)),
    ]
}

/// The `INSERT` of one event: [`EVENT_COLUMNS`], then `record` (the JSON
/// record) and `coding`.
pub(crate) fn insert_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let names: Vec<&str> = EVENT_COLUMNS.iter().map(|c| c.0).collect();
        let marks: Vec<String> = (1..=names.len() + 2).map(|i| format!("?{i}")).collect();
        format!("INSERT INTO events ({}, record, coding) VALUES ({})", names.join(", "), marks.join(", "))
    })
}

/// Sets `event_start`/`event_end` of the stored week- and month-precision
/// events to the first and last day their date means (schema version 6:
/// before it a month ended on its 31st and a week had no span).
pub(crate) fn respan_stored(conn: &rusqlite::Connection) -> Result<()> {
    let stored: Vec<(i64, String)> = conn
        .prepare(
            "SELECT seq, event_date FROM events WHERE date_precision IN ('week', 'month') AND event_date IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = conn.prepare(
        "UPDATE events SET event_start = ?2, event_end = ?3 WHERE seq = ?1
         AND (event_start IS NOT ?2 OR event_end IS NOT ?3)",
    )?;
    for (seq, value) in stored {
        let p = annals_record::Period::parse(&value);
        set.execute(rusqlite::params![seq, p.map(|p| p.first.to_string()), p.map(|p| p.last.to_string())])?;
    }
    Ok(())
}

/// Reads an event record kept in the store.
pub(crate) fn read_event(json: &str) -> Result<Event> {
    Event::from_json(json).map_err(|e| Error::BadRecord(e.0))
}

/// The first (`end == false`) or last day of a date like "2016", "2016-03",
/// "2016-03-12", "2024-W11" or "2010s"; `None` if it is none of these.
pub(crate) fn bound(v: &str, end: bool) -> Option<String> {
    let p = annals_record::Period::parse(v)?;
    Some(if end { p.last } else { p.first }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(bound("2016", false).as_deref(), Some("2016-01-01"));
        assert_eq!(bound("2016", true).as_deref(), Some("2016-12-31"));
        assert_eq!(bound("2016-03", true).as_deref(), Some("2016-03-31"));
        assert_eq!(bound("2016-02", true).as_deref(), Some("2016-02-29"));
        assert_eq!(bound("2024-W11", false).as_deref(), Some("2024-03-11"));
        assert_eq!(bound("2016-03-12", false).as_deref(), Some("2016-03-12"));
        assert_eq!(bound("2010s", true).as_deref(), Some("2019-12-31"));
        assert_eq!(bound("yesterday", true), None);
        assert_eq!(bound("2016-13", true), None);
    }

    #[test]
    fn text_hash_ignores_case_and_spacing() {
        let a = ArticleRow { text: "Troops  withdrew\nfrom Ayorou.".into(), ..Default::default() };
        let b = ArticleRow { text: "troops withdrew from AYOROU.".into(), ..Default::default() };
        let c = ArticleRow { text: "Troops withdrew from Niamey.".into(), ..Default::default() };
        assert_eq!(a.text_hash(), b.text_hash());
        assert_ne!(a.text_hash(), c.text_hash());
    }

    #[test]
    fn record_columns() {
        let j = r#"{"id":"a:1:1","article":"a","sentence":1,"text":"S.","trigger":{"text":"met","start":3,"end":6},
            "source":{"text":"Niger","start":0,"end":5,"code":"NER","name":"Niger","country":"NER","sector":null},
            "target":null,"cameo":"040","cameo_name":"Consult","quad_class":1,"goldstein":1.0,"plover":"CONSULT",
            "plover_mode":null,"mode":"asserted","attribution":null,"quantity":{"value":3,"unit":"x"},
            "date":{"value":"2024-02","precision":"month","basis":"explicit"},"historical":true,"place":null,"confidence":0.8}"#;
        let e = read_event(j).unwrap();
        let v = columns(&e, "a");
        let col = |name: &str| v[EVENT_COLUMNS.iter().position(|c| c.0 == name).unwrap()].clone();
        assert_eq!(col("source_code"), Sql::Text("NER".into()));
        assert_eq!(col("source_sector"), Sql::Null);
        assert_eq!(col("target_code"), Sql::Null);
        assert_eq!(col("quantity_value"), Sql::Real(3.0));
        assert_eq!(col("confidence"), Sql::Real(0.8));
        assert_eq!(col("historical"), Sql::Integer(1));
        // A month ends on its real last day.
        assert_eq!(
            (col("event_start"), col("event_end")),
            (Sql::Text("2024-02-01".into()), Sql::Text("2024-02-29".into()))
        );
        for (c, v) in EVENT_COLUMNS.iter().zip(&v) {
            assert!(c.2 || *v != Sql::Null, "{} is NULL", c.0);
        }
        assert!(read_event(r#"{"id":"x"}"#).is_err());
    }
}
