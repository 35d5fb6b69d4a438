//! Attribution: according to whom?
//!
//! Three shapes carry nearly all attribution in news: a reporting verb
//! governing the event's clause ("a Hamas source said that ..."), a
//! reporting clause beside it ("..., official sources said"), and
//! "according to X". The reporter is the reporting verb's subject, inherited
//! through participles ("..., saying ...") and coordination. A quote's
//! speaker ([`crate::discourse::quotes`]) reports what is inside it.
//!
//! A hearsay adverb ("reportedly", "allegedly") attributes the event to
//! sources it does not name ([`hearsay`]).
//!
//! A source is anonymous when it is a generic person noun (source, official,
//! diplomat ...) with no personal name, or when the phrase says so ("who
//! preferred to be unnamed", "on condition of anonymity").

use crate::cues::{self, List};
use crate::tree::{rel_is, Tree};

fn is_report(t: &Tree, i: usize) -> bool {
    t.is_verbal(i) && cues::has(List::Report, &t.lemma(i).to_lowercase())
}

/// The hearsay adverb ("reportedly", "allegedly"; cue list `hearsay`) on
/// the event at `trigger` or on a verb of its clause above it: the report
/// rests on sources it does not name.
pub fn hearsay(t: &Tree, trigger: usize) -> Option<usize> {
    let mut levels = vec![trigger];
    for a in t.ancestors(trigger) {
        levels.push(a);
        if t.is_verbal(a) {
            break;
        }
    }
    levels.into_iter().find_map(|l| t.kids(l, "advmod").find(|&m| cues::has(List::Hearsay, &t.lemma(m).to_lowercase())))
}

/// The head of the phrase that reports the event at `trigger`, and the
/// reporting verb (for `according to`, the phrase's own head).
pub fn reporter(t: &Tree, trigger: usize) -> Option<(usize, usize)> {
    let mut levels = vec![trigger];
    levels.extend(t.ancestors(trigger));
    for (k, &a) in levels.iter().enumerate() {
        // "according to X" attached to the event or a clause above it.
        for c in t.children(a) {
            if t.kids(*c, "case").any(|m| t.tok(m).form.eq_ignore_ascii_case("according")) {
                return Some((*c, *c));
            }
        }
        // A reporting verb above the event, reached through its complement.
        if k > 0 && is_report(t, a) {
            let via = t.rel(levels[k - 1]);
            if ["ccomp", "parataxis", "xcomp", "advcl", "obj"].iter().any(|r| rel_is(via, r)) {
                if let Some(s) = subject(t, a) {
                    return Some((s, a));
                }
            }
        }
        // A reporting clause beside the event's clause: "..., X said."
        // (parsers also hang it as a conjunct after the event).
        let beside: Vec<usize> = t.kids(a, "parataxis").chain(t.kids(a, "conj").filter(|&c| c > trigger)).collect();
        for p in beside {
            if is_report(t, p) && !levels.contains(&p) {
                if let Some(s) = subject(t, p) {
                    return Some((s, p));
                }
            }
        }
    }
    // "according to X" anywhere in the sentence, when the parse hung it
    // somewhere else.
    t.range
        .clone()
        .find(|&c| t.kids(c, "case").any(|m| t.tok(m).form.eq_ignore_ascii_case("according")))
        .map(|c| (c, c))
}

/// The subject of verb `v`, inherited from the verb it hangs from when it
/// has none of its own ("..., saying ...", "said and added").
pub fn subject(t: &Tree, v: usize) -> Option<usize> {
    let mut cur = v;
    for _ in 0..4 {
        // The subject nearest before the verb (a garbled parse may give two).
        // "It was reported that ..." is told by no one named.
        if t.kids(cur, "nsubj").any(|s| crate::actors::admit::expletive(t, s)) {
            return None;
        }
        if let Some(s) = t.kids(cur, "nsubj").filter(|&s| s < cur).last().or_else(|| t.kid(cur, "nsubj")) {
            return Some(s);
        }
        let rel = t.rel(cur);
        // "cited Budi Gunawan as saying ...": the one cited says it.
        let as_saying = t.kids(cur, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("as"));
        if as_saying && (rel_is(rel, "advcl") || rel_is(rel, "xcomp")) {
            if let Some(o) = t.head(cur).and_then(|h| t.kid(h, "obj")) {
                return Some(o);
            }
        }
        if ["advcl", "conj", "xcomp", "acl"].iter().any(|r| rel_is(rel, r)) {
            cur = t.head(cur)?;
        } else {
            return None;
        }
    }
    None
}

/// Whether the phrase headed by `head` is an anonymous source.
pub fn anonymous(t: &Tree, head: usize) -> bool {
    let all = t.subtree(head, &["punct"]);
    let says_so = all.iter().any(|&i| cues::has(List::Anonymous, &t.lemma(i).to_lowercase()));
    let generic = cues::has(List::GenericSource, &t.lemma(head).to_lowercase()) && t.tok(head).upos != "PROPN";
    // A personal name in the phrase (not the organisation the source belongs
    // to) makes it named: "Hamas spokesman Fawzi Barhoum".
    let named =
        all.iter().any(|&i| t.tok(i).upos == "PROPN" && (rel_is(t.rel(i), "flat") || rel_is(t.rel(i), "appos")));
    says_so || (generic && !named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn a_hearsay_adverb_on_the_clause() {
        // Reportedly he injured a man / the attack reportedly killed two
        let d = doc(&spaced(
            "1 Reportedly reportedly ADV RB _ 3 advmod _ _
             2 he he PRON PRP _ 3 nsubj _ _
             3 injured injure VERB VBD _ 0 root _ _
             4 a a DET DT _ 5 det _ _
             5 man man NOUN NN _ 3 obj _ _",
        ));
        assert_eq!(hearsay(&Tree::new(&d, 0), 2), Some(0));
        // "Police quickly arrested him": not hearsay.
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 3 nsubj _ _
             2 quickly quickly ADV RB _ 3 advmod _ _
             3 arrested arrest VERB VBD _ 0 root _ _
             4 him he PRON PRP _ 3 obj _ _",
        ));
        assert_eq!(hearsay(&Tree::new(&d, 0), 2), None);
    }

    #[test]
    fn the_reporting_clause_beside_the_event_and_its_anonymous_source() {
        // Israel released prisoners, a source said.
        let d = doc(&spaced(
            "1 Israel Israel PROPN NNP _ 2 nsubj _ _
             2 released release VERB VBD _ 0 root _ _
             3 prisoners prisoner NOUN NNS _ 2 obj _ SpaceAfter=No
             4 , , PUNCT , _ 7 punct _ _
             5 a a DET DT _ 6 det _ _
             6 source source NOUN NN _ 7 nsubj _ _
             7 said say VERB VBD _ 2 parataxis _ _",
        ));
        let t = Tree::new(&d, 0);
        let (who, verb) = reporter(&t, 1).unwrap();
        assert_eq!((who, verb), (5, 6));
        assert!(anonymous(&t, who));
    }

    #[test]
    fn according_to_a_named_spokesman() {
        // according to spokesman Fawzi Barhoum
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 agreed agree VERB VBD _ 0 root _ _
             3 according accord VERB VBG _ 5 case _ _
             4 to to ADP IN _ 3 fixed _ _
             5 spokesman spokesman NOUN NN _ 2 obl _ _
             6 Fawzi Fawzi PROPN NNP _ 5 appos _ _
             7 Barhoum Barhoum PROPN NNP _ 6 flat _ _",
        ));
        let t = Tree::new(&d, 0);
        let (who, _) = reporter(&t, 1).unwrap();
        assert_eq!(who, 4);
        assert!(!anonymous(&t, who));
    }
}
