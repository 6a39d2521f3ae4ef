//! Opening, saving and stepping an agency-year's report. Every write compiles the report again
//! from the data as it is now and stores it beside the record, so the workflow judges (and the
//! supervisor sees) the numbers of that moment; publishing refuses a report that no longer
//! passes, whatever it passed when submitted.

use super::compile::{Compiled, compile};
use crate::{AppState, WebError};
use gongkai_domain::account::Role;
use gongkai_domain::annual::draft::{Letterhead, prefill};
use gongkai_domain::annual::workflow::{self, Checked, Transition};
use gongkai_domain::annual::{Action, Inputs, Record, Status};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::report::section::SECTIONS;
use gongkai_storage::reports::StoredReport;
use gongkai_storage::{Agency, StoreError, User};

/// Told to whoever saves over someone else's change.
pub const STALE: &str = "此年度报告已被他人修改，请刷新后再操作";

/// Whether `role` writes the report (the 政府信息公开工作机构, 《条例》第四条: its clerks and
/// its administrator).
pub fn writes(role: Role) -> bool {
    matches!(role, Role::Clerk | Role::AgencyAdmin)
}

/// Whether `role` may take `action` (on its own agency's report).
pub fn may(role: Role, action: &Action) -> bool {
    match action {
        Action::Submit => writes(role),
        Action::Review => role == Role::Reviewer,
        Action::Approve => role == Role::Head,
        Action::Publish => matches!(role, Role::Head | Role::AgencyAdmin),
        Action::Return { .. } => matches!(role, Role::Reviewer | Role::Head),
    }
}

/// Whether `role` may start a correction of a published report.
pub fn may_correct(role: Role) -> bool {
    writes(role) || role == Role::Head
}

fn refused(e: StoreError) -> WebError {
    match e {
        StoreError::Stale => WebError::BadInput(STALE.into()),
        StoreError::Invalid(m) => WebError::BadInput(m),
        e @ StoreError::Conflict { .. } => WebError::BadInput(e.to_string()),
        other => other.into(),
    }
}

fn checked<'a>(state: &AppState, user: &'a User, c: &Compiled) -> Checked<'a> {
    Checked {
        actor: user.username.as_str(),
        on: state.today(),
        errors: c.errors(),
    }
}

/// The newest version of `agency`'s report on `year`, if any.
///
/// # Errors
/// A storage failure.
pub async fn current(
    state: &AppState,
    agency: &Agency,
    year: i32,
) -> Result<Option<StoredReport>, WebError> {
    Ok(state
        .store
        .report_versions(agency.id, year)
        .await?
        .into_iter()
        .next())
}

/// The inputs of a new draft: the narrative prefilled from the data compiled now.
async fn first_inputs(state: &AppState, agency: &Agency, year: i32) -> Result<Inputs, WebError> {
    let bare = compile(state, agency, year, &Inputs::default()).await?;
    let (profile, _) = state.store.profile(agency.id).await?;
    let head = Letterhead {
        agency: &agency.name,
        office: &profile.office,
        address: &agency.contact.address,
        phone: &agency.contact.phone,
    };
    let sections = prefill(&bare.report, &head)
        .into_iter()
        .filter_map(|(section, text)| {
            let def = SECTIONS.iter().find(|d| d.section == section)?;
            Some((def.key.to_owned(), text))
        })
        .collect();
    Ok(Inputs {
        sections,
        ..Inputs::default()
    })
}

/// Opens the draft of `agency`'s report on `year`: the newest version, or a new prefilled draft.
///
/// # Errors
/// The user does not write reports; a storage failure.
pub async fn open(
    state: &AppState,
    user: &User,
    agency: &Agency,
    year: i32,
) -> Result<StoredReport, WebError> {
    if let Some(r) = current(state, agency, year).await? {
        return Ok(r);
    }
    if !writes(user.role) {
        return Err(WebError::BadInput(format!(
            "{year}年度报告尚未编制；请由经办人或公开办管理员开始编制"
        )));
    }
    let record = Record::new(year, first_inputs(state, agency, year).await?);
    let compiled = compile(state, agency, year, &record.inputs).await?;
    let created = Transition {
        events: vec![AuditEvent {
            actor: user.username.as_str().to_owned(),
            action: "report_created".into(),
            subject: "annual_report".into(),
            subject_id: String::new(),
            before: None,
            after: Some(Status::Draft.key().into()),
            summary: format!("开始编制{year}年年度报告（由平台数据生成初稿）"),
            on: state.today(),
        }],
        record,
    };
    match state
        .store
        .create_report(agency.id, &created, &compiled.stored())
        .await
    {
        Ok(r) => Ok(r),
        // Someone opened it at the same moment: theirs is the draft.
        Err(StoreError::Conflict { .. }) => current(state, agency, year)
            .await?
            .ok_or(WebError::Internal("report vanished after a conflict")),
        Err(e) => Err(refused(e)),
    }
}

/// Saves what people wrote into the draft at `revision`.
///
/// # Errors
/// Not a draft, someone else saved first, a text too long; a storage failure.
pub async fn save(
    state: &AppState,
    user: &User,
    agency: &Agency,
    r: &StoredReport,
    revision: i32,
    inputs: Inputs,
) -> Result<StoredReport, WebError> {
    let compiled = compile(state, agency, r.record.year, &inputs).await?;
    let t = workflow::edit(&r.record, inputs, &checked(state, user, &compiled));
    commit(state, agency, r, revision, t, &compiled).await
}

/// Stores the domain's answer `t` (a refusal becomes the 422 message) with the compiled report.
async fn commit(
    state: &AppState,
    agency: &Agency,
    r: &StoredReport,
    revision: i32,
    t: Result<Transition, gongkai_domain::annual::ReportError>,
    compiled: &Compiled,
) -> Result<StoredReport, WebError> {
    let t = t.map_err(|e| WebError::BadInput(e.to_string()))?;
    state
        .store
        .commit_report(agency.id, r.id, revision, &t, &compiled.stored())
        .await
        .map_err(refused)
}

/// Takes the step named `key` (`submit`, `review`, `approve`, `publish`, `return`, `correct`)
/// — the back office's form and the API's JSON alike. `text` is the reason of a return or the
/// 更正说明 of a correction.
///
/// # Errors
/// An unknown key, and whatever [`step`] and [`correct`] refuse.
pub async fn take(
    state: &AppState,
    user: &User,
    agency: &Agency,
    r: &StoredReport,
    revision: i32,
    key: &str,
    text: String,
) -> Result<StoredReport, WebError> {
    let action = match key {
        "correct" => return correct(state, user, agency, r, &text).await,
        "submit" => Action::Submit,
        "review" => Action::Review,
        "approve" => Action::Approve,
        "publish" => Action::Publish,
        "return" => Action::Return { reason: text },
        _ => return Err(WebError::BadInput(format!("未知的操作“{key}”"))),
    };
    step(state, user, agency, r, revision, &action).await
}

/// Takes `action` on the version at `revision`.
///
/// # Errors
/// The role may not, the workflow refuses (errors in the report, a return without a reason …),
/// someone else changed it first; a storage failure.
pub async fn step(
    state: &AppState,
    user: &User,
    agency: &Agency,
    r: &StoredReport,
    revision: i32,
    action: &Action,
) -> Result<StoredReport, WebError> {
    if user.agency_id != agency.id || !may(user.role, action) {
        return Err(WebError::Forbidden);
    }
    let compiled = compile(state, agency, r.record.year, &r.record.inputs).await?;
    let t = workflow::step(&r.record, action, &checked(state, user, &compiled));
    commit(state, agency, r, revision, t, &compiled).await
}

/// Starts a correction of the published version `r` with its 更正说明.
///
/// # Errors
/// The role may not, `r` is not the published version, the note is missing; a storage failure.
pub async fn correct(
    state: &AppState,
    user: &User,
    agency: &Agency,
    r: &StoredReport,
    note: &str,
) -> Result<StoredReport, WebError> {
    if user.agency_id != agency.id || !may_correct(user.role) {
        return Err(WebError::Forbidden);
    }
    let compiled = compile(state, agency, r.record.year, &r.record.inputs).await?;
    let t = workflow::correct(&r.record, note, &checked(state, user, &compiled))
        .map_err(|e| WebError::BadInput(e.to_string()))?;
    state
        .store
        .create_report(agency.id, &t, &compiled.stored())
        .await
        .map_err(refused)
}
