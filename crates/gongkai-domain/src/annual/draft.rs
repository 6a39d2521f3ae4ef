//! The prefilled narrative of a new report (`REGULATION.md` §2.2): the preface with the agency's
//! contact, 一、总体情况 under the five sub-headings the 2021 notice asks for, sections 三 and 四
//! quoting the computed tables (in the words rule X-01 reads, so the text and the tables agree),
//! and 【待填写】 where only people can write — submission is refused while one is left.

use super::workflow::PLACEHOLDER;
use crate::report::table2::{Col, Item};
use crate::report::table3::{Applicant, Row};
use crate::report::table4::{Group, Outcome};
use crate::report::{AnnualReport, Section};
use std::collections::BTreeMap;

/// The agency facts the preface prints.
#[derive(Debug, Clone, Default)]
pub struct Letterhead<'a> {
    /// 机关名称.
    pub agency: &'a str,
    /// 政府信息公开工作机构 (may be empty).
    pub office: &'a str,
    /// 通讯地址.
    pub address: &'a str,
    /// 联系电话.
    pub phone: &'a str,
}

fn n3(r: &AnnualReport, row: Row) -> i64 {
    r.t3(row, Applicant::Total).integer().unwrap_or(0)
}

fn n2(r: &AnnualReport, item: Item, col: Col) -> i64 {
    r.t2(item, col).integer().unwrap_or(0)
}

/// The narrative of a new draft, from the compiled `report` (tables filled).
pub fn prefill(report: &AnnualReport, head: &Letterhead<'_>) -> BTreeMap<Section, String> {
    let year = report.year.unwrap_or_default();
    let mut s = BTreeMap::new();
    let office = if head.office.is_empty() {
        head.agency
    } else {
        head.office
    };
    let mut contact = String::new();
    if !head.address.is_empty() {
        contact.push_str(&format!("地址：{}", head.address));
    }
    if !head.phone.is_empty() {
        if !contact.is_empty() {
            contact.push('；');
        }
        contact.push_str(&format!("电话：{}", head.phone));
    }
    let contact = if contact.is_empty() {
        String::new()
    } else {
        format!("（{contact}）")
    };
    s.insert(
        Section::Preface,
        format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条的规定编制。\
全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、\
存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\
本报告电子版可在{agency}门户网站的政府信息公开专栏下载。如对本报告有疑问，请与{office}联系{contact}。",
            agency = head.agency,
        ),
    );
    let (regs, norms) = if report.format == crate::report::Format::F2019 {
        (
            n2(report, Item::Regulations, Col::NewMade),
            n2(report, Item::NormativeDocuments, Col::NewMade),
        )
    } else {
        (
            n2(report, Item::Regulations, Col::Issued),
            n2(report, Item::NormativeDocuments, Col::Issued),
        )
    };
    let received = n3(report, Row::NewReceived);
    let carried = n3(report, Row::CarriedOver);
    let done = n3(report, Row::Total);
    let forward = n3(report, Row::CarriedForward);
    let reviews = report
        .t4(Group::AdminReview, Outcome::Total)
        .integer()
        .unwrap_or(0);
    let suits = report
        .t4(Group::LitigationDirect, Outcome::Total)
        .integer()
        .unwrap_or(0)
        + report
            .t4(Group::LitigationAfterReview, Outcome::Total)
            .integer()
            .unwrap_or(0);
    let applications = format!(
        "{year}年，本机关共收到政府信息公开申请{received}件，上年结转{carried}件；办结{done}件，结转下年度继续办理{forward}件。"
    );
    s.insert(
        Section::Overview,
        format!(
            "（一）主动公开\n{year}年，本机关制发规章{regs}件、行政规范性文件{norms}件，均经保密审查后在政府信息公开专栏公开。{PLACEHOLDER}\n\n\
（二）依申请公开\n{applications}\n\n\
（三）政府信息管理\n{PLACEHOLDER}\n\n\
（四）政府信息公开平台建设\n{PLACEHOLDER}\n\n\
（五）监督保障\n{PLACEHOLDER}"
        ),
    );
    s.insert(Section::Applications, applications);
    s.insert(
        Section::Appeals,
        format!(
            "{year}年，本机关因政府信息公开被申请行政复议{reviews}件，被提起行政诉讼{suits}件。"
        ),
    );
    s.insert(
        Section::Problems,
        format!("上年度问题整改情况：{PLACEHOLDER}\n本年度存在的主要问题及改进措施：{PLACEHOLDER}"),
    );
    s.insert(Section::Other, String::new());
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::compute::{CaseTally, ReportInput, compute};
    use crate::report::rules;

    #[test]
    fn the_numbers_quoted_agree_with_the_tables() {
        let case = CaseTally {
            applicant: Applicant::NaturalPerson,
            carried_over: false,
            result: Some(Row::Granted),
        };
        let input = ReportInput {
            year: Some(2026),
            agency: Some("某某区人民政府办公室".into()),
            cases: vec![case; 55],
            ..ReportInput::default()
        };
        let mut report = compute(&input).unwrap();
        let head = Letterhead {
            agency: "某某区人民政府办公室",
            address: "某某路1号",
            ..Letterhead::default()
        };
        report.sections = prefill(&report, &head);
        assert!(report.sections[&Section::Overview].contains("收到政府信息公开申请55件"));
        assert!(report.sections[&Section::Preface].contains("地址：某某路1号"));
        // Change the table: X-01 now sees the text disagree, so the rule really reads it.
        let findings = rules::check(&report);
        assert!(!findings.iter().any(|f| f.rule == "X-01"), "{findings:?}");
        report.table3.get_mut(&Row::NewReceived).unwrap()[6] = crate::report::Cell::count(54);
        assert!(rules::check(&report).iter().any(|f| f.rule == "X-01"));
    }
}
