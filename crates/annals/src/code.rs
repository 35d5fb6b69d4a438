//! `annals code`: articles in, events out.
//!
//! Input is read by annals-read, in the formats `annals ingest` reads
//! (`.txt`, `.jsonl`, HTML, feeds, WARC; a file of another kind is plain
//! text), or `-` for standard input (its format guessed from its first
//! bytes: JSON Lines if it starts with `{`, else plain text unless it looks
//! like markup or a WARC). Malformed input is reported with its location and
//! skipped; with `--strict` it stops the run. Exit status: 0 when everything
//! was coded, 1 when something was skipped, 2 on a fatal error.

use crate::input::{is_stdin, read_stdin};
use annals_engine::{Engine, Options};
use annals_read::{reason, Item, Items};
use annals_record::{csv, plover};
use annals_store::gdelt;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Articles: .txt (one article each), .jsonl (one article per line), .html/.htm,
    /// .rss/.atom/.xml feeds, .warc/.warc.gz, or - for stdin. Other files are plain text.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// With --format gdelt: keep ISO 3166 alpha-3 codes in the geo columns
    /// instead of the codebook's FIPS 10-4 codes.
    #[arg(long)]
    iso_geo: bool,
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
    /// One row per event, main fields only (the layout of `annals export --format csv`).
    Csv,
    /// GDELT 2.0 event table: 61 tab-separated columns, one row per asserted,
    /// dated event, each counted once (`annals export` groups mentions into
    /// happenings); other events are left out and counted on stderr.
    Gdelt,
    /// PLOVER JSON records, one per line.
    Plover,
}

/// The items of one input: a file in the format its name says (plain text
/// when it says none), or standard input in the format its first bytes say.
/// A file that cannot be opened is a fatal error, as for every command.
fn read_input(path: &Path) -> Result<Items> {
    if is_stdin(path) {
        let bytes = read_stdin()?;
        let format = annals_read::Format::sniff(&bytes);
        return Ok(annals_read::read_bytes("stdin", bytes, format));
    }
    std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(annals_read::read_file(path, annals_read::Format::of_path(path).unwrap_or(annals_read::Format::Text)))
}

pub fn run(a: Args) -> Result<ExitCode> {
    let engine = Engine::load(&Options { dictionaries: a.dictionaries.clone(), strict: a.strict, explain: a.explain })?;
    let (models, dictionaries) = (engine.loaded().models, engine.loaded().dictionaries);
    let mut skipped = crate::report_skipped_lines(&engine.loaded().skipped_lines);
    let (mut text_time, mut code_time, mut words) = (std::time::Duration::ZERO, std::time::Duration::ZERO, 0usize);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut csv = match a.format {
        Format::Csv => Some(csv::Writer::new(std::io::stdout())?),
        _ => None,
    };
    let geo = if a.iso_geo { gdelt::GeoCodes::Iso3 } else { gdelt::GeoCodes::Fips };
    let (mut gdelt_rows, mut left_out) = (0i64, 0usize);
    for f in &a.files {
        for item in read_input(f)? {
            let art = match item {
                Item::Article(art) => art,
                Item::Warning(n) => {
                    eprintln!("annals: warning: {n}");
                    continue;
                }
                // An empty article has no events: nothing is lost.
                Item::Skipped(n) if n.reason == reason::EMPTY_TEXT => continue,
                Item::Skipped(n) if a.strict => bail!("{n}"),
                Item::Skipped(n) => {
                    eprintln!("annals: skipped {n}");
                    skipped += 1;
                    continue;
                }
                Item::Ignored(_) => continue,
            };
            // A whole file is one article named by its file name, as the
            // design says (ingest keeps the path, which is unique in a store).
            let mut art = art;
            if art.id == f.display().to_string() {
                if let Some(name) = f.file_name() {
                    art.id = name.to_string_lossy().into_owned();
                }
            }
            let coded = engine.code_timed(&art.id, &art.text, art.published.as_deref());
            text_time += coded.text;
            code_time += coded.code;
            words += coded.tokens;
            let events = coded.events;
            for e in &events {
                match a.format {
                    Format::Jsonl => {
                        serde_json::to_writer(&mut out, e)?;
                        writeln!(out)?;
                    }
                    Format::Csv => csv.as_mut().expect("made for csv").write(e)?,
                    Format::Gdelt => {
                        if annals_store::happenings::key(e).is_none() {
                            left_out += 1;
                            continue;
                        }
                        gdelt_rows += 1;
                        let counts = gdelt::Counts {
                            id: gdelt_rows,
                            mentions: 1,
                            sources: 1,
                            articles: 1,
                            root: e.sentence <= 1,
                            added: &art.published.as_deref().map(gdelt::stamp).unwrap_or_default(),
                            url: art.url.as_deref().unwrap_or(&art.id),
                        };
                        writeln!(out, "{}", gdelt::event_fields(e, &counts, geo).join("\t"))?;
                    }
                    Format::Plover => {
                        let cite = plover::Citation {
                            url: art.url.clone(),
                            title: art.title.clone(),
                            outlet: art.outlet.clone(),
                        };
                        serde_json::to_writer(&mut out, &plover::record(e, &cite))?;
                        writeln!(out)?;
                    }
                }
            }
        }
    }
    if let Some(mut c) = csv {
        c.flush().context("writing output")?;
    }
    out.flush().context("writing output")?;
    if left_out > 0 {
        eprintln!("annals: {left_out} event(s) not in the GDELT table: not asserted, or not dated");
    }
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
