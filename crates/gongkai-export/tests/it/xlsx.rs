//! XLSX: unzipped and read back — sheet names, the title row, every label and value at the
//! position the layout gives it (numbers as numbers, tokens as text, blanks empty), and the
//! merged ranges.

use crate::ooxml::{self, El};
use crate::support;
use gongkai_domain::report::{AnnualReport, Cell, TableId};
use gongkai_export::layout::{self, Content};
use gongkai_export::{Target, render};
use std::collections::{BTreeMap, BTreeSet};

/// Rows above each grid: the report title and the section heading.
const TOP: usize = 2;

struct Book {
    names: Vec<String>,
    sheets: Vec<El>,
    strings: Vec<String>,
}

fn book(report: &AnnualReport) -> Book {
    let bytes = render(report, Target::Xlsx).unwrap();
    let parts = ooxml::unzip(&bytes);
    let workbook = ooxml::parse(&parts["xl/workbook.xml"]);
    let names: Vec<String> = workbook
        .all("sheet")
        .iter()
        .map(|s| s.attr("name").unwrap().to_owned())
        .collect();
    let sheets = (1..=names.len())
        .map(|i| ooxml::parse(&parts[&format!("xl/worksheets/sheet{i}.xml")]))
        .collect();
    let strings = ooxml::parse(&parts["xl/sharedStrings.xml"])
        .all("si")
        .iter()
        .map(|si| si.text())
        .collect();
    Book {
        names,
        sheets,
        strings,
    }
}

/// “A1”-style reference of zero-based (row, col).
fn reference(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + u8::try_from((n - 1) % 26).unwrap()));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Cell reference → (is shared string, text or number as written).
fn cells(sheet: &El, strings: &[String]) -> BTreeMap<String, (bool, String)> {
    sheet
        .all("c")
        .into_iter()
        .filter_map(|c| {
            let v = c.first("v")?.text();
            let shared = c.attr("t") == Some("s");
            let text = if shared {
                strings[v.parse::<usize>().unwrap()].clone()
            } else {
                v
            };
            Some((c.attr("r").unwrap().to_owned(), (shared, text)))
        })
        .collect()
}

#[test]
fn one_sheet_per_table_named_after_it_plus_the_narrative() {
    for report in support::reports() {
        let book = book(&report);

        let mut expected: Vec<String> = TableId::ALL.iter().map(|t| t.name().to_owned()).collect();
        expected.push("报告正文".to_owned());
        assert_eq!(book.names, expected);
        for sheet in &book.sheets {
            let written = cells(sheet, &book.strings);
            assert_eq!(written["A1"], (true, report.title()));
        }
        let text = book.sheets[3].text();
        for line in report
            .sections
            .values()
            .flat_map(|s| s.lines())
            .filter(|l| !l.trim().is_empty())
        {
            assert!(book.strings.iter().any(|s| s == line.trim()), "{line}");
        }
        assert!(text.is_empty() || !text.contains("<"));
    }
}

/// How a cell is stored: nothing for blank or empty text, a number, or a shared string.
fn written_as(content: &Content) -> Option<(bool, String)> {
    match content {
        Content::Value(Cell::Blank) => None,
        other if other.text().is_empty() => None,
        Content::Value(Cell::Number(d)) => Some((false, d.normalize().to_string())),
        other => Some((true, other.text())),
    }
}

#[test]
fn every_label_and_value_sits_where_the_layout_puts_it() {
    for report in support::reports() {
        let book = book(&report);

        for (i, table) in TableId::ALL.into_iter().enumerate() {
            let grid = layout::grid(&report, table).unwrap();
            let written = cells(&book.sheets[i], &book.strings);
            assert_eq!(
                written[&reference(1, 0)].1,
                layout::section_of(table).def().heading
            );
            for cell in &grid.cells {
                let at = reference(TOP + cell.row, cell.col);
                let got = written.get(&at).cloned();
                let expected = written_as(&cell.content);
                assert_eq!(
                    got, expected,
                    "{:?} {table:?} {at} {:?}",
                    report.format, cell.paths
                );
            }
            let values = support::values(&report)
                .into_iter()
                .filter(|v| v.table == table);
            for v in values {
                let cell = grid
                    .cells
                    .iter()
                    .find(|c| c.paths.contains(&v.path))
                    .unwrap();
                let got = written
                    .get(&reference(TOP + cell.row, cell.col))
                    .map_or("", |c| c.1.as_str());
                assert_eq!(got, v.text, "{}", v.path);
            }
        }
    }
}

#[test]
fn merged_ranges_match_the_layout_spans() {
    for report in support::reports() {
        let book = book(&report);

        for (i, table) in TableId::ALL.into_iter().enumerate() {
            let grid = layout::grid(&report, table).unwrap();
            let merged: BTreeSet<String> = book.sheets[i]
                .all("mergeCell")
                .iter()
                .map(|m| m.attr("ref").unwrap().to_owned())
                .collect();
            let last = grid.width - 1;
            let mut expected: BTreeSet<String> = (0..TOP)
                .map(|r| format!("{}:{}", reference(r, 0), reference(r, last)))
                .collect();
            for c in grid.cells.iter().filter(|c| c.rows > 1 || c.cols > 1) {
                let from = reference(TOP + c.row, c.col);
                let to = reference(TOP + c.row + c.rows - 1, c.col + c.cols - 1);
                expected.insert(format!("{from}:{to}"));
            }
            assert_eq!(merged, expected, "{:?} {table:?}", report.format);
        }
        let t3 = book.sheets[1]
            .all("mergeCell")
            .iter()
            .map(|m| m.attr("ref").unwrap().to_owned())
            .collect::<Vec<_>>();
        assert!(t3.contains(&"A3:C5".to_owned()), "勾稽 note spans 3 × 3");
        assert!(t3.contains(&"D3:J3".to_owned()), "申请人情况 spans 7");
    }
}
