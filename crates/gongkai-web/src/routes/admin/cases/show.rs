//! One case: who applied and for what, the answer clock with its derivation, where it sits
//! (签收/转办/指派), the steps open now, the letters issued, the files, and the whole timeline.

use super::{find, may_handle};
use crate::auth::CurrentUser;
use crate::cases::view;
use crate::extract::Path;
use crate::page::{Chrome, render};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::applicant::{Applicant, Delivery, RequestedInfo, Retrieval};
use gongkai_domain::application::Reply;
use gongkai_domain::choice::Choice;
use gongkai_domain::deadline::Mode;
use gongkai_domain::letter::{LetterKind, all_replies, suggested_basis};
use gongkai_storage::cases::{Application, Attachment, AttachmentKind, Letter};
use gongkai_storage::{Agency, AuditEntry, Scope, User};
use serde::Deserialize;

/// What the request JSON holds.
#[derive(Deserialize)]
struct Request {
    info: RequestedInfo,
    retrieval: Retrieval,
    delivery: Delivery,
}

/// A reply option of the decision form.
pub struct ReplyOption {
    /// Form value.
    pub value: String,
    /// Its label (the table-三 row).
    pub label: String,
    /// The suggested 法律依据.
    pub basis: String,
}

/// The case page.
#[derive(Template)]
#[template(path = "admin/case.html")]
struct CasePage {
    c: Chrome,
    app: Application,
    agency: Agency,
    status: &'static str,
    clock: Vec<String>,
    applicant: Option<Applicant>,
    info: Option<RequestedInfo>,
    how: String,
    letters: Vec<(Letter, String)>,
    files: Vec<Attachment>,
    kinds: Vec<(&'static str, &'static str)>,
    timeline: Vec<AuditEntry>,
    handle: bool,
    approve: bool,
    departments: Vec<Agency>,
    clerks: Vec<User>,
    replies: Vec<ReplyOption>,
    today: String,
    open_consultations: usize,
    error: String,
    proceedings: Vec<gongkai_storage::proceedings::StoredProceeding>,
}

/// The form value of a reply (`granted`, `withheld:state_secret`, …).
pub fn reply_value(r: Reply) -> String {
    let id = |v: serde_json::Value| v.get("ground").and_then(|g| g.as_str()).map(str::to_owned);
    let v = serde_json::to_value(r).unwrap_or_default();
    let kind = v
        .get("type")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
        .to_owned();
    match id(v) {
        Some(g) => format!("{kind}:{g}"),
        None => kind,
    }
}

fn replies() -> Vec<ReplyOption> {
    all_replies()
        .into_iter()
        .map(|r| ReplyOption {
            value: reply_value(r),
            label: r.label(),
            basis: suggested_basis(r),
        })
        .collect()
}

fn clock(state: &AppState, app: &Application) -> Vec<String> {
    if !app.case.is_open() {
        return Vec::new();
    }
    match app
        .case
        .answer_deadline(&state.calendar(), Mode::Provisional)
    {
        Ok(d) => d.lines(),
        Err(e) => vec![e.to_string()],
    }
}

async fn people(state: &AppState, agency: &Agency) -> Result<(Vec<Agency>, Vec<User>), WebError> {
    let below = state.store.agencies(Scope::subtree(agency.id)).await?;
    let departments = below
        .into_iter()
        .filter(|a| a.parent_id == Some(agency.id))
        .collect();
    let clerks = state.store.users(Scope::agency(agency.id)).await?;
    let clerks = clerks
        .into_iter()
        .filter(|u| u.active && u.role.can_handle_cases())
        .collect();
    Ok((departments, clerks))
}

/// GET /admin/cases/{id}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    render(&page(&state, &me, id, String::new()).await?)
}

/// The page again after a refused step, with the rule it broke (422).
pub async fn refused(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    error: String,
) -> Result<Response, WebError> {
    crate::page::reshow(&page(state, me, id, error).await?)
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    error: String,
) -> Result<CasePage, WebError> {
    let (app, agency) = find(state, me, id).await?;
    let request: Option<Request> = serde_json::from_str(&app.request_json).ok();
    let letters = state.store.letters(agency.id, app.id).await?;
    let letters = letters
        .into_iter()
        .map(|l| {
            let name = LetterKind::from_id(&l.kind).map_or_else(String::new, LetterKind::name);
            (l, name)
        })
        .collect();
    let (departments, clerks) = people(state, &agency).await?;
    let handle = may_handle(me, &agency);
    Ok(CasePage {
        c: Chrome::admin(&format!("申请 {}", app.number), me),
        status: view::status_label(app.case.status_key()),
        clock: clock(state, &app),
        applicant: serde_json::from_str(&app.applicant_json).ok(),
        how: request.as_ref().map_or(String::new(), |r| {
            format!("{}；{}", r.retrieval.label(), r.delivery.label())
        }),
        info: request.map(|r| r.info),
        letters,
        files: state.store.attachments(agency.id, app.id).await?,
        kinds: AttachmentKind::ALL
            .iter()
            .map(|k| (k.as_str(), k.label()))
            .collect(),
        timeline: state.store.case_events(agency.id, app.id).await?,
        approve: handle && me.user.role.can_approve_extension(),
        handle,
        departments,
        clerks,
        replies: replies(),
        today: state.today().to_string(),
        open_consultations: app.case.open_consultations(),
        error,
        proceedings: crate::proceedings::links::of_application(state, &app).await?,
        agency,
        app,
    })
}
