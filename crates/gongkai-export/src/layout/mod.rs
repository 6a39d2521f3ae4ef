//! The one layout every renderer draws: the report as an outline of sections, and each statutory
//! table as a [`Grid`] of placed cells with row and column spans, exactly as the official
//! template merges them.
//!
//! Only rows present in the report are laid out (a missing row stays missing, so an importer
//! reads back the same report); extra rows of local variants follow the standard rows. The
//! labels come from the domain definitions — nothing here retypes one.

mod table2;
mod table3;
mod table4;

use gongkai_domain::report::{AnnualReport, Cell, ExtraRow, Section, TableId};

/// What a placed cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A column header or block caption.
    Header(String),
    /// A row label or row-spanning group label.
    Label(String),
    /// A data cell.
    Value(Cell),
}

impl Content {
    /// The text as printed: the label, or the cell via its `Display` (blank → empty).
    pub fn text(&self) -> String {
        match self {
            Content::Header(s) | Content::Label(s) => s.clone(),
            Content::Value(c) => c.to_string(),
        }
    }

    /// Whether this is a header or label (printed as a table heading cell).
    pub fn is_heading(&self) -> bool {
        !matches!(self, Content::Value(_))
    }
}

/// One cell of a grid, at its top-left position, with its spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Grid row of the top-left corner (0-based).
    pub row: usize,
    /// Grid column of the top-left corner (0-based).
    pub col: usize,
    /// Rows spanned (≥ 1).
    pub rows: usize,
    /// Columns spanned (≥ 1).
    pub cols: usize,
    /// What it holds.
    pub content: Content,
    /// JSON paths of the report values shown in this cell (`table3.total[6]`); empty for labels.
    pub paths: Vec<String>,
}

/// A statutory table laid out as a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Which table.
    pub table: TableId,
    /// Number of grid columns.
    pub width: usize,
    /// Number of grid rows.
    pub height: usize,
    /// Leading rows that form the repeating column header (0 for table 二, whose captions and
    /// headers repeat per block).
    pub header_rows: usize,
    /// Leading columns that hold row labels.
    pub label_cols: usize,
    /// Relative column widths, in CJK characters at table font size.
    pub widths: Vec<u16>,
    /// Every cell, in row-major order of its top-left corner.
    pub cells: Vec<Placed>,
}

impl Grid {
    /// The cells starting in each row, in column order.
    pub fn rows(&self) -> Vec<Vec<&Placed>> {
        let mut out = vec![Vec::new(); self.height];
        for c in &self.cells {
            out[c.row].push(c);
        }
        for row in &mut out {
            row.sort_by_key(|c| c.col);
        }
        out
    }

    /// For every grid position, the index in [`Grid::cells`] of the cell covering it.
    pub fn cover(&self) -> Vec<Vec<Option<usize>>> {
        let mut out = vec![vec![None; self.width]; self.height];
        for (i, c) in self.cells.iter().enumerate() {
            for row in &mut out[c.row..c.row + c.rows] {
                for slot in &mut row[c.col..c.col + c.cols] {
                    *slot = Some(i);
                }
            }
        }
        out
    }
}

/// Lays out one table of `report`, or `None` when the report has none of its rows.
pub fn grid(report: &AnnualReport, table: TableId) -> Option<Grid> {
    match table {
        TableId::Table2 => table2::grid(report),
        TableId::Table3 => table3::grid(report),
        TableId::Table4 => table4::grid(report),
    }
}

/// One part of the printed report: a numbered section (or the preface) with its paragraphs and,
/// for 二/三/四, its table after the text.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    /// The section.
    pub section: Section,
    /// Official heading (“一、总体情况”); empty for the preface.
    pub heading: &'static str,
    /// Narrative paragraphs, one per non-empty line.
    pub paragraphs: Vec<&'a str>,
    /// The statutory table printed after the text, if the section has one and the report has it.
    pub table: Option<Grid>,
}

/// The report in printed order: the preface (only if it has text), then 一…六, each always present
/// with its heading so the official structure is visible.
pub fn outline(report: &AnnualReport) -> Vec<Part<'_>> {
    Section::ALL
        .into_iter()
        .filter(|s| *s != Section::Preface || !report.section(*s).trim().is_empty())
        .map(|section| Part {
            section,
            heading: section.def().heading,
            paragraphs: paragraphs(report.section(section)),
            table: table_of(section).and_then(|t| grid(report, t)),
        })
        .collect()
}

/// Characters of the title that fit one line at the title size on A4.
const TITLE_CHARS: usize = 23;

/// The title as printed: one line, or — when it would not fit one line — the agency on the first
/// line and “{year}年政府信息公开工作年度报告” on the second, as printed reports do. The lines
/// joined give [`AnnualReport::title`].
pub fn title_lines(report: &AnnualReport) -> Vec<String> {
    let title = report.title();
    match report.agency.as_deref() {
        Some(agency)
            if !agency.is_empty()
                && title.chars().count() > TITLE_CHARS
                && title.len() > agency.len()
                && title.starts_with(agency) =>
        {
            vec![agency.to_owned(), title[agency.len()..].to_owned()]
        }
        _ => vec![title],
    }
}

/// The statutory table printed in `section`.
pub fn table_of(section: Section) -> Option<TableId> {
    match section {
        Section::Proactive => Some(TableId::Table2),
        Section::Applications => Some(TableId::Table3),
        Section::Appeals => Some(TableId::Table4),
        _ => None,
    }
}

/// The section whose text the statutory `table` follows.
pub fn section_of(table: TableId) -> Section {
    match table {
        TableId::Table2 => Section::Proactive,
        TableId::Table3 => Section::Applications,
        TableId::Table4 => Section::Appeals,
    }
}

/// Splits narrative text into paragraphs: one per line, trimmed, empty lines dropped.
pub fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The extra rows of `table`, with their index in `report.extra_rows` (for JSON paths).
fn extras(report: &AnnualReport, table: TableId) -> Vec<(usize, &ExtraRow)> {
    report
        .extra_rows
        .iter()
        .enumerate()
        .filter(|(_, e)| e.table == table)
        .collect()
}

/// Offsets and spans of `n` cells spread over `total` columns as evenly as possible, the last
/// ones wider (the official 2019 （九） block prints 采购总金额 wider than 采购项目数量). More
/// cells than columns get one column each (the caller widened the grid).
fn spread(n: usize, total: usize) -> Vec<(usize, usize)> {
    if n == 0 {
        return Vec::new();
    }
    let (base, rem) = (total / n, total % n);
    let mut x = 0;
    (0..n)
        .map(|i| {
            let span = (base + usize::from(i >= n - rem)).max(1);
            let at = (x, span);
            x += span;
            at
        })
        .collect()
}

/// Accumulates placed cells; shared by the three table layouts.
#[derive(Debug, Default)]
struct Builder {
    cells: Vec<Placed>,
}

impl Builder {
    fn put(&mut self, at: (usize, usize), span: (usize, usize), content: Content) {
        self.put_value(at, span, content, Vec::new());
    }

    fn put_value(
        &mut self,
        (row, col): (usize, usize),
        (rows, cols): (usize, usize),
        content: Content,
        paths: Vec<String>,
    ) {
        self.cells.push(Placed {
            row,
            col,
            rows,
            cols,
            content,
            paths,
        });
    }

    fn header(&mut self, at: (usize, usize), span: (usize, usize), text: &str) {
        self.put(at, span, Content::Header(text.to_owned()));
    }

    fn label(&mut self, at: (usize, usize), span: (usize, usize), text: &str) {
        self.put(at, span, Content::Label(text.to_owned()));
    }

    /// Extra row `index` at grid row `y`: its label across the label columns, then its cells
    /// spread over the data columns (a row with fewer cells than columns gets wider cells, so no
    /// position is left empty and no blank cell is invented).
    fn extra_row(
        &mut self,
        y: usize,
        (labels, data): (usize, usize),
        index: usize,
        row: &ExtraRow,
    ) {
        if row.cells.is_empty() {
            self.label((y, 0), (1, labels + data), &row.label);
            return;
        }
        self.label((y, 0), (1, labels), &row.label);
        for (j, (x, span)) in spread(row.cells.len(), data).into_iter().enumerate() {
            let path = format!("extra_rows[{index}].cells[{j}]");
            let cell = Content::Value(row.cells[j].clone());
            self.put_value((y, labels + x), (1, span), cell, vec![path]);
        }
    }

    fn finish(
        mut self,
        table: TableId,
        header_rows: usize,
        label_cols: usize,
        widths: Vec<u16>,
    ) -> Grid {
        self.cells.sort_by_key(|c| (c.row, c.col));
        let height = self.cells.iter().map(|c| c.row + c.rows).max().unwrap_or(0);
        Grid {
            table,
            width: widths.len(),
            height,
            header_rows,
            label_cols,
            widths,
            cells: self.cells,
        }
    }
}
