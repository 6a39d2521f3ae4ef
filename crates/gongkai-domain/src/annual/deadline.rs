//! When a year's report is due (《条例》第四十九条; `REGULATION.md` §2.1).
//!
//! - 县级以上人民政府部门: submit and publish by 1月31日 of the next year;
//! - the 本级政府 report (a 县级以上 government): published by 3月31日;
//! - 乡镇（街道）: the statute names no date; local rules give them the departments' date, so
//!   they get 1月31日 here [D];
//! - local rules often set earlier dates (怀化 2022: 1月28日), so an agency may configure one; a
//!   configured date later than the statute's is ignored — the statute's is the hard limit.

use crate::agency::AgencyLevel;
use chrono::NaiveDate;

/// The statutory deadline of the report on `year` for an agency at `level`.
pub fn statutory(level: AgencyLevel, year: i32) -> NaiveDate {
    let (month, day) = match level {
        AgencyLevel::Province | AgencyLevel::City | AgencyLevel::County => (3, 31),
        AgencyLevel::Department | AgencyLevel::Township => (1, 31),
    };
    NaiveDate::from_ymd_opt(year + 1, month, day).unwrap_or(NaiveDate::MAX)
}

/// The deadline in force: a local `MM-DD` date if it is earlier than the statute's.
pub fn due(level: AgencyLevel, year: i32, local: Option<&str>) -> NaiveDate {
    let legal = statutory(level, year);
    local
        .and_then(|s| parse_month_day(s, year + 1))
        .filter(|d| *d < legal)
        .unwrap_or(legal)
}

/// Parses `MM-DD` (or `M月D日`) as a day of `year`.
pub fn parse_month_day(s: &str, year: i32) -> Option<NaiveDate> {
    let s = s.trim().replace('月', "-").replace('日', "");
    let (m, d) = s.split_once('-')?;
    NaiveDate::from_ymd_opt(year, m.trim().parse().ok()?, d.trim().parse().ok()?)
}

/// Rule D-01: whether a report due on `due` is late — published after it, or not published
/// and `today` past it.
pub fn late(due: NaiveDate, published_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    match published_on {
        Some(p) => p > due,
        None => today > due,
    }
}

/// Days left until `due` (negative when past), for the dashboard's countdown.
pub fn days_left(due: NaiveDate, today: NaiveDate) -> i64 {
    (due - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn departments_by_january_governments_by_march() {
        assert_eq!(statutory(AgencyLevel::Department, 2025), d("2026-01-31"));
        assert_eq!(statutory(AgencyLevel::County, 2025), d("2026-03-31"));
        assert_eq!(statutory(AgencyLevel::Township, 2025), d("2026-01-31"));
    }

    #[test]
    fn a_local_date_applies_only_when_earlier() {
        assert_eq!(
            due(AgencyLevel::Department, 2025, Some("01-28")),
            d("2026-01-28")
        );
        assert_eq!(
            due(AgencyLevel::Department, 2025, Some("2月20日")),
            d("2026-01-31")
        );
        assert_eq!(
            due(AgencyLevel::County, 2025, Some("2月20日")),
            d("2026-02-20")
        );
        assert_eq!(
            due(AgencyLevel::County, 2025, Some("nonsense")),
            d("2026-03-31")
        );
    }

    #[test]
    fn late_when_published_after_or_still_unpublished_past_the_day() {
        let due = d("2026-01-31");
        assert!(!late(due, Some(d("2026-01-31")), d("2026-06-01")));
        assert!(late(due, Some(d("2026-02-01")), d("2026-06-01")));
        assert!(!late(due, None, d("2026-01-31")));
        assert!(late(due, None, d("2026-02-01")));
        assert_eq!(days_left(due, d("2026-01-21")), 10);
    }
}
