//! Test reports built in code (both formats, every row, distinct numbers, a token, a blank, extra
//! rows and narrative), and the labels and values every output must show.

use gongkai_domain::report::rules::paths;
use gongkai_domain::report::table2::{self, CONTENT_HEADER};
use gongkai_domain::report::table3::{
    self, APPLICANT_HEADER, CROSS_CHECK_NOTE, ORG_HEADER, RESULTS_HEADER, Row,
};
use gongkai_domain::report::table4::{self, Group, LITIGATION_HEADER, OUTCOME_LABELS};
use gongkai_domain::report::{AnnualReport, Cell, ExtraRow, Format, Section, TableId};
use rust_decimal::Decimal;

/// A paragraph with characters every format must escape.
pub const TRICKY: &str = "答复中引用“三安全一稳定”时写作 <b>加粗</b> & 'x' | *y* _z_ #1";

/// A full 2021-format report: 25 table-三 rows, an extra row in 二 and in 四.
pub fn report_2021() -> AnnualReport {
    let mut r = AnnualReport::new(Format::F2021);
    r.year = Some(2023);
    r.agency = Some("某某市某某区人民政府办公室".to_owned());
    fill_table2(&mut r, 20);
    fill_table3(&mut r);
    fill_table4(&mut r);
    r.extra_rows.push(extra(
        TableId::Table2,
        "其他主动公开文件",
        vec![Cell::count(12), Cell::Blank, tok("/")],
    ));
    r.extra_rows.push(extra(
        TableId::Table4,
        "行政复议（本年新收）",
        vec![Cell::count(9)],
    ));
    narrative(&mut r);
    r
}

/// The 2021-format report as a report that prints （六）其他处理 as one row keeps it
/// (`REPORT_JSON.md` §1): `other` in place of the three sub-rows.
pub fn report_2021_merged() -> AnnualReport {
    let mut r = report_2021();
    r.table3.retain(|row, _| !row.is_other_part());
    let cells = std::array::from_fn(|j| Cell::count(7000 + j as i64));
    r.table3.insert(Row::Other, cells);
    r
}

/// A full 2019-format report (year 2020): 23 table-三 rows, procurement with its printed amount,
/// a negative 本年增/减, an extra row in 三.
pub fn report_2019() -> AnnualReport {
    let mut r = AnnualReport::new(Format::F2019);
    r.year = Some(2020);
    r.agency = Some("袁州区".to_owned());
    fill_table2(&mut r, 40);
    fill_table3(&mut r);
    fill_table4(&mut r);
    let procurement = r.table2.entry(table2::Item::Procurement).or_default();
    procurement.insert(
        table2::Col::AmountWan,
        Cell::Number(Decimal::new(416_618, 2)),
    );
    procurement.insert(table2::Col::AmountText, tok("4166.18万元"));
    let change = r.table2.entry(table2::Item::Penalty).or_default();
    change.insert(table2::Col::Change, Cell::count(-8));
    let cells = (0..7).map(|j| Cell::count(9000 + j)).collect();
    r.extra_rows
        .push(extra(TableId::Table3, "（八）其他情形", cells));
    narrative(&mut r);
    r
}

fn tok(s: &str) -> Cell {
    Cell::Token(s.to_owned())
}

fn extra(table: TableId, label: &str, cells: Vec<Cell>) -> ExtraRow {
    ExtraRow {
        table,
        label: label.to_owned(),
        cells,
    }
}

/// Table 二: every item and printed column, distinct numbers from `base`, an amount with cents.
fn fill_table2(r: &mut AnnualReport, base: i64) {
    let mut n = base;
    for block in table2::blocks(r.format) {
        for item in block.items {
            for col in block.cols {
                let cell = match col.kind {
                    table2::ColKind::Amount => Cell::Number(Decimal::new(1234 + n, 2)),
                    _ => Cell::count(n * 7),
                };
                r.table2.entry(item.item).or_default().insert(col.col, cell);
                n += 1;
            }
        }
    }
}

/// Table 三: row i, column j holds 100·(i+1)+j+1, except a “/” and a blank in 4.保护第三方合法权益.
fn fill_table3(r: &mut AnnualReport) {
    for (i, row) in Row::of(r.format).enumerate() {
        let mut cells: [Cell; 7] =
            std::array::from_fn(|j| Cell::count(100 * (i as i64 + 1) + j as i64 + 1));
        if row == Row::WithheldThirdParty {
            cells[1] = tok("/");
            cells[2] = Cell::Blank;
        }
        r.table3.insert(row, cells);
    }
}

/// Table 四: group g, outcome k holds 31·(g+1)+k, with a “—” in 复议后起诉·其他结果.
fn fill_table4(r: &mut AnnualReport) {
    for (g, group) in Group::ALL.into_iter().enumerate() {
        let mut cells: [Cell; 5] =
            std::array::from_fn(|k| Cell::count(31 * (g as i64 + 1) + k as i64 + 50));
        if group == Group::LitigationAfterReview {
            cells[2] = tok("—");
        }
        r.table4.insert(group, cells);
    }
}

fn narrative(r: &mut AnnualReport) {
    let year = r.year.unwrap_or_default();
    r.sections.insert(Section::Preface, format!("本报告根据《中华人民共和国政府信息公开条例》编制。\n统计期限为{year}年1月1日至12月31日。"));
    r.sections.insert(
        Section::Overview,
        "（一）主动公开\n全年主动公开政府信息1234条。\n\n（二）依申请公开\n办理申请情况见下表。"
            .to_owned(),
    );
    r.sections
        .insert(Section::Proactive, "本年主动公开情况如下。".to_owned());
    r.sections.insert(Section::Applications, TRICKY.to_owned());
    r.sections.insert(
        Section::Problems,
        "一是公开内容不够全面。\n二是解读形式比较单一。".to_owned(),
    );
    r.sections
        .insert(Section::Other, "本年度未收取信息处理费。".to_owned());
}

/// Every label the report's layout prints: title, headings, and all table labels.
pub fn labels(r: &AnnualReport) -> Vec<String> {
    let mut out = vec![r.title()];
    out.extend(
        Section::ALL
            .iter()
            .map(|s| s.def().heading.to_owned())
            .filter(|h| !h.is_empty()),
    );
    for block in table2::blocks(r.format) {
        out.push(block.caption.to_owned());
        out.extend(block.cols.iter().map(|c| c.label.to_owned()));
        out.extend(block.items.iter().map(|i| i.label.to_owned()));
    }
    out.push(CONTENT_HEADER.to_owned());
    for s in [
        CROSS_CHECK_NOTE,
        APPLICANT_HEADER,
        ORG_HEADER,
        RESULTS_HEADER,
        LITIGATION_HEADER,
    ] {
        out.push(s.to_owned());
    }
    out.extend(table3::COLUMNS.iter().map(|c| c.label.to_owned()));
    for row in r.t3_rows() {
        out.push(row.def().label.to_owned());
        out.extend(row.def().group.map(str::to_owned));
    }
    out.extend(table4::GROUPS.iter().map(|g| g.label.to_owned()));
    out.extend(OUTCOME_LABELS.iter().map(|l| (*l).to_owned()));
    out.extend(r.extra_rows.iter().map(|e| e.label.clone()));
    out.sort();
    out.dedup();
    out
}

/// One value as every output must show it: its JSON path, its table, and its printed text.
#[derive(Debug, Clone)]
pub struct Expected {
    pub path: String,
    pub table: TableId,
    pub text: String,
}

/// Every value of the report's tables (table 二 shows the printed 采购总金额 text for the amount).
pub fn values(r: &AnnualReport) -> Vec<Expected> {
    let mut out = table2_values(r);
    let mut push = |path: String, table, cell: &Cell| {
        let text = cell.to_string();
        out.push(Expected { path, table, text });
    };
    for (row, cells) in &r.table3 {
        for col in table3::COLUMNS {
            let cell = &cells[col.column.index()];
            push(paths::t3(*row, col.column), TableId::Table3, cell);
        }
    }
    for (group, cells) in &r.table4 {
        for o in table4::Outcome::ALL {
            push(paths::t4(*group, o), TableId::Table4, &cells[o.index()]);
        }
    }
    for (i, e) in r.extra_rows.iter().enumerate() {
        for (j, c) in e.cells.iter().enumerate() {
            push(format!("extra_rows[{i}].cells[{j}]"), e.table, c);
        }
    }
    out
}

/// Table 二's printed values: a hidden column's text (采购总金额 as printed) shows in the printed
/// column whose label starts its label, when it is not blank.
fn table2_values(r: &AnnualReport) -> Vec<Expected> {
    let mut out = Vec::new();
    for block in table2::blocks(r.format) {
        for (item, col) in block
            .items
            .iter()
            .flat_map(|i| block.cols.iter().map(move |c| (i, c)))
        {
            let hidden = block
                .hidden
                .iter()
                .filter(|h| h.label.starts_with(col.label));
            let printed = hidden
                .map(|h| r.t2(item.item, h.col))
                .find(|c| !c.is_blank());
            let cell = printed.unwrap_or(r.t2(item.item, col.col));
            let (path, text) = (paths::t2(item, col), cell.to_string());
            out.push(Expected {
                path,
                table: TableId::Table2,
                text,
            });
        }
    }
    out
}

/// The test reports: both formats, and 2021 with （六） as one row.
pub fn reports() -> [AnnualReport; 3] {
    [report_2019(), report_2021(), report_2021_merged()]
}

/// All whitespace removed (PDF text extraction inserts spaces and line breaks).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
