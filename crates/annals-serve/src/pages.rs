//! The web pages, rendered on the server with maud (which escapes every
//! interpolated string, in text and in attributes). Every page works
//! without JavaScript; `app.js` only adds the article's hover panel.
//! Filters travel in the URL, so a view can be shared.

use crate::api::{check_code_request, with_store};
use crate::charts::{self, Bar};
use crate::error::{Failure, PageError};
use crate::highlight::{self, Layer};
use crate::params::{query_string, with_pair, Params, PLOVER};
use crate::State;
use annals_record::Event;
use annals_store::{ArticleRow, CountBy, Filter, HappeningCounts, Listed};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Html;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Deserialize;

type Page = Result<Html<String>, PageError>;

/// What an article id keeps unescaped in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The page of article `id`.
pub fn article_url(id: &str) -> String {
    format!("/articles/{}", utf8_percent_encode(id, SEGMENT))
}

/// `v` as JSON that is safe inside a `<script type="application/json">`
/// element: `<`, `>` and `&` (so no `</script>` or `<!--` can appear) and
/// the JavaScript line separators are written as `\u` escapes, which JSON
/// reads back as the same characters.
pub fn json_in_html<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// An `href` for a URL from an article: only http(s) links are links.
fn safe_href(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
}

const NAV: [(&str, &str, &str); 5] = [
    ("events", "/", "Events"),
    ("timeline", "/timeline", "Timeline"),
    ("map", "/map", "Map"),
    ("actors", "/actors", "Actors"),
    ("code", "/code", "Code a report"),
];

/// The frame of every page: title, navigation (keeping the filters), body.
fn layout(title: &str, active: &str, filters: &[(String, String)], body: Markup) -> Html<String> {
    let keep = query_string(filters);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · annals" }
                link rel="stylesheet" href=(crate::assets::url("app.css"));
                script src=(crate::assets::url("app.js")) defer {}
            }
            body data-page=(active) {
                header.top {
                    a.brand href="/" { "annals" }
                    nav {
                        @for (key, path, name) in NAV {
                            @let href = if key == "code" { path.to_string() } else { format!("{path}{keep}") };
                            a href=(href) class=[(key == active).then_some("active")] { (name) }
                        }
                        a href="/openapi.json" { "API" }
                    }
                }
                main { (body) }
            }
        }
    };
    Html(page.into_string())
}

/// The error page.
pub fn error_page(status: StatusCode, message: &str) -> Html<String> {
    layout(
        status.canonical_reason().unwrap_or("Error"),
        "",
        &[],
        html! {
            h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
            p.error { (message) }
            p { a href="/" { "Back to the events" } }
        },
    )
}

/// The filter form, submitting to `action` with `hidden` fields kept.
fn filter_form(action: &str, p: &Params, hidden: &[(&str, String)]) -> Markup {
    let v = |k: &str| p.get(k).map(str::to_string);
    let text = |name: &str, label: &str, hint: &str| {
        html! {
            label { span { (label) } input type="text" name=(name) value=[v(name)] placeholder=(hint); }
        }
    };
    html! {
        form.filters method="get" action=(action) {
            (text("actor", "Actor code", "NER, PSEREB"))
            (text("actor-name", "Actor name", "hamas"))
            (text("cameo", "CAMEO", "04, 0841"))
            label { span { "PLOVER" }
                select name="plover" {
                    option value="" { "any" }
                    @for c in PLOVER { option value=(c) selected[p.get("plover").is_some_and(|x| x.eq_ignore_ascii_case(c))] { (c) } }
                }
            }
            label { span { "Mode" }
                select name="mode" {
                    option value="" { "any" }
                    @for m in annals_record::Mode::ALL {
                        option value=(m.as_str()) selected[p.get("mode").is_some_and(|x| x.eq_ignore_ascii_case(m.as_str()))] { (m.as_str()) }
                    }
                }
            }
            (text("country", "Country", "QAT"))
            (text("place", "Place", "Doha"))
            (text("place-country", "Place country", "NER"))
            (text("from", "From", "2024-03"))
            (text("to", "To", "2024-03-31"))
            (text("published-from", "Published from", "2024"))
            (text("published-to", "Published to", ""))
            (text("text", "Words", "ceasefire"))
            @for (k, val) in hidden { input type="hidden" name=(k) value=(val); }
            div.buttons {
                button type="submit" { "Filter" }
                a href=(action) { "Clear" }
            }
        }
    }
}

fn actor(a: &Option<annals_record::ActorRef>) -> Markup {
    html! {
        @match a {
            None => span.none { "–" },
            Some(a) => {
                @if let Some(name) = &a.name { (name) } @else { (a.text) }
                @if let Some(code) = &a.code { " " code { (code) } }
            }
        }
    }
}

fn mode_badge(e: &Event) -> Markup {
    html! {
        span class={"badge m-" (e.mode.as_str())} { (e.mode.as_str()) }
        @if e.historical { " " span.badge.hist { "historical" } }
    }
}

/// `GET /`: the events table.
pub async fn events(axum::extract::State(app): axum::extract::State<State>, RawQuery(q): RawQuery) -> Page {
    let p = Params::parse(q.as_deref(), &["limit", "cursor"])?;
    let limit = p.limit(50)?;
    let f = Filter { limit: Some(limit), ..p.filter()? };
    let after = p.cursor()?;
    let shared = app.clone();
    let (page, total) = with_store(&app, f.text.clone(), move |s| {
        let total = if f.is_empty() { Some(shared.total_events(s)?) } else { s.quick_total(&f)? };
        Ok((s.page(&f, after)?, total))
    })
    .await?;
    let filters = p.filter_pairs();
    let mut hidden = Vec::new();
    if let Some(l) = p.get("limit") {
        hidden.push(("limit", l.to_string()));
    }
    let next = page.next.map(|n| {
        let mut q = filters.clone();
        q.extend(hidden.iter().map(|(k, v)| (k.to_string(), v.clone())));
        q.push(("cursor".into(), n.to_string()));
        format!("/{}", query_string(&q))
    });
    let export = |format: &str| {
        let mut q = filters.clone();
        q.push(("format".into(), format.into()));
        format!("/api/export{}", query_string(&q))
    };
    let body = html! {
        h1 { "Events" }
        (filter_form("/", &p, &hidden))
        p.summary {
            @if let Some(t) = total { strong #total { (t) } " events match. " }
            "Showing " strong #shown { (page.events.len()) } @if after.is_some() { " (a later page)" } ". "
            "Export: "
            a href=(export("csv")) { "CSV" } " · " a href=(export("jsonl")) { "JSON Lines" } " · "
            a href=(export("gdelt")) { "GDELT" } " · " a href=(export("plover")) { "PLOVER" }
        }
        @if page.events.is_empty() {
            p.empty #no-events { "No event matches these filters." }
        } @else {
            table.events {
                thead { tr {
                    th { "Date" } th { "Source" } th { "Event" } th { "Target" } th { "Mode" }
                    th { "Place" } th { "According to" } th.n title="mentions of the happening" { "Mentions" }
                    th.n title="distinct outlets reporting the happening" { "Outlets" }
                } }
                tbody {
                    @for l in &page.events { (event_row(l)) }
                }
            }
        }
        nav.pager {
            @if after.is_some() {
                @let q = filters.iter().cloned().chain(hidden.iter().map(|(k, v)| (k.to_string(), v.clone()))).collect::<Vec<_>>();
                a #first href={"/" (query_string(&q))} { "« First page" }
            }
            @if let Some(n) = &next { a #next rel="next" href=(n) { "Next page »" } }
        }
    };
    Ok(layout("Events", "events", &filters, body))
}

fn event_row(l: &Listed) -> Markup {
    let e = &l.event;
    let a = anchor(e, 0);
    let link = if a.starts_with("ev-i") { article_url(&e.article) } else { format!("{}#{a}", article_url(&e.article)) };
    html! {
        tr class={"m-" (e.mode.as_str()) @if e.historical { " hist" }} data-id=(e.id) {
            td.date { a href=(link) { @if let Some(d) = &e.date { (d.value) } @else { "undated" } } }
            td { (actor(&e.source)) }
            td { a href=(link) { code { (e.cameo) } " " (e.cameo_name) } br; q { (e.trigger.text) } }
            td { (actor(&e.target)) }
            td { (mode_badge(e)) }
            td { @if let Some(p) = &e.place { (p.name) @if let Some(c) = &p.country { " " code { (c) } } } @else { span.none { "–" } } }
            td { @if let Some(a) = &e.attribution { (a.text) @if a.anonymous { " " span.badge.anon { "anonymous" } } } @else { span.none { "–" } } }
            td.n { (l.happening.map_or(1, |h| h.mentions)) }
            td.n { (l.happening.map_or(1, |h| h.outlets)) }
        }
    }
}

/// The `id` of event `e`'s card on its article's page (`i`: its place in
/// the article): `ev-3-1` for event `article:3:1`, from the part of the id
/// after the article's, which is unique within the article.
pub fn anchor(e: &Event, i: usize) -> String {
    match e.id.strip_prefix(e.article.as_str()).and_then(|r| r.strip_prefix(':')) {
        Some(rest) if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == ':') => {
            format!("ev-{}", rest.replace(':', "-"))
        }
        _ => format!("ev-i{i}"),
    }
}

/// The events of a text with their happenings and explanations, as the
/// article and paste pages show them.
struct Coded {
    events: Vec<Event>,
    happenings: Vec<Option<HappeningCounts>>,
    /// Per event: the coder's explanation, or `None` when the current coder
    /// does not give this event (the store's was coded by another version).
    explain: Vec<Option<Vec<String>>>,
    layer: Layer,
}

/// The text layer of `text` and the current coder's events (with
/// explanations), from one annotation.
fn annotate_and_code(
    engine: &annals_engine::Engine,
    id: &str,
    text: &str,
    published: Option<&str>,
) -> (Layer, Vec<Event>) {
    let doc = engine.pipeline().annotate(text);
    let date = published.and_then(annals_read::parse_date);
    let events = engine.coder().code(&annals_code::ArticleInfo { id, date }, &doc);
    let layer = Layer {
        sentences: doc.sentences.iter().map(|s| (s.start, s.end)).collect(),
        times: doc.times.iter().map(|t| (t.start, t.end)).collect(),
        numbers: doc.numbers.iter().map(|n| (n.start, n.end, n.value)).collect(),
    };
    (layer, events)
}

fn text_and_events(text: &str, c: &Coded, empty: &str) -> Markup {
    let marks = highlight::marks(text, &c.events, &c.layer);
    let anchors: Vec<String> = c.events.iter().enumerate().map(|(i, e)| anchor(e, i)).collect();
    html! {
        div.reading {
            div.text #text { (highlight::render(text, &marks, &c.events, &anchors)) }
            aside #panel hidden { p.hint { "Point at a highlighted word to see its event." } }
        }
        (legend())
        h2 { (c.events.len()) " event(s)" }
        @if c.events.is_empty() { p.empty { (empty) } }
        div.cards {
            @for (i, e) in c.events.iter().enumerate() {
                (card(i, &anchors[i], e, c.happenings.get(i).copied().flatten(), c.explain.get(i).and_then(Option::as_deref)))
            }
        }
        script type="application/json" #annals-events { (PreEscaped(json_in_html(&c.events))) }
    }
}

fn legend() -> Markup {
    html! {
        div.legend {
            span { "Parts: " }
            @for k in ["trigger", "source", "target", "quantity", "date", "place", "attribution"] {
                span class={"hl k-" (k)} { (k) } " "
            }
            br;
            span { "Modes (the trigger's look): " }
            @for m in annals_record::Mode::ALL {
                span class={"hl k-trigger m-" (m.as_str())} { (m.as_str()) } " "
            }
            span class="hl k-trigger m-asserted hist" { "historical" }
        }
    }
}

fn card(i: usize, anchor: &str, e: &Event, h: Option<HappeningCounts>, explain: Option<&[String]>) -> Markup {
    let record = serde_json::to_string_pretty(e).unwrap_or_default();
    html! {
        article id=(anchor) class={"card m-" (e.mode.as_str()) @if e.historical { " hist" }} data-index=(i) data-id=(e.id) {
            header {
                (mode_badge(e)) " "
                strong { code { (e.cameo) } " " (e.cameo_name) }
                @if let Some(p) = &e.plover { " · " (p) @if let Some(m) = &e.plover_mode { " (" (m) ")" } }
            }
            dl {
                dt { "Who" } dd { (actor(&e.source)) }
                dt { "Did" } dd { q { (e.trigger.text) } }
                dt { "To whom" } dd { (actor(&e.target)) }
                dt { "When" } dd {
                    @if let Some(d) = &e.date { (d.value) " (" (format!("{:?}", d.precision).to_lowercase()) ", " (format!("{:?}", d.basis).to_lowercase()) ")" }
                    @else { "undated" }
                }
                dt { "Where" } dd { @if let Some(p) = &e.place { (p.name) @if let Some(c) = &p.country { " " code { (c) } } } @else { "–" } }
                dt { "According to" } dd {
                    @if let Some(a) = &e.attribution { (a.text) @if let Some(c) = &a.code { " " code { (c) } } @if a.anonymous { " " span.badge.anon { "anonymous" } } }
                    @else { "the report itself" }
                }
                dt { "How many" } dd { @if let Some(q) = &e.quantity { (q.value) " " (q.unit) } @else { "–" } }
                @if let Some(h) = h {
                    dt { "Reported" } dd { (h.mentions) " mention(s), " (h.articles) " article(s), " (h.outlets) " outlet(s)" }
                }
                dt { "Confidence" } dd { (format!("{:.2}", e.confidence)) }
            }
            blockquote.sentence { (e.text) }
            details.explain open[explain.is_some_and(|x| !x.is_empty())] {
                summary { "Why (the coder's explanation)" }
                @match explain {
                    Some(lines) if !lines.is_empty() => ul { @for l in lines { li { (l) } } },
                    Some(_) => p { "The coder gave no explanation." },
                    None => p { "This event was stored by another version of the coder or its dictionaries; the current one does not produce it, so it cannot explain it." },
                }
            }
            details.record { summary { "Record" } pre { (record) } }
        }
    }
}

/// `GET /articles/{id}`: the article's text with its events highlighted.
pub async fn article(
    axum::extract::State(app): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Page {
    Params::none(q.as_deref())?;
    let key = id.clone();
    let found = with_store(&app, None, move |s| {
        let Some(a) = s.article(&key)? else { return Ok(None) };
        let events = s.article_events(&key)?;
        let mut happenings = Vec::with_capacity(events.len());
        for e in &events {
            happenings.push(s.event(&e.id)?.and_then(|l| l.happening));
        }
        Ok(Some((a, events, happenings)))
    })
    .await?;
    let (a, events, happenings) =
        found.ok_or_else(|| Failure::NotFound(format!("{id}: no such article in the store")))?;
    let engine = app.engine.clone();
    let (text, aid, published) = (a.text.clone(), a.id.clone(), a.published.clone());
    let (layer, current) =
        tokio::task::spawn_blocking(move || annotate_and_code(&engine, &aid, &text, published.as_deref()))
            .await
            .map_err(|_| Failure::Internal("coding panicked".into()))?;
    let explain = events
        .iter()
        .map(|e| {
            current
                .iter()
                .find(|c| c.id == e.id && c.cameo == e.cameo && c.trigger.start == e.trigger.start)
                .map(|c| c.explain.clone())
        })
        .collect();
    let coded = Coded { events, happenings, explain, layer };
    Ok(article_page(&a, &coded))
}

fn article_page(a: &ArticleRow, c: &Coded) -> Html<String> {
    let title = a.title.clone().unwrap_or_else(|| a.id.clone());
    let body = html! {
        h1 #title { (title) }
        p.meta {
            "Article " code { (a.id) }
            @if let Some(o) = &a.outlet { " · " span.outlet { (o) } }
            @if let Some(d) = &a.published { " · published " (d) }
            @if let Some(u) = &a.url {
                " · "
                @match safe_href(u) {
                    Some(h) => a.url href=(h) rel="noopener noreferrer nofollow" { (u) },
                    None => span.url { (u) },
                }
            }
            " · " a href={"/api" (article_url(&a.id))} { "JSON" }
        }
        (text_and_events(&a.text, c, "The coder found no event in this article."))
    };
    layout(&title, "article", &[], body)
}

/// Periods and quad classes of the timeline, and the numbers of events
/// not drawn: undated, and without a quad class.
fn timeline_bars(s: &annals_store::Store, by: CountBy, f: &Filter) -> annals_store::Result<(Vec<Bar>, u64, u64)> {
    let mut bars: std::collections::BTreeMap<String, [u64; 4]> = Default::default();
    let (mut undated, mut unclassed) = (0, 0);
    for (key, quad, n) in s.counts_by_quad(by, f)? {
        match (key.as_str(), quad) {
            ("", _) => undated += n,
            (_, 1..=4) => bars.entry(key).or_default()[usize::from(quad) - 1] += n,
            _ => unclassed += n,
        }
    }
    Ok((bars.into_iter().map(|(key, quads)| Bar { key, quads }).collect(), undated, unclassed))
}

/// The most bars drawn.
const MAX_BARS: usize = 400;

/// `GET /timeline`: events per day, week or month, stacked by quad class.
pub async fn timeline(axum::extract::State(app): axum::extract::State<State>, RawQuery(q): RawQuery) -> Page {
    let p = Params::parse(q.as_deref(), &["by"])?;
    let by = p.count_by(CountBy::Month, false)?;
    let f = p.filter()?;
    let (mut bars, undated, unclassed) = with_store(&app, f.text.clone(), move |s| timeline_bars(s, by, &f)).await?;
    let all = bars.len();
    if all > MAX_BARS {
        bars.drain(..all - MAX_BARS);
    }
    let by_name = match by {
        CountBy::Day => "day",
        CountBy::Week => "week",
        _ => "month",
    };
    let filters = p.filter_pairs();
    let body = html! {
        h1 { "Timeline" }
        (filter_form("/timeline", &p, &[("by", by_name.to_string())]))
        p.by {
            "Events per "
            @for b in ["day", "week", "month"] {
                @let q = with_pair(&filters, "by", b);
                @if b == by_name { strong { (b) } } @else { a href={"/timeline" (query_string(&q))} { (b) } }
                " "
            }
            "by event date, stacked by quad class. Events dated more coarsely than a "
            (by_name) " (a year, a month) have bars of their own."
        }
        @if all > MAX_BARS { p.note { "The latest " (MAX_BARS) " of " (all) " periods are drawn; narrow the dates or count by a longer period." } }
        @if bars.is_empty() {
            p.empty #no-events { "No dated event matches these filters." }
        } @else {
            (charts::timeline(&bars))
            div.legend {
                @for (i, name) in charts::QUADS.iter().enumerate() { span class={"swatch q" (i + 1)} {} " " (name) " " }
            }
        }
        @if undated > 0 { p.note { (undated) " undated event(s) are not drawn." } }
        @if unclassed > 0 { p.note { (unclassed) " event(s) without a quad class are not drawn." } }
        details.table-view {
            summary { "As a table" }
            table.counts {
                thead { tr { th { (by_name) } @for name in charts::QUADS { th.n { (name) } } th.n { "all" } } }
                tbody { @for b in &bars { tr { td { (b.key) } @for n in b.quads { td.n { (n) } } td.n { (b.total()) } } } }
            }
        }
    };
    Ok(layout("Timeline", "timeline", &filters, body))
}

/// `GET /map`: event places on the world outline.
pub async fn map(axum::extract::State(app): axum::extract::State<State>, RawQuery(q): RawQuery) -> Page {
    let p = Params::parse(q.as_deref(), &[])?;
    let f = p.filter()?;
    let places = with_store(&app, f.text.clone(), move |s| s.places(&f, 500)).await?;
    let filters = p.filter_pairs();
    let body = html! {
        h1 { "Map" }
        (filter_form("/map", &p, &[]))
        p { "Where the matching events happened, each place sized by its number of events; a place links to its events." }
        (charts::map(&places, &filters))
        @if places.is_empty() { p.empty #no-events { "No matching event has a place with coordinates." } }
        table.places {
            thead { tr { th { "Place" } th { "Country" } th { "Lat, lon" } th.n { "Events" } } }
            tbody {
                @for pl in places.iter().take(50) {
                    @let q = with_pair(&filters, "place", &pl.name);
                    tr {
                        td { a href={"/" (query_string(&q))} { (pl.name) } }
                        td { @if let Some(c) = &pl.country { code { (c) } } }
                        td { (format!("{:.2}, {:.2}", pl.lat, pl.lon)) }
                        td.n { (pl.events) }
                    }
                }
            }
        }
        p.credit { "Land outline: Natural Earth 1:110m (public domain)." }
    };
    Ok(layout("Map", "map", &filters, body))
}

/// `GET /actors`: the strongest source→target pairs.
pub async fn actors(axum::extract::State(app): axum::extract::State<State>, RawQuery(q): RawQuery) -> Page {
    let p = Params::parse(q.as_deref(), &["limit"])?;
    let limit = p.limit(30)?;
    let f = Filter { limit: Some(limit), ..p.filter()? };
    let pairs = with_store(&app, f.text.clone(), move |s| s.counts(CountBy::ActorPair, &f)).await?;
    let filters = p.filter_pairs();
    let hidden: Vec<(&str, String)> = p.get("limit").map(|l| ("limit", l.to_string())).into_iter().collect();
    let body = html! {
        h1 { "Actors" }
        (filter_form("/actors", &p, &hidden))
        p { "The " (limit) " strongest source → target pairs among the matching events (actor codes; uncoded sides are blank)." }
        @if pairs.is_empty() {
            p.empty #no-events { "No event matches these filters." }
        } @else {
            (charts::network(&pairs))
        }
        table.pairs {
            thead { tr { th { "Source" } th { "Target" } th.n { "Events" } } }
            tbody {
                @for c in &pairs {
                    tr {
                        @for code in &c.keys {
                            td {
                                @if code.is_empty() { span.none { "(uncoded)" } } @else {
                                    @let q = with_pair(&filters, "actor", code);
                                    a href={"/" (query_string(&q))} { code { (code) } }
                                }
                            }
                        }
                        td.n { (c.count) }
                    }
                }
            }
        }
    };
    Ok(layout("Actors", "actors", &filters, body))
}

fn code_form(text: &str, date: &str) -> Markup {
    html! {
        form.code method="post" action="/code" {
            label { span { "Report text" }
                textarea name="text" rows="12" required placeholder="Paste a news report here." { (text) }
            }
            label.date { span { "Published" } input type="date" name="date" value=(date); }
            button type="submit" { "Code it" }
            span.note { "Nothing is stored. Up to 1 MB." }
        }
    }
}

/// `GET /code`: the paste form.
pub async fn code_form_page(RawQuery(q): RawQuery) -> Page {
    Params::none(q.as_deref())?;
    Ok(layout("Code a report", "code", &[], html! { h1 { "Code a report" } (code_form("", "")) }))
}

/// The paste form's fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeForm {
    text: String,
    #[serde(default)]
    date: String,
}

/// `POST /code`: codes the pasted text and shows it highlighted beside its
/// events; nothing is stored.
pub async fn code_post(
    axum::extract::State(app): axum::extract::State<State>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Page {
    let body = body.map_err(|e| Failure::TooLarge(format!("the form: {e}")))?;
    let form: CodeForm = serde_urlencoded::from_bytes(&body).map_err(|e| Failure::bad(format!("the form: {e}")))?;
    let date = Some(form.date.trim().to_string()).filter(|d| !d.is_empty());
    check_code_request(&form.text, date.as_deref())?;
    let _turn = tokio::time::timeout(std::time::Duration::from_secs(30), app.coding.acquire())
        .await
        .map_err(|_| Failure::Timeout("the coder is busy with other texts; try again".into()))?
        .map_err(|_| Failure::Internal("the coder is closed".into()))?;
    let engine = app.engine.clone();
    let (text, d) = (form.text.clone(), date.clone());
    let (layer, events) =
        tokio::task::spawn_blocking(move || annotate_and_code(&engine, "pasted", &text, d.as_deref()))
            .await
            .map_err(|_| Failure::Internal("coding panicked".into()))?;
    let explain = events.iter().map(|e| Some(e.explain.clone())).collect();
    let coded = Coded { happenings: vec![None; events.len()], events, explain, layer };
    let body = html! {
        h1 { "Code a report" }
        (code_form(&form.text, date.as_deref().unwrap_or("")))
        section #result {
            h2 { "The report, highlighted" }
            (text_and_events(&form.text, &coded, "The coder found no event in this text."))
        }
    };
    Ok(layout("Code a report", "code", &[], body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_html_cannot_close_its_element() {
        let v = serde_json::json!({"t": "</script><script>alert(1)</script><!-- & \u{2028}"});
        let s = json_in_html(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}'), "{s}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(safe_href("https://example.org/a"), Some("https://example.org/a"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<script>"), None);
    }

    #[test]
    fn article_ids_are_one_path_segment() {
        assert_eq!(article_url("examples/report.txt"), "/articles/examples%2Freport.txt");
        assert_eq!(article_url("a b?#&"), "/articles/a%20b%3F%23%26");
    }
}
