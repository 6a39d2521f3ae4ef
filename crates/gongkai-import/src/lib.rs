//! Reading published 政府信息公开工作年度报告 into the canonical [`AnnualReport`]
//! (`REPORT_JSON.md` §1), and auditing batches of them.
//!
//! The public interface is [`parse_file`], [`parse_bytes`] and [`audit`], and what they return.
//! Every reader (plain text in its many layouts, HTML, DOCX, XLSX, PDF) produces the same
//! intermediate form, lines of cells ([`Line`], module `layout`); from there one pipeline finds
//! the outline (`outline`), turns each table region into label/value groups (`stream`) and
//! matches them to the domain's row definitions by normalised keywords (`keywords`). Whatever
//! the importer had to decide (a repaired cell, a missing one, an unknown row) is a diagnostic
//! (`diag`) in the report, never a silent guess.

mod align;
pub mod audit;
mod diag;
mod docx;
mod error;
mod fused;
mod html;
mod keywords;
mod layout;
mod normalize;
mod outline;
mod pdf;
mod repair;
mod split;
mod stream;
mod table2;
mod table3;
mod table4;
mod version;
mod xlsx;

/// Each reader alone, for the fuzz targets and the throughput bench; everything else goes
/// through [`parse_file`] / [`parse_bytes`].
pub mod readers {
    pub use crate::docx::{lines as docx, lines_from_xml as docx_xml};
    pub use crate::html::lines as html;
    pub use crate::layout::from_text as text;
    pub use crate::pdf::lines as pdf;
    pub use crate::xlsx::lines as xlsx;
}

pub use error::ImportError;

use gongkai_domain::report::{AnnualReport, Format};
pub use layout::Line;
use std::path::Path;

/// Files larger than this are refused (a report is a few hundred KB; scanned PDFs a few MB).
pub const MAX_BYTES: u64 = 40 * 1024 * 1024;

/// What kind of file the content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown.
    Text,
    /// HTML.
    Html,
    /// Word 2007+ (zip).
    Docx,
    /// Excel 2007+ (zip).
    Xlsx,
    /// PDF.
    Pdf,
}

/// Reads and parses the file at `path`.
pub fn parse_file(path: &Path) -> Result<AnnualReport, ImportError> {
    let io = |source| ImportError::Io {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        return Err(ImportError::TooLarge {
            size,
            limit: MAX_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse_bytes(&bytes)
}

/// Parses a report from its bytes, detecting the kind by content.
pub fn parse_bytes(bytes: &[u8]) -> Result<AnnualReport, ImportError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_BYTES,
        });
    }
    Ok(from_lines(&lines_of(bytes)?))
}

/// The lines of cells of a file's content, whatever its kind (the readers' common output).
pub fn lines_of(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    Ok(match detect(bytes)? {
        (Kind::Pdf, _) => pdf::lines(bytes)?,
        (Kind::Docx, _) => docx::lines(bytes)?,
        (Kind::Xlsx, _) => xlsx::lines(bytes)?,
        (Kind::Html, text) => html::lines(&text),
        (Kind::Text, text) => layout::from_text(&text),
    })
}

/// Detects the kind of `bytes` by content; text kinds come with their decoded text.
pub fn detect(bytes: &[u8]) -> Result<(Kind, String), ImportError> {
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok((Kind::Pdf, String::new()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok((zip_kind(bytes), String::new()));
    }
    let text = decode(bytes).ok_or(ImportError::Unrecognised)?;
    let start: String = text.chars().take(2048).collect::<String>().to_lowercase();
    let html = [
        "<!doctype html",
        "<html",
        "<table",
        "<body",
        "<meta",
        "<p>",
        "<div",
    ]
    .iter()
    .any(|t| start.contains(t));
    Ok((if html { Kind::Html } else { Kind::Text }, text))
}

/// A zip is a workbook when it has `xl/workbook.xml`; anything else is read as a Word document
/// (whose reader says what is missing).
fn zip_kind(bytes: &[u8]) -> Kind {
    let workbook = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("xl/workbook.xml").is_some());
    if workbook { Kind::Xlsx } else { Kind::Docx }
}

/// Decodes text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. `None` for binary.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = if let Ok(s) = std::str::from_utf8(bytes) {
        (s.trim_start_matches('\u{feff}').to_owned(), false)
    } else if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, _, e) = enc.decode(bytes);
        (t.into_owned(), e)
    } else {
        let (t, _, e) = encoding_rs::GB18030.decode(bytes);
        (t.into_owned(), e)
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let odd = text.chars().filter(|c| *c == '\u{fffd}').count();
    let n = text.chars().count().max(1);
    let binary = had_errors || control * 100 > n || odd * 100 > n || text.contains('\0');
    (!binary).then_some(text)
}

/// Builds the report from lines of cells (the common form of every reader).
pub fn from_lines(lines: &[Line]) -> AnnualReport {
    let lines = &fused::split_headings(lines);
    let heads = outline::headings(lines);
    let title = outline::title(lines);
    let [r2, r3, r4] = outline::table_ranges(lines, &heads);
    let text = |r: &std::ops::Range<usize>| -> String {
        let t: Vec<String> = lines[r.clone()].iter().map(Line::joined).collect();
        t.join(" ")
    };
    let g2 = stream::groups(&lines[r2.clone()]);
    let g3 = stream::groups(&lines[r3.clone()]);
    let g4 = stream::groups(&lines[r4.clone()]);
    let mut report = AnnualReport::new(Format::F2021);
    report.year = title.as_ref().map(|t| t.1);
    report.agency = title.as_ref().and_then(|t| t.2.clone());
    let t2 = text(&r2);
    report.format = version::decide(&t2, &g2, &g3, report.year, &mut report.diagnostics);
    table2::read(&g2, &t2, &mut report);
    table3::read(&g3, &text(&r3), &mut report);
    table4::read(&g4, &text(&r4), &mut report);
    report.sections = outline::sections(lines, &heads, title.as_ref().map(|t| t.0));
    meta_diagnostics(&mut report);
    report
}

fn meta_diagnostics(report: &mut AnnualReport) {
    if report.year.is_none() {
        let msg = "未找到报告年度（标题中应有“某某年政府信息公开工作年度报告”）";
        report.diagnostics.push(diag::warn(diag::META, "year", msg));
    }
    if report.agency.is_none() {
        let msg = "未找到报告机关名称";
        report
            .diagnostics
            .push(diag::warn(diag::META, "agency", msg));
    }
}

/// Whether at least one standard table was found (exit code 0 of `report parse`).
pub fn has_tables(report: &AnnualReport) -> bool {
    !report.table2.is_empty() || !report.table3.is_empty() || !report.table4.is_empty()
}
