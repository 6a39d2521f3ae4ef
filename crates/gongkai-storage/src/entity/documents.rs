//! `documents`: one document of the registry (政府信息公开目录). The domain `DocumentRecord` is
//! kept whole in `record_json` (the one truth); the other columns are copies that the clerk's
//! list and the public 专栏 filter and sort on, written in the same statement as the JSON. The
//! `pub_*` columns are the public version's, and are `NULL` whenever nothing is public.

use sea_orm::entity::prelude::*;

/// One document row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency whose registry holds it.
    pub agency_id: i64,
    /// 索引号, unique per agency.
    pub index_no: String,
    /// `Document::status_key`.
    pub status: String,
    /// The working copy's 标题 (the clerk's list).
    pub title: String,
    /// The working copy's 文号.
    pub doc_no: String,
    /// The working copy's 成文日期.
    pub written_on: Date,
    /// 规章 / 行政规范性文件 marker key, if any.
    pub marker: Option<String>,
    /// The domain record (JSON).
    pub record_json: String,
    /// Whether anything of it is public (the latest version, not withdrawn).
    pub public: bool,
    /// The public version's 标题.
    pub pub_title: Option<String>,
    /// The public version's 文号.
    pub pub_doc_no: Option<String>,
    /// The public version's 成文日期.
    pub pub_written_on: Option<Date>,
    /// 发布日期 of the public version (the latest 更正).
    pub pub_updated_on: Option<Date>,
    /// The public version's 第二十条 / 第二十一条 item id.
    pub pub_item: Option<String>,
    /// The public version's 主题分类 code.
    pub pub_topic: Option<String>,
    /// The public version's 体裁分类 code.
    pub pub_genre: Option<String>,
    /// 有效性 key.
    pub pub_validity: Option<String>,
    /// The 索引号 the public version interprets (政策解读), if any.
    pub pub_interprets: Option<String>,
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
