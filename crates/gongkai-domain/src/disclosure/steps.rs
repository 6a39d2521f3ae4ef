//! The steps before publication: 修改, 提交, 保密审查, 退回 and 审批 (《条例》第十七条).

use super::content::Content;
use super::document::{Approval, Document, Review, Status, Version};
use super::error::DisclosureError;
use super::openness::Openness;
use super::workflow::{Ctx, Transition, checked_content, finish, role, status, text};
use crate::account::Role;

/// The longest 审查依据, 不予公开的部分 or 审批意见.
const MAX_NOTE: usize = 1000;
/// The longest reason for a return, withdrawal or correction.
pub(super) const MAX_REASON: usize = 500;

pub(super) fn edit(
    doc: &Document,
    content: Content,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Clerk, "修改文件", "经办人")?;
    status(doc, doc.status == Status::Draft, "修改文件")?;
    checked_content(&content, &doc.index_no, ctx)?;
    let changed = content.changed_fields(&doc.content);
    let summary = if changed.is_empty() {
        "保存草稿（内容未变）".to_owned()
    } else {
        format!("修改草稿：{}", changed.join("、"))
    };
    let mut next = (**doc).clone();
    next.content = content;
    Ok(finish(Some(doc), next, "edited", summary, ctx))
}

pub(super) fn submit(doc: &Document, ctx: &Ctx<'_>) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Clerk, "提交保密审查", "经办人")?;
    status(doc, doc.status == Status::Draft, "提交保密审查")?;
    let mut next = (**doc).clone();
    next.status = Status::InReview;
    let what = if doc.is_correcting() {
        "更正稿"
    } else {
        "文件"
    };
    let summary = format!("提交{what}保密审查（《条例》第十七条）");
    Ok(finish(Some(doc), next, "submitted", summary, ctx))
}

pub(super) fn review(
    doc: &Document,
    conclusion: Openness,
    basis: String,
    withheld_parts: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(
        ctx,
        Role::Reviewer,
        "进行保密审查",
        "审核人（《条例》第十七条）",
    )?;
    status(doc, doc.status == Status::InReview, "进行保密审查")?;
    let basis = text(basis, "审查依据", MAX_NOTE, false)?;
    let withheld_parts = text(withheld_parts, "不予公开的部分", MAX_NOTE, true)?;
    if doc.is_correcting() && conclusion != Openness::Proactive {
        return Err(DisclosureError::CorrectionNotPublishable);
    }
    let mut summary = format!("保密审查结论：{}；审查依据：{basis}", conclusion.label());
    if !withheld_parts.is_empty() {
        summary.push_str(&format!("；不予公开的部分：{withheld_parts}"));
    }
    let mut next = (**doc).clone();
    next.content.openness = conclusion;
    next.review = Some(Review {
        by: ctx.sign(),
        conclusion,
        basis,
        withheld_parts,
    });
    next.status = Status::AwaitingApproval;
    Ok(finish(Some(doc), next, "reviewed", summary, ctx))
}

/// 退回: the 审核人 during review, the 负责人 during approval; back to the 经办人's draft.
pub(super) fn send_back(
    doc: &Document,
    reason: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    let stage = match doc.status {
        Status::InReview => {
            role(ctx, Role::Reviewer, "退回保密审查中的文件", "审核人")?;
            "保密审查"
        }
        Status::AwaitingApproval => {
            role(ctx, Role::Head, "退回待审批的文件", "负责人")?;
            "负责人审批"
        }
        _ => {
            return Err(DisclosureError::WrongStatus {
                action: "退回",
                status: doc.status_label(),
            });
        }
    };
    let reason = text(reason, "退回理由", MAX_REASON, false)?;
    let mut next = (**doc).clone();
    next.review = None;
    next.status = Status::Draft;
    let summary = format!("{stage}退回经办人：{reason}");
    Ok(finish(Some(doc), next, "returned", summary, ctx))
}

/// 审批: a review concluding 主动公开 publishes a new version; any other conclusion files the
/// document as not proactively disclosed.
pub(super) fn approve(
    doc: &Document,
    note: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Head, "审批发布", "负责人")?;
    status(doc, doc.status == Status::AwaitingApproval, "审批发布")?;
    let review = doc.review.clone().ok_or(DisclosureError::NotReviewed)?;
    let approval = Approval {
        by: ctx.sign(),
        note: text(note, "审批意见", MAX_NOTE, true)?,
    };
    if review.conclusion == Openness::Proactive {
        Ok(publish(doc, review, approval, ctx))
    } else {
        let mut next = (**doc).clone();
        next.filing = Some(approval);
        next.status = Status::Filed;
        // The actor is shown beside every event; the summary says what was decided.
        let summary = format!(
            "经负责人批准，按“{}”登记，不主动公开",
            review.conclusion.label()
        );
        Ok(finish(Some(doc), next, "filed", summary, ctx))
    }
}

fn publish(doc: &Document, review: Review, approval: Approval, ctx: &Ctx<'_>) -> Transition {
    let mut next = (**doc).clone();
    let number = next.versions.len() as u32 + 1;
    let correction = next.correction.take();
    let (action, summary, status) = match &correction {
        None => ("published", "发布（第1版）".to_owned(), Status::Published),
        Some(c) => {
            let what = format!("发布更正（第{number}版）；更正说明：{}", c.note);
            ("corrected", what, Status::Corrected)
        }
    };
    let version = Version {
        number,
        content: next.content.clone(),
        formed_on: correction
            .as_ref()
            .map_or(next.content.written_on, |c| c.opened.on),
        published_on: match number {
            1 => next.original_published_on.unwrap_or(ctx.today),
            _ => ctx.today,
        },
        review,
        approval,
        correction,
    };
    let summary = format!("经负责人批准{summary}，发布日期{}", version.published_on);
    next.versions.push(version);
    next.review = None;
    next.status = status;
    finish(Some(doc), next, action, summary, ctx)
}
