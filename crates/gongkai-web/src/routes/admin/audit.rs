//! 审计日志 viewer: the newest events in the account's scopes.

use crate::auth::{CurrentUser, agency_names, require, scopes};
use crate::page::{Chrome, render};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_storage::AuditEntry;

/// The audit log page.
#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    c: Chrome,
    events: Vec<(AuditEntry, String)>,
}

/// GET /admin/audit
pub async fn list(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    require(me.user.role.can_oversee())?;
    let scopes = scopes(state.store.as_ref(), &me.user).await?;
    let names = agency_names(state.store.as_ref(), &scopes).await?;
    let mut events = Vec::new();
    for scope in scopes {
        events.extend(state.store.audit_events(scope, 200).await?);
    }
    events.sort_by_key(|e| std::cmp::Reverse(e.at));
    let events = events
        .into_iter()
        .map(|e| {
            let name = names.get(&e.agency_id).cloned().unwrap_or_default();
            (e, name)
        })
        .collect();
    render(&AuditPage {
        c: Chrome::admin("审计日志", &me),
        events,
    })
}
