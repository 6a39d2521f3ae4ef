//! Deadline arithmetic: hand-checked periods around holidays, make-up days and year boundaries;
//! properties of pauses and extensions; and agreement with `chinese_holiday` on random dates.

use chrono::{Duration, NaiveDate};
use gongkai_domain::calendar::{CalendarError, WorkCalendar};
use gongkai_domain::deadline::{
    ClockSpec, DeadlineError, Extension, Pause, add_workdays, derive, workdays_between,
};
use proptest::prelude::*;

use crate::calendar::{independent_is_workday, shipped};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date in a test")
}

/// (start, N, expected end), each counted by hand against the notices.
const HAND_CHECKED: &[(&str, u32, &str)] = &[
    // 2026: nine-day 春节 with make-up Saturdays 2-14 and 2-28.
    ("2026-02-13", 1, "2026-02-14"),
    ("2026-02-14", 1, "2026-02-24"),
    ("2026-02-27", 1, "2026-02-28"),
    ("2026-02-10", 20, "2026-03-16"),
    ("2026-03-02", 20, "2026-03-30"),
    ("2026-03-02", 40, "2026-04-28"),
    ("2026-09-18", 1, "2026-09-20"),
    ("2026-09-30", 1, "2026-10-08"),
    ("2026-11-23", 20, "2026-12-21"),
    // 2020: 春节 extended to 2-02 by the notice of 2020-01-27 (originally back at work 1-31).
    ("2020-01-22", 1, "2020-01-23"),
    ("2020-01-23", 1, "2020-02-03"),
    ("2020-01-22", 20, "2020-02-27"),
    ("2020-01-17", 1, "2020-01-19"),
    ("2020-06-24", 1, "2020-06-28"),
    ("2020-09-30", 1, "2020-10-09"),
    // 2019: amended 劳动节 with two Sunday make-up days, 国庆 make-up days.
    ("2019-04-30", 1, "2019-05-05"),
    ("2019-04-26", 1, "2019-04-28"),
    ("2019-09-27", 1, "2019-09-29"),
    ("2019-09-30", 1, "2019-10-08"),
    ("2019-02-01", 1, "2019-02-02"),
    // 2021–2025
    ("2021-02-10", 1, "2021-02-18"),
    ("2021-09-17", 1, "2021-09-18"),
    ("2021-09-18", 1, "2021-09-22"),
    ("2022-04-01", 1, "2022-04-02"),
    ("2022-04-02", 1, "2022-04-06"),
    ("2022-09-30", 1, "2022-10-08"),
    ("2023-06-21", 1, "2023-06-25"),
    ("2023-09-28", 1, "2023-10-07"),
    ("2024-02-08", 1, "2024-02-09"),
    ("2024-02-09", 1, "2024-02-18"),
    ("2024-04-03", 1, "2024-04-07"),
    ("2025-01-24", 1, "2025-01-26"),
    ("2025-01-27", 1, "2025-02-05"),
    ("2025-04-25", 1, "2025-04-27"),
    ("2025-09-30", 1, "2025-10-09"),
    // Year boundaries.
    ("2019-12-31", 1, "2020-01-02"),
    ("2020-12-31", 1, "2021-01-04"),
    ("2021-12-31", 1, "2022-01-04"),
    ("2022-12-30", 1, "2023-01-03"),
    ("2023-12-29", 1, "2024-01-02"),
    ("2024-12-31", 1, "2025-01-02"),
    ("2025-12-31", 1, "2026-01-04"),
    ("2025-12-19", 20, "2026-01-19"),
    // N = 0 is the start itself.
    ("2026-02-15", 0, "2026-02-15"),
];

#[test]
fn hand_checked_periods_around_holidays_and_year_boundaries() {
    let cal = WorkCalendar::shipped();
    for (start, n, end) in HAND_CHECKED {
        assert_eq!(
            add_workdays(&cal, d(start), *n).unwrap(),
            d(end),
            "{start} + {n}"
        );
    }
}

#[test]
fn a_period_running_into_an_unloaded_year_fails_clearly() {
    let cal = WorkCalendar::shipped();
    let err = add_workdays(&cal, d("2026-12-01"), 20).unwrap_err();
    assert_eq!(
        err,
        CalendarError::NextYearNotLoaded {
            date: d("2026-12-26"),
            next: 2027
        }
    );
    let err = add_workdays(&cal, d("2027-01-04"), 1).unwrap_err();
    assert!(
        err.to_string().contains("2027年节假日安排尚未载入"),
        "{err}"
    );
    assert!(matches!(
        add_workdays(&cal, d("2018-12-27"), 1),
        Err(CalendarError::YearNotLoaded { year: 2018, .. })
    ));
}

#[test]
fn derivation_names_the_start_the_holidays_and_the_make_up_days() {
    // Arrange
    let cal = WorkCalendar::shipped();
    let spec = ClockSpec::plain(
        "收到申请（当面提交）",
        d("2026-02-10"),
        20,
        "《条例》第三十三条第二款",
    );
    // Act
    let der = derive(&cal, &spec).unwrap();
    let text = der.to_string();
    // Assert
    assert_eq!(der.due, Some(d("2026-03-16")));
    assert!(text.contains("2026-02-10（星期二）"), "{text}");
    assert!(text.contains("春节 2026-02-15 至 2026-02-23"), "{text}");
    assert!(
        text.contains("国务院办公厅关于2026年部分节假日安排的通知"),
        "{text}"
    );
    assert!(text.contains("2026-02-14（星期六）春节调休上班"), "{text}");
    assert!(text.contains("2026-02-28（星期六）春节调休上班"), "{text}");
    assert!(
        text.contains("届满：2026-03-16（星期一），为第20个工作日"),
        "{text}"
    );
}

#[test]
fn a_consultation_pause_moves_the_deadline_by_the_working_days_it_covers() {
    let cal = WorkCalendar::shipped();
    let mut spec = ClockSpec::plain("收到申请", d("2026-03-02"), 20, "《条例》第三十三条第二款");
    spec.pauses.push(Pause {
        reason: "征求第三方意见（《条例》第三十二条）".into(),
        from: d("2026-03-04"),
        until: Some(d("2026-03-20")),
    });
    let der = derive(&cal, &spec).unwrap();
    assert_eq!(der.skipped, vec![12]);
    assert_eq!(der.due, Some(d("2026-04-16")));
    assert!(der.to_string().contains("其间12个工作日不计入期限"));
}

#[test]
fn an_open_pause_leaves_the_deadline_undetermined() {
    let cal = WorkCalendar::shipped();
    let mut spec = ClockSpec::plain("收到申请", d("2026-03-02"), 20, "《条例》第三十三条第二款");
    spec.pauses.push(Pause {
        reason: "收费通知".into(),
        from: d("2026-03-04"),
        until: None,
    });
    let der = derive(&cal, &spec).unwrap();
    assert_eq!((der.due, der.counted), (None, 2));
    assert!(der.to_string().contains("尚余18个工作日"));
}

#[test]
fn extension_adds_twenty_working_days_after_the_original_deadline() {
    let cal = WorkCalendar::shipped();
    let mut spec = ClockSpec::plain("收到申请", d("2026-03-02"), 20, "《条例》第三十三条第二款");
    spec.extension = Some(Extension {
        days: 20,
        approver: "王主任".into(),
        on: d("2026-03-20"),
    });
    assert_eq!(derive(&cal, &spec).unwrap().due, Some(d("2026-04-28")));
    spec.extension = Some(Extension {
        days: 21,
        approver: "王主任".into(),
        on: d("2026-03-20"),
    });
    assert_eq!(
        derive(&cal, &spec),
        Err(DeadlineError::ExtensionTooLong { days: 21 })
    );
}

const FIRST: &str = "2019-01-01";
/// Days from 2019-01-01 to 2026-12-01.
pub const SPAN: i64 = 2891;

pub fn start_of(offset: i64) -> NaiveDate {
    d(FIRST) + Duration::days(offset)
}

/// The independent implementation: count working days with `chinese_holiday`, never asking it
/// about a date after 2026-12-25 (it panics there); `None` when the period would need one.
fn independent_add(start: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut date = start;
    let mut left = n;
    while left > 0 {
        date = date.succ_opt()?;
        if date > d("2026-12-25") {
            return None;
        }
        if independent_is_workday(date) {
            left -= 1;
        }
    }
    Some(date)
}

pub fn pauses_strategy() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..60, 0i64..30), 0..3)
}

pub fn spec_with(start: NaiveDate, n: u32, pauses: &[(i64, i64)]) -> ClockSpec {
    let mut spec = ClockSpec::plain("起算事件", start, n, "测试");
    for (from, len) in pauses {
        spec.pauses.push(Pause {
            reason: "暂停".into(),
            from: start + Duration::days(*from),
            until: Some(start + Duration::days(from + len)),
        });
    }
    spec
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn workdays_add_agrees_with_chinese_holiday(offset in 0..SPAN, n in 0u32..=60) {
        let cal = shipped();
        let start = start_of(offset);
        match independent_add(start, n) {
            Some(expected) => prop_assert_eq!(add_workdays(cal, start, n).unwrap(), expected),
            None => prop_assert!(add_workdays(cal, start, n).is_err()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_computed_deadline_is_always_a_working_day(offset in 0..SPAN - 120, n in 1u32..=40, pauses in pauses_strategy()) {
        let cal = shipped();
        let der = derive(cal, &spec_with(start_of(offset), n, &pauses));
        if let Ok(Some(due)) = der.map(|x| x.due) {
            prop_assert!(cal.is_workday(due).unwrap());
        }
    }

    #[test]
    fn pausing_never_shortens_a_deadline(offset in 0..SPAN - 120, n in 1u32..=40, pauses in pauses_strategy()) {
        let cal = shipped();
        let start = start_of(offset);
        let plain = derive(cal, &spec_with(start, n, &[]));
        let paused = derive(cal, &spec_with(start, n, &pauses));
        if let (Ok(plain), Ok(paused)) = (plain, paused) {
            prop_assert!(paused.due >= plain.due);
            // Every working day skipped by a pause moves the deadline by one working day at most.
            let skipped: u32 = paused.skipped.iter().sum();
            let moved = workdays_between(cal, plain.due.unwrap(), paused.due.unwrap()).unwrap();
            prop_assert!(moved <= skipped);
        }
    }

    #[test]
    fn an_extension_adds_exactly_its_days_and_never_more_than_twenty(offset in 0..SPAN - 120, days in 0u32..=25) {
        let cal = shipped();
        let start = start_of(offset);
        let plain = derive(cal, &spec_with(start, 20, &[])).unwrap();
        let mut spec = spec_with(start, 20, &[]);
        spec.extension = Some(Extension { days, approver: "负责人".into(), on: start });
        match derive(cal, &spec) {
            Ok(ext) => {
                prop_assert!(days <= 20);
                let added = workdays_between(cal, plain.due.unwrap(), ext.due.unwrap()).unwrap();
                prop_assert_eq!(added, days);
            }
            Err(DeadlineError::ExtensionTooLong { .. }) => prop_assert!(days > 20),
            Err(e) => prop_assert!(matches!(e, DeadlineError::Calendar(_))),
        }
    }
}
