//! 依申请公开 cases in the store: the domain `Case` kept whole as JSON, with copies of the
//! fields that lists, deadlines and table 三 need; attachments as content-addressed blobs;
//! letters; serial numbers. Every write is one transaction that also appends the domain's audit
//! events to the agency's signed chain, with optimistic locking on `version`.

mod create;
pub(crate) mod files;
pub(crate) mod online;
mod read;
mod write;

pub use online::{OnlineSubmission, Submitted};

use crate::{AgencyId, AuditEntry, Scope, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use gongkai_domain::application::routing::Routing;
use gongkai_domain::application::{Case, Transition};
use gongkai_domain::audit::AuditEvent;
use serde::Serialize;

/// What a file attached to an application is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum AttachmentKind {
    /// 申请书或申请材料 (scans of a paper application, the applicant's own files).
    Application,
    /// 身份证明 (an ID scan; 《条例》第二十九条第一项).
    Identity,
    /// 补正材料.
    Supplement,
    /// 提供的政府信息 (what is sent to the applicant).
    Provided,
    /// 签收回执、送达回证 and other signed papers.
    Signed,
    /// Anything else.
    Other,
}

impl AttachmentKind {
    /// Every kind.
    pub const ALL: [AttachmentKind; 6] = [
        Self::Application,
        Self::Identity,
        Self::Supplement,
        Self::Provided,
        Self::Signed,
        Self::Other,
    ];

    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Application => "application",
            Self::Identity => "identity",
            Self::Supplement => "supplement",
            Self::Provided => "provided",
            Self::Signed => "signed",
            Self::Other => "other",
        }
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Application => "申请材料",
            Self::Identity => "身份证明",
            Self::Supplement => "补正材料",
            Self::Provided => "提供的政府信息",
            Self::Signed => "签收回执、送达回证",
            Self::Other => "其他材料",
        }
    }

    /// Parses the identifier.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    /// What it is.
    pub kind: AttachmentKind,
    /// The file name as uploaded.
    pub file_name: String,
    /// Its media type (detected from the content by the caller).
    pub media_type: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// Whether the applicant may download it with the 查询码.
    pub public: bool,
    /// Who uploads it (login name, or `申请人`).
    pub uploaded_by: String,
}

/// A stored attachment (without its content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// Its id.
    pub id: i64,
    /// The owning agency.
    pub agency_id: AgencyId,
    /// The application.
    pub application_id: Option<i64>,
    /// What it is.
    pub kind: AttachmentKind,
    /// File name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Content hash.
    pub sha256: String,
    /// Whether the applicant may download it.
    pub public: bool,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A letter to store with a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLetter {
    /// The letter kind's stable id.
    pub kind: String,
    /// Its 文号 (allocated beforehand with [`CaseStore::next_serial`]).
    pub doc_no: Option<String>,
    /// The filled letter (JSON).
    pub letter_json: String,
    /// Whether it goes to the applicant.
    pub public: bool,
    /// The date on the letter.
    pub issued_on: NaiveDate,
    /// Who issues it.
    pub issued_by: String,
}

/// A stored letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    /// Its id.
    pub id: i64,
    /// The owning agency.
    pub agency_id: AgencyId,
    /// The application.
    pub application_id: i64,
    /// The letter kind's stable id.
    pub kind: String,
    /// 文号.
    pub doc_no: Option<String>,
    /// The filled letter (JSON).
    pub letter_json: String,
    /// Whether it went to the applicant.
    pub public: bool,
    /// The date on the letter.
    pub issued_on: NaiveDate,
    /// Who issued it.
    pub issued_by: String,
}

/// The answer deadline as last computed (stored so lists can sort and filter by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Due {
    /// The deadline in force; `None` while the clock is paused, or after the end.
    pub on: Option<NaiveDate>,
    /// Counted on a calendar that does not cover it yet (暂定).
    pub provisional: bool,
}

/// Who applies, as the store keeps it: the domain's applicant as JSON plus the few fields
/// searched on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantRecord {
    /// 姓名或名称.
    pub name: String,
    /// 联系电话, digits only.
    pub phone_digits: String,
    /// 证件号码 or 统一社会信用代码, normalised (duplicates are found by it).
    pub key: String,
    /// Everything, as JSON.
    pub json: String,
}

/// A new application (from the public form, another intake system, or a clerk's registration).
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// 查询码 (unguessable, generated by the caller).
    pub query_code: String,
    /// The public form's nonce, so a resubmitted form finds its first submission.
    pub idempotency_key: Option<String>,
    /// Who applies.
    pub applicant: ApplicantRecord,
    /// The information asked for, in one line.
    pub request_summary: String,
    /// What is asked for and how it is to be provided (JSON).
    pub request_json: String,
    /// The registration from `application::register`: the case and its events.
    pub registered: Transition,
    /// The answer deadline.
    pub due: Due,
    /// Files that came with it.
    pub attachments: Vec<NewAttachment>,
    /// Letters issued with the registration (the 接收回执).
    pub letters: Vec<NewLetter>,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// Its id.
    pub id: i64,
    /// The agency it was made to.
    pub agency_id: AgencyId,
    /// 登记编号, e.g. `2026-00012`.
    pub number: String,
    /// 查询码.
    pub query_code: String,
    /// The domain case.
    pub case: Case,
    /// 申请人姓名或名称.
    pub applicant_name: String,
    /// 联系电话 (digits).
    pub applicant_phone: String,
    /// Who applies (JSON).
    pub applicant_json: String,
    /// The information asked for, in one line.
    pub request_summary: String,
    /// What is asked for and how (JSON).
    pub request_json: String,
    /// Who handles it inside the agency.
    pub routing: Routing,
    /// The answer deadline as last computed.
    pub due: Due,
    /// An earlier application of the same applicant asking the same.
    pub duplicate_of: Option<i64>,
    /// Optimistic-locking version.
    pub version: i32,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

/// One step of a case: the new state and what comes with it, saved together.
#[derive(Debug, Clone)]
pub struct CaseStep {
    /// The case after the step.
    pub case: Case,
    /// Where it sits after the step.
    pub routing: Routing,
    /// The deadline after the step.
    pub due: Due,
    /// The step's audit events (from the domain).
    pub events: Vec<AuditEvent>,
    /// Files added with the step.
    pub attachments: Vec<NewAttachment>,
    /// Letters issued with the step.
    pub letters: Vec<NewLetter>,
}

/// A line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    /// Its id.
    pub id: i64,
    /// The agency.
    pub agency_id: AgencyId,
    /// 登记编号.
    pub number: String,
    /// 申请人.
    pub applicant_name: String,
    /// Table-三 column id.
    pub applicant_type: String,
    /// 申请渠道 id.
    pub channel: String,
    /// Status key.
    pub status: String,
    /// Still open.
    pub open: bool,
    /// The information asked for.
    pub request_summary: String,
    /// 收到申请之日.
    pub received_on: NaiveDate,
    /// The deadline.
    pub due: Due,
    /// Reply or closure date.
    pub concluded_on: Option<NaiveDate>,
    /// Outcome row key.
    pub outcome: Option<String>,
    /// The clerk it is assigned to.
    pub assignee_id: Option<i64>,
    /// Marked as a possible repeat.
    pub duplicate_of: Option<i64>,
}

/// Which table-三 cell a list is drilled down to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellRow {
    /// 一、本年新收.
    Received,
    /// 二、上年结转.
    CarriedOver,
    /// A result row, by its 2021-format key (2019's `other` covers the three closure keys).
    Outcome(String),
    /// （七）总计: concluded in the year.
    Concluded,
    /// 四、结转下年度继续办理.
    CarriedForward,
}

/// Filters of the case list (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Open or concluded.
    pub open: Option<bool>,
    /// Status key.
    pub status: Option<String>,
    /// Channel id.
    pub channel: Option<String>,
    /// Outcome row key.
    pub outcome: Option<String>,
    /// Part of the applicant's name.
    pub applicant: Option<String>,
    /// Received on or after.
    pub received_from: Option<NaiveDate>,
    /// Received on or before.
    pub received_to: Option<NaiveDate>,
    /// 查询码 or 登记编号.
    pub code: Option<String>,
    /// Due on or before (due soon / overdue), open cases only.
    pub due_by: Option<NaiveDate>,
    /// Assigned to.
    pub assignee: Option<i64>,
    /// A table-三 cell: (year, row, applicant-type id or `None` for 总计).
    pub cell: Option<(i32, CellRow, Option<String>)>,
}

/// One group of the table-三 count: cases of one applicant type with the same receipt year,
/// conclusion year and outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseCount {
    /// Receipt year.
    pub received_year: i32,
    /// Conclusion year, if concluded.
    pub concluded_year: Option<i32>,
    /// Outcome row key, if concluded.
    pub outcome: Option<String>,
    /// Applicant-type id.
    pub applicant_type: String,
    /// How many.
    pub n: u64,
}

/// 收费通知 of a year: how many were issued and for how much, and what was paid in it (分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FeeTotals {
    /// Notices issued in the year.
    pub notices: u64,
    /// Their total amount.
    pub notice_fen: i64,
    /// Paid in the year.
    pub collected_fen: i64,
}

/// Applications in the store.
#[async_trait]
pub trait CaseStore {
    /// Stores a new application with its files and events and gives it its 登记编号. A second
    /// submission with the same idempotency key returns the first, unchanged.
    async fn create_application(
        &self,
        agency: AgencyId,
        new: &NewApplication,
    ) -> StoreResult<Application>;
    /// Files an application from the public form: claims its challenge, counts it against the
    /// sender's address and stores it, in one transaction (on SQLite shared with submissions
    /// arriving at the same time). Returns once it is durable.
    async fn submit_online(
        &self,
        agency: AgencyId,
        submission: OnlineSubmission,
    ) -> StoreResult<Submitted>;
    /// One application inside `scope`.
    async fn application(&self, scope: Scope, id: i64) -> StoreResult<Application>;
    /// The application with this 查询码 (for the applicant's status page; not scoped).
    async fn application_by_code(&self, code: &str) -> StoreResult<Option<Application>>;
    /// A page of the list inside `scope`, and the total number of matches.
    async fn applications(
        &self,
        scope: Scope,
        filter: &CaseFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<CaseRow>, u64)>;
    /// Saves one step if the application is still at `version`.
    async fn commit_step(
        &self,
        agency: AgencyId,
        id: i64,
        version: i32,
        step: &CaseStep,
    ) -> StoreResult<Application>;
    /// The audit events of one application, oldest first (its timeline).
    async fn case_events(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<AuditEntry>>;
    /// The attachments of one application.
    async fn attachments(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<Attachment>>;
    /// One attachment and its content.
    async fn attachment(
        &self,
        agency: AgencyId,
        attachment: i64,
    ) -> StoreResult<(Attachment, Vec<u8>)>;
    /// The letters of one application, oldest first.
    async fn letters(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<Letter>>;
    /// The next number of a per-agency counter (e.g. `letter:2026`); never given out twice.
    async fn next_serial(&self, agency: AgencyId, counter: &str) -> StoreResult<i64>;
    /// Cases of `agency` that table 三 of `year` counts, grouped.
    async fn case_counts(&self, agency: AgencyId, year: i32) -> StoreResult<Vec<CaseCount>>;
    /// The 收费通知 of `agency` issued in `year` and what was paid in it (the annual report's
    /// fee statement, section 六).
    async fn fee_totals(&self, agency: AgencyId, year: i32) -> StoreResult<FeeTotals>;
    /// Every open application of the platform (to recompute deadlines when the calendar changes).
    async fn open_applications(&self) -> StoreResult<Vec<Application>>;
}
