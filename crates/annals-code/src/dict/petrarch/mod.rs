//! Readers for the PETRARCH / TABARI dictionary formats: verb patterns,
//! actors, agents and discards, plus the `[Dictionaries]` section of a
//! PETRARCH config file, and PETRARCH's own coding algorithm over annals'
//! parse ([`code`]). The readers also stand behind the same
//! [`ActorLookup`], [`AgentLookup`] and [`EventLookup`] traits as annals'
//! own dictionaries, so the coder's stages run on them (a PETRARCH pattern
//! is one [`EventEntry`] whose [`verbs::Pattern`] the trigger stage checks
//! on the words around the verb); [`Petrarch::finish`] then codes the
//! article as PETRARCH does and takes only the attributes of the coder's
//! events.
//!
//! What is read and how each construct maps onto annals' entries is
//! documented in `dictionaries/README.md` ("PETRARCH dictionaries").
//! Every malformed line is reported as `file:line: message` and skipped.

pub mod actors;
pub mod agents;
pub mod code;
pub mod discards;
pub mod verbs;

use super::actors::{Actor, FormKind};
use super::events::{EventEntry, TriggerPos};
use super::{ActorLookup, AgentLookup, EventLookup};
use crate::coder::ArticleInfo;
use crate::event::{ActorRef, Event, Mode, Span};
use annals_text::Doc;

/// One malformed line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PetrError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl PetrError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> PetrError {
        PetrError { file: file.to_string(), line, message: message.into() }
    }
}

/// The lines of a PETRARCH file without comments: `(line number, text)`,
/// trimmed at the end, blank lines dropped. `#` starts a comment outside
/// brackets (`[###]` is a code); `<!-- ... -->` (also written `<! -- ...`)
/// may span lines.
pub fn clean_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_xml = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.to_string();
        if in_xml {
            match line.find("-->") {
                Some(p) => {
                    line = line[p + 3..].to_string();
                    in_xml = false;
                }
                None => continue,
            }
        }
        while let Some(p) = line.find("<!") {
            match line[p..].find("-->") {
                Some(q) => line.replace_range(p..p + q + 3, ""),
                None => {
                    line.truncate(p);
                    in_xml = true;
                }
            }
        }
        let line = strip_hash(&line);
        if !line.trim().is_empty() {
            out.push((i + 1, line.trim_end().to_string()));
        }
    }
    out
}

/// `line` up to its first `#` outside square brackets.
fn strip_hash(line: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// A phrase as PETRARCH writes it (`MINAS_TIRITH`, `NEW ZEALAND`,
/// `ARNOR_`): lower-case words, each with whether it is exact (followed by
/// `_` or last with a trailing `_`) rather than a stem that matches any
/// word it begins.
pub fn phrase_words(s: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.trim().chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c == '_' || c.is_whitespace() {
            if !cur.is_empty() {
                out.push((cur.to_lowercase(), c == '_'));
                cur.clear();
            } else if c == '_' {
                if let Some(last) = out.last_mut() {
                    last.1 = true;
                }
            }
            let _ = k;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push((cur.to_lowercase(), false));
    }
    out
}

/// Whether the text word `word` (lower case) matches the dictionary word
/// `w`: equal, or `w` is a stem of at least four letters that `word` begins.
pub fn word_matches(w: &str, exact: bool, word: &str) -> bool {
    word == w || (!exact && w.chars().count() >= 4 && word.starts_with(w))
}

/// `yymmdd` or `yyyymmdd` as `yyyymmdd`; two-digit years up to 30 are 20yy.
pub fn parse_date(s: &str) -> Option<u32> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    let (y, md) = match s.len() {
        6 => {
            let yy = n / 10000;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, n % 10000)
        }
        8 => (n / 10000, n % 10000),
        _ => return None,
    };
    let (m, d) = (md / 100, md % 100);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(y * 10000 + md)
}

/// The dictionary files a PETRARCH run names: from a config file's
/// `[Dictionaries]` section or a validation file's `<Environment>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub verbs: Option<String>,
    pub actors: Vec<String>,
    pub agents: Option<String>,
    pub discards: Option<String>,
    /// The `require_dyad` option of a config file's `[Options]`.
    pub require_dyad: Option<bool>,
}

impl Environment {
    /// The Phoenix release set, as PETRARCH2's own config names it.
    pub fn phoenix() -> Environment {
        Environment {
            verbs: Some("CAMEO.2.0.txt".into()),
            actors: vec![
                "Phoenix.Countries.actors.txt".into(),
                "Phoenix.International.actors.txt".into(),
                "Phoenix.MilNonState.actors.txt".into(),
            ],
            agents: Some("Phoenix.agents.txt".into()),
            discards: Some("Phoenix.discards.txt".into()),
            require_dyad: None,
        }
    }

    /// The active `[Dictionaries]` section of a PETRARCH config (INI) file,
    /// and the `require_dyad` key of its `[Options]`. Commented lines
    /// (`#`) are ignored; a later section ends one.
    pub fn from_config(text: &str) -> Environment {
        let mut env = Environment::default();
        let mut section = String::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.starts_with('[') {
                section = line.to_lowercase();
                continue;
            }
            let Some((k, v)) = line.split_once('=') else { continue };
            let v = v.trim().to_string();
            match (section.as_str(), k.trim()) {
                ("[dictionaries]", "verbfile_name") => env.verbs = Some(v),
                ("[dictionaries]", "actorfile_list") => {
                    env.actors = v.split(',').map(|s| s.trim().to_string()).collect()
                }
                ("[dictionaries]", "agentfile_name") => env.agents = Some(v),
                ("[dictionaries]", "discardfile_name") => env.discards = Some(v),
                ("[options]", "require_dyad") => env.require_dyad = Some(!v.to_lowercase().contains("false")),
                _ => {}
            }
        }
        env
    }
}

/// Loaded PETRARCH dictionaries.
#[derive(Debug, Default)]
pub struct Petrarch {
    pub verbs: verbs::Verbs,
    pub actors: actors::Actors,
    pub agents: agents::Agents,
    pub discards: discards::Discards,
    /// PETRARCH's `require_dyad = False`: an event may have an empty
    /// (`---`) source or target. Off by default, as in PETRARCH; a config
    /// file's `[Options]` or a validation record's `<Config>` may set it.
    pub one_sided: std::sync::atomic::AtomicBool,
}

impl Petrarch {
    /// Sets PETRARCH's `require_dyad` option.
    pub fn set_require_dyad(&self, on: bool) {
        self.one_sided.store(!on, std::sync::atomic::Ordering::Relaxed);
    }

    fn require_dyad(&self) -> bool {
        !self.one_sided.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Petrarch {
    /// Builds the dictionaries from `(file name, text)` pairs; returns the
    /// bad lines, each skipped.
    pub fn from_texts(
        verbs: Option<(&str, &str)>,
        actors: &[(&str, &str)],
        agents: Option<(&str, &str)>,
        discards: Option<(&str, &str)>,
    ) -> (Petrarch, Vec<PetrError>) {
        let mut errors = Vec::new();
        let mut p = Petrarch::default();
        if let Some((name, text)) = verbs {
            p.verbs = verbs::Verbs::parse(text, name, &mut errors);
        }
        for (name, text) in actors {
            p.actors.add(text, name, &mut errors);
        }
        p.actors.finish();
        if let Some((name, text)) = agents {
            p.agents = agents::Agents::parse(text, name, &mut errors);
        }
        if let Some((name, text)) = discards {
            p.discards = discards::Discards::parse(text, name, &mut errors);
        }
        (p, errors)
    }

    /// Codes an article as PETRARCH does ([`code`]): sentence by
    /// sentence, verb by verb, over annals' parse. The coder's own events
    /// (given with explanations) only lend their attributes (mode, date,
    /// place, attribution, quantity) to the PETRARCH event at the same
    /// verb; a PETRARCH event with none gets its mode and date from the
    /// resolvers. PETRARCH has no modal analogues, so an event keeps its
    /// pattern's code as written; a discarded sentence (or story) codes
    /// nothing.
    pub fn finish(&self, info: &ArticleInfo, doc: &Doc, events: Vec<Event>, explain: bool) -> Vec<Event> {
        if self.discards.story(&doc.text) {
            return Vec::new();
        }
        let date = info.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        let mut out: Vec<Event> = Vec::new();
        for s in 0..doc.sentences.len() {
            let sent = &doc.sentences[s];
            let text = &doc.text[sent.start..sent.end];
            if self.discards.sentence(text) {
                continue;
            }
            let mut k = 0;
            for c in self.code_sentence(doc, s, date.as_deref()) {
                let verb = &doc.tokens[c.verb];
                let like = events.iter().find(|e| e.sentence == s + 1 && e.trigger.start == verb.start);
                let party = |p: &code::Party| {
                    let (a, b) = (doc.tokens[p.tokens.start].start, doc.tokens[p.tokens.end - 1].end);
                    ActorRef {
                        text: doc.text[a..b].to_string(),
                        start: a,
                        end: b,
                        code: Some(p.code.clone()),
                        name: p.name.clone(),
                        country: p.country.clone(),
                        sector: None,
                    }
                };
                k += 1;
                let mut e = Event {
                    id: format!("{}:{}:{}", info.id, s + 1, k),
                    article: info.id.to_string(),
                    sentence: s + 1,
                    text: text.to_string(),
                    trigger: Span { text: verb.form.clone(), start: verb.start, end: verb.end },
                    source: Some(party(&c.source)),
                    target: Some(party(&c.target)),
                    cameo: String::new(),
                    cameo_name: String::new(),
                    quad_class: 0,
                    goldstein: 0.0,
                    plover: None,
                    plover_mode: None,
                    mode: Mode::Asserted,
                    attribution: None,
                    quantity: None,
                    date: None,
                    historical: false,
                    place: None,
                    confidence: 0.0,
                    explain: Vec::new(),
                };
                match like {
                    Some(l) => {
                        e.mode = l.mode;
                        e.attribution = l.attribution.clone();
                        e.quantity = l.quantity.clone();
                        e.date = l.date.clone();
                        e.historical = l.historical;
                        e.place = l.place.clone();
                    }
                    None => {
                        let t = crate::tree::Tree::new(doc, s);
                        e.mode = crate::resolve::mode::mode(&t, c.verb).0;
                        e.date = crate::resolve::when::date(&t, c.verb, None, info.date);
                        e.historical = e.date.as_ref().is_some_and(|d| crate::resolve::when::historical(d, info.date));
                    }
                }
                set_code(&mut e, &c.code);
                crate::assemble::finish(&mut e);
                if explain {
                    e.explain.push(format!("PETRARCH pattern {} [{}] ({})", c.rule, c.code, c.origin));
                }
                out.push(e);
            }
        }
        out
    }
}

/// Sets an event's code with the ontology's name, weights and crosswalk.
fn set_code(e: &mut Event, code: &str) {
    let o = crate::ontology::get();
    if let Some(c) = o.cameo(code) {
        e.cameo = c.code.clone();
        e.cameo_name = c.name.clone();
        e.goldstein = c.goldstein;
        e.quad_class = c.quad_class;
    } else {
        e.cameo = code.to_string();
    }
    let p = o.plover(code);
    e.plover = p.map(|p| p.category.clone()).filter(|c| !c.is_empty());
    e.plover_mode = p.map(|p| p.mode.clone()).filter(|m| !m.is_empty());
}

impl ActorLookup for Petrarch {
    /// PETRARCH's dictionaries match its own way (lower case, no folding),
    /// on the words as written.
    fn find_actor(
        &self,
        forms: &[&str],
        _norms: &[&str],
        start: usize,
        date: Option<&str>,
    ) -> Option<(usize, &Actor, FormKind)> {
        self.actors.find(forms, start, date).map(|(end, a)| (end, a, FormKind::Name))
    }
}

impl AgentLookup for Petrarch {
    fn find_agent(&self, lemmas: &[&str], start: usize) -> Option<(usize, &str)> {
        self.agents.find(lemmas, start)
    }
}

impl EventLookup for Petrarch {
    fn triggers(&self, pos: TriggerPos, lemma: &str) -> &[EventEntry] {
        match pos {
            TriggerPos::Verb => self.verbs.entries(lemma),
            TriggerPos::Noun => &[],
        }
    }
}

impl crate::coder::Finish for Petrarch {
    fn finish(&self, info: &ArticleInfo, doc: &Doc, events: Vec<Event>, explain: bool) -> Vec<Event> {
        Petrarch::finish(self, info, doc, events, explain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_stripped_but_codes_kept() {
        let text = "<!-- a\n still comment -->\nA [X] # note\n- * B [###] # c\n<! -- odd -->\n\n# all\nC";
        let l = clean_lines(text);
        assert_eq!(l, vec![(3, "A [X]".into()), (4, "- * B [###]".into()), (8, "C".into())]);
    }

    #[test]
    fn phrases_and_stems() {
        assert_eq!(phrase_words("MINAS_TIRITH"), vec![("minas".into(), true), ("tirith".into(), false)]);
        assert_eq!(phrase_words("ARNOR_"), vec![("arnor".into(), true)]);
        assert!(word_matches("argentin", false, "argentina"));
        assert!(!word_matches("arnor", true, "arnorian"));
        assert!(!word_matches("us", false, "usa"), "short stems are exact");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("950601"), Some(19950601));
        assert_eq!(parse_date("070723"), Some(20070723));
        assert_eq!(parse_date("20121109"), Some(20121109));
        assert_eq!(parse_date("951301"), None);
        assert_eq!(parse_date("95x601"), None);
    }

    #[test]
    fn config_section() {
        let ini = "[Dictionaries]\nverbfile_name = V.txt\nactorfile_list = A.txt, B.txt\n\
                   #agentfile_name = X\n[Options]\nagentfile_name = no\nrequire_dyad = False\n";
        let env = Environment::from_config(ini);
        assert_eq!(env.verbs.as_deref(), Some("V.txt"));
        assert_eq!(env.actors, ["A.txt", "B.txt"]);
        assert_eq!(env.agents, None);
        assert_eq!(env.require_dyad, Some(false));
        assert_eq!(Environment::from_config("[Options]\nrequire_dyad = True\n").require_dyad, Some(true));
    }
}
