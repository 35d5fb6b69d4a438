//! Quantities: how many the event was done to or by.
//!
//! The count of the target phrase ("1,027 Palestinian detainees", "49 of
//! the liberated detainees") wins over the source's ("hundreds of
//! protesters marched"); a bare number as the trigger's object counts
//! people ("bombs killed at least 20").

use crate::actors::phrase::number_value;
use crate::actors::Resolved;
use crate::event::Quantity;
use crate::frame::objects;
use crate::tree::Tree;

/// The quantity of the event at `trigger` with these actors.
pub fn quantity(t: &Tree, trigger: usize, source: Option<&Resolved>, target: Option<&Resolved>) -> Option<Quantity> {
    if let Some(q) = target.and_then(|r| r.quantity.clone()) {
        return Some(q);
    }
    // "killed at least 20": the number is the object.
    for o in objects(t, trigger) {
        if t.tok(o).upos == "NUM" {
            if let Some(value) = number_value(t, o) {
                return Some(Quantity { value, unit: "people".into() });
            }
        }
    }
    source.and_then(|r| r.quantity.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

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
        let q = quantity(&Tree::new(&d, 0), 1, None, None).unwrap();
        assert_eq!((q.value, q.unit.as_str()), (20.0, "people"));
    }
}
