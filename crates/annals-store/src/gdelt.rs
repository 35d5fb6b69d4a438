//! GDELT 2.0 exports: the event table (61 tab-separated columns, one row
//! per happening) and the mentions table (16 columns, one row per event
//! mention of a happening), so that tools written for GDELT read annals.
//!
//! Where annals knows less or otherwise than GDELT, the field says so
//! rather than invents:
//!
//! - Dates: `Day` is the first day the happening's date can mean (a year
//!   happening is dated 1 January, a week its Monday); `FractionDate` is the
//!   year plus day-of-year / 365.
//! - Actors: `CountryCode` is the record's ISO alpha-3 country (CAMEO's
//!   own country codes); the rest of the code is cut into 3-letter parts,
//!   CAMEO role codes becoming `Type1..3`, religion codes `Religion1..2`,
//!   and the first other part the known group (`PSEREBHMS` → REB, HMS).
//!   `EthnicCode` is always empty: the coder does not code ethnicity.
//! - `AvgTone`, `MentionDocTone` are 0: annals does not score tone.
//! - `IsRootEvent` is 1 when any mention is its article's first sentence.
//! - Geography: only the action has a place (`ActionGeo_*`); the actor geo
//!   blocks are type 0 and empty. `*_CountryCode` is ISO 3166 alpha-3, NOT
//!   GDELT's FIPS 10-4: the two disagree for many countries and a mapping
//!   we could not check for every country would be worse than a documented
//!   difference. A place with a GeoNames id is type 4 (world city; 3 in the
//!   United States), a place known only by country type 1. `ADM2` is empty,
//!   `ADM1` is the country for a country-level place, `FeatureID` is the
//!   GeoNames id (GDELT uses GNS ids).
//! - `DATEADDED`/`EventTimeDate` is when the happening's first article was
//!   ingested; `MentionTimeDate` when the mention's article was.
//! - A mention without a URL is `MentionType` 2 (citation only) with the
//!   article id as its identifier.
//!
//! Events without a happening (not asserted, undated) are not exported.

use crate::calendar::days_from_civil;
use crate::happenings::When;
use crate::{EventRow, Result, Store};
use serde_json::Value;
use std::io::Write;

/// The event table's columns, in the codebook's order (no header is written).
pub const EVENT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The mentions table's columns, in the codebook's order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// CAMEO actor role (type) codes.
const TYPES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL", "DEV", "EDU",
    "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "IGO", "NGO", "IMG", "INT", "MNC", "NGM",
    "PTY", "SET", "UIS",
];

/// CAMEO religion codes.
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "ENR", "EVA", "HIN", "HSD", "ITR", "JAN",
    "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "ORT", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDS",
    "ZRO",
];

/// A field with the separators of the format replaced.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The ten actor columns (code, name, country, known group, ethnic,
/// religion 1-2, type 1-3) of an actor.
pub fn actor_fields(
    code: Option<&str>,
    name: Option<&str>,
    country: Option<&str>,
    sector: Option<&str>,
) -> [String; 10] {
    let Some(code) = code else { return Default::default() };
    let rest = match country {
        Some(c) if code.starts_with(c) => &code[c.len()..],
        _ => code,
    };
    let (mut types, mut religions, mut group) = (Vec::new(), Vec::new(), None);
    let parts = rest.as_bytes().chunks(3).filter_map(|c| std::str::from_utf8(c).ok());
    for part in parts.chain(sector) {
        if TYPES.contains(&part) {
            if !types.contains(&part) {
                types.push(part);
            }
        } else if RELIGIONS.contains(&part) {
            religions.push(part);
        } else if group.is_none() && part.len() == 3 {
            group = Some(part);
        }
    }
    let at = |v: &[&str], i: usize| v.get(i).map(|s| s.to_string()).unwrap_or_default();
    [
        clean(code),
        name.map(|n| clean(&n.to_uppercase())).unwrap_or_default(),
        country.map(clean).unwrap_or_default(),
        group.map(String::from).unwrap_or_default(),
        String::new(),
        at(&religions, 0),
        at(&religions, 1),
        at(&types, 0),
        at(&types, 1),
        at(&types, 2),
    ]
}

/// The four date columns (Day, MonthYear, Year, FractionDate).
pub fn date_fields(value: &str, precision: &str) -> [String; 4] {
    let Some((y, m, d)) = When::new(value, precision).and_then(|w| w.first_day()) else {
        return Default::default();
    };
    let doy = days_from_civil(y, m, d) - days_from_civil(y, 1, 1) + 1;
    [
        format!("{y:04}{m:02}{d:02}"),
        format!("{y:04}{m:02}"),
        format!("{y:04}"),
        format!("{:.4}", y as f64 + doy as f64 / 365.0),
    ]
}

/// The eight geo columns of the event's place.
fn geo_fields(e: &EventRow) -> [String; 8] {
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let country = e.place_country.clone().unwrap_or_default();
    match (e.geonames_id.filter(|g| *g > 0), &e.place_name, &e.place_country) {
        (Some(g), name, _) => [
            if country == "USA" { "3" } else { "4" }.into(),
            clean(name.as_deref().unwrap_or_default()),
            country,
            String::new(),
            String::new(),
            num(e.lat),
            num(e.lon),
            g.to_string(),
        ],
        (None, name, Some(c)) => [
            "1".into(),
            clean(name.as_deref().unwrap_or(c)),
            c.clone(),
            c.clone(),
            String::new(),
            num(e.lat),
            num(e.lon),
            String::new(),
        ],
        _ => blank_geo(),
    }
}

fn blank_geo() -> [String; 8] {
    [
        "0".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// `YYYYMMDDHHMMSS` of a stored UTC timestamp.
fn stamp(ts: &str) -> String {
    ts.chars().filter(char::is_ascii_digit).take(14).collect()
}

/// Per happening, when its first article was ingested.
const ADDED: &str = "WITH added AS (SELECT x.happening AS h, min(a.ingested_at) AS t, min(x.sentence) AS first
     FROM events x JOIN articles a ON a.id = x.article WHERE x.happening IS NOT NULL GROUP BY x.happening)";

/// Writes the event table, one row per happening; returns the row count.
pub fn write_events(store: &Store, out: &mut dyn Write) -> Result<u64> {
    let sql = format!(
        "{ADDED} SELECT h.id, h.mentions, h.outlets, h.articles, e.record, added.t, added.first, coalesce(fa.url, fa.id)
         FROM happenings h JOIN events e ON e.id = h.event JOIN articles fa ON fa.id = e.article
         JOIN added ON added.h = h.id ORDER BY h.id"
    );
    let mut st = store.connection().prepare(&sql)?;
    let mut rows = st.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let e = EventRow::from_json(&r.get::<_, String>(4)?)?;
        let (id, mentions, sources, articles): (i64, i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let mut f: Vec<String> = vec![id.to_string()];
        f.extend(date_fields(
            e.event_date.as_deref().unwrap_or_default(),
            e.date_precision.as_deref().unwrap_or_default(),
        ));
        f.extend(actor_fields(
            e.source_code.as_deref(),
            e.source_name.as_deref(),
            e.source_country.as_deref(),
            e.source_sector.as_deref(),
        ));
        f.extend(actor_fields(
            e.target_code.as_deref(),
            e.target_name.as_deref(),
            e.target_country.as_deref(),
            e.target_sector.as_deref(),
        ));
        let code = &e.cameo;
        f.push(if r.get::<_, i64>(6)? <= 1 { "1" } else { "0" }.into());
        f.push(code.clone());
        f.push(code.get(..3).unwrap_or(code).to_string());
        f.push(code.get(..2).unwrap_or(code).to_string());
        f.push(e.quad_class.map(|q| q.to_string()).unwrap_or_default());
        f.push(e.goldstein.map(|g| g.to_string()).unwrap_or_default());
        f.extend([mentions.to_string(), sources.to_string(), articles.to_string(), "0".into()]);
        f.extend(blank_geo());
        f.extend(blank_geo());
        f.extend(geo_fields(&e));
        f.push(stamp(&r.get::<_, String>(5)?));
        f.push(clean(&r.get::<_, String>(7)?));
        debug_assert_eq!(f.len(), EVENT_COLUMNS.len());
        writeln!(out, "{}", f.join("\t"))?;
        n += 1;
    }
    Ok(n)
}

/// The host of a URL, as a source name for articles without an outlet.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or_default()
}

/// Writes the mentions table, one row per event of a happening; returns the row count.
pub fn write_mentions(store: &Store, out: &mut dyn Write) -> Result<u64> {
    let sql = format!(
        "{ADDED} SELECT e.happening, added.t, a.ingested_at, a.url, a.id, a.outlet, e.sentence, e.record,
                e.trigger_start, e.confidence, length(CAST(a.text AS BLOB))
         FROM events e JOIN articles a ON a.id = e.article JOIN added ON added.h = e.happening
         ORDER BY e.happening, e.seq"
    );
    let mut st = store.connection().prepare(&sql)?;
    let mut rows = st.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let url: Option<String> = r.get(3)?;
        let outlet: Option<String> = r.get(5)?;
        let record: Value =
            serde_json::from_str(&r.get::<_, String>(7)?).map_err(|e| crate::Error::BadRecord(e.to_string()))?;
        let offset = |who: &str| record.get(who).and_then(|a| a.get("start")).and_then(Value::as_i64).unwrap_or(-1);
        let source = outlet.clone().or_else(|| url.as_deref().map(|u| host(u).to_string())).unwrap_or_default();
        let f = [
            r.get::<_, i64>(0)?.to_string(),
            stamp(&r.get::<_, String>(1)?),
            stamp(&r.get::<_, String>(2)?),
            if url.is_some() { "1" } else { "2" }.to_string(),
            clean(&source),
            clean(&url.unwrap_or(r.get::<_, String>(4)?)),
            r.get::<_, i64>(6)?.to_string(),
            offset("source").to_string(),
            offset("target").to_string(),
            r.get::<_, i64>(8)?.to_string(),
            "1".into(),
            r.get::<_, Option<f64>>(9)?
                .map(|c| ((c * 100.0).round() as i64).clamp(0, 100).to_string())
                .unwrap_or_default(),
            r.get::<_, i64>(10)?.to_string(),
            "0".into(),
            String::new(),
            String::new(),
        ];
        writeln!(out, "{}", f.join("\t"))?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_are_cut_into_their_parts() {
        let f = actor_fields(Some("PSEREBHMS"), Some("Hamas"), Some("PSE"), Some("REB"));
        assert_eq!(f[..4], ["PSEREBHMS", "HAMAS", "PSE", "HMS"]);
        assert_eq!(f[7..], ["REB", "", ""]);
        let f = actor_fields(Some("NGOHRIAMN"), Some("Amnesty International"), None, None);
        assert_eq!((f[2].as_str(), f[3].as_str(), f[7].as_str(), f[8].as_str()), ("", "AMN", "NGO", "HRI"));
        let f = actor_fields(Some("PSE"), Some("Palestinians"), Some("PSE"), Some("CVL"));
        assert_eq!((f[3].as_str(), f[7].as_str()), ("", "CVL"));
        let f = actor_fields(Some("IRQMOSSHI"), None, Some("IRQ"), None);
        assert_eq!((f[5].as_str(), f[6].as_str()), ("MOS", "SHI"));
        assert_eq!(actor_fields(None, Some("x"), None, None), <[String; 10]>::default());
    }

    #[test]
    fn dates() {
        assert_eq!(date_fields("2019-01-25", "day"), ["20190125", "201901", "2019", "2019.0685"]);
        assert_eq!(date_fields("2011", "year")[0], "20110101");
        assert_eq!(date_fields("2024-W11", "week")[0], "20240311");
        assert_eq!(date_fields("2010s", "decade")[0], "20100101");
        assert_eq!(date_fields("2014/2015", "year")[0], "20140101");
        assert_eq!(date_fields("someday", "day"), <[String; 4]>::default());
        assert_eq!(stamp("2024-05-01T12:03:04Z"), "20240501120304");
        assert_eq!(host("https://news.example.org/a/b?c"), "news.example.org");
    }
}
