//! The importer's own diagnostic ids. They sit next to the rule ids of `REPORT_JSON.md` §2 in
//! `diagnostics`, so a reader can tell what was printed from what the importer had to decide.
//!
//! | id | severity | meaning |
//! |---|---|---|
//! | `P-REPAIR` | warning | a cell was repaired or guessed (a split “1 0” joined, a lost cell restored from the row sum) |
//! | `P-MISSING` | warning | a row had fewer cells than the table; the missing ones are left blank |
//! | `P-EXTRA` | warning | a row had more cells than the table; the surplus was dropped |
//! | `P-LABEL` | warning | a row label matched no standard row; the row is kept in `extra_rows` |
//! | `P-DUP` | warning | a standard row was printed twice; the first is kept |
//! | `P-FORMAT` | info | how the format version was decided, or a row of the other format |
//! | `P-META` | warning | the year or the agency could not be found |
//! | `P-AMOUNT` | info | an amount's unit was assumed or converted |
//! | `P-SPLIT` | info | digits printed run together were split into cells, the one way the table's identities allow |
//! | `P-AMBIGUOUS` | warning | digits run together split more than one way; the candidates are listed and the cells that differ left blank |
//! | `P-PLACED` | warning | a row printed without a label of its own was placed by its position in the template |
//! | `P-JOINED` | warning | a row printed in two pieces (across a page) was joined |
//! | `P-UNCERTAIN` | warning | a row read from an irregular layout breaks its own identity: it may be misread |
//! | `P-BLANK` | warning | a table was printed with no values at all; its rows are kept with blank cells |
//! | `P-STRAY` | info | a stray value belonging to no row (a page number inside a table) was ignored |

use gongkai_domain::report::{Finding, Severity};

/// A cell was repaired or guessed.
pub const REPAIR: &str = "P-REPAIR";
/// Cells missing from a row.
pub const MISSING: &str = "P-MISSING";
/// Surplus cells in a row.
pub const EXTRA: &str = "P-EXTRA";
/// Unrecognised row label.
pub const LABEL: &str = "P-LABEL";
/// A standard row printed twice.
pub const DUP: &str = "P-DUP";
/// Format version decision.
pub const FORMAT: &str = "P-FORMAT";
/// Year or agency not found.
pub const META: &str = "P-META";
/// Amount unit assumed or converted.
pub const AMOUNT: &str = "P-AMOUNT";
/// Run-together digits split the one way the identities allow.
pub const SPLIT: &str = "P-SPLIT";
/// Run-together digits that split more than one way.
pub const AMBIGUOUS: &str = "P-AMBIGUOUS";
/// A row placed by its position in the template.
pub const PLACED: &str = "P-PLACED";
/// A row joined from two printed pieces.
pub const JOINED: &str = "P-JOINED";
/// A row from an irregular layout that breaks its own identity.
pub const UNCERTAIN: &str = "P-UNCERTAIN";
/// A table printed with no values.
pub const BLANK: &str = "P-BLANK";
/// A stray value ignored.
pub const STRAY: &str = "P-STRAY";

/// A warning finding.
pub fn warn(rule: &str, location: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding::new(rule, Severity::Warning, location, message)
}

/// An info finding.
pub fn info(rule: &str, location: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding::new(rule, Severity::Info, location, message)
}
