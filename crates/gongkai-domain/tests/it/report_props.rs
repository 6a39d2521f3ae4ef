//! Property tests of the rule engine over reports computed from random case data:
//! a computed report (and a computed pair of consecutive years) passes every rule, and changing
//! any one cell makes a named rule fail at that cell.

use gongkai_domain::report::compute::{AppealTally, CaseTally, ReportInput, compute};
use gongkai_domain::report::table2::{self, Col, ColKind};
use gongkai_domain::report::table3::{Applicant, Row};
use gongkai_domain::report::table4::{Group, Outcome};
use gongkai_domain::report::{AnnualReport, Cell, Finding, Format, Section, rules};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A random application: applicant column, result (None = still open on 31 December).
fn case(format: Format) -> impl Strategy<Value = (Applicant, Option<Row>)> {
    let results: Vec<Row> = Row::results(format).collect();
    (
        prop::sample::select(Applicant::PARTS.to_vec()),
        prop::option::weighted(0.85, prop::sample::select(results)),
    )
}

fn appeal() -> impl Strategy<Value = AppealTally> {
    (
        prop::sample::select(Group::ALL.to_vec()),
        prop::sample::select(Outcome::PARTS.to_vec()),
    )
        .prop_map(|(group, outcome)| AppealTally { group, outcome })
}

/// Raw material for two consecutive years of one agency.
#[derive(Debug, Clone)]
struct History {
    format: Format,
    year: i32,
    prev_cases: Vec<(Applicant, Option<Row>)>,
    /// For each of last year's open cases, this year's result.
    carried_results: Vec<Option<Row>>,
    cases: Vec<(Applicant, Option<Row>)>,
    appeals: Vec<AppealTally>,
    table2_seed: Vec<u32>,
}

fn history() -> impl Strategy<Value = History> {
    prop::sample::select(Format::ALL.to_vec()).prop_flat_map(|format| {
        let year = match format {
            Format::F2019 => 2020..2021,
            Format::F2021 => 2022..2026,
        };
        let results: Vec<Row> = Row::results(format).collect();
        (
            Just(format),
            year,
            prop::collection::vec(case(format), 0..40),
            prop::collection::vec(
                prop::option::weighted(0.7, prop::sample::select(results)),
                40,
            ),
            prop::collection::vec(case(format), 0..60),
            prop::collection::vec(appeal(), 0..15),
            prop::collection::vec(0u32..500, 40),
        )
            .prop_map(
                |(format, year, prev_cases, carried_results, cases, appeals, table2_seed)| {
                    History {
                        format,
                        year,
                        prev_cases,
                        carried_results,
                        cases,
                        appeals,
                        table2_seed,
                    }
                },
            )
    })
}

fn narrative(new_received: usize) -> std::collections::BTreeMap<Section, String> {
    [
        (
            Section::Overview,
            format!("本年度共收到政府信息公开申请{new_received}件，均已按规定办理。"),
        ),
        (
            Section::Problems,
            "一是公开内容不够全面，二是解读形式较为单一。下一步将加强培训，完善制度，提升质量。"
                .into(),
        ),
        (Section::Other, "无其他需要报告的事项。".into()),
    ]
    .into()
}

/// Table 二 for both years: last year's from the seed; this year's chained to it so Y-02/Y-03 hold.
fn table2_pair(
    format: Format,
    seed: &[u32],
) -> (
    gongkai_domain::report::Table2,
    gongkai_domain::report::Table2,
) {
    let mut n = seed.iter().map(|v| i64::from(*v)).cycle();
    let mut next = || n.next().unwrap_or(0);
    let (mut prev, mut cur) = (
        gongkai_domain::report::Table2::new(),
        gongkai_domain::report::Table2::new(),
    );
    for block in table2::blocks(format) {
        for item in block.items {
            let (p, c) = (
                prev.entry(item.item).or_default(),
                cur.entry(item.item).or_default(),
            );
            for col in block.cols {
                let value = |v: i64| match col.kind {
                    ColKind::Amount => Cell::Number(Decimal::new(v * 37, 2)),
                    ColKind::Signed => Cell::count(v - 250),
                    _ => Cell::count(v),
                };
                p.insert(col.col, value(next()));
                c.insert(col.col, value(next()));
            }
            // Chain the year-over-year identities (Y-02, Y-03).
            let get = |m: &std::collections::BTreeMap<Col, Cell>, col| {
                m.get(&col).and_then(Cell::integer).unwrap_or(0)
            };
            if format == Format::F2021 && c.contains_key(&Col::InForce) {
                let p_in = get(p, Col::InForce) + 1000;
                p.insert(Col::InForce, Cell::count(p_in));
                let abolished = get(c, Col::Abolished).min(p_in + get(c, Col::Issued));
                c.insert(Col::Abolished, Cell::count(abolished));
                c.insert(
                    Col::InForce,
                    Cell::count(p_in + get(c, Col::Issued) - abolished),
                );
            }
            if format == Format::F2019 && c.contains_key(&Col::PriorItems) {
                let prior = get(p, Col::PriorItems) + 250;
                p.insert(Col::PriorItems, Cell::count(prior));
                c.insert(Col::PriorItems, Cell::count(prior + get(p, Col::Change)));
            }
        }
    }
    (prev, cur)
}

/// Computes last year's and this year's reports from the history.
fn reports(h: &History) -> (AnnualReport, AnnualReport) {
    let (t2_prev, t2_cur) = table2_pair(h.format, &h.table2_seed);
    let tally = |(applicant, result): &(Applicant, Option<Row>), carried_over| CaseTally {
        applicant: *applicant,
        carried_over,
        result: *result,
    };
    let prev_cases: Vec<CaseTally> = h.prev_cases.iter().map(|c| tally(c, false)).collect();
    let open: Vec<Applicant> = prev_cases
        .iter()
        .filter(|c| c.result.is_none())
        .map(|c| c.applicant)
        .collect();
    let mut cases: Vec<CaseTally> = h.cases.iter().map(|c| tally(c, false)).collect();
    cases.extend(
        open.iter()
            .zip(&h.carried_results)
            .map(|(a, r)| tally(&(*a, *r), true)),
    );
    let input = |year, cases: Vec<CaseTally>, table2, appeals| ReportInput {
        format: h.format,
        year: Some(year),
        agency: Some("某某县人民政府办公室".into()),
        sections: narrative(cases.iter().filter(|c| !c.carried_over).count()),
        cases,
        appeals,
        table2,
        ..Default::default()
    };
    let prev_year = h.year - 1;
    let prev = compute(&input(prev_year, prev_cases, t2_prev, Vec::new())).expect("valid tallies");
    let cur = compute(&input(h.year, cases, t2_cur, h.appeals.clone())).expect("valid tallies");
    (prev, cur)
}

fn all_findings(prev: &AnnualReport, cur: &AnnualReport) -> Vec<Finding> {
    let mut f = rules::check(cur);
    f.extend(rules::check_years(prev, cur));
    f
}

/// Every standard cell of `r`'s tables with its path, and whether any valid change of it must be
/// caught (cells in a 勾稽 identity) or only invalid values (counts with no identity in the law).
fn cells(r: &AnnualReport) -> Vec<(String, ColKind, bool)> {
    let mut out = Vec::new();
    for block in table2::blocks(r.format) {
        for item in block.items {
            for col in block.cols {
                let chained = matches!(
                    (r.format, col.col),
                    (Format::F2021, Col::Issued | Col::Abolished | Col::InForce)
                        | (Format::F2019, Col::PriorItems)
                );
                out.push((
                    format!("table2.{}.{}", item.key, col.key),
                    col.kind,
                    chained,
                ));
            }
        }
    }
    for row in Row::of(r.format) {
        for c in 0..7 {
            out.push((
                format!("table3.{}[{c}]", row.def().key),
                ColKind::Count,
                true,
            ));
        }
    }
    for g in Group::ALL {
        for o in 0..5 {
            out.push((format!("table4.{}[{o}]", g.def().key), ColKind::Count, true));
        }
    }
    out
}

fn cell_mut<'a>(r: &'a mut AnnualReport, path: &str) -> &'a mut Cell {
    let (table, rest) = path.split_once('.').expect("paths have a table");
    let index = |s: &str| -> (String, usize) {
        let (key, i) = s
            .trim_end_matches(']')
            .split_once('[')
            .expect("row paths have an index");
        (key.to_owned(), i.parse().expect("index is a number"))
    };
    match table {
        "table2" => {
            let (item, col) = rest.split_once('.').expect("table2 paths have a column");
            let item = table2::Item::from_key(item).expect("known item");
            let (_, block_col) = table2::blocks(r.format)
                .iter()
                .flat_map(|b| b.cols.iter().map(move |c| (b, c)))
                .find(|(_, c)| c.key == col)
                .expect("known column");
            r.table2
                .get_mut(&item)
                .and_then(|m| m.get_mut(&block_col.col))
                .expect("cell present")
        }
        "table3" => {
            let (key, i) = index(rest);
            &mut r
                .table3
                .get_mut(&Row::from_key(&key).expect("known row"))
                .expect("row present")[i]
        }
        _ => {
            let (key, i) = index(rest);
            &mut r
                .table4
                .get_mut(&Group::from_key(&key).expect("known group"))
                .expect("group present")[i]
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_report_computed_from_case_data_passes_every_rule(h in history()) {
        let (prev, cur) = reports(&h);
        let findings = all_findings(&prev, &cur);
        prop_assert!(findings.is_empty(), "{:#?}", findings);
        prop_assert!(rules::check(&prev).is_empty(), "{:#?}", rules::check(&prev));
    }

    #[test]
    fn changing_any_cell_makes_a_named_rule_fail_at_that_cell(
        h in history(),
        pick in any::<prop::sample::Index>(),
        delta in prop_oneof![-5i64..0, 1i64..6],
        kind in 0u8..4,
    ) {
        // Arrange
        let (prev, mut cur) = reports(&h);
        let candidates = cells(&cur);
        let (path, col_kind, chained) = candidates[pick.index(candidates.len())].clone();
        let old = cell_mut(&mut cur, &path).clone();
        let old_n = old.number().unwrap_or_default();
        let new = match kind {
            0 if chained => Cell::Number(old_n + Decimal::from(delta)),
            0 | 1 => match col_kind {
                ColKind::Signed => Cell::Number(old_n + Decimal::new(5, 1)),
                _ => Cell::Number(-old_n - Decimal::from(delta.abs())),
            },
            2 => Cell::Blank,
            _ => Cell::Token("/".into()),
        };
        *cell_mut(&mut cur, &path) = new.clone();

        // Act
        let findings = all_findings(&prev, &cur);

        // Assert
        let at_cell: Vec<_> = findings.iter().filter(|f| f.touches(&path) && !f.rule.is_empty()).collect();
        prop_assert!(!at_cell.is_empty(), "{path}: {old:?} → {new:?} went unnoticed; findings: {findings:#?}");
    }
}
