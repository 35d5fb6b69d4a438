//! The project's dictionaries: actors, agents (roles) and the event lexicon.
//! Each is a plain-text file validated on load with file:line errors.

pub mod actors;
pub mod agents;
pub mod events;
pub mod petrarch;

use actors::{Actor, FormKind};
use events::{EventEntry, TriggerPos};
use std::sync::OnceLock;

/// An xxh3-128 digest (hex) of the knowledge a coder runs on: the three
/// dictionary texts given (the shipped ones or a user's), plus the embedded
/// gazetteer and ontologies, which change codes as much as a dictionary
/// does. Stored events carry it so that `annals recode` knows what is stale.
pub fn fingerprint(actors: &str, agents: &str, events: &str) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    let parts: [&[u8]; 6] = [
        actors.as_bytes(),
        agents.as_bytes(),
        events.as_bytes(),
        crate::places::EMBEDDED,
        crate::ontology::CAMEO_TSV.as_bytes(),
        crate::ontology::PLOVER_TSV.as_bytes(),
    ];
    for p in parts {
        // The length keeps text from passing unnoticed from one file to the next.
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    format!("{:032x}", h.digest128())
}

/// The fingerprint of the shipped dictionaries, computed once.
pub fn embedded_fingerprint() -> &'static str {
    static F: OnceLock<String> = OnceLock::new();
    F.get_or_init(|| {
        fingerprint(
            actors::ActorDict::embedded_text(),
            agents::AgentDict::embedded_text(),
            events::Lexicon::embedded_text(),
        )
    })
}

/// What the coder asks of an actor dictionary. Another dictionary format
/// (PETRARCH's, say) plugs in by answering the same question.
pub trait ActorLookup: Sync {
    /// The longest actor name starting at word `start`, as in force on
    /// `date` (ISO): `(end, actor, how it was named)`. The words are given
    /// as written (`forms`) and as their tokens'
    /// [`norm`](annals_text::Token::norm)s, one per form.
    fn find_actor(
        &self,
        forms: &[&str],
        norms: &[&str],
        start: usize,
        date: Option<&str>,
    ) -> Option<(usize, &Actor, FormKind)>;
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
    fn find_actor(
        &self,
        forms: &[&str],
        norms: &[&str],
        start: usize,
        date: Option<&str>,
    ) -> Option<(usize, &Actor, FormKind)> {
        self.longest_match_on(forms, norms, start, date)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_changes_with_any_dictionary() {
        let (a, g, e) =
            (actors::ActorDict::embedded_text(), agents::AgentDict::embedded_text(), events::Lexicon::embedded_text());
        assert_eq!(embedded_fingerprint(), fingerprint(a, g, e));
        let added = format!("{e}0841\tverb\tliberate\n");
        assert_ne!(fingerprint(a, g, &added), embedded_fingerprint());
        assert_ne!(fingerprint(a, "", g), fingerprint(a, g, ""));
    }
}
