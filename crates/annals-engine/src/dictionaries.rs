//! The dictionaries a run codes with: the shipped ones, or a user's folder
//! (`--dictionaries DIR`) whose files stand in for the shipped ones, or a
//! PETRARCH folder (`petrarch:DIR`), and the digest of what is in use.

use annals_code::dict::actors::ActorDict;
use annals_code::dict::agents::AgentDict;
use annals_code::dict::events::Lexicon;
use annals_code::dict::petrarch::{Environment, Petrarch};
use annals_code::Coder;
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
    /// PETRARCH-format dictionaries (`--dictionaries petrarch:DIR`), which
    /// replace all three.
    petrarch: Option<Box<Petrarch>>,
    /// Digest of the texts actually in use, user's or shipped.
    fingerprint: String,
}

impl Dictionaries {
    /// The dictionaries of `dir` (the shipped ones without it). Bad lines
    /// are skipped and told in `skipped` (file and line, and what is wrong),
    /// or fail the load with `strict`.
    pub fn load(dir: Option<&Path>, strict: bool, skipped: &mut Vec<String>) -> Result<Dictionaries> {
        let mut out = Dictionaries {
            actors: None,
            agents: None,
            events: None,
            petrarch: None,
            fingerprint: annals_code::dict::embedded_fingerprint().to_string(),
        };
        let Some(dir) = dir else { return Ok(out) };
        if let Some(p) = dir.to_str().and_then(|d| d.strip_prefix("petrarch:")) {
            let dir = Path::new(p);
            let env = petrarch_environment(dir)?;
            let (d, fingerprint) = load_petrarch(dir, &env, strict, skipped)?;
            out.petrarch = Some(Box::new(d));
            out.fingerprint = fingerprint;
            return Ok(out);
        }
        let read = |name: &str| -> Result<Option<(String, String)>> {
            let p = dir.join(name);
            match std::fs::read_to_string(&p) {
                Ok(t) => Ok(Some((t, p.display().to_string()))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(anyhow::anyhow!("{}: {e}", p.display())),
            }
        };
        let mut report = |errors: Vec<String>| -> Result<()> {
            if let (true, Some(e)) = (strict, errors.first()) {
                bail!("{e}");
            }
            skipped.extend(errors);
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

    /// PETRARCH dictionaries already read (see [`load_petrarch`]), with
    /// their fingerprint.
    pub fn petrarch(p: Petrarch, fingerprint: String) -> Dictionaries {
        Dictionaries { actors: None, agents: None, events: None, petrarch: Some(Box::new(p)), fingerprint }
    }

    /// The PETRARCH dictionaries in use, if any.
    pub fn petrarch_dictionaries(&self) -> Option<&Petrarch> {
        self.petrarch.as_deref()
    }

    /// A coder on these dictionaries.
    pub fn coder(&self) -> Coder<'_> {
        let mut coder = Coder::embedded();
        if let Some(p) = &self.petrarch {
            return petrarch_coder(p);
        }
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

    /// The digest of the dictionary texts in use, user's or shipped.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

/// A coder on PETRARCH dictionaries: their verbs, actors and agents, and
/// their semantics as a last pass.
pub fn petrarch_coder(p: &Petrarch) -> Coder<'_> {
    let mut coder = Coder::embedded();
    coder.lexicon = p;
    coder.actors = p;
    coder.agents = p;
    coder.finish = Some(p);
    coder
}

/// The dictionaries a PETRARCH folder names: its config file's
/// `[Dictionaries]` (`PETR_config.ini.txt` in the folder or in `../config`),
/// else the Phoenix release set.
pub fn petrarch_environment(dir: &Path) -> Result<Environment> {
    for c in [dir.join("PETR_config.ini.txt"), dir.join("../config/PETR_config.ini.txt")] {
        if let Ok(text) = std::fs::read_to_string(&c) {
            let env = Environment::from_config(&text);
            if env.verbs.is_some() || !env.actors.is_empty() {
                return Ok(env);
            }
        }
    }
    Ok(Environment::phoenix())
}

/// Reads the PETRARCH files `env` names from `dir`. Bad lines are skipped
/// and told in `skipped` (file and line), or fail the load with `strict`.
/// Returns the dictionaries and their fingerprint.
pub fn load_petrarch(
    dir: &Path,
    env: &Environment,
    strict: bool,
    skipped: &mut Vec<String>,
) -> Result<(Petrarch, String)> {
    let read = |name: &str| -> Result<(String, String)> {
        let p = dir.join(name);
        let bytes = std::fs::read(&p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        // The files are "flat ASCII"; stray Latin-1 bytes are kept as characters.
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
        };
        Ok((name.to_string(), text))
    };
    let verbs = env.verbs.as_deref().map(read).transpose()?;
    let actors = env.actors.iter().map(|a| read(a)).collect::<Result<Vec<_>>>()?;
    let agents = env.agents.as_deref().map(read).transpose()?;
    let discards = env.discards.as_deref().map(read).transpose()?;
    if verbs.is_none() && actors.is_empty() {
        bail!("{}: no PETRARCH verb or actor file named", dir.display());
    }
    let pair = |x: &Option<(String, String)>| x.as_ref().map(|(n, t)| (n.clone(), t.clone()));
    let (v, ag, di) = (pair(&verbs), pair(&agents), pair(&discards));
    let actor_refs: Vec<(&str, &str)> = actors.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let (p, errors) = Petrarch::from_texts(
        v.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        &actor_refs,
        ag.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        di.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
    );
    if let Some(on) = env.require_dyad {
        p.set_require_dyad(on);
    }
    if let (true, Some(e)) = (strict, errors.first()) {
        bail!("{e}");
    }
    skipped.extend(errors.iter().map(ToString::to_string));
    let all_actors: String = actors.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
    let text = |x: &Option<(String, String)>| x.as_ref().map_or(String::new(), |(_, t)| t.clone());
    // An option that changes what is coded is part of what coded it.
    let options = if env.require_dyad == Some(false) { "\nrequire_dyad = False" } else { "" };
    let fingerprint = annals_code::dict::fingerprint(
        &all_actors,
        &format!("{}\n{}", text(&agents), text(&discards)),
        &format!("{}{options}", text(&verbs)),
    );
    Ok((p, fingerprint))
}
