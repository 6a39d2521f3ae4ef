//! Rules that compare the narrative with the tables: X-01 (a number in the text differs from its
//! cell), X-02 (section 六 and the 信息处理费), X-03 (section 五 too short).

use super::paths;
use crate::report::table3::{Applicant, Row};
use crate::report::table4::{Group, Outcome};
use crate::report::{AnnualReport, Cell, Finding, Format, Section, Severity};
use regex::Regex;
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// The cells a claim may be read against: their paths and values, summed.
type Reading = (Vec<String>, Vec<Cell>);

/// A statement pattern and the cells it should agree with.
struct Claim {
    what: &'static str,
    pattern: &'static LazyLock<Regex>,
    /// Acceptable values: each is a sum of cells; the claim agrees if it equals any of them.
    readings: fn(&AnnualReport) -> Vec<Reading>,
}

static APPLICATIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:收到|受理|接收|共收)[^。；;！？\n]{0,15}?申请[^。；;，,、\d]{0,8}?(\d+)\s*(?:件|条|宗|个)")
        .expect("the pattern is a valid regex")
});
static REVIEWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"行政复议[^。；;，,、\d]{0,6}?(\d+)\s*(?:件|起|宗)")
        .expect("the pattern is a valid regex")
});
static SUITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"行政诉讼[^。；;，,、\d]{0,6}?(\d+)\s*(?:件|起|宗)")
        .expect("the pattern is a valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年").expect("the pattern is a valid regex"));

fn t3_total(r: &AnnualReport, rows: &[Row]) -> Reading {
    let paths = rows
        .iter()
        .map(|row| paths::t3(*row, Applicant::Total))
        .collect();
    (
        paths,
        rows.iter()
            .map(|row| r.t3(*row, Applicant::Total).clone())
            .collect(),
    )
}

fn t4_total(r: &AnnualReport, groups: &[Group]) -> Reading {
    let paths = groups
        .iter()
        .map(|g| paths::t4(*g, Outcome::Total))
        .collect();
    (
        paths,
        groups
            .iter()
            .map(|g| r.t4(*g, Outcome::Total).clone())
            .collect(),
    )
}

const CLAIMS: [Claim; 3] = [
    Claim {
        what: "收到申请数",
        pattern: &APPLICATIONS,
        readings: |r| {
            vec![
                t3_total(r, &[Row::NewReceived]),
                t3_total(r, &[Row::NewReceived, Row::CarriedOver]),
            ]
        },
    },
    Claim {
        what: "行政复议数",
        pattern: &REVIEWS,
        readings: |r| vec![t4_total(r, &[Group::AdminReview])],
    },
    Claim {
        what: "行政诉讼数",
        pattern: &SUITS,
        readings: |r| {
            vec![t4_total(
                r,
                &[Group::LitigationDirect, Group::LitigationAfterReview],
            )]
        },
    },
];

/// Whether the text just before a number talks about another year (同比, 上年, 2019年 …).
fn about_another_year(prefix: &str, year: Option<i32>) -> bool {
    let tail: String = prefix
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    ["同比", "上年", "去年", "上一年", "较", "累计"]
        .iter()
        .any(|w| tail.contains(w))
        || YEAR
            .captures_iter(&tail)
            .any(|c| c[1].parse::<i32>().ok() != year)
}

/// X-01: numbers stated in the narrative agree with the tables.
pub fn x_01(r: &AnnualReport, out: &mut Vec<Finding>) {
    for (section, text) in &r.sections {
        for claim in &CLAIMS {
            for caps in claim.pattern.captures_iter(text) {
                let (Some(whole), Some(num)) = (caps.get(0), caps.get(1)) else {
                    continue;
                };
                if about_another_year(&text[..whole.start()], r.year) {
                    continue;
                }
                let stated: Decimal = num.as_str().parse().unwrap_or_default();
                out.extend(judge_claim(r, *section, claim, whole.as_str(), stated));
            }
        }
    }
}

fn judge_claim(
    r: &AnnualReport,
    s: Section,
    claim: &Claim,
    quote: &str,
    stated: Decimal,
) -> Option<Finding> {
    let readings = (claim.readings)(r);
    let location = format!("sections.{}", s.def().key);
    let (first_paths, first_cells) = readings.first()?;
    if first_cells.iter().any(|c| c.number().is_none()) {
        let msg = format!(
            "正文写“{quote}”，但表中对应的{}为空白或非数字，无法核对",
            claim.what
        );
        return Some(
            Finding::new("X-01", Severity::Uncertain, location, msg)
                .with_cells(first_paths.clone()),
        );
    }
    let sums: Vec<Decimal> = readings
        .iter()
        .map(|(_, cells)| cells.iter().filter_map(Cell::number).sum())
        .collect();
    if sums.contains(&stated) {
        return None;
    }
    let msg = format!(
        "正文写“{quote}”（{}），表中{}为{}",
        stated,
        claim.what,
        sums[0].normalize()
    );
    Some(Finding::new("X-01", Severity::Warning, location, msg).with_cells(first_paths.clone()))
}

fn says_nothing(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .collect();
    t.chars().count() <= 24 && (t.contains('无') || t.contains("没有"))
}

/// X-02: section 六 and the 信息处理费 (2021 format requires the fee statement).
pub fn x_02(r: &AnnualReport, out: &mut Vec<Finding>) {
    let six = r.section(Section::Other);
    let mentions_fee = six.contains("信息处理费") || six.contains("收费") || six.contains("收取");
    let location = "sections.other";
    let fee_cases = r
        .t3(Row::OtherFeeUnpaid, Applicant::Total)
        .number()
        .unwrap_or_default();
    if r.format == Format::F2021 && fee_cases > Decimal::ZERO && says_nothing(six) {
        let msg = format!(
            "第六部分称无需要报告的事项，但表三“（六）2”有{}件申请因逾期未缴纳信息处理费而不再处理，应说明收费情况",
            fee_cases.normalize()
        );
        let cell = paths::t3(Row::OtherFeeUnpaid, Applicant::Total);
        out.push(Finding::new("X-02", Severity::Warning, location, msg).with_cells(vec![cell]));
    } else if r.format == Format::F2021 && !mentions_fee {
        let msg = "第六部分未说明信息处理费的收取情况（发出收费通知的件数和金额、实际收取的金额，没有也应写明）";
        out.push(Finding::new("X-02", Severity::Warning, location, msg));
    }
}

/// X-03: section 五 must say something (at least 30 characters).
pub fn x_03(r: &AnnualReport, out: &mut Vec<Finding>) {
    let n = r
        .section(Section::Problems)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if n < 30 {
        let msg = format!("第五部分“存在的主要问题及改进情况”只有{n}个字，内容过少");
        out.push(Finding::new(
            "X-03",
            Severity::Warning,
            "sections.problems",
            msg,
        ));
    }
}
