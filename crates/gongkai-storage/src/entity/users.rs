//! `users`: accounts, each in one agency.

use sea_orm::entity::prelude::*;

/// One account row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency the account belongs to.
    pub agency_id: i64,
    /// Login name, unique on the platform.
    pub username: String,
    /// 姓名
    pub display_name: String,
    /// Stable identifier of the role.
    pub role: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Disabled accounts cannot log in.
    pub active: bool,
    /// The password was set by someone else and must be changed at next login.
    pub must_change_password: bool,
    /// Raised on every password change and disable; older sessions are over.
    pub session_epoch: i32,
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
