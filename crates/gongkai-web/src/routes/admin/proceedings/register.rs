//! 登记复议或诉讼: the kind, the review organ or court (suggested from the agency's 公开设置),
//! 案号, the filing and copy dates, the procedure, the applications concerned by their 申请编号,
//! and for a suit after review the review it follows. Wrong input comes back with a message
//! beside each field (422); a form sent twice registers once (its nonce is the key).

use crate::auth::{CurrentUser, require};
use crate::extract::{Form, Query};
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::proceedings::{self, links, view};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gongkai_domain::appeal::{AppealRegistration, Procedure, ProceedingKind};
use gongkai_domain::choice::Choice;
use gongkai_storage::proceedings::ProceedingFilter;
use gongkai_storage::{Scope, StoreError};
use serde::Deserialize;

/// The fields of the form, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RegisterForm {
    csrf: String,
    nonce: String,
    kind: String,
    forum_name: String,
    case_no: String,
    filed_on: String,
    copy_received_on: String,
    procedure: String,
    applications: String,
    prior_review: String,
}

/// The registration form.
#[derive(Template)]
#[template(path = "admin/proceeding_new.html")]
struct NewPage {
    c: Chrome,
    f: RegisterForm,
    errors: FieldErrors,
    kinds: Vec<(&'static str, &'static str)>,
    procedures: Vec<(&'static str, &'static str)>,
    forums: Vec<String>,
    reviews: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    mut f: RegisterForm,
    errors: FieldErrors,
) -> Result<NewPage, WebError> {
    let agency = me.user.agency_id;
    let (profile, _) = state.store.profile(agency).await?;
    let forums = [profile.review_organ, profile.court]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let reviews = ProceedingFilter {
        kind: Some(ProceedingKind::AdminReview),
        ..ProceedingFilter::default()
    };
    let (reviews, _) = state
        .store
        .proceedings(Scope::agency(agency), &reviews, 0, 200)
        .await?;
    if f.nonce.is_empty() {
        f.nonce = uuid::Uuid::new_v4().simple().to_string();
    }
    Ok(NewPage {
        c: Chrome::admin("登记复议或诉讼", me),
        f,
        errors,
        kinds: view::kinds(),
        procedures: view::procedures(),
        forums,
        reviews: reviews
            .into_iter()
            .map(|r| {
                (
                    r.id.to_string(),
                    format!(
                        "{} {}（{}）",
                        r.proceeding.forum_name, r.proceeding.case_no, r.proceeding.filed_on
                    ),
                )
            })
            .collect(),
    })
}

/// `?case=2026-00012` from the case page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Prefill {
    case: String,
}

/// GET /admin/proceedings/new
pub async fn form(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<Prefill>,
) -> Result<Response, WebError> {
    require(me.user.role.can_handle_cases())?;
    let f = RegisterForm {
        kind: ProceedingKind::AdminReview.id().to_owned(),
        procedure: Procedure::Ordinary.id().to_owned(),
        applications: q.case,
        ..RegisterForm::default()
    };
    render(&page(&state, &me, f, FieldErrors::new()).await?)
}

fn date(e: &mut FieldErrors, field: &'static str, s: &str, today: NaiveDate) -> Option<NaiveDate> {
    if s.trim().is_empty() {
        return None;
    }
    let Ok(d) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") else {
        e.add(field, "请填写日期（年-月-日）");
        return None;
    };
    if d > today {
        e.add(
            field,
            format!("日期晚于今天（{today}），不能登记尚未发生的事项"),
        );
    }
    Some(d)
}

/// The registration the form describes, with every field's error (applications resolved apart).
fn parse(f: &RegisterForm, today: NaiveDate, e: &mut FieldErrors) -> Option<AppealRegistration> {
    let kind = ProceedingKind::parse(&f.kind);
    if kind.is_none() {
        e.add("kind", "请选择案件类型");
    }
    let forum = f.forum_name.trim();
    if forum.is_empty() || forum.chars().count() > 100 {
        e.add(
            "forum_name",
            "请填写复议机关或人民法院的名称（不超过 100 字）",
        );
    }
    if f.case_no.trim().chars().count() > 60 {
        e.add("case_no", "案号不超过 60 字");
    }
    let filed = date(e, "filed_on", &f.filed_on, today);
    if filed.is_none() && e.get("filed_on").is_empty() {
        e.add("filed_on", "请填写申请行政复议或起诉之日");
    }
    let copy = date(e, "copy_received_on", &f.copy_received_on, today);
    if let (Some(c), Some(d)) = (copy, filed)
        && c < d
    {
        e.add("copy_received_on", "收到副本之日不能早于申请复议或起诉之日");
    }
    let procedure = Procedure::parse(&f.procedure).unwrap_or_default();
    let prior_review = f.prior_review.trim().parse().ok();
    if prior_review.is_some() && kind != Some(ProceedingKind::LitigationAfterReview) {
        e.add("prior_review", "只有“复议后起诉”才能关联此前的行政复议案件");
    }
    Some(AppealRegistration {
        kind: kind?,
        forum_name: forum.to_owned(),
        case_no: f.case_no.trim().to_owned(),
        filed_on: filed?,
        copy_received_on: copy,
        procedure,
        applications: Vec::new(),
        prior_review,
    })
}

/// POST /admin/proceedings
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<RegisterForm>,
) -> Result<Response, WebError> {
    require(me.user.role.can_handle_cases())?;
    me.csrf.verify(&f.csrf)?;
    let mut errors = FieldErrors::new();
    let reg = parse(&f, state.today(), &mut errors);
    match links::resolve_all(&state, me.user.agency_id, &f.applications).await? {
        Ok(ids) => {
            if let Some(mut reg) = reg.filter(|_| errors.is_empty()) {
                reg.applications = ids;
                let key = Some(format!("form:{}", f.nonce)).filter(|_| !f.nonce.is_empty());
                match proceedings::register(&state, &me.user, reg, key).await {
                    Ok(p) => {
                        return Ok(
                            Redirect::to(&format!("/admin/proceedings/{}", p.id)).into_response()
                        );
                    }
                    Err(WebError::BadInput(m)) => errors.add("form", m),
                    Err(WebError::Store(StoreError::Invalid(m))) => errors.add("applications", m),
                    Err(e) => return Err(e),
                }
            }
        }
        Err(m) => errors.add("applications", m),
    }
    reshow(&page(&state, &me, f, errors).await?)
}
