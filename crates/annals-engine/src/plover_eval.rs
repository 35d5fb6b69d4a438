//! Scoring the coder on PLOVER gold-standard records: one sentence each,
//! with its category, source and target actors.
//!
//! A record's category is found when some event of the sentence has it. An
//! actor agrees when the codes share their country (first three letters) or
//! the texts overlap. The triple agrees when category, source and target all
//! do (a side the gold leaves empty agrees with anything).

use crate::Engine;
use annals_record::{ActorRef, Event};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct GoldActor {
    #[serde(rename = "actorText", default)]
    text: String,
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    plover: String,
    #[serde(default)]
    source: Vec<GoldActor>,
    #[serde(default)]
    target: Vec<GoldActor>,
    /// Where the gold says the event happened, if the sentence says.
    #[serde(rename = "eventLoc", default)]
    event_loc: Option<GoldPlace>,
}

#[derive(Deserialize)]
struct GoldPlace {
    #[serde(default)]
    name: String,
}

#[derive(Default)]
pub struct Scores {
    pub records: usize,
    pub events: usize,
    pub category: usize,
    pub with_source: usize,
    pub with_target: usize,
    pub source: usize,
    pub target: usize,
    pub triple: usize,
    /// Records whose category was found and whose sentence states the
    /// event's place, and of those, the ones whose event has that place.
    pub with_place: usize,
    pub place: usize,
    /// Records whose category was found and whose sentence states no
    /// place, and of those, the ones whose event has none.
    pub without_place: usize,
    pub no_place: usize,
    /// Records whose category no event has: id, category, text and what was coded.
    pub misses: Vec<String>,
    /// Found events with a wrong place: id, gold place, ours, text.
    pub place_errors: Vec<String>,
}

/// Whether our place names the gold place: one name inside the other, or a
/// shared capitalised word ("the province of Herat" and "Herat").
fn same_place(ours: &annals_record::Place, gold: &str) -> bool {
    let g = gold.to_lowercase();
    let names = [ours.name.to_lowercase(), ours.text.to_lowercase()];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(char::is_uppercase) && w.len() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let gw = words(gold);
    names.iter().any(|n| !n.is_empty() && (n.contains(&g) || g.contains(n.as_str())))
        || words(&ours.name).iter().chain(words(&ours.text).iter()).any(|w| gw.contains(w))
}

fn agrees(ours: &Option<ActorRef>, gold: &[GoldActor]) -> bool {
    let Some(a) = ours else { return false };
    gold.iter().any(|g| {
        let code_match = match (&a.code, &g.code) {
            (Some(x), Some(y)) if x.len() >= 3 && y.len() >= 3 => x[..3] == y[..3],
            _ => false,
        };
        let text_match = !g.text.is_empty() && {
            let (x, y) = (a.text.to_lowercase(), g.text.to_lowercase());
            x.contains(&y) || y.contains(&x)
        };
        code_match || text_match
    })
}

/// Codes each record of the JSON Lines gold file `path` with `engine` and
/// scores it.
pub fn run(engine: &Engine, path: &Path) -> Result<Scores> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut s = Scores::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        let events = engine.code(&r.id, &r.text, r.date.as_deref());
        s.records += 1;
        s.events += events.len();
        let hits: Vec<&Event> = events.iter().filter(|e| e.plover.as_deref() == Some(r.plover.as_str())).collect();
        if hits.is_empty() {
            let got: Vec<String> =
                events.iter().map(|e| format!("{}:{}", e.trigger.text, e.plover.clone().unwrap_or_default())).collect();
            s.misses.push(format!("miss {} [{}] {} → {:?}", r.id, r.plover, r.text, got));
            continue;
        }
        s.category += 1;
        s.with_source += usize::from(!r.source.is_empty());
        s.with_target += usize::from(!r.target.is_empty());
        let src_ok = |e: &Event| r.source.is_empty() || agrees(&e.source, &r.source);
        let tgt_ok = |e: &Event| r.target.is_empty() || agrees(&e.target, &r.target);
        s.source += usize::from(!r.source.is_empty() && hits.iter().any(|e| src_ok(e)));
        s.target += usize::from(!r.target.is_empty() && hits.iter().any(|e| tgt_ok(e)));
        s.triple += usize::from(hits.iter().any(|e| src_ok(e) && tgt_ok(e)));
        // The place of the event found (the first with the category).
        let ours = hits[0].place.as_ref();
        match r.event_loc.as_ref().filter(|g| !g.name.is_empty()) {
            Some(g) => {
                s.with_place += 1;
                let right = ours.is_some_and(|p| same_place(p, &g.name));
                s.place += usize::from(right);
                if !right {
                    let got = ours.map(|p| format!("{} ({})", p.name, p.text)).unwrap_or_else(|| "none".into());
                    s.place_errors.push(format!("place {} gold {:?} ours {got} | {}", r.id, g.name, r.text));
                }
            }
            None => {
                s.without_place += 1;
                s.no_place += usize::from(ours.is_none());
                if let Some(p) = ours {
                    s.place_errors.push(format!("place {} gold none ours {} ({}) | {}", r.id, p.name, p.text, r.text));
                }
            }
        }
    }
    Ok(s)
}
