//! An event as a PLOVER record (the OEDA event-data exchange format: one
//! JSON object per line with named fields, see the PLOVER manual's "Data
//! Fields" chapter).
//!
//! PLOVER fixes the names of fields, not everything in them; where our record
//! has something PLOVER has no name for, it keeps our name as an extra field
//! (the manual allows providers to add fields). The mapping:
//!
//! | PLOVER | from the annals record |
//! |---|---|
//! | `id` | `id` |
//! | `date`, `enddate` | the first and last day the event date can mean ([`EventDate::period`](crate::EventDate::period)); `enddate` only when they differ (a week, month or year); `null` when undated |
//! | `actor`, `recipient` | `source`, `target` as lists of zero or one entity object: `code` = the actor's country (ISO alpha-3), else the first three letters of its CAMEO code; `sector` = its sector; `entity_text` = the words in the text; `identifier_text` = the dictionary name; extra `cameo_code` = the full CAMEO actor code |
//! | `event` | `[plover]`; `[]` when the CAMEO code has no PLOVER category |
//! | `has_event` | whether `event` is non-empty |
//! | `mode` | `[plover_mode]` (PLOVER's category-specific mode, e.g. `release`), else `null` |
//! | `context` | `null`: annals does not code contexts |
//! | `event_text` | `[trigger.text]` |
//! | `event_loc` | `place` as `extracted_place`, `resolved_place`, `country_code`, `lat`, `lon`, `geonameid`; `null` without a place |
//! | `quad_code` | `quad_class` |
//! | `event_scale` | `goldstein` (CAMEO's Goldstein scale, not a PLOVER score) |
//! | `text` | the sentence the event was coded from |
//! | `text_info` | `{"sequence": sentence}` (the sentence's number in the article) |
//! | `cite_info` | the article: `citation` = its id, `url`, `title`, `publication` = outlet |
//! | `coder` | `"annals"` |
//!
//! Extra fields: `article`, `cameo`, `factuality` (our `mode`: asserted,
//! negated, proposed, ... — PLOVER's `mode` means something else),
//! `date_precision`, `historical`, `attribution`, `quantity`, `confidence`.

use crate::{decimal, ActorRef, Event};
use serde_json::{json, Value};

/// What PLOVER's `cite_info` says about the article an event came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
}

fn entity(a: &Option<ActorRef>) -> Vec<Value> {
    let Some(a) = a else { return Vec::new() };
    let top = a.country.clone().or_else(|| a.code.as_deref().and_then(|c| c.get(..3)).map(String::from));
    vec![json!({
        "code": top,
        "sector": a.sector,
        "entity_text": a.text,
        "identifier_text": a.name,
        "cameo_code": a.code,
    })]
}

/// The PLOVER record of one event.
pub fn record(e: &Event, cite: &Citation) -> Value {
    let period = e.period();
    let start = period.map(|p| p.first.to_string());
    let enddate = period.filter(|p| p.last != p.first).map(|p| p.last.to_string());
    let event: Vec<&str> = e.plover.as_deref().into_iter().collect();
    let place = e.place.as_ref().map(|p| {
        json!({
            "extracted_place": p.text,
            "resolved_place": p.name,
            "country_code": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "geonameid": p.geonames_id,
        })
    });
    let attribution = e.attribution.as_ref().map(|a| json!({"text": a.text, "code": a.code, "anonymous": a.anonymous}));
    let quantity = e.quantity.as_ref().map(|q| json!({"value": q.value, "unit": q.unit}));
    json!({
        "id": e.id,
        "date": start,
        "enddate": enddate,
        "actor": entity(&e.source),
        "recipient": entity(&e.target),
        "event": event,
        "has_event": !event.is_empty(),
        "mode": e.plover_mode.as_ref().map(|m| vec![m]),
        "context": Value::Null,
        "event_text": [e.trigger.text],
        "event_loc": place,
        "quad_code": e.quad_class,
        "event_scale": decimal(e.goldstein),
        "text": e.text,
        "text_info": {"sequence": e.sentence},
        "cite_info": {"citation": e.article, "url": cite.url, "title": cite.title, "publication": cite.outlet},
        "coder": "annals",
        "article": e.article,
        "cameo": e.cameo,
        "factuality": e.mode,
        "date_precision": e.date.as_ref().map(|d| d.precision),
        "historical": e.historical,
        "attribution": attribution,
        "quantity": quantity,
        "confidence": decimal(e.confidence),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(date: &str, precision: &str) -> Event {
        Event::from_json(&format!(
            r#"{{"id":"a:1:1","article":"a","cameo":"040","mode":"asserted","goldstein":1.0,"confidence":0.8,
                "date":{{"value":"{date}","precision":"{precision}","basis":"relative"}}}}"#
        ))
        .unwrap()
    }

    fn dates(e: &Event) -> (Value, Value) {
        let r = record(e, &Citation::default());
        (r["date"].clone(), r["enddate"].clone())
    }

    #[test]
    fn a_month_ends_on_its_last_real_day() {
        assert_eq!(dates(&event("2024-02", "month")), (json!("2024-02-01"), json!("2024-02-29")));
        assert_eq!(dates(&event("2023-04", "month")), (json!("2023-04-01"), json!("2023-04-30")));
    }

    #[test]
    fn a_week_has_its_monday_and_sunday() {
        assert_eq!(dates(&event("2024-W11", "week")), (json!("2024-03-11"), json!("2024-03-17")));
    }

    #[test]
    fn days_have_no_end_and_scores_read_as_written() {
        let e = event("2024-03-14", "day");
        assert_eq!(dates(&e), (json!("2024-03-14"), Value::Null));
        let r = record(&e, &Citation::default());
        assert_eq!((r["confidence"].to_string(), r["event_scale"].to_string()), ("0.8".into(), "1.0".into()));
        assert_eq!((r["factuality"].clone(), r["date_precision"].clone()), (json!("asserted"), json!("day")));
        assert_eq!(dates(&event("sometime", "day")), (Value::Null, Value::Null));
    }
}
