//! The project's dictionaries: actors, agents (roles) and the event lexicon.
//! Each is a plain-text file validated on load with file:line errors.

pub mod actors;
pub mod agents;
pub mod events;
