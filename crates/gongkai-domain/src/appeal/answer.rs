//! The agency's own deadline in a proceeding: its written answer to a review, its evidence and
//! 答辩状 in a suit — both counted from the day it received the copy.
//!
//! 行政复议: 10 days (《行政复议法》第四十八条), 5 in the simplified procedure (第五十四条), and these
//! are working days (第八十八条). 行政诉讼: 15 days (《行政诉讼法》第六十七条), calendar days; a
//! period whose last day is a 法定休假日 ends on the next working day (第一百零一条 applies the
//! 民事诉讼法's rules on periods). Both can be 暂定 like every working-day deadline.

use chrono::{Duration, NaiveDate};

use super::{Forum, Procedure, Proceeding};
use crate::calendar::{WorkCalendar, weekday_name};
use crate::deadline::{self, ClockSpec, DeadlineError, Mode, Provisional};

/// Working days to answer a review (《行政复议法》第四十八条).
pub const REVIEW_ANSWER_DAYS: u32 = 10;
/// Working days to answer a review in the simplified procedure (《行政复议法》第五十四条).
pub const REVIEW_SIMPLIFIED_ANSWER_DAYS: u32 = 5;
/// Days to submit evidence and the 答辩状 in a suit (《行政诉讼法》第六十七条).
pub const SUIT_ANSWER_DAYS: i64 = 15;

/// The answer deadline with its derivation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerDue {
    /// The last day.
    pub due: NaiveDate,
    /// How it was reached, one Chinese sentence per line.
    pub lines: Vec<String>,
    /// `Some` when counted by weekday where the calendar is silent (暂定).
    pub provisional: Option<Provisional>,
}

fn day(d: NaiveDate) -> String {
    format!("{d}（{}）", weekday_name(d))
}

impl Proceeding {
    /// The agency's answer deadline; `None` until the copy is received.
    pub fn answer_due(
        &self,
        cal: &WorkCalendar,
        mode: Mode,
    ) -> Result<Option<AnswerDue>, DeadlineError> {
        let Some(copy) = self.copy_received_on else {
            return Ok(None);
        };
        let due = match self.kind.forum() {
            Forum::Review => review_due(copy, self.procedure, cal, mode)?,
            Forum::Litigation => suit_due(copy, self.procedure, cal, mode)?,
        };
        Ok(Some(due))
    }
}

fn review_due(
    copy: NaiveDate,
    procedure: Procedure,
    cal: &WorkCalendar,
    mode: Mode,
) -> Result<AnswerDue, DeadlineError> {
    let (days, basis) = match procedure {
        Procedure::Ordinary => (REVIEW_ANSWER_DAYS, "《行政复议法》第四十八条"),
        Procedure::Simplified => (
            REVIEW_SIMPLIFIED_ANSWER_DAYS,
            "《行政复议法》第五十四条，简易程序",
        ),
    };
    let spec = ClockSpec::plain(
        "收到行政复议申请书副本",
        copy,
        days,
        &format!("{basis}；第八十八条：按工作日计算"),
    );
    let der = deadline::derive_with(cal, &spec, mode)?;
    let due = der
        .due
        .expect("a period without pauses always has a last day");
    Ok(AnswerDue {
        due,
        lines: der.lines(),
        provisional: der.provisional,
    })
}

fn suit_due(
    copy: NaiveDate,
    procedure: Procedure,
    cal: &WorkCalendar,
    mode: Mode,
) -> Result<AnswerDue, DeadlineError> {
    let last = copy + Duration::days(SUIT_ANSWER_DAYS);
    let next = deadline::add_workdays_with(cal, last - Duration::days(1), 1, mode)?;
    let mut lines = vec![
        format!("起算：收到起诉状副本，{}；当日不计入，自次日起算。", day(copy)),
        "期限：15日（《行政诉讼法》第六十七条第一款：被告应当在收到起诉状副本之日起十五日内提交作出行政行为的证据和所依据的规范性文件，并提出答辩状），按日历日计算。".to_owned(),
    ];
    if next.value != last {
        lines.push(format!(
            "期间的最后一日{}为法定休假日，顺延至其后的第一个工作日（《行政诉讼法》第一百零一条适用《民事诉讼法》关于期间的规定）。",
            day(last)
        ));
    }
    if procedure == Procedure::Simplified {
        lines.push("适用简易程序的，以人民法院确定并通知的举证、答辩期限为准。".to_owned());
    }
    if let Some(p) = &next.provisional {
        lines.push(format!("暂定：{p}；该年节假日安排载入后，期限将重新计算。"));
    }
    let mark = if next.provisional.is_some() {
        "（暂定）"
    } else {
        ""
    };
    lines.push(format!("届满{mark}：{}。", day(next.value)));
    Ok(AnswerDue {
        due: next.value,
        lines,
        provisional: next.provisional,
    })
}
