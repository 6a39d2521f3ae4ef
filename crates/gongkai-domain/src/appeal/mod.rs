//! 行政复议 and 行政诉讼 about the agency's 政府信息公开 work (《条例》第五十一条; REGULATION.md §6).
//!
//! A [`Proceeding`] is one review or suit: its kind (the three groups of table 四), the review
//! organ or court, the dates, the procedure, the applications it concerns and, once it ends, its
//! [`DecisionType`] — mapped to 结果维持 / 结果纠正 / 其他结果 in one table ([`DECISIONS`]); a
//! proceeding not decided by 31 December is 尚未审结. Like an application it is a pure state
//! machine: [`register`] and [`apply`] return the next state and its [`AuditEvent`]s, or an
//! [`AppealError`] naming the rule broken. [`Proceeding::answer_due`] is the agency's own
//! deadline — the written answer in a review (10 working days, 5 in the simplified procedure) or
//! the evidence and 答辩状 in a suit (15 days) — and [`tally`] feeds table 四.

mod answer;
mod decision;
mod error;
mod tally;
mod transition;

pub use answer::AnswerDue;
pub use decision::{DECISIONS, DecisionDef, DecisionType, Forum};
pub use error::AppealError;
pub use tally::{Counting, tally, tally_by};
pub use transition::{AppealCommand, AppealRegistration, AppealTransition, apply, register};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::choice::Choice;
use crate::report::table4::Group;

/// Which of the three groups of table 四 a proceeding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProceedingKind {
    /// 行政复议 (《行政复议法》第十一条第十四项).
    AdminReview,
    /// 行政诉讼·未经复议直接起诉 (《行政诉讼法》第四十六条).
    LitigationDirect,
    /// 行政诉讼·复议后起诉 (《行政诉讼法》第四十五条).
    LitigationAfterReview,
}

impl Choice for ProceedingKind {
    const TABLE: &'static [(ProceedingKind, &'static str, &'static str)] = &[
        (ProceedingKind::AdminReview, "admin_review", "行政复议"),
        (
            ProceedingKind::LitigationDirect,
            "litigation_direct",
            "行政诉讼（未经复议直接起诉）",
        ),
        (
            ProceedingKind::LitigationAfterReview,
            "litigation_after_review",
            "行政诉讼（复议后起诉）",
        ),
    ];
}

impl ProceedingKind {
    /// The table-四 group.
    pub fn group(self) -> Group {
        match self {
            ProceedingKind::AdminReview => Group::AdminReview,
            ProceedingKind::LitigationDirect => Group::LitigationDirect,
            ProceedingKind::LitigationAfterReview => Group::LitigationAfterReview,
        }
    }

    /// Review organ or court.
    pub fn forum(self) -> Forum {
        match self {
            ProceedingKind::AdminReview => Forum::Review,
            _ => Forum::Litigation,
        }
    }

    /// What the agency receives and answers: “行政复议申请书副本” / “起诉状副本”.
    pub fn copy_name(self) -> &'static str {
        match self.forum() {
            Forum::Review => "行政复议申请书副本",
            Forum::Litigation => "起诉状副本",
        }
    }
}

/// 普通程序 or 简易程序 (《行政复议法》第五十三条; 《行政诉讼法》第八十二条: GIO cases may use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// 普通程序.
    #[default]
    Ordinary,
    /// 简易程序.
    Simplified,
}

impl Choice for Procedure {
    const TABLE: &'static [(Procedure, &'static str, &'static str)] = &[
        (Procedure::Ordinary, "ordinary", "普通程序"),
        (Procedure::Simplified, "simplified", "简易程序"),
    ];
}

/// How a proceeding ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ruling {
    /// The decision or judgment that ended it (for a suit: the one in force).
    pub decision: DecisionType,
    /// Its date.
    pub on: NaiveDate,
}

/// One 行政复议 or 行政诉讼 against the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proceeding {
    /// Its table-四 group.
    pub kind: ProceedingKind,
    /// The 行政复议机关 or 人民法院.
    pub forum_name: String,
    /// 案号, once known (e.g. “（2026）赣0902行初12号”).
    pub case_no: String,
    /// The day the review was applied for or the suit filed.
    pub filed_on: NaiveDate,
    /// The day the agency received the copy of the application or complaint.
    pub copy_received_on: Option<NaiveDate>,
    /// 普通程序 / 简易程序.
    pub procedure: Procedure,
    /// The applications (依申请公开 cases) it concerns, by id.
    pub applications: Vec<i64>,
    /// For a suit after review: the review proceeding, if it is in the register.
    pub prior_review: Option<i64>,
    /// The day the agency filed its answer (答复 / 答辩状 and evidence).
    pub answered_on: Option<NaiveDate>,
    /// How it ended; `None` while pending (尚未审结).
    pub ruling: Option<Ruling>,
    /// Free notes (the clerk's).
    pub notes: Vec<String>,
    /// The date of the latest event; later events may not be dated before it.
    pub last_event_on: NaiveDate,
}

impl Proceeding {
    /// A stable identifier of where it stands, for audit events.
    pub fn status_key(&self) -> &'static str {
        match (self.ruling, self.answered_on, self.copy_received_on) {
            (Some(_), _, _) => "decided",
            (None, Some(_), _) => "answered",
            (None, None, Some(_)) => "answer_due",
            (None, None, None) => "filed",
        }
    }

    /// The status in Chinese.
    pub fn status_label(&self) -> &'static str {
        match self.status_key() {
            "decided" => "已审结",
            "answered" => "已答复（答辩），待审结",
            "answer_due" => "待提交答复（答辩）",
            _ => "已立案，待收到副本",
        }
    }

    /// Whether it is still open on `date` (decided later, or not yet).
    pub fn is_pending_on(&self, date: NaiveDate) -> bool {
        self.filed_on <= date && self.ruling.is_none_or(|r| r.on > date)
    }
}
