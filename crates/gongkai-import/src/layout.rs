//! The common intermediate form every reader produces: a sequence of [`Line`]s, each a list of
//! cells. A paragraph is a one-cell line; a table row is a line with one cell per column.
//!
//! Text files arrive in many layouts (tab-separated rows, one cell per line, `|`-separated cells,
//! Markdown tables, column-aligned text as rebuilt from PDFs); [`from_text`] turns each into lines of cells so
//! that the table readers never look at the raw layout.

use crate::normalize::{clean, is_space};
use gongkai_domain::report::Cell;
use rust_decimal::Decimal;
use std::str::FromStr;

/// One line of the document: its cells as printed (not yet cleaned).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// The cells, left to right. Empty strings are blank cells.
    pub cells: Vec<String>,
}

impl Line {
    /// A one-cell line.
    pub fn text(s: impl Into<String>) -> Line {
        Line {
            cells: vec![s.into()],
        }
    }

    /// The line's text: its non-blank cells cleaned and joined by a space.
    pub fn joined(&self) -> String {
        let parts: Vec<String> = self
            .cells
            .iter()
            .map(|c| clean(c))
            .filter(|c| !c.is_empty())
            .collect();
        parts.join(" ")
    }

    /// Whether the line has no visible text.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.chars().all(is_space))
    }
}

/// A cell read as table content: a label, a value, or a blank.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Label text (cleaned).
    Text(String),
    /// A number or a non-numeric token such as “/”, with the printed text.
    Value(Cell, String),
    /// An empty cell.
    Blank,
}

/// Tokens printed in place of a number, kept verbatim.
const TOKENS: [&str; 12] = [
    "/",
    "／",
    "-",
    "—",
    "——",
    "－",
    "无",
    "不适用",
    "\\",
    "×",
    "*",
    "--",
];
/// Units printed after a number.
const UNITS: [&str; 8] = ["万元", "万", "元", "件", "个", "条", "项", "次"];

/// Classifies one cell.
pub fn piece(raw: &str) -> Piece {
    let c = clean(raw);
    if c.is_empty() {
        return Piece::Blank;
    }
    if let Some(cell) = value(&c) {
        return Piece::Value(cell, c);
    }
    Piece::Text(c)
}

/// The cell a printed value stands for, or `None` when the text is a label.
pub fn value(c: &str) -> Option<Cell> {
    let t: String = c
        .chars()
        .filter(|ch| !is_space(*ch) && *ch != ',' && *ch != '，')
        .map(|ch| match ch {
            '０'..='９' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
            '．' => '.',
            _ => ch,
        })
        .collect();
    if TOKENS.contains(&t.as_str()) {
        return Some(Cell::Token(c.trim().to_owned()));
    }
    let number = UNITS.iter().find_map(|u| t.strip_suffix(u)).unwrap_or(&t);
    number_of(number).map(Cell::Number)
}

/// Parses a plain decimal (`12`, `-3`, `+2`, `4166.18`).
pub fn number_of(s: &str) -> Option<Decimal> {
    let s = s.strip_prefix('+').unwrap_or(s);
    let digits = s.strip_prefix('-').unwrap_or(s);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.matches('.').count() <= 1
        && digits.len() <= 20;
    if ok { Decimal::from_str(s).ok() } else { None }
}

/// Splits plain text into lines of cells, recognising each layout by its separators.
pub fn from_text(text: &str) -> Vec<Line> {
    text.lines()
        .filter(|l| !is_md_rule(l) && !is_page_mark(l))
        .map(split_line)
        .collect()
}

fn split_line(line: &str) -> Line {
    let line = markdown_plain(line.trim_end_matches('\r'));
    let line = line.as_str();
    if line.contains('\t') {
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        // “\t0” is an indented one-cell line; “\t” alone is one explicit blank cell.
        if cells.len() == 2 && cells[0].is_empty() {
            cells.remove(0);
            if cells[0].is_empty() {
                cells[0] = " ".to_owned();
            }
        }
        return Line { cells };
    }
    if line.contains('|') {
        return pipe_cells(line);
    }
    Line {
        cells: column_cells(line.trim_matches(is_space)),
    }
}

/// A Markdown line without its heading marks and emphasis (`## 一、总体情况`, `**规章**`).
fn markdown_plain(line: &str) -> String {
    let t = line.trim_start();
    let t = match t.strip_prefix('#') {
        Some(_) => t.trim_start_matches('#').trim_start(),
        None => line,
    };
    t.replace("**", "").replace("__", "")
}

/// `a | b |` and Markdown `| a | b |`: one cell per `|`-separated piece, without the empty
/// pieces outside the outer pipes.
fn pipe_cells(line: &str) -> Line {
    let t = line.trim_matches(is_space);
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells: Vec<String> = t.split('|').map(str::to_owned).collect();
    // Filler pipes (`0 | ||||`) pad a row to the table's width; they are not blank cells.
    if line.trim_end_matches(is_space).ends_with("||") {
        while cells.len() > 1 && cells.last().is_some_and(|c| c.chars().all(is_space)) {
            cells.pop();
        }
    }
    Line { cells }
}

/// Column-aligned text (as rebuilt from PDFs, or `pdftotext -layout`): runs of two or more spaces separate cells, and a cell
/// made only of values separated by single spaces is split into them.
fn column_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    for chunk in split_wide(line) {
        let words: Vec<&str> = chunk.split(is_space).filter(|w| !w.is_empty()).collect();
        if words.len() > 1 && words.iter().all(|w| value(w).is_some()) {
            cells.extend(words.iter().map(|w| (*w).to_owned()));
        } else if words.len() > 1 && words.last().is_some_and(|w| value(w).is_some()) {
            let split = words
                .iter()
                .rposition(|w| value(w).is_none())
                .map_or(0, |i| i + 1);
            cells.push(words[..split].join(" "));
            cells.extend(words[split..].iter().map(|w| (*w).to_owned()));
        } else {
            cells.push(chunk.to_owned());
        }
    }
    if cells.is_empty() {
        cells.push(String::new());
    }
    cells
}

fn split_wide(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut spaces = 0;
    let mut space_start = 0;
    for (i, c) in line.char_indices() {
        if is_space(c) {
            if spaces == 0 {
                space_start = i;
            }
            spaces += if c == '\u{3000}' { 2 } else { 1 };
        } else {
            if spaces >= 2 && space_start > start {
                out.push(&line[start..space_start]);
                start = i;
            } else if spaces >= 2 {
                start = i;
            }
            spaces = 0;
        }
    }
    if start < line.len() {
        out.push(line[start..].trim_end_matches(is_space));
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

fn is_md_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Page numbers and separators between pages (`-3-`, `— 3 —`, `第 3 页`, `3 / 5`).
pub fn is_page_mark(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !is_space(*c)).collect();
    if t.is_empty() {
        return false;
    }
    let inner = t.trim_matches(|c| matches!(c, '-' | '—' | '－' | '–'));
    let dashed =
        inner.len() < t.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit());
    // 第 3 页, 第3页 共6页, 共 6 页 第 3 页, 第3页/共6页
    let words: String = t
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, ',' | '，' | '/' | '／'))
        .collect();
    let paged = matches!(words.as_str(), "第页" | "第页共页" | "共页第页")
        && t.chars().any(|c| c.is_ascii_digit());
    let slash = t.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    });
    dashed || paged || slash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_accept_units_spaces_and_tokens() {
        assert_eq!(value("56万"), Some(Cell::count(56)));
        assert_eq!(value(" 0"), Some(Cell::count(0)));
        assert_eq!(value("1 0"), Some(Cell::count(10)));
        assert_eq!(value("/"), Some(Cell::Token("/".into())));
        assert_eq!(value("1、属于国家秘密"), None);
    }

    #[test]
    fn layout_columns_split_label_and_numbers() {
        let l =
            split_line("一、本年新收政府信息公开申请数量      21    0      0     0   0   0     21");
        assert_eq!(l.cells.len(), 8);
        assert_eq!(split_line("规章 |").cells, vec!["规章 "]);
        assert_eq!(split_line("0 | ||||").cells.len(), 1);
        assert_eq!(split_line("| 1 |  | 3 |").cells.len(), 3);
        assert!(is_page_mark("  -3-  "));
        assert!(is_page_mark("共 6 页 第 3 页"));
        assert!(is_page_mark("第3页/共6页"));
        assert!(!is_page_mark("第3页内容"));
        assert!(!is_page_mark("3"));
    }
}
