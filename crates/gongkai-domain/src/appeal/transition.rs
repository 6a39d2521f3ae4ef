//! The steps of a proceeding's record: registration, the copy received, the answer filed, the
//! procedure changed, links and notes, and the decision — each a pure function returning the
//! next state and its audit events.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AppealError, DecisionType, Forum, Procedure, Proceeding, ProceedingKind, Ruling};
use crate::application::Ctx;
use crate::audit::AuditEvent;
use crate::choice::Choice;
use crate::deadline::Mode;

/// What a new record starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRegistration {
    /// Review, direct suit or suit after review.
    pub kind: ProceedingKind,
    /// The 行政复议机关 or 人民法院.
    pub forum_name: String,
    /// 案号, if known.
    pub case_no: String,
    /// The day the review was applied for or the suit filed.
    pub filed_on: NaiveDate,
    /// The day the agency received the copy, if it has.
    pub copy_received_on: Option<NaiveDate>,
    /// 普通程序 / 简易程序.
    pub procedure: Procedure,
    /// The applications it concerns.
    pub applications: Vec<i64>,
    /// For a suit after review: the review's record.
    pub prior_review: Option<i64>,
}

/// A step in a proceeding's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "command")]
pub enum AppealCommand {
    /// 收到行政复议申请书副本 / 起诉状副本: the answer period starts.
    ReceiveCopy {
        /// Day received.
        on: NaiveDate,
    },
    /// 提交书面答复 (复议) or 证据和答辩状 (诉讼).
    Answer {
        /// Day filed.
        on: NaiveDate,
    },
    /// 普通程序 ↔ 简易程序 (e.g. 《行政复议法》第五十七条).
    ChangeProcedure {
        /// Day decided.
        on: NaiveDate,
        /// The new procedure.
        procedure: Procedure,
    },
    /// 案号 recorded or corrected.
    SetCaseNo {
        /// The number.
        case_no: String,
    },
    /// One more application concerned.
    Link {
        /// Its id.
        application_id: i64,
    },
    /// A note.
    Note {
        /// Its text.
        text: String,
    },
    /// 审结: the decision or judgment that ends it (for a suit, the one in force).
    Decide {
        /// Its date.
        on: NaiveDate,
        /// Its type.
        decision: DecisionType,
    },
}

/// The next state and its audit events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealTransition {
    /// The record after the step.
    pub proceeding: Proceeding,
    /// What to write to the audit log, in the same transaction.
    pub events: Vec<AuditEvent>,
}

fn finish(
    before: Option<&Proceeding>,
    after: Proceeding,
    action: &str,
    summary: String,
    ctx: &Ctx<'_>,
) -> AppealTransition {
    let event = AuditEvent {
        actor: ctx.actor.to_owned(),
        action: action.to_owned(),
        subject: "appeal".to_owned(),
        subject_id: String::new(),
        before: before.map(|p| p.status_key().to_owned()),
        after: Some(after.status_key().to_owned()),
        on: ctx.today,
        summary,
    };
    AppealTransition {
        proceeding: after,
        events: vec![event],
    }
}

fn filing(kind: ProceedingKind) -> &'static str {
    match kind.forum() {
        Forum::Review => "申请行政复议",
        Forum::Litigation => "起诉",
    }
}

/// `date` may not lie after today or before the filing.
fn check_date(
    p: &Proceeding,
    what: &'static str,
    date: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<(), AppealError> {
    if date > ctx.today {
        return Err(AppealError::FutureDate {
            date,
            today: ctx.today,
        });
    }
    if date < p.filed_on {
        return Err(AppealError::BeforeFiling {
            what,
            date,
            filing: filing(p.kind),
            filed_on: p.filed_on,
        });
    }
    Ok(())
}

/// A dated step: the checks of [`check_date`], not before the previous event, not after the end.
fn dated(
    p: &Proceeding,
    what: &'static str,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<Proceeding, AppealError> {
    if let Some(r) = p.ruling {
        return Err(AppealError::AlreadyDecided {
            action: what,
            on: r.on,
        });
    }
    check_date(p, what, on, ctx)?;
    if on < p.last_event_on {
        return Err(AppealError::BeforePrevious {
            date: on,
            previous: p.last_event_on,
        });
    }
    let mut next = p.clone();
    next.last_event_on = on;
    Ok(next)
}

/// The record a registration opens (the copy, if already received, is a step of its own).
fn opened(reg: &AppealRegistration) -> Proceeding {
    let mut applications: Vec<i64> = Vec::new();
    for id in &reg.applications {
        if !applications.contains(id) {
            applications.push(*id);
        }
    }
    Proceeding {
        kind: reg.kind,
        forum_name: reg.forum_name.trim().to_owned(),
        case_no: reg.case_no.trim().to_owned(),
        filed_on: reg.filed_on,
        copy_received_on: None,
        procedure: reg.procedure,
        applications,
        prior_review: reg.prior_review,
        answered_on: None,
        ruling: None,
        notes: Vec::new(),
        last_event_on: reg.filed_on,
    }
}

/// 登记: opens a record (and records the copy when the registration says it was received).
pub fn register(reg: AppealRegistration, ctx: &Ctx<'_>) -> Result<AppealTransition, AppealError> {
    if reg.forum_name.trim().is_empty() {
        return Err(AppealError::Empty {
            what: "复议机关或人民法院",
        });
    }
    let p = opened(&reg);
    check_date(&p, filing(p.kind), reg.filed_on, ctx)?;
    let summary = format!(
        "登记{}案件：{}，{}之日{}（{}）",
        p.kind.label(),
        p.forum_name,
        filing(p.kind),
        p.filed_on,
        p.procedure.label()
    );
    let opened = finish(None, p, "appeal_registered", summary, ctx);
    match reg.copy_received_on {
        None => Ok(opened),
        Some(on) => {
            let mut next = receive_copy(&opened.proceeding, on, ctx)?;
            next.events.splice(0..0, opened.events);
            Ok(next)
        }
    }
}

/// Applies one step to a record.
pub fn apply(
    p: &Proceeding,
    command: AppealCommand,
    ctx: &Ctx<'_>,
) -> Result<AppealTransition, AppealError> {
    use AppealCommand as C;
    match command {
        C::ReceiveCopy { on } => receive_copy(p, on, ctx),
        C::Answer { on } => answer(p, on, ctx),
        C::ChangeProcedure { on, procedure } => {
            let mut next = dated(p, "变更审理程序", on, ctx)?;
            next.procedure = procedure;
            let summary = format!("{on}改为适用{}", procedure.label());
            Ok(finish(
                Some(p),
                next,
                "appeal_procedure_changed",
                summary,
                ctx,
            ))
        }
        C::SetCaseNo { case_no } => record(p, ctx, "案号", case_no, |n, v| n.case_no = v),
        C::Note { text } => record(p, ctx, "备注", text, |n, v| n.notes.push(v)),
        C::Link { application_id } => link(p, application_id, ctx),
        C::Decide { on, decision } => decide(p, on, decision, ctx),
    }
}

fn receive_copy(
    p: &Proceeding,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<AppealTransition, AppealError> {
    let copy = p.kind.copy_name();
    if let Some(was) = p.copy_received_on {
        return Err(AppealError::CopyTwice { copy, on: was });
    }
    let mut next = dated(p, "收到副本", on, ctx)?;
    next.copy_received_on = Some(on);
    let due = next
        .answer_due(ctx.calendar, Mode::Provisional)
        .ok()
        .flatten()
        .map_or(String::new(), |d| {
            let mark = if d.provisional.is_some() {
                "（暂定）"
            } else {
                ""
            };
            format!("，答复（答辩）期限至{}{mark}", d.due)
        });
    let summary = format!("{on}收到{copy}{due}");
    Ok(finish(Some(p), next, "appeal_copy_received", summary, ctx))
}

fn answer(p: &Proceeding, on: NaiveDate, ctx: &Ctx<'_>) -> Result<AppealTransition, AppealError> {
    let copy = p.kind.copy_name();
    if p.copy_received_on.is_none() {
        return Err(AppealError::CopyNotReceived { copy });
    }
    if let Some(was) = p.answered_on {
        return Err(AppealError::AnsweredTwice { on: was });
    }
    let mut next = dated(p, "提交答复（答辩）", on, ctx)?;
    next.answered_on = Some(on);
    let late = p
        .answer_due(ctx.calendar, Mode::Provisional)
        .ok()
        .flatten()
        .filter(|d| on > d.due)
        .map_or(String::new(), |d| format!("（已超过期限{}）", d.due));
    let summary = format!("{on}提交书面答复（答辩）及证据{late}");
    Ok(finish(Some(p), next, "appeal_answered", summary, ctx))
}

fn decide(
    p: &Proceeding,
    on: NaiveDate,
    decision: DecisionType,
    ctx: &Ctx<'_>,
) -> Result<AppealTransition, AppealError> {
    let def = decision.def();
    if def.forum != p.kind.forum() {
        return Err(AppealError::WrongForum {
            decision: def.label,
            forum: def.forum.label(),
            kind: p.kind.label(),
        });
    }
    let mut next = dated(p, "审结", on, ctx)?;
    next.ruling = Some(Ruling { decision, on });
    let summary = format!(
        "{on}审结：{}（{}），计入年度报告表四“{}”",
        def.label,
        def.basis,
        def.outcome.label()
    );
    Ok(finish(Some(p), next, "appeal_decided", summary, ctx))
}

fn link(p: &Proceeding, id: i64, ctx: &Ctx<'_>) -> Result<AppealTransition, AppealError> {
    if p.applications.contains(&id) {
        return Err(AppealError::AlreadyLinked { id });
    }
    let mut next = p.clone();
    next.applications.push(id);
    let summary = format!("关联申请编号{id}");
    Ok(finish(Some(p), next, "appeal_linked", summary, ctx))
}

/// An undated text field: not empty; allowed after the decision too (a number learnt later).
fn record(
    p: &Proceeding,
    ctx: &Ctx<'_>,
    what: &'static str,
    value: String,
    set: fn(&mut Proceeding, String),
) -> Result<AppealTransition, AppealError> {
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(AppealError::Empty { what });
    }
    let mut next = p.clone();
    let summary = format!("登记{what}：{value}");
    set(&mut next, value);
    Ok(finish(Some(p), next, "appeal_recorded", summary, ctx))
}
