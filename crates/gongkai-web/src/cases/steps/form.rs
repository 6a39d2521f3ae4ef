//! The step form: one form for every step (only the fields the chosen step needs are read),
//! parsed into a domain [`Command`] with each wrong field named.

use crate::page::FieldErrors;
use chrono::NaiveDate;
use gongkai_domain::application::{
    Command, ConsultationReply, Decision, DeclinedGround, Party, Referral, Reply, WithheldGround,
};
use gongkai_domain::choice::Choice;
use gongkai_domain::fee::{self, Method};
use serde::Deserialize;

/// Every field of the step form (absent ones are empty).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    /// CSRF token.
    pub csrf: String,
    /// The version the clerk saw.
    pub version: i32,
    /// Which step.
    pub step: String,
    /// The day it happened.
    pub on: String,
    /// 补正事项.
    pub items: String,
    /// A period in working days (补正期限, 延期天数).
    pub days: String,
    /// A second date (delivered on, served on, the deferred deadline).
    pub date2: String,
    /// A name (the party consulted).
    pub name: String,
    /// 第三方 or 共同制作机关.
    pub party: String,
    /// Which consultation (1-based).
    pub number: String,
    /// The consultation's answer.
    pub answer: String,
    /// 理由 (of an objection, a late supplement, an extension, a deferral, a decision).
    pub reasons: String,
    /// 答复类型.
    pub reply: String,
    /// 法律依据.
    pub legal_basis: String,
    /// 不予公开的部分.
    pub withheld_parts: String,
    /// The agency responsible (第三十六条第五项) and its contact.
    pub referral_agency: String,
    /// Its contact.
    pub referral_contact: String,
    /// 按件 or 按量.
    pub fee_method: String,
    /// Pages or applications.
    pub quantity: String,
    /// Applications of the applicant earlier in the month (按件).
    pub prior: String,
    /// 缴费方式.
    pub pay_how: String,
}

/// The steps the form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// 告知补正.
    Correction,
    /// 收到补正.
    Supplement,
    /// 逾期未补正.
    CorrectionLapsed,
    /// 征求意见.
    Consult,
    /// 征求意见结束.
    ConsultEnd,
    /// 延期.
    Extend,
    /// 收费通知.
    Fee,
    /// 已缴费.
    Paid,
    /// 逾期未缴费.
    FeeLapsed,
    /// 要求说明理由.
    Reasons,
    /// 延迟答复.
    Defer,
    /// 作出答复.
    Decide,
    /// 送达.
    Serve,
    /// 归档.
    Archive,
    /// 撤回.
    Withdraw,
}

impl StepKind {
    /// Parses the form's `step` value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "correction" => Self::Correction,
            "supplement" => Self::Supplement,
            "correction_lapsed" => Self::CorrectionLapsed,
            "consult" => Self::Consult,
            "consult_end" => Self::ConsultEnd,
            "extend" => Self::Extend,
            "fee" => Self::Fee,
            "paid" => Self::Paid,
            "fee_lapsed" => Self::FeeLapsed,
            "reasons" => Self::Reasons,
            "defer" => Self::Defer,
            "decide" => Self::Decide,
            "serve" => Self::Serve,
            "archive" => Self::Archive,
            "withdraw" => Self::Withdraw,
            _ => return None,
        })
    }
}

fn date(e: &mut FieldErrors, field: &'static str, s: &str) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            e.add(field, "请填写日期（年-月-日）");
            None
        }
    }
}

fn number(e: &mut FieldErrors, field: &'static str, s: &str, max: u32) -> Option<u32> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Some(n),
        _ => {
            e.add(field, format!("请填写 1 至 {max} 之间的整数"));
            None
        }
    }
}

/// The reply type from its form value: `granted`, `withheld:state_secret`, `declined:petition` …
pub fn reply_of(s: &str) -> Option<Reply> {
    let ground = |p: &str| serde_json::Value::String(p.to_owned());
    Some(match s.split_once(':') {
        Some(("withheld", g)) => {
            Reply::Withheld(serde_json::from_value::<WithheldGround>(ground(g)).ok()?)
        }
        Some(("declined", g)) => {
            Reply::Declined(serde_json::from_value::<DeclinedGround>(ground(g)).ok()?)
        }
        _ => match s {
            "granted" => Reply::Granted,
            "partly_granted" => Reply::PartlyGranted,
            "not_held" => Reply::NotHeld,
            "not_this_agency" => Reply::NotThisAgency,
            "needs_creation" => Reply::NeedsCreation,
            "still_unclear" => Reply::StillUnclear,
            _ => return None,
        },
    })
}

fn decision(e: &mut FieldErrors, f: &StepForm) -> Option<Decision> {
    let Some(reply) = reply_of(&f.reply) else {
        e.add("reply", "请选择答复类型");
        return None;
    };
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let referral = (reply == Reply::NotThisAgency).then(|| Referral {
        agency: f.referral_agency.trim().to_owned(),
        contact: f.referral_contact.trim().to_owned(),
    });
    Some(Decision {
        reply,
        legal_basis: f.legal_basis.trim().to_owned(),
        reasons: f.reasons.trim().to_owned(),
        referral,
        withheld_parts: opt(&f.withheld_parts),
    })
}

/// The fee assessed by the form (信息处理费管理办法 第四、五条).
pub fn fee_of(e: &mut FieldErrors, f: &StepForm) -> Option<fee::Assessment> {
    let method = Method::parse(&f.fee_method);
    let qty = number(e, "quantity", &f.quantity, 100_000)?;
    match method {
        Some(Method::PerVolume) => Some(fee::per_volume(qty)),
        Some(Method::PerCase) => {
            let prior = f.prior.trim().parse::<u32>().unwrap_or(0);
            fee::per_case(prior, qty)
                .map_err(|err| e.add("quantity", err))
                .ok()
        }
        None => {
            e.add("fee_method", "请选择计收方式（按件或按量）");
            None
        }
    }
}

/// The domain command the form asks for, or the field errors.
pub fn parse(kind: StepKind, f: &StepForm, approver: &str) -> Result<Command, FieldErrors> {
    let mut e = FieldErrors::new();
    let on = date(&mut e, "on", &f.on);
    let text = |s: &str| s.trim().to_owned();
    let cmd = on.and_then(|on| match kind {
        StepKind::Correction => {
            number(&mut e, "days", &f.days, 60).map(|period| Command::RequestCorrection {
                on,
                items: text(&f.items),
                period,
            })
        }
        StepKind::Supplement => Some(Command::ReceiveCorrection {
            on,
            late_reason: (!f.reasons.trim().is_empty()).then(|| text(&f.reasons)),
        }),
        StepKind::CorrectionLapsed => Some(Command::LapseCorrection),
        StepKind::Consult => Some(Command::StartConsultation {
            on,
            party: if f.party == "co_maker" {
                Party::CoMaker
            } else {
                Party::ThirdParty
            },
            name: text(&f.name),
            delivered_on: (!f.date2.trim().is_empty())
                .then(|| date(&mut e, "date2", &f.date2))
                .flatten(),
        }),
        StepKind::ConsultEnd => consult_end(&mut e, f, on),
        StepKind::Extend => number(&mut e, "days", &f.days, 20).map(|days| Command::Extend {
            on,
            days,
            approver: approver.to_owned(),
        }),
        StepKind::Fee => {
            let served = date(&mut e, "date2", &f.date2);
            let fee = fee_of(&mut e, f);
            match (served, fee) {
                (Some(served_on), Some(a)) => Some(Command::IssueFeeNotice {
                    on,
                    served_on,
                    amount_fen: a.total().0,
                }),
                _ => None,
            }
        }
        StepKind::Paid => Some(Command::RecordPayment { on }),
        StepKind::FeeLapsed => Some(Command::LapseFee),
        StepKind::Reasons => Some(Command::RequestReasons { on }),
        StepKind::Defer => date(&mut e, "date2", &f.date2).map(|due| Command::DeferDeadline {
            on,
            due,
            reason: text(&f.reasons),
        }),
        StepKind::Decide => decision(&mut e, f).map(|decision| Command::Decide { on, decision }),
        StepKind::Serve => Some(Command::Serve { on }),
        StepKind::Archive => Some(Command::Archive { on }),
        StepKind::Withdraw => Some(Command::Withdraw { on }),
    });
    match cmd {
        Some(c) if e.is_empty() => Ok(c),
        _ => Err(e),
    }
}

fn consult_end(e: &mut FieldErrors, f: &StepForm, on: NaiveDate) -> Option<Command> {
    let n = number(e, "number", &f.number, 20)? as usize;
    let reply = match f.answer.as_str() {
        "consented" => ConsultationReply::Consented,
        "objected" => ConsultationReply::Objected(f.reasons.trim().to_owned()),
        "no_reply" => ConsultationReply::NoReply,
        _ => {
            e.add("answer", "请选择对方的意见");
            return None;
        }
    };
    Some(Command::EndConsultation {
        number: n,
        on,
        reply,
    })
}
