//! Rows of a table region as a stream of groups: the label text printed since the previous
//! numbers, then the run of values (and blanks) that follows it.
//!
//! This is what makes every layout look alike: whether a row is one tab-separated line, one cell
//! per line, or a PDF line whose label wrapped above it, it becomes “label, values”.

use crate::diag;
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

/// Groups the pieces of `lines` into label/value runs.
pub fn groups(lines: &[Line]) -> Vec<Group> {
    let mut out = Vec::new();
    let mut cur = Group::default();
    for line in lines {
        // In row layouts a line with a label starts a new row: its leading blanks belong to it.
        let labelled = line.cells.len() > 1
            && line
                .cells
                .iter()
                .any(|c| matches!(piece(c), Piece::Text(_)));
        if labelled && !cur.cells.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        for raw in &line.cells {
            match piece(raw) {
                Piece::Text(t) => {
                    if !cur.cells.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    if !cur.label.is_empty() {
                        cur.label.push(' ');
                    }
                    cur.label.push_str(&t);
                    cur.last = t;
                }
                Piece::Value(cell, raw) => cur.cells.push(Some(Value { cell, raw })),
                Piece::Blank => {
                    if line.cells.len() > 1 || !raw.is_empty() {
                        cur.cells.push(None);
                    }
                }
            }
        }
    }
    if !cur.cells.is_empty() {
        out.push(cur);
    }
    out
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
