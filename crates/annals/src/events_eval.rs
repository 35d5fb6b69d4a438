//! `annals eval events`: scores the coder on whole news reports against
//! hand-made gold events (the format and rules of `news-gold/FORMAT.md`,
//! implemented in [`annals_code::gold`]).
//!
//! Each gold file names its report by URL; the report's text comes from the
//! article files given with `--articles` (any format annals reads: CSV,
//! JSON Lines, ...), by default every CSV in `../shared/data/news`. The
//! article is coded as one report whose id is the URL, dated by its
//! publication date, exactly as `annals code` would code it.

use annals_code::gold::{self, GoldFile, ReportScore, Tier, ATTRIBUTES};
use annals_code::Event;
use annals_engine::{Engine, Options};
use annals_read::{Article, Item};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A folder of gold files (`*.json`, one report each), or gold files.
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// Article files holding the reports (found by URL or id); by default
    /// every .csv in ../shared/data/news.
    #[arg(long)]
    articles: Vec<PathBuf>,
    /// List, per report, the missed required events, the unmatched events,
    /// the violations and the wrong attributes.
    #[arg(long)]
    show_errors: bool,
    /// List, per report, the coder events that matched a gold event, with
    /// the gold event's id and tier (to see what a rule would cost).
    #[arg(long)]
    show_matches: bool,
    /// Read dictionaries from this folder instead of the built-in ones.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Fail (exit 1) when required recall (%) falls below this.
    #[arg(long)]
    min_required: Option<f64>,
    /// Fail (exit 1) when precision (%) falls below this.
    #[arg(long)]
    min_precision: Option<f64>,
    /// Fail (exit 1) when there are more violations than this.
    #[arg(long)]
    max_violations: Option<usize>,
}

/// The gold files named on the command line, folders expanded (sorted by
/// name, numbers in order).
fn gold_paths(args: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in args {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort_by_key(|f| {
                let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                (stem.parse::<u64>().unwrap_or(u64::MAX), stem)
            });
            out.extend(files);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            bail!("{}: no such file or folder", p.display());
        }
    }
    Ok(out)
}

/// The articles of the given files, by URL and by id.
fn articles(files: &[PathBuf]) -> Result<HashMap<String, Article>> {
    let mut files = files.to_vec();
    if files.is_empty() {
        let dir = Path::new("../shared/data/news");
        let found: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("no --articles given and {} cannot be read", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.extension().is_some_and(|x| x == "csv"))
            .collect();
        files = found;
        files.sort();
    }
    let mut by_key = HashMap::new();
    for f in &files {
        std::fs::File::open(f).with_context(|| format!("reading {}", f.display()))?;
        let format = annals_read::Format::of_path(f).unwrap_or(annals_read::Format::Text);
        for item in annals_read::read_file(f, format) {
            match item {
                Item::Article(a) => {
                    if let Some(u) = &a.url {
                        by_key.insert(u.clone(), a.clone());
                    }
                    by_key.insert(a.id.clone(), a);
                }
                Item::Skipped(n) => eprintln!("annals: skipped {n}"),
                Item::Warning(n) => eprintln!("annals: warning: {n}"),
                Item::Ignored(_) => {}
            }
        }
    }
    Ok(by_key)
}

/// One report: its gold, its article and the coder's events.
struct Report {
    gold: GoldFile,
    article: Article,
    events: Vec<Event>,
    score: ReportScore,
}

fn short(name: &str) -> String {
    Path::new(name).file_name().map_or(name.to_string(), |f| f.to_string_lossy().into_owned())
}

fn actor(a: &Option<annals_code::event::ActorRef>) -> String {
    match a {
        None => "-".into(),
        Some(a) => format!("{:?}={}", a.text, a.code.as_deref().unwrap_or("?")),
    }
}

fn describe(e: &Event) -> String {
    let mode = serde_json::to_value(e.mode).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    format!(
        "{:?} {} {} {} -> {} [{mode}]",
        e.trigger.text,
        e.cameo,
        e.plover.as_deref().unwrap_or("-"),
        actor(&e.source),
        actor(&e.target)
    )
}

fn line_text(text: &str, line: usize) -> &str {
    let l = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let l = l.trim();
    match l.char_indices().nth(160) {
        Some((at, _)) => &l[..at],
        None => l,
    }
}

fn show_matches(r: &Report) {
    let text = &r.article.text;
    for (k, e) in r.events.iter().enumerate() {
        if let Some(g) = r.score.matched[k] {
            let ge = &r.gold.events[g];
            let tier = if ge.tier == Tier::Required { "required" } else { "stretch" };
            println!("  matched {} ({tier}) line {}: {}", ge.id, gold::event_line(text, e), describe(e));
        }
    }
}

fn show_errors(r: &Report) {
    let g = &r.gold;
    let text = &r.article.text;
    for (k, ge) in g.events.iter().enumerate() {
        if ge.tier != Tier::Required || r.score.pairs[k].is_some() {
            continue;
        }
        let cats = if ge.plover.is_empty() { ge.cameo_root.join("/") } else { ge.plover.join("/") };
        println!("  missed {} line {} {cats}: {}", ge.id, ge.line, ge.note);
        println!("      | {}", line_text(text, ge.line));
        for e in r.events.iter().filter(|e| gold::event_line(text, e) == ge.line) {
            println!("      ours: {}", describe(e));
        }
    }
    for (k, e) in r.events.iter().enumerate() {
        if r.score.matched[k].is_none() {
            let line = gold::event_line(text, e);
            println!("  unmatched line {line}: {}", describe(e));
            println!("      | {}", line_text(text, line));
        }
    }
    for &(k, t) in &r.score.violations {
        let trap = &g.traps[t];
        println!("  violation line {}: {} ({})", trap.line, describe(&r.events[k]), trap.note);
    }
    for w in &r.score.wrong {
        let ge = &g.events[w.gold];
        println!("  wrong {} of {} line {}: expected {}, got {}", w.attribute, ge.id, ge.line, w.expected, w.got);
    }
}

pub fn run(a: Args) -> Result<ExitCode> {
    let mut problems = 0usize;
    let mut golds = Vec::new();
    for p in gold_paths(&a.gold)? {
        match GoldFile::read(&p) {
            Ok((g, errs)) => {
                for e in &errs {
                    eprintln!("annals: skipped gold entry {e}");
                }
                problems += errs.len();
                golds.push(g);
            }
            Err(e) => {
                eprintln!("annals: skipped gold file {e}");
                problems += 1;
            }
        }
    }
    if golds.is_empty() {
        bail!("no gold files could be read");
    }
    let by_key = articles(&a.articles)?;
    let engine = Engine::load(&Options { dictionaries: a.dictionaries.clone(), ..Default::default() })?;
    problems += crate::report_skipped_lines(&engine.loaded().skipped_lines);
    let mut jobs = Vec::new();
    for g in golds {
        match by_key.get(&g.doc) {
            Some(art) => jobs.push((g, art.clone())),
            None => {
                eprintln!("annals: {}: no article with url {} among the articles read", g.name, g.doc);
                problems += 1;
            }
        }
    }
    if jobs.is_empty() {
        bail!("none of the gold files' reports is among the articles read");
    }
    let reports: Vec<Report> = jobs
        .into_par_iter()
        .map(|(gold, article)| {
            let id = article.url.clone().unwrap_or_else(|| article.id.clone());
            let events = engine.code(&id, &article.text, article.published.as_deref());
            let score = gold::score(&gold, &article.text, &events);
            Report { gold, article, events, score }
        })
        .collect();
    println!(
        "{:<12} {:>9} {:>9} {:>7} {:>7} {:>6} {:>9} {:>5}",
        "report", "required", "stretch", "events", "matched", "prec%", "attrs", "viol"
    );
    let mut total = ReportScore::default();
    for r in &reports {
        let s = &r.score;
        let attrs = s.attribute_total();
        println!(
            "{:<12} {:>9} {:>9} {:>7} {:>7} {:>6.1} {:>9} {:>5}",
            short(&r.gold.name),
            format!("{}/{}", s.required.right, s.required.total),
            format!("{}/{}", s.stretch.right, s.stretch.total),
            s.events,
            s.matched_events,
            s.precision(),
            format!("{}/{}", attrs.right, attrs.total),
            s.violations.len()
        );
        total.merge(s);
    }
    let attrs = total.attribute_total();
    println!(
        "{:<12} {:>9} {:>9} {:>7} {:>7} {:>6.1} {:>9} {:>5}",
        "total",
        format!("{}/{}", total.required.right, total.required.total),
        format!("{}/{}", total.stretch.right, total.stretch.total),
        total.events,
        total.matched_events,
        total.precision(),
        format!("{}/{}", attrs.right, attrs.total),
        total.violations.len()
    );
    let attr_line: Vec<String> = ATTRIBUTES
        .iter()
        .zip(total.attributes)
        .filter(|(_, t)| t.total > 0)
        .map(|(n, t)| format!("{n} {}/{}", t.right, t.total))
        .collect();
    println!("attributes: {}", attr_line.join(", "));
    println!(
        "reports={} required={:.1}% stretch={:.1}% precision={:.1}% attributes={:.1}% violations={}",
        reports.len(),
        total.required.percent(),
        total.stretch.percent(),
        total.precision(),
        attrs.percent(),
        total.violations.len()
    );
    if a.show_errors || a.show_matches {
        for r in &reports {
            println!("\n## {} ({})", short(&r.gold.name), r.gold.doc);
            if a.show_matches {
                show_matches(r);
            }
            if a.show_errors {
                show_errors(r);
            }
        }
    }
    let mut ok = true;
    let mut gate = |name: &str, bad: bool, msg: String| {
        if bad {
            eprintln!("annals: {name} {msg}");
            ok = false;
        }
    };
    if let Some(m) = a.min_required {
        gate(
            "required recall",
            total.required.percent() < m,
            format!("{:.1} is below the target {m:.1}", total.required.percent()),
        );
    }
    if let Some(m) = a.min_precision {
        gate("precision", total.precision() < m, format!("{:.1} is below the target {m:.1}", total.precision()));
    }
    if let Some(m) = a.max_violations {
        gate(
            "violations",
            total.violations.len() > m,
            format!("{} are more than the limit {m}", total.violations.len()),
        );
    }
    if problems > 0 {
        eprintln!("annals: {problems} gold entr(ies), file(s) or report(s) skipped");
    }
    Ok(if ok && problems == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
