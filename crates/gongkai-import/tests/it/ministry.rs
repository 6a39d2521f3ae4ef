//! A ministry-level report of 2019 (2019 format) as its CMS publishes it: the whole article inside
//! a layout table, Word-exported cells (`<p class=MsoNormal><span>`), the official table
//! templates with their row- and column-spans, `&nbsp;`, “——” for inapplicable cells, a signed
//! 本年增/减, thousands separators, ASCII quotes around 三安全一稳定, a parenthetical note in a
//! label, a local extra row, the signature block and the site footer.

use gongkai_domain::report::table2::{Col, Item};
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::{Group, Outcome};
use gongkai_domain::report::{Cell, Format, Section};
use rust_decimal::Decimal;

/// A group label (“（三）不予公开”) and the number of rows it spans.
type Spanning = Option<(&'static str, usize)>;

/// Table 三's data rows in printed order, with the group label that spans them (if it starts
/// there) and the row's own label.
const ROWS: [(Row, Spanning, &str); 23] = [
    (Row::NewReceived, None, "一、本年新收政府信息公开申请数量"),
    (Row::CarriedOver, None, "二、上年结转政府信息公开申请数量"),
    (Row::Granted, None, "（一）予以公开"),
    (
        Row::PartlyGranted,
        None,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    (
        Row::WithheldStateSecret,
        Some(("（三）不予公开", 8)),
        "1．属于国家秘密",
    ),
    (
        Row::WithheldLawProhibited,
        None,
        "2．其他法律行政法规禁止公开",
    ),
    (
        Row::WithheldSecurityStability,
        None,
        "3．危及\"三安全一稳定\"",
    ),
    (Row::WithheldThirdParty, None, "4．保护第三方合法权益"),
    (
        Row::WithheldInternalAffairs,
        None,
        "5．属于三类内部事务信息",
    ),
    (Row::WithheldProcessInfo, None, "6．属于四类过程性信息"),
    (Row::WithheldEnforcementFile, None, "7．属于行政执法案卷"),
    (Row::WithheldInquiryMatter, None, "8．属于行政查询事项"),
    (
        Row::UnavailableNotHeld,
        Some(("（四）无法提供", 3)),
        "1．本机关不掌握相关政府信息",
    ),
    (
        Row::UnavailableNeedsCreation,
        None,
        "2．没有现成信息需要另行制作",
    ),
    (
        Row::UnavailableStillUnclear,
        None,
        "3．补正后申请内容仍不明确",
    ),
    (
        Row::DeclinedPetition,
        Some(("（五）不予处理", 5)),
        "1．信访举报投诉类申请",
    ),
    (Row::DeclinedDuplicate, None, "2．重复申请"),
    (Row::DeclinedPublication, None, "3．要求提供公开出版物"),
    (Row::DeclinedExcessive, None, "4．无正当理由大量反复申请"),
    (
        Row::DeclinedConfirmation,
        None,
        "5．要求行政机关确认或重新出具已获取信息",
    ),
    (Row::Other, None, "（六）其他处理"),
    (Row::Total, None, "（七）总计"),
    (Row::CarriedForward, None, "四、结转下年度继续办理"),
];

fn cells(i: usize) -> [i64; 7] {
    let (a, b) = ((i * 7 % 11) as i64, (i % 3) as i64);
    [a, b, 0, 0, 1, 0, a + b + 1]
}

/// A Word-exported cell.
fn td(text: &str, attrs: &str) -> String {
    format!(
        "<td {attrs} style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center>\
         <span style='font-family:仿宋_GB2312'>{text}</span></p></td>"
    )
}

fn row(label: &str, label_attrs: &str, values: &[String]) -> String {
    let cells: String = values.iter().map(|v| td(v, "")).collect();
    format!("<tr>{}{cells}</tr>\n", td(label, label_attrs))
}

fn table2() -> String {
    let caption = |c: &str| format!("<tr>{}</tr>", td(c, "colspan=4"));
    let head = |cols: [&str; 3]| {
        let c: String = cols.iter().map(|c| td(c, "")).collect();
        format!("<tr>{}{c}</tr>", td("信息内容", ""))
    };
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    [
        "<table class=MsoNormalTable border=1 cellspacing=0>".to_owned(),
        caption("第二十条第（一）项"),
        head(["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
        row("规章", "", &s(&["5", "5", "112"])),
        row("规范性文件", "", &s(&["23", "21", "1,340"])),
        row("其他主动公开文件", "", &s(&["60", "60", "410"])),
        caption("第二十条第（五）项"),
        head(["上一年项目数量", "本年增/减", "处理决定数量"]),
        row("行政许可", "", &s(&["45", "-3", "12,586"])),
        row("其他对外管理服务事项", "", &s(&["8", "+2", "310"])),
        caption("第二十条第（六）项"),
        head(["上一年项目数量", "本年增/减", "处理决定数量"]),
        row("行政处罚", "", &s(&["——", "——", "——"])),
        row("行政强制", "", &s(&["0", "0", "0"])),
        caption("第二十条第（八）项"),
        format!(
            "<tr>{}{}{}</tr>",
            td("信息内容", ""),
            td("上一年项目数量", ""),
            td("本年增/减", "colspan=2")
        ),
        format!(
            "<tr>{}{}{}</tr>",
            td("行政事业性收费", ""),
            td("2", ""),
            td("-1", "colspan=2")
        ),
        caption("第二十条第（九）项"),
        format!(
            "<tr>{}{}{}</tr>",
            td("信息内容", ""),
            td("采购项目数量", ""),
            td("采购总金额", "colspan=2")
        ),
        format!(
            "<tr>{}{}{}</tr>",
            td("政府集中采购", ""),
            td("37", ""),
            td("1,523.6万元", "colspan=2")
        ),
        "</table>".to_owned(),
    ]
    .join("\n")
}

fn table3() -> String {
    let mut t = format!(
        "<table border=1 cellspacing=0>\n<tr>{}{}</tr>\n<tr>{}{}{}</tr>\n<tr>{}</tr>\n",
        td(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "colspan=3 rowspan=3"
        ),
        td("申请人情况", "colspan=7"),
        td("自然人", "rowspan=2"),
        td("法人或其他组织", "colspan=5"),
        td("总计", "rowspan=2"),
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他"
        ]
        .iter()
        .map(|c| td(c, ""))
        .collect::<String>(),
    );
    for (i, (r, group, label)) in ROWS.iter().enumerate() {
        let values: Vec<String> = cells(i).iter().map(i64::to_string).collect();
        let mut head = String::new();
        if *r == Row::Granted {
            head.push_str(&td("三、本年度办理结果", "rowspan=20"));
        }
        if let Some((g, span)) = group {
            head.push_str(&td(g, &format!("rowspan={span}")));
        }
        let in_group = r.def().group.is_some();
        let attrs = match (r, in_group) {
            (Row::NewReceived | Row::CarriedOver | Row::CarriedForward, _) => "colspan=3",
            (_, false) => "colspan=2",
            (_, true) => "",
        };
        let cells: String = values.iter().map(|v| td(v, "")).collect();
        t.push_str(&format!("<tr>{head}{}{cells}</tr>\n", td(label, attrs)));
    }
    t + "</table>"
}

fn table4() -> String {
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let o: String = outcomes.iter().map(|c| td(c, "")).collect();
    let mut numbers = vec!["1", "2", "0", "1", "4"];
    numbers.extend(["2", "0", "0", "1", "3"]);
    numbers.extend(["0", "0", "0", "1", "1"]);
    let n: String = numbers.iter().map(|c| td(c, "")).collect();
    format!(
        "<table border=1>\n<tr>{}{}</tr>\n<tr>{}{}{}</tr>\n<tr>{o}{o}</tr>\n<tr>{n}</tr>\n</table>",
        td("行政复议", "colspan=5"),
        td("行政诉讼", "colspan=10"),
        outcomes[..4]
            .iter()
            .map(|c| td(c, "rowspan=2"))
            .collect::<String>()
            + &td("总计", "rowspan=2"),
        td("未经复议直接起诉", "colspan=5"),
        td("复议后起诉", "colspan=5"),
    )
}

fn page() -> String {
    format!(
        "<html><head><meta http-equiv=Content-Type content='text/html; charset=utf-8'>\
         <title>某某部2019年政府信息公开工作年度报告_某某部门户网站</title></head><body>\n\
         <table width=1000 align=center><tr><td>首页&nbsp;&gt;&nbsp;政府信息公开&nbsp;&gt;&nbsp;年度报告</td></tr>\n\
         <tr><td class=content>\n\
         <p align=center><b>某某部2019年政府信息公开工作年度报告</b></p>\n\
         <p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。</p>\n\
         <p><b>一、总体情况</b></p>\n\
         <p>2019年，某某部深入贯彻新修订的《条例》，全年主动公开政府信息1,520条。</p>\n\
         <p><b>二、主动公开政府信息情况</b></p>\n{}\n\
         <p><b>三、收到和处理政府信息公开申请情况</b></p>\n{}\n\
         <p><b>四、政府信息公开行政复议、行政诉讼情况</b></p>\n{}\n\
         <p><b>五、存在的主要问题及改进情况</b></p>\n\
         <p>一是政策解读的针对性有待加强；二是依申请公开答复的规范化水平有待提高。</p>\n\
         <p><b>六、其他需要报告的事项</b></p>\n\
         <p>本年度未收取信息处理费。</p>\n\
         <p align=right>某某部办公厅</p><p align=right>2020年1月20日</p>\n\
         </td></tr>\n\
         <tr><td>主办单位：某某部办公厅&nbsp;&nbsp;版权所有&nbsp;京ICP备05000000号</td></tr></table>\n\
         </body></html>",
        table2(),
        table3(),
        table4()
    )
}

#[test]
fn ministry_report_in_a_layout_table_with_the_official_spans_is_read() {
    // Act
    let r = gongkai_import::parse_bytes(page().as_bytes()).unwrap();

    // Assert
    assert_eq!(r.format, Format::F2019);
    assert_eq!(r.year, Some(2019));
    assert_eq!(r.agency.as_deref(), Some("某某部"));
    let n = |v: i64| Cell::count(v);
    assert_eq!(
        r.t2(Item::NormativeDocuments, Col::TotalPublished),
        &n(1340)
    );
    assert_eq!(r.t2(Item::Licensing, Col::Change), &n(-3));
    assert_eq!(r.t2(Item::Licensing, Col::Decisions), &n(12586));
    assert_eq!(r.t2(Item::OtherServices, Col::Change), &n(2));
    assert_eq!(
        r.t2(Item::Penalty, Col::PriorItems),
        &Cell::Token("——".into())
    );
    assert_eq!(r.t2(Item::Fees, Col::Change), &n(-1));
    assert_eq!(r.t2(Item::Procurement, Col::Projects), &n(37));
    assert_eq!(
        r.t2(Item::Procurement, Col::AmountWan),
        &Cell::Number(Decimal::new(15236, 1))
    );
    assert_eq!(r.extra_rows.len(), 1, "{:?}", r.extra_rows);
    assert_eq!(r.extra_rows[0].label, "其他主动公开文件");
    for (i, (row, _, label)) in ROWS.iter().enumerate() {
        let want: Vec<Cell> = cells(i).iter().map(|v| n(*v)).collect();
        assert_eq!(r.table3.get(row).map(|c| c.to_vec()), Some(want), "{label}");
    }
    assert_eq!(r.t4(Group::AdminReview, Outcome::Corrected), &n(2));
    assert_eq!(r.t4(Group::LitigationDirect, Outcome::Total), &n(3));
    assert_eq!(r.t4(Group::LitigationAfterReview, Outcome::Pending), &n(1));
    assert!(r.section(Section::Overview).contains("1,520条"));
    assert!(r.section(Section::Problems).ends_with("有待提高。"));
    assert_eq!(r.section(Section::Other), "本年度未收取信息处理费。");
    let unsure: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| matches!(d.rule.as_str(), "P-MISSING" | "P-REPAIR"))
        .collect();
    assert!(unsure.is_empty(), "{unsure:#?}");
}
