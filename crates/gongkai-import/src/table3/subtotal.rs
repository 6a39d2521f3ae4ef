//! A local template's eighth column in table 三: a 小计 of the five 法人或其他组织 columns after
//! 自然人. The official format has no such column, so it is dropped (and checked on the way).

use crate::normalize::key;
use crate::stream::{Group, Value};
use rust_decimal::Decimal;

/// Whether the table has the 小计 column: its header says “小计”, or at least three rows have
/// eight numbers and in every one the second is the sum of the next five.
pub fn has_column(groups: &[Group]) -> bool {
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

/// A message when a dropped 小计 was not the sum of the five columns it stands for.
pub fn check(dropped: Option<&Value>, rest: &[Option<Value>]) -> Option<String> {
    let parts: Option<Decimal> = rest[1..6]
        .iter()
        .map(|c| c.as_ref().and_then(|v| v.cell.number()))
        .sum();
    let printed = dropped.and_then(|v| v.cell.number());
    match (printed, parts) {
        (Some(p), Some(sum)) if p != sum => Some(format!(
            "去掉的“小计”印为{p}，而五类法人或其他组织之和为{sum}"
        )),
        _ => None,
    }
}
