//! 即将到期 / 已逾期: which open applications a clerk must be reminded of. One definition shared
//! by the inbox marks, the dashboard block and the reminder e-mails, so the three never disagree
//! about what “due soon” means.
//!
//! A case is 已逾期 once its answer deadline (《条例》第三十三条) has passed, and 即将到期 when the
//! deadline falls within the next [`DUE_SOON_WORKDAYS`] 工作日. Counting is [`Mode::Provisional`]:
//! a reminder must still come in December when next year's circular is not loaded yet.

use crate::calendar::WorkCalendar;
use crate::deadline::{Mode, add_workdays_with};
use chrono::NaiveDate;

/// How many 工作日 before the deadline a case counts as 即将到期.
pub const DUE_SOON_WORKDAYS: u32 = 5;

/// Why an open case needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Urgency {
    /// 已逾期: the deadline has passed.
    Overdue,
    /// 即将到期: the deadline is at most [`DUE_SOON_WORKDAYS`] 工作日 away.
    DueSoon,
}

impl Urgency {
    /// The stable identifier (reminder keys, CSS classes).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::DueSoon => "due-soon",
        }
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overdue => "已逾期",
            Self::DueSoon => "即将到期",
        }
    }
}

/// The reminder window as seen on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueWindow {
    /// The day it is seen from.
    pub today: NaiveDate,
    /// The last deadline that still counts as 即将到期.
    pub soon_until: NaiveDate,
}

impl DueWindow {
    /// The window on `today` under `cal`.
    pub fn new(cal: &WorkCalendar, today: NaiveDate) -> Self {
        // Provisional counting only fails at the end of chrono's range: then nothing is “soon”.
        let soon_until = add_workdays_with(cal, today, DUE_SOON_WORKDAYS, Mode::Provisional)
            .map_or(today, |r| r.value);
        Self { today, soon_until }
    }

    /// How urgent an open case with deadline `due` is; `None` when there is time.
    pub fn urgency(&self, due: NaiveDate) -> Option<Urgency> {
        if due < self.today {
            Some(Urgency::Overdue)
        } else if due <= self.soon_until {
            Some(Urgency::DueSoon)
        } else {
            None
        }
    }

    /// The last deadline that is already 已逾期 (yesterday).
    pub fn overdue_until(&self) -> Option<NaiveDate> {
        self.today.pred_opt()
    }
}
