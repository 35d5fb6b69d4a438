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
//!   blocks are type 0 and empty. `*Geo_CountryCode` is the FIPS 10-4 code
//!   as in the codebook (Germany GM, Israel IS; table in `data/fips.txt`,
//!   from GeoNames), or with [`GeoCodes::Iso3`] the ISO alpha-3 code annals
//!   stores; a country FIPS has no code for keeps its ISO alpha-3 code.
//!   (The actors' `CountryCode` columns are CAMEO's 3-letter codes, not
//!   FIPS.) A place with a GeoNames id is type 4 (world city; 3 in the
//!   United States), a place known only by country type 1. GDELT's
//!   `ADM1Code` is the FIPS country code followed by the FIPS code of the
//!   first-order division; annals does not know the division, so it is the
//!   country code alone, as GDELT writes it for country-level places.
//!   `ADM2` is empty, `FeatureID` is the GeoNames id (GDELT uses GNS ids).
//! - `DATEADDED`/`EventTimeDate` is when the happening's first article was
//!   ingested; `MentionTimeDate` when the mention's article was.
//! - A mention without a URL is `MentionType` 2 (citation only) with the
//!   article id as its identifier.
//!
//! Events without a happening (not asserted, undated) are not exported.
//! With a [`Filter`], a happening is written when at least one of its events
//! matches, and written whole: its counts, its representative event's fields
//! and all its mentions, so that the two tables agree.

use crate::record::read_event;
use crate::{Filter, Result, Store};
use annals_record::{decimal, ActorRef, Event, EventDate};
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

/// A field with the separators of the format replaced.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The ten actor columns (code, name, country, known group, ethnic,
/// religion 1-2, type 1-3) of an actor.
pub fn actor_fields(a: Option<&ActorRef>) -> [String; 10] {
    let Some((a, code)) = a.and_then(|a| a.parts().map(|c| (a, c))) else { return Default::default() };
    let at = |v: &[&str], i: usize| v.get(i).map(|s| s.to_string()).unwrap_or_default();
    [
        clean(code.code),
        a.name.as_deref().map(|n| clean(&n.to_uppercase())).unwrap_or_default(),
        a.country.as_deref().map(clean).unwrap_or_default(),
        code.group.map(String::from).unwrap_or_default(),
        String::new(),
        at(&code.religions, 0),
        at(&code.religions, 1),
        at(&code.roles, 0),
        at(&code.roles, 1),
        at(&code.roles, 2),
    ]
}

/// The four date columns (Day, MonthYear, Year, FractionDate) of a date:
/// its first day.
pub fn date_fields(date: Option<&EventDate>) -> [String; 4] {
    let Some(d) = date.and_then(EventDate::period).map(|p| p.first) else {
        return Default::default();
    };
    let (y, m) = (d.year(), d.month());
    [
        format!("{y:04}{m:02}{:02}", d.day()),
        format!("{y:04}{m:02}"),
        format!("{y:04}"),
        format!("{:.4}", f64::from(y) + f64::from(d.day_of_year()) / 365.0),
    ]
}

/// What the geo columns' country codes are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GeoCodes {
    /// FIPS 10-4, as the GDELT codebook has them.
    #[default]
    Fips,
    /// The ISO 3166 alpha-3 codes annals stores.
    Iso3,
}

impl GeoCodes {
    /// The country code of stored ISO alpha-3 `iso3`. A code without a FIPS
    /// equivalent stays as stored rather than be dropped: its three letters
    /// tell it from a FIPS code.
    pub fn country(self, iso3: &str) -> String {
        match self {
            GeoCodes::Fips => crate::fips::from_iso3(iso3).unwrap_or(iso3),
            GeoCodes::Iso3 => iso3,
        }
        .to_string()
    }
}

/// The eight geo columns of the event's place.
fn geo_fields(e: &Event, codes: GeoCodes) -> [String; 8] {
    let Some(p) = &e.place else { return blank_geo() };
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let country = p.country.as_deref().map(|c| codes.country(&clean(c))).unwrap_or_default();
    match (p.geonames_id.filter(|g| *g > 0), &p.country) {
        (Some(g), _) => [
            if p.country.as_deref() == Some("USA") { "3" } else { "4" }.into(),
            clean(&p.name),
            country.clone(),
            country,
            String::new(),
            num(p.lat),
            num(p.lon),
            g.to_string(),
        ],
        (None, Some(_)) => {
            ["1".into(), clean(&p.name), country.clone(), country, String::new(), num(p.lat), num(p.lon), String::new()]
        }
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
/// `YYYYMMDDHHMMSS` of a timestamp or date (a date is taken at midnight);
/// empty when `ts` holds no full date.
pub fn stamp(ts: &str) -> String {
    let digits: String = ts.chars().filter(char::is_ascii_digit).take(14).collect();
    if digits.len() < 8 {
        return String::new();
    }
    format!("{digits:0<14}")
}

/// Per happening, when its first article was ingested.
const ADDED: &str = "WITH added AS (SELECT x.happening AS h, min(a.ingested_at) AS t, min(x.sentence) AS first
     FROM events x JOIN articles a ON a.id = x.article WHERE x.happening IS NOT NULL GROUP BY x.happening)";

/// `AND <col> IN (happenings with an event matching f)` and its
/// parameters; empty when `f` filters nothing.
fn happening_filter(store: &Store, col: &str, f: &Filter) -> Result<(String, Vec<rusqlite::types::Value>)> {
    Ok(match f.seq_select(store.connection())? {
        Some((seqs, p)) => (
            format!(
                " AND {col} IN (SELECT m.happening FROM events m WHERE m.happening IS NOT NULL AND m.seq IN ({seqs}))"
            ),
            p,
        ),
        None => (String::new(), Vec::new()),
    })
}

/// What an event-table row says beyond its representative event: the
/// happening's id and counts, and where and when it was first seen.
pub struct Counts<'a> {
    pub id: i64,
    pub mentions: i64,
    pub sources: i64,
    pub articles: i64,
    /// Whether a mention is its article's first sentence (`IsRootEvent`).
    pub root: bool,
    /// `DATEADDED` as `YYYYMMDDHHMMSS` (may be empty).
    pub added: &'a str,
    /// `SOURCEURL`: the first article's URL, or its id when it has none.
    pub url: &'a str,
}

/// The 61 fields of one event-table row, in [`EVENT_COLUMNS`] order. Used
/// for stored happenings and by `annals code`, where each event stands
/// alone.
pub fn event_fields(e: &Event, h: &Counts, codes: GeoCodes) -> Vec<String> {
    let mut f: Vec<String> = vec![h.id.to_string()];
    f.extend(date_fields(e.date.as_ref()));
    f.extend(actor_fields(e.source.as_ref()));
    f.extend(actor_fields(e.target.as_ref()));
    let code = &e.cameo;
    f.push(if h.root { "1" } else { "0" }.into());
    f.push(code.clone());
    f.push(code.get(..3).unwrap_or(code).to_string());
    f.push(code.get(..2).unwrap_or(code).to_string());
    f.push(e.quad_class.to_string());
    f.push(decimal(e.goldstein).to_string());
    f.extend([h.mentions.to_string(), h.sources.to_string(), h.articles.to_string(), "0".into()]);
    f.extend(blank_geo());
    f.extend(blank_geo());
    f.extend(geo_fields(e, codes));
    f.push(h.added.to_string());
    f.push(clean(h.url));
    debug_assert_eq!(f.len(), EVENT_COLUMNS.len());
    f
}

/// Writes the event table, one row per happening; returns the row count.
pub fn write_events(store: &Store, out: &mut dyn Write) -> Result<u64> {
    write_events_matching(store, &Filter::default(), GeoCodes::Fips, out)
}

/// Writes the event table rows of the happenings that have at least one
/// event matching `f` (as `annals query` selects events; `f.limit` is
/// ignored). A row stays the whole happening: its counts, its first
/// report and its representative event's fields, whichever of its events
/// matched. The geo columns' country codes are written in `codes`.
pub fn write_events_matching(store: &Store, f: &Filter, codes: GeoCodes, out: &mut dyn Write) -> Result<u64> {
    let (only, p) = happening_filter(store, "h.id", f)?;
    let sql = format!(
        "{ADDED} SELECT h.id, h.mentions, h.outlets, h.articles, e.record, added.t, added.first, coalesce(fa.url, fa.id)
         FROM happenings h JOIN events e ON e.id = h.event JOIN articles fa ON fa.id = e.article
         JOIN added ON added.h = h.id WHERE 1{only} ORDER BY h.id"
    );
    let mut st = store.connection().prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(p))?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let e = read_event(&r.get::<_, String>(4)?)?;
        let (added, url): (String, String) = (r.get(5)?, r.get(7)?);
        let h = Counts {
            id: r.get(0)?,
            mentions: r.get(1)?,
            sources: r.get(2)?,
            articles: r.get(3)?,
            root: r.get::<_, i64>(6)? <= 1,
            added: &stamp(&added),
            url: &url,
        };
        let f = event_fields(&e, &h, codes);
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
    write_mentions_matching(store, &Filter::default(), out)
}

/// Writes every mention of the happenings [`write_events_matching`] writes
/// for `f`, not only the matching ones, so that the two tables agree:
/// each event row's `NumMentions` is its number of mention rows.
pub fn write_mentions_matching(store: &Store, f: &Filter, out: &mut dyn Write) -> Result<u64> {
    let (only, p) = happening_filter(store, "e.happening", f)?;
    let sql = format!(
        "{ADDED} SELECT e.happening, added.t, a.ingested_at, a.url, a.id, a.outlet, e.sentence, e.record,
                e.trigger_start, e.confidence, length(CAST(a.text AS BLOB))
         FROM events e JOIN articles a ON a.id = e.article JOIN added ON added.h = e.happening
         WHERE 1{only} ORDER BY e.happening, e.seq"
    );
    let mut st = store.connection().prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(p))?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let url: Option<String> = r.get(3)?;
        let outlet: Option<String> = r.get(5)?;
        let e = read_event(&r.get::<_, String>(7)?)?;
        let offset = |a: &Option<ActorRef>| a.as_ref().map_or(-1, |a| a.start as i64);
        let source = outlet.clone().or_else(|| url.as_deref().map(|u| host(u).to_string())).unwrap_or_default();
        let f = [
            r.get::<_, i64>(0)?.to_string(),
            stamp(&r.get::<_, String>(1)?),
            stamp(&r.get::<_, String>(2)?),
            if url.is_some() { "1" } else { "2" }.to_string(),
            clean(&source),
            clean(&url.unwrap_or(r.get::<_, String>(4)?)),
            r.get::<_, i64>(6)?.to_string(),
            offset(&e.source).to_string(),
            offset(&e.target).to_string(),
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

    fn actor(code: &str, name: Option<&str>, country: Option<&str>, sector: Option<&str>) -> ActorRef {
        let s = |v: Option<&str>| v.map(String::from);
        ActorRef {
            code: Some(code.into()),
            name: s(name),
            country: s(country),
            sector: s(sector),
            ..Default::default()
        }
    }

    #[test]
    fn actor_codes_are_cut_into_their_parts() {
        let f = actor_fields(Some(&actor("PSEREBHMS", Some("Hamas"), Some("PSE"), Some("REB"))));
        assert_eq!(f[..4], ["PSEREBHMS", "HAMAS", "PSE", "HMS"]);
        assert_eq!(f[7..], ["REB", "", ""]);
        let f = actor_fields(Some(&actor("NGOHRIAMN", Some("Amnesty International"), None, None)));
        assert_eq!((f[2].as_str(), f[3].as_str(), f[7].as_str(), f[8].as_str()), ("", "AMN", "NGO", "HRI"));
        let f = actor_fields(Some(&actor("PSE", Some("Palestinians"), Some("PSE"), Some("CVL"))));
        assert_eq!((f[3].as_str(), f[7].as_str()), ("", "CVL"));
        let f = actor_fields(Some(&actor("IRQMOSSHI", None, Some("IRQ"), None)));
        assert_eq!((f[5].as_str(), f[6].as_str()), ("MOS", "SHI"));
        let uncoded = ActorRef { text: "x".into(), name: Some("x".into()), ..Default::default() };
        assert_eq!(actor_fields(Some(&uncoded)), <[String; 10]>::default());
        assert_eq!(actor_fields(None), <[String; 10]>::default());
    }

    #[test]
    fn dates() {
        use annals_record::{Basis, Precision::*};
        let d =
            |v: &str, precision| date_fields(Some(&EventDate { value: v.into(), precision, basis: Basis::Explicit }));
        assert_eq!(d("2019-01-25", Day), ["20190125", "201901", "2019", "2019.0685"]);
        assert_eq!(d("2011", Year)[0], "20110101");
        assert_eq!(d("2024-W11", Week)[0], "20240311");
        assert_eq!(d("2010s", Decade)[0], "20100101");
        assert_eq!(d("2014/2015", Year)[0], "20140101");
        assert_eq!(d("someday", Day), <[String; 4]>::default());
        assert_eq!(date_fields(None), <[String; 4]>::default());
        assert_eq!(stamp("2024-05-01T12:03:04Z"), "20240501120304");
        assert_eq!(stamp("2022-07-07"), "20220707000000");
        assert_eq!(stamp("July"), "");
        assert_eq!(host("https://news.example.org/a/b?c"), "news.example.org");
    }
}
