//! `agencies`: the agency tree. `audit_seq` / `audit_head` anchor the end of the agency's audit chain.

use sea_orm::entity::prelude::*;

/// One agency row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agencies")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The parent agency, `None` for a root.
    pub parent_id: Option<i64>,
    /// 机关名称
    pub name: String,
    /// 机关代码 (prefix of 索引号), unique.
    pub code: String,
    /// Stable identifier of the level.
    pub level: String,
    /// 通讯地址
    pub address: String,
    /// 邮政编码
    pub postcode: String,
    /// 联系电话
    pub phone: String,
    /// 电子邮箱
    pub email: String,
    /// Number of the last audit event of this agency (0: none yet).
    pub audit_seq: i64,
    /// Hash of the last audit event of this agency.
    pub audit_head: String,
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
