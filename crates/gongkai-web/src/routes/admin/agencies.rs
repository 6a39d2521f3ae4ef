//! 机关管理: list within scope, create (系统管理员), show and edit contact details
//! (系统管理员, or 公开办管理员 for its own agency).

use crate::auth::{CurrentUser, require, scopes};
use crate::form::Form;
use crate::page::{Chrome, render};
use crate::{AppState, WebError, csrf};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::agency::parse_agency_name;
use gongkai_storage::*;
use serde::Deserialize;

/// The agency list.
#[derive(Template)]
#[template(path = "admin/agencies.html")]
struct ListPage {
    c: Chrome,
    agencies: Vec<Agency>,
    can_create: bool,
}

/// The new-agency form.
#[derive(Template)]
#[template(path = "admin/agency_new.html")]
struct NewPage {
    c: Chrome,
    parents: Vec<Agency>,
    levels: [AgencyLevel; 5],
}

/// One agency, with its edit form when the account may edit.
#[derive(Template)]
#[template(path = "admin/agency.html")]
struct ShowPage {
    c: Chrome,
    a: Agency,
    can_edit: bool,
}

/// Fields of both agency forms.
#[derive(Deserialize)]
pub struct AgencyForm {
    #[serde(default)]
    csrf: String,
    name: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    parent_id: Option<i64>,
    #[serde(default)]
    version: i32,
    address: String,
    postcode: String,
    phone: String,
    email: String,
}

impl AgencyForm {
    fn contact(&self) -> Contact {
        let t = |s: &str| s.trim().to_owned();
        Contact {
            address: t(&self.address),
            postcode: t(&self.postcode),
            phone: t(&self.phone),
            email: t(&self.email),
        }
    }
}

fn bad<E: std::fmt::Display>(e: E) -> WebError {
    WebError::BadInput(e.to_string())
}

async fn visible(state: &AppState, me: &CurrentUser) -> Result<Vec<Agency>, WebError> {
    let mut all = Vec::new();
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        all.extend(state.store.agencies(scope).await?);
    }
    Ok(all)
}

/// GET /admin/agencies
pub async fn list(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    let agencies = visible(&state, &me).await?;
    let can_create = me.user.role.can_create_agencies();
    render(&ListPage {
        c: Chrome::admin("机关", &me),
        agencies,
        can_create,
    })
}

/// GET /admin/agencies/new
pub async fn new_form(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, WebError> {
    require(me.user.role.can_create_agencies())?;
    let parents = visible(&state, &me).await?;
    let levels = AgencyLevel::ALL;
    render(&NewPage {
        c: Chrome::admin("新建机关", &me),
        parents,
        levels,
    })
}

/// POST /admin/agencies
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<AgencyForm>,
) -> Result<Response, WebError> {
    csrf::verify(&me.session, &f.csrf).await?;
    require(me.user.role.can_create_agencies())?;
    let new = NewAgency {
        parent_id: f.parent_id.map(AgencyId),
        name: parse_agency_name(&f.name).map_err(bad)?,
        code: AgencyCode::parse(&f.code).map_err(bad)?,
        level: AgencyLevel::parse(&f.level).map_err(bad)?,
        contact: f.contact(),
    };
    let a = state
        .store
        .create_agency(&Actor::user(&me.user), &new)
        .await?;
    Ok(Redirect::to(&format!("/admin/agencies/{}", a.id)).into_response())
}

async fn find(state: &AppState, me: &CurrentUser, id: i64) -> Result<Agency, WebError> {
    visible(state, me)
        .await?
        .into_iter()
        .find(|a| a.id == AgencyId(id))
        .ok_or(WebError::Store(StoreError::NotFound { what: "机关" }))
}

fn can_edit(me: &CurrentUser, a: &Agency) -> bool {
    match me.user.role {
        Role::SystemAdmin => true,
        Role::AgencyAdmin => a.id == me.user.agency_id,
        _ => false,
    }
}

/// GET /admin/agencies/{id}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let a = find(&state, &me, id).await?;
    let can_edit = can_edit(&me, &a);
    render(&ShowPage {
        c: Chrome::admin(&a.name, &me),
        a,
        can_edit,
    })
}

/// POST /admin/agencies/{id}
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<AgencyForm>,
) -> Result<Response, WebError> {
    csrf::verify(&me.session, &f.csrf).await?;
    let a = find(&state, &me, id).await?;
    require(can_edit(&me, &a))?;
    let details = AgencyDetails {
        name: parse_agency_name(&f.name).map_err(bad)?,
        contact: f.contact(),
    };
    state
        .store
        .update_agency(&Actor::user(&me.user), a.id, f.version, &details)
        .await?;
    Ok(Redirect::to(&format!("/admin/agencies/{id}")).into_response())
}
