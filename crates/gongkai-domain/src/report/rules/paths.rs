//! JSON paths and message names of cells, shared by every rule.

use crate::report::table2::{BlockDef, ColDef, ItemDef};
use crate::report::table3::{Applicant, Row};
use crate::report::table4::{Group, Outcome};

/// `table3.{row}[{col}]`
pub fn t3(row: Row, col: Applicant) -> String {
    format!("table3.{}[{}]", row.def().key, col.index())
}

/// `table4.{group}[{outcome}]`
pub fn t4(group: Group, outcome: Outcome) -> String {
    format!("table4.{}[{}]", group.def().key, outcome.index())
}

/// `table2.{item}.{col}`
pub fn t2(item: &ItemDef, col: &ColDef) -> String {
    format!("table2.{}.{}", item.key, col.key)
}

/// “表三“（三）1.属于国家秘密”第一列（自然人）”
pub fn t3_name(row: Row, col: Applicant) -> String {
    format!("表三“{}”{}", row.def().full_label(), col.describe())
}

/// “表四 行政复议·结果维持”
pub fn t4_name(group: Group, outcome: Outcome) -> String {
    format!("表四“{}·{}”", group.def().label, outcome.label())
}

/// “表二 第二十条第（一）项“规章·本年制发件数””
pub fn t2_name(block: &BlockDef, item: &ItemDef, col: &ColDef) -> String {
    format!("表二{}“{}·{}”", block.caption, item.label, col.label)
}
