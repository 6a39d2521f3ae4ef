//! `api_tokens`: bearer tokens for `/api/v1`, stored as SHA-256 hashes only.

use sea_orm::entity::prelude::*;

/// One token row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency of the owning account.
    pub agency_id: i64,
    /// The owning account; the token acts as this account.
    pub user_id: i64,
    /// A label chosen by the owner.
    pub name: String,
    /// Hex SHA-256 of the secret, unique.
    pub token_hash: String,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// When it stops working, if it expires.
    pub expires_at: Option<DateTimeUtc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTimeUtc>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
