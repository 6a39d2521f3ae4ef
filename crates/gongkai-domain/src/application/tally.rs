//! Table 三 from case data: who was received, carried over, concluded and carried forward in a year.
//!
//! Each case in scope adds exactly one to 一 (received in the year) or 二 (carried over), and
//! exactly one to its result row (concluded in the year) or 四 (still open on 31 December,
//! 结转), in its applicant column and in 总计. So 一 + 二 = （七） + 四 holds in every column by
//! construction (rule T3-01), and 四 of one year equals 二 of the next (rule Y-01).

use chrono::Datelike;

use super::state::Case;
use crate::report::compute::{self, CaseTally};
use crate::report::table3::{Applicant, Row};
use crate::report::{Cell, Format, Table3};

/// How a case counts in the report on `year` (`None` when out of scope: received later, or
/// concluded before the year began). Feeds [`crate::report::compute::compute`].
pub fn case_tally(case: &Case, year: i32, format: Format) -> Option<CaseTally> {
    if case.received_on.year() > year || case.concluded_on().is_some_and(|d| d.year() < year) {
        return None;
    }
    let concluded_in_year = case.concluded_on().is_some_and(|d| d.year() == year);
    Some(CaseTally {
        applicant: case.applicant.column(),
        carried_over: case.received_on.year() < year,
        result: if concluded_in_year {
            case.result_row(format)
        } else {
            None
        },
    })
}

/// The counts of table 三 for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table3Counts {
    /// The cells, every row of the format, zeros included.
    pub table: Table3,
}

impl Table3Counts {
    /// The count at `row`, `col` (0 for a row with no cases).
    pub fn get(&self, row: Row, col: Applicant) -> u64 {
        let cell = self.table.get(&row).map(|r| &r[col.index()]);
        cell.and_then(Cell::integer)
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0)
    }

    /// As report cells.
    pub fn to_table3(&self) -> Table3 {
        self.table.clone()
    }
}

/// Tallies table 三 for `year` from the cases (any cases; those out of scope are ignored), with
/// the same counting as [`crate::report::compute::tally_table3`].
pub fn tally(cases: &[Case], year: i32, format: Format) -> Table3Counts {
    let tallies: Vec<CaseTally> = cases
        .iter()
        .filter_map(|c| case_tally(c, year, format))
        .collect();
    let table = compute::tally_table3(format, &tallies)
        .expect("case_tally yields only applicant columns and result rows of the format");
    Table3Counts { table }
}

/// Cases counted together: one applicant type with the same receipt year, conclusion year and
/// outcome (a grouped query over stored cases gives these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Receipt year.
    pub received_year: i32,
    /// Conclusion year, if concluded.
    pub concluded_year: Option<i32>,
    /// The outcome's table-三 row (a result row; 2021-format keys for closures).
    pub outcome: Option<Row>,
    /// The applicant type.
    pub applicant: super::ApplicantType,
    /// How many cases.
    pub n: u64,
}

/// Table 三 for `year` from grouped counts, with exactly the counting of [`case_tally`]: each
/// group goes to 一 or 二, and to its result row (concluded in the year) or 四.
///
/// # Errors
/// If a group's outcome is not a result row of `format`.
pub fn tally_groups(
    groups: &[Group],
    year: i32,
    format: Format,
) -> Result<Table3Counts, compute::ComputeError> {
    let mut tallies = Vec::new();
    for g in groups {
        if g.received_year > year || g.concluded_year.is_some_and(|y| y < year) {
            continue;
        }
        let result = match (g.concluded_year == Some(year), g.outcome) {
            (true, Some(row)) => Some(row_in(row, format)),
            _ => None,
        };
        let t = CaseTally {
            applicant: g.applicant.column(),
            carried_over: g.received_year < year,
            result,
        };
        tallies.extend(std::iter::repeat_n(t, usize::try_from(g.n).unwrap_or(0)));
    }
    Ok(Table3Counts {
        table: compute::tally_table3(format, &tallies)?,
    })
}

/// A result row as `format` has it: the 2019 format counts the three closure rows as one.
fn row_in(row: Row, format: Format) -> Row {
    match (format, row) {
        (Format::F2019, Row::OtherNoCorrection | Row::OtherFeeUnpaid | Row::OtherMisc) => {
            Row::Other
        }
        _ => row,
    }
}
