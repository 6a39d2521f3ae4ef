//! The year tables of the working-day calendar: one per State Council circular (or local overlay).
//!
//! A [`YearTable`] is the content of one 国务院办公厅关于XXXX年部分节假日安排的通知 together with
//! its later amendments (REGULATION.md §7.1), or — with a `region` — a local overlay such as a
//! minority-area holiday set by a provincial government (《全国年节及纪念日放假办法》第四条).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::CalendarError;

/// The circular a year's holidays come from (国务院办公厅关于XXXX年部分节假日安排的通知, or an amendment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Circular {
    /// Title as published, e.g. “国务院办公厅关于2020年部分节假日安排的通知”.
    pub title: String,
    /// Where it was published.
    pub url: String,
    /// Publication date as known (“2019-11-21”, or only the month).
    #[serde(default)]
    pub published: Option<String>,
}

/// One holiday period of a circular: its days off (放假) and its make-up working days (调休上班).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// Its name as in the circular (元旦, 春节, 国庆节、中秋节 …).
    pub name: String,
    /// First day off.
    pub first: NaiveDate,
    /// Last day off (inclusive).
    pub last: NaiveDate,
    /// Saturdays and Sundays worked instead (调休上班日).
    #[serde(default)]
    pub workdays: Vec<NaiveDate>,
    /// Index into the year's circulars of the circular that set this period (0 = the original circular).
    #[serde(default)]
    pub circular: usize,
    /// Why it differs from the original circular, if it does (e.g. the 2020 extension of 春节).
    #[serde(default)]
    pub note: Option<String>,
}

impl Holiday {
    /// Whether `date` is one of its days off.
    pub fn is_off(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// “春节 2026-02-15 至 2026-02-23” (or a single date).
    pub fn describe(&self) -> String {
        if self.first == self.last {
            format!("{} {}", self.name, self.first)
        } else {
            format!("{} {} 至 {}", self.name, self.first, self.last)
        }
    }
}

/// The holiday table of one year: the national circular, or a local overlay when `region` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTable {
    /// The year the circular is for.
    pub year: i32,
    /// Revision of this entry; a loaded table replaces an older one only with a higher version.
    pub version: u32,
    /// `None` for the national calendar; the region's name for a local overlay.
    #[serde(default)]
    pub region: Option<String>,
    /// The circular and its amendments, original first.
    pub circulars: Vec<Circular>,
    /// The holiday periods.
    pub holidays: Vec<Holiday>,
}

impl YearTable {
    /// The circular that set `holiday` (falls back to the original circular).
    pub fn circular_of(&self, holiday: &Holiday) -> Option<&Circular> {
        self.circulars
            .get(holiday.circular)
            .or_else(|| self.circulars.first())
    }

    /// Checks that the table is internally consistent before it is loaded.
    pub fn validate(&self) -> Result<(), CalendarError> {
        if self.circulars.is_empty() {
            return Err(CalendarError::NoCircular { year: self.year });
        }
        for h in &self.holidays {
            self.validate_holiday(h)?;
        }
        self.validate_no_overlap()
    }

    fn validate_holiday(&self, h: &Holiday) -> Result<(), CalendarError> {
        let bad = |reason: String| CalendarError::InvalidHoliday {
            year: self.year,
            holiday: h.name.clone(),
            reason,
        };
        if h.first > h.last {
            return Err(bad(format!("首日{}晚于末日{}", h.first, h.last)));
        }
        if (h.last - h.first).num_days() > 15 {
            return Err(bad("放假超过16天，疑为录入错误".to_owned()));
        }
        for d in [h.first, h.last].iter().chain(&h.workdays) {
            if (d.year() - self.year).abs() > 1 {
                return Err(bad(format!("日期{d}不在{}年前后", self.year)));
            }
        }
        if h.circular >= self.circulars.len() {
            return Err(bad(format!("引用了不存在的第{}份通知", h.circular + 1)));
        }
        for w in &h.workdays {
            if !is_weekend(*w) {
                return Err(bad(format!("调休上班日{w}不是周六或周日")));
            }
            if h.is_off(*w) {
                return Err(bad(format!("调休上班日{w}同时是放假日")));
            }
        }
        Ok(())
    }

    fn validate_no_overlap(&self) -> Result<(), CalendarError> {
        for (i, a) in self.holidays.iter().enumerate() {
            for b in &self.holidays[i + 1..] {
                let clash = a.first <= b.last && b.first <= a.last;
                let cross = a.workdays.iter().any(|w| b.is_off(*w))
                    || b.workdays.iter().any(|w| a.is_off(*w));
                if clash || cross {
                    return Err(CalendarError::InvalidHoliday {
                        year: self.year,
                        holiday: b.name.clone(),
                        reason: format!("与“{}”的日期重叠", a.name),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Whether `date` is a Saturday or Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The Chinese name of `date`'s weekday (星期一 … 星期日).
pub fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}
