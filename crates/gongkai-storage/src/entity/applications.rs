//! `applications`: one 依申请公开 case. The domain `Case` is kept whole in `case_json` (the one
//! truth); the other columns are copies of what lists, deadlines and table 三 filter and count
//! on, written in the same statement as the JSON.

use sea_orm::entity::prelude::*;

/// One application row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency the application was made to.
    pub agency_id: i64,
    /// 登记编号, e.g. `2026-00012` (per agency and year).
    pub number: String,
    /// 查询码 given to the applicant.
    pub query_code: String,
    /// The public form's nonce: a resubmitted form finds its first submission.
    pub idempotency_key: Option<String>,
    /// The domain case (JSON).
    pub case_json: String,
    /// Who applies (JSON).
    pub applicant_json: String,
    /// What is asked for and how it is to be provided (JSON).
    pub request_json: String,
    /// 申请人姓名或名称.
    pub applicant_name: String,
    /// 联系电话, digits only (the status page checks it).
    pub applicant_phone: String,
    /// 证件号码 or 统一社会信用代码, normalised (for duplicates).
    pub applicant_key: String,
    /// The table-三 column.
    pub applicant_type: String,
    /// 申请渠道.
    pub channel: String,
    /// The case's status key.
    pub status: String,
    /// Whether the case is still open (no reply, no closure).
    pub open: bool,
    /// The information asked for, in one line.
    pub request_summary: String,
    /// SHA-256 of `request_summary`: duplicates are found through an index (migration 0013).
    pub request_digest: String,
    /// 收到申请之日.
    pub received_on: Date,
    /// Its year.
    pub received_year: i32,
    /// The answer deadline in force; `None` while the clock is paused or after the end.
    pub due_on: Option<Date>,
    /// Whether the deadline was counted on a calendar that does not cover it yet (暂定).
    pub due_provisional: bool,
    /// `due_on`, or 9999-12-31 without one: the inbox's sort key (migration 0007).
    pub due_order: Date,
    /// The reply or closure date.
    pub concluded_on: Option<Date>,
    /// Its year.
    pub concluded_year: Option<i32>,
    /// The table-三 row key of the outcome (2021 format keys).
    pub outcome: Option<String>,
    /// The 收费通知's day of issue, if one was issued (migration 0009: the annual report's fee
    /// statement sums these columns instead of reading every case).
    pub fee_issued_on: Option<Date>,
    /// Its amount, in 分.
    pub fee_amount_fen: Option<i64>,
    /// The day it was paid.
    pub fee_paid_on: Option<Date>,
    /// Who handles it inside the agency (JSON).
    pub routing_json: String,
    /// The department (agency) handling it, if transferred.
    pub handler_id: Option<i64>,
    /// The clerk it is assigned to.
    pub assignee_id: Option<i64>,
    /// An earlier application of the same applicant asking the same.
    pub duplicate_of: Option<i64>,
    /// Optimistic-locking version.
    pub version: i32,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
