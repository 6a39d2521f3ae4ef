//! Damaged and hostile input gives a clear Chinese error, never a panic.

use gongkai_import::{ImportError, parse_bytes};

fn err(bytes: &[u8]) -> String {
    match parse_bytes(bytes) {
        Err(e) => e.to_string(),
        Ok(r) => panic!(
            "expected an error, got a report with {} rows",
            r.table3.len()
        ),
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn empty_and_whitespace_files_are_refused_in_chinese() {
    assert!(matches!(parse_bytes(b""), Err(ImportError::Empty)));
    assert!(has_han(&err(b"  \n\t ")));
}

#[test]
fn binary_garbage_is_refused() {
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(has_han(&err(&garbage)));
}

#[test]
fn truncated_pdf_and_docx_are_refused() {
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/hongze-2023.pdf"
    ))
    .unwrap();
    assert!(has_han(&err(&pdf[..pdf.len() / 3])));
    assert!(has_han(&err(b"%PDF-1.7\n1 0 obj <<")));
    assert!(has_han(&err(b"PK\x03\x04\x14\x00\x00\x00garbage")));
}

#[test]
fn damaged_xlsx_is_refused() {
    let report = gongkai_domain::report::AnnualReport::from_json_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/yuanzhou-2020.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let xlsx = gongkai_export::render(&report, gongkai_export::Target::Xlsx).unwrap();
    assert!(has_han(&err(&xlsx[..xlsx.len() / 2])));
    // An intact zip whose worksheet is not XML.
    let e = err(&with_sheets(&xlsx, b"<worksheet><sheetData><row><c"));
    assert!(e.contains("XLSX"), "{e}");
    // A sheet claiming its last possible cell (found by fuzzing: calamine would allocate the
    // whole 16,384 × 1,048,576 grid) is read sparsely.
    let far = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    assert!(gongkai_import::parse_bytes(&with_sheets(&xlsx, far)).is_ok());
    // A cell reference whose column overflows (found by fuzzing: calamine 0.38 panics on it in
    // builds with overflow checks) is refused like any damaged sheet.
    let e = err(&with_sheets(&xlsx, br#"<sheetData><c r="IIIIIIIF">"#));
    assert!(e.contains("XLSX"), "{e}");
}

/// `xlsx` with every worksheet replaced by `sheet`.
fn with_sheets(xlsx: &[u8], sheet: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if name.starts_with("xl/worksheets/") {
            std::io::Write::write_all(&mut w, sheet).unwrap();
        } else {
            std::io::copy(&mut f, &mut w).unwrap();
        }
    }
    w.finish().unwrap();
    out
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_reading_it_as_a_report() {
    let big = vec![b'0'; 50 * 1024 * 1024];
    assert!(matches!(
        parse_bytes(&big),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn text_without_tables_parses_to_a_report_without_tables() {
    let r = parse_bytes("这是一份普通的通知，没有表格。".as_bytes()).unwrap();
    assert!(!gongkai_import::has_tables(&r));
}

#[test]
fn gb18030_text_is_decoded() {
    let (gbk, _, _) =
        encoding_rs::GB18030.encode("某局2020年政府信息公开工作年度报告\n一、总体情况\n好。\n");
    let r = parse_bytes(&gbk).unwrap();
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.agency.as_deref(), Some("某局"));
}

#[test]
fn kind_is_detected_by_content_not_extension() {
    // Arrange: a text report saved as .pdf, and PNG bytes saved as .docx.
    let dir = tempfile::tempdir().unwrap();
    let text_as_pdf = dir.path().join("report.pdf");
    std::fs::write(
        &text_as_pdf,
        "某局2021年政府信息公开工作年度报告\n一、总体情况\n好。\n",
    )
    .unwrap();
    let png_as_docx = dir.path().join("report.docx");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(&png_as_docx, &png).unwrap();

    // Act / Assert
    let r = gongkai_import::parse_file(&text_as_pdf).unwrap();
    assert_eq!(r.year, Some(2021));
    let e = gongkai_import::parse_file(&png_as_docx).unwrap_err();
    assert!(has_han(&e.to_string()), "{e}");
}
