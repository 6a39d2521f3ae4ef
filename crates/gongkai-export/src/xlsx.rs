//! XLSX (`rust_xlsxwriter`): one sheet per statutory table, named after the table
//! (“表三（收到和处理政府信息公开申请情况）”), with the report title and the section heading above
//! the grid, merged header cells, numbers stored as numbers and tokens as text; a last sheet
//! holds the narrative sections. Sheets print on A4, one page wide.

use crate::ExportError;
use crate::layout::{self, Content, Grid, Placed};
use gongkai_domain::report::{AnnualReport, Cell, TableId};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// Rows above the grid: the report title and the section heading.
const TOP: u32 = 2;
/// Excel column width units per CJK character of the layout's widths.
const UNITS_PER_CHAR: f64 = 2.1;
/// Points per text line at the 10-point table font.
const LINE_PT: f64 = 14.0;
/// Name of the sheet holding the narrative.
const TEXT_SHEET: &str = "报告正文";
/// A4 in Excel's paper-size codes.
const A4: u8 = 9;

/// The cell formats of a workbook.
struct Styles {
    title: Format,
    heading: Format,
    header: Format,
    label: Format,
    value: Format,
    paragraph: Format,
}

impl Styles {
    fn new() -> Self {
        let base = Format::new().set_font_name("宋体").set_font_size(10);
        let boxed = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            heading: base.clone().set_bold().set_font_size(12),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xF2_F2_F2)),
            label: boxed.clone().set_align(FormatAlign::Left),
            value: boxed.set_align(FormatAlign::Center),
            paragraph: base.set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// The report as an XLSX workbook.
pub fn render(report: &AnnualReport) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    for id in TableId::ALL {
        if let Some(grid) = layout::grid(report, id) {
            let sheet = book.add_worksheet();
            table_sheet(sheet, report, &grid, &styles)?;
        }
    }
    text_sheet(book.add_worksheet(), report, &styles)?;
    Ok(book.save_to_buffer()?)
}

/// One table's sheet.
fn table_sheet(
    sheet: &mut Worksheet,
    report: &AnnualReport,
    grid: &Grid,
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_name(grid.table.name())?;
    sheet.set_paper_size(A4).set_print_fit_to_pages(1, 0);
    let last_col = col(grid.width.saturating_sub(1));
    sheet.merge_range(0, 0, 0, last_col, &report.title(), &styles.title)?;
    let heading = layout::section_of(grid.table).def().heading;
    sheet.merge_range(1, 0, 1, last_col, heading, &styles.heading)?;
    sheet.set_row_height(0, 24)?;
    for (x, w) in grid.widths.iter().enumerate() {
        sheet.set_column_width(col(x), f64::from(*w) * UNITS_PER_CHAR)?;
    }
    for cell in &grid.cells {
        place(sheet, cell, styles)?;
    }
    for y in 0..grid.height {
        sheet.set_row_height(row(y), lines(grid, y) * LINE_PT + 4.0)?;
    }
    if grid.header_rows > 0 {
        sheet.set_repeat_rows(TOP, row(grid.header_rows - 1))?;
    }
    Ok(())
}

/// Writes one placed cell, merging its range when it spans.
fn place(sheet: &mut Worksheet, cell: &Placed, styles: &Styles) -> Result<(), ExportError> {
    let (r, c) = (row(cell.row), col(cell.col));
    let (r2, c2) = (row(cell.row + cell.rows - 1), col(cell.col + cell.cols - 1));
    let format = match cell.content {
        Content::Header(_) => &styles.header,
        Content::Label(_) => &styles.label,
        Content::Value(_) => &styles.value,
    };
    let text = cell.content.text();
    if (r, c) != (r2, c2) {
        sheet.merge_range(r, c, r2, c2, &text, format)?;
    }
    match &cell.content {
        Content::Value(Cell::Number(d)) => {
            let n = d.to_f64().unwrap_or_default();
            sheet.write_number_with_format(r, c, n, format)?;
        }
        Content::Value(Cell::Blank) => {
            sheet.write_blank(r, c, format)?;
        }
        _ => {
            sheet.write_string_with_format(r, c, &text, format)?;
        }
    }
    Ok(())
}

/// Text lines needed by grid row `y`: the longest wrap among the single-row cells starting there.
fn lines(grid: &Grid, y: usize) -> f64 {
    let most = grid
        .cells
        .iter()
        .filter(|c| c.row == y && c.rows == 1)
        .map(|c| {
            let chars = c.content.text().chars().count();
            let width: usize = grid.widths[c.col..c.col + c.cols]
                .iter()
                .map(|w| usize::from(*w))
                .sum();
            chars.div_ceil(width.max(1))
        })
        .max()
        .unwrap_or(1);
    f64::from(u32::try_from(most.max(1)).unwrap_or(1))
}

/// The narrative sheet: the title, then each heading and its paragraphs, one per row.
fn text_sheet(
    sheet: &mut Worksheet,
    report: &AnnualReport,
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_name(TEXT_SHEET)?;
    sheet.set_paper_size(A4);
    sheet.set_column_width(0, 100)?;
    sheet.write_string_with_format(0, 0, report.title(), &styles.title)?;
    let mut r = 1;
    for part in layout::outline(report) {
        if !part.heading.is_empty() {
            r += 1;
            sheet.write_string_with_format(r, 0, part.heading, &styles.heading)?;
        }
        for p in &part.paragraphs {
            r += 1;
            sheet.write_string_with_format(r, 0, *p, &styles.paragraph)?;
            let lines = p.chars().count().div_ceil(48).max(1);
            let height = f64::from(u32::try_from(lines).unwrap_or(1)) * LINE_PT + 4.0;
            sheet.set_row_height(r, height)?;
        }
    }
    Ok(())
}

/// Sheet row of grid row `y` (below the title rows). Grids are a few dozen rows.
fn row(y: usize) -> u32 {
    TOP + u32::try_from(y).unwrap_or(u32::MAX - TOP)
}

/// Sheet column of grid column `x`. Grids are at most a few dozen columns.
fn col(x: usize) -> u16 {
    u16::try_from(x).unwrap_or(u16::MAX)
}
