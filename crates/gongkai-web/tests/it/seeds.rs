//! The seeds as an acceptance test: applications, proceedings and documents generated
//! to match a published report, then the platform's own compile of that agency-year. 袁州区 2020
//! (seed 004) comes back table for table and renders to PDF; 剑南街道 2020 (seed 000), whose
//! printed table 三 breaks T3-01, comes back from cases that match its narrative with every rule
//! passing — the point of the product.

mod generate;

use crate::helpers::{TestApp, on_both_backends};
use generate::{Arrival, End, Planned};
use gongkai_domain::annual::Inputs;
use gongkai_domain::application::ApplicantType;
use gongkai_domain::report::table2::Item;
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::Group;
use gongkai_domain::report::{AnnualReport, Cell, Finding, Format, Severity, rules};
use gongkai_export::Target;
use gongkai_storage::{Agency, Scope};
use gongkai_web::AppState;
use gongkai_web::reports::compile::{Compiled, compile};
use std::path::{Path, PathBuf};

const YEAR: i32 = 2020;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed file whose name starts with `prefix`, in `../shared/seeds`.
fn seed(prefix: &str) -> PathBuf {
    let dir = repo().join("../shared/seeds");
    let name = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap();
    dir.join(name)
}

/// Agency A, named as the seed names its agency (the report's title).
async fn agency(app: &TestApp, seed: &AnnualReport) -> Agency {
    let id = app.ids["A"];
    let mut a = app.db.store.agency(Scope::agency(id), id).await.unwrap();
    a.name.clone_from(seed.agency.as_ref().unwrap());
    a
}

/// Compiles agency A's `YEAR` with the seed's entered table-二 rows and narrative.
async fn compile_as(app: &TestApp, agency: &Agency, seed: &AnnualReport) -> Compiled {
    let inputs = Inputs {
        entries: generate::entries(seed),
        sections: generate::sections(seed),
        ..Inputs::default()
    };
    let state = AppState::new(app.db.store.clone(), TestApp::config());
    compile(&state, agency, YEAR, &inputs).await.unwrap()
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// Asserts every table-三 row of the format but `except` is the same in both reports.
fn assert_table3_rows_equal(compiled: &AnnualReport, seed: &AnnualReport, except: Option<Row>) {
    for row in Row::of(Format::F2019).filter(|r| Some(*r) != except) {
        let want = seed.table3.get(&row).unwrap();
        assert_eq!(compiled.table3.get(&row), Some(want), "table 三 {row:?}");
    }
}

async fn yuanzhou_2020_compiles_back_to_its_published_tables(app: TestApp) {
    // Arrange: the published report, its own identities checked first.
    let path = repo().join("examples/yuanzhou-2020.json");
    let seed = AnnualReport::from_json_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!((seed.format, seed.year), (Format::F2019, Some(YEAR)));
    assert!(errors(&rules::check(&seed)).is_empty(), "the seed adds up");
    let agency = agency(&app, &seed).await;
    let plan = generate::plan_table3(&seed);
    assert_eq!(
        plan.len(),
        55,
        "55 applications, all received and answered in 2020"
    );
    let ids = generate::cases(&app, &agency, YEAR, &plan).await;
    generate::proceedings(&app, &agency, YEAR, &seed.table4, ids.first().copied()).await;
    generate::documents(&app, &agency, YEAR, &seed.table2).await;

    // Act
    let compiled = compile_as(&app, &agency, &seed).await;

    // Assert: tables 三 and 四 cell by cell, table 二's registry rows and entered rows.
    let report = &compiled.report;
    assert_table3_rows_equal(report, &seed, None);
    assert_eq!(report.table4, seed.table4, "table 四");
    for item in [Item::Regulations, Item::NormativeDocuments] {
        assert_eq!(report.table2.get(&item), seed.table2.get(&item), "{item:?}");
    }
    assert_eq!(
        report.table2, seed.table2,
        "table 二, entered rows included"
    );
    assert_eq!(compiled.errors(), 0, "{:#?}", report.diagnostics);
    let pdf = gongkai_export::render(report, Target::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    // In the official layout: the importer, which reads published reports, reads it back.
    let read = gongkai_import::parse_bytes(&pdf).unwrap();
    let title = (read.agency.as_deref(), read.year, read.format);
    assert_eq!(title, (Some("袁州区"), Some(YEAR), Format::F2019));
    assert_eq!(read.table3, report.table3, "table 三 as printed");
    assert_eq!(read.table4, report.table4, "table 四 as printed");
    assert_eq!(read.table2, report.table2, "table 二 as printed");
}

async fn jiannan_2020_compiled_from_cases_matching_its_narrative_passes_every_rule(app: TestApp) {
    // Arrange: the published text breaks T3-01 — one application in, none out.
    let published = gongkai_import::parse_file(&seed("000_")).unwrap();
    assert_eq!(published.year, Some(YEAR));
    let broken = rules::check(&published);
    assert!(
        errors(&broken).iter().any(|f| f.rule == "T3-01"),
        "{broken:#?}"
    );
    // Its narrative: “受理过依申请公开政府信息1条”, from a citizen (一's 自然人 column), and
    // “没有不予公开的政府信息”: granted (（一）予以公开), nothing carried either way.
    let plan = [Planned {
        applicant: ApplicantType::NaturalPerson,
        arrival: Arrival::New,
        end: End::Result(Row::Granted),
    }];
    let agency = agency(&app, &published).await;
    generate::cases(&app, &agency, YEAR, &plan).await;

    // Act
    let compiled = compile_as(&app, &agency, &published).await;

    // Assert: no error anywhere — entries, the compile's findings, the rules run again.
    let report = &compiled.report;
    assert_eq!(compiled.errors(), 0, "{:#?}", compiled.entry_errors);
    assert!(errors(&report.diagnostics).is_empty(), "{report:#?}");
    assert!(errors(&rules::check(report)).is_empty());
    // The published table, but for the （七）总计 it forgot: 1 in 自然人 and 总计.
    assert_table3_rows_equal(report, &published, Some(Row::Total));
    let total = &report.table3[&Row::Total];
    let want: Vec<Cell> = [1, 0, 0, 0, 0, 0, 1].map(Cell::count).to_vec();
    assert_eq!(total.to_vec(), want);
    assert_eq!(report.table4, published.table4);
    assert_eq!(report.table2, published.table2);
}

/// A 2020 table 三 with one case in every result row (spread over the applicant columns), two
/// carried over from 2019 (one of them still open) and two new ones carried into 2021; a table
/// 四 with one proceeding in every column of every group. The seeds have no carried cases and
/// no pending proceedings: this covers what they leave out.
fn every_cell() -> AnnualReport {
    let mut counts = [[0_i64; 7]; 26];
    let mut add = |row: Row, col: usize, n: i64| {
        counts[row as usize][col] += n;
        counts[row as usize][6] += n;
    };
    for (i, row) in Row::results(Format::F2019).enumerate() {
        add(row, i % 6, 1);
        add(Row::Total, i % 6, 1);
        add(Row::NewReceived, i % 6, 1);
    }
    add(Row::CarriedOver, 0, 2);
    add(Row::NewReceived, 0, -1);
    add(Row::CarriedForward, 0, 1);
    add(Row::NewReceived, 1, 2);
    add(Row::CarriedForward, 1, 2);
    let mut report = AnnualReport {
        format: Format::F2019,
        year: Some(YEAR),
        agency: Some("某某区".into()),
        ..AnnualReport::default()
    };
    for row in Row::of(Format::F2019) {
        report
            .table3
            .insert(row, counts[row as usize].map(Cell::count));
    }
    for group in Group::ALL {
        report
            .table4
            .insert(group, [1, 1, 1, 1, 4].map(Cell::count));
    }
    report
}

async fn carried_cases_every_result_row_and_pending_proceedings_compile_back(app: TestApp) {
    // Arrange
    let table = every_cell();
    let findings = rules::check(&table);
    let tables = findings.iter().filter(|f| f.rule.starts_with('T'));
    assert_eq!(tables.count(), 0, "the tables add up: {findings:#?}");
    let agency = agency(&app, &table).await;
    let ids = generate::cases(&app, &agency, YEAR, &generate::plan_table3(&table)).await;
    generate::proceedings(&app, &agency, YEAR, &table.table4, ids.first().copied()).await;

    // Act
    let compiled = compile_as(&app, &agency, &table).await;

    // Assert
    assert_table3_rows_equal(&compiled.report, &table, None);
    assert_eq!(compiled.report.table4, table.table4);
}

on_both_backends!(
    yuanzhou_2020_compiles_back_to_its_published_tables,
    jiannan_2020_compiled_from_cases_matching_its_narrative_passes_every_rule,
    carried_cases_every_result_row_and_pending_proceedings_compile_back,
);
