//! The rule engine (`REPORT_JSON.md` §2): every rule that can be judged from one report, and the
//! rules over several reports.
//!
//! Each rule produces [`Finding`]s with its id, a severity, the cell it is about and a Chinese
//! message with the actual numbers. A rule whose inputs are blank or non-numeric reports
//! [`Severity::Uncertain`](crate::report::Severity::Uncertain) — never a silent pass.

pub mod equation;
mod multi;
mod narrative;
pub mod paths;
mod structure;
mod tables;

use crate::report::{AnnualReport, Finding, Severity};

pub use multi::{check_rollup, check_years};

/// Runs every single-report rule: S-01…S-04, T3-01…T3-03, T4-01, X-01…X-03.
pub fn check(report: &AnnualReport) -> Vec<Finding> {
    let mut out = Vec::new();
    structure::check(report, &mut out);
    tables::t3_01(report, &mut out);
    tables::t3_02(report, &mut out);
    tables::t3_03(report, &mut out);
    tables::t4_01(report, &mut out);
    narrative::x_01(report, &mut out);
    narrative::x_02(report, &mut out);
    narrative::x_03(report, &mut out);
    out
}

/// Whether any finding is an error (the report is wrong as published).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
