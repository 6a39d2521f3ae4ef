//! Labels and headings as other agencies print them (not the seeds' strings): a 镇 report of
//! 2022 in column-aligned text with reworded rows (“上一年度结转”, “危及国家安全…”, “逾期未补正”,
//! “合计”, “结转下一年度”), retitled sections (“一、概述”, “五、存在的不足及改进措施”), a wrapped
//! label and a page number inside table 三. Every cell must land in its row, with no row left
//! over and none missing.

use gongkai_domain::report::table2::{Col, Item};
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::{Group, Outcome};
use gongkai_domain::report::{Cell, Format, Section};

/// Table 三 as this agency prints it: (row, printed label).
const ROWS: [(Row, &str); 25] = [
    (Row::NewReceived, "一、本年度新收政府信息公开申请"),
    (Row::CarriedOver, "二、上一年度结转政府信息公开申请"),
    (Row::Granted, "（一）予以公开"),
    (Row::PartlyGranted, "（二）部分公开"),
    (
        Row::WithheldStateSecret,
        "（三）不予公开    1、属于国家秘密",
    ),
    (Row::WithheldLawProhibited, "2、其他法律、行政法规禁止公开"),
    (
        Row::WithheldSecurityStability,
        "3、危及国家安全、公共安全、经济安全和社会稳定",
    ),
    (Row::WithheldThirdParty, "4、保护第三方合法权益"),
    (Row::WithheldInternalAffairs, "5、属于三类内部事务信息"),
    (Row::WithheldProcessInfo, "6、属于四类过程性信息"),
    (Row::WithheldEnforcementFile, "7、属于行政执法案卷"),
    (Row::WithheldInquiryMatter, "8、属于行政查询事项"),
    (
        Row::UnavailableNotHeld,
        "（四）无法提供    1、本机关不掌握相关政府信息",
    ),
    (Row::UnavailableNeedsCreation, "2、没有现成信息需要另行制作"),
    (Row::UnavailableStillUnclear, "3、补正后申请内容仍不明确"),
    (
        Row::DeclinedPetition,
        "（五）不予处理    1、信访举报投诉类申请",
    ),
    (Row::DeclinedDuplicate, "2、重复申请"),
    (Row::DeclinedPublication, "3、要求提供公开出版物"),
    (Row::DeclinedExcessive, "4、无正当理由大量反复申请"),
    (
        Row::DeclinedConfirmation,
        "5、要求行政机关确认或重新出具已获取信息",
    ),
    (
        Row::OtherNoCorrection,
        "（六）其他处理    1、申请人无正当理由逾期未补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        Row::OtherFeeUnpaid,
        "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    (Row::OtherMisc, "3、其他"),
    (Row::Total, "（七）合计"),
    (Row::CarriedForward, "四、结转下一年度继续办理"),
];

fn cells(i: usize) -> [i64; 7] {
    let a = (i % 4) as i64 + 1;
    [a, 0, 1, 0, 0, 0, a + 1]
}

fn report_text() -> String {
    let mut t = String::from(
        "某某镇人民政府2022年政府信息公开工作年度报告\n\n\
         一、概述\n\
         2022年，我镇坚持以公开为常态、不公开为例外，推进村务公开和惠民资金公示，全年通过门户网站公开信息三百余条。\n\n\
         二、主动公开政府信息情况\n\
         第二十条第（一）项\n\
         信息内容    本年制发件数    本年废止件数    现行有效件数\n\
         规章    0    0    0\n\
         行政规范性文件    2    1    7\n\
         第二十条第（五）项\n\
         信息内容    本年处理决定数量\n\
         行政许可    36\n\
         第二十条第（六）项\n\
         信息内容    本年处理决定数量\n\
         行政处罚    12\n\
         行政强制    0\n\
         第二十条第（八）项\n\
         信息内容    本年收费金额（单位：万元）\n\
         行政事业性收费    0\n\n\
         三、收到和处理政府信息公开申请情况\n\
         （本列数据的勾稽关系为：第一项加第二项之和，    申请人情况\n\
         等于第三项加第四项之和）    自然人    法人或其他组织    总计\n\
         商业企业    科研机构    社会公益组织    法律服务机构    其他\n",
    );
    for (i, (_, label)) in ROWS.iter().enumerate() {
        if i == 13 {
            t.push_str("\n— 4 —\n\n");
        }
        let nums: Vec<String> = cells(i).iter().map(i64::to_string).collect();
        // The 部分公开 label wraps onto the next line below its numbers, as PDFs print it.
        if *label == "（二）部分公开" {
            t.push_str(&format!(
                "（二）部分公开（区分处理的，只计    {}\n这一情形，不计其他情形）\n",
                nums.join("    ")
            ));
            continue;
        }
        t.push_str(&format!("{label}    {}\n", nums.join("    ")));
    }
    t.push_str(
        "\n四、政府信息公开行政复议、行政诉讼情况\n\
         行政复议    行政诉讼\n\
         结果维持    结果纠正    其他结果    尚未审结    总计    未经复议直接起诉    复议后起诉\n\
         1    0    0    0    1    0    0    0    0    0    0    0    0    0    0\n\n\
         五、存在的不足及改进措施\n\
         一是公开内容还不够全面，二是解读形式较为单一。下一步将加强培训，提高公开质量。\n\n\
         六、其他需要报告的事项\n\
         本年度未收取信息处理费。\n",
    );
    t
}

#[test]
fn reworded_labels_and_retitled_sections_of_a_township_report_are_read() {
    // Act
    let r = gongkai_import::parse_bytes(report_text().as_bytes()).unwrap();

    // Assert
    assert_eq!(r.format, Format::F2021);
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.agency.as_deref(), Some("某某镇人民政府"));
    for (i, (row, label)) in ROWS.iter().enumerate() {
        let want: Vec<Cell> = cells(i).iter().map(|n| Cell::count(*n)).collect();
        assert_eq!(r.table3.get(row).map(|c| c.to_vec()), Some(want), "{label}");
    }
    assert!(r.extra_rows.is_empty(), "{:?}", r.extra_rows);
    assert_eq!(
        r.t2(Item::NormativeDocuments, Col::InForce),
        &Cell::count(7)
    );
    assert_eq!(r.t2(Item::Licensing, Col::Decisions), &Cell::count(36));
    assert_eq!(r.t4(Group::AdminReview, Outcome::Upheld), &Cell::count(1));
    assert!(r.section(Section::Overview).contains("村务公开"));
    assert!(r.section(Section::Problems).contains("解读形式"));
    assert!(r.section(Section::Other).contains("信息处理费"));
    let missing: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "P-MISSING" || d.rule == "P-LABEL")
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

/// Table 三 of a city bureau's 2021 report as text from a PDF, continued over a page break: the
/// page footer (“共 6 页 第 3 页”), the report title as running head of the next page and the
/// table's three header lines repeated before the rows go on.
#[test]
fn a_table_continued_after_a_page_break_with_its_header_repeated_is_read() {
    // Arrange
    let header = "（本列数据的勾稽关系为：第一项加第二项之和，    申请人情况\n\
                  等于第三项加第四项之和）    自然人    法人或其他组织    总计\n\
                  商业企业    科研机构    社会公益组织    法律服务机构    其他\n";
    let mut t = String::from(
        "某某市生态环境局2021年政府信息公开工作年度报告\n\n\
         一、总体情况\n2021年，我局扎实推进生态环境信息公开。\n\n\
         三、收到和处理政府信息公开申请情况\n",
    );
    t.push_str(header);
    for (i, (_, label)) in ROWS.iter().enumerate() {
        if i == 9 {
            t.push_str("\n共 6 页 第 3 页\n\n某某市生态环境局2021年政府信息公开工作年度报告\n");
            t.push_str(header);
        }
        let nums: Vec<String> = cells(i).iter().map(i64::to_string).collect();
        t.push_str(&format!("{label}    {}\n", nums.join("    ")));
    }
    t.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n");

    // Act
    let r = gongkai_import::parse_bytes(t.as_bytes()).unwrap();

    // Assert
    assert_eq!(r.agency.as_deref(), Some("某某市生态环境局"));
    for (i, (row, label)) in ROWS.iter().enumerate() {
        let want: Vec<Cell> = cells(i).iter().map(|n| Cell::count(*n)).collect();
        assert_eq!(r.table3.get(row).map(|c| c.to_vec()), Some(want), "{label}");
    }
    assert!(r.extra_rows.is_empty(), "{:?}", r.extra_rows);
    let unsure: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| matches!(d.rule.as_str(), "P-MISSING" | "P-REPAIR" | "P-LABEL"))
        .collect();
    assert!(unsure.is_empty(), "{unsure:#?}");
}

/// A county bureau's local template: table 三 with an extra “小计” column for the five kinds of
/// 法人或其他组织 (not in the official format) and table 四 printed as one row per group.
fn subtotal_report(header_says_subtotal: bool) -> String {
    let subtotal = if header_says_subtotal {
        "小计\t"
    } else {
        "\t"
    };
    let mut t = format!(
        "某某县财政局2021年政府信息公开工作年度报告\n\
         三、收到和处理政府信息公开申请情况\n\
         （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\
         \t自然人\t法人或其他组织\t\t\t\t\t\t总计\n\
         \t\t{subtotal}商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    );
    for (i, (_, label)) in ROWS.iter().enumerate() {
        let mut c = cells(i).to_vec();
        c.insert(1, c[1..6].iter().sum());
        let nums: Vec<String> = c.iter().map(i64::to_string).collect();
        t.push_str(&format!("{label}\t{}\n", nums.join("\t")));
    }
    t.push_str(
        "四、政府信息公开行政复议、行政诉讼情况\n\
         \t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
         行政复议\t1\t0\t0\t0\t1\n\
         行政诉讼（未经复议直接起诉）\t0\t1\t0\t0\t1\n\
         行政诉讼（复议后起诉）\t2\t0\t0\t1\t3\n\
         五、存在的主要问题及改进情况\n无\n",
    );
    t
}

#[test]
fn a_local_subtotal_column_is_dropped_and_table_four_by_group_rows_is_read() {
    for header_says_subtotal in [true, false] {
        // Act
        let r =
            gongkai_import::parse_bytes(subtotal_report(header_says_subtotal).as_bytes()).unwrap();

        // Assert
        for (i, (row, label)) in ROWS.iter().enumerate() {
            let want: Vec<Cell> = cells(i).iter().map(|n| Cell::count(*n)).collect();
            assert_eq!(r.table3.get(row).map(|c| c.to_vec()), Some(want), "{label}");
        }
        assert_eq!(r.t4(Group::AdminReview, Outcome::Upheld), &Cell::count(1));
        assert_eq!(
            r.t4(Group::LitigationDirect, Outcome::Corrected),
            &Cell::count(1)
        );
        assert_eq!(
            r.t4(Group::LitigationAfterReview, Outcome::Pending),
            &Cell::count(1)
        );
        assert_eq!(
            r.t4(Group::LitigationAfterReview, Outcome::Total),
            &Cell::count(3)
        );
        let rules: Vec<(&str, &str)> = r
            .diagnostics
            .iter()
            .map(|d| (d.rule.as_str(), d.location.as_str()))
            .filter(|(rule, _)| rule.starts_with("P-") && *rule != "P-FORMAT")
            .collect();
        assert_eq!(
            rules,
            [("P-EXTRA", "table3")],
            "said once that the column was dropped"
        );
    }
}
