//! Whether a phrase is an actor at all. Actor slots take only actors:
//! persons, groups, organisations, countries and their parts, people and
//! civilians; never time expressions ("Monday"), bare numbers ("27th"),
//! weapons, objects or event nouns ("rockets", "the airstrike").

use super::{Kind, Resolved};
use crate::cues::{self, List};
use crate::tree::{rel_is, Tree};

/// Whether `r`, found at head `h`, may fill an actor slot.
pub fn admit(t: &Tree, h: usize, r: &Resolved) -> bool {
    let head = r.phrase.head;
    if t.in_time(head) || t.in_time(h) {
        return false;
    }
    // "a US$1 million reward", "HK$500", "a one million US dollar reward":
    // a country prefixing a currency sign or naming a currency names money.
    let currency = |i: usize| {
        matches!(t.tok(i).form.as_str(), "$" | "€" | "£" | "¥")
            || (t.rel(head) == "compound" && cues::has(List::Currency, &t.lemma(i).to_lowercase()))
    };
    if t.head(head).is_some_and(currency) || (head + 1 < t.range.end && currency(head + 1) && !t.tok(head).space_after)
    {
        return false;
    }
    let lemma = t.lemma(head).to_lowercase();
    // "during Ben Ali's presidency", "under the Obama administration": a
    // term in office is a time.
    let time_frame = t.case_of(h).is_some_and(|c| matches!(c.as_str(), "during" | "under" | "since" | "throughout"));
    if time_frame && cues::has(List::Tenure, &lemma) {
        return false;
    }
    // "European Union flags" is a thing, not the EU.
    if r.modifier_only {
        return false;
    }
    // A place after a locative preposition is where, not who: "an airstrike
    // in Iraq", "airlifted to Berlin" (a capital is a metonym only as
    // subject, object or possessor).
    let capital = r.form == Some(crate::dict::actors::FormKind::Capital);
    // "a Kabul car bombing", "the Baghdad blast": a capital naming the
    // scene of an act says where it was (its government speaks as
    // subject or possessor: "Moscow's decision").
    if capital && rel_is(t.rel(h), "compound") && t.head(h).is_some_and(|g| t.tok(g).upos == "NOUN") {
        return false;
    }
    // "at a press conference", "press freedom": a bare role word
    // naming what an occasion is for is no party to it (a site keeps
    // its people: "attacked a police station" is done to the police).
    let on_thing = (rel_is(t.rel(h), "compound") || rel_is(t.rel(h), "amod"))
        && t.head(h).is_some_and(|g| {
            let l = t.lemma(g).to_lowercase();
            t.tok(g).upos == "NOUN" && cues::has(List::Occasion, &l)
        });
    if on_thing && r.actor.country.is_none() && r.dict_kind.is_none() && t.tok(h).upos == "NOUN" {
        return false;
    }
    if let Some(case) = t.case_of(h) {
        let place_name = r.dict_kind == Some(crate::dict::actors::ActorKind::Country) && r.actor.sector.is_none()
            || t.doc.entities.iter().any(|e| e.label == annals_text::EntityLabel::Location && e.tokens.contains(&head));
        let inside = matches!(
            case.as_str(),
            "in" | "at" | "near" | "inside" | "outside" | "across" | "throughout" | "within" | "around" | "into"
        );
        let motion = matches!(case.as_str(), "to" | "from" | "toward" | "towards");
        if (capital && (inside || motion)) || (place_name && inside) {
            return false;
        }
    }
    // "It was reported that ...", "it is believed ...": an "it" standing
    // for the clause that follows names no one.
    if expletive(t, head) {
        return false;
    }
    // "with the Gaza-run Islamic" (a name cut short): a phrase headed by an
    // adjective that no dictionary knows names no one.
    if t.tok(head).upos == "ADJ" && r.actor.code.is_none() && r.dict_kind.is_none() {
        return false;
    }
    if r.actor.code.is_some() {
        // A dictionary name can be hidden in a word that is no actor ("the
        // Monday meeting"); a code from a role or a name is trusted.
        return !cues::has(List::NotActor, &lemma) || r.actor.country.is_some();
    }
    match r.kind {
        Kind::Person | Kind::Organisation => true,
        Kind::Pronoun => cues::has(List::Pronoun, &lemma) || cues::has(List::FirstPerson, &lemma),
        Kind::Named | Kind::Role => true,
        Kind::Other => {
            let tok = t.tok(head);
            // An unknown name that is not a place: a likely actor.
            let place = t
                .doc
                .entities
                .iter()
                .any(|e| e.label == annals_text::EntityLabel::Location && e.tokens.contains(&head));
            tok.upos == "PROPN" && !place && !cues::has(List::NotActor, &lemma)
        }
    }
}

/// Whether `i` is the "it" of "It was reported (that) ...": the passive
/// subject of a reporting verb that has a clause of its own.
pub fn expletive(t: &Tree, i: usize) -> bool {
    let Some(v) = t.head(i) else { return false };
    t.tok(i).form.eq_ignore_ascii_case("it")
        && rel_is(t.rel(i), "nsubj:pass")
        && cues::has(List::Report, &t.lemma(v).to_lowercase())
        && t.has_kid_in(v, &["ccomp", "advcl", "csubj", "xcomp", "parataxis"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Resolver;
    use crate::dict::actors::ActorDict;
    use crate::dict::agents::AgentDict;
    use crate::fixture::{doc, spaced};

    #[test]
    fn times_objects_and_places_are_not_actors() {
        // On Monday police fired rockets at Mahan Air in Bam
        let d = doc(&spaced(
            "1 On on ADP IN _ 2 case _ _
             2 Monday Monday PROPN NNP _ 4 obl _ _
             3 police police NOUN NN _ 4 nsubj _ _
             4 fired fire VERB VBD _ 0 root _ _
             5 rockets rocket NOUN NNS _ 4 obj _ _
             6 at at ADP IN _ 7 case _ _
             7 Mahan Mahan PROPN NNP _ 4 obl _ NER=B-ORG
             8 Air Air PROPN NNP _ 7 flat _ NER=I-ORG
             9 in in ADP IN _ 10 case _ _
             10 Bam Bam PROPN NNP _ 4 obl _ NER=B-LOC",
        ));
        let t = Tree::new(&d, 0);
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        let ok = |h: usize| admit(&t, h, &r.local(&t, h));
        assert!(!ok(1), "a time");
        assert!(ok(2), "a role");
        assert!(!ok(4), "an object");
        assert!(ok(6), "an organisation");
        assert!(!ok(9), "a place");
    }

    #[test]
    fn a_capital_naming_the_scene_of_an_act_is_no_actor() {
        // a Kabul car bombing ; Kabul 's decision
        let d = doc(&spaced(
            "1 a a DET DT _ 4 det _ _
             2 Kabul Kabul PROPN NNP _ 4 compound _ NER=B-LOC
             3 car car NOUN NN _ 4 compound _ _
             4 bombing bombing NOUN NN _ 0 root _ _
             5 Kabul Kabul PROPN NNP _ 7 nmod:poss _ NER=B-LOC
             6 's 's PART POS _ 5 case _ _
             7 decision decision NOUN NN _ 4 dep _ _",
        ));
        let t = Tree::new(&d, 0);
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        assert_eq!(r.local(&t, 1).form, Some(crate::dict::actors::FormKind::Capital), "the dictionary knows Kabul");
        assert!(!admit(&t, 1, &r.local(&t, 1)), "the scene");
        assert!(admit(&t, 4, &r.local(&t, 4)), "the government deciding");
    }

    #[test]
    fn a_role_naming_an_occasion_is_no_actor() {
        // at a press conference ; attacked a police station
        let d = doc(&spaced(
            "1 at at ADP IN _ 4 case _ _
             2 a a DET DT _ 4 det _ _
             3 press press NOUN NN _ 4 compound _ _
             4 conference conference NOUN NN _ 0 root _ _
             5 attacked attack VERB VBD _ 4 dep _ _
             6 a a DET DT _ 8 det _ _
             7 police police NOUN NN _ 8 compound _ _
             8 station station NOUN NN _ 5 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        assert!(r.local(&t, 2).actor.code.is_some(), "the press is a role");
        assert!(!admit(&t, 2, &r.local(&t, 2)), "not at its conference");
        assert!(!admit(&t, 3, &r.local(&t, 3)), "nor is the conference");
        assert!(admit(&t, 6, &r.local(&t, 6)), "a site keeps its people");
    }

    #[test]
    fn a_name_cut_short_at_an_adjective_is_no_actor() {
        // talks with the Gaza-run Islamic ; talks with the Islamic State
        let d = doc(&spaced(
            "1 with with ADP IN _ 4 case _ _
             2 the the DET DT _ 4 det _ _
             3 Gaza-run Gaza-run PROPN NNP _ 4 compound _ NER=B-ORG
             4 Islamic Islamic ADJ JJ _ 0 root _ NER=I-ORG
             5 the the DET DT _ 7 det _ _
             6 Islamic Islamic PROPN NNP _ 7 compound _ NER=B-ORG
             7 State State PROPN NNP _ 4 conj _ NER=I-ORG",
        ));
        let t = Tree::new(&d, 0);
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        assert!(!admit(&t, 3, &r.local(&t, 3)));
        assert!(admit(&t, 6, &r.local(&t, 6)), "a name");
    }

    #[test]
    fn the_it_of_it_was_reported_is_no_one() {
        // It was reported Sirhan was stabbed ; It was attacked
        let d = doc(&spaced(
            "1 It it PRON PRP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 reported report VERB VBN _ 0 root _ _
             4 Sirhan Sirhan PROPN NNP _ 6 nsubj:pass _ _
             5 was be AUX VBD _ 6 aux:pass _ _
             6 stabbed stab VERB VBN _ 3 ccomp _ _
             7 it it PRON PRP _ 9 nsubj:pass _ _
             8 was be AUX VBD _ 9 aux:pass _ _
             9 attacked attack VERB VBN _ 3 parataxis _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(expletive(&t, 0));
        assert!(!expletive(&t, 6), "an it that was attacked");
    }

    #[test]
    fn a_term_in_office_is_a_time() {
        // banned during Ben Ali's presidency
        let d = doc(&spaced(
            "1 banned ban VERB VBN _ 0 root _ _
             2 during during ADP IN _ 6 case _ _
             3 Ben Ben PROPN NNP _ 6 nmod:poss _ NER=B-PER
             4 Ali Ali PROPN NNP _ 3 flat _ NER=I-PER
             5 's 's PART POS _ 3 case _ _
             6 presidency presidency NOUN NN _ 1 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        assert!(!admit(&t, 5, &r.local(&t, 5)));
    }

    #[test]
    fn a_country_naming_a_currency_is_no_actor() {
        // offered a US$ 1 million reward
        let d = doc(&spaced(
            "1 offered offer VERB VBD _ 0 root _ _
             2 a a DET DT _ 6 det _ _
             3 US US PROPN NNP _ 4 compound _ SpaceAfter=No
             4 $ $ SYM $ _ 6 compound _ _
             5 million million NUM CD _ 4 nummod _ _
             6 reward reward NOUN NN _ 1 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let r = Resolver { actors: ActorDict::embedded(), agents: AgentDict::embedded(), date: None };
        assert!(r.local(&t, 2).actor.code.is_some(), "the dictionary knows the US");
        assert!(!admit(&t, 2, &r.local(&t, 2)));
        // offered a one million US dollar reward (and US sanctions)
        let d = doc(&spaced(
            "1 offered offer VERB VBD _ 0 root _ _
             2 a a DET DT _ 6 det _ _
             3 million million NUM CD _ 5 nummod _ _
             4 US US PROPN NNP _ 5 compound _ _
             5 dollar dollar NOUN NN _ 6 compound _ _
             6 reward reward NOUN NN _ 1 obj _ _
             7 US US PROPN NNP _ 8 compound _ _
             8 sanctions sanction NOUN NNS _ 1 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(!admit(&t, 3, &r.local(&t, 3)), "a dollar");
        assert!(r.local(&t, 6).actor.code.is_some(), "the dictionary knows the US");
    }
}
