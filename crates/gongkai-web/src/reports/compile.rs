//! Compiling an agency-year's report from the platform's own data (`REGULATION.md` §2.8): table
//! 三 from the stored cases, table 四 from the 复议/诉讼 register, table 二's 规章 / 行政规范性文件
//! rows from the registry and its other rows as entered, the 信息处理费 statement from the fee
//! notices of the year — then every rule of `REPORT_JSON.md` §2 that one report and its
//! predecessor allow. Nothing here counts by itself: the domain's tallies do, the same ones the
//! statistics page shows.

use crate::{AppState, WebError};
use gongkai_domain::annual::Inputs;
use gongkai_domain::annual::entry::{self, EntryError};
use gongkai_domain::application::tally::{Group, Table3Counts, tally_groups};
use gongkai_domain::disclosure::{Document, tally_table2};
use gongkai_domain::report::compute::{FeeSummary, ReportInput, compute};
use gongkai_domain::report::section::SECTIONS;
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::{AnnualReport, Finding, Format, Severity, rules};
use gongkai_storage::{Agency, AgencyId};
use rust_decimal::Decimal;

/// A compiled report and what the editor shows beside it.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The report, its `diagnostics` holding every finding.
    pub report: AnnualReport,
    /// Entered cells that could not be read (left blank in the report) or are still empty.
    pub entry_errors: Vec<EntryError>,
    /// Whether last year's published report was there to compare with (Y-01…Y-03).
    pub compared_with_last_year: bool,
}

impl Compiled {
    /// Findings of severity error.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Findings of severity warning.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.report
            .diagnostics
            .iter()
            .filter(|f| f.severity == s)
            .count()
            + if s == Severity::Error {
                self.entry_errors.len()
            } else {
                0
            }
    }

    /// What the store keeps beside the record.
    pub fn stored(&self) -> gongkai_storage::reports::Compiled {
        gongkai_storage::reports::Compiled {
            json: self.report.to_json_string(),
            errors: u32::try_from(self.errors()).unwrap_or(u32::MAX),
            warnings: u32::try_from(self.warnings()).unwrap_or(u32::MAX),
        }
    }
}

fn groups(counts: Vec<gongkai_storage::cases::CaseCount>) -> Vec<Group> {
    counts
        .into_iter()
        .filter_map(|c| {
            Some(Group {
                received_year: c.received_year,
                concluded_year: c.concluded_year,
                outcome: c.outcome.as_deref().and_then(Row::from_key),
                applicant: serde_json::from_value(serde_json::Value::String(c.applicant_type))
                    .ok()?,
                n: c.n,
            })
        })
        .collect()
}

/// Table 三 of `agency` for `year`, counted from the stored cases by the report's own rules.
///
/// # Errors
/// A storage failure, or stored cases that do not fit the table (an invariant).
pub async fn table3_counts(
    state: &AppState,
    agency: AgencyId,
    year: i32,
) -> Result<Table3Counts, WebError> {
    let counts = state.store.case_counts(agency, year).await?;
    tally_groups(&groups(counts), year, Format::for_year(year))
        .map_err(|_| WebError::Internal("case counts do not fit table three"))
}

/// The fee statement's figures: notices issued in `year`, and what was paid in it.
async fn fees(state: &AppState, agency: AgencyId, year: i32) -> Result<FeeSummary, WebError> {
    let t = state.store.fee_totals(agency, year).await?;
    Ok(FeeSummary {
        notices: u32::try_from(t.notices).unwrap_or(u32::MAX),
        notice_amount_yuan: Decimal::new(t.notice_fen, 2),
        collected_yuan: Decimal::new(t.collected_fen, 2),
    })
}

/// The report last year's figures are compared with: the published one, or else a copy
/// uploaded to the supervisor's view (the year before the agency came onto the platform).
///
/// # Errors
/// A storage failure or a stored report that does not read.
pub async fn last_year(
    state: &AppState,
    agency: AgencyId,
    year: i32,
) -> Result<Option<AnnualReport>, WebError> {
    let versions = state.store.report_versions(agency, year - 1).await?;
    let published = versions
        .into_iter()
        .find(|v| v.record.status == gongkai_domain::annual::Status::Published);
    if let Some(p) = published {
        return Ok(AnnualReport::from_json_str(&p.compiled.json).ok());
    }
    let uploaded = state.store.external_report_of(agency, year - 1).await?;
    Ok(uploaded.and_then(|u| AnnualReport::from_json_str(&u.compiled.json).ok()))
}

/// Compiles `agency`'s report on `year` with what people wrote (`inputs`).
///
/// # Errors
/// A storage failure, or stored data that does not tally (an invariant, not the user's doing).
pub async fn compile(
    state: &AppState,
    agency: &Agency,
    year: i32,
    inputs: &Inputs,
) -> Result<Compiled, WebError> {
    let format = Format::for_year(year);
    let (entered, mut entry_errors) = entry::parse(format, &inputs.entries);
    entry_errors.extend(entry::missing(format, &inputs.entries));
    let docs: Vec<Document> = state
        .store
        .registry(agency.id)
        .await?
        .into_iter()
        .map(|s| s.document)
        .collect();
    let sections = SECTIONS
        .iter()
        .filter_map(|d| {
            let text = inputs.sections.get(d.key)?.trim();
            (!text.is_empty()).then(|| (d.section, text.to_owned()))
        })
        .collect();
    let input = ReportInput {
        format,
        year: Some(year),
        agency: Some(agency.name.clone()),
        cases: Vec::new(),
        appeals: Vec::new(),
        table2: tally_table2(&docs, year, format, &entered),
        sections,
        fees: fees(state, agency.id, year).await?,
    };
    let mut report =
        compute(&input).map_err(|_| WebError::Internal("report input does not compute"))?;
    report.table3 = table3_counts(state, agency.id, year).await?.to_table3();
    report.table4 = crate::proceedings::table4::table(state, agency.id, year).await?;
    let mut findings: Vec<Finding> = rules::check(&report);
    let previous = last_year(state, agency.id, year).await?;
    if let Some(prev) = &previous {
        findings.extend(rules::check_years(prev, &report));
    }
    // A cell the entry form already reports (not a number, or still empty) is not listed again
    // by S-03.
    findings.retain(|f| {
        f.rule != "S-03"
            || !entry_errors
                .iter()
                .any(|e| f.location == format!("table2.{}", e.key))
    });
    report.diagnostics = findings;
    Ok(Compiled {
        report,
        entry_errors,
        compared_with_last_year: previous.is_some(),
    })
}
