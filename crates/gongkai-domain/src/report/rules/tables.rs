//! The 勾稽 identities inside one report: T3-01, T3-02, T3-03 (table 三) and T4-01 (table 四).

use super::equation::{Identity, Term};
use super::paths;
use super::structure::columns;
use crate::report::table3::{Applicant, Row, RowRole};
use crate::report::table4::{Group, Outcome};
use crate::report::{AnnualReport, Finding};

fn t3<'a>(r: &'a AnnualReport, row: Row, col: Applicant) -> Term<'a> {
    Term::new(r.t3(row, col), paths::t3(row, col), row.def().full_label())
}

/// T3-01: per column, 一 + 二 = （七）总计 + 四 (the official header's own 勾稽 note).
pub fn t3_01(r: &AnnualReport, out: &mut Vec<Finding>) {
    if r.table3.is_empty() {
        return;
    }
    for col in columns() {
        let id = Identity {
            rule: "T3-01",
            location: paths::t3(Row::Total, col),
            subject: col.describe(),
            sides: ("本年新收+上年结转", "办理结果总计+结转下年"),
            lhs: vec![t3(r, Row::NewReceived, col), t3(r, Row::CarriedOver, col)],
            rhs: vec![t3(r, Row::Total, col), t3(r, Row::CarriedForward, col)],
        };
        out.extend(id.finding());
    }
}

/// T3-02: per row, the 总计 column = the sum of the six applicant columns.
pub fn t3_02(r: &AnnualReport, out: &mut Vec<Finding>) {
    for row in r
        .t3_rows()
        .into_iter()
        .filter(|row| r.table3.contains_key(row))
    {
        let parts = Applicant::PARTS
            .iter()
            .map(|c| Term::new(r.t3(row, *c), paths::t3(row, *c), c.describe()));
        let id = Identity {
            rule: "T3-02",
            location: paths::t3(row, Applicant::Total),
            subject: format!("“{}”", row.def().full_label()),
            sides: ("总计列", "六类申请人之和"),
            lhs: vec![Term::new(
                r.t3(row, Applicant::Total),
                paths::t3(row, Applicant::Total),
                "总计列",
            )],
            rhs: parts.collect(),
        };
        out.extend(id.finding());
    }
}

/// T3-03: per column, （七）总计 = the sum of all result rows.
pub fn t3_03(r: &AnnualReport, out: &mut Vec<Finding>) {
    if r.table3.is_empty() {
        return;
    }
    for col in columns() {
        let id = Identity {
            rule: "T3-03",
            location: paths::t3(Row::Total, col),
            subject: col.describe(),
            sides: ("（七）总计", "各项办理结果之和"),
            lhs: vec![t3(r, Row::Total, col)],
            rhs: r
                .t3_rows()
                .into_iter()
                .filter(|row| row.def().role == RowRole::Result)
                .map(|row| t3(r, row, col))
                .collect(),
        };
        out.extend(id.finding());
    }
}

/// T4-01: per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub fn t4_01(r: &AnnualReport, out: &mut Vec<Finding>) {
    for g in Group::ALL.into_iter().filter(|g| r.table4.contains_key(g)) {
        let term = |o: Outcome| Term::new(r.t4(g, o), paths::t4(g, o), o.label());
        let id = Identity {
            rule: "T4-01",
            location: paths::t4(g, Outcome::Total),
            subject: format!("表四“{}”", g.def().label),
            sides: ("总计", "维持+纠正+其他+尚未审结"),
            lhs: vec![term(Outcome::Total)],
            rhs: Outcome::PARTS.into_iter().map(term).collect(),
        };
        out.extend(id.finding());
    }
}
