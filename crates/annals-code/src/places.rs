//! The place gazetteer.
//!
//! The gazetteer is built by `annals train --only places` from GeoNames
//! (CC BY 4.0, geonames.org): countries, and cities of 15,000 people or
//! more, plus a short list of well-known regions that GeoNames files as
//! something other than a city (West Bank, Gaza Strip, Sinai ...). It is
//! committed in `data/places.bin` and embedded, like a model.
//! The event's place is resolved in [`crate::resolve::place`].

use annals_text::Token;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::OnceLock;

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: u64,
    pub population: u64,
}

/// Names → entries, most populous first: a name several places share
/// ("Hyde Park" in London and in several American towns) keeps the biggest
/// few, so that context can pick. Names are keyed
/// [folded](annals_text::normalize) and lower-cased, a leading "the"
/// dropped.
#[derive(Debug, Default)]
pub struct Places {
    by_name: HashMap<String, Vec<PlaceEntry>>,
    longest: usize,
}

/// How many places one name keeps.
const PER_NAME: usize = 6;

/// The population from which a city's alternate names are kept.
const ALTERNATES_FROM: u64 = 100_000;

pub(crate) const EMBEDDED: &[u8] = include_bytes!("../data/places.bin");

/// Regions that news names as places but GeoNames does not list as cities:
/// name, ISO alpha-3, latitude, longitude. Facts, in the project's words.
const REGIONS: &[(&str, &str, f64, f64)] = &[
    ("West Bank", "PSE", 31.9, 35.2),
    ("Gaza Strip", "PSE", 31.4, 34.4),
    ("Sinai", "EGY", 29.5, 33.8),
    ("Sinai Peninsula", "EGY", 29.5, 33.8),
    ("Golan Heights", "SYR", 33.0, 35.8),
    ("East Jerusalem", "PSE", 31.78, 35.24),
    ("Crimea", "UKR", 45.3, 34.4),
    ("Donbas", "UKR", 48.0, 38.0),
    ("Kashmir", "IND", 34.1, 74.8),
    ("Darfur", "SDN", 13.5, 24.0),
    ("Tigray", "ETH", 14.0, 38.5),
    ("Kurdistan", "IRQ", 36.2, 44.0),
    ("Nagorno-Karabakh", "AZE", 39.9, 46.7),
    ("Western Sahara", "ESH", 24.2, -12.9),
    ("South Lebanon", "LBN", 33.3, 35.4),
    ("Sahel", "MLI", 15.0, 0.0),
    ("Balochistan", "PAK", 28.5, 65.1),
    ("Idlib province", "SYR", 35.9, 36.6),
    ("Rakhine", "MMR", 20.1, 93.9),
    ("Xinjiang", "CHN", 41.1, 85.2),
    ("Tibet", "CHN", 31.7, 88.0),
    ("Chechnya", "RUS", 43.4, 45.7),
    ("Ogaden", "ETH", 7.0, 44.0),
    ("Cabinda", "AGO", -5.0, 12.3),
];

impl PlaceEntry {
    /// This place as an event's place, named `text` in the report.
    pub fn place(&self, text: String) -> crate::event::Place {
        crate::event::Place {
            text,
            name: self.name.clone(),
            country: (!self.country.is_empty()).then(|| self.country.clone()),
            lat: Some(self.lat),
            lon: Some(self.lon),
            geonames_id: (self.geonames_id > 0).then_some(self.geonames_id),
        }
    }
}

impl Places {
    /// The gazetteer shipped with annals (empty if it was never built).
    pub fn embedded() -> &'static Places {
        static P: OnceLock<Places> = OnceLock::new();
        P.get_or_init(|| Places::read(EMBEDDED).unwrap_or_default())
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// Adds `e` under `name`'s key, keeping the most populous [`PER_NAME`]
    /// places of a key.
    fn insert(&mut self, name: &str, e: PlaceEntry) {
        let key = key(name);
        if key.is_empty() {
            return;
        }
        self.longest = self.longest.max(key.split(' ').count());
        let list = self.by_name.entry(key).or_default();
        if list.iter().any(|o| o.geonames_id == e.geonames_id && o.name == e.name && o.country == e.country) {
            return;
        }
        list.push(e);
        list.sort_by(|a, b| b.population.cmp(&a.population).then_with(|| a.country.cmp(&b.country)));
        list.truncate(PER_NAME);
    }

    /// The longest place name starting at `tokens[start]`: `(end, entry)`,
    /// the most populous place of that name. Names are compared on the
    /// tokens' [`norm`](annals_text::Token::norm)s.
    pub fn longest_match(&self, tokens: &[Token], start: usize) -> Option<(usize, &PlaceEntry)> {
        self.longest_match_in(tokens, start, None)
    }

    /// Like [`longest_match`](Self::longest_match), preferring a place in
    /// `country` (ISO alpha-3) among those sharing the name: in a report
    /// from London, "Hyde Park" is London's.
    pub fn longest_match_in(
        &self,
        tokens: &[Token],
        start: usize,
        country: Option<&str>,
    ) -> Option<(usize, &PlaceEntry)> {
        let max = (start + self.longest).min(tokens.len());
        (start + 1..=max).rev().find_map(|end| {
            let norms: Vec<&str> = tokens[start..end].iter().map(|t| t.norm.as_str()).collect();
            let list = self.by_name.get(&key_of_folded(&norms.join(" ")))?;
            let pick = country.and_then(|c| list.iter().find(|e| e.country == c)).or_else(|| list.first())?;
            Some((end, pick))
        })
    }

    /// Builds the gazetteer from `data/geonames`.
    pub fn build(data: &Path) -> Result<Places, String> {
        let read = |f: &str| -> Result<Value, String> {
            let p = data.join("geonames").join(f);
            let b = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", p.display()))
        };
        let countries = read("countries.json")?;
        let cities = read("cities15000.json")?;
        let mut iso3 = HashMap::new();
        let mut places = Places::default();
        let info_dir = data.join("geonames/countryinfo");
        let mut centroids: HashMap<String, (f64, f64)> = HashMap::new();
        if let Ok(dir) = std::fs::read_dir(&info_dir) {
            let mut files: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files.iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
                let Ok(b) = std::fs::read(f) else { continue };
                let Ok(v) = serde_json::from_slice::<Value>(&b) else { continue };
                let (Some(code), Some(ll)) = (v["ISO"]["alpha3"].as_str(), v["latlng"].as_array()) else { continue };
                if let (Some(lat), Some(lon)) = (ll.first().and_then(Value::as_f64), ll.get(1).and_then(Value::as_f64))
                {
                    centroids.insert(code.to_string(), (lat, lon));
                }
            }
        }
        for (_, c) in countries.as_object().into_iter().flatten() {
            let (Some(iso), Some(i3)) = (c["iso"].as_str(), c["iso3"].as_str()) else { continue };
            iso3.insert(iso.to_string(), i3.to_string());
            let (lat, lon) = centroids.get(i3).copied().unwrap_or((0.0, 0.0));
            let e = PlaceEntry {
                name: c["name"].as_str().unwrap_or(i3).to_string(),
                country: i3.to_string(),
                lat,
                lon,
                geonames_id: c["geonameid"].as_u64().unwrap_or(0),
                // Countries win over cities of the same name.
                population: u64::MAX / 2,
            };
            places.insert(&e.name.clone(), e);
        }
        for (_, c) in cities.as_object().into_iter().flatten() {
            let Some(name) = c["name"].as_str() else { continue };
            let country = c["countrycode"].as_str().and_then(|cc| iso3.get(cc)).cloned().unwrap_or_default();
            let pop = c["population"].as_u64().unwrap_or(0);
            let e = PlaceEntry {
                name: name.to_string(),
                country,
                lat: c["latitude"].as_f64().unwrap_or(0.0),
                lon: c["longitude"].as_f64().unwrap_or(0.0),
                geonames_id: c["geonameid"].as_u64().unwrap_or(0),
                population: pop,
            };
            // Large cities' Latin-script alternate names cover exonyms, old
            // names and the spellings news uses ("Kiev", "Bombay",
            // "Hodeida"); written with a capital, as names are.
            if pop >= ALTERNATES_FROM {
                for a in c["alternatenames"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                    let capital = a.starts_with(|ch: char| ch.is_ascii_uppercase());
                    if capital && a.len() >= 4 && a.chars().all(|ch| ch.is_ascii_alphabetic() || " -'".contains(ch)) {
                        places.insert(a, e.clone());
                    }
                }
            }
            places.insert(name, e);
        }
        for &(name, country, lat, lon) in REGIONS {
            let e = PlaceEntry {
                name: name.into(),
                country: country.into(),
                lat,
                lon,
                geonames_id: 0,
                population: u64::MAX / 4,
            };
            places.insert(name, e);
        }
        Ok(places)
    }

    /// Writes the gazetteer as deflated TSV.
    pub fn write<W: Write>(&self, out: W) -> std::io::Result<()> {
        let mut z = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        let mut rows: Vec<_> = self.by_name.iter().flat_map(|(k, l)| l.iter().map(move |e| (k, e))).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0).then_with(|| b.1.population.cmp(&a.1.population)));
        for (k, e) in rows {
            writeln!(
                z,
                "{k}\t{}\t{}\t{:.4}\t{:.4}\t{}\t{}",
                e.name, e.country, e.lat, e.lon, e.geonames_id, e.population
            )?;
        }
        z.finish()?;
        Ok(())
    }

    pub fn read(bytes: &[u8]) -> std::io::Result<Places> {
        let mut text = String::new();
        flate2::read::DeflateDecoder::new(bytes).read_to_string(&mut text)?;
        let mut p = Places::default();
        for line in text.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 7 {
                continue;
            }
            let e = PlaceEntry {
                name: c[1].into(),
                country: c[2].into(),
                lat: c[3].parse().unwrap_or(0.0),
                lon: c[4].parse().unwrap_or(0.0),
                geonames_id: c[5].parse().unwrap_or(0),
                population: c[6].parse().unwrap_or(0),
            };
            // Keyed again, so that a file written with an earlier folding
            // (which also stored names with their diacritics) reads as a
            // fresh build would.
            p.insert(c[0], e);
        }
        Ok(p)
    }
}

/// The matching key of a name: [folded](annals_text::normalize) and
/// lower-cased ("Kandahār" is written "Kandahar" in English news), words
/// separated by single spaces, a leading "the" dropped ("the West Bank").
fn key(name: &str) -> String {
    key_of_folded(&annals_text::normalize::fold_lower(name))
}

/// [`key`] of text already folded and lower-cased, as tokens' norms are.
/// An apostrophe opening or closing a word is a transliteration mark
/// (ʿayn, hamza: "Sāmarrā’") that English news leaves out ("Samarra").
fn key_of_folded(folded: &str) -> String {
    let words: Vec<&str> = folded.split_whitespace().map(|w| w.trim_matches('\'')).filter(|w| !w.is_empty()).collect();
    let words = if words.len() > 1 && words[0] == "the" { &words[1..] } else { &words[..] };
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_articles_and_diacritics() {
        assert_eq!(key("the West Bank"), "west bank");
        assert_eq!(key("The  Hague"), "hague");
        assert_eq!(key("Kandahār"), "kandahar");
        assert_eq!(key("São Paulo"), "sao paulo");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(key("N’Djamena"), "n'djamena");
        assert_eq!(key("Sāmarrā’"), "samarra");
        assert_eq!(key_of_folded("the  west bank"), "west bank");
        assert_eq!(key_of_folded("the"), "the");
    }

    fn find<'p>(p: &'p Places, words: &[&str], start: usize) -> Option<(usize, &'p PlaceEntry)> {
        let tokens: Vec<Token> = words.iter().map(|w| Token::new(0, w.len(), *w)).collect();
        p.longest_match(&tokens, start)
    }

    fn entry(name: &str, country: &str, population: u64) -> PlaceEntry {
        PlaceEntry { name: name.into(), country: country.into(), lat: 0.0, lon: 0.0, geonames_id: 1, population }
    }

    #[test]
    fn a_file_with_old_keys_reads_as_a_fresh_build() {
        // Before one normaliser, names were stored as written and with
        // their diacritics removed; "Ł" kept its stroke.
        let mut old = Places::default();
        for (k, e) in [
            ("łódź", entry("Łódź", "POL", 680_000)),
            ("łodz", entry("Łódź", "POL", 680_000)),
            ("kandahār", entry("Kandahār", "AFG", 500_000)),
            ("kandahar", entry("Kandahār", "AFG", 500_000)),
        ] {
            old.by_name.entry(k.to_string()).or_default().push(e);
        }
        let mut bytes = Vec::new();
        old.write(&mut bytes).unwrap();
        let p = Places::read(&bytes).unwrap();
        assert_eq!(p.len(), 2);
        for text in ["Łódź", "Lodz", "LODZ"] {
            assert_eq!(find(&p, &[text], 0).map(|(_, e)| e.country.as_str()), Some("POL"), "{text}");
        }
        assert_eq!(p.by_name["kandahar"].len(), 1);
        let mut fresh = Places::default();
        fresh.insert("Łódź", entry("Łódź", "POL", 680_000));
        fresh.insert("Kandahār", entry("Kandahār", "AFG", 500_000));
        assert_eq!(fresh.by_name, p.by_name);
    }

    #[test]
    fn large_cities_are_known_by_the_spellings_news_uses() {
        // Alternate names from GeoNames for cities of 100,000 and more.
        let p = Places::embedded();
        let hodeida = p.by_name.get("hodeida").and_then(|l| l.first()).map(|e| e.country.as_str());
        assert_eq!(hodeida, Some("YEM"));
        assert_eq!(p.by_name.get("kiev").and_then(|l| l.first()).map(|e| e.country.as_str()), Some("UKR"));
    }

    #[test]
    fn a_name_keeps_its_most_populous_places() {
        let mut p = Places::default();
        for i in 0..PER_NAME as u64 + 2 {
            p.insert("Springfield", PlaceEntry { geonames_id: i, ..entry("Springfield", "USA", 1000 * i) });
        }
        let list = &p.by_name["springfield"];
        assert_eq!(list.len(), PER_NAME);
        assert_eq!(list[0].population, 1000 * (PER_NAME as u64 + 1));
        assert_eq!(find(&p, &["in", "Springfield", "today"], 1).map(|m| m.0), Some(2));
    }

    #[test]
    fn embedded_gazetteer_resolves_capitals_and_regions() {
        let p = Places::embedded();
        assert!(p.len() > 30_000, "{}", p.len());
        let (end, e) = find(p, &["in", "the", "West", "Bank", "today"], 1).unwrap();
        assert_eq!((end, e.country.as_str()), (4, "PSE"));
        let (_, cairo) = find(p, &["Cairo"], 0).unwrap();
        assert_eq!(cairo.country, "EGY");
        assert!(find(p, &["unheardofville"], 0).is_none());
        assert_eq!(find(p, &["Kandahār"], 0).map(|m| m.1.country.as_str()), Some("AFG"));
        assert_eq!(find(p, &["Łódź"], 0).map(|m| m.1.country.as_str()), Some("POL"));
    }
}
