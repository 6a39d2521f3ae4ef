//! Table 三 收到和处理政府信息公开申请情况: the one definition of its rows and columns.
//!
//! Every label is verbatim from the official formats (`REGULATION.md` §2.4). Parsing, rendering and
//! the 勾稽 rules all read this table, so a label is never typed twice.

use super::format::Format;

/// The 7 applicant columns of table 三, in printed order (array positions in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicant {
    /// 自然人
    NaturalPerson,
    /// 法人或其他组织 · 商业企业
    Commercial,
    /// 法人或其他组织 · 科研机构
    Research,
    /// 法人或其他组织 · 社会公益组织
    SocialWelfare,
    /// 法人或其他组织 · 法律服务机构
    LegalServices,
    /// 法人或其他组织 · 其他
    OtherOrg,
    /// 总计
    Total,
}

/// Definition of one table-三 column.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// The column.
    pub column: Applicant,
    /// JSON/glossary key.
    pub key: &'static str,
    /// Header label of the lowest header row.
    pub label: &'static str,
    /// The spanning header above it, if any (法人或其他组织).
    pub parent: Option<&'static str>,
    /// “第一列” … “第七列”, for messages.
    pub ordinal: &'static str,
}

/// The merged top-left header cell, verbatim.
pub const CROSS_CHECK_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// The header spanning all seven data columns.
pub const APPLICANT_HEADER: &str = "申请人情况";
/// The spanning header over the five organisation columns.
pub const ORG_HEADER: &str = "法人或其他组织";

const fn col(
    column: Applicant,
    key: &'static str,
    label: &'static str,
    parent: Option<&'static str>,
    ordinal: &'static str,
) -> ColumnDef {
    ColumnDef {
        column,
        key,
        label,
        parent,
        ordinal,
    }
}

/// The seven columns, in order.
pub const COLUMNS: [ColumnDef; 7] = [
    col(
        Applicant::NaturalPerson,
        "natural_person",
        "自然人",
        None,
        "第一列",
    ),
    col(
        Applicant::Commercial,
        "commercial",
        "商业企业",
        Some(ORG_HEADER),
        "第二列",
    ),
    col(
        Applicant::Research,
        "research",
        "科研机构",
        Some(ORG_HEADER),
        "第三列",
    ),
    col(
        Applicant::SocialWelfare,
        "social_welfare",
        "社会公益组织",
        Some(ORG_HEADER),
        "第四列",
    ),
    col(
        Applicant::LegalServices,
        "legal_services",
        "法律服务机构",
        Some(ORG_HEADER),
        "第五列",
    ),
    col(
        Applicant::OtherOrg,
        "other_org",
        "其他",
        Some(ORG_HEADER),
        "第六列",
    ),
    col(Applicant::Total, "total", "总计", None, "第七列"),
];

impl Applicant {
    /// The six applicant columns that add up to 总计.
    pub const PARTS: [Applicant; 6] = [
        Applicant::NaturalPerson,
        Applicant::Commercial,
        Applicant::Research,
        Applicant::SocialWelfare,
        Applicant::LegalServices,
        Applicant::OtherOrg,
    ];

    /// Array position in the JSON row.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The column's definition.
    pub fn def(self) -> &'static ColumnDef {
        &COLUMNS[self.index()]
    }

    /// “第一列（自然人）”, for messages.
    pub fn describe(self) -> String {
        let d = self.def();
        format!("{}（{}）", d.ordinal, d.label)
    }
}

/// The data rows of table 三 (both formats; see [`RowDef::formats`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[expect(
    missing_docs,
    reason = "each variant is documented by its label in ROWS"
)]
pub enum Row {
    NewReceived,
    CarriedOver,
    Granted,
    PartlyGranted,
    WithheldStateSecret,
    WithheldLawProhibited,
    WithheldSecurityStability,
    WithheldThirdParty,
    WithheldInternalAffairs,
    WithheldProcessInfo,
    WithheldEnforcementFile,
    WithheldInquiryMatter,
    UnavailableNotHeld,
    UnavailableNeedsCreation,
    UnavailableStillUnclear,
    DeclinedPetition,
    DeclinedDuplicate,
    DeclinedPublication,
    DeclinedExcessive,
    DeclinedConfirmation,
    Other,
    OtherNoCorrection,
    OtherFeeUnpaid,
    OtherMisc,
    Total,
    CarriedForward,
}

/// What part a row plays in the 勾稽 identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRole {
    /// 一、本年新收 — an input.
    NewReceived,
    /// 二、上年结转 — an input.
    CarriedOver,
    /// One of the result rows that add up to （七）总计.
    Result,
    /// （七）总计.
    Total,
    /// 四、结转下年度继续办理.
    CarriedForward,
}

/// Which formats a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formats {
    /// Both formats.
    Both,
    /// Only the given one.
    Only(Format),
}

impl Formats {
    /// Whether `format` has the row.
    pub fn contains(self, format: Format) -> bool {
        match self {
            Formats::Both => true,
            Formats::Only(f) => f == format,
        }
    }
}

/// Definition of one table-三 data row.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    /// The row.
    pub row: Row,
    /// JSON key (`REPORT_JSON.md` §1).
    pub key: &'static str,
    /// The row's own label as printed in its cell, e.g. “1.属于国家秘密”.
    pub label: &'static str,
    /// The row-spanning group label to its left, e.g. “（三）不予公开”.
    pub group: Option<&'static str>,
    /// Whether the row sits under “三、本年度办理结果”.
    pub in_results: bool,
    /// Role in the 勾稽 identities.
    pub role: RowRole,
    /// Formats that have the row.
    pub formats: Formats,
    /// How the row is recognised in published text, for the importer: alternatives, each a set
    /// of normalised words that must all occur. Published labels drop characters (“其他法律行政
    /// 止公开”), reorder words and wrap over lines, so each row has several short alternatives.
    pub keywords: &'static [&'static [&'static str]],
}

impl RowDef {
    /// The label as `REPORT_JSON.md` writes it: group number + label, e.g. “（三）1.属于国家秘密”.
    pub fn full_label(&self) -> String {
        match self.group {
            Some(g) => format!(
                "{}{}",
                &g[..g.find('）').map_or(0, |i| i + '）'.len_utf8())],
                self.label
            ),
            None => self.label.to_owned(),
        }
    }
}

/// The level-1 label spanning all result rows.
pub const RESULTS_HEADER: &str = "三、本年度办理结果";
const WITHHELD: Option<&str> = Some("（三）不予公开");
const UNAVAILABLE: Option<&str> = Some("（四）无法提供");
const DECLINED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

#[expect(
    clippy::too_many_arguments,
    reason = "a const table constructor, one argument per column"
)]
const fn row(
    row: Row,
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    in_results: bool,
    role: RowRole,
    formats: Formats,
    keywords: &'static [&'static [&'static str]],
) -> RowDef {
    RowDef {
        row,
        key,
        label,
        group,
        in_results,
        role,
        formats,
        keywords,
    }
}

use Formats::{Both, Only};
use RowRole::{CarriedForward, CarriedOver, NewReceived, Result};

/// Every table-三 data row of both formats, in printed order.
#[rustfmt::skip]
pub const ROWS: [RowDef; 26] = [
    row(Row::NewReceived, "new_received", "一、本年新收政府信息公开申请数量", None, false, NewReceived, Both, &[&["新收"]]),
    row(Row::CarriedOver, "carried_over", "二、上年结转政府信息公开申请数量", None, false, CarriedOver, Both, &[&["上年结转"], &["上年度结转"], &["上一年度结转"]]),
    row(Row::Granted, "granted", "（一）予以公开", None, true, Result, Both, &[&["予以公开"]]),
    row(Row::PartlyGranted, "partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, true, Result, Both, &[&["部分公开"]]),
    row(Row::WithheldStateSecret, "withheld_state_secret", "1.属于国家秘密", WITHHELD, true, Result, Both, &[&["国家秘密"]]),
    row(Row::WithheldLawProhibited, "withheld_law_prohibited", "2.其他法律行政法规禁止公开", WITHHELD, true, Result, Both, &[&["禁止公开"], &["其他法律"], &["法律行政法规"]]),
    row(Row::WithheldSecurityStability, "withheld_security_stability", "3.危及“三安全一稳定”", WITHHELD, true, Result, Both, &[&["三安全"], &["一稳定"], &["危及"]]),
    row(Row::WithheldThirdParty, "withheld_third_party", "4.保护第三方合法权益", WITHHELD, true, Result, Both, &[&["第三方"]]),
    row(Row::WithheldInternalAffairs, "withheld_internal_affairs", "5.属于三类内部事务信息", WITHHELD, true, Result, Both, &[&["内部事务"]]),
    row(Row::WithheldProcessInfo, "withheld_process_info", "6.属于四类过程性信息", WITHHELD, true, Result, Both, &[&["过程性"]]),
    row(Row::WithheldEnforcementFile, "withheld_enforcement_file", "7.属于行政执法案卷", WITHHELD, true, Result, Both, &[&["执法案卷"]]),
    row(Row::WithheldInquiryMatter, "withheld_inquiry_matter", "8.属于行政查询事项", WITHHELD, true, Result, Both, &[&["查询事项"], &["行政查询"]]),
    row(Row::UnavailableNotHeld, "unavailable_not_held", "1.本机关不掌握相关政府信息", UNAVAILABLE, true, Result, Both, &[&["不掌握"]]),
    row(Row::UnavailableNeedsCreation, "unavailable_needs_creation", "2.没有现成信息需要另行制作", UNAVAILABLE, true, Result, Both, &[&["另行制作"], &["现成信息"]]),
    row(Row::UnavailableStillUnclear, "unavailable_still_unclear", "3.补正后申请内容仍不明确", UNAVAILABLE, true, Result, Both, &[&["仍不明确"], &["补正后"]]),
    row(Row::DeclinedPetition, "declined_petition", "1.信访举报投诉类申请", DECLINED, true, Result, Both, &[&["信访"], &["举报投诉"]]),
    row(Row::DeclinedDuplicate, "declined_duplicate", "2.重复申请", DECLINED, true, Result, Both, &[&["重复申请"]]),
    row(Row::DeclinedPublication, "declined_publication", "3.要求提供公开出版物", DECLINED, true, Result, Both, &[&["出版物"]]),
    row(Row::DeclinedExcessive, "declined_excessive", "4.无正当理由大量反复申请", DECLINED, true, Result, Both, &[&["大量反复"], &["反复申请"]]),
    row(Row::DeclinedConfirmation, "declined_confirmation", "5.要求行政机关确认或重新出具已获取信息", DECLINED, true, Result, Both, &[&["重新出具"], &["确认或"]]),
    row(Row::Other, "other", "（六）其他处理", None, true, Result, Only(Format::F2019), &[&["其他处理"]]),
    row(Row::OtherNoCorrection, "other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OTHER, true, Result, Only(Format::F2021), &[&["不补正"], &["未补正"]]),
    row(Row::OtherFeeUnpaid, "other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", OTHER, true, Result, Only(Format::F2021), &[&["收费通知"], &["缴纳费用"], &["未缴费"]]),
    row(Row::OtherMisc, "other_misc", "3.其他", OTHER, true, Result, Only(Format::F2021), &[&["其他"]]),
    row(Row::Total, "total", "（七）总计", None, true, RowRole::Total, Both, &[&["总计"], &["合计"]]),
    row(Row::CarriedForward, "carried_forward", "四、结转下年度继续办理", None, false, CarriedForward, Both, &[&["结转下"], &["下年度继续"], &["转入下"]]),
];

impl Row {
    /// The row's definition.
    pub fn def(self) -> &'static RowDef {
        &ROWS[self as usize]
    }

    /// The row with this JSON key.
    pub fn from_key(key: &str) -> Option<Row> {
        ROWS.iter().find(|d| d.key == key).map(|d| d.row)
    }

    /// The rows of `format`, in printed order (23 for 2019, 25 for 2021).
    pub fn of(format: Format) -> impl Iterator<Item = Row> {
        ROWS.iter()
            .filter(move |d| d.formats.contains(format))
            .map(|d| d.row)
    }

    /// The result rows of `format` that add up to （七）总计 (rule T3-03).
    pub fn results(format: Format) -> impl Iterator<Item = Row> {
        Row::of(format).filter(|r| r.def().role == RowRole::Result)
    }

    /// The rows of a report as printed: those of `format`, except that a 2021-format report
    /// that prints （六）其他处理 as one row (`other_merged`) has [`Row::Other`] in place of its
    /// three sub-rows (`REPORT_JSON.md` §1 allows it; rule S-01 warns).
    pub fn printed(format: Format, other_merged: bool) -> impl Iterator<Item = Row> {
        let merged = other_merged && format == Format::F2021;
        ROWS.iter()
            .filter(move |d| {
                if merged {
                    d.row == Row::Other || (d.formats.contains(format) && !d.row.is_other_part())
                } else {
                    d.formats.contains(format)
                }
            })
            .map(|d| d.row)
    }

    /// Whether the row is one of the three 2021 sub-rows of （六）其他处理.
    pub fn is_other_part(self) -> bool {
        matches!(
            self,
            Row::OtherNoCorrection | Row::OtherFeeUnpaid | Row::OtherMisc
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_in_enum_order() {
        for (i, d) in ROWS.iter().enumerate() {
            assert_eq!(d.row as usize, i, "{}", d.key);
        }
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.column.index(), i, "{}", c.key);
        }
    }

    #[test]
    fn row_counts_match_the_official_formats() {
        assert_eq!(Row::of(Format::F2019).count(), 23);
        assert_eq!(Row::of(Format::F2021).count(), 25);
        assert_eq!(Row::results(Format::F2019).count(), 19);
        assert_eq!(Row::results(Format::F2021).count(), 21);
    }

    #[test]
    fn a_merged_other_row_replaces_the_three_2021_sub_rows() {
        let rows: Vec<Row> = Row::printed(Format::F2021, true).collect();
        assert_eq!(rows.len(), 23);
        assert!(rows.contains(&Row::Other) && !rows.iter().any(|r| r.is_other_part()));
        assert_eq!(Row::printed(Format::F2021, false).count(), 25);
        assert_eq!(Row::printed(Format::F2019, true).count(), 23);
    }

    #[test]
    fn full_label_prefixes_the_group_number() {
        assert_eq!(
            Row::WithheldStateSecret.def().full_label(),
            "（三）1.属于国家秘密"
        );
        assert_eq!(Row::Granted.def().full_label(), "（一）予以公开");
        assert_eq!(Row::from_key("other_misc"), Some(Row::OtherMisc));
    }
}
