//! Why a step of a document is refused: one variant per rule, each with a specific Chinese
//! message naming the article where there is one.

use chrono::NaiveDate;

use super::form::FormErrors;
use super::index_no::IndexNo;

/// A refused step of the document workflow (or a stored record that does not hold together).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisclosureError {
    /// The step is not possible in the document's current status.
    #[error("文件当前状态为“{status}”，不能{action}")]
    WrongStatus {
        /// The step.
        action: &'static str,
        /// The current status, in Chinese.
        status: &'static str,
    },
    /// The acting account's role may not take the step.
    #[error("{role}不能{action}：{action}须由{allowed}办理")]
    Forbidden {
        /// The step.
        action: &'static str,
        /// The actor's role, in Chinese.
        role: &'static str,
        /// Who may, in Chinese (with the article).
        allowed: &'static str,
    },
    /// A required text left empty.
    #[error("{what}不能为空")]
    Empty {
        /// The field.
        what: &'static str,
    },
    /// A text over its limit.
    #[error("{what}不超过{max}字")]
    TooLong {
        /// The field.
        what: &'static str,
        /// Its limit in characters.
        max: usize,
    },
    /// The content has field errors.
    #[error("{0}")]
    Content(FormErrors),
    /// A correction whose review did not conclude 主动公开.
    #[error(
        "更正后的文件须经保密审查同意主动公开；审查认为不宜公开的，应退回经办人，或由负责人撤回已发布的文件"
    )]
    CorrectionNotPublishable,
    /// An approval without a recorded review (cannot happen through [`super::apply`]).
    #[error("没有记录保密审查结论，不能审批发布（《条例》第十七条：先审查、后公开）")]
    NotReviewed,
    /// A date before the document's 成文日期.
    #[error("{what}{date}早于成文日期{written}")]
    BeforeWritten {
        /// Which date.
        what: &'static str,
        /// The date given.
        date: NaiveDate,
        /// 成文日期.
        written: NaiveDate,
    },
    /// A date after today.
    #[error("{what}{date}晚于今天（{today}）")]
    FutureDate {
        /// Which date.
        what: &'static str,
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A step dated before the document's previous step.
    #[error("日期{date}早于本文件上一环节的日期（{previous}）")]
    BeforePrevious {
        /// Today, as given.
        date: NaiveDate,
        /// The previous step's date.
        previous: NaiveDate,
    },
    /// A document linked to itself (replaced by or interpreting itself).
    #[error("文件不能替代或解读自身（索引号{0}）")]
    SelfLink(IndexNo),
    /// A re-assessment interval outside 1–60 months.
    #[error("不予公开信息的评估周期应为1至60个月，设定为{0}个月")]
    Interval(u32),
    /// The agency's pattern could not make a 索引号 (e.g. a year outside 1000–9999).
    #[error("索引号无法生成：{0}")]
    IndexNo(#[from] super::index_no::IndexNoError),
    /// A stored record whose parts contradict each other.
    #[error("文件记录不一致：{0}")]
    Inconsistent(String),
}
