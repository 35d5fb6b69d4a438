//! The event record, as fixed by the design: one JSON object per event
//! mention, every span a byte range into the article's text. The types live
//! in `annals-record`, which the store and the exports share; they are
//! re-exported here for the coder's stages.

pub use annals_record::{ActorRef, Attribution, Basis, Event, EventDate, Mode, Place, Precision, Quantity, Span};
