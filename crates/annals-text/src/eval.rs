//! Scoring against gold data, as the CoNLL 2018 shared task does: every word
//! counts, punctuation included; LAS compares the universal part of the
//! relation (`obl` for `obl:tmod`).

use crate::conllu::TreeSentence;
use crate::Pipeline;

/// Counts of correct annotations over `words` gold words.
#[derive(Debug, Default, Clone, Copy)]
pub struct ParseScores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
    pub las_full: usize,
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

impl ParseScores {
    pub fn upos(&self) -> f64 {
        pct(self.upos, self.words)
    }
    pub fn xpos(&self) -> f64 {
        pct(self.xpos, self.words)
    }
    pub fn lemma(&self) -> f64 {
        pct(self.lemma, self.words)
    }
    pub fn uas(&self) -> f64 {
        pct(self.uas, self.words)
    }
    pub fn las(&self) -> f64 {
        pct(self.las, self.words)
    }
    pub fn las_full(&self) -> f64 {
        pct(self.las_full, self.words)
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Annotates the gold sentences' words and compares.
pub fn score_parse(p: &Pipeline, gold: &[TreeSentence]) -> ParseScores {
    let input: Vec<Vec<(String, bool)>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| (w.form.clone(), !w.misc.contains("SpaceAfter=No"))).collect())
        .collect();
    let doc = p.annotate_tokenized(&input);
    let mut sc = ParseScores::default();
    for (s, sent) in gold.iter().zip(&doc.sentences) {
        for (w, t) in s.words.iter().zip(&doc.tokens[sent.tokens.clone()]) {
            sc.words += 1;
            sc.upos += usize::from(w.upos == t.upos);
            sc.xpos += usize::from(w.xpos == t.xpos);
            sc.lemma += usize::from(w.lemma == t.lemma);
            let head = t.head.map_or(0, |h| h - sent.tokens.start + 1);
            if head == w.head {
                sc.uas += 1;
                sc.las += usize::from(universal(&w.deprel) == universal(&t.deprel));
                sc.las_full += usize::from(w.deprel == t.deprel);
            }
        }
    }
    sc
}

/// UAS and LAS of the parser alone, given the gold Penn tags: the parse
/// an error-free tagger would allow (`upos`, `xpos` and `lemma` stay 0).
pub fn score_parse_gold_tags(p: &Pipeline, gold: &[TreeSentence]) -> ParseScores {
    let mut sc = ParseScores::default();
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
        for (w, a) in s.words.iter().zip(p.parse_with_tags(&forms, &tags)) {
            sc.words += 1;
            if a.head.map_or(0, |h| h + 1) == w.head {
                sc.uas += 1;
                sc.las += usize::from(universal(&w.deprel) == universal(&a.deprel));
                sc.las_full += usize::from(w.deprel == a.deprel);
            }
        }
    }
    sc
}
