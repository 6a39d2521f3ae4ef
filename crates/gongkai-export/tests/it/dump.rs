//! Writes every output of the test reports to the directory named by `GONGKAI_EXPORT_DUMP`, for
//! looking at them (PDF → PNG, HTML screenshot). Does nothing when the variable is unset.

use crate::support;
use gongkai_domain::report::AnnualReport;
use gongkai_export::{Target, render};

#[test]
fn outputs_are_written_for_inspection_when_asked() {
    let Some(dir) = std::env::var_os("GONGKAI_EXPORT_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let examples = crate::api::example_files().into_iter().map(|f| {
        let text = std::fs::read_to_string(&f).unwrap();
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        (stem, AnnualReport::from_json_str(&text).unwrap())
    });
    let built = support::reports().map(|r| {
        let merged = if r.other_merged() { "-merged" } else { "" };
        (format!("report-{}{merged}", r.format.as_str()), r)
    });
    for (stem, report) in built.into_iter().chain(examples) {
        for target in Target::ALL {
            let bytes = render(&report, target).unwrap();
            std::fs::write(dir.join(format!("{stem}.{}", target.extension())), bytes).unwrap();
        }
    }
}
