//! The static files, embedded in the binary: a fixed table looked up by
//! name, so no part of a URL ever reaches the file system.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Name, content type, bytes.
pub const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    // Natural Earth 1:110m land (public domain), see tools/world_svg.py.
    ("world.svg", "image/svg+xml", include_bytes!("../assets/world.svg")),
];

/// The OpenAPI document of the JSON API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// `GET /static/{name}`.
pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, ty, bytes)) => {
            ([(header::CONTENT_TYPE, *ty), (header::CACHE_CONTROL, "public, max-age=3600")], *bytes).into_response()
        }
        None => crate::error::PageError(crate::error::Failure::NotFound(format!("/static/{name}: no such file")))
            .into_response(),
    }
}

/// A static file's URL.
pub fn url(name: &str) -> String {
    debug_assert!(FILES.iter().any(|(n, _, _)| *n == name));
    format!("/static/{name}")
}
