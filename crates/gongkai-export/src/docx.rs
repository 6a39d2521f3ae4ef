//! DOCX (`docx-rs`): A4, the title, the sections and their paragraphs, and the three tables with
//! the official merged layout (`w:gridSpan` across, `w:vMerge` down), page numbers “— 1 —”.
//!
//! Fonts are named per run (宋体 for text, 黑体 for the title and headings, configurable in
//! [`DocxOptions`]). docx-rs cannot write `w:lang`, so the built XML is amended: every run
//! property and the document defaults get `w:lang w:eastAsia="zh-CN"`, without which
//! LibreOffice substitutes Japanese glyph shapes (`DEPENDENCIES.md` §3.4).

use crate::ExportError;
use crate::layout::{self, Content, Grid, Placed};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, WidthType,
};
use gongkai_domain::report::AnnualReport;
use std::io::Cursor;

/// A4 in twips (1/20 pt).
const A4: (u32, u32) = (11_906, 16_838);
/// Left and right margins in twips (28 mm and 26 mm, as in 公文 layout).
const MARGIN_LR: (i32, i32) = (1_588, 1_474);
/// Top and bottom margins in twips.
const MARGIN_TB: (i32, i32) = (1_701, 1_588);
/// Title size in half-points (18 pt, 小二).
const TITLE_SIZE: usize = 36;
/// Heading size in half-points (14 pt, 四号).
const HEADING_SIZE: usize = 28;
/// Tables up to this many rows are kept on one page (Word's “keep with next” on every row but
/// the last); a split would cut table 三's row-spanning labels.
const KEEP_ROWS: usize = 40;
/// The language tag added to every run property.
const LANG: &str = r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN" />"#;

/// Fonts and sizes of the DOCX.
#[derive(Debug, Clone)]
pub struct DocxOptions {
    /// East-Asian font of body text and tables (default 宋体).
    pub body_font: String,
    /// East-Asian font of the title and headings (default 黑体).
    pub heading_font: String,
    /// Font of Latin letters and digits (default Times New Roman).
    pub latin_font: String,
    /// Body text size in half-points (default 24 = 12 pt, 小四).
    pub body_size: usize,
    /// Table text size in half-points (default 18 = 9 pt, 小五).
    pub table_size: usize,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            body_font: "宋体".to_owned(),
            heading_font: "黑体".to_owned(),
            latin_font: "Times New Roman".to_owned(),
            body_size: 24,
            table_size: 18,
        }
    }
}

impl DocxOptions {
    fn fonts(&self, east_asia: &str) -> RunFonts {
        RunFonts::new()
            .east_asia(east_asia)
            .ascii(&self.latin_font)
            .hi_ansi(&self.latin_font)
    }

    fn run(&self, text: &str, heading: bool, size: usize) -> Run {
        let font = if heading {
            &self.heading_font
        } else {
            &self.body_font
        };
        let run = Run::new().add_text(text).fonts(self.fonts(font)).size(size);
        if heading { run.bold() } else { run }
    }
}

/// The report as a DOCX document.
pub fn render(report: &AnnualReport, options: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .left(MARGIN_LR.0)
                .right(MARGIN_LR.1)
                .top(MARGIN_TB.0)
                .bottom(MARGIN_TB.1),
        )
        .default_fonts(options.fonts(&options.body_font))
        .default_size(options.body_size)
        .footer(page_number_footer(options))
        .add_paragraph(title(report, options));
    for part in layout::outline(report) {
        if !part.heading.is_empty() {
            let run = options.run(part.heading, true, HEADING_SIZE);
            let p = indented(Paragraph::new().add_run(run), HEADING_SIZE)
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(240).after(120));
            doc = doc.add_paragraph(p);
        }
        for p in &part.paragraphs {
            let run = options.run(p, false, options.body_size);
            doc = doc.add_paragraph(indented(Paragraph::new().add_run(run), options.body_size));
        }
        if let Some(grid) = &part.table {
            doc = doc
                .add_table(table(grid, options))
                .add_paragraph(Paragraph::new());
        }
    }
    pack(doc)
}

/// The title, centred, with a line break between its lines (the runs' text is the title).
fn title(report: &AnnualReport, options: &DocxOptions) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(360));
    for (i, line) in layout::title_lines(report).iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = p.add_run(options.run(line, true, TITLE_SIZE));
    }
    p
}

/// A paragraph whose first line is indented by two characters of `size` (half-points).
fn indented(p: Paragraph, size: usize) -> Paragraph {
    let twips = i32::try_from(size * 20).unwrap_or(480);
    p.indent(None, Some(SpecialIndentType::FirstLine(twips)), None, None)
        .first_line_chars(200)
}

/// “— 1 —” centred in the footer.
fn page_number_footer(options: &DocxOptions) -> Footer {
    let size = options.body_size.saturating_sub(4);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(options.run("— ", false, size))
            .add_page_num(PageNum::new())
            .add_run(options.run(" —", false, size)),
    )
}

/// One grid as a table: every grid position gets a `w:tc`, the first of a merge with the
/// content, the ones below it `vMerge continue`, the ones to its right absorbed by `gridSpan`.
fn table(grid: &Grid, options: &DocxOptions) -> Table {
    let text_width = A4.0 as usize - (MARGIN_LR.0 + MARGIN_LR.1).unsigned_abs() as usize;
    let total: usize = grid
        .widths
        .iter()
        .map(|w| usize::from(*w))
        .sum::<usize>()
        .max(1);
    let widths: Vec<usize> = grid
        .widths
        .iter()
        .map(|w| usize::from(*w) * text_width / total)
        .collect();
    let cover = grid.cover();
    let keep = grid.height <= KEEP_ROWS;
    let rows = cover.iter().enumerate().map(|(y, slots)| {
        let keep_next = keep && y + 1 < grid.height;
        let mut cells = Vec::new();
        for (x, slot) in slots.iter().enumerate() {
            match slot.map(|i| &grid.cells[i]) {
                Some(cell) if cell.col == x => cells.push(tc(cell, y, &widths, options, keep_next)),
                Some(_) => {}
                None => cells.push(TableCell::new().add_paragraph(Paragraph::new())),
            }
        }
        TableRow::new(cells).cant_split()
    });
    Table::new(rows.collect())
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(20, 40, 20, 40))
}

/// The `w:tc` of `cell` in grid row `y`; `keep_next` keeps the row on the page of the next one.
fn tc(
    cell: &Placed,
    y: usize,
    widths: &[usize],
    options: &DocxOptions,
    keep_next: bool,
) -> TableCell {
    let width: usize = widths[cell.col..cell.col + cell.cols].iter().sum();
    let mut tc = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if cell.cols > 1 {
        tc = tc.grid_span(cell.cols);
    }
    if cell.row != y {
        return tc
            .vertical_merge(VMergeType::Continue)
            .add_paragraph(Paragraph::new().keep_next(keep_next));
    }
    if cell.rows > 1 {
        tc = tc.vertical_merge(VMergeType::Restart);
    }
    if matches!(cell.content, Content::Header(_)) {
        tc = tc.shading(Shading::new().fill("F2F2F2"));
    }
    tc.add_paragraph(cell_paragraph(cell, options).keep_next(keep_next))
}

/// The paragraph inside a table cell: headers bold and centred, labels left, values centred.
fn cell_paragraph(cell: &Placed, options: &DocxOptions) -> Paragraph {
    let run = options.run(&cell.content.text(), false, options.table_size);
    let (align, run) = match cell.content {
        Content::Header(_) => (AlignmentType::Center, run.bold()),
        Content::Label(_) => (AlignmentType::Left, run),
        Content::Value(_) => (AlignmentType::Center, run),
    };
    Paragraph::new().align(align).add_run(run)
}

/// Builds the package, adding the zh-CN language tag the builder cannot write.
fn pack(doc: Docx) -> Result<Vec<u8>, ExportError> {
    pack_xml(doc.build())
}

/// [`pack`] for a document whose XML the caller amended first.
pub(crate) fn pack_xml(mut xml: docx_rs::XMLDocx) -> Result<Vec<u8>, ExportError> {
    xml.document = with_lang(&xml.document)?;
    xml.styles = with_lang(&xml.styles)?;
    xml.footers = xml
        .footers
        .iter()
        .map(|f| with_lang(f))
        .collect::<Result<_, _>>()?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

/// Adds [`LANG`] as the last child of every run-property element (`w:lang` comes after the
/// fonts, sizes and bold that docx-rs writes, as the schema's sequence requires).
fn with_lang(xml: &[u8]) -> Result<Vec<u8>, ExportError> {
    let text = std::str::from_utf8(xml).map_err(|e| ExportError::Docx(e.to_string()))?;
    let amended = text
        .replace("<w:rPr />", "<w:rPr></w:rPr>")
        .replace("</w:rPr>", &format!("{LANG}</w:rPr>"));
    Ok(amended.into_bytes())
}
