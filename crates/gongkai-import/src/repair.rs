//! Repairing a table-三 row whose cell count is wrong, using the row identity
//! 总计 = the sum of the six applicant columns (rule T3-02). A repair is only made when exactly
//! one consistent row results; otherwise the printed values are kept and marked.

use crate::diag;
use crate::stream::Value;
use gongkai_domain::report::{Cell, Finding};
use rust_decimal::Decimal;

/// The result of fitting printed values to `n` cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// Exactly `n` cells were printed.
    Exact(Vec<Cell>),
    /// Repaired cells and what was done, in Chinese.
    Repaired(Vec<Cell>, String),
    /// Could not be decided: the values in order, padded with blanks or cut; the diagnostic id
    /// ([`diag::MISSING`] or [`diag::EXTRA`]) and what happened.
    Unsure(Vec<Cell>, &'static str, String),
}

impl Fit {
    /// The cells, recording a diagnostic at `path` for anything not printed as is.
    pub fn settle(self, path: &str, out: &mut Vec<Finding>) -> Vec<Cell> {
        match self {
            Fit::Exact(c) => c,
            Fit::Repaired(c, msg) => {
                out.push(diag::warn(diag::REPAIR, path, msg));
                c
            }
            Fit::Unsure(c, rule, msg) => {
                out.push(diag::warn(rule, path, msg));
                c
            }
        }
    }
}

fn cells(v: &[Option<Value>]) -> Vec<Cell> {
    v.iter()
        .map(|c| c.as_ref().map_or(Cell::Blank, |v| v.cell.clone()))
        .collect()
}

fn consistent(row: &[Cell]) -> bool {
    let nums: Option<Vec<Decimal>> = row.iter().map(Cell::number).collect();
    nums.is_some_and(|n| n.len() == 7 && n[..6].iter().sum::<Decimal>() == n[6])
}

/// Fits the printed cells of a table-三 row (7 cells, the last the row total).
pub fn fit_cells7(printed: &[Cell]) -> Fit {
    let printed = printed.to_vec();
    match printed.len() {
        7 => Fit::Exact(printed),
        1 if printed[0] == Cell::count(0) => Fit::Repaired(
            vec![Cell::count(0); 7],
            "本行只印了一个“0”（可能是合并单元格），按七列均为0处理".to_owned(),
        ),
        6 => unique(
            insertions(&printed),
            &printed,
            "本行只有6个数字，按行合计补出缺少的一格",
        ),
        8 => unique(
            merges(&printed),
            &printed,
            "本行有8个数字，按行合计合并了被拆开的数字或去掉多余的一格",
        ),
        _ => pad(&printed, 7),
    }
}

/// Every consistent repair of a table-三 row of 1, 6 or 8 printed cells (for the caller to
/// choose among with the identities across rows).
pub fn repairs7(printed: &[Cell]) -> Vec<Vec<Cell>> {
    let mut out = match printed.len() {
        1 if printed[0] == Cell::count(0) => vec![vec![Cell::count(0); 7]],
        6 => insertions(printed),
        8 => merges(printed),
        _ => Vec::new(),
    };
    out.retain(|c| consistent(c));
    out.dedup();
    out
}

fn unique(candidates: Vec<Vec<Cell>>, printed: &[Cell], what: &str) -> Fit {
    let mut ok: Vec<Vec<Cell>> = candidates.into_iter().filter(|c| consistent(c)).collect();
    ok.dedup();
    if ok.len() == 1
        && let Some(row) = ok.pop()
    {
        return Fit::Repaired(row, what.to_owned());
    }
    pad(printed, 7)
}

/// Every way of restoring one lost cell so that the row identity can hold.
fn insertions(p: &[Cell]) -> Vec<Vec<Cell>> {
    let nums: Option<Vec<Decimal>> = p.iter().map(Cell::number).collect();
    let Some(nums) = nums else { return Vec::new() };
    (0..=6)
        .filter_map(|at| {
            let mut row: Vec<Decimal> = nums.clone();
            let missing = if at == 6 {
                row.iter().sum()
            } else {
                let total = *row.last()?;
                total - row[..5].iter().sum::<Decimal>()
            };
            if missing.is_sign_negative() {
                return None;
            }
            row.insert(at, missing);
            Some(row.into_iter().map(Cell::Number).collect())
        })
        .collect()
}

/// Every way of joining two adjacent digits (“1” “0” → 10) or dropping one cell.
fn merges(p: &[Cell]) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for i in 0..p.len() - 1 {
        if let (Some(a), Some(b)) = (p[i].integer(), p[i + 1].integer())
            && (0..=9).contains(&b)
            && a >= 0
        {
            let mut row = p.to_vec();
            row[i] = Cell::count(a * 10 + b);
            row.remove(i + 1);
            out.push(row);
        }
    }
    for i in 0..p.len() {
        let mut row = p.to_vec();
        row.remove(i);
        out.push(row);
    }
    out
}

/// The printed cells in order, padded with blanks or cut to `n`.
pub fn pad(printed: &[Cell], n: usize) -> Fit {
    let mut row: Vec<Cell> = printed.iter().take(n).cloned().collect();
    row.resize(n, Cell::Blank);
    if printed.len() < n {
        let msg = format!(
            "本行只有{}格，应为{n}格；已按顺序填入，其余留空",
            printed.len()
        );
        Fit::Unsure(row, diag::MISSING, msg)
    } else {
        let msg = format!("本行有{}格，应为{n}格；已取前{n}格", printed.len());
        Fit::Unsure(row, diag::EXTRA, msg)
    }
}

/// Fits values to `n` cells with no identity to check (tables 二 and 四).
pub fn fit_plain(values: &[Option<Value>], n: usize) -> Fit {
    let printed = cells(values);
    if printed.len() == n {
        Fit::Exact(printed)
    } else if printed.len() > n && printed[n..].iter().all(|c| *c == printed[n - 1]) {
        let msg = format!(
            "本行有{}格，应为{n}格；多出的格与相邻格相同（均为{}），已去掉",
            printed.len(),
            printed[n - 1].describe()
        );
        Fit::Repaired(printed[..n].to_vec(), msg)
    } else {
        pad(&printed, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(ns: &[i64]) -> Vec<Option<Value>> {
        ns.iter()
            .map(|n| {
                Some(Value {
                    cell: Cell::count(*n),
                    raw: n.to_string(),
                })
            })
            .collect()
    }

    #[test]
    fn a_split_ten_is_joined_when_the_row_sum_says_so() {
        let fit = fit_cells7(&cells(&vals(&[1, 0, 2, 0, 0, 0, 0, 12])));
        let expect: Vec<Cell> = [10, 2, 0, 0, 0, 0, 12].map(Cell::count).to_vec();
        assert!(
            matches!(fit, Fit::Repaired(ref c, _) if *c == expect),
            "{fit:?}"
        );
    }

    #[test]
    fn a_lost_zero_is_restored_only_when_unambiguous() {
        assert!(matches!(
            fit_cells7(&cells(&vals(&[0; 6]))),
            Fit::Repaired(..)
        ));
        assert!(matches!(
            fit_cells7(&cells(&vals(&[3, 1, 0, 0, 0, 4]))),
            Fit::Unsure(..)
        ));
    }
}
