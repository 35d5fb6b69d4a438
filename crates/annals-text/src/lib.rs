//! # annals-text
//!
//! The language layer of annals. It turns raw news text into a [`Doc`]:
//! sentences and tokens with byte offsets into the original text, Penn and
//! Universal POS tags, lemmas, a Universal Dependencies parse, named entities
//! (PER, ORG, LOC), cardinal numbers with their values, and time expressions
//! with normalised values.
//!
//! It knows nothing of events: the coder builds on what it finds here.
//!
//! Every statistical stage is an averaged perceptron ([`perceptron`]) trained
//! from Universal Dependencies English by `annals train`; the trained models
//! are embedded in the binary ([`models`]) and load in milliseconds.

pub mod clusters;
pub mod conllu;
pub mod doc;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod gum;
pub mod iob;
pub mod lemma;
pub mod models;
pub mod ner;
pub mod normalize;
pub mod numbers;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
pub mod table;
pub mod tagger;
pub mod timex;
pub mod tokenize;
pub mod tokeval;

pub use doc::{Doc, Entity, EntityLabel, Number, Sentence, TimeExpr, Token};
pub use pipeline::Pipeline;
