//! PDF typeset by typst: the template `report.typ` (compiled into the binary) receives the
//! report's outline and grids as data in `sys.inputs`, lays out the tables with the official
//! row and column spans, numbers the pages and embeds subsets of the CJK fonts.
//!
//! The engine (template + fonts, about 100 MB of Noto CJK) is built once, on the first PDF, and
//! shared by every later call; see [`fonts`] for where fonts are looked up.

mod data;
pub mod fonts;

use crate::ExportError;
use gongkai_domain::report::AnnualReport;
use std::sync::OnceLock;
use typst::diag::SourceDiagnostic;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

/// The typst template.
const TEMPLATE: &str = include_str!("report.typ");

/// The shared engine with the families the template should use.
struct Engine {
    typst: TypstEngine<TypstTemplateMainFile>,
    families: fonts::Families,
}

/// The engine, built on first use; the error (no CJK font) is remembered as well.
fn engine() -> Result<&'static Engine, ExportError> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let loaded = fonts::load()?;
            let typst = TypstEngine::builder()
                .main_file(("report.typ", TEMPLATE))
                .fonts(loaded.fonts)
                .build();
            Ok(Engine {
                typst,
                families: loaded.families,
            })
        })
        .as_ref()
        .map_err(|searched| ExportError::NoCjkFont {
            searched: searched.clone(),
        })
}

/// The report as a PDF.
pub fn render(report: &AnnualReport) -> Result<Vec<u8>, ExportError> {
    let engine = engine()?;
    let inputs = data::inputs(report, &engine.families);
    let document: PagedDocument = engine
        .typst
        .compile_with_input(inputs)
        .output
        .map_err(|e| ExportError::Typeset(describe(&e)))?;
    typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diags| ExportError::Pdf(messages(&diags)))
}

fn describe(error: &TypstAsLibError) -> String {
    match error {
        TypstAsLibError::TypstSource(diags) => messages(diags),
        other => other.to_string(),
    }
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("；")
}
