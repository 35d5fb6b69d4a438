//! The dictionaries a run codes with: the shipped ones, or a user's folder
//! (`--dictionaries DIR`) whose files stand in for the shipped ones, and the
//! provenance the store records for the events they produce.

use annals_code::dict::actors::ActorDict;
use annals_code::dict::agents::AgentDict;
use annals_code::dict::events::Lexicon;
use annals_code::Coder;
use annals_store::Coding;
use anyhow::{bail, Result};
use std::path::Path;

/// The text read from a file, or the shipped file's.
fn text_or<'a>(read: &'a Option<(String, String)>, shipped: &'static str) -> &'a str {
    read.as_ref().map_or(shipped, |(t, _)| t.as_str())
}

/// Dictionaries read from a folder, each falling back to the built-in one.
pub struct Dictionaries {
    actors: Option<ActorDict>,
    agents: Option<AgentDict>,
    events: Option<Lexicon>,
    /// Digest of the texts actually in use, user's or shipped.
    fingerprint: String,
}

impl Dictionaries {
    /// The dictionaries of `dir` (the shipped ones without it). Bad lines
    /// are reported with file and line and skipped (counted in `skipped`),
    /// or fail the run with `strict`.
    pub fn load(dir: Option<&Path>, strict: bool, skipped: &mut usize) -> Result<Dictionaries> {
        let mut out = Dictionaries {
            actors: None,
            agents: None,
            events: None,
            fingerprint: annals_code::dict::embedded_fingerprint().to_string(),
        };
        let Some(dir) = dir else { return Ok(out) };
        let read = |name: &str| -> Result<Option<(String, String)>> {
            let p = dir.join(name);
            match std::fs::read_to_string(&p) {
                Ok(t) => Ok(Some((t, p.display().to_string()))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(anyhow::anyhow!("{}: {e}", p.display())),
            }
        };
        let mut report = |errors: Vec<String>| -> Result<()> {
            for e in &errors {
                if strict {
                    bail!("{e}");
                }
                eprintln!("annals: skipped dictionary line {e}");
            }
            *skipped += errors.len();
            Ok(())
        };
        let (actors, agents, events) = (read("actors.tsv")?, read("agents.tsv")?, read("events.tsv")?);
        if let Some((text, name)) = &actors {
            let (d, errs) = ActorDict::parse(text, name);
            report(errs.iter().map(ToString::to_string).collect())?;
            out.actors = Some(d);
        }
        if let Some((text, name)) = &agents {
            let (d, errs) = AgentDict::parse(text, name);
            report(errs.iter().map(ToString::to_string).collect())?;
            out.agents = Some(d);
        }
        if let Some((text, name)) = &events {
            let (d, errs) = Lexicon::parse(text, name);
            report(errs.iter().map(ToString::to_string).collect())?;
            out.events = Some(d);
        }
        if out.actors.is_none() && out.agents.is_none() && out.events.is_none() {
            bail!("{}: no actors.tsv, agents.tsv or events.tsv there", dir.display());
        }
        out.fingerprint = annals_code::dict::fingerprint(
            text_or(&actors, ActorDict::embedded_text()),
            text_or(&agents, AgentDict::embedded_text()),
            text_or(&events, Lexicon::embedded_text()),
        );
        Ok(out)
    }

    /// A coder on these dictionaries.
    pub fn coder(&self) -> Coder<'_> {
        let mut coder = Coder::embedded();
        if let Some(d) = &self.actors {
            coder.actors = d;
        }
        if let Some(d) = &self.agents {
            coder.agents = d;
        }
        if let Some(d) = &self.events {
            coder.lexicon = d;
        }
        coder
    }

    /// What the store records as having coded the events of this run.
    pub fn coding(&self) -> Coding {
        Coding {
            version: env!("CARGO_PKG_VERSION").to_string(),
            model_hash: annals_text::models::fingerprint().to_string(),
            dict_hash: self.fingerprint.clone(),
        }
    }
}
