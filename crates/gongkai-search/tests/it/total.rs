//! The total: exact up to the pageable depth, “at least” beyond it.

use crate::fixture::{body_doc, doc, index_of, page};
use gongkai_search::{COUNT_LIMIT, MAX_DEPTH, SearchDocument, SearchIndex, SearchRequest, Sort};

/// `n` documents holding 「财政监管」 (a phrase of three bigrams) and, in the first `budget` of
/// them, 「预算执行」 too.
fn corpus(n: i64, budget: i64) -> SearchIndex {
    let docs: Vec<SearchDocument> = (1..=n)
        .map(|i| {
            let extra = if i <= budget { "预算执行" } else { "" };
            body_doc(i, &format!("第{i}号：加强财政监管。{extra}"))
        })
        .collect();
    index_of(&docs)
}

#[test]
fn the_count_stops_at_the_pageable_depth() {
    assert_eq!(COUNT_LIMIT, MAX_DEPTH);
    assert_eq!(MAX_DEPTH, 1_000);
}

#[test]
fn a_total_above_the_limit_is_reported_as_at_least_the_limit() {
    let index = corpus(1_200, 0);

    let found = page(&index, SearchRequest::new("财政监管"));
    let ids = index.search_ids(&SearchRequest::new("财政监管")).unwrap();

    assert_eq!((found.total, found.total_exact), (COUNT_LIMIT, false));
    assert_eq!((ids.total, ids.total_exact), (COUNT_LIMIT, false));
    assert_eq!(found.pages(), 100);
    assert_eq!(found.hits.len(), 10);
    assert_eq!(
        index.count_exact(&SearchRequest::new("财政监管")).unwrap(),
        1_200
    );
}

#[test]
fn a_total_below_the_limit_is_exact() {
    let index = corpus(1_200, 300);

    let both = page(&index, SearchRequest::new("财政监管 预算执行"));
    let exactly_the_limit = page(
        &corpus(COUNT_LIMIT as i64, 0),
        SearchRequest::new("财政监管"),
    );

    assert_eq!((both.total, both.total_exact), (300, true));
    assert_eq!(
        (exactly_the_limit.total, exactly_the_limit.total_exact),
        (COUNT_LIMIT, true)
    );
}

#[test]
fn a_word_that_is_one_bigram_is_counted_exactly_at_any_size() {
    let index = corpus(1_200, 0);

    let found = page(&index, SearchRequest::new("监管"));

    assert_eq!((found.total, found.total_exact), (1_200, true));
    assert_eq!(found.pages(), 100, "paging still stops at the depth");
}

#[test]
fn deleted_documents_are_left_out_of_the_count() {
    let index = corpus(1_003, 0);
    for id in 1..=3 {
        index.delete(id).unwrap();
    }
    index.commit().unwrap();

    let phrase = page(&index, SearchRequest::new("财政监管"));
    let bigram = page(&index, SearchRequest::new("监管"));

    assert_eq!((phrase.total, phrase.total_exact), (COUNT_LIMIT, true));
    assert_eq!((bigram.total, bigram.total_exact), (COUNT_LIMIT, true));
}

#[test]
fn sorting_by_date_counts_every_match_exactly() {
    let index = corpus(1_200, 0);
    let newest = SearchRequest {
        sort: Sort::Newest,
        ..SearchRequest::new("财政监管")
    };

    let found = page(&index, newest);

    assert_eq!((found.total, found.total_exact), (1_200, true));
}

#[test]
fn the_best_match_comes_first_whether_the_total_is_counted_out_or_not() {
    // Arrange: a title hit after many body hits, once beyond the limit and once within it.
    let body_hits = |n: i64| (1..=n).map(|i| body_doc(i, &format!("第{i}号：加强财政监管。")));
    let title_hit = || doc(5_000, "关于加强财政监管的通知");
    let many = index_of(&body_hits(1_200).chain([title_hit()]).collect::<Vec<_>>());
    let few = index_of(&body_hits(20).chain([title_hit()]).collect::<Vec<_>>());

    // Act
    let beyond = page(&many, SearchRequest::new("财政监管"));
    let within = page(&few, SearchRequest::new("财政监管"));

    // Assert
    assert!(!beyond.total_exact);
    assert_eq!(beyond.hits[0].id, 5_000);
    assert_eq!((within.total, within.total_exact), (21, true));
    assert_eq!(within.hits[0].id, 5_000);
}
