//! The report's own country: the country its actors and places belong to
//! most, the lead counting double. A role with no country in its phrase
//! ("police", "the interior minister") is read as this country's when the
//! event's place says nothing else.

use super::Mention;
use crate::places::Places;
use annals_text::{Doc, EntityLabel};
use std::collections::HashMap;

/// How many sentences count as the lead.
const LEAD: usize = 3;
/// How far ahead of the next the focus must be.
const FOCUS_RATIO: f64 = 1.0;

/// The focus country of `doc`, if one stands out: the most weighted
/// country with at least two mentions' worth and ahead of the next. (A
/// stricter lead, one and a half times the next, left roles uncoded in
/// reports about two countries' dealings, where the one mentioned most is
/// still the better guess for an unnamed "president" or "police".)
pub fn focus(doc: &Doc, mentions: &[Mention], places: &Places) -> Option<String> {
    let mut weight: HashMap<String, f64> = HashMap::new();
    let w = |sentence: usize| if sentence < LEAD { 2.0 } else { 1.0 };
    for m in mentions {
        // The outlets a report cites ("told Reuters", "Time magazine") say
        // nothing about whose story it is.
        let media = m.resolved.actor.sector.as_deref() == Some("MED")
            || m.resolved.actor.code.as_deref().is_some_and(|c| c.get(3..6) == Some("MED"));
        if media {
            continue;
        }
        if let Some(c) = &m.resolved.actor.country {
            *weight.entry(c.clone()).or_default() += w(m.sentence);
        }
    }
    // Places named in the text: a location entity the gazetteer knows.
    for e in doc.entities.iter().filter(|e| e.label == EntityLabel::Location) {
        let Some(tokens) = doc.tokens.get(e.tokens.clone()) else { continue };
        if let Some((end, p)) = places.longest_match(tokens, 0) {
            if end == tokens.len() && !p.country.is_empty() {
                let s = doc.sentences.iter().position(|s| s.tokens.contains(&e.tokens.start)).unwrap_or(LEAD);
                *weight.entry(p.country.clone()).or_default() += w(s);
            }
        }
    }
    let mut ranked: Vec<(String, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (top, tw) = ranked.first()?.clone();
    let second = ranked.get(1).map_or(0.0, |x| x.1);
    (tw >= 2.0 && tw > second * FOCUS_RATIO).then_some(top)
}
