//! The public side: the portal's home, the application form of each agency with its receipt,
//! the applicant's status page, and the downloads a 查询码 opens. No login; anonymous visitors
//! leave nothing in the database until they actually submit.

pub mod apply;
pub mod files;
pub mod status;

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
