//! A finding: what a rule (or the importer) says about one place in a report.

use std::fmt;

/// How serious a finding is (`REPORT_JSON.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The report is wrong as published.
    Error,
    /// Suspicious or incomplete.
    Warning,
    /// A rule could not be judged because an input is blank or non-numeric.
    Uncertain,
    /// For information.
    Info,
}

impl Severity {
    /// The JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Uncertain => "uncertain",
            Severity::Info => "info",
        }
    }

    /// Parses the JSON value.
    pub fn parse(s: &str) -> Option<Severity> {
        [
            Severity::Error,
            Severity::Warning,
            Severity::Uncertain,
            Severity::Info,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// The Chinese word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Uncertain => "无法判断",
            Severity::Info => "提示",
        }
    }
}

/// One finding about a report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// Rule id from the catalogue (`T3-01`, …) or an importer diagnostic id.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// The cell or part concerned, as a JSON path (`table3.total[6]`).
    pub location: String,
    /// What is wrong, in Chinese, with the actual numbers.
    pub message: String,
    /// Every cell the rule read (JSON paths), so a viewer can highlight them all; may be empty.
    pub cells: Vec<String>,
}

impl Finding {
    /// A finding.
    pub fn new(
        rule: &str,
        severity: Severity,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule: rule.to_owned(),
            severity,
            location: location.into(),
            message: message.into(),
            cells: Vec::new(),
        }
    }

    /// The same finding, naming every cell the rule read.
    pub fn with_cells(mut self, cells: Vec<String>) -> Self {
        self.cells = cells;
        self
    }

    /// Whether the finding concerns the cell at `path` (its location or one of its cells).
    pub fn touches(&self, path: &str) -> bool {
        self.location == path || self.cells.iter().any(|c| c == path)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} {}：{}",
            self.severity.label(),
            self.rule,
            self.location,
            self.message
        )
    }
}
