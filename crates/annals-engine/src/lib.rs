//! # annals-engine
//!
//! One entry point from an article to its events: [`Engine`] holds the
//! loaded language models (annals-text) and dictionaries (annals-code) and
//! codes an [`Article`] into typed [`Event`] records (annals-record).
//! `annals code`, `ingest`, `recode`, the evaluations and the coming server
//! all call it; it knows nothing of storage.
//!
//! An engine is `Send + Sync`: load it once and share it (behind an `Arc`,
//! or by reference across rayon's threads); coding takes `&self`.
//!
//! ```no_run
//! use annals_engine::{Engine, Options};
//! let engine = Engine::load(&Options::default())?;
//! let article = annals_read::Article { id: "a1".into(), text: "Egypt hosted talks on Monday.".into(), ..Default::default() };
//! for e in engine.code_article(&article) {
//!     println!("{}", e.to_json());
//! }
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! Also here: what a re-coding changed ([`recode`]) and the scoring on
//! PLOVER's gold records ([`plover_eval`]).

pub mod dictionaries;
pub mod plover_eval;
pub mod recode;

pub use annals_read::Article;
pub use annals_record::Event;
pub use dictionaries::Dictionaries;

use annals_code::{ArticleInfo, Coder};
use annals_text::Pipeline;
use anyhow::Result;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How to load an engine.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Dictionaries from this folder instead of the built-in ones (any of
    /// `actors.tsv`, `agents.tsv`, `events.tsv`; `petrarch:DIR` for
    /// PETRARCH's files).
    pub dictionaries: Option<PathBuf>,
    /// Fail on the first bad dictionary line instead of skipping it.
    pub strict: bool,
    /// Record in each event the dictionary entries and parse relations that
    /// produced it.
    pub explain: bool,
}

/// What loading took and found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub models: Duration,
    pub dictionaries: Duration,
    /// Dictionary lines skipped as malformed, each with its file and line.
    pub skipped_lines: Vec<String>,
}

/// Which annals, models and dictionaries code: what the store records as
/// each event's provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The annals version.
    pub version: String,
    /// Digest of the language models.
    pub model_hash: String,
    /// Digest of the dictionaries (and other coder data) in use.
    pub dict_hash: String,
}

/// An article's events with the time each layer took.
#[derive(Debug, Clone)]
pub struct Coded {
    pub events: Vec<Event>,
    /// The text layer (tokens, tags, parse, entities, times).
    pub text: Duration,
    /// The coder on the annotated text.
    pub code: Duration,
    /// Tokens in the article.
    pub tokens: usize,
}

/// The loaded models and dictionaries.
pub struct Engine {
    pipeline: Pipeline,
    dictionaries: Dictionaries,
    explain: bool,
    loaded: Loaded,
}

impl Engine {
    /// Loads the embedded models and the dictionaries `o` names.
    pub fn load(o: &Options) -> Result<Engine> {
        let clock = Instant::now();
        let pipeline = Pipeline::embedded()?;
        let models = clock.elapsed();
        let (dictionaries, mut loaded) = Engine::load_dictionaries(o)?;
        loaded.models = models;
        Ok(Engine { pipeline, dictionaries, explain: o.explain, loaded })
    }

    /// Loads only the dictionaries `o` names: enough to know the
    /// [`Provenance`] before deciding whether models are needed at all
    /// (see [`Engine::with_dictionaries`]).
    pub fn load_dictionaries(o: &Options) -> Result<(Dictionaries, Loaded)> {
        let clock = Instant::now();
        let mut skipped_lines = Vec::new();
        let d = Dictionaries::load(o.dictionaries.as_deref(), o.strict, &mut skipped_lines)?;
        Ok((d, Loaded { models: Duration::ZERO, dictionaries: clock.elapsed(), skipped_lines }))
    }

    /// The dictionaries in use.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dictionaries
    }

    /// An engine on dictionaries already loaded, with the embedded models.
    pub fn with_dictionaries(dictionaries: Dictionaries, explain: bool) -> Result<Engine> {
        let clock = Instant::now();
        let pipeline = Pipeline::embedded()?;
        let loaded = Loaded { models: clock.elapsed(), ..Default::default() };
        Ok(Engine { pipeline, dictionaries, explain, loaded })
    }

    /// What loading took and found.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The provenance of the events this engine codes.
    pub fn provenance(&self) -> Provenance {
        provenance(&self.dictionaries)
    }

    /// The language layer, for callers that annotate text themselves.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// A coder on the engine's dictionaries (cheap: it borrows them).
    pub fn coder(&self) -> Coder<'_> {
        let mut c = self.dictionaries.coder();
        c.explain = self.explain;
        c
    }

    /// The events of `article`; its `published` date (ISO) anchors relative
    /// dates.
    pub fn code_article(&self, article: &Article) -> Vec<Event> {
        self.code(&article.id, &article.text, article.published.as_deref())
    }

    /// The events of the text of article `id`, published on `published`
    /// (an ISO date or date-time; ignored when it is not one).
    pub fn code(&self, id: &str, text: &str, published: Option<&str>) -> Vec<Event> {
        self.code_timed(id, text, published).events
    }

    /// [`Engine::code`] with the time each layer took.
    pub fn code_timed(&self, id: &str, text: &str, published: Option<&str>) -> Coded {
        let date = published.and_then(annals_read::parse_date);
        let t0 = Instant::now();
        let doc = self.pipeline.annotate(text);
        let t1 = Instant::now();
        let events = self.coder().code(&ArticleInfo { id, date }, &doc);
        Coded { events, text: t1 - t0, code: t1.elapsed(), tokens: doc.tokens.len() }
    }
}

/// The provenance of events coded with `d` and the embedded models.
pub fn provenance(d: &Dictionaries) -> Provenance {
    Provenance {
        version: env!("CARGO_PKG_VERSION").to_string(),
        model_hash: annals_text::models::fingerprint().to_string(),
        dict_hash: d.fingerprint().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_engine_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Engine>();
        shared::<std::sync::Arc<Engine>>();
    }

    #[test]
    fn dictionaries_alone_give_the_provenance() {
        let (d, loaded) = Engine::load_dictionaries(&Options::default()).unwrap();
        assert!(loaded.skipped_lines.is_empty());
        let p = provenance(&d);
        assert_eq!(p.dict_hash, annals_code::dict::embedded_fingerprint());
        assert!(!p.model_hash.is_empty());
        let bad = Options { dictionaries: Some("/nonexistent/annals-dictionaries".into()), ..Default::default() };
        assert!(Engine::load_dictionaries(&bad).is_err());
    }
}
