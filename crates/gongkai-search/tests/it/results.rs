//! Filters, pagination and highlighted snippets.

use crate::fixture::{body_doc, doc, index_of, page};
use gongkai_search::{Filters, SearchDocument, SearchError, SearchRequest, Validity};

fn filtered(filters: Filters) -> SearchRequest {
    SearchRequest::new("预算")
        .with_filters(filters)
        .with_page(1, 100)
}

fn found(index: &gongkai_search::SearchIndex, req: SearchRequest) -> Vec<i64> {
    let mut ids: Vec<i64> = page(index, req).hits.iter().map(|h| h.id).collect();
    ids.sort_unstable();
    ids
}

fn catalogue() -> Vec<SearchDocument> {
    let base = doc(0, "部门预算");
    vec![
        SearchDocument {
            id: 1,
            topics: vec!["02.01".into()],
            genres: vec!["05".into()],
            ..base.clone()
        },
        SearchDocument {
            id: 2,
            agency_code: "b02".into(),
            topics: vec!["02".into()],
            ..base.clone()
        },
        SearchDocument {
            id: 3,
            year: 2023,
            topics: vec!["03.02".into()],
            ..base.clone()
        },
        SearchDocument {
            id: 4,
            validity: Validity::Repealed,
            genres: vec!["05.01".into()],
            ..base.clone()
        },
        SearchDocument {
            id: 5,
            validity: Validity::Expired,
            ..doc(5, "部门决算")
        },
    ]
}

#[test]
fn filters_narrow_results_by_agency_year_category_and_validity() {
    let index = index_of(&catalogue());
    let agency = Filters {
        agency_code: Some("b02".into()),
        ..Filters::default()
    };
    let year = Filters {
        year: Some(2023),
        ..Filters::default()
    };
    let topic = Filters {
        topic: Some("02".into()),
        ..Filters::default()
    };
    let child = Filters {
        topic: Some("02.01".into()),
        ..Filters::default()
    };
    let genre = Filters {
        genre: Some("05".into()),
        ..Filters::default()
    };
    let valid = Filters {
        validity: Some(Validity::Valid),
        ..Filters::default()
    };
    let both = Filters {
        year: Some(2024),
        validity: Some(Validity::Repealed),
        ..Filters::default()
    };

    assert_eq!(found(&index, filtered(agency)), [2]);
    assert_eq!(found(&index, filtered(year)), [3]);
    assert_eq!(
        found(&index, filtered(topic)),
        [1, 2],
        "a parent category includes its children"
    );
    assert_eq!(found(&index, filtered(child)), [1]);
    assert_eq!(found(&index, filtered(genre)), [1, 4]);
    assert_eq!(found(&index, filtered(valid)), [1, 2, 3]);
    assert_eq!(found(&index, filtered(both)), [4]);
}

#[test]
fn an_empty_query_lists_every_document_passing_the_filters_newest_first() {
    let mut docs = catalogue();
    docs[4].published_on = "2025-01-01".parse().unwrap();
    let index = index_of(&docs);
    let expired = Filters {
        validity: Some(Validity::Expired),
        ..Filters::default()
    };

    let all = page(&index, SearchRequest::new("  "));
    let only = page(&index, SearchRequest::new("").with_filters(expired));

    assert_eq!((all.total, all.total_exact), (5, true));
    assert_eq!(all.hits[0].id, 5);
    assert_eq!(only.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [5]);
}

#[test]
fn pages_split_the_results_without_overlap_and_count_them_all() {
    let docs: Vec<SearchDocument> = (1..=25)
        .map(|i| body_doc(i, &format!("第{i}号预算")))
        .collect();
    let index = index_of(&docs);
    let at = |p: usize| page(&index, SearchRequest::new("预算").with_page(p, 10));

    let (first, second, third) = (at(1), at(2), at(3));
    let mut seen: Vec<i64> = [&first, &second, &third]
        .iter()
        .flat_map(|p| p.hits.iter().map(|h| h.id))
        .collect();
    seen.sort_unstable();

    assert_eq!(
        (first.total, first.total_exact, first.pages()),
        (25, true, 3)
    );
    assert_eq!(
        (first.hits.len(), second.hits.len(), third.hits.len()),
        (10, 10, 5)
    );
    assert_eq!(seen, (1..=25).collect::<Vec<i64>>());
    assert!(at(4).hits.is_empty());
}

#[test]
fn a_page_beyond_the_pageable_depth_is_refused_in_chinese() {
    let index = index_of(&[doc(1, "预算")]);

    let last = index.search(&SearchRequest::new("预算").with_page(100, 10));
    let err = index
        .search(&SearchRequest::new("预算").with_page(101, 10))
        .unwrap_err();

    assert!(last.unwrap().hits.is_empty());
    assert!(matches!(err, SearchError::PageTooDeep { max: 1_000 }));
    assert_eq!(err.to_string(), "页码超出范围（最多显示前 1000 条结果）");
}

#[test]
fn snippets_and_titles_escape_markup_and_mark_only_the_words() {
    let evil = SearchDocument {
        body: "前文<script>alert('预算')</script>后文 & 其他".into(),
        ..doc(1, "<b>部门预算</b>")
    };
    let index = index_of(&[evil]);

    let hit = &page(&index, SearchRequest::new("预算")).hits[0];

    assert_eq!(hit.title_html, "&lt;b&gt;部门<mark>预算</mark>&lt;/b&gt;");
    assert_eq!(
        hit.snippet_html,
        "前文&lt;script&gt;alert(&#39;<mark>预算</mark>&#39;)&lt;/script&gt;后文 &amp; 其他"
    );
}

#[test]
fn a_snippet_comes_from_where_the_words_are_and_says_so_for_attachments() {
    let long_body = format!("{}财政{}", "无关内容。".repeat(60), "其余部分。".repeat(60));
    let index = index_of(&[
        SearchDocument {
            attachment_text: "附表一：预算收支总表".into(),
            ..body_doc(1, &long_body)
        },
        body_doc(2, &long_body),
    ]);

    let attached = &page(&index, SearchRequest::new("预算")).hits[0];
    let in_body = &page(&index, SearchRequest::new("财政")).hits;

    assert_eq!(
        attached.snippet_html,
        "附件：附表一：<mark>预算</mark>收支总表"
    );
    assert!(
        in_body[0].snippet_html.starts_with('…'),
        "{}",
        in_body[0].snippet_html
    );
    assert!(in_body[0].snippet_html.contains("<mark>财政</mark>"));
    assert!(in_body[0].snippet_html.chars().count() < 140);
}
