//! Table 四 政府信息公开行政复议、行政诉讼情况 as printed: “行政复议” over five columns, “行政诉讼”
//! over ten split into 未经复议直接起诉 and 复议后起诉, then the fifteen outcome labels and one row
//! of numbers. In the 2019 layout the five 行政复议 outcome labels span two header rows (next to
//! the litigation sub-groups); in the 2021 layout “行政复议” itself spans them.
//!
//! The official table has no label column. One is added only when the report has extra rows for
//! table 四, which need their label printed somewhere.

use super::{Builder, Content, Grid, extras};
use gongkai_domain::report::rules::paths;
use gongkai_domain::report::table4::{Group, OUTCOME_LABELS, Outcome};
use gongkai_domain::report::{AnnualReport, Format, TableId};

const HEADER_ROWS: usize = 3;
const N: usize = OUTCOME_LABELS.len();

/// Lays out table 四, or `None` when the report has no group of it.
pub(super) fn grid(report: &AnnualReport) -> Option<Grid> {
    let groups: Vec<Group> = Group::ALL
        .into_iter()
        .filter(|g| report.table4.contains_key(g))
        .collect();
    let extra = extras(report, TableId::Table4);
    if groups.is_empty() && extra.is_empty() {
        return None;
    }
    let label_cols = usize::from(!extra.is_empty());
    let longest = extra.iter().map(|(_, e)| e.cells.len()).max().unwrap_or(0);
    let data_cols = (N * groups.len()).max(longest);
    let mut b = Builder::default();
    if label_cols == 1 {
        b.header((0, 0), (HEADER_ROWS, 1), "");
    }
    header(&mut b, report.format, &groups, label_cols);
    if data_cols > N * groups.len() {
        let x = label_cols + N * groups.len();
        b.header((0, x), (HEADER_ROWS, data_cols - N * groups.len()), "");
    }
    let mut y = HEADER_ROWS;
    if !groups.is_empty() {
        if label_cols == 1 {
            b.label((y, 0), (1, 1), "");
        }
        values(&mut b, report, &groups, (y, label_cols));
        y += 1;
    }
    for (index, e) in &extra {
        b.extra_row(y, (label_cols, data_cols), *index, e);
        y += 1;
    }
    let mut widths = vec![6; label_cols];
    widths.resize(label_cols + data_cols, 3);
    Some(b.finish(TableId::Table4, HEADER_ROWS, label_cols, widths))
}

/// The header rows for the present `groups`, from column `x0`.
fn header(b: &mut Builder, format: Format, groups: &[Group], x0: usize) {
    let litigation = groups.iter().filter(|g| g.def().parent.is_some()).count();
    let mut x = x0;
    let mut litigation_done = false;
    for g in groups {
        let def = g.def();
        match def.parent {
            None if format == Format::F2019 => {
                b.header((0, x), (1, N), def.label);
                outcome_labels(b, (1, x), 2);
            }
            None => {
                b.header((0, x), (2, N), def.label);
                outcome_labels(b, (2, x), 1);
            }
            Some(parent) => {
                if !litigation_done {
                    b.header((0, x), (1, N * litigation), parent);
                    litigation_done = true;
                }
                b.header((1, x), (1, N), def.label);
                outcome_labels(b, (2, x), 1);
            }
        }
        x += N;
    }
}

/// The five outcome labels from `(row, x)`, each `rows` high.
fn outcome_labels(b: &mut Builder, (row, x): (usize, usize), rows: usize) {
    for (k, label) in OUTCOME_LABELS.iter().enumerate() {
        b.header((row, x + k), (rows, 1), label);
    }
}

/// The one data row: five cells per present group.
fn values(b: &mut Builder, report: &AnnualReport, groups: &[Group], (y, x0): (usize, usize)) {
    for (gi, g) in groups.iter().enumerate() {
        for o in Outcome::ALL {
            let cell = Content::Value(report.t4(*g, o).clone());
            let at = (y, x0 + gi * N + o.index());
            b.put_value(at, (1, 1), cell, vec![paths::t4(*g, o)]);
        }
    }
}
