//! `gongkai workdays add` and `deadline` on the shipped calendar, strict and 暂定.

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
fn a_december_period_prints_the_date_first_then_provisional_and_why() {
    // 2027's circular is not shipped: 26–31 December 2026 are counted Monday–Friday.
    let out = gongkai(&["workdays", "add", "2026-12-10", "15"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let line = stdout.lines().next().unwrap_or_default();
    assert!(line.starts_with("2026-12-31 暂定："), "{stdout}");
    assert!(
        line.contains("2027年节假日安排尚未发布或尚未载入"),
        "{stdout}"
    );
    assert!(line.contains("暂按周一至周五计算"), "{stdout}");
}

#[test]
fn the_deadline_of_a_december_application_is_provisional() {
    let out = gongkai(&["workdays", "deadline", "--received", "2026-12-10"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("答复期限：2027-01-07（星期四） 暂定：2027年节假日安排"),
        "{stdout}"
    );
    assert!(stdout.contains("届满（暂定）"), "{stdout}");
}

#[test]
fn strict_refuses_an_unloaded_year_with_exit_2() {
    let out = gongkai(&["workdays", "add", "2027-03-01", "5", "--strict"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("2027年节假日安排尚未载入"), "{stderr}");
}
