//! 依申请公开 in the back office: the inbox (收件箱) sorted by due date with filters and XLSX
//! export (`list.rs`), one case with its clock, timeline, letters, files and the steps open now
//! (`show.rs`, `step.rs`), registration of an application received off-line (`register.rs`),
//! files (`files.rs`) and table 三 live (`stats.rs`).

pub mod files;
pub mod list;
pub mod register;
pub mod show;
pub mod stats;
pub mod step;

use crate::auth::{CurrentUser, scopes};
use crate::{AppState, WebError};
use gongkai_storage::Agency;
use gongkai_storage::cases::Application;

/// The application `id` as `me` may see it, with its agency.
pub async fn find(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
) -> Result<(Application, Agency), WebError> {
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        if let Ok(app) = state.store.application(scope, id).await {
            let agency = state.store.agency(scope, app.agency_id).await?;
            return Ok((app, agency));
        }
    }
    Err(WebError::NotFound("申请"))
}

/// Whether `me` may act on cases of `agency` (its own agency, and a role that handles cases).
pub fn may_handle(me: &CurrentUser, agency: &Agency) -> bool {
    me.user.role.can_handle_cases() && me.user.agency_id == agency.id
}
