//! The discourse: what the whole report says about who is who, read before
//! any event is coded.
//!
//! - **Mentions**: every actor phrase of every sentence, resolved from its
//!   own words ([`crate::actors::Resolver::local`]).
//! - **Names**: a person introduced with a title or an apposition
//!   ("Indonesia's security minister Wiranto", "Dedi Prasetyo, a
//!   spokesperson for the Indonesian National Police") keeps that code when
//!   named again by surname alone.
//! - **Coreference** ([`Discourse::antecedent`]): a pronoun takes the most
//!   salient earlier actor that agrees with it (person or not, one or
//!   several), never a co-argument of its own verb, so "it" in "Saudi
//!   Arabia said it was attacked" can be Saudi Arabia but in "Saudi Arabia
//!   attacked it" cannot; "the group" takes the last named group.
//! - **Focus** ([`focus`]): the report's own country.
//! - **Setting** ([`setting`]): the place where the story happens.
//! - **Quotes** ([`quotes`]): quoted stretches and who says them.

pub mod focus;
pub mod quotes;
pub mod setting;

use crate::actors::{Kind, Resolved, Resolver};
use crate::cues::{self, List};
use crate::places::Places;
use crate::tree::{rel_is, Tree};
use annals_text::{Doc, EntityLabel};
use std::collections::HashMap;

/// One actor phrase of the report.
#[derive(Debug, Clone)]
pub struct Mention {
    pub sentence: usize,
    pub head: usize,
    pub resolved: Resolved,
    /// The mention is its clause's subject.
    pub subject: bool,
    /// The word the mention depends on (its verb, for arguments).
    pub governor: Option<usize>,
}

/// What the report says about its actors.
#[derive(Debug, Default)]
pub struct Discourse {
    /// The report's own country (ISO alpha-3), if it has one.
    pub focus: Option<String>,
    /// Where the report's story happens ([`setting`]), if it says.
    pub setting: Option<crate::event::Place>,
    pub mentions: Vec<Mention>,
    /// Full names and surnames, as [`name_keys`] → the mention that coded
    /// them.
    names: HashMap<String, usize>,
    pub quotes: Vec<quotes::Quote>,
}

/// Relations of a phrase's head: arguments and modifiers that name someone.
const NOMINAL: &[&str] =
    &["nsubj", "obj", "iobj", "obl", "nmod", "root", "conj", "csubj", "expl", "dislocated", "vocative"];

/// Whether token `i` heads an actor phrase of its own (not a word inside
/// another's: a name's second word, an apposition, a title).
fn heads_phrase(t: &Tree, i: usize) -> bool {
    let tok = t.tok(i);
    matches!(tok.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM")
        && NOMINAL.iter().any(|r| rel_is(&tok.deprel, r))
        && !rel_is(&tok.deprel, "nmod:desc")
}

/// The keys a name is remembered by: the whole name and its short form (a
/// person's last word, an organisation's first), from the tokens'
/// [`norm`](annals_text::Token::norm)s, so that "Erdoğan" named again as
/// "Erdogan" is the same person. Empty for an entity outside the tokens.
fn name_keys(doc: &Doc, e: &annals_text::Entity) -> Vec<String> {
    let Some(toks) = doc.tokens.get(e.tokens.clone()).filter(|t| !t.is_empty()) else {
        return Vec::new();
    };
    let full = toks.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
    let short = if e.label == EntityLabel::Person { toks.last() } else { toks.first() };
    let short = short.map(|t| t.norm.clone()).unwrap_or_default();
    vec![full, short]
}

impl Discourse {
    /// Reads the whole report.
    pub fn build(doc: &Doc, resolver: &Resolver, places: &Places) -> Discourse {
        let mut d = Discourse::default();
        for s in 0..doc.sentences.len() {
            let t = Tree::new(doc, s);
            for i in t.range.clone() {
                if !heads_phrase(&t, i) {
                    continue;
                }
                let r = resolver.local(&t, i);
                if r.actor.code.is_none() && !matches!(r.kind, Kind::Person | Kind::Organisation | Kind::Pronoun) {
                    continue;
                }
                if !crate::actors::admit::admit(&t, i, &r) {
                    continue;
                }
                let subject = rel_is(t.rel(i), "nsubj");
                let m = Mention { sentence: s, head: i, resolved: r, subject, governor: t.head(i) };
                d.mentions.push(m);
                d.register_name(doc, d.mentions.len() - 1);
            }
        }
        d.focus = focus::focus(doc, &d.mentions, places);
        d.setting = setting::setting(doc, places, resolver, d.focus.as_deref());
        d.quotes = quotes::find(doc);
        d
    }

    /// Records a person's name and its surname for later mentions.
    /// An organisation's name ("Iranian airline Mahan Air") is recorded
    /// with its first word ("Mahan").
    fn register_name(&mut self, doc: &Doc, at: usize) {
        let m = &self.mentions[at];
        if m.resolved.actor.code.is_none() {
            return;
        }
        // A name at the phrase's head; or an organisation's name in the
        // phrase or in an apposition to it ("Iranian airline Mahan Air"),
        // when the phrase has a country.
        let appos_of_head = |k: usize| doc.tokens[k].head == Some(m.head) && doc.tokens[k].deprel.starts_with("appos");
        let at_head = |e: &&annals_text::Entity| {
            matches!(e.label, EntityLabel::Person | EntityLabel::Organization) && e.tokens.contains(&m.head)
        };
        let beside = |e: &&annals_text::Entity| {
            e.label == EntityLabel::Organization
                && m.resolved.actor.country.is_some()
                && (e.tokens.clone().all(|k| m.resolved.phrase.tokens.contains(&k)) || appos_of_head(e.tokens.start))
        };
        let Some(e) = doc.entities.iter().find(at_head).or_else(|| doc.entities.iter().find(beside)) else {
            return;
        };
        let has_country = m.resolved.actor.country.is_some();
        for key in name_keys(doc, e) {
            let better = match self.names.get(&key) {
                None => true,
                // A mention that gives the country beats one that does not.
                Some(&old) => self.mentions[old].resolved.actor.country.is_none() && has_country,
            };
            if better {
                self.names.insert(key, at);
            }
        }
    }

    /// The code a name was introduced with, for a person's name at head `h`
    /// that names no known actor ("Prasetyo", after "Dedi Prasetyo, a
    /// spokesperson for the Indonesian National Police").
    pub fn name(&self, t: &Tree, h: usize) -> Option<&Resolved> {
        let e =
            t.doc.entities.iter().find(|e| {
                matches!(e.label, EntityLabel::Person | EntityLabel::Organization) && e.tokens.contains(&h)
            })?;
        let at = name_keys(t.doc, e).iter().find_map(|k| self.names.get(k))?;
        Some(&self.mentions[*at].resolved)
    }

    /// The earlier actor a pronoun or "the group" at head `h` refers to.
    pub fn antecedent(&self, t: &Tree, h: usize) -> Option<&Resolved> {
        let lemma = t.tok(h).form.to_lowercase();
        let s = t.sentence;
        // "the coalition" after "the Global Coalition": a name with the
        // same head word first, then the latest group.
        if let Some(m) = self.named_by_its_head(t, h) {
            return Some(m);
        }
        if cues::has(List::GroupNoun, &t.lemma(h).to_lowercase()) && t.definite(h) {
            return self
                .mentions
                .iter()
                .rev()
                .filter(|m| (m.sentence, m.head) < (s, h) && m.sentence + 5 >= s)
                .find(|m| {
                    m.resolved.dict_kind == Some(crate::dict::actors::ActorKind::Group)
                        || (m.resolved.kind == Kind::Organisation && m.resolved.actor.code.is_none())
                })
                .map(|m| &m.resolved);
        }
        if !cues::has(List::Pronoun, &lemma) {
            return None;
        }
        // Pronouns of the same person and number form a chain ("He
        // announced ... who questioned his authority"): an earlier one
        // stands for what it refers to.
        let group = |w: &str| match w {
            "he" | "him" | "his" | "himself" => 1,
            "she" | "her" | "hers" | "herself" => 2,
            "they" | "them" | "their" | "theirs" | "themselves" => 3,
            "it" | "its" | "itself" => 4,
            _ => 0,
        };
        let want_person = matches!(group(&lemma), 1 | 2);
        let want_plural = group(&lemma) == 3;
        let governor = t.head(h);
        let agrees = |m: &Mention| {
            let r = &m.resolved;
            if r.kind == Kind::Pronoun {
                let other = t.doc.tokens.get(m.head).map(|k| k.form.to_lowercase()).unwrap_or_default();
                return group(&other) != 0 && group(&other) == group(&lemma);
            }
            let person = r.kind == Kind::Person;
            if want_person {
                person
            } else if want_plural {
                r.plural || (!person && matches!(r.kind, Kind::Named | Kind::Organisation) && r.is_group)
            } else {
                // A group named in the plural ("the Houthis") is still "it".
                !person && (!r.plural || r.is_group) && matches!(r.kind, Kind::Named | Kind::Organisation | Kind::Role)
            }
        };
        // Not a co-argument of the pronoun's own verb ("X attacked it"),
        // unless the pronoun is a possessor ("X and its allies").
        let possessor = rel_is(t.rel(h), "nmod:poss");
        let bound = |m: &Mention| m.sentence == s && !possessor && governor.is_some() && m.governor == governor;
        let inside = |m: &Mention| m.sentence == s && m.resolved.phrase.tokens.contains(&h);
        let candidates = self
            .mentions
            .iter()
            .filter(|m| (m.sentence, m.head) < (s, h) && m.sentence + 3 >= s)
            .filter(|m| agrees(m) && !bound(m) && !inside(m));
        // Salience: the own sentence's subjects, then earlier sentences'
        // subjects nearest first, then any mention nearest first.
        candidates
            .map(|m| {
                let distance = s - m.sentence;
                let rank = (distance.min(3), !m.subject, usize::MAX - m.head);
                (rank, m)
            })
            .min_by_key(|(rank, _)| *rank)
            .and_then(|(_, m)| {
                if m.resolved.kind == Kind::Pronoun {
                    self.antecedent(&Tree::new(t.doc, m.sentence), m.head)
                } else {
                    Some(&m.resolved)
                }
            })
    }

    /// "The National Telecommunications Commission (NTC) issued an order
    /// ... the commission refused": a definite common noun refers to the
    /// latest organisation of the last five sentences whose proper name ends
    /// in that word ("the court", "the ministry", "the council").
    fn named_by_its_head(&self, t: &Tree, h: usize) -> Option<&Resolved> {
        if t.tok(h).upos != "NOUN" || !t.definite(h) {
            return None;
        }
        let word = t.tok(h).form.to_lowercase();
        let s = t.sentence;
        self.mentions
            .iter()
            .rev()
            .filter(|m| (m.sentence, m.head) < (s, h) && m.sentence + 5 >= s)
            .filter(|m| m.resolved.kind != Kind::Person)
            .find(|m| {
                let head = t.doc.tokens.get(m.head);
                head.is_some_and(|k| k.upos == "PROPN" && k.form.to_lowercase() == word)
            })
            .map(|m| &m.resolved)
    }

    /// The quote holding byte `offset`, if any.
    pub fn quote_at(&self, offset: usize) -> Option<&quotes::Quote> {
        self.quotes.iter().find(|q| (q.start..q.end).contains(&offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::actors::ActorDict;
    use crate::dict::agents::AgentDict;
    use crate::fixture::{doc, spaced};

    fn build(d: &Doc) -> Discourse {
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        Discourse::build(d, &r, Places::embedded())
    }

    const HOUTHIS: &str = "1 The the DET DT _ 2 det _ _
        2 Houthis Houthis PROPN NNPS _ 3 nsubj _ NER=B-ORG
        3 attacked attack VERB VBD _ 0 root _ _
        4 Saudi Saudi PROPN NNP _ 3 obj _ NER=B-LOC
        5 Arabia Arabia PROPN NNP _ 4 flat _ NER=I-LOC
        6 . . PUNCT . _ 3 punct _ _

        1 Saudi Saudi PROPN NNP _ 3 nsubj _ NER=B-LOC
        2 Arabia Arabia PROPN NNP _ 1 flat _ NER=I-LOC
        3 accused accuse VERB VBD _ 0 root _ _
        4 it it PRON PRP _ 3 obj _ _
        5 . . PUNCT . _ 3 punct _ _";

    #[test]
    fn a_pronoun_is_never_its_own_verbs_subject() {
        let d = doc(&spaced(HOUTHIS));
        let disc = build(&d);
        let t = Tree::new(&d, 1);
        let a = disc.antecedent(&t, t.range.start + 3).expect("an antecedent");
        assert!(a.actor.code.as_deref().unwrap_or("").starts_with("YEM"), "{:?}", a.actor);
    }

    #[test]
    fn a_pronoun_may_stand_for_what_an_earlier_one_refers_to() {
        // Erdogan spoke . He met Tsipras , who questioned his authority .
        let d = doc(&spaced(
            "1 Erdogan Erdogan PROPN NNP _ 2 nsubj _ NER=B-PER
             2 spoke speak VERB VBD _ 0 root _ _
             3 . . PUNCT . _ 2 punct _ _

             1 He he PRON PRP _ 2 nsubj _ _
             2 met meet VERB VBD _ 0 root _ _
             3 Tsipras Tsipras PROPN NNP _ 2 obj _ NER=B-PER
             4 , , PUNCT , _ 6 punct _ _
             5 who who PRON WP _ 6 nsubj _ _
             6 questioned question VERB VBD _ 3 acl:relcl _ _
             7 his he PRON PRP$ _ 8 nmod:poss _ _
             8 authority authority NOUN NN _ 6 obj _ _
             9 . . PUNCT . _ 2 punct _ _",
        ));
        let disc = build(&d);
        let t = Tree::new(&d, 1);
        let a = disc.antecedent(&t, t.range.start + 6).expect("an antecedent");
        assert_eq!(a.actor.text, "Erdogan", "{:?}", a.actor);
    }

    #[test]
    fn the_commission_is_the_commission_named_before() {
        let d = doc(&spaced(
            "1 The the DET DT _ 4 det _ _
             2 National National PROPN NNP _ 4 compound _ NER=B-ORG
             3 Telecommunications Telecommunications PROPN NNPS _ 4 compound _ NER=I-ORG
             4 Commission Commission PROPN NNP _ 5 nsubj _ NER=I-ORG
             5 ordered order VERB VBD _ 0 root _ _
             6 Philippine Philippine ADJ JJ _ 7 amod _ _
             7 networks network NOUN NNS _ 5 obj _ _
             8 . . PUNCT . _ 5 punct _ _

             1 The the DET DT _ 2 det _ _
             2 commission commission NOUN NN _ 3 nsubj _ _
             3 refused refuse VERB VBD _ 0 root _ _
             4 . . PUNCT . _ 3 punct _ _

             1 A a DET DT _ 2 det _ _
             2 commission commission NOUN NN _ 3 nsubj _ _
             3 refused refuse VERB VBD _ 0 root _ _
             4 . . PUNCT . _ 3 punct _ _",
        ));
        let disc = build(&d);
        let t = Tree::new(&d, 1);
        let a = disc.antecedent(&t, t.range.start + 1).expect("an antecedent");
        assert!(a.actor.text.contains("Commission"), "{:?}", a.actor);
        let t = Tree::new(&d, 2);
        assert!(disc.antecedent(&t, t.range.start + 1).is_none(), "an indefinite commission is a new one");
    }

    #[test]
    fn a_surname_keeps_the_code_its_title_gave() {
        let d = doc(&spaced(
            "1 Security security NOUN NN _ 2 compound _ _
             2 minister minister NOUN NN _ 3 nmod:desc _ _
             3 Wiranto Wiranto PROPN NNP _ 5 nsubj:pass _ NER=B-PER
             4 was be AUX VBD _ 5 aux:pass _ _
             5 stabbed stab VERB VBN _ 0 root _ _
             6 in in ADP IN _ 7 case _ _
             7 Indonesia Indonesia PROPN NNP _ 5 obl _ NER=B-LOC
             8 . . PUNCT . _ 5 punct _ _

             1 Wiranto Wiranto PROPN NNP _ 2 nsubj _ NER=B-PER
             2 survived survive VERB VBD _ 0 root _ _
             3 . . PUNCT . _ 2 punct _ _",
        ));
        let disc = build(&d);
        let t = Tree::new(&d, 1);
        let r = disc.name(&t, t.range.start).expect("registered");
        assert_eq!(r.actor.code.as_deref(), Some("GOV"));
        assert_eq!(disc.focus.as_deref(), Some("IDN"));
    }

    #[test]
    fn a_name_is_the_same_with_or_without_its_diacritics() {
        let d = doc(&spaced(
            "1 Security security NOUN NN _ 2 compound _ _
             2 minister minister NOUN NN _ 3 nmod:desc _ _
             3 Şükrü Şükrü PROPN NNP _ 5 nsubj:pass _ NER=B-PER
             4 Yıldız Yıldız PROPN NNP _ 3 flat _ NER=I-PER
             5 resigned resign VERB VBD _ 0 root _ _
             6 . . PUNCT . _ 5 punct _ _

             1 YILDIZ YILDIZ PROPN NNP _ 2 nsubj _ NER=B-PER
             2 left leave VERB VBD _ 0 root _ _
             3 . . PUNCT . _ 2 punct _ _

             1 Sukru Sukru PROPN NNP _ 3 nsubj _ NER=B-PER
             2 Yildiz Yildiz PROPN NNP _ 1 flat _ NER=I-PER
             3 left leave VERB VBD _ 0 root _ _",
        ));
        let disc = build(&d);
        for s in [1, 2] {
            let t = Tree::new(&d, s);
            let r = disc.name(&t, t.range.start).expect("registered");
            assert_eq!(r.actor.code.as_deref(), Some("GOV"), "sentence {s}");
        }
        assert_eq!(name_keys(&d, &d.entities[0]), ["sukru yildiz", "yildiz"]);
    }

    #[test]
    fn an_organisation_keeps_the_country_it_was_introduced_with() {
        let d = doc(&spaced(
            "1 Germany Germany PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 banned ban VERB VBD _ 0 root _ _
             3 Iranian Iranian ADJ JJ _ 4 amod _ _
             4 airline airline NOUN NN _ 2 obj _ _
             5 Mahan Mahan PROPN NNP _ 4 appos _ NER=B-ORG
             6 Air Air PROPN NNP _ 5 flat _ NER=I-ORG

             1 the the DET DT _ 2 det _ _
             2 ban ban NOUN NN _ 0 root _ _
             3 on on ADP IN _ 5 case _ _
             4 Mahan Mahan PROPN NNP _ 5 compound _ NER=B-ORG
             5 Air Air PROPN NNP _ 2 nmod _ NER=I-ORG",
        ));
        let disc = build(&d);
        let t = Tree::new(&d, 1);
        let r = disc.name(&t, t.range.start + 4).expect("registered");
        assert_eq!(r.actor.country.as_deref(), Some("IRN"));
    }

    #[test]
    fn the_outlets_a_report_cites_do_not_make_its_focus() {
        // Kenyan police arrested protesters, the officials told CNN and Fox
        // News (two American outlets against one Kenya).
        let d = doc(&spaced(
            "1 Kenyan Kenyan ADJ JJ _ 2 amod _ _
             2 police police NOUN NN _ 3 nsubj _ _
             3 arrested arrest VERB VBD _ 0 root _ _
             4 protesters protester NOUN NNS _ 3 obj _ _
             5 , , PUNCT , _ 8 punct _ _
             6 the the DET DT _ 7 det _ _
             7 officials official NOUN NNS _ 8 nsubj _ _
             8 told tell VERB VBD _ 3 parataxis _ _
             9 CNN CNN PROPN NNP _ 8 obj _ NER=B-ORG
             10 and and CCONJ CC _ 11 cc _ _
             11 Fox Fox PROPN NNP _ 9 conj _ NER=B-ORG
             12 News News PROPN NNP _ 11 flat _ NER=I-ORG",
        ));
        assert_eq!(build(&d).focus.as_deref(), Some("KEN"));
    }
}
