//! Table 四 from the register: each proceeding as an [`AppealTally`] for one year.
//!
//! The formats do not say whether a proceeding still pending on 31 December is counted again
//! the next year (REGULATION.md §2.6 T4-02, [U]). [`Counting::HandledInYear`], the default,
//! counts what the agency handled in the year — filed in it, or carried into it still pending —
//! like table 三 counts applications (一 + 二); [`Counting::FiledInYear`] counts only those filed
//! in the year. Either way a proceeding decided by 31 December counts in its decision's column
//! and one still open counts as 尚未审结, so every group adds up (rule T4-01).

use chrono::{Datelike, NaiveDate};

use super::Proceeding;
use crate::report::compute::AppealTally;
use crate::report::table4::Outcome;

/// Which proceedings the table of a year counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// Filed in the year, or filed earlier and still pending on 1 January.
    #[default]
    HandledInYear,
    /// Filed in the year only.
    FiledInYear,
}

/// Table 四 of `year`, counting what was handled in the year ([`Counting::HandledInYear`]).
pub fn tally(proceedings: &[Proceeding], year: i32) -> Vec<AppealTally> {
    tally_by(proceedings, year, Counting::HandledInYear)
}

/// Table 四 of `year` under either convention; feed it to [`crate::report::compute`].
pub fn tally_by(proceedings: &[Proceeding], year: i32, counting: Counting) -> Vec<AppealTally> {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Vec::new();
    };
    proceedings
        .iter()
        .filter(|p| match counting {
            Counting::HandledInYear => p.filed_on <= last && p.ruling.is_none_or(|r| r.on >= first),
            Counting::FiledInYear => p.filed_on.year() == year,
        })
        .map(|p| AppealTally {
            group: p.kind.group(),
            outcome: match p.ruling {
                Some(r) if r.on <= last => r.decision.outcome(),
                _ => Outcome::Pending,
            },
        })
        .collect()
}
