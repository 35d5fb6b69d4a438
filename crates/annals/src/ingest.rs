//! `annals ingest`: read, code and store articles.
//!
//! Articles are coded in parallel (rayon) a batch at a time and written from
//! this thread, so SQLite sees one writer and one transaction per batch.
//! Articles already in the store (same id, URL or normalised text) are
//! recognised before coding, which makes re-ingesting a corpus cheap as well
//! as idempotent. Files are read as a stream of articles (annals-read), so a
//! large WARC is never held in memory. Exit status: 0 when everything was
//! read, 1 when something was skipped, 2 on a fatal error or, with
//! `--strict`, at the first malformed input (after committing what came
//! before it).

use annals_engine::{Engine, Options, Provenance};
use annals_read::{Article, Item, Notice};
use annals_store::{ArticleRow, Coding, Inserted, RunStats, Store};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The database (created if missing).
    #[arg(long, default_value = "annals.db")]
    db: PathBuf,
    /// Articles: files or directories (searched recursively, in sorted order).
    /// Read by extension: .txt (one article, id = the path), .jsonl (one article
    /// per line), .html/.htm (the page's main text), .rss/.atom and .xml feeds
    /// (one article per item), .warc/.warc.gz (every HTML response).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Articles coded and committed together: larger batches write faster, a
    /// crash loses at most one batch (which the next run restores).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    batch: u64,
    /// Code with the dictionaries of this folder instead of the built-in ones
    /// (as `annals code --dictionaries`); the events record which were used.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Stop at the first malformed input (exit status 2) instead of skipping it;
    /// what was read before it is stored.
    #[arg(long)]
    strict: bool,
}

/// Counts kept while ingesting.
#[derive(Default)]
struct Tally {
    stats: RunStats,
    /// Skipped inputs by reason.
    reasons: BTreeMap<&'static str, usize>,
    /// Parts of sources that are not articles (WARC requests, images), by kind.
    ignored: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn skip(&mut self, n: &Notice) {
        eprintln!("annals: skipped {n}");
        self.stats.skipped += 1;
        *self.reasons.entry(n.reason).or_default() += 1;
    }
}

/// The store's row for an article read from a source.
fn row(a: Article) -> ArticleRow {
    ArticleRow { id: a.id, text: a.text, published: a.published, url: a.url, title: a.title, outlet: a.outlet }
}

/// The store's provenance row for what an engine codes.
pub fn coding(p: Provenance) -> Coding {
    Coding { version: p.version, model_hash: p.model_hash, dict_hash: p.dict_hash }
}

/// Codes and stores `pending` (emptying it).
fn flush(
    store: &mut Store,
    engine: &Engine,
    pending: &mut Vec<ArticleRow>,
    tally: &mut Tally,
    bar: &ProgressBar,
) -> Result<()> {
    let mut fresh = Vec::with_capacity(pending.len());
    for a in pending.drain(..) {
        if store.find_duplicate(&a)?.is_some() {
            tally.stats.duplicates += 1;
            bar.inc(1);
        } else {
            fresh.push(a);
        }
    }
    let coded: Vec<_> = fresh.par_iter().map(|a| engine.code(&a.id, &a.text, a.published.as_deref())).collect();
    let mut batch = store.batch(fresh.len());
    for (a, events) in fresh.iter().zip(coded) {
        match batch.insert(a, &events)? {
            Inserted::New { events } => {
                tally.stats.articles_new += 1;
                tally.stats.events_new += events as u64;
            }
            Inserted::NearDuplicate { events, mentions, .. } => {
                tally.stats.articles_new += 1;
                tally.stats.events_new += events as u64;
                tally.stats.near_duplicates += 1;
                tally.stats.mentions += mentions as u64;
            }
            // Two copies within one batch: the first is stored, this one is not.
            Inserted::Duplicate { .. } => tally.stats.duplicates += 1,
        }
        bar.inc(1);
    }
    batch.finish()?;
    let secs = bar.elapsed().as_secs_f64().max(1e-3);
    let (n, ev) = (bar.position() as f64, tally.stats.events_new);
    bar.set_message(format!("{ev} events; {:.1} articles/s, {:.1} events/s", n / secs, ev as f64 / secs));
    Ok(())
}

pub fn run(a: Args) -> Result<ExitCode> {
    let clock = std::time::Instant::now();
    let mut tally = Tally::default();
    let (files, skipped, ignored_files) = annals_read::collect_files(&a.paths);
    for n in &skipped {
        tally.skip(n);
        if a.strict {
            eprintln!("annals: ingest: stopped at {} (--strict); nothing stored", n.location);
            return Ok(ExitCode::from(2));
        }
    }
    let engine = Engine::load(&Options { dictionaries: a.dictionaries.clone(), ..Default::default() })?;
    let dict_skips = crate::report_skipped_lines(&engine.loaded().skipped_lines);
    let mut store = Store::open(&a.db).with_context(|| format!("opening {}", a.db.display()))?;
    store.start_run(env!("CARGO_PKG_VERSION"))?;
    store.set_coding(&coding(engine.provenance()))?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        let style = ProgressStyle::with_template("{spinner} {pos} articles, {msg} [{elapsed}]")?;
        bar.set_style(style);
        bar.set_message("0 events");
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut pending = Vec::new();
    let mut stopped_at = None;
    'files: for (path, format) in &files {
        for item in annals_read::read_file(path, *format) {
            match item {
                Item::Article(article) => {
                    tally.stats.articles_read += 1;
                    pending.push(row(article));
                    if pending.len() >= a.batch as usize {
                        flush(&mut store, &engine, &mut pending, &mut tally, &bar)?;
                    }
                }
                Item::Warning(n) => bar.suspend(|| eprintln!("annals: warning: {n}")),
                Item::Skipped(n) => {
                    bar.suspend(|| tally.skip(&n));
                    if a.strict {
                        stopped_at = Some(n.location);
                        break 'files;
                    }
                }
                Item::Ignored(what) => *tally.ignored.entry(what).or_default() += 1,
            }
        }
    }
    flush(&mut store, &engine, &mut pending, &mut tally, &bar)?;
    bar.finish_and_clear();
    store.finish_run(&tally.stats)?;
    let s = &tally.stats;
    let secs = clock.elapsed().as_secs_f64();
    eprintln!(
        "annals: ingest: {} file(s), {} article(s) read, {} new ({} events), {} duplicate(s), {} skipped; {:.1} s, {:.1} articles/s",
        files.len(),
        s.articles_read,
        s.articles_new,
        s.events_new,
        s.duplicates,
        s.skipped,
        secs,
        s.articles_read as f64 / secs.max(1e-9)
    );
    eprintln!(
        "annals: ingest: {} near-duplicate(s) linked to their original, {} of their event(s) stored as mentions",
        s.near_duplicates, s.mentions
    );
    if ignored_files > 0 {
        eprintln!(
            "annals: ingest: {ignored_files} file(s) in the directories were not of a kind read ({}) and were not read",
            annals_read::EXTENSIONS
        );
    }
    for (what, n) in &tally.ignored {
        eprintln!("annals: ingest: not articles, not read: {n} {what}");
    }
    for (reason, n) in &tally.reasons {
        eprintln!("annals: ingest: skipped {n}: {reason}");
    }
    if let Some(location) = stopped_at {
        eprintln!("annals: ingest: stopped at {location} (--strict); the articles read before it are stored");
        return Ok(ExitCode::from(2));
    }
    Ok(if s.skipped > 0 || dict_skips > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
