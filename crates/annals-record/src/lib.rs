//! # annals-record
//!
//! The event record that crosses from the coder to the store and every
//! export: one typed [`Event`] per event mention, as the design fixes its
//! JSON form, with every span a byte range into the article's text.
//!
//! - [`Event`] and its parts ([`Span`], [`ActorRef`], [`Mode`],
//!   [`Attribution`], [`Quantity`], [`Place`]); serialised with serde, it is
//!   the JSON Lines record byte for byte ([`Event::to_json`]), and read back
//!   with [`Event::from_json`].
//! - [`EventDate`]: the value the text gives, its [`Precision`] and
//!   [`Basis`], and the first and last civil day it can mean
//!   ([`EventDate::period`], on `annals-calendar`, which is on jiff).
//! - [`ActorCode`]: a CAMEO actor code cut into country, roles, religions
//!   and known group.
//! - The export formats written from the record, one function each:
//!   [`csv`] (the one CSV layout) and [`plover`] (PLOVER JSON). GDELT and
//!   Parquet need what the store adds (happenings, articles) and are written
//!   by `annals-store` from this record.
//!
//! It knows nothing of text, dictionaries or databases.

pub mod actor;
pub mod csv;
pub mod date;
pub mod plover;

pub use actor::ActorCode;
pub use annals_calendar::{parse_day, Date, Period};
pub use date::{Basis, EventDate, Precision};

use serde::{Deserialize, Serialize, Serializer};

/// A stretch of the article's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A source or target actor. `code` is `None` for an actor found in the
/// text but in no dictionary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorRef {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub code: Option<String>,
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

impl ActorRef {
    /// The actor's CAMEO code cut into its parts; `None` without a code.
    pub fn parts(&self) -> Option<ActorCode<'_>> {
        self.code.as_deref().map(|c| ActorCode::parse(c, self.country.as_deref(), self.sector.as_deref()))
    }
}

/// Whether the event happened, as the text reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Asserted,
    Negated,
    Proposed,
    Requested,
    Intended,
    Hypothetical,
    Future,
}

impl Mode {
    /// Every mode, in the design's order.
    pub const ALL: [Mode; 7] = [
        Mode::Asserted,
        Mode::Negated,
        Mode::Proposed,
        Mode::Requested,
        Mode::Intended,
        Mode::Hypothetical,
        Mode::Future,
    ];

    /// The mode's name in the record (`asserted`, `negated`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Asserted => "asserted",
            Mode::Negated => "negated",
            Mode::Proposed => "proposed",
            Mode::Requested => "requested",
            Mode::Intended => "intended",
            Mode::Hypothetical => "hypothetical",
            Mode::Future => "future",
        }
    }

    /// The mode named `s` (as in the record, any case).
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who says so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attribution {
    pub text: String,
    pub code: Option<String>,
    pub anonymous: bool,
}

/// A count attached to an actor ("1,027 Palestinian detainees").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Quantity {
    #[serde(serialize_with = "whole_if_integral")]
    pub value: f64,
    pub unit: String,
}

fn whole_if_integral<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// Where the event happened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    pub text: String,
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
}

/// One coded event mention. `id`, `article`, `cameo` and `mode` are
/// required when a record is read; every other field may be missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub article: String,
    #[serde(default)]
    pub sentence: usize,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub trigger: Span,
    #[serde(default)]
    pub source: Option<ActorRef>,
    #[serde(default)]
    pub target: Option<ActorRef>,
    pub cameo: String,
    /// Empty when the code has no name (a record may also give `null`).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub cameo_name: String,
    #[serde(default)]
    pub quad_class: u8,
    #[serde(default)]
    pub goldstein: f32,
    #[serde(default)]
    pub plover: Option<String>,
    #[serde(default)]
    pub plover_mode: Option<String>,
    pub mode: Mode,
    #[serde(default)]
    pub attribution: Option<Attribution>,
    #[serde(default)]
    pub quantity: Option<Quantity>,
    #[serde(default)]
    pub date: Option<EventDate>,
    #[serde(default)]
    pub historical: bool,
    #[serde(default)]
    pub place: Option<Place>,
    #[serde(default)]
    pub confidence: f32,
    /// Why the event exists (with `--explain`): dictionary entries and parse
    /// relations that produced it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A record that could not be read.
#[derive(Debug)]
pub struct BadRecord(pub String);

impl std::fmt::Display for BadRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadRecord {}

impl Event {
    /// The JSON Lines record (one line, no newline): what `annals code`
    /// prints and the store keeps.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an event always serialises")
    }

    /// Reads a record in the design's JSON form.
    pub fn from_json(json: &str) -> Result<Event, BadRecord> {
        serde_json::from_str(json).map_err(|e| BadRecord(e.to_string()))
    }

    /// The first and last civil day the event date can mean; `None` when
    /// undated or the value is not a date.
    pub fn period(&self) -> Option<Period> {
        self.date.as_ref().and_then(EventDate::period)
    }

    pub fn source_code(&self) -> Option<&str> {
        self.source.as_ref().and_then(|a| a.code.as_deref())
    }

    pub fn target_code(&self) -> Option<&str> {
        self.target.as_ref().and_then(|a| a.code.as_deref())
    }
}

/// `x` as the `f64` its shortest decimal form means (0.8f32 is 0.8, not
/// 0.800000011920929): what a reader of the JSON record gets.
pub fn decimal(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = r#"{"id":"seed-0001:3:1","article":"seed-0001","sentence":3,"text":"Israel released 1,027 Palestinian detainees.","trigger":{"text":"released","start":7,"end":15},"source":{"text":"Israel","start":0,"end":6,"code":"ISR","name":"Israel","country":"ISR","sector":null},"target":{"text":"1,027 Palestinian detainees","start":16,"end":43,"code":"PSE","name":"Palestinians","country":"PSE","sector":"CVL"},"cameo":"0841","cameo_name":"Return, release person(s)","quad_class":2,"goldstein":7.0,"plover":"RETREAT","plover_mode":"release","mode":"asserted","attribution":{"text":"a Hamas source","code":"PSEREBHMS","anonymous":true},"quantity":{"value":1027,"unit":"detainees"},"date":{"value":"2011","precision":"year","basis":"explicit"},"historical":true,"place":{"text":"the West Bank","name":"West Bank","country":"PSE","lat":31.9,"lon":35.2,"geonames_id":0},"confidence":0.8}"#;

    #[test]
    fn records_read_and_write_byte_for_byte() {
        let e = Event::from_json(RECORD).unwrap();
        assert_eq!(e.source_code(), Some("ISR"));
        assert_eq!(e.quantity.as_ref().map(|q| q.value), Some(1027.0));
        assert_eq!(e.date.as_ref().map(|d| (d.precision, d.basis)), Some((Precision::Year, Basis::Explicit)));
        assert_eq!(e.to_json(), RECORD);
        let mut half = e.clone();
        half.quantity = Some(Quantity { value: 2.5, unit: "tonnes".into() });
        assert!(half.to_json().contains(r#""quantity":{"value":2.5,"unit":"tonnes"}"#));
    }

    #[test]
    fn a_record_needs_its_keys_and_a_known_mode() {
        let min = r#"{"id":"a:1","article":"a","cameo":"040","cameo_name":null,"mode":"negated"}"#;
        let e = Event::from_json(min).unwrap();
        assert_eq!((e.mode, e.source, e.date), (Mode::Negated, None, None));
        assert!(Event::from_json(r#"{"id":"x"}"#).is_err());
        assert!(Event::from_json(&min.replace("negated", "rumoured")).is_err());
        assert!(Event::from_json(&RECORD.replace(r#""year""#, r#""century""#)).is_err());
    }

    #[test]
    fn modes_by_name() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.as_str()), Some(m));
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{m}\""));
        }
        assert_eq!(Mode::parse(" Proposed"), Some(Mode::Proposed));
        assert_eq!(Mode::parse("maybe"), None);
    }

    #[test]
    fn decimals_read_as_written() {
        assert_eq!(decimal(0.8), 0.8);
        assert_eq!(decimal(-2.2), -2.2);
        assert_eq!(decimal(7.0), 7.0);
        assert_ne!(f64::from(0.8f32), 0.8);
    }
}
