//! DOCX: unzipped and read back — title, headings and paragraphs in order, the three tables with
//! every cell's text, `gridSpan` and `vMerge` as the layout merges them, Chinese fonts and the
//! zh-CN language tag, A4 and a page-number field.

use crate::ooxml::{self, El};
use crate::support;
use gongkai_domain::report::table3::CROSS_CHECK_NOTE;
use gongkai_domain::report::{AnnualReport, Section, TableId};
use gongkai_export::layout;
use gongkai_export::{Target, render};
use std::collections::BTreeMap;

fn parts(report: &AnnualReport) -> BTreeMap<String, String> {
    ooxml::unzip(&render(report, Target::Docx).unwrap())
}

/// One `w:tc` as read back.
#[derive(Debug, Clone, PartialEq)]
struct Tc {
    text: String,
    span: usize,
    vmerge: Option<String>,
}

/// The cells of a `w:tbl` by grid position (row, first grid column).
fn grid_of(tbl: &El) -> BTreeMap<(usize, usize), Tc> {
    let mut out = BTreeMap::new();
    for (y, tr) in tbl.kids("w:tr").into_iter().enumerate() {
        let mut x = 0;
        for tc in tr.kids("w:tc") {
            let span = tc
                .first("w:gridSpan")
                .map_or(1, |g| g.attr("w:val").unwrap().parse().unwrap());
            let vmerge = tc
                .first("w:vMerge")
                .map(|v| v.attr("w:val").unwrap_or("continue").to_owned());
            out.insert(
                (y, x),
                Tc {
                    text: tc.text(),
                    span,
                    vmerge,
                },
            );
            x += span;
        }
    }
    out
}

#[test]
fn title_headings_and_paragraphs_come_in_printed_order() {
    for report in support::reports() {
        let doc = ooxml::parse(&parts(&report)["word/document.xml"]);
        let body = doc.first("w:body").unwrap();

        let paragraphs: Vec<String> = body
            .kids("w:p")
            .iter()
            .map(|p| p.text())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(paragraphs[0], report.title());
        let mut expected = Vec::new();
        for s in Section::ALL {
            expected.extend(
                [s.def().heading.to_owned()]
                    .into_iter()
                    .filter(|h| !h.is_empty()),
            );
            expected.extend(
                report
                    .section(s)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            );
        }
        assert_eq!(paragraphs[1..], expected[..]);
        assert_eq!(body.kids("w:tbl").len(), 3);
    }
}

/// Every placed cell is a `w:tc` with its text and `gridSpan` at its top-left, `vMerge restart`
/// when it spans rows, and empty `vMerge continue` cells below it.
fn assert_matches_layout(tbl: &El, grid: &layout::Grid) {
    let read = grid_of(tbl);
    assert_eq!(tbl.all("w:gridCol").len(), grid.width);
    for cell in &grid.cells {
        let restart = (cell.rows > 1).then(|| "restart".to_owned());
        let expected = Tc {
            text: cell.content.text(),
            span: cell.cols,
            vmerge: restart,
        };
        assert_eq!(
            read[&(cell.row, cell.col)],
            expected,
            "{:?} {:?}",
            grid.table,
            cell.paths
        );
        for y in cell.row + 1..cell.row + cell.rows {
            let below = Tc {
                text: String::new(),
                span: cell.cols,
                vmerge: Some("continue".to_owned()),
            };
            assert_eq!(read[&(y, cell.col)], below);
        }
    }
    assert_eq!(read.len(), grid.cells.iter().map(|c| c.rows).sum::<usize>());
}

#[test]
fn tables_have_every_cell_with_the_official_merges() {
    for report in support::reports() {
        let doc = ooxml::parse(&parts(&report)["word/document.xml"]);
        let tables = doc.first("w:body").unwrap().kids("w:tbl");

        for (tbl, table) in tables.into_iter().zip(TableId::ALL) {
            assert_matches_layout(tbl, &layout::grid(&report, table).unwrap());
        }
        let t3 = grid_of(doc.first("w:body").unwrap().kids("w:tbl")[1]);
        assert_eq!(
            t3[&(0, 0)],
            Tc {
                text: CROSS_CHECK_NOTE.to_owned(),
                span: 3,
                vmerge: Some("restart".to_owned())
            }
        );
    }
}

#[test]
fn every_value_is_in_its_table() {
    for report in support::reports() {
        let doc = ooxml::parse(&parts(&report)["word/document.xml"]);
        let tables = doc.first("w:body").unwrap().kids("w:tbl");

        for v in support::values(&report) {
            let index = TableId::ALL.iter().position(|t| *t == v.table).unwrap();
            let grid = layout::grid(&report, v.table).unwrap();
            let cell = grid
                .cells
                .iter()
                .find(|c| c.paths.contains(&v.path))
                .unwrap();
            assert_eq!(
                grid_of(tables[index])[&(cell.row, cell.col)].text,
                v.text,
                "{}",
                v.path
            );
        }
    }
}

#[test]
fn runs_name_chinese_fonts_and_carry_the_zh_cn_language() {
    let parts = parts(&support::report_2021());
    let document = &parts["word/document.xml"];
    let doc = ooxml::parse(document);

    let runs = doc.all("w:rPr");
    assert!(
        runs.iter()
            .all(|r| r.first("w:lang").and_then(|l| l.attr("w:eastAsia")) == Some("zh-CN"))
    );
    let fonts: Vec<&str> = doc
        .all("w:rFonts")
        .iter()
        .filter_map(|f| f.attr("w:eastAsia"))
        .collect();
    assert!(fonts.contains(&"宋体") && fonts.contains(&"黑体"));
    assert!(parts["word/styles.xml"].contains(r#"w:eastAsia="zh-CN""#));
    let page = doc.first("w:pgSz").unwrap();
    assert_eq!(
        (page.attr("w:w"), page.attr("w:h")),
        (Some("11906"), Some("16838"))
    );
    let footer = parts
        .iter()
        .find(|(k, _)| k.starts_with("word/footer"))
        .unwrap()
        .1;
    assert!(
        ooxml::parse(footer)
            .first("w:instrText")
            .unwrap()
            .text()
            .contains("PAGE")
    );
}
