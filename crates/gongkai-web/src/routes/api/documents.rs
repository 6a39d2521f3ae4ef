//! `/api/v1/documents`: the registry of 主动公开 for other systems (a CMS that drafts, an OA that
//! records approvals) — list and read within the token's scope, draft with the agency's next
//! 索引号, and take a workflow step with the domain's command. The back office's rules apply
//! unchanged: the token's account acts in its own role, the domain refuses an illegal step with
//! the article it breaks (422), a stale version is a 409.

use super::respond;
use crate::auth::{ApiUser, require, scopes};
use crate::documents::{Refused, draft, find, steps, works_on};
use crate::extract::{Json, Path, Query};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use gongkai_domain::disclosure::{Command, DocumentForm};
use gongkai_storage::documents::{DocumentFilter, DocumentRow, StoredDocument};
use gongkai_storage::{Role, Scope};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A document as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct DocumentJson {
    id: i64,
    agency_id: i64,
    /// 索引号.
    index_no: String,
    /// Status key (`draft`, `in_review`, `awaiting_approval`, `published`, …).
    status: String,
    /// Whether a version is public.
    public: bool,
    /// Pass back with a step (optimistic locking).
    version: i32,
    /// The domain document (`disclosure::Document`) as stored.
    #[schema(value_type = Object)]
    document: serde_json::Value,
}

impl From<StoredDocument> for DocumentJson {
    fn from(d: StoredDocument) -> Self {
        Self {
            id: d.id,
            agency_id: d.agency_id.0,
            index_no: d.document.index_no.as_str().to_owned(),
            status: d.document.status_key().to_owned(),
            public: d.document.is_public(),
            version: d.version,
            document: serde_json::to_value(&d.document).unwrap_or_default(),
        }
    }
}

/// A line of the list.
#[derive(Serialize, ToSchema)]
pub struct DocumentRowJson {
    id: i64,
    agency_id: i64,
    index_no: String,
    title: String,
    doc_no: String,
    written_on: NaiveDate,
    status: String,
    public: bool,
}

impl From<DocumentRow> for DocumentRowJson {
    fn from(r: DocumentRow) -> Self {
        Self {
            id: r.id,
            agency_id: r.agency_id.0,
            index_no: r.index_no,
            title: r.title,
            doc_no: r.doc_no,
            written_on: r.written_on,
            status: r.status,
            public: r.public,
        }
    }
}

/// List filters.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct ListQuery {
    /// Status key.
    status: Option<String>,
    /// Words in 标题, 文号 or 索引号.
    q: Option<String>,
    /// 成文日期's year.
    year: Option<i32>,
    /// Rows to skip.
    offset: Option<u64>,
    /// At most this many rows (≤ 500).
    limit: Option<u64>,
}

/// A new draft.
#[derive(Deserialize, ToSchema)]
pub struct NewDocumentJson {
    /// The form's fields, named as on the back-office form (`title`, `doc_no`, `publisher`,
    /// `written_on`, `topic`, `genre`, `item`, `openness`, `withhold_ground`, `marker`,
    /// `interprets`, `body_format`, `body`).
    #[schema(value_type = Object)]
    form: DocumentForm,
}

/// A step.
#[derive(Deserialize, ToSchema)]
pub struct DocumentStepJson {
    /// The version read before.
    version: i32,
    /// The domain command (`disclosure::Command`), e.g. `{"command":"submit"}` or
    /// `{"command":"review","conclusion":{"openness":"proactive"},"basis":"…","withheld_parts":""}`.
    #[schema(value_type = Object)]
    command: Command,
}

/// A refusal as the API reports it: stale → 409, a rule or a field → 422.
fn api_error(r: Refused) -> WebError {
    r.into()
}

/// The documents the token's account may see, latest change first.
#[utoipa::path(get, path = "/api/v1/documents", params(ListQuery),
    responses((status = 200, body = [DocumentRowJson]), (status = 401)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Query(q): Query<ListQuery>,
) -> Response {
    let filter = DocumentFilter {
        statuses: q.status.into_iter().collect(),
        text: q.q,
        year: q.year,
        marker: None,
    };
    let result = async {
        let mut out = Vec::new();
        for scope in scopes(state.store.as_ref(), &me).await? {
            let (rows, _) = state
                .store
                .documents(
                    scope,
                    &filter,
                    q.offset.unwrap_or(0),
                    q.limit.unwrap_or(100).min(500),
                )
                .await?;
            out.extend(rows.into_iter().map(DocumentRowJson::from));
        }
        Ok::<_, WebError>(out)
    };
    respond(result.await)
}

/// One document, whatever its status (the public version and the working copy).
#[utoipa::path(get, path = "/api/v1/documents/{id}",
    responses((status = 200, body = DocumentJson), (status = 401), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
) -> Response {
    respond(
        find(&state, &me, id)
            .await
            .map(|(d, _)| DocumentJson::from(d)),
    )
}

/// Drafts a document of the token owner's agency (an 经办人's token), numbered with the
/// agency's 索引号 pattern.
#[utoipa::path(post, path = "/api/v1/documents", request_body = NewDocumentJson,
    responses((status = 201, body = DocumentJson), (status = 401), (status = 403), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Json(n): Json<NewDocumentJson>,
) -> Response {
    let result = async {
        let agency = state
            .store
            .agency(Scope::agency(me.agency_id), me.agency_id)
            .await?;
        require(works_on(&me, &agency) && me.role == Role::Clerk)?;
        let d = draft::create(&state, &me, &agency, &n.form, Vec::new())
            .await
            .map_err(api_error)?;
        Ok::<_, WebError>(DocumentJson::from(d))
    };
    match result.await {
        Ok(v) => (StatusCode::CREATED, axum::Json(v)).into_response(),
        Err(e) => e.into_api_response(),
    }
}

/// Takes one workflow step (提交, 保密审查, 退回, 审批, 撤回, 更正, 有效性, 评估) in the role of
/// the token's account.
#[utoipa::path(post, path = "/api/v1/documents/{id}/steps", request_body = DocumentStepJson,
    responses((status = 200, body = DocumentJson), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn step(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
    Json(s): Json<DocumentStepJson>,
) -> Response {
    let result = async {
        let (doc, agency) = find(&state, &me, id).await?;
        require(works_on(&me, &agency))?;
        let done = steps::run(&state, &me, &agency, &doc, s.version, s.command)
            .await
            .map_err(api_error)?;
        Ok::<_, WebError>(DocumentJson::from(done))
    };
    respond(result.await)
}
