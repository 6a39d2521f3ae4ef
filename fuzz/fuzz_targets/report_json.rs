//! Fuzzes the canonical JSON reader and the rule engine: any input either fails with a
//! `JsonError` or yields a report whose rules run and whose JSON reads back identically.
#![no_main]

use gongkai_domain::report::{AnnualReport, rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(report) = AnnualReport::from_json_str(text) {
        let _ = rules::check(&report);
        let again = AnnualReport::from_json(&report.to_json()).expect("own JSON reads back");
        assert_eq!(report, again);
    }
});
