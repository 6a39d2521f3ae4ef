//! `/api/v1/reports/{code}/{year}` (`REPORT_JSON.md` §4): an agency-year's annual report as the
//! canonical JSON `gongkai.annual-report/1` — the published version by default, or the newest
//! (`?version=current`) for those who may read the agency — and, as further operations, a live
//! compile from the platform's data, its findings, and the workflow steps in the role of the
//! token's account.

use super::respond;
use crate::auth::ApiUser;
use crate::extract::{Json, Path, Query};
use crate::reports::compile::compile;
use crate::reports::work;
use crate::routes::admin::reports::agency;
use crate::{AppState, WebError};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use gongkai_domain::annual::{Inputs, Status};
use gongkai_domain::report::AnnualReport;
use gongkai_domain::report::json::finding_json;
use gongkai_storage::{Agency, User};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Which version to read.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct VersionQuery {
    /// `published` (default) or `current` (the newest version, whatever its status).
    version: Option<String>,
}

/// A workflow step.
#[derive(Deserialize, ToSchema)]
pub struct ReportStepJson {
    /// `submit`, `review`, `approve`, `publish`, `return` (with `reason`) or `correct` (with
    /// `note`, on the published version).
    action: String,
    /// The revision read before (optimistic locking).
    revision: i32,
    /// The reason of a return.
    #[serde(default)]
    reason: String,
    /// The 更正说明 of a correction.
    #[serde(default)]
    note: String,
}

/// Where a version stands after a step.
#[derive(Serialize, ToSchema)]
pub struct ReportStateJson {
    year: i32,
    /// 1 for the report, 2… for corrections.
    version: u32,
    /// `draft`, `submitted`, `reviewed`, `approved`, `published`, `superseded`.
    status: String,
    /// Pass back with the next step.
    revision: i32,
    /// Findings of severity error in the compiled report.
    errors: u32,
}

async fn the_agency(state: &AppState, me: &User, code: &str) -> Result<Agency, WebError> {
    let found = state.store.agency_by_code(code).await?;
    agency(state, me, found.id.0).await
}

fn json_of(stored_json: &str) -> Result<serde_json::Value, WebError> {
    AnnualReport::from_json_str(stored_json)
        .map(|r| r.to_json())
        .map_err(|_| WebError::Internal("stored report does not read"))
}

/// The agency-year's report as canonical JSON.
#[utoipa::path(get, path = "/api/v1/reports/{code}/{year}", params(VersionQuery),
    responses((status = 200, description = "gongkai.annual-report/1", body = Object),
        (status = 401), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path((code, year)): Path<(String, i32)>,
    Query(q): Query<VersionQuery>,
) -> Response {
    let result = async {
        let agency = the_agency(&state, &me, &code).await?;
        let versions = state.store.report_versions(agency.id, year).await?;
        let pick = match q.version.as_deref().unwrap_or("published") {
            "published" => versions
                .iter()
                .find(|v| v.record.status == Status::Published),
            "current" => versions.first(),
            _ => {
                return Err(WebError::BadInput(
                    "version 只能是 published 或 current".into(),
                ));
            }
        };
        let pick = pick.ok_or(WebError::NotFound("已发布的年度报告"))?;
        json_of(&pick.compiled.json)
    };
    respond(result.await)
}

async fn live(
    state: &AppState,
    me: &User,
    code: &str,
    year: i32,
) -> Result<AnnualReport, WebError> {
    if !(2008..=2100).contains(&year) {
        return Err(WebError::NotFound("年度报告"));
    }
    let agency = the_agency(state, me, code).await?;
    let inputs = work::current(state, &agency, year)
        .await?
        .map(|r| r.record.inputs)
        .unwrap_or_else(Inputs::default);
    let c = compile(state, &agency, year, &inputs).await?;
    let mut report = c.report;
    for e in c.entry_errors {
        report
            .diagnostics
            .push(gongkai_domain::report::Finding::new(
                "S-03",
                gongkai_domain::report::Severity::Error,
                format!("table2.{}", e.key),
                e.message,
            ));
    }
    Ok(report)
}

/// Compiles the report from the platform's data now (not saved), with every finding in
/// `diagnostics`; the narrative is the newest version's.
#[utoipa::path(post, path = "/api/v1/reports/{code}/{year}/compile",
    responses((status = 200, description = "gongkai.annual-report/1", body = Object),
        (status = 401), (status = 404)))]
pub async fn compile_now(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path((code, year)): Path<(String, i32)>,
) -> Response {
    respond(live(&state, &me, &code, year).await.map(|r| r.to_json()))
}

/// The findings of the report compiled now (`REPORT_JSON.md` §2).
#[utoipa::path(get, path = "/api/v1/reports/{code}/{year}/findings",
    responses((status = 200, body = [Object]), (status = 401), (status = 404)))]
pub async fn findings(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path((code, year)): Path<(String, i32)>,
) -> Response {
    respond(
        live(&state, &me, &code, year)
            .await
            .map(|r| r.diagnostics.iter().map(finding_json).collect::<Vec<_>>()),
    )
}

/// Takes a workflow step on the newest version, in the role of the token's account.
#[utoipa::path(post, path = "/api/v1/reports/{code}/{year}/steps", request_body = ReportStepJson,
    responses((status = 200, body = ReportStateJson), (status = 401), (status = 403),
        (status = 404), (status = 422)))]
pub async fn step(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path((code, year)): Path<(String, i32)>,
    Json(s): Json<ReportStepJson>,
) -> Response {
    let result = async {
        let agency = the_agency(&state, &me, &code).await?;
        let r = work::current(&state, &agency, year)
            .await?
            .ok_or(WebError::NotFound("年度报告"))?;
        if r.revision != s.revision {
            return Err(WebError::BadInput(work::STALE.into()));
        }
        let said = if s.action == "correct" {
            s.note
        } else {
            s.reason
        };
        let after = work::take(&state, &me, &agency, &r, s.revision, &s.action, said).await?;
        Ok(ReportStateJson {
            year: after.record.year,
            version: after.record.version,
            status: after.record.status.key().to_owned(),
            revision: after.revision,
            errors: after.compiled.errors,
        })
    };
    match result.await {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => e.into_api_response(),
    }
}
