//! Every workflow step of a document (`disclosure::Command`) from the step forms of the document
//! page, run by the domain and saved by the store with its audit events. The API sends the
//! command as JSON and shares [`run`].

use super::{Refused, ctx};
use crate::AppState;
use gongkai_domain::disclosure::{
    Command, IndexNo, Openness, ReassessOutcome, Validity, apply, parse_date,
};
use gongkai_storage::documents::StoredDocument;
use gongkai_storage::{Agency, User};
use serde::Deserialize;

/// The fields of every step form (each form posts the ones it has).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    /// CSRF token.
    pub csrf: String,
    /// The document's version the form was shown with.
    pub version: i32,
    /// Which step: `submit`, `review`, `return`, `approve`, `withdraw`, `correct`,
    /// `cancel_correction`, `validity`, `reassess`.
    pub step: String,
    /// 审查结论: `proactive`, `on_request` or `withheld`.
    pub conclusion: String,
    /// 不予公开的理由 (with `withheld`).
    pub ground: String,
    /// 审查依据 / 评估依据.
    pub basis: String,
    /// 不予公开的部分.
    pub withheld_parts: String,
    /// 退回 / 撤回 / 更正 理由.
    pub reason: String,
    /// 审批意见 / 更正说明.
    pub note: String,
    /// 有效性: `valid`, `expired` or `repealed`.
    pub validity: String,
    /// 失效 / 废止日期.
    pub validity_on: String,
    /// 替代文件的索引号.
    pub replaced_by: String,
    /// 评估结论: `keep` or `disclose`.
    pub outcome: String,
}

/// The command a step form asks for, or what is missing (in Chinese).
pub fn parse(f: &StepForm) -> Result<Command, String> {
    let text = |s: &String| s.trim().to_owned();
    Ok(match f.step.as_str() {
        "submit" => Command::Submit,
        "review" => Command::Review {
            conclusion: conclusion(f)?,
            basis: text(&f.basis),
            withheld_parts: text(&f.withheld_parts),
        },
        "return" => Command::Return {
            reason: text(&f.reason),
        },
        "approve" => Command::Approve {
            note: text(&f.note),
        },
        "withdraw" => Command::Withdraw {
            reason: text(&f.reason),
        },
        "correct" => Command::OpenCorrection {
            reason: text(&f.reason),
            note: text(&f.note),
        },
        "cancel_correction" => Command::CancelCorrection,
        "validity" => Command::SetValidity {
            validity: validity(f)?,
        },
        "reassess" => Command::Reassess {
            basis: text(&f.basis),
            outcome: match f.outcome.as_str() {
                "keep" => ReassessOutcome::Keep,
                "disclose" => ReassessOutcome::Disclose,
                _ => return Err("请选择评估结论：继续不予公开，或可以公开".into()),
            },
        },
        _ => return Err("未知的办理环节".into()),
    })
}

fn conclusion(f: &StepForm) -> Result<Openness, String> {
    Openness::parse(&f.conclusion, &f.ground).map_err(|missing| match missing {
        "ground" => "审查结论为不予公开的，请选择《条例》第十四至十六条规定的理由".to_owned(),
        _ => "请选择审查结论：主动公开、依申请公开或不予公开".to_owned(),
    })
}

fn validity(f: &StepForm) -> Result<Validity, String> {
    let on = || {
        parse_date(&f.validity_on).ok_or_else(|| "请填写失效或废止的日期，如2026-03-01".to_owned())
    };
    Ok(match f.validity.as_str() {
        "valid" => Validity::Valid,
        "expired" => Validity::Expired { on: on()? },
        "repealed" => Validity::Repealed {
            on: on()?,
            replaced_by: match f.replaced_by.trim() {
                "" => None,
                s => Some(IndexNo::parse(s).map_err(|e| e.to_string())?),
            },
        },
        _ => return Err("请选择有效性：有效、失效或废止".into()),
    })
}

/// Runs `command` on `doc` as `user` and saves it if the document is still at `version`.
pub async fn run(
    state: &AppState,
    user: &User,
    agency: &Agency,
    doc: &StoredDocument,
    version: i32,
    command: Command,
) -> Result<StoredDocument, Refused> {
    let step = apply(&doc.document, command, &ctx(state, user))?;
    Ok(state
        .store
        .commit_document(agency.id, doc.id, version, &step)
        .await?)
}
