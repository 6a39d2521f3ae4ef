//! Running a step: the domain applies the command (or names the article it breaks), the
//! deadline is recomputed, the letter the step calls for is filled and numbered, and the store
//! saves state, events and letter in one transaction — or refuses if someone else changed the
//! case first.

use super::form::{StepForm, fee_of};
use crate::cases::letters::{Frame, issue};
use crate::cases::{ctx, due_of};
use crate::page::FieldErrors;
use crate::{AppState, WebError};
use gongkai_domain::application::routing::{RoutingCommand, route};
use gongkai_domain::application::{self, Command, Status};
use gongkai_domain::letter::{Fields, LetterKind, chinese_date};
use gongkai_storage::cases::{Application, CaseStep, NewLetter};
use gongkai_storage::{Agency, User};

/// The letter a command issues, if any.
fn letter_kind(cmd: &Command, case_after: &application::Case) -> Option<LetterKind> {
    Some(match cmd {
        Command::RequestCorrection { .. } => LetterKind::CorrectionNotice,
        Command::Extend { .. } => LetterKind::ExtensionNotice,
        Command::StartConsultation { party, .. } => LetterKind::Consultation(*party),
        Command::IssueFeeNotice { .. } => LetterKind::FeeNotice,
        Command::RequestReasons { .. } => LetterKind::ReasonsNotice,
        Command::DeferDeadline { .. } => LetterKind::DeferredNotice,
        Command::LapseCorrection => LetterKind::CorrectionLapsed,
        Command::LapseFee => LetterKind::FeeLapsed,
        Command::Decide { decision, .. } => LetterKind::for_reply(decision.reply),
        _ => {
            let _ = case_after;
            return None;
        }
    })
}

/// What the letter needs beyond the case: the new deadline, the party, the fee's terms.
fn extra_fields(
    cmd: &Command,
    form: &StepForm,
    after: &application::Case,
    state: &AppState,
) -> Fields {
    let mut f = Fields::new();
    let cal = state.calendar();
    let due = crate::cases::due_of(after, &cal);
    match due.on {
        Some(d) => {
            let mark = if due.provisional { "（暂定）" } else { "" };
            f.set("答复期限", format!("{}{mark}", chinese_date(d)));
        }
        None if after.is_open() => {
            f.set(
                "答复期限",
                "征求意见或缴费期间暂停计算，恢复计算后依法顺延的日期",
            );
        }
        None => {}
    }
    match cmd {
        Command::StartConsultation { name, .. } => {
            f.set("第三方", name.clone())
                .set("共同制作机关", name.clone());
        }
        Command::IssueFeeNotice { .. } => {
            let mut e = FieldErrors::new();
            if let Some(a) = fee_of(&mut e, form) {
                f.set("收费标准", a.lines().join("；"));
            }
            let how = form.pay_how.trim();
            f.set(
                "缴费方式",
                if how.is_empty() {
                    "持缴款通知书通过非税收入收缴系统缴入国库"
                } else {
                    how
                },
            );
        }
        Command::Extend { .. } | Command::DeferDeadline { .. }
            if !form.reasons.trim().is_empty() =>
        {
            f.set("理由", form.reasons.trim());
        }
        Command::RequestReasons { on } => {
            if let Ok(d) = gongkai_domain::deadline::add_workdays_with(
                &cal,
                *on,
                10,
                gongkai_domain::deadline::Mode::Provisional,
            ) {
                f.set_date("说明理由期限", d.value);
            }
        }
        _ => {}
    }
    if let Status::Decided { .. } = after.status {
        f.set("提供方式", "随本答复书一并提供")
            .set("获取途径", "本机关政府信息公开专栏");
    }
    f
}

/// Applies `cmd` to `app` as `me` and saves it with its letter.
///
/// # Errors
/// [`WebError::BadInput`] with the rule broken; [`gongkai_storage::StoreError::Stale`] when
/// the case changed since the form was shown.
pub async fn run_command(
    state: &AppState,
    me: &User,
    agency: &Agency,
    app: &Application,
    version: i32,
    cmd: Command,
    form: &StepForm,
) -> Result<Application, WebError> {
    if version != app.version {
        // The form (or API call) was made against an older state: the case moved on since.
        return Err(gongkai_storage::StoreError::Stale.into());
    }
    let cal = state.calendar();
    let actor = me.username.as_str().to_owned();
    let t = application::apply(&app.case, cmd.clone(), &ctx(state, &actor, &cal))
        .map_err(|e| WebError::BadInput(e.to_string()))?;
    let mut letters: Vec<NewLetter> = Vec::new();
    if let Some(kind) = letter_kind(&cmd, &t.case) {
        let (profile, _) = state.store.profile(agency.id).await?;
        let frame = Frame {
            agency,
            profile: &profile,
            applicant: &app.applicant_name,
            query_code: &app.query_code,
            today: state.today(),
            issued_by: &actor,
        };
        let extra = extra_fields(&cmd, form, &t.case, state);
        letters.push(issue(state, &t.case, kind, &frame, &extra).await?);
    }
    let step = CaseStep {
        due: due_of(&t.case, &cal),
        case: t.case,
        routing: app.routing.clone(),
        events: t.events,
        attachments: vec![],
        letters,
    };
    Ok(state
        .store
        .commit_step(agency.id, app.id, version, &step)
        .await?)
}

/// Applies a routing step (签收/转办/退回/指派) and saves it.
///
/// # Errors
/// [`WebError::BadInput`] with the rule broken; a stale version.
pub async fn routing_step(
    state: &AppState,
    actor: &str,
    app: &Application,
    version: i32,
    cmd: RoutingCommand,
) -> Result<Application, WebError> {
    let cal = state.calendar();
    let (routing, event) = route(&app.routing, cmd, &ctx(state, actor, &cal))
        .map_err(|e| WebError::BadInput(e.to_string()))?;
    let step = CaseStep {
        case: app.case.clone(),
        routing,
        due: app.due,
        events: vec![event],
        attachments: vec![],
        letters: vec![],
    };
    Ok(state
        .store
        .commit_step(app.agency_id, app.id, version, &step)
        .await?)
}
