//! XLSX workbooks (`calamine`): each sheet's rows become lines of cells, merged cells printed
//! once (as the HTML and DOCX readers do: a merged label is not repeated, a merged blank counts
//! as that many blanks). Numbers keep the value Excel stores, tokens (“/”, “-”) stay text.
//!
//! A workbook that keeps the narrative on a sheet of its own (as gongkai's export does: one sheet
//! per table, the report text last) is read narrative first, with each table sheet placed after
//! the heading of its section, so the outline reads in printed order.

use crate::error::ImportError;
use crate::layout::Line;
use crate::normalize::key;
use calamine::{Data, Dimensions, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Cells read from one workbook at most: a report has a few hundred, and a hostile file can
/// claim a cell at XFD1048576, so the sheet is read sparsely and bounded.
const MAX_CELLS: usize = 200_000;
/// Merged regions considered per sheet.
const MAX_MERGED: usize = 4_096;
/// Columns kept right of a sheet's leftmost one (the widest statutory table has 16).
const MAX_WIDTH: u32 = 64;

/// One sheet as read: its non-empty cells by (row, column) and its merged regions.
type Sheet = (BTreeMap<(u32, u32), String>, Vec<Dimensions>);

/// The lines of an XLSX workbook.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    // calamine panics on some damaged sheets (a cell reference such as `r="IIIIIIIF"` overflows
    // its column arithmetic in builds with overflow checks), so it runs under `catch_unwind`.
    let sheets = std::panic::catch_unwind(|| read_sheets(bytes))
        .unwrap_or_else(|_| Err(ImportError::Xlsx("解析器内部错误".to_owned())))?;
    Ok(in_printed_order(
        sheets
            .iter()
            .map(|(cells, merged)| sheet_lines(cells, merged))
            .collect(),
    ))
}

/// Every sheet of the workbook, in workbook order.
fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let mut sheets = Vec::new();
    let mut budget = MAX_CELLS;
    for name in book.sheet_names() {
        let cells = sparse_cells(&mut book, &name, &mut budget)?;
        let mut merged = book.merge_cells_by_sheet_name(&name).map_err(bad)?;
        // Each cell looks its region up; a report has a few dozen merged regions.
        merged.truncate(MAX_MERGED);
        sheets.push((cells, merged));
    }
    Ok(sheets)
}

fn bad(e: calamine::XlsxError) -> ImportError {
    ImportError::Xlsx(e.to_string())
}

/// The non-empty cells of a sheet by (row, column), without materialising the blank area.
fn sparse_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut usize,
) -> Result<BTreeMap<(u32, u32), String>, ImportError> {
    let mut reader = book.worksheet_cells_reader(name).map_err(bad)?;
    let mut cells = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(bad)? {
        let text = text_of(&Data::from(cell.get_value().clone()));
        if text.trim().is_empty() {
            continue;
        }
        if *budget == 0 {
            return Err(ImportError::Xlsx(format!(
                "工作表中的单元格超过 {MAX_CELLS} 个，不像是一份年度报告"
            )));
        }
        *budget -= 1;
        cells.insert(cell.get_position(), text);
    }
    Ok(cells)
}

/// One sheet's rows as lines.
fn sheet_lines(cells: &BTreeMap<(u32, u32), String>, merged: &[Dimensions]) -> Vec<Line> {
    let Some(left) = cells.keys().map(|p| p.1).min() else {
        return Vec::new();
    };
    let mut rows: BTreeMap<u32, Vec<(u32, &String)>> = BTreeMap::new();
    for (&(y, x), text) in cells {
        if x - left < MAX_WIDTH {
            rows.entry(y).or_default().push((x, text));
        }
    }
    let mut out = Vec::new();
    for (y, row) in rows {
        let right = row.iter().map(|c| c.0).max().unwrap_or(left);
        let mut texts = row.into_iter().peekable();
        let mut line = Vec::new();
        for x in left..=right {
            let region = merged.iter().find(|d| d.contains(y, x));
            if region.is_some_and(|d| d.start != (y, x)) {
                continue;
            }
            match texts.next_if(|c| c.0 == x) {
                Some((_, text)) => line.push(text.clone()),
                None => {
                    let width = region.map_or(1, |d| (d.end.1 - d.start.1 + 1).min(MAX_WIDTH));
                    line.extend((0..width).map(|_| " ".to_owned()));
                }
            }
        }
        out.push(Line { cells: line });
    }
    out
}

fn text_of(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Puts each table sheet after the narrative's heading of its section when the workbook has a
/// narrative sheet (one whose lines include at least two section headings and no table).
fn in_printed_order(sheets: Vec<Vec<Line>>) -> Vec<Line> {
    let is_narrative = |s: &Vec<Line>| {
        s.iter().all(|l| l.cells.len() == 1)
            && s.iter().filter(|l| heading_number(l).is_some()).count() >= 2
    };
    let Some(n) = sheets.iter().position(is_narrative) else {
        return sheets.into_iter().flatten().collect();
    };
    let mut sheets = sheets;
    let narrative = sheets.remove(n);
    let mut tables: Vec<(Option<char>, Vec<Line>)> = sheets
        .into_iter()
        .map(|s| (s.iter().find_map(heading_number), s))
        .collect();
    let mut out = Vec::new();
    for line in narrative {
        let number = heading_number(&line);
        out.push(line);
        if let Some(number) = number {
            for (_, table) in tables.iter_mut().filter(|(h, _)| *h == Some(number)) {
                // The table sheet repeats the title and the heading above its grid.
                let grid = table.iter().position(|l| heading_number(l) == Some(number));
                out.extend(table.drain(..).skip(grid.map_or(0, |i| i + 1)));
            }
        }
    }
    out.extend(tables.into_iter().flat_map(|(_, t)| t));
    out
}

/// The number of a section heading line (“二、主动公开政府信息情况” → '二').
fn heading_number(line: &Line) -> Option<char> {
    if line.cells.len() != 1 {
        return None;
    }
    // `key` writes 、 as “.”.
    let k = key(&line.cells[0]);
    let mut chars = k.chars();
    let number = chars.next().filter(|c| "一二三四五六七".contains(*c))?;
    let short = k.chars().count() <= 20;
    (chars.next() == Some('.') && short).then_some(number)
}
