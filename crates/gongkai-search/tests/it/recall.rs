//! Every word typed is found wherever it occurs as a substring, however jieba cut the text.

use crate::fixture::{body_doc, doc, ids, index_of};
use gongkai_search::SearchDocument;

#[test]
fn two_character_words_inside_longer_words_are_found() {
    // Arrange: jieba keeps each of these texts (or the word around the query) as one longer word.
    let texts = [
        (1, "政府信息公开工作年度报告", "信息"),
        (2, "依申请公开的办理", "申请"),
        (3, "行政规范性文件备案审查", "规范"),
        (4, "财政预算编制办法", "预算"),
        (5, "请认真贯彻执行", "彻执"),
        (6, "保密审查制度", "密审"),
    ];
    let index = index_of(&texts.map(|(id, text, _)| body_doc(id, text)));

    // Act + Assert
    for (id, text, word) in texts {
        assert_eq!(ids(&index, word), [id], "{word} in {text}");
    }
}

#[test]
fn a_phrase_jieba_cuts_differently_in_context_is_found() {
    // DEPENDENCIES.md §3.1: 「贯彻执行」 alone is cut otherwise than inside 「认真贯彻执行」.
    let index = index_of(&[body_doc(1, "请各单位认真贯彻执行。")]);

    assert_eq!(ids(&index, "贯彻执行"), [1]);
    assert_eq!(ids(&index, "认真贯彻"), [1]);
}

#[test]
fn words_are_found_in_every_text_part() {
    let parts = [
        SearchDocument {
            summary: "关于预算的说明".into(),
            ..doc(1, "通知")
        },
        SearchDocument {
            attachment_text: "附表：预算明细".into(),
            ..doc(2, "通知")
        },
        SearchDocument {
            doc_no: "预算〔2024〕1号".into(),
            ..doc(3, "通知")
        },
        doc(4, "部门预算"),
        body_doc(5, "公开部门预算"),
    ];
    let index = index_of(&parts);

    let mut found = ids(&index, "预算");
    found.sort_unstable();

    assert_eq!(found, [1, 2, 3, 4, 5]);
}

#[test]
fn a_doc_no_is_found_by_its_number_by_its_issuer_code_and_whole() {
    let index = index_of(&[
        SearchDocument {
            doc_no: "国办发〔2019〕61号".into(),
            ..doc(1, "意见")
        },
        SearchDocument {
            doc_no: "国办发〔2019〕161号".into(),
            ..doc(2, "意见")
        },
        SearchDocument {
            doc_no: "国办函〔2020〕61号".into(),
            ..doc(3, "意见")
        },
    ]);

    assert_eq!(
        sorted(ids(&index, "61号")),
        [1, 3],
        "digits match whole numbers only"
    );
    assert_eq!(sorted(ids(&index, "国办发")), [1, 2]);
    assert_eq!(ids(&index, "国办发〔2019〕61号"), [1]);
    assert_eq!(
        ids(&index, "国办发(2019)61号"),
        [1],
        "other brackets line up alike"
    );
    assert_eq!(ids(&index, "〔2019〕６１号"), [1], "full-width digits");
    assert_eq!(sorted(ids(&index, "发〔2019")), [1, 2]);
}

#[test]
fn a_single_character_is_found_at_the_start_middle_and_end_of_a_run() {
    let index = index_of(&[
        body_doc(1, "个人所得税。"),
        body_doc(2, "税收优惠"),
        body_doc(3, "减税降费"),
        body_doc(4, "财政收入"),
    ]);

    assert_eq!(sorted(ids(&index, "税")), [1, 2, 3]);
}

#[test]
fn latin_words_are_matched_ignoring_case_and_width() {
    let index = index_of(&[
        body_doc(1, "按照GB/T 37668的要求"),
        body_doc(2, "按照GB/T9704—2012的要求"),
    ]);

    assert_eq!(ids(&index, "gb/t 37668"), [1]);
    assert_eq!(ids(&index, "ＧＢ/Ｔ ３７６６８"), [1]);
    assert_eq!(
        ids(&index, "gb/t37668"),
        Vec::<i64>::new(),
        "the space is part of the phrase"
    );
    assert_eq!(sorted(ids(&index, "gb")), [1, 2]);
    assert_eq!(
        ids(&index, "9704"),
        [2],
        "letters and digits are separate words"
    );
}

#[test]
fn every_word_typed_must_occur() {
    let index = index_of(&[
        body_doc(1, "部门预算和决算"),
        body_doc(2, "部门预算"),
        body_doc(3, "部门决算"),
    ]);

    assert_eq!(ids(&index, "预算 决算"), [1]);
    assert_eq!(ids(&index, "预算，决算"), [1]);
}

#[test]
fn query_syntax_is_searched_as_text_and_never_interpreted() {
    let index = index_of(&[body_doc(1, "部门预算"), body_doc(2, "title:预算 and")]);

    assert_eq!(ids(&index, "title:预算"), [2]);
    assert_eq!(ids(&index, "预算 AND"), [2]);
    assert!(ids(&index, "预算 OR 决算").is_empty());
    assert!(ids(&index, "\"预算\" -决算 *").is_empty());
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids
}

#[test]
fn a_number_with_the_character_after_it_is_found_inside_running_text() {
    let index = index_of(&[
        body_doc(1, "依据财预〔2024〕5号文件办理。"),
        body_doc(2, "依据第15号文件办理。"),
        body_doc(3, "2024年度预算"),
    ]);

    assert_eq!(ids(&index, "5号"), [1]);
    assert_eq!(ids(&index, "5号文件"), [1]);
    assert_eq!(ids(&index, "2024年"), [3]);
    assert_eq!(sorted(ids(&index, "2024")), [1, 3]);
}

#[test]
fn a_word_is_never_found_across_two_text_parts() {
    // Arrange: the title ends where the word starts, the body starts where it ends.
    let index = index_of(&[SearchDocument {
        body: "算编制。".into(),
        doc_no: "〔2024〕".into(),
        ..doc(1, "部门预")
    }]);

    // Act + Assert
    assert!(ids(&index, "预算").is_empty());
    assert!(
        ids(&index, "预〔2024").is_empty(),
        "no wildcard reach either"
    );
    assert_eq!(ids(&index, "部门预"), [1]);
    assert_eq!(ids(&index, "算编制"), [1]);
}
