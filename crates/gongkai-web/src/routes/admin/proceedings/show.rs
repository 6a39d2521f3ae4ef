//! One proceeding: what it is and which applications it concerns, our answer (答复 / 答辩) with
//! its deadline and how the deadline was counted, the decision and the table-四 column it counts
//! in, the steps open now, and the timeline. A refused step comes back on this page with the
//! rule it breaks (422); a stale form is told to reload.

use crate::auth::{CurrentUser, require};
use crate::extract::{Form, Path};
use crate::page::{Chrome, render, reshow};
use crate::proceedings::links::{self, Linked};
use crate::proceedings::{self, view};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gongkai_domain::appeal::{AppealCommand, DecisionType, Procedure};
use gongkai_domain::choice::Choice;
use gongkai_domain::deadline::Mode;
use gongkai_storage::proceedings::StoredProceeding;
use gongkai_storage::{AuditEntry, Scope, StoreError};
use serde::Deserialize;

/// The proceeding page.
#[derive(Template)]
#[template(path = "admin/proceeding.html")]
struct ShowPage {
    c: Chrome,
    p: StoredProceeding,
    agency: String,
    linked: Vec<Linked>,
    filing: &'static str,
    due_lines: Vec<String>,
    mark: &'static str,
    handle: bool,
    decisions: Vec<(&'static str, String)>,
    procedures: Vec<(&'static str, &'static str)>,
    timeline: Vec<AuditEntry>,
    today: String,
    error: String,
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    error: String,
) -> Result<ShowPage, WebError> {
    let p = proceedings::find(state, &me.user, id).await?;
    let agency = state
        .store
        .agency(Scope::agency(p.agency_id), p.agency_id)
        .await?;
    let (cal, today) = (state.calendar(), state.today());
    let due_lines = match p.proceeding.answer_due(&cal, Mode::Provisional) {
        Ok(Some(d)) => d.lines,
        Ok(None) => Vec::new(),
        Err(e) => vec![e.to_string()],
    };
    Ok(ShowPage {
        c: Chrome::admin(
            &format!("{} {}", p.proceeding.kind.label(), p.proceeding.case_no),
            me,
        ),
        agency: agency.name,
        linked: links::numbers(state, p.agency_id, &p.proceeding.applications).await?,
        filing: view::filing_label(p.proceeding.kind),
        due_lines,
        mark: view::mark(p.due, today, view::soon_limit(&cal, today)),
        handle: proceedings::may_handle(&me.user, p.agency_id),
        decisions: view::decisions(p.proceeding.kind.forum()),
        procedures: view::procedures(),
        timeline: state.store.proceeding_events(p.agency_id, p.id).await?,
        today: today.to_string(),
        error,
        p,
    })
}

/// GET /admin/proceedings/{id}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    render(&page(&state, &me, id, String::new()).await?)
}

/// The fields of the step forms (each form sends the ones its step needs).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    csrf: String,
    version: i32,
    step: String,
    on: String,
    procedure: String,
    case_no: String,
    number: String,
    text: String,
    decision: String,
}

fn on(f: &StepForm) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(f.on.trim(), "%Y-%m-%d")
        .map_err(|_| "请填写日期（年-月-日）".to_owned())
}

/// The domain command of a step form, or what is wrong with the form.
async fn command(
    state: &AppState,
    p: &StoredProceeding,
    f: &StepForm,
) -> Result<Result<AppealCommand, String>, WebError> {
    use AppealCommand as C;
    Ok(match f.step.as_str() {
        "copy" => on(f).map(|on| C::ReceiveCopy { on }),
        "answer" => on(f).map(|on| C::Answer { on }),
        "procedure" => match Procedure::parse(&f.procedure) {
            Some(procedure) => on(f).map(|on| C::ChangeProcedure { on, procedure }),
            None => Err("请选择审理程序".to_owned()),
        },
        "case_no" if f.case_no.trim().chars().count() > 60 => Err("案号不超过 60 字".to_owned()),
        "case_no" => Ok(C::SetCaseNo {
            case_no: f.case_no.clone(),
        }),
        "note" if f.text.trim().chars().count() > 1000 => Err("备注不超过 1000 字".to_owned()),
        "note" => Ok(C::Note {
            text: f.text.clone(),
        }),
        "decide" => match DecisionType::parse_in(p.proceeding.kind.forum(), &f.decision) {
            Some(decision) => on(f).map(|on| C::Decide { on, decision }),
            None => Err("请选择审结结果".to_owned()),
        },
        "link" => {
            let number = f.number.trim();
            match links::resolve(state, p.agency_id, number).await? {
                Some(application_id) => Ok(C::Link { application_id }),
                None => Err(format!("本机关没有申请编号为 {number} 的申请")),
            }
        }
        _ => Err("未知的办理环节".to_owned()),
    })
}

async fn refused(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    error: String,
) -> Result<Response, WebError> {
    reshow(&page(state, me, id, error).await?)
}

/// POST /admin/proceedings/{id}/steps
pub async fn step(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<StepForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let p = proceedings::find(&state, &me.user, id).await?;
    require(proceedings::may_handle(&me.user, p.agency_id))?;
    let cmd = match command(&state, &p, &f).await? {
        Ok(c) => c,
        Err(m) => return refused(&state, &me, id, m).await,
    };
    match proceedings::run(&state, &me.user, &p, f.version, cmd).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/proceedings/{id}")).into_response()),
        Err(WebError::BadInput(m) | WebError::Store(StoreError::Invalid(m))) => {
            refused(&state, &me, id, m).await
        }
        Err(WebError::Store(StoreError::Stale)) => {
            refused(
                &state,
                &me,
                id,
                "此案件已被他人修改，请刷新后再操作".to_owned(),
            )
            .await
        }
        Err(e) => Err(e),
    }
}
