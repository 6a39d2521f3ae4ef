//! What the index needs to know about a published document. The crate takes this small struct
//! rather than the domain's `Document` so that it stays independent of the registry's workflow:
//! the caller decides what is public (only the approved public view may be indexed) and hands
//! over plain text (HTML bodies and attachments already reduced to text).

use chrono::NaiveDate;

/// 有效性 as a search filter (the domain's `Validity` without its dates).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Validity {
    /// 有效.
    #[default]
    Valid,
    /// 失效.
    Expired,
    /// 废止.
    Repealed,
}

impl Validity {
    /// The stable key stored in the index (the same keys as the domain's `Validity::key`).
    pub fn key(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expired => "expired",
            Validity::Repealed => "repealed",
        }
    }
}

/// One published document as the index sees it (the default: valid, with no text, published
/// on 1970-01-01).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchDocument {
    /// The store's document id (`documents.id`): the key for replace and delete.
    pub id: i64,
    /// The publishing agency's code (机构代码), as in the 专栏's URLs.
    pub agency_code: String,
    /// The year filtered on (the 索引号's year).
    pub year: i32,
    /// 主题分类 codes such as `02.01`; filtering on `02` finds them too.
    pub topics: Vec<String>,
    /// 体裁分类 codes, hierarchical like the topics.
    pub genres: Vec<String>,
    /// 有效性.
    pub validity: Validity,
    /// 标题.
    pub title: String,
    /// 文号; empty when the document has none.
    pub doc_no: String,
    /// 内容概述.
    pub summary: String,
    /// 正文 as plain text.
    pub body: String,
    /// Text extracted from the attachments, joined.
    pub attachment_text: String,
    /// 发布日期.
    pub published_on: NaiveDate,
}

/// A category code and each of its ancestors (`02.01.03` → `02`, `02.01`, `02.01.03`), so one
/// term query on a parent category also finds documents filed under its children.
pub(crate) fn category_and_ancestors(code: &str) -> impl Iterator<Item = &str> {
    let code = code.trim();
    code.match_indices('.')
        .map(move |(i, _)| &code[..i])
        .chain(std::iter::once(code))
        .filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_is_indexed_with_its_ancestors() {
        let got: Vec<&str> = category_and_ancestors("02.01.03").collect();
        assert_eq!(got, ["02", "02.01", "02.01.03"]);
    }
}
