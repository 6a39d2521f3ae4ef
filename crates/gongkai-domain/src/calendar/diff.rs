//! What changed between two calendars, day by day: for the audit log when a year's arrangement
//! is loaded or corrected, and to know that open deadlines must be recomputed.
//!
//! Only days whose status differs are listed. A day the old calendar did not cover counts as
//! what a 暂定 deadline assumed for it (Monday–Friday working, weekend off), so loading a new
//! year lists its holidays and make-up days, not every ordinary day of the year.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{DayKind, WorkCalendar, weekday_name};

/// What a day is, independent of the calendar it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayStatus {
    /// An ordinary Monday–Friday working day.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day off of the named holiday (a local one preceded by its region).
    Off(String),
    /// A make-up working day (调休上班) of the named holiday.
    MakeUp(String),
}

impl DayStatus {
    fn of(kind: &DayKind<'_>) -> DayStatus {
        let name = |t: &super::YearTable, h: &super::Holiday| {
            format!("{}{}", t.region.as_deref().unwrap_or(""), h.name)
        };
        match kind {
            DayKind::Workday => DayStatus::Workday,
            DayKind::Weekend => DayStatus::Weekend,
            DayKind::Off(t, h) => DayStatus::Off(name(t, h)),
            DayKind::MakeUp(t, h) => DayStatus::MakeUp(name(t, h)),
        }
    }

    /// Whether it counts as a 工作日.
    pub fn is_workday(&self) -> bool {
        matches!(self, DayStatus::Workday | DayStatus::MakeUp(_))
    }

    /// “工作日”, “周末”, “放假（春节）”, “调休上班（春节）”.
    pub fn label(&self) -> String {
        match self {
            DayStatus::Workday => "工作日".to_owned(),
            DayStatus::Weekend => "周末".to_owned(),
            DayStatus::Off(h) => format!("放假（{h}）"),
            DayStatus::MakeUp(h) => format!("调休上班（{h}）"),
        }
    }
}

/// A day's status in one calendar, and whether that calendar covers the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayState {
    /// The status (for an uncovered day: what a 暂定 count assumes).
    pub status: DayStatus,
    /// Whether the calendar covers the day ([`WorkCalendar::check_covered`]).
    pub confirmed: bool,
}

impl DayState {
    fn of(cal: &WorkCalendar, date: NaiveDate) -> DayState {
        let (kind, gap) = cal.day_or_weekday(date);
        DayState {
            status: DayStatus::of(&kind),
            confirmed: gap.is_none(),
        }
    }

    /// The status, prefixed by 暂按 for an ordinary day the calendar does not cover.
    pub fn label(&self) -> String {
        match (&self.status, self.confirmed) {
            (DayStatus::Workday | DayStatus::Weekend, false) => {
                format!("暂按{}", self.status.label())
            }
            _ => self.status.label(),
        }
    }
}

/// One day whose status differs between two calendars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayChange {
    /// The day.
    pub date: NaiveDate,
    /// Its state in the old calendar.
    pub before: DayState,
    /// Its state in the new calendar.
    pub after: DayState,
}

impl DayChange {
    /// Whether the day changes between 工作日 and not (a deadline running through it moves).
    pub fn changes_workday(&self) -> bool {
        self.before.status.is_workday() != self.after.status.is_workday()
    }

    /// “2027-01-01（星期五）：暂按工作日 → 放假（元旦）”.
    pub fn describe(&self) -> String {
        format!(
            "{}（{}）：{} → {}",
            self.date,
            weekday_name(self.date),
            self.before.label(),
            self.after.label()
        )
    }
}

/// The days whose status differs between `before` and `after`, in date order. Days outside
/// both calendars' holiday tables are ordinary in both, so only the tables' days are compared.
pub fn diff(before: &WorkCalendar, after: &WorkCalendar) -> Vec<DayChange> {
    let dates: BTreeSet<NaiveDate> = before
        .special
        .keys()
        .chain(after.special.keys())
        .copied()
        .collect();
    dates
        .into_iter()
        .filter_map(|date| {
            let (b, a) = (DayState::of(before, date), DayState::of(after, date));
            (b.status != a.status).then_some(DayChange {
                date,
                before: b,
                after: a,
            })
        })
        .collect()
}
