//! The project's dictionaries: actors, agents (roles) and the event lexicon.
//! Each is a plain-text file validated on load with file:line errors.

pub mod actors;
pub mod agents;
pub mod events;

use actors::{Actor, FormKind};
use events::{EventEntry, TriggerPos};

/// What the coder asks of an actor dictionary. Another dictionary format
/// (PETRARCH's, say) plugs in by answering the same question.
pub trait ActorLookup: Sync {
    /// The longest actor name starting at `words[start]`, as in force on
    /// `date` (ISO): `(end, actor, how it was named)`.
    fn find_actor(&self, words: &[&str], start: usize, date: Option<&str>) -> Option<(usize, &Actor, FormKind)>;
}

/// What the coder asks of an agent (role) dictionary.
pub trait AgentLookup: Sync {
    /// The longest role phrase starting at `lemmas[start]`: `(end, code)`.
    fn find_agent(&self, lemmas: &[&str], start: usize) -> Option<(usize, &str)>;
}

/// What the coder asks of an event lexicon.
pub trait EventLookup: Sync {
    /// The entries for a trigger lemma, most specific first.
    fn triggers(&self, pos: TriggerPos, lemma: &str) -> &[EventEntry];
}

impl ActorLookup for actors::ActorDict {
    fn find_actor(&self, words: &[&str], start: usize, date: Option<&str>) -> Option<(usize, &Actor, FormKind)> {
        self.longest_match_on(words, start, date)
    }
}

impl AgentLookup for agents::AgentDict {
    fn find_agent(&self, lemmas: &[&str], start: usize) -> Option<(usize, &str)> {
        self.match_agent(lemmas, start)
    }
}

impl EventLookup for events::Lexicon {
    fn triggers(&self, pos: TriggerPos, lemma: &str) -> &[EventEntry] {
        self.entries(pos, lemma)
    }
}
