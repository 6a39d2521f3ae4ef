//! Table 二's 第二十条第（一）项 block live: the 规章 and 行政规范性文件 of the agency's registry
//! counted for a year by the report's own rule (`disclosure::count_marker`), in the columns of
//! the year's format. The block's other rows (行政许可, 行政处罚 …) live in other systems and are
//! entered with the annual report, not counted here.

use crate::{AppState, WebError};
use gongkai_domain::disclosure::{Document, Marker, count_marker};
use gongkai_domain::report::Format;
use gongkai_domain::report::table2::find_item;
use gongkai_storage::AgencyId;

/// One row: its label and its counts in the block's columns.
pub struct RowView {
    /// 规章 / 行政规范性文件 (2019: 规范性文件).
    pub label: &'static str,
    /// The marker key, for the drill-down to the documents.
    pub marker: &'static str,
    /// The counts, in column order.
    pub counts: Vec<i64>,
}

/// The block as the statistics page shows it.
pub struct Table2View {
    /// “第二十条第（一）项”.
    pub caption: &'static str,
    /// The column labels of the year's format.
    pub columns: Vec<&'static str>,
    /// 规章, then 行政规范性文件.
    pub rows: Vec<RowView>,
    /// How many documents of the registry were looked at.
    pub documents: usize,
}

/// The block for `docs` (an agency's registry) in `year`.
pub fn view(docs: &[Document], year: i32) -> Option<Table2View> {
    let format = Format::for_year(year);
    let (block, _) = find_item(format, Marker::Regulation.table2_item())?;
    let rows = Marker::ALL
        .into_iter()
        .filter_map(|m| {
            let (_, def) = find_item(format, m.table2_item())?;
            let counts = count_marker(docs, year, m);
            let cells = block.cols.iter().map(|c| counts.get(c.col).unwrap_or(0));
            Some(RowView {
                label: def.label,
                marker: gongkai_domain::choice::Choice::id(m),
                counts: cells.collect(),
            })
        })
        .collect();
    Some(Table2View {
        caption: block.caption,
        columns: block.cols.iter().map(|c| c.label).collect(),
        rows,
        documents: docs.len(),
    })
}

/// The block for `agency`'s registry in `year`.
///
/// # Errors
/// A storage failure.
pub async fn compute(
    state: &AppState,
    agency: AgencyId,
    year: i32,
) -> Result<Option<Table2View>, WebError> {
    let stored = state.store.registry(agency).await?;
    let docs: Vec<Document> = stored.into_iter().map(|s| s.document).collect();
    Ok(view(&docs, year))
}
