//! Importing a year's 节假日安排: the checks a stored file must pass, the preview of what loading it
//! changes (day by day, for the audit log), and the stable fingerprints.

use gongkai_domain::calendar::{
    CalendarError, DayStatus, SHIPPED_TOML, WorkCalendar, check_import, diff,
};

use crate::deadline::d;

/// A made-up 2027 (the real circular is not published yet): complete and consistent.
const Y2027: &str = r#"
schema = "gongkai.holidays/1"

[[year]]
year = 2027
version = 1
circulars = [{ title = "国务院办公厅关于2027年部分节假日安排的通知", url = "https://www.gov.cn/test" }]
holidays = [
  { name = "元旦", first = "2027-01-01", last = "2027-01-03" },
  { name = "春节", first = "2027-02-05", last = "2027-02-12", workdays = ["2027-02-20"] },
  { name = "清明节", first = "2027-04-03", last = "2027-04-05" },
  { name = "劳动节", first = "2027-05-01", last = "2027-05-05", workdays = ["2027-05-08"] },
  { name = "端午节", first = "2027-06-09", last = "2027-06-09" },
  { name = "中秋节", first = "2027-09-15", last = "2027-09-15" },
  { name = "国庆节", first = "2027-10-01", last = "2027-10-07", workdays = ["2027-09-26", "2027-10-09"] },
]
"#;

fn with(old: &str, new: &str) -> String {
    assert!(Y2027.contains(old), "{old}");
    Y2027.replace(old, new)
}

#[test]
fn the_shipped_file_passes_every_import_check() {
    let file = check_import(SHIPPED_TOML).unwrap();
    assert_eq!(file.years.len(), 8);
    assert!(check_import(Y2027).is_ok());
}

#[test]
fn a_year_missing_a_festival_is_refused_with_its_name() {
    let text = with(
        r#"  { name = "端午节", first = "2027-06-09", last = "2027-06-09" },
"#,
        "",
    );
    let err = check_import(&text).unwrap_err();
    assert_eq!(
        err,
        CalendarError::IncompleteYear {
            year: 2027,
            missing: "端午节".into()
        }
    );
    assert!(err.to_string().contains("缺少端午节"), "{err}");
}

#[test]
fn a_fixed_statutory_day_must_be_off() {
    let text = with(
        r#"first = "2027-10-01", last = "2027-10-07""#,
        r#"first = "2027-10-04", last = "2027-10-07""#,
    );
    let err = check_import(&text).unwrap_err();
    assert!(matches!(
        err,
        CalendarError::StatutoryDayNotOff {
            holiday: "国庆节",
            ..
        }
    ));
    assert!(
        err.to_string().contains("2027-10-01是国庆节法定假日"),
        "{err}"
    );
}

#[test]
fn the_circular_must_be_named_and_a_year_given_once() {
    let unnamed = with("国务院办公厅关于2027年部分节假日安排的通知", "通知");
    assert!(matches!(
        check_import(&unnamed),
        Err(CalendarError::CircularUnnamed { year: 2027, .. })
    ));
    let body = Y2027.split_once("[[year]]").unwrap().1;
    let twice = format!("{Y2027}\n[[year]]{body}");
    let err = check_import(&twice).unwrap_err();
    assert!(
        err.to_string().contains("全国2027年的安排出现了两次"),
        "{err}"
    );
}

#[test]
fn a_year_contradicting_the_previous_one_is_refused() {
    // 2026-01-03 (Saturday) is a day off of 元旦 2026; a 2027 table may not make it a working day.
    let text = with(
        r#"last = "2027-01-03" }"#,
        r#"last = "2027-01-03", workdays = ["2026-01-03"] }"#,
    );
    let err = WorkCalendar::shipped().preview_import(&text).unwrap_err();
    assert_eq!(
        err,
        CalendarError::YearsDisagree {
            date: d("2026-01-03"),
            first: 2026,
            second: 2027
        }
    );
}

#[test]
fn loading_a_new_year_lists_its_holidays_and_make_up_days_only() {
    // Arrange
    let cal = WorkCalendar::shipped();
    // Act
    let preview = cal.preview_import(Y2027).unwrap();
    // Assert: 18 weekdays off and 4 make-up days flip; 10 weekend days become holiday days
    // (listed, but no deadline moves); ordinary days are not listed.
    assert_eq!(preview.summary.years, vec![2027]);
    let flips = preview
        .changes
        .iter()
        .filter(|c| c.changes_workday())
        .count();
    assert_eq!((preview.changes.len(), flips), (32, 22));
    let lines = preview.lines();
    assert!(
        lines[0].contains("载入全国2027年节假日安排第1版"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"2027-01-01（星期五）：暂按工作日 → 放假（元旦）".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"2027-02-20（星期六）：暂按周末 → 调休上班（春节）".to_owned()),
        "{lines:?}"
    );
    assert!(cal.year(2027).is_none(), "a preview changes nothing");
}

#[test]
fn loading_the_same_file_again_changes_nothing() {
    let next = WorkCalendar::shipped()
        .preview_import(Y2027)
        .unwrap()
        .calendar;
    let again = next.preview_import(Y2027).unwrap();
    assert!(again.is_noop());
    assert!(again.changes.is_empty());
    assert_eq!(
        again.lines(),
        vec!["所载入的节假日安排均已载入，工作日日历未变化。"]
    );
}

#[test]
fn a_corrected_version_lists_the_days_it_moves() {
    // Arrange: 2027 loaded, then version 2 extends 春节 by the following Monday.
    let v1 = WorkCalendar::shipped()
        .preview_import(Y2027)
        .unwrap()
        .calendar;
    let v2 = with("version = 1", "version = 2");
    let v2 = v2.replace(r#"last = "2027-02-12""#, r#"last = "2027-02-15""#);
    // Act
    let preview = v1.preview_import(&v2).unwrap();
    // Assert: Saturday and Sunday stay days off; only Monday 2-15 flips.
    assert_eq!(preview.changes.len(), 3);
    let monday = preview
        .changes
        .iter()
        .find(|c| c.changes_workday())
        .unwrap();
    assert_eq!(monday.date, d("2027-02-15"));
    assert_eq!(monday.after.status, DayStatus::Off("春节".into()));
    assert_eq!(
        monday.describe(),
        "2027-02-15（星期一）：工作日 → 放假（春节）"
    );
    // An older version is refused, as load_toml refuses it.
    assert!(matches!(
        preview.calendar.preview_import(Y2027),
        Err(CalendarError::StaleVersion {
            loaded: 2,
            given: 1,
            ..
        })
    ));
}

#[test]
fn diff_of_a_calendar_with_itself_is_empty() {
    let cal = WorkCalendar::shipped();
    assert!(diff(&cal, &cal).is_empty());
}

#[test]
fn fingerprints_are_stable_and_follow_the_content_not_the_formatting() {
    // Arrange
    let file = check_import(Y2027).unwrap();
    let reformatted = check_import(&Y2027.replace("\n[[year]]", "\n# 注释\n\n[[year]]")).unwrap();
    let changed = check_import(&with("2027-06-09\" }", "2027-06-09\", note = \"x\" }")).unwrap();
    // Assert
    assert_eq!(file.fingerprint().len(), 16);
    assert_eq!(file.fingerprint(), reformatted.fingerprint());
    assert_ne!(file.fingerprint(), changed.fingerprint());
    assert_eq!(file.fingerprint(), file.years[0].fingerprint());
    let shipped = WorkCalendar::shipped();
    assert_eq!(shipped.fingerprint(), WorkCalendar::shipped().fingerprint());
    let loaded = shipped.preview_import(Y2027).unwrap().calendar;
    assert_ne!(shipped.fingerprint(), loaded.fingerprint());
}
