//! The annual report as the agency's work (《条例》第四十九、五十条; `REGULATION.md` §2): one
//! record per agency, year and version holding what people write — the figures of table 二 that
//! live in other systems, the narrative of sections 一…六 — while tables 三, 四 and the registry
//! rows of table 二 are computed from the platform's data each time ([`crate::report::compute`]).
//!
//! - [`workflow`]: 草稿 → 待审核 → 待批准 → 待发布 → 已发布, returns with a reason, corrections as
//!   new versions; a published version never changes.
//! - [`entry`]: the entry form of table 二, every cell checked and named in Chinese.
//! - [`draft`]: the prefilled narrative, quoting the computed numbers (so rule X-01 holds).
//! - [`deadline`]: the statutory publication deadline (Art.49) and local earlier dates.

pub mod deadline;
pub mod draft;
pub mod entry;
pub mod workflow;

use crate::report::Format;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use workflow::{Action, ReportError, Status};

/// What people write into a report; stored as JSON with the record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Inputs {
    /// Table 二 cells entered by hand, keyed `item.col` (`licensing.decisions`), as typed.
    pub entries: BTreeMap<String, String>,
    /// Where each entered row's figures come from (`licensing` → “区行政审批局审批系统”).
    pub sources: BTreeMap<String, String>,
    /// Narrative per section key (`overview`, `problems` …; `REPORT_JSON.md` §1 `sections`).
    pub sections: BTreeMap<String, String>,
}

/// One version of an agency's report for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The reporting year.
    pub year: i32,
    /// 1 for the report, 2… for each correction.
    pub version: u32,
    /// Where it is in the workflow.
    pub status: Status,
    /// The layout the year requires.
    pub format: FormatKey,
    /// What people wrote.
    pub inputs: Inputs,
    /// 更正说明 of a correction (version 2…).
    pub correction_note: Option<String>,
    /// The reason of the last return (退回), shown on the draft until it is submitted again.
    pub returned_reason: Option<String>,
}

/// [`Format`] as stored (`"2019"` / `"2021"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FormatKey(pub u16);

impl FormatKey {
    /// The key of `format`.
    pub fn of(format: Format) -> Self {
        FormatKey(if format == Format::F2019 { 2019 } else { 2021 })
    }

    /// The format.
    pub fn format(self) -> Format {
        if self.0 == 2019 {
            Format::F2019
        } else {
            Format::F2021
        }
    }
}

impl Record {
    /// A new draft for `year` in the format the year requires (rule S-02).
    pub fn new(year: i32, inputs: Inputs) -> Self {
        Record {
            year,
            version: 1,
            status: Status::Draft,
            format: FormatKey::of(Format::for_year(year)),
            inputs,
            correction_note: None,
            returned_reason: None,
        }
    }
}
