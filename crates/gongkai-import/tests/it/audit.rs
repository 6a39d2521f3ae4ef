//! The batch audit: folders recursively, damaged files skipped, Y-01 and SIM-01 across reports.

use gongkai_domain::report::Finding;
use gongkai_import::audit;
use std::path::{Path, PathBuf};

/// What the audit says about one file, read back from the batch's spool.
struct Judged {
    path: PathBuf,
    error: Option<String>,
    findings: Vec<Finding>,
}

/// Audits `paths` as `report audit` does: a batch, the rules across reports, the spool read back.
fn audit_all(paths: &[PathBuf]) -> Vec<Judged> {
    let (files, missing) = audit::files(paths);
    assert!(missing.is_empty());
    let mut batch = audit::Batch::new().unwrap();
    for f in &files {
        batch.add(f).unwrap();
    }
    let mut done = batch.finish().unwrap();
    let mut out = Vec::new();
    done.visit(|e, _, findings| {
        out.push(Judged {
            path: e.path.clone(),
            error: e.error.clone(),
            findings: findings.to_vec(),
        });
        Ok(())
    })
    .unwrap();
    out
}

fn seed_004() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("004_"))
        .unwrap()
        .path();
    std::fs::read_to_string(name).unwrap()
}

#[test]
fn audit_walks_folders_skips_damaged_files_and_checks_consecutive_years() {
    // Arrange: 袁州区 2020 (seed 004), a 2021 copy whose 上年结转 is 5 instead of 0, a damaged PDF.
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let text = seed_004();
    std::fs::write(dir.path().join("2020.txt"), &text).unwrap();
    let next = text.replacen("袁州区2020年", "袁州区2021年", 1).replacen(
        "二、上年结转政府信息公开申请数量\n\t\u{2002}0",
        "二、上年结转政府信息公开申请数量\n\t5",
        1,
    );
    assert_ne!(next, text);
    std::fs::write(sub.join("2021.txt"), &next).unwrap();
    std::fs::write(sub.join("broken.pdf"), b"%PDF-1.4 garbage").unwrap();
    std::fs::write(sub.join("notes.bin"), b"ignored").unwrap();

    // Act
    let entries = audit_all(&[dir.path().to_owned()]);

    // Assert
    assert_eq!(entries.len(), 3);
    let broken = entries
        .iter()
        .find(|e| e.path.ends_with("broken.pdf"))
        .unwrap();
    assert!(broken.error.as_deref().is_some_and(|e| e.contains("PDF")));
    let y2021 = entries
        .iter()
        .find(|e| e.path.ends_with("2021.txt"))
        .unwrap();
    assert!(
        y2021.findings.iter().any(|f| f.rule == "Y-01"),
        "{:#?}",
        y2021.findings
    );
    assert!(
        y2021
            .findings
            .iter()
            .any(|f| f.rule == "SIM-01" && f.message.contains("袁州区2020年"))
    );
}

fn seed_path(prefix: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap()
        .path()
}

#[test]
fn audit_reports_seed_000_t3_01_break_and_seed_003_missing_table_4_cells() {
    // Arrange / Act
    let judged = audit_all(&[seed_path("000_"), seed_path("003_")]);
    let (e000, e003) = (&judged[0], &judged[1]);

    // Assert: the printed values are kept, so the rules see what was published.
    assert!(
        e000.findings.iter().any(|f| f.rule == "T3-01"),
        "{:#?}",
        e000.findings
    );
    let blank_t4 = |f: &Finding| {
        f.location.starts_with("table4.litigation_after_review") || f.location == "table4"
    };
    assert!(
        e003.findings
            .iter()
            .any(|f| f.rule == "S-03" && blank_t4(f)),
        "{:#?}",
        e003.findings
    );
    assert!(
        e003.findings
            .iter()
            .any(|f| f.rule == "P-MISSING" && f.location == "table4")
    );
}

#[test]
fn a_large_cluster_of_copies_lists_the_closest_three_and_counts_the_rest() {
    // Arrange: the same narrative published by twelve different 街道 offices.
    let dir = tempfile::tempdir().unwrap();
    let text = seed_004();
    for i in 0..12 {
        let copy = text.replacen("袁州区2020年", &format!("某某区第{i}街道2020年"), 1);
        std::fs::write(dir.path().join(format!("{i:02}.txt")), copy).unwrap();
    }

    // Act
    let entries = audit_all(&[dir.path().to_owned()]);

    // Assert: per report and section, three named matches and one count of the other eight.
    for e in &entries {
        let sim: Vec<_> = e
            .findings
            .iter()
            .filter(|f| f.rule == "SIM-01" && f.location == "sections.overview")
            .collect();
        assert_eq!(sim.len(), 4, "{}: {sim:#?}", e.path.display());
        assert!(
            sim[3].message.contains("至少另有 8 份"),
            "{}",
            sim[3].message
        );
    }
}
