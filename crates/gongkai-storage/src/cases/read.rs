//! Reading cases: one application, the filtered list, its timeline, the grouped counts table 三
//! is made from — and the `CaseStore` implementation that ties the modules together.

use super::files::{list_attachments, list_letters, next_in, one_attachment};
use super::{
    Application, Attachment, CaseCount, CaseFilter, CaseRow, CaseStep, CaseStore, CellRow, Due,
    FeeTotals, Letter, NewApplication, OnlineSubmission, Submitted,
};
use crate::agencies::{corrupt, scope_ids};
use crate::audit;
use crate::entity::applications as apps;
use crate::{AgencyId, AuditEntry, Scope, SeaStore, StoreError, StoreResult};
use async_trait::async_trait;
use sea_orm::sea_query::{Condition, Expr, Func, Query, UnionType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

pub(crate) fn to_application(m: apps::Model) -> StoreResult<Application> {
    Ok(Application {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        number: m.number,
        query_code: m.query_code,
        case: serde_json::from_str(&m.case_json).map_err(|_| corrupt("申请记录"))?,
        routing: serde_json::from_str(&m.routing_json).map_err(|_| corrupt("办理单位记录"))?,
        applicant_name: m.applicant_name,
        applicant_phone: m.applicant_phone,
        applicant_json: m.applicant_json,
        request_summary: m.request_summary,
        request_json: m.request_json,
        due: Due {
            on: m.due_on,
            provisional: m.due_provisional,
        },
        duplicate_of: m.duplicate_of,
        version: m.version,
        created_at: m.created_at,
    })
}

fn to_row(m: apps::Model) -> CaseRow {
    CaseRow {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        number: m.number,
        applicant_name: m.applicant_name,
        applicant_type: m.applicant_type,
        channel: m.channel,
        status: m.status,
        open: m.open,
        request_summary: m.request_summary,
        received_on: m.received_on,
        due: Due {
            on: m.due_on,
            provisional: m.due_provisional,
        },
        concluded_on: m.concluded_on,
        outcome: m.outcome,
        assignee_id: m.assignee_id,
        duplicate_of: m.duplicate_of,
    }
}

/// The closure rows of the 2021 format, which the 2019 format counts as one `other` row.
const OTHER_2021: [&str; 3] = ["other_no_correction", "other_fee_unpaid", "other_misc"];

/// The condition for one table-三 cell.
fn cell_condition(year: i32, row: &CellRow, applicant: Option<&String>) -> Condition {
    let concluded_in = apps::Column::ConcludedYear.eq(year);
    let still_open_after = |y: i32| {
        Condition::any()
            .add(apps::Column::ConcludedYear.is_null())
            .add(apps::Column::ConcludedYear.gt(y))
    };
    let mut c = match row {
        CellRow::Received => Condition::all().add(apps::Column::ReceivedYear.eq(year)),
        CellRow::CarriedOver => Condition::all()
            .add(apps::Column::ReceivedYear.lt(year))
            .add(still_open_after(year - 1)),
        CellRow::Outcome(key) if key == "other" => Condition::all()
            .add(concluded_in)
            .add(apps::Column::Outcome.is_in(OTHER_2021)),
        CellRow::Outcome(key) => Condition::all()
            .add(concluded_in)
            .add(apps::Column::Outcome.eq(key.clone())),
        CellRow::Concluded => Condition::all().add(concluded_in),
        CellRow::CarriedForward => Condition::all()
            .add(apps::Column::ReceivedYear.lte(year))
            .add(still_open_after(year)),
    };
    if let Some(t) = applicant {
        c = c.add(apps::Column::ApplicantType.eq(t.clone()));
    }
    c
}

/// The ids of the cases in `ids`' agencies with this 查询码 or 登记编号: two index lookups
/// united, rather than an OR the planner would answer by a scan (a 登记编号 is unique per
/// agency, so its lookup goes through (agency, number)).
async fn by_code(db: &DatabaseConnection, ids: &[i64], code: &str) -> StoreResult<Vec<i64>> {
    let number = Query::select()
        .column(apps::Column::Id)
        .from(apps::Entity)
        .and_where(apps::Column::AgencyId.is_in(ids.to_vec()))
        .and_where(apps::Column::Number.eq(code))
        .to_owned();
    let query = Query::select()
        .column(apps::Column::Id)
        .from(apps::Entity)
        .and_where(apps::Column::QueryCode.eq(code.to_uppercase()))
        .union(UnionType::All, number)
        .to_owned();
    let rows = db.query_all(&query).await?;
    rows.iter()
        .map(|r| r.try_get_by_index::<i64>(0).map_err(StoreError::from))
        .collect()
}

fn filtered(ids: Vec<i64>, f: &CaseFilter, by_code: Option<&[i64]>) -> Select<apps::Entity> {
    let mut q = apps::Entity::find().filter(apps::Column::AgencyId.is_in(ids));
    let eq = |q: Select<apps::Entity>, col: apps::Column, v: &Option<String>| match v {
        Some(v) if !v.is_empty() => q.filter(col.eq(v.clone())),
        _ => q,
    };
    q = eq(q, apps::Column::Status, &f.status);
    q = eq(q, apps::Column::Channel, &f.channel);
    q = eq(q, apps::Column::Outcome, &f.outcome);
    if let Some(open) = f.open {
        q = q.filter(apps::Column::Open.eq(open));
    }
    if let Some(name) = f.applicant.as_deref().filter(|n| !n.is_empty()) {
        q = q.filter(apps::Column::ApplicantName.contains(name));
    }
    if let Some(d) = f.received_from {
        q = q.filter(apps::Column::ReceivedOn.gte(d));
    }
    if let Some(d) = f.received_to {
        q = q.filter(apps::Column::ReceivedOn.lte(d));
    }
    if let Some(found) = by_code {
        // Literal ids: the planner fetches them by key instead of walking the agency's index.
        q = q.filter(apps::Column::Id.is_in(found.to_vec()));
    }
    if let Some(d) = f.due_by {
        // On the inbox index; a case without a deadline has 9999-12-31 there, never before `d`.
        q = q
            .filter(apps::Column::Open.eq(true))
            .filter(apps::Column::DueOrder.lte(d));
    }
    if let Some(a) = f.assignee {
        q = q.filter(apps::Column::AssigneeId.eq(a));
    }
    if let Some((year, row, applicant)) = &f.cell {
        q = q.filter(cell_condition(*year, row, applicant.as_ref()));
    }
    q
}

/// One group of the table-三 count, as the database returns it.
#[derive(FromQueryResult)]
struct CountRow {
    received_year: i32,
    concluded_year: Option<i32>,
    outcome: Option<String>,
    applicant_type: String,
    n: i64,
}

async fn counts(store: &SeaStore, agency: AgencyId, year: i32) -> StoreResult<Vec<CaseCount>> {
    let in_scope = Condition::all()
        .add(apps::Column::AgencyId.eq(agency.0))
        .add(apps::Column::ReceivedYear.lte(year))
        .add(
            Condition::any()
                .add(apps::Column::ConcludedYear.is_null())
                .add(apps::Column::ConcludedYear.gte(year)),
        );
    let rows = apps::Entity::find()
        .select_only()
        .column(apps::Column::ReceivedYear)
        .column(apps::Column::ConcludedYear)
        .column(apps::Column::Outcome)
        .column(apps::Column::ApplicantType)
        .column_as(Expr::from(Func::count(Expr::col(apps::Column::Id))), "n")
        .filter(in_scope)
        .group_by(apps::Column::ReceivedYear)
        .group_by(apps::Column::ConcludedYear)
        .group_by(apps::Column::Outcome)
        .group_by(apps::Column::ApplicantType)
        .into_model::<CountRow>()
        .all(&store.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| CaseCount {
            received_year: r.received_year,
            concluded_year: r.concluded_year,
            outcome: r.outcome,
            applicant_type: r.applicant_type,
            n: u64::try_from(r.n).unwrap_or(0),
        })
        .collect())
}

#[async_trait]
impl CaseStore for SeaStore {
    async fn create_application(
        &self,
        agency: AgencyId,
        new: &NewApplication,
    ) -> StoreResult<Application> {
        super::create::create(self, agency, new).await
    }

    async fn submit_online(
        &self,
        agency: AgencyId,
        submission: OnlineSubmission,
    ) -> StoreResult<Submitted> {
        super::online::submit(self, agency, submission).await
    }

    async fn application(&self, scope: Scope, id: i64) -> StoreResult<Application> {
        let ids = scope_ids(&self.db, scope).await?;
        let row = apps::Entity::find_by_id(id)
            .filter(apps::Column::AgencyId.is_in(ids))
            .one(&self.db)
            .await?;
        to_application(row.ok_or(StoreError::NotFound { what: "申请" })?)
    }

    async fn application_by_code(&self, code: &str) -> StoreResult<Option<Application>> {
        let row = apps::Entity::find()
            .filter(apps::Column::QueryCode.eq(code.trim().to_uppercase()))
            .one(&self.db)
            .await?;
        row.map(to_application).transpose()
    }

    async fn applications(
        &self,
        scope: Scope,
        filter: &CaseFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<CaseRow>, u64)> {
        let ids = scope_ids(&self.db, scope).await?;
        let code = filter
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let found = match code {
            Some(code) => Some(by_code(&self.db, &ids, code).await?),
            None => None,
        };
        let found = found.as_deref();
        let total = filtered(ids.clone(), filter, found).count(&self.db).await?;
        // The page's ids first, read in the order of the inbox index (0007); then only those rows.
        let page: Vec<i64> = filtered(ids, filter, found)
            .select_only()
            .column(apps::Column::Id)
            .order_by_desc(apps::Column::Open)
            .order_by_asc(apps::Column::DueOrder)
            .order_by_desc(apps::Column::ReceivedOn)
            .order_by_desc(apps::Column::Id)
            .offset(offset)
            .limit(limit)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut rows = apps::Entity::find()
            .filter(apps::Column::Id.is_in(page.clone()))
            .all(&self.db)
            .await?;
        rows.sort_by_key(|r| page.iter().position(|id| *id == r.id));
        Ok((rows.into_iter().map(to_row).collect(), total))
    }

    async fn commit_step(
        &self,
        agency: AgencyId,
        id: i64,
        version: i32,
        step: &CaseStep,
    ) -> StoreResult<Application> {
        super::write::commit(self, agency, id, version, step).await
    }

    async fn case_events(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<AuditEntry>> {
        audit::events_of(&self.db, agency, "application", id).await
    }

    async fn attachments(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<Attachment>> {
        list_attachments(self, agency, id).await
    }

    async fn attachment(
        &self,
        agency: AgencyId,
        attachment: i64,
    ) -> StoreResult<(Attachment, Vec<u8>)> {
        one_attachment(self, agency, attachment).await
    }

    async fn letters(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<Letter>> {
        list_letters(self, agency, id).await
    }

    async fn next_serial(&self, agency: AgencyId, counter: &str) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let n = next_in(&tx.txn, agency.0, counter).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn case_counts(&self, agency: AgencyId, year: i32) -> StoreResult<Vec<CaseCount>> {
        counts(self, agency, year).await
    }

    async fn fee_totals(&self, agency: AgencyId, year: i32) -> StoreResult<FeeTotals> {
        let (Some(first), Some(last)) = (
            chrono::NaiveDate::from_ymd_opt(year, 1, 1),
            chrono::NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Ok(FeeTotals::default());
        };
        let sum = |col: apps::Column| {
            apps::Entity::find()
                .select_only()
                .column_as(Expr::from(Func::count(Expr::col(apps::Column::Id))), "n")
                // PostgreSQL sums a bigint to numeric: cast back so both backends give an integer.
                .column_as(
                    Expr::from(Func::cast_as(
                        Func::sum(Expr::col(apps::Column::FeeAmountFen)),
                        sea_orm::sea_query::Alias::new("BIGINT"),
                    )),
                    "fen",
                )
                .filter(apps::Column::AgencyId.eq(agency.0))
                .filter(col.between(first, last))
        };
        let issued: Option<(i64, Option<i64>)> = sum(apps::Column::FeeIssuedOn)
            .into_tuple()
            .one(&self.db)
            .await?;
        let paid: Option<(i64, Option<i64>)> = sum(apps::Column::FeePaidOn)
            .into_tuple()
            .one(&self.db)
            .await?;
        let (notices, notice_fen) = issued.unwrap_or_default();
        Ok(FeeTotals {
            notices: u64::try_from(notices).unwrap_or(0),
            notice_fen: notice_fen.unwrap_or(0),
            collected_fen: paid.and_then(|p| p.1).unwrap_or(0),
        })
    }

    async fn open_applications(&self) -> StoreResult<Vec<Application>> {
        let rows = apps::Entity::find()
            .filter(apps::Column::Open.eq(true))
            .order_by_asc(apps::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter().map(to_application).collect()
    }
}
