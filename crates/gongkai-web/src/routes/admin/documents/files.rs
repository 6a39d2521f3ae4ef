//! Attachment downloads in the back office: any staff member who may see the document, for a
//! file its working copy or one of its versions names.

use crate::auth::CurrentUser;
use crate::documents::find;
use crate::extract::Path;
use crate::routes::public::files::attachment_response;
use crate::{AppState, WebError};
use axum::extract::State;
use axum::response::Response;

/// GET /admin/documents/{id}/files/{file}
pub async fn download(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (doc, agency) = find(&state, &me.user, id).await?;
    let d = &doc.document;
    let named = std::iter::once(&d.content)
        .chain(d.versions.iter().map(|v| &v.content))
        .flat_map(|c| &c.attachments)
        .any(|a| a.id.0 == file);
    if !named {
        return Err(WebError::NotFound("附件"));
    }
    let (meta, bytes) = state.store.document_file(agency.id, file).await?;
    Ok(attachment_response(
        &meta.file_name,
        &meta.media_type,
        bytes,
    ))
}
