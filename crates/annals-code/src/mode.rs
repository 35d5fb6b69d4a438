//! Mode: did the event happen, as the text tells it?
//!
//! The field's coders take "discussed a deal that included the release of
//! 600 prisoners" as a release. Here the trigger's own modifiers are read
//! first (negation, modal auxiliaries, a conditional clause), then the words
//! that govern it, nearest first: a proposal word ("discussed", "proposed")
//! makes it `proposed`, a request ("asked Israel to release") `requested`,
//! an intention ("is ready to", "vowed to") `intended` (an attempt, "tried
//! to hack", is an act and stays asserted), a refusal or a
//! negated governor ("does not want to offer") `negated`. A word of
//! realisation ("implemented a deal in which ... released") hands over to
//! its own mode: what was carried out happened, what was only discussed
//! being carried out did not. Reporting verbs are attribution, not
//! mode, and are walked through.

use crate::event::Mode;
use crate::tree::{rel_is, Tree};

const PROPOSE: &[&str] = &[
    "discuss",
    "propose",
    "proposal",
    "suggest",
    "consider",
    "negotiate",
    "negotiation",
    "talk",
    "debate",
    "mull",
    "weigh",
    "explore",
    "study",
    "draft",
    "plan",
    "offer",
    "idea",
    "initiative",
    "framework",
];
const REQUEST: &[&str] =
    &["ask", "urge", "call", "demand", "request", "appeal", "press", "push", "plead", "petition", "pressure"];
const INTEND: &[&str] = &[
    "ready",
    "willing",
    "prepared",
    "intend",
    "vow",
    "pledge",
    "promise",
    "seek",
    "aim",
    "hope",
    "expect",
    "threaten",
    "agree",
    "decide",
    "determined",
    "plan",
    "mean",
    "set",
    "poised",
    "able",
    "eager",
    "want",
    "wish",
];
const REALISE: &[&str] = &["implement", "carry", "conclude", "complete", "execute", "finalize", "finalise", "sign"];
const REFUSE: &[&str] = &["refuse", "reject", "decline", "deny", "fail", "cancel", "abandon", "halt", "stop"];
const REPORT: &[&str] = &[
    "say",
    "tell",
    "add",
    "note",
    "claim",
    "report",
    "state",
    "announce",
    "confirm",
    "stress",
    "insist",
    "explain",
    "believe",
    "allege",
    "argue",
    "write",
    "assert",
    "maintain",
    "acknowledge",
    "reveal",
    "indicate",
    "accord",
];

/// Whether token `i` carries its own negation ("did not", "never", "no").
pub fn negated(t: &Tree, i: usize) -> bool {
    t.children(i).iter().any(|&c| {
        let l = t.lemma(c).to_lowercase();
        (rel_is(t.rel(c), "advmod") && matches!(l.as_str(), "not" | "never" | "n't"))
            || (rel_is(t.rel(c), "det") && l == "no")
            || (rel_is(t.rel(c), "advmod")
                && l == "longer"
                && t.children(c).iter().any(|&g| t.lemma(g).eq_ignore_ascii_case("no")))
    })
}

fn modal(t: &Tree, i: usize) -> Option<Mode> {
    for c in t.kids(i, "aux") {
        match t.lemma(c).to_lowercase().as_str() {
            "will" | "shall" => return Some(Mode::Future),
            "must" | "should" => return Some(Mode::Requested),
            "would" | "could" | "might" | "may" => return Some(Mode::Hypothetical),
            _ => {}
        }
    }
    None
}

/// Whether the trigger is what someone will do "unless" something happens:
/// a threat ("will boycott the elections unless the president resigns").
pub fn ultimatum(t: &Tree, i: usize) -> bool {
    has_aux(t, i, FUTURE)
        && t.kids(i, "advcl").any(|c| t.kids(c, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("unless")))
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
        && t.head(i)
            .is_some_and(|h| REFUSE.contains(&t.lemma(h).to_lowercase().as_str()) || (negated(t, h) && future(h)))
}

/// Whether the trigger is what someone "must" or "should" do: a demand by
/// whoever says so.
pub fn obliged(t: &Tree, i: usize) -> bool {
    has_aux(t, i, &["must", "should"])
}

const FUTURE: &[&str] = &["will", "would", "shall"];

/// Whether `i` has an auxiliary among `lemmas` (lower case).
fn has_aux(t: &Tree, i: usize, lemmas: &[&str]) -> bool {
    t.kids(i, "aux").any(|c| lemmas.contains(&t.lemma(c).to_lowercase().as_str()))
}

fn conditional(t: &Tree, i: usize) -> bool {
    let marked_if =
        |c: usize| t.kids(c, "mark").any(|m| matches!(t.lemma(m).to_lowercase().as_str(), "if" | "unless" | "whether"));
    // The trigger is in an "if" clause, or is the consequence of one.
    (rel_is(t.rel(i), "advcl") && marked_if(i)) || t.kids(i, "advcl").any(marked_if)
}

/// The mode of the event triggered by `trigger`, with a note of the word
/// that decided it.
pub fn mode(t: &Tree, trigger: usize) -> (Mode, Option<String>) {
    if negated(t, trigger) {
        return (Mode::Negated, Some(format!("negation on {:?}", t.tok(trigger).form)));
    }
    if conditional(t, trigger) {
        return (Mode::Hypothetical, Some("conditional clause".into()));
    }
    if let Some(m) = modal(t, trigger) {
        // "said they would boycott": future in reported speech, not a
        // hypothetical (a condition was caught above).
        let reported =
            t.head(trigger).is_some_and(|h| is_report(&t.lemma(h).to_lowercase())) && rel_is(t.rel(trigger), "ccomp");
        let m = if m == Mode::Hypothetical && reported && has_aux(t, trigger, &["would"]) { Mode::Future } else { m };
        return (m, Some(format!("modal on {:?}", t.tok(trigger).form)));
    }
    let mut child = trigger;
    for a in t.ancestors(trigger) {
        let rel = t.rel(child);
        // A means ("through indirect negotiations") is told as happening,
        // whatever the goal it serves.
        if rel_is(rel, "obl") && matches!(t.case_of(child).as_deref(), Some("through" | "via")) {
            break;
        }
        let lemma = t.lemma(a).to_lowercase();
        let why = |what: &str| Some(format!("{what} {:?}", t.tok(a).form));
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
        if REPORT.contains(&lemma.as_str()) {
            if negated(t, a) && rel_is(rel, "ccomp") {
                return (Mode::Negated, why("negated report"));
            }
            child = a;
            continue;
        }
        if negated(t, a) && (rel_is(rel, "xcomp") || rel_is(rel, "ccomp") || rel_is(rel, "obj")) {
            return (Mode::Negated, why("negated governor"));
        }
        if conditional(t, a) {
            return (Mode::Hypothetical, why("conditional governor"));
        }
        // What was carried out happened, if the carrying out itself did:
        // "discussed implementing a deal" is still a proposal.
        if REALISE.contains(&lemma.as_str()) {
            return mode(t, a);
        }
        if REFUSE.contains(&lemma.as_str()) && (rel_is(rel, "xcomp") || rel_is(rel, "ccomp") || rel_is(rel, "obj")) {
            return (Mode::Negated, why("refusal"));
        }
        if REQUEST.contains(&lemma.as_str()) && (rel_is(rel, "xcomp") || rel_is(rel, "ccomp") || rel_is(rel, "obj")) {
            return (Mode::Requested, why("request"));
        }
        // A proposal noun governs its content ("talks on the release of"),
        // not a participle describing it ("talks hosted by Qatar").
        let content = t.tok(a).upos != "NOUN" || rel_is(rel, "nmod") || rel.ends_with("relcl");
        if PROPOSE.contains(&lemma.as_str()) && content {
            return (Mode::Proposed, why("proposal"));
        }
        if INTEND.contains(&lemma.as_str()) && (rel_is(rel, "xcomp") || rel_is(rel, "ccomp")) {
            return (Mode::Intended, why("intention"));
        }
        if let Some(m) = modal(t, a) {
            if rel_is(rel, "xcomp") || rel_is(rel, "ccomp") {
                return (m, why("modal governor"));
            }
        }
        child = a;
    }
    (Mode::Asserted, None)
}

/// Whether `lemma` reports speech or belief, which makes its subject the
/// source of what its complement says.
pub fn is_report(lemma: &str) -> bool {
    REPORT.contains(&lemma)
}
