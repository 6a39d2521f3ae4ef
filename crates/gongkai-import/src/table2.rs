//! Table 二 from the groups of its region: items matched by keywords, columns from the block
//! definitions of the domain, amounts converted to 万元.

use crate::diag;
use crate::keywords::match_item;
use crate::normalize::key;
use crate::repair::fit_plain;
use crate::split;
use crate::stream::{self, Group, Value};
use gongkai_domain::report::table2::{self, Col, ColKind, Item};
use gongkai_domain::report::{AnnualReport, Cell, Format, TableId};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The format table 二's column headers show, if they show one: a column label that only one
/// format prints (from the domain's block definitions).
pub fn format_of(region_text: &str) -> Option<Format> {
    let k = key(region_text);
    let only_in = |f: Format, other: Format| {
        let theirs: Vec<String> = columns(other).map(key).collect();
        columns(f)
            .map(key)
            .filter(|c| !theirs.contains(c))
            .any(|c| k.contains(&c))
    };
    [Format::F2021, Format::F2019]
        .into_iter()
        .find(|f| only_in(*f, other(*f)))
}

fn other(f: Format) -> Format {
    match f {
        Format::F2019 => Format::F2021,
        Format::F2021 => Format::F2019,
    }
}

/// The printed column labels of a format's blocks, without units in brackets and without the
/// “本年” that headers often reword (“本年度…”).
fn columns(f: Format) -> impl Iterator<Item = &'static str> {
    table2::blocks(f).iter().flat_map(|b| {
        b.cols.iter().map(|c| {
            let l = c.label.split('（').next().unwrap_or(c.label);
            l.strip_prefix("本年").unwrap_or(l)
        })
    })
}

/// Reads table 二 from its groups into `report`: labelled rows by their labels (blocks may be
/// printed in any order), rows printed without a label by their place between labelled ones.
pub fn read(groups: &[Group], region: &str, report: &mut AnnualReport) {
    let items: Vec<Item> = table2::blocks(report.format)
        .iter()
        .flat_map(|b| b.items.iter().map(|d| d.item))
        .collect();
    if groups.iter().all(Group::all_blank) {
        blank_table(&items, region, report);
        return;
    }
    let printed: Vec<&Group> = groups.iter().filter(|g| !g.all_blank()).collect();
    let mut at: Vec<Option<usize>> = vec![None; printed.len()];
    for (gi, g) in printed.iter().enumerate() {
        let Some(item) = match_item(&g.label, items.iter().copied()) else {
            continue;
        };
        let i = items.iter().position(|x| *x == item).unwrap_or_default();
        if at.contains(&Some(i)) {
            extra(report, g);
        } else {
            at[gi] = Some(i);
        }
    }
    place_orphans(&printed, &items, &mut at, report.format);
    for (gi, g) in printed.iter().enumerate() {
        match at[gi] {
            Some(i) => row(g, items[i], report),
            None if g.inline || match_item(&g.label, items.iter().copied()).is_some() => {
                extra(report, g);
            }
            None => {
                let values: Vec<&str> = g.cells.iter().flatten().map(|v| v.raw.as_str()).collect();
                let msg = format!("表二中有不属于任何一行的数字“{}”，已忽略", values.join(" "));
                report
                    .diagnostics
                    .push(diag::info(diag::STRAY, "table2", msg));
            }
        }
    }
}

/// Places groups printed without a label of their own (not inline, naming no item) into the
/// free items between their labelled neighbours, when the count matches exactly.
fn place_orphans(printed: &[&Group], items: &[Item], at: &mut [Option<usize>], f: Format) {
    let mut gi = 0;
    while gi < printed.len() {
        if at[gi].is_some() || printed[gi].inline {
            gi += 1;
            continue;
        }
        let run: Vec<usize> = (gi..printed.len())
            .take_while(|&j| at[j].is_none() && !printed[j].inline)
            .collect();
        let prev = at[..gi].iter().rev().flatten().next().copied();
        let next = at[gi + run.len()..].iter().flatten().next().copied();
        let taken: Vec<usize> = at.iter().flatten().copied().collect();
        let lo = prev.map_or(0, |p| p + 1);
        let hi = next.filter(|n| *n >= lo).unwrap_or(items.len());
        let free: Vec<usize> = (lo..hi).filter(|i| !taken.contains(i)).collect();
        let fits = run.iter().zip(&free).all(|(&j, &i)| {
            let n = width(f, items[i]);
            let (a, b) = split::span(&printed[j].trimmed(n));
            (a..=b).contains(&n)
        });
        if free.len() == run.len() && fits {
            for (&j, &i) in run.iter().zip(&free) {
                at[j] = Some(i);
            }
        }
        gi += run.len();
    }
}

fn width(f: Format, item: Item) -> usize {
    table2::find_item(f, item).map_or(0, |(b, _)| b.cols.len())
}

/// Reads one item's row from its group.
fn row(g: &Group, item: Item, report: &mut AnnualReport) {
    let Some((block, def)) = table2::find_item(report.format, item) else {
        return;
    };
    let n = block.cols.len();
    let path = format!("table2.{}", def.key);
    if !g.inline && match_item(&g.label, std::iter::once(item)).is_none() {
        let msg = format!("原文这一行没有行名，按表格模板的行序定为“{}”", def.label);
        report
            .diagnostics
            .push(diag::warn(diag::PLACED, &path, msg));
    }
    let values = decode(&g.trimmed(n), n, &path, report);
    let mut cols = BTreeMap::new();
    for (c, v) in block.cols.iter().zip(values) {
        let cell = split::cell_of(&v);
        if c.kind == ColKind::Amount {
            amount(&mut cols, c.col, &cell, v.as_ref(), &path, report);
        } else {
            cols.insert(c.col, cell);
        }
    }
    report.table2.insert(item, cols);
}

/// `n` values from printed ones: as printed; split where digits ran together (only when one
/// split exists: table 二 has no identity to choose with); or padded.
fn decode(
    values: &[Option<Value>],
    n: usize,
    path: &str,
    report: &mut AnnualReport,
) -> Vec<Option<Value>> {
    if values.len() != n && split::has_runs(values) {
        let shown: Vec<&str> = values.iter().flatten().map(|v| v.raw.as_str()).collect();
        let shown = shown.join(" ");
        let found = split::splits(values, n, &[]);
        if let [one] = found.candidates.as_slice() {
            let msg = format!("数字连在一起印出（“{shown}”），只有一种拆法，已拆成{n}格");
            report.diagnostics.push(diag::info(diag::SPLIT, path, msg));
            return one.clone();
        }
        if !found.candidates.is_empty() {
            let listed: Vec<String> = found
                .candidates
                .iter()
                .take(5)
                .map(|c| {
                    c.iter()
                        .map(|v| v.as_ref().map_or("空", |v| v.raw.as_str()))
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .collect();
            let count = if found.complete {
                format!("{}种", found.candidates.len())
            } else {
                "多种".to_owned()
            };
            let msg = format!(
                "数字连在一起印出（“{shown}”），有{count}拆法（{}……），表二没有勾稽关系可以判断，已留空",
                listed.join("；")
            );
            report
                .diagnostics
                .push(diag::warn(diag::AMBIGUOUS, path, msg));
            return vec![None; n];
        }
    }
    let cells = fit_plain(values, n).settle(path, &mut report.diagnostics);
    cells
        .into_iter()
        .map(|cell| {
            let raw = values
                .iter()
                .flatten()
                .find(|v| v.cell == cell)
                .map(|v| v.raw.clone());
            (!cell.is_blank()).then(|| Value {
                raw: raw.unwrap_or_else(|| cell.describe()),
                cell,
            })
        })
        .collect()
}

/// A table 二 printed with its labels but no values: every item blank, one diagnostic.
fn blank_table(items: &[Item], region: &str, report: &mut AnnualReport) {
    let k = key(region);
    let named = items
        .iter()
        .filter(|i| {
            i.keywords()
                .iter()
                .any(|alt| alt.iter().all(|w| k.contains(w)))
        })
        .count();
    if named * 2 < items.len() {
        return;
    }
    for item in items {
        if let Some((block, _)) = table2::find_item(report.format, *item) {
            let cols = block.cols.iter().map(|c| (c.col, Cell::Blank)).collect();
            report.table2.insert(*item, cols);
        }
    }
    let msg = "表二印出时没有任何数字（所有单元格空白），各行按空白保留";
    report
        .diagnostics
        .push(diag::warn(diag::BLANK, "table2", msg));
}

fn amount(
    row: &mut BTreeMap<Col, Cell>,
    col: Col,
    cell: &Cell,
    printed: Option<&Value>,
    path: &str,
    report: &mut AnnualReport,
) {
    let raw = printed
        .map(|v| v.raw.clone())
        .filter(|r| r.chars().any(|c| !c.is_ascii_digit() && c != '.'));
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
