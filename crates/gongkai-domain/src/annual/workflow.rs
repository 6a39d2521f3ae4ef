//! The report's workflow: 草稿 → 待审核 → 待批准 → 待发布 → 已发布 (`REGULATION.md` §2.1: the
//! 政府信息公开工作机构 compiles it, Art.4(三); the leader in charge answers for it, 30号).
//!
//! A step is a pure function of the record, the action and what the caller checked (the rule
//! findings of the compiled report); it returns the record after and the audit event to write in
//! the same transaction. A published version is never changed: a correction is a new version
//! (2, 3 …) that goes through the same steps, carries a 更正说明, and replaces the published one
//! only when it is published itself.

use super::{Inputs, Record};
use crate::audit::AuditEvent;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a version of the report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 草稿: the office writes it.
    Draft,
    /// 待审核: submitted; the reviewer checks it.
    Submitted,
    /// 待批准: reviewed; the 负责人 approves it.
    Reviewed,
    /// 待发布: approved; ready to go on the 专栏.
    Approved,
    /// 已发布: on the 专栏; never changed again.
    Published,
    /// 已更正: a later version was published in its place (kept, still readable).
    Superseded,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Submitted,
        Status::Reviewed,
        Status::Approved,
        Status::Published,
        Status::Superseded,
    ];

    /// The stable key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Reviewed => "reviewed",
            Status::Approved => "approved",
            Status::Published => "published",
            Status::Superseded => "superseded",
        }
    }

    /// Parses [`Status::key`].
    pub fn parse(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::Submitted => "待审核",
            Status::Reviewed => "待批准",
            Status::Approved => "待发布",
            Status::Published => "已发布",
            Status::Superseded => "已被更正版本取代",
        }
    }
}

/// A step of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// 提交审核 (the office).
    Submit,
    /// 审核通过 (the reviewer).
    Review,
    /// 批准 (the 负责人).
    Approve,
    /// 发布 on the 专栏.
    Publish,
    /// 退回修改, with the reason.
    Return {
        /// Why.
        reason: String,
    },
}

impl Action {
    /// The stable key (audit log, API).
    pub fn key(&self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Review => "review",
            Action::Approve => "approve",
            Action::Publish => "publish",
            Action::Return { .. } => "return",
        }
    }

    /// The button label.
    pub fn label(&self) -> &'static str {
        match self {
            Action::Submit => "提交审核",
            Action::Review => "审核通过",
            Action::Approve => "批准",
            Action::Publish => "发布到专栏",
            Action::Return { .. } => "退回修改",
        }
    }
}

/// Why a step or an edit is refused; the message is for the person who tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The step does not apply in this status.
    #[error("年度报告当前状态为“{status}”，不能{action}")]
    NotNow {
        /// The status label.
        status: &'static str,
        /// The action label.
        action: &'static str,
    },
    /// A published version is never changed.
    #[error("已发布的年度报告不能修改；如需更正，请新建更正版本并写明更正说明")]
    Published,
    /// Only a draft is edited.
    #[error("年度报告已提交（当前状态“{0}”），不能修改；如需修改，请审核人或负责人先退回")]
    NotDraft(&'static str),
    /// The compiled report breaks a rule of severity error.
    #[error("年度报告有{0}处错误，须改正后才能提交")]
    HasErrors(usize),
    /// A section still holds a placeholder of the prefilled draft.
    #[error("“{0}”还有【待填写】的内容，请填写后再提交")]
    Placeholder(String),
    /// A return needs its reason.
    #[error("退回时请写明退回理由")]
    NoReason,
    /// A correction needs its 更正说明.
    #[error("更正版本须写明更正说明（更正了什么、为什么）")]
    NoCorrectionNote,
    /// A text is too long.
    #[error("“{0}”过长（不超过{1}字）")]
    TooLong(String, usize),
}

/// The placeholder the prefilled draft leaves where only people can write.
pub const PLACEHOLDER: &str = "【待填写】";

/// What the caller checked before the step.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    /// Who acts (login name).
    pub actor: &'a str,
    /// Today.
    pub on: NaiveDate,
    /// How many findings of severity error the compiled report has.
    pub errors: usize,
}

/// A step's result: the record after and its audit event.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// The record after the step.
    pub record: Record,
    /// What to write to the audit log, in the same transaction.
    pub events: Vec<AuditEvent>,
}

const MAX_SECTION: usize = 20_000;
const MAX_REASON: usize = 500;

fn event(
    record: &Record,
    actor: &str,
    action: &str,
    before: Option<Status>,
    summary: String,
    on: NaiveDate,
) -> AuditEvent {
    AuditEvent {
        actor: actor.to_owned(),
        action: action.to_owned(),
        subject: "annual_report".to_owned(),
        subject_id: String::new(),
        before: before.map(|s| s.key().to_owned()),
        after: Some(record.status.key().to_owned()),
        summary,
        on,
    }
}

fn title(record: &Record) -> String {
    if record.version > 1 {
        format!("{}年年度报告（第{}版更正）", record.year, record.version)
    } else {
        format!("{}年年度报告", record.year)
    }
}

/// Saves what people wrote into a draft.
///
/// # Errors
/// The version is not a draft, or a text is too long.
pub fn edit(record: &Record, inputs: Inputs, by: &Checked<'_>) -> Result<Transition, ReportError> {
    match record.status {
        Status::Draft => {}
        Status::Published | Status::Superseded => return Err(ReportError::Published),
        s => return Err(ReportError::NotDraft(s.label())),
    }
    for (key, text) in &inputs.sections {
        if text.chars().count() > MAX_SECTION {
            return Err(ReportError::TooLong(section_name(key), MAX_SECTION));
        }
    }
    let mut after = record.clone();
    after.inputs = inputs;
    let e = event(
        &after,
        by.actor,
        "report_saved",
        Some(record.status),
        format!("保存{}草稿", title(record)),
        by.on,
    );
    Ok(Transition {
        record: after,
        events: vec![e],
    })
}

fn section_name(key: &str) -> String {
    crate::report::section::SECTIONS
        .iter()
        .find(|d| d.key == key)
        .map(|d| {
            if d.heading.is_empty() {
                "前言".to_owned()
            } else {
                d.heading.to_owned()
            }
        })
        .unwrap_or_else(|| key.to_owned())
}

/// Takes `action` on the record.
///
/// # Errors
/// The action does not apply in the record's status; submitting with errors or placeholders;
/// a return without a reason.
pub fn step(record: &Record, action: &Action, by: &Checked<'_>) -> Result<Transition, ReportError> {
    use Status as S;
    let not_now = || ReportError::NotNow {
        status: record.status.label(),
        action: action.label(),
    };
    let next = match (record.status, action) {
        (S::Published | S::Superseded, Action::Publish) => {
            return Err(ReportError::NotNow {
                status: record.status.label(),
                action: "重复发布",
            });
        }
        (S::Published | S::Superseded, _) => return Err(ReportError::Published),
        (S::Draft, Action::Submit) => {
            if by.errors > 0 {
                return Err(ReportError::HasErrors(by.errors));
            }
            if let Some((key, _)) = record
                .inputs
                .sections
                .iter()
                .find(|(_, text)| text.contains(PLACEHOLDER))
            {
                return Err(ReportError::Placeholder(section_name(key)));
            }
            S::Submitted
        }
        (S::Submitted, Action::Review) => S::Reviewed,
        (S::Reviewed, Action::Approve) => S::Approved,
        (S::Approved, Action::Publish) => {
            // The data may have changed since submission; the published version must be right.
            if by.errors > 0 {
                return Err(ReportError::HasErrors(by.errors));
            }
            S::Published
        }
        (S::Submitted | S::Reviewed | S::Approved, Action::Return { reason }) => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(ReportError::NoReason);
            }
            if reason.chars().count() > MAX_REASON {
                return Err(ReportError::TooLong("退回理由".into(), MAX_REASON));
            }
            S::Draft
        }
        _ => return Err(not_now()),
    };
    let mut after = record.clone();
    after.status = next;
    after.returned_reason = match action {
        Action::Return { reason } => Some(reason.trim().to_owned()),
        Action::Submit => None,
        _ => record.returned_reason.clone(),
    };
    let summary = match action {
        Action::Return { reason } => format!("{}退回修改：{}", title(record), reason.trim()),
        a => format!("{}：{}", title(record), a.label()),
    };
    let e = event(
        &after,
        by.actor,
        &format!("report_{}", action.key()),
        Some(record.status),
        summary,
        by.on,
    );
    Ok(Transition {
        record: after,
        events: vec![e],
    })
}

/// Starts a correction of a published version: a new draft (next version number) with the same
/// inputs and the 更正说明. The published version stays until the correction is published.
///
/// # Errors
/// The record is not the published version, or the note is missing or too long.
pub fn correct(
    published: &Record,
    note: &str,
    by: &Checked<'_>,
) -> Result<Transition, ReportError> {
    if published.status != Status::Published {
        return Err(ReportError::NotNow {
            status: published.status.label(),
            action: "新建更正版本",
        });
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(ReportError::NoCorrectionNote);
    }
    if note.chars().count() > MAX_REASON {
        return Err(ReportError::TooLong("更正说明".into(), MAX_REASON));
    }
    let mut after = published.clone();
    after.version = published.version + 1;
    after.status = Status::Draft;
    after.correction_note = Some(note.to_owned());
    after.returned_reason = None;
    let e = event(
        &after,
        by.actor,
        "report_correction_started",
        None,
        format!("新建{}：{}", title(&after), note),
        by.on,
    );
    Ok(Transition {
        record: after,
        events: vec![e],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(errors: usize) -> Checked<'static> {
        Checked {
            actor: "clerk",
            on: "2027-01-10".parse().unwrap(),
            errors,
        }
    }

    fn run(r: &Record, a: Action) -> Record {
        step(r, &a, &by(0)).unwrap().record
    }

    #[test]
    fn the_full_path_and_its_events() {
        let r = Record::new(2026, Inputs::default());
        let t = step(&r, &Action::Submit, &by(0)).unwrap();
        assert_eq!(t.record.status, Status::Submitted);
        assert_eq!(t.events[0].action, "report_submit");
        assert_eq!(t.events[0].before.as_deref(), Some("draft"));
        let r = run(
            &run(&run(&t.record, Action::Review), Action::Approve),
            Action::Publish,
        );
        assert_eq!(r.status, Status::Published);
        let again = step(&r, &Action::Publish, &by(0)).unwrap_err();
        assert!(again.to_string().contains("重复发布"), "{again}");
        assert_eq!(
            edit(&r, Inputs::default(), &by(0)).unwrap_err(),
            ReportError::Published
        );
    }

    #[test]
    fn errors_and_placeholders_block_submission() {
        let mut r = Record::new(2026, Inputs::default());
        assert_eq!(
            step(&r, &Action::Submit, &by(2)).unwrap_err(),
            ReportError::HasErrors(2)
        );
        r.inputs
            .sections
            .insert("problems".into(), format!("{PLACEHOLDER}本年度问题"));
        let e = step(&r, &Action::Submit, &by(0)).unwrap_err();
        assert!(
            e.to_string().contains("五、存在的主要问题及改进情况"),
            "{e}"
        );
    }

    #[test]
    fn a_return_needs_a_reason_and_reopens_the_draft() {
        let r = run(&Record::new(2026, Inputs::default()), Action::Submit);
        let blank = Action::Return {
            reason: "  ".into(),
        };
        assert_eq!(step(&r, &blank, &by(0)).unwrap_err(), ReportError::NoReason);
        let back = run(
            &r,
            Action::Return {
                reason: "表二数字请核对".into(),
            },
        );
        assert_eq!(back.status, Status::Draft);
        assert_eq!(back.returned_reason.as_deref(), Some("表二数字请核对"));
        assert!(edit(&back, Inputs::default(), &by(0)).is_ok());
        assert!(matches!(
            edit(&r, Inputs::default(), &by(0)),
            Err(ReportError::NotDraft("待审核"))
        ));
        // Steps out of order are refused with both names.
        let e = step(&back, &Action::Approve, &by(0)).unwrap_err();
        assert_eq!(e.to_string(), "年度报告当前状态为“草稿”，不能批准");
    }

    #[test]
    fn a_correction_is_a_new_version_with_its_note() {
        let mut r = Record::new(2025, Inputs::default());
        r.status = Status::Published;
        assert_eq!(
            correct(&r, " ", &by(0)).unwrap_err(),
            ReportError::NoCorrectionNote
        );
        let c = correct(&r, "表三第二行数字更正", &by(0)).unwrap();
        assert_eq!((c.record.version, c.record.status), (2, Status::Draft));
        assert_eq!(
            c.record.correction_note.as_deref(),
            Some("表三第二行数字更正")
        );
        assert!(correct(&c.record, "再次", &by(0)).is_err());
    }
}
