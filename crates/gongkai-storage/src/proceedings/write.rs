//! Writing proceedings: a new one (with its events and links) and one step, each one
//! transaction with its audit events. The listed columns are derived from the domain record
//! here, in one place, and the links are checked against the agency's own applications.

use super::read::to_stored;
use super::{NewProceeding, ProceedingStep, StoredProceeding, outcome_key};
use crate::agencies::corrupt;
use crate::audit;
use crate::cases::Due;
use crate::entity::{applications as apps, proceeding_applications as links, proceedings as rows};
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use gongkai_domain::appeal::{Proceeding, ProceedingKind};
use gongkai_domain::choice::Choice;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set,
};

/// The columns that are copies of the domain record.
struct Derived {
    kind: String,
    json: String,
    decided_on: Option<chrono::NaiveDate>,
    outcome: Option<String>,
    application_ids: String,
    due: Due,
}

fn derive(p: &Proceeding, due: Due) -> StoreResult<Derived> {
    let bad = |_| corrupt("复议诉讼记录");
    // A deadline is only "in force" while the answer is outstanding.
    let outstanding = p.answered_on.is_none() && p.ruling.is_none();
    Ok(Derived {
        kind: p.kind.id().to_owned(),
        json: serde_json::to_string(p).map_err(bad)?,
        decided_on: p.ruling.map(|r| r.on),
        outcome: p
            .ruling
            .map(|r| outcome_key(r.decision.outcome()).to_owned()),
        application_ids: serde_json::to_string(&p.applications).map_err(bad)?,
        due: if outstanding { due } else { Due::default() },
    })
}

/// Refuses links to applications that are not the agency's, a record without any, and a prior
/// review that is not one of the agency's reviews.
async fn check_links(txn: &DatabaseTransaction, agency: i64, p: &Proceeding) -> StoreResult<()> {
    if p.applications.is_empty() {
        return Err(StoreError::Invalid(
            "每件复议或诉讼至少关联一件本机关的申请".to_owned(),
        ));
    }
    let found = apps::Entity::find()
        .filter(apps::Column::AgencyId.eq(agency))
        .filter(apps::Column::Id.is_in(p.applications.clone()))
        .count(txn)
        .await?;
    if found != p.applications.len() as u64 {
        return Err(StoreError::Invalid(
            "关联的申请不存在或不属于本机关".to_owned(),
        ));
    }
    if let Some(review) = p.prior_review {
        let found = rows::Entity::find_by_id(review)
            .filter(rows::Column::AgencyId.eq(agency))
            .filter(rows::Column::Kind.eq(ProceedingKind::AdminReview.id()))
            .count(txn)
            .await?;
        if found == 0 {
            return Err(StoreError::Invalid(
                "所引用的行政复议案件不存在或不属于本机关".to_owned(),
            ));
        }
    }
    Ok(())
}

/// Replaces the link rows of proceeding `id` with the record's applications.
async fn write_links(
    txn: &DatabaseTransaction,
    agency: i64,
    id: i64,
    p: &Proceeding,
) -> StoreResult<()> {
    links::Entity::delete_many()
        .filter(links::Column::ProceedingId.eq(id))
        .exec(txn)
        .await?;
    let new = p.applications.iter().map(|a| links::ActiveModel {
        proceeding_id: Set(id),
        application_id: Set(*a),
        agency_id: Set(agency),
    });
    links::Entity::insert_many(new)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

fn new_row(agency: i64, new: &NewProceeding) -> StoreResult<rows::ActiveModel> {
    let p = &new.registered.proceeding;
    let d = derive(p, new.due)?;
    let now = audit::now();
    Ok(rows::ActiveModel {
        id: NotSet,
        agency_id: Set(agency),
        kind: Set(d.kind),
        proceeding_json: Set(d.json),
        filed_on: Set(p.filed_on),
        answer_due: Set(d.due.on),
        due_provisional: Set(d.due.provisional),
        decided_on: Set(d.decided_on),
        outcome: Set(d.outcome),
        application_ids: Set(d.application_ids),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        idempotency_key: Set(new.idempotency_key.clone()),
    })
}

/// The proceeding of `agency` with this idempotency key, if one was stored already.
async fn sent_before(
    txn: &DatabaseTransaction,
    agency: i64,
    key: Option<&str>,
) -> StoreResult<Option<rows::Model>> {
    let Some(key) = key else { return Ok(None) };
    Ok(rows::Entity::find()
        .filter(rows::Column::AgencyId.eq(agency))
        .filter(rows::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await?)
}

pub(crate) async fn create(
    store: &SeaStore,
    agency: AgencyId,
    new: &NewProceeding,
) -> StoreResult<StoredProceeding> {
    let mut tx = store.begin().await?;
    // The agency lock serialises writers, so the key check below cannot race.
    tx.lock_agency(agency.0).await?;
    if let Some(done) = sent_before(&tx.txn, agency.0, new.idempotency_key.as_deref()).await? {
        tx.commit().await?;
        return to_stored(done);
    }
    let p = &new.registered.proceeding;
    check_links(&tx.txn, agency.0, p).await?;
    let locked = crate::period_lock::locked_years(&tx.txn, agency.0).await?;
    crate::period_lock::check_proceeding(&locked, None, p)?;
    let row = new_row(agency.0, new)?
        .insert(&tx.txn)
        .await
        .map_err(crate::agencies::unique("复议诉讼登记"))?;
    write_links(&tx.txn, agency.0, row.id, p).await?;
    tx.append_events_of(agency.0, row.id, &new.registered.events)
        .await?;
    tx.commit().await?;
    to_stored(row)
}

pub(crate) async fn commit(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
    version: i32,
    step: &ProceedingStep,
) -> StoreResult<StoredProceeding> {
    let mut tx = store.begin().await?;
    tx.lock_agency(agency.0).await?;
    let p = &step.proceeding;
    let locked = crate::period_lock::locked_years(&tx.txn, agency.0).await?;
    if !locked.is_empty() {
        let before = rows::Entity::find_by_id(id)
            .filter(rows::Column::AgencyId.eq(agency.0))
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                what: "复议诉讼案件",
            })?;
        let before: Proceeding =
            serde_json::from_str(&before.proceeding_json).map_err(|_| corrupt("复议诉讼记录"))?;
        crate::period_lock::check_proceeding(&locked, Some(&before), p)?;
    }
    let d = derive(p, step.due)?;
    let done = rows::Entity::update_many()
        .col_expr(rows::Column::Kind, Expr::value(d.kind))
        .col_expr(rows::Column::ProceedingJson, Expr::value(d.json))
        .col_expr(rows::Column::FiledOn, Expr::value(p.filed_on))
        .col_expr(rows::Column::AnswerDue, Expr::value(d.due.on))
        .col_expr(rows::Column::DueProvisional, Expr::value(d.due.provisional))
        .col_expr(rows::Column::DecidedOn, Expr::value(d.decided_on))
        .col_expr(rows::Column::Outcome, Expr::value(d.outcome))
        .col_expr(rows::Column::ApplicationIds, Expr::value(d.application_ids))
        .col_expr(rows::Column::Version, Expr::value(version + 1))
        .col_expr(rows::Column::UpdatedAt, Expr::value(audit::now()))
        .filter(rows::Column::Id.eq(id))
        .filter(rows::Column::AgencyId.eq(agency.0))
        .filter(rows::Column::Version.eq(version))
        .exec(&tx.txn)
        .await?;
    if done.rows_affected == 0 {
        let exists = rows::Entity::find_by_id(id)
            .filter(rows::Column::AgencyId.eq(agency.0))
            .one(&tx.txn)
            .await?;
        return Err(match exists {
            Some(_) => StoreError::Stale,
            None => StoreError::NotFound {
                what: "复议诉讼案件",
            },
        });
    }
    check_links(&tx.txn, agency.0, p).await?;
    write_links(&tx.txn, agency.0, id, p).await?;
    tx.append_events_of(agency.0, id, &step.events).await?;
    let row = rows::Entity::find_by_id(id).one(&tx.txn).await?;
    let row = row.ok_or(StoreError::NotFound {
        what: "复议诉讼案件",
    })?;
    tx.commit().await?;
    to_stored(row)
}
