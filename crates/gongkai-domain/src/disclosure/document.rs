//! A document of the registry (政府信息公开目录) with its workflow record: who drafted, reviewed
//! (保密审查) and approved it, each published version, a correction under way, withdrawal,
//! 有效性 and the Art.18 re-assessments. [`Document`] can only be built by the workflow
//! ([`super::create`], [`super::apply`]) or by [`Document::restore`], which checks every
//! invariant — so a published version without a review by a 审核人 and an approval by a 负责人
//! cannot exist, not even loaded from a tampered row.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Deref;

use super::content::Content;
use super::error::DisclosureError;
use super::index_no::IndexNo;
use super::openness::{Openness, Validity};
use crate::account::Role;

/// The store's identifier of a document (`documents.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentId(pub i64);

/// Where the working copy stands (先审查、后公开, 《条例》第十七条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 起草 (also a correction being drafted).
    Draft,
    /// 保密审查.
    InReview,
    /// 待负责人审批.
    AwaitingApproval,
    /// 已发布 (one version).
    Published,
    /// 已更正 (published, more than one version).
    Corrected,
    /// 已撤回.
    Withdrawn,
    /// 已登记，不主动公开 (approved as 依申请公开 or 不予公开).
    Filed,
}

impl Status {
    /// The status in Chinese (without the correction under way: see [`Document::status_label`]).
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::InReview => "保密审查中",
            Status::AwaitingApproval => "待负责人审批",
            Status::Published => "已发布",
            Status::Corrected => "已更正",
            Status::Withdrawn => "已撤回",
            Status::Filed => "已登记（不主动公开）",
        }
    }
}

/// Who did a step, in which role, on which day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The account's name.
    pub name: String,
    /// Its role then.
    pub role: Role,
    /// The day.
    pub on: NaiveDate,
}

/// 保密审查 (《条例》第十七条): the conclusion, its basis and any part withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The reviewer (a 审核人).
    pub by: Signature,
    /// The 公开属性 the review decided.
    pub conclusion: Openness,
    /// 审查依据: the laws and rules applied, e.g. 《保守国家秘密法》.
    pub basis: String,
    /// The parts withheld (区分处理) and removed from what is published; empty when none.
    pub withheld_parts: String,
}

/// 审批 by a 负责人.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The approver (a 负责人).
    pub by: Signature,
    /// 审批意见, may be empty.
    pub note: String,
}

/// 更正: why, and the public 更正说明 shown with the corrected version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Who opened it (an 经办人), when.
    pub opened: Signature,
    /// The reason (internal).
    pub reason: String,
    /// 更正说明 (public).
    pub note: String,
}

/// One published version: the content as reviewed and approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// 1, 2, …
    pub number: u32,
    /// The content published.
    pub content: Content,
    /// 形成或者变更之日 (《条例》第二十六条): 成文日期 for the first version, the day the
    /// correction was opened for later ones.
    pub formed_on: NaiveDate,
    /// 发布日期 (for a document moved in: the day its old system published it).
    pub published_on: NaiveDate,
    /// The 保密审查 it passed.
    pub review: Review,
    /// The approval it received.
    pub approval: Approval,
    /// The correction it made (every version after the first).
    pub correction: Option<Correction>,
}

/// 撤回 by a 负责人, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// Who, when.
    pub by: Signature,
    /// Why.
    pub reason: String,
}

/// The outcome of a re-assessment (《条例》第十八条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReassessOutcome {
    /// 继续不予公开 (or 依申请公开).
    Keep,
    /// 情势变化，可以公开: back to a draft for 主动公开, reviewed again.
    Disclose,
}

/// A re-assessment of a document not proactively disclosed (《条例》第十八条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The 审核人, when.
    pub by: Signature,
    /// What the assessment rests on.
    pub basis: String,
    /// Keep or disclose.
    pub outcome: ReassessOutcome,
}

/// Everything stored about a document. Read it through [`Document`] (which derefs to it); build
/// a [`Document`] from it only with [`Document::restore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// 索引号 (assigned when the document is created, never reused).
    pub index_no: IndexNo,
    /// Where the working copy stands.
    pub status: Status,
    /// The working copy: the draft, the correction, or the public content.
    pub content: Content,
    /// 有效性 (outside the versions: a repeal does not change the text).
    pub validity: Validity,
    /// The review of the working copy, while it awaits approval or once filed.
    pub review: Option<Review>,
    /// The approval to file it without publishing (依申请公开 / 不予公开).
    pub filing: Option<Approval>,
    /// The correction under way, if any.
    pub correction: Option<Correction>,
    /// Every published version, in order.
    pub versions: Vec<Version>,
    /// The withdrawal, once withdrawn.
    pub withdrawal: Option<Withdrawal>,
    /// Re-assessments (《条例》第十八条), in order.
    pub assessments: Vec<Assessment>,
    /// Who created it (an 经办人), when.
    pub created: Signature,
    /// For a document moved in: the day its old system published it.
    pub original_published_on: Option<NaiveDate>,
    /// The day of the latest step.
    pub last_event_on: NaiveDate,
}

/// What the public may see of a document: the latest approved version — never the working copy,
/// which may be an unreviewed draft or correction — with the public 更正说明 of every correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicView<'a> {
    /// 索引号.
    pub index_no: &'a IndexNo,
    /// The content as reviewed and approved.
    pub content: &'a Content,
    /// 有效性.
    pub validity: &'a Validity,
    /// The version number shown.
    pub version: u32,
    /// 发布日期 of the first version.
    pub first_published_on: NaiveDate,
    /// 发布日期 of the version shown (the latest 更正).
    pub updated_on: NaiveDate,
    /// Each 更正 (its 发布日期 and 更正说明), oldest first; the internal reasons are not here.
    pub corrections: Vec<(NaiveDate, &'a str)>,
}

/// A document whose record holds together (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DocumentRecord", into = "DocumentRecord")]
pub struct Document(DocumentRecord);

impl Deref for Document {
    type Target = DocumentRecord;
    fn deref(&self) -> &DocumentRecord {
        &self.0
    }
}

impl TryFrom<DocumentRecord> for Document {
    type Error = DisclosureError;
    fn try_from(r: DocumentRecord) -> Result<Self, Self::Error> {
        Document::restore(r)
    }
}

impl From<Document> for DocumentRecord {
    fn from(d: Document) -> DocumentRecord {
        d.0
    }
}

impl Document {
    /// A document from a stored record, if the record holds together: the status agrees with
    /// the versions, review, filing, correction and withdrawal; every version was reviewed by a
    /// 审核人 who concluded 主动公开 and approved by a 负责人; the content passes its checks.
    pub fn restore(record: DocumentRecord) -> Result<Document, DisclosureError> {
        super::invariant::check(&record).map_err(DisclosureError::Inconsistent)?;
        Ok(Document(record))
    }

    /// A record the workflow built (checked again in debug builds).
    pub(super) fn trusted(record: DocumentRecord) -> Document {
        debug_assert_eq!(super::invariant::check(&record), Ok(()));
        Document(record)
    }

    /// The record, to store.
    pub fn into_record(self) -> DocumentRecord {
        self.0
    }

    /// Whether a correction is under way (the public version stays up meanwhile).
    pub fn is_correcting(&self) -> bool {
        self.correction.is_some()
    }

    /// The version the public sees: the latest, unless withdrawn; `None` before publication.
    pub fn public_version(&self) -> Option<&Version> {
        match self.status {
            Status::Withdrawn | Status::Filed => None,
            _ => self.versions.last(),
        }
    }

    /// What the public may see, or `None`: the only way the web, the search index, the feed and
    /// the API should read a document for the public.
    pub fn public_view(&self) -> Option<PublicView<'_>> {
        let latest = self.public_version()?;
        let first = self.versions.first()?;
        let corrections = self.versions.iter().filter_map(|v| {
            let c = v.correction.as_ref()?;
            Some((v.published_on, c.note.as_str()))
        });
        Some(PublicView {
            index_no: &self.index_no,
            content: &latest.content,
            validity: &self.validity,
            version: latest.number,
            first_published_on: first.published_on,
            updated_on: latest.published_on,
            corrections: corrections.collect(),
        })
    }

    /// Whether anything of it may be shown to the public.
    pub fn is_public(&self) -> bool {
        self.public_version().is_some()
    }

    /// 发布日期 of the first version.
    pub fn first_published_on(&self) -> Option<NaiveDate> {
        self.versions.first().map(|v| v.published_on)
    }

    /// The last time it was judged not to be proactively disclosed: the latest re-assessment,
    /// or the filing approval.
    pub fn last_assessed(&self) -> Option<NaiveDate> {
        let filed = self.filing.as_ref().map(|a| a.by.on);
        self.assessments.last().map(|a| a.by.on).or(filed)
    }

    /// A stable key of where it stands, for audit events and filters.
    pub fn status_key(&self) -> &'static str {
        match (self.status, self.is_correcting()) {
            (Status::Draft, true) => "correction_draft",
            (Status::InReview, true) => "correction_in_review",
            (Status::AwaitingApproval, true) => "correction_awaiting_approval",
            (Status::Draft, false) => "draft",
            (Status::InReview, false) => "in_review",
            (Status::AwaitingApproval, false) => "awaiting_approval",
            (Status::Published, _) => "published",
            (Status::Corrected, _) => "corrected",
            (Status::Withdrawn, _) => "withdrawn",
            (Status::Filed, _) => "filed",
        }
    }

    /// Where it stands, in Chinese.
    pub fn status_label(&self) -> &'static str {
        match self.status_key() {
            "correction_draft" => "更正起草中",
            "correction_in_review" => "更正保密审查中",
            "correction_awaiting_approval" => "更正待负责人审批",
            _ => self.status.label(),
        }
    }
}
