//! Matching printed labels to the standard rows by the keyword alternatives the domain defines
//! with each row (`RowDef::keywords`, `Item::keywords`): real reports drop characters (“其他法律
//! 行政止公开”), reorder words and wrap labels over lines.
//!
//! A label is matched by the alternative whose last keyword ends latest in the label, because a
//! label accumulates everything printed since the previous row's numbers (group labels, repeated
//! headers) and the row's own words come last.

use crate::normalize::key;
use gongkai_domain::report::Format;
use gongkai_domain::report::table2::{self, Item};
use gongkai_domain::report::table3::{ROWS, Row};

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
                best_end(&k, r.def().keywords)
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
        .filter_map(|i| best_end(&k, i.keywords()).map(|e| (e, i)))
        .max_by_key(|(e, _)| *e)
        .map(|(_, i)| i)
}

/// Whether a label names a row of a standard table (a table-三 row, a table-二 item, or table
/// 四's 总计 heading its numbers): what makes run-together text a table rather than prose.
pub fn names_a_row(label: &str) -> bool {
    let items = Format::ALL
        .iter()
        .flat_map(|f| table2::blocks(*f).iter())
        .flat_map(|b| b.items.iter().map(|d| d.item));
    match_row(label, all_rows()).is_some() || match_item(label, items).is_some()
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
