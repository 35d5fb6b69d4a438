//! Sentence-local views of the dependency parse: children, subtrees and
//! ancestors, by document token index.

use annals_text::{Doc, Token};
use std::ops::Range;

/// One sentence's tokens with child lists.
pub struct Tree<'a> {
    pub doc: &'a Doc,
    /// Index of the sentence in `doc.sentences`.
    pub sentence: usize,
    pub range: Range<usize>,
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// The sentence's text, as written.
    pub fn sentence_text(&self) -> &'a str {
        let s = &self.doc.sentences[self.sentence];
        &self.doc.text[s.start..s.end]
    }

    pub fn new(doc: &'a Doc, sentence: usize) -> Tree<'a> {
        let range = doc.sentences[sentence].tokens.clone();
        let mut children = vec![Vec::new(); range.len()];
        for i in range.clone() {
            if let Some(h) = doc.tokens[i].head {
                if range.contains(&h) {
                    children[h - range.start].push(i);
                }
            }
        }
        Tree { doc, sentence, range, children }
    }

    pub fn tok(&self, i: usize) -> &'a Token {
        &self.doc.tokens[i]
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.doc.tokens[i].head.filter(|h| self.range.contains(h))
    }

    /// The children of `i`; none for a token outside the sentence (a head
    /// found through coreference in another sentence).
    pub fn children(&self, i: usize) -> &[usize] {
        i.checked_sub(self.range.start).and_then(|k| self.children.get(k)).map_or(&[], |v| v.as_slice())
    }

    /// Children whose relation (with or without subtype) is `rel`.
    pub fn kids<'b>(&'b self, i: usize, rel: &'b str) -> impl Iterator<Item = usize> + 'b {
        self.children(i).iter().copied().filter(move |&c| rel_is(&self.doc.tokens[c].deprel, rel))
    }

    pub fn kid(&self, i: usize, rel: &str) -> Option<usize> {
        self.kids(i, rel).next()
    }

    /// Whether some child of `i` has one of the relations `rels` (with or
    /// without subtype).
    pub fn has_kid_in(&self, i: usize, rels: &[&str]) -> bool {
        self.children(i).iter().any(|&c| rels.iter().any(|r| rel_is(self.rel(c), r)))
    }

    /// Whether nominal `i` is made definite by "the", "this" or "that".
    pub fn definite(&self, i: usize) -> bool {
        self.kids(i, "det").any(|d| matches!(self.lemma(d).to_lowercase().as_str(), "the" | "this" | "that"))
    }

    /// The preposition (`case` child) introducing nominal `i`, lower-cased;
    /// "according to" gives "according".
    pub fn case_of(&self, i: usize) -> Option<String> {
        self.kid(i, "case").map(|c| self.tok(c).form.to_lowercase())
    }

    /// Every token under `i`, `i` included, in text order; subtrees hanging
    /// by a relation in `stop` are left out.
    pub fn subtree(&self, i: usize, stop: &[&str]) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            for &c in self.children(n) {
                if stop.iter().any(|r| rel_is(&self.tok(c).deprel, r)) {
                    continue;
                }
                out.push(c);
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }

    /// `i`'s ancestors, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = i;
        while let Some(h) = self.head(cur) {
            if out.contains(&h) || out.len() > self.range.len() {
                break;
            }
            out.push(h);
            cur = h;
        }
        out
    }

    /// "obtained the messages and released them": the object pronoun of a
    /// verb coordinated after another stands for that verb's object, when
    /// they agree in number.
    pub fn parallel_antecedent(&self, pron: usize) -> Option<usize> {
        let form = self.tok(pron).form.to_lowercase();
        let plural = match form.as_str() {
            "them" => true,
            "it" => false,
            _ => return None,
        };
        let v2 = self.head(pron).filter(|_| rel_is(self.rel(pron), "obj"))?;
        let v1 = self.head(v2).filter(|&v1| rel_is(self.rel(v2), "conj") && v1 < v2)?;
        let o = self.kids(v1, "obj").next()?;
        let o_plural = matches!(self.tok(o).xpos.as_str(), "NNS" | "NNPS");
        (matches!(self.tok(o).upos.as_str(), "NOUN" | "PROPN") && o_plural == plural).then_some(o)
    }

    /// Whether token `i` is part of a time expression ("Monday", "last
    /// week", "4:00 A.M.").
    pub fn in_time(&self, i: usize) -> bool {
        self.doc.times.iter().any(|x| x.tokens.contains(&i))
    }

    pub fn lemma(&self, i: usize) -> &'a str {
        &self.doc.tokens[i].lemma
    }

    pub fn rel(&self, i: usize) -> &'a str {
        &self.doc.tokens[i].deprel
    }

    pub fn is_verbal(&self, i: usize) -> bool {
        matches!(self.tok(i).upos.as_str(), "VERB" | "AUX") || self.tok(i).xpos.starts_with("VB")
    }
}

/// Whether relation `deprel` is `rel` or a subtype of it (`obl:tmod` is `obl`).
pub fn rel_is(deprel: &str, rel: &str) -> bool {
    deprel == rel || (deprel.starts_with(rel) && deprel.as_bytes().get(rel.len()) == Some(&b':'))
}
