//! Writing cases: the row of a new application (stored by `create.rs`) and one step of a case,
//! one transaction with its audit events; the listed columns are derived from the domain case
//! here, in one place, so they can never disagree with it.

use super::files::{insert_attachments, insert_letters};
use super::read::to_application;
use super::{Application, CaseStep, Due, NewApplication};
use crate::agencies::corrupt;
use crate::audit;
use crate::entity::applications as apps;
use crate::migration::m0013_digest_requests::digest;
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use chrono::Datelike;
use gongkai_domain::application::Case;
use gongkai_domain::application::routing::Routing;
use gongkai_domain::report::Format;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The stable identifier serde gives a unit enum value (`natural_person`, `online` …).
pub(crate) fn id_of<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The columns that are copies of the domain case.
struct Derived {
    applicant_type: String,
    channel: String,
    status: String,
    open: bool,
    received_on: chrono::NaiveDate,
    concluded_on: Option<chrono::NaiveDate>,
    outcome: Option<String>,
}

fn derive(case: &Case) -> Derived {
    Derived {
        applicant_type: id_of(&case.applicant),
        channel: id_of(&case.receipt.channel),
        status: case.status_key().to_owned(),
        open: case.is_open(),
        received_on: case.received_on,
        concluded_on: case.concluded_on(),
        outcome: case
            .result_row(Format::F2021)
            .map(|r| r.def().key.to_owned()),
    }
}

/// A fee notice's amount as stored (分; an amount past `i64` cannot be a real notice).
fn fee_fen(f: &gongkai_domain::application::FeeNotice) -> i64 {
    i64::try_from(f.amount_fen).unwrap_or(i64::MAX)
}

/// The inbox's sort key for a deadline: the date itself, or the last day of 9999 (after every
/// real date; see migration 0007) for none.
pub(crate) fn due_order(on: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    on.unwrap_or(chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(chrono::NaiveDate::MAX))
}

fn json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|_| corrupt("申请记录"))
}

/// The row of `new`, numbered `number`, before the database gives it an id (and before it is
/// known to repeat an earlier request).
pub(super) fn new_row(
    agency: i64,
    number: String,
    new: &NewApplication,
) -> StoreResult<apps::Model> {
    let case = &new.registered.case;
    let d = derive(case);
    let now = audit::now();
    Ok(apps::Model {
        id: 0,
        agency_id: agency,
        number,
        query_code: new.query_code.clone(),
        idempotency_key: new.idempotency_key.clone(),
        case_json: json(case)?,
        applicant_json: new.applicant.json.clone(),
        request_json: new.request_json.clone(),
        applicant_name: new.applicant.name.clone(),
        applicant_phone: new.applicant.phone_digits.clone(),
        applicant_key: new.applicant.key.clone(),
        applicant_type: d.applicant_type,
        channel: d.channel,
        status: d.status,
        open: d.open,
        request_summary: new.request_summary.clone(),
        request_digest: digest(&new.request_summary),
        received_on: d.received_on,
        received_year: d.received_on.year(),
        due_on: new.due.on,
        due_provisional: new.due.provisional,
        due_order: due_order(new.due.on),
        concluded_on: d.concluded_on,
        concluded_year: d.concluded_on.map(|c| c.year()),
        outcome: d.outcome,
        fee_issued_on: case.fee.as_ref().map(|f| f.issued_on),
        fee_amount_fen: case.fee.as_ref().map(fee_fen),
        fee_paid_on: case.fee.as_ref().and_then(|f| f.paid_on),
        routing_json: json(&Routing::default())?,
        handler_id: None,
        assignee_id: None,
        duplicate_of: None,
        version: 1,
        created_at: now,
        updated_at: now,
    })
}

pub(crate) async fn commit(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
    version: i32,
    step: &CaseStep,
) -> StoreResult<Application> {
    let mut tx = store.begin().await?;
    tx.lock_agency(agency.0).await?;
    let locked = crate::period_lock::locked_years(&tx.txn, agency.0).await?;
    if !locked.is_empty() {
        let before = apps::Entity::find_by_id(id)
            .filter(apps::Column::AgencyId.eq(agency.0))
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { what: "申请" })?;
        let before: gongkai_domain::application::Case =
            serde_json::from_str(&before.case_json).map_err(|_| corrupt("申请记录"))?;
        crate::period_lock::check_case(&locked, Some(&before), &step.case)?;
    }
    let d = derive(&step.case);
    let Due { on, provisional } = step.due;
    let done = apps::Entity::update_many()
        .col_expr(apps::Column::CaseJson, Expr::value(json(&step.case)?))
        .col_expr(apps::Column::RoutingJson, Expr::value(json(&step.routing)?))
        .col_expr(
            apps::Column::HandlerId,
            Expr::value(step.routing.handler.as_ref().map(|u| u.id)),
        )
        .col_expr(
            apps::Column::AssigneeId,
            Expr::value(step.routing.assignee.as_ref().map(|p| p.id)),
        )
        .col_expr(apps::Column::Status, Expr::value(d.status))
        .col_expr(apps::Column::Open, Expr::value(d.open))
        .col_expr(apps::Column::DueOn, Expr::value(on))
        .col_expr(apps::Column::DueProvisional, Expr::value(provisional))
        .col_expr(apps::Column::DueOrder, Expr::value(due_order(on)))
        .col_expr(apps::Column::ConcludedOn, Expr::value(d.concluded_on))
        .col_expr(
            apps::Column::ConcludedYear,
            Expr::value(d.concluded_on.map(|c| c.year())),
        )
        .col_expr(apps::Column::Outcome, Expr::value(d.outcome))
        .col_expr(
            apps::Column::FeeIssuedOn,
            Expr::value(step.case.fee.as_ref().map(|f| f.issued_on)),
        )
        .col_expr(
            apps::Column::FeeAmountFen,
            Expr::value(step.case.fee.as_ref().map(fee_fen)),
        )
        .col_expr(
            apps::Column::FeePaidOn,
            Expr::value(step.case.fee.as_ref().and_then(|f| f.paid_on)),
        )
        .col_expr(apps::Column::Version, Expr::value(version + 1))
        .col_expr(apps::Column::UpdatedAt, Expr::value(audit::now()))
        .filter(apps::Column::Id.eq(id))
        .filter(apps::Column::AgencyId.eq(agency.0))
        .filter(apps::Column::Version.eq(version))
        .exec(&tx.txn)
        .await?;
    if done.rows_affected == 0 {
        let exists = apps::Entity::find_by_id(id)
            .filter(apps::Column::AgencyId.eq(agency.0))
            .one(&tx.txn)
            .await?;
        return Err(match exists {
            Some(_) => StoreError::Stale,
            None => StoreError::NotFound { what: "申请" },
        });
    }
    tx.append_events_of(agency.0, id, &step.events).await?;
    insert_attachments(&tx.txn, agency.0, id, &step.attachments).await?;
    insert_letters(&tx.txn, agency.0, id, &step.letters).await?;
    let row = apps::Entity::find_by_id(id).one(&tx.txn).await?;
    let row = row.ok_or(StoreError::NotFound { what: "申请" })?;
    tx.commit().await?;
    to_application(row)
}
