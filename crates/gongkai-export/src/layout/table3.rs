//! Table 三 收到和处理政府信息公开申请情况 as printed: a 3 × 3 merged top-left cell with the
//! 勾稽 note, “申请人情况” over the seven applicant columns, “法人或其他组织” over five of them,
//! and the result rows under a row-spanning “三、本年度办理结果” with their group labels
//! （三）…（六） spanning their items.

use super::{Builder, Content, Grid, extras};
use gongkai_domain::report::rules::paths;
use gongkai_domain::report::table3::{
    APPLICANT_HEADER, COLUMNS, CROSS_CHECK_NOTE, RESULTS_HEADER, Row,
};
use gongkai_domain::report::{AnnualReport, TableId};

/// Label columns: 三、本年度办理结果 | group （三）… | item.
const LABEL_COLS: usize = 3;
/// Header rows: 申请人情况 | 自然人 · 法人或其他组织 · 总计 | the five organisation kinds.
const HEADER_ROWS: usize = 3;

/// Lays out table 三, or `None` when the report has no row of it.
pub(super) fn grid(report: &AnnualReport) -> Option<Grid> {
    // The rows as the report prints them: a 2021 report with （六） as one row shows it.
    let rows: Vec<Row> = report
        .t3_rows()
        .into_iter()
        .filter(|r| report.table3.contains_key(r))
        .collect();
    let extra = extras(report, TableId::Table3);
    if rows.is_empty() && extra.is_empty() {
        return None;
    }
    let longest = extra.iter().map(|(_, e)| e.cells.len()).max().unwrap_or(0);
    let data_cols = COLUMNS.len().max(longest);
    let mut b = Builder::default();
    header(&mut b, data_cols);
    for (i, row) in rows.iter().enumerate() {
        row_labels(&mut b, HEADER_ROWS + i, *row, &rows);
        for col in COLUMNS.iter().map(|d| d.column) {
            let cell = Content::Value(report.t3(*row, col).clone());
            let path = paths::t3(*row, col);
            b.put_value(
                (HEADER_ROWS + i, LABEL_COLS + col.index()),
                (1, 1),
                cell,
                vec![path],
            );
        }
    }
    for (k, (index, e)) in extra.iter().enumerate() {
        let y = HEADER_ROWS + rows.len() + k;
        b.extra_row(y, (LABEL_COLS, data_cols), *index, e);
    }
    let mut widths = vec![3, 6, 15];
    widths.resize(LABEL_COLS + data_cols, 4);
    Some(b.finish(TableId::Table3, HEADER_ROWS, LABEL_COLS, widths))
}

/// The three header rows, built from [`COLUMNS`]: a column without a parent spans rows 2–3, the
/// columns sharing a parent get one spanning cell over them.
fn header(b: &mut Builder, data_cols: usize) {
    b.header((0, 0), (HEADER_ROWS, LABEL_COLS), CROSS_CHECK_NOTE);
    b.header((0, LABEL_COLS), (1, COLUMNS.len()), APPLICANT_HEADER);
    let mut i = 0;
    while i < COLUMNS.len() {
        let x = LABEL_COLS + i;
        match COLUMNS[i].parent {
            None => {
                b.header((1, x), (2, 1), COLUMNS[i].label);
                i += 1;
            }
            Some(parent) => {
                let n = COLUMNS[i..]
                    .iter()
                    .take_while(|c| c.parent == Some(parent))
                    .count();
                b.header((1, x), (1, n), parent);
                for (k, c) in COLUMNS[i..i + n].iter().enumerate() {
                    b.header((2, x + k), (1, 1), c.label);
                }
                i += n;
            }
        }
    }
    if data_cols > COLUMNS.len() {
        let x = LABEL_COLS + COLUMNS.len();
        b.header((0, x), (HEADER_ROWS, data_cols - COLUMNS.len()), "");
    }
}

/// The label cells of `row` at grid row `y`: full width outside the results, otherwise under
/// the results header, with the group label on the group's first present row.
fn row_labels(b: &mut Builder, y: usize, row: Row, present: &[Row]) {
    let def = row.def();
    if !def.in_results {
        b.label((y, 0), (1, LABEL_COLS), def.label);
        return;
    }
    let first_result = present.iter().position(|r| r.def().in_results);
    if first_result.map(|i| present[i]) == Some(row) {
        let n = present.iter().filter(|r| r.def().in_results).count();
        b.label((y, 0), (n, 1), RESULTS_HEADER);
    }
    match def.group {
        None => b.label((y, 1), (1, 2), def.label),
        Some(group) => {
            let members: Vec<&Row> = present
                .iter()
                .filter(|r| r.def().group == Some(group))
                .collect();
            if members.first() == Some(&&row) {
                b.label((y, 1), (members.len(), 1), group);
            }
            b.label((y, 2), (1, 1), def.label);
        }
    }
}
