//! Test documents from CoNLL-U: the words, tags, lemmas and tree exactly as
//! written, so that a rule's unit test does not depend on a trained model.
//!
//! MISC may carry `NER=B-PER` / `I-PER` (and ORG, LOC) for entities and
//! `SpaceAfter=No`. Sentences are laid out one per line of the text, so
//! offsets and lines are those of the fixture. Numbers and time expressions
//! are found by the text layer's own (rule-based) recognisers.

use annals_text::{Doc, Entity, EntityLabel, Sentence, Token};

/// The document of the CoNLL-U text `conllu` (panics on malformed input:
/// fixtures are written by hand).
pub fn doc(conllu: &str) -> Doc {
    let sents = annals_text::conllu::parse(conllu, "fixture").expect("a well-formed CoNLL-U fixture");
    let mut d = Doc::default();
    for s in &sents {
        let first = d.tokens.len();
        let start = d.text.len();
        let mut open: Option<(usize, EntityLabel)> = None;
        for (k, w) in s.words.iter().enumerate() {
            let b = d.text.len();
            d.text.push_str(&w.form);
            let space = !w.misc.split('|').any(|m| m == "SpaceAfter=No");
            let i = d.tokens.len();
            d.tokens.push(Token {
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                lemma: w.lemma.clone(),
                head: (w.head > 0).then(|| first + w.head - 1),
                deprel: w.deprel.clone(),
                space_after: space,
                ..Token::new(b, d.text.len(), w.form.as_str())
            });
            if space && k + 1 < s.words.len() {
                d.text.push(' ');
            }
            let tag = w.misc.split('|').find_map(|m| m.strip_prefix("NER=")).unwrap_or("O");
            let (bio, label) = tag.split_once('-').map_or(("O", None), |(b, l)| (b, EntityLabel::parse(l)));
            if bio != "I" || open.map(|o| Some(o.1)) != Some(label) {
                if let Some((a, l)) = open.take() {
                    d.entities.push(entity(&d, a..i, l));
                }
            }
            if let (Some(l), true) = (label, bio == "B" || (bio == "I" && open.is_none())) {
                open = Some((i, l));
            }
        }
        if let Some((a, l)) = open {
            let end = d.tokens.len();
            d.entities.push(entity(&d, a..end, l));
        }
        let end = d.text.len();
        d.text.push('\n');
        d.sentences.push(Sentence { start, end, tokens: first..d.tokens.len() });
    }
    d.numbers = annals_text::numbers::recognize(&d);
    d.times = annals_text::timex::recognize(&d);
    d
}

fn entity(d: &Doc, tokens: std::ops::Range<usize>, label: EntityLabel) -> Entity {
    Entity { label, start: d.tokens[tokens.start].start, end: d.tokens[tokens.end - 1].end, tokens }
}

/// A CoNLL-U fixture written with single spaces between columns (easier to
/// write by hand): each word line is split on runs of spaces into its ten
/// columns. Lines starting with `#` and blank lines pass through.
pub fn spaced(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                l.to_string()
            } else {
                l.split_whitespace().collect::<Vec<_>>().join("\t")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_doc_with_offsets_entities_and_times() {
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 arrested arrest VERB VBD _ 0 root _ _
             3 Ahmed Ahmed PROPN NNP _ 2 obj _ NER=B-PER
             4 Ali Ali PROPN NNP _ 3 flat _ NER=I-PER
             5 on on ADP IN _ 6 case _ _
             6 Monday Monday PROPN NNP _ 2 obl _ SpaceAfter=No
             7 . . PUNCT . _ 2 punct _ _",
        ));
        assert_eq!(d.text, "Police arrested Ahmed Ali on Monday.\n");
        assert_eq!(d.tokens[0].head, Some(1));
        assert_eq!(d.tokens[1].head, None);
        assert_eq!(&d.text[d.tokens[5].start..d.tokens[5].end], "Monday");
        assert_eq!(d.entities.len(), 1);
        assert_eq!((d.entities[0].tokens.clone(), d.entities[0].label), (2..4, EntityLabel::Person));
        assert_eq!(d.times.len(), 1, "{:?}", d.times);
    }
}
