//! # annals-serve
//!
//! `annals serve`: a JSON API and server-rendered web pages over an annals
//! store, in one process, with every asset embedded in the binary.
//!
//! - [`Config`] says what to serve and the limits; [`App::open`] opens the
//!   store read-only (a small [`db::Pool`] of connections, each request's
//!   SQL bounded in time) and loads the [`annals_engine::Engine`] that codes
//!   pasted text; [`router`] gives the axum router; [`run`] binds and
//!   serves until Ctrl-C.
//! - [`api`]: `/api/events`, `/api/events/{id}`, `/api/articles/{id}`,
//!   `/api/counts`, `/api/happenings`, `/api/export`, `POST /api/code`, and
//!   `/openapi.json`.
//! - [`pages`]: `/` (events), `/articles/{id}`, `/timeline`, `/map`,
//!   `/actors`, `/code`; [`charts`] draws their SVG, [`highlight`] marks an
//!   article's text from the events' byte spans.
//! - [`params`]: the query parameters, read strictly (unknown or bad: 400).
//!
//! Security: maud escapes every interpolated string in text and attributes;
//! JSON placed in a page goes through [`pages::json_in_html`]; every
//! response carries a Content-Security-Policy that allows only the
//! server's own script and style files (no inline script, no inline style);
//! query strings, values and bodies are capped; no path from a URL reaches
//! the file system (static files are a fixed table of embedded bytes).

pub mod api;
pub mod assets;
pub mod charts;
#[doc(hidden)]
pub mod client;
pub mod db;
pub mod error;
pub mod highlight;
pub mod pages;
pub mod params;

use annals_engine::Engine;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The largest text `POST /api/code` and the paste page code (bytes).
pub const MAX_CODE_TEXT: usize = 1 << 20;
/// The largest request body: the text, with room for JSON or form escaping.
pub const MAX_BODY: usize = 4 << 20;

/// The policy every response carries: only the server's own files run or
/// style anything; nothing is framed, posted elsewhere or fetched from
/// another origin.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                       connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What to serve, and the limits.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Each request's SQL stops after this long (503).
    pub sql_timeout: Duration,
    /// An export's SQL stops after this long (the stream is cut).
    pub export_timeout: Duration,
    /// Read-only connections to the store.
    pub connections: usize,
    /// Dictionaries for the engine (as `annals code --dictionaries`).
    pub dictionaries: Option<PathBuf>,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>, addr: SocketAddr) -> Config {
        Config {
            db: db.into(),
            addr,
            sql_timeout: Duration::from_secs(3),
            export_timeout: Duration::from_secs(300),
            connections: 4,
            dictionaries: None,
        }
    }
}

/// The server's shared state.
pub struct App {
    pub pool: Arc<db::Pool>,
    pub engine: Arc<Engine>,
    /// One pasted text coded at a time: coding takes a core.
    pub coding: tokio::sync::Semaphore,
    pub sql_timeout: Duration,
    pub export_timeout: Duration,
    /// The store's file name, for page titles.
    pub store_name: String,
    /// The number of events in the store and when it was counted: counting
    /// a large store takes a while, so the unfiltered events page reuses it
    /// for [`TOTAL_FOR`].
    total: std::sync::Mutex<Option<(std::time::Instant, u64)>>,
}

/// How long the count of all events is reused.
pub const TOTAL_FOR: Duration = Duration::from_secs(10);

impl App {
    /// Opens the store read-only and loads the engine (with `--explain`).
    pub fn open(c: &Config) -> anyhow::Result<App> {
        let pool = db::Pool::open(&c.db, c.connections, Duration::from_secs(10))
            .map_err(|e| anyhow::anyhow!("{}: {e}", c.db.display()))?;
        let engine = Engine::load(&annals_engine::Options {
            dictionaries: c.dictionaries.clone(),
            strict: false,
            explain: true,
        })?;
        Ok(App::with_engine(c, pool, Arc::new(engine)))
    }

    /// An app on an engine already loaded (tests share one).
    pub fn with_engine(c: &Config, pool: db::Pool, engine: Arc<Engine>) -> App {
        App {
            pool: Arc::new(pool),
            engine,
            coding: tokio::sync::Semaphore::new(1),
            sql_timeout: c.sql_timeout,
            export_timeout: c.export_timeout,
            store_name: c.db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            total: std::sync::Mutex::new(None),
        }
    }

    /// The number of events in the store, counted at most every [`TOTAL_FOR`].
    pub fn total_events(&self, store: &annals_store::Store) -> annals_store::Result<u64> {
        if let Some((at, n)) = *self.total.lock().expect("total lock") {
            if at.elapsed() < TOTAL_FOR {
                return Ok(n);
            }
        }
        let n = store.totals()?.1;
        *self.total.lock().expect("total lock") = Some((std::time::Instant::now(), n));
        Ok(n)
    }
}

pub type State = Arc<App>;

/// Every route of the server.
pub fn router(app: State) -> Router {
    Router::new()
        .route("/", get(pages::events))
        .route("/articles/{*id}", get(pages::article))
        .route("/timeline", get(pages::timeline))
        .route("/map", get(pages::map))
        .route("/actors", get(pages::actors))
        .route("/code", get(pages::code_form_page).post(pages::code_post))
        .route("/static/{name}", get(assets::file))
        .route("/openapi.json", get(api::openapi))
        .route("/api/events", get(api::events))
        .route("/api/events/{*id}", get(api::event))
        .route("/api/articles/{*id}", get(api::article))
        .route("/api/counts", get(api::counts))
        .route("/api/happenings", get(api::happenings))
        .route("/api/export", get(api::export))
        .route("/api/code", axum::routing::post(api::code))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(guard))
        .with_state(app)
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let f = error::Failure::NotFound(format!("{}: no such page", uri.path()));
    if uri.path().starts_with("/api/") {
        error::ApiError(f).into_response()
    } else {
        error::PageError(f).into_response()
    }
}

/// Caps the query string, bounds the time to an answer, and sets the
/// security headers on every response.
async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let fail =
        |f: error::Failure| if api { error::ApiError(f).into_response() } else { error::PageError(f).into_response() };
    let mut res = match req.uri().query().map(str::len) {
        Some(n) if n > params::MAX_QUERY => fail(error::Failure::QueryTooLong(format!(
            "the query string is {n} bytes; at most {} are accepted",
            params::MAX_QUERY
        ))),
        // The head of the answer within a minute: the SQL stops sooner, this
        // catches waits for a connection or for the coder.
        _ => match tokio::time::timeout(Duration::from_secs(60), next.run(req)).await {
            Ok(r) => r,
            Err(_) => fail(error::Failure::Timeout("the request took longer than 60 s".into())),
        },
    };
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    res
}

/// Whether `addr` is reachable only from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// The warning printed before serving on `addr`, when other machines can
/// reach it (anything but a loopback address).
pub fn exposure_warning(addr: &SocketAddr) -> Option<String> {
    (!is_loopback(addr)).then(|| {
        format!(
            "annals: serve: WARNING: listening on {addr}, which other machines can reach: the store's articles \
             and events are readable by anyone who can connect"
        )
    })
}

/// Serves `app` on `listener` until Ctrl-C (or `shutdown` resolves).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: State,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app)).with_graceful_shutdown(shutdown).await
}

/// `annals serve`: opens the store, loads the engine, binds `c.addr` and
/// serves until Ctrl-C. Prints where it listens (the real port when `c.addr`
/// has port 0) and warns when that is not a loopback address.
pub fn run(c: Config) -> anyhow::Result<()> {
    let app = Arc::new(App::open(&c)?);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(c.addr).await?;
        let addr = listener.local_addr()?;
        if let Some(w) = exposure_warning(&addr) {
            eprintln!("{w}");
        }
        eprintln!("annals: serve: {} on http://{addr}/ (Ctrl-C stops)", c.db.display());
        serve_on(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_are_served_without_a_warning() {
        for quiet in ["127.0.0.1:8080", "127.0.0.2:80", "[::1]:8080"] {
            assert_eq!(exposure_warning(&quiet.parse().unwrap()), None, "{quiet}");
        }
        for loud in ["0.0.0.0:8080", "[::]:8080", "192.168.1.5:8080", "10.0.0.1:0"] {
            let w = exposure_warning(&loud.parse().unwrap());
            assert!(w.as_deref().is_some_and(|w| w.contains("WARNING") && w.contains(loud)), "{loud}: {w:?}");
        }
    }
}
