//! The state of one 依申请公开 case: what happened so far and where it stands.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::outcome::{Closure, Decision};
use super::receipt::Receipt;
use crate::deadline::{Extension, Pause};
use crate::report::table3::Applicant;

/// The applicant type, i.e. the table-三 column (申请人情况; never 总计).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    /// 自然人
    NaturalPerson,
    /// 商业企业
    Commercial,
    /// 科研机构
    Research,
    /// 社会公益组织
    SocialWelfare,
    /// 法律服务机构
    LegalServices,
    /// 其他法人或其他组织
    OtherOrg,
}

impl ApplicantType {
    /// All six types, in column order.
    pub const ALL: [ApplicantType; 6] = [
        ApplicantType::NaturalPerson,
        ApplicantType::Commercial,
        ApplicantType::Research,
        ApplicantType::SocialWelfare,
        ApplicantType::LegalServices,
        ApplicantType::OtherOrg,
    ];

    /// The table-三 column.
    pub fn column(self) -> Applicant {
        Applicant::PARTS[self as usize]
    }
}

/// 补正 (《条例》第三十条): the one request to supplement the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The day the 补正告知书 went out.
    pub requested_on: NaiveDate,
    /// What is to be supplemented.
    pub items: String,
    /// The last day of the 补正 period set in the notice.
    pub due: NaiveDate,
    /// The day the supplement was received; the answer clock restarts from it.
    pub supplemented_on: Option<NaiveDate>,
}

/// Whom an agency consults (征求意见).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// 第三方 (《条例》第三十二条).
    ThirdParty,
    /// 共同制作机关 (《条例》第三十四条).
    CoMaker,
}

impl Party {
    /// The pause reason with its article.
    pub fn label(self) -> &'static str {
        match self {
            Party::ThirdParty => "征求第三方意见（《条例》第三十二条）",
            Party::CoMaker => "征求共同制作机关意见（《条例》第三十四条）",
        }
    }
}

/// The answer to a 征求意见书.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationReply {
    /// 同意公开.
    Consented,
    /// 不同意公开, with its reasons.
    Objected(String),
    /// 逾期未提出意见 (third party: the agency decides; co-maker: deemed consent).
    NoReply,
}

/// 征求意见 (《条例》第三十二、三十四条): not counted in the answer period (第三十三条第三款).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    /// Third party or co-maker.
    pub party: Party,
    /// Its name.
    pub name: String,
    /// The day the 征求意见书 went out.
    pub sent_on: NaiveDate,
    /// The day the party received it, once known.
    pub delivered_on: Option<NaiveDate>,
    /// 15 working days after delivery.
    pub reply_due: Option<NaiveDate>,
    /// When it ended.
    pub ended_on: Option<NaiveDate>,
    /// The answer.
    pub reply: Option<ConsultationReply>,
}

/// 收费通知 (《政府信息公开信息处理费管理办法》): the clock stops until payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeNotice {
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The day the applicant received it.
    pub served_on: NaiveDate,
    /// The amount, in 分.
    pub amount_fen: u64,
    /// 20 working days after `served_on`.
    pub pay_due: NaiveDate,
    /// The day it was paid.
    pub paid_on: Option<NaiveDate>,
}

/// 说明理由 (《条例》第三十五条) and, if the reasons hold, a deferred deadline (延迟答复).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonsRequest {
    /// The day the applicant was asked to explain.
    pub requested_on: NaiveDate,
    /// The reasonable deferred deadline notified to the applicant.
    pub deferred_due: Option<NaiveDate>,
    /// Why.
    pub deferred_reason: Option<String>,
}

/// Where a case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// 办理中 (the clock runs unless a consultation is open).
    Processing,
    /// 待补正.
    AwaitingCorrection,
    /// 待缴费.
    AwaitingFee,
    /// 已答复 (and, once `served_on` is set, 已送达).
    Decided {
        /// Date of the reply.
        on: NaiveDate,
        /// The reply.
        decision: Decision,
        /// Day of service (送达).
        served_on: Option<NaiveDate>,
    },
    /// 已终止 without a reply.
    Closed {
        /// The day it ended.
        on: NaiveDate,
        /// Why.
        closure: Closure,
    },
}

/// One 依申请公开 case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// 申请人类型 → table-三 column.
    pub applicant: ApplicantType,
    /// How it arrived.
    pub receipt: Receipt,
    /// 收到申请之日 (第三十一条).
    pub received_on: NaiveDate,
    /// What is asked for.
    pub request: String,
    /// The day the answer clock runs from: `received_on`, or the supplement's day after 补正.
    pub clock_start: NaiveDate,
    /// 补正, if requested.
    pub correction: Option<Correction>,
    /// 征求意见, in order.
    pub consultations: Vec<Consultation>,
    /// 延期, if approved.
    pub extension: Option<Extension>,
    /// 收费通知, if issued.
    pub fee: Option<FeeNotice>,
    /// 说明理由, if requested.
    pub reasons: Option<ReasonsRequest>,
    /// Where it stands.
    pub status: Status,
    /// 归档 date.
    pub archived_on: Option<NaiveDate>,
    /// The date of the latest event; later events may not be dated before it.
    pub last_event_on: NaiveDate,
}

impl Case {
    /// A stable identifier of where the case stands, for audit events.
    pub fn status_key(&self) -> &'static str {
        match (&self.status, self.archived_on) {
            (_, Some(_)) => "archived",
            (Status::Processing, _) if self.open_consultations() > 0 => "consulting",
            (Status::Processing, _) => "processing",
            (Status::AwaitingCorrection, _) => "awaiting_correction",
            (Status::AwaitingFee, _) => "awaiting_fee",
            (
                Status::Decided {
                    served_on: None, ..
                },
                _,
            ) => "decided",
            (Status::Decided { .. }, _) => "served",
            (Status::Closed { .. }, _) => "closed",
        }
    }

    /// The status in Chinese.
    pub fn status_label(&self) -> &'static str {
        match self.status_key() {
            "archived" => "已归档",
            "consulting" => "征求意见中",
            "processing" => "办理中",
            "awaiting_correction" => "待补正",
            "awaiting_fee" => "待缴费",
            "decided" => "已答复待送达",
            "served" => "已送达",
            _ => "已终止",
        }
    }

    /// Whether the case is still open (no reply, no closure).
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            Status::Processing | Status::AwaitingCorrection | Status::AwaitingFee
        )
    }

    /// The day it was concluded (reply date or closure date), if it was.
    pub fn concluded_on(&self) -> Option<NaiveDate> {
        match &self.status {
            Status::Decided { on, .. } | Status::Closed { on, .. } => Some(*on),
            _ => None,
        }
    }

    /// 结转: received by 31 December of `year` and still open at its end.
    pub fn is_carried_forward(&self, year: i32) -> bool {
        self.received_on.year() <= year && self.concluded_on().is_none_or(|d| d.year() > year)
    }

    /// Consultations not yet ended.
    pub fn open_consultations(&self) -> usize {
        self.consultations
            .iter()
            .filter(|c| c.ended_on.is_none())
            .count()
    }

    /// The stretches not counted in the answer period: consultations and the fee notice.
    pub fn pauses(&self) -> Vec<Pause> {
        let mut out: Vec<Pause> = self
            .consultations
            .iter()
            .map(|c| Pause {
                reason: format!("{}：{}", c.party.label(), c.name),
                from: c.sent_on,
                until: c.ended_on,
            })
            .collect();
        if let Some(f) = &self.fee {
            out.push(Pause {
                reason: "发出收费通知至缴费（《政府信息公开信息处理费管理办法》）".to_owned(),
                from: f.issued_on,
                until: f.paid_on,
            });
        }
        out.retain(|p| p.until.is_none_or(|u| u > self.clock_start));
        out
    }
}
