//! Table 四 live: the agency's year as the annual report will count it, computed from the stored
//! register by the report's own rules (`appeal::tally`, then `report::compute::tally_table4`),
//! every cell linking to the proceedings behind it. The store selects what the year handled
//! with the same rule, so a cell's drill-down lists exactly the proceedings it counts.

use crate::{AppState, WebError};
use gongkai_domain::appeal;
use gongkai_domain::report::Table4;
use gongkai_domain::report::compute::tally_table4;
use gongkai_domain::report::table4::{GROUPS, OUTCOME_LABELS, Outcome};
use gongkai_storage::proceedings::{ProceedingFilter, outcome_key};
use gongkai_storage::{AgencyId, Scope};

/// One of the 15 cells.
pub struct CellView {
    /// Drill-down query: `year:group:outcome`.
    pub cell: String,
    /// The count.
    pub n: i64,
}

/// Table 四 as the stats page shows it.
pub struct Table4View {
    /// The agency, for drill-down links.
    pub agency: i64,
    /// The 15 column labels in printed order.
    pub labels: Vec<&'static str>,
    /// The 15 cells in printed order.
    pub cells: Vec<CellView>,
    /// Rule T4-01 (each group's parts add up to its 总计), checked on the computed table.
    pub holds: bool,
}

/// Table 四 of `agency` for `year`, as the report prints it.
///
/// # Errors
/// A storage failure, or stored proceedings that do not tally (an invariant).
pub async fn table(state: &AppState, agency: AgencyId, year: i32) -> Result<Table4, WebError> {
    let handled = ProceedingFilter {
        cell: Some((year, None, Outcome::Total)),
        ..ProceedingFilter::default()
    };
    let (stored, _) = state
        .store
        .proceedings(Scope::agency(agency), &handled, 0, 100_000)
        .await?;
    let register: Vec<_> = stored.into_iter().map(|s| s.proceeding).collect();
    tally_table4(&appeal::tally(&register, year))
        .map_err(|_| WebError::Internal("proceedings do not fit table four"))
}

/// Table 四 of `agency` for `year`, with its drill-down links.
///
/// # Errors
/// A storage failure, or stored proceedings that do not tally (an invariant).
pub async fn compute(
    state: &AppState,
    agency: AgencyId,
    year: i32,
) -> Result<Table4View, WebError> {
    let table = table(state, agency, year).await?;
    let mut cells = Vec::new();
    let mut holds = true;
    for g in GROUPS {
        let row = table.get(&g.group).cloned().unwrap_or_default();
        let n: Vec<i64> = row.iter().map(|c| c.integer().unwrap_or(0)).collect();
        holds &= n[..4].iter().sum::<i64>() == n[4];
        for o in Outcome::ALL {
            cells.push(CellView {
                cell: format!("{year}:{}:{}", g.key, outcome_key(o)),
                n: n[o.index()],
            });
        }
    }
    Ok(Table4View {
        agency: agency.0,
        labels: GROUPS.iter().flat_map(|_| OUTCOME_LABELS).collect(),
        cells,
        holds,
    })
}
