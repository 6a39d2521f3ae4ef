//! Table 三 (and 四) from the groups of their regions: rows matched by keywords, cells fitted
//! and repaired with diagnostics.

use crate::diag;
use crate::keywords::{all_rows, match_row};
use crate::repair::{Fit, fit_plain, fit_row7};
use crate::stream::{self, Group};
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::Group as T4Group;
use gongkai_domain::report::{AnnualReport, Cell, Finding, Format, TableId};

/// Reads table 三 from its groups into `report` (whose format is already decided).
pub fn read(groups: &[Group], report: &mut AnnualReport) {
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
        let fit = fit_row7(&g.trimmed(7));
        let path = format!("table3.{}", row.def().key);
        let cells = settle(fit, &path, &mut report.diagnostics);
        if let Ok(arr) = <[Cell; 7]>::try_from(cells) {
            report.table3.insert(row, arr);
        }
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

/// Reads table 四: the 15 numbers of its data row, in printed order.
pub fn read_t4(groups: &[Group], report: &mut AnnualReport) {
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
