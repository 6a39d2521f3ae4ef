//! `/api/v1/proceedings`: the 行政复议 / 行政诉讼 register for other systems — list and read within
//! the token's scope, register one for the token owner's agency (idempotent by key), and update
//! one with a step of the domain's `AppealCommand` and the version read before. The back office's
//! rules apply: roles, own agency, the domain's refusals (422), a stale version (409).

use super::respond;
use crate::auth::{ApiUser, scopes};
use crate::extract::{Json, Path, Query};
use crate::proceedings::{self, find};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use gongkai_domain::appeal::{AppealCommand, AppealRegistration, Procedure, ProceedingKind};
use gongkai_domain::choice::Choice;
use gongkai_storage::proceedings::{ProceedingFilter, StoredProceeding, outcome_key};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A proceeding as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ProceedingJson {
    id: i64,
    agency_id: i64,
    /// `admin_review`, `litigation_direct` or `litigation_after_review` (the table-四 group).
    kind: String,
    /// `filed`, `answer_due`, `answered` or `decided`.
    status: String,
    /// The agency's answer deadline while its answer is outstanding.
    answer_due: Option<NaiveDate>,
    /// Counted on a calendar that does not cover it yet (暂定).
    answer_due_provisional: bool,
    /// The table-四 column of the decision: `upheld`, `corrected` or `other`.
    outcome: Option<String>,
    /// Pass back with an update (optimistic locking).
    version: i32,
    /// The domain record (`appeal::Proceeding`) as stored.
    #[schema(value_type = Object)]
    proceeding: serde_json::Value,
}

impl From<StoredProceeding> for ProceedingJson {
    fn from(s: StoredProceeding) -> Self {
        let p = &s.proceeding;
        Self {
            id: s.id,
            agency_id: s.agency_id.0,
            kind: p.kind.id().to_owned(),
            status: p.status_key().to_owned(),
            answer_due: s.due.on,
            answer_due_provisional: s.due.provisional,
            outcome: p
                .ruling
                .map(|r| outcome_key(r.decision.outcome()).to_owned()),
            version: s.version,
            proceeding: serde_json::to_value(p).unwrap_or_default(),
        }
    }
}

/// List filters.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct ListQuery {
    /// Kind id.
    kind: Option<String>,
    /// `true` for undecided proceedings only, `false` for decided ones.
    open: Option<bool>,
    /// Only those about this application (id).
    application: Option<i64>,
    /// Rows to skip.
    offset: Option<u64>,
    /// At most this many rows (≤ 500).
    limit: Option<u64>,
}

/// A new proceeding.
#[derive(Deserialize, ToSchema)]
pub struct NewProceedingJson {
    /// `admin_review`, `litigation_direct` or `litigation_after_review`.
    kind: String,
    /// The 行政复议机关 or 人民法院.
    forum_name: String,
    /// 案号, if known.
    #[serde(default)]
    case_no: String,
    /// 申请行政复议之日 or 起诉之日.
    filed_on: NaiveDate,
    /// The day the agency received the copy of the application or complaint.
    copy_received_on: Option<NaiveDate>,
    /// `ordinary` (default) or `simplified`.
    procedure: Option<String>,
    /// The applications (ids, of the token owner's agency) it concerns; at least one.
    application_ids: Vec<i64>,
    /// For a suit after review: the review's id in the register.
    prior_review: Option<i64>,
    /// A key of the sending system: a repeated call with the same key returns the first result.
    idempotency_key: Option<String>,
}

/// An update: one step of the record.
#[derive(Deserialize, ToSchema)]
pub struct ProceedingUpdateJson {
    /// The version read before.
    version: i32,
    /// The domain command (`appeal::AppealCommand`), e.g.
    /// `{"command":"answer","on":"2026-03-10"}` or
    /// `{"command":"decide","on":"2026-05-06","decision":"review_upheld"}`.
    #[schema(value_type = Object)]
    command: AppealCommand,
}

/// The proceedings the token's account may see, undecided first by answer deadline.
#[utoipa::path(get, path = "/api/v1/proceedings", params(ListQuery),
    responses((status = 200, body = [ProceedingJson]), (status = 401)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Query(q): Query<ListQuery>,
) -> Response {
    let result = async {
        let filter = ProceedingFilter {
            kind: match q.kind.as_deref() {
                Some(k) => Some(
                    ProceedingKind::parse(k)
                        .ok_or_else(|| WebError::BadInput(format!("未知的案件类型：{k}")))?,
                ),
                None => None,
            },
            open: q.open,
            application: q.application,
            ..ProceedingFilter::default()
        };
        let (offset, limit) = (q.offset.unwrap_or(0), q.limit.unwrap_or(100).min(500));
        let mut out = Vec::new();
        for scope in scopes(state.store.as_ref(), &me).await? {
            let (rows, _) = state
                .store
                .proceedings(scope, &filter, offset, limit)
                .await?;
            out.extend(rows.into_iter().map(ProceedingJson::from));
        }
        Ok::<_, WebError>(out)
    };
    respond(result.await)
}

/// One proceeding.
#[utoipa::path(get, path = "/api/v1/proceedings/{id}",
    responses((status = 200, body = ProceedingJson), (status = 401), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
) -> Response {
    respond(find(&state, &me, id).await.map(ProceedingJson::from))
}

fn registration(n: NewProceedingJson) -> Result<(AppealRegistration, Option<String>), WebError> {
    let kind = ProceedingKind::parse(&n.kind)
        .ok_or_else(|| WebError::BadInput(format!("未知的案件类型：{}", n.kind)))?;
    let procedure = match n.procedure.as_deref() {
        None => Procedure::default(),
        Some(p) => {
            Procedure::parse(p).ok_or_else(|| WebError::BadInput(format!("未知的审理程序：{p}")))?
        }
    };
    let reg = AppealRegistration {
        kind,
        forum_name: n.forum_name,
        case_no: n.case_no,
        filed_on: n.filed_on,
        copy_received_on: n.copy_received_on,
        procedure,
        applications: n.application_ids,
        prior_review: n.prior_review,
    };
    Ok((reg, n.idempotency_key))
}

/// Registers a proceeding against the token owner's agency.
#[utoipa::path(post, path = "/api/v1/proceedings", request_body = NewProceedingJson,
    responses((status = 201, body = ProceedingJson), (status = 401), (status = 403), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Json(n): Json<NewProceedingJson>,
) -> Response {
    let result = async {
        let (reg, key) = registration(n)?;
        let p = proceedings::register(&state, &me, reg, key.map(|k| format!("api:{k}"))).await?;
        Ok::<_, WebError>(ProceedingJson::from(p))
    };
    match result.await {
        Ok(v) => (StatusCode::CREATED, axum::Json(v)).into_response(),
        Err(e) => e.into_api_response(),
    }
}

/// Takes one step of the record (the copy received, the answer, the decision …).
#[utoipa::path(patch, path = "/api/v1/proceedings/{id}", request_body = ProceedingUpdateJson,
    responses((status = 200, body = ProceedingJson), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
    Json(u): Json<ProceedingUpdateJson>,
) -> Response {
    let result = async {
        let p = find(&state, &me, id).await?;
        let done = proceedings::run(&state, &me, &p, u.version, u.command).await?;
        Ok::<_, WebError>(ProceedingJson::from(done))
    };
    respond(result.await)
}
