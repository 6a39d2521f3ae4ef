//! Files and letters of a case in the back office: upload (补正 material, the information
//! provided, signed receipts — each logged, the applicant's ones marked), download, and the
//! letters as PDF, DOCX or an HTML preview.

use super::{find, may_handle};
use crate::auth::{CurrentUser, require};
use crate::extract::Path;
use crate::routes::public::files::{attachment_response, render as render_letter};
use crate::upload;
use crate::{AppState, WebError};
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::letter::Letter;
use gongkai_export::letter::{LetterFormat, letter_html};
use gongkai_storage::cases::{AttachmentKind, CaseStep, NewAttachment};

/// POST /admin/cases/{id}/files
pub async fn upload(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (app, agency) = find(&state, &me, id).await?;
    require(may_handle(&me, &agency))?;
    let u = upload::read(multipart).await?;
    me.csrf
        .verify(u.fields.get("csrf").map_or("", String::as_str))?;
    let kind = u
        .fields
        .get("kind")
        .and_then(|k| AttachmentKind::parse(k))
        .unwrap_or(AttachmentKind::Other);
    let public = u.fields.contains_key("public");
    let version = u
        .fields
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(app.version);
    if u.files.is_empty() {
        return super::show::refused(&state, &me, id, "请选择要上传的文件".to_owned()).await;
    }
    let names: Vec<String> = u.files.iter().map(|f| f.file_name.clone()).collect();
    let event = AuditEvent {
        actor: me.user.username.as_str().to_owned(),
        action: "file_added".to_owned(),
        subject: "application".to_owned(),
        subject_id: String::new(),
        before: None,
        after: None,
        summary: format!(
            "上传{}：{}{}",
            kind.label(),
            names.join("、"),
            if public {
                "（申请人可下载）"
            } else {
                ""
            }
        ),
        on: state.today(),
    };
    let attachments = u.files.into_iter().map(|f| NewAttachment {
        kind,
        file_name: f.file_name,
        media_type: f.media_type.to_owned(),
        bytes: f.bytes,
        public,
        uploaded_by: me.user.username.as_str().to_owned(),
    });
    let step = CaseStep {
        case: app.case.clone(),
        routing: app.routing.clone(),
        due: app.due,
        events: vec![event],
        attachments: attachments.collect(),
        letters: vec![],
    };
    match state
        .store
        .commit_step(agency.id, app.id, version, &step)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/cases/{id}")).into_response()),
        Err(gongkai_storage::StoreError::Stale) => {
            super::show::refused(
                &state,
                &me,
                id,
                "此申请已被他人修改，请刷新后再操作".to_owned(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /admin/cases/{id}/files/{file}
pub async fn download(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (app, agency) = find(&state, &me, id).await?;
    let (meta, bytes) = state.store.attachment(agency.id, file).await?;
    if meta.application_id != Some(app.id) {
        return Err(WebError::NotFound("文件"));
    }
    Ok(attachment_response(
        &meta.file_name,
        &meta.media_type,
        bytes,
    ))
}

/// GET /admin/cases/{id}/letters/{letter} (`.pdf`, `.docx` or `.html`)
pub async fn letter(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (app, agency) = find(&state, &me, id).await?;
    let (lid, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), "pdf"));
    let lid: i64 = lid.parse().map_err(|_| WebError::NotFound("文书"))?;
    let letters = state.store.letters(agency.id, app.id).await?;
    let l = letters
        .into_iter()
        .find(|l| l.id == lid)
        .ok_or(WebError::NotFound("文书"))?;
    let file_name = |f: LetterFormat| {
        format!(
            "{}.{}",
            l.doc_no.as_deref().unwrap_or("政府信息公开文书"),
            f.extension()
        )
    };
    match ext {
        "html" => {
            let letter: Letter = serde_json::from_str(&l.letter_json)
                .map_err(|_| WebError::Internal("stored letter unreadable"))?;
            Ok(Html(preview_page(&letter)).into_response())
        }
        "docx" => Ok(attachment_response(
            &file_name(LetterFormat::Docx),
            LetterFormat::Docx.mime(),
            render_letter(&l.letter_json, LetterFormat::Docx).await?,
        )),
        _ => Ok(attachment_response(
            &file_name(LetterFormat::Pdf),
            LetterFormat::Pdf.mime(),
            render_letter(&l.letter_json, LetterFormat::Pdf).await?,
        )),
    }
}

/// A letter's preview as a page of its own (its stylesheet comes from the export crate).
fn preview_page(letter: &Letter) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>文书预览</title><link rel=\"stylesheet\" href=\"{}\"></head><body>{}</body></html>",
        crate::assets::letter_css_url(),
        letter_html(letter)
    )
}
