//! Filing an application: from the public form, another intake system (the API), or a clerk
//! registering one that came in person, by post or by fax. The domain registers it (the
//! 收到申请之日 of 《条例》第三十一条), the store numbers it and keeps it with its files and its
//! 接收回执, all in one transaction, so a 查询码 shown to the applicant is never lost.

use super::letters::{Frame, issue};
use super::{code, ctx, due_of};
use crate::{AppState, WebError};
use gongkai_domain::agency::Profile;
use gongkai_domain::applicant::{Applicant, Submission};
use gongkai_domain::application::{self, Receipt, Registration};
use gongkai_domain::letter::{Fields, LetterKind, chinese_date};
use gongkai_storage::Agency;
use gongkai_storage::cases::{ApplicantRecord, Application, NewApplication, NewAttachment};
use serde_json::json;

/// An application to file.
pub struct Filing {
    /// The checked form.
    pub submission: Submission,
    /// How and when it arrived.
    pub receipt: Receipt,
    /// Files that came with it.
    pub attachments: Vec<NewAttachment>,
    /// The public form's nonce (a resubmitted form finds its first submission).
    pub idempotency_key: Option<String>,
    /// Who files it: a login name, or `申请人` for the public form.
    pub actor: String,
    /// A note for the registration's audit event (why a receipt date lies in the past).
    pub note: Option<String>,
}

/// The applicant's identity number or credit code, the key repeats are found by.
fn identity_key(a: &Applicant) -> String {
    match a {
        Applicant::Person(p) => p.id_number.as_str().to_owned(),
        Applicant::Org(o) => o
            .credit_code
            .as_ref()
            .map_or(String::new(), |c| c.as_str().to_owned()),
    }
}

fn record(s: &Submission) -> ApplicantRecord {
    ApplicantRecord {
        name: s.applicant.name().to_owned(),
        phone_digits: s.applicant.phone_digits(),
        key: identity_key(&s.applicant),
        json: json!(s.applicant).to_string(),
    }
}

/// Files `f` with `agency`; the receipt (接收回执) is issued with it.
///
/// # Errors
/// [`WebError::BadInput`] when the registration breaks a rule (a date in the future, a
/// confirmation missing for 平信/互联网/传真), storage errors otherwise.
pub async fn file(state: &AppState, agency: &Agency, f: Filing) -> Result<Application, WebError> {
    let (profile, _) = state.store.profile(agency.id).await?;
    let new = prepare(state, agency, &profile, f).await?;
    Ok(state.store.create_application(agency.id, &new).await?)
}

/// The application `f` as the store takes it: registered, its deadline counted, its 查询码
/// drawn and its receipt (接收回执) filled from the agency's 公开设置 `profile`.
///
/// # Errors
/// As [`file`].
pub async fn prepare(
    state: &AppState,
    agency: &Agency,
    profile: &Profile,
    f: Filing,
) -> Result<NewApplication, WebError> {
    let cal = state.calendar();
    let reg = Registration {
        applicant: f.submission.applicant_type(),
        receipt: f.receipt,
        request: f.submission.request_text(),
    };
    let mut registered = application::register(reg, &ctx(state, &f.actor, &cal))
        .map_err(|e| WebError::BadInput(e.to_string()))?;
    if let (Some(note), Some(e)) = (&f.note, registered.events.first_mut()) {
        e.summary = format!("{}；{note}", e.summary);
    }
    let due = due_of(&registered.case, &cal);
    let query_code = code::new_code();
    let frame = Frame {
        agency,
        profile,
        applicant: f.submission.applicant.name(),
        query_code: &query_code,
        today: state.today(),
        issued_by: &f.actor,
    };
    let mut extra = Fields::new();
    if let Some(d) = due.on {
        let text = chinese_date(d) + if due.provisional { "（暂定）" } else { "" };
        extra.set("答复期限", text);
    }
    let receipt = issue(state, &registered.case, LetterKind::Receipt, &frame, &extra).await?;
    Ok(NewApplication {
        query_code,
        idempotency_key: f.idempotency_key,
        applicant: record(&f.submission),
        request_summary: f.submission.request_text(),
        request_json: json!({
            "info": f.submission.info,
            "retrieval": f.submission.retrieval,
            "delivery": f.submission.delivery,
        })
        .to_string(),
        registered,
        due,
        attachments: f.attachments,
        letters: vec![receipt],
    })
}
