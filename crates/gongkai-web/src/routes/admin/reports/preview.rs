//! The current version in the official layout (HTML page, or PDF / DOCX / XLSX download), as it
//! will be published — for the reviewer and the 负责人 to read before approving.

use super::agency;
use crate::auth::CurrentUser;
use crate::extract::Path;
use crate::reports::work;
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::report::AnnualReport;
use gongkai_export::Target;

/// The response carrying `report` as `target`.
///
/// # Errors
/// The renderer failed.
pub fn rendered(report: &AnnualReport, target: Target, name: &str) -> Result<Response, WebError> {
    let bytes = gongkai_export::render(report, target).map_err(|e| {
        tracing::error!(error = %e, "report render failed");
        WebError::Internal("report render failed")
    })?;
    let disposition = if target == Target::Html {
        "inline".to_owned()
    } else {
        let file = format!("{name}.{}", target.extension());
        format!(
            "attachment; filename=\"report.{}\"; filename*=UTF-8''{}",
            target.extension(),
            urlencoding(&file)
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, target.mime().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Which format a `preview[.ext]` or `{year}[.ext]` path asks for.
pub fn target_of(ext: Option<&str>) -> Option<Target> {
    match ext {
        None | Some("html") => Some(Target::Html),
        Some("pdf") => Some(Target::Pdf),
        Some("docx") => Some(Target::Docx),
        Some("xlsx") => Some(Target::Xlsx),
        _ => None,
    }
}

/// GET /admin/reports/{agency}/{year}/{file}: `preview`, `preview.pdf`, `.docx`, `.xlsx`.
pub async fn preview(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, year, file)): Path<(i64, i32, String)>,
) -> Result<Response, WebError> {
    let (stem, ext) = match file.split_once('.') {
        Some((s, e)) => (s, Some(e)),
        None => (file.as_str(), None),
    };
    let target = target_of(ext).filter(|_| stem == "preview");
    let target = target.ok_or(WebError::NotFound("文件"))?;
    let agency = agency(&state, &me.user, id).await?;
    let r = work::current(&state, &agency, year)
        .await?
        .ok_or(WebError::NotFound("年度报告"))?;
    let report = AnnualReport::from_json_str(&r.compiled.json)
        .map_err(|_| WebError::Internal("stored report does not read"))?;
    rendered(&report, target, &report.title())
}
