//! The text layer end to end: raw text (or a treebank's tokens) in, a
//! [`Doc`] out.
//!
//! Stages run in a fixed order — segmentation, tagging, lemmatisation,
//! parsing, entities, numbers, time expressions — each reading only what the
//! earlier ones wrote. Sentences are processed one at a time, so memory is
//! bounded by the longest sentence, which the tokeniser caps.

use crate::doc::{Doc, Entity, Sentence, Token};
use crate::lemma::Lemmatizer;
use crate::models::ModelBytes;
use crate::parser::Parser;
use crate::tagger::Tagger;
use crate::{ner, numbers, timex, tokenize};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the {0} model is not trained yet: run `annals train`")]
    Untrained(&'static str),
    #[error("the {0} model is damaged: {1}")]
    Corrupt(&'static str, std::io::Error),
}

/// The beam the pipeline's parser decodes with: a beam of 2 gains about
/// one point of LAS over greedy decoding (EWT test 82.50 -> 83.58, GUM dev
/// 82.32 -> 83.15) at about 1.5 times the parse time (README, "Accuracy").
pub const PARSER_BEAM: usize = 2;

/// The loaded models.
pub struct Pipeline {
    tagger: Tagger,
    parser: Parser,
    lemmatizer: Lemmatizer,
    ner: Option<ner::Recognizer>,
}

impl Pipeline {
    /// Loads the models embedded in the binary; the parser decodes with a
    /// beam of [`PARSER_BEAM`].
    pub fn embedded() -> Result<Pipeline, LoadError> {
        Pipeline::from_bytes(&ModelBytes::embedded())
    }

    /// Loads models from their serialised bytes. The entity model is optional
    /// (an untrained one leaves `Doc::entities` empty); the others are not.
    pub fn from_bytes(m: &ModelBytes) -> Result<Pipeline, LoadError> {
        fn need<'a>(b: &'a [u8], name: &'static str) -> Result<&'a [u8], LoadError> {
            if b.is_empty() {
                Err(LoadError::Untrained(name))
            } else {
                Ok(b)
            }
        }
        let (tb, pb, lb) = (need(&m.tagger, "tagger")?, need(&m.parser, "parser")?, need(&m.lemma, "lemma")?);
        // The models are independent: decoding them on separate threads
        // roughly halves start-up time on a multi-core machine.
        let (parser, (tagger, lemmatizer, ner)) = std::thread::scope(|s| {
            let parser = s.spawn(|| Parser::read(pb).map_err(|e| LoadError::Corrupt("parser", e)));
            let ner = s.spawn(|| {
                if m.ner.is_empty() {
                    Ok(None)
                } else {
                    ner::Recognizer::read(&m.ner[..]).map(Some).map_err(|e| LoadError::Corrupt("ner", e))
                }
            });
            let tagger = Tagger::read(tb).map_err(|e| LoadError::Corrupt("tagger", e));
            let lemmatizer = Lemmatizer::read(lb).map_err(|e| LoadError::Corrupt("lemma", e));
            let parser = parser.join().expect("parser loader panicked");
            let ner = ner.join().expect("entity loader panicked");
            (parser, (tagger, lemmatizer, ner))
        });
        let (tagger, mut parser, lemmatizer, ner) = (tagger?, parser?, lemmatizer?, ner?);
        parser.set_beam(PARSER_BEAM);
        Ok(Pipeline { tagger, parser, lemmatizer, ner })
    }

    /// Decodes dependencies with a beam of `width` ([`Parser::set_beam`]).
    pub fn set_parser_beam(&mut self, width: usize) {
        self.parser.set_beam(width);
    }

    /// Parses one sentence with the given Penn tags (for measuring the parser
    /// apart from the tagger, e.g. with gold tags).
    pub fn parse_with_tags(&self, forms: &[&str], xpos: &[&str]) -> Vec<crate::parser::Arc> {
        self.parser.parse(forms, xpos)
    }

    pub fn has_ner(&self) -> bool {
        self.ner.is_some()
    }

    /// Annotates raw text.
    pub fn annotate(&self, text: &str) -> Doc {
        let sentences = tokenize::segment(text);
        // The whole text, trailing whitespace included, as given.
        self.annotate_segments(text, 0, text.len(), &sentences)
    }

    /// Annotates a long text a batch of sentences at a time, so that memory
    /// stays bounded whatever the input's size. `emit` receives each batch
    /// as a [`Doc`] whose text starts at byte `base` of `text` (its offsets
    /// are relative to `base`).
    pub fn annotate_batches<E>(
        &self,
        text: &str,
        batch: usize,
        mut emit: impl FnMut(usize, &Doc) -> Result<(), E>,
    ) -> Result<(), E> {
        let sentences = tokenize::segment(text);
        for chunk in sentences.chunks(batch.max(1)) {
            let base = chunk[0].start;
            let doc = self.annotate_segments(text, base, chunk[chunk.len() - 1].end, chunk);
            emit(base, &doc)?;
        }
        Ok(())
    }

    /// Builds and annotates a document from segmented sentences of `text`,
    /// keeping `text[base..end]` as its text.
    fn annotate_segments(&self, text: &str, base: usize, end: usize, sentences: &[tokenize::RawSentence]) -> Doc {
        let mut doc = Doc { text: text[base..end.max(base)].to_string(), ..Doc::default() };
        for s in sentences {
            let first = doc.tokens.len();
            for t in &s.tokens {
                doc.tokens.push(Token {
                    space_after: text[t.end..].starts_with(char::is_whitespace),
                    ..Token::new(t.start - base, t.end - base, &text[t.start..t.end])
                });
            }
            doc.sentences.push(Sentence { start: s.start - base, end: s.end - base, tokens: first..doc.tokens.len() });
        }
        self.annotate_doc(&mut doc);
        doc
    }

    /// Annotates pre-tokenised sentences (a treebank's), keeping their tokens.
    /// The document text is the forms joined by single spaces (none where
    /// `space_after` says so), one sentence per line.
    pub fn annotate_tokenized(&self, sentences: &[Vec<(String, bool)>]) -> Doc {
        let mut doc = Doc::default();
        for s in sentences {
            let first = doc.tokens.len();
            let start = doc.text.len();
            for (k, (form, space)) in s.iter().enumerate() {
                let b = doc.text.len();
                doc.text.push_str(form);
                doc.tokens.push(Token { space_after: *space, ..Token::new(b, doc.text.len(), form.as_str()) });
                if *space && k + 1 < s.len() {
                    doc.text.push(' ');
                }
            }
            let end = doc.text.len();
            doc.text.push('\n');
            doc.sentences.push(Sentence { start, end, tokens: first..doc.tokens.len() });
        }
        self.annotate_doc(&mut doc);
        doc
    }

    /// Runs every stage after segmentation on `doc`.
    fn annotate_doc(&self, doc: &mut Doc) {
        let labels = self.tagger.labels();
        // Entities per sentence, harmonised over the document at the end.
        let mut found = Vec::with_capacity(doc.sentences.len());
        for si in 0..doc.sentences.len() {
            let range = doc.sentences[si].tokens.clone();
            if range.is_empty() {
                found.push(Vec::new());
                continue;
            }
            let forms: Vec<&str> = doc.tokens[range.clone()].iter().map(|t| t.form.as_str()).collect();
            let norms: Vec<&str> = doc.tokens[range.clone()].iter().map(|t| t.norm.as_str()).collect();
            let tags = self.tagger.tag(&forms);
            let (upos, xpos): (Vec<&str>, Vec<&str>) = tags.iter().map(|&t| Tagger::split(&labels[t as usize])).unzip();
            let arcs = self.parser.parse(&forms, &xpos);
            found.push(match &self.ner {
                Some(r) => r.recognize(&forms, &norms, &xpos),
                None => Vec::new(),
            });
            let lemmas: Vec<String> = forms.iter().zip(&xpos).map(|(f, x)| self.lemmatizer.lemma(f, x)).collect();
            for (k, tok) in doc.tokens[range.clone()].iter_mut().enumerate() {
                tok.upos = upos[k].to_string();
                tok.xpos = xpos[k].to_string();
                tok.lemma = lemmas[k].clone();
                tok.head = arcs[k].head.map(|h| h + range.start);
                tok.deprel = arcs[k].deprel.clone();
            }
        }
        let forms: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| doc.tokens[s.tokens.clone()].iter().map(|t| t.form.as_str()).collect())
            .collect();
        ner::harmonise(&forms, &mut found);
        let mut entities = Vec::new();
        for (s, spans) in doc.sentences.iter().zip(found) {
            let range = s.tokens.clone();
            for (r, label) in spans {
                let (a, b) = (range.start + r.start, range.start + r.end);
                if r.start < r.end && b <= range.end {
                    entities.push(Entity {
                        label,
                        start: doc.tokens[a].start,
                        end: doc.tokens[b - 1].end,
                        tokens: a..b,
                    });
                }
            }
        }
        doc.entities = entities;
        doc.numbers = numbers::recognize(doc);
        doc.times = timex::recognize(doc);
    }
}
