//! Asking the calendar about a date: is it a 工作日, and which circular says so.

use chrono::{Datelike, NaiveDate};

use super::table::is_weekend;
use super::{CalendarError, Circular, DayKind, Special, WorkCalendar, YEAR_TAIL_FROM, YearTable};

impl WorkCalendar {
    /// The national years loaded, in order.
    pub fn years(&self) -> impl Iterator<Item = &YearTable> {
        self.national.values()
    }

    /// The national table of `year`, if loaded.
    pub fn year(&self, year: i32) -> Option<&YearTable> {
        self.national.get(&year)
    }

    /// The local overlays loaded, in load order.
    pub fn overlays(&self) -> &[YearTable] {
        &self.overlays
    }

    /// Fails unless the calendar can say for certain what kind of day `date` is.
    pub fn check_covered(&self, date: NaiveDate) -> Result<(), CalendarError> {
        let year = date.year();
        if !self.national.contains_key(&year) {
            return Err(CalendarError::YearNotLoaded { date, year });
        }
        let tail = date.month() == 12 && date.day() >= YEAR_TAIL_FROM;
        if tail && !self.national.contains_key(&(year + 1)) {
            return Err(CalendarError::NextYearNotLoaded {
                date,
                next: year + 1,
            });
        }
        Ok(())
    }

    /// What kind of day `date` is (工作日, 周末, 放假, 调休上班).
    pub fn day(&self, date: NaiveDate) -> Result<DayKind<'_>, CalendarError> {
        match self.day_or_weekday(date) {
            (_, Some(e)) => Err(e),
            (kind, None) => Ok(kind),
        }
    }

    /// What kind of day `date` is as far as the loaded tables know — a day a loaded circular makes
    /// special, otherwise Monday–Friday or weekend — together with why that is not certain when
    /// the calendar does not cover `date` ([`WorkCalendar::check_covered`]). For 暂定 deadlines.
    pub fn day_or_weekday(&self, date: NaiveDate) -> (DayKind<'_>, Option<CalendarError>) {
        let kind = match self.special.get(&date) {
            Some(s) => {
                let (table, holiday) = self.resolve(s);
                if s.off {
                    DayKind::Off(table, holiday)
                } else {
                    DayKind::MakeUp(table, holiday)
                }
            }
            None if is_weekend(date) => DayKind::Weekend,
            None => DayKind::Workday,
        };
        (kind, self.check_covered(date).err())
    }

    /// Whether `date` is a 工作日: Monday–Friday not off, or a 调休 make-up day.
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.check_covered(date)?;
        Ok(match self.special.get(&date) {
            Some(s) => !s.off,
            None => !is_weekend(date),
        })
    }

    /// The circular behind a special day, for explanations.
    pub fn circular_for<'a>(&self, kind: &DayKind<'a>) -> Option<&'a Circular> {
        match kind {
            DayKind::Off(t, h) | DayKind::MakeUp(t, h) => t.circular_of(h),
            _ => None,
        }
    }

    fn resolve(&self, s: &Special) -> (&YearTable, &super::Holiday) {
        let table = match s.overlay {
            Some(i) => &self.overlays[i],
            None => &self.national[&s.year],
        };
        (table, &table.holidays[s.holiday])
    }
}
