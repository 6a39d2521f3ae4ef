//! Which official format a report follows, from what its tables contain: table 二's column
//! headers, else its rows (items only one format has, the number of values per row) and table
//! 三's rows of （六）; the year only breaks a tie, and a disagreement with the year is said.

use crate::diag;
use crate::keywords::{all_rows, match_item, match_row};
use crate::split;
use crate::stream::Group;
use crate::table2;
use gongkai_domain::report::table2::Item;
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::{Finding, Format};

/// Decides the format; `t2_text` is table 二's region text.
pub fn decide(
    t2_text: &str,
    g2: &[Group],
    g3: &[Group],
    year: Option<i32>,
    out: &mut Vec<Finding>,
) -> Format {
    let shown = table2::format_of(t2_text).or_else(|| from_rows(g2, g3));
    match (shown, year) {
        (Some(f), Some(y)) if Format::for_year(y) != f => {
            let msg = format!(
                "表格内容是{f}格式，而{y}年度报告应使用{}格式；按表格内容读取",
                Format::for_year(y)
            );
            out.push(diag::warn(diag::FORMAT, "format", msg));
            f
        }
        (Some(f), _) => f,
        (None, _) => {
            let f = year.map_or(Format::F2021, Format::for_year);
            let why = if year.is_some() {
                "按报告年度"
            } else {
                "无法判断，默认"
            };
            let msg = format!("表格未显示格式版本，{why}采用{f}");
            out.push(diag::info(diag::FORMAT, "format", msg));
            f
        }
    }
}

/// The format the rows show: table 二 items of the 2019 format only, the number of values of
/// 行政许可/行政处罚/行政强制 (three in 2019, one in 2021), table 三's （六） sub-rows (2021).
fn from_rows(g2: &[Group], g3: &[Group]) -> Option<Format> {
    let sub_rows = g3.iter().any(|g| {
        match_row(&g.label, all_rows())
            .is_some_and(|r| matches!(r, Row::OtherNoCorrection | Row::OtherFeeUnpaid))
    });
    if sub_rows {
        return Some(Format::F2021);
    }
    let mut votes = [0usize; 2];
    for g in g2.iter().filter(|g| !g.all_blank()) {
        let item = match_item(&g.label, ALL_ITEMS.iter().copied());
        let (lo, hi) = split::span(&g.trimmed(3));
        match item {
            Some(Item::OtherServices | Item::Procurement) => votes[0] += 2,
            Some(Item::Licensing | Item::Penalty | Item::Coercion) if lo == 3 => votes[0] += 1,
            Some(Item::Licensing | Item::Penalty | Item::Coercion) if hi == 1 => votes[1] += 1,
            _ => {}
        }
    }
    match votes {
        [a, b] if a > b => Some(Format::F2019),
        [a, b] if b > a => Some(Format::F2021),
        _ => None,
    }
}

const ALL_ITEMS: [Item; 8] = [
    Item::Regulations,
    Item::NormativeDocuments,
    Item::Licensing,
    Item::OtherServices,
    Item::Penalty,
    Item::Coercion,
    Item::Fees,
    Item::Procurement,
];
