//! Markdown: headings, paragraphs and GitHub tables in which every row reads on its own —
//! label(s) then the row's cells — and blanks stay distinct from tokens.

use crate::support::{self, TRICKY};
use gongkai_domain::report::table2;
use gongkai_domain::report::table4::Group;
use gongkai_domain::report::{AnnualReport, Cell, Section, TableId};
use gongkai_export::{Target, render};

fn markdown(report: &AnnualReport) -> String {
    String::from_utf8(render(report, Target::Markdown).unwrap()).unwrap()
}

/// Every table line, split into trimmed cells.
fn table_lines(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let inner = l.trim().trim_start_matches('|').trim_end_matches('|');
            inner.split('|').map(|c| c.trim().to_owned()).collect()
        })
        .collect()
}

fn texts(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(Cell::to_string).collect()
}

#[test]
fn headings_paragraphs_and_labels_are_all_there() {
    for report in support::reports() {
        let md = markdown(&report);

        assert_eq!(md.lines().next().unwrap(), format!("# {}", report.title()));
        for s in Section::ALL.iter().skip(1) {
            assert!(
                md.contains(&format!("\n## {}\n", s.def().heading)),
                "{}",
                s.def().heading
            );
        }
        assert!(md.contains("\n一是公开内容不够全面。\n\n二是解读形式比较单一。\n"));
        assert!(
            md.contains(r"\<b\>加粗\</b\> & 'x' | \*y\* \_z\_ #1"),
            "escaped {TRICKY}"
        );
        for label in support::labels(&report) {
            assert!(md.contains(&label), "{:?}: {label}", report.format);
        }
    }
}

#[test]
fn every_table3_row_repeats_its_labels_and_ends_with_its_seven_cells() {
    for report in support::reports() {
        let lines = table_lines(&markdown(&report));

        assert!(
            lines
                .iter()
                .any(|l| l.contains(&"申请人情况·法人或其他组织·商业企业".to_owned()))
        );
        for row in report.t3_rows() {
            let line = lines
                .iter()
                .find(|l| l.contains(&row.def().label.to_owned()))
                .unwrap();
            assert_eq!(
                line[line.len() - 7..],
                texts(&report.table3[&row]),
                "{}",
                row.def().key
            );
            if let Some(group) = row.def().group {
                assert!(line.contains(&group.to_owned()) && line[0] == "三、本年度办理结果");
            }
        }
        for e in report
            .extra_rows
            .iter()
            .filter(|e| e.table == TableId::Table3)
        {
            let line = lines.iter().find(|l| l[0] == e.label).unwrap();
            assert_eq!(line[line.len() - 7..], texts(&e.cells));
        }
    }
}

#[test]
fn table4_is_one_row_of_fifteen_cells_under_chained_headers() {
    for report in support::reports() {
        let lines = table_lines(&markdown(&report));
        let expected: Vec<String> = Group::ALL
            .iter()
            .flat_map(|g| texts(&report.table4[g]))
            .collect();

        assert!(
            lines
                .iter()
                .any(|l| l.contains(&"行政诉讼·未经复议直接起诉·结果维持".to_owned()))
        );
        assert!(
            lines
                .iter()
                .any(|l| l.len() >= 15 && l[l.len() - 15..] == expected[..])
        );
    }
    let r2021 = support::report_2021();
    let lines = table_lines(&markdown(&r2021));
    let extra = lines
        .iter()
        .find(|l| l[0] == "行政复议（本年新收）")
        .unwrap();
    assert_eq!(extra[1], "9");
}

#[test]
fn table2_items_show_their_values_and_blocks_their_captions() {
    for report in support::reports() {
        let md = markdown(&report);
        let lines = table_lines(&md);
        let values = support::values(&report);

        for block in table2::blocks(report.format) {
            assert!(md.contains(&format!("**{}**", block.caption)));
            for item in block.items {
                let line = lines.iter().find(|l| l[0] == item.label).unwrap();
                let shown: Vec<&String> = line[1..].iter().filter(|c| !c.is_empty()).collect();
                let prefix = format!("table2.{}.", item.key);
                let expected: Vec<&String> = values
                    .iter()
                    .filter(|v| v.path.starts_with(&prefix))
                    .map(|v| &v.text)
                    .collect();
                assert_eq!(shown, expected, "{}", item.key);
            }
        }
    }
    let lines = table_lines(&markdown(&support::report_2021()));
    let extra = lines.iter().find(|l| l[0] == "其他主动公开文件").unwrap();
    assert_eq!(
        extra[1..],
        ["12", "", "/"],
        "blank stays empty, token verbatim"
    );
}
