//! Actor phrases: from a head word in the parse to the phrase around it, its
//! CAMEO-style code, and the number attached to it.
//!
//! A code combines what the phrase names: a country, group or organisation
//! from the actor dictionary and a role from the agent dictionary
//! ("Egyptian" + "intelligence personnel" → `EGYSPY`). Groups and
//! organisations carry their own code (`PSEREBHMS`). Civilians keep the bare
//! country code with sector `CVL`, as in the design's record.

use crate::dict::actors::FormKind;
use crate::dict::{ActorLookup, AgentLookup};
use crate::event::{ActorRef, Quantity};
use crate::tree::{rel_is, Tree};

/// Relations that leave the phrase: clauses, coordination, punctuation and
/// the phrase's own preposition.
const STOP: &[&str] =
    &["acl", "advcl", "conj", "cc", "punct", "parataxis", "dep", "ccomp", "xcomp", "list", "case", "appos"];
/// Prepositions whose phrases stay inside an actor phrase ("a source in
/// Hamas", "officials from Egypt", "the army of Syria").
const KEEP_PREP: &[&str] = &["of", "in", "from", "at", "for"];
/// Nouns of complex prepositions ("in exchange for", "in return for"),
/// which start a new phrase rather than describe the actor.
const PREP_NOUNS: &[&str] =
    &["exchange", "return", "response", "addition", "light", "order", "spite", "favor", "favour"];

/// An actor phrase in a sentence.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// The token the argument was found at (the phrase's syntactic head).
    pub root: usize,
    /// The noun the phrase is about ("detainees" in "49 of the detainees").
    pub head: usize,
    /// The phrase's tokens, in text order.
    pub tokens: Vec<usize>,
    /// A number counting the head, with its value.
    pub count: Option<f64>,
}

/// The phrase headed by `head`. "49 of the detainees" is parsed with the
/// number as head; the phrase is then about the detainees, 49 of them.
pub fn phrase(t: &Tree, head: usize) -> Phrase {
    let mut noun = head;
    let mut count = None;
    if t.tok(head).upos == "NUM" {
        if let Some(n) = t.kids(head, "nmod").find(|&n| t.case_of(n).as_deref() == Some("of")) {
            noun = n;
            count = number_value(t, head);
        }
    }
    let mut tokens = t.subtree(head, STOP);
    // Drop modifiers that are not part of the actor: "officials during
    // visits to Cairo", "prisoners in exchange for ...".
    let mut drop = Vec::new();
    for &i in &tokens {
        if i != head && rel_is(t.rel(i), "nmod") && !rel_is(t.rel(i), "nmod:poss") {
            let case = t.case_of(i).unwrap_or_default();
            if !KEEP_PREP.contains(&case.as_str()) || PREP_NOUNS.contains(&t.lemma(i).to_lowercase().as_str()) {
                drop.extend(t.subtree(i, &[]));
            }
        }
    }
    tokens.retain(|i| !drop.contains(i));
    if count.is_none() {
        count = t.kids(noun, "nummod").find_map(|n| number_value(t, n));
    }
    Phrase { root: head, head: noun, tokens, count }
}

/// The value of the number covering token `i`, from the text layer.
fn number_value(t: &Tree, i: usize) -> Option<f64> {
    t.doc.numbers.iter().find(|n| n.tokens.contains(&i)).map(|n| n.value)
}

/// A resolved actor phrase.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub actor: ActorRef,
    pub quantity: Option<Quantity>,
    /// True when the phrase is a group's own name or generic reference
    /// ("Hamas", "the movement"), used for coreference.
    pub is_group: bool,
    pub explain: Vec<String>,
}

/// Resolves a phrase against the dictionaries. Determiners and numbers at
/// the edges are kept in the span: the span is the phrase as written.
/// `date` (ISO) picks the code in force when the actor's code changed
/// over time (the Taliban before and after August 2021).
pub fn resolve(
    t: &Tree,
    p: &Phrase,
    actors: &dyn ActorLookup,
    agents: &dyn AgentLookup,
    date: Option<&str>,
) -> Resolved {
    let toks = &p.tokens;
    let forms: Vec<&str> = toks.iter().map(|&i| t.tok(i).form.as_str()).collect();
    let lemmas: Vec<String> = toks.iter().map(|&i| t.tok(i).lemma.to_lowercase()).collect();
    let lemma_refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
    // Roles come from the head's own words: in "the Israeli version of the
    // fate of its soldiers" the soldiers are not who speaks.
    let nested: Vec<usize> =
        t.kids(p.head, "nmod").filter(|&n| !rel_is(t.rel(n), "nmod:poss")).flat_map(|n| t.subtree(n, &[])).collect();
    let mut explain = Vec::new();
    let mut actor = None;
    let mut agent: Option<String> = None;
    let mut k = 0;
    while k < forms.len() {
        // Outside every dated period of a name ("Assad" before 2000), the
        // latest entry still gives the right country.
        let found =
            actors.find_actor(&forms, k, date).or_else(|| date.and_then(|_| actors.find_actor(&forms, k, None)));
        if let Some((end, a, kind)) = found {
            // The first named actor wins; an adjective yields to a name
            // ("Egyptian Hamas officials" is Hamas, seen from Egypt).
            let better = match &actor {
                None => true,
                Some((_, FormKind::Adjective)) => kind != FormKind::Adjective,
                Some(_) => false,
            };
            if better {
                explain.push(format!("actor {:?} → {} ({})", forms[k..end].join(" "), a.code, a.name));
                actor = Some((a, kind));
            }
            k = end;
            continue;
        }
        if nested.contains(&toks[k]) {
            k += 1;
            continue;
        }
        if let Some((end, code)) = agents.find_agent(&lemma_refs, k) {
            // The role nearest the head wins: in "intelligence personnel",
            // the longest match covers both words.
            explain.push(format!("agent {:?} → {code}", lemmas[k..end].join(" ")));
            agent = Some(code.to_string());
            k = end;
            continue;
        }
        k += 1;
    }
    let start = t.tok(toks[0]).start;
    let end = t.tok(*toks.last().unwrap()).end;
    let text = t.doc.text[start..end].to_string();
    let (code, name, country, sector, is_group) = match actor {
        Some((a, kind)) => {
            let country = a.country.clone();
            let own_role = a.code.len() > 3;
            let sector = match (&agent, kind) {
                (Some(ag), _) => Some(ag.clone()),
                (None, FormKind::People) => Some("CVL".to_string()),
                (None, FormKind::Capital) => Some("GOV".to_string()),
                _ if own_role => Some(a.code[3..6.min(a.code.len())].to_string()),
                _ => None,
            };
            let code = if own_role {
                a.code.clone()
            } else {
                match sector.as_deref() {
                    Some("CVL") | None => a.code.clone(),
                    Some(s) => format!("{}{s}", a.code),
                }
            };
            (Some(code), Some(a.name.clone()), country, sector, own_role && agent.is_none())
        }
        None => match &agent {
            Some(ag) => (Some(ag.clone()), None, None, Some(ag.clone()), false),
            None => (None, None, None, None, false),
        },
    };
    let head = t.tok(p.head);
    let quantity = p.count.map(|value| Quantity { value, unit: head.form.to_lowercase() });
    Resolved { actor: ActorRef { text, start, end, code, name, country, sector }, quantity, is_group, explain }
}
