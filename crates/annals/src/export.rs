//! `annals export`: the store, or the events matching `annals query`'s
//! filters, as JSON Lines (the event records), CSV (annals-record's one
//! layout, one row per event mention), the GDELT 2.0 event and
//! mentions tables (one row per happening / mention), PLOVER JSON Lines, or
//! Parquet partitioned by event month (a directory).
//!
//! The GDELT tables are made of happenings, not events: with filters, a
//! happening is exported when at least one of its events matches, and it is
//! exported whole (its counts, its representative event, all its mentions).

use crate::filters::FilterArgs;
use annals_store::gdelt::{self, GeoCodes};
use annals_store::{Filter, Store};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The database to read.
    #[arg(long, default_value = "annals.db")]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    format: Format,
    /// Write here instead of standard output (for parquet: the directory, required).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Parquet: replace the event_month=* partitions of a non-empty output directory.
    #[arg(long)]
    force: bool,
    /// GDELT: write the stored ISO alpha-3 codes in the *Geo_CountryCode and
    /// *Geo_ADM1Code columns instead of the codebook's FIPS 10-4 codes.
    #[arg(long)]
    iso_geo: bool,
    /// Only the events matching these (as in `annals query`); for the GDELT
    /// formats, the happenings with at least one matching event.
    #[command(flatten)]
    filters: FilterArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One event record per line, as `annals code` wrote it.
    Jsonl,
    /// One row per event, main columns, with a header.
    Csv,
    /// GDELT 2.0 event table: 61 tab-separated columns, one row per happening, no header.
    Gdelt,
    /// GDELT 2.0 mentions table: 16 tab-separated columns, one row per mention of a happening.
    GdeltMentions,
    /// One PLOVER JSON record per line (mapping in annals-store's `plover` module).
    Plover,
    /// Parquet files partitioned by event month under --output DIR.
    Parquet,
}

/// Writes a table as CSV (RFC 4180 quoting): `header`, then `rows`.
pub fn write_csv_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the events matching `filter` to `out`; returns how many rows. The
/// GDELT tables' rows are the happenings with a matching event (and all
/// their mentions). Parquet writes a directory: see [`run`].
pub fn write_events(store: &Store, filter: &Filter, format: Format, out: &mut dyn Write) -> Result<u64> {
    write_events_with(store, filter, format, GeoCodes::Fips, out)
}

/// [`write_events`] with the GDELT geo columns' country codes in `codes`.
pub fn write_events_with(
    store: &Store,
    filter: &Filter,
    format: Format,
    codes: GeoCodes,
    out: &mut dyn Write,
) -> Result<u64> {
    match format {
        Format::Gdelt => return Ok(gdelt::write_events_matching(store, filter, codes, out)?),
        Format::GdeltMentions => return Ok(gdelt::write_mentions_matching(store, filter, out)?),
        Format::Plover => return Ok(store.write_plover_matching(filter, out)?),
        Format::Parquet => anyhow::bail!("Parquet is written to a directory, not a stream"),
        Format::Jsonl | Format::Csv => {}
    }
    if let Format::Csv = format {
        let mut csv = annals_record::csv::Writer::new(out)?;
        let n = store.for_each_event(filter, |e| -> Result<()> { Ok(csv.write(&e)?) })?;
        csv.flush()?;
        return Ok(n);
    }
    store.for_each_event(filter, |e| -> Result<()> {
        writeln!(out, "{}", e.to_json())?;
        Ok(())
    })
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let filter = a.filters.filter(None);
    // A bad date fails here, before an output file or directory is made.
    store.query(&Filter { limit: Some(0), ..filter.clone() })?;
    if let Format::Parquet = a.format {
        let Some(dir) = &a.output else {
            anyhow::bail!("--format parquet writes a directory: give it with --output DIR")
        };
        let opts = annals_store::parquet::Options { force: a.force, ..Default::default() };
        let w = store.write_parquet_matching(dir, opts, &filter)?;
        eprintln!(
            "annals: export: {} event(s) in {} partition(s) under {}",
            w.rows(),
            w.partitions.len(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(&mut out);
    let codes = if a.iso_geo { GeoCodes::Iso3 } else { GeoCodes::Fips };
    let n = write_events_with(&store, &filter, a.format, codes, &mut out)?;
    out.flush().context("writing output")?;
    let what = match a.format {
        Format::Gdelt => "happening(s)",
        Format::GdeltMentions => "mention(s)",
        Format::Jsonl | Format::Csv | Format::Plover | Format::Parquet => "event(s)",
    };
    eprintln!("annals: export: {n} {what}");
    Ok(ExitCode::SUCCESS)
}
