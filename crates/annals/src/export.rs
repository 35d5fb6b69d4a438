//! `annals export`: the whole store as JSON Lines (the stored event records,
//! byte for byte), CSV (the main columns, one row per event mention), the
//! GDELT 2.0 event and mentions tables (one row per happening / mention),
//! PLOVER JSON Lines, or Parquet partitioned by event month (a directory).

use annals_store::{gdelt, EventRow, Filter, Store};
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

/// Columns of the CSV forms of `export` and `query`.
pub const CSV_COLUMNS: [&str; 20] = [
    "id",
    "article",
    "sentence",
    "event_date",
    "date_precision",
    "source_text",
    "source_code",
    "cameo",
    "cameo_name",
    "target_text",
    "target_code",
    "plover",
    "mode",
    "goldstein",
    "attribution",
    "quantity",
    "place",
    "place_country",
    "historical",
    "sentence_text",
];

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One event as a CSV line (no newline), in [`CSV_COLUMNS`] order.
pub fn csv_row(e: &EventRow) -> String {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let n = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    [
        e.id.clone(),
        e.article.clone(),
        e.sentence.to_string(),
        o(&e.event_date),
        o(&e.date_precision),
        o(&e.source_text),
        o(&e.source_code),
        e.cameo.clone(),
        o(&e.cameo_name),
        o(&e.target_text),
        o(&e.target_code),
        o(&e.plover),
        e.mode.clone(),
        n(e.goldstein),
        o(&e.attribution_text),
        n(e.quantity_value),
        o(&e.place_name),
        o(&e.place_country),
        e.historical.to_string(),
        e.sentence_text.clone(),
    ]
    .iter()
    .map(|f| csv_field(f))
    .collect::<Vec<_>>()
    .join(",")
}

/// Writes the events matching `filter` to `out`; returns how many. The GDELT
/// tables are written whole (rows are happenings, not events): no filter.
pub fn write_events(store: &Store, filter: &Filter, format: Format, out: &mut dyn Write) -> Result<u64> {
    match format {
        Format::Gdelt => return Ok(gdelt::write_events(store, out)?),
        Format::GdeltMentions => return Ok(gdelt::write_mentions(store, out)?),
        Format::Plover | Format::Parquet => anyhow::bail!("filtered output is JSON Lines or CSV only"),
        Format::Jsonl | Format::Csv => {}
    }
    let csv = matches!(format, Format::Csv);
    if csv {
        writeln!(out, "{}", CSV_COLUMNS.join(","))?;
    }
    store.for_each_event(filter, |e| -> Result<()> {
        if csv {
            writeln!(out, "{}", csv_row(&e))?;
        } else {
            writeln!(out, "{}", e.record)?;
        }
        Ok(())
    })
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    if let Format::Parquet = a.format {
        let Some(dir) = &a.output else {
            anyhow::bail!("--format parquet writes a directory: give it with --output DIR")
        };
        let opts = annals_store::parquet::Options { force: a.force, ..Default::default() };
        let w = store.write_parquet(dir, opts)?;
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
    let n = match a.format {
        Format::Plover => store.write_plover(&mut out)?,
        _ => write_events(&store, &Filter::default(), a.format, &mut out)?,
    };
    out.flush().context("writing output")?;
    let what = match a.format {
        Format::Gdelt => "happening(s)",
        Format::GdeltMentions => "mention(s)",
        Format::Jsonl | Format::Csv | Format::Plover | Format::Parquet => "event(s)",
    };
    eprintln!("annals: export: {n} {what}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
