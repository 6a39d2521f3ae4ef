//! What a clerk (or the system, for lapses) can do to a case. Every date is the day the event
//! happened; it may not lie after today or before the case's previous event.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::outcome::Decision;
use super::receipt::Receipt;
use super::state::{ApplicantType, ConsultationReply, Party};

/// 登记 (《条例》第四十五条): the data a new case starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// 申请人类型.
    pub applicant: ApplicantType,
    /// How and when it arrived.
    pub receipt: Receipt,
    /// What is asked for.
    pub request: String,
}

/// A step in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "command")]
pub enum Command {
    /// 补正告知 (第三十条): within 7 working days of receipt, once, with a period in working days.
    RequestCorrection {
        /// Day the notice went out.
        on: NaiveDate,
        /// What to supplement.
        items: String,
        /// The 补正 period, in working days after `on`.
        period: u32,
    },
    /// 补正材料收到: the answer clock restarts from `on` (第三十条).
    ReceiveCorrection {
        /// Day received.
        on: NaiveDate,
        /// A justified reason for a late supplement (正当理由), if late.
        late_reason: Option<String>,
    },
    /// 逾期不补正, 视为放弃申请 (第三十条) → table （六）1 / 2019 （六）.
    LapseCorrection,
    /// 征求意见书 sent (第三十二、三十四条): the clock pauses.
    StartConsultation {
        /// Day sent.
        on: NaiveDate,
        /// Third party or co-maker.
        party: Party,
        /// Its name.
        name: String,
        /// The day it received the letter, if known.
        delivered_on: Option<NaiveDate>,
    },
    /// The consultation ended: the clock resumes the next day.
    EndConsultation {
        /// 1-based number of the consultation.
        number: usize,
        /// Day the answer came (or, for no answer, the day it was recorded).
        on: NaiveDate,
        /// The answer.
        reply: ConsultationReply,
    },
    /// 延期 (第三十三条第二款): once, at most 20 working days, approved by the office head.
    Extend {
        /// Day approved.
        on: NaiveDate,
        /// Extra working days.
        days: u32,
        /// The approving head (政府信息公开工作机构负责人).
        approver: String,
    },
    /// 收费通知 (信息处理费管理办法): the clock pauses until payment.
    IssueFeeNotice {
        /// Day issued.
        on: NaiveDate,
        /// Day the applicant received it; 20 working days to pay run from the next day.
        served_on: NaiveDate,
        /// Amount in 分.
        amount_fen: u64,
    },
    /// 缴费: the clock resumes the next day.
    RecordPayment {
        /// Day paid.
        on: NaiveDate,
    },
    /// 逾期未缴费, 视为放弃申请 → table （六）2 / 2019 （六）.
    LapseFee,
    /// 要求说明理由 (第三十五条).
    RequestReasons {
        /// Day asked.
        on: NaiveDate,
    },
    /// 延迟答复 (第三十五条): a reasonable later deadline after reasons were given.
    DeferDeadline {
        /// Day decided.
        on: NaiveDate,
        /// The new deadline.
        due: NaiveDate,
        /// Why.
        reason: String,
    },
    /// 答复 with exactly one outcome.
    Decide {
        /// Date of the reply.
        on: NaiveDate,
        /// The reply.
        decision: Decision,
    },
    /// 送达.
    Serve {
        /// Day served (for direct service, the applicant's signature date).
        on: NaiveDate,
    },
    /// 归档.
    Archive {
        /// Day archived.
        on: NaiveDate,
    },
    /// 撤回 by the applicant → table （六）3 / 2019 （六）.
    Withdraw {
        /// Day withdrawn.
        on: NaiveDate,
    },
}
