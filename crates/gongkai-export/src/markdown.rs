//! Markdown: the title, the section headings and paragraphs, and each table as GitHub tables.
//!
//! Markdown has no merged cells, so the grid is flattened: the column headers of a table become
//! one header line whose cells chain their group headers (“申请人情况·法人或其他组织·商业企业”);
//! a row-spanning label (“三、本年度办理结果”, “（三）不予公开”) is repeated on every row it
//! spans, so each row reads on its own; a column-spanning cell is written once and the columns
//! it covers stay empty. Table 二's block captions become bold lines, each block its own table.

use crate::layout::{self, Content, Grid};
use gongkai_domain::report::AnnualReport;
use std::fmt::Write as _;

/// The report as Markdown.
pub fn render(report: &AnnualReport) -> String {
    let mut out = format!("# {}\n\n", inline(&report.title()));
    for part in layout::outline(report) {
        if !part.heading.is_empty() {
            let _ = write!(out, "## {}\n\n", inline(part.heading));
        }
        for p in &part.paragraphs {
            let _ = write!(out, "{}\n\n", inline(p));
        }
        if let Some(grid) = &part.table {
            table(&mut out, grid);
        }
    }
    out
}

/// One grid as one or more GitHub tables.
fn table(out: &mut String, grid: &Grid) {
    let cover = grid.cover();
    let mut y = 0;
    while y < grid.height {
        if let Some(caption) = caption_row(grid, &cover, y) {
            let _ = write!(out, "**{}**\n\n", inline(caption));
            y += 1;
            continue;
        }
        let header_rows = if grid.header_rows > 0 {
            grid.header_rows
        } else {
            1
        };
        let end = (y + header_rows..grid.height)
            .find(|r| caption_row(grid, &cover, *r).is_some())
            .unwrap_or(grid.height);
        let mut lines = vec![header_line(grid, &cover, y..y + header_rows)];
        lines.extend((y + header_rows..end).map(|r| body_line(grid, &cover[r], r)));
        segment(out, &lines);
        y = end;
    }
}

/// Writes one GitHub table (the first line is the header), leaving out columns that are empty
/// on every line — the right part of a cell spanning several columns, e.g. in table 二's
/// one-column blocks.
fn segment(out: &mut String, lines: &[Vec<String>]) {
    let width = lines.first().map_or(0, Vec::len);
    let keep: Vec<usize> = (0..width)
        .filter(|x| lines.iter().any(|l| !l[*x].is_empty()))
        .collect();
    let pick = |l: &Vec<String>| keep.iter().map(|x| l[*x].clone()).collect::<Vec<_>>();
    for (i, l) in lines.iter().enumerate() {
        line(out, &pick(l));
        if i == 0 {
            line(out, &vec!["---".to_owned(); keep.len()]);
        }
    }
    out.push('\n');
}

/// The text of row `y` if it is a block caption: one header cell across the whole table.
fn caption_row<'g>(grid: &'g Grid, cover: &[Vec<Option<usize>>], y: usize) -> Option<&'g str> {
    let first = cover[y].first().copied().flatten()?;
    let cell = &grid.cells[first];
    let whole = cell.row == y && cell.cols == grid.width && cell.rows == 1;
    match &cell.content {
        Content::Header(text) if whole && grid.header_rows == 0 => Some(text),
        _ => None,
    }
}

/// One header line for header rows `rows`: per column, the group headers over it joined by “·”,
/// then its own header (written only in the first column it covers).
fn header_line(
    grid: &Grid,
    cover: &[Vec<Option<usize>>],
    rows: std::ops::Range<usize>,
) -> Vec<String> {
    let last = rows.end - 1;
    (0..grid.width)
        .map(|x| {
            let mut chain: Vec<String> = Vec::new();
            let mut seen: Vec<usize> = Vec::new();
            for y in rows.clone() {
                let Some(i) = cover[y][x] else { continue };
                if seen.contains(&i) {
                    continue;
                }
                seen.push(i);
                let cell = &grid.cells[i];
                let leaf = cell.row + cell.rows > last;
                let text = cell.content.text();
                if !text.is_empty() && (!leaf || cell.col == x) {
                    chain.push(text);
                }
            }
            chain.join("·")
        })
        .collect()
}

/// One body line: labels repeated down their row span, other cells once.
fn body_line(grid: &Grid, cover: &[Option<usize>], y: usize) -> Vec<String> {
    cover
        .iter()
        .enumerate()
        .map(|(x, slot)| {
            let Some(cell) = slot.map(|i| &grid.cells[i]) else {
                return String::new();
            };
            let first_col = cell.col == x;
            let repeat = matches!(cell.content, Content::Label(_));
            if first_col && (cell.row == y || repeat) {
                cell.content.text()
            } else {
                String::new()
            }
        })
        .collect()
}

fn line(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        let _ = write!(out, " {} |", cell_text(c));
    }
    out.push('\n');
}

/// Escapes a table cell: pipes and line breaks would end the cell; a leading “-” (本年增/减
/// “-8”) is not markup inside a table and stays as is.
fn cell_text(text: &str) -> String {
    escape(text, false)
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Escapes a paragraph or heading.
fn inline(text: &str) -> String {
    escape(text, true)
}

/// Escapes the characters that would turn plain text into Markdown markup; `block` also escapes
/// a leading character that would start a heading, list or rule.
fn escape(text: &str, block: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, ch) in text.chars().enumerate() {
        let at_start = block && i == 0;
        match ch {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(ch);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}
