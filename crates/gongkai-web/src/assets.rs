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

/// The annual report's official layout (the export crate's stylesheet) for use inside a page of
/// the platform: without its `body` rule (the page has its own) and with the A4 sheet fitted to
/// the column on screens.
fn report_css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let full = gongkai_export::html::CSS;
        let mut out = String::with_capacity(full.len() + 256);
        let mut rest = full;
        // Drop every top-level `body { … }` rule (the print block keeps its own).
        while let Some(at) = rest.find("\nbody {") {
            out.push_str(&rest[..at]);
            let after = &rest[at..];
            let end = after.find('}').map_or(after.len(), |e| e + 1);
            rest = &after[end..];
        }
        out.push_str(rest);
        out.push_str(
            "\n.gk-report { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"SimSun\", serif; color: #000; }\n\
             @media screen { .page-report .gk-report { max-width: 100%; margin: 0; padding: 24px 5%; box-shadow: 0 0 4px rgba(0,0,0,.15); } }\n\
             @media screen and (max-width: 600px) { .page-report .gk-report { padding: 12px 8px; } .gk-report h1 { font-size: 15pt; } }\n",
        );
        out
    })
}

/// `/assets/report-<hash>.css`: the annual report's official layout (see [`report_css`]).
pub fn report_css_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| hashed("report", report_css()))
}

/// Serves an embedded asset; unknown names are 404.
pub async fn serve(Path(name): Path<String>) -> Response {
    let css = [
        (css_url(), CSS),
        (letter_css_url(), gongkai_export::letter::LETTER_CSS),
        (report_css_url(), report_css()),
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
