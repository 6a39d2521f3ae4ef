//! Table 四 decoded against its template: 15 numbers in a fixed order (three groups of five,
//! each group's 总计 the sum of its four outcomes), printed as one row of 15, as one row per
//! group, or run together as one string of digits.

use crate::diag;
use crate::normalize::key;
use crate::repair::fit_plain;
use crate::split::{self, Identity, cell_of};
use crate::stream::{Group, Value};
use gongkai_domain::report::table4::{Group as T4Group, OUTCOME_LABELS};
use gongkai_domain::report::{AnnualReport, Cell};

/// Reads table 四 from its groups into `report`. `region` is the region's text.
pub fn read(groups: &[Group], region: &str, report: &mut AnnualReport) {
    let printed: Vec<&Group> = groups.iter().filter(|g| !g.all_blank()).collect();
    if printed.is_empty() {
        blank_table(region, report);
        return;
    }
    if let Some(rows) = by_group(&printed) {
        for (group, values) in rows {
            let path = format!("table4.{}", group.def().key);
            let identity = [Identity {
                parts: 0..4,
                total: 4,
            }];
            let cells = decode(&values, 5, &identity, &path, report);
            report.table4.insert(group, five(&cells, 0));
        }
        return;
    }
    let whole = printed.iter().find(|g| {
        let (lo, hi) = split::span(&g.trimmed(15));
        (lo..=hi).contains(&15)
    });
    let values: Vec<Option<Value>> = match whole {
        Some(g) => g.trimmed(15),
        None => printed.iter().flat_map(|g| g.trimmed(0)).collect(),
    };
    let cells = decode(&values, 15, &split::table4(), "table4", report);
    for (i, group) in T4Group::ALL.iter().enumerate() {
        report.table4.insert(*group, five(&cells, i * 5));
    }
}

fn five(cells: &[Cell], from: usize) -> [Cell; 5] {
    std::array::from_fn(|i| cells.get(from + i).cloned().unwrap_or(Cell::Blank))
}

/// The three groups each printed as a row of five (labelled by group, or in template order).
fn by_group(printed: &[&Group]) -> Option<Vec<(T4Group, Vec<Option<Value>>)>> {
    if printed.len() != 3 {
        return None;
    }
    let mut out = Vec::new();
    for (g, want) in printed.iter().zip(T4Group::ALL) {
        let values = g.trimmed(5);
        let (lo, hi) = split::span(&values);
        let named = group_of(&g.label);
        if !(lo..=hi).contains(&5) || named.is_some_and(|n| n != want) {
            return None;
        }
        out.push((want, values));
    }
    Some(out)
}

/// The group a label names: the keyword that ends latest wins (a longer one on a tie).
pub fn group_of(label: &str) -> Option<T4Group> {
    let k = key(label);
    T4Group::ALL
        .into_iter()
        .flat_map(|g| {
            let k = &k;
            g.def()
                .keywords
                .iter()
                .filter_map(move |w| k.rfind(w).map(|p| ((p + w.len(), w.len()), g)))
        })
        .max_by_key(|(end, _)| *end)
        .map(|(_, g)| g)
}

/// `n` cells from printed values: as printed, split where digits ran together (by the
/// identities), or padded; every decision a diagnostic at `path`.
fn decode(
    values: &[Option<Value>],
    n: usize,
    identities: &[Identity],
    path: &str,
    report: &mut AnnualReport,
) -> Vec<Cell> {
    if values.len() == n || !split::has_runs(values) {
        return fit_plain(values, n).settle(path, &mut report.diagnostics);
    }
    let shown: Vec<&str> = values.iter().flatten().map(|v| v.raw.as_str()).collect();
    let shown = shown.join(" ");
    let found = split::splits(values, n, identities);
    let cells: Vec<Vec<Cell>> = found
        .candidates
        .iter()
        .map(|c| c.iter().map(cell_of).collect())
        .collect();
    let (cells, rule, msg) = match cells.as_slice() {
        [one] => (
            one.clone(),
            diag::SPLIT,
            format!("数字连在一起印出（“{shown}”），按各组总计拆成{n}格，只有这一种拆法"),
        ),
        [] => return unchecked(values, n, &shown, path, report),
        many => (
            agreed(many),
            diag::AMBIGUOUS,
            format!(
                "数字连在一起印出（“{shown}”），有{}种以上拆法都符合各组总计，无法确定，不一致的格已留空",
                many.len()
            ),
        ),
    };
    let f = if rule == diag::SPLIT {
        diag::info(rule, path, msg)
    } else {
        diag::warn(rule, path, msg)
    };
    report.diagnostics.push(f);
    cells
}

/// Digits that no split makes consistent: one split is kept as uncertain; else blanks.
fn unchecked(
    values: &[Option<Value>],
    n: usize,
    shown: &str,
    path: &str,
    report: &mut AnnualReport,
) -> Vec<Cell> {
    let found = split::splits(values, n, &[]);
    let (cells, msg) = match found.candidates.as_slice() {
        [one] => (
            one.iter().map(cell_of).collect(),
            format!(
                "数字连在一起印出（“{shown}”），只有一种拆法，但拆出的总计与各项之和不符，可能读错"
            ),
        ),
        _ => (
            vec![Cell::Blank; n],
            format!("数字连在一起印出（“{shown}”），无法确定如何拆成{n}格，已留空"),
        ),
    };
    report
        .diagnostics
        .push(diag::warn(diag::UNCERTAIN, path, msg));
    cells
}

/// The cells all candidates agree on; the others blank.
fn agreed(many: &[Vec<Cell>]) -> Vec<Cell> {
    (0..many[0].len())
        .map(|i| {
            let first = &many[0][i];
            if many.iter().all(|c| &c[i] == first) {
                first.clone()
            } else {
                Cell::Blank
            }
        })
        .collect()
}

/// A table 四 printed with its headers but no values: three blank groups and one diagnostic.
fn blank_table(region: &str, report: &mut AnnualReport) {
    let k = key(region);
    let headed = T4Group::ALL[0].def().keywords.iter().any(|w| k.contains(w))
        && OUTCOME_LABELS.iter().filter(|l| k.contains(*l)).count() >= 3;
    if !headed {
        return;
    }
    for group in T4Group::ALL {
        report
            .table4
            .insert(group, std::array::from_fn(|_| Cell::Blank));
    }
    let msg = "表四印出时没有任何数字（所有单元格空白），各组按空白保留";
    report
        .diagnostics
        .push(diag::warn(diag::BLANK, "table4", msg));
}
