//! Building the annual report from case data, so that it is right by construction.
//!
//! The case system (依申请公开), the appeal tracker and the document registry each reduce their
//! records to the small tallies below; [`compute`] adds them up into tables 三 and 四, fills
//! table 二, and writes the statutory fee statement into section 六. Every 勾稽 identity then
//! holds because each application is counted exactly once on each side.

use super::table2::{self, ColKind};
use super::table3::{Applicant, Row, RowRole};
use super::table4::{Group, Outcome};
use super::{AnnualReport, Cell, Format, Section, Table2};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One application as the report counts it (`REGULATION.md` §2.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseTally {
    /// The applicant column (never [`Applicant::Total`]).
    pub applicant: Applicant,
    /// Received before the year began and still open then (二、上年结转); otherwise received in
    /// the year (一、本年新收).
    pub carried_over: bool,
    /// The result row if concluded in the year; `None` if still open on 31 December (四、结转).
    pub result: Option<Row>,
}

/// One 行政复议 or 行政诉讼 as table 四 counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppealTally {
    /// Which group.
    pub group: Group,
    /// Its outcome (never [`Outcome::Total`]).
    pub outcome: Outcome,
}

/// 信息处理费 figures for the statement in section 六 (《政府信息公开信息处理费管理办法》).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FeeSummary {
    /// 发出收费通知的件数.
    pub notices: u32,
    /// 收费通知的总金额, in 元.
    pub notice_amount_yuan: Decimal,
    /// 实际收取的总金额, in 元.
    pub collected_yuan: Decimal,
}

/// Everything a report is computed from.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// The format to produce.
    pub format: Format,
    /// The reporting year.
    pub year: Option<i32>,
    /// The agency.
    pub agency: Option<String>,
    /// Applications received in the year or carried over into it.
    pub cases: Vec<CaseTally>,
    /// Reviews and suits of the year.
    pub appeals: Vec<AppealTally>,
    /// Table 二 figures from the document registry; absent numeric cells become 0.
    pub table2: Table2,
    /// Narrative written by the agency.
    pub sections: BTreeMap<Section, String>,
    /// 信息处理费 figures; in the 2021 format a statement is always written (zero allowed).
    pub fees: FeeSummary,
}

/// Why a report cannot be computed from the given data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComputeError {
    /// A case was given the 总计 column as its applicant type.
    #[error("第{index}件申请的申请人类型不能是“总计”")]
    ApplicantIsTotal {
        /// Position of the case in the input.
        index: usize,
    },
    /// A case's result is not a result row of the report's format.
    #[error("第{index}件申请的办理结果“{row}”不是{format}表三的办理结果")]
    NotAResult {
        /// Position of the case in the input.
        index: usize,
        /// The row given.
        row: String,
        /// The report's format.
        format: Format,
    },
    /// An appeal was given the 总计 column as its outcome.
    #[error("第{index}件复议或诉讼的结果不能是“总计”")]
    OutcomeIsTotal {
        /// Position of the appeal in the input.
        index: usize,
    },
}

/// Computes the report.
pub fn compute(input: &ReportInput) -> Result<AnnualReport, ComputeError> {
    let mut report = AnnualReport::new(input.format);
    report.year = input.year;
    report.agency = input.agency.clone();
    report.table2 = fill_table2(input.format, &input.table2);
    report.table3 = tally_table3(input.format, &input.cases)?;
    report.table4 = tally_table4(&input.appeals)?;
    report.sections = input.sections.clone();
    if input.format == Format::F2021 {
        let six = report.sections.entry(Section::Other).or_default();
        if !six.is_empty() {
            six.push('\n');
        }
        six.push_str(&fee_statement(&input.fees));
    }
    Ok(report)
}

/// The statutory fee paragraph of section 六 (`REGULATION.md` §2.2).
pub fn fee_statement(f: &FeeSummary) -> String {
    format!(
        "依据《政府信息公开信息处理费管理办法》，本年度共发出收费通知{}件，总金额{}元；实际收取信息处理费{}元。",
        f.notices,
        f.notice_amount_yuan.normalize(),
        f.collected_yuan.normalize()
    )
}

fn fill_table2(format: Format, given: &Table2) -> Table2 {
    let mut out = Table2::new();
    for block in table2::blocks(format) {
        for item in block.items {
            let row = out.entry(item.item).or_default();
            for col in table2::all_cols(block) {
                let cell = given.get(&item.item).and_then(|r| r.get(&col.col)).cloned();
                match (cell, col.kind) {
                    (Some(c), _) => {
                        row.insert(col.col, c);
                    }
                    (None, ColKind::Text) => {}
                    (None, _) => {
                        row.insert(col.col, Cell::count(0));
                    }
                }
            }
        }
    }
    out
}

/// Tallies table 三 from cases: every case adds 1 to its column and to 总计 in exactly one input
/// row (一 or 二) and exactly one output row (a result, or 四).
pub fn tally_table3(format: Format, cases: &[CaseTally]) -> Result<super::Table3, ComputeError> {
    let mut counts: BTreeMap<Row, [i64; 7]> = Row::of(format).map(|r| (r, [0; 7])).collect();
    for (index, case) in cases.iter().enumerate() {
        if case.applicant == Applicant::Total {
            return Err(ComputeError::ApplicantIsTotal { index });
        }
        let input = if case.carried_over {
            Row::CarriedOver
        } else {
            Row::NewReceived
        };
        let output = match case.result {
            None => Row::CarriedForward,
            Some(row)
                if row.def().role == RowRole::Result && row.def().formats.contains(format) =>
            {
                row
            }
            Some(row) => {
                return Err(ComputeError::NotAResult {
                    index,
                    row: row.def().full_label(),
                    format,
                });
            }
        };
        let rows: &[Row] = if case.result.is_some() {
            &[input, output, Row::Total]
        } else {
            &[input, output]
        };
        for row in rows {
            let cells = counts.entry(*row).or_default();
            cells[case.applicant.index()] += 1;
            cells[Applicant::Total.index()] += 1;
        }
    }
    Ok(counts
        .into_iter()
        .map(|(row, c)| (row, c.map(Cell::count)))
        .collect())
}

/// Tallies table 四 from appeals.
pub fn tally_table4(appeals: &[AppealTally]) -> Result<super::Table4, ComputeError> {
    let mut counts: BTreeMap<Group, [i64; 5]> =
        Group::ALL.into_iter().map(|g| (g, [0; 5])).collect();
    for (index, a) in appeals.iter().enumerate() {
        if a.outcome == Outcome::Total {
            return Err(ComputeError::OutcomeIsTotal { index });
        }
        let cells = counts.entry(a.group).or_default();
        cells[a.outcome.index()] += 1;
        cells[Outcome::Total.index()] += 1;
    }
    Ok(counts
        .into_iter()
        .map(|(g, c)| (g, c.map(Cell::count)))
        .collect())
}
