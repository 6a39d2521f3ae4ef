//! `gongkai report parse | audit` on published reports, as a supervising office runs them.

use crate::{gongkai, repo_root, text};
use std::path::PathBuf;

fn seeds() -> PathBuf {
    repo_root().join("../shared/seeds")
}

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(seeds())
        .expect("../shared/seeds is beside the repository")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("the seed exists")
        .path()
}

#[test]
fn parse_prints_canonical_json_of_a_published_report() {
    let out = gongkai(&["report", "parse", seed("004_").to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["agency"], "袁州区");
    assert_eq!(v["table3"]["new_received"][6], 55);
}

#[test]
fn audit_of_a_folder_reports_every_file_across_years_and_writes_the_html_page() {
    // Arrange: the five seeds, a 2021 copy of 袁州区 whose 上年结转 disagrees, a damaged PDF.
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(seeds()).unwrap().filter_map(Result::ok) {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let yuanzhou = std::fs::read_to_string(seed("004_")).unwrap();
    let next = yuanzhou
        .replacen("袁州区2020年", "袁州区2021年", 1)
        .replacen(
            "二、上年结转政府信息公开申请数量\n\t\u{2002}0",
            "二、上年结转政府信息公开申请数量\n\t5",
            1,
        );
    assert_ne!(next, yuanzhou);
    std::fs::write(dir.path().join("yuanzhou-2021.txt"), next).unwrap();
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.4 garbage").unwrap();
    let html = dir.path().join("audit.html");

    // Act
    let out = gongkai(&[
        "report",
        "audit",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--html",
        html.to_str().unwrap(),
    ]);

    // Assert: exit 1 (seed 000 breaks T3-01, a file is damaged), one entry per file.
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 7);
    let by_name = |name: &str| {
        entries
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    let rules = |e: &serde_json::Value| -> Vec<String> {
        let f = e["findings"].as_array().unwrap();
        f.iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        by_name("broken.pdf")["error"]
            .as_str()
            .unwrap()
            .contains("PDF")
    );
    assert!(rules(by_name("yuanzhou-2021.txt")).contains(&"Y-01".to_owned()));
    assert!(rules(by_name("yuanzhou-2021.txt")).contains(&"SIM-01".to_owned()));
    let seed_000 = entries
        .iter()
        .find(|e| e["path"].as_str().unwrap().contains("000_"))
        .unwrap();
    assert!(rules(seed_000).contains(&"T3-01".to_owned()));
    // The page: a summary row per file, the tables of each readable report, failing cells marked.
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<section id=\"r").count(), 6);
    assert!(page.contains("无法读取"));
    assert!(page.contains("gk-finding"));
}

#[test]
fn a_large_batch_puts_each_reports_tables_on_a_page_of_its_own() {
    // Arrange: 201 reports, one more than the summary page holds inline.
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let yuanzhou = std::fs::read_to_string(seed("004_")).unwrap();
    for i in 0..201 {
        let copy = yuanzhou.replacen("袁州区2020年", &format!("第{i}街道2020年"), 1);
        std::fs::write(reports.join(format!("{i:03}.txt")), copy).unwrap();
    }
    let html = dir.path().join("audit.html");

    // Act
    let out = gongkai(&[
        "report",
        "audit",
        reports.to_str().unwrap(),
        "--format",
        "csv",
        "--html",
        html.to_str().unwrap(),
    ]);

    // Assert: the summary links each report's page; the pages hold the tables.
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<section"));
    assert!(page.contains("href=\"audit.files/r201.html\""));
    let pages = std::fs::read_dir(dir.path().join("audit.files")).unwrap();
    assert_eq!(pages.count(), 201);
    let first = std::fs::read_to_string(dir.path().join("audit.files/r1.html")).unwrap();
    assert!(first.contains("第0街道2020年") && first.contains("gk-table"));
}
