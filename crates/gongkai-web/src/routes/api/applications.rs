//! `/api/v1/applications`: 依申请公开 cases for other systems — list and read within the token's
//! scope, file an application received elsewhere (another intake system, a 12345 hotline), and
//! take a step of the clock with the domain's command. The same rules as the back office apply:
//! the domain refuses an illegal step with the article it breaks, a stale version is a 409.

use super::respond;
use crate::auth::{ApiUser, require, scopes};
use crate::cases::file::{Filing, file};
use crate::cases::steps::{StepForm, run_command};
use crate::extract::{Json, Path, Query};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use gongkai_domain::applicant::ApplicationForm;
use gongkai_domain::application::{Channel, Command, Receipt};
use gongkai_storage::cases::{Application, CaseFilter, CaseRow};
use gongkai_storage::{AgencyId, Scope, User};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An application as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ApplicationJson {
    id: i64,
    agency_id: i64,
    /// 登记编号.
    number: String,
    /// 查询码 (for the applicant).
    query_code: String,
    applicant_name: String,
    request_summary: String,
    /// Status key (`processing`, `awaiting_correction`, …).
    status: String,
    /// The answer deadline in force.
    due_on: Option<NaiveDate>,
    /// Counted on a calendar that does not cover it yet (暂定).
    due_provisional: bool,
    /// Pass back with a step (optimistic locking).
    version: i32,
    /// The domain case (`application::Case`) as stored.
    #[schema(value_type = Object)]
    case: serde_json::Value,
}

impl From<Application> for ApplicationJson {
    fn from(a: Application) -> Self {
        Self {
            status: a.case.status_key().to_owned(),
            case: serde_json::to_value(&a.case).unwrap_or_default(),
            id: a.id,
            agency_id: a.agency_id.0,
            number: a.number,
            query_code: a.query_code,
            applicant_name: a.applicant_name,
            request_summary: a.request_summary,
            due_on: a.due.on,
            due_provisional: a.due.provisional,
            version: a.version,
        }
    }
}

/// A line of the list.
#[derive(Serialize, ToSchema)]
pub struct ApplicationRow {
    id: i64,
    agency_id: i64,
    number: String,
    applicant_name: String,
    applicant_type: String,
    channel: String,
    status: String,
    received_on: NaiveDate,
    due_on: Option<NaiveDate>,
    concluded_on: Option<NaiveDate>,
    /// The table-三 row of the outcome.
    outcome: Option<String>,
}

impl From<CaseRow> for ApplicationRow {
    fn from(r: CaseRow) -> Self {
        Self {
            id: r.id,
            agency_id: r.agency_id.0,
            number: r.number,
            applicant_name: r.applicant_name,
            applicant_type: r.applicant_type,
            channel: r.channel,
            status: r.status,
            received_on: r.received_on,
            due_on: r.due.on,
            concluded_on: r.concluded_on,
            outcome: r.outcome,
        }
    }
}

/// List filters.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct ListQuery {
    /// `true` for open cases only, `false` for concluded ones.
    open: Option<bool>,
    /// Status key.
    status: Option<String>,
    /// Received on or after.
    from: Option<NaiveDate>,
    /// Received on or before.
    to: Option<NaiveDate>,
    /// Rows to skip.
    offset: Option<u64>,
    /// At most this many rows (≤ 500).
    limit: Option<u64>,
}

/// A new application.
#[derive(Deserialize, ToSchema)]
pub struct NewApplicationJson {
    /// The form's fields, named as on the public form (`applicant_type`, `name`, `id_type`,
    /// `id_number`, `phone`, `title`, `retrieval`, `delivery`, …).
    #[schema(value_type = Object)]
    form: ApplicationForm,
    /// 申请渠道: `in_person`, `registered_mail`, `ordinary_mail`, `online`, `fax`.
    channel: String,
    /// The day it arrived.
    arrived_on: NaiveDate,
    /// For 平信, 互联网 and 传真: the day of the confirmation with the applicant.
    confirmed_on: Option<NaiveDate>,
    /// A key of the sending system: a repeated call with the same key returns the first result.
    idempotency_key: Option<String>,
}

/// A step.
#[derive(Deserialize, ToSchema)]
pub struct StepJson {
    /// The version read before.
    version: i32,
    /// The domain command (`application::Command`), e.g.
    /// `{"command":"request_correction","on":"2026-03-03","items":"…","period":10}`.
    #[schema(value_type = Object)]
    command: Command,
}

async fn find(state: &AppState, me: &User, id: i64) -> Result<Application, WebError> {
    for scope in scopes(state.store.as_ref(), me).await? {
        if let Ok(a) = state.store.application(scope, id).await {
            return Ok(a);
        }
    }
    Err(WebError::NotFound("申请"))
}

/// The applications the token's account may see, open ones first by due date.
#[utoipa::path(get, path = "/api/v1/applications", params(ListQuery),
    responses((status = 200, body = [ApplicationRow]), (status = 401)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Query(q): Query<ListQuery>,
) -> Response {
    let filter = CaseFilter {
        open: q.open,
        status: q.status,
        received_from: q.from,
        received_to: q.to,
        ..CaseFilter::default()
    };
    let result = async {
        let mut out = Vec::new();
        for scope in scopes(state.store.as_ref(), &me).await? {
            let (rows, _) = state
                .store
                .applications(
                    scope,
                    &filter,
                    q.offset.unwrap_or(0),
                    q.limit.unwrap_or(100).min(500),
                )
                .await?;
            out.extend(rows.into_iter().map(ApplicationRow::from));
        }
        Ok::<_, WebError>(out)
    };
    respond(result.await)
}

/// One application.
#[utoipa::path(get, path = "/api/v1/applications/{id}",
    responses((status = 200, body = ApplicationJson), (status = 401), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
) -> Response {
    respond(find(&state, &me, id).await.map(ApplicationJson::from))
}

/// Files an application received elsewhere with the token owner's agency.
#[utoipa::path(post, path = "/api/v1/applications", request_body = NewApplicationJson,
    responses((status = 201, body = ApplicationJson), (status = 401), (status = 403), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Json(n): Json<NewApplicationJson>,
) -> Response {
    let result = async {
        require(me.role.can_handle_cases())?;
        let submission = n.form.parse(state.today()).map_err(|e| {
            let all: Vec<String> =
                e.0.iter()
                    .map(|f| format!("{}：{}", f.field, f.message))
                    .collect();
            WebError::BadInput(all.join("；"))
        })?;
        let channel = Channel::parse(&n.channel)
            .ok_or_else(|| WebError::BadInput(format!("未知的申请渠道：{}", n.channel)))?;
        let agency = state
            .store
            .agency(Scope::agency(me.agency_id), me.agency_id)
            .await?;
        let filing = Filing {
            submission,
            receipt: Receipt {
                channel,
                arrived_on: n.arrived_on,
                confirmed_on: n.confirmed_on,
            },
            attachments: vec![],
            idempotency_key: n.idempotency_key,
            actor: me.username.as_str().to_owned(),
            note: Some("经访问令牌由其他系统登记".to_owned()),
        };
        Ok::<_, WebError>(ApplicationJson::from(file(&state, &agency, filing).await?))
    };
    match result.await {
        Ok(v) => (StatusCode::CREATED, axum::Json(v)).into_response(),
        Err(e) => e.into_api_response(),
    }
}

/// Takes one step of the clock (延期 needs a 负责人's token).
#[utoipa::path(post, path = "/api/v1/applications/{id}/steps", request_body = StepJson,
    responses((status = 200, body = ApplicationJson), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn step(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
    Json(s): Json<StepJson>,
) -> Response {
    let result = async {
        let app = find(&state, &me, id).await?;
        require(me.role.can_handle_cases() && me.agency_id == app.agency_id)?;
        if matches!(s.command, Command::Extend { .. }) {
            require(me.role.can_approve_extension())?;
        }
        let agency = state
            .store
            .agency(Scope::agency(AgencyId(app.agency_id.0)), app.agency_id)
            .await?;
        let done = run_command(
            &state,
            &me,
            &agency,
            &app,
            s.version,
            s.command,
            &StepForm::default(),
        )
        .await?;
        Ok::<_, WebError>(ApplicationJson::from(done))
    };
    respond(result.await)
}
