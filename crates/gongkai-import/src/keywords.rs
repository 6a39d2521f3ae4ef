//! Keyword sets that recognise the standard rows in printed labels, richer than the domain's
//! `keywords` (which stay the first alternative): real reports drop characters (“其他法律行政止
//! 公开”), reorder words and wrap labels over lines.
//!
//! A label is matched by the alternative whose last keyword ends latest in the label, because a
//! label accumulates everything printed since the previous row's numbers (group labels, repeated
//! headers) and the row's own words come last.

use crate::normalize::key;
use gongkai_domain::report::table2::Item;
use gongkai_domain::report::table3::{ROWS, Row};

/// Alternatives for a table-三 row; each alternative is a list of words that must all occur.
fn row_alternatives(row: Row) -> &'static [&'static [&'static str]] {
    match row {
        Row::NewReceived => &[&["新收"]],
        Row::CarriedOver => &[&["上年结转"], &["上年度结转"]],
        Row::Granted => &[&["予以公开"]],
        Row::PartlyGranted => &[&["部分公开"]],
        Row::WithheldStateSecret => &[&["国家秘密"]],
        Row::WithheldLawProhibited => &[&["禁止公开"], &["其他法律"], &["法律行政法规"]],
        Row::WithheldSecurityStability => &[&["三安全"], &["一稳定"]],
        Row::WithheldThirdParty => &[&["第三方"]],
        Row::WithheldInternalAffairs => &[&["内部事务"]],
        Row::WithheldProcessInfo => &[&["过程性"]],
        Row::WithheldEnforcementFile => &[&["执法案卷"]],
        Row::WithheldInquiryMatter => &[&["查询事项"], &["行政查询"]],
        Row::UnavailableNotHeld => &[&["不掌握"]],
        Row::UnavailableNeedsCreation => &[&["另行制作"], &["现成信息"]],
        Row::UnavailableStillUnclear => &[&["仍不明确"], &["补正后"]],
        Row::DeclinedPetition => &[&["信访"], &["举报投诉"]],
        Row::DeclinedDuplicate => &[&["重复申请"]],
        Row::DeclinedPublication => &[&["出版物"]],
        Row::DeclinedExcessive => &[&["大量反复"], &["反复申请"]],
        Row::DeclinedConfirmation => &[&["重新出具"], &["确认或"]],
        Row::Other => &[&["其他处理"]],
        Row::OtherNoCorrection => &[&["不补正"]],
        Row::OtherFeeUnpaid => &[&["收费通知"], &["缴纳费用"]],
        Row::OtherMisc => &[&["其他"]],
        Row::Total => &[&["总计"], &["合计"]],
        Row::CarriedForward => &[&["结转下年"], &["下年度继续"]],
    }
}

/// Alternatives for a table-二 item.
fn item_alternatives(item: Item) -> &'static [&'static [&'static str]] {
    match item {
        Item::Regulations => &[&["规章"]],
        Item::NormativeDocuments => &[&["规范性文件"]],
        Item::Licensing => &[&["行政许可"]],
        Item::OtherServices => &[&["对外管理服务"]],
        Item::Penalty => &[&["行政处罚"]],
        Item::Coercion => &[&["行政强制"]],
        Item::Fees => &[&["事业性收费"]],
        Item::Procurement => &[&["集中采购"], &["政府采购"]],
    }
}

/// The key used to match labels: [`key`] plus “不予以公开” → “不予公开”, so that the group
/// label of the withheld rows never reads as “予以公开”.
pub fn label_key(s: &str) -> String {
    key(s).replace("不予以公开", "不予公开")
}

/// Where the best alternative ends in `k` (byte offset), and its length, if any matches.
fn best_end(k: &str, alternatives: &[&[&str]]) -> Option<(usize, usize)> {
    alternatives
        .iter()
        .filter_map(|words| {
            let ends: Option<Vec<(usize, usize)>> = words
                .iter()
                .map(|w| k.rfind(w).map(|p| (p + w.len(), w.len())))
                .collect();
            ends?.into_iter().max()
        })
        .max()
}

/// “3.其他” is only a label of its own: the word 其他 also occurs inside other labels (“不计其他
/// 情形”, “其他法律行政法规”), so it counts only at the end of the label.
fn other_misc_end(k: &str) -> Option<(usize, usize)> {
    let k = k.trim_end_matches(|c: char| !crate::normalize::is_han(c));
    k.ends_with("其他").then_some((k.len(), "其他".len()))
}

/// The table-三 row a label names, among `candidates`.
pub fn match_row(label: &str, candidates: impl Iterator<Item = Row>) -> Option<Row> {
    let k = label_key(label);
    candidates
        .filter_map(|r| {
            let end = if r == Row::OtherMisc {
                other_misc_end(&k)
            } else {
                best_end(&k, row_alternatives(r))
            };
            end.map(|e| (e, r))
        })
        .max_by_key(|(e, r)| (*e, std::cmp::Reverse(*r as usize)))
        .map(|(_, r)| r)
}

/// The table-二 item a label names.
pub fn match_item(label: &str, candidates: impl Iterator<Item = Item>) -> Option<Item> {
    let k = label_key(label);
    candidates
        .filter_map(|i| best_end(&k, item_alternatives(i)).map(|e| (e, i)))
        .max_by_key(|(e, _)| *e)
        .map(|(_, i)| i)
}

/// Every table-三 row, for matching.
pub fn all_rows() -> impl Iterator<Item = Row> {
    ROWS.iter().map(|d| d.row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_and_garbled_labels_find_their_rows() {
        let m = |s| match_row(s, all_rows());
        assert_eq!(
            m("（三）不予\n以公\n开 1、属于国家秘密"),
            Some(Row::WithheldStateSecret)
        );
        assert_eq!(m("2.其他法律行政止公开"), Some(Row::WithheldLawProhibited));
        assert_eq!(m("（六）其他处理"), Some(Row::Other));
        assert_eq!(
            m("其他 总计 一、本年新收政府信息公开申请数量"),
            Some(Row::NewReceived)
        );
        assert_eq!(m("（一）予以公开"), Some(Row::Granted));
        assert_eq!(
            m("（二）部分公开（区分处理的），只计这一情形，不计其他情形"),
            Some(Row::PartlyGranted)
        );
        assert_eq!(m("（六）其他处理 3.其他"), Some(Row::OtherMisc));
        assert_eq!(
            m("3、危及\"三安全一稳定\""),
            Some(Row::WithheldSecurityStability)
        );
    }
}
