//! Writing cases: a new application (numbered, with files and events) and one step of a case,
//! each one transaction with its audit events; the listed columns are derived from the domain
//! case here, in one place, so they can never disagree with it.

use super::files::{insert_attachments, insert_letters, next_in};
use super::read::to_application;
use super::{Application, CaseStep, Due, NewApplication};
use crate::agencies::corrupt;
use crate::audit::{self, Tx};
use crate::entity::applications as apps;
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use chrono::Datelike;
use gongkai_domain::application::Case;
use gongkai_domain::application::routing::Routing;
use gongkai_domain::report::Format;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, Set};

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

/// An earlier application to `agency` by the same applicant asking the same, within a year.
async fn earlier_same(tx: &Tx<'_>, agency: i64, new: &NewApplication) -> StoreResult<Option<i64>> {
    if new.applicant.key.is_empty() {
        return Ok(None);
    }
    let since = new.registered.case.received_on - chrono::Duration::days(365);
    let row = apps::Entity::find()
        .filter(apps::Column::AgencyId.eq(agency))
        .filter(apps::Column::ApplicantKey.eq(new.applicant.key.clone()))
        .filter(apps::Column::RequestSummary.eq(new.request_summary.clone()))
        .filter(apps::Column::ReceivedOn.gte(since))
        .one(&tx.txn)
        .await?;
    Ok(row.map(|r| r.id))
}

fn new_row(
    agency: i64,
    number: String,
    new: &NewApplication,
    duplicate_of: Option<i64>,
) -> StoreResult<apps::ActiveModel> {
    let case = &new.registered.case;
    let d = derive(case);
    let now = audit::now();
    Ok(apps::ActiveModel {
        id: NotSet,
        agency_id: Set(agency),
        number: Set(number),
        query_code: Set(new.query_code.clone()),
        idempotency_key: Set(new.idempotency_key.clone()),
        case_json: Set(json(case)?),
        applicant_json: Set(new.applicant.json.clone()),
        request_json: Set(new.request_json.clone()),
        applicant_name: Set(new.applicant.name.clone()),
        applicant_phone: Set(new.applicant.phone_digits.clone()),
        applicant_key: Set(new.applicant.key.clone()),
        applicant_type: Set(d.applicant_type),
        channel: Set(d.channel),
        status: Set(d.status),
        open: Set(d.open),
        request_summary: Set(new.request_summary.clone()),
        received_on: Set(d.received_on),
        received_year: Set(d.received_on.year()),
        due_on: Set(new.due.on),
        due_provisional: Set(new.due.provisional),
        due_order: Set(due_order(new.due.on)),
        concluded_on: Set(d.concluded_on),
        concluded_year: Set(d.concluded_on.map(|c| c.year())),
        outcome: Set(d.outcome),
        fee_issued_on: Set(case.fee.as_ref().map(|f| f.issued_on)),
        fee_amount_fen: Set(case.fee.as_ref().map(fee_fen)),
        fee_paid_on: Set(case.fee.as_ref().and_then(|f| f.paid_on)),
        routing_json: Set(json(&Routing::default())?),
        handler_id: Set(None),
        assignee_id: Set(None),
        duplicate_of: Set(duplicate_of),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
}

/// The application with this idempotency key, if it was stored already.
async fn resubmitted(
    tx: &Tx<'_>,
    agency: i64,
    key: Option<&str>,
) -> StoreResult<Option<Application>> {
    let Some(key) = key else { return Ok(None) };
    let row = apps::Entity::find()
        .filter(apps::Column::AgencyId.eq(agency))
        .filter(apps::Column::IdempotencyKey.eq(key))
        .one(&tx.txn)
        .await?;
    row.map(to_application).transpose()
}

pub(crate) async fn create(
    store: &SeaStore,
    agency: AgencyId,
    new: &NewApplication,
) -> StoreResult<Application> {
    let mut tx = store.begin().await?;
    audit::lock_agency(&tx.txn, agency.0).await?;
    let app = create_in(&mut tx, agency, new).await?;
    tx.commit().await?;
    Ok(app)
}

/// Stores `new` inside `tx`, which holds the agency's lock.
pub(crate) async fn create_in(
    tx: &mut Tx<'_>,
    agency: AgencyId,
    new: &NewApplication,
) -> StoreResult<Application> {
    if let Some(done) = resubmitted(tx, agency.0, new.idempotency_key.as_deref()).await? {
        return Ok(done);
    }
    let locked = tx.locked_years(agency.0).await?;
    crate::period_lock::check_case(&locked, None, &new.registered.case)?;
    let year = new.registered.case.received_on.year();
    let serial = next_in(&tx.txn, agency.0, &format!("application:{year}")).await?;
    let duplicate_of = earlier_same(tx, agency.0, new).await?;
    let row = new_row(agency.0, format!("{year}-{serial:05}"), new, duplicate_of)?;
    let row = row
        .insert(&tx.txn)
        .await
        .map_err(crate::agencies::unique("查询码"))?;
    tx.append_events_of(agency.0, row.id, &new.registered.events)
        .await?;
    insert_attachments(&tx.txn, agency.0, row.id, &new.attachments).await?;
    insert_letters(&tx.txn, agency.0, row.id, &new.letters).await?;
    to_application(row)
}

pub(crate) async fn commit(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
    version: i32,
    step: &CaseStep,
) -> StoreResult<Application> {
    let mut tx = store.begin().await?;
    audit::lock_agency(&tx.txn, agency.0).await?;
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
