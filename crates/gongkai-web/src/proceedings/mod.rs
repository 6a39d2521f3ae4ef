//! The 行政复议 / 行政诉讼 register between the pages, the API and the store: registering and
//! stepping a proceeding (the domain decides, the store saves state and audit events in one
//! transaction), the answer deadline the lists sort by, and who may do what. The back office
//! and `/api/v1/proceedings` share these, so both follow the same rules.

pub mod links;
pub mod table4;
pub mod view;

use crate::auth::{require, scopes};
use crate::cases::ctx;
use crate::{AppState, WebError};
use gongkai_domain::appeal::{self, AppealCommand, AppealRegistration, Proceeding};
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::deadline::Mode;
use gongkai_storage::cases::Due;
use gongkai_storage::proceedings::{NewProceeding, ProceedingStep, StoredProceeding};
use gongkai_storage::{AgencyId, StoreError, User};

/// The answer deadline in force (暂定 where the calendar is silent); none once answered or
/// decided, or before the copy arrived.
pub fn due_of(p: &Proceeding, cal: &WorkCalendar) -> Due {
    if p.answered_on.is_some() || p.ruling.is_some() {
        return Due::default();
    }
    match p.answer_due(cal, Mode::Provisional) {
        Ok(Some(d)) => Due {
            on: Some(d.due),
            provisional: d.provisional.is_some(),
        },
        Ok(None) => Due::default(),
        Err(e) => {
            tracing::warn!(error = %e, "answer deadline not computable");
            Due::default()
        }
    }
}

/// Whether `user` may change proceedings of `agency`: its own agency, a role that handles cases
/// (the same rule as for applications).
pub fn may_handle(user: &User, agency: AgencyId) -> bool {
    user.role.can_handle_cases() && user.agency_id == agency
}

/// The proceeding `id` as `user` may see it.
///
/// # Errors
/// Not found when it lies outside the account's scopes.
pub async fn find(state: &AppState, user: &User, id: i64) -> Result<StoredProceeding, WebError> {
    for scope in scopes(state.store.as_ref(), user).await? {
        if let Ok(p) = state.store.proceeding(scope, id).await {
            return Ok(p);
        }
    }
    Err(WebError::NotFound("复议诉讼案件"))
}

/// Registers a proceeding against `user`'s agency.
///
/// # Errors
/// Forbidden for a role that does not handle cases; [`WebError::BadInput`] with the rule the
/// domain names; the store's refusal of links outside the agency.
pub async fn register(
    state: &AppState,
    user: &User,
    reg: AppealRegistration,
    key: Option<String>,
) -> Result<StoredProceeding, WebError> {
    require(user.role.can_handle_cases())?;
    let cal = state.calendar();
    let t = appeal::register(reg, &ctx(state, user.username.as_str(), &cal))
        .map_err(|e| WebError::BadInput(e.to_string()))?;
    let new = NewProceeding {
        idempotency_key: key,
        due: due_of(&t.proceeding, &cal),
        registered: t,
    };
    Ok(state.store.create_proceeding(user.agency_id, &new).await?)
}

/// Applies `cmd` to `p` as `user`, if `version` is still the stored one.
///
/// # Errors
/// Forbidden outside the own agency or for a read-only role; [`StoreError::Stale`] when the
/// record moved on since the form (or API call) was made; [`WebError::BadInput`] with the rule.
pub async fn run(
    state: &AppState,
    user: &User,
    p: &StoredProceeding,
    version: i32,
    cmd: AppealCommand,
) -> Result<StoredProceeding, WebError> {
    require(may_handle(user, p.agency_id))?;
    if version != p.version {
        return Err(StoreError::Stale.into());
    }
    let cal = state.calendar();
    let t = appeal::apply(
        &p.proceeding,
        cmd,
        &ctx(state, user.username.as_str(), &cal),
    )
    .map_err(|e| WebError::BadInput(e.to_string()))?;
    let step = ProceedingStep {
        due: due_of(&t.proceeding, &cal),
        proceeding: t.proceeding,
        events: t.events,
    };
    Ok(state
        .store
        .commit_proceeding(p.agency_id, p.id, version, &step)
        .await?)
}
