//! `annals recode`: code stored articles again, from the text the store
//! keeps, with the current models and dictionaries, and report what changed.
//!
//! It works like ingest: articles are coded in parallel a batch at a time
//! and written from this thread, each article's events replaced under a
//! savepoint inside a batch transaction, so a crash leaves every article
//! with either its old events or its new ones. Articles whose provenance is
//! already the current coding are skipped (unless `--force`), so running it
//! twice does the work once. Exit status: 0 when every article was re-coded,
//! 1 when something was skipped, 2 on a fatal error.

use crate::ingest;
use annals_engine::recode::Changes;
use annals_engine::{Engine, Options};
use annals_store::{ArticleRow, Event, Store};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The database to re-code.
    #[arg(long, default_value = "annals.db")]
    db: PathBuf,
    /// Code with the dictionaries of this folder instead of the built-in ones
    /// (any of actors.tsv, agents.tsv, events.tsv, as for `annals code`).
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Re-code only this article (repeatable); default: every stored article.
    #[arg(long = "article", value_name = "ID")]
    articles: Vec<String>,
    /// Report what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Re-code articles even when the current version, models and
    /// dictionaries already coded them.
    #[arg(long)]
    force: bool,
    /// Articles coded and committed together.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    batch: u64,
}

fn progress_bar(len: usize) -> Result<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return Ok(ProgressBar::hidden());
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{wide_bar} {pos}/{len} articles, {per_sec} [{elapsed}<{eta}]")?;
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Ok(bar)
}

/// Reads one stored article with its events; `None` (reported) if unreadable.
fn load(store: &Store, id: &str, bar: &ProgressBar) -> Result<Option<(ArticleRow, Vec<Event>)>> {
    let Some(article) = store.article(id)? else {
        bar.suspend(|| eprintln!("annals: recode: {id}: no longer in the store; skipped"));
        return Ok(None);
    };
    match store.article_events(id) {
        Ok(events) => Ok(Some((article, events))),
        Err(e) => {
            bar.suspend(|| eprintln!("annals: recode: {id}: its stored events do not read back ({e}); skipped"));
            Ok(None)
        }
    }
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    let mut seen = std::collections::HashSet::new();
    a.articles.retain(|id| seen.insert(id.clone()));
    let clock = std::time::Instant::now();
    let mut store = Store::open_existing(&a.db).with_context(|| format!("opening {}", a.db.display()))?;
    let (dicts, loaded) =
        Engine::load_dictionaries(&Options { dictionaries: a.dictionaries.clone(), ..Default::default() })?;
    let dict_skips = crate::report_skipped_lines(&loaded.skipped_lines);
    let coding = ingest::coding(annals_engine::provenance(&dicts));
    let current = if a.force { None } else { store.find_coding(&coding)? };
    let (ids, unknown) = store.articles_to_recode(current, &a.articles)?;
    for id in &unknown {
        eprintln!("annals: recode: {id}: no such article in {}", a.db.display());
    }
    let considered = if a.articles.is_empty() { store.totals()?.0 as usize } else { a.articles.len() - unknown.len() };
    if !a.dry_run && !ids.is_empty() {
        store.set_coding(&coding)?;
    }
    // Loading the models takes a while; an up-to-date store needs none.
    let engine = if ids.is_empty() { None } else { Some(Engine::with_dictionaries(dicts, false)?) };
    let bar = progress_bar(ids.len())?;
    let mut changes = Changes::default();
    let mut failed = 0usize;
    for chunk in ids.chunks(a.batch as usize) {
        let mut work = Vec::with_capacity(chunk.len());
        for id in chunk {
            match load(&store, id, &bar)? {
                Some(w) => work.push(w),
                None => failed += 1,
            }
        }
        let Some(engine) = &engine else { break };
        let coded: Vec<Result<Vec<Event>>> =
            work.par_iter().map(|(art, _)| Ok(engine.code(&art.id, &art.text, art.published.as_deref()))).collect();
        let mut batch = (!a.dry_run).then(|| store.batch(work.len()));
        for ((art, old), new) in work.iter().zip(coded) {
            bar.inc(1);
            let written = new.and_then(|new| match &mut batch {
                Some(b) => {
                    b.replace(&art.id, &new).map(|_| new).with_context(|| format!("{}: replacing its events", art.id))
                }
                None => Ok(new),
            });
            match written {
                Ok(new) => changes.add(old, &new),
                Err(e) => {
                    bar.suspend(|| eprintln!("annals: recode: {e:#}; its old events are kept"));
                    failed += 1;
                }
            }
        }
        if let Some(b) = batch {
            b.finish()?;
        }
    }
    bar.finish_and_clear();
    if !a.dry_run {
        // Each replaced article joined happenings as it was written; grouping
        // depends on the order events arrive, so regroup what the new and
        // old events touched to get exactly what a fresh ingest would give.
        store.regroup_touched()?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report(&mut out, &changes, considered - ids.len(), failed + unknown.len(), a.dry_run, &coding)?;
    out.flush().context("writing the report")?;
    let secs = clock.elapsed().as_secs_f64();
    eprintln!(
        "annals: recode: {} article(s) in {secs:.1} s, {:.1} articles/s",
        changes.articles,
        changes.articles as f64 / secs.max(1e-9)
    );
    Ok(if failed + unknown.len() + dict_skips > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn report(
    out: &mut dyn Write,
    c: &Changes,
    current: usize,
    failed: usize,
    dry_run: bool,
    coding: &annals_store::Coding,
) -> Result<()> {
    let what = if dry_run { "recode (dry run, nothing written)" } else { "recode" };
    writeln!(
        out,
        "{what}: {} article(s) re-coded, {} with changes; {current} already current; {failed} skipped",
        c.articles, c.articles_changed
    )?;
    writeln!(
        out,
        "events: {} before, {} after: {} added, {} removed, {} changed, {} unchanged",
        c.before, c.after, c.added, c.removed, c.changed, c.unchanged
    )?;
    writeln!(
        out,
        "coding: annals {}, models {}, dictionaries {}",
        coding.version, coding.model_hash, coding.dict_hash
    )?;
    let rows = c.root_rows();
    if rows.is_empty() {
        return Ok(());
    }
    let name_w = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0).max(4);
    writeln!(
        out,
        "{:<4}  {:<name_w$}  {:>6}  {:>6}  {:>6}  {:>6}",
        "root", "name", "before", "after", "gained", "lost"
    )?;
    for (root, name, r) in rows {
        writeln!(
            out,
            "{root:<4}  {name:<name_w$}  {:>6}  {:>6}  {:>6}  {:>6}",
            r.before,
            r.after,
            format!("+{}", r.gained),
            format!("-{}", r.lost)
        )?;
    }
    Ok(())
}
