//! The field names of a document's form and of an import row, as [`FieldError::field`] reports
//! them (and as the HTML form posts them), with their Chinese labels for messages.
//!
//! [`FieldError::field`]: crate::applicant::FieldError

/// 索引号 (import only: the form's number is assigned).
pub const INDEX_NO: &str = "index_no";
/// 文号.
pub const DOC_NO: &str = "doc_no";
/// 标题.
pub const TITLE: &str = "title";
/// 内容概述.
pub const SUMMARY: &str = "summary";
/// 发布机构.
pub const PUBLISHER: &str = "publisher";
/// 成文日期（生成日期）.
pub const WRITTEN_ON: &str = "written_on";
/// 发布日期 (import only).
pub const PUBLISHED_ON: &str = "published_on";
/// 主题分类.
pub const TOPIC: &str = "topic";
/// 体裁分类.
pub const GENRE: &str = "genre";
/// 第二十条 / 第二十一条 item.
pub const ITEM: &str = "item";
/// 公开属性.
pub const OPENNESS: &str = "openness";
/// 不予公开的理由.
pub const GROUND: &str = "withhold_ground";
/// 规章 / 行政规范性文件.
pub const MARKER: &str = "marker";
/// 有效性 (import only; afterwards a command).
pub const VALIDITY: &str = "validity";
/// 失效 / 废止日期.
pub const VALIDITY_ON: &str = "validity_on";
/// 替代文件的索引号.
pub const REPLACED_BY: &str = "replaced_by";
/// 解读的政策文件（索引号）.
pub const INTERPRETS: &str = "interprets";
/// 正文格式.
pub const BODY_FORMAT: &str = "body_format";
/// 正文.
pub const BODY: &str = "body";
/// 附件.
pub const ATTACHMENTS: &str = "attachments";
/// The row as a whole (a duplicate within the file).
pub const ROW: &str = "row";

/// Every field with its Chinese label, in form order; the import reads column headers by either.
pub const LABELS: [(&str, &str); 21] = [
    (INDEX_NO, "索引号"),
    (DOC_NO, "文号"),
    (TITLE, "标题"),
    (SUMMARY, "内容概述"),
    (PUBLISHER, "发布机构"),
    (WRITTEN_ON, "成文日期"),
    (PUBLISHED_ON, "发布日期"),
    (TOPIC, "主题分类"),
    (GENRE, "体裁分类"),
    (ITEM, "公开事项"),
    (OPENNESS, "公开属性"),
    (GROUND, "不予公开理由"),
    (MARKER, "文件类别"),
    (VALIDITY, "有效性"),
    (VALIDITY_ON, "失效或废止日期"),
    (REPLACED_BY, "替代文件索引号"),
    (INTERPRETS, "解读文件索引号"),
    (BODY_FORMAT, "正文格式"),
    (BODY, "正文"),
    (ATTACHMENTS, "附件"),
    (ROW, "整行"),
];

/// The Chinese label of `field` (the key itself when unknown).
pub fn label(field: &str) -> &str {
    LABELS
        .iter()
        .find(|(k, _)| *k == field)
        .map_or(field, |(_, l)| l)
}

/// Where `field` stands in form order (unknown fields last), to list errors as the form shows
/// its fields.
pub fn position(field: &str) -> usize {
    LABELS
        .iter()
        .position(|(k, _)| *k == field)
        .unwrap_or(LABELS.len())
}
