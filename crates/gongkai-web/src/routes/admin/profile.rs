//! 公开设置 of an agency: what its letters print and where its answers point applicants
//! (机关简称 and 文号 pattern, 行政复议机关, court, the 政府信息公开工作机构 and its hours, the
//! contact person), the 索引号 pattern of its documents and who gets the reminder e-mails. Edited by whoever may edit the agency.

use crate::auth::{CurrentUser, require, scopes};
use crate::extract::{Form, Path};
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::agency::Profile;
use gongkai_domain::disclosure::DEFAULT_INDEX_PATTERN;
use gongkai_domain::letter::DEFAULT_DOC_NO;
use gongkai_storage::{Actor, Agency, AgencyId, Role, StoreError};
use serde::Deserialize;

/// The settings page.
#[derive(Template)]
#[template(path = "admin/profile.html")]
struct ProfilePage {
    c: Chrome,
    a: Agency,
    p: Profile,
    version: i32,
    can_edit: bool,
    errors: FieldErrors,
    default_doc_no: &'static str,
    default_index: &'static str,
    /// The first 索引号 the saved pattern makes this year, as an example.
    index_example: String,
}

/// The first 索引号 of `today`'s year (and month) under `p`'s pattern (empty if it cannot be
/// made).
fn index_example(a: &Agency, p: &Profile, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    p.index_pattern()
        .format(&a.code, today.year(), today.month(), 1)
        .map(|i| i.as_str().to_owned())
        .unwrap_or_default()
}

/// The form: the profile's fields plus CSRF and version.
#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i32,
    #[serde(flatten)]
    profile: Profile,
}

pub(crate) async fn agency(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
) -> Result<Agency, WebError> {
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        if let Ok(a) = state.store.agency(scope, AgencyId(id)).await {
            return Ok(a);
        }
    }
    Err(WebError::NotFound("机关"))
}

pub(crate) fn can_edit(me: &CurrentUser, a: &Agency) -> bool {
    me.user.role == Role::SystemAdmin
        || (me.user.role == Role::AgencyAdmin && me.user.agency_id == a.id)
}

/// GET /admin/agencies/{id}/profile
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let a = agency(&state, &me, id).await?;
    let (p, version) = state.store.profile(a.id).await?;
    render(&ProfilePage {
        c: Chrome::admin("公开设置", &me),
        can_edit: can_edit(&me, &a),
        index_example: index_example(&a, &p, state.today()),
        a,
        p,
        version,
        errors: FieldErrors::new(),
        default_doc_no: DEFAULT_DOC_NO,
        default_index: DEFAULT_INDEX_PATTERN,
    })
}

/// POST /admin/agencies/{id}/profile
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<ProfileForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let a = agency(&state, &me, id).await?;
    require(can_edit(&me, &a))?;
    let mut errors = FieldErrors::new();
    for (field, message) in f.profile.validate() {
        errors.add(field, message);
    }
    if errors.is_empty() {
        match state
            .store
            .set_profile(&Actor::user(&me.user), a.id, f.version, &f.profile)
            .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/admin/agencies/{id}/profile")).into_response());
            }
            Err(StoreError::Stale) => errors.add("short_name", "设置已被他人修改，请刷新后重试"),
            Err(e) => return Err(e.into()),
        }
    }
    let (saved, _) = state.store.profile(a.id).await?;
    reshow(&ProfilePage {
        c: Chrome::admin("公开设置", &me),
        can_edit: true,
        index_example: index_example(&a, &saved, state.today()),
        a,
        p: f.profile,
        version: f.version,
        errors,
        default_doc_no: DEFAULT_DOC_NO,
        default_index: DEFAULT_INDEX_PATTERN,
    })
}
