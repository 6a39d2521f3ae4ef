//! What the register's pages show: labels of kinds, procedures and decisions (each decision
//! with the table-四 column it counts in), the filing wording of each kind, and the 已逾期 /
//! 即将到期 mark of an answer deadline.

use chrono::NaiveDate;
use gongkai_domain::appeal::{DecisionType, Forum, Procedure, ProceedingKind};
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::choice::Choice;
use gongkai_domain::deadline::{Mode, add_workdays_with};
use gongkai_storage::cases::Due;

/// Working days ahead in which a deadline counts as 即将到期 (as in the case inbox).
const SOON_WORKDAYS: u32 = 5;

/// `(id, label)` of every kind.
pub fn kinds() -> Vec<(&'static str, &'static str)> {
    ProceedingKind::all().map(|k| (k.id(), k.label())).collect()
}

/// `(id, label)` of both procedures.
pub fn procedures() -> Vec<(&'static str, &'static str)> {
    Procedure::all().map(|p| (p.id(), p.label())).collect()
}

/// `(id, label)` of the decisions of `forum`, each label naming its table-四 column.
pub fn decisions(forum: Forum) -> Vec<(&'static str, String)> {
    DecisionType::of(forum)
        .map(|d| {
            let def = d.def();
            (
                def.id,
                format!(
                    "{}（{}，计入“{}”）",
                    def.label,
                    def.basis,
                    def.outcome.label()
                ),
            )
        })
        .collect()
}

/// “申请行政复议之日” / “起诉之日”.
pub fn filing_label(kind: ProceedingKind) -> &'static str {
    match kind.forum() {
        Forum::Review => "申请行政复议之日",
        Forum::Litigation => "起诉之日",
    }
}

/// The last day that still counts as 即将到期 today.
pub fn soon_limit(cal: &WorkCalendar, today: NaiveDate) -> NaiveDate {
    add_workdays_with(cal, today, SOON_WORKDAYS, Mode::Provisional).map_or(today, |r| r.value)
}

/// `overdue`, `soon` or empty, for an answer deadline in force.
pub fn mark(due: Due, today: NaiveDate, soon: NaiveDate) -> &'static str {
    match due.on {
        Some(d) if d < today => "overdue",
        Some(d) if d <= soon => "soon",
        _ => "",
    }
}
