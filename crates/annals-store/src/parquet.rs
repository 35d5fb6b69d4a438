//! Stored events as Parquet, partitioned Hive-style by event month, for
//! Spark, Trino, DuckDB or pandas: the path for users who outgrow one machine.
//!
//! Layout: `DIR/event_month=2024-03/part-0.parquet`, one row per stored
//! event mention; `event_month` is the month of `event_start` (the first day
//! the event date can mean), so a year-precision "2016" lands in
//! `event_month=2016-01` and `date_precision` tells it from a day. Events
//! with no usable date go to `event_month=unknown`. The partition value is in
//! the path only, as Hive readers expect (`read_parquet('DIR/*/*.parquet',
//! hive_partitioning = true)` in DuckDB).
//!
//! Columns are typed: text as UTF-8 strings, counts and offsets as Int64,
//! scores and coordinates as Float64, flags as Boolean, and `event_start`,
//! `event_end`, `published` as Date32 (days since 1970-01-01). `event_date` keeps
//! the record's own value ("2016", "2024-03-14") as a string. The article's
//! `published`, `outlet` and `url` are joined in so that one file answers
//! most questions without the database.
//!
//! Memory stays bounded whatever the store's size: events are read in
//! `(event_start, seq)` order straight from the `events_start` index (no
//! sort), a record batch of at most [`Options::batch_rows`] rows is built at
//! a time and written as its own zstd-compressed row group.

use crate::record::{Kind, EVENT_COLUMNS};
use crate::{Error, Filter, Result, Store};
use arrow_array::builder::{BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Replace the `event_month=*` partitions of a non-empty directory
    /// (other files in it are left alone) instead of refusing.
    pub force: bool,
    /// Rows per record batch and row group.
    pub batch_rows: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { force: false, batch_rows: 65_536 }
    }
}

/// What was written: rows per partition (`"2024-03"`, `"unknown"`), in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub partitions: Vec<(String, u64)>,
}

impl Written {
    pub fn rows(&self) -> u64 {
        self.partitions.iter().map(|p| p.1).sum()
    }
}

/// Output columns: the events table's record columns ([`EVENT_COLUMNS`]),
/// then the article's publication date, outlet and URL.
fn columns() -> impl Iterator<Item = (&'static str, Kind, bool, String)> {
    let events = EVENT_COLUMNS.iter().map(|&(name, kind, nullable)| (name, kind, nullable, format!("e.{name}")));
    let article = [("published", Kind::Date, true), ("outlet", Kind::Str, true), ("url", Kind::Str, true)];
    events.chain(article.into_iter().map(|(name, kind, nullable)| (name, kind, nullable, format!("a.{name}"))))
}

/// The Arrow schema of the files.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = columns()
        .map(|(name, kind, nullable, _)| {
            let t = match kind {
                Kind::Str => DataType::Utf8,
                Kind::Int => DataType::Int64,
                Kind::Float => DataType::Float64,
                Kind::Bool => DataType::Boolean,
                Kind::Date => DataType::Date32,
            };
            Field::new(name, t, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Days since 1970-01-01 of an ISO day (`YYYY-MM-DD`, a time after it
/// ignored); `None` for anything else.
pub fn date32(iso: &str) -> Option<i32> {
    i32::try_from(annals_calendar::days(annals_calendar::parse_day(iso)?)).ok()
}

enum Col {
    Str(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
}

impl Col {
    fn new(kind: Kind) -> Col {
        match kind {
            Kind::Str => Col::Str(StringBuilder::new()),
            Kind::Int => Col::Int(Int64Builder::new()),
            Kind::Float => Col::Float(Float64Builder::new()),
            Kind::Bool => Col::Bool(BooleanBuilder::new()),
            Kind::Date => Col::Date(Date32Builder::new()),
        }
    }

    fn push(&mut self, r: &rusqlite::Row, i: usize) -> rusqlite::Result<()> {
        match self {
            Col::Str(b) => b.append_option(r.get_ref(i)?.as_str_or_null()?),
            Col::Int(b) => b.append_option(r.get::<_, Option<i64>>(i)?),
            Col::Float(b) => b.append_option(r.get::<_, Option<f64>>(i)?),
            Col::Bool(b) => b.append_option(r.get::<_, Option<i64>>(i)?.map(|v| v != 0)),
            Col::Date(b) => b.append_option(r.get_ref(i)?.as_str_or_null()?.and_then(date32)),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Col::Str(b) => Arc::new(b.finish()),
            Col::Int(b) => Arc::new(b.finish()),
            Col::Float(b) => Arc::new(b.finish()),
            Col::Bool(b) => Arc::new(b.finish()),
            Col::Date(b) => Arc::new(b.finish()),
        }
    }
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Export(format!("{}: {e}", path.display()))
}

fn pq(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Export(format!("{}: {e}", path.display()))
}

/// Checks that `dir` may be written: missing or empty, or (with `force`)
/// cleared of earlier partitions, which would otherwise mix with the new ones.
fn prepare(dir: &Path, force: bool) -> Result<()> {
    match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(dir, e)),
        Ok(entries) => {
            let entries: Vec<PathBuf> =
                entries.map(|e| e.map(|e| e.path())).collect::<std::io::Result<_>>().map_err(|e| io(dir, e))?;
            if !entries.is_empty() && !force {
                return Err(Error::Export(format!(
                    "{}: directory is not empty; choose another or pass --force to replace its event_month=* partitions",
                    dir.display()
                )));
            }
            for p in entries {
                let partition = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("event_month="));
                if partition && p.is_dir() {
                    std::fs::remove_dir_all(&p).map_err(|e| io(&p, e))?;
                }
            }
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))
}

/// One open partition file.
struct Part {
    month: String,
    path: PathBuf,
    writer: ArrowWriter<std::fs::File>,
    rows: u64,
}

impl Store {
    /// Writes every stored event under `dir` as described in the module docs.
    pub fn write_parquet(&self, dir: &Path, opts: Options) -> Result<Written> {
        self.write_parquet_matching(dir, opts, &Filter::default())
    }

    /// [`Store::write_parquet`] of the events matching `f` only (as `annals
    /// query` selects them; `f.limit` is ignored). The filter is checked
    /// before `dir` is touched.
    pub fn write_parquet_matching(&self, dir: &Path, opts: Options, f: &Filter) -> Result<Written> {
        let (only, params) = match f.seq_select(&self.conn)? {
            Some((seqs, p)) => (format!("WHERE e.seq IN ({seqs})"), p),
            None => (String::new(), Vec::new()),
        };
        prepare(dir, opts.force)?;
        let schema = schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(opts.batch_rows.max(1)))
            .build();
        let exprs: Vec<String> = columns().map(|c| c.3).collect();
        // `event_start, seq` is the order of the events_start index: no sort.
        let sql = format!(
            "SELECT coalesce(substr(e.event_start, 1, 7), 'unknown'), {} FROM events e
             JOIN articles a ON a.id = e.article {only} ORDER BY e.event_start, e.seq",
            exprs.join(", ")
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        let mut cols: Vec<Col> = columns().map(|c| Col::new(c.1)).collect();
        let mut buffered = 0usize;
        let mut part: Option<Part> = None;
        let mut written = Written::default();

        let flush = |cols: &mut Vec<Col>, part: &mut Part, buffered: &mut usize| -> Result<()> {
            if *buffered == 0 {
                return Ok(());
            }
            let arrays: Vec<ArrayRef> = cols.iter_mut().map(Col::finish).collect();
            let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| pq(&part.path, e))?;
            part.writer.write(&batch).map_err(|e| pq(&part.path, e))?;
            part.rows += *buffered as u64;
            *buffered = 0;
            Ok(())
        };
        let close = |part: Part, written: &mut Written| -> Result<()> {
            part.writer.close().map_err(|e| pq(&part.path, e))?;
            written.partitions.push((part.month, part.rows));
            Ok(())
        };

        while let Some(r) = rows.next()? {
            let month: String = r.get(0)?;
            // A month-shaped key only: anything else would make a bad path.
            let month = if month.len() == 7 && month.as_bytes()[4] == b'-' { month } else { "unknown".into() };
            if !matches!(&part, Some(p) if p.month == month) {
                if let Some(mut p) = part.take() {
                    flush(&mut cols, &mut p, &mut buffered)?;
                    close(p, &mut written)?;
                }
                let sub = dir.join(format!("event_month={month}"));
                std::fs::create_dir_all(&sub).map_err(|e| io(&sub, e))?;
                let path = sub.join("part-0.parquet");
                let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
                let writer =
                    ArrowWriter::try_new(file, schema.clone(), Some(props.clone())).map_err(|e| pq(&path, e))?;
                part = Some(Part { month, path, writer, rows: 0 });
            }
            for (i, c) in cols.iter_mut().enumerate() {
                c.push(r, i + 1)?;
            }
            buffered += 1;
            if buffered >= opts.batch_rows {
                if let Some(p) = part.as_mut() {
                    flush(&mut cols, p, &mut buffered)?;
                }
            }
        }
        if let Some(mut p) = part.take() {
            flush(&mut cols, &mut p, &mut buffered)?;
            close(p, &mut written)?;
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(date32("1970-01-01"), Some(0));
        assert_eq!(date32("1970-01-02"), Some(1));
        assert_eq!(date32("1969-12-31"), Some(-1));
        assert_eq!(date32("2000-03-01"), Some(11_017));
        assert_eq!(date32("2024-03-14"), Some(19_796));
        assert_eq!(date32("2016-02-29"), Some(16_860));
        assert_eq!(date32("2015-02-29"), None);
        assert_eq!(date32("2016"), None);
        assert_eq!(date32("2016-13-01"), None);
    }
}
