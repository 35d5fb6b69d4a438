//! Gold events for whole news reports, and the score of a coder's events
//! against them.
//!
//! The format and the scoring rules are those of the project's real-news
//! evaluation (`news-gold/FORMAT.md` in the shared data): one JSON file per
//! report lists the events a careful human coder would extract, each on the
//! line of its trigger word, with the acceptable PLOVER categories or CAMEO
//! roots, actor patterns for source and target, and the attributes the
//! report makes clear; `must_not_assert` lists the lines where an asserted
//! event of some category would be the field's classic error.
//!
//! Scoring ([`score`]): a coder event matches a gold event on the same line
//! when its category (PLOVER, or the CAMEO root) is acceptable and both
//! actors satisfy their lists; a maximum one-to-one matching is taken for
//! the required tier first, then for the stretch tier with the events left.
//! Attributes are compared over matched pairs; violations are asserted
//! events of a listed category on a trap line.

use crate::event::{ActorRef, Event, Mode};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The PLOVER categories a gold file may name.
pub const PLOVER: [&str; 16] = [
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

/// Which tier a gold event is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Required,
    Stretch,
}

/// One gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub id: String,
    /// 1-based line of the article text holding the trigger.
    pub line: usize,
    pub tier: Tier,
    #[serde(default)]
    pub plover: Vec<String>,
    #[serde(default)]
    pub cameo_root: Vec<String>,
    /// Keys of the file's actor patterns; `None` accepts an absent or
    /// uncoded actor.
    #[serde(default)]
    pub source: Vec<Option<String>>,
    #[serde(default)]
    pub target: Vec<Option<String>>,
    pub mode: Option<Mode>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub quantity: Option<f64>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub anonymous_attribution: Option<bool>,
    pub attribution_actor: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A line where an asserted event of the listed categories is an error.
#[derive(Debug, Clone, Deserialize)]
pub struct Trap {
    pub line: usize,
    /// PLOVER categories, or `*` for any.
    pub plover: Vec<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Deserialize)]
struct RawFile {
    doc: String,
    published: Option<String>,
    #[serde(default)]
    actor_patterns: HashMap<String, String>,
    #[serde(default)]
    events: Vec<serde_json::Value>,
    #[serde(default)]
    must_not_assert: Vec<serde_json::Value>,
}

/// One report's gold events.
#[derive(Debug, Clone)]
pub struct GoldFile {
    /// The file's name, for reports.
    pub name: String,
    /// The report's URL, which identifies its article.
    pub doc: String,
    pub published: Option<String>,
    pub patterns: HashMap<String, Regex>,
    pub events: Vec<GoldEvent>,
    pub traps: Vec<Trap>,
}

/// A problem in a gold file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldError {
    pub location: String,
    pub message: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The 1-based line of the file `text` where the object whose `"id"` (or,
/// for traps, the `n`-th `"line"` inside `must_not_assert`) starts; the
/// file's first line when it cannot be found.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map_or(1, |at| text[..at].matches('\n').count() + 1)
}

impl GoldFile {
    /// Reads a gold file. A file that is not JSON of the right shape is an
    /// error; an event or trap that breaks the format is left out and
    /// reported in the returned list, with its line in the file.
    pub fn read(path: &Path) -> Result<(GoldFile, Vec<GoldError>), GoldError> {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| GoldError { location: name.clone(), message: e.to_string() })?;
        GoldFile::parse(&name, &text)
    }

    /// Reads a gold file's text; `name` is used in errors.
    pub fn parse(name: &str, text: &str) -> Result<(GoldFile, Vec<GoldError>), GoldError> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| GoldError {
            location: format!("{name}:{}", e.line()),
            message: format!("not a gold file: {e}"),
        })?;
        let mut problems = Vec::new();
        let mut patterns = HashMap::new();
        let mut keys: Vec<_> = raw.actor_patterns.iter().collect();
        keys.sort();
        for (k, p) in keys {
            match Regex::new(p) {
                Ok(r) => {
                    patterns.insert(k.clone(), r);
                }
                Err(e) => problems.push(GoldError {
                    location: format!("{name}:{}", line_of(text, &format!("\"{k}\""))),
                    message: format!("actor pattern {k:?} is not a regular expression: {e}"),
                }),
            }
        }
        let mut events = Vec::new();
        for v in raw.events {
            let id = v.get("id").and_then(|x| x.as_str()).unwrap_or("?").to_string();
            let location = format!("{name}:{}", line_of(text, &format!("\"{id}\"")));
            let e: GoldEvent = match serde_json::from_value(v) {
                Ok(e) => e,
                Err(err) => {
                    problems.push(GoldError { location, message: format!("event {id}: {err}") });
                    continue;
                }
            };
            match check_event(&e, &patterns) {
                Ok(()) => events.push(e),
                Err(m) => problems.push(GoldError { location, message: format!("event {id}: {m}") }),
            }
        }
        let mut traps = Vec::new();
        let trap_block = text.find("\"must_not_assert\"").unwrap_or(0);
        for v in raw.must_not_assert {
            let t: Result<Trap, _> = serde_json::from_value(v.clone());
            let bad = match &t {
                Ok(t) if t.line == 0 => Some("line must be 1 or more".to_string()),
                Ok(t) => t
                    .plover
                    .iter()
                    .find(|c| *c != "*" && !PLOVER.contains(&c.as_str()))
                    .map(|c| format!("unknown PLOVER category {c:?}")),
                Err(e) => Some(e.to_string()),
            };
            match (t, bad) {
                (Ok(t), None) => traps.push(t),
                (_, Some(m)) => {
                    let at = v.get("line").map(|l| format!("\"line\": {l}")).unwrap_or_default();
                    let line = text[trap_block..]
                        .find(&at)
                        .map_or(1, |o| line_of(text, &text[trap_block + o..trap_block + o + at.len()]));
                    problems.push(GoldError {
                        location: format!("{name}:{line}"),
                        message: format!("must_not_assert: {m}"),
                    });
                }
                (Err(_), None) => unreachable!("an error always has a message"),
            }
        }
        let file = GoldFile { name: name.to_string(), doc: raw.doc, published: raw.published, patterns, events, traps };
        Ok((file, problems))
    }
}

fn check_event(e: &GoldEvent, patterns: &HashMap<String, Regex>) -> Result<(), String> {
    if e.line == 0 {
        return Err("line must be 1 or more".into());
    }
    if e.plover.is_empty() && e.cameo_root.is_empty() {
        return Err("neither plover nor cameo_root is given".into());
    }
    if let Some(c) = e.plover.iter().find(|c| !PLOVER.contains(&c.as_str())) {
        return Err(format!("unknown PLOVER category {c:?}"));
    }
    if let Some(r) = e.cameo_root.iter().find(|r| r.len() != 2 || !r.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("CAMEO root {r:?} is not two digits"));
    }
    let attribution = e.attribution_actor.iter();
    for k in e.source.iter().chain(&e.target).flatten().chain(attribution) {
        if !patterns.contains_key(k) {
            return Err(format!("actor key {k:?} is not in actor_patterns"));
        }
    }
    Ok(())
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The line an event is matched on: its trigger's, else its source's, else
/// its target's.
pub fn event_line(text: &str, e: &Event) -> usize {
    let offset = if e.trigger.end > e.trigger.start || e.trigger.start > 0 {
        e.trigger.start
    } else if let Some(s) = &e.source {
        s.start
    } else {
        e.target.as_ref().map_or(0, |t| t.start)
    };
    line_at(text, offset)
}

fn actor_ok(actor: &Option<ActorRef>, keys: &[Option<String>], patterns: &HashMap<String, Regex>) -> bool {
    // An empty list in the file accepts anything.
    if keys.is_empty() {
        return true;
    }
    let code = actor.as_ref().and_then(|a| a.code.as_deref());
    keys.iter().any(|k| match (k, code) {
        (None, None) => true,
        (Some(k), Some(c)) => patterns.get(k).is_some_and(|r| r.is_match(c)),
        _ => false,
    })
}

/// Whether coder event `e` (on line `line`) matches gold event `g`.
pub fn matches(gold: &GoldFile, g: &GoldEvent, e: &Event, line: usize) -> bool {
    if line != g.line {
        return false;
    }
    let category = e.plover.as_deref().is_some_and(|p| g.plover.iter().any(|x| x == p))
        || g.cameo_root.iter().any(|r| e.cameo.get(..2) == Some(r.as_str()));
    category && actor_ok(&e.source, &g.source, &gold.patterns) && actor_ok(&e.target, &g.target, &gold.patterns)
}

/// Right and wrong counts of one attribute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
    pub fn merge(&mut self, o: Tally) {
        self.right += o.right;
        self.total += o.total;
    }
    pub fn percent(&self) -> f64 {
        100.0 * self.right as f64 / self.total.max(1) as f64
    }
}

/// The attributes scored over matched pairs, in report order.
pub const ATTRIBUTES: [&str; 7] =
    ["mode", "date", "year", "quantity", "place_name", "anonymous_attribution", "attribution_actor"];

/// One matched pair's attribute that was wrong, for error listings.
#[derive(Debug, Clone)]
pub struct WrongAttribute {
    pub gold: usize,
    pub event: usize,
    pub attribute: &'static str,
    pub expected: String,
    pub got: String,
}

/// The score of one report.
#[derive(Debug, Clone, Default)]
pub struct ReportScore {
    pub required: Tally,
    pub stretch: Tally,
    /// Coder events, and how many matched a gold event of either tier.
    pub events: usize,
    pub matched_events: usize,
    pub attributes: [Tally; 7],
    /// Indices of coder events that are violations, with the trap.
    pub violations: Vec<(usize, usize)>,
    /// For each gold event, the coder event matched to it.
    pub pairs: Vec<Option<usize>>,
    /// For each coder event, the gold event it matched.
    pub matched: Vec<Option<usize>>,
    pub wrong: Vec<WrongAttribute>,
}

impl ReportScore {
    pub fn merge(&mut self, o: &ReportScore) {
        self.required.merge(o.required);
        self.stretch.merge(o.stretch);
        self.events += o.events;
        self.matched_events += o.matched_events;
        for (a, b) in self.attributes.iter_mut().zip(o.attributes) {
            a.merge(b);
        }
        self.violations.extend(o.violations.iter().copied());
    }

    pub fn precision(&self) -> f64 {
        100.0 * self.matched_events as f64 / self.events.max(1) as f64
    }

    /// All attributes together.
    pub fn attribute_total(&self) -> Tally {
        let mut t = Tally::default();
        for a in self.attributes {
            t.merge(a);
        }
        t
    }
}

/// A maximum matching between `left` items and coder events by augmenting
/// paths (Kuhn's algorithm); `edges[l]` lists the events `l` may take and
/// `taken[e]` marks events already used by an earlier tier.
fn max_matching(edges: &[Vec<usize>], events: usize, taken: &[bool]) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; events];
    fn augment(l: usize, edges: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        for &e in &edges[l] {
            if seen[e] {
                continue;
            }
            seen[e] = true;
            if owner[e].is_none_or(|o| augment(o, edges, owner, seen)) {
                owner[e] = Some(l);
                return true;
            }
        }
        false
    }
    for l in 0..edges.len() {
        let mut seen = taken.to_vec();
        augment(l, edges, &mut owner, &mut seen);
    }
    let mut out = vec![None; edges.len()];
    for (e, o) in owner.iter().enumerate() {
        if let Some(l) = o {
            out[*l] = Some(e);
        }
    }
    out
}

/// Scores coder events `events` for the article `text` against `gold`.
pub fn score(gold: &GoldFile, text: &str, events: &[Event]) -> ReportScore {
    let lines: Vec<usize> = events.iter().map(|e| event_line(text, e)).collect();
    let mut s = ReportScore {
        events: events.len(),
        pairs: vec![None; gold.events.len()],
        matched: vec![None; events.len()],
        ..ReportScore::default()
    };
    let mut taken = vec![false; events.len()];
    for tier in [Tier::Required, Tier::Stretch] {
        let ids: Vec<usize> = (0..gold.events.len()).filter(|&g| gold.events[g].tier == tier).collect();
        let edges: Vec<Vec<usize>> = ids
            .iter()
            .map(|&g| (0..events.len()).filter(|&e| matches(gold, &gold.events[g], &events[e], lines[e])).collect())
            .collect();
        let m = max_matching(&edges, events.len(), &taken);
        let tally = if tier == Tier::Required { &mut s.required } else { &mut s.stretch };
        for (k, &g) in ids.iter().enumerate() {
            tally.add(m[k].is_some());
            if let Some(e) = m[k] {
                taken[e] = true;
                s.pairs[g] = Some(e);
                s.matched[e] = Some(g);
            }
        }
    }
    s.matched_events = s.matched.iter().filter(|m| m.is_some()).count();
    for (g, e) in s.pairs.clone().iter().enumerate() {
        if let Some(e) = *e {
            attributes(gold, g, &events[e], e, &mut s);
        }
    }
    for (k, e) in events.iter().enumerate() {
        if e.mode != Mode::Asserted {
            continue;
        }
        let trap = gold.traps.iter().position(|t| {
            t.line == lines[k] && t.plover.iter().any(|c| c == "*" || e.plover.as_deref() == Some(c.as_str()))
        });
        if let Some(t) = trap {
            s.violations.push((k, t));
        }
    }
    s
}

fn mode_name(m: Mode) -> String {
    serde_json::to_value(m).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn attributes(gold: &GoldFile, g: usize, e: &Event, k: usize, s: &mut ReportScore) {
    let ge = &gold.events[g];
    let date = e.date.as_ref().map(|d| d.value.clone());
    let place = e.place.as_ref().map(|p| format!("{} | {}", p.name, p.text));
    let mut check = |i: usize, expected: Option<String>, got: Option<String>, right: &dyn Fn(&str, &str) -> bool| {
        let Some(expected) = expected else { return };
        let ok = got.as_deref().is_some_and(|g| right(&expected, g));
        s.attributes[i].add(ok);
        if !ok {
            s.wrong.push(WrongAttribute {
                gold: g,
                event: k,
                attribute: ATTRIBUTES[i],
                expected,
                got: got.unwrap_or_else(|| "none".into()),
            });
        }
    };
    check(0, ge.mode.map(mode_name), Some(mode_name(e.mode)), &|a, b| a == b);
    check(1, ge.date.clone(), date.clone(), &|a, b| a == b);
    check(2, ge.year.map(|y| y.to_string()), date.map(|d| d.chars().take(4).collect()), &|a, b| a == b);
    check(3, ge.quantity.map(|q| q.to_string()), e.quantity.as_ref().map(|q| q.value.to_string()), &|a, b| {
        a.parse::<f64>().ok() == b.parse::<f64>().ok()
    });
    check(4, ge.place_name.clone(), place, &|a, b| b.to_lowercase().contains(&a.to_lowercase()));
    check(
        5,
        ge.anonymous_attribution.map(|a| a.to_string()),
        e.attribution.as_ref().map(|a| a.anonymous.to_string()),
        &|a, b| a == b,
    );
    let code = e.attribution.as_ref().and_then(|a| a.code.clone());
    let pattern = ge.attribution_actor.as_ref().and_then(|k| gold.patterns.get(k));
    check(6, ge.attribution_actor.clone(), code, &|_, c| pattern.is_some_and(|r| r.is_match(c)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Span;

    const FILE: &str = r#"{
 "doc": "https://example.org/report",
 "published": "2020-01-08",
 "actor_patterns": {"IRN": "^IRN", "USA": "^USA"},
 "events": [
  {"id": "E1", "line": 2, "tier": "required", "plover": ["ASSAULT"], "cameo_root": ["18", "19"],
   "source": ["IRN"], "target": ["USA", null], "mode": "asserted", "date": "2020-01-08", "place_name": "Erbil"},
  {"id": "E2", "line": 2, "tier": "stretch", "plover": ["ASSAULT"], "cameo_root": ["19"],
   "source": ["IRN"], "target": ["USA"]},
  {"id": "E3", "line": 3, "tier": "required", "plover": ["THREATEN"], "cameo_root": ["13"],
   "source": ["USA"], "target": ["IRN"], "mode": "asserted", "year": 2020}
 ],
 "must_not_assert": [{"line": 3, "plover": ["ASSAULT"], "note": "vowed to retaliate"}]
}"#;
    const TEXT: &str = "Title\nIran fired missiles at US bases in Erbil.\nThe US vowed to strike back.";

    fn actor(code: Option<&str>) -> Option<ActorRef> {
        Some(ActorRef {
            text: "x".into(),
            start: 0,
            end: 1,
            code: code.map(String::from),
            name: None,
            country: None,
            sector: None,
        })
    }

    fn event(at: &str, plover: &str, cameo: &str, src: Option<&str>, tgt: Option<&str>, mode: Mode) -> Event {
        let start = TEXT.find(at).unwrap();
        Event {
            id: String::new(),
            article: String::new(),
            sentence: 1,
            text: String::new(),
            trigger: Span { text: at.into(), start, end: start + at.len() },
            source: actor(src),
            target: actor(tgt),
            cameo: cameo.into(),
            cameo_name: String::new(),
            quad_class: 4,
            goldstein: -10.0,
            plover: Some(plover.into()),
            plover_mode: None,
            mode,
            attribution: None,
            quantity: None,
            date: Some(crate::event::EventDate {
                value: "2020-01-08".into(),
                precision: crate::event::Precision::Day,
                basis: crate::event::Basis::Relative,
            }),
            historical: false,
            place: None,
            confidence: 0.5,
            explain: Vec::new(),
        }
    }

    fn gold() -> GoldFile {
        let (g, problems) = GoldFile::parse("g.json", FILE).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        g
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_at(TEXT, 0), 1);
        assert_eq!(line_at(TEXT, TEXT.find("Iran").unwrap()), 2);
        assert_eq!(line_at(TEXT, TEXT.find("vowed").unwrap()), 3);
    }

    #[test]
    fn required_is_matched_before_stretch_and_one_to_one() {
        let g = gold();
        // One event that fits both E1 and E2: it goes to the required one.
        let one = [event("fired", "ASSAULT", "190", Some("IRNMIL"), Some("USAMIL"), Mode::Asserted)];
        let s = score(&g, TEXT, &one);
        assert_eq!((s.required.right, s.stretch.right, s.matched_events), (1, 0, 1));
        assert_eq!(s.pairs[0], Some(0));
        // Two such events: one each.
        let two = [one[0].clone(), one[0].clone()];
        let s = score(&g, TEXT, &two);
        assert_eq!((s.required.right, s.stretch.right, s.matched_events), (1, 1, 2));
    }

    #[test]
    fn actors_category_and_line_must_all_fit() {
        let g = gold();
        let cases = [
            (event("fired", "ASSAULT", "190", Some("IRQ"), Some("USA"), Mode::Asserted), false),
            // A null in the target list accepts an uncoded or absent target.
            (event("fired", "ASSAULT", "190", Some("IRN"), None, Mode::Asserted), true),
            // The CAMEO root alone is enough.
            (event("fired", "COERCE", "180", Some("IRN"), None, Mode::Asserted), true),
            (event("fired", "PROTEST", "141", Some("IRN"), None, Mode::Asserted), false),
            (event("vowed", "ASSAULT", "190", Some("IRN"), None, Mode::Asserted), false),
        ];
        for (e, want) in cases {
            let s = score(&g, TEXT, std::slice::from_ref(&e));
            assert_eq!(s.required.right == 1, want, "{} {:?} {:?}", e.cameo, e.source, e.target);
        }
    }

    #[test]
    fn attributes_and_violations() {
        let g = gold();
        let mut hit = event("fired", "ASSAULT", "190", Some("IRN"), Some("USA"), Mode::Asserted);
        hit.place = Some(crate::event::Place {
            text: "Erbil".into(),
            name: "Erbil".into(),
            country: Some("IRQ".into()),
            lat: None,
            lon: None,
            geonames_id: None,
        });
        let threat = event("vowed", "THREATEN", "138", Some("USA"), Some("IRN"), Mode::Asserted);
        let trap = event("strike", "ASSAULT", "190", Some("USA"), Some("IRN"), Mode::Asserted);
        let mut not_a_trap = trap.clone();
        not_a_trap.mode = Mode::Intended;
        let s = score(&g, TEXT, &[hit, threat, trap, not_a_trap]);
        assert_eq!(s.required.right, 2);
        // mode, date and place of E1; mode and year of E3.
        assert_eq!(s.attribute_total(), Tally { right: 5, total: 5 });
        assert_eq!(s.violations.iter().map(|v| v.0).collect::<Vec<_>>(), [2]);
        assert_eq!(s.matched_events, 2);
        assert_eq!(s.precision(), 50.0);
    }

    #[test]
    fn wrong_attributes_are_listed() {
        let g = gold();
        let mut e = event("fired", "ASSAULT", "190", Some("IRN"), None, Mode::Proposed);
        e.date = None;
        let s = score(&g, TEXT, &[e]);
        let wrong: Vec<_> = s.wrong.iter().map(|w| (w.attribute, w.got.as_str())).collect();
        assert_eq!(wrong, [("mode", "proposed"), ("date", "none"), ("place_name", "none")]);
    }

    #[test]
    fn malformed_entries_are_reported_with_their_line_and_left_out() {
        let bad = FILE
            .replace("\"tier\": \"stretch\"", "\"tier\": \"bonus\"")
            .replace("[\"USA\"], \"target\": [\"IRN\"]", "[\"UK\"], \"target\": [\"IRN\"]");
        let (g, problems) = GoldFile::parse("g.json", &bad).unwrap();
        assert_eq!(g.events.len(), 1);
        let got: Vec<_> = problems.iter().map(|p| p.location.as_str()).collect();
        assert_eq!(got, ["g.json:8", "g.json:10"]);
        assert!(problems[1].message.contains("\"UK\" is not in actor_patterns"), "{}", problems[1]);
        let e = GoldFile::parse("g.json", "{\"doc\": 3}").unwrap_err();
        assert_eq!(e.location, "g.json:1");
    }
}
