//! Structural rules: S-01 (missing table or row), S-02 (format vs year), S-03 (blank or
//! non-numeric cell where a number is required), S-04 (negative or fractional count).

use super::paths;
use crate::report::table2::{self, ColKind};
use crate::report::table3::{Applicant, COLUMNS, Row};
use crate::report::table4::{Group, Outcome};
use crate::report::{AnnualReport, Cell, Finding, Format, Severity, TableId};

/// Runs S-01…S-04 on one report.
pub fn check(r: &AnnualReport, out: &mut Vec<Finding>) {
    format_matches_year(r, out);
    missing(r, out);
    for (at, cell, kind) in standard_cells(r) {
        cell_kind(&at, cell, kind, out);
    }
}

fn format_matches_year(r: &AnnualReport, out: &mut Vec<Finding>) {
    let Some(year) = r.year else { return };
    let expected = Format::for_year(year);
    if expected != r.format {
        out.push(Finding::new(
            "S-02",
            Severity::Error,
            "format",
            format!(
                "{year}年度报告应使用{expected}格式（{}），实际为{}格式",
                expected.notice(),
                r.format
            ),
        ));
    }
}

/// S-01 (warning): a 2021-format report that prints （六） as one row merges three rows the
/// format keeps apart; its identities are judged with the merged row.
fn merged_other(r: &AnnualReport, out: &mut Vec<Finding>) {
    if !r.other_merged() {
        return;
    }
    let parts: Vec<String> = Row::of(r.format)
        .filter(|row| row.is_other_part())
        .map(|row| format!("“{}”", row.def().full_label()))
        .collect();
    let msg = format!(
        "{}把“（六）其他处理”印为一行，2021年版应分列的{}三行被合并，无法分别核对",
        TableId::Table3.name(),
        parts.join("、")
    );
    out.push(Finding::new("S-01", Severity::Warning, "table3.other", msg));
}

fn missing(r: &AnnualReport, out: &mut Vec<Finding>) {
    merged_other(r, out);
    let f = r.format;
    let t2_missing: Vec<_> = table2::blocks(f)
        .iter()
        .flat_map(|b| b.items)
        .filter(|d| !r.table2.contains_key(&d.item))
        .map(|d| (format!("table2.{}", d.key), d.label.to_owned()))
        .collect();
    let t3_missing: Vec<_> = r
        .t3_rows()
        .into_iter()
        .filter(|row| !r.table3.contains_key(row))
        .map(|row| (format!("table3.{}", row.def().key), row.def().full_label()))
        .collect();
    let t4_missing: Vec<_> = Group::ALL
        .into_iter()
        .filter(|g| !r.table4.contains_key(g))
        .map(|g| (format!("table4.{}", g.def().key), g.def().label.to_owned()))
        .collect();
    let empty = [
        r.table2.is_empty(),
        r.table3.is_empty(),
        r.table4.is_empty(),
    ];
    for ((table, rows), is_empty) in TableId::ALL
        .into_iter()
        .zip([t2_missing, t3_missing, t4_missing])
        .zip(empty)
    {
        if is_empty {
            let msg = format!("缺少{}", table.name());
            out.push(Finding::new("S-01", Severity::Error, table.key(), msg));
            continue;
        }
        for (path, label) in rows {
            let msg = format!("{}缺少“{label}”行", table.name());
            out.push(Finding::new("S-01", Severity::Error, path, msg));
        }
    }
}

/// Where a standard cell is. Its path and name are only written out for a finding: every
/// report has a few hundred cells and nearly all of them are fine.
enum At {
    T2(
        &'static table2::BlockDef,
        &'static table2::ItemDef,
        &'static table2::ColDef,
    ),
    T3(Row, Applicant),
    T4(Group, Outcome),
}

impl At {
    fn path(&self) -> String {
        match *self {
            At::T2(_, item, col) => paths::t2(item, col),
            At::T3(row, col) => paths::t3(row, col),
            At::T4(g, o) => paths::t4(g, o),
        }
    }

    fn name(&self) -> String {
        match *self {
            At::T2(block, item, col) => paths::t2_name(block, item, col),
            At::T3(row, col) => paths::t3_name(row, col),
            At::T4(g, o) => paths::t4_name(g, o),
        }
    }
}

/// Every standard cell present in the report, with where it is and its kind.
fn standard_cells(r: &AnnualReport) -> Vec<(At, &Cell, ColKind)> {
    let mut cells = Vec::new();
    for block in table2::blocks(r.format) {
        for item in block
            .items
            .iter()
            .filter(|d| r.table2.contains_key(&d.item))
        {
            for col in block.cols {
                let cell = r.t2(item.item, col.col);
                cells.push((At::T2(block, item, col), cell, col.kind));
            }
        }
    }
    for row in r
        .t3_rows()
        .into_iter()
        .filter(|row| r.table3.contains_key(row))
    {
        for col in COLUMNS.iter().map(|c| c.column) {
            cells.push((At::T3(row, col), r.t3(row, col), ColKind::Count));
        }
    }
    for g in Group::ALL.into_iter().filter(|g| r.table4.contains_key(g)) {
        for o in Outcome::ALL {
            cells.push((At::T4(g, o), r.t4(g, o), ColKind::Count));
        }
    }
    cells
}

fn cell_kind(at: &At, cell: &Cell, kind: ColKind, out: &mut Vec<Finding>) {
    if kind == ColKind::Text {
        return;
    }
    let Some(n) = cell.number() else {
        let msg = format!(
            "{}为{}，应填写数字（没有则填0）",
            at.name(),
            cell.describe()
        );
        out.push(Finding::new("S-03", Severity::Warning, at.path(), msg));
        return;
    };
    let problem = match kind {
        ColKind::Count if n.is_sign_negative() && !n.is_zero() => Some("件数不能为负数"),
        ColKind::Count | ColKind::Signed if !n.fract().is_zero() => Some("件数应为整数"),
        ColKind::Amount if n.is_sign_negative() && !n.is_zero() => Some("金额不能为负数"),
        _ => None,
    };
    if let Some(problem) = problem {
        let msg = format!("{}为{}，{problem}", at.name(), n.normalize());
        out.push(Finding::new("S-04", Severity::Error, at.path(), msg));
    }
}

/// The six applicant columns plus 总计, for callers that iterate columns.
pub fn columns() -> impl Iterator<Item = Applicant> {
    COLUMNS.iter().map(|c| c.column)
}
