//! 暂定 deadlines: where the calendar does not cover a day yet, Monday–Friday count and the
//! result says so; where it covers every day, the provisional result is the strict one.

use chrono::{Datelike, Duration};
use gongkai_domain::calendar::{WorkCalendar, is_weekend};
use gongkai_domain::deadline::{
    ClockSpec, Mode, add_workdays, add_workdays_with, derive, derive_provisional, derive_with,
    workdays_between_with,
};
use proptest::prelude::*;

use crate::calendar::shipped;
use crate::deadline::{SPAN, d, pauses_strategy, spec_with, start_of};

#[test]
fn a_december_period_counts_on_by_weekday_and_says_why() {
    // Arrange: 2026's calendar is loaded, 2027's is not, so 26–31 December are uncertain.
    let cal = shipped();
    // Act
    let strict = add_workdays(cal, d("2026-12-10"), 15);
    let r = add_workdays_with(cal, d("2026-12-10"), 15, Mode::Provisional).unwrap();
    // Assert
    assert!(strict.is_err());
    assert_eq!(r.value, d("2026-12-31"));
    let p = r.provisional.expect("counted past 2026-12-25");
    assert_eq!(p.missing.iter().copied().collect::<Vec<_>>(), vec![2027]);
    assert_eq!(p.from, d("2026-12-26"));
    assert_eq!(
        p.reason(),
        "2027年节假日安排尚未发布或尚未载入工作日日历（元旦调休可能涉及上年12月下旬），自2026-12-26起暂按周一至周五计算工作日"
    );
}

#[test]
fn a_period_inside_the_calendar_is_not_provisional() {
    let r = add_workdays_with(shipped(), d("2026-02-10"), 20, Mode::Provisional).unwrap();
    assert_eq!((r.value, r.provisional), (d("2026-03-16"), None));
}

#[test]
fn a_long_period_names_every_missing_year() {
    let r = add_workdays_with(shipped(), d("2027-12-01"), 40, Mode::Provisional).unwrap();
    let p = r.provisional.unwrap();
    assert_eq!(p.missing.into_iter().collect::<Vec<_>>(), vec![2027, 2028]);
    assert_eq!(p.from, d("2027-12-02"));
    assert_eq!(r.value, d("2028-01-26"));
}

#[test]
fn the_provisional_derivation_says_provisional_in_its_lines() {
    // Arrange
    let spec = ClockSpec::plain(
        "收到申请（当面提交）",
        d("2026-12-10"),
        20,
        "《条例》第三十三条第二款",
    );
    // Act
    let der = derive_provisional(shipped(), &spec).unwrap();
    let text = der.to_string();
    // Assert: 12-11 … 12-31 are 15 working days, then 2027-01-01 … 01-07 by weekday.
    assert_eq!(der.due, Some(d("2027-01-07")));
    assert!(
        text.contains("暂定：2027年节假日安排尚未发布或尚未载入"),
        "{text}"
    );
    assert!(text.contains("期限将重新计算"), "{text}");
    assert!(
        text.contains("届满（暂定）：2027-01-07（星期四）"),
        "{text}"
    );
    assert!(derive(shipped(), &spec).is_err());
}

#[test]
fn once_the_year_is_loaded_the_same_period_is_exact() {
    // Arrange: a made-up 2027 with 元旦 on 1–3 January.
    let mut cal = WorkCalendar::shipped();
    cal.load_toml(
        r#"
        [[year]]
        year = 2027
        version = 1
        circulars = [{ title = "国务院办公厅关于2027年部分节假日安排的通知", url = "https://www.gov.cn/" }]
        holidays = [{ name = "元旦", first = "2027-01-01", last = "2027-01-03" }]
        "#,
    )
    .unwrap();
    let spec = ClockSpec::plain("收到申请", d("2026-12-10"), 20, "《条例》第三十三条第二款");
    // Act
    let der = derive_provisional(&cal, &spec).unwrap();
    // Assert: 1 January is now a day off, so the deadline moves one working day.
    assert_eq!((der.due, der.provisional), (Some(d("2027-01-08")), None));
}

#[test]
fn days_left_can_be_counted_into_an_unloaded_year() {
    let r = workdays_between_with(
        shipped(),
        d("2026-12-24"),
        d("2027-01-08"),
        Mode::Provisional,
    )
    .unwrap();
    assert_eq!(r.value, 11);
    assert!(r.provisional.is_some());
}

/// Days from 2026-01-01 over two years, most of them beyond the shipped calendar.
const LATE_SPAN: i64 = 730;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_provisional_date_beyond_the_calendar_is_never_a_weekend(offset in 0..LATE_SPAN, n in 1u32..=60) {
        let cal = shipped();
        let start = d("2026-01-01") + Duration::days(offset);
        let r = add_workdays_with(cal, start, n, Mode::Provisional).unwrap();
        match add_workdays(cal, start, n) {
            Ok(strict) => prop_assert_eq!((r.value, r.provisional.is_none()), (strict, true)),
            Err(_) => {
                prop_assert!(r.provisional.is_some());
                if cal.check_covered(r.value).is_err() {
                    prop_assert!(!is_weekend(r.value), "{} is a {:?}", r.value, r.value.weekday());
                }
            }
        }
    }

    #[test]
    fn where_the_calendar_covers_every_day_provisional_equals_strict(offset in 0..SPAN - 120, n in 1u32..=40, pauses in pauses_strategy()) {
        let cal = shipped();
        let spec = spec_with(start_of(offset), n, &pauses);
        if let Ok(strict) = derive(cal, &spec) {
            let provisional = derive_with(cal, &spec, Mode::Provisional).unwrap();
            prop_assert_eq!(provisional, strict);
        }
    }
}

#[test]
fn a_spilled_over_make_up_day_is_used_even_when_its_year_is_not_loaded() {
    // 2018 is not loaded, but the 2019 circular made Saturday 2018-12-29 a working day.
    let r = add_workdays_with(shipped(), d("2018-12-28"), 1, Mode::Provisional).unwrap();
    assert_eq!(r.value, d("2018-12-29"));
    assert_eq!(
        r.provisional
            .unwrap()
            .missing
            .into_iter()
            .collect::<Vec<_>>(),
        vec![2018]
    );
}
