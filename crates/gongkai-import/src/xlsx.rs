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
use std::io::Cursor;

/// The lines of an XLSX workbook.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let bad = |e: calamine::XlsxError| ImportError::Xlsx(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(bad)?;
        let merged = book.merge_cells_by_sheet_name(&name).map_err(bad)?;
        sheets.push(sheet_lines(&range, &merged));
    }
    Ok(in_printed_order(sheets))
}

/// One sheet's rows as lines.
fn sheet_lines(range: &calamine::Range<Data>, merged: &[Dimensions]) -> Vec<Line> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (dy, row) in range.rows().enumerate() {
        let y = top + dy as u32;
        let mut cells = Vec::new();
        for (dx, data) in row.iter().enumerate() {
            let x = left + dx as u32;
            let region = merged.iter().find(|d| d.contains(y, x));
            if region.is_some_and(|d| d.start != (y, x)) {
                continue;
            }
            let text = text_of(data);
            if text.trim().is_empty() {
                let width = region.map_or(1, |d| d.end.1 - d.start.1 + 1);
                cells.extend((0..width).map(|_| " ".to_owned()));
            } else {
                cells.push(text);
            }
        }
        // Blank cells after the last printed one are the sheet's width, not the row's.
        while cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if !cells.is_empty() {
            out.push(Line { cells });
        }
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
