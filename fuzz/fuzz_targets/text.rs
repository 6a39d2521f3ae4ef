//! Plain text in any layout: decoding, line splitting, outline, tables, repair.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = gongkai_import::decode(data) {
        let lines = gongkai_import::readers::text(&text);
        let _ = gongkai_import::from_lines(&lines).to_json();
    }
});
