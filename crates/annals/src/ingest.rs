//! `annals ingest`: read, code and store articles.
//!
//! Articles are coded in parallel (rayon) a batch at a time and written from
//! this thread, so SQLite sees one writer and one transaction per batch.
//! Articles already in the store (same id, URL or normalised text) are
//! recognised before coding, which makes re-ingesting a corpus cheap as well
//! as idempotent. Exit status: 0 when everything was read, 1 when something
//! was skipped, 2 on a fatal error.

use annals_code::{ArticleInfo, Coder};
use annals_store::reader::{self, Notice};
use annals_store::{ArticleRow, EventRow, Inserted, RunStats, Store};
use annals_text::Pipeline;
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
    /// Articles: .txt files (one article each, id = the path), .jsonl files (one
    /// article per line), or directories searched recursively for both.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Articles coded and committed together: larger batches write faster, a
    /// crash loses at most one batch (which the next run restores).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    batch: u64,
}

/// Counts kept while ingesting.
#[derive(Default)]
struct Tally {
    stats: RunStats,
    skipped: Vec<Notice>,
}

impl Tally {
    fn skip(&mut self, n: Notice) {
        eprintln!("annals: skipped {n}");
        self.stats.skipped += 1;
        self.skipped.push(n);
    }
}

/// Codes one article into event rows.
fn code(pipeline: &Pipeline, a: &ArticleRow) -> Result<Vec<EventRow>> {
    let doc = pipeline.annotate(&a.text);
    let date = a.published.as_deref().and_then(reader::parse_date);
    let events = Coder::embedded().code(&ArticleInfo { id: &a.id, date }, &doc);
    events
        .iter()
        .map(|e| Ok(EventRow::from_json(&serde_json::to_string(e)?)?))
        .collect::<Result<Vec<_>>>()
        .with_context(|| format!("{}: storing its events", a.id))
}

/// Codes and stores `pending` (emptying it).
fn flush(
    store: &mut Store,
    pipeline: &Pipeline,
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
    let coded: Vec<Result<Vec<EventRow>>> = fresh.par_iter().map(|a| code(pipeline, a)).collect();
    let mut batch = store.batch(fresh.len());
    for (a, events) in fresh.iter().zip(coded) {
        match batch.insert(a, &events?)? {
            Inserted::New { events } => {
                tally.stats.articles_new += 1;
                tally.stats.events_new += events as u64;
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
    let (files, skipped, ignored) = reader::collect_files(&a.paths);
    for n in skipped {
        tally.skip(n);
    }
    let mut store = Store::open(&a.db).with_context(|| format!("opening {}", a.db.display()))?;
    store.start_run(env!("CARGO_PKG_VERSION"))?;
    let pipeline = Pipeline::embedded()?;
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
    for f in &files {
        let read = reader::read_file(f);
        for n in read.warnings {
            bar.suspend(|| eprintln!("annals: warning: {n}"));
        }
        for n in read.skipped {
            bar.suspend(|| tally.skip(n));
        }
        tally.stats.articles_read += read.articles.len() as u64;
        pending.extend(read.articles);
        // One transaction per `--batch` articles, also within one large file.
        if pending.len() >= a.batch as usize {
            let mut all = std::mem::take(&mut pending).into_iter();
            loop {
                let mut chunk: Vec<ArticleRow> = all.by_ref().take(a.batch as usize).collect();
                if chunk.len() < a.batch as usize {
                    pending = chunk;
                    break;
                }
                flush(&mut store, &pipeline, &mut chunk, &mut tally, &bar)?;
            }
        }
    }
    flush(&mut store, &pipeline, &mut pending, &mut tally, &bar)?;
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
    if ignored > 0 {
        eprintln!(
            "annals: ingest: {ignored} file(s) in the directories were neither .txt nor .jsonl and were not read"
        );
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &tally.skipped {
        *reasons.entry(n.reason).or_default() += 1;
    }
    for (reason, n) in &reasons {
        eprintln!("annals: ingest: skipped {n}: {reason}");
    }
    Ok(if s.skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
