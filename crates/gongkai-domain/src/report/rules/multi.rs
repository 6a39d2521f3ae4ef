//! Rules over several reports: Y-01…Y-03 (consecutive years of one agency) and H-01 (roll-up of
//! subordinate agencies' reports into their parent's, cell by cell).

use super::equation::{Identity, Term};
use super::paths;
use super::structure::columns;
use crate::report::table2::{self, Col, ColKind, Item};
use crate::report::table3::Row;
use crate::report::table4::{Group, Outcome};
use crate::report::{AnnualReport, Cell, Finding, Format, Severity};

fn year_of(r: &AnnualReport) -> String {
    r.year.map_or("上一年".to_owned(), |y| format!("{y}年"))
}

/// Y-01…Y-03 between `previous` (year N−1) and `current` (year N) of the same agency.
pub fn check_years(previous: &AnnualReport, current: &AnnualReport) -> Vec<Finding> {
    let mut out = Vec::new();
    y_01(previous, current, &mut out);
    if previous.format == Format::F2021 && current.format == Format::F2021 {
        y_02(previous, current, &mut out);
    }
    if previous.format == Format::F2019 && current.format == Format::F2019 {
        y_03(previous, current, &mut out);
    }
    out
}

/// Y-01: this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column.
fn y_01(prev: &AnnualReport, cur: &AnnualReport, out: &mut Vec<Finding>) {
    if prev.table3.is_empty() || cur.table3.is_empty() {
        return;
    }
    let prev_name = format!("{}“四、结转下年度继续办理”", year_of(prev));
    for col in columns() {
        let id = Identity {
            rule: "Y-01",
            location: paths::t3(Row::CarriedOver, col),
            subject: col.describe(),
            sides: ("本年“二、上年结转”", "上年“四、结转下年”"),
            lhs: vec![Term::new(
                cur.t3(Row::CarriedOver, col),
                paths::t3(Row::CarriedOver, col),
                "本年上年结转",
            )],
            rhs: vec![Term::new(
                prev.t3(Row::CarriedForward, col),
                paths::t3(Row::CarriedForward, col),
                prev_name.clone(),
            )],
        };
        out.extend(id.finding());
    }
}

fn t2_term<'a>(r: &'a AnnualReport, item: Item, col: Col, name: String) -> Option<Term<'a>> {
    let (_, idef) = table2::find_item(r.format, item)?;
    let cdef = table2::blocks(r.format)
        .iter()
        .flat_map(table2::all_cols)
        .find(|c| c.col == col)?;
    Some(Term::new(r.t2(item, col), paths::t2(idef, cdef), name))
}

/// Y-02 (2021 format): 现行有效件数 = last year's + 本年制发 − 本年废止 (a warning: 制发 may include
/// amendments). Written as `in_force + abolished = prev in_force + issued` to stay a sum.
fn y_02(prev: &AnnualReport, cur: &AnnualReport, out: &mut Vec<Finding>) {
    for item in [Item::Regulations, Item::NormativeDocuments] {
        let terms = (
            t2_term(cur, item, Col::InForce, "本年现行有效件数".into()),
            t2_term(cur, item, Col::Abolished, "本年废止件数".into()),
            t2_term(
                prev,
                item,
                Col::InForce,
                format!("{}现行有效件数", year_of(prev)),
            ),
            t2_term(cur, item, Col::Issued, "本年制发件数".into()),
        );
        let (Some(a), Some(b), Some(c), Some(d)) = terms else {
            continue;
        };
        let label = table2::find_item(cur.format, item).map_or("", |(_, d)| d.label);
        let id = Identity {
            rule: "Y-02",
            location: a.path.clone(),
            subject: format!("表二“{label}”"),
            sides: ("现行有效+本年废止", "上年现行有效+本年制发"),
            lhs: vec![a, b],
            rhs: vec![c, d],
        };
        out.extend(id.finding().map(as_warning));
    }
}

/// Y-03 (2019 format): 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减.
fn y_03(prev: &AnnualReport, cur: &AnnualReport, out: &mut Vec<Finding>) {
    for item in [
        Item::Licensing,
        Item::OtherServices,
        Item::Penalty,
        Item::Coercion,
        Item::Fees,
    ] {
        let py = year_of(prev);
        let terms = (
            t2_term(
                cur,
                item,
                Col::PriorItems,
                "本年报告的上一年项目数量".into(),
            ),
            t2_term(
                prev,
                item,
                Col::PriorItems,
                format!("{py}报告的上一年项目数量"),
            ),
            t2_term(prev, item, Col::Change, format!("{py}本年增/减")),
        );
        let (Some(a), Some(b), Some(c)) = terms else {
            continue;
        };
        let label = table2::find_item(cur.format, item).map_or("", |(_, d)| d.label);
        let id = Identity {
            rule: "Y-03",
            location: a.path.clone(),
            subject: format!("表二“{label}”"),
            sides: ("本年上一年项目数量", "上年项目数量+上年增减"),
            lhs: vec![a],
            rhs: vec![b, c],
        };
        out.extend(id.finding().map(as_warning));
    }
}

fn as_warning(mut f: Finding) -> Finding {
    if f.severity == Severity::Error {
        f.severity = Severity::Warning;
    }
    f
}

/// H-01: every numeric cell of `parent` equals the sum of that cell over `children`.
pub fn check_rollup(parent: &AnnualReport, children: &[&AnnualReport]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in children
        .iter()
        .enumerate()
        .filter(|(_, c)| c.format != parent.format)
    {
        let name = c
            .agency
            .clone()
            .unwrap_or_else(|| format!("第{}份下级报告", i + 1));
        let msg = format!(
            "{name}使用{}格式，上级报告使用{}格式，无法逐格汇总",
            c.format, parent.format
        );
        out.push(Finding::new("H-01", Severity::Uncertain, "format", msg));
    }
    let kids: Vec<&AnnualReport> = children
        .iter()
        .copied()
        .filter(|c| c.format == parent.format)
        .collect();
    for (path, name, get) in rollup_cells(parent) {
        let child_terms = kids.iter().enumerate().map(|(i, c)| {
            let who = c
                .agency
                .clone()
                .unwrap_or_else(|| format!("第{}份下级报告", i + 1));
            Term::new(get(c), path.clone(), who)
        });
        let id = Identity {
            rule: "H-01",
            location: path.clone(),
            subject: name,
            sides: ("上级报告", "下级报告合计"),
            lhs: vec![Term::new(get(parent), path.clone(), "上级报告")],
            rhs: child_terms.collect(),
        };
        out.extend(id.finding());
    }
    out
}

type Getter = Box<dyn Fn(&AnnualReport) -> &Cell>;

/// Every additive cell of the parent's tables: path, name and how to read it from any report.
fn rollup_cells(parent: &AnnualReport) -> Vec<(String, String, Getter)> {
    let mut cells: Vec<(String, String, Getter)> = Vec::new();
    for block in table2::blocks(parent.format) {
        for item in block
            .items
            .iter()
            .filter(|d| parent.table2.contains_key(&d.item))
        {
            for col in block.cols.iter().filter(|c| c.kind != ColKind::Text) {
                let (i, c) = (item.item, col.col);
                let get: Getter = Box::new(move |r: &AnnualReport| r.t2(i, c));
                cells.push((paths::t2(item, col), paths::t2_name(block, item, col), get));
            }
        }
    }
    for row in Row::of(parent.format).filter(|row| parent.table3.contains_key(row)) {
        for col in columns() {
            let get: Getter = Box::new(move |r: &AnnualReport| r.t3(row, col));
            cells.push((paths::t3(row, col), paths::t3_name(row, col), get));
        }
    }
    for g in Group::ALL
        .into_iter()
        .filter(|g| parent.table4.contains_key(g))
    {
        for o in Outcome::ALL {
            let get: Getter = Box::new(move |r: &AnnualReport| r.t4(g, o));
            cells.push((paths::t4(g, o), paths::t4_name(g, o), get));
        }
    }
    cells
}
