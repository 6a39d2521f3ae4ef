//! 暂定 (provisional) deadlines: counting on where the calendar does not cover a day yet.
//!
//! The State Council publishes next year's 节假日安排 in October–December (REGULATION.md §7.1), so an
//! application received in December has a deadline in a year whose working days are not known. The
//! strict mode refuses such a date ([`crate::calendar::CalendarError`]); the provisional mode counts
//! Monday–Friday as 工作日 wherever the calendar is silent and says so ([`Provisional`]), so a clerk
//! always has a date — marked 暂定 with the reason — and the platform recomputes it once the year's
//! circular is loaded. The caller chooses the [`Mode`].

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{CalendarError, DayKind, WorkCalendar};

/// How days the calendar does not cover are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Refuse: a day in a year that is not loaded (or 26–31 December before the next year's
    /// circular is loaded) is an error.
    #[default]
    Strict,
    /// 暂定: count Monday–Friday as 工作日 where the calendar is silent, and mark the result.
    Provisional,
}

/// Why a result is 暂定: the years whose 节假日安排 is missing, and the first day counted without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisional {
    /// The years whose circular is not loaded, in order.
    pub missing: BTreeSet<i32>,
    /// The first day that was counted by weekday only.
    pub from: NaiveDate,
}

impl Provisional {
    /// The reason in Chinese, e.g. “2027年节假日安排尚未发布或尚未载入工作日日历，自2026-12-26起暂按周一至周五计算工作日”.
    pub fn reason(&self) -> String {
        let years: Vec<String> = self.missing.iter().map(|y| format!("{y}年")).collect();
        let tail = if self.from.month() == 12 && self.missing.contains(&(self.from.year() + 1)) {
            "（元旦调休可能涉及上年12月下旬）"
        } else {
            ""
        };
        format!(
            "{}节假日安排尚未发布或尚未载入工作日日历{tail}，自{}起暂按周一至周五计算工作日",
            years.join("、"),
            self.from
        )
    }
}

impl fmt::Display for Provisional {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason())
    }
}

/// A value counted in working days, and whether it is 暂定.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoned<T> {
    /// The date or count.
    pub value: T,
    /// `Some` when a day the calendar does not cover was counted by weekday.
    pub provisional: Option<Provisional>,
}

/// Classifies days one by one in a [`Mode`], remembering what was counted provisionally.
pub(super) struct Days<'c> {
    cal: &'c WorkCalendar,
    mode: Mode,
    pub(super) provisional: Option<Provisional>,
}

impl<'c> Days<'c> {
    pub(super) fn new(cal: &'c WorkCalendar, mode: Mode) -> Self {
        Days {
            cal,
            mode,
            provisional: None,
        }
    }

    /// What kind of day `date` is; in provisional mode an uncovered day is classified by weekday.
    pub(super) fn kind(&mut self, date: NaiveDate) -> Result<DayKind<'c>, CalendarError> {
        let (kind, gap) = self.cal.day_or_weekday(date);
        let Some(gap) = gap else {
            return Ok(kind);
        };
        if self.mode == Mode::Strict {
            return Err(gap);
        }
        let year = match gap {
            CalendarError::NextYearNotLoaded { next, .. } => next,
            _ => date.year(),
        };
        let p = self.provisional.get_or_insert_with(|| Provisional {
            missing: BTreeSet::new(),
            from: date,
        });
        p.missing.insert(year);
        Ok(kind)
    }

    pub(super) fn is_workday(&mut self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.kind(date)?.is_workday())
    }

    pub(super) fn done<T>(self, value: T) -> Reckoned<T> {
        Reckoned {
            value,
            provisional: self.provisional,
        }
    }
}
