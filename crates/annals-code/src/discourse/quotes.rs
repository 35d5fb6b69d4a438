//! Quotes and their speakers.
//!
//! A quote is a stretch between double quotation marks (straight or
//! curly) within one line of the text. Its speaker is the subject of the
//! reporting verb outside the quote in the sentence where it opens ("X
//! said, "...""; ""...," said X"), else where it closes, else in the
//! sentence before when that one ends with a colon ("X wrote: "..."").

use crate::cues::{self, List};
use crate::tree::Tree;
use annals_text::Doc;

/// A quoted stretch of the text and who says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Byte range inside the quotation marks.
    pub start: usize,
    pub end: usize,
    /// The speaker's phrase head (a document token), if found.
    pub speaker: Option<usize>,
    /// The sentence the speaker is in.
    pub speaker_sentence: Option<usize>,
}

/// The quoted stretches of `text`: (start, end) inside the marks.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut open: Option<usize> = None;
        for (k, c) in line.char_indices() {
            let at = line_start + k;
            match c {
                '"' => match open.take() {
                    Some(a) => out.push((a, at)),
                    None => open = Some(at + 1),
                },
                '\u{201C}' => open = Some(at + c.len_utf8()),
                '\u{201D}' => {
                    if let Some(a) = open.take() {
                        out.push((a, at));
                    }
                }
                _ => {}
            }
        }
        line_start += line.len() + 1;
    }
    out.retain(|(a, b)| b > a);
    out
}

/// The reporting verb of sentence `s` outside every quote, nearest to byte
/// `near`, and its subject.
fn reporter(doc: &Doc, s: usize, quotes: &[(usize, usize)], near: usize) -> Option<usize> {
    let t = Tree::new(doc, s);
    let outside = |i: usize| !quotes.iter().any(|(a, b)| (*a..*b).contains(&doc.tokens[i].start));
    t.range
        .clone()
        .filter(|&i| {
            let lemma = t.lemma(i).to_lowercase();
            outside(i) && t.is_verbal(i) && (cues::has(List::Report, &lemma) || cues::has(List::QuoteVerb, &lemma))
        })
        .filter_map(|v| crate::resolve::attribution::subject(&t, v).map(|s| (v, s)))
        .min_by_key(|(v, _)| doc.tokens[*v].start.abs_diff(near))
        .map(|(_, s)| s)
}

/// The quotes of `doc`, with their speakers.
pub fn find(doc: &Doc) -> Vec<Quote> {
    let spans = spans(&doc.text);
    let sentence_of = |b: usize| doc.sentences.iter().position(|s| s.start <= b && b <= s.end);
    spans
        .iter()
        .map(|&(start, end)| {
            let first = sentence_of(start);
            let last = sentence_of(end);
            let mut found = None;
            for s in [first, last].into_iter().flatten() {
                if let Some(h) = reporter(doc, s, &spans, if Some(s) == first { start } else { end }) {
                    found = Some((s, h));
                    break;
                }
            }
            if found.is_none() {
                if let Some(p) = first.and_then(|s| s.checked_sub(1)) {
                    let prev = &doc.sentences[p];
                    if doc.text[prev.start..prev.end].trim_end().ends_with(':') {
                        found = reporter(doc, p, &spans, prev.end).map(|h| (p, h));
                    }
                }
            }
            Quote { start, end, speaker: found.map(|f| f.1), speaker_sentence: found.map(|f| f.0) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn quote_spans_straight_and_curly() {
        let t = "He said \"we will\" and \u{201C}go\u{201D}.\n\"open";
        let s = spans(t);
        assert_eq!(s.iter().map(|&(a, b)| &t[a..b]).collect::<Vec<_>>(), ["we will", "go"]);
    }

    #[test]
    fn the_speaker_is_the_reporting_verbs_subject() {
        // " We are with you , " Tusk wrote .
        let d = doc(&spaced(
            "1 \" \" PUNCT `` _ 3 punct _ SpaceAfter=No
             2 We we PRON PRP _ 3 nsubj _ _
             3 are be AUX VBP _ 0 root _ _
             4 with with ADP IN _ 5 case _ _
             5 you you PRON PRP _ 3 obl _ SpaceAfter=No
             6 , , PUNCT , _ 3 punct _ SpaceAfter=No
             7 \" \" PUNCT '' _ 3 punct _ _
             8 Tusk Tusk PROPN NNP _ 9 nsubj _ NER=B-PER
             9 wrote write VERB VBD _ 3 parataxis _ SpaceAfter=No
             10 . . PUNCT . _ 3 punct _ _",
        ));
        let q = find(&d);
        assert_eq!(q.len(), 1);
        assert_eq!(&d.text[q[0].start..q[0].end], "We are with you,");
        assert_eq!(q[0].speaker, Some(7));
        // " It is a lie , " Graham continued . (a verb that only introduces quotes)
        let d = doc(&spaced(
            "1 \" \" PUNCT `` _ 5 punct _ SpaceAfter=No
             2 It it PRON PRP _ 5 nsubj _ _
             3 is be AUX VBZ _ 5 cop _ _
             4 a a DET DT _ 5 det _ _
             5 lie lie NOUN NN _ 0 root _ SpaceAfter=No
             6 , , PUNCT , _ 5 punct _ SpaceAfter=No
             7 \" \" PUNCT '' _ 5 punct _ _
             8 Graham Graham PROPN NNP _ 9 nsubj _ NER=B-PER
             9 continued continue VERB VBD _ 5 parataxis _ SpaceAfter=No
             10 . . PUNCT . _ 5 punct _ _",
        ));
        assert_eq!(find(&d)[0].speaker, Some(7));
    }
}
