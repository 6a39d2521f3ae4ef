//! PDF through the importer's positioned reader (pdf-extract under `catch_unwind`, then our
//! line and cell rebuilding). pdf-extract's own panics are caught by the importer and become
//! errors; libFuzzer's abort-on-panic hook is replaced so that only panics escaping the importer
//! (ours) count as crashes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if let Ok(lines) = gongkai_import::readers::pdf(data) {
        let _ = gongkai_import::from_lines(&lines).to_json();
    }
});
