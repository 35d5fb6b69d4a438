//! The JSON API. Events are the design's records, byte for byte as
//! `annals code` writes them; lists come in an object with what follows
//! them (`next_cursor`). Errors are `{"error": ..., "status": ...}`.

use crate::error::{ApiError, Failure};
use crate::params::{query_string, Params};
use crate::State;
use annals_store::gdelt::{self, GeoCodes};
use annals_store::{CountBy, Event, Filter, Store};
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::io::Write;

/// A JSON answer from text already serialised.
fn json(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `[record, ...]` from the events' own JSON.
fn records<'a>(events: impl Iterator<Item = &'a Event>) -> String {
    let mut s = String::from("[");
    for (i, e) in events.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&e.to_json());
    }
    s.push(']');
    s
}

fn quote(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// Runs `f` on a store connection within the request time limit; store
/// errors become 400/404/503 as [`Failure::from_store`] says.
pub async fn with_store<T, F>(app: &State, text: Option<String>, f: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, annals_store::Error> + Send + 'static,
{
    app.pool.run(app.sql_timeout, move |s| f(s).map_err(|e| Failure::from_store(e, text.as_deref()))).await
}

/// `GET /api/events`: a page of events matching the filters.
pub async fn events(
    axum::extract::State(app): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["limit", "cursor"])?;
    let f = Filter { limit: Some(p.limit(100)?), ..p.filter()? };
    let after = p.cursor()?;
    let page = with_store(&app, f.text.clone(), move |s| s.page(&f, after)).await?;
    let next = page.next.map(|n| {
        let mut pairs = p.filter_pairs();
        if let Some(l) = p.get("limit") {
            pairs.push(("limit".into(), l.into()));
        }
        pairs.push(("cursor".into(), n.to_string()));
        format!("/api/events{}", query_string(&pairs))
    });
    Ok(json(format!(
        r#"{{"events":{},"next_cursor":{},"next":{}}}"#,
        records(page.events.iter().map(|l| &l.event)),
        page.next.map_or("null".into(), |n| quote(&n.to_string())),
        next.map_or("null".into(), |n| quote(&n)),
    )))
}

/// `GET /api/events/{id}`: one event, with its happening's counts.
pub async fn event(
    axum::extract::State(app): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::none(q.as_deref())?;
    let key = id.clone();
    let found = with_store(&app, None, move |s| s.event(&key)).await?;
    let l = found.ok_or_else(|| Failure::NotFound(format!("{id}: no such event in the store")))?;
    let happening = serde_json::to_string(&l.happening).unwrap_or_else(|_| "null".into());
    Ok(json(format!(r#"{{"event":{},"happening":{happening}}}"#, l.event.to_json())))
}

/// `GET /api/articles/{id}`: the article and its events with byte spans.
pub async fn article(
    axum::extract::State(app): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::none(q.as_deref())?;
    let key = id.clone();
    let found = with_store(&app, None, move |s| Ok(s.article(&key)?.map(|a| (a, s.article_events(&key)))))
        .await?
        .ok_or_else(|| Failure::NotFound(format!("{id}: no such article in the store")))?;
    let (a, events) = found;
    let events = events.map_err(|e| Failure::from_store(e, None))?;
    let article = serde_json::to_string(&a).map_err(|e| Failure::Internal(e.to_string()))?;
    Ok(json(format!(r#"{{"article":{article},"events":{}}}"#, records(events.iter()))))
}

/// `GET /api/counts?by=day|week|month|pair`.
pub async fn counts(
    axum::extract::State(app): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["by", "limit"])?;
    let by = p.count_by(CountBy::Day, true)?;
    let limit = if by == CountBy::ActorPair { Some(p.limit(100)?) } else { None };
    if by != CountBy::ActorPair && p.get("limit").is_some() {
        return Err(Failure::bad("limit: only counts by pair are limited").into());
    }
    let f = Filter { limit, ..p.filter()? };
    let counts = with_store(&app, f.text.clone(), move |s| s.counts(by, &f)).await?;
    let cols = by.columns();
    let rows: Vec<serde_json::Value> = counts
        .iter()
        .map(|c| {
            let mut m = serde_json::Map::new();
            for (k, v) in cols.iter().zip(&c.keys) {
                m.insert((*k).into(), v.clone().into());
            }
            m.insert("events".into(), c.count.into());
            serde_json::Value::Object(m)
        })
        .collect();
    let by_name = match by {
        CountBy::Day => "day",
        CountBy::Week => "week",
        CountBy::Month => "month",
        CountBy::ActorPair => "pair",
    };
    Ok(axum::Json(serde_json::json!({"by": by_name, "counts": rows})).into_response())
}

/// `GET /api/happenings`: happenings with an event matching the filters.
pub async fn happenings(
    axum::extract::State(app): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["limit"])?;
    let f = Filter { limit: Some(p.limit(100)?), ..p.filter()? };
    let hs = with_store(&app, f.text.clone(), move |s| s.happenings(&f)).await?;
    Ok(axum::Json(serde_json::json!({ "happenings": hs })).into_response())
}

/// The stream formats of `annals export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Gdelt,
    GdeltMentions,
    Plover,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            "gdelt" => Format::Gdelt,
            "gdelt-mentions" => Format::GdeltMentions,
            "plover" => Format::Plover,
            _ => return None,
        })
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Plover => "application/x-ndjson",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Gdelt | Format::GdeltMentions => "text/tab-separated-values; charset=utf-8",
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Format::Jsonl => "annals-events.jsonl",
            Format::Csv => "annals-events.csv",
            Format::Gdelt => "annals-gdelt-events.tsv",
            Format::GdeltMentions => "annals-gdelt-mentions.tsv",
            Format::Plover => "annals-plover.jsonl",
        }
    }
}

/// Writes the events matching `filter` in `format`: the bytes `annals
/// export --format FORMAT` writes with the same filters.
pub fn write_export(store: &Store, filter: &Filter, format: Format, out: &mut dyn Write) -> annals_store::Result<u64> {
    let io = annals_store::Error::Io;
    match format {
        Format::Gdelt => gdelt::write_events_matching(store, filter, GeoCodes::Fips, out),
        Format::GdeltMentions => gdelt::write_mentions_matching(store, filter, out),
        Format::Plover => store.write_plover_matching(filter, out),
        Format::Csv => {
            let mut csv =
                annals_record::csv::Writer::new(out).map_err(|e| annals_store::Error::Export(e.to_string()))?;
            let n = store
                .for_each_event(filter, |e| csv.write(&e).map_err(|e| annals_store::Error::Export(e.to_string())))?;
            csv.flush().map_err(|e| annals_store::Error::Export(e.to_string()))?;
            Ok(n)
        }
        Format::Jsonl => store.for_each_event(filter, |e| writeln!(out, "{}", e.to_json()).map_err(io)),
    }
}

/// An [`std::io::Write`] that sends what it is given down a channel, in
/// chunks; fails once the receiver (the client) is gone.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    const CHUNK: usize = 64 * 1024;

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= Self::CHUNK {
            self.send()?;
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// `GET /api/export?format=csv|gdelt|gdelt-mentions|plover|jsonl`: streams
/// the export. The filters are checked before the first byte; an export
/// that then runs past the export time limit is cut off (the response ends
/// without its last chunk, which clients report as an error).
pub async fn export(
    axum::extract::State(app): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["format"])?;
    let format = match p.get("format") {
        None => return Err(Failure::bad("format: required (csv, gdelt, gdelt-mentions, plover or jsonl)").into()),
        Some(f) => Format::parse(f).ok_or_else(|| {
            Failure::bad(format!("format: {f:?} is not one of csv, gdelt, gdelt-mentions, plover, jsonl"))
        })?,
    };
    let f = p.filter()?;
    let check = Filter { limit: Some(0), ..f.clone() };
    with_store(&app, f.text.clone(), move |s| s.query(&check)).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let pool = app.pool.clone();
    let limit = app.export_timeout;
    tokio::spawn(async move {
        let err_tx = tx.clone();
        let r = pool
            .run(limit, move |s| {
                let mut w = ChannelWriter { tx, buf: Vec::with_capacity(ChannelWriter::CHUNK) };
                let r = write_export(s, &f, format, &mut w).and_then(|_| w.flush().map_err(annals_store::Error::Io));
                r.map_err(|e| Failure::Internal(e.to_string()))
            })
            .await;
        if let Err(e) = r {
            let _ = err_tx.send(Err(std::io::Error::other(e.to_string()))).await;
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", format.file_name())),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// The body of `POST /api/code`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    pub text: String,
    /// Publication date (ISO), which anchors relative dates.
    #[serde(default)]
    pub date: Option<String>,
}

/// Checks a text and date to code: at most [`crate::MAX_CODE_TEXT`] bytes,
/// and a real ISO date when one is given.
pub fn check_code_request(text: &str, date: Option<&str>) -> Result<(), Failure> {
    if text.len() > crate::MAX_CODE_TEXT {
        return Err(Failure::TooLarge(format!(
            "text: {} bytes; at most {} (1 MB) are coded at once",
            text.len(),
            crate::MAX_CODE_TEXT
        )));
    }
    if text.trim().is_empty() {
        return Err(Failure::bad("text: empty"));
    }
    if let Some(d) = date {
        if annals_record::parse_day(d).is_none() {
            return Err(Failure::bad(format!("date: {d:?} is not a date (YYYY-MM-DD)")));
        }
    }
    Ok(())
}

/// Codes `text` with the engine (one at a time), nothing stored.
pub async fn code_text(app: &State, text: String, date: Option<String>) -> Result<Vec<Event>, Failure> {
    let _turn = tokio::time::timeout(std::time::Duration::from_secs(30), app.coding.acquire())
        .await
        .map_err(|_| Failure::Timeout("the coder is busy with other texts; try again".into()))?
        .map_err(|_| Failure::Internal("the coder is closed".into()))?;
    let engine = app.engine.clone();
    tokio::task::spawn_blocking(move || engine.code("pasted", &text, date.as_deref()))
        .await
        .map_err(|_| Failure::Internal("coding panicked".into()))
}

/// `POST /api/code` with `{"text": ..., "date": ...}`: the events with
/// their explanations; nothing is stored.
pub async fn code(
    axum::extract::State(app): axum::extract::State<State>,
    RawQuery(q): RawQuery,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    Params::none(q.as_deref())?;
    let body = body.map_err(|e| Failure::TooLarge(format!("body: {e}")))?;
    let req: CodeRequest = serde_json::from_slice(&body)
        .map_err(|e| Failure::bad(format!("body: {e} (expected {{\"text\": \"...\", \"date\": \"YYYY-MM-DD\"}})")))?;
    check_code_request(&req.text, req.date.as_deref())?;
    let events = code_text(&app, req.text, req.date).await?;
    Ok(json(format!(r#"{{"events":{}}}"#, records(events.iter()))))
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::assets::OPENAPI).into_response()
}
