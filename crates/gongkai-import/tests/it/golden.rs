//! Every seed and sample parses to the canonical JSON transcribed by hand in `tests/golden`
//! (typed in `tests/golden/transcribe.py` from the seed text and the rendered PDF pages).
//!
//! Compared exactly: format, year, agency, tables 二/三/四 and `extra_rows`. Sections: each
//! golden section must be present, start with the golden text and end with the golden end
//! (`section_ends`: nothing of the next heading, the signature or the site footer, nothing cut
//! off), whitespace aside. Diagnostics: each golden (rule, location) must be reported.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn golden(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn assert_matches_golden(source: &Path, golden_name: &str) {
    let parsed = gongkai_import::parse_file(source).unwrap().to_json();
    let want = golden(golden_name);
    for key in [
        "format",
        "year",
        "agency",
        "table2",
        "table3",
        "table4",
        "extra_rows",
    ] {
        assert_eq!(parsed[key], want[key], "{golden_name}: {key}");
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    for (section, start) in want["sections"].as_object().unwrap() {
        let text = parsed["sections"][section].as_str();
        let start = start.as_str().unwrap();
        assert!(
            text.is_some_and(|t| squeeze(t).starts_with(&squeeze(start))),
            "{golden_name}: section {section} should start with {start:?}, got {text:?}"
        );
    }
    for (section, end) in want["section_ends"].as_object().unwrap() {
        let text = squeeze(parsed["sections"][section].as_str().unwrap_or_default());
        let end = end.as_str().unwrap();
        assert!(
            text.ends_with(&squeeze(end)),
            "{golden_name}: section {section} should end with {end:?}, ends with {:?}",
            text.chars()
                .rev()
                .take(40)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
    }
    for d in want["diagnostics"].as_array().unwrap() {
        let found = parsed["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["rule"] == d["rule"] && p["location"] == d["location"]);
        assert!(found, "{golden_name}: missing diagnostic {d}");
    }
    // The parse is canonical JSON the domain reads back.
    gongkai_domain::report::AnnualReport::from_json(&parsed).unwrap();
}

fn seed(prefix: &str) -> PathBuf {
    let dir = shared().join("seeds");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap();
    dir.join(name)
}

#[test]
fn seed_000_tab_indented_one_cell_per_line_matches_golden() {
    assert_matches_golden(&seed("000_"), "000_36175d826d098ba6.json");
}

#[test]
fn seed_001_tab_rows_with_page_break_matches_golden() {
    assert_matches_golden(&seed("001_"), "001_77c3b53386b2261e.json");
}

#[test]
fn seed_002_pipes_with_filler_matches_golden() {
    assert_matches_golden(&seed("002_"), "002_295a8621132f85eb.json");
}

#[test]
fn seed_003_blank_line_separated_cells_matches_golden() {
    assert_matches_golden(&seed("003_"), "003_996cebfdf3cbf220.json");
}

#[test]
fn seed_004_tab_cells_with_stray_spaces_matches_golden() {
    assert_matches_golden(&seed("004_"), "004_321816853e0a54d9.json");
}

#[test]
fn hongze_2023_pdf_matches_golden() {
    assert_matches_golden(
        &shared().join("samples/hongze-2023.pdf"),
        "hongze-2023.json",
    );
}

#[test]
fn hongze_2024_pdf_matches_golden() {
    assert_matches_golden(
        &shared().join("samples/hongze-2024.pdf"),
        "hongze-2024.json",
    );
}

/// Real sample, cells run together on one line (2019 format; table 二 mostly ambiguous).
#[test]
fn pingtan_2019_cells_run_together_matches_golden() {
    assert_matches_golden(
        &shared().join("samples/pingtan-2019.txt"),
        "pingtan-2019.json",
    );
}

/// Real sample, Markdown with one pipe table per group, placeholder headers, rows under a
/// wrong header.
#[test]
fn shuyang_2025_markdown_split_per_group_matches_golden() {
    assert_matches_golden(
        &shared().join("samples/shuyang-2025.txt"),
        "shuyang-2025.json",
    );
}

/// Real sample, Markdown from a PDF: rows broken across pages, labels apart from their values,
/// orphan value rows, a page number inside table 三.
#[test]
fn kewei_2024_markdown_from_pdf_matches_golden() {
    assert_matches_golden(&shared().join("samples/kewei-2024.md"), "kewei-2024.json");
}

#[test]
#[ignore = "debugging aid: DUMP=path prints the parse"]
fn dump() {
    let path = std::env::var("DUMP").unwrap();
    let report = gongkai_import::parse_file(Path::new(&path)).unwrap();
    println!("{}", report.to_json_string());
}

#[test]
fn pdf_prose_wrapped_at_the_right_margin_or_a_page_break_reads_as_one_paragraph() {
    let r = gongkai_import::parse_file(&shared().join("samples/hongze-2024.pdf")).unwrap();
    let preface = r.section(gongkai_domain::report::Section::Preface);
    assert!(
        preface.contains("《中华人民共和国政府信息公开条例》（国令第 711 号）")
            && !preface.contains('\n'),
        "{preface:?}"
    );
    // Each numbered item of 总体情况 still starts a line of its own.
    let overview = r.section(gongkai_domain::report::Section::Overview);
    assert!(overview.contains("\n（一）主动公开情况。"), "{overview:?}");
    // A paragraph that runs over a page break (past the page number “-4-”) is one paragraph.
    let problems = r.section(gongkai_domain::report::Section::Problems);
    assert!(
        problems.contains("答复书模板，使各行政机关"),
        "{problems:?}"
    );
}
