//! Reading proceedings: one, the filtered register (table-四 cells included, with the same
//! counting rule as `appeal::tally`), its timeline — and the `ProceedingStore` implementation.

use super::{
    NewProceeding, ProceedingFilter, ProceedingStep, ProceedingStore, StoredProceeding, outcome_key,
};
use crate::agencies::{corrupt, scope_ids};
use crate::audit;
use crate::cases::Due;
use crate::entity::{proceeding_applications as links, proceedings as rows};
use crate::{AgencyId, AuditEntry, Scope, SeaStore, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use gongkai_domain::choice::Choice;
use gongkai_domain::report::table4::{Group, Outcome};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

pub(crate) fn to_stored(m: rows::Model) -> StoreResult<StoredProceeding> {
    Ok(StoredProceeding {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        proceeding: serde_json::from_str(&m.proceeding_json)
            .map_err(|_| corrupt("复议诉讼记录"))?,
        due: Due {
            on: m.answer_due,
            provisional: m.due_provisional,
        },
        version: m.version,
        created_at: m.created_at,
    })
}

/// The condition of one table-四 cell of `year`: what the year handled (filed in it, or still
/// pending on 1 January — `appeal::Counting::HandledInYear`), in the decision's column if
/// decided by 31 December and as 尚未审结 otherwise.
fn cell_condition(year: i32, group: Option<Group>, outcome: Outcome) -> Condition {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Condition::all().add(Expr::value(false));
    };
    let mut c = Condition::all().add(rows::Column::FiledOn.lte(last)).add(
        Condition::any()
            .add(rows::Column::DecidedOn.is_null())
            .add(rows::Column::DecidedOn.gte(first)),
    );
    if let Some(g) = group {
        c = c.add(rows::Column::Kind.eq(g.def().key));
    }
    match outcome {
        Outcome::Total => c,
        Outcome::Pending => c.add(
            Condition::any()
                .add(rows::Column::DecidedOn.is_null())
                .add(rows::Column::DecidedOn.gt(last)),
        ),
        decided => c
            .add(rows::Column::DecidedOn.lte(last))
            .add(rows::Column::Outcome.eq(outcome_key(decided))),
    }
}

fn filtered(ids: Vec<i64>, f: &ProceedingFilter) -> Select<rows::Entity> {
    let mut q = rows::Entity::find().filter(rows::Column::AgencyId.is_in(ids));
    if let Some(k) = f.kind {
        q = q.filter(rows::Column::Kind.eq(k.id()));
    }
    match f.open {
        Some(true) => q = q.filter(rows::Column::DecidedOn.is_null()),
        Some(false) => q = q.filter(rows::Column::DecidedOn.is_not_null()),
        None => {}
    }
    if let Some(d) = f.due_by {
        q = q.filter(rows::Column::AnswerDue.lte(d));
    }
    if let Some(app) = f.application {
        let linked = Query::select()
            .column(links::Column::ProceedingId)
            .from(links::Entity)
            .and_where(links::Column::ApplicationId.eq(app))
            .to_owned();
        q = q.filter(rows::Column::Id.in_subquery(linked));
    }
    if let Some((year, group, outcome)) = f.cell {
        q = q.filter(cell_condition(year, group, outcome));
    }
    q
}

#[async_trait]
impl ProceedingStore for SeaStore {
    async fn create_proceeding(
        &self,
        agency: AgencyId,
        new: &NewProceeding,
    ) -> StoreResult<StoredProceeding> {
        super::write::create(self, agency, new).await
    }

    async fn proceeding(&self, scope: Scope, id: i64) -> StoreResult<StoredProceeding> {
        let ids = scope_ids(&self.db, scope).await?;
        let row = rows::Entity::find_by_id(id)
            .filter(rows::Column::AgencyId.is_in(ids))
            .one(&self.db)
            .await?;
        to_stored(row.ok_or(StoreError::NotFound {
            what: "复议诉讼案件",
        })?)
    }

    async fn proceedings(
        &self,
        scope: Scope,
        filter: &ProceedingFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<StoredProceeding>, u64)> {
        let ids = scope_ids(&self.db, scope).await?;
        let total = filtered(ids.clone(), filter).count(&self.db).await?;
        let found = filtered(ids, filter)
            .order_by(
                Expr::col(rows::Column::DecidedOn).is_null(),
                sea_orm::Order::Desc,
            )
            .order_by(
                Expr::col(rows::Column::AnswerDue).is_null(),
                sea_orm::Order::Asc,
            )
            .order_by_asc(rows::Column::AnswerDue)
            .order_by_desc(rows::Column::FiledOn)
            .order_by_desc(rows::Column::Id)
            .offset(offset)
            .limit(limit)
            .all(&self.db)
            .await?;
        let list = found
            .into_iter()
            .map(to_stored)
            .collect::<StoreResult<_>>()?;
        Ok((list, total))
    }

    async fn commit_proceeding(
        &self,
        agency: AgencyId,
        id: i64,
        version: i32,
        step: &ProceedingStep,
    ) -> StoreResult<StoredProceeding> {
        super::write::commit(self, agency, id, version, step).await
    }

    async fn proceeding_events(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<AuditEntry>> {
        audit::events_of(&self.db, agency, "appeal", id).await
    }
}
