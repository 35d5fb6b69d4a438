//! The resolvers: what the record says about an event besides who did what
//! to whom. Each is one module over the sentence's parse: [`mode`] (did it
//! happen?), [`analog`] (CAMEO's codes for what did not), [`attribution`]
//! (according to whom?), [`when`] (its date), [`place`] (where) and
//! [`quantity`] (how many); [`restate`] completes an earlier event from a
//! sentence that only says where or when it happened.

pub mod analog;
pub mod attribution;
pub mod mode;
pub mod place;
pub mod quantity;
pub mod restate;
pub mod when;
