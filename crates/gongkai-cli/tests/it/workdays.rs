//! `gongkai workdays add` on the shipped calendar.

use crate::{gongkai, text};

#[test]
fn add_counts_make_up_saturdays_and_skips_the_spring_festival() {
    // 2026: 春节 2月15–23日 off, 2月14日 and 2月28日 (Saturdays) are working days.
    let out = gongkai(&["workdays", "add", "2026-02-10", "20"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout.trim(), "2026-03-16");
}

#[test]
fn an_unloaded_year_fails_clearly_with_exit_2() {
    let out = gongkai(&["workdays", "add", "2027-03-01", "5"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("2027年节假日安排尚未载入"), "{stderr}");
}
