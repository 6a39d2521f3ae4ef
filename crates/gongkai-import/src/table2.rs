//! Table 二 from the groups of its region: items matched by keywords, columns from the block
//! definitions of the domain, amounts converted to 万元.

use crate::diag;
use crate::keywords::match_item;
use crate::normalize::key;
use crate::repair::fit_plain;
use crate::stream::{self, Group, Value};
use crate::table3::settle;
use gongkai_domain::report::table2::{self, Col, ColKind, Item};
use gongkai_domain::report::{AnnualReport, Cell, Format, TableId};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The format table 二's headers show, if they show one.
pub fn format_of(region_text: &str) -> Option<Format> {
    let k = key(region_text);
    let has = |ws: &[&str]| ws.iter().any(|w| k.contains(w));
    if has(&["本年制发", "本年废止", "现行有效", "本年收费金额"]) {
        Some(Format::F2021)
    } else if has(&[
        "新制作",
        "新公开数量",
        "对外公开总数",
        "上一年项目",
        "采购项目",
        "第(九)项",
    ]) {
        Some(Format::F2019)
    } else {
        None
    }
}

/// Reads table 二 from its groups into `report`.
pub fn read(groups: &[Group], report: &mut AnnualReport) {
    let items: Vec<Item> = table2::blocks(report.format)
        .iter()
        .flat_map(|b| b.items.iter().map(|d| d.item))
        .collect();
    for g in groups.iter().filter(|g| !g.all_blank()) {
        let Some(item) = match_item(&g.label, items.iter().copied()) else {
            extra(report, g);
            continue;
        };
        if report.table2.contains_key(&item) {
            extra(report, g);
            continue;
        }
        let Some((block, def)) = table2::find_item(report.format, item) else {
            continue;
        };
        let n = block.cols.len();
        let path = format!("table2.{}", def.key);
        let fit = fit_plain(&g.trimmed(n), n);
        let cells = settle(fit, &path, &mut report.diagnostics);
        let mut row = BTreeMap::new();
        for (c, cell) in block.cols.iter().zip(cells) {
            if c.kind == ColKind::Amount {
                amount(&mut row, c.col, &cell, g, &path, report);
            } else {
                row.insert(c.col, cell);
            }
        }
        report.table2.insert(item, row);
    }
}

fn amount(
    row: &mut BTreeMap<Col, Cell>,
    col: Col,
    cell: &Cell,
    g: &Group,
    path: &str,
    report: &mut AnnualReport,
) {
    let raw = g
        .cells
        .iter()
        .flatten()
        .find(|v| v.cell == *cell && v.raw.chars().any(|c| !c.is_ascii_digit() && c != '.'))
        .map(|v: &Value| v.raw.clone());
    let Some(raw) = raw.filter(|_| cell.number().is_some()) else {
        row.insert(col, cell.clone());
        return;
    };
    let n = cell.number().unwrap_or_default();
    let yuan = raw.ends_with('元') && !raw.ends_with("万元");
    let wan = if yuan { n / Decimal::from(10_000) } else { n };
    row.insert(col, Cell::Number(wan.normalize()));
    if report.format == Format::F2019 && item_has_text(col) {
        row.insert(Col::AmountText, Cell::Token(raw.clone()));
    }
    if yuan {
        let msg = format!("金额“{raw}”按元换算为{}万元", wan.normalize());
        report.diagnostics.push(diag::info(diag::AMOUNT, path, msg));
    }
}

fn item_has_text(col: Col) -> bool {
    col == Col::AmountWan
}

/// An unknown row of table 二 (e.g. 其他主动公开文件) is kept as an extra row.
fn extra(report: &mut AnnualReport, g: &Group) {
    if !g.last.is_empty() {
        stream::keep_as_extra(report, TableId::Table2, g, "表二中有一行不是标准行");
    }
}
