//! The one CSV layout of events (`annals code --format csv`, `annals
//! export --format csv`, `annals query --format csv`): a header, then one
//! row per event mention with its main fields, quoted as RFC 4180 says.

use crate::{decimal, Event};
use std::io::Write;

/// The columns, in order.
pub const COLUMNS: [&str; 20] = [
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

/// The fields of `e` in [`COLUMNS`] order.
pub fn row(e: &Event) -> [String; 20] {
    let o = |s: Option<&String>| s.cloned().unwrap_or_default();
    let actor = |a: &Option<crate::ActorRef>| {
        a.as_ref().map_or((String::new(), String::new()), |a| (a.text.clone(), o(a.code.as_ref())))
    };
    let (source, source_code) = actor(&e.source);
    let (target, target_code) = actor(&e.target);
    [
        e.id.clone(),
        e.article.clone(),
        e.sentence.to_string(),
        e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
        e.date.as_ref().map(|d| d.precision.as_str().to_string()).unwrap_or_default(),
        source,
        source_code,
        e.cameo.clone(),
        e.cameo_name.clone(),
        target,
        target_code,
        o(e.plover.as_ref()),
        e.mode.as_str().to_string(),
        decimal(e.goldstein).to_string(),
        e.attribution.as_ref().map(|a| a.text.clone()).unwrap_or_default(),
        e.quantity.as_ref().map(|q| q.value.to_string()).unwrap_or_default(),
        e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        o(e.place.as_ref().and_then(|p| p.country.as_ref())),
        e.historical.to_string(),
        e.text.clone(),
    ]
}

/// Writes events as CSV: the header when made, then one row per
/// [`Writer::write`].
pub struct Writer<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> Writer<W> {
    /// Starts the table on `out` with its header.
    pub fn new(out: W) -> std::io::Result<Writer<W>> {
        let mut inner = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        inner.write_record(COLUMNS).map_err(std::io::Error::other)?;
        Ok(Writer { inner })
    }

    /// One event's row.
    pub fn write(&mut self, e: &Event) -> std::io::Result<()> {
        self.inner.write_record(row(e)).map_err(std::io::Error::other)
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_quoted_where_needed() {
        let e = Event::from_json(
            r#"{"id":"a:1:1","article":"a","cameo":"040","mode":"asserted","goldstein":1.5,"text":"He said \"no\", twice.\nThen left.",
                "source":{"text":"Niger, the state","code":"NER"},"quantity":{"value":3,"unit":"x"}}"#,
        )
        .unwrap();
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out).unwrap();
        w.write(&e).unwrap();
        w.flush().unwrap();
        drop(w);
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.splitn(2, '\n');
        assert_eq!(lines.next().unwrap().split(',').count(), COLUMNS.len());
        assert_eq!(
            lines.next().unwrap(),
            "a:1:1,a,0,,,\"Niger, the state\",NER,040,,,,,asserted,1.5,,3,,,false,\"He said \"\"no\"\", twice.\nThen left.\"\n"
        );
    }
}
