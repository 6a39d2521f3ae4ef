//! Rows of a table region as a stream of groups: the label text printed since the previous
//! numbers, then the run of values (and blanks) that follows it.
//!
//! This is what makes every layout look alike: whether a row is one tab-separated line, one cell
//! per line, or a PDF line whose label wrapped above it, it becomes “label, values”.

use crate::diag;
use crate::fused::{self, Bit};
use crate::layout::{Line, Piece, piece};
use gongkai_domain::report::{AnnualReport, Cell, ExtraRow, TableId};

/// A printed value with the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The cell.
    pub cell: Cell,
    /// The printed text (cleaned), e.g. “567.27万元”.
    pub raw: String,
}

/// One row candidate: its label and its cells (`None` = blank).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    /// All label text since the previous group, space-joined.
    pub label: String,
    /// The last label fragment alone (the row's own label in most layouts).
    pub last: String,
    /// Whether `last` was printed on the line of the first value (the row's own label cell),
    /// rather than on lines before it (a label that may have drifted from its numbers).
    pub inline: bool,
    /// The cells.
    pub cells: Vec<Option<Value>>,
}

impl Group {
    /// Whether every cell is blank.
    pub fn all_blank(&self) -> bool {
        self.cells.iter().all(Option::is_none)
    }

    /// The cells without blanks at either end, when there are more than `n`.
    pub fn trimmed(&self, n: usize) -> Vec<Option<Value>> {
        let (mut start, mut end) = (0, self.cells.len());
        while end - start > n && self.cells[start].is_none() {
            start += 1;
        }
        while end - start > n && self.cells[end - 1].is_none() {
            end -= 1;
        }
        self.cells[start..end].to_vec()
    }
}

/// Builds groups line by line; `line` is the index of the line being read.
#[derive(Default)]
struct Builder {
    out: Vec<Group>,
    cur: Group,
    label_line: Option<usize>,
    /// How many cells the previous non-empty line had.
    prev_cells: usize,
}

impl Builder {
    fn close(&mut self) {
        if !self.cur.cells.is_empty() {
            self.out.push(std::mem::take(&mut self.cur));
            self.label_line = None;
        }
    }

    fn text(&mut self, t: String, line: usize) {
        self.close();
        if !self.cur.label.is_empty() {
            self.cur.label.push(' ');
        }
        self.cur.label.push_str(&t);
        self.cur.last = t;
        self.label_line = Some(line);
    }

    fn value(&mut self, v: Option<Value>, line: usize) {
        if self.cur.cells.is_empty() {
            self.cur.inline = self.label_line == Some(line);
        }
        self.cur.cells.push(v);
    }
}

/// Groups the pieces of `lines` into label/value runs.
pub fn groups(lines: &[Line]) -> Vec<Group> {
    let mut b = Builder::default();
    for (i, line) in lines.iter().enumerate() {
        let pieces: Vec<Piece> = line.cells.iter().map(|c| piece(c)).collect();
        let texts = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Text(_)))
            .count();
        let values = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Value(..)))
            .count();
        // In row layouts a line with a label starts a new row: its leading blanks belong to it.
        // A line of values alone (two or more) is a row too: one printed without its label.
        // A lone value after a row of cells is not that row's (a page number at a page break).
        let lone = line.cells.len() == 1 && values == 1 && b.prev_cells > 1;
        if line.cells.len() > 1 && (texts > 0 || values > 1) || lone {
            b.close();
        }
        if !line.is_empty() {
            b.prev_cells = line.cells.len();
        }
        for (raw, p) in line.cells.iter().zip(pieces) {
            match p {
                Piece::Text(t) => match fused::split(&t) {
                    Some(bits) => {
                        for bit in bits {
                            match bit {
                                Bit::Label(l) => b.text(l, i),
                                Bit::Digits(d) => b.value(digits(d), i),
                            }
                        }
                    }
                    None => b.text(t, i),
                },
                Piece::Value(cell, raw) => b.value(Some(Value { cell, raw }), i),
                Piece::Blank => {
                    if line.cells.len() > 1 || !raw.is_empty() {
                        b.value(None, i);
                    }
                }
            }
        }
    }
    b.close();
    b.out
}

/// A digit run as a value.
fn digits(d: String) -> Option<Value> {
    crate::layout::value(&d).map(|cell| Value { cell, raw: d })
}

/// Keeps a group that matched no standard row as an extra row of `table`, with a P-LABEL
/// diagnostic saying `why`.
pub fn keep_as_extra(report: &mut AnnualReport, table: TableId, g: &Group, why: &str) {
    let cells = g
        .trimmed(0)
        .into_iter()
        .map(|c| c.map_or(Cell::Blank, |v| v.cell))
        .collect();
    let label = g.last.clone();
    let msg = format!("{why}：“{label}”，已放入 extra_rows");
    report
        .diagnostics
        .push(diag::warn(diag::LABEL, "extra_rows", msg));
    report.extra_rows.push(ExtraRow {
        table,
        label,
        cells,
    });
}
