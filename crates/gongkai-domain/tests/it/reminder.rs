//! 即将到期 / 已逾期 on the shipped calendar: the window is counted in 工作日 (调休 days count,
//! the Spring Festival does not), and it still answers where next year is not loaded (暂定).

use crate::calendar::shipped;
use crate::deadline::d;
use gongkai_domain::reminder::{DueWindow, Urgency};

#[test]
fn the_due_soon_window_spans_five_working_days_across_the_spring_festival() {
    // Arrange: Friday 13 Feb 2026 → 14 (调休上班), 春节 15–23 off, 24, 25, 26, 27.
    let w = DueWindow::new(shipped(), d("2026-02-13"));

    // Act + Assert
    assert_eq!(w.soon_until, d("2026-02-27"));
    assert_eq!(w.urgency(d("2026-02-12")), Some(Urgency::Overdue));
    assert_eq!(
        w.urgency(d("2026-02-13")),
        Some(Urgency::DueSoon),
        "due today"
    );
    assert_eq!(w.urgency(d("2026-02-27")), Some(Urgency::DueSoon));
    assert_eq!(w.urgency(d("2026-02-28")), None, "the 6th working day");
    assert_eq!(w.overdue_until(), Some(d("2026-02-12")));
}

#[test]
fn the_window_is_counted_provisionally_where_next_year_is_not_loaded() {
    // Monday 28 Dec 2026 → 29, 30, 31, then 2027 on weekdays only: Fri 1 Jan, Mon 4 Jan.
    let w = DueWindow::new(shipped(), d("2026-12-28"));
    assert_eq!(w.soon_until, d("2027-01-04"));
    assert_eq!(w.urgency(d("2027-01-05")), None);
}

#[test]
fn urgencies_have_stable_ids_and_chinese_names() {
    assert_eq!(
        (Urgency::DueSoon.as_str(), Urgency::DueSoon.label()),
        ("due-soon", "即将到期")
    );
    assert_eq!(
        (Urgency::Overdue.as_str(), Urgency::Overdue.label()),
        ("overdue", "已逾期")
    );
}
