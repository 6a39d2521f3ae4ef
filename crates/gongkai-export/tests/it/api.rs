//! The public entry points: target names, one `render` for all five formats, and the example
//! reports in `examples/` rendered with every value shown.

use crate::support;
use gongkai_domain::report::AnnualReport;
use gongkai_domain::report::table2::Item;
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::Group;
use gongkai_export::{ExportError, HtmlOptions, Target, render, render_html};
use scraper::{Html, Selector};

#[test]
fn target_names_parse_and_unknown_ones_are_refused_in_chinese() {
    let names = [
        ("html", Target::Html),
        ("md", Target::Markdown),
        ("docx", Target::Docx),
        ("xlsx", Target::Xlsx),
        ("pdf", Target::Pdf),
        ("PDF", Target::Pdf),
        ("markdown", Target::Markdown),
    ];
    for (name, target) in names {
        assert_eq!(Target::parse(name).unwrap(), target);
    }

    let err = Target::parse("odt").unwrap_err();

    assert!(matches!(err, ExportError::UnknownTarget(_)));
    assert!(err.to_string().contains("不支持的导出格式“odt”"));
}

#[test]
fn render_produces_each_format() {
    let report = support::report_2021();

    for target in Target::ALL {
        let bytes = render(&report, target).unwrap();

        let magic: &[u8] = match target {
            Target::Html => b"<!DOCTYPE html>",
            Target::Markdown => "# 某某市".as_bytes(),
            Target::Xlsx | Target::Docx => b"PK\x03\x04",
            Target::Pdf => b"%PDF-",
        };
        assert!(bytes.starts_with(magic), "{target:?}");
        assert!(target.mime().contains('/') && !target.extension().is_empty());
    }
}

#[test]
fn an_empty_report_renders_its_headings_without_tables() {
    let report = AnnualReport::default();

    for target in Target::ALL {
        assert!(!render(&report, target).unwrap().is_empty(), "{target:?}");
    }
    let html = render_html(&report, &HtmlOptions::default());
    assert!(html.contains(">政府信息公开工作年度报告</span></h1>") && !html.contains("<table"));
}

/// The canonical JSON reports in the workspace's `examples/` (at least one).
pub fn example_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "examples/*.json");
    files
}

#[test]
fn example_reports_render_with_every_value_in_place() {
    let files = example_files();
    let td = Selector::parse("td[data-path]").unwrap();

    for file in files {
        let report = AnnualReport::from_json_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let doc = Html::parse_document(&render_html(&report, &HtmlOptions::default()));

        let shown: Vec<(String, String)> = doc
            .select(&td)
            .map(|e| {
                (
                    e.value().attr("data-path").unwrap().to_owned(),
                    e.text().collect(),
                )
            })
            .collect();
        for v in support::values(&report)
            .into_iter()
            .filter(|v| report_has(&report, &v.path))
        {
            assert!(
                shown
                    .iter()
                    .any(|(p, t)| p.split(' ').any(|p| p == v.path) && *t == v.text),
                "{}: {} = {}",
                file.display(),
                v.path,
                v.text
            );
        }
        for target in Target::ALL {
            render(&report, target).unwrap();
        }
    }
}

/// Whether the row holding the value at `path` is in the report (example files may omit rows).
fn report_has(report: &AnnualReport, path: &str) -> bool {
    let mut parts = path.split(['.', '[']);
    let (table, key) = (parts.next().unwrap(), parts.next().unwrap());
    match table {
        "table2" => Item::from_key(key).is_some_and(|i| report.table2.contains_key(&i)),
        "table3" => Row::from_key(key).is_some_and(|r| report.table3.contains_key(&r)),
        "table4" => Group::from_key(key).is_some_and(|g| report.table4.contains_key(&g)),
        _ => true,
    }
}
