//! HTML: the DOM walk, table rows and spans, then the common pipeline.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = gongkai_import::readers::html(&text);
    let _ = gongkai_import::from_lines(&lines).to_json();
});
