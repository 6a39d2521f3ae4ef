//! The 政府信息公开工作年度报告 (annual report, 《条例》第四十九、五十条) as data.
//!
//! [`AnnualReport`] is the canonical model of one agency's report for one year in either official
//! format; it converts to and from the canonical JSON `gongkai.annual-report/1` (`REPORT_JSON.md`
//! §1) in [`json`]. The tables' labels live once, as data, in [`table2`], [`table3`] and
//! [`table4`]; the 勾稽 rules that judge a report are in [`rules`]; [`compute`] builds a report
//! from case data so that it is right by construction.

pub mod cell;
pub mod compute;
pub mod finding;
pub mod format;
pub mod json;
pub mod rules;
pub mod section;
pub mod table2;
pub mod table3;
pub mod table4;

use std::collections::BTreeMap;

pub use cell::Cell;
pub use finding::{Finding, Severity};
pub use format::Format;
pub use section::Section;

/// The schema id written in every canonical JSON report.
pub const SCHEMA: &str = "gongkai.annual-report/1";

/// The cells of table 二: item → column → cell.
pub type Table2 = BTreeMap<table2::Item, BTreeMap<table2::Col, Cell>>;
/// The cells of table 三: row → the seven applicant columns.
pub type Table3 = BTreeMap<table3::Row, [Cell; 7]>;
/// The cells of table 四: group → the five outcome columns.
pub type Table4 = BTreeMap<table4::Group, [Cell; 5]>;

/// One agency's annual report for one year (`REPORT_JSON.md` §1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnnualReport {
    /// Official layout the report follows.
    pub format: Format,
    /// The reporting year (the year the data covers), if known.
    pub year: Option<i32>,
    /// The reporting agency, if known.
    pub agency: Option<String>,
    /// Table 二 主动公开政府信息情况. A missing row is absent.
    pub table2: Table2,
    /// Table 三 收到和处理政府信息公开申请情况. A missing row is absent.
    pub table3: Table3,
    /// Table 四 行政复议、行政诉讼情况. A missing group is absent.
    pub table4: Table4,
    /// Rows a local variant adds to a standard table (e.g. “其他主动公开文件”).
    pub extra_rows: Vec<ExtraRow>,
    /// Narrative text of sections 一…六 (and the preface), as printed.
    pub sections: BTreeMap<Section, String>,
    /// Findings attached to the report (from parsing or checking).
    pub diagnostics: Vec<Finding>,
}

/// A non-standard row found in a standard table.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraRow {
    /// Which table: `table2`, `table3` or `table4`.
    pub table: TableId,
    /// The label as printed.
    pub label: String,
    /// Its cells as printed.
    pub cells: Vec<Cell>,
}

/// The three statutory tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// 表二 主动公开政府信息情况
    Table2,
    /// 表三 收到和处理政府信息公开申请情况
    Table3,
    /// 表四 政府信息公开行政复议、行政诉讼情况
    Table4,
}

impl TableId {
    /// All tables in printed order.
    pub const ALL: [TableId; 3] = [TableId::Table2, TableId::Table3, TableId::Table4];

    /// The JSON key (`table2` …).
    pub fn key(self) -> &'static str {
        match self {
            TableId::Table2 => "table2",
            TableId::Table3 => "table3",
            TableId::Table4 => "table4",
        }
    }

    /// The table with this JSON key.
    pub fn from_key(key: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The table's Chinese name, for messages (表二 is in section 二, and so on).
    pub fn name(self) -> &'static str {
        match self {
            TableId::Table2 => "表二（主动公开政府信息情况）",
            TableId::Table3 => "表三（收到和处理政府信息公开申请情况）",
            TableId::Table4 => "表四（政府信息公开行政复议、行政诉讼情况）",
        }
    }
}

impl AnnualReport {
    /// An empty report in `format`.
    pub fn new(format: Format) -> Self {
        AnnualReport {
            format,
            ..Default::default()
        }
    }

    /// The report's title as printed: “{agency}{year}年政府信息公开工作年度报告”.
    pub fn title(&self) -> String {
        let year = self.year.map(|y| format!("{y}年")).unwrap_or_default();
        format!(
            "{}{year}政府信息公开工作年度报告",
            self.agency.as_deref().unwrap_or("")
        )
    }

    /// The cell of table 三 at `row`, column `col`, or blank when the row is missing.
    pub fn t3(&self, row: table3::Row, col: table3::Applicant) -> &Cell {
        self.table3
            .get(&row)
            .map_or(&BLANK, |cells| &cells[col.index()])
    }

    /// The cell of table 四 in `group`, column `outcome`, or blank when the group is missing.
    pub fn t4(&self, group: table4::Group, outcome: table4::Outcome) -> &Cell {
        self.table4
            .get(&group)
            .map_or(&BLANK, |cells| &cells[outcome.index()])
    }

    /// The cell of table 二 for `item` and `col`, or blank when absent.
    pub fn t2(&self, item: table2::Item, col: table2::Col) -> &Cell {
        self.table2
            .get(&item)
            .and_then(|cols| cols.get(&col))
            .unwrap_or(&BLANK)
    }

    /// Whether this 2021-format report prints （六）其他处理 as one row: it has `other` and none
    /// of the three sub-rows (`REPORT_JSON.md` §1).
    pub fn other_merged(&self) -> bool {
        self.format == Format::F2021
            && self.table3.contains_key(&table3::Row::Other)
            && !self.table3.keys().any(|r| r.is_other_part())
    }

    /// The table-三 rows this report is judged by, in printed order (see
    /// [`table3::Row::printed`]).
    pub fn t3_rows(&self) -> Vec<table3::Row> {
        table3::Row::printed(self.format, self.other_merged()).collect()
    }

    /// The narrative of `section`, or an empty string.
    pub fn section(&self, section: Section) -> &str {
        self.sections.get(&section).map_or("", String::as_str)
    }
}

static BLANK: Cell = Cell::Blank;
