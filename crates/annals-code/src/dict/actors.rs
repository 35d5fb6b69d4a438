//! The actor dictionary: which states, international organisations, groups,
//! people and regions the coder knows, the CAMEO-style code each is coded as,
//! and the words by which news text names it.
//!
//! The file is plain text so that an analyst can read, diff and extend it;
//! its format is documented in `dictionaries/README.md`. Loading is lenient:
//! a bad line is reported as `file:line: message` and skipped, and the caller
//! decides whether that is fatal (`--strict`).
//!
//! Forms are cut into words by the same tokeniser that cuts the news text,
//! so a form matches exactly the token sequence the text layer will produce
//! (`U.S.` and `al-Qaeda` are one word, `People 's Republic` three).
//! Matching compares words [folded](annals_text::normalize) and lower-cased
//! (`Erdoğan` = `Erdogan`, `d’Ivoire` = `d'Ivoire`) with a final period
//! dropped (`U.S.` = `U.S`); the text's side is each token's
//! [`norm`](annals_text::Token::norm), folded once by the text layer. Two
//! guards that keep common words out: `abbr:` forms match only with the
//! dictionary's capitalisation (`US` but not `us`), and a dictionary word
//! written with a capital letter does not match a text word written all in
//! lower case (`Polish` but not `polish`, `Turkey` but not `turkey`).

use std::collections::HashMap;
use std::sync::OnceLock;

use annals_text::{normalize, tokenize};

const EMBEDDED: &str = include_str!("../../dictionaries/actors.tsv");

/// A problem in a dictionary file, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// What sort of actor a dictionary line describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A state (`EGY`), a former state (`SUN`), or one of a state's organs
    /// (`USAGOV` the White House, `ISRMIL` the IDF).
    Country,
    /// An international governmental organisation (`IGOUNO`).
    Igo,
    /// A non-state group: armed group, party, movement, NGO, private media,
    /// criminal organisation or people (`PSEREBHMS`, `NGOHRIAMN`, `KUR`).
    Group,
    /// A named person; the code is the role they hold between `from` and
    /// `until` (`USAGOV`).
    Person,
    /// A world region (`MEA` Middle East).
    Region,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Igo => "igo",
            Self::Group => "group",
            Self::Person => "person",
            Self::Region => "region",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => Self::Country,
            "igo" => Self::Igo,
            "group" => Self::Group,
            "person" => Self::Person,
            "region" => Self::Region,
            _ => return None,
        })
    }
}

/// How a surface form names its actor; the coder uses it to pick the sector
/// (a capital stands for the government, a plural demonym for civilians).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// A name: "Egypt", "Arab Republic of Egypt", "Hamas".
    Name,
    /// An adjective or demonym used as a modifier: "Egyptian".
    Adjective,
    /// The plural people: "Egyptians" (the country's civilians).
    People,
    /// A capital used as a metonym for the government: "Cairo said".
    Capital,
    /// An abbreviation, matched with its exact capitalisation: "UN", "U.S.".
    Abbreviation,
}

impl FormKind {
    /// The prefix that marks this kind in the file (`""` for names).
    pub fn tag(self) -> &'static str {
        match self {
            Self::Name => "",
            Self::Adjective => "adj",
            Self::People => "people",
            Self::Capital => "capital",
            Self::Abbreviation => "abbr",
        }
    }

    fn from_tag(s: &str) -> Option<Self> {
        Some(match s {
            "adj" => Self::Adjective,
            "people" => Self::People,
            "capital" => Self::Capital,
            "abbr" => Self::Abbreviation,
            _ => return None,
        })
    }
}

/// One dictionary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub code: String,
    pub kind: ActorKind,
    pub name: String,
    /// The ISO alpha-3 (or former-state) code of the actor's country, when
    /// its code starts with one; `None` for IGOs, regions and transnational
    /// groups.
    pub country: Option<String>,
    /// First day the code applies (`YYYY` or `YYYY-MM-DD`), if bounded.
    pub from: Option<String>,
    /// Last day the code applies, if bounded.
    pub until: Option<String>,
    /// The surface forms as written in the file, with their kinds.
    pub forms: Vec<(FormKind, String)>,
    /// `file:line` of the entry, so a coded event can be traced back.
    pub origin: String,
}

impl Actor {
    /// Whether the code applies on `date` (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`, optionally followed by a time); a date that cannot be
    /// read is no constraint.
    pub fn applies_on(&self, date: &str) -> bool {
        let span = Span::of(self);
        match parse_query(date) {
            Some(q) => span.overlaps_inclusive(q),
            None => true,
        }
    }
}

/// A validity interval as inclusive `yyyymmdd` day numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    from: u32,
    until: u32,
}

impl Span {
    fn of(actor: &Actor) -> Span {
        Span {
            from: actor.from.as_deref().and_then(parse_date).map_or(0, |d| d.0),
            until: actor.until.as_deref().and_then(parse_date).map_or(u32::MAX, |d| d.1),
        }
    }

    fn overlaps_inclusive(self, other: Span) -> bool {
        self.from <= other.until && other.from <= self.until
    }

    /// Overlap for the duplicate-form check: two terms that share only their
    /// hand-over day (one `until`, the next `from`) do not clash.
    fn overlaps_strictly(self, other: Span) -> bool {
        self.from < other.until && other.from < self.until
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into its first and last day,
/// as `yyyymmdd` numbers.
fn parse_date(s: &str) -> Option<(u32, u32)> {
    if !matches!(s.len(), 4 | 7 | 10) || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let p = annals_calendar::Period::parse(s)?;
    let n = |d: annals_calendar::Date| d.year() as u32 * 10_000 + d.month() as u32 * 100 + d.day() as u32;
    Some((n(p.first), n(p.last)))
}

/// A query date may carry a time (`2022-07-07T10:00:00Z`); only the day counts.
fn parse_query(date: &str) -> Option<Span> {
    let day = date.split(['T', ' ']).next().unwrap_or(date);
    parse_date(day).map(|(from, until)| Span { from, until })
}

/// One word of a form, folded for comparison.
#[derive(Debug, Clone)]
struct Word {
    /// Folded, lower-cased, final period dropped.
    key: String,
    /// For `abbr:` forms: folded with the case kept, final period dropped.
    exact: Option<String>,
    /// The dictionary writes this word with a capital letter, so an
    /// all-lower-case text word ("polish") is a different word.
    capitalised: bool,
}

#[derive(Debug, Clone)]
struct Form {
    words: Vec<Word>,
    actor: usize,
    kind: FormKind,
}

/// The loaded actor dictionary with an index from first word to forms.
#[derive(Debug, Default)]
pub struct ActorDict {
    actors: Vec<Actor>,
    spans: Vec<Span>,
    forms: Vec<Form>,
    /// First word's key → forms starting with it, longest first.
    index: HashMap<String, Vec<usize>>,
    /// Codes of every actor but persons (who share role codes).
    by_code: HashMap<String, usize>,
}

impl ActorDict {
    /// The dictionary shipped with annals, parsed once.
    pub fn embedded() -> &'static ActorDict {
        static D: OnceLock<ActorDict> = OnceLock::new();
        D.get_or_init(|| ActorDict::parse(EMBEDDED, "actors.tsv").0)
    }

    /// The shipped file's text, for tools that list or export it.
    pub fn embedded_text() -> &'static str {
        EMBEDDED
    }

    /// Parses a dictionary. Malformed lines (and forms that clash with an
    /// earlier actor's) are reported and skipped; everything else loads.
    pub fn parse(text: &str, name: &str) -> (ActorDict, Vec<DictError>) {
        let mut dict = ActorDict::default();
        let mut errors = Vec::new();
        let err = |line: usize, message: String| DictError { file: name.to_string(), line, message };
        // (form key, exact?) → the actors that have the form so far.
        let mut seen: HashMap<(String, bool), Vec<usize>> = HashMap::new();
        let mut code_line: HashMap<String, usize> = HashMap::new();
        let mut lines = Vec::new(); // line of each actor

        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let raw = raw.trim_end_matches('\r');
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let (actor, forms) = match parse_line(raw, name, line) {
                Ok(x) => x,
                Err(message) => {
                    errors.push(err(line, message));
                    continue;
                }
            };
            if actor.kind != ActorKind::Person {
                if let Some(first) = code_line.get(&actor.code) {
                    errors.push(err(line, format!("duplicate code {} (first defined at line {first})", actor.code)));
                    continue;
                }
                code_line.insert(actor.code.clone(), line);
            }
            let id = dict.actors.len();
            let span = Span::of(&actor);
            let mut kept = Vec::with_capacity(forms.len());
            for (kind, text) in forms {
                let words = form_words(&text, kind == FormKind::Abbreviation);
                if words.is_empty() {
                    errors.push(err(line, format!("form '{text}' has no words")));
                    continue;
                }
                let exact = kind == FormKind::Abbreviation;
                let key =
                    (words.iter().map(|w| w.exact.as_deref().unwrap_or(&w.key)).collect::<Vec<_>>().join(" "), exact);
                let earlier = seen.entry(key).or_default();
                if let Some(&other) = earlier.iter().find(|&&o| o == id || dict.spans[o].overlaps_strictly(span)) {
                    let message = if other == id {
                        format!("form '{text}' is listed twice")
                    } else {
                        let o = &dict.actors[other];
                        format!("form '{text}' already names {} ({})", o.code, o.origin)
                    };
                    errors.push(err(line, message));
                    continue;
                }
                earlier.push(id);
                dict.forms.push(Form { words, actor: id, kind });
                kept.push((kind, text));
            }
            if actor.kind != ActorKind::Person {
                dict.by_code.insert(actor.code.clone(), id);
            }
            dict.actors.push(Actor { forms: kept, ..actor });
            dict.spans.push(span);
            lines.push(line);
        }

        // A state organ's or member's code must start with a state the file
        // defines; checked after the whole file so order does not matter.
        let states: std::collections::HashSet<String> = dict
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Country && a.code.len() == 3)
            .map(|a| a.code.clone())
            .collect();
        for (a, &line) in dict.actors.iter_mut().zip(&lines) {
            let head = &a.code[..3];
            if states.contains(head) && a.kind != ActorKind::Region {
                a.country = Some(head.to_string());
            } else if a.kind == ActorKind::Country {
                errors.push(err(line, format!("country code {} must start with a state defined in the file", a.code)));
            }
        }

        for (id, form) in dict.forms.iter().enumerate() {
            dict.index.entry(form.words[0].key.clone()).or_default().push(id);
        }
        let forms = &dict.forms;
        for ids in dict.index.values_mut() {
            // Longest first; the stable sort keeps file order among equals.
            ids.sort_by_key(|&id| std::cmp::Reverse(forms[id].words.len()));
        }
        errors.sort_by_key(|e| e.line);
        (dict, errors)
    }

    /// All actors in file order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The number of surface forms loaded.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// The actor defined under `code` (persons excepted, as they share role
    /// codes): `get("PSE")` gives Palestine, `get("IGOUNO")` the UN.
    pub fn get(&self, code: &str) -> Option<&Actor> {
        self.by_code.get(code).map(|&i| &self.actors[i])
    }

    /// The longest form that starts at word `start`, ignoring dates. The
    /// words are given as written (`forms`) and as their tokens'
    /// [`norm`](annals_text::Token::norm)s, one per form (a form without one
    /// matches nothing). Returns the exclusive end index, the actor and how
    /// the form names it. When several actors share the form in different
    /// periods, the current one (open `until`) wins.
    pub fn longest_match(&self, forms: &[&str], norms: &[&str], start: usize) -> Option<(usize, &Actor, FormKind)> {
        self.longest_match_on(forms, norms, start, None)
    }

    /// Like [`longest_match`](Self::longest_match), but only actors whose
    /// code applies on `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) count, so
    /// "Obama" in a 2012 report is the US government and in 2024 is not.
    pub fn longest_match_on(
        &self,
        forms: &[&str],
        norms: &[&str],
        start: usize,
        date: Option<&str>,
    ) -> Option<(usize, &Actor, FormKind)> {
        let words = forms.len().min(norms.len());
        let first = norms.get(start)?;
        let ids = self.index.get(trim_final_period(first))?;
        let query = date.and_then(parse_query);
        let mut best: Option<(usize, usize)> = None; // (length, form id)
        for &id in ids {
            let form = &self.forms[id];
            let len = form.words.len();
            if best.is_some_and(|(l, _)| l > len) {
                break; // sorted longest first: nothing longer remains
            }
            if start + len > words {
                continue;
            }
            let text = forms[start..start + len].iter().zip(&norms[start..start + len]);
            if !form.words.iter().zip(text).all(|(w, (form, norm))| word_matches(w, form, norm)) {
                continue;
            }
            let span = self.spans[form.actor];
            if query.is_some_and(|q| !span.overlaps_inclusive(q)) {
                continue;
            }
            best = match best {
                // Same length: prefer the later term (open, or ending last).
                Some((l, b)) if l == len => {
                    let old = self.spans[self.forms[b].actor];
                    if (span.until, span.from) > (old.until, old.from) {
                        Some((len, id))
                    } else {
                        Some((l, b))
                    }
                }
                Some(b) => Some(b),
                None => Some((len, id)),
            };
        }
        best.map(|(len, id)| {
            let form = &self.forms[id];
            (start + len, &self.actors[form.actor], form.kind)
        })
    }
}

/// Splits one line into an actor (without forms) and its tagged forms.
fn parse_line(raw: &str, file: &str, line: usize) -> Result<(Actor, Vec<(FormKind, String)>), String> {
    let cols: Vec<&str> = raw.split('\t').collect();
    if !(4..=6).contains(&cols.len()) {
        return Err(format!(
            "expected 4 to 6 tab-separated columns (code, type, name, forms[, from, until]), found {}",
            cols.len()
        ));
    }
    let code = cols[0].trim();
    check_code(code)?;
    let kind = ActorKind::parse(cols[1].trim())
        .ok_or_else(|| format!("unknown type '{}' (expected country, igo, group, person or region)", cols[1].trim()))?;
    match kind {
        ActorKind::Igo if !code.starts_with("IGO") => return Err(format!("igo code {code} must start with IGO")),
        ActorKind::Region if code.len() != 3 => return Err(format!("region code {code} must have 3 letters")),
        ActorKind::Person if code.len() < 6 => {
            return Err(format!("person code {code} needs a role after the country (e.g. USAGOV)"))
        }
        _ => {}
    }
    let name = cols[2].trim();
    if name.is_empty() {
        return Err("empty name".to_string());
    }
    let mut forms = Vec::new();
    for f in cols[3].split('|') {
        let f = f.trim();
        if f.is_empty() {
            return Err("empty form (two '|' in a row, or a trailing '|')".to_string());
        }
        let (kind, text) = match f.split_once(':') {
            Some((tag, rest)) if !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_lowercase()) => {
                let kind = FormKind::from_tag(tag).ok_or_else(|| {
                    format!("unknown form tag '{tag}:' in '{f}' (expected adj:, people:, capital: or abbr:)")
                })?;
                (kind, rest.trim())
            }
            _ => (FormKind::Name, f),
        };
        if text.is_empty() {
            return Err(format!("empty form after '{}:'", kind.tag()));
        }
        forms.push((kind, text.to_string()));
    }
    let date = |i: usize| -> Result<Option<String>, String> {
        match cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(d) if parse_date(d).is_some() => Ok(Some(d.to_string())),
            Some(d) => Err(format!("bad date '{d}' (expected YYYY or YYYY-MM-DD)")),
        }
    };
    let (from, until) = (date(4)?, date(5)?);
    if let (Some(f), Some(u)) = (&from, &until) {
        if parse_date(f).map(|d| d.0) > parse_date(u).map(|d| d.1) {
            return Err(format!("from {f} is after until {u}"));
        }
    }
    let actor = Actor {
        code: code.to_string(),
        kind,
        name: name.to_string(),
        country: None,
        from,
        until,
        forms: Vec::new(),
        origin: format!("{file}:{line}"),
    };
    Ok((actor, forms))
}

/// A code is CAMEO-shaped: groups of three upper-case letters or digits.
fn check_code(code: &str) -> Result<(), String> {
    let ok_chars = !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !ok_chars || !matches!(code.len(), 3 | 6 | 9 | 12) {
        return Err(format!("bad code '{code}' (expected 3, 6, 9 or 12 upper-case letters or digits)"));
    }
    if !code.as_bytes()[0].is_ascii_uppercase() {
        return Err(format!("bad code '{code}' (must start with a letter)"));
    }
    Ok(())
}

/// Cuts a form into words with the text layer's tokeniser.
fn form_words(form: &str, exact: bool) -> Vec<Word> {
    let mut out: Vec<&str> =
        tokenize::segment(form).into_iter().flat_map(|s| s.tokens.into_iter().map(|t| &form[t.start..t.end])).collect();
    // At the end of a text the tokeniser may split the period off an
    // abbreviation ("U.S."); comparison ignores final periods anyway.
    if out.len() >= 2 && out[out.len() - 1] == "." && out[out.len() - 2].contains('.') {
        out.pop();
    }
    out.into_iter()
        .map(|w| Word {
            key: trim_final_period(&normalize::fold_lower(w)).to_string(),
            exact: exact.then(|| trim_final_period(&normalize::fold(w)).to_string()),
            capitalised: w.chars().any(char::is_uppercase),
        })
        .collect()
}

/// Whether a text word, as written (`form`) and folded (`norm`), is the
/// form's word `w`.
fn word_matches(w: &Word, form: &str, norm: &str) -> bool {
    if trim_final_period(norm) != w.key {
        return false;
    }
    match &w.exact {
        // An `abbr:` word (rare) also needs the dictionary's capitals.
        Some(exact) => trim_final_period(&normalize::fold(form)) == exact,
        None => !(w.capitalised && form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_uppercase)),
    }
}

/// "U.S." at the end of a sentence is tokenised "U.S" + "."; dropping a
/// final period on both sides makes the two spellings one word.
fn trim_final_period(s: &str) -> &str {
    match s.strip_suffix('.') {
        Some(t) if !t.is_empty() => t,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict() -> &'static ActorDict {
        ActorDict::embedded()
    }

    /// Splits a sentence the way the text layer does.
    fn words(text: &str) -> Vec<&str> {
        tokenize::segment(text).into_iter().flat_map(|s| s.tokens).map(|t| &text[t.start..t.end]).collect()
    }

    /// Looks words up with their norms, as the coder does with tokens.
    fn find<'a>(d: &'a ActorDict, w: &[&str], i: usize, date: Option<&str>) -> Option<(usize, &'a Actor, FormKind)> {
        let norms: Vec<String> = w.iter().map(|f| normalize::fold_lower(f)).collect();
        d.longest_match_on(w, &norms.iter().map(String::as_str).collect::<Vec<_>>(), i, date)
    }

    fn code_at<'a>(d: &'a ActorDict, text: &str, i: usize) -> Option<(usize, &'a str, FormKind)> {
        let w = words(text);
        find(d, &w, i, None).map(|(end, a, k)| (end, a.code.as_str(), k))
    }

    #[test]
    fn shipped_file_has_no_errors() {
        let (d, errors) = ActorDict::parse(EMBEDDED, "actors.tsv");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}", shown.join("\n"));
        assert!(d.len() > 600 && d.form_count() > 2500, "{} actors, {} forms", d.len(), d.form_count());
    }

    #[test]
    fn every_iso_country_is_present() {
        let d = dict();
        let states: Vec<&Actor> =
            d.actors().iter().filter(|a| a.kind == ActorKind::Country && a.code.len() == 3).collect();
        assert!(states.len() >= 240, "{} states", states.len());
        // ISO 3166-1 as of 2024, checked against the shared data when present.
        let iso =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/geonames/iso/iso3166-1.json");
        match std::fs::read_to_string(&iso) {
            Ok(text) => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                for e in v["3166-1"].as_array().unwrap() {
                    let code = e["alpha_3"].as_str().unwrap();
                    let a = d.get(code).unwrap_or_else(|| panic!("{code} missing"));
                    assert_eq!(a.kind, ActorKind::Country);
                    assert_eq!(a.country.as_deref(), Some(code));
                }
            }
            Err(_) if std::env::var_os("ANNALS_REQUIRE_SHARED").is_some_and(|v| v == "1") => {
                panic!("ANNALS_REQUIRE_SHARED=1 but {} is missing", iso.display())
            }
            Err(_) => eprintln!("skipping ISO cross-check: {} not found", iso.display()),
        }
        for code in ["PSE", "USA", "GBR", "RUS", "CHN", "KSV", "SUN", "VAT", "TWN"] {
            assert!(d.get(code).is_some(), "{code}");
        }
    }

    #[test]
    fn egypt_by_name_adjective_people_and_capital() {
        let d = dict();
        assert_eq!(code_at(d, "Egypt said", 0), Some((1, "EGY", FormKind::Name)));
        assert_eq!(code_at(d, "Egyptian troops", 0), Some((1, "EGY", FormKind::Adjective)));
        assert_eq!(code_at(d, "Egyptians protested", 0), Some((1, "EGY", FormKind::People)));
        assert_eq!(code_at(d, "Cairo said", 0), Some((1, "EGY", FormKind::Capital)));
        assert_eq!(code_at(d, "the Arab Republic of Egypt", 1), Some((5, "EGY", FormKind::Name)));
        assert_eq!(code_at(d, "EGYPT SAYS", 0), Some((1, "EGY", FormKind::Name)));
    }

    #[test]
    fn longest_form_wins() {
        let d = dict();
        assert_eq!(code_at(d, "the United Nations said", 1), Some((3, "IGOUNO", FormKind::Name)));
        assert_eq!(code_at(d, "the United States said", 1), Some((3, "USA", FormKind::Name)));
        assert_eq!(code_at(d, "the UN Security Council voted", 1), Some((4, "IGOUNOSEC", FormKind::Name)));
        assert_eq!(code_at(d, "the Arab League met", 1), Some((3, "IGOMEAARL", FormKind::Name)));
        assert_eq!(code_at(d, "South Sudan and Sudan", 0), Some((2, "SSD", FormKind::Name)));
        assert_eq!(code_at(d, "Pakistani Taliban fighters", 0), Some((2, "PAKREBTTP", FormKind::Name)));
        assert!(code_at(d, "United we stand", 0).is_none());
    }

    #[test]
    fn abbreviations_keep_their_capitals() {
        let d = dict();
        assert_eq!(code_at(d, "U.S. forces", 0), Some((1, "USA", FormKind::Abbreviation)));
        assert_eq!(code_at(d, "US forces", 0), Some((1, "USA", FormKind::Abbreviation)));
        assert_eq!(code_at(d, "He told us nothing", 2), None);
        assert_eq!(code_at(d, "the UN said", 1), Some((2, "IGOUNO", FormKind::Abbreviation)));
        // At a sentence end the tokeniser splits the period off "U.S.".
        let w = ["troops", "left", "the", "U.S", "."];
        assert_eq!(find(d, &["the", "us", "."], 1, None), None);
        assert_eq!(find(d, &w, 3, None).map(|(e, a, _)| (e, a.code.as_str())), Some((4, "USA")));
    }

    #[test]
    fn capitalised_forms_skip_lower_case_words() {
        let d = dict();
        assert_eq!(code_at(d, "Polish troops", 0), Some((1, "POL", FormKind::Adjective)));
        assert_eq!(code_at(d, "polish the draft", 0), None);
        assert_eq!(code_at(d, "roast turkey", 1), None);
        assert_eq!(code_at(d, "Turkey said", 0), Some((1, "TUR", FormKind::Name)));
    }

    #[test]
    fn folding_and_tokenisation_match_the_text_layer() {
        let d = dict();
        assert_eq!(code_at(d, "Erdogan said", 0).map(|m| m.1), Some("TURGOV"));
        assert_eq!(code_at(d, "Erdoğan said", 0).map(|m| m.1), Some("TURGOV"));
        assert_eq!(code_at(d, "Côte d'Ivoire", 0).map(|m| m.1), Some("CIV"));
        assert_eq!(code_at(d, "Cote d’Ivoire", 0).map(|m| m.1), Some("CIV"));
        assert_eq!(code_at(d, "the Kurdistan Workers' Party", 1).map(|m| (m.0, m.1)), Some((5, "TURREBPKK")));
        assert_eq!(code_at(d, "the People's Republic of China", 1).map(|m| (m.0, m.1)), Some((6, "CHN")));
        assert_eq!(code_at(d, "al-Qaeda claimed", 0).map(|m| m.1), Some("IMGMUSALQ"));
        assert_eq!(code_at(d, "the Islamic State group", 1).map(|m| (m.0, m.1)), Some((4, "IMGMUSISI")));
        assert_eq!(code_at(d, "al\u{2011}Qaeda claimed", 0).map(|m| m.1), Some("IMGMUSALQ"));
        // A hyphenated compound is one token and does not match its parts.
        assert_eq!(code_at(d, "Gaza-based Hamas", 0), None);
    }

    #[test]
    fn words_without_norms_match_nothing() {
        let d = dict();
        let forms = ["the", "United", "States", "said"];
        assert_eq!(d.longest_match(&forms, &["the", "united", "states"], 1).map(|m| m.0), Some(3));
        assert_eq!(d.longest_match(&forms, &["the", "united"], 1), None);
        assert_eq!(d.longest_match(&forms[..2], &["the", "united", "states"], 1), None);
        assert_eq!(d.longest_match(&[], &[], 0), None);
        assert_eq!(d.longest_match(&forms, &["the"], 7), None);
    }

    #[test]
    fn groups_and_institutions() {
        let d = dict();
        let hamas = find(d, &["Hamas"], 0, None).unwrap().1;
        assert_eq!(
            (hamas.code.as_str(), hamas.kind, hamas.country.as_deref()),
            ("PSEREBHMS", ActorKind::Group, Some("PSE"))
        );
        assert_eq!(code_at(d, "Hezbollah", 0).map(|m| m.1), Some("LBNREBHEZ"));
        assert_eq!(code_at(d, "Houthi rebels", 0), Some((1, "YEMREBHTH", FormKind::Adjective)));
        assert_eq!(code_at(d, "the Pentagon said", 1).map(|m| m.1), Some("USAMIL"));
        assert_eq!(code_at(d, "Amnesty International", 0).map(|m| m.1), Some("NGOHRIAMN"));
        assert_eq!(d.get("IGOUNO").unwrap().country, None);
        assert_eq!(d.get("IMGMUSALQ").unwrap().country, None);
        assert_eq!(d.get("USAGOV").unwrap().country.as_deref(), Some("USA"));
    }

    #[test]
    fn dates_choose_the_period() {
        let d = dict();
        let at = |text: &str, date: Option<&str>| {
            let w = words(text);
            find(d, &w, 0, date).map(|(_, a, _)| a.code.clone())
        };
        assert_eq!(at("Obama said", Some("2012-05-01")).as_deref(), Some("USAGOV"));
        assert_eq!(at("Obama said", Some("2020")).as_deref(), Some("USAELI"));
        assert_eq!(at("Taliban fighters", Some("2010-03-01")).as_deref(), Some("AFGREBTAL"));
        assert_eq!(at("Taliban officials", Some("2023-03-01T08:00:00Z")).as_deref(), Some("AFGGOVTAL"));
        // Undated, the current period wins.
        assert_eq!(at("Taliban officials", None).as_deref(), Some("AFGGOVTAL"));
        assert_eq!(at("Trump said", None).as_deref(), Some("USAGOV"));
        assert_eq!(at("Soviet troops", Some("2015")), None);
        assert_eq!(at("Soviet troops", Some("1979-12-27")).as_deref(), Some("SUN"));
        assert_eq!(at("the PLO", Some("1985")), None);
    }

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let text = "# test\nEGY\tcountry\tEgypt\tEgypt|adj:Egyptian\nbad line\nXXX\tplanet\tMars\tMars\n\
                    egy\tcountry\tLow\tLow\nISR\tcountry\tIsrael\tIsrael|foo:Bar\n\
                    ISR\tcountry\tIsrael\tIsrael\t2020-13-01\nISR\tcountry\tIsrael\tIsrael|Egypt\n\
                    EGY\tcountry\tEgypt again\tMisr\nABCGOV\tcountry\tNowhere\tNowhere\n";
        let (d, errors) = ActorDict::parse(text, "test.tsv");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "test.tsv:3: expected 4 to 6 tab-separated columns (code, type, name, forms[, from, until]), found 1",
                "test.tsv:4: unknown type 'planet' (expected country, igo, group, person or region)",
                "test.tsv:5: bad code 'egy' (expected 3, 6, 9 or 12 upper-case letters or digits)",
                "test.tsv:6: unknown form tag 'foo:' in 'foo:Bar' (expected adj:, people:, capital: or abbr:)",
                "test.tsv:7: bad date '2020-13-01' (expected YYYY or YYYY-MM-DD)",
                "test.tsv:8: form 'Egypt' already names EGY (test.tsv:2)",
                "test.tsv:9: duplicate code EGY (first defined at line 2)",
                "test.tsv:10: country code ABCGOV must start with a state defined in the file",
            ]
        );
        assert_eq!(find(&d, &["Egyptian"], 0, None).map(|m| m.1.code.as_str()), Some("EGY"));
        assert_eq!(find(&d, &["Israel"], 0, None).map(|m| m.1.code.as_str()), Some("ISR"));
    }

    #[test]
    fn dates_are_validated() {
        assert_eq!(parse_date("2024"), Some((20240101, 20241231)));
        assert_eq!(parse_date("2024-02"), Some((20240201, 20240229)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("1991-12-26"), Some((19911226, 19911226)));
        assert_eq!(parse_date("91"), None);
        let (_, errors) = ActorDict::parse("USAGOV\tperson\tX\tX\t2020\t2019\n", "t");
        assert_eq!(errors[0].to_string(), "t:1: from 2020 is after until 2019");
    }

    #[test]
    fn the_shipped_file_loads_whole() {
        // Load time is measured by `annals code --timings`, not asserted here.
        let (d, errors) = ActorDict::parse(EMBEDDED, "actors.tsv");
        assert!(errors.is_empty(), "{errors:?}");
        assert!(d.len() >= 700 && d.form_count() >= 2_500, "{} actors, {} forms", d.len(), d.form_count());
    }
}
