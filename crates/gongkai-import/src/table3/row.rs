//! One template row of table 三 from the group(s) aligned to it: the readings its printed values
//! allow (one when printed cell by cell; several when digits ran together), with what the
//! importer had to decide.

use crate::align::Label;
use crate::diag;
use crate::repair::{fit_cells7, repairs7};
use crate::split::{self, cell_of};
use crate::stream::{Group, Value};
use gongkai_domain::report::Cell;
use gongkai_domain::report::table3::Row;

/// A note to attach to the row: diagnostic id and message.
pub type Note = (&'static str, String);

/// What the printed values of one row allow.
#[derive(Debug, Clone)]
pub struct RowRead {
    /// The template row.
    pub row: Row,
    /// The readings: one when decided; several for the identities across rows to choose from;
    /// none when nothing fits (the row is then blank).
    pub options: Vec<[Cell; 7]>,
    /// What the importer decided, for the row's diagnostics.
    pub notes: Vec<Note>,
    /// Whether the row came from an irregular layout (placed, joined, split or repaired).
    pub irregular: bool,
    /// The printed values, for messages.
    pub printed: String,
}

/// Reads `row` from the groups aligned to it, whose labels said `labels`.
pub fn read(row: Row, at: usize, groups: &[&Group], labels: &[Label], subtotal: bool) -> RowRead {
    let mut notes = Vec::new();
    let own = matches!(labels.first(), Some(Label::Own(r) | Label::Near(r)) if *r == at);
    if !own {
        let msg = format!(
            "原文这一行的数字没有对应的行名（或行名与数字分开印出），按表格模板的行序定为“{}”",
            row.def().full_label()
        );
        notes.push((diag::PLACED, msg));
    }
    let mut values: Vec<Option<Value>> = match groups {
        [g] => g.trimmed(7),
        _ => {
            notes.push((
                diag::JOINED,
                "本行数字分两段印出（跨页或折行），已按顺序合并".to_owned(),
            ));
            groups.iter().flat_map(|g| g.trimmed(0)).collect()
        }
    };
    let irregular = !notes.is_empty();
    if subtotal && values.len() == 8 {
        let dropped = values.remove(1);
        if let Some(msg) = super::subtotal::check(dropped.as_ref(), &values) {
            notes.push((diag::EXTRA, msg));
        }
    }
    let printed = shown(&values);
    let mut read = RowRead {
        row,
        options: Vec::new(),
        irregular,
        notes,
        printed,
    };
    decide(&values, &mut read);
    read
}

/// The values as printed, for messages: “7000007”, “23 0 00 0 023”.
fn shown(values: &[Option<Value>]) -> String {
    let parts: Vec<&str> = values
        .iter()
        .map(|v| v.as_ref().map_or("（空）", |v| v.raw.as_str()))
        .collect();
    parts.join(" ")
}

fn decide(values: &[Option<Value>], read: &mut RowRead) {
    let cells: Vec<Cell> = values.iter().map(cell_of).collect();
    if cells.len() == 7 {
        read.options = vec![arr(cells)];
        return;
    }
    read.irregular = true;
    // Digits run together are split first; a row of separate cells that is one short or one
    // over is repaired by its total.
    let mut options: Vec<[Cell; 7]> = Vec::new();
    if split::has_runs(values) {
        for c in split::splits(values, 7, &split::row7()).candidates {
            options.push(arr(c.iter().map(cell_of).collect()));
        }
    }
    let runs = !options.is_empty();
    if !runs {
        options = repairs7(&cells).into_iter().map(arr).collect();
    }
    if !options.is_empty() {
        let what = if runs {
            format!(
                "本行数字连在一起印出（“{}”），已按本行合计拆成七格",
                read.printed
            )
        } else {
            format!(
                "本行印了{}格（应为7格），已按本行合计补齐或合并",
                cells.len()
            )
        };
        read.notes
            .push((if runs { diag::SPLIT } else { diag::REPAIR }, what));
        read.options = options;
        return;
    }
    if split::has_runs(values) {
        unchecked_split(values, read);
        return;
    }
    let (cells, rule, msg) = match fit_cells7(&cells) {
        crate::repair::Fit::Unsure(c, rule, msg) => (c, rule, msg),
        crate::repair::Fit::Exact(c) => (c, diag::REPAIR, String::new()),
        crate::repair::Fit::Repaired(c, msg) => (c, diag::REPAIR, msg),
    };
    read.notes.push((rule, msg));
    read.options = vec![arr(cells)];
}

/// Digits run together that no split makes consistent: one split without the identity is
/// kept as uncertain; several leave the row blank.
fn unchecked_split(values: &[Option<Value>], read: &mut RowRead) {
    let found = split::splits(values, 7, &[]);
    if let [only] = found.candidates.as_slice() {
        let msg = format!(
            "本行数字连在一起印出（“{}”），只有一种拆法，但拆出的总计不等于各列之和，可能读错",
            read.printed
        );
        read.notes.push((diag::UNCERTAIN, msg));
        read.options = vec![arr(only.iter().map(cell_of).collect())];
    } else {
        let msg = format!(
            "本行数字连在一起印出（“{}”），无法拆成符合本行合计的七格，已留空",
            read.printed
        );
        read.notes.push((diag::AMBIGUOUS, msg));
        read.options = vec![std::array::from_fn(|_| Cell::Blank)];
    }
}

/// Seven cells as an array (padded or cut; callers pass seven).
pub fn arr(mut cells: Vec<Cell>) -> [Cell; 7] {
    cells.resize(7, Cell::Blank);
    std::array::from_fn(|i| cells[i].clone())
}
