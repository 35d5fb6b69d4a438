//! Readers for the PETRARCH / TABARI dictionary formats: verb patterns,
//! actors, agents and discards, plus the `[Dictionaries]` section of a
//! PETRARCH config file. They stand behind the same [`ActorLookup`],
//! [`AgentLookup`] and [`EventLookup`] traits as annals' own dictionaries,
//! so the coder's stages run unchanged; a PETRARCH pattern is one
//! [`EventEntry`] whose [`verbs::Pattern`] the trigger stage checks on the
//! words around the verb. [`Petrarch::finish`] then gives the events
//! PETRARCH's semantics: the pattern's own code (no modal analogues),
//! paired codes (`[032:033]`), null codes (`[---]`) and discards.
//!
//! What is read and how each construct maps onto annals' entries is
//! documented in `dictionaries/README.md` ("PETRARCH dictionaries").
//! Every malformed line is reported as `file:line: message` and skipped.

pub mod actors;
pub mod agents;
pub mod discards;
pub mod verbs;

use super::actors::{Actor, FormKind};
use super::events::{EventEntry, TriggerPos};
use super::{ActorLookup, AgentLookup, EventLookup};
use crate::event::{ActorRef, Event};
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
        }
    }

    /// The active `[Dictionaries]` section of a PETRARCH config (INI) file.
    /// Commented lines (`#`) are ignored; a later section ends it.
    pub fn from_config(text: &str) -> Environment {
        let mut env = Environment::default();
        let mut on = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.starts_with('[') {
                on = line.eq_ignore_ascii_case("[Dictionaries]");
                continue;
            }
            let Some((k, v)) = line.split_once('=').filter(|_| on) else { continue };
            let v = v.trim().to_string();
            match k.trim() {
                "verbfile_name" => env.verbs = Some(v),
                "actorfile_list" => env.actors = v.split(',').map(|s| s.trim().to_string()).collect(),
                "agentfile_name" => env.agents = Some(v),
                "discardfile_name" => env.discards = Some(v),
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

    /// Gives coded events PETRARCH's semantics. Only events whose trigger
    /// is a PETRARCH pattern stay (the coder's speech-act and demand
    /// events are annals' own); each takes its pattern's code as written
    /// (PETRARCH has no modal analogues); a null code (`---`) leaves no
    /// event; a paired code (`[032:033]`) adds the reverse event; events of
    /// a discarded sentence (or of every sentence, for a story discard) go.
    /// Needs the coder's explanations; drops them unless `explain`.
    pub fn finish(&self, doc: &Doc, date: Option<&str>, events: Vec<Event>, explain: bool) -> Vec<Event> {
        if self.discards.story(&doc.text) {
            return Vec::new();
        }
        let mut out: Vec<Event> = Vec::new();
        for mut e in events {
            if e.explain.iter().any(|x| x.starts_with("demand analogue")) {
                continue;
            }
            let Some(origin) = e.explain.iter().find_map(|x| trigger_origin(x)) else { continue };
            let Some(p) = self.verbs.by_origin(origin) else { continue };
            if p.code == "---" || self.discards.sentence(&e.text) {
                continue;
            }
            set_code(&mut e, &p.code);
            for side in [&mut e.source, &mut e.target] {
                if let Some(a) = side.as_mut() {
                    if let Some(c) = self.phrase_code(doc, a.start, a.end, date) {
                        a.code = Some(c);
                    }
                }
            }
            if explain {
                e.explain.push(format!("PETRARCH pattern {} [{}] ({})", p.text, p.code_text(), p.origin));
            } else {
                e.explain.clear();
            }
            let pair = p.pair.clone();
            let reverse = pair.map(|code| {
                let mut r = e.clone();
                std::mem::swap(&mut r.source, &mut r.target);
                set_code(&mut r, &code);
                r
            });
            out.extend(std::iter::once(e).chain(reverse));
        }
        let out = self.complete(doc, date, out);
        let triggers: Vec<usize> = out.iter().filter_map(|e| token_at(doc, e.trigger.start)).collect();
        let mut uniq: Vec<Event> = Vec::new();
        for ev in out {
            // PETRARCH codes who did what: an event needs a source, and a
            // verb that only reports another coded event ("..., officials
            // said") adds nothing.
            if code(&ev.source).is_none() {
                continue;
            }
            if let Some(e) = token_at(doc, ev.trigger.start) {
                if triggers.iter().any(|&f| f != e && reports(doc, e, f)) {
                    continue;
                }
            }
            let key = |x: &Event| (x.sentence, x.trigger.start, x.cameo.clone(), code(&x.source), code(&x.target));
            if !uniq.iter().any(|o| key(o) == key(&ev)) {
                uniq.push(ev);
            }
        }
        uniq
    }

    /// PETRARCH's code for the noun phrase at bytes `start..end`: its first
    /// actor, with the first role named anywhere else in the phrase
    /// ("Bree Prime Minister Romendacil" → BREGOV, "Arnor cleric" →
    /// ARNREL); a role alone is `---` and the role ("a senior official" →
    /// ---GOV). `None` when the phrase names neither (a pronoun).
    fn phrase_code(&self, doc: &Doc, start: usize, end: usize, date: Option<&str>) -> Option<String> {
        let toks: Vec<&annals_text::Token> = doc.tokens.iter().filter(|t| t.start >= start && t.end <= end).collect();
        let forms: Vec<&str> = toks.iter().map(|t| t.form.as_str()).collect();
        let lemmas: Vec<String> = toks.iter().map(|t| t.lemma.to_lowercase()).collect();
        let lemmas: Vec<&str> = lemmas.iter().map(String::as_str).collect();
        let mut actor: Option<String> = None;
        let mut role: Option<String> = None;
        let mut k = 0;
        while k < forms.len() {
            if let Some((e, a)) = self.actors.find(&forms, k, date) {
                actor.get_or_insert_with(|| a.code.clone());
                k = e;
            } else if let Some((e, r)) = self.agents.find(&lemmas, k) {
                role.get_or_insert_with(|| r.to_string());
                k = e;
            } else {
                k += 1;
            }
        }
        match (actor, role) {
            (Some(a), Some(r)) if a.len() == 3 => Some(format!("{a}{r}")),
            (Some(a), _) => Some(a),
            (None, Some(r)) => Some(format!("---{r}")),
            (None, None) => None,
        }
    }

    /// The actors named in a sentence's tokens, left to right: (first
    /// token, end, reference). A role right after a name joins it
    /// ("Gondor's government", "Minas Tirith border police").
    fn actors_in(&self, doc: &Doc, s: usize, date: Option<&str>) -> Vec<(usize, usize, ActorRef)> {
        let toks = doc.sentence_tokens(s);
        let forms: Vec<&str> = toks.iter().map(|t| t.form.as_str()).collect();
        let lemmas: Vec<String> = toks.iter().map(|t| t.lemma.to_lowercase()).collect();
        let lemmas: Vec<&str> = lemmas.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < forms.len() {
            let Some((end, a)) = self.actors.find(&forms, k, date) else {
                k += 1;
                continue;
            };
            let mut code = a.code.clone();
            let mut e = end;
            let j = if forms.get(end) == Some(&"'s") { end + 1 } else { end };
            if code.len() == 3 {
                if let Some((ae, role)) = self.agents.find(&lemmas, j).or_else(|| {
                    self.agents
                        .find(&lemmas, (j + 1).min(lemmas.len()))
                        .filter(|_| j < lemmas.len() && lemmas[j].chars().all(char::is_alphabetic))
                }) {
                    code.push_str(role);
                    e = ae;
                }
            }
            let (start, stop) = (toks[k].start, toks[e - 1].end);
            out.push((
                k,
                e,
                ActorRef {
                    text: doc.text[start..stop].to_string(),
                    start,
                    end: stop,
                    country: a.country.clone(),
                    code: Some(code),
                    name: Some(a.name.clone()),
                    sector: None,
                },
            ));
            k = e;
        }
        out
    }

    /// PETRARCH's sides: an event missing its source takes the nearest
    /// actor before the verb, one missing its target the first actor after
    /// it (with the actors coordinated with it); where a verb's events
    /// still have no complete pair, coordinated actors act on each other
    /// ("Gondor and Osgiliath renewed ties"), as PETRARCH pairs a compound
    /// source with no target.
    fn complete(&self, doc: &Doc, date: Option<&str>, events: Vec<Event>) -> Vec<Event> {
        let mut groups: Vec<Vec<Event>> = Vec::new();
        for e in events {
            match groups
                .iter_mut()
                .find(|g| g[0].sentence == e.sentence && g[0].trigger.start == e.trigger.start && g[0].cameo == e.cameo)
            {
                Some(g) => g.push(e),
                None => groups.push(vec![e]),
            }
        }
        let mut out = Vec::new();
        for g in groups {
            let s = g[0].sentence.saturating_sub(1);
            if s >= doc.sentences.len() {
                out.extend(g);
                continue;
            }
            let toks = doc.sentence_tokens(s);
            let Some(v) = toks.iter().position(|t| t.start == g[0].trigger.start) else {
                out.extend(g);
                continue;
            };
            let actors = self.actors_in(doc, s, date);
            let mut filled = Vec::new();
            for e in g {
                let (src, tgt) = (code(&e.source), code(&e.target));
                let mut variants = Vec::new();
                match (src.is_some(), tgt.is_some()) {
                    (false, true) => {
                        // The actor in the verb's subject, else (no subject
                        // in the parse) the nearest actor before the verb.
                        let pick = match subject_span(doc, s, v) {
                            Some(span) => actors
                                .iter()
                                .find(|(k, end, a)| span.contains(k) && span.contains(&(end - 1)) && a.code != tgt),
                            None => actors.iter().rev().find(|(_, end, a)| *end <= v && a.code != tgt),
                        };
                        if let Some((_, _, a)) = pick {
                            let mut x = e.clone();
                            x.source = Some(a.clone());
                            variants.push(x);
                        }
                    }
                    (true, false) => {
                        let after: Vec<&(usize, usize, ActorRef)> =
                            actors.iter().filter(|(k, _, a)| *k > v && a.code != src).collect();
                        if let Some(first) = after.first() {
                            let mut end = first.1;
                            let mut chosen = vec![first.2.clone()];
                            for x in &after[1..] {
                                let between = &toks[end..x.0];
                                if between.iter().all(|t| matches!(t.form.to_lowercase().as_str(), "and" | "," | "or"))
                                    && !between.is_empty()
                                {
                                    chosen.push(x.2.clone());
                                    end = x.1;
                                } else {
                                    break;
                                }
                            }
                            for a in chosen {
                                let mut x = e.clone();
                                x.target = Some(a);
                                variants.push(x);
                            }
                        }
                    }
                    _ => {}
                }
                if variants.is_empty() {
                    filled.push(e);
                } else {
                    filled.extend(variants);
                }
            }
            let complete = |e: &Event| code(&e.source).is_some() && code(&e.target).is_some();
            if filled.iter().any(complete) {
                out.extend(filled.into_iter().filter(complete));
                continue;
            }
            let mut parties: Vec<ActorRef> = Vec::new();
            for e in &filled {
                for a in [&e.source, &e.target].into_iter().flatten() {
                    if a.code.is_some() && !parties.iter().any(|p| p.code == a.code) {
                        parties.push(a.clone());
                    }
                }
            }
            if parties.len() < 2 {
                out.extend(filled);
                continue;
            }
            for x in &parties {
                for y in &parties {
                    if x.code != y.code {
                        let mut e = filled[0].clone();
                        e.source = Some(x.clone());
                        e.target = Some(y.clone());
                        out.push(e);
                    }
                }
            }
        }
        out
    }
}

/// The document token that starts at byte `start`.
fn token_at(doc: &Doc, start: usize) -> Option<usize> {
    doc.tokens.iter().position(|t| t.start == start)
}

/// The sentence positions of the subject phrase of the verb at position
/// `v` of sentence `s` (first to last), if the parse gives it one.
fn subject_span(doc: &Doc, s: usize, v: usize) -> Option<std::ops::RangeInclusive<usize>> {
    let base = doc.sentences[s].tokens.start;
    let toks = doc.sentence_tokens(s);
    let subj = toks.iter().position(|t| t.head == Some(base + v) && t.deprel.starts_with("nsubj"))?;
    let under = |k: usize| {
        let mut cur = Some(base + k);
        for _ in 0..toks.len() {
            match cur {
                Some(c) if c == base + subj => return true,
                Some(c) if c >= base && c < base + toks.len() => cur = doc.tokens[c].head,
                _ => return false,
            }
        }
        false
    };
    let inside: Vec<usize> = (0..toks.len()).filter(|&k| under(k)).collect();
    Some(*inside.first()?..=*inside.last()?)
}

/// Whether event trigger `e` only reports the event at trigger `f`: `f`
/// lies in a clause `e` takes as its content (`ccomp`, `parataxis` on the
/// way up), or `e` is a reporting clause beside `f` (`e` hangs by
/// `parataxis` from `f` or one of its governors).
fn reports(doc: &Doc, e: usize, f: usize) -> bool {
    let clausal = |r: &str| r.starts_with("ccomp") || r.starts_with("parataxis");
    let mut cur = f;
    let mut via = false;
    for _ in 0..doc.tokens.len() {
        let Some(h) = doc.tokens[cur].head else { break };
        via |= doc.tokens[cur].deprel.starts_with("ccomp");
        if h == e {
            return via;
        }
        cur = h;
    }
    // A reporting clause beside the event ("..., a senior official said").
    if doc.tokens[e].deprel.starts_with("parataxis") {
        return true;
    }
    // The same, parsed as an asyndetic conjunct after the event: a
    // conjunct with no "and" of its own.
    let asyndetic = doc.tokens[e].deprel.starts_with("conj")
        && e > f
        && !doc.tokens.iter().any(|t| t.head == Some(e) && t.deprel.starts_with("cc"));
    if clausal(&doc.tokens[e].deprel) || asyndetic {
        if let Some(h) = doc.tokens[e].head {
            let mut cur = Some(f);
            while let Some(c) = cur {
                if c == h {
                    return true;
                }
                cur = doc.tokens[c].head;
                if cur == Some(f) {
                    break;
                }
            }
        }
    }
    false
}

fn code(a: &Option<ActorRef>) -> Option<String> {
    a.as_ref().and_then(|a| a.code.clone())
}

/// The `file:line` origin of an explanation line `trigger "x": CODE lemma (origin)`.
fn trigger_origin(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("trigger ")?;
    let (_, o) = rest.rsplit_once(" (")?;
    o.strip_suffix(')')
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
    fn find_actor(&self, words: &[&str], start: usize, date: Option<&str>) -> Option<(usize, &Actor, FormKind)> {
        self.actors.find(words, start, date).map(|(end, a)| (end, a, FormKind::Name))
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
    fn finish(&self, doc: &Doc, date: Option<&str>, events: Vec<Event>, explain: bool) -> Vec<Event> {
        Petrarch::finish(self, doc, date, events, explain)
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
                   #agentfile_name = X\n[Options]\nagentfile_name = no\n";
        let env = Environment::from_config(ini);
        assert_eq!(env.verbs.as_deref(), Some("V.txt"));
        assert_eq!(env.actors, ["A.txt", "B.txt"]);
        assert_eq!(env.agents, None);
    }

    #[test]
    fn trigger_origin_is_read_from_the_explanation() {
        assert_eq!(trigger_origin("trigger \"left\": 032 leave (V.txt:12)"), Some("V.txt:12"));
        assert_eq!(trigger_origin("actor x"), None);
    }
}
