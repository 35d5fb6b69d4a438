//! A gazetteer of names used as features by the entity recogniser.
//!
//! Places come from the GeoNames-derived data in `shared/data/geonames`:
//! countries with their short and official forms and demonyms, capitals,
//! cities, first-level subdivisions, US states and world regions. Given names
//! come from the US Census lists in `data/given-names.txt`; the list of
//! well-known organisations is the project's own. `annals train` adds the
//! event coder's actors and roles (organisations, people, agents). Each entry is a token sequence mapped to a set of
//! [`Kind`]s; the recogniser learns how far to trust each kind (a big city is
//! a safer bet than a small town whose name is also an English word).
//!
//! Names are matched on a *key*: the letters and digits of the tokens run
//! together, folded and lower-cased by [`crate::normalize`] (the same
//! folding as the event coder's dictionaries). Keys make matching
//! independent of how a name happens to be tokenised ("Guinea-Bissau" as one
//! token or three, "St. John's" as "St." "John" "'s") and of accents.

use crate::features::hash_str;
use crate::normalize;
use crate::perceptron::{get_varint, put_varint, KeyMap};
use std::borrow::Cow;
use std::io::{self, Read, Write};
use std::path::Path;

/// The kind of a gazetteer entry; an entry may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    Country = 0,
    /// Nationality adjectives and nouns ("Syrian", "Iraqis"): UNER tags
    /// them `O`, so they are a cue *against* an entity.
    Demonym = 1,
    Capital = 2,
    /// Cities of 100,000 people or more.
    City = 3,
    /// Smaller cities and towns.
    Town = 4,
    /// States, provinces and other first-level subdivisions.
    Admin = 5,
    /// Continents and world regions.
    Region = 6,
    /// Organisations: international bodies, parties, armed groups,
    /// companies.
    Org = 7,
    /// Full names of people (political figures, from the event-coding
    /// actor dictionaries).
    Person = 8,
    /// A word seen as the first word of a person's name.
    Given = 9,
    /// A word seen as the last word of a person's name.
    Surname = 10,
    /// Roles and generic actors ("minister", "militia", "spokesman"), which
    /// often stand next to a name.
    Agent = 11,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Country,
        Kind::Demonym,
        Kind::Capital,
        Kind::City,
        Kind::Town,
        Kind::Admin,
        Kind::Region,
        Kind::Org,
        Kind::Person,
        Kind::Given,
        Kind::Surname,
        Kind::Agent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "COUNTRY",
            Kind::Demonym => "DEMONYM",
            Kind::Capital => "CAPITAL",
            Kind::City => "CITY",
            Kind::Town => "TOWN",
            Kind::Admin => "ADMIN",
            Kind::Region => "REGION",
            Kind::Org => "ORG",
            Kind::Person => "PERSON",
            Kind::Given => "GIVEN",
            Kind::Surname => "SURNAME",
            Kind::Agent => "AGENT",
        }
    }

    fn bit(self) -> u16 {
        1 << self as u8
    }
}

/// Where a token lies in a gazetteer match, and the kinds of the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GazTag {
    /// Bit set of [`Kind`]s (bit `k` for `Kind as u8 == k`).
    pub kinds: u16,
    /// First token of the match.
    pub begin: bool,
    /// Last token of the match.
    pub end: bool,
}

impl GazTag {
    pub fn kinds(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| self.kinds & k.bit() != 0)
    }

    /// A compact number for feature hashing: kinds and position together.
    pub fn code(self) -> u64 {
        u64::from(self.kinds) | u64::from(self.begin) << 16 | u64::from(self.end) << 17
    }

    /// Readable form: `B-COUNTRY`, `I-CITY|CAPITAL`.
    pub fn label(self) -> String {
        let kinds: Vec<&str> = self.kinds().map(Kind::as_str).collect();
        format!("{}-{}", if self.begin { "B" } else { "I" }, kinds.join("|"))
    }
}

/// A set of names, each a key (see the module docs) with its kinds.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Key → kinds, kept for writing.
    entries: std::collections::BTreeMap<String, u16>,
    /// Hash of the key → kinds, for matching.
    index: KeyMap<u16>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: {msg}")]
    Json { path: String, msg: String },
}

/// The longest match, in tokens. Punctuation tokens count, so this allows
/// names of five words with a hyphen or a full stop inside.
const MAX_TOKENS: usize = 7;
const MAGIC: &[u8; 8] = b"ANNALSG2";

impl Gazetteer {
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Adds a name with a kind; names without a letter or digit, or with
    /// letters that do not fold to ASCII (other scripts), are ignored.
    pub fn insert(&mut self, name: &str, kind: Kind) {
        let k = key(name);
        if k.is_empty() || !k.is_ascii() {
            return;
        }
        *self.index.entry(hash_str(&k)).or_insert(0) |= kind.bit();
        *self.entries.entry(k).or_insert(0) |= kind.bit();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The kinds of a name, if it is in the gazetteer.
    pub fn get(&self, name: &str) -> Option<GazTag> {
        let kinds = *self.index.get(&hash_str(&key(name)))?;
        Some(GazTag { kinds, begin: true, end: true })
    }

    /// Tags a sentence with its gazetteer matches, leftmost-longest: each
    /// token gets the tag of the match covering it, or `None`. `norms` are
    /// the tokens' [`norm`](crate::Token::norm)s, one per form (a form
    /// without one matches nothing). A match starts and ends on a token with
    /// a letter or digit; a key of three characters or fewer ("US", "UN")
    /// must start with a capital, so that "us" and "un" do not match.
    pub fn lookup(&self, forms: &[&str], norms: &[&str]) -> Vec<Option<GazTag>> {
        let keys: Vec<Cow<str>> = norms.iter().take(forms.len()).map(|n| key_of_norm(n)).collect();
        let mut out = vec![None; forms.len()];
        let mut i = 0;
        while i < keys.len() {
            let mut best: Option<(usize, u16)> = None;
            if !keys[i].is_empty() && !self.index.is_empty() {
                let capital = forms[i].chars().next().is_some_and(char::is_uppercase);
                let mut h = FNV_OFFSET;
                let mut len = 0;
                for (j, k) in keys.iter().enumerate().take(i + MAX_TOKENS).skip(i) {
                    if k.is_empty() {
                        continue;
                    }
                    h = fnv(h, k.as_bytes());
                    len += k.len();
                    if len <= 3 && !capital {
                        continue;
                    }
                    if let Some(&kinds) = self.index.get(&crate::features::mix(h)) {
                        best = Some((j + 1, kinds));
                    }
                }
            }
            match best {
                Some((end, kinds)) => {
                    for (k, slot) in out.iter_mut().enumerate().take(end).skip(i) {
                        *slot = Some(GazTag { kinds, begin: k == i, end: k + 1 == end });
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Builds the gazetteer from `shared_data_dir`: `geonames/` (required),
    /// and `names/` (US Census name lists, used when present).
    pub fn build(shared_data_dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let dir = shared_data_dir.join("geonames");
        let mut g = Gazetteer::new();

        let countries = read_json(&dir.join("countries.json"))?;
        for (_, c) in entries(&countries) {
            g.insert(text(c, "name"), Kind::Country);
            g.insert(text(c, "capital"), Kind::Capital);
        }

        let info_dir = dir.join("countryinfo");
        let listing = std::fs::read_dir(&info_dir)
            .map_err(|source| GazetteerError::Io { path: info_dir.display().to_string(), source })?;
        let mut files: Vec<_> = listing
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let c = read_json(&path)?;
            g.insert(text(&c, "name"), Kind::Country);
            g.insert(text(&c, "capital"), Kind::Capital);
            for alt in c.get("altSpellings").map(items).unwrap_or_default() {
                let alt = alt.as_str().unwrap_or("");
                // Two- and three-letter codes ("FR", "FRA") are mostly noise.
                if !(alt.len() <= 3 && alt.chars().all(|c| c.is_ascii_uppercase())) {
                    g.insert(alt, Kind::Country);
                }
            }
            for d in text(&c, "demonym").split(',') {
                insert_demonym(&mut g, d.trim());
            }
            for p in c.get("provinces").map(items).unwrap_or_default() {
                g.insert(p.as_str().unwrap_or(""), Kind::Admin);
            }
            for r in ["region", "subregion", "intermediateregion"] {
                g.insert(text(&c, r), Kind::Region);
            }
        }

        let iso1 = read_json(&dir.join("iso").join("iso3166-1.json"))?;
        for c in iso1.get("3166-1").map(items).unwrap_or_default() {
            for f in ["name", "common_name", "official_name"] {
                // "Korea, Republic of" is a catalogue form, not a name in text.
                if !text(c, f).contains(',') {
                    g.insert(text(c, f), Kind::Country);
                }
            }
        }
        let iso2 = read_json(&dir.join("iso").join("iso3166-2.json"))?;
        for s in iso2.get("3166-2").map(items).unwrap_or_default() {
            if s.get("parent").is_none() {
                let name = text(s, "name");
                let name = name.split(['(', ',', '[']).next().unwrap_or("").trim();
                g.insert(name, Kind::Admin);
            }
        }
        let states = read_json(&dir.join("us_states.json"))?;
        for (_, s) in entries(&states) {
            g.insert(text(s, "name"), Kind::Admin);
        }
        let continents = read_json(&dir.join("continents.json"))?;
        for (_, c) in entries(&continents) {
            g.insert(text(c, "asciiName"), Kind::Region);
        }

        let cities = read_json(&dir.join("cities15000.json"))?;
        for (_, c) in entries(&cities) {
            let pop = c.get("population").and_then(Json::as_f64).unwrap_or(0.0);
            let kind = if pop >= 100_000.0 { Kind::City } else { Kind::Town };
            g.insert(text(c, "name"), kind);
            // Alternate names are mostly transliterations into other
            // languages; only the largest cities' Latin-script ones are worth
            // their space ("Bombay", "Peking", "Kiev", "New York").
            if pop >= 1_000_000.0 {
                for a in c.get("alternatenames").map(items).unwrap_or_default() {
                    let a = a.as_str().unwrap_or("");
                    let latin = a.chars().all(|ch| ch.is_ascii_alphabetic() || " .'-".contains(ch));
                    if latin && a.len() >= 4 && a.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                        g.insert(a, Kind::City);
                    }
                }
            }
        }

        for name in list(GIVEN_NAMES) {
            g.insert(name, Kind::Given);
        }

        for name in EXTRA_COUNTRIES.split('|') {
            g.insert(name, Kind::Country);
        }
        for name in EXTRA_DEMONYMS.split('|') {
            insert_demonym(&mut g, name);
        }
        for name in EXTRA_REGIONS.split('|') {
            g.insert(name, Kind::Region);
        }
        for name in list(ORGS) {
            g.insert(name, Kind::Org);
        }
        Ok(g)
    }

    /// Writes the gazetteer: keys sorted, each with its kinds, deflated.
    pub fn write<W: Write>(&self, out: W) -> io::Result<()> {
        let mut z = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        z.write_all(MAGIC)?;
        put_varint(&mut z, self.entries.len() as u64)?;
        for (k, &kinds) in &self.entries {
            put_varint(&mut z, u64::from(kinds))?;
            put_varint(&mut z, k.len() as u64)?;
            z.write_all(k.as_bytes())?;
        }
        z.finish()?;
        Ok(())
    }

    /// Reads a gazetteer written by [`Gazetteer::write`].
    pub fn read<R: Read>(input: R) -> io::Result<Gazetteer> {
        let mut z = io::BufReader::new(flate2::read::DeflateDecoder::new(input));
        let mut magic = [0u8; 8];
        z.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(bad("not an annals gazetteer"));
        }
        let n = get_varint(&mut z)?;
        let mut g = Gazetteer::new();
        for _ in 0..n {
            let kinds = u16::try_from(get_varint(&mut z)?).map_err(|_| bad("corrupt gazetteer kinds"))?;
            let len = get_varint(&mut z)?;
            if len > 1 << 10 {
                return Err(bad("corrupt gazetteer entry"));
            }
            let mut b = vec![0u8; len as usize];
            z.read_exact(&mut b)?;
            let k = String::from_utf8(b).map_err(|_| bad("gazetteer key is not UTF-8"))?;
            g.index.insert(hash_str(&k), kinds);
            g.entries.insert(k, kinds);
        }
        Ok(g)
    }
}

/// Given names from the US Census (see the file's header); surnames were
/// tried too and did not help: too many of them are also common words.
const GIVEN_NAMES: &str = include_str!("../data/given-names.txt");

/// Well-known organisations, the project's own list.
const ORGS: &str = include_str!("../data/orgs.txt");

/// The names of a list file: one per line, `#` comments and blank lines skipped.
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

/// Adds a demonym and its plural ("Syrian" → "Syrians", "Iraqi" → "Iraqis").
fn insert_demonym(g: &mut Gazetteer, d: &str) {
    g.insert(d, Kind::Demonym);
    if d.ends_with(['n', 'i']) {
        g.insert(&format!("{d}s"), Kind::Demonym);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes`, continuing from `h`: hashing keys token by token
/// gives the same value as [`hash_str`] on their concatenation (after mixing).
#[inline]
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The matching key of a name or token: the letters and digits of its
/// [folded](crate::normalize), lower-cased form ("Curaçao" → "curacao",
/// "Guinea-Bissau" → "guineabissau").
pub fn key(s: &str) -> String {
    key_of_norm(&normalize::fold_lower(s)).into_owned()
}

/// The key of a token from its [`norm`](crate::Token::norm): the norm
/// itself when it is all letters and digits, as most words are.
fn key_of_norm(norm: &str) -> Cow<'_, str> {
    if norm.chars().all(char::is_alphanumeric) {
        Cow::Borrowed(norm)
    } else {
        Cow::Owned(norm.chars().filter(|c| c.is_alphanumeric()).collect())
    }
}

/// Common names missing from the sources or spelled differently there.
const EXTRA_COUNTRIES: &str = "US|U.S.|USA|U.S.A.|America|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|\
    Northern Ireland|UAE|DRC|DR Congo|Congo|Holland|Burma|Russia|Syria|Iran|North Korea|\
    South Korea|Vietnam|Laos|Palestine|Soviet Union|USSR|Czech Republic|Czechia|Ivory Coast|\
    Vatican|Kosovo";

const EXTRA_DEMONYMS: &str = "English|Scottish|Welsh|Irish|Briton|Scot|Palestinian|Kurd|Kurdish|Arab|Arabic|European|\
    African|Asian|Latino|Hispanic|Soviet|Persian|Muslim|Christian|Jewish|Jew|Catholic|\
    Protestant|Sunni|Shia|Shiite|Islamic|Hindu|Buddhist|Western|Eastern|Pashtun|Baloch|\
    Uighur|Uyghur|Tamil|Sikh|Yazidi|Druze|Bedouin|Israelis|Americans";

const EXTRA_REGIONS: &str = "Middle East|Near East|Far East|Gulf|Persian Gulf|West Bank|Gaza|Gaza Strip|Golan Heights|\
    Sinai|Balkans|Caucasus|Sahel|Maghreb|Horn of Africa|Southeast Asia|South Asia|East Asia|\
    Central Asia|Central Africa|West Africa|East Africa|North Africa|Latin America|\
    Central America|Scandinavia|Kashmir|Darfur|Kurdistan|Crimea|Donbas|Donbass|Tibet|\
    Xinjiang|Siberia|Patagonia|Amazon|Mediterranean|Baltic|Arctic|Antarctic|Pacific|Atlantic|\
    Indian Ocean|Black Sea|Red Sea|Caspian Sea|South China Sea|Korean Peninsula|\
    Arabian Peninsula|Levant|Midwest|New England|Silicon Valley|Wall Street";

fn read_json(path: &Path) -> Result<Json, GazetteerError> {
    let bytes =
        std::fs::read(path).map_err(|source| GazetteerError::Io { path: path.display().to_string(), source })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| GazetteerError::Json { path: path.display().to_string(), msg: e.to_string() })
}

use serde_json::Value as Json;

/// The string at `k`, or "" when absent or not a string.
fn text<'a>(v: &'a Json, k: &str) -> &'a str {
    v.get(k).and_then(Json::as_str).unwrap_or("")
}

fn items(v: &Json) -> Vec<&Json> {
    v.as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

fn entries(v: &Json) -> Vec<(&str, &Json)> {
    v.as_object().map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Gazetteer {
        let mut g = Gazetteer::new();
        g.insert("New York", Kind::City);
        g.insert("New York City", Kind::City);
        g.insert("York", Kind::Town);
        g.insert("Guinea-Bissau", Kind::Country);
        g.insert("Curaçao", Kind::Country);
        g.insert("Syrian", Kind::Demonym);
        g.insert("US", Kind::Country);
        g.insert("Georgia", Kind::Country);
        g.insert("Georgia", Kind::Admin);
        g
    }

    fn lookup(g: &Gazetteer, forms: &[&str]) -> Vec<Option<GazTag>> {
        let norms: Vec<String> = forms.iter().map(|f| normalize::fold_lower(f)).collect();
        g.lookup(forms, &norms.iter().map(String::as_str).collect::<Vec<_>>())
    }

    fn labels(g: &Gazetteer, s: &str) -> Vec<String> {
        let forms: Vec<&str> = s.split(' ').collect();
        lookup(g, &forms).iter().map(|t| t.map_or("O".into(), GazTag::label)).collect()
    }

    #[test]
    fn keys_fold_case_accents_and_punctuation() {
        assert_eq!(key("Curaçao"), "curacao");
        assert_eq!(key("Guinea-Bissau"), "guineabissau");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(key("St. John's"), "stjohns");
        assert_eq!(key("Москва"), "москва");
        assert_eq!(key("-"), "");
        // Letters outside Latin-1 and Extended-A fold too now.
        assert_eq!(key("București"), "bucuresti");
        assert_eq!(key("Hà Nội"), "hanoi");
    }

    /// The keys stored in the trained entity model were made before
    /// [`crate::normalize`], by a table of its own for Latin-1 and Latin
    /// Extended-A (other letters kept, lower-cased). Every character there
    /// keys as it did, except the ligatures `Œ œ Ĳ ĳ`, which the table cut
    /// to one letter and which no GeoNames name contains: the model's
    /// gazetteer features are computed as when it was trained.
    #[test]
    fn keys_are_those_the_trained_model_stored() {
        const OLD_EXTENDED_A: &[u8; 128] =
            b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiijjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
        let old_letter = |c: char| -> Option<String> {
            let s = match c {
                'À'..='Å' | 'à'..='å' => "a",
                'Æ' | 'æ' => "ae",
                'Ç' | 'ç' => "c",
                'È'..='Ë' | 'è'..='ë' => "e",
                'Ì'..='Ï' | 'ì'..='ï' => "i",
                'Ð' | 'ð' => "d",
                'Ñ' | 'ñ' => "n",
                'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => "o",
                'Ù'..='Ü' | 'ù'..='ü' => "u",
                'Ý' | 'ý' | 'ÿ' => "y",
                'ß' => "ss",
                'Þ' | 'þ' => "th",
                '\u{100}'..='\u{17f}' => return Some(char::from(OLD_EXTENDED_A[c as usize - 0x100]).to_string()),
                _ => return None,
            };
            Some(s.to_string())
        };
        let old_key = |s: &str| -> String {
            let mut out = String::new();
            for c in s.chars() {
                if c.is_ascii_alphanumeric() {
                    out.push(c.to_ascii_lowercase());
                } else if !c.is_ascii() && c.is_alphanumeric() {
                    match old_letter(c) {
                        Some(f) => out.push_str(&f),
                        None => out.extend(c.to_lowercase()),
                    }
                }
            }
            out
        };
        let mut folded = 0;
        for c in '\u{0}'..='\u{17f}' {
            if "ŒœĲĳ".contains(c) {
                continue;
            }
            let s = c.to_string();
            assert_eq!(key(&s), old_key(&s), "{c:?}");
            folded += usize::from(old_letter(c).is_some());
        }
        // 62 letters of Latin-1, 128 of Extended-A less the four ligatures.
        assert_eq!(folded, 62 + 124);
        for name in ["Curaçao", "Guinea-Bissau", "Côte d’Ivoire", "Łódź", "São Tomé", "Þórshöfn", "Straße", "ŉ"]
        {
            assert_eq!(key(name), old_key(name), "{name}");
        }
        assert_eq!((key("Œ"), old_key("Œ")), ("oe".to_string(), "o".to_string()));
    }

    #[test]
    fn keys_come_from_the_norm() {
        // A name's key is its tokens' keys run together, which is what
        // `lookup` hashes token by token.
        let tokens = ["Côte", "d", "’", "Ivoire", "St.", "John", "'s", "-"];
        let joined: String = tokens.iter().map(|t| key_of_norm(&normalize::fold_lower(t)).into_owned()).collect();
        assert_eq!(joined, key("Côte d’Ivoire St. John's -"));
        assert!(matches!(key_of_norm("cairo"), Cow::Borrowed("cairo")));
        // Names in other scripts are not stored: they could never match.
        let mut g = Gazetteer::new();
        g.insert("Москва", Kind::City);
        g.insert("București", Kind::Capital);
        assert_eq!(g.len(), 1);
        assert_eq!(labels(&g, "in Bucuresti"), ["O", "B-CAPITAL"]);
        assert_eq!(labels(&g, "in Bucureşti"), ["O", "B-CAPITAL"]);
    }

    #[test]
    fn matches_longest_names_across_tokenisations() {
        let g = tiny();
        assert_eq!(labels(&g, "I love New York City !"), ["O", "O", "B-CITY", "I-CITY", "I-CITY", "O"]);
        assert_eq!(labels(&g, "new york and York"), ["B-CITY", "I-CITY", "O", "B-TOWN"]);
        assert_eq!(labels(&g, "Guinea - Bissau , Curacao"), ["B-COUNTRY", "I-COUNTRY", "I-COUNTRY", "O", "B-COUNTRY"]);
        assert_eq!(labels(&g, "the Syrian border"), ["O", "B-DEMONYM", "O"]);
        assert_eq!(labels(&g, "Georgia"), ["B-COUNTRY|ADMIN"]);
        // Short keys need a capital: "us" is a pronoun.
        assert_eq!(labels(&g, "tell us about the US"), ["O", "O", "O", "O", "B-COUNTRY"]);
        assert!(g.lookup(&[], &[]).is_empty());
        // A form without its norm matches nothing; no panic.
        assert_eq!(g.lookup(&["New", "York"], &["new"]), [None, None]);
        assert_eq!(g.lookup(&["York"], &["york", "extra"]).len(), 1);
        let t = lookup(&g, &["New", "York"]);
        assert!(t[0].unwrap().begin && !t[0].unwrap().end && t[1].unwrap().end);
    }

    #[test]
    fn round_trips() {
        let g = tiny();
        let mut buf = Vec::new();
        g.write(&mut buf).unwrap();
        let h = Gazetteer::read(&buf[..]).unwrap();
        assert_eq!(h.len(), g.len());
        assert_eq!(labels(&h, "I love New York City !"), labels(&g, "I love New York City !"));
        assert!(Gazetteer::read(&b"garbage"[..]).is_err());
        assert_eq!(h.get("georgia").unwrap().kinds().count(), 2);
    }

    /// Builds the real gazetteer from the shared data (skipped without it,
    /// unless `ANNALS_REQUIRE_SHARED=1`).
    #[test]
    fn builds_from_geonames() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if !dir.join("geonames").exists() {
            assert!(std::env::var_os("ANNALS_REQUIRE_SHARED").is_none_or(|v| v != "1"), "no {}", dir.display());
            eprintln!("skipping: no geonames data in {}", dir.display());
            return;
        }
        let dir = dir.as_path();
        let g = Gazetteer::build(dir).unwrap();
        let mut buf = Vec::new();
        g.write(&mut buf).unwrap();
        eprintln!("{} entries, {} bytes", g.len(), buf.len());
        for (s, want) in [
            ("France", Kind::Country),
            ("French", Kind::Demonym),
            ("Paris", Kind::Capital),
            ("Bombay", Kind::City),
            ("Texas", Kind::Admin),
            ("Africa", Kind::Region),
            ("Côte d'Ivoire", Kind::Country),
            ("George", Kind::Given),
            ("Hezbollah", Kind::Org),
        ] {
            let t = g.get(s).unwrap_or_else(|| panic!("{s} missing"));
            assert!(t.kinds().any(|k| k == want), "{s}: {}", t.label());
        }
        assert!(buf.len() < 1_500_000);
    }
}
