//! Renderers of the annual report (政府信息公开工作年度报告) in the official layout.
//!
//! One [`layout`] turns the domain's table definitions (`gongkai_domain::report::{table2,
//! table3, table4}`) into grids of header, label and value cells with row and column spans; every
//! renderer — [`html`], [`markdown`], [`xlsx`], [`docx`] and [`pdf`] — draws that same grid, so
//! the five outputs cannot drift apart. Labels are never retyped here: they all come from the
//! domain crate. A blank cell is rendered empty and a token (“/”, “—”) verbatim, so an importer
//! can read every output back to the same report.

pub mod docx;
mod error;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod letter;
pub mod markdown;
pub mod pdf;
mod typeset;
pub mod xlsx;

pub use error::ExportError;
pub use html::{HtmlOptions, render_html, render_tables_fragment};

use gongkai_domain::report::AnnualReport;

/// An output format of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A self-contained printable HTML page.
    Html,
    /// Markdown with GitHub tables.
    Markdown,
    /// An Excel workbook, one sheet per table.
    Xlsx,
    /// A Word document.
    Docx,
    /// A PDF typeset by typst.
    Pdf,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 5] = [
        Target::Html,
        Target::Markdown,
        Target::Xlsx,
        Target::Docx,
        Target::Pdf,
    ];

    /// Parses a target name as given on the command line: `html`, `md`, `docx`, `xlsx`, `pdf`
    /// (also `htm` and `markdown`; case-insensitive).
    pub fn parse(name: &str) -> Result<Target, ExportError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Target::Html),
            "md" | "markdown" => Ok(Target::Markdown),
            "xlsx" => Ok(Target::Xlsx),
            "docx" => Ok(Target::Docx),
            "pdf" => Ok(Target::Pdf),
            _ => Err(ExportError::UnknownTarget(name.to_owned())),
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Html => "html",
            Target::Markdown => "md",
            Target::Xlsx => "xlsx",
            Target::Docx => "docx",
            Target::Pdf => "pdf",
        }
    }

    /// The MIME type, for HTTP downloads.
    pub fn mime(self) -> &'static str {
        match self {
            Target::Html => "text/html; charset=utf-8",
            Target::Markdown => "text/markdown; charset=utf-8",
            Target::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Target::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Target::Pdf => "application/pdf",
        }
    }
}

/// Renders `report` in the official layout as `to`, with default options.
///
/// HTML and Markdown are UTF-8 text. PDF uses the embedded CJK fonts (see [`fonts`]); the typst
/// engine is built on the first PDF and reused.
pub fn render(report: &AnnualReport, to: Target) -> Result<Vec<u8>, ExportError> {
    match to {
        Target::Html => Ok(render_html(report, &HtmlOptions::default()).into_bytes()),
        Target::Markdown => Ok(markdown::render(report).into_bytes()),
        Target::Xlsx => xlsx::render(report),
        Target::Docx => docx::render(report, &docx::DocxOptions::default()),
        Target::Pdf => pdf::render(report),
    }
}
