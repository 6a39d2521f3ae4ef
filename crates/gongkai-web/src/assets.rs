//! Assets embedded in the binary and served under content-hashed, immutable URLs (no CDN).

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

const CSS: &str = include_str!("../assets/app.css");

fn hashed(stem: &str, body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let short: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("/assets/{stem}-{short}.css")
}

/// `/assets/app-<hash>.css`
pub fn css_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| hashed("app", CSS))
}

/// `/assets/letter-<hash>.css`: the letter preview's stylesheet (from the export crate).
pub fn letter_css_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| hashed("letter", gongkai_export::letter::LETTER_CSS))
}

/// Serves an embedded asset; unknown names are 404.
pub async fn serve(Path(name): Path<String>) -> Response {
    let css = [
        (css_url(), CSS),
        (letter_css_url(), gongkai_export::letter::LETTER_CSS),
    ];
    for (url, body) in css {
        if url.rsplit('/').next() == Some(name.as_str()) {
            let headers = [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ];
            return (headers, body).into_response();
        }
    }
    StatusCode::NOT_FOUND.into_response()
}
