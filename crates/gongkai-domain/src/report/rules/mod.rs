//! The rule engine (REPORT_JSON.md §2).
