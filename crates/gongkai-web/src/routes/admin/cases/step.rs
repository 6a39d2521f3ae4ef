//! POST a step of the clock, or a routing step. A refused step comes back on the case page with
//! the rule it breaks; a stale form (someone else changed the case) is told to reload.

use super::{find, may_handle};
use crate::auth::{CurrentUser, require};
use crate::cases::steps::{self, StepForm, StepKind};
use crate::extract::{Form, Path};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::application::routing::{Person, RoutingCommand, Unit};
use gongkai_storage::{Scope, StoreError};
use serde::Deserialize;

async fn outcome(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    r: Result<impl Sized, WebError>,
) -> Result<Response, WebError> {
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/admin/cases/{id}")).into_response()),
        Err(WebError::BadInput(m)) => super::show::refused(state, me, id, m).await,
        Err(WebError::Store(StoreError::Stale)) => {
            super::show::refused(
                state,
                me,
                id,
                "此申请已被他人修改，请刷新后再操作".to_owned(),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// POST /admin/cases/{id}/steps
pub async fn step(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<StepForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let (app, agency) = find(&state, &me, id).await?;
    require(may_handle(&me, &agency))?;
    let kind =
        StepKind::parse(&f.step).ok_or_else(|| WebError::BadInput("未知的办理环节".into()))?;
    if kind == StepKind::Extend {
        // 《条例》第三十三条第二款: 延期须经政府信息公开工作机构负责人同意.
        require(me.user.role.can_approve_extension())?;
    }
    let approver = format!("{}（{}）", me.user.display_name, me.user.role.label());
    let cmd = match steps::parse(kind, &f, &approver) {
        Ok(c) => c,
        Err(errors) => {
            let first = errors.first().unwrap_or("表单内容不完整").to_owned();
            return super::show::refused(&state, &me, id, first).await;
        }
    };
    let r = steps::run_command(&state, &me.user, &agency, &app, f.version, cmd, &f).await;
    outcome(&state, &me, id, r).await
}

/// Fields of the routing forms.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RouteForm {
    csrf: String,
    version: i32,
    action: String,
    department: i64,
    clerk: i64,
    reason: String,
}

/// POST /admin/cases/{id}/route
pub async fn route(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<RouteForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let (app, agency) = find(&state, &me, id).await?;
    require(may_handle(&me, &agency))?;
    let cmd = match f.action.as_str() {
        "sign" => RoutingCommand::Sign,
        "return" => RoutingCommand::Return {
            reason: f.reason.clone(),
        },
        "transfer" => {
            let to = state
                .store
                .agency(
                    Scope::subtree(agency.id),
                    gongkai_storage::AgencyId(f.department),
                )
                .await?;
            RoutingCommand::Transfer {
                to: Unit {
                    id: to.id.0,
                    name: to.name,
                },
                reason: f.reason.clone(),
            }
        }
        "assign" => {
            let u = state
                .store
                .user(Scope::agency(agency.id), gongkai_storage::UserId(f.clerk))
                .await?;
            RoutingCommand::Assign {
                to: Person {
                    id: u.id.0,
                    name: u.display_name,
                },
            }
        }
        _ => return super::show::refused(&state, &me, id, "未知的操作".to_owned()).await,
    };
    let r = steps::routing_step(&state, me.user.username.as_str(), &app, f.version, cmd).await;
    outcome(&state, &me, id, r).await
}
