//! `annals query`: events from the store, filtered, listed or counted.

use crate::export::{self, write_csv_table};
use crate::filters::FilterArgs;
use annals_store::{Count, CountBy, Event, Happening, Store};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The database to read.
    #[arg(long, default_value = "annals.db")]
    db: PathBuf,
    #[command(flatten)]
    filters: FilterArgs,
    /// Count events per day, week, month or actor pair instead of listing them.
    #[arg(long, value_enum)]
    count_by: Option<CountArg>,
    /// List happenings (events grouped across articles, with their counts of
    /// mentions, articles and outlets) that have an event matching the filters.
    #[arg(long, conflicts_with = "count_by")]
    happenings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// At most this many events (or actor pairs).
    #[arg(long)]
    limit: Option<usize>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CountArg {
    Day,
    Week,
    Month,
    Pair,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Aligned columns for reading.
    Table,
    /// The stored event records (or counts as objects), one per line.
    Jsonl,
    /// One row per event (or group), with a header.
    Csv,
}

fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut w: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in w.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells.zip(&w).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    for r in rows {
        writeln!(out, "{}", line(&mut r.iter().map(String::as_str)))?;
    }
    Ok(())
}

/// The table form of an event: what a reader scans for.
fn table_row(e: &Event) -> Vec<String> {
    let o = |s: Option<&str>| s.unwrap_or("-").to_string();
    let mut sentence: String = e.text.chars().take(70).collect();
    if sentence.len() < e.text.len() {
        sentence.push('…');
    }
    vec![
        o(e.date.as_ref().map(|d| d.value.as_str())),
        o(e.source_code()),
        e.cameo.clone(),
        o(e.target_code()),
        o(e.plover.as_deref()),
        e.mode.to_string(),
        e.trigger.text.clone(),
        e.id.clone(),
        sentence,
    ]
}

fn print_counts(out: &mut dyn Write, by: CountBy, counts: &[Count], format: Format) -> Result<()> {
    let cols = by.columns();
    match format {
        Format::Table | Format::Csv => {
            let mut header = cols.to_vec();
            header.push("events");
            let rows: Vec<Vec<String>> = counts
                .iter()
                .map(|c| c.keys.iter().cloned().chain([c.count.to_string()]).collect::<Vec<_>>())
                .collect();
            if format == Format::Table {
                table(out, &header, &rows)?;
            } else {
                write_csv_table(out, &header, &rows)?;
            }
        }
        Format::Jsonl => {
            for c in counts {
                let mut m = serde_json::Map::new();
                for (k, v) in cols.iter().zip(&c.keys) {
                    m.insert((*k).into(), v.clone().into());
                }
                m.insert("events".into(), c.count.into());
                writeln!(out, "{}", serde_json::Value::Object(m))?;
            }
        }
    }
    Ok(())
}

fn print_happenings(out: &mut dyn Write, hs: &[Happening], format: Format) -> Result<()> {
    let header = [
        "id",
        "date",
        "precision",
        "cameo",
        "source",
        "target",
        "place",
        "mentions",
        "articles",
        "outlets",
        "first_seen",
        "last_seen",
    ];
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let rows: Vec<Vec<String>> = hs
        .iter()
        .map(|h| {
            let n = [h.mentions, h.articles, h.outlets].map(|n| n.to_string());
            let key = [h.id.to_string(), h.date.clone(), h.precision.clone(), o(&h.cameo)];
            let more = [o(&h.source_code), o(&h.target_code), o(&h.place)];
            key.into_iter().chain(more).chain(n).chain([o(&h.first_seen), o(&h.last_seen)]).collect()
        })
        .collect();
    match format {
        Format::Table => table(out, &header, &rows)?,
        Format::Csv => write_csv_table(out, &header, &rows)?,
        Format::Jsonl => {
            for h in hs {
                writeln!(out, "{}", serde_json::to_string(h)?)?;
            }
        }
    }
    Ok(())
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let filter = a.filters.filter(a.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.happenings {
        print_happenings(&mut out, &store.happenings(&filter)?, a.format)?;
    } else if let Some(c) = a.count_by {
        let by = match c {
            CountArg::Day => CountBy::Day,
            CountArg::Week => CountBy::Week,
            CountArg::Month => CountBy::Month,
            CountArg::Pair => CountBy::ActorPair,
        };
        print_counts(&mut out, by, &store.counts(by, &filter)?, a.format)?;
    } else {
        match a.format {
            Format::Table => {
                let rows: Vec<Vec<String>> = store.query(&filter)?.iter().map(table_row).collect();
                let header = ["date", "source", "cameo", "target", "plover", "mode", "trigger", "id", "sentence"];
                table(&mut out, &header, &rows)?;
            }
            Format::Jsonl => {
                export::write_events(&store, &filter, export::Format::Jsonl, &mut out)?;
            }
            Format::Csv => {
                export::write_events(&store, &filter, export::Format::Csv, &mut out)?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}
