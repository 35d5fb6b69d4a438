//! The event ontologies: CAMEO codes (names, Goldstein scores, quad classes)
//! and the CAMEO → PLOVER crosswalk (category, mode, context).
//!
//! Both are plain tab-separated files in `data/`, embedded at compile time so
//! the binary needs nothing at run time, yet readable and diffable by the
//! analysts who audit a coding. The same parsers read user-supplied files and
//! report problems as `file:line: message` instead of panicking.
//!
//! ```
//! let ont = annals_code::ontology::get();
//! let c = ont.cameo("0841").unwrap();
//! assert_eq!((c.name.as_str(), c.goldstein, c.quad_class), ("Return, release person(s)", 7.0, 2));
//! assert_eq!(ont.plover("0841").unwrap().category, "RETREAT");
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

pub(crate) const CAMEO_TSV: &str = include_str!("../data/cameo.tsv");
pub(crate) const PLOVER_TSV: &str = include_str!("../data/plover.tsv");
const CAMEO_FILE: &str = "annals-code/data/cameo.tsv";
const PLOVER_FILE: &str = "annals-code/data/plover.tsv";

/// The current PLOVER event categories, the only values `plover` may take
/// in output (besides `""`).
pub const PLOVER_CATEGORIES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// Older PLOVER category names and their current equivalents, so crosswalks
/// written against earlier drafts still load. YIELD is absent on purpose: it
/// was split into CONCEDE (verbal) and RETREAT (material) and cannot be
/// renamed mechanically.
pub const PLOVER_RENAMES: [(&str, &str); 4] =
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT")];

/// The modes the PLOVER manual (draft 0.8) defines per category; categories
/// not listed have no modes.
pub const PLOVER_MODES: [(&str, &[&str]); 11] = [
    ("CONSULT", &["visit", "third-party", "multilateral", "phone"]),
    ("RETREAT", &["withdraw", "release", "disarm", "ceasefire", "access", "resign"]),
    ("REQUEST", &["assist", "change", "yield", "meet"]),
    ("ACCUSE", &["disapprove", "investigate", "allege"]),
    ("REJECT", &["assist", "change", "yield", "meet"]),
    ("THREATEN", &["restrict", "arrest", "relations", "expel", "territory", "violence"]),
    ("PROTEST", &["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"]),
    ("SANCTION", &["convict", "expel", "withdraw", "discontinue"]),
    ("MOBILIZE", &["troops", "weapons", "police", "militia"]),
    (
        "COERCE",
        &[
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
    ),
    (
        "ASSAULT",
        &[
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
    ),
];

/// The modes PLOVER defines for `category` (empty if it has none or is unknown).
pub fn plover_modes(category: &str) -> &'static [&'static str] {
    PLOVER_MODES.iter().find(|(c, _)| *c == category).map_or(&[], |(_, modes)| modes)
}

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CameoCode {
    /// Two to four digits, e.g. `"0841"`.
    pub code: String,
    /// The codebook's short name, e.g. `"Return, release person(s)"`.
    pub name: String,
    /// Conflict (−10) to cooperation (+10) weight.
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict; derived from the root, never stored.
    pub quad_class: u8,
}

/// One row of the CAMEO → PLOVER crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PloverEntry {
    /// The CAMEO code of the row; a parent's code when a lookup fell back.
    pub code: String,
    /// Current PLOVER category, `""` when PLOVER has none (CAMEO 01, 02).
    pub category: String,
    /// PLOVER mode, `""` if none.
    pub mode: String,
    /// PLOVER context(s), several separated by `"; "`, `""` if none.
    pub context: String,
}

/// A problem in an ontology file, located so the analyst can fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OntologyError {
    /// A line that is malformed or inconsistent with the rest of the data.
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The name the file was given to the parser.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

fn invalid(file: &str, line: usize, message: impl Into<String>) -> OntologyError {
    OntologyError::Invalid { file: file.to_string(), line, message: message.into() }
}

/// The CAMEO ontology and the PLOVER crosswalk, indexed by code.
#[derive(Debug, Clone, Default)]
pub struct Ontology {
    codes: Vec<CameoCode>,
    by_code: HashMap<String, usize>,
    plover: HashMap<String, PloverEntry>,
}

impl Ontology {
    /// Builds an ontology from the texts of a CAMEO file and a crosswalk file
    /// (formats as in `data/cameo.tsv` and `data/plover.tsv`). Every crosswalk
    /// row must name a code of the CAMEO file.
    ///
    /// # Errors
    /// The first problem found in either file, as `file:line: message`.
    pub fn from_texts(
        cameo_text: &str,
        cameo_name: &str,
        plover_text: &str,
        plover_name: &str,
    ) -> Result<Self, OntologyError> {
        let codes = parse_cameo(cameo_text, cameo_name)?;
        let by_code: HashMap<String, usize> = codes.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let mut plover = HashMap::new();
        for (line, entry) in parse_plover_lines(plover_text, plover_name)? {
            if !by_code.contains_key(&entry.code) {
                return Err(invalid(plover_name, line, format!("code {} is not in {cameo_name}", entry.code)));
            }
            plover.insert(entry.code.clone(), entry);
        }
        Ok(Self { codes, by_code, plover })
    }

    /// The CAMEO code `code`, if defined.
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.by_code.get(code).map(|&i| &self.codes[i]).or_else(|| custom(code))
    }

    /// The crosswalk row for `code`, or for its nearest ancestor when the
    /// code has no row of its own (user files need not list every leaf).
    /// A row with an empty category means PLOVER has no equivalent.
    pub fn plover(&self, code: &str) -> Option<&PloverEntry> {
        let mut code = code;
        loop {
            if let Some(entry) = self.plover.get(code) {
                return Some(entry);
            }
            code = parent(code)?;
        }
    }

    /// All CAMEO codes, in file order (each parent before its children in the
    /// embedded file).
    pub fn codes(&self) -> &[CameoCode] {
        &self.codes
    }
}

fn customs() -> &'static std::sync::RwLock<HashMap<String, &'static CameoCode>> {
    static C: OnceLock<std::sync::RwLock<HashMap<String, &'static CameoCode>>> = OnceLock::new();
    C.get_or_init(Default::default)
}

fn custom(code: &str) -> Option<&'static CameoCode> {
    customs().read().ok()?.get(code).copied()
}

/// Makes a code that a user's dictionary defines outside CAMEO known (the
/// PETRARCH validation files use `903`, `1717`, `174K`): it takes the name,
/// weight and quad class of its nearest CAMEO ancestor, if any, and is
/// known to [`Ontology::cameo`] from then on, for the rest of the process.
pub fn register_custom(code: &str) {
    if get().by_code.contains_key(code) || custom(code).is_some() {
        return;
    }
    let mut anc = parent(code);
    let base = loop {
        match anc {
            Some(a) => match get().by_code.get(a) {
                Some(&i) => break Some(&get().codes[i]),
                None => anc = parent(a),
            },
            None => break None,
        }
    };
    let root: Option<u8> = code.get(..2).and_then(|r| r.parse().ok());
    let quad_class = match root {
        Some(1..=5) => 1,
        Some(6..=8) => 2,
        Some(9..=13) => 3,
        Some(14..=20) => 4,
        _ => 0,
    };
    let c = CameoCode {
        code: code.to_string(),
        name: base
            .map_or_else(|| format!("dictionary code {code}"), |b| format!("{} (dictionary code {code})", b.name)),
        goldstein: base.map_or(0.0, |b| b.goldstein),
        quad_class,
    };
    if let Ok(mut m) = customs().write() {
        m.entry(code.to_string()).or_insert_with(|| Box::leak(Box::new(c)));
    }
}

/// The embedded ontology, built on first use.
///
/// The embedded files are checked by this module's tests; should they ever
/// fail to parse, this returns an empty ontology (every lookup `None`)
/// rather than panicking. Use [`try_get`] to see the error.
pub fn get() -> &'static Ontology {
    static EMPTY: OnceLock<Ontology> = OnceLock::new();
    try_get().unwrap_or_else(|_| EMPTY.get_or_init(Ontology::default))
}

/// The embedded ontology, or the error that kept it from loading.
///
/// # Errors
/// Only if the embedded files are broken, which the tests rule out.
pub fn try_get() -> Result<&'static Ontology, &'static OntologyError> {
    static ONTOLOGY: OnceLock<Result<Ontology, OntologyError>> = OnceLock::new();
    ONTOLOGY.get_or_init(|| Ontology::from_texts(CAMEO_TSV, CAMEO_FILE, PLOVER_TSV, PLOVER_FILE)).as_ref()
}

/// The two-digit root (cue category) of a code: `"0841"` → `"08"`. Input
/// shorter than two bytes, or not splittable there, is returned unchanged.
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The parent of a code (`"0841"` → `"084"`, `"084"` → `"08"`); `None` for
/// roots and for strings that are not CAMEO codes.
pub fn parent(code: &str) -> Option<&str> {
    if is_code(code) && code.len() > 2 {
        Some(&code[..code.len() - 1])
    } else {
        None
    }
}

/// The quad class of a code, from its root: 01–05 verbal cooperation (1),
/// 06–08 material cooperation (2), 09–13 verbal conflict (3), 14–20
/// material conflict (4).
pub fn quad_class(code: &str) -> Option<u8> {
    if !is_code(code) {
        return None;
    }
    match root(code).parse::<u8>().ok()? {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// Two to four ASCII digits whose root is 01–20.
fn is_code(code: &str) -> bool {
    (2..=4).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_digit())
        && matches!(code[..2].parse::<u8>(), Ok(1..=20))
}

/// The data lines of a file: (1-based line number, tab-separated fields),
/// skipping blank lines and `#` comments and tolerating CRLF endings.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

fn check_code(code: &str, file: &str, line: usize) -> Result<(), OntologyError> {
    if is_code(code) {
        Ok(())
    } else {
        Err(invalid(
            file,
            line,
            format!("invalid CAMEO code {code:?}: expected 2 to 4 digits with a root from 01 to 20"),
        ))
    }
}

/// Parses a CAMEO file: `code<TAB>goldstein<TAB>name` per line. Codes must be
/// unique, Goldstein values in [−10, 10], and every code's parent defined
/// (anywhere in the file). `name` labels the file in errors.
///
/// # Errors
/// The first malformed or inconsistent line, as `name:line: message`.
pub fn parse_cameo(text: &str, name: &str) -> Result<Vec<CameoCode>, OntologyError> {
    let mut codes = Vec::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    for (line, fields) in data_lines(text) {
        let [code, goldstein, label] = fields[..] else {
            return Err(invalid(
                name,
                line,
                format!("expected 3 tab-separated fields (code, goldstein, name), found {}", fields.len()),
            ));
        };
        check_code(code, name, line)?;
        let goldstein: f32 =
            goldstein.parse().map_err(|_| invalid(name, line, format!("invalid Goldstein value {goldstein:?}")))?;
        if !(-10.0..=10.0).contains(&goldstein) {
            return Err(invalid(name, line, format!("Goldstein value {goldstein} is outside [-10, 10]")));
        }
        if label.is_empty() {
            return Err(invalid(name, line, format!("code {code} has an empty name")));
        }
        if let Some(first) = lines.insert(code.to_string(), line) {
            return Err(invalid(name, line, format!("duplicate code {code} (first on line {first})")));
        }
        codes.push(CameoCode {
            code: code.to_string(),
            name: label.to_string(),
            goldstein,
            quad_class: quad_class(code).unwrap_or_default(),
        });
    }
    for c in &codes {
        if let Some(p) = parent(&c.code) {
            if !lines.contains_key(p) {
                return Err(invalid(
                    name,
                    lines[&c.code],
                    format!("code {} has no parent: {p} is not defined", c.code),
                ));
            }
        }
    }
    Ok(codes)
}

/// Parses a crosswalk file: `code<TAB>category<TAB>mode<TAB>context` per
/// line (trailing empty fields may be omitted). Categories must be current
/// PLOVER names or empty; older names (see [`PLOVER_RENAMES`]) are renamed.
/// Modes and contexts are free, as PLOVER allows extensions. `name` labels
/// the file in errors.
///
/// # Errors
/// The first malformed line, unknown category or duplicate code, as
/// `name:line: message`.
pub fn parse_plover(text: &str, name: &str) -> Result<Vec<PloverEntry>, OntologyError> {
    Ok(parse_plover_lines(text, name)?.into_iter().map(|(_, e)| e).collect())
}

fn parse_plover_lines(text: &str, name: &str) -> Result<Vec<(usize, PloverEntry)>, OntologyError> {
    let mut entries = Vec::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    for (line, fields) in data_lines(text) {
        if !(2..=4).contains(&fields.len()) {
            return Err(invalid(
                name,
                line,
                format!("expected 2 to 4 tab-separated fields (code, category, mode, context), found {}", fields.len()),
            ));
        }
        let code = fields[0];
        check_code(code, name, line)?;
        let category = canonical_category(fields[1]).map_err(|m| invalid(name, line, m))?;
        let mode = fields.get(2).copied().unwrap_or_default();
        let context = fields.get(3).copied().unwrap_or_default();
        if category.is_empty() && !(mode.is_empty() && context.is_empty()) {
            return Err(invalid(name, line, format!("code {code} has a mode or context but no category")));
        }
        if let Some(first) = lines.insert(code.to_string(), line) {
            return Err(invalid(name, line, format!("duplicate code {code} (first on line {first})")));
        }
        let entry = PloverEntry {
            code: code.to_string(),
            category: category.to_string(),
            mode: mode.to_string(),
            context: context.to_string(),
        };
        entries.push((line, entry));
    }
    Ok(entries)
}

/// The current name for a category as written in a crosswalk file.
fn canonical_category(raw: &str) -> Result<&'static str, String> {
    let upper = raw.to_ascii_uppercase();
    if upper.is_empty() {
        return Ok("");
    }
    if let Some(c) = PLOVER_CATEGORIES.iter().find(|c| **c == upper) {
        return Ok(c);
    }
    if let Some((_, c)) = PLOVER_RENAMES.iter().find(|(old, _)| *old == upper) {
        return Ok(c);
    }
    if upper == "YIELD" {
        return Err("YIELD was split into CONCEDE (verbal) and RETREAT (material): use one of those".to_string());
    }
    Err(format!("unknown PLOVER category {raw:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn ont() -> &'static Ontology {
        match try_get() {
            Ok(o) => o,
            Err(e) => panic!("embedded ontology does not load: {e}"),
        }
    }

    /// Contexts the PLOVER manual (draft 0.8) defines.
    const CONTEXTS: [&str; 37] = [
        "military",
        "intelligence",
        "executive",
        "legislative",
        "election",
        "political_institutions",
        "pro_democracy",
        "pro_autocracy",
        "economic",
        "legal",
        "reparations",
        "human_rights",
        "rights_freedoms",
        "repression",
        "human_security",
        "gender",
        "lgbt",
        "religion_ethnicity",
        "inequality",
        "diplomatic",
        "territory",
        "peacekeeping",
        "health",
        "asylum",
        "migration",
        "disasters",
        "natural_resource",
        "environment",
        "technology",
        "terrorism",
        "cbrn",
        "cyber",
        "misinformation",
        "crime",
        "corruption",
        "illegal_drugs",
        "trafficking",
    ];

    #[test]
    fn all_twenty_roots_present() {
        for r in 1..=20 {
            let code = format!("{r:02}");
            assert!(ont().cameo(&code).is_some(), "root {code} missing");
        }
        let roots = ont().codes().iter().filter(|c| c.code.len() == 2).count();
        assert_eq!(roots, 20);
    }

    #[test]
    fn every_parent_exists_and_codes_are_unique() {
        let mut seen = HashSet::new();
        for c in ont().codes() {
            assert!(seen.insert(c.code.as_str()), "duplicate {}", c.code);
            if let Some(p) = parent(&c.code) {
                assert!(ont().cameo(p).is_some(), "{} has no parent {p}", c.code);
            }
        }
    }

    #[test]
    fn goldstein_in_range_and_quad_class_follows_root() {
        for c in ont().codes() {
            assert!((-10.0..=10.0).contains(&c.goldstein), "{} {}", c.code, c.goldstein);
            assert_eq!(Some(c.quad_class), quad_class(root(&c.code)), "{}", c.code);
        }
    }

    #[test]
    fn code_count_is_as_expected() {
        // 311 codes in GDELT's CAMEO table, plus 1213, 1214 and 176.
        assert_eq!(ont().codes().len(), 314);
    }

    #[test]
    fn spot_checks() {
        let check = |code: &str, name: &str, goldstein: f32, quad: u8| {
            let c = ont().cameo(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!((c.name.as_str(), c.goldstein, c.quad_class), (name, goldstein, quad), "{code}");
        };
        check("01", "Make public statement", 0.0, 1);
        check("0841", "Return, release person(s)", 7.0, 2);
        check("046", "Engage in negotiation", 7.0, 1);
        check("190", "Use conventional military force, not specified below", -10.0, 4);
        check("1823", "Kill by physical assault", -10.0, 4);
        check("112", "Accuse, not specified below", -2.0, 3);
        check("0874", "Retreat or surrender militarily", 10.0, 2);
        check("016", "Deny responsibility", -2.0, 1);
        assert!(ont().cameo("0843").is_none());
        assert!(ont().cameo("21").is_none());
    }

    #[test]
    fn every_code_has_its_own_plover_row() {
        for c in ont().codes() {
            let p = ont().plover(&c.code).unwrap_or_else(|| panic!("{} has no PLOVER row", c.code));
            assert_eq!(p.code, c.code);
        }
    }

    #[test]
    fn plover_spot_checks() {
        let check = |code: &str, category: &str, mode: &str| {
            let p = ont().plover(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!((p.category.as_str(), p.mode.as_str()), (category, mode), "{code}");
        };
        check("036", "AGREE", "");
        check("0841", "RETREAT", "release");
        check("0813", "CONCEDE", "");
        check("190", "ASSAULT", "");
        check("195", "ASSAULT", "aerial");
        check("173", "COERCE", "arrest");
        check("1123", "ACCUSE", "allege");
        check("163", "SANCTION", "discontinue");
        check("010", "", "");
        check("02", "", "");
    }

    #[test]
    fn plover_vocabulary_is_the_manuals() {
        for c in ont().codes() {
            let p = ont().plover(&c.code).unwrap_or_else(|| panic!("{}", c.code));
            if p.category.is_empty() {
                assert!(c.code.starts_with("01") || c.code.starts_with("02"), "{} has no category", c.code);
                continue;
            }
            assert!(PLOVER_CATEGORIES.contains(&p.category.as_str()), "{}: {}", c.code, p.category);
            assert!(
                p.mode.is_empty() || plover_modes(&p.category).contains(&p.mode.as_str()),
                "{}: {}",
                c.code,
                p.mode
            );
            for ctx in p.context.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                assert!(CONTEXTS.contains(&ctx), "{}: context {ctx}", c.code);
            }
        }
    }

    #[test]
    fn root_parent_and_quad_class() {
        assert_eq!(root("0841"), "08");
        assert_eq!(root("1"), "1");
        assert_eq!(parent("0841"), Some("084"));
        assert_eq!(parent("084"), Some("08"));
        assert_eq!(parent("08"), None);
        assert_eq!(parent("abc"), None);
        assert_eq!(quad_class("057"), Some(1));
        assert_eq!(quad_class("0841"), Some(2));
        assert_eq!(quad_class("139"), Some(3));
        assert_eq!(quad_class("2042"), Some(4));
        assert_eq!(quad_class("21"), None);
        assert_eq!(quad_class("x1"), None);
    }

    #[test]
    fn malformed_line_reports_file_and_line() {
        let text = "# header\n01\t0.0\tMake public statement\n\n010\tzero\tMake statement\n";
        let err = parse_cameo(text, "user.tsv").unwrap_err();
        assert_eq!(err.to_string(), "user.tsv:4: invalid Goldstein value \"zero\"");

        let err = parse_cameo("01\t0.0\n", "a.tsv").unwrap_err().to_string();
        assert!(err.starts_with("a.tsv:1: expected 3"), "{err}");
        let err = parse_cameo("01\t0.0\tA\n1x\t0.0\tB\n", "a.tsv").unwrap_err().to_string();
        assert!(err.starts_with("a.tsv:2: invalid CAMEO code"), "{err}");
        let err = parse_cameo("01\t11\tA\n", "a.tsv").unwrap_err().to_string();
        assert!(err.starts_with("a.tsv:1: Goldstein value 11"), "{err}");
        let err = parse_cameo("01\t0\tA\r\n01\t0\tB\r\n", "a.tsv").unwrap_err().to_string();
        assert_eq!(err, "a.tsv:2: duplicate code 01 (first on line 1)");
        let err = parse_cameo("01\t0\tA\n0111\t0\tB\n", "a.tsv").unwrap_err().to_string();
        assert_eq!(err, "a.tsv:2: code 0111 has no parent: 011 is not defined");
    }

    #[test]
    fn plover_parser_renames_and_rejects() {
        let rows =
            parse_plover("10\tdemand\n11\tDISAPPROVE\tdisapprove\n19\tFIGHT\t\tmilitary\n01\t\n", "p.tsv").unwrap();
        let cats: Vec<&str> = rows.iter().map(|r| r.category.as_str()).collect();
        assert_eq!(cats, ["REQUEST", "ACCUSE", "ASSAULT", ""]);
        assert_eq!(rows[2].context, "military");

        let err = parse_plover("08\tYIELD\n", "p.tsv").unwrap_err().to_string();
        assert!(err.starts_with("p.tsv:1: YIELD was split"), "{err}");
        let err = parse_plover("# c\n04\tMEET\n", "p.tsv").unwrap_err().to_string();
        assert_eq!(err, "p.tsv:2: unknown PLOVER category \"MEET\"");
        let err = parse_plover("01\t\tvisit\n", "p.tsv").unwrap_err().to_string();
        assert!(err.starts_with("p.tsv:1: code 01 has a mode"), "{err}");
    }

    #[test]
    fn user_files_fall_back_to_parent_and_are_cross_checked() {
        let cameo = "08\t5.0\tYield\n084\t7.0\tReturn, release\n0841\t7.0\tReturn, release person(s)\n";
        let ont = Ontology::from_texts(cameo, "c.tsv", "084\tRETREAT\trelease\n", "p.tsv").unwrap();
        let p = ont.plover("0841").unwrap();
        assert_eq!((p.code.as_str(), p.category.as_str(), p.mode.as_str()), ("084", "RETREAT", "release"));
        assert!(ont.plover("08").is_none());
        assert!(ont.plover("").is_none());

        let err = Ontology::from_texts(cameo, "c.tsv", "084\tRETREAT\n0843\tRETREAT\n", "p.tsv").unwrap_err();
        assert_eq!(err.to_string(), "p.tsv:2: code 0843 is not in c.tsv");
    }
}
