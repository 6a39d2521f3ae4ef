//! HTML: parsed back with scraper — every label, every value at its JSON path, the merged header
//! cells of the official template, highlighting, escaping, and the tables fragment.

use crate::support::{self, TRICKY};
use gongkai_domain::report::table3::{
    APPLICANT_HEADER, CROSS_CHECK_NOTE, ORG_HEADER, RESULTS_HEADER, RowRole,
};
use gongkai_domain::report::table4::{GROUPS, LITIGATION_HEADER};
use gongkai_domain::report::{AnnualReport, Finding, Format, Section, Severity};
use gongkai_export::{HtmlOptions, render_html, render_tables_fragment};
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// The (rowspan, colspan) of the only heading cell of `table` whose text is `label`.
fn spans(doc: &Html, table: &str, label: &str) -> (u32, u32) {
    let cells: Vec<ElementRef<'_>> = doc
        .select(&sel(&format!("table.gk-{table} th")))
        .filter(|e| text(*e) == label)
        .collect();
    assert_eq!(cells.len(), 1, "{table}: one cell “{label}”");
    let attr = |name| {
        cells[0]
            .value()
            .attr(name)
            .map_or(1, |v| v.parse().unwrap())
    };
    (attr("rowspan"), attr("colspan"))
}

#[test]
fn page_shows_title_headings_paragraphs_and_every_label() {
    for report in support::reports() {
        let doc = Html::parse_document(&render_html(&report, &HtmlOptions::default()));

        let title = doc.select(&sel("title")).next().map(text).unwrap();
        let h1 = doc.select(&sel("h1")).next().map(text).unwrap();
        let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
        let paragraphs: Vec<String> = doc.select(&sel("p")).map(text).collect();
        let all = text(doc.root_element());

        assert_eq!(title, report.title());
        assert!(
            title.contains(&report.year.unwrap().to_string())
                && title.contains(report.agency.as_deref().unwrap())
        );
        assert_eq!(h1, report.title());
        let headings: Vec<&str> = Section::ALL
            .iter()
            .map(|s| s.def().heading)
            .filter(|h| !h.is_empty())
            .collect();
        assert_eq!(h2, headings);
        for s in Section::ALL {
            for line in report.section(s).lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    paragraphs.iter().any(|p| p == line.trim()),
                    "paragraph {line}"
                );
            }
        }
        for label in support::labels(&report) {
            assert!(all.contains(&label), "{:?}: label {label}", report.format);
        }
    }
}

#[test]
fn every_value_is_in_the_cell_named_by_its_json_path() {
    for report in support::reports() {
        let doc = Html::parse_document(&render_html(&report, &HtmlOptions::default()));

        for v in support::values(&report) {
            let found: Vec<String> = doc
                .select(&sel("td[data-path]"))
                .filter(|e| {
                    e.value()
                        .attr("data-path")
                        .unwrap()
                        .split(' ')
                        .any(|p| p == v.path)
                })
                .map(text)
                .collect();
            assert_eq!(
                found,
                vec![v.text.clone()],
                "{:?} {}",
                report.format,
                v.path
            );
        }
        let blank = doc
            .select(&sel("td[data-path~=\"table3.withheld_third_party[2]\"]"))
            .next()
            .unwrap();
        assert_eq!(text(blank), "");
        let token = doc
            .select(&sel("td[data-path~=\"table3.withheld_third_party[1]\"]"))
            .next()
            .unwrap();
        assert_eq!(text(token), "/");
    }
}

#[test]
fn table3_header_and_result_labels_are_merged_as_in_the_official_template() {
    for report in support::reports() {
        let doc = Html::parse_document(&render_html(&report, &HtmlOptions::default()));
        let results = report
            .t3_rows()
            .into_iter()
            .filter(|r| r.def().role == RowRole::Result)
            .count() as u32
            + 1;

        assert_eq!(spans(&doc, "table3", CROSS_CHECK_NOTE), (3, 3));
        assert_eq!(spans(&doc, "table3", APPLICANT_HEADER), (1, 7));
        assert_eq!(spans(&doc, "table3", ORG_HEADER), (1, 5));
        assert_eq!(spans(&doc, "table3", "自然人"), (2, 1));
        assert_eq!(spans(&doc, "table3", "总计"), (2, 1));
        assert_eq!(spans(&doc, "table3", "商业企业"), (1, 1));
        assert_eq!(spans(&doc, "table3", RESULTS_HEADER), (results, 1));
        assert_eq!(spans(&doc, "table3", "（三）不予公开"), (8, 1));
        assert_eq!(spans(&doc, "table3", "（四）无法提供"), (3, 1));
        assert_eq!(spans(&doc, "table3", "（五）不予处理"), (5, 1));
        assert_eq!(spans(&doc, "table3", "（一）予以公开"), (1, 2));
        assert_eq!(spans(&doc, "table3", "（七）总计"), (1, 2));
        assert_eq!(
            spans(&doc, "table3", "一、本年新收政府信息公开申请数量"),
            (1, 3)
        );
        let other = if report.format == Format::F2021 && !report.other_merged() {
            (3, 1)
        } else {
            (1, 2)
        };
        assert_eq!(spans(&doc, "table3", "（六）其他处理"), other);
        assert_eq!(doc.select(&sel("table.gk-table3 thead tr")).count(), 3);
    }
}

#[test]
fn table4_and_table2_headers_are_merged_as_in_the_official_template() {
    let r2019 = support::report_2019();
    let doc = Html::parse_document(&render_html(&r2019, &HtmlOptions::default()));

    assert_eq!(spans(&doc, "table4", GROUPS[0].label), (1, 5));
    assert_eq!(spans(&doc, "table4", LITIGATION_HEADER), (1, 10));
    assert_eq!(spans(&doc, "table4", GROUPS[1].label), (1, 5));
    assert_eq!(spans(&doc, "table4", GROUPS[2].label), (1, 5));
    let outcome_cells: Vec<String> = doc.select(&sel("table.gk-table4 th")).map(text).collect();
    assert_eq!(outcome_cells.iter().filter(|t| *t == "结果维持").count(), 3);
    let first = doc
        .select(&sel("table.gk-table4 th"))
        .find(|e| text(*e) == "结果维持")
        .unwrap();
    assert_eq!(
        first.value().attr("rowspan"),
        Some("2"),
        "2019: 行政复议 outcomes span two rows"
    );
    assert_eq!(spans(&doc, "table2", "第二十条第（九）项"), (1, 4));
    assert_eq!(spans(&doc, "table2", "采购总金额"), (1, 2));

    let r2021 = support::report_2021();
    let doc = Html::parse_document(&render_html(&r2021, &HtmlOptions::default()));
    assert_eq!(spans(&doc, "table4", GROUPS[0].label), (2, 5));
    assert_eq!(spans(&doc, "table4", "行政复议（本年新收）"), (1, 1));
    assert_eq!(spans(&doc, "table2", "本年收费金额（单位：万元）"), (1, 3));
}

#[test]
fn highlighted_cells_get_a_class_and_the_message_as_tooltip() {
    let report = support::report_2021();
    let finding = Finding::new(
        "T3-01",
        Severity::Error,
        "table3.total[6]",
        "第七列：877≠876",
    )
    .with_cells(vec!["table3.new_received[6]".to_owned()]);
    let options = HtmlOptions {
        highlight: vec![finding],
    };

    let doc = Html::parse_document(&render_html(&report, &options));

    let at = doc
        .select(&sel("td[data-path=\"table3.total[6]\"]"))
        .next()
        .unwrap();
    assert_eq!(at.value().attr("class"), Some("gk-finding gk-error"));
    assert!(
        at.value()
            .attr("title")
            .unwrap()
            .contains("第七列：877≠876")
    );
    let related = doc
        .select(&sel("td[data-path=\"table3.new_received[6]\"]"))
        .next()
        .unwrap();
    assert_eq!(related.value().attr("class"), Some("gk-related"));
    let plain = doc
        .select(&sel("td[data-path=\"table3.total[5]\"]"))
        .next()
        .unwrap();
    assert_eq!(plain.value().attr("class"), None);
    assert_eq!(doc.select(&sel(".gk-finding")).count(), 1);
}

#[test]
fn text_is_escaped_and_the_page_needs_no_external_asset() {
    let report = support::report_2021();

    let html = render_html(&report, &HtmlOptions::default());
    let doc = Html::parse_document(&html);

    assert!(doc.select(&sel("p")).any(|p| text(p) == TRICKY));
    assert_eq!(doc.select(&sel("p b")).count(), 0);
    for external in ["<link", "<script", "src=", "url(", "http://", "https://"] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("@media print") && html.contains("size: A4"));
}

#[test]
fn fragment_holds_only_the_three_tables() {
    let report: AnnualReport = support::report_2019();

    let fragment = render_tables_fragment(&report, &HtmlOptions::default());
    let doc = Html::parse_fragment(&fragment);

    assert!(!fragment.contains("<html") && !fragment.contains("<h1"));
    let captions: Vec<String> = doc.select(&sel("caption")).map(text).collect();
    assert_eq!(captions.len(), 3);
    assert!(captions[1].starts_with("表三"));
    assert_eq!(
        doc.select(&sel("td[data-path]")).count(),
        support::values(&report).len()
    );
}
