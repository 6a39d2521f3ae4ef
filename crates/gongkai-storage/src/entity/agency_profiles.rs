//! `agency_profiles`: an agency's disclosure settings (复议机关, court, 文号 pattern, office
//! hours …) as JSON.

use sea_orm::entity::prelude::*;

/// One profile.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agency_profiles")]
pub struct Model {
    /// The agency.
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i64,
    /// The settings (JSON).
    pub profile_json: String,
    /// Optimistic-locking version.
    pub version: i32,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
