//! Documents and indexes for the tests.

#![expect(clippy::unwrap_used, reason = "fixtures panic on a broken test setup")]

use gongkai_search::{SearchDocument, SearchIndex, SearchPage, SearchRequest, Validity};

/// A valid 2024 document of agency `a01` with only a title.
pub fn doc(id: i64, title: &str) -> SearchDocument {
    SearchDocument {
        id,
        agency_code: "a01".into(),
        year: 2024,
        topics: vec![],
        genres: vec![],
        validity: Validity::Valid,
        title: title.into(),
        doc_no: String::new(),
        summary: String::new(),
        body: String::new(),
        attachment_text: String::new(),
        published_on: "2024-06-01".parse().unwrap(),
    }
}

/// A document whose only text is `body` (under a neutral title).
pub fn body_doc(id: i64, body: &str) -> SearchDocument {
    SearchDocument {
        body: body.into(),
        ..doc(id, "通知")
    }
}

/// An in-memory index holding `docs`, committed. A small writer: tests run side by side.
pub fn index_of(docs: &[SearchDocument]) -> SearchIndex {
    let index = SearchIndex::in_ram().unwrap().with_writer(1, 15_000_000);
    for d in docs {
        index.upsert(d).unwrap();
    }
    index.commit().unwrap();
    index
}

/// The ids found for `text`, best first (first page of 100).
pub fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    page(index, SearchRequest::new(text).with_page(1, 100))
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

/// The page for `req`.
pub fn page(index: &SearchIndex, req: SearchRequest) -> SearchPage {
    index.search(&req).unwrap()
}
