//! The rows the store keeps: articles as read, events as the coder's JSON
//! record flattened into columns (the record itself is kept verbatim).

use crate::{Error, Result};
use serde::Serialize;
use serde_json::Value;

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

/// One coded event mention: the design's event record, flattened.
///
/// `record` is the JSON text exactly as the coder wrote it, so exports give
/// back what was stored, key order included.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EventRow {
    pub id: String,
    pub article: String,
    pub sentence: i64,
    pub sentence_text: String,
    pub trigger_text: String,
    pub trigger_start: i64,
    pub trigger_end: i64,
    pub source_text: Option<String>,
    pub source_code: Option<String>,
    pub source_name: Option<String>,
    pub source_country: Option<String>,
    pub source_sector: Option<String>,
    pub target_text: Option<String>,
    pub target_code: Option<String>,
    pub target_name: Option<String>,
    pub target_country: Option<String>,
    pub target_sector: Option<String>,
    pub cameo: String,
    pub cameo_name: Option<String>,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    pub mode: String,
    pub attribution_text: Option<String>,
    pub attribution_code: Option<String>,
    pub attribution_anonymous: Option<bool>,
    pub quantity_value: Option<f64>,
    pub quantity_unit: Option<String>,
    pub event_date: Option<String>,
    pub date_precision: Option<String>,
    pub date_basis: Option<String>,
    pub historical: bool,
    pub place_text: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<i64>,
    pub confidence: Option<f64>,
    #[serde(skip)]
    pub record: String,
}

fn s(v: &Value, path: &[&str]) -> Option<String> {
    get(v, path).and_then(Value::as_str).map(String::from)
}

fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k)).filter(|v| !v.is_null())
}

fn f(v: &Value, path: &[&str]) -> Option<f64> {
    get(v, path).and_then(Value::as_f64)
}

fn i(v: &Value, path: &[&str]) -> Option<i64> {
    get(v, path).and_then(Value::as_i64)
}

impl EventRow {
    /// Reads an event record (the design's JSON). `id`, `article`, `cameo`
    /// and `mode` are required; everything else may be missing or null.
    pub fn from_json(json: &str) -> Result<EventRow> {
        let v: Value = serde_json::from_str(json).map_err(|e| Error::BadRecord(e.to_string()))?;
        let need = |k: &str| s(&v, &[k]).ok_or_else(|| Error::BadRecord(format!("no string field {k:?}")));
        Ok(EventRow {
            id: need("id")?,
            article: need("article")?,
            sentence: i(&v, &["sentence"]).unwrap_or(0),
            sentence_text: s(&v, &["text"]).unwrap_or_default(),
            trigger_text: s(&v, &["trigger", "text"]).unwrap_or_default(),
            trigger_start: i(&v, &["trigger", "start"]).unwrap_or(0),
            trigger_end: i(&v, &["trigger", "end"]).unwrap_or(0),
            source_text: s(&v, &["source", "text"]),
            source_code: s(&v, &["source", "code"]),
            source_name: s(&v, &["source", "name"]),
            source_country: s(&v, &["source", "country"]),
            source_sector: s(&v, &["source", "sector"]),
            target_text: s(&v, &["target", "text"]),
            target_code: s(&v, &["target", "code"]),
            target_name: s(&v, &["target", "name"]),
            target_country: s(&v, &["target", "country"]),
            target_sector: s(&v, &["target", "sector"]),
            cameo: need("cameo")?,
            cameo_name: s(&v, &["cameo_name"]),
            quad_class: i(&v, &["quad_class"]),
            goldstein: f(&v, &["goldstein"]),
            plover: s(&v, &["plover"]),
            plover_mode: s(&v, &["plover_mode"]),
            mode: need("mode")?,
            attribution_text: s(&v, &["attribution", "text"]),
            attribution_code: s(&v, &["attribution", "code"]),
            attribution_anonymous: get(&v, &["attribution", "anonymous"]).and_then(Value::as_bool),
            quantity_value: f(&v, &["quantity", "value"]),
            quantity_unit: s(&v, &["quantity", "unit"]),
            event_date: s(&v, &["date", "value"]),
            date_precision: s(&v, &["date", "precision"]),
            date_basis: s(&v, &["date", "basis"]),
            historical: get(&v, &["historical"]).and_then(Value::as_bool).unwrap_or(false),
            place_text: s(&v, &["place", "text"]),
            place_name: s(&v, &["place", "name"]),
            place_country: s(&v, &["place", "country"]),
            lat: f(&v, &["place", "lat"]),
            lon: f(&v, &["place", "lon"]),
            geonames_id: i(&v, &["place", "geonames_id"]),
            confidence: f(&v, &["confidence"]),
            record: json.to_string(),
        })
    }

    /// The first and last day (`YYYY-MM-DD`) the event date can mean, for
    /// range filters: "2016" spans 2016-01-01..2016-12-31, "2010s" a decade,
    /// "2011/2012" both years. A week-precision day is taken as that day.
    pub fn date_span(&self) -> (Option<String>, Option<String>) {
        let Some(v) = self.event_date.as_deref() else { return (None, None) };
        let mut parts = v.split('/');
        let first = parts.next().unwrap_or_default();
        let last = parts.next_back().unwrap_or(first);
        (bound(first, false), bound(last, true))
    }
}

/// The first (`end == false`) or last day of a date like "2016", "2016-03",
/// "2016-03-12" or "2010s"; `None` if it is none of these.
pub(crate) fn bound(v: &str, end: bool) -> Option<String> {
    let v = v.trim();
    if let Some(dec) = v.strip_suffix('s') {
        let y: i32 = dec.parse().ok().filter(|_| dec.len() == 4)?;
        return Some(if end { format!("{:04}-12-31", y + 9) } else { format!("{y:04}-01-01") });
    }
    let mut it = v.split('-');
    let y = it.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
    let m = it.next().map(|m| m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))).unwrap_or(Some(0))?;
    let d = it.next().map(|d| d.get(..2).unwrap_or(d).parse::<u8>().ok().filter(|d| (1..=31).contains(d)));
    let d = d.unwrap_or(Some(0))?;
    let (m, d) = match (m, d, end) {
        (0, _, false) => (1, 1),
        (0, _, true) => (12, 31),
        (m, 0, false) => (m, 1),
        (m, 0, true) => (m, 31),
        (m, d, _) => (m, d),
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(bound("2016", false).as_deref(), Some("2016-01-01"));
        assert_eq!(bound("2016", true).as_deref(), Some("2016-12-31"));
        assert_eq!(bound("2016-03", true).as_deref(), Some("2016-03-31"));
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
    fn record_fields() {
        let j = r#"{"id":"a:1:1","article":"a","sentence":1,"text":"S.","trigger":{"text":"met","start":3,"end":6},
            "source":{"text":"Niger","start":0,"end":5,"code":"NER","name":"Niger","country":"NER","sector":null},
            "target":null,"cameo":"040","cameo_name":"Consult","quad_class":1,"goldstein":1.0,"plover":"CONSULT",
            "plover_mode":null,"mode":"asserted","attribution":null,"quantity":{"value":3,"unit":"x"},
            "date":{"value":"2016","precision":"year","basis":"explicit"},"historical":true,"place":null,"confidence":0.8}"#;
        let e = EventRow::from_json(j).unwrap();
        assert_eq!(e.source_code.as_deref(), Some("NER"));
        assert_eq!(e.target_code, None);
        assert_eq!(e.quantity_value, Some(3.0));
        assert!(e.historical);
        assert_eq!(e.date_span(), (Some("2016-01-01".into()), Some("2016-12-31".into())));
        assert!(EventRow::from_json(r#"{"id":"x"}"#).is_err());
    }
}
