//! DOCX: the zip container and the streaming `document.xml` reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(lines) = gongkai_import::readers::docx(data) {
        let _ = gongkai_import::from_lines(&lines).to_json();
    }
    // The XML reader on its own, without a valid zip around it.
    if let Ok(xml) = std::str::from_utf8(data) {
        if let Ok(lines) = gongkai_import::readers::docx_xml(xml) {
            let _ = gongkai_import::from_lines(&lines);
        }
    }
});
