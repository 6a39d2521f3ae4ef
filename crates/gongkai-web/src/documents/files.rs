//! Attachments (附件) of documents: files already checked by content in `upload` (PDF, DOCX,
//! XLSX, PNG, JPEG — never by name), stored with the text of PDF, DOCX and XLSX files for
//! search. Text comes from gongkai-import's readers (the same that read annual reports); a file
//! they cannot read is stored without text, never refused.

use crate::upload::UploadedFile;
use crate::{AppState, WebError};
use gongkai_domain::disclosure::{Attachment, AttachmentId};
use gongkai_storage::documents::NewDocumentFile;
use gongkai_storage::{Agency, User};

/// Stores the uploaded files of `agency` and returns them as attachments named as uploaded.
pub async fn store(
    state: &AppState,
    agency: &Agency,
    user: &User,
    uploads: Vec<UploadedFile>,
) -> Result<Vec<Attachment>, WebError> {
    let mut out = Vec::with_capacity(uploads.len());
    for f in uploads {
        let (text, bytes) = extract(f.bytes, f.media_type).await;
        let new = NewDocumentFile {
            file_name: f.file_name.clone(),
            media_type: f.media_type.to_owned(),
            bytes,
            text,
            uploaded_by: user.username.as_str().to_owned(),
        };
        let stored = state.store.add_document_file(agency.id, &new).await?;
        out.push(Attachment {
            id: AttachmentId(stored.id),
            name: f.file_name,
        });
    }
    Ok(out)
}

/// The text of a PDF, DOCX or XLSX file (`None` for images and unreadable files), and the
/// bytes back. Parsing runs on the blocking pool; a reader that fails or panics on a malformed
/// file only costs the file its search text.
pub async fn extract(bytes: Vec<u8>, media_type: &str) -> (Option<String>, Vec<u8>) {
    if media_type.starts_with("image/") {
        return (None, bytes);
    }
    let shared = std::sync::Arc::new(bytes);
    let input = std::sync::Arc::clone(&shared);
    let text = match tokio::task::spawn_blocking(move || text_of(&input)).await {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "attachment text extraction panicked");
            None
        }
    };
    // The task is over (its copy of the Arc dropped), so this does not copy.
    let bytes = std::sync::Arc::try_unwrap(shared).unwrap_or_else(|a| (*a).clone());
    (text, bytes)
}

fn text_of(bytes: &[u8]) -> Option<String> {
    match gongkai_import::lines_of(bytes) {
        Ok(lines) => {
            let text: Vec<String> = lines.iter().map(|l| l.cells.join(" ")).collect();
            let text = text.join("\n");
            (!text.trim().is_empty()).then_some(text)
        }
        Err(e) => {
            tracing::info!(error = %e, "no text extracted from attachment");
            None
        }
    }
}
