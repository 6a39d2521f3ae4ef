//! Canonical JSON `gongkai.annual-report/1` (`REPORT_JSON.md` §1) to and from [`AnnualReport`].
//!
//! Reading is done by hand over `serde_json::Value` rather than by derive, so that every problem
//! is reported with its field path and what was expected, in Chinese, and all problems are
//! reported at once instead of only the first.

mod read;

use super::table2::{self, Col, Item};
use super::{AnnualReport, Cell, Finding, Format, SCHEMA};
use read::Reader;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Number, Value, json};
use std::fmt;

/// One problem found while reading a report's JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    /// Field path, e.g. `table3.new_received[2]` (empty for the whole document).
    pub path: String,
    /// What is wrong and what was expected, in Chinese.
    pub message: String,
}

/// Everything wrong with a report's JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JsonError {
    /// The problems, in document order.
    pub problems: Vec<JsonProblem>,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "年度报告 JSON 有 {} 处错误：", self.problems.len())?;
        for p in &self.problems {
            if p.path.is_empty() {
                writeln!(f, "  - {}", p.message)?;
            } else {
                writeln!(f, "  - 字段 {}：{}", p.path, p.message)?;
            }
        }
        Ok(())
    }
}

impl AnnualReport {
    /// Reads canonical JSON text.
    pub fn from_json_str(text: &str) -> Result<AnnualReport, JsonError> {
        let value: Value = serde_json::from_str(text).map_err(|e| JsonError {
            problems: vec![JsonProblem {
                path: String::new(),
                message: format!(
                    "不是合法的 JSON（第{}行第{}列）：{}",
                    e.line(),
                    e.column(),
                    syntax_hint(&e)
                ),
            }],
        })?;
        AnnualReport::from_json(&value)
    }

    /// Reads a canonical JSON value.
    pub fn from_json(value: &Value) -> Result<AnnualReport, JsonError> {
        let mut r = Reader::default();
        let report = r.report(value);
        if r.problems.is_empty() {
            Ok(report)
        } else {
            Err(JsonError {
                problems: r.problems,
            })
        }
    }

    /// The canonical JSON value, keys in printed order (`serde_json` feature `preserve_order`).
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("schema".into(), json!(SCHEMA));
        out.insert("format".into(), json!(self.format.as_str()));
        out.insert("year".into(), json!(self.year));
        out.insert("agency".into(), json!(self.agency));
        out.insert("table2".into(), Value::Object(self.table2_json()));
        let t3 = self
            .table3
            .iter()
            .map(|(row, cells)| (row.def().key.to_owned(), cells_json(cells)));
        out.insert("table3".into(), Value::Object(t3.collect()));
        let t4 = self
            .table4
            .iter()
            .map(|(g, cells)| (g.def().key.to_owned(), cells_json(cells)));
        out.insert("table4".into(), Value::Object(t4.collect()));
        let extra = self.extra_rows.iter().map(
            |e| json!({ "table": e.table.key(), "label": e.label, "cells": cells_json(&e.cells) }),
        );
        out.insert("extra_rows".into(), Value::Array(extra.collect()));
        let sections = self
            .sections
            .iter()
            .map(|(s, t)| (s.def().key.to_owned(), json!(t)));
        out.insert("sections".into(), Value::Object(sections.collect()));
        let diags = self.diagnostics.iter().map(finding_json);
        out.insert("diagnostics".into(), Value::Array(diags.collect()));
        Value::Object(out)
    }

    /// The canonical JSON as pretty-printed text.
    pub fn to_json_string(&self) -> String {
        // Serialising a `Value` built from strings and numbers cannot fail.
        serde_json::to_string_pretty(&self.to_json()).unwrap_or_default()
    }

    fn table2_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        for (item, cols) in &self.table2 {
            let mut row = Map::new();
            for (col, cell) in cols {
                row.insert(col_key(*col).to_owned(), cell_json(cell));
            }
            out.insert(item_key(*item).to_owned(), Value::Object(row));
        }
        out
    }
}

/// A finding as JSON.
pub fn finding_json(f: &Finding) -> Value {
    let mut v = json!({ "rule": f.rule, "severity": f.severity.as_str(), "location": f.location, "message": f.message });
    if !f.cells.is_empty() {
        v["cells"] = json!(f.cells);
    }
    v
}

/// A cell as JSON: a number, `null`, or the token string.
pub fn cell_json(cell: &Cell) -> Value {
    match cell {
        Cell::Blank => Value::Null,
        Cell::Token(t) => Value::String(t.clone()),
        Cell::Number(d) => decimal_json(*d),
    }
}

fn decimal_json(d: Decimal) -> Value {
    let d = d.normalize();
    if d.fract().is_zero()
        && let Some(i) = d.to_i64()
    {
        return Value::Number(i.into());
    }
    // Amounts have few digits; f64's shortest representation prints them exactly.
    d.to_f64()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn cells_json(cells: &[Cell]) -> Value {
    Value::Array(cells.iter().map(cell_json).collect())
}

fn item_key(item: Item) -> &'static str {
    Format::ALL
        .iter()
        .find_map(|f| table2::find_item(*f, item))
        .map_or("", |(_, d)| d.key)
}

fn col_key(col: Col) -> &'static str {
    Format::ALL
        .iter()
        .flat_map(|f| table2::blocks(*f).iter())
        .flat_map(table2::all_cols)
        .find(|d| d.col == col)
        .map_or("", |d| d.key)
}

fn syntax_hint(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Eof => "文件不完整，可能被截断",
        serde_json::error::Category::Io => "读取失败",
        _ => "语法错误（请检查逗号、引号和括号）",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::table2::{Col, Item};
    use crate::report::table3::Row;

    fn minimal(extra: &str) -> String {
        format!(r#"{{"schema":"{SCHEMA}","format":"2021","year":2021,"agency":"某局"{extra}}}"#)
    }

    #[test]
    fn cells_keep_number_blank_and_token_distinct() {
        let text = minimal(r#","table3":{"new_received":[1,null,"/",0,0,0.5,2]}"#);
        let r = AnnualReport::from_json_str(&text).unwrap();
        let row = &r.table3[&Row::NewReceived];
        assert_eq!(row[0], Cell::count(1));
        assert_eq!(row[1], Cell::Blank);
        assert_eq!(row[2], Cell::Token("/".into()));
        assert_eq!(row[5], Cell::Number(Decimal::new(5, 1)));
        let back = r.to_json();
        assert_eq!(
            back["table3"]["new_received"],
            json!([1, null, "/", 0, 0, 0.5, 2])
        );
    }

    #[test]
    fn errors_name_the_field_and_what_was_expected() {
        let text = minimal(
            r#","table3":{"new_received":[1,2,3],"declined":[0,0,0,0,0,0,0]},"table4":{"admin_review":[true,0,0,0,0]}"#,
        );
        let err = AnnualReport::from_json_str(&text).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("字段 table3.new_received：应有 7 个单元格，实际有 3 个"),
            "{msg}"
        );
        assert!(
            msg.contains("字段 table3.declined：2021年版表三没有这一行"),
            "{msg}"
        );
        assert!(
            msg.contains("字段 table4.admin_review[0]：单元格应为数字"),
            "{msg}"
        );
    }

    #[test]
    fn amount_text_is_any_string_and_a_merged_other_row_is_a_2021_row() {
        let text = r#","table2":{"procurement":{"projects":3,"amount_wan":4166.18,"amount_text":"4166.18"}}"#;
        let doc = minimal(text).replace("\"2021\"", "\"2019\"");
        let r = AnnualReport::from_json_str(&doc).unwrap();
        let text_col = r.t2(Item::Procurement, Col::AmountText);
        assert_eq!(text_col, &Cell::Token("4166.18".into()));
        let merged = minimal(r#","table3":{"other":[1,0,0,0,0,0,1]}"#);
        let r = AnnualReport::from_json_str(&merged).unwrap();
        assert!(r.other_merged());
        let both = minimal(r#","table3":{"other":[1,0,0,0,0,0,1],"other_misc":[1,0,0,0,0,0,1]}"#);
        let err = AnnualReport::from_json_str(&both).unwrap_err().to_string();
        assert!(err.contains("不能同时出现"), "{err}");
    }

    #[test]
    fn broken_json_says_where() {
        let err = AnnualReport::from_json_str("{\"schema\": ").unwrap_err();
        assert!(err.to_string().contains("不是合法的 JSON（第1行"), "{err}");
        assert!(err.to_string().contains("截断"), "{err}");
    }

    #[test]
    fn numeric_strings_are_rejected_with_a_hint() {
        let text = minimal(r#","table4":{"admin_review":["3",0,0,0,3]}"#);
        let err = AnnualReport::from_json_str(&text).unwrap_err();
        assert!(err.to_string().contains("应写成 JSON 数字 3"), "{err}");
    }
}
