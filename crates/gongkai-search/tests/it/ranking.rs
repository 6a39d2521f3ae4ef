//! The order of results: where a word occurs matters more than how often.

use crate::fixture::{body_doc, doc, ids, index_of, page};
use gongkai_search::{SearchDocument, SearchRequest, Sort};

#[test]
fn a_title_hit_ranks_above_body_hits() {
    // Arrange: the body mentions the word three times; the other document has it once, in its
    // title. Both bodies are of similar length.
    let index = index_of(&[
        body_doc(1, "本年度预算执行良好，预算调整依法报批，预算公开及时。"),
        SearchDocument {
            body: "本年度各项工作执行良好，依法报批，公开及时。".into(),
            ..doc(2, "部门预算")
        },
    ]);

    // Act
    let found = ids(&index, "预算");

    // Assert
    assert_eq!(found, [2, 1]);
}

#[test]
fn a_doc_no_hit_ranks_above_a_body_hit() {
    let index = index_of(&[
        body_doc(1, "依据财预〔2024〕5号文件办理。"),
        SearchDocument {
            doc_no: "财预〔2024〕5号".into(),
            ..body_doc(2, "依据有关文件办理。")
        },
    ]);

    assert_eq!(ids(&index, "财预〔2024〕5号"), [2, 1]);
}

#[test]
fn a_real_word_ranks_above_the_same_characters_straddling_two_words() {
    // 「办公开会」 is 办公 + 开会: it contains 「公开」 as a substring only.
    let index = index_of(&[
        body_doc(1, "各科室在会议室办公开会，讨论工作安排。"),
        body_doc(2, "各科室在会议室依法公开，讨论工作安排。"),
    ]);

    assert_eq!(ids(&index, "公开"), [2, 1]);
}

#[test]
fn newest_first_orders_by_publication_date() {
    let dated = |id: i64, day: &str| SearchDocument {
        published_on: day.parse().unwrap(),
        ..doc(id, "部门预算")
    };
    let index = index_of(&[
        dated(1, "2023-01-05"),
        dated(2, "2024-11-30"),
        dated(3, "2024-02-01"),
    ]);

    let req = SearchRequest {
        sort: Sort::Newest,
        ..SearchRequest::new("预算")
    };
    let got: Vec<i64> = page(&index, req).hits.iter().map(|h| h.id).collect();

    assert_eq!(got, [2, 3, 1]);
}

#[test]
fn matches_holding_no_ranking_word_fill_the_page_after_those_that_do() {
    // Arrange: more matches than the count walks (so the best are taken from the ranking's
    // walk), all but three holding 「公开」 only across two words (办公 + 开会), which no
    // ranking term stands for.
    let mut docs: Vec<SearchDocument> = (1..=1_100)
        .map(|id| body_doc(id, "各科室在会议室办公开会，讨论工作安排。"))
        .collect();
    docs.extend((2_001..=2_003).map(|id| body_doc(id, "各科室在会议室依法公开，讨论工作安排。")));
    let index = index_of(&docs);

    // Act
    let found = page(&index, SearchRequest::new("公开").with_page(1, 10));

    // Assert
    assert_eq!(found.total, 1_103);
    let got: Vec<i64> = found.hits.iter().map(|h| h.id).collect();
    let mut ranked = got[..3].to_vec();
    ranked.sort_unstable();
    assert_eq!(ranked, [2_001, 2_002, 2_003]);
    assert_eq!(got.len(), 10);
    assert!(got[3..].iter().all(|id| *id <= 1_100), "{got:?}");
    assert!(found.hits[3..].iter().all(|h| h.score == 0.0));
}
