//! Quantities: how many the event was done to or by.
//!
//! The count of the target phrase ("1,027 Palestinian detainees", "49 of
//! the liberated detainees") wins over the source's ("hundreds of
//! protesters marched"); a bare number as the trigger's object counts
//! people ("bombs killed at least 20"). Force or coercion against one
//! person ("shot him dead", "fired on a protester") counts one.
//! Coordinated targets of one code are one target whose count is the sum
//! ("injured a man and two women": 3; see [`merge_conjuncts`]).

use crate::actors::phrase::number_value;
use crate::actors::{Kind, Resolved};
use crate::event::Quantity;
use crate::frame::objects;
use crate::tree::Tree;

/// The quantity of the event of CAMEO `code` at `trigger` with these
/// actors.
pub fn quantity(
    t: &Tree,
    trigger: usize,
    code: &str,
    source: Option<&Resolved>,
    target: Option<&Resolved>,
) -> Option<Quantity> {
    let q = counted(t, trigger, code, source, target)?;
    // "The local police chief and two others were injured": the others
    // named only by their number count too.
    let others: f64 = target.map_or(0.0, |r| {
        t.kids(r.phrase.root, "conj")
            .filter(|&c| t.lemma(c).eq_ignore_ascii_case("other"))
            .filter_map(|c| t.kids(c, "nummod").find_map(|n| number_value(t, n)))
            .sum()
    });
    Some(Quantity { value: q.value + others, ..q })
}

fn counted(
    t: &Tree,
    trigger: usize,
    code: &str,
    source: Option<&Resolved>,
    target: Option<&Resolved>,
) -> Option<Quantity> {
    if let Some(q) = target.and_then(|r| r.quantity.clone()) {
        return Some(q);
    }
    let forceful = matches!(code.get(..2), Some("17" | "18" | "19" | "20"));
    if forceful && target.is_some_and(|r| one_person(t, r)) {
        return Some(Quantity { value: 1.0, unit: "people".into() });
    }
    // "killed at least 20": the number is the object.
    for o in objects(t, trigger) {
        if t.tok(o).upos == "NUM" {
            if let Some(value) = number_value(t, o) {
                return Some(Quantity { value, unit: "people".into() });
            }
        }
    }
    source.and_then(|r| r.quantity.clone()).or_else(|| code.starts_with("14").then(|| crowd(t, trigger)).flatten())
}

/// The size of a crowd told around a protest: "what organizers estimated
/// at 1.7 million Hongkongers marched", "protests, one of which drew two
/// million people". The largest count of people in the subject of a
/// protest verb, or in what a protest noun's own phrase says of it.
fn crowd(t: &Tree, trigger: usize) -> Option<Quantity> {
    let scope = if t.is_verbal(trigger) {
        crate::frame::subject(t, trigger).map(|s| t.subtree(s, &[]))?
    } else {
        t.subtree(trigger, &[])
    };
    scope
        .into_iter()
        .filter(|&n| {
            t.tok(n).upos == "NUM"
                && crate::tree::rel_is(t.rel(n), "nummod")
                && t.head(n).is_some_and(|h| matches!(t.tok(h).xpos.as_str(), "NNS" | "NNPS"))
        })
        .filter_map(|n| number_value(t, n))
        .max_by(f64::total_cmp)
        .map(|value| Quantity { value, unit: "people".into() })
}

/// Whether `r` names one person: a person, or a singular noun of a role
/// with "a", "an" or "one" ("a protester").
fn one_person(t: &Tree, r: &Resolved) -> bool {
    let h = r.phrase.head;
    let indefinite = t.kids(h, "det").any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "a" | "an"))
        || t.kids(h, "nummod").any(|d| t.lemma(d).eq_ignore_ascii_case("one"));
    // A common noun counts when a role was found for it (people, not things).
    let role = r.kind != Kind::Organisation && r.actor.sector.is_some() && t.tok(h).upos == "NOUN";
    !r.plural && (r.kind == Kind::Person || (role && t.tok(h).xpos == "NN" && indefinite))
}

/// The count of one conjunct: its number, or one for one person.
fn conjunct_count(t: &Tree, r: &Resolved) -> Option<f64> {
    r.quantity.as_ref().map(|q| q.value).or_else(|| one_person(t, r).then_some(1.0))
}

/// Joins coordinated phrases of one code into one ("a man and two women",
/// both British, are one target of three people): the span runs from the
/// first to the last, the count is the sum when every part is counted. An
/// event is recorded once per pair of codes.
pub fn merge_conjuncts(t: &Tree, side: &mut Vec<Resolved>) {
    let mut k = 1;
    while k < side.len() {
        let coordinated = |a: &Resolved, b: &Resolved| {
            t.head(b.phrase.root) == Some(a.phrase.root) && crate::tree::rel_is(t.rel(b.phrase.root), "conj")
        };
        let Some(j) = (0..k).find(|&j| {
            side[j].actor.code.is_some() && side[j].actor.code == side[k].actor.code && coordinated(&side[j], &side[k])
        }) else {
            k += 1;
            continue;
        };
        let b = side.remove(k);
        let a = &mut side[j];
        let total = conjunct_count(t, a).zip(conjunct_count(t, &b)).map(|(x, y)| x + y);
        a.actor.start = a.actor.start.min(b.actor.start);
        a.actor.end = a.actor.end.max(b.actor.end);
        a.actor.text = t.doc.text[a.actor.start..a.actor.end].to_string();
        a.plural = true;
        a.quantity = total.map(|value| Quantity { value, unit: "people".into() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn a_protests_crowd_is_counted_in_its_subject() {
        // what organizers estimated at 1.7 million Hongkongers marched
        let d = doc(&spaced(
            "1 what what PRON WP _ 2 det _ _
             2 organizers organizer NOUN NNS _ 8 nsubj _ _
             3 estimated estimate VERB VBN _ 2 acl _ _
             4 at at ADP IN _ 7 case _ _
             5 1.7 1.7 NUM CD _ 6 compound _ _
             6 million million NUM CD _ 7 nummod _ _
             7 Hongkongers hongkonger NOUN NNS _ 3 obl _ _
             8 marched march VERB VBD _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(crowd(&t, 7).map(|q| q.value), Some(1_700_000.0));
        assert_eq!(quantity(&t, 7, "141", None, None).map(|q| q.value), Some(1_700_000.0));
        assert!(quantity(&t, 7, "190", None, None).is_none(), "only a protest's crowd");
    }

    #[test]
    fn others_named_by_their_number_count() {
        // The chief and two others were injured
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 chief chief NOUN NN _ 7 nsubj:pass _ _
             3 and and CCONJ CC _ 5 cc _ _
             4 two two NUM CD _ 5 nummod _ _
             5 others other NOUN NNS _ 2 conj _ _
             6 were be AUX VBD _ 7 aux:pass _ _
             7 injured injure VERB VBN _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        let r = crate::actors::Resolver {
            actors: crate::dict::actors::ActorDict::embedded(),
            agents: crate::dict::agents::AgentDict::embedded(),
            date: None,
        };
        let mut chief = r.local(&t, 1);
        chief.quantity = Some(Quantity { value: 1.0, unit: "people".into() });
        let q = quantity(&t, 6, "190", None, Some(&chief)).unwrap();
        assert_eq!(q.value, 3.0);
    }

    #[test]
    fn a_bare_number_object_counts_people() {
        // Bombs killed at least 20
        let d = doc(&spaced(
            "1 Bombs bomb NOUN NNS _ 2 nsubj _ _
             2 killed kill VERB VBD _ 0 root _ _
             3 at at ADP IN _ 4 case _ _
             4 least least ADJ JJS _ 5 nmod _ _
             5 20 20 NUM CD _ 2 obj _ _",
        ));
        let q = quantity(&Tree::new(&d, 0), 1, "190", None, None).unwrap();
        assert_eq!((q.value, q.unit.as_str()), (20.0, "people"));
    }
}
