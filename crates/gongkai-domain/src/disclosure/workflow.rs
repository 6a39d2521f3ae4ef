//! 先审查、后公开 (《条例》第十七条) as a pure state machine: [`create`] opens a draft, [`apply`]
//! takes a document, a [`Command`] and a [`Ctx`] (today, the actor and the actor's role) and
//! returns the next state with its audit events, or a [`DisclosureError`] naming the rule broken.
//!
//! ```text
//! Draft ─提交→ InReview ─保密审查→ AwaitingApproval ─审批→ Published ─更正→ Draft … → Corrected
//!   ↑            │退回                 │退回     └→ Filed (依申请公开 / 不予公开; 第十八条 评估)
//!   └────────────┴─────────────────────┘                  Published / Corrected ─撤回→ Withdrawn
//! ```
//! Only an 经办人 drafts, edits, submits and corrects; only a 审核人 reviews and re-assesses;
//! only a 负责人 approves and withdraws. Approval needs the review recorded in the same record,
//! so nothing reaches the public without both.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::content::Content;
use super::document::{Document, DocumentRecord, ReassessOutcome, Signature, Status};
use super::error::DisclosureError;
use super::form::FormErrors;
use super::index_no::IndexNo;
use super::openness::{Openness, Validity};
use crate::account::Role;
use crate::audit::AuditEvent;

/// What every step needs from outside: today, who acts and in which role.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Today's date, supplied by the caller.
    pub today: NaiveDate,
    /// The acting account's name.
    pub actor: &'a str,
    /// The acting account's role.
    pub role: Role,
}

impl Ctx<'_> {
    /// The actor's signature for today.
    pub(super) fn sign(&self) -> Signature {
        Signature {
            name: self.actor.to_owned(),
            role: self.role,
            on: self.today,
        }
    }
}

/// The result of a step: the next state and its audit events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The document after the step.
    pub document: Document,
    /// What to write to the audit log, in the same transaction.
    pub events: Vec<AuditEvent>,
}

/// What a new document starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// 索引号: the next number of the agency's pattern, or the one a moved-in document had.
    pub index_no: IndexNo,
    /// The content.
    pub content: Content,
    /// 有效性 (有效 for a new document).
    pub validity: Validity,
    /// For a document moved in from an old system: the day it was published there.
    pub published_on: Option<NaiveDate>,
}

/// A step of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "command")]
pub enum Command {
    /// 修改草稿 (经办人).
    Edit {
        /// The new content.
        content: Content,
    },
    /// 提交保密审查 (经办人).
    Submit,
    /// 保密审查 (审核人, 《条例》第十七条): the conclusion, its basis, any part withheld.
    Review {
        /// The 公开属性 decided.
        conclusion: Openness,
        /// 审查依据.
        basis: String,
        /// The parts withheld (区分处理); empty when none.
        withheld_parts: String,
    },
    /// 退回 with a reason: by the 审核人 during review, by the 负责人 during approval.
    Return {
        /// Why.
        reason: String,
    },
    /// 审批 (负责人): publishes a document reviewed as 主动公开, files any other.
    Approve {
        /// 审批意见, may be empty.
        note: String,
    },
    /// 撤回 a published document (负责人).
    Withdraw {
        /// Why.
        reason: String,
    },
    /// 更正 a published document (经办人): a new draft of it, reviewed and approved again.
    OpenCorrection {
        /// Why (internal).
        reason: String,
        /// 更正说明 (public).
        note: String,
    },
    /// Abandon the correction under way (经办人); the published version stays.
    CancelCorrection,
    /// 变更有效性: 失效 or 废止 (经办人).
    SetValidity {
        /// The new 有效性.
        validity: Validity,
    },
    /// 定期评估 a document filed as not proactively disclosed (审核人, 《条例》第十八条).
    Reassess {
        /// What the assessment rests on.
        basis: String,
        /// Keep, or disclose.
        outcome: ReassessOutcome,
    },
}

/// 起草: opens a draft (经办人 only).
pub fn create(reg: Registration, ctx: &Ctx<'_>) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Clerk, "起草文件", "经办人")?;
    checked_content(&reg.content, &reg.index_no, ctx)?;
    check_validity(&reg.validity, &reg.content, &reg.index_no)?;
    if let Some(p) = reg.published_on {
        not_future("原发布日期", p, ctx)?;
        if p < reg.content.written_on {
            return Err(DisclosureError::BeforeWritten {
                what: "原发布日期",
                date: p,
                written: reg.content.written_on,
            });
        }
    }
    let summary = match reg.published_on {
        Some(p) => format!(
            "登记迁入的文件“{}”（索引号{}，原发布日期{p}）",
            reg.content.title, reg.index_no
        ),
        None => format!("起草文件“{}”（索引号{}）", reg.content.title, reg.index_no),
    };
    let record = DocumentRecord {
        index_no: reg.index_no,
        status: Status::Draft,
        content: reg.content,
        validity: reg.validity,
        review: None,
        filing: None,
        correction: None,
        versions: Vec::new(),
        withdrawal: None,
        assessments: Vec::new(),
        created: ctx.sign(),
        original_published_on: reg.published_on,
        last_event_on: ctx.today,
    };
    Ok(finish(None, record, "created", summary, ctx))
}

/// Applies one step to a document.
pub fn apply(
    doc: &Document,
    command: Command,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    if ctx.today < doc.last_event_on {
        return Err(DisclosureError::BeforePrevious {
            date: ctx.today,
            previous: doc.last_event_on,
        });
    }
    use super::{after, steps};
    use Command as C;
    match command {
        C::Edit { content } => steps::edit(doc, content, ctx),
        C::Submit => steps::submit(doc, ctx),
        C::Review {
            conclusion,
            basis,
            withheld_parts,
        } => steps::review(doc, conclusion, basis, withheld_parts, ctx),
        C::Return { reason } => steps::send_back(doc, reason, ctx),
        C::Approve { note } => steps::approve(doc, note, ctx),
        C::Withdraw { reason } => after::withdraw(doc, reason, ctx),
        C::OpenCorrection { reason, note } => after::open_correction(doc, reason, note, ctx),
        C::CancelCorrection => after::cancel_correction(doc, ctx),
        C::SetValidity { validity } => after::set_validity(doc, validity, ctx),
        C::Reassess { basis, outcome } => after::reassess(doc, basis, outcome, ctx),
    }
}

/// The actor must be named and hold `needed`.
pub(super) fn role(
    ctx: &Ctx<'_>,
    needed: Role,
    action: &'static str,
    allowed: &'static str,
) -> Result<(), DisclosureError> {
    if ctx.actor.trim().is_empty() {
        return Err(DisclosureError::Empty { what: "操作人" });
    }
    if ctx.role == needed {
        Ok(())
    } else {
        Err(DisclosureError::Forbidden {
            action,
            role: ctx.role.label(),
            allowed,
        })
    }
}

/// The step `action` needs `ok` about the document's status.
pub(super) fn status(
    doc: &Document,
    ok: bool,
    action: &'static str,
) -> Result<(), DisclosureError> {
    if ok {
        Ok(())
    } else {
        Err(DisclosureError::WrongStatus {
            action,
            status: doc.status_label(),
        })
    }
}

/// A trimmed text of at most `max` characters, required unless `optional`.
pub(super) fn text(
    v: String,
    what: &'static str,
    max: usize,
    optional: bool,
) -> Result<String, DisclosureError> {
    let v = v.trim();
    if v.is_empty() && !optional {
        return Err(DisclosureError::Empty { what });
    }
    if v.chars().count() > max {
        return Err(DisclosureError::TooLong { what, max });
    }
    Ok(v.to_owned())
}

/// Content as the form would accept it, not linked to itself.
pub(super) fn checked_content(
    content: &Content,
    index_no: &IndexNo,
    ctx: &Ctx<'_>,
) -> Result<(), DisclosureError> {
    content
        .check(ctx.today)
        .map_err(|e| DisclosureError::Content(FormErrors(e)))?;
    if content.interprets.as_ref() == Some(index_no) {
        return Err(DisclosureError::SelfLink(index_no.clone()));
    }
    Ok(())
}

/// A 失效 / 废止 date not before 成文日期, and no document replaced by itself.
pub(super) fn check_validity(
    v: &Validity,
    content: &Content,
    index_no: &IndexNo,
) -> Result<(), DisclosureError> {
    if let Some(on) = v.ends_on().filter(|on| *on < content.written_on) {
        return Err(DisclosureError::BeforeWritten {
            what: "失效或废止日期",
            date: on,
            written: content.written_on,
        });
    }
    match v {
        Validity::Repealed {
            replaced_by: Some(r),
            ..
        } if r == index_no => Err(DisclosureError::SelfLink(r.clone())),
        _ => Ok(()),
    }
}

fn not_future(what: &'static str, date: NaiveDate, ctx: &Ctx<'_>) -> Result<(), DisclosureError> {
    if date > ctx.today {
        return Err(DisclosureError::FutureDate {
            what,
            date,
            today: ctx.today,
        });
    }
    Ok(())
}

/// The transition to `record` (dated today) with one audit event.
pub(super) fn finish(
    before: Option<&Document>,
    mut record: DocumentRecord,
    action: &str,
    summary: String,
    ctx: &Ctx<'_>,
) -> Transition {
    record.last_event_on = ctx.today;
    let document = Document::trusted(record);
    let event = AuditEvent {
        actor: ctx.actor.to_owned(),
        action: action.to_owned(),
        subject: "document".to_owned(),
        subject_id: String::new(),
        before: before.map(|d| d.status_key().to_owned()),
        after: Some(document.status_key().to_owned()),
        summary,
        on: ctx.today,
    };
    Transition {
        document,
        events: vec![event],
    }
}
