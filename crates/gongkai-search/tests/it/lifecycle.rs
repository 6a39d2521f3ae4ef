//! Changes: replace, delete, commit, and an index on disk that survives a restart.

use crate::fixture::{body_doc, doc, ids, index_of};
use gongkai_search::{SearchError, SearchIndex, SearchRequest};

#[test]
fn deleting_a_document_removes_it_from_results() {
    let index = index_of(&[doc(1, "部门预算"), doc(2, "部门预算")]);

    index.delete(1).unwrap();
    index.commit().unwrap();

    assert_eq!(ids(&index, "预算"), [2]);
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn upserting_the_same_id_replaces_the_document() {
    let index = index_of(&[doc(1, "部门预算")]);

    index.upsert(&doc(1, "部门决算")).unwrap();
    index.commit().unwrap();

    assert!(ids(&index, "预算").is_empty());
    assert_eq!(ids(&index, "决算"), [1]);
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn changes_are_invisible_until_committed() {
    let index = index_of(&[]);

    index.upsert(&doc(1, "部门预算")).unwrap();
    let before = ids(&index, "预算");
    index.commit().unwrap();

    assert!(before.is_empty());
    assert_eq!(ids(&index, "预算"), [1]);
}

#[test]
fn clearing_removes_everything_for_a_rebuild() {
    let index = index_of(&[doc(1, "部门预算"), doc(2, "部门决算")]);

    index.clear().unwrap();
    index.upsert(&doc(3, "部门预算")).unwrap();
    index.finish().unwrap();

    assert_eq!(ids(&index, "预算"), [3]);
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn reopening_an_index_from_disk_keeps_its_documents() {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open(dir.path())
            .unwrap()
            .with_writer(1, 15_000_000);
        index.upsert(&body_doc(7, "请认真贯彻执行")).unwrap();
        index.upsert(&doc(8, "部门预算")).unwrap();
        index.delete(8).unwrap();
        index.finish().unwrap();
    }

    // Act
    let reopened = SearchIndex::open(dir.path()).unwrap();

    // Assert
    assert_eq!(reopened.num_docs(), 1);
    assert_eq!(ids(&reopened, "贯彻执行"), [7]);
    assert_eq!(
        reopened
            .search_ids(&SearchRequest::new("执行"))
            .unwrap()
            .total,
        1
    );
}

#[test]
fn a_second_writer_on_the_same_directory_is_refused_while_the_first_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = SearchIndex::open(dir.path())
        .unwrap()
        .with_writer(1, 15_000_000);
    first.upsert(&doc(1, "部门预算")).unwrap();
    let second = SearchIndex::open(dir.path())
        .unwrap()
        .with_writer(1, 15_000_000);

    let refused = second.upsert(&doc(2, "部门决算"));
    first.finish().unwrap();
    let after_release = second.upsert(&doc(2, "部门决算"));

    assert!(matches!(refused, Err(SearchError::Index(_))), "{refused:?}");
    assert!(after_release.is_ok());
}

#[test]
fn too_many_or_too_long_words_are_refused_in_chinese() {
    let index = index_of(&[]);

    let many = index
        .search(&SearchRequest::new("一 二 三 四 五 六 七 八 九"))
        .unwrap_err();
    let long = index
        .search(&SearchRequest::new("字".repeat(41)))
        .unwrap_err();

    assert_eq!(many.to_string(), "检索词过多（最多 8 个）");
    assert_eq!(long.to_string(), "检索词过长（每个最多 40 个字）");
}
