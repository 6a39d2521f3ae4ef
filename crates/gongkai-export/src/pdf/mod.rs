//! PDF typeset by typst: the template `report.typ` (compiled into the binary) receives the
//! report's outline and grids as data in `sys.inputs`, lays out the tables with the official
//! row and column spans, numbers the pages and embeds subsets of the CJK fonts.
//!
//! The engine and its fonts (embedded Noto CJK SC subsets, plus any in `GONGKAI_FONT_DIR`) are
//! loaded once per process and shared with the letters; see [`crate::fonts`].

mod data;

use crate::{ExportError, typeset};
use gongkai_domain::report::AnnualReport;

/// The report as a PDF. Fails with [`ExportError::MissingGlyphs`] when the report holds a
/// character that no loaded font has.
pub fn render(report: &AnnualReport) -> Result<Vec<u8>, ExportError> {
    typeset::pdf(typeset::REPORT, data::inputs(report))
}
