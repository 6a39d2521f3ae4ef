//! Table 三 (and 四) from the groups of their regions: rows matched by keywords, cells fitted
//! and repaired with diagnostics.

use crate::diag;
use crate::keywords::{all_rows, match_row};
use crate::normalize::key;
use crate::repair::{Fit, fit_plain, fit_row7};
use crate::stream::{self, Group, Value};
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::Group as T4Group;
use gongkai_domain::report::{AnnualReport, Cell, Finding, Format, TableId};
use rust_decimal::Decimal;

/// Reads table 三 from its groups into `report` (whose format is already decided).
pub fn read(groups: &[Group], report: &mut AnnualReport) {
    let subtotal = has_subtotal_column(groups);
    if subtotal {
        let msg = "表三多印了一列“小计”（法人或其他组织合计），官方格式没有这一列，已去掉";
        report
            .diagnostics
            .push(diag::info(diag::EXTRA, "table3", msg));
    }
    for g in groups {
        let Some(row) = match_row(&g.label, all_rows()) else {
            if !g.all_blank() && !g.last.is_empty() {
                extra(report, g, "表三中有一行不是标准行");
            }
            continue;
        };
        let placeholder = report
            .table3
            .get(&row)
            .is_some_and(|c| c.iter().all(Cell::is_blank));
        if (g.all_blank() || !placeholder) && report.table3.contains_key(&row) {
            if !g.all_blank() && row != Row::Total {
                let path = format!("table3.{}", row.def().key);
                let msg = format!("“{}”出现了两次，保留第一次的数字", row.def().full_label());
                report.diagnostics.push(diag::warn(diag::DUP, path, msg));
            }
            continue;
        }
        if g.all_blank() && g.cells.len() < 7 {
            continue;
        }
        if !row.def().formats.contains(report.format) {
            extra(
                report,
                g,
                &format!("这一行属于另一版格式，不在{}表三中", report.format),
            );
            continue;
        }
        let path = format!("table3.{}", row.def().key);
        let mut values = g.trimmed(7);
        if subtotal && values.len() == 8 {
            let dropped = values.remove(1);
            check_subtotal(dropped.as_ref(), &values, &path, &mut report.diagnostics);
        }
        let fit = fit_row7(&values);
        let cells = settle(fit, &path, &mut report.diagnostics);
        if let Ok(arr) = <[Cell; 7]>::try_from(cells) {
            report.table3.insert(row, arr);
        }
    }
}

/// Whether the table has an eighth column, a 小计 of the five 法人或其他组织 columns after
/// 自然人 (some local templates add it): its header says “小计”, or at least three rows have
/// eight numbers and in every one the second is the sum of the next five.
fn has_subtotal_column(groups: &[Group]) -> bool {
    let eight: Vec<Vec<Option<i64>>> = groups
        .iter()
        .map(|g| g.trimmed(7))
        .filter(|v| v.len() == 8)
        .map(|v| {
            v.iter()
                .map(|c| c.as_ref().and_then(|v| v.cell.integer()))
                .collect()
        })
        .collect();
    // The first group's label holds the header lines printed before the first row's numbers.
    let header = groups
        .first()
        .is_some_and(|g| key(&g.label).contains("小计"));
    let sums = |r: &Vec<Option<i64>>| {
        let n: Option<Vec<i64>> = r.iter().copied().collect();
        n.is_some_and(|n| n[1] == n[2..7].iter().sum::<i64>() && n[7] == n[0] + n[1])
    };
    !eight.is_empty() && (header || (eight.len() >= 3 && eight.iter().all(sums)))
}

/// Warns when a dropped 小计 was not the sum of the five columns it stands for.
fn check_subtotal(
    dropped: Option<&Value>,
    rest: &[Option<Value>],
    path: &str,
    out: &mut Vec<Finding>,
) {
    let parts: Option<Decimal> = rest[1..6]
        .iter()
        .map(|c| c.as_ref().and_then(|v| v.cell.number()))
        .sum();
    let printed = dropped.and_then(|v| v.cell.number());
    if let (Some(p), Some(sum)) = (printed, parts)
        && p != sum
    {
        let msg = format!("去掉的“小计”印为{p}，而五类法人或其他组织之和为{sum}");
        out.push(diag::warn(diag::EXTRA, path, msg));
    }
}

fn extra(report: &mut AnnualReport, g: &Group, why: &str) {
    stream::keep_as_extra(report, TableId::Table3, g, why);
}

/// Turns a fit into cells, recording a diagnostic for anything not printed as is.
pub fn settle(fit: Fit, path: &str, out: &mut Vec<Finding>) -> Vec<Cell> {
    match fit {
        Fit::Exact(c) => c,
        Fit::Repaired(c, msg) => {
            out.push(diag::warn(diag::REPAIR, path, msg));
            c
        }
        Fit::Unsure(c, msg) => {
            let rule = if msg.contains("其余留空") {
                diag::MISSING
            } else {
                diag::EXTRA
            };
            out.push(diag::warn(rule, path, msg));
            c
        }
    }
}

/// Reads table 四: the 15 numbers of its data row in printed order, or, where the table is
/// printed as one row per group (行政复议 / 未经复议直接起诉 / 复议后起诉), five per row.
pub fn read_t4(groups: &[Group], report: &mut AnnualReport) {
    if let Some(rows) = t4_by_group(groups) {
        for (group, cells) in rows {
            report.table4.insert(group, cells);
        }
        return;
    }
    let best = groups
        .iter()
        .filter(|g| !g.all_blank())
        .max_by_key(|g| g.cells.iter().flatten().count());
    let Some(g) = best else { return };
    let fit = fit_plain(&g.trimmed(15), 15);
    let cells = settle(fit, "table4", &mut report.diagnostics);
    for (i, group) in T4Group::ALL.iter().enumerate() {
        if let Ok(arr) = <[Cell; 5]>::try_from(cells[i * 5..i * 5 + 5].to_vec()) {
            report.table4.insert(*group, arr);
        }
    }
}

/// The three groups of table 四 each as a labelled row of exactly five values, if it is printed so.
fn t4_by_group(groups: &[Group]) -> Option<Vec<(T4Group, [Cell; 5])>> {
    let mut found = Vec::new();
    for g in groups.iter().filter(|g| !g.all_blank()) {
        let k = key(&g.last);
        let group = if k.contains("直接起诉") || k.contains("未经复议") {
            T4Group::LitigationDirect
        } else if k.contains("复议后") {
            T4Group::LitigationAfterReview
        } else if k.contains("复议") {
            T4Group::AdminReview
        } else {
            continue;
        };
        let cells: Vec<Cell> = g
            .trimmed(5)
            .into_iter()
            .map(|c| c.map_or(Cell::Blank, |v| v.cell))
            .collect();
        found.push((group, <[Cell; 5]>::try_from(cells).ok()?));
    }
    let order: Vec<T4Group> = found.iter().map(|(g, _)| *g).collect();
    (order == T4Group::ALL).then_some(found)
}

/// Whether table 三's text shows the 2021 rows of （六）.
pub fn looks_2021(groups: &[Group]) -> Option<Format> {
    let rows: Vec<Row> = groups
        .iter()
        .filter_map(|g| match_row(&g.label, all_rows()))
        .collect();
    if rows
        .iter()
        .any(|r| matches!(r, Row::OtherNoCorrection | Row::OtherFeeUnpaid))
    {
        Some(Format::F2021)
    } else {
        None
    }
}
