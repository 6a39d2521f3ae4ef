//! The content of a document — what is reviewed, approved and published as one version: the
//! 目录 metadata of 《条例》第十二条 and REGULATION.md §5.3 (文号, 标题, 内容概述, 发布机构, 成文日期,
//! 分类, 公开事项, 公开属性, 规章 / 行政规范性文件 marker), a 政策解读's link to its policy, the body
//! and the attachments. The body is held as written (Markdown or HTML); sanitising HTML is the web
//! layer's job. [`Content::check`] is run by every step that stores content, so a document never
//! holds content that a form would refuse.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::classification::CategoryCode;
use super::field;
use super::index_no::IndexNo;
use super::item::{Art20Item, StatutoryItem};
use super::openness::{Marker, Openness};
use crate::applicant::FieldError;
use crate::choice::Choice;

/// The longest 文号.
pub const MAX_DOC_NO: usize = 50;
/// The longest 标题.
pub const MAX_TITLE: usize = 200;
/// The longest 内容概述.
pub const MAX_SUMMARY: usize = 1000;
/// The longest 发布机构.
pub const MAX_PUBLISHER: usize = 100;
/// The largest body, in bytes of UTF-8 (a long 规划 is a few hundred KB of HTML).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The most attachments on one document.
pub const MAX_ATTACHMENTS: usize = 50;
/// The longest attachment name.
pub const MAX_ATTACHMENT_NAME: usize = 200;

/// The message for a document with neither body nor attachment.
pub(super) const EMPTY_BODY: &str = "正文和附件不能都为空";

/// How the body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    /// Markdown.
    #[default]
    Markdown,
    /// HTML (sanitised by the web layer before it is shown).
    Html,
}

impl Choice for BodyFormat {
    const TABLE: &'static [(BodyFormat, &'static str, &'static str)] = &[
        (BodyFormat::Markdown, "markdown", "Markdown"),
        (BodyFormat::Html, "html", "HTML"),
    ];
}

/// The body (正文) as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Body {
    /// Markdown or HTML.
    pub format: BodyFormat,
    /// The text.
    pub text: String,
}

/// The store's identifier of an uploaded attachment file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AttachmentId(pub i64);

/// An attachment (附件): the stored file and the name shown for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The stored file.
    pub id: AttachmentId,
    /// The name shown, e.g. “附件1：申请表.docx”.
    pub name: String,
}

/// The content of a document (one version's worth).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    /// 文号 (empty when the document has none).
    pub doc_no: String,
    /// 标题 (名称, 《条例》第十二条).
    pub title: String,
    /// 内容概述 (《条例》第十二条; may be empty).
    pub summary: String,
    /// 发布机构.
    pub publisher: String,
    /// 成文日期 (生成日期, 《条例》第十二条): the day the information was formed, from which the
    /// 20 working days of 第二十六条 run.
    pub written_on: NaiveDate,
    /// 主题分类.
    pub topic: Option<CategoryCode>,
    /// 体裁分类.
    pub genre: Option<CategoryCode>,
    /// The 第二十条 / 第二十一条 item it falls under, if any.
    pub item: Option<StatutoryItem>,
    /// 公开属性: proposed by the clerk, decided by the 保密审查.
    pub openness: Openness,
    /// 规章 / 行政规范性文件 (table 二), if it is one.
    pub marker: Option<Marker>,
    /// For a 政策解读: the 索引号 of the policy it interprets.
    pub interprets: Option<IndexNo>,
    /// 正文.
    pub body: Body,
    /// 附件, in order.
    pub attachments: Vec<Attachment>,
}

/// Collects field errors while content is read or checked.
#[derive(Debug, Default)]
pub(super) struct Check(pub(super) Vec<FieldError>);

impl Check {
    pub(super) fn fail(&mut self, key: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(key, message));
    }

    /// A one-line text (`multiline`: newlines and tabs allowed) of at most `max` characters.
    pub(super) fn text(&mut self, key: &'static str, v: &str, max: usize, required: bool) {
        self.text_lines(key, v, max, required, false);
    }

    pub(super) fn text_lines(
        &mut self,
        key: &'static str,
        v: &str,
        max: usize,
        required: bool,
        multiline: bool,
    ) {
        let what = field::label(key);
        let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r'));
        if required && v.trim().is_empty() {
            self.fail(key, format!("{what}不能为空"));
        } else if v.chars().count() > max {
            self.fail(key, format!("{what}不超过{max}字"));
        } else if v.chars().any(bad) {
            self.fail(key, format!("{what}不能包含控制字符"));
        }
    }

    pub(super) fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

impl Content {
    /// Checks lengths and characters, that 成文日期 is not after `today`, that a 规章 / 行政规范性
    /// 文件 sits under 第二十条第（一）项, and that there is a body or an attachment. Returns every
    /// problem with its field.
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Check::default();
        c.text(field::DOC_NO, &self.doc_no, MAX_DOC_NO, false);
        c.text(field::TITLE, &self.title, MAX_TITLE, true);
        c.text_lines(field::SUMMARY, &self.summary, MAX_SUMMARY, false, true);
        c.text(field::PUBLISHER, &self.publisher, MAX_PUBLISHER, true);
        if self.written_on > today {
            c.fail(
                field::WRITTEN_ON,
                format!("成文日期{}晚于今天（{today}）", self.written_on),
            );
        }
        let rules = Some(StatutoryItem::Art20(Art20Item::Rules));
        if self.marker.is_some() && self.item.is_some() && self.item != rules {
            c.fail(
                field::MARKER,
                "规章和行政规范性文件属于《条例》第二十条第（一）项，与所选公开事项不符",
            );
        }
        self.check_body(&mut c);
        self.check_attachments(&mut c);
        c.finish()
    }

    fn check_body(&self, c: &mut Check) {
        if self.body.text.len() > MAX_BODY_BYTES {
            c.fail(field::BODY, "正文过长（不超过4 MB），请改为附件");
        } else if self.body.text.contains('\0') {
            c.fail(field::BODY, "正文不能包含空字符");
        }
        if self.body.text.trim().is_empty() && self.attachments.is_empty() {
            c.fail(field::BODY, EMPTY_BODY);
        }
    }

    fn check_attachments(&self, c: &mut Check) {
        if self.attachments.len() > MAX_ATTACHMENTS {
            c.fail(field::ATTACHMENTS, format!("附件不超过{MAX_ATTACHMENTS}个"));
        }
        for (i, a) in self.attachments.iter().enumerate() {
            if let Some(why) = attachment_name_problem(&a.name) {
                c.fail(field::ATTACHMENTS, format!("第{}个附件的名称{why}", i + 1));
            }
            if self.attachments[..i].iter().any(|b| b.id == a.id) {
                c.fail(field::ATTACHMENTS, format!("第{}个附件重复", i + 1));
            }
        }
    }

    /// The labels of the fields that differ from `other`, for the audit log (“标题、正文”).
    pub fn changed_fields(&self, other: &Content) -> Vec<&'static str> {
        let pairs: [(&'static str, bool); 13] = [
            (field::DOC_NO, self.doc_no != other.doc_no),
            (field::TITLE, self.title != other.title),
            (field::SUMMARY, self.summary != other.summary),
            (field::PUBLISHER, self.publisher != other.publisher),
            (field::WRITTEN_ON, self.written_on != other.written_on),
            (field::TOPIC, self.topic != other.topic),
            (field::GENRE, self.genre != other.genre),
            (field::ITEM, self.item != other.item),
            (field::OPENNESS, self.openness != other.openness),
            (field::MARKER, self.marker != other.marker),
            (field::INTERPRETS, self.interprets != other.interprets),
            (field::BODY, self.body != other.body),
            (field::ATTACHMENTS, self.attachments != other.attachments),
        ];
        pairs
            .into_iter()
            .filter(|(_, changed)| *changed)
            .map(|(k, _)| field::label(k))
            .collect()
    }
}

/// Why an attachment name is refused: empty, too long, a path, or control characters.
pub(super) fn attachment_name_problem(name: &str) -> Option<String> {
    let n = name.trim().chars().count();
    if n == 0 {
        Some("不能为空".to_owned())
    } else if n > MAX_ATTACHMENT_NAME {
        Some(format!("不超过{MAX_ATTACHMENT_NAME}字"))
    } else if name
        .chars()
        .any(|c| c.is_control() || c == '/' || c == '\\')
    {
        Some("不能包含路径分隔符或控制字符".to_owned())
    } else {
        None
    }
}
