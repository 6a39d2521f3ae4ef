//! 主动公开 in the web layer: what the back office, the API and the public 专栏 share about a
//! document. The rules are the domain's (`disclosure`), the saving is the store's; this layer
//! reads forms, stores uploads and turns refusals into Chinese messages.
//! - [`body`]: the 正文 as safe HTML (Markdown rendered, HTML sanitised).
//! - [`draft`]: 起草 and 修改 from the form, the 索引号 from the agency's pattern.
//! - [`steps`]: every workflow `Command` as a step, from a form or JSON.
//! - [`files`]: attachments — content-checked uploads with their text extracted for search.
//! - [`view`]: labels, the plain-Chinese “what happens next”, the steps a role may take.
//! - [`due`]: the dashboard's Art.26 late / nearly-late list and Art.18 re-assessments due.
//! - [`table2`]: table 二's 规章 / 行政规范性文件 counts live from the registry.

pub mod body;
pub mod draft;
pub mod due;
pub mod files;
pub mod steps;
pub mod table2;
pub mod view;

use crate::auth::scopes;
use crate::{AppState, WebError};
use gongkai_domain::disclosure::{Ctx, DisclosureError, FormErrors};
use gongkai_storage::documents::StoredDocument;
use gongkai_storage::{Agency, StoreError, User};

/// Told to whoever saves over someone else's change.
pub const STALE: &str = "此文件已被他人修改，请刷新后再操作";

/// Why a draft or a step was not saved.
#[derive(Debug)]
pub enum Refused {
    /// Field errors of the document form (shown beside the fields).
    Fields(FormErrors),
    /// Someone else saved the document since it was read.
    Stale,
    /// A rule broken or bad input, in Chinese.
    Message(String),
    /// Anything else (not the user's doing).
    Web(WebError),
}

impl From<WebError> for Refused {
    fn from(e: WebError) -> Self {
        match e {
            WebError::BadInput(m) => Refused::Message(m),
            WebError::Store(s) => s.into(),
            other => Refused::Web(other),
        }
    }
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Stale => Refused::Stale,
            StoreError::Invalid(m) => Refused::Message(m),
            e @ StoreError::Conflict { .. } => Refused::Message(e.to_string()),
            other => Refused::Web(other.into()),
        }
    }
}

impl From<FormErrors> for Refused {
    fn from(e: FormErrors) -> Self {
        Refused::Fields(e)
    }
}

impl From<DisclosureError> for Refused {
    fn from(e: DisclosureError) -> Self {
        match e {
            DisclosureError::Content(f) => Refused::Fields(f),
            other => Refused::Message(other.to_string()),
        }
    }
}

impl From<Refused> for WebError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Fields(f) => WebError::BadInput(f.to_string()),
            Refused::Message(m) => WebError::BadInput(m),
            Refused::Stale => WebError::Store(StoreError::Stale),
            Refused::Web(e) => e,
        }
    }
}

/// The step context of `user` today.
pub fn ctx<'a>(state: &AppState, user: &'a User) -> Ctx<'a> {
    Ctx {
        today: state.today(),
        actor: user.username.as_str(),
        role: user.role,
    }
}

/// Document `id` as `user` may see it (own agency, or below for 督查 and 系统管理员), with its
/// agency.
pub async fn find(
    state: &AppState,
    user: &User,
    id: i64,
) -> Result<(StoredDocument, Agency), WebError> {
    for scope in scopes(state.store.as_ref(), user).await? {
        if let Ok(d) = state.store.document(scope, id).await {
            let agency = state.store.agency(scope, d.agency_id).await?;
            return Ok((d, agency));
        }
    }
    Err(WebError::NotFound("文件"))
}

/// Whether `user` works on `agency`'s documents (its own agency: drafts, reviews, approvals
/// are the agency's own business; overseers only read).
pub fn works_on(user: &User, agency: &Agency) -> bool {
    user.agency_id == agency.id && view::is_workflow_role(user.role)
}
