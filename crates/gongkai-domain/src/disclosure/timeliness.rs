//! Timeliness: publication within 20 working days of the information being formed or changed
//! (《条例》第二十六条), counted on the platform's calendar; the dashboard's late and nearly-late
//! lists and the per-year count; and the periodic re-assessment of 不予公开 records (第十八条).

use chrono::{Datelike, Months, NaiveDate};

use super::document::{Document, Status};
use super::error::DisclosureError;
use super::openness::Openness;
use crate::calendar::{CalendarError, WorkCalendar};
use crate::deadline::{Mode, Provisional, Reckoned, add_workdays_with, workdays_between_with};

/// 《条例》第二十六条: 自该政府信息形成或者变更之日起20个工作日内予以公开.
pub const PUBLICATION_DAYS: u32 = 20;
/// How many working days before the deadline a document counts as nearly late.
pub const DUE_SOON_DAYS: u32 = 5;

/// The last day to publish information formed or changed on `formed_on` (that day not counted).
pub fn publication_due(
    cal: &WorkCalendar,
    formed_on: NaiveDate,
    mode: Mode,
) -> Result<Reckoned<NaiveDate>, CalendarError> {
    add_workdays_with(cal, formed_on, PUBLICATION_DAYS, mode)
}

/// How a publication stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lateness {
    /// Published in time, or not yet due within [`DUE_SOON_DAYS`].
    OnTime,
    /// Not yet published; `days_left` working days remain (0: due today).
    DueSoon {
        /// Working days left.
        days_left: u32,
    },
    /// Published after the deadline, or still unpublished after it, by `days` working days.
    Late {
        /// Working days past the deadline (at least 1).
        days: u32,
    },
}

/// The Art.26 clock of a document's latest (or pending) publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeliness {
    /// 形成或者变更之日.
    pub formed_on: NaiveDate,
    /// The last day to publish.
    pub due: NaiveDate,
    /// Why `due` is 暂定, when it is.
    pub provisional: Option<Provisional>,
    /// 发布日期, once published.
    pub published_on: Option<NaiveDate>,
    /// The verdict (for an unpublished document, as of `today`).
    pub lateness: Lateness,
}

/// The Art.26 clock of `doc` as of `today`: its pending correction, else its latest published
/// version, else its draft if it is meant for 主动公开; `None` when the article does not apply
/// (filed as 依申请公开 / 不予公开, or a draft not proposed for 主动公开).
pub fn lateness(
    doc: &Document,
    cal: &WorkCalendar,
    today: NaiveDate,
    mode: Mode,
) -> Result<Option<Timeliness>, CalendarError> {
    let working = matches!(
        doc.status,
        Status::Draft | Status::InReview | Status::AwaitingApproval
    );
    let (formed_on, published_on) = match (&doc.correction, doc.versions.last()) {
        (Some(c), _) => (c.opened.on, None),
        (None, Some(v)) => (v.formed_on, Some(v.published_on)),
        (None, None) if working && doc.content.openness == Openness::Proactive => {
            (doc.content.written_on, doc.original_published_on)
        }
        (None, None) => return Ok(None),
    };
    let due = publication_due(cal, formed_on, mode)?;
    let lateness = judge(
        cal,
        due.value,
        published_on.unwrap_or(today),
        published_on.is_some(),
        mode,
    )?;
    Ok(Some(Timeliness {
        formed_on,
        due: due.value,
        provisional: due.provisional,
        published_on,
        lateness,
    }))
}

fn judge(
    cal: &WorkCalendar,
    due: NaiveDate,
    on: NaiveDate,
    published: bool,
    mode: Mode,
) -> Result<Lateness, CalendarError> {
    if on > due {
        let days = workdays_between_with(cal, due, on, mode)?.value.max(1);
        return Ok(Lateness::Late { days });
    }
    let days_left = workdays_between_with(cal, on, due, mode)?.value;
    Ok(match published || days_left > DUE_SOON_DAYS {
        true => Lateness::OnTime,
        false => Lateness::DueSoon { days_left },
    })
}

/// The publications of one year and how many were late (the dashboard's yearly count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearTimeliness {
    /// The year.
    pub year: i32,
    /// Versions published in the year (first publications and corrections).
    pub published: u32,
    /// Of those, published after their Art.26 deadline.
    pub late: u32,
}

/// Counts every version published in `year` (withdrawn documents included: they were
/// published) and how many came after their deadline.
pub fn tally_timeliness(
    docs: &[Document],
    cal: &WorkCalendar,
    year: i32,
    mode: Mode,
) -> Result<YearTimeliness, CalendarError> {
    let mut out = YearTimeliness {
        year,
        ..Default::default()
    };
    for v in docs.iter().flat_map(|d| &d.versions) {
        if v.published_on.year() != year {
            continue;
        }
        out.published += 1;
        if v.published_on > publication_due(cal, v.formed_on, mode)?.value {
            out.late += 1;
        }
    }
    Ok(out)
}

/// How often records filed as 不予公开 are re-assessed (《条例》第十八条: 定期评估审查).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReassessInterval(u32);

impl Default for ReassessInterval {
    /// Once a year.
    fn default() -> Self {
        ReassessInterval(12)
    }
}

impl ReassessInterval {
    /// An interval of 1–60 months.
    pub fn months(months: u32) -> Result<ReassessInterval, DisclosureError> {
        if (1..=60).contains(&months) {
            Ok(ReassessInterval(months))
        } else {
            Err(DisclosureError::Interval(months))
        }
    }

    /// The interval in months.
    pub fn as_months(self) -> u32 {
        self.0
    }
}

/// When `doc`, filed as 不予公开, is next due for re-assessment: one interval after it was last
/// assessed (or filed). `None` for documents not filed as 不予公开.
pub fn reassessment_due(doc: &Document, interval: ReassessInterval) -> Option<NaiveDate> {
    let withheld = matches!(doc.content.openness, Openness::Withheld(_));
    if doc.status != Status::Filed || !withheld {
        return None;
    }
    doc.last_assessed()?
        .checked_add_months(Months::new(interval.0))
}
