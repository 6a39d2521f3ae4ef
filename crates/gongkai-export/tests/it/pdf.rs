//! PDF: the text extracted with pdf-extract holds every label (CJK intact) and every value, and
//! table 三's rows read label-then-numbers in order.

use crate::support::{self, squash};
use gongkai_domain::report::{AnnualReport, Cell};
use gongkai_export::{Target, render};

fn extract(report: &AnnualReport) -> String {
    let pdf = render(report, Target::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    pdf_extract::extract_text_from_mem(&pdf).unwrap()
}

#[test]
fn every_label_and_value_can_be_read_back_from_the_pdf() {
    for report in support::reports() {
        let text = extract(&report);
        let flat = squash(&text);
        let tokens: Vec<&str> = text.split_whitespace().collect();

        for label in support::labels(&report) {
            assert!(
                flat.contains(&squash(&label)),
                "{:?}: label {label}\n{text}",
                report.format
            );
        }
        for v in support::values(&report)
            .iter()
            .filter(|v| !v.text.is_empty())
        {
            let found =
                tokens.contains(&v.text.as_str()) || (!v.text.is_ascii() && flat.contains(&v.text));
            assert!(
                found,
                "{:?}: {} = {}\n{text}",
                report.format, v.path, v.text
            );
        }
        for line in report
            .sections
            .values()
            .flat_map(|s| s.lines())
            .filter(|l| !l.trim().is_empty())
        {
            assert!(flat.contains(&squash(line)), "paragraph {line}\n{text}");
        }
    }
}

#[test]
fn table3_rows_read_as_label_followed_by_their_seven_cells() {
    for report in support::reports() {
        let flat = squash(&extract(&report));

        for row in report.t3_rows() {
            let cells: String = report.table3[&row].iter().map(Cell::to_string).collect();
            let expected = squash(&format!("{}{cells}", row.def().label));
            assert!(
                flat.contains(&expected),
                "{:?}: {expected}\n{flat}",
                report.format
            );
        }
    }
}

#[test]
fn the_same_report_renders_to_the_same_pdf_with_the_engine_reused() {
    // Speed is measured in `cargo bench -p gongkai-export`; here only that the engine kept for
    // the process gives the same bytes again.
    let report = support::report_2021();
    let first = render(&report, Target::Pdf).unwrap();
    let second = render(&report, Target::Pdf).unwrap();
    assert!(first.len() > 10_000);
    assert_eq!(first, second);
}
