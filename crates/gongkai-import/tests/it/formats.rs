//! HTML, DOCX, Markdown and PDF-style text layouts of the same report read the same cells.

use gongkai_domain::report::table3::{ROWS, Row};
use gongkai_domain::report::table4::Group;
use gongkai_domain::report::{AnnualReport, Cell, Format};
use std::io::Write;

/// Cells of row `i` of the fixture: distinct small numbers whose row sum holds.
fn row_cells(i: usize) -> [i64; 7] {
    let a = (i % 5) as i64;
    [a, 1, 0, 0, 0, 0, a + 1]
}

fn rows_2021() -> Vec<(usize, &'static gongkai_domain::report::table3::RowDef)> {
    ROWS.iter()
        .enumerate()
        .filter(|(_, d)| d.formats.contains(Format::F2021))
        .collect()
}

fn check_table3(r: &AnnualReport) {
    assert_eq!(r.format, Format::F2021);
    for (i, d) in rows_2021() {
        let want: Vec<Cell> = row_cells(i).iter().map(|n| Cell::count(*n)).collect();
        assert_eq!(
            r.table3.get(&d.row).map(|c| c.to_vec()),
            Some(want),
            "{}",
            d.key
        );
    }
    assert_eq!(
        r.t4(
            Group::LitigationAfterReview,
            gongkai_domain::report::table4::Outcome::Total
        ),
        &Cell::count(9)
    );
}

const HEAD: &str = "<h1>某某县人民政府2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度&nbsp;工作。</p>\
<p>二、主动公开政府信息情况</p><table><tr><td colspan=4>第二十条第（一）项</td></tr>\
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
<tr><td><span>规章</span></td><td>1</td><td>0</td><td>5</td></tr></table>\
<p>三、收到和处理政府信息公开申请情况</p>";

fn html_fixture() -> String {
    let mut s = String::from(HEAD);
    s.push_str("<table><tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>");
    s.push_str("<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr><tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>");
    for (n, (i, d)) in rows_2021().into_iter().enumerate() {
        if n == 12 {
            s.push_str("</table><p>- 3 -</p><table>");
        }
        let group = d
            .group
            .map(|g| format!("<td rowspan=1>{g}</td>"))
            .unwrap_or_default();
        let cells: String = row_cells(i)
            .iter()
            .map(|c| format!("<td>&nbsp;{c}</td>"))
            .collect();
        s.push_str(&format!(
            "<tr>{group}<td colspan=2><p><b>{}</b></p></td>{cells}</tr>",
            d.label
        ));
    }
    s.push_str("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr><tr>");
    for n in [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 2, 9] {
        s.push_str(&format!("<td>{n}</td>"));
    }
    s.push_str("</tr></table><p>五、存在的主要问题及改进情况</p><p>问题。</p><p>六、其他需要报告的事项</p><p>无。</p>");
    s
}

#[test]
fn html_with_spans_split_tables_and_nbsp_reads_every_cell() {
    let r = gongkai_import::parse_bytes(html_fixture().as_bytes()).unwrap();
    check_table3(&r);
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.agency.as_deref(), Some("某某县人民政府"));
    assert_eq!(
        r.t2(
            gongkai_domain::report::table2::Item::Regulations,
            gongkai_domain::report::table2::Col::InForce
        ),
        &Cell::count(5)
    );
}

fn markdown_fixture() -> String {
    let mut s = String::from(
        "某某局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n| 行 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (i, d) in rows_2021() {
        let cells: Vec<String> = row_cells(i).iter().map(ToString::to_string).collect();
        let label = d.full_label().replace(['“', '”'], "\"").replace('、', "，");
        s.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
    }
    s.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 4 | 1 | 2 | 2 | 9 |\n");
    s
}

#[test]
fn markdown_table_with_ascii_quotes_reads_every_cell() {
    let r = gongkai_import::parse_bytes(markdown_fixture().as_bytes()).unwrap();
    check_table3(&r);
}

fn docx_fixture() -> Vec<u8> {
    let mut body = String::from(
        "<w:p><w:r><w:t>某某县人民政府2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p><w:tbl>",
    );
    body.push_str("<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</w:t></w:r></w:p></w:tc></w:tr>");
    for (i, d) in rows_2021() {
        let group = match d.group {
            Some(g) => format!(
                "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>{g}</w:t></w:r></w:p></w:tc>"
            ),
            None => String::new(),
        };
        let cells: String = row_cells(i)
            .iter()
            .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
            .collect();
        let label = d.label.replace('&', "&amp;");
        body.push_str(&format!(
            "<w:tr>{group}<w:tc><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:tc>{cells}</w:tr>"
        ));
    }
    body.push_str("</w:tbl><w:p><w:r><w:t>四、政府信息公开行政复议、行政诉讼情况</w:t></w:r></w:p><w:tbl><w:tr>");
    for n in [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 2, 9] {
        body.push_str(&format!(
            "<w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc>"
        ));
    }
    body.push_str("</w:tr></w:tbl>");
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

#[test]
fn docx_with_grid_span_and_vmerge_reads_every_cell() {
    let r = gongkai_import::parse_bytes(&docx_fixture()).unwrap();
    check_table3(&r);
    assert_eq!(r.agency.as_deref(), Some("某某县人民政府"));
}

#[test]
fn pdf_style_split_number_is_joined_and_reported() {
    let text = "某某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
一、本年新收政府信息公开申请数量     1 0   2   0   0   0   0   12\n\
四、政府信息公开行政复议、行政诉讼情况\n";
    let r = gongkai_import::parse_bytes(text.as_bytes()).unwrap();
    let want = [10, 2, 0, 0, 0, 0, 12].map(Cell::count);
    assert_eq!(r.table3.get(&Row::NewReceived), Some(&want));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.rule == "P-REPAIR" && d.location == "table3.new_received")
    );
}
