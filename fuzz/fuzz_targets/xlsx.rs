//! XLSX: the zip container as given, and calamine's worksheet parser plus our merged-cell and
//! sheet-ordering logic on fuzzed sheet XML inside an otherwise valid workbook (random bytes are
//! rarely a zip, so the second half is where the parsing is exercised). calamine's panics are
//! caught by the importer and become errors; libFuzzer's abort-on-panic hook is replaced so that
//! only panics escaping the importer (ours) count as crashes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::sync::Once;

static QUIET: Once = Once::new();

const PARTS: [(&str, &str); 4] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
];

fn workbook_with_sheet(sheet: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, xml) in PARTS {
        zip.start_file(name, stored).expect("in memory");
        zip.write_all(xml.as_bytes()).expect("in memory");
    }
    zip.start_file("xl/worksheets/sheet1.xml", stored)
        .expect("in memory");
    zip.write_all(sheet).expect("in memory");
    zip.finish().expect("in memory");
    out
}

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if let Ok(lines) = gongkai_import::readers::xlsx(data) {
        let _ = gongkai_import::from_lines(&lines).to_json();
    }
    if let Ok(lines) = gongkai_import::readers::xlsx(&workbook_with_sheet(data)) {
        let _ = gongkai_import::from_lines(&lines).to_json();
    }
});
