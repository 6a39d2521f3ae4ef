//! Annual reports compiled on the platform (《条例》第四十九、五十条): each version of an agency's
//! report for a year, its workflow steps with their audit events in one transaction, and the
//! reads of the 专栏 (published versions only) and of the supervisor's view (a year across a
//! subtree of agencies).
//!
//! The domain decides every step (`gongkai_domain::annual::workflow`); the store keeps the
//! record and the compiled report beside it, checks the optimistic lock, and on publication
//! sets the earlier published version of the year aside (已被更正版本取代) in the same transaction,
//! so at most one version of a year is ever public.

use crate::agencies::{corrupt, scope_ids, unique};
use crate::audit::{self, Tx};
use crate::entity::annual_reports as rows;
use crate::entity::external_reports as external;
use crate::{AgencyId, Scope, SeaStore, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use gongkai_domain::annual::workflow::Transition;
use gongkai_domain::annual::{Record, Status};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};

/// The compiled report kept beside a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// Canonical JSON (`REPORT_JSON.md` §1).
    pub json: String,
    /// Findings of severity error.
    pub errors: u32,
    /// Findings of severity warning.
    pub warnings: u32,
}

/// A stored report version.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredReport {
    /// Row id.
    pub id: i64,
    /// The agency.
    pub agency_id: AgencyId,
    /// The domain record.
    pub record: Record,
    /// The compiled report as of the last save or step.
    pub compiled: Compiled,
    /// When it was published.
    pub published_on: Option<NaiveDate>,
    /// Pass back to change it.
    pub revision: i32,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A report uploaded to the supervisor's view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalReport {
    /// Row id (0 before it is stored).
    pub id: i64,
    /// The supervising agency whose view holds it.
    pub owner: AgencyId,
    /// The agency on the platform it belongs to, if any.
    pub agency: Option<AgencyId>,
    /// The reporting agency's name.
    pub agency_name: String,
    /// The reporting year.
    pub year: i32,
    /// The uploaded file's name.
    pub file_name: String,
    /// The report as read, with its findings.
    pub compiled: Compiled,
    /// Who uploaded it.
    pub uploaded_by: String,
}

/// Annual reports in the store.
#[async_trait]
pub trait ReportStore {
    /// Stores a new version (a first draft or a correction) with its events. A second version
    /// with the same number is refused as a conflict.
    async fn create_report(
        &self,
        agency: AgencyId,
        created: &Transition,
        compiled: &Compiled,
    ) -> StoreResult<StoredReport>;
    /// Stores a step or an edit of version `id` if it is still at `revision`. Publishing sets
    /// the year's earlier published version aside.
    async fn commit_report(
        &self,
        agency: AgencyId,
        id: i64,
        revision: i32,
        step: &Transition,
        compiled: &Compiled,
    ) -> StoreResult<StoredReport>;
    /// Every version of `agency`'s report on `year`, newest first.
    async fn report_versions(&self, agency: AgencyId, year: i32) -> StoreResult<Vec<StoredReport>>;
    /// One version by id, if it belongs to `agency`.
    async fn report(&self, agency: AgencyId, id: i64) -> StoreResult<Option<StoredReport>>;
    /// The published version of every year of `agency`, newest year first (the 专栏 list).
    async fn published_reports(&self, agency: AgencyId) -> StoreResult<Vec<StoredReport>>;
    /// The newest version of `year` of every agency in `scope` that has one (the supervisor's
    /// view), and every version that was ever published (the published one where a newer
    /// correction is in progress, and those a correction set aside, whose day of publication
    /// is the report's for the deadline).
    async fn year_reports(&self, scope: Scope, year: i32) -> StoreResult<Vec<StoredReport>>;
    /// Stores an uploaded report, with an audit event in the owner's chain.
    async fn add_external_report(
        &self,
        actor: &crate::Actor,
        report: &ExternalReport,
    ) -> StoreResult<ExternalReport>;
    /// The uploaded reports of `year` in the views of the agencies of `scope`.
    async fn external_reports(&self, scope: Scope, year: i32) -> StoreResult<Vec<ExternalReport>>;
    /// Uploaded report `id`, if it is in the view of an agency of `scope`.
    async fn external_report(&self, scope: Scope, id: i64) -> StoreResult<Option<ExternalReport>>;
    /// The uploaded report of `agency` (on the platform) for `year`, the newest if several.
    async fn external_report_of(
        &self,
        agency: AgencyId,
        year: i32,
    ) -> StoreResult<Option<ExternalReport>>;
    /// The audit events of version `id` of `agency`, oldest first (its history).
    async fn report_events(&self, agency: AgencyId, id: i64)
    -> StoreResult<Vec<crate::AuditEntry>>;
}

fn to_stored(m: rows::Model) -> StoreResult<StoredReport> {
    let record: Record =
        serde_json::from_str(&m.record_json).map_err(|_| corrupt("年度报告记录"))?;
    Ok(StoredReport {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        record,
        compiled: Compiled {
            json: m.report_json,
            errors: u32::try_from(m.errors).unwrap_or(0),
            warnings: u32::try_from(m.warnings).unwrap_or(0),
        },
        published_on: m.published_on,
        revision: m.revision,
        updated_at: m.updated_at,
    })
}

fn external_of(m: external::Model) -> ExternalReport {
    ExternalReport {
        id: m.id,
        owner: AgencyId(m.owner_id),
        agency: m.agency_id.map(AgencyId),
        agency_name: m.agency_name,
        year: m.year,
        file_name: m.file_name,
        compiled: Compiled {
            json: m.report_json,
            errors: u32::try_from(m.errors).unwrap_or(0),
            warnings: u32::try_from(m.warnings).unwrap_or(0),
        },
        uploaded_by: m.uploaded_by,
    }
}

fn record_json(r: &Record) -> StoreResult<String> {
    serde_json::to_string(r).map_err(|_| corrupt("年度报告记录"))
}

fn published_on(step: &Transition) -> Option<NaiveDate> {
    (step.record.status == Status::Published)
        .then(|| step.events.first().map(|e| e.on))
        .flatten()
}

/// Sets every published version of the year other than `keep` aside, on `on` (the day the
/// correction was published).
async fn supersede(
    tx: &mut Tx<'_>,
    agency: i64,
    year: i32,
    keep: i64,
    on: NaiveDate,
) -> StoreResult<()> {
    let earlier = rows::Entity::find()
        .filter(rows::Column::AgencyId.eq(agency))
        .filter(rows::Column::Year.eq(year))
        .filter(rows::Column::Status.eq(Status::Published.key()))
        .filter(rows::Column::Id.ne(keep))
        .all(&tx.txn)
        .await?;
    for old in earlier {
        let mut record: Record =
            serde_json::from_str(&old.record_json).map_err(|_| corrupt("年度报告记录"))?;
        record.status = Status::Superseded;
        let row = rows::ActiveModel {
            id: Set(old.id),
            status: Set(Status::Superseded.key().to_owned()),
            record_json: Set(record_json(&record)?),
            revision: Set(old.revision + 1),
            updated_at: Set(audit::now()),
            ..Default::default()
        };
        row.update(&tx.txn).await?;
        let event = gongkai_domain::audit::AuditEvent {
            actor: "system".into(),
            action: "report_superseded".into(),
            subject: "annual_report".into(),
            subject_id: old.id.to_string(),
            before: Some(Status::Published.key().into()),
            after: Some(Status::Superseded.key().into()),
            summary: format!("{year}年年度报告第{}版由更正版本取代", old.edition),
            on,
        };
        tx.append_event(agency, &event).await?;
    }
    Ok(())
}

#[async_trait]
impl ReportStore for SeaStore {
    async fn create_report(
        &self,
        agency: AgencyId,
        created: &Transition,
        compiled: &Compiled,
    ) -> StoreResult<StoredReport> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let now = audit::now();
        let r = &created.record;
        let row = rows::ActiveModel {
            id: NotSet,
            agency_id: Set(agency.0),
            year: Set(r.year),
            edition: Set(
                i32::try_from(r.version).map_err(|_| StoreError::Invalid("版本号过大".into()))?
            ),
            status: Set(r.status.key().to_owned()),
            record_json: Set(record_json(r)?),
            report_json: Set(compiled.json.clone()),
            errors: Set(i32::try_from(compiled.errors).unwrap_or(i32::MAX)),
            warnings: Set(i32::try_from(compiled.warnings).unwrap_or(i32::MAX)),
            published_on: Set(published_on(created)),
            revision: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let row = row
            .insert(&tx.txn)
            .await
            .map_err(unique("该年度的这一版年度报告"))?;
        tx.append_events_of(agency.0, row.id, &created.events)
            .await?;
        tx.commit().await?;
        to_stored(row)
    }

    async fn commit_report(
        &self,
        agency: AgencyId,
        id: i64,
        revision: i32,
        step: &Transition,
        compiled: &Compiled,
    ) -> StoreResult<StoredReport> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let stored = rows::Entity::find_by_id(id)
            .filter(rows::Column::AgencyId.eq(agency.0))
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                what: "年度报告"
            })?;
        if stored.revision != revision {
            return Err(StoreError::Stale);
        }
        // A published version is immutable whatever the caller says (the domain refuses too).
        if stored.status == Status::Published.key() || stored.status == Status::Superseded.key() {
            return Err(StoreError::Invalid(
                "已发布的年度报告不能修改；如需更正，请新建更正版本".into(),
            ));
        }
        let r = &step.record;
        if r.year != stored.year || i64::from(r.version) != i64::from(stored.edition) {
            return Err(StoreError::Invalid("年度报告的年度和版本不能更改".into()));
        }
        let published = published_on(step);
        let row = rows::ActiveModel {
            id: Set(id),
            status: Set(r.status.key().to_owned()),
            record_json: Set(record_json(r)?),
            report_json: Set(compiled.json.clone()),
            errors: Set(i32::try_from(compiled.errors).unwrap_or(i32::MAX)),
            warnings: Set(i32::try_from(compiled.warnings).unwrap_or(i32::MAX)),
            published_on: Set(published),
            revision: Set(revision + 1),
            updated_at: Set(audit::now()),
            ..Default::default()
        };
        let done = rows::Entity::update_many()
            .set(row)
            .filter(rows::Column::Id.eq(id))
            .filter(rows::Column::Revision.eq(revision))
            .exec(&tx.txn)
            .await?;
        if done.rows_affected == 0 {
            return Err(StoreError::Stale);
        }
        if let Some(on) = published {
            supersede(&mut tx, agency.0, stored.year, id, on).await?;
        }
        tx.append_events_of(agency.0, id, &step.events).await?;
        let row = rows::Entity::find_by_id(id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                what: "年度报告"
            })?;
        tx.commit().await?;
        to_stored(row)
    }

    async fn report_versions(&self, agency: AgencyId, year: i32) -> StoreResult<Vec<StoredReport>> {
        rows::Entity::find()
            .filter(rows::Column::AgencyId.eq(agency.0))
            .filter(rows::Column::Year.eq(year))
            .order_by_desc(rows::Column::Edition)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_stored)
            .collect()
    }

    async fn report(&self, agency: AgencyId, id: i64) -> StoreResult<Option<StoredReport>> {
        rows::Entity::find_by_id(id)
            .filter(rows::Column::AgencyId.eq(agency.0))
            .one(&self.db)
            .await?
            .map(to_stored)
            .transpose()
    }

    async fn published_reports(&self, agency: AgencyId) -> StoreResult<Vec<StoredReport>> {
        rows::Entity::find()
            .filter(rows::Column::AgencyId.eq(agency.0))
            .filter(rows::Column::Status.eq(Status::Published.key()))
            .order_by_desc(rows::Column::Year)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_stored)
            .collect()
    }

    async fn add_external_report(
        &self,
        actor: &crate::Actor,
        report: &ExternalReport,
    ) -> StoreResult<ExternalReport> {
        let mut tx = self.begin().await?;
        tx.lock_agency(report.owner.0).await?;
        let row = external::ActiveModel {
            id: NotSet,
            owner_id: Set(report.owner.0),
            agency_id: Set(report.agency.map(|a| a.0)),
            agency_name: Set(report.agency_name.clone()),
            year: Set(report.year),
            file_name: Set(report.file_name.clone()),
            report_json: Set(report.compiled.json.clone()),
            errors: Set(i32::try_from(report.compiled.errors).unwrap_or(i32::MAX)),
            warnings: Set(i32::try_from(report.compiled.warnings).unwrap_or(i32::MAX)),
            uploaded_by: Set(report.uploaded_by.clone()),
            created_at: Set(audit::now()),
        }
        .insert(&tx.txn)
        .await?;
        let summary = format!(
            "上传{}{}年政府信息公开工作年度报告（{}）",
            report.agency_name, report.year, report.file_name
        );
        tx.append(
            report.owner.0,
            actor,
            audit::Change {
                action: "external_report_uploaded",
                subject: "external_report",
                subject_id: row.id.to_string(),
                before: None,
                after: None,
                summary,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(external_of(row))
    }

    async fn external_reports(&self, scope: Scope, year: i32) -> StoreResult<Vec<ExternalReport>> {
        let ids = scope_ids(&self.db, scope).await?;
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            let rows = external::Entity::find()
                .filter(external::Column::Year.eq(year))
                .filter(external::Column::OwnerId.is_in(chunk.to_vec()))
                .order_by_asc(external::Column::Id)
                .all(&self.db)
                .await?;
            out.extend(rows.into_iter().map(external_of));
        }
        Ok(out)
    }

    async fn external_report(&self, scope: Scope, id: i64) -> StoreResult<Option<ExternalReport>> {
        let Some(row) = external::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let ids = scope_ids(&self.db, scope).await?;
        Ok(ids.contains(&row.owner_id).then(|| external_of(row)))
    }

    async fn external_report_of(
        &self,
        agency: AgencyId,
        year: i32,
    ) -> StoreResult<Option<ExternalReport>> {
        Ok(external::Entity::find()
            .filter(external::Column::AgencyId.eq(agency.0))
            .filter(external::Column::Year.eq(year))
            .order_by_desc(external::Column::Id)
            .one(&self.db)
            .await?
            .map(external_of))
    }

    async fn report_events(
        &self,
        agency: AgencyId,
        id: i64,
    ) -> StoreResult<Vec<crate::AuditEntry>> {
        audit::events_of(&self.db, agency, "annual_report", id).await
    }

    async fn year_reports(&self, scope: Scope, year: i32) -> StoreResult<Vec<StoredReport>> {
        let ids = scope_ids(&self.db, scope).await?;
        let mut out = Vec::new();
        // Chunks keep the IN list within every backend's parameter limit.
        for chunk in ids.chunks(500) {
            let found = rows::Entity::find()
                .filter(rows::Column::Year.eq(year))
                .filter(rows::Column::AgencyId.is_in(chunk.to_vec()))
                .order_by_asc(rows::Column::AgencyId)
                .order_by_desc(rows::Column::Edition)
                .all(&self.db)
                .await?;
            let mut last_agency = None;
            for m in found {
                let newest = last_agency != Some(m.agency_id);
                last_agency = Some(m.agency_id);
                let was_published = m.published_on.is_some();
                if newest || was_published {
                    out.push(to_stored(m)?);
                }
            }
        }
        Ok(out)
    }
}
