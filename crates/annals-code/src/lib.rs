//! # annals-code
//!
//! The event coder: it reads a [`annals_text::Doc`] and writes events — who
//! did what to whom, when and where, in what mode, according to whom — in
//! CAMEO and PLOVER terms ([`event::Event`], the record fixed by the
//! design).
//!
//! It knows nothing of storage or HTTP. Its knowledge is data: the
//! ontologies ([`ontology`]), the project's own plain-text dictionaries
//! ([`dict`], [`cues`]) and a GeoNames gazetteer ([`places`]). The coder
//! ([`coder`]) is a pipeline of stages, one module each:
//!
//! | stage | module | decides |
//! |---|---|---|
//! | repair | [`repair`] | one canonical shape for attachments parsers make in more than one way |
//! | discourse | [`discourse`] | who is who across sentences: names, pronouns, the report's country, quotes and speakers |
//! | triggers | [`trigger`] | which words report events, in which sense |
//! | frames | [`frame`] | which words fill source and target |
//! | actors | [`actors`] | what those words name, as CAMEO actor codes; whether they are actors at all |
//! | resolvers | [`resolve`] | mode, attribution, date, place, quantity |
//! | speech acts | [`speech`] | what statements accuse, criticise or praise |
//! | assembly | [`assemble`] | the event records |

pub mod actors;
pub mod assemble;
pub mod coder;
pub mod cues;
pub mod dict;
pub mod discourse;
pub mod event;
#[cfg(test)]
mod fixture;
pub mod frame;
pub mod gold;
pub mod ontology;
pub mod places;
pub mod repair;
pub mod resolve;
pub mod speech;
pub mod tree;
pub mod trigger;

pub use coder::{ArticleInfo, Coder};
pub use event::Event;
