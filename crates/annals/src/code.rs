//! `annals code`: articles in, events out.
//!
//! Input is `.txt` (one article, id = file name), `.jsonl` (one article per
//! line, only `text` required) or `-` for standard input (JSON Lines if it
//! starts with `{`, else one plain-text article). A malformed line is
//! reported with file and line and skipped; with `--strict` it stops the
//! run. Exit status: 0 when everything was coded, 1 when something was
//! skipped, 2 on a fatal error.

use crate::dicts::Dictionaries;
use crate::export::csv_field;
use crate::input::read_text;
use annals_code::{ArticleInfo, Event};
use annals_text::Pipeline;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Articles: .txt files (one article each), .jsonl files (one article per line), or - for stdin.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Add to each event the dictionary entries and parse relations that produced it.
    #[arg(long)]
    explain: bool,
    /// Stop at the first malformed input or dictionary line instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Print to stderr how long models, dictionaries and coding took.
    #[arg(long)]
    timings: bool,
    /// Read dictionaries from this folder instead of the built-in ones: any of
    /// actors.tsv, agents.tsv, events.tsv (formats in crates/annals-code/dictionaries/README.md).
    #[arg(long)]
    dictionaries: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// One JSON event record per line (the design's record).
    Jsonl,
    /// One row per event, main fields only.
    Csv,
}

/// One input article (the design's JSON Lines record).
#[derive(Deserialize)]
struct ArticleLine {
    id: Option<String>,
    text: String,
    date: Option<String>,
}

struct Article {
    id: String,
    text: String,
    date: Option<(i32, u8, u8)>,
}

/// Parses an ISO date or date-time ("2022-07-07", "2022-07-07T10:00:00Z").
pub fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    let d = s.get(..10)?;
    let mut it = d.split('-');
    let (y, m, dd) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&dd) && d.as_bytes()[4] == b'-').then_some((y, m, dd))
}

/// Reads the articles of one input; malformed lines go to `skipped`.
fn read_articles(path: &Path, strict: bool, skipped: &mut usize) -> Result<Vec<Article>> {
    let text = read_text(path)?;
    let name = path.display().to_string();
    let is_jsonl = path.extension().is_some_and(|e| e == "jsonl" || e == "json")
        || (path.as_os_str() == "-" && text.trim_start().starts_with('{'));
    if !is_jsonl {
        let id = path.file_name().map_or("stdin".into(), |f| f.to_string_lossy().into_owned());
        return Ok(vec![Article { id, text, date: None }]);
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let lineno = i + 1;
        let parsed: Result<ArticleLine, String> = serde_json::from_str(line).map_err(|e| e.to_string());
        let a = match parsed {
            Ok(a) => a,
            Err(e) => {
                let msg = format!("{name}:{lineno}: not an article ({e})");
                if strict {
                    bail!(msg);
                }
                eprintln!("annals: skipped {msg}");
                *skipped += 1;
                continue;
            }
        };
        let date = match a.date.as_deref() {
            Some(d) => match parse_date(d) {
                Some(d) => Some(d),
                None => {
                    eprintln!("annals: {name}:{lineno}: date {d:?} is not an ISO date; coding without it");
                    None
                }
            },
            None => None,
        };
        out.push(Article { id: a.id.unwrap_or_else(|| format!("{name}:{lineno}")), text: a.text, date });
    }
    Ok(out)
}

pub fn run(a: Args) -> Result<ExitCode> {
    let clock = std::time::Instant::now();
    let pipeline = Pipeline::embedded()?;
    let models = clock.elapsed();
    let mut skipped = 0;
    let dicts = Dictionaries::load(a.dictionaries.as_deref(), a.strict, &mut skipped)?;
    let mut coder = dicts.coder();
    coder.explain = a.explain;
    let dictionaries = clock.elapsed() - models;
    let (mut text_time, mut code_time, mut words) = (std::time::Duration::ZERO, std::time::Duration::ZERO, 0usize);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if matches!(a.format, Format::Csv) {
        writeln!(out, "{}", CSV_HEADER.join(","))?;
    }
    for f in &a.files {
        for art in read_articles(f, a.strict, &mut skipped)? {
            let t0 = std::time::Instant::now();
            let doc = pipeline.annotate(&art.text);
            let t1 = std::time::Instant::now();
            let events = coder.code(&ArticleInfo { id: &art.id, date: art.date }, &doc);
            text_time += t1 - t0;
            code_time += t1.elapsed();
            words += doc.tokens.len();
            for e in &events {
                match a.format {
                    Format::Jsonl => {
                        serde_json::to_writer(&mut out, e)?;
                        writeln!(out)?;
                    }
                    Format::Csv => writeln!(out, "{}", csv_row(e))?,
                }
            }
        }
    }
    out.flush().context("writing output")?;
    if a.timings {
        eprintln!(
            "annals: timings: models {:.0} ms, dictionaries {:.0} ms, text layer {:.2} s, coding {:.2} s ({:.1}% of the text layer), {words} tokens",
            models.as_secs_f64() * 1e3,
            dictionaries.as_secs_f64() * 1e3,
            text_time.as_secs_f64(),
            code_time.as_secs_f64(),
            100.0 * code_time.as_secs_f64() / text_time.as_secs_f64().max(1e-9)
        );
    }
    if skipped > 0 {
        eprintln!("annals: {skipped} input or dictionary line(s) skipped");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

const CSV_HEADER: [&str; 16] = [
    "id",
    "article",
    "sentence",
    "trigger",
    "source",
    "source_code",
    "target",
    "target_code",
    "cameo",
    "plover",
    "mode",
    "attribution",
    "quantity",
    "date",
    "historical",
    "place",
];

fn csv_row(e: &Event) -> String {
    let actor = |a: &Option<annals_code::event::ActorRef>| {
        a.as_ref().map_or((String::new(), String::new()), |a| (a.text.clone(), a.code.clone().unwrap_or_default()))
    };
    let (s, sc) = actor(&e.source);
    let (t, tc) = actor(&e.target);
    let mode = serde_json::to_value(e.mode).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    [
        e.id.clone(),
        e.article.clone(),
        e.sentence.to_string(),
        e.trigger.text.clone(),
        s,
        sc,
        t,
        tc,
        e.cameo.clone(),
        e.plover.clone().unwrap_or_default(),
        mode,
        e.attribution.as_ref().map(|a| a.text.clone()).unwrap_or_default(),
        e.quantity.as_ref().map(|q| q.value.to_string()).unwrap_or_default(),
        e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
        e.historical.to_string(),
        e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
    ]
    .iter()
    .map(|f| csv_field(f))
    .collect::<Vec<_>>()
    .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2022-07-07"), Some((2022, 7, 7)));
        assert_eq!(parse_date("2022-07-07T10:00:00Z"), Some((2022, 7, 7)));
        assert_eq!(parse_date("07/07/2022"), None);
        assert_eq!(parse_date("2022-13-01"), None);
        assert_eq!(parse_date(""), None);
    }
}
