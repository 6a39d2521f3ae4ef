//! `proceedings`: one 行政复议 or 行政诉讼 about the agency's 政府信息公开 work. The domain
//! `Proceeding` is kept whole in `proceeding_json` (the one truth); the other columns are copies
//! that lists, the answer-due marks and table 四 filter and count on, written in the same
//! statement as the JSON.

use sea_orm::entity::prelude::*;

/// One proceeding row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proceedings")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency the proceeding is against.
    pub agency_id: i64,
    /// `ProceedingKind` id = the table-四 group key.
    pub kind: String,
    /// The domain proceeding (JSON).
    pub proceeding_json: String,
    /// 申请复议之日 / 起诉之日.
    pub filed_on: Date,
    /// The agency's answer deadline while its answer is outstanding; `None` otherwise.
    pub answer_due: Option<Date>,
    /// The decision date, once decided.
    pub decided_on: Option<Date>,
    /// The table-四 column of the decision (`upheld`, `corrected`, `other`), once decided.
    #[sea_orm(column_name = "column")]
    pub outcome: Option<String>,
    /// The linked application ids as JSON (a copy; `proceeding_applications` is what is queried).
    pub application_ids: String,
    /// Optimistic-locking version.
    pub version: i32,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
    /// The sending system's key (`POST /api/v1/proceedings`), unique per agency.
    pub idempotency_key: Option<String>,
    /// Whether `answer_due` was counted on a calendar that does not cover it yet (暂定).
    pub due_provisional: bool,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
