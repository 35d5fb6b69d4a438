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
use crate::event::{Attribution, Event};
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
        }
    }

    /// Codes every sentence of `doc`.
    pub fn code(&self, info: &ArticleInfo, doc: &Doc) -> Vec<Event> {
        let date = info.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        let resolver = Resolver { actors: self.actors, agents: self.agents, date: date.as_deref() };
        let discourse = Discourse::build(doc, &resolver, self.places);
        let cx = Context { coder: self, info, doc, resolver, discourse, last_attribution: RefCell::new(None) };
        let mut out = Vec::new();
        for s in 0..doc.sentences.len() {
            let t = Tree::new(doc, s);
            if t.range.is_empty() {
                continue;
            }
            let mut events = Vec::new();
            for trig in crate::trigger::find(&t, self.lexicon) {
                events.extend(crate::assemble::events(&cx, &t, &trig));
            }
            for (k, e) in events.iter_mut().enumerate() {
                e.id = format!("{}:{}:{}", info.id, s + 1, k + 1);
                e.sentence = s + 1;
            }
            out.extend(events);
        }
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
        if r.kind == Kind::Person && r.actor.country.is_none() {
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
        admit(t, h, &r).then_some(r)
    }

    /// The speaker of the quote holding byte `offset`.
    pub fn speaker_of(&self, offset: usize, depth: usize) -> Option<Resolved> {
        let q = self.discourse.quote_at(offset)?;
        let (s, h) = (q.speaker_sentence?, q.speaker?);
        let t = Tree::new(self.doc, s);
        self.actor_at(&t, h, depth + 1)
    }
}
