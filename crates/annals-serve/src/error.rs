//! What a request can fail with, and how each failure answers: a status and
//! a message, as JSON under `/api/` and as a page elsewhere. A bad value is
//! always a 400 that says which parameter and why; 500 is left for faults
//! of the server itself (an unreadable database).

use axum::http::StatusCode;

/// A failed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A parameter, path or body the server cannot use (400).
    BadRequest(String),
    /// No such article or event (404).
    NotFound(String),
    /// A body or query larger than the limits (413 / 414).
    TooLarge(String),
    QueryTooLong(String),
    /// The request's SQL ran past its time limit, or no connection was free
    /// in time (503).
    Timeout(String),
    /// A fault of the server (500).
    Internal(String),
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::QueryTooLong(_) => StatusCode::URI_TOO_LONG,
            Failure::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::BadRequest(m)
            | Failure::NotFound(m)
            | Failure::TooLarge(m)
            | Failure::QueryTooLong(m)
            | Failure::Timeout(m)
            | Failure::Internal(m) => m,
        }
    }

    pub fn bad(m: impl Into<String>) -> Failure {
        Failure::BadRequest(m.into())
    }

    /// The failure of a store call made for a request whose full-text
    /// filter is `text`: bad filters and full-text syntax are the caller's
    /// (400), an interrupted statement ran out of time (503).
    pub fn from_store(e: annals_store::Error, text: Option<&str>) -> Failure {
        use annals_store::Error as E;
        match e {
            E::BadFilter(m) => Failure::BadRequest(m),
            E::UnknownArticle(id) => Failure::NotFound(format!("{id}: no such article in the store")),
            E::Sqlite(rusqlite::Error::SqliteFailure(f, m)) if f.code == rusqlite::ErrorCode::OperationInterrupted => {
                let _ = m;
                Failure::Timeout(
                    "the query ran longer than the server's limit per request; narrow the filters (an actor, a date range)"
                        .into(),
                )
            }
            E::Sqlite(rusqlite::Error::SqliteFailure(f, m))
                if text.is_some() && f.code == rusqlite::ErrorCode::Unknown =>
            {
                Failure::BadRequest(format!(
                    "text: {} (full-text syntax: words, \"a phrase\", OR, NOT, NEAR(a b))",
                    m.unwrap_or_else(|| "not a full-text query".into())
                ))
            }
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Failure {}

/// A failure answered as JSON: `{"error": "...", "status": 400}`.
pub struct ApiError(pub Failure);

impl From<Failure> for ApiError {
    fn from(f: Failure) -> ApiError {
        ApiError(f)
    }
}

impl axum::response::IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        let status = self.0.status();
        let body = serde_json::json!({"error": self.0.message(), "status": status.as_u16()});
        (status, axum::Json(body)).into_response()
    }
}

/// A failure answered as a page.
pub struct PageError(pub Failure);

impl From<Failure> for PageError {
    fn from(f: Failure) -> PageError {
        PageError(f)
    }
}

impl axum::response::IntoResponse for PageError {
    fn into_response(self) -> axum::response::Response {
        let status = self.0.status();
        let page = crate::pages::error_page(status, self.0.message());
        (status, page).into_response()
    }
}
