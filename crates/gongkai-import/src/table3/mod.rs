//! Table 三 decoded against its template: the printed groups are aligned to the template's rows
//! in order ([`crate::align`]), each row's values read (split where digits ran together,
//! repaired where a cell was lost), and the rows whose digits split more than one way settled
//! with the identities across rows. Every decision is a diagnostic at its row.

mod row;
mod solve;
mod subtotal;

use crate::align::{self, Label};
use crate::diag;
use crate::keywords::{all_rows, match_row};
use crate::normalize::{is_han, key};
use crate::split::{self, Identity};
use crate::stream::{self, Group};
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::{AnnualReport, Cell, Format, TableId};
use row::RowRead;

/// Reads table 三 from its groups into `report` (whose format is already decided). `region` is
/// the region's text, for what the groups do not show (labels of a table printed empty).
pub fn read(groups: &[Group], region: &str, report: &mut AnnualReport) {
    let subtotal = subtotal::has_column(groups);
    if subtotal {
        let msg = "表三多印了一列“小计”（法人或其他组织合计），官方格式没有这一列，已去掉";
        report
            .diagnostics
            .push(diag::info(diag::EXTRA, "table3", msg));
    }
    let rows: Vec<Row> = Row::printed(report.format, other_merged(report.format, region)).collect();
    if groups.iter().all(Group::all_blank) {
        blank_table(&rows, region, report);
        return;
    }
    // Empty cells of header lines form groups too; an empty row counts only when it is a whole
    // row under a label of its own.
    let groups: Vec<Group> = groups
        .iter()
        .filter(|g| {
            !g.all_blank() || (g.cells.len() >= 7 && matches!(label(g, &rows), Label::Own(_)))
        })
        .cloned()
        .collect();
    let labels: Vec<Label> = groups.iter().map(|g| label(g, &rows)).collect();
    let pieces: Vec<align::Piece> = groups
        .iter()
        .zip(&labels)
        .map(|(g, l)| align::Piece {
            label: *l,
            span: span(g, subtotal),
            blank: g.all_blank(),
        })
        .collect();
    let plan = align::align(&pieces, rows.len(), 7);
    let mut reads: Vec<RowRead> = Vec::new();
    for (at, (row, placed)) in rows.iter().zip(&plan).enumerate() {
        if placed.is_empty() {
            continue;
        }
        let gs: Vec<&Group> = placed.iter().map(|&i| &groups[i]).collect();
        let ls: Vec<Label> = placed.iter().map(|&i| labels[i]).collect();
        reads.push(row::read(*row, at, &gs, &ls, subtotal));
    }
    solve::settle(&mut reads);
    for r in reads {
        store(r, report);
    }
    let used: Vec<usize> = plan.iter().flatten().copied().collect();
    for (i, g) in groups.iter().enumerate() {
        if !used.contains(&i) && !g.all_blank() {
            unplaced(g, labels[i], &rows, report);
        }
    }
}

/// Whether a 2021-format table prints （六）其他处理 as one row: it says 其他处理 and none of
/// the words of the first two sub-rows.
fn other_merged(format: Format, region: &str) -> bool {
    let k = key(region);
    let sub_words = [Row::OtherNoCorrection, Row::OtherFeeUnpaid]
        .iter()
        .flat_map(|r| r.def().keywords.iter().flat_map(|alt| alt.iter()));
    format == Format::F2021
        && Row::Other
            .def()
            .keywords
            .iter()
            .flat_map(|alt| alt.iter())
            .any(|w| k.contains(w))
        && !sub_words.clone().any(|w| k.contains(w))
}

/// What a group's label says about its template row: its own label cell names it, or the text
/// since the previous row's numbers does (a label wrapped over lines, or drifted from its
/// numbers), or a label cell names no row of this template.
fn label(g: &Group, rows: &[Row]) -> Label {
    let at = |r: Row| rows.iter().position(|x| *x == r);
    if g.inline
        && let Some(r) = match_row(&g.last, all_rows())
    {
        return at(r).map_or(Label::Foreign, Label::Own);
    }
    if let Some(r) = match_row(&g.label, all_rows()) {
        return at(r).map_or(Label::None, Label::Near);
    }
    if g.inline && g.last.chars().filter(|c| is_han(*c)).count() >= 4 {
        return Label::Foreign;
    }
    Label::None
}

/// How many cells a group can give (a lone “0” stands for a row of zeros in merged cells).
fn span(g: &Group, subtotal: bool) -> (usize, usize) {
    let values = g.trimmed(7);
    if let [Some(v)] = values.as_slice()
        && v.cell == Cell::count(0)
    {
        return (1, 7);
    }
    let (lo, hi) = split::span(&values);
    let extra = usize::from(subtotal && lo == 8);
    (lo - extra, hi - extra)
}

/// Stores a settled row with its notes, and marks it uncertain if it came from an irregular
/// layout and breaks its own identity.
fn store(r: RowRead, report: &mut AnnualReport) {
    let path = format!("table3.{}", r.row.def().key);
    for (rule, msg) in r.notes {
        let f = if rule == diag::SPLIT {
            diag::info(rule, &path, msg)
        } else {
            diag::warn(rule, &path, msg)
        };
        report.diagnostics.push(f);
    }
    let Some(cells) = r.options.into_iter().next() else {
        return;
    };
    let breaks = !Identity {
        parts: 0..6,
        total: 6,
    }
    .allows(&cells);
    if r.irregular && breaks {
        let msg = "本行版式不规则，读出的总计不等于六类申请人之和，可能读错，请核对原文";
        report
            .diagnostics
            .push(diag::warn(diag::UNCERTAIN, &path, msg));
    }
    report.table3.insert(r.row, cells);
}

/// A group no template row took: a row printed twice, a local row, or a stray number.
fn unplaced(g: &Group, label: Label, rows: &[Row], report: &mut AnnualReport) {
    match label {
        Label::Own(i) => {
            let def = rows[i].def();
            let msg = format!("“{}”出现了两次，保留按表格顺序对应的一次", def.full_label());
            let path = format!("table3.{}", def.key);
            report.diagnostics.push(diag::warn(diag::DUP, path, msg));
        }
        Label::Foreign => {
            let why = match match_row(&g.last, all_rows()) {
                Some(_) => format!("这一行属于另一版格式，不在{}表三中", report.format),
                None => "表三中有一行不是标准行".to_owned(),
            };
            stream::keep_as_extra(report, TableId::Table3, g, &why);
        }
        Label::Near(_) | Label::None => {
            let values: Vec<String> = g.cells.iter().flatten().map(|v| v.raw.clone()).collect();
            let msg = format!(
                "表三中有不属于任何一行的数字“{}”（可能是页码或重复印出的内容），已忽略",
                values.join(" ")
            );
            report
                .diagnostics
                .push(diag::info(diag::STRAY, "table3", msg));
        }
    }
}

/// A table printed with labels but no values: every row blank, and one diagnostic saying so.
fn blank_table(rows: &[Row], region: &str, report: &mut AnnualReport) {
    let k = key(region);
    let named = rows
        .iter()
        .filter(|r| {
            r.def()
                .keywords
                .iter()
                .any(|alt| alt.iter().all(|w| k.contains(w)))
        })
        .count();
    if named * 2 < rows.len() {
        return;
    }
    for row in rows {
        report
            .table3
            .insert(*row, std::array::from_fn(|_| Cell::Blank));
    }
    let msg = "表三印出时没有任何数字（所有单元格空白），各行按空白保留";
    report
        .diagnostics
        .push(diag::warn(diag::BLANK, "table3", msg));
}
