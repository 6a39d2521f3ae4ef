//! The annual report in the back office: the list of years and agencies with their deadlines
//! ([`list`]), one agency-year's editor with its live findings and workflow ([`edit`]), the
//! official-layout preview and downloads ([`preview`]), and the 政务公开办's view of a year
//! across the agencies below ([`oversee`]).

pub mod edit;
pub mod list;
pub mod oversee;
pub mod preview;

use crate::auth::scopes;
use crate::{AppState, WebError};
use gongkai_storage::{Agency, AgencyId, Scope, User};

/// The agencies whose reports `user` may read: its scopes (its own agency; the subtree for
/// 督查 and 系统管理员; the subtree also for a 公开办管理员, who supervises the agencies below,
/// 《条例》第三条).
pub async fn readable(state: &AppState, user: &User) -> Result<Vec<Scope>, WebError> {
    if user.role == gongkai_domain::account::Role::AgencyAdmin {
        return Ok(vec![Scope::subtree(user.agency_id)]);
    }
    scopes(state.store.as_ref(), user).await
}

/// Agency `id` if `user` may read its reports.
pub async fn agency(state: &AppState, user: &User, id: i64) -> Result<Agency, WebError> {
    for scope in readable(state, user).await? {
        if let Ok(a) = state.store.agency(scope, AgencyId(id)).await {
            return Ok(a);
        }
    }
    Err(WebError::NotFound("机关"))
}

/// The year a report is usually being written in: last year until the deadlines pass.
pub fn default_year(state: &AppState) -> i32 {
    use chrono::Datelike;
    state.today().year() - 1
}
