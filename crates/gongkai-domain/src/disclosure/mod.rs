//! 主动公开: the document registry (政府信息公开目录), 先审查、后公开, timeliness and table 二
//! (《条例》第十二、十七、十八、二十至二十六条; REGULATION.md §3.1, §3.2, §5.3).
//!
//! - [`IndexNoPattern`] / [`IndexNo`]: 索引号, per agency (default `{机构代码}/{年份}-{五位流水号}`).
//! - [`Content`]: what one version holds — 文号, 标题, 内容概述, 发布机构, 成文日期, 主题分类 and
//!   体裁分类 ([`Classification`], shipped in `data/classification.toml`), the 第二十条 /
//!   第二十一条 item ([`StatutoryItem`]), 公开属性 ([`Openness`]), the 规章 / 行政规范性文件
//!   [`Marker`], a 政策解读's link, the body and attachments; [`DocumentForm::parse`] reads it
//!   from a form with every field's error.
//! - [`Document`]: the content with its workflow record (reviews, approvals, [`Version`]s,
//!   correction, withdrawal, [`Validity`], Art.18 assessments). [`create`] and [`apply`] are the
//!   state machine (a [`Command`] and a [`Ctx`] in, a [`Transition`] with its `AuditEvent`s out);
//!   [`Document::restore`] re-checks a stored record, so nothing unreviewed can be public, and
//!   [`Document::public_view`] is the one way to read what the public may see.
//! - [`timeliness`]: 《条例》第二十六条 (20 working days) and 第十八条 re-assessment.
//! - [`tally_table2`]: table 二's 规章 / 行政规范性文件 counts for a year from the registry.
//! - [`import`]: rows of an old system's export → drafts, every problem per row and field.

mod after;
pub mod classification;
pub mod columns;
mod content;
mod document;
mod error;
pub mod field;
mod form;
pub mod import;
mod index_no;
mod invariant;
mod item;
mod openness;
mod steps;
mod tally;
pub mod timeliness;
mod workflow;

pub use classification::{Category, CategoryCode, Classification, ClassificationError, Scheme};
pub use columns::{ImportColumns, read_header};
pub use content::{
    Attachment, AttachmentId, Body, BodyFormat, Content, MAX_ATTACHMENT_NAME, MAX_ATTACHMENTS,
    MAX_BODY_BYTES, MAX_DOC_NO, MAX_PUBLISHER, MAX_SUMMARY, MAX_TITLE,
};
pub use document::{
    Approval, Assessment, Correction, Document, DocumentId, DocumentRecord, PublicView,
    ReassessOutcome, Review, Signature, Status, Version, Withdrawal,
};
pub use error::DisclosureError;
pub use form::{DocumentForm, FormCtx, FormErrors, parse_date};
pub use import::{IdentityKey, ImportPlan, ImportRow, Imported, RowProblems, plan};
pub use index_no::{
    DEFAULT_INDEX_PATTERN, IndexNo, IndexNoError, IndexNoPattern, IndexParts, MAX_INDEX_NO_CHARS,
};
pub use item::{Art20Item, Art21Item, Art21Scope, StatutoryItem};
pub use openness::{Marker, Openness, Validity, WithholdGround};
pub use tally::{MarkerCounts, count_marker, tally_table2};
pub use timeliness::{
    Lateness, ReassessInterval, Timeliness, YearTimeliness, lateness, publication_due,
    reassessment_due, tally_timeliness,
};
pub use workflow::{Command, Ctx, Registration, Transition, apply, create};
