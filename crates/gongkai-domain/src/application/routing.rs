//! Who handles a case inside the agency (《条例》第四条: the 政府信息公开工作机构 receives and
//! answers; departments supply the information): 签收 by the handling unit, 转办 to a
//! department with a reason, 退回 with a reason, and 指派 to a clerk. Routing never touches the
//! statutory clock; each step is an audit event of its own.

use serde::{Deserialize, Serialize};

use super::{Ctx, TransitionError};
use crate::audit::AuditEvent;

/// Where a case sits inside the agency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// The department (an agency below the owner) it was transferred to; `None` = the
    /// agency's own 政府信息公开工作机构.
    pub handler: Option<Unit>,
    /// Whether the current handler has signed for it (签收).
    pub signed: bool,
    /// The clerk it is assigned to.
    pub assignee: Option<Person>,
}

/// A department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Its agency id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Its user id.
    pub id: i64,
    /// Its display name.
    pub name: String,
}

/// A routing step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "command")]
pub enum RoutingCommand {
    /// 签收: the current handler takes the case.
    Sign,
    /// 转办: hand it to a department, with a reason.
    Transfer {
        /// The department.
        to: Unit,
        /// Why.
        reason: String,
    },
    /// 退回: the department gives it back to the 政府信息公开工作机构, with a reason.
    Return {
        /// Why.
        reason: String,
    },
    /// 指派: a clerk handles it.
    Assign {
        /// The clerk.
        to: Person,
    },
}

fn event(action: &str, summary: String, ctx: &Ctx<'_>) -> AuditEvent {
    AuditEvent {
        actor: ctx.actor.to_owned(),
        action: action.to_owned(),
        subject: "application".to_owned(),
        subject_id: String::new(),
        before: None,
        after: None,
        summary,
        on: ctx.today,
    }
}

fn reason(r: &str, what: &'static str) -> Result<String, TransitionError> {
    let r = r.trim();
    if r.is_empty() {
        return Err(TransitionError::Empty { what });
    }
    Ok(r.to_owned())
}

/// Applies a routing step; returns the new routing and its event.
pub fn route(
    r: &Routing,
    cmd: RoutingCommand,
    ctx: &Ctx<'_>,
) -> Result<(Routing, AuditEvent), TransitionError> {
    let mut next = r.clone();
    let e = match cmd {
        RoutingCommand::Sign => {
            if r.signed {
                return Err(TransitionError::AlreadySigned);
            }
            next.signed = true;
            let unit = r
                .handler
                .as_ref()
                .map_or("政府信息公开工作机构", |u| u.name.as_str());
            event("signed", format!("{unit}签收"), ctx)
        }
        RoutingCommand::Transfer { to, reason: why } => {
            let why = reason(&why, "转办理由")?;
            if r.handler.as_ref() == Some(&to) {
                return Err(TransitionError::AlreadyThere { unit: to.name });
            }
            let summary = format!("转办至{}：{why}", to.name);
            next = Routing {
                handler: Some(to),
                signed: false,
                assignee: None,
            };
            event("transferred", summary, ctx)
        }
        RoutingCommand::Return { reason: why } => {
            let why = reason(&why, "退回理由")?;
            let Some(from) = &r.handler else {
                return Err(TransitionError::NothingToReturn);
            };
            let summary = format!("{}退回政府信息公开工作机构：{why}", from.name);
            next = Routing {
                handler: None,
                signed: false,
                assignee: None,
            };
            event("returned", summary, ctx)
        }
        RoutingCommand::Assign { to } => {
            let summary = format!("指派{}办理", to.name);
            next.assignee = Some(to);
            event("assigned", summary, ctx)
        }
    };
    Ok((next, e))
}
