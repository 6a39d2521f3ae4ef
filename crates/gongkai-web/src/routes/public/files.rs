//! Downloads opened by a 查询码: the letters sent to the applicant (PDF or DOCX) and the files
//! marked for the applicant. Each link carries a signed, short-lived token naming exactly one
//! file of one application, so nothing is reachable by guessing an id.

use crate::extract::Path;
use crate::secret::Signer;
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::letter::Letter;
use gongkai_export::letter::{LetterFormat, render_letter};
use gongkai_storage::AgencyId;
use gongkai_storage::cases::Application;

const PURPOSE: &str = "download";
/// How long a link works: two hours.
const VALID_SECS: i64 = 2 * 3600;

/// What a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A letter, as PDF.
    LetterPdf(i64),
    /// A letter, as DOCX.
    LetterDocx(i64),
    /// An attachment.
    File(i64),
}

/// A signed link for `target` of `app`.
pub fn link(signer: &Signer, app: &Application, target: Target) -> String {
    let (kind, id) = match target {
        Target::LetterPdf(id) => ("pdf", id),
        Target::LetterDocx(id) => ("docx", id),
        Target::File(id) => ("file", id),
    };
    let exp = chrono::Utc::now().timestamp() + VALID_SECS;
    let value = format!("{}-{}-{kind}-{id}-{exp}", app.agency_id, app.id);
    format!("/apply/files/{}", signer.sign(PURPOSE, &value))
}

fn open(signer: &Signer, token: &str) -> Option<(AgencyId, i64, Target)> {
    let v = signer.verify(PURPOSE, token)?;
    let p: Vec<&str> = v.split('-').collect();
    let [agency, app, kind, id, exp] = p.as_slice() else {
        return None;
    };
    if chrono::Utc::now().timestamp() > exp.parse::<i64>().ok()? {
        return None;
    }
    let id: i64 = id.parse().ok()?;
    let target = match *kind {
        "pdf" => Target::LetterPdf(id),
        "docx" => Target::LetterDocx(id),
        "file" => Target::File(id),
        _ => return None,
    };
    Some((AgencyId(agency.parse().ok()?), app.parse().ok()?, target))
}

/// Renders a stored letter in a thread of its own (PDF layout takes a few milliseconds of CPU).
pub async fn render(letter_json: &str, format: LetterFormat) -> Result<Vec<u8>, WebError> {
    let letter: Letter = serde_json::from_str(letter_json)
        .map_err(|_| WebError::Internal("stored letter unreadable"))?;
    tokio::task::spawn_blocking(move || render_letter(&letter, format))
        .await?
        .map_err(|e| {
            tracing::error!(error = %e, "letter rendering failed");
            WebError::Internal("letter rendering failed")
        })
}

/// A file download response.
pub fn attachment_response(name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename*=UTF-8''{encoded}");
    let headers = [
        (header::CONTENT_TYPE, media_type.to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    (headers, bytes).into_response()
}

/// GET /apply/files/{token}
pub async fn download(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let (agency, app, target) = open(&state.config.signer, &token)
        .ok_or(WebError::NotFound("文件（链接已过期，请重新查询）"))?;
    match target {
        Target::LetterPdf(id) | Target::LetterDocx(id) => {
            let letters = state.store.letters(agency, app).await?;
            let l = letters
                .into_iter()
                .find(|l| l.id == id && l.public)
                .ok_or(WebError::NotFound("文书"))?;
            let format = if matches!(target, Target::LetterPdf(_)) {
                LetterFormat::Pdf
            } else {
                LetterFormat::Docx
            };
            let bytes = render(&l.letter_json, format).await?;
            let name = format!(
                "{}.{}",
                l.doc_no.as_deref().unwrap_or("政府信息公开文书"),
                format.extension()
            );
            Ok(attachment_response(&name, format.mime(), bytes))
        }
        Target::File(id) => {
            let (meta, bytes) = state.store.attachment(agency, id).await?;
            if meta.application_id != Some(app) || !meta.public {
                return Err(WebError::NotFound("文件"));
            }
            Ok(attachment_response(
                &meta.file_name,
                &meta.media_type,
                bytes,
            ))
        }
    }
}
