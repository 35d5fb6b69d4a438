//! Restatements: a sentence that only says where or when an event told
//! earlier happened.
//!
//! News tells an event first and its circumstances after: "Police shot a
//! protester yesterday. ... The shooting took place in the Tsuen Wan
//! district." "Gunmen attacked two checkpoints. The attacks occurred at 4
//! a.m." The second sentence is no new event: its subject is a definite
//! event noun ("the shooting", "these attacks") and its verb one of
//! happening (`happen` in the cue file: occur, take place, ...). What it
//! adds belongs to the nearest earlier events of the same kind (the same
//! PLOVER category, in the nearest sentence with one, within a few
//! sentences): their place, when they have none of their own, and their
//! date, when they had only the publication day.

use crate::cues::{self, List};
use crate::dict::events::TriggerPos;
use crate::dict::EventLookup;
use crate::event::{Basis, Event};
use crate::places::Places;
use crate::resolve::{place, when};
use crate::tree::{rel_is, Tree};

/// How many sentences back the restated event may lie.
const REACH: usize = 5;

/// Relations of a clause that states something of its own: the main
/// clause, a reported one, one joined to them. ("The mall where the
/// shooting happened" says nothing new about the shooting.)
const STATED: &[&str] = &["root", "ccomp", "conj", "parataxis"];

/// The happening verb of `t` whose subject is a definite event noun, and
/// that noun's PLOVER category: `(verb, category)`.
pub fn restatement(t: &Tree, lexicon: &dyn EventLookup) -> Option<(usize, String)> {
    t.range.clone().find_map(|v| {
        if !t.is_verbal(v)
            || !STATED.iter().any(|r| rel_is(t.rel(v), r))
            || !happening(t, v)
            || t.kids(v, "advmod").any(|a| t.lemma(a).eq_ignore_ascii_case("not"))
        {
            return None;
        }
        let subject = t.kids(v, "nsubj").next()?;
        let definite = t
            .kids(subject, "det")
            .any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "the" | "this" | "that" | "these" | "those"))
            || t.kids(subject, "nmod:poss").next().is_some();
        if t.tok(subject).upos != "NOUN" || !definite {
            return None;
        }
        let entry = lexicon.triggers(TriggerPos::Noun, &t.lemma(subject).to_lowercase()).first()?;
        let category = crate::ontology::get().plover(&entry.code)?.category.clone();
        (!category.is_empty()).then_some((v, category))
    })
}

/// Whether `v` is a verb of happening: a one-word one ("occurred") or a
/// verb with its particle or object ("took place", "broke out").
fn happening(t: &Tree, v: usize) -> bool {
    let lemma = t.lemma(v).to_lowercase();
    cues::has(List::Happen, &lemma)
        || t.children(v).iter().any(|&c| {
            (rel_is(t.rel(c), "obj") || rel_is(t.rel(c), "compound"))
                && cues::has(List::Happen, &format!("{lemma} {}", t.lemma(c).to_lowercase()))
        })
}

/// Completes the event that sentence `t` restates, if any, among
/// `earlier` (the report's events so far, in order).
pub fn complete(
    t: &Tree,
    lexicon: &dyn EventLookup,
    earlier: &mut [Event],
    places: &Places,
    focus: Option<&str>,
    published: Option<(i32, u8, u8)>,
) {
    let Some((verb, category)) = restatement(t, lexicon) else { return };
    let here = t.sentence + 1;
    let same = |e: &Event| e.sentence < here && e.plover.as_deref() == Some(category.as_str()) && !e.historical;
    // The nearest earlier sentence with such events: all of them are the
    // episode restated ("attacked a checkpoint, killing three").
    let Some(at) =
        earlier.iter().rev().take_while(|e| e.sentence + REACH >= here).find(|e| same(e)).map(|e| e.sentence)
    else {
        return;
    };
    let subject: Vec<usize> = t.kids(verb, "nsubj").collect();
    let place = place::place(t, verb, &subject, &[], places, focus);
    let date = when::date(t, verb, None, published).filter(|d| d.basis != Basis::Publication);
    for e in earlier.iter_mut().filter(|e| e.sentence == at && same(e)) {
        let sentence = t.sentence_text();
        tracing::debug!(restated = %e.trigger.text, cameo = %e.cameo, sentence, "restatement");
        if e.place.is_none() {
            e.place = place.clone();
        }
        if let Some(d) = &date {
            if e.date.as_ref().is_none_or(|old| old.basis == Basis::Publication) {
                e.historical = when::historical(d, published);
                e.date = Some(d.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::events::Lexicon;
    use crate::fixture::{doc, spaced};

    #[test]
    fn a_definite_event_noun_that_took_place() {
        // The shooting took place in the Tsuen Wan district .
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 shooting shooting NOUN NN _ 3 nsubj _ _
             3 took take VERB VBD _ 0 root _ _
             4 place place NOUN NN _ 3 obj _ _
             5 in in ADP IN _ 9 case _ _
             6 the the DET DT _ 9 det _ _
             7 Tsuen Tsuen PROPN NNP _ 8 compound _ NER=B-LOC
             8 Wan Wan PROPN NNP _ 9 compound _ NER=I-LOC
             9 district district NOUN NN _ 3 obl _ _
             10 . . PUNCT . _ 3 punct _ _",
        ));
        let t = Tree::new(&d, 0);
        let (verb, category) = restatement(&t, Lexicon::embedded()).expect("a restatement");
        assert_eq!((verb, category.as_str()), (2, "ASSAULT"));
    }

    #[test]
    fn an_indefinite_or_negated_one_is_not() {
        // A shooting took place . / The shooting did not occur .
        for text in [
            "1 A a DET DT _ 2 det _ _
             2 shooting shooting NOUN NN _ 3 nsubj _ _
             3 took take VERB VBD _ 0 root _ _
             4 place place NOUN NN _ 3 obj _ _
             5 . . PUNCT . _ 3 punct _ _",
            "1 The the DET DT _ 2 det _ _
             2 shooting shooting NOUN NN _ 5 nsubj _ _
             3 did do AUX VBD _ 5 aux _ _
             4 not not PART RB _ 5 advmod _ _
             5 occur occur VERB VB _ 0 root _ _
             6 . . PUNCT . _ 5 punct _ _",
        ] {
            let d = doc(&spaced(text));
            assert!(restatement(&Tree::new(&d, 0), Lexicon::embedded()).is_none());
        }
    }

    #[test]
    fn the_restated_event_gets_the_place_and_date() {
        // The attacks occurred on Sunday in Kabul . (published Tuesday 2019-01-22)
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 attacks attack NOUN NNS _ 3 nsubj _ _
             3 occurred occur VERB VBD _ 0 root _ _
             4 on on ADP IN _ 5 case _ _
             5 Sunday Sunday PROPN NNP _ 3 obl _ _
             6 in in ADP IN _ 7 case _ _
             7 Kabul Kabul PROPN NNP _ 3 obl _ NER=B-LOC
             8 . . PUNCT . _ 3 punct _ _",
        ));
        let t = Tree::new(&d, 0);
        let e: Event = serde_json::from_value(serde_json::json!(
            {"id": "a:1:1", "article": "a", "cameo": "190", "mode": "asserted", "plover": "ASSAULT", "sentence": 0,
             "date": {"value": "2019-01-22", "precision": "day", "basis": "publication"}}
        ))
        .expect("a record");
        // A coercion told later is not the attack restated.
        let mut accusation = e.clone();
        accusation.plover = Some("COERCE".into());
        let mut events = vec![e.clone(), accusation];
        complete(&t, Lexicon::embedded(), &mut events, Places::embedded(), None, Some((2019, 1, 22)));
        assert_eq!(events[0].place.as_ref().map(|p| p.name.as_str()), Some("Kabul"));
        assert_eq!(events[0].date.as_ref().map(|d| d.value.as_str()), Some("2019-01-20"));
        assert!(events[1].place.is_none());
    }
}
