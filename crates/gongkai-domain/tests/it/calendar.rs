//! The working-day calendar: the shipped data against an independent source, loading rules, and
//! hand-checked days around every holiday period of 2019–2026.

use chinese_holiday::{Ymd, chinese_holiday};
use chrono::{Datelike, NaiveDate};
use gongkai_domain::calendar::{CalendarError, DayKind, WorkCalendar};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date in a test")
}

/// The shipped calendar, parsed once for the whole test binary.
pub fn shipped() -> &'static WorkCalendar {
    static CAL: std::sync::OnceLock<WorkCalendar> = std::sync::OnceLock::new();
    CAL.get_or_init(WorkCalendar::shipped)
}

/// `chinese_holiday` panics after 2026-12-25: never ask it about later dates.
pub fn independent_is_workday(date: NaiveDate) -> bool {
    assert!(date <= d("2026-12-25") && date >= d("2004-01-01"));
    let ymd = Ymd::new(date.year() as u16, date.month() as u8, date.day() as u8);
    chinese_holiday(ymd).is_workday()
}

#[test]
fn shipped_calendar_agrees_with_chinese_holiday_on_every_day_2019_to_2026() {
    // Arrange
    let cal = WorkCalendar::shipped();
    let mut checked = 0;
    // Act + Assert: every date the shipped calendar covers.
    for date in d("2019-01-01")
        .iter_days()
        .take_while(|x| *x <= d("2026-12-25"))
    {
        let ours = cal.is_workday(date).unwrap();
        assert_eq!(ours, independent_is_workday(date), "{date}");
        checked += 1;
    }
    assert_eq!(checked, 2916);
}

#[test]
fn every_year_2019_to_2026_names_its_circular() {
    let cal = WorkCalendar::shipped();
    let years: Vec<i32> = cal.years().map(|t| t.year).collect();
    assert_eq!(years, (2019..=2026).collect::<Vec<_>>());
    for t in cal.years() {
        assert!(
            t.circulars[0]
                .title
                .contains(&format!("{}年部分节假日安排", t.year))
        );
        assert!(t.circulars[0].url.contains("gov.cn"));
    }
}

#[test]
fn an_unloaded_year_is_an_explicit_error() {
    let cal = WorkCalendar::shipped();
    let err = cal.is_workday(d("2027-01-04")).unwrap_err();
    assert_eq!(
        err,
        CalendarError::YearNotLoaded {
            date: d("2027-01-04"),
            year: 2027
        }
    );
    assert!(err.to_string().contains("2027年节假日安排尚未载入"));
    assert!(cal.is_workday(d("2018-12-28")).is_err());
}

#[test]
fn late_december_needs_the_next_years_circular() {
    let cal = WorkCalendar::shipped();
    assert!(cal.is_workday(d("2026-12-25")).unwrap());
    let err = cal.is_workday(d("2026-12-28")).unwrap_err();
    assert!(matches!(
        err,
        CalendarError::NextYearNotLoaded { next: 2027, .. }
    ));
    assert!(err.to_string().contains("2027年"));
    // 2025's tail is known because 2026 is loaded.
    assert!(cal.is_workday(d("2025-12-31")).unwrap());
}

/// (date, `is_workday`) hand-checked against the circulars, around every holiday period.
const HAND_CHECKED: &[(&str, bool)] = &[
    // 2019: 元旦 from 2018-12-30, 春节 with two weekend make-up days, the amended 劳动节.
    ("2019-01-01", false),
    ("2019-01-02", true),
    ("2019-02-02", true),
    ("2019-02-03", true),
    ("2019-02-04", false),
    ("2019-02-08", false),
    ("2019-02-11", true),
    ("2019-04-05", false),
    ("2019-04-28", true),
    ("2019-05-02", false),
    ("2019-05-03", false),
    ("2019-05-05", true),
    ("2019-06-07", false),
    ("2019-09-13", false),
    ("2019-09-29", true),
    ("2019-10-07", false),
    ("2019-10-08", true),
    ("2019-10-12", true),
    // 2020: COVID extension of 春节 to 2020-02-02.
    ("2020-01-01", false),
    ("2020-01-19", true),
    ("2020-01-23", true),
    ("2020-01-24", false),
    ("2020-01-30", false),
    ("2020-01-31", false),
    ("2020-02-02", false),
    ("2020-02-03", true),
    ("2020-04-06", false),
    ("2020-04-26", true),
    ("2020-05-05", false),
    ("2020-05-09", true),
    ("2020-06-25", false),
    ("2020-06-26", false),
    ("2020-06-28", true),
    ("2020-09-27", true),
    ("2020-10-08", false),
    ("2020-10-09", true),
    ("2020-10-10", true),
    // 2021
    ("2021-01-01", false),
    ("2021-02-07", true),
    ("2021-02-17", false),
    ("2021-02-18", true),
    ("2021-02-20", true),
    ("2021-04-05", false),
    ("2021-04-25", true),
    ("2021-05-05", false),
    ("2021-05-08", true),
    ("2021-06-14", false),
    ("2021-09-18", true),
    ("2021-09-20", false),
    ("2021-09-21", false),
    ("2021-09-26", true),
    ("2021-10-07", false),
    ("2021-10-09", true),
    // 2022
    ("2022-01-03", false),
    ("2022-01-29", true),
    ("2022-01-30", true),
    ("2022-02-04", false),
    ("2022-02-07", true),
    ("2022-04-02", true),
    ("2022-04-04", false),
    ("2022-04-05", false),
    ("2022-04-24", true),
    ("2022-05-04", false),
    ("2022-05-07", true),
    ("2022-06-03", false),
    ("2022-09-12", false),
    ("2022-10-07", false),
    ("2022-10-08", true),
    ("2022-10-09", true),
    // 2023
    ("2023-01-02", false),
    ("2023-01-27", false),
    ("2023-01-28", true),
    ("2023-01-29", true),
    ("2023-04-05", false),
    ("2023-04-23", true),
    ("2023-05-03", false),
    ("2023-05-06", true),
    ("2023-06-22", false),
    ("2023-06-23", false),
    ("2023-06-25", true),
    ("2023-09-29", false),
    ("2023-10-06", false),
    ("2023-10-07", true),
    ("2023-10-08", true),
    // 2024
    ("2024-01-01", false),
    ("2024-02-04", true),
    ("2024-02-09", true),
    ("2024-02-16", false),
    ("2024-02-18", true),
    ("2024-04-05", false),
    ("2024-04-07", true),
    ("2024-04-28", true),
    ("2024-05-03", false),
    ("2024-05-11", true),
    ("2024-06-10", false),
    ("2024-09-14", true),
    ("2024-09-16", false),
    ("2024-09-29", true),
    ("2024-10-07", false),
    ("2024-10-12", true),
    // 2025: first year under the 2024 放假办法 (春节 4 days, 劳动节 2 days).
    ("2025-01-01", false),
    ("2025-01-26", true),
    ("2025-01-27", true),
    ("2025-01-28", false),
    ("2025-02-04", false),
    ("2025-02-05", true),
    ("2025-02-08", true),
    ("2025-04-04", false),
    ("2025-04-27", true),
    ("2025-05-05", false),
    ("2025-06-02", false),
    ("2025-09-28", true),
    ("2025-10-08", false),
    ("2025-10-09", true),
    ("2025-10-11", true),
    // 2026: nine-day 春节 with make-up Saturdays 2-14 and 2-28.
    ("2026-01-02", false),
    ("2026-01-04", true),
    ("2026-02-13", true),
    ("2026-02-14", true),
    ("2026-02-16", false),
    ("2026-02-23", false),
    ("2026-02-24", true),
    ("2026-02-28", true),
    ("2026-04-06", false),
    ("2026-05-05", false),
    ("2026-05-09", true),
    ("2026-06-19", false),
    ("2026-09-20", true),
    ("2026-09-25", false),
    ("2026-10-07", false),
    ("2026-10-08", true),
    ("2026-10-10", true),
];

#[test]
fn hand_checked_days_around_every_holiday_2019_to_2026() {
    let cal = WorkCalendar::shipped();
    for (date, expected) in HAND_CHECKED {
        assert_eq!(cal.is_workday(d(date)).unwrap(), *expected, "{date}");
    }
}

#[test]
fn a_make_up_day_names_its_holiday_and_circular() {
    let cal = WorkCalendar::shipped();
    let kind = cal.day(d("2026-02-28")).unwrap();
    let DayKind::MakeUp(table, holiday) = kind else {
        panic!("2026-02-28 should be a make-up day, got {kind:?}")
    };
    assert_eq!((table.year, holiday.name.as_str()), (2026, "春节"));
    let kind = cal.day(d("2020-02-01")).unwrap();
    let notice = cal.circular_for(&kind).unwrap();
    assert_eq!(notice.title, "国务院办公厅关于延长2020年春节假期的通知");
}

const NEXT_YEAR: &str = r#"
[[year]]
year = 2027
version = 1
circulars = [{ title = "国务院办公厅关于2027年部分节假日安排的通知（测试数据）", url = "https://www.gov.cn/test" }]
holidays = [{ name = "元旦", first = "2027-01-01", last = "2027-01-03" }]
"#;

const OVERLAY: &str = r#"
[[overlay]]
year = 2026
version = 1
region = "宁夏回族自治区"
circulars = [{ title = "自治区人民政府关于2026年开斋节放假的通知（测试数据）", url = "https://example.invalid/nx" }]
holidays = [{ name = "开斋节", first = "2026-03-20", last = "2026-03-20" }]
"#;

#[test]
fn an_administrator_can_load_a_new_year_and_a_local_overlay() {
    let mut cal = WorkCalendar::shipped();
    let summary = cal.load_toml(NEXT_YEAR).unwrap();
    assert_eq!(summary.years, vec![2027]);
    assert!(cal.is_workday(d("2026-12-28")).unwrap());
    assert!(!cal.is_workday(d("2027-01-01")).unwrap());
    assert!(cal.is_workday(d("2027-01-04")).unwrap());
    assert!(cal.is_workday(d("2026-03-20")).unwrap());
    cal.load_toml(OVERLAY).unwrap();
    assert!(!cal.is_workday(d("2026-03-20")).unwrap());
    // Loading the same version again changes nothing; a different one with the same version is refused.
    assert_eq!(cal.load_toml(NEXT_YEAR).unwrap().years, Vec::<i32>::new());
    let changed = NEXT_YEAR.replace("2027-01-03", "2027-01-02");
    assert!(matches!(
        cal.load_toml(&changed),
        Err(CalendarError::StaleVersion { .. })
    ));
}

#[test]
fn bad_holiday_files_are_refused_with_a_reason() {
    let mut cal = WorkCalendar::shipped();
    let weekday_makeup = NEXT_YEAR.replace(
        r#"last = "2027-01-03" }"#,
        r#"last = "2027-01-03", workdays = ["2027-01-05"] }"#,
    );
    let err = cal.load_toml(&weekday_makeup).unwrap_err();
    assert!(err.to_string().contains("不是周六或周日"), "{err}");
    let overlay_2030 = OVERLAY.replace("2026", "2030");
    assert!(matches!(
        cal.load_toml(&overlay_2030),
        Err(CalendarError::OverlayWithoutBase { year: 2030, .. })
    ));
    assert!(matches!(
        cal.load_toml("year = ["),
        Err(CalendarError::Syntax { .. })
    ));
    assert!(
        cal.is_workday(d("2027-01-04")).is_err(),
        "nothing was loaded"
    );
}
