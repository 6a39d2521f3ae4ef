//! The steps around the end of a case: 收费通知 and payment, 答复, 送达, 归档, 撤回.

use chrono::NaiveDate;

use super::outcome::{Closure, Decision, DeclinedGround, Reply};
use super::state::{Case, FeeNotice, Status};
use super::transition::{check_on, finish, require};
use super::{Ctx, PAYMENT_DAYS, Transition, TransitionError};
use crate::deadline::add_workdays_with;

pub(super) fn issue_fee_notice(
    case: &Case,
    on: NaiveDate,
    served_on: NaiveDate,
    amount_fen: u64,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::Processing, "发出收费通知")?;
    if let Some(f) = &case.fee {
        return Err(TransitionError::FeeTwice { on: f.issued_on });
    }
    if amount_fen == 0 {
        return Err(TransitionError::FeeZero);
    }
    if let Some(due) = case
        .answer_deadline(ctx.calendar, ctx.mode)?
        .statutory
        .due
        .filter(|d| on > *d)
    {
        return Err(TransitionError::PeriodExpired { due });
    }
    let next = check_on(case, on, ctx)?;
    let mut next = check_on(&next, served_on, ctx)?;
    let pay_due = add_workdays_with(ctx.calendar, served_on, PAYMENT_DAYS, ctx.mode)?.value;
    next.fee = Some(FeeNotice {
        issued_on: on,
        served_on,
        amount_fen,
        pay_due,
        paid_on: None,
    });
    next.status = Status::AwaitingFee;
    let summary = format!(
        "{on}发出收费通知，金额{}元，申请人{served_on}收到，缴费期限至{pay_due}；答复期限暂停计算",
        yuan(amount_fen)
    );
    Ok(finish(case, next, "fee_notice_issued", summary, ctx))
}

/// “12.50” for 1250 分.
fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

pub(super) fn record_payment(
    case: &Case,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::AwaitingFee, "登记缴费")?;
    let mut next = check_on(case, on, ctx)?;
    let Some(f) = next.fee.as_mut() else {
        return Err(TransitionError::WrongStatus {
            action: "登记缴费",
            status: case.status_label(),
        });
    };
    if on > f.pay_due {
        return Err(TransitionError::FeePaidLate { due: f.pay_due });
    }
    f.paid_on = Some(on);
    next.status = Status::Processing;
    let summary = format!("{on}申请人缴费，次日起恢复计算答复期限");
    Ok(finish(case, next, "fee_paid", summary, ctx))
}

pub(super) fn lapse_fee(case: &Case, ctx: &Ctx<'_>) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::AwaitingFee, "按逾期未缴费终止")?;
    let due = case.fee.as_ref().map_or(case.received_on, |f| f.pay_due);
    let summary = format!("缴费期限{due}届满未缴费，视为放弃申请");
    close_lapsed(
        case,
        ctx,
        (due, "缴费期限"),
        Closure::FeeUnpaid,
        "fee_lapsed",
        summary,
    )
}

/// Closes a case whose period ended on `due` without the applicant acting (视为放弃申请).
pub(super) fn close_lapsed(
    case: &Case,
    ctx: &Ctx<'_>,
    (due, what): (NaiveDate, &'static str),
    closure: Closure,
    kind: &'static str,
    summary: String,
) -> Result<Transition, TransitionError> {
    if ctx.today <= due {
        return Err(TransitionError::NotLapsed { what, due });
    }
    let mut next = case.clone();
    next.status = Status::Closed { on: due, closure };
    next.last_event_on = next.last_event_on.max(due);
    Ok(finish(case, next, kind, summary, ctx))
}

pub(super) fn decide(
    case: &Case,
    on: NaiveDate,
    decision: Decision,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.status == Status::Processing, "作出答复")?;
    let open = case.open_consultations();
    if open > 0 {
        return Err(TransitionError::ConsultationsOpen { count: open });
    }
    decision.validate()?;
    let supplemented = case
        .correction
        .as_ref()
        .is_some_and(|c| c.supplemented_on.is_some());
    if decision.reply == Reply::StillUnclear && !supplemented {
        return Err(TransitionError::NoSupplement);
    }
    if decision.reply == Reply::Declined(DeclinedGround::Excessive) && case.reasons.is_none() {
        return Err(TransitionError::NoReasonsRequested);
    }
    let due = case.answer_deadline(ctx.calendar, ctx.mode)?.due();
    let mut next = check_on(case, on, ctx)?;
    let mut summary = format!("{on}作出答复：{}", decision.reply.label());
    if let Some(d) = due.filter(|d| on > *d) {
        summary.push_str(&format!("（已超过答复期限{d}）"));
    }
    next.status = Status::Decided {
        on,
        decision,
        served_on: None,
    };
    Ok(finish(case, next, "decided", summary, ctx))
}

pub(super) fn serve(
    case: &Case,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    let decided = matches!(
        case.status,
        Status::Decided {
            served_on: None,
            ..
        }
    );
    require(case, decided && case.archived_on.is_none(), "登记送达")?;
    let mut next = check_on(case, on, ctx)?;
    if let Status::Decided { served_on, .. } = &mut next.status {
        *served_on = Some(on);
    }
    Ok(finish(
        case,
        next,
        "served",
        format!("{on}答复送达申请人"),
        ctx,
    ))
}

pub(super) fn archive(
    case: &Case,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    let done = matches!(
        case.status,
        Status::Decided {
            served_on: Some(_),
            ..
        } | Status::Closed { .. }
    );
    require(case, done && case.archived_on.is_none(), "归档")?;
    let mut next = check_on(case, on, ctx)?;
    next.archived_on = Some(on);
    Ok(finish(case, next, "archived", format!("{on}归档"), ctx))
}

pub(super) fn withdraw(
    case: &Case,
    on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Result<Transition, TransitionError> {
    require(case, case.is_open(), "撤回申请")?;
    let mut next = check_on(case, on, ctx)?;
    next.status = Status::Closed {
        on,
        closure: Closure::Withdrawn,
    };
    Ok(finish(
        case,
        next,
        "withdrawn",
        format!("{on}申请人撤回申请"),
        ctx,
    ))
}
