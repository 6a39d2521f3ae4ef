//! The public side: the portal's home, the application form of each agency with its receipt,
//! the applicant's status page, and the downloads a 查询码 opens. No login; anonymous visitors
//! leave nothing in the database until they actually submit.

pub mod apply;
pub mod feeds;
pub mod files;
pub mod search;
pub mod status;
pub mod xxgk;

use crate::csrf::CsrfToken;
use crate::page::{Chrome, render};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

/// The portal home page.
#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    c: Chrome,
    agencies: Vec<gongkai_storage::Agency>,
}

/// GET /: the 主动公开 card leads to each agency's 专栏.
pub async fn home(State(state): State<AppState>, csrf: CsrfToken) -> Result<Response, WebError> {
    render(&HomePage {
        c: Chrome::public("政府信息公开", &csrf.token),
        agencies: state.store.all_agencies().await?,
    })
}
