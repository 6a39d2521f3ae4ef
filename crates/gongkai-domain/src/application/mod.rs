//! 依申请公开: one application case as a pure state machine (REGULATION.md §3.3, §3.6).
//!
//! [`register`] opens a case; [`apply`] takes a case, a [`Command`] and a [`Ctx`] (today, actor,
//! calendar — the domain never reads the clock) and returns a [`Transition`]: the next state and
//! the audit events it causes, or a [`TransitionError`] naming the rule broken. The answer period
//! (20 working days, 《条例》第三十三条) is always recomputed from the case's history by
//! [`Case::answer_deadline`], with its derivation, so it can never drift from the events.

mod command;
mod conclude;
mod error;
mod outcome;
mod receipt;
pub mod routing;
mod state;
pub mod tally;
mod transition;

pub use command::{Command, Registration};
pub use error::TransitionError;
pub use outcome::{Closure, Decision, DeclinedGround, Referral, Reply, WithheldGround};
pub use receipt::{Channel, Receipt};
pub use state::{
    ApplicantType, Case, Consultation, ConsultationReply, Correction, FeeNotice, Party,
    ReasonsRequest, Status,
};

use chrono::NaiveDate;

use crate::audit::AuditEvent;
use crate::calendar::WorkCalendar;
use crate::deadline::{self, ClockSpec, DeadlineError, Derivation};
use crate::report::Format;
use crate::report::table3::Row;

/// The answer period (《条例》第三十三条第二款): 20 working days.
pub const ANSWER_DAYS: u32 = 20;
/// The 补正 notice period (《条例》第三十条): 7 working days after receipt.
pub const CORRECTION_NOTICE_DAYS: u32 = 7;
/// The consultation period (《条例》第三十二、三十四条): 15 working days after delivery.
pub const CONSULTATION_DAYS: u32 = 15;
/// The payment period (信息处理费管理办法): 20 working days after the notice is received.
pub const PAYMENT_DAYS: u32 = 20;

/// What every transition needs from outside: today, who acts, and the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Today's date, supplied by the caller.
    pub today: NaiveDate,
    /// The acting account.
    pub actor: &'a str,
    /// The working-day calendar.
    pub calendar: &'a WorkCalendar,
}

/// The result of a transition: the next state and its audit events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The case after the step.
    pub case: Case,
    /// What to write to the audit log, in the same transaction.
    pub events: Vec<AuditEvent>,
}

/// The answer deadline with its derivation, or the deferred deadline of 《条例》第三十五条.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerDeadline {
    /// The statutory period with pauses and extension.
    pub statutory: Derivation,
    /// A deferred deadline (延迟答复) and its reason, if one was set.
    pub deferred: Option<(NaiveDate, String)>,
}

impl AnswerDeadline {
    /// The deadline in force; `None` while the clock is paused.
    pub fn due(&self) -> Option<NaiveDate> {
        self.deferred.as_ref().map(|d| d.0).or(self.statutory.due)
    }

    /// The derivation, one sentence per line.
    pub fn lines(&self) -> Vec<String> {
        let mut out = self.statutory.lines();
        if let Some((d, why)) = &self.deferred {
            out.push(format!(
                "延迟答复：因{why}，答复期限确定为{d}（《条例》第三十五条）。"
            ));
        }
        out
    }
}

impl Case {
    /// The answer clock as the case's events define it (《条例》第三十、三十三条).
    pub fn answer_clock(&self) -> ClockSpec {
        let restarted = self.clock_start != self.received_on;
        let start_event = if restarted {
            "收到补正后的申请（《条例》第三十条：答复期限自行政机关收到补正的申请之日起计算）"
                .to_owned()
        } else {
            self.receipt.start_event()
        };
        ClockSpec {
            start_event,
            start: self.clock_start,
            days: ANSWER_DAYS,
            basis: "《条例》第三十三条第二款".to_owned(),
            pauses: self.pauses(),
            extension: self.extension.clone(),
        }
    }

    /// The answer deadline with its derivation.
    pub fn answer_deadline(&self, cal: &WorkCalendar) -> Result<AnswerDeadline, DeadlineError> {
        let deferred = self.reasons.as_ref().and_then(|r| {
            r.deferred_due
                .map(|d| (d, r.deferred_reason.clone().unwrap_or_default()))
        });
        Ok(AnswerDeadline {
            statutory: deadline::derive(cal, &self.answer_clock())?,
            deferred,
        })
    }

    /// The last day for a 补正 notice: 7 working days after receipt (《条例》第三十条).
    pub fn correction_notice_deadline(
        &self,
        cal: &WorkCalendar,
    ) -> Result<Derivation, DeadlineError> {
        let spec = ClockSpec::plain(
            &self.receipt.start_event(),
            self.received_on,
            CORRECTION_NOTICE_DAYS,
            "《条例》第三十条",
        );
        deadline::derive(cal, &spec)
    }

    /// The table-三 row of a concluded case, for the report's `format` (exactly one, rule T3-04).
    pub fn result_row(&self, format: Format) -> Option<Row> {
        match &self.status {
            Status::Decided { decision, .. } => Some(decision.reply.row()),
            Status::Closed { closure, .. } => Some(closure.row(format)),
            _ => None,
        }
    }
}

/// 登记: opens a case from a registration.
pub fn register(reg: Registration, ctx: &Ctx<'_>) -> Result<Transition, TransitionError> {
    let received_on = reg.receipt.received_on()?;
    if received_on > ctx.today {
        return Err(TransitionError::FutureDate {
            date: received_on,
            today: ctx.today,
        });
    }
    if reg.request.trim().is_empty() {
        return Err(TransitionError::EmptyRequest);
    }
    let case = Case {
        applicant: reg.applicant,
        receipt: reg.receipt,
        received_on,
        request: reg.request,
        clock_start: received_on,
        correction: None,
        consultations: Vec::new(),
        extension: None,
        fee: None,
        reasons: None,
        status: Status::Processing,
        archived_on: None,
        last_event_on: received_on,
    };
    let summary = format!(
        "登记申请，收到申请之日为{received_on}（{}）",
        case.receipt.channel.label()
    );
    let event = transition::event(None, &case, "registered", summary, ctx);
    Ok(Transition {
        case,
        events: vec![event],
    })
}

/// Applies one step to a case.
pub fn apply(case: &Case, command: Command, ctx: &Ctx<'_>) -> Result<Transition, TransitionError> {
    use Command as C;
    match command {
        C::RequestCorrection { on, items, period } => {
            transition::request_correction(case, on, items, period, ctx)
        }
        C::ReceiveCorrection { on, late_reason } => {
            transition::receive_correction(case, on, late_reason, ctx)
        }
        C::LapseCorrection => transition::lapse_correction(case, ctx),
        C::StartConsultation {
            on,
            party,
            name,
            delivered_on,
        } => transition::start_consultation(case, on, party, name, delivered_on, ctx),
        C::EndConsultation { number, on, reply } => {
            transition::end_consultation(case, number, on, reply, ctx)
        }
        C::Extend { on, days, approver } => transition::extend(case, on, days, approver, ctx),
        C::IssueFeeNotice {
            on,
            served_on,
            amount_fen,
        } => conclude::issue_fee_notice(case, on, served_on, amount_fen, ctx),
        C::RecordPayment { on } => conclude::record_payment(case, on, ctx),
        C::LapseFee => conclude::lapse_fee(case, ctx),
        C::RequestReasons { on } => transition::request_reasons(case, on, ctx),
        C::DeferDeadline { on, due, reason } => transition::defer(case, on, due, reason, ctx),
        C::Decide { on, decision } => conclude::decide(case, on, decision, ctx),
        C::Serve { on } => conclude::serve(case, on, ctx),
        C::Archive { on } => conclude::archive(case, on, ctx),
        C::Withdraw { on } => conclude::withdraw(case, on, ctx),
    }
}
