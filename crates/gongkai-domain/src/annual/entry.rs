//! The entry form of table 二: the rows whose figures live in other systems (行政许可, 行政处罚,
//! 行政强制 decisions, 行政事业性收费; in the 2019 format also 其他对外管理服务事项 and 政府集中采购).
//! The 规章 and 行政规范性文件 rows are counted from the registry and never entered.
//!
//! Each cell is checked by its column's kind and named in Chinese when refused: a count is a
//! whole number ≥ 0, 本年增/减 a whole number that may be negative, an amount in 万元 a number ≥ 0
//! with at most four decimals. An empty field stays blank (rule S-03 then says so), never 0.

use crate::disclosure::Marker;
use crate::report::table2::{self, BlockDef, ColDef, ColKind, ItemDef};
use crate::report::{Cell, Format, Table2};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// One field of the form.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its block (第二十条第（五）项 …).
    pub block: &'static BlockDef,
    /// Its row.
    pub item: &'static ItemDef,
    /// Its column.
    pub col: &'static ColDef,
}

impl Field {
    /// The form key, `item.col`.
    pub fn key(&self) -> String {
        format!("{}.{}", self.item.key, self.col.key)
    }

    /// The cell named as people read the table: “表二 第二十条第（五）项 行政许可 本年处理决定数量”.
    pub fn name(&self) -> String {
        format!(
            "表二 {} {} {}",
            self.block.caption, self.item.label, self.col.label
        )
    }
}

/// The entered fields of `format`, in printed order.
pub fn fields(format: Format) -> Vec<Field> {
    let counted: Vec<_> = Marker::ALL.iter().map(|m| m.table2_item()).collect();
    let mut out = Vec::new();
    for block in table2::blocks(format) {
        for item in block.items {
            if counted.contains(&item.item) {
                continue;
            }
            for col in table2::all_cols(block) {
                out.push(Field { block, item, col });
            }
        }
    }
    out
}

/// A refused field: its key and the message naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError {
    /// The form key.
    pub key: String,
    /// The message, in Chinese, naming the cell.
    pub message: String,
}

/// Reads one typed value of `kind`.
fn read(kind: ColKind, text: &str) -> Result<Cell, &'static str> {
    let t = text.trim().replace([',', '，'], "");
    if t.is_empty() {
        return Ok(Cell::Blank);
    }
    if kind == ColKind::Text {
        return if t.chars().count() > 50 {
            Err("不超过50字")
        } else {
            Ok(Cell::Token(t))
        };
    }
    let n = Decimal::from_str(&t).map_err(|_| "不是数字，请填写阿拉伯数字")?;
    match kind {
        ColKind::Count | ColKind::Signed if !n.fract().is_zero() => Err("须为整数，不能有小数"),
        ColKind::Count | ColKind::Amount if n.is_sign_negative() && !n.is_zero() => {
            Err("不能是负数")
        }
        ColKind::Amount if n.scale() > 4 => Err("最多保留四位小数（单位：万元）"),
        ColKind::Count | ColKind::Signed if n.abs() > Decimal::from(1_000_000_000) => {
            Err("数字过大，请核对")
        }
        _ => Ok(Cell::Number(n.normalize())),
    }
}

/// Reads the entered cells of `format` from `entries` (keyed `item.col`): the table with every
/// readable cell (a refused one left blank), and every refused field, named. Keys of no field
/// are ignored.
pub fn parse(format: Format, entries: &BTreeMap<String, String>) -> (Table2, Vec<EntryError>) {
    let mut table = Table2::new();
    let mut errors = Vec::new();
    for f in fields(format) {
        let key = f.key();
        let text = entries.get(&key).map_or("", String::as_str);
        match read(f.col.kind, text) {
            Ok(Cell::Blank) if f.col.kind == ColKind::Text => {}
            Ok(cell) => {
                table
                    .entry(f.item.item)
                    .or_default()
                    .insert(f.col.col, cell);
            }
            Err(why) => {
                table
                    .entry(f.item.item)
                    .or_default()
                    .insert(f.col.col, Cell::Blank);
                errors.push(EntryError {
                    message: format!("{}：“{}”{}", f.name(), text.trim(), why),
                    key,
                });
            }
        }
    }
    (table, errors)
}

/// The numeric fields of `format` left empty: a published report has no blank cells (rule
/// S-03 would flag them), so a report is not submitted until each has a number, 0 included.
pub fn missing(format: Format, entries: &BTreeMap<String, String>) -> Vec<EntryError> {
    fields(format)
        .into_iter()
        .filter(|f| f.col.kind != ColKind::Text)
        .filter(|f| entries.get(&f.key()).is_none_or(|v| v.trim().is_empty()))
        .map(|f| EntryError {
            message: format!("{}：尚未填写（没有的请填 0）", f.name()),
            key: f.key(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    #[test]
    fn the_2021_form_has_the_four_other_rows() {
        let keys: Vec<_> = fields(Format::F2021).iter().map(Field::key).collect();
        assert_eq!(
            keys,
            [
                "licensing.decisions",
                "penalty.decisions",
                "coercion.decisions",
                "fees.amount_wan"
            ]
        );
        assert!(
            fields(Format::F2019)
                .iter()
                .any(|f| f.key() == "procurement.amount_text")
        );
    }

    #[test]
    fn good_values_are_read_and_blanks_stay_blank() {
        let (t, errors) = parse(
            Format::F2021,
            &entries(&[
                ("licensing.decisions", " 1,204 "),
                ("fees.amount_wan", "3.25"),
            ]),
        );
        assert!(errors.is_empty(), "{errors:?}");
        use crate::report::table2::{Col, Item};
        assert_eq!(t[&Item::Licensing][&Col::Decisions], Cell::count(1204));
        assert_eq!(
            t[&Item::Fees][&Col::AmountWan],
            Cell::Number("3.25".parse().unwrap())
        );
        assert_eq!(t[&Item::Penalty][&Col::Decisions], Cell::Blank);
    }

    #[test]
    fn bad_values_are_refused_with_the_cell_named() {
        let (t, e) = parse(
            Format::F2021,
            &entries(&[
                ("licensing.decisions", "十二"),
                ("penalty.decisions", "-3"),
                ("coercion.decisions", "2.5"),
                ("fees.amount_wan", "1.123456"),
            ]),
        );
        use crate::report::table2::{Col, Item};
        assert_eq!(t[&Item::Licensing][&Col::Decisions], Cell::Blank);
        let messages: Vec<_> = e.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(
            messages[0].contains("第二十条第（五）项 行政许可 本年处理决定数量")
                && messages[0].contains("不是数字")
        );
        assert!(messages[1].contains("不能是负数"));
        assert!(messages[2].contains("整数"));
        assert!(messages[3].contains("四位小数"));
    }

    #[test]
    fn empty_numeric_fields_are_listed_as_missing() {
        let m = missing(Format::F2021, &entries(&[("licensing.decisions", "0")]));
        let keys: Vec<_> = m.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            ["penalty.decisions", "coercion.decisions", "fees.amount_wan"]
        );
        assert!(m[0].message.contains("尚未填写"));
        // The 2019 procurement text column is never required.
        assert!(
            !missing(Format::F2019, &BTreeMap::new())
                .iter()
                .any(|e| e.key == "procurement.amount_text")
        );
    }

    #[test]
    fn the_2019_change_column_may_be_negative() {
        let (t, e) = parse(Format::F2019, &entries(&[("licensing.change", "-4")]));
        assert!(e.is_empty(), "{e:?}");
        use crate::report::table2::{Col, Item};
        assert_eq!(t[&Item::Licensing][&Col::Change], Cell::count(-4));
    }
}
