//! The steps after approval: 撤回 and 更正 of a published document, 有效性 (失效 / 废止), and the
//! periodic re-assessment of documents not proactively disclosed (《条例》第十八条).

use super::document::{Assessment, Correction, Document, ReassessOutcome, Status, Withdrawal};
use super::error::DisclosureError;
use super::openness::{Openness, Validity};
use super::steps::MAX_REASON;
use super::workflow::{Ctx, Transition, check_validity, finish, role, status, text};
use crate::account::Role;

/// The longest 更正说明.
const MAX_CORRECTION_NOTE: usize = 2000;

pub(super) fn withdraw(
    doc: &Document,
    reason: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Head, "撤回已发布的文件", "负责人")?;
    status(doc, doc.is_public(), "撤回")?;
    let reason = text(reason, "撤回理由", MAX_REASON, false)?;
    let mut next = (**doc).clone();
    if let Some(v) = next.versions.last() {
        next.content = v.content.clone();
    }
    next.correction = None;
    next.review = None;
    next.withdrawal = Some(Withdrawal {
        by: ctx.sign(),
        reason: reason.clone(),
    });
    next.status = Status::Withdrawn;
    let summary = format!("撤回已发布的文件：{reason}");
    Ok(finish(Some(doc), next, "withdrawn", summary, ctx))
}

pub(super) fn open_correction(
    doc: &Document,
    reason: String,
    note: String,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Clerk, "更正已发布的文件", "经办人")?;
    let published = matches!(doc.status, Status::Published | Status::Corrected);
    status(doc, published, "更正")?;
    let reason = text(reason, "更正理由", MAX_REASON, false)?;
    let note = text(note, "更正说明", MAX_CORRECTION_NOTE, false)?;
    let summary = format!("开始更正：{reason}（更正说明：{note}）；更正稿须重新保密审查和审批");
    let mut next = (**doc).clone();
    next.correction = Some(Correction {
        opened: ctx.sign(),
        reason,
        note,
    });
    next.status = Status::Draft;
    Ok(finish(Some(doc), next, "correction_opened", summary, ctx))
}

pub(super) fn cancel_correction(
    doc: &Document,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Clerk, "放弃更正", "经办人")?;
    status(
        doc,
        doc.status == Status::Draft && doc.is_correcting(),
        "放弃更正",
    )?;
    let mut next = (**doc).clone();
    if let Some(v) = next.versions.last() {
        next.content = v.content.clone();
    }
    next.correction = None;
    next.status = match next.versions.len() {
        1 => Status::Published,
        _ => Status::Corrected,
    };
    let summary = "放弃更正，已发布的版本不变".to_owned();
    Ok(finish(
        Some(doc),
        next,
        "correction_cancelled",
        summary,
        ctx,
    ))
}

pub(super) fn set_validity(
    doc: &Document,
    validity: Validity,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(ctx, Role::Clerk, "变更有效性", "经办人")?;
    status(doc, doc.status != Status::Withdrawn, "变更有效性")?;
    check_validity(&validity, &doc.content, &doc.index_no)?;
    let summary = format!("有效性：{} → {}", doc.validity.label(), validity.label());
    let mut next = (**doc).clone();
    next.validity = validity;
    Ok(finish(Some(doc), next, "validity_changed", summary, ctx))
}

pub(super) fn reassess(
    doc: &Document,
    basis: String,
    outcome: ReassessOutcome,
    ctx: &Ctx<'_>,
) -> Result<Transition, DisclosureError> {
    role(
        ctx,
        Role::Reviewer,
        "评估不予公开的信息",
        "审核人（《条例》第十八条）",
    )?;
    status(doc, doc.status == Status::Filed, "定期评估")?;
    let basis = text(basis, "评估依据", 1000, false)?;
    let mut next = (**doc).clone();
    next.assessments.push(Assessment {
        by: ctx.sign(),
        basis: basis.clone(),
        outcome,
    });
    let summary = match outcome {
        ReassessOutcome::Keep => {
            format!("定期评估（《条例》第十八条）：继续不主动公开；依据：{basis}")
        }
        ReassessOutcome::Disclose => {
            next.content.openness = Openness::Proactive;
            next.review = None;
            next.filing = None;
            next.status = Status::Draft;
            format!(
                "定期评估（《条例》第十八条）：情势变化，可以公开，转为草稿按主动公开重新审查；依据：{basis}"
            )
        }
    };
    Ok(finish(Some(doc), next, "reassessed", summary, ctx))
}
