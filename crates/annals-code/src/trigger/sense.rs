//! Word sense: whether a lexicon word reports an event where it stands.
//!
//! Each rule is one function over the parse; [`is_event`] asks them all.
//! A word is not an event when it is part of a name ("Popular Mobilization
//! Forces"), when a noun only says what kind of thing another noun is
//! ("arrest warrants", "protest leaders"), in the idioms of anonymous
//! sourcing ("asked not to be named"), when a bare participle describes its
//! noun ("captured soldiers"), or in a definition ("a red notice is a
//! request to ...").

use crate::cues::{self, List};
use crate::dict::events::TriggerPos;
use crate::tree::{rel_is, Tree};

/// Whether the word at `i` may trigger an event here.
pub fn is_event(t: &Tree, i: usize, pos: TriggerPos) -> bool {
    !(part_of_name(t, i)
        || anonymity_idiom(t, i)
        || attributive_participle(t, i)
        || describes_anyone(t, i)
        || (pos == TriggerPos::Noun && (noun_modifier(t, i) || definition(t, i) || in_a_title(t, i))))
}

/// In the name of an office: "the special envoy for Ukraine negotiations",
/// "the commission for the investigation of ...", "the minister of
/// defence": the noun says what the office is for (cue list `title`).
pub fn in_a_title(t: &Tree, i: usize) -> bool {
    let Some(h) = t.head(i) else { return false };
    let attached = rel_is(t.rel(i), "nmod") || rel_is(t.rel(i), "compound");
    attached && h < i && cues::has(List::Title, &t.lemma(h).to_lowercase())
}

/// Inside a name: a capitalised word in the middle of a sentence tagged as
/// a proper noun's part, or covered by a named entity.
pub fn part_of_name(t: &Tree, i: usize) -> bool {
    let tok = t.tok(i);
    let in_entity = t.doc.entities.iter().any(|e| e.tokens.contains(&i));
    let capitalised = tok.form.chars().next().is_some_and(char::is_uppercase);
    let sentence_initial = (t.range.start..i).all(|k| t.tok(k).upos == "PUNCT");
    in_entity || (capitalised && !sentence_initial && tok.xpos.starts_with("NNP"))
}

/// "asked not to be named", "requested anonymity": how sources hide.
pub fn anonymity_idiom(t: &Tree, i: usize) -> bool {
    t.children(i).iter().any(|&c| {
        let lemma = t.lemma(c).to_lowercase();
        (["xcomp", "ccomp"].iter().any(|r| rel_is(t.rel(c), r)) && cues::has(List::AnonymityVerb, &lemma))
            || (["obj", "obl"].iter().any(|r| rel_is(t.rel(c), r)) && cues::has(List::AnonymityObject, &lemma))
    })
}

/// "captured soldiers", "liberated prisoners": a bare past participle right
/// before its noun describes the noun; parsers sometimes make the noun its
/// object.
pub fn attributive_participle(t: &Tree, i: usize) -> bool {
    let tok = t.tok(i);
    if !matches!(tok.xpos.as_str(), "VBN" | "VBD")
        || t.kid(i, "aux").is_some()
        || t.kid(i, "aux:pass").is_some()
        || crate::frame::subject(t, i).is_some()
    {
        return false;
    }
    let next = (i + 1..t.range.end).find(|&k| t.tok(k).upos != "PUNCT");
    let objs = crate::frame::objects(t, i);
    // As an adjective on the noun ("the detained suspect").
    let amod = rel_is(t.rel(i), "amod") && t.head(i).is_some_and(|h| h > i);
    amod || next.is_some_and(|k| objs.contains(&k))
}

/// "extradite anyone accused of a crime", "every person arrested": a
/// participle describing anyone at all says what kind of person is meant,
/// not that something was done to someone.
pub fn describes_anyone(t: &Tree, i: usize) -> bool {
    if !crate::frame::reduced_relative_at(t, i) {
        return false;
    }
    let Some(n) = t.head(i) else { return false };
    let lemma = t.lemma(n).to_lowercase();
    let anyone = matches!(
        lemma.as_str(),
        "anyone" | "anybody" | "everyone" | "everybody" | "whoever" | "someone" | "somebody" | "anything"
    );
    // "people accused of crimes": a bare plural of persons in general.
    let bare = t.kids(n, "det").next().is_none() && t.kid(n, "nmod:poss").is_none() && t.kid(n, "nummod").is_none();
    let people = bare && matches!(lemma.as_str(), "people" | "person" | "individual" | "those");
    anyone || people || t.kids(n, "det").any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "any" | "every" | "each"))
}

/// A noun compounded on another noun says what kind of thing that one is:
/// "arrest warrants", "protest leaders", "aid workers". It keeps its event
/// on the nouns that frame one ("aid package", "rescue operation").
/// A gerund stays an event ("Hamas freeing captive soldier", "shooting
/// victims"): the tagger calls it a noun, the act is there.
pub fn noun_modifier(t: &Tree, i: usize) -> bool {
    if !rel_is(t.rel(i), "compound") || t.tok(i).form.to_lowercase().ends_with("ing") {
        return false;
    }
    let Some(h) = t.head(i) else { return false };
    t.tok(h).upos == "NOUN" && !cues::has(List::EventFrameNoun, &t.lemma(h).to_lowercase())
}

/// A force verb done to something abstract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figurative {
    /// "fight corruption", "tackle poverty": no event.
    NoEvent,
    /// "attacked the proclamation", "slammed the decision": criticism.
    Criticism,
}

/// Whether a use-of-force entry (CAMEO 18-20) is used figuratively here:
/// its object is an abstract noun, not an actor, place or thing.
pub fn figurative(t: &Tree, i: usize, e: &crate::dict::events::EventEntry) -> Option<Figurative> {
    if !matches!(e.code.get(..2), Some("18" | "19" | "20")) {
        return None;
    }
    let o = crate::frame::objects(t, i).into_iter().next()?;
    if !cues::has(List::AbstractObject, &t.lemma(o).to_lowercase()) {
        return None;
    }
    let lemma = t.lemma(i).to_lowercase();
    if cues::has(List::VerbalAttack, &lemma) {
        Some(Figurative::Criticism)
    } else if cues::has(List::Combat, &lemma) {
        Some(Figurative::NoEvent)
    } else {
        None
    }
}

/// A generic statement in the simple present ("the House impeaches an
/// official, the Senate tries him"): how things are done, not something
/// that happened. An argument with an indefinite or universal determiner
/// marks it.
pub fn generic(t: &Tree, i: usize, pos: TriggerPos) -> bool {
    if pos != TriggerPos::Verb || !matches!(t.tok(i).xpos.as_str(), "VBZ" | "VBP") || t.kid(i, "aux").is_some() {
        return false;
    }
    t.children(i).iter().any(|&c| {
        let r = t.rel(c);
        (rel_is(r, "nsubj") || rel_is(r, "obj"))
            && t.kids(c, "det")
                .any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "a" | "an" | "any" | "every" | "each"))
    })
}

/// A rule told in the present passive of a bare plural: "officials are
/// removed from office", "such cases are heard by a judge". A headline
/// (the first sentence, or one without a full stop) tells news so
/// ("Protesters are arrested in Moscow").
pub fn generic_passive(t: &Tree, v: usize) -> bool {
    let present_aux = t.kids(v, "aux:pass").any(|a| matches!(t.tok(a).xpos.as_str(), "VBZ" | "VBP"));
    // Not "have been removed", "will be removed".
    let other_aux = t.children(v).iter().any(|&a| t.rel(a) == "aux");
    if t.tok(v).xpos != "VBN" || !present_aux || other_aux {
        return false;
    }
    let bare_plural = t.kids(v, "nsubj:pass").any(|s| {
        t.tok(s).xpos == "NNS"
            && t.children(s).iter().all(|&c| {
                let counted = rel_is(t.rel(c), "amod") && cues::has(List::Counting, &t.lemma(c).to_lowercase());
                !counted && !["det", "nmod:poss", "nummod"].iter().any(|r| rel_is(t.rel(c), r))
            })
    });
    bare_plural && !headline(t)
}

/// Whether non-finite verb `v` ("after being impeached", "to remove") is
/// part of a clause that states a rule: the nearest finite clause above it
/// is generic ([`generic`], [`generic_passive`]).
pub fn under_generic_clause(t: &Tree, v: usize) -> bool {
    let finite = |k: usize| {
        matches!(t.tok(k).xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD")
            || t.children(k).iter().any(|&a| {
                (rel_is(t.rel(a), "aux") || rel_is(t.rel(a), "aux:pass") || rel_is(t.rel(a), "cop"))
                    && matches!(t.tok(a).xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD")
            })
    };
    let mut cur = v;
    for _ in 0..4 {
        if finite(cur) {
            return cur != v && (generic(t, cur, TriggerPos::Verb) || generic_passive(t, cur));
        }
        let linked = ["advcl", "xcomp", "conj"].iter().any(|r| rel_is(t.rel(cur), r));
        match t.head(cur) {
            Some(h) if linked && t.is_verbal(h) => cur = h,
            _ => return false,
        }
    }
    false
}

/// A habit or a rule in the simple present of the third person: "the
/// House impeaches the official and the Senate tries the case", "the
/// airline flies fighters to Syria", "she supports gun rights". News tells
/// its events in the past; a present with a time of its own ("votes on
/// Tuesday") is a schedule, and a headline (the first sentence, or one
/// without a full stop) tells news in the present ("Israel strikes Gaza").
pub fn habitual(t: &Tree, v: usize) -> bool {
    let tok = t.tok(v);
    // The plural present too ("both sides oppose the rebels"), but not of
    // the first or second person: "we condemn" is done as it is said.
    let speaker = t.kids(v, "nsubj").any(|s| matches!(t.lemma(s).to_lowercase().as_str(), "i" | "we" | "you"));
    // A plural present is the bare form with a subject of its own ("shot"
    // tagged as one is a past the tagger missed).
    let plural = tok.xpos == "VBP"
        && !speaker
        && tok.form.to_lowercase() == tok.lemma.to_lowercase()
        && t.kids(v, "nsubj").next().is_some();
    let present = tok.xpos == "VBZ" || plural;
    if tok.upos != "VERB" || !present || t.kid(v, "aux").is_some() {
        return false;
    }
    let own_time = t.doc.times.iter().any(|x| x.tokens.clone().any(|k| t.head(k) == Some(v)));
    !own_time && !headline(t)
}

/// Whether sentence `t` is a headline: the report's first sentence, or
/// one that ends without a full stop (closing quotes aside).
fn headline(t: &Tree) -> bool {
    let closing = |k: usize| matches!(t.tok(k).form.as_str(), "\"" | "'" | "”" | "’" | ")");
    let last = t.range.clone().rev().find(|&k| !closing(k));
    t.sentence == 0 || last.is_none_or(|k| !matches!(t.tok(k).form.as_str(), "." | "!" | "?"))
}

/// Whether an act of CAMEO `code` is still an event when told in the
/// present: statements (01) and CAMEO's verbal conflict (09 to 13:
/// demands, accusations, rejections, threats) are made as they are
/// reported ("the FSB denies ...", "he blames regulators").
pub fn said_in_the_present(code: &str) -> bool {
    // Disapproval (110: "both sides oppose the rebels") is a stance held,
    // like support, not a statement made.
    code != "110" && matches!(code.get(..2), Some("01" | "09" | "10" | "11" | "12" | "13"))
}

/// The predicate of a definition: "a red notice is a request to ...", whose
/// subject is indefinite.
pub fn definition(t: &Tree, i: usize) -> bool {
    if t.kid(i, "cop").is_none() {
        return false;
    }
    t.kid(i, "nsubj")
        .is_some_and(|s| t.kids(s, "det").any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "a" | "an")))
}

#[cfg(test)]
mod generic_tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn a_noun_in_the_name_of_an_office_is_no_event() {
        // the special envoy for Ukraine negotiations / negotiations with Ukraine
        let d = doc(&spaced(
            "1 the the DET DT _ 3 det _ _
             2 special special ADJ JJ _ 3 amod _ _
             3 envoy envoy NOUN NN _ 0 root _ _
             4 for for ADP IN _ 6 case _ _
             5 Ukraine Ukraine PROPN NNP _ 6 compound _ _
             6 negotiations negotiation NOUN NNS _ 3 nmod _ _",
        ));
        assert!(in_a_title(&Tree::new(&d, 0), 5));
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 began begin VERB VBD _ 0 root _ _
             3 negotiations negotiation NOUN NNS _ 2 obj _ _",
        ));
        assert!(!in_a_title(&Tree::new(&d, 0), 2));
    }

    #[test]
    fn a_habit_in_the_present_is_no_event_but_a_headline_or_a_schedule_is() {
        // The airline flies fighters to Syria .
        let body = "1 The the DET DT _ 2 det _ _
             2 airline airline NOUN NN _ 3 nsubj _ _
             3 flies fly VERB VBZ _ 0 root _ _
             4 fighters fighter NOUN NNS _ 3 obj _ _
             5 to to ADP IN _ 6 case _ _
             6 Syria Syria PROPN NNP _ 3 obl _ _
             7 . . PUNCT . _ 3 punct _ _";
        let headline = "1 Israel Israel PROPN NNP _ 2 nsubj _ _
             2 strikes strike VERB VBZ _ 0 root _ _
             3 Gaza Gaza PROPN NNP _ 2 obj _ _";
        // The first sentence is a headline; the second is the body.
        let d = doc(&spaced(&format!("{headline}\n\n{body}")));
        assert!(!habitual(&Tree::new(&d, 0), 1));
        // (token indices run through the document: the headline has three)
        assert!(habitual(&Tree::new(&d, 1), 5));
        // The House votes on Tuesday .
        let d = doc(&spaced(&format!(
            "{headline}\n\n1 The the DET DT _ 2 det _ _
             2 House House PROPN NNP _ 3 nsubj _ _
             3 votes vote VERB VBZ _ 0 root _ _
             4 on on ADP IN _ 5 case _ _
             5 Tuesday Tuesday PROPN NNP _ 3 obl _ _
             6 . . PUNCT . _ 3 punct _ _"
        )));
        assert!(!habitual(&Tree::new(&d, 1), 5));
        assert!(said_in_the_present("112") && !said_in_the_present("190") && !said_in_the_present("051"));
        assert!(!said_in_the_present("110"));
        // Both sides oppose the rebels . / We condemn the attack .
        let d = doc(&spaced(&format!(
            "{headline}\n\n1 Both both DET DT _ 2 det _ _
             2 sides side NOUN NNS _ 3 nsubj _ _
             3 oppose oppose VERB VBP _ 0 root _ _
             4 rebels rebel NOUN NNS _ 3 obj _ _
             5 . . PUNCT . _ 3 punct _ _\n\n1 We we PRON PRP _ 2 nsubj _ _
             2 condemn condemn VERB VBP _ 0 root _ _
             3 attacks attack NOUN NNS _ 2 obj _ _
             4 . . PUNCT . _ 2 punct _ _"
        )));
        assert!(habitual(&Tree::new(&d, 1), 5));
        assert!(!habitual(&Tree::new(&d, 2), 9));
    }

    #[test]
    fn a_participle_describing_anyone_is_no_event() {
        // extradite anyone accused of a crime / extradite the man accused of a crime
        for (det, generic) in [("anyone", true), ("people", true), ("man", false)] {
            let d = doc(&spaced(&format!(
                "1 extradite extradite VERB VB _ 0 root _ _
                 2 {det} {det} NOUN NN _ 1 obj _ _
                 3 accused accuse VERB VBN _ 2 acl _ _
                 4 of of ADP IN _ 5 case _ _
                 5 crime crime NOUN NN _ 3 obl _ _"
            )));
            let t = Tree::new(&d, 0);
            assert_eq!(describes_anyone(&t, 2), generic, "{det}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn name_parts_are_not_events() {
        // The Popular Mobilization Forces said
        let d = doc(&spaced(
            "1 The the DET DT _ 4 det _ _
             2 Popular Popular ADJ NNP _ 4 amod _ NER=B-ORG
             3 Mobilization mobilization NOUN NNP _ 4 compound _ NER=I-ORG
             4 Forces Forces PROPN NNPS _ 5 nsubj _ NER=I-ORG
             5 said say VERB VBD _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(part_of_name(&t, 2));
        assert!(!part_of_name(&t, 4));
    }

    #[test]
    fn compound_nouns_name_kinds_except_on_event_frames() {
        // arrest warrants / aid package
        let d = doc(&spaced(
            "1 arrest arrest NOUN NN _ 2 compound _ _
             2 warrants warrant NOUN NNS _ 0 root _ _

             1 an a DET DT _ 3 det _ _
             2 aid aid NOUN NN _ 3 compound _ _
             3 package package NOUN NN _ 0 root _ _",
        ));
        assert!(noun_modifier(&Tree::new(&d, 0), 0));
        assert!(!noun_modifier(&Tree::new(&d, 1), 3));
    }

    #[test]
    fn a_rule_in_the_present_passive_is_no_event() {
        // Pelosi spoke . Officials are removed after being impeached .
        let d = doc(&spaced(
            "1 Pelosi Pelosi PROPN NNP _ 2 nsubj _ _
             2 spoke speak VERB VBD _ 0 root _ SpaceAfter=No
             3 . . PUNCT . _ 2 punct _ _

             1 Officials official NOUN NNS _ 3 nsubj:pass _ _
             2 are be AUX VBP _ 3 aux:pass _ _
             3 removed remove VERB VBN _ 0 root _ _
             4 after after SCONJ IN _ 6 mark _ _
             5 being be AUX VBG _ 6 aux:pass _ _
             6 impeached impeach VERB VBN _ 3 advcl _ SpaceAfter=No
             7 . . PUNCT . _ 3 punct _ _",
        ));
        let t = Tree::new(&d, 1);
        assert!(generic_passive(&t, 5));
        assert!(under_generic_clause(&t, 8));
        // Told in the past, it happened.
        let d = doc(&spaced(
            "1 Pelosi Pelosi PROPN NNP _ 2 nsubj _ _
             2 spoke speak VERB VBD _ 0 root _ SpaceAfter=No
             3 . . PUNCT . _ 2 punct _ _

             1 Officials official NOUN NNS _ 3 nsubj:pass _ _
             2 were be AUX VBD _ 3 aux:pass _ _
             3 removed remove VERB VBN _ 0 root _ _
             4 after after SCONJ IN _ 6 mark _ _
             5 being be AUX VBG _ 6 aux:pass _ _
             6 impeached impeach VERB VBN _ 3 advcl _ SpaceAfter=No
             7 . . PUNCT . _ 3 punct _ _",
        ));
        let t = Tree::new(&d, 1);
        assert!(!generic_passive(&t, 5));
        assert!(!under_generic_clause(&t, 8));
        // Counted, they are these people, in the news.
        let d = doc(&spaced(
            "1 Pelosi Pelosi PROPN NNP _ 2 nsubj _ _
             2 spoke speak VERB VBD _ 0 root _ SpaceAfter=No
             3 . . PUNCT . _ 2 punct _ _

             1 Several several ADJ JJ _ 2 amod _ _
             2 schools school NOUN NNS _ 4 nsubj:pass _ _
             3 are be AUX VBP _ 4 aux:pass _ _
             4 closed close VERB VBN _ 0 root _ SpaceAfter=No
             5 . . PUNCT . _ 4 punct _ _",
        ));
        assert!(!generic_passive(&Tree::new(&d, 1), 6));
    }

    #[test]
    fn definitions_and_idioms() {
        // A red notice is a request to arrest ...
        let d = doc(&spaced(
            "1 A a DET DT _ 3 det _ _
             2 red red ADJ JJ _ 3 amod _ _
             3 notice notice NOUN NN _ 6 nsubj _ _
             4 is be AUX VBZ _ 6 cop _ _
             5 a a DET DT _ 6 det _ _
             6 request request NOUN NN _ 0 root _ _

             1 he he PRON PRP _ 2 nsubj _ _
             2 asked ask VERB VBD _ 0 root _ _
             3 not not PART RB _ 6 advmod _ _
             4 to to PART TO _ 6 mark _ _
             5 be be AUX VB _ 6 aux:pass _ _
             6 named name VERB VBN _ 2 xcomp _ _",
        ));
        assert!(definition(&Tree::new(&d, 0), 5));
        assert!(anonymity_idiom(&Tree::new(&d, 1), 7));
    }

    #[test]
    fn force_on_abstract_things_and_generic_presents() {
        let (lex, _) =
            crate::dict::events::Lexicon::parse("190\tverb\tfight\n190\tverb\tattack\n173\tverb\timpeach\n", "t.tsv");
        let e = |l: &str| lex.entries(TriggerPos::Verb, l)[0].clone();
        // they are fighting corruption / Erdogan attacked the decision
        let d = doc(&spaced(
            "1 they they PRON PRP _ 2 nsubj _ _
             2 fight fight VERB VBP _ 0 root _ _
             3 corruption corruption NOUN NN _ 2 obj _ _

             1 Erdogan Erdogan PROPN NNP _ 2 nsubj _ _
             2 attacked attack VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 decision decision NOUN NN _ 2 obj _ _

             1 the the DET DT _ 2 det _ _
             2 House House PROPN NNP _ 3 nsubj _ _
             3 impeaches impeach VERB VBZ _ 0 root _ _
             4 an a DET DT _ 5 det _ _
             5 official official NOUN NN _ 3 obj _ _",
        ));
        assert_eq!(figurative(&Tree::new(&d, 0), 1, &e("fight")), Some(Figurative::NoEvent));
        assert_eq!(figurative(&Tree::new(&d, 1), 4, &e("attack")), Some(Figurative::Criticism));
        assert!(generic(&Tree::new(&d, 2), 9, TriggerPos::Verb));
        assert!(!generic(&Tree::new(&d, 1), 4, TriggerPos::Verb));
    }

    #[test]
    fn a_bare_participle_describes_its_noun() {
        // the detained suspect
        let d = doc(&spaced(
            "1 the the DET DT _ 3 det _ _
             2 detained detain VERB VBN _ 3 amod _ _
             3 suspect suspect NOUN NN _ 0 root _ _",
        ));
        assert!(attributive_participle(&Tree::new(&d, 0), 1));
    }
}
