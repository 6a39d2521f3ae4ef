//! The rule engine on real reports: seed 004 (袁州区 2020) passes, the Shanghai 2019 vector passes
//! with blanks judged `uncertain`, and seed 000's table 三 breaks T3-01 and T3-03 as printed.

use gongkai_domain::report::rules::{self, has_errors};
use gongkai_domain::report::table3::{Applicant, Row};
use gongkai_domain::report::{AnnualReport, Cell, Format, Section, Severity};
use serde_json::json;

const YUANZHOU: &str = include_str!("../../../../examples/yuanzhou-2020.json");

#[test]
fn seed_004_yuanzhou_2020_passes_every_rule() {
    // Arrange
    let report =
        AnnualReport::from_json_str(YUANZHOU).expect("the example is valid canonical JSON");

    // Act
    let findings = rules::check(&report);

    // Assert
    assert_eq!(report.format, Format::F2019);
    assert_eq!(
        report.t3(Row::NewReceived, Applicant::Total),
        &Cell::count(55)
    );
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn seed_004_round_trips_through_canonical_json() {
    let report = AnnualReport::from_json_str(YUANZHOU).unwrap();
    let again = AnnualReport::from_json(&report.to_json()).unwrap();
    assert_eq!(report, again);
}

/// REGULATION.md §2.6 test vector 1, blanks as in the source.
fn shanghai_2019() -> AnnualReport {
    let b = serde_json::Value::Null;
    let row = |v: [serde_json::Value; 7]| json!(v);
    let n = |x: i64| json!(x);
    let r = |p: i64| {
        row([
            n(p),
            b.clone(),
            b.clone(),
            b.clone(),
            b.clone(),
            b.clone(),
            b.clone(),
        ])
    };
    let value = json!({
        "schema": "gongkai.annual-report/1", "format": "2019", "year": 2019,
        "agency": "上海市人民政府办公厅",
        "table2": {
            "regulations": {"new_made": 13, "new_published": 13, "total_published": 524},
            "normative_documents": {"new_made": 60, "new_published": 60, "total_published": 368},
            "licensing": {"prior_items": 0, "change": 0, "decisions": 0},
            "other_services": {"prior_items": 0, "change": 0, "decisions": 0},
            "penalty": {"prior_items": 0, "change": 0, "decisions": 0},
            "coercion": {"prior_items": 0, "change": 0, "decisions": 0},
            "fees": {"prior_items": 0, "change": 0},
            "procurement": {"projects": 6, "amount_wan": 25.1, "amount_text": "251000元"}
        },
        "table3": {
            "new_received": row([n(821), n(35), b.clone(), b.clone(), n(2), n(1), n(859)]),
            "carried_over": row([n(18), b.clone(), b.clone(), b.clone(), b.clone(), b.clone(), n(18)]),
            "granted": row([n(258), n(12), b.clone(), b.clone(), n(1), n(1), b.clone()]),
            "partly_granted": r(3), "withheld_state_secret": r(14),
            "withheld_law_prohibited": row(std::array::from_fn(|_| b.clone())),
            "withheld_security_stability": row(std::array::from_fn(|_| b.clone())),
            "withheld_third_party": row(std::array::from_fn(|_| b.clone())),
            "withheld_internal_affairs": r(5),
            "withheld_process_info": row([n(3), n(1), b.clone(), b.clone(), b.clone(), b.clone(), b.clone()]),
            "withheld_enforcement_file": row(std::array::from_fn(|_| b.clone())),
            "withheld_inquiry_matter": row([n(10), n(2), b.clone(), b.clone(), b.clone(), b.clone(), b.clone()]),
            "unavailable_not_held": row([n(252), n(12), b.clone(), b.clone(), n(1), b.clone(), b.clone()]),
            "unavailable_needs_creation": row([n(44), n(3), b.clone(), b.clone(), b.clone(), b.clone(), b.clone()]),
            "unavailable_still_unclear": r(25),
            "declined_petition": row([n(148), n(1), b.clone(), b.clone(), b.clone(), b.clone(), b.clone()]),
            "declined_duplicate": row([n(5), n(4), b.clone(), b.clone(), b.clone(), b.clone(), b.clone()]),
            "declined_publication": row(std::array::from_fn(|_| b.clone())),
            "declined_excessive": row(std::array::from_fn(|_| b.clone())),
            "declined_confirmation": row(std::array::from_fn(|_| b.clone())),
            "other": row(std::array::from_fn(|_| b.clone())),
            "total": row([n(767), n(35), b.clone(), b.clone(), n(2), n(1), n(805)]),
            "carried_forward": row([n(72), b.clone(), b.clone(), b.clone(), b.clone(), b.clone(), n(72)])
        },
        "table4": {
            "admin_review": [5, null, null, 2, 7],
            "litigation_direct": [8, null, null, 1, 9],
            "litigation_after_review": [null, null, null, null, null]
        },
        "sections": {"other": "无。"}
    });
    AnnualReport::from_json(&value).expect("the vector is valid canonical JSON")
}

#[test]
fn shanghai_2019_vector_passes_with_blanks_uncertain_not_errors() {
    // Arrange
    let report = shanghai_2019();

    // Act
    let findings = rules::check(&report);

    // Assert
    assert!(
        !has_errors(&findings),
        "{:#?}",
        findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect::<Vec<_>>()
    );
    let t3_01_total = findings
        .iter()
        .find(|f| f.rule == "T3-01" && f.location == "table3.total[6]");
    assert!(
        t3_01_total.is_none(),
        "859+18 = 805+72 holds with numbers only: {t3_01_total:?}"
    );
    let research = findings
        .iter()
        .find(|f| f.rule == "T3-01" && f.location == "table3.total[2]")
        .unwrap();
    assert_eq!(research.severity, Severity::Uncertain);
    assert!(
        research.message.contains("若按0计") && research.message.contains("成立"),
        "{}",
        research.message
    );
    let t3_03_total = findings
        .iter()
        .find(|f| f.rule == "T3-03" && f.location == "table3.total[6]")
        .unwrap();
    assert_eq!(t3_03_total.severity, Severity::Uncertain);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "S-03" && f.severity == Severity::Warning)
    );
    let t4 = findings
        .iter()
        .find(|f| f.rule == "T4-01" && f.location == "table4.admin_review[4]")
        .unwrap();
    assert_eq!(
        t4.severity,
        Severity::Uncertain,
        "5+空白+空白+2 vs 7 is uncertain, not passed silently"
    );
}

/// Seed 000 (剑南街道 2020) table 三, transcribed as printed: one application received, all
/// result rows 0 except （一）予以公开 = 1, （七）总计 0, nothing carried forward.
fn seed_000_table3() -> AnnualReport {
    let mut report = AnnualReport::new(Format::F2019);
    report.year = Some(2020);
    report.agency = Some("剑南街道".into());
    let zeros = || std::array::from_fn(|_| Cell::count(0));
    for row in Row::of(Format::F2019) {
        report.table3.insert(row, zeros());
    }
    let one = [1, 0, 0, 0, 0, 0, 1].map(Cell::count);
    report.table3.insert(Row::NewReceived, one.clone());
    report.table3.insert(Row::Granted, one);
    report
}

#[test]
fn seed_000_table3_fails_t3_01_and_t3_03_naming_column_and_sums() {
    // Arrange
    let report = seed_000_table3();

    // Act
    let findings = rules::check(&report);

    // Assert
    let t3_01: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "T3-01" && f.severity == Severity::Error)
        .collect();
    let t3_03: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "T3-03" && f.severity == Severity::Error)
        .collect();
    assert_eq!(t3_01.len(), 2, "自然人 and 总计 columns: {t3_01:#?}");
    assert_eq!(t3_03.len(), 2, "{t3_03:#?}");
    let m = &t3_01[0].message;
    assert_eq!(t3_01[0].location, "table3.total[0]");
    assert!(
        m.contains("第一列（自然人）") && m.contains("=1") && m.contains("=0"),
        "{m}"
    );
    let m = &t3_03[1].message;
    assert_eq!(t3_03[1].location, "table3.total[6]");
    assert!(
        m.contains("第七列（总计）")
            && m.contains("（七）总计=0")
            && m.contains("各项办理结果之和=1"),
        "{m}"
    );
}

#[test]
fn format_must_match_the_year() {
    let mut report = AnnualReport::from_json_str(YUANZHOU).unwrap();
    report.year = Some(2021);
    let findings = rules::check(&report);
    let s02 = findings.iter().find(|f| f.rule == "S-02").unwrap();
    assert!(
        s02.message.contains("国办公开办函〔2021〕30号"),
        "{}",
        s02.message
    );
}

#[test]
fn narrative_numbers_are_checked_against_the_tables() {
    let mut report = AnnualReport::from_json_str(YUANZHOU).unwrap();
    report.table3.get_mut(&Row::NewReceived).unwrap()[6] = Cell::count(54);
    let findings = rules::check(&report);
    let x01 = findings.iter().find(|f| f.rule == "X-01").unwrap();
    assert_eq!(x01.location, "sections.overview");
    assert!(
        x01.message.contains("55") && x01.message.contains("54"),
        "{}",
        x01.message
    );
}

#[test]
fn short_problems_section_and_missing_fee_statement_warn() {
    let mut report = AnnualReport::from_json_str(YUANZHOU).unwrap();
    report.sections.insert(Section::Problems, "无。".into());
    let findings = rules::check(&report);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "X-03" && f.severity == Severity::Warning)
    );
    assert!(
        !findings.iter().any(|f| f.rule == "X-02"),
        "2019 format has no fee statement duty"
    );
}

#[test]
fn missing_rows_and_tables_are_reported() {
    let mut report = AnnualReport::from_json_str(YUANZHOU).unwrap();
    report.table3.remove(&Row::DeclinedDuplicate);
    report.table4.clear();
    let findings = rules::check(&report);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "S-01" && f.location == "table3.declined_duplicate")
    );
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "S-01" && f.location == "table4")
    );
    let dup = findings
        .iter()
        .find(|f| f.rule == "T3-03" && f.location == "table3.total[0]")
        .unwrap();
    assert_eq!(
        dup.severity,
        Severity::Uncertain,
        "a missing row is blank, not zero"
    );
}
