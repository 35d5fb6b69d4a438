//! The coder: finds event triggers in a parsed article and fills in the
//! record around each.
//!
//! For every verb or noun whose lemma the lexicon knows, the first entry
//! whose conditions hold (object lemma, particle, preposition) fires. Its
//! frame says where the source and target are in the parse; a missing
//! subject is inherited from the governing verb (infinitives, coordination,
//! "Israel was asked to release"), and a nominal trigger takes the subject
//! of the light verb it is the object of ("conducted talks"). Coordinated
//! actors ("Egypt and Hamas discussed") give one event each. Then the
//! resolvers add mode, attribution, quantity, date and place.

use crate::actor::{self, Resolved};
use crate::attribution;
use crate::dict::actors::ActorDict;
use crate::dict::agents::AgentDict;
use crate::dict::events::{EventEntry, Lexicon, Role, TriggerPos};
use crate::dict::{ActorLookup, AgentLookup, EventLookup};
use crate::event::{Attribution, Event, Mode, Span};
use crate::places::Places;
use crate::tree::{rel_is, Tree};
use crate::{analog, mode, ontology, places, when};
use annals_text::Doc;

/// The dictionaries the coder reads, through the [`crate::dict`] traits so
/// that other dictionary formats can stand in.
pub struct Coder<'a> {
    pub lexicon: &'a dyn EventLookup,
    pub actors: &'a dyn ActorLookup,
    pub agents: &'a dyn AgentLookup,
    pub places: &'a Places,
    /// Record why each event exists (`--explain`).
    pub explain: bool,
}

/// What the coder needs to know about an article besides its text.
pub struct ArticleInfo<'a> {
    pub id: &'a str,
    /// Publication date (year, month, day).
    pub date: Option<(i32, u8, u8)>,
}

/// What earlier sentences introduced, for "the source", "the group", "it".
#[derive(Default)]
struct Memory {
    /// The publication date (ISO), for actor codes that change over time.
    date: Option<String>,
    attribution: Option<Attribution>,
    group: Option<Resolved>,
    actor: Option<Resolved>,
}

const PRONOUNS: &[&str] = &["it", "they", "them", "he", "she", "him", "her", "its", "their", "his"];
const GROUP_NOUNS: &[&str] = &["group", "movement", "organisation", "organization", "faction", "militia"];

impl Coder<'_> {
    /// The shipped dictionaries.
    pub fn embedded() -> Coder<'static> {
        Coder {
            lexicon: Lexicon::embedded(),
            actors: ActorDict::embedded(),
            agents: AgentDict::embedded(),
            places: Places::embedded(),
            explain: false,
        }
    }

    /// Codes every sentence of `doc`.
    pub fn code(&self, info: &ArticleInfo, doc: &Doc) -> Vec<Event> {
        let mut out = Vec::new();
        let mut memory =
            Memory { date: info.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")), ..Memory::default() };
        for s in 0..doc.sentences.len() {
            let t = Tree::new(doc, s);
            if t.range.is_empty() {
                continue;
            }
            let mut events = self.code_sentence(&t, info, &mut memory);
            for (k, e) in events.iter_mut().enumerate() {
                e.id = format!("{}:{}:{}", info.id, s + 1, k + 1);
                e.sentence = s + 1;
            }
            out.extend(events);
        }
        out
    }

    fn code_sentence(&self, t: &Tree, info: &ArticleInfo, memory: &mut Memory) -> Vec<Event> {
        let mut events = Vec::new();
        // Nouns already covered by a verb entry that required them as object
        // ("held talks" is one event, not two).
        let mut covered: Vec<usize> = Vec::new();
        let mut fired: Vec<(usize, &EventEntry)> = Vec::new();
        for i in t.range.clone() {
            let tok = t.tok(i);
            let pos = match tok.upos.as_str() {
                "VERB" => TriggerPos::Verb,
                "NOUN" => TriggerPos::Noun,
                _ => continue,
            };
            let lemma = tok.lemma.to_lowercase();
            let mut entries = self.lexicon.triggers(pos, &lemma);
            // A gerund tagged as a noun ("Hamas freeing captive soldier")
            // takes its verb's entries.
            if entries.is_empty() && pos == TriggerPos::Noun && lemma.ends_with("ing") {
                for stem in verb_stems(&lemma) {
                    entries = self.lexicon.triggers(TriggerPos::Verb, &stem);
                    if !entries.is_empty() {
                        break;
                    }
                }
            }
            // A verb the lemmatiser has not seen ("rioted" → "riote"): the
            // regular stems of its form, checked against the lexicon.
            if entries.is_empty() && pos == TriggerPos::Verb {
                for stem in verb_stems(&tok.form.to_lowercase()) {
                    entries = self.lexicon.triggers(TriggerPos::Verb, &stem);
                    if !entries.is_empty() {
                        break;
                    }
                }
            }
            if anonymity_idiom(t, i) || attributive_participle(t, i) {
                continue;
            }
            if let Some(e) = entries.iter().find(|e| conditions_hold(t, i, e)) {
                if !e.obj.is_empty() {
                    covered.extend(objects(t, i));
                }
                fired.push((i, e));
            }
        }
        fired.retain(|(i, _)| !covered.contains(i));
        self.remember_actors(t, memory);
        for (trigger, entry) in fired {
            let pos = if t.tok(trigger).upos == "NOUN" { TriggerPos::Noun } else { TriggerPos::Verb };
            events.extend(self.code_trigger(t, info, trigger, entry, pos, memory));
        }
        events
    }

    /// Updates the memory with this sentence's named groups and actors, for
    /// later "the group" and pronouns.
    fn remember_actors(&self, t: &Tree, memory: &mut Memory) {
        // The first subject with a known actor is usually the main clause's.
        let mut actor_set = false;
        for i in t.range.clone() {
            if !rel_is(t.rel(i), "nsubj") {
                continue;
            }
            let r = actor::resolve(t, &actor::phrase(t, i), self.actors, self.agents, memory.date.as_deref());
            if r.actor.code.is_some() {
                if r.is_group {
                    memory.group = Some(r.clone());
                }
                if !actor_set {
                    memory.actor = Some(r);
                    actor_set = true;
                }
            }
        }
    }

    fn code_trigger(
        &self,
        t: &Tree,
        info: &ArticleInfo,
        trigger: usize,
        entry: &EventEntry,
        pos: TriggerPos,
        memory: &mut Memory,
    ) -> Vec<Event> {
        let (mode, why) = mode::mode(t, trigger);
        // What is only intended or promised is coded as the intent (or
        // threat) to do it, as the CAMEO codebook does.
        let code = match mode {
            // "will boycott the elections unless ...": a threat that was made.
            Mode::Hypothetical if mode::ultimatum(t, trigger) => analog::threat(&entry.code),
            Mode::Intended | Mode::Future => analog::intent(&entry.code).unwrap_or(&entry.code),
            Mode::Negated if mode::refusal(t, trigger) => analog::reject(&entry.code).unwrap_or(&entry.code),
            _ => &entry.code,
        };
        // A refusal is itself an event that happened; a threat or an intent
        // keeps the mode of what it is about (the design's "intended").
        let mode = if code != entry.code && mode == Mode::Negated { Mode::Asserted } else { mode };
        let Some(cameo) = ontology::get().cameo(code) else { return Vec::new() };
        let mut explain = Vec::new();
        if self.explain && code != entry.code {
            explain.push(format!("{:?} {} coded as its analogue {code}", mode, entry.code));
        }
        if self.explain {
            explain.push(format!(
                "trigger {:?} ({}) matched {} → {}",
                t.tok(trigger).form,
                t.tok(trigger).lemma,
                entry.origin,
                entry.code
            ));
        }
        let sources = self.actors_for(t, trigger, &entry.source, pos, true, memory, &mut explain);
        let targets = self.actors_for(t, trigger, &entry.target, pos, false, memory, &mut explain);
        // An event with no actor at all ("the results of talks") says
        // nothing about who did what to whom.
        if sources.is_empty() && targets.is_empty() {
            return Vec::new();
        }
        if let (true, Some(w)) = (self.explain, why) {
            explain.push(format!("mode {mode:?}: {w}"));
        }
        let reporter = attribution::reporter(t, trigger);
        let attribution = reporter.map(|(head, _)| self.attribution(t, head, memory));
        if let Some(a) = &attribution {
            memory.attribution = Some(a.clone());
        }
        let date = when::date(t, trigger, reporter.map(|r| r.1), info.date);
        let historical = date.as_ref().is_some_and(|d| when::historical(d, info.date));
        // The target's whole subtree, clauses included: "detainees who lived
        // in the West Bank".
        let mut target_tokens: Vec<usize> = targets.first().map(|(p, _)| t.subtree(p.root, &[])).unwrap_or_default();
        // Then the source's: "killed by fighters in Kandahar".
        target_tokens.extend(sources.first().map(|(p, _)| t.subtree(p.root, &[])).unwrap_or_default());
        let place = places::place(t, trigger, &target_tokens, self.places);
        let plover = ontology::get().plover(&cameo.code);
        let sent = &t.doc.sentences[t.sentence];
        let tok = t.tok(trigger);
        let mut out = Vec::new();
        let none: Vec<Option<(actor::Phrase, Resolved)>> = vec![None];
        let srcs: Vec<Option<(actor::Phrase, Resolved)>> =
            if sources.is_empty() { none.clone() } else { sources.into_iter().map(Some).collect() };
        let tgts: Vec<Option<(actor::Phrase, Resolved)>> =
            if targets.is_empty() { none } else { targets.into_iter().map(Some).collect() };
        for s in &srcs {
            for g in &tgts {
                if let (Some(a), Some(b)) = (s, g) {
                    if a.0.head == b.0.head {
                        continue;
                    }
                }
                let quantity = g
                    .as_ref()
                    .and_then(|x| x.1.quantity.clone())
                    .or_else(|| s.as_ref().and_then(|x| x.1.quantity.clone()));
                let mut source = s.as_ref().map(|x| x.1.actor.clone());
                let mut target = g.as_ref().map(|x| x.1.actor.clone());
                // An event without a known target ("will evacuate all 21
                // settlements in the Gaza Strip", "ethnic cleansing in
                // Montenegro") is done to the people of its place, as ICEWS
                // codes unnamed victims as the citizens of a country.
                if let Some(p) = place.as_ref().filter(|p| p.country.is_some()) {
                    match &mut target {
                        Some(a) if a.code.is_none() => {
                            a.code = p.country.clone();
                            a.country = p.country.clone();
                            a.sector = Some("CVL".into());
                        }
                        None => {
                            if let Some(off) = t.doc.text[sent.start..sent.end].find(&p.text) {
                                let start = sent.start + off;
                                target = Some(crate::event::ActorRef {
                                    text: p.text.clone(),
                                    start,
                                    end: start + p.text.len(),
                                    code: p.country.clone(),
                                    name: Some(p.name.clone()),
                                    country: p.country.clone(),
                                    sector: Some("CVL".into()),
                                });
                            }
                        }
                        _ => {}
                    }
                }
                // A bare role ("journalists", "police") takes the country of
                // the event's place: "journalists were arrested in Cairo".
                if let Some(country) = place.as_ref().and_then(|p| p.country.clone()) {
                    for a in [&mut source, &mut target].into_iter().flatten() {
                        if a.country.is_none() {
                            if let Some(role) = a.code.clone().filter(|c| c.len() == 3) {
                                a.code = Some(if role == "CVL" { country.clone() } else { format!("{country}{role}") });
                                a.country = Some(country.clone());
                            }
                        }
                    }
                }
                let confidence = confidence(&source, &target, mode);
                let mut ex = explain.clone();
                if self.explain {
                    for x in s.iter().chain(g.iter()) {
                        ex.extend(x.1.explain.iter().cloned());
                    }
                }
                out.push(Event {
                    id: String::new(),
                    article: info.id.to_string(),
                    sentence: 0,
                    text: t.doc.text[sent.start..sent.end].to_string(),
                    trigger: Span { text: tok.form.clone(), start: tok.start, end: tok.end },
                    source,
                    target,
                    cameo: cameo.code.clone(),
                    cameo_name: cameo.name.clone(),
                    quad_class: cameo.quad_class,
                    goldstein: cameo.goldstein,
                    plover: plover.map(|p| p.category.clone()).filter(|c| !c.is_empty()),
                    plover_mode: plover.map(|p| p.mode.clone()).filter(|m| !m.is_empty()),
                    mode,
                    attribution: attribution.clone(),
                    quantity,
                    date: date.clone(),
                    historical,
                    place: place.clone(),
                    confidence,
                    explain: ex,
                });
            }
        }
        // "X must return the helicopter, Russia said": the speaker demands it.
        if mode == Mode::Requested && mode::obliged(t, trigger) {
            let demands: Vec<Event> = out
                .iter()
                .filter_map(|e| {
                    let code = analog::demand(&e.cameo);
                    let c = ontology::get().cameo(code)?;
                    let p = ontology::get().plover(code);
                    let mut d = e.clone();
                    d.target = e.source.clone();
                    d.source = reporter.map(|(h, _)| {
                        actor::resolve(t, &actor::phrase(t, h), self.actors, self.agents, memory.date.as_deref()).actor
                    });
                    d.cameo = c.code.clone();
                    d.cameo_name = c.name.clone();
                    d.quad_class = c.quad_class;
                    d.goldstein = c.goldstein;
                    d.plover = p.map(|p| p.category.clone()).filter(|x| !x.is_empty());
                    d.plover_mode = p.map(|p| p.mode.clone()).filter(|x| !x.is_empty());
                    d.mode = Mode::Asserted;
                    d.quantity = None;
                    if self.explain {
                        d.explain.push(format!("demand analogue {code} of {} (\"must\")", e.cameo));
                    }
                    Some(d)
                })
                .take(1)
                .collect();
            out.extend(demands);
        }
        out
    }

    fn attribution(&self, t: &Tree, head: usize, memory: &Memory) -> Attribution {
        let p = actor::phrase(t, head);
        let r = actor::resolve(t, &p, self.actors, self.agents, memory.date.as_deref());
        let anonymous = attribution::anonymous(t, head);
        // "the source noted": the source introduced earlier.
        let definite = t.kids(head, "det").any(|d| t.lemma(d).eq_ignore_ascii_case("the"));
        if definite && r.actor.code.is_none() {
            if let Some(prev) = &memory.attribution {
                return Attribution { text: r.actor.text, code: prev.code.clone(), anonymous: prev.anonymous };
            }
        }
        Attribution { text: r.actor.text, code: r.actor.code, anonymous }
    }

    /// The actors filling `roles` of `trigger`, with coordinated ones.
    #[allow(clippy::too_many_arguments)]
    fn actors_for(
        &self,
        t: &Tree,
        trigger: usize,
        roles: &[Role],
        pos: TriggerPos,
        is_source: bool,
        memory: &Memory,
        explain: &mut Vec<String>,
    ) -> Vec<(actor::Phrase, Resolved)> {
        let date = memory.date.as_deref();
        // How good a candidate is: a named country, group or organisation
        // (2) beats a bare role such as "troops" (1), which beats anything.
        let strength = |h: usize| -> u8 {
            let a = self.resolve_head(t, h, &actor::phrase(t, h), date).actor;
            match (&a.code, &a.country) {
                (Some(_), Some(_)) => 2,
                (Some(c), None) if c.len() > 3 => 2,
                (Some(_), None) => 1,
                _ => 0,
            }
        };
        let coded = |h: usize| strength(h) > 0;
        let mut head = None;
        let mut weak = None;
        let mut fallback = None;
        for r in roles {
            let Some(h) = find_role(t, trigger, r, pos) else { continue };
            match strength(h) {
                2 => {
                    head = Some(h);
                    if self.explain {
                        explain.push(format!("{} via {r:?}", if is_source { "source" } else { "target" }));
                    }
                    break;
                }
                1 if weak.is_none() => weak = Some(h),
                // An adjective or compound is an actor only if a dictionary
                // says so ("Israeli strikes", not "intensive talks").
                _ if fallback.is_none() && *r != Role::Modifier => fallback = Some(h),
                _ => {}
            }
        }
        // A named party deeper down beats a bare role: "withdraw its troops
        // from Lebanon", "demanded that the US cancel", "held a meeting
        // with X", "offered to hand over to X".
        if head.is_none() && !is_source {
            head = deeper_targets(t, trigger).into_iter().find(|&h| strength(h) == 2);
        }
        let head = head.or(weak);
        let head = head.or(fallback);
        let mut head = head;
        // A nominal trigger's source is the subject of its light verb.
        if head.is_none() && is_source && pos == TriggerPos::Noun {
            head = light_verb_subject(t, trigger);
        }
        // A trigger inside a compound ("Hamas freeing captive soldier"):
        // the compound's head is the target, an actor before it the source.
        if head.is_none() && pos == TriggerPos::Noun && rel_is(t.rel(trigger), "compound") {
            let h = t.head(trigger);
            head = if is_source {
                h.and_then(|h| {
                    t.kids(h, "compound").filter(|&c| c < trigger).find(|&c| {
                        actor::resolve(t, &actor::phrase(t, c), self.actors, self.agents, memory.date.as_deref())
                            .actor
                            .code
                            .is_some()
                    })
                })
            } else {
                h
            };
        }
        // A participle describing a noun ("prisoners sentenced to life"):
        // the noun is the one acted on.
        let reduced_relative = pos == TriggerPos::Verb
            && t.tok(trigger).xpos == "VBN"
            && rel_is(t.rel(trigger), "acl")
            && !t.rel(trigger).ends_with("relcl");
        if !is_source && reduced_relative {
            head = t.head(trigger);
        }
        // A passive without its "by" agent does not say who acted: no guess.
        let agentless = is_source && (is_passive(t, trigger) || reduced_relative);
        // The parse gave no argument (news wording trips the parser now and
        // then): the nearest actor on the side where English puts it.
        if head.is_none() && pos == TriggerPos::Verb && !agentless {
            // A named actor within reach beats a nearer bare role.
            head = nearest_actor(t, trigger, is_source, &|h| strength(h) == 2)
                .or_else(|| nearest_actor(t, trigger, is_source, &coded));
            if head.is_some() && self.explain {
                explain.push(format!("{} by position", if is_source { "source" } else { "target" }));
            }
        }
        let Some(mut h) = head else { return Vec::new() };
        // A relative pronoun stands for the noun its clause describes.
        if t.tok(h).upos == "PRON" && matches!(t.lemma(h).to_lowercase().as_str(), "who" | "which" | "that" | "whom") {
            if let Some(v) = t.head(h).filter(|&v| t.rel(v).ends_with("relcl")) {
                h = t.head(v).unwrap_or(h);
            }
        }
        let case = t.case_of(h);
        let mut heads = vec![h];
        heads.extend(
            t.kids(h, "conj").filter(|&c| t.tok(c).upos != "VERB" && (t.case_of(c).is_none() || t.case_of(c) == case)),
        );
        heads
            .into_iter()
            .filter(|&h| h != trigger)
            .map(|h| {
                let mut p = actor::phrase(t, h);
                // The compound's head as target: only the words after the trigger.
                if rel_is(t.rel(trigger), "compound") && t.head(trigger) == Some(h) {
                    p.tokens.retain(|&x| x > trigger);
                    if p.tokens.is_empty() {
                        p.tokens.push(h);
                    }
                }
                let mut r = self.resolve_head(t, h, &p, memory.date.as_deref());
                self.corefer(t, h, &mut r, memory);
                (p, r)
            })
            .collect()
    }

    /// Resolves the phrase at `h`; when it names no known actor, an
    /// apposition may ("Human rights watchdog Amnesty International",
    /// "Qatar's emir, Sheikh Hamad").
    fn resolve_head(&self, t: &Tree, h: usize, p: &actor::Phrase, date: Option<&str>) -> Resolved {
        let mut r = actor::resolve(t, p, self.actors, self.agents, date);
        if r.actor.code.is_none() {
            for a in t.kids(h, "appos").chain(t.kids(h, "flat")) {
                let ra = actor::resolve(t, &actor::phrase(t, a), self.actors, self.agents, date);
                if ra.actor.code.is_some() {
                    r.actor.code = ra.actor.code;
                    r.actor.name = ra.actor.name;
                    r.actor.country = ra.actor.country;
                    r.actor.sector = ra.actor.sector;
                    r.explain.extend(ra.explain);
                    r.explain.push(format!("apposition {:?}", t.tok(a).form));
                    break;
                }
            }
        }
        r
    }

    /// Pronouns and "the group" take the code of what they refer to.
    fn corefer(&self, t: &Tree, h: usize, r: &mut Resolved, memory: &Memory) {
        if r.actor.code.is_some() {
            return;
        }
        let lemma = t.lemma(h).to_lowercase();
        let form = t.tok(h).form.to_lowercase();
        // A pronoun first looks back in its own sentence ("Syria says it
        // will ..."): the nearest earlier subject with a known actor.
        let local = if PRONOUNS.contains(&form.as_str()) {
            (t.range.start..h).rev().filter(|&k| rel_is(t.rel(k), "nsubj")).find_map(|k| {
                let r = actor::resolve(t, &actor::phrase(t, k), self.actors, self.agents, memory.date.as_deref());
                r.actor.code.is_some().then_some(r)
            })
        } else {
            None
        };
        let antecedent = if GROUP_NOUNS.contains(&lemma.as_str()) {
            memory.group.as_ref()
        } else if PRONOUNS.contains(&form.as_str()) {
            local.as_ref().or(memory.actor.as_ref())
        } else {
            None
        };
        if let Some(a) = antecedent {
            r.actor.code = a.actor.code.clone();
            r.actor.name = a.actor.name.clone();
            r.actor.country = a.actor.country.clone();
            r.actor.sector = a.actor.sector.clone();
            r.explain.push(format!("coreference {:?} → {:?}", t.tok(h).form, a.actor.text));
        }
    }
}

/// "captured soldiers", "liberated prisoners": a bare past participle right
/// before its noun describes the noun; parsers sometimes make the noun its
/// object.
fn attributive_participle(t: &Tree, i: usize) -> bool {
    let tok = t.tok(i);
    // Tagged either way; a verb with a subject, own or inherited ("Israel
    // released and freed prisoners"), is a verb.
    if !matches!(tok.xpos.as_str(), "VBN" | "VBD")
        || t.kid(i, "aux").is_some()
        || t.kid(i, "aux:pass").is_some()
        || subject(t, i).is_some()
    {
        return false;
    }
    let next = (i + 1..t.range.end).find(|&k| t.tok(k).upos != "PUNCT");
    next.is_some_and(|k| objects(t, i).contains(&k))
}

/// "asked not to be named", "requested anonymity": how sources hide, not
/// events.
fn anonymity_idiom(t: &Tree, i: usize) -> bool {
    t.children(i).iter().any(|&c| {
        let lemma = t.lemma(c).to_lowercase();
        (["xcomp", "ccomp"].iter().any(|r| rel_is(t.rel(c), r)) && matches!(lemma.as_str(), "name" | "identify"))
            || (["obj", "obl"].iter().any(|r| rel_is(t.rel(c), r)) && lemma == "anonymity")
    })
}

/// Whether an entry's extra conditions hold at trigger `i`.
fn conditions_hold(t: &Tree, i: usize, e: &EventEntry) -> bool {
    if !e.obj.is_empty() && !objects(t, i).iter().any(|&o| e.obj.contains(&t.lemma(o).to_lowercase())) {
        return false;
    }
    if let Some(p) = &e.prt {
        if !t.kids(i, "compound:prt").any(|c| t.lemma(c).eq_ignore_ascii_case(p)) {
            return false;
        }
    }
    if !e.prep.is_empty() && !obliques(t, i).any(|(_, case)| e.prep.contains(&case)) {
        return false;
    }
    if !e.xcomp.is_empty() && !t.kids(i, "xcomp").any(|c| e.xcomp.contains(&t.lemma(c).to_lowercase())) {
        return false;
    }
    true
}

fn is_passive(t: &Tree, v: usize) -> bool {
    t.kid(v, "nsubj:pass").is_some() || t.kid(v, "aux:pass").is_some()
}

/// The direct objects of verb `v` (the passive subject for a passive).
fn objects(t: &Tree, v: usize) -> Vec<usize> {
    if is_passive(t, v) {
        t.kids(v, "nsubj:pass").collect()
    } else {
        t.kids(v, "obj").collect()
    }
}

/// Obliques and nominal modifiers of `i` with their prepositions.
fn obliques<'b>(t: &'b Tree, i: usize) -> impl Iterator<Item = (usize, String)> + 'b {
    t.children(i)
        .iter()
        .copied()
        .filter(move |&c| rel_is(t.rel(c), "obl") || rel_is(t.rel(c), "nmod"))
        .filter_map(move |c| t.case_of(c).map(|case| (c, case)))
}

/// The subject of verb `v`, inherited through the clause it depends on:
/// coordination and adverbial clauses share it; an infinitive complement
/// takes its governor's object if there is one ("asked Israel to release"),
/// else its subject ("is ready to provide").
fn subject(t: &Tree, v: usize) -> Option<usize> {
    let mut cur = v;
    for _ in 0..5 {
        // A "by" agent makes a passive, finite or not ("an agreement
        // mediated by Algeria").
        if let Some(a) = t.kid(cur, "obl:agent") {
            return Some(a);
        }
        if is_passive(t, cur) {
            if let Some(a) = obliques(t, cur).find(|(_, c)| c == "by").map(|(a, _)| a) {
                return Some(a);
            }
            if t.kid(cur, "nsubj:pass").is_some() {
                return None;
            }
        } else if let Some(s) = t.kid(cur, "nsubj") {
            return Some(s);
        }
        let rel = t.rel(cur);
        let head = t.head(cur)?;
        if rel_is(rel, "xcomp") {
            if let Some(o) = t.kid(head, "obj").or_else(|| t.kid(head, "iobj")) {
                return Some(o);
            }
            cur = head;
        } else if rel_is(rel, "conj") || rel_is(rel, "advcl") {
            cur = head;
        } else if rel_is(rel, "acl") && !rel.ends_with("relcl") {
            // "a deal freeing prisoners": the noun is not the doer; stop.
            return None;
        } else {
            return None;
        }
    }
    None
}

/// The nearest coded actor before (`left`) or after the trigger, within a
/// few words and not behind a preposition other than a partner's.
fn nearest_actor(t: &Tree, trigger: usize, left: bool, coded: &dyn Fn(usize) -> bool) -> Option<usize> {
    const MAX: usize = 8;
    let ok = |k: usize| {
        matches!(t.tok(k).upos.as_str(), "NOUN" | "PROPN")
            && t.case_of(k).is_none_or(|c| !left && matches!(c.as_str(), "to" | "against" | "with" | "on"))
            && coded(k)
    };
    if left {
        (t.range.start..trigger).rev().take(MAX).take_while(|&k| t.tok(k).form != ";").find(|&k| ok(k))
    } else {
        (trigger + 1..t.range.end)
            .take(MAX)
            .take_while(|&k| !matches!(t.tok(k).form.as_str(), ";" | ","))
            .find(|&k| ok(k))
    }
}

/// Candidate targets below the trigger: the object's prepositional
/// partners, then the complement clause's object and partners.
fn deeper_targets(t: &Tree, trigger: usize) -> Vec<usize> {
    const PARTNER: &[&str] = &["to", "with", "against", "on", "for", "from", "into", "between"];
    let partners = |n: usize| -> Vec<usize> {
        obliques(t, n).filter(|(_, c)| PARTNER.contains(&c.as_str())).map(|(c, _)| c).collect()
    };
    // Inside an object, "by" and "of" also name a party ("an admission by
    // Moscow"); on the trigger itself "by" is the passive's agent.
    let object_partners = |n: usize| -> Vec<usize> {
        obliques(t, n)
            .filter(|(_, c)| PARTNER.contains(&c.as_str()) || c == "by" || c == "of")
            .map(|(c, _)| c)
            .collect()
    };
    let mut out = Vec::new();
    // "demanded that the US cancel ...": the one asked is the clause's subject.
    for x in t.kids(trigger, "ccomp") {
        out.extend(t.kid(x, "nsubj"));
    }
    for o in objects(t, trigger) {
        out.extend(object_partners(o));
    }
    out.extend(partners(trigger));
    for x in t.kids(trigger, "xcomp").chain(t.kids(trigger, "ccomp")) {
        out.extend(objects(t, x));
        out.extend(partners(x));
        for o in objects(t, x) {
            out.extend(partners(o));
        }
        for y in t.kids(x, "xcomp") {
            out.extend(objects(t, y));
            out.extend(partners(y));
        }
    }
    out
}

/// Verbs that lend their subject to a nominal event: "conducted talks",
/// "launched an attack", "sought a deal through negotiations".
const LIGHT_VERBS: &[&str] = &[
    "conduct",
    "hold",
    "have",
    "launch",
    "carry",
    "make",
    "stage",
    "begin",
    "start",
    "resume",
    "continue",
    "open",
    "mount",
    "wage",
    "order",
    "announce",
    "complete",
    "reach",
    "sign",
    "seek",
    "propose",
    "offer",
    "demand",
    "agree",
    "implement",
    "undertake",
    "host",
    "organize",
    "organise",
    "lead",
    "attend",
    "join",
    "pursue",
    "step",
    "give",
    "take",
    "hold",
    "stage",
    "end",
    "halt",
    "suspend",
    "call",
    "issue",
    "impose",
    "intensify",
    "escalate",
];

fn light_verb_subject(t: &Tree, noun: usize) -> Option<usize> {
    let rel = t.rel(noun);
    let v = t.head(noun)?;
    let light = LIGHT_VERBS.contains(&t.lemma(v).to_lowercase().as_str());
    let means =
        rel_is(rel, "obl") && matches!(t.case_of(noun).as_deref(), Some("through" | "via" | "in" | "during" | "by"));
    if (light && (rel_is(rel, "obj") || rel_is(rel, "nsubj:pass"))) || means {
        return subject(t, v);
    }
    None
}

/// Regular stems of an inflected verb form: "rioted" → riot, "raided" →
/// raid, "expelled" → expel, "carries" → carry.
fn verb_stems(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (suf, add) in
        [("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")]
    {
        if let Some(stem) = form.strip_suffix(suf) {
            if stem.chars().count() >= 2 {
                out.push(format!("{stem}{add}"));
                let mut rev = stem.chars().rev();
                if let (Some(a), Some(b)) = (rev.next(), rev.next()) {
                    if a == b && add.is_empty() {
                        out.push(stem[..stem.len() - a.len_utf8()].to_string());
                    }
                }
            }
        }
    }
    out
}

/// The head of the phrase filling `role` of `trigger`.
fn find_role(t: &Tree, trigger: usize, role: &Role, pos: TriggerPos) -> Option<usize> {
    match role {
        Role::Subject => match pos {
            TriggerPos::Verb => subject(t, trigger),
            TriggerPos::Noun => light_verb_subject(t, trigger),
        },
        Role::Object => objects(t, trigger).into_iter().next().or_else(|| t.kid(trigger, "iobj")),
        Role::IndirectObject => t.kid(trigger, "iobj"),
        Role::Possessor => t.kid(trigger, "nmod:poss"),
        Role::Modifier => t
            .children(trigger)
            .iter()
            .copied()
            .find(|&c| (rel_is(t.rel(c), "amod") || rel_is(t.rel(c), "compound")) && t.tok(c).upos != "NOUN"),
        Role::Prep(p) => {
            if let Some((c, _)) = obliques(t, trigger).find(|(_, case)| case == p) {
                return Some(c);
            }
            // "conducting talks with X": the partner may hang from the light verb.
            if pos == TriggerPos::Noun && rel_is(t.rel(trigger), "obj") {
                let v = t.head(trigger)?;
                return obliques(t, v).find(|(_, case)| case == p).map(|(c, _)| c);
            }
            None
        }
        Role::None => None,
    }
}

/// A rough confidence: coded actors on both sides and an asserted mode make
/// an event more trustworthy; each missing piece costs.
fn confidence(source: &Option<crate::event::ActorRef>, target: &Option<crate::event::ActorRef>, mode: Mode) -> f32 {
    let mut c: f32 = 0.4;
    if source.as_ref().is_some_and(|a| a.code.is_some()) {
        c += 0.25;
    }
    if target.as_ref().is_some_and(|a| a.code.is_some()) {
        c += 0.2;
    } else if target.is_some() {
        c += 0.05;
    }
    if mode == Mode::Asserted {
        c += 0.1;
    }
    (c * 100.0).round() / 100.0
}
