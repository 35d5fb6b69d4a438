//! Actor phrases: from a head word in the parse to the words that name the
//! actor, and the number that counts it.

use crate::cues::{self, List};
use crate::tree::{rel_is, Tree};

/// Relations that leave the phrase: clauses, coordination, punctuation and
/// the phrase's own preposition.
const STOP: &[&str] =
    &["acl", "advcl", "conj", "cc", "punct", "parataxis", "dep", "ccomp", "xcomp", "list", "case", "appos"];

/// An actor phrase in a sentence.
#[derive(Debug, Clone, PartialEq)]
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
/// number as head; the phrase is then about the detainees, 49 of them. So
/// is a phrase headed by a noun of amount ("a number of senators",
/// "hundreds of protesters", "the majority of MPs"; cue list `amount`),
/// with the count when the amount gives one.
pub fn phrase(t: &Tree, head: usize) -> Phrase {
    let mut noun = head;
    let mut count = None;
    let amount = t.tok(head).upos == "NOUN" && cues::has(List::Amount, &t.lemma(head).to_lowercase());
    if t.tok(head).upos == "NUM" || amount {
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
        if i != head && rel_is(t.rel(i), "nmod") && !rel_is(t.rel(i), "nmod:poss") && !rel_is(t.rel(i), "nmod:desc") {
            let case = t.case_of(i).unwrap_or_default();
            if !cues::has(List::KeepPrep, &case) || cues::has(List::PrepNoun, &t.lemma(i).to_lowercase()) {
                drop.extend(t.subtree(i, &[]));
            }
        }
    }
    tokens.retain(|i| !drop.contains(i));
    // "at least 71 people": the bound's preposition belongs to the count.
    let bounds: Vec<usize> = tokens
        .iter()
        .filter(|&&i| matches!(t.lemma(i).to_lowercase().as_str(), "least" | "most"))
        .flat_map(|&i| t.kids(i, "case").filter(|&c| t.lemma(c).eq_ignore_ascii_case("at")).collect::<Vec<_>>())
        .collect();
    if !bounds.is_empty() {
        tokens.extend(bounds);
        tokens.sort_unstable();
        tokens.dedup();
    }
    if count.is_none() {
        count = t.kids(noun, "nummod").find_map(|n| number_value(t, n));
    }
    Phrase { root: head, head: noun, tokens, count }
}

/// The value of the number covering token `i`, from the text layer.
pub fn number_value(t: &Tree, i: usize) -> Option<f64> {
    t.doc.numbers.iter().find(|n| n.tokens.contains(&i)).map(|n| n.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn a_phrase_of_amount_is_about_what_it_measures() {
        // a number of senators
        let d = doc(&spaced(
            "1 a a DET DT _ 2 det _ _
             2 number number NOUN NN _ 0 root _ _
             3 of of ADP IN _ 4 case _ _
             4 senators senator NOUN NNS _ 2 nmod _ _",
        ));
        let p = phrase(&Tree::new(&d, 0), 1);
        assert_eq!((p.head, p.count), (3, None));
        // the walls of the chamber: no amount
        let d = doc(&spaced(
            "1 the the DET DT _ 2 det _ _
             2 walls wall NOUN NNS _ 0 root _ _
             3 of of ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 chamber chamber NOUN NN _ 2 nmod _ _",
        ));
        assert_eq!(phrase(&Tree::new(&d, 0), 1).head, 1);
    }

    #[test]
    fn a_bound_on_a_count_keeps_its_preposition() {
        // at least 71 people
        let d = doc(&spaced(
            "1 at at ADP IN _ 2 case _ _
             2 least least ADJ JJS _ 3 nmod _ _
             3 71 71 NUM CD _ 4 nummod _ _
             4 people people NOUN NNS _ 0 root _ _",
        ));
        assert_eq!(phrase(&Tree::new(&d, 0), 3).tokens, [0, 1, 2, 3]);
    }

    #[test]
    fn a_counted_phrase_is_about_what_it_counts() {
        // 49 of the liberated detainees
        let d = doc(&spaced(
            "1 49 49 NUM CD _ 0 root _ _
             2 of of ADP IN _ 5 case _ _
             3 the the DET DT _ 5 det _ _
             4 liberated liberate VERB VBN _ 5 amod _ _
             5 detainees detainee NOUN NNS _ 1 nmod _ _",
        ));
        let p = phrase(&Tree::new(&d, 0), 0);
        assert_eq!((p.head, p.count), (4, Some(49.0)));
        assert_eq!(p.tokens, [0, 2, 3, 4], "the preposition is not kept");
    }

    #[test]
    fn prepositional_modifiers_stay_only_when_they_describe_the_actor() {
        // officials from Egypt during visits to Cairo
        let d = doc(&spaced(
            "1 officials official NOUN NNS _ 0 root _ _
             2 from from ADP IN _ 3 case _ _
             3 Egypt Egypt PROPN NNP _ 1 nmod _ _
             4 during during ADP IN _ 5 case _ _
             5 visits visit NOUN NNS _ 1 nmod _ _
             6 to to ADP IN _ 7 case _ _
             7 Cairo Cairo PROPN NNP _ 5 nmod _ _",
        ));
        assert_eq!(phrase(&Tree::new(&d, 0), 0).tokens, [0, 2]);
    }
}
