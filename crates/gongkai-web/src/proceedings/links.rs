//! 申请编号 ↔ application id: a clerk names the cases a proceeding concerns by the number printed
//! on the receipt (`2026-00012`); the record keeps ids. Only the agency's own applications are
//! found, so a number of another agency reads as unknown.

use crate::{AppState, WebError};
use gongkai_storage::cases::CaseFilter;
use gongkai_storage::{AgencyId, Scope};

/// A linked application as shown.
pub struct Linked {
    /// Its id (for the link to the case page).
    pub id: i64,
    /// Its 申请编号.
    pub number: String,
}

/// The numbers typed into one field, separated by spaces, commas, 、 or semicolons.
pub fn split_numbers(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in typed.split(|c: char| c.is_whitespace() || ",，、;；".contains(c)) {
        if !n.is_empty() && !out.iter().any(|o| o == n) {
            out.push(n.to_owned());
        }
    }
    out
}

/// The id of `agency`'s application with this 申请编号.
///
/// # Errors
/// A storage failure.
pub async fn resolve(
    state: &AppState,
    agency: AgencyId,
    number: &str,
) -> Result<Option<i64>, WebError> {
    let f = CaseFilter {
        code: Some(number.to_owned()),
        ..CaseFilter::default()
    };
    let (rows, _) = state
        .store
        .applications(Scope::agency(agency), &f, 0, 5)
        .await?;
    Ok(rows.into_iter().find(|r| r.number == number).map(|r| r.id))
}

/// Every number typed resolved to an id, or the message naming those not found.
///
/// # Errors
/// A storage failure.
pub async fn resolve_all(
    state: &AppState,
    agency: AgencyId,
    typed: &str,
) -> Result<Result<Vec<i64>, String>, WebError> {
    let numbers = split_numbers(typed);
    if numbers.is_empty() {
        return Ok(Err(
            "请填写至少一个本机关的申请编号（如 2026-00012）".to_owned()
        ));
    }
    let (mut ids, mut unknown) = (Vec::new(), Vec::new());
    for n in &numbers {
        match resolve(state, agency, n).await? {
            Some(id) => ids.push(id),
            None => unknown.push(n.as_str()),
        }
    }
    if unknown.is_empty() {
        Ok(Ok(ids))
    } else {
        Ok(Err(format!(
            "本机关没有申请编号为 {} 的申请",
            unknown.join("、")
        )))
    }
}

/// The numbers of the linked applications (all of `agency`, as the store guarantees).
///
/// # Errors
/// A storage failure.
pub async fn numbers(
    state: &AppState,
    agency: AgencyId,
    ids: &[i64],
) -> Result<Vec<Linked>, WebError> {
    let mut out = Vec::new();
    for id in ids {
        let app = state.store.application(Scope::agency(agency), *id).await?;
        out.push(Linked {
            id: *id,
            number: app.number,
        });
    }
    Ok(out)
}

/// The proceedings about one application (for its case page).
///
/// # Errors
/// A storage failure.
pub async fn of_application(
    state: &AppState,
    app: &gongkai_storage::cases::Application,
) -> Result<Vec<gongkai_storage::proceedings::StoredProceeding>, WebError> {
    let f = gongkai_storage::proceedings::ProceedingFilter {
        application: Some(app.id),
        ..Default::default()
    };
    let (rows, _) = state
        .store
        .proceedings(Scope::agency(app.agency_id), &f, 0, 50)
        .await?;
    Ok(rows)
}
