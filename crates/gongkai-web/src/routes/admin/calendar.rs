//! 工作日日历: the years the platform's calendar covers with their circulars, and loading a new
//! year's arrangement (系统管理员): paste or upload the file, see what changes and how many open
//! deadlines move, then confirm.

use crate::auth::{CurrentUser, require};
use crate::extract::Form;
use crate::page::{Chrome, render, reshow};
use crate::{AppState, WebError, calendar};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::account::Role;
use gongkai_storage::{Actor, CalendarFile};
use serde::Deserialize;

/// A covered year as shown.
pub struct YearView {
    /// The year.
    pub year: i32,
    /// Its revision.
    pub version: u32,
    /// The circular's title.
    pub circular: String,
    /// Its holidays, one line each.
    pub holidays: Vec<String>,
}

/// The calendar page (also the preview and the result).
#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarPage {
    c: Chrome,
    years: Vec<YearView>,
    loads: Vec<CalendarFile>,
    can_load: bool,
    text: String,
    error: String,
    preview: Vec<String>,
    changes: Vec<String>,
    done: Vec<String>,
    moved: Option<usize>,
}

/// The pasted arrangement.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoadForm {
    csrf: String,
    text: String,
}

async fn page(state: &AppState, me: &CurrentUser) -> Result<CalendarPage, WebError> {
    let cal = state.calendar();
    let years = cal
        .years()
        .map(|t| YearView {
            year: t.year,
            version: t.version,
            circular: t
                .circulars
                .first()
                .map_or(String::new(), |c| c.title.clone()),
            holidays: t.holidays.iter().map(|h| h.describe()).collect(),
        })
        .collect();
    Ok(CalendarPage {
        c: Chrome::admin("工作日日历", me),
        years,
        loads: state.store.calendar_files().await?,
        can_load: me.user.role == Role::SystemAdmin,
        text: String::new(),
        error: String::new(),
        preview: vec![],
        changes: vec![],
        done: vec![],
        moved: None,
    })
}

/// GET /admin/calendar
pub async fn show(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    render(&page(&state, &me).await?)
}

/// POST /admin/calendar/preview
pub async fn preview(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<LoadForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    require(me.user.role == Role::SystemAdmin)?;
    let mut p = page(&state, &me).await?;
    match calendar::preview(&state, &f.text) {
        Ok(pv) if pv.is_noop() => p.error = "这份节假日安排已经载入过，日历没有变化".into(),
        Ok(pv) => {
            p.preview = pv.lines();
            p.changes = pv
                .changes
                .iter()
                .filter(|c| c.changes_workday())
                .map(|c| c.describe())
                .collect();
        }
        Err(e) => p.error = e.to_string(),
    }
    p.text = f.text;
    if p.error.is_empty() {
        render(&p)
    } else {
        reshow(&p)
    }
}

/// POST /admin/calendar
pub async fn load(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<LoadForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    require(me.user.role == Role::SystemAdmin)?;
    match calendar::import(&state, &Actor::user(&me.user), me.user.agency_id, &f.text).await {
        Ok(done) => {
            let mut p = page(&state, &me).await?;
            p.done = done.lines;
            p.moved = Some(done.moved);
            render(&p)
        }
        Err(WebError::BadInput(m)) => {
            let mut p = page(&state, &me).await?;
            p.error = m;
            p.text = f.text;
            reshow(&p)
        }
        Err(e) => Err(e),
    }
}
