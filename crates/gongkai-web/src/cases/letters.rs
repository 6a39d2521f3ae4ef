//! The letters of a case: the agency's wording of a kind (the shipped default until it writes
//! its own), filled from the case, the applicant, the agency and its settings, numbered with the
//! agency's 文号 pattern, and stored with the step that issues it.

use crate::{AppState, WebError};
use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::Profile;
use gongkai_domain::application::Case;
use gongkai_domain::letter::{
    DATE, DEFAULT_DOC_NO, DOC_NO, DocNoPattern, Fields, LetterKind, SIGNER, Template, fill,
};
use gongkai_storage::cases::NewLetter;
use gongkai_storage::{Agency, Store};

/// Who and what a letter is from and to, besides the case itself.
pub struct Frame<'a> {
    /// The agency that signs.
    pub agency: &'a Agency,
    /// Its disclosure settings (复议机关, court, 文号 pattern, contact).
    pub profile: &'a Profile,
    /// 申请人姓名或名称.
    pub applicant: &'a str,
    /// 查询码 (printed on the receipt).
    pub query_code: &'a str,
    /// The letter's date.
    pub today: NaiveDate,
    /// Who issues it (login name).
    pub issued_by: &'a str,
}

/// Whether a kind carries a 文号 (every letter but the receipt, which only acknowledges).
fn numbered(kind: LetterKind) -> bool {
    kind != LetterKind::Receipt
}

/// The next 文号 of the agency for `year`.
async fn doc_no(store: &dyn Store, frame: &Frame<'_>) -> Result<String, WebError> {
    let pattern = match frame.profile.doc_no_pattern.trim() {
        "" => DEFAULT_DOC_NO,
        p => p,
    };
    let short = match frame.profile.short_name.trim() {
        "" => frame.agency.name.as_str(),
        s => s,
    };
    let pattern =
        DocNoPattern::parse(pattern, short).map_err(|e| WebError::BadInput(e.to_string()))?;
    let year = frame.today.year();
    let serial = store
        .next_serial(frame.agency.id, &format!("letter:{year}"))
        .await?;
    Ok(pattern.format(year, u32::try_from(serial).unwrap_or(u32::MAX)))
}

/// The fields every letter of the case has.
fn base_fields(case: &Case, frame: &Frame<'_>) -> Fields {
    let mut f = Fields::from_case(case);
    f.set("申请人", frame.applicant)
        .set(SIGNER, frame.agency.name.clone())
        .set("查询码", crate::cases::code::display(frame.query_code))
        .set_date(DATE, frame.today);
    if !frame.profile.contact_person.trim().is_empty() {
        f.set("联系人", frame.profile.contact_person.clone());
    }
    if !frame.agency.contact.phone.trim().is_empty() {
        f.set("联系电话", frame.agency.contact.phone.clone());
    }
    f.set_remedies(case, &frame.profile.review_organ, &frame.profile.court);
    f
}

/// Fills, numbers and packs a letter of `kind` to be stored with a step.
///
/// # Errors
/// [`WebError::BadInput`] when the letter lacks a value (the message names it).
pub async fn issue(
    state: &AppState,
    case: &Case,
    kind: LetterKind,
    frame: &Frame<'_>,
    extra: &Fields,
) -> Result<NewLetter, WebError> {
    let mut f = base_fields(case, frame);
    f.merge(extra);
    let template = Template::default_for(kind);
    let filled = |f: &Fields| fill(&template, f).map_err(|e| WebError::BadInput(e.to_string()));
    // Fill without a number first, so a missing value costs no 文号; a letter without one
    // (the receipt of every online submission) is filled once.
    let mut letter = filled(&f)?;
    let number = if numbered(kind) {
        let n = doc_no(state.store.as_ref(), frame).await?;
        f.set(DOC_NO, n.clone());
        letter = filled(&f)?;
        Some(n)
    } else {
        None
    };
    let json = serde_json::to_string(&letter)
        .map_err(|_| WebError::Internal("letter serialisation failed"))?;
    Ok(NewLetter {
        kind: kind.id().to_owned(),
        doc_no: number,
        letter_json: json,
        public: !matches!(kind, LetterKind::Consultation(_)),
        issued_on: frame.today,
        issued_by: frame.issued_by.to_owned(),
    })
}
