//! The steps that keep a case open: 补正, 征求意见, 延期, 说明理由 — and the shared checks.

use chrono::NaiveDate;

use super::state::{
    Case, Consultation, ConsultationReply, Correction, Party, ReasonsRequest, Status,
};
use super::{CONSULTATION_DAYS, Ctx, Transition, TransitionError};
use crate::audit::AuditEvent;
use crate::deadline::{Extension, MAX_EXTENSION, add_workdays};

/// An audit event for a step from `before` to `after`.
pub(super) fn event(
    before: Option<&Case>,
    after: &Case,
    action: &str,
    summary: String,
    ctx: &Ctx<'_>,
) -> AuditEvent {
    AuditEvent {
        actor: ctx.actor.to_owned(),
        action: action.to_owned(),
        subject: "application".to_owned(),
        subject_id: String::new(),
        before: before.map(|c| c.status_key().to_owned()),
        after: Some(after.status_key().to_owned()),
        on: ctx.today,
        summary,
    }
}

/// The transition from `before` to `after` with one event.
pub(super) fn finish(
    before: &Case,
    after: Case,
    action: &str,
    summary: String,
    ctx: &Ctx<'_>,
) -> Transition {
    let e = event(Some(before), &after, action, summary, ctx);
    Transition {
        case: after,
        events: vec![e],
    }
}

/// An event date must not lie in the future or before the previous event; it becomes the latest.
pub(super) fn check_on(case: &Case, on: NaiveDate, ctx: &Ctx<'_>) -> Result<Case, TransitionError> {
    if on > ctx.today {
        return Err(TransitionError::FutureDate {
            date: on,
            today: ctx.today,
        });
    }
    if on < case.last_event_on {
        return Err(TransitionError::BeforePrevious {
            date: on,
            previous: case.last_event_on,
        });
    }
    let mut next = case.clone();
    next.last_event_on = on;
    Ok(next)
}

/// The step `action` needs `ok`.
pub(super) fn require(case: &Case, ok: bool, action: &'static str) -> Result<(), TransitionError> {
    if ok {
        Ok(())
    } else {
        Err(TransitionError::WrongStatus {
            action,
            status: case.status_label(),
        })
    }
}

pub(super) fn non_empty(s: &str, what: &'static str) -> Result<(), TransitionError> {
    if s.trim().is_empty() {
        return Err(TransitionError::Empty { what });
    }
    Ok(())
}

pub(super) fn request_correction(
    case: &Case,
    on: NaiveDate,
    items: String,
    period: u32,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::Processing, "告知补正")?;
    if let Some(c) = &case.correction {
        return Err(TransitionError::CorrectionTwice { on: c.requested_on });
    }
    non_empty(&items, "补正事项")?;
    if period == 0 {
        return Err(TransitionError::Empty {
            what: "补正期限"
        });
    }
    let latest = case.correction_notice_deadline(ctx.calendar)?;
    if let Some(latest) = latest.due.filter(|l| on > *l) {
        return Err(TransitionError::CorrectionTooLate { latest });
    }
    let mut next = check_on(case, on, ctx)?;
    let due = add_workdays(ctx.calendar, on, period)?;
    next.correction = Some(Correction {
        requested_on: on,
        items,
        due,
        supplemented_on: None,
    });
    next.status = Status::AwaitingCorrection;
    let summary = format!("{on}告知补正，补正期限至{due}（{period}个工作日）");
    Ok(finish(case, next, "correction_requested", summary, ctx))
}

pub(super) fn receive_correction(
    case: &Case,
    on: NaiveDate,
    late_reason: Option<String>,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(
        case,
        case.status == Status::AwaitingCorrection,
        "登记补正材料",
    )?;
    let mut next = check_on(case, on, ctx)?;
    let Some(c) = next.correction.as_mut() else {
        return Err(TransitionError::WrongStatus {
            action: "登记补正材料",
            status: case.status_label(),
        });
    };
    let justified = late_reason.as_deref().is_some_and(|r| !r.trim().is_empty());
    if on > c.due && !justified {
        return Err(TransitionError::CorrectionLapsed { due: c.due });
    }
    c.supplemented_on = Some(on);
    next.clock_start = on;
    next.status = Status::Processing;
    let mut summary = format!("{on}收到补正材料，答复期限自该日重新计算（《条例》第三十条）");
    if let Some(r) = late_reason.filter(|_| justified) {
        summary.push_str(&format!("；逾期补正的正当理由：{r}"));
    }
    Ok(finish(case, next, "correction_received", summary, ctx))
}

pub(super) fn lapse_correction(case: &Case, ctx: &Ctx<'_>) -> Result<Transition, TransitionError> {
    require(
        case,
        case.status == Status::AwaitingCorrection,
        "按逾期不补正终止",
    )?;
    let due = case.correction.as_ref().map_or(case.received_on, |c| c.due);
    let summary = format!("补正期限{due}届满未补正，视为放弃申请（《条例》第三十条）");
    let closure = super::Closure::NoCorrection;
    super::conclude::close_lapsed(
        case,
        ctx,
        (due, "补正期限"),
        closure,
        "correction_lapsed",
        summary,
    )
}

pub(super) fn start_consultation(
    case: &Case,
    on: NaiveDate,
    party: Party,
    name: String,
    delivered_on: Option<NaiveDate>,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::Processing, "征求意见")?;
    non_empty(&name, "征求意见对象")?;
    let mut next = check_on(case, on, ctx)?;
    if let Some(d) = delivered_on {
        check_on(&next, d, ctx)?;
    }
    let reply_due = match delivered_on {
        Some(d) => Some(add_workdays(ctx.calendar, d, CONSULTATION_DAYS)?),
        None => None,
    };
    next.consultations.push(Consultation {
        party,
        name,
        sent_on: on,
        delivered_on,
        reply_due,
        ended_on: None,
        reply: None,
    });
    let due_text = reply_due.map_or(String::new(), |d| format!("，对方答复期限至{d}"));
    let summary = format!("{on}{}，答复期限暂停计算{due_text}", party.label());
    Ok(finish(case, next, "consultation_started", summary, ctx))
}

pub(super) fn end_consultation(
    case: &Case,
    number: usize,
    on: NaiveDate,
    reply: ConsultationReply,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    let mut next = check_on(case, on, ctx)?;
    let c = number
        .checked_sub(1)
        .and_then(|i| next.consultations.get_mut(i))
        .ok_or(TransitionError::NoSuchConsultation { number })?;
    if let Some(ended) = c.ended_on {
        return Err(TransitionError::ConsultationEnded { number, on: ended });
    }
    match (&reply, c.reply_due) {
        (ConsultationReply::NoReply, None) => return Err(TransitionError::DeliveryUnknown),
        (ConsultationReply::NoReply, Some(due)) if on <= due => {
            return Err(TransitionError::NotLapsed {
                what: "征求意见答复期限",
                due,
            });
        }
        (ConsultationReply::Objected(r), _) => non_empty(r, "不同意公开的理由")?,
        _ => {}
    }
    c.ended_on = Some(on);
    c.reply = Some(reply);
    let summary = format!(
        "{on}第{number}项征求意见结束（{}），次日起恢复计算答复期限",
        c.name
    );
    Ok(finish(case, next, "consultation_ended", summary, ctx))
}

pub(super) fn extend(
    case: &Case,
    on: NaiveDate,
    days: u32,
    approver: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::Processing, "延期答复")?;
    if let Some(e) = &case.extension {
        return Err(TransitionError::ExtensionTwice { on: e.on });
    }
    if days == 0 || days > MAX_EXTENSION {
        return Err(TransitionError::ExtensionLength { days });
    }
    non_empty(&approver, "批准延期的政府信息公开工作机构负责人")?;
    if let Some(due) = case
        .answer_deadline(ctx.calendar)?
        .statutory
        .due
        .filter(|d| on > *d)
    {
        return Err(TransitionError::PeriodExpired { due });
    }
    let mut next = check_on(case, on, ctx)?;
    next.extension = Some(Extension {
        days,
        approver: approver.clone(),
        on,
    });
    let new_due = next.answer_deadline(ctx.calendar)?.statutory.due;
    let due_text = new_due.map_or("待恢复计算后确定".to_owned(), |d| d.to_string());
    let summary = format!(
        "{on}经{approver}批准延期{days}个工作日，答复期限至{due_text}（《条例》第三十三条第二款）"
    );
    Ok(finish(case, next, "extended", summary, ctx))
}

pub(super) fn request_reasons(
    case: &Case,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(
        case,
        case.status == Status::Processing && case.reasons.is_none(),
        "要求说明理由",
    )?;
    let mut next = check_on(case, on, ctx)?;
    next.reasons = Some(ReasonsRequest {
        requested_on: on,
        deferred_due: None,
        deferred_reason: None,
    });
    let summary = format!("{on}要求申请人说明理由（《条例》第三十五条）");
    Ok(finish(case, next, "reasons_requested", summary, ctx))
}

pub(super) fn defer(
    case: &Case,
    on: NaiveDate,
    due: NaiveDate,
    reason: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::Processing, "确定延迟答复期限")?;
    require(
        case,
        case.reasons.is_some(),
        "在未要求说明理由时确定延迟答复期限",
    )?;
    non_empty(&reason, "延迟答复的理由")?;
    if let Some(statutory) = case
        .answer_deadline(ctx.calendar)?
        .statutory
        .due
        .filter(|s| due <= *s)
    {
        return Err(TransitionError::DeferredNotLater {
            given: due,
            due: statutory,
        });
    }
    let mut next = check_on(case, on, ctx)?;
    if let Some(r) = next.reasons.as_mut() {
        r.deferred_due = Some(due);
        r.deferred_reason = Some(reason);
    }
    let summary = format!("{on}确定延迟答复期限至{due}（《条例》第三十五条）");
    Ok(finish(case, next, "deadline_deferred", summary, ctx))
}
