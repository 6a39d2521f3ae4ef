//! The invariants of a document record, checked by [`super::Document::restore`] (and, in debug
//! builds, after every workflow step). The first is the point of 《条例》第十七条: no version
//! is public without a 保密审查 by a 审核人 concluding 主动公开 and an approval by a 负责人.

use super::document::{DocumentRecord, Signature, Status, Version};
use super::openness::Openness;
use crate::account::Role;

/// `Ok` when the record holds together; otherwise what is wrong, in Chinese.
pub(super) fn check(r: &DocumentRecord) -> Result<(), String> {
    signed(&r.created, Role::Clerk, "起草")?;
    for (i, v) in r.versions.iter().enumerate() {
        version(i, v)?;
    }
    for a in &r.assessments {
        signed(&a.by, Role::Reviewer, "定期评估")?;
    }
    if let Some(w) = &r.withdrawal {
        signed(&w.by, Role::Head, "撤回")?;
    }
    if let Some(c) = &r.correction {
        signed(&c.opened, Role::Clerk, "更正")?;
    }
    status(r)?;
    if let Err(errors) = r.content.check(r.last_event_on) {
        let messages: Vec<String> = errors.into_iter().map(|e| e.message).collect();
        return Err(format!("内容未通过检查：{}", messages.join("；")));
    }
    Ok(())
}

fn signed(s: &Signature, role: Role, step: &str) -> Result<(), String> {
    if s.role != role {
        return Err(format!(
            "{step}须由{}办理，记录为{}",
            role.label(),
            s.role.label()
        ));
    }
    if s.name.trim().is_empty() {
        return Err(format!("{step}未记录办理人"));
    }
    Ok(())
}

fn version(i: usize, v: &Version) -> Result<(), String> {
    let n = i + 1;
    if v.number as usize != n {
        return Err(format!("第{n}个版本的编号为{}", v.number));
    }
    signed(&v.review.by, Role::Reviewer, "保密审查")?;
    if v.review.conclusion != Openness::Proactive {
        return Err(format!("第{n}版的保密审查结论不是主动公开，却已发布"));
    }
    signed(&v.approval.by, Role::Head, "审批发布")?;
    match (&v.correction, n) {
        (None, 1) | (Some(_), 2..) => Ok(()),
        (Some(_), _) => Err("第1版不能是更正".to_owned()),
        (None, _) => Err(format!("第{n}版缺少更正说明")),
    }
}

/// The status agrees with the other parts of the record.
fn status(r: &DocumentRecord) -> Result<(), String> {
    let published = !r.versions.is_empty();
    let working = matches!(
        r.status,
        Status::Draft | Status::InReview | Status::AwaitingApproval
    );
    let needs_review = matches!(r.status, Status::AwaitingApproval | Status::Filed);
    let expect = [
        ("保密审查记录", r.review.is_some() == needs_review),
        (
            "不公开登记的审批",
            r.filing.is_some() == (r.status == Status::Filed),
        ),
        (
            "撤回记录",
            r.withdrawal.is_some() == (r.status == Status::Withdrawn),
        ),
        ("更正记录", r.correction.is_some() == (working && published)),
        (
            "发布版本",
            published == !matches!(r.status, Status::Filed) || working,
        ),
    ];
    if let Some((what, _)) = expect.iter().find(|(_, ok)| !ok) {
        return Err(format!("状态为“{}”，但{what}与之不符", r.status.label()));
    }
    match r.status {
        Status::Published if r.versions.len() != 1 => Err("已发布的文件应只有1个版本".into()),
        Status::Corrected if r.versions.len() < 2 => Err("已更正的文件应有2个以上版本".into()),
        Status::Filed => filed(r),
        Status::AwaitingApproval => awaiting(r),
        Status::Published | Status::Corrected | Status::Withdrawn => public(r),
        Status::Draft | Status::InReview => Ok(()),
    }
}

fn filed(r: &DocumentRecord) -> Result<(), String> {
    let review = r.review.as_ref().ok_or("缺少保密审查记录")?;
    signed(&review.by, Role::Reviewer, "保密审查")?;
    if let Some(f) = &r.filing {
        signed(&f.by, Role::Head, "审批")?;
    }
    if review.conclusion == Openness::Proactive || r.content.openness != review.conclusion {
        return Err("不公开登记的文件，其公开属性应与保密审查结论一致且不是主动公开".into());
    }
    Ok(())
}

fn awaiting(r: &DocumentRecord) -> Result<(), String> {
    let review = r.review.as_ref().ok_or("缺少保密审查记录")?;
    signed(&review.by, Role::Reviewer, "保密审查")?;
    if r.content.openness != review.conclusion {
        return Err("公开属性与保密审查结论不一致".into());
    }
    if r.correction.is_some() && review.conclusion != Openness::Proactive {
        return Err("更正的保密审查结论应为主动公开".into());
    }
    Ok(())
}

fn public(r: &DocumentRecord) -> Result<(), String> {
    match r.versions.last() {
        Some(v) if v.content == r.content => Ok(()),
        Some(_) => Err("当前内容与最后发布的版本不一致".into()),
        None => Err("没有发布版本".into()),
    }
}
