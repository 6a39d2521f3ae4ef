//! The JSON API under `/api/v1` (bearer tokens, issued in the back office or by `gongkai admin
//! create-token`) and its OpenAPI document. Reads and changes are scoped exactly like the back
//! office; errors use the envelope `{"errors":[{"detail": …, "request_id": …}]}`.

pub mod accounts;
pub mod applications;
pub mod directory;
pub mod documents;
pub mod proceedings;
pub mod reports;

use crate::WebError;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::OpenApi;

/// The OpenAPI document of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(title = "gongkai API", version = "1"),
    paths(
        directory::agencies,
        directory::users,
        accounts::update_user,
        accounts::tokens,
        accounts::revoke_token,
        applications::list,
        applications::get,
        applications::create,
        applications::step,
        proceedings::list,
        proceedings::get,
        proceedings::create,
        proceedings::update,
        documents::list,
        documents::get,
        documents::create,
        documents::step,
        reports::get,
        reports::compile_now,
        reports::findings,
        reports::step
    ),
    components(schemas(
        directory::AgencyJson,
        directory::UserJson,
        accounts::UserPatch,
        accounts::TokenJson,
        applications::ApplicationJson,
        applications::ApplicationRow,
        applications::NewApplicationJson,
        applications::StepJson,
        proceedings::ProceedingJson,
        proceedings::NewProceedingJson,
        proceedings::ProceedingUpdateJson,
        documents::DocumentJson,
        documents::DocumentRowJson,
        documents::NewDocumentJson,
        documents::DocumentStepJson,
        reports::ReportStepJson,
        reports::ReportStateJson
    ))
)]
struct ApiDoc;

/// GET /api/v1/openapi.json
pub async fn openapi() -> Response {
    axum::Json(ApiDoc::openapi()).into_response()
}

/// A JSON answer, or the error envelope.
pub(crate) fn respond<T: Serialize>(r: Result<T, WebError>) -> Response {
    match r {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => e.into_api_response(),
    }
}
