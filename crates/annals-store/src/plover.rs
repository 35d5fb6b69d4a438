//! Stored events as PLOVER records (the OEDA event-data exchange format:
//! one JSON object per line with named fields, see the PLOVER manual's
//! "Data Fields" chapter).
//!
//! PLOVER fixes the names of fields, not everything in them; where our record
//! has something PLOVER has no name for, it keeps our name as an extra field
//! (the manual allows providers to add fields). The mapping:
//!
//! | PLOVER | from the annals record |
//! |---|---|
//! | `id` | `id` |
//! | `date`, `enddate` | the first and last day the event date can mean (`events.event_start`/`event_end`); `enddate` only when they differ (a month- or year-precision date); `null` when undated |
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

use crate::{EventRow, Filter, Result, Store};
use serde_json::{json, Value};
use std::io::Write;

/// What PLOVER's `cite_info` says about the article an event came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
}

fn entity(
    text: &Option<String>,
    code: &Option<String>,
    name: &Option<String>,
    country: &Option<String>,
    sector: &Option<String>,
) -> Vec<Value> {
    if text.is_none() && code.is_none() {
        return Vec::new();
    }
    let top = country.clone().or_else(|| code.as_deref().and_then(|c| c.get(..3)).map(String::from));
    vec![json!({
        "code": top,
        "sector": sector,
        "entity_text": text,
        "identifier_text": name,
        "cameo_code": code,
    })]
}

/// The PLOVER record of one stored event.
pub fn record(e: &EventRow, cite: &Citation) -> Value {
    let (start, end) = e.date_span();
    let enddate = if end != start { end } else { None };
    let event: Vec<&str> = e.plover.as_deref().into_iter().collect();
    let place = (e.place_text.is_some() || e.place_name.is_some()).then(|| {
        json!({
            "extracted_place": e.place_text,
            "resolved_place": e.place_name,
            "country_code": e.place_country,
            "lat": e.lat,
            "lon": e.lon,
            "geonameid": e.geonames_id,
        })
    });
    let attribution = (e.attribution_text.is_some() || e.attribution_code.is_some())
        .then(|| json!({"text": e.attribution_text, "code": e.attribution_code, "anonymous": e.attribution_anonymous}));
    let quantity = e.quantity_value.map(|v| json!({"value": v, "unit": e.quantity_unit}));
    json!({
        "id": e.id,
        "date": start,
        "enddate": enddate,
        "actor": entity(&e.source_text, &e.source_code, &e.source_name, &e.source_country, &e.source_sector),
        "recipient": entity(&e.target_text, &e.target_code, &e.target_name, &e.target_country, &e.target_sector),
        "event": event,
        "has_event": !event.is_empty(),
        "mode": e.plover_mode.as_ref().map(|m| vec![m]),
        "context": Value::Null,
        "event_text": [e.trigger_text],
        "event_loc": place,
        "quad_code": e.quad_class,
        "event_scale": e.goldstein,
        "text": e.sentence_text,
        "text_info": {"sequence": e.sentence},
        "cite_info": {"citation": e.article, "url": cite.url, "title": cite.title, "publication": cite.outlet},
        "coder": "annals",
        "article": e.article,
        "cameo": e.cameo,
        "factuality": e.mode,
        "date_precision": e.date_precision,
        "historical": e.historical,
        "attribution": attribution,
        "quantity": quantity,
        "confidence": e.confidence,
    })
}

impl Store {
    /// Writes every stored event as one PLOVER JSON line, in insertion
    /// order, streaming (one event in memory at a time); returns how many.
    pub fn write_plover(&self, out: &mut dyn Write) -> Result<u64> {
        self.write_plover_matching(&Filter::default(), out)
    }

    /// [`Store::write_plover`] of the events matching `f` only (as `annals
    /// query` selects them; `f.limit` is ignored).
    pub fn write_plover_matching(&self, f: &Filter, out: &mut dyn Write) -> Result<u64> {
        let (only, p) = match f.seq_select(&self.conn)? {
            Some((seqs, p)) => (format!("WHERE e.seq IN ({seqs})"), p),
            None => (String::new(), Vec::new()),
        };
        let mut st = self.conn.prepare(&format!(
            "SELECT e.record, a.url, a.title, a.outlet FROM events e JOIN articles a ON a.id = e.article {only}
             ORDER BY e.seq"
        ))?;
        let mut rows = st.query(rusqlite::params_from_iter(p))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let e = EventRow::from_json(&r.get::<_, String>(0)?)?;
            let cite = Citation { url: r.get(1)?, title: r.get(2)?, outlet: r.get(3)? };
            serde_json::to_writer(&mut *out, &record(&e, &cite)).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            n += 1;
        }
        Ok(n)
    }
}
