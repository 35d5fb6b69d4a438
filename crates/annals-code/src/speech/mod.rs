//! Speech acts: what people say about others, coded as accusations,
//! criticism or praise.
//!
//! News carries most of its conflict and cooperation in words: "X said the
//! Abu Sayyaf Group are the suspected perpetrators" accuses (112), "X
//! called the move a smash and grab on our democracy" criticises (111),
//! ""we are with you," Tusk wrote" supports (051). A statement is an event
//! here when its content holds an evaluation word of
//! `dictionaries/evaluations.tsv`; the speaker is its source, and its
//! target is who the content is about: the content's subject, a possessor
//! ("Trump's declaration"), another actor named in it, or the doer of the
//! act it is about ("the move", "the decision": [`Context::owner`]).
//!
//! The content is a reporting verb's complement, the clause a reporting
//! clause stands beside (""...," said X"), what a naming verb says the
//! object is ("called X Y", "described X as Y"), or a quote with a known
//! speaker. A statement whose verb already triggered a lexicon event
//! ("condemned the attack") is left to that event; one that is negated
//! ("did not say") is no statement.

pub mod lexicon;

use crate::assemble;
use crate::coder::Context;
use crate::cues::{self, List};
use crate::event::{Event, Mode};
use crate::frame::objects;
use crate::resolve::{attribution, mode, place, when};
use crate::tree::{rel_is, Tree};
use lexicon::{Evaluation, Evaluations};

/// The evaluation that tokens `content` express, with the first cue token.
pub fn evaluate(t: &Tree, content: &[usize]) -> Option<(Evaluation, usize)> {
    let lex = Evaluations::embedded();
    let lemmas: Vec<String> = content.iter().map(|&i| t.lemma(i).to_lowercase()).collect();
    let forms: Vec<String> = content.iter().map(|&i| t.tok(i).form.to_lowercase()).collect();
    let lemma_refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
    let form_refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let (mut blame, mut negative, mut positive) = (0, 0, 0);
    let mut first: Option<usize> = None;
    let mut k = 0;
    while k < content.len() {
        let found = lex.at(&lemma_refs, k).or_else(|| lex.at(&form_refs, k));
        let Some((len, kind)) = found else {
            k += 1;
            continue;
        };
        let i = content[k];
        // "not acceptable" is criticism; "not a mistake" says nothing clear.
        let negated = (k > 0 && matches!(lemma_refs[k - 1], "not" | "never" | "no" | "n't"))
            || t.head(i).is_some_and(|h| mode::negated(t, h) && content.contains(&h))
            || mode::negated(t, i);
        match (kind, negated) {
            (Evaluation::Positive, true) => negative += 1,
            (_, true) => {}
            (Evaluation::Blame, false) => blame += 1,
            (Evaluation::Negative, false) => negative += 1,
            (Evaluation::Positive, false) => positive += 1,
        }
        first.get_or_insert(i);
        k += len;
    }
    // A charge outweighs praise said with it ("its repression of the Cuban
    // people and its support for Maduro"): a tie is criticism.
    let kind = if blame + negative > 0 && blame + negative >= positive {
        if blame > negative {
            Evaluation::Blame
        } else {
            Evaluation::Negative
        }
    } else if positive > 0 {
        Evaluation::Positive
    } else {
        return None;
    };
    first.map(|f| (kind, f))
}

/// What reporting verb `v` says: its complement, the clause it stands
/// beside, or what a naming verb says its object is.
fn content(t: &Tree, v: usize) -> Vec<usize> {
    let lemma = t.lemma(v).to_lowercase();
    let mut out = Vec::new();
    if cues::has(List::NamingVerb, &lemma) {
        let Some(o) = objects(t, v).into_iter().next() else { return out };
        let after = t.subtree(o, &[]).into_iter().max().unwrap_or(o);
        let stop =
            (after + 1..t.range.end).find(|&k| matches!(t.tok(k).form.as_str(), ";" | ".")).unwrap_or(t.range.end);
        out.extend(after + 1..stop);
        // The object itself ("called the killing senseless") is what is named.
        out.extend(t.subtree(o, &[]));
        out.sort_unstable();
        return out;
    }
    for c in t.kids(v, "ccomp") {
        out.extend(t.subtree(c, &[]));
    }
    // ""...," said X": the reporting clause hangs from the quoted clause.
    if out.is_empty() && rel_is(t.rel(v), "parataxis") {
        if let Some(h) = t.head(v) {
            let own = t.subtree(v, &[]);
            out.extend(t.subtree(h, &[]).into_iter().filter(|i| !own.contains(i)));
        }
    }
    out
}

/// Whether `r` is a news medium (sector MED: a newspaper, a broadcaster,
/// an agency).
fn news_medium(r: &crate::actors::Resolved) -> bool {
    r.actor.sector.as_deref() == Some("MED") || r.actor.code.as_deref().is_some_and(|c| c.get(3..6) == Some("MED"))
}

/// The heads of actor phrases among `tokens`, the clause's subject first.
fn mentioned(t: &Tree, tokens: &[usize]) -> Vec<usize> {
    let mut heads: Vec<usize> = tokens
        .iter()
        .copied()
        .filter(|&i| matches!(t.tok(i).upos.as_str(), "NOUN" | "PROPN" | "PRON"))
        .filter(|&i| {
            let r = t.rel(i);
            !(rel_is(r, "compound") || rel_is(r, "flat") || rel_is(r, "nmod:desc") || rel_is(r, "appos"))
        })
        .collect();
    heads.sort_by_key(|&i| (!rel_is(t.rel(i), "nsubj"), i));
    heads
}

/// The speech events of sentence `t`; `fired` are its lexicon triggers.
pub fn events(cx: &Context, t: &Tree, fired: &[usize]) -> Vec<Event> {
    let mut out = Vec::new();
    let mut used_quote = false;
    for v in t.range.clone() {
        if !t.is_verbal(v) || fired.contains(&v) {
            continue;
        }
        let lemma = t.lemma(v).to_lowercase();
        let naming = cues::has(List::NamingVerb, &lemma);
        let report = cues::has(List::Report, &lemma) && !cues::has(List::NeutralReport, &lemma);
        if !(naming || report) || mode::negated(t, v) {
            continue;
        }
        let mut what = content(t, v);
        let mut quote = None;
        let quoted: Vec<usize> = t.range.clone().filter(|&i| cx.discourse.quote_at(t.tok(i).start).is_some()).collect();
        // A verb inside the quote is none of its speaker's ("told the
        // public, "Corbyn wants to cancel it and argue about Brexit"").
        if what.is_empty() && !quoted.is_empty() && !quoted.contains(&v) {
            // One statement per quote, whichever sentence codes it first.
            quote = cx.discourse.quote_at(t.tok(quoted[0]).start).cloned();
            if !cx.quote_open(quote.as_ref()) {
                continue;
            }
            what = quoted;
            used_quote = true;
        }
        let Some(speaker_head) = attribution::subject(t, v) else { continue };
        let Some(speaker) = cx.actor(t, speaker_head) else { continue };
        // "Rudaw reports Mahan's director has alleged ties to the IRGC",
        // "PBS revealed that ... the murder": a news medium reporting tells
        // the news; it judges no one by telling it.
        if report && !naming && quote.is_none() && news_medium(&speaker) {
            continue;
        }
        let before = out.len();
        if let Some(e) = speech_event(cx, t, v, &what, &speaker, &[speaker_head], fired) {
            out.push(e);
        }
        out.extend(demand_event(cx, t, &what, &speaker, fired));
        if out.len() > before {
            cx.close_quote(quote.as_ref());
        }
    }
    // "..., so Parliament must be recalled immediately": a demand anywhere
    // in a quote is its speaker's, whatever else the sentence reports.
    if !out.is_empty() || used_quote {
        let inside: Vec<usize> = t
            .range
            .clone()
            .filter(|&i| cx.discourse.quote_at(t.tok(i).start).is_some() && t.tok(i).upos != "PUNCT")
            .collect();
        if let Some(&first) = inside.first() {
            if let Some(speaker) = cx.speaker_of(t.tok(first).start, 0) {
                if let Some(d) = demand_event(cx, t, &inside, &speaker, fired) {
                    if !out.iter().any(|e| e.trigger.start == d.trigger.start) {
                        out.push(d);
                    }
                }
            }
        }
    }
    // A sentence inside a quote, its speaker found elsewhere.
    if out.is_empty() && !used_quote {
        let inside: Vec<usize> = t
            .range
            .clone()
            .filter(|&i| cx.discourse.quote_at(t.tok(i).start).is_some() && t.tok(i).upos != "PUNCT")
            .collect();
        if let Some(&first) = inside.first() {
            let q = cx.discourse.quote_at(t.tok(first).start).cloned();
            let in_this = q.as_ref().is_some_and(|q| q.speaker_sentence == Some(t.sentence));
            // The quote's first sentence that says something of someone
            // gives its one statement ("We must have our allies' backs. ...
            // Leaving them to die is a big mistake.").
            if !in_this && cx.quote_open(q.as_ref()) {
                if let Some(speaker) = cx.speaker_of(t.tok(first).start, 0) {
                    if let Some((_, cue)) = evaluate(t, &inside) {
                        if let Some(e) = speech_event(cx, t, cue, &inside, &speaker, &[], fired) {
                            out.push(e);
                        }
                    }
                    out.extend(demand_event(cx, t, &inside, &speaker, fired));
                }
                if !out.is_empty() {
                    cx.close_quote(q.as_ref());
                }
            }
        }
    }
    out
}

/// "Parliament must be recalled immediately," Sturgeon said: what someone
/// says another must or should do is a demand of it (CAMEO 10), whatever
/// the act. Acts the lexicon knows are left to it (their demand analogue).
fn demand_event(
    cx: &Context,
    t: &Tree,
    what: &[usize],
    speaker: &crate::actors::Resolved,
    fired: &[usize],
) -> Option<Event> {
    let v = what
        .iter()
        .copied()
        .find(|&i| t.is_verbal(i) && !fired.contains(&i) && mode::obliged(t, i) && !mode::negated(t, i))?;
    let subject = t
        .kid(v, "nsubj")
        .or_else(|| t.kid(v, "nsubj:pass"))
        .or_else(|| t.head(v).filter(|_| rel_is(t.rel(v), "xcomp")).and_then(|h| t.kid(h, "nsubj")));
    // "we must ..." is a resolve, not a demand of others.
    if subject.is_some_and(|s| cues::has(List::FirstPerson, &t.tok(s).form.to_lowercase())) {
        return None;
    }
    let target =
        subject.and_then(|s| cx.actor(t, s)).filter(|r| r.actor.code.is_some() && r.actor.code != speaker.actor.code);
    let mut e = assemble::record(cx, t, v, "100", Mode::Asserted)?;
    let home = cx.discourse.focus.clone();
    let mut source = speaker.actor.clone();
    let foreign = target.as_ref().is_some_and(|r| assemble::foreign(t, r.phrase.head));
    let mut target = target.map(|r| r.actor);
    if let Some(c) = &home {
        crate::actors::country::give(&mut source, c);
        if let Some(a) = target.as_mut().filter(|_| !foreign) {
            crate::actors::country::give(a, c);
        }
    }
    e.source = Some(source);
    e.target = target;
    e.date = when::date(t, v, None, cx.info.date);
    e.historical = e.date.as_ref().is_some_and(|d| when::historical(d, cx.info.date));
    if cx.coder.explain {
        e.explain.push(format!("demand: {:?} must/should, as the speaker says", t.tok(v).form));
    }
    assemble::finish(&mut e);
    Some(e)
}

/// The event of a statement at `trigger` whose content is `what`.
fn speech_event(
    cx: &Context,
    t: &Tree,
    trigger: usize,
    what: &[usize],
    speaker: &crate::actors::Resolved,
    not_target: &[usize],
    fired: &[usize],
) -> Option<Event> {
    let (kind, cue) = evaluate(t, what)?;
    let mut target = None;
    for h in mentioned(t, what) {
        if not_target.contains(&h) {
            continue;
        }
        // One is blamed as the doer, never as the victim.
        let r = t.rel(h);
        // "said Navalny was poisoned": the subject of a coded act in the
        // passive is its victim; the statement reports that act (coded on
        // its own), it accuses no one named.
        if kind == Evaluation::Blame && r.starts_with("nsubj:pass") && t.head(h).is_some_and(|v| fired.contains(&v)) {
            return None;
        }
        // "remains silent over Jamal's killing": the possessor of an act
        // that the lexicon does to its possessor is its victim.
        let victim = rel_is(r, "nmod:poss")
            && t.head(h).is_some_and(|n| {
                cx.coder
                    .lexicon
                    .triggers(crate::dict::events::TriggerPos::Noun, &t.lemma(n).to_lowercase())
                    .iter()
                    .any(|e| e.target.contains(&crate::dict::events::Role::Possessor))
            });
        if kind == Evaluation::Blame && victim {
            continue;
        }
        // "found it to be unlawful", "called the move illegal": what a
        // naming verb names is what is blamed.
        let named = rel_is(r, "obj")
            && t.head(h) == Some(trigger)
            && cues::has(List::NamingVerb, &t.lemma(trigger).to_lowercase());
        if kind == Evaluation::Blame
            && !named
            && !(rel_is(r, "nsubj") || rel_is(r, "obl:agent") || rel_is(r, "nmod:poss"))
        {
            let by = t.case_of(h).as_deref() == Some("by");
            if !by {
                continue;
            }
        }
        // "called it an aggression": what a naming verb names by a pronoun
        // is an act, and the blame goes to its doer.
        // ("called it a terrorist state" names an actor).
        let act_name = t.kids(trigger, "xcomp").chain(t.kids(trigger, "obj")).filter(|&x| x != h).any(|x| {
            let l = t.lemma(x).to_lowercase();
            cues::has(List::Cause, &l)
                || cues::has(List::AbstractObject, &l)
                || Evaluations::embedded().at(&[l.as_str()], 0).is_some_and(|(_, k)| k != Evaluation::Positive)
                || !cx.coder.lexicon.triggers(crate::dict::events::TriggerPos::Noun, &l).is_empty()
        });
        let act_pronoun = named && act_name && matches!(t.lemma(h).to_lowercase().as_str(), "it" | "this" | "that");
        let mut r = if act_pronoun {
            cx.latest_act_doer(t, h, kind == Evaluation::Blame)
        } else {
            cx.actor(t, h).or_else(|| cx.owner(t, h))
        };
        // An unknown person named in a report is of the report's country,
        // as in the event's own slots ("we are with Mayor Adamowicz").
        if let (Some(r), Some(c)) = (r.as_mut(), cx.discourse.focus.as_deref()) {
            if r.kind == crate::actors::Kind::Person {
                crate::actors::country::give_uncoded(&mut r.actor, c);
            }
        }
        if let Some(r) = r.filter(|r| r.actor.code.is_some() && r.actor.code != speaker.actor.code) {
            target = Some(r);
            break;
        }
    }
    if target.is_none() && kind == Evaluation::Blame {
        return None;
    }
    let mut e = assemble::record(cx, t, trigger, kind.cameo(), Mode::Asserted)?;
    let home = cx.discourse.focus.clone();
    let mut source = speaker.actor.clone();
    if let Some(c) = &home {
        crate::actors::country::give(&mut source, c);
        if speaker.kind == crate::actors::Kind::Person {
            crate::actors::country::give_uncoded(&mut source, c);
        }
    }
    e.source = Some(source);
    e.target = target.map(|r| {
        let foreign = assemble::foreign(t, r.phrase.head);
        let mut a = r.actor;
        if let Some(c) = home.as_ref().filter(|_| !foreign) {
            crate::actors::country::give(&mut a, c);
        }
        a
    });
    e.date = when::date(t, trigger, None, cx.info.date);
    e.historical = e.date.as_ref().is_some_and(|d| when::historical(d, cx.info.date));
    e.place = place::place(t, trigger, &[], &[], cx.coder.places, cx.discourse.focus.as_deref());
    if cx.coder.explain {
        e.explain.push(format!("statement {:?}: {:?} evaluation at {:?}", t.tok(trigger).form, kind, t.tok(cue).form));
    }
    assemble::finish(&mut e);
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn evaluations_count_and_negation_flips_praise() {
        // it is a mistake / it is not acceptable / it is not wrong
        let d = doc(&spaced(
            "1 it it PRON PRP _ 4 nsubj _ _
             2 is be AUX VBZ _ 4 cop _ _
             3 a a DET DT _ 4 det _ _
             4 mistake mistake NOUN NN _ 0 root _ _

             1 it it PRON PRP _ 4 nsubj _ _
             2 is be AUX VBZ _ 4 cop _ _
             3 not not PART RB _ 4 advmod _ _
             4 justified justified ADJ JJ _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(evaluate(&t, &t.range.clone().collect::<Vec<_>>()), Some((Evaluation::Negative, 3)));
        let t = Tree::new(&d, 1);
        assert_eq!(evaluate(&t, &t.range.clone().collect::<Vec<_>>()).map(|e| e.0), Some(Evaluation::Negative));
    }

    #[test]
    fn a_charge_outweighs_praise_said_with_it() {
        // its repression of the people and its support for Maduro
        let d = doc(&spaced(
            "1 its its PRON PRP$ _ 2 nmod:poss _ _
             2 repression repression NOUN NN _ 0 root _ _
             3 of of ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 people people NOUN NNS _ 2 nmod _ _
             6 and and CCONJ CC _ 8 cc _ _
             7 its its PRON PRP$ _ 8 nmod:poss _ _
             8 support support NOUN NN _ 2 conj _ _
             9 for for ADP IN _ 10 case _ _
             10 Maduro Maduro PROPN NNP _ 8 nmod _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(evaluate(&t, &t.range.clone().collect::<Vec<_>>()).map(|e| e.0), Some(Evaluation::Blame));
        let praise: Vec<usize> = (6..10).collect();
        assert_eq!(evaluate(&t, &praise).map(|e| e.0), Some(Evaluation::Positive));
    }

    #[test]
    fn a_quotes_first_sentence_that_judges_gives_its_statement() {
        use crate::{ArticleInfo, Coder};
        // Haley wrote , " We must help allies . The Kurds fought . Leaving
        // them is a big mistake . "
        let d = doc(&spaced(
            "1 Haley Haley PROPN NNP _ 2 nsubj _ NER=B-PER
             2 wrote write VERB VBD _ 0 root _ SpaceAfter=No
             3 , , PUNCT , _ 2 punct _ _
             4 \" \" PUNCT `` _ 7 punct _ SpaceAfter=No
             5 We we PRON PRP _ 7 nsubj _ _
             6 must must AUX MD _ 7 aux _ _
             7 help help VERB VB _ 2 ccomp _ _
             8 allies ally NOUN NNS _ 7 obj _ SpaceAfter=No
             9 . . PUNCT . _ 2 punct _ _

             1 The the DET DT _ 2 det _ _
             2 Kurds Kurds PROPN NNPS _ 3 nsubj _ _
             3 fought fight VERB VBD _ 0 root _ SpaceAfter=No
             4 . . PUNCT . _ 3 punct _ _

             1 Leaving leave VERB VBG _ 5 csubj _ _
             2 them they PRON PRP _ 1 obj _ _
             3 is be AUX VBZ _ 5 cop _ _
             4 a a DET DT _ 5 det _ _
             5 mistake mistake NOUN NN _ 0 root _ SpaceAfter=No
             6 . . PUNCT . _ 5 punct _ SpaceAfter=No
             7 \" \" PUNCT '' _ 5 punct _ _",
        ));
        // One paragraph: the fixture's line breaks between the sentences
        // become spaces (offsets unchanged).
        let mut d = d;
        d.text = d.text.replacen('\n', " ", 2);
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        assert!(ev.iter().any(|e| e.sentence == 3 && e.cameo.starts_with("11")), "{ev:#?}");
    }

    #[test]
    fn an_act_named_by_a_pronoun_blames_its_doer_and_a_doing_is_blame() {
        use crate::{ArticleInfo, Coder};
        // Hamas attacked Israel . Egypt called it an aggression . Trump said crash was Iran 's doing .
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ NER=B-ORG
             2 attacked attack VERB VBD _ 0 root _ _
             3 Israel Israel PROPN NNP _ 2 obj _ NER=B-LOC

             1 Egypt Egypt PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 called call VERB VBD _ 0 root _ _
             3 it it PRON PRP _ 2 obj _ _
             4 an a DET DT _ 5 det _ _
             5 aggression aggression NOUN NN _ 2 xcomp _ _

             1 Trump Trump PROPN NNP _ 2 nsubj _ NER=B-PER
             2 said say VERB VBD _ 0 root _ _
             3 crash crash NOUN NN _ 7 nsubj _ _
             4 was be AUX VBD _ 7 cop _ _
             5 Iran Iran PROPN NNP _ 7 nmod:poss _ NER=B-LOC
             6 's 's PART POS _ 5 case _ _
             7 doing doing NOUN NN _ 2 ccomp _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let target =
            |trigger: &str| ev.iter().find(|e| e.trigger.text == trigger).and_then(|e| e.target.as_ref()?.code.clone());
        assert_eq!(target("called").as_deref(), Some("PSEREBHMS"), "{ev:#?}");
        assert_eq!(target("said").as_deref(), Some("IRN"), "{ev:#?}");
    }

    #[test]
    fn a_reporting_verb_inside_a_quote_does_not_speak_it() {
        use crate::{ArticleInfo, Coder};
        // Trump told the public : " Putin wants to cancel the referendum and argue . "
        let d = doc(&spaced(
            "1 Trump Trump PROPN NNP _ 2 nsubj _ NER=B-PER
             2 told tell VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 public public NOUN NN _ 2 obj _ SpaceAfter=No
             5 : : PUNCT : _ 2 punct _ _
             6 \" \" PUNCT `` _ 8 punct _ SpaceAfter=No
             7 Putin Putin PROPN NNP _ 8 nsubj _ NER=B-PER
             8 wants want VERB VBZ _ 2 ccomp _ _
             9 to to PART TO _ 10 mark _ _
             10 cancel cancel VERB VB _ 8 xcomp _ _
             11 the the DET DT _ 12 det _ _
             12 referendum referendum NOUN NN _ 10 obj _ _
             13 and and CCONJ CC _ 14 cc _ _
             14 argue argue VERB VB _ 10 conj _ SpaceAfter=No
             15 . . PUNCT . _ 2 punct _ SpaceAfter=No
             16 \" \" PUNCT '' _ 2 punct _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        assert!(!ev.iter().any(|e| e.trigger.text == "argue"), "{ev:#?}");
    }

    #[test]
    fn news_tells_and_victims_are_not_blamed() {
        use crate::{ArticleInfo, Coder};
        // Reuters reported Hamas was responsible . Egypt condemned Khashoggi 's murder as a crime ... (said)
        let d = doc(&spaced(
            "1 Reuters Reuters PROPN NNP _ 2 nsubj _ NER=B-ORG
             2 reported report VERB VBD _ 0 root _ _
             3 Hamas Hamas PROPN NNP _ 5 nsubj _ NER=B-ORG
             4 was be AUX VBD _ 5 cop _ _
             5 responsible responsible ADJ JJ _ 2 ccomp _ _

             1 Egypt Egypt PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 said say VERB VBD _ 0 root _ _
             3 Khashoggi Khashoggi PROPN NNP _ 5 nmod:poss _ NER=B-PER
             4 's 's PART POS _ 3 case _ _
             5 murder murder NOUN NN _ 8 nsubj _ _
             6 was be AUX VBD _ 8 cop _ _
             7 a a DET DT _ 8 det _ _
             8 crime crime NOUN NN _ 2 ccomp _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        assert!(!ev.iter().any(|e| e.trigger.text == "reported"), "{ev:#?}");
        assert!(
            !ev.iter()
                .any(|e| e.trigger.text == "said" && e.target.as_ref().is_some_and(|a| a.text.contains("Khashoggi"))),
            "{ev:#?}"
        );
    }

    #[test]
    fn obligations_are_demands() {
        // they need to stand by us / it is time to give the public a say / they want to stay
        let d = doc(&spaced(
            "1 they they PRON PRP _ 2 nsubj _ _
             2 need need VERB VBP _ 0 root _ _
             3 to to PART TO _ 4 mark _ _
             4 stand stand VERB VB _ 2 xcomp _ _

             1 it it PRON PRP _ 3 nsubj _ _
             2 is be AUX VBZ _ 3 cop _ _
             3 time time NOUN NN _ 0 root _ _
             4 to to PART TO _ 5 mark _ _
             5 give give VERB VB _ 3 acl _ _

             1 they they PRON PRP _ 2 nsubj _ _
             2 want want VERB VBP _ 0 root _ _
             3 to to PART TO _ 4 mark _ _
             4 stay stay VERB VB _ 2 xcomp _ _",
        ));
        let at = |s: usize, k: usize| d.sentences[s].tokens.start + k;
        assert!(mode::obliged(&Tree::new(&d, 0), at(0, 3)));
        assert!(mode::obliged(&Tree::new(&d, 1), at(1, 4)));
        assert!(!mode::obliged(&Tree::new(&d, 2), at(2, 3)));
    }

    #[test]
    fn a_naming_verb_says_what_its_object_is() {
        // Corbyn called the move a smash and grab
        let d = doc(&spaced(
            "1 Corbyn Corbyn PROPN NNP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 move move NOUN NN _ 2 obj _ _
             5 a a DET DT _ 6 det _ _
             6 smash smash NOUN NN _ 2 xcomp _ _
             7 and and CCONJ CC _ 8 cc _ _
             8 grab grab NOUN NN _ 6 conj _ _",
        ));
        let t = Tree::new(&d, 0);
        let c = content(&t, 1);
        assert_eq!(c, [2, 3, 4, 5, 6, 7]);
        assert_eq!(evaluate(&t, &c).map(|e| e.0), Some(Evaluation::Negative));
    }
}
