//! The coder: runs the stages over a parsed article.
//!
//! ```text
//! Doc ─► discourse (mentions, names, focus, quotes)
//!     └► per sentence: trigger ─► frame ─► actors ─► resolvers ─► assemble ─► Event*
//! ```
//!
//! Each stage is a module: [`crate::trigger`] finds the words that report
//! events, [`crate::frame`] the heads that fill source and target,
//! [`crate::actors`] what those heads name (with [`crate::discourse`] for
//! what earlier sentences said), [`crate::resolve`] mode, attribution,
//! date, place and quantity, and [`crate::assemble`] builds the records.

use crate::actors::{admit::admit, Kind, Resolved, Resolver};
use crate::dict::actors::ActorDict;
use crate::dict::agents::AgentDict;
use crate::dict::events::Lexicon;
use crate::dict::{ActorLookup, AgentLookup, EventLookup};
use crate::discourse::Discourse;
use crate::event::{ActorRef, Attribution, Event};
use crate::places::Places;
use crate::tree::Tree;
use annals_text::Doc;
use std::cell::RefCell;

/// The dictionaries the coder reads, through the [`crate::dict`] traits so
/// that other dictionary formats can stand in.
pub struct Coder<'a> {
    pub lexicon: &'a dyn EventLookup,
    pub actors: &'a dyn ActorLookup,
    pub agents: &'a dyn AgentLookup,
    pub places: &'a Places,
    /// Record why each event exists (`--explain`).
    pub explain: bool,
    /// A last pass over each article's events that another dictionary
    /// format's semantics need (PETRARCH's: [`crate::dict::petrarch`]).
    pub finish: Option<&'a dyn Finish>,
}

/// A last pass over an article's events, given them with explanations;
/// keeps the explanations only when `explain`.
pub trait Finish: Sync {
    fn finish(&self, info: &ArticleInfo, doc: &Doc, events: Vec<Event>, explain: bool) -> Vec<Event>;
}

/// What the coder needs to know about an article besides its text.
pub struct ArticleInfo<'a> {
    pub id: &'a str,
    /// Publication date (year, month, day).
    pub date: Option<(i32, u8, u8)>,
}

/// Everything a stage may consult while one article is coded.
pub struct Context<'c> {
    pub coder: &'c Coder<'c>,
    pub info: &'c ArticleInfo<'c>,
    pub doc: &'c Doc,
    pub resolver: Resolver<'c>,
    pub discourse: Discourse,
    /// The last attribution, for "the source said".
    pub last_attribution: RefCell<Option<Attribution>>,
    /// The coded doers of the events so far, by sentence, with their
    /// events' quad classes, for "the move".
    pub doers: RefCell<Vec<(usize, u8, ActorRef)>>,
    /// The coded source of every event so far, by its trigger's first
    /// byte: who filed "a lawsuit" when the parse gave the verb no subject.
    pub sources: RefCell<Vec<(usize, ActorRef)>>,
    /// The actor of the report's first event with a named, coded source in
    /// its first three sentences, whatever its kind: who the lead is about.
    pub lead: RefCell<Option<ActorRef>>,
    /// Quotes (by start) whose speech event is coded.
    pub quotes_done: RefCell<Vec<usize>>,
    /// The CAMEO roots of the events coded so far, for re-mentions ("the
    /// rally" after "a rally").
    pub roots: RefCell<Vec<String>>,
    /// Narrative time: the date the report last gave an event, by line of
    /// the text, and the first date it gave an event of each CAMEO root.
    pub narrative: RefCell<Narrative>,
}

/// What the report has said about when things happened.
#[derive(Debug, Default)]
pub struct Narrative {
    /// (line, date) of the latest event dated by the text.
    pub line: Option<(usize, crate::event::EventDate)>,
    /// CAMEO root → the date of its first event dated by the text.
    pub by_root: Vec<(String, crate::event::EventDate)>,
    /// The date of the story: the first asserted event of the lead that
    /// the text dates, unless it is background.
    pub story: Option<crate::event::EventDate>,
}

impl Coder<'_> {
    /// The shipped dictionaries.
    pub fn embedded() -> Coder<'static> {
        Coder {
            lexicon: Lexicon::embedded(),
            actors: ActorDict::embedded(),
            agents: AgentDict::embedded(),
            places: Places::embedded(),
            explain: false,
            finish: None,
        }
    }

    /// Codes every sentence of `doc`.
    pub fn code(&self, info: &ArticleInfo, doc: &Doc) -> Vec<Event> {
        let repaired = crate::repair::canonical(doc);
        let doc: &Doc = &repaired;
        if let Some(f) = self.finish {
            let inner = Coder { explain: true, finish: None, ..*self };
            return f.finish(info, doc, inner.code(info, doc), self.explain);
        }
        let date = info.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        let resolver = Resolver { actors: self.actors, agents: self.agents, date: date.as_deref() };
        let discourse = Discourse::build(doc, &resolver, self.places);
        let cx = Context {
            coder: self,
            info,
            doc,
            resolver,
            discourse,
            last_attribution: RefCell::new(None),
            doers: RefCell::new(Vec::new()),
            sources: RefCell::new(Vec::new()),
            lead: RefCell::new(None),
            quotes_done: RefCell::new(Vec::new()),
            roots: RefCell::new(Vec::new()),
            narrative: RefCell::new(Narrative::default()),
        };
        let mut out = Vec::new();
        for s in 0..doc.sentences.len() {
            let t = Tree::new(doc, s);
            if t.range.is_empty() {
                continue;
            }
            let mut events = Vec::new();
            let triggers = crate::trigger::find(&t, self.lexicon);
            for trig in &triggers {
                events.extend(crate::assemble::events(&cx, &t, trig));
            }
            let fired: Vec<usize> = triggers.iter().map(|g| g.token).collect();
            events.extend(crate::speech::events(&cx, &t, &fired));
            crate::assemble::drop_requested_content(&t, &mut events);
            crate::assemble::drop_unreal_without_doer(&mut events);
            crate::assemble::merge_retellings(&t, &mut events);
            for e in &events {
                if let Some(src) = e.source.as_ref().filter(|a| a.code.is_some()) {
                    cx.sources.borrow_mut().push((e.trigger.start, src.clone()));
                }
                let root = e.cameo.get(..2).unwrap_or(&e.cameo).to_string();
                if !cx.roots.borrow().contains(&root) {
                    cx.roots.borrow_mut().push(root);
                }
                if s < 3 && cx.lead.borrow().is_none() {
                    let named = e.source.as_ref().filter(|a| a.code.is_some() && !a.text.is_empty());
                    *cx.lead.borrow_mut() = named.cloned();
                }
                // Doers of acts, not of words: "the move" is what someone did.
                // (CAMEO's verbal quad classes: 1 cooperation, 3 conflict.)
                let verbal = matches!(e.quad_class, 1 | 3);
                if verbal {
                    continue;
                }
                // An implicit doer ("protests" by unnamed protesters) or one
                // acting on itself is no antecedent for "the move".
                let own = |a: &crate::event::ActorRef| {
                    !a.text.is_empty() && e.target.as_ref().is_none_or(|g| g.code != a.code)
                };
                if let Some(src) =
                    e.source.as_ref().filter(|a| a.code.is_some() && own(a) && e.mode == crate::event::Mode::Asserted)
                {
                    cx.doers.borrow_mut().push((s, e.quad_class, src.clone()));
                }
            }
            crate::resolve::restate::complete(
                &t,
                self.lexicon,
                &mut out,
                self.places,
                cx.discourse.focus.as_deref(),
                info.date,
            );
            for (k, e) in events.iter_mut().enumerate() {
                e.id = format!("{}:{}:{}", info.id, s + 1, k + 1);
                e.sentence = s + 1;
            }
            out.extend(events);
        }
        crate::resolve::place::from_setting(cx.discourse.setting.as_ref(), &mut out, self.explain);
        out
    }
}

impl Context<'_> {
    /// The actor at head `h`, or `None` when the phrase there is no actor.
    /// Its own words first, then what the report said before: a person's
    /// surname, a quote's "we", a pronoun or "the group".
    pub fn actor(&self, t: &Tree, h: usize) -> Option<Resolved> {
        self.actor_at(t, h, 0)
    }

    fn actor_at(&self, t: &Tree, h: usize, depth: usize) -> Option<Resolved> {
        let mut r = self.resolver.local(t, h);
        let take = |r: &mut Resolved, from: &Resolved, why: String| {
            r.actor.code = from.actor.code.clone();
            r.actor.name = from.actor.name.clone();
            r.actor.country = from.actor.country.clone();
            r.actor.sector = from.actor.sector.clone();
            r.is_group |= from.is_group;
            if r.kind == Kind::Pronoun || r.kind == Kind::Other {
                r.kind = from.kind;
            }
            r.explain.push(why);
        };
        let unknown_org = r.kind == Kind::Organisation && r.actor.code.is_none();
        if (r.kind == Kind::Person && r.actor.country.is_none()) || unknown_org {
            if let Some(n) = self.discourse.name(t, h).filter(|n| n.actor.code.is_some()) {
                if r.actor.code.is_none() || n.actor.country.is_some() {
                    let n = n.clone();
                    take(&mut r, &n, format!("name {:?} as introduced: {:?}", t.tok(h).form, n.actor.text));
                }
            }
        }
        if r.actor.code.is_none() {
            let lemma = t.tok(h).form.to_lowercase();
            if crate::cues::has(crate::cues::List::FirstPerson, &lemma) && depth == 0 {
                if let Some(s) = self.speaker_of(t.tok(h).start, depth) {
                    take(&mut r, &s, format!("{:?} is the quote's speaker {:?}", t.tok(h).form, s.actor.text));
                }
            } else if let Some(a) = self.discourse.antecedent(t, h) {
                let a = a.clone();
                take(&mut r, &a, format!("coreference {:?} → {:?}", t.tok(h).form, a.actor.text));
            }
        }
        // "The statement said ...": a document speaks for its author.
        if r.actor.code.is_none() {
            if let Some(a) = self.author(t, h, depth) {
                take(&mut r, &a, format!("{:?} speaks for its author {:?}", t.tok(h).form, a.actor.text));
                r.kind = a.kind;
            }
        }
        // "his associates", "supporters of Navalny": people of someone's
        // side are of that side (cue list `entourage`).
        // (The form too: lemmatisers turn "aides" into "aid".)
        let form = t.tok(h).form.to_lowercase();
        let entourage = [t.lemma(h).to_lowercase().as_str(), form.as_str(), form.trim_end_matches('s')]
            .iter()
            .any(|w| crate::cues::has(crate::cues::List::Entourage, w));
        if r.actor.code.is_none() && depth < 3 && entourage {
            let of = crate::frame::obliques(t, h).find(|(_, c)| c == "of").map(|(x, _)| x);
            if let Some(p) = t.kid(h, "nmod:poss").or(of) {
                if let Some(o) = self.actor_at(t, p, depth + 1).filter(|o| o.actor.code.is_some()) {
                    take(&mut r, &o, format!("{:?} are of {:?}'s side", t.tok(h).form, o.actor.text));
                    r.kind = Kind::Role;
                }
            }
        }
        admit(t, h, &r).then_some(r)
    }

    /// The author of the document noun `h` names (cue list `document`),
    /// who speaks through it: its possessor or agent ("Amnesty's report",
    /// "a lawsuit filed by Texas"); else, for "the statement", "the
    /// motion", whoever the sentence before it or the last three of its
    /// paragraph say filed, issued or wrote a document ("Sixteen states
    /// filed a lawsuit. ... The motion claims ...").
    fn author(&self, t: &Tree, h: usize, depth: usize) -> Option<Resolved> {
        let document = |u: &Tree, d: usize| {
            u.tok(d).upos == "NOUN" && crate::cues::has(crate::cues::List::Document, &u.lemma(d).to_lowercase())
        };
        if depth >= 2 || !document(t, h) {
            return None;
        }
        let own = noun_agent(t, h).or_else(|| crate::frame::participle_agent(t, h));
        if let Some(x) = own {
            return self.actor_at(t, x, depth + 1).filter(|r| r.actor.code.is_some());
        }
        if !t.definite(h) {
            return None;
        }
        let para = paragraph(self.doc, t.sentence);
        for s in (t.sentence.saturating_sub(3)..=t.sentence).rev() {
            if s + 1 < t.sentence && paragraph(self.doc, s) != para {
                continue;
            }
            let u = Tree::new(self.doc, s);
            let filer = u.range.clone().rev().filter(|&d| s < t.sentence || d < h).find_map(|d| {
                if !document(&u, d) || !crate::tree::rel_is(u.rel(d), "obj") {
                    return None;
                }
                let v = u.head(d)?;
                let coded = || {
                    let sources = self.sources.borrow();
                    let a = sources.iter().rev().find(|(at, _)| *at == u.tok(v).start).map(|(_, a)| a.clone())?;
                    let mut r = with_actor(self.resolver.local(&u, v), &a);
                    r.kind = Kind::Organisation;
                    Some(r)
                };
                let x = u.kid(v, "nsubj");
                x.and_then(|x| self.actor_at(&u, x, depth + 1)).filter(|r| r.actor.code.is_some()).or_else(coded)
            });
            if filer.is_some() {
                return filer;
            }
        }
        None
    }

    /// The doer of the act a noun names ("the move", "the decision", "the
    /// attack"): its possessor or `by` agent ("Trump's decision", "the
    /// proclamation ... by Trump"), else the doer of the latest event of the
    /// last three sentences.
    pub fn owner(&self, t: &Tree, h: usize) -> Option<Resolved> {
        let lemma = t.lemma(h).to_lowercase();
        let act = crate::cues::has(crate::cues::List::AbstractObject, &lemma)
            || !self.coder.lexicon.triggers(crate::dict::events::TriggerPos::Noun, &lemma).is_empty();
        if !act || t.tok(h).upos != "NOUN" {
            return None;
        }
        // Its possessor, `by` (or `from`) agent or actor modifier: "Trump's decision",
        // "the proclamation ... by Trump", "the US blockade measure".
        // "the claim from Berlin", "a statement from the ministry".
        let by = noun_agent(t, h)
            // A "by" phrase the parse hung deeper inside the noun's own
            // words ("the proclamation of the Heights as territory by the
            // President"), or inside a phrase right after them that the
            // parse hung on the verb instead ("attacked [the proclamation
            // of the Heights] [as territory by the President]").
            .or_else(|| {
                let stop = &["acl", "relcl", "ccomp", "advcl"];
                std::iter::once(h)
                    .chain(crate::frame::stranded_obliques(t, h).into_iter().map(|(x, _)| x))
                    .flat_map(|n| t.subtree(n, stop))
                    .find(|&x| x != h && t.case_of(x).as_deref() == Some("by"))
            });
        // A capital or country there is the government speaking ("the
        // claim from Berlin"), not a place, wherever the parse hung it.
        let metonym = |x: usize| {
            let r = self.resolver.local(t, x);
            let country = r.dict_kind == Some(crate::dict::actors::ActorKind::Country) && r.actor.code.is_some();
            country.then_some(r)
        };
        if let Some(r) = by.and_then(|x| self.actor(t, x).or_else(|| metonym(x))) {
            return Some(r);
        }
        // "the state of emergency Trump declared": the relative clause's
        // subject did it (not "which", the act itself).
        let relcl =
            t.children(h).iter().copied().find(|&c| t.rel(c).ends_with("relcl") && !crate::frame::is_passive(t, c));
        let doer = relcl
            .and_then(|v| t.kid(v, "nsubj"))
            .filter(|&x| !matches!(t.lemma(x).to_lowercase().as_str(), "which" | "that" | "who" | "what"));
        if let Some(r) = doer.and_then(|x| self.actor(t, x)) {
            return Some(r);
        }
        // "a lawsuit filed by Texas": a participle's agent did it.
        if let Some(r) = crate::frame::participle_agent(t, h).and_then(|x| self.actor(t, x)) {
            return Some(r);
        }
        let modifiers: Vec<usize> = t
            .children(h)
            .iter()
            .copied()
            .filter(|&c| crate::tree::rel_is(t.rel(c), "amod") || crate::tree::rel_is(t.rel(c), "compound"))
            .collect();
        for m in modifiers {
            if let Some(r) = self.actor(t, m).filter(|r| r.actor.code.is_some()) {
                return Some(r);
            }
        }
        let definite = t.definite(h);
        if !definite {
            return None;
        }
        // "the attack" is the latest act of force: a noun that names only
        // material conflict takes the doer of such an event, not of the
        // last statement ("the withdrawal" may be what was announced).
        let entries = self.coder.lexicon.triggers(crate::dict::events::TriggerPos::Noun, &lemma);
        let force = !entries.is_empty() && entries.iter().all(|e| crate::ontology::quad_class(&e.code) == Some(4));
        self.latest_act_doer(t, h, force)
    }

    /// The doer of the latest act near sentence `t` (of force only, with
    /// `force`), as the referent of `h`: "the attack", or "it" in "called
    /// it an aggression".
    pub fn latest_act_doer(&self, t: &Tree, h: usize, force: bool) -> Option<Resolved> {
        let doers: Vec<(usize, ActorRef)> =
            self.doers.borrow().iter().filter(|(_, q, _)| !force || *q == 4).map(|(s, _, a)| (*s, a.clone())).collect();
        let lead = self.lead.borrow();
        let a = recent_doer(self.doc, &doers, t.sentence, lead.as_ref())?;
        let mut r = with_actor(self.resolver.local(t, h), a);
        r.explain.push(format!("{:?} is the act of {:?}", t.tok(h).form, a.text));
        Some(r)
    }

    /// Whether quote `q` has given no speech event yet.
    pub fn quote_open(&self, q: Option<&crate::discourse::quotes::Quote>) -> bool {
        q.is_some_and(|q| !self.quotes_done.borrow().contains(&q.start))
    }

    /// Records that quote `q` has given its speech event.
    pub fn close_quote(&self, q: Option<&crate::discourse::quotes::Quote>) {
        if let Some(q) = q {
            self.quotes_done.borrow_mut().push(q.start);
        }
    }

    /// Whether the speaker of the quote holding byte `offset` is an
    /// unnamed source ("..., a government official said").
    pub fn speaker_anonymous(&self, offset: usize) -> bool {
        let Some(q) = self.discourse.quote_at(offset) else { return false };
        let (Some(s), Some(h)) = (q.speaker_sentence, q.speaker) else { return false };
        crate::resolve::attribution::anonymous(&Tree::new(self.doc, s), h)
    }

    /// The speaker of the quote holding byte `offset`.
    pub fn speaker_of(&self, offset: usize, depth: usize) -> Option<Resolved> {
        let q = self.discourse.quote_at(offset)?;
        let (s, h) = (q.speaker_sentence?, q.speaker?);
        let t = Tree::new(self.doc, s);
        self.actor_at(&t, h, depth + 1)
    }
}

/// The possessor or `by` (or `from`) agent of noun `h`, wherever the parse
/// hung the phrase right after it: "Trump's decision", "a statement from
/// the ministry", "the claim from Berlin".
fn noun_agent(t: &Tree, h: usize) -> Option<usize> {
    let agentive = |c: &str| c == "by" || c == "from";
    t.kid(h, "nmod:poss")
        .or_else(|| crate::frame::obliques(t, h).find(|(_, c)| agentive(c)).map(|(x, _)| x))
        .or_else(|| crate::frame::stranded_obliques(t, h).into_iter().find(|(_, c)| agentive(c)).map(|(x, _)| x))
}

/// Phrase `r` standing for actor `a` (its code, name, country and sector).
fn with_actor(mut r: Resolved, a: &ActorRef) -> Resolved {
    r.actor.code = a.code.clone();
    r.actor.name = a.name.clone();
    r.actor.country = a.country.clone();
    r.actor.sector = a.sector.clone();
    r
}

/// The paragraph (text line) holding sentence `s`.
fn paragraph(doc: &Doc, s: usize) -> usize {
    let start = doc.sentences[s].start;
    doc.text.as_bytes()[..start].iter().filter(|&&b| b == b'\n').count()
}

/// Whom a definite act noun with no doer of its own ("the move", "the
/// decision") refers to: the doer of the latest act in its paragraph or
/// the sentence before, else the doer of the report's lead (an act in its
/// first three sentences), which later paragraphs discuss, else whoever
/// the lead is about.
fn recent_doer<'d>(
    doc: &Doc,
    doers: &'d [(usize, ActorRef)],
    sentence: usize,
    lead: Option<&'d ActorRef>,
) -> Option<&'d ActorRef> {
    let para = paragraph(doc, sentence);
    let near = doers.iter().rev().find(|(s, _)| *s <= sentence && (*s + 1 >= sentence || paragraph(doc, *s) == para));
    near.or_else(|| doers.first().filter(|(s, _)| *s < 3)).map(|(_, a)| a).or(lead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    fn actor(code: &str) -> ActorRef {
        ActorRef { text: code.into(), code: Some(code.into()), ..ActorRef::default() }
    }

    #[test]
    fn the_attack_is_the_latest_act_of_force() {
        use crate::{ArticleInfo, Coder};
        // Hamas attacked Israel . Turkey criticized Israel . Egypt condemned the attack .
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ NER=B-ORG
             2 attacked attack VERB VBD _ 0 root _ _
             3 Israel Israel PROPN NNP _ 2 obj _ NER=B-LOC

             1 Turkey Turkey PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 criticized criticize VERB VBD _ 0 root _ _
             3 Israel Israel PROPN NNP _ 2 obj _ NER=B-LOC

             1 Egypt Egypt PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 condemned condemn VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 attack attack NOUN NN _ 2 obj _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let e = ev.iter().find(|e| e.trigger.text == "condemned").expect("the condemnation");
        assert_eq!(e.target.as_ref().and_then(|a| a.code.as_deref()), Some("PSEREBHMS"), "{ev:#?}");
    }

    #[test]
    fn a_document_speaks_for_whoever_issued_it() {
        use crate::{ArticleInfo, Coder};
        // Egypt issued a statement . The statement accused Israel .
        let sentences = "1 Egypt Egypt PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 issued issue VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 statement statement NOUN NN _ 2 obj _ _

             1 The the DET DT _ 2 det _ _
             2 statement statement NOUN NN _ 3 nsubj _ _
             3 accused accuse VERB VBD _ 0 root _ _
             4 Israel Israel PROPN NNP _ 3 obj _ NER=B-LOC";
        let source = |text: &str| {
            let d = doc(&spaced(text));
            let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
            let e = ev.iter().find(|e| e.trigger.text == "accused").cloned();
            e.and_then(|e| e.source).and_then(|a| a.code)
        };
        assert_eq!(source(sentences).as_deref(), Some("EGY"));
        // A statement no one was said to issue speaks for no one.
        let alone = sentences
            .replace("1 Egypt Egypt PROPN NNP _ 2 nsubj _ NER=B-LOC", "1 Yesterday yesterday NOUN NN _ 2 obl:tmod _ _");
        assert_eq!(source(&alone), None);
    }

    #[test]
    fn the_by_agent_of_an_act_may_hang_in_a_phrase_after_it() {
        use crate::{ArticleInfo, Coder};
        // Erdogan attacked the proclamation of Golan Heights as territory
        // by the President of the United States (the "as" phrase hung on
        // the verb, as a beam parse does).
        let d = doc(&spaced(
            "1 Erdogan Erdogan PROPN NNP _ 2 nsubj _ NER=B-PER
             2 attacked attack VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 proclamation proclamation NOUN NN _ 2 obj _ _
             5 of of ADP IN _ 7 case _ _
             6 Golan Golan PROPN NNP _ 7 compound _ NER=B-LOC
             7 Heights Height PROPN NNPS _ 4 nmod _ NER=I-LOC
             8 as as ADP IN _ 10 case _ _
             9 Israeli Israeli ADJ JJ _ 10 amod _ _
             10 territory territory NOUN NN _ 2 obl _ _
             11 by by ADP IN _ 13 case _ _
             12 the the DET DT _ 13 det _ _
             13 President President PROPN NNP _ 10 nmod _ _
             14 of of ADP IN _ 17 case _ _
             15 the the DET DT _ 17 det _ _
             16 United United PROPN NNP _ 17 compound _ NER=B-LOC
             17 States States PROPN NNPS _ 13 nmod _ NER=I-LOC
             18 . . PUNCT . _ 2 punct _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let attack = ev.iter().find(|e| e.trigger.text == "attacked").expect("the attack");
        let target = attack.target.as_ref().and_then(|a| a.code.as_deref());
        assert!(target.is_some_and(|c| c.starts_with("USA")), "{attack:#?}");
    }

    #[test]
    fn the_move_is_the_latest_nearby_act_else_the_leads() {
        // Eight one-word sentences, each a paragraph of its own.
        let d = doc(&spaced(&(1..=8).map(|k| format!("1 w{k} w NOUN NN _ 0 root _ _\n\n")).collect::<String>()));
        let doers = vec![(0, actor("TURGOV")), (3, actor("IGOUNOEDU"))];
        // The sentence after an act: its doer.
        assert_eq!(recent_doer(&d, &doers, 4, None).and_then(|a| a.code.clone()).as_deref(), Some("IGOUNOEDU"));
        // Paragraphs later: the lead's doer.
        assert_eq!(recent_doer(&d, &doers, 7, None).and_then(|a| a.code.clone()).as_deref(), Some("TURGOV"));
        // No lead act: nothing.
        assert!(recent_doer(&d, &doers[1..], 7, None).is_none());
        // ... unless the lead is about someone.
        let gbr = actor("GBRGOV");
        assert_eq!(recent_doer(&d, &doers[1..], 7, Some(&gbr)), Some(&gbr));
    }
}
