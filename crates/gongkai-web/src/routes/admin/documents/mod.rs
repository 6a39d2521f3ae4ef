//! 主动公开 in the back office: the registry list with filters (`list.rs`), the form to draft
//! and edit a document (`form.rs`), one document with its versions, history and the steps the
//! signed-in role may take (`show.rs`), and attachment downloads for staff (`files.rs`).

pub mod files;
pub mod form;
pub mod list;
pub mod show;

use crate::AppState;
use crate::upload::MAX_BODY_BYTES;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

/// The routes, mounted with the other pages (behind the session layer).
pub fn routes() -> Router<AppState> {
    let uploads = || DefaultBodyLimit::max(MAX_BODY_BYTES);
    Router::new()
        .route(
            "/admin/documents",
            get(list::list).post(form::create).layer(uploads()),
        )
        .route("/admin/documents/new", get(form::new_form))
        .route("/admin/documents/{id}", get(show::show))
        .route(
            "/admin/documents/{id}/edit",
            get(form::edit_form).post(form::update).layer(uploads()),
        )
        .route("/admin/documents/{id}/steps", post(show::step))
        .route("/admin/documents/{id}/files/{file}", get(files::download))
}
