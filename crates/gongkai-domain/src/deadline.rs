//! Statutory deadlines in 工作日, with the derivation a clerk or an applicant can read.
//!
//! Counting follows REGULATION.md §3.5: the day of the starting event is not counted (民法典第二百零一条),
//! day 1 is the first 工作日 after it, and a period of N working days ends at the end of the N-th.
//! Days of a [`Pause`] (征求意见, 收费通知) are not counted (《条例》第三十二、三十三、三十四条);
//! an [`Extension`] adds at most 20 working days (《条例》第三十三条第二款). Every result carries a
//! [`Derivation`]: the start, each pause and extension, and the holidays and 调休 days passed over.
//!
//! Where the calendar does not cover a day yet (next year's circular not loaded), the strict
//! functions ([`add_workdays`], [`derive`]) refuse; the `_with` variants in [`Mode::Provisional`]
//! count Monday–Friday there and mark the result 暂定 ([`Provisional`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarError, DayKind, WorkCalendar};

/// The longest extension the 条例 allows (《条例》第三十三条第二款: 延长期限最长不得超过20个工作日).
pub const MAX_EXTENSION: u32 = 20;

/// Why a deadline cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The calendar cannot answer for a date the period runs through.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// An extension longer than 20 working days.
    #[error(
        "延长答复期限最长不得超过20个工作日（《条例》第三十三条第二款），申请延长{days}个工作日"
    )]
    ExtensionTooLong {
        /// Days asked for.
        days: u32,
    },
    /// A pause that ends before it begins.
    #[error("暂停计算“{reason}”的结束日{until}早于开始日{from}")]
    PauseBackwards {
        /// The pause's reason.
        reason: String,
        /// Its start.
        from: NaiveDate,
        /// Its end.
        until: NaiveDate,
    },
}

/// The date `n` 工作日 after `start` (the start day itself not counted); `start` when `n` is 0.
/// Strict: fails where the calendar does not cover a day ([`add_workdays_with`] can count on).
pub fn add_workdays(
    cal: &WorkCalendar,
    start: NaiveDate,
    n: u32,
) -> Result<NaiveDate, CalendarError> {
    add_workdays_with(cal, start, n, Mode::Strict).map(|r| r.value)
}

/// [`add_workdays`] in a [`Mode`]: in [`Mode::Provisional`] it never fails for lack of a
/// circular, and says when the date is 暂定.
pub fn add_workdays_with(
    cal: &WorkCalendar,
    start: NaiveDate,
    n: u32,
    mode: Mode,
) -> Result<Reckoned<NaiveDate>, CalendarError> {
    let mut days = Days::new(cal, mode);
    let mut date = start;
    let mut left = n;
    while left > 0 {
        date = next_day(date)?;
        if days.is_workday(date)? {
            left -= 1;
        }
    }
    Ok(days.done(date))
}

/// The number of 工作日 in `(from, to]` (0 when `to <= from`). Strict, like [`add_workdays`].
pub fn workdays_between(
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32, CalendarError> {
    workdays_between_with(cal, from, to, Mode::Strict).map(|r| r.value)
}

/// [`workdays_between`] in a [`Mode`] (e.g. “还剩几个工作日” for a 暂定 deadline).
pub fn workdays_between_with(
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    mode: Mode,
) -> Result<Reckoned<u32>, CalendarError> {
    let mut days = Days::new(cal, mode);
    let mut count = 0;
    for d in from.iter_days().skip(1).take_while(|d| *d <= to) {
        if days.is_workday(d)? {
            count += 1;
        }
    }
    Ok(days.done(count))
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.succ_opt().ok_or(CalendarError::YearNotLoaded {
        date,
        year: i32::MAX,
    })
}

/// A stretch in which the clock does not run (暂停计算): working days in `(from, until]` are not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// Why, e.g. “征求第三方意见（《条例》第三十二条）”.
    pub reason: String,
    /// The day the pause began (it still counts, if a working day).
    pub from: NaiveDate,
    /// The day it ended; `None` while it lasts. The clock resumes the next day.
    pub until: Option<NaiveDate>,
}

impl Pause {
    fn covers(&self, date: NaiveDate) -> bool {
        date > self.from && self.until.is_none_or(|u| date <= u)
    }
}

/// 延期 (《条例》第三十三条第二款): extra working days approved by the head of the GIO office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Extra working days (1–20).
    pub days: u32,
    /// Who approved it (政府信息公开工作机构负责人).
    pub approver: String,
    /// When it was approved.
    pub on: NaiveDate,
}

/// What a statutory period is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockSpec {
    /// The starting event, e.g. “收到申请（当面提交）”.
    pub start_event: String,
    /// Its date (not counted).
    pub start: NaiveDate,
    /// Length in working days.
    pub days: u32,
    /// The rule that sets it, e.g. “《条例》第三十三条第二款”.
    pub basis: String,
    /// Stretches not counted.
    pub pauses: Vec<Pause>,
    /// An approved extension, if any.
    pub extension: Option<Extension>,
}

impl ClockSpec {
    /// A plain period of `days` working days after `start`, without pauses.
    pub fn plain(start_event: &str, start: NaiveDate, days: u32, basis: &str) -> Self {
        ClockSpec {
            start_event: start_event.to_owned(),
            start,
            days,
            basis: basis.to_owned(),
            pauses: Vec::new(),
            extension: None,
        }
    }
}

/// A holiday period the period ran through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedHoliday {
    /// “春节 2026-02-15 至 2026-02-23”.
    pub period: String,
    /// The circular (title), preceded by the overlay's region for a local holiday.
    pub source: String,
}

/// How a deadline was reached: everything a letter or the case page needs to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    /// The input.
    pub spec: ClockSpec,
    /// Working days skipped by each pause, in the order of `spec.pauses`.
    pub skipped: Vec<u32>,
    /// Holiday periods passed over (not counted).
    pub holidays: Vec<PassedHoliday>,
    /// 调休 make-up days passed (counted), with the holiday they belong to.
    pub makeup_days: Vec<(NaiveDate, String)>,
    /// Working days counted so far (equals [`Derivation::total`] once `due` is known).
    pub counted: u32,
    /// The last day of the period; `None` while an open pause stops the clock.
    pub due: Option<NaiveDate>,
    /// `Some` when days the calendar does not cover were counted by weekday (暂定; only in
    /// [`Mode::Provisional`]).
    pub provisional: Option<Provisional>,
}

impl Derivation {
    /// Total working days: the period plus any extension.
    pub fn total(&self) -> u32 {
        self.spec.days + self.spec.extension.as_ref().map_or(0, |e| e.days)
    }
}

/// Computes a period with its pauses and extension, and how it was reached. Strict: fails where
/// the calendar does not cover a day the period runs through ([`derive_with`] can count on).
pub fn derive(cal: &WorkCalendar, spec: &ClockSpec) -> Result<Derivation, DeadlineError> {
    derive_with(cal, spec, Mode::Strict)
}

/// [`derive`] in [`Mode::Provisional`]: never fails for lack of a circular; the result says 暂定
/// and why ([`Derivation::provisional`]).
pub fn derive_provisional(
    cal: &WorkCalendar,
    spec: &ClockSpec,
) -> Result<Derivation, DeadlineError> {
    derive_with(cal, spec, Mode::Provisional)
}

/// [`derive`] in a [`Mode`].
pub fn derive_with(
    cal: &WorkCalendar,
    spec: &ClockSpec,
    mode: Mode,
) -> Result<Derivation, DeadlineError> {
    validate(spec)?;
    let mut out = Derivation {
        spec: spec.clone(),
        skipped: vec![0; spec.pauses.len()],
        holidays: Vec::new(),
        makeup_days: Vec::new(),
        counted: 0,
        due: None,
        provisional: None,
    };
    let mut days = Days::new(cal, mode);
    let total = out.total();
    let mut date = spec.start;
    let stopped = loop {
        if out.counted >= total {
            break false;
        }
        if spec
            .pauses
            .iter()
            .any(|p| p.until.is_none() && date >= p.from)
        {
            break true;
        }
        date = next_day(date)?;
        step(days.kind(date)?, &mut out, date);
    };
    out.due = (!stopped).then_some(date);
    out.provisional = days.provisional;
    Ok(out)
}

fn validate(spec: &ClockSpec) -> Result<(), DeadlineError> {
    if let Some(e) = spec.extension.as_ref().filter(|e| e.days > MAX_EXTENSION) {
        return Err(DeadlineError::ExtensionTooLong { days: e.days });
    }
    for p in &spec.pauses {
        if let Some(until) = p.until.filter(|u| *u < p.from) {
            return Err(DeadlineError::PauseBackwards {
                reason: p.reason.clone(),
                from: p.from,
                until,
            });
        }
    }
    Ok(())
}

fn step(kind: DayKind<'_>, out: &mut Derivation, date: NaiveDate) {
    let paused: Vec<usize> = (0..out.spec.pauses.len())
        .filter(|i| out.spec.pauses[*i].covers(date))
        .collect();
    if kind.is_workday() && !paused.is_empty() {
        for i in paused {
            out.skipped[i] += 1;
        }
        return;
    }
    match kind {
        DayKind::Off(table, h) => {
            let region = table.region.as_deref().unwrap_or("");
            let circular = table.circular_of(h).map_or("", |n| n.title.as_str());
            let entry = PassedHoliday {
                period: h.describe(),
                source: format!("{region}《{circular}》"),
            };
            if !out.holidays.contains(&entry) {
                out.holidays.push(entry);
            }
        }
        DayKind::MakeUp(_, h) if paused.is_empty() => out.makeup_days.push((date, h.name.clone())),
        _ => {}
    }
    if kind.is_workday() {
        out.counted += 1;
    }
}

mod explain;
mod provisional;

use provisional::Days;
pub use provisional::{Mode, Provisional, Reckoned};
