//! Mode: did the event happen, as the text tells it?
//!
//! The field's coders take "discussed a deal that included the release of
//! 600 prisoners" as a release. Here the trigger's own clause is read first
//! (negation of the verb, of its subject or object — "no group claimed",
//! "conceded nothing" —, modal auxiliaries, a conditional clause), then the
//! words that govern it, nearest first: a proposal word ("discussed",
//! "plans to") makes it `proposed`, a request or directive ("asked Israel
//! to release", "told her to attack", "called for an investigation")
//! `requested`, an intention ("is ready to", "vowed to", "is scheduled
//! to") `intended`, a refusal or a negated governor ("does not want to
//! offer") `negated`. A word of realisation ("implemented a deal in which
//! ... released") hands over to its own mode. Reporting verbs are
//! attribution, not mode, and are walked through. The word lists are the
//! cue lists of `dictionaries/cues.tsv`.

use crate::cues::{self, List};
use crate::event::Mode;
use crate::tree::{rel_is, Tree};

fn is(list: List, t: &Tree, i: usize) -> bool {
    cues::has(list, &t.lemma(i).to_lowercase())
}

/// Whether token `i` carries its own negation ("did not", "never", "no").
pub fn negated(t: &Tree, i: usize) -> bool {
    t.children(i).iter().any(|&c| {
        let l = t.lemma(c).to_lowercase();
        (rel_is(t.rel(c), "advmod") && matches!(l.as_str(), "not" | "never" | "n't" | "neither" | "nor"))
            || (rel_is(t.rel(c), "det") && l == "no")
            || (rel_is(t.rel(c), "advmod")
                && l == "longer"
                && t.children(c).iter().any(|&g| t.lemma(g).eq_ignore_ascii_case("no")))
    })
}

/// Whether the subject or object of `i` denies the whole event: "no group
/// claimed responsibility", "nobody was hurt", "conceded nothing".
pub fn negative_argument(t: &Tree, i: usize) -> bool {
    t.children(i).iter().any(|&c| {
        let r = t.rel(c);
        let arg = rel_is(r, "nsubj") || rel_is(r, "obj") || rel_is(r, "csubj");
        arg && (is(List::Nobody, t, c) || t.kids(c, "det").any(|d| t.lemma(d).eq_ignore_ascii_case("no")))
    })
}

fn modal(t: &Tree, i: usize) -> Option<Mode> {
    for c in t.kids(i, "aux") {
        match t.lemma(c).to_lowercase().as_str() {
            "will" | "shall" => return Some(Mode::Future),
            "must" | "should" => return Some(Mode::Requested),
            "would" | "could" | "might" | "may" | "can" => return Some(Mode::Hypothetical),
            _ => {}
        }
    }
    None
}

const FUTURE: &[&str] = &["will", "would", "shall"];

/// Whether `i` has an auxiliary among `lemmas` (lower case).
fn has_aux(t: &Tree, i: usize, lemmas: &[&str]) -> bool {
    t.kids(i, "aux").any(|c| lemmas.contains(&t.lemma(c).to_lowercase().as_str()))
}

/// Whether the trigger is what someone will do "unless" something happens:
/// a threat ("will boycott the elections unless the president resigns").
pub fn ultimatum(t: &Tree, i: usize) -> bool {
    has_aux(t, i, FUTURE)
        && t.kids(i, "advcl").any(|c| t.kids(c, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("unless")))
}

/// Whether the trigger is what someone will do "if" something happens:
/// a conditional commitment ("said they would meet the mediator if he gave
/// them a veto"). The act is hypothetical; the commitment was made.
pub fn conditional_commitment(t: &Tree, i: usize) -> bool {
    has_aux(t, i, FUTURE)
        && t.kids(i, "advcl").any(|c| t.kids(c, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("if")))
}

/// Whether a negated event is a refusal: "will not accept", "refused to
/// release", "failed to reach" — a rejection, not a mere non-event.
pub fn refusal(t: &Tree, i: usize) -> bool {
    let future = |k: usize| has_aux(t, k, FUTURE);
    if negated(t, i) && future(i) {
        return true;
    }
    let rel = t.rel(i);
    (rel_is(rel, "xcomp") || rel_is(rel, "ccomp"))
        && t.head(i).is_some_and(|h| {
            let l = t.lemma(h).to_lowercase();
            matches!(l.as_str(), "refuse" | "reject" | "decline") || (negated(t, h) && future(h))
        })
}

/// Whether verb `v` says what someone is obliged to do: "must" or
/// "should" ("Parliament must be recalled"), "need to", "have to", "ought
/// to" ("they need to stand by us"), or "it is time to" ("it's time to
/// give the public the final say"). The obliged one is `v`'s subject, or
/// for "need/have to" the subject of "need/have".
pub fn obliged(t: &Tree, v: usize) -> bool {
    let lemma = |i: usize| t.lemma(i).to_lowercase();
    if t.kids(v, "aux").any(|a| matches!(lemma(a).as_str(), "must" | "should" | "ought")) {
        return true;
    }
    let infinitive = t.kids(v, "mark").any(|m| lemma(m) == "to");
    let Some(h) = t.head(v).filter(|_| infinitive) else { return false };
    // "have standing to do so", "need money to build": with an object,
    // the infinitive says what the thing is for, not what one must do.
    let need = matches!(lemma(h).as_str(), "need" | "have")
        && rel_is(t.rel(v), "xcomp")
        && t.is_verbal(h)
        && t.kid(h, "obj").is_none();
    let time = lemma(h) == "time" && t.kid(h, "cop").is_some();
    (need || time) && !negated(t, h)
}

/// "Iran wants the United States to withdraw", "the Taliban wants foreign
/// forces to leave": an act that a verb of wanting asks of another (its
/// object) is demanded of that other. Returns the wanting verb.
pub fn wanted_of_another(t: &Tree, v: usize) -> Option<usize> {
    let h = t.head(v).filter(|_| rel_is(t.rel(v), "xcomp"))?;
    let want = is(List::Desire, t, h) && t.kid(h, "obj").is_some() && !negated(t, h);
    want.then_some(h)
}

fn conditional(t: &Tree, i: usize) -> bool {
    let marked_if =
        |c: usize| t.kids(c, "mark").any(|m| matches!(t.lemma(m).to_lowercase().as_str(), "if" | "unless" | "whether"));
    // The trigger is in an "if" clause, or is the consequence of one.
    (rel_is(t.rel(i), "advcl") && marked_if(i)) || t.kids(i, "advcl").any(marked_if)
}

/// "is scheduled to meet", "is expected to sign": a future act.
fn scheduled(t: &Tree, i: usize) -> bool {
    let rel = t.rel(i);
    rel_is(rel, "xcomp")
        && t.head(i).is_some_and(|h| {
            (is(List::Future, t, h) || cues::has(List::Future, &t.tok(h).form.to_lowercase())) && t.tok(h).xpos != "VBD"
        })
}

/// An order: a bare verb with no auxiliary or infinitive marker heading
/// its clause, and no subject but the one it is addressed to ("attack the
/// tourists", "release them now", "you take a knife").
pub fn imperative(t: &Tree, i: usize) -> bool {
    let addressee = |s: usize| t.tok(s).form.eq_ignore_ascii_case("you");
    let bare = |v: usize| {
        t.tok(v).xpos == "VB"
            && t.kids(v, "nsubj").all(addressee)
            && t.kid(v, "aux").is_none()
            && t.kid(v, "mark").is_none()
    };
    if !bare(i) {
        return false;
    }
    let rel = t.rel(i);
    let clause_head = rel == "root" || rel_is(rel, "parataxis") || rel_is(rel, "ccomp");
    // A conjunct of a bare verb ("take a knife ... and attack"); one with a
    // subject or an auxiliary lends them ("will meet and discuss").
    let conj_of_order = rel_is(rel, "conj") && t.head(i).is_some_and(|h| bare(h) && !rel_is(t.rel(h), "xcomp"));
    clause_head || conj_of_order
}

/// The mode of the event triggered by `trigger`, with a note of the word
/// that decided it.
pub fn mode(t: &Tree, trigger: usize) -> (Mode, Option<String>) {
    if negated(t, trigger) {
        return (Mode::Negated, Some(format!("negation on {:?}", t.tok(trigger).form)));
    }
    if negative_argument(t, trigger) {
        return (Mode::Negated, Some("negative subject or object".into()));
    }
    if conditional(t, trigger) {
        return (Mode::Hypothetical, Some("conditional clause".into()));
    }
    if let Some(m) = modal(t, trigger) {
        // "said they would boycott": future in reported speech, not a
        // hypothetical (a condition was caught above).
        let reported = t.head(trigger).is_some_and(|h| cues::has(List::Report, &t.lemma(h).to_lowercase()))
            && rel_is(t.rel(trigger), "ccomp");
        let m = if m == Mode::Hypothetical && reported && has_aux(t, trigger, &["would"]) { Mode::Future } else { m };
        return (m, Some(format!("modal on {:?}", t.tok(trigger).form)));
    }
    if scheduled(t, trigger) {
        return (Mode::Future, Some("scheduled".into()));
    }
    if imperative(t, trigger) {
        return (Mode::Requested, Some("imperative".into()));
    }
    let mut child = trigger;
    for a in t.ancestors(trigger) {
        let rel = t.rel(child);
        // A means ("through indirect negotiations") is told as happening,
        // whatever the goal it serves.
        if rel_is(rel, "obl") && matches!(t.case_of(child).as_deref(), Some("through" | "via")) {
            break;
        }
        let why = |what: &str| Some(format!("{what} {:?}", t.tok(a).form));
        // "the release of those arrested": a past participle describing a
        // noun tells what was done, whatever is asked of the noun. An
        // infinitive is no such participle: "a crime to be prosecuted" is
        // an aim (below).
        if rel_is(rel, "acl") && !rel.ends_with("relcl") && t.tok(child).xpos == "VBN" && !purpose(t, child) {
            break;
        }
        // Crossing into a sibling clause (coordination, a clause the trigger
        // merely modifies) leaves the governing word's scope.
        let governed = ["xcomp", "ccomp", "obj", "acl", "nmod", "obl", "csubj", "nsubj", "advcl", "compound"]
            .iter()
            .any(|r| rel_is(rel, r));
        if !governed {
            if rel_is(rel, "conj") {
                child = a;
                continue;
            }
            break;
        }
        let complement = rel_is(rel, "xcomp") || rel_is(rel, "ccomp");
        // "demands for investigations": what a noun asks for, also when
        // the parse hung the phrase on the noun's verb ("repeated their
        // demands for investigations").
        let asked_for = rel_is(rel, "nmod") && t.case_of(child).as_deref() == Some("for");
        if rel_is(rel, "obl") && t.case_of(child).as_deref() == Some("for") {
            let stranded_on = crate::frame::objects(t, a).into_iter().find(|&o| {
                is(List::Request, t, o)
                    && t.subtree(o, &[]).last().is_some_and(|&e| Some(&(e + 1)) == t.subtree(child, &[]).first())
            });
            if stranded_on.is_some() {
                return (Mode::Requested, why("request"));
            }
        }
        let content = complement
            || rel_is(rel, "obj")
            || rel_is(rel, "obl")
            || rel_is(rel, "acl")
            || rel_is(rel, "advcl")
            || asked_for;
        // A directive ("told her to attack") before a report ("told
        // reporters that ...").
        // "called the arrests unlawful" names the arrests; it asks nothing.
        let naming = rel_is(rel, "obj") && is(List::NamingVerb, t, a) && t.kids(a, "xcomp").next().is_some();
        // A phrase on a request is what it asks for only with "for" ("called
        // for the release"): "urged him in a phone call" names the medium.
        let circumstance = rel_is(rel, "obl") && t.case_of(child).as_deref() != Some("for");
        if is(List::Request, t, a)
            && !naming
            && !circumstance
            && (rel_is(rel, "xcomp") || (content && !cues::has(List::Report, &t.lemma(a).to_lowercase())))
        {
            if negated(t, a) {
                return (Mode::Negated, why("negated request"));
            }
            return (Mode::Requested, why("request"));
        }
        // "Protests are not reported in Mosul", "the attack did not
        // happen": an act whose being reported or happening is denied.
        let told_of = child == trigger
            && rel_is(rel, "nsubj")
            && t.is_verbal(a)
            && (is(List::Report, t, a) || is(List::Happen, t, a));
        if told_of && negated(t, a) {
            return (Mode::Negated, why("its happening denied"));
        }
        if cues::has(List::Report, &t.lemma(a).to_lowercase()) && t.is_verbal(a) {
            if (negated(t, a) || negative_argument(t, a)) && rel_is(rel, "ccomp") {
                return (Mode::Negated, why("negated report"));
            }
            // "denied that he had met them": denied, as its speaker tells it
            // (a denial that is itself denied affirms).
            if is(List::Deny, t, a) && rel_is(rel, "ccomp") && !negated(t, a) {
                return (Mode::Negated, why("denial"));
            }
            child = a;
            continue;
        }
        if (negated(t, a) || negative_argument(t, a)) && (complement || rel_is(rel, "obj")) {
            return (Mode::Negated, why("negated governor"));
        }
        if conditional(t, a) {
            return (Mode::Hypothetical, why("conditional governor"));
        }
        // What was carried out happened, if the carrying out itself did:
        // "discussed implementing a deal" is still a proposal.
        if is(List::Realise, t, a) {
            return mode(t, a);
        }
        if is(List::Refuse, t, a) && (complement || rel_is(rel, "obj")) {
            return (Mode::Negated, why("refusal"));
        }
        // A proposal noun governs its content ("talks on the release of",
        // "plans to pull out"), not a participle describing it ("talks
        // hosted by Qatar").
        let noun = t.tok(a).upos == "NOUN";
        let proposal_content =
            !noun || rel_is(rel, "nmod") || rel.ends_with("relcl") || (rel_is(rel, "acl") && t.tok(child).xpos == "VB");
        if is(List::Propose, t, a) && proposal_content && !(noun && rel_is(rel, "compound")) {
            // "had not announced plans to withdraw": no proposal was made.
            let made_by = t.head(a).filter(|_| ["obj", "xcomp", "ccomp"].iter().any(|r| rel_is(t.rel(a), r)));
            if made_by.is_some_and(|g| negated(t, g) || negative_argument(t, g)) || mode(t, a).0 == Mode::Negated {
                return (Mode::Negated, why("negated proposal"));
            }
            return (Mode::Proposed, why("proposal"));
        }
        if noun && rel_is(rel, "compound") && is(List::Propose, t, a) {
            // "assassination plots": the act was plotted.
            return (Mode::Intended, why("plotted"));
        }
        // "neutralizing the threat is an aim of the operation": what a
        // noun of intention is predicated of.
        let predicated = noun && (rel_is(rel, "csubj") || rel_is(rel, "nsubj")) && t.kid(a, "cop").is_some();
        if is(List::Intend, t, a) && (complement || (noun && rel_is(rel, "acl")) || predicated) {
            if negated(t, a) {
                return (Mode::Negated, why("negated intention"));
            }
            return (Mode::Intended, why("intention"));
        }
        if let Some(m) = modal(t, a) {
            if complement {
                return (m, why("modal governor"));
            }
        }
        if listed_demand(t, a, child) {
            return (Mode::Requested, why("listed among demands by"));
        }
        if purpose(t, child) {
            return (Mode::Intended, why(PURPOSE));
        }
        child = a;
    }
    (Mode::Asserted, None)
}

/// The note of an aim: an act done "to" achieve another. The aim is
/// intended, but it is no announced intention (no CAMEO 03 analogue).
pub const PURPOSE: &str = "purpose of";

/// Whether `lemma` reports speech or belief, which makes its subject the
/// source of what its complement says.
pub fn is_report(lemma: &str) -> bool {
    cues::has(List::Report, lemma)
}

/// "Protesters' demands include an investigation ...": what a list of
/// demands (or calls, requests) includes or is was asked for. `child` is
/// the object or complement of `a`, whose subject is the request noun.
fn listed_demand(t: &Tree, a: usize, child: usize) -> bool {
    let lemma = t.lemma(a).to_lowercase();
    let lists = matches!(lemma.as_str(), "include" | "be" | "involve" | "contain" | "comprise");
    let content = rel_is(t.rel(child), "obj") || rel_is(t.rel(child), "nsubj") || rel_is(t.rel(child), "xcomp");
    lists && content && t.kids(a, "nsubj").any(|s| s != child && t.tok(s).upos == "NOUN" && is(List::Request, t, s))
}

/// "a safe zone to repatriate refugees", "an operation to neutralise the
/// threat": an infinitive a noun is for names an aim, not a deed; so does
/// an infinitive of purpose beside a clause ("extradite anyone ... to be
/// prosecuted").
fn purpose(t: &Tree, child: usize) -> bool {
    // "to repatriate", "to be prosecuted".
    let bare = t.tok(child).xpos == "VB" || t.kids(child, "aux:pass").any(|x| t.tok(x).xpos == "VB");
    let infinitive = bare && t.kids(child, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("to"));
    let for_noun = rel_is(t.rel(child), "acl")
        && t.head(child).is_some_and(|h| matches!(t.tok(h).upos.as_str(), "NOUN" | "PROPN"));
    infinitive && (for_noun || rel_is(t.rel(child), "advcl"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn an_act_whose_being_reported_is_denied_did_not_happen() {
        // Protests are not reported in Mosul / Protests are reported
        let sentence = "1 Protests protest NOUN NNS _ 4 nsubj:pass _ _
             2 are be AUX VBP _ 4 aux:pass _ _
             3 not not PART RB _ 4 advmod _ _
             4 reported report VERB VBN _ 0 root _ _";
        let d = doc(&spaced(sentence));
        assert_eq!(mode(&Tree::new(&d, 0), 0).0, Mode::Negated);
        let d = doc(&spaced(&sentence.replace("3 not not PART RB _ 4 advmod", "3 widely widely ADV RB _ 4 advmod")));
        assert_ne!(mode(&Tree::new(&d, 0), 0).0, Mode::Negated);
    }

    #[test]
    fn having_to_act_is_an_obligation_having_something_to_act_is_not() {
        // The states have to sue / The states have standing to sue
        let sentence = "1 The the DET DT _ 2 det _ _
             2 states state NOUN NNS _ 3 nsubj _ _
             3 have have VERB VBP _ 0 root _ _
             4 to to PART TO _ 5 mark _ _
             5 sue sue VERB VB _ 3 xcomp _ _";
        let d = doc(&spaced(sentence));
        assert!(obliged(&Tree::new(&d, 0), 4));
        let with_object = "1 The the DET DT _ 2 det _ _
             2 states state NOUN NNS _ 3 nsubj _ _
             3 have have VERB VBP _ 0 root _ _
             4 standing standing NOUN NN _ 3 obj _ _
             5 to to PART TO _ 6 mark _ _
             6 sue sue VERB VB _ 3 xcomp _ _";
        let d = doc(&spaced(with_object));
        assert!(!obliged(&Tree::new(&d, 0), 5));
    }

    #[test]
    fn wanting_an_act_of_another_is_asking_it() {
        // Iran wants the US to leave / Iran wants to leave / Iran does not want the US to leave
        let d = doc(&spaced(
            "1 Iran Iran PROPN NNP _ 2 nsubj _ _
             2 wants want VERB VBZ _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 US US PROPN NNP _ 2 obj _ _
             5 to to PART TO _ 6 mark _ _
             6 leave leave VERB VB _ 2 xcomp _ _

             1 Iran Iran PROPN NNP _ 2 nsubj _ _
             2 wants want VERB VBZ _ 0 root _ _
             3 to to PART TO _ 4 mark _ _
             4 leave leave VERB VB _ 2 xcomp _ _

             1 Iran Iran PROPN NNP _ 4 nsubj _ _
             2 does do AUX VBZ _ 4 aux _ _
             3 not not PART RB _ 4 advmod _ _
             4 want want VERB VB _ 0 root _ _
             5 US US PROPN NNP _ 4 obj _ _
             6 to to PART TO _ 7 mark _ _
             7 leave leave VERB VB _ 4 xcomp _ _",
        ));
        assert_eq!(wanted_of_another(&Tree::new(&d, 0), 5), Some(1));
        assert_eq!(wanted_of_another(&Tree::new(&d, 1), 9), None, "its own intent");
        assert_eq!(wanted_of_another(&Tree::new(&d, 2), 16), None, "not wanted");
    }

    fn mode_of(conllu: &str, trigger: usize) -> Mode {
        let d = doc(&spaced(conllu));
        mode(&Tree::new(&d, 0), trigger).0
    }

    #[test]
    fn can_is_no_deed_and_a_requests_medium_is_no_content() {
        // an official can be removed
        let m = mode_of(
            "1 official official NOUN NN _ 4 nsubj:pass _ _
             2 can can AUX MD _ 4 aux _ _
             3 be be AUX VB _ 4 aux:pass _ _
             4 removed remove VERB VBN _ 0 root _ _",
            3,
        );
        assert_eq!(m, Mode::Hypothetical);
        // Trump urged Zelensky in a phone call (the call happened)
        let m = mode_of(
            "1 Trump Trump PROPN NNP _ 2 nsubj _ _
             2 urged urge VERB VBD _ 0 root _ _
             3 Zelensky Zelensky PROPN NNP _ 2 obj _ _
             4 in in ADP IN _ 6 case _ _
             5 phone phone NOUN NN _ 6 compound _ _
             6 call call NOUN NN _ 2 obl _ _",
            5,
        );
        assert_eq!(m, Mode::Asserted);
        // Hamas called for the release (asked for)
        let m = mode_of(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 for for ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 release release NOUN NN _ 2 obl _ _",
            4,
        );
        assert_eq!(m, Mode::Requested);
    }

    #[test]
    fn a_proposal_never_made_is_negated() {
        let sentence = |not: &str| {
            format!(
                "1 Iran Iran PROPN NNP _ 4 nsubj _ _
                 2 had have AUX VBD _ 4 aux _ _
                 3 {not} _ 4 advmod _ _
                 4 announced announce VERB VBN _ 0 root _ _
                 5 plans plan NOUN NNS _ 4 obj _ _
                 6 to to PART TO _ 7 mark _ _
                 7 withdraw withdraw VERB VB _ 5 acl _ _"
            )
        };
        assert_eq!(mode_of(&sentence("not not PART RB"), 6), Mode::Negated);
        assert_eq!(mode_of(&sentence("also also ADV RB"), 6), Mode::Proposed);
    }

    #[test]
    fn a_negative_subject_negates() {
        // No group claimed responsibility
        let m = mode_of(
            "1 No no DET DT _ 2 det _ _
             2 group group NOUN NN _ 3 nsubj _ _
             3 claimed claim VERB VBD _ 0 root _ _
             4 responsibility responsibility NOUN NN _ 3 obj _ _",
            2,
        );
        assert_eq!(m, Mode::Negated);
    }

    #[test]
    fn what_a_demand_is_for_is_requested() {
        // their demands for investigations
        let m = mode_of(
            "1 their they PRON PRP$ _ 2 nmod:poss _ _
             2 demands demand NOUN NNS _ 0 root _ _
             3 for for ADP IN _ 4 case _ _
             4 investigations investigation NOUN NNS _ 2 nmod _ _",
            3,
        );
        assert_eq!(m, Mode::Requested);
        // repeated their demands for investigations (hung on the verb)
        let m = mode_of(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 repeated repeat VERB VBD _ 0 root _ _
             3 their they PRON PRP$ _ 4 nmod:poss _ _
             4 demands demand NOUN NNS _ 2 obj _ _
             5 for for ADP IN _ 6 case _ _
             6 investigations investigation NOUN NNS _ 2 obl _ _",
            5,
        );
        assert_eq!(m, Mode::Requested);
    }

    #[test]
    fn what_is_named_is_not_requested() {
        // They called the arrests unlawful / They called for arrests
        let named = "1 They they PRON PRP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 arrests arrest NOUN NNS _ 2 obj _ _
             5 unlawful unlawful ADJ JJ _ 2 xcomp _ _";
        assert_eq!(mode_of(named, 3), Mode::Asserted);
        let asked = "1 They they PRON PRP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 for for ADP IN _ 4 case _ _
             4 arrests arrest NOUN NNS _ 2 obl _ _";
        assert_eq!(mode_of(asked, 3), Mode::Requested);
    }

    #[test]
    fn a_directive_requests() {
        // He told her to attack the tourists
        let m = mode_of(
            "1 He he PRON PRP _ 2 nsubj _ _
             2 told tell VERB VBD _ 0 root _ _
             3 her she PRON PRP _ 2 obj _ _
             4 to to PART TO _ 5 mark _ _
             5 attack attack VERB VB _ 2 xcomp _ _
             6 the the DET DT _ 7 det _ _
             7 tourists tourist NOUN NNS _ 5 obj _ _",
            4,
        );
        assert_eq!(m, Mode::Requested);
    }

    #[test]
    fn a_report_is_walked_through_and_a_negated_one_negates() {
        // Police said protesters attacked / did not say
        let said = "1 Police police NOUN NNS _ 2 nsubj _ _
             2 said say VERB VBD _ 0 root _ _
             3 protesters protester NOUN NNS _ 4 nsubj _ _
             4 attacked attack VERB VBD _ 2 ccomp _ _";
        assert_eq!(mode_of(said, 3), Mode::Asserted);
        let denied = "1 Police police NOUN NNS _ 4 nsubj _ _
             2 did do AUX VBD _ 4 aux _ _
             3 not not PART RB _ 4 advmod _ _
             4 say say VERB VB _ 0 root _ _
             5 protesters protester NOUN NNS _ 6 nsubj _ _
             6 attacked attack VERB VBD _ 4 ccomp _ _";
        assert_eq!(mode_of(denied, 5), Mode::Negated);
        // The minister denied that he had met them / did not deny it.
        let denial = "1 The the DET DT _ 2 det _ _
             2 minister minister NOUN NN _ 3 nsubj _ _
             3 denied deny VERB VBD _ 0 root _ _
             4 that that SCONJ IN _ 7 mark _ _
             5 he he PRON PRP _ 7 nsubj _ _
             6 had have AUX VBD _ 7 aux _ _
             7 met meet VERB VBN _ 3 ccomp _ _
             8 them they PRON PRP _ 7 obj _ _";
        assert_eq!(mode_of(denial, 6), Mode::Negated);
        let not_denied = "1 He he PRON PRP _ 4 nsubj _ _
             2 did do AUX VBD _ 4 aux _ _
             3 not not PART RB _ 4 advmod _ _
             4 deny deny VERB VB _ 0 root _ _
             5 that that SCONJ IN _ 7 mark _ _
             6 he he PRON PRP _ 7 nsubj _ _
             7 met meet VERB VBD _ 4 ccomp _ _";
        assert_eq!(mode_of(not_denied, 6), Mode::Negated, "a report that is not made asserts nothing");
    }

    #[test]
    fn plans_and_schedules() {
        // firms announced plans to pull out
        let plans = "1 firms firm NOUN NNS _ 2 nsubj _ _
             2 announced announce VERB VBD _ 0 root _ _
             3 plans plan NOUN NNS _ 2 obj _ _
             4 to to PART TO _ 5 mark _ _
             5 pull pull VERB VB _ 3 acl _ _
             6 out out ADP RP _ 5 compound:prt _ _";
        assert_ne!(mode_of(plans, 4), Mode::Asserted);
        // the envoy is scheduled to testify
        let sched = "1 the the DET DT _ 2 det _ _
             2 envoy envoy NOUN NN _ 4 nsubj:pass _ _
             3 is be AUX VBZ _ 4 aux:pass _ _
             4 scheduled schedule VERB VBN _ 0 root _ _
             5 to to PART TO _ 6 mark _ _
             6 testify testify VERB VB _ 4 xcomp _ _";
        assert_eq!(mode_of(sched, 5), Mode::Future);
    }

    #[test]
    fn an_order_requests() {
        // " attack the tourists ! "
        let m = mode_of(
            "1 attack attack VERB VB _ 0 root _ _
             2 the the DET DT _ 3 det _ _
             3 tourists tourist NOUN NNS _ 1 obj _ _",
            0,
        );
        assert_eq!(m, Mode::Requested);
        // " you take a knife and attack the tourists " (the addressee named)
        let m = mode_of(
            "1 you you PRON PRP _ 2 nsubj _ _
             2 take take VERB VB _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 knife knife NOUN NN _ 2 obj _ _
             5 and and CCONJ CC _ 6 cc _ _
             6 attack attack VERB VB _ 2 conj _ _
             7 the the DET DT _ 8 det _ _
             8 tourists tourist NOUN NNS _ 6 obj _ _",
            5,
        );
        assert_eq!(m, Mode::Requested);
        // " they attack the tourists " is no order
        let m = mode_of(
            "1 they they PRON PRP _ 2 nsubj _ _
             2 attack attack VERB VB _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 tourists tourist NOUN NNS _ 2 obj _ _",
            1,
        );
        assert_ne!(m, Mode::Requested);
    }

    #[test]
    fn a_call_for_an_investigation_requests_it() {
        // Amnesty called for an investigation
        let m = mode_of(
            "1 Amnesty Amnesty PROPN NNP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 for for ADP IN _ 5 case _ _
             4 an a DET DT _ 5 det _ _
             5 investigation investigation NOUN NN _ 2 obl _ _",
            4,
        );
        assert_eq!(m, Mode::Requested);
    }

    #[test]
    fn what_a_list_of_demands_includes_is_requested() {
        // Their demands include the release of protesters
        let m = mode_of(
            "1 Their their PRON PRP$ _ 2 nmod:poss _ _
             2 demands demand NOUN NNS _ 3 nsubj _ _
             3 include include VERB VBP _ 0 root _ _
             4 the the DET DT _ 5 det _ _
             5 release release NOUN NN _ 3 obj _ _
             6 of of ADP IN _ 7 case _ _
             7 protesters protester NOUN NNS _ 5 nmod _ _",
            4,
        );
        assert_eq!(m, Mode::Requested);
    }

    #[test]
    fn what_an_aim_is_said_to_be_is_intended() {
        // neutralizing the threat is an aim
        let m = mode_of(
            "1 neutralizing neutralize VERB VBG _ 5 csubj _ _
             2 the the DET DT _ 3 det _ _
             3 threat threat NOUN NN _ 1 obj _ _
             4 is be AUX VBZ _ 5 cop _ _
             5 aim aim NOUN NN _ 0 root _ _",
            0,
        );
        assert_eq!(m, Mode::Intended);
    }

    #[test]
    fn an_infinitive_of_purpose_is_an_aim() {
        // extradite anyone accused of a crime to be prosecuted
        let m = mode_of(
            "1 extradite extradite VERB VB _ 0 root _ _
             2 anyone anyone PRON NN _ 1 obj _ _
             3 accused accuse VERB VBN _ 2 acl _ _
             4 of of ADP IN _ 5 case _ _
             5 crime crime NOUN NN _ 3 obl _ _
             6 to to PART TO _ 8 mark _ _
             7 be be AUX VB _ 8 aux:pass _ _
             8 prosecuted prosecute VERB VBN _ 3 advcl _ _",
            7,
        );
        assert_eq!(m, Mode::Intended);
        // ... with the infinitive hung on the crime: a passive infinitive
        // is no participle describing the noun.
        let m = mode_of(
            "1 extradite extradite VERB VB _ 0 root _ _
             2 anyone anyone PRON NN _ 1 obj _ _
             3 accused accuse VERB VBN _ 2 acl _ _
             4 of of ADP IN _ 5 case _ _
             5 crime crime NOUN NN _ 3 obl _ _
             6 to to PART TO _ 8 mark _ _
             7 be be AUX VB _ 8 aux:pass _ _
             8 prosecuted prosecute VERB VBN _ 5 acl _ _",
            7,
        );
        assert_eq!(m, Mode::Intended);
    }

    #[test]
    fn an_infinitive_a_noun_is_for_is_an_aim() {
        // a zone to repatriate refugees
        let m = mode_of(
            "1 a a DET DT _ 2 det _ _
             2 zone zone NOUN NN _ 0 root _ _
             3 to to PART TO _ 4 mark _ _
             4 repatriate repatriate VERB VB _ 2 acl _ _
             5 refugees refugee NOUN NNS _ 4 obj _ _",
            3,
        );
        assert_eq!(m, Mode::Intended);
    }

    #[test]
    fn a_participle_describing_a_noun_keeps_its_own_mode() {
        // They demand the release of those arrested
        let m = mode_of(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 demand demand VERB VBP _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 release release NOUN NN _ 2 obj _ _
             5 of of ADP IN _ 6 case _ _
             6 those those PRON DT _ 4 nmod _ _
             7 arrested arrest VERB VBN _ 6 acl _ _",
            6,
        );
        assert_eq!(m, Mode::Asserted);
    }
}
