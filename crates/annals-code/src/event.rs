//! The event record, as fixed by the design: one JSON object per event
//! mention, every span a byte range into the article's text.

use serde::{Deserialize, Serialize, Serializer};

/// A stretch of the article's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A source or target actor. `code` is `None` for an actor found in the
/// text but in no dictionary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ActorRef {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub code: Option<String>,
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// Whether the event happened, as the text reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Who says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub text: String,
    pub code: Option<String>,
    pub anonymous: bool,
}

/// A count attached to an actor ("1,027 Palestinian detainees").
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// When the event happened, and how we know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDate {
    pub value: String,
    /// `day`, `week`, `month`, `year` or `decade`.
    pub precision: String,
    /// `explicit`, `relative` or `publication`.
    pub basis: String,
}

/// Where the event happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub text: String,
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
}

/// One coded event mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub article: String,
    pub sentence: usize,
    pub text: String,
    pub trigger: Span,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub cameo: String,
    pub cameo_name: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    pub mode: Mode,
    pub attribution: Option<Attribution>,
    pub quantity: Option<Quantity>,
    pub date: Option<EventDate>,
    pub historical: bool,
    pub place: Option<Place>,
    pub confidence: f32,
    /// Why the event exists (with `--explain`): dictionary entries and parse
    /// relations that produced it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}
