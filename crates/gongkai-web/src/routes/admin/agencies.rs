//! 机关管理: list within scope, create (系统管理员), show and edit name and contact details
//! (系统管理员, or 公开办管理员 for its own agency). Wrong input re-shows the form with the
//! message beside the field.

use crate::auth::{CurrentUser, require, scopes};
use crate::extract::{Form, Path};
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::agency::parse_agency_name;
use gongkai_domain::contact::{parse_address, parse_email, parse_phone, parse_postcode};
use gongkai_storage::*;
use serde::Deserialize;

/// The agency list.
#[derive(Template)]
#[template(path = "admin/agencies.html")]
struct ListPage {
    c: Chrome,
    agencies: Vec<(Agency, String)>,
    can_create: bool,
}

/// The new-agency form.
#[derive(Template)]
#[template(path = "admin/agency_new.html")]
struct NewPage {
    c: Chrome,
    parents: Vec<Agency>,
    levels: [AgencyLevel; 5],
    f: AgencyForm,
    errors: FieldErrors,
}

/// One agency, with its edit form when the account may edit.
#[derive(Template)]
#[template(path = "admin/agency.html")]
struct ShowPage {
    c: Chrome,
    a: Agency,
    parent: String,
    can_edit: bool,
    f: AgencyForm,
    errors: FieldErrors,
}

/// Fields of both agency forms.
#[derive(Deserialize, Default)]
pub struct AgencyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    parent_id: Option<i64>,
    #[serde(default)]
    version: i32,
    #[serde(default)]
    address: String,
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
}

impl AgencyForm {
    fn of(a: &Agency) -> Self {
        Self {
            name: a.name.clone(),
            version: a.version,
            address: a.contact.address.clone(),
            postcode: a.contact.postcode.clone(),
            phone: a.contact.phone.clone(),
            email: a.contact.email.clone(),
            ..Self::default()
        }
    }

    /// Name and contact details, each checked.
    fn details(&self, e: &mut FieldErrors) -> AgencyDetails {
        AgencyDetails {
            name: e.take("name", parse_agency_name(&self.name)),
            contact: Contact {
                address: e.take("address", parse_address(&self.address)),
                postcode: e.take("postcode", parse_postcode(&self.postcode)),
                phone: e.take("phone", parse_phone(&self.phone)),
                email: e.take("email", parse_email(&self.email)),
            },
        }
    }
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
    let all = visible(&state, &me).await?;
    let parent_of = |a: &Agency| {
        let p = a.parent_id.and_then(|p| all.iter().find(|x| x.id == p));
        p.map_or(String::new(), |p| p.name.clone())
    };
    let agencies = all.iter().map(|a| (a.clone(), parent_of(a))).collect();
    render(&ListPage {
        c: Chrome::admin("机关", &me),
        agencies,
        can_create: me.user.role.can_create_agencies(),
    })
}

async fn new_page(
    state: &AppState,
    me: &CurrentUser,
    f: AgencyForm,
    errors: FieldErrors,
) -> Result<NewPage, WebError> {
    Ok(NewPage {
        c: Chrome::admin("新建机关", me),
        parents: visible(state, me).await?,
        levels: AgencyLevel::ALL,
        f,
        errors,
    })
}

/// GET /admin/agencies/new
pub async fn new_form(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, WebError> {
    require(me.user.role.can_create_agencies())?;
    render(&new_page(&state, &me, AgencyForm::default(), FieldErrors::new()).await?)
}

/// POST /admin/agencies
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<AgencyForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    require(me.user.role.can_create_agencies())?;
    let mut e = FieldErrors::new();
    let details = f.details(&mut e);
    let code = e.take("code", AgencyCode::parse(&f.code).map(Some));
    let level = e.take("level", AgencyLevel::parse(&f.level).map(Some));
    let (Some(code), Some(level), true) = (code, level, e.is_empty()) else {
        return reshow(&new_page(&state, &me, f, e).await?);
    };
    let new = NewAgency {
        parent_id: f.parent_id.map(AgencyId),
        name: details.name,
        code,
        level,
        contact: details.contact,
    };
    match state
        .store
        .create_agency(&Actor::user(&me.user), &new)
        .await
    {
        Ok(a) => Ok(Redirect::to(&format!("/admin/agencies/{}", a.id)).into_response()),
        Err(StoreError::Conflict { what }) => {
            let field = if what.contains("代码") {
                "code"
            } else {
                "name"
            };
            e.add(field, StoreError::Conflict { what });
            reshow(&new_page(&state, &me, f, e).await?)
        }
        Err(err) => Err(err.into()),
    }
}

async fn find(state: &AppState, me: &CurrentUser, id: i64) -> Result<(Agency, String), WebError> {
    let all = visible(state, me).await?;
    let a = all.iter().find(|a| a.id == AgencyId(id)).cloned();
    let a = a.ok_or(WebError::NotFound("机关"))?;
    let parent = a.parent_id.and_then(|p| all.iter().find(|x| x.id == p));
    let parent = parent.map_or(String::new(), |p| p.name.clone());
    Ok((a, parent))
}

fn can_edit(me: &CurrentUser, a: &Agency) -> bool {
    match me.user.role {
        Role::SystemAdmin => true,
        Role::AgencyAdmin => a.id == me.user.agency_id,
        _ => false,
    }
}

fn show_page(
    me: &CurrentUser,
    (a, parent): (Agency, String),
    f: AgencyForm,
    errors: FieldErrors,
) -> ShowPage {
    ShowPage {
        c: Chrome::admin(&a.name, me),
        can_edit: can_edit(me, &a),
        a,
        parent,
        f,
        errors,
    }
}

/// GET /admin/agencies/{id}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let found = find(&state, &me, id).await?;
    let f = AgencyForm::of(&found.0);
    render(&show_page(&me, found, f, FieldErrors::new()))
}

/// POST /admin/agencies/{id}
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<AgencyForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let found = find(&state, &me, id).await?;
    require(can_edit(&me, &found.0))?;
    let mut e = FieldErrors::new();
    let details = f.details(&mut e);
    if !e.is_empty() {
        return reshow(&show_page(&me, found, f, e));
    }
    let actor = Actor::user(&me.user);
    match state
        .store
        .update_agency(&actor, found.0.id, f.version, &details)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/agencies/{id}")).into_response()),
        Err(err @ (StoreError::Conflict { .. } | StoreError::Stale)) => {
            e.add("name", err);
            reshow(&show_page(&me, found, f, e))
        }
        Err(err) => Err(err.into()),
    }
}
