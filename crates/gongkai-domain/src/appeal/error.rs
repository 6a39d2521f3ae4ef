//! Why a step of a 行政复议 or 行政诉讼 record is refused: one variant per rule, in Chinese.

use chrono::NaiveDate;

/// A refused step of a proceeding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppealError {
    /// A date after today.
    #[error("日期{date}晚于今天（{today}），不能登记尚未发生的事项")]
    FutureDate {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A date before the filing.
    #[error("{what}日期{date}早于{filing}之日（{filed_on}）")]
    BeforeFiling {
        /// The event.
        what: &'static str,
        /// Its date.
        date: NaiveDate,
        /// “申请行政复议” or “起诉”.
        filing: &'static str,
        /// The filing date.
        filed_on: NaiveDate,
    },
    /// A date before the previous event of the record.
    #[error("日期{date}早于本案上一环节的日期（{previous}）")]
    BeforePrevious {
        /// The date given.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// A required field left empty.
    #[error("{what}不能为空")]
    Empty {
        /// The field.
        what: &'static str,
    },
    /// The copy was already recorded.
    #[error("已于{on}登记收到{copy}")]
    CopyTwice {
        /// The copy's name.
        copy: &'static str,
        /// When.
        on: NaiveDate,
    },
    /// An answer before the copy was received.
    #[error("尚未登记收到{copy}，不能登记答复（答辩）：答复期限自收到副本之日起算")]
    CopyNotReceived {
        /// The copy's name.
        copy: &'static str,
    },
    /// A second answer.
    #[error("已于{on}登记提交答复（答辩）")]
    AnsweredTwice {
        /// When.
        on: NaiveDate,
    },
    /// A step after the proceeding ended.
    #[error("本案已于{on}审结，不能再{action}")]
    AlreadyDecided {
        /// The step.
        action: &'static str,
        /// The decision date.
        on: NaiveDate,
    },
    /// A decision of the other forum.
    #[error("“{decision}”是{forum}的结果，不能用于{kind}案件")]
    WrongForum {
        /// The decision's name.
        decision: &'static str,
        /// Its forum.
        forum: &'static str,
        /// The proceeding's kind.
        kind: &'static str,
    },
    /// An application linked twice.
    #[error("申请编号{id}已关联本案")]
    AlreadyLinked {
        /// The application id.
        id: i64,
    },
}
