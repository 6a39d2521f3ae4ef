//! Table 二's 第二十条第（一）项 block (规章, 行政规范性文件) counted from the registry
//! (REGULATION.md §2.3, `REPORT_JSON.md` §1); the other rows live in other systems and are taken
//! as entered.
//!
//! What is counted: documents marked 规章 or 行政规范性文件 that have been published and not
//! withdrawn, with the marker, 成文日期 and 有效性 of their latest version. Per year Y:
//! - 本年制发件数 (2021) = 本年新制作数量 (2019): 成文日期 in Y;
//! - 本年废止件数 (2021): 失效 or 废止 dated in Y (an expiry counts, so that rule Y-02
//!   现行有效 = 上年现行有效 + 制发 − 废止 holds);
//! - 现行有效件数 (2021): 成文日期 ≤ 31 December of Y and still in force that day;
//! - 本年新公开数量 (2019): first published in Y;
//! - 对外公开总数量 (2019): published by 31 December of Y and in force that day (a local notice
//!   asks for the documents currently in force; REGULATION.md §2.3).

use chrono::{Datelike, NaiveDate};

use super::document::{Document, Status};
use super::openness::Marker;
use crate::report::table2::{self, Col, ColKind, Item};
use crate::report::{Cell, Format, Table2};

/// The counts of one marker for one year, in every column either format has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarkerCounts {
    /// 本年制发件数 / 本年新制作数量.
    pub issued: i64,
    /// 本年废止件数.
    pub abolished: i64,
    /// 现行有效件数.
    pub in_force: i64,
    /// 本年新公开数量.
    pub new_published: i64,
    /// 对外公开总数量.
    pub total_published: i64,
}

impl MarkerCounts {
    /// The count in `col`, for the columns of the 第二十条第（一）项 block.
    pub fn get(&self, col: Col) -> Option<i64> {
        match col {
            Col::Issued | Col::NewMade => Some(self.issued),
            Col::Abolished => Some(self.abolished),
            Col::InForce => Some(self.in_force),
            Col::NewPublished => Some(self.new_published),
            Col::TotalPublished => Some(self.total_published),
            _ => None,
        }
    }

    /// The cell of `col`, for the columns of the 第二十条第（一）项 block.
    pub fn cell(&self, col: Col) -> Option<Cell> {
        self.get(col).map(Cell::count)
    }
}

/// Counts the documents with `marker` for `year`.
pub fn count_marker(docs: &[Document], year: i32, marker: Marker) -> MarkerCounts {
    let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return MarkerCounts::default();
    };
    let mut c = MarkerCounts::default();
    for doc in docs.iter().filter(|d| d.status != Status::Withdrawn) {
        let (Some(first), Some(last)) = (doc.versions.first(), doc.versions.last()) else {
            continue;
        };
        if last.content.marker != Some(marker) {
            continue;
        }
        let written = last.content.written_on;
        let in_force = written <= end && doc.validity.in_force_on(end);
        c.issued += i64::from(written.year() == year);
        c.abolished += i64::from(doc.validity.ends_on().is_some_and(|d| d.year() == year));
        c.in_force += i64::from(in_force);
        c.new_published += i64::from(first.published_on.year() == year);
        c.total_published += i64::from(in_force && first.published_on <= end);
    }
    c
}

/// Table 二 for `year` in `format`: the 规章 and 行政规范性文件 rows from `docs`, every other row
/// as `entered` (a cell not entered stays blank, never 0; a text column not entered is left out).
pub fn tally_table2(docs: &[Document], year: i32, format: Format, entered: &Table2) -> Table2 {
    let mut out = Table2::new();
    for block in table2::blocks(format) {
        for def in block.items {
            let counted = Marker::ALL
                .into_iter()
                .find(|m| m.table2_item() == def.item)
                .map(|m| count_marker(docs, year, m));
            let row = out.entry(def.item).or_default();
            for col in table2::all_cols(block) {
                let cell = match &counted {
                    Some(c) => c.cell(col.col),
                    None => entered_cell(entered, def.item, col.col, col.kind),
                };
                if let Some(cell) = cell {
                    row.insert(col.col, cell);
                }
            }
        }
    }
    out
}

fn entered_cell(entered: &Table2, item: Item, col: Col, kind: ColKind) -> Option<Cell> {
    match entered.get(&item).and_then(|r| r.get(&col)) {
        Some(c) => Some(c.clone()),
        None if kind == ColKind::Text => None,
        None => Some(Cell::Blank),
    }
}
