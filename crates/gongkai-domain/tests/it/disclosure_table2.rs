//! Table 二's 第二十条第（一）项 block counted from the registry: a fixture of 20 documents over
//! 2019–2023 counted by hand below, the report built from it passing every rule, Y-02 holding
//! across consecutive years, and the rows that live in other systems kept as entered or blank.
//!
//! The fixture (R 规章, N 行政规范性文件, — no marker; dates 成文 / 发布):
//!
//! | #  | kind | 成文       | 发布       | afterwards                                   |
//! |----|------|------------|------------|----------------------------------------------|
//! | 1  | R    | 2019-06-10 | 2019-06-20 | 有效                                          |
//! | 2  | R    | 2020-03-02 | 2020-03-10 | 废止 2022-07-01                               |
//! | 3  | N    | 2020-05-06 | 2020-05-15 | 失效 2021-05-06 (有效期一年)                   |
//! | 4  | N    | 2020-11-20 | 2020-12-01 | 有效                                          |
//! | 5  | N    | 2020-12-28 | 2021-01-05 | 有效 (成文 2020, published 2021)               |
//! | 6  | R    | 2021-02-01 | 2021-02-08 | 有效                                          |
//! | 7  | N    | 2021-03-15 | 2021-03-20 | 废止 2023-01-01, replaced by #15              |
//! | 8  | N    | 2021-06-30 | 2021-07-05 | 废止 2021-12-31                               |
//! | 9  | N    | 2021-09-01 | 2021-09-03 | 撤回 (not counted)                            |
//! | 10 | —    | 2021-04-01 | 2021-04-02 | no marker (not counted)                       |
//! | 11 | N    | 2021-12-30 | —          | still a draft (not counted)                   |
//! | 12 | R    | 2022-01-10 | 2022-01-20 | 有效                                          |
//! | 13 | N    | 2022-04-01 | 2022-04-08 | 更正 2022-05-03 (version 2; counted once)     |
//! | 14 | N    | 2022-08-01 | 2022-08-05 | 失效 2022-12-31                               |
//! | 15 | N    | 2022-12-20 | 2022-12-26 | 有效                                          |
//! | 16 | N    | 2022-10-10 | —          | filed 不予公开 (not counted)                  |
//! | 17 | R    | 2023-02-01 | 2023-02-10 | 有效                                          |
//! | 18 | N    | 2023-05-05 | 2023-05-10 | 废止 2024-03-01 (decided, not yet in effect)  |
//! | 19 | N    | 2023-07-01 | 2023-07-03 | 有效                                          |
//! | 20 | —    | 2023-09-01 | 2023-09-02 | no marker (not counted)                       |

use chrono::{Duration, NaiveDate};
use gongkai_domain::account::Role;
use gongkai_domain::disclosure::{
    Command, Document, IndexNo, Marker, Openness, Validity, WithholdGround, count_marker,
    tally_table2,
};
use gongkai_domain::report::compute::{ReportInput, compute};
use gongkai_domain::report::table2::{Col, Item};
use gongkai_domain::report::{AnnualReport, Cell, Format, Section, Table2, rules};

use proptest::prelude::*;

use crate::disclosure_workflow::{content, d, draft, open_correction, publish, review, step};

/// What happens to a fixture document after it is written.
enum Then {
    Stays,
    Ends(Validity),
    Withdrawn,
    Corrected(&'static str),
    Draft,
    Filed,
}

fn doc(n: u32, marker: Option<Marker>, written: &str, published: &str, then: Then) -> Document {
    let w = d(written);
    let mut c = content(&format!("文件{n}"), w);
    c.marker = marker;
    let index = format!("737407952/{}-{n:05}", &written[..4]);
    let doc = draft(&index, c);
    let doc = match then {
        Then::Draft => return doc,
        Then::Filed => {
            let doc = step(&doc, w, Role::Clerk, Command::Submit);
            let secret = Openness::Withheld(WithholdGround::StateSecret);
            let doc = step(&doc, w, Role::Reviewer, review(secret));
            return step(&doc, w, Role::Head, crate::disclosure_workflow::approve());
        }
        _ => publish(&doc, d(published)),
    };
    let next = d(published) + Duration::days(1);
    match then {
        Then::Ends(validity) => step(&doc, next, Role::Clerk, Command::SetValidity { validity }),
        Then::Withdrawn => step(
            &doc,
            next,
            Role::Head,
            Command::Withdraw {
                reason: "误发".into(),
            },
        ),
        Then::Corrected(on) => {
            let open = open_correction("文字错误", "更正第二条的文字");
            publish(&step(&doc, d(on), Role::Clerk, open), d(on))
        }
        _ => doc,
    }
}

fn repealed(on: &str, replaced_by: Option<&str>) -> Then {
    Then::Ends(Validity::Repealed {
        on: d(on),
        replaced_by: replaced_by.map(|i| IndexNo::parse(i).expect("a valid 索引号")),
    })
}

fn expired(on: &str) -> Then {
    Then::Ends(Validity::Expired { on: d(on) })
}

fn fixture() -> Vec<Document> {
    use Marker::{NormativeDocument as N, Regulation as R};
    vec![
        doc(1, Some(R), "2019-06-10", "2019-06-20", Then::Stays),
        doc(
            2,
            Some(R),
            "2020-03-02",
            "2020-03-10",
            repealed("2022-07-01", None),
        ),
        doc(
            3,
            Some(N),
            "2020-05-06",
            "2020-05-15",
            expired("2021-05-06"),
        ),
        doc(4, Some(N), "2020-11-20", "2020-12-01", Then::Stays),
        doc(5, Some(N), "2020-12-28", "2021-01-05", Then::Stays),
        doc(6, Some(R), "2021-02-01", "2021-02-08", Then::Stays),
        doc(
            7,
            Some(N),
            "2021-03-15",
            "2021-03-20",
            repealed("2023-01-01", Some("737407952/2022-00015")),
        ),
        doc(
            8,
            Some(N),
            "2021-06-30",
            "2021-07-05",
            repealed("2021-12-31", None),
        ),
        doc(9, Some(N), "2021-09-01", "2021-09-03", Then::Withdrawn),
        doc(10, None, "2021-04-01", "2021-04-02", Then::Stays),
        doc(11, Some(N), "2021-12-30", "", Then::Draft),
        doc(12, Some(R), "2022-01-10", "2022-01-20", Then::Stays),
        doc(
            13,
            Some(N),
            "2022-04-01",
            "2022-04-08",
            Then::Corrected("2022-05-03"),
        ),
        doc(
            14,
            Some(N),
            "2022-08-01",
            "2022-08-05",
            expired("2022-12-31"),
        ),
        doc(15, Some(N), "2022-12-20", "2022-12-26", Then::Stays),
        doc(16, Some(N), "2022-10-10", "", Then::Filed),
        doc(17, Some(R), "2023-02-01", "2023-02-10", Then::Stays),
        doc(
            18,
            Some(N),
            "2023-05-05",
            "2023-05-10",
            repealed("2024-03-01", None),
        ),
        doc(19, Some(N), "2023-07-01", "2023-07-03", Then::Stays),
        doc(20, None, "2023-09-01", "2023-09-02", Then::Stays),
    ]
}

/// (制发, 废止, 现行有效) of the 2021 format.
fn counts_2021(docs: &[Document], year: i32, marker: Marker) -> (i64, i64, i64) {
    let c = count_marker(docs, year, marker);
    (c.issued, c.abolished, c.in_force)
}

#[test]
fn the_2021_format_counts_match_the_hand_count() {
    let docs = fixture();
    // 2021 — R: 制发 #6; 废止 none; 现行有效 #1 #2 #6.
    //        N: 制发 #7 #8 (#9 withdrawn, #11 a draft); 废止 #3 (失效) #8; 现行有效 #4 #5 #7.
    assert_eq!(counts_2021(&docs, 2021, Marker::Regulation), (1, 0, 3));
    assert_eq!(
        counts_2021(&docs, 2021, Marker::NormativeDocument),
        (2, 2, 3)
    );
    // 2022 — R: 制发 #12; 废止 #2; 现行有效 #1 #6 #12.
    //        N: 制发 #13 #14 #15 (#16 filed); 废止 #14; 现行有效 #4 #5 #7 #13 #15.
    assert_eq!(counts_2021(&docs, 2022, Marker::Regulation), (1, 1, 3));
    assert_eq!(
        counts_2021(&docs, 2022, Marker::NormativeDocument),
        (3, 1, 5)
    );
    // 2023 — R: 制发 #17; 废止 none; 现行有效 #1 #6 #12 #17.
    //        N: 制发 #18 #19; 废止 #7; 现行有效 #4 #5 #13 #15 #18 #19.
    assert_eq!(counts_2021(&docs, 2023, Marker::Regulation), (1, 0, 4));
    assert_eq!(
        counts_2021(&docs, 2023, Marker::NormativeDocument),
        (2, 1, 6)
    );
}

#[test]
fn the_2019_format_counts_match_the_hand_count() {
    let docs = fixture();
    // 2020 — R: 新制作 #2; 新公开 #2; 对外公开总数 (published by 31 Dec, in force) #1 #2.
    //        N: 新制作 #3 #4 #5; 新公开 #3 #4 (#5 in 2021); 对外公开总数 #3 #4.
    let t = tally_table2(&docs, 2020, Format::F2019, &Table2::new());
    let row = |item: Item| {
        [Col::NewMade, Col::NewPublished, Col::TotalPublished].map(|c| t[&item][&c].integer())
    };
    assert_eq!(row(Item::Regulations), [Some(1), Some(1), Some(2)]);
    assert_eq!(row(Item::NormativeDocuments), [Some(3), Some(2), Some(2)]);
}

/// The other rows, as the systems that own them report them.
fn entered() -> Table2 {
    let mut t = Table2::new();
    let mut put = |item, col, cell: Cell| {
        t.entry(item).or_default().insert(col, cell);
    };
    for item in [
        Item::Licensing,
        Item::OtherServices,
        Item::Penalty,
        Item::Coercion,
    ] {
        put(item, Col::Decisions, Cell::count(4));
        put(item, Col::PriorItems, Cell::count(10));
        put(item, Col::Change, Cell::count(0));
    }
    put(Item::Fees, Col::PriorItems, Cell::count(3));
    put(Item::Fees, Col::Change, Cell::count(0));
    put(
        Item::Fees,
        Col::AmountWan,
        Cell::Number(rust_decimal::Decimal::new(15, 1)),
    );
    put(Item::Procurement, Col::Projects, Cell::count(2));
    put(Item::Procurement, Col::AmountWan, Cell::count(56));
    t
}

fn report(docs: &[Document], year: i32) -> AnnualReport {
    let format = Format::for_year(year);
    let mut sections = std::collections::BTreeMap::new();
    sections.insert(
        Section::Problems,
        "政策解读的形式还不够丰富，部分文件发布不够及时；下一步将完善发布前的审查流程，压实责任。"
            .to_owned(),
    );
    let input = ReportInput {
        format,
        year: Some(year),
        agency: Some("袁州区人民政府办公室".into()),
        table2: tally_table2(docs, year, format, &entered()),
        sections,
        ..Default::default()
    };
    compute(&input).expect("the input is valid")
}

#[test]
fn reports_built_from_the_registry_pass_every_rule_and_y02_across_years() {
    // Arrange
    let docs = fixture();
    // Act
    let reports: Vec<AnnualReport> = (2020..=2023).map(|y| report(&docs, y)).collect();
    // Assert
    for r in &reports {
        let findings = rules::check(r);
        assert!(findings.is_empty(), "{:?}: {findings:#?}", r.year);
    }
    for pair in reports.windows(2) {
        let findings = rules::check_years(&pair[0], &pair[1]);
        assert!(findings.is_empty(), "{:?}: {findings:#?}", pair[1].year);
    }
    assert_eq!(
        reports[1].t2(Item::NormativeDocuments, Col::InForce),
        &Cell::count(3)
    );
}

#[test]
fn rows_not_entered_stay_blank_and_are_reported_not_zeroed() {
    let docs = fixture();
    let t = tally_table2(&docs, 2022, Format::F2021, &Table2::new());
    assert_eq!(t[&Item::Licensing][&Col::Decisions], Cell::Blank);
    assert_eq!(t[&Item::Fees][&Col::AmountWan], Cell::Blank);
    assert_eq!(t[&Item::Regulations][&Col::Issued], Cell::count(1));
    let mut r = report(&docs, 2022);
    r.table2 = t;
    let s03: Vec<_> = rules::check(&r)
        .into_iter()
        .filter(|f| f.rule == "S-03")
        .collect();
    let at: Vec<&str> = s03.iter().map(|f| f.location.as_str()).collect();
    assert_eq!(
        at,
        [
            "table2.licensing.decisions",
            "table2.penalty.decisions",
            "table2.coercion.decisions",
            "table2.fees.amount_wan"
        ]
    );
}

/// A random registry entry: marker, 成文 (days after 2019-01-01), days to publication, and
/// whether and how many days after 成文 it ends (失效 or 废止).
fn entry() -> impl Strategy<Value = (bool, u16, u16, Option<(u16, bool)>)> {
    let ends = prop::option::of((0u16..2500, any::<bool>()));
    (any::<bool>(), 0u16..2000, 0u16..40, ends)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn y02_holds_between_any_two_consecutive_years_of_one_registry(
        entries in prop::collection::vec(entry(), 0..25)
    ) {
        let start = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a date");
        let docs: Vec<Document> = entries.iter().enumerate().map(|(i, (reg, w, p, ends))| {
            let written = start + Duration::days(i64::from(*w));
            let marker = if *reg { Marker::Regulation } else { Marker::NormativeDocument };
            let then = match ends {
                None => Then::Stays,
                Some((after, true)) => Then::Ends(Validity::Expired { on: written + Duration::days(i64::from(*after)) }),
                Some((after, false)) => Then::Ends(Validity::Repealed { on: written + Duration::days(i64::from(*after)), replaced_by: None }),
            };
            let published = (written + Duration::days(i64::from(*p))).to_string();
            doc(i as u32 + 1, Some(marker), &written.to_string(), &published, then)
        }).collect();
        let reports: Vec<AnnualReport> = (2021..=2025).map(|y| report(&docs, y)).collect();
        for r in &reports {
            let findings = rules::check(r);
            prop_assert!(findings.is_empty(), "{:?}", findings);
        }
        for pair in reports.windows(2) {
            let findings = rules::check_years(&pair[0], &pair[1]);
            prop_assert!(findings.is_empty(), "{:?}", findings);
        }
    }
}
