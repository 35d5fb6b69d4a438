//! # annals-code
//!
//! The event coder: it reads a [`annals_text::Doc`] and writes events — who
//! did what to whom, when and where, in what mode, according to whom — in
//! CAMEO and PLOVER terms ([`event::Event`], the record fixed by the
//! design).
//!
//! It knows nothing of storage or HTTP. Its knowledge is data: the
//! ontologies ([`ontology`]), the project's own plain-text dictionaries
//! ([`dict`]) and a GeoNames gazetteer ([`places`]). Each resolver is a
//! small module: [`mode`], [`attribution`], [`when`] (dates), [`places`],
//! [`actor`] (actor phrases, codes and quantities).

pub mod actor;
pub mod analog;
pub mod attribution;
pub mod coder;
pub mod dict;
pub mod event;
pub mod gold;
pub mod mode;
pub mod ontology;
pub mod places;
pub mod tree;
pub mod when;

pub use coder::{ArticleInfo, Coder};
pub use event::Event;
