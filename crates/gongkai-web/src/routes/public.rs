//! The public portal (公开专栏) shell.

use crate::WebError;
use crate::csrf::CsrfToken;
use crate::page::{Chrome, render};
use askama::Template;
use axum::response::Response;

/// The portal home page.
#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    c: Chrome,
}

/// GET /
pub async fn home(csrf: CsrfToken) -> Result<Response, WebError> {
    render(&HomePage {
        c: Chrome::public("政府信息公开", &csrf.token),
    })
}
