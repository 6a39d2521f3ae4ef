//! 信息处理费 (国办函〔2020〕109号): both scales at their band edges, the breakdown printed on the
//! 收费通知书, and the properties of progressive (超额累进) charging.

use gongkai_domain::choice::Choice;
use gongkai_domain::fee::{
    FeeError, Fen, MAX_CASES_PER_MONTH, Method, per_case, per_case_fee, per_volume, per_volume_fee,
};
use proptest::prelude::*;

#[test]
fn two_hundred_fifty_pages_cost_four_thousand_seven_hundred_yuan() {
    // Act
    let a = per_volume(250);
    // Assert: 70×10 + 100×20 + 50×40 (REGULATION.md §4).
    assert_eq!(a.total(), Fen::yuan(4700));
    assert_eq!(
        a.lines(),
        vec![
            "按量计收（《政府信息公开信息处理费管理办法》第五条）：本申请共250页。",
            "第1至30页，30页，免费",
            "第31至100页，70页×10元=700元",
            "第101至200页，100页×20元=2000元",
            "第201至250页，50页×40元=2000元",
            "合计：4700元",
        ]
    );
}

#[test]
fn the_page_scale_at_its_band_edges() {
    for (pages, yuan) in [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
    ] {
        assert_eq!(per_volume_fee(pages), Fen::yuan(yuan), "{pages}页");
    }
}

#[test]
fn the_case_scale_counts_the_month_cumulatively() {
    for (prior, count, yuan) in [
        (0, 10, 0),
        (10, 1, 100),
        (0, 30, 2000),
        (0, 31, 2200),
        (0, 40, 4000),
        (0, 41, 4300),
        (40, 1, 300),
        (25, 10, 1500),
    ] {
        assert_eq!(
            per_case_fee(prior, count).unwrap(),
            Fen::yuan(yuan),
            "此前{prior}件，本次{count}件"
        );
    }
}

#[test]
fn the_case_breakdown_names_each_band_of_ten() {
    let a = per_case(25, 10).unwrap();
    assert_eq!(a.method, Method::PerCase);
    assert_eq!(
        a.lines(),
        vec![
            "按件计收（《政府信息公开信息处理费管理办法》第四条）：同一申请人本自然月此前已提出25件，本次10件，累计第26至35件。",
            "第26至30件，5件×100元=500元",
            "第31至35件，5件×200元=1000元",
            "合计：1500元",
        ]
    );
}

#[test]
fn an_absurd_monthly_count_is_refused() {
    let err = per_case(MAX_CASES_PER_MONTH, 1).unwrap_err();
    assert_eq!(err, FeeError::TooManyCases { total: 10_001 });
    assert!(err.to_string().contains("请核对件数"));
}

#[test]
fn methods_have_stable_ids_and_chinese_names() {
    for m in Method::all() {
        assert_eq!(Method::parse(m.id()), Some(m));
        assert_eq!(Method::parse(m.label()), Some(m));
    }
    assert_eq!(Method::parse("按件计收"), Some(Method::PerCase));
}

proptest! {
    #[test]
    fn charging_in_two_steps_costs_the_same_as_in_one(prior in 0u32..200, a in 0u32..100, b in 0u32..100) {
        let split = per_case_fee(prior, a).unwrap().0 + per_case_fee(prior + a, b).unwrap().0;
        prop_assert_eq!(Fen(split), per_case_fee(prior, a + b).unwrap());
    }

    #[test]
    fn more_pages_never_cost_less_and_the_lines_add_up(pages in 0u32..2000) {
        let a = per_volume(pages);
        prop_assert!(per_volume_fee(pages + 1) >= a.total());
        let sum: u64 = a.bands.iter().map(|b| b.amount().0).sum();
        prop_assert_eq!(Fen(sum), a.total());
        let units: u32 = a.bands.iter().map(|b| b.units()).sum();
        prop_assert_eq!(units, pages);
    }

    #[test]
    fn each_further_application_costs_at_least_the_one_before(prior in 0u32..500) {
        let this = per_case_fee(prior, 1).unwrap();
        prop_assert!(per_case_fee(prior + 1, 1).unwrap() >= this);
    }
}
