//! Actors: from a head word in the parse to a CAMEO-style actor.
//!
//! A code combines what the phrase names: a country, group or organisation
//! from the actor dictionary and a role from the agent dictionary
//! ("Egyptian" + "intelligence personnel" → `EGYSPY`). Groups and
//! organisations carry their own code (`PSEREBHMS`). Civilians keep the bare
//! country code with sector `CVL`, as in the design's record.
//!
//! [`Resolver::local`] reads the phrase alone, with its apposition
//! ("Dedi Prasetyo, a spokesperson for the Indonesian National Police");
//! the discourse stage adds what earlier sentences said (a surname, a
//! pronoun, "the group"); [`admit`] decides whether the phrase is an actor
//! at all; [`country`] gives a role its country.

pub mod admit;
pub mod country;
pub mod phrase;

use crate::cues::{self, List};
use crate::dict::actors::FormKind;
use crate::dict::{ActorLookup, AgentLookup};
use crate::event::{ActorRef, Quantity};
use crate::tree::{rel_is, Tree};
pub use phrase::{phrase, Phrase};

/// What kind of thing a phrase names, for coreference and admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country, state organ, organisation, group or region of the actor
    /// dictionary.
    Named,
    /// A person: a person of the dictionary, a personal name, or a role
    /// held by one person ("the minister").
    Person,
    /// An organisation the dictionaries do not know ("Mahan Air").
    Organisation,
    /// A bare role ("police", "protesters").
    Role,
    /// A pronoun.
    Pronoun,
    /// Anything else.
    Other,
}

/// A resolved actor phrase.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub actor: ActorRef,
    pub quantity: Option<Quantity>,
    pub kind: Kind,
    /// The phrase names several ("protesters", "they").
    pub plural: bool,
    /// The phrase is a group's own name ("Hamas"), for "the group".
    pub is_group: bool,
    /// The dictionary line's type and how the phrase named it, when a
    /// dictionary actor was found.
    pub dict_kind: Option<crate::dict::actors::ActorKind>,
    pub form: Option<FormKind>,
    /// The actor is named only by a modifier of a head that is no actor
    /// ("European Union flags"): the phrase is a thing of that actor's.
    pub modifier_only: bool,
    pub phrase: Phrase,
    pub explain: Vec<String>,
}

/// The dictionaries an actor is resolved with, and the date that picks the
/// code in force (the Taliban before and after August 2021).
pub struct Resolver<'a> {
    pub actors: &'a dyn ActorLookup,
    pub agents: &'a dyn AgentLookup,
    pub date: Option<&'a str>,
}

/// The predicate nominals of `h`'s descriptive relative clauses, which
/// say who `h` is as an apposition does: "Brett McGurk, who was Trump's
/// envoy to the coalition" (a relative word as the subject, a copula).
fn described<'t>(t: &'t Tree, h: usize) -> impl Iterator<Item = usize> + 't {
    t.kids(h, "acl").filter(move |&a| {
        t.rel(a) == "acl:relcl"
            && matches!(t.tok(a).upos.as_str(), "NOUN" | "PROPN")
            && t.kids(a, "cop").next().is_some()
            && t.kids(a, "nsubj").any(|s| matches!(t.lemma(s).to_lowercase().as_str(), "who" | "which" | "that"))
    })
}

impl Resolver<'_> {
    /// The actor at head `h` from its own words, or its apposition's when
    /// it names no known actor ("Human rights watchdog Amnesty
    /// International", "Qatar's emir, Sheikh Hamad"), or a descriptive
    /// relative clause's ("McGurk, who was Trump's envoy").
    pub fn local(&self, t: &Tree, h: usize) -> Resolved {
        let mut r = self.resolve(t, &phrase(t, h));
        // "Nancy Pelosi, the Speaker of the House": a person known only by
        // country takes the office an apposition gives her.
        let bare_person = r.kind == Kind::Person && r.actor.code.is_some() && r.actor.sector.is_none();
        if r.actor.code.is_none() || r.actor.country.is_none() && r.kind == Kind::Role || bare_person {
            for a in t.kids(h, "appos").chain(t.kids(h, "flat")).chain(described(t, h)) {
                let ra = self.resolve(t, &phrase(t, a));
                // A place beside a phrase says where, not who: "prisoners
                // held in the capital, Niamey".
                let place = ra.form == Some(FormKind::Capital)
                    || t.doc
                        .entities
                        .iter()
                        .any(|e| e.label == annals_text::EntityLabel::Location && e.tokens.contains(&a));
                let better = !place
                    && ra.actor.code.is_some()
                    && (r.actor.code.is_none()
                        || ra.actor.country.is_some()
                        || ra.actor.code.as_ref().is_some_and(|c| c.len() > 3));
                let office = ra.actor.sector.is_some() && ra.actor.country == r.actor.country;
                if better && (!bare_person || office) {
                    r.actor.code = ra.actor.code;
                    r.actor.name = ra.actor.name;
                    r.actor.country = ra.actor.country;
                    r.actor.sector = ra.actor.sector;
                    if r.kind != Kind::Person {
                        r.kind = ra.kind;
                    }
                    r.explain.extend(ra.explain);
                    r.explain.push(format!("apposition {:?}", t.tok(a).form));
                    break;
                }
            }
        }
        r
    }

    /// Resolves a phrase against the dictionaries. The span is the phrase
    /// as written, determiners and numbers included.
    pub fn resolve(&self, t: &Tree, p: &Phrase) -> Resolved {
        let toks = &p.tokens;
        // A hashtag names what it tags: "#US blockade" is the US's.
        let (forms, norms): (Vec<&str>, Vec<&str>) = toks
            .iter()
            .map(|&i| {
                let tok = t.tok(i);
                match tok.form.strip_prefix('#').filter(|rest| rest.starts_with(char::is_alphabetic)) {
                    // Folding keeps the '#'.
                    Some(rest) => (rest, tok.norm.strip_prefix('#').unwrap_or(&tok.norm)),
                    None => (tok.form.as_str(), tok.norm.as_str()),
                }
            })
            .unzip();
        let lemmas: Vec<String> = toks.iter().map(|&i| t.tok(i).lemma.to_lowercase()).collect();
        // Roles match on lemmas, keeping a written capital where the word is
        // its own lemma: "the House" is a legislature, "a house" no role.
        let role_words: Vec<String> = toks
            .iter()
            .zip(&lemmas)
            .map(|(&i, l)| {
                let form = &t.tok(i).form;
                if form.to_lowercase() == *l {
                    form.clone()
                } else {
                    l.clone()
                }
            })
            .collect();
        let role_refs: Vec<&str> = role_words.iter().map(String::as_str).collect();
        // Roles come from the head's own words: in "the Israeli version of
        // the fate of its soldiers" the soldiers are not who speaks.
        // A role inside them counts only for a head that carries another's
        // role ("a spokesperson for the police").
        let nested: Vec<usize> = t
            .kids(p.head, "nmod")
            .filter(|&n| !rel_is(t.rel(n), "nmod:poss") && !rel_is(t.rel(n), "nmod:desc"))
            .flat_map(|n| t.subtree(n, &[]))
            .collect();
        let mut explain = Vec::new();
        let mut actor = None;
        let mut actor_span = 0..0;
        // Roles found: (first token index in the phrase, end, code, nested).
        let mut roles: Vec<(usize, usize, String, bool)> = Vec::new();
        let mut k = 0;
        while k < forms.len() {
            // Outside every dated period of a name ("Assad" before 2000),
            // the latest entry still gives the right country.
            let found = self
                .actors
                .find_actor(&forms, &norms, k, self.date)
                .or_else(|| self.date.and_then(|_| self.actors.find_actor(&forms, &norms, k, None)));
            // A region's adjective opening a longer name is part of that
            // name: "the Western Mindanao Command", "Southern Transitional
            // Council" are not the West or the South.
            let found = found.filter(|(end, a, kind)| {
                let in_name = *kind == FormKind::Adjective
                    && a.kind == crate::dict::actors::ActorKind::Region
                    && toks.get(*end).is_some_and(|&n| t.tok(n).upos == "PROPN");
                !in_name
            });
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
                    actor_span = k..end;
                }
                k = end;
                continue;
            }
            // A name's modifier ("National" in "the National Police") is
            // not a role of its own.
            let name_part = |i: usize| {
                let tok = t.tok(i);
                (tok.upos == "PROPN" || tok.upos == "ADJ")
                    && (rel_is(&tok.deprel, "compound") || rel_is(&tok.deprel, "amod") || rel_is(&tok.deprel, "flat"))
            };
            // A role word ending the phrase is its kind even inside a name:
            // "Thames Valley Police", "the Metropolitan Police".
            let last = k + 1 == forms.len();
            if let Some((end, code)) =
                self.agents.find_agent(&role_refs, k).filter(|(end, _)| *end > k + 1 || last || !name_part(toks[k]))
            {
                explain.push(format!("agent {:?} → {code}", lemmas[k..end].join(" ")));
                roles.push((k, end, code.to_string(), nested.contains(&toks[k])));
                k = end;
                continue;
            }
            k += 1;
        }
        let head_at = toks.iter().position(|&i| i == p.head);
        let person_head = person_name(t, p.head);
        let agent = pick_role(&roles, &lemmas, head_at, person_head);
        let head_has_role = head_at.is_some_and(|h| roles.iter().any(|(a, b, _, _)| (*a..*b).contains(&h)));
        let stand_in = cues::has(List::StandIn, &t.lemma(p.head).to_lowercase());
        // Only a modifier before the head counts here: "a source in Hamas"
        // names its affiliation, "European Union flags" a thing.
        let premodifier = actor_span.clone().all(|k| toks[k] < p.head && !nested.contains(&toks[k]));
        let modifier_only = actor.is_some()
            && premodifier
            && head_at.is_some_and(|h| !actor_span.contains(&h))
            && !head_has_role
            && !stand_in
            && !matches!(t.tok(p.head).upos.as_str(), "PROPN" | "PRON" | "NUM")
            && !person_head;
        // "a car bomb in Mogadishu": a capital named only in a locative
        // phrase of a head that is no actor says where, not who (a
        // country there may still give a role its country: "forces in
        // east Bosnia").
        let located = actor.as_ref().is_some_and(|(_, form)| *form == FormKind::Capital)
            && !actor_span.is_empty()
            && actor_span.clone().all(|k| nested.contains(&toks[k]))
            && t.kids(p.head, "nmod").any(|n| {
                t.subtree(n, &[]).contains(&toks[actor_span.start])
                    && t.case_of(n).is_some_and(|c| cues::has(List::Locative, &c))
            })
            && !head_has_role
            && !stand_in
            && t.tok(p.head).upos == "NOUN"
            && !person_head;
        // "a press conference", "press freedom": a role word
        // modifying an occasion names no one.
        let head_lemma = t.lemma(p.head).to_lowercase();
        let thing = cues::has(List::Occasion, &head_lemma);
        let role_on_thing = actor.is_none()
            && !roles.is_empty()
            && !head_has_role
            && thing
            && t.tok(p.head).upos == "NOUN"
            && roles.iter().all(|(_, b, _, _)| {
                // a modifier ("press"), not a possessor ("the prime minister's office")
                let last = toks[*b - 1];
                last < p.head && (rel_is(t.rel(last), "compound") || rel_is(t.rel(last), "amod"))
            })
            && !person_head;
        let modifier_only = modifier_only || located || role_on_thing;
        let start = t.tok(toks[0]).start;
        let end = t.tok(*toks.last().unwrap()).end;
        let text = t.doc.text[start..end].to_string();
        let head = t.tok(p.head);
        let person_name =
            t.doc.entities.iter().any(|e| e.label == annals_text::EntityLabel::Person && e.tokens.contains(&p.head));
        let plural = matches!(head.xpos.as_str(), "NNS" | "NNPS")
            || matches!(
                head.lemma.to_lowercase().as_str(),
                "they" | "them" | "we" | "us" | "their" | "our" | "people" | "police"
            );
        let dict_kind = actor.as_ref().map(|(a, _)| a.kind);
        let form = actor.as_ref().map(|(_, f)| *f);
        let (code, name, country, sector, is_group, kind) = match actor {
            Some((a, fk)) => {
                let country = a.country.clone();
                let own_role = a.code.len() > 3;
                let sector = match (&agent, fk) {
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
                let person = a.kind == crate::dict::actors::ActorKind::Person || person_name;
                let kind = if person {
                    Kind::Person
                } else if agent.is_some() && fk == FormKind::Adjective {
                    Kind::Role
                } else {
                    Kind::Named
                };
                (Some(code), Some(a.name.clone()), country, sector, own_role && agent.is_none(), kind)
            }
            None => {
                let kind = if person_name {
                    Kind::Person
                } else if head.upos == "PRON" {
                    Kind::Pronoun
                } else if agent.is_some() {
                    Kind::Role
                } else if t
                    .doc
                    .entities
                    .iter()
                    .any(|e| e.label == annals_text::EntityLabel::Organization && e.tokens.contains(&p.head))
                {
                    Kind::Organisation
                } else {
                    Kind::Other
                };
                match &agent {
                    Some(ag) => (Some(ag.clone()), None, None, Some(ag.clone()), false, kind),
                    None => (None, None, None, None, false, kind),
                }
            }
        };
        // One person holding a role ("the minister", "its spokesman").
        // So is one named by an organisation's name ("a State Department
        // spokesperson", "the Hamas leader"): "he" later.
        let role_head = kind == Kind::Role || (kind == Kind::Named && agent.is_some());
        let kind = if role_head && !plural && is_person_role(&lemmas, head_at) { Kind::Person } else { kind };
        let quantity = p.count.map(|value| Quantity { value, unit: head.form.to_lowercase() });
        Resolved {
            actor: ActorRef { text, start, end, code, name, country, sector },
            quantity,
            kind,
            plural,
            is_group,
            dict_kind,
            form,
            modifier_only,
            phrase: p.clone(),
            explain,
        }
    }
}

/// The role a phrase's roles give: the one on its head, unless that only
/// carries another's ("police spokesman" is the police's), else the one
/// nearest before the head.
fn pick_role(
    roles: &[(usize, usize, String, bool)],
    lemmas: &[String],
    head_at: Option<usize>,
    person_head: bool,
) -> Option<String> {
    let on_head = head_at.and_then(|h| roles.iter().find(|(a, b, _, _)| (*a..*b).contains(&h)));
    match on_head {
        Some((a, b, code, _)) => {
            let words = lemmas[*a..*b].join(" ");
            if cues::has(List::CarrierRole, &words) || cues::has(List::CarrierRole, lemmas[*b - 1].as_str()) {
                // The nearest other role, after the head ("spokesperson for
                // the police") or before it ("police spokesman").
                let h = head_at.unwrap_or(0);
                roles
                    .iter()
                    .filter(|(x, _, _, _)| x != a)
                    .min_by_key(|(x, _, _, _)| x.abs_diff(h))
                    .map(|(_, _, c, _)| c.clone())
                    .or_else(|| Some(code.clone()))
            } else {
                Some(code.clone())
            }
        }
        // A person's name takes the role of what the phrase says they are
        // part of: "Arnel dela Vega of the army".
        None => roles
            .iter()
            .rev()
            .find(|(_, _, _, nested)| !nested)
            .or_else(|| person_head.then(|| roles.first()).flatten())
            .map(|(_, _, c, _)| c.clone()),
    }
}

/// Whether `h` is a personal name: a person entity, or a proper noun that
/// the recogniser gave no other type and no dictionary knows as a place or
/// organisation ("Arnel dela Vega" when the recogniser missed him).
pub fn person_name(t: &Tree, h: usize) -> bool {
    let ents: Vec<_> = t.doc.entities.iter().filter(|e| e.tokens.contains(&h)).collect();
    if ents.iter().any(|e| e.label == annals_text::EntityLabel::Person) {
        return true;
    }
    let tok = t.tok(h);
    let capitalised = tok.form.chars().next().is_some_and(char::is_uppercase);
    // Two or more capitalised words in a row, none a known kind: a name.
    let name_words = t
        .children(h)
        .iter()
        .filter(|&&c| rel_is(t.rel(c), "flat") && t.tok(c).form.chars().next().is_some_and(char::is_uppercase))
        .count();
    ents.is_empty() && tok.upos == "PROPN" && capitalised && name_words > 0
}

/// Whether the head's role is held by one person ("minister", "spokesman",
/// "judge"), as opposed to a body ("police", "government", "army").
fn is_person_role(lemmas: &[String], head_at: Option<usize>) -> bool {
    let Some(h) = head_at else { return false };
    const BODIES: &[&str] = &[
        "government",
        "police",
        "army",
        "military",
        "ministry",
        "court",
        "parliament",
        "authority",
        "administration",
        "regime",
        "force",
        "council",
        "committee",
        "agency",
        "media",
        "company",
        "party",
        "opposition",
        "group",
        "militia",
        "cabinet",
        "senate",
        "congress",
        "assembly",
        "embassy",
        "service",
        "public",
        "community",
        "population",
        "crowd",
        "family",
        "network",
        "alliance",
        "coalition",
        "union",
        "department",
        "office",
    ];
    !BODIES.contains(&lemmas[h].as_str())
}

/// Whether relation `rel` of a head makes it a person's name with a title
/// before it ("security minister Wiranto": the title is `nmod:desc`).
pub fn is_title(rel: &str) -> bool {
    rel_is(rel, "nmod:desc") || rel == "compound"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::actors::ActorDict;
    use crate::dict::agents::AgentDict;
    use crate::fixture::{doc, spaced};

    fn resolver() -> Resolver<'static> {
        Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: Some("2019-10-11") }
    }

    #[test]
    fn a_role_word_ending_a_name_is_its_kind() {
        // Thames Valley Police
        let d = doc(&spaced(
            "1 Thames Thames PROPN NNP _ 2 compound _ NER=B-LOC
             2 Valley Valley PROPN NNP _ 0 root _ NER=I-LOC
             3 Police Police PROPN NNP _ 2 flat _ _",
        ));
        let r = resolver().local(&Tree::new(&d, 0), 1);
        assert_eq!(r.actor.code.as_deref(), Some("COP"), "{:?}", r.explain);
    }

    #[test]
    fn a_title_gives_a_name_its_country_and_role() {
        // Indonesia's security minister Wiranto
        let d = doc(&spaced(
            "1 Indonesia Indonesia PROPN NNP _ 4 nmod:poss _ NER=B-LOC
             2 's 's PART POS _ 1 case _ _
             3 security security NOUN NN _ 4 compound _ _
             4 minister minister NOUN NN _ 5 nmod:desc _ _
             5 Wiranto Wiranto PROPN NNP _ 0 root _ NER=B-PER",
        ));
        let r = resolver().local(&Tree::new(&d, 0), 4);
        assert_eq!(r.actor.code.as_deref(), Some("IDNGOV"), "{:?}", r.explain);
        assert_eq!(r.kind, Kind::Person);
    }

    #[test]
    fn an_apposition_names_the_unknown_and_a_spokesman_speaks_for_his_body() {
        // Dedi Prasetyo, a spokesperson for the Indonesian National Police,
        let d = doc(&spaced(
            "1 Dedi Dedi PROPN NNP _ 0 root _ NER=B-PER
             2 Prasetyo Prasetyo PROPN NNP _ 1 flat _ NER=I-PER
             3 , , PUNCT , _ 5 punct _ _
             4 a a DET DT _ 5 det _ _
             5 spokesperson spokesperson NOUN NN _ 1 appos _ _
             6 for for ADP IN _ 10 case _ _
             7 the the DET DT _ 10 det _ _
             8 Indonesian Indonesian ADJ JJ _ 10 amod _ _
             9 National National PROPN NNP _ 10 compound _ _
             10 Police police NOUN NN _ 5 nmod _ _",
        ));
        let r = resolver().local(&Tree::new(&d, 0), 0);
        assert_eq!(r.actor.code.as_deref(), Some("IDNCOP"), "{:?}", r.explain);
        assert_eq!(r.kind, Kind::Person);
        assert_eq!(r.actor.text, "Dedi Prasetyo");
    }

    #[test]
    fn a_descriptive_relative_clause_names_the_unknown() {
        // Dedi Prasetyo , who is a spokesperson for the Indonesian National Police
        let d = doc(&spaced(
            "1 Dedi Dedi PROPN NNP _ 0 root _ NER=B-PER
             2 Prasetyo Prasetyo PROPN NNP _ 1 flat _ NER=I-PER
             3 , , PUNCT , _ 7 punct _ _
             4 who who PRON WP _ 7 nsubj _ _
             5 is be AUX VBZ _ 7 cop _ _
             6 a a DET DT _ 7 det _ _
             7 spokesperson spokesperson NOUN NN _ 1 acl:relcl _ _
             8 for for ADP IN _ 12 case _ _
             9 the the DET DT _ 12 det _ _
             10 Indonesian Indonesian ADJ JJ _ 12 amod _ _
             11 National National PROPN NNP _ 12 compound _ _
             12 Police police NOUN NN _ 7 nmod _ _",
        ));
        let r = resolver().local(&Tree::new(&d, 0), 0);
        assert_eq!(r.actor.code.as_deref(), Some("IDNCOP"), "{:?}", r.explain);
        // A relative clause of action says what the person did, not who
        // they are: "Prasetyo, who met the Indonesian National Police".
        let d = doc(&spaced(
            "1 Dedi Dedi PROPN NNP _ 0 root _ NER=B-PER
             2 Prasetyo Prasetyo PROPN NNP _ 1 flat _ NER=I-PER
             3 , , PUNCT , _ 5 punct _ _
             4 who who PRON WP _ 5 nsubj _ _
             5 met meet VERB VBD _ 1 acl:relcl _ _
             6 the the DET DT _ 9 det _ _
             7 Indonesian Indonesian ADJ JJ _ 9 amod _ _
             8 National National PROPN NNP _ 9 compound _ _
             9 Police police NOUN NN _ 5 obj _ _",
        ));
        assert_eq!(resolver().local(&Tree::new(&d, 0), 0).actor.code, None);
    }

    #[test]
    fn a_police_spokesman_and_a_government_spokesman() {
        let d = doc(&spaced(
            "1 police police NOUN NN _ 2 compound _ _
             2 spokesman spokesman NOUN NN _ 0 root _ _

             1 government government NOUN NN _ 2 compound _ _
             2 spokesman spokesman NOUN NN _ 0 root _ _",
        ));
        assert_eq!(resolver().local(&Tree::new(&d, 0), 1).actor.code.as_deref(), Some("COP"));
        assert_eq!(resolver().local(&Tree::new(&d, 1), 3).actor.code.as_deref(), Some("GOV"));
    }
}
